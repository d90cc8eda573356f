/* Unit tests of lib/buf.h: the bounded growable buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/buf.h"

/* A fresh buffer is empty and appends of every kind concatenate. */
static void
test_append(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_add(&b, "ab", 2), 0);
	assert_int_equal(buf_addc(&b, 'c'), 0);
	assert_int_equal(buf_adds(&b, "def"), 0);
	assert_int_equal(buf_add(&b, "zzz", 0), 0);
	assert_int_equal(b.len, 6);
	assert_string_equal(b.data, "abcdef");
	buf_free(&b);
}

/* buf_add copies embedded NUL bytes and still terminates the data. */
static void
test_append_nul_bytes(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_add(&b, "a\0b", 3), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b\0", 4);
	buf_free(&b);
}

/* Growth past the first allocation keeps every byte in order. */
static void
test_append_grows(void **state)
{
	struct buf b;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	for (i = 0; i < 10000; i++)
		assert_int_equal(buf_addc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 10000);
	assert_true(b.cap > 10000);
	for (i = 0; i < 10000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(b.data[10000], '\0');
	buf_free(&b);
}

/* buf_printf formats and appends after what is there. */
static void
test_printf(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "x="), 0);
	assert_int_equal(buf_printf(&b, "%d-%s-%04x", 42, "ok", 255), 0);
	assert_string_equal(b.data, "x=42-ok-00ff");
	assert_int_equal(b.len, 12);
	buf_free(&b);
}

/* A printf longer than the initial capacity is written whole. */
static void
test_printf_long(void **state)
{
	struct buf b;
	char want[301];

	(void)state;
	/* %0300d of 9 is 299 zeros then 9. */
	memset(want, '0', 299);
	want[299] = '9';
	want[300] = '\0';
	buf_init(&b, 0);
	assert_int_equal(buf_printf(&b, "%0300d", 9), 0);
	assert_int_equal(b.len, 300);
	assert_string_equal(b.data, want);
	buf_free(&b);
}

/* An append that would pass the maximum fails and changes nothing. */
static void
test_max_refused_intact(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 5);
	assert_int_equal(buf_adds(&b, "abc"), 0);
	assert_int_equal(buf_adds(&b, "def"), -1);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	assert_int_equal(buf_add(&b, "xyz", 3), -1);
	assert_int_equal(buf_printf(&b, "%s", "123"), -1);
	assert_int_equal(b.len, 3);
	assert_string_equal(b.data, "abc");
	/* Exactly up to the maximum is allowed. */
	assert_int_equal(buf_add(&b, "de", 2), 0);
	assert_string_equal(b.data, "abcde");
	assert_int_equal(buf_addc(&b, 'f'), -1);
	assert_int_equal(buf_printf(&b, "%s", "g"), -1);
	assert_int_equal(buf_add(&b, "", 0), 0);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.data, "abcde");
	buf_free(&b);
}

/* buf_printf may fill a bounded buffer exactly to its maximum. */
static void
test_max_printf_exact(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 4);
	assert_int_equal(buf_printf(&b, "%d", 1234), 0);
	assert_string_equal(b.data, "1234");
	buf_reset(&b);
	assert_int_equal(buf_printf(&b, "%d", 12345), -1);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_free(&b);
}

/* A huge length cannot wrap the size arithmetic into success. */
static void
test_huge_length_refused(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "a"), 0);
	assert_int_equal(buf_add(&b, "x", (size_t)-1), -1);
	assert_int_equal(buf_add(&b, "x", (size_t)-1 / 2), -1);
	assert_string_equal(b.data, "a");
	buf_free(&b);
}

/* buf_take hands over the text and leaves an empty, reusable buffer. */
static void
test_take(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 100);
	assert_int_equal(buf_adds(&b, "hello"), 0);
	s = buf_take(&b);
	assert_string_equal(s, "hello");
	assert_int_equal(b.len, 0);
	assert_null(b.data);
	assert_int_equal(b.max, 100);
	free(s);
	/* Taking from an empty buffer gives an empty string to free. */
	s = buf_take(&b);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(buf_adds(&b, "again"), 0);
	assert_string_equal(b.data, "again");
	buf_free(&b);
}

/* buf_reset empties the text but keeps the memory for reuse. */
static void
test_reset(void **state)
{
	struct buf b;
	char *before;
	size_t cap;

	(void)state;
	buf_init(&b, 0);
	buf_reset(&b);		/* on a never-used buffer: no crash */
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_adds(&b, "some text"), 0);
	before = b.data;
	cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_ptr_equal(b.data, before);
	assert_int_equal(b.cap, cap);
	assert_string_equal(b.data, "");
	assert_int_equal(buf_adds(&b, "new"), 0);
	assert_string_equal(b.data, "new");
	buf_free(&b);
}

/* After buf_free the buffer is empty and can be used again. */
static void
test_free_reuse(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_adds(&b, "12345678"), 0);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.max, 8);
	assert_int_equal(buf_adds(&b, "123456789"), -1);
	assert_int_equal(buf_adds(&b, "1234"), 0);
	assert_string_equal(b.data, "1234");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_append_nul_bytes),
		cmocka_unit_test(test_append_grows),
		cmocka_unit_test(test_printf),
		cmocka_unit_test(test_printf_long),
		cmocka_unit_test(test_max_refused_intact),
		cmocka_unit_test(test_max_printf_exact),
		cmocka_unit_test(test_huge_length_refused),
		cmocka_unit_test(test_take),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_free_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
