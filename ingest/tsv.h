/*
 * Tab-separated rows: splitting a line into cells in place, and finding a
 * report's columns by header name in any order. Names compare without
 * case, spaces, '-' or '_' ("Event Type" = "EventType" = "event-type").
 */
#ifndef FBAUDIT_TSV_H
#define FBAUDIT_TSV_H

#include <stddef.h>

#include "lib/limits.h"

struct tsv_row {
	size_t	 n;			/* cells */
	char	*cell[MAX_FIELDS];	/* NUL-terminated, in the line */
	size_t	 len[MAX_FIELDS];
};

/* A column a report type reads. */
struct tsv_column {
	const char	*name;		/* Amazon's name, as in the files */
	int		 required;
};

/*
 * Splits line (len bytes, NUL-terminated, modified in place) on tabs,
 * stripping one level of surrounding double quotes from each cell.
 * Returns 0, or -1 if it has more than MAX_FIELDS cells.
 */
int	 tsv_split(char *line, size_t len, struct tsv_row *row);
/* Whether header names a and b are the same column. */
int	 tsv_name_eq(const char *a, const char *b);
/*
 * Finds each of cols in header: index[i] is its cell, or -1 if absent.
 * Returns NULL, or the name of the first required column missing.
 */
const char *tsv_map(const struct tsv_row *header,
	    const struct tsv_column *cols, size_t ncols, int *index);
/* Whether header has every one of the named columns. */
int	 tsv_has(const struct tsv_row *header, const char *const *names);

#endif
