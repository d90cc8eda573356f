#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/crashpoint.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "lib/strmap.h"
#include "store/schema.h"
#include "store/store.h"
#include "store/store_int.h"

/* Creates a folder unless it exists. Returns 0 or -1 with errno. */
static int
store_mkdir(const char *path)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

int
store_exec(struct store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL) == SQLITE_OK ?
	    0 : -1;
}

const char *
store_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

void
store_bind_clean(sqlite3_stmt *s, int i, const char *v)
{
	struct buf b;

	if (v == NULL || *v == '\0') {
		sqlite3_bind_null(s, i);
		return;
	}
	buf_init(&b, 0);
	buf_adds(&b, v);
	log_clean(&b);
	sqlite3_bind_text(s, i, b.data, (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

int
store_history_add(struct store *st, enum store_stmt slot, const char *sql,
    const char *id, const char *old_status, const char *new_status,
    const char *who, const char *why)
{
	sqlite3_stmt *s;

	if ((s = store_stmt(st, slot, sql)) == NULL)
		return -1;
	store_bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, clock_now());
	store_bind_text(s, 3, old_status);
	store_bind_text(s, 4, new_status);
	store_bind_clean(s, 5, who);
	store_bind_clean(s, 6, why);
	return store_step_done(st, s);
}

/* Steps s to its end, calling row for each result row. Returns 0, the
 * first non-zero value row returned, or -1 on an SQLite error. */
static int
store_rows(sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, scan_fn cb,
    void *ctx), scan_fn cb, void *ctx)
{
	int rc, stop = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((stop = row(s, cb, ctx)) != 0)
			return stop;
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_query(struct store *st, const char *sql, const char *bind,
    int (*row)(sqlite3_stmt *s, scan_fn cb, void *ctx), scan_fn cb,
    void *ctx)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (bind != NULL)
		sqlite3_bind_text(s, 1, bind, -1, SQLITE_STATIC);
	rc = store_rows(s, row, cb, ctx);
	sqlite3_finalize(s);
	return rc;
}

int
store_scan(struct store *st, enum store_stmt slot, const char *sql,
    const char *const *binds, int n,
    int (*row)(sqlite3_stmt *s, scan_fn cb, void *ctx), scan_fn cb,
    void *ctx)
{
	sqlite3_stmt *s;
	int i, rc;

	if ((s = store_stmt(st, slot, sql)) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		store_bind_text(s, i + 1, binds[i]);
	rc = store_rows(s, row, cb, ctx);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

sqlite3_stmt *
store_stmt(struct store *st, enum store_stmt i, const char *sql)
{
	if (st->stmt[i] == NULL &&
	    sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->stmt[i], NULL) != SQLITE_OK)
		return NULL;
	return st->stmt[i];
}

int
store_step_done(struct store *st, sqlite3_stmt *s)
{
	int rc;

	(void)st;
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Applies the migrations the store has not seen, one transaction each. */
static int
store_migrate(struct store *st, char *err, size_t errlen)
{
	struct buf sql;
	size_t i;
	int v;

	if ((v = store_version(st)) < 0)
		goto fail;
	if ((size_t)v > schema_count()) {
		snprintf(err, errlen, "store has schema version %d, newer "
		    "than this fbaudit's %zu", v, schema_count());
		return -1;
	}
	for (i = (size_t)v; i < schema_count(); i++) {
		buf_init(&sql, 0);
		buf_printf(&sql, "BEGIN IMMEDIATE; %s; PRAGMA user_version = "
		    "%zu; COMMIT;", schema_migration(i), i + 1);
		if (store_exec(st, sql.data) == -1) {
			/* Read before ROLLBACK, whose success clears it. */
			snprintf(err, errlen, "cannot migrate store to schema "
			    "version %zu: %s", i + 1, sqlite3_errmsg(st->db));
			buf_free(&sql);
			store_exec(st, "ROLLBACK");
			return -1;
		}
		buf_free(&sql);
	}
	return 0;
fail:
	snprintf(err, errlen, "cannot migrate store: %s",
	    sqlite3_errmsg(st->db));
	return -1;
}

/* Sets an open store up to write: WAL and its pragmas, its migrations. */
static int
store_setup(struct store *st, char *err, size_t errlen)
{
	sqlite3_busy_timeout(st->db, 10000);
	/*
	 * WAL: readers never block the writer and a crash leaves the last
	 * committed state. synchronous=NORMAL is durable to a crash of the
	 * process; a power loss may lose the last commit, never consistency.
	 */
	if (store_exec(st, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;"
	    "PRAGMA cache_size = -16384;"
	    "PRAGMA temp_store = MEMORY;") == -1) {
		snprintf(err, errlen, "cannot set up store: %s",
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return store_migrate(st, err, errlen);
}

/*
 * Makes a new store whole under a temporary name, then links it in as
 * path, so that a reader beside a first import or a first night (sellers
 * list, a CSM page) never opens a store still being made: an empty file,
 * or half its migrations. The name is the sweep's (FILE.tmp.PID.new):
 * what a crash leaves, the next run removes. A store that appeared
 * meanwhile is kept (link() never replaces one). Returns 0 or -1.
 */
static int
store_create(struct store *st, const char *path, char *err, size_t errlen)
{
	char *tmp = xasprintf("%s.tmp.%ld.new", path, (long)getpid());
	int rc = -1;

	(void)unlink(tmp);
	if (sqlite3_open_v2(tmp, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		snprintf(err, errlen, "cannot create %s: %s", tmp,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
	else if (store_setup(st, err, errlen) == 0)
		rc = 0;
	crashpoint_count("store_create");
	/* Closed, its WAL is checkpointed and removed: one file to link. */
	sqlite3_close(st->db);
	st->db = NULL;
	/* A filesystem without hard links: rename (the seller's lock is
	 * held by every creator, so nothing is replaced). */
	if (rc == 0 && link(tmp, path) == -1 && errno != EEXIST &&
	    rename(tmp, path) == -1) {
		snprintf(err, errlen, "cannot create %s: %s", path,
		    strerror(errno));
		rc = -1;
	}
	(void)unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * Opens the store to read only. SQLite reads a WAL store through its
 * -shm file, which it must create when the last writer removed it; where
 * it may not (a read-only folder) the store is opened as immutable: no
 * lock is taken, which is safe because nobody can be writing a store in
 * a folder nobody may write. Returns 0 or -1 (reason in err).
 */
static int
store_open_read(struct store *st, const char *path, char *err,
    size_t errlen)
{
	struct buf uri;
	const char *p;
	int v, rc;

	rc = sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK && (v = store_version(st)) >= 0)
		goto opened;
	sqlite3_close(st->db);
	st->db = NULL;
	buf_init(&uri, 0);
	buf_adds(&uri, "file:");
	/* A URI path: percent-encode what URIs give meaning to. */
	for (p = path; *p != '\0'; p++)
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&uri, "%%%02X", (unsigned char)*p);
		else
			buf_addc(&uri, *p);
	buf_adds(&uri, "?immutable=1");
	rc = sqlite3_open_v2(uri.data, &st->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
	buf_free(&uri);
	if (rc != SQLITE_OK || (v = store_version(st)) < 0) {
		snprintf(err, errlen, "cannot read %s: %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		return -1;
	}
opened:
	if ((size_t)v != schema_count()) {
		snprintf(err, errlen, "%s has schema version %d, this fbaudit "
		    "reads %zu: run a command that writes it (audit) first",
		    path, v, schema_count());
		return -1;
	}
	sqlite3_busy_timeout(st->db, 10000);
	return 0;
}

struct store *
store_open(const char *datadir, const char *seller, int mode, char *err,
    size_t errlen)
{
	struct store *st;
	struct buf path;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int create = mode == STORE_OPEN_CREATE, rc;

	if (!sellerid_valid(seller)) {
		snprintf(err, errlen, "invalid seller id");
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->seller = xstrdup(seller);
	st->dir = xasprintf("%s/%s", datadir, seller);
	buf_init(&path, 0);
	if (create) {
		if (store_mkdir(datadir) == -1 || store_mkdir(st->dir) == -1) {
			snprintf(err, errlen, "cannot create %s: %s", st->dir,
			    strerror(errno));
			goto fail;
		}
	}
	buf_printf(&path, "%s/store.db", st->dir);
	if (mode == STORE_OPEN_READ) {
		rc = store_open_read(st, path.data, err, errlen);
		buf_free(&path);
		if (rc == -1)
			goto fail;
		return st;
	}
	if (create && access(path.data, F_OK) == -1 && errno == ENOENT &&
	    store_create(st, path.data, err, errlen) == -1) {
		buf_free(&path);
		goto fail;
	}
	if (sqlite3_open_v2(path.data, &st->db, flags, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path.data,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		buf_free(&path);
		goto fail;
	}
	buf_free(&path);
	if (store_setup(st, err, errlen) == -1)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	for (i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	for (i = 0; i < STORE_FACT_COUNT; i++)
		if (st->batch_open[i])
			batch_close(&st->batch[i]);
	for (i = 0; i < INTERN_COUNT; i++)
		strmap_free(st->intern[i]);
	sqlite3_close(st->db);
	free(st->seller);
	free(st->dir);
	free(st);
}

int
store_read_only(struct store *st)
{
	return sqlite3_db_readonly(st->db, "main") == 1;
}

const char *
store_seller(const struct store *st)
{
	return st->seller;
}

const char *
store_dir(const struct store *st)
{
	return st->dir;
}

const char *
store_errmsg(struct store *st)
{
	if (sqlite3_errcode(st->db) == SQLITE_OK && st->failure[0] != '\0')
		return st->failure;
	return sqlite3_errmsg(st->db);
}

int
store_begin(struct store *st)
{
	st->failure[0] = '\0';
	return store_exec(st, "BEGIN IMMEDIATE");
}

int
store_flush(struct store *st)
{
	int i;

	for (i = 0; i < STORE_FACT_COUNT; i++)
		if (st->batch_open[i] &&
		    batch_flush(&st->batch[i]) != SQLITE_OK)
			return -1;
	return 0;
}

void
store_discard(struct store *st)
{
	int i;

	for (i = 0; i < STORE_FACT_COUNT; i++)
		if (st->batch_open[i])
			batch_discard(&st->batch[i]);
}

int
store_commit(struct store *st)
{
	if (store_flush(st) == -1)
		return -1;
	return store_exec(st, "COMMIT");
}

void
store_rollback(struct store *st)
{
	if (sqlite3_errcode(st->db) != SQLITE_OK)
		snprintf(st->failure, sizeof(st->failure), "%s",
		    sqlite3_errmsg(st->db));
	store_discard(st);
	store_intern_reset(st);
	if (!sqlite3_get_autocommit(st->db))
		store_exec(st, "ROLLBACK");
}

/* SELECT count(*) or max() of one query into *out. */
static int
store_scalar(struct store *st, const char *sql, int64_t *out)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int
store_summary(struct store *st, struct store_summary *sum)
{
	static const struct {
		const char	*sql;
		size_t		 off;
	} q[] = {
		{ "SELECT count(*) FROM files",
		    offsetof(struct store_summary, files) },
		{ "SELECT count(*) FROM ledger",
		    offsetof(struct store_summary, ledger) },
		{ "SELECT count(*) FROM reimbursements",
		    offsetof(struct store_summary, reimbursements) },
		{ "SELECT count(*) FROM customer_returns",
		    offsetof(struct store_summary, returns) },
		{ "SELECT count(*) FROM removal_orders",
		    offsetof(struct store_summary, removal_orders) },
		{ "SELECT count(*) FROM removal_shipments",
		    offsetof(struct store_summary, removal_shipments) },
		{ "SELECT count(*) FROM settlement_tx",
		    offsetof(struct store_summary, settlement_tx) },
		{ "SELECT count(*) FROM inbound_items",
		    offsetof(struct store_summary, inbound_items) },
		{ "SELECT count(*) FROM unit_costs",
		    offsetof(struct store_summary, unit_costs) },
		{ "SELECT coalesce(max(imported_at), 0) FROM files",
		    offsetof(struct store_summary, last_import) },
	};
	size_t i;

	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++)
		if (store_scalar(st, q[i].sql,
		    (int64_t *)((char *)sum + q[i].off)) == -1)
			return -1;
	return 0;
}
