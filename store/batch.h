/*
 * Multi-row INSERT (store-internal). SQLite's fixed cost per executed
 * statement dominates a bulk load, so rows are queued and bound many to a
 * statement: "INSERT ... VALUES (?,?),(?,?),...". Text is copied into an
 * arena as it is queued and bound SQLITE_STATIC at flush, so callers may
 * reuse their buffers at once.
 */
#ifndef FBAUDIT_BATCH_H
#define FBAUDIT_BATCH_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "lib/buf.h"

struct batch_val;

struct batch {
	sqlite3			*db;
	sqlite3_stmt		*many;		/* rows_per rows */
	sqlite3_stmt		*one;		/* one row, for the tail */
	int			 ncols;
	int			 rows_per;
	int			 nrows;		/* queued */
	int			 col;		/* next column of this row */
	struct batch_val	*vals;
	struct buf		 arena;
};

/*
 * Prepares "head VALUES (row)...tail" for rows_per rows per statement.
 * The columns are those head names ("INSERT INTO t (a, b, c)"): declared
 * once, counted here, so a count can never disagree with the list.
 * Returns SQLITE_OK or an SQLite error code (SQLITE_MISUSE: head names
 * no column list).
 */
int	 batch_open(struct batch *b, sqlite3 *db, const char *head,
	    const char *tail, int rows_per);
/* The number of columns in head's "(a, b, c)" list, or -1 if it has none. */
int	 batch_columns(const char *head);
/* Finalises the statements and frees memory (queued rows are dropped). */
void	 batch_close(struct batch *b);
/* Queues an integer in the next column. */
void	 batch_int(struct batch *b, int64_t v);
/* Queues n bytes of text; NULL or "" queues SQL NULL. */
void	 batch_text(struct batch *b, const char *s);
/* Queues SQL NULL. */
void	 batch_null(struct batch *b);
/* Queues an integer, or NULL when !present. */
void	 batch_int_opt(struct batch *b, int present, int64_t v);
/*
 * Ends a row; runs the statement when rows_per are queued. Returns rc.
 * A row must have queued exactly one value per column: a miscount would
 * shift every later value into the wrong column, so it aborts (assert).
 */
int	 batch_row(struct batch *b);
/* Runs whatever is queued. Returns SQLITE_OK or an error code. */
int	 batch_flush(struct batch *b);
/* Drops whatever is queued (after a rollback). */
void	 batch_discard(struct batch *b);

#endif
