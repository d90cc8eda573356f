/*
 * The FBA customer returns report (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS
 * _DATA): units customers sent back, with the condition Amazon found.
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/facts.h"

enum {
	RT_DATE, RT_ORDER, RT_SKU, RT_ASIN, RT_FNSKU, RT_NAME, RT_QUANTITY,
	RT_FC, RT_DISPOSITION, RT_REASON, RT_STATUS, RT_LPN, RT_COMMENTS
};

static const struct tsv_column returns_columns[] = {
	[RT_DATE] = { "return-date", 1, NULL },
	[RT_ORDER] = { "order-id", 1, NULL },
	[RT_SKU] = { "sku", 1, NULL },
	[RT_ASIN] = { "asin", 1, NULL },
	[RT_FNSKU] = { "fnsku", 1, NULL },
	[RT_NAME] = { "product-name", 1, NULL },
	[RT_QUANTITY] = { "quantity", 1, NULL },
	[RT_FC] = { "fulfillment-center-id", 1, NULL },
	[RT_DISPOSITION] = { "detailed-disposition", 1, NULL },
	[RT_REASON] = { "reason", 1, NULL },
	[RT_STATUS] = { "status", 1, NULL },
	[RT_LPN] = { "license-plate-number", 1, NULL },
	[RT_COMMENTS] = { "customer-comments", 1, NULL },
};

static const char *const returns_signature[] = {
	"return-date", "detailed-disposition", NULL
};

static int
returns_row(struct ingest *ig)
{
	struct return_row r;
	struct date_parsed d;

	if (field_date(ig, RT_DATE, &d) == -1 ||
	    field_required(ig, RT_ORDER) == -1 ||
	    field_required(ig, RT_FNSKU) == -1 ||
	    field_int(ig, RT_QUANTITY, 0, MAX_QUANTITY, &r.quantity) == -1)
		return -1;
	r.line = ig->line;
	r.return_time = d.secs;
	r.return_text = d.has_offset ? field(ig, RT_DATE) : NULL;
	r.order_id = field(ig, RT_ORDER);
	r.sku = field(ig, RT_SKU);
	r.asin = field(ig, RT_ASIN);
	r.fnsku = field(ig, RT_FNSKU);
	r.product_name = field(ig, RT_NAME);
	r.fc = field(ig, RT_FC);
	r.detailed_disposition = field(ig, RT_DISPOSITION);
	r.reason = field(ig, RT_REASON);
	r.status = field(ig, RT_STATUS);
	r.lpn = field(ig, RT_LPN);
	r.customer_comments = field(ig, RT_COMMENTS);
	ingest_span(ig, d.day);
	if (store_return_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind returns_kind = {
	.name = "returns",
	.format = REPORT_TSV,
	.table = STORE_RETURNS,
	.columns = returns_columns,
	.ncolumns = sizeof(returns_columns) / sizeof(returns_columns[0]),
	.signature = returns_signature,
	.range_replace = 1,
	.row = returns_row,
};
