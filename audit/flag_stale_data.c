/*
 * stale_data: report types the seller fetches have had no successful
 * fetch for 36 hours: the nightly job failed or the seller's data
 * stopped. One anomaly per seller, not per report type, listing the
 * stale types (pages name them in plain words, "Inventory ledger"). Its
 * period is the oldest last success among them, so it is raised once
 * while the same data stays stale, and closes itself when data arrives
 * again. Sellers who only import by hand have no fetch state and are
 * never flagged.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/clock.h"
#include "lib/date.h"
#include "lib/figures.h"
#include "store/fetchstate.h"

struct stale_ctx {
	struct figures	 list;	/* the stale types, as items */
	size_t		 n;
	int64_t		 oldest;
};

static int
stale_row(void *ctx, const struct store_fetch_type *t)
{
	struct stale_ctx *c = ctx;
	const struct policy_flags *f = policy_flags();
	char when[TIME_STRLEN];

	if (!t->has_success ||
	    clock_now() - t->last_success_at <= (int64_t)f->stale_hours * 3600)
		return 0;
	if (c->n == 0 || t->last_success_at < c->oldest)
		c->oldest = t->last_success_at;
	if (c->n < FIGURES_MAX_ITEMS) {
		figures_item(&c->list, c->n, "name_reporttype", "%s",
		    t->report_type);
		figures_item(&c->list, c->n, "last_time", "%s",
		    date_format_time(t->last_success_at, when));
	}
	c->n++;
	return 0;
}

int
flag_stale_data(struct flagger *fl)
{
	const struct policy_flags *f = policy_flags();
	struct stale_ctx c;
	struct flag_raise *r;
	char when[TIME_STRLEN];
	int rc = 0;

	memset(&c, 0, sizeof(c));
	figures_init(&c.list);
	if (store_fetch_types_scan(fl->a->st, stale_row, &c) != 0) {
		rc = -1;
		goto out;
	}
	if (c.n == 0)
		goto out;
	r = flag_raise(fl, ANOMALY_STALE_DATA, date_format_time(c.oldest, when),
	    "medium");
	figures_set(&r->fig, "n", "%zu", c.n);
	figures_set(&r->fig, "hours_n", "%lld",
	    (long long)((clock_now() - c.oldest) / 3600));
	figures_set(&r->fig, "since_time", "%s", when);
	figures_set(&r->fig, "threshold_n", "%d", f->stale_hours);
	figures_merge(&r->fig, &c.list);
	if (c.n > FIGURES_MAX_ITEMS)
		figures_set(&r->fig, "more_n", "%zu", c.n - FIGURES_MAX_ITEMS);
out:
	figures_free(&c.list);
	return rc;
}
