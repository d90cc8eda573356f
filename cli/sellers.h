/* The sellers of a data dir, for commands that run over all of them. */
#ifndef FBAUDIT_CLI_SELLERS_H
#define FBAUDIT_CLI_SELLERS_H

#include <stddef.h>
#include <stdint.h>

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

/* What a walk's callback says, and what the walk returns. */
enum cli_walk {
	CLI_WALK_FAILED = -1,	/* for this seller (it logs why) */
	CLI_WALK_ON = 0,	/* go on with the next seller */
	CLI_WALK_STOP = 1	/* found what it looked for: stop */
};

/*
 * Calls fn with each seller's store under datadir (only that seller, when
 * only is set), in id order. fn returns CLI_WALK_ON to go on,
 * CLI_WALK_STOP to stop, CLI_WALK_FAILED when it failed for that seller.
 * A store that cannot be opened is logged and counts as failed. Returns
 * CLI_WALK_STOP if fn stopped the walk, CLI_WALK_FAILED if any seller
 * failed, else CLI_WALK_ON; *count (may be NULL) is the number of stores
 * visited.
 */
enum cli_walk	 cli_each_store(const char *datadir, const char *only,
	    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count);
/*
 * As cli_each_store, for commands that write: each seller's lock is held
 * while fn runs, waited for up to wait seconds. A seller whose lock
 * stays held is skipped, logged with its holder, counted in *locked (may
 * be NULL) and counts as failed.
 */
enum cli_walk	 cli_each_store_locked(const char *datadir, const char *only,
	    double wait,
	    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count, int *locked);
/*
 * Whether today may be audited in the stores of the n sellers ids names
 * under datadir (issue 15 §5, audit_day_check); a seller without a store
 * yet has nothing to protect. Logs each refusal with both days and
 * returns how many stores refused (one that cannot be opened is left to
 * the command, which fails it).
 */
size_t	 cli_day_refused(const char *datadir, char *const *ids, size_t n,
	    int32_t today);
struct lock_holder;
/* Logs that seller's lock is held, naming its holder's pid and command. */
void	 cli_locked(const char *seller, const struct lock_holder *who);
/* As cli_locked, and the seller's summary line on stdout says skipped. */
void	 cli_locked_line(const char *seller, const struct lock_holder *who);
/*
 * As cli_each_store, opening each store only to read: for the commands
 * that change nothing, so they work on stores the user cannot write.
 */
enum cli_walk	 cli_each_store_read(const char *datadir, const char *only,
	    enum cli_walk (*fn)(struct store *st, const char *seller, void *ctx),
	    void *ctx, size_t *count);

#endif
