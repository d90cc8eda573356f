/*
 * The XML settlement report (GET_V2_SETTLEMENT_REPORT_DATA_XML):
 * AmazonEnvelope/Message/SettlementReport with SettlementData, then Order,
 * Refund and OtherTransaction elements. The same facts as the flat file,
 * loaded into the same tables: each price component, fee or promotion of
 * an item becomes one settlement amount, as one flat-file row would.
 */
#include <stdio.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/reader.h"
#include "ingest/report.h"
#include "ingest/xmlread.h"
#include "lib/num.h"
#include "store/facts.h"

#define SX_TEXT	128

enum sx_tx {
	SX_NONE,
	SX_ORDER,
	SX_REFUND,
	SX_OTHER
};

struct sx {
	struct ingest	*ig;
	struct xmlread	*x;
	char		 id[64];
	char		 currency[4];
	struct settlement_row sum;
	int		 begun;
	enum sx_tx	 tx;
	char		 order_id[SX_TEXT], adjustment_id[SX_TEXT];
	char		 shipment_id[SX_TEXT], marketplace[SX_TEXT];
	char		 fulfillment_id[SX_TEXT], sku[SX_TEXT];
	char		 tx_type[SX_TEXT], type[SX_TEXT];
	char		 amount_currency[4];
	int		 has_posted, has_qty, has_amount;
	int64_t		 posted, qty, amount;
};

/* Copies element text into a fixed field; too long is a bad value. */
static int
sx_copy(struct sx *s, char *dst, size_t size, const char *text)
{
	if (strlen(text) >= size)
		return ingest_bad(s->ig, xmlread_name(s->x), "is longer than "
		    "%zu bytes", size - 1);
	memcpy(dst, text, strlen(text) + 1);
	return 0;
}

static int
sx_date(struct sx *s, const char *text, int64_t *out)
{
	struct date_parsed d;
	const char *why;

	if ((why = date_parse(text, strlen(text), &d)) != NULL)
		return ingest_bad(s->ig, xmlread_name(s->x), "\"%.40s\" %s",
		    text, why);
	*out = d.secs;
	return 0;
}

static int
sx_money(struct sx *s, const char *text, int64_t *out)
{
	const char *cur = s->amount_currency[0] ? s->amount_currency :
	    s->currency;
	const char *why;

	why = num_parse_money(text, strlen(text), num_currency_exponent(cur),
	    out);
	if (why != NULL)
		return ingest_bad(s->ig, xmlread_name(s->x), "\"%.40s\" %s",
		    text, why);
	return 0;
}

/* Takes an element's currency="..." attribute, checked. */
static int
sx_currency(struct sx *s)
{
	const char *c = xmlread_attr(s->x, "currency");

	s->amount_currency[0] = '\0';
	if (c == NULL)
		return 0;
	if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' ||
	    c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z')
		return ingest_bad(s->ig, "currency", "\"%.10s\" is not an "
		    "ISO 4217 currency code", c);
	memcpy(s->amount_currency, c, 4);
	return 0;
}

static int
sx_text(struct sx *s, const char *el, const char *t)
{
	int64_t v;
	const char *why;

	if (strcmp(el, "AmazonSettlementID") == 0)
		return sx_copy(s, s->id, sizeof(s->id), t);
	if (strcmp(el, "TotalAmount") == 0) {
		if (sx_money(s, t, &s->sum.total) == -1)
			return -1;
		s->sum.has_total = 1;
		if (s->amount_currency[0])
			memcpy(s->currency, s->amount_currency, 4);
		return 0;
	}
	if (strcmp(el, "StartDate") == 0) {
		s->sum.has_start = 1;
		return sx_date(s, t, &s->sum.start_time);
	}
	if (strcmp(el, "EndDate") == 0) {
		s->sum.has_end = 1;
		return sx_date(s, t, &s->sum.end_time);
	}
	if (strcmp(el, "DepositDate") == 0) {
		s->sum.has_deposit = 1;
		return sx_date(s, t, &s->sum.deposit_time);
	}
	if (s->tx == SX_NONE)
		return 0;
	if (strcmp(el, "AmazonOrderID") == 0)
		return sx_copy(s, s->order_id, SX_TEXT, t);
	if (strcmp(el, "AdjustmentID") == 0)
		return sx_copy(s, s->adjustment_id, SX_TEXT, t);
	if (strcmp(el, "ShipmentID") == 0)
		return sx_copy(s, s->shipment_id, SX_TEXT, t);
	if (strcmp(el, "MarketplaceName") == 0)
		return sx_copy(s, s->marketplace, SX_TEXT, t);
	if (strcmp(el, "MerchantFulfillmentID") == 0)
		return sx_copy(s, s->fulfillment_id, SX_TEXT, t);
	if (strcmp(el, "SKU") == 0)
		return sx_copy(s, s->sku, SX_TEXT, t);
	if (strcmp(el, "TransactionType") == 0)
		return sx_copy(s, s->tx_type, SX_TEXT, t);
	if (strcmp(el, "Type") == 0)
		return sx_copy(s, s->type, SX_TEXT, t);
	if (strcmp(el, "PostedDate") == 0) {
		s->has_posted = 1;
		return sx_date(s, t, &s->posted);
	}
	if (strcmp(el, "Quantity") == 0) {
		why = num_parse_int(t, strlen(t), -MAX_QUANTITY, MAX_QUANTITY,
		    &v);
		if (why != NULL)
			return ingest_bad(s->ig, el, "\"%.40s\" %s", t, why);
		s->has_qty = 1;
		s->qty = v;
		return 0;
	}
	if (strcmp(el, "Amount") == 0) {
		s->has_amount = 1;
		return sx_money(s, t, &s->amount);
	}
	return 0;
}

/* The flat file's amount-type for an XML container element. */
static const char *
sx_amount_type(const char *container, const char *element)
{
	if (strcmp(element, "Promotion") == 0)
		return "Promotion";
	if (strcmp(container, "ItemPriceAdjustments") == 0)
		return "ItemPrice";
	if (strcmp(container, "ItemFeeAdjustments") == 0)
		return "ItemFees";
	if (strcmp(container, "PromotionAdjustments") == 0)
		return "Promotion";
	return container;
}

/* Stores one amount of the current transaction. */
static int
sx_emit(struct sx *s, const char *amount_type, const char *description)
{
	struct settlement_tx_row r;
	const char *type;

	if (!s->has_amount)
		return ingest_bad(s->ig, "Amount", "is missing");
	if (!s->begun)
		return ingest_bad(s->ig, "SettlementData", "must come before "
		    "the first transaction");
	switch (s->tx) {
	case SX_ORDER:
		type = "Order";
		break;
	case SX_REFUND:
		type = "Refund";
		break;
	default:
		type = "other-transaction";
		break;
	}
	memset(&r, 0, sizeof(r));
	r.line = s->ig->line;
	r.settlement_id = s->id;
	r.transaction_type = type;
	r.order_id = s->order_id;
	r.adjustment_id = s->adjustment_id;
	r.shipment_id = s->shipment_id;
	r.marketplace = s->marketplace;
	r.amount_type = amount_type;
	r.amount_description = description;
	r.amount = s->amount;
	r.currency = s->amount_currency[0] ? s->amount_currency : s->currency;
	r.fulfillment_id = s->fulfillment_id;
	r.has_posted = s->has_posted;
	r.posted_time = s->posted;
	r.sku = s->sku;
	/* As in the flat file, the quantity rides on the principal. */
	if (s->tx != SX_OTHER && strcmp(description, "Principal") == 0 &&
	    strcmp(amount_type, "ItemPrice") == 0) {
		r.has_quantity = s->has_qty;
		r.quantity = s->qty;
	}
	if (s->has_posted)
		ingest_span(s->ig, date_day_of(s->posted));
	if (store_settlement_tx_add(s->ig->st, s->ig->file_id, &r) == -1)
		return ingest_store_failed(s->ig);
	s->has_amount = 0;
	s->amount_currency[0] = '\0';
	s->ig->rows++;
	return 0;
}

static void
sx_reset_tx(struct sx *s, enum sx_tx tx)
{
	s->tx = tx;
	s->order_id[0] = s->adjustment_id[0] = s->shipment_id[0] = '\0';
	s->marketplace[0] = s->fulfillment_id[0] = s->sku[0] = '\0';
	s->tx_type[0] = s->type[0] = '\0';
	s->has_posted = s->has_qty = s->has_amount = 0;
}

static int
sx_close(struct sx *s, const char *el)
{
	if (strcmp(el, "SettlementData") == 0) {
		if (s->id[0] == '\0')
			return ingest_bad(s->ig, "AmazonSettlementID",
			    "is missing");
		if (s->currency[0] == '\0')
			return ingest_bad(s->ig, "TotalAmount", "has no "
			    "currency");
		s->sum.settlement_id = s->id;
		s->sum.currency = s->currency;
		if (store_settlement_begin(s->ig->st, s->ig->file_id,
		    &s->sum) == -1)
			return ingest_store_failed(s->ig);
		s->begun = 1;
		return 0;
	}
	if (s->tx == SX_NONE)
		return 0;
	if (strcmp(el, "Component") == 0 || strcmp(el, "Fee") == 0 ||
	    strcmp(el, "Promotion") == 0) {
		if (s->tx == SX_OTHER)
			return 0;
		return sx_emit(s, sx_amount_type(xmlread_parent(s->x, 1), el),
		    s->type);
	}
	if (strcmp(el, "Item") == 0 || strcmp(el, "AdjustedItem") == 0) {
		s->sku[0] = '\0';
		s->has_qty = 0;
		return 0;
	}
	if (strcmp(el, "OtherTransaction") == 0) {
		if (sx_emit(s, "other-transaction", s->tx_type) == -1)
			return -1;
		sx_reset_tx(s, SX_NONE);
		return 0;
	}
	if (strcmp(el, "Order") == 0 || strcmp(el, "Refund") == 0)
		sx_reset_tx(s, SX_NONE);
	return 0;
}

static int
sx_open(struct sx *s, const char *el)
{
	if (strcmp(el, "Order") == 0)
		sx_reset_tx(s, SX_ORDER);
	else if (strcmp(el, "Refund") == 0)
		sx_reset_tx(s, SX_REFUND);
	else if (strcmp(el, "OtherTransaction") == 0)
		sx_reset_tx(s, SX_OTHER);
	else if (strcmp(el, "Amount") == 0 || strcmp(el, "TotalAmount") == 0)
		return sx_currency(s);
	return 0;
}

static int
settlement_xml_parse(struct ingest *ig)
{
	struct sx s;
	const char *why;
	int ev, rc = 0, root = 0;

	memset(&s, 0, sizeof(s));
	s.ig = ig;
	if ((why = xmlread_prolog(ig->rd, &ig->line)) != NULL)
		return ingest_bad(ig, NULL, "%s", why);
	s.x = xmlread_open(ig->rd, ig->name,
	    ig->charset == CHARSET_UTF8 ? NULL : charset_name(ig->charset));
	if (s.x == NULL) {
		ig->line = 0;
		return ingest_bad(ig, NULL, "cannot start the XML reader");
	}
	while (rc == 0 && (ev = xmlread_next(s.x)) > 0) {
		ig->line = xmlread_line(s.x);
		if (ev == XMLREAD_OPEN && !root) {
			root = 1;
			if (strcmp(xmlread_name(s.x), "AmazonEnvelope") != 0)
				rc = ingest_bad(ig, NULL, "root element <%s> "
				    "is not AmazonEnvelope",
				    xmlread_name(s.x));
		} else if (ev == XMLREAD_OPEN)
			rc = sx_open(&s, xmlread_name(s.x));
		else if (ev == XMLREAD_TEXT)
			rc = sx_text(&s, xmlread_name(s.x),
			    xmlread_text(s.x));
		else if (ev == XMLREAD_CLOSE)
			rc = sx_close(&s, xmlread_name(s.x));
	}
	if (rc == 0 && ev == -1) {
		ig->line = xmlread_line(s.x);
		rc = ingest_bad(ig, NULL, "%s", xmlread_error(s.x));
	}
	if (rc == 0 && !s.begun)
		rc = ingest_bad(ig, "SettlementData", "is missing");
	xmlread_close(s.x);
	return rc;
}

const struct report_kind settlement_xml_kind = {
	.name = "settlement_xml",
	.format = REPORT_XML,
	.table = STORE_SETTLEMENT,
	.parse = settlement_xml_parse,
};
