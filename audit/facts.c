/*
 * The facts several detectors match against, loaded into memory once per
 * audit: reimbursements (thousands of rows) and the ledger adjustments
 * that matter to claims (a few percent of a ledger).
 */
#include <stdlib.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "lib/figures.h"
#include "lib/marketplace.h"
#include "lib/mem.h"
#include "lib/reason.h"
#include "lib/strmap.h"
#include "store/scan.h"

static int
facts_reimb_row(void *ctx, const struct scan_reimbursement *r)
{
	struct audit *a = ctx;
	struct reimb *m;

	if (a->nreimb == a->capreimb) {
		a->capreimb = a->capreimb ? a->capreimb * 2 : 64;
		a->reimb = xreallocarray(a->reimb, a->capreimb,
		    sizeof(*a->reimb));
	}
	m = &a->reimb[a->nreimb++];
	m->id = xstrdup(r->reimbursement_id);
	m->fnsku = xstrdup(r->fnsku);
	m->sku = xstrdup(r->sku);
	m->reason = xstrdup(r->reason);
	m->case_id = xstrdup(r->case_id);
	m->order_id = xstrdup(r->order_id);
	m->original_id = xstrdup(r->original_id);
	m->currency = xstrdup(r->currency);
	m->file = xstrdup(r->file);
	m->day = r->day;
	m->time = r->time;
	m->line = r->line;
	m->has_per_unit = r->has_per_unit;
	m->amount_per_unit = r->amount_per_unit;
	m->qty_cash = r->qty_cash;
	m->qty_total = r->qty_total;
	return 0;
}

/* For sorting indexes by order id; qsort has no context argument. */
static const struct reimb *facts_sorting;

static int
facts_order_cmp(const void *x, const void *y)
{
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	int c = strcmp(facts_sorting[i].order_id, facts_sorting[j].order_id);

	return c ? c : (i > j) - (i < j);
}

int
audit_reimbursements(struct audit *a)
{
	size_t i;

	if (a->reimb_loaded)
		return 0;
	if (store_scan_reimbursements(a->st, facts_reimb_row, a) != 0)
		return -1;
	a->reimb_by_id = strmap_new();
	/* The first row of an id: the region-wide repeat is stored once. */
	for (i = a->nreimb; i-- > 0; )
		strmap_put(a->reimb_by_id, a->reimb[i].id,
		    strlen(a->reimb[i].id), (int64_t)i);
	a->reimb_by_order = xcalloc(a->nreimb ? a->nreimb : 1,
	    sizeof(*a->reimb_by_order));
	for (i = 0; i < a->nreimb; i++)
		a->reimb_by_order[i] = i;
	facts_sorting = a->reimb;
	qsort(a->reimb_by_order, a->nreimb, sizeof(*a->reimb_by_order),
	    facts_order_cmp);
	facts_sorting = NULL;
	a->reimb_loaded = 1;
	return 0;
}

struct reimb *
audit_reimb_of(struct audit *a, const char *fnsku, size_t *n)
{
	size_t lo = 0, hi = a->nreimb, mid, first;

	/* Rows are sorted by FNSKU (SQLite's BINARY order is strcmp's). */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(a->reimb[mid].fnsku, fnsku) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	while (lo < a->nreimb && strcmp(a->reimb[lo].fnsku, fnsku) == 0)
		lo++;
	*n = lo - first;
	return a->reimb + first;
}

struct reimb *
audit_reimb_by_id(struct audit *a, const char *id)
{
	int64_t i;

	if (id == NULL || *id == '\0' ||
	    !strmap_get(a->reimb_by_id, id, strlen(id), &i))
		return NULL;
	return &a->reimb[i];
}

int64_t
audit_reimb_order_units(struct audit *a, const char *order_id,
    const struct reimb **last)
{
	size_t lo = 0, hi = a->nreimb, mid;
	int64_t units = 0;
	struct reimb *r;

	*last = NULL;
	if (order_id == NULL || *order_id == '\0')
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(a->reimb[a->reimb_by_order[mid]].order_id,
		    order_id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < a->nreimb; lo++) {
		r = &a->reimb[a->reimb_by_order[lo]];
		if (strcmp(r->order_id, order_id) != 0)
			break;
		units += r->qty_total;
		*last = r;
	}
	return units;
}

static int
facts_adj_row(void *ctx, const struct scan_adjustment *r)
{
	struct audit *a = ctx;
	struct adjustment *m;
	int64_t n;

	/* Every adjustment votes for the seller's home country. */
	if (*r->country != '\0' && strlen(r->country) < sizeof(a->home)) {
		if (!strmap_get(a->countries, r->country, strlen(r->country),
		    &n))
			n = 0;
		strmap_put(a->countries, r->country, strlen(r->country), ++n);
		/* Ties go to the first seen: the scan's order is stable. */
		if (n > a->home_votes) {
			a->home_votes = n;
			memcpy(a->home, r->country, strlen(r->country) + 1);
		}
	}
	if (policy_reason(r->reason) == POLICY_REASON_OTHER)
		return 0;
	if (a->nadj == a->capadj) {
		a->capadj = a->capadj ? a->capadj * 2 : 256;
		a->adj = xreallocarray(a->adj, a->capadj, sizeof(*a->adj));
	}
	m = &a->adj[a->nadj++];
	m->fnsku = xstrdup(r->fnsku);
	m->msku = xstrdup(r->msku);
	m->asin = xstrdup(r->asin);
	m->title = xstrdup(r->title);
	m->reason = xstrdup(r->reason);
	m->reference = xstrdup(r->reference);
	m->fc = xstrdup(r->fc);
	m->country = xstrdup(r->country);
	m->file = xstrdup(r->file);
	m->day = r->day;
	m->quantity = r->quantity;
	m->line = r->line;
	return 0;
}

int
audit_adjustments(struct audit *a)
{
	int rc;

	if (a->adj_loaded)
		return 0;
	a->countries = strmap_new();
	rc = store_scan_adjustments(a->st, facts_adj_row, a);
	strmap_free(a->countries);
	a->countries = NULL;
	if (rc != 0)
		return -1;
	a->adj_loaded = 1;
	return 0;
}

void
audit_paid_events(struct audit *a, struct timeline *t, const char *fnsku,
    const char *type)
{
	struct timeline_event e;
	struct reimb *r, *orig;
	size_t i, n;

	r = audit_reimb_of(a, fnsku, &n);
	for (i = 0; i < n; i++) {
		memset(&e, 0, sizeof(e));
		e.day = r[i].day;
		e.seq = r[i].line;
		e.source = "reimbursements";
		e.file = r[i].file;
		e.line = r[i].line;
		if (reason_pays(r[i].reason, type) &&
		    r[i].qty_total > 0) {
			/* Cash and inventory both count
			 * (docs/design.md §6.1). */
			e.kind = TIMELINE_CANCEL;
			e.units = r[i].qty_total;
			e.cancel = FINDING_REIMBURSED;
			e.by_id = r[i].id;
			e.detail_key = "reason";
			e.reason = r[i].reason;
			timeline_add(t, &e);
		} else if (reason_is_reversal(r[i].reason) &&
		    (orig = audit_reimb_by_id(a, r[i].original_id)) != NULL &&
		    reason_pays(orig->reason, type)) {
			e.kind = TIMELINE_REVERSE;
			e.units = r[i].qty_total < 0 ? -r[i].qty_total :
			    r[i].qty_total;
			e.by_id = orig->id;
			e.detail_key = "reason";
			e.reason = REASON_REVERSAL;
			timeline_add(t, &e);
		}
	}
}

const char *
audit_home_country(struct audit *a)
{
	char market[64];
	const char *c;

	if (a->market_known)
		return a->market;
	a->market_known = 1;
	/* Configured: the settings set a->market before the audit. */
	if (a->market[0] != '\0')
		return a->market;
	/* The marketplace of most orders: a Pan-European seller's ledger
	 * may hold more events abroad than at home. */
	if (store_top_marketplace(a->st, market, sizeof(market)) == 1 &&
	    (c = marketplace_country_by_name(market)) != NULL) {
		memcpy(a->market, c, strlen(c) + 1);
		return a->market;
	}
	(void)audit_adjustments(a);
	memcpy(a->market, a->home, sizeof(a->market));
	return a->market;
}

const char *
audit_claim_country(struct audit *a, const char *country)
{
	const char *home;

	if (country == NULL || *country == '\0')
		return audit_home_country(a);
	home = audit_home_country(a);
	/*
	 * Amazon's Inventory Ledger help: the detailed view shows "event
	 * type, quantity, location, country, and disposition" of events in
	 * fulfilment centres, and its summary aggregates "at fulfillment
	 * center and country level": Country is where the unit was. A unit
	 * of a German seller lost in Poland is still the German
	 * marketplace's: its currency, value and window.
	 */
	if (*home != '\0' && strcmp(home, country) != 0 &&
	    policy_same_network(home, country))
		return home;
	return country;
}

void
audit_cancel_by_order(struct audit *a, struct finding *f, const char *key)
{
	const struct reimb *last;
	struct figures fg;
	int64_t paid, took;

	paid = audit_reimb_order_units(a, f->reference, &last);
	if (paid <= 0 || last == NULL)
		return;
	took = finding_cancel(f, paid, FINDING_REIMBURSED);
	figures_init(&fg);
	figures_set(&fg, "units_n", "%lld", (long long)paid);
	finding_add(f, "cancelled", "reimbursements", last->file, last->line,
	    last->day, took, key, &fg);
}
