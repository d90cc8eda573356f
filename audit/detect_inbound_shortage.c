/*
 * inbound_shortage: a CLOSED inbound shipment item that Amazon received
 * fewer units of than were shipped. The window counts from delivery, the
 * shipment's first Receipts event in the ledger (its Reference ID is the
 * shipment id); a shipment with no receipt yet has no delivery date and
 * waits. Lost_Inbound and Damaged_Inbound reimbursements of the FNSKU
 * cancel the oldest shortage first.
 */
#include <stdlib.h>
#include <string.h>

#include "audit/audit_int.h"
#include "lib/figures.h"
#include "lib/mem.h"
#include "store/scan.h"

struct inbound_ctx {
	struct audit	*a;
	struct finding	**fs;
	size_t		 n, cap;
};

static int
inbound_row(void *ctx, const struct scan_inbound *r)
{
	struct inbound_ctx *c = ctx;
	struct scan_product p;
	struct figures fg;
	struct finding *f;
	int rc;

	if (!r->has_delivery)
		return 0;
	f = finding_new("inbound_shortage", r->shipment_id, r->fnsku,
	    r->delivery, r->shipped - r->received);
	memset(&p, 0, sizeof(p));
	if ((rc = store_product_by_sku(c->a->st, r->sku, &p)) == -1) {
		finding_free(f);
		return -1;
	}
	finding_describe(f, r->sku, r->sku, p.asin, p.title,
	    audit_claim_country(c->a, r->country), r->fc);
	figures_init(&fg);
	figures_set(&fg, "shipment", "%s", r->shipment_id);
	figures_set(&fg, "status", "%s", r->status);
	figures_set(&fg, "shipped_n", "%lld", (long long)r->shipped);
	figures_set(&fg, "received_n", "%lld", (long long)r->received);
	finding_add(f, "evidence", "inbound_items", r->file, 0, r->delivery,
	    r->shipped - r->received, "inbound", &fg);
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->fs = xreallocarray(c->fs, c->cap, sizeof(*c->fs));
	}
	c->fs[c->n++] = f;
	return 0;
}

int
detect_inbound_shortage(struct audit *a)
{
	struct inbound_ctx c = { a, NULL, 0, 0 };
	struct timeline t = { NULL, 0, 0 };
	struct timeline_event e;
	size_t first, last, i;
	int rc = 0;

	if (audit_reimbursements(a) == -1 ||
	    store_scan_inbound_short(a->st, inbound_row, &c) != 0)
		rc = -1;
	/* The scan is by FNSKU, then delivery: one timeline per FNSKU. */
	for (first = 0; rc == 0 && first < c.n; first = last) {
		timeline_reset(&t);
		for (last = first; last < c.n &&
		    strcmp(c.fs[last]->fnsku, c.fs[first]->fnsku) == 0;
		    last++) {
			memset(&e, 0, sizeof(e));
			e.kind = TIMELINE_CLAIM;
			e.day = c.fs[last]->anchor;
			e.seq = (int64_t)last;
			e.finding = c.fs[last];
			timeline_add(&t, &e);
		}
		audit_paid_events(a, &t, c.fs[first]->fnsku,
		    "inbound_shortage");
		timeline_run(&t);
	}
	for (i = 0; i < c.n; i++) {
		if (rc == 0)
			audit_emit(a, c.fs[i]);
		else
			finding_free(c.fs[i]);
	}
	free(c.fs);
	timeline_free(&t);
	return rc;
}
