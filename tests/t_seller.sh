# Each seller's settings belong to the seller (issue 16 §2): a configured
# run over the demo marketplace (tests/marketplace.sh: Bob files his
# claims himself, claims_per_night = 0; Köhler Handels GmbH reads German),
# then the same night's run without -C must change nothing a configured
# run would not: the same claims, the same pages (German, named), no
# packet for Bob. And run with no seller at all says how to start.
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/marketplace.sh
. "$TOP/tests/marketplace.sh"

NOW=2025-10-31
BOB=A1B2C3D4E5F6G7
DE=A2KOEHLERDE01
D=$T_TMP/data
trap 'market_stop; rm -rf "$T_TMP"' EXIT

market_start "$T_TMP" || not_ok "the fake marketplace starts"
market_config "$T_TMP/fbaudit.ini" "$T_TMP/secrets" "$D"
fb -q -d "$D" --now $NOW import --seller $BOB \
    "$FIX/unit_costs/unit_costs.tsv"
fb -q -d "$D" --now $NOW import --seller $DE \
    "$FIX/marketplace/de/unit_costs.tsv"
fb -q -C "$T_TMP/fbaudit.ini" --now $NOW run >"$T_TMP/run1" 2>"$T_TMP/err1"
expect_eq "the configured run succeeds" 0 $?
market_stop
expect_grep "Bob files by himself: the run says so" \
    "^$BOB: ok: .*not filed: the seller files by themselves" "$T_TMP/run1"
q() { sqlite3 "$D/$1/store.db" "$2"; }
expect_eq "Bob has claims open for filing" yes \
    "$([ "$(q $BOB "SELECT count(*) FROM claims WHERE status =
    'eligible'")" -gt 0 ] && echo yes || echo no)"
expect_eq "and none was handed to a transport" 0 \
    "$(q $BOB "SELECT count(*) FROM claim_filings")"
expect_eq "the settings are kept in the store" \
    "claims_per_night|0 csm|maria lang|en marketplaces|ATVPDKIKX0DER name|Bob's Goods LLC transport|outbox" \
    "$(q $BOB "SELECT key || '|' || value FROM seller_settings ORDER BY
    key" | tr '\n' ' ' | sed 's/ $//')"

# Snapshot, then the same night without -C.
snap() { # snap DIR: what a run may change, for comparison
	mkdir -p "$1"
	fb -q -d "$D" claims list --format csv >"$1/claims.csv"
	fb -q -d "$D" anomalies list --status all --format csv >"$1/anomalies.csv"
	# The CSM pages: names, CSMs and one page per CSM, as configured.
	for f in csm.html csm-anna.html csm-maria.html; do
		cp "$D/$f" "$1/$f" 2>/dev/null || echo missing >"$1/$f"
	done
	for s in $(market_sellers); do
		cp "$D/$s/dashboard.html" "$1/$s.html"
		ls "$D/$s/outbox" 2>/dev/null >"$1/$s.outbox"
		q "$s" "SELECT claim_id, state FROM claim_filings ORDER BY
		    claim_id" >"$1/$s.filings"
	done
}
snap "$T_TMP/after1"
rm -f "$D"/csm*.html	# written again, not left from the first run
fb -q -d "$D" --now $NOW run >"$T_TMP/run2" 2>"$T_TMP/err2"
expect_eq "the same night without -C succeeds" 0 $?
snap "$T_TMP/after2"
for f in claims.csv anomalies.csv csm.html csm-anna.html csm-maria.html; do
	expect_cmp "without -C: $f unchanged" "$T_TMP/after1/$f" \
	    "$T_TMP/after2/$f"
done
for s in $(market_sellers); do
	for k in html outbox filings; do
		expect_cmp "without -C: $s $k unchanged" "$T_TMP/after1/$s.$k" \
		    "$T_TMP/after2/$s.$k"
	done
done
expect_grep "the German seller's page stays German" '<html lang="de">' \
    "$D/$DE/dashboard.html"
expect_grep "and names the seller" 'Köhler Handels GmbH (A2KOEHLERDE01)' \
    "$D/$DE/dashboard.html"
expect_eq "a self-filing seller is never filed for" "0 0" \
    "$(q $BOB "SELECT count(*) FROM claim_filings") $(q $BOB "SELECT
    count(*) FROM claims WHERE status IN ('ready', 'filed')")"
expect_grep "Bob's page has a copy-ready text per open claim" \
    'You file your claims yourself' "$D/$BOB/dashboard.html"
expect_eq "one per claim open today" \
    "$(q $BOB "SELECT count(*) FROM claims WHERE status = 'eligible' AND
    window_opens <= 20392 AND window_closes >= 20392")" \
    "$(grep -o '<pre class="copy">' "$D/$BOB/dashboard.html" | wc -l)"

# claims file without -C follows the kept settings too.
fb -q -d "$D" --now $NOW claims file --seller $BOB >/dev/null 2>&1
expect_eq "claims file without -C does not file for Bob" 0 \
    "$(q $BOB "SELECT count(*) FROM claim_filings")"

# No seller at all: exit 2 and how to start, not "0 sellers done".
fb -q -d "$T_TMP/empty" --now $NOW run >"$T_TMP/out" 2>"$T_TMP/err"
expect_eq "run with no seller exits 2" 2 $?
expect_grep "and says how to start" 'fbaudit import --seller ID' \
    "$T_TMP/err"
expect_no_grep "not a success summary" 'sellers done' "$T_TMP/out"
finish
