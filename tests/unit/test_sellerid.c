/* Unit tests of lib/sellerid.h: seller ids that are safe folder names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/sellerid.h"

/* Amazon merchant ids and ids of the allowed characters are valid. */
static void
test_valid(void **state)
{
	(void)state;
	assert_true(sellerid_valid("A1B2C3D4E5F6G7"));
	assert_true(sellerid_valid("A2EUQ1WTGCTBG2"));
	assert_true(sellerid_valid("x"));
	assert_true(sellerid_valid("0"));
	assert_true(sellerid_valid("demo_seller-1"));
	assert_true(sellerid_valid("_"));
	assert_true(sellerid_valid("-"));
	assert_true(sellerid_valid("azAZ09_-"));
}

/* The length is 1 to 64 bytes. */
static void
test_length(void **state)
{
	char id[80];

	(void)state;
	assert_false(sellerid_valid(""));
	memset(id, 'A', 64);
	id[64] = '\0';
	assert_true(sellerid_valid(id));
	id[64] = 'A';
	id[65] = '\0';
	assert_false(sellerid_valid(id));
}

/* Anything that could escape or confuse a path is refused. */
static void
test_invalid_chars(void **state)
{
	(void)state;
	assert_false(sellerid_valid("."));
	assert_false(sellerid_valid(".."));
	assert_false(sellerid_valid("a/b"));
	assert_false(sellerid_valid("../etc"));
	assert_false(sellerid_valid("a\\b"));
	assert_false(sellerid_valid("a.b"));
	assert_false(sellerid_valid("a b"));
	assert_false(sellerid_valid(" a"));
	assert_false(sellerid_valid("a\n"));
	assert_false(sellerid_valid("a\t"));
	assert_false(sellerid_valid("s\xc3\xa9ller"));
	assert_false(sellerid_valid("\xff"));
	assert_false(sellerid_valid("a*"));
	assert_false(sellerid_valid("a:b"));
	assert_false(sellerid_valid("~a"));
	assert_false(sellerid_valid("a@b"));
	assert_false(sellerid_valid("[a]"));
	assert_false(sellerid_valid("`"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_invalid_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
