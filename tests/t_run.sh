# The nightly run without a marketplace (stores already imported): each
# seller audited, its dashboard written, the CSM page, one summary line
# per seller, a runs row; the lock; and shards: N shards in parallel end
# up exactly as one run. SHARD_SELLERS (default 40) sellers; the issue's
# 200 with SHARD_SELLERS=200 (make scaletest).
. "$(dirname "$0")/lib.sh"

NOW=2025-10-31
N=${SHARD_SELLERS:-40}

# sellers DIR: N sellers, each with its own small ledger (losses that make
# claims and a deadline anomaly), all from one template.
sellers() {
	python3 - "$T_TMP/tpl" "$N" <<'PY'
import datetime, os, sys
out, n = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)
end = datetime.date(2025, 10, 31)
for i in range(n):
    rows = ["Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\t"
            "Quantity\tFulfillment Center\tDisposition\tReason\tCountry"]
    for k in range(1 + i % 4):
        d = end - datetime.timedelta(days=40 + 7 * k + i % 5)
        rows.append(f"{d:%m/%d/%Y}\tX00S{i:04d}{k}\tB0S{i:05d}{k}\tSKU-{i}-{k}\t"
                    f"Product {i}-{k}\tAdjustments\t9{i:04d}{k}\t-{1 + k}\t"
                    f"PHX7\tSELLABLE\tM\tUS")
    open(f"{out}/S{i:04d}.tsv", "w").write("\n".join(rows) + "\n")
PY
	# And no reimbursement up to the day before NOW: the reports a
	# loss's rule reads cover its evidence, so it may be filed.
	head -1 "$FIX/reimbursements/reimbursements.tsv" >"$T_TMP/noreimb"
	for f in "$T_TMP"/tpl/*.tsv; do
		fb -q -d "$1" import --seller "$(basename "$f" .tsv)" "$f" ||
		    not_ok "import $f"
		fb -q -d "$1" import --seller "$(basename "$f" .tsv)" \
		    --range 2025-07-01..2025-10-30 "$T_TMP/noreimb" ||
		    not_ok "import $T_TMP/noreimb"
	done
}

# A plain run over two sellers.
sellers "$T_TMP/one"
fb -d "$T_TMP/one" --now $NOW run >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "run succeeds" 0 $?
expect_eq "one summary line per seller" "$N" \
    "$(grep -c '^S[0-9]*: ok: ' "$T_TMP/out")"
expect_grep "the summary counts claims and anomalies" \
    '^S0001: ok: 2 claims, eligible .* new anomalies' "$T_TMP/out"
expect_grep "the run ends with its totals" \
    "^run: $N sellers done, 0 failed, 0 deferred, 0 incomplete" "$T_TMP/out"
[ -s "$T_TMP/one/S0000/dashboard.html" ] && ok "dashboards are written" ||
    not_ok "dashboards are written"
[ -s "$T_TMP/one/csm.html" ] && ok "the CSM page is written" ||
    not_ok "the CSM page is written"
expect_eq "the run is recorded in the seller's store" "ok" \
    "$(sqlite3 "$T_TMP/one/S0000/store.db" "SELECT outcome FROM runs")"

# No progress line when stderr is not a terminal (cron mail, a log).
expect_no_grep "no progress line in a log" "$(printf '\033')" "$T_TMP/err"
# On a terminal: a progress line per step, erased before each summary.
if command -v script >/dev/null; then
	script -qec "$FBAUDIT -d $T_TMP/one --now $NOW run --seller S0001" \
	    /dev/null >"$T_TMP/tty" 2>&1
	expect_grep "on a terminal, a progress line names seller and step" \
	    "$(printf '\r\033\\[K')run: seller 1 of 1, S0001: audit" \
	    "$T_TMP/tty"
	expect_grep "it is erased before the summary line" \
	    "$(printf '\r\033\\[K')S0001: ok: 2 claims" "$T_TMP/tty"
else
	not_ok "script(1) is there for the terminal test"
fi
# A second run counts the claims it filed the first time too.
fb -d "$T_TMP/one" --now $NOW run --seller S0001 >"$T_TMP/again" 2>&1
expect_grep "the second run counts filed claims" '^S0001: ok: 2 claims' \
    "$T_TMP/again"
expect_eq "which were filed the first time" \
    "$(sqlite3 "$T_TMP/one/S0001/store.db" "SELECT count(*) FROM claims")" \
    "$(sqlite3 "$T_TMP/one/S0001/store.db" "SELECT count(*) FROM claims
    WHERE status <> 'eligible' AND status <> 'pending'")"

# The lock: while another process holds it, run exits 75 at once.
python3 - "$T_TMP/one/fbaudit.lock" <<'PY' &
import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[1] + ".held", "w").close()
time.sleep(3600)  # until the test kills it
PY
holder=$!
wait_for "the holder to take the lock" test -e "$T_TMP/one/fbaudit.lock.held"
fb -q -d "$T_TMP/one" --now $NOW run >/dev/null 2>"$T_TMP/err"
expect_eq "a held lock: exit 75" 75 $?
expect_grep "it says who holds what" 'another run holds it' "$T_TMP/err"
kill $holder 2>/dev/null
wait $holder 2>/dev/null

# Shards: 4 in parallel over a copy equal one run over the other. Each
# shard has its own lock, so none waits for another.
sellers "$T_TMP/sharded"
for k in 0 1 2 3; do
	fb -q -d "$T_TMP/sharded" --now $NOW run --shard $k/4 \
	    >"$T_TMP/shard$k" 2>&1 &
	pids="${pids:-} $!"
done
for p in $pids; do wait "$p"; done
expect_eq "parallel shards never meet a lock" 0 \
    "$(cat "$T_TMP"/shard[0-3] | grep -c 'another run holds it')"
expect_eq "every seller is in exactly one shard" "$N" \
    "$(cat "$T_TMP"/shard[0-3] | grep -c '^S[0-9]*: ok: ')"
expect_eq "no seller was run twice" 0 "$(cat "$T_TMP"/shard[0-3] |
    grep '^S[0-9]*: ok: ' | cut -d: -f1 | sort | uniq -d | wc -l)"
fb -d "$T_TMP/one" claims list --format csv >"$T_TMP/one.csv"
fb -d "$T_TMP/sharded" claims list --format csv >"$T_TMP/sharded.csv"
expect_cmp "4 shards end up exactly as one run (claims)" "$T_TMP/one.csv" \
    "$T_TMP/sharded.csv"
fb -d "$T_TMP/one" anomalies list --status all --format csv >"$T_TMP/a1"
fb -d "$T_TMP/sharded" anomalies list --status all --format csv >"$T_TMP/a2"
expect_cmp "4 shards end up exactly as one run (anomalies)" "$T_TMP/a1" \
    "$T_TMP/a2"

fb -q -d "$T_TMP/one" run --shard 4/4 2>/dev/null
expect_eq "--shard K/N needs K < N" 2 $?
fb -q -d "$T_TMP/one" run --seller S0000 --shard 0/2 2>/dev/null
expect_eq "--seller and --shard exclude each other" 2 $?
finish
