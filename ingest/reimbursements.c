/*
 * The reimbursements report (GET_FBA_REIMBURSEMENTS_DATA): what Amazon
 * paid, in cash or inventory, and why. Amazon repeats region-wide rows for
 * every marketplace asked, so the store keys rows by (id, FNSKU).
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "lib/num.h"
#include "store/facts.h"

enum {
	R_APPROVAL, R_ID, R_CASE, R_ORDER, R_REASON, R_SKU, R_FNSKU, R_ASIN,
	R_NAME, R_CONDITION, R_CURRENCY, R_PER_UNIT, R_TOTAL, R_QTY_CASH,
	R_QTY_INVENTORY, R_QTY_TOTAL, R_ORIGINAL_ID, R_ORIGINAL_TYPE
};

static const struct tsv_column reimbursements_columns[] = {
	[R_APPROVAL] = { "approval-date", 1, NULL },
	[R_ID] = { "reimbursement-id", 1, NULL },
	[R_CASE] = { "case-id", 1, NULL },
	[R_ORDER] = { "amazon-order-id", 1, NULL },
	[R_REASON] = { "reason", 1, NULL },
	[R_SKU] = { "sku", 1, NULL },
	[R_FNSKU] = { "fnsku", 1, NULL },
	[R_ASIN] = { "asin", 1, NULL },
	[R_NAME] = { "product-name", 1, NULL },
	[R_CONDITION] = { "condition", 1, NULL },
	[R_CURRENCY] = { "currency-unit", 1, NULL },
	[R_PER_UNIT] = { "amount-per-unit", 1, NULL },
	[R_TOTAL] = { "amount-total", 1, NULL },
	[R_QTY_CASH] = { "quantity-reimbursed-cash", 1, NULL },
	[R_QTY_INVENTORY] = { "quantity-reimbursed-inventory", 1, NULL },
	[R_QTY_TOTAL] = { "quantity-reimbursed-total", 1, NULL },
	[R_ORIGINAL_ID] = { "original-reimbursement-id", 1, NULL },
	[R_ORIGINAL_TYPE] = { "original-reimbursement-type", 1, NULL },
};

static const char *const reimbursements_signature[] = {
	"reimbursement-id", "amount-per-unit", NULL
};

static int
reimbursements_row(struct ingest *ig)
{
	struct reimbursement_row r;
	struct date_parsed d;

	if (field_date(ig, R_APPROVAL, &d) == -1 ||
	    field_required(ig, R_ID) == -1 ||
	    field_required(ig, R_REASON) == -1 ||
	    field_required(ig, R_FNSKU) == -1 ||
	    field_currency(ig, R_CURRENCY) == -1 ||
	    field_money_opt(ig, R_PER_UNIT, field(ig, R_CURRENCY),
	    &r.has_amount_per_unit, &r.amount_per_unit) == -1 ||
	    field_money(ig, R_TOTAL, field(ig, R_CURRENCY),
	    &r.amount_total) == -1 ||
	    field_int(ig, R_QTY_CASH, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.qty_cash) == -1 ||
	    field_int(ig, R_QTY_INVENTORY, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.qty_inventory) == -1 ||
	    field_int(ig, R_QTY_TOTAL, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.qty_total) == -1)
		return -1;
	if (r.qty_total != r.qty_cash + r.qty_inventory)
		return ingest_bad(ig, "quantity-reimbursed-total",
		    "%lld is not cash %lld + inventory %lld",
		    (long long)r.qty_total, (long long)r.qty_cash,
		    (long long)r.qty_inventory);
	r.line = ig->line;
	r.approval_time = d.secs;
	r.approval_text = d.has_offset ? field(ig, R_APPROVAL) : NULL;
	r.reimbursement_id = field(ig, R_ID);
	r.case_id = field(ig, R_CASE);
	r.amazon_order_id = field(ig, R_ORDER);
	r.reason = field(ig, R_REASON);
	r.sku = field(ig, R_SKU);
	r.fnsku = field(ig, R_FNSKU);
	r.asin = field(ig, R_ASIN);
	r.product_name = field(ig, R_NAME);
	r.condition = field(ig, R_CONDITION);
	r.currency = field(ig, R_CURRENCY);
	r.original_id = field(ig, R_ORIGINAL_ID);
	r.original_type = field(ig, R_ORIGINAL_TYPE);
	ingest_span(ig, d.day);
	if (store_reimbursement_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind reimbursements_kind = {
	.name = "reimbursements",
	.format = REPORT_TSV,
	.table = STORE_REIMBURSEMENTS,
	.columns = reimbursements_columns,
	.ncolumns = sizeof(reimbursements_columns) /
	    sizeof(reimbursements_columns[0]),
	.signature = reimbursements_signature,
	.range_replace = 1,
	.row = reimbursements_row,
};
