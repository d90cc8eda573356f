# One claim per refund (issue 15 §1): a refund claim's identity is its
# order and SKU, which the settlement always gives, not its FNSKU, which
# is empty until another report names the SKU. The next night, with the
# ledger naming it, the same claim is updated, never a second one made;
# and a store holding a refund claim under the old id (or two of them,
# the duplicate the old id made) keeps one claim, under its old id,
# after the upgrade.
. "$(dirname "$0")/lib.sh"

S=R1
ORDER=111-0000099-0000001
NOW=2025-10-31

# A refund of one unit of RFD-NEW (no report names its FNSKU yet): its
# window (60..120 days after 2025-07-25) is open on NOW.
python3 "$TOP/tests/mksettlement.py" "$T_TMP/settlement.tsv" 19000000099 \
    "Order|$ORDER||ItemPrice|Principal|30.00|2025-07-20|1|RFD-NEW" \
    "Order|$ORDER||ItemFees|Commission|-4.50|2025-07-20||RFD-NEW" \
    "Refund|$ORDER|70000000009901|ItemPrice|Principal|-30.00|2025-07-25|1|RFD-NEW"
# The ledger that names RFD-NEW's FNSKU, arriving the second night.
printf '%s\n' "Date	FNSKU	ASIN	MSKU	Title	Event Type	Reference ID	Quantity	Fulfillment Center	Disposition	Reason	Country" \
    "07/01/2025	X00REFUND1	B0REFUND01	RFD-NEW	Refunded thing	Receipts	FBA15RFD	5	PHX7	SELLABLE		US" \
    >"$T_TMP/ledger.tsv"

# claims_of DIR: the refund's claims, "id|fnsku|status" a line.
claims_of() {
	sqlite3 "$1/$S/store.db" "SELECT claim_id || '|' || fnsku || '|' ||
	    status FROM claims WHERE reference_id = '$ORDER' ORDER BY claim_id"
}

# --- Across nights: one claim, one id. ---------------------------------
D=$T_TMP/nights
fb -q -d "$D" import --seller $S "$T_TMP/settlement.tsv" ||
    not_ok "the settlement imports"
fb -q -d "$D" --now $NOW audit || not_ok "night 1 audits"
first=$(claims_of "$D")
expect_eq "night 1: one claim, its FNSKU unknown" 1 \
    "$(printf '%s\n' "$first" | grep -c '^C[0-9a-f]*||eligible$')"
id=${first%%|*}
expect_eq "its id hashes the order and the SKU" \
    "C$(printf '%s\tcustomer_return_missing\t%s\tRFD-NEW' $S $ORDER |
    sha256sum | cut -c1-16)" "$id"
fb -q -d "$D" import --seller $S "$T_TMP/ledger.tsv" ||
    not_ok "the ledger imports"
fb -q -d "$D" --now 2025-11-01 audit || not_ok "night 2 audits"
expect_eq "night 2: still one claim, the same id, now with its FNSKU" \
    "$id|X00REFUND1|eligible" "$(claims_of "$D")"

# --- A store from before the change keeps its claim's id. --------------
# Made as the old fbaudit made it: the claim under the id of an empty
# FNSKU, and its twin under the FNSKU's id that the next night added.
old_id() {
	echo "C$(printf '%s\tcustomer_return_missing\t%s\t%s' $S $ORDER "$1" |
	    sha256sum | cut -c1-16)"
}
OLD=$(old_id "")
TWIN=$(old_id X00REFUND1)
D=$T_TMP/upgrade
fb -q -d "$D" import --seller $S "$T_TMP/settlement.tsv"
fb -q -d "$D" --now $NOW audit
sqlite3 "$D/$S/store.db" "
    UPDATE claims SET claim_id = '$OLD' WHERE reference_id = '$ORDER';
    UPDATE claim_events SET claim_id = '$OLD';
    UPDATE claim_evidence SET claim_id = '$OLD';"
sqlite3 "$D/$S/store.db" "
    CREATE TEMP TABLE t AS SELECT * FROM claims WHERE claim_id = '$OLD';
    UPDATE t SET claim_id = '$TWIN', fnsku = 'X00REFUND1',
      created_at = created_at + 86400;
    INSERT INTO claims SELECT * FROM t;
    INSERT INTO claim_events (claim_id, at, old_status, new_status, actor,
      detail) VALUES ('$TWIN', 0, NULL, 'eligible', 'audit', 'twin');
    ALTER TABLE claims DROP COLUMN hold;
    ALTER TABLE claim_evidence DROP COLUMN detail_key;
    ALTER TABLE claim_evidence DROP COLUMN figures; PRAGMA user_version = 10;"
expect_eq "the old store holds the refund twice" 2 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM claims
    WHERE reference_id = '$ORDER' AND status = 'eligible'")"
fb -q -d "$D" import --seller $S "$T_TMP/ledger.tsv"
fb -q -d "$D" --now 2025-11-01 audit
expect_eq "after the upgrade: one open claim, under its old id" \
    "$OLD|X00REFUND1|eligible" \
    "$(claims_of "$D" | grep -v '|resolved$')"
expect_eq "the twin is resolved, its history naming the claim kept" \
    "eligible|resolved|migration" \
    "$(sqlite3 "$D/$S/store.db" "SELECT old_status || '|' || new_status ||
    '|' || actor FROM claim_events WHERE claim_id = '$TWIN'
    AND detail LIKE '%as claim $OLD%'")"
fb -q -d "$D" --now 2025-11-02 audit
expect_eq "later nights keep it so" "$OLD|X00REFUND1|eligible" \
    "$(claims_of "$D" | grep -v '|resolved$')"
finish
