/*
 * The seller store: one SQLite file per seller, DATADIR/SELLER/store.db,
 * in WAL mode, migrated on open. Every SQL statement of fbaudit lives in
 * store/; callers see functions, never SQL.
 */
#ifndef FBAUDIT_STORE_H
#define FBAUDIT_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct store;

/* How store_open opens a store (its create argument). */
#define STORE_OPEN_RW		0	/* an existing store, to write */
#define STORE_OPEN_CREATE	1	/* creating DATADIR/SELLER/ if need be */
/*
 * An existing store, only to read: works on files and folders the user
 * may not write (a read-only copy, another user's data). Nothing is
 * migrated: a store of an older schema is refused with a reason.
 */
#define STORE_OPEN_READ		2

/*
 * Opens the seller's store as mode says (STORE_OPEN_*) and, unless read
 * only, migrates it. The seller id must be valid (sellerid_valid).
 * Returns NULL with a reason in err on failure; close with store_close().
 */
struct store	*store_open(const char *datadir, const char *seller, int mode,
		    char *err, size_t errlen);
/* Whether the store was opened only to read (STORE_OPEN_READ). */
int		 store_read_only(struct store *st);
/* Closes the store and frees it (NULL is fine). */
void		 store_close(struct store *st);
/* The seller id the store belongs to (owned by the store). */
const char	*store_seller(const struct store *st);
/* The seller's folder, DATADIR/SELLER (owned by the store). */
const char	*store_dir(const struct store *st);
/* SQLite's message for the last failure (owned by SQLite). */
const char	*store_errmsg(struct store *st);
/* Begins a write transaction (BEGIN IMMEDIATE). Returns 0 or -1. */
int		 store_begin(struct store *st);
/* Flushes queued rows and commits. Returns 0 or -1 (then roll back). */
int		 store_commit(struct store *st);
/* Rolls back and forgets queued rows and cached ids. */
void		 store_rollback(struct store *st);
/* The store's schema version (PRAGMA user_version). */
int		 store_version(struct store *st);
/*
 * Writes every non-empty table's rows, canonically ordered, as TSV to fp,
 * leaving out wall-clock columns and the "table.column"s in skip:
 * for golden tests and debugging. Returns 0 or -1.
 */
int		 store_dump(struct store *st, FILE *fp, const char *const *skip);

/* One line of "sellers list". */
struct store_summary {
	int64_t	 files;
	int64_t	 ledger;
	int64_t	 reimbursements;
	int64_t	 returns;
	int64_t	 removal_orders;
	int64_t	 removal_shipments;
	int64_t	 settlement_tx;
	int64_t	 inbound_items;
	int64_t	 unit_costs;
	int64_t	 last_import;	/* epoch seconds, 0 if none */
};

/* Counts the store's rows. Returns 0 or -1. */
int		 store_summary(struct store *st, struct store_summary *sum);

#endif
