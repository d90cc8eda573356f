/* Anomalies and their history (store/anomalies.h). */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/clock.h"
#include "store/anomalies.h"
#include "store/store.h"
#include "store/store_int.h"

typedef int (*anomaly_cb)(void *, const struct anomaly_row *);

/* One result row of the anomalies scan, to the caller's callback. */
static int
anomaly_row_read(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct anomaly_row a;

	memset(&a, 0, sizeof(a));
	a.anomaly_id = store_text(s, 0);
	a.kind = store_text(s, 1);
	a.period = store_text(s, 2);
	a.severity = store_text(s, 3);
	a.status = anomaly_state_parse(store_text(s, 4));
	a.subject = store_text(s, 5);
	a.detail = store_text(s, 6);
	a.advice = store_text(s, 7);
	a.deadline = sqlite3_column_int(s, 8);
	a.amount = sqlite3_column_int64(s, 9);
	a.currency = sqlite3_column_type(s, 10) == SQLITE_NULL ? NULL :
	    store_text(s, 10);
	a.opened_at = sqlite3_column_int64(s, 11);
	a.updated_at = sqlite3_column_int64(s, 12);
	a.notified = sqlite3_column_int(s, 13);
	a.figures = sqlite3_column_type(s, 14) == SQLITE_NULL ? NULL :
	    store_text(s, 14);
	if (sqlite3_column_type(s, 15) != SQLITE_NULL) {
		a.ack_by = store_text(s, 15);
		a.ack_at = sqlite3_column_int64(s, 16);
		a.ack_note = store_text(s, 17);
	}
	if (sqlite3_column_type(s, 18) != SQLITE_NULL) {
		a.last_by = store_text(s, 18);
		a.last_at = sqlite3_column_int64(s, 19);
		a.last_note = store_text(s, 20);
	}
	return ((anomaly_cb)cb)(ctx, &a);
}

int
store_anomalies_scan(struct store *st, const struct anomaly_filter *f,
    int (*cb)(void *ctx, const struct anomaly_row *a), void *ctx)
{
	const char *binds[3] = { f ? f->status : NULL, f ? f->kind : NULL,
	    f ? f->anomaly_id : NULL };

	/* The latest acknowledgement and the latest change by anyone. */
	return store_scan(st, STMT_ANOMALIES_SCAN, "SELECT a.anomaly_id,"
	    " a.kind, a.period, a.severity, a.status, a.subject, a.detail,"
	    " a.advice, a.deadline, a.amount, a.currency, a.opened_at,"
	    " a.updated_at, a.notified, a.figures, k.who, k.at, k.note,"
	    " e.who, e.at, e.note FROM anomalies a"
	    " LEFT JOIN anomaly_events k ON k.id = (SELECT max(id) FROM"
	    " anomaly_events WHERE anomaly_id = a.anomaly_id"
	    " AND new_status = 'acked')"
	    " LEFT JOIN anomaly_events e ON e.id = (SELECT max(id) FROM"
	    " anomaly_events WHERE anomaly_id = a.anomaly_id"
	    " AND old_status IS NOT NULL)"
	    " WHERE (?1 IS NULL OR a.status = ?1"
	    " OR (?1 = 'active' AND a.status IN ('open', 'acked')))"
	    " AND (?2 IS NULL OR a.kind = ?2)"
	    " AND (?3 IS NULL OR a.anomaly_id = ?3)"
	    " ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1"
	    " ELSE 2 END, coalesce(a.deadline, 2147483647), a.anomaly_id",
	    binds,
	    3, anomaly_row_read, (scan_fn)cb, ctx);
}

int
store_anomaly_put(struct store *st, const struct anomaly_row *a)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_ANOMALY_PUT, "INSERT INTO anomalies"
	    " (anomaly_id, kind, period, severity, status, subject, detail,"
	    " advice, deadline, amount, currency, opened_at, updated_at,"
	    " figures)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, ''), ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?12, ?13)"
	    " ON CONFLICT (anomaly_id) DO UPDATE SET severity = ?4,"
	    " status = ?5, subject = coalesce(?6, ''), detail = ?7,"
	    " advice = ?8, deadline = ?9, amount = ?10, currency = ?11,"
	    " updated_at = ?12, figures = ?13");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, a->anomaly_id);
	store_bind_text(s, 2, a->kind);
	store_bind_text(s, 3, a->period);
	store_bind_text(s, 4, a->severity);
	store_bind_text(s, 5, anomaly_state_name(a->status));
	store_bind_clean(s, 6, a->subject);
	store_bind_clean(s, 7, a->detail);
	store_bind_clean(s, 8, a->advice);
	if (a->deadline != 0)
		sqlite3_bind_int(s, 9, a->deadline);
	if (a->currency != NULL) {
		sqlite3_bind_int64(s, 10, a->amount);
		store_bind_text(s, 11, a->currency);
	}
	sqlite3_bind_int64(s, 12, clock_now());
	store_bind_text(s, 13, a->figures);
	return store_step_done(st, s);
}

int
store_anomaly_event_add(struct store *st, const char *anomaly_id,
    enum anomaly_state old_status, enum anomaly_state new_status,
    const char *who, const char *note)
{
	return store_history_add(st, STMT_ANOMALY_EVENT, "INSERT INTO"
	    " anomaly_events (anomaly_id, at, old_status, new_status, who,"
	    " note) VALUES (?, ?, ?, ?, ?, ?)", anomaly_id,
	    anomaly_state_name(old_status), anomaly_state_name(new_status),
	    who, note);
}

int
store_anomaly_set_status(struct store *st, const char *anomaly_id,
    enum anomaly_state status)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_ANOMALY_STATUS, "UPDATE anomalies SET"
	    " status = ?, updated_at = ? WHERE anomaly_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, anomaly_state_name(status));
	sqlite3_bind_int64(s, 2, clock_now());
	store_bind_text(s, 3, anomaly_id);
	return store_step_done(st, s);
}

int
store_anomaly_notified(struct store *st, const char *anomaly_id)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_ANOMALY_NOTIFIED,
	    "UPDATE anomalies SET notified = 1 WHERE anomaly_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, anomaly_id);
	return store_step_done(st, s);
}

typedef int (*anomaly_event_cb)(void *,
    const struct anomaly_event_row *);

static int
anomalies_event_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct anomaly_event_row e;

	e.at = sqlite3_column_int64(s, 0);
	e.old_status = store_text(s, 1);
	e.new_status = store_text(s, 2);
	e.who = store_text(s, 3);
	e.note = store_text(s, 4);
	return ((anomaly_event_cb)cb)(ctx, &e);
}

int
store_anomaly_events_scan(struct store *st, const char *anomaly_id,
    int (*cb)(void *ctx, const struct anomaly_event_row *e), void *ctx)
{
	return store_query(st, "SELECT at, old_status, new_status, who, note"
	    " FROM anomaly_events WHERE anomaly_id = ? ORDER BY id",
	    anomaly_id, anomalies_event_row, (scan_fn)cb, ctx);
}

enum store_find
store_anomaly_last_event(struct store *st, const char *anomaly_id,
    char *who, size_t size, enum anomaly_state *old)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT who, old_status FROM"
	    " anomaly_events WHERE anomaly_id = ? ORDER BY id DESC LIMIT 1",
	    -1, &s, NULL) != SQLITE_OK)
		return STORE_ERROR;
	store_bind_text(s, 1, anomaly_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		snprintf(who, size, "%s", store_text(s, 0));
		*old = anomaly_state_parse(store_text(s, 1));
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STORE_FOUND;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}
