/*
 * warehouse_lost: units Amazon lost in its warehouses (ledger Adjustments,
 * reasons M and 5), less those found later (F) and those Amazon paid for
 * (Lost_Warehouse, cash or inventory). Window: docs/design.md §6.1,
 * audit/policy.c.
 */
#include "audit/ledger_loss.h"

int
detect_warehouse_lost(struct audit *a)
{
	static const struct ledger_loss_rule rule = {
		"warehouse_lost", POLICY_REASON_LOST, 1
	};

	return ledger_loss_detect(a, &rule);
}
