/*
 * Character sets of report files. Amazon's files come in UTF-8,
 * Windows-1252 or ISO-8859-1; a TSV says nothing of which, so anything but
 * UTF-8 must be declared (--charset, or the Content-Type a fetch saw) and
 * is converted to UTF-8. Undeclared bytes that are not UTF-8 are an error.
 */
#ifndef FBAUDIT_CHARSET_H
#define FBAUDIT_CHARSET_H

#include <stddef.h>

struct buf;

enum charset {
	CHARSET_UTF8,
	CHARSET_CP1252,
	CHARSET_LATIN1
};

/* The charset a name means ("utf-8", "windows-1252", "latin1", ...); -1. */
int		 charset_parse(const char *name);
/* The canonical name of a charset. Static storage. */
const char	*charset_name(enum charset cs);
/* Length of the valid UTF-8 prefix of s; n when all of it is valid. */
size_t		 charset_utf8_valid(const char *s, size_t n);
/*
 * Converts n bytes of cs to UTF-8, appending to out. Returns 0, or -1 if
 * out's maximum was reached or a byte has no character in cs.
 */
int		 charset_to_utf8(enum charset cs, const char *s, size_t n,
		    struct buf *out);

#endif
