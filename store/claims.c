/* Claims, their events and their evidence (store/claims.h). */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/clock.h"
#include "lib/date.h"
#include "lib/num.h"
#include "store/claims.h"
#include "store/store.h"
#include "store/store_int.h"

typedef int (*claim_cb)(void *, const struct claim_row *);

/* One result row of the claims scan, to the caller's callback. */
static int
claim_row_read(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct claim_row c;

	memset(&c, 0, sizeof(c));
	c.claim_id = store_text(s, 0);
	c.type = store_text(s, 1);
	c.reference = store_text(s, 2);
	c.fnsku = store_text(s, 3);
	c.msku = store_text(s, 4);
	c.asin = store_text(s, 5);
	c.title = store_text(s, 6);
	c.country = store_text(s, 7);
	c.fc = store_text(s, 8);
	c.event_day = sqlite3_column_int(s, 9);
	c.units = sqlite3_column_int64(s, 10);
	c.quantity = sqlite3_column_int64(s, 11);
	c.has_value = sqlite3_column_type(s, 12) != SQLITE_NULL;
	c.unit_value = sqlite3_column_int64(s, 12);
	c.value_basis = store_text(s, 13);
	c.currency = store_text(s, 14);
	c.amount = sqlite3_column_int64(s, 15);
	c.opens = sqlite3_column_int(s, 16);
	c.closes = sqlite3_column_int(s, 17);
	c.rule = store_text(s, 18);
	c.status = claim_status_parse(store_text(s, 19));
	c.created_at = sqlite3_column_int64(s, 20);
	c.updated_at = sqlite3_column_int64(s, 21);
	c.case_id = store_text(s, 22);
	c.hold = store_text(s, 23);
	return ((claim_cb)cb)(ctx, &c);
}

int
store_claims_scan(struct store *st, const struct claim_filter *f,
    int (*cb)(void *ctx, const struct claim_row *c), void *ctx)
{
	const char *binds[3] = { f ? f->status : NULL, f ? f->type : NULL,
	    f ? f->claim_id : NULL };

	return store_scan(st, STMT_CLAIMS_SCAN, "SELECT claim_id, type,"
	    " reference_id, fnsku, msku, asin, title, country,"
	    " fulfillment_center, event_day, units, quantity, unit_value,"
	    " value_basis, currency, amount, window_opens, window_closes,"
	    " policy_rule, status, created_at, updated_at,"
	    " coalesce(case_id, ''), coalesce(hold, '') FROM claims"
	    " WHERE (?1 IS NULL OR status = ?1) AND (?2 IS NULL OR type = ?2)"
	    " AND (?3 IS NULL OR claim_id = ?3)"
	    " ORDER BY window_closes, claim_id", binds, 3, claim_row_read,
	    (scan_fn)cb, ctx);
}

int
store_claims_decided(struct store *st, int n, enum claim_status *out)
{
	sqlite3_stmt *s;
	int rc, got = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT status FROM claims WHERE"
	    " status IN (?2, ?3, ?4)"
	    " ORDER BY updated_at DESC, claim_id DESC LIMIT ?1", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(s, 1, n);
	store_bind_text(s, 2, claim_status_name(CLAIM_REIMBURSED));
	store_bind_text(s, 3, claim_status_name(CLAIM_PARTIALLY_REIMBURSED));
	store_bind_text(s, 4, claim_status_name(CLAIM_DENIED));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && got < n)
		out[got++] = claim_status_parse(store_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? got : -1;
}

int
store_claims_unsettled(struct store *st, const char *type, int32_t from,
    int32_t to, int64_t *units)
{
	sqlite3_stmt *s;
	int rc;

	*units = 0;
	/* Neither filed, paid, found nor expired: someone still owes. */
	if (sqlite3_prepare_v2(st->db, "SELECT coalesce(sum(quantity), 0)"
	    " FROM claims WHERE type = ? AND event_day BETWEEN ? AND ?"
	    " AND status IN (?, ?, ?)", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, from);
	sqlite3_bind_int(s, 3, to);
	store_bind_text(s, 4, claim_status_name(CLAIM_PENDING));
	store_bind_text(s, 5, claim_status_name(CLAIM_ELIGIBLE));
	store_bind_text(s, 6, claim_status_name(CLAIM_READY));
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*units = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_claim_put(struct store *st, const struct claim_row *c)
{
	sqlite3_stmt *s;
	int64_t now = clock_now();

	s = store_stmt(st, STMT_CLAIM_PUT, "INSERT INTO claims (claim_id,"
	    " type, reference_id, fnsku, msku, asin, title, country,"
	    " fulfillment_center, event_day, units, quantity, unit_value,"
	    " value_basis, currency, amount, window_opens, window_closes,"
	    " policy_rule, status, created_at, updated_at) VALUES (?1, ?2,"
	    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
	    " ?17, ?18, ?19, ?20, ?21, ?21) ON CONFLICT (claim_id) DO UPDATE"
	    " SET fnsku = ?4, msku = ?5, asin = ?6, title = ?7,"
	    " country = ?8,"
	    " fulfillment_center = ?9, event_day = ?10, units = ?11,"
	    " quantity = ?12, unit_value = ?13, value_basis = ?14,"
	    " currency = ?15, amount = ?16, window_opens = ?17,"
	    " window_closes = ?18, policy_rule = ?19, status = ?20,"
	    " updated_at = ?21");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, c->claim_id);
	store_bind_text(s, 2, c->type);
	sqlite3_bind_text(s, 3, c->reference, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->fnsku, -1, SQLITE_STATIC);
	store_bind_text(s, 5, c->msku);
	store_bind_text(s, 6, c->asin);
	store_bind_text(s, 7, c->title);
	store_bind_text(s, 8, c->country);
	store_bind_text(s, 9, c->fc);
	sqlite3_bind_int(s, 10, c->event_day);
	sqlite3_bind_int64(s, 11, c->units);
	sqlite3_bind_int64(s, 12, c->quantity);
	if (c->has_value) {
		sqlite3_bind_int64(s, 13, c->unit_value);
		sqlite3_bind_int64(s, 16, c->amount);
	}
	store_bind_text(s, 14, c->value_basis);
	store_bind_text(s, 15, c->currency);
	sqlite3_bind_int(s, 17, c->opens);
	sqlite3_bind_int(s, 18, c->closes);
	store_bind_text(s, 19, c->rule);
	store_bind_text(s, 20, claim_status_name(c->status));
	sqlite3_bind_int64(s, 21, now);
	return store_step_done(st, s);
}

int
store_claim_set_status(struct store *st, const char *claim_id,
    enum claim_status status)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_CLAIM_STATUS, "UPDATE claims SET status = ?,"
	    " updated_at = ? WHERE claim_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, claim_status_name(status));
	sqlite3_bind_int64(s, 2, clock_now());
	store_bind_text(s, 3, claim_id);
	return store_step_done(st, s);
}

int
store_claim_hold(struct store *st, const char *claim_id, const char *hold)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_CLAIM_HOLD, "UPDATE claims SET hold = ?"
	    " WHERE claim_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, hold);
	store_bind_text(s, 2, claim_id);
	return store_step_done(st, s);
}

int
store_claim_event_add(struct store *st, const char *claim_id,
    enum claim_status old_status, enum claim_status new_status,
    const char *actor, const char *detail)
{
	return store_history_add(st, STMT_CLAIM_EVENT, "INSERT INTO"
	    " claim_events (claim_id, at, old_status, new_status, actor,"
	    " detail) VALUES (?, ?, ?, ?, ?, ?)", claim_id,
	    claim_status_name(old_status), claim_status_name(new_status),
	    actor, detail);
}

int
store_claim_evidence_clear(struct store *st, const char *claim_id)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_EVIDENCE_CLEAR,
	    "DELETE FROM claim_evidence WHERE claim_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, claim_id);
	return store_step_done(st, s);
}

int
store_claim_evidence_add(struct store *st, const char *claim_id,
    const struct claim_evidence_row *e)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_EVIDENCE_ADD, "INSERT INTO claim_evidence"
	    " (claim_id, seq, role, source, file, line, day, units, detail,"
	    " detail_key, figures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, claim_id);
	sqlite3_bind_int(s, 2, e->seq);
	store_bind_text(s, 3, e->role);
	store_bind_text(s, 4, e->source);
	store_bind_text(s, 5, e->file);
	if (e->line > 0)
		sqlite3_bind_int64(s, 6, e->line);
	sqlite3_bind_int(s, 7, e->day);
	sqlite3_bind_int64(s, 8, e->units);
	store_bind_text(s, 9, e->detail);
	store_bind_text(s, 10, e->detail_key);
	store_bind_text(s, 11, e->figures);
	return store_step_done(st, s);
}

typedef int (*evidence_cb)(void *, const struct claim_evidence_row *);

static int
claims_evidence_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct claim_evidence_row e;

	e.seq = sqlite3_column_int(s, 0);
	e.role = store_text(s, 1);
	e.source = store_text(s, 2);
	e.file = store_text(s, 3);
	e.line = sqlite3_column_int64(s, 4);
	e.day = sqlite3_column_int(s, 5);
	e.units = sqlite3_column_int64(s, 6);
	e.detail = store_text(s, 7);
	e.detail_key = store_text(s, 8);
	e.figures = store_text(s, 9);
	return ((evidence_cb)cb)(ctx, &e);
}

int
store_claim_evidence_scan(struct store *st, const char *claim_id,
    int (*cb)(void *ctx, const struct claim_evidence_row *e), void *ctx)
{
	return store_query(st, "SELECT seq, role, source, file, line, day,"
	    " units, detail, detail_key, figures FROM claim_evidence"
	    " WHERE claim_id = ?"
	    " ORDER BY seq", claim_id, claims_evidence_row, (scan_fn)cb, ctx);
}

typedef int (*event_cb)(void *, const struct claim_event_row *);

static int
claims_event_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct claim_event_row e;

	e.at = sqlite3_column_int64(s, 0);
	e.old_status = store_text(s, 1);
	e.new_status = store_text(s, 2);
	e.actor = store_text(s, 3);
	e.detail = store_text(s, 4);
	return ((event_cb)cb)(ctx, &e);
}

int
store_claim_events_scan(struct store *st, const char *claim_id,
    int (*cb)(void *ctx, const struct claim_event_row *e), void *ctx)
{
	return store_query(st, "SELECT at, old_status, new_status, actor,"
	    " detail FROM claim_events WHERE claim_id = ? ORDER BY id",
	    claim_id, claims_event_row, (scan_fn)cb, ctx);
}

/* Passes one text field (NULL: no value). */
static void
claim_text(void (*cb)(void *, const struct claim_field *), void *ctx,
    const char *key, const char *text)
{
	struct claim_field f = { key, text, 0, 0 };

	cb(ctx, &f);
}

/* Passes one whole-number field. */
static void
claim_number(void (*cb)(void *, const struct claim_field *), void *ctx,
    const char *key, int64_t n)
{
	struct claim_field f = { key, NULL, 1, n };

	cb(ctx, &f);
}

void
store_claim_fields(const struct claim_row *c,
    void (*cb)(void *ctx, const struct claim_field *f), void *ctx)
{
	char d[DATE_STRLEN], m[32];

	claim_text(cb, ctx, "claim_id", c->claim_id);
	claim_text(cb, ctx, "type", c->type);
	claim_text(cb, ctx, "status", claim_status_name(c->status));
	claim_text(cb, ctx, "country", c->country);
	claim_text(cb, ctx, "fnsku", c->fnsku);
	claim_text(cb, ctx, "msku", c->msku);
	claim_text(cb, ctx, "asin", c->asin);
	claim_text(cb, ctx, "title", c->title);
	claim_text(cb, ctx, "reference_id", c->reference);
	claim_text(cb, ctx, "fulfillment_center", c->fc);
	claim_text(cb, ctx, "event_date", date_format(c->event_day, d));
	claim_number(cb, ctx, "quantity", c->quantity);
	claim_number(cb, ctx, "units", c->units);
	claim_text(cb, ctx, "unit_value", c->has_value ?
	    num_format_amount(c->unit_value, c->currency, m, sizeof(m)) : NULL);
	claim_text(cb, ctx, "currency", c->currency);
	claim_text(cb, ctx, "amount", c->has_value ?
	    num_format_amount(c->amount, c->currency, m, sizeof(m)) : NULL);
	claim_text(cb, ctx, "value_basis", c->value_basis);
	claim_text(cb, ctx, "window_opens", date_format(c->opens, d));
	claim_text(cb, ctx, "window_closes", date_format(c->closes, d));
	claim_text(cb, ctx, "policy_rule", c->rule);
}
