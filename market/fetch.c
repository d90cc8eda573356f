#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "ingest/import.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/crashpoint.h"
#include "lib/log.h"
#include "lib/marketplace.h"
#include "lib/mem.h"
#include "market/fetch.h"
#include "market/inbound.h"
#include "market/reports.h"
#include "market/spapi.h"
#include "store/fetchstate.h"
#include "store/store.h"

/* Each type fetches again the last days it has: Amazon revises rows. */
#define FETCH_OVERLAP		(3 * 86400)
/* getReports looks back at most 90 days. */
#define FETCH_LIST_DAYS		90
/* The fetch state's name for the Inbound v0 shipments. */
#define FETCH_INBOUND		"INBOUND_V0"
/* A listing this recent is not repeated: getReports allows one call in
 * 45 s, and a night started again and again would use it up. */
#define FETCH_RELIST		3600
/* How far before an unanswered createReport its report is looked for:
 * Amazon's clock and ours may differ. */
#define FETCH_FIND_SLACK	3600

enum fetch_job_state {
	JOB_POLL,		/* in flight: poll it */
	JOB_DONE,		/* imported or cancelled: its range is had */
	JOB_FAILED,		/* not had this run */
	JOB_PENDING		/* still generating: the next run resumes it */
};

struct fetch_job {
	struct store_fetch_report	 r;
	const struct reports_type	*type;
	enum fetch_job_state		 state;
	double				 next_poll;
};

/* A report to create, saved as a "planned" row before it is asked. */
struct fetch_plan {
	const struct reports_type	*type;
	int64_t				 start, end;
	char				 id[128];	/* the row's */
	/* asked by a run that never saw the answer: look for it first */
	int				 in_doubt;
	int64_t				 asked_at;
};

/*
 * A seller's phases. The first createReport burst comes before anyone's
 * slower work; after it the rest of the plan is asked as the bucket
 * refills (one a minute after a burst of 15), while the reports already
 * made are polled and downloaded: a first night of 35 slices then lasts
 * about the longer of the createReport and getReportDocument waits, not
 * their sum.
 */
enum fetch_phase {
	PHASE_START,		/* open the store, resume, plan, log in */
	PHASE_CREATE,		/* createReport, as far as the burst goes */
	PHASE_LISTED,		/* settlements and inbound shipments */
	PHASE_POLL,		/* the rest of the plan; getReport, download */
	PHASE_END
};

struct fetch_seller {
	const struct config_seller	*cs;
	const struct fetch_opts		*o;
	struct fetch_result		*res;
	struct store			*st;
	struct spapi			 sp;
	int				 sp_ok;
	enum fetch_phase		 phase;
	struct fetch_plan		*plans;
	size_t				 nplans, next_plan;
	struct fetch_job		*jobs;
	size_t				 njobs;
	/* the worker's, during a step */
	struct http			*http;
	double				 due;	/* http_now() to run next */
	int				 running;
	int				 done;
};

struct fetch_pool {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct fetch_seller	*s;
	size_t			 n;
	size_t			 left;		/* sellers not done */
	/* Sellers (indices) in the order their fetches ended, for
	 * fetch_run's thread to tell o->done of. */
	size_t			*ended;
	size_t			 nended;
	size_t			 workers;	/* running fetch_worker */
	double			 start;		/* http_now() at the start */
	double			 end;		/* http_now() of the deadline, 0 */
	int64_t			 now;		/* clock_now() at the start */
	const struct config_fetch *cfg;
	const char		*user_agent;
};

/*
 * libxml2 sets itself up on first use, not safely from two threads at
 * once: XML imports take turns.
 */
static pthread_mutex_t fetch_xml_mu = PTHREAD_MUTEX_INITIALIZER;

static void fetch_fail(struct fetch_seller *fs, int unavailable,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records a failure of the seller (the first one is its summary). */
static void
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
static void
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

/*
 * DATADIR/SELLER/inbox/FILE-ID.EXT (caller frees), creating inbox/; NULL
 * (the seller failed) when inbox/ is a link or cannot be made: a link
 * would take the downloads, and the sweep, out of the data dir.
 */
static char *
fetch_inbox_path(struct fetch_seller *fs, const char *file, const char *id,
    const char *ext)
{
	struct buf b;

	buf_init(&b, 0);
	buf_printf(&b, "%s/inbox", store_dir(fs->st));
	if (atomic_dir(b.data) == -1) {
		fetch_fail(fs, 0, "%s: %s", b.data, errno == ELOOP ? "is a "
		    "symbolic link; refused (make it a folder)" :
		    strerror(errno));
		buf_free(&b);
		return NULL;
	}
	buf_printf(&b, "/%s-%s%s", file, id, ext);
	return buf_take(&b);
}

/* Imports a downloaded file. Returns 0, or -1 (the seller failed). */
static int
fetch_import(struct fetch_seller *fs, const char *path,
    const struct reports_type *t, int64_t start, int64_t end,
    enum charset cs)
{
	struct import_opts io;
	struct import_result r;
	int xml = t != NULL && strcmp(t->ext, ".xml") == 0;

	memset(&io, 0, sizeof(io));
	io.charset = cs;
	/* An older ledger without Country: the home marketplace's. */
	if (fs->cs->nmarketplaces > 0)
		io.country = marketplace_country_by_id(fs->cs->marketplaces[0]);
	if (t != NULL && t->range && end > start) {
		io.has_range = 1;
		io.range_lo = date_day_of(start);
		io.range_hi = date_day_of(end - 1);
	}
	if (xml)
		pthread_mutex_lock(&fetch_xml_mu);
	import_file(fs->st, path, &io, &r);
	if (xml)
		pthread_mutex_unlock(&fetch_xml_mu);
	switch (r.status) {
	case IMPORT_DONE:
		fs->res->imported++;
		fs->res->rows += r.rows;
		log_debug("%s: imported %s: %lld rows", fs->cs->id, path,
		    (long long)r.rows);
		return 0;
	case IMPORT_SKIPPED:
		fs->res->imported++;
		log_debug("%s: %s", fs->cs->id, r.message);
		return 0;
	default:
		fetch_fail(fs, 0, "import: %s", r.message);
		return -1;
	}
}

/* Orders jobs of a type by their start. */
static int
fetch_job_cmp(const void *a, const void *b)
{
	const struct fetch_job *x = *(const struct fetch_job *const *)a;
	const struct fetch_job *y = *(const struct fetch_job *const *)b;

	return x->r.data_start < y->r.data_start ? -1 :
	    x->r.data_start > y->r.data_start;
}

/*
 * Moves the type's gapless end to the end of the longest run of done
 * reports from its earliest one: a later slice done before an earlier
 * one must not hide the gap. Returns 0, or -1 on a store error.
 */
static int
fetch_advance(struct fetch_seller *fs, const struct reports_type *t)
{
	struct fetch_job **v;
	size_t i, k = 0;
	int64_t end = -1;

	v = xcalloc(fs->njobs + 1, sizeof(*v));
	for (i = 0; i < fs->njobs; i++)
		if (fs->jobs[i].type == t)
			v[k++] = &fs->jobs[i];
	qsort(v, k, sizeof(*v), fetch_job_cmp);
	for (i = 0; i < k && v[i]->state == JOB_DONE; i++)
		if (v[i]->r.data_end > end)
			end = v[i]->r.data_end;
	free(v);
	return end >= 0 ? store_fetch_type_done(fs->st, t->name, end) : 0;
}

/*
 * Ends a job: its status in the store and the type's end moved on, in
 * one transaction. Apart, a run killed between the two would leave the
 * report done but its range not covered, and the next run would ask
 * Amazon for the same range again.
 */
static void
fetch_job_end(struct fetch_seller *fs, struct fetch_job *j,
    const char *status, const char *detail, int ok)
{
	j->state = ok ? JOB_DONE : JOB_FAILED;
	if (store_begin(fs->st) == -1)
		goto fail;
	if (store_fetch_report_set(fs->st, j->r.report_id, status, NULL,
	    detail) == -1)
		goto fail;
	/* tests/t_fetch.sh dies here: a report ended, its range not yet
	 * counted. */
	crashpoint_count("report_ended");
	if ((ok && fetch_advance(fs, j->type) == -1) ||
	    store_commit(fs->st) == -1)
		goto fail;
	return;
fail:
	log_warn("%s: store: %s", fs->cs->id, store_errmsg(fs->st));
	store_rollback(fs->st);
}

/* Where a type starts this run: --since, its end less the overlap, or
 * as far back as history goes. */
static int64_t
fetch_start(struct fetch_seller *fs, const char *type, int64_t now,
    int max_days)
{
	int64_t end, start, floor_;
	int days = fs->o->cf->fetch.history_days;

	if (max_days > 0 && days > max_days)
		days = max_days;
	floor_ = now - (int64_t)days * 86400;
	if (fs->o->has_since)
		start = fs->o->since;
	else if (store_fetch_type_end(fs->st, type, &end) == 1)
		start = end - FETCH_OVERLAP;
	else
		start = floor_;
	return start < floor_ && max_days > 0 ? floor_ : start;
}

/* Adds a plan; its row id is "plan:TYPE:START-END" unless given. */
static void
fetch_plan_push(struct fetch_seller *fs, const struct reports_type *t,
    int64_t start, int64_t end, const char *id)
{
	struct fetch_plan *pl;

	fs->plans = xreallocarray(fs->plans, fs->nplans + 1,
	    sizeof(*fs->plans));
	pl = &fs->plans[fs->nplans++];
	memset(pl, 0, sizeof(*pl));
	pl->type = t;
	pl->start = start;
	pl->end = end;
	if (id != NULL)
		snprintf(pl->id, sizeof(pl->id), "%s", id);
	else
		snprintf(pl->id, sizeof(pl->id), "plan:%s:%lld-%lld", t->name,
		    (long long)start, (long long)end);
}

/* Adds a job polling a report Amazon has made. */
static struct fetch_job *
fetch_job_push(struct fetch_seller *fs, const struct reports_type *t,
    const struct store_fetch_report *r)
{
	struct fetch_job *j;

	fs->jobs = xreallocarray(fs->jobs, fs->njobs + 1, sizeof(*fs->jobs));
	j = &fs->jobs[fs->njobs++];
	memset(j, 0, sizeof(*j));
	j->r = *r;
	j->type = t;
	j->state = JOB_POLL;
	return j;
}

/* A plan's row for the store, under id (NULL: the plan's own). */
static void
fetch_plan_row(const struct fetch_plan *pl, const char *id,
    struct store_fetch_report *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->report_id, sizeof(r->report_id), "%s",
	    id != NULL ? id : pl->id);
	snprintf(r->report_type, sizeof(r->report_type), "%s",
	    pl->type->name);
	r->data_start = pl->start;
	r->data_end = pl->end;
}

/* Saves the plans from `first` on as "planned" rows, all or none. */
static int
fetch_plan_save(struct fetch_seller *fs, size_t first)
{
	struct store_fetch_report *v;
	size_t i, n = fs->nplans - first;
	int rc;

	if (n == 0)
		return 0;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		fetch_plan_row(&fs->plans[first + i], NULL, &v[i]);
	rc = store_fetch_plan_add(fs->st, v, n);
	free(v);
	return rc;
}

/*
 * Resumes what an earlier run saved (its plans, and its reports in
 * flight), and plans the types it left alone. The plan is saved before
 * anything is asked: a killed run neither asks twice nor forgets a range.
 */
static int
fetch_plan(struct fetch_seller *fs, int64_t now)
{
	struct store_fetch_report *v;
	const struct reports_type *t;
	struct fetch_plan *pl;
	size_t i, k, n, first;
	int64_t start, s, e, step;
	int resumed;

	if (store_fetch_inflight(fs->st, &v, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((t = reports_type_find(v[i].report_type)) == NULL)
			continue;
		if (strcmp(v[i].status, "planned") == 0 ||
		    strcmp(v[i].status, "creating") == 0) {
			fetch_plan_push(fs, t, v[i].data_start,
			    v[i].data_end, v[i].report_id);
			pl = &fs->plans[fs->nplans - 1];
			pl->in_doubt = v[i].status[0] == 'c';
			pl->asked_at = v[i].updated_at;
			continue;
		}
		fetch_job_push(fs, t, &v[i]);
		log_info("%s: resuming report %s (%s)", fs->cs->id,
		    v[i].report_id, t->name);
	}
	free(v);
	first = fs->nplans;
	for (k = 0; k < reports_ntypes; k++) {
		t = &reports_types[k];
		if (t->listed)
			continue;
		resumed = 0;
		for (i = 0; i < fs->njobs; i++)
			resumed |= fs->jobs[i].type == t;
		for (i = 0; i < first; i++)
			resumed |= fs->plans[i].type == t;
		/* The run that made it asked for this range already. */
		if (resumed)
			continue;
		/* Complete up to now already (a re-run of the same night). */
		if (!fs->o->has_since &&
		    store_fetch_type_end(fs->st, t->name, &e) == 1 && e >= now)
			continue;
		start = fetch_start(fs, t->name, now, 0);
		step = (int64_t)t->max_days * 86400;
		for (s = start; s < now; s = e) {
			e = now - s > step ? s + step : now;
			fetch_plan_push(fs, t, s, e, NULL);
		}
	}
	return fetch_plan_save(fs, first);
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
	if ((st = spapi_login(&fs->sp)) != SPAPI_OK) {
		fetch_fail_call(fs, st);
		return -1;
	}
	return 0;
}

/* A planned report Amazon made, under its id: polled from now on. */
static int
fetch_adopt(struct fetch_seller *fs, struct fetch_pool *p,
    const struct fetch_plan *pl, const char *id)
{
	struct store_fetch_report r;
	struct fetch_job *j;

	if (store_fetch_report_rename(fs->st, pl->id, id) == -1) {
		fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
		return -1;
	}
	fetch_plan_row(pl, id, &r);
	snprintf(r.status, sizeof(r.status), "requested");
	j = fetch_job_push(fs, pl->type, &r);
	j->next_poll = http_now() + p->cfg->poll_interval;
	return 0;
}

/*
 * A plan not had this run: a failed job in its place, so that the type's
 * gapless end stops before it even when later slices are done.
 */
static void
fetch_plan_missed(struct fetch_seller *fs, const struct fetch_plan *pl)
{
	struct store_fetch_report r;

	fetch_plan_row(pl, NULL, &r);
	fetch_job_push(fs, pl->type, &r)->state = JOB_FAILED;
}

/* Whether a failed call ends the seller's fetch. */
static int
fetch_fatal(enum spapi_status st)
{
	return st == SPAPI_REFUSED || st == SPAPI_UNAVAILABLE;
}

/*
 * A plan a killed run asked for without seeing the answer: getReports
 * finds the report if Amazon made it, and it is adopted (*found set).
 * Returns 0 when it looked, 1 when it could not (the plan stays in doubt:
 * asking anew might make a second report), -1 when the seller's fetch
 * must stop. Failures are recorded.
 */
static int
fetch_find(struct fetch_seller *fs, struct fetch_pool *p,
    const struct fetch_plan *pl, int *found)
{
	struct reports_listed *v;
	enum spapi_status st;
	int64_t since = pl->asked_at - FETCH_FIND_SLACK;
	int64_t floor_ = p->now - (FETCH_LIST_DAYS * 86400 - FETCH_FIND_SLACK);
	size_t i, n;
	int known;

	*found = 0;
	st = reports_list(&fs->sp, pl->type->name, REPORTS_ANY_STATUS,
	    since > floor_ ? since : floor_, &v, &n);
	if (st != SPAPI_OK) {
		fetch_fail_call(fs, st);
		return fetch_fatal(st) ? -1 : 1;
	}
	for (i = 0; i < n && !*found; i++) {
		if (v[i].start != pl->start || v[i].end != pl->end)
			continue;
		if ((known = store_fetch_known(fs->st, v[i].id)) == -1) {
			fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
			free(v);
			return 1;
		}
		*found = !known;
	}
	if (*found) {
		log_info("%s: found report %s (%s) that an interrupted run "
		    "asked for", fs->cs->id, v[i - 1].id, pl->type->name);
		if (fetch_adopt(fs, p, pl, v[i - 1].id) == -1) {
			free(v);
			return -1;
		}
	} else
		log_info("%s: Amazon has no report %s: asking for it",
		    fs->cs->id, pl->id);
	free(v);
	return 0;
}

/*
 * Creates the planned reports while the buckets allow, each marked
 * "creating" first: a run killed before the answer leaves the report in
 * doubt, and the next run looks for it before asking again. Returns when
 * to come back (a bucket is empty), 0 when all are created, -1 to stop.
 */
static double
fetch_create(struct fetch_seller *fs, struct fetch_pool *p)
{
	struct fetch_plan *pl;
	enum spapi_status st;
	char id[128], t0[32], t1[32];
	double wait;
	int found;

	while (fs->next_plan < fs->nplans) {
		pl = &fs->plans[fs->next_plan];
		if (pl->in_doubt) {
			if ((wait = spapi_wait(&fs->sp,
			    SPAPI_GET_REPORTS)) > 0)
				return http_now() + wait;
			switch (fetch_find(fs, p, pl, &found)) {
			case -1:
				return -1;
			case 1:
				fs->next_plan++;
				fetch_plan_missed(fs, pl);
				continue;
			}
			pl->in_doubt = 0;
			/* Not found: asked for anew, as any plan. */
			if (found)
				fs->next_plan++;
			continue;
		}
		if ((wait = spapi_wait(&fs->sp, SPAPI_CREATE_REPORT)) > 0)
			return http_now() + wait;
		fs->next_plan++;
		if (store_fetch_report_set(fs->st, pl->id, "creating", NULL,
		    NULL) == -1) {
			fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
			return -1;
		}
		st = reports_create(&fs->sp, pl->type->name, pl->start,
		    pl->end, fs->cs->marketplaces, fs->cs->nmarketplaces, id,
		    sizeof(id));
		if (st != SPAPI_OK) {
			/* A 4xx (or LWA's refusal: nothing was sent) says
			 * nothing was made. No answer, a 5xx, or a 2xx that
			 * could not be read may hide a report: it stays in
			 * doubt for the next run to find. */
			if (st == SPAPI_REFUSED || (fs->sp.status >= 400 &&
			    fs->sp.status < 500))
				store_fetch_report_set(fs->st, pl->id,
				    "failed", NULL, fs->sp.error);
			fetch_fail_call(fs, st);
			fetch_plan_missed(fs, pl);
			if (fetch_fatal(st))
				return -1;
			continue;
		}
		fs->res->created++;
		log_debug("%s: created report %s: %s %s..%s", fs->cs->id, id,
		    pl->type->name, reports_time(pl->start, t0, sizeof(t0)),
		    reports_time(pl->end, t1, sizeof(t1)));
		/* Saved before the first poll: a killed run resumes it. */
		if (fetch_adopt(fs, p, pl, id) == -1)
			return -1;
	}
	return 0;
}

/*
 * Saves the reports a listing found that are new, and the type listed up
 * to now; they are downloaded as jobs, so a re-run of the night resumes
 * them instead of listing again (getReports allows one call in 45 s).
 */
static int
fetch_listed(struct fetch_seller *fs, struct fetch_pool *p,
    const struct reports_type *t, const struct reports_listed *v, size_t n)
{
	struct store_fetch_report *r;
	struct fetch_job *j;
	size_t i, k = 0;
	int rc, known;

	r = xcalloc(n + 1, sizeof(*r));
	for (i = 0; i < n; i++) {
		if (!v[i].done || v[i].doc[0] == '\0')
			continue;
		/* Unknown is not known: the listing is not saved, so the
		 * type's end stays and the next run lists it again. */
		if ((known = store_fetch_known(fs->st, v[i].id)) == -1) {
			fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
			free(r);
			return -1;
		}
		if (known)
			continue;
		snprintf(r[k].report_id, sizeof(r[k].report_id), "%s",
		    v[i].id);
		snprintf(r[k].report_type, sizeof(r[k].report_type), "%s",
		    t->name);
		snprintf(r[k].status, sizeof(r[k].status), "DONE");
		snprintf(r[k].document_id, sizeof(r[k].document_id), "%s",
		    v[i].doc);
		r[k].data_start = v[i].start;
		r[k].data_end = v[i].end;
		k++;
	}
	if ((rc = store_fetch_listed_add(fs->st, r, k, t->name,
	    p->now)) == -1)
		fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
	for (i = 0; i < k && rc == 0; i++) {
		j = fetch_job_push(fs, t, &r[i]);
		j->next_poll = http_now();
	}
	free(r);
	return rc;
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
		st = reports_list(&fs->sp, t->name, "DONE", fetch_start(fs,
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
	st = inbound_fetch(&fs->sp, fs->cs->marketplaces,
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

/* A report Amazon made (its document id known): download, import, done. */
static void
fetch_report_done(struct fetch_seller *fs, struct fetch_job *j)
{
	struct reports_file f;
	enum spapi_status st;
	char *path;

	if ((path = fetch_inbox_path(fs, j->type->file, j->r.report_id,
	    j->type->ext)) == NULL) {
		j->state = JOB_FAILED;
		return;
	}
	st = reports_download(&fs->sp, j->r.document_id, path, &f);
	if (st != SPAPI_OK && f.refused) {
		/* A bomb or a giant: refused as import refuses it, so the
		 * next run asks Amazon anew instead of fetching it again. */
		fetch_fail(fs, 0, "%s", fs->sp.error);
		fetch_job_end(fs, j, "rejected", fs->sp.error, 0);
	} else if (st == SPAPI_NOT_FOUND) {
		/* Amazon no longer has it: a created type asks again from
		 * its end; a listed one is gone for good. */
		fetch_fail_call(fs, st);
		fetch_job_end(fs, j, "lost", fs->sp.error, 0);
	} else if (st != SPAPI_OK) {
		/* Left DONE in the store: the next run downloads it. */
		fetch_fail_call(fs, st);
		j->state = JOB_FAILED;
	} else if (fetch_import(fs, path, j->type, j->r.data_start,
	    j->r.data_end, f.charset) == 0) {
		if (j->type->listed)
			fs->res->settlements++;
		fetch_job_end(fs, j, "imported", NULL, 1);
	} else if (j->type->listed)
		/* Left DONE: the next run downloads it again, as it
		 * would list it again had it not been saved. */
		j->state = JOB_FAILED;
	else
		fetch_job_end(fs, j, "rejected", NULL, 0);
	free(path);
}

/* Whether a job's report is known DONE, with its document id. */
static int
fetch_job_known_done(const struct fetch_job *j)
{
	return strcmp(j->r.status, "DONE") == 0 && j->r.document_id[0] != '\0';
}

/* Polls one job. */
static void
fetch_poll_one(struct fetch_seller *fs, struct fetch_pool *p,
    struct fetch_job *j)
{
	enum reports_status rs;
	enum spapi_status st;
	char doc[128], edoc[256];
	double now, wait;

	/* Known done (listed, waiting for getReportDocument's bucket, or a
	 * run killed while downloading it): its document is all it takes. */
	if (fetch_job_known_done(j)) {
		fetch_report_done(fs, j);
		return;
	}
	st = reports_get(&fs->sp, j->r.report_id, &rs, doc, sizeof(doc));
	if (st == SPAPI_NOT_FOUND) {
		/* Amazon forgot it (kept too long?): the next run makes a
		 * new one from the type's end. */
		fetch_fail_call(fs, st);
		fetch_job_end(fs, j, "lost", fs->sp.error, 0);
		return;
	}
	if (st != SPAPI_OK) {
		fetch_fail_call(fs, st);
		j->state = JOB_FAILED;
		return;
	}
	switch (rs) {
	case REPORTS_DONE:
		/* Saved DONE first: a run killed before the download, or
		 * this one while getReportDocument's bucket refills, needs
		 * no getReport again. */
		store_fetch_report_set(fs->st, j->r.report_id, "DONE", doc,
		    NULL);
		snprintf(j->r.status, sizeof(j->r.status), "DONE");
		snprintf(j->r.document_id, sizeof(j->r.document_id), "%s",
		    doc);
		if ((wait = spapi_wait(&fs->sp, SPAPI_GET_DOCUMENT)) > 0)
			j->next_poll = http_now() + wait;
		else
			fetch_report_done(fs, j);
		return;
	case REPORTS_CANCELLED:
		/* No data in the range: zero rows, not an error. */
		log_info("%s: report %s (%s) was cancelled: no data",
		    fs->cs->id, j->r.report_id, j->type->name);
		fs->res->cancelled++;
		fetch_job_end(fs, j, "cancelled", NULL, 1);
		return;
	case REPORTS_FATAL:
		edoc[0] = '\0';
		if (doc[0] != '\0')
			reports_error_document(&fs->sp, doc, edoc,
			    sizeof(edoc));
		fs->res->fatal++;
		fetch_fail(fs, 0, "report %s (%s) is FATAL%s%s; the next run "
		    "asks again", j->r.report_id, j->type->name,
		    edoc[0] ? ": " : "", edoc);
		store_fetch_event(fs->st, "report_fatal", j->type->name,
		    edoc[0] ? edoc : j->r.report_id);
		fetch_job_end(fs, j, "fatal", edoc[0] ? edoc : NULL, 0);
		return;
	case REPORTS_QUEUED:
		break;
	}
	if (strcmp(j->r.status, "IN_PROGRESS") != 0) {
		store_fetch_report_set(fs->st, j->r.report_id, "IN_PROGRESS",
		    NULL, NULL);
		snprintf(j->r.status, sizeof(j->r.status), "IN_PROGRESS");
	}
	now = http_now();
	if (now - p->start >= p->cfg->patience) {
		log_warn("%s: report %s (%s) still generating after %.0f s; "
		    "the next run resumes it", fs->cs->id, j->r.report_id,
		    j->type->name, now - p->start);
		fs->res->pending++;
		j->state = JOB_PENDING;
		return;
	}
	j->next_poll = now + p->cfg->poll_interval;
}

/*
 * Polls what is due. A job whose call's bucket is empty waits for its
 * token instead of blocking the worker, which meanwhile serves other
 * sellers (and this seller's createReports). Returns when to come back,
 * or -1 when all ended.
 */
static double
fetch_poll(struct fetch_seller *fs, struct fetch_pool *p)
{
	struct fetch_job *j;
	enum spapi_op op;
	double next = -1, wait;
	size_t i;

	for (i = 0; i < fs->njobs; i++) {
		j = &fs->jobs[i];
		if (j->state != JOB_POLL)
			continue;
		if (j->next_poll <= http_now()) {
			op = fetch_job_known_done(j) ? SPAPI_GET_DOCUMENT :
			    SPAPI_GET_REPORT;
			if ((wait = spapi_wait(&fs->sp, op)) > 0)
				j->next_poll = http_now() + wait;
			else
				fetch_poll_one(fs, p, j);
		}
		if (fs->res->refused)
			return -1;
		if (j->state == JOB_POLL && (next < 0 || j->next_poll < next))
			next = j->next_poll;
	}
	return next;
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
	if (fs->sp_ok)
		spapi_free(&fs->sp);
	fs->sp_ok = 0;
	free(fs->plans);
	fs->plans = NULL;
	free(fs->jobs);
	fs->jobs = NULL;
	fs->phase = PHASE_END;
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
	case PHASE_START:
		if (fetch_begin(fs, p) == -1)
			break;
		fs->phase = PHASE_CREATE;
		/* FALLTHROUGH */
	case PHASE_CREATE:
		if (fetch_create(fs, p) < 0)
			break;
		/* Other sellers' first reports are created before this
		 * one's slower work: come back after them. */
		fs->phase = PHASE_LISTED;
		return http_now();
	case PHASE_LISTED:
		fetch_settlements(fs, p);
		if (!fs->res->refused && !fs->res->unavailable)
			fetch_inbound(fs, p);
		if (fs->res->refused)
			break;
		fs->phase = PHASE_POLL;
		/* FALLTHROUGH */
	case PHASE_POLL:
		if ((next = fetch_work(fs, p)) >= 0)
			return next;
		break;
	case PHASE_END:
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
		n += fs->jobs[i].state == JOB_POLL;
	n += fs->nplans - fs->next_plan;
	fs->res->deferred = 1;
	if (fs->phase == PHASE_START)
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
static double
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

/* A worker: runs due sellers' steps until every seller is done. */
static void *
fetch_worker(void *arg)
{
	struct fetch_pool *p = arg;
	struct fetch_seller *fs;
	struct http_settings hs;
	struct http *h;
	struct timespec ts;
	double now, next, at;

	hs.connect_timeout = p->cfg->connect_timeout;
	hs.stall_timeout = p->cfg->stall_timeout;
	hs.min_rate = p->cfg->transfer_min_rate;
	hs.grace = p->cfg->transfer_grace;
	hs.user_agent = p->user_agent;
	if ((h = http_new(&hs)) == NULL) {
		log_error("cannot make an HTTP client");
		pthread_mutex_lock(&p->mu);
		p->workers--;
		pthread_cond_broadcast(&p->cv);
		pthread_mutex_unlock(&p->mu);
		return NULL;
	}
	http_set_deadline(h, p->end);
	pthread_mutex_lock(&p->mu);
	while (p->left > 0) {
		fs = fetch_pick(p);
		now = http_now();
		if (fs == NULL || fs->due > now) {
			if (fs == NULL)
				pthread_cond_wait(&p->cv, &p->mu);
			else {
				clock_gettime(CLOCK_MONOTONIC, &ts);
				at = (double)ts.tv_sec +
				    (double)ts.tv_nsec / 1e9 + fs->due - now;
				ts.tv_sec = (time_t)at;
				ts.tv_nsec = (long)((at - (double)ts.tv_sec) *
				    1e9);
				pthread_cond_timedwait(&p->cv, &p->mu, &ts);
			}
			continue;
		}
		fs->running = 1;
		pthread_mutex_unlock(&p->mu);
		next = fetch_step_open(fs, p, h);
		pthread_mutex_lock(&p->mu);
		fs->running = 0;
		if (next < 0) {
			fs->done = 1;
			p->left--;
			p->ended[p->nended++] = (size_t)(fs - p->s);
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

/*
 * On fetch_run's thread, while the workers fetch: each seller whose
 * fetch ended, in that order, is told to o->done outside the lock (its
 * result is no worker's any more). Returns when no worker is left.
 */
static void
fetch_wait(struct fetch_pool *p, const struct fetch_opts *o)
{
	size_t told = 0, i;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (told < p->nended) {
			i = p->ended[told++];
			log_status("fetch: %zu of %zu sellers done", told,
			    p->n);
			pthread_mutex_unlock(&p->mu);
			if (o->done != NULL)
				o->done(p->s[i].res, o->done_arg);
			pthread_mutex_lock(&p->mu);
		} else if (p->workers == 0)
			break;
		else
			pthread_cond_wait(&p->cv, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
}

struct fetch_result *
fetch_run(const struct fetch_opts *o, size_t *n)
{
	const struct config *cf = o->cf;
	struct fetch_result *res;
	struct fetch_pool p;
	pthread_condattr_t ca;
	pthread_t *th;
	size_t i, k = 0, nthreads, started = 0;

	*n = 0;
	if (o->seller != NULL && config_seller_find(cf, o->seller) == NULL)
		return NULL;
	memset(&p, 0, sizeof(p));
	p.s = xcalloc(cf->nsellers + 1, sizeof(*p.s));
	res = xcalloc(cf->nsellers + 1, sizeof(*res));
	for (i = 0; i < cf->nsellers; i++) {
		if (o->seller != NULL && strcmp(o->seller,
		    cf->sellers[i].id) != 0)
			continue;
		if (o->want != NULL && !o->want(cf->sellers[i].id, o->want_arg))
			continue;
		p.s[k].cs = &cf->sellers[i];
		p.s[k].o = o;
		p.s[k].res = &res[k];
		res[k].seller = cf->sellers[i].id;
		k++;
	}
	p.n = p.left = k;
	log_status("fetch: 0 of %zu sellers done", k);
	p.start = http_now();
	p.now = clock_now();
	if (o->deadline_ms != 0)
		p.end = p.start + (double)(o->deadline_ms - clock_mono_ms()) /
		    1000.0;
	p.cfg = &cf->fetch;
	p.user_agent = o->user_agent;
	pthread_mutex_init(&p.mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p.cv, &ca);
	pthread_condattr_destroy(&ca);
	nthreads = (size_t)cf->fetch.max_transfers;
	if (nthreads > k)
		nthreads = k;
	th = xcalloc(nthreads + 1, sizeof(*th));
	p.ended = xcalloc(k + 1, sizeof(*p.ended));
	pthread_mutex_lock(&p.mu);
	for (i = 0; i < nthreads; i++) {
		if (pthread_create(&th[i], NULL, fetch_worker, &p) != 0)
			break;
		started++;
		p.workers++;
	}
	pthread_mutex_unlock(&p.mu);
	if (started == 0 && k > 0) {
		p.workers = 1;
		fetch_worker(&p);	/* no thread: this one does it all */
	}
	fetch_wait(&p, o);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	/* Left by workers that could not make an HTTP client: failed, not
	 * "ok, 0 files". */
	for (i = 0; i < k; i++)
		if (!p.s[i].done) {
			fetch_fail(&p.s[i], 0, "not fetched: no HTTP client "
			    "could be made");
			if (o->done != NULL)
				o->done(&res[i], o->done_arg);
		}
	free(p.ended);
	log_status_clear();
	pthread_cond_destroy(&p.cv);
	pthread_mutex_destroy(&p.mu);
	free(p.s);
	*n = k;
	return res;
}
