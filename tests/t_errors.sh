# Errors are never lost and nothing is silently dropped: a failed
# migration says what SQLite said (not "not an error"), an audit that
# fails for a reason of its own says that reason, and the audit's totals
# hold every currency the claims have. (The fetch's own cases, a worker
# without an HTTP client and a store error on a listed settlement, are in
# t_fetch.sh beside the fake marketplace.)
. "$(dirname "$0")/lib.sh"

S=E1

# --- A migration that fails names SQLite's error. -----------------------
D=$T_TMP/migrate
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv"
# As if the store had never been migrated: the first migration's tables
# are already there, so it fails.
sqlite3 "$D/$S/store.db" "PRAGMA user_version = 0"
fb -q -d "$D" --now 2025-06-15 audit --seller $S 2>"$T_TMP/err"
expect_eq "a store whose migration fails: exit 1" 1 $?
expect_grep "the error is SQLite's, with the version" \
    "cannot migrate store to schema version 1: table files already exists" \
    "$T_TMP/err"
expect_no_grep "never \"not an error\"" "not an error" "$T_TMP/err"

# --- An audit failure that is not the store's names its own reason. -----
D=$T_TMP/policy
fb -q -d "$D" import --seller $S "$FIX/ledger/ledger.tsv"
FBAUDIT_TEST_FAIL=policy_window fb -q -d "$D" --now 2025-06-15 audit \
    --seller $S 2>"$T_TMP/err"
expect_eq "an audit that fails: exit 1" 1 $?
expect_grep "its reason is the audit's" \
    "$S: audit: no policy window for claim type" "$T_TMP/err"
expect_no_grep "never the store's \"not an error\"" "not an error" \
    "$T_TMP/err"
expect_eq "nothing of the failed audit is kept" 0 \
    "$(sqlite3 "$D/$S/store.db" "SELECT count(*) FROM claims")"

# --- Nine currencies: every total is kept. ------------------------------
# One unit lost in each of nine marketplaces, each SKU valued by a unit
# cost in that marketplace's currency: nine eligible claims on
# 2025-06-15, nine currencies.
D=$T_TMP/currencies
L=$T_TMP/ledger9.tsv
U=$T_TMP/costs9.tsv
head -1 "$FIX/ledger/ledger.tsv" >"$L"
printf 'sku\tunit-cost\tcurrency\n' >"$U"
n=0
for cc in US:USD CA:CAD MX:MXN GB:GBP DE:EUR SE:SEK PL:PLN JP:JPY AU:AUD; do
	n=$((n + 1))
	country=${cc%%:*}
	cur=${cc#*:}
	printf '"05/01/2025"\t"X00000000%d"\t"B00000000%d"\t"SKU-%s"\t"Item %s"\t"Adjustments"\t"1050000000%d"\t"-1"\t"FC%d"\t"SELLABLE"\t"M"\t"%s"\t"0"\t"1"\t"2025-05-01T10:00:00-07:00"\t""\n' \
	    $n $n "$cur" "$cur" $n $n "$country" >>"$L"
	if [ "$cur" = JPY ]; then cost=1500; else cost=1$n.00; fi
	printf 'SKU-%s\t%s\t%s\n' "$cur" "$cost" "$cur" >>"$U"
done
fb -q -d "$D" import --seller $S "$L" "$U" 2>"$T_TMP/err"
expect_eq "nine marketplaces import" 0 $?
fb -d "$D" --now 2025-06-15 audit --seller $S 2>"$T_TMP/err"
expect_eq "their audit succeeds" 0 $?
expect_eq "nine eligible claims" 9 "$(sqlite3 "$D/$S/store.db" \
    "SELECT count(DISTINCT currency) FROM claims WHERE status = 'eligible'")"
fb -d "$D" --now 2025-06-15 run --seller $S >"$T_TMP/out" 2>"$T_TMP/log"
for cur in USD CAD MXN GBP EUR SEK PLN JPY AUD; do
	# Two places always (docs/design.md §8), a yen too.
	amount=$(awk -F'\t' -v s="SKU-$cur" '$1 == s { printf "%.2f", $2 }' \
	    "$U")
	expect_grep "audit's eligible total holds $cur" "$amount $cur" \
	    "$T_TMP/err"
	expect_grep "run's summary line holds $cur" "$amount $cur" \
	    "$T_TMP/out"
done
finish
