/*
 * The audit engine: runs the detector table, then turns findings into
 * claims in one transaction. Statuses pending, eligible and expired follow
 * today's date; a ready claim (its packet waits for a person: unfiled)
 * stays ready while its window is open and expires after; a claim whose
 * units were all matched becomes resolved or auto_reimbursed; statuses
 * from filing on belong to claims/ and are left alone. Every change is a
 * claim_events row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "audit/flag.h"
#include "audit/policy.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "lib/strmap.h"
#include "lib/testhook.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "store/runs.h"
#include "store/store.h"

/* A claim already in the store. */
struct audit_known {
	char			*id;
	enum claim_status	 status;
	int64_t	 created;	/* created_at */
	char	*hold;		/* why it waited, "" when it did not */
	int	 seen;		/* a finding matched it this run */
	int	 withdrawn;	/* open, but no finding any more */
};

struct audit_engine {
	struct audit		 a;
	struct audit_known	*known;
	size_t			 nknown, capknown;
	struct strmap		*known_by_id;
	/* Claims keyed by SKU (key_by_sku), by "type \t reference \t SKU":
	 * one made before the key changed keeps its id (issue 15 §1). */
	struct strmap		*known_by_key;
	struct audit_summary	*sum;
};

const char *
audit_type_name(size_t i)
{
	return i < audit_ndetectors ? audit_detectors[i].type : NULL;
}

size_t
audit_type_count(void)
{
	return audit_ndetectors;
}

char *
audit_claim_id(const char *seller, const char *type, const char *reference,
    const char *key, char out[18])
{
	const char *fields[] = { seller, type, reference, key };

	return sha256_id('C', fields, 4, out);
}

void
audit_emit(struct audit *a, struct finding *f)
{
	if (a->nfound == a->capfound) {
		a->capfound = a->capfound ? a->capfound * 2 : 64;
		a->found = xreallocarray(a->found, a->capfound,
		    sizeof(*a->found));
	}
	a->found[a->nfound++] = f;
}

/* The detector of a claim type, or NULL. */
static const struct detector *
audit_detector(const char *type)
{
	size_t i;

	for (i = 0; i < audit_ndetectors; i++)
		if (strcmp(audit_detectors[i].type, type) == 0)
			return &audit_detectors[i];
	return NULL;
}

/* "type \t reference \t sku" into b (reset first). */
static void
audit_key(struct buf *b, const char *type, const char *reference,
    const char *sku)
{
	buf_reset(b);
	buf_printf(b, "%s\t%s\t%s", type, reference, sku ? sku : "");
}

/*
 * How far along a claim is, for choosing among claims of one key: the
 * one filed (or handed to a person) is what Amazon or the seller knows;
 * a closed one is the least. Migration 10 chooses the same way.
 */
static int
audit_rank(enum claim_status status)
{
	if (claim_status_after_filing(status))
		return 3;
	if (status == CLAIM_READY)
		return 2;
	if (status == CLAIM_RESOLVED || status == CLAIM_AUTO_REIMBURSED)
		return 0;
	return 1;
}

/* Whether x, not y, is the claim of their key: the furthest along, then
 * the oldest, then the lowest id. */
static int
audit_before(const struct audit_known *x, const struct audit_known *y)
{
	int rx = audit_rank(x->status), ry = audit_rank(y->status);

	if (rx != ry)
		return rx > ry;
	if (x->created != y->created)
		return x->created < y->created;
	return strcmp(x->id, y->id) < 0;
}

static int
audit_known_row(void *ctx, const struct claim_row *c)
{
	struct audit_engine *e = ctx;
	const struct detector *d = audit_detector(c->type);
	struct buf key;
	int64_t i;

	if (e->nknown == e->capknown) {
		e->capknown = e->capknown ? e->capknown * 2 : 64;
		e->known = xreallocarray(e->known, e->capknown,
		    sizeof(*e->known));
	}
	e->known[e->nknown].id = xstrdup(c->claim_id);
	e->known[e->nknown].status = c->status;
	e->known[e->nknown].seen = 0;
	e->known[e->nknown].withdrawn = 0;
	e->known[e->nknown].created = c->created_at;
	e->known[e->nknown].hold = xstrdup(c->hold ? c->hold : "");
	strmap_put(e->known_by_id, c->claim_id, strlen(c->claim_id),
	    (int64_t)e->nknown);
	if (d != NULL && d->key_by_sku) {
		buf_init(&key, 0);
		audit_key(&key, c->type, c->reference, c->msku);
		if (!strmap_get(e->known_by_key, key.data, key.len, &i) ||
		    audit_before(&e->known[e->nknown], &e->known[i]))
			strmap_put(e->known_by_key, key.data, key.len,
			    (int64_t)e->nknown);
		buf_free(&key);
	}
	e->nknown++;
	return 0;
}

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

static void
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

/* Writes one finding as a claim. Returns 0 or -1. */
static int
audit_claim(struct audit_engine *e, const char *seller, struct finding *f)
{
	struct claim_row c;
	struct claim_evidence_row ev;
	struct policy_window w;
	struct audit_known *k = NULL;
	const struct detector *d;
	struct buf key;
	char id[18], cur[4] = "", why[256];
	const char *basis = NULL;
	int64_t idx, value = 0;
	size_t i;
	int rc;

	d = audit_detector(f->type);
	audit_claim_id(seller, f->type, f->reference, d != NULL &&
	    d->key_by_sku ? (f->sku ? f->sku : "") : f->fnsku, id);
	if (d != NULL && d->key_by_sku &&
	    !strmap_get(e->known_by_id, id, strlen(id), &idx)) {
		/* Made before the id hashed the SKU: it keeps its id. */
		buf_init(&key, 0);
		audit_key(&key, f->type, f->reference, f->sku);
		if (strmap_get(e->known_by_key, key.data, key.len, &idx))
			snprintf(id, sizeof(id), "%s", e->known[idx].id);
		buf_free(&key);
	}
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
	if (f->has_window) {
		w.opens = f->opens;
		w.closes = f->closes;
		w.rule = f->rule;
		w.source = f->rule_source;
	} else if (testhook_fail("policy_window") || policy_window(f->type,
	    f->kind, f->country ? f->country : "", f->anchor,
	    e->a.wait_days, &w) == -1) {
		/* Every detector's type has policy rows: a miss is a bug. */
		snprintf(e->a.why, sizeof(e->a.why), "no policy window for "
		    "claim type %s in country \"%s\"", f->type,
		    f->country ? f->country : "");
		return -1;
	}
	memset(&c, 0, sizeof(c));
	if (f->has_value) {
		value = f->unit_value;
		memcpy(cur, f->currency, 4);
		basis = f->basis;
		rc = 1;
	} else if (f->after_order) {
		/* After a customer order: the order's price less fees. */
		if ((rc = audit_value_order(&e->a, f->reference, f->sku ?
		    f->sku : f->msku, f->country, NULL, f->anchor, &value, cur,
		    &basis)) == -1)
			return -1;
	} else if ((rc = audit_value(&e->a, f->sku ? f->sku : f->msku,
	    f->country, NULL, f->anchor, &value, cur, &basis)) == -1)
		return -1;
	c.claim_id = id;
	c.type = f->type;
	c.reference = f->reference;
	c.fnsku = f->fnsku;
	c.msku = f->msku ? f->msku : f->sku;
	c.asin = f->asin;
	c.title = f->title;
	c.country = f->country;
	c.fc = f->fc;
	c.event_day = f->anchor;
	c.units = f->units;
	c.quantity = f->open;
	c.has_value = rc == 1;
	c.unit_value = value;
	c.amount = value * f->open;
	c.value_basis = basis;
	/* Unvalued, the claim still has its marketplace's currency. */
	c.currency = rc == 1 ? cur : policy_currency(f->country);
	c.opens = w.opens;
	c.closes = w.closes;
	c.rule = w.rule;
	c.status = audit_status(f, &w, e->a.today, k ? k->status :
	    CLAIM_STATUS_NONE);
	if (store_claim_put(e->a.st, &c) == -1 ||
	    store_claim_evidence_clear(e->a.st, id) == -1)
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
		if (store_claim_evidence_add(e->a.st, id, &ev) == -1)
			return -1;
	}
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
 * and the evidence is gone. They are kept, never forgotten, as resolved.
 * Collected first, changed after: no write under an open scan.
 */
static int
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

static int
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

static void
audit_free(struct audit_engine *e)
{
	size_t i;

	for (i = 0; i < e->a.nfound; i++)
		finding_free(e->a.found[i]);
	free(e->a.found);
	for (i = 0; i < e->a.nreimb; i++) {
		struct reimb *r = &e->a.reimb[i];

		free(r->id);
		free(r->fnsku);
		free(r->sku);
		free(r->reason);
		free(r->case_id);
		free(r->order_id);
		free(r->original_id);
		free(r->currency);
		free(r->file);
	}
	free(e->a.reimb);
	free(e->a.reimb_by_order);
	strmap_free(e->a.reimb_by_id);
	for (i = 0; i < e->a.nadj; i++) {
		struct adjustment *d = &e->a.adj[i];

		free(d->fnsku);
		free(d->msku);
		free(d->asin);
		free(d->title);
		free(d->reason);
		free(d->reference);
		free(d->fc);
		free(d->country);
		free(d->file);
	}
	free(e->a.adj);
	for (i = 0; i < e->nknown; i++) {
		free(e->known[i].id);
		free(e->known[i].hold);
	}
	audit_complete_free(&e->a);
	free(e->known);
	strmap_free(e->known_by_id);
	strmap_free(e->known_by_key);
}

int
audit_day_check(struct store *st, int32_t today, char *err, size_t errlen)
{
	char d[DATE_STRLEN], l[DATE_STRLEN];
	int32_t last;
	int rc;

	if ((rc = store_audit_last(st, &last)) == -1) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return -1;
	}
	if (rc == 0 || today >= last)
		return 0;
	/* Auditing an earlier day would close every open anomaly as "no
	 * longer holds" and turn expired claims back into pending ones. */
	snprintf(err, errlen, "%s is before the store's last audit, %s: "
	    "time only moves forward (a clock stepped back, or a wrong "
	    "--now?); give --rewind to audit an earlier day on purpose",
	    date_format(today, d), date_format(last, l));
	return 1;
}

/*
 * Records today's audit and sets a->latest. Returns 0, 1 when today is
 * refused (err says why), -1 on a store error.
 */
static int
audit_day(struct audit *a, int rewind, char *err, size_t errlen)
{
	int32_t last;
	int rc;

	if ((rc = store_audit_last(a->st, &last)) == -1)
		return -1;
	a->latest = rc == 1 && last > a->today ? last : a->today;
	if (a->latest > a->today && !rewind) {
		rc = audit_day_check(a->st, a->today, err, errlen);
		return rc == 0 ? 1 : rc;
	}
	return store_audit_add(a->st, a->today, a->latest > a->today);
}

void
audit_settings_init(struct audit_settings *set)
{
	memset(set, 0, sizeof(*set));
	set->claim_wait_days = -1;
}

int
audit_run(struct store *st, int32_t today, int flags,
    const struct audit_settings *set, struct audit_summary *sum,
    char *err, size_t errlen)
{
	struct audit_settings defaults;
	struct audit_engine e;
	struct flag_summary fs;
	const char *seller = store_seller(st);
	size_t i;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	memset(sum, 0, sizeof(*sum));
	e.a.st = st;
	e.a.today = today;
	e.sum = sum;
	e.known_by_id = strmap_new();
	e.known_by_key = strmap_new();
	if (set == NULL) {
		audit_settings_init(&defaults);
		set = &defaults;
	}
	e.a.wait_days = set->claim_wait_days;
	memcpy(e.a.market, set->market, sizeof(e.a.market));
	e.a.market[sizeof(e.a.market) - 1] = '\0';
	/* One transaction: readers see the audit whole or not at all. */
	if (store_begin(st) == -1)
		goto fail;
	if (audit_day(&e.a, set->rewind, e.a.why, sizeof(e.a.why)) != 0)
		goto fail;
	if (store_claims_scan(st, NULL, audit_known_row, &e) != 0)
		goto fail;
	for (i = 0; i < audit_ndetectors; i++)
		if (audit_detectors[i].run(&e.a) == -1)
			goto fail;
	for (i = 0; i < e.a.nfound; i++)
		if (audit_claim(&e, seller, e.a.found[i]) == -1)
			goto fail;
	if (store_claims_scan(st, NULL, audit_withdrawn, &e) != 0)
		goto fail;
	for (i = 0; i < e.nknown; i++)
		if (e.known[i].withdrawn && audit_withdraw(&e, e.known[i].id,
		    e.known[i].status) == -1)
			goto fail;
	/* Anomalies see today's claims: same transaction, after them. */
	if (flags) {
		if (flag_run(&e.a, &fs) == -1)
			goto fail;
		sum->anomalies_opened = fs.opened;
		sum->anomalies_active = fs.active;
		sum->anomalies_closed = fs.closed;
	}
	if (store_commit(st) == -1)
		goto fail;
	rc = 0;
	goto out;
fail:
	snprintf(err, errlen, "audit: %s", e.a.why[0] != '\0' ? e.a.why :
	    store_errmsg(st));
	store_rollback(st);
out:
	audit_free(&e);
	return rc;
}

int
audit_flag(struct store *st, int32_t today, struct audit_summary *sum,
    char *err, size_t errlen)
{
	struct audit_engine e;
	struct flag_summary fs;
	int32_t last;
	int rc = -1, known;

	memset(&e, 0, sizeof(e));
	e.a.st = st;
	e.a.today = today;
	e.a.wait_days = -1;
	e.sum = sum;
	e.known_by_id = strmap_new();
	if (store_begin(st) == -1)
		goto fail;
	/* After audit_run, which refused an earlier day or recorded it. */
	if ((known = store_audit_last(st, &last)) == -1)
		goto fail;
	e.a.latest = known && last > today ? last : today;
	if (flag_run(&e.a, &fs) == -1 || store_commit(st) == -1)
		goto fail;
	sum->anomalies_opened = fs.opened;
	sum->anomalies_active = fs.active;
	sum->anomalies_closed = fs.closed;
	rc = 0;
	goto out;
fail:
	snprintf(err, errlen, "flag: %s", store_errmsg(st));
	store_rollback(st);
out:
	audit_free(&e);
	return rc;
}
