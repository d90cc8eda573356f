/*
 * The Inventory Ledger detail report (GET_LEDGER_DETAIL_VIEW_DATA): one
 * row per inventory event of an FNSKU at a fulfilment centre. The hot
 * path of import: nothing here allocates.
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/facts.h"

enum {
	L_DATE, L_FNSKU, L_ASIN, L_MSKU, L_TITLE, L_EVENT_TYPE, L_REFERENCE,
	L_QUANTITY, L_FC, L_DISPOSITION, L_REASON, L_COUNTRY, L_RECONCILED,
	L_UNRECONCILED, L_DATETIME, L_STORE
};

static const struct tsv_column ledger_columns[] = {
	[L_DATE] = { "Date", 1 },
	[L_FNSKU] = { "FNSKU", 1 },
	[L_ASIN] = { "ASIN", 1 },
	[L_MSKU] = { "MSKU", 1 },
	[L_TITLE] = { "Title", 1 },
	[L_EVENT_TYPE] = { "Event Type", 1 },
	[L_REFERENCE] = { "Reference ID", 1 },
	[L_QUANTITY] = { "Quantity", 1 },
	[L_FC] = { "Fulfillment Center", 1 },
	[L_DISPOSITION] = { "Disposition", 1 },
	[L_REASON] = { "Reason", 1 },
	[L_COUNTRY] = { "Country", 1 },
	[L_RECONCILED] = { "Reconciled Quantity", 0 },
	[L_UNRECONCILED] = { "Unreconciled Quantity", 0 },
	[L_DATETIME] = { "Date and Time", 0 },
	[L_STORE] = { "Store", 0 },
};

static const char *const ledger_signature[] = {
	"Event Type", "Reference ID", "FNSKU", NULL
};

static int
ledger_row(struct ingest *ig)
{
	struct ledger_row r;
	struct date_parsed d, t;

	if (field_date(ig, L_DATE, &d) == -1 ||
	    field_required(ig, L_FNSKU) == -1 ||
	    field_required(ig, L_EVENT_TYPE) == -1 ||
	    field_int(ig, L_QUANTITY, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.quantity) == -1 ||
	    field_int_opt(ig, L_RECONCILED, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.has_reconciled, &r.reconciled) == -1 ||
	    field_int_opt(ig, L_UNRECONCILED, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.has_unreconciled, &r.unreconciled) == -1 ||
	    field_date_opt(ig, L_DATETIME, &r.has_time, &t) == -1)
		return -1;
	r.line = ig->line;
	r.day = d.day;
	r.fnsku = field(ig, L_FNSKU);
	r.asin = field(ig, L_ASIN);
	r.msku = field(ig, L_MSKU);
	r.title = field(ig, L_TITLE);
	r.event_type = field(ig, L_EVENT_TYPE);
	r.reference_id = field(ig, L_REFERENCE);
	r.fc = field(ig, L_FC);
	r.disposition = field(ig, L_DISPOSITION);
	r.reason = field(ig, L_REASON);
	r.country = field(ig, L_COUNTRY);
	r.time = t.secs;
	r.time_text = t.has_offset ? field(ig, L_DATETIME) : NULL;
	r.store = field(ig, L_STORE);
	ingest_span(ig, r.day);
	if (store_ledger_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind ledger_kind = {
	.name = "ledger",
	.format = REPORT_TSV,
	.table = STORE_LEDGER,
	.columns = ledger_columns,
	.ncolumns = sizeof(ledger_columns) / sizeof(ledger_columns[0]),
	.signature = ledger_signature,
	.range_replace = 1,
	.row = ledger_row,
};
