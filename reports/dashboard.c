/*
 * The seller's dashboard (docs/design.md §8): one self-contained HTML page.
 * What a seller sees first: four figures (recovered, claimable now, expiring
 * within 7 days, lost to expiry), then the claims ready to submit with
 * the text to paste (issue 16: a packet in the outbox is not filed), the
 * two charts, the claims to file by deadline, what needs attention, the
 * other claims, and how fresh the data is. Money stays in its own
 * currency everywhere; "recovered to date" and the monthly chart count
 * the same payments, so the bars add up to the figure. On a phone
 * (page.c's style sheet) tables become stacked cards: each cell carries
 * its column's name in data-label.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "lib/stale.h"
#include "lib/vocab.h"
#include "reports/page.h"
#include "reports/report.h"
#include "reports/sellercentral.h"
#include "store/anomalies.h"
#include "store/claims.h"
#include "store/csmdata.h"
#include "store/filing.h"
#include "store/reportdata.h"
#include "store/settings.h"
#include "store/store.h"

/* Within this many days an eligible claim counts as expiring (issue 8). */
#define DASH_EXPIRING_DAYS	7
/* Months the recovered chart shows at least, ending with this one. */
#define DASH_MONTHS		12
/* Months it shows at most; older payments form one "earlier" bar. */
#define DASH_MAX_MONTHS		24

/* The claim statuses in the order the status chart shows them. */
static const enum claim_status dash_statuses[] = {
	CLAIM_ELIGIBLE, CLAIM_READY, CLAIM_PENDING, CLAIM_FILED,
	CLAIM_PARTIALLY_REIMBURSED, CLAIM_REIMBURSED, CLAIM_AUTO_REIMBURSED,
	CLAIM_DENIED, CLAIM_RESOLVED, CLAIM_EXPIRED,
};
#define DASH_NSTATUS (sizeof(dash_statuses) / sizeof(dash_statuses[0]))


/* The report types a seller is expected to have imported. */
static const char *const dash_expected[] = {
	"ledger", "reimbursements", "returns", "removal_orders",
	"removal_shipments", "settlement", "inbound",
};
#define DASH_NEXPECTED (sizeof(dash_expected) / sizeof(dash_expected[0]))

struct dash_month {
	int	 year, month;
	char	 currency[4];
	int64_t	 amount, count;
};

struct dash {
	struct html		 h;
	struct l10n		 l;
	struct store		*st;
	const struct report_opts *o;
	int32_t			 today;
	int64_t			 now;
	char			 cur[4];	/* the page's main currency */
	struct page_sum		 recovered, claimable, expiring, lost;
	struct page_sum		 by_fbaudit;	/* paid to filed claims */
	int64_t			 n_reimb, n_claimable, n_expiring, n_lost;
	int64_t			 n_ready;
	int64_t			 u_claimable, u_expiring, u_lost;
	int64_t			 n_status[DASH_NSTATUS];
	struct page_sum		 s_status[DASH_NSTATUS];
	int64_t			 n_claims, n_act;
	struct dash_month	*months;
	size_t			 nmonths;
	struct page_sum		 claim_cur;	/* claims per currency */
	int			 seen_expected[DASH_NEXPECTED];
	int			 act;		/* table: act (1) or other */
	int			 rows;		/* rows of the table so far */
	int			 failed;	/* a store read failed */
	int			 self_filing;	/* the seller files alone */
	char			*name;		/* the seller's, or NULL */
	/* The end of last night's run (store_csm_since): what appeared
	 * after it is marked new; 0 (no night before): nothing is. */
	int64_t			 since;
};

/* The "new" mark of a claim or anomaly that appeared since last night. */
static void
dash_new(struct dash *d, int64_t appeared)
{
	if (d->since == 0 || appeared <= d->since)
		return;
	html_text(&d->h, " ");
	html_elem(&d->h, "span", l10n_get(&d->l, "csm.new"), "class",
	    "chip new", (const char *)NULL);
}

static int
dash_status_index(enum claim_status status)
{
	size_t i;

	for (i = 0; i < DASH_NSTATUS; i++)
		if (dash_statuses[i] == status)
			return (int)i;
	return -1;
}

/* Appends a localised text with {n} filled, escaped, to the page. */
static void
dash_count_text(struct dash *d, const char *key, int64_t n)
{
	char num[32];
	struct buf b;

	buf_init(&b, 0);
	l10n_fill(&b, l10n_count(&d->l, key, n), "n",
	    l10n_int(&d->l, n, num, sizeof(num)), (const char *)NULL);
	html_text(&d->h, b.data);
	buf_free(&b);
}

static int
dash_recovered_row(void *ctx, const struct report_recovered_row *r)
{
	struct dash *d = ctx;
	struct dash_month *m;

	page_sum_add(&d->recovered, r->currency, r->amount);
	d->n_reimb += r->count;
	d->months = xreallocarray(d->months, d->nmonths + 1,
	    sizeof(*d->months));
	m = &d->months[d->nmonths++];
	m->year = r->year;
	m->month = r->month;
	snprintf(m->currency, sizeof(m->currency), "%s", r->currency);
	m->amount = r->amount;
	m->count = r->count;
	return 0;
}

/* The first pass over the claims: the figures and the status chart. */
static int
dash_claim_sum(void *ctx, const struct claim_row *c)
{
	struct dash *d = ctx;
	int i = dash_status_index(c->status);
	int32_t left = c->closes - d->today;

	d->n_claims++;
	page_sum_add(&d->claim_cur, c->currency, 1);
	if (i >= 0) {
		d->n_status[i]++;
		if (c->has_value)
			page_sum_add(&d->s_status[i], c->currency, c->amount);
	}
	/* A ready claim waits for a person: still claimable (6.3). */
	if (claim_status_unfiled(c->status)) {
		d->n_claimable++;
		d->n_ready += c->status == CLAIM_READY;
		if (c->has_value)
			page_sum_add(&d->claimable, c->currency, c->amount);
		else
			d->u_claimable++;
		if (left >= 0 && left <= DASH_EXPIRING_DAYS) {
			d->n_expiring++;
			if (c->has_value)
				page_sum_add(&d->expiring, c->currency,
				    c->amount);
			else
				d->u_expiring++;
		}
	} else if (c->status == CLAIM_EXPIRED) {
		d->n_lost++;
		if (c->has_value)
			page_sum_add(&d->lost, c->currency, c->amount);
		else
			d->u_lost++;
	}
	if (claim_status_unsettled(c->status))
		d->n_act++;
	return 0;
}

/* What fbaudit's filed claims were paid, per currency. */
static int
dash_paid_row(void *ctx, const struct claim_filing_info *c)
{
	struct dash *d = ctx;

	if (c->filed_at != 0 && c->paid_amount != 0)
		page_sum_add(&d->by_fbaudit, c->currency, c->paid_amount);
	return 0;
}

/*
 * The page's main currency, for the chart and empty figures: the one
 * most recovered in, else the one most claims are in, else USD.
 */
static void
dash_main_currency(struct dash *d)
{
	const struct page_sum *s = d->recovered.n > 0 ? &d->recovered :
	    &d->claim_cur;
	int i, best = -1;

	for (i = 0; i < s->n; i++)
		if (best < 0 || s->v[i].amount > s->v[best].amount)
			best = i;
	snprintf(d->cur, sizeof(d->cur), "%s",
	    best >= 0 ? s->v[best].currency : "USD");
}

/* "Name (ID)": the configuration's name, else the one the store kept. */
static void
dash_seller_label(const struct dash *d, struct buf *b)
{
	const struct config_seller *cs = NULL;

	if (d->o->cf != NULL)
		cs = config_seller_find(d->o->cf, store_seller(d->st));
	if ((cs == NULL || cs->name == NULL || *cs->name == '\0') &&
	    d->name != NULL && *d->name != '\0')
		buf_printf(b, "%s (%s)", d->name, store_seller(d->st));
	else
		page_seller_label(b, d->o->cf, store_seller(d->st));
}

static void
dash_header(struct dash *d)
{
	char day[64];
	struct buf b, who;

	buf_init(&b, 0);
	buf_init(&who, 0);
	dash_seller_label(d, &who);
	l10n_fill(&b, l10n_get(&d->l, "dash.subtitle"), "seller", who.data,
	    "date", l10n_date(&d->l, d->today, day, sizeof(day)),
	    (const char *)NULL);
	buf_free(&who);
	html_open(&d->h, "header", (const char *)NULL);
	html_open(&d->h, "div", (const char *)NULL);
	html_elem(&d->h, "div", "fbaudit", "class", "brand",
	    (const char *)NULL);
	html_elem(&d->h, "h1", l10n_get(&d->l, "dash.title"),
	    (const char *)NULL);
	html_elem(&d->h, "p", b.data, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
	buf_free(&b);
}

/* One headline figure: title, amount(s), a note with a count. */
static void
dash_card(struct dash *d, const char *cls, const char *id,
    const char *title, const struct page_sum *sum, const char *note,
    int64_t n, int64_t unknown)
{
	html_open(&d->h, "div", "class", cls, "id", id, (const char *)NULL);
	html_elem(&d->h, "h2", l10n_get(&d->l, title), (const char *)NULL);
	html_open(&d->h, "div", "class", "fig", (const char *)NULL);
	page_sum_write(&d->h, &d->l, sum, d->cur);
	html_close(&d->h);
	html_open(&d->h, "p", (const char *)NULL);
	dash_count_text(d, note, n);
	if (unknown > 0) {
		html_text(&d->h, " ");
		dash_count_text(d, "card.unknown", unknown);
	}
	/* Ready claims are claimable: the card says how many wait. */
	if (strcmp(id, "claimable") == 0 && d->n_ready > 0) {
		html_text(&d->h, " \xc2\xb7 ");
		dash_count_text(d, "card.claimable.ready", d->n_ready);
	}
	html_close(&d->h);
	html_close(&d->h);
}

static void
dash_cards(struct dash *d)
{
	html_open(&d->h, "div", "class", "cards", (const char *)NULL);
	dash_card(d, "card c-rec", "recovered", "card.recovered",
	    &d->recovered, "card.recovered.note", d->n_reimb, 0);
	dash_card(d, "card c-now", "claimable", "card.claimable",
	    &d->claimable, "card.claimable.note", d->n_claimable,
	    d->u_claimable);
	dash_card(d, "card c-exp", "expiring", "card.expiring",
	    &d->expiring, "card.expiring.note", d->n_expiring,
	    d->u_expiring);
	dash_card(d, "card c-lost", "lost", "card.lost", &d->lost,
	    "card.lost.note", d->n_lost, d->u_lost);
	html_close(&d->h);
}

/* Opens a table cell that names its column (a card's line on a phone). */
static void
dash_td(struct dash *d, const char *col, const char *cls)
{
	html_open(&d->h, "td", "data-label", col ? l10n_get(&d->l, col) : "",
	    "class", cls, (const char *)NULL);
}

/* A table cell holding only text. */
static void
dash_td_text(struct dash *d, const char *col, const char *cls,
    const char *text)
{
	dash_td(d, col, cls);
	html_text(&d->h, text);
	html_close(&d->h);
}

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
	double slot, bw, zero, scale, y, h;
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

		h = (double)(bar[i].amount < 0 ? -bar[i].amount :
		    bar[i].amount) * scale;
		y = bar[i].amount < 0 ? zero : zero - h;
		if (bar[i].amount != 0) {
			buf_reset(&t);
			dash_bar_name(d, &bar[i], &t);
			buf_printf(&t, ": %s", l10n_money(&d->l,
			    bar[i].amount, cur, money, sizeof(money)));
			html_open(&d->h, "rect", "class", "bar", "x",
			    dash_num(a, sizeof(a), cx - bw / 2), "y",
			    dash_num(b, sizeof(b), y), "width", dash_num(c,
			    sizeof(c), bw), "height", dash_num(e, sizeof(e),
			    h < 1 ? 1 : h), "rx", "2", "fill",
			    bar[i].amount < 0 ? "#b42318" : "#1a7f4b",
			    (const char *)NULL);
			html_elem(&d->h, "title", t.data, (const char *)NULL);
			html_close(&d->h);
		}
		if (!label)
			continue;
		/* Every other label is dropped on a phone (class alt). */
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), cx), "y",
		    "236", "text-anchor", "middle", "class",
		    ((n - 1 - i) / every) % 2 ? "alt" : NULL,
		    (const char *)NULL);
		html_text(&d->h, bar[i].month ? l10n_month(&d->l,
		    bar[i].month) : l10n_get(&d->l,
		    "chart.recovered.earlier"));
		html_close(&d->h);
		if (bar[i].month != 0 && (i == 0 || bar[i].month == 1 ||
		    (i == 1 && bar[0].month == 0))) {
			html_open(&d->h, "text", "x", dash_num(a, sizeof(a),
			    cx), "y", "256", "text-anchor", "middle", "class",
			    ((n - 1 - i) / every) % 2 ? "alt" : NULL,
			    (const char *)NULL);
			html_textf(&d->h, "%d", bar[i].year);
			html_close(&d->h);
		}
	}
	html_close(&d->h);	/* svg */
	/* The amounts as text: readable on any screen, and the sum. */
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
 * Recovered per month: one chart per currency recovered in (fbaudit
 * never converts), then what counts as recovered, and what claims filed
 * through fbaudit were paid.
 */
static void
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
static void
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

/* The columns of the claims tables, by their catalogue keys. */
static const char *const dash_cols[] = { "col.type", "col.product",
    "col.reference", "col.quantity", "col.amount", "col.window",
    "col.status" };

static void
dash_table_head(struct dash *d)
{
	size_t i;

	html_open(&d->h, "table", "class", "claims", (const char *)NULL);
	html_open(&d->h, "thead", (const char *)NULL);
	html_open(&d->h, "tr", (const char *)NULL);
	for (i = 0; i < sizeof(dash_cols) / sizeof(dash_cols[0]); i++)
		html_elem(&d->h, "th", l10n_get(&d->l, dash_cols[i]), "class",
		    i == 3 || i == 4 ? "n" : NULL, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
	html_open(&d->h, "tbody", (const char *)NULL);
}

/* "Case 1234567890": Amazon's case id, wherever a filed claim is. */
static void
dash_case_id(struct dash *d, const char *case_id)
{
	struct buf b;

	if (case_id == NULL || *case_id == '\0')
		return;
	buf_init(&b, 0);
	l10n_fill(&b, l10n_get(&d->l, "case.id"), "id", case_id,
	    (const char *)NULL);
	html_elem(&d->h, "small", b.data, "class", "case",
	    (const char *)NULL);
	buf_free(&b);
}

/* Whether a claim belongs in the table of claims to act on. */
static int
dash_is_act(const struct claim_row *c)
{
	return claim_status_unsettled(c->status);
}

/* One claim in a table: the columns of issue 8, and its case id. */
static int
dash_claim_row(void *ctx, const struct claim_row *c)
{
	struct dash *d = ctx;
	char key[64], n[32], money[64], op[64], cl[64], cls[48];
	int si = dash_status_index(c->status);
	struct buf b;

	if (dash_is_act(c) != d->act)
		return 0;
	if (d->rows++ == 0)
		dash_table_head(d);
	html_open(&d->h, "tr", (const char *)NULL);
	snprintf(key, sizeof(key), "type.%s", c->type);
	dash_td(d, dash_cols[0], NULL);
	html_text(&d->h, l10n_get(&d->l, key));
	dash_new(d, c->created_at);
	html_close(&d->h);
	dash_td(d, dash_cols[1], NULL);
	html_text(&d->h, *c->title ? c->title : c->msku);
	html_open(&d->h, "small", (const char *)NULL);
	html_text(&d->h, c->msku);
	if (*c->asin) {
		html_text(&d->h, " \xc2\xb7 ");
		html_text(&d->h, c->asin);
	}
	html_close(&d->h);
	html_close(&d->h);
	dash_td(d, dash_cols[2], "nw");
	html_text(&d->h, c->reference);
	if (*c->fc || *c->country) {
		html_open(&d->h, "small", (const char *)NULL);
		html_text(&d->h, c->fc);
		html_text(&d->h, *c->fc && *c->country ? " \xc2\xb7 " : "");
		html_text(&d->h, c->country);
		html_close(&d->h);
	}
	dash_case_id(d, c->case_id);
	html_close(&d->h);
	dash_td_text(d, dash_cols[3], "n", l10n_int(&d->l, c->quantity, n,
	    sizeof(n)));
	if (c->has_value)
		dash_td_text(d, dash_cols[4], "n", l10n_money(&d->l,
		    c->amount, c->currency, money, sizeof(money)));
	else
		dash_td_text(d, dash_cols[4], "n muted", l10n_get(&d->l,
		    "value.unknown"));
	dash_td(d, dash_cols[5], NULL);
	html_textf(&d->h, "%s \xe2\x80\x93 %s", l10n_date(&d->l, c->opens,
	    op, sizeof(op)), l10n_date(&d->l, c->closes, cl, sizeof(cl)));
	if (claim_status_unfiled(c->status)) {
		html_text(&d->h, " ");
		page_days_left(&d->h, &d->l, c->closes - d->today);
	} else if (c->status == CLAIM_PENDING &&
	    c->opens > d->today) {
		snprintf(n, sizeof(n), "%d", (int)(c->opens - d->today));
		buf_init(&b, 0);
		l10n_fill(&b, l10n_count(&d->l, "days.opens",
		    c->opens - d->today), "n", n, (const char *)NULL);
		html_text(&d->h, " ");
		html_elem(&d->h, "span", b.data, "class", "chip",
		    (const char *)NULL);
		buf_free(&b);
	}
	html_close(&d->h);
	snprintf(key, sizeof(key), "status.%s", si >= 0 ?
	    claim_status_name(c->status) : "other");
	snprintf(cls, sizeof(cls), "chip s-%s", si >= 0 ?
	    claim_status_name(c->status) : "other");
	dash_td(d, dash_cols[6], NULL);
	html_elem(&d->h, "span", si >= 0 ? l10n_get(&d->l, key) : "other",
	    "class", cls, (const char *)NULL);
	/* Claimable, but not filed from incomplete reports (issue 15 §1):
	 * the seller sees why nothing happens yet. */
	if (c->status == CLAIM_ELIGIBLE && c->hold != NULL &&
	    c->hold[0] != '\0')
		html_elem(&d->h, "small", l10n_get(&d->l, "status.waiting"),
		    "title", c->hold, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);	/* tr */
	return 0;
}

/* A claim to submit by hand, copied out of the scan. */
struct dash_ready_claim {
	char	*claim_id, *type, *reference, *country, *currency;
	int	 has_value;
	int64_t	 amount;
	int32_t	 closes;
};

struct dash_ready_list {
	const struct dash	*d;
	struct dash_ready_claim	*c;
	size_t			 n;
};

/*
 * Collects the claims to submit: ready ones, and a self-filing seller's
 * claims open today. Collected first, their texts built after: building
 * one reads the claims again, which no open scan may share.
 */
static int
dash_ready_collect(void *ctx, const struct claim_row *c)
{
	struct dash_ready_list *r = ctx;
	const struct dash *d = r->d;
	struct dash_ready_claim *k;

	if (c->status != CLAIM_READY && !(d->self_filing &&
	    c->status == CLAIM_ELIGIBLE && c->opens <= d->today &&
	    d->today <= c->closes))
		return 0;
	r->c = xreallocarray(r->c, r->n + 1, sizeof(*r->c));
	k = &r->c[r->n++];
	k->claim_id = xstrdup(c->claim_id);
	k->type = xstrdup(c->type);
	k->reference = xstrdup(c->reference);
	k->country = xstrdup(c->country);
	k->currency = xstrdup(c->currency);
	k->has_value = c->has_value;
	k->amount = c->amount;
	k->closes = c->closes;
	return 0;
}

/*
 * One claim to submit by hand: what it is, where to paste it, the text
 * (user-select: all, so one tap or click selects all of it), and how to
 * record the case id Amazon gives. Returns 0, or -1 if no text.
 */
static int
dash_ready_one(struct dash *d, const struct dash_ready_claim *c)
{
	char key[64], money[64], url[128], cl[64], *text;
	struct buf b;

	if ((text = d->o->packet_text(d->st, c->claim_id, d->l.lang)) ==
	    NULL)
		return -1;
	html_open(&d->h, "div", "class", "packet", "id", c->claim_id,
	    (const char *)NULL);
	html_open(&d->h, "h3", (const char *)NULL);
	snprintf(key, sizeof(key), "type.%s", c->type);
	html_text(&d->h, l10n_get(&d->l, key));
	html_text(&d->h, " \xc2\xb7 ");
	html_text(&d->h, c->reference);
	if (c->has_value) {
		html_text(&d->h, " \xc2\xb7 ");
		html_text(&d->h, l10n_money(&d->l, c->amount, c->currency,
		    money, sizeof(money)));
	}
	html_text(&d->h, " \xc2\xb7 ");
	html_text(&d->h, l10n_date(&d->l, c->closes, cl, sizeof(cl)));
	html_text(&d->h, " ");
	page_days_left(&d->h, &d->l, c->closes - d->today);
	html_close(&d->h);
	html_open(&d->h, "p", (const char *)NULL);
	html_text(&d->h, l10n_get(&d->l, "ready.open"));
	html_text(&d->h, " ");
	sellercentral_case_url(c->country, url, sizeof(url));
	/* As text to copy: a page links nowhere (no request, ever). */
	html_elem(&d->h, "code", url, "class", "url", (const char *)NULL);
	html_close(&d->h);
	html_elem(&d->h, "pre", text, "class", "copy", (const char *)NULL);
	free(text);
	buf_init(&b, 0);
	buf_printf(&b, "fbaudit claims mark %s --case-id ", c->claim_id);
	html_open(&d->h, "p", "class", "then", (const char *)NULL);
	html_text(&d->h, l10n_get(&d->l, "ready.then"));
	html_text(&d->h, " ");
	html_elem(&d->h, "code", b.data, (const char *)NULL);
	html_close(&d->h);
	buf_free(&b);
	html_close(&d->h);	/* div.packet */
	return 0;
}

/*
 * The claims a person must submit: ready ones (their packet waits in
 * the outbox), and, for a seller who files by themselves, every claim
 * open for filing, by deadline. Nothing when there is none.
 */
static void
dash_ready(struct dash *d)
{
	struct dash_ready_list r;
	size_t i;

	if (d->o->packet_text == NULL || (d->n_ready == 0 &&
	    !(d->self_filing && d->n_claimable > 0)))
		return;
	memset(&r, 0, sizeof(r));
	r.d = d;
	if (store_claims_scan(d->st, NULL, dash_ready_collect, &r) != 0)
		d->failed = 1;
	if (r.n > 0) {
		page_section(&d->h, "ready", l10n_get(&d->l, "sec.ready"),
		    l10n_get(&d->l, d->self_filing ? "sec.ready.self" :
		    "sec.ready.sub"));
		for (i = 0; i < r.n && !d->failed; i++)
			if (dash_ready_one(d, &r.c[i]) == -1)
				d->failed = 1;
		html_close(&d->h);
	}
	for (i = 0; i < r.n; i++) {
		free(r.c[i].claim_id);
		free(r.c[i].type);
		free(r.c[i].reference);
		free(r.c[i].country);
		free(r.c[i].currency);
	}
	free(r.c);
}

/* The claims to act on (act) or the others, in deadline order. */
static void
dash_claims(struct dash *d, int act)
{
	page_section(&d->h, act ? "act" : "other", l10n_get(&d->l, act ?
	    "sec.act" : "sec.other"), l10n_get(&d->l, act ? "sec.act.sub" :
	    "sec.other.sub"));
	d->act = act;
	d->rows = 0;
	if (store_claims_scan(d->st, NULL, dash_claim_row, d) != 0)
		d->failed = 1;
	if (d->rows > 0) {
		html_close(&d->h);	/* tbody */
		html_close(&d->h);	/* table */
	} else if (act)
		html_elem(&d->h, "p", l10n_get(&d->l, "sec.act.none"),
		    "class", "empty", (const char *)NULL);
	html_close(&d->h);
}

static int
dash_anomaly_row(void *ctx, const struct anomaly_row *a)
{
	struct dash *d = ctx;
	char key[64], cls[32], day[64], money[64];
	struct anomtext tx;

	if (d->rows++ == 0) {
		html_open(&d->h, "table", (const char *)NULL);
		html_open(&d->h, "thead", (const char *)NULL);
		html_open(&d->h, "tr", (const char *)NULL);
		html_elem(&d->h, "th", l10n_get(&d->l, "col.severity"),
		    (const char *)NULL);
		html_elem(&d->h, "th", l10n_get(&d->l, "col.subject"),
		    (const char *)NULL);
		html_elem(&d->h, "th", l10n_get(&d->l, "col.amount"),
		    "class", "n", (const char *)NULL);
		html_elem(&d->h, "th", l10n_get(&d->l, "col.deadline"),
		    (const char *)NULL);
		html_close(&d->h);
		html_close(&d->h);
		html_open(&d->h, "tbody", (const char *)NULL);
	}
	html_open(&d->h, "tr", (const char *)NULL);
	dash_td(d, "col.severity", NULL);
	snprintf(key, sizeof(key), "severity.%s", a->severity);
	snprintf(cls, sizeof(cls), "chip sev-%s",
	    strcmp(a->severity, "high") == 0 ? "high" :
	    strcmp(a->severity, "medium") == 0 ? "medium" : "low");
	html_elem(&d->h, "span", l10n_get(&d->l, key), "class", cls,
	    (const char *)NULL);
	html_close(&d->h);
	dash_td(d, "col.subject", NULL);
	snprintf(key, sizeof(key), "kind.%s", a->kind);
	html_elem(&d->h, "strong", l10n_get(&d->l, key), (const char *)NULL);
	dash_new(d, a->opened_at);
	/* The seller reads what happened in words: the detail's claim ids
	 * and figures are for the CSM's page. */
	anomtext_render(&d->l, a->kind, a->figures, a->subject, a->detail,
	    a->advice, &tx);
	html_elem(&d->h, "small", tx.subject, (const char *)NULL);
	anomtext_free(&tx);
	html_close(&d->h);
	dash_td_text(d, "col.amount", "n", a->currency ? l10n_money(&d->l,
	    a->amount, a->currency, money, sizeof(money)) : "");
	dash_td(d, "col.deadline", "nw");
	if (a->deadline != 0) {
		html_text(&d->h, l10n_date(&d->l, a->deadline, day,
		    sizeof(day)));
		html_text(&d->h, " ");
		page_days_left(&d->h, &d->l, a->deadline - d->today);
	}
	html_close(&d->h);
	html_close(&d->h);
	return 0;
}

static void
dash_anomalies(struct dash *d)
{
	struct anomaly_filter f = { ANOMALY_FILTER_ACTIVE, NULL, NULL };

	page_section(&d->h, "anomalies", l10n_get(&d->l, "sec.anomalies"),
	    NULL);
	d->rows = 0;
	if (store_anomalies_scan(d->st, &f, dash_anomaly_row, d) != 0)
		d->failed = 1;
	if (d->rows > 0) {
		html_close(&d->h);
		html_close(&d->h);
	} else
		html_elem(&d->h, "p", l10n_get(&d->l, "sec.anomalies.none"),
		    "class", "empty", (const char *)NULL);
	html_close(&d->h);
}

/* One line of the freshness table; never imported when r is NULL. */
static void
dash_fresh_line(struct dash *d, const char *type,
    const struct report_freshness_row *r)
{
	char key[64], n[32], day[64];

	snprintf(key, sizeof(key), "report.%s", type);
	html_open(&d->h, "tr", (const char *)NULL);
	dash_td_text(d, "col.report", NULL, l10n_get(&d->l, key));
	dash_td_text(d, "col.files", "n", l10n_int(&d->l, r ? r->files : 0,
	    n, sizeof(n)));
	dash_td_text(d, "col.through", NULL, r && r->has_through ?
	    l10n_date(&d->l, r->through, day, sizeof(day)) :
	    "\xe2\x80\x94");
	dash_td(d, "col.imported", NULL);
	if (r != NULL) {
		html_text(&d->h, l10n_date(&d->l, date_day_of(r->last_import),
		    day, sizeof(day)));
		html_open(&d->h, "small", (const char *)NULL);
		page_ago(&d->h, &d->l, r->last_import, d->now);
		html_close(&d->h);
	} else
		html_text(&d->h, l10n_get(&d->l, "fresh.never"));
	html_close(&d->h);
	dash_td(d, NULL, NULL);
	/* Unit costs come from the seller, not from a nightly fetch. */
	if (strcmp(type, "unit_costs") != 0 &&
	    (r == NULL || d->now - r->last_import > STALE_DATA_SECS))
		html_elem(&d->h, "span", l10n_get(&d->l, "fresh.stale"),
		    "class", "chip stale", (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
}

static int
dash_fresh_row(void *ctx, const struct report_freshness_row *r)
{
	struct dash *d = ctx;
	size_t i;

	for (i = 0; i < DASH_NEXPECTED; i++)
		if (strcmp(dash_expected[i], r->type) == 0 ||
		    (strcmp(r->type, "settlement_xml") == 0 &&
		    strcmp(dash_expected[i], "settlement") == 0))
			d->seen_expected[i] = 1;
	dash_fresh_line(d, r->type, r);
	return 0;
}

static void
dash_freshness(struct dash *d)
{
	static const char *const cols[] = { "col.report", "col.files",
	    "col.through", "col.imported" };
	size_t i;

	page_section(&d->h, "freshness", l10n_get(&d->l, "sec.freshness"),
	    l10n_get(&d->l, "sec.freshness.sub"));
	html_open(&d->h, "table", (const char *)NULL);
	html_open(&d->h, "thead", (const char *)NULL);
	html_open(&d->h, "tr", (const char *)NULL);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		html_elem(&d->h, "th", l10n_get(&d->l, cols[i]), "class",
		    i == 1 ? "n" : NULL, (const char *)NULL);
	html_elem(&d->h, "th", "", (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
	html_open(&d->h, "tbody", (const char *)NULL);
	if (store_report_freshness(d->st, dash_fresh_row, d) != 0)
		d->failed = 1;
	for (i = 0; i < DASH_NEXPECTED; i++)
		if (!d->seen_expected[i])
			dash_fresh_line(d, dash_expected[i], NULL);
	html_close(&d->h);
	html_close(&d->h);
	html_close(&d->h);
}

int
dashboard_write(struct store *st, FILE *fp, const struct report_opts *o)
{
	struct dash *d = xcalloc(1, sizeof(*d));
	struct store_settings set;
	struct buf title;
	int rc = -1;

	memset(&set, 0, sizeof(set));
	d->st = st;
	d->o = o;
	d->today = clock_today();
	d->now = clock_now();
	if (l10n_init(&d->l, o->lang) == -1)
		goto out;
	/* Read first: a store error must not leave half a page. */
	if (store_settings_get(st, &set) == -1 ||
	    store_csm_since(st, &d->since) != 0 ||
	    store_report_recovered(st, dash_recovered_row, d) != 0 ||
	    store_claims_scan(st, NULL, dash_claim_sum, d) != 0 ||
	    store_claims_filing_scan(st, dash_paid_row, d) != 0) {
		log_error("%s: %s", store_seller(st), store_errmsg(st));
		goto out;
	}
	/* The seller's kept settings: its name without -C, and whether
	 * it files by itself (then every open claim gets its text). */
	d->name = set.name;
	set.name = NULL;
	d->self_filing = set.cap == 0 || (set.transport != NULL &&
	    strcmp(set.transport, SETTINGS_FILING_NONE) == 0);
	dash_main_currency(d);
	buf_init(&title, 0);
	buf_printf(&title, "%s \xe2\x80\x94 ", l10n_get(&d->l, "dash.title"));
	dash_seller_label(d, &title);
	html_init(&d->h, fp);
	page_begin(&d->h, &d->l, title.data);
	buf_free(&title);
	dash_header(d);
	html_open(&d->h, "main", (const char *)NULL);
	dash_cards(d);
	dash_ready(d);
	html_open(&d->h, "div", "class", "charts", (const char *)NULL);
	dash_chart_months(d);
	dash_chart_status(d);
	html_close(&d->h);
	dash_claims(d, 1);
	dash_anomalies(d);
	dash_claims(d, 0);
	dash_freshness(d);
	html_close(&d->h);	/* main */
	page_end(&d->h, &d->l, o->version);
	if (d->failed) {
		log_error("%s: %s", store_seller(st), store_errmsg(st));
		goto out;
	}
	rc = html_finish(&d->h);
out:
	store_settings_free(&set);
	free(d->name);
	free(d->months);
	free(d);
	return rc;
}
