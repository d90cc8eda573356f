/*
 * The configuration file (-C FILE, INI, docs/design.md §3): the [fbaudit]
 * section, one [seller ID] section per seller and one [csm NAME] per CSM.
 * Every unknown key and bad value is an error naming file:line: key.
 * Secrets come from files that nobody but their owner (and fbaudit's own
 * group) may read, or from environment variables, never from the INI itself; each is registered with the log
 * redactor as it is read and is kept only in memory (wiped on
 * config_free). A seller whose secrets cannot be read is marked (error),
 * not fatal: one seller's broken secret never stops the others.
 */
#ifndef FBAUDIT_CONFIG_H
#define FBAUDIT_CONFIG_H

#include <stddef.h>

struct buf;

/* Claims filed per seller and night unless claims_per_night says. */
#define CONFIG_CLAIMS_PER_NIGHT	25

/* Tuning of the marketplace client ([fbaudit] keys; docs/market.md). */
struct config_fetch {
	double	 connect_timeout;	/* seconds to connect */
	double	 stall_timeout;		/* seconds without a byte */
	/* a transfer's floor speed, bytes/s, and its time besides */
	int	 transfer_min_rate;
	double	 transfer_grace;
	double	 poll_interval;		/* seconds between getReport calls */
	double	 patience;		/* seconds a run waits for reports */
	double	 retry_time;		/* seconds one request may retry */
	double	 retry_base;		/* first backoff, seconds */
	/* tries of one request, first included */
	int	 retry_tries;
	int	 max_transfers;		/* requests in flight at once */
	int	 history_days;		/* first run: how far back */
};

struct config_seller {
	char	 *id;
	int	  line;			/* of the [seller ID] header */
	char	 *name;
	char	 *region;		/* na | eu | fe */
	char	**marketplaces;
	size_t	  nmarketplaces;
	char	 *lang;
	char	 *csm;
	char	 *client_id;
	char	 *client_secret;	/* secret, NULL when error is set */
	char	 *refresh_token;	/* secret, NULL when error is set */
	/*
	 * Why the seller's secrets could not be had ("file:line: key:
	 * reason; ..."), or NULL. Such a seller fails alone: the
	 * configuration still loads for the others.
	 */
	char	 *error;
	char	 *endpoint;		/* SP-API base URL, no trailing '/' */
	char	 *lwa_endpoint;		/* LWA token URL */
	/* claims filed per night, -1: [fbaudit]'s claims_per_night */
	int	  claims_per_night;
	/* days before a lost/damaged unit is claimed, -1: the policy's */
	int	  claim_wait_days;
};

/* A CSM: [csm NAME] (a name follows the seller id rule: it names files). */
struct config_csm {
	char	*name;
	int	 line;			/* of the [csm NAME] header */
	char	*email;			/* where the digest goes; NULL: none */
	char	*lang;			/* the digest's language; NULL: [fbaudit] */
};

struct config {
	char			*path;
	char			*data_dir;	/* NULL: not set */
	char			*lang;
	char			*claims_transport;	/* outbox | gateway */
	char			*gateway_url;
	char			*gateway_token;	/* secret, NULL: none */
	char			*webhook_url;
	char			*smtp_url;	/* smtps:// or smtp:// */
	char			*smtp_from;
	char			*smtp_user;	/* NULL: smtp_from */
	char			*smtp_password;	/* secret, NULL: none */
	int			 file_claims;
	/* Amazon frowns on case floods: at most this many a seller a night */
	int			 claims_per_night;
	struct config_fetch	 fetch;
	struct config_seller	*sellers;
	size_t			 nsellers;
	struct config_csm	*csms;
	size_t			 ncsms;
};

/*
 * Reads and checks the configuration at path, with its secrets. Returns
 * NULL with every problem appended to err, one "file:line: key: reason"
 * line each; free the result with config_free(). A seller's secret that
 * cannot be read is no such problem: it sets that seller's error.
 */
struct config	*config_load(const char *path, struct buf *err);
/* Wipes the secrets and frees the configuration (NULL is fine). */
void		 config_free(struct config *cf);
/* The seller's section, or NULL. Owned by cf. */
const struct config_seller *config_seller_find(const struct config *cf,
		    const char *id);
/* The CSM's section, or NULL. Owned by cf. */
const struct config_csm *config_csm_find(const struct config *cf,
		    const char *name);
/*
 * Whether url may be used: https://, or http:// to a loopback host
 * (127.0.0.0/8, [::1], localhost), and no user name or password in it.
 * Returns NULL, or a static reason why not.
 */
const char	*config_url_check(const char *url);
/*
 * The environment variable that may hold a seller's secret when no file
 * is named: FBAUDIT_<WHAT>_<SELLER> with '-' written '_', e.g.
 * FBAUDIT_CLIENT_SECRET_A2EXAMPLE. The caller frees the result.
 */
char		*config_env_name(const char *what, const char *seller);

#endif
