/*
 * Writing imported reports into the store: the file registry and one
 * writer per report table. Rows are queued in batches and flushed at
 * commit; text arguments are copied, so callers may reuse their buffers.
 * Every function returns 0, or -1 on an SQLite error (see store_errmsg).
 */
#ifndef FBAUDIT_FACTS_H
#define FBAUDIT_FACTS_H

#include <stdint.h>

#include "store/find.h"

struct store;

/* The report tables; the import of one file writes one of them. */
enum store_fact {
	STORE_LEDGER,
	STORE_REIMBURSEMENTS,
	STORE_RETURNS,
	STORE_REMOVAL_ORDERS,
	STORE_REMOVAL_SHIPMENTS,
	STORE_SETTLEMENT,
	STORE_INBOUND,
	STORE_UNIT_COSTS,
	STORE_FACT_COUNT
};

/* An imported file, as the registry knows it. */
struct store_file {
	int64_t		 id;
	const char	*sha256;	/* 64 hex digits */
	const char	*type;		/* report type name */
	const char	*name;		/* the file's base name */
	const char	*charset;
	int		 gzip;
};

/*
 * Looks a file up by its SHA-256: found with its id and import time, not
 * found when it was never imported, or an error.
 */
enum store_find	 store_file_find(struct store *st, const char *sha256, int64_t *id,
	    int64_t *imported_at);
/* Registers a file being imported; sets f->id. */
int	 store_file_add(struct store *st, struct store_file *f);
/* Records a row skipped by --lenient. */
int	 store_import_error(struct store *st, int64_t file_id, int64_t line,
	    const char *column, const char *reason);
/* Starts loading a file's rows into table (one load at a time). */
int	 store_load_begin(struct store *st, enum store_fact table);
/*
 * Ends the load of file_id: flushes its rows, records its row counts,
 * rowid span and the days [lo, hi] it covers (none: lo > hi) and, when
 * replace, deletes the rows older files put in those days: a newer report
 * of a range replaces the older one.
 */
int	 store_load_end(struct store *st, int64_t file_id, int64_t rows,
	    int64_t bad_rows, int32_t lo, int32_t hi, int replace);

/* Optional integers carry a flag; optional text is NULL or "". */
struct ledger_row {
	int64_t		 line;
	int32_t		 day;
	const char	*fnsku, *asin, *msku, *title;
	const char	*event_type;
	const char	*reference_id;
	int64_t		 quantity;
	const char	*fc;
	const char	*disposition;	/* upper-cased by the store */
	const char	*reason;
	const char	*country;
	int		 has_reconciled, has_unreconciled, has_time;
	int64_t		 reconciled, unreconciled;
	int64_t		 time;
	const char	*time_text;	/* original text when it had an offset */
	const char	*store;
};

/* Queues one ledger event. */
int	 store_ledger_add(struct store *st, int64_t file_id,
	    const struct ledger_row *r);

struct reimbursement_row {
	int64_t		 line;
	int64_t		 approval_time;
	const char	*approval_text;
	const char	*reimbursement_id, *case_id, *amazon_order_id;
	const char	*reason, *sku, *fnsku, *asin, *product_name;
	const char	*condition, *currency;
	int		 has_amount_per_unit;
	int64_t		 amount_per_unit, amount_total;
	int64_t		 qty_cash, qty_inventory, qty_total;
	const char	*original_id, *original_type;
};

/* Queues one reimbursement; a repeat of (reimbursement id, FNSKU) wins. */
int	 store_reimbursement_add(struct store *st, int64_t file_id,
	    const struct reimbursement_row *r);

struct return_row {
	int64_t		 line;
	int64_t		 return_time;
	const char	*return_text;
	const char	*order_id, *sku, *asin, *fnsku, *product_name;
	int64_t		 quantity;
	const char	*fc, *detailed_disposition, *reason, *status;
	const char	*lpn, *customer_comments;
};

/* Queues one customer return. */
int	 store_return_add(struct store *st, int64_t file_id,
	    const struct return_row *r);

struct removal_order_row {
	int64_t		 line;
	int64_t		 request_time, last_updated_time;
	const char	*order_id, *order_type, *order_status;
	const char	*sku, *fnsku, *disposition;
	int64_t		 requested, cancelled, disposed, shipped, in_process;
	int		 has_fee;
	int64_t		 fee;
	const char	*currency, *service_speed;
};

/* Upserts one removal order line by (order id, FNSKU, disposition). */
int	 store_removal_order_add(struct store *st, int64_t file_id,
	    const struct removal_order_row *r);

struct removal_shipment_row {
	int64_t		 line;
	int64_t		 request_time, shipment_time;
	const char	*order_id, *sku, *fnsku, *disposition;
	int64_t		 shipped;
	const char	*carrier, *tracking_number, *removal_order_type;
};

/* Queues one removal shipment. */
int	 store_removal_shipment_add(struct store *st, int64_t file_id,
	    const struct removal_shipment_row *r);

struct settlement_row {
	const char	*settlement_id;
	int		 has_start, has_end, has_deposit, has_total;
	int64_t		 start_time, end_time, deposit_time, total;
	const char	*currency;
};

/* Replaces a settlement: forgets its earlier rows, records the summary. */
int	 store_settlement_begin(struct store *st, int64_t file_id,
	    const struct settlement_row *r);

struct settlement_tx_row {
	int64_t		 line;
	const char	*settlement_id;
	const char	*transaction_type, *order_id, *adjustment_id;
	const char	*shipment_id, *marketplace;
	const char	*amount_type, *amount_description;
	int64_t		 amount;
	const char	*currency, *fulfillment_id;
	int		 has_posted, has_quantity;
	int64_t		 posted_time, quantity;
	const char	*sku;
};

/* Queues one settlement amount (an order, refund or other transaction). */
int	 store_settlement_tx_add(struct store *st, int64_t file_id,
	    const struct settlement_tx_row *r);

/* Optional text ("" or NULL) is unknown: stored NULL, never erasing. */
struct inbound_shipment_row {
	const char	*shipment_id, *name, *status, *destination_fc;
};

/*
 * Upserts an inbound shipment by its id; a field the newer response
 * leaves out keeps what an older one said.
 */
int	 store_inbound_shipment_add(struct store *st, int64_t file_id,
	    const struct inbound_shipment_row *r);

/* fnsku "" and has_received 0 are unknown (NULL), never 0. */
struct inbound_item_row {
	const char	*shipment_id, *sku, *fnsku;
	int		 has_received;
	int64_t		 shipped, received;
};

/*
 * Upserts an inbound shipment item by (shipment id, FNSKU), or by
 * (shipment id, SKU) while its FNSKU is unknown; an item stored without
 * FNSKU takes it when a later response gives it. A newer response's
 * quantities win, but an unknown QuantityReceived keeps the known one.
 */
int	 store_inbound_item_add(struct store *st, int64_t file_id,
	    const struct inbound_item_row *r);

/* Upserts a seller-supplied unit cost by SKU. */
int	 store_unit_cost_add(struct store *st, int64_t file_id,
	    const char *sku, int64_t cost, const char *currency);

#endif
