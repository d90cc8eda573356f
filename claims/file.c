/*
 * The filer (claims/file.h). The queue is read first and written after:
 * no write runs under an open scan. Intents left by a killed run come
 * first (they may already be at the transport: the same key makes their
 * repeat harmless), then eligible claims by deadline.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claims/file.h"
#include "claims/packet.h"
#include "claims/transport.h"
#include "lib/date.h"
#include "lib/crashpoint.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "store/filing.h"
#include "store/store.h"

/* Who the history names for the filer's own changes (not a transport). */
#define FILE_ACTOR	"file"

/* One claim to file. */
struct file_item {
	char	*claim_id;
	int32_t	 closes;
	int	 resend;	/* an intent of an earlier run */
};

struct file_queue {
	struct file_item	*item;
	size_t			 n, cap;
	int32_t			 today;
	struct store		*st;
	int			 held;	/* eligible, waiting (hold) */
};

/* Prints to the caller's stream, if it gave one (run prints counts). */
static void file_say(const struct file_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
file_say(const struct file_opts *o, const char *fmt, ...)
{
	va_list ap;

	if (o->out == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(o->out, fmt, ap);
	va_end(ap);
}

static void
file_queue_add(struct file_queue *q, const char *id, int32_t closes,
    int resend)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		if (strcmp(q->item[i].claim_id, id) == 0)
			return;
	if (q->n == q->cap) {
		q->cap = q->cap ? 2 * q->cap : 32;
		q->item = xreallocarray(q->item, q->cap, sizeof(*q->item));
	}
	q->item[q->n].claim_id = xstrdup(id);
	q->item[q->n].closes = closes;
	q->item[q->n].resend = resend;
	q->n++;
}

static void
file_queue_free(struct file_queue *q)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		free(q->item[i].claim_id);
	free(q->item);
}

/* Collects an intent of an earlier run. */
static int
file_intent_row(void *ctx, const struct filing_row *f)
{
	struct file_queue *q = ctx;

	/* closes is read with the claim below; 0 for now. */
	file_queue_add(q, f->claim_id, 0, 1);
	return 0;
}

static int
file_info_copy(void *ctx, const struct claim_filing_info *c)
{
	struct claim_filing_info *out = ctx;

	*out = *c;
	out->claim_id = out->type = out->fnsku = out->reference = NULL;
	out->currency = out->case_id = NULL;
	/* Only the status and the numbers are kept: no string outlives
	 * the call. */
	return 1;
}

/* Prints what a dry run would send. */
static int
file_dry_row(void *ctx, const struct claim_filing_info *c)
{
	const struct file_opts *o = ctx;
	char d[DATE_STRLEN], amount[48];

	file_say(o, "%s would file (%s, window closes %s, %s%s%s)\n",
	    c->claim_id, c->type, date_format(c->closes, d), c->has_value ?
	    num_format_amount(c->amount, c->currency, amount,
	    sizeof(amount)) : "value unknown", c->has_value ? " " : "",
	    c->has_value ? c->currency : "");
	return 1;
}

/*
 * Eligible claims whose window is open today, by deadline; not those the
 * audit holds back (issue 15 §1): the reports their rule reads are not
 * complete yet, or their product cannot be named.
 */
static int
file_eligible_row(void *ctx, const struct claim_row *c)
{
	struct file_queue *q = ctx;

	if (c->opens > q->today || q->today > c->closes)
		return 0;
	if (c->hold != NULL && c->hold[0] != '\0')
		q->held++;
	else
		file_queue_add(q, c->claim_id, c->closes, 0);
	return 0;
}

/*
 * An intent whose claim may not be sent any more: its window closed (the
 * claim expires now, with the reason) or the claim moved on. Returns 0
 * or -1.
 */
static int
file_settle(struct store *st, const struct file_opts *o, const char *id,
    const struct claim_filing_info *c, struct file_summary *sum)
{
	char d[DATE_STRLEN], why[256];

	if (o->dry_run) {
		file_say(o, "%s %s: would not re-send (%s)\n",
		    store_seller(st), id, o->today > c->closes ?
		    "window closed" : "no longer eligible");
		return 0;
	}
	if (store_begin(st) == -1)
		return -1;
	if (c->status == CLAIM_ELIGIBLE && o->today > c->closes) {
		snprintf(why, sizeof(why), "window closed %s before the "
		    "filing was confirmed; an earlier attempt may have "
		    "reached the transport: check Seller Central",
		    date_format(c->closes, d));
		if (store_filing_state(st, id, FILING_EXPIRED, NULL,
		    "window closed") == -1 ||
		    store_claim_set_status(st, id, CLAIM_EXPIRED) == -1 ||
		    store_claim_event_add(st, id, CLAIM_ELIGIBLE, CLAIM_EXPIRED,
		    FILE_ACTOR, why) == -1)
			goto fail;
		sum->expired++;
		log_warn("%s: claim %s: %s", store_seller(st), id, why);
	} else if (store_filing_state(st, id, FILING_CANCELLED, NULL,
	    "claim no longer eligible") == -1)
		goto fail;
	return store_commit(st) == -1 ? -1 : 0;
fail:
	store_rollback(st);
	return -1;
}

static int
file_status_row(void *ctx, const struct claim_filing_info *c)
{
	*(int *)ctx = c->status == CLAIM_ELIGIBLE;
	return 1;
}

/* Whether claim id is still eligible: 1, 0, or -1. */
static int
file_still_eligible(struct store *st, const char *id)
{
	int yes = 0;

	if (store_claim_filing_get(st, id, file_status_row, &yes) == -1)
		return -1;
	return yes;
}

/*
 * (c) Records the outcome of the send (rc, r) of claim id: filed with its
 * case id, ready for a person (no case id), or the filing's new state.
 * Inside the caller's transaction. Returns 0 or -1 (store).
 */
static int
file_outcome(struct store *st, const struct file_opts *o,
    const struct file_item *it, int rc, const struct transport_result *r)
{
	const char *id = it->claim_id;
	char detail[512];

	if (rc == 0 && *r->case_id) {
		snprintf(detail, sizeof(detail), "case %s via %s%s",
		    r->case_id, o->transport->name, it->resend ?
		    " (re-sent after an interrupted run)" : "");
		if (store_filing_state(st, id, FILING_CONFIRMED, r->case_id,
		    NULL) == -1 ||
		    store_claim_filed(st, id, r->case_id) == -1 ||
		    store_claim_event_add(st, id, CLAIM_ELIGIBLE, CLAIM_FILED,
		    o->transport->name, detail) == -1)
			return -1;
		return 0;
	}
	if (rc == 0) {
		/*
		 * Taken without a case id (the outbox): nothing is filed
		 * until a person submits the packet in Seller Central and
		 * records the case id Amazon gives (docs/design.md §6.3,
		 * "ready").
		 */
		snprintf(detail, sizeof(detail), "%s; submit it in Seller "
		    "Central, then: claims mark %s --case-id ID", r->detail,
		    id);
		if (store_filing_state(st, id, FILING_CONFIRMED, NULL,
		    NULL) == -1 ||
		    store_claim_ready(st, id) == -1 ||
		    store_claim_event_add(st, id, CLAIM_ELIGIBLE, CLAIM_READY,
		    o->transport->name, detail) == -1)
			return -1;
		return 0;
	}
	return store_filing_state(st, id, r->refused ? FILING_REJECTED :
	    FILING_INTENT, NULL, r->detail);
}

/* Counts and tells the committed outcome (rc, r) of one claim's send. */
static void
file_tell(struct store *st, const struct file_opts *o,
    const struct file_item *it, int rc, const struct transport_result *r,
    struct file_summary *sum)
{
	const char *id = it->claim_id;

	if (rc == 0 && *r->case_id) {
		sum->filed++;
		sum->resent += it->resend;
		file_say(o, "%s %s filed case %s\n", store_seller(st), id,
		    r->case_id);
	} else if (rc == 0) {
		sum->ready++;
		sum->resent += it->resend;
		file_say(o, "%s %s ready to submit (outbox/%s.txt)\n",
		    store_seller(st), id, id);
	} else {
		sum->failed++;
		sum->unreachable = r->unreachable;
		log_error("%s: claim %s: not filed: %s", store_seller(st), id,
		    r->detail);
	}
}

/* Sends one claim: intent, send, outcome. Returns 0 or -1 (store). */
static int
file_one(struct store *st, const struct file_opts *o,
    const struct file_item *it, int nth, struct file_summary *sum)
{
	const char *id = it->claim_id;
	struct transport_result r;
	struct packet p;
	enum packet_build built;
	char err[256];
	int rc, still;

	memset(&r, 0, sizeof(r));
	if ((built = packet_build(st, id, o->lang, &p, err, sizeof(err))) !=
	    PACKET_BUILT) {
		packet_free(&p);
		if (built == PACKET_NO_CLAIM)
			return 0;
		log_error("%s: claim %s: %s", store_seller(st), id, err);
		return -1;
	}
	/*
	 * (a) The intent, committed before anything leaves. The claim is
	 * read again inside the write transaction: another filer (a run
	 * started by hand beside cron) may have filed it meanwhile.
	 */
	if (store_begin(st) == -1 || (rc = file_still_eligible(st, id)) == -1)
		goto fail;
	if (rc == 0) {
		store_rollback(st);
		packet_free(&p);
		return 0;
	}
	if (store_filing_intent(st, id, o->transport->name, id) == -1 ||
	    store_commit(st) == -1)
		goto fail;
	crashpoint("before_send", nth);
	/* (b) The send. */
	rc = o->transport->send(o->tctx, id, &p, &r);
	crashpoint("after_send", nth);
	/* (c) The outcome, once: a concurrent filer may have recorded it. */
	if (store_begin(st) == -1 || (still = file_still_eligible(st, id)) ==
	    -1)
		goto fail;
	if (rc == 0 && !still) {
		store_rollback(st);
		packet_free(&p);
		return 0;
	}
	if (file_outcome(st, o, it, rc, &r) == -1 || store_commit(st) == -1)
		goto fail;
	packet_free(&p);
	file_tell(st, o, it, rc, &r, sum);
	return 0;
fail:
	store_rollback(st);
	packet_free(&p);
	log_error("%s: claim %s: %s", store_seller(st), id, store_errmsg(st));
	return -1;
}

int
file_run(struct store *st, const struct file_opts *o,
    struct file_summary *sum, char *err, size_t errlen)
{
	struct claim_filter f = { claim_status_name(CLAIM_ELIGIBLE), NULL,
	    NULL };
	struct claim_filing_info c;
	struct file_queue q, intents;
	int64_t done;
	size_t i, room;
	int rc = -1, nth = 0;

	memset(sum, 0, sizeof(*sum));
	memset(&q, 0, sizeof(q));
	memset(&intents, 0, sizeof(intents));
	q.today = intents.today = o->today;
	q.st = intents.st = st;
	if (store_filings_scan(st, FILING_INTENT, file_intent_row,
	    &intents) != 0)
		goto dberr;
	/* Intents first: re-sent if still allowed, else settled. */
	for (i = 0; i < intents.n; i++) {
		const char *id = intents.item[i].claim_id;

		memset(&c, 0, sizeof(c));
		c.status = CLAIM_STATUS_NONE;
		if (store_claim_filing_get(st, id, file_info_copy, &c) == -1)
			goto dberr;
		if (c.status == CLAIM_STATUS_NONE)
			continue;	/* no claim: nothing to send */
		if (c.status == CLAIM_ELIGIBLE &&
		    c.opens <= o->today && o->today <= c.closes)
			file_queue_add(&q, id, c.closes, 1);
		else if (o->today >= c.opens &&
		    file_settle(st, o, id, &c, sum) == -1)
			goto dberr;
	}
	if (store_claims_scan(st, &f, file_eligible_row, &q) != 0)
		goto dberr;
	sum->held = q.held;
	if ((done = store_filings_confirmed_on(st, o->today)) == -1)
		goto dberr;
	room = done >= o->cap ? 0 : (size_t)(o->cap - done);
	if (q.n > room)
		sum->waiting = (int)(q.n - room);
	for (i = 0; i < q.n && i < room; i++) {
		if (o->dry_run) {
			file_say(o, "%s %s", store_seller(st),
			    q.item[i].resend ? "(re-send) " : "");
			if (store_claim_filing_get(st, q.item[i].claim_id,
			    file_dry_row, (void *)o) == -1)
				goto dberr;
			continue;
		}
		if (file_one(st, o, &q.item[i], ++nth, sum) == -1)
			goto dberr;
		if (sum->unreachable) {
			/* The rest of tonight's share waits for tomorrow. */
			sum->waiting += (int)((q.n < room ? q.n : room) - i -
			    1);
			break;
		}
	}
	rc = 0;
	goto out;
dberr:
	snprintf(err, errlen, "%s", store_errmsg(st));
out:
	file_queue_free(&q);
	file_queue_free(&intents);
	return rc;
}
