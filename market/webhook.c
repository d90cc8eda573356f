#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/crashpoint.h"
#include "lib/l10n.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "market/http.h"
#include "market/retry.h"
#include "market/webhook.h"
#include "store/anomalies.h"
#include "store/store.h"

/* An anomaly to send, copied out of the scan. */
struct webhook_item {
	char	*id;
	char	*body;
};

struct webhook_ctx {
	const char		*seller;
	struct webhook_item	*items;
	size_t			 n, cap;
};

/* Sets key to s, or null when s is empty. */
static void
webhook_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s != NULL && *s != '\0' ?
	    json_string(s) : json_null());
}

/* The JSON of one anomaly; the caller frees it. */
static char *
webhook_body(const char *seller, const struct anomaly_row *a)
{
	char opened[TIME_STRLEN], due[DATE_STRLEN], money[32];
	struct anomtext tx;
	struct l10n en;
	struct buf text;
	json_t *o;
	char *out;

	/* The team's chat reads English; en is compiled in. */
	if (l10n_init(&en, "en") == -1 || (o = json_object()) == NULL)
		return NULL;
	anomtext_render(&en, a->kind, a->figures, a->subject, a->detail,
	    a->advice, &tx);
	buf_init(&text, 0);
	/* One readable line for chat: severity, seller, what, what to do. */
	buf_printf(&text, "[%s] %s: %s. %s", a->severity, seller, tx.subject,
	    tx.advice);
	webhook_str(o, "anomaly_id", a->anomaly_id);
	webhook_str(o, "seller_id", seller);
	webhook_str(o, "kind", a->kind);
	webhook_str(o, "period", a->period);
	webhook_str(o, "severity", a->severity);
	webhook_str(o, "status", anomaly_state_name(a->status));
	webhook_str(o, "opened_at", date_format_time(a->opened_at, opened));
	webhook_str(o, "deadline", a->deadline ? date_format(a->deadline,
	    due) : NULL);
	webhook_str(o, "amount", a->currency ? num_format_amount(a->amount,
	    a->currency, money, sizeof(money)) : NULL);
	webhook_str(o, "currency", a->currency);
	webhook_str(o, "subject", tx.subject);
	webhook_str(o, "detail", tx.detail);
	webhook_str(o, "advice", tx.advice);
	webhook_str(o, "text", text.data);
	buf_free(&text);
	anomtext_free(&tx);
	out = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	return out;
}

static int
webhook_row(void *ctx, const struct anomaly_row *a)
{
	struct webhook_ctx *c = ctx;
	char *body;

	if (a->notified || a->status != ANOMALY_OPEN)
		return 0;
	if ((body = webhook_body(c->seller, a)) == NULL)
		return -1;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->items = xreallocarray(c->items, c->cap, sizeof(*c->items));
	}
	c->items[c->n].id = xstrdup(a->anomaly_id);
	c->items[c->n].body = body;
	c->n++;
	return 0;
}

/* POSTs one anomaly. Returns 0 on a 2xx answer, -1 otherwise. */
static int
webhook_post(struct http *h, const char *url, const struct webhook_item *it)
{
	/* A webhook is idempotent by its key: every failure may retry. */
	static const struct retry_policy policy = { 4, 30.0, 0.5, 8.0, 1 };
	struct http_response r;
	struct http_request req;
	char key[128];
	const char *headers[3];
	int rc = -1;

	snprintf(key, sizeof(key), "Idempotency-Key: %s", it->id);
	headers[0] = "Content-Type: application/json";
	headers[1] = key;
	headers[2] = NULL;
	memset(&req, 0, sizeof(req));
	req.method = "POST";
	req.url = url;
	req.headers = headers;
	req.body = it->body;
	req.body_len = strlen(it->body);
	http_response_init(&r);
	if (retry_do(h, &policy, &req, &r) == 0 && r.status >= 200 &&
	    r.status < 300)
		rc = 0;
	else
		log_warn("webhook: %s not delivered: %s", it->id, r.status ?
		    "HTTP error" : r.error);
	if (rc == -1 && r.status != 0)
		log_warn("webhook: %s: HTTP %ld", it->id, r.status);
	http_response_free(&r);
	return rc;
}

int
webhook_notify(struct store *st, const char *seller, const char *url,
    struct http *h)
{
	struct anomaly_filter f = { anomaly_state_name(ANOMALY_OPEN), NULL,
	    NULL };
	struct webhook_ctx c = { seller, NULL, 0, 0 };
	size_t i;
	int sent = 0, failed = 0;

	if (store_anomalies_scan(st, &f, webhook_row, &c) != 0) {
		log_error("%s: webhook: %s", seller, store_errmsg(st));
		failed = 1;
	}
	for (i = 0; i < c.n && !failed; i++) {
		if (webhook_post(h, url, &c.items[i]) == -1) {
			failed = 1;
			break;
		}
		/* Test hook: die between the send and its record. */
		crashpoint("after_webhook", 1);
		if (store_anomaly_notified(st, c.items[i].id) == -1) {
			log_error("%s: webhook: %s", seller, store_errmsg(st));
			failed = 1;
			break;
		}
		sent++;
	}
	for (i = 0; i < c.n; i++) {
		free(c.items[i].id);
		free(c.items[i].body);
	}
	free(c.items);
	return failed ? -1 : sent;
}
