# No dead code: every function the library exports is called somewhere
# (another file, a test, a tool, or its own file), not only declared in
# a header and defined. A function nobody calls is deleted, not kept.
. "$(dirname "$0")/lib.sh"

lib=$(dirname "$FBAUDIT")/libfbaudit.a
if [ ! -f "$lib" ]; then
	not_ok "the library beside $FBAUDIT" "no $lib"
	finish
fi
nm -g --defined-only "$lib" 2>/dev/null | awk '$2 == "T" { print $3 }' |
    sort -u >"$T_TMP/exported"
expect_eq "the library exports functions" yes \
    "$([ -s "$T_TMP/exported" ] && echo yes)"
cd "$TOP" || finish
# Uses: every word of the C files, leaving out the headers (declarations)
# and each definition's own line ("name(" at the start of a line). One
# pass over the tree, not one grep a function.
grep -rh --include='*.c' -v -E '^[A-Za-z_][A-Za-z0-9_]*\(' lib store \
    ingest market audit claims reports cli tests bench |
    grep -o -w -E '[A-Za-z_][A-Za-z0-9_]*' | sort -u >"$T_TMP/used"
dead=$(comm -23 "$T_TMP/exported" "$T_TMP/used" | tr '\n' ' ')
dead=${dead% }
expect_eq "every exported function is called" "" "$dead"
finish
