/*
 * customer_return_damaged: a customer return that Amazon graded DAMAGED
 * (damaged in Amazon's hands) or CARRIER_DAMAGED, per order and FNSKU,
 * less the units Amazon reimbursed naming the order. A return graded
 * CUSTOMER_DAMAGED or DEFECTIVE is the customer's doing: no claim.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "lib/figures.h"
#include "lib/marketplace.h"
#include "store/scan.h"

struct rd_ctx {
	struct audit	*a;
	struct finding	*cur;
	int		 failed;
};

static void
rd_finish(struct rd_ctx *c)
{
	if (c->cur == NULL)
		return;
	audit_cancel_by_order(c->a, c->cur, "reimbursed_order");
	audit_emit(c->a, c->cur);
	c->cur = NULL;
}

static int
rd_row(void *ctx, const struct scan_return *r)
{
	struct rd_ctx *c = ctx;
	struct figures fg;
	char market[64];
	const char *country = audit_home_country(c->a);
	int rc;

	if (strcasecmp(r->disposition, "DAMAGED") != 0 &&
	    strcasecmp(r->disposition, "CARRIER_DAMAGED") != 0)
		return 0;
	if (c->cur != NULL && (strcmp(c->cur->reference, r->order_id) != 0 ||
	    strcmp(c->cur->fnsku, r->fnsku) != 0))
		rd_finish(c);
	if (c->cur == NULL) {
		/* The returns report has no country: the order's market. */
		rc = store_order_marketplace(c->a->st, r->order_id, market,
		    sizeof(market));
		if (rc == -1)
			return -1;
		if (rc == 1 && marketplace_country_by_name(market) != NULL)
			country = marketplace_country_by_name(market);
		c->cur = finding_new("customer_return_damaged", r->order_id,
		    r->fnsku, r->day, 0);
		finding_describe(c->cur, r->sku, r->sku, r->asin, r->title,
		    country, r->fc);
		c->cur->after_order = 1;
	}
	c->cur->units += r->quantity;
	c->cur->open += r->quantity;
	figures_init(&fg);
	figures_set(&fg, "disposition", "%s", r->disposition);
	figures_set(&fg, "fc", "%s", r->fc);
	finding_add(c->cur, "evidence", "customer_returns", r->file, r->line,
	    r->day, r->quantity, "returned", &fg);
	return 0;
}

int
detect_customer_return_damaged(struct audit *a)
{
	struct rd_ctx c = { a, NULL, 0 };
	int rc = 0;

	if (audit_reimbursements(a) == -1 ||
	    store_scan_returns(a->st, rd_row, &c) != 0)
		rc = -1;
	if (rc == 0)
		rd_finish(&c);
	finding_free(c.cur);
	return rc;
}
