# Nothing filed from an incomplete night (issue 15 §1), with the real
# binary against the loopback fake Selling Partner API: a refund claim
# is filed only when the returns and reimbursements reports are complete
# through its evidence and through today less their lag. Two sellers
# with the same reports: TRUST1's customer returns report is still
# generating at report_patience, TRUST2's reimbursements report is
# FATAL. That night files nothing for either: the claims wait, their
# history says why, the run's lines say what is missing and it exits 1,
# deadline_looming warns of the one that cannot wait. The next night,
# every report arrives: the returned order is resolved, the reimbursed
# one auto_reimbursed, the rest filed; the lines say ok and it exits 0.
. "$(dirname "$0")/lib.sh"

NOW=2025-12-01
NEXT=2025-12-02
THIRD=2025-12-03
FX=$T_TMP/fx
D=$T_TMP/d
C=$T_TMP/fbaudit.ini
FAKE_PID=
FAKE_PORT=
trap 'stop_bg "$FAKE_PID"; rm -rf "$T_TMP"' EXIT

# The reports. Four refunds of one unit, their windows (60..120 days)
# open on NOW: A never came back; B Amazon reimbursed (reimbursements);
# C came back (returns); D's window closes on 2025-12-03.
mkdir -p "$FX"
python3 "$TOP/tests/mksettlement.py" "$FX/settlement.tsv" 19000000777 \
    "Order|111-0000777-000000A||ItemPrice|Principal|40.00|2025-09-20|1|RFD-A" \
    "Order|111-0000777-000000B||ItemPrice|Principal|40.00|2025-09-20|1|RFD-B" \
    "Order|111-0000777-000000C||ItemPrice|Principal|40.00|2025-09-20|1|RFD-C" \
    "Order|111-0000777-000000D||ItemPrice|Principal|40.00|2025-08-01|1|RFD-D" \
    "Refund|111-0000777-000000A|7001|ItemPrice|Principal|-40.00|2025-09-25|1|RFD-A" \
    "Refund|111-0000777-000000B|7002|ItemPrice|Principal|-40.00|2025-09-25|1|RFD-B" \
    "Refund|111-0000777-000000C|7003|ItemPrice|Principal|-40.00|2025-09-25|1|RFD-C" \
    "Refund|111-0000777-000000D|7004|ItemPrice|Principal|-40.00|2025-08-05|1|RFD-D"
{
	printf 'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t'
	printf 'Quantity\tFulfillment Center\tDisposition\tReason\tCountry\n'
	for k in A B C D; do
		printf '09/10/2025\tX00RFD000%s\tB0RFD0000%s\tRFD-%s\tThing %s\t' \
		    $k $k $k $k
		printf 'Receipts\tFBA15RFD\t5\tPHX7\tSELLABLE\t\tUS\n'
	done
} >"$FX/ledger.tsv"
{
	head -1 "$FIX/reimbursements/reimbursements.tsv"
	printf '2025-11-20T10:00:00+00:00\t9900001\t\t111-0000777-000000B\t'
	printf 'CustomerReturn\tRFD-B\tX00RFD000B\tB0RFD0000B\tThing B\tNew\t'
	printf 'USD\t40.00\t40.00\t1\t0\t1\t\t\n'
} >"$FX/reimbursements.tsv"
{
	head -1 "$FIX/returns/returns.tsv"
	printf '2025-11-10T10:00:00+00:00\t111-0000777-000000C\tRFD-C\t'
	printf 'B0RFD0000C\tX00RFD000C\tThing C\t1\tPHX7\tSELLABLE\t'
	printf 'UNWANTED_ITEM\tUnit returned to inventory\tLPN1\t\n'
} >"$FX/returns.tsv"
head -1 "$FIX/removal_orders/removal_orders.tsv" >"$FX/removal_orders.tsv"
head -1 "$FIX/removal_shipments/removal_shipments.tsv" \
    >"$FX/removal_shipments.tsv"
echo '[{"payload": {"ShipmentData": []}}]' >"$FX/inbound.json"
python3 - "$FX/sellers.json" <<'PY'
import json, sys
seller = {
    "country": "US", "marketplaces": ["ATVPDKIKX0DER"],
    "reports": {
        "GET_LEDGER_DETAIL_VIEW_DATA": "ledger.tsv",
        "GET_FBA_REIMBURSEMENTS_DATA": "reimbursements.tsv",
        "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA": "returns.tsv",
        "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA":
            "removal_orders.tsv",
        "GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA":
            "removal_shipments.tsv"},
    "settlements": {
        "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2": ["settlement.tsv"],
        "GET_V2_SETTLEMENT_REPORT_DATA_XML": []},
    "inbound": "inbound.json"}
json.dump({"TRUST1": seller, "TRUST2": seller}, open(sys.argv[1], "w"))
PY

rm -f "$T_TMP/port"
python3 "$TOP/tests/fake_spapi.py" --fixtures "$FX" \
    --marketplace "$FX/sellers.json" --delay 0.2 \
    --fault stuck_returns:TRUST1 --fault fatal_reimbursements:TRUST2 \
    >"$T_TMP/port" 2>"$T_TMP/fake.err" &
FAKE_PID=$!
wait_for "the fake's port" grep -q '^PORT ' "$T_TMP/port" || finish
FAKE_PORT=$(sed -n 's/^PORT //p' "$T_TMP/port")
{
	echo "[fbaudit]"
	echo "claims_transport = outbox"
	echo "poll_interval = 0.2"
	echo "retry_base = 0.05"
	echo "retry_tries = 4"
	echo "report_patience = 2"
	echo "history_days = 120"
	for s in TRUST1 TRUST2; do
		fake_secrets $s
		fake_seller $s "$FAKE_PORT"
	done
} >"$C"

# status SELLER ORDER: the refund claim's status and why it waits.
status() {
	sqlite3 "$D/$1/store.db" "SELECT status || '|' || coalesce(hold, '')
	    FROM claims WHERE reference_id = '$2'"
}
packets() { find "$D/$1/outbox" -name '*.json' 2>/dev/null | wc -l; }

# --- The incomplete night. --------------------------------------------
fb -C "$C" -d "$D" --now $NOW run >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "an incomplete night: exit 1" 1 $?
expect_grep "TRUST1's line is not ok and names the returns" \
    '^TRUST1: incomplete: .*reports* still generating.*customer returns (none)' \
    "$T_TMP/out"
expect_grep "TRUST2's line names the FATAL reimbursements" \
    '^TRUST2: failed: .*incomplete: 2 reports FATAL.*reimbursements (none)' \
    "$T_TMP/out"
expect_no_grep "no seller's night is ok" '^TRUST[12]: ok' "$T_TMP/out"
expect_grep "the totals count it" '1 incomplete$' "$T_TMP/out"
expect_eq "TRUST1: nothing filed" 0 "$(packets TRUST1)"
expect_eq "TRUST2: nothing filed" 0 "$(packets TRUST2)"
expect_eq "TRUST1: nothing handed to a transport" 0 \
    "$(sqlite3 "$D/TRUST1/store.db" "SELECT count(*) FROM claim_filings")"
expect_grep "TRUST1: the refund that came back waits for the returns" \
    "^eligible|waiting for Amazon's reports: customer returns report never arrived" \
    <(status TRUST1 111-0000777-000000C)
expect_eq "TRUST1: the refund Amazon reimbursed is no claim" "" \
    "$(status TRUST1 111-0000777-000000B)"
expect_grep "TRUST2: the reimbursed refund waits for the reimbursements" \
    "^eligible|waiting for Amazon's reports: reimbursements report never arrived" \
    <(status TRUST2 111-0000777-000000B)
expect_eq "TRUST2: the refund that came back is no claim" "" \
    "$(status TRUST2 111-0000777-000000C)"
expect_grep "the wait is in the claim's history" \
    "eligible|eligible|audit|deferred: waiting for Amazon's reports" \
    <(sqlite3 "$D/TRUST1/store.db" "SELECT old_status, new_status, actor,
    detail FROM claim_events WHERE claim_id = (SELECT claim_id FROM claims
    WHERE reference_id = '111-0000777-000000A')")
expect_grep "the dashboard says so" "Waiting for Amazon&#39;s reports" \
    "$D/TRUST1/dashboard.html"
expect_grep "deadline_looming warns of the claim that cannot wait" \
    "1 of them waits for Amazon's reports" \
    <(fb -d "$D" anomalies list --seller TRUST1 --format json |
    python3 -c 'import json, sys
for a in json.load(sys.stdin):
    if a["kind"] == "deadline_looming":
        print(a["subject"], a["advice"])')
fb -C "$C" -d "$D" --now $NOW claims file --seller TRUST1 \
    >"$T_TMP/file.out" 2>&1
expect_eq "claims file by hand files nothing either" 0 "$(packets TRUST1)"

# --- The next night: every report arrives. ----------------------------
# night: no fault, and a day's worth of every bucket (the nights run
# seconds apart, not a day).
night() {
	python3 "$TOP/tests/fake_query.py" "$FAKE_PORT" control \
	    '{"faults": [], "new_day": true}'
}
night
fb -C "$C" -d "$D" --now $NEXT run >"$T_TMP/out" 2>"$T_TMP/log"
# TRUST1's returns report of last night arrived, covering the days to
# last night: within the report's lag of today, so the claims are filed,
# but the night is not whole until the next fetch asks for today.
expect_eq "the reports arrived, one a day short: exit 1" 1 $?
expect_grep "TRUST2's night is ok" '^TRUST2: ok: ' "$T_TMP/out"
expect_grep "TRUST1's line says how far the returns reach" \
    "^TRUST1: incomplete: .*customer returns (through 2025-11-30)" \
    "$T_TMP/out"
expect_eq "TRUST1: the returned refund is resolved, never filed" \
    "resolved|" "$(status TRUST1 111-0000777-000000C)"
expect_eq "TRUST2: the reimbursed refund is auto_reimbursed, never filed" \
    "auto_reimbursed|" "$(status TRUST2 111-0000777-000000B)"
for s in TRUST1 TRUST2; do
	expect_eq "$s: the refunds never returned are filed" "ready|
ready|" "$(status $s 111-0000777-000000A; status $s 111-0000777-000000D)"
	expect_eq "$s: two packets, no more" 2 "$(packets $s)"
done
expect_grep "the end of the wait is in the history" \
    "no longer deferred" <(sqlite3 "$D/TRUST1/store.db" "SELECT detail
    FROM claim_events")

# --- The third night: every report reaches today. ----------------------
night
fb -C "$C" -d "$D" --now $THIRD run >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "a complete night: exit 0" 0 $?
expect_grep "TRUST1's night is ok" '^TRUST1: ok: ' "$T_TMP/out"
expect_grep "TRUST2's night is ok" '^TRUST2: ok: ' "$T_TMP/out"
expect_grep "the totals count no incomplete seller" '0 incomplete$' \
    "$T_TMP/out"
for s in TRUST1 TRUST2; do
	expect_eq "$s: still two packets" 2 "$(packets $s)"
done
# The fetch kept to Amazon's usage plans on all three nights.
expect_eq "no call beyond a bucket's rate" "[]" \
    "$(python3 "$TOP/tests/fake_query.py" "$FAKE_PORT" stats \
    'd["violations"]')"
finish
