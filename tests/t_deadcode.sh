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
dead=
while read -r f; do
	# Uses: any mention in C that is neither a declaration in a header
	# nor the definition's own line ("name(" at the start of a line).
	n=$(grep -rnw --include='*.c' --include='*.h' -e "$f" lib store \
	    ingest market audit claims reports cli tests bench |
	    grep -v -E "^[^:]*\.h:" |
	    grep -v -E "^[^:]*\.c:[0-9]+:$f\(" | wc -l)
	[ "$n" -eq 0 ] && dead="$dead $f"
done <"$T_TMP/exported"
expect_eq "every exported function is called" "" "$dead"
finish
