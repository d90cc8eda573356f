# Every writer takes its seller's lock (docs/design.md §2, §9; issue 13 §2),
# with the real binary on both sides:
#  - a nightly run holds its sellers' locks: each writing command on one of
#    them exits 75 at once with --wait 0, naming the run's pid and command;
#    readers never block; a writer given --wait gets the lock when the run
#    ends and succeeds;
#  - a hand-run writer (a fetch) holds one seller: run skips that seller
#    with a line naming the holder, does the others, and exits 1;
#  - a fetch of many sellers, like a run, lets each go as it ends;
#  - the run's sweep removes the temp files of dead processes only.
# shellcheck shell=bash source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/marketplace.sh
. "$TOP/tests/marketplace.sh"

NOW=2025-10-31
S=A2KOEHLERDE01
DATA=$T_TMP/data
HOLDER=
trap 'stop_bg "$HOLDER"; market_stop; rm -rf "$T_TMP"' EXIT

# holds SELLER WORD: the seller's lock file names a holder whose command
# has WORD (the lock is written as soon as it is taken).
holds() {
	grep -q -- "$2" "$DATA/$1/lock" 2>/dev/null
}

# lets_go WHAT OUT: once $O's line is in OUT, a writer on $O goes ahead
# at once while WHAT ($HOLDER) still holds $S, whose reports are stuck.
lets_go() {
	wait_for "$O's $1 to end" grep -q "^$O: " "$2" || finish
	fb -q -d "$DATA" --now $NOW audit --seller $O --wait 0 >/dev/null \
	    2>"$T_TMP/w.err"
	expect_eq "a writer on a seller whose $1 is over: exit 0" 0 $?
	fb -d "$DATA" --now $NOW audit --seller $S --wait 0 >/dev/null 2>&1
	expect_eq "while the $1 still holds the seller it waits on: exit 75" \
	    75 $?
	expect_eq "and the $1 is still going" yes \
	    "$(kill -0 "$HOLDER" 2>/dev/null && echo yes || echo no)"
}

# A seller with claims and an anomaly, so that every writer has work.
fb -q -d "$DATA" --now $NOW import --seller $S \
    "$FIX"/marketplace/de/*.tsv "$FIX/marketplace/de/settlement.xml" ||
    not_ok "the seller's reports import"
fb -q -d "$DATA" --now $NOW audit --seller $S || not_ok "the seller audits"
CLAIM=$(sqlite3 "$DATA/$S/store.db" "SELECT claim_id FROM claims WHERE
    status = 'eligible' ORDER BY claim_id LIMIT 1")
ANOM=$("$TOOLS/seedanomaly" "$DATA" $S damage_spike 2025-W44 high open - \
    - - "a spike" "figures" "advice")
expect_eq "there is a claim and an anomaly to change" yes \
    "$([ -n "$CLAIM" ] && [ -n "$ANOM" ] && echo yes || echo no)"

# --- A nightly run holds the seller: every writer is turned away. --------
# The seller's reports never finish, so the run holds its lock for as
# long as the test needs (report_patience is far beyond it).
market_start "$T_TMP" --delay 0.2 --fault "stuck:$S" || finish
market_config "$T_TMP/fbaudit.ini" "$T_TMP/secrets" "$DATA"
INI=$T_TMP/fbaudit.ini
${FBAUDIT_WRAP:-} "$FBAUDIT" -C "$INI" -d "$DATA" --now $NOW run \
    >"$T_TMP/run.out" 2>"$T_TMP/run.err" &
HOLDER=$!
wait_for "the run to hold $S's lock" holds $S " run" || finish

# refused NAME ARGS...: the writer exits 75 without waiting, naming the
# holder's pid and command.
refused() {
	local name=$1
	shift
	fb -d "$DATA" --now $NOW "$@" >"$T_TMP/w.out" 2>"$T_TMP/w.err"
	expect_eq "beside a run, $name: exit 75" 75 $?
	expect_grep "$name names the run's pid and command" \
	    "$S: locked by pid $HOLDER (fbaudit .*run)" "$T_TMP/w.err"
}
refused "import" import --wait 0 --seller $S \
    "$FIX/marketplace/de/unit_costs.tsv"
refused "fetch" -C "$INI" fetch --seller $S --wait 0
refused "audit" audit --seller $S --wait 0
refused "claims file" --wait 0 claims file --seller $S
refused "claims mark" claims mark "$CLAIM" --case-id 12345 --wait=0
refused "claims reconcile" claims reconcile --seller $S --wait 0
refused "anomalies ack" anomalies ack "$ANOM" --by anna --wait 0
refused "anomalies resolve" anomalies resolve "$ANOM" --by anna --wait 0
refused "anomalies dismiss" anomalies dismiss "$ANOM" --by anna --wait 0
fb -d "$DATA" --now $NOW run --seller $S >/dev/null 2>"$T_TMP/w.err"
expect_eq "beside a run, another run: exit 75" 75 $?
expect_eq "nothing a refused writer meant to change changed" \
    "eligible|open" "$(sq "$DATA/$S/store.db" "SELECT
    (SELECT status FROM claims WHERE claim_id = '$CLAIM') || '|' ||
    (SELECT status FROM anomalies WHERE anomaly_id = '$ANOM')")"

# Readers never wait for a lock.
for r in "claims list --seller $S" "claims show $CLAIM" \
    "anomalies list --seller $S" "sellers list" \
    "report dashboard --seller $S -o $T_TMP/page.html"; do
	# shellcheck disable=SC2086
	fb -q -d "$DATA" --now $NOW $r >/dev/null 2>&1
	expect_eq "beside a run, a reader does not wait: $r" 0 $?
done

# A seller whose night is over is let go while the run works on the
# others: a writer on it goes ahead at once.
O=A1B2C3D4E5F6G7
lets_go run "$T_TMP/run.out"

# A writer that waits gets the lock when the run ends, and does its work.
fb -q -d "$DATA" --now $NOW anomalies ack "$ANOM" --by anna --wait 600 \
    2>"$T_TMP/w.err" &
waiter=$!
kill -9 "$HOLDER"
wait "$HOLDER" 2>/dev/null
HOLDER=
wait "$waiter"
expect_eq "with --wait, the writer succeeds once the run is gone" 0 $?
expect_eq "and its change is made" acked "$(sqlite3 "$DATA/$S/store.db" \
    "SELECT status FROM anomalies WHERE anomaly_id = '$ANOM'")"

# --- A hand-run writer holds one seller: the run goes on without it. ----
# The fetch's reports are stuck for $S only; the others' are not.
${FBAUDIT_WRAP:-} "$FBAUDIT" -q -C "$INI" -d "$DATA" --now $NOW fetch \
    --seller $S >/dev/null 2>&1 &
HOLDER=$!
wait_for "the fetch to hold $S's lock" holds $S " fetch" || finish
# Temp files of a live writer (this shell) and of a dead one (a pid
# that was reaped just now) in a seller's folder the run sweeps.
mkdir -p "$DATA/$O/outbox"
sh -c 'exit 0' &
dead=$!
wait $dead
live_tmp="$DATA/$O/outbox/x.json.tmp.$$.AbCdEf"
dead_tmp="$DATA/$O/outbox/y.json.tmp.$dead.AbCdEf"
: >"$live_tmp"
: >"$dead_tmp"
fb -C "$INI" -d "$DATA" --now $NOW run >"$T_TMP/run.out" 2>"$T_TMP/run.err"
expect_eq "a run with one seller locked: exit 1" 1 $?
expect_grep "its line says it was skipped and who holds it" \
    "^$S: skipped: locked by pid $HOLDER (fbaudit .*fetch" "$T_TMP/run.out"
expect_eq "the other sellers are done" 2 \
    "$(grep -c -e '^A1B2C3D4E5F6G7: ok' -e '^A3LEFEVREFR02: ok' \
    "$T_TMP/run.out")"
expect_eq "the sweep keeps a live process's temp file" yes \
    "$([ -e "$live_tmp" ] && echo yes || echo no)"
expect_eq "and removes a dead one's" no \
    "$([ -e "$dead_tmp" ] && echo yes || echo no)"
stop_bg "$HOLDER"
HOLDER=
rm -f "$live_tmp"

# A hand-run fetch of every seller lets each go when its line is out,
# while it still waits on $S's reports.
${FBAUDIT_WRAP:-} "$FBAUDIT" -C "$INI" -d "$DATA" --now $NOW fetch \
    >"$T_TMP/fetch.out" 2>/dev/null &
HOLDER=$!
lets_go fetch "$T_TMP/fetch.out"
stop_bg "$HOLDER"
HOLDER=

# A lock file planted as a link is not followed.
L=$T_TMP/links
mkdir -p "$L/data/$S"
ln -s "$T_TMP/elsewhere" "$L/data/$S/lock"
fb -q -d "$L/data" --now $NOW import --seller $S \
    "$FIX/marketplace/de/unit_costs.tsv" 2>/dev/null
expect_eq "a symlinked lock file: refused" yes \
    "$([ $? -ne 0 ] && [ ! -e "$T_TMP/elsewhere" ] && echo yes || echo no)"
finish
