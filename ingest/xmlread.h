/*
 * A hardened pull reader of XML over a struct reader (libxml2's streaming
 * xmlTextReader): no network (XML_PARSE_NONET), no DTD at all (a DOCTYPE
 * is refused, so neither external entities nor entity expansion can
 * happen), element depth and text size capped by lib/limits.h.
 */
#ifndef FBAUDIT_XMLREAD_H
#define FBAUDIT_XMLREAD_H

#include <stdint.h>

struct reader;
struct xmlread;

enum xmlread_event {
	XMLREAD_EOF,
	XMLREAD_OPEN,		/* an element starts: name, attributes */
	XMLREAD_CLOSE,		/* an element ends: name */
	XMLREAD_TEXT		/* text inside the element name */
};

/*
 * Checks the prolog at the start of rd, before any parsing: a DOCTYPE
 * (the door to external entities and entity expansion) is refused at its
 * own line. Returns NULL, or a static reason with *line set.
 */
const char	*xmlread_prolog(struct reader *rd, int64_t *line);
/*
 * Starts reading XML from rd. encoding overrides the document's own
 * declaration (NULL: as declared, else UTF-8). Free with xmlread_close().
 */
struct xmlread	*xmlread_open(struct reader *rd, const char *name,
		    const char *encoding);
/* Frees the reader (NULL is fine); rd stays open. */
void		 xmlread_close(struct xmlread *x);
/* The next event, or -1 on an error (see xmlread_error()). */
int		 xmlread_next(struct xmlread *x);
/* The element of the last event (for TEXT, the enclosing one). */
const char	*xmlread_name(const struct xmlread *x);
/* The text of a TEXT event, valid until the next call. */
const char	*xmlread_text(const struct xmlread *x);
/* An attribute of the element just opened, or NULL; valid until next. */
const char	*xmlread_attr(struct xmlread *x, const char *name);
/* The line of the input the reader is at. */
int64_t		 xmlread_line(const struct xmlread *x);
/* Why the last call failed (owned by the reader). */
const char	*xmlread_error(const struct xmlread *x);

#endif
