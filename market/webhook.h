/*
 * Telling the team about new anomalies: each is POSTed once as JSON to
 * the configured webhook_url, with a "text" field chat tools show as is.
 * Exactly once, as for filing: the anomaly is marked notified only after
 * a 2xx answer, and every send carries Idempotency-Key: the anomaly id,
 * so a send repeated after a crash between the two is harmless.
 */
#ifndef FBAUDIT_WEBHOOK_H
#define FBAUDIT_WEBHOOK_H

#include <stddef.h>

struct http;
struct store;

/*
 * POSTs every open, not yet notified anomaly of the seller's store to url
 * and marks each one sent. Returns how many were sent, or -1 when one
 * could not be delivered after retries (the rest wait for the next run).
 */
int	 webhook_notify(struct store *st, const char *seller, const char *url,
	    struct http *h);

#endif
