# Every report type imports from its fixture, plain and gzipped, and the
# store's content matches the golden dump beside the fixture. Windows-1252,
# Shift_JIS and CRLF+BOM copies are declared and must load the same facts.
. "$(dirname "$0")/lib.sh"

S=A1B2C3D4E5F6G7

for f in "$FIX"/*/*.tsv "$FIX"/*/*.xml "$FIX"/*/*.json; do
	# hostile/ must be refused; marketplace/ is the fake's data;
	# reports/ holds golden outputs, not inputs.
	case $f in "$FIX"/hostile/* | "$FIX"/marketplace/* | \
	    "$FIX"/reports/*) continue ;; esac
	rel=${f#"$FIX"/}
	args=()
	case $f in
	*.cp1252.*) args=(--charset windows-1252) ;;
	*.sjis.*) args=(--charset shift_jis) ;;
	esac
	import_dump plain "$f" "${args[@]}" || continue
	golden "golden $rel" "$f.golden" "$T_TMP/plain.dump"
	# The same bytes gzipped (detected by magic, whatever the name).
	gzip -n -c "$f" >"$T_TMP/report.bin"
	import_dump gz "$T_TMP/report.bin" "${args[@]}" &&
	    expect_cmp "gzip $rel" "$T_TMP/plain.dump" "$T_TMP/gz.dump"
done

# A CRLF + BOM copy and a Windows-1252 copy hold the same facts as the
# UTF-8 original, but for characters Windows-1252 lacks.
import_dump utf8 "$FIX/ledger/ledger.tsv"
import_dump crlf "$FIX/ledger/ledger.crlf-bom.tsv"
expect_cmp "CRLF and BOM load the same rows" "$T_TMP/utf8.dump" \
    "$T_TMP/crlf.dump"
import_dump cp "$FIX/ledger/ledger.cp1252.tsv" --charset windows-1252
expect_grep "Windows-1252 is converted to UTF-8" 'Größe' "$T_TMP/cp.dump"
import_dump latin "$FIX/hostile/latin1_undeclared.tsv" --charset iso-8859-1
expect_grep "declared ISO-8859-1 imports" 'Größe' "$T_TMP/latin.dump"

# --type overrides detection; a type whose columns are missing is refused.
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S --type ledger \
    "$FIX/ledger/ledger.tsv" 2>"$T_TMP/err"
expect_eq "--type ledger on a ledger" 0 $?
fb -q -d "$T_TMP/d" import --seller $S --type returns \
    "$FIX/reimbursements/reimbursements.tsv" 2>"$T_TMP/err"
expect_eq "--type returns on reimbursements is refused" 65 $?
expect_grep "--type mismatch names the missing column" \
    'return-date: required column is missing' "$T_TMP/err"
finish
