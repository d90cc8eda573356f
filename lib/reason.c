#include <stddef.h>
#include <string.h>

#include "lib/reason.h"

enum reason_side {
	REASON_NO_UNITS,	/* pays money, not units */
	REASON_OTHER,		/* pays units, of no known side */
	REASON_BEFORE,		/* the fulfilment network's loss */
	REASON_AFTER		/* a customer order's unit */
};

static const struct reason {
	const char		*name;
	enum reason_side	 side;
	const char		*pays[2];	/* claim types it pays */
} reasons[] = {
	{ "Lost_Warehouse", REASON_BEFORE, { "warehouse_lost", NULL } },
	{ "Damaged_Warehouse", REASON_BEFORE, { "warehouse_damaged", NULL } },
	{ "Lost_Inbound", REASON_BEFORE, { "inbound_shortage", NULL } },
	{ "Damaged_Inbound", REASON_BEFORE, { "inbound_shortage", NULL } },
	{ "Lost_Removal", REASON_BEFORE, { NULL, NULL } },
	{ "Damaged_Removal", REASON_BEFORE, { NULL, NULL } },
	{ "RemovalOrderLost", REASON_BEFORE, { NULL, NULL } },
	{ "RemovalOrderDamaged", REASON_BEFORE, { NULL, NULL } },
	{ "CustomerReturn", REASON_AFTER, { "customer_return_missing",
	    "customer_return_damaged" } },
	{ "CustomerServiceIssue", REASON_AFTER, { NULL, NULL } },
	{ "Lost_Outbound", REASON_AFTER, { NULL, NULL } },
	{ "Damaged_Outbound", REASON_AFTER, { NULL, NULL } },
	{ REASON_REVERSAL, REASON_NO_UNITS, { NULL, NULL } },
	{ "FeeCorrection", REASON_NO_UNITS, { NULL, NULL } },
	{ "GeneralAdjustment", REASON_NO_UNITS, { NULL, NULL } },
};

static const struct reason *
reason_find(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < sizeof(reasons) / sizeof(reasons[0]);
	    i++)
		if (strcmp(reasons[i].name, name) == 0)
			return &reasons[i];
	return NULL;
}

int
reason_pays(const char *reason, const char *type)
{
	const struct reason *r = reason_find(reason);
	size_t k;

	for (k = 0; r != NULL && k < 2 && r->pays[k] != NULL; k++)
		if (strcmp(r->pays[k], type) == 0)
			return 1;
	return 0;
}

int
reason_is_reversal(const char *reason)
{
	return strcmp(reason, REASON_REVERSAL) == 0;
}

int
reason_pays_units(const char *reason)
{
	const struct reason *r = reason_find(reason);

	return r == NULL || r->side != REASON_NO_UNITS;
}

int
reason_before_order(const char *reason)
{
	const struct reason *r = reason_find(reason);

	return r != NULL && r->side == REASON_BEFORE;
}

int
reason_after_order(const char *reason)
{
	const struct reason *r = reason_find(reason);

	return r != NULL && r->side == REASON_AFTER;
}
