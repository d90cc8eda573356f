/*
 * deadline_looming: eligible or ready claims (docs/design.md §6.3: a packet in
 * the outbox is not filed) closing within 7 days, not filed: one
 * anomaly per seller and day listing them and their value; high when any
 * closes within 2 days. The CSM calls the seller before money is lost.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/date.h"
#include "lib/vocab.h"
#include "store/claims.h"

/* Claims listed one by one; the rest are counted ("and N more"). */
#define DEADLINE_LISTED	FIGURES_MAX_ITEMS

struct deadline_ctx {
	int32_t		 today;
	int		 n;
	int32_t		 first;
	int64_t		 amount;
	char		 currency[4];
	int		 mixed;		/* more than one currency */
	int		 held;		/* waiting for Amazon's reports */
	struct figures	 list;		/* the claims, as items */
};

static int
deadline_row(void *ctx, const struct claim_row *c)
{
	struct deadline_ctx *d = ctx;
	const struct policy_flags *f = policy_flags();
	char closes[DATE_STRLEN];
	size_t i = (size_t)d->n;

	/* A ready claim's packet waits for a person: still unfiled. */
	if (!claim_status_unfiled(c->status) || c->closes < d->today ||
	    c->closes - d->today > f->deadline_days)
		return 0;
	if (d->n == 0 || c->closes < d->first)
		d->first = c->closes;
	/* It cannot wait for the reports much longer (issue 15 §1). */
	if (c->hold != NULL && c->hold[0] != '\0')
		d->held++;
	if (c->has_value) {
		if (d->currency[0] == '\0')
			memcpy(d->currency, c->currency, 4);
		if (strcmp(d->currency, c->currency) == 0)
			d->amount += c->amount;
		else
			d->mixed = 1;
	}
	if (d->n < DEADLINE_LISTED) {
		figures_item(&d->list, i, "claim", "%s", c->claim_id);
		figures_item(&d->list, i, "what_claimtype", "%s", c->type);
		figures_item(&d->list, i, "ref", "%s", c->reference);
		figures_item(&d->list, i, "closes_day", "%s",
		    date_format(c->closes, closes));
		if (c->has_value)
			figures_item(&d->list, i, "value_money", "%lld %s",
			    (long long)c->amount, c->currency);
		else
			figures_item(&d->list, i, "value_money", "-");
	}
	d->n++;
	return 0;
}

int
flag_deadline_looming(struct flagger *fl)
{
	const struct policy_flags *f = policy_flags();
	struct claim_filter cf = { NULL, NULL, NULL };
	struct deadline_ctx d;
	struct flag_raise *r;
	char day[DATE_STRLEN];
	int rc;

	memset(&d, 0, sizeof(d));
	d.today = fl->a->today;
	figures_init(&d.list);
	if ((rc = store_claims_scan(fl->a->st, &cf, deadline_row, &d)) != 0)
		goto out;
	if (d.n == 0)
		goto out;
	r = flag_raise(fl, ANOMALY_DEADLINE_LOOMING, date_format(d.today, day),
	    d.first - d.today <= f->deadline_high_days ? "high" : "medium");
	r->deadline = d.first;
	if (d.currency[0] != '\0') {
		r->has_amount = 1;
		r->amount = d.amount;
		memcpy(r->currency, d.currency, 4);
	}
	figures_set(&r->fig, "n", "%d", d.n);
	figures_set(&r->fig, "within_days_n", "%d", f->deadline_days);
	figures_set(&r->fig, "first_day", "%s", date_format(d.first, day));
	if (d.currency[0] != '\0')
		figures_set(&r->fig, "total_money", "%lld %s",
		    (long long)d.amount, d.currency);
	if (d.currency[0] == '\0')
		figures_set(&r->fig, "variant", "unknown");
	else if (d.mixed)
		figures_set(&r->fig, "variant", "mixed");
	figures_merge(&r->fig, &d.list);
	if (d.n > DEADLINE_LISTED)
		figures_set(&r->fig, "more_n", "%d", d.n - DEADLINE_LISTED);
	/* fbaudit files nothing from an incomplete night: a person has to
	 * look at what the missing reports would show (anomtext: .held). */
	if (d.held > 0)
		figures_set(&r->fig, "held_n", "%d", d.held);
out:
	figures_free(&d.list);
	return rc == 0 ? 0 : -1;
}
