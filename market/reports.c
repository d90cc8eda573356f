#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <zlib.h>

#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/limits.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/testhook.h"
#include "market/reports.h"

/* Times a download is tried when it stalls, is cut short or expires. */
#define REPORTS_DOWNLOAD_TRIES	3
/* Most pages of getReports followed (100 reports each). */
#define REPORTS_MAX_PAGES	20

/*
 * Ranges: Amazon serves 18 months of history; 90 days per request is
 * what every FBA report type here accepts. Settlements are made by Amazon
 * every 14 days or so, and only listed.
 */
const struct reports_type reports_types[] = {
	{ "GET_LEDGER_DETAIL_VIEW_DATA", "ledger", ".tsv", 90, 0, 1 },
	{ "GET_FBA_REIMBURSEMENTS_DATA", "reimbursements", ".tsv", 90, 0, 1 },
	{ "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA", "returns", ".tsv", 90,
	    0, 1 },
	{ "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA", "removal_orders",
	    ".tsv", 90, 0, 0 },
	{ "GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA",
	    "removal_shipments", ".tsv", 90, 0, 1 },
	{ "GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2", "settlement", ".tsv",
	    0, 1, 0 },
	{ "GET_V2_SETTLEMENT_REPORT_DATA_XML", "settlement", ".xml", 0, 1,
	    0 },
};
const size_t reports_ntypes = sizeof(reports_types) /
    sizeof(reports_types[0]);

const struct reports_type *
reports_type_find(const char *name)
{
	size_t i;

	for (i = 0; i < reports_ntypes; i++)
		if (strcmp(reports_types[i].name, name) == 0)
			return &reports_types[i];
	return NULL;
}

char *
reports_time(int64_t secs, char *out, size_t len)
{
	char t[TIME_STRLEN];

	snprintf(out, len, "%s", date_format_time(secs, t));
	return out;
}

/* Parses an ISO 8601 time from JSON; 0 when absent or bad. */
static int64_t
reports_parse_time(json_t *v)
{
	struct date_parsed d;
	const char *s = json_string_value(v);

	if (s == NULL || date_parse(s, strlen(s), &d) != NULL)
		return 0;
	return d.secs;
}

/* Copies a JSON string member into out; 0, or -1 if absent or too long. */
static int
reports_str(json_t *o, const char *key, char *out, size_t len)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_string(v) || json_string_length(v) == 0 ||
	    json_string_length(v) >= len)
		return -1;
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

/* Whether s is safe in a URL path or query: Amazon ids are [A-Za-z0-9-]. */
static int
reports_id_ok(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (!(s[i] >= 'A' && s[i] <= 'Z') &&
		    !(s[i] >= 'a' && s[i] <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-' &&
		    s[i] != '_' && s[i] != '.')
			return 0;
	return i > 0;
}

enum spapi_status
reports_create(struct spapi *sp, const char *type, int64_t start,
    int64_t end, char *const *marketplaces, size_t nmp, char *id,
    size_t idlen)
{
	json_t *body, *mps, *doc = NULL;
	char t0[32], t1[32], *text;
	enum spapi_status st;
	size_t i;

	body = json_object();
	mps = json_array();
	for (i = 0; i < nmp; i++)
		json_array_append_new(mps, json_string(marketplaces[i]));
	json_object_set_new(body, "reportType", json_string(type));
	json_object_set_new(body, "marketplaceIds", mps);
	json_object_set_new(body, "dataStartTime",
	    json_string(reports_time(start, t0, sizeof(t0))));
	json_object_set_new(body, "dataEndTime",
	    json_string(reports_time(end, t1, sizeof(t1))));
	text = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (text == NULL) {
		snprintf(sp->error, sizeof(sp->error), "out of memory");
		return SPAPI_FAILED;
	}
	st = spapi_call(sp, SPAPI_CREATE_REPORT, "POST",
	    "/reports/2021-06-30/reports", text, &doc);
	free(text);
	if (st == SPAPI_OK && (reports_str(doc, "reportId", id, idlen) == -1
	    || !reports_id_ok(id))) {
		snprintf(sp->error, sizeof(sp->error), "createReport: no "
		    "usable reportId in the answer");
		st = SPAPI_FAILED;
	}
	json_decref(doc);
	return st;
}

enum spapi_status
reports_get(struct spapi *sp, const char *id, enum reports_status *status,
    char *doc, size_t doclen)
{
	struct buf path;
	json_t *o = NULL;
	const char *ps;
	enum spapi_status st;
	char what[48];

	*doc = '\0';
	buf_init(&path, 0);
	buf_printf(&path, "/reports/2021-06-30/reports/%s", id);
	st = spapi_call(sp, SPAPI_GET_REPORT, "GET", path.data, NULL, &o);
	buf_free(&path);
	if (st != SPAPI_OK)
		return st;
	ps = json_string_value(json_object_get(o, "processingStatus"));
	if (ps == NULL)
		ps = "";
	if (strcmp(ps, "DONE") == 0)
		*status = REPORTS_DONE;
	else if (strcmp(ps, "CANCELLED") == 0)
		*status = REPORTS_CANCELLED;
	else if (strcmp(ps, "FATAL") == 0)
		*status = REPORTS_FATAL;
	else if (strcmp(ps, "IN_QUEUE") == 0 ||
	    strcmp(ps, "IN_PROGRESS") == 0)
		*status = REPORTS_QUEUED;
	else {
		snprintf(sp->error, sizeof(sp->error), "getReport %s: unknown "
		    "processingStatus \"%s\"", id, log_clean_copy(what,
		    sizeof(what), ps));
		st = SPAPI_FAILED;
	}
	if (st == SPAPI_OK && (*status == REPORTS_DONE ||
	    *status == REPORTS_FATAL) && (reports_str(o, "reportDocumentId",
	    doc, doclen) == -1 || !reports_id_ok(doc))) {
		*doc = '\0';
		if (*status == REPORTS_DONE) {
			snprintf(sp->error, sizeof(sp->error), "getReport %s: "
			    "DONE without a usable reportDocumentId", id);
			st = SPAPI_FAILED;
		}
	}
	json_decref(o);
	return st;
}

enum spapi_status
reports_list(struct spapi *sp, const char *type, const char *statuses,
    int64_t since, struct reports_listed **out, size_t *n)
{
	struct reports_listed *v = NULL, r;
	struct buf path;
	json_t *o = NULL, *list, *e;
	const char *ps;
	enum spapi_status st = SPAPI_OK;
	char t[32], *tok = NULL, *etok;
	size_t i, k = 0;
	int page;

	buf_init(&path, 0);
	for (page = 0; page < REPORTS_MAX_PAGES; page++) {
		buf_reset(&path);
		if (tok == NULL)
			buf_printf(&path, "/reports/2021-06-30/reports?"
			    "reportTypes=%s&processingStatuses=%s&"
			    "pageSize=100&createdSince=%s", type, statuses,
			    reports_time(since, t, sizeof(t)));
		else {
			/* With nextToken, Amazon wants no other filter. */
			etok = curl_easy_escape(NULL, tok, 0);
			buf_printf(&path, "/reports/2021-06-30/reports?"
			    "nextToken=%s", etok ? etok : "");
			curl_free(etok);
		}
		json_decref(o);
		o = NULL;
		if ((st = spapi_call(sp, SPAPI_GET_REPORTS, "GET", path.data,
		    NULL, &o)) != SPAPI_OK)
			break;
		list = json_object_get(o, "reports");
		json_array_foreach(list, i, e) {
			memset(&r, 0, sizeof(r));
			ps = json_string_value(json_object_get(e,
			    "processingStatus"));
			r.done = ps != NULL && strcmp(ps, "DONE") == 0;
			if (reports_str(e, "reportId", r.id, sizeof(r.id)) ==
			    -1 || !reports_id_ok(r.id))
				continue;
			/* Only a DONE report has a document to fetch; one
			 * without a usable id is listed without it. */
			if (!r.done || reports_str(e, "reportDocumentId",
			    r.doc, sizeof(r.doc)) == -1 ||
			    !reports_id_ok(r.doc))
				r.doc[0] = '\0';
			r.start = reports_parse_time(json_object_get(e,
			    "dataStartTime"));
			r.end = reports_parse_time(json_object_get(e,
			    "dataEndTime"));
			v = xreallocarray(v, k + 1, sizeof(*v));
			v[k++] = r;
		}
		free(tok);
		tok = NULL;
		e = json_object_get(o, "nextToken");
		if (!json_is_string(e) || json_string_length(e) == 0)
			break;
		tok = xstrdup(json_string_value(e));
	}
	free(tok);
	json_decref(o);
	buf_free(&path);
	if (st != SPAPI_OK) {
		free(v);
		v = NULL;
		k = 0;
	}
	*out = v;
	*n = k;
	return st;
}

/* A download in progress: inflates into a temp file or a small buffer. */
struct reports_dl {
	struct atomic_file	 af;
	/* error documents: not a file */
	struct buf		*capture;
	int			 gzip;
	z_stream		 z;
	int			 zinit;
	int			 zend;		/* the last member ended */
	int64_t			 in, out;
	/* a limit refused the document: asking again changes nothing */
	int			 refused;
	char			 why[512];
};

/* Writes inflated bytes. */
static int
reports_dl_put(struct reports_dl *d, const void *p, size_t n)
{
	int err;

	if (d->out + (int64_t)n > MAX_REPORT_BYTES) {
		snprintf(d->why, sizeof(d->why), "document larger than "
		    "MAX_REPORT_BYTES");
		d->refused = 1;
		return -1;
	}
	d->out += (int64_t)n;
	/* Import's limit (ingest/reader.c), applied while downloading:
	 * a small document must not fill the disk before it is read. */
	if (d->gzip && d->out > GZIP_RATIO_GRACE &&
	    d->out / (d->in ? d->in : 1) > MAX_GZIP_RATIO) {
		snprintf(d->why, sizeof(d->why), "gzip inflates more than "
		    "MAX_GZIP_RATIO times its size (a gzip bomb?); refused "
		    "after %lld bytes from %lld", (long long)d->out,
		    (long long)d->in);
		d->refused = 1;
		return -1;
	}
	if (d->capture != NULL) {
		/* Only the start of an error document is kept. */
		if (d->capture->len + n <= d->capture->max)
			buf_add(d->capture, p, n);
		return 0;
	}
	/* The tests' stand-in for a full disk where none can be made. */
	if (testhook_fail("download_enospc"))
		errno = ENOSPC;
	else if (fwrite(p, 1, n, d->af.fp) == n)
		return 0;
	err = errno;
	atomic_why(d->af.path, err, d->why, sizeof(d->why));
	return -1;
}

/* The sink of http_do: bytes of the document as they come. */
static int
reports_dl_sink(void *arg, const char *p, size_t n)
{
	struct reports_dl *d = arg;
	unsigned char out[65536];
	int zr;

	d->in += (int64_t)n;
	if (!d->gzip)
		return reports_dl_put(d, p, n);
	d->z.next_in = (unsigned char *)(uintptr_t)p;
	d->z.avail_in = (uInt)n;
	while (d->z.avail_in > 0) {
		if (d->zend) {
			/* Another gzip member follows. */
			if (inflateReset(&d->z) != Z_OK)
				return -1;
			d->zend = 0;
		}
		d->z.next_out = out;
		d->z.avail_out = sizeof(out);
		zr = inflate(&d->z, Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
			snprintf(d->why, sizeof(d->why), "corrupt gzip: %s",
			    d->z.msg ? d->z.msg : "inflate failed");
			return -1;
		}
		if (reports_dl_put(d, out, sizeof(out) - d->z.avail_out) ==
		    -1)
			return -1;
		if (zr == Z_STREAM_END)
			d->zend = 1;
		else if (zr == Z_BUF_ERROR && d->z.avail_out != 0)
			break;
	}
	return 0;
}

/* Before each try: an empty file and a fresh inflater. */
static void
reports_dl_reset(void *arg)
{
	struct reports_dl *d = arg;

	d->in = d->out = 0;
	d->zend = 0;
	d->why[0] = '\0';
	if (d->zinit)
		inflateReset(&d->z);
	if (d->capture != NULL)
		buf_reset(d->capture);
	else if (d->af.fp != NULL) {
		fflush(d->af.fp);
		if (ftruncate(fileno(d->af.fp), 0) == 0)
			rewind(d->af.fp);
	}
}

/* getReportDocument: the URL (caller frees) and whether it is GZIP. */
static enum spapi_status
reports_document(struct spapi *sp, const char *doc, char **url, int *gzip)
{
	struct buf path;
	json_t *o = NULL;
	const char *u, *alg, *why;
	enum spapi_status st;
	char what[48];

	*url = NULL;
	buf_init(&path, 0);
	buf_printf(&path, "/reports/2021-06-30/documents/%s", doc);
	st = spapi_call(sp, SPAPI_GET_DOCUMENT, "GET", path.data, NULL, &o);
	buf_free(&path);
	if (st != SPAPI_OK)
		return st;
	u = json_string_value(json_object_get(o, "url"));
	alg = json_string_value(json_object_get(o, "compressionAlgorithm"));
	if (u == NULL || (why = config_url_check(u)) != NULL) {
		snprintf(sp->error, sizeof(sp->error), "getReportDocument %s: "
		    "the url %s", doc, u ? why : "is missing");
		st = SPAPI_FAILED;
	} else if (alg != NULL && strcmp(alg, "GZIP") != 0) {
		snprintf(sp->error, sizeof(sp->error), "getReportDocument %s: "
		    "unknown compressionAlgorithm %s", doc,
		    log_clean_copy(what, sizeof(what), alg));
		st = SPAPI_FAILED;
	} else {
		*url = xstrdup(u);
		*gzip = alg != NULL;
	}
	json_decref(o);
	return st;
}

/*
 * The charset a Content-Type names, into *cs (UTF-8 when it names none).
 * Returns 0, or -1 with the name in sp->error when fbaudit does not know
 * it: a document is never read in a charset it was not written in.
 */
static int
reports_charset(struct spapi *sp, const char *doc, const char *ct,
    enum charset *cs)
{
	const char *p;
	char name[64], what[96];
	size_t n;
	int c;

	*cs = CHARSET_UTF8;
	/* Parameter names are case-insensitive (RFC 9110). */
	for (p = ct; p != NULL && *p != '\0' &&
	    strncasecmp(p, "charset=", 8) != 0; p++)
		;
	if (p == NULL || *p == '\0')
		return 0;
	p += 8;
	if (*p == '"')
		p++;
	n = strcspn(p, "\"; ");
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, p, n);
	name[n] = '\0';
	/* Amazon writes Cp1252 and Shift_JIS: charset.c knows both. */
	if ((c = charset_parse(name)) == -1) {
		snprintf(sp->error, sizeof(sp->error), "document %s: its "
		    "Content-Type names charset \"%s\", which fbaudit cannot "
		    "read", doc, log_clean_copy(what, sizeof(what), name));
		return -1;
	}
	*cs = (enum charset)c;
	return 0;
}

/* Downloads doc into d (a file or a capture buffer). */
static enum spapi_status
reports_fetch(struct spapi *sp, const char *doc, struct reports_dl *d,
    enum charset *cs)
{
	struct http_request req;
	struct http_response r;
	struct retry_policy rp = sp->retry;
	enum spapi_status st = SPAPI_FAILED;
	char *url = NULL;
	int try, rc, gzip = 0;

	http_response_init(&r);
	rp.idempotent = 1;
	for (try = 1; try <= REPORTS_DOWNLOAD_TRIES; try++) {
		if (url == NULL &&
		    (st = reports_document(sp, doc, &url, &gzip)) != SPAPI_OK)
			break;
		if (gzip && !d->zinit) {
			memset(&d->z, 0, sizeof(d->z));
			if (inflateInit2(&d->z, 16 + MAX_WBITS) != Z_OK) {
				st = SPAPI_FAILED;
				break;
			}
			d->zinit = 1;
		}
		d->gzip = gzip;
		/* A pre-signed URL carries its own authority: no SP-API
		 * header goes with it, and redirects are allowed. */
		memset(&req, 0, sizeof(req));
		req.method = "GET";
		req.url = url;
		req.follow = 1;
		req.max_body = 64 * 1024;
		req.sink = reports_dl_sink;
		req.reset = reports_dl_reset;
		req.sink_arg = d;
		rc = retry_do(sp->http, &rp, &req, &r);
		if (rc == 0 && r.status >= 200 && r.status < 300) {
			if (!d->gzip || d->zend) {
				st = reports_charset(sp, doc, r.content_type,
				    cs) == 0 ? SPAPI_OK : SPAPI_FAILED;
				break;
			}
			snprintf(sp->error, sizeof(sp->error), "document %s: "
			    "truncated gzip (%lld bytes)", doc,
			    (long long)d->in);
			st = SPAPI_UNAVAILABLE;
		} else if (rc == 0 && (r.status == 403 || r.status == 400)) {
			/* Pre-signed URLs expire within minutes: ask again. */
			snprintf(sp->error, sizeof(sp->error), "document %s: "
			    "HTTP %ld from its URL (expired?)", doc, r.status);
			free(url);
			url = NULL;
			st = SPAPI_FAILED;
		} else {
			snprintf(sp->error, sizeof(sp->error), "document %s: "
			    "%.380s", doc, d->why[0] ? d->why : r.status ?
			    "unexpected status" : r.error);
			if (r.status != 0)
				snprintf(sp->error, sizeof(sp->error),
				    "document %s: HTTP %ld", doc, r.status);
			/* A refusal of ours (a limit, a full disk) is no
			 * outage of the marketplace. */
			st = d->why[0] == '\0' && (r.status == 0 ||
			    r.status >= 500) ? SPAPI_UNAVAILABLE :
			    SPAPI_FAILED;
			if (d->why[0] != '\0' || r.status != 0)
				break;
		}
		log_debug("%s: %s; trying again", sp->seller, sp->error);
	}
	free(url);
	http_response_free(&r);
	return st;
}

enum spapi_status
reports_download(struct spapi *sp, const char *doc, const char *path,
    struct reports_file *f)
{
	struct reports_dl d;
	enum spapi_status st;

	memset(&d, 0, sizeof(d));
	memset(f, 0, sizeof(*f));
	if (atomic_open(&d.af, path) == -1) {
		atomic_why(path, errno, sp->error, sizeof(sp->error));
		return SPAPI_FAILED;
	}
	st = reports_fetch(sp, doc, &d, &f->charset);
	if (d.zinit)
		inflateEnd(&d.z);
	f->refused = d.refused;
	if (st != SPAPI_OK) {
		/* What was refused is deleted, not left in the inbox. */
		atomic_abort(&d.af);
		return st;
	}
	f->bytes = d.out;
	if (atomic_commit(&d.af) == -1) {
		atomic_why(path, errno, sp->error, sizeof(sp->error));
		return SPAPI_FAILED;
	}
	return SPAPI_OK;
}

int
reports_error_document(struct spapi *sp, const char *doc, char *out,
    size_t len)
{
	struct reports_dl d;
	struct buf cap, one;
	enum charset cs;
	enum spapi_status st;
	size_t i;

	memset(&d, 0, sizeof(d));
	buf_init(&cap, len > 1 ? len - 1 : 1);
	d.capture = &cap;
	st = reports_fetch(sp, doc, &d, &cs);
	if (d.zinit)
		inflateEnd(&d.z);
	*out = '\0';
	if (st == SPAPI_OK && cap.data != NULL) {
		/* One line: it goes into a log line and the store. Line
		 * breaks are a space; the rest is cleaned (log_clean). */
		buf_init(&one, 0);
		for (i = 0; i < cap.len; i++)
			buf_addc(&one, cap.data[i] == '\n' || cap.data[i] ==
			    '\r' || cap.data[i] == '\t' ? ' ' : cap.data[i]);
		log_clean_copy(out, len, one.data);
		buf_free(&one);
	}
	buf_free(&cap);
	return st == SPAPI_OK ? 0 : -1;
}
