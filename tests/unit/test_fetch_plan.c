/*
 * Unit tests of market/fetch_plan.c against a real seller store and a
 * stub of Amazon: a first night asks history_days back in slices of a
 * type's max_days; a later night asks from the gapless end less the
 * overlap, and nothing for a type complete up to now; --since wins; a
 * type an earlier run left in flight is resumed, not planned again; a
 * failed slice in the middle holds the gapless end before it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tests/unit/fetch_test.h"

/* The plans of one type, in order, in v (at most max); their number. */
static size_t
plans_of(struct fx *x, const char *type, struct fetch_plan **v, size_t max)
{
	size_t i, k = 0;

	for (i = 0; i < x->fs.nplans && k < max; i++)
		if (strcmp(x->fs.plans[i].type->name, type) == 0)
			v[k++] = &x->fs.plans[i];
	return k;
}

/* A first night: every created type, history_days back, 90-day slices. */
static void
test_first_night(void **state)
{
	struct fx *x = fx_new();
	struct fetch_plan *v[16];
	struct store_fetch_report *r;
	size_t i, n, created = 0;

	(void)state;
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	for (i = 0; i < reports_ntypes; i++)
		created += !reports_types[i].listed;
	/* 548 days in slices of 90: 7 each. */
	assert_int_equal(x->fs.nplans, created * 7);
	n = plans_of(x, FX_REIMB, v, 16);
	assert_int_equal(n, 7);
	assert_int_equal(v[0]->start, FX_NOW - 548 * FX_DAY);
	for (i = 0; i < n; i++) {
		assert_true(v[i]->end - v[i]->start <= 90 * FX_DAY);
		assert_false(v[i]->in_doubt);
		if (i > 0)
			assert_int_equal(v[i]->start, v[i - 1]->end);
	}
	assert_int_equal(v[n - 1]->end, FX_NOW);
	assert_string_equal(fx_status(x, v[0]->id), "planned");
	/* Saved before anything is asked, all of them. */
	assert_int_equal(store_fetch_inflight(x->fs.st, &r, &n), 0);
	assert_int_equal(n, created * 7);
	for (i = 0; i < n; i++)
		assert_int_equal(r[i].status, STORE_FETCH_PLANNED);
	free(r);
	assert_int_equal(x->fs.njobs, 0);
	fx_free(x);
}

/* A later night asks from each type's gapless end less the overlap. */
static void
test_gapless_end(void **state)
{
	struct fx *x = fx_new();
	struct fetch_plan *v[16];
	size_t n;

	(void)state;
	assert_int_equal(store_fetch_type_done(x->fs.st, FX_REIMB,
	    FX_NOW - 10 * FX_DAY), 0);
	assert_int_equal(store_fetch_type_done(x->fs.st,
	    "GET_LEDGER_DETAIL_VIEW_DATA", FX_NOW), 0);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	n = plans_of(x, FX_REIMB, v, 16);
	assert_int_equal(n, 1);
	assert_int_equal(v[0]->start, FX_NOW - 10 * FX_DAY - FETCH_OVERLAP);
	assert_int_equal(v[0]->end, FX_NOW);
	/* Complete up to now: a re-run of the night asks nothing. */
	assert_int_equal(plans_of(x, "GET_LEDGER_DETAIL_VIEW_DATA", v, 16), 0);
	fx_free(x);
}

/* --since asks from there, whatever the type has. */
static void
test_since(void **state)
{
	struct fx *x = fx_new();
	struct fetch_plan *v[16];

	(void)state;
	assert_int_equal(store_fetch_type_done(x->fs.st,
	    "GET_LEDGER_DETAIL_VIEW_DATA", FX_NOW), 0);
	x->o.has_since = 1;
	x->o.since = FX_NOW - 100 * FX_DAY;
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	assert_int_equal(plans_of(x, "GET_LEDGER_DETAIL_VIEW_DATA", v, 16),
	    2);
	assert_int_equal(v[0]->start, FX_NOW - 100 * FX_DAY);
	assert_int_equal(v[0]->end, FX_NOW - 10 * FX_DAY);
	assert_int_equal(v[1]->end, FX_NOW);
	fx_free(x);
}

/*
 * A type an earlier run left in flight is resumed, not planned again: a
 * report Amazon named becomes a job; a plan it was asking for is in
 * doubt (looked for before it is asked again).
 */
static void
test_resumed_type(void **state)
{
	struct fx *x = fx_new();
	struct store_fetch_report r[2];
	struct fetch_plan *v[16];
	const char *removal = "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA";

	(void)state;
	memset(r, 0, sizeof(r));
	snprintf(r[0].report_id, sizeof(r[0].report_id), "plan:a");
	snprintf(r[0].report_type, sizeof(r[0].report_type), FX_REIMB);
	snprintf(r[1].report_id, sizeof(r[1].report_id), "plan:b");
	snprintf(r[1].report_type, sizeof(r[1].report_type), "%s", removal);
	r[0].data_start = r[1].data_start = FX_NOW - 30 * FX_DAY;
	r[0].data_end = r[1].data_end = FX_NOW - FX_DAY;
	assert_int_equal(store_fetch_plan_add(x->fs.st, r, 2), 0);
	assert_int_equal(store_fetch_report_rename(x->fs.st, "plan:a", "R1"),
	    0);
	assert_int_equal(store_fetch_report_set(x->fs.st, "plan:b",
	    STORE_FETCH_CREATING, NULL, NULL), 0);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	/* R1 is polled again under the same reportId. */
	assert_int_equal(x->fs.njobs, 1);
	assert_string_equal(x->fs.jobs[0].r.report_id, "R1");
	assert_int_equal(x->fs.jobs[0].r.status, STORE_FETCH_REQUESTED);
	assert_int_equal(x->fs.jobs[0].state, FETCH_JOB_POLL);
	assert_int_equal(plans_of(x, FX_REIMB, v, 16), 0);
	/* plan:b is in doubt, and the only plan of its type. */
	assert_int_equal(plans_of(x, removal, v, 16), 1);
	assert_string_equal(v[0]->id, "plan:b");
	assert_true(v[0]->in_doubt);
	assert_true(v[0]->asked_at > 0);
	/* The other types are planned as on any night. */
	assert_int_equal(plans_of(x, "GET_LEDGER_DETAIL_VIEW_DATA", v, 16), 7);
	fx_free(x);
}

/* Jobs of a type in the order given, each done or failed. */
static void
push_jobs(struct fx *x, const int64_t *start, const int *done, size_t n)
{
	const struct reports_type *t = reports_type_find(FX_REIMB);
	struct store_fetch_report r;
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&r, 0, sizeof(r));
		r.data_start = start[i];
		r.data_end = start[i] + 10;
		fetch_job_push(&x->fs, t, &r)->state = done[i] ?
		    FETCH_JOB_DONE : FETCH_JOB_FAILED;
	}
}

/* The gapless end stops before the first slice not had. */
static void
test_gapless_rule(void **state)
{
	struct fx *x = fx_new();
	const struct reports_type *t = reports_type_find(FX_REIMB);
	/* Later slices done first, the middle one failed. */
	const int64_t s1[] = { 20, 0, 10 };
	const int d1[] = { 1, 1, 0 };
	const int64_t s2[] = { 10, 0 };
	const int d2[] = { 1, 0 };
	const int d3[] = { 1, 1 };

	(void)state;
	assert_int_equal(fetch_plan_gapless_end(&x->fs, t), -1);
	push_jobs(x, s1, d1, 3);
	assert_int_equal(fetch_plan_gapless_end(&x->fs, t), 10);
	fx_open(x);
	push_jobs(x, s2, d2, 2);
	assert_int_equal(fetch_plan_gapless_end(&x->fs, t), -1);
	fx_open(x);
	push_jobs(x, s2, d3, 2);
	assert_int_equal(fetch_plan_gapless_end(&x->fs, t), 20);
	fx_free(x);
}

/*
 * A night whose middle slice Amazon failed: the type's end stays after
 * the first slice, and the next night asks again from there, the later
 * slice included.
 */
static void
test_failed_slice(void **state)
{
	struct fx *x = fx_new();
	const struct reports_type *t = reports_type_find(FX_REIMB);
	struct fetch_plan *v[16];
	int64_t end, a = FX_NOW - 90 * FX_DAY;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++)
		fetch_plan_push(&x->fs, t, a + (int64_t)i * 30 * FX_DAY,
		    a + (int64_t)(i + 1) * 30 * FX_DAY, NULL);
	assert_int_equal(fetch_plan_save(&x->fs, 0), 0);
	stub.get_rs[0] = REPORTS_DONE;
	stub.get_rs[1] = REPORTS_FATAL;
	stub.get_rs[2] = REPORTS_DONE;
	stub.nget_rs = 3;
	assert_int_equal(fetch_create(&x->fs, &x->p), 0);
	assert_int_equal(stub.creates, 3);
	assert_true(fetch_poll(&x->fs, &x->p) < 0);
	assert_int_equal(x->fs.jobs[0].state, FETCH_JOB_DONE);
	assert_int_equal(x->fs.jobs[1].state, FETCH_JOB_FAILED);
	assert_int_equal(x->fs.jobs[2].state, FETCH_JOB_DONE);
	assert_string_equal(fx_status(x, x->fs.jobs[1].r.report_id), "fatal");
	assert_int_equal(store_fetch_type_end(x->fs.st, FX_REIMB, &end), 1);
	assert_int_equal(end, a + 30 * FX_DAY);
	/* The next night. */
	fx_open(x);
	assert_int_equal(fetch_plan(&x->fs, FX_NOW), 0);
	assert_int_equal(plans_of(x, FX_REIMB, v, 16), 1);
	assert_int_equal(v[0]->start, a + 30 * FX_DAY - FETCH_OVERLAP);
	assert_int_equal(v[0]->end, FX_NOW);
	fx_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_night),
		cmocka_unit_test(test_gapless_end),
		cmocka_unit_test(test_since),
		cmocka_unit_test(test_resumed_type),
		cmocka_unit_test(test_gapless_rule),
		cmocka_unit_test(test_failed_slice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
