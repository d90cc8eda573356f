/* The audit's reads of the imported facts (store/scan.h). */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/marketplace.h"
#include "lib/mem.h"
#include "store/scan.h"
#include "store/store.h"
#include "store/store_int.h"

typedef int (*adjustment_cb)(void *, const struct scan_adjustment *);

static int
scan_adjustment_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_adjustment r;

	r.fnsku = store_text(s, 0);
	r.msku = store_text(s, 1);
	r.asin = store_text(s, 2);
	r.title = store_text(s, 3);
	r.reason = store_text(s, 4);
	r.reference = store_text(s, 5);
	r.fc = store_text(s, 6);
	r.country = store_text(s, 7);
	r.file = store_text(s, 8);
	r.day = sqlite3_column_int(s, 9);
	r.quantity = sqlite3_column_int64(s, 10);
	r.line = sqlite3_column_int64(s, 11);
	return ((adjustment_cb)cb)(ctx, &r);
}

int
store_scan_adjustments(struct store *st,
    int (*cb)(void *ctx, const struct scan_adjustment *r), void *ctx)
{
	return store_query(st, "SELECT p.fnsku, p.msku, p.asin, p.title,"
	    " l.reason, l.reference_id, c.code, l.country, f.name, l.day,"
	    " l.quantity, l.line FROM ledger l"
	    " JOIN products p ON p.id = l.product_id"
	    " JOIN files f ON f.id = l.file_id"
	    " LEFT JOIN fulfillment_centers c ON c.id = l.fc_id"
	    " WHERE l.event_type = (SELECT id FROM event_types"
	    " WHERE name = 'Adjustments') AND l.reason IS NOT NULL"
	    " ORDER BY p.fnsku, l.day, l.id", NULL, scan_adjustment_row,
	    (scan_fn)cb, ctx);
}

typedef int (*reimbursement_cb)(void *, const struct scan_reimbursement *);

static int
scan_reimbursement_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_reimbursement r;

	r.fnsku = store_text(s, 0);
	r.sku = store_text(s, 1);
	r.asin = store_text(s, 2);
	r.title = store_text(s, 3);
	r.reason = store_text(s, 4);
	r.reimbursement_id = store_text(s, 5);
	r.case_id = store_text(s, 6);
	r.order_id = store_text(s, 7);
	r.original_id = store_text(s, 8);
	r.currency = store_text(s, 9);
	r.file = store_text(s, 10);
	r.time = sqlite3_column_int64(s, 11);
	r.day = (int32_t)(r.time >= 0 ? r.time / 86400 :
	    (r.time - 86399) / 86400);
	r.has_per_unit = sqlite3_column_type(s, 12) != SQLITE_NULL;
	r.amount_per_unit = sqlite3_column_int64(s, 12);
	r.amount_total = sqlite3_column_int64(s, 13);
	r.qty_cash = sqlite3_column_int64(s, 14);
	r.qty_total = sqlite3_column_int64(s, 15);
	r.line = sqlite3_column_int64(s, 16);
	return ((reimbursement_cb)cb)(ctx, &r);
}

int
store_scan_reimbursements(struct store *st,
    int (*cb)(void *ctx, const struct scan_reimbursement *r), void *ctx)
{
	return store_query(st, "SELECT r.fnsku, r.sku, r.asin, r.product_name,"
	    " r.reason, r.reimbursement_id, r.case_id, r.amazon_order_id,"
	    " r.original_reimbursement_id, r.currency, f.name,"
	    " r.approval_time, r.amount_per_unit, r.amount_total,"
	    " r.qty_cash, r.qty_total, r.line FROM reimbursements r"
	    " JOIN files f ON f.id = r.file_id"
	    " ORDER BY r.fnsku, r.approval_time, r.id", NULL,
	    scan_reimbursement_row, (scan_fn)cb, ctx);
}

typedef int (*refund_cb)(void *, const struct scan_refund *);

static int
scan_refund_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_refund r;
	int64_t t;

	r.order_id = store_text(s, 0);
	r.sku = store_text(s, 1);
	r.marketplace = store_text(s, 2);
	r.currency = store_text(s, 3);
	r.file = store_text(s, 4);
	t = sqlite3_column_int64(s, 5);
	r.day = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	r.has_quantity = sqlite3_column_type(s, 6) != SQLITE_NULL;
	r.quantity = sqlite3_column_int64(s, 6);
	r.line = sqlite3_column_int64(s, 7);
	r.amount = sqlite3_column_int64(s, 8);
	return ((refund_cb)cb)(ctx, &r);
}

int
store_scan_refunds(struct store *st,
    int (*cb)(void *ctx, const struct scan_refund *r), void *ctx)
{
	return store_query(st, "SELECT t.order_id, t.sku, t.marketplace,"
	    " t.currency, f.name, t.posted_time, t.quantity, t.line,"
	    " t.amount"
	    " FROM settlement_tx t JOIN files f ON f.id = t.file_id"
	    " WHERE t.transaction_type = 'Refund'"
	    " AND t.amount_type = 'ItemPrice'"
	    " AND t.amount_description = 'Principal'"
	    " AND t.order_id IS NOT NULL AND t.sku IS NOT NULL"
	    " AND t.posted_time IS NOT NULL"
	    " ORDER BY t.order_id, t.sku, t.posted_time, t.id", NULL,
	    scan_refund_row, (scan_fn)cb, ctx);
}

typedef int (*return_cb)(void *, const struct scan_return *);

static int
scan_return_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_return r;
	int64_t t;

	r.order_id = store_text(s, 0);
	r.sku = store_text(s, 1);
	r.fnsku = store_text(s, 2);
	r.asin = store_text(s, 3);
	r.title = store_text(s, 4);
	r.disposition = store_text(s, 5);
	r.fc = store_text(s, 6);
	r.file = store_text(s, 7);
	t = sqlite3_column_int64(s, 8);
	r.day = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	r.quantity = sqlite3_column_int64(s, 9);
	r.line = sqlite3_column_int64(s, 10);
	return ((return_cb)cb)(ctx, &r);
}

int
store_scan_returns(struct store *st,
    int (*cb)(void *ctx, const struct scan_return *r), void *ctx)
{
	return store_query(st, "SELECT r.order_id, r.sku, r.fnsku, r.asin,"
	    " r.product_name, r.detailed_disposition, r.fulfillment_center,"
	    " f.name, r.return_time, r.quantity, r.line"
	    " FROM customer_returns r JOIN files f ON f.id = r.file_id"
	    " ORDER BY r.order_id, r.fnsku, r.return_time, r.id", NULL,
	    scan_return_row, (scan_fn)cb, ctx);
}

typedef int (*inbound_cb)(void *, const struct scan_inbound *);

static int
scan_inbound_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_inbound r;

	r.shipment_id = store_text(s, 0);
	r.fnsku = store_text(s, 1);
	r.sku = store_text(s, 2);
	r.status = store_text(s, 3);
	r.fc = store_text(s, 4);
	r.file = store_text(s, 5);
	r.shipped = sqlite3_column_int64(s, 6);
	r.received = sqlite3_column_int64(s, 7);
	r.has_delivery = sqlite3_column_type(s, 8) != SQLITE_NULL;
	r.delivery = sqlite3_column_int(s, 8);
	r.country = store_text(s, 9);
	return ((inbound_cb)cb)(ctx, &r);
}

int
store_scan_inbound_short(struct store *st,
    int (*cb)(void *ctx, const struct scan_inbound *r), void *ctx)
{
	/* Delivery: the shipment's earliest Receipts event
	 * (docs/design.md §6.1). */
	return store_query(st, "WITH rec AS (SELECT reference_id,"
	    " min(day) AS d, max(country) AS c FROM ledger WHERE event_type = (SELECT id"
	    " FROM event_types WHERE name = 'Receipts')"
	    " AND reference_id IN (SELECT shipment_id"
	    " FROM inbound_shipments WHERE status = 'CLOSED')"
	    " GROUP BY reference_id)"
	    " SELECT i.shipment_id, i.fnsku, i.sku, s.status,"
	    " s.destination_fc, f.name, i.qty_shipped, i.qty_received, rec.d,"
	    " rec.c"
	    " FROM inbound_items i"
	    " JOIN inbound_shipments s ON s.shipment_id = i.shipment_id"
	    " JOIN files f ON f.id = i.file_id"
	    " LEFT JOIN rec ON rec.reference_id = i.shipment_id"
	    /* An unknown FNSKU or received quantity claims nothing. */
	    " WHERE s.status = 'CLOSED' AND i.fnsku IS NOT NULL"
	    " AND i.qty_received IS NOT NULL"
	    " AND i.qty_shipped > i.qty_received"
	    " ORDER BY i.fnsku, rec.d, i.shipment_id", NULL,
	    scan_inbound_row, (scan_fn)cb, ctx);
}

typedef int (*removal_cb)(void *, const struct scan_removal *);

static int
scan_removal_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_removal r;
	int64_t t;

	r.order_id = store_text(s, 0);
	r.fnsku = store_text(s, 1);
	r.sku = store_text(s, 2);
	r.status = store_text(s, 3);
	r.disposition = store_text(s, 4);
	r.file = store_text(s, 5);
	t = sqlite3_column_int64(s, 6);
	r.day = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	r.requested = sqlite3_column_int64(s, 7);
	r.cancelled = sqlite3_column_int64(s, 8);
	r.disposed = sqlite3_column_int64(s, 9);
	r.shipped = sqlite3_column_int64(s, 10);
	r.line = sqlite3_column_int64(s, 11);
	return ((removal_cb)cb)(ctx, &r);
}

int
store_scan_removals(struct store *st,
    int (*cb)(void *ctx, const struct scan_removal *r), void *ctx)
{
	return store_query(st, "SELECT o.order_id, o.fnsku, o.sku,"
	    " o.order_status, o.disposition, f.name, o.last_updated_time,"
	    " o.requested_qty, o.cancelled_qty, o.disposed_qty,"
	    " o.shipped_qty, o.line FROM removal_orders o"
	    " JOIN files f ON f.id = o.file_id"
	    " ORDER BY o.order_id, o.fnsku, o.disposition", NULL,
	    scan_removal_row, (scan_fn)cb, ctx);
}

typedef int (*removal_shipment_cb)(void *,
    const struct scan_removal_shipment *);

static int
scan_removal_shipment_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct scan_removal_shipment r;
	int64_t t;

	r.order_id = store_text(s, 0);
	r.fnsku = store_text(s, 1);
	r.file = store_text(s, 2);
	t = sqlite3_column_int64(s, 3);
	r.day = (int32_t)(t >= 0 ? t / 86400 : (t - 86399) / 86400);
	r.shipped = sqlite3_column_int64(s, 4);
	r.line = sqlite3_column_int64(s, 5);
	return ((removal_shipment_cb)cb)(ctx, &r);
}

int
store_scan_removal_shipments(struct store *st,
    int (*cb)(void *ctx, const struct scan_removal_shipment *r), void *ctx)
{
	return store_query(st, "SELECT r.order_id, r.fnsku, f.name,"
	    " r.shipment_time, r.shipped_qty, r.line FROM removal_shipments r"
	    " JOIN files f ON f.id = r.file_id"
	    " ORDER BY r.order_id, r.fnsku, r.shipment_time, r.id", NULL,
	    scan_removal_shipment_row, (scan_fn)cb, ctx);
}

/* Copies a column into a fixed field, truncating. */
static void
scan_copy(char *dst, size_t size, sqlite3_stmt *s, int i)
{
	const char *t = store_text(s, i);
	size_t n = strlen(t);

	if (n >= size)
		n = size - 1;
	memcpy(dst, t, n);
	dst[n] = '\0';
}

int
store_product_by_sku(struct store *st, const char *sku,
    struct scan_product *p)
{
	/* The ledger's products first, then what returns and reimbursements
	 * say of the SKU. */
	static const char *const sql[] = {
		"SELECT fnsku, msku, asin, title FROM products"
		" WHERE msku = ? ORDER BY id LIMIT 1",
		"SELECT fnsku, sku, asin, product_name FROM customer_returns"
		" WHERE sku = ? ORDER BY id LIMIT 1",
		"SELECT fnsku, sku, asin, product_name FROM reimbursements"
		" WHERE sku = ? ORDER BY id LIMIT 1",
	};
	sqlite3_stmt *s;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) !=
		    SQLITE_OK)
			return -1;
		sqlite3_bind_text(s, 1, sku, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			scan_copy(p->fnsku, sizeof(p->fnsku), s, 0);
			scan_copy(p->msku, sizeof(p->msku), s, 1);
			scan_copy(p->asin, sizeof(p->asin), s, 2);
			scan_copy(p->title, sizeof(p->title), s, 3);
		}
		sqlite3_finalize(s);
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}

int
store_unit_cost(struct store *st, const char *sku, int64_t *cost,
    char currency[4])
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT unit_cost, currency"
	    " FROM unit_costs WHERE sku = ?", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, sku, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*cost = sqlite3_column_int64(s, 0);
		scan_copy(currency, 4, s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
scan_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int
store_median_price(struct store *st, const char *sku, const char *currency,
    int64_t from, int64_t to, int64_t *median)
{
	sqlite3_stmt *s;
	int64_t *v = NULL, q;
	size_t n = 0, cap = 0;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT amount, quantity"
	    " FROM settlement_tx WHERE sku = ? AND posted_time >= ?"
	    " AND posted_time < ? AND currency = ?"
	    " AND transaction_type = 'Order' AND amount_type = 'ItemPrice'"
	    " AND amount_description = 'Principal' AND amount > 0", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, sku, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, from);
	sqlite3_bind_int64(s, 3, to);
	sqlite3_bind_text(s, 4, currency, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		/* The principal of an order line is for all its units. */
		q = sqlite3_column_int64(s, 1);
		v[n++] = sqlite3_column_int64(s, 0) / (q > 0 ? q : 1);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return -1;
	}
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), scan_cmp_i64);
	/* Even counts: the mean of the two middle prices, rounded down. */
	*median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	free(v);
	return 1;
}

int
store_order_marketplace(struct store *st, const char *order_id, char *out,
    size_t size)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT marketplace FROM settlement_tx"
	    " WHERE order_id = ? AND marketplace IS NOT NULL ORDER BY id"
	    " LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, order_id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		scan_copy(out, size, s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_ledger_first_day(struct store *st, int32_t *day)
{
	sqlite3_stmt *s;
	int rc, has = 0;

	/* The files' ranges: no scan of the ledger itself. */
	if (sqlite3_prepare_v2(st->db, "SELECT min(range_from) FROM files"
	    " WHERE table_name = 'ledger' AND rows > 0", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*day = sqlite3_column_int(s, 0);
		has = 1;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return -1;
	return has;
}

int
store_order_line(struct store *st, const char *order_id, const char *sku,
    struct scan_order_line *o)
{
	sqlite3_stmt *s;
	int rc;

	/* Principal and its units, promotions and fees of the line. */
	if (sqlite3_prepare_v2(st->db, "SELECT"
	    " total(CASE WHEN amount_type = 'ItemPrice' AND"
	    " amount_description = 'Principal' THEN amount END),"
	    " total(CASE WHEN amount_type = 'ItemPrice' AND"
	    " amount_description = 'Principal' THEN quantity END),"
	    " total(CASE WHEN amount_type = 'Promotion' AND"
	    " amount_description = 'Principal' THEN amount END),"
	    " total(CASE WHEN amount_type = 'ItemFees' THEN amount END),"
	    " max(currency) FROM settlement_tx WHERE order_id = ? AND sku = ?"
	    " AND transaction_type = 'Order'", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, order_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, sku, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		o->principal = (int64_t)sqlite3_column_double(s, 0);
		o->quantity = (int64_t)sqlite3_column_double(s, 1);
		o->promotions = (int64_t)sqlite3_column_double(s, 2);
		o->fees = (int64_t)sqlite3_column_double(s, 3);
		scan_copy(o->currency, sizeof(o->currency), s, 4);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return -1;
	if (o->principal <= 0)
		return 0;
	/* A line without quantity-purchased sold one unit. */
	if (o->quantity <= 0)
		o->quantity = 1;
	return 1;
}

int
store_top_marketplace(struct store *st, char *out, size_t size)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT marketplace FROM settlement_tx"
	    " WHERE transaction_type = 'Order' AND marketplace IS NOT NULL"
	    " AND marketplace <> '' GROUP BY marketplace"
	    " ORDER BY count(DISTINCT order_id) DESC, min(id) LIMIT 1", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		scan_copy(out, size, s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_seller_country(struct store *st, char out[3])
{
	/* The order of the audit's seller marketplace (audit/facts.c): the
	 * marketplace of most orders first, since a Pan-European seller's
	 * ledger may hold more rows abroad than at home; ties go to the
	 * first seen. */
	static const char *const sql[] = {
		"SELECT marketplace FROM settlement_tx WHERE marketplace"
		" IS NOT NULL AND transaction_type = 'Order'"
		" GROUP BY marketplace ORDER BY count(DISTINCT order_id) DESC,"
		" min(id)",
		"SELECT country FROM ledger WHERE length(country) = 2"
		" GROUP BY country ORDER BY count(*) DESC, min(id)",
	};
	sqlite3_stmt *s;
	const char *c;
	size_t i;
	int rc = SQLITE_DONE;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		if (sqlite3_prepare_v2(st->db, sql[i], -1, &s, NULL) !=
		    SQLITE_OK)
			return -1;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			c = store_text(s, 0);
			/* Settlements name marketplaces ("Non-Amazon" too). */
			if (i == 0)
				c = marketplace_country_by_name(c);
			if (c != NULL && strlen(c) == 2) {
				memcpy(out, c, 3);
				break;
			}
		}
		sqlite3_finalize(s);
		if (rc == SQLITE_ROW)
			return 1;
		if (rc != SQLITE_DONE)
			return -1;
	}
	return 0;
}
