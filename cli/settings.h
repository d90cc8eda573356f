/*
 * A seller's settings as a command uses them (issue 16 §2): a seller
 * the configuration names is set by it, and those settings are kept in
 * its store; any other seller (no -C, or not in it) uses what its store
 * kept from the last configured command, then the configuration's
 * defaults, then fbaudit's. A configured seller's settings always win.
 */
#ifndef FBAUDIT_CLI_SETTINGS_H
#define FBAUDIT_CLI_SETTINGS_H

#include "store/settings.h"

struct config;
struct store;

/*
 * Fills s (free with store_settings_free) with the settings of the
 * store's seller under cf (may be NULL), every field known, and stores
 * them when cf configures the seller and the store is writable. Returns
 * 0, or -1 with the reason
 * logged (a store error).
 */
int	 cli_settings(const struct config *cf, struct store *st,
	    struct store_settings *s);
/* Whether the seller files by themselves: fbaudit never files for them. */
int	 cli_settings_self_filing(const struct store_settings *s);

#endif
