/*
 * Unit tests of the run's table of steps (cli/run_steps.h, cli/run.h):
 * a failure stops or continues the later steps as the table says, the
 * outcome and the summary line are made from the results, and the
 * seller's table keeps docs/design.md §9's order and meanings. The
 * steps are driven by stubs: no store, no server.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli/run.h"
#include "cli/run_steps.h"
#include "lib/buf.h"

/* What the stub steps say, by the order they are called in, and what
 * ran. */
struct stub {
	enum run_outcome	 result[RUN_MAX_STEPS];
	const char		*text[RUN_MAX_STEPS];
	const char		*progress[RUN_MAX_STEPS];
	size_t			 calls, told;
};

static enum run_outcome
stub_step(void *arg, struct buf *text)
{
	struct stub *s = arg;
	size_t i = s->calls++;

	if (s->text[i] != NULL)
		buf_adds(text, s->text[i]);
	return s->result[i];
}

static void
stub_progress(void *arg, const char *name)
{
	struct stub *s = arg;

	s->progress[s->told++] = name;
}

/* A table of n stub steps named as the seller's, with its meanings. */
static void
stub_table(struct run_step *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		t[i] = run_seller_steps[i];
		t[i].fn = stub_step;
	}
}

/*
 * Runs the n steps of t with s, and checks how many ran, the outcome
 * and the line (NULL: not checked).
 */
static void
expect_run(const struct run_step *t, size_t n, struct stub *s,
    size_t calls, enum run_outcome outcome, const char *want)
{
	struct run_results res;
	struct buf line;

	run_steps_do(t, n, s, stub_progress, &res);
	assert_int_equal(s->calls, calls);
	assert_int_equal(res.n, calls);
	assert_int_equal(s->told, calls);
	assert_int_equal(run_steps_outcome(&res), outcome);
	buf_init(&line, 0);
	run_steps_line(&res, &line);
	if (want != NULL)
		assert_string_equal(line.data, want);
	buf_free(&line);
	run_steps_free(&res);
}

static void
test_outcome_names(void **state)
{
	(void)state;
	assert_string_equal(run_outcome_names[RUN_OK], "ok");
	assert_string_equal(run_outcome_names[RUN_INCOMPLETE], "incomplete");
	assert_string_equal(run_outcome_names[RUN_DEFERRED], "deferred");
	assert_string_equal(run_outcome_names[RUN_FAILED], "failed");
}

/*
 * A failing step whose row says RUN_STOP ends the job there; one whose
 * row says RUN_GO_ON is said in the line, and the rest runs.
 */
static void
test_stop_or_go_on(void **state)
{
	struct run_step t[] = {
		{ "a", stub_step, RUN_STOP },
		{ "b", stub_step, RUN_STOP },
		{ "c", stub_step, RUN_STOP },
	};
	struct stub s = { { RUN_OK, RUN_FAILED, RUN_OK },
	    { "one", "two failed", "three" }, { NULL }, 0, 0 };

	(void)state;
	expect_run(t, 3, &s, 2, RUN_FAILED, "one; two failed");
	assert_string_equal(s.progress[1], "b");
	s.calls = s.told = 0;
	t[1].on_fail = RUN_GO_ON;
	expect_run(t, 3, &s, 3, RUN_FAILED, "one; two failed; three");
}

/* The outcome of results: the last word that was not ok wins, but
 * incomplete only qualifies an ok night. */
static void
test_outcome_rule(void **state)
{
	static const struct {
		enum run_outcome	in[3];
		enum run_outcome	out;
	} cases[] = {
		{ { RUN_OK, RUN_OK, RUN_OK }, RUN_OK },
		{ { RUN_OK, RUN_INCOMPLETE, RUN_OK }, RUN_INCOMPLETE },
		{ { RUN_FAILED, RUN_OK, RUN_OK }, RUN_FAILED },
		{ { RUN_FAILED, RUN_INCOMPLETE, RUN_OK }, RUN_FAILED },
		{ { RUN_DEFERRED, RUN_INCOMPLETE, RUN_OK }, RUN_DEFERRED },
		{ { RUN_FAILED, RUN_DEFERRED, RUN_OK }, RUN_DEFERRED },
		{ { RUN_DEFERRED, RUN_FAILED, RUN_INCOMPLETE }, RUN_FAILED },
	};
	struct run_results res;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&res, 0, sizeof(res));
		res.n = 3;
		memcpy(res.outcome, cases[i].in, sizeof(cases[i].in));
		assert_int_equal(run_steps_outcome(&res), cases[i].out);
	}
}

/* The seller's steps, in docs/design.md §9's order. */
static void
test_seller_order(void **state)
{
	static const char *const names[] = { "deadline", "store", "audit",
	    "reconcile", "file claims", "anomalies", "webhook", "dashboard",
	    "fetch", "completeness" };
	size_t i;

	(void)state;
	assert_int_equal(run_seller_nsteps, sizeof(names) / sizeof(names[0]));
	assert_true(run_seller_nsteps <= RUN_MAX_STEPS);
	for (i = 0; i < run_seller_nsteps; i++)
		assert_string_equal(run_seller_steps[i].name, names[i]);
	/* Nothing can run without the store and the night's claims; any
	 * later step's failure is said and the others still run. */
	for (i = 0; i < run_seller_nsteps; i++)
		assert_int_equal(run_seller_steps[i].on_fail, i <= 2 ?
		    RUN_STOP : RUN_GO_ON);
}

/* Each step of the seller's table failing in turn: the later steps run
 * exactly when its row says go on. */
static void
test_seller_failures(void **state)
{
	struct run_step t[RUN_MAX_STEPS];
	struct run_results res;
	struct stub s;
	size_t i, k;

	(void)state;
	stub_table(t, run_seller_nsteps);
	for (k = 0; k < run_seller_nsteps; k++) {
		memset(&s, 0, sizeof(s));
		s.result[k] = RUN_FAILED;
		run_steps_do(t, run_seller_nsteps, &s, NULL, &res);
		assert_int_equal(s.calls, t[k].on_fail == RUN_STOP ? k + 1 :
		    run_seller_nsteps);
		for (i = 0; i < res.n; i++)
			assert_int_equal(res.outcome[i], i == k ? RUN_FAILED :
			    RUN_OK);
		assert_int_equal(run_steps_outcome(&res), RUN_FAILED);
		run_steps_free(&res);
	}
}

/* A night whose fetch was cut by the deadline: the steps say their
 * parts, the line is made of them, and the night is deferred. */
static void
test_seller_line(void **state)
{
	struct run_step t[RUN_MAX_STEPS];
	struct stub s = { { RUN_OK }, { NULL, "fetched 2 files",
	    "3 claims, eligible 12.50 USD", NULL, "filed 1 via outbox",
	    "0 new anomalies (1 open)", "webhook failed",
	    "D/S/dashboard.html", "fetch: the run's deadline passed, the "
	    "rest next night", "incomplete: 1 report still generating" },
	    { NULL }, 0, 0 };

	(void)state;
	s.result[6] = RUN_FAILED;
	s.result[8] = RUN_DEFERRED;
	s.result[9] = RUN_INCOMPLETE;
	stub_table(t, run_seller_nsteps);
	expect_run(t, run_seller_nsteps, &s, run_seller_nsteps, RUN_DEFERRED,
	    "fetched 2 files; "
	    "3 claims, eligible 12.50 USD; filed 1 via outbox; "
	    "0 new anomalies (1 open); webhook failed; D/S/dashboard.html; "
	    "fetch: the run's deadline passed, the rest next night; "
	    "incomplete: 1 report still generating");
}

/* The deadline before a seller's turn: nothing else runs. */
static void
test_seller_deadline(void **state)
{
	struct run_step t[RUN_MAX_STEPS];
	struct stub s = { { RUN_DEFERRED },
	    { "the run's deadline passed; next night" }, { NULL }, 0, 0 };

	(void)state;
	stub_table(t, run_seller_nsteps);
	expect_run(t, run_seller_nsteps, &s, 1, RUN_DEFERRED,
	    "the run's deadline passed; next night");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_outcome_names),
		cmocka_unit_test(test_stop_or_go_on),
		cmocka_unit_test(test_outcome_rule),
		cmocka_unit_test(test_seller_order),
		cmocka_unit_test(test_seller_failures),
		cmocka_unit_test(test_seller_line),
		cmocka_unit_test(test_seller_deadline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
