/*
 * The CSMs a data dir knows: the [csm NAME] sections and the configured
 * sellers' csm, then the csm each other seller's store kept from its
 * last configured command (issue 16 §2), so commands without -C know
 * them as a configured one would.
 */
#ifndef FBAUDIT_CLI_CSM_NAMES_H
#define FBAUDIT_CLI_CSM_NAMES_H

#include <stddef.h>

struct config;

/*
 * The CSM names, each once, in that order, for the sellers ids (n of
 * them) under datadir; cf may be NULL. An unreadable store adds none.
 * *count is their number; the caller frees them as seller ids, with
 * cli_sellers_free() (cli/sellers.h).
 */
char	**cli_csm_names(const struct config *cf, const char *datadir,
	    char *const *ids, size_t n, size_t *count);

#endif
