/* The runs table (store/runs.h). */
#include <sqlite3.h>

#include "lib/clock.h"
#include "store/runs.h"
#include "store/store.h"
#include "store/store_int.h"

int
store_run_begin(struct store *st, int64_t started_at, int64_t *id)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO runs (started_at,"
	    " outcome) VALUES (?, 'running')", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, started_at);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

int
store_run_end(struct store *st, int64_t id, const char *outcome,
    const char *summary)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "UPDATE runs SET finished_at = ?,"
	    " outcome = ?, summary = ? WHERE id = ?", -1, &s, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, clock_now());
	sqlite3_bind_text(s, 2, outcome, -1, SQLITE_STATIC);
	store_bind_clean(s, 3, summary);
	sqlite3_bind_int64(s, 4, id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

enum store_find
store_audit_last(struct store *st, int32_t *day)
{
	sqlite3_stmt *s;
	enum store_find found = STORE_NOT_FOUND;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT max(day) FROM audits", -1, &s,
	    NULL) != SQLITE_OK)
		return STORE_ERROR;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_type(s, 0) != SQLITE_NULL) {
		*day = sqlite3_column_int(s, 0);
		found = STORE_FOUND;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? found : STORE_ERROR;
}

int
store_audit_add(struct store *st, int32_t day, int rewind)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO audits (day, at, rewind)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (day) DO UPDATE SET at = ?2,"
	    " rewind = ?3", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(s, 1, day);
	sqlite3_bind_int64(s, 2, clock_now());
	sqlite3_bind_int(s, 3, rewind != 0);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
