/*
 * Reconciliation (claims/reconcile.h). Everything is read first, matched
 * in memory, then written: no write runs under an open scan.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims/reconcile.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/reason.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "store/filing.h"
#include "store/store.h"

#define RECONCILE_ACTOR	"reconcile"

/* A filed claim, with what it was paid before and now. */
struct rc_claim {
	char		*id, *type, *fnsku, *reference, *currency, *case_id;
	enum claim_status status;
	int64_t		 quantity, amount, filed_at;
	int		 has_value, has_owed;
	int64_t		 old_units, old_amount, old_owed;
	int64_t		 units, paid;		/* paid now */
	struct buf	 by;			/* reimbursement ids */
};

struct rc_reimb {
	char		*rid, *case_id, *order_id, *reason, *fnsku;
	char		*currency, *original;
	int64_t		 approval, units, amount;
	int		 reversal;
};

struct rc {
	struct rc_claim	*c;
	size_t		 nc;
	struct rc_reimb	*r;
	size_t		 nr;
};

static int
rc_claim_row(void *ctx, const struct claim_filing_info *i)
{
	struct rc *x = ctx;
	struct rc_claim *c;

	if (!claim_status_has_case(i->status))
		return 0;
	x->c = xreallocarray(x->c, x->nc + 1, sizeof(*x->c));
	c = &x->c[x->nc++];
	memset(c, 0, sizeof(*c));
	c->id = xstrdup(i->claim_id);
	c->type = xstrdup(i->type);
	c->fnsku = xstrdup(i->fnsku);
	c->reference = xstrdup(i->reference);
	c->currency = xstrdup(i->currency);
	c->case_id = xstrdup(i->case_id);
	c->status = i->status;
	c->quantity = i->quantity;
	c->amount = i->amount;
	c->has_value = i->has_value;
	c->filed_at = i->filed_at;
	c->old_units = i->paid_units;
	c->old_amount = i->paid_amount;
	c->has_owed = i->has_owed;
	c->old_owed = i->owed;
	buf_init(&c->by, 0);
	return 0;
}

static int
rc_reimb_row(void *ctx, const struct reimb_row *i)
{
	struct rc *x = ctx;
	struct rc_reimb *r;

	x->r = xreallocarray(x->r, x->nr + 1, sizeof(*x->r));
	r = &x->r[x->nr++];
	r->rid = xstrdup(i->reimbursement_id);
	r->case_id = xstrdup(i->case_id);
	r->order_id = xstrdup(i->order_id);
	r->reason = xstrdup(i->reason);
	r->fnsku = xstrdup(i->fnsku);
	r->currency = xstrdup(i->currency);
	r->original = xstrdup(i->original_id);
	r->approval = i->approval_time;
	r->units = i->qty_total;
	r->amount = i->amount_total;
	r->reversal = reason_is_reversal(i->reason) ||
	    (*i->original_id != '\0' && i->qty_total < 0);
	return 0;
}

static void
rc_free(struct rc *x)
{
	size_t i;

	for (i = 0; i < x->nc; i++) {
		free(x->c[i].id);
		free(x->c[i].type);
		free(x->c[i].fnsku);
		free(x->c[i].reference);
		free(x->c[i].currency);
		free(x->c[i].case_id);
		buf_free(&x->c[i].by);
	}
	free(x->c);
	for (i = 0; i < x->nr; i++) {
		free(x->r[i].rid);
		free(x->r[i].case_id);
		free(x->r[i].order_id);
		free(x->r[i].reason);
		free(x->r[i].fnsku);
		free(x->r[i].currency);
		free(x->r[i].original);
	}
	free(x->r);
}

static int64_t
rc_abs(int64_t v)
{
	return v < 0 ? -v : v;
}

/*
 * A reversal takes back what it reverses from the reimbursement it names
 * (docs/design.md §6.1): the original then pays only what is left of it.
 */
static void
rc_reverse(struct rc *x)
{
	size_t i, j;

	for (i = 0; i < x->nr; i++) {
		struct rc_reimb *v = &x->r[i];
		int64_t units = rc_abs(v->units), amount = rc_abs(v->amount);

		if (!v->reversal)
			continue;
		for (j = 0; j < x->nr && (units > 0 || amount > 0); j++) {
			struct rc_reimb *o = &x->r[j];
			int64_t t;

			if (o->reversal || strcmp(o->rid, v->original) != 0 ||
			    strcmp(o->fnsku, v->fnsku) != 0)
				continue;
			t = units < o->units ? units : o->units;
			o->units -= t;
			units -= t;
			t = amount < o->amount ? amount : o->amount;
			o->amount -= t;
			amount -= t;
		}
	}
}

/* Whether claims of type are valued by money, not units. */
static int
rc_by_amount(const struct rc_claim *c)
{
	return strcmp(c->type, "reimbursement_underpaid") == 0;
}

/* Pays c from what is left of r (*units, *amount). */
static void
rc_pay(struct rc_claim *c, const struct rc_reimb *r, int64_t *units,
    int64_t *amount)
{
	int64_t need, t, a;

	if (rc_by_amount(c)) {
		need = c->has_value ? c->amount - c->paid : 0;
		if (need <= 0 || *amount <= 0)
			return;
		a = *amount < need ? *amount : need;
		t = c->quantity - c->units;
		t = t < 0 ? 0 : *units < t ? *units : t;
	} else {
		need = c->quantity - c->units;
		if (need <= 0 || *units <= 0)
			return;
		t = *units < need ? *units : need;
		/* Money follows the units; the last take gets the rest. */
		a = t == *units ? *amount : *amount * t / *units;
	}
	c->units += t;
	*units -= t;
	*amount -= a;
	/* fbaudit never converts money: another currency pays units only. */
	if (strcmp(c->currency, r->currency) == 0)
		c->paid += a;
	if (c->by.len > 0)
		buf_adds(&c->by, ", ");
	buf_adds(&c->by, r->rid);
}

/* Whether a claim names an order (a customer's or a removal). */
static int
rc_order_claim(const struct rc_claim *c)
{
	return strncmp(c->type, "customer_return_", 16) == 0 ||
	    strcmp(c->type, "removal_shortfall") == 0;
}

/* Matches one reimbursement: its case, its order, then FIFO. */
static void
rc_match(struct rc *x, const struct rc_reimb *r)
{
	int64_t units = r->units, amount = r->amount;
	size_t i;

	if (units <= 0 && amount <= 0)
		return;
	if (*r->case_id != '\0') {
		int matched = 0;

		for (i = 0; i < x->nc; i++)
			if (strcmp(x->c[i].case_id, r->case_id) == 0) {
				rc_pay(&x->c[i], r, &units, &amount);
				matched = 1;
			}
		/* The case is that claim's: a surplus pays nothing else. */
		if (matched)
			return;
	}
	/* Payments before the filing were the audit's to count. */
	if (*r->order_id != '\0')
		for (i = 0; i < x->nc; i++)
			if (rc_order_claim(&x->c[i]) &&
			    x->c[i].filed_at <= r->approval &&
			    strcmp(x->c[i].reference, r->order_id) == 0 &&
			    strcmp(x->c[i].fnsku, r->fnsku) == 0)
				rc_pay(&x->c[i], r, &units, &amount);
	for (i = 0; i < x->nc && units > 0; i++)
		if (!rc_by_amount(&x->c[i]) &&
		    x->c[i].filed_at <= r->approval &&
		    strcmp(x->c[i].fnsku, r->fnsku) == 0 &&
		    reason_pays(r->reason, x->c[i].type))
			rc_pay(&x->c[i], r, &units, &amount);
}

/* The status a claim's payments give it. */
static enum claim_status
rc_status(const struct rc_claim *c)
{
	if (rc_by_amount(c)) {
		if (c->has_value && c->paid >= c->amount)
			return CLAIM_REIMBURSED;
		return c->paid > 0 ? CLAIM_PARTIALLY_REIMBURSED : CLAIM_FILED;
	}
	if (c->units >= c->quantity)
		return CLAIM_REIMBURSED;
	return c->units > 0 ? CLAIM_PARTIALLY_REIMBURSED : CLAIM_FILED;
}

/* Writes one claim's new state if it changed. Returns 0 or -1. */
static int
rc_write(struct store *st, struct rc_claim *c, FILE *out,
    struct reconcile_summary *sum)
{
	enum claim_status status = rc_status(c);
	struct buf d;
	char paid[48], owed[48];
	int64_t left = c->amount - c->paid;
	int rc = -1;

	int owes;

	if (left < 0)
		left = 0;
	/* What is still owed is known once Amazon paid something. */
	owes = c->has_value && (c->units > 0 || c->paid > 0);
	if (status == c->status && c->units == c->old_units &&
	    c->paid == c->old_amount && c->has_owed == owes &&
	    (!owes || c->old_owed == left))
		return 0;
	buf_init(&d, 0);
	buf_printf(&d, "paid %lld of %lld units, %s %s", (long long)c->units,
	    (long long)c->quantity, num_format_amount(c->paid, c->currency,
	    paid, sizeof(paid)), c->currency);
	if (c->by.len > 0)
		buf_printf(&d, ", by %s", c->by.data);
	if (owes)
		buf_printf(&d, "; %s %s still owed", num_format_amount(left,
		    c->currency, owed, sizeof(owed)), c->currency);
	if (store_claim_paid_set(st, c->id, status, c->units, c->paid,
	    owes, left) == -1 ||
	    store_claim_event_add(st, c->id, c->status, status,
	    RECONCILE_ACTOR, d.data) == -1)
		goto out;
	sum->changed++;
	if (status == CLAIM_REIMBURSED)
		sum->reimbursed++;
	else if (status == CLAIM_PARTIALLY_REIMBURSED)
		sum->partial++;
	if ((status == CLAIM_FILED && c->status != CLAIM_FILED) ||
	    (status == CLAIM_PARTIALLY_REIMBURSED &&
	    c->status == CLAIM_REIMBURSED))
		sum->reopened++;
	if (out != NULL)
		fprintf(out, "%s %s %s -> %s: %s\n", store_seller(st), c->id,
		    claim_status_name(c->status), claim_status_name(status),
		    d.data);
	rc = 0;
out:
	buf_free(&d);
	return rc;
}

int
reconcile_run(struct store *st, FILE *out, struct reconcile_summary *sum,
    char *err, size_t errlen)
{
	struct rc x;
	size_t i;
	int rc = -1;

	memset(&x, 0, sizeof(x));
	memset(sum, 0, sizeof(*sum));
	if (store_begin(st) == -1)
		goto dberr;
	if (store_claims_filing_scan(st, rc_claim_row, &x) != 0 ||
	    (x.nc > 0 && store_reimbs_scan(st, rc_reimb_row, &x) != 0))
		goto dberr;
	sum->claims = (int)x.nc;
	rc_reverse(&x);
	for (i = 0; i < x.nr; i++)
		if (!x.r[i].reversal)
			rc_match(&x, &x.r[i]);
	for (i = 0; i < x.nc; i++)
		if (rc_write(st, &x.c[i], out, sum) == -1)
			goto dberr;
	if (store_commit(st) == -1)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "%s", store_errmsg(st));
	store_rollback(st);
out:
	rc_free(&x);
	return rc;
}
