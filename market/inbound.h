/*
 * The FBA Inbound v0 API (docs/design.md §4), called as its model defines
 * them: getShipments updated in a time range (DATE_RANGE, then NEXT_TOKEN
 * pages), then getShipmentItemsByShipmentId for each shipment that can
 * have reached a warehouse, and getShipmentItems of the range when a
 * shipment's items need paging. Saved as one JSON array of the answers,
 * as Amazon returned them; an answer to getShipmentItemsByShipmentId
 * carries its request beside it ("request": {"operation", "ShipmentId"})
 * for items without ShipmentId (ingest/inbound.c reads it).
 */
#ifndef FBAUDIT_INBOUND_H
#define FBAUDIT_INBOUND_H

#include <stddef.h>
#include <stdint.h>

#include "market/spapi.h"

/*
 * Fetches the shipments updated in [after, before) (UTC seconds) in each
 * marketplace, and their items, into path (written atomically; nothing
 * when none, or on failure). *shipments says how many were listed.
 * Returns SPAPI_OK or a failure (sp->error): a NextToken repeated is one.
 */
enum spapi_status inbound_fetch(struct spapi *sp, char *const *marketplaces,
	    size_t nmp, int64_t after, int64_t before, const char *path,
	    size_t *shipments);

#endif
