/* loss_spike: units lost in Amazon's warehouses far above the usual rate. */
#include "audit/flag.h"
#include "audit/policy.h"

int
flag_loss_spike(struct flagger *fl)
{
	return flag_spike(fl, ANOMALY_LOSS_SPIKE, POLICY_REASON_LOST,
	    "warehouse_lost");
}
