/*
 * When data is stale: one figure for the stale_data anomaly (audit's
 * policy), the dashboard's "Data freshness" table and the CSM page's
 * seller health, so that the three never disagree (docs/design.md §6.4).
 */
#ifndef FBAUDIT_STALE_H
#define FBAUDIT_STALE_H

/* Hours without a successful fetch (or import) after which a report type
 * is stale: a nightly job that missed one night is not yet stale, one
 * that missed a night and a half is. */
#define STALE_DATA_HOURS	36
/* The same in seconds, for comparing timestamps. */
#define STALE_DATA_SECS		((int64_t)STALE_DATA_HOURS * 3600)

#endif
