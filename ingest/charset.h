/*
 * Character sets of report files. Amazon's files come in UTF-8,
 * Windows-1252, ISO-8859-1 and, in Japan, Shift_JIS (Windows-31J) or
 * EUC-JP; a TSV or CSV says nothing of which, so anything but UTF-8 must
 * be declared (--charset, or the Content-Type a fetch saw) and is
 * converted to UTF-8 with iconv. Undeclared bytes that are not UTF-8 are
 * an error, and so is a charset name that is not in the table.
 */
#ifndef FBAUDIT_CHARSET_H
#define FBAUDIT_CHARSET_H

#include <stddef.h>

struct buf;
struct charset_conv;

enum charset {
	CHARSET_UTF8,
	CHARSET_CP1252,
	CHARSET_LATIN1,
	CHARSET_CP932,		/* Shift_JIS as Amazon writes it */
	CHARSET_EUCJP
};

/* How many charsets there are (the enum's values are 0 .. this - 1). */
#define CHARSET_COUNT	5

/*
 * The charset a name means ("utf-8", "Shift_JIS", "cp1252", "latin1",
 * ...; case, spaces, '-' and '_' do not matter). Returns -1 for a name
 * not known.
 */
int		 charset_parse(const char *name);
/* The canonical (IANA) name of a charset. Static storage. */
const char	*charset_name(enum charset cs);
/* Writes every name charset_parse() knows, comma-separated, into out. */
void		 charset_names(char *out, size_t size);
/* Length of the valid UTF-8 prefix of s; n when all of it is valid. */
size_t		 charset_utf8_valid(const char *s, size_t n);
/*
 * A converter from cs to UTF-8 (cs is not UTF-8). Returns NULL if iconv
 * cannot convert it. Free with charset_conv_close().
 */
struct charset_conv *charset_conv_open(enum charset cs);
/* Frees a converter (NULL is fine). */
void		 charset_conv_close(struct charset_conv *c);
/*
 * Converts n bytes to UTF-8, appending to out. Returns 0; 1 if a byte
 * has no character in the charset (U+FFFD stands for it, so the rest
 * still converts): then *bad_byte is the first such byte and *bad_at the
 * length out had when it was met; or -1 if out's maximum was reached.
 * The text must end on a character boundary (a line does).
 */
int		 charset_conv(struct charset_conv *c, const char *s, size_t n,
		    struct buf *out, unsigned char *bad_byte, size_t *bad_at);

#endif
