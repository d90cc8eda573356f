# End-to-end audit: each folder of tests/audit/ is one scenario of small
# hand-built reports, its --now date (file "now") and the claims list
# derived by hand from docs/rules.md (expected.csv; see its README.md).
# For each: import into a fresh data dir, audit, compare the CSV; audit
# again and expect the same bytes; "claims show" of a claim exits 0.
# tests/audit/sample_seller/ is the whole sample seller of fixtures/,
# tests/audit/real_format_us_corpus/ the US files of fixtures/real/.
. "$(dirname "$0")/lib.sh"

S=T1
AUD=$TOP/tests/audit

# check_scenario NAME NOW FILE...: the checks above for one scenario.
check_scenario() {
	local name=$1 now=$2 d=$T_TMP/$1 id
	shift 2
	fb -q -d "$d" --now "$now" import --seller $S "$@" 2>"$T_TMP/err"
	expect_eq "$name: import succeeds" 0 $?
	fb -q -d "$d" --now "$now" audit 2>"$T_TMP/err"
	expect_eq "$name: audit succeeds" 0 $?
	fb -q -d "$d" claims list --format csv >"$T_TMP/$name.csv" \
	    2>"$T_TMP/err"
	expect_eq "$name: claims list succeeds" 0 $?
	expect_cmp "$name: claims match expected.csv" \
	    "$AUD/$name/expected.csv" "$T_TMP/$name.csv"
	fb -q -d "$d" --now "$now" audit 2>"$T_TMP/err"
	expect_eq "$name: second audit succeeds" 0 $?
	fb -q -d "$d" claims list --format csv >"$T_TMP/$name.again.csv" \
	    2>/dev/null
	expect_cmp "$name: second audit gives the same bytes" \
	    "$T_TMP/$name.csv" "$T_TMP/$name.again.csv"
	id=$(sed -n '2s/,.*//p' "$AUD/$name/expected.csv")
	if [ -n "$id" ]; then
		fb -q -d "$d" claims show "$id" >"$T_TMP/show" 2>&1
		expect_eq "$name: claims show $id exits 0" 0 $?
	fi
}

for dir in "$AUD"/*/; do
	name=$(basename "$dir")
	case $name in sample_seller | real_format_us_corpus) continue ;; esac
	files=()
	for f in "$dir"*; do
		case $(basename "$f") in
		now | expected.csv | README.md) ;;
		*) files+=("$f") ;;
		esac
	done
	check_scenario "$name" "$(cat "$dir/now")" "${files[@]}"
done

check_scenario sample_seller "$(cat "$AUD/sample_seller/now")" \
    "$FIX/ledger/ledger.tsv" \
    "$FIX/reimbursements/reimbursements.tsv" \
    "$FIX/returns/returns.tsv" \
    "$FIX/removal_orders/removal_orders.tsv" \
    "$FIX/removal_shipments/removal_shipments.tsv" \
    "$FIX/settlement/settlement.tsv" \
    "$FIX/settlement_xml/settlement.xml" \
    "$FIX/settlement/settlement_eu.tsv" \
    "$FIX/inbound/inbound.json" \
    "$FIX/unit_costs/unit_costs.tsv"

# Every US file of fixtures/real/ as one seller (issue 14 §1): the corpus
# agrees with itself, so its claims are worked out by hand in the README.
R=$FIX/real
check_scenario real_format_us_corpus \
    "$(cat "$AUD/real_format_us_corpus/now")" \
    "$R/ledger/ledger-16col-api-quoted.tsv" \
    "$R/reimbursements/reimbursements-api.tsv" \
    "$R/returns/returns-api.tsv" \
    "$R/removal_orders/removal-order-detail-us.tsv" \
    "$R/removal_shipments/removal-shipment-detail.tsv" \
    "$R/settlement/settlement-v2-us.tsv" \
    "$R/settlement_xml/settlement-us.xml" \
    "$R/inbound/shipments-v0.json" "$R/inbound/items-v0.json"

# Evidence texts go into the packet Amazon reads: money in them is written
# as the claim writes it ($5.00), never in minor units (500).
fb -q -d "$T_TMP/partial_refund" claims show C6dcf94fc13642b00 \
    >"$T_TMP/show" 2>&1
expect_grep "a partial refund's evidence names its money" \
    'partial refund of \$5\.00 (less than' "$T_TMP/show"
fb -q -d "$T_TMP/underpaid" claims show Cc6593f99ccee9616 \
    >"$T_TMP/show" 2>&1
expect_grep "an underpaid reimbursement's evidence names its money" \
    'paid \$9\.00 per unit, unit value \$10\.00 (my unit cost)' \
    "$T_TMP/show"
finish
