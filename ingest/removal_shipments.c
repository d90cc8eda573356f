/*
 * The removal shipment detail report (GET_FBA_FULFILLMENT_REMOVAL
 * _SHIPMENT_DETAIL_DATA): the parcels Amazon shipped back for removal
 * orders. A file replaces the shipments dated in its range.
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/facts.h"

enum {
	RS_REQUEST, RS_ORDER, RS_SHIPPED_AT, RS_SKU, RS_FNSKU,
	RS_DISPOSITION, RS_QUANTITY, RS_CARRIER, RS_TRACKING, RS_TYPE
};

static const struct tsv_column removal_shipments_columns[] = {
	[RS_REQUEST] = { "request-date", 1, NULL },
	[RS_ORDER] = { "order-id", 1, NULL },
	[RS_SHIPPED_AT] = { "shipment-date", 1, NULL },
	[RS_SKU] = { "sku", 1, NULL },
	[RS_FNSKU] = { "fnsku", 1, NULL },
	[RS_DISPOSITION] = { "disposition", 1, NULL },
	[RS_QUANTITY] = { "shipped-quantity", 1, NULL },
	[RS_CARRIER] = { "carrier", 1, NULL },
	[RS_TRACKING] = { "tracking-number", 1, NULL },
	[RS_TYPE] = { "removal-order-type", 1, NULL },
};

static const char *const removal_shipments_signature[] = {
	"shipment-date", "tracking-number", NULL
};

static int
removal_shipments_row(struct ingest *ig)
{
	struct removal_shipment_row r;
	struct date_parsed req, ship;

	if (field_date(ig, RS_REQUEST, &req) == -1 ||
	    field_required(ig, RS_ORDER) == -1 ||
	    field_date(ig, RS_SHIPPED_AT, &ship) == -1 ||
	    field_required(ig, RS_FNSKU) == -1 ||
	    field_int(ig, RS_QUANTITY, 0, MAX_QUANTITY, &r.shipped) == -1)
		return -1;
	r.line = ig->line;
	r.request_time = req.secs;
	r.shipment_time = ship.secs;
	r.order_id = field(ig, RS_ORDER);
	r.sku = field(ig, RS_SKU);
	r.fnsku = field(ig, RS_FNSKU);
	r.disposition = field(ig, RS_DISPOSITION);
	r.carrier = field(ig, RS_CARRIER);
	r.tracking_number = field(ig, RS_TRACKING);
	r.removal_order_type = field(ig, RS_TYPE);
	ingest_span(ig, ship.day);
	if (store_removal_shipment_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind removal_shipments_kind = {
	.name = "removal_shipments",
	.format = REPORT_TSV,
	.table = STORE_REMOVAL_SHIPMENTS,
	.columns = removal_shipments_columns,
	.ncolumns = sizeof(removal_shipments_columns) /
	    sizeof(removal_shipments_columns[0]),
	.signature = removal_shipments_signature,
	.range_replace = 1,
	.row = removal_shipments_row,
};
