#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "ingest/reader.h"
#include "lib/limits.h"
#include "lib/mem.h"

#define READER_IN	(128 * 1024)
/* The out buffer must hold the longest line plus one refill. */
#define READER_OUT	(2 * MAX_LINE + READER_IN)

struct reader {
	int		 fd;
	int		 gzip;
	int		 eof_in;	/* no more compressed input */
	int		 member_done;	/* last gzip member ended cleanly */
	int		 failed;
	z_stream	 z;
	int		 z_open;
	unsigned char	*in;
	size_t		 in_len;	/* plain: unused */
	char		*out;
	size_t		 out_pos;	/* first unconsumed byte */
	size_t		 out_end;	/* one past the last byte */
	int64_t		 total_in;
	int64_t		 total_out;
	int64_t		 lineno;
	int		 bom_checked;
	char		 error[256];
};

static int reader_fail(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
reader_fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
	r->failed = 1;
	return -1;
}

/* Reads more raw bytes from the file into r->in. */
static int
reader_fill_in(struct reader *r)
{
	ssize_t n;

	do
		n = read(r->fd, r->in + r->in_len, READER_IN - r->in_len);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return reader_fail(r, "read error: %s", strerror(errno));
	if (n == 0)
		r->eof_in = 1;
	r->in_len += (size_t)n;
	r->total_in += n;
	return 0;
}

/* Inflates into out[out_end..]; the caller made room. */
static int
reader_inflate(struct reader *r, size_t room)
{
	int rc;

	r->z.next_out = (Bytef *)r->out + r->out_end;
	r->z.avail_out = (uInt)room;
	while (r->z.avail_out == room) {
		if (r->z.avail_in == 0) {
			r->in_len = 0;
			if (reader_fill_in(r) == -1)
				return -1;
			if (r->eof_in && r->in_len == 0) {
				if (!r->member_done)
					return reader_fail(r, "%s",
					    "truncated gzip data");
				break;
			}
			r->z.next_in = r->in;
			r->z.avail_in = (uInt)r->in_len;
		}
		if (r->member_done) {
			/* Another member follows: a new gzip stream. */
			if (inflateReset(&r->z) != Z_OK)
				return reader_fail(r, "%s", "gzip reset failed");
			r->member_done = 0;
		}
		rc = inflate(&r->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			r->member_done = 1;
		else if (rc == Z_BUF_ERROR && r->z.avail_in == 0)
			continue;
		else if (rc != Z_OK)
			return reader_fail(r, "corrupt gzip data: %s",
			    r->z.msg ? r->z.msg : "inflate failed");
	}
	r->out_end += room - r->z.avail_out;
	r->total_out += (int64_t)(room - r->z.avail_out);
	if (r->total_out > GZIP_RATIO_GRACE &&
	    r->total_out / (r->total_in ? r->total_in : 1) > MAX_GZIP_RATIO)
		return reader_fail(r, "%s", "gzip inflates more than "
		    "MAX_GZIP_RATIO times its size (a gzip bomb?)");
	return 0;
}

/* Appends more inflated bytes after out_end. Returns 0, or -1. */
static int
reader_fill(struct reader *r)
{
	size_t room;
	ssize_t n;

	if (r->total_out > MAX_REPORT_BYTES)
		return reader_fail(r, "%s", "report is larger than "
		    "MAX_REPORT_BYTES");
	if (r->out_pos > 0 && r->out_pos == r->out_end)
		r->out_pos = r->out_end = 0;
	if (READER_OUT - r->out_end < READER_IN) {
		memmove(r->out, r->out + r->out_pos, r->out_end - r->out_pos);
		r->out_end -= r->out_pos;
		r->out_pos = 0;
	}
	room = READER_OUT - r->out_end - 1;
	if (r->gzip)
		return reader_inflate(r, room);
	if (r->eof_in)
		return 0;
	do
		n = read(r->fd, r->out + r->out_end, room);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return reader_fail(r, "read error: %s", strerror(errno));
	if (n == 0)
		r->eof_in = 1;
	r->out_end += (size_t)n;
	r->total_in += n;
	r->total_out += n;
	return 0;
}

/* Whether nothing more can come. */
static int
reader_drained(const struct reader *r)
{
	if (r->gzip)
		return r->eof_in && r->z.avail_in == 0;
	return r->eof_in;
}

struct reader *
reader_open(const char *path, char *err, size_t errlen)
{
	struct reader *r;
	unsigned char magic[2];
	ssize_t n;

	r = xcalloc(1, sizeof(*r));
	if ((r->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		free(r);
		return NULL;
	}
	do
		n = pread(r->fd, magic, 2, 0);
	while (n == -1 && errno == EINTR);
	r->gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	r->out = xmalloc(READER_OUT);
	if (r->gzip) {
		r->in = xmalloc(READER_IN);
		/* 15 + 16: a gzip wrapper only, never raw deflate or zlib. */
		if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
			snprintf(err, errlen, "cannot start gzip decoder");
			reader_close(r);
			return NULL;
		}
		r->z_open = 1;
	}
	return r;
}

void
reader_close(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->z_open)
		inflateEnd(&r->z);
	if (r->fd != -1)
		close(r->fd);
	free(r->in);
	free(r->out);
	free(r);
}

/* Drops a UTF-8 byte order mark at the very start of the stream. */
static int
reader_skip_bom(struct reader *r)
{
	while (r->out_end - r->out_pos < 3 && !reader_drained(r))
		if (reader_fill(r) == -1)
			return -1;
	if (r->out_end - r->out_pos >= 3 &&
	    memcmp(r->out + r->out_pos, "\xef\xbb\xbf", 3) == 0)
		r->out_pos += 3;
	r->bom_checked = 1;
	return 0;
}

int
reader_line(struct reader *r, char **line, size_t *len)
{
	char *nl, *start;
	size_t n, scanned = 0;

	if (r->failed)
		return -1;
	/* Counted first, so an error names the line being read. */
	r->lineno++;
	if (!r->bom_checked && reader_skip_bom(r) == -1)
		return -1;
	for (;;) {
		start = r->out + r->out_pos;
		n = r->out_end - r->out_pos;
		nl = memchr(start + scanned, '\n', n - scanned);
		if (nl != NULL) {
			n = (size_t)(nl - start);
			r->out_pos += n + 1;
			break;
		}
		/* + 1: a CR before the LF is not part of the line. */
		if (n > MAX_LINE + 1)
			return reader_fail(r, "%s", "line is longer than "
			    "MAX_LINE (64 KiB)");
		if (reader_drained(r)) {
			if (n == 0) {
				r->lineno--;
				return 0;
			}
			r->out_pos = r->out_end;	/* last line, no LF */
			break;
		}
		scanned = n;
		if (reader_fill(r) == -1)
			return -1;
	}
	if (n > 0 && start[n - 1] == '\r')
		n--;
	if (n > MAX_LINE)
		return reader_fail(r, "%s", "line is longer than "
		    "MAX_LINE (64 KiB)");
	start[n] = '\0';
	*line = start;
	*len = n;
	return 1;
}

ssize_t
reader_read(struct reader *r, void *p, size_t n)
{
	size_t have;

	if (r->failed)
		return -1;
	if (!r->bom_checked && reader_skip_bom(r) == -1)
		return -1;
	while (r->out_pos == r->out_end) {
		if (reader_drained(r))
			return 0;
		if (reader_fill(r) == -1)
			return -1;
	}
	have = r->out_end - r->out_pos;
	if (have > n)
		have = n;
	memcpy(p, r->out + r->out_pos, have);
	r->out_pos += have;
	return (ssize_t)have;
}

ssize_t
reader_peek(struct reader *r, const char **p, size_t n)
{
	if (r->failed)
		return -1;
	if (!r->bom_checked && reader_skip_bom(r) == -1)
		return -1;
	if (n > READER_IN)
		n = READER_IN;
	while (r->out_end - r->out_pos < n && !reader_drained(r))
		if (reader_fill(r) == -1)
			return -1;
	*p = r->out + r->out_pos;
	n = r->out_end - r->out_pos < n ? r->out_end - r->out_pos : n;
	return (ssize_t)n;
}

int64_t
reader_lineno(const struct reader *r)
{
	return r->lineno;
}

int
reader_is_gzip(const struct reader *r)
{
	return r->gzip;
}

const char *
reader_error(const struct reader *r)
{
	return r->error;
}
