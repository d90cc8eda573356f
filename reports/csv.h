/*
 * An RFC 4180 CSV writer with a sticky error: after the first failed
 * write every call does nothing and csv_finish() reports it. Text cells
 * starting with = + - @, tab or CR are prefixed with ' so that no
 * spreadsheet runs them as a formula; numbers fbaudit formats itself go
 * through csv_number() unguarded.
 */
#ifndef FBAUDIT_CSV_H
#define FBAUDIT_CSV_H

#include <stdint.h>
#include <stdio.h>

struct csv {
	FILE	*fp;
	int	 col;		/* cells written on this row */
	int	 failed;
};

/* Starts writing CSV to fp (not owned). */
void	 csv_init(struct csv *c, FILE *fp);
/* Writes a text cell (NULL as empty), quoted when needed, guarded. */
void	 csv_cell(struct csv *c, const char *s);
/* Writes a cell of fbaudit's own number text, unguarded. */
void	 csv_number(struct csv *c, const char *s);
/* Writes an integer cell. */
void	 csv_int(struct csv *c, int64_t v);
/* Ends the row with CRLF (RFC 4180). */
void	 csv_row_end(struct csv *c);
/* Flushes. Returns 0, or -1 if any write failed. */
int	 csv_finish(struct csv *c);

#endif
