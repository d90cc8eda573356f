/*
 * The marketplace client's state in the seller store: the reports a night
 * plans (saved before it asks, so a killed run neither asks twice nor
 * forgets a range), the reports asked of Amazon and not yet finished
 * (saved before the first poll, so a killed run resumes the same
 * reportId), the end of the data each report type
 * holds without a gap, and the failures anomaly rules raise. Each call is
 * its own transaction. Functions return 0 (or as documented), or -1 on an
 * SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_FETCHSTATE_H
#define FBAUDIT_FETCHSTATE_H

#include <stddef.h>
#include <stdint.h>

#include "store/find.h"

struct store;

/*
 * A report's status in fetch_reports. The store keeps each as its name
 * (store_fetch_status_name); the code compares the enum. What each means
 * and who sets it: market/fetch_store.c.
 */
enum store_fetch_status {
	/* in flight */
	STORE_FETCH_PLANNED,		/* "planned": saved, not yet asked */
	STORE_FETCH_CREATING,		/* "creating": createReport sent */
	STORE_FETCH_REQUESTED,		/* "requested": Amazon named it */
	STORE_FETCH_IN_QUEUE,		/* "IN_QUEUE": an older run's */
	STORE_FETCH_IN_PROGRESS,	/* "IN_PROGRESS": generating */
	STORE_FETCH_DONE,		/* "DONE": its document is known */
	/* finished */
	STORE_FETCH_IMPORTED,		/* "imported" */
	STORE_FETCH_CANCELLED,		/* "cancelled": no data */
	STORE_FETCH_FATAL,		/* "fatal": Amazon failed it */
	STORE_FETCH_REJECTED,		/* "rejected": refused or unreadable */
	STORE_FETCH_LOST,		/* "lost": Amazon no longer has it */
	STORE_FETCH_FAILED		/* "failed": createReport refused */
};

/* A status's name as stored (static). */
const char *store_fetch_status_name(enum store_fetch_status s);
/* The status stored as name, in *s: 0, or -1 when there is none. */
int	 store_fetch_status_find(const char *name, enum store_fetch_status *s);

/* A report in flight, as stored. */
struct store_fetch_report {
	char			 report_id[128];
	char			 report_type[64];
	int64_t			 data_start, data_end;	/* UTC seconds */
	enum store_fetch_status	 status;
	char			 document_id[128];	/* "" until known */
	int64_t			 updated_at;		/* UTC seconds */
};

/* Records a report (unless its id is known already) with status. */
int	 store_fetch_report_add(struct store *st, const char *report_id,
	    const char *type, int64_t data_start, int64_t data_end,
	    enum store_fetch_status status);
/*
 * Records a night's planned reports (status "planned", report_id a name
 * of the caller's such as "plan:TYPE:START-END"): all of them or none.
 */
int	 store_fetch_plan_add(struct store *st,
	    const struct store_fetch_report *v, size_t n);
/*
 * Records the reports getReports listed of a type (status "DONE", with
 * their documents, to be downloaded) and the type listed up to end: all
 * or none.
 */
int	 store_fetch_listed_add(struct store *st,
	    const struct store_fetch_report *v, size_t n, const char *type,
	    int64_t end);
/* Gives a planned report the id Amazon gave it, status "requested". */
int	 store_fetch_report_rename(struct store *st, const char *plan_id,
	    const char *report_id);
/* Sets a report's status, with its document id or detail when not NULL. */
int	 store_fetch_report_set(struct store *st, const char *report_id,
	    enum store_fetch_status status, const char *document_id,
	    const char *detail);
/*
 * The reports still in flight (STORE_FETCH_PLANNED to STORE_FETCH_DONE),
 * oldest first, in *out (n of them); the caller frees *out.
 */
int	 store_fetch_inflight(struct store *st, struct store_fetch_report **out,
	    size_t *n);
/* Whether a report id was ever recorded: 1, 0, or -1. */
int	 store_fetch_known(struct store *st, const char *report_id);
/* The end of a type's gapless data in *end: 1 when known, 0, or -1. */
int	 store_fetch_type_end(struct store *st, const char *type,
	    int64_t *end);
/* Moves a type's gapless end forward to end (never back). */
int	 store_fetch_type_done(struct store *st, const char *type,
	    int64_t end);
/* Records a failure worth an anomaly: kind "auth_failed", ... */
int	 store_fetch_event(struct store *st, const char *kind,
	    const char *type, const char *detail);

/* A report type's fetch progress. */
struct store_fetch_type {
	const char	*report_type;
	int		 has_end, has_success;
	int64_t		 complete_end;		/* UTC seconds */
	int64_t		 last_success_at;	/* UTC seconds */
};

/*
 * Calls cb for each report type the seller has fetched, by name. Returns
 * 0, cb's non-zero stop value, or -1.
 */
int	 store_fetch_types_scan(struct store *st,
	    int (*cb)(void *ctx, const struct store_fetch_type *t), void *ctx);
/*
 * The latest fetch event of kind: found with its time and detail (copied
 * into detail, size bytes), not found when there is none, or an error.
 */
enum store_find	 store_fetch_last_event(struct store *st, const char *kind,
	    int64_t *at, char *detail, size_t size);

#endif
