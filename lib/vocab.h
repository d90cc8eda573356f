/*
 * The words fbaudit stores as names (docs/design.md §6.3, §6.4): claim
 * statuses, anomaly states and anomaly kinds. Each is an enum with one
 * name table here; the store keeps the names, the code compares enums.
 */
#ifndef FBAUDIT_VOCAB_H
#define FBAUDIT_VOCAB_H

/*
 * A claim's status. The order is the summary's (audit/audit.c counts by
 * it): the audit's statuses, then filing's, then the settled ones.
 */
enum claim_status {
	CLAIM_PENDING,			/* its window has not opened */
	CLAIM_ELIGIBLE,			/* window open, not filed */
	CLAIM_READY,			/* a packet waits in the outbox */
	CLAIM_EXPIRED,			/* closed with no case id */
	CLAIM_FILED,			/* Amazon has a case */
	CLAIM_REIMBURSED,		/* the case paid in full */
	CLAIM_PARTIALLY_REIMBURSED,	/* the case paid some */
	CLAIM_DENIED,			/* Amazon said no */
	CLAIM_AUTO_REIMBURSED,		/* Amazon paid all, unasked */
	CLAIM_RESOLVED,			/* nothing owed any more */
	CLAIM_STATUS_COUNT,
	CLAIM_STATUS_NONE = CLAIM_STATUS_COUNT	/* none, or unknown */
};

/* The stored name of s; NULL for CLAIM_STATUS_NONE. Static storage. */
const char	*claim_status_name(enum claim_status s);
/* The status named name; CLAIM_STATUS_NONE when NULL or unknown. */
enum claim_status claim_status_parse(const char *name);
/* Whether s is unfiled and claimable: eligible or ready. */
int		 claim_status_unfiled(enum claim_status s);
/* Whether nobody filed, paid or closed it yet: pending, eligible, ready. */
int		 claim_status_unsettled(enum claim_status s);
/* Whether Amazon has a case for it: filed, reimbursed or partially. */
int		 claim_status_has_case(enum claim_status s);
/* Whether it belongs to filing and reconciliation: has a case, denied. */
int		 claim_status_after_filing(enum claim_status s);

/* An anomaly's state: open -> acked -> resolved | dismissed. */
enum anomaly_state {
	ANOMALY_OPEN,
	ANOMALY_ACKED,
	ANOMALY_RESOLVED,
	ANOMALY_DISMISSED,
	ANOMALY_STATE_COUNT,
	ANOMALY_STATE_NONE = ANOMALY_STATE_COUNT	/* none, or unknown */
};

/* The stored name of s; NULL for ANOMALY_STATE_NONE. Static storage. */
const char	*anomaly_state_name(enum anomaly_state s);
/* The state named name; ANOMALY_STATE_NONE when NULL or unknown. */
enum anomaly_state anomaly_state_parse(const char *name);
/* Whether s still asks for action: open or acked. */
int		 anomaly_state_active(enum anomaly_state s);

/* An anomaly's kind: one rule each (audit/flags.c). */
enum anomaly_kind {
	ANOMALY_DEADLINE_LOOMING,
	ANOMALY_DAMAGE_SPIKE,
	ANOMALY_LOSS_SPIKE,
	ANOMALY_DENIAL_SPIKE,
	ANOMALY_STALE_DATA,
	ANOMALY_AUTH_FAILED,
	ANOMALY_KIND_COUNT,
	ANOMALY_KIND_NONE = ANOMALY_KIND_COUNT		/* unknown */
};

/* The stored name of k; NULL for ANOMALY_KIND_NONE. Static storage. */
const char	*anomaly_kind_name(enum anomaly_kind k);
/* The kind named name; ANOMALY_KIND_NONE when NULL or unknown. */
enum anomaly_kind anomaly_kind_parse(const char *name);

#endif
