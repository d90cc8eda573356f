/*
 * Tab-separated rows and the quoted cells of Amazon's reports. Some
 * reports quote every cell ("06/03/2025"\t"X002..."), most quote none,
 * and in those a cell may start with a quote of its own: a product name
 * or a customer comment (selling-partner-api-models#2739). So only a
 * well-formed quoted cell is unquoted and anything else is kept as it
 * came, which can never move a cell: tabs alone separate TSV cells.
 */
#include <ctype.h>
#include <string.h>

#include "ingest/tsv.h"

const char *
tsv_quote_end(const char *p, const char *end)
{
	const char *q;

	while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
		if (q + 1 == end || q[1] != '"')
			return q;
		p = q + 2;
	}
	return NULL;
}

size_t
tsv_unquote(char *p, size_t n)
{
	char *q, *w, *end = p + n;

	if ((q = memchr(p, '"', n)) == NULL)
		return n;
	/* Each "" was checked by tsv_quote_end(): keep one of the two. */
	for (w = q; q < end; q++) {
		*w++ = *q;
		if (*q == '"')
			q++;
	}
	return (size_t)(w - p);
}

int
tsv_split(char *line, size_t len, struct tsv_row *row)
{
	char *p = line, *end = line + len, *tab;
	size_t n;

	row->n = 0;
	for (;;) {
		if (row->n == MAX_FIELDS)
			return -1;
		tab = memchr(p, '\t', (size_t)(end - p));
		n = (size_t)((tab ? tab : end) - p);
		row->cell[row->n] = p;
		if (n >= 2 && p[0] == '"' &&
		    tsv_quote_end(p + 1, p + n) == p + n - 1) {
			row->cell[row->n] = p + 1;
			n = tsv_unquote(p + 1, n - 2);
		}
		row->cell[row->n][n] = '\0';
		row->len[row->n] = n;
		row->n++;
		if (tab == NULL)
			break;
		p = tab + 1;
	}
	return 0;
}

/* The next significant character of a header name, lower-cased; 0 at end. */
static int
tsv_name_next(const char **s)
{
	while (**s == ' ' || **s == '-' || **s == '_')
		(*s)++;
	if (**s == '\0')
		return 0;
	return tolower((unsigned char)*(*s)++);
}

int
tsv_name_eq(const char *a, const char *b)
{
	int ca, cb;

	do {
		ca = tsv_name_next(&a);
		cb = tsv_name_next(&b);
		if (ca != cb)
			return 0;
	} while (ca != 0);
	return 1;
}

/* The cell of header that names col (or one of its aliases), or -1. */
static int
tsv_find(const struct tsv_row *header, const struct tsv_column *col)
{
	const char *const *a;
	size_t i;

	for (i = 0; i < header->n; i++) {
		if (tsv_name_eq(header->cell[i], col->name))
			return (int)i;
		for (a = col->aliases; a != NULL && *a != NULL; a++)
			if (tsv_name_eq(header->cell[i], *a))
				return (int)i;
	}
	return -1;
}

const char *
tsv_map(const struct tsv_row *header, const struct tsv_column *cols,
    size_t ncols, int *index)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		index[i] = tsv_find(header, &cols[i]);
		if (index[i] == -1 && cols[i].required)
			return cols[i].name;
	}
	return NULL;
}

int
tsv_has(const struct tsv_row *header, const struct tsv_column *cols,
    size_t ncols, const char *const *names)
{
	struct tsv_column bare = { NULL, 0, NULL };
	const struct tsv_column *col;
	size_t i;

	for (; *names != NULL; names++) {
		/* The report's own column, so that its aliases count. */
		for (col = NULL, i = 0; col == NULL && i < ncols; i++)
			if (strcmp(cols[i].name, *names) == 0)
				col = &cols[i];
		if (col == NULL) {
			bare.name = *names;
			col = &bare;
		}
		if (tsv_find(header, col) == -1)
			return 0;
	}
	return 1;
}
