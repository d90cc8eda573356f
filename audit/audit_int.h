/* The audit's insides, shared by the engine and the detectors. */
#ifndef FBAUDIT_AUDIT_INT_H
#define FBAUDIT_AUDIT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "audit/finding.h"
#include "audit/timeline.h"

struct store;
struct strmap;
struct complete_state;

/* A reimbursement row, kept in memory for matching. */
struct reimb {
	char	*id, *fnsku, *sku, *reason, *case_id, *order_id;
	char	*original_id, *currency, *file;
	int32_t	 day;
	int64_t	 time, line;
	int	 has_per_unit;
	int64_t	 amount_per_unit, qty_cash, qty_total;
};

/* A ledger adjustment with a claim-relevant reason. */
struct adjustment {
	char	*fnsku, *msku, *asin, *title, *reason, *reference;
	char	*fc, *country, *file;
	int32_t	 day;
	int64_t	 quantity, line;
};

struct audit {
	struct store		*st;
	int32_t			 today;
	struct finding		**found;
	size_t			 nfound, capfound;
	/* Loaded once, on first use, sorted by FNSKU then date. */
	struct reimb		*reimb;
	size_t			 nreimb, capreimb;
	struct strmap		*reimb_by_id;	/* id -> index */
	size_t			*reimb_by_order; /* indexes, by order id */
	int			 reimb_loaded;
	struct adjustment	*adj;
	size_t			 nadj, capadj;
	int			 adj_loaded;
	/* Why the audit failed when the store did not ("" when it did:
	 * then store_errmsg says) */
	char			 why[256];
	char			 home[8];	/* set by the adjustments' scan */
	int64_t			 home_votes;
	struct strmap		*countries;	/* during that scan */
	/* The seller's settings (audit_settings), or their defaults. */
	int			 wait_days;	/* claim_wait_days, -1: policy */
	char			 market[8];	/* the seller's marketplace */
	int			 market_known;	/* market is decided */
	/* The latest day the store was audited, today included: an audit
	 * of an earlier day (--rewind) closes nothing for good. */
	int32_t			 latest;
	/* What the store says of the reports the rules read (loaded by
	 * audit_hold on first use). */
	struct complete_state	*complete;
};

/* A detector: reads the store, emits findings. 0 or -1 (store error). */
struct detector {
	const char	*type;
	int		(*run)(struct audit *a);
	/*
	 * The claim id hashes the SKU in place of the FNSKU: the evidence
	 * (a refund in the settlement) always names the SKU, while the
	 * FNSKU is known only once another report names the SKU, and a
	 * claim's identity must not change as data arrives (issue 15 §1).
	 */
	int		 key_by_sku;
	/* The reports (files.type) whose rows can cancel or change its
	 * claims: complete before one is filed (audit_hold), NULL-ended. */
	const char *const *reads;
};

/* Hands a finding to the engine, which owns it from then on. */
void		 audit_emit(struct audit *a, struct finding *f);
/* Loads the reimbursements once. Returns 0 or -1. */
int		 audit_reimbursements(struct audit *a);
/* The reimbursements of fnsku: a slice of a->reimb, count in *n. */
struct reimb	*audit_reimb_of(struct audit *a, const char *fnsku, size_t *n);
/* The reimbursement with id, or NULL. */
struct reimb	*audit_reimb_by_id(struct audit *a, const char *id);
/* Net units reimbursed naming an order (reversals subtract). */
int64_t		 audit_reimb_order_units(struct audit *a, const char *order_id,
		    const struct reimb **last);
/*
 * Adds to t the reimbursements of fnsku whose reason pays claims of type
 * (lib/reason.h) as cancellations, and their reversals as re-openings.
 */
void		 audit_paid_events(struct audit *a, struct timeline *t,
		    const char *fnsku, const char *type);
/*
 * The seller's home marketplace, for claims whose report names none
 * (removals, reimbursements) and for units the Pan-European network moved
 * abroad: the configured one (the seller's first marketplace), else the
 * marketplace most settlement orders came from, else the country most of
 * its ledger adjustments carry. "" when unknown. Static storage of the
 * audit.
 */
const char	*audit_home_country(struct audit *a);
/*
 * The marketplace a unit a ledger row places in country belongs to: the
 * home marketplace when country is another country of the Pan-European
 * network (a ledger Country is where the unit was, not where it sells),
 * else country. Static storage of the audit or country itself.
 */
const char	*audit_claim_country(struct audit *a, const char *country);
/*
 * Cancels f's open units by the net units reimbursed naming order f's
 * reference; the evidence row's detail is key (finding_add), which says
 * what kind of order it is ("reimbursed_order", "reimbursed_removal").
 */
void		 audit_cancel_by_order(struct audit *a, struct finding *f,
		    const char *key);
/* Loads the claim-relevant ledger adjustments once. Returns 0 or -1. */
int		 audit_adjustments(struct audit *a);
/*
 * Values a unit of sku lost or damaged before a customer order, in
 * country (or in currency, when country is unknown) on day, by the basis
 * in force there then. Returns 1 with *value, currency and *basis set, 0
 * when nothing values it, -1 on error.
 */
int		 audit_value(struct audit *a, const char *sku,
		    const char *country, const char *currency, int32_t day,
		    int64_t *value, char out_currency[4], const char **basis);
/*
 * Values a unit of sku on customer order order_id as Amazon does after an
 * order: the order's sales price less Amazon's fees on it, else the SKU's
 * median sale price before day. Returns as audit_value.
 */
int		 audit_value_order(struct audit *a, const char *order_id,
		    const char *sku, const char *country, const char *currency,
		    int32_t day, int64_t *value, char out_currency[4],
		    const char **basis);
/*
 * The seller's declared unit cost of sku in currency: 1 with *value, 0
 * none (or in another currency), -1 error.
 */
int		 audit_unit_cost(struct audit *a, const char *sku,
		    const char *currency, int64_t *value);
/*
 * The price of one unit of sku on order_id as a fraction num/den (the
 * order's own principal over its units), else the SKU's median sale price
 * in currency before day (den 1). 1 found, 0 unknown, -1 error.
 */
int		 audit_order_unit_price(struct audit *a, const char *order_id,
		    const char *sku, const char *currency, int32_t day,
		    int64_t *num, int64_t *den);

/*
 * Whether the claim f makes must wait instead of being filed (issue 15
 * §1, audit/complete.c): its product cannot be named, or a report of
 * reads (NULL-ended) is not complete through its evidence and today
 * less the report's lag. 1 with the reason in why, 0 when it may be
 * filed, -1 on a store error.
 */
int		 audit_hold(struct audit *a, const struct finding *f,
		    const char *const *reads, char *why, size_t size);
/* Frees what audit_hold loaded. */
void		 audit_complete_free(struct audit *a);

/* The detectors, one file each. */
int	 detect_warehouse_lost(struct audit *a);
int	 detect_warehouse_damaged(struct audit *a);
int	 detect_customer_return_missing(struct audit *a);
int	 detect_customer_return_damaged(struct audit *a);
int	 detect_inbound_shortage(struct audit *a);
int	 detect_removal_shortfall(struct audit *a);
int	 detect_reimbursement_underpaid(struct audit *a);

/* The detector table (audit/detectors.c). */
extern const struct detector audit_detectors[];
extern const size_t audit_ndetectors;

#endif
