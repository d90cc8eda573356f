/* The nightly runs, as each seller's store remembers them
 * (docs/design.md §9). */
#ifndef FBAUDIT_RUNS_H
#define FBAUDIT_RUNS_H

#include <stdint.h>

struct store;

/* Records that a run started for this seller; sets *id. 0 or -1. */
int	 store_run_begin(struct store *st, int64_t started_at, int64_t *id);
/* Records how it ended: outcome (ok, failed, deferred) and summary. */
int	 store_run_end(struct store *st, int64_t id, const char *outcome,
	    const char *summary);

#endif
