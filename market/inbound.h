/*
 * The FBA Inbound v0 API (DESIGN 4): getShipments of the statuses an
 * audit needs, updated in a time range, every NextToken page, then
 * getShipmentItemsByShipmentId for each shipment. Saved as one JSON array
 * of the responses, as Amazon returned them (ingest/inbound.c reads it).
 */
#ifndef FBAUDIT_INBOUND_H
#define FBAUDIT_INBOUND_H

#include <stddef.h>
#include <stdint.h>

#include "market/spapi.h"

/*
 * Fetches the shipments updated in [after, before) (UTC seconds) in each
 * marketplace, and their items, into path (written atomically).
 * *shipments says how many. Returns SPAPI_OK or a failure (sp->error).
 */
enum spapi_status inbound_fetch(struct spapi *sp, char *const *marketplaces,
	    size_t nmp, int64_t after, int64_t before, const char *path,
	    size_t *shipments);

#endif
