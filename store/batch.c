#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "store/batch.h"

enum batch_type {
	BATCH_NULL,
	BATCH_INT,
	BATCH_TEXT
};

struct batch_val {
	enum batch_type	 type;
	int64_t		 i;	/* BATCH_INT: the value; TEXT: arena offset */
	size_t		 len;
};

/* Prepares head followed by rows copies of "(?,...)" and tail. */
static int
batch_prepare(sqlite3 *db, const char *head, const char *tail, int ncols,
    int rows, sqlite3_stmt **stmt)
{
	struct buf sql;
	int r, c, rc;

	buf_init(&sql, 0);
	buf_adds(&sql, head);
	buf_adds(&sql, " VALUES ");
	for (r = 0; r < rows; r++) {
		buf_adds(&sql, r ? ",(" : "(");
		for (c = 0; c < ncols; c++)
			buf_adds(&sql, c ? ",?" : "?");
		buf_addc(&sql, ')');
	}
	if (tail != NULL) {
		buf_addc(&sql, ' ');
		buf_adds(&sql, tail);
	}
	rc = sqlite3_prepare_v3(db, sql.data, (int)sql.len,
	    SQLITE_PREPARE_PERSISTENT, stmt, NULL);
	buf_free(&sql);
	return rc;
}

int
batch_columns(const char *head)
{
	const char *open = strrchr(head, '('), *p;
	int n = 1;

	if (open == NULL || strchr(open, ')') == NULL)
		return -1;
	for (p = open + 1; *p != ')'; p++)
		n += *p == ',';
	return n;
}

int
batch_open(struct batch *b, sqlite3 *db, const char *head, const char *tail,
    int rows_per)
{
	int rc, ncols = batch_columns(head);

	memset(b, 0, sizeof(*b));
	if (ncols < 1)
		return SQLITE_MISUSE;
	b->db = db;
	b->ncols = ncols;
	b->rows_per = rows_per;
	buf_init(&b->arena, 0);
	b->vals = xcalloc((size_t)ncols * (size_t)rows_per, sizeof(*b->vals));
	rc = batch_prepare(db, head, tail, ncols, 1, &b->one);
	if (rc == SQLITE_OK && rows_per > 1)
		rc = batch_prepare(db, head, tail, ncols, rows_per, &b->many);
	return rc;
}

void
batch_close(struct batch *b)
{
	sqlite3_finalize(b->many);
	sqlite3_finalize(b->one);
	free(b->vals);
	buf_free(&b->arena);
	memset(b, 0, sizeof(*b));
}

static struct batch_val *
batch_next(struct batch *b)
{
	/* One value too many would land in the next row's first column. */
	assert(b->col < b->ncols);
	return &b->vals[b->nrows * b->ncols + b->col++];
}

void
batch_int(struct batch *b, int64_t v)
{
	struct batch_val *bv = batch_next(b);

	bv->type = BATCH_INT;
	bv->i = v;
}

void
batch_null(struct batch *b)
{
	batch_next(b)->type = BATCH_NULL;
}

void
batch_int_opt(struct batch *b, int present, int64_t v)
{
	if (present)
		batch_int(b, v);
	else
		batch_null(b);
}

void
batch_text(struct batch *b, const char *s)
{
	struct batch_val *bv;
	size_t n;

	if (s == NULL || *s == '\0') {
		batch_null(b);
		return;
	}
	n = strlen(s);
	bv = batch_next(b);
	bv->type = BATCH_TEXT;
	bv->i = (int64_t)b->arena.len;
	bv->len = n;
	buf_add(&b->arena, s, n);
}

/* Binds rows [first, first + rows) to stmt and runs it. */
static int
batch_exec(struct batch *b, sqlite3_stmt *stmt, int first, int rows)
{
	const struct batch_val *v = &b->vals[first * b->ncols];
	int i, rc, n = rows * b->ncols;

	for (i = 0; i < n; i++, v++) {
		switch (v->type) {
		case BATCH_INT:
			rc = sqlite3_bind_int64(stmt, i + 1, v->i);
			break;
		case BATCH_TEXT:
			rc = sqlite3_bind_text(stmt, i + 1,
			    b->arena.data + v->i, (int)v->len, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(stmt, i + 1);
			break;
		}
		if (rc != SQLITE_OK)
			return rc;
	}
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
batch_row(struct batch *b)
{
	assert(b->col == b->ncols);
	b->col = 0;
	if (++b->nrows < b->rows_per)
		return SQLITE_OK;
	return batch_flush(b);
}

int
batch_flush(struct batch *b)
{
	int i, rc = SQLITE_OK;

	if (b->nrows == b->rows_per && b->many != NULL)
		rc = batch_exec(b, b->many, 0, b->nrows);
	else
		for (i = 0; i < b->nrows && rc == SQLITE_OK; i++)
			rc = batch_exec(b, b->one, i, 1);
	batch_discard(b);
	return rc;
}

void
batch_discard(struct batch *b)
{
	b->nrows = 0;
	b->col = 0;
	buf_reset(&b->arena);
}
