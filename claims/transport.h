/*
 * Filing transports (docs/design.md §7), a table: each hands one case packet
 * to the seller's filing channel. "outbox" writes it under
 * DATADIR/SELLER/outbox/ for a person or an agent; "gateway" POSTs it to
 * a claims gateway with the claim id as Idempotency-Key. Sending the same
 * claim twice must be harmless: the file names, or the gateway's key,
 * make a repeat a no-op.
 */
#ifndef FBAUDIT_TRANSPORT_H
#define FBAUDIT_TRANSPORT_H

#include <stddef.h>

struct http;
struct packet;

/* Longest case id accepted from a gateway or a person. */
#define TRANSPORT_MAX_CASE_ID	64

/* What a transport may need; the caller owns every field. */
struct transport_ctx {
	const char	*seller_dir;	/* DATADIR/SELLER */
	const char	*url;		/* gateway_url */
	const char	*token;		/* the bearer token (a secret) */
	struct http	*http;		/* a client for the gateway */
	int		 tries;		/* per packet, the first included */
	double		 retry_time;	/* seconds one packet may retry */
	double		 retry_base;	/* first backoff, seconds */
};

/* A send's outcome. */
struct transport_result {
	/* the transport could not be reached: later, not this claim */
	int	 unreachable;
	/* the transport refused this packet for good (a 4xx answer) */
	int	 refused;
	/* case id the transport gave, "" when none (outbox) */
	char	 case_id[TRANSPORT_MAX_CASE_ID + 1];
	char	 detail[384];	/* what happened, for the claim's history */
};

struct transport {
	const char	*name;
	/* Sends p for claim_id. Returns 0 when taken, -1 (r says why). */
	int		(*send)(struct transport_ctx *ctx, const char *claim_id,
			    const struct packet *p,
			    struct transport_result *r);
};

/* The transport called name, or NULL. Owned by the table. */
const struct transport	*transport_find(const char *name);
/*
 * Whether s may be a case id: 1 to TRANSPORT_MAX_CASE_ID of A-Z a-z 0-9
 * and . _ - (it is shown in terminals, files and the store).
 */
int	 transport_case_id_valid(const char *s);

int	 transport_outbox_send(struct transport_ctx *ctx, const char *claim_id,
	    const struct packet *p, struct transport_result *r);
int	 transport_gateway_send(struct transport_ctx *ctx,
	    const char *claim_id, const struct packet *p,
	    struct transport_result *r);

#endif
