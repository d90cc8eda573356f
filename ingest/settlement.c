/*
 * The flat settlement report V2 (GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE
 * _V2). Its first data row is the settlement's summary (id, dates, total,
 * currency; the rest empty); every other row is one amount of an order,
 * refund or other transaction. A file replaces its settlement id.
 */
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/report.h"
#include "lib/mem.h"
#include "store/facts.h"

enum {
	S_ID, S_START, S_END, S_DEPOSIT, S_TOTAL, S_CURRENCY, S_TYPE,
	S_ORDER, S_ADJUSTMENT, S_SHIPMENT, S_MARKETPLACE, S_AMOUNT_TYPE,
	S_AMOUNT_DESC, S_AMOUNT, S_FULFILLMENT, S_POSTED, S_POSTED_TIME,
	S_SKU, S_QUANTITY
};

static const struct tsv_column settlement_columns[] = {
	[S_ID] = { "settlement-id", 1, NULL },
	[S_START] = { "settlement-start-date", 1, NULL },
	[S_END] = { "settlement-end-date", 1, NULL },
	[S_DEPOSIT] = { "deposit-date", 0, NULL },
	[S_TOTAL] = { "total-amount", 1, NULL },
	[S_CURRENCY] = { "currency", 1, NULL },
	[S_TYPE] = { "transaction-type", 1, NULL },
	[S_ORDER] = { "order-id", 1, NULL },
	[S_ADJUSTMENT] = { "adjustment-id", 1, NULL },
	[S_SHIPMENT] = { "shipment-id", 1, NULL },
	[S_MARKETPLACE] = { "marketplace-name", 1, NULL },
	[S_AMOUNT_TYPE] = { "amount-type", 1, NULL },
	[S_AMOUNT_DESC] = { "amount-description", 1, NULL },
	[S_AMOUNT] = { "amount", 1, NULL },
	[S_FULFILLMENT] = { "fulfillment-id", 1, NULL },
	[S_POSTED] = { "posted-date", 1, NULL },
	[S_POSTED_TIME] = { "posted-date-time", 0, NULL },
	[S_SKU] = { "sku", 1, NULL },
	[S_QUANTITY] = { "quantity-purchased", 1, NULL },
};

static const char *const settlement_signature[] = {
	"settlement-id", "amount-type", NULL
};

struct settlement_state {
	char	id[64];
	char	currency[4];
};

/* Reads the summary row and replaces the settlement's earlier rows. */
static int
settlement_summary(struct ingest *ig, struct settlement_state *ss)
{
	struct settlement_row r;
	struct date_parsed start, end, dep;

	memset(&r, 0, sizeof(r));
	if (field_required(ig, S_ID) == -1 ||
	    field_currency(ig, S_CURRENCY) == -1 ||
	    field_date_opt(ig, S_START, &r.has_start, &start) == -1 ||
	    field_date_opt(ig, S_END, &r.has_end, &end) == -1 ||
	    field_date_opt(ig, S_DEPOSIT, &r.has_deposit, &dep) == -1 ||
	    field_money_opt(ig, S_TOTAL, field(ig, S_CURRENCY), &r.has_total,
	    &r.total) == -1)
		return -1;
	if (strlen(field(ig, S_ID)) >= sizeof(ss->id))
		return ingest_bad(ig, "settlement-id", "is too long");
	memcpy(ss->id, field(ig, S_ID), strlen(field(ig, S_ID)) + 1);
	memcpy(ss->currency, field(ig, S_CURRENCY), 4);
	r.settlement_id = ss->id;
	r.start_time = start.secs;
	r.end_time = end.secs;
	r.deposit_time = dep.secs;
	r.currency = ss->currency;
	if (store_settlement_begin(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

static int
settlement_row(struct ingest *ig)
{
	struct settlement_state *ss = ig->state;
	struct settlement_tx_row r;
	struct date_parsed posted;
	const char *currency;

	if (ss == NULL)
		ig->state = ss = xcalloc(1, sizeof(*ss));
	if (ss->id[0] == '\0') {
		/* The summary: no transaction type, a total. */
		if (*field(ig, S_TYPE) != '\0')
			return ingest_bad(ig, "settlement-id", "the first row "
			    "is not the settlement summary");
		return settlement_summary(ig, ss);
	}
	if (strcmp(field(ig, S_ID), ss->id) != 0)
		return ingest_bad(ig, "settlement-id", "\"%.40s\" differs from "
		    "the summary's %s", field(ig, S_ID), ss->id);
	currency = *field(ig, S_CURRENCY) != '\0' ? field(ig, S_CURRENCY) :
	    ss->currency;
	memset(&r, 0, sizeof(r));
	if (field_required(ig, S_TYPE) == -1 ||
	    (*field(ig, S_CURRENCY) != '\0' &&
	    field_currency(ig, S_CURRENCY) == -1) ||
	    field_money(ig, S_AMOUNT, currency, &r.amount) == -1 ||
	    field_date_opt(ig, S_POSTED, &r.has_posted, &posted) == -1 ||
	    field_int_opt(ig, S_QUANTITY, -MAX_QUANTITY, MAX_QUANTITY,
	    &r.has_quantity, &r.quantity) == -1)
		return -1;
	/* posted-date-time, when present, is the more precise. */
	if (*field(ig, S_POSTED_TIME) != '\0' &&
	    field_date_opt(ig, S_POSTED_TIME, &r.has_posted, &posted) == -1)
		return -1;
	r.line = ig->line;
	r.settlement_id = ss->id;
	r.transaction_type = field(ig, S_TYPE);
	r.order_id = field(ig, S_ORDER);
	r.adjustment_id = field(ig, S_ADJUSTMENT);
	r.shipment_id = field(ig, S_SHIPMENT);
	r.marketplace = field(ig, S_MARKETPLACE);
	r.amount_type = field(ig, S_AMOUNT_TYPE);
	r.amount_description = field(ig, S_AMOUNT_DESC);
	r.currency = currency;
	r.fulfillment_id = field(ig, S_FULFILLMENT);
	r.posted_time = posted.secs;
	r.sku = field(ig, S_SKU);
	if (r.has_posted)
		ingest_span(ig, posted.day);
	if (store_settlement_tx_add(ig->st, ig->file_id, &r) == -1)
		return ingest_store_failed(ig);
	return 0;
}

const struct report_kind settlement_kind = {
	.name = "settlement",
	.format = REPORT_TSV,
	.table = STORE_SETTLEMENT,
	.columns = settlement_columns,
	.ncolumns = sizeof(settlement_columns) /
	    sizeof(settlement_columns[0]),
	.signature = settlement_signature,
	.row = settlement_row,
};
