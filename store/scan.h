/*
 * Reading the facts the audit needs, row by row, in the order the
 * detectors match them. Strings in a row are valid only during the
 * callback. A callback returns 0 to go on, non-zero to stop (returned).
 * Every function returns 0, the callback's stop value, or -1 on an SQLite
 * error (see store_errmsg).
 */
#ifndef FBAUDIT_SCAN_H
#define FBAUDIT_SCAN_H

#include <stdint.h>

struct store;

/* A ledger Adjustments row with a reason code. */
struct scan_adjustment {
	const char	*fnsku, *msku, *asin, *title, *reason;
	const char	*reference, *fc, *country, *file;
	int32_t		 day;
	int64_t		 quantity, line;
};

/* Adjustments with a reason, by FNSKU, day, then file order. */
int	 store_scan_adjustments(struct store *st,
	    int (*cb)(void *ctx, const struct scan_adjustment *r), void *ctx);

struct scan_reimbursement {
	const char	*fnsku, *sku, *asin, *title, *reason;
	const char	*reimbursement_id, *case_id, *order_id, *original_id;
	const char	*currency, *file;
	int64_t		 time;
	int32_t		 day;
	int		 has_per_unit;
	int64_t		 amount_per_unit, amount_total;
	int64_t		 qty_cash, qty_total, line;
};

/* Every reimbursement, by FNSKU, approval time, then file order. */
int	 store_scan_reimbursements(struct store *st,
	    int (*cb)(void *ctx, const struct scan_reimbursement *r), void *ctx);

/* A refund's principal amount row in the settlement data. */
struct scan_refund {
	const char	*order_id, *sku, *marketplace, *currency, *file;
	int32_t		 day;
	int		 has_quantity;
	int64_t		 quantity, line;
	int64_t		 amount;	/* the principal refunded, minor units */
};

/* Refund principal rows, by order, SKU, posted time. */
int	 store_scan_refunds(struct store *st,
	    int (*cb)(void *ctx, const struct scan_refund *r), void *ctx);

struct scan_return {
	const char	*order_id, *sku, *fnsku, *asin, *title;
	const char	*disposition, *fc, *file;
	int32_t		 day;
	int64_t		 quantity, line;
};

/* Customer returns, by order, FNSKU, return time. */
int	 store_scan_returns(struct store *st,
	    int (*cb)(void *ctx, const struct scan_return *r), void *ctx);

/* An inbound shipment item, with its delivery day from the ledger. */
struct scan_inbound {
	const char	*shipment_id, *fnsku, *sku, *status, *fc, *file;
	const char	*country;	/* of the receipts, "" if none */
	int64_t		 shipped, received;
	int		 has_delivery;
	int32_t		 delivery;	/* earliest Receipts event */
};

/* Inbound items of CLOSED shipments short of what was shipped. */
int	 store_scan_inbound_short(struct store *st,
	    int (*cb)(void *ctx, const struct scan_inbound *r), void *ctx);

struct scan_removal {
	const char	*order_id, *fnsku, *sku, *status, *disposition, *file;
	int32_t		 day;		/* last-updated-date */
	int64_t		 requested, cancelled, disposed, shipped, line;
};

/* Removal order lines, by order and FNSKU. */
int	 store_scan_removals(struct store *st,
	    int (*cb)(void *ctx, const struct scan_removal *r), void *ctx);

/* A removal shipment detail row. */
struct scan_removal_shipment {
	const char	*order_id, *fnsku, *file;
	int32_t		 day;		/* shipment-date: its creation */
	int64_t		 shipped, line;
};

/* Removal shipments, by order, FNSKU, shipment time. */
int	 store_scan_removal_shipments(struct store *st,
	    int (*cb)(void *ctx, const struct scan_removal_shipment *r),
	    void *ctx);

/* What an order line of the settlement data sold for. */
struct scan_order_line {
	int64_t	 principal;	/* ItemPrice/Principal, all units */
	int64_t	 quantity;	/* quantity-purchased of those rows */
	int64_t	 promotions;	/* Promotion/Principal (negative) */
	int64_t	 fees;		/* ItemFees (negative) */
	char	 currency[4];
};

/*
 * The Order rows of order_id and sku, summed: 1 found (into *o), 0 no
 * such order line (or no positive principal), -1 error.
 */
int	 store_order_line(struct store *st, const char *order_id,
	    const char *sku, struct scan_order_line *o);
/*
 * The country-less marketplace name most settlement orders were placed
 * on, into out (ties: the name first in order): 1, 0 none, -1 error.
 */
int	 store_top_marketplace(struct store *st, char *out, size_t size);

/* A product as the reports name it. */
struct scan_product {
	char	 fnsku[64], msku[128], asin[32], title[512];
};

/* The product a seller SKU names: 1 found (into *p), 0 unknown, -1. */
int	 store_product_by_sku(struct store *st, const char *sku,
	    struct scan_product *p);
/* The seller's unit cost of a SKU: 1 found, 0 none, -1 error. */
int	 store_unit_cost(struct store *st, const char *sku, int64_t *cost,
	    char currency[4]);
/*
 * The median per-unit sale price of a SKU in currency over orders posted
 * in [from, to) (UTC seconds): 1 found, 0 no sale, -1 error.
 */
int	 store_median_price(struct store *st, const char *sku,
	    const char *currency, int64_t from, int64_t to, int64_t *median);
/* The first day the seller's ledger covers: 1 with *day, 0 none, -1. */
int	 store_ledger_first_day(struct store *st, int32_t *day);
/* The country-less marketplace name of an order, into out: 1, 0, -1. */
int	 store_order_marketplace(struct store *st, const char *order_id,
	    char *out, size_t size);
/*
 * The seller's country as its stored reports tell it: the country of the
 * marketplace most of its settlement orders were placed on, else the
 * Country most of its ledger rows carry. Into out (3 bytes): 1 found,
 * 0 none, -1.
 */
int	 store_seller_country(struct store *st, char out[3]);

#endif
