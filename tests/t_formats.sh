# The forms one report comes in load the same facts: TSV plain or with
# every cell quoted, CSV (Seller Central's downloads: RFC 4180, CRLF,
# BOM, gzip), Shift_JIS and EUC-JP with --charset, Japanese headers.
# Older ledger layouts (11 and 12 columns) and the country an 11-column
# ledger takes; unknown charsets refused by name.
. "$(dirname "$0")/lib.sh"

S=A1B2C3D4E5F6G7
G=$T_TMP/gen
mkdir -p "$G"

# variants SRC OUTDIR: writes SRC (a TSV as Amazon sends it) as plain.tsv
# (no quotes), quoted.tsv (every cell quoted), minimal.csv (quotes where
# RFC 4180 needs them), all.csv (every cell quoted, CRLF, a BOM), all.csv
# gzipped as all.bin. Cells are read as fbaudit reads TSV cells.
variants() {
	python3 - "$1" "$2" <<'PY' || not_ok "variants of $1"
import csv, gzip, io, sys
src, out = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8-sig").read()
def cell(c):
    inner = c[1:-1]
    if len(c) >= 2 and c[0] == '"' and c[-1] == '"' and \
            '"' not in inner.replace('""', ''):
        return inner.replace('""', '"')
    return c
rows = [[cell(c) for c in l.rstrip("\r").split("\t")]
        for l in text.split("\n") if l.rstrip("\r") != ""]
def save(name, s, bom=False):
    with open(out + "/" + name, "w", encoding="utf-8-sig" if bom
              else "utf-8", newline="") as f:
        f.write(s)
save("plain.tsv", "".join("\t".join(r) + "\n" for r in rows))
q = lambda c: '"' + c.replace('"', '""') + '"'
save("quoted.tsv", "".join("\t".join(map(q, r)) + "\n" for r in rows))
for name, quoting, end, bom in (("minimal.csv", csv.QUOTE_MINIMAL, "\n",
                                 False),
                                ("all.csv", csv.QUOTE_ALL, "\r\n", True)):
    b = io.StringIO()
    csv.writer(b, quoting=quoting, lineterminator=end).writerows(rows)
    save(name, b.getvalue(), bom)
with open(out + "/all.csv", "rb") as f, \
        gzip.open(out + "/all.bin", "wb") as g:
    g.write(f.read())
PY
}

# Every TSV fixture in every form: the same facts as its golden dump.
for f in "$FIX"/*/*.tsv; do
	case $f in "$FIX"/hostile/* | "$FIX"/marketplace/* | "$FIX"/reports/* | \
	    *.cp1252.* | *.sjis.* | *.crlf-bom.*) continue ;; esac
	rel=${f#"$FIX"/}
	rm -rf "$G"/*
	variants "$f" "$G"
	for v in plain.tsv quoted.tsv minimal.csv all.csv all.bin; do
		import_dump v "$G/$v" &&
		    expect_cmp "$rel as $v" "$f.golden" "$T_TMP/v.dump"
	done
done

# The Japanese ledger: Shift_JIS (Windows-31J) TSV with Japanese
# headers, the same as CSV, and EUC-JP; every charset spelling Amazon
# uses loads the same facts as the UTF-8 original.
JP=$FIX/ledger/ledger_jp.tsv
SJ=$FIX/ledger/ledger_jp.sjis.tsv
for cs in shift_jis Shift_JIS windows-31j cp932 sjis; do
	import_dump sj "$SJ" --charset "$cs" &&
	    expect_cmp "Shift_JIS as --charset $cs" "$JP.golden" \
	    "$T_TMP/sj.dump"
done
rm -rf "$G"/*
variants "$JP" "$G"
iconv -f UTF-8 -t CP932 "$G/minimal.csv" >"$G/sjis.csv"
import_dump sjcsv "$G/sjis.csv" --charset windows-31j &&
    expect_cmp "a Shift_JIS CSV" "$JP.golden" "$T_TMP/sjcsv.dump"
expect_grep "Japanese titles arrive whole (0x5C trail byte, NEC ①)" \
    '日本茶 ｾｯﾄ 表示 ①' "$T_TMP/sjcsv.dump"
# EUC-JP has no NEC ①: the same data without it, against its UTF-8.
sed 's/ ①//' "$G/quoted.tsv" >"$G/jp-no-nec.tsv"
iconv -f UTF-8 -t EUC-JP "$G/jp-no-nec.tsv" >"$G/eucjp.tsv"
import_dump utf "$G/jp-no-nec.tsv"
import_dump euc "$G/eucjp.tsv" --charset euc-jp &&
    expect_cmp "an EUC-JP quoted TSV" "$T_TMP/utf.dump" "$T_TMP/euc.dump"
expect_grep "a title starting with a quote is kept as it is" \
    '"限定" 保冷バッグ 赤' "$T_TMP/sjcsv.dump"

# A CSV cell with line breaks is stored with them (LF), and the rows
# after it keep their own line numbers.
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S --lenient \
    "$FIX/hostile/csv_multiline_bad_int.csv" 2>"$T_TMP/err"
expect_eq "a multi-line CSV record imports" 0 $?
expect_eq "its Title keeps its line breaks" "Tea set|line two|line three" \
    "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT replace(title, char(10),
    '|') FROM products WHERE title LIKE 'Tea set%'")"
expect_eq "the bad row after it is line 5, the row after that line 6" \
    "5|6" "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT (SELECT line FROM
    import_errors), (SELECT min(line) FROM ledger WHERE line > 2)")"

# Unknown charsets are refused, named, never read as UTF-8.
fb -q -d "$T_TMP/d" import --seller $S --charset x-klingon "$JP" \
    2>"$T_TMP/err"
expect_eq "an unknown --charset is a usage error" 2 $?
expect_grep "the unknown charset is named" 'unknown "x-klingon"' \
    "$T_TMP/err"
expect_grep "the known ones are listed" 'windows-31j' "$T_TMP/err"

# Older ledger layouts. 16 columns are the fixture; 12 drop the four
# late ones; 11 drop Country too.
L=$FIX/ledger/ledger.tsv
cut -f1-12 "$L" >"$G/l12.tsv"
cut -f1-11 "$L" >"$G/l11.tsv"
country() {
	sqlite3 "$1/$S/store.db" "SELECT group_concat(DISTINCT country)
	    FROM ledger"
}
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S "$G/l12.tsv"
expect_eq "a 12-column ledger imports" 0 $?
expect_eq "its rows keep their Country" US "$(country "$T_TMP/d")"
expect_eq "its rows have no reconciled quantity" 0 \
    "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT count(*) FROM ledger
    WHERE reconciled_qty IS NOT NULL")"

# 11 columns, nothing known of the seller: refused, saying how.
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S "$G/l11.tsv" 2>"$T_TMP/err"
expect_eq "an 11-column ledger of an unknown seller is refused" 65 $?
expect_grep "the refusal names Country and --country" \
    'l11.tsv:1: Country: .*--country XX' "$T_TMP/err"
expect_eq "nothing was stored" 0 \
    "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT count(*) FROM files")"
# --country names it.
fb -q -d "$T_TMP/d" import --seller $S --country JP "$G/l11.tsv"
expect_eq "--country JP imports it" 0 $?
expect_eq "every row takes JP" JP "$(country "$T_TMP/d")"
fb -q -d "$T_TMP/d" import --seller $S --country jp "$G/l11.tsv" \
    2>/dev/null
expect_eq "a lower-case --country is a usage error" 2 $?
# -C: the first of the seller's configured marketplaces.
cat >"$T_TMP/fb.ini" <<INI
[seller $S]
region = eu
marketplaces = A1PA6795UKMFR9, ATVPDKIKX0DER
client_id = amzn1.application-oa2-client.test
INI
rm -rf "$T_TMP/d"
export "FBAUDIT_CLIENT_SECRET_$S=cs" "FBAUDIT_REFRESH_TOKEN_$S=rt"
fb -q -C "$T_TMP/fb.ini" -d "$T_TMP/d" import --seller $S "$G/l11.tsv" \
    2>"$T_TMP/err"
expect_eq "with -C the 11-column ledger imports" 0 $?
expect_eq "its rows take the first marketplace's country" DE \
    "$(country "$T_TMP/d")"
# Without -C: the country of the seller's other ledger rows...
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S "$FIX/ledger/ledger_jp.tsv"
fb -q -d "$T_TMP/d" import --seller $S "$G/l11.tsv"
expect_eq "without -C it takes the stored ledger's country" \
    "JP" "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT group_concat(DISTINCT
    country) FROM ledger WHERE file_id = 2")"
# ... else the marketplace its settlements name.
rm -rf "$T_TMP/d"
fb -q -d "$T_TMP/d" import --seller $S "$FIX/settlement/settlement_eu.tsv"
fb -q -d "$T_TMP/d" import --seller $S "$G/l11.tsv" 2>"$T_TMP/err"
expect_eq "a seller with only settlements: imported" 0 $?
expect_eq "it takes the settlements' marketplace's country" \
    "$(sqlite3 "$T_TMP/d/$S/store.db" "SELECT marketplace FROM
    settlement_tx WHERE marketplace LIKE 'Amazon.%' GROUP BY marketplace
    ORDER BY count(*) DESC LIMIT 1" | sed 's/.*\.//' | tr a-z A-Z)" \
    "$(country "$T_TMP/d")"
finish
