# Every hostile fixture is refused: exit 65, the expected message naming
# file, line and field (fixtures/hostile/NAME.err), and the store exactly
# as it was before.
. "$(dirname "$0")/lib.sh"

S=A1B2C3D4E5F6G7
D=$T_TMP/d
H=$T_TMP/hostile
mkdir -p "$H"
cp "$FIX"/hostile/*.tsv "$FIX"/hostile/*.csv "$FIX"/hostile/*.xml \
    "$FIX"/hostile/*.json "$H"/
bash "$FIX/hostile/make.sh" "$H" >/dev/null

# A store with data in it, so "unchanged" means something.
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv" \
    "$FIX/reimbursements/reimbursements.tsv"
dump "$D" $S >"$T_TMP/before"

for f in "$H"/*; do
	name=$(basename "$f")
	# Run from the file's folder so messages name it without a path.
	(cd "$H" && fb -q -d "$D" import --seller $S "$name") \
	    2>"$T_TMP/err"
	expect_eq "$name is refused with 65" 65 $?
	golden "$name message" "$FIX/hostile/$name.err" "$T_TMP/err"
	dump "$D" $S >"$T_TMP/after"
	expect_cmp "$name leaves the store unchanged" "$T_TMP/before" \
	    "$T_TMP/after"
done
# The XXE target was never read into anything.
expect_no_grep "no /etc/passwd content in the store" 'root:' "$T_TMP/after"
finish
