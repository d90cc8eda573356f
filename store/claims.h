/*
 * Claims in the store: upsert by claim id, the history of status changes
 * (never rewritten), and the evidence rows behind each claim. Functions
 * return 0 (or as documented), or -1 on an SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_CLAIMS_STORE_H
#define FBAUDIT_CLAIMS_STORE_H

#include <stdint.h>

#include "lib/vocab.h"

struct store;

/* A claim as stored. Strings are owned by whoever filled the struct. */
struct claim_row {
	const char	*claim_id, *type, *reference, *fnsku;
	const char	*msku, *asin, *title, *country, *fc;
	int32_t		 event_day;
	int64_t		 units;		/* units of the evidence */
	int64_t		 quantity;	/* units still owed */
	int		 has_value;
	int64_t		 unit_value, amount;
	const char	*value_basis, *currency;
	int32_t		 opens, closes;
	const char	*rule;
	enum claim_status status;
	int64_t		 created_at, updated_at;
	const char	*case_id;	/* Amazon's, "" until filed with one */
	/* Why an eligible claim waits instead of being filed ("" when it
	 * may be filed): set by the audit (issue 15 §1). */
	const char	*hold;
};

/* One field of a claim as the exports and the case packet write it. */
struct claim_field {
	const char	*key;
	const char	*text;		/* NULL: a number, or no value */
	int		 is_number;
	int64_t		 number;
};

/*
 * Calls cb for each of the claim's fields, in the order every output
 * shares: dates as YYYY-MM-DD, money as decimal strings in the claim's
 * currency (no value when it has none). The field is valid during the
 * call.
 */
void	 store_claim_fields(const struct claim_row *c,
	    void (*cb)(void *ctx, const struct claim_field *f), void *ctx);

/* Which claims a scan returns: NULL fields match all. */
struct claim_filter {
	const char	*status;	/* a claim_status_name() */
	const char	*type;
	const char	*claim_id;
};

/*
 * Calls cb for each claim matching f, by window close then claim id; the
 * row's strings are valid during the call. Returns 0, cb's non-zero stop
 * value, or -1.
 */
int	 store_claims_scan(struct store *st, const struct claim_filter *f,
	    int (*cb)(void *ctx, const struct claim_row *c), void *ctx);
/*
 * The statuses of the n claims decided last (reimbursed, partially
 * reimbursed or denied), newest first, into out; returns how many, or -1.
 */
int	 store_claims_decided(struct store *st, int n,
	    enum claim_status *out);
/*
 * The units of claims of type whose event day is in [from, to] that
 * nobody filed, paid, found or let expire yet (pending, eligible,
 * ready), into *units.
 */
int	 store_claims_unsettled(struct store *st, const char *type,
	    int32_t from, int32_t to, int64_t *units);
/*
 * Inserts or updates a claim (created_at is kept from the first put); the
 * FNSKU is updated too: a refund's becomes known once a report names its
 * SKU, and the claim id does not hash it (issue 15 §1).
 */
int	 store_claim_put(struct store *st, const struct claim_row *c);
/* Sets a claim's status (the caller records the event). */
int	 store_claim_set_status(struct store *st, const char *claim_id,
	    enum claim_status status);
/* Sets why a claim waits; NULL or "": it may be filed. */
int	 store_claim_hold(struct store *st, const char *claim_id,
	    const char *hold);
/*
 * Records a status change: time now, who made it, why; old_status is
 * CLAIM_STATUS_NONE for a new claim.
 */
int	 store_claim_event_add(struct store *st, const char *claim_id,
	    enum claim_status old_status, enum claim_status new_status,
	    const char *actor, const char *detail);
/* Forgets a claim's evidence rows, before they are written anew. */
int	 store_claim_evidence_clear(struct store *st, const char *claim_id);

/* One row of evidence. */
struct claim_evidence_row {
	int		 seq;
	const char	*role;		/* evidence | cancelled | reopened */
	const char	*source;	/* the report table */
	const char	*file;
	int64_t		 line;
	int32_t		 day;
	int64_t		 units;
	const char	*detail;	/* English */
	/* The detail's template and figures (lib/anomtext.h); "" in a
	 * row stored before they were. */
	const char	*detail_key, *figures;
};

/* Adds one evidence row to a claim. */
int	 store_claim_evidence_add(struct store *st, const char *claim_id,
	    const struct claim_evidence_row *e);
/* Calls cb for each evidence row of a claim, in order. As scan. */
int	 store_claim_evidence_scan(struct store *st, const char *claim_id,
	    int (*cb)(void *ctx, const struct claim_evidence_row *e),
	    void *ctx);

/* One status change. */
struct claim_event_row {
	int64_t		 at;
	const char	*old_status, *new_status, *actor, *detail;
};

/* Calls cb for each status change of a claim, oldest first. As scan. */
int	 store_claim_events_scan(struct store *st, const char *claim_id,
	    int (*cb)(void *ctx, const struct claim_event_row *e), void *ctx);

#endif
