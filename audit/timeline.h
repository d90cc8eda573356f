/*
 * FIFO matching on one FNSKU's timeline (docs/design.md §6.1 "Matching,
 * precisely"): a found unit or a reimbursement cancels the oldest
 * still-unmatched finding dated on or before it; what is left over cancels
 * nothing; a reimbursement reversal takes back units it had cancelled and
 * the findings they matched are open again (the most recently matched
 * first: that leaves the seller the longest window).
 */
#ifndef FBAUDIT_TIMELINE_H
#define FBAUDIT_TIMELINE_H

#include <stddef.h>
#include <stdint.h>

#include "audit/finding.h"

enum timeline_kind {
	TIMELINE_CLAIM,		/* a finding enters the queue */
	TIMELINE_CANCEL,	/* units match open findings */
	TIMELINE_REVERSE	/* a reversal re-opens what by_id matched */
};

struct timeline_event {
	enum timeline_kind	 kind;
	int32_t			 day;
	int64_t			 seq;		/* tie-break within a day */
	struct finding		*finding;	/* CLAIM */
	int64_t			 units;		/* CANCEL, REVERSE */
	enum finding_cancel	 cancel;	/* CANCEL: found or paid */
	const char		*by_id;		/* CANCEL: the reimbursement */
	const char		*source, *file;	/* where the event's row is */
	int64_t			 line;
	/* CANCEL, REVERSE: the evidence detail's key (finding_add) and
	 * the reimbursement's reason, when there is one. */
	const char		*detail_key, *reason;
};

struct timeline {
	struct timeline_event	*ev;
	size_t			 n, cap;
};

/* Empties a timeline for the next FNSKU, keeping its memory. */
void	 timeline_reset(struct timeline *t);
/* Frees a timeline's memory. */
void	 timeline_free(struct timeline *t);
/* Appends an event (copied; its strings must outlive timeline_run). */
void	 timeline_add(struct timeline *t, const struct timeline_event *e);
/* Sorts by day (claims, then cancels, then reversals) and matches. */
void	 timeline_run(struct timeline *t);

#endif
