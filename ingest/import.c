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
#include "ingest/rows.h"
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

/* The column a failure of rows_next() names: a header's, "row" or none. */
static const char *
import_cell_name(int cell, char *const *names, size_t n)
{
	if (cell == ROWS_NO_CELL)
		return NULL;
	if (cell >= 0 && (size_t)cell < n)
		return names[cell];
	return "row";
}

/* Reads the data rows of a TSV or CSV whose header is mapped. */
static int
import_tsv_rows(struct ingest *ig, struct rows *rs, char *const *names,
    size_t ncells)
{
	int rc = 0, r;

	while (rc == 0 && (r = rows_next(rs, &ig->row)) != 0) {
		ig->line = rows_line(rs);
		if (r == -1 && rows_error_cell(rs) == ROWS_NO_CELL) {
			/* The reader failed, or a record ran away: where
			 * the next row starts is unknown, even --lenient. */
			rc = ingest_bad(ig, NULL, "%s", rows_error(rs));
			break;
		}
		if (r == -1)
			rc = ingest_bad(ig, import_cell_name(rows_error_cell(rs),
			    names, ncells), "%s", rows_error(rs));
		else if (rows_blank(&ig->row))
			continue;	/* Amazon ends some files so */
		else if (ig->row.n != ncells)
			rc = ingest_bad(ig, "row", "has %zu cells where the "
			    "header has %zu (a missing or extra %s shifts "
			    "every column after it)", ig->row.n, ncells,
			    rows_separator(rs));
		else
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
	return rc;
}

/* Maps the header of a TSV or CSV and reads its rows. */
static int
import_tsv(struct ingest *ig, struct rows *rs, const struct tsv_row *header)
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
	if (ig->kind->begin != NULL && (rc = ig->kind->begin(ig)) != 0)
		return rc;
	/* The header's names outlive the line buffer they sit in. */
	names = xcalloc(header->n, sizeof(*names));
	for (i = 0; i < header->n; i++)
		names[i] = xstrdup(header->cell[i]);
	rc = import_tsv_rows(ig, rs, names, header->n);
	for (i = 0; i < header->n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* Reads the header row and finds the type of a TSV or CSV. */
static int
import_tsv_header(struct ingest *ig, const struct report_kind *forced,
    struct rows *rs, struct tsv_row *header)
{
	int r;

	r = rows_next(rs, header);
	ig->line = rows_line(rs);
	if (r == -1)
		return ingest_bad(ig, rows_error_cell(rs) == ROWS_NO_CELL ?
		    NULL : "header", "%s", rows_error(rs));
	if (r == 0 || rows_blank(header))
		return ingest_bad(ig, NULL, "no header row: the file is empty");
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
	struct rows *rs = NULL;
	int rc;

	if (o->type != NULL && (forced = report_by_name(o->type)) == NULL)
		return ingest_bad(ig, NULL, "no report type named %s", o->type);
	if (forced == NULL || forced->format != REPORT_TSV) {
		ig->kind = forced ? forced : import_detect_start(ig);
		if (ig->kind == NULL && reader_error(ig->rd)[0] != '\0')
			return ingest_bad(ig, NULL, "%s", reader_error(ig->rd));
	}
	if (ig->kind == NULL) {
		if ((rs = rows_open(ig->rd, ig->charset)) == NULL)
			return ingest_bad(ig, NULL, "iconv cannot convert from "
			    "%s", charset_name(ig->charset));
		if ((rc = import_tsv_header(ig, forced, rs, &header)) != 0)
			goto out;
	}
	f->type = ig->kind->name;
	rc = INGEST_FATAL;
	if (store_file_add(ig->st, f) == -1) {
		ingest_store_failed(ig);
		goto out;
	}
	ig->file_id = f->id;
	if (store_load_begin(ig->st, ig->kind->table) == -1) {
		ingest_store_failed(ig);
		goto out;
	}
	if (ig->kind->format == REPORT_TSV)
		rc = import_tsv(ig, rs, &header);
	else
		rc = ig->kind->parse(ig);
out:
	rows_close(rs);
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
	enum store_find found;
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
	found = store_file_find(st, sha, &old_id, &old_at);
	if (found == STORE_ERROR)
		return import_reject(res, IMPORT_FAILED, "%s: store: %s", path,
		    store_errmsg(st));
	if (found == STORE_FOUND) {
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
	ig.country = o->country;
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
