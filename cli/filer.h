/*
 * Filing claims through the configured transport (claims/), shared by
 * "claims file" and the nightly "run": the transport is set up once, then
 * each seller's eligible claims are filed in turn.
 */
#ifndef FBAUDIT_FILER_H
#define FBAUDIT_FILER_H

#include "claims/file.h"
#include "claims/transport.h"
#include "lib/buf.h"

#include <stdio.h>

struct config;
struct store;

struct filer {
	const struct config	*cf;		/* NULL: no -C */
	const struct transport	*transport;
	struct transport_ctx	 tctx;
	int			 dry_run;
	FILE			*out;		/* a line per claim; NULL: none */
	struct buf		 ua;
};

/*
 * Sets up the transport cf names (outbox without one); file_claims = no,
 * or dry_run, makes it a dry run. Returns 0, or an exit status (EXIT_*)
 * on failure. cf is borrowed. Free with filer_close().
 */
int	 filer_open(struct filer *f, const struct config *cf, int dry_run);
/*
 * Files one seller's eligible claims, the packets in the seller's
 * language, at most the configured cap. Returns 0, or -1 with the reason
 * logged (a store error). *sum says what was filed and what failed.
 */
int	 filer_seller(struct filer *f, struct store *st, const char *seller,
	    struct file_summary *sum);
/* Frees what filer_open set up. */
void	 filer_close(struct filer *f);

#endif
