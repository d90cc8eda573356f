/*
 * The workers of a night's fetch (docs/design.md §4): max_transfers
 * threads share every seller; whichever is free steps the seller due
 * first, so every seller's first reports are created before anyone's
 * slower work and no thread sleeps while Amazon generates. A seller's
 * step opens its store and borrows the worker's HTTP client: a thousand
 * sellers waiting on Amazon hold no file or connection.
 *
 * A seller's state in the pool (struct fetch_seller, under the pool's
 * lock):
 *
 *   waiting   !running && !done: due at fs->due (http_now()). fetch_pick
 *             hands the earliest due to a free worker; a worker with
 *             none due waits on the condition variable until the
 *             earliest, or until a step ends.
 *   running   a worker is in fetch_step_open (fetch.c) for it, outside
 *             the lock; set and cleared by fetch_worker.
 *   done      its fetch ended: fetch_step_open returned -1 (every job
 *             done, failed or deferred); fetch_worker counts it out of
 *             `left`. A seller never runs on two workers at once, and
 *             never again once done.
 *
 * The deadline: a seller due after it is woken at it, and its next step
 * defers it (fetch_defer), leaving its plans and reports in flight in
 * the store for the next run.
 *
 * Done sellers are queued in `ended` in the order they ended; the
 * calling thread of fetch_run waits on the same condition variable and
 * hands each to o->done outside the lock (fetch_pool_report), until
 * every seller is done or no worker is left. Each seller is reported
 * exactly once: `reported` only moves forward, on that one thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/fetch_int.h"
#include "market/http.h"

/* The seller due first among those not running, or NULL. */
static struct fetch_seller *
fetch_pick(struct fetch_pool *p)
{
	struct fetch_seller *best = NULL;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!p->s[i].done && !p->s[i].running &&
		    (best == NULL || p->s[i].due < best->due))
			best = &p->s[i];
	return best;
}

/* Waits on the pool (its lock held) until http_now() reaches due, or
 * until woken. */
static void
fetch_pool_wait(struct fetch_pool *p, double due, double now)
{
	struct timespec ts;
	double at;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	at = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9 + due - now;
	ts.tv_sec = (time_t)at;
	ts.tv_nsec = (long)((at - (double)ts.tv_sec) * 1e9);
	pthread_cond_timedwait(&p->cv, &p->mu, &ts);
}

/* The worker's HTTP client, or NULL. */
static struct http *
fetch_pool_http(struct fetch_pool *p)
{
	struct http_settings hs;
	struct http *h;

	hs.connect_timeout = p->cfg->connect_timeout;
	hs.stall_timeout = p->cfg->stall_timeout;
	hs.min_rate = p->cfg->transfer_min_rate;
	hs.grace = p->cfg->transfer_grace;
	hs.user_agent = p->user_agent;
	if ((h = http_new(&hs)) == NULL) {
		log_error("cannot make an HTTP client");
		return NULL;
	}
	http_set_deadline(h, p->end);
	return h;
}

/*
 * Calls o->done for each seller that ended since the last call, in the
 * order they ended. Called on fetch_run's thread only, with the pool's
 * lock held, which it lets go during each call.
 */
static void
fetch_pool_report(struct fetch_pool *p)
{
	struct fetch_seller *fs;

	while (p->reported < p->nended) {
		fs = p->ended[p->reported++];
		if (p->o->done == NULL)
			continue;
		pthread_mutex_unlock(&p->mu);
		p->o->done(fs->res, p->o->done_arg);
		pthread_mutex_lock(&p->mu);
	}
}

/* Marks a seller done (the pool's lock held). */
static void
fetch_pool_ended(struct fetch_pool *p, struct fetch_seller *fs)
{
	fs->done = 1;
	p->left--;
	p->ended[p->nended++] = fs;
	log_status("fetch: %zu of %zu sellers done", p->n - p->left, p->n);
}

/* A worker: runs due sellers' steps until every seller is done. */
static void *
fetch_worker(void *arg)
{
	struct fetch_pool *p = arg;
	struct fetch_seller *fs;
	struct http *h;
	double now, next;

	h = fetch_pool_http(p);
	pthread_mutex_lock(&p->mu);
	while (h != NULL && p->left > 0) {
		fs = fetch_pick(p);
		now = http_now();
		if (fs == NULL) {
			pthread_cond_wait(&p->cv, &p->mu);
			continue;
		}
		if (fs->due > now) {
			fetch_pool_wait(p, fs->due, now);
			continue;
		}
		fs->running = 1;
		pthread_mutex_unlock(&p->mu);
		next = fetch_step_open(fs, p, h);
		pthread_mutex_lock(&p->mu);
		fs->running = 0;
		if (next < 0) {
			fetch_pool_ended(p, fs);
			if (p->inline_)
				fetch_pool_report(p);
		} else
			/* Woken at the deadline, to stop. */
			fs->due = p->end > 0 && next > p->end ? p->end : next;
		pthread_cond_broadcast(&p->cv);
	}
	p->workers--;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	http_free(h);
	return NULL;
}

/* The sellers o asks for, each with its result in res. Returns how many. */
static size_t
fetch_pool_sellers(struct fetch_pool *p, const struct fetch_opts *o,
    const struct fetch_ops *ops, struct fetch_result *res)
{
	const struct config *cf = o->cf;
	size_t i, k = 0;

	for (i = 0; i < cf->nsellers; i++) {
		if (o->seller != NULL && strcmp(o->seller,
		    cf->sellers[i].id) != 0)
			continue;
		if (o->want != NULL && !o->want(cf->sellers[i].id, o->want_arg))
			continue;
		p->s[k].cs = &cf->sellers[i];
		p->s[k].o = o;
		p->s[k].ops = ops;
		p->s[k].res = &res[k];
		res[k].seller = cf->sellers[i].id;
		k++;
	}
	return k;
}

/* Sets up the pool of o's sellers; res gets their results. */
static void
fetch_pool_init(struct fetch_pool *p, const struct fetch_opts *o,
    const struct fetch_ops *ops, struct fetch_result *res)
{
	pthread_condattr_t ca;

	memset(p, 0, sizeof(*p));
	p->o = o;
	p->s = xcalloc(o->cf->nsellers + 1, sizeof(*p->s));
	p->ended = xcalloc(o->cf->nsellers + 1, sizeof(*p->ended));
	p->n = p->left = fetch_pool_sellers(p, o, ops, res);
	log_status("fetch: 0 of %zu sellers done", p->n);
	p->start = http_now();
	p->now = clock_now();
	if (o->deadline_ms != 0)
		p->end = p->start + (double)(o->deadline_ms - clock_mono_ms()) /
		    1000.0;
	p->cfg = &o->cf->fetch;
	p->user_agent = o->user_agent;
	pthread_mutex_init(&p->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->cv, &ca);
	pthread_condattr_destroy(&ca);
}

/*
 * Reports sellers as they end (fetch_pool_report) until every one is
 * done or no worker is left.
 */
static void
fetch_pool_watch(struct fetch_pool *p)
{
	pthread_mutex_lock(&p->mu);
	for (;;) {
		fetch_pool_report(p);
		if (p->left == 0 || p->workers == 0)
			break;
		/* Nothing ended while the last ones were reported. */
		if (p->reported == p->nended)
			pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
}

/* Runs the workers to the end of every seller's fetch. */
static void
fetch_pool_work(struct fetch_pool *p)
{
	pthread_t *th;
	size_t i, nthreads, started = 0;

	nthreads = (size_t)p->cfg->max_transfers;
	if (nthreads > p->n)
		nthreads = p->n;
	th = xcalloc(nthreads + 1, sizeof(*th));
	/* Counted before they start: one may end before the next starts. */
	p->workers = nthreads;
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, fetch_worker, p) == 0)
			started++;
		else
			break;
	pthread_mutex_lock(&p->mu);
	p->workers -= nthreads - started;
	pthread_mutex_unlock(&p->mu);
	if (started == 0 && p->n > 0) {
		/* No thread: this one does it all, reporting as it goes. */
		p->workers = 1;
		p->inline_ = 1;
		fetch_worker(p);
	} else
		fetch_pool_watch(p);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
}

struct fetch_result *
fetch_pool_run(const struct fetch_opts *o, const struct fetch_ops *ops,
    size_t *n)
{
	struct fetch_result *res;
	struct fetch_pool p;
	size_t i;

	*n = 0;
	if (o->seller != NULL && config_seller_find(o->cf, o->seller) == NULL)
		return NULL;
	res = xcalloc(o->cf->nsellers + 1, sizeof(*res));
	fetch_pool_init(&p, o, ops, res);
	fetch_pool_work(&p);
	/* Left by workers that could not make an HTTP client: failed, not
	 * "ok, 0 files". */
	pthread_mutex_lock(&p.mu);
	for (i = 0; i < p.n; i++)
		if (!p.s[i].done) {
			fetch_fail(&p.s[i], 0, "not fetched: no HTTP client "
			    "could be made");
			fetch_pool_ended(&p, &p.s[i]);
		}
	fetch_pool_report(&p);
	pthread_mutex_unlock(&p.mu);
	log_status_clear();
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	free(p.ended);
	free(p.s);
	*n = p.n;
	return res;
}
