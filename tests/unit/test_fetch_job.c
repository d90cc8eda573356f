/*
 * Unit tests of market/fetch_job.c: one report's transitions, against a
 * real seller store and a stub of Amazon (no server). Each test plans
 * one slice, creates it and polls it, and checks the job's state, the
 * report's stored status and the type's gapless end: imported, still
 * generating, cancelled, fatal, lost, a refused download, a refused or
 * unanswered createReport, a plan in doubt found again (never created
 * twice), and a report a killed run left DONE (downloaded, not polled).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fetch_test.h"

#define SLICE_START	(FX_NOW - 30 * FX_DAY)
#define SLICE_END	FX_NOW
/* The id stub_create gives the slice's report. */
#define SLICE_ID	"R1746144000-1"

/* One reimbursements slice planned and saved; its plan. */
static struct fetch_plan *
plan_one(struct fx *x)
{
	fetch_plan_push(&x->fs, reports_type_find(FX_REIMB), SLICE_START,
	    SLICE_END, NULL);
	assert_int_equal(fetch_plan_save(&x->fs, 0), 0);
	return &x->fs.plans[0];
}

/* Creates the plan and polls its job once. */
static struct fetch_job *
create_poll(struct fx *x)
{
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_int_equal(x->fs.njobs, 1);
	fetch_poll(&x->fs, &x->p);
	return &x->fs.jobs[0];
}

/* The type's gapless end, -1 when none. */
static int64_t
type_end(struct fx *x)
{
	int64_t end;

	return store_fetch_type_end(x->fs.st, FX_REIMB, &end) == 1 ? end : -1;
}

/* planned -> creating -> requested -> DONE -> imported; the range had. */
static void
test_imported(void **state)
{
	struct fx *x = fx_new();
	struct fetch_plan *pl = plan_one(x);
	struct fetch_job *j;

	(void)state;
	assert_string_equal(fx_status(x, pl->id), "planned");
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	/* Named before it is polled: the plan's row took Amazon's id. */
	assert_string_equal(fx_status(x, pl->id), "");
	assert_string_equal(fx_status(x, SLICE_ID), "requested");
	j = &x->fs.jobs[0];
	assert_int_equal(j->state, FETCH_JOB_POLL);
	assert_int_equal(j->r.status, STORE_FETCH_REQUESTED);
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_int_equal(j->state, FETCH_JOB_DONE);
	assert_string_equal(fetch_job_state_name(j->state), "done");
	assert_string_equal(fx_status(x, SLICE_ID), "imported");
	assert_int_equal(type_end(x), SLICE_END);
	assert_int_equal(x->res.created, 1);
	assert_int_equal(x->res.imported, 1);
	assert_false(x->res.failed);
	fx_free(x);
}

/* Generating: IN_PROGRESS, polled again; past patience, PENDING. */
static void
test_in_progress(void **state)
{
	struct fx *x = fx_new();
	struct fetch_job *j;

	(void)state;
	plan_one(x);
	stub.get_rs[0] = REPORTS_QUEUED;
	j = create_poll(x);
	assert_int_equal(j->state, FETCH_JOB_POLL);
	assert_int_equal(j->r.status, STORE_FETCH_IN_PROGRESS);
	assert_string_equal(fx_status(x, SLICE_ID), "IN_PROGRESS");
	x->cf.fetch.patience = 0;
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_int_equal(j->state, FETCH_JOB_PENDING);
	assert_int_equal(x->res.pending, 1);
	/* Left in flight: the next run resumes the same reportId. */
	assert_string_equal(fx_status(x, SLICE_ID), "IN_PROGRESS");
	assert_int_equal(type_end(x), -1);
	fx_free(x);
}

/* No data in the range: cancelled, and the range is had. */
static void
test_cancelled(void **state)
{
	struct fx *x = fx_new();
	struct fetch_job *j;

	(void)state;
	plan_one(x);
	stub.get_rs[0] = REPORTS_CANCELLED;
	j = create_poll(x);
	assert_int_equal(j->state, FETCH_JOB_DONE);
	assert_string_equal(fx_status(x, SLICE_ID), "cancelled");
	assert_int_equal(type_end(x), SLICE_END);
	assert_int_equal(x->res.cancelled, 1);
	assert_int_equal(stub.downloads, 0);
	fx_free(x);
}

/* Amazon failed it: fatal, the seller failed, the range not had. */
static void
test_fatal(void **state)
{
	struct fx *x = fx_new();
	struct fetch_job *j;

	(void)state;
	plan_one(x);
	stub.get_rs[0] = REPORTS_FATAL;
	j = create_poll(x);
	assert_int_equal(j->state, FETCH_JOB_FAILED);
	assert_string_equal(fx_status(x, SLICE_ID), "fatal");
	assert_int_equal(type_end(x), -1);
	assert_int_equal(x->res.fatal, 1);
	assert_true(x->res.failed);
	fx_free(x);
}

/* getReport 404: lost; a refused download: rejected. */
static void
test_lost_rejected(void **state)
{
	struct fx *x = fx_new();
	struct fetch_job *j;

	(void)state;
	plan_one(x);
	stub.get_st = SPAPI_NOT_FOUND;
	j = create_poll(x);
	assert_int_equal(j->state, FETCH_JOB_FAILED);
	assert_string_equal(fx_status(x, SLICE_ID), "lost");
	fx_free(x);

	x = fx_new();
	plan_one(x);
	stub.download_st = SPAPI_FAILED;
	stub.download_refused = 1;
	j = create_poll(x);
	assert_int_equal(j->state, FETCH_JOB_FAILED);
	assert_string_equal(fx_status(x, SLICE_ID), "rejected");
	assert_int_equal(type_end(x), -1);
	fx_free(x);
}

/* A createReport refused (4xx): failed, nothing made, no job polled. */
static void
test_create_refused(void **state)
{
	struct fx *x = fx_new();
	struct fetch_plan *pl = plan_one(x);

	(void)state;
	stub.create_st = SPAPI_FAILED;
	stub.create_http = 400;
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_string_equal(fx_status(x, pl->id), "failed");
	assert_int_equal(x->fs.jobs[0].state, FETCH_JOB_FAILED);
	assert_true(x->res.failed);
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_int_equal(stub.gets, 0);
	fx_free(x);
}

/*
 * createReport unanswered: the plan stays "creating" and the seller
 * stops. The next run finds the plan in doubt and looks for its report
 * before asking: found, it is adopted; createReport is not called again.
 */
static void
test_in_doubt_found(void **state)
{
	struct fx *x = fx_new();
	char id[128];

	(void)state;
	snprintf(id, sizeof(id), "%s", plan_one(x)->id);
	stub.create_st = SPAPI_UNAVAILABLE;
	assert_true(fetch_create(&x->fs, &x->p) < 0);
	assert_string_equal(fx_status(x, id), "creating");
	assert_int_equal(stub.creates, 1);
	/* The next run. */
	fx_open(x);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	assert_true(x->fs.plans[0].in_doubt);
	snprintf(stub.listed[0].id, sizeof(stub.listed[0].id), "AMZ1");
	stub.listed[0].start = SLICE_START;
	stub.listed[0].end = SLICE_END;
	stub.nlisted = 1;
	x->fs.nplans = 1;	/* this slice only */
	stub.create_st = SPAPI_OK;
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_int_equal(stub.lists, 1);
	assert_int_equal(stub.creates, 1);
	assert_string_equal(fx_status(x, "AMZ1"), "requested");
	assert_string_equal(fx_status(x, id), "");
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_string_equal(fx_status(x, "AMZ1"), "imported");
	fx_free(x);
}

/* In doubt, not found: asked for anew, under the same plan row. */
static void
test_in_doubt_not_found(void **state)
{
	struct fx *x = fx_new();
	char id[128];

	(void)state;
	snprintf(id, sizeof(id), "%s", plan_one(x)->id);
	assert_int_equal(store_fetch_report_set(x->fs.st, id,
	    STORE_FETCH_CREATING, NULL, NULL), 0);
	fx_open(x);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	x->fs.nplans = 1;
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_int_equal(stub.lists, 1);
	assert_int_equal(stub.creates, 1);
	assert_string_equal(fx_status(x, SLICE_ID), "requested");
	fx_free(x);
}

/* A report a killed run left DONE is downloaded, not polled again. */
static void
test_resumed_done(void **state)
{
	struct fx *x = fx_new();

	(void)state;
	plan_one(x);
	stub.get_rs[0] = REPORTS_DONE;
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_int_equal(store_fetch_report_set(x->fs.st, SLICE_ID,
	    STORE_FETCH_DONE, "DOC1", NULL), 0);
	fx_open(x);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	assert_int_equal(x->fs.njobs, 1);
	assert_int_equal(x->fs.jobs[0].r.status, STORE_FETCH_DONE);
	x->fs.nplans = 0;	/* the other types' plans: not this test's */
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_int_equal(stub.gets, 0);
	assert_int_equal(stub.downloads, 1);
	assert_string_equal(fx_status(x, SLICE_ID), "imported");
	fx_free(x);
}

/* The names the store keeps, and back. */
static void
test_status_names(void **state)
{
	enum store_fetch_status s;
	int i;

	(void)state;
	for (i = STORE_FETCH_PLANNED; i <= STORE_FETCH_FAILED; i++) {
		assert_int_equal(store_fetch_status_find(
		    store_fetch_status_name(i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(store_fetch_status_name(STORE_FETCH_IN_PROGRESS),
	    "IN_PROGRESS");
	assert_string_equal(store_fetch_status_name(STORE_FETCH_REQUESTED),
	    "requested");
	assert_int_equal(store_fetch_status_find("done", &s), -1);
	assert_string_equal(fetch_phase_name(FETCH_PHASE_POLL), "poll");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_imported),
		cmocka_unit_test(test_in_progress),
		cmocka_unit_test(test_cancelled),
		cmocka_unit_test(test_fatal),
		cmocka_unit_test(test_lost_rejected),
		cmocka_unit_test(test_create_refused),
		cmocka_unit_test(test_in_doubt_found),
		cmocka_unit_test(test_in_doubt_not_found),
		cmocka_unit_test(test_resumed_done),
		cmocka_unit_test(test_status_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
