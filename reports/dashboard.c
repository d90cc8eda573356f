/*
 * The seller's dashboard (DESIGN 8): one self-contained HTML page. What
 * a seller sees first: four figures (recovered, claimable now, expiring
 * within 7 days, lost to expiry), then the two charts, the claims to
 * file by deadline, what needs attention, the other claims, and how
 * fresh the data is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/anomalies.h"
#include "store/claims.h"
#include "store/reportdata.h"
#include "store/store.h"

/* Within this many days an eligible claim counts as expiring (issue 8). */
#define DASH_EXPIRING_DAYS	7
/* Months in the recovered chart, ending with the current one. */
#define DASH_MONTHS		12
/* A report type not imported for this long is stale (DESIGN 6.4). */
#define DASH_STALE_SECS		(36 * 3600)

/* The claim statuses in the order the status chart shows them. */
static const char *const dash_statuses[] = {
	"eligible", "pending", "filed", "partially_reimbursed",
	"reimbursed", "auto_reimbursed", "denied", "resolved", "expired",
};
#define DASH_NSTATUS (sizeof(dash_statuses) / sizeof(dash_statuses[0]))

/* Bar colours of the status chart, by the order above. */
static const char *const dash_status_fill[DASH_NSTATUS] = {
	"#1f5fbf", "#9aa3ae", "#6d4ed1", "#7a9a1c", "#1a7f4b", "#3f9b6b",
	"#b42318", "#6b7480", "#c98b8b",
};

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
	int64_t			 n_reimb, n_claimable, n_expiring, n_lost;
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
};

static int
dash_status_index(const char *status)
{
	size_t i;

	for (i = 0; i < DASH_NSTATUS; i++)
		if (strcmp(dash_statuses[i], status) == 0)
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
	if (strcmp(c->status, "eligible") == 0) {
		d->n_claimable++;
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
	} else if (strcmp(c->status, "expired") == 0) {
		d->n_lost++;
		if (c->has_value)
			page_sum_add(&d->lost, c->currency, c->amount);
		else
			d->u_lost++;
	}
	if (strcmp(c->status, "eligible") == 0 ||
	    strcmp(c->status, "pending") == 0)
		d->n_act++;
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

static void
dash_header(struct dash *d)
{
	char day[64];
	struct buf b, who;

	buf_init(&b, 0);
	buf_init(&who, 0);
	page_seller_label(&who, d->o->cf, store_seller(d->st));
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

static void
dash_chart_months(struct dash *d)
{
	int64_t amount[DASH_MONTHS], max = 0, step, unit = 100;
	int y[DASH_MONTHS], m[DASH_MONTHS], i, k, yy, mm, dd, any = 0;
	const double x0 = 70, x1 = 594, top = 14, base = 196;
	double slot = (x1 - x0) / DASH_MONTHS, bw = slot * 0.64, bh;
	char a[24], b[24], c[24], e[24], money[64];
	struct buf t;
	size_t j;

	date_to_ymd(d->today, &yy, &mm, &dd);
	for (i = DASH_MONTHS - 1; i >= 0; i--) {
		y[i] = yy;
		m[i] = mm;
		amount[i] = 0;
		if (--mm == 0) {
			mm = 12;
			yy--;
		}
	}
	for (j = 0; j < d->nmonths; j++)
		for (i = 0; i < DASH_MONTHS; i++)
			if (d->months[j].year == y[i] &&
			    d->months[j].month == m[i] &&
			    strcmp(d->months[j].currency, d->cur) == 0) {
				amount[i] += d->months[j].amount;
				any = 1;
			}
	for (i = 0; i < DASH_MONTHS; i++)
		if (amount[i] > max)
			max = amount[i];
	buf_init(&t, 0);
	l10n_fill(&t, l10n_get(&d->l, "chart.recovered.sub"), "cur", d->cur,
	    (const char *)NULL);
	page_section(&d->h, "chart-recovered",
	    l10n_get(&d->l, "chart.recovered"), t.data);
	buf_free(&t);
	if (!any) {
		html_elem(&d->h, "p", l10n_get(&d->l, "chart.recovered.none"),
		    "class", "empty", (const char *)NULL);
		html_close(&d->h);
		return;
	}
	if (strcmp(d->cur, "JPY") == 0)
		unit = 1;
	step = dash_axis_step(max > 0 ? max : unit, unit);
	html_open(&d->h, "svg", "xmlns", "http://www.w3.org/2000/svg",
	    "viewBox", "0 0 600 236", "role", "img", "aria-label",
	    l10n_get(&d->l, "chart.recovered"), (const char *)NULL);
	for (k = 0; k <= 4; k++) {
		double gy = base - (base - top) * k / 4.0;

		html_open(&d->h, "line", "class", k ? "grid" : "axis", "x1",
		    dash_num(a, sizeof(a), x0), "x2", dash_num(b, sizeof(b),
		    x1), "y1", dash_num(c, sizeof(c), gy), "y2",
		    dash_num(e, sizeof(e), gy), (const char *)NULL);
		html_close(&d->h);
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), x0 - 6),
		    "y", dash_num(b, sizeof(b), gy + 4), "text-anchor", "end",
		    (const char *)NULL);
		html_text(&d->h, l10n_money_whole(&d->l, step * k, d->cur,
		    money, sizeof(money)));
		html_close(&d->h);
	}
	for (i = 0; i < DASH_MONTHS; i++) {
		double cx = x0 + slot * i + slot / 2;

		bh = amount[i] > 0 ? (base - top) * (double)amount[i] /
		    (double)(step * 4) : 0;
		l10n_money(&d->l, amount[i], d->cur, money, sizeof(money));
		if (bh > 0) {
			html_open(&d->h, "rect", "x", dash_num(a, sizeof(a),
			    cx - bw / 2), "y", dash_num(b, sizeof(b),
			    base - bh), "width", dash_num(c, sizeof(c), bw),
			    "height", dash_num(e, sizeof(e), bh), "rx", "3",
			    "fill", "#1a7f4b", (const char *)NULL);
			html_open(&d->h, "title", (const char *)NULL);
			html_textf(&d->h, "%s %d: %s",
			    l10n_month(&d->l, m[i]), y[i], money);
			html_close(&d->h);
			html_close(&d->h);
			html_open(&d->h, "text", "class", "v", "x",
			    dash_num(a, sizeof(a), cx), "y", dash_num(b,
			    sizeof(b), base - bh - 4), "text-anchor",
			    "middle", (const char *)NULL);
			html_text(&d->h, l10n_money_whole(&d->l, amount[i],
			    d->cur, money, sizeof(money)));
			html_close(&d->h);
		}
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), cx), "y",
		    "212", "text-anchor", "middle", (const char *)NULL);
		html_text(&d->h, l10n_month(&d->l, m[i]));
		html_close(&d->h);
		if (i == 0 || m[i] == 1) {
			html_open(&d->h, "text", "x", dash_num(a, sizeof(a),
			    cx), "y", "228", "text-anchor", "middle",
			    (const char *)NULL);
			html_textf(&d->h, "%d", y[i]);
			html_close(&d->h);
		}
	}
	html_close(&d->h);	/* svg */
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

static void
dash_chart_status(struct dash *d)
{
	const double lx = 150, bx = 158, bmax = 130, rowh = 34;
	char a[24], b[24], c[24], e[24], vb[48];
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
	snprintf(vb, sizeof(vb), "0 0 400 %d", (int)(rows * rowh + 8));
	html_open(&d->h, "svg", "xmlns", "http://www.w3.org/2000/svg",
	    "viewBox", vb, "role", "img", "aria-label",
	    l10n_get(&d->l, "chart.status"), (const char *)NULL);
	rows = 0;
	for (i = 0; i < DASH_NSTATUS; i++) {
		double y, w;
		char key[64];

		if (d->n_status[i] == 0)
			continue;
		y = 6 + rows++ * rowh;
		w = bmax * (double)d->n_status[i] / (double)max;
		if (w < 3)
			w = 3;
		snprintf(key, sizeof(key), "status.%s", dash_statuses[i]);
		buf_init(&t, 0);
		dash_status_value(d, i, &t);
		html_open(&d->h, "g", "id", key, (const char *)NULL);
		html_open(&d->h, "text", "x", dash_num(a, sizeof(a), lx - 6),
		    "y", dash_num(b, sizeof(b), y + 18), "text-anchor", "end",
		    (const char *)NULL);
		html_text(&d->h, l10n_get(&d->l, key));
		html_close(&d->h);
		html_open(&d->h, "rect", "x", dash_num(a, sizeof(a), bx),
		    "y", dash_num(b, sizeof(b), y + 3), "width",
		    dash_num(c, sizeof(c), w), "height", "22", "rx", "3",
		    "fill", dash_status_fill[i], (const char *)NULL);
		html_elem(&d->h, "title", t.data, (const char *)NULL);
		html_close(&d->h);
		html_open(&d->h, "text", "class", "v", "x", dash_num(a,
		    sizeof(a), bx + w + 6), "y", dash_num(e, sizeof(e),
		    y + 18), (const char *)NULL);
		html_text(&d->h, t.data);
		html_close(&d->h);
		html_close(&d->h);	/* g */
		buf_free(&t);
	}
	html_close(&d->h);	/* svg */
	html_close(&d->h);	/* section */
}

static void
dash_table_head(struct dash *d)
{
	static const char *const cols[] = { "col.type", "col.product",
	    "col.reference", "col.quantity", "col.amount", "col.window",
	    "col.status" };
	size_t i;

	html_open(&d->h, "table", "class", "claims", (const char *)NULL);
	html_open(&d->h, "thead", (const char *)NULL);
	html_open(&d->h, "tr", (const char *)NULL);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		html_elem(&d->h, "th", l10n_get(&d->l, cols[i]), "class",
		    i == 3 || i == 4 ? "n" : NULL, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
	html_open(&d->h, "tbody", (const char *)NULL);
}

/* One claim in a table: the columns of issue 8. */
static int
dash_claim_row(void *ctx, const struct claim_row *c)
{
	struct dash *d = ctx;
	char key[64], n[32], money[64], op[64], cl[64], cls[48];
	int act = strcmp(c->status, "eligible") == 0 ||
	    strcmp(c->status, "pending") == 0;
	int si = dash_status_index(c->status);
	struct buf b;

	if (act != d->act)
		return 0;
	if (d->rows++ == 0)
		dash_table_head(d);
	html_open(&d->h, "tr", (const char *)NULL);
	snprintf(key, sizeof(key), "type.%s", c->type);
	html_elem(&d->h, "td", l10n_get(&d->l, key), (const char *)NULL);
	html_open(&d->h, "td", (const char *)NULL);
	html_text(&d->h, *c->title ? c->title : c->msku);
	html_open(&d->h, "small", (const char *)NULL);
	html_text(&d->h, c->msku);
	if (*c->asin) {
		html_text(&d->h, " \xc2\xb7 ");
		html_text(&d->h, c->asin);
	}
	html_close(&d->h);
	html_close(&d->h);
	html_open(&d->h, "td", "class", "nw", (const char *)NULL);
	html_text(&d->h, c->reference);
	if (*c->fc || *c->country) {
		html_open(&d->h, "small", (const char *)NULL);
		html_text(&d->h, c->fc);
		html_text(&d->h, *c->fc && *c->country ? " \xc2\xb7 " : "");
		html_text(&d->h, c->country);
		html_close(&d->h);
	}
	html_close(&d->h);
	html_elem(&d->h, "td", l10n_int(&d->l, c->quantity, n, sizeof(n)),
	    "class", "n", (const char *)NULL);
	if (c->has_value)
		html_elem(&d->h, "td", l10n_money(&d->l, c->amount,
		    c->currency, money, sizeof(money)), "class", "n",
		    (const char *)NULL);
	else
		html_elem(&d->h, "td", l10n_get(&d->l, "value.unknown"),
		    "class", "n muted", (const char *)NULL);
	html_open(&d->h, "td", (const char *)NULL);
	html_textf(&d->h, "%s \xe2\x80\x93 %s", l10n_date(&d->l, c->opens,
	    op, sizeof(op)), l10n_date(&d->l, c->closes, cl, sizeof(cl)));
	if (strcmp(c->status, "eligible") == 0) {
		html_text(&d->h, " ");
		page_days_left(&d->h, &d->l, c->closes - d->today);
	} else if (strcmp(c->status, "pending") == 0 &&
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
	snprintf(key, sizeof(key), "status.%s", c->status);
	snprintf(cls, sizeof(cls), "chip s-%s", si >= 0 ?
	    dash_statuses[si] : "other");
	html_open(&d->h, "td", (const char *)NULL);
	html_elem(&d->h, "span", si >= 0 ? l10n_get(&d->l, key) : c->status,
	    "class", cls, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);	/* tr */
	return 0;
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
	html_open(&d->h, "td", (const char *)NULL);
	snprintf(key, sizeof(key), "severity.%s", a->severity);
	snprintf(cls, sizeof(cls), "chip sev-%s",
	    strcmp(a->severity, "high") == 0 ? "high" :
	    strcmp(a->severity, "medium") == 0 ? "medium" : "low");
	html_elem(&d->h, "span", l10n_get(&d->l, key), "class", cls,
	    (const char *)NULL);
	html_close(&d->h);
	html_open(&d->h, "td", (const char *)NULL);
	snprintf(key, sizeof(key), "kind.%s", a->kind);
	html_elem(&d->h, "strong", l10n_get(&d->l, key), (const char *)NULL);
	/* The seller reads what happened in words: the detail's claim ids
	 * and figures are for the CSM's page. */
	anomtext_render(&d->l, a->kind, a->figures, a->subject, a->detail,
	    a->advice, &tx);
	html_elem(&d->h, "small", tx.subject, (const char *)NULL);
	anomtext_free(&tx);
	html_close(&d->h);
	html_elem(&d->h, "td", a->currency ? l10n_money(&d->l, a->amount,
	    a->currency, money, sizeof(money)) : "", "class", "n",
	    (const char *)NULL);
	html_open(&d->h, "td", "class", "nw", (const char *)NULL);
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
	struct anomaly_filter f = { "active", NULL, NULL };

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
	html_elem(&d->h, "td", l10n_get(&d->l, key), (const char *)NULL);
	html_elem(&d->h, "td", l10n_int(&d->l, r ? r->files : 0, n,
	    sizeof(n)), "class", "n", (const char *)NULL);
	html_elem(&d->h, "td", r && r->has_through ? l10n_date(&d->l,
	    r->through, day, sizeof(day)) : "\xe2\x80\x94",
	    (const char *)NULL);
	html_open(&d->h, "td", (const char *)NULL);
	if (r != NULL) {
		html_text(&d->h, l10n_date(&d->l, date_day_of(r->last_import),
		    day, sizeof(day)));
		html_open(&d->h, "small", (const char *)NULL);
		page_ago(&d->h, &d->l, r->last_import, d->now);
		html_close(&d->h);
	} else
		html_text(&d->h, l10n_get(&d->l, "fresh.never"));
	html_close(&d->h);
	html_open(&d->h, "td", (const char *)NULL);
	/* Unit costs come from the seller, not from a nightly fetch. */
	if (strcmp(type, "unit_costs") != 0 &&
	    (r == NULL || d->now - r->last_import > DASH_STALE_SECS))
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
	struct buf title;
	int rc = -1;

	d->st = st;
	d->o = o;
	d->today = clock_today();
	d->now = clock_now();
	if (l10n_init(&d->l, o->lang) == -1)
		goto out;
	/* Read first: a store error must not leave half a page. */
	if (store_report_recovered(st, dash_recovered_row, d) != 0 ||
	    store_claims_scan(st, NULL, dash_claim_sum, d) != 0) {
		log_error("%s: %s", store_seller(st), store_errmsg(st));
		goto out;
	}
	dash_main_currency(d);
	buf_init(&title, 0);
	buf_printf(&title, "%s \xe2\x80\x94 ", l10n_get(&d->l, "dash.title"));
	page_seller_label(&title, o->cf, store_seller(st));
	html_init(&d->h, fp);
	page_begin(&d->h, &d->l, title.data);
	buf_free(&title);
	dash_header(d);
	html_open(&d->h, "main", (const char *)NULL);
	dash_cards(d);
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
	free(d->months);
	free(d);
	return rc;
}
