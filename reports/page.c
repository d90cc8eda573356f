/* The pages' shared parts (reports/page.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "store/settings.h"

/*
 * No script, no request: styles may only come from this page, images
 * only from data: URLs, everything else (fonts, frames, connections,
 * forms) is refused by the browser even if markup ever slipped through.
 */
static const char page_csp[] = "default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "base-uri 'none'";

/*
 * One style sheet for both pages. System fonts only (no request);
 * tabular figures so amounts line up; colours that survive printing.
 */
static const char page_css[] =
"*{box-sizing:border-box}"
"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
"body{margin:0;background:#f4f6f8;color:#1c2430;"
"font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,"
"\"Helvetica Neue\",Arial,\"Noto Sans\",sans-serif}"
".wrap{max-width:1180px;margin:0 auto;padding:28px 24px 40px}"
"header{display:flex;justify-content:space-between;align-items:flex-end;"
"gap:16px;flex-wrap:wrap;border-bottom:3px solid #1f5fbf;"
"padding-bottom:14px;margin-bottom:22px}"
"h1{font-size:26px;margin:0;letter-spacing:-.01em}"
"header p{margin:4px 0 0;color:#5b6472}"
".brand{font-weight:700;color:#1f5fbf;font-size:13px;"
"letter-spacing:.08em;text-transform:uppercase}"
"h2{font-size:17px;margin:0}"
/* Off-screen sections skip layout until scrolled to: a 10,000-claim
 * page opens in about a second instead of five. */
"section{content-visibility:auto;contain-intrinsic-size:auto 600px;"
"background:#fff;border:1px solid #dde2e8;border-radius:10px;"
"padding:18px 20px;margin:0 0 20px}"
"section>p.sub{margin:2px 0 12px;color:#5b6472;font-size:13px}"
".cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;"
"margin-bottom:20px}"
".card{background:#fff;border:1px solid #dde2e8;border-radius:10px;"
"padding:14px 16px;border-top:5px solid #8892a0}"
".card h2{font-size:13px;font-weight:600;color:#5b6472;"
"text-transform:uppercase;letter-spacing:.04em}"
".card .fig{font-size:26px;font-weight:700;margin:6px 0 2px;"
"font-variant-numeric:tabular-nums;line-height:1.2}"
".card .fig .m{display:block}"
".card p{margin:0;color:#5b6472;font-size:13px}"
".c-rec{border-top-color:#1a7f4b}.c-rec .fig{color:#1a7f4b}"
".c-now{border-top-color:#1f5fbf}.c-now .fig{color:#1f5fbf}"
".c-exp{border-top-color:#c2410c}.c-exp .fig{color:#c2410c}"
".c-lost{border-top-color:#8892a0}.c-lost .fig{color:#4b5563}"
".charts{display:grid;grid-template-columns:3fr 2fr;gap:20px}"
".charts section{margin:0 0 20px}"
"svg{display:block;width:100%;height:auto}"
"svg text{font-size:11px;fill:#5b6472}"
"svg .v{fill:#1c2430;font-weight:600}"
"svg .grid{stroke:#e5e9ee;stroke-width:1}"
"svg .axis{stroke:#9aa3ae;stroke-width:1}"
"table{width:100%;border-collapse:collapse;font-size:13px}"
/* Fixed layout: the browser sizes columns from the header, not by
 * measuring every one of thousands of rows. */
".claims{table-layout:fixed}"
".claims th:nth-child(1){width:15%}.claims th:nth-child(2){width:26%}"
".claims th:nth-child(3){width:14%}.claims th:nth-child(4){width:5%}"
".claims th:nth-child(5){width:9%}.claims th:nth-child(6){width:20%}"
".claims th:nth-child(7){width:11%}"
"th{text-align:left;font-weight:600;color:#5b6472;font-size:12px;"
"border-bottom:2px solid #dde2e8;padding:6px 8px;white-space:nowrap}"
"td{border-bottom:1px solid #edf0f3;padding:7px 8px;vertical-align:top;"
"overflow-wrap:anywhere;unicode-bidi:isolate}"
"tbody tr:nth-child(even){background:#fafbfc}"
".n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}"
"td small,.muted{color:#6b7480;font-size:12px}"
"td small{display:block}"
".nw{white-space:nowrap}"
".chip{display:inline-block;border-radius:999px;padding:1px 9px;"
"font-size:12px;font-weight:600;white-space:nowrap;"
"background:#eef1f4;color:#3d4652}"
".s-eligible{background:#e3edfb;color:#1f5fbf}"
".s-pending{background:#eef1f4;color:#4b5563}"
".s-ready{background:#dff3f7;color:#0e7490}"
".s-filed{background:#ede7fb;color:#5b3cc4}"
".s-reimbursed,.s-auto_reimbursed{background:#e1f3e8;color:#1a7f4b}"
".s-partially_reimbursed{background:#eef6d9;color:#55750f}"
".s-denied{background:#fbe4e4;color:#b42318}"
".s-resolved{background:#eef1f4;color:#3d4652}"
".s-expired{background:#f3e8e8;color:#8a2c2c}"
".d-urgent{background:#b42318;color:#fff}"
".d-soon{background:#fdebd3;color:#9a3a07}"
".sev-high{background:#b42318;color:#fff}"
".sev-medium{background:#fdebd3;color:#9a3a07}"
".sev-low{background:#eef1f4;color:#3d4652}"
".stale{background:#fdebd3;color:#9a3a07}"
".empty{color:#5b6472;font-style:italic;margin:6px 0}"
/* Claims by status: HTML bars, whose values wrap rather than clip. */
".hbars{display:grid;grid-template-columns:max-content 1fr;"
"gap:8px 10px;align-items:center;font-size:12px}"
".hbar{display:contents}.hbar .lbl{text-align:right;color:#5b6472}"
".track{display:flex;align-items:center;gap:6px;flex-wrap:wrap;"
"min-width:0}.fill{display:block;height:20px;border-radius:3px;"
"max-width:60%}.track .v{font-weight:600;overflow-wrap:anywhere}"
".w5{width:5%}.w10{width:10%}.w15{width:15%}.w20{width:20%}"
".w25{width:25%}.w30{width:30%}.w35{width:35%}.w40{width:40%}"
".w45{width:45%}.w50{width:50%}.w55{width:55%}.w60{width:60%}"
".w65{width:65%}.w70{width:70%}.w75{width:75%}.w80{width:80%}"
".w85{width:85%}.w90{width:90%}.w95{width:95%}.w100{width:100%}"
".fill.s-eligible{background:#1f5fbf}.fill.s-ready{background:#0e7490}"
".fill.s-pending{background:#9aa3ae}.fill.s-filed{background:#6d4ed1}"
".fill.s-partially_reimbursed{background:#7a9a1c}"
".fill.s-reimbursed{background:#1a7f4b}"
".fill.s-auto_reimbursed{background:#3f9b6b}"
".fill.s-denied{background:#b42318}.fill.s-resolved{background:#6b7480}"
".fill.s-expired{background:#c98b8b}"
/* Recovered per month: the amounts as text under the bars. */
"ul.months{list-style:none;margin:8px 0 0;padding:0;display:flex;"
"flex-wrap:wrap;gap:2px 14px;font-size:12px;color:#5b6472}"
"ul.months .m{margin-left:4px;color:#1c2430;font-weight:600;"
"font-variant-numeric:tabular-nums}"
"p.total{margin:6px 0 0;font-size:12px;font-weight:600}"
"p.note{margin:8px 0 0;font-size:12px;color:#5b6472}"
/* Ready to submit: one block per claim, its text one tap to select. */
"div.packet{border:1px solid #dde2e8;border-left:4px solid #0e7490;"
"border-radius:8px;padding:10px 12px;margin:0 0 12px}"
"div.packet h3{font-size:14px;margin:0 0 4px}"
"div.packet p{margin:4px 0;font-size:13px;overflow-wrap:anywhere}"
"pre.copy{white-space:pre-wrap;overflow-wrap:anywhere;margin:8px 0;"
"background:#f7f9fb;border:1px dashed #9aa3ae;border-radius:6px;"
"padding:10px;font:12px/1.45 ui-monospace,Menlo,Consolas,monospace;"
"-webkit-user-select:all;user-select:all}"
"code{font:12px ui-monospace,Menlo,Consolas,monospace;"
"overflow-wrap:anywhere}"
".case{color:#5b3cc4;font-weight:600}"
"footer{color:#6b7480;font-size:12px;margin-top:8px}"
"footer p{margin:2px 0}"
"@media (max-width:860px){.cards{grid-template-columns:1fr 1fr}"
".charts{grid-template-columns:1fr}}"
/*
 * A phone: tables become stacked cards, one line per cell with its
 * column's name (data-label); the charts' SVG text grows in its own
 * units so that it stays at least 11 px once the chart is shrunk to
 * the screen, and every other month label makes room.
 */
"@media (max-width:640px){.wrap{padding:14px 10px 28px}"
"section{padding:12px 12px}h1{font-size:22px}"
".card .fig{font-size:22px}.cards{gap:10px}"
"table,thead,tbody,tr,th,td{display:block}"
"table.claims{table-layout:auto}thead{display:none}"
"tbody tr{border:1px solid #dde2e8;border-radius:8px;padding:6px 10px;"
"margin:0 0 10px;background:#fff}"
"tbody tr:nth-child(even){background:#fff}"
"td{border:0;padding:3px 0 3px 36%;position:relative;text-align:left;"
"min-height:1.6em}td::before{content:attr(data-label);position:absolute;"
"left:0;width:33%;color:#6b7480;font-size:12px;font-weight:600;"
"overflow-wrap:anywhere}td.n{text-align:left}.nw{white-space:normal}"
"svg.months text{font-size:20px}svg.months .alt{display:none}}"
"@media (max-width:380px){.cards{grid-template-columns:1fr}"
"svg.months text{font-size:22px}}"
/* The CSM queue: ids people copy whole, "new" marks, and tables whose
 * rows become labelled cards on a phone (data-label), never wider than
 * the screen. */
"code.id{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
"user-select:all;color:#3d4652;overflow-wrap:anywhere}"
".chip.new{background:#1f5fbf;color:#fff}"
"a{color:#1f5fbf}"
"td .note{font-style:italic}"
".since{display:grid;grid-template-columns:repeat(3,1fr);gap:14px}"
".since div{border-left:4px solid #1f5fbf;padding:2px 10px}"
".since b{display:block;font-size:20px;font-variant-numeric:tabular-nums}"
".since .m{display:block}"
"td a.dash{display:block;font-size:12px}"
"td.sel{overflow-wrap:normal}"
"@media (min-width:701px){.queue td:nth-child(2){min-width:12em}"
".queue td:nth-child(3){min-width:9em}"
".queue td:nth-child(7){min-width:10em}}"
"@media (max-width:700px){.wrap{padding:16px 10px 28px}"
"section{padding:14px 12px}.since{grid-template-columns:1fr}"
"table.stack,.stack tbody,.stack tr,.stack td{display:block;width:auto}"
".stack thead{display:none}"
".stack tr{border:1px solid #dde2e8;border-radius:8px;margin:0 0 10px;"
"padding:6px 10px}"
".stack td{border:0;padding:3px 0;white-space:normal}"
".stack td.n{text-align:left}"
".stack td[data-label]::before{content:attr(data-label);display:block;"
"position:static;width:auto;"
"color:#5b6472;font-size:11px;font-weight:600;text-transform:uppercase}}"
"@page{size:A4 landscape;margin:12mm}"
"@media print{body{background:#fff;font-size:11px}"
"section{content-visibility:visible}"
".wrap{max-width:none;padding:0}"
"section,.card{break-inside:avoid;border-color:#c9d0d8}"
"section#act,section#other,section#queue{break-inside:auto}"
"thead{display:table-header-group}tr{break-inside:avoid}"
".cards{grid-template-columns:repeat(4,1fr)}"
".charts{grid-template-columns:3fr 2fr}}";

void
page_sum_add(struct page_sum *s, const char *currency, int64_t amount)
{
	int i;

	if (currency == NULL || strlen(currency) != 3)
		currency = "???";
	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i].currency, currency) == 0)
			break;
	if (i == s->n) {
		/* A ninth currency is kept with the eighth: rare, visible. */
		if (s->n == PAGE_MAX_CURRENCIES)
			i = s->n - 1;
		else {
			memcpy(s->v[i].currency, currency, 4);
			s->v[i].amount = 0;
			s->n++;
		}
	}
	s->v[i].amount += amount;
}

void
page_sum_write(struct html *h, const struct l10n *l,
    const struct page_sum *s, const char *dflt)
{
	char m[64];
	int i;

	if (s->n == 0) {
		html_elem(h, "span", l10n_money(l, 0, dflt, m, sizeof(m)),
		    "class", "m", (const char *)NULL);
		return;
	}
	for (i = 0; i < s->n; i++)
		html_elem(h, "span", l10n_money(l, s->v[i].amount,
		    s->v[i].currency, m, sizeof(m)), "class", "m",
		    (const char *)NULL);
}

void
page_begin(struct html *h, const struct l10n *l, const char *title)
{
	html_open(h, "html", "lang", l->lang, (const char *)NULL);
	html_open(h, "head", (const char *)NULL);
	html_void(h, "meta", "charset", "utf-8", (const char *)NULL);
	html_void(h, "meta", "http-equiv", "Content-Security-Policy",
	    "content", page_csp, (const char *)NULL);
	html_void(h, "meta", "name", "viewport", "content",
	    "width=device-width, initial-scale=1", (const char *)NULL);
	html_elem(h, "title", title, (const char *)NULL);
	html_open(h, "style", (const char *)NULL);
	html_css(h, page_css);
	html_close(h);
	html_close(h);
	html_open(h, "body", (const char *)NULL);
	html_open(h, "div", "class", "wrap", (const char *)NULL);
}

void
page_end(struct html *h, const struct l10n *l, const char *version)
{
	char d[64], t[TIME_STRLEN], hm[8];
	struct buf b;
	int64_t now = clock_now();

	date_format_time(now, t);
	snprintf(hm, sizeof(hm), "%.5s", t + 11);
	buf_init(&b, 0);
	l10n_fill(&b, l10n_get(l, "footer.generated"), "date",
	    l10n_date(l, date_day_of(now), d, sizeof(d)), "time", hm,
	    "version", version, (const char *)NULL);
	html_open(h, "footer", (const char *)NULL);
	html_open(h, "p", (const char *)NULL);
	html_open(h, "time", "datetime", t, (const char *)NULL);
	html_text(h, b.data);
	html_close(h);
	html_close(h);
	html_elem(h, "p", l10n_get(l, "footer.note"), (const char *)NULL);
	html_close(h);
	buf_free(&b);
	html_close(h);	/* div.wrap */
	html_close(h);	/* body */
	html_close(h);	/* html */
}

void
page_section(struct html *h, const char *id, const char *title,
    const char *sub)
{
	html_open(h, "section", "id", id, (const char *)NULL);
	html_elem(h, "h2", title, (const char *)NULL);
	if (sub != NULL)
		html_elem(h, "p", sub, "class", "sub", (const char *)NULL);
}

void
page_days_left(struct html *h, const struct l10n *l, int32_t days)
{
	char n[24];
	struct buf b;

	if (days < 0)
		return;
	snprintf(n, sizeof(n), "%d", (int)days);
	buf_init(&b, 0);
	l10n_fill(&b, l10n_count(l, "days.left", days), "n", n,
	    (const char *)NULL);
	html_elem(h, "span", b.data, "class", days <= 2 ? "chip d-urgent" :
	    days <= 7 ? "chip d-soon" : "chip", (const char *)NULL);
	buf_free(&b);
}

void
page_ago(struct html *h, const struct l10n *l, int64_t secs, int64_t now)
{
	int64_t days = (int64_t)date_day_of(now) - date_day_of(secs);
	char n[24];
	struct buf b;

	if (days < 0)
		days = 0;
	snprintf(n, sizeof(n), "%lld", (long long)days);
	buf_init(&b, 0);
	l10n_fill(&b, l10n_count(l, "ago", days), "n", n,
	    (const char *)NULL);
	html_text(h, b.data);
	buf_free(&b);
}

/*
 * The seller's name and CSM: the configuration's when it names the
 * seller (they always win), else what its store kept (issue 16 §2).
 */
static void
page_who(const struct config *cf, const char *seller,
    const struct store_settings *kept, const char **name, const char **csm)
{
	const struct config_seller *cs;

	cs = cf != NULL ? config_seller_find(cf, seller) : NULL;
	*name = cs != NULL ? cs->name : kept != NULL ? kept->name : NULL;
	*csm = cs != NULL ? cs->csm : kept != NULL ? kept->csm : NULL;
}

void
page_seller_label(struct buf *b, const struct config *cf, const char *seller,
    const struct store_settings *kept)
{
	const char *name, *csm;

	page_who(cf, seller, kept, &name, &csm);
	if (name != NULL && *name != '\0')
		buf_printf(b, "%s (%s)", name, seller);
	else
		buf_adds(b, seller);
}

void
page_seller(struct html *h, const struct l10n *l, const struct config *cf,
    const char *seller, const struct store_settings *kept, int csm)
{
	const char *name, *who;
	struct buf b;

	page_who(cf, seller, kept, &name, &who);
	if (name == NULL || *name == '\0') {
		html_text(h, seller);
		return;
	}
	html_text(h, name);
	buf_init(&b, 0);
	buf_adds(&b, seller);
	if (csm && who != NULL && *who != '\0') {
		buf_adds(&b, " \xc2\xb7 ");
		l10n_fill(&b, l10n_get(l, "csm.owner"), "csm", who,
		    (const char *)NULL);
	}
	html_elem(h, "small", b.data, (const char *)NULL);
	buf_free(&b);
}
