#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "ingest/reader.h"
#include "ingest/xmlread.h"
#include "lib/limits.h"
#include "lib/mem.h"

#define XMLREAD_NAME	64

struct xmlread {
	xmlTextReaderPtr	 xr;
	struct reader		*rd;
	char			 stack[MAX_XML_DEPTH + 1][XMLREAD_NAME];
	int			 depth;		/* open elements */
	int			 pending_close;	/* an empty element's end */
	int			 event;		/* the last one returned */
	char			 closed[XMLREAD_NAME];
	const char		*text;
	xmlChar			*attr;
	char			 error[256];
	int			 failed;
};

static int
xmlread_io(void *ctx, char *buf, int len)
{
	struct xmlread *x = ctx;
	ssize_t n = reader_read(x->rd, buf, (size_t)len);

	if (n < 0) {
		snprintf(x->error, sizeof(x->error), "%s",
		    reader_error(x->rd));
		x->failed = 1;
		return -1;
	}
	return (int)n;
}

static int
xmlread_io_close(void *ctx)
{
	(void)ctx;
	return 0;
}

/* Keeps libxml2's first error message instead of letting it print. */
static void
xmlread_on_error(void *ctx, xmlErrorPtr e)
{
	struct xmlread *x = ctx;
	size_t n;

	if (x->failed || e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(x->error, sizeof(x->error), "%s",
	    e->message ? e->message : "malformed XML");
	n = strlen(x->error);
	if (n > 0 && x->error[n - 1] == '\n')
		x->error[n - 1] = '\0';
	x->failed = 1;
}

/* libxml2 may also report through its generic handler: keep it quiet. */
static void
xmlread_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

const char *
xmlread_prolog(struct reader *rd, int64_t *line)
{
	const char *p, *end, *q;
	ssize_t n;

	*line = 0;
	if ((n = reader_peek(rd, &p, 64 * 1024)) <= 0)
		return NULL;
	end = p + n;
	/* Walk declarations, comments and PIs up to the root element. */
	for (q = p; q < end; q++) {
		if (*q != '<' || q + 1 >= end)
			continue;
		if (q[1] == '?' || (end - q >= 4 && memcmp(q, "<!--", 4) == 0))
			continue;
		if (end - q >= 9 && memcmp(q, "<!DOCTYPE", 9) == 0) {
			*line = 1;
			for (; p < q; p++)
				*line += *p == '\n';
			return "a DOCTYPE is not allowed (entities are refused)";
		}
		break;		/* the root element: no DOCTYPE before it */
	}
	return NULL;
}

struct xmlread *
xmlread_open(struct reader *rd, const char *name, const char *encoding)
{
	struct xmlread *x = xcalloc(1, sizeof(*x));

	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, xmlread_silent);
	x->rd = rd;
	/* No NOENT, DTDLOAD or DTDATTR: entities stay unexpanded. */
	x->xr = xmlReaderForIO(xmlread_io, xmlread_io_close, x, name,
	    encoding, XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (x->xr == NULL) {
		free(x);
		return NULL;
	}
	xmlTextReaderSetStructuredErrorHandler(x->xr, xmlread_on_error, x);
	return x;
}

void
xmlread_close(struct xmlread *x)
{
	if (x == NULL)
		return;
	xmlFree(x->attr);
	xmlFreeTextReader(x->xr);
	free(x);
}

static int
xmlread_fail(struct xmlread *x, const char *why)
{
	if (!x->failed)
		snprintf(x->error, sizeof(x->error), "%s", why);
	x->failed = 1;
	return -1;
}

/* Pops the element that ends, remembering its name. */
static int
xmlread_closing(struct xmlread *x)
{
	memcpy(x->closed, x->stack[x->depth], XMLREAD_NAME);
	if (x->depth > 0)
		x->depth--;
	return x->event = XMLREAD_CLOSE;
}

int
xmlread_next(struct xmlread *x)
{
	const xmlChar *name;
	int rc, type;

	xmlFree(x->attr);
	x->attr = NULL;
	if (x->failed)
		return -1;
	if (x->pending_close) {
		x->pending_close = 0;
		return xmlread_closing(x);
	}
	for (;;) {
		rc = xmlTextReaderRead(x->xr);
		if (x->failed)
			return -1;
		if (rc == 0)
			return XMLREAD_EOF;
		if (rc < 0)
			return xmlread_fail(x, "malformed XML");
		type = xmlTextReaderNodeType(x->xr);
		switch (type) {
		case XML_READER_TYPE_ELEMENT:
			if (x->depth >= MAX_XML_DEPTH)
				return xmlread_fail(x, "elements nest deeper "
				    "than MAX_XML_DEPTH");
			name = xmlTextReaderConstLocalName(x->xr);
			snprintf(x->stack[++x->depth], XMLREAD_NAME, "%s",
			    name ? (const char *)name : "");
			if (xmlTextReaderIsEmptyElement(x->xr))
				x->pending_close = 1;
			return x->event = XMLREAD_OPEN;
		case XML_READER_TYPE_END_ELEMENT:
			return xmlread_closing(x);
		case XML_READER_TYPE_TEXT:
		case XML_READER_TYPE_CDATA:
			x->text = (const char *)xmlTextReaderConstValue(x->xr);
			if (x->text == NULL)
				x->text = "";
			if (strlen(x->text) > MAX_XML_TEXT)
				return xmlread_fail(x, "text is longer than "
				    "MAX_XML_TEXT");
			return x->event = XMLREAD_TEXT;
		case XML_READER_TYPE_DOCUMENT_TYPE:
			return xmlread_fail(x, "a DOCTYPE is not allowed "
			    "(entities are refused)");
		case XML_READER_TYPE_ENTITY_REFERENCE:
		case XML_READER_TYPE_ENTITY:
			return xmlread_fail(x, "entity references are not "
			    "allowed");
		default:
			continue;	/* white space, comments, PIs */
		}
	}
}

const char *
xmlread_name(const struct xmlread *x)
{
	if (x->event == XMLREAD_CLOSE)
		return x->closed;
	return x->stack[x->depth];
}

const char *
xmlread_text(const struct xmlread *x)
{
	return x->text;
}

const char *
xmlread_attr(struct xmlread *x, const char *name)
{
	xmlFree(x->attr);
	x->attr = xmlTextReaderGetAttribute(x->xr, (const xmlChar *)name);
	return (const char *)x->attr;
}

int64_t
xmlread_line(const struct xmlread *x)
{
	xmlNodePtr node = xmlTextReaderCurrentNode(x->xr);
	long line = node != NULL ? xmlGetLineNo(node) : -1;

	/* The node's own line; the parser's runs ahead of it. */
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(x->xr);
}

const char *
xmlread_error(const struct xmlread *x)
{
	return x->error;
}
