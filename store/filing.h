/*
 * The filing lifecycle in the store (docs/design.md §6.3, §7): one
 * claim_filings row per claim handed to a transport (the intent, committed
 * before the send, and its outcome), the case id and payments recorded on
 * claims, and the reimbursement rows reconciliation reads. Functions return 0
 * (or as documented), or -1 on an SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_FILING_STORE_H
#define FBAUDIT_FILING_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/vocab.h"
#include "store/find.h"

struct store;

/* States of a filing (claim_filings.state). */
#define FILING_INTENT		"intent"	/* sent or not: unknown */
#define FILING_CONFIRMED	"confirmed"	/* the transport took it */
#define FILING_REJECTED		"rejected"	/* refused; may be sent again */
#define FILING_EXPIRED		"expired"	/* window closed first: never */
#define FILING_CANCELLED	"cancelled"	/* claim no longer eligible */

/* A filing row. Strings are owned by whoever filled the struct. */
struct filing_row {
	const char	*claim_id, *transport, *state, *key;
	int64_t		 attempts;
	int64_t		 intent_at, confirmed_at;	/* 0: none */
	const char	*case_id, *last_error;
};

/*
 * Calls cb with the filing of claim_id if there is one. Returns 0 when
 * there is none, cb's value (make it non-zero), or -1.
 */
int	 store_filing_get(struct store *st, const char *claim_id,
	    int (*cb)(void *ctx, const struct filing_row *f), void *ctx);
/*
 * Calls cb for each filing in state, by the claim's window close then
 * claim id. Returns 0, cb's non-zero stop value, or -1.
 */
int	 store_filings_scan(struct store *st, const char *state,
	    int (*cb)(void *ctx, const struct filing_row *f), void *ctx);
/*
 * Records the intent to send claim_id with key through transport (a new
 * row, or an old one back to state intent), counting one more attempt.
 */
int	 store_filing_intent(struct store *st, const char *claim_id,
	    const char *transport, const char *key);
/* Sets a filing's state and, when not NULL, its case id and last error. */
int	 store_filing_state(struct store *st, const char *claim_id,
	    const char *state, const char *case_id, const char *error);
/* How many filings were confirmed on day (days since the epoch), or -1. */
int64_t	 store_filings_confirmed_on(struct store *st, int32_t day);

/*
 * Marks a claim filed, with its case id (NULL: none yet); filed_at is
 * now unless the claim was ready (then when its packet was made). The
 * caller records the event.
 */
int	 store_claim_filed(struct store *st, const char *claim_id,
	    const char *case_id);
/*
 * Marks a claim ready (docs/design.md §6.3): its packet waits in the outbox
 * for a person, so it is still unfiled. filed_at records when it left
 * fbaudit's hands. The caller records the event.
 */
int	 store_claim_ready(struct store *st, const char *claim_id);
/* Sets (or, NULL, clears) the case id of a claim. */
int	 store_claim_case_set(struct store *st, const char *claim_id,
	    const char *case_id);

/* What filing and reconciliation know of a claim besides claim_row. */
struct claim_filing_info {
	const char	*claim_id, *type, *fnsku, *reference;
	enum claim_status status;
	const char	*currency, *case_id;	/* "" when none */
	int64_t		 quantity;
	int		 has_value;
	int64_t		 amount;
	int64_t		 filed_at;		/* 0: never filed */
	int64_t		 paid_units, paid_amount;
	int		 has_owed;
	int64_t		 owed;
	int32_t		 event_day;
	int32_t		 opens, closes;		/* the window, inclusive */
};

/*
 * Calls cb for each claim, oldest event first then claim id: FIFO.
 * Returns 0, cb's non-zero stop value, or -1.
 */
int	 store_claims_filing_scan(struct store *st,
	    int (*cb)(void *ctx, const struct claim_filing_info *c),
	    void *ctx);
/* As store_claims_filing_scan for one claim; 0 when there is none. */
int	 store_claim_filing_get(struct store *st, const char *claim_id,
	    int (*cb)(void *ctx, const struct claim_filing_info *c),
	    void *ctx);
/*
 * Records what Amazon paid a claim and its new status; owed is the
 * amount still owed when has_owed, else NULL (value unknown).
 */
int	 store_claim_paid_set(struct store *st, const char *claim_id,
	    enum claim_status status, int64_t paid_units, int64_t paid_amount,
	    int has_owed, int64_t owed);

/* A reimbursement row as reconciliation reads it. */
struct reimb_row {
	int64_t		 id;		/* rowid: file order */
	int64_t		 approval_time;
	const char	*reimbursement_id, *case_id, *order_id, *reason;
	const char	*fnsku, *currency, *original_id;
	int64_t		 amount_total, qty_total;
};

/*
 * Calls cb for each reimbursement row by approval time then file order.
 * Returns 0, cb's non-zero stop value, or -1.
 */
int	 store_reimbs_scan(struct store *st,
	    int (*cb)(void *ctx, const struct reimb_row *r), void *ctx);
/*
 * The case id Amazon's reimbursements report gives reimbursement_id, into
 * out (size bytes; "" when none). Returns 0 or -1.
 */
int	 store_reimb_case_id(struct store *st, const char *reimbursement_id,
	    char *out, size_t size);
/*
 * Shipped and received units of an inbound shipment's FNSKU: found,
 * not found when no item names them, or an error.
 */
enum store_find	 store_inbound_item_units(struct store *st, const char *shipment_id,
	    const char *fnsku, int64_t *shipped, int64_t *received);

#endif
