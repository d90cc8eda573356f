# claims file: exactly once, only inside the window, through the outbox
# and the fake gateway (tests/fake_gateway.py); packets in four languages
# with hostile text left as text; claims mark; and the kill loop: the
# filer killed (kill -9, or FBAUDIT_TEST_CRASH at each step) again and
# again, re-run until done, must leave one case per claim at the gateway
# and one "filed" event per claim.
. "$(dirname "$0")/lib.sh"

S=T1
NOW=2025-10-31
P=$T_TMP/pristine
GW_PID=

q() { sqlite3 "$1/$S/store.db" "$2"; }
gw_stop() { [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null; wait 2>/dev/null; }
trap 'gw_stop; rm -rf "$T_TMP"' EXIT

# The sample seller of fixtures/, audited on its day: 8 claims eligible,
# 11 expired (tests/audit/sample_seller/expected.csv).
fb -q -d "$P" import --seller $S "$FIX/ledger/ledger.tsv" \
    "$FIX/reimbursements/reimbursements.tsv" "$FIX/returns/returns.tsv" \
    "$FIX/removal_orders/removal_orders.tsv" \
    "$FIX/removal_shipments/removal_shipments.tsv" \
    "$FIX/settlement/settlement.tsv" "$FIX/settlement_xml/settlement.xml" \
    "$FIX/settlement/settlement_eu.tsv" "$FIX/inbound/inbound.json" \
    "$FIX/unit_costs/unit_costs.tsv" 2>/dev/null
fb -q -d "$P" --now $NOW audit 2>/dev/null
expect_eq "the sample seller audits" 0 $?
q "$P" "SELECT claim_id FROM claims WHERE status = 'eligible'
    ORDER BY claim_id" >"$T_TMP/eligible"
q "$P" "SELECT claim_id FROM claims WHERE status <> 'eligible'
    ORDER BY claim_id" >"$T_TMP/not_eligible"
expect_eq "8 claims are eligible" 8 "$(wc -l <"$T_TMP/eligible")"
fresh() { rm -rf "$1"; cp -r "$P" "$1"; }

# --- outbox -----------------------------------------------------------------
D=$T_TMP/outbox
fresh "$D"
fb -d "$D" --now $NOW claims file >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "outbox: claims file succeeds" 0 $?
expect_eq "outbox: 8 claims ready to submit" 8 \
    "$(grep -c ' ready to submit (outbox/' "$T_TMP/out")"
expect_eq "outbox: none of them is called filed" 0 \
    "$(grep -c ' filed' "$T_TMP/out")"
ls "$D/$S/outbox" | sed -n 's/\.json$//p' | sort >"$T_TMP/packets"
expect_cmp "outbox: one .json per eligible claim" "$T_TMP/eligible" \
    "$T_TMP/packets"
expect_eq "outbox: one .txt per packet" 8 \
    "$(ls "$D/$S/outbox"/*.txt | wc -l)"
expect_eq "outbox: no temp file left" 0 \
    "$(ls -a "$D/$S/outbox" | grep -vc -e '\.json$' -e '\.txt$' -e '^\.\.\?$')"
python3 - "$D/$S/outbox" >"$T_TMP/pycheck" 2>&1 <<'EOF'
import json, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)):
    if f.endswith(".json"):
        p = json.load(open(os.path.join(d, f)))
        assert p["claim_id"] + ".json" == f, f
        assert p["evidence"] and p["form"] and p["message"], f
        assert p["fnsku"] and p["reference_id"], f
        for e in p["evidence"]:
            assert e["file"] and e["source"], f
print("ok")
EOF
expect_eq "outbox: every packet is JSON with evidence, form and message" \
    ok "$(cat "$T_TMP/pycheck")"
expect_eq "outbox: the claims are ready (not filed), no case id" 8 \
    "$(q "$D" "SELECT count(*) FROM claims WHERE status = 'ready' AND
    case_id IS NULL")"
cp -r "$D/$S/outbox" "$T_TMP/outbox.first"
# The packets whole, JSON and message, by claim id.
for f in $(ls "$D/$S/outbox" | LC_ALL=C sort); do
	echo "## $f"
	cat "$D/$S/outbox/$f"
done >"$T_TMP/packets.all"
golden "outbox: the packets match their golden file" \
    "$FIX/reports/packets.en.golden" "$T_TMP/packets.all"
fb -d "$D" --now $NOW claims file >"$T_TMP/out" 2>/dev/null
expect_eq "outbox: a second run files nothing" "" "$(cat "$T_TMP/out")"
expect_eq "outbox: one ready event per claim" "8 8" \
    "$(q "$D" "SELECT count(*), count(DISTINCT claim_id) FROM claim_events
    WHERE new_status = 'ready'" | tr '|' ' ')"
# A ready claim is unfiled: the deadline anomaly still lists it.
cp -r "$D" "$T_TMP/ready-audit"
fb -q -d "$T_TMP/ready-audit" --now $NOW audit 2>/dev/null
# (An anomaly keeps its figures; each listed claim is an item.N.claim.)
expect_eq "outbox: deadline_looming counts ready claims as unfiled" yes \
    "$(q "$T_TMP/ready-audit" "SELECT CASE WHEN count(*) > 0 THEN 'yes'
    ELSE 'no' END FROM anomalies a JOIN claims c ON a.figures LIKE
    '%.claim=' || c.claim_id || '%' WHERE a.kind = 'deadline_looming'
    AND c.status = 'ready'")"
expect_eq "outbox: the audit keeps ready claims ready" 8 \
    "$(q "$T_TMP/ready-audit" "SELECT count(*) FROM claims WHERE
    status = 'ready'")"
# A ready claim whose window closes without a case id expires, saying so.
fb -q -d "$T_TMP/ready-audit" --now 2026-06-30 audit 2>/dev/null
expect_eq "outbox: ready claims past their window expire" 0 \
    "$(q "$T_TMP/ready-audit" "SELECT count(*) FROM claims WHERE
    status = 'ready'")"
expect_eq "outbox: each with a history row saying why" 8 \
    "$(q "$T_TMP/ready-audit" "SELECT count(*) FROM claim_events WHERE
    old_status = 'ready' AND new_status = 'expired' AND detail LIKE
    '%without a case id%'")"
id=$(head -1 "$T_TMP/eligible")
expect_grep "outbox: the message names the claim" "fbaudit claim $id" \
    "$D/$S/outbox/$id.txt"
fb -d "$D" claims show "$id" >"$T_TMP/show" 2>&1
expect_grep "show: prints the filing" "^filing      confirmed via outbox" \
    "$T_TMP/show"

# --- claims mark ------------------------------------------------------------
fb -q -d "$D" claims mark "$id" --case-id 12345678901 --note "pasted" \
    2>/dev/null
expect_eq "mark: a case id is recorded" 0 $?
expect_eq "mark: a ready claim becomes filed, case id stored" \
    "filed|12345678901" \
    "$(q "$D" "SELECT status, case_id FROM claims WHERE claim_id = '$id'")"
expect_eq "mark: the change is an event by person" \
    "ready|filed|person|case id 12345678901 recorded (the packet was submitted in Seller Central): pasted" \
    "$(q "$D" "SELECT old_status, new_status, actor, detail FROM
    claim_events WHERE claim_id = '$id' ORDER BY id DESC LIMIT 1")"
id2=$(sed -n 2p "$T_TMP/eligible")
fb -q -d "$D" claims mark "$id2" --denied --by anna 2>/dev/null
expect_eq "mark: a ready claim cannot be denied without its case id" 2 $?
fb -q -d "$D" claims mark "$id2" --case-id 555 --denied --by anna \
    2>/dev/null
expect_eq "mark: --denied" "denied|anna" "$(q "$D" "SELECT c.status,
    e.actor FROM claims c JOIN claim_events e USING (claim_id) WHERE
    claim_id = '$id2' ORDER BY e.id DESC LIMIT 1")"
# A claim never filed (pending, or expired unfiled) cannot be denied.
pend=$(q "$D" "SELECT claim_id FROM claims WHERE status IN ('pending',
    'expired') ORDER BY claim_id LIMIT 1")
expect_eq "mark: there is an unfiled claim to try" yes \
    "$([ -n "$pend" ] && echo yes || echo no)"
fb -q -d "$D" claims mark "$pend" --denied 2>/dev/null
expect_eq "mark: an unfiled claim cannot be denied" 2 $?
fb -q -d "$D" claims mark "$id" --case-id 'bad id;' 2>/dev/null
expect_eq "mark: a malformed case id is refused" 2 $?
fb -q -d "$D" claims mark C0000000000000000 --denied 2>/dev/null
expect_eq "mark: an unknown claim is an error" 2 $?

# --- dry run, file_claims = no, the cap ---------------------------------------
D=$T_TMP/dry
fresh "$D"
fb -d "$D" --now $NOW claims file --dry-run >"$T_TMP/out" 2>/dev/null
expect_eq "dry run: lists 8 claims" 8 "$(grep -c 'would file' "$T_TMP/out")"
expect_eq "dry run: writes nothing" "8|0" "$(q "$D" "SELECT
    (SELECT count(*) FROM claims WHERE status = 'eligible'),
    (SELECT count(*) FROM claim_filings)")"
expect_eq "dry run: no outbox" no "$([ -e "$D/$S/outbox" ] && echo yes ||
    echo no)"
printf '[fbaudit]\nfile_claims = no\n' >"$T_TMP/no.ini"
fb -C "$T_TMP/no.ini" -d "$D" --now $NOW claims file >"$T_TMP/out" \
    2>/dev/null
expect_eq "file_claims = no: a dry run" "8|0" "$(grep -c 'would file' \
    "$T_TMP/out")|$(q "$D" "SELECT count(*) FROM claim_filings")"
printf '[fbaudit]\nclaims_per_night = 2\n' >"$T_TMP/cap.ini"
fb -C "$T_TMP/cap.ini" -d "$D" --now $NOW claims file >"$T_TMP/out" \
    2>/dev/null
q "$D" "SELECT claim_id FROM claims WHERE status = 'eligible'
    ORDER BY window_closes, claim_id LIMIT 2" >"$T_TMP/first2"
q "$P" "SELECT claim_id FROM claims WHERE status = 'eligible'
    ORDER BY window_closes, claim_id LIMIT 2" >"$T_TMP/want2"
expect_eq "cap: 2 handed over tonight" 2 "$(grep -c ' ready to submit' \
    "$T_TMP/out")"
expect_eq "cap: the two closing first" "$(cat "$T_TMP/want2")" \
    "$(sed 's/^T1 //; s/ .*//' "$T_TMP/out")"
fb -C "$T_TMP/cap.ini" -d "$D" --now $NOW claims file >"$T_TMP/out" \
    2>/dev/null
expect_eq "cap: a re-run the same night files none" "" "$(cat "$T_TMP/out")"
fb -C "$T_TMP/cap.ini" -d "$D" --now 2025-11-01 claims file \
    >"$T_TMP/out" 2>/dev/null
expect_eq "cap: the next night hands over 2 more" 2 \
    "$(grep -c ' ready to submit' "$T_TMP/out")"

# --- premature and expired claims are never sent ---------------------------
D=$T_TMP/early
fresh "$D"
fb -d "$D" --now 2025-09-20 claims file >"$T_TMP/out" 2>/dev/null
q "$D" "SELECT claim_id FROM claims WHERE status IN ('filed', 'ready')
    AND NOT (window_opens <= 20351 AND window_closes >= 20351)" \
    >"$T_TMP/bad"
expect_eq "a claim is never filed before its window opens" "" \
    "$(cat "$T_TMP/bad")"
expect_eq "on 2025-09-20 only the 5 windows already open are sent" 5 \
    "$(grep -c ' ready to submit' "$T_TMP/out")"

# --- the gateway --------------------------------------------------------------
TOKEN=gw-t0ken-$$-s3cret
printf '%s\n' "$TOKEN" >"$T_TMP/token"
chmod 600 "$T_TMP/token"
REC=$T_TMP/gateway.jsonl
python3 "$TOP/tests/fake_gateway.py" --token "$TOKEN" --record "$REC" \
    --stall 60 >"$T_TMP/port" &
GW_PID=$!
wait_for "the fake gateway to start" grep -q PORT "$T_TMP/port"
PORT=$(sed -n 's/^PORT //p' "$T_TMP/port")
GW=http://127.0.0.1:$PORT
gw_ini() { # gw_ini FILE [TOKEN_FILE]
	cat >"$1" <<EOF
[fbaudit]
claims_transport = gateway
gateway_url = $GW/v1/cases
gateway_token_file = ${2:-$T_TMP/token}
connect_timeout = 5
stall_timeout = 3
retry_tries = 4
retry_base = 0.01
retry_time = 20
EOF
}
gw_post() { curl -s -X POST -d "$2" "$GW$1" >/dev/null; }
gw_ini "$T_TMP/gw.ini"
gw_post /_control '{"faults": ["500", "drop", "timeout", "503"]}'
D=$T_TMP/gateway
fresh "$D"
fb -C "$T_TMP/gw.ini" -d "$D" --now $NOW claims file >"$T_TMP/out" \
    2>"$T_TMP/err"
expect_eq "gateway: files through 500, a dropped answer, a timeout" 0 $?
expect_eq "gateway: 8 filed" 8 "$(grep -c ' filed case CASE-' "$T_TMP/out")"
python3 - "$REC" "$T_TMP/eligible" >"$T_TMP/pycheck" 2>&1 <<'EOF'
import json, sys
rec = [json.loads(l) for l in open(sys.argv[1])]
want = set(open(sys.argv[2]).read().split())
keys = {r["key"] for r in rec}
assert keys == want, ("keys", keys ^ want)
assert all(r["auth"] and r["content_type"] == "application/json"
           for r in rec), "auth"
assert all(r["key"] == r["claim_id"] for r in rec), "key is claim id"
cases = {}
for r in rec:
    if r["case_id"]:
        cases.setdefault(r["key"], set()).add(r["case_id"])
assert all(len(v) == 1 for v in cases.values()), "one case per key"
assert len({c for v in cases.values() for c in v}) == 8, "8 cases"
print("ok")
EOF
expect_eq "gateway: one case per claim, keyed by claim id, token sent" ok \
    "$(cat "$T_TMP/pycheck")"
curl -s "$GW/_cases" | python3 -c 'import json,sys
for k, v in sorted(json.load(sys.stdin).items()): print(k + "|" + v)' \
    >"$T_TMP/gwcases"
q "$D" "SELECT claim_id, case_id FROM claims WHERE case_id IS NOT NULL
    ORDER BY claim_id" >"$T_TMP/storecases"
expect_cmp "gateway: the store holds the gateway's case ids" \
    "$T_TMP/gwcases" "$T_TMP/storecases"
expect_no_grep "gateway: the token never reaches a log" "$TOKEN" \
    "$T_TMP/err"
expect_no_grep "gateway: nor the store" "$TOKEN" "$D/$S/store.db"

# A wrong token: 401 is final, the claim waits, exit status 1.
printf 'wrong-t0ken-value\n' >"$T_TMP/badtoken"
chmod 600 "$T_TMP/badtoken"
gw_ini "$T_TMP/bad.ini" "$T_TMP/badtoken"
D=$T_TMP/refused
fresh "$D"
fb -C "$T_TMP/bad.ini" -d "$D" --now $NOW claims file >/dev/null 2>&1
expect_eq "gateway: a refused packet is exit status 1" 1 $?
expect_eq "gateway: refused claims stay eligible, filing rejected" \
    "8|8" "$(q "$D" "SELECT (SELECT count(*) FROM claims WHERE status =
    'eligible'), (SELECT count(*) FROM claim_filings WHERE state =
    'rejected')")"
# The gateway down: exit 69, the intent waits for the next run.
sed "s|$GW|http://127.0.0.1:1|" "$T_TMP/gw.ini" >"$T_TMP/down.ini"
D=$T_TMP/down
fresh "$D"
fb -C "$T_TMP/down.ini" -d "$D" --now $NOW claims file >/dev/null 2>&1
expect_eq "gateway down: exit status 69" 69 $?
expect_eq "gateway down: one intent, nothing filed" "1|0" "$(q "$D" \
    "SELECT (SELECT count(*) FROM claim_filings WHERE state = 'intent'),
    (SELECT count(*) FROM claims WHERE status = 'filed')")"

# An intent whose window closes before it is confirmed is never sent.
gw_post /_reset '{}'
D=$T_TMP/expire
fresh "$D"
first=$(head -1 "$T_TMP/want2")
FBAUDIT_TEST_CRASH=before_send:1 fb -C "$T_TMP/gw.ini" -d "$D" --now $NOW \
    claims file >/dev/null 2>&1
expect_eq "crash hook: exit 137 before the first send" 137 $?
fb -C "$T_TMP/gw.ini" -d "$D" --now 2025-11-01 claims file >/dev/null \
    2>&1
expect_eq "an intent past its window: expired, not sent" \
    "expired|expired|0" "$(q "$D" "SELECT c.status, f.state FROM claims c
    JOIN claim_filings f USING (claim_id) WHERE claim_id = '$first'")|$(grep \
    -c "$first" "$REC")"

# --- packets in four languages, hostile title left as text -----------------
esc=$(printf '\033')
H=$T_TMP/hostile.tsv
{
	printf 'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t'
	printf 'Quantity\tFulfillment Center\tDisposition\tReason\tCountry\n'
	printf '09/05/2025\tX00EVIL001\tB0EVIL0001\tEVIL-1\t'
	printf '%s' "Evil {fnsku} \"q\" <b>x</b> $esc[31mred\\\\ end"
	printf '\tAdjustments\t90001\t-2\tPHX7\tSELLABLE\tM\tUS\n'
} >"$H"
expected_title=$(printf '%s' "Evil {fnsku} \"q\" <b>x</b> $esc[31mred\\\\ end")
for lang in en de fr es; do
	D=$T_TMP/lang-$lang
	fb -q -d "$D" import --seller H1 "$H" 2>/dev/null
	fb -q -d "$D" --now 2025-10-31 audit 2>/dev/null
	printf '[fbaudit]\nlang = %s\n' $lang >"$T_TMP/$lang.ini"
	fb -q -C "$T_TMP/$lang.ini" -d "$D" --now 2025-10-31 claims file \
	    >/dev/null 2>&1
	txt=$(ls "$D"/H1/outbox/*.txt)
	json=${txt%.txt}.json
	case $lang in
	en) word='Reimbursement request: 2 unit(s) of X00EVIL001' ;;
	de) word='Erstattungsantrag: 2 Einheit(en) von X00EVIL001' ;;
	fr) word='Demande de remboursement : 2 unité(s) de X00EVIL001' ;;
	es) word='Solicitud de reembolso: 2 unidad(es) de X00EVIL001' ;;
	esac
	expect_grep "packet $lang: the message is in $lang" "^$word" "$txt"
	expect_grep "packet $lang: the title stays text, unexpanded" \
	    'Evil {fnsku} "q" <b>x</b> ?\[31mred' "$txt"
	expect_no_grep "packet $lang: no escape byte in the message" "$esc" \
	    "$txt"
	expect_no_grep "packet $lang: no template left unfilled" \
	    '{\(quantity\|reference\|date\|fc\|claim_id\|amount\|basis\)}' \
	    "$txt"
	expect_eq "packet $lang: JSON keeps the title exactly" \
	    "$expected_title" "$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["title"], end="")' "$json")"
	expect_eq "packet $lang: JSON lang" $lang "$(python3 -c 'import json,sys
print(json.load(open(sys.argv[1]))["lang"])' "$json")"
done

# --- the kill loop ------------------------------------------------------------
# Each round: a fresh copy of the seller and a fresh gateway; the filer is
# killed at random (kill -9 after a random pause, or the crash hook before
# or after the N-th send) until it finishes. Then: exactly one case per
# claim at the gateway, the store holds it, one "filed" event per claim.
gw_post /_reset '{}'
kills=0 rounds=0 bad=0 start=$SECONDS
R=$T_TMP/kill
while [ $kills -lt 60 ] && [ $((SECONDS - start)) -lt 50 ]; do
	rounds=$((rounds + 1))
	gw_post /_reset '{}'
	fresh "$R"
	for run in $(seq 40); do
		n=$((RANDOM % 3 + 1))
		case $((RANDOM % 3)) in
		0) FBAUDIT_TEST_CRASH=before_send:$n fb -q -C "$T_TMP/gw.ini" \
		    -d "$R" --now $NOW claims file >/dev/null 2>&1
		   rc=$? ;;
		1) FBAUDIT_TEST_CRASH=after_send:$n fb -q -C "$T_TMP/gw.ini" \
		    -d "$R" --now $NOW claims file >/dev/null 2>&1
		   rc=$? ;;
		# The binary itself in the background, not the fb function:
		# kill -9 must hit the filer, not a subshell.
		2) ${FBAUDIT_WRAP:-} "$FBAUDIT" -q -C "$T_TMP/gw.ini" -d "$R" \
		    --now $NOW claims file >/dev/null 2>&1 &
		   pid=$!
		   sleep "0.0$((RANDOM % 30))"
		   { kill -9 $pid; wait $pid; } 2>/dev/null
		   rc=$? ;;
		esac
		[ $rc -eq 137 ] && kills=$((kills + 1))
		[ $rc -eq 0 ] && [ "$(q "$R" "SELECT count(*) FROM claims WHERE
		    status = 'eligible'")" = 0 ] && break
	done
	fb -q -C "$T_TMP/gw.ini" -d "$R" --now $NOW claims file >/dev/null 2>&1
	curl -s "$GW/_cases" | python3 -c 'import json,sys
for k, v in sorted(json.load(sys.stdin).items()): print(k + "|" + v)' \
	    >"$T_TMP/gwcases"
	q "$R" "SELECT claim_id, case_id FROM claims WHERE status = 'filed'
	    ORDER BY claim_id" >"$T_TMP/storecases"
	one=$(q "$R" "SELECT count(*) FROM (SELECT claim_id FROM claim_events
	    WHERE new_status = 'filed' GROUP BY claim_id HAVING count(*) = 1)")
	many=$(q "$R" "SELECT count(*) FROM claim_events WHERE new_status =
	    'filed'")
	sent=$(python3 -c 'import json,sys
print(" ".join(sorted({json.loads(l)["key"] for l in open(sys.argv[1])})))' \
	    "$REC")
	if ! cmp -s "$T_TMP/gwcases" "$T_TMP/storecases" ||
	    [ "$(wc -l <"$T_TMP/gwcases")" != 8 ] || [ "$one" != 8 ] ||
	    [ "$many" != 8 ] ||
	    [ "$sent" != "$(tr '\n' ' ' <"$T_TMP/eligible" | sed 's/ $//')" ]
	then
		bad=$((bad + 1))
		[ $bad -eq 1 ] && { diff "$T_TMP/gwcases" "$T_TMP/storecases"
		    echo "one=$one many=$many sent=$sent"; } | head -12 |
		    sed 's/^/    /'
	fi
done
echo "# kill loop: $kills kills in $rounds rounds, $((SECONDS - start)) s"
expect_eq "kill loop: at least 50 kills" yes \
    "$([ $kills -ge 50 ] && echo yes || echo "no ($kills)")"
expect_eq "kill loop: every round, one case per claim, one filed event" \
    "0 bad of $rounds" "$bad bad of $rounds"
finish
