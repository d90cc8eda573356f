# claims list and show: untrusted text from reports stays inert in every
# output (CSV formula guard, no terminal escapes), JSON is valid, and bad
# arguments are usage errors.
. "$(dirname "$0")/lib.sh"

S=T2
D=$T_TMP/d
L=$T_TMP/ledger.tsv
esc=$(printf '\033')
{
	printf 'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t'
	printf 'Quantity\tFulfillment Center\tDisposition\tReason\tCountry\n'
	printf '09/05/2025\tX00EVIL001\tB0EVIL0001\t=HYPERLINK(1)\t'
	printf 'Bad %s[31mred%s[0m "title"\tAdjustments\t90001\t-2\tPHX7\t' \
	    "$esc" "$esc"
	printf 'SELLABLE\tM\tUS\n'
	printf '09/06/2025\tX00OK00001\tB0OK000001\t+PLUS-SKU\tPlain\t'
	printf 'Adjustments\t90002\t-1\tPHX7\tSELLABLE\t5\tUS\n'
} >"$L"
fb -q -d "$D" import --seller $S "$L"
fb -q -d "$D" --now 2025-10-31 audit
expect_eq "audit succeeds" 0 $?

fb -d "$D" claims list --format csv >"$T_TMP/claims.csv"
expect_eq "CSV has a header and two claims" 3 "$(wc -l <"$T_TMP/claims.csv")"
expect_grep "a formula-looking MSKU is guarded" ",'=HYPERLINK(1)," \
    "$T_TMP/claims.csv"
expect_grep "a leading + is guarded" ",'+PLUS-SKU," "$T_TMP/claims.csv"
expect_grep "CSV rows end in CRLF" $'\r$' "$T_TMP/claims.csv"
expect_grep "amount is two decimals, empty when unknown" \
    ',2,,USD,,2025-09-05,2025-11-04' "$T_TMP/claims.csv"

fb -d "$D" claims list --format json >"$T_TMP/claims.json"
expect_eq "JSON parses and holds both claims" 2 \
    "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' \
    "$T_TMP/claims.json")"
expect_grep "the title survives in JSON as text" '"title": "Bad \\u001[bB]\[31mred' \
    "$T_TMP/claims.json"

fb -d "$D" claims list >"$T_TMP/table"
id=$(sed -n '2s/,.*//p' "$T_TMP/claims.csv")
fb -d "$D" claims show "$id" >"$T_TMP/show"
expect_eq "claims show succeeds" 0 $?
expect_no_grep "no escape byte reaches the terminal (show)" "$esc" \
    "$T_TMP/show"
expect_no_grep "no escape byte reaches the terminal (table)" "$esc" \
    "$T_TMP/table"
expect_grep "show prints the evidence row" 'ledger.tsv:2 +2' "$T_TMP/show"

fb -q -d "$D" claims list --status nonsense 2>/dev/null
expect_eq "unknown --status is a usage error" 2 $?
fb -q -d "$D" claims list --type nonsense 2>/dev/null
expect_eq "unknown --type is a usage error" 2 $?
fb -q -d "$D" claims list --format xml 2>/dev/null
expect_eq "unknown --format is a usage error" 2 $?
fb -q -d "$D" claims show C0000000000000000 2>/dev/null
expect_eq "an unknown claim id is an error" 2 $?

# Filters: status and type.
expect_eq "--type warehouse_lost lists both" 3 \
    "$(fb -d "$D" claims list --type warehouse_lost --format csv | wc -l)"
expect_eq "--status pending lists none" 1 \
    "$(fb -d "$D" claims list --status pending --format csv | wc -l)"
finish
