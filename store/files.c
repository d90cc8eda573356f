/* The registry of imported files, and rows skipped by --lenient. */
#include <sqlite3.h>

#include "lib/clock.h"
#include "store/facts.h"
#include "store/store.h"
#include "store/store_int.h"

enum store_find
store_file_find(struct store *st, const char *sha256, int64_t *id,
    int64_t *imported_at)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, STMT_FILE_FIND,
	    "SELECT id, imported_at FROM files WHERE sha256 = ?");
	if (s == NULL)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*imported_at = sqlite3_column_int64(s, 1);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return STORE_FOUND;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}

int
store_file_add(struct store *st, struct store_file *f)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_FILE_ADD,
	    "INSERT INTO files (sha256, type, name, charset, gzip,"
	    " imported_at) VALUES (?, ?, ?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, f->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, f->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, f->charset, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, f->gzip);
	sqlite3_bind_int64(s, 6, clock_now());
	if (store_step_done(st, s) == -1)
		return -1;
	f->id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_import_error(struct store *st, int64_t file_id, int64_t line,
    const char *column, const char *reason)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_IMPORT_ERROR,
	    "INSERT INTO import_errors (file_id, line, column_name, reason)"
	    " VALUES (?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, file_id);
	sqlite3_bind_int64(s, 2, line);
	if (column != NULL)
		sqlite3_bind_text(s, 3, column, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
	return store_step_done(st, s);
}
