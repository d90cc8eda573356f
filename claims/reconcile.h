/*
 * Reconciliation (docs/design.md §6.3, §7): Amazon's reimbursements matched to
 * the claims fbaudit filed. A reimbursement whose case-id is a filed claim's
 * case id pays that claim; the rest pay filed claims oldest first (FIFO)
 * by FNSKU and the claim type their reason names. Paid in full: the claim
 * is reimbursed; in part: partially_reimbursed, with what is still owed;
 * a reversal takes its payment back and re-opens the claim. Payments
 * that arrived before the filing are the audit's (auto_reimbursed).
 * Computed afresh from all reimbursements on every run, so running it
 * twice, or on a report that repeats rows, changes nothing.
 */
#ifndef FBAUDIT_RECONCILE_H
#define FBAUDIT_RECONCILE_H

#include <stddef.h>
#include <stdio.h>

struct store;

struct reconcile_summary {
	int	 claims;	/* filed claims looked at */
	int	 changed;	/* whose status or payment changed */
	int	 reimbursed;	/* now paid in full */
	int	 partial;	/* now paid in part */
	int	 reopened;	/* back to filed or partial by a reversal */
};

/*
 * Reconciles the store's filed claims in one transaction, printing one
 * line per change to out (NULL: quiet). Returns 0, or -1 with a reason
 * in err (nothing is changed then).
 */
int	 reconcile_run(struct store *st, FILE *out,
	    struct reconcile_summary *sum, char *err, size_t errlen);

#endif
