/* Lost and damaged units in Amazon's warehouses: one matcher, two rules. */
#ifndef FBAUDIT_LEDGER_LOSS_H
#define FBAUDIT_LEDGER_LOSS_H

#include "audit/audit_int.h"
#include "audit/policy.h"

struct ledger_loss_rule {
	const char		*type;
	enum policy_reason	 reason;	/* what a claim's row shows */
	int			 found_cancels;	/* F adjustments match */
};

/* Finds the rule's claims in the ledger adjustments. 0 or -1. */
int	 ledger_loss_detect(struct audit *a, const struct ledger_loss_rule *r);

#endif
