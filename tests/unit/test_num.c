/* Unit tests of lib/num.h: checked integers and money in minor units. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/num.h"

/* Parses a C string as an integer in [min, max]. */
static const char *
pint(const char *s, int64_t min, int64_t max, int64_t *out)
{
	return num_parse_int(s, strlen(s), min, max, out);
}

/* Asserts that s parses as money with exponent e to want. */
static void
assert_money(const char *s, int e, int64_t want)
{
	int64_t got = INT64_C(-777);
	const char *err = num_parse_money(s, strlen(s), e, &got);

	if (err != NULL)
		fail_msg("\"%s\" (exponent %d) refused: %s", s, e, err);
	if (got != want)
		fail_msg("\"%s\" (exponent %d): got %lld, want %lld", s, e,
		    (long long)got, (long long)want);
}

/* Asserts that s is refused as money with exponent e. */
static void
assert_money_refused(const char *s, int e)
{
	int64_t got = 0;

	if (num_parse_money(s, strlen(s), e, &got) == NULL)
		fail_msg("\"%s\" (exponent %d) accepted as %lld", s, e,
		    (long long)got);
}

/* Plain integers, signs and leading zeros. */
static void
test_int_basic(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(pint("0", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 0);
	assert_null(pint("42", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 42);
	assert_null(pint("+5", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 5);
	assert_null(pint("-17", INT64_MIN, INT64_MAX, &v));
	assert_true(v == -17);
	assert_null(pint("-0", INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 0);
	assert_null(pint("0000000000000000000000000000123", INT64_MIN,
	    INT64_MAX, &v));
	assert_int_equal(v, 123);
}

/* The extremes of int64 parse; one past either is out of range. */
static void
test_int_bounds(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(pint("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_null(pint("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);
	assert_string_equal(pint("9223372036854775808", INT64_MIN, INT64_MAX,
	    &v), "is out of range");
	assert_string_equal(pint("-9223372036854775809", INT64_MIN,
	    INT64_MAX, &v), "is out of range");
	assert_string_equal(pint("9223372036854775810", INT64_MIN, INT64_MAX,
	    &v), "is out of range");
	assert_string_equal(pint("99999999999999999999999", INT64_MIN,
	    INT64_MAX, &v), "is out of range");
	assert_string_equal(pint("18446744073709551616", INT64_MIN,
	    INT64_MAX, &v), "is out of range");
	assert_string_equal(pint("-18446744073709551616", INT64_MIN,
	    INT64_MAX, &v), "is out of range");
}

/* The caller's range is enforced at both ends, inclusively. */
static void
test_int_range(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(pint("10", 0, 10, &v));
	assert_int_equal(v, 10);
	assert_null(pint("0", 0, 10, &v));
	assert_int_equal(v, 0);
	assert_string_equal(pint("11", 0, 10, &v), "is out of range");
	assert_string_equal(pint("-1", 0, 10, &v), "is out of range");
	assert_null(pint("-10000000", -10000000, 10000000, &v));
	assert_true(v == -10000000);
	assert_string_equal(pint("-10000001", -10000000, 10000000, &v),
	    "is out of range");
	/* INT64_MIN itself is refused when the minimum is above it. */
	assert_string_equal(pint("-9223372036854775808", INT64_MIN + 1,
	    INT64_MAX, &v), "is out of range");
}

/* Anything but an optional sign and digits is not an integer. */
static void
test_int_not_integer(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_string_equal(pint("", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("-", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("+", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("1O", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint(" 1", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("1 ", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("+-1", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("--1", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("1.0", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("0x10", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_string_equal(pint("1e3", INT64_MIN, INT64_MAX, &v),
	    "is not an integer");
	assert_non_null(num_parse_int("1\0" "2", 3, INT64_MIN, INT64_MAX,
	    &v));
}

/* Only n bytes are read. */
static void
test_int_length(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(num_parse_int("123abc", 3, INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 123);
	assert_null(num_parse_int("98", 1, INT64_MIN, INT64_MAX, &v));
	assert_int_equal(v, 9);
	assert_non_null(num_parse_int("5", 0, INT64_MIN, INT64_MAX, &v));
}

/* Money with a decimal point or comma, signs, and missing decimals. */
static void
test_money_basic(void **state)
{
	(void)state;
	assert_money("12.34", 2, 1234);
	assert_money("-12,34", 2, -1234);
	assert_money("12,34", 2, 1234);
	assert_money("+12.34", 2, 1234);
	assert_money("7", 2, 700);
	assert_money("-7", 2, -700);
	assert_money("0.5", 2, 50);
	assert_money("0,05", 2, 5);
	assert_money("12.3", 2, 1230);
	assert_money("0", 2, 0);
	assert_money("-0.00", 2, 0);
	assert_money("007.10", 2, 710);
}

/* With exponent 0 (JPY) zero decimals are dropped, others refused. */
static void
test_money_exponent_zero(void **state)
{
	(void)state;
	assert_money("1500", 0, 1500);
	assert_money("1500.00", 0, 1500);
	assert_money("1500.0", 0, 1500);
	assert_money("-3", 0, -3);
	assert_money("1500,00", 0, 1500);
	assert_money_refused("1500.50", 0);
	assert_money_refused("1500.05", 0);
	assert_money_refused("1500.5", 0);
}

/* A third decimal, a second separator, or a bare separator is refused. */
static void
test_money_malformed(void **state)
{
	(void)state;
	assert_money_refused("1.234", 2);
	assert_money_refused("1,234", 2);
	assert_money_refused("1.230", 2);
	assert_money_refused("12.345.6", 2);
	assert_money_refused("1,234.56", 2);
	assert_money_refused(".5", 2);
	assert_money_refused(",5", 2);
	assert_money_refused("-.5", 2);
	assert_money_refused("+.5", 2);
	assert_money_refused("5.", 2);
	assert_money_refused("5,", 2);
	assert_money_refused(".", 2);
	assert_money_refused("", 2);
	assert_money_refused("-", 2);
	assert_money_refused("+", 2);
	assert_money_refused(" 5", 2);
	assert_money_refused("5 ", 2);
	assert_money_refused("1 234", 2);
	assert_money_refused("$5", 2);
	assert_money_refused("5USD", 2);
	assert_money_refused("1e3", 2);
	assert_money_refused("--5", 2);
	assert_money_refused("12.3a", 2);
}

/* Amounts past 10^15 minor units are refused, however written. */
static void
test_money_huge(void **state)
{
	(void)state;
	assert_money("10000000000000.00", 2, INT64_C(1000000000000000));
	assert_money("-10000000000000.00", 2, -INT64_C(1000000000000000));
	assert_money("1000000000000000", 0, INT64_C(1000000000000000));
	assert_money_refused("10000000000000.01", 2);
	assert_money_refused("10000000000001", 2);
	assert_money_refused("1000000000000001", 0);
	assert_money_refused("99999999999999999999", 2);
	assert_money_refused("-99999999999999999999", 2);
	assert_money_refused("92233720368547758.07", 2);
	assert_money_refused(
	    "999999999999999999999999999999999999999999999999.99", 2);
	/* Found by fuzz_money (its seed m25): past the cap, scaling by 10^3
	 * overflowed. */
	assert_money_refused("9223374374775808", 3);
}

/* Only n bytes are read. */
static void
test_money_length(void **state)
{
	int64_t v = 0;

	(void)state;
	assert_null(num_parse_money("12.34\t5", 5, 2, &v));
	assert_int_equal(v, 1234);
	assert_null(num_parse_money("12.345", 5, 2, &v));
	assert_int_equal(v, 1234);
	assert_non_null(num_parse_money("12.", 3, 2, &v));
}

/* ISO 4217 exponents: zero-decimal currencies, else 2. */
static void
test_currency_exponent(void **state)
{
	(void)state;
	assert_int_equal(num_currency_exponent("JPY"), 0);
	assert_int_equal(num_currency_exponent("USD"), 2);
	assert_int_equal(num_currency_exponent("EUR"), 2);
	assert_int_equal(num_currency_exponent("GBP"), 2);
	assert_int_equal(num_currency_exponent("KRW"), 0);
	assert_int_equal(num_currency_exponent(""), 2);
	assert_int_equal(num_currency_exponent("JPYX"), 2);
}

/* Formatting minor units, both signs, leading zeros and the extremes. */
static void
test_format_money(void **state)
{
	char out[32];

	(void)state;
	assert_string_equal(num_format_money(1234, 2, out, sizeof(out)),
	    "12.34");
	assert_string_equal(num_format_money(-1234, 2, out, sizeof(out)),
	    "-12.34");
	assert_string_equal(num_format_money(5, 2, out, sizeof(out)), "0.05");
	assert_string_equal(num_format_money(-5, 2, out, sizeof(out)),
	    "-0.05");
	assert_string_equal(num_format_money(0, 2, out, sizeof(out)), "0.00");
	assert_string_equal(num_format_money(700, 2, out, sizeof(out)),
	    "7.00");
	assert_string_equal(num_format_money(1500, 0, out, sizeof(out)),
	    "1500");
	assert_string_equal(num_format_money(-3, 0, out, sizeof(out)), "-3");
	assert_string_equal(num_format_money(0, 0, out, sizeof(out)), "0");
	assert_string_equal(num_format_money(INT64_MIN, 2, out, sizeof(out)),
	    "-92233720368547758.08");
	assert_string_equal(num_format_money(INT64_MAX, 0, out, sizeof(out)),
	    "9223372036854775807");
	assert_ptr_equal(num_format_money(1, 2, out, sizeof(out)), out);
	/* A short buffer is truncated, still terminated. */
	assert_string_equal(num_format_money(1234, 2, out, 4), "12.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int_basic),
		cmocka_unit_test(test_int_bounds),
		cmocka_unit_test(test_int_range),
		cmocka_unit_test(test_int_not_integer),
		cmocka_unit_test(test_int_length),
		cmocka_unit_test(test_money_basic),
		cmocka_unit_test(test_money_exponent_zero),
		cmocka_unit_test(test_money_malformed),
		cmocka_unit_test(test_money_huge),
		cmocka_unit_test(test_money_length),
		cmocka_unit_test(test_currency_exponent),
		cmocka_unit_test(test_format_money),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
