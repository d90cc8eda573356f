#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/http.h"
#include "market/lwa.h"
#include "market/retry.h"

/* Renew this many seconds before Amazon says the token expires. */
#define LWA_EARLY	60

void
lwa_init(struct lwa *l, const char *endpoint, const char *client_id,
    const char *client_secret, const char *refresh_token)
{
	memset(l, 0, sizeof(*l));
	l->endpoint = endpoint;
	l->client_id = client_id;
	l->client_secret = client_secret;
	l->refresh_token = refresh_token;
}

void
lwa_clear(struct lwa *l)
{
	if (l->token != NULL) {
		explicit_bzero(l->token, strlen(l->token));
		free(l->token);
	}
	l->token = NULL;
	l->expires = 0;
}

/* Appends name=value, value percent-encoded. */
static void
lwa_form(struct buf *b, const char *name, const char *value)
{
	char *e = curl_easy_escape(NULL, value, 0);

	buf_printf(b, "%s%s=%s", b->len ? "&" : "", name, e ? e : "");
	if (e != NULL) {
		explicit_bzero(e, strlen(e));
		curl_free(e);
	}
}

/* LWA's refusal (r->status not 200), described in l->error. */
static enum lwa_status
lwa_refused(struct lwa *l, const struct http_response *r, json_t *doc)
{
	json_t *v = json_object_get(doc, "error");
	json_t *d = json_object_get(doc, "error_description");
	char code[48], why[160];

	/* LWA's words, cleaned: an answer may echo the refresh token or
	 * client secret it was sent, or carry escape sequences. */
	log_clean_copy(code, sizeof(code), json_string_value(v));
	log_clean_copy(why, sizeof(why), json_string_value(d));
	snprintf(l->error, sizeof(l->error), "HTTP %ld%s%s%s%s%s",
	    r->status, code[0] ? " " : "", code, why[0] ? " (" : "",
	    why, why[0] ? ")" : "");
	if (json_is_string(v) &&
	    (strcmp(json_string_value(v), "invalid_grant") == 0 ||
	    strcmp(json_string_value(v), "invalid_client") == 0 ||
	    strcmp(json_string_value(v), "unauthorized_client") == 0))
		return LWA_REFUSED;
	if (r->status == 429 || r->status >= 500)
		return LWA_UNAVAILABLE;
	return LWA_FAILED;
}

/* Caches the token of LWA's answer doc, asked at now. */
static enum lwa_status
lwa_keep(struct lwa *l, json_t *doc, double now)
{
	json_t *v = json_object_get(doc, "access_token");
	json_int_t expires;

	if (!json_is_string(v) || json_string_length(v) < 4) {
		snprintf(l->error, sizeof(l->error), "no access_token in the "
		    "answer");
		return LWA_FAILED;
	}
	l->token = xstrdup(json_string_value(v));
	/* Amazon's tokens (Atza|...) are redacted by their shape; one of
	 * another shape (a sandbox's) is registered, or an answer that
	 * repeats it would show it. */
	if (strncmp(l->token, "Atza|", 5) != 0)
		log_add_secret(l->token);
	v = json_object_get(doc, "expires_in");
	expires = json_is_integer(v) ? json_integer_value(v) : 3600;
	if (expires < LWA_EARLY * 2)
		expires = LWA_EARLY * 2;
	if (expires > 86400)
		expires = 86400;
	l->expires = now + (double)(expires - LWA_EARLY);
	return LWA_OK;
}

enum lwa_status
lwa_token(struct lwa *l, struct http *h, const struct retry_policy *p,
    int force, const char **token)
{
	static const char *const headers[] = {
		"Content-Type: application/x-www-form-urlencoded;"
		    "charset=UTF-8",
		"Accept: application/json",
		NULL
	};
	struct http_request req;
	struct http_response r;
	struct retry_policy rp = *p;
	struct buf form;
	json_t *doc = NULL;
	enum lwa_status st;
	double now = http_now();

	if (!force && l->token != NULL && now < l->expires) {
		*token = l->token;
		return LWA_OK;
	}
	lwa_clear(l);
	buf_init(&form, 0);
	lwa_form(&form, "grant_type", "refresh_token");
	lwa_form(&form, "refresh_token", l->refresh_token);
	lwa_form(&form, "client_id", l->client_id);
	lwa_form(&form, "client_secret", l->client_secret);
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.url = l->endpoint;
	req.headers = headers;
	req.body = form.data;
	req.body_len = form.len;
	rp.idempotent = 1;	/* asking for a token twice is harmless */
	http_response_init(&r);
	l->calls++;
	if (retry_do(h, &rp, &req, &r) == -1) {
		snprintf(l->error, sizeof(l->error), "%.100s", r.error);
		st = LWA_UNAVAILABLE;
		goto out;
	}
	doc = json_loadb(r.body.data ? r.body.data : "", r.body.len, 0,
	    NULL);
	if (r.status != 200)
		st = lwa_refused(l, &r, doc);
	else if ((st = lwa_keep(l, doc, now)) == LWA_OK)
		*token = l->token;
out:
	json_decref(doc);
	explicit_bzero(form.data, form.len);
	buf_free(&form);
	if (r.body.data != NULL)
		explicit_bzero(r.body.data, r.body.len);
	http_response_free(&r);
	return st;
}
