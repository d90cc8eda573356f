# The fake Selling Partner API for the shell suites (t_fetch.sh,
# t_trust.sh), sourced after lib.sh with S and S2 set: starts and stops
# it, reads its counters, changes its faults, and writes the sellers'
# secrets and a configuration that points at it.
FAKE_PID=
FAKE_PORT=

stop_fake() {
	stop_bg "$FAKE_PID"
	FAKE_PID=
}
trap 'stop_fake; rm -rf "$T_TMP"' EXIT

# start_fake [ARGS]: a fresh fake on a random port.
start_fake() {
	stop_fake
	# Removed first: the shell may read it before the new fake's
	# redirection empties it, and find the last fake's port.
	rm -f "$T_TMP/port"
	python3 "$TOP/tests/fake_spapi.py" --fixtures "$FIX" "$@" \
	    >"$T_TMP/port" 2>"$T_TMP/fake.err" &
	FAKE_PID=$!
	FAKE_PORT=
	# Until it says its port, or dies: no fixed time.
	while kill -0 "$FAKE_PID" 2>/dev/null; do
		FAKE_PORT=$(sed -n 's/^PORT //p' "$T_TMP/port" 2>/dev/null)
		[ -n "$FAKE_PORT" ] && return 0
		sleep 0.02
	done
	not_ok "the fake starts" "$(cat "$T_TMP/fake.err")"
	return 1
}

# stats EXPR: a Python expression over the fake's counters (d).
stats() {
	python3 "$TOP/tests/fake_query.py" "$FAKE_PORT" stats "$1"
}

# control JSON: changes the fake's scenario, keeping its counters.
control() {
	python3 "$TOP/tests/fake_query.py" "$FAKE_PORT" control "$1"
}

# secrets SELLER: its secret files, owner-only.
secrets() {
	fake_secrets "$1"
}

# config FILE [EXTRA [fbaudit] LINES]: both sellers on the fake.
config() {
	f=$1
	shift
	{
		echo "[fbaudit]"
		echo "poll_interval = 0.3"
		echo "retry_base = 0.05"
		echo "retry_tries = 4"
		echo "connect_timeout = 5"
		echo "stall_timeout = 3"
		echo "history_days = 30"
		for l in "$@"; do echo "$l"; done
		for s in $S $S2; do
			fake_seller "$s" "$FAKE_PORT"
		done
	} >"$f"
}
