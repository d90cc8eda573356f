#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ingest/import.h"
#include "ingest/ingest.h"
#include "ingest/reader.h"
#include "ingest/report.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "store/facts.h"
#include "store/store.h"

/* Skipped rows logged one by one before only counting them. */
#define IMPORT_MAX_WARNINGS	20

/* Records why the file is rejected, as "file:line: reason". */
static enum import_status
import_reject(struct import_result *res, enum import_status st,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static enum import_status
import_reject(struct import_result *res, enum import_status st,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->message, sizeof(res->message), fmt, ap);
	va_end(ap);
	res->status = st;
	return st;
}

/* Names the header cell that holds byte off of a raw line. */
static const char *
import_cell_at(const char *line, size_t off, char *const *names, size_t n)
{
	size_t i, cell = 0;

	for (i = 0; i < off; i++)
		if (line[i] == '\t')
			cell++;
	return cell < n ? names[cell] : "row";
}

/* Reads the data rows of a TSV whose header is mapped. */
static int
import_tsv_rows(struct ingest *ig, char *const *names, size_t ncells)
{
	struct buf conv;
	char *line, *nul;
	size_t len, ok;
	int rc = 0, r;

	buf_init(&conv, 3 * MAX_LINE + 16);
	while (rc == 0 && (r = reader_line(ig->rd, &line, &len)) == 1) {
		ig->line = reader_lineno(ig->rd);
		if (len == 0)
			continue;	/* Amazon ends some files so */
		if ((nul = memchr(line, '\0', len)) != NULL)
			rc = ingest_bad(ig, import_cell_at(line,
			    (size_t)(nul - line), names, ncells),
			    "contains a NUL byte");
		else if (ig->charset == CHARSET_UTF8) {
			if ((ok = charset_utf8_valid(line, len)) != len)
				rc = ingest_bad(ig, import_cell_at(line, ok,
				    names, ncells), "byte 0x%02x is not UTF-8 "
				    "(declare the file's charset with "
				    "--charset)", (unsigned char)line[ok]);
		} else if (rc == 0) {
			buf_reset(&conv);
			if (charset_to_utf8(ig->charset, line, len, &conv) ==
			    -1)
				rc = ingest_bad(ig, NULL, "a byte has no "
				    "character in %s",
				    charset_name(ig->charset));
			line = conv.data;
			len = conv.len;
		}
		if (rc == 0 && tsv_split(line, len, &ig->row) == -1)
			rc = ingest_bad(ig, "row", "has more than MAX_FIELDS "
			    "cells");
		else if (rc == 0 && ig->row.n != ncells)
			rc = ingest_bad(ig, "row", "has %zu cells where the "
			    "header has %zu (a missing or extra tab shifts "
			    "every column after it)", ig->row.n, ncells);
		else if (rc == 0)
			rc = ig->kind->row(ig);
		if (rc == 0) {
			ig->rows++;
			continue;
		}
		if (rc == INGEST_FATAL || !ig->lenient)
			break;
		/* --lenient: skip the row, say so and keep a record. */
		if (++ig->bad <= IMPORT_MAX_WARNINGS)
			log_warn("skipped %s", ig->err);
		if (store_import_error(ig->st, ig->file_id, ig->line,
		    ig->err_column, ig->err) == -1) {
			rc = ingest_store_failed(ig);
			break;
		}
		rc = 0;
	}
	buf_free(&conv);
	if (rc == 0 && r == -1) {
		ig->line = reader_lineno(ig->rd);
		rc = ingest_bad(ig, NULL, "%s", reader_error(ig->rd));
	}
	return rc;
}

/* Maps the header of a TSV and reads its rows. */
static int
import_tsv(struct ingest *ig, const struct tsv_row *header)
{
	char **names;
	const char *missing;
	size_t i;
	int rc;

	if (ig->kind->ncolumns > MAX_REPORT_COLUMNS)
		return ingest_bad(ig, NULL, "too many columns");
	missing = tsv_map(header, ig->kind->columns, ig->kind->ncolumns,
	    ig->col);
	if (missing != NULL)
		return ingest_bad(ig, missing, "required column is missing "
		    "from the header of this %s report", ig->kind->name);
	/* The header's names outlive the line buffer they sit in. */
	names = xcalloc(header->n, sizeof(*names));
	for (i = 0; i < header->n; i++)
		names[i] = xstrdup(header->cell[i]);
	rc = import_tsv_rows(ig, names, header->n);
	for (i = 0; i < header->n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Reads the header line and finds the type of a TSV. */
static int
import_tsv_header(struct ingest *ig, const struct report_kind *forced,
    struct tsv_row *header)
{
	char *line;
	size_t len;
	int r;

	r = reader_line(ig->rd, &line, &len);
	ig->line = reader_lineno(ig->rd);
	if (r == -1)
		return ingest_bad(ig, NULL, "%s", reader_error(ig->rd));
	if (r == 0 || len == 0)
		return ingest_bad(ig, NULL, "no header row: the file is empty");
	if (memchr(line, '\0', len) != NULL ||
	    charset_utf8_valid(line, len) != len)
		return ingest_bad(ig, "header", "is not ASCII or UTF-8");
	if (tsv_split(line, len, header) == -1)
		return ingest_bad(ig, "header", "has more than MAX_FIELDS "
		    "columns");
	ig->kind = forced ? forced : report_detect_tsv(header);
	if (ig->kind == NULL) {
		char names[256];

		report_names(names, sizeof(names));
		return ingest_bad(ig, "header", "matches no report type (%s); "
		    "--type names one", names);
	}
	return 0;
}

/* Finds the file's report type from its first bytes (XML, JSON). */
static const struct report_kind *
import_detect_start(struct ingest *ig)
{
	const char *p;
	ssize_t n = reader_peek(ig->rd, &p, 512);

	if (n <= 0)
		return NULL;
	return report_detect_start(p, (size_t)n);
}

/* Parses the whole file into the open transaction. */
static int
import_parse(struct ingest *ig, const struct import_opts *o,
    struct store_file *f)
{
	const struct report_kind *forced = NULL;
	struct tsv_row header;
	int rc;

	if (o->type != NULL && (forced = report_by_name(o->type)) == NULL)
		return ingest_bad(ig, NULL, "no report type named %s", o->type);
	if (forced == NULL || forced->format != REPORT_TSV) {
		ig->kind = forced ? forced : import_detect_start(ig);
		if (ig->kind == NULL && reader_error(ig->rd)[0] != '\0')
			return ingest_bad(ig, NULL, "%s", reader_error(ig->rd));
	}
	if (ig->kind == NULL &&
	    (rc = import_tsv_header(ig, forced, &header)) != 0)
		return rc;
	f->type = ig->kind->name;
	if (store_file_add(ig->st, f) == -1)
		return ingest_store_failed(ig);
	ig->file_id = f->id;
	if (store_load_begin(ig->st, ig->kind->table) == -1)
		return ingest_store_failed(ig);
	if (ig->kind->format == REPORT_TSV)
		rc = import_tsv(ig, &header);
	else
		rc = ig->kind->parse(ig);
	if (rc != 0)
		return rc;
	/* What the fetch asked for counts too: a day may have no rows. */
	if (o->has_range) {
		ingest_span(ig, o->range_lo);
		ingest_span(ig, o->range_hi);
	}
	if (store_load_end(ig->st, ig->file_id, ig->rows, ig->bad, ig->lo,
	    ig->hi, ig->kind->range_replace) == -1)
		return ingest_store_failed(ig);
	return 0;
}

enum import_status
import_file(struct store *st, const char *path, const struct import_opts *o,
    struct import_result *res)
{
	struct ingest ig;
	struct store_file f;
	char sha[SHA256_HEXLEN], err[256], *copy;
	struct stat sb;
	int64_t old_id, old_at;
	int rc;

	memset(res, 0, sizeof(*res));
	res->lo = 1;
	res->hi = 0;
	/* The file is read twice (hash, then rows): a pipe would be empty. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
		return import_reject(res, IMPORT_REJECTED, "%s: not a regular "
		    "file (import reads a file twice: save it first)", path);
	if (sha256_file(path, sha) == -1)
		return import_reject(res, IMPORT_REJECTED, "%s: cannot read: "
		    "%s", path, strerror(errno));
	rc = store_file_find(st, sha, &old_id, &old_at);
	if (rc == -1)
		return import_reject(res, IMPORT_FAILED, "%s: store: %s", path,
		    store_errmsg(st));
	if (rc == 1) {
		char when[TIME_STRLEN];

		res->file_id = old_id;
		return import_reject(res, IMPORT_SKIPPED, "%s: already "
		    "imported (file %lld, %s)", path, (long long)old_id,
		    date_format_time(old_at, when));
	}
	memset(&ig, 0, sizeof(ig));
	ig.name = path;
	ig.st = st;
	ig.lenient = o->lenient;
	ig.charset = o->charset;
	ig.lo = 1;
	ig.hi = 0;
	if ((ig.rd = reader_open(path, err, sizeof(err))) == NULL)
		return import_reject(res, IMPORT_REJECTED, "%s: %s", path, err);
	copy = xstrdup(path);
	memset(&f, 0, sizeof(f));
	f.sha256 = sha;
	f.name = basename(copy);
	f.charset = charset_name(o->charset);
	f.gzip = reader_is_gzip(ig.rd);
	if (store_begin(st) == -1) {
		rc = ingest_store_failed(&ig);
		goto out;
	}
	rc = import_parse(&ig, o, &f);
	if (rc == 0 && store_commit(st) == -1)
		rc = ingest_store_failed(&ig);
	if (rc != 0)
		store_rollback(st);
out:
	res->type = ig.kind ? ig.kind->name : NULL;
	if (rc == 0) {
		res->status = IMPORT_DONE;
		res->file_id = ig.file_id;
		res->rows = ig.rows;
		res->bad = ig.bad;
		res->lo = ig.lo;
		res->hi = ig.hi;
	} else
		import_reject(res, rc == INGEST_FATAL ? IMPORT_FAILED :
		    IMPORT_REJECTED, "%s", ig.err);
	free(ig.state);
	free(copy);
	reader_close(ig.rd);
	return res->status;
}
