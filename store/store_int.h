/* The store's insides, shared by the files of store/ only. */
#ifndef FBAUDIT_STORE_INT_H
#define FBAUDIT_STORE_INT_H

#include <sqlite3.h>

#include "store/batch.h"
#include "store/facts.h"

struct strmap;

/* Lazily prepared statements, one slot each. */
enum store_stmt {
	STMT_FILE_FIND,
	STMT_FILE_ADD,
	STMT_FILE_FINISH,
	STMT_FILE_SPANS,
	STMT_IMPORT_ERROR,
	STMT_PRODUCT_ADD,
	STMT_FC_ADD,
	STMT_EVENT_TYPE_ADD,
	STMT_DISPOSITION_ADD,
	STMT_SETTLEMENT_DELETE,
	STMT_SETTLEMENT_TX_DELETE,
	STMT_SETTLEMENT_ADD,
	STMT_INBOUND_SHIPMENT,
	STMT_INBOUND_ITEM,
	STMT_INBOUND_ITEM_ADOPT,
	STMT_INBOUND_ITEM_ORPHAN,
	STMT_INBOUND_ITEM_BY_SKU,
	STMT_INBOUND_ITEM_NEW,
	STMT_UNIT_COST,
	STMT_CLAIMS_SCAN,
	STMT_CLAIM_PUT,
	STMT_CLAIM_EVENT,
	STMT_CLAIM_STATUS,
	STMT_EVIDENCE_CLEAR,
	STMT_EVIDENCE_ADD,
	STMT_ANOMALIES_SCAN,
	STMT_ANOMALY_PUT,
	STMT_ANOMALY_EVENT,
	STMT_ANOMALY_NOTIFIED,
	STMT_ANOMALY_STATUS,
	STMT_FILING_INTENT,
	STMT_FILING_STATE,
	STMT_CLAIM_FILED,
	STMT_CLAIM_CASE,
	STMT_CLAIM_PAID,
	STMT_CLAIM_READY,
	STMT_COUNT
};

/* The interned names of the ledger. */
enum store_intern {
	INTERN_PRODUCT,
	INTERN_FC,
	INTERN_EVENT_TYPE,
	INTERN_DISPOSITION,
	INTERN_COUNT
};

struct store {
	sqlite3		*db;
	char		*seller;
	char		*dir;
	sqlite3_stmt	*stmt[STMT_COUNT];
	struct batch	 batch[STORE_FACT_COUNT];
	int		 batch_open[STORE_FACT_COUNT];
	struct strmap	*intern[INTERN_COUNT];
	int		 intern_loaded;
	enum store_fact	 load_table;	/* of the load in progress */
	int64_t		 load_before;	/* the table's max rowid before it */
	/* SQLite's message of the failure a rollback followed: ROLLBACK
	 * succeeding would otherwise leave "not an error" */
	char		 failure[256];
};

/* The prepared statement of slot i, preparing sql on first use; NULL. */
sqlite3_stmt	*store_stmt(struct store *st, enum store_stmt i,
		    const char *sql);
/* Runs a statement without results and resets it. Returns 0 or -1. */
int		 store_step_done(struct store *st, sqlite3_stmt *s);
/*
 * A caller's row callback travels as a generic function pointer (C
 * converts between function pointer types, not to void *); the row
 * reader casts it back to its own type before calling it.
 */
typedef void (*scan_fn)(void);

/*
 * Prepares sql (binding one text parameter when bind is set), and calls
 * row for each result row with cb and ctx. Returns 0, the first non-zero
 * value row returned (a caller's stop), or -1 on an SQLite error.
 */
int		 store_query(struct store *st, const char *sql,
		    const char *bind,
		    int (*row)(sqlite3_stmt *s, scan_fn cb, void *ctx),
		    scan_fn cb, void *ctx);
/*
 * As store_query, on the statement cached in slot, binding the n text
 * parameters of binds (store_bind_text: NULL or "" bind NULL).
 */
int		 store_scan(struct store *st, enum store_stmt slot,
		    const char *sql, const char *const *binds, int n,
		    int (*row)(sqlite3_stmt *s, scan_fn cb, void *ctx),
		    scan_fn cb, void *ctx);
/* Column i of a result row as text, "" for NULL (owned by SQLite). */
const char	*store_text(sqlite3_stmt *s, int i);
/* Binds v to parameter i (not copied), or NULL when v is NULL or "". */
void		 store_bind_text(sqlite3_stmt *s, int i, const char *v);
/*
 * Binds a copy of v made fit to show (lib/log.h's log_clean: no secret,
 * no control byte) to parameter i, or NULL when v is NULL or "". For the
 * free text that may carry a server's words: details, notes, summaries.
 */
void		 store_bind_clean(sqlite3_stmt *s, int i, const char *v);
/*
 * Appends a history row (claim_events, anomaly_events): sql inserts
 * (id, at, old, new, who, why) in that order; at is clock_now(). The
 * statement is prepared once in slot. Returns 0 or -1.
 */
int		 store_history_add(struct store *st, enum store_stmt slot,
		    const char *sql, const char *id, const char *old_status,
		    const char *new_status, const char *who, const char *why);
/* Runs SQL text without results. Returns 0 or -1. */
int		 store_exec(struct store *st, const char *sql);
/* Forgets the interned ids (after a rollback they may not exist). */
void		 store_intern_reset(struct store *st);
/* Flushes every queued batch. Returns 0 or -1. */
int		 store_flush(struct store *st);
/* Drops every queued batch row. */
void		 store_discard(struct store *st);

#endif
