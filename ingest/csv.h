/*
 * Comma-separated values as RFC 4180 writes them (Seller Central's
 * "Download" buttons): a cell that starts with a quote is quoted and may
 * hold commas, line breaks and doubled quotes; it must end with its
 * closing quote. A cell that does not start with a quote is taken as it
 * is, quotes and all. The rows and the header are those of the TSV.
 */
#ifndef FBAUDIT_CSV_H
#define FBAUDIT_CSV_H

#include <stddef.h>

#include "ingest/tsv.h"

enum csv_status {
	CSV_OK = 0,
	CSV_TOO_MANY = -1,	/* more than MAX_FIELDS cells */
	CSV_AFTER_QUOTE = -2,	/* text between a closing quote and ',' */
	CSV_UNCLOSED = -3	/* a quoted cell without its closing quote */
};

/*
 * Splits the record rec (len bytes, NUL-terminated, its physical lines
 * joined by LF; modified in place) into row. Returns CSV_OK, or a
 * failure with the cell it concerns in *bad_cell.
 */
enum csv_status csv_split(char *rec, size_t len, struct tsv_row *row,
	    size_t *bad_cell);
/*
 * Whether a record goes on past the physical line s (n bytes) because a
 * quoted cell is still open at its end. open: the line continues a
 * record that was open (0 for a record's first line).
 */
int	 csv_continues(const char *s, size_t n, int open);

#endif
