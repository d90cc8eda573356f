/*
 * What the CSM page and the digest read from a seller's store besides
 * claims and anomalies: where "since last night" begins, the claims that
 * became claimable and the money that came in since then, and the
 * currency the seller is paid in. Read-only. Functions return 0, the
 * callback's non-zero stop value, or -1 on an SQLite error
 * (store_errmsg).
 */
#ifndef FBAUDIT_CSMDATA_H
#define FBAUDIT_CSMDATA_H

#include <stdint.h>

struct store;

/*
 * The end of last night's run (epoch seconds) in *since: the latest of
 * the runs that started on a UTC day before the latest run's. What
 * appeared after it is new since last night. 0 when the seller has no
 * run of an earlier day: everything is new.
 */
int	 store_csm_since(struct store *st, int64_t *since);

/* Money of one currency: a sum and how many rows made it. */
struct csm_money_row {
	const char	*currency;	/* "" when the amount is unknown */
	int64_t		 amount;	/* minor units */
	int64_t		 count;
};

/*
 * Calls cb per currency for the claims that became eligible after since
 * (their claim_events) and are still unfiled, with their value.
 */
int	 store_csm_eligible_since(struct store *st, int64_t since,
	    int (*cb)(void *ctx, const struct csm_money_row *r), void *ctx);
/*
 * Calls cb per currency for Amazon's reimbursements imported after since
 * (net of reversals): the money that came in.
 */
int	 store_csm_paid_since(struct store *st, int64_t since,
	    int (*cb)(void *ctx, const struct csm_money_row *r), void *ctx);
/*
 * The currency the seller's claims, settlements and reimbursements are
 * mostly in, into out (4 bytes); "" when the store has no money yet.
 */
int	 store_csm_currency(struct store *st, char out[4]);

#endif
