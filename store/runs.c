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
