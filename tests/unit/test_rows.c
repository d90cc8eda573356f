/*
 * Unit tests of ingest/rows.h, the TSV and CSV reader, on real files:
 * separator detection, records spanning lines and their line numbers,
 * CRLF, BOM, gzip, charsets, and every refusal naming its cell.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ingest/reader.h"
#include "ingest/rows.h"
#include "lib/limits.h"

/* The file, reader and row reader of the test running. */
static char		 path[64];
static struct reader	*rd;
static struct rows	*rs;

static int
setup(void **state)
{
	int fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/fbaudit-test-rows.XXXXXX");
	if ((fd = mkstemp(path)) == -1)
		return -1;
	close(fd);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rows_close(rs);
	rs = NULL;
	reader_close(rd);
	rd = NULL;
	unlink(path);
	return 0;
}

/* Writes n bytes of s (gzipped when gz) to the file and opens it in cs. */
static void
open_rows(const char *s, size_t n, int gz, enum charset cs)
{
	char err[256];
	gzFile g;
	FILE *f;

	if (gz) {
		assert_non_null(g = gzopen(path, "wb"));
		assert_int_equal(gzwrite(g, s, (unsigned)n), (int)n);
		assert_int_equal(gzclose(g), Z_OK);
	} else {
		assert_non_null(f = fopen(path, "wb"));
		assert_int_equal(fwrite(s, 1, n, f), n);
		assert_int_equal(fclose(f), 0);
	}
	rd = reader_open(path, err, sizeof(err));
	assert_non_null(rd);
	rs = rows_open(rd, cs);
	assert_non_null(rs);
}

/* The same for a C string in UTF-8, plain. */
static void
open_str(const char *s)
{
	open_rows(s, strlen(s), 0, CHARSET_UTF8);
}

/* Reads the next row; asserts it has the cells want (NULL-ended). */
static void
expect_row(int64_t line, const char *const *want)
{
	struct tsv_row row;
	size_t i;

	if (rows_next(rs, &row) != 1)
		fail_msg("line %lld: no row: %s", (long long)line,
		    rows_error(rs));
	assert_int_equal(rows_line(rs), line);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < row.n);
		assert_string_equal(row.cell[i], want[i]);
		assert_int_equal(row.len[i], strlen(want[i]));
	}
	assert_int_equal(row.n, i);
}

#define ROW(line, ...)	expect_row((line), \
	    (const char *const []){ __VA_ARGS__, NULL })

/* Asserts the next row fails on line, naming cell, with why in it. */
static void
expect_fail(int64_t line, int cell, const char *why)
{
	struct tsv_row row;

	assert_int_equal(rows_next(rs, &row), -1);
	assert_int_equal(rows_line(rs), line);
	assert_int_equal(rows_error_cell(rs), cell);
	if (strstr(rows_error(rs), why) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", rows_error(rs), why);
}

static void
expect_end(void)
{
	struct tsv_row row;

	assert_int_equal(rows_next(rs, &row), 0);
}

/* A tab in the first line makes a TSV, even with commas around. */
static void
test_detect_tsv(void **state)
{
	(void)state;
	open_str("a,b\tc\n\"1,5\"\t2\n");
	ROW(1, "a,b", "c");
	assert_int_equal(rows_format(rs), ROWS_TSV);
	assert_string_equal(rows_separator(rs), "tab");
	ROW(2, "1,5", "2");
	expect_end();
}

/* Quoted commas, doubled quotes, empty cells; CRLF line ends. */
static void
test_csv_basic(void **state)
{
	(void)state;
	open_str("sku,unit-cost,currency\r\n"
	    "\"A,1\",\"2.50\",USD\r\n"
	    "\"say \"\"hi\"\"\",,EUR\r\n");
	ROW(1, "sku", "unit-cost", "currency");
	assert_int_equal(rows_format(rs), ROWS_CSV);
	assert_string_equal(rows_separator(rs), "comma");
	ROW(2, "A,1", "2.50", "USD");
	ROW(3, "say \"hi\"", "", "EUR");
	expect_end();
}

/*
 * A quoted cell with line breaks (LF and CRLF) spans lines: the record
 * is numbered by its first line, the next one by its own.
 */
static void
test_csv_multiline(void **state)
{
	(void)state;
	open_str("a,b,c\n"
	    "1,\"two\nlines\",3\n"
	    "4,\"three\r\n\r\nlines, \"\"quoted\"\"\",6\n"
	    "7,8,9");
	ROW(1, "a", "b", "c");
	ROW(2, "1", "two\nlines", "3");
	ROW(4, "4", "three\n\nlines, \"quoted\"", "6");
	ROW(7, "7", "8", "9");
	expect_end();
}

/* A cell not starting with a quote is taken as it is, in both forms. */
static void
test_quote_inside(void **state)
{
	(void)state;
	open_str("a,b\nBox said \"fragile\",5\" wide\n");
	ROW(1, "a", "b");
	ROW(2, "Box said \"fragile\"", "5\" wide");
	expect_end();
	teardown(NULL);
	setup(NULL);
	open_str("a\tb\n\"Broken\" on arrival\tsay \"hi\"\n");
	ROW(1, "a", "b");
	ROW(2, "\"Broken\" on arrival", "say \"hi\"");
	expect_end();
}

/* A UTF-8 BOM goes; line 1 is still line 1. Gzip reads the same. */
static void
test_bom_gzip(void **state)
{
	static const char s[] = "\xef\xbb\xbf\"a\",b\n\"x\ny\",z\n";

	(void)state;
	open_rows(s, sizeof(s) - 1, 1, CHARSET_UTF8);
	ROW(1, "a", "b");
	ROW(2, "x\ny", "z");
	expect_end();
}

/* Blank lines are rows of one empty cell (callers skip them). */
static void
test_blank(void **state)
{
	struct tsv_row row;

	(void)state;
	open_str("a,b\n\n1,2\n");
	ROW(1, "a", "b");
	assert_int_equal(rows_next(rs, &row), 1);
	assert_true(rows_blank(&row));
	ROW(3, "1", "2");
	expect_end();
}

/* Text after a closing quote names the cell and the record's line. */
static void
test_csv_after_quote(void **state)
{
	(void)state;
	open_str("a,b,c\n1,\"x\"y,3\n1,\"x\ny\"z,3\n4,5,6\n");
	ROW(1, "a", "b", "c");
	expect_fail(2, 1, "text follows the closing quote");
	/* Over lines: a quote that never closed is the likely cause. */
	expect_fail(3, 1, "runs on to line 4, where text follows");
	/* The reader goes on at the next record. */
	ROW(5, "4", "5", "6");
}

/* A quote that never closes: named at its line when the file ends. */
static void
test_csv_unclosed(void **state)
{
	(void)state;
	open_str("a,b\n1,2\n3,\"open\n4,5\n6,7\n");
	ROW(1, "a", "b");
	ROW(2, "1", "2");
	expect_fail(3, 1, "never closes");
	expect_end();
}

/* A record may not run past MAX_LINE, whatever its lines. */
static void
test_csv_runaway(void **state)
{
	size_t n = 0, cap = 2 * MAX_LINE;
	char *s = malloc(cap);

	(void)state;
	assert_non_null(s);
	n += (size_t)snprintf(s, cap, "a,b\n1,\"");
	while (n + 20 < cap)
		n += (size_t)snprintf(s + n, cap - n, "short line\n");
	open_rows(s, n, 0, CHARSET_UTF8);
	free(s);
	ROW(1, "a", "b");
	expect_fail(2, ROWS_NO_CELL, "MAX_LINE");
}

/* NUL bytes and bad UTF-8 are named at their cell, quoted or not. */
static void
test_bad_bytes(void **state)
{
	static const char s[] = "a,b,c\n1,\"x\xff\",3\n1,2,\"q\nr\0s\"\n"
	    "ok,\"\xc3\xa9\",\xe2\x82\xac\n";

	(void)state;
	open_rows(s, sizeof(s) - 1, 0, CHARSET_UTF8);
	ROW(1, "a", "b", "c");
	expect_fail(2, 1, "byte 0xff is not UTF-8");
	expect_fail(3, 2, "NUL byte");
	ROW(5, "ok", "\xc3\xa9", "\xe2\x82\xac");
	expect_end();
}

/* Shift_JIS (Windows-31J) converts, headers too, as a CSV. */
static void
test_cp932(void **state)
{
	/* 日付,数量 / "日本,x",5 in Windows-31J */
	static const char s[] = "\x93\xfa\x95\x74,\x90\x94\x97\xca\r\n"
	    "\"\x93\xfa\x96\x7b,x\",5\r\n"
	    "\x95\x5c,\x81\n";

	(void)state;
	open_rows(s, sizeof(s) - 1, 0, CHARSET_CP932);
	ROW(1, "日付", "数量");
	ROW(2, "日本,x", "5");
	/* 表 ends in 0x5C: no escape. A lone lead byte is named. */
	expect_fail(3, 1, "byte 0x81 has no character in windows-31j");
	expect_end();
}

/* Windows-1252 in a TSV: the bad byte's cell is found after the split. */
static void
test_cp1252_cells(void **state)
{
	static const char s[] = "a\tb\tc\n\"K\xf6ln\"\t\x80\t\"x\x81y\"\n";

	(void)state;
	open_rows(s, sizeof(s) - 1, 0, CHARSET_CP1252);
	ROW(1, "a", "b", "c");
	expect_fail(2, 2, "byte 0x81 has no character in windows-1252");
}

/*
 * An empty first line read through a charset conversion: a row of one
 * empty cell, not a write through a NULL record (fuzz_settlement found
 * it with "\n"; tests/fuzz/seeds/settlement/empty-line).
 */
static void
test_empty_line_converted(void **state)
{
	struct tsv_row row;

	(void)state;
	open_rows("\n", 1, 0, CHARSET_CP1252);
	assert_int_equal(rows_next(rs, &row), 1);
	assert_true(rows_blank(&row));
	expect_end();
}

/* More than MAX_FIELDS cells: the row as a whole. */
static void
test_too_many(void **state)
{
	char s[3 * MAX_FIELDS];

	(void)state;
	memset(s, ',', MAX_FIELDS + 1);
	s[MAX_FIELDS + 1] = '\n';
	open_rows(s, MAX_FIELDS + 2, 0, CHARSET_UTF8);
	expect_fail(1, ROWS_WHOLE_ROW, "MAX_FIELDS");
}

/* A reader failure (a line over MAX_LINE) is no cell's. */
static void
test_long_line(void **state)
{
	size_t n = MAX_LINE + 100;
	char *s = malloc(n);

	(void)state;
	assert_non_null(s);
	memset(s, 'x', n);
	s[1] = ',';
	open_rows(s, n, 0, CHARSET_UTF8);
	free(s);
	expect_fail(1, ROWS_NO_CELL, "MAX_LINE");
}

int
main(void)
{
#define T(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_detect_tsv),
		T(test_csv_basic),
		T(test_csv_multiline),
		T(test_quote_inside),
		T(test_bom_gzip),
		T(test_blank),
		T(test_csv_after_quote),
		T(test_csv_unclosed),
		T(test_csv_runaway),
		T(test_bad_bytes),
		T(test_cp932),
		T(test_cp1252_cells),
		T(test_empty_line_converted),
		T(test_too_many),
		T(test_long_line),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
