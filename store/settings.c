/* The seller's settings (store/settings.h): one row per known key. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/mem.h"
#include "lib/num.h"
#include "store/settings.h"
#include "store/store.h"
#include "store/store_int.h"

/* The keys, and where each lives in the struct (text fields). */
static const struct {
	const char	*key;
	size_t		 off;
} settings_text[] = {
	{ "name", offsetof(struct store_settings, name) },
	{ "lang", offsetof(struct store_settings, lang) },
	{ "csm", offsetof(struct store_settings, csm) },
	{ "transport", offsetof(struct store_settings, transport) },
	{ "marketplaces", offsetof(struct store_settings, marketplaces) },
};
#define SETTINGS_NTEXT (sizeof(settings_text) / sizeof(settings_text[0]))
#define SETTINGS_CAP	"claims_per_night"

static char **
settings_field(struct store_settings *s, size_t i)
{
	return (char **)(void *)((char *)s + settings_text[i].off);
}

/* The same field of a settings the caller only reads. */
static const char *
settings_value(const struct store_settings *s, size_t i)
{
	return *(char *const *)(const void *)((const char *)s +
	    settings_text[i].off);
}

typedef int (*kv_cb)(void *, const char *, const char *);

static int
settings_row(sqlite3_stmt *s, scan_fn cb, void *ctx)
{
	return ((kv_cb)cb)(ctx, store_text(s, 0), store_text(s, 1));
}

static int
settings_take(void *ctx, const char *key, const char *value)
{
	struct store_settings *s = ctx;
	int64_t n;
	size_t i;

	for (i = 0; i < SETTINGS_NTEXT; i++)
		if (strcmp(settings_text[i].key, key) == 0) {
			free(*settings_field(s, i));
			*settings_field(s, i) = xstrdup(value);
			return 0;
		}
	/* A value this version cannot read is unknown, not an error. */
	if (strcmp(key, SETTINGS_CAP) == 0 &&
	    num_parse_int(value, strlen(value), 0, 1000000, &n) == NULL)
		s->cap = (int)n;
	return 0;
}

int
store_settings_get(struct store *st, struct store_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->cap = -1;
	if (store_query(st, "SELECT key, value FROM seller_settings", NULL,
	    settings_row, (scan_fn)settings_take, s) != 0) {
		store_settings_free(s);
		s->cap = -1;
		return -1;
	}
	return 0;
}

static int
settings_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Writes key = value, or removes key when value is NULL. */
static int
settings_set(struct store *st, const char *key, const char *value)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, value != NULL ? "INSERT INTO"
	    " seller_settings (key, value) VALUES (?1, ?2) ON CONFLICT (key)"
	    " DO UPDATE SET value = ?2" : "DELETE FROM seller_settings"
	    " WHERE key = ?1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, key, -1, SQLITE_STATIC);
	if (value != NULL)
		sqlite3_bind_text(s, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : -1;
	sqlite3_finalize(s);
	return rc;
}

int
store_settings_put(struct store *st, const struct store_settings *s)
{
	struct store_settings old;
	char cap[24];
	size_t i;
	int same;

	if (store_settings_get(st, &old) == -1)
		return -1;
	same = old.cap == s->cap;
	for (i = 0; i < SETTINGS_NTEXT; i++)
		same = same && settings_same(settings_value(&old, i),
		    settings_value(s, i));
	store_settings_free(&old);
	if (same)
		return 0;
	if (store_begin(st) == -1)
		return -1;
	for (i = 0; i < SETTINGS_NTEXT; i++)
		if (settings_set(st, settings_text[i].key,
		    settings_value(s, i)) == -1)
			goto fail;
	snprintf(cap, sizeof(cap), "%d", s->cap);
	if (settings_set(st, SETTINGS_CAP, s->cap >= 0 ? cap : NULL) == -1 ||
	    store_commit(st) == -1)
		goto fail;
	return 0;
fail:
	store_rollback(st);
	return -1;
}

void
store_settings_free(struct store_settings *s)
{
	size_t i;

	for (i = 0; i < SETTINGS_NTEXT; i++) {
		free(*settings_field(s, i));
		*settings_field(s, i) = NULL;
	}
}
