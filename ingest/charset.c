/*
 * Character sets, converted with iconv. Amazon names them in a
 * Content-Type (Cp1252, Shift_JIS, ...) and sellers on the command line,
 * so every spelling in use maps to one entry here.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/charset.h"
#include "ingest/tsv.h"
#include "lib/buf.h"
#include "lib/mem.h"

/* Bytes converted at a time on the stack before they join the output. */
#define CHARSET_CHUNK	4096

static const struct {
	const char	*name;		/* canonical, IANA */
	const char	*iconv;		/* glibc's name for it */
	/* Other spellings, NULL-ended; compared as header names are. */
	const char	*aliases[7];
} charsets[CHARSET_COUNT] = {
	/* ASCII is UTF-8's first half: its files validate as UTF-8. */
	[CHARSET_UTF8] = { "utf-8", "UTF-8", { "utf8", "us-ascii", "ascii",
	    NULL } },
	/* Amazon's Content-Type writes Cp1252. */
	[CHARSET_CP1252] = { "windows-1252", "WINDOWS-1252", { "cp1252",
	    "x-cp1252", NULL } },
	[CHARSET_LATIN1] = { "iso-8859-1", "ISO-8859-1", { "latin1", "l1",
	    "iso8859-1", "iso_8859-1:1987", NULL } },
	/*
	 * Amazon's "Shift_JIS" is Windows-31J: 0x5C is a backslash (plain
	 * Shift_JIS makes it a yen sign) and the NEC and IBM extensions
	 * (circled digits, ...) convert. So every Shift_JIS name means it.
	 */
	[CHARSET_CP932] = { "windows-31j", "CP932", { "shift_jis", "sjis",
	    "cp932", "ms932", "x-sjis", "ms_kanji", NULL } },
	[CHARSET_EUCJP] = { "euc-jp", "EUC-JP", { "eucjp", "x-euc-jp",
	    NULL } },
};

struct charset_conv {
	iconv_t	 cd;
};

int
charset_parse(const char *name)
{
	size_t i, k;

	for (i = 0; i < CHARSET_COUNT; i++) {
		if (tsv_name_eq(name, charsets[i].name))
			return (int)i;
		for (k = 0; charsets[i].aliases[k] != NULL; k++)
			if (tsv_name_eq(name, charsets[i].aliases[k]))
				return (int)i;
	}
	return -1;
}

const char *
charset_name(enum charset cs)
{
	if ((unsigned)cs >= CHARSET_COUNT)
		return charsets[CHARSET_UTF8].name;
	return charsets[cs].name;
}

void
charset_names(char *out, size_t size)
{
	size_t i, k, o = 0;
	int n;

	out[0] = '\0';
	for (i = 0; i < CHARSET_COUNT; i++)
		for (k = 0; k == 0 || charsets[i].aliases[k - 1] != NULL;
		    k++) {
			n = snprintf(out + o, size - o, "%s%s", o ? ", " : "",
			    k ? charsets[i].aliases[k - 1] : charsets[i].name);
			if (n < 0 || (size_t)n >= size - o)
				return;
			o += (size_t)n;
		}
}

size_t
charset_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, k, need;
	uint32_t cp, min;
	uint64_t w;

	while (i < n) {
		/* Fast path: eight ASCII bytes at a time. */
		while (i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if (w & UINT64_C(0x8080808080808080))
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			need = 1;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			need = 2;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			need = 3;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return i;
		if (i + need >= n)
			return i;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and past U+10FFFF are invalid. */
		if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return i;
		i += need + 1;
	}
	return n;
}

struct charset_conv *
charset_conv_open(enum charset cs)
{
	struct charset_conv *c;
	iconv_t cd;

	if ((unsigned)cs >= CHARSET_COUNT ||
	    (cd = iconv_open("UTF-8", charsets[cs].iconv)) == (iconv_t)-1)
		return NULL;
	c = xmalloc(sizeof(*c));
	c->cd = cd;
	return c;
}

void
charset_conv_close(struct charset_conv *c)
{
	if (c == NULL)
		return;
	iconv_close(c->cd);
	free(c);
}

int
charset_conv(struct charset_conv *c, const char *s, size_t n,
    struct buf *out, unsigned char *bad_byte, size_t *bad_at)
{
	char chunk[CHARSET_CHUNK], *in = (char *)(uintptr_t)s, *o;
	size_t inleft = n, room, r;
	int bad = 0, err;

	/* Each call starts in the initial shift state. */
	iconv(c->cd, NULL, NULL, NULL, NULL);
	while (inleft > 0) {
		o = chunk;
		room = sizeof(chunk);
		r = iconv(c->cd, &in, &inleft, &o, &room);
		err = r == (size_t)-1 ? errno : 0;
		if (buf_add(out, chunk, sizeof(chunk) - room) == -1)
			return -1;
		if (err == 0 || err == E2BIG)
			continue;
		/* EILSEQ, or EINVAL: a character cut off by the end. */
		if (!bad) {
			bad = 1;
			*bad_byte = (unsigned char)*in;
			*bad_at = out->len;
		}
		if (buf_add(out, "\xef\xbf\xbd", 3) == -1)
			return -1;
		in++;
		inleft--;
		iconv(c->cd, NULL, NULL, NULL, NULL);
	}
	return bad;
}
