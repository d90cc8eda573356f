/*
 * The audit engine: records the day audited, loads the seller's known
 * claims, runs the detector table, hands each finding to audit/claim.c
 * (which decides the claim's status) and resolves the claims no finding
 * made any more, all in one transaction; then, with flags, the anomalies.
 * audit/summary.c counts what it leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "audit/engine.h"
#include "audit/flag.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "lib/strmap.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "store/runs.h"
#include "store/store.h"

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

const struct detector *
audit_detector(const char *type)
{
	size_t i;

	for (i = 0; i < audit_ndetectors; i++)
		if (strcmp(audit_detectors[i].type, type) == 0)
			return &audit_detectors[i];
	return NULL;
}

void
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

enum audit_day
audit_day_check(struct store *st, int32_t today, char *err, size_t errlen)
{
	char d[DATE_STRLEN], l[DATE_STRLEN];
	int32_t last;
	enum store_find rc;

	if ((rc = store_audit_last(st, &last)) == STORE_ERROR) {
		snprintf(err, errlen, "%s", store_errmsg(st));
		return AUDIT_DAY_ERROR;
	}
	if (rc == STORE_NOT_FOUND || today >= last)
		return AUDIT_DAY_OK;
	/* Auditing an earlier day would close every open anomaly as "no
	 * longer holds" and turn expired claims back into pending ones. */
	snprintf(err, errlen, "%s is before the store's last audit, %s: "
	    "time only moves forward (a clock stepped back, or a wrong "
	    "--now?); give --rewind to audit an earlier day on purpose",
	    date_format(today, d), date_format(last, l));
	return AUDIT_DAY_BEFORE_LATEST;
}

/*
 * Records today's audit and sets a->latest. Returns ok, before latest
 * when today is refused (err says why), or a store error.
 */
static enum audit_day
audit_day(struct audit *a, int rewind, char *err, size_t errlen)
{
	enum store_find found;
	int32_t last;

	if ((found = store_audit_last(a->st, &last)) == STORE_ERROR)
		return AUDIT_DAY_ERROR;
	a->latest = found == STORE_FOUND && last > a->today ? last :
	    a->today;
	if (a->latest > a->today && !rewind) {
		/* audit_day_check says why in err. */
		if (audit_day_check(a->st, a->today, err, errlen) ==
		    AUDIT_DAY_ERROR)
			return AUDIT_DAY_ERROR;
		return AUDIT_DAY_BEFORE_LATEST;
	}
	if (store_audit_add(a->st, a->today, a->latest > a->today) == -1)
		return AUDIT_DAY_ERROR;
	return AUDIT_DAY_OK;
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
	if (audit_day(&e.a, set->rewind, e.a.why, sizeof(e.a.why)) !=
	    AUDIT_DAY_OK)
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
	enum store_find known;
	int32_t last;
	int rc = -1;

	memset(&e, 0, sizeof(e));
	e.a.st = st;
	e.a.today = today;
	e.a.wait_days = -1;
	e.sum = sum;
	e.known_by_id = strmap_new();
	if (store_begin(st) == -1)
		goto fail;
	/* After audit_run, which refused an earlier day or recorded it. */
	if ((known = store_audit_last(st, &last)) == STORE_ERROR)
		goto fail;
	e.a.latest = known == STORE_FOUND && last > today ? last : today;
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
