/*
 * Unit tests of ingest/charset.h: UTF-8 validation, charset names and
 * conversion with iconv.
 */
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

/* charset_conv() from cs with a converter of its own. */
static int
to_utf8(enum charset cs, const char *s, size_t n, struct buf *out,
    unsigned char *bad_byte, size_t *bad_at)
{
	struct charset_conv *c = charset_conv_open(cs);
	int rc;

	assert_non_null(c);
	rc = charset_conv(c, s, n, out, bad_byte, bad_at);
	charset_conv_close(c);
	return rc;
}

/* Converts n bytes of s from cs; asserts success and the UTF-8 want. */
static void
assert_converts(enum charset cs, const char *s, size_t n, const char *want)
{
	struct buf b;
	unsigned char byte;
	size_t at;

	buf_init(&b, 0);
	assert_int_equal(to_utf8(cs, s, n, &b, &byte, &at), 0);
	assert_int_equal(b.len, strlen(want));
	if (b.len > 0)
		assert_memory_equal(b.data, want, b.len);
	buf_free(&b);
}

/*
 * Asserts that byte off of s has no character in cs: it is named, and
 * U+FFFD stands for it in the output.
 */
static void
assert_no_char(enum charset cs, const char *s, size_t n, size_t off)
{
	struct buf b;
	unsigned char byte = 0;
	size_t at = 99;

	buf_init(&b, 0);
	assert_int_equal(to_utf8(cs, s, n, &b, &byte, &at), 1);
	assert_int_equal(byte, (unsigned char)s[off]);
	assert_true(at + 3 <= b.len);
	assert_memory_equal(b.data + at, "\xef\xbf\xbd", 3);
	assert_int_equal(charset_utf8_valid(b.data, b.len), b.len);
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
	assert_no_char(CHARSET_CP1252, "\x81", 1, 0);
	assert_no_char(CHARSET_CP1252, "ok then \x8d", 9, 8);
	for (i = 0; i < 32; i++) {
		c = (char)(0x80 + i);
		if (high[i] == NULL)
			assert_no_char(CHARSET_CP1252, &c, 1, 0);
		else
			assert_converts(CHARSET_CP1252, &c, 1, high[i]);
	}
}

/* Latin-1 maps every byte to the same code point, 0x80-0x9F included. */
static void
test_latin1(void **state)
{
	struct buf b;
	unsigned char byte;
	size_t at;
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
	assert_int_equal(to_utf8(CHARSET_LATIN1, "\xe9t\xe9", 3, &b, &byte,
	    &at), 0);
	assert_string_equal(b.data, "x:\xc3\xa9t\xc3\xa9");
	/* ASCII passes through unchanged, NUL bytes included. */
	buf_reset(&b);
	assert_int_equal(to_utf8(CHARSET_CP1252, "a\0b", 3, &b, &byte, &at),
	    0);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	buf_free(&b);
}

/* Conversion fails when the buffer's maximum would be passed. */
static void
test_convert_max(void **state)
{
	struct buf b;
	unsigned char byte;
	size_t at;

	(void)state;
	buf_init(&b, 2);
	assert_int_equal(to_utf8(CHARSET_CP1252, "\x80", 1, &b, &byte, &at),
	    -1);
	buf_free(&b);
	buf_init(&b, 3);
	assert_int_equal(to_utf8(CHARSET_CP1252, "\x80", 1, &b, &byte, &at),
	    0);
	assert_string_equal(b.data, "\xe2\x82\xac");
	buf_free(&b);
	buf_init(&b, 4);
	assert_int_equal(to_utf8(CHARSET_LATIN1, "abcde", 5, &b, &byte, &at),
	    -1);
	buf_free(&b);
	/* The U+FFFD that stands for a bad byte counts too. */
	buf_init(&b, 2);
	assert_int_equal(to_utf8(CHARSET_CP1252, "\x81", 1, &b, &byte, &at),
	    -1);
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
	/* ASCII files are UTF-8 files. */
	assert_int_equal(charset_parse("US-ASCII"), CHARSET_UTF8);
	assert_int_equal(charset_parse(""), -1);
	assert_int_equal(charset_parse("utf-16"), -1);
	assert_int_equal(charset_parse("ebcdic"), -1);
	assert_int_equal(charset_parse("shift"), -1);
	assert_int_equal(charset_parse("shift_jis_x"), -1);
	/* Every spelling Amazon and sellers use for the Japanese ones. */
	assert_int_equal(charset_parse("Shift_JIS"), CHARSET_CP932);
	assert_int_equal(charset_parse("shift-jis"), CHARSET_CP932);
	assert_int_equal(charset_parse("SJIS"), CHARSET_CP932);
	assert_int_equal(charset_parse("windows-31j"), CHARSET_CP932);
	assert_int_equal(charset_parse("Windows_31J"), CHARSET_CP932);
	assert_int_equal(charset_parse("cp932"), CHARSET_CP932);
	assert_int_equal(charset_parse("MS932"), CHARSET_CP932);
	assert_int_equal(charset_parse("EUC-JP"), CHARSET_EUCJP);
	assert_int_equal(charset_parse("eucjp"), CHARSET_EUCJP);
	assert_int_equal(charset_parse("Cp1252"), CHARSET_CP1252);
	assert_int_equal(charset_parse("ISO_8859-1"), CHARSET_LATIN1);
	assert_string_equal(charset_name(CHARSET_UTF8), "utf-8");
	assert_string_equal(charset_name(CHARSET_CP1252), "windows-1252");
	assert_string_equal(charset_name(CHARSET_LATIN1), "iso-8859-1");
	assert_string_equal(charset_name(CHARSET_CP932), "windows-31j");
	assert_string_equal(charset_name(CHARSET_EUCJP), "euc-jp");
}

/* Every canonical name and alias listed parses back. */
static void
test_names_listed(void **state)
{
	char names[512], *p, *next;
	int n = 0;

	(void)state;
	charset_names(names, sizeof(names));
	assert_non_null(strstr(names, "shift_jis"));
	for (p = names; p != NULL; p = next) {
		if ((next = strstr(p, ", ")) != NULL) {
			*next = '\0';
			next += 2;
		}
		if (charset_parse(p) == -1)
			fail_msg("listed name %s does not parse", p);
		n++;
	}
	assert_true(n >= 15);
}

/*
 * Windows-31J, as Amazon's Shift_JIS is: ASCII stays ASCII (0x5C is a
 * backslash, not a yen sign), kanji and kana convert, the NEC circled
 * digits convert, a lone lead byte at the end is a bad byte.
 */
static void
test_cp932(void **state)
{
	(void)state;
	assert_converts(CHARSET_CP932, "a\\b~", 4, "a\\b~");
	/* 日本 */
	assert_converts(CHARSET_CP932, "\x93\xfa\x96\x7b", 4,
	    "\xe6\x97\xa5\xe6\x9c\xac");
	/* ｱ (half-width katakana, one byte) */
	assert_converts(CHARSET_CP932, "\xb1", 1, "\xef\xbd\xb1");
	/* ① (NEC row 13) */
	assert_converts(CHARSET_CP932, "\x87\x40", 2, "\xe2\x91\xa0");
	/* A tab or quote is never a trail byte: 表 is 0x95 0x5C. */
	assert_converts(CHARSET_CP932, "\x95\x5c\t\"", 4,
	    "\xe8\xa1\xa8\t\"");
	assert_no_char(CHARSET_CP932, "ab\x93", 3, 2);
	assert_no_char(CHARSET_CP932, "\xa0x", 2, 0);
}

/* EUC-JP: two-byte kanji, SS2 half-width kana; ASCII unchanged. */
static void
test_eucjp(void **state)
{
	(void)state;
	/* 日本 */
	assert_converts(CHARSET_EUCJP, "\xc6\xfc\xcb\xdc,x", 6,
	    "\xe6\x97\xa5\xe6\x9c\xac,x");
	assert_converts(CHARSET_EUCJP, "\x8e\xb1", 2, "\xef\xbd\xb1");
	assert_no_char(CHARSET_EUCJP, "ok\xc6", 3, 2);
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
		cmocka_unit_test(test_names_listed),
		cmocka_unit_test(test_cp932),
		cmocka_unit_test(test_eucjp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
