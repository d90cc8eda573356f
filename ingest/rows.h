/*
 * The rows of a delimited report, TSV or CSV, one at a time, from a
 * reader. The separator is found from the first line (a tab makes it a
 * TSV, else a comma a CSV); a CSV record whose quoted cell holds a line
 * break spans several physical lines, and is numbered by its first.
 * Every record is converted to UTF-8 from the declared charset and
 * checked (no NUL byte, valid UTF-8) before it is split, in buffers of
 * fixed size: memory does not grow with the file.
 */
#ifndef FBAUDIT_ROWS_H
#define FBAUDIT_ROWS_H

#include <stdint.h>

#include "ingest/charset.h"
#include "ingest/tsv.h"

struct reader;
struct rows;

enum rows_format {
	ROWS_UNKNOWN,		/* before the first line */
	ROWS_TSV,
	ROWS_CSV
};

/* Where a failure of rows_next() lies (else it is a cell's index). */
#define ROWS_WHOLE_ROW	(-1)	/* the row as a whole ("row") */
#define ROWS_NO_CELL	(-2)	/* the file or the line (no column) */

/*
 * Reads the rows of rd (which stays the caller's) in charset cs. Returns
 * NULL if iconv cannot convert cs. Free with rows_close().
 */
struct rows	*rows_open(struct reader *rd, enum charset cs);
/* Frees the row reader (NULL is fine); the reader is left open. */
void		 rows_close(struct rows *rs);
/*
 * The next record, split into row (its cells live in buffers of rs or
 * rd, valid until the next call). A blank line is a row of one empty
 * cell. Returns 1, 0 at the end, or -1 on error: see rows_error() and
 * rows_error_cell(); rows_line() names the line.
 */
int		 rows_next(struct rows *rs, struct tsv_row *row);
/* The line the last record started on (the first line is 1). */
int64_t		 rows_line(const struct rows *rs);
/* TSV or CSV, once the first line was read. */
enum rows_format rows_format(const struct rows *rs);
/* The separator's name for messages: "tab" or "comma". Static. */
const char	*rows_separator(const struct rows *rs);
/* Why rows_next() failed; storage of rs. */
const char	*rows_error(const struct rows *rs);
/* The cell the failure concerns, ROWS_WHOLE_ROW or ROWS_NO_CELL. */
int		 rows_error_cell(const struct rows *rs);
/* Whether row is a blank line (one empty cell). */
int		 rows_blank(const struct tsv_row *row);

#endif
