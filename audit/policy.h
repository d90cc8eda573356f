/*
 * Amazon's reimbursement policy as data: claim windows by claim type,
 * marketplace and date, the reason codes that are Amazon's fault, the
 * per-unit value cap, and the unit-value basis. A rule applies by the date
 * of the claim's anchor event, so old events keep the policy of their day.
 */
#ifndef FBAUDIT_POLICY_H
#define FBAUDIT_POLICY_H

#include <stdint.h>

/* What a ledger adjustment's reason code means for a claim. */
enum policy_reason {
	POLICY_REASON_OTHER,		/* neutral: not claimable */
	POLICY_REASON_LOST,		/* M, 5 */
	POLICY_REASON_DAMAGED,		/* damaged by Amazon: 6 7 E H K U */
	POLICY_REASON_FOUND		/* F */
};

/* How a unit lost or damaged before a customer order is valued. */
enum policy_basis {
	POLICY_BASIS_PRICE_FIRST,	/* median sale price, else unit cost */
	POLICY_BASIS_COST_FIRST		/* unit cost, else median sale price */
};

/* The window of a claim, in days since the epoch, both ends inclusive. */
struct policy_window {
	int32_t		 opens;
	int32_t		 closes;
	const char	*rule;		/* the policy row's name, static */
	const char	*source;	/* what the row cites, static */
};

/* A claim type's rows of another kind than its main one (kind ""). */
#define POLICY_KIND_LOST_IN_TRANSIT	"lost_in_transit"

/* What a ledger reason code means. */
enum policy_reason policy_reason(const char *code);
/*
 * The window of a claim of type (a claim type name) and kind ("" or a
 * POLICY_KIND_*) in country (ISO code, "" if unknown) anchored on day.
 * wait_days >= 0 replaces the row's wait before the window opens where
 * the row lets the seller choose it (claim_wait_days); -1 keeps it.
 * Returns 0, or -1 when no row covers the type and kind.
 */
int	 policy_window(const char *type, const char *kind,
	    const char *country, int32_t anchor, int wait_days,
	    struct policy_window *w);
/* The basis of units lost or damaged before an order, in country on day. */
enum policy_basis policy_basis(const char *country, int32_t day);
/* Whether a and b share the Pan-European fulfilment network (EU, UK). */
int	 policy_same_network(const char *a, const char *b);
/* The per-unit value cap in minor units of currency; 0: none known. */
int64_t	 policy_unit_cap(const char *currency);
/* The days of sales the median sale price looks back over. */
int32_t	 policy_price_lookback(void);
/* How far below the unit value a reimbursement is underpaid (percent). */
int	 policy_underpaid_percent(void);
/* Thresholds of the anomaly rules (docs/design.md §6.4), in one place. */
struct policy_flags {
	int	 deadline_days;		/* eligible claims closing this soon */
	int	 deadline_high_days;	/* ... this soon: high severity */
	int	 spike_window_days;	/* the week looked at */
	int	 spike_baseline_days;	/* the trailing rate before it */
	int	 spike_min_baseline_days; /* less history: no judgement */
	double	 spike_p;		/* Poisson tail below this ... */
	int64_t	 spike_min_units;	/* ... and at least this many units */
	double	 spike_high_p;		/* high severity below this tail */
	int64_t	 spike_high_units;	/* ... or this many units */
	int	 stale_hours;		/* no successful fetch for this long */
	int	 denial_window;		/* the last N decided claims */
	int	 denial_num, denial_den; /* more than num/den of them denied */
};

/* The anomaly rules' thresholds. Static storage. */
const struct policy_flags *policy_flags(void);
/* The currency of a marketplace country ("US" -> "USD"); NULL unknown. */
const char *policy_currency(const char *country);
/* The day months calendar months after day (clamped to month end). */
int32_t	 policy_add_months(int32_t day, int months);

#endif
