/* The sellers of a data dir, for commands that run over all of them. */
#ifndef FBAUDIT_CLI_SELLERS_H
#define FBAUDIT_CLI_SELLERS_H

#include <stddef.h>

/*
 * The ids of the sellers with a store under datadir, sorted; or, with
 * only set, just that one (which must be a valid id). NULL when none.
 * Free with cli_sellers_free().
 */
char	**cli_sellers(const char *datadir, const char *only, size_t *n);
/* Frees what cli_sellers() returned. */
void	 cli_sellers_free(char **ids, size_t n);
/*
 * Whether a --seller value is absent (NULL) or a valid seller id; logs
 * why not.
 */
int	 cli_seller_ok(const char *seller);

/*
 * The one of n words closest to word (a typo of it), or NULL when none
 * is close enough to be meant.
 */
const char *cli_closest(const char *word, const char *const *words,
	    size_t n);
/*
 * Whether a --seller value is absent (NULL), or names a seller with a
 * store under datadir. Otherwise logs "no seller X in DATADIR; known:
 * A, B, C" (closest first) and returns 0: the caller exits 2.
 */
int	 cli_seller_known(const char *datadir, const char *seller);
/*
 * The configured sellers of cf as a list for messages (closest to id
 * first): "A, B, C", or "none". The caller frees it.
 */
char	*cli_sellers_named(const char *const *ids, size_t n, const char *id);

struct store;
struct config;
struct audit_settings;

/*
 * The audit settings of seller from cf's [seller ID] section (NULL cf or
 * no section: the defaults): claim_wait_days, and the marketplace country
 * of its first marketplace id.
 */
void	 cli_audit_settings(const struct config *cf, const char *seller,
	    struct audit_settings *set);

/*
 * Calls fn with each seller's store under datadir (only that seller, when
 * only is set), in id order. fn returns 0 to go on, 1 to stop (found what
 * it looked for), -1 when it failed for that seller (it logs why). A
 * store that cannot be opened is logged and counts as failed. Returns 1
 * if fn stopped the walk, -1 if any seller failed, else 0; *count (may
 * be NULL) is the number of stores visited.
 */
int	 cli_each_store(const char *datadir, const char *only,
	    int (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count);
/*
 * As cli_each_store, for commands that write: each seller's lock is held
 * while fn runs, waited for up to wait seconds. A seller whose lock
 * stays held is skipped, logged with its holder, counted in *locked (may
 * be NULL) and counts as failed.
 */
int	 cli_each_store_locked(const char *datadir, const char *only,
	    double wait,
	    int (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count, int *locked);
struct lock_holder;
/* Logs that seller's lock is held, naming its holder's pid and command. */
void	 cli_locked(const char *seller, const struct lock_holder *who);
/* As cli_locked, and the seller's summary line on stdout says skipped. */
void	 cli_locked_line(const char *seller, const struct lock_holder *who);
/*
 * As cli_each_store, opening each store only to read: for the commands
 * that change nothing, so they work on stores the user cannot write.
 */
int	 cli_each_store_read(const char *datadir, const char *only,
	    int (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count);

#endif
