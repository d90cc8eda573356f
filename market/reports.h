/*
 * The Reports API 2021-06-30 (docs/design.md §4): the report types fbaudit
 * reads, createReport, getReport, getReportDocument, getReports (settlements
 * are listed, never created), and the download of a document's pre-signed URL
 * into a file, inflated when Amazon compressed it.
 */
#ifndef FBAUDIT_REPORTS_H
#define FBAUDIT_REPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "ingest/charset.h"
#include "market/spapi.h"

/* A report type fbaudit fetches: one table row each. */
struct reports_type {
	const char	*name;		/* Amazon's reportType */
	const char	*file;		/* file name prefix in inbox/ */
	const char	*ext;		/* ".tsv", ".xml" */
	int		 max_days;	/* longest range one report may ask */
	/* Amazon makes it; getReports lists it */
	int		 listed;
	int		 range;		/* import replaces the range asked */
};

/* The report types, in the order a night fetches them. */
extern const struct reports_type reports_types[];
/* How many rows reports_types has. */
extern const size_t reports_ntypes;
/* The row of a reportType, or NULL. */
const struct reports_type *reports_type_find(const char *name);

/* What getReport said of a report. */
enum reports_status {
	REPORTS_QUEUED,		/* IN_QUEUE or IN_PROGRESS */
	REPORTS_DONE,
	REPORTS_CANCELLED,
	REPORTS_FATAL
};

/*
 * createReport for [start, end) (UTC seconds) in the marketplaces. On
 * SPAPI_OK the new id is in id (size idlen).
 */
enum spapi_status reports_create(struct spapi *sp, const char *type,
	    int64_t start, int64_t end, char *const *marketplaces, size_t nmp,
	    char *id, size_t idlen);
/*
 * getReport: on SPAPI_OK, *status, and the document id (DONE, and FATAL
 * when Amazon left an error document) in doc, "" when none.
 */
enum spapi_status reports_get(struct spapi *sp, const char *id,
	    enum reports_status *status, char *doc, size_t doclen);

/* A report getReports listed. */
struct reports_listed {
	char	 id[128];
	/* a DONE report's document, "" when none or not usable */
	char	 doc[128];
	int64_t	 start, end;
	int	 done;		/* processingStatus DONE */
};

/* Every processingStatus, for finding a report whatever became of it. */
#define REPORTS_ANY_STATUS	"IN_QUEUE,IN_PROGRESS,DONE,CANCELLED,FATAL"

/*
 * getReports of one type in the processingStatuses (comma-separated, as
 * "DONE"), created since `since`, every page. On SPAPI_OK *out holds *n
 * reports (caller frees).
 */
enum spapi_status reports_list(struct spapi *sp, const char *type,
	    const char *statuses, int64_t since, struct reports_listed **out,
	    size_t *n);

/* What a download brought. */
struct reports_file {
	enum charset	 charset;	/* from the Content-Type */
	int64_t		 bytes;		/* written, inflated */
	/* a limit (MAX_REPORT_BYTES, MAX_GZIP_RATIO) refused it */
	int		 refused;
};

/*
 * getReportDocument, then downloads its URL (no SP-API headers) into
 * path atomically, inflating GZIP documents. An expired URL is asked
 * for again; a stalled or truncated download is retried. What passes a
 * limit of lib/limits.h is refused (f->refused) and deleted, as is what
 * a full disk cut short ("no space left on DEVICE while writing FILE",
 * SPAPI_FAILED: not the marketplace's fault). Returns SPAPI_OK, or a
 * failure with the reason in sp->error.
 */
enum spapi_status reports_download(struct spapi *sp, const char *doc,
	    const char *path, struct reports_file *f);
/*
 * For a FATAL report: fetches its error document and puts its start
 * (first line, at most len - 1 bytes) in out. Returns 0 or -1.
 */
int	 reports_error_document(struct spapi *sp, const char *doc, char *out,
	    size_t len);
/* Writes secs as Amazon's ISO 8601 "YYYY-MM-DDTHH:MM:SSZ". */
char	*reports_time(int64_t secs, char *out, size_t len);

#endif
