/*
 * The Inbound v0 calls as Amazon's model defines them
 * (amzn/selling-partner-api-models, models/fulfillment-inbound-api-model/
 * fulfillmentInboundV0.json):
 *
 * - getShipments: MarketplaceId is required; QueryType=DATE_RANGE goes
 *   with LastUpdatedAfter and LastUpdatedBefore (ShipmentStatusList and
 *   ShipmentIdList belong to QueryType=SHIPMENT), and each further page is
 *   QueryType=NEXT_TOKEN with the NextToken of the last one.
 * - getShipmentItemsByShipmentId takes the shipment id alone: its
 *   MarketplaceId is "Deprecated. Do not use." and it has no NextToken
 *   parameter, so it cannot be paged.
 * - getShipmentItems (MarketplaceId required) pages by QueryType=
 *   DATE_RANGE, then NEXT_TOKEN. It is asked only when a shipment's items
 *   did not fit one answer of getShipmentItemsByShipmentId.
 *
 * A NextToken seen twice in one listing ends it with an error, as does a
 * listing longer than INBOUND_MAX_PAGES: paging never loops, and a failed
 * listing saves nothing, so no row is stored twice or half.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/inbound.h"
#include "market/reports.h"

/* Most pages followed per listing: a runaway NextToken ends here. */
#define INBOUND_MAX_PAGES	200
/* Most shipments one run reads items of. */
#define INBOUND_MAX_SHIPMENTS	10000

/*
 * The statuses whose shipments can still change what Amazon received;
 * WORKING, READY_TO_SHIP, CANCELLED and DELETED ones never reached a
 * warehouse, so their items are not asked for. getShipments cannot filter
 * by status in a DATE_RANGE query: the listing is filtered here.
 */
static const char *const inbound_statuses[] = {
	"SHIPPED", "IN_TRANSIT", "DELIVERED", "CHECKED_IN", "RECEIVING",
	"CLOSED", NULL
};

/* One listing: where it starts, how it goes on, what it gathers. */
struct inbound_listing {
	enum spapi_op	 op;
	const char	*first;		/* the path of the first page */
	const char	*next;		/* the path NextToken= is added to;
					 * NULL: the operation cannot page */
	const char	*shipment_id;	/* the request's, saved beside it */
	json_t		*all;		/* every answer is appended here */
	json_t		*ids;		/* ShipmentData ids worth items, or NULL */
	size_t		 listed;	/* ShipmentData entries seen */
	int		 truncated;	/* a NextToken the op cannot follow */
};

/* Whether a shipment's items are worth asking for (unknown: yes). */
static int
inbound_status_wanted(json_t *shipment)
{
	json_t *v = json_object_get(shipment, "ShipmentStatus");
	size_t i;

	if (!json_is_string(v))
		return 1;
	for (i = 0; inbound_statuses[i] != NULL; i++)
		if (strcmp(json_string_value(v), inbound_statuses[i]) == 0)
			return 1;
	return 0;
}

/* Keeps the ids of the shipments of one answer whose items matter. */
static void
inbound_collect(struct inbound_listing *l, json_t *answer)
{
	json_t *data, *e, *id;
	size_t i;

	data = json_object_get(json_object_get(answer, "payload"),
	    "ShipmentData");
	json_array_foreach(data, i, e) {
		l->listed++;
		id = json_object_get(e, "ShipmentId");
		if (json_is_string(id) && inbound_status_wanted(e) &&
		    json_array_size(l->ids) < INBOUND_MAX_SHIPMENTS)
			json_array_append(l->ids, id);
	}
}

/* Fails a listing: why, in sp->error. */
static enum spapi_status
inbound_fail(struct spapi *sp, const struct inbound_listing *l,
    const char *why, const char *token)
{
	char tok[48];

	/* The token is Amazon's text: cleaned, then cut. */
	log_clean_copy(tok, sizeof(tok), token);
	snprintf(sp->error, sizeof(sp->error), "%s %s: %s%s%s: paging "
	    "stopped, nothing of it saved", spapi_op_name(l->op), l->first,
	    why, tok, strlen(tok) >= sizeof(tok) - 4 ? "..." : "");
	return SPAPI_FAILED;
}

/* Follows one listing page by page, appending every answer to l->all. */
static enum spapi_status
inbound_pages(struct spapi *sp, struct inbound_listing *l)
{
	struct buf path;
	json_t *o = NULL, *tok, *seen, *req;
	enum spapi_status st = SPAPI_OK;
	char *t, *etok;
	int page;

	buf_init(&path, 0);
	buf_adds(&path, l->first);
	seen = json_object();
	for (page = 0;; page++) {
		if (page == INBOUND_MAX_PAGES) {
			st = inbound_fail(sp, l, "more than INBOUND_MAX_PAGES "
			    "pages", NULL);
			break;
		}
		if ((st = spapi_call(sp, l->op, "GET", path.data, NULL, &o)) !=
		    SPAPI_OK)
			break;
		if (l->shipment_id != NULL) {
			/* The answer's items may lack the ShipmentId that
			 * was asked (the model does not require it). */
			req = json_pack("{s:s, s:s}", "operation",
			    spapi_op_name(l->op), "ShipmentId",
			    l->shipment_id);
			json_object_set_new(o, "request", req);
		}
		json_array_append(l->all, o);
		if (l->ids != NULL)
			inbound_collect(l, o);
		tok = json_object_get(json_object_get(o, "payload"),
		    "NextToken");
		t = json_is_string(tok) && json_string_length(tok) > 0 ?
		    xstrdup(json_string_value(tok)) : NULL;
		json_decref(o);
		o = NULL;
		if (t == NULL)
			break;
		if (l->next == NULL) {
			l->truncated = 1;
			free(t);
			break;
		}
		if (json_object_get(seen, t) != NULL) {
			st = inbound_fail(sp, l, "NextToken seen twice: ", t);
			free(t);
			break;
		}
		json_object_set_new(seen, t, json_true());
		etok = curl_easy_escape(NULL, t, 0);
		free(t);
		buf_reset(&path);
		buf_printf(&path, "%s&NextToken=%s", l->next, etok ? etok : "");
		curl_free(etok);
	}
	json_decref(seen);
	buf_free(&path);
	return st;
}

/* Whether a shipment id is safe in a URL path. */
static int
inbound_id_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return i > 0 && i < 64;
}

/*
 * A DATE_RANGE listing of op at base (a path ending in '?') for
 * marketplace mp, paged by NEXT_TOKEN.
 */
static enum spapi_status
inbound_date_range(struct spapi *sp, enum spapi_op op, const char *base,
    const char *mp, const char *t0, const char *t1, json_t *all,
    json_t *ids, size_t *listed)
{
	struct inbound_listing l;
	struct buf first, next;
	enum spapi_status st;

	buf_init(&first, 0);
	buf_init(&next, 0);
	buf_printf(&first, "%sQueryType=DATE_RANGE&MarketplaceId=%s&"
	    "LastUpdatedAfter=%s&LastUpdatedBefore=%s", base, mp, t0, t1);
	buf_printf(&next, "%sQueryType=NEXT_TOKEN&MarketplaceId=%s", base,
	    mp);
	memset(&l, 0, sizeof(l));
	l.op = op;
	l.first = first.data;
	l.next = next.data;
	l.all = all;
	l.ids = ids;
	st = inbound_pages(sp, &l);
	if (listed != NULL)
		*listed += l.listed;
	buf_free(&first);
	buf_free(&next);
	return st;
}

/*
 * The items of each shipment in ids, one getShipmentItemsByShipmentId
 * each; when one did not fit its answer, getShipmentItems of the range.
 */
static enum spapi_status
inbound_items(struct spapi *sp, const char *mp, const char *t0,
    const char *t1, json_t *ids, json_t *all)
{
	struct inbound_listing l;
	struct buf path;
	enum spapi_status st = SPAPI_OK;
	json_t *id;
	size_t i;
	int truncated = 0;

	buf_init(&path, 0);
	json_array_foreach(ids, i, id) {
		if (!inbound_id_ok(json_string_value(id)))
			continue;
		buf_reset(&path);
		buf_printf(&path, "/fba/inbound/v0/shipments/%s/items",
		    json_string_value(id));
		memset(&l, 0, sizeof(l));
		l.op = SPAPI_GET_SHIPMENT_ITEMS;
		l.first = path.data;
		l.shipment_id = json_string_value(id);
		l.all = all;
		if ((st = inbound_pages(sp, &l)) != SPAPI_OK)
			break;
		truncated |= l.truncated;
	}
	buf_free(&path);
	/* Items repeated by both are one row: the store upserts them. */
	if (st == SPAPI_OK && truncated)
		st = inbound_date_range(sp, SPAPI_LIST_SHIPMENT_ITEMS,
		    "/fba/inbound/v0/shipmentItems?", mp, t0, t1, all, NULL,
		    NULL);
	return st;
}

enum spapi_status
inbound_fetch(struct spapi *sp, char *const *marketplaces, size_t nmp,
    int64_t after, int64_t before, const char *path, size_t *shipments)
{
	struct atomic_file af;
	json_t *all, *ids;
	enum spapi_status st = SPAPI_OK;
	char t0[32], t1[32];
	size_t m;

	*shipments = 0;
	all = json_array();
	ids = json_array();
	reports_time(after, t0, sizeof(t0));
	reports_time(before, t1, sizeof(t1));
	for (m = 0; m < nmp && st == SPAPI_OK; m++) {
		json_array_clear(ids);
		st = inbound_date_range(sp, SPAPI_GET_SHIPMENTS,
		    "/fba/inbound/v0/shipments?", marketplaces[m], t0, t1, all,
		    ids, shipments);
		if (st == SPAPI_OK)
			st = inbound_items(sp, marketplaces[m], t0, t1, ids,
			    all);
	}
	/* Nothing shipped in the range: no file to import. */
	if (st != SPAPI_OK || *shipments == 0)
		goto out;
	if (atomic_open(&af, path) == -1) {
		snprintf(sp->error, sizeof(sp->error), "%s: %s", path,
		    strerror(errno));
		st = SPAPI_FAILED;
		goto out;
	}
	if (json_dumpf(all, af.fp, JSON_INDENT(1)) == -1 ||
	    atomic_commit(&af) == -1) {
		snprintf(sp->error, sizeof(sp->error), "%s: cannot write",
		    path);
		if (af.fp != NULL)
			atomic_abort(&af);
		st = SPAPI_FAILED;
	}
out:
	json_decref(ids);
	json_decref(all);
	return st;
}
