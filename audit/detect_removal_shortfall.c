/*
 * removal_shortfall: a Completed removal order line where Amazon neither
 * shipped, disposed of nor cancelled every requested unit: requested -
 * cancelled - disposed - shipped > 0. Lines of one order and FNSKU (one
 * per disposition) make one claim, anchored on the latest last-updated
 * date; reimbursements naming the order cancel it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit_int.h"
#include "store/scan.h"

struct rs_ctx {
	struct audit	*a;
	struct finding	*cur;
};

static void
rs_finish(struct rs_ctx *c)
{
	if (c->cur == NULL)
		return;
	audit_cancel_by_order(c->a, c->cur, "removal order");
	audit_emit(c->a, c->cur);
	c->cur = NULL;
}

static int
rs_row(void *ctx, const struct scan_removal *r)
{
	struct rs_ctx *c = ctx;
	struct scan_product p;
	int64_t missing = r->requested - r->cancelled - r->disposed -
	    r->shipped;

	if (strcasecmp(r->status, "Completed") != 0 || missing <= 0)
		return 0;
	if (c->cur != NULL && (strcmp(c->cur->reference, r->order_id) != 0 ||
	    strcmp(c->cur->fnsku, r->fnsku) != 0))
		rs_finish(c);
	if (c->cur == NULL) {
		memset(&p, 0, sizeof(p));
		if (store_product_by_sku(c->a->st, r->sku, &p) == -1)
			return -1;
		c->cur = finding_new("removal_shortfall", r->order_id,
		    r->fnsku, r->day, 0);
		/* The report names no marketplace: the seller's home. */
		finding_describe(c->cur, r->sku, r->sku, p.asin, p.title,
		    audit_home_country(c->a), NULL);
	}
	if (r->day > c->cur->anchor)
		c->cur->anchor = r->day;
	c->cur->units += missing;
	c->cur->open += missing;
	finding_add(c->cur, "evidence", "removal_orders", r->file, r->line,
	    r->day, missing, "%s: requested %lld, cancelled %lld, disposed "
	    "%lld, shipped %lld", r->disposition, (long long)r->requested,
	    (long long)r->cancelled, (long long)r->disposed,
	    (long long)r->shipped);
	return 0;
}

int
detect_removal_shortfall(struct audit *a)
{
	struct rs_ctx c = { a, NULL };
	int rc = 0;

	if (audit_reimbursements(a) == -1 ||
	    store_scan_removals(a->st, rs_row, &c) != 0)
		rc = -1;
	if (rc == 0)
		rs_finish(&c);
	finding_free(c.cur);
	return rc;
}
