/*
 * Unit tests of market/fetch_pool.c with a stub of Amazon (no server):
 * several sellers' whole nights on two workers, and fetch_opts.done
 * called once per seller, on fetch_run's own thread, with the result
 * fetch_run returns, for sellers that fetched, that failed at once
 * (unreadable secrets) and that the deadline deferred.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "lib/clock.h"
#include "tests/unit/fetch_test.h"

#define NSELLERS	5

/* What done saw. */
struct seen {
	pthread_t			 caller;
	const struct fetch_result	*fr[NSELLERS * 2];
	int				 imported[NSELLERS * 2];
	int				 calls;
	int				 other_thread;
};

static void
seen_done(const struct fetch_result *fr, void *arg)
{
	struct seen *sn = arg;

	if (!pthread_equal(pthread_self(), sn->caller))
		sn->other_thread++;
	if (sn->calls < NSELLERS * 2) {
		sn->fr[sn->calls] = fr;
		sn->imported[sn->calls] = fr->imported;
	}
	sn->calls++;
}

/* NSELLERS sellers S0..S4; S1 and S3 with secrets that could not be read. */
static struct fx *
pool_new(struct config_seller *cs)
{
	static const char *ids[NSELLERS] = { "S0", "S1", "S2", "S3", "S4" };
	struct fx *x = fx_new();
	size_t i;

	for (i = 0; i < NSELLERS; i++) {
		cs[i] = x->cs;
		cs[i].id = (char *)ids[i];
		if (i % 2 == 1)
			cs[i].error = "client_secret_file: no secret";
	}
	x->cf.sellers = cs;
	x->cf.nsellers = NSELLERS;
	return x;
}

/* Every seller's done, once, on this thread, with fetch_run's result. */
static void
test_done_once(void **state)
{
	struct config_seller cs[NSELLERS];
	struct fx *x = pool_new(cs);
	struct fetch_result *res;
	struct seen sn;
	size_t i, k, n;

	(void)state;
	memset(&sn, 0, sizeof(sn));
	sn.caller = pthread_self();
	x->o.done = seen_done;
	x->o.done_arg = &sn;
	res = fetch_pool_run(&x->o, &stub_ops, &n);
	assert_non_null(res);
	assert_int_equal(n, NSELLERS);
	assert_int_equal(sn.calls, NSELLERS);
	assert_int_equal(sn.other_thread, 0);
	for (i = 0; i < n; i++) {
		for (k = 0; k < NSELLERS && sn.fr[k] != &res[i]; k++)
			continue;
		assert_true(k < NSELLERS);	/* reported, and once: */
		for (k++; k < NSELLERS; k++)
			assert_ptr_not_equal(sn.fr[k], &res[i]);
		if (i % 2 == 1) {
			assert_true(res[i].failed);
			assert_int_equal(res[i].created, 0);
		} else {
			assert_false(res[i].failed);
			assert_true(res[i].created > 0);
			assert_int_equal(res[i].imported, res[i].created);
		}
	}
	/* Each was reported once its fetch had ended. */
	for (k = 0; k < NSELLERS; k++)
		assert_int_equal(sn.imported[k], sn.fr[k]->imported);
	free(res);
	fx_free(x);
}

/* The deadline passed before anyone began: each is deferred, and told. */
static void
test_done_deferred(void **state)
{
	struct config_seller cs[NSELLERS];
	struct fx *x = pool_new(cs);
	struct fetch_result *res;
	struct seen sn;
	size_t i, n;

	(void)state;
	memset(&sn, 0, sizeof(sn));
	sn.caller = pthread_self();
	x->o.done = seen_done;
	x->o.done_arg = &sn;
	x->o.deadline_ms = clock_mono_ms() - 1000;
	res = fetch_pool_run(&x->o, &stub_ops, &n);
	assert_int_equal(n, NSELLERS);
	assert_int_equal(sn.calls, NSELLERS);
	for (i = 0; i < n; i++)
		assert_true(res[i].deferred);
	assert_int_equal(stub.creates, 0);
	free(res);
	fx_free(x);
}

/* No done: the same night, nothing called. */
static void
test_no_done(void **state)
{
	struct config_seller cs[NSELLERS];
	struct fx *x = pool_new(cs);
	struct fetch_result *res;
	size_t n;

	(void)state;
	x->cf.fetch.max_transfers = 1;
	res = fetch_pool_run(&x->o, &stub_ops, &n);
	assert_int_equal(n, NSELLERS);
	assert_false(res[0].failed);
	assert_true(res[1].failed);
	free(res);
	fx_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_done_once),
		cmocka_unit_test(test_done_deferred),
		cmocka_unit_test(test_no_done),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
