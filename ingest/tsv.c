#include <ctype.h>
#include <string.h>

#include "ingest/tsv.h"

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
		if (n >= 2 && p[0] == '"' && p[n - 1] == '"') {
			p++;
			n -= 2;
		}
		p[n] = '\0';
		row->cell[row->n] = p;
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

/* The cell of header that names name, or -1. */
static int
tsv_find(const struct tsv_row *header, const char *name)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		if (tsv_name_eq(header->cell[i], name))
			return (int)i;
	return -1;
}

const char *
tsv_map(const struct tsv_row *header, const struct tsv_column *cols,
    size_t ncols, int *index)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		index[i] = tsv_find(header, cols[i].name);
		if (index[i] == -1 && cols[i].required)
			return cols[i].name;
	}
	return NULL;
}

int
tsv_has(const struct tsv_row *header, const char *const *names)
{
	for (; *names != NULL; names++)
		if (tsv_find(header, *names) == -1)
			return 0;
	return 1;
}
