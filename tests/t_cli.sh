# A CLI that guides (issue 16 §6): an unknown seller names the known ones,
# closest first, and creates nothing; a mistyped command or subcommand
# names the closest one; a missing option is named; every command has
# --help (one line per option) and "help COMMAND"; the man page covers
# every command; read-only commands work on a store the user cannot
# write; the claims table shows whole order ids.
. "$(dirname "$0")/lib.sh"

D=$T_TMP/d
S=A1B2C3D4E5F6G7
export FBAUDIT_NOW=2025-10-31
fb -q -d "$D" import --seller $S "$FIX"/ledger/ledger.tsv \
    "$FIX"/settlement/settlement.tsv "$FIX"/returns/returns.tsv \
    "$FIX"/unit_costs/unit_costs.tsv
fb -q -d "$D" import --seller A1B2C3D4E5F6XX "$FIX"/ledger/ledger.tsv
fb -q -d "$D" import --seller ZEBRA "$FIX"/ledger/ledger.tsv
fb -q -d "$D" audit
expect_eq "three sellers audited" 0 $?

# An unknown seller: exit 2, the known ones closest first, no store made.
for cmd in "claims list" "anomalies list" "audit" "claims reconcile" \
    "report dashboard" "report export --format csv -o $T_TMP/x.csv"; do
	# shellcheck disable=SC2086
	fb -d "$D" $cmd --seller A1B2C3D4E5F6G8 >/dev/null 2>"$T_TMP/err"
	expect_eq "$cmd: an unknown seller exits 2" 2 $?
	expect_grep "$cmd: names the known sellers, closest first" \
	    "no seller A1B2C3D4E5F6G8 in $D; known: $S, A1B2C3D4E5F6XX, ZEBRA" \
	    "$T_TMP/err"
done
[ ! -e "$D/A1B2C3D4E5F6G8" ] && ok "no store or folder is made for it" ||
    not_ok "no store or folder is made for it"
fb -d "$D" run --seller NOPE >/dev/null 2>"$T_TMP/err"
expect_eq "run --seller of an unknown seller exits 2" 2 $?
[ ! -e "$D/NOPE" ] && ok "run makes no store for it" ||
    not_ok "run makes no store for it"
printf '[seller %s]\nregion = na\nmarketplaces = ATVPDKIKX0DER\nclient_id = x\n' \
    $S >"$T_TMP/one.ini"
export FBAUDIT_CLIENT_SECRET_$S=x FBAUDIT_REFRESH_TOKEN_$S=x
fb -C "$T_TMP/one.ini" -d "$D" import --seller A1B2C3D4E5F6G9 \
    "$FIX"/ledger/ledger.tsv 2>"$T_TMP/err"
expect_eq "import -C refuses a seller the configuration lacks" 2 $?
expect_grep "naming the configured ones" \
    "no seller A1B2C3D4E5F6G9 in $T_TMP/one.ini; known: $S" "$T_TMP/err"
[ ! -e "$D/A1B2C3D4E5F6G9" ] && ok "import -C made no store" ||
    not_ok "import -C made no store"

# Typos: the closest command or subcommand.
fb -d "$D" claims lst 2>"$T_TMP/err"
expect_eq "a mistyped subcommand exits 2" 2 $?
expect_grep "and names the closest" \
    "unknown command 'lst'; did you mean 'list'?" "$T_TMP/err"
fb -d "$D" reprot csm 2>"$T_TMP/err"
expect_eq "a mistyped command exits 2" 2 $?
expect_grep "and names the closest" \
    "unknown command 'reprot'; did you mean 'report'?" "$T_TMP/err"
fb -d "$D" anomalies shwo X 2>"$T_TMP/err"
expect_grep "anomalies shwo: did you mean show" "did you mean 'show'?" \
    "$T_TMP/err"
fb -d "$D" report csm 2>"$T_TMP/err"
expect_eq "a missing required option exits 2" 2 $?
expect_grep "and is named" "report csm: missing -o FILE.html" "$T_TMP/err"
fb -d "$D" import "$FIX"/ledger/ledger.tsv 2>"$T_TMP/err"
expect_grep "import names its missing --seller" "import: missing --seller ID" \
    "$T_TMP/err"
# Every command's required option or argument is named, not only shown.
for args in "claims mark|claims mark: missing CLAIM_ID" \
    "claims mark C0|claims mark: missing --case-id ID or --denied" \
    "claims show|claims show: missing CLAIM_ID" \
    "anomalies show|anomalies show: missing ID" \
    "anomalies ack A0|anomalies ack: missing --by NAME" \
    "anomalies dismiss|anomalies dismiss: missing ID"; do
	# shellcheck disable=SC2086 # the words are the command's arguments
	fb -d "$D" ${args%%|*} 2>"$T_TMP/err"
	expect_eq "${args%%|*}: exit 2" 2 $?
	expect_grep "${args%%|*}: names what is missing" "${args#*|}" \
	    "$T_TMP/err"
done

# --help and help COMMAND, for every command; the man page covers all.
for c in run fetch import audit claims anomalies sellers report help; do
	fb help $c >"$T_TMP/help.$c"
	expect_eq "help $c succeeds" 0 $?
	[ $c = help ] && continue
	fb $c --help >"$T_TMP/h2.$c"
	expect_cmp "$c --help is help $c" "$T_TMP/help.$c" "$T_TMP/h2.$c"
	for o in $(sed -n 's/^  --\([a-z-]*\).*/\1/p' "$T_TMP/help.$c" | sort -u); do
		grep -q -- "Fl -$o" "$TOP/docs/fbaudit.1" &&
		    ok "the man page documents $c --$o" ||
		    not_ok "the man page documents $c --$o"
	done
done
expect_grep "claims help: one line per option" '^  --case-id ID ' \
    "$T_TMP/help.claims"
fb claims list --help >"$T_TMP/h3"
expect_cmp "a subcommand's --help is its command's" "$T_TMP/help.claims" \
    "$T_TMP/h3"
for c in run fetch import audit "claims list" "claims show" "claims file" \
    "claims mark" "claims reconcile" "anomalies list" "anomalies show" \
    "anomalies ack" "report dashboard" "report csm" "report digest" \
    "report export" "sellers list" help; do
	grep -q "^\\.It Cm $c\\b" \
	    "$TOP/docs/fbaudit.1" && ok "the man page covers $c" ||
	    not_ok "the man page covers $c"
done
expect_grep "README says where the manual is" 'docs/fbaudit.1' \
    "$TOP/README.md"

# The claims table shows whole order ids.
fb -d "$D" claims list --seller $S >"$T_TMP/table"
expect_grep "claims list shows a whole order id" '113-5820193-7741630' \
    "$T_TMP/table"

# Read-only commands on a store the user cannot write (root ignores
# permissions: run as nobody on a chmod a-w copy).
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	R=$T_TMP/ro
	mkdir -p "$R/out"
	cp -r "$D" "$R/d"
	cid=$(fb -d "$D" claims list --seller $S --format csv |
	    sed -n '2s/,.*//p')
	aid=$(sqlite3 "$D/$S/store.db" "SELECT anomaly_id FROM anomalies
	    LIMIT 1")
	# Readable by all, writable by none: a copy another user made.
	chmod -R a+rX,a-w "$R/d"
	chmod a+rx "$T_TMP" "$R"
	chmod a+rwx "$R/out"
	nb() { setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$FBAUDIT" -d "$R/d" "$@"; }
	nb claims list >"$R/out/list" 2>"$R/out/err"
	expect_eq "nobody: claims list on a read-only store" "0:" \
	    "$?:$(cat "$R/out/err")"
	expect_eq "nobody sees every claim" \
	    "$(fb -d "$D" claims list | wc -l)" "$(wc -l <"$R/out/list")"
	nb claims show "$cid" >/dev/null 2>"$R/out/err"
	expect_eq "nobody: claims show" "0:" "$?:$(cat "$R/out/err")"
	nb anomalies list --format json >/dev/null 2>"$R/out/err"
	expect_eq "nobody: anomalies list" "0:" "$?:$(cat "$R/out/err")"
	if [ -n "$aid" ]; then
		nb anomalies show "$aid" >/dev/null 2>"$R/out/err"
		expect_eq "nobody: anomalies show" "0:" \
		    "$?:$(cat "$R/out/err")"
	fi
	nb sellers list >/dev/null 2>"$R/out/err"
	expect_eq "nobody: sellers list" "0:" "$?:$(cat "$R/out/err")"
	nb -q report dashboard --seller $S -o "$R/out/dash.html" 2>"$R/out/err"
	expect_eq "nobody: report dashboard" "0:" "$?:$(cat "$R/out/err")"
	nb -q report csm -o "$R/out/csm.html" 2>"$R/out/err"
	expect_eq "nobody: report csm" "0:" "$?:$(cat "$R/out/err")"
	nb -q report export --seller $S --format csv -o "$R/out/x.csv" \
	    2>"$R/out/err"
	expect_eq "nobody: report export" "0:" "$?:$(cat "$R/out/err")"
	nb -q audit >/dev/null 2>&1
	[ $? -ne 0 ] && ok "control: nobody cannot audit (write) it" ||
	    not_ok "control: nobody cannot audit (write) it"
	chmod -R go-rx "$R/d"
	nb claims list >/dev/null 2>"$R/out/err"
	expect_grep "control: a data dir nobody may read is an error" \
	    'Permission denied' "$R/out/err"
	chmod -R u+w "$R/d"
else
	ok "read-only test skipped: needs root and setpriv"
fi
finish
