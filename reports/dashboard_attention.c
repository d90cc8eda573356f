/*
 * What needs the seller's attention on the dashboard: the active
 * anomalies in words, and how fresh each report is (the expected ones
 * never imported, and the stale ones, marked).
 */
#include <stdio.h>
#include <string.h>

#include "lib/anomtext.h"
#include "lib/date.h"
#include "reports/dashboard_int.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "lib/stale.h"
#include "reports/page.h"
#include "store/anomalies.h"
#include "store/reportdata.h"

/* The report types a seller is expected to have imported. */
static const char *const dash_expected[] = {
	"ledger", "reimbursements", "returns", "removal_orders",
	"removal_shipments", "settlement", "inbound",
};
_Static_assert(sizeof(dash_expected) / sizeof(dash_expected[0]) ==
    DASH_NEXPECTED, "DASH_NEXPECTED counts dash_expected");

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

void
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

void
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
