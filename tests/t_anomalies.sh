# Anomalies end to end: a planted damage spike is raised once, a quiet
# seller raises none, claims closing in 1, 2, 7 and 8 days make one
# deadline_looming anomaly with the first three, and ack/resolve/dismiss
# are recorded with who, when and note and survive re-runs.
. "$(dirname "$0")/lib.sh"

D=$T_TMP/d
NOW=2025-10-31

# ledger FILE SPIKE: a ledger of 100 days to NOW with one damaged unit
# (reason E, and its P row) every 9 days, plus SPIKE more in the last week.
ledger() {
	python3 - "$1" "$2" "$NOW" <<'PY'
import datetime, sys
out, spike, now = sys.argv[1], int(sys.argv[2]), sys.argv[3]
end = datetime.date.fromisoformat(now)
rows = ["Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t"
        "Quantity\tFulfillment Center\tDisposition\tReason\tCountry"]
ref = 50000
def row(day, qty, reason, disp):
    global ref
    ref += 1
    rows.append(f"{day:%m/%d/%Y}\tX00SPIKE01\tB0SPIKE001\tSPK-1\tSpike toy\t"
                f"Adjustments\t{ref}\t{qty}\tPHX7\t{disp}\t{reason}\tUS")
rows.append(f"{end - datetime.timedelta(days=100):%m/%d/%Y}\tX00SPIKE01\t"
            "B0SPIKE001\tSPK-1\tSpike toy\tReceipts\tFBA15SPIKE\t500\tPHX7\t"
            "SELLABLE\t\tUS")
for back in range(99, 6, -9):
    d = end - datetime.timedelta(days=back)
    row(d, -1, "E", "SELLABLE"); row(d, 1, "P", "WAREHOUSE_DAMAGED")
for i in range(spike):
    d = end - datetime.timedelta(days=i % 7)
    row(d, -1, "E", "SELLABLE"); row(d, 1, "P", "WAREHOUSE_DAMAGED")
open(out, "w").write("\n".join(rows) + "\n")
PY
}

ledger "$T_TMP/spike.tsv" 12
ledger "$T_TMP/quiet.tsv" 1
fb -q -d "$D" import --seller SPIKY "$T_TMP/spike.tsv"
fb -q -d "$D" import --seller QUIET "$T_TMP/quiet.tsv"
fb -q -d "$D" --now $NOW audit
expect_eq "audit raises anomalies" 0 $?
fb -d "$D" anomalies list --format csv >"$T_TMP/a.csv"
expect_eq "CSV header is docs/design.md §8's" \
    "anomaly_id,seller_id,kind,severity,status,opened_at,subject,detail" \
    "$(head -1 "$T_TMP/a.csv" | tr -d '\r')"
expect_eq "the planted spike is raised" 1 \
    "$(grep -c ',SPIKY,damage_spike,' "$T_TMP/a.csv")"
expect_eq "the quiet seller raises no spike" 0 \
    "$(grep -c ',QUIET,.*_spike,' "$T_TMP/a.csv")"
expect_grep "the spike names its figures" \
    '12 units in the 7 days.*baseline: 10 units over 90 days' "$T_TMP/a.csv"

# Re-running never raises it twice.
fb -q -d "$D" --now $NOW audit
fb -d "$D" anomalies list --status all --format csv >"$T_TMP/b.csv"
expect_eq "a re-run raises nothing new" "$(wc -l <"$T_TMP/a.csv")" \
    "$(wc -l <"$T_TMP/b.csv")"
id=$(grep ',SPIKY,damage_spike,' "$T_TMP/a.csv" | cut -d, -f1)
expect_eq "one opening event, not two" 1 "$(sqlite3 "$D/SPIKY/store.db" \
    "SELECT count(*) FROM anomaly_events WHERE anomaly_id = '$id'")"

# ack, then resolve: recorded with who and note, kept across re-runs.
fb -q -d "$D" anomalies ack "$id" --by anna --note "calling the seller"
expect_eq "ack succeeds" 0 $?
fb -q -d "$D" --now $NOW audit
expect_eq "acked survives a re-run" acked "$(sqlite3 "$D/SPIKY/store.db" \
    "SELECT status FROM anomalies WHERE anomaly_id = '$id'")"
fb -q -d "$D" anomalies ack "$id" --by anna 2>/dev/null
expect_eq "acking twice is refused" 2 $?
fb -q -d "$D" anomalies resolve "$id" --by anna --note "new packaging"
fb -q -d "$D" --now $NOW audit
expect_eq "resolved is not raised again" resolved \
    "$(sqlite3 "$D/SPIKY/store.db" \
    "SELECT status FROM anomalies WHERE anomaly_id = '$id'")"
expect_eq "the history holds every change with who and note" \
    "|open|fbaudit
open|acked|anna|calling the seller
acked|resolved|anna|new packaging" "$(sqlite3 "$D/SPIKY/store.db" \
    "SELECT old_status, new_status, who, coalesce(note, '')
    FROM anomaly_events WHERE anomaly_id = '$id' ORDER BY id" |
    sed 's/^\(|open|fbaudit\)|.*/\1/')"
fb -q -d "$D" anomalies dismiss "$id" --by anna 2>/dev/null
expect_eq "a resolved anomaly cannot be dismissed" 2 $?
fb -q -d "$D" anomalies ack "$id" 2>/dev/null
expect_eq "--by is required" 2 $?

# A spike stays while the units behind it are owed: two weeks on, the
# window has moved past it, but its damaged units are still unclaimed.
fb -q -d "$D" import --seller SPIKY2 "$T_TMP/spike.tsv"
fb -q -d "$D" --now $NOW audit --seller SPIKY2
S2=$D/SPIKY2/store.db
sid=$(sqlite3 "$S2" "SELECT anomaly_id FROM anomalies
    WHERE kind = 'damage_spike'")
fb -q -d "$D" --now 2025-11-14 audit --seller SPIKY2
expect_eq "two weeks on, the spike is still open: its units are owed" \
    "open" "$(sqlite3 "$S2" "SELECT status FROM anomalies
    WHERE anomaly_id = '$sid'")"
expect_grep "it says how many units are not yet claimed or paid" \
    'not yet claimed or paid: [1-9][0-9]* units' \
    <(fb -d "$D" anomalies show "$sid")
# Filed (or paid, or expired): nothing is owed any more, it closes.
sqlite3 "$S2" "UPDATE claims SET status = 'filed'
    WHERE type = 'warehouse_damaged'"
fb -q -d "$D" --now 2025-11-15 audit --seller SPIKY2
expect_eq "once its claims are filed, the spike closes" "resolved" \
    "$(sqlite3 "$S2" "SELECT status FROM anomalies
    WHERE anomaly_id = '$sid'")"

# Claims closing in 1, 2, 7 and 8 days: losses 60 days before that.
python3 - "$T_TMP/due.tsv" "$NOW" <<'PY'
import datetime, sys
end = datetime.date.fromisoformat(sys.argv[2])
rows = ["Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t"
        "Quantity\tFulfillment Center\tDisposition\tReason\tCountry"]
for k in (1, 2, 7, 8):
    d = end + datetime.timedelta(days=k - 60)
    rows.append(f"{d:%m/%d/%Y}\tX00DUE000{k}\tB0DUE0000{k}\tDUE-{k}\tDue {k}\t"
                f"Adjustments\t7000{k}\t-1\tPHX7\tSELLABLE\tM\tUS")
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
PY
fb -q -d "$D" import --seller DUE "$T_TMP/due.tsv"
fb -q -d "$D" --now $NOW audit
fb -d "$D" anomalies list --seller DUE --format json >"$T_TMP/due.json"
expect_eq "one deadline anomaly for the seller and day" \
    "deadline_looming high 2025-11-01" "$(python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(len(a) == 1 and "%s %s %s" % (a[0]["kind"], a[0]["severity"],
    a[0]["deadline"]))' "$T_TMP/due.json")"
expect_eq "it lists the claims closing in 1, 2 and 7 days, not 8" \
    "70001 70002 70007" "$(python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))[0]["detail"]
print(" ".join(re.findall(r"Lost in warehouse, reference (\d+)", d)))' \
    "$T_TMP/due.json")"

# The next day, yesterday's deadline anomaly no longer holds as such.
fb -q -d "$D" --now 2025-11-01 audit
expect_eq "yesterday's deadline anomaly is closed, today's opened" \
    "resolved|2025-10-31
open|2025-11-01" "$(sqlite3 "$D/DUE/store.db" "SELECT status, period
    FROM anomalies WHERE kind = 'deadline_looming' ORDER BY period")"
expect_grep "closing says why" 'no longer holds on 2025-11-01' \
    <(sqlite3 "$D/DUE/store.db" "SELECT note FROM anomaly_events")
finish
