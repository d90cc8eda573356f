/*
 * Unit tests of ingest/reader.h on gzip files: detected by their bytes,
 * big files over many buffer refills, concatenated members, and files
 * cut short or corrupt, each failing on the right line.
 */
#include "tests/unit/reader_test.h"

#define TRUNC_ERROR	"truncated gzip data"

/* The whole of a file, malloc'd; its size in *n. */
static char *
slurp(const char *path, size_t *n)
{
	struct stat st;
	FILE *fp;
	char *p;

	assert_int_equal(stat(path, &st), 0);
	p = tmalloc((size_t)st.st_size + 1);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	*n = fread(p, 1, (size_t)st.st_size, fp);
	fclose(fp);
	assert_int_equal(*n, (size_t)st.st_size);
	return p;
}

/* A gzip file is detected by its bytes and inflated. */
static void
test_gzip(void **state)
{
	struct reader *r;

	(void)state;
	/* The name says .tsv; the magic bytes say gzip. */
	r = open_ok(write_gzip("report.tsv", "h1\th2\r\nv1\tv2\r\n", 14,
	    "wb"));
	assert_true(reader_is_gzip(r));
	expect_line(r, "h1\th2");
	expect_line(r, "v1\tv2");
	expect_eof(r);
	close_r(r);
	/* And a .gz name on plain bytes is plain. */
	r = open_ok(write_plain("plain.gz", "x\n", 2));
	assert_false(reader_is_gzip(r));
	expect_line(r, "x");
	close_r(r);
}

/* Many buffer refills lose and repeat nothing, plain or gzip. */
static void
test_big_files(void **state)
{
	const int nlines = 300000;
	char want[64];
	struct reader *r;
	size_t n, wn;
	char *text;
	int i, pass;

	(void)state;
	text = big_text(nlines, &n);
	write_plain("big.tsv", text, n);
	write_gzip("big.gz", text, n, "wb");
	tfree(text);
	for (pass = 0; pass < 2; pass++) {
		r = open_ok(tpath(pass ? "big.gz" : "big.tsv"));
		assert_int_equal(reader_is_gzip(r), pass);
		for (i = 0; i < nlines; i++) {
			wn = big_line(i, want, sizeof(want));
			expect_line_n(r, want, wn);
		}
		assert_int_equal(reader_lineno(r), nlines);
		expect_eof(r);
		close_r(r);
	}
}

/* Concatenated gzip members read as one stream, even mid-line. */
static void
test_gzip_members(void **state)
{
	struct reader *r;
	const char *path;
	size_t n;
	char *text;
	int i;

	(void)state;
	path = write_gzip("m.gz", "one\ntwo\n", 8, "wb");
	write_gzip("m.gz", "three\n", 6, "ab");
	r = open_ok(path);
	expect_line(r, "one");
	expect_line(r, "two");
	expect_line(r, "three");
	expect_eof(r);
	close_r(r);

	path = write_gzip("split.gz", "head\npar", 8, "wb");
	write_gzip("split.gz", "tial\nend", 8, "ab");
	write_gzip("split.gz", "", 0, "ab");
	write_gzip("split.gz", "\n", 1, "ab");
	r = open_ok(path);
	expect_line(r, "head");
	expect_line(r, "partial");
	expect_line(r, "end");
	expect_eof(r);
	close_r(r);

	/* A second member after a big first one. */
	text = big_text(100000, &n);
	path = write_gzip("big2.gz", text, n, "wb");
	write_gzip("big2.gz", "tail\n", 5, "ab");
	r = open_ok(path);
	for (i = 0; i < 100000; i++)
		assert_int_equal(reader_line(r, &(char *){ NULL },
		    &(size_t){ 0 }), 1);
	expect_line(r, "tail");
	expect_eof(r);
	close_r(r);
	tfree(text);
}

/* Truncates a file to n bytes. */
static void
cut(const char *path, size_t n)
{
	assert_int_equal(truncate(path, (off_t)n), 0);
}

/* A gzip cut short fails, naming the line, after its whole lines. */
static void
test_gzip_truncated(void **state)
{
	const int nlines = 200000;
	char want[64], *line;
	struct reader *r;
	const char *path;
	size_t n, wn, len, gzlen;
	char *text, *gz;
	int i, rc;

	(void)state;
	text = big_text(nlines, &n);
	path = write_gzip("t.gz", text, n, "wb");
	tfree(text);
	gz = slurp(path, &gzlen);
	tfree(gz);
	cut(path, gzlen / 2);
	r = open_ok(path);
	for (i = 0; (rc = reader_line(r, &line, &len)) == 1; i++) {
		wn = big_line(i, want, sizeof(want));
		if (len != wn || memcmp(line, want, wn) != 0)
			fail_msg("line %d: got \"%.*s\", want \"%s\"", i + 1,
			    (int)len, line, want);
	}
	assert_int_equal(rc, -1);
	assert_string_equal(reader_error(r), TRUNC_ERROR);
	/* Roughly half the lines came, and the error names the next one. */
	assert_true(i > nlines / 4 && i < nlines);
	assert_int_equal(reader_lineno(r), i + 1);
	expect_error(r, TRUNC_ERROR);
	close_r(r);
}

/* A gzip missing only its trailer, or cut in its header, also fails. */
static void
test_gzip_truncated_ends(void **state)
{
	struct reader *r;
	const char *path;
	size_t gzlen;
	char *gz;

	(void)state;
	path = write_gzip("trailer.gz", "a\nb\n", 4, "wb");
	gz = slurp(path, &gzlen);
	tfree(gz);
	cut(path, gzlen - 4);	/* drop the length of the trailer */
	r = open_ok(path);
	expect_line(r, "a");
	expect_line(r, "b");
	expect_error(r, TRUNC_ERROR);
	assert_int_equal(reader_lineno(r), 3);
	close_r(r);

	path = write_gzip("header.gz", "a\nb\n", 4, "wb");
	cut(path, 5);
	r = open_ok(path);
	assert_true(reader_is_gzip(r));
	expect_error(r, TRUNC_ERROR);
	close_r(r);

	/* Two good members and a third cut short. */
	path = write_gzip("third.gz", "1\n", 2, "wb");
	write_gzip("third.gz", "2\n", 2, "ab");
	gz = slurp(path, &gzlen);
	tfree(gz);
	write_gzip("third.gz", "3\n", 2, "ab");
	cut(path, gzlen + 12);
	r = open_ok(path);
	expect_line(r, "1");
	expect_line(r, "2");
	expect_error(r, TRUNC_ERROR);
	close_r(r);
}

/* An error while reading the first line is reported on line 1. */
static void
test_first_line_error_lineno(void **state)
{
	struct reader *r;
	const char *path;

	(void)state;
	/* Cut inside the gzip header: nothing of line 1 can come. */
	path = write_gzip("h.gz", "a\nb\n", 4, "wb");
	cut(path, 5);
	r = open_ok(path);
	expect_error(r, TRUNC_ERROR);
	assert_int_equal(reader_lineno(r), 1);
	close_r(r);
	/* A gzip magic with an unknown compression method. */
	r = open_ok(WRITE_LIT("m.gz",
	    "\x1f\x8b\x07\0\0\0\0\0\0\x03" "abcdefgh"));
	assert_int_equal(reader_line(r, &(char *){ NULL }, &(size_t){ 0 }),
	    -1);
	assert_int_equal(strncmp(reader_error(r), "corrupt gzip data", 17),
	    0);
	assert_int_equal(reader_lineno(r), 1);
	close_r(r);
}

/* A damaged CRC is corrupt data, not a short file. */
static void
test_gzip_corrupt(void **state)
{
	struct reader *r;
	const char *path;
	size_t gzlen;
	char *gz, *line;
	size_t len;

	(void)state;
	path = write_gzip("crc.gz", "a\nb\n", 4, "wb");
	gz = slurp(path, &gzlen);
	gz[gzlen - 8] ^= 0x55;	/* first byte of the CRC-32 */
	write_plain("crc.gz", gz, gzlen);
	tfree(gz);
	r = open_ok(path);
	/* The lines may come before the check fails, but the end fails. */
	while (reader_line(r, &line, &len) == 1)
		;
	assert_int_equal(strncmp(reader_error(r), "corrupt gzip data", 17),
	    0);
	close_r(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_gzip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_members, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_truncated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_truncated_ends, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_first_line_error_lineno,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_gzip_corrupt, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
