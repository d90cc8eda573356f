/*
 * A night's fetch for many sellers (docs/design.md §4): every seller's
 * first reports are created first, then polled and downloaded together
 * by a small pool of workers (a seller's plan longer than createReport's
 * burst is asked as the bucket refills, while what it made is
 * downloaded), so the night lasts about as long as the slowest report,
 * and no more than max_transfers requests are in flight at once. Each
 * report in flight is saved in the seller's store before it is polled
 * (a killed run resumes it); each download is written into
 * DATADIR/SELLER/inbox/ and imported with the range it asked for. One
 * seller's failure never stops the others.
 *
 * The fetch (market/fetch*.c) is the one part of market/ that uses
 * store/ and ingest/: it joins the client to the seller's store.
 */
#ifndef FBAUDIT_FETCH_H
#define FBAUDIT_FETCH_H

#include <stddef.h>
#include <stdint.h>

struct config;
struct fetch_result;

struct fetch_opts {
	const struct config	*cf;
	const char		*datadir;
	const char		*seller;	/* only this one, or NULL */
	int			 has_since;	/* --since: refetch from here */
	int64_t			 since;		/* UTC seconds */
	const char		*user_agent;
	/* clock_mono_ms() past which every seller stops, transfers in
	 * flight are aborted, and what is in flight or planned is left to
	 * the next run; 0: none. */
	int64_t			 deadline_ms;
	/* When set, only the sellers it accepts (a run's shard). */
	int			(*want)(const char *seller, void *arg);
	void			*want_arg;
	/*
	 * When set, called on fetch_run's own thread as soon as one
	 * seller's fetch has ended (every job done, failed or deferred),
	 * while the other sellers' fetches go on in the workers; fr is
	 * valid during the call (the same result is in fetch_run's array).
	 */
	void			(*done)(const struct fetch_result *fr, void *arg);
	void			*done_arg;
};

/* How one seller's fetch went. */
struct fetch_result {
	const char	*seller;	/* borrowed from the configuration */
	int		 failed;	/* something was not fetched */
	int		 unavailable;	/* ... because Amazon was unreachable */
	int		 refused;	/* LWA refused the credentials */
	int		 created;	/* createReport calls */
	int		 imported;	/* files imported (or already there) */
	int		 cancelled;	/* reports Amazon had no data for */
	int		 fatal;		/* reports Amazon failed */
	/* still generating when patience ran out */
	int		 pending;
	int		 deferred;	/* stopped by the deadline */
	int		 settlements;
	int		 shipments;
	int64_t		 rows;
	char		 why[512];	/* the first failure */
};

/*
 * Fetches every configured seller (or o->seller). Returns one result per
 * seller fetched, in configuration order, and their number in *n; the
 * caller frees the array. NULL with *n = 0 when o->seller is unknown.
 * o->done, when set, has been called once for each of them, in the
 * order their fetches ended.
 */
struct fetch_result *fetch_run(const struct fetch_opts *o, size_t *n);

#endif
