/* Unit tests of market/ratelimit.h and market/retry.h, on a fake clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "market/http.h"
#include "market/ratelimit.h"
#include "market/retry.h"

/* createReport's plan: a burst of 15, then one a minute. */
static void
test_bucket(void **state)
{
	struct ratelimit rl;
	double t = 1000, w;
	int i;

	(void)state;
	ratelimit_init(&rl, 0.0167, 15, t);
	for (i = 0; i < 15; i++)
		assert_true(ratelimit_take(&rl, t) == 0);
	w = ratelimit_take(&rl, t);
	assert_true(w > 59.8 && w < 59.9);
	/* Nothing was taken by the refusal; a minute later one is there. */
	assert_true(ratelimit_take(&rl, t + 30) > 29);
	assert_true(ratelimit_take(&rl, t + 60) == 0);
	assert_true(ratelimit_take(&rl, t + 60) > 59);
	/* Refill stops at the burst. */
	assert_true(ratelimit_take(&rl, t + 1e6) == 0);
	for (i = 0; i < 14; i++)
		assert_true(ratelimit_take(&rl, t + 1e6) == 0);
	assert_true(ratelimit_take(&rl, t + 1e6) > 0);
	/* A clock going back takes nothing away. */
	assert_true(ratelimit_take(&rl, t) > 0);
}

/* A 429 empties the bucket; an announced lower rate is adopted. */
static void
test_drain_and_rate(void **state)
{
	struct ratelimit rl;

	(void)state;
	ratelimit_init(&rl, 2, 15, 0);
	ratelimit_drain(&rl, 0);
	assert_true(ratelimit_take(&rl, 0) == 0.5);
	assert_true(ratelimit_take(&rl, 0.5) == 0);
	ratelimit_set_rate(&rl, 0.5, 0.5);
	assert_true(ratelimit_take(&rl, 0.5) == 2);
	ratelimit_set_rate(&rl, 100, 0.5);	/* faster: ignored */
	assert_true(ratelimit_take(&rl, 0.5) == 2);
}

/* Only 429, 500, 503 and transport errors are transient. */
static void
test_transient(void **state)
{
	struct retry_policy get = { 5, 60, 1, 64, 1 };
	struct retry_policy post = { 5, 60, 1, 64, 0 };
	struct http_response r;
	long final[] = { 200, 202, 400, 401, 403, 404, 409, 413, 501 };
	size_t i;

	(void)state;
	http_response_init(&r);
	for (i = 0; i < sizeof(final) / sizeof(final[0]); i++) {
		r.status = final[i];
		assert_false(retry_transient(&get, &r));
	}
	r.status = 429;
	assert_true(retry_transient(&get, &r));
	assert_true(retry_transient(&post, &r));
	r.status = 503;
	assert_true(retry_transient(&post, &r));
	/* A 500 to createReport may have made a report: not repeated. */
	r.status = 500;
	assert_true(retry_transient(&get, &r));
	assert_false(retry_transient(&post, &r));
	/* A proxy's 502 or 504: the request may have reached the server. */
	r.status = 502;
	assert_true(retry_transient(&get, &r));
	assert_false(retry_transient(&post, &r));
	r.status = 504;
	assert_true(retry_transient(&get, &r));
	assert_false(retry_transient(&post, &r));
	r.status = 0;
	r.transport = 28;
	r.connected = 1;
	assert_true(retry_transient(&get, &r));
	assert_false(retry_transient(&post, &r));
	r.connected = 0;
	assert_true(retry_transient(&post, &r));
	r.too_big = 1;
	assert_false(retry_transient(&get, &r));
	http_response_free(&r);
}

/* Exponential, jittered, capped, floored at 1/RateLimit-Limit. */
static void
test_delay(void **state)
{
	struct retry_policy p = { 8, 600, 0.5, 4, 1 };

	(void)state;
	assert_true(retry_delay(&p, 1, 0, 0.5) == 0.25);
	assert_true(retry_delay(&p, 2, 0, 0.5) == 0.5);
	assert_true(retry_delay(&p, 3, 0, 1.0 - 1e-9) < 2.0);
	assert_true(retry_delay(&p, 10, 0, 0.5) == 2.0);	/* cap 4 */
	assert_true(retry_delay(&p, 1, 0, 0) == 0);
	/* Amazon said 0.0167 per second: never sooner than a minute. */
	assert_true(retry_delay(&p, 1, 0.0167, 0) > 59.8);
	assert_true(retry_delay(&p, 1, 2, 0) == 0.5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bucket),
		cmocka_unit_test(test_drain_and_rate),
		cmocka_unit_test(test_transient),
		cmocka_unit_test(test_delay),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
