/*
 * The night's fetch, inside (docs/design.md §4, §7.1): what the files of
 * the fetch share, and nothing else may use.
 *
 *   fetch.c        one seller's phases (start, create, list, poll, end)
 *   fetch_plan.c   what to ask Amazon for tonight, from the gapless ends
 *   fetch_job.c    one report: create, poll, document, download, import
 *   fetch_store.c  the glue to the seller's store and inbox
 *   fetch_pool.c   the workers, the deadline, fairness across sellers
 *
 * Each opens with its own states and the functions that move them. The
 * one invariant all of them keep: a report is saved in the store before
 * each step that Amazon could answer (planned before createReport,
 * creating while it is asked, requested before it is polled), so a run
 * killed anywhere resumes the same reportId and never creates a report
 * twice.
 */
#ifndef FBAUDIT_FETCH_INT_H
#define FBAUDIT_FETCH_INT_H

#include <stddef.h>
#include <stdint.h>

#include <pthread.h>

#include "ingest/charset.h"
#include "market/fetch.h"
#include "market/reports.h"
#include "market/spapi.h"
#include "store/fetchstate.h"

struct config_fetch;
struct config_seller;
struct store;

/* Each type fetches again the last days it has: Amazon revises rows. */
#define FETCH_OVERLAP		(3 * 86400)
/* getReports looks back at most 90 days. */
#define FETCH_LIST_DAYS		90
/* The fetch state's name for the Inbound v0 shipments. */
#define FETCH_INBOUND		"INBOUND_V0"
/* A listing this recent is not repeated: getReports allows one call in
 * 45 s, and a night started again and again would use it up. */
#define FETCH_RELIST		3600
/* How far before an unanswered createReport its report is looked for:
 * Amazon's clock and ours may differ. */
#define FETCH_FIND_SLACK	3600

/*
 * What the fetch asks of Amazon: market/reports.c's and inbound.c's
 * calls (fetch_ops_spapi), or a unit test's stubs. Each has the
 * signature of the call it stands for.
 */
struct fetch_ops {
	enum spapi_status (*login)(struct spapi *);
	double		  (*wait)(struct spapi *, enum spapi_op);
	enum spapi_status (*create)(struct spapi *, const char *type,
			    int64_t start, int64_t end, char *const *mp,
			    size_t nmp, char *id, size_t idlen);
	enum spapi_status (*get)(struct spapi *, const char *id,
			    enum reports_status *, char *doc, size_t doclen);
	enum spapi_status (*list)(struct spapi *, const char *type,
			    const char *statuses, int64_t since,
			    struct reports_listed **out, size_t *n);
	enum spapi_status (*download)(struct spapi *, const char *doc,
			    const char *path, struct reports_file *f);
	int		  (*error_document)(struct spapi *, const char *doc,
			    char *out, size_t len);
	enum spapi_status (*inbound)(struct spapi *, char *const *mp,
			    size_t nmp, int64_t after, int64_t before,
			    const char *path, size_t *n);
};

/* The real calls. */
extern const struct fetch_ops fetch_ops_spapi;

/* A job's state in this run (fetch_job.c). */
enum fetch_job_state {
	FETCH_JOB_POLL,		/* in flight: poll it */
	FETCH_JOB_DONE,		/* imported or cancelled: its range is had */
	FETCH_JOB_FAILED,	/* not had this run */
	FETCH_JOB_PENDING	/* still generating: the next run resumes it */
};

/* A report Amazon made (or listed), polled until it ends. */
struct fetch_job {
	struct store_fetch_report	 r;
	const struct reports_type	*type;
	enum fetch_job_state		 state;
	double				 next_poll;
};

/* A report to create, saved as a "planned" row before it is asked. */
struct fetch_plan {
	const struct reports_type	*type;
	int64_t				 start, end;
	char				 id[128];	/* the row's */
	/* asked by a run that never saw the answer: look for it first */
	int				 in_doubt;
	int64_t				 asked_at;
};

/* A seller's phase (fetch.c). */
enum fetch_phase {
	FETCH_PHASE_START,	/* open the store, resume, plan, log in */
	FETCH_PHASE_CREATE,	/* createReport, as far as the burst goes */
	FETCH_PHASE_LISTED,	/* settlements and inbound shipments */
	FETCH_PHASE_POLL,	/* the rest of the plan; getReport, download */
	FETCH_PHASE_END
};

struct fetch_pool;

/* One seller's fetch. */
struct fetch_seller {
	const struct config_seller	*cs;
	const struct fetch_opts		*o;
	const struct fetch_ops		*ops;
	struct fetch_result		*res;
	struct store			*st;
	struct spapi			 sp;
	int				 sp_ok;
	enum fetch_phase		 phase;
	struct fetch_plan		*plans;
	size_t				 nplans, next_plan;
	struct fetch_job		*jobs;
	size_t				 njobs;
	/* the worker's, during a step */
	struct http			*http;
	double				 due;	/* http_now() to run next */
	int				 running;
	int				 done;
};

/* The sellers of a run and the workers that step them (fetch_pool.c). */
struct fetch_pool {
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct fetch_seller	*s;
	size_t			 n;
	size_t			 left;		/* sellers not done */
	double			 start;		/* http_now() at the start */
	double			 end;		/* http_now() of the deadline, 0 */
	int64_t			 now;		/* clock_now() at the start */
	const struct config_fetch *cfg;
	const char		*user_agent;
	const struct fetch_opts	*o;
	/* the sellers done, in the order they ended (n of them at most) */
	struct fetch_seller	**ended;
	size_t			 nended;
	size_t			 reported;	/* of ended, given to o->done */
	size_t			 workers;	/* worker threads still running */
	int			 inline_;	/* the calling thread works */
};

/* fetch.c: a seller's phases. */
const char *fetch_phase_name(enum fetch_phase ph);
void	 fetch_fail(struct fetch_seller *fs, int unavailable,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void	 fetch_fail_call(struct fetch_seller *fs, enum spapi_status st);
int	 fetch_fatal(enum spapi_status st);
double	 fetch_step_open(struct fetch_seller *fs, struct fetch_pool *p,
	    struct http *h);

/* fetch_plan.c: tonight's plan. */
int64_t	 fetch_start(struct fetch_seller *fs, const char *type, int64_t now,
	    int max_days);
void	 fetch_plan_push(struct fetch_seller *fs, const struct reports_type *t,
	    int64_t start, int64_t end, const char *id);
void	 fetch_plan_row(const struct fetch_plan *pl, const char *id,
	    struct store_fetch_report *r);
int	 fetch_plan(struct fetch_seller *fs, int64_t now);
void	 fetch_plan_missed(struct fetch_seller *fs,
	    const struct fetch_plan *pl);
int64_t	 fetch_plan_gapless_end(const struct fetch_seller *fs,
	    const struct reports_type *t);

/* fetch_job.c: one report's steps. */
const char *fetch_job_state_name(enum fetch_job_state s);
struct fetch_job *fetch_job_push(struct fetch_seller *fs,
	    const struct reports_type *t, const struct store_fetch_report *r);
int	 fetch_adopt(struct fetch_seller *fs, struct fetch_pool *p,
	    const struct fetch_plan *pl, const char *id);
double	 fetch_create(struct fetch_seller *fs, struct fetch_pool *p);
double	 fetch_poll(struct fetch_seller *fs, struct fetch_pool *p);

/* fetch_store.c: the seller's store and inbox. */
char	*fetch_inbox_path(struct fetch_seller *fs, const char *file,
	    const char *id, const char *ext);
int	 fetch_import(struct fetch_seller *fs, const char *path,
	    const struct reports_type *t, int64_t start, int64_t end,
	    enum charset cs);
void	 fetch_job_end(struct fetch_seller *fs, struct fetch_job *j,
	    enum store_fetch_status status, const char *detail, int ok);
int	 fetch_plan_save(struct fetch_seller *fs, size_t first);
int	 fetch_listed(struct fetch_seller *fs, struct fetch_pool *p,
	    const struct reports_type *t, const struct reports_listed *v,
	    size_t n);

/*
 * fetch_pool.c: fetch_run with the calls of ops (fetch_ops_spapi, or a
 * test's stubs).
 */
struct fetch_result *fetch_pool_run(const struct fetch_opts *o,
	    const struct fetch_ops *ops, size_t *n);

#endif
