/*
 * Ledger adjustments with a loss (or damage) reason are the evidence; on
 * each FNSKU's timeline, later found units (lost only) and reimbursements
 * of the matching reason cancel the oldest open units first (docs/design.md
 * §6.1). A damage is the negative Adjustments row; the positive P row that
 * moves it to another disposition counts for nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/ledger_loss.h"
#include "audit/timeline.h"
#include "lib/figures.h"
#include "lib/mem.h"

/* The finding of this FNSKU with reference, to add a second row to it. */
static struct finding *
ledger_loss_same(struct finding **fs, size_t n, const char *reference)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(fs[i]->reference, reference) == 0)
			return fs[i];
	return NULL;
}

/* The adjustment as evidence; a unit abroad says where it was. */
static void
ledger_loss_evidence(struct finding *f, const struct adjustment *d)
{
	struct figures fg;
	int abroad = strcmp(f->country, d->country) != 0 &&
	    *d->country != '\0';

	figures_init(&fg);
	figures_set(&fg, "reason", "%s", d->reason);
	figures_set(&fg, "fc", "%s", d->fc);
	if (abroad)
		figures_set(&fg, "country", "%s", d->country);
	finding_add(f, "evidence", "ledger", d->file, d->line, d->day,
	    -d->quantity, abroad ? "adjustment_abroad" : "adjustment", &fg);
}

/* Matches one FNSKU's adjustments [first, last). */
static void
ledger_loss_fnsku(struct audit *a, const struct ledger_loss_rule *r,
    struct timeline *t, struct finding ***fs, size_t *cap, size_t first,
    size_t last)
{
	const struct adjustment *d;
	struct timeline_event e;
	struct finding *f;
	size_t i, n = 0;

	timeline_reset(t);
	for (i = first; i < last; i++) {
		d = &a->adj[i];
		memset(&e, 0, sizeof(e));
		e.day = d->day;
		e.seq = (int64_t)i;
		if (policy_reason(d->reason) == r->reason && d->quantity < 0) {
			if ((f = ledger_loss_same(*fs, n, d->reference)) !=
			    NULL) {
				/* One claim per (reference, FNSKU). */
				f->units -= d->quantity;
				f->open -= d->quantity;
			} else {
				f = finding_new(r->type, d->reference,
				    d->fnsku, d->day, -d->quantity);
				finding_describe(f, d->msku, d->msku, d->asin,
				    d->title, audit_claim_country(a,
				    d->country), d->fc);
				if (n == *cap) {
					*cap = *cap ? *cap * 2 : 16;
					*fs = xreallocarray(*fs, *cap,
					    sizeof(**fs));
				}
				(*fs)[n++] = f;
				e.kind = TIMELINE_CLAIM;
				e.finding = f;
				timeline_add(t, &e);
			}
			ledger_loss_evidence(f, d);
		} else if (r->found_cancels && d->quantity > 0 &&
		    policy_reason(d->reason) == POLICY_REASON_FOUND) {
			e.kind = TIMELINE_CANCEL;
			e.units = d->quantity;
			e.cancel = FINDING_FOUND;
			e.source = "ledger";
			e.file = d->file;
			e.line = d->line;
			e.detail_key = "found";
			timeline_add(t, &e);
		}
	}
	if (n == 0)
		return;
	audit_paid_events(a, t, a->adj[first].fnsku, r->type);
	timeline_run(t);
	for (i = 0; i < n; i++)
		audit_emit(a, (*fs)[i]);
}

int
ledger_loss_detect(struct audit *a, const struct ledger_loss_rule *r)
{
	struct timeline t = { NULL, 0, 0 };
	struct finding **fs = NULL;
	size_t first, last, cap = 0;

	if (audit_adjustments(a) == -1 || audit_reimbursements(a) == -1)
		return -1;
	for (first = 0; first < a->nadj; first = last) {
		for (last = first + 1; last < a->nadj &&
		    strcmp(a->adj[last].fnsku, a->adj[first].fnsku) == 0;
		    last++)
			;
		ledger_loss_fnsku(a, r, &t, &fs, &cap, first, last);
	}
	timeline_free(&t);
	free(fs);
	return 0;
}
