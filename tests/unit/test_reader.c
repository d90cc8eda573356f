/*
 * Unit tests of ingest/reader.h: lines of plain files (endings, BOM, the
 * last line, NUL bytes), the MAX_LINE limit plain and gzipped, peeking,
 * reading bytes, and a missing file. Gzip streams: test_reader_gzip.c.
 */
#include "tests/unit/reader_test.h"
#include "lib/limits.h"

#define LONG_ERROR	"line is longer than MAX_LINE (64 KiB)"

/* Lines of a plain file come back in order, without their LF. */
static void
test_plain(void **state)
{
	struct reader *r;

	(void)state;
	r = open_ok(WRITE_LIT("a.tsv", "h1\th2\nv1\tv2\n\nlast\n"));
	assert_false(reader_is_gzip(r));
	assert_int_equal(reader_lineno(r), 0);
	expect_line(r, "h1\th2");
	assert_int_equal(reader_lineno(r), 1);
	expect_line(r, "v1\tv2");
	expect_line(r, "");
	expect_line(r, "last");
	assert_int_equal(reader_lineno(r), 4);
	expect_eof(r);
	assert_int_equal(reader_lineno(r), 4);
	close_r(r);
	reader_close(NULL);
}

/* CRLF endings are removed; a lone CR inside a line is kept. */
static void
test_crlf(void **state)
{
	struct reader *r;

	(void)state;
	r = open_ok(WRITE_LIT("c.tsv", "a\tb\r\nc\rd\r\n\r\ne\r"));
	expect_line(r, "a\tb");
	expect_line(r, "c\rd");
	expect_line(r, "");
	/* A final CR without LF is still a CRLF-less line end. */
	expect_line(r, "e");
	expect_eof(r);
	close_r(r);
}

/* A UTF-8 BOM is dropped from the first line only. */
static void
test_bom(void **state)
{
	struct reader *r;

	(void)state;
	r = open_ok(WRITE_LIT("b.tsv", "\xef\xbb\xbfsku\n\xef\xbb\xbfx\n"));
	expect_line(r, "sku");
	expect_line(r, "\xef\xbb\xbfx");
	expect_eof(r);
	close_r(r);
	/* A file of only a BOM has no lines. */
	r = open_ok(write_plain("bom-only", "\xef\xbb\xbf", 3));
	expect_eof(r);
	assert_int_equal(reader_lineno(r), 0);
	close_r(r);
	/* Two bytes of a BOM are data. */
	r = open_ok(write_plain("half-bom", "\xef\xbb", 2));
	expect_line(r, "\xef\xbb");
	expect_eof(r);
	close_r(r);
	/* In gzip too. */
	r = open_ok(write_gzip("b.gz", "\xef\xbb\xbfsku\nx\n", 9, "wb"));
	expect_line(r, "sku");
	expect_line(r, "x");
	expect_eof(r);
	close_r(r);
}

/* A last line without LF is still a line. */
static void
test_last_line_without_lf(void **state)
{
	struct reader *r;

	(void)state;
	r = open_ok(write_plain("n.tsv", "one\ntwo", 7));
	expect_line(r, "one");
	expect_line(r, "two");
	assert_int_equal(reader_lineno(r), 2);
	expect_eof(r);
	assert_int_equal(reader_lineno(r), 2);
	close_r(r);
	r = open_ok(write_gzip("n.gz", "one\ntwo", 7, "wb"));
	expect_line(r, "one");
	expect_line(r, "two");
	expect_eof(r);
	close_r(r);
}

/* An empty file has no lines; a lone LF is one empty line. */
static void
test_empty(void **state)
{
	struct reader *r;
	const char *p;

	(void)state;
	r = open_ok(write_plain("empty", "", 0));
	expect_eof(r);
	assert_int_equal(reader_lineno(r), 0);
	close_r(r);
	r = open_ok(write_plain("empty2", "", 0));
	assert_int_equal(reader_peek(r, &p, 10), 0);
	close_r(r);
	r = open_ok(write_plain("lf", "\n", 1));
	expect_line(r, "");
	expect_eof(r);
	assert_int_equal(reader_lineno(r), 1);
	close_r(r);
	/* A gzip of nothing is an empty file too. */
	r = open_ok(write_gzip("empty.gz", "", 0, "wb"));
	assert_true(reader_is_gzip(r));
	expect_eof(r);
	close_r(r);
}

/* A line of exactly MAX_LINE bytes is accepted, in each form. */
static void
test_line_at_max(void **state)
{
	struct reader *r;
	char *text;

	(void)state;
	assert_int_equal(MAX_LINE, 65536);
	text = tmalloc(MAX_LINE + 16);
	memcpy(text, "x\n", 2);
	memset(text + 2, 'L', MAX_LINE);
	memcpy(text + 2 + MAX_LINE, "\ny\n", 3);

	r = open_ok(write_plain("max.tsv", text, MAX_LINE + 5));
	expect_line(r, "x");
	expect_line_n(r, text + 2, MAX_LINE);
	expect_line(r, "y");
	expect_eof(r);
	close_r(r);

	r = open_ok(write_gzip("max.gz", text, MAX_LINE + 5, "wb"));
	expect_line(r, "x");
	expect_line_n(r, text + 2, MAX_LINE);
	expect_line(r, "y");
	expect_eof(r);
	close_r(r);

	/* As the last line, without LF. */
	r = open_ok(write_plain("max-nolf", text, MAX_LINE + 2));
	expect_line(r, "x");
	expect_line_n(r, text + 2, MAX_LINE);
	expect_eof(r);
	close_r(r);
	tfree(text);
}

/* One byte more is refused with the limit's name, on that line. */
static void
test_line_over_max(void **state)
{
	struct reader *r;
	char *text;

	(void)state;
	text = tmalloc(MAX_LINE + 16);
	memcpy(text, "x\n", 2);
	memset(text + 2, 'L', MAX_LINE + 1);
	memcpy(text + 3 + MAX_LINE, "\ny\n", 3);

	r = open_ok(write_plain("over.tsv", text, MAX_LINE + 6));
	expect_line(r, "x");
	expect_error(r, LONG_ERROR);
	assert_int_equal(reader_lineno(r), 2);
	close_r(r);

	r = open_ok(write_gzip("over.gz", text, MAX_LINE + 6, "wb"));
	expect_line(r, "x");
	expect_error(r, LONG_ERROR);
	assert_int_equal(reader_lineno(r), 2);
	close_r(r);

	/* As the last line, without LF. */
	r = open_ok(write_plain("over-nolf", text, MAX_LINE + 3));
	expect_line(r, "x");
	expect_error(r, LONG_ERROR);
	close_r(r);

	/* A megabyte without any LF. */
	tfree(text);
	text = tmalloc(1 << 20);
	memset(text, 'M', 1 << 20);
	r = open_ok(write_plain("mb", text, 1 << 20));
	expect_error(r, LONG_ERROR);
	assert_int_equal(reader_lineno(r), 1);
	close_r(r);
	tfree(text);
}

/* MAX_LINE counts the line without its ending: CRLF as LF. */
static void
test_line_at_max_crlf(void **state)
{
	struct reader *r;
	char *text;

	(void)state;
	text = tmalloc(MAX_LINE + 16);
	memset(text, 'C', MAX_LINE);
	memcpy(text + MAX_LINE, "\r\nz\r\n", 5);
	r = open_ok(write_plain("max-crlf", text, MAX_LINE + 5));
	expect_line_n(r, text, MAX_LINE);
	expect_line(r, "z");
	expect_eof(r);
	close_r(r);
	tfree(text);
}

/* A NUL byte is returned inside its line (the importer refuses it). */
static void
test_nul_in_line(void **state)
{
	struct reader *r;

	(void)state;
	r = open_ok(WRITE_LIT("nul", "a\0b\tc\n\0\nd\n"));
	expect_line_n(r, "a\0b\tc", 5);
	expect_line_n(r, "\0", 1);
	expect_line(r, "d");
	expect_eof(r);
	close_r(r);
	r = open_ok(write_gzip("nul.gz", "a\0b\n", 4, "wb"));
	expect_line_n(r, "a\0b", 3);
	expect_eof(r);
	close_r(r);
}

/* Peeking does not consume: lines and reads start where it looked. */
static void
test_peek(void **state)
{
	struct reader *r;
	const char *p;
	char got[64];
	int pass;

	(void)state;
	write_plain("peek.tsv", "hello world\nline2\n", 18);
	write_gzip("peek.gz", "hello world\nline2\n", 18, "wb");
	for (pass = 0; pass < 2; pass++) {
		r = open_ok(tpath(pass ? "peek.gz" : "peek.tsv"));
		assert_int_equal(reader_peek(r, &p, 5), 5);
		assert_memory_equal(p, "hello", 5);
		assert_int_equal(reader_peek(r, &p, 100), 18);
		assert_memory_equal(p, "hello world\nline2\n", 18);
		expect_line(r, "hello world");
		expect_line(r, "line2");
		expect_eof(r);
		close_r(r);

		r = open_ok(tpath(pass ? "peek.gz" : "peek.tsv"));
		assert_int_equal(reader_peek(r, &p, 8), 8);
		assert_memory_equal(p, "hello wo", 8);
		assert_int_equal(reader_read(r, got, 5), 5);
		assert_memory_equal(got, "hello", 5);
		assert_int_equal(reader_read(r, got, sizeof(got)), 13);
		assert_memory_equal(got, " world\nline2\n", 13);
		assert_int_equal(reader_read(r, got, sizeof(got)), 0);
		close_r(r);
	}
}

/* reader_read hands out every inflated byte once, in order. */
static void
test_read_all(void **state)
{
	struct reader *r;
	size_t n, got;
	char *text, *back;
	ssize_t k;
	int pass;

	(void)state;
	text = big_text(50000, &n);
	write_plain("all.tsv", text, n);
	write_gzip("all.gz", text, n, "wb");
	back = tmalloc(n + 1);
	for (pass = 0; pass < 2; pass++) {
		r = open_ok(tpath(pass ? "all.gz" : "all.tsv"));
		got = 0;
		while ((k = reader_read(r, back + got,
		    n + 1 - got < 777 ? n + 1 - got : 777)) > 0)
			got += (size_t)k;
		assert_int_equal(k, 0);
		assert_int_equal(got, n);
		assert_memory_equal(back, text, n);
		close_r(r);
	}
	tfree(back);
	tfree(text);
}

/* A missing file is refused with a reason. */
static void
test_open_missing(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(reader_open(tpath("no-such-file"), err, sizeof(err)));
	assert_string_equal(err, "cannot open: No such file or directory");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
		cmocka_unit_test_setup_teardown(test_last_line_without_lf,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_at_max, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_over_max, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_at_max_crlf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_in_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_peek, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_all, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
