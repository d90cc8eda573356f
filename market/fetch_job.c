/*
 * One report's way through the night (docs/design.md §7.1): a plan is
 * created, the report Amazon makes is polled until it is done, its
 * document is downloaded into the inbox and imported.
 *
 * A job's state in this run (enum fetch_job_state):
 *
 *   POLL      in flight. fetch_job_push makes it: fetch_adopt for a
 *             report just created or found, fetch_plan_resume for one an
 *             earlier run left, fetch_listed for a listed settlement.
 *   DONE      imported, or cancelled (Amazon had no data): its range is
 *             had. fetch_job_end, from fetch_report_done or
 *             fetch_poll_status.
 *   FAILED    not had this run: Amazon refused, lost or failed it, the
 *             download or the import failed (fetch_job_end, or left as
 *             it is in the store for the next run), or its plan was
 *             never created (fetch_plan_missed).
 *   PENDING   still generating when patience ran out
 *             (fetch_poll_status): the next run resumes it.
 *
 * A POLL job's stored status says which call comes next: requested or
 * IN_PROGRESS, getReport; DONE with its document id, getReportDocument
 * and the download (fetch_job_known_done).
 *
 * Invariant: nothing Amazon may answer is asked before the store says
 * so. A plan is "creating" (committed) before its createReport, and
 * takes Amazon's reportId (fetch_adopt) before its first poll; a run
 * killed in between finds the plan in doubt and fetch_find looks for
 * its report before asking again. So a report is never created twice,
 * and a killed run resumes the same reportId.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/fetch_int.h"
#include "store/fetchstate.h"
#include "store/store.h"

/* The names of enum fetch_job_state, for logs and tests. */
static const char *const fetch_job_state_names[] = {
	"poll", "done", "failed", "pending"
};
_Static_assert(sizeof(fetch_job_state_names) /
    sizeof(fetch_job_state_names[0]) == FETCH_JOB_PENDING + 1,
    "a name for each job state");

/* A job state's name (static). */
const char *
fetch_job_state_name(enum fetch_job_state s)
{
	return fetch_job_state_names[s];
}

/* Adds a job polling a report Amazon has made. */
struct fetch_job *
fetch_job_push(struct fetch_seller *fs, const struct reports_type *t,
    const struct store_fetch_report *r)
{
	struct fetch_job *j;

	fs->jobs = xreallocarray(fs->jobs, fs->njobs + 1, sizeof(*fs->jobs));
	j = &fs->jobs[fs->njobs++];
	memset(j, 0, sizeof(*j));
	j->r = *r;
	j->type = t;
	j->state = FETCH_JOB_POLL;
	return j;
}

/* A planned report Amazon made, under its id: polled from now on. */
int
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
	r.status = STORE_FETCH_REQUESTED;
	j = fetch_job_push(fs, pl->type, &r);
	j->next_poll = http_now() + p->cfg->poll_interval;
	return 0;
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
	st = fs->ops->list(&fs->sp, pl->type->name, REPORTS_ANY_STATUS,
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
 * A plan in doubt: looked for (getReports' bucket allowing). Returns when
 * to come back, 0 when the plan is settled (fs->next_plan moved on when
 * it needs no createReport), -1 to stop.
 */
static double
fetch_create_doubt(struct fetch_seller *fs, struct fetch_pool *p,
    struct fetch_plan *pl)
{
	double wait;
	int found;

	if ((wait = fs->ops->wait(&fs->sp, SPAPI_GET_REPORTS)) > 0)
		return http_now() + wait;
	switch (fetch_find(fs, p, pl, &found)) {
	case -1:
		return -1;
	case 1:
		fs->next_plan++;
		fetch_plan_missed(fs, pl);
		return 0;
	}
	pl->in_doubt = 0;
	/* Not found: asked for anew, as any plan. */
	if (found)
		fs->next_plan++;
	return 0;
}

/* createReport of a plan marked "creating". Returns 0, or -1 to stop. */
static int
fetch_create_one(struct fetch_seller *fs, struct fetch_pool *p,
    struct fetch_plan *pl)
{
	enum spapi_status st;
	char id[128], t0[32], t1[32];

	st = fs->ops->create(&fs->sp, pl->type->name, pl->start, pl->end,
	    fs->cs->marketplaces, fs->cs->nmarketplaces, id, sizeof(id));
	if (st != SPAPI_OK) {
		/* A 4xx (or LWA's refusal: nothing was sent) says nothing
		 * was made. No answer, a 5xx, or a 2xx that could not be
		 * read may hide a report: it stays in doubt for the next
		 * run to find. */
		if (st == SPAPI_REFUSED || (fs->sp.status >= 400 &&
		    fs->sp.status < 500))
			store_fetch_report_set(fs->st, pl->id,
			    STORE_FETCH_FAILED, NULL, fs->sp.error);
		fetch_fail_call(fs, st);
		fetch_plan_missed(fs, pl);
		return fetch_fatal(st) ? -1 : 0;
	}
	fs->res->created++;
	log_debug("%s: created report %s: %s %s..%s", fs->cs->id, id,
	    pl->type->name, reports_time(pl->start, t0, sizeof(t0)),
	    reports_time(pl->end, t1, sizeof(t1)));
	/* Saved before the first poll: a killed run resumes it. */
	return fetch_adopt(fs, p, pl, id);
}

/*
 * Creates the planned reports while the buckets allow, each marked
 * "creating" first: a run killed before the answer leaves the report in
 * doubt, and the next run looks for it before asking again. Returns when
 * to come back (a bucket is empty), 0 when all are created, -1 to stop.
 */
double
fetch_create(struct fetch_seller *fs, struct fetch_pool *p)
{
	struct fetch_plan *pl;
	double wait;

	while (fs->next_plan < fs->nplans) {
		pl = &fs->plans[fs->next_plan];
		if (pl->in_doubt) {
			if ((wait = fetch_create_doubt(fs, p, pl)) != 0)
				return wait;
			continue;
		}
		if ((wait = fs->ops->wait(&fs->sp, SPAPI_CREATE_REPORT)) > 0)
			return http_now() + wait;
		fs->next_plan++;
		if (store_fetch_report_set(fs->st, pl->id,
		    STORE_FETCH_CREATING, NULL, NULL) == -1) {
			fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
			return -1;
		}
		if (fetch_create_one(fs, p, pl) == -1)
			return -1;
	}
	return 0;
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
		j->state = FETCH_JOB_FAILED;
		return;
	}
	st = fs->ops->download(&fs->sp, j->r.document_id, path, &f);
	if (st != SPAPI_OK && f.refused) {
		/* A bomb or a giant: refused as import refuses it, so the
		 * next run asks Amazon anew instead of fetching it again. */
		fetch_fail(fs, 0, "%s", fs->sp.error);
		fetch_job_end(fs, j, STORE_FETCH_REJECTED, fs->sp.error,
		    0);
	} else if (st == SPAPI_NOT_FOUND) {
		/* Amazon no longer has it: a created type asks again from
		 * its end; a listed one is gone for good. */
		fetch_fail_call(fs, st);
		fetch_job_end(fs, j, STORE_FETCH_LOST, fs->sp.error, 0);
	} else if (st != SPAPI_OK) {
		/* Left DONE in the store: the next run downloads it. */
		fetch_fail_call(fs, st);
		j->state = FETCH_JOB_FAILED;
	} else if (fetch_import(fs, path, j->type, j->r.data_start,
	    j->r.data_end, f.charset) == 0) {
		if (j->type->listed)
			fs->res->settlements++;
		fetch_job_end(fs, j, STORE_FETCH_IMPORTED, NULL, 1);
	} else if (j->type->listed)
		/* Left DONE: the next run downloads it again, as it
		 * would list it again had it not been saved. */
		j->state = FETCH_JOB_FAILED;
	else
		fetch_job_end(fs, j, STORE_FETCH_REJECTED, NULL, 0);
	free(path);
}

/* Whether a job's report is known DONE, with its document id. */
static int
fetch_job_known_done(const struct fetch_job *j)
{
	return j->r.status == STORE_FETCH_DONE && j->r.document_id[0] != '\0';
}

/*
 * What getReport said of a job's report, acted on. Returns 1 when the
 * report is still generating, 0 when the job moved on.
 */
static int
fetch_poll_status(struct fetch_seller *fs, struct fetch_job *j,
    enum reports_status rs, const char *doc)
{
	char edoc[256];
	double wait;

	switch (rs) {
	case REPORTS_DONE:
		/* Saved DONE first: a run killed before the download, or
		 * this one while getReportDocument's bucket refills, needs
		 * no getReport again. */
		store_fetch_report_set(fs->st, j->r.report_id,
		    STORE_FETCH_DONE, doc, NULL);
		j->r.status = STORE_FETCH_DONE;
		snprintf(j->r.document_id, sizeof(j->r.document_id), "%s",
		    doc);
		if ((wait = fs->ops->wait(&fs->sp, SPAPI_GET_DOCUMENT)) > 0)
			j->next_poll = http_now() + wait;
		else
			fetch_report_done(fs, j);
		return 0;
	case REPORTS_CANCELLED:
		/* No data in the range: zero rows, not an error. */
		log_info("%s: report %s (%s) was cancelled: no data",
		    fs->cs->id, j->r.report_id, j->type->name);
		fs->res->cancelled++;
		fetch_job_end(fs, j, STORE_FETCH_CANCELLED, NULL, 1);
		return 0;
	case REPORTS_FATAL:
		edoc[0] = '\0';
		if (doc[0] != '\0')
			fs->ops->error_document(&fs->sp, doc, edoc,
			    sizeof(edoc));
		fs->res->fatal++;
		fetch_fail(fs, 0, "report %s (%s) is FATAL%s%s; the next run "
		    "asks again", j->r.report_id, j->type->name,
		    edoc[0] ? ": " : "", edoc);
		store_fetch_event(fs->st, "report_fatal", j->type->name,
		    edoc[0] ? edoc : j->r.report_id);
		fetch_job_end(fs, j, STORE_FETCH_FATAL, edoc[0] ? edoc : NULL,
		    0);
		return 0;
	case REPORTS_QUEUED:
		break;
	}
	return 1;
}

/* Polls one job. */
static void
fetch_poll_one(struct fetch_seller *fs, struct fetch_pool *p,
    struct fetch_job *j)
{
	enum reports_status rs;
	enum spapi_status st;
	char doc[128];
	double now;

	/* Known done (listed, waiting for getReportDocument's bucket, or a
	 * run killed while downloading it): its document is all it takes. */
	if (fetch_job_known_done(j)) {
		fetch_report_done(fs, j);
		return;
	}
	st = fs->ops->get(&fs->sp, j->r.report_id, &rs, doc, sizeof(doc));
	if (st == SPAPI_NOT_FOUND) {
		/* Amazon forgot it (kept too long?): the next run makes a
		 * new one from the type's end. */
		fetch_fail_call(fs, st);
		fetch_job_end(fs, j, STORE_FETCH_LOST, fs->sp.error, 0);
		return;
	}
	if (st != SPAPI_OK) {
		fetch_fail_call(fs, st);
		j->state = FETCH_JOB_FAILED;
		return;
	}
	if (fetch_poll_status(fs, j, rs, doc) == 0)
		return;
	if (j->r.status != STORE_FETCH_IN_PROGRESS) {
		store_fetch_report_set(fs->st, j->r.report_id,
		    STORE_FETCH_IN_PROGRESS, NULL, NULL);
		j->r.status = STORE_FETCH_IN_PROGRESS;
	}
	now = http_now();
	if (now - p->start >= p->cfg->patience) {
		log_warn("%s: report %s (%s) still generating after %.0f s; "
		    "the next run resumes it", fs->cs->id, j->r.report_id,
		    j->type->name, now - p->start);
		fs->res->pending++;
		j->state = FETCH_JOB_PENDING;
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
double
fetch_poll(struct fetch_seller *fs, struct fetch_pool *p)
{
	struct fetch_job *j;
	enum spapi_op op;
	double next = -1, wait;
	size_t i;

	for (i = 0; i < fs->njobs; i++) {
		j = &fs->jobs[i];
		if (j->state != FETCH_JOB_POLL)
			continue;
		if (j->next_poll <= http_now()) {
			op = fetch_job_known_done(j) ? SPAPI_GET_DOCUMENT :
			    SPAPI_GET_REPORT;
			if ((wait = fs->ops->wait(&fs->sp, op)) > 0)
				j->next_poll = http_now() + wait;
			else
				fetch_poll_one(fs, p, j);
		}
		if (fs->res->refused)
			return -1;
		if (j->state == FETCH_JOB_POLL &&
		    (next < 0 || j->next_poll < next))
			next = j->next_poll;
	}
	return next;
}
