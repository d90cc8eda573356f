/*
 * The only HTML emitter of fbaudit. Markup comes from string literals
 * (tag and attribute names); every text and attribute value passes through
 * the escaper, so imported text can never become markup. The output is
 * also well-formed XML (polyglot HTML): every element is closed, void
 * elements end in "/>". A sticky error: after the first failure (a write
 * error, or a misuse such as a bad tag name or an unbalanced close) every
 * call does nothing and html_finish() reports it.
 */
#ifndef FBAUDIT_HTML_H
#define FBAUDIT_HTML_H

#include <stdio.h>

/* How deep elements may nest: a report never needs more. */
#define HTML_MAX_DEPTH	32

struct html {
	FILE		*fp;
	const char	*stack[HTML_MAX_DEPTH];	/* open tags (literals) */
	int		 depth;
	int		 failed;
};

/* Starts writing to fp (not owned) with the HTML5 doctype. */
void	 html_init(struct html *h, FILE *fp);
/*
 * Opens an element: tag, then name/value pairs of attributes ending with
 * a NULL name; a NULL value leaves its attribute out. Names must be
 * literals of [A-Za-z0-9:-] (SVG has viewBox); values are escaped.
 */
void	 html_open(struct html *h, const char *tag, ...);
/* Writes a void element (meta, br) as <tag ... />; as html_open. */
void	 html_void(struct html *h, const char *tag, ...);
/* Writes an element with only text in it: <tag ...>text</tag>. */
void	 html_elem(struct html *h, const char *tag, const char *text, ...);
/* Closes the innermost open element. */
void	 html_close(struct html *h);
/* Writes text (NULL as nothing), escaped; see html.c for what is dropped. */
void	 html_text(struct html *h, const char *s);
/* Writes printf-formatted text, escaped like html_text. */
void	 html_textf(struct html *h, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Writes a style sheet literal as the content of the open <style>
 * element; fails on "<" or "&", which would end or change it.
 */
void	 html_css(struct html *h, const char *css);
/*
 * Ends the document and flushes. Returns 0, or -1 if any call failed or
 * an element was left open. Does not close fp.
 */
int	 html_finish(struct html *h);

#endif
