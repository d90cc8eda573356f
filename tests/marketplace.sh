# shellcheck shell=bash
# The demo marketplace, for tests/demo.sh and tests/t_crash.sh (sourced):
# the loopback fake Selling Partner API serving the three demo sellers of
# fixtures/marketplace/, and a configuration for it.
#
#   market_start LOGDIR [FAKE ARGS]  starts the fake: MARKET_PID, MARKET_PORT
#   market_stop                      stops it (safe to call twice)
#   market_config INI SECRETS DATA [WEBHOOK_URL]
#                                    writes the secrets (chmod 600) and INI
#   market_stats EXPR                a Python expression over the fake's
#                                    counters (d), printed
#   market_sellers                   the demo sellers' ids, one a line

MARKET_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MARKET_FIX=$MARKET_TOP/fixtures
MARKET_INI=$MARKET_FIX/marketplace/demo.ini.in
MARKET_PID=
MARKET_PORT=

market_start() {
	local dir=$1 i
	shift
	market_stop
	# Removed first: the shell may read it before the new fake's
	# redirection empties it, and find the last fake's port.
	rm -f "$dir/market.port"
	python3 "$MARKET_TOP/tests/fake_spapi.py" --fixtures "$MARKET_FIX" \
	    --marketplace "$MARKET_FIX/marketplace/sellers.json" "$@" \
	    >"$dir/market.port" 2>"$dir/market.err" &
	MARKET_PID=$!
	MARKET_PORT=
	# Until it says its port, or dies: no fixed time.
	while kill -0 "$MARKET_PID" 2>/dev/null; do
		MARKET_PORT=$(sed -n 's/^PORT //p' "$dir/market.port" \
		    2>/dev/null)
		[ -n "$MARKET_PORT" ] && return 0
		sleep 0.02
	done
	MARKET_PORT=$(sed -n 's/^PORT //p' "$dir/market.port" 2>/dev/null)
	[ -n "$MARKET_PORT" ] && return 0
	echo "the fake marketplace did not start:" >&2
	cat "$dir/market.err" >&2
	return 1
}

market_stop() {
	if [ -n "$MARKET_PID" ]; then
		kill "$MARKET_PID" 2>/dev/null
		wait "$MARKET_PID" 2>/dev/null || true	# 143: it was killed
	fi
	MARKET_PID=
	return 0
}

market_sellers() {
	sed -n 's/^\[seller \(.*\)\]$/\1/p' "$MARKET_INI"
}

# The fake's credentials for seller S are client secret "cs-S-s3cr3t"
# and refresh token "rt-S-r3fr3sh" (tests/fake_spapi.py).
market_config() {
	local ini=$1 secrets=$2 data=$3 hook=${4:-} s
	mkdir -p "$secrets"
	chmod 700 "$secrets"
	for s in $(market_sellers); do
		(umask 077 &&
		    printf 'cs-%s-s3cr3t\n' "$s" >"$secrets/$s.secret" &&
		    printf 'rt-%s-r3fr3sh\n' "$s" >"$secrets/$s.refresh")
		chmod 600 "$secrets/$s.secret" "$secrets/$s.refresh"
	done
	sed -e "s|@DATA@|$data|g" -e "s|@SECRETS@|$secrets|g" \
	    -e "s|@PORT@|$MARKET_PORT|g" \
	    -e "s|^@WEBHOOK@\$|${hook:+webhook_url = $hook}|" \
	    "$MARKET_INI" >"$ini"
}

market_stats() {
	python3 "$MARKET_TOP/tests/fake_query.py" "$MARKET_PORT" stats "$1"
}
