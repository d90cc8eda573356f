/*
 * One HTTP client over a libcurl easy handle: TLS verification always on,
 * a connect timeout, a stall timeout, a cap on what a response may hold,
 * few redirects. It captures the status, the body (bounded) and the
 * headers Amazon's answers carry: x-amzn-RequestId (logged with every
 * error) and x-amzn-RateLimit-Limit (a floor for retry delays).
 * A handle is used by one thread at a time.
 */
#ifndef FBAUDIT_HTTP_H
#define FBAUDIT_HTTP_H

#include <stddef.h>

#include "lib/buf.h"

/* Largest JSON answer kept in memory (Amazon's are a few KiB). */
#define HTTP_MAX_BODY		(8 * 1024 * 1024)
/* Most redirects followed, and only where a request allows them. */
#define HTTP_MAX_REDIRS		3

struct http_settings {
	double		 connect_timeout;	/* seconds */
	double		 stall_timeout;		/* seconds below 1 byte/s */
	/* fbaudit/VERSION (Language=C) */
	const char	*user_agent;
	/*
	 * Every transfer ends within grace + size / min_rate seconds,
	 * size being what the server announced (Content-Length), else
	 * what came so far: a trickle of a few bytes a second, which the
	 * stall timeout lets through, cannot hold a run. 0: the defaults
	 * of lib/limits.h.
	 */
	double		 min_rate;		/* bytes/s */
	double		 grace;			/* seconds */
};

struct http_request {
	const char		 *method;	/* "GET" or "POST" */
	const char		 *url;
	const char *const	 *headers;	/* "Name: value", NULL-ended */
	const char		 *body;		/* POST body, or NULL */
	size_t			  body_len;
	int			  follow;	/* follow HTTP_MAX_REDIRS */
	/*
	 * Not idempotent: on a new connection. libcurl sends a request
	 * again by itself when a reused connection dies before the answer,
	 * and the server may have acted on the first one.
	 */
	int			  fresh;
	size_t			  max_body;	/* 0: HTTP_MAX_BODY */
	/*
	 * Downloads: a 2xx body goes to sink instead of the buffer (an
	 * error body still fills the buffer, for the log). sink returns 0,
	 * or -1 to abort the transfer. reset runs before each try.
	 */
	int			(*sink)(void *arg, const char *p, size_t n);
	void			(*reset)(void *arg);
	void			 *sink_arg;
};

struct http_response {
	long		 status;	/* 0: no HTTP answer */
	int		 transport;	/* libcurl's CURLcode, 0: none */
	/* whether a request may have been sent */
	int		 connected;
	int		 too_big;	/* the body passed its cap */
	int		 sink_failed;	/* the sink refused the data */
	int		 too_slow;	/* below the floor speed: cut */
	struct buf	 body;
	char		 request_id[96];
	char		 content_type[128];
	double		 rate_limit;	/* x-amzn-RateLimit-Limit, 0: none */
	char		 error[256];	/* transport error text */
	int		 tries;		/* made by http_do_retry */
};

struct http;

/* Initialises libcurl once, before any thread starts. Returns 0 or -1. */
int		 http_global_init(void);
/* A client with these settings (copied). Free with http_free(). */
struct http	*http_new(const struct http_settings *set);
/* Frees the client (NULL is fine). */
void		 http_free(struct http *h);
/* Empties a response for reuse (or first use). */
void		 http_response_init(struct http_response *r);
/* Frees what a response holds. */
void		 http_response_free(struct http_response *r);
/*
 * Sends one request and fills r (initialised by http_response_init; its
 * old content is replaced). Returns 0 when an HTTP answer came (any
 * status), -1 on a transport error (r->error says which).
 */
int		 http_do(struct http *h, const struct http_request *req,
		    struct http_response *r);
/*
 * Bounds every later transfer of h by end (http_now() seconds; 0: none):
 * a transfer still going then is aborted, one not begun is not begun.
 */
void		 http_set_deadline(struct http *h, double end);
/* h's deadline (http_now() seconds), 0 when it has none. */
double		 http_deadline(const struct http *h);
/* Whether h's deadline has passed (0 when it has none). */
int		 http_past_deadline(const struct http *h);
/* Seconds on a monotonic clock, for rate limits and deadlines. */
double		 http_now(void);
/* Sleeps this many seconds (no-op if <= 0). */
void		 http_sleep(double secs);
/* A uniform random number in [0, 1) from the handle's generator. */
double		 http_random(struct http *h);

#endif
