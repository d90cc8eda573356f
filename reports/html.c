/* The HTML emitter (reports/html.h). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "reports/html.h"

/* U+FFFD, written for every byte or character that may not be shown. */
#define HTML_REPLACEMENT	"\xef\xbf\xbd"

static void
html_put(struct html *h, const char *s, size_t n)
{
	if (!h->failed && n > 0 && fwrite(s, 1, n, h->fp) != n)
		h->failed = 1;
}

static void
html_puts(struct html *h, const char *s)
{
	html_put(h, s, strlen(s));
}

void
html_init(struct html *h, FILE *fp)
{
	h->fp = fp;
	h->depth = 0;
	h->failed = 0;
	html_puts(h, "<!DOCTYPE html>\n");
}

/*
 * Tag and attribute names come from the program's literals; checking
 * them still catches a caller who passed text by mistake.
 */
static int
html_name_ok(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' &&
		    s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '-' || s[i] == ':'))
			return 0;
	return i < 32;
}

/* The length of the valid UTF-8 sequence at s (up to n bytes), or 0. */
static size_t
html_utf8_len(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and past U+10FFFF are not UTF-8. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

/*
 * Escapes text for element content and quoted attribute values alike.
 * Bytes that are not UTF-8, control characters (but tab and newline) and
 * noncharacters become U+FFFD: they are invalid in XML and can forge
 * nothing useful. Bidi embedding, override and isolate controls
 * (U+202A-U+202E, U+2066-U+2069) are dropped: they only make text read
 * other than it is stored ("Trojan Source"), and would spill over into
 * the figures beside a product title.
 */
static void
html_escape(struct html *h, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = strlen(text), i = 0, run = 0, len;
	const char *rep;
	uint32_t cp;

	while (i < n) {
		rep = NULL;
		len = html_utf8_len(s + i, n - i, &cp);
		if (len == 0) {
			len = 1;
			rep = HTML_REPLACEMENT;
		} else if (cp == '&')
			rep = "&amp;";
		else if (cp == '<')
			rep = "&lt;";
		else if (cp == '>')
			rep = "&gt;";
		else if (cp == '"')
			rep = "&quot;";
		else if (cp == '\'')
			rep = "&#39;";
		else if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp <= 0x9f) || (cp & 0xfffe) == 0xfffe ||
		    (cp >= 0xfdd0 && cp <= 0xfdef))
			rep = HTML_REPLACEMENT;
		else if ((cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069))
			rep = "";
		if (rep == NULL) {
			i += len;
			continue;
		}
		html_put(h, (const char *)s + run, i - run);
		html_puts(h, rep);
		i += len;
		run = i;
	}
	html_put(h, (const char *)s + run, n - run);
}

/* Writes <tag attrs...> (or "/>" when void) and pushes tag unless void. */
static void
html_vopen(struct html *h, const char *tag, int is_void, va_list ap)
{
	const char *name, *value;

	if (h->failed)
		return;
	if (!html_name_ok(tag) || (!is_void && h->depth >= HTML_MAX_DEPTH)) {
		h->failed = 1;
		return;
	}
	html_puts(h, "<");
	html_puts(h, tag);
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		if (value == NULL)
			continue;
		if (!html_name_ok(name)) {
			h->failed = 1;
			return;
		}
		html_puts(h, " ");
		html_puts(h, name);
		html_puts(h, "=\"");
		html_escape(h, value);
		html_puts(h, "\"");
	}
	if (is_void) {
		html_puts(h, " />");
		return;
	}
	html_puts(h, ">");
	h->stack[h->depth++] = tag;
}

void
html_open(struct html *h, const char *tag, ...)
{
	va_list ap;

	va_start(ap, tag);
	html_vopen(h, tag, 0, ap);
	va_end(ap);
}

void
html_void(struct html *h, const char *tag, ...)
{
	va_list ap;

	va_start(ap, tag);
	html_vopen(h, tag, 1, ap);
	va_end(ap);
}

void
html_elem(struct html *h, const char *tag, const char *text, ...)
{
	va_list ap;

	va_start(ap, text);
	html_vopen(h, tag, 0, ap);
	va_end(ap);
	html_text(h, text);
	html_close(h);
}

/* Whether a newline should follow the end of tag. */
static int
html_is_block(const char *tag)
{
	static const char *const blocks[] = {
		"html", "head", "body", "title", "style", "header", "main",
		"footer", "section", "div", "p", "h1", "h2", "h3", "table",
		"thead", "tbody", "tr", "figure", "svg", "g", "ul", "li",
	};
	size_t i;

	for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++)
		if (strcmp(tag, blocks[i]) == 0)
			return 1;
	return 0;
}

void
html_close(struct html *h)
{
	if (h->failed)
		return;
	if (h->depth == 0) {
		h->failed = 1;
		return;
	}
	h->depth--;
	html_puts(h, "</");
	html_puts(h, h->stack[h->depth]);
	html_puts(h, ">");
	/* A newline after block-level ends keeps the file diffable. */
	if (html_is_block(h->stack[h->depth]))
		html_puts(h, "\n");
}

void
html_text(struct html *h, const char *s)
{
	if (s != NULL && !h->failed)
		html_escape(h, s);
}

void
html_textf(struct html *h, const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	html_text(h, b.data);
	buf_free(&b);
}

void
html_css(struct html *h, const char *css)
{
	if (h->failed)
		return;
	if (h->depth == 0 || strcmp(h->stack[h->depth - 1], "style") != 0 ||
	    strpbrk(css, "<&") != NULL) {
		h->failed = 1;
		return;
	}
	html_puts(h, css);
}

int
html_finish(struct html *h)
{
	if (h->depth != 0)
		h->failed = 1;
	html_puts(h, "\n");
	if (!h->failed && fflush(h->fp) == EOF)
		h->failed = 1;
	return h->failed ? -1 : 0;
}
