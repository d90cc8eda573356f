#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "market/inbound.h"
#include "market/reports.h"

/* Most pages followed per listing: a runaway NextToken ends here. */
#define INBOUND_MAX_PAGES	200
/* Most shipments one run reads items of. */
#define INBOUND_MAX_SHIPMENTS	10000

/*
 * The statuses whose shipments can still change what Amazon received;
 * WORKING and CANCELLED/DELETED ones never reached a warehouse.
 */
#define INBOUND_STATUSES \
	"SHIPPED,IN_TRANSIT,DELIVERED,CHECKED_IN,RECEIVING,CLOSED"

/*
 * One listing, every page (NextToken) appended to all, at most
 * INBOUND_MAX_PAGES; with ids, each shipment's id is collected too (at
 * most INBOUND_MAX_SHIPMENTS), for the items' calls.
 */
static enum spapi_status
inbound_pages(struct spapi *sp, enum spapi_op op, const char *first,
    const char *next_fmt_base, json_t *all, json_t *ids)
{
	struct buf path;
	json_t *o = NULL, *tok, *data, *e;
	enum spapi_status st = SPAPI_OK;
	char *etok;
	size_t i;
	int page;

	buf_init(&path, 0);
	buf_adds(&path, first);
	for (page = 0; page < INBOUND_MAX_PAGES; page++) {
		if ((st = spapi_call(sp, op, "GET", path.data, NULL, &o)) !=
		    SPAPI_OK)
			break;
		json_array_append(all, o);
		data = json_object_get(json_object_get(o, "payload"),
		    "ShipmentData");
		json_array_foreach(data, i, e)
			if (ids != NULL && json_is_string(json_object_get(e,
			    "ShipmentId")) &&
			    json_array_size(ids) < INBOUND_MAX_SHIPMENTS)
				json_array_append(ids, json_object_get(e,
				    "ShipmentId"));
		tok = json_object_get(json_object_get(o, "payload"),
		    "NextToken");
		if (!json_is_string(tok) || json_string_length(tok) == 0)
			break;
		etok = curl_easy_escape(NULL, json_string_value(tok), 0);
		buf_reset(&path);
		buf_printf(&path, "%s&NextToken=%s", next_fmt_base,
		    etok ? etok : "");
		curl_free(etok);
		json_decref(o);
		o = NULL;
	}
	json_decref(o);
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

enum spapi_status
inbound_fetch(struct spapi *sp, char *const *marketplaces, size_t nmp,
    int64_t after, int64_t before, const char *path, size_t *shipments)
{
	struct atomic_file af;
	struct buf first, next;
	json_t *all, *ids, *id;
	enum spapi_status st = SPAPI_OK;
	char t0[32], t1[32];
	const char *sid;
	size_t m, i;

	*shipments = 0;
	all = json_array();
	ids = json_array();
	buf_init(&first, 0);
	buf_init(&next, 0);
	for (m = 0; m < nmp && st == SPAPI_OK; m++) {
		buf_reset(&first);
		buf_reset(&next);
		buf_printf(&first, "/fba/inbound/v0/shipments?QueryType="
		    "DATE_RANGE&MarketplaceId=%s&ShipmentStatusList=%s&"
		    "LastUpdatedAfter=%s&LastUpdatedBefore=%s",
		    marketplaces[m], INBOUND_STATUSES,
		    reports_time(after, t0, sizeof(t0)),
		    reports_time(before, t1, sizeof(t1)));
		buf_printf(&next, "/fba/inbound/v0/shipments?QueryType="
		    "NEXT_TOKEN&MarketplaceId=%s", marketplaces[m]);
		st = inbound_pages(sp, SPAPI_GET_SHIPMENTS, first.data,
		    next.data, all, ids);
		json_array_foreach(ids, i, id) {
			if (st != SPAPI_OK)
				break;
			sid = json_string_value(id);
			if (!inbound_id_ok(sid))
				continue;
			buf_reset(&first);
			buf_reset(&next);
			buf_printf(&first, "/fba/inbound/v0/shipments/%s/items?"
			    "MarketplaceId=%s", sid, marketplaces[m]);
			buf_printf(&next, "/fba/inbound/v0/shipments/%s/items?"
			    "MarketplaceId=%s", sid, marketplaces[m]);
			st = inbound_pages(sp, SPAPI_GET_SHIPMENT_ITEMS,
			    first.data, next.data, all, NULL);
		}
		*shipments += json_array_size(ids);
		json_array_clear(ids);
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
	buf_free(&first);
	buf_free(&next);
	json_decref(ids);
	json_decref(all);
	return st;
}
