#!/usr/bin/env bash
# make demo: one real night. Starts the fake Selling Partner API on
# 127.0.0.1 (a random port) serving the three demo sellers of
# fixtures/marketplace/ (US, DE, FR), writes a configuration for it, and
# runs `fbaudit run` as cron would, on the demo day: fetch, import,
# audit, file (outbox), flag, dashboards and the CSM page. Prints where
# they are and the run's summary; the fake is stopped however it ends.
#
#   tests/demo.sh [FBAUDIT]     (default ./fbaudit; DEMO_DATA: data dir)
set -euo pipefail
fb=$(cd "$(dirname "${1:-./fbaudit}")" && pwd)/$(basename "${1:-./fbaudit}")
top=$(cd "$(dirname "$0")/.." && pwd)
data=${DEMO_DATA:-$top/build/demo-data}
now=2025-10-31		# the sample data's day (fixtures/README.md)
# shellcheck source=tests/marketplace.sh
. "$top/tests/marketplace.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fbaudit-demo.XXXXXX")
trap 'market_stop; rm -rf "$tmp"' EXIT
start=$(date +%s.%N)

mkdir -p "$(dirname "$data")"
rm -rf "$data"
echo "== the fake marketplace (fixtures/marketplace/) on 127.0.0.1"
market_start "$tmp" --delay 1
echo "   port $MARKET_PORT; sellers: $(market_sellers | tr '\n' ' ')"
market_config "$tmp/demo.ini" "$tmp/secrets" "$data"

# Unit costs are the seller's own figures, not an Amazon report: sellers
# upload them once. Claims are then valued at cost, as Amazon pays.
echo "== the sellers' unit costs"
"$fb" -q -d "$data" --now "$now" import --seller A1B2C3D4E5F6G7 \
    "$top/fixtures/unit_costs/unit_costs.tsv"
"$fb" -q -d "$data" --now "$now" import --seller A2KOEHLERDE01 \
    "$top/fixtures/marketplace/de/unit_costs.tsv"
"$fb" -q -d "$data" --now "$now" import --seller A3LEFEVREFR02 \
    "$top/fixtures/marketplace/fr/unit_costs.tsv"

echo "== fbaudit -C demo.ini --now $now run"
rc=0
"$fb" -C "$tmp/demo.ini" --now "$now" run >"$tmp/run.out" \
    2>"$tmp/run.log" || rc=$?
cat "$tmp/run.out"
if [ "$rc" -ne 0 ]; then
	echo "== the run failed (exit status $rc); its log:"
	tail -40 "$tmp/run.log"
	exit "$rc"
fi

echo "== what the CSM should act on"
"$fb" -d "$data" anomalies list
echo "== the pages"
for s in $(market_sellers); do
	n=0
	[ -d "$data/$s/outbox" ] &&
	    n=$(find "$data/$s/outbox" -name '*.json' | wc -l)
	echo "   $s: $data/$s/dashboard.html ($n case packets in outbox/)"
done
echo "   CSM queue: $data/csm.html"
awk -v a="$start" -v b="$(date +%s.%N)" \
    'BEGIN { printf "== done in %.1f s\n", b - a }'
