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
 *
 * This file reads the store (the figures, the months recovered, what
 * fbaudit's claims were paid), writes the header and the four cards, and
 * puts the sections in order; dashboard_charts.c, dashboard_claims.c and
 * dashboard_attention.c render the rest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "reports/dashboard_int.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/claims.h"
#include "store/csmdata.h"
#include "store/filing.h"
#include "store/reportdata.h"
#include "store/settings.h"
#include "store/store.h"

/* Within this many days an eligible claim counts as expiring (issue 8). */
#define DASH_EXPIRING_DAYS	7

/* The claim statuses in the order the status chart shows them. */
const enum claim_status dash_statuses[] = {
	CLAIM_ELIGIBLE, CLAIM_READY, CLAIM_PENDING, CLAIM_FILED,
	CLAIM_PARTIALLY_REIMBURSED, CLAIM_REIMBURSED, CLAIM_AUTO_REIMBURSED,
	CLAIM_DENIED, CLAIM_RESOLVED, CLAIM_EXPIRED,
};

/* The "new" mark of a claim or anomaly that appeared since last night. */
void
dash_new(struct dash *d, int64_t appeared)
{
	if (d->since == 0 || appeared <= d->since)
		return;
	html_text(&d->h, " ");
	html_elem(&d->h, "span", l10n_get(&d->l, "csm.new"), "class",
	    "chip new", (const char *)NULL);
}

int
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
	page_seller_label(b, d->o->cf, store_seller(d->st), &d->kept);
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
void
dash_td(struct dash *d, const char *col, const char *cls)
{
	html_open(&d->h, "td", "data-label", col ? l10n_get(&d->l, col) : "",
	    "class", cls, (const char *)NULL);
}

/* A table cell holding only text. */
void
dash_td_text(struct dash *d, const char *col, const char *cls,
    const char *text)
{
	dash_td(d, col, cls);
	html_text(&d->h, text);
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
	if (store_settings_get(st, &d->kept) == -1 ||
	    store_csm_since(st, &d->since) != 0 ||
	    store_report_recovered(st, dash_recovered_row, d) != 0 ||
	    store_claims_scan(st, NULL, dash_claim_sum, d) != 0 ||
	    store_claims_filing_scan(st, dash_paid_row, d) != 0) {
		log_error("%s: %s", store_seller(st), store_errmsg(st));
		goto out;
	}
	/* The seller's kept settings: its name without -C, and whether
	 * it files by itself (then every open claim gets its text). */
	d->self_filing = d->kept.cap == 0 || (d->kept.transport != NULL &&
	    strcmp(d->kept.transport, SETTINGS_FILING_NONE) == 0);
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
	store_settings_free(&d->kept);
	free(d->months);
	free(d);
	return rc;
}
