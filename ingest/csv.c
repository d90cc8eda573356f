#include <string.h>

#include "ingest/csv.h"

enum csv_status
csv_split(char *rec, size_t len, struct tsv_row *row, size_t *bad_cell)
{
	char *p = rec, *end = rec + len, *sep, *cell;
	const char *close;
	size_t n;

	row->n = 0;
	for (;;) {
		if (row->n == MAX_FIELDS)
			return CSV_TOO_MANY;
		*bad_cell = row->n;
		if (p < end && *p == '"') {
			if ((close = tsv_quote_end(p + 1, end)) == NULL)
				return CSV_UNCLOSED;
			cell = p + 1;
			n = tsv_unquote(cell, (size_t)(close - cell));
			sep = p + (close - p) + 1;
			if (sep == end)
				sep = NULL;
			else if (*sep != ',')
				return CSV_AFTER_QUOTE;
		} else {
			sep = memchr(p, ',', (size_t)(end - p));
			cell = p;
			n = (size_t)((sep ? sep : end) - p);
		}
		cell[n] = '\0';
		row->cell[row->n] = cell;
		row->len[row->n] = n;
		row->n++;
		if (sep == NULL)
			return CSV_OK;
		p = sep + 1;
	}
}

int
csv_continues(const char *s, size_t n, int open)
{
	const char *p = s, *end = s + n, *sep;

	/* Only a record's first line starts at the start of a cell. */
	if (!open && p < end && *p == '"') {
		open = 1;
		p++;
	}
	for (;;) {
		if (open) {
			if ((p = tsv_quote_end(p, end)) == NULL)
				return 1;
			p++;
			open = 0;
		}
		if ((sep = memchr(p, ',', (size_t)(end - p))) == NULL)
			return 0;
		p = sep + 1;
		if (p < end && *p == '"') {
			open = 1;
			p++;
		}
	}
}
