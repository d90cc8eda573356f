# Time only moves forward (issue 15 §5): `audit` and `run` of a day
# before the store's last audit (a wrong --now, a clock stepped back) are
# refused with exit 2, naming both days, and change nothing; --rewind
# audits the earlier day on purpose, and the anomalies only that day
# closed are open again once the later day is audited again.
. "$(dirname "$0")/lib.sh"

D=$T_TMP/d
S=TIMESELLER
NOW=2025-10-31
EARLIER=2025-10-10

# A damage spike in the week to NOW (an anomaly that holds on NOW and not
# on EARLIER), and a loss whose claim is pending on EARLIER and eligible
# on NOW.
python3 - "$T_TMP/ledger.tsv" "$NOW" <<'PY'
import datetime, sys
out, now = sys.argv[1], datetime.date.fromisoformat(sys.argv[2])
rows = ["Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t"
        "Quantity\tFulfillment Center\tDisposition\tReason\tCountry"]
def add(day, qty, reason, disp, ref):
    rows.append(f"{day:%m/%d/%Y}\tX00TIME001\tB0TIME0001\tTIME-1\tClock\t"
                f"Adjustments\t{ref}\t{qty}\tPHX7\t{disp}\t{reason}\tUS")
rows.append(f"{now - datetime.timedelta(days=120):%m/%d/%Y}\tX00TIME001\t"
            "B0TIME0001\tTIME-1\tClock\tReceipts\tFBA15TIME\t500\tPHX7\t"
            "SELLABLE\t\tUS")
for back in range(110, 6, -11):
    add(now - datetime.timedelta(days=back), -1, "E", "SELLABLE", 70000 + back)
for i in range(12):
    add(now - datetime.timedelta(days=i % 7), -1, "E", "SELLABLE", 71000 + i)
add(now - datetime.timedelta(days=15), -2, "M", "SELLABLE", 72000)
open(out, "w").write("\n".join(rows) + "\n")
PY
fb -q -d "$D" import --seller $S "$T_TMP/ledger.tsv" ||
    not_ok "the ledger imports"
fb -q -d "$D" --now $NOW audit || not_ok "the audit of $NOW runs"

# snapshot NAME: the claims, their history and the anomalies with theirs.
snapshot() {
	{
		fb -d "$D" claims list --format csv
		fb -d "$D" anomalies list --status all --format csv
		sqlite3 "$D/$S/store.db" "SELECT claim_id, old_status,
		    new_status, detail FROM claim_events ORDER BY id;
		    SELECT anomaly_id, old_status, new_status, who, note
		    FROM anomaly_events ORDER BY id"
	} >"$T_TMP/$1"
}
snapshot before
expect_grep "the spike is open on $NOW" ',damage_spike,[a-z]*,open,' \
    "$T_TMP/before"

# An earlier --now: refused, both days named, nothing changed.
fb -d "$D" --now $EARLIER audit >/dev/null 2>"$T_TMP/err"
expect_eq "audit of an earlier day: exit 2" 2 $?
expect_grep "it names both days" "$EARLIER is before the store's last audit, $NOW" \
    "$T_TMP/err"
expect_grep "it says how to do it on purpose" "give --rewind" "$T_TMP/err"
snapshot after
expect_cmp "a refused audit changes no claim or anomaly" "$T_TMP/before" \
    "$T_TMP/after"

fb -d "$D" --now $EARLIER run >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "run of an earlier day: exit 2" 2 $?
expect_grep "run names both days" "$EARLIER is before the store's last audit, $NOW" \
    "$T_TMP/err"
snapshot after
expect_cmp "a refused run changes no claim or anomaly" "$T_TMP/before" \
    "$T_TMP/after"
expect_eq "a refused run records no run" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM runs")"

# A clock stepped back: today (no --now) is before a day already audited
# (in a copy of the store).
cp -r "$D" "$T_TMP/far"
fb -q -d "$T_TMP/far" --now 2099-01-01 audit --seller $S ||
    not_ok "an audit of a far day runs"
fb -d "$T_TMP/far" audit >/dev/null 2>"$T_TMP/err"
expect_eq "a clock stepped back: exit 2" 2 $?
expect_grep "it names the far day" \
    "before the store's last audit, 2099-01-01" "$T_TMP/err"

# --rewind: the earlier day is audited; the spike no longer holds then,
# and is closed until the later day is audited again.
fb -q -d "$D" --now $EARLIER audit --rewind
expect_eq "--rewind audits the earlier day" 0 $?
expect_eq "the spike is closed by the earlier day" resolved \
    "$(fb -d "$D" anomalies list --status all --format csv |
    grep ',damage_spike,' | cut -d, -f5)"
fb -q -d "$D" --now $NOW audit
expect_eq "the later day may be audited again without --rewind" 0 $?
expect_eq "the spike is open again" open \
    "$(fb -d "$D" anomalies list --status all --format csv |
    grep ',damage_spike,' | cut -d, -f5)"
expect_eq "its history says the rewind closed it and why it reopened" \
    "open|resolved|fbaudit --rewind
resolved|open|fbaudit" \
    "$(sqlite3 "$D/$S/store.db" "SELECT old_status, new_status, who
    FROM anomaly_events e JOIN anomalies a USING (anomaly_id)
    WHERE a.kind = 'damage_spike' AND e.old_status IS NOT NULL
    ORDER BY e.id")"
expect_grep "the reopening names the day" \
    "holds again on $NOW: it was closed only by the audit of an earlier day" \
    <(sqlite3 "$D/$S/store.db" "SELECT note FROM anomaly_events")

# An acked anomaly comes back acked.
id=$(fb -d "$D" anomalies list --format csv | grep ',damage_spike,' |
    cut -d, -f1)
fb -q -d "$D" --now $NOW anomalies ack "$id" --by anna
fb -q -d "$D" --now $EARLIER audit --rewind
fb -q -d "$D" --now $NOW audit
expect_eq "an acked anomaly closed by a rewind comes back acked" acked \
    "$(fb -d "$D" anomalies list --status all --format csv |
    grep ',damage_spike,' | cut -d, -f5)"
# A person's resolve is never undone.
fb -q -d "$D" --now $NOW anomalies resolve "$id" --by anna
fb -q -d "$D" --now $NOW audit
expect_eq "a resolve by a person stays" resolved \
    "$(fb -d "$D" anomalies list --status all --format csv |
    grep ',damage_spike,' | cut -d, -f5)"

# An upgraded store knows its last audit from its history.
sqlite3 "$D/$S/store.db" "DROP TABLE audits;
    ALTER TABLE claims DROP COLUMN hold;
    ALTER TABLE claim_evidence DROP COLUMN detail_key;
    ALTER TABLE claim_evidence DROP COLUMN figures; PRAGMA user_version = 9"
fb -d "$D" --now $EARLIER audit >/dev/null 2>"$T_TMP/err"
expect_eq "after the upgrade, an earlier day is still refused" 2 $?
expect_grep "the last audit is the history's" \
    "before the store's last audit, $NOW" "$T_TMP/err"
finish
