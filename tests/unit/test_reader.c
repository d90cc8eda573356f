/* Unit tests of ingest/reader.h: lines and bytes of plain and gzip files. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ingest/reader.h"
#include "lib/limits.h"

#define TRUNC_ERROR	"truncated gzip data"
#define LONG_ERROR	"line is longer than MAX_LINE (64 KiB)"

/* The per-test temp folder. */
static char *tdir;

/*
 * Readers and buffers a test holds, released by teardown even when a
 * failed assertion leaves the test early (no leak reports under ASan).
 */
static struct reader	*held_readers[8];
static void		*held_mem[8];

/* malloc or fail the test; freed by teardown. */
static void *
tmalloc(size_t n)
{
	size_t i;

	for (i = 0; i < 8; i++)
		if (held_mem[i] == NULL) {
			held_mem[i] = malloc(n);
			assert_non_null(held_mem[i]);
			return held_mem[i];
		}
	fail_msg("too many buffers held");
	return NULL;
}

/* Frees a buffer from tmalloc now. */
static void
tfree(void *p)
{
	size_t i;

	for (i = 0; i < 8; i++)
		if (held_mem[i] == p && p != NULL) {
			free(p);
			held_mem[i] = NULL;
		}
}

/* Closes a reader from open_ok now. */
static void
close_r(struct reader *r)
{
	size_t i;

	for (i = 0; i < 8; i++)
		if (held_readers[i] == r && r != NULL) {
			reader_close(r);
			held_readers[i] = NULL;
		}
}

static int
setup(void **state)
{
	(void)state;
	tdir = strdup("/tmp/fbaudit-test-reader.XXXXXX");
	if (tdir == NULL || mkdtemp(tdir) == NULL)
		return -1;
	return 0;
}

/* Removes the temp folder and its files. */
static int
teardown(void **state)
{
	char path[4096];
	struct dirent *e;
	size_t i;
	DIR *d;

	(void)state;
	for (i = 0; i < 8; i++) {
		reader_close(held_readers[i]);
		held_readers[i] = NULL;
		free(held_mem[i]);
		held_mem[i] = NULL;
	}
	if ((d = opendir(tdir)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", tdir, e->d_name);
			unlink(path);
		}
		closedir(d);
	}
	rmdir(tdir);
	free(tdir);
	return 0;
}

/* The path of name in the temp folder (static storage, 4 slots). */
static const char *
tpath(const char *name)
{
	static char paths[4][4096];
	static int next;
	char *p = paths[next++ % 4];

	snprintf(p, 4096, "%s/%s", tdir, name);
	return p;
}

/* Writes n bytes as a plain file. */
static const char *
write_plain(const char *name, const void *p, size_t n)
{
	const char *path = tpath(name);
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	if (n > 0)
		assert_int_equal(fwrite(p, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* Writes a string literal's bytes (NULs inside kept, the last dropped). */
#define WRITE_LIT(name, lit)	write_plain((name), (lit), sizeof(lit) - 1)

/* Writes n bytes as one gzip member; mode "wb" creates, "ab" appends. */
static const char *
write_gzip(const char *name, const void *p, size_t n, const char *mode)
{
	const char *path = tpath(name);
	gzFile gz = gzopen(path, mode);

	assert_non_null(gz);
	if (n > 0)
		assert_int_equal(gzwrite(gz, p, (unsigned)n), (int)n);
	assert_int_equal(gzclose(gz), Z_OK);
	return path;
}

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

static struct reader *
open_ok(const char *path)
{
	char err[256] = "";
	struct reader *r = reader_open(path, err, sizeof(err));

	size_t i;

	if (r == NULL)
		fail_msg("reader_open %s: %s", path, err);
	for (i = 0; i < 8; i++)
		if (held_readers[i] == NULL) {
			held_readers[i] = r;
			return r;
		}
	close_r(r);
	fail_msg("too many readers held");
	return NULL;
}

/* Asserts the next line is exactly want (n bytes). */
static void
expect_line_n(struct reader *r, const char *want, size_t n)
{
	char *line = NULL;
	size_t len = 0;
	int rc = reader_line(r, &line, &len);

	/* Messages show at most 60 bytes of a line. */
	if (rc != 1)
		fail_msg("want line \"%.*s\" (%zu bytes), got rc %d: %s",
		    (int)(n < 60 ? n : 60), want, n, rc, reader_error(r));
	if (len != n || memcmp(line, want, n) != 0)
		fail_msg("got line \"%.*s\" (%zu bytes), want \"%.*s\" (%zu)",
		    (int)(len < 60 ? len : 60), line, len,
		    (int)(n < 60 ? n : 60), want, n);
	assert_int_equal(line[len], '\0');
}

static void
expect_line(struct reader *r, const char *want)
{
	expect_line_n(r, want, strlen(want));
}

/* Asserts end of file, then end of file again. */
static void
expect_eof(struct reader *r)
{
	char *line;
	size_t len;

	assert_int_equal(reader_line(r, &line, &len), 0);
	assert_int_equal(reader_line(r, &line, &len), 0);
}

/* Asserts the next line fails with error text want. */
static void
expect_error(struct reader *r, const char *want)
{
	char *line;
	size_t len;

	assert_int_equal(reader_line(r, &line, &len), -1);
	assert_string_equal(reader_error(r), want);
	/* A failed reader stays failed. */
	assert_int_equal(reader_line(r, &line, &len), -1);
}

/* Builds the text of line i of a big test file (no LF), in out. */
static size_t
big_line(int i, char *out, size_t size)
{
	/* Digits of a multiplicative hash resist compression a little. */
	return (size_t)snprintf(out, size, "%d\tFBA%08u\t%u", i,
	    (unsigned)i * 2654435761u, ((unsigned)i * 40503u) % 99991u);
}

/* A big file's text: nlines lines, each ending in LF. */
static char *
big_text(int nlines, size_t *n)
{
	size_t cap = (size_t)nlines * 40 + 1, len = 0;
	char *p = tmalloc(cap);
	int i;

	for (i = 0; i < nlines; i++) {
		len += big_line(i, p + len, cap - len);
		p[len++] = '\n';
	}
	*n = len;
	return p;
}

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
		cmocka_unit_test_setup_teardown(test_gzip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_files, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_members, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_truncated, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_gzip_truncated_ends,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_line_error_lineno,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_gzip_corrupt, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_at_max, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_over_max, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_line_at_max_crlf, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_nul_in_line, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_peek, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_all, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_open_missing, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
