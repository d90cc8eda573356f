/*
 * The gateway transport: POST the packet as JSON to gateway_url with
 * "Idempotency-Key: CLAIMID" and the bearer token; a 2xx answer
 * {"case_id": "..."} files the claim. The key makes every repeat safe, so
 * every failure the gateway may recover from is retried: no connection,
 * a timeout, a cut-off answer, 429, 500, 502, 503, 504. Any other status
 * is the gateway's final word on this packet.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "claims/packet.h"
#include "claims/transport.h"
#include "lib/buf.h"
#include "market/http.h"
#include "market/retry.h"

/* Largest answer read from the gateway: it is one small JSON object. */
#define GATEWAY_MAX_ANSWER	(64 * 1024)
/* No backoff ceiling above this many seconds. */
#define GATEWAY_BACKOFF_CAP	30.0

/* Reads the case id of a 2xx answer into r. Returns 0 or -1. */
static int
gateway_case_id(const struct http_response *hr, struct transport_result *r)
{
	json_error_t je;
	json_t *root, *v;
	const char *id;
	int rc = -1;

	root = json_loadb(hr->body.data, hr->body.len, 0, &je);
	if (root == NULL || (v = json_object_get(root, "case_id")) == NULL ||
	    (id = json_string_value(v)) == NULL) {
		snprintf(r->detail, sizeof(r->detail), "gateway answered "
		    "%ld without a case_id", hr->status);
		goto out;
	}
	if (!transport_case_id_valid(id)) {
		snprintf(r->detail, sizeof(r->detail), "gateway answered "
		    "%ld with a malformed case_id", hr->status);
		goto out;
	}
	snprintf(r->case_id, sizeof(r->case_id), "%s", id);
	rc = 0;
out:
	json_decref(root);
	return rc;
}

int
transport_gateway_send(struct transport_ctx *ctx, const char *claim_id,
    const struct packet *p, struct transport_result *r)
{
	struct http_request req;
	struct http_response hr;
	struct retry_policy rp;
	struct buf key, auth;
	const char *headers[5];
	int rc = -1, got;

	if (ctx->url == NULL || ctx->token == NULL || ctx->http == NULL) {
		r->unreachable = 1;
		snprintf(r->detail, sizeof(r->detail), "the gateway transport "
		    "needs gateway_url and gateway_token_file");
		return -1;
	}
	buf_init(&key, 0);
	buf_init(&auth, 0);
	buf_printf(&key, "Idempotency-Key: %s", claim_id);
	buf_printf(&auth, "Authorization: Bearer %s", ctx->token);
	headers[0] = "Content-Type: application/json";
	headers[1] = "Accept: application/json";
	headers[2] = key.data;
	headers[3] = auth.data;
	headers[4] = NULL;
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.url = ctx->url;
	req.headers = headers;
	req.body = p->json;
	req.body_len = strlen(p->json);
	req.max_body = GATEWAY_MAX_ANSWER;
	http_response_init(&hr);
	/* The one retry rule (market/retry.c). The Idempotency-Key makes
	 * every repeat harmless, so the request counts as idempotent. */
	rp.tries = ctx->tries;
	rp.total = ctx->retry_time;
	rp.base = ctx->retry_base;
	rp.cap = GATEWAY_BACKOFF_CAP;
	rp.idempotent = 1;
	got = retry_do(ctx->http, &rp, &req, &hr);
	if (got == -1) {
		r->unreachable = retry_transient(&rp, &hr);
		snprintf(r->detail, sizeof(r->detail), "gateway: %s (%d "
		    "tries)", hr.error, hr.tries);
	} else if (hr.status >= 200 && hr.status < 300)
		rc = gateway_case_id(&hr, r);
	else {
		r->unreachable = retry_transient(&rp, &hr);
		r->refused = !r->unreachable;
		snprintf(r->detail, sizeof(r->detail), "gateway answered %ld "
		    "(%d tries)", hr.status, hr.tries);
	}
	http_response_free(&hr);
	explicit_bzero(auth.data, auth.len);
	buf_free(&auth);
	buf_free(&key);
	return rc;
}
