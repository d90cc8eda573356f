# The real-format corpus (fixtures/real/, issue 14 §1): every file as
# Amazon ships it imports and its store matches the golden dump beside it
# (FILE.golden), or it is refused with the message beside it (FILE.err),
# which says what to do. Files that hold the same data in two shapes (the
# API's TSV and Seller Central's CSV download, Shift_JIS and UTF-8) must
# load the same facts.
. "$(dirname "$0")/lib.sh"

S=T1
R=$FIX/real

# args FILE: the options a user gives for it (its charset).
args() {
	case $1 in
	*.sjis.*) echo "--charset shift_jis" ;;
	esac
}

n=0
for f in "$R"/*/*; do
	case $f in *.md | *.golden | *.err) continue ;; esac
	n=$((n + 1))
	rel=${f#"$R"/}
	rm -rf "$T_TMP/d"
	# shellcheck disable=SC2046
	fb -q -d "$T_TMP/d" import --seller $S $(args "$f") "$f" \
	    2>"$T_TMP/err"
	rc=$?
	if [ -f "$f.err" ]; then
		expect_eq "$rel is refused (exit 65)" 65 $rc
		# The message without the path, which depends on the checkout.
		sed "s|$R/||" "$T_TMP/err" >"$T_TMP/err.rel"
		golden "$rel: the refusal says what to do" "$f.err" \
		    "$T_TMP/err.rel"
		continue
	fi
	expect_eq "$rel imports" 0 $rc
	[ $rc -eq 0 ] || { sed 's/^/    # /' "$T_TMP/err"; continue; }
	dump "$T_TMP/d" $S --content >"$T_TMP/real.dump" || continue
	golden "$rel: the store holds what the file says" "$f.golden" \
	    "$T_TMP/real.dump"
done
expect_eq "every file of the corpus was tried" yes \
    "$([ "$n" -ge 20 ] && echo yes || echo "only $n")"

# facts FILE: the rows a file loads (no file bookkeeping: the two shapes
# are different files).
facts() {
	rm -rf "$T_TMP/f"
	# shellcheck disable=SC2046
	fb -q -d "$T_TMP/f" import --seller $S $(args "$1") "$1" 2>/dev/null ||
	    return 1
	dump "$T_TMP/f" $S --content | awk '/^## /{keep = ($2 != "files")}
	    keep'
}
same() {
	facts "$R/$2" >"$T_TMP/a.facts"
	facts "$R/$3" >"$T_TMP/b.facts"
	expect_cmp "$1" "$T_TMP/a.facts" "$T_TMP/b.facts"
}
same "ledger: the API's quoted TSV and Seller Central's CSV agree" \
    ledger/ledger-16col-api-quoted.tsv ledger/ledger-16col-seller-central.csv
same "reimbursements: the API's TSV and Seller Central's CSV agree" \
    reimbursements/reimbursements-api.tsv \
    reimbursements/reimbursements-seller-central.csv
same "Japan's ledger: Shift_JIS and UTF-8 agree" \
    jp/ledger-jp.sjis.tsv jp/ledger-jp.utf8.tsv
same "Japan's settlement: Shift_JIS and UTF-8 agree" \
    jp/settlement-v2-jp.sjis.tsv jp/settlement-v2-jp.utf8.tsv

# The older ledger imports once its country is named, as its refusal says.
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S --country US \
    "$R/ledger/ledger-11col-no-country.tsv" 2>"$T_TMP/err"
expect_eq "the 11-column ledger imports with --country US" 0 $?
expect_eq "its rows take the country named" "US" \
    "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT group_concat(DISTINCT
    country) FROM ledger")"
finish
