# The browser test: headless Chromium loads the report pages from disk.
# Run by tests/t_report.sh with REPORT_PAGES naming the folder of its
# pages (dashboard.en.html, dashboard.de.html, evil.html, csm2.html).
# Checks the DOM (--dump-dom) for the expected figures and that no script
# ran; that no request left the page (Chromium's only proxy is a loopback
# recorder that must see nothing); saves screenshots and a PDF under
# BUILD/artefacts/. Positive controls prove each check can fail: a page
# with a script and an outside image must show both. Skips (one ok line
# saying "skipped") only when no chromium is installed.
. "$(dirname "$0")/../lib.sh"
TOP=$(cd "$(dirname "$0")/../.." && pwd)

P=${REPORT_PAGES:?REPORT_PAGES must name the pages folder}
ART=$(dirname "$FBAUDIT")/artefacts
chrome=
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
if [ -z "$chrome" ]; then
	ok "browser test skipped: chromium is not installed" \
	    "(deploy/debian-deps.sh test installs it)"
	finish
fi
mkdir -p "$ART"

# The recorder: every request Chromium makes goes to it, loopback too.
rec=$T_TMP/recorder.log
python3 "$TOP/tests/browser/recorder.py" "$T_TMP/port" "$rec" 1800 &
rec_pid=$!
trap 'kill $rec_pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
wait_for "the request recorder to start" test -s "$T_TMP/port"
port=$(cat "$T_TMP/port" 2>/dev/null)
[ -n "$port" ] || not_ok "the request recorder started"

# browse OUT ARGS...: one headless Chromium run, fresh profile each time.
browse() {
	out=$1
	shift
	prof=$(mktemp -d "$T_TMP/profile.XXXXXX")
	timeout 90 "$chrome" --headless --no-sandbox --disable-gpu \
	    --disable-background-networking --disable-component-update \
	    --disable-sync --no-first-run --disable-default-apps \
	    --disable-extensions --no-default-browser-check \
	    --user-data-dir="$prof" --hide-scrollbars \
	    --proxy-server="http://127.0.0.1:$port" \
	    --proxy-bypass-list='<-loopback>' \
	    --virtual-time-budget=3000 "$@" >"$out" 2>"$out.err"
	rc=$?
	rm -rf "$prof"
	return $rc
}

# Positive control: scripts run here and outside requests are recorded,
# so the checks below would see them if a report page had any.
cat >"$T_TMP/control.html" <<'HTML'
<!DOCTYPE html><html><head><title>control</title></head><body>
<img src="http://control.invalid/pixel.png" alt="">
<script>document.body.setAttribute("data-pwned", "control")</script>
</body></html>
HTML
browse "$T_TMP/control.dom" --dump-dom "file://$T_TMP/control.html"
expect_grep "control: a script in a page runs and shows in the DOM" \
    'data-pwned="control"' "$T_TMP/control.dom"
expect_grep "control: an outside request reaches the recorder" \
    'control.invalid' "$rec"
: >"$rec"

for page in dashboard.en.html dashboard.de.html evil.html csm2.html; do
	browse "$T_TMP/$page.raw" --dump-dom "file://$P/$page"
	expect_eq "chromium renders $page" 0 $?
	tr -d '\n' <"$T_TMP/$page.raw" >"$T_TMP/$page.dom"
	expect_no_grep "$page: no script ran (no data-pwned)" 'data-pwned=' \
	    "$T_TMP/$page.dom"
	expect_no_grep "$page: no script or img element in the DOM" \
	    '<script\|<img' "$T_TMP/$page.dom"
done
expect_grep "DOM: en claimable figure" \
    'id="claimable"><h2>Claimable now</h2><div class="fig"><span class="m">\$152.19<' \
    "$T_TMP/dashboard.en.html.dom"
expect_grep "DOM: en recovered figure" 'id="recovered">.*\$93.67' \
    "$T_TMP/dashboard.en.html.dom"
expect_grep "DOM: de claimable figure" \
    'id="claimable">.*152,19&nbsp;\$' \
    "$T_TMP/dashboard.de.html.dom"
expect_grep "DOM: the hostile title is text" \
    '&lt;script&gt;document.body.setAttribute' "$T_TMP/evil.html.dom"
expect_grep "DOM: the charts are there" '<svg' "$T_TMP/dashboard.en.html.dom"

# Phones and desktops (issue 16 §5): the layout probe (layout.html, a
# test page with a script) loads each language's dashboard with ready
# claims in an iframe 390 and 1280 px wide. Nothing may reach past the
# screen's edge, chart labels stay at least 11 px, the recovered chart's
# bars add up to its total and to the headline, and the page's text
# holds every claim, case id, status and text to paste.
# Every probe, of every page at every width, runs in ONE Chromium launch
# (layout.html frames them all at once; a launch costs seconds): the
# pages are listed first, probed, then checked one by one.
probes=
n_probes=0
probe_add() { # probe_add PAGE WIDTH: its JSON will be $last_probe
	last_probe=$T_TMP/probe.$n_probes.json
	probes="$probes&p=file://$1|$2"
	n_probes=$((n_probes + 1))
}
probe_all() { # one launch; splits its JSON array into probe.N.json
	browse "$T_TMP/probe.raw" --allow-file-access-from-files \
	    --dump-dom "file://$TOP/tests/browser/layout.html?${probes#&}"
	python3 - "$T_TMP/probe.raw" "$T_TMP" <<'PY'
import html, json, re, sys
m = re.search(r'<pre id="out">(.*?)</pre>', open(sys.argv[1]).read(), re.S)
try:
    rs = json.loads(html.unescape(m.group(1))) if m else []
except ValueError:
    rs = []
for i, r in enumerate(rs):
    json.dump(r, open("%s/probe.%d.json" % (sys.argv[2], i), "w"))
PY
}
# check_layout NAME PROBE_JSON READY_CSV STATUS: the checks above.
check_layout() {
	python3 - "$2" "$3" "$4" >"$T_TMP/layout.out" 2>&1 <<'PY'
import csv, json, re, sys
r = json.load(open(sys.argv[1]))
bad = []
def cents(s):
    m = re.search(r"(-?)[^\d-]*([\d.,\u00a0 ]*\d)", s)
    sign, digits = m.group(1), re.sub(r"\D", "", m.group(2))
    return int(sign + digits)
if r.get("err"):
    bad.append("probe: " + r["err"])
if r.get("sw") != r.get("w") or r.get("cw") != r.get("w"):
    bad.append("scroll width %s, viewport %s, window %s" %
               (r.get("sw"), r.get("cw"), r.get("w")))
if r.get("wide"):
    bad.append("past the right edge: %s" % r["wide"])
if r.get("font", 0) < 11:
    bad.append("chart text %.1f px" % r.get("font", 0))
bars = sum(cents(t.split(": ", 1)[1]) for t in r.get("titles", []))
totals = [cents(t) for t in r.get("totals", [])]
head = [cents(t) for t in r.get("headline", [])]
if not r.get("titles") or totals[:1] != [bars] or bars not in head:
    bad.append("bars %s, chart total %s, headline %s" % (bars, totals, head))
text = r.get("text", "")
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
want = [sys.argv[3], "4815162342", "$"]
for row in rows:
    want += [row["claim_id"], row["reference_id"], "claims mark %s --case-id" % row["claim_id"], row["title"]]
missing = [w for w in want if w not in text]
if missing:
    bad.append("not in the text: %s" % missing[:5])
print("; ".join(bad) if bad else "ok")
PY
	expect_eq "$1" ok "$(cat "$T_TMP/layout.out")"
}
# The CSM queue (csm.LANG.html, written by t_report.sh) is probed at the
# same widths; a 2000 px element is the control that an overflow shows.
printf '<!DOCTYPE html><html><body><div style="width:2000px">wide</div>' \
    >"$T_TMP/wide.html"
probe_add "$T_TMP/wide.html" 390
wide_probe=$last_probe
probe_langs() { # probe_langs NAME: NAME.LANG.html of each language, each width
	for lang in en de fr es; do
		for w in 390 1280; do probe_add "$P/$1.$lang.html" $w; done
	done
}
if [ -e "$P/ready.en.html" ]; then
	probe_langs ready
	# Positive control: the page of before issue 16 overflowed a phone.
	git -C "$TOP" show aa807f6:fixtures/reports/dashboard.en.html \
	    >"$T_TMP/old.html" 2>/dev/null &&
	    probe_add "$T_TMP/old.html" 390 && old_probe=$last_probe
fi
[ -s "$P/csm.en.html" ] && probe_langs csm
probe_all
expect_eq "one Chromium launch probed all $n_probes pages and widths" \
    yes "$([ -s "$last_probe" ] && echo yes)"
i=1
if [ -e "$P/ready.en.html" ]; then
	for lang in en de fr es; do
		case $lang in
		en) st='Ready to submit' ;; de) st='Bereit zum Einreichen' ;;
		fr) st='Prêt à soumettre' ;; es) st='Listo para enviar' ;;
		esac
		for w in 390 1280; do
			check_layout "layout $lang at $w px: fits, labels >= 11 px, bars = headline, every value" \
			    "$T_TMP/probe.$i.json" "$P/ready.csv" "$st"
			i=$((i + 1))
		done
	done
	if [ -n "${old_probe:-}" ]; then
		expect_eq "control: an overflowing page is caught at 390 px" yes \
		    "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))
print("yes" if r.get("sw", 0) > r.get("w", 0) else "no")' "$old_probe")"
		i=$((i + 1))
	fi
	browse "$T_TMP/shot390.log" --window-size=390,2400 \
	    --screenshot="$ART/dashboard-ready-390.png" "file://$P/ready.de.html"
fi

# Screenshots and a PDF: artefacts for a person to look at.
browse "$T_TMP/shot.log" --window-size=1280,2400 \
    --screenshot="$ART/dashboard-en.png" "file://$P/dashboard.en.html"
expect_grep "screenshot of the dashboard saved" 'written to file' \
    "$T_TMP/shot.log.err"
browse "$T_TMP/shot2.log" --window-size=1280,1400 \
    --screenshot="$ART/csm.png" "file://$P/csm2.html"
browse "$T_TMP/pdf.log" --print-to-pdf="$ART/dashboard-en.pdf" \
    --no-pdf-header-footer "file://$P/dashboard.en.html"
expect_eq "the dashboard prints to PDF" "%PDF" \
    "$(head -c 4 "$ART/dashboard-en.pdf" 2>/dev/null)"

# The CSM queue (csm.LANG.html, written by t_report.sh with a German
# seller whose anomaly $CSM_ACKED anna acknowledged), in all four
# languages at a phone's 390 px and a desktop's 1280 px (probed above):
# its ids, who acknowledged, euros, and nothing wider than the screen.
# fits PROBE_JSON: "width=W scroll=S overflowing=N FIRST..." of a probe.
fits() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print("width=%s scroll=%s overflowing=%d %s" % (r.get("w"), r.get("sw"),
      len(r.get("wide", [])), " ".join(r.get("wide", [])[:4])))' "$1" \
	    2>/dev/null
}
r=$(fits "$wide_probe")
case $r in *"overflowing=0"*|"") not_ok "control: an overflow is measured" \
    "$r";; *) ok "control: a 2000 px element overflows 390 px ($r)";; esac
if [ -s "$P/csm.en.html" ]; then
	for lang in en de fr es; do
		browse "$T_TMP/csm.$lang.raw" --dump-dom "file://$P/csm.$lang.html"
		tr -d '\n' <"$T_TMP/csm.$lang.raw" >"$T_TMP/csm.$lang.dom"
		expect_no_grep "csm $lang: no script or img in the DOM" \
		    '<script\|<img\|data-pwned=' "$T_TMP/csm.$lang.dom"
		expect_grep "csm $lang: the acked anomaly's id is on the page" \
		    "<code class=\"id\">$CSM_ACKED</code>" "$T_TMP/csm.$lang.dom"
		expect_grep "csm $lang: who acknowledged it, and the note" \
		    "<tr id=\"$CSM_ACKED\".*<small class=\"acked\">[^<]*anna[^<]*</small><small class=\"note\">Rückruf am Montag</small>" \
		    "$T_TMP/csm.$lang.dom"
		expect_grep "csm $lang: the German seller's sums are in euros" \
		    '<tr id="A2KOEHLERDE01">.*<span class="m">[^<]*€' \
		    "$T_TMP/csm.$lang.dom"
		expect_grep "csm $lang: the US seller's are in dollars" \
		    '<tr id="A1B2C3D4E5F6G7">.*<span class="m">[^<]*\$' \
		    "$T_TMP/csm.$lang.dom"
		for w in 390 1280; do
			r=$(fits "$T_TMP/probe.$i.json")
			i=$((i + 1))
			case $r in "width=$w scroll=$w overflowing=0 ")
				ok "csm $lang at $w px: nothing wider than the screen";;
			*)	not_ok "csm $lang at $w px: nothing wider than the screen" "$r";;
			esac
		done
	done
	browse "$T_TMP/shot.de.390" --window-size=390,2600 \
	    --screenshot="$ART/csm-de-390.png" "file://$P/csm.de.html"
	expect_grep "screenshot of the CSM page at 390 px saved" \
	    'written to file' "$T_TMP/shot.de.390.err"
fi

# Chromium itself calls its own services (component updates, sign-in
# preconnect) whatever the flags; those requests end at the recorder
# too, unanswered. What is left must be nothing: a page's own request
# (the control's control.invalid) would be here.
grep -Ev '^[A-Z]+ (https?://)?([a-z0-9-]+\.)*(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)[:/]' \
    "$rec" >"$T_TMP/page-requests"
expect_eq "no request left any report page" "" \
    "$(cat "$T_TMP/page-requests")"
kill $rec_pid 2>/dev/null
finish
