/* The marketplace client's tables: fetch_reports, fetch_types, events. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/clock.h"
#include "lib/mem.h"
#include "lib/testhook.h"
#include "store/fetchstate.h"
#include "store/store.h"
#include "store/store_int.h"

/* The stored names of enum store_fetch_status, in its order. */
static const char *const fetch_status_names[] = {
	"planned", "creating", "requested", "IN_QUEUE", "IN_PROGRESS", "DONE",
	"imported", "cancelled", "fatal", "rejected", "lost", "failed"
};
_Static_assert(sizeof(fetch_status_names) / sizeof(fetch_status_names[0]) ==
    STORE_FETCH_FAILED + 1, "a name for each status");

const char *
store_fetch_status_name(enum store_fetch_status s)
{
	return fetch_status_names[s];
}

int
store_fetch_status_find(const char *name, enum store_fetch_status *s)
{
	size_t i;

	for (i = 0; i <= STORE_FETCH_FAILED; i++)
		if (strcmp(fetch_status_names[i], name) == 0) {
			*s = (enum store_fetch_status)i;
			return 0;
		}
	return -1;
}

/* Binds text, NULL as NULL. */
static int
fetch_bind(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
}

/* Runs a statement to its end and finalizes it. */
static int
fetch_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_fetch_report_add(struct store *st, const char *report_id,
    const char *type, int64_t data_start, int64_t data_end,
    enum store_fetch_status status)
{
	sqlite3_stmt *s;
	int64_t now = clock_now();

	if (sqlite3_prepare_v2(st->db, "INSERT OR IGNORE INTO fetch_reports"
	    " (report_id, report_type, data_start, data_end, status,"
	    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, report_id);
	fetch_bind(s, 2, type);
	sqlite3_bind_int64(s, 3, data_start);
	sqlite3_bind_int64(s, 4, data_end);
	fetch_bind(s, 5, store_fetch_status_name(status));
	sqlite3_bind_int64(s, 6, now);
	sqlite3_bind_int64(s, 7, now);
	return fetch_done(s);
}

int
store_fetch_plan_add(struct store *st, const struct store_fetch_report *v,
    size_t n)
{
	sqlite3_stmt *s;
	int64_t now = clock_now();
	size_t i;
	int rc = 0;

	if (store_begin(st) == -1)
		return -1;
	/* A plan that failed on an earlier night is planned again. */
	if (sqlite3_prepare_v2(st->db, "INSERT INTO fetch_reports"
	    " (report_id, report_type, data_start, data_end, status,"
	    " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?7, ?5, ?6)"
	    " ON CONFLICT (report_id) DO UPDATE SET status = ?7,"
	    " detail = NULL, updated_at = excluded.updated_at", -1, &s,
	    NULL) != SQLITE_OK) {
		store_rollback(st);
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		fetch_bind(s, 1, v[i].report_id);
		fetch_bind(s, 2, v[i].report_type);
		sqlite3_bind_int64(s, 3, v[i].data_start);
		sqlite3_bind_int64(s, 4, v[i].data_end);
		sqlite3_bind_int64(s, 5, now);
		sqlite3_bind_int64(s, 6, now);
		fetch_bind(s, 7, store_fetch_status_name(STORE_FETCH_PLANNED));
		rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if (rc == -1 || store_commit(st) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

/* Moves a type's gapless end forward to end; stamps the success too
 * when success is set. */
static int
fetch_type_set(struct store *st, const char *type, int64_t end, int success)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO fetch_types"
	    " (report_type, complete_end, last_success_at) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (report_type) DO UPDATE SET"
	    " complete_end = max(coalesce(complete_end, 0),"
	    " excluded.complete_end),"
	    " last_success_at = coalesce(?3, last_success_at)", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, type);
	sqlite3_bind_int64(s, 2, end);
	if (success)
		sqlite3_bind_int64(s, 3, clock_now());
	else
		sqlite3_bind_null(s, 3);
	return fetch_done(s);
}

int
store_fetch_listed_add(struct store *st, const struct store_fetch_report *v,
    size_t n, const char *type, int64_t end)
{
	size_t i;

	if (store_begin(st) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (store_fetch_report_add(st, v[i].report_id, type,
		    v[i].data_start, v[i].data_end, STORE_FETCH_DONE) == -1 ||
		    store_fetch_report_set(st, v[i].report_id,
		    STORE_FETCH_DONE, v[i].document_id, NULL) == -1)
			goto fail;
	/* With reports to download, success is their import's to record
	 * (stale_data reads it); with none, the listing is the success. */
	if (fetch_type_set(st, type, end, n == 0) == -1 ||
	    store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

int
store_fetch_report_rename(struct store *st, const char *plan_id,
    const char *report_id)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "UPDATE fetch_reports SET"
	    " report_id = ?, status = ?, updated_at = ?"
	    " WHERE report_id = ?", -1, &s, NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, report_id);
	fetch_bind(s, 2, store_fetch_status_name(STORE_FETCH_REQUESTED));
	sqlite3_bind_int64(s, 3, clock_now());
	fetch_bind(s, 4, plan_id);
	return fetch_done(s);
}

int
store_fetch_report_set(struct store *st, const char *report_id,
    enum store_fetch_status status, const char *document_id,
    const char *detail)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "UPDATE fetch_reports SET status = ?,"
	    " document_id = coalesce(?, document_id),"
	    " detail = coalesce(?, detail), updated_at = ?"
	    " WHERE report_id = ?", -1, &s, NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, store_fetch_status_name(status));
	fetch_bind(s, 2, document_id);
	store_bind_clean(s, 3, detail);
	sqlite3_bind_int64(s, 4, clock_now());
	fetch_bind(s, 5, report_id);
	return fetch_done(s);
}

/* Copies a text column into a fixed field. */
static void
fetch_text(sqlite3_stmt *s, int i, char *out, size_t len)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, len, "%s", t ? (const char *)t : "");
}

int
store_fetch_inflight(struct store *st, struct store_fetch_report **out,
    size_t *n)
{
	struct store_fetch_report *v = NULL, *r;
	sqlite3_stmt *s;
	char status[16];
	size_t k = 0;
	int rc, i;

	*out = NULL;
	*n = 0;
	/* The in-flight statuses, the first six: ?1 to ?6. */
	if (sqlite3_prepare_v2(st->db, "SELECT report_id, report_type,"
	    " data_start, data_end, status, document_id, updated_at"
	    " FROM fetch_reports"
	    " WHERE status IN (?1, ?2, ?3, ?4, ?5, ?6) ORDER BY created_at,"
	    " data_start, rowid", -1, &s, NULL) != SQLITE_OK)
		return -1;
	for (i = STORE_FETCH_PLANNED; i <= STORE_FETCH_DONE; i++)
		fetch_bind(s, i + 1, store_fetch_status_name(i));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, k + 1, sizeof(*v));
		r = &v[k++];
		fetch_text(s, 0, r->report_id, sizeof(r->report_id));
		fetch_text(s, 1, r->report_type, sizeof(r->report_type));
		r->data_start = sqlite3_column_int64(s, 2);
		r->data_end = sqlite3_column_int64(s, 3);
		fetch_text(s, 4, status, sizeof(status));
		/* Never: only the names bound above are selected. */
		if (store_fetch_status_find(status, &r->status) == -1) {
			k--;
			continue;
		}
		fetch_text(s, 5, r->document_id, sizeof(r->document_id));
		r->updated_at = sqlite3_column_int64(s, 6);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		free(v);
		return -1;
	}
	*out = v;
	*n = k;
	return 0;
}

int
store_fetch_known(struct store *st, const char *report_id)
{
	sqlite3_stmt *s;
	int rc;

	/* The tests' fault: a real SQLite error, with its message. */
	if (testhook_fail("fetch_known"))
		return sqlite3_exec(st->db, "SELECT 1 FROM fbaudit_test_fail",
		    NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
	if (sqlite3_prepare_v2(st->db, "SELECT 1 FROM fetch_reports"
	    " WHERE report_id = ?", -1, &s, NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, report_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int
store_fetch_type_end(struct store *st, const char *type, int64_t *end)
{
	sqlite3_stmt *s;
	int rc, found = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT complete_end FROM fetch_types"
	    " WHERE report_type = ? AND complete_end IS NOT NULL", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	fetch_bind(s, 1, type);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*end = sqlite3_column_int64(s, 0);
		found = 1;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? found : -1;
}

int
store_fetch_type_done(struct store *st, const char *type, int64_t end)
{
	return fetch_type_set(st, type, end, 1);
}

int
store_fetch_event(struct store *st, const char *kind, const char *type,
    const char *detail)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st->db, "INSERT INTO fetch_events"
	    " (at, kind, report_type, detail) VALUES (?, ?, ?, ?)", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, clock_now());
	fetch_bind(s, 2, kind);
	fetch_bind(s, 3, type);
	store_bind_clean(s, 4, detail);
	return fetch_done(s);
}

typedef int (*fetch_type_cb)(void *, const struct store_fetch_type *);

static int
fetch_type_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct store_fetch_type t;

	t.report_type = (const char *)sqlite3_column_text(s, 0);
	t.has_end = sqlite3_column_type(s, 1) != SQLITE_NULL;
	t.complete_end = sqlite3_column_int64(s, 1);
	t.has_success = sqlite3_column_type(s, 2) != SQLITE_NULL;
	t.last_success_at = sqlite3_column_int64(s, 2);
	return ((fetch_type_cb)cb)(ctx, &t);
}

int
store_fetch_types_scan(struct store *st,
    int (*cb)(void *ctx, const struct store_fetch_type *t), void *ctx)
{
	return store_query(st, "SELECT report_type, complete_end,"
	    " last_success_at FROM fetch_types ORDER BY report_type", NULL,
	    fetch_type_row, (scan_fn)cb, ctx);
}

enum store_find
store_fetch_last_event(struct store *st, const char *kind, int64_t *at,
    char *detail, size_t size)
{
	sqlite3_stmt *s;
	const unsigned char *d;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT at, detail FROM fetch_events"
	    " WHERE kind = ? ORDER BY at DESC, id DESC LIMIT 1", -1, &s,
	    NULL) != SQLITE_OK)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*at = sqlite3_column_int64(s, 0);
		d = sqlite3_column_text(s, 1);
		snprintf(detail, size, "%s", d ? (const char *)d : "");
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STORE_FOUND;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}
