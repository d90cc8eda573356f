/*
 * The writers of the report tables. Bulk tables go through multi-row
 * batches (store/batch.c); upserts keyed by natural ids run one row at a
 * time, since those files are small.
 */
#include <stdio.h>

#include <sqlite3.h>

#include "store/batch.h"
#include "store/facts.h"
#include "store/intern.h"
#include "store/store.h"
#include "store/store_int.h"

/* Rows bound per INSERT: past ~32 the gain flattens (measured, bench/). */
#define FACTS_ROWS_PER	32

struct facts_table {
	const char	*name;
	const char	*head;		/* INSERT ... (columns) */
	const char	*tail;		/* ON CONFLICT ..., or NULL */
	int		 rows_per;
	const char	*range_col;	/* the date a range replace reads */
	int		 range_scale;	/* 1: a day column; 86400: seconds */
};

static const struct facts_table facts_tables[STORE_FACT_COUNT] = {
	[STORE_LEDGER] = {
		"ledger",
		"INSERT INTO ledger (file_id, line, day, product_id,"
		" event_type, reference_id, quantity, fc_id, disposition,"
		" reason, country, reconciled_qty, unreconciled_qty,"
		" event_time, event_time_text, store)", NULL,
		FACTS_ROWS_PER, "day", 1 },
	[STORE_REIMBURSEMENTS] = {
		"reimbursements",
		"INSERT INTO reimbursements (file_id, line, approval_time,"
		" approval_text, reimbursement_id, case_id, amazon_order_id,"
		" reason, sku, fnsku, asin, product_name, condition, currency,"
		" amount_per_unit, amount_total, qty_cash, qty_inventory,"
		" qty_total, original_reimbursement_id,"
		" original_reimbursement_type)",
		/* A repeated (id, FNSKU) is one reimbursement: latest wins. */
		"ON CONFLICT (reimbursement_id, fnsku) DO UPDATE SET"
		" file_id = excluded.file_id, line = excluded.line,"
		" approval_time = excluded.approval_time,"
		" approval_text = excluded.approval_text,"
		" case_id = excluded.case_id,"
		" amazon_order_id = excluded.amazon_order_id,"
		" reason = excluded.reason, sku = excluded.sku,"
		" asin = excluded.asin, product_name = excluded.product_name,"
		" condition = excluded.condition, currency = excluded.currency,"
		" amount_per_unit = excluded.amount_per_unit,"
		" amount_total = excluded.amount_total,"
		" qty_cash = excluded.qty_cash,"
		" qty_inventory = excluded.qty_inventory,"
		" qty_total = excluded.qty_total,"
		" original_reimbursement_id ="
		" excluded.original_reimbursement_id,"
		" original_reimbursement_type ="
		" excluded.original_reimbursement_type",
		1, "approval_time", 86400 },
	[STORE_RETURNS] = {
		"customer_returns",
		"INSERT INTO customer_returns (file_id, line, return_time,"
		" return_text, order_id, sku, asin, fnsku, product_name,"
		" quantity, fulfillment_center, detailed_disposition, reason,"
		" status, license_plate_number, customer_comments)", NULL,
		FACTS_ROWS_PER, "return_time", 86400 },
	[STORE_REMOVAL_ORDERS] = {
		"removal_orders",
		"INSERT INTO removal_orders (file_id, line, request_time,"
		" order_id, order_type, order_status, last_updated_time, sku,"
		" fnsku, disposition, requested_qty, cancelled_qty,"
		" disposed_qty, shipped_qty, in_process_qty, removal_fee,"
		" currency, service_speed)",
		"ON CONFLICT (order_id, fnsku, disposition) DO UPDATE SET"
		" file_id = excluded.file_id, line = excluded.line,"
		" request_time = excluded.request_time,"
		" order_type = excluded.order_type,"
		" order_status = excluded.order_status,"
		" last_updated_time = excluded.last_updated_time,"
		" sku = excluded.sku, requested_qty = excluded.requested_qty,"
		" cancelled_qty = excluded.cancelled_qty,"
		" disposed_qty = excluded.disposed_qty,"
		" shipped_qty = excluded.shipped_qty,"
		" in_process_qty = excluded.in_process_qty,"
		" removal_fee = excluded.removal_fee,"
		" currency = excluded.currency,"
		" service_speed = excluded.service_speed",
		1, NULL, 0 },
	[STORE_REMOVAL_SHIPMENTS] = {
		"removal_shipments",
		"INSERT INTO removal_shipments (file_id, line, request_time,"
		" order_id, shipment_time, sku, fnsku, disposition,"
		" shipped_qty, carrier, tracking_number, removal_order_type)",
		NULL, FACTS_ROWS_PER, "shipment_time", 86400 },
	[STORE_SETTLEMENT] = {
		"settlement_tx",
		"INSERT INTO settlement_tx (settlement_id, file_id, line,"
		" transaction_type, order_id, adjustment_id, shipment_id,"
		" marketplace, amount_type, amount_description, amount,"
		" currency, fulfillment_id, posted_time, sku, quantity)", NULL,
		FACTS_ROWS_PER, NULL, 0 },
	[STORE_INBOUND] = { "inbound_items", NULL, NULL, 0, NULL, 0 },
	[STORE_UNIT_COSTS] = { "unit_costs", NULL, NULL, 0, NULL, 0 },
};

/* The batch of table t, opened on first use. */
static struct batch *
facts_batch(struct store *st, enum store_fact t)
{
	const struct facts_table *ft = &facts_tables[t];

	if (!st->batch_open[t]) {
		if (batch_open(&st->batch[t], st->db, ft->head, ft->tail,
		    ft->rows_per) != SQLITE_OK) {
			batch_close(&st->batch[t]);
			return NULL;
		}
		st->batch_open[t] = 1;
	}
	return &st->batch[t];
}

/* Ends a queued row. */
static int
facts_row(struct batch *b)
{
	return batch_row(b) == SQLITE_OK ? 0 : -1;
}

/* The largest rowid of table t, 0 when empty (O(log n): the rowid tree). */
static int
facts_max_rowid(struct store *st, enum store_fact t, int64_t *out)
{
	sqlite3_stmt *s;
	char sql[128];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT coalesce(max(rowid), 0) FROM %s",
	    facts_tables[t].name);
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_load_begin(struct store *st, enum store_fact table)
{
	st->load_table = table;
	return facts_max_rowid(st, table, &st->load_before);
}

/*
 * Deletes the rows dated in days [lo, hi] that older files put in the
 * table. Only the rowid spans of files whose range overlaps are scanned.
 */
static int
facts_replace(struct store *st, int64_t file_id, int32_t lo, int32_t hi)
{
	const struct facts_table *ft = &facts_tables[st->load_table];
	sqlite3_stmt *spans, *del = NULL;
	char sql[256];
	int rc;

	spans = store_stmt(st, STMT_FILE_SPANS, "SELECT row_first, row_last"
	    " FROM files WHERE table_name = ?1 AND id <> ?2"
	    " AND row_first IS NOT NULL AND range_to >= ?3"
	    " AND range_from <= ?4");
	if (spans == NULL)
		return -1;
	snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE rowid BETWEEN ?1"
	    " AND ?2 AND file_id <> ?3 AND %s BETWEEN ?4 * %d AND ?5 * %d"
	    " + %d", ft->name, ft->range_col, ft->range_scale,
	    ft->range_scale, ft->range_scale - 1);
	if (sqlite3_prepare_v2(st->db, sql, -1, &del, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(spans, 1, ft->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(spans, 2, file_id);
	sqlite3_bind_int(spans, 3, lo);
	sqlite3_bind_int(spans, 4, hi);
	while ((rc = sqlite3_step(spans)) == SQLITE_ROW) {
		sqlite3_bind_int64(del, 1, sqlite3_column_int64(spans, 0));
		sqlite3_bind_int64(del, 2, sqlite3_column_int64(spans, 1));
		sqlite3_bind_int64(del, 3, file_id);
		sqlite3_bind_int(del, 4, lo);
		sqlite3_bind_int(del, 5, hi);
		if (sqlite3_step(del) != SQLITE_DONE) {
			rc = SQLITE_ERROR;
			break;
		}
		sqlite3_reset(del);
	}
	sqlite3_reset(spans);
	sqlite3_finalize(del);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_load_end(struct store *st, int64_t file_id, int64_t rows,
    int64_t bad_rows, int32_t lo, int32_t hi, int replace)
{
	const struct facts_table *ft = &facts_tables[st->load_table];
	sqlite3_stmt *s;
	int64_t last;

	if (store_flush(st) == -1 ||
	    facts_max_rowid(st, st->load_table, &last) == -1)
		return -1;
	if (replace && ft->range_col != NULL && lo <= hi &&
	    facts_replace(st, file_id, lo, hi) == -1)
		return -1;
	s = store_stmt(st, STMT_FILE_FINISH,
	    "UPDATE files SET rows = ?, bad_rows = ?, range_from = ?,"
	    " range_to = ?, table_name = ?, row_first = ?, row_last = ?"
	    " WHERE id = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, rows);
	sqlite3_bind_int64(s, 2, bad_rows);
	if (lo <= hi) {
		sqlite3_bind_int(s, 3, lo);
		sqlite3_bind_int(s, 4, hi);
	}
	sqlite3_bind_text(s, 5, ft->name, -1, SQLITE_STATIC);
	if (last > st->load_before) {
		sqlite3_bind_int64(s, 6, st->load_before + 1);
		sqlite3_bind_int64(s, 7, last);
	}
	sqlite3_bind_int64(s, 8, file_id);
	return store_step_done(st, s);
}

int
store_ledger_add(struct store *st, int64_t file_id, const struct ledger_row *r)
{
	struct batch *b;
	int64_t product, event, fc = 0, disp = 0;

	if ((b = facts_batch(st, STORE_LEDGER)) == NULL ||
	    intern_product(st, r->fnsku, r->msku, r->asin, r->title,
	    &product) == -1 ||
	    intern_name(st, INTERN_EVENT_TYPE, r->event_type, &event) == -1 ||
	    (*r->fc != '\0' && intern_name(st, INTERN_FC, r->fc, &fc) == -1) ||
	    (*r->disposition != '\0' &&
	    intern_disposition(st, r->disposition, &disp) == -1))
		return -1;
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_int(b, r->day);
	batch_int(b, product);
	batch_int(b, event);
	batch_text(b, r->reference_id);
	batch_int(b, r->quantity);
	batch_int_opt(b, fc != 0, fc);
	batch_int_opt(b, disp != 0, disp);
	batch_text(b, r->reason);
	batch_text(b, r->country);
	batch_int_opt(b, r->has_reconciled, r->reconciled);
	batch_int_opt(b, r->has_unreconciled, r->unreconciled);
	batch_int_opt(b, r->has_time, r->time);
	batch_text(b, r->time_text);
	batch_text(b, r->store);
	return facts_row(b);
}

int
store_reimbursement_add(struct store *st, int64_t file_id,
    const struct reimbursement_row *r)
{
	struct batch *b;

	if ((b = facts_batch(st, STORE_REIMBURSEMENTS)) == NULL)
		return -1;
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_int(b, r->approval_time);
	batch_text(b, r->approval_text);
	batch_text(b, r->reimbursement_id);
	batch_text(b, r->case_id);
	batch_text(b, r->amazon_order_id);
	batch_text(b, r->reason);
	batch_text(b, r->sku);
	batch_text(b, r->fnsku);
	batch_text(b, r->asin);
	batch_text(b, r->product_name);
	batch_text(b, r->condition);
	batch_text(b, r->currency);
	batch_int_opt(b, r->has_amount_per_unit, r->amount_per_unit);
	batch_int(b, r->amount_total);
	batch_int(b, r->qty_cash);
	batch_int(b, r->qty_inventory);
	batch_int(b, r->qty_total);
	batch_text(b, r->original_id);
	batch_text(b, r->original_type);
	return facts_row(b);
}

int
store_return_add(struct store *st, int64_t file_id, const struct return_row *r)
{
	struct batch *b;

	if ((b = facts_batch(st, STORE_RETURNS)) == NULL)
		return -1;
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_int(b, r->return_time);
	batch_text(b, r->return_text);
	batch_text(b, r->order_id);
	batch_text(b, r->sku);
	batch_text(b, r->asin);
	batch_text(b, r->fnsku);
	batch_text(b, r->product_name);
	batch_int(b, r->quantity);
	batch_text(b, r->fc);
	batch_text(b, r->detailed_disposition);
	batch_text(b, r->reason);
	batch_text(b, r->status);
	batch_text(b, r->lpn);
	batch_text(b, r->customer_comments);
	return facts_row(b);
}

int
store_removal_order_add(struct store *st, int64_t file_id,
    const struct removal_order_row *r)
{
	struct batch *b;

	if ((b = facts_batch(st, STORE_REMOVAL_ORDERS)) == NULL)
		return -1;
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_int(b, r->request_time);
	batch_text(b, r->order_id);
	batch_text(b, r->order_type);
	batch_text(b, r->order_status);
	batch_int(b, r->last_updated_time);
	batch_text(b, r->sku);
	batch_text(b, r->fnsku);
	batch_text(b, r->disposition);
	batch_int(b, r->requested);
	batch_int(b, r->cancelled);
	batch_int(b, r->disposed);
	batch_int(b, r->shipped);
	batch_int(b, r->in_process);
	batch_int_opt(b, r->has_fee, r->fee);
	batch_text(b, r->currency);
	batch_text(b, r->service_speed);
	return facts_row(b);
}

int
store_removal_shipment_add(struct store *st, int64_t file_id,
    const struct removal_shipment_row *r)
{
	struct batch *b;

	if ((b = facts_batch(st, STORE_REMOVAL_SHIPMENTS)) == NULL)
		return -1;
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_int(b, r->request_time);
	batch_text(b, r->order_id);
	batch_int(b, r->shipment_time);
	batch_text(b, r->sku);
	batch_text(b, r->fnsku);
	batch_text(b, r->disposition);
	batch_int(b, r->shipped);
	batch_text(b, r->carrier);
	batch_text(b, r->tracking_number);
	batch_text(b, r->removal_order_type);
	return facts_row(b);
}

int
store_settlement_begin(struct store *st, int64_t file_id,
    const struct settlement_row *r)
{
	sqlite3_stmt *s;

	if (store_flush(st) == -1)
		return -1;
	s = store_stmt(st, STMT_SETTLEMENT_TX_DELETE,
	    "DELETE FROM settlement_tx WHERE settlement_id = ?");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->settlement_id, -1, SQLITE_STATIC);
	if (store_step_done(st, s) == -1)
		return -1;
	s = store_stmt(st, STMT_SETTLEMENT_ADD,
	    "INSERT OR REPLACE INTO settlements (settlement_id, file_id,"
	    " start_time, end_time, deposit_time, total_amount, currency)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, r->settlement_id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, file_id);
	if (r->has_start)
		sqlite3_bind_int64(s, 3, r->start_time);
	if (r->has_end)
		sqlite3_bind_int64(s, 4, r->end_time);
	if (r->has_deposit)
		sqlite3_bind_int64(s, 5, r->deposit_time);
	if (r->has_total)
		sqlite3_bind_int64(s, 6, r->total);
	if (r->currency != NULL && *r->currency != '\0')
		sqlite3_bind_text(s, 7, r->currency, -1, SQLITE_STATIC);
	return store_step_done(st, s);
}

int
store_settlement_tx_add(struct store *st, int64_t file_id,
    const struct settlement_tx_row *r)
{
	struct batch *b;

	if ((b = facts_batch(st, STORE_SETTLEMENT)) == NULL)
		return -1;
	batch_text(b, r->settlement_id);
	batch_int(b, file_id);
	batch_int(b, r->line);
	batch_text(b, r->transaction_type);
	batch_text(b, r->order_id);
	batch_text(b, r->adjustment_id);
	batch_text(b, r->shipment_id);
	batch_text(b, r->marketplace);
	batch_text(b, r->amount_type);
	batch_text(b, r->amount_description);
	batch_int(b, r->amount);
	batch_text(b, r->currency);
	batch_text(b, r->fulfillment_id);
	batch_int_opt(b, r->has_posted, r->posted_time);
	batch_text(b, r->sku);
	batch_int_opt(b, r->has_quantity, r->quantity);
	return facts_row(b);
}

int
store_inbound_shipment_add(struct store *st, int64_t file_id,
    const struct inbound_shipment_row *r)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_INBOUND_SHIPMENT,
	    "INSERT INTO inbound_shipments (shipment_id, file_id, name,"
	    " status, destination_fc) VALUES (?, ?, ?, ?, ?)"
	    " ON CONFLICT (shipment_id) DO UPDATE SET"
	    " file_id = excluded.file_id,"
	    " name = coalesce(excluded.name, name),"
	    " status = coalesce(excluded.status, status),"
	    " destination_fc = coalesce(excluded.destination_fc,"
	    " destination_fc)");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, r->shipment_id);
	sqlite3_bind_int64(s, 2, file_id);
	store_bind_text(s, 3, r->name);
	store_bind_text(s, 4, r->status);
	store_bind_text(s, 5, r->destination_fc);
	return store_step_done(st, s);
}

/*
 * Runs statement i (sql) on the item r: ?1 shipment id, ?2 SKU, ?3 FNSKU
 * and, where the statement has them, ?4 file, ?5 shipped, ?6 received
 * (NULL: unknown). Returns 0 or -1.
 */
static int
facts_item_step(struct store *st, enum store_stmt i, const char *sql,
    int64_t file_id, const struct inbound_item_row *r)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, i, sql)) == NULL)
		return -1;
	store_bind_text(s, 1, r->shipment_id);
	store_bind_text(s, 2, r->sku);
	store_bind_text(s, 3, r->fnsku);
	if (sqlite3_bind_parameter_count(s) >= 6) {
		sqlite3_bind_int64(s, 4, file_id);
		sqlite3_bind_int64(s, 5, r->shipped);
		if (r->has_received)
			sqlite3_bind_int64(s, 6, r->received);
	}
	return store_step_done(st, s);
}

/* The item's FNSKU is known: adopt a row stored without it, then upsert. */
static int
facts_item_by_fnsku(struct store *st, int64_t file_id,
    const struct inbound_item_row *r)
{
	/* OR IGNORE: when (shipment, FNSKU) is stored too, the next
	 * statement drops the FNSKU-less row instead. */
	if (facts_item_step(st, STMT_INBOUND_ITEM_ADOPT,
	    "UPDATE OR IGNORE inbound_items SET fnsku = ?3"
	    " WHERE shipment_id = ?1 AND sku = ?2 AND fnsku IS NULL",
	    file_id, r) == -1 ||
	    facts_item_step(st, STMT_INBOUND_ITEM_ORPHAN,
	    "DELETE FROM inbound_items WHERE shipment_id = ?1 AND sku = ?2"
	    " AND fnsku IS NULL AND ?3 IS NOT NULL", file_id, r) == -1)
		return -1;
	return facts_item_step(st, STMT_INBOUND_ITEM,
	    "INSERT INTO inbound_items (shipment_id, sku, fnsku, file_id,"
	    " qty_shipped, qty_received) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT (shipment_id, fnsku) DO UPDATE SET"
	    " file_id = excluded.file_id, sku = excluded.sku,"
	    " qty_shipped = excluded.qty_shipped,"
	    " qty_received = coalesce(excluded.qty_received, qty_received)",
	    file_id, r);
}

/* The item's FNSKU is unknown: the SKU finds it in its shipment. */
static int
facts_item_by_sku(struct store *st, int64_t file_id,
    const struct inbound_item_row *r)
{
	if (facts_item_step(st, STMT_INBOUND_ITEM_BY_SKU,
	    "UPDATE inbound_items SET file_id = ?4, qty_shipped = ?5,"
	    " qty_received = coalesce(?6, qty_received)"
	    " WHERE shipment_id = ?1 AND sku = ?2 AND ?3 IS NULL",
	    file_id, r) == -1)
		return -1;
	if (sqlite3_changes(st->db) > 0)
		return 0;
	return facts_item_step(st, STMT_INBOUND_ITEM_NEW,
	    "INSERT INTO inbound_items (shipment_id, sku, fnsku, file_id,"
	    " qty_shipped, qty_received) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	    file_id, r);
}

int
store_inbound_item_add(struct store *st, int64_t file_id,
    const struct inbound_item_row *r)
{
	if (r->fnsku != NULL && *r->fnsku != '\0')
		return facts_item_by_fnsku(st, file_id, r);
	return facts_item_by_sku(st, file_id, r);
}

int
store_unit_cost_add(struct store *st, int64_t file_id, const char *sku,
    int64_t cost, const char *currency)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_UNIT_COST,
	    "INSERT INTO unit_costs (sku, file_id, unit_cost, currency)"
	    " VALUES (?, ?, ?, ?) ON CONFLICT (sku) DO UPDATE SET"
	    " file_id = excluded.file_id, unit_cost = excluded.unit_cost,"
	    " currency = excluded.currency");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, sku);
	sqlite3_bind_int64(s, 2, file_id);
	sqlite3_bind_int64(s, 3, cost);
	store_bind_text(s, 4, currency);
	return store_step_done(st, s);
}
