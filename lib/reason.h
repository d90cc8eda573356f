/*
 * Reimbursement reasons, as Amazon's reimbursements report writes them,
 * and which claim types each pays (docs/design.md §6.1, §7.4): one table,
 * read by the audit's detectors and by reconciliation. A reason not in
 * the table pays no claim type and belongs to no order side.
 */
#ifndef FBAUDIT_REASON_H
#define FBAUDIT_REASON_H

/* The reason of a reversal: it takes back units another reimbursement paid. */
#define REASON_REVERSAL	"Reimbursement_Reversal"

/* Whether a reimbursement for reason pays a claim of type. */
int	 reason_pays(const char *reason, const char *type);
/* Whether reason is a reversal. */
int	 reason_is_reversal(const char *reason);
/* Whether reason pays for units (not a reversal, fee or adjustment). */
int	 reason_pays_units(const char *reason);
/*
 * Whether reason pays for units lost or damaged before a customer order
 * (warehouse, inbound, removal), valued as such (docs/design.md §6.2).
 */
int	 reason_before_order(const char *reason);
/* Whether reason pays for a customer order's unit. */
int	 reason_after_order(const char *reason);

#endif
