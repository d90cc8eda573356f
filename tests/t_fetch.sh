# fbaudit fetch against the fake Selling Partner API (tests/fake_spapi.py):
# the happy path equals a direct import, every injected fault is survived
# or reported as docs/design.md §4 says, a killed run resumes its reportIds,
# and no secret reaches a log line.
. "$(dirname "$0")/lib.sh"

S=A2EXAMPLE
S2=B3SECOND
NOW=2025-12-01
. "$(dirname "$0")/fake.sh"

# fetch_s DIR [ARGS]: fetches seller $S into DIR as of $NOW; its output
# in $T_TMP/out, its log in $T_TMP/log.
fetch_s() {
	d=$1
	shift
	fb -C "$C" -d "$d" --now $NOW fetch --seller $S "$@" >"$T_TMP/out" \
	    2>"$T_TMP/log"
}

# scenario NAME FAKE_ARGS...: a fresh fake with those faults, the
# default configuration, D=$T_TMP/NAME, and a first fetch_s into it.
scenario() {
	D=$T_TMP/$1
	shift
	start_fake --delay 0.2 "$@" || finish
	config "$C"
	fetch_s "$D"
}


# facts DATADIR SELLER: the report tables' content, sorted, without
# the ids and file ids that depend on import order.
facts() {
	db=$1/$2/store.db
	for t in ledger reimbursements customer_returns removal_orders \
	    removal_shipments settlements settlement_tx inbound_shipments \
	    inbound_items products fulfillment_centers; do
		cols=$(sqlite3 "$db" "SELECT group_concat(name, ',') FROM
		    pragma_table_info('$t') WHERE name NOT IN ('id',
		    'file_id', 'product_id', 'fc_id')")
		echo "## $t"
		sqlite3 "$db" "SELECT $cols FROM $t" | sort
	done
	sqlite3 "$db" "SELECT p.fnsku, l.day, l.quantity, c.code
	    FROM ledger l JOIN products p ON p.id = l.product_id
	    LEFT JOIN fulfillment_centers c ON c.id = l.fc_id" | sort
}

# rows DATADIR SELLER: row counts of the report tables.
rows() {
	for t in ledger reimbursements customer_returns removal_orders \
	    removal_shipments settlement_tx inbound_items; do
		printf '%s=%s ' $t "$(sqlite3 "$1/$2/store.db" \
		    "SELECT count(*) FROM $t")"
	done
}

# no_secrets NAME LOG: none of the sellers' secrets or tokens in LOG.
no_secrets() {
	leaked=
	for s in $S $S2; do
		for v in "cs-$s-s3cr3t" "rt-$s-r3fr3sh" "fake-$s-"; do
			grep -qF -- "$v" "$2" && leaked="$leaked $v"
		done
	done
	if [ -z "$leaked" ]; then ok "$1"; else
		not_ok "$1" "leaked:$leaked"; fi
}

secrets $S
secrets $S2
C=$T_TMP/fbaudit.ini

# --- The happy path: two sellers, every report type. -------------------
start_fake --delay 0.3 || finish
config "$C"
D=$T_TMP/happy
fb -v -C "$C" -d "$D" --now $NOW fetch >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "fetch of two sellers exits 0" 0 $?
expect_grep "the summary says ok" "^$S: ok: 5 created" "$T_TMP/out"
expect_grep "the summary counts the second seller" "^$S2: ok:" \
    "$T_TMP/out"
expect_eq "one createReport per report type and seller" "5 5" \
    "$(stats "d['create_calls']['$S'], d['create_calls']['$S2']" |
    tr -d '(),')"
expect_eq "one LWA token per seller" "1 1" \
    "$(stats "d['token_calls']['$S'], d['token_calls']['$S2']" | tr -d '(),')"
expect_eq "no rate limit broken" 0 "$(stats "len(d['violations'])")"
expect_eq "no request the fake refused" "[]" "$(stats "d['rejects']")"
expect_eq "each report asks the last 30 days" \
    "2025-11-01T00:00:00Z 2025-12-01T00:00:00Z" \
    "$(stats "d['creates'][0]['start'] + ' ' + d['creates'][0]['end']")"
no_secrets "no secret or token in a -v log" "$T_TMP/log"

# The same facts as importing the fixtures directly.
I=$T_TMP/direct
for f in ledger/ledger.tsv reimbursements/reimbursements.tsv \
    returns/returns.tsv removal_orders/removal_orders.tsv; do
	fb -q -d "$I" import --seller $S "$FIX/$f"
done
fb -q -d "$I" import --seller $S --charset windows-1252 \
    "$FIX/removal_shipments/removal_shipments.cp1252.tsv"
# Fetch asks no items of shipments that never reached a warehouse
# (WORKING, READY_TO_SHIP, CANCELLED, DELETED): the direct import leaves
# them out too.
python3 - "$FIX/inbound/inbound.json" >"$T_TMP/inbound.json" <<'EOF'
import json, sys
answers = json.load(open(sys.argv[1], encoding="utf-8"))
never = {s["ShipmentId"] for a in answers
         for s in a["payload"].get("ShipmentData", [])
         if s["ShipmentStatus"] in ("WORKING", "READY_TO_SHIP",
                                    "CANCELLED", "DELETED")}
json.dump([a for a in answers if not any(
    i["ShipmentId"] in never for i in a["payload"].get("ItemData", []))],
    sys.stdout)
EOF
fb -q -d "$I" import --seller $S "$FIX/settlement/settlement.tsv" \
    "$FIX/settlement_xml/settlement.xml" "$T_TMP/inbound.json"
facts "$I" $S >"$T_TMP/direct.facts"
facts "$D" $S >"$T_TMP/fetch.facts"
expect_cmp "fetch then import equals importing the fixtures" \
    "$T_TMP/direct.facts" "$T_TMP/fetch.facts"
facts "$D" $S2 >"$T_TMP/fetch2.facts"
expect_cmp "the second seller got the same facts" "$T_TMP/direct.facts" \
    "$T_TMP/fetch2.facts"
expect_eq "the downloads sit in the inbox, gzip inflated" \
    "$(head -1 "$FIX/ledger/ledger.tsv")" \
    "$(head -1 "$D/$S"/inbox/ledger-*.tsv)"
expect_eq "nothing left in flight" 0 "$(sqlite3 "$D/$S/store.db" \
    "SELECT count(*) FROM fetch_reports WHERE status <> 'imported'")"

# The next night: from the last end less 3 days, no duplicate rows.
before=$(rows "$D" $S)
fb -C "$C" -d "$D" --now 2025-12-02 fetch >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "the next night exits 0" 0 $?
expect_eq "the next night asks from the last end less 3 days" \
    "2025-11-28T00:00:00Z" \
    "$(stats "[c for c in d['creates'] if c['seller']=='$S'][-1]['start']")"
expect_eq "the next night adds no duplicate row" "$before" "$(rows "$D" $S)"
expect_eq "settlements already imported are not fetched again" 2 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_reports
    WHERE report_type LIKE '%SETTLEMENT%'")"

# --- On a terminal: each seller's line starts a clean line. ------------
# Each line comes as its seller's fetch ends, the progress line erased
# first: never glued to a "fetch: 1 of 2 sellers done". (A fake of its
# own: the happy path's has spent the createReport burst the next night
# needs.)
start_fake --delay 0.2 || finish
config "$C"
if command -v script >/dev/null; then
	script -qec "$FBAUDIT -C $C -d $T_TMP/tty --now $NOW fetch" \
	    /dev/null >"$T_TMP/tty.out" 2>&1
	for s in $S $S2; do
		expect_grep "on a terminal, $s's line starts a clean line" \
		    "$(printf '\r\033\\[K')$s: ok: " "$T_TMP/tty.out"
	done
else
	not_ok "script(1) is there for the terminal test"
fi

# --- Transient faults, all at once: every one is survived. -------------
start_fake --delay 0.3 --fault 429:$S --fault 503:$S --fault stall:$S \
    --fault truncated:$S --fault expired_token:$S \
    --fault expired_url:$S || finish
config "$C"
D=$T_TMP/faults
fb -v -C "$C" -d "$D" --now $NOW fetch --seller $S \
    >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "fetch survives 429, 5xx, stall, truncation, expiries" 0 $?
facts "$D" $S >"$T_TMP/fault.facts"
expect_cmp "faults change no fact" "$T_TMP/direct.facts" \
    "$T_TMP/fault.facts"
expect_eq "an expired token is renewed once" 2 \
    "$(stats "d['token_calls']['$S']")"
expect_eq "a 503 on createReport is retried, not doubled" 5 \
    "$(stats "d['create_calls']['$S']")"
expect_eq "retries break no rate limit" 0 "$(stats "len(d['violations'])")"
gap=$(stats "min(b['t'] - a['t'] for a, b in zip(
    [c for c in d['calls'] if c['op'] == 'getReport'][:2],
    [c for c in d['calls'] if c['op'] == 'getReport'][1:3]))")
expect_eq "a retry after 429 waits 1/x-amzn-RateLimit-Limit" yes \
    "$(python3 -c "print('yes' if $gap >= 0.95 else 'no: $gap')")"
expect_grep "Amazon's error code is logged with the request id" \
    'QuotaExceeded.*x-amzn-RequestId req-' "$T_TMP/log"
no_secrets "no secret in the log of the faults" "$T_TMP/log"

# --- A refused credential fails one seller, not the others. ------------
start_fake --delay 0.2 --fault invalid_grant:$S2 || finish
config "$C"
D=$T_TMP/grant
fb -C "$C" -d "$D" --now $NOW fetch >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "one seller refused: exit 1" 1 $?
expect_grep "the refused seller's line says why" \
    "^$S2: FAILED:.*invalid_grant" "$T_TMP/out"
expect_grep "the other seller is fetched" "^$S: ok: 5 created" \
    "$T_TMP/out"
expect_eq "the refusal is recorded for the auth_failed anomaly" \
    "auth_failed" "$(sqlite3 "$D/$S2/store.db" \
    "SELECT kind FROM fetch_events")"
no_secrets "no secret in the log of a refusal" "$T_TMP/log"

# --- Secrets: Kubernetes' layout of a Secret volume is read (keys are
# links into ..data/, mode 0440, fbaudit's group); a secret others may
# read fails its seller alone, and the run goes on (docs/operations.md).
start_fake --delay 0.2 || finish
K=$T_TMP/k8s
ts=..2026_01_02_03_04_05.123456789
mkdir -p "$K/$ts"
for f in $S2.secret $S2.refresh; do
	cp "$T_TMP/$f" "$K/$ts/$f"
	chgrp "$(id -g)" "$K/$ts/$f"
	chmod 440 "$K/$ts/$f"
	ln -s "..data/$f" "$K/$f"
done
ln -s "$ts" "$K/..data"
config "$C"
sed -i "s|$T_TMP/$S2\\.|$K/$S2.|" "$C"
chmod 644 "$T_TMP/$S.secret"
D=$T_TMP/secrets
fb -C "$C" -d "$D" --now $NOW run >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "one seller's readable secret: the run exits 1" 1 $?
expect_grep "that seller's line says why" \
    "^$S: failed: .*client_secret_file: $T_TMP/$S.secret: readable by others (mode 644)" \
    "$T_TMP/out"
expect_grep "the other seller, its secrets as Kubernetes mounts them, is done" \
    "^$S2: ok: fetched [1-9]" "$T_TMP/out"
expect_eq "nothing was asked of Amazon for the failed seller" 0 \
    "$(stats "d['token_calls'].get('$S', 0)")"
no_secrets "no secret in the log of a refused secret" "$T_TMP/log"
chmod 600 "$T_TMP/$S.secret"

# --- No HTTP client for any worker: every seller fails, none is "ok". --
D=$T_TMP/nohttp
config "$C"
FBAUDIT_TEST_FAIL=http_new fb -C "$C" -d "$D" --now $NOW run \
    >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "workers without an HTTP client: exit 1" 1 $?
expect_grep "the seller's line says why" \
    "^$S: failed: .*no HTTP client could be made" "$T_TMP/out"
expect_no_grep "no seller is ok with 0 files" ": ok: " "$T_TMP/out"

# --- A store error while checking a listed settlement: the seller fails
# and the listing is not saved, so the next run fetches the settlements.
start_fake --delay 0.2 || finish
config "$C"
D=$T_TMP/known
FBAUDIT_TEST_FAIL=fetch_known fetch_s "$D"
expect_eq "a store error on a listed settlement: exit 1" 1 $?
expect_grep "the line names the store's error" \
    "^$S: FAILED: .*store: no such table: fbaudit_test_fail" "$T_TMP/out"
expect_eq "the settlement listing is not recorded as done" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_types
    WHERE report_type LIKE '%SETTLEMENT%' AND complete_end IS NOT NULL")"
fetch_s "$D"
expect_eq "the next run succeeds" 0 $?
facts "$D" $S >"$T_TMP/known.facts"
expect_cmp "then the settlements are there" "$T_TMP/direct.facts" \
    "$T_TMP/known.facts"

# --- FATAL: logged with its error document, asked again next run. ------
scenario fatal --fault fatal
expect_eq "a FATAL report: exit 1" 1 $?
expect_grep "the error document is logged" \
    'FATAL.*Report generation failed' "$T_TMP/log"
expect_eq "the other types are imported" 0 "$(sqlite3 "$D/$S/store.db" \
    "SELECT count(*) FROM fetch_reports WHERE status NOT IN
    ('imported', 'fatal')")"
control '{"faults": []}'
fetch_s "$D"
expect_eq "the next run succeeds" 0 $?
expect_eq "the next run asks the FATAL range again" \
    "2025-11-01T00:00:00Z 2025-11-01T00:00:00Z" \
    "$(stats "' '.join(c['start'] for c in d['creates'] if c['type'] ==
    'GET_LEDGER_DETAIL_VIEW_DATA')")"
expect_eq "the ledger is imported then" "$(grep -c . \
    "$FIX/ledger/ledger.tsv" | awk '{print $1 - 1}')" \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM ledger")"

# --- CANCELLED: no data, not an error. ---------------------------------
scenario cancelled --fault cancelled
expect_eq "CANCELLED reports: exit 0" 0 $?
expect_grep "the summary counts them" '5 without data' "$T_TMP/out"
expect_eq "a cancelled range counts as fetched" 5 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_types
    WHERE report_type LIKE 'GET_FBA%' OR report_type LIKE 'GET_LEDGER%'")"
# (No download here: the getReportDocument plan is 1 a minute past 15.)
fb -q -C "$C" -d "$D" --now 2025-12-02 fetch --seller $S \
    --since 2025-10-15 >/dev/null
expect_eq "--since asks again from that day" "2025-10-15T00:00:00Z" \
    "$(stats "[c for c in d['creates'] if c['seller']=='$S'][-1]['start']")"

# --- Stuck past patience, then resumed without a new createReport. -----
start_fake --delay 0.2 --fault stuck || finish
config "$C" "report_patience = 1"
D=$T_TMP/stuck
fetch_s "$D"
expect_eq "reports stuck past patience: exit 0" 0 $?
expect_grep "they are reported as still generating" \
    '5 still generating' "$T_TMP/out"
ids=$(sqlite3 "$D/$S/store.db" "SELECT group_concat(report_id) FROM
    fetch_reports WHERE status = 'IN_PROGRESS'")
control '{"faults": []}'
fetch_s "$D"
expect_eq "the next run finishes them" 0 $?
expect_eq "no createReport for a report in flight" 5 \
    "$(stats "d['create_calls']['$S']")"
expect_eq "the same reportIds are imported" "$ids" \
    "$(sqlite3 "$D/$S/store.db" "SELECT group_concat(report_id) FROM
    fetch_reports WHERE status = 'imported' AND report_type LIKE 'GET_FBA%'
    OR report_type LIKE 'GET_LEDGER%'")"

# --- createReport's answer lost: the next run finds that report. -------
# Amazon made the report, but the connection closed before its id came
# back: asking again would make a second one.
scenario lost --fault lost_answer:$S
expect_eq "a createReport without an answer: Amazon unavailable, 69" 69 $?
expect_eq "that report is left in doubt, the rest of the plan saved" \
    "creating=1 planned=4" "$(sqlite3 "$D/$S/store.db" "SELECT
    group_concat(status || '=' || n, ' ') FROM (SELECT status, count(*) n
    FROM fetch_reports GROUP BY status ORDER BY status)")"
cp -r "$D" "$T_TMP/lost-fresh"
fetch_s "$D"
expect_eq "the next run succeeds" 0 $?
expect_grep "it finds the report the lost answer named" \
    'found report 5[0-9]* (GET_LEDGER_DETAIL_VIEW_DATA) that an interrupted' \
    "$T_TMP/log"
expect_eq "the fake saw one createReport per type" 5 \
    "$(stats "d['create_calls']['$S']")"
expect_eq "one getReports found it" 1 \
    "$(stats "len([c for c in d['calls'] if c['op'] == 'getReports'
    and c['seller'] == '$S']) - 2")"
facts "$D" $S >"$T_TMP/lost.facts"
expect_cmp "a found report brings the same facts" "$T_TMP/direct.facts" \
    "$T_TMP/lost.facts"
# A marketplace that never made it (a fresh fake): asked for once.
start_fake --delay 0.2 || finish
config "$C"
fetch_s "$T_TMP/lost-fresh"
expect_eq "a report Amazon never made: the run succeeds" 0 $?
expect_grep "it says it asks for it" 'Amazon has no report plan:GET_LEDGER' \
    "$T_TMP/log"
expect_eq "it is asked for once, the planned ones once each" 5 \
    "$(stats "d['create_calls']['$S']")"
facts "$T_TMP/lost-fresh" $S >"$T_TMP/lost.facts"
expect_cmp "the facts are the same again" "$T_TMP/direct.facts" \
    "$T_TMP/lost.facts"

# --- An error answer to one createReport: no later slice hides the gap.
# 100 days is two slices a type; the first ledger slice is refused.
start_fake --delay 0.2 --fault create_400:$S || finish
config "$C"
sed -i 's/^history_days = 30$/history_days = 100/' "$C"
D=$T_TMP/gap
fetch_s "$D"
expect_eq "a refused createReport fails the seller: exit 1" 1 $?
expect_eq "the refused range is recorded as failed" "failed" \
    "$(sqlite3 "$D/$S/store.db" "SELECT group_concat(status) FROM
    fetch_reports WHERE report_id LIKE 'plan:GET_LEDGER%'")"
expect_eq "the later ledger slice is imported" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_reports WHERE
    report_type = 'GET_LEDGER_DETAIL_VIEW_DATA' AND status = 'imported'")"
expect_eq "yet the ledger's gapless end stays before the gap" "" \
    "$(sqlite3 "$D/$S/store.db" "SELECT complete_end FROM fetch_types
    WHERE report_type = 'GET_LEDGER_DETAIL_VIEW_DATA'")"
control '{"faults": []}'
fetch_s "$D"
expect_eq "the next run succeeds" 0 $?
# (The refused request made no report: only the later slice, then both.)
expect_eq "it asks the ledger again from the refused range's start" \
    "2025-11-21T00:00:00Z 2025-08-23T00:00:00Z 2025-11-21T00:00:00Z" \
    "$(stats "' '.join(c['start'] for c in d['creates']
    if c['type'] == 'GET_LEDGER_DETAIL_VIEW_DATA')")"
expect_eq "then the ledger is complete to now" \
    "$(date -u -d 2025-12-01 +%s)" "$(sqlite3 "$D/$S/store.db" "SELECT
    complete_end FROM fetch_types
    WHERE report_type = 'GET_LEDGER_DETAIL_VIEW_DATA'")"

# --- A settlement that fails to import is downloaded again, not listed.
scenario badsettle --fault bad_settlement:$S
expect_eq "a settlement that is not one: exit 1" 1 $?
expect_grep "the import error names file, line and field" \
    'inbox/settlement-[0-9]*.tsv:1: header: matches no report type' \
    "$T_TMP/log"
lists=$(stats "len([c for c in d['calls'] if c['op'] == 'getReports'])")
fetch_s "$D"
expect_eq "the next run succeeds" 0 $?
expect_eq "it downloads the settlement again without listing again" \
    "$lists" \
    "$(stats "len([c for c in d['calls'] if c['op'] == 'getReports'])")"
facts "$D" $S >"$T_TMP/settle.facts"
expect_cmp "then the facts are complete" "$T_TMP/direct.facts" \
    "$T_TMP/settle.facts"

# --- The download's Content-Type charset reaches the import. ----------
scenario sjis --fault sjis_ledger:$S
expect_eq "a Shift_JIS ledger download: exit 0" 0 $?
expect_eq "it is read as Windows-31J, Japanese headers and all" \
    "日本茶 ｾｯﾄ 表示 ①" "$(sqlite3 "$D/$S/store.db" "SELECT title FROM
    products WHERE fnsku = 'X00JP1A2B3'")"
expect_eq "the file is recorded as windows-31j" "windows-31j" \
    "$(sqlite3 "$D/$S/store.db" "SELECT charset FROM files WHERE type =
    'ledger'")"
scenario klingon --fault unknown_charset:$S
expect_eq "a charset fbaudit does not know: exit 1" 1 $?
expect_grep "the error names it" 'charset "x-klingon"' "$T_TMP/log"
expect_eq "that ledger is not imported, as UTF-8 or otherwise" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM ledger")"
expect_eq "the other reports are" 4 "$(sqlite3 "$D/$S/store.db" \
    "SELECT count(DISTINCT type) FROM files WHERE type IN
    ('reimbursements', 'returns', 'removal_orders', 'removal_shipments')")"

# --- Inbound v0 as its model defines the calls. ------------------------
# The happy path asked nothing the fake refused (above); here, what it
# asked: getShipments by DATE_RANGE with its pair of dates, no status
# filter; items by shipment without the deprecated MarketplaceId; none for
# a shipment that never left the seller.
scenario inbound
expect_eq "inbound: the fetch succeeds" 0 $?
expect_eq "getShipments pairs DATE_RANGE with LastUpdatedAfter/Before" \
    "True" "$(stats "all(('QueryType=DATE_RANGE' in c['path'] and
    'LastUpdatedAfter=' in c['path'] and 'LastUpdatedBefore=' in c['path']
    and 'ShipmentStatusList' not in c['path']) or
    'QueryType=NEXT_TOKEN' in c['path']
    for c in d['calls'] if c['op'] == 'getShipments')")"
expect_eq "getShipmentItemsByShipmentId without MarketplaceId" "True" \
    "$(stats "all('?' not in c['path'] for c in d['calls']
    if c['op'] == 'getShipmentItemsByShipmentId')")"
expect_eq "no items asked of a WORKING shipment" 0 \
    "$(stats "len([c for c in d['calls'] if 'FBA15NP2QW7H' in c['path']])")"

# Items that need paging come from getShipmentItems (DATE_RANGE, then
# NEXT_TOKEN), stored once each.
scenario paged --fault paged_items:$S
expect_eq "paged items: the fetch succeeds" 0 $?
expect_eq "paged items: nothing refused" "[]" "$(stats "d['rejects']")"
expect_eq "paged items are read with getShipmentItems, page by page" \
    "True" "$(stats "len([c for c in d['calls']
    if c['op'] == 'getShipmentItems']) > 1")"
# getShipmentItems lists the range's items of every shipment, those of
# the WORKING one too: the items are all of inbound.json, each once.
inbound_items() {
	facts "$1" $S | sed -n '/^## inbound_items/,/^## products/p'
}
fb -q -d "$T_TMP/allitems" import --seller $S "$FIX/inbound/inbound.json"
inbound_items "$T_TMP/allitems" >"$T_TMP/allitems.facts"
inbound_items "$D" >"$T_TMP/paged.facts"
expect_cmp "paged items: every item, no row twice" \
    "$T_TMP/allitems.facts" "$T_TMP/paged.facts"

# Items answered without ShipmentId keep the shipment they were asked for.
scenario noid --fault no_item_shipment_id:$S
expect_eq "items without ShipmentId: the fetch succeeds" 0 $?
facts "$D" $S >"$T_TMP/noid.facts"
expect_cmp "items without ShipmentId carry the request's" \
    "$T_TMP/direct.facts" "$T_TMP/noid.facts"

# A NextToken seen twice ends the paging with an error: no endless loop,
# no row stored.
scenario repeat --fault repeat_token:$S
expect_eq "a repeated NextToken fails the seller: exit 1" 1 $?
expect_grep "the error names the repeated NextToken" \
    'getShipments .*NextToken seen twice: shp-A2EXAMPLE-1' "$T_TMP/log"
expect_eq "it stops at the repeat, not after many pages" 2 \
    "$(stats "len([c for c in d['calls'] if c['op'] == 'getShipments'])")"
expect_eq "nothing of the repeated listing is stored" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM inbound_shipments")"

# --- run --deadline: what is still generating is left for next night. --
# What a deadline guarantees, wherever in the run it falls: the run ends
# soon after it (not at report_patience), says so on the seller's line
# and in the log, and the next night finishes the same reports without
# asking Amazon again. Whether the audit ran before or after the deadline
# depends on the fraction of a second, so neither is asserted.
start_fake --delay 0.2 --fault stuck || finish
config "$C" "report_patience = 600"
D=$T_TMP/deadline
t0=$(date +%s)
fb -C "$C" -d "$D" --now $NOW run --seller $S --deadline 0.1 \
    >"$T_TMP/out" 2>"$T_TMP/log"
rc=$?
took=$(($(date +%s) - t0))
expect_eq "a run past its deadline: exit 1 (deferred)" 1 $rc
expect_grep "the seller's line says so" \
    "^$S: deferred: .*the run's deadline passed" "$T_TMP/out"
# 6 s of deadline; report_patience (600 s) would be far beyond this
# bound even on a loaded machine.
expect_eq "it stops at the deadline, not at report_patience" yes \
    "$([ "$took" -lt 120 ] && echo yes || echo "no: $took s")"
expect_grep "the log says what is left" \
    "$S: the run's deadline passed: [0-9]* reports left" "$T_TMP/log"
control '{"faults": []}'
fb -C "$C" -d "$D" --now $NOW run --seller $S >"$T_TMP/out" \
    2>"$T_TMP/log"
expect_eq "the next night finishes" 0 $?
expect_eq "without another createReport" 5 \
    "$(stats "d['create_calls']['$S']")"
fb -q -C "$C" -d "$D" run --deadline 0 2>"$T_TMP/err"
expect_eq "--deadline 0 is refused" 2 $?

# --- SIGKILL while reports are in flight: the next run resumes them. ---
start_fake --delay 0.2 --fault stuck || finish
config "$C"
D=$T_TMP/kill
# Not through fb: $! must be the process itself, not a subshell.
${FBAUDIT_WRAP:-} "$FBAUDIT" -C "$C" -d "$D" --now $NOW fetch --seller $S \
    >/dev/null 2>"$T_TMP/log" &
pid=$!
# Killed once the store holds all five reports in flight (their ids
# saved): a condition, not a guess of how long that takes. The reports
# are stuck until then, so none can finish first on a slow machine.
in_flight() {
	[ -f "$D/$S/store.db" ] && [ "$(sq "$D/$S/store.db" "SELECT count(*) FROM fetch_reports
	    WHERE status IN ('requested', 'IN_QUEUE', 'IN_PROGRESS')" \
	    2>/dev/null)" = "$1" ]
}
wait_for "the fetch to be killed saved its 5 reports" in_flight 5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
expect_eq "killed with 5 reports in flight" 5 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_reports
    WHERE status IN ('requested', 'IN_QUEUE', 'IN_PROGRESS')")"
control '{"faults": []}'
fetch_s "$D"
expect_eq "the run after a kill succeeds" 0 $?
grep 'error' "$T_TMP/log" | sed 's/^/    # /'
expect_grep "it says it resumes" 'resuming report' "$T_TMP/log"
expect_eq "the fake saw no second createReport" 5 \
    "$(stats "d['create_calls']['$S']")"
facts "$D" $S >"$T_TMP/kill.facts"
expect_cmp "a killed then resumed fetch has the same facts" \
    "$T_TMP/direct.facts" "$T_TMP/kill.facts"
stop_fake

# --- Killed as a report ends, before its type's range counts it. ------
# Whichever report it is (the n-th to end), the next fetch finishes the
# night without asking Amazon for any range again: a report's end and
# its type's range move in one transaction.
ends_ok=yes
for n in 1 2 3 4 5 6 7; do
	# A fake each: its createReport bucket (15) would run dry.
	start_fake --delay 0.2 || finish
	config "$C"
	D=$T_TMP/ended$n
	FBAUDIT_TEST_CRASH=report_ended:$n fetch_s "$D"
	rc1=$?
	fetch_s "$D"
	rc2=$?
	made=$(stats "d['create_calls']['$S']")
	facts "$D" $S >"$T_TMP/ended.facts"
	if [ "$rc1" != 137 ] || [ "$rc2" != 0 ] || [ "$made" != 5 ] ||
	    ! cmp -s "$T_TMP/direct.facts" "$T_TMP/ended.facts"; then
		ends_ok="no: killed at report end $n: exits $rc1, $rc2;"
		ends_ok="$ends_ok $made createReport calls"
		break
	fi
done
expect_eq "killed as any report ends: no range asked for twice" yes \
    "$ends_ok"
stop_fake

# --- A first night: what is made is downloaded while the bucket refills.
# 18 months are 35 slices, and createReport allows 15 at once and then
# one a minute: the reports made are polled, downloaded and imported
# while the rest of the plan waits for its tokens (before, a seller made
# its whole plan first, so its first night took both buckets' waits one
# after the other).
start_fake --delay 0.2 || finish
config "$C"
sed -i 's/^history_days = .*/history_days = 548/' "$C"
D=$T_TMP/first
${FBAUDIT_WRAP:-} "$FBAUDIT" -C "$C" -d "$D" --now $NOW fetch --seller $S \
    >/dev/null 2>"$T_TMP/log" &
pid=$!
imported_while_planned() {
	[ -f "$D/$S/store.db" ] && [ "$(sqlite3 "$D/$S/store.db" "SELECT
	    (SELECT count(*) FROM fetch_reports WHERE status = 'imported') > 0
	    AND (SELECT count(*) FROM fetch_reports
	    WHERE status = 'planned') > 0" 2>/dev/null)" = 1 ]
}
wait_for "a report imported while others are still planned" \
    imported_while_planned &&
    ok "a first night imports reports while createReport's bucket refills"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
expect_eq "and keeps Amazon's rate limits" 0 "$(stats "len(d['violations'])")"
stop_fake

# --- The marketplace unreachable for every seller: 69. -----------------
config "$C" "retry_time = 1"
sed -i 's|http://127.0.0.1:[0-9]*|http://127.0.0.1:1|' "$C"
fb -C "$C" -d "$T_TMP/down" --now $NOW fetch >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "marketplace unreachable for all: exit 69" 69 $?

# --- Configuration errors name file:line: key. -------------------------
# (Each with its own data dir: never ./fbaudit-data, which the two
# make checks of check-repeat would share.)
FAKE_PORT=1
config "$C" "colour = blue"
fb -C "$C" -d "$T_TMP/cfgerr" fetch 2>"$T_TMP/err"
expect_eq "an unknown key: exit 2" 2 $?
expect_grep "it names file, line and key" "fbaudit.ini:8: colour: unknown" \
    "$T_TMP/err"
config "$C" "max_transfers = many"
fb -C "$C" -d "$T_TMP/cfgerr" fetch 2>"$T_TMP/err"
expect_grep "a bad value names its line and key" \
    "fbaudit.ini:8: max_transfers: is not a number" "$T_TMP/err"
config "$C"
sed -i 's|^endpoint = .*|endpoint = http://sellingpartnerapi-na.amazon.com|' "$C"
fb -C "$C" -d "$T_TMP/cfgerr" fetch 2>"$T_TMP/err"
expect_grep "plain http:// to a remote host is refused" \
    "endpoint: uses plain http:// to a host that is not loopback" \
    "$T_TMP/err"
config "$C"
sed -i "/client_secret_file = .*$S2.secret/d" "$C"
fb -C "$C" -d "$T_TMP/cfgerr" fetch --seller $S2 2>"$T_TMP/err"
expect_eq "a missing secret fails its seller: exit 1" 1 $?
expect_grep "a missing secret names its environment variable" \
    "FBAUDIT_CLIENT_SECRET_$S2" "$T_TMP/err"
no_secrets "no secret in configuration errors" "$T_TMP/err"
fb fetch 2>"$T_TMP/err"
expect_eq "fetch without -C: exit 2" 2 $?
finish
