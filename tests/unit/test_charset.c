/* Unit tests of ingest/charset.h: UTF-8 validation and conversion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/charset.h"
#include "lib/buf.h"

/* charset_utf8_valid of a C string. */
static size_t
valid(const char *s)
{
	return charset_utf8_valid(s, strlen(s));
}

/* Converts n bytes of s from cs; asserts success and the UTF-8 want. */
static void
assert_converts(enum charset cs, const char *s, size_t n, const char *want)
{
	struct buf b;

	buf_init(&b, 0);
	assert_int_equal(charset_to_utf8(cs, s, n, &b), 0);
	assert_int_equal(b.len, strlen(want));
	if (b.len > 0)
		assert_memory_equal(b.data, want, b.len);
	buf_free(&b);
}

/* Asserts that converting s from cs fails. */
static void
assert_no_char(enum charset cs, const char *s, size_t n)
{
	struct buf b;

	buf_init(&b, 0);
	assert_int_equal(charset_to_utf8(cs, s, n, &b), -1);
	buf_free(&b);
}

/* ASCII and well-formed 2, 3 and 4 byte sequences are valid. */
static void
test_valid_multibyte(void **state)
{
	(void)state;
	assert_int_equal(charset_utf8_valid("", 0), 0);
	assert_int_equal(valid("plain ascii\t\r\n"), 14);
	assert_int_equal(valid("h\xc3\xa9llo"), 6);	/* é */
	assert_int_equal(valid("\xe2\x82\xac 5"), 5);	/* € */
	assert_int_equal(valid("\xf0\x9d\x84\x9e"), 4);	/* 𝄞 */
	assert_int_equal(valid("\xc2\x80"), 2);	/* U+0080 */
	assert_int_equal(valid("\xdf\xbf"), 2);	/* U+07FF */
	assert_int_equal(valid("\xe0\xa0\x80"), 3);	/* U+0800 */
	assert_int_equal(valid("\xed\x9f\xbf"), 3);	/* U+D7FF */
	assert_int_equal(valid("\xee\x80\x80"), 3);	/* U+E000 */
	assert_int_equal(valid("\xef\xbf\xbf"), 3);	/* U+FFFF */
	assert_int_equal(valid("\xf0\x90\x80\x80"), 4);	/* U+10000 */
	assert_int_equal(valid("\xf4\x8f\xbf\xbf"), 4);	/* U+10FFFF */
	assert_int_equal(valid("\xef\xbb\xbf" "BOM"), 6);
	/* An embedded NUL is a valid character. */
	assert_int_equal(charset_utf8_valid("a\0b", 3), 3);
}

/* Overlong forms are refused at their first byte. */
static void
test_overlong(void **state)
{
	(void)state;
	assert_int_equal(valid("\xc0\x80"), 0);
	assert_int_equal(valid("ab\xc1\xbf"), 2);
	assert_int_equal(valid("\xe0\x80\x80"), 0);
	assert_int_equal(valid("x\xe0\x9f\xbf"), 1);
	assert_int_equal(valid("\xf0\x80\x80\x80"), 0);
	assert_int_equal(valid("\xf0\x8f\xbf\xbf"), 0);
}

/* UTF-16 surrogates and code points past U+10FFFF are refused. */
static void
test_surrogates_and_range(void **state)
{
	(void)state;
	assert_int_equal(valid("\xed\xa0\x80"), 0);
	assert_int_equal(valid("ab\xed\xa0\x80"), 2);
	assert_int_equal(valid("\xed\xbf\xbf"), 0);
	assert_int_equal(valid("\xf4\x90\x80\x80"), 0);
	assert_int_equal(valid("\xf5\x80\x80\x80"), 0);
	assert_int_equal(valid("\xf8\x88\x80\x80\x80"), 0);
	assert_int_equal(valid("\xfe"), 0);
	assert_int_equal(valid("\xff"), 0);
}

/* Stray continuation bytes and bad continuations are refused. */
static void
test_bad_continuation(void **state)
{
	(void)state;
	assert_int_equal(valid("\x80"), 0);
	assert_int_equal(valid("a\xbf" "b"), 1);
	assert_int_equal(valid("\xc3\x28"), 0);
	assert_int_equal(valid("\xe2\x28\xa1"), 0);
	assert_int_equal(valid("\xe2\x82\x28"), 0);
	assert_int_equal(valid("\xf0\x9d\x84\x28"), 0);
	assert_int_equal(valid("\xc3\xa9\xa9"), 2);
}

/* A sequence cut off by the end of the text is refused. */
static void
test_truncated(void **state)
{
	(void)state;
	assert_int_equal(valid("\xc3"), 0);
	assert_int_equal(valid("abc\xe2\x82"), 3);
	assert_int_equal(valid("x\xf0\x9f\x98"), 1);
	assert_int_equal(valid("\xf0"), 0);
	/* Only n bytes count: cut the é of "aé" after its first byte. */
	assert_int_equal(charset_utf8_valid("a\xc3\xa9", 2), 1);
	assert_int_equal(charset_utf8_valid("a\xc3\xa9", 3), 3);
	/* 16 ASCII bytes then a cut sequence at the very end. */
	assert_int_equal(valid("0123456789abcdef\xe2\x82"), 16);
}

/* An invalid byte at any offset past 8-byte chunks is found there. */
static void
test_fast_path_boundaries(void **state)
{
	char s[32];
	size_t off, n;

	(void)state;
	for (off = 0; off <= 17; off++) {
		for (n = off + 1; n <= 24; n++) {
			memset(s, 'a', sizeof(s));
			s[off] = (char)0xff;
			if (charset_utf8_valid(s, n) != off)
				fail_msg("0xff at %zu of %zu: got %zu", off, n,
				    charset_utf8_valid(s, n));
			/* A valid é there passes, when it fits. */
			s[off] = (char)0xc3;
			s[off + 1] = (char)0xa9;
			if (off + 2 <= n && charset_utf8_valid(s, n) != n)
				fail_msg("é at %zu of %zu: got %zu", off, n,
				    charset_utf8_valid(s, n));
			if (off + 1 == n && charset_utf8_valid(s, n) != off)
				fail_msg("cut é at %zu of %zu: got %zu", off,
				    n, charset_utf8_valid(s, n));
		}
	}
	/* A high bit in the last of eight bytes (0x80 in the top lane). */
	memcpy(s, "abcdefg\x80", 8);
	assert_int_equal(charset_utf8_valid(s, 8), 7);
	for (n = 0; n <= 24; n++) {
		memset(s, 'z', sizeof(s));
		assert_int_equal(charset_utf8_valid(s, n), n);
	}
}

/* Windows-1252's 0x80-0x9F are the typographic characters, holes fail. */
static void
test_cp1252(void **state)
{
	/* UTF-8 of Windows-1252 0x80..0x9F; NULL where undefined. */
	static const char *const high[32] = {
		"\xe2\x82\xac", NULL, "\xe2\x80\x9a", "\xc6\x92",
		"\xe2\x80\x9e", "\xe2\x80\xa6", "\xe2\x80\xa0", "\xe2\x80\xa1",
		"\xcb\x86", "\xe2\x80\xb0", "\xc5\xa0", "\xe2\x80\xb9",
		"\xc5\x92", NULL, "\xc5\xbd", NULL,
		NULL, "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\x9c",
		"\xe2\x80\x9d", "\xe2\x80\xa2", "\xe2\x80\x93", "\xe2\x80\x94",
		"\xcb\x9c", "\xe2\x84\xa2", "\xc5\xa1", "\xe2\x80\xba",
		"\xc5\x93", NULL, "\xc5\xbe", "\xc5\xb8",
	};
	char c;
	int i;

	(void)state;
	assert_converts(CHARSET_CP1252, "\x80", 1, "\xe2\x82\xac");
	assert_converts(CHARSET_CP1252, "\x93quoted\x94", 8,
	    "\xe2\x80\x9cquoted\xe2\x80\x9d");
	assert_converts(CHARSET_CP1252, "K\xf6ln", 4, "K\xc3\xb6ln");
	assert_converts(CHARSET_CP1252, "\xa0\xff", 2, "\xc2\xa0\xc3\xbf");
	assert_no_char(CHARSET_CP1252, "\x81", 1);
	assert_no_char(CHARSET_CP1252, "ok then \x8d", 9);
	for (i = 0; i < 32; i++) {
		c = (char)(0x80 + i);
		if (high[i] == NULL)
			assert_no_char(CHARSET_CP1252, &c, 1);
		else
			assert_converts(CHARSET_CP1252, &c, 1, high[i]);
	}
}

/* Latin-1 maps every byte to the same code point, 0x80-0x9F included. */
static void
test_latin1(void **state)
{
	struct buf b;
	char c;
	int i;

	(void)state;
	assert_converts(CHARSET_LATIN1, "\x80", 1, "\xc2\x80");
	assert_converts(CHARSET_LATIN1, "\x81", 1, "\xc2\x81");
	assert_converts(CHARSET_LATIN1, "K\xf6ln", 4, "K\xc3\xb6ln");
	assert_converts(CHARSET_LATIN1, "\xff", 1, "\xc3\xbf");
	for (i = 0x80; i <= 0xff; i++) {
		char want[3] = { (char)(0xc0 | (i >> 6)),
		    (char)(0x80 | (i & 0x3f)), 0 };

		c = (char)i;
		assert_converts(CHARSET_LATIN1, &c, 1, want);
	}
	/* Conversion appends to what the buffer holds. */
	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, "x:"), 0);
	assert_int_equal(charset_to_utf8(CHARSET_LATIN1, "\xe9t\xe9", 3, &b),
	    0);
	assert_string_equal(b.data, "x:\xc3\xa9t\xc3\xa9");
	/* ASCII passes through unchanged, NUL bytes included. */
	buf_reset(&b);
	assert_int_equal(charset_to_utf8(CHARSET_CP1252, "a\0b", 3, &b), 0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	buf_free(&b);
}

/* Conversion fails when the buffer's maximum would be passed. */
static void
test_convert_max(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 2);
	assert_int_equal(charset_to_utf8(CHARSET_CP1252, "\x80", 1, &b), -1);
	buf_free(&b);
	buf_init(&b, 3);
	assert_int_equal(charset_to_utf8(CHARSET_CP1252, "\x80", 1, &b), 0);
	assert_string_equal(b.data, "\xe2\x82\xac");
	buf_free(&b);
	buf_init(&b, 4);
	assert_int_equal(charset_to_utf8(CHARSET_LATIN1, "abcde", 5, &b), -1);
	buf_free(&b);
}

/* Charset names parse without case; canonical names come back. */
static void
test_names(void **state)
{
	(void)state;
	assert_int_equal(charset_parse("utf-8"), CHARSET_UTF8);
	assert_int_equal(charset_parse("UTF8"), CHARSET_UTF8);
	assert_int_equal(charset_parse("Windows-1252"), CHARSET_CP1252);
	assert_int_equal(charset_parse("cp1252"), CHARSET_CP1252);
	assert_int_equal(charset_parse("ISO-8859-1"), CHARSET_LATIN1);
	assert_int_equal(charset_parse("latin1"), CHARSET_LATIN1);
	assert_int_equal(charset_parse("ascii"), -1);
	assert_int_equal(charset_parse(""), -1);
	assert_int_equal(charset_parse("utf-16"), -1);
	assert_string_equal(charset_name(CHARSET_UTF8), "utf-8");
	assert_string_equal(charset_name(CHARSET_CP1252), "windows-1252");
	assert_string_equal(charset_name(CHARSET_LATIN1), "iso-8859-1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_multibyte),
		cmocka_unit_test(test_overlong),
		cmocka_unit_test(test_surrogates_and_range),
		cmocka_unit_test(test_bad_continuation),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_fast_path_boundaries),
		cmocka_unit_test(test_cp1252),
		cmocka_unit_test(test_latin1),
		cmocka_unit_test(test_convert_max),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
