/*
 * A canonical text dump of a store, for golden tests and for people
 * debugging one: every table by name, rows by rowid, TSV with \N for NULL.
 * Wall-clock columns are left out so the dump is reproducible.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/buf.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * Whether to leave a column out: the time of the run is not data, and
 * skip names "table.column"s the caller does not want.
 */
static int
dump_volatile(const char *table, const char *col, const char *const *skip)
{
	size_t n = strlen(table);

	if (strcmp(col, "imported_at") == 0)
		return 1;
	for (; skip != NULL && *skip != NULL; skip++)
		if (strncmp(*skip, table, n) == 0 && (*skip)[n] == '.' &&
		    strcmp(*skip + n + 1, col) == 0)
			return 1;
	return 0;
}

/* Writes a cell with tab, newline and backslash escaped. */
static void
dump_cell(FILE *fp, sqlite3_stmt *s, int i)
{
	const unsigned char *t;

	if (sqlite3_column_type(s, i) == SQLITE_NULL) {
		fputs("\\N", fp);
		return;
	}
	t = sqlite3_column_text(s, i);
	for (; t != NULL && *t != '\0'; t++) {
		if (*t == '\t')
			fputs("\\t", fp);
		else if (*t == '\n')
			fputs("\\n", fp);
		else if (*t == '\\')
			fputs("\\\\", fp);
		else
			fputc(*t, fp);
	}
}

/* Dumps one table. */
static int
dump_table(struct store *st, FILE *fp, const char *table,
    const char *const *skip)
{
	sqlite3_stmt *s;
	struct buf sql;
	int i, n, rc, first;

	buf_init(&sql, 0);
	buf_printf(&sql, "SELECT * FROM \"%s\" ORDER BY rowid", table);
	rc = sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL);
	if (rc != SQLITE_OK) {
		/* WITHOUT ROWID: a plain scan is in primary key order. */
		buf_reset(&sql);
		buf_printf(&sql, "SELECT * FROM \"%s\"", table);
		rc = sqlite3_prepare_v2(st->db, sql.data, -1, &s, NULL);
	}
	buf_free(&sql);
	if (rc != SQLITE_OK)
		return -1;
	n = sqlite3_column_count(s);
	/* Empty tables are left out: a new migration changes no dump. */
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return rc == SQLITE_DONE ? 0 : -1;
	}
	fprintf(fp, "## %s\n", table);
	for (i = 0, first = 1; i < n; i++) {
		if (dump_volatile(table, sqlite3_column_name(s, i), skip))
			continue;
		fprintf(fp, "%s%s", first ? "" : "\t",
		    sqlite3_column_name(s, i));
		first = 0;
	}
	fputc('\n', fp);
	for (; rc == SQLITE_ROW; rc = sqlite3_step(s)) {
		for (i = 0, first = 1; i < n; i++) {
			if (dump_volatile(table, sqlite3_column_name(s, i), skip))
				continue;
			if (!first)
				fputc('\t', fp);
			dump_cell(fp, s, i);
			first = 0;
		}
		fputc('\n', fp);
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

int
store_dump(struct store *st, FILE *fp, const char *const *skip)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_schema"
	    " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	    " ORDER BY name", -1, &s, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (dump_table(st, fp,
		    (const char *)sqlite3_column_text(s, 0), skip) == -1) {
			rc = SQLITE_ERROR;
			break;
		}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}
