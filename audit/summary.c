/*
 * The audit's summary: claims counted by type and status, the money
 * still claimable and the money closing within a week, per currency
 * (never converted).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/engine.h"
#include "lib/mem.h"
#include "store/claims.h"

/* Adds amount to the total of its currency, a new one if need be. */
static void
audit_money_add(struct audit_totals *t, const char *currency,
    int64_t amount)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].currency, currency) == 0)
			break;
	if (i == t->n) {
		t->v = xreallocarray(t->v, t->n + 1, sizeof(*t->v));
		memset(&t->v[i], 0, sizeof(t->v[i]));
		snprintf(t->v[i].currency, sizeof(t->v[i].currency), "%s",
		    currency);
		t->n++;
	}
	t->v[i].amount += amount;
}

void
audit_summary_free(struct audit_summary *sum)
{
	free(sum->eligible.v);
	free(sum->expiring.v);
	memset(&sum->eligible, 0, sizeof(sum->eligible));
	memset(&sum->expiring, 0, sizeof(sum->expiring));
}

/* Counts claim c (audit/engine.h). */
void
audit_count(struct audit_engine *e, const struct claim_row *c)
{
	size_t t, s;

	for (t = 0; t < audit_ndetectors; t++)
		if (strcmp(audit_detectors[t].type, c->type) == 0)
			break;
	s = (size_t)c->status;
	e->sum->claims++;
	if (t < AUDIT_MAX_TYPES && s < AUDIT_MAX_STATUSES)
		e->sum->by_type_status[t][s]++;
	/* A ready claim is still unfiled: claimable (docs/design.md §6.3). */
	if (!claim_status_unfiled(c->status))
		return;
	if (!c->has_value) {
		e->sum->unvalued++;
		return;
	}
	audit_money_add(&e->sum->eligible, c->currency, c->amount);
	if (c->closes - e->a.today <= 7)
		audit_money_add(&e->sum->expiring, c->currency, c->amount);
}

