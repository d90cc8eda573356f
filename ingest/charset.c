#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "ingest/charset.h"
#include "lib/buf.h"

/* Windows-1252 0x80-0x9f as Unicode; 0 where the code page has a hole. */
static const uint16_t cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

int
charset_parse(const char *name)
{
	static const struct {
		const char	*name;
		enum charset	 cs;
	} names[] = {
		{ "utf-8", CHARSET_UTF8 }, { "utf8", CHARSET_UTF8 },
		{ "windows-1252", CHARSET_CP1252 }, { "cp1252", CHARSET_CP1252 },
		{ "iso-8859-1", CHARSET_LATIN1 }, { "latin1", CHARSET_LATIN1 },
		{ "iso8859-1", CHARSET_LATIN1 },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0)
			return (int)names[i].cs;
	return -1;
}

const char *
charset_name(enum charset cs)
{
	switch (cs) {
	case CHARSET_CP1252:
		return "windows-1252";
	case CHARSET_LATIN1:
		return "iso-8859-1";
	default:
		return "utf-8";
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

/* Appends one code point as UTF-8. */
static int
charset_put(struct buf *out, uint32_t cp)
{
	char u[3];

	if (cp < 0x80)
		return buf_addc(out, (char)cp);
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
		return buf_add(out, u, 2);
	}
	u[0] = (char)(0xe0 | (cp >> 12));
	u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	u[2] = (char)(0x80 | (cp & 0x3f));
	return buf_add(out, u, 3);
}

int
charset_to_utf8(enum charset cs, const char *str, size_t n, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, run;
	uint32_t cp;

	for (i = 0; i < n; ) {
		for (run = i; run < n && s[run] < 0x80; run++)
			;
		if (run > i && buf_add(out, s + i, run - i) == -1)
			return -1;
		if ((i = run) == n)
			break;
		cp = s[i];
		if (cs == CHARSET_CP1252 && cp < 0xa0) {
			cp = cp1252_high[cp - 0x80];
			if (cp == 0)
				return -1;
		}
		if (charset_put(out, cp) == -1)
			return -1;
		i++;
	}
	return 0;
}
