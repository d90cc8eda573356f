/* Unit tests of lib/clock.h: the real clock and a fixed "today". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <cmocka.h>

#include "lib/clock.h"

/* Runs first: unfixed, the clock follows the real UTC time. */
static void
test_real_clock(void **state)
{
	int64_t before, now, after;
	int32_t today;

	(void)state;
	assert_false(clock_is_fixed());
	before = (int64_t)time(NULL);
	now = clock_now();
	today = clock_today();
	after = (int64_t)time(NULL);
	assert_true(now >= before && now <= after);
	assert_true(today == before / 86400 || today == after / 86400);
}

/* Bad dates are refused and leave the clock unfixed. */
static void
test_set_refused_unfixed(void **state)
{
	(void)state;
	assert_int_equal(clock_set_today("2025-02-29"), -1);
	assert_int_equal(clock_set_today("2025-4-12"), -1);
	assert_int_equal(clock_set_today("04/12/2025"), -1);
	assert_int_equal(clock_set_today(""), -1);
	assert_int_equal(clock_set_today("2025-04-12T00:00:00Z"), -1);
	assert_false(clock_is_fixed());
}

/* A fixed day is today, and now is that day's midnight UTC. */
static void
test_fixed_day(void **state)
{
	(void)state;
	assert_int_equal(clock_set_today("2025-04-12"), 0);
	assert_true(clock_is_fixed());
	assert_int_equal(clock_today(), 20190);
	assert_true(clock_now() == INT64_C(1744416000));
	/* Still the same a moment later: no real time leaks in. */
	assert_true(clock_now() == INT64_C(1744416000));
}

/* A refused date keeps the day fixed before; a good one replaces it. */
static void
test_refused_keeps_fixed(void **state)
{
	(void)state;
	assert_int_equal(clock_set_today("2025-13-01"), -1);
	assert_true(clock_is_fixed());
	assert_int_equal(clock_today(), 20190);
	assert_int_equal(clock_set_today("2024-02-29"), 0);
	assert_int_equal(clock_today(), 19782);
	assert_true(clock_now() == INT64_C(19782) * 86400);
}

int
main(void)
{
	/* Order matters: the clock's state is global to the process. */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_clock),
		cmocka_unit_test(test_set_refused_unfixed),
		cmocka_unit_test(test_fixed_day),
		cmocka_unit_test(test_refused_keeps_fixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
