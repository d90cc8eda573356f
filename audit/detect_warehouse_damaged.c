/*
 * warehouse_damaged: units Amazon damaged in a fulfilment centre (ledger
 * Adjustments, reasons 6, 7, E, H, K, U), less those Amazon paid for
 * (Damaged_Warehouse, cash or inventory). A found unit does not undo a
 * damage.
 */
#include "audit/ledger_loss.h"

int
detect_warehouse_damaged(struct audit *a)
{
	static const struct ledger_loss_rule rule = {
		"warehouse_damaged", POLICY_REASON_DAMAGED, 0
	};

	return ledger_loss_detect(a, &rule);
}
