# Hostile servers and a hostile disk (issue 15, 2-4): error answers that
# repeat secrets or carry escape sequences, a download that trickles (and
# never holds back another seller's night), a gzip bomb, linked folders,
# a full disk. Whatever happens, no secret and no escape byte reaches
# stdout, stderr, a file of the data dir or a store (clean, below);
# every wait ends; what a limit refused is deleted.
. "$(dirname "$0")/lib.sh"

S=A2EXAMPLE
S2=B3SECOND
NOW=2025-12-01
. "$(dirname "$0")/fake.sh"

secrets $S
secrets $S2
C=$T_TMP/fbaudit.ini

# clean NAME DATADIR FILE...: none of the sellers' secrets (client secret,
# refresh token, access token) in the FILEs (a command's stdout and
# stderr), in any file under DATADIR (the stores' bytes too) or in a
# dump of any store; and no control byte (but tab and line breaks), C1
# control or escape in the FILEs, the dumps or any file of DATADIR other
# than the stores, which are binary.
clean() {
	local name=$1 dir=$2 leaked= dirty= s v f
	shift 2
	: >"$T_TMP/dumps"
	for s in $S $S2; do
		[ -f "$dir/$s/store.db" ] && dump "$dir" $s >>"$T_TMP/dumps"
	done
	for s in $S $S2; do
		for v in "cs-$s-s3cr3t" "rt-$s-r3fr3sh" "fake-$s-"; do
			if grep -rqaF -- "$v" "$dir" "$@" "$T_TMP/dumps"; then
				leaked="$leaked $v"
			fi
		done
	done
	while IFS= read -r -d '' f; do
		if LC_ALL=C grep -qaP \
		    '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]' "$f"; then
			dirty="$dirty $f"
		fi
	done < <(find "$dir" "$@" "$T_TMP/dumps" -type f \
	    ! -name 'store.db*' -print0)
	if [ -z "$leaked$dirty" ]; then ok "$name"; else
		not_ok "$name" "secrets:${leaked:- none}" \
		    "control bytes in:${dirty:- none}"; fi
}

# run_all DATADIR [ARGS]: a run of both sellers as of $NOW; stdout in
# $T_TMP/out, stderr in $T_TMP/log, exit status in $rc.
run_all() {
	local d=$1
	shift
	fb -C "$C" -d "$d" --now $NOW run "$@" >"$T_TMP/out" 2>"$T_TMP/log"
	rc=$?
}

# hostile NAME FAULT...: a fresh fake with those faults of seller $S, the
# default configuration, and a run of both sellers into D=$T_TMP/NAME.
hostile() {
	local f args=()
	D=$T_TMP/$1
	shift
	for f in "$@"; do args+=(--fault "$f:$S"); done
	start_fake --delay 0.2 "${args[@]}" || finish
	config "$C"
	run_all "$D"
}

# --- LWA repeats the refresh token and the client secret. --------------
hostile echo_lwa echo_lwa
expect_eq "an echoing LWA fails its seller: exit 1" 1 $rc
expect_grep "its line says what LWA said, redacted" \
    "^$S: failed: .*invalid_request.*refresh token \[redacted\] or client secret \[redacted\]" \
    "$T_TMP/out"
expect_grep "the escape is shown, not sent" \
    "invalid_request\\\\x1b\[31m" "$T_TMP/out"
expect_grep "the other seller's night goes on" "^$S2: ok: " "$T_TMP/out"
clean "LWA's echo: no secret, no escape anywhere" "$D" "$T_TMP/out" \
    "$T_TMP/log"

# --- The same, with the secrets from the environment. ------------------
sed -i "/_file = .*$S\.\(secret\|refresh\)/d" "$C"
D=$T_TMP/echo_env
export "FBAUDIT_CLIENT_SECRET_$S=cs-$S-s3cr3t" \
    "FBAUDIT_REFRESH_TOKEN_$S=rt-$S-r3fr3sh"
run_all "$D"
unset "FBAUDIT_CLIENT_SECRET_$S" "FBAUDIT_REFRESH_TOKEN_$S"
expect_grep "secrets from the environment are redacted" \
    "^$S: failed: .*refresh token \[redacted\] or client secret \[redacted\]" \
    "$T_TMP/out"
clean "environment secrets: none anywhere" "$D" "$T_TMP/out" "$T_TMP/log"

# --- The SP-API repeats the access token, with escapes and a forged line.
hostile echo_sp echo_sp
expect_eq "a refused createReport fails its seller: exit 1" 1 $rc
expect_grep "its line names the code and message, cleaned" \
    "^$S: failed: .*HTTP 400 Invalid\\\\x1b\[2JInput: token Atza|\[redacted\] refused\\\\x0afbaudit: error: forged line \\\\u009b31m" \
    "$T_TMP/out"
expect_grep "the request id's escape is shown as ?" "req-?\[31m-red" \
    "$T_TMP/out"
expect_no_grep "no forged log line" "^fbaudit: error: forged" "$T_TMP/log"
expect_eq "the store's detail is cleaned too" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_reports
    WHERE status = 'failed' AND detail LIKE '%[redacted]%\\x1b%'")"
clean "the SP-API's echo: no secret, no escape anywhere" "$D" \
    "$T_TMP/out" "$T_TMP/log"

# --- A FATAL report whose error document carries escapes and the token.
hostile escape_doc fatal escape_doc
expect_grep "the error document is on the seller's line, cleaned" \
    "^$S: failed: .*FATAL: {\"errorDetails\":\"failed \\\\x1b\[31mred" \
    "$T_TMP/out"
expect_eq "and in its event, redacted" 1 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_events
    WHERE kind = 'report_fatal' AND detail LIKE '%Atza|[redacted]%'")"
clean "an error document: no secret, no escape anywhere" "$D" \
    "$T_TMP/out" "$T_TMP/log"

# --- A download that trickles: cut at its time limit. ------------------
# 8 bytes every 0.25 s is far above 1 byte/s, so stall_timeout never
# fires; transfer_grace + size / transfer_min_rate does. The bound on
# the whole command only turns a hang into a failure.
start_fake --delay 0.2 --fault trickle:$S || finish
config "$C" "transfer_min_rate = 4000" "transfer_grace = 1" \
    "retry_time = 1"
D=$T_TMP/trickle
t0=$(date +%s)
fb -C "$C" -d "$D" --now $NOW fetch --seller $S >"$T_TMP/out" \
    2>"$T_TMP/log"
rc=$?
took=$(($(date +%s) - t0))
expect_eq "a trickling download fails its seller, not the night" yes \
    "$([ $rc = 69 ] || [ $rc = 1 ] && echo yes || echo "no: exit $rc")"
expect_grep "it says the transfer was too slow" \
    "too slow: .* under transfer_min_rate" "$T_TMP/out"
expect_eq "it ends within 90 s" yes \
    "$([ "$took" -lt 90 ] && echo yes || echo "no: $took s")"
expect_eq "nothing half-downloaded is left" "" \
    "$(find "$D/$S/inbox" -name '*.tmp.*' 2>/dev/null)"
clean "a trickle: no secret, no escape anywhere" "$D" "$T_TMP/out" \
    "$T_TMP/log"

# The run's deadline bounds it too, with the default limits (60 s and
# more a transfer): every seller's line and the total come.
start_fake --delay 0.2 --fault trickle || finish
config "$C"
D=$T_TMP/trickle_run
t0=$(date +%s)
run_all "$D" --deadline 0.2
took=$(($(date +%s) - t0))
expect_eq "run --deadline 0.2 over trickles: exit 1" 1 $rc
expect_grep "$S has its line" "^$S: " "$T_TMP/out"
expect_grep "$S2 has its line" "^$S2: " "$T_TMP/out"
expect_grep "and the run its total" "^run: " "$T_TMP/out"
expect_eq "it ends within 90 s" yes \
    "$([ "$took" -lt 90 ] && echo yes || echo "no: $took s")"

# --- One slow seller never costs the others their night. ---------------
# A seller is audited, filed and paged as soon as its own fetch ends,
# while the others are still fetched. The fake trickles every document
# of $S until the test lifts the fault, and the transfer limit is far
# beyond the test, so $S's fetch cannot end before the test lets it:
# whatever $S2 has by then was done before $S's fetch ended.
D=$T_TMP/pipeline
RUN_PID=
trap 'stop_bg "$RUN_PID"; stop_fake; rm -rf "$T_TMP"' EXIT
start_fake --delay 0.2 --fault trickle:$S || finish
config "$C" "transfer_grace = 3600"
# The binary itself in the background, so that RUN_PID is it.
(exec ${FBAUDIT_WRAP:-} "$FBAUDIT" -C "$C" -d "$D" --now $NOW run \
    >"$T_TMP/out" 2>"$T_TMP/log") &
RUN_PID=$!

wait_for "$S2's dashboard" test -s "$D/$S2/dashboard.html" || finish
wait_for "$S's download to trickle" \
    test "$(stats 'd["trickling"]')" -ge 1 || finish
# $S's fetch is still going: the run too, and $S's steps have not begun.
expect_eq "the run is still going" yes \
    "$(kill -0 $RUN_PID 2>/dev/null && echo yes)"
expect_eq "$S has no dashboard yet" no \
    "$([ -e "$D/$S/dashboard.html" ] && echo yes || echo no)"
expect_eq "$S's night has not begun" 0 \
    "$(sq "$D/$S/store.db" "SELECT count(*) FROM runs")"
# ... while $S2's night is over: audited, filed, paged, recorded.
expect_eq "$S2's night is recorded, ok" ok \
    "$(sq "$D/$S2/store.db" "SELECT outcome FROM runs")"
# (The outbox transport files a claim as a packet to submit: "ready".)
expect_eq "$S2's claims are filed" yes \
    "$([ "$(sq "$D/$S2/store.db" "SELECT count(*) FROM claims
    WHERE status IN ('ready', 'filed')")" -gt 0 ] && echo yes || echo no)"
expect_eq "their packets are in $S2's outbox" yes \
    "$([ -n "$(find "$D/$S2/outbox" -name '*.json' 2>/dev/null)" ] &&
    echo yes || echo no)"

# Lifted: the rest of $S's documents come at once, and the night ends.
control '{"faults": []}'
wait "$RUN_PID"
rc=$?
RUN_PID=
expect_eq "the run succeeds" 0 $rc
expect_grep "$S2's line comes first" "^$S2: ok: " <(sed -n 1p "$T_TMP/out")
expect_grep "$S's line after it" "^$S: ok: fetched " \
    <(sed -n 2p "$T_TMP/out")
expect_grep "and the total" \
    "^run: 2 sellers done, 0 failed, 0 deferred, 0 incomplete$" \
    "$T_TMP/out"
expect_eq "$S has its dashboard" yes \
    "$([ -s "$D/$S/dashboard.html" ] && echo yes || echo no)"

# --- A gzip bomb: refused while downloading, and deleted. --------------
start_fake --delay 0.2 --fault bomb:$S || finish
config "$C"
D=$T_TMP/bomb
fb -C "$C" -d "$D" --now $NOW fetch --seller $S >"$T_TMP/out" \
    2>"$T_TMP/log"
expect_eq "a bomb fails its seller: exit 1" 1 $?
expect_grep "it names the limit" "MAX_GZIP_RATIO" "$T_TMP/out"
expect_eq "nothing of it is left in the inbox" "" \
    "$(find "$D/$S/inbox" -type f -size +1M 2>/dev/null)"
expect_eq "the reports are rejected, not downloaded again" 2 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM fetch_reports
    WHERE status = 'rejected'")"

# --- A full disk while downloading: said as it is, exit 1. -------------
# A 1 MiB file system on the inbox when this runs as root; else the test
# hook that makes the write fail with ENOSPC.
D=$T_TMP/full
mkdir -p "$D/$S/inbox"
hook=
if ! mount -t tmpfs -o size=1m tmpfs "$D/$S/inbox" 2>/dev/null; then
	hook=download_enospc
fi
FBAUDIT_TEST_FAIL=$hook fb -C "$C" -d "$D" --now $NOW fetch --seller $S \
    >"$T_TMP/out" 2>"$T_TMP/log"
rc=$?
[ -z "$hook" ] && umount "$D/$S/inbox"
expect_eq "a full disk: exit 1, not 69" 1 $rc
expect_grep "it says no space was left, on what, writing what" \
    "^$S: FAILED: .*no space left on .* while writing $D/$S/inbox/" \
    "$T_TMP/out"
expect_no_grep "not that Amazon was unreachable" "unreachable" "$T_TMP/out"
stop_fake

# --- Linked folders: refused, never followed. --------------------------
# A linked inbox/ once let the start-up sweep delete a file outside the
# data dir; downloads would have gone there too.
start_fake --delay 0.2 || finish
config "$C"
D=$T_TMP/linked
O=$T_TMP/outside
mkdir -p "$D/$S" "$O"
: >"$O/keep.tmp.999999999.abcdef"
ln -s "$O" "$D/$S/inbox"
run_all "$D"
expect_eq "a linked inbox fails its seller: exit 1" 1 $rc
expect_grep "its line says why" "^$S: failed: .*inbox: is a symbolic link" \
    "$T_TMP/out"
expect_eq "the file outside is still there, alone" \
    "keep.tmp.999999999.abcdef" "$(ls "$O")"
expect_grep "the other seller's night goes on" "^$S2: ok: " "$T_TMP/out"
stop_fake

# A linked outbox/: no packet goes through it.
D=$T_TMP/outbox
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv" \
    "$FIX/reimbursements/reimbursements.tsv" 2>/dev/null
fb -q -d "$D" --now 2025-10-31 audit 2>/dev/null
ln -s "$O" "$D/$S/outbox"
fb -d "$D" --now 2025-10-31 claims file >"$T_TMP/out" 2>"$T_TMP/log"
expect_eq "claims file through a linked outbox fails" yes \
    "$([ $? != 0 ] && echo yes || echo no)"
cat "$T_TMP/out" >>"$T_TMP/log"
expect_grep "it says why" "outbox: it is a symbolic link" "$T_TMP/log"
expect_eq "no packet outside the data dir" \
    "keep.tmp.999999999.abcdef" "$(ls "$O")"
finish
