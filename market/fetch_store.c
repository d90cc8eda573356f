/*
 * The fetch's glue to the seller's store and inbox: the transactions
 * that move a report's row, the files a download goes to, and import.
 *
 * A report's row of fetch_reports (store/fetchstate.h keeps the names)
 * is written here or by the one store call named:
 *
 *   planned      fetch_plan_save, every plan of the night in one
 *                transaction before anything is asked
 *   creating     fetch_create (store_fetch_report_set), committed before
 *                createReport is sent
 *   requested    fetch_adopt (store_fetch_report_rename): the row takes
 *                Amazon's reportId before the first poll
 *   IN_PROGRESS  fetch_poll_one, when Amazon says it is generating
 *   DONE         fetch_poll_one with the document id, before the
 *                download; fetch_listed for the reports a listing found
 *   imported, cancelled, fatal, rejected, lost
 *                fetch_job_end: the end and the type's gapless end in
 *                one transaction
 *   failed       fetch_create, when Amazon refused the createReport
 *
 * Invariant: a row's end and its type's gapless end are committed
 * together (fetch_job_end). Apart, a run killed between them would leave
 * the report done but its range not counted, and the next run would ask
 * Amazon for the same range again.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/import.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/crashpoint.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/marketplace.h"
#include "lib/mem.h"
#include "market/fetch_int.h"
#include "store/fetchstate.h"
#include "store/store.h"

/*
 * libxml2 sets itself up on first use, not safely from two threads at
 * once: XML imports take turns.
 */
static pthread_mutex_t fetch_xml_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * DATADIR/SELLER/inbox/FILE-ID.EXT (caller frees), creating inbox/; NULL
 * (the seller failed) when inbox/ is a link or cannot be made: a link
 * would take the downloads, and the sweep, out of the data dir.
 */
char *
fetch_inbox_path(struct fetch_seller *fs, const char *file, const char *id,
    const char *ext)
{
	struct buf b;

	buf_init(&b, 0);
	buf_printf(&b, "%s/inbox", store_dir(fs->st));
	if (atomic_dir(b.data) == -1) {
		fetch_fail(fs, 0, "%s: %s", b.data, errno == ELOOP ? "is a "
		    "symbolic link; refused (make it a folder)" :
		    strerror(errno));
		buf_free(&b);
		return NULL;
	}
	buf_printf(&b, "/%s-%s%s", file, id, ext);
	return buf_take(&b);
}

/* Imports a downloaded file. Returns 0, or -1 (the seller failed). */
int
fetch_import(struct fetch_seller *fs, const char *path,
    const struct reports_type *t, int64_t start, int64_t end,
    enum charset cs)
{
	struct import_opts io;
	struct import_result r;
	int xml = t != NULL && strcmp(t->ext, ".xml") == 0;

	memset(&io, 0, sizeof(io));
	io.charset = cs;
	/* An older ledger without Country: the home marketplace's. */
	if (fs->cs->nmarketplaces > 0)
		io.country = marketplace_country_by_id(fs->cs->marketplaces[0]);
	if (t != NULL && t->range && end > start) {
		io.has_range = 1;
		io.range_lo = date_day_of(start);
		io.range_hi = date_day_of(end - 1);
	}
	if (xml)
		pthread_mutex_lock(&fetch_xml_mu);
	import_file(fs->st, path, &io, &r);
	if (xml)
		pthread_mutex_unlock(&fetch_xml_mu);
	switch (r.status) {
	case IMPORT_DONE:
		fs->res->imported++;
		fs->res->rows += r.rows;
		log_debug("%s: imported %s: %lld rows", fs->cs->id, path,
		    (long long)r.rows);
		return 0;
	case IMPORT_SKIPPED:
		fs->res->imported++;
		log_debug("%s: %s", fs->cs->id, r.message);
		return 0;
	default:
		fetch_fail(fs, 0, "import: %s", r.message);
		return -1;
	}
}

/*
 * Ends a job: its status in the store and the type's end moved on, in
 * one transaction (the invariant above).
 */
void
fetch_job_end(struct fetch_seller *fs, struct fetch_job *j,
    enum store_fetch_status status, const char *detail, int ok)
{
	int64_t end;

	j->state = ok ? FETCH_JOB_DONE : FETCH_JOB_FAILED;
	log_debug("%s: report %s (%s) %s: %s", fs->cs->id, j->r.report_id,
	    j->type->name, fetch_job_state_name(j->state),
	    store_fetch_status_name(status));
	if (store_begin(fs->st) == -1)
		goto fail;
	if (store_fetch_report_set(fs->st, j->r.report_id, status, NULL,
	    detail) == -1)
		goto fail;
	/* tests/t_fetch.sh dies here: a report ended, its range not yet
	 * counted. */
	crashpoint_count("report_ended");
	if (ok && (end = fetch_plan_gapless_end(fs, j->type)) >= 0 &&
	    store_fetch_type_done(fs->st, j->type->name, end) == -1)
		goto fail;
	if (store_commit(fs->st) == -1)
		goto fail;
	return;
fail:
	log_warn("%s: store: %s", fs->cs->id, store_errmsg(fs->st));
	store_rollback(fs->st);
}

/* Saves the plans from `first` on as "planned" rows, all or none. */
int
fetch_plan_save(struct fetch_seller *fs, size_t first)
{
	struct store_fetch_report *v;
	size_t i, n = fs->nplans - first;
	int rc;

	if (n == 0)
		return 0;
	v = xcalloc(n, sizeof(*v));
	for (i = 0; i < n; i++)
		fetch_plan_row(&fs->plans[first + i], NULL, &v[i]);
	rc = store_fetch_plan_add(fs->st, v, n);
	free(v);
	return rc;
}

/*
 * Saves the reports a listing found that are new, and the type listed up
 * to now; they are downloaded as jobs, so a re-run of the night resumes
 * them instead of listing again (getReports allows one call in 45 s).
 */
int
fetch_listed(struct fetch_seller *fs, struct fetch_pool *p,
    const struct reports_type *t, const struct reports_listed *v, size_t n)
{
	struct store_fetch_report *r;
	struct fetch_job *j;
	size_t i, k = 0;
	int rc, known;

	r = xcalloc(n + 1, sizeof(*r));
	for (i = 0; i < n; i++) {
		if (!v[i].done || v[i].doc[0] == '\0')
			continue;
		/* Unknown is not known: the listing is not saved, so the
		 * type's end stays and the next run lists it again. */
		if ((known = store_fetch_known(fs->st, v[i].id)) == -1) {
			fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
			free(r);
			return -1;
		}
		if (known)
			continue;
		snprintf(r[k].report_id, sizeof(r[k].report_id), "%s",
		    v[i].id);
		snprintf(r[k].report_type, sizeof(r[k].report_type), "%s",
		    t->name);
		r[k].status = STORE_FETCH_DONE;
		snprintf(r[k].document_id, sizeof(r[k].document_id), "%s",
		    v[i].doc);
		r[k].data_start = v[i].start;
		r[k].data_end = v[i].end;
		k++;
	}
	if ((rc = store_fetch_listed_add(fs->st, r, k, t->name,
	    p->now)) == -1)
		fetch_fail(fs, 0, "store: %s", store_errmsg(fs->st));
	for (i = 0; i < k && rc == 0; i++) {
		j = fetch_job_push(fs, t, &r[i]);
		j->next_poll = http_now();
	}
	free(r);
	return rc;
}
