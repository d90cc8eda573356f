/*
 * The removal order detail report (GET_FBA_FULFILLMENT_REMOVAL_ORDER
 * _DETAIL_DATA): what the seller asked Amazon to return or dispose of,
 * and what became of it. Upserted by (order id, FNSKU, disposition).
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/facts.h"

enum {
	RO_REQUEST, RO_ORDER, RO_TYPE, RO_STATUS, RO_UPDATED, RO_SKU,
	RO_FNSKU, RO_DISPOSITION, RO_REQUESTED, RO_CANCELLED, RO_DISPOSED,
	RO_SHIPPED, RO_IN_PROCESS, RO_FEE, RO_CURRENCY, RO_SPEED
};

static const struct tsv_column removal_orders_columns[] = {
	[RO_REQUEST] = { "request-date", 1, NULL },
	[RO_ORDER] = { "order-id", 1, NULL },
	[RO_TYPE] = { "order-type", 1, NULL },
	[RO_STATUS] = { "order-status", 1, NULL },
	[RO_UPDATED] = { "last-updated-date", 1, NULL },
	[RO_SKU] = { "sku", 1, NULL },
	[RO_FNSKU] = { "fnsku", 1, NULL },
	[RO_DISPOSITION] = { "disposition", 1, NULL },
	[RO_REQUESTED] = { "requested-quantity", 1, NULL },
	[RO_CANCELLED] = { "cancelled-quantity", 1, NULL },
	[RO_DISPOSED] = { "disposed-quantity", 1, NULL },
	[RO_SHIPPED] = { "shipped-quantity", 1, NULL },
	[RO_IN_PROCESS] = { "in-process-quantity", 1, NULL },
	[RO_FEE] = { "removal-fee", 1, NULL },
	[RO_CURRENCY] = { "currency", 1, NULL },
	[RO_SPEED] = { "service-speed", 0, NULL },
};

static const char *const removal_orders_signature[] = {
	"requested-quantity", "order-status", NULL
};

/* An optional count: empty is 0 (Amazon leaves pending counts empty). */
static int
removal_orders_count(struct ingest *ig, int c, int64_t *out)
{
	int has;

	return field_int_opt(ig, c, 0, MAX_QUANTITY, &has, out);
}

static int
removal_orders_row(struct ingest *ig)
{
	struct removal_order_row r;
	struct date_parsed req, upd;

	if (field_date(ig, RO_REQUEST, &req) == -1 ||
	    field_required(ig, RO_ORDER) == -1 ||
	    field_required(ig, RO_STATUS) == -1 ||
	    field_date(ig, RO_UPDATED, &upd) == -1 ||
	    field_required(ig, RO_FNSKU) == -1 ||
	    /* Part of the line's key: one order holds a line per one. */
	    field_required(ig, RO_DISPOSITION) == -1 ||
	    field_int(ig, RO_REQUESTED, 0, MAX_QUANTITY, &r.requested) == -1 ||
	    removal_orders_count(ig, RO_CANCELLED, &r.cancelled) == -1 ||
	    removal_orders_count(ig, RO_DISPOSED, &r.disposed) == -1 ||
	    removal_orders_count(ig, RO_SHIPPED, &r.shipped) == -1 ||
	    removal_orders_count(ig, RO_IN_PROCESS, &r.in_process) == -1)
		return -1;
	r.has_fee = 0;
	r.fee = 0;
	if (*field(ig, RO_FEE) != '\0' &&
	    (field_currency(ig, RO_CURRENCY) == -1 ||
	    field_money_opt(ig, RO_FEE, field(ig, RO_CURRENCY), &r.has_fee,
	    &r.fee) == -1))
		return -1;
	r.line = ig->line;
	r.request_time = req.secs;
	r.last_updated_time = upd.secs;
	r.order_id = field(ig, RO_ORDER);
	r.order_type = field(ig, RO_TYPE);
	r.order_status = field(ig, RO_STATUS);
	r.sku = field(ig, RO_SKU);
	r.fnsku = field(ig, RO_FNSKU);
	r.disposition = field(ig, RO_DISPOSITION);
	r.currency = field(ig, RO_CURRENCY);
	r.service_speed = field(ig, RO_SPEED);
	ingest_span(ig, req.day);
	if (store_removal_order_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind removal_orders_kind = {
	.name = "removal_orders",
	.format = REPORT_TSV,
	.table = STORE_REMOVAL_ORDERS,
	.columns = removal_orders_columns,
	.ncolumns = sizeof(removal_orders_columns) /
	    sizeof(removal_orders_columns[0]),
	.signature = removal_orders_signature,
	.row = removal_orders_row,
};
