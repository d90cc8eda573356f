/*
 * Unit tests of store/batch.h: multi-row INSERTs whose columns are
 * declared once (counted from the statement's column list), and a row
 * that binds one value too few or too many aborts instead of shifting
 * every later value into the wrong column.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/batch.h"

#define HEAD	"INSERT INTO t (a, b, c)"

/* An in-memory database with t (a, b, c). */
static sqlite3 *
db_new(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a INTEGER, b TEXT,"
	    " c INTEGER)", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

/* A single integer a query returns. */
static int64_t
db_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The column count comes from the list, whatever its spacing. */
static void
test_columns(void **state)
{
	(void)state;
	assert_int_equal(batch_columns(HEAD), 3);
	assert_int_equal(batch_columns("INSERT INTO t (a)"), 1);
	assert_int_equal(batch_columns("INSERT INTO t(a,b,c,d)"), 4);
	assert_int_equal(batch_columns("INSERT INTO t"), -1);
	assert_int_equal(batch_columns("INSERT INTO t (a, b"), -1);
}

/* Full statements and a tail: every row lands, in its columns. */
static void
test_rows(void **state)
{
	struct batch b;
	sqlite3 *db = db_new();
	int i;

	(void)state;
	assert_int_equal(batch_open(&b, db, HEAD, NULL, 4), SQLITE_OK);
	for (i = 0; i < 10; i++) {
		batch_int(&b, i);
		batch_text(&b, i % 2 ? "odd" : NULL);
		batch_int_opt(&b, i > 4, i * 10);
		assert_int_equal(batch_row(&b), SQLITE_OK);
	}
	assert_int_equal(batch_flush(&b), SQLITE_OK);
	batch_close(&b);
	assert_int_equal(db_int(db, "SELECT count(*) FROM t"), 10);
	assert_int_equal(db_int(db, "SELECT count(*) FROM t WHERE b = 'odd'"),
	    5);
	assert_int_equal(db_int(db, "SELECT sum(c) FROM t"), 350);
	assert_int_equal(db_int(db, "SELECT count(*) FROM t WHERE c IS NULL"),
	    5);
	sqlite3_close(db);
}

/* A head without a column list is refused, not guessed. */
static void
test_no_list(void **state)
{
	struct batch b;
	sqlite3 *db = db_new();

	(void)state;
	assert_int_equal(batch_open(&b, db, "INSERT INTO t", NULL, 4),
	    SQLITE_MISUSE);
	batch_close(&b);
	sqlite3_close(db);
}

/* Runs a miscounted row in a child: whether it died of SIGABRT. */
static int
miscount_aborts(int values)
{
	struct batch b;
	sqlite3 *db;
	pid_t pid;
	int st, i;

	fflush(NULL);
	if ((pid = fork()) == 0) {
		/* The sanitizer's report of the abort is expected noise. */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(2);
		db = db_new();
		if (batch_open(&b, db, HEAD, NULL, 4) != SQLITE_OK)
			_exit(2);
		for (i = 0; i < values; i++)
			batch_int(&b, i);
		batch_row(&b);
		_exit(0);	/* the miscount went unnoticed */
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

/* One value too few or too many in a row aborts. */
static void
test_miscount_aborts(void **state)
{
	(void)state;
	assert_true(miscount_aborts(2));
	assert_true(miscount_aborts(4));
	assert_false(miscount_aborts(3));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_no_list),
		cmocka_unit_test(test_miscount_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
