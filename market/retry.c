#include <math.h>

#include <curl/curl.h>

#include "market/http.h"
#include "market/retry.h"

int
retry_transient(const struct retry_policy *p, const struct http_response *r)
{
	/* Not acted on: the server says so (429) or was not reached by
	 * the request (503 from a load balancer). */
	if (r->status == 429 || r->status == 503)
		return 1;
	/* An error on the way, after which the server may have acted:
	 * only a request that may be repeated is. */
	if (r->status == 500 || r->status == 502 || r->status == 504)
		return p->idempotent;
	if (r->status != 0)
		/* 400, 403, 404...: asking again changes nothing */
		return 0;
	/* Our own refusals (too big, cannot write) are not transient. */
	if (r->too_big || r->sink_failed)
		return 0;
	/* A transport error: safe to repeat unless the server may have
	 * acted on a request that is not idempotent. */
	return p->idempotent || !r->connected;
}

double
retry_delay(const struct retry_policy *p, int failures, double rate_limit,
    double u)
{
	double ceiling, d;

	ceiling = p->base * ldexp(1.0, failures > 30 ? 30 : failures - 1);
	if (ceiling > p->cap)
		ceiling = p->cap;
	d = u * ceiling;
	/* Amazon's advice: no faster than the rate it announced. */
	if (rate_limit > 0 && d < 1.0 / rate_limit)
		d = 1.0 / rate_limit;
	return d;
}

int
retry_do(struct http *h, const struct retry_policy *p,
    const struct http_request *req, struct http_response *r)
{
	double start = http_now(), wait;
	int rc, n;

	for (n = 1; ; n++) {
		rc = http_do(h, req, r);
		r->tries = n;
		if (!retry_transient(p, r) || n >= p->tries)
			break;
		wait = retry_delay(p, n, r->rate_limit, http_random(h));
		if (http_now() + wait - start > p->total)
			break;
		/* No wait that would outlast the run's deadline. */
		if (http_deadline(h) > 0 && http_now() + wait >=
		    http_deadline(h))
			break;

		http_sleep(wait);
	}
	return rc;
}
