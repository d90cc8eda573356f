/*
 * The dashboard's two charts: what was recovered per month, one SVG bar
 * chart per currency (fbaudit never converts) with the amounts again as
 * text and their total, the headline's figure; and the claims by status
 * as HTML bars with their count and value.
 */
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/date.h"
#include "reports/dashboard_int.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"

/* Months the recovered chart shows at least, ending with this one. */
#define DASH_MONTHS		12
/* Months it shows at most; older payments form one "earlier" bar. */
#define DASH_MAX_MONTHS		24

/* A rounded-up axis step: 1, 2 or 5 times a power of ten, >= 1 unit. */
static int64_t
dash_axis_step(int64_t max, int64_t unit)
{
	static const int64_t mult[] = { 1, 2, 5 };
	int64_t p = unit, want = (max + 3) / 4;
	size_t i;

	for (;;) {
		for (i = 0; i < 3; i++)
			if (p * mult[i] >= want)
				return p * mult[i];
		p *= 10;
	}
}

/* Formats a coordinate: C's "." decimal, one place. */
static const char *
dash_num(char *out, size_t size, double v)
{
	snprintf(out, size, "%.1f", v);
	return out;
}

/* One bar of the recovered chart: a month, or all months before. */
struct dash_bar {
	int	 year, month;	/* month 0: "earlier" */
	int64_t	 amount;
};

/*
 * The bars of currency cur: every month from the first payment (at
 * least the last DASH_MONTHS) to this one; beyond DASH_MAX_MONTHS the
 * oldest fold into one "earlier" bar, so that the bars always add up to
 * what was recovered to date. Returns how many (at most
 * DASH_MAX_MONTHS + 1).
 */
static int
dash_bars(const struct dash *d, const char *cur, struct dash_bar *bar)
{
	int yy, mm, dd, first = 0, span, i, n, k;
	size_t j;

	date_to_ymd(d->today, &yy, &mm, &dd);
	for (j = 0; j < d->nmonths; j++) {
		k = (yy - d->months[j].year) * 12 + mm - d->months[j].month;
		if (strcmp(d->months[j].currency, cur) == 0 && k > first)
			first = k;
	}
	span = first + 1 < DASH_MONTHS ? DASH_MONTHS : first + 1;
	n = span > DASH_MAX_MONTHS ? DASH_MAX_MONTHS + 1 : span;
	for (i = n - 1; i >= 0; i--) {
		bar[i].year = yy;
		bar[i].month = mm;
		bar[i].amount = 0;
		if (--mm == 0) {
			mm = 12;
			yy--;
		}
	}
	if (span > DASH_MAX_MONTHS)
		bar[0].month = 0;
	for (j = 0; j < d->nmonths; j++) {
		if (strcmp(d->months[j].currency, cur) != 0)
			continue;
		for (i = n - 1; i > 0; i--)
			if (bar[i].year == d->months[j].year &&
			    bar[i].month == d->months[j].month)
				break;
		/* Not a later bar: the first (or "earlier") one. Payments
		 * dated after today (a wrong --now) join this month. */
		if (i == 0 && d->months[j].year * 12 + d->months[j].month >
		    bar[n - 1].year * 12 + bar[n - 1].month)
			i = n - 1;
		bar[i].amount += d->months[j].amount;
	}
	return n;
}

/* The name of a bar: "Oct 2025", or "earlier". */
static void
dash_bar_name(const struct dash *d, const struct dash_bar *b, struct buf *o)
{
	if (b->month == 0)
		buf_adds(o, l10n_get(&d->l, "chart.recovered.earlier"));
	else
		buf_printf(o, "%s %d", l10n_month(&d->l, b->month), b->year);
}

/*
 * One bar of the recovered chart, centred on cx: up from zero, or down
 * for reversals, with its month and amount as its title (t is scratch).
 */
static void
dash_chart_bar(struct dash *d, const char *cur, const struct dash_bar *bar,
    double cx, double bw, double zero, double scale, struct buf *t)
{
	char a[24], b[24], c[24], e[24], money[64];
	double y, h;

	h = (double)(bar->amount < 0 ? -bar->amount : bar->amount) * scale;
	y = bar->amount < 0 ? zero : zero - h;
	if (bar->amount != 0) {
		buf_reset(t);
		dash_bar_name(d, bar, t);
		buf_printf(t, ": %s", l10n_money(&d->l, bar->amount, cur,
		    money, sizeof(money)));
		html_open(&d->h, "rect", "class", "bar", "x",
		    dash_num(a, sizeof(a), cx - bw / 2), "y",
		    dash_num(b, sizeof(b), y), "width", dash_num(c, sizeof(c),
		    bw), "height", dash_num(e, sizeof(e), h < 1 ? 1 : h),
		    "rx", "2", "fill", bar->amount < 0 ? "#b42318" : "#1a7f4b",
		    (const char *)NULL);
		html_elem(&d->h, "title", t->data, (const char *)NULL);
		html_close(&d->h);
	}
}

/*
 * The labels under bar i of n, centred on cx: its month, and the year
 * under the first bar and under each January.
 */
static void
dash_chart_label(struct dash *d, const struct dash_bar *bar, int n, int i,
    double cx, int every)
{
	char a[24];

	/* Every other label is dropped on a phone (class alt). */
	html_open(&d->h, "text", "x", dash_num(a, sizeof(a), cx), "y",
	    "236", "text-anchor", "middle", "class",
	    ((n - 1 - i) / every) % 2 ? "alt" : NULL,
	    (const char *)NULL);
	html_text(&d->h, bar[i].month ? l10n_month(&d->l, bar[i].month) :
	    l10n_get(&d->l, "chart.recovered.earlier"));
	html_close(&d->h);
	if (bar[i].month != 0 && (i == 0 || bar[i].month == 1 ||
	    (i == 1 && bar[0].month == 0))) {
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), cx),
		    "y", "256", "text-anchor", "middle", "class",
		    ((n - 1 - i) / every) % 2 ? "alt" : NULL,
		    (const char *)NULL);
		html_textf(&d->h, "%d", bar[i].year);
		html_close(&d->h);
	}
}

/* The amounts of the n bars as text: readable on any screen, and the sum. */
static void
dash_chart_list(struct dash *d, const char *cur, const struct dash_bar *bar,
    int n, int64_t total)
{
	char money[64];
	struct buf t;
	int i;

	buf_init(&t, 0);
	html_open(&d->h, "ul", "class", "months", (const char *)NULL);
	for (i = 0; i < n; i++) {
		if (bar[i].amount == 0)
			continue;
		buf_reset(&t);
		dash_bar_name(d, &bar[i], &t);
		html_open(&d->h, "li", (const char *)NULL);
		html_text(&d->h, t.data);
		html_elem(&d->h, "span", l10n_money(&d->l, bar[i].amount, cur,
		    money, sizeof(money)), "class", "m", (const char *)NULL);
		html_close(&d->h);
	}
	html_close(&d->h);
	buf_reset(&t);
	l10n_fill(&t, l10n_get(&d->l, "chart.recovered.total"), "amount",
	    l10n_money(&d->l, total, cur, money, sizeof(money)),
	    (const char *)NULL);
	html_elem(&d->h, "p", t.data, "class", "total", "data-currency", cur,
	    (const char *)NULL);
	buf_free(&t);
}

/*
 * The recovered chart of one currency: bars up from zero (down for a
 * month whose reversals outweigh its payments), the axis in whole money,
 * then every month's amount as text and the total, which is the
 * headline's. Month labels of class "alt" are hidden on a phone, where
 * there is room for every other one.
 */
static void
dash_chart_currency(struct dash *d, const char *cur)
{
	struct dash_bar bar[DASH_MAX_MONTHS + 1];
	int64_t max = 0, min = 0, step, unit = 100, total = 0, top_v, bot_v;
	const double x0 = 92, x1 = 594, top = 16, bottom = 214;
	double slot, bw, zero, scale;
	char a[24], b[24], c[24], e[24], money[64];
	int i, k, n, every, up, down;
	struct buf t;

	n = dash_bars(d, cur, bar);
	for (i = 0; i < n; i++) {
		if (bar[i].amount > max)
			max = bar[i].amount;
		if (bar[i].amount < min)
			min = bar[i].amount;
		total += bar[i].amount;
	}
	if (strcmp(cur, "JPY") == 0)
		unit = 1;
	step = dash_axis_step(max - min > 0 ? max - min : unit, unit);
	/* Whole steps above and below zero, four or five in all. */
	up = (int)((max + step - 1) / step);
	down = (int)((-min + step - 1) / step);
	if (up + down == 0)
		up = 1;
	top_v = step * up;
	bot_v = -step * down;
	scale = (bottom - top) / (double)(top_v - bot_v);
	zero = top + (double)top_v * scale;
	slot = (x1 - x0) / n;
	bw = slot * 0.64;
	every = n > DASH_MONTHS ? 2 : 1;
	buf_init(&t, 0);
	html_open(&d->h, "svg", "xmlns", "http://www.w3.org/2000/svg",
	    "viewBox", "0 0 600 262", "role", "img", "aria-label",
	    l10n_get(&d->l, "chart.recovered"), "class", "months",
	    (const char *)NULL);
	for (k = -down; k <= up; k++) {
		double gy = zero - (double)(step * k) * scale;

		html_open(&d->h, "line", "class", k ? "grid" : "axis", "x1",
		    dash_num(a, sizeof(a), x0), "x2", dash_num(b, sizeof(b),
		    x1), "y1", dash_num(c, sizeof(c), gy), "y2",
		    dash_num(e, sizeof(e), gy), (const char *)NULL);
		html_close(&d->h);
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), x0 - 6),
		    "y", dash_num(b, sizeof(b), gy + 4), "text-anchor", "end",
		    (const char *)NULL);
		html_text(&d->h, l10n_money_whole(&d->l, step * k, cur,
		    money, sizeof(money)));
		html_close(&d->h);
	}
	for (i = 0; i < n; i++) {
		double cx = x0 + slot * i + slot / 2;
		int label = (n - 1 - i) % every == 0;

		dash_chart_bar(d, cur, &bar[i], cx, bw, zero, scale, &t);
		if (label)
			dash_chart_label(d, bar, n, i, cx, every);
	}
	html_close(&d->h);	/* svg */
	buf_free(&t);
	dash_chart_list(d, cur, bar, n, total);
}

/*
 * Recovered per month: one chart per currency recovered in (fbaudit
 * never converts), then what counts as recovered, and what claims filed
 * through fbaudit were paid.
 */
void
dash_chart_months(struct dash *d)
{
	char money[64];
	struct buf t;
	int i;

	buf_init(&t, 0);
	l10n_fill(&t, l10n_get(&d->l, "chart.recovered.sub"), "cur",
	    d->recovered.n > 0 ? d->recovered.v[0].currency : d->cur,
	    (const char *)NULL);
	for (i = 1; i < d->recovered.n; i++)
		buf_printf(&t, " \xc2\xb7 %s", d->recovered.v[i].currency);
	page_section(&d->h, "chart-recovered",
	    l10n_get(&d->l, "chart.recovered"), t.data);
	if (d->recovered.n == 0)
		html_elem(&d->h, "p", l10n_get(&d->l, "chart.recovered.none"),
		    "class", "empty", (const char *)NULL);
	for (i = 0; i < d->recovered.n; i++)
		dash_chart_currency(d, d->recovered.v[i].currency);
	html_elem(&d->h, "p", l10n_get(&d->l, "recovered.what"), "class",
	    "note", (const char *)NULL);
	buf_reset(&t);
	if (d->by_fbaudit.n == 0)
		buf_adds(&t, l10n_get(&d->l, "recovered.fbaudit.none"));
	else {
		struct buf m;

		buf_init(&m, 0);
		for (i = 0; i < d->by_fbaudit.n; i++)
			buf_printf(&m, "%s%s", i ? " + " : "",
			    l10n_money(&d->l, d->by_fbaudit.v[i].amount,
			    d->by_fbaudit.v[i].currency, money,
			    sizeof(money)));
		l10n_fill(&t, l10n_get(&d->l, "recovered.fbaudit"), "amount",
		    m.data, (const char *)NULL);
		buf_free(&m);
	}
	html_elem(&d->h, "p", t.data, "class", "note", "id", "by-fbaudit",
	    (const char *)NULL);
	buf_free(&t);
	html_close(&d->h);	/* section */
}

/* "3 · $12.00 + 4,00 €": a status's count and value, for the chart. */
static void
dash_status_value(struct dash *d, size_t i, struct buf *b)
{
	char n[32], money[64];
	int k;

	buf_adds(b, l10n_int(&d->l, d->n_status[i], n, sizeof(n)));
	for (k = 0; k < d->s_status[i].n; k++) {
		buf_adds(b, k == 0 ? " \xc2\xb7 " : " + ");
		buf_adds(b, l10n_money(&d->l, d->s_status[i].v[k].amount,
		    d->s_status[i].v[k].currency, money, sizeof(money)));
	}
}

/*
 * Claims by status, as HTML bars: the label, a bar as long as the count,
 * the count and value beside it, wrapping under it when the screen is
 * narrow, never cut off.
 */
void
dash_chart_status(struct dash *d)
{
	char key[64], cls[64];
	int64_t max = 0;
	size_t i;
	int rows = 0;
	struct buf t;

	page_section(&d->h, "chart-status", l10n_get(&d->l, "chart.status"),
	    l10n_get(&d->l, "chart.status.sub"));
	for (i = 0; i < DASH_NSTATUS; i++) {
		if (d->n_status[i] > max)
			max = d->n_status[i];
		rows += d->n_status[i] > 0;
	}
	if (rows == 0) {
		html_elem(&d->h, "p", l10n_get(&d->l, "chart.status.none"),
		    "class", "empty", (const char *)NULL);
		html_close(&d->h);
		return;
	}
	html_open(&d->h, "div", "class", "hbars", "role", "img",
	    "aria-label", l10n_get(&d->l, "chart.status"), (const char *)NULL);
	for (i = 0; i < DASH_NSTATUS; i++) {
		if (d->n_status[i] == 0)
			continue;
		snprintf(key, sizeof(key), "status.%s",
		    claim_status_name(dash_statuses[i]));
		/*
		 * The length in steps of 5% (page.c's w5..w100): a page
		 * has no style attribute, and a count of one still shows.
		 */
		snprintf(cls, sizeof(cls), "fill s-%s w%d",
		    claim_status_name(dash_statuses[i]),
		    (int)((d->n_status[i] * 20 + max - 1) / max) * 5);
		buf_init(&t, 0);
		dash_status_value(d, i, &t);
		html_open(&d->h, "div", "class", "hbar", "id", key,
		    (const char *)NULL);
		html_elem(&d->h, "span", l10n_get(&d->l, key), "class", "lbl",
		    (const char *)NULL);
		html_open(&d->h, "span", "class", "track", (const char *)NULL);
		html_elem(&d->h, "span", "", "class", cls, (const char *)NULL);
		html_elem(&d->h, "span", t.data, "class", "v",
		    (const char *)NULL);
		html_close(&d->h);	/* track */
		html_close(&d->h);	/* hbar */
		buf_free(&t);
	}
	html_close(&d->h);	/* hbars */
	html_close(&d->h);	/* section */
}
