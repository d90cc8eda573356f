/*
 * libFuzzer: charset_to_utf8() on arbitrary bytes. The first byte picks
 * the charset and whether the output buffer is tight; the rest is the
 * text. Whatever the result, the output is valid UTF-8, and conversion
 * fails only where it must: a full buffer or a byte Windows-1252 leaves
 * undefined.
 */
#include <stdint.h>
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
	enum charset cs;
	struct buf out;
	const uint8_t *s;
	size_t n, i;
	int tight, rc, ascii = 1;

	if (size < 1)
		return 0;
	cs = (enum charset)(data[0] % 3);
	tight = data[0] / 3 % 2;
	s = data + 1;
	n = size - 1;
	for (i = 0; i < n; i++)
		if (s[i] >= 0x80)
			ascii = 0;
	/* A character is at most 3 bytes of UTF-8 (all are in the BMP). */
	buf_init(&out, tight ? n + 1 : 3 * n + 16);
	rc = charset_to_utf8(cs, (const char *)s, n, &out);
	check(charset_utf8_valid(out.data, out.len) == out.len,
	    "output is not valid UTF-8");
	/* A buffer nothing was added to has no memory yet. */
	check(out.data == NULL ? out.len == 0 : out.data[out.len] == '\0',
	    "output is not NUL-terminated");
	check(out.len <= 3 * n, "output longer than 3 bytes a byte");
	if (rc == 0) {
		check(out.len >= n, "output shorter than the input");
		check(!ascii || (out.len == n &&
		    (n == 0 || memcmp(out.data, s, n) == 0)),
		    "ASCII is not kept as it is");
		check(cs != CHARSET_CP1252 || !cp1252_undefined(s, n),
		    "an undefined Windows-1252 byte was converted");
	} else
		check(tight || (cs == CHARSET_CP1252 &&
		    cp1252_undefined(s, n)), "conversion failed for no reason");
	/* Even the tight buffer holds n bytes. */
	check(!ascii || rc == 0, "ASCII did not convert");
	buf_free(&out);
	return 0;
}
