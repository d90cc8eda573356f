/*
 * deadline_looming: eligible or ready claims (DESIGN 6.3: a packet in the
 * outbox is not filed) closing within 7 days, not filed: one
 * anomaly per seller and day listing them and their value; high when any
 * closes within 2 days. The CSM calls the seller before money is lost.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/num.h"
#include "store/claims.h"

/* Claims listed in full in the detail before "and N more". */
#define DEADLINE_LISTED	20

struct deadline_ctx {
	int32_t		 today;
	int		 n;
	int32_t		 first;
	int64_t		 amount;
	char		 currency[4];
	int		 mixed;		/* more than one currency */
	int		 held;		/* waiting for Amazon's reports */
	struct buf	 list;
};

static int
deadline_row(void *ctx, const struct claim_row *c)
{
	struct deadline_ctx *d = ctx;
	const struct policy_flags *f = policy_flags();
	char closes[DATE_STRLEN], money[32];

	/* A ready claim's packet waits for a person: still unfiled. */
	if ((strcmp(c->status, "eligible") != 0 &&
	    strcmp(c->status, "ready") != 0) || c->closes < d->today ||
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
	if (d->n < DEADLINE_LISTED)
		buf_printf(&d->list, "%s%s %s %s closes %s (%s%s%s)",
		    d->n ? "; " : "", c->claim_id, c->type, c->reference,
		    date_format(c->closes, closes), c->has_value ?
		    num_format_amount(c->amount, c->currency, money,
		    sizeof(money)) : "value unknown", c->has_value ? " " : "",
		    c->has_value ? c->currency : "");
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
	char day[DATE_STRLEN], first[DATE_STRLEN], money[32];
	int rc;

	memset(&d, 0, sizeof(d));
	d.today = fl->a->today;
	buf_init(&d.list, 0);
	if ((rc = store_claims_scan(fl->a->st, &cf, deadline_row, &d)) != 0)
		goto out;
	if (d.n == 0)
		goto out;
	r = flag_raise(fl, "deadline_looming", date_format(d.today, day),
	    d.first - d.today <= f->deadline_high_days ? "high" : "medium");
	r->deadline = d.first;
	if (d.currency[0] != '\0') {
		r->has_amount = 1;
		r->amount = d.amount;
		memcpy(r->currency, d.currency, 4);
	}
	date_format(d.first, first);
	if (d.currency[0] != '\0')
		flag_text(&r->subject, "%d eligible claim%s worth %s %s%s "
		    "close%s unfiled within %d days, the first on %s", d.n,
		    d.n == 1 ? "" : "s", num_format_amount(d.amount,
		    d.currency, money, sizeof(money)), d.currency, d.mixed ?
		    " and more in other currencies" : "", d.n == 1 ? "s" : "",
		    f->deadline_days, first);
	else
		flag_text(&r->subject, "%d eligible claim%s of unknown value "
		    "close%s unfiled within %d days, the first on %s", d.n,
		    d.n == 1 ? "" : "s", d.n == 1 ? "s" : "", f->deadline_days,
		    first);
	flag_text(&r->detail, "%s%s", d.list.data ? d.list.data : "",
	    d.n > DEADLINE_LISTED ? "; and more" : "");
	if (d.held > 0) {
		/* fbaudit files nothing from an incomplete night: a person
		 * has to look at what the missing reports would show. */
		flag_text(&r->subject, "%s; %d of them wait%s for Amazon's "
		    "reports", r->subject, d.held, d.held == 1 ? "s" : "");
		flag_text(&r->advice, "%d of these claims wait for Amazon's "
		    "reports, which have not all arrived: check in Seller "
		    "Central whether the item came back or was reimbursed, "
		    "and file it by hand if not, before %s. Ask the seller to "
		    "file the others (or let fbaudit file them); after the "
		    "window closes Amazon pays nothing.", d.held, first);
	} else
		flag_text(&r->advice, "Ask the seller to file these claims in "
		    "Seller Central (or let fbaudit file them) before %s; "
		    "after the window closes Amazon pays nothing.", first);
out:
	buf_free(&d.list);
	return rc == 0 ? 0 : -1;
}
