/*
 * Records of a TSV or CSV report. The common case, a UTF-8 record on one
 * line, is split where the reader holds it, with no copy; a converted
 * record, or a CSV record spanning lines, is assembled in rs->rec, whose
 * maximum is fixed (MAX_LINE input bytes, three output bytes each).
 *
 * Lines are cut and separators found before conversion: every charset
 * of charset.h keeps the bytes of LF, CR, tab, comma and quote for those
 * characters alone (Windows-31J and EUC-JP trail bytes are 0x40 and up).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/csv.h"
#include "ingest/reader.h"
#include "ingest/rows.h"
#include "lib/buf.h"
#include "lib/limits.h"
#include "lib/mem.h"

/* A converted character is at most three UTF-8 bytes per input byte. */
#define ROWS_REC_MAX	(3 * (size_t)MAX_LINE + 16)

struct rows {
	struct reader		*rd;
	enum charset		 cs;
	struct charset_conv	*conv;		/* NULL for UTF-8 */
	enum rows_format	 format;
	struct buf		 rec;
	int64_t			 line;		/* the record's first */
	int64_t			 last;		/* and its last */
	int			 error_cell;
	char			 error[256];
};

/* What is wrong with a record before it is split: the first bad byte. */
struct rows_bad {
	size_t		 at;		/* offset in the record; SIZE_MAX */
	unsigned char	 byte;
	int		 nul;		/* a NUL byte, else a charset error */
};

static int rows_fail(struct rows *rs, int cell, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
rows_fail(struct rows *rs, int cell, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rs->error, sizeof(rs->error), fmt, ap);
	va_end(ap);
	rs->error_cell = cell;
	return -1;
}

struct rows *
rows_open(struct reader *rd, enum charset cs)
{
	struct rows *rs;
	struct charset_conv *conv = NULL;

	if (cs != CHARSET_UTF8 && (conv = charset_conv_open(cs)) == NULL)
		return NULL;
	rs = xcalloc(1, sizeof(*rs));
	rs->rd = rd;
	rs->cs = cs;
	rs->conv = conv;
	buf_init(&rs->rec, ROWS_REC_MAX);
	return rs;
}

void
rows_close(struct rows *rs)
{
	if (rs == NULL)
		return;
	charset_conv_close(rs->conv);
	buf_free(&rs->rec);
	free(rs);
}

/* Fails with the reader's reason, on the line it was reading. */
static int
rows_reader_failed(struct rows *rs)
{
	rs->line = reader_lineno(rs->rd);
	return rows_fail(rs, ROWS_NO_CELL, "%s", reader_error(rs->rd));
}

/* The separator a file's first line shows. */
static enum rows_format
rows_detect(const char *line, size_t len)
{
	if (memchr(line, '\t', len) == NULL && memchr(line, ',', len) != NULL)
		return ROWS_CSV;
	return ROWS_TSV;
}

/* Notes the first bad byte of the n bytes at s, which sit at offset at. */
static void
rows_check_utf8(const char *s, size_t n, size_t at, struct rows_bad *bad)
{
	const char *nul = memchr(s, '\0', n);
	size_t ok = charset_utf8_valid(s, n);

	if (nul != NULL && (size_t)(nul - s) <= ok) {
		ok = (size_t)(nul - s);
		if (at + ok < bad->at) {
			bad->at = at + ok;
			bad->nul = 1;
		}
	} else if (ok < n && at + ok < bad->at) {
		bad->at = at + ok;
		bad->byte = (unsigned char)s[ok];
		bad->nul = 0;
	}
}

/*
 * Reads one record's physical lines: *data and *len are the record,
 * NUL-terminated and writable. Returns 1, 0 at the end, or -1.
 */
static int
rows_record(struct rows *rs, char **data, size_t *len, struct rows_bad *bad)
{
	char *line;
	size_t n, raw = 0, at;
	int r, open = 0, first = 1, full = 1, rc;
	unsigned char byte;

	buf_reset(&rs->rec);
	if ((r = reader_line(rs->rd, &line, &n)) <= 0)
		return r == 0 ? 0 : rows_reader_failed(rs);
	rs->line = reader_lineno(rs->rd);
	if (rs->format == ROWS_UNKNOWN)
		rs->format = rows_detect(line, n);
	for (;;) {
		raw += n;
		if (rs->format == ROWS_CSV)
			open = csv_continues(line, n, open);
		if (rs->conv != NULL) {
			/* A NUL converts to a NUL: checked afterwards. */
			rc = charset_conv(rs->conv, line, n, &rs->rec, &byte,
			    &at);
			if (rc == -1)
				break;
			if (rc == 1 && at < bad->at) {
				bad->at = at;
				bad->byte = byte;
				bad->nul = 0;
			}
		} else if ((!first || open) &&
		    buf_add(&rs->rec, line, n) == -1)
			break;
		if (!open) {
			full = 0;
			break;
		}
		/* The line break is the quoted cell's: LF (CR LF too). */
		if (buf_addc(&rs->rec, '\n') == -1)
			break;
		raw++;
		first = 0;
		if ((r = reader_line(rs->rd, &line, &n)) == -1)
			return rows_reader_failed(rs);
		if (r == 0) {
			/* The split names the cell whose quote never closed. */
			rs->last = reader_lineno(rs->rd);
			*data = rs->rec.data;
			*len = rs->rec.len;
			return 1;
		}
		if (raw + n > MAX_LINE)
			break;
	}
	/* Ended by a full buffer or a record over MAX_LINE. */
	if (full)
		return rows_fail(rs, ROWS_NO_CELL, "a record is longer than "
		    "MAX_LINE (64 KiB)%s", open ? ": a quoted cell runs on "
		    "from here (a quote that never closes?)" : "");
	rs->last = reader_lineno(rs->rd);
	if (rs->conv == NULL && first) {
		*data = line;
		*len = n;
	} else {
		/* An empty line converts to nothing: still a record, whose
		 * split writes its cell's NUL (fuzz_settlement: "\n"). */
		if (rs->rec.data == NULL && buf_add(&rs->rec, "", 0) == -1)
			return rows_fail(rs, ROWS_NO_CELL, "out of memory");
		*data = rs->rec.data;
		*len = rs->rec.len;
	}
	return 1;
}

/* The cell of row that holds byte at of the record that starts at base. */
static int
rows_cell_at(const struct tsv_row *row, const char *base, size_t at)
{
	size_t i;

	for (i = row->n; i > 1; i--)
		if ((size_t)(row->cell[i - 1] - base) <= at)
			break;
	return (int)i - 1;
}

int
rows_next(struct rows *rs, struct tsv_row *row)
{
	struct rows_bad bad = { SIZE_MAX, 0, 0 };
	char *data = NULL;
	size_t len = 0, cell;
	int r, c;

	rs->error[0] = '\0';
	rs->error_cell = ROWS_NO_CELL;
	if ((r = rows_record(rs, &data, &len, &bad)) <= 0)
		return r;
	/* Checked before the split, which writes NULs between cells. */
	if (rs->conv == NULL)
		rows_check_utf8(data, len, 0, &bad);
	else if (memchr(data, '\0', len) != NULL)
		rows_check_utf8(data, len, 0, &bad);
	if (rs->format == ROWS_TSV) {
		if (tsv_split(data, len, row) == -1)
			return rows_fail(rs, ROWS_WHOLE_ROW, "has more than "
			    "MAX_FIELDS cells");
	} else {
		switch (csv_split(data, len, row, &cell)) {
		case CSV_OK:
			break;
		case CSV_TOO_MANY:
			return rows_fail(rs, ROWS_WHOLE_ROW, "has more than "
			    "MAX_FIELDS cells");
		case CSV_AFTER_QUOTE:
			if (rs->last > rs->line)
				return rows_fail(rs, (int)cell, "a quoted "
				    "cell opens here and runs on to line %lld, "
				    "where text follows a quote (a quote that "
				    "never closes?)", (long long)rs->last);
			return rows_fail(rs, (int)cell, "text follows the "
			    "closing quote of a quoted cell (a quote inside "
			    "one is written \"\")");
		case CSV_UNCLOSED:
			return rows_fail(rs, (int)cell, "a quoted cell opens "
			    "here and never closes");
		}
	}
	if (bad.at == SIZE_MAX)
		return 1;
	c = rows_cell_at(row, data, bad.at);
	if (bad.nul)
		return rows_fail(rs, c, "contains a NUL byte");
	if (rs->conv == NULL)
		return rows_fail(rs, c, "byte 0x%02x is not UTF-8 (declare "
		    "the file's charset with --charset)", bad.byte);
	return rows_fail(rs, c, "byte 0x%02x has no character in %s",
	    bad.byte, charset_name(rs->cs));
}

int64_t
rows_line(const struct rows *rs)
{
	return rs->line;
}

enum rows_format
rows_format(const struct rows *rs)
{
	return rs->format;
}

const char *
rows_separator(const struct rows *rs)
{
	return rs->format == ROWS_CSV ? "comma" : "tab";
}

const char *
rows_error(const struct rows *rs)
{
	return rs->error;
}

int
rows_error_cell(const struct rows *rs)
{
	return rs->error_cell;
}

int
rows_blank(const struct tsv_row *row)
{
	return row->n == 1 && row->len[0] == 0;
}
