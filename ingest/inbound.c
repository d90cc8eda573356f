/*
 * Inbound shipments from the FBA Inbound v0 API, saved as the JSON the
 * API returned: a getShipments response ({"payload": {"ShipmentData":
 * [...]}}), a getShipmentItems response ({"payload": {"ItemData": [...]}}),
 * or an array of such responses (what fetch writes: every page of both).
 * Shipments upsert by id; items by (shipment id, FNSKU). Only what the
 * model marks required is required; what Amazon leaves out is unknown.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ingest/ingest.h"
#include "ingest/reader.h"
#include "ingest/report.h"
#include "store/facts.h"

struct inbound_io {
	struct reader	*rd;
	long long	 total;
	int		 failed;
};

/* jansson's reader callback over the (maybe gzip) stream, size-capped. */
static size_t
inbound_read(void *buf, size_t len, void *arg)
{
	struct inbound_io *io = arg;
	ssize_t n;

	n = reader_read(io->rd, buf, len);
	if (n < 0 || io->total + n > MAX_JSON_BYTES) {
		io->failed = 1;
		return (size_t)-1;
	}
	io->total += n;
	return (size_t)n;
}

/* A string member; missing or not a string is "" (unknown). */
static const char *
inbound_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : "";
}

/* Records a bad member at a JSON path like payload.ItemData[3]. */
static int
inbound_bad(struct ingest *ig, const char *what, size_t i, const char *key,
    const char *why)
{
	char col[128];

	snprintf(col, sizeof(col), "payload.%s[%zu].%s", what, i, key);
	ig->line = 0;
	return ingest_bad(ig, col, "%s", why);
}

/*
 * Keeps a record of an entry that names no shipment: nothing can key it
 * or match it to the ledger, so it is left out, counted and recorded
 * (import_errors), never silently, and the rest of the file goes on.
 */
static int
inbound_unkeyed(struct ingest *ig, const char *what, size_t i)
{
	char col[128];

	snprintf(col, sizeof(col), "payload.%s[%zu].ShipmentId", what, i);
	ig->bad++;
	if (store_import_error(ig->st, ig->file_id, 0, col, "is missing: "
	    "no shipment to store it under; left out") == -1)
		return ingest_store_failed(ig);
	return 0;
}

/*
 * Amazon's model (amzn/selling-partner-api-models, models/fulfillment-
 * inbound-api-model/fulfillmentInboundV0.json) requires of
 * InboundShipmentInfo only ShipFromAddress and AreCasesRequired; every
 * other member may be missing and is then unknown. AreCasesRequired is
 * checked only when present: the model's own sandbox answer to
 * getShipments leaves it out (fixtures/real/inbound/
 * shipments-v0-sandbox.json), and fbaudit never reads it, so refusing a
 * night's shipments for it would lose claims for nothing.
 */
static int
inbound_shipments(struct ingest *ig, json_t *arr)
{
	struct inbound_shipment_row r;
	json_t *o;
	size_t i;

	json_array_foreach(arr, i, o) {
		if (!json_is_object(o))
			return inbound_bad(ig, "ShipmentData", i, "",
			    "is not an object");
		if (!json_is_object(json_object_get(o, "ShipFromAddress")))
			return inbound_bad(ig, "ShipmentData", i,
			    "ShipFromAddress", json_object_get(o,
			    "ShipFromAddress") ? "is not an object" :
			    "is missing (the model requires it)");
		if (json_object_get(o, "AreCasesRequired") != NULL &&
		    !json_is_boolean(json_object_get(o, "AreCasesRequired")))
			return inbound_bad(ig, "ShipmentData", i,
			    "AreCasesRequired", "is not a boolean");
		r.shipment_id = inbound_str(o, "ShipmentId");
		r.name = inbound_str(o, "ShipmentName");
		r.status = inbound_str(o, "ShipmentStatus");
		r.destination_fc = inbound_str(o,
		    "DestinationFulfillmentCenterId");
		if (*r.shipment_id == '\0') {
			if (inbound_unkeyed(ig, "ShipmentData", i) != 0)
				return INGEST_FATAL;
			continue;
		}
		if (store_inbound_shipment_add(ig->st, ig->file_id, &r) == -1)
			return ingest_store_failed(ig);
		ig->rows++;
	}
	return 0;
}

/*
 * A quantity member, a non-negative integer within MAX_QUANTITY. Missing
 * (or null) sets *has = 0 when optional, and is an error when required.
 */
static int
inbound_qty(struct ingest *ig, json_t *o, size_t i, const char *key,
    int required, int *has, int64_t *out)
{
	json_t *v = json_object_get(o, key);

	*has = 0;
	if ((v == NULL || json_is_null(v)) && !required)
		return 0;
	if (!json_is_integer(v))
		return inbound_bad(ig, "ItemData", i, key, v == NULL ?
		    "is missing (the model requires it)" :
		    "is not an integer");
	*out = json_integer_value(v);
	if (*out < 0 || *out > MAX_QUANTITY)
		return inbound_bad(ig, "ItemData", i, key, "is out of range");
	*has = 1;
	return 0;
}

/*
 * The model requires of InboundShipmentItem only SellerSKU and
 * QuantityShipped. A missing QuantityReceived or FulfillmentNetworkSKU is
 * stored unknown (NULL): it makes no claim and rejects nothing else. An
 * item without ShipmentId takes the shipment its request named
 * (request_sid, from getShipmentItemsByShipmentId; NULL if none).
 */
static int
inbound_items(struct ingest *ig, json_t *arr, const char *request_sid)
{
	struct inbound_item_row r;
	json_t *o;
	size_t i;
	int has;

	json_array_foreach(arr, i, o) {
		if (!json_is_object(o))
			return inbound_bad(ig, "ItemData", i, "",
			    "is not an object");
		r.shipment_id = inbound_str(o, "ShipmentId");
		r.sku = inbound_str(o, "SellerSKU");
		r.fnsku = inbound_str(o, "FulfillmentNetworkSKU");
		if (*r.sku == '\0')
			return inbound_bad(ig, "ItemData", i, "SellerSKU",
			    "is missing (the model requires it)");
		if (inbound_qty(ig, o, i, "QuantityShipped", 1, &has,
		    &r.shipped) == -1 ||
		    inbound_qty(ig, o, i, "QuantityReceived", 0,
		    &r.has_received, &r.received) == -1)
			return -1;
		if (*r.shipment_id == '\0' && request_sid != NULL)
			r.shipment_id = request_sid;
		if (*r.shipment_id == '\0') {
			if (inbound_unkeyed(ig, "ItemData", i) != 0)
				return INGEST_FATAL;
			continue;
		}
		if (store_inbound_item_add(ig->st, ig->file_id, &r) == -1)
			return ingest_store_failed(ig);
		ig->rows++;
	}
	return 0;
}

/*
 * The shipment a saved response was asked for: fetch writes the request
 * of a getShipmentItemsByShipmentId beside Amazon's answer, as
 * {"request": {"operation": ..., "ShipmentId": ...}, "payload": ...}.
 */
static const char *
inbound_request_shipment(json_t *resp)
{
	json_t *req = json_object_get(resp, "request");
	const char *sid = inbound_str(req, "ShipmentId");

	return *sid != '\0' ? sid : NULL;
}

/* One API response: {"payload": {"ShipmentData" | "ItemData": [...]}}. */
static int
inbound_response(struct ingest *ig, json_t *resp)
{
	json_t *payload = json_object_get(resp, "payload"), *v;
	int seen = 0, rc;

	if (!json_is_object(payload)) {
		ig->line = 0;
		/* Amazon's error answer ({"errors": [{code, message}]}) saved
		 * in place of data: say so, and what to do. */
		v = json_array_get(json_object_get(resp, "errors"), 0);
		if (json_is_object(v))
			return ingest_bad(ig, "errors", "this is an error "
			    "answer of the API (%.64s: %.128s), not shipments "
			    "or items: fetch it again",
			    json_string_value(json_object_get(v, "code")) ?
			    json_string_value(json_object_get(v, "code")) : "?",
			    json_string_value(json_object_get(v, "message")) ?
			    json_string_value(json_object_get(v, "message")) :
			    "?");
		return ingest_bad(ig, "payload", "is missing: not an Inbound "
		    "v0 API response");
	}
	if (json_is_array(v = json_object_get(payload, "ShipmentData"))) {
		if ((rc = inbound_shipments(ig, v)) != 0)
			return rc;
		seen = 1;
	}
	if (json_is_array(v = json_object_get(payload, "ItemData"))) {
		if ((rc = inbound_items(ig, v,
		    inbound_request_shipment(resp))) != 0)
			return rc;
		seen = 1;
	}
	if (!seen) {
		ig->line = 0;
		return ingest_bad(ig, "payload", "has neither ShipmentData "
		    "nor ItemData");
	}
	return 0;
}

static int
inbound_parse(struct ingest *ig)
{
	struct inbound_io io = { ig->rd, 0, 0 };
	json_error_t jerr;
	json_t *doc, *v;
	size_t i;
	int rc = 0;

	doc = json_load_callback(inbound_read, &io, JSON_REJECT_DUPLICATES,
	    &jerr);
	if (doc == NULL) {
		ig->line = jerr.line > 0 ? jerr.line : 0;
		if (io.failed)
			return ingest_bad(ig, NULL, "%s", *reader_error(ig->rd) ?
			    reader_error(ig->rd) : "JSON is larger than "
			    "MAX_JSON_BYTES");
		return ingest_bad(ig, NULL, "malformed JSON: %s", jerr.text);
	}
	if (json_is_array(doc)) {
		json_array_foreach(doc, i, v)
			if ((rc = inbound_response(ig, v)) != 0)
				break;
	} else
		rc = inbound_response(ig, doc);
	json_decref(doc);
	return rc;
}

const struct report_kind inbound_kind = {
	.name = "inbound",
	.format = REPORT_JSON,
	.table = STORE_INBOUND,
	.parse = inbound_parse,
};
