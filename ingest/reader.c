/*
 * A report file, read in fixed buffers. A gzip file is inflated by a
 * second thread into a small ring of chunks while the caller parses and
 * stores what came before: inflating is a quarter of an import's time,
 * and on two cores it then costs almost nothing. Memory stays bounded:
 * the ring, the compressed buffer and the line buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

#define READER_IN	(128 * 1024)	/* compressed bytes read at a time */
#define READER_CHUNK	(256 * 1024)	/* inflated bytes handed over */
#define READER_NCHUNKS	4
/* The line buffer holds the longest line plus one chunk. */
#define READER_OUT	(2 * MAX_LINE + READER_CHUNK)

struct reader_chunk {
	char	*data;
	size_t	 len;
};

struct reader {
	int		 fd;
	int		 gzip;
	int		 failed;
	char		 error[256];
	/* The caller's side: lines are cut from out. */
	char		*out;
	size_t		 out_pos;	/* first unconsumed byte */
	size_t		 out_end;	/* one past the last byte */
	int		 drained;	/* nothing more will come */
	int64_t		 lineno;
	int		 bom_checked;
	int64_t		 plain_total;	/* plain files: bytes read */
	/* The inflater thread's side (gzip only). */
	pthread_t	 thread;
	int		 started;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct reader_chunk ring[READER_NCHUNKS];
	size_t		 head;		/* next chunk to hand over */
	size_t		 count;		/* chunks filled, not handed over */
	int		 done;		/* the inflater finished */
	int		 stop;		/* the caller closes early */
	int		 inflate_failed;
	char		 inflate_error[256];
	z_stream	 z;
	int		 z_open;
	unsigned char	*in;
	int		 eof_in;
	int		 member_done;	/* the last gzip member ended */
	int64_t		 total_in, total_out;
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

/* The inflater's own failure, handed to the caller after its data. */
static int inflate_fail(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
inflate_fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->inflate_error, sizeof(r->inflate_error), fmt, ap);
	va_end(ap);
	return -1;
}

/* Reads more compressed input. Returns 0 or -1. */
static int
inflate_read(struct reader *r)
{
	ssize_t n;

	do
		n = read(r->fd, r->in, READER_IN);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return inflate_fail(r, "read error: %s", strerror(errno));
	if (n == 0)
		r->eof_in = 1;
	r->total_in += n;
	r->z.next_in = r->in;
	r->z.avail_in = (uInt)n;
	return 0;
}

/*
 * Inflates up to room bytes into buf, across gzip members. Returns the
 * bytes made (0 at the clean end of the last member), or -1.
 */
static ssize_t
inflate_into(struct reader *r, char *buf, size_t room)
{
	int rc;

	r->z.next_out = (Bytef *)buf;
	r->z.avail_out = (uInt)room;
	while (r->z.avail_out > 0) {
		if (r->z.avail_in == 0) {
			if (r->eof_in)
				break;
			if (inflate_read(r) == -1)
				return -1;
			if (r->z.avail_in == 0)
				break;
		}
		if (r->member_done) {
			/* Another member follows: a new gzip stream. */
			if (inflateReset(&r->z) != Z_OK)
				return inflate_fail(r, "gzip reset failed");
			r->member_done = 0;
		}
		rc = inflate(&r->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END)
			r->member_done = 1;
		else if (rc == Z_BUF_ERROR && r->z.avail_in == 0)
			continue;
		else if (rc != Z_OK)
			return inflate_fail(r, "corrupt gzip data: %s",
			    r->z.msg ? r->z.msg : "inflate failed");
	}
	if (r->eof_in && r->z.avail_in == 0 && !r->member_done &&
	    r->z.avail_out == room)
		return inflate_fail(r, "truncated gzip data");
	r->total_out += (int64_t)(room - r->z.avail_out);
	if (r->total_out > MAX_REPORT_BYTES)
		return inflate_fail(r, "report is larger than "
		    "MAX_REPORT_BYTES");
	if (r->total_out > GZIP_RATIO_GRACE &&
	    r->total_out / (r->total_in ? r->total_in : 1) > MAX_GZIP_RATIO)
		return inflate_fail(r, "gzip inflates more than "
		    "MAX_GZIP_RATIO times its size (a gzip bomb?)");
	return (ssize_t)(room - r->z.avail_out);
}

/* The inflater thread: fills free chunks until the end or an error. */
static void *
inflater(void *arg)
{
	struct reader *r = arg;
	struct reader_chunk *c;
	ssize_t n;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		while (r->count == READER_NCHUNKS && !r->stop)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stop) {
			pthread_mutex_unlock(&r->mu);
			break;
		}
		c = &r->ring[(r->head + r->count) % READER_NCHUNKS];
		pthread_mutex_unlock(&r->mu);
		/* Only this thread touches the free chunk and the stream. */
		n = inflate_into(r, c->data, READER_CHUNK);
		pthread_mutex_lock(&r->mu);
		if (n > 0) {
			c->len = (size_t)n;
			r->count++;
		} else {
			r->inflate_failed = n < 0;
			r->done = 1;
		}
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		if (n <= 0)
			break;
	}
	return NULL;
}

/* Makes room for one chunk after out_end, keeping unread bytes. */
static void
reader_compact(struct reader *r)
{
	if (r->out_pos > 0 && r->out_pos == r->out_end)
		r->out_pos = r->out_end = 0;
	if (READER_OUT - r->out_end < READER_CHUNK + 1) {
		memmove(r->out, r->out + r->out_pos, r->out_end - r->out_pos);
		r->out_end -= r->out_pos;
		r->out_pos = 0;
	}
}

/* Appends the next chunk from the inflater. Returns 0 or -1. */
static int
reader_fill_gzip(struct reader *r)
{
	struct reader_chunk *c;

	pthread_mutex_lock(&r->mu);
	while (r->count == 0 && !r->done)
		pthread_cond_wait(&r->cv, &r->mu);
	if (r->count == 0) {
		/* Everything made was handed over: now the end, or why. */
		pthread_mutex_unlock(&r->mu);
		if (r->inflate_failed)
			return reader_fail(r, "%s", r->inflate_error);
		r->drained = 1;
		return 0;
	}
	c = &r->ring[r->head];
	pthread_mutex_unlock(&r->mu);
	memcpy(r->out + r->out_end, c->data, c->len);
	r->out_end += c->len;
	pthread_mutex_lock(&r->mu);
	r->head = (r->head + 1) % READER_NCHUNKS;
	r->count--;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return 0;
}

/* Appends more of the file after out_end. Returns 0, or -1. */
static int
reader_fill(struct reader *r)
{
	ssize_t n;

	reader_compact(r);
	if (r->gzip)
		return reader_fill_gzip(r);
	do
		n = read(r->fd, r->out + r->out_end, READER_CHUNK);
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return reader_fail(r, "read error: %s", strerror(errno));
	if (n == 0)
		r->drained = 1;
	r->out_end += (size_t)n;
	r->plain_total += n;
	if (r->plain_total > MAX_REPORT_BYTES)
		return reader_fail(r, "report is larger than "
		    "MAX_REPORT_BYTES");
	return 0;
}

struct reader *
reader_open(const char *path, char *err, size_t errlen)
{
	struct reader *r;
	unsigned char magic[2];
	ssize_t n;
	int i;

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
	if (!r->gzip)
		return r;
	r->in = xmalloc(READER_IN);
	for (i = 0; i < READER_NCHUNKS; i++)
		r->ring[i].data = xmalloc(READER_CHUNK);
	/* 15 + 16: a gzip wrapper only, never raw deflate or zlib. */
	if (inflateInit2(&r->z, 15 + 16) != Z_OK) {
		snprintf(err, errlen, "cannot start gzip decoder");
		goto fail;
	}
	r->z_open = 1;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if (pthread_create(&r->thread, NULL, inflater, r) != 0) {
		snprintf(err, errlen, "cannot start the gzip thread");
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		goto fail;
	}
	r->started = 1;
	return r;
fail:
	reader_close(r);
	return NULL;
}

void
reader_close(struct reader *r)
{
	int i;

	if (r == NULL)
		return;
	if (r->started) {
		pthread_mutex_lock(&r->mu);
		r->stop = 1;
		pthread_cond_broadcast(&r->cv);
		pthread_mutex_unlock(&r->mu);
		pthread_join(r->thread, NULL);
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
	}
	if (r->z_open)
		inflateEnd(&r->z);
	if (r->fd != -1)
		close(r->fd);
	for (i = 0; i < READER_NCHUNKS; i++)
		free(r->ring[i].data);
	free(r->in);
	free(r->out);
	free(r);
}

/* Drops a UTF-8 byte order mark at the very start of the stream. */
static int
reader_skip_bom(struct reader *r)
{
	while (r->out_end - r->out_pos < 3 && !r->drained)
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
		if (r->drained) {
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
		if (r->drained)
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
	if (n > READER_CHUNK)
		n = READER_CHUNK;
	while (r->out_end - r->out_pos < n && !r->drained)
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
