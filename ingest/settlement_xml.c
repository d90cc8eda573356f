/*
 * The XML settlement report (GET_V2_SETTLEMENT_REPORT_DATA_XML):
 * AmazonEnvelope/Message/SettlementReport holds SettlementData, then one
 * element per transaction: Order, Refund, OtherTransaction and the rarer
 * kinds real files carry (AdvertisingTransactionDetails, SellerCouponPayment,
 * SellerDealPayment, Chargeback, GuaranteeClaim, Retrocharge, ...). The
 * same facts as the flat file, loaded into the same tables: every money
 * amount of a transaction is one settlement_tx row, as one flat-file row.
 *
 * A transaction is read whole, by structure rather than by a list of the
 * paths known today: each element that directly holds an <Amount> (or an
 * <TransactionAmount>) is an amount holder, and one row is stored when it
 * closes, described by its *Type child (Type, TransactionType,
 * DirectPaymentType, ...) and carrying the SKU and quantity of the nearest
 * enclosing item. So every Component of ItemPrice / ItemPriceAdjustments /
 * ItemTaxWithheld, every Fee of ItemFees / ItemFeeAdjustments /
 * ShipmentFees / OrderFee / OrderFeeAdjustment, every Promotion and
 * PromotionAdjustment, DirectPayment, and every OtherTransactionItem (its
 * own SKU, quantity and amount) is its own row.
 *
 * A transaction's own Amount (OtherTransaction, AdvertisingTransactionDetails
 * TransactionAmount, ...) is its total: when parts of it are rows already
 * (OtherTransactionItem, Fees), only what they leave over is stored, so
 * nothing is counted twice. BaseAmount and TaxAmount are breakdowns of
 * TransactionAmount and are not rows.
 *
 * The rows of a settlement must add up to its TotalAmount, in its currency;
 * one that does not is refused with its id and the difference, and the
 * import's transaction takes every row of the file back.
 *
 * Element names as Amazon's schema and open-source readers of real files
 * spell them: the JAXB classes of the settlement XSD (com.elcuk.jaxb
 * SettlementReport: Order/Fulfillment/Item/Promotion, Adjustment/AdjustedItem/
 * PromotionAdjustment, DirectPayment, ShipmentFees, OrderFee, OtherFee,
 * MiscEvent), dftrakesh/amazon-sp-api
 * src/main/java/io/github/dft/amazon/model/settelmentreport/ (Refund,
 * OtherTransactionItem, AdvertisingTransactionDetails, SellerCouponPayment,
 * Retrocharge, Chargeback, GuaranteeClaim, TaxWithholding), and the
 * flat-file spelling of ItemTaxWithheld rows (fixtures/settlement:
 * ItemWithheldTax).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/reader.h"
#include "ingest/report.h"
#include "ingest/xmlread.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "store/facts.h"

#define SX_TEXT		128
#define SX_NAME		64

/* An open element inside a transaction (frame 0: the transaction). */
struct sx_frame {
	char		 name[SX_NAME];
	char		 desc[SX_TEXT];		/* its *Type child */
	char		 sku[SX_TEXT];
	char		 currency[4];		/* of its amount */
	int		 has_sku, has_qty, has_amount;
	int64_t		 qty, amount;
	int64_t		 line;			/* where it opens: its row's */
};

struct sx {
	struct ingest	*ig;
	struct xmlread	*x;
	int		 depth;		/* open elements */
	int		 report;	/* depth of SettlementReport, or 0 */
	int		 data;		/* depth of SettlementData, or 0 */
	int		 tx;		/* depth of the transaction, or 0 */
	int		 reports;	/* SettlementReports read */
	char		 attr_currency[4]; /* of the money element just opened */

	/* The settlement being read. */
	char		 id[64];
	char		 currency[4];
	struct settlement_row sum;
	int64_t		 total_line;	/* of TotalAmount */
	int		 begun;
	int64_t		 rows_sum;	/* of the rows stored */

	/* The transaction being read. */
	char		 order_id[SX_TEXT], adjustment_id[SX_TEXT];
	char		 shipment_id[SX_TEXT], marketplace[SX_TEXT];
	char		 fulfillment_id[SX_TEXT];
	int		 has_posted;
	int64_t		 posted;
	int		 parts;		/* rows stored of it */
	int64_t		 parts_sum;
	struct sx_frame	 f[MAX_XML_DEPTH + 1];
};

/* Whether an element holds money: its holder becomes a row. */
static int
sx_is_money(const char *el)
{
	return strcmp(el, "Amount") == 0 ||
	    strcmp(el, "TransactionAmount") == 0;
}

/* Whether el names what its parent's amount is (Type, DirectPaymentType). */
static int
sx_is_type(const char *el)
{
	size_t n = strlen(el);

	return n >= 4 && strcmp(el + n - 4, "Type") == 0;
}

/* Copies element text into a fixed field; too long is a bad value. */
static int
sx_copy(struct sx *s, char *dst, size_t size, const char *text)
{
	size_t n = strlen(text);

	if (n >= size)
		return ingest_bad(s->ig, xmlread_name(s->x), "is longer than "
		    "%zu bytes", size - 1);
	memcpy(dst, text, n + 1);
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

/* Parses money in the currency of the element (else the settlement's). */
static int
sx_money(struct sx *s, const char *text, int64_t *out)
{
	const char *cur = s->attr_currency[0] ? s->attr_currency :
	    s->currency;
	const char *why;

	why = num_parse_money(text, strlen(text), num_currency_exponent(cur),
	    out);
	if (why != NULL)
		return ingest_bad(s->ig, xmlread_name(s->x), "\"%.40s\" %s",
		    text, why);
	return 0;
}

/* Takes a money element's currency="..." attribute, checked. */
static int
sx_currency(struct sx *s)
{
	const char *c = xmlread_attr(s->x, "currency");

	s->attr_currency[0] = '\0';
	if (c == NULL)
		return 0;
	if (strlen(c) != 3 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' ||
	    c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z')
		return ingest_bad(s->ig, "currency", "\"%.10s\" is not an "
		    "ISO 4217 currency code", c);
	memcpy(s->attr_currency, c, 4);
	return 0;
}

/* The flat file's transaction-type for a transaction element. */
static const char *
sx_tx_type(const char *el)
{
	if (strcmp(el, "Order") == 0)
		return "Order";
	/* Adjustment: the older schema's name of a refund. */
	if (strcmp(el, "Refund") == 0 || strcmp(el, "Adjustment") == 0)
		return "Refund";
	if (strcmp(el, "OtherTransaction") == 0)
		return "other-transaction";
	return el;
}

/* The flat file's amount-type for the amount of holder inside parent. */
static const char *
sx_amount_type(const char *holder, const char *parent)
{
	if (strcmp(holder, "Promotion") == 0 ||
	    strcmp(holder, "PromotionAdjustment") == 0 ||
	    strcmp(parent, "Promotions") == 0 ||
	    strcmp(parent, "PromotionAdjustments") == 0)
		return "Promotion";
	if (strcmp(parent, "ItemPrice") == 0 ||
	    strcmp(parent, "ItemPriceAdjustments") == 0)
		return "ItemPrice";
	if (strcmp(parent, "ItemFees") == 0 ||
	    strcmp(parent, "ItemFeeAdjustments") == 0)
		return "ItemFees";
	/* The flat file writes ItemTaxWithheld's components so. */
	if (strcmp(parent, "ItemTaxWithheld") == 0)
		return "ItemWithheldTax";
	if (strcmp(holder, "OtherTransactionItem") == 0)
		return "other-transaction";
	if (strcmp(holder, "Component") == 0 || strcmp(holder, "Fee") == 0)
		return parent;
	return holder;
}

/* Stores one amount of the current transaction, held by frame k. */
static int
sx_emit(struct sx *s, int k, int64_t amount)
{
	struct sx_frame *h = &s->f[k], *item = NULL;
	struct settlement_tx_row r;
	const char *cur;
	int i;

	if (!s->begun)
		return ingest_bad(s->ig, "SettlementData", "must come before "
		    "the first transaction");
	cur = h->currency[0] ? h->currency : s->currency;
	if (strcmp(cur, s->currency) != 0)
		return ingest_bad(s->ig, "Amount", "currency %s differs from "
		    "the settlement's %s", cur, s->currency);
	/* The SKU and quantity of the nearest enclosing item. */
	for (i = k; i >= 0 && item == NULL; i--)
		if (s->f[i].has_sku)
			item = &s->f[i];
	memset(&r, 0, sizeof(r));
	r.line = h->line;
	r.settlement_id = s->id;
	r.transaction_type = sx_tx_type(s->f[0].name);
	r.order_id = s->order_id;
	r.adjustment_id = s->adjustment_id;
	r.shipment_id = s->shipment_id;
	r.marketplace = s->marketplace;
	/* The transaction's own amount is described by its type. */
	r.amount_type = k == 0 ? "other-transaction" :
	    sx_amount_type(h->name, s->f[k - 1].name);
	/* What the amount is: its holder's type, else its transaction's
	 * (an OtherTransactionItem is a part of its TransactionType). */
	r.amount_description = h->name;
	for (i = k; i >= 0; i--)
		if (s->f[i].desc[0] != '\0') {
			r.amount_description = s->f[i].desc;
			break;
		}
	r.amount = amount;
	r.currency = s->currency;
	r.fulfillment_id = s->fulfillment_id;
	r.has_posted = s->has_posted;
	r.posted_time = s->posted;
	r.sku = item != NULL ? item->sku : "";
	/*
	 * An item's quantity rides on its principal, as in the flat file;
	 * an amount held by the item itself (OtherTransactionItem) is the
	 * item's whole amount and carries it too.
	 */
	if (item != NULL && item->has_qty && (item == h ||
	    (strcmp(r.amount_type, "ItemPrice") == 0 &&
	    strcmp(r.amount_description, "Principal") == 0))) {
		r.has_quantity = 1;
		r.quantity = item->qty;
	}
	if (__builtin_add_overflow(s->rows_sum, amount, &s->rows_sum) ||
	    __builtin_add_overflow(s->parts_sum, amount, &s->parts_sum))
		return ingest_bad(s->ig, "Amount", "the settlement's amounts "
		    "overflow");
	if (s->has_posted)
		ingest_span(s->ig, date_day_of(s->posted));
	if (store_settlement_tx_add(s->ig->st, s->ig->file_id, &r) == -1)
		return ingest_store_failed(s->ig);
	s->parts++;
	s->ig->rows++;
	return 0;
}

/* Starts transaction el at the current depth. */
static void
sx_tx_begin(struct sx *s, const char *el)
{
	s->tx = s->depth;
	s->order_id[0] = s->adjustment_id[0] = s->shipment_id[0] = '\0';
	s->marketplace[0] = s->fulfillment_id[0] = '\0';
	s->has_posted = 0;
	s->parts = 0;
	s->parts_sum = 0;
	memset(&s->f[0], 0, sizeof(s->f[0]));
	snprintf(s->f[0].name, SX_NAME, "%s", el);
	s->f[0].line = s->ig->line;
}

/*
 * Ends the transaction: its own amount is its total, so what its rows
 * leave of it is stored (all of it when none).
 */
static int
sx_tx_end(struct sx *s)
{
	struct sx_frame *t = &s->f[0];
	int64_t rest;
	int rc = 0;

	if (t->has_amount) {
		if (__builtin_sub_overflow(t->amount, s->parts_sum, &rest))
			return ingest_bad(s->ig, "Amount", "the transaction's "
			    "amounts overflow");
		s->ig->line = t->line;
		if (s->parts == 0 || rest != 0)
			rc = sx_emit(s, 0, rest);
	}
	s->tx = 0;
	return rc;
}

/* Text of the SettlementData: the settlement's summary. */
static int
sx_data_text(struct sx *s, const char *el, const char *t)
{
	if (strcmp(el, "AmazonSettlementID") == 0)
		return sx_copy(s, s->id, sizeof(s->id), t);
	if (strcmp(el, "TotalAmount") == 0) {
		if (sx_money(s, t, &s->sum.total) == -1)
			return -1;
		s->sum.has_total = 1;
		s->total_line = s->ig->line;
		if (s->attr_currency[0])
			memcpy(s->currency, s->attr_currency, 4);
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
	return 0;
}

/* Text inside a transaction, at frame k (k >= 1: its holder is k - 1). */
static int
sx_tx_text(struct sx *s, int k, const char *el, const char *t)
{
	struct sx_frame *h = &s->f[k - 1];
	const char *why;

	if (sx_is_money(el)) {
		if (h->has_amount)
			return ingest_bad(s->ig, el, "appears twice in <%s>",
			    h->name);
		if (sx_money(s, t, &h->amount) == -1)
			return -1;
		h->has_amount = 1;
		memcpy(h->currency, s->attr_currency, 4);
		return 0;
	}
	if (sx_is_type(el))
		return sx_copy(s, h->desc, SX_TEXT, t);
	if (strcmp(el, "SKU") == 0) {
		h->has_sku = 1;
		return sx_copy(s, h->sku, SX_TEXT, t);
	}
	if (strcmp(el, "Quantity") == 0) {
		why = num_parse_int(t, strlen(t), -MAX_QUANTITY, MAX_QUANTITY,
		    &h->qty);
		if (why != NULL)
			return ingest_bad(s->ig, el, "\"%.40s\" %s", t, why);
		h->has_qty = 1;
		return 0;
	}
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
	if (strcmp(el, "PostedDate") == 0) {
		s->has_posted = 1;
		return sx_date(s, t, &s->posted);
	}
	return 0;
}

static int
sx_text(struct sx *s, const char *el, const char *t)
{
	if (s->data != 0 && s->depth == s->data + 1)
		return sx_data_text(s, el, t);
	if (s->tx != 0 && s->depth > s->tx)
		return sx_tx_text(s, s->depth - s->tx, el, t);
	return 0;
}

/* The settlement's summary is complete: replace its earlier rows. */
static int
sx_data_end(struct sx *s)
{
	s->data = 0;
	if (s->id[0] == '\0')
		return ingest_bad(s->ig, "AmazonSettlementID", "is missing");
	if (!s->sum.has_total)
		return ingest_bad(s->ig, "TotalAmount", "is missing");
	if (s->currency[0] == '\0')
		return ingest_bad(s->ig, "TotalAmount", "has no currency");
	s->sum.settlement_id = s->id;
	s->sum.currency = s->currency;
	if (store_settlement_begin(s->ig->st, s->ig->file_id, &s->sum) == -1)
		return ingest_store_failed(s->ig);
	s->begun = 1;
	return 0;
}

/* The settlement ends: its rows must add up to its TotalAmount. */
static int
sx_report_end(struct sx *s)
{
	char rows[32], total[32], diff[32];
	int64_t d;
	int exp;

	s->report = 0;
	if (!s->begun)
		return ingest_bad(s->ig, "SettlementData", "is missing");
	if (s->rows_sum != s->sum.total) {
		exp = num_currency_exponent(s->currency);
		if (__builtin_sub_overflow(s->rows_sum, s->sum.total, &d))
			d = 0;
		s->ig->line = s->total_line;
		return ingest_bad(s->ig, "TotalAmount", "settlement %s: its "
		    "rows add up to %s %s, TotalAmount is %s %s: they differ "
		    "by %s %s; nothing of it is stored", s->id,
		    num_format_money(s->rows_sum, exp, rows, sizeof(rows)),
		    s->currency,
		    num_format_money(s->sum.total, exp, total, sizeof(total)),
		    s->currency, num_format_money(d, exp, diff, sizeof(diff)),
		    s->currency);
	}
	/* A file may hold more than one settlement: start afresh. */
	s->begun = 0;
	s->id[0] = s->currency[0] = '\0';
	memset(&s->sum, 0, sizeof(s->sum));
	s->rows_sum = 0;
	return 0;
}

static int
sx_close(struct sx *s)
{
	int k, rc = 0;

	if (s->tx != 0 && s->depth == s->tx)
		rc = sx_tx_end(s);
	else if (s->tx != 0 && s->depth > s->tx) {
		k = s->depth - s->tx;
		if (s->f[k].has_amount) {
			s->ig->line = s->f[k].line;
			rc = sx_emit(s, k, s->f[k].amount);
		}
	} else if (s->data != 0 && s->depth == s->data)
		rc = sx_data_end(s);
	else if (s->report != 0 && s->depth == s->report)
		rc = sx_report_end(s);
	s->depth--;
	return rc;
}

static int
sx_open(struct sx *s, const char *el)
{
	int k;

	s->depth++;
	if (sx_is_money(el) || strcmp(el, "TotalAmount") == 0) {
		if (sx_currency(s) == -1)
			return -1;
	}
	if (s->tx != 0) {
		k = s->depth - s->tx;
		memset(&s->f[k], 0, sizeof(s->f[k]));
		snprintf(s->f[k].name, SX_NAME, "%s", el);
		s->f[k].line = s->ig->line;
	} else if (s->report != 0 && s->depth == s->report + 1) {
		if (strcmp(el, "SettlementData") == 0)
			s->data = s->depth;
		else
			sx_tx_begin(s, el);
	} else if (s->report == 0 && strcmp(el, "SettlementReport") == 0) {
		s->report = s->depth;
		s->reports++;
	}
	return 0;
}

static int
settlement_xml_parse(struct ingest *ig)
{
	struct sx *s;
	const char *why;
	int ev, rc = 0, root = 0;

	if ((why = xmlread_prolog(ig->rd, &ig->line)) != NULL)
		return ingest_bad(ig, NULL, "%s", why);
	s = xcalloc(1, sizeof(*s));
	s->ig = ig;
	s->x = xmlread_open(ig->rd, ig->name,
	    ig->charset == CHARSET_UTF8 ? NULL : charset_name(ig->charset));
	if (s->x == NULL) {
		ig->line = 0;
		free(s);
		return ingest_bad(ig, NULL, "cannot start the XML reader");
	}
	while (rc == 0 && (ev = xmlread_next(s->x)) > 0) {
		ig->line = xmlread_line(s->x);
		if (ev == XMLREAD_OPEN && !root) {
			root = 1;
			s->depth++;
			if (strcmp(xmlread_name(s->x), "AmazonEnvelope") != 0)
				rc = ingest_bad(ig, NULL, "root element <%s> "
				    "is not AmazonEnvelope",
				    xmlread_name(s->x));
		} else if (ev == XMLREAD_OPEN)
			rc = sx_open(s, xmlread_name(s->x));
		else if (ev == XMLREAD_TEXT)
			rc = sx_text(s, xmlread_name(s->x),
			    xmlread_text(s->x));
		else if (ev == XMLREAD_CLOSE)
			rc = sx_close(s);
	}
	if (rc == 0 && ev == -1) {
		ig->line = xmlread_line(s->x);
		rc = ingest_bad(ig, NULL, "%s", xmlread_error(s->x));
	}
	if (rc == 0 && s->reports == 0)
		rc = ingest_bad(ig, "SettlementData", "is missing");
	xmlread_close(s->x);
	free(s);
	return rc;
}

const struct report_kind settlement_xml_kind = {
	.name = "settlement_xml",
	.format = REPORT_XML,
	.table = STORE_SETTLEMENT,
	.parse = settlement_xml_parse,
};
