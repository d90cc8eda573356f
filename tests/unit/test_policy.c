/*
 * Unit tests of audit/policy.h: which row a claim's window comes from, by
 * type, kind, marketplace and date, the seller's wait, the valuation
 * switch per marketplace and the Pan-European network. Day numbers worked
 * out by hand (2024-10-23 is day 20019).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "audit/policy.h"
#include "lib/marketplace.h"
#include "lib/date.h"

/* The day number of "YYYY-MM-DD". */
static int32_t
day(const char *s)
{
	int32_t d;

	if (date_parse_ymd(s, &d) == -1)
		fail_msg("bad date %s", s);
	return d;
}

/* Asserts the window of (type, kind, country, anchor, wait). */
static void
assert_window(const char *type, const char *kind, const char *country,
    const char *anchor, int wait, const char *opens, const char *closes)
{
	struct policy_window w;

	assert_int_equal(policy_window(type, kind, country, day(anchor), wait,
	    &w), 0);
	if (w.opens != day(opens) || w.closes != day(closes))
		fail_msg("%s %s %s %s: window %d..%d (%s), want %s..%s", type,
		    kind, country, anchor, (int)w.opens, (int)w.closes, w.rule,
		    opens, closes);
	assert_non_null(w.source);
	assert_true(strlen(w.source) > 10);
}

/* A window worked out by hand: (type, kind, country, anchor, wait). */
struct window_case {
	const char	*type, *kind, *country, *anchor;
	int		 wait;
	const char	*opens, *closes;
};

static const struct window_case window_cases[] = {
	/* Lost units: the wait is gone since 2021-05-14; 60 days since
	 * 2024-10-23; the seller's wait, and one that passes the close. */
	{ "warehouse_lost", "", "US", "2021-05-13", -1, "2021-06-12",
	    "2022-11-13" },
	{ "warehouse_lost", "", "US", "2024-06-01", -1, "2024-06-01",
	    "2025-12-01" },
	{ "warehouse_lost", "", "US", "2025-06-02", -1, "2025-06-02",
	    "2025-08-01" },
	{ "warehouse_damaged", "", "US", "2025-06-02", 7, "2025-06-09",
	    "2025-08-01" },
	{ "warehouse_lost", "", "US", "2024-06-01", 59, "2024-07-30",
	    "2025-12-01" },
	/* EU/UK: the old 30-day wait until their own 2025-01-09 change. */
	{ "warehouse_lost", "", "DE", "2024-11-01", -1, "2024-12-01",
	    "2026-05-01" },
	{ "warehouse_lost", "", "GB", "2025-01-09", -1, "2025-01-09",
	    "2025-03-10" },
	/* UAE from 2024-09-05, before the US date. */
	{ "warehouse_lost", "", "AE", "2024-09-05", -1, "2024-09-05",
	    "2024-11-04" },
	{ "warehouse_lost", "", "AE", "2024-09-04", -1, "2024-09-04",
	    "2026-03-04" },
	/* Japan: its own help pages (30 days to 18 months; returns 45 days
	 * to 18 months) until its 2025-01-10 change (60; returns 45-105);
	 * inbound on the US rows. */
	{ "warehouse_lost", "", "JP", "2024-11-01", -1, "2024-12-01",
	    "2026-05-01" },
	{ "customer_return_missing", "", "JP", "2024-12-20", -1,
	    "2025-02-03", "2026-06-20" },
	{ "warehouse_damaged", "", "JP", "2025-01-10", -1, "2025-01-10",
	    "2025-03-11" },
	{ "customer_return_missing", "", "JP", "2025-03-01", -1,
	    "2025-04-15", "2025-06-14" },
	{ "inbound_shortage", "", "JP", "2025-06-10", -1, "2025-06-25",
	    "2025-08-09" },
	/* Windows the seller's wait does not move. */
	{ "customer_return_missing", "", "US", "2025-06-02", 30,
	    "2025-08-01", "2025-09-30" },
	{ "customer_return_missing", "", "FR", "2025-06-02", -1,
	    "2025-07-17", "2025-09-15" },
	{ "customer_return_missing", "", "FR", "2024-12-01", -1,
	    "2025-01-15", "2026-06-01" },
	{ "customer_return_damaged", "", "US", "2025-06-10", -1,
	    "2025-06-10", "2025-07-25" },
	{ "inbound_shortage", "", "DE", "2025-06-10", -1, "2025-06-25",
	    "2025-12-10" },
	{ "removal_shortfall", "", "US", "2025-06-22", 5, "2025-06-22",
	    "2025-08-21" },
	{ "removal_shortfall", POLICY_KIND_LOST_IN_TRANSIT, "US",
	    "2025-06-10", -1, "2025-06-25", "2025-08-24" },
	{ "removal_shortfall", POLICY_KIND_LOST_IN_TRANSIT, "AE",
	    "2024-09-10", -1, "2024-09-25", "2024-11-24" },
	{ "reimbursement_underpaid", "", "", "2025-06-10", -1, "2025-06-10",
	    "2025-08-09" },
};

/* Every case's window, with a source; unknown rows are refused. */
static void
test_windows(void **state)
{
	const struct window_case *c;
	struct policy_window w;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(window_cases) / sizeof(window_cases[0]);
	    i++) {
		c = &window_cases[i];
		assert_window(c->type, c->kind, c->country, c->anchor, c->wait,
		    c->opens, c->closes);
	}
	assert_int_equal(policy_window("no_such_type", "", "US", 0, -1, &w),
	    -1);
	assert_int_equal(policy_window("warehouse_lost",
	    POLICY_KIND_LOST_IN_TRANSIT, "US", 0, -1, &w), -1);
}

/* Manufacturing cost from each marketplace's own date; none elsewhere. */
static void
test_basis(void **state)
{
	(void)state;
	assert_int_equal(policy_basis("US", day("2025-03-09")),
	    POLICY_BASIS_PRICE_FIRST);
	assert_int_equal(policy_basis("US", day("2025-03-10")),
	    POLICY_BASIS_COST_FIRST);
	assert_int_equal(policy_basis("DE", day("2025-03-10")),
	    POLICY_BASIS_COST_FIRST);
	assert_int_equal(policy_basis("JP", day("2025-03-10")),
	    POLICY_BASIS_PRICE_FIRST);
	assert_int_equal(policy_basis("JP", day("2025-03-11")),
	    POLICY_BASIS_COST_FIRST);
	assert_int_equal(policy_basis("CA", day("2026-01-01")),
	    POLICY_BASIS_PRICE_FIRST);
	assert_int_equal(policy_basis(NULL, day("2026-01-01")),
	    POLICY_BASIS_PRICE_FIRST);
	assert_int_equal(policy_unit_cap("USD"), 500000);
	assert_int_equal(policy_unit_cap("EUR"), 200000);
}

/* The Pan-European network, and marketplace ids. */
static void
test_network(void **state)
{
	(void)state;
	assert_true(policy_same_network("DE", "PL"));
	assert_true(policy_same_network("DE", "CZ"));
	assert_false(policy_same_network("US", "CA"));
	assert_false(policy_same_network("DE", "US"));
	assert_false(policy_same_network(NULL, "DE"));
	assert_string_equal(marketplace_country_by_id("A1PA6795UKMFR9"),
	    "DE");
	assert_string_equal(marketplace_country_by_id("ATVPDKIKX0DER"),
	    "US");
	assert_null(marketplace_country_by_id("NOPE"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_basis),
		cmocka_unit_test(test_network),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
