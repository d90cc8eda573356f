/*
 * A seller's session with the Selling Partner API: its HTTP client, its
 * LWA token, one token bucket per operation, and the call that puts them
 * together: wait for the bucket, send with x-amz-access-token, retry what
 * is transient, refresh the token once on a 403, log Amazon's error code
 * with the x-amzn-RequestId. One session is used by one thread at a time.
 */
#ifndef FBAUDIT_SPAPI_H
#define FBAUDIT_SPAPI_H

#include <jansson.h>

#include "market/http.h"
#include "market/lwa.h"
#include "market/ratelimit.h"
#include "market/retry.h"

/* The operations fbaudit calls; the table in spapi.c has their plans. */
enum spapi_op {
	SPAPI_CREATE_REPORT,
	SPAPI_GET_REPORT,
	SPAPI_GET_REPORTS,
	SPAPI_GET_DOCUMENT,
	SPAPI_GET_SHIPMENTS,
	SPAPI_GET_SHIPMENT_ITEMS,	/* ByShipmentId */
	SPAPI_LIST_SHIPMENT_ITEMS,	/* getShipmentItems */
	SPAPI_OP_COUNT
};

enum spapi_status {
	SPAPI_OK,		/* a 2xx answer */
	SPAPI_REFUSED,		/* LWA refused the credentials */
	SPAPI_UNAVAILABLE,	/* no answer, or 429/5xx after retries */
	SPAPI_NOT_FOUND,	/* 404 */
	SPAPI_FAILED		/* any other error answer */
};

struct spapi {
	const char		*seller;	/* for log lines */
	const char		*endpoint;	/* borrowed */
	struct http		*http;		/* borrowed: set before calls */
	struct lwa		 lwa;
	struct retry_policy	 retry;
	struct ratelimit	 rl[SPAPI_OP_COUNT];
	int			 calls[SPAPI_OP_COUNT];
	long			 status;	/* the last answer's, 0: none */
	char			 error[512];	/* why the last call failed */
};

/*
 * Sets up a session; the strings are borrowed and must outlive it. The
 * caller sets sp->http (borrowed, e.g. its worker's client) before each
 * call, so connections are bounded by workers, not sellers. Free with
 * spapi_free().
 */
void	 spapi_init(struct spapi *sp, const char *seller, const char *endpoint,
	    const char *lwa_endpoint, const char *client_id,
	    const char *client_secret, const char *refresh_token,
	    const struct retry_policy *rp);
/* Frees what the session holds (a zeroed one is fine). */
void	 spapi_free(struct spapi *sp);
/* The operation's name, as Amazon documents it (static). */
const char *spapi_op_name(enum spapi_op op);
/* Seconds until op's bucket has a token (0: now). Takes nothing. */
double	 spapi_wait(struct spapi *sp, enum spapi_op op);
/*
 * Calls op: method on endpoint + path (path includes the query), with a
 * JSON body when body is not NULL. Blocks on the bucket if need be. On
 * SPAPI_OK, *out (when out is not NULL) is the parsed JSON answer, which
 * the caller frees with json_decref.
 */
enum spapi_status spapi_call(struct spapi *sp, enum spapi_op op,
	    const char *method, const char *path, const char *body,
	    json_t **out);
/* Whether an LWA access token can be had now (to fail a seller early). */
enum spapi_status spapi_login(struct spapi *sp);

#endif
