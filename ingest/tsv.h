/*
 * Rows of delimited text: splitting a tab-separated line into cells in
 * place, the quoted cells both TSV and CSV share, and finding a report's
 * columns by header name in any order. Names compare without case,
 * spaces, '-' or '_' ("Event Type" = "EventType" = "event-type"), and a
 * column may have aliases (the names Amazon gives it in other languages).
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
	/* Other names of the column (localised headers), NULL-ended. */
	const char *const *aliases;
};

/*
 * Splits line (len bytes, NUL-terminated, modified in place) on tabs. A
 * cell that is a well-formed quoted cell ("...", each inner quote
 * doubled) loses its quotes and "" becomes "; any other cell, one that
 * merely starts with a quote included, is taken as it is. Quotes never
 * hide a tab. Returns 0, or -1 if it has more than MAX_FIELDS cells.
 */
int	 tsv_split(char *line, size_t len, struct tsv_row *row);
/*
 * In a quoted cell whose opening quote is just before p, the closing
 * quote (a quote not doubled) before end; NULL if there is none.
 */
const char *tsv_quote_end(const char *p, const char *end);
/*
 * Turns each "" of the n bytes at p (a quoted cell's inside) into one ",
 * in place. Returns the new length.
 */
size_t	 tsv_unquote(char *p, size_t n);
/* Whether header names a and b are the same column. */
int	 tsv_name_eq(const char *a, const char *b);
/*
 * Finds each of cols in header: index[i] is its cell, or -1 if absent.
 * Returns NULL, or the name of the first required column missing.
 */
const char *tsv_map(const struct tsv_row *header,
	    const struct tsv_column *cols, size_t ncols, int *index);
/*
 * Whether header has every one of the named columns (NULL-ended), by
 * name or by the aliases the column of that name has in cols.
 */
int	 tsv_has(const struct tsv_row *header, const struct tsv_column *cols,
	    size_t ncols, const char *const *names);

#endif
