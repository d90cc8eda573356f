/*
 * libFuzzer: charset_conv() on arbitrary bytes. The first byte picks
 * the charset (of the non-UTF-8 ones) and whether the output buffer is
 * tight; the rest is the text. Whatever the result, the output is valid
 * UTF-8; a bad byte is named at a U+FFFD; conversion fails only where
 * it must: a full buffer, or a byte with no character in the charset
 * (for Windows-1252, exactly the five it leaves undefined; for
 * ISO-8859-1, none).
 */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/charset.h"
#include "lib/buf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_charset: %s\n", what);
		abort();
	}
}

/* The five bytes Windows-1252 does not define. */
static int
cp1252_undefined(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == 0x81 || s[i] == 0x8d || s[i] == 0x8f ||
		    s[i] == 0x90 || s[i] == 0x9d)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The charsets converted (UTF-8 is only validated). */
	static const enum charset css[] = { CHARSET_CP1252, CHARSET_LATIN1,
	    CHARSET_CP932, CHARSET_EUCJP };
	struct charset_conv *c;
	enum charset cs;
	struct buf out;
	const uint8_t *s;
	unsigned char byte = 0;
	size_t n, i, at = SIZE_MAX;
	int tight, rc, ascii = 1;

	if (size < 1)
		return 0;
	cs = css[data[0] % 4];
	tight = data[0] / 4 % 2;
	s = data + 1;
	n = size - 1;
	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			ascii = 0;
	/* A character is at most 3 bytes of UTF-8 (all are in the BMP). */
	buf_init(&out, tight ? n + 1 : 3 * n + 16);
	c = charset_conv_open(cs);
	check(c != NULL, "iconv cannot open a listed charset");
	rc = charset_conv(c, (const char *)s, n, &out, &byte, &at);
	charset_conv_close(c);
	check(charset_utf8_valid(out.data, out.len) == out.len,
	    "output is not valid UTF-8");
	/* A buffer nothing was added to has no memory yet. */
	check(out.data == NULL ? out.len == 0 : out.data[out.len] == '\0',
	    "output is not NUL-terminated");
	check(out.len <= 3 * n, "output longer than 3 bytes a byte");
	if (rc == 1) {
		check(at + 3 <= out.len &&
		    memcmp(out.data + at, "\xef\xbf\xbd", 3) == 0,
		    "no U+FFFD where the bad byte was");
		check(memchr(s, byte, n) != NULL, "the bad byte is not input");
		check(byte >= 0x80, "an ASCII byte has no character");
	}
	if (rc >= 0) {
		check(cs == CHARSET_CP932 || cs == CHARSET_EUCJP ||
		    out.len >= n, "output shorter than the input");
		check(!ascii || (rc == 0 && out.len == n &&
		    (n == 0 || memcmp(out.data, s, n) == 0)),
		    "ASCII is not kept as it is");
		if (cs == CHARSET_CP1252)
			check((rc == 1) == cp1252_undefined(s, n),
			    "Windows-1252's undefined bytes are not the "
			    "bad ones");
		check(cs != CHARSET_LATIN1 || rc == 0,
		    "a Latin-1 byte has no character");
	} else
		check(tight, "conversion failed for no reason");
	/* Even the tight buffer holds n bytes. */
	check(!ascii || rc == 0, "ASCII did not convert");
	buf_free(&out);
	return 0;
}
