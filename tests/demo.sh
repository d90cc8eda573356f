#!/usr/bin/env bash
# make demo: imports the bundled sample seller (fixtures/) into a fresh
# data dir and shows what was loaded. Usage: tests/demo.sh FBAUDIT
set -euo pipefail
fb=${1:-./fbaudit}
top=$(cd "$(dirname "$0")/.." && pwd)
data=${DEMO_DATA:-$top/build/demo-data}
seller=A1B2C3D4E5F6G7
rm -rf "$data"
echo "== importing the sample seller $seller into $data"
"$fb" -d "$data" import --seller "$seller" \
    "$top"/fixtures/ledger/ledger.tsv \
    "$top"/fixtures/reimbursements/reimbursements.tsv \
    "$top"/fixtures/returns/returns.tsv \
    "$top"/fixtures/removal_orders/removal_orders.tsv \
    "$top"/fixtures/removal_shipments/removal_shipments.tsv \
    "$top"/fixtures/settlement/settlement.tsv \
    "$top"/fixtures/settlement/settlement_eu.tsv \
    "$top"/fixtures/settlement_xml/settlement.xml \
    "$top"/fixtures/inbound/inbound.json \
    "$top"/fixtures/unit_costs/unit_costs.tsv
echo "== the same files again: nothing is added"
"$fb" -d "$data" import --seller "$seller" \
    "$top"/fixtures/ledger/ledger.tsv
echo "== a hostile file is refused, naming file, line and field"
"$fb" -d "$data" import --seller "$seller" \
    "$top"/fixtures/hostile/bad_int.tsv || echo "(exit status $?)"
echo "== sellers list"
"$fb" -d "$data" sellers list
echo "== audit as of 2025-10-31 (the sample data's day)"
"$fb" -d "$data" --now 2025-10-31 audit
echo "== claims list"
"$fb" -d "$data" claims list
echo "== one claim, with its evidence and history"
id=$("$fb" -d "$data" claims list --status eligible --type warehouse_lost \
    --format csv | sed -n '2s/,.*//p')
"$fb" -d "$data" claims show "$id"
