/*
 * denial_spike: more than a third of the last 10 decided claims were
 * denied: the seller's claims are being filed badly or Amazon changed
 * course, and a person should look before more are sent.
 */
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/date.h"
#include "lib/vocab.h"
#include "store/claims.h"

int
flag_denial_spike(struct flagger *fl)
{
	const struct policy_flags *f = policy_flags();
	enum claim_status status[32];
	char period[9];
	struct flag_raise *r;
	int i, n, denied = 0;

	if (f->denial_window > 32)
		return -1;
	if ((n = store_claims_decided(fl->a->st, f->denial_window,
	    status)) == -1)
		return -1;
	/* Fewer decisions than the window: too few to judge. */
	if (n < f->denial_window)
		return 0;
	for (i = 0; i < n; i++)
		denied += status[i] == CLAIM_DENIED;
	if (denied * f->denial_den <= n * f->denial_num)
		return 0;
	r = flag_raise(fl, ANOMALY_DENIAL_SPIKE, date_iso_week(fl->a->today,
	    period), "medium");
	figures_set(&r->fig, "denied_n", "%d", denied);
	figures_set(&r->fig, "decided_n", "%d", n);
	figures_set(&r->fig, "paid_n", "%d", n - denied);
	return 0;
}
