/*
 * removal_shortfall: removal order units Amazon never accounted for, per
 * order and FNSKU (one claim; reference: the order id), of two kinds with
 * their own policy rows (audit/policy.c):
 * - not shipped: a Completed order line where requested - cancelled -
 *   disposed - shipped > 0 ("all other removal claims"), anchored on the
 *   latest last-updated date of those lines;
 * - lost in transit: units the removal order says it shipped that no
 *   shipment of the removal shipment detail report carries, anchored on
 *   the creation (shipment-date) of the order's first shipment. Only an
 *   order the shipment report knows is judged: a seller whose shipment
 *   report was never imported has no evidence of a loss.
 * A claim of both kinds is filed once: its window is where the two
 * windows meet (else the one closing first, so no unit expires unfiled).
 * Reimbursements naming the order cancel it.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "lib/figures.h"
#include "lib/mem.h"
#include "store/scan.h"

/* A removal shipment, kept to match order lines. */
struct rs_ship {
	char	*order_id, *fnsku, *file;
	int32_t	 day;
	int64_t	 shipped, line;
};

struct rs_ctx {
	struct audit	*a;
	struct rs_ship	*ship;
	size_t		 nship, capship;
	struct finding	*cur;		/* the (order, FNSKU) being read */
	int64_t		 shipped;	/* its units the order lines shipped */
	int32_t		 updated;	/* latest last-updated, unshipped */
};

static int
rs_ship_row(void *ctx, const struct scan_removal_shipment *r)
{
	struct rs_ctx *c = ctx;
	struct rs_ship *m;

	if (c->nship == c->capship) {
		c->capship = c->capship ? c->capship * 2 : 64;
		c->ship = xreallocarray(c->ship, c->capship,
		    sizeof(*c->ship));
	}
	m = &c->ship[c->nship++];
	m->order_id = xstrdup(r->order_id);
	m->fnsku = xstrdup(r->fnsku);
	m->file = xstrdup(r->file);
	m->day = r->day;
	m->shipped = r->shipped;
	m->line = r->line;
	return 0;
}

/* The first shipment of order (and fnsku, unless NULL), by index. */
static size_t
rs_ship_first(const struct rs_ctx *c, const char *order, const char *fnsku)
{
	size_t lo = 0, hi = c->nship, mid;
	int k;

	/* The scan sorted them by order, FNSKU, time (strcmp's order). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		k = strcmp(c->ship[mid].order_id, order);
		if (k == 0 && fnsku != NULL)
			k = strcmp(c->ship[mid].fnsku, fnsku);
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether shipment i is of order (and fnsku, unless NULL). */
static int
rs_ship_is(const struct rs_ctx *c, size_t i, const char *order,
    const char *fnsku)
{
	return i < c->nship && strcmp(c->ship[i].order_id, order) == 0 &&
	    (fnsku == NULL || strcmp(c->ship[i].fnsku, fnsku) == 0);
}

/* Counts f's units lost in transit; *created: their anchor. */
static void
rs_transit(const struct rs_ctx *c, struct finding *f, int32_t *created)
{
	const char *order = f->reference;
	struct figures fg;
	size_t i, first;
	int64_t carried = 0, lost;

	first = rs_ship_first(c, order, NULL);
	if (!rs_ship_is(c, first, order, NULL) || c->shipped <= 0)
		return;
	/* The order's first shipment: when its removal shipped. */
	*created = c->ship[first].day;
	for (i = first; rs_ship_is(c, i, order, NULL); i++)
		if (c->ship[i].day < *created)
			*created = c->ship[i].day;
	for (i = rs_ship_first(c, order, f->fnsku);
	    rs_ship_is(c, i, order, f->fnsku); i++)
		carried += c->ship[i].shipped;
	if ((lost = c->shipped - carried) <= 0)
		return;
	f->units += lost;
	f->open += lost;
	figures_init(&fg);
	figures_set(&fg, "shipped_n", "%lld", (long long)c->shipped);
	figures_set(&fg, "carried_n", "%lld", (long long)carried);
	figures_set(&fg, "lost_n", "%lld", (long long)lost);
	finding_add(f, "evidence", "removal_shipments",
	    c->ship[first].file, c->ship[first].line, *created, lost,
	    "removal_lost", &fg);
}

/* Windows a claim of both kinds: where they meet, else the first close. */
static void
rs_both(struct finding *f, int32_t created)
{
	struct policy_window u, t;
	const char *country = f->country ? f->country : "";

	if (policy_window(f->type, "", country, f->anchor, -1, &u) == -1 ||
	    policy_window(f->type, POLICY_KIND_LOST_IN_TRANSIT, country,
	    created, -1, &t) == -1)
		return;		/* audit_claim reports the missing rows */
	f->has_window = 1;
	f->opens = u.opens > t.opens ? u.opens : t.opens;
	f->closes = u.closes < t.closes ? u.closes : t.closes;
	f->rule = "removal not shipped and lost in transit";
	f->rule_source = t.source;
	if (f->opens > f->closes) {
		f->opens = t.closes < u.closes ? t.opens : u.opens;
		f->closes = t.closes < u.closes ? t.closes : u.closes;
	}
}

static void
rs_finish(struct rs_ctx *c)
{
	struct finding *f = c->cur;
	int32_t created = 0;
	int64_t unshipped = f ? f->units : 0;

	if (f == NULL)
		return;
	c->cur = NULL;
	rs_transit(c, f, &created);
	if (f->units == 0) {
		finding_free(f);
		return;
	}
	if (unshipped == 0) {
		f->kind = POLICY_KIND_LOST_IN_TRANSIT;
		f->anchor = created;
	} else if (f->units > unshipped)
		rs_both(f, created);
	audit_cancel_by_order(c->a, f, "reimbursed_removal");
	audit_emit(c->a, f);
}

static int
rs_row(void *ctx, const struct scan_removal *r)
{
	struct rs_ctx *c = ctx;
	struct scan_product p;
	struct figures fg;
	int64_t missing = r->requested - r->cancelled - r->disposed -
	    r->shipped;

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
		c->shipped = 0;
		c->updated = r->day;
	}
	c->shipped += r->shipped;
	if (strcasecmp(r->status, "Completed") != 0 || missing <= 0)
		return 0;
	/* The unshipped units' anchor: their lines' latest update. */
	if (c->cur->units == 0 || r->day > c->updated)
		c->updated = r->day;
	c->cur->anchor = c->updated;
	c->cur->units += missing;
	c->cur->open += missing;
	figures_init(&fg);
	figures_set(&fg, "disposition", "%s", r->disposition);
	figures_set(&fg, "requested_n", "%lld", (long long)r->requested);
	figures_set(&fg, "cancelled_n", "%lld", (long long)r->cancelled);
	figures_set(&fg, "disposed_n", "%lld", (long long)r->disposed);
	figures_set(&fg, "shipped_n", "%lld", (long long)r->shipped);
	finding_add(c->cur, "evidence", "removal_orders", r->file, r->line,
	    r->day, missing, "removal_order", &fg);
	return 0;
}

int
detect_removal_shortfall(struct audit *a)
{
	struct rs_ctx c;
	size_t i;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.a = a;
	if (audit_reimbursements(a) == -1 ||
	    store_scan_removal_shipments(a->st, rs_ship_row, &c) != 0 ||
	    store_scan_removals(a->st, rs_row, &c) != 0)
		rc = -1;
	if (rc == 0)
		rs_finish(&c);
	finding_free(c.cur);
	for (i = 0; i < c.nship; i++) {
		free(c.ship[i].order_id);
		free(c.ship[i].fnsku);
		free(c.ship[i].file);
	}
	free(c.ship);
	return rc;
}
