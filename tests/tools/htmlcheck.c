/*
 * htmlcheck FILE...: checks that fbaudit's HTML is clean and inert.
 *  - libxml2's HTML parser reports no error (its HTML 4 element list
 *    does not know HTML5 and SVG elements: those named below pass);
 *  - the file is also well-formed XML (fbaudit writes polyglot markup,
 *    so an unbalanced tag or stray "&" shows up here);
 *  - nothing in the tree can run or fetch: no script, iframe, object,
 *    embed, img, link, base or form element, no on* attribute, no
 *    href, src, action or style attribute, no url( or @import in a
 *    style sheet, no meta refresh. The one exception: an a element may
 *    link a local page (the CSM queue's link to a seller's dashboard),
 *    an href with no scheme, followed only when clicked.
 * Prints each problem as FILE:LINE: message; exits 1 if there was one.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

static int problems;
static const char *current;

/* HTML5 and SVG elements libxml2's HTML 4 parser calls invalid. */
static int
known_modern_tag(const char *name)
{
	static const char *const tags[] = { "header", "main", "section",
	    "footer", "nav", "figure", "figcaption", "time", "svg", "g",
	    "rect", "line", "text", "path", "circle", "title", NULL };
	size_t i;

	for (i = 0; tags[i] != NULL; i++)
		if (strcmp(tags[i], name) == 0)
			return 1;
	return 0;
}

static void
on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e->domain == XML_FROM_HTML && e->code == XML_HTML_UNKNOWN_TAG &&
	    e->str1 != NULL && known_modern_tag(e->str1))
		return;
	problems++;
	printf("%s:%d: %s parser: %s", current, e->line,
	    e->domain == XML_FROM_HTML ? "HTML" : "XML",
	    e->message ? e->message : "error\n");
}

static void
bad(const xmlNode *n, const char *what, const xmlChar *name)
{
	problems++;
	printf("%s:%d: %s %s\n", current, n->line, what,
	    name ? (const char *)name : "");
}

/* Whether a is the href of an a element naming a local page. */
static int
local_link(const xmlNode *n, const xmlAttr *a)
{
	xmlChar *v;
	const char *p;
	int ok;

	if (strcasecmp((const char *)n->name, "a") != 0 ||
	    strcasecmp((const char *)a->name, "href") != 0 ||
	    (v = xmlGetProp(n, a->name)) == NULL)
		return 0;
	p = (const char *)v;
	/* No scheme (no ':' at all) and not protocol-relative. */
	ok = strchr(p, ':') == NULL && strncmp(p, "//", 2) != 0 &&
	    strlen(p) > 5 && strcmp(p + strlen(p) - 5, ".html") == 0;
	xmlFree(v);
	return ok;
}

static void
walk(const xmlNode *n)
{
	static const char *const elems[] = { "script", "iframe", "object",
	    "embed", "img", "link", "base", "form", "frame", "applet",
	    "audio", "video", "source", "input", "button", NULL };
	static const char *const attrs[] = { "href", "xlink:href", "src",
	    "action", "formaction", "srcset", "background", "poster",
	    "style", "data", NULL };
	const xmlAttr *a;
	xmlChar *v;
	size_t i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			walk(n->children);
			continue;
		}
		for (i = 0; elems[i] != NULL; i++)
			if (strcasecmp((const char *)n->name, elems[i]) == 0)
				bad(n, "forbidden element", n->name);
		for (a = n->properties; a != NULL; a = a->next) {
			if (strncasecmp((const char *)a->name, "on", 2) == 0)
				bad(n, "event handler attribute", a->name);
			if (local_link(n, a))
				continue;
			for (i = 0; attrs[i] != NULL; i++)
				if (strcasecmp((const char *)a->name,
				    attrs[i]) == 0)
					bad(n, "fetching attribute", a->name);
		}
		if (strcasecmp((const char *)n->name, "meta") == 0 &&
		    (v = xmlGetProp(n, (const xmlChar *)"http-equiv")) !=
		    NULL) {
			if (strcasecmp((const char *)v, "refresh") == 0)
				bad(n, "meta refresh", NULL);
			xmlFree(v);
		}
		if (strcasecmp((const char *)n->name, "style") == 0 &&
		    (v = xmlNodeGetContent(n)) != NULL) {
			if (strstr((const char *)v, "url(") != NULL ||
			    strstr((const char *)v, "@import") != NULL)
				bad(n, "style sheet fetches", NULL);
			xmlFree(v);
		}
		walk(n->children);
	}
}

int
main(int argc, char **argv)
{
	htmlDocPtr hd;
	xmlDocPtr xd;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: htmlcheck FILE...\n");
		return 2;
	}
	xmlSetStructuredErrorFunc(NULL, on_error);
	for (i = 1; i < argc; i++) {
		current = argv[i];
		hd = htmlReadFile(argv[i], "UTF-8", HTML_PARSE_NONET);
		if (hd == NULL) {
			printf("%s: HTML parser gave no document\n", argv[i]);
			problems++;
			continue;
		}
		walk(xmlDocGetRootElement(hd));
		xmlFreeDoc(hd);
		xd = xmlReadFile(argv[i], NULL, XML_PARSE_NONET);
		if (xd == NULL) {
			printf("%s: not well-formed XML\n", argv[i]);
			problems++;
		}
		xmlFreeDoc(xd);
	}
	xmlCleanupParser();
	return problems > 0 ? 1 : 0;
}
