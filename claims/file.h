/*
 * Filing claims exactly once (docs/design.md §7): each eligible claim whose
 * window is open today is handed to the transport at most once, in three
 * steps: the intent is committed, the packet is sent, the outcome is
 * committed. A transport that answers with a case id (the gateway) files the
 * claim; one that does not (the outbox) leaves it ready for a person
 * (docs/design.md §6.3): still unfiled until "claims mark --case-id".
 * A run killed between the steps re-sends the same claim with the same key
 * first thing next time; the transport makes the repeat harmless. A claim
 * is never sent before its window opens nor after it closes.
 */
#ifndef FBAUDIT_FILE_H
#define FBAUDIT_FILE_H

#include <stdint.h>
#include <stdio.h>

struct store;
struct transport;
struct transport_ctx;

struct file_opts {
	const struct transport	*transport;
	struct transport_ctx	*tctx;
	const char		*lang;		/* of the packets */
	int			 cap;		/* claims per seller a night */
	int			 dry_run;	/* print, write nothing */
	int32_t			 today;
	FILE			*out;		/* one line per claim; NULL: none */
};

struct file_summary {
	int	 filed;		/* filed with a case id this run */
	int	 ready;		/* packets left for a person (outbox) */
	int	 resent;	/* of both, intents of an earlier run */
	int	 failed;	/* sent, not confirmed: tried again later */
	int	 expired;	/* intents whose window closed first */
	int	 waiting;	/* eligible, left for a later night */
	int	 unreachable;	/* the transport was down: stopped early */
	const char *skipped;	/* why nothing was tried (static), or NULL */
};

/*
 * Files the store's eligible claims through o->transport, at most o->cap
 * a night (counting those confirmed earlier today). Returns 0 (see sum
 * for failures), or -1 with a reason in err on a store error.
 */
int	 file_run(struct store *st, const struct file_opts *o,
	    struct file_summary *sum, char *err, size_t errlen);

#endif
