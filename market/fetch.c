/*
 * One seller's night (docs/design.md §4), stepped by the pool's workers
 * (fetch_pool.c) and started by fetch_run.
 *
 * A seller's phases (enum fetch_phase), each step of fetch_step moving
 * it on:
 *
 *   START    the store is opened, what an earlier run left is resumed,
 *            tonight's plan is saved (fetch_plan), and LWA is asked for
 *            a token (fetch_begin). A seller whose secrets could not be
 *            read, or whose credentials are refused, ends here.
 *   CREATE   createReport for the plan as far as the bucket's burst
 *            goes (fetch_create). The step then ends, and the seller
 *            comes back after the other sellers' first reports.
 *   LISTED   settlements are listed and the new ones saved as jobs
 *            (fetch_settlements); Inbound v0 shipments are fetched and
 *            imported (fetch_inbound).
 *   POLL     the rest of the plan as the bucket refills, while the
 *            reports made are polled, downloaded and imported
 *            (fetch_work); each step returns when to come back.
 *   END      fetch_end frees what the seller held: after the last job,
 *            a failure that stops the seller (LWA refused, Amazon
 *            unreachable, the store), or the deadline (fetch_defer).
 *
 * A failure of one seller is recorded in its result (fetch_fail) and
 * never stops the others. A refused or unreachable Amazon stops the
 * seller (fetch_fatal); other failures leave the rest of its night going.
 * Whatever phase a seller ends in, what it planned or had in flight is
 * in its store, and the next run resumes it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "market/fetch.h"
#include "market/fetch_int.h"
#include "market/inbound.h"
#include "market/reports.h"
#include "market/spapi.h"
#include "store/fetchstate.h"
#include "store/store.h"

/* The names of enum fetch_phase, for logs and tests. */
static const char *const fetch_phase_names[] = {
	"start", "create", "listed", "poll", "end"
};
_Static_assert(sizeof(fetch_phase_names) / sizeof(fetch_phase_names[0]) ==
    FETCH_PHASE_END + 1, "a name for each phase");

/* A phase's name (static). */
const char *
fetch_phase_name(enum fetch_phase ph)
{
	return fetch_phase_names[ph];
}

const struct fetch_ops fetch_ops_spapi = {
	.login = spapi_login,
	.wait = spapi_wait,
	.create = reports_create,
	.get = reports_get,
	.list = reports_list,
	.download = reports_download,
	.error_document = reports_error_document,
	.inbound = inbound_fetch,
};

/* Records a failure of the seller (the first one is its summary). */
void
fetch_fail(struct fetch_seller *fs, int unavailable, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	struct buf b;

	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* It becomes the seller's summary line on stdout and in the store:
	 * no secret, no escape, whatever a server said (log_clean). */
	log_clean_copy(msg, sizeof(msg), b.data);
	buf_free(&b);
	log_error("%s: %s", fs->cs->id, msg);
	if (!fs->res->failed)
		snprintf(fs->res->why, sizeof(fs->res->why), "%s", msg);
	fs->res->failed = 1;
	if (unavailable)
		fs->res->unavailable = 1;
}

/* A failure of the marketplace call that just returned st. */
void
fetch_fail_call(struct fetch_seller *fs, enum spapi_status st)
{
	/* Cut by the run's deadline: what it was doing is resumed next
	 * run, as what was never begun. */
	if (st != SPAPI_REFUSED && fs->http != NULL &&
	    http_past_deadline(fs->http)) {
		log_info("%s: %s", fs->cs->id, fs->sp.error);
		fs->res->deferred = 1;
		return;
	}
	if (st == SPAPI_REFUSED) {
		fs->res->refused = 1;
		store_fetch_event(fs->st, "auth_failed", NULL,
		    fs->sp.lwa.error);
	}
	fetch_fail(fs, st == SPAPI_UNAVAILABLE, "%s", fs->sp.error);
}

/* Opens the store, resumes, plans and logs in. */
static int
fetch_begin(struct fetch_seller *fs, struct fetch_pool *p)
{
	const struct config_seller *cs = fs->cs;
	const struct config_fetch *c = p->cfg;
	struct retry_policy rp;
	enum spapi_status st;

	/* Its secrets could not be read: nothing is planned or asked. */
	if (cs->error != NULL) {
		fetch_fail(fs, 0, "%s", cs->error);
		return -1;
	}
	if (fetch_plan(fs, p->now) == -1) {
		fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
		return -1;
	}
	rp.tries = c->retry_tries;
	rp.total = c->retry_time;
	rp.base = c->retry_base;
	rp.cap = c->retry_base * 64;
	rp.idempotent = 1;
	spapi_init(&fs->sp, cs->id, cs->endpoint, cs->lwa_endpoint,
	    cs->client_id, cs->client_secret, cs->refresh_token, &rp);
	fs->sp.http = fs->http;
	fs->sp_ok = 1;
	if ((st = fs->ops->login(&fs->sp)) != SPAPI_OK) {
		fetch_fail_call(fs, st);
		return -1;
	}
	return 0;
}

/* Whether a failed call ends the seller's fetch. */
int
fetch_fatal(enum spapi_status st)
{
	return st == SPAPI_REFUSED || st == SPAPI_UNAVAILABLE;
}

/* Settlements: listed once a night; each new one is a job to download. */
static void
fetch_settlements(struct fetch_seller *fs, struct fetch_pool *p)
{
	const struct reports_type *t;
	struct reports_listed *v;
	enum spapi_status st;
	size_t k, n;
	int64_t e;

	for (k = 0; k < reports_ntypes; k++) {
		t = &reports_types[k];
		if (!t->listed)
			continue;
		/* Listed within the hour (a re-run, or a run killed and
		 * started again): what it found is resumed instead. */
		if (!fs->o->has_since &&
		    store_fetch_type_end(fs->st, t->name, &e) == 1 &&
		    e > p->now - FETCH_RELIST)
			continue;
		st = fs->ops->list(&fs->sp, t->name, "DONE", fetch_start(fs,
		    t->name, p->now, FETCH_LIST_DAYS), &v, &n);
		if (st != SPAPI_OK) {
			fetch_fail_call(fs, st);
			if (fetch_fatal(st))
				return;
			continue;
		}
		fetch_listed(fs, p, t, v, n);
		free(v);
	}
}

/* Inbound v0 shipments and their items. */
static void
fetch_inbound(struct fetch_seller *fs, struct fetch_pool *p)
{
	enum spapi_status st;
	size_t n;
	char *path, stamp[32];
	int64_t after = fetch_start(fs, FETCH_INBOUND, p->now, 0);

	snprintf(stamp, sizeof(stamp), "%lld", (long long)p->now);
	if ((path = fetch_inbox_path(fs, "inbound", stamp, ".json")) == NULL)
		return;
	st = fs->ops->inbound(&fs->sp, fs->cs->marketplaces,
	    fs->cs->nmarketplaces, after, p->now, path, &n);
	if (st != SPAPI_OK)
		fetch_fail_call(fs, st);
	else if (n == 0 || fetch_import(fs, path, NULL, 0, 0,
	    CHARSET_UTF8) == 0) {
		fs->res->shipments += (int)n;
		store_fetch_type_done(fs->st, FETCH_INBOUND, p->now);
	}
	free(path);
}

/*
 * The rest of the plan as createReport's bucket allows, and the reports
 * made so far polled and downloaded meanwhile. Returns when to come
 * back, or -1 when all ended or the seller must stop.
 */
static double
fetch_work(struct fetch_seller *fs, struct fetch_pool *p)
{
	double create = 0, poll;

	if (fs->next_plan < fs->nplans && (create = fetch_create(fs, p)) < 0)
		return -1;
	poll = fetch_poll(fs, p);
	if (fs->res->refused)
		return -1;
	return create > 0 && (poll < 0 || create < poll) ? create : poll;
}

/* Ends the seller's fetch: frees what it held. */
static void
fetch_end(struct fetch_seller *fs)
{
	log_debug("%s: fetch ended in phase %s", fs->cs->id,
	    fetch_phase_name(fs->phase));
	if (fs->sp_ok)
		spapi_free(&fs->sp);
	fs->sp_ok = 0;
	free(fs->plans);
	fs->plans = NULL;
	free(fs->jobs);
	fs->jobs = NULL;
	fs->phase = FETCH_PHASE_END;
}

/*
 * One step of a seller's fetch. Returns when (http_now()) to run the
 * next step, or -1 when the seller is done.
 */
static double
fetch_step(struct fetch_seller *fs, struct fetch_pool *p)
{
	double next;

	switch (fs->phase) {
	case FETCH_PHASE_START:
		if (fetch_begin(fs, p) == -1)
			break;
		fs->phase = FETCH_PHASE_CREATE;
		/* FALLTHROUGH */
	case FETCH_PHASE_CREATE:
		if (fetch_create(fs, p) < 0)
			break;
		/* Other sellers' first reports are created before this
		 * one's slower work: come back after them. */
		fs->phase = FETCH_PHASE_LISTED;
		return http_now();
	case FETCH_PHASE_LISTED:
		fetch_settlements(fs, p);
		if (!fs->res->refused && !fs->res->unavailable)
			fetch_inbound(fs, p);
		if (fs->res->refused)
			break;
		fs->phase = FETCH_PHASE_POLL;
		/* FALLTHROUGH */
	case FETCH_PHASE_POLL:
		if ((next = fetch_work(fs, p)) >= 0)
			return next;
		break;
	case FETCH_PHASE_END:
		break;
	}
	fetch_end(fs);
	return -1;
}

/*
 * The run's deadline passed: the seller stops. Its plans and reports in
 * flight are in the store, and the next run resumes them.
 */
static void
fetch_defer(struct fetch_seller *fs)
{
	size_t i, n = 0;

	for (i = 0; i < fs->njobs; i++)
		n += fs->jobs[i].state == FETCH_JOB_POLL;
	n += fs->nplans - fs->next_plan;
	fs->res->deferred = 1;
	if (fs->phase == FETCH_PHASE_START)
		log_warn("%s: the run's deadline passed before its fetch "
		    "began", fs->cs->id);
	else
		log_warn("%s: the run's deadline passed: %zu reports left "
		    "for the next run", fs->cs->id, n);
	fetch_end(fs);
}

/*
 * A step with the seller's store open and the worker's HTTP client: a
 * thousand sellers waiting on Amazon hold no file or connection.
 */
double
fetch_step_open(struct fetch_seller *fs, struct fetch_pool *p,
    struct http *h)
{
	char err[256];
	double next;

	if (p->end > 0 && http_now() >= p->end) {
		fetch_defer(fs);
		return -1;
	}
	fs->st = store_open(fs->o->datadir, fs->cs->id, 1, err, sizeof(err));
	if (fs->st == NULL) {
		fetch_fail(fs, 0, "store: %s", err);
		fetch_end(fs);
		return -1;
	}
	fs->http = h;
	fs->sp.http = h;
	next = fetch_step(fs, p);
	fs->http = NULL;
	fs->sp.http = NULL;
	store_close(fs->st);
	fs->st = NULL;
	return next;
}


struct fetch_result *
fetch_run(const struct fetch_opts *o, size_t *n)
{
	return fetch_pool_run(o, &fetch_ops_spapi, n);
}
