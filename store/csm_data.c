/*
 * The CSM page's queries (store/csmdata.h), prepared per call: the page
 * is written once a night.
 */
#include <stdio.h>

#include <sqlite3.h>

#include "store/csmdata.h"
#include "store/store.h"
#include "store/store_int.h"

int
store_csm_since(struct store *st, int64_t *since)
{
	sqlite3_stmt *s;
	int rc;

	*since = 0;
	/*
	 * Last night is the runs of an earlier (UTC) day than the latest
	 * run: a rerun the same night, after a crash or by hand, does not
	 * move the mark. A run killed before its end counts from its start.
	 */
	if (sqlite3_prepare_v2(st->db, "SELECT max(coalesce(finished_at,"
	    " started_at)) FROM runs WHERE started_at / 86400 <"
	    " (SELECT max(started_at) / 86400 FROM runs)", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*since = sqlite3_column_int64(s, 0);	/* NULL: 0 */
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/* Runs a per-currency query with since bound to ?1. */
static int
store_csm_money(struct store *st, const char *sql, int64_t since,
    int (*cb)(void *ctx, const struct csm_money_row *r), void *ctx)
{
	struct csm_money_row r;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, since);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.currency = store_text(s, 0);
		r.amount = sqlite3_column_int64(s, 1);
		r.count = sqlite3_column_int64(s, 2);
		if ((stop = cb(ctx, &r)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_csm_eligible_since(struct store *st, int64_t since,
    int (*cb)(void *ctx, const struct csm_money_row *r), void *ctx)
{
	return store_csm_money(st, "SELECT coalesce(c.currency, ''),"
	    " coalesce(sum(c.amount), 0), count(*) FROM claims c"
	    " WHERE c.status IN ('eligible', 'ready') AND EXISTS (SELECT 1"
	    " FROM claim_events e WHERE e.claim_id = c.claim_id"
	    " AND e.new_status = 'eligible' AND e.at > ?1)"
	    " GROUP BY 1 ORDER BY 1", since, cb, ctx);
}

int
store_csm_paid_since(struct store *st, int64_t since,
    int (*cb)(void *ctx, const struct csm_money_row *r), void *ctx)
{
	return store_csm_money(st, "SELECT r.currency, sum(r.amount_total),"
	    " count(*) FROM reimbursements r JOIN files f"
	    " ON f.id = r.file_id WHERE f.imported_at > ?1"
	    " GROUP BY 1 ORDER BY 1", since, cb, ctx);
}

int
store_csm_currency(struct store *st, char out[4])
{
	sqlite3_stmt *s;
	int rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(st->db, "SELECT currency FROM ("
	    " SELECT currency FROM claims WHERE currency IS NOT NULL"
	    " UNION ALL SELECT currency FROM settlements"
	    " WHERE currency IS NOT NULL"
	    " UNION ALL SELECT currency FROM reimbursements)"
	    " GROUP BY currency ORDER BY count(*) DESC, currency LIMIT 1", -1,
	    &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		snprintf(out, 4, "%s", store_text(s, 0));
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}
