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
 * Files one seller's eligible claims under its settings (cli/settings.h,
 * kept in its store when configured): the packets in the seller's
 * language, at most its cap; nothing for a seller who files by
 * themselves, or whose transport this command cannot reach (sum->skipped
 * says why). Returns 0, or -1 with the reason logged (a store error).
 * *sum says what was filed and what failed.
 */
int	 filer_seller(struct filer *f, struct store *st, const char *seller,
	    struct file_summary *sum);
/*
 * The message to paste into Seller Central for claim_id, in lang, as
 * the outbox writes it (claims/packet.h): for the dashboard's copy-ready
 * blocks (report_opts.packet_text). NULL on failure (logged); the caller
 * frees the result.
 */
char	*filer_packet_text(struct store *st, const char *claim_id,
	    const char *lang);
/* Frees what filer_open set up. */
void	 filer_close(struct filer *f);

#endif
