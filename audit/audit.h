/*
 * The audit of one seller's store: every detector of the table runs over
 * the imported facts, and what they find becomes claims (docs/design.md §6),
 * each with its window, status on today's date, value and evidence. The same
 * store and the same today give the same claims.
 */
#ifndef FBAUDIT_AUDIT_H
#define FBAUDIT_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct store;

#define AUDIT_MAX_TYPES		16
#define AUDIT_MAX_STATUSES	12	/* >= CLAIM_STATUS_COUNT */

/* Money in one currency, for summaries. */
struct audit_money {
	char	 currency[4];
	int64_t	 amount;
};

/* Money per currency, as many as the claims have (never converted). */
struct audit_totals {
	struct audit_money	*v;	/* in order of first appearance */
	size_t			 n;
};

struct audit_summary {
	int64_t			 claims;
	int64_t			 by_type_status[AUDIT_MAX_TYPES][AUDIT_MAX_STATUSES];
	int64_t			 changed;	/* status changes this run */
	struct audit_totals	 eligible;
	struct audit_totals	 expiring;	/* closing within 7 days */
	int64_t			 unvalued;	/* open claims, no unit value */
	int64_t			 anomalies_opened;	/* new this run */
	int64_t			 anomalies_active;	/* open or acked */
	int64_t			 anomalies_closed;	/* no longer hold */
};

/* A seller's settings the audit follows (lib/config.h, [seller ID]). */
struct audit_settings {
	/* Days to wait before a lost or damaged unit is claimed; -1: the
	 * policy row's wait (claim_wait_days). */
	int	 claim_wait_days;
	/* The seller's marketplace country ("DE"); "": found from the data. */
	char	 market[8];
	/* Audit a day before the store's latest audit (--rewind). */
	int	 rewind;
};

/* Whether a day may be audited (audit_day_check). */
enum audit_day {
	AUDIT_DAY_ERROR = -1,		/* a store error */
	AUDIT_DAY_OK = 0,		/* not before the latest audit */
	AUDIT_DAY_BEFORE_LATEST = 1	/* only --rewind may audit it */
};

/* Fills set with the defaults: the policy's wait, the data's market. */
void		 audit_settings_init(struct audit_settings *set);
/*
 * Whether today may be audited: ok when it is not before the store's
 * latest audit, before latest when it is (err names both days), or an
 * error (err says it).
 */
enum audit_day	 audit_day_check(struct store *st, int32_t today, char *err,
		    size_t errlen);
/*
 * Audits the store as of day today with the seller's settings (NULL: the
 * defaults): claims, then (with flags) anomalies (audit/flag.h), in one
 * transaction, and records the day audited. A day before the store's
 * latest audit is refused unless set->rewind (audit_day_check). Returns
 * 0, or -1 with a reason in err. Either way sum is
 * filled anew (its old content is not freed): free it with
 * audit_summary_free().
 */
int		 audit_run(struct store *st, int32_t today, int flags,
		    const struct audit_settings *set, struct audit_summary *sum,
		    char *err, size_t errlen);
/*
 * Raises and closes anomalies only, in one transaction: the nightly run
 * flags after filing, so claims filed tonight are not "closing unfiled".
 * Fills the anomaly counts of sum. Returns 0, or -1 with err.
 */
int		 audit_flag(struct store *st, int32_t today,
		    struct audit_summary *sum, char *err, size_t errlen);
/*
 * The reports of a fetched seller that did not arrive through today (the
 * night is incomplete for them), as text into out ("customer returns
 * (through 2025-11-29), ..."). Returns how many, or -1 on a store error.
 */
int		 audit_night_missing(struct store *st, int32_t today,
		    char *out, size_t size);
/* Frees the totals sum holds (sum itself is the caller's); zeroes them. */
void		 audit_summary_free(struct audit_summary *sum);
/* The claim types, in table order, and how many there are. */
const char	*audit_type_name(size_t i);
size_t		 audit_type_count(void);
/*
 * The claim id of (seller, type, reference, key): "C" and the first 16
 * hex digits of SHA-256 over the four joined by tabs; key is the FNSKU,
 * or for a refund (customer_return_missing) the SKU. out: 18 bytes.
 */
char		*audit_claim_id(const char *seller, const char *type,
		    const char *reference, const char *key, char out[18]);

#endif
