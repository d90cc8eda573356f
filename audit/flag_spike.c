/*
 * The spike rule both damage_spike and loss_spike are: this week's units
 * against the seller's trailing 90-day rate (audit/spike.c for the
 * maths). Days: the window is the 7 days ending today; the baseline the
 * 90 days before the window, or as much of them as the ledger covers.
 */
#include <stdio.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "audit/spike.h"
#include "lib/date.h"
#include "store/scan.h"

int
flag_spike(struct flagger *fl, const char *kind, int reason,
    const char *what)
{
	const struct policy_flags *f = policy_flags();
	struct audit *a = fl->a;
	struct flag_raise *r;
	struct spike s;
	int32_t win_lo, base_lo, first;
	int64_t week = 0, base = 0;
	char period[9], day[DATE_STRLEN];
	size_t i;
	int rc, days;

	if (audit_adjustments(a) == -1 ||
	    (rc = store_ledger_first_day(a->st, &first)) == -1)
		return -1;
	if (rc == 0)
		return 0;
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
	if (!s.raised)
		return 0;
	r = flag_raise(fl, kind, date_iso_week(a->today, period),
	    s.high ? "high" : "medium");
	date_format(a->today, day);
	flag_text(&r->subject, "%s reports spiked: %lld units in the 7 days "
	    "to %s against %.1f expected", what, (long long)s.week, day,
	    s.expected);
	flag_text(&r->detail, "week: %lld units; baseline: %lld units over "
	    "%d days (%.2f a day, %.1f expected a week); Poisson P(X >= %lld) "
	    "= %.2g", (long long)s.week, (long long)s.baseline,
	    s.baseline_days, s.rate, s.expected, (long long)s.week, s.p);
	flag_text(&r->advice, "Tell the seller Amazon reported %lld %s units "
	    "this week, far above their usual %.1f; ask whether packaging, "
	    "prep or a fulfilment centre changed. Each unit is claimable 30 "
	    "days after its event: fbaudit lists the claims.",
	    (long long)s.week, what, s.expected);
	return 0;
}
