/*
 * Seller-supplied unit costs: "sku, unit-cost, currency". Amazon values
 * reimbursements at manufacturing cost since 2025 (docs/design.md §6.2), so
 * these are the best basis for a claim's value when a seller provides them.
 */
#include "ingest/ingest.h"
#include "ingest/report.h"
#include "store/facts.h"

enum { U_SKU, U_COST, U_CURRENCY };

static const struct tsv_column unit_costs_columns[] = {
	[U_SKU] = { "sku", 1, NULL },
	[U_COST] = { "unit-cost", 1, NULL },
	[U_CURRENCY] = { "currency", 1, NULL },
};

static const char *const unit_costs_signature[] = {
	"sku", "unit-cost", NULL
};

static int
unit_costs_row(struct ingest *ig)
{
	int64_t cost;

	if (field_required(ig, U_SKU) == -1 ||
	    field_currency(ig, U_CURRENCY) == -1 ||
	    field_money(ig, U_COST, field(ig, U_CURRENCY), &cost) == -1)
		return -1;
	if (cost < 0)
		return ingest_bad(ig, "unit-cost", "is negative");
	if (store_unit_cost_add(ig->st, ig->file_id, field(ig, U_SKU), cost,
	    field(ig, U_CURRENCY)) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind unit_costs_kind = {
	.name = "unit_costs",
	.format = REPORT_TSV,
	.table = STORE_UNIT_COSTS,
	.columns = unit_costs_columns,
	.ncolumns = sizeof(unit_costs_columns) /
	    sizeof(unit_costs_columns[0]),
	.signature = unit_costs_signature,
	.row = unit_costs_row,
};
