#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

#include "lib/buf.h"
#include "lib/limits.h"
#include "lib/mem.h"
#include "lib/testhook.h"
#include "market/http.h"

struct http {
	CURL			*curl;
	struct http_settings	 set;
	char			*user_agent;
	uint64_t		 rng;
	double			 deadline;	/* http_now(), 0: none */
};

/* What the callbacks of one transfer share. */
struct http_xfer {
	const struct http_request	*req;
	struct http_response		*r;
	size_t				 max;
	/* of the header block */
	long				 status;
	const struct http_settings	*set;
	double				 start;		/* http_now() */
	curl_off_t			 bytes;		/* when cut */
};

int
http_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
http_set_deadline(struct http *h, double end)
{
	h->deadline = end;
}

double
http_deadline(const struct http *h)
{
	return h->deadline;
}

int
http_past_deadline(const struct http *h)
{
	return h->deadline > 0 && http_now() >= h->deadline;
}

double
http_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
http_sleep(double secs)
{
	struct timespec ts;

	if (secs <= 0)
		return;
	ts.tv_sec = (time_t)secs;
	ts.tv_nsec = (long)((secs - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

double
http_random(struct http *h)
{
	/* xorshift64*: jitter needs spread, not secrecy. */
	h->rng ^= h->rng >> 12;
	h->rng ^= h->rng << 25;
	h->rng ^= h->rng >> 27;
	return (double)((h->rng * 2685821657736338717ULL) >> 11) /
	    9007199254740992.0;
}

struct http *
http_new(const struct http_settings *set)
{
	struct http *h;
	struct timespec ts;

	/* The tests' stand-in for libcurl failing to make a handle. */
	if (testhook_fail("http_new"))
		return NULL;
	h = xcalloc(1, sizeof(*h));
	if ((h->curl = curl_easy_init()) == NULL) {
		free(h);
		return NULL;
	}
	h->set = *set;
	if (!(h->set.min_rate > 0))
		h->set.min_rate = TRANSFER_MIN_RATE;
	if (!(h->set.grace > 0))
		h->set.grace = TRANSFER_GRACE;
	h->user_agent = xstrdup(set->user_agent);
	h->set.user_agent = h->user_agent;
	clock_gettime(CLOCK_REALTIME, &ts);
	h->rng = ((uint64_t)ts.tv_nsec << 20) ^ (uint64_t)ts.tv_sec ^
	    (uint64_t)(uintptr_t)h;
	if (h->rng == 0)
		h->rng = 88172645463325252ULL;
	return h;
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	curl_easy_cleanup(h->curl);
	free(h->user_agent);
	free(h);
}

void
http_response_init(struct http_response *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, HTTP_MAX_BODY);
}

void
http_response_free(struct http_response *r)
{
	buf_free(&r->body);
}

/* Copies a header's value, trimmed, into out. */
static void
http_header_value(const char *p, size_t n, char *out, size_t outlen)
{
	size_t i;

	while (n > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == '\n' ||
	    p[n - 1] == ' '))
		n--;
	if (n >= outlen)
		n = outlen - 1;
	/* A server's text, shown in errors: printable ASCII only. */
	for (i = 0; i < n; i++)
		out[i] = p[i] >= ' ' && p[i] < 0x7f ? p[i] : '?';
	out[n] = '\0';
}

/* A header line: the ones fbaudit uses are kept, per header block. */
static size_t
http_on_header(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;
	struct http_response *r = x->r;
	size_t n = size * nmemb;
	char val[64], *end;
	double d;

	if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		/* A new block (after a redirect or a 100): forget the last. */
		end = memchr(p, ' ', n);
		x->status = 0;
		if (end != NULL && (size_t)(end - p) + 4 <= n)
			x->status = strtol(end + 1, NULL, 10);
		r->request_id[0] = '\0';
		r->content_type[0] = '\0';
		r->rate_limit = 0;
		return n;
	}
	if (n > 17 && strncasecmp(p, "x-amzn-RequestId:", 17) == 0)
		http_header_value(p + 17, n - 17, r->request_id,
		    sizeof(r->request_id));
	else if (n > 13 && strncasecmp(p, "Content-Type:", 13) == 0)
		http_header_value(p + 13, n - 13, r->content_type,
		    sizeof(r->content_type));
	else if (n > 23 && strncasecmp(p, "x-amzn-RateLimit-Limit:", 23) ==
	    0) {
		http_header_value(p + 23, n - 23, val, sizeof(val));
		errno = 0;
		d = strtod(val, &end);
		if (end != val && *end == '\0' && errno == 0 && d > 0 &&
		    d < 1e6)
			r->rate_limit = d;
	}
	return n;
}

/* Body bytes: to the sink on success, else into the bounded buffer. */
static size_t
http_on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct http_xfer *x = arg;
	struct http_response *r = x->r;
	size_t n = size * nmemb;

	if (x->req->sink != NULL && x->status >= 200 && x->status < 300) {
		if (x->req->sink(x->req->sink_arg, p, n) == -1) {
			r->sink_failed = 1;
			return 0;
		}
		return n;
	}
	if (r->body.len + n > x->max || buf_add(&r->body, p, n) == -1) {
		r->too_big = 1;
		return 0;
	}
	return n;
}

/*
 * libcurl's progress callback, at least once a second: cuts a transfer
 * past its time limit, grace + size / min_rate, where the size is the
 * one announced (Content-Length) or, when none is, what came so far.
 */
static int
http_on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct http_xfer *x = arg;
	curl_off_t bytes;

	bytes = (dltotal > dlnow ? dltotal : dlnow) +
	    (ultotal > ulnow ? ultotal : ulnow);
	if (http_now() - x->start <= x->set->grace +
	    (double)bytes / x->set->min_rate)
		return 0;
	x->r->too_slow = 1;
	x->bytes = dlnow;
	return 1;
}

/* Clears what an earlier transfer left in r. */
static void
http_response_reset(struct http_response *r)
{
	buf_reset(&r->body);
	r->status = 0;
	r->transport = 0;
	r->connected = 0;
	r->too_big = 0;
	r->sink_failed = 0;
	r->too_slow = 0;
	r->request_id[0] = r->content_type[0] = r->error[0] = '\0';
	r->rate_limit = 0;
}

/* The request's header list (curl_slist_free_all), or NULL. */
static struct curl_slist *
http_headers(const struct http_request *req)
{
	struct curl_slist *hdrs = NULL, *t;
	const char *const *hp;

	for (hp = req->headers; hp != NULL && *hp != NULL; hp++) {
		if ((t = curl_slist_append(hdrs, *hp)) == NULL)
			goto fail;
		hdrs = t;
	}
	/* libcurl adds "Expect: 100-continue" to big POSTs; Amazon's
	 * answers do not need the extra round trip. */
	if ((t = curl_slist_append(hdrs, "Expect:")) == NULL)
		goto fail;
	return t;
fail:
	curl_slist_free_all(hdrs);
	return NULL;
}

/* Sets the handle up for one transfer; left: seconds to the deadline. */
static void
http_setopt(struct http *h, const struct http_request *req,
    struct http_xfer *x, struct curl_slist *hdrs, double left)
{
	CURL *c = h->curl;
	long stall;

	curl_easy_reset(c);
	curl_easy_setopt(c, CURLOPT_URL, req->url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, req->fresh ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, req->follow ? 1L : 0L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, (long)HTTP_MAX_REDIRS);
	curl_easy_setopt(c, CURLOPT_USERAGENT, h->set.user_agent);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)(h->set.connect_timeout * 1000));
	stall = (long)(h->set.stall_timeout + 0.999);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, stall < 1 ? 1L : stall);
	/* The run's deadline bounds the whole transfer, however slowly
	 * the bytes still trickle in. */
	if (left > 0)
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(left * 1000) + 1);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, http_on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, http_on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, http_on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	if (strcmp(req->method, "POST") == 0) {
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->body ?
		    req->body : "");
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
		    (curl_off_t)(req->body ? req->body_len : 0));
	} else
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
}

/* Why a transfer failed with rc, in r->error; r->connected set. */
static void
http_failed(struct http *h, const struct http_xfer *x, CURLcode rc)
{
	struct http_response *r = x->r;
	curl_off_t pre = 0;

	r->transport = (int)rc;
	/* Whether the request may have reached the server. */
	curl_easy_getinfo(h->curl, CURLINFO_PRETRANSFER_TIME_T, &pre);
	r->connected = pre > 0;
	if (r->too_big)
		snprintf(r->error, sizeof(r->error), "answer larger than "
		    "%zu bytes", x->max);
	else if (http_past_deadline(h))
		snprintf(r->error, sizeof(r->error), "the run's deadline "
		    "passed");
	else if (r->sink_failed)
		snprintf(r->error, sizeof(r->error), "cannot store the "
		    "download");
	else if (r->too_slow)
		snprintf(r->error, sizeof(r->error), "too slow: %lld bytes in "
		    "%.0f s, under transfer_min_rate (%.0f bytes/s after "
		    "transfer_grace, %.0f s)", (long long)x->bytes,
		    http_now() - x->start, h->set.min_rate, h->set.grace);
	else
		snprintf(r->error, sizeof(r->error), "%s",
		    curl_easy_strerror(rc));
	/* A cut-off answer is not an answer. */
	r->status = 0;
}

int
http_do(struct http *h, const struct http_request *req,
    struct http_response *r)
{
	struct curl_slist *hdrs;
	struct http_xfer x;
	CURLcode rc;
	double left = 0;

	http_response_reset(r);
	memset(&x, 0, sizeof(x));
	x.req = req;
	x.r = r;
	x.max = req->max_body ? req->max_body : HTTP_MAX_BODY;
	x.set = &h->set;
	if (h->deadline > 0 && (left = h->deadline - http_now()) <= 0) {
		r->transport = CURLE_OPERATION_TIMEDOUT;
		snprintf(r->error, sizeof(r->error), "the run's deadline "
		    "passed");
		return -1;
	}
	if ((hdrs = http_headers(req)) == NULL)
		return -1;
	if (req->reset != NULL)
		req->reset(req->sink_arg);
	http_setopt(h, req, &x, hdrs, left);
	x.start = http_now();
	rc = curl_easy_perform(h->curl);
	curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
	if (rc != CURLE_OK)
		http_failed(h, &x, rc);
	curl_slist_free_all(hdrs);
	return rc == CURLE_OK ? 0 : -1;
}
