# The design is in the repository (issue 17 §4): docs/design.md exists,
# no comment, script or document points at a design outside the
# repository, every "docs/design.md §N" cited is a section of it, and
# the layering rules its §1.1 states hold in the code.
. "$(dirname "$0")/lib.sh"

cd "$TOP" || finish
D=docs/design.md

expect_eq "$D exists" yes "$([ -s "$D" ] && echo yes)"

# The repository's text files, without builds, git and report data (a
# product title may say anything). This file names the patterns itself.
files() {
	grep -rlI --exclude-dir=.git --exclude=.git --exclude-dir=build \
	    --exclude='*.tsv' --exclude='*.csv' --exclude='*.xml' \
	    --exclude='*.json' --exclude='*.golden' --exclude='*.dump' \
	    --exclude='*.html' --exclude=t_docs.sh -e '' . 2>/dev/null
}
files >"$T_TMP/files"
expect_eq "there are files to check" yes \
    "$([ "$(wc -l <"$T_TMP/files")" -gt 100 ] && echo yes)"

# Outside the repository: the old design file, wherever it lay, and
# references by its name ("DESIGN 6.1", "DESIGN §8", "DESIGN's").
tr '\n' '\0' <"$T_TMP/files" | xargs -0 grep -nE \
    -e 'shared/DESIGN' -e '\.\./shared/' -e '/work/shared' \
    -e '\bDESIGN\b' >"$T_TMP/outside" 2>/dev/null
expect_eq "nothing points at a design outside the repository" "" \
    "$(head -5 "$T_TMP/outside")"

# The sections of docs/design.md: "## 6. Audit", "### 6.1 Claim types".
sed -nE 's/^#{2,4} ([0-9]+(\.[0-9]+)*)\.? .*/\1/p' "$D" | sort -u \
    >"$T_TMP/sections"
for n in 1 2 3 4 5 6 6.1 6.2 6.3 6.4 7 8 9 10; do
	grep -qx "$n" "$T_TMP/sections" || echo "$n"
done >"$T_TMP/missing"
expect_eq "$D keeps the section numbers the code cites" "" \
    "$(tr '\n' ' ' <"$T_TMP/missing")"

# Every citation: "docs/design.md §6.1", "docs/design.md §6.3, §7",
# "docs/design.md §3 and §4", and inside the page itself "(§7.1)".
tr '\n' '\0' <"$T_TMP/files" | xargs -0 grep -ohE \
    'docs/design\.md §[0-9]+(\.[0-9]+)*((, | and | or )§[0-9]+(\.[0-9]+)*)*' \
    2>/dev/null | grep -oE '§[0-9]+(\.[0-9]+)*' >"$T_TMP/cited"
grep -oE '§[0-9]+(\.[0-9]+)*' "$D" >>"$T_TMP/cited"
expect_eq "code and documents cite $D" yes \
    "$([ "$(wc -l <"$T_TMP/cited")" -gt 50 ] && echo yes)"
sed 's/^§//' "$T_TMP/cited" | sort -u | while read -r n; do
	grep -qx "$n" "$T_TMP/sections" || echo "§$n"
done >"$T_TMP/dangling"
expect_eq "every section cited exists in $D" "" \
    "$(tr '\n' ' ' <"$T_TMP/dangling")"

# docs/design.md §1.1: what each layer may include.
layer() {
	dir=$1
	shift
	pat=$(printf '%s|' "$@")
	grep -nE '#include "[a-z_]+/' "$dir"/*.[ch] |
	    grep -vE "#include \"(${pat%|})/"
}
expect_eq "lib/ includes only lib/" "" "$(layer lib lib)"
expect_eq "store/ includes only lib/ and store/" "" \
    "$(layer store lib store)"
expect_eq "ingest/ includes only lib/ and store/" "" \
    "$(layer ingest lib store ingest)"
expect_eq "audit/ includes only lib/ and store/" "" \
    "$(layer audit lib store audit)"
expect_eq "reports/ includes only lib/ and store/" "" \
    "$(layer reports lib store reports)"
expect_eq "claims/ includes only lib/, store/ and market's HTTP" "" \
    "$(layer claims lib store claims market |
    grep -v '#include "market/http\.h"')"
expect_eq "market/ uses store/ and ingest/ only to fetch and notify" "" \
    "$(layer market lib market store ingest |
    grep -vE '^market/(fetch[a-z_]*\.[ch]|webhook\.c|reports\.h):')"
expect_eq "SQL lives only in store/" "" \
    "$(grep -lE 'sqlite3' lib/*.[ch] ingest/*.[ch] market/*.[ch] \
    audit/*.[ch] claims/*.[ch] reports/*.[ch] cli/*.[ch])"
expect_eq "detectors never print" "" \
    "$(grep -nE '\b(printf|fprintf|puts|fputs|putchar|fwrite|log_[a-z_]+)\(' \
    audit/*.c)"
expect_eq "reports only read the store" "" \
    "$(grep -nE 'store_(begin|commit|[a-z_]*_(add|put|set|clear))\(' \
    reports/*.c)"
finish
