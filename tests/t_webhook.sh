# Anomalies leave fbaudit once: each new one is POSTed to the webhook with
# its id as Idempotency-Key and a readable "text"; a 500 is retried; a
# crash between the send and its record re-sends with the same key; a
# re-run sends nothing new. Also the fetch-state rules: stale_data and
# auth_failed are raised, and close when a fetch succeeds again.
. "$(dirname "$0")/lib.sh"

D=$T_TMP/d
NOW=2025-10-31
LOG=$T_TMP/hook.log

# A seller with one claim closing in 3 days: one deadline anomaly.
python3 - "$T_TMP/l.tsv" <<'PY'
import sys
open(sys.argv[1], "w").write(
    "Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\t"
    "Fulfillment Center\tDisposition\tReason\tCountry\n"
    "09/03/2025\tX00HOOK001\tB0HOOK0001\tHOOK-1\t<b>Hook</b>\tAdjustments\t"
    "81001\t-1\tPHX7\tSELLABLE\tM\tUS\n")
PY
fb -q -d "$D" import --seller HOOKED "$T_TMP/l.tsv"

start_receiver() {
	rm -f "$T_TMP/port"
	python3 "$(dirname "$0")/webhook_receiver.py" "$T_TMP/port" "$LOG" \
	    "${1:-0}" &
	RECV=$!
	wait_for "the webhook receiver to start" test -s "$T_TMP/port"
	printf '[fbaudit]\nwebhook_url = http://127.0.0.1:%s/hook\n' \
	    "$(cat "$T_TMP/port")" >"$T_TMP/fbaudit.ini"
}
stop_receiver() { kill "$RECV" 2>/dev/null; wait "$RECV" 2>/dev/null; }

# The first answer is a 500: retried, delivered once.
start_receiver 1
fb -q -C "$T_TMP/fbaudit.ini" -d "$D" --now $NOW audit
expect_eq "audit with a webhook succeeds" 0 $?
expect_eq "a 500 is retried: two requests" 2 "$(wc -l <"$LOG")"
expect_eq "both carry the anomaly id as Idempotency-Key" 1 \
    "$(python3 -c 'import json,sys
print(len({json.loads(l)["key"] for l in open(sys.argv[1])}))' "$LOG")"
id=$(sqlite3 "$D/HOOKED/store.db" "SELECT anomaly_id FROM anomalies")
expect_eq "the key is the anomaly's id" "$id" "$(python3 -c 'import json,sys
print(json.loads(open(sys.argv[1]).readline())["key"])' "$LOG")"
expect_eq "the body is JSON with a readable text" \
    "deadline_looming HOOKED [high] HOOKED: 1 eligible claim" \
    "$(python3 -c 'import json,sys
b = json.loads(open(sys.argv[1]).readlines()[-1])["body"]
print(b["kind"], b["seller_id"], b["text"][:len("[high] HOOKED: 1 eligible claim")])' "$LOG")"
expect_eq "it is marked sent" 1 "$(sqlite3 "$D/HOOKED/store.db" \
    "SELECT notified FROM anomalies")"
fb -q -C "$T_TMP/fbaudit.ini" -d "$D" --now $NOW audit
expect_eq "a re-run sends nothing" 2 "$(wc -l <"$LOG")"
stop_receiver

# A crash after the send, before its record: the next run re-sends with
# the same key, and then never again.
rm -f "$LOG"
fb -q -d "$D" --now 2025-11-01 audit	# a new day: a new deadline anomaly
start_receiver 0
FBAUDIT_TEST_CRASH=after_webhook fb -q -C "$T_TMP/fbaudit.ini" -d "$D" \
    --now 2025-11-01 audit
expect_eq "the crashed run died" 137 $?
expect_eq "it had sent one" 1 "$(wc -l <"$LOG")"
fb -q -C "$T_TMP/fbaudit.ini" -d "$D" --now 2025-11-01 audit
fb -q -C "$T_TMP/fbaudit.ini" -d "$D" --now 2025-11-01 audit
expect_eq "re-sent once after the crash, then never" 2 "$(wc -l <"$LOG")"
expect_eq "both with the same key" 1 "$(python3 -c 'import json,sys
print(len({json.loads(l)["key"] for l in open(sys.argv[1])}))' "$LOG")"
stop_receiver

# No HTTP client for the webhook: audit and run say so (exit 1), and the
# new anomaly stays unsent for the next one to send.
rm -f "$LOG"
fb -q -d "$D" --now 2025-11-02 audit	# a new day: a new deadline anomaly
start_receiver 0
FBAUDIT_TEST_FAIL=http_new fb -q -C "$T_TMP/fbaudit.ini" -d "$D" \
    --now 2025-11-02 audit 2>"$T_TMP/err"
expect_eq "an audit without a webhook client: exit 1" 1 $?
expect_grep "it says why" "HOOKED: webhook: no HTTP client" "$T_TMP/err"
expect_eq "nothing was sent" 0 "$(cat "$LOG" 2>/dev/null | wc -l)"
fb -q -C "$T_TMP/fbaudit.ini" -d "$D" --now 2025-11-02 audit
expect_eq "the next audit sends it" 1 "$(cat "$LOG" 2>/dev/null | wc -l)"
# run takes the configured sellers: HOOKED, with no secrets (its fetch
# fails too, without a request).
{
	cat "$T_TMP/fbaudit.ini"
	printf '[seller HOOKED]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n'
	printf 'client_id = amzn1.application-oa2-client.hook\n'
} >"$T_TMP/run.ini"
FBAUDIT_TEST_FAIL=http_new fb -C "$T_TMP/run.ini" -d "$D" \
    --now 2025-11-02 run >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "a run without a webhook client: exit 1" 1 $?
expect_grep "the seller's line says the webhook failed" \
    "^HOOKED: failed: .*webhook failed" "$T_TMP/out"
stop_receiver

# stale_data: a fetched type whose last success is over 36 hours old.
S=$D/HOOKED/store.db
sqlite3 "$S" "INSERT INTO fetch_types VALUES ('GET_LEDGER_DETAIL_VIEW_DATA',
    NULL, strftime('%s', '2025-10-29 06:00:00'))"
sqlite3 "$S" "INSERT INTO fetch_types VALUES ('GET_FBA_REIMBURSEMENTS_DATA',
    NULL, strftime('%s', '2025-10-29 08:00:00'))"
fb -q -d "$D" --now $NOW audit
expect_eq "stale_data: one anomaly for the seller, not one per report" 1 \
    "$(sqlite3 "$S" "SELECT count(*) FROM anomalies WHERE kind = 'stale_data'
    AND status = 'open'")"
fb -d "$D" anomalies list --format json >"$T_TMP/stale.json"
expect_eq "it names the reports in plain words" \
    "No new data for 42 hours: Reimbursements, Inventory ledger" \
    "$(python3 -c 'import json,sys
print([a["subject"] for a in json.load(open(sys.argv[1]))
    if a["kind"] == "stale_data"][0])' "$T_TMP/stale.json")"
expect_no_grep "never the API's report type names in its words" \
    '"subject": "[^"]*GET_\|"advice": "[^"]*GET_' "$T_TMP/stale.json"
sqlite3 "$S" "DELETE FROM fetch_types
    WHERE report_type = 'GET_FBA_REIMBURSEMENTS_DATA'"
sqlite3 "$S" "UPDATE fetch_types SET last_success_at =
    strftime('%s', '2025-10-30 12:00:00')"
fb -q -d "$D" --now $NOW audit
expect_eq "fresh data closes it" "resolved" "$(sqlite3 "$S" \
    "SELECT status FROM anomalies WHERE kind = 'stale_data'")"

# auth_failed: LWA refused, nothing fetched since.
sqlite3 "$S" "INSERT INTO fetch_events (at, kind, report_type, detail)
    VALUES (strftime('%s', '2025-10-30 23:00:00'), 'auth_failed', NULL,
    'invalid_grant: the refresh token was revoked')"
fb -q -d "$D" --now $NOW audit
expect_eq "auth_failed is raised, high" "high|open" "$(sqlite3 "$S" \
    "SELECT severity, status FROM anomalies WHERE kind = 'auth_failed'")"
fb -d "$D" anomalies list --format json >"$T_TMP/auth.json"
expect_grep "it says what to tell the seller" 'authorise fbaudit again' \
    "$T_TMP/auth.json"
expect_eq "its words are not stored, its figures are" \
    "|at_time=2025-10-30T23:00:00Z" "$(sqlite3 "$S" "SELECT subject || '|' ||
    substr(figures, 1, instr(figures, char(10)) - 1) FROM anomalies
    WHERE kind = 'auth_failed'")"
expect_no_grep "no secret-looking text in the store" 'Atzr|' "$S"
sqlite3 "$S" "UPDATE fetch_types SET last_success_at =
    strftime('%s', '2025-10-31 00:00:00') + 0"
sqlite3 "$S" "UPDATE fetch_events SET at = at - 86400"
fb -q -d "$D" --now $NOW audit
expect_eq "a later success closes it" "resolved" "$(sqlite3 "$S" \
    "SELECT status FROM anomalies WHERE kind = 'auth_failed'")"
finish
