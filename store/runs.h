/*
 * The nightly runs, as each seller's store remembers them
 * (docs/design.md §9), and the days it was audited.
 */
#ifndef FBAUDIT_RUNS_H
#define FBAUDIT_RUNS_H

#include <stdint.h>

#include "store/find.h"

struct store;

/* Records that a run started for this seller; sets *id. 0 or -1. */
int	 store_run_begin(struct store *st, int64_t started_at, int64_t *id);
/* Records how it ended: outcome (ok, failed, deferred) and summary. */
int	 store_run_end(struct store *st, int64_t id, const char *outcome,
	    const char *summary);

/*
 * The latest day the store was audited (issue 15 §5), in *day: found,
 * not found when the store was never audited, or an error.
 */
enum store_find	 store_audit_last(struct store *st, int32_t *day);
/*
 * Records an audit of day (once per day: a later audit of the same day
 * updates it); rewind: it is before the latest day. 0, -1.
 */
int	 store_audit_add(struct store *st, int32_t day, int rewind);

#endif
