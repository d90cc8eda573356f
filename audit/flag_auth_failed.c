/*
 * auth_failed: Login with Amazon refused the seller's credentials
 * (invalid_grant or invalid_client) and no report was fetched since:
 * nothing more will arrive until the seller authorises fbaudit again.
 * High severity; it closes itself once a fetch succeeds.
 */
#include <stdio.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "lib/date.h"
#include "store/fetchstate.h"

struct auth_ctx {
	int64_t	 since;		/* the latest refusal */
	int	 success_after;
};

static int
auth_success(void *ctx, const struct store_fetch_type *t)
{
	struct auth_ctx *c = ctx;

	if (t->has_success && t->last_success_at > c->since)
		c->success_after = 1;
	return 0;
}

int
flag_auth_failed(struct flagger *fl)
{
	struct auth_ctx c = { 0, 0 };
	struct flag_raise *r;
	char detail[256], day[DATE_STRLEN], when[TIME_STRLEN];
	enum store_find found;

	found = store_fetch_last_event(fl->a->st,
	    anomaly_kind_name(ANOMALY_AUTH_FAILED), &c.since,
	    detail, sizeof(detail));
	if (found == STORE_ERROR)
		return -1;
	if (found == STORE_NOT_FOUND)
		return 0;
	if (store_fetch_types_scan(fl->a->st, auth_success, &c) != 0)
		return -1;
	if (c.success_after)
		return 0;
	r = flag_raise(fl, ANOMALY_AUTH_FAILED,
	    date_format(date_day_of(c.since), day), "high");
	/* Amazon's own words (invalid_grant: ...), shown as they came. */
	figures_set(&r->fig, "at_time", "%s", date_format_time(c.since,
	    when));
	figures_set(&r->fig, "error", "%s", detail);
	return 0;
}
