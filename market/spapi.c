#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/spapi.h"

/* Amazon's usage plans (requests per second, burst), per seller. */
static const struct spapi_plan {
	const char	*name;
	double		 rate;
	double		 burst;
	int		 idempotent;
} spapi_plans[SPAPI_OP_COUNT] = {
	[SPAPI_CREATE_REPORT] = { "createReport", 0.0167, 15, 0 },
	[SPAPI_GET_REPORT] = { "getReport", 2, 15, 1 },
	[SPAPI_GET_REPORTS] = { "getReports", 0.0222, 10, 1 },
	[SPAPI_GET_DOCUMENT] = { "getReportDocument", 0.0167, 15, 1 },
	[SPAPI_GET_SHIPMENTS] = { "getShipments", 2, 30, 1 },
	[SPAPI_GET_SHIPMENT_ITEMS] = { "getShipmentItemsByShipmentId", 2, 30,
	    1 },
	[SPAPI_LIST_SHIPMENT_ITEMS] = { "getShipmentItems", 2, 30, 1 },
};

void
spapi_init(struct spapi *sp, const char *seller, const char *endpoint,
    const char *lwa_endpoint, const char *client_id,
    const char *client_secret, const char *refresh_token,
    const struct retry_policy *rp)
{
	double now = http_now();
	int i;

	memset(sp, 0, sizeof(*sp));
	sp->seller = seller;
	sp->endpoint = endpoint;
	sp->retry = *rp;
	lwa_init(&sp->lwa, lwa_endpoint, client_id, client_secret,
	    refresh_token);
	for (i = 0; i < SPAPI_OP_COUNT; i++)
		ratelimit_init(&sp->rl[i], spapi_plans[i].rate,
		    spapi_plans[i].burst, now);
}

void
spapi_free(struct spapi *sp)
{
	lwa_clear(&sp->lwa);
	sp->http = NULL;
}

const char *
spapi_op_name(enum spapi_op op)
{
	return spapi_plans[op].name;
}

double
spapi_wait(struct spapi *sp, enum spapi_op op)
{
	struct ratelimit copy = sp->rl[op];

	return ratelimit_take(&copy, http_now());
}

enum spapi_status
spapi_login(struct spapi *sp)
{
	const char *token;

	switch (lwa_token(&sp->lwa, sp->http, &sp->retry, 0, &token)) {
	case LWA_OK:
		return SPAPI_OK;
	case LWA_REFUSED:
		snprintf(sp->error, sizeof(sp->error), "LWA refused the "
		    "credentials: %s", sp->lwa.error);
		return SPAPI_REFUSED;
	case LWA_UNAVAILABLE:
		snprintf(sp->error, sizeof(sp->error), "LWA unreachable: %s",
		    sp->lwa.error);
		return SPAPI_UNAVAILABLE;
	default:
		snprintf(sp->error, sizeof(sp->error), "LWA failed: %s",
		    sp->lwa.error);
		return SPAPI_FAILED;
	}
}

/* Describes an error answer: Amazon's first error code and message. */
static void
spapi_describe(struct spapi *sp, enum spapi_op op, const char *path,
    const struct http_response *r, json_t *doc)
{
	json_t *e = json_array_get(json_object_get(doc, "errors"), 0);
	const char *c = json_string_value(json_object_get(e, "code"));
	const char *m = json_string_value(json_object_get(e, "message"));
	char code[48], msg[96], rid[96];

	/* Amazon's words are a server's: an answer may echo the token it
	 * was sent, or carry escape sequences. Cleaned before they are cut. */
	log_clean_copy(code, sizeof(code), c ? c : "-");
	log_clean_copy(msg, sizeof(msg), m ? m : "-");
	log_clean_copy(rid, sizeof(rid), r->request_id[0] ? r->request_id :
	    "-");

	if (r->status == 0)
		snprintf(sp->error, sizeof(sp->error), "%s %.200s: %.160s "
		    "after %d tries", spapi_plans[op].name, path, r->error, r->tries);
	else
		snprintf(sp->error, sizeof(sp->error), "%s %.200s: HTTP %ld "
		    "%s: %s (x-amzn-RequestId %s, %d tries)",
		    spapi_plans[op].name, path, r->status, code, msg, rid,
		    r->tries);
}

/*
 * Sends req, as retry_do does, but each try takes its token from op's
 * bucket: Amazon counts retries against the plan too. Returns
 * http_do's result for the last try, whose answer is in r.
 */
static int
spapi_tries(struct spapi *sp, enum spapi_op op, const char *path,
    const struct http_request *req, const struct retry_policy *rp,
    struct http_response *r)
{
	json_t *doc;
	double wait, start = http_now();
	int n, rc;

	for (n = 1; ; n++) {
		while ((wait = ratelimit_take(&sp->rl[op], http_now())) > 0)
			http_sleep(wait);
		sp->calls[op]++;
		rc = http_do(sp->http, req, r);
		r->tries = n;
		if (r->rate_limit > 0)
			ratelimit_set_rate(&sp->rl[op], r->rate_limit,
			    http_now());
		/* Amazon says we are over: its count wins over ours. */
		if (r->status == 429)
			ratelimit_drain(&sp->rl[op], http_now());
		if (!retry_transient(rp, r) || n >= rp->tries)
			return rc;
		wait = retry_delay(rp, n, r->rate_limit,
		    http_random(sp->http));
		if (http_now() + wait - start > rp->total)
			return rc;
		doc = json_loadb(r->body.data ? r->body.data : "", r->body.len,
		    0, NULL);
		spapi_describe(sp, op, path, r, doc);
		json_decref(doc);
		log_debug("%s: %s; try %d in %.2f s", sp->seller, sp->error,
		    n + 1, wait);
		http_sleep(wait);
	}
}

/*
 * What the last try's answer (http_do returned rc) means: SPAPI_OK with
 * the JSON in *out (when out is not NULL), or a failure in sp->error.
 */
static enum spapi_status
spapi_answer(struct spapi *sp, enum spapi_op op, const char *path,
    const struct http_response *r, int rc, json_t **out)
{
	json_t *doc = NULL;

	if (rc == 0)
		doc = json_loadb(r->body.data ? r->body.data : "", r->body.len,
		    0, NULL);
	if (rc == 0 && r->status >= 200 && r->status < 300) {
		if (doc == NULL) {
			snprintf(sp->error, sizeof(sp->error), "%s %.200s: the "
			    "answer is not JSON (x-amzn-RequestId %s)",
			    spapi_plans[op].name, path, r->request_id);
			return SPAPI_FAILED;
		}
		if (out != NULL)
			*out = doc;
		else
			json_decref(doc);
		return SPAPI_OK;
	}
	spapi_describe(sp, op, path, r, doc);
	json_decref(doc);
	if (r->status == 404)
		return SPAPI_NOT_FOUND;
	if (r->status == 0 || r->status == 429 || r->status >= 500)
		return SPAPI_UNAVAILABLE;
	return SPAPI_FAILED;
}

enum spapi_status
spapi_call(struct spapi *sp, enum spapi_op op, const char *method,
    const char *path, const char *body, json_t **out)
{
	struct http_request req;
	struct http_response r;
	struct retry_policy rp = sp->retry;
	struct buf url, tokhdr;
	const char *headers[5];
	enum spapi_status st;
	int refreshed = 0, rc;

	if (out != NULL)
		*out = NULL;
	buf_init(&url, 0);
	buf_init(&tokhdr, 0);
	buf_printf(&url, "%s%s", sp->endpoint, path);
	http_response_init(&r);
	rp.idempotent = spapi_plans[op].idempotent;
again:
	if ((st = spapi_login(sp)) != SPAPI_OK)
		goto out;
	buf_reset(&tokhdr);
	buf_printf(&tokhdr, "x-amz-access-token: %s", sp->lwa.token);
	headers[0] = tokhdr.data;
	headers[1] = "Accept: application/json";
	headers[2] = body ? "Content-Type: application/json" : NULL;
	headers[3] = NULL;
	memset(&req, 0, sizeof(req));
	req.method = method;
	req.url = url.data;
	req.headers = headers;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.fresh = !rp.idempotent;
	rc = spapi_tries(sp, op, path, &req, &rp, &r);
	st = spapi_answer(sp, op, path, &r, rc, out);
	/* An expired or revoked token: one new token, one more try. */
	if (st != SPAPI_OK && r.status == 403 && !refreshed) {
		log_debug("%s: %s; renewing the access token", sp->seller,
		    sp->error);
		refreshed = 1;
		lwa_clear(&sp->lwa);
		goto again;
	}
out:
	sp->status = r.status;
	buf_free(&url);
	if (tokhdr.data != NULL)
		explicit_bzero(tokhdr.data, tokhdr.len);
	buf_free(&tokhdr);
	http_response_free(&r);
	return st;
}
