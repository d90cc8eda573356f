/*
 * naive_load: bench measurement (b), the naive SQLite loader.  The reading
 * and splitting of parse_limit, plus one prepared INSERT per row into a
 * 14-column table, all in one transaction, WAL, no index.  Prints the number
 * of rows inserted on stdout.
 *
 * usage: naive_load FILE.tsv.gz DB
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "tsvsplit.h"

#define NAIVE_COLS	14

/* Same table as py_load.py: Amazon's 14 ledger columns in file order. */
static const char naive_ddl[] =
    "CREATE TABLE ledger ("
    "date TEXT, fnsku TEXT, asin TEXT, msku TEXT, title TEXT, "
    "event_type TEXT, reference_id TEXT, quantity INTEGER, "
    "fulfillment_center TEXT, disposition TEXT, reason TEXT, country TEXT, "
    "reconciled_quantity INTEGER, unreconciled_quantity INTEGER)";

static const char naive_insert[] =
    "INSERT INTO ledger VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

/* Quantity, Reconciled Quantity, Unreconciled Quantity. */
static const int naive_is_int[NAIVE_COLS] = {
	0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1
};

/* Runs one SQL statement without results; -1 with a message on failure. */
static int
naive_exec(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s: %s\n", sql,
		    err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* Binds field S of N bytes as column I (0-based); -1 on a bad integer. */
static int
naive_bind(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	char		*end;
	long long	 v;

	if (!naive_is_int[i])
		return sqlite3_bind_text(st, i + 1, s, (int)n, SQLITE_STATIC) ==
		    SQLITE_OK ? 0 : -1;
	if (n == 0)
		return sqlite3_bind_null(st, i + 1) == SQLITE_OK ? 0 : -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end != s + n)
		return -1;
	return sqlite3_bind_int64(st, i + 1, v) == SQLITE_OK ? 0 : -1;
}

/* Loads argv[1] into a new table in database argv[2]; exits 0 on success. */
int
main(int argc, char *argv[])
{
	struct tsvsplit		*t = NULL;
	sqlite3			*db = NULL;
	sqlite3_stmt		*st = NULL;
	char			**field;
	size_t			*len;
	unsigned long long	 rows = 0;
	int			 nf, i, rc = 1;

	if (argc != 3) {
		fprintf(stderr, "usage: naive_load FILE.tsv.gz DB\n");
		return 2;
	}
	if ((t = tsvsplit_open(argv[1])) == NULL)
		goto out;
	if ((nf = tsvsplit_next(t, &field, &len)) != NAIVE_COLS) {
		if (nf >= 0)
			fprintf(stderr, "%s: header has %d fields, want %d\n",
			    argv[1], nf, NAIVE_COLS);
		goto out;
	}
	if (sqlite3_open(argv[2], &db) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[2],
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	if (naive_exec(db, "PRAGMA journal_mode=WAL") == -1 ||
	    naive_exec(db, naive_ddl) == -1 ||
	    naive_exec(db, "BEGIN") == -1)
		goto out;
	if (sqlite3_prepare_v2(db, naive_insert, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
		goto out;
	}
	while ((nf = tsvsplit_next(t, &field, &len)) > 0) {
		if (nf != NAIVE_COLS) {
			fprintf(stderr, "%s:%llu: %d fields, header has %d\n",
			    argv[1], tsvsplit_line(t), nf, NAIVE_COLS);
			goto out;
		}
		for (i = 0; i < NAIVE_COLS; i++) {
			if (naive_bind(st, i, field[i], len[i]) == -1) {
				fprintf(stderr, "%s:%llu: column %d: "
				    "\"%s\" is not an integer\n", argv[1],
				    tsvsplit_line(t), i + 1, field[i]);
				goto out;
			}
		}
		if (sqlite3_step(st) != SQLITE_DONE) {
			fprintf(stderr, "sqlite: %s\n", sqlite3_errmsg(db));
			goto out;
		}
		sqlite3_reset(st);
		rows++;
	}
	if (nf == -1 || naive_exec(db, "COMMIT") == -1)
		goto out;
	if (printf("%llu\n", rows) < 0 || fflush(stdout) != 0) {
		perror("stdout");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	if (db != NULL && sqlite3_close(db) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", argv[2], sqlite3_errmsg(db));
		rc = 1;
	}
	tsvsplit_close(t);
	return rc;
}
