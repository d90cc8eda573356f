/* Unit tests of lib/mem.h: xasprintf (through it, xvasprintf). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/mem.h"

/* Formats like printf into a string of exactly the right length. */
static void
test_xasprintf(void **state)
{
	char *s;

	(void)state;
	s = xasprintf("%s/%s.tmp.%ld", "dir", "seller", 42L);
	assert_string_equal(s, "dir/seller.tmp.42");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
}

/* A result longer than any small stack buffer is whole. */
static void
test_xasprintf_long(void **state)
{
	char *long_in, *s;

	(void)state;
	long_in = xmalloc(5001);
	memset(long_in, 'x', 5000);
	long_in[5000] = '\0';
	s = xasprintf("<%s>", long_in);
	assert_int_equal(strlen(s), 5002);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[5001], '>');
	assert_memory_equal(s + 1, long_in, 5000);
	free(s);
	free(long_in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xasprintf),
		cmocka_unit_test(test_xasprintf_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
