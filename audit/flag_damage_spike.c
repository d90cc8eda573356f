/* damage_spike: damaged-in-warehouse units far above the seller's rate. */
#include "audit/flag.h"
#include "audit/policy.h"

int
flag_damage_spike(struct flagger *fl)
{
	return flag_spike(fl, ANOMALY_DAMAGE_SPIKE, POLICY_REASON_DAMAGED,
	    "warehouse_damaged");
}
