/*
 * Which failures are worth another try, and how long to wait first: the
 * SP-API's advice (docs/design.md §4), and the one rule for every HTTP
 * caller (the SP-API, LWA, the claims gateway, the webhook). 429, 503,
 * 500, 502, 504 and transport errors are transient (500, 502, 504 and an
 * error after connecting only for an idempotent request); 400, 403, 404
 * and every other status are final. The delay
 * grows exponentially with full jitter, never below 1/x-amzn-RateLimit-
 * Limit when Amazon sent one, and a request gives up after a number of
 * tries or an amount of time, whichever comes first.
 */
#ifndef FBAUDIT_RETRY_H
#define FBAUDIT_RETRY_H

struct http;
struct http_request;
struct http_response;

struct retry_policy {
	int	 tries;		/* at most, the first one included */
	double	 total;		/* seconds from the first try's start */
	double	 base;		/* the first backoff's ceiling, seconds */
	double	 cap;		/* no backoff ceiling above this */
	/*
	 * A request that is not idempotent (createReport) is retried only
	 * when Amazon cannot have acted on it: 429, 503, or no connection.
	 */
	int	 idempotent;
};

/* Whether the result in r is transient under policy p. */
int	 retry_transient(const struct retry_policy *p,
	    const struct http_response *r);
/*
 * The wait before the next try after `failures` failed tries (>= 1):
 * u * min(cap, base * 2^(failures-1)) with u uniform in [0, 1), then
 * raised to 1/rate_limit when rate_limit > 0.
 */
double	 retry_delay(const struct retry_policy *p, int failures,
	    double rate_limit, double u);
/*
 * http_do with retries under p. Returns 0 with the last answer in r (its
 * status may still be a failure), or -1 on the last try's transport error.
 * r->tries says how many were made.
 */
int	 retry_do(struct http *h, const struct retry_policy *p,
	    const struct http_request *req, struct http_response *r);

#endif
