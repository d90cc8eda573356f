/* tsvsplit: fixed-buffer gzip TSV reader shared by the bench baselines. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "tsvsplit.h"

/* zlib's own input buffer; the default 8 KiB costs a little speed. */
#define TSVSPLIT_GZBUF	(128 * 1024)

struct tsvsplit {
	gzFile			 gz;
	const char		*path;
	char			*buf;	/* TSVSPLIT_MAX_LINE + 1 bytes */
	size_t			 pos;	/* start of the unread lines */
	size_t			 fill;	/* end of the data in buf */
	int			 eof;
	unsigned long long	 line;
	char			*field[TSVSPLIT_MAX_FIELDS];
	size_t			 len[TSVSPLIT_MAX_FIELDS];
};

/* Opens PATH for reading and allocates the reader's buffer. */
struct tsvsplit *
tsvsplit_open(const char *path)
{
	struct tsvsplit	*t;

	if ((t = calloc(1, sizeof(*t))) == NULL ||
	    (t->buf = malloc(TSVSPLIT_MAX_LINE + 1)) == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		goto fail;
	}
	t->path = path;
	if ((t->gz = gzopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: %s\n", path,
		    errno ? strerror(errno) : "cannot open");
		goto fail;
	}
	if (gzbuffer(t->gz, TSVSPLIT_GZBUF) != 0) {
		fprintf(stderr, "%s: gzbuffer failed\n", path);
		goto fail;
	}
	return t;
fail:
	tsvsplit_close(t);
	return NULL;
}

/* Moves the unread bytes to the front and reads more; -1 on error. */
static int
tsvsplit_refill(struct tsvsplit *t)
{
	int	 n, zerr;

	if (t->pos > 0) {
		memmove(t->buf, t->buf + t->pos, t->fill - t->pos);
		t->fill -= t->pos;
		t->pos = 0;
	}
	if (t->fill == TSVSPLIT_MAX_LINE) {
		fprintf(stderr, "%s:%llu: line longer than %d bytes\n",
		    t->path, t->line + 1, TSVSPLIT_MAX_LINE);
		return -1;
	}
	n = gzread(t->gz, t->buf + t->fill,
	    (unsigned)(TSVSPLIT_MAX_LINE - t->fill));
	if (n < 0) {
		fprintf(stderr, "%s: %s\n", t->path, gzerror(t->gz, &zerr));
		return -1;
	}
	if (n == 0) {
		/* gzread returns 0 on a truncated stream too: ask. */
		gzerror(t->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_BUF_ERROR) {
			fprintf(stderr, "%s: %s\n", t->path,
			    gzerror(t->gz, &zerr));
			return -1;
		}
		if (zerr == Z_BUF_ERROR) {
			fprintf(stderr, "%s: unexpected end of gzip stream\n",
			    t->path);
			return -1;
		}
		t->eof = 1;
	}
	t->fill += (size_t)n;
	return 0;
}

/* Splits the NUL-terminated line S of N bytes into fields; -1 if too many. */
static int
tsvsplit_fields(struct tsvsplit *t, char *s, size_t n)
{
	char	*end = s + n, *tab;
	size_t	 nf = 0, fl;

	for (;;) {
		if (nf == TSVSPLIT_MAX_FIELDS) {
			fprintf(stderr, "%s:%llu: more than %d fields\n",
			    t->path, t->line, TSVSPLIT_MAX_FIELDS);
			return -1;
		}
		tab = memchr(s, '\t', (size_t)(end - s));
		fl = (size_t)((tab != NULL ? tab : end) - s);
		s[fl] = '\0';
		if (fl >= 2 && s[0] == '"' && s[fl - 1] == '"') {
			s[fl - 1] = '\0';
			s++;
			fl -= 2;
		}
		t->field[nf] = s;
		t->len[nf] = fl;
		nf++;
		if (tab == NULL)
			break;
		s = tab + 1;
	}
	return (int)nf;
}

/* Returns the next line's field count, 0 at end of file, -1 on error. */
int
tsvsplit_next(struct tsvsplit *t, char ***field, size_t **len)
{
	char	*s, *nl;
	size_t	 n, scanned = 0;
	int	 nf;

	for (;;) {
		s = t->buf + t->pos;
		nl = memchr(s + scanned, '\n', t->fill - t->pos - scanned);
		if (nl != NULL)
			break;
		if (t->eof) {
			if (t->pos == t->fill)
				return 0;
			/* Last line without a newline: buf has a spare byte. */
			nl = t->buf + t->fill;
			break;
		}
		scanned = t->fill - t->pos;
		if (tsvsplit_refill(t) == -1)
			return -1;
	}
	n = (size_t)(nl - s);
	/* Past the newline, or at the end when the last line lacks one. */
	t->pos = (size_t)(nl - t->buf) + (nl < t->buf + t->fill ? 1 : 0);
	t->line++;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	s[n] = '\0';
	if ((nf = tsvsplit_fields(t, s, n)) == -1)
		return -1;
	*field = t->field;
	*len = t->len;
	return nf;
}

/* Returns the number of the line last returned. */
unsigned long long
tsvsplit_line(const struct tsvsplit *t)
{
	return t->line;
}

/* Closes the file and frees the reader. */
void
tsvsplit_close(struct tsvsplit *t)
{
	if (t == NULL)
		return;
	if (t->gz != NULL)
		gzclose(t->gz);
	free(t->buf);
	free(t);
}
