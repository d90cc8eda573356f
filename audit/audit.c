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
#include "lib/date.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "lib/strmap.h"
#include "lib/testhook.h"
#include "store/claims.h"
#include "store/store.h"

static const char *const audit_statuses[] = {
	"pending", "eligible", "ready", "expired", "filed", "reimbursed",
	"partially_reimbursed", "denied", "auto_reimbursed", "resolved",
};

#define AUDIT_NSTATUSES (sizeof(audit_statuses) / sizeof(audit_statuses[0]))

/* A claim already in the store. */
struct audit_known {
	char	*id;
	char	*status;
	int	 seen;		/* a finding matched it this run */
	int	 withdrawn;	/* open, but no finding any more */
};

struct audit_engine {
	struct audit		 a;
	struct audit_known	*known;
	size_t			 nknown, capknown;
	struct strmap		*known_by_id;
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

const char *
audit_status_name(size_t i)
{
	return i < AUDIT_NSTATUSES ? audit_statuses[i] : NULL;
}

size_t
audit_status_count(void)
{
	return AUDIT_NSTATUSES;
}

char *
audit_claim_id(const char *seller, const char *type, const char *reference,
    const char *fnsku, char out[18])
{
	const char *fields[] = { seller, type, reference, fnsku };

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

static int
audit_known_row(void *ctx, const struct claim_row *c)
{
	struct audit_engine *e = ctx;

	if (e->nknown == e->capknown) {
		e->capknown = e->capknown ? e->capknown * 2 : 64;
		e->known = xreallocarray(e->known, e->capknown,
		    sizeof(*e->known));
	}
	e->known[e->nknown].id = xstrdup(c->claim_id);
	e->known[e->nknown].status = xstrdup(c->status);
	e->known[e->nknown].seen = 0;
	e->known[e->nknown].withdrawn = 0;
	strmap_put(e->known_by_id, c->claim_id, strlen(c->claim_id),
	    (int64_t)e->nknown);
	e->nknown++;
	return 0;
}

/* Whether the filing lifecycle (claims/) owns a claim in this status. */
static int
audit_filed(const char *status)
{
	return strcmp(status, "filed") == 0 ||
	    strcmp(status, "reimbursed") == 0 ||
	    strcmp(status, "partially_reimbursed") == 0 ||
	    strcmp(status, "denied") == 0;
}

static size_t
audit_index(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return n;
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
	s = audit_index(audit_statuses, AUDIT_NSTATUSES, c->status);
	e->sum->claims++;
	if (t < AUDIT_MAX_TYPES && s < AUDIT_MAX_STATUSES)
		e->sum->by_type_status[t][s]++;
	/* A ready claim is still unfiled: claimable (docs/design.md §6.3). */
	if (strcmp(c->status, "eligible") != 0 &&
	    strcmp(c->status, "ready") != 0)
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
static const char *
audit_status(const struct finding *f, const struct policy_window *w,
    int32_t today, const char *known)
{
	if (f->open == 0)
		return f->cancel == FINDING_REIMBURSED ? "auto_reimbursed" :
		    "resolved";
	if (today < w->opens)
		return "pending";
	if (today > w->closes)
		return "expired";
	/* Handed to a person: it stays so until they record the case. */
	if (known != NULL && strcmp(known, "ready") == 0)
		return "ready";
	return "eligible";
}

/* Why a claim moved to status, for its history. */
static void
audit_why(const struct finding *f, const char *status, int ready,
    const struct policy_window *w, char *out, size_t size)
{
	char o[DATE_STRLEN], c[DATE_STRLEN];

	date_format(w->opens, o);
	date_format(w->closes, c);
	if (strcmp(status, "pending") == 0)
		snprintf(out, size, "%lld of %lld units unmatched; window "
		    "%s..%s (%s)", (long long)f->open, (long long)f->units, o,
		    c, w->rule);
	else if (strcmp(status, "eligible") == 0)
		snprintf(out, size, "%lld of %lld units unmatched; window "
		    "open %s..%s", (long long)f->open, (long long)f->units, o,
		    c);
	else if (strcmp(status, "expired") == 0 && ready)
		snprintf(out, size, "window closed %s without a case id: the "
		    "packet was ready but no filing was recorded (claims "
		    "mark --case-id)", c);
	else if (strcmp(status, "expired") == 0)
		snprintf(out, size, "window closed %s, not filed", c);
	else if (strcmp(status, "auto_reimbursed") == 0)
		snprintf(out, size, "Amazon reimbursed all %lld units before "
		    "filing", (long long)f->units);
	else
		snprintf(out, size, "all %lld units found or returned",
		    (long long)f->units);
}

/* Writes one finding as a claim. Returns 0 or -1. */
static int
audit_claim(struct audit_engine *e, const char *seller, struct finding *f)
{
	struct claim_row c;
	struct claim_evidence_row ev;
	struct policy_window w;
	struct audit_known *k = NULL;
	char id[18], cur[4] = "", why[256];
	const char *basis = NULL;
	int64_t idx, value = 0;
	size_t i;
	int rc;

	audit_claim_id(seller, f->type, f->reference, f->fnsku, id);
	if (strmap_get(e->known_by_id, id, strlen(id), &idx)) {
		k = &e->known[idx];
		k->seen = 1;
		/* Past filing, the audit leaves it alone, but it still
		 * counts among the seller's claims. */
		if (audit_filed(k->status)) {
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
	c.status = audit_status(f, &w, e->a.today, k ? k->status : NULL);
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
	if (k == NULL || strcmp(k->status, c.status) != 0) {
		audit_why(f, c.status, k != NULL && strcmp(k->status,
		    "ready") == 0, &w, why, sizeof(why));
		if (store_claim_event_add(e->a.st, id, k ? k->status : NULL,
		    c.status, "audit", why) == -1)
			return -1;
		e->sum->changed++;
	}
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
	if (strcmp(c->status, "pending") == 0 ||
	    strcmp(c->status, "eligible") == 0 ||
	    strcmp(c->status, "ready") == 0) {
		e->known[idx].withdrawn = 1;
		r.status = "resolved";
	}
	audit_count(e, &r);
	return 0;
}

static int
audit_withdraw(struct audit_engine *e, const char *id, const char *status)
{
	if (store_claim_set_status(e->a.st, id, "resolved") == -1 ||
	    store_claim_event_add(e->a.st, id, status, "resolved", "audit",
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
		free(e->known[i].status);
	}
	free(e->known);
	strmap_free(e->known_by_id);
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
	int rc = -1;

	memset(&e, 0, sizeof(e));
	e.a.st = st;
	e.a.today = today;
	e.a.wait_days = -1;
	e.sum = sum;
	e.known_by_id = strmap_new();
	if (store_begin(st) == -1 || flag_run(&e.a, &fs) == -1 ||
	    store_commit(st) == -1) {
		snprintf(err, errlen, "flag: %s", store_errmsg(st));
		store_rollback(st);
		goto out;
	}
	sum->anomalies_opened = fs.opened;
	sum->anomalies_active = fs.active;
	sum->anomalies_closed = fs.closed;
	rc = 0;
out:
	audit_free(&e);
	return rc;
}
