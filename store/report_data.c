/*
 * The reports' queries (store/reportdata.h). Reports run once a night,
 * so statements are prepared per call rather than taking slots of the
 * store's statement cache.
 */
#include <sqlite3.h>

#include "store/reportdata.h"
#include "store/store.h"
#include "store/store_int.h"

int
store_report_recovered(struct store *st,
    int (*cb)(void *ctx, const struct report_recovered_row *r), void *ctx)
{
	struct report_recovered_row r;
	sqlite3_stmt *s;
	const unsigned char *cur;
	int rc, stop = 0;

	/* Reversals are negative rows: the sum is what Amazon kept paid. */
	if (sqlite3_prepare_v2(st->db, "SELECT"
	    " CAST(strftime('%Y', approval_time, 'unixepoch') AS INTEGER) y,"
	    " CAST(strftime('%m', approval_time, 'unixepoch') AS INTEGER) m,"
	    " currency, sum(amount_total), count(*) FROM reimbursements"
	    " GROUP BY y, m, currency ORDER BY y, m, currency", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.year = sqlite3_column_int(s, 0);
		r.month = sqlite3_column_int(s, 1);
		cur = sqlite3_column_text(s, 2);
		r.currency = cur ? (const char *)cur : "";
		r.amount = sqlite3_column_int64(s, 3);
		r.count = sqlite3_column_int64(s, 4);
		if ((stop = cb(ctx, &r)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_report_freshness(struct store *st,
    int (*cb)(void *ctx, const struct report_freshness_row *r), void *ctx)
{
	struct report_freshness_row r;
	sqlite3_stmt *s;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(st->db, "SELECT type, count(*),"
	    " max(imported_at), max(range_to) FROM files"
	    " GROUP BY type ORDER BY type", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.type = (const char *)sqlite3_column_text(s, 0);
		r.files = sqlite3_column_int64(s, 1);
		r.last_import = sqlite3_column_int64(s, 2);
		r.has_through = sqlite3_column_type(s, 3) != SQLITE_NULL;
		r.through = sqlite3_column_int(s, 3);
		if ((stop = cb(ctx, &r)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}
