/*
 * The seller's own settings, kept in its store (issue 16): name,
 * language, CSM, filing transport and nightly cap, marketplaces. Every
 * configured command writes what the configuration says of the seller;
 * a command without -C reads them back, so that it files, names and
 * writes for the seller as a configured run would. Functions return 0,
 * or -1 on an SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_SETTINGS_H
#define FBAUDIT_SETTINGS_H

struct store;

/* How a seller's claims are filed: the transport, or nobody. */
#define SETTINGS_FILING_NONE	"none"	/* file_claims = no */

/* A seller's settings. Strings are owned by the struct; NULL: unknown. */
struct store_settings {
	char	*name;
	char	*lang;
	char	*csm;
	char	*transport;	/* outbox | gateway | none */
	char	*marketplaces;	/* ids, comma-separated */
	int	 cap;		/* claims filed a night; -1: unknown */
};

/*
 * Reads the stored settings into s (zeroed first; free with
 * store_settings_free). A store that never saw a configuration gives
 * every field unknown.
 */
int	 store_settings_get(struct store *st, struct store_settings *s);
/*
 * Replaces the stored settings with s (unknown fields are removed), in
 * its own transaction, writing nothing when they are already so.
 */
int	 store_settings_put(struct store *st, const struct store_settings *s);
/* Frees what s holds (a zeroed struct is fine). */
void	 store_settings_free(struct store_settings *s);

#endif
