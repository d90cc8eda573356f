/*
 * Interning the ledger's repeated names into small tables: products,
 * fulfilment centres, event types and dispositions. The ids are cached in
 * memory for the store's life and forgotten on rollback.
 */
#include <ctype.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/buf.h"
#include "lib/strmap.h"
#include "store/intern.h"
#include "store/store_int.h"

static const struct {
	const char	*load;
	const char	*add;
	enum store_stmt	 stmt;
} intern_sql[INTERN_COUNT] = {
	[INTERN_PRODUCT] = {
		"SELECT id, fnsku || char(31) || msku || char(31) || asin"
		" FROM products",
		"INSERT INTO products (fnsku, msku, asin, title)"
		" VALUES (?, ?, ?, ?)",
		STMT_PRODUCT_ADD },
	[INTERN_FC] = {
		"SELECT id, code FROM fulfillment_centers",
		"INSERT INTO fulfillment_centers (code) VALUES (?)",
		STMT_FC_ADD },
	[INTERN_EVENT_TYPE] = {
		"SELECT id, name FROM event_types",
		"INSERT INTO event_types (name) VALUES (?)",
		STMT_EVENT_TYPE_ADD },
	[INTERN_DISPOSITION] = {
		"SELECT id, name FROM dispositions",
		"INSERT INTO dispositions (name) VALUES (?)",
		STMT_DISPOSITION_ADD },
};

void
store_intern_reset(struct store *st)
{
	int i;

	for (i = 0; i < INTERN_COUNT; i++)
		if (st->intern[i] != NULL)
			strmap_clear(st->intern[i]);
	st->intern_loaded = 0;
}

/* Fills the caches from the tables. */
static int
intern_load(struct store *st)
{
	sqlite3_stmt *s;
	int i, rc;

	for (i = 0; i < INTERN_COUNT; i++) {
		if (st->intern[i] == NULL)
			st->intern[i] = strmap_new();
		if (sqlite3_prepare_v2(st->db, intern_sql[i].load, -1, &s,
		    NULL) != SQLITE_OK)
			return -1;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			strmap_put(st->intern[i],
			    (const char *)sqlite3_column_text(s, 1),
			    (size_t)sqlite3_column_bytes(s, 1),
			    sqlite3_column_int64(s, 0));
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			return -1;
	}
	st->intern_loaded = 1;
	return 0;
}

/* The id of key in table kind, adding the row (texts) when new. */
static int
intern_id(struct store *st, enum store_intern kind, const char *key,
    size_t n, const char *const *texts, int ntexts, int64_t *id)
{
	sqlite3_stmt *s;
	int i;

	if (!st->intern_loaded && intern_load(st) == -1)
		return -1;
	if (strmap_get(st->intern[kind], key, n, id))
		return 0;
	s = store_stmt(st, intern_sql[kind].stmt, intern_sql[kind].add);
	if (s == NULL)
		return -1;
	for (i = 0; i < ntexts; i++)
		sqlite3_bind_text(s, i + 1, texts[i], -1, SQLITE_STATIC);
	if (store_step_done(st, s) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	strmap_put(st->intern[kind], key, n, *id);
	return 0;
}

int
intern_product(struct store *st, const char *fnsku, const char *msku,
    const char *asin, const char *title, int64_t *id)
{
	const char *texts[4] = { fnsku, msku, asin, title };
	char key[512];
	size_t a = strlen(fnsku), b = strlen(msku), c = strlen(asin);
	struct buf big;
	int rc;

	if (a + b + c + 3 <= sizeof(key)) {
		memcpy(key, fnsku, a);
		key[a] = 0x1f;
		memcpy(key + a + 1, msku, b);
		key[a + 1 + b] = 0x1f;
		memcpy(key + a + b + 2, asin, c);
		return intern_id(st, INTERN_PRODUCT, key, a + b + c + 2,
		    texts, 4, id);
	}
	buf_init(&big, 0);
	buf_printf(&big, "%s\x1f%s\x1f%s", fnsku, msku, asin);
	rc = intern_id(st, INTERN_PRODUCT, big.data, big.len, texts, 4, id);
	buf_free(&big);
	return rc;
}

int
intern_name(struct store *st, enum store_intern kind, const char *name,
    int64_t *id)
{
	return intern_id(st, kind, name, strlen(name), &name, 1, id);
}

int
intern_disposition(struct store *st, const char *name, int64_t *id)
{
	char up[64];
	size_t i, n = strlen(name);

	/* Most rows already write it in capitals: no copy for them. */
	if (st->intern_loaded &&
	    strmap_get(st->intern[INTERN_DISPOSITION], name, n, id))
		return 0;
	/* Dispositions compare without case (docs/design.md §5). */
	if (n >= sizeof(up))
		return intern_name(st, INTERN_DISPOSITION, name, id);
	for (i = 0; i <= n; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	if (intern_name(st, INTERN_DISPOSITION, up, id) == -1)
		return -1;
	/* Remember the spelling too, so it is found at once next time. */
	strmap_put(st->intern[INTERN_DISPOSITION], name, n, *id);
	return 0;
}
