/*
 * Anomalies in the store: what a CSM should act on (docs/design.md §6.4). One
 * row per stable key (kind, seller, period), so re-runs never raise one
 * twice; states open -> acked -> resolved | dismissed, every change kept
 * in anomaly_events with who, when and a note. Functions return 0 (or as
 * documented), or -1 on an SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_ANOMALIES_STORE_H
#define FBAUDIT_ANOMALIES_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/vocab.h"
#include "store/find.h"

struct store;

/* An anomaly as stored. Strings are owned by whoever filled the struct. */
struct anomaly_row {
	const char	*anomaly_id;	/* "A" + 16 hex of SHA-256 of the key */
	const char	*kind;		/* deadline_looming, damage_spike, ... */
	const char	*period;	/* the key's period: a day, a week ... */
	const char	*severity;	/* low | medium | high */
	enum anomaly_state status;
	/* English texts of anomalies stored before figures; "" since */
	const char	*subject;	/* one line: what happened */
	const char	*detail;	/* the figures behind it */
	const char	*advice;	/* what to tell the seller */
	const char	*figures;	/* lib/figures.h text; NULL: none */
	int32_t		 deadline;	/* day action is due; 0: none */
	int64_t		 amount;	/* money at stake, minor units */
	const char	*currency;	/* of amount; NULL: none */
	int64_t		 opened_at, updated_at;
	int		 notified;	/* the webhook has it */
	/* Filled by scans: the latest acknowledgement, the latest change. */
	const char	*ack_by, *ack_note;	/* NULL: never acked */
	int64_t		 ack_at;
	const char	*last_by, *last_note;	/* NULL: no change yet */
	int64_t		 last_at;
};

/* The filter status of every active anomaly: open or acked. */
#define ANOMALY_FILTER_ACTIVE	"active"

/* Which anomalies a scan returns: NULL fields match all. */
struct anomaly_filter {
	/* NULL: all; ANOMALY_FILTER_ACTIVE; or an anomaly_state_name() */
	const char	*status;
	const char	*kind;
	const char	*anomaly_id;
};

/*
 * Calls cb for each anomaly matching f: by severity (high first), then
 * deadline, then id. Strings are valid during the call. Returns 0, cb's
 * non-zero stop value, or -1.
 */
int	 store_anomalies_scan(struct store *st, const struct anomaly_filter *f,
	    int (*cb)(void *ctx, const struct anomaly_row *a), void *ctx);
/* Inserts or updates an anomaly (opened_at kept from the first put). */
int	 store_anomaly_put(struct store *st, const struct anomaly_row *a);
/* Sets an anomaly's state (the caller records the event). */
int	 store_anomaly_set_status(struct store *st, const char *anomaly_id,
	    enum anomaly_state status);
/*
 * Records a state change: time now, who, why; old_status is
 * ANOMALY_STATE_NONE for a new anomaly.
 */
int	 store_anomaly_event_add(struct store *st, const char *anomaly_id,
	    enum anomaly_state old_status, enum anomaly_state new_status,
	    const char *who, const char *note);
/*
 * The latest state change of an anomaly: found with who made it copied
 * into who (size bytes) and the state before it into *old, not found
 * when it has none, or an error.
 */
enum store_find	 store_anomaly_last_event(struct store *st, const char *anomaly_id,
	    char *who, size_t size, enum anomaly_state *old);
/* Marks the webhook as having received an anomaly. */
int	 store_anomaly_notified(struct store *st, const char *anomaly_id);

/* One state change of an anomaly. */
struct anomaly_event_row {
	int64_t		 at;
	const char	*old_status, *new_status, *who, *note;
};

/* Calls cb for each state change of an anomaly, oldest first. */
int	 store_anomaly_events_scan(struct store *st, const char *anomaly_id,
	    int (*cb)(void *ctx, const struct anomaly_event_row *e), void *ctx);

#endif
