/*
 * The spike rule both damage_spike and loss_spike are: this week's units
 * against the seller's trailing 90-day rate (audit/spike.c for the
 * maths). Days: the window is the 7 days ending today; the baseline the
 * 90 days before the window, or as much of them as the ledger covers.
 *
 * A spike does not close by itself while the units behind it are owed:
 * an earlier week's spike is raised again, with its own figures, as long
 * as claims for units of its window are neither filed, paid, found nor
 * expired (store_claims_unsettled). Then it closes, or when a CSM
 * resolves or dismisses it.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "audit/spike.h"
#include "lib/date.h"
#include "store/claims.h"
#include "store/scan.h"

struct spike_ctx {
	enum anomaly_kind kind;
	const char	*claimtype;
	const char	*raised;	/* today's period when raised, or NULL */
};

/* Raises an earlier spike again while units of its window are owed. */
static int
spike_keep(struct flagger *fl, const struct flag_active_row *k, void *arg)
{
	struct spike_ctx *c = arg;
	struct flag_raise *r;
	struct figures f;
	int32_t from, to;
	int64_t owed;
	int rc = 0;

	if (k->figures == NULL || (c->raised != NULL &&
	    strcmp(c->raised, k->period) == 0))
		return 0;
	figures_init(&f);
	(void)figures_decode(&f, k->figures);
	if (figures_get(&f, "from_day") == NULL ||
	    figures_get(&f, "to_day") == NULL ||
	    date_parse_ymd(figures_get(&f, "from_day"), &from) == -1 ||
	    date_parse_ymd(figures_get(&f, "to_day"), &to) == -1)
		goto out;
	/* A spike of a week that ends after the day audited (a rewind to
	 * an earlier day) had not happened yet: nothing keeps it. */
	if (to > fl->a->today)
		goto out;
	if (store_claims_unsettled(fl->a->st, c->claimtype, from, to,
	    &owed) == -1) {
		rc = -1;
		goto out;
	}
	if (owed == 0)
		goto out;
	r = flag_raise(fl, c->kind, k->period, k->severity);
	figures_merge(&r->fig, &f);
	figures_set(&r->fig, "owed_n", "%lld", (long long)owed);
out:
	figures_free(&f);
	return rc;
}

int
flag_spike(struct flagger *fl, enum anomaly_kind kind, int reason,
    const char *claimtype)
{
	const struct policy_flags *f = policy_flags();
	struct audit *a = fl->a;
	struct spike_ctx c = { kind, claimtype, NULL };
	struct flag_raise *r;
	struct spike s;
	int32_t win_lo, base_lo, first;
	int64_t week = 0, base = 0, owed;
	char period[9], day[DATE_STRLEN];
	size_t i;
	int rc, days;

	if (audit_adjustments(a) == -1 ||
	    (rc = store_ledger_first_day(a->st, &first)) == -1)
		return -1;
	if (rc == 0)
		return flag_active(fl, kind, spike_keep, &c) == 0 ? 0 : -1;
	win_lo = a->today - f->spike_window_days + 1;
	base_lo = win_lo - f->spike_baseline_days;
	if (first > base_lo)
		base_lo = first;
	days = win_lo - base_lo;
	for (i = 0; i < a->nadj; i++) {
		const struct adjustment *d = &a->adj[i];

		if ((int)policy_reason(d->reason) != reason || d->quantity >= 0)
			continue;
		if (d->day >= win_lo && d->day <= a->today)
			week -= d->quantity;
		else if (d->day >= base_lo && d->day < win_lo)
			base -= d->quantity;
	}
	spike_judge(week, base, days, &s);
	if (s.raised) {
		r = flag_raise(fl, kind, date_iso_week(a->today, period),
		    s.high ? "high" : "medium");
		c.raised = period;
		if (store_claims_unsettled(a->st, claimtype, win_lo, a->today,
		    &owed) == -1)
			return -1;
		figures_set(&r->fig, "n", "%lld", (long long)s.week);
		figures_set(&r->fig, "from_day", "%s", date_format(win_lo,
		    day));
		figures_set(&r->fig, "to_day", "%s", date_format(a->today,
		    day));
		figures_set(&r->fig, "expected_x", "%.1f", s.expected);
		figures_set(&r->fig, "baseline_n", "%lld",
		    (long long)s.baseline);
		figures_set(&r->fig, "baseline_days_n", "%d",
		    s.baseline_days);
		figures_set(&r->fig, "rate_x", "%.2f", s.rate);
		figures_set(&r->fig, "p", "%.2g", s.p);
		figures_set(&r->fig, "owed_n", "%lld", (long long)owed);
	}
	return flag_active(fl, kind, spike_keep, &c) == 0 ? 0 : -1;
}
