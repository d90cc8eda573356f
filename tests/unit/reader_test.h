/*
 * What the unit tests of ingest/reader.h share (test_reader.c,
 * test_reader_gzip.c): a temp folder per test, files written plain or
 * gzipped into it, readers and buffers released by teardown, and
 * assertions on the lines a reader returns. The functions are static and
 * both files use each one; a helper only one file needs lives there.
 */
#ifndef FBAUDIT_TEST_READER_H
#define FBAUDIT_TEST_READER_H

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

#endif
