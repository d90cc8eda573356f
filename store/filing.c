/* Filings, case ids and payments of claims (store/filing.h). */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/clock.h"
#include "store/filing.h"
#include "store/store.h"
#include "store/store_int.h"

#define FILING_COLS "f.claim_id, f.transport, f.state, f.key, f.attempts," \
	" f.intent_at, coalesce(f.confirmed_at, 0), f.case_id, f.last_error"

typedef int (*filing_cb)(void *, const struct filing_row *);

static int
filing_row_read(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct filing_row f;

	f.claim_id = store_text(s, 0);
	f.transport = store_text(s, 1);
	f.state = store_text(s, 2);
	f.key = store_text(s, 3);
	f.attempts = sqlite3_column_int64(s, 4);
	f.intent_at = sqlite3_column_int64(s, 5);
	f.confirmed_at = sqlite3_column_int64(s, 6);
	f.case_id = store_text(s, 7);
	f.last_error = store_text(s, 8);
	return ((filing_cb)cb)(ctx, &f);
}

int
store_filing_get(struct store *st, const char *claim_id,
    int (*cb)(void *ctx, const struct filing_row *f), void *ctx)
{
	return store_query(st, "SELECT " FILING_COLS " FROM claim_filings f"
	    " WHERE f.claim_id = ?", claim_id, filing_row_read, (scan_fn)cb,
	    ctx);
}

int
store_filings_scan(struct store *st, const char *state,
    int (*cb)(void *ctx, const struct filing_row *f), void *ctx)
{
	return store_query(st, "SELECT " FILING_COLS " FROM claim_filings f"
	    " JOIN claims c ON c.claim_id = f.claim_id WHERE f.state = ?"
	    " ORDER BY c.window_closes, f.claim_id", state, filing_row_read,
	    (scan_fn)cb, ctx);
}

int
store_filing_intent(struct store *st, const char *claim_id,
    const char *transport, const char *key)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_FILING_INTENT, "INSERT INTO claim_filings"
	    " (claim_id, transport, state, key, attempts, intent_at)"
	    " VALUES (?1, ?2, 'intent', ?3, 1, ?4) ON CONFLICT (claim_id)"
	    " DO UPDATE SET transport = ?2, state = 'intent', key = ?3,"
	    " attempts = attempts + 1, intent_at = ?4");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, claim_id);
	store_bind_text(s, 2, transport);
	store_bind_text(s, 3, key);
	sqlite3_bind_int64(s, 4, clock_now());
	return store_step_done(st, s);
}

int
store_filing_state(struct store *st, const char *claim_id,
    const char *state, const char *case_id, const char *error)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_FILING_STATE, "UPDATE claim_filings SET"
	    " state = ?1, case_id = coalesce(?2, case_id),"
	    " last_error = coalesce(?3, last_error),"
	    " confirmed_at = CASE WHEN ?1 = 'confirmed' THEN ?4"
	    " ELSE confirmed_at END WHERE claim_id = ?5");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, state);
	store_bind_text(s, 2, case_id);
	store_bind_text(s, 3, error);
	sqlite3_bind_int64(s, 4, clock_now());
	store_bind_text(s, 5, claim_id);
	return store_step_done(st, s);
}

int64_t
store_filings_confirmed_on(struct store *st, int32_t day)
{
	sqlite3_stmt *s;
	int64_t n = -1;

	if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM claim_filings"
	    " WHERE state = 'confirmed' AND confirmed_at >= ?1 AND"
	    " confirmed_at < ?1 + 86400", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, (int64_t)day * 86400);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

int
store_claim_filed(struct store *st, const char *claim_id,
    const char *case_id)
{
	sqlite3_stmt *s;
	int64_t now = clock_now();

	/* A ready claim was filed by a person some time after its packet
	 * was made: payments from then on may be for it (reconcile). */
	s = store_stmt(st, STMT_CLAIM_FILED, "UPDATE claims SET"
	    " status = ?4, case_id = ?1, filed_at = CASE WHEN"
	    " status = ?5 AND filed_at IS NOT NULL THEN filed_at"
	    " ELSE ?2 END, updated_at = ?2 WHERE claim_id = ?3");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, case_id);
	sqlite3_bind_int64(s, 2, now);
	store_bind_text(s, 3, claim_id);
	store_bind_text(s, 4, claim_status_name(CLAIM_FILED));
	store_bind_text(s, 5, claim_status_name(CLAIM_READY));
	return store_step_done(st, s);
}

int
store_claim_ready(struct store *st, const char *claim_id)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_CLAIM_READY, "UPDATE claims SET"
	    " status = ?3, filed_at = ?1, updated_at = ?1"
	    " WHERE claim_id = ?2");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, clock_now());
	store_bind_text(s, 2, claim_id);
	store_bind_text(s, 3, claim_status_name(CLAIM_READY));
	return store_step_done(st, s);
}

int
store_claim_case_set(struct store *st, const char *claim_id,
    const char *case_id)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_CLAIM_CASE, "UPDATE claims SET case_id = ?,"
	    " updated_at = ? WHERE claim_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, case_id);
	sqlite3_bind_int64(s, 2, clock_now());
	store_bind_text(s, 3, claim_id);
	return store_step_done(st, s);
}

#define INFO_COLS "claim_id, type, status, fnsku, reference_id," \
	" coalesce(currency, ''), coalesce(case_id, ''), quantity," \
	" amount, coalesce(filed_at, 0), paid_units, paid_amount," \
	" owed_amount, event_day, window_opens, window_closes"

typedef int (*info_cb)(void *, const struct claim_filing_info *);

static int
filing_info_read(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct claim_filing_info c;

	c.claim_id = store_text(s, 0);
	c.type = store_text(s, 1);
	c.status = claim_status_parse(store_text(s, 2));
	c.fnsku = store_text(s, 3);
	c.reference = store_text(s, 4);
	c.currency = store_text(s, 5);
	c.case_id = store_text(s, 6);
	c.quantity = sqlite3_column_int64(s, 7);
	c.has_value = sqlite3_column_type(s, 8) != SQLITE_NULL;
	c.amount = sqlite3_column_int64(s, 8);
	c.filed_at = sqlite3_column_int64(s, 9);
	c.paid_units = sqlite3_column_int64(s, 10);
	c.paid_amount = sqlite3_column_int64(s, 11);
	c.has_owed = sqlite3_column_type(s, 12) != SQLITE_NULL;
	c.owed = sqlite3_column_int64(s, 12);
	c.event_day = sqlite3_column_int(s, 13);
	c.opens = sqlite3_column_int(s, 14);
	c.closes = sqlite3_column_int(s, 15);
	return ((info_cb)cb)(ctx, &c);
}

int
store_claims_filing_scan(struct store *st,
    int (*cb)(void *ctx, const struct claim_filing_info *c), void *ctx)
{
	return store_query(st, "SELECT " INFO_COLS " FROM claims"
	    " ORDER BY event_day, claim_id", NULL, filing_info_read,
	    (scan_fn)cb, ctx);
}

int
store_claim_filing_get(struct store *st, const char *claim_id,
    int (*cb)(void *ctx, const struct claim_filing_info *c), void *ctx)
{
	return store_query(st, "SELECT " INFO_COLS " FROM claims"
	    " WHERE claim_id = ?", claim_id, filing_info_read, (scan_fn)cb,
	    ctx);
}

int
store_claim_paid_set(struct store *st, const char *claim_id,
    enum claim_status status, int64_t paid_units, int64_t paid_amount,
    int has_owed, int64_t owed)
{
	sqlite3_stmt *s;

	s = store_stmt(st, STMT_CLAIM_PAID, "UPDATE claims SET status = ?,"
	    " paid_units = ?, paid_amount = ?, owed_amount = ?,"
	    " updated_at = ? WHERE claim_id = ?");
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, claim_status_name(status));
	sqlite3_bind_int64(s, 2, paid_units);
	sqlite3_bind_int64(s, 3, paid_amount);
	if (has_owed)
		sqlite3_bind_int64(s, 4, owed);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_int64(s, 5, clock_now());
	store_bind_text(s, 6, claim_id);
	return store_step_done(st, s);
}

typedef int (*reimb_cb)(void *, const struct reimb_row *);

static int
filing_reimb_read(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	struct reimb_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.approval_time = sqlite3_column_int64(s, 1);
	r.reimbursement_id = store_text(s, 2);
	r.case_id = store_text(s, 3);
	r.order_id = store_text(s, 4);
	r.reason = store_text(s, 5);
	r.fnsku = store_text(s, 6);
	r.currency = store_text(s, 7);
	r.original_id = store_text(s, 8);
	r.amount_total = sqlite3_column_int64(s, 9);
	r.qty_total = sqlite3_column_int64(s, 10);
	return ((reimb_cb)cb)(ctx, &r);
}

int
store_reimbs_scan(struct store *st,
    int (*cb)(void *ctx, const struct reimb_row *r), void *ctx)
{
	return store_query(st, "SELECT id, approval_time, reimbursement_id,"
	    " case_id, amazon_order_id, reason, fnsku, currency,"
	    " original_reimbursement_id, amount_total, qty_total"
	    " FROM reimbursements ORDER BY approval_time, id", NULL,
	    filing_reimb_read, (scan_fn)cb, ctx);
}

int
store_reimb_case_id(struct store *st, const char *reimbursement_id,
    char *out, size_t size)
{
	sqlite3_stmt *s;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(st->db, "SELECT case_id FROM reimbursements"
	    " WHERE reimbursement_id = ? AND coalesce(case_id, '') <> ''"
	    " ORDER BY id LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, reimbursement_id, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		snprintf(out, size, "%s", store_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

enum store_find
store_inbound_item_units(struct store *st, const char *shipment_id,
    const char *fnsku, int64_t *shipped, int64_t *received)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT qty_shipped, qty_received"
	    " FROM inbound_items WHERE shipment_id = ? AND fnsku = ?", -1,
	    &s, NULL) != SQLITE_OK)
		return STORE_ERROR;
	sqlite3_bind_text(s, 1, shipment_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, fnsku, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*shipped = sqlite3_column_int64(s, 0);
		*received = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return STORE_FOUND;
	return rc == SQLITE_DONE ? STORE_NOT_FOUND : STORE_ERROR;
}
