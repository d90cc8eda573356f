/*
 * The Inventory Ledger detail report (GET_LEDGER_DETAIL_VIEW_DATA): one
 * row per inventory event of an FNSKU at a fulfilment centre. The hot
 * path of import: nothing here allocates.
 *
 * Three layouts are in use: the 11 columns of older files (no Country),
 * the 12 with Country, and 16 with Reconciled Quantity, Unreconciled
 * Quantity, Date and Time and Store. Columns are found by name, so one
 * table reads them all.
 */
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/report.h"
#include "lib/mem.h"
#include "store/facts.h"
#include "store/scan.h"

enum {
	L_DATE, L_FNSKU, L_ASIN, L_MSKU, L_TITLE, L_EVENT_TYPE, L_REFERENCE,
	L_QUANTITY, L_FC, L_DISPOSITION, L_REASON, L_COUNTRY, L_RECONCILED,
	L_UNRECONCILED, L_DATETIME, L_STORE
};

/*
 * Japanese names of the columns. Seller Central writes the headers of
 * some reports in the language of the account's "Language for feed
 * processing report" (selling-partner-api-models#2293: Japan's come in
 * Shift_JIS with Japanese headers). These are Seller Central JP's labels
 * of the ledger's fields, not yet checked against such a file: a name
 * seen in one belongs here (docs/reports.md).
 */
#define JA(...)	((const char *const []){ __VA_ARGS__, NULL })

static const struct tsv_column ledger_columns[] = {
	[L_DATE] = { "Date", 1, JA("日付") },
	[L_FNSKU] = { "FNSKU", 1, NULL },
	[L_ASIN] = { "ASIN", 1, NULL },
	[L_MSKU] = { "MSKU", 1, NULL },
	[L_TITLE] = { "Title", 1, JA("タイトル", "商品名") },
	[L_EVENT_TYPE] = { "Event Type", 1, JA("イベントタイプ",
	    "イベントの種類") },
	[L_REFERENCE] = { "Reference ID", 1, JA("参照ID") },
	[L_QUANTITY] = { "Quantity", 1, JA("数量") },
	[L_FC] = { "Fulfillment Center", 1, JA("フルフィルメントセンター") },
	[L_DISPOSITION] = { "Disposition", 1, JA("在庫状況") },
	[L_REASON] = { "Reason", 1, JA("理由") },
	/* Older files lack it: ledger_begin() finds a stand-in. */
	[L_COUNTRY] = { "Country", 0, JA("国") },
	[L_RECONCILED] = { "Reconciled Quantity", 0, JA("照合済み数量") },
	[L_UNRECONCILED] = { "Unreconciled Quantity", 0, JA("未照合数量") },
	[L_DATETIME] = { "Date and Time", 0, JA("日時") },
	[L_STORE] = { "Store", 0, JA("ストア") },
};

/* The country every row of a file without a Country column takes. */
struct ledger_state {
	char	 country[3];
};

static const char *const ledger_signature[] = {
	"Event Type", "Reference ID", "FNSKU", NULL
};

/*
 * A ledger without Country (the 11-column layout) takes the seller's
 * home country: the one import was given (--country, or the first of
 * the seller's configured marketplaces), else the one its stored
 * reports carry; else the file is refused, saying how to name it.
 */
static int
ledger_begin(struct ingest *ig)
{
	struct ledger_state *ls;
	char c[3];
	int rc;

	if (ig->col[L_COUNTRY] >= 0)
		return 0;
	if (ig->country != NULL && strlen(ig->country) == 2)
		memcpy(c, ig->country, 3);
	else if ((rc = store_seller_country(ig->st, c)) == -1)
		return ingest_store_failed(ig);
	else if (rc == 0)
		return ingest_bad(ig, "Country", "this older ledger has no "
		    "Country column, and no configured marketplace or "
		    "stored report tells the seller's country: name it "
		    "with --country XX (e.g. --country US)");
	ls = xcalloc(1, sizeof(*ls));
	memcpy(ls->country, c, 3);
	ig->state = ls;
	return 0;
}

static int
ledger_row(struct ingest *ig)
{
	const struct ledger_state *ls = ig->state;
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
	r.country = ls != NULL ? ls->country : field(ig, L_COUNTRY);
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
	.begin = ledger_begin,
	.row = ledger_row,
};
