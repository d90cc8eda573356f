/*
 * A claim's life as the audit decides it: each finding becomes a claim
 * with its id, window, value, evidence and status on today's date.
 * Statuses pending, eligible and expired follow today's date; a ready
 * claim (its packet waits for a person: unfiled) stays ready while its
 * window is open and expires after; a claim whose units were all matched
 * becomes resolved or auto_reimbursed; statuses from filing on belong to
 * claims/ and are left alone; an open claim no finding makes any more is
 * resolved (withdrawn). Every change is a claim_events row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/engine.h"
#include "audit/policy.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/strmap.h"
#include "lib/testhook.h"
#include "lib/vocab.h"
#include "store/claims.h"

/* The status a finding gives its claim today. */
static enum claim_status
audit_status(const struct finding *f, const struct policy_window *w,
    int32_t today, enum claim_status known)
{
	if (f->open == 0)
		return f->cancel == FINDING_REIMBURSED ?
		    CLAIM_AUTO_REIMBURSED : CLAIM_RESOLVED;
	if (today < w->opens)
		return CLAIM_PENDING;
	if (today > w->closes)
		return CLAIM_EXPIRED;
	/* Handed to a person: it stays so until they record the case. */
	if (known == CLAIM_READY)
		return CLAIM_READY;
	return CLAIM_ELIGIBLE;
}

/* Why a claim moved to status, for its history. */
static void
audit_why(const struct finding *f, enum claim_status status, int ready,
    const struct policy_window *w, char *out, size_t size)
{
	char o[DATE_STRLEN], c[DATE_STRLEN];

	date_format(w->opens, o);
	date_format(w->closes, c);
	if (status == CLAIM_PENDING)
		snprintf(out, size, "%lld of %lld units unmatched; window "
		    "%s..%s (%s)", (long long)f->open, (long long)f->units, o,
		    c, w->rule);
	else if (status == CLAIM_ELIGIBLE)
		snprintf(out, size, "%lld of %lld units unmatched; window "
		    "open %s..%s", (long long)f->open, (long long)f->units, o,
		    c);
	else if (status == CLAIM_EXPIRED && ready)
		snprintf(out, size, "window closed %s without a case id: the "
		    "packet was ready but no filing was recorded (claims "
		    "mark --case-id)", c);
	else if (status == CLAIM_EXPIRED)
		snprintf(out, size, "window closed %s, not filed", c);
	else if (status == CLAIM_AUTO_REIMBURSED)
		snprintf(out, size, "Amazon reimbursed all %lld units before "
		    "filing", (long long)f->units);
	else
		snprintf(out, size, "all %lld units found or returned",
		    (long long)f->units);
}

/*
 * Whether an eligible claim waits instead of being filed (issue 15 §1):
 * kept with the claim for the filer and the pages, and each start or
 * end of a wait is a history row ("deferred: ..."), not one a night.
 * Returns 0 or -1.
 */
static int
audit_defer(struct audit_engine *e, const char *id, const struct finding *f,
    const struct detector *d, const struct claim_row *c,
    const struct audit_known *k)
{
	char hold[512], why[600];
	const char *was = k != NULL ? k->hold : "";

	hold[0] = '\0';
	if (c->status == CLAIM_ELIGIBLE && audit_hold(&e->a, f,
	    d != NULL ? d->reads : NULL, hold, sizeof(hold)) == -1)
		return -1;
	if (strcmp(hold, was) == 0)
		return 0;
	if (store_claim_hold(e->a.st, id, hold[0] ? hold : NULL) == -1)
		return -1;
	if (hold[0] != '\0')
		snprintf(why, sizeof(why), "deferred: %s", hold);
	else if (c->status == CLAIM_ELIGIBLE)
		snprintf(why, sizeof(why), "no longer deferred: the reports "
		    "its rule reads are complete and its product is named");
	else
		return 0;	/* its status change says it all */
	return store_claim_event_add(e->a.st, id, c->status, c->status,
	    "audit", why);
}

/*
 * The id of f's claim into id: a claim made before the id hashed the SKU
 * (issue 15 §1) keeps its own.
 */
static void
audit_claim_ident(struct audit_engine *e, const char *seller,
    const struct finding *f, const struct detector *d, char id[18])
{
	struct buf key;
	int64_t idx;

	audit_claim_id(seller, f->type, f->reference, d != NULL &&
	    d->key_by_sku ? (f->sku ? f->sku : "") : f->fnsku, id);
	if (d == NULL || !d->key_by_sku ||
	    strmap_get(e->known_by_id, id, strlen(id), &idx))
		return;
	buf_init(&key, 0);
	audit_key(&key, f->type, f->reference, f->sku);
	if (strmap_get(e->known_by_key, key.data, key.len, &idx))
		snprintf(id, 18, "%s", e->known[idx].id);
	buf_free(&key);
}

/* The window of f's claim into w. Returns 0, or -1 with a->why set. */
static int
audit_claim_window(struct audit_engine *e, const struct finding *f,
    struct policy_window *w)
{
	if (f->has_window) {
		w->opens = f->opens;
		w->closes = f->closes;
		w->rule = f->rule;
		w->source = f->rule_source;
		return 0;
	}
	if (!testhook_fail("policy_window") && policy_window(f->type,
	    f->kind, f->country ? f->country : "", f->anchor,
	    e->a.wait_days, w) == 0)
		return 0;
	/* Every detector's type has policy rows: a miss is a bug. */
	snprintf(e->a.why, sizeof(e->a.why), "no policy window for "
	    "claim type %s in country \"%s\"", f->type,
	    f->country ? f->country : "");
	return -1;
}

/* Values a unit of f's claim: as audit_value (1 valued, 0 not, -1). */
static int
audit_claim_value(struct audit_engine *e, const struct finding *f,
    int64_t *value, char cur[4], const char **basis)
{
	if (f->has_value) {
		*value = f->unit_value;
		memcpy(cur, f->currency, 4);
		*basis = f->basis;
		return 1;
	}
	/* After a customer order: the order's price less fees. */
	if (f->after_order)
		return audit_value_order(&e->a, f->reference, f->sku ?
		    f->sku : f->msku, f->country, NULL, f->anchor, value, cur,
		    basis);
	return audit_value(&e->a, f->sku ? f->sku : f->msku, f->country,
	    NULL, f->anchor, value, cur, basis);
}

/* The claim row of finding f, its window w and its unit value (valued). */
static void
audit_claim_row(struct claim_row *c, const char *id, const struct finding *f,
    const struct policy_window *w, int valued, int64_t value,
    const char *cur, const char *basis)
{
	memset(c, 0, sizeof(*c));
	c->claim_id = id;
	c->type = f->type;
	c->reference = f->reference;
	c->fnsku = f->fnsku;
	c->msku = f->msku ? f->msku : f->sku;
	c->asin = f->asin;
	c->title = f->title;
	c->country = f->country;
	c->fc = f->fc;
	c->event_day = f->anchor;
	c->units = f->units;
	c->quantity = f->open;
	c->has_value = valued;
	c->unit_value = value;
	c->amount = value * f->open;
	c->value_basis = basis;
	/* Unvalued, the claim still has its marketplace's currency. */
	c->currency = valued ? cur : policy_currency(f->country);
	c->opens = w->opens;
	c->closes = w->closes;
	c->rule = w->rule;
}

/* Writes the claim and its evidence anew. Returns 0 or -1. */
static int
audit_claim_put(struct audit_engine *e, const struct claim_row *c,
    const struct finding *f)
{
	struct claim_evidence_row ev;
	size_t i;

	if (store_claim_put(e->a.st, c) == -1 ||
	    store_claim_evidence_clear(e->a.st, c->claim_id) == -1)
		return -1;
	for (i = 0; i < f->nev; i++) {
		ev.seq = (int)i + 1;
		ev.role = f->ev[i].role;
		ev.source = f->ev[i].source;
		ev.file = f->ev[i].file;
		ev.line = f->ev[i].line;
		ev.day = f->ev[i].day;
		ev.units = f->ev[i].units;
		ev.detail = f->ev[i].detail;
		ev.detail_key = f->ev[i].detail_key;
		ev.figures = f->ev[i].figures;
		if (store_claim_evidence_add(e->a.st, c->claim_id, &ev) == -1)
			return -1;
	}
	return 0;
}

/* Writes one finding as a claim (audit/engine.h). */
int
audit_claim(struct audit_engine *e, const char *seller, struct finding *f)
{
	struct claim_row c;
	struct policy_window w;
	struct audit_known *k = NULL;
	const struct detector *d;
	char id[18], cur[4] = "", why[256];
	const char *basis = NULL;
	int64_t idx, value = 0;
	int rc;

	d = audit_detector(f->type);
	audit_claim_ident(e, seller, f, d, id);
	if (strmap_get(e->known_by_id, id, strlen(id), &idx)) {
		k = &e->known[idx];
		k->seen = 1;
		/* Past filing, the audit leaves it alone, but it still
		 * counts among the seller's claims. */
		if (claim_status_after_filing(k->status)) {
			memset(&c, 0, sizeof(c));
			c.type = f->type;
			c.status = k->status;
			audit_count(e, &c);
			return 0;
		}
	}
	/* Fully matched and never a claim: nothing is owed, no claim. */
	if (f->open == 0 && k == NULL)
		return 0;
	if (audit_claim_window(e, f, &w) == -1)
		return -1;
	if ((rc = audit_claim_value(e, f, &value, cur, &basis)) == -1)
		return -1;
	audit_claim_row(&c, id, f, &w, rc == 1, value, cur, basis);
	c.status = audit_status(f, &w, e->a.today, k ? k->status :
	    CLAIM_STATUS_NONE);
	if (audit_claim_put(e, &c, f) == -1)
		return -1;
	if (k == NULL || k->status != c.status) {
		audit_why(f, c.status, k != NULL && k->status == CLAIM_READY,
		    &w, why, sizeof(why));
		if (store_claim_event_add(e->a.st, id, k ? k->status :
		    CLAIM_STATUS_NONE, c.status, "audit", why) == -1)
			return -1;
		e->sum->changed++;
	}
	if (audit_defer(e, id, f, d, &c, k) == -1)
		return -1;
	audit_count(e, &c);
	return 0;
}

/*
 * Open claims no finding produced any more: Amazon revised the reports
 * and the evidence is gone (audit/engine.h). They are kept, never forgotten, as resolved.
 * Collected first, changed after: no write under an open scan.
 */
int
audit_withdrawn(void *ctx, const struct claim_row *c)
{
	struct audit_engine *e = ctx;
	struct claim_row r;
	int64_t idx;

	if (!strmap_get(e->known_by_id, c->claim_id, strlen(c->claim_id),
	    &idx) || e->known[idx].seen)
		return 0;
	e->known[idx].seen = 1;
	r = *c;
	if (claim_status_unsettled(c->status)) {
		e->known[idx].withdrawn = 1;
		r.status = CLAIM_RESOLVED;
	}
	audit_count(e, &r);
	return 0;
}

int
audit_withdraw(struct audit_engine *e, const char *id,
    enum claim_status status)
{
	if (store_claim_set_status(e->a.st, id, CLAIM_RESOLVED) == -1 ||
	    store_claim_event_add(e->a.st, id, status, CLAIM_RESOLVED, "audit",
	    "evidence withdrawn: the event is no longer in Amazon's "
	    "reports") == -1)
		return -1;
	e->sum->changed++;
	return 0;
}

