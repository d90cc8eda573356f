# Every hostile fixture is refused: exit 65, the expected message naming
# file, line and field (fixtures/hostile/NAME.err), and the store exactly
# as it was before. Every file of fixtures/hostile/ (committed or written
# by make.sh) is one: a fixture without its NAME.err, or a NAME.err
# without its fixture, fails the suite, so none is silently skipped.
. "$(dirname "$0")/lib.sh"

S=A1B2C3D4E5F6G7
D=$T_TMP/d
H=$T_TMP/hostile
mkdir -p "$H"
for f in "$FIX"/hostile/*; do
	case $(basename "$f") in
	README.md | make.sh | *.err) ;;
	*) cp "$f" "$H"/ ;;
	esac
done
bash "$FIX/hostile/make.sh" "$H" >/dev/null
for f in "$H"/*; do
	[ -f "$FIX/hostile/$(basename "$f").err" ] ||
	    not_ok "$(basename "$f") has its expected error beside it" \
	    "no fixtures/hostile/$(basename "$f").err"
done
for e in "$FIX"/hostile/*.err; do
	[ -f "$H/$(basename "$e" .err)" ] ||
	    not_ok "$(basename "$e") has its fixture" \
	    "neither committed nor written by make.sh"
done

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
