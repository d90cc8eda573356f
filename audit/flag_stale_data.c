/*
 * stale_data: a report type the seller fetches has had no successful
 * fetch for 36 hours: the nightly job failed or the seller's data
 * stopped. One anomaly per type and last success (the period), so it is
 * raised once and closes itself when data arrives again. Sellers who
 * only import by hand have no fetch state and are never flagged.
 */
#include <stdio.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/clock.h"
#include "lib/date.h"
#include "store/fetchstate.h"

static int
stale_row(void *ctx, const struct store_fetch_type *t)
{
	struct flagger *fl = ctx;
	const struct policy_flags *f = policy_flags();
	struct flag_raise *r;
	char period[96], when[TIME_STRLEN];
	int64_t age;

	if (!t->has_success)
		return 0;
	age = clock_now() - t->last_success_at;
	if (age <= (int64_t)f->stale_hours * 3600)
		return 0;
	date_format_time(t->last_success_at, when);
	snprintf(period, sizeof(period), "%.40s@%s", t->report_type, when);
	r = flag_raise(fl, "stale_data", period, "medium");
	flag_text(&r->subject, "No %s data for %lld hours (last fetched %s)",
	    t->report_type, (long long)(age / 3600), when);
	flag_text(&r->detail, "report type %s: last successful fetch %s; "
	    "the threshold is %d hours", t->report_type, when,
	    f->stale_hours);
	flag_text(&r->advice, "Check that the nightly run reached Amazon "
	    "(fbaudit's log) and that the seller's SP-API authorisation is "
	    "still valid in Seller Central; claims for the missing days "
	    "cannot be found until the data arrives.");
	return 0;
}

int
flag_stale_data(struct flagger *fl)
{
	return store_fetch_types_scan(fl->a->st, stale_row, fl) == 0 ? 0 :
	    -1;
}
