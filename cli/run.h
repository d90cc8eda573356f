/*
 * The nightly run's parts (docs/design.md §9): cmd_run.c parses the
 * options, takes the locks and fetches; run_sweep.c removes what killed
 * processes left; run_seller.c does each seller's steps as soon as its
 * fetch ends; run_csm.c writes the CSM pages.
 * Everything here runs on the run's one thread (the fetch's workers
 * never see struct run).
 */
#ifndef FBAUDIT_RUN_H
#define FBAUDIT_RUN_H

#include <stddef.h>
#include <stdint.h>

#include "cli/filer.h"
#include "cli/lock.h"
#include "cli/run_steps.h"

struct cli;
struct config;
struct fetch_result;
struct http;

struct run {
	const struct cli	*cli;
	struct config		*cf;
	const char		*datadir;
	const char		*only;		/* --seller */
	unsigned		 shard, shards;	/* --shard K/N; N = 0: none */
	int64_t			 deadline_ms;	/* clock_mono_ms(), 0: none */
	struct http		*http;		/* webhook client, or NULL */
	struct filer		 filer;		/* the claims transport */
	char			**ids;		/* the run's sellers */
	size_t			 nids;
	char			*did;		/* per id: its steps were run */
	size_t			 at;		/* for the progress line */
	/* Sellers by outcome (RUN_OK: done): the total line. */
	int			 count[RUN_NOUTCOMES];
	int			 rewind;	/* --rewind: an earlier day */
	/* The sellers' locks; once taken, only those held are run. */
	struct lock_set		 locks;
	int			 locked;
};

/*
 * The steps of one seller's night, in docs/design.md §9's order, and
 * their number: exported for tests/unit/test_run_steps.c. Each takes a
 * struct run_seller.
 */
extern const struct run_step run_seller_steps[];
extern const size_t run_seller_nsteps;

/*
 * Runs the steps of seller (fr: its fetch, or NULL when not fetched),
 * counts its outcome in r->count and prints its summary line.
 */
void	 run_seller(struct run *r, const char *seller,
	    const struct fetch_result *fr);
/*
 * Removes the temp files (FILE.tmp.PID.XXXXXX) that killed processes
 * left in dir; a dir that is a symbolic link is swept only when follow
 * is set (the data dir: the operator may link it).
 */
void	 run_sweep(const char *dir, int follow);
/* The same in DATADIR/SELLER, its inbox/ and its outbox/. */
void	 run_sweep_seller(const char *datadir, const char *seller);
/*
 * Writes the CSM pages: csm.html of every seller of the data dir and
 * csm-NAME.html of each CSM the configuration names. Returns 0 or -1.
 */
int	 run_csm(struct run *r);

#endif
