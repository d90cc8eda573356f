/*
 * customer_return_missing: Amazon refunded a customer (a Refund's
 * ItemPrice/Principal row in the settlement data) and the item never came
 * back. Per order and SKU: the refunded units, less the units customers
 * returned for that order and SKU, less the units Amazon reimbursed naming
 * the order. The window counts from the first refund; EU and UK windows
 * differ (audit/policy.c).
 *
 * Refunded units are whole units of the order's unit principal (the
 * order's own settlement rows, else the SKU's median sale price): a
 * refund of less than one unit's price (a goodwill credit, a price
 * adjustment) refunds no unit. It is shown with the order's claim, never
 * a claim by itself. When no price is known, the row's quantity counts
 * (one unit without one): the reading fbaudit had before prices.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "lib/figures.h"
#include "lib/marketplace.h"
#include "lib/mem.h"
#include "store/scan.h"

/* A return, kept to match refunds by order and SKU. */
struct rm_return {
	char	*order_id, *sku, *file;
	int32_t	 day;
	int64_t	 quantity, line;
};

struct rm_ctx {
	struct audit		*a;
	struct rm_return	*ret;
	size_t			 nret, capret;
	struct finding		*cur;		/* the (order, SKU) being read */
	char			*cur_sku;
	int			 failed;
};

static int
rm_return_row(void *ctx, const struct scan_return *r)
{
	struct rm_ctx *c = ctx;
	struct rm_return *m;

	if (c->nret == c->capret) {
		c->capret = c->capret ? c->capret * 2 : 64;
		c->ret = xreallocarray(c->ret, c->capret, sizeof(*c->ret));
	}
	m = &c->ret[c->nret++];
	m->order_id = xstrdup(r->order_id);
	m->sku = xstrdup(r->sku);
	m->file = xstrdup(r->file);
	m->day = r->day;
	m->quantity = r->quantity;
	m->line = r->line;
	return 0;
}

static int
rm_cmp(const void *x, const void *y)
{
	const struct rm_return *a = x, *b = y;
	int c = strcmp(a->order_id, b->order_id);

	if (c == 0)
		c = strcmp(a->sku, b->sku);
	if (c == 0)
		c = (a->day > b->day) - (a->day < b->day);
	return c ? c : (a->line > b->line) - (a->line < b->line);
}

/* Cancels the current finding's units by returns and reimbursements. */
static void
rm_finish(struct rm_ctx *c)
{
	struct finding *f = c->cur;
	struct rm_return key, *r;
	struct figures fg;
	size_t lo = 0, hi = c->nret, mid;
	int64_t took;

	if (f == NULL)
		return;
	c->cur = NULL;
	key.order_id = f->reference;
	key.sku = c->cur_sku;
	key.day = INT32_MIN;
	key.line = INT64_MIN;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rm_cmp(&c->ret[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->nret; lo++) {
		r = &c->ret[lo];
		if (strcmp(r->order_id, key.order_id) != 0 ||
		    strcmp(r->sku, key.sku) != 0)
			break;
		took = finding_cancel(f, r->quantity, FINDING_FOUND);
		figures_init(&fg);
		figures_set(&fg, "units_n", "%lld", (long long)r->quantity);
		finding_add(f, "cancelled", "customer_returns", r->file,
		    r->line, r->day, took, "customer_returned", &fg);
	}
	audit_cancel_by_order(c->a, f, "reimbursed_order");
	/* Only partial refunds: no unit was refunded, no claim. */
	if (f->units == 0)
		finding_free(f);
	else
		audit_emit(c->a, f);
	free(c->cur_sku);
	c->cur_sku = NULL;
}

/* The whole units a refund row refunds, or -1 on error. */
static int64_t
rm_units(struct rm_ctx *c, const struct scan_refund *r)
{
	int64_t num, den, amount = r->amount < 0 ? -r->amount : r->amount;
	int64_t qty = r->has_quantity && r->quantity != 0 ?
	    (r->quantity < 0 ? -r->quantity : r->quantity) : 0;
	int64_t units;
	int rc;

	rc = audit_order_unit_price(c->a, r->order_id, r->sku, r->currency,
	    r->day, &num, &den);
	if (rc == -1)
		return -1;
	if (rc == 0 || num <= 0)
		return qty ? qty : 1;
	/* amount / (num / den), in integers: no unit lost to rounding. */
	units = amount * den / num;
	/* A row never refunds more units than it names. */
	if (qty && units > qty)
		units = qty;
	return units;
}

static int
rm_refund_row(void *ctx, const struct scan_refund *r)
{
	struct rm_ctx *c = ctx;
	struct scan_product p;
	struct figures fg;
	int64_t units;
	const char *country;
	int rc;

	if (c->cur != NULL && (strcmp(c->cur->reference, r->order_id) != 0 ||
	    strcmp(c->cur_sku, r->sku) != 0))
		rm_finish(c);
	if (c->cur == NULL) {
		memset(&p, 0, sizeof(p));
		if ((rc = store_product_by_sku(c->a->st, r->sku, &p)) == -1)
			return -1;
		country = marketplace_country_by_name(r->marketplace);
		/* Refunds come by order, SKU and date: the first anchors. */
		c->cur = finding_new("customer_return_missing", r->order_id,
		    p.fnsku, r->day, 0);
		finding_describe(c->cur, r->sku, r->sku, p.asin, p.title,
		    country ? country : "", "");
		c->cur_sku = xstrdup(r->sku);
		c->cur->after_order = 1;
	}
	if ((units = rm_units(c, r)) == -1)
		return -1;
	figures_init(&fg);
	figures_set(&fg, "marketplace", "%s", r->marketplace);
	if (units == 0) {
		/* Money as the claim shows it: this text reaches Amazon. */
		figures_set(&fg, "refund_money", "%lld %s", (long long)
		    (r->amount < 0 ? -r->amount : r->amount), r->currency);
		finding_add(c->cur, "evidence", "settlement_tx", r->file,
		    r->line, r->day, 0, "partial_refund", &fg);
		return 0;
	}
	/* The window counts from the first refund of a whole unit. */
	if (c->cur->units == 0)
		c->cur->anchor = r->day;
	c->cur->units += units;
	c->cur->open += units;
	figures_set(&fg, "units_n", "%lld", (long long)units);
	finding_add(c->cur, "evidence", "settlement_tx", r->file, r->line,
	    r->day, units, "refund", &fg);
	return 0;
}

int
detect_customer_return_missing(struct audit *a)
{
	struct rm_ctx c;
	size_t i;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.a = a;
	if (audit_reimbursements(a) == -1 ||
	    store_scan_returns(a->st, rm_return_row, &c) != 0)
		rc = -1;
	if (rc == 0) {
		if (c.nret > 1)		/* qsort's base may not be NULL */
			qsort(c.ret, c.nret, sizeof(*c.ret), rm_cmp);
		if (store_scan_refunds(a->st, rm_refund_row, &c) != 0)
			rc = -1;
		else
			rm_finish(&c);
	}
	finding_free(c.cur);
	free(c.cur_sku);
	for (i = 0; i < c.nret; i++) {
		free(c.ret[i].order_id);
		free(c.ret[i].sku);
		free(c.ret[i].file);
	}
	free(c.ret);
	return rc;
}
