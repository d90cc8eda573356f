# claims reconcile: the golden scenario of tests/reconcile/ (see its
# README.md): reimbursements pay filed claims by case id or FIFO, fully,
# partly, one twice (no over-payment), and a reversal re-opens one.
. "$(dirname "$0")/lib.sh"

S=T3
R=$TOP/tests/reconcile
D=$T_TMP/d
q() { sqlite3 "$D/$S/store.db" "$1"; }
state() {
	q "SELECT claim_id, type, status, quantity, paid_units, paid_amount,
	    owed_amount, case_id FROM claims ORDER BY event_day, claim_id"
}

fb -q -d "$D" import --seller $S "$R/ledger.tsv" "$R/unit_costs.tsv" \
    "$R/reimbursements_before.tsv" 2>"$T_TMP/err"
expect_eq "import succeeds" 0 $?
fb -q -d "$D" --now 2025-07-15 audit 2>"$T_TMP/err"
expect_eq "audit succeeds" 0 $?
fb -q -d "$D" --now 2025-07-15 claims file >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "five claims ready to submit" 5 \
    "$(grep -c ' ready to submit' "$T_TMP/out")"
expect_eq "L2 is filed for the 3 units not paid before filing" 3 \
    "$(q "SELECT quantity FROM claims WHERE claim_id = 'C41b52f5215980e38'")"
fb -q -d "$D" --now 2025-07-16 claims mark C41b52f5215980e38 2>/dev/null
expect_eq "mark without --case-id or --denied is a usage error" 2 $?
fb -q -d "$D" --now 2025-07-16 claims mark Cbd9eed1f29ffa4be \
    --case-id 11110001 2>/dev/null &&
fb -q -d "$D" --now 2025-07-16 claims mark C8ff6429008d4452d \
    --case-id 11110003 2>/dev/null
expect_eq "case ids recorded" 0 $?
# The other three were submitted too; Amazon's payments will name no case.
for c in C41b52f5215980e38:22220002 C5b128843a5c28505:22220004 \
    C5675a09d00547169:22220005; do
	fb -q -d "$D" --now 2025-07-16 claims mark "${c%:*}" \
	    --case-id "${c#*:}" 2>/dev/null || not_ok "mark $c"
done
expect_eq "every claim is filed once its case id is recorded" 5 \
    "$(q "SELECT count(*) FROM claims WHERE status = 'filed'")"

fb -q -d "$D" import --seller $S "$R/reimbursements_after.tsv" 2>/dev/null
fb -q -d "$D" --now 2025-07-27 claims reconcile >"$T_TMP/step1" \
    2>"$T_TMP/err"
expect_eq "reconcile succeeds" 0 $?
golden "paid fully, partly, twice (no over-payment), FIFO" \
    "$R/step1.golden" "$T_TMP/step1"
fb -q -d "$D" --now 2025-07-27 claims reconcile >"$T_TMP/again" 2>&1
expect_eq "a second reconcile changes nothing" "" "$(cat "$T_TMP/again")"
cp -r "$D" "$T_TMP/before-reversal"

fb -q -d "$D" import --seller $S "$R/reversal.tsv" 2>/dev/null
fb -q -d "$D" --now 2025-07-30 claims reconcile >"$T_TMP/step2" \
    2>"$T_TMP/err"
golden "a reversal re-opens the claim it paid" "$R/step2.golden" \
    "$T_TMP/step2"
state >"$T_TMP/final"
golden "statuses, paid units and amounts, amount owed" "$R/final.golden" \
    "$T_TMP/final"
expect_eq "history: L3 reimbursed then re-opened, by reconcile" \
    "filed>reimbursed|reimbursed>filed" "$(q "SELECT group_concat(
    old_status || '>' || new_status, '|') FROM claim_events WHERE
    claim_id = 'C5b128843a5c28505' AND actor = 'reconcile'")"
fb -q -d "$D" --now 2025-07-30 audit 2>/dev/null
state >"$T_TMP/after-audit"
expect_cmp "an audit afterwards changes no filed claim" "$R/final.golden" \
    "$T_TMP/after-audit"

# audit reconciles by itself, after detection.
D=$T_TMP/before-reversal
fb -q -d "$D" import --seller $S "$R/reversal.tsv" 2>/dev/null
fb -q -d "$D" --now 2025-07-30 audit 2>/dev/null
expect_eq "audit succeeds" 0 $?
state >"$T_TMP/via-audit"
expect_cmp "audit reconciles: the same final state" "$R/final.golden" \
    "$T_TMP/via-audit"
finish
