# Import semantics: idempotence, range replacement, --lenient, exit
# statuses, seller ids, and sellers list.
. "$(dirname "$0")/lib.sh"

S=A1B2C3D4E5F6G7
D=$T_TMP/d

# Same file twice: the second adds nothing and says so.
fb -d "$D" import --seller $S "$FIX/ledger/ledger.tsv" 2>/dev/null
dump "$D" $S >"$T_TMP/once"
fb -d "$D" import --seller $S "$FIX/ledger/ledger.tsv" 2>"$T_TMP/err"
expect_eq "second import succeeds" 0 $?
expect_grep "second import says already imported" 'already imported' \
    "$T_TMP/err"
dump "$D" $S >"$T_TMP/twice"
expect_cmp "second import changes nothing" "$T_TMP/once" "$T_TMP/twice"

# A newer ledger covering part of the range replaces those days only.
head -1 "$FIX/ledger/ledger.tsv" >"$T_TMP/newer.tsv"
grep -P '^"?0?3/' "$FIX/ledger/ledger.tsv" | head -2 >>"$T_TMP/newer.tsv"
march_before=$(sqlite3 "$D/$S/store.db" \
    "SELECT count(*) FROM ledger WHERE date(day*86400,'unixepoch') LIKE '2025-03-%'")
total_before=$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM ledger")
fb -q -d "$D" import --seller $S --range 2025-03-01..2025-03-31 \
    "$T_TMP/newer.tsv"
expect_eq "range import succeeds" 0 $?
march_after=$(sqlite3 "$D/$S/store.db" \
    "SELECT count(*) FROM ledger WHERE date(day*86400,'unixepoch') LIKE '2025-03-%'")
total_after=$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM ledger")
expect_eq "range replace keeps the newer file's March rows" 2 "$march_after"
expect_eq "range replace leaves other months alone" \
    $((total_before - march_before + 2)) "$total_after"

# A reimbursement re-sent by a second file (an upsert keeps its old row),
# then a third report of those days without it: the third file wins, and
# only those days are touched.
rm -rf "$D"
R=$FIX/reimbursements/reimbursements.tsv
fb -q -d "$D" import --seller $S "$R"
row=$(sed -n 2p "$R")
day=${row:0:10}
id=$(printf '%s' "$row" | cut -f2)
{ head -1 "$R"; printf '%s\n' "$row"; } >"$T_TMP/again.tsv"
fb -q -d "$D" import --seller $S "$T_TMP/again.tsv"
expect_eq "an upserted reimbursement is kept once" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM reimbursements
    WHERE reimbursement_id = '$id'")"
others=$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM reimbursements
    WHERE date(approval_time, 'unixepoch') <> '$day'")
head -1 "$R" >"$T_TMP/none.tsv"
fb -q -d "$D" import --seller $S --range "$day..$day" "$T_TMP/none.tsv"
expect_eq "a newer empty report of the day removes it" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM reimbursements
    WHERE reimbursement_id = '$id'")"
expect_eq "other days keep their reimbursements" "$others" \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM reimbursements")"

# Reimbursements repeated region-wide are stored once.
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/reimbursements/reimbursements.tsv"
rows=$(($(wc -l <"$FIX/reimbursements/reimbursements.tsv") - 1))
distinct=$(tail -n +2 "$FIX/reimbursements/reimbursements.tsv" |
    cut -f2,7 | sort -u | wc -l)
stored=$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM reimbursements")
expect_eq "repeated reimbursement rows are stored once" "$distinct" "$stored"
[ "$rows" -gt "$distinct" ] && ok "the fixture does repeat a row" ||
    not_ok "the fixture does repeat a row" "$rows rows, $distinct distinct"

# --lenient skips bad rows, counts them and records them.
rm -rf "$D"
fb -d "$D" import --seller $S --lenient "$FIX/hostile/bad_int.tsv" \
    2>"$T_TMP/err"
expect_eq "--lenient imports the good rows" 0 $?
expect_grep "--lenient names the skipped row" 'bad_int.tsv:4: Quantity' \
    "$T_TMP/err"
expect_eq "--lenient records the bad row" "4|Quantity" \
    "$(sqlite3 "$D/$S/store.db" "SELECT line, column_name FROM import_errors")"
expect_eq "--lenient counts it on the file" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT bad_rows FROM files")"

# Several files: a bad one fails alone (exit 1: partial), the rest load.
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/returns/returns.tsv" \
    "$FIX/hostile/bad_int.tsv" 2>/dev/null
expect_eq "one bad file among good ones exits 1" 1 $?
expect_eq "the good file of a partial import is kept" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM files")"

# Seller ids name folders: anything else is refused before the disk.
for bad in '../x' 'a/b' '' 'x y' "$(printf 'a%.0s' $(seq 65))"; do
	fb -q -d "$D" import --seller "$bad" "$FIX/returns/returns.tsv" \
	    2>/dev/null
	expect_eq "seller id '${bad:0:12}' is refused" 2 $?
done
[ ! -e "$T_TMP/x" ] && ok "no folder made outside the data dir" ||
    not_ok "no folder made outside the data dir"

# Usage errors exit 2.
fb -q -d "$D" import "$FIX/returns/returns.tsv" 2>/dev/null
expect_eq "import without --seller is a usage error" 2 $?
fb -q -d "$D" import --seller $S --charset ebcdic x 2>/dev/null
expect_eq "unknown --charset is a usage error" 2 $?
fb -q --now 2025-02-30 sellers list >/dev/null 2>&1
expect_eq "an impossible --now is a usage error" 2 $?
fb -q -d "$D" import --seller $S "$T_TMP/nonexistent.tsv" 2>"$T_TMP/err"
expect_eq "a missing file is rejected" 65 $?
expect_grep "a missing file is named" 'nonexistent.tsv: cannot read' \
    "$T_TMP/err"

fb -q -d "$D" import --seller $S /dev/null 2>"$T_TMP/err"
expect_eq "a device is not imported" 65 $?
expect_grep "a device is refused as not a regular file" \
    'not a regular file' "$T_TMP/err"

# sellers list shows every seller with its row counts.
rm -rf "$D"
fb -q -d "$D" import --seller S1 "$FIX/ledger/ledger.tsv"
fb -q -d "$D" import --seller S2 "$FIX/returns/returns.tsv"
fb -q -d "$D" sellers list >"$T_TMP/list"
expect_eq "sellers list has a header and two sellers" 3 \
    "$(wc -l <"$T_TMP/list")"
ledger_rows=$(($(wc -l <"$FIX/ledger/ledger.tsv") - 1))
expect_grep "sellers list counts the ledger" "^S1 .* $ledger_rows " \
    "$T_TMP/list"
# A settlement XML whose rows do not add up to its TotalAmount is refused,
# naming the settlement and the difference; an earlier import of that
# settlement stays exactly as it was.
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/settlement_xml/settlement.xml"
dump "$D" $S >"$T_TMP/before"
sed 's#<TotalAmount currency="USD">15.39<#<TotalAmount currency="USD">15.00<#' \
    "$FIX/settlement_xml/settlement.xml" >"$T_TMP/unbalanced.xml"
fb -q -d "$D" import --seller $S "$T_TMP/unbalanced.xml" 2>"$T_TMP/err"
expect_eq "an unbalanced settlement is refused" 65 $?
expect_grep "the refusal names the settlement and the difference" \
    'unbalanced.xml:13: TotalAmount: settlement 14829015577: .* 15.39 USD, TotalAmount is 15.00 USD: they differ by 0.39 USD' \
    "$T_TMP/err"
dump "$D" $S >"$T_TMP/after"
expect_cmp "nothing of an unbalanced settlement is stored" "$T_TMP/before" \
    "$T_TMP/after"
# Each OtherTransactionItem is its own row, and a transaction's own
# Amount is not counted again beside its items.
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/settlement_xml/settlement_kinds.xml"
expect_eq "each OtherTransactionItem is a row with its SKU and quantity" \
    "YOGA-MAT-6MM-GRN|1|-980 LED-STRIP-5M-WW|2|-1120" \
    "$(sqlite3 "$D/$S/store.db" "SELECT sku, quantity, amount
    FROM settlement_tx WHERE amount_description = 'REVERSAL_REIMBURSEMENT'
    ORDER BY id" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the stored rows add up to TotalAmount" \
    "$(sqlite3 "$D/$S/store.db" "SELECT total_amount FROM settlements")" \
    "$(sqlite3 "$D/$S/store.db" "SELECT sum(amount) FROM settlement_tx")"
# Inbound v0 as the model defines it: an item without QuantityReceived is
# stored unknown (NULL, never 0) and claims nothing, while the same item
# with its quantities makes an inbound_shortage claim; entries naming no
# shipment are left out, counted and recorded, and the rest loads.
shortage() {
	fb -q -d "$D" --now 2025-10-31 audit --seller $S &&
	    fb -q -d "$D" claims list --seller $S --type inbound_shortage \
	    --format csv | grep -c ',FBA15LR5TW9C,'
}
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv" \
    "$FIX/inbound/inbound.json"
expect_eq "a known shortfall of FBA15LR5TW9C is claimed" 1 "$(shortage)"
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv"
fb -d "$D" import --seller $S "$FIX/inbound/inbound_partial.json" \
    2>"$T_TMP/err"
expect_eq "an inbound file with unknown fields imports" 0 $?
expect_grep "left-out entries are counted" '2 rows left out' "$T_TMP/err"
expect_eq "a missing QuantityReceived is stored unknown, not 0" \
    "80|NULL" "$(sqlite3 -nullvalue NULL "$D/$S/store.db" "SELECT
    qty_shipped, qty_received FROM inbound_items
    WHERE shipment_id = 'FBA15LR5TW9C' AND fnsku = 'X006L4RS1C'")"
expect_eq "an item without ShipmentId takes its request's" 2 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM inbound_items
    WHERE shipment_id = 'FBA15LR5TW9C'")"
expect_eq "an unknown received quantity makes no inbound_shortage claim" \
    0 "$(shortage)"
# A later response that gives the FNSKU and QuantityReceived completes the
# rows it names, without duplicating them.
fb -q -d "$D" import --seller $S "$FIX/inbound/inbound.json"
expect_eq "a later FNSKU adopts the row stored without it" \
    "X001KQ7B2M|50|50 X006L4RS1C|80|74" \
    "$(sqlite3 "$D/$S/store.db" "SELECT fnsku, qty_shipped, qty_received
    FROM inbound_items WHERE shipment_id = 'FBA15LR5TW9C' ORDER BY fnsku" |
    tr '\n' ' ' | sed 's/ $//')"
expect_eq "the completed item is claimed" 1 "$(shortage)"
# ... and an older file without QuantityReceived does not erase it.
sed 's/"HOSE-50FT-XS"/"HOSE-50FT-XS "/' "$FIX/inbound/inbound_partial.json" \
    >"$T_TMP/partial2.json"
fb -q -d "$D" import --seller $S "$T_TMP/partial2.json" 2>/dev/null
expect_eq "an unknown QuantityReceived keeps the known one" 74 \
    "$(sqlite3 "$D/$S/store.db" "SELECT qty_received FROM inbound_items
    WHERE shipment_id = 'FBA15LR5TW9C' AND fnsku = 'X006L4RS1C'")"

# A store made before inbound quantities could be unknown (schema 6)
# upgrades on open, keeping its rows.
rm -rf "$D"
fb -q -d "$D" import --seller $S "$FIX/inbound/inbound.json"
sqlite3 "$D/$S/store.db" "CREATE TABLE v6 (id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL, shipment_id TEXT NOT NULL, sku TEXT,
    fnsku TEXT NOT NULL, qty_shipped INTEGER NOT NULL,
    qty_received INTEGER NOT NULL, UNIQUE (shipment_id, fnsku));
    INSERT INTO v6 SELECT * FROM inbound_items; DROP TABLE inbound_items;
    DROP INDEX IF EXISTS inbound_items_sku;
    ALTER TABLE v6 RENAME TO inbound_items;
    DROP TABLE seller_settings; ALTER TABLE anomalies DROP COLUMN figures;
    DROP TABLE audits; ALTER TABLE claims DROP COLUMN hold;
    ALTER TABLE claim_evidence DROP COLUMN detail_key;
    ALTER TABLE claim_evidence DROP COLUMN figures;
    PRAGMA user_version = 6;"
fb -q -d "$D" import --seller $S "$FIX/inbound/inbound_partial.json" \
    2>"$T_TMP/err"
expect_eq "a schema 6 store upgrades and imports unknown quantities" 0 $?
expect_eq "the upgrade keeps the rows" 10 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM inbound_items
    WHERE qty_received IS NOT NULL")"
expect_eq "the upgraded store holds an unknown quantity" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM inbound_items
    WHERE qty_received IS NULL")"
finish
