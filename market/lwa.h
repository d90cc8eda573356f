/*
 * Login with Amazon: trades a seller's refresh token for an access token
 * (form POST, grant_type=refresh_token), caches it until 60 seconds
 * before it expires, and tells a refused credential (invalid_grant,
 * invalid_client: fatal for the seller) from an outage.
 */
#ifndef FBAUDIT_LWA_H
#define FBAUDIT_LWA_H

struct http;
struct retry_policy;

enum lwa_status {
	LWA_OK,
	LWA_REFUSED,		/* the credentials are bad: stop the seller */
	LWA_UNAVAILABLE,	/* no answer after retries */
	LWA_FAILED		/* another error */
};

struct lwa {
	const char	*endpoint;	/* borrowed from the configuration */
	const char	*client_id;
	const char	*client_secret;
	const char	*refresh_token;
	char		*token;		/* the cached access token */
	double		 expires;	/* http_now() when to renew it */
	int		 calls;		/* token requests made */
	char		 error[256];	/* LWA's error code, or why */
};

/* Sets up l with borrowed credentials; nothing is cached yet. */
void	 lwa_init(struct lwa *l, const char *endpoint, const char *client_id,
	    const char *client_secret, const char *refresh_token);
/* Wipes and frees the cached token. */
void	 lwa_clear(struct lwa *l);
/*
 * An access token in *token (owned by l, valid until the next call): the
 * cached one, or a new one when there is none, it expires within 60 s or
 * force is set (after a 403).
 */
enum lwa_status lwa_token(struct lwa *l, struct http *h,
	    const struct retry_policy *p, int force, const char **token);

#endif
