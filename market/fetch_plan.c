/*
 * Tonight's plan: which ranges of which report types to ask Amazon for
 * (docs/design.md §7.1).
 *
 * Each created type has a gapless end in the store (fetch_types.
 * complete_end): the end of the data it holds with no hole before it.
 * Tonight asks from that end less FETCH_OVERLAP (Amazon revises recent
 * rows; import replaces by range, so the overlap is harmless) up to now,
 * in slices of the type's max_days; a first night asks history_days
 * back, and --since asks from there.
 *
 * A plan's states (its row of fetch_reports; store/fetchstate.h):
 *
 *   planned    saved, not yet asked. fetch_plan() saves tonight's plans
 *              all together (fetch_plan_save) before anything is asked.
 *   creating   createReport is being asked (fetch_create, fetch_job.c);
 *              a run that finds it so was killed before the answer: the
 *              plan is in doubt, and fetch_find looks for its report
 *              before asking again.
 *   requested  Amazon named it (fetch_adopt): a job from now on.
 *   failed     Amazon refused the createReport: nothing was made.
 *
 * Invariants:
 *   - a type with a plan or a report in flight from an earlier run is
 *     not planned again: the run that made them asked for that range
 *     already (fetch_plan_resume). This is what keeps a killed run from
 *     creating a report twice.
 *   - a plan not had tonight becomes a failed job (fetch_plan_missed),
 *     so the gapless end stops before it even when later slices are
 *     done (fetch_plan_gapless_end): the next night asks for it again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "market/fetch_int.h"
#include "store/fetchstate.h"

/* Where a type starts this run: --since, its end less the overlap, or
 * as far back as history goes. */
int64_t
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
void
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

/* A plan's row for the store, under id (NULL: the plan's own). */
void
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

/*
 * Resumes what an earlier run saved: its plans (in doubt when it was
 * asking for them) and its reports in flight, as jobs.
 */
static int
fetch_plan_resume(struct fetch_seller *fs)
{
	struct store_fetch_report *v;
	const struct reports_type *t;
	struct fetch_plan *pl;
	size_t i, n;

	if (store_fetch_inflight(fs->st, &v, &n) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((t = reports_type_find(v[i].report_type)) == NULL)
			continue;
		if (v[i].status == STORE_FETCH_PLANNED ||
		    v[i].status == STORE_FETCH_CREATING) {
			fetch_plan_push(fs, t, v[i].data_start,
			    v[i].data_end, v[i].report_id);
			pl = &fs->plans[fs->nplans - 1];
			pl->in_doubt = v[i].status == STORE_FETCH_CREATING;
			pl->asked_at = v[i].updated_at;
			continue;
		}
		fetch_job_push(fs, t, &v[i]);
		log_info("%s: resuming report %s (%s)", fs->cs->id,
		    v[i].report_id, t->name);
	}
	free(v);
	return 0;
}

/* Whether an earlier run left a plan or a report of t (of the first
 * `first` plans). */
static int
fetch_plan_resumed(const struct fetch_seller *fs,
    const struct reports_type *t, size_t first)
{
	size_t i;

	for (i = 0; i < fs->njobs; i++)
		if (fs->jobs[i].type == t)
			return 1;
	for (i = 0; i < first; i++)
		if (fs->plans[i].type == t)
			return 1;
	return 0;
}

/*
 * Resumes what an earlier run saved (its plans, and its reports in
 * flight), and plans the types it left alone. The plan is saved before
 * anything is asked: a killed run neither asks twice nor forgets a range.
 */
int
fetch_plan(struct fetch_seller *fs, int64_t now)
{
	const struct reports_type *t;
	size_t k, first;
	int64_t start, s, e, step;

	if (fetch_plan_resume(fs) == -1)
		return -1;
	first = fs->nplans;
	for (k = 0; k < reports_ntypes; k++) {
		t = &reports_types[k];
		/* Listed, not created; or the run that made it asked for
		 * this range already. */
		if (t->listed || fetch_plan_resumed(fs, t, first))
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

/*
 * A plan not had this run: a failed job in its place, so that the type's
 * gapless end stops before it even when later slices are done.
 */
void
fetch_plan_missed(struct fetch_seller *fs, const struct fetch_plan *pl)
{
	struct store_fetch_report r;

	fetch_plan_row(pl, NULL, &r);
	fetch_job_push(fs, pl->type, &r)->state = FETCH_JOB_FAILED;
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
 * The type's gapless end after this run's jobs: the end of the longest
 * run of done reports from its earliest one (a later slice done before
 * an earlier one must not hide the gap), or -1 when its earliest is not
 * done.
 */
int64_t
fetch_plan_gapless_end(const struct fetch_seller *fs,
    const struct reports_type *t)
{
	struct fetch_job **v;
	size_t i, k = 0;
	int64_t end = -1;

	v = xcalloc(fs->njobs + 1, sizeof(*v));
	for (i = 0; i < fs->njobs; i++)
		if (fs->jobs[i].type == t)
			v[k++] = &fs->jobs[i];
	qsort(v, k, sizeof(*v), fetch_job_cmp);
	for (i = 0; i < k && v[i]->state == FETCH_JOB_DONE; i++)
		if (v[i]->r.data_end > end)
			end = v[i]->r.data_end;
	free(v);
	return end;
}
