/*
 * The anomaly engine: runs the rule table, then writes what was raised.
 * A new key is opened; an open or acked one is refreshed (its figures
 * change, its state does not); a resolved or dismissed one stays closed:
 * re-running never raises it twice. An open or acked anomaly no rule
 * raised today is closed as no longer holding, with a note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/flag.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/mem.h"
#include "lib/sha256.h"
#include "lib/strmap.h"
#include "store/anomalies.h"
#include "store/store.h"

/* Who closes what an audit of an earlier day no longer sees. */
#define FLAG_REWIND	"fbaudit --rewind"

struct flag_known {
	char			*id;
	enum anomaly_state	 status;
	enum anomaly_kind	 kind;
	char			*period;
	char			*severity;
	char			*figures;	/* NULL: stored before them */
	int			 raised;
};

struct flag_engine {
	struct flag_known	*k;
	size_t			 n, cap;
	struct strmap		*by_id;
};

char *
flag_id(const char *kind, const char *seller, const char *period,
    char out[18])
{
	const char *fields[] = { kind, seller, period };

	return sha256_id('A', fields, 3, out);
}

struct flag_raise *
flag_raise(struct flagger *fl, enum anomaly_kind kind, const char *period,
    const char *severity)
{
	struct flag_raise *r;

	if (fl->n == fl->cap) {
		fl->cap = fl->cap ? fl->cap * 2 : 8;
		fl->raised = xreallocarray(fl->raised, fl->cap,
		    sizeof(*fl->raised));
	}
	r = &fl->raised[fl->n++];
	memset(r, 0, sizeof(*r));
	r->kind = anomaly_kind_name(kind);
	snprintf(r->period, sizeof(r->period), "%s", period);
	r->severity = severity;
	figures_init(&r->fig);
	return r;
}

int
flag_active(struct flagger *fl, enum anomaly_kind kind,
    int (*cb)(struct flagger *fl, const struct flag_active_row *r,
    void *ctx), void *ctx)
{
	struct flag_engine *e = fl->engine;
	struct flag_active_row r;
	size_t i;
	int rc;

	for (i = 0; i < e->n; i++) {
		if (e->k[i].kind != kind ||
		    !anomaly_state_active(e->k[i].status))
			continue;
		r.period = e->k[i].period;
		r.severity = strcmp(e->k[i].severity, "high") == 0 ? "high" :
		    "medium";
		r.figures = e->k[i].figures;
		if ((rc = cb(fl, &r, ctx)) != 0)
			return rc;
	}
	return 0;
}

static int
flag_known_row(void *ctx, const struct anomaly_row *a)
{
	struct flag_engine *e = ctx;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->k = xreallocarray(e->k, e->cap, sizeof(*e->k));
	}
	e->k[e->n].id = xstrdup(a->anomaly_id);
	e->k[e->n].status = a->status;
	e->k[e->n].kind = anomaly_kind_parse(a->kind);
	e->k[e->n].period = xstrdup(a->period);
	e->k[e->n].severity = xstrdup(a->severity);
	e->k[e->n].figures = a->figures ? xstrdup(a->figures) : NULL;
	e->k[e->n].raised = 0;
	strmap_put(e->by_id, a->anomaly_id, strlen(a->anomaly_id),
	    (int64_t)e->n);
	e->n++;
	return 0;
}

/*
 * An anomaly raised again that only an audit of an earlier day closed
 * (--rewind) is reopened in the state it had: that audit judged a day
 * already past, not today. Returns 0 (reopened, or not such an
 * anomaly: k->status says), 1 when it stays closed (a rewind again),
 * -1 on error.
 */
static int
flag_reopen(struct flagger *fl, struct flag_known *k)
{
	char who[32], note[160], day[DATE_STRLEN];
	enum anomaly_state old;
	enum store_find found;

	if ((found = store_anomaly_last_event(fl->a->st, k->id, who,
	    sizeof(who), &old)) == STORE_ERROR)
		return -1;
	if (found == STORE_NOT_FOUND)
		return 0;
	if (strcmp(who, FLAG_REWIND) != 0 || !anomaly_state_active(old))
		return 0;
	if (fl->a->today < fl->a->latest)
		return 1;
	snprintf(note, sizeof(note), "holds again on %s: it was closed only "
	    "by the audit of an earlier day (--rewind)",
	    date_format(fl->a->today, day));
	if (store_anomaly_set_status(fl->a->st, k->id, old) == -1 ||
	    store_anomaly_event_add(fl->a->st, k->id, ANOMALY_RESOLVED, old,
	    "fbaudit", note) == -1)
		return -1;
	k->status = old;
	return 0;
}

/* Writes one raise. */
static int
flag_write(struct flagger *fl, struct flag_engine *e,
    const struct flag_raise *r, struct flag_summary *sum)
{
	struct anomaly_row row;
	struct flag_known *k = NULL;
	char id[18], *fig;
	int64_t i;
	int rc;

	flag_id(r->kind, fl->seller, r->period, id);
	if (strmap_get(e->by_id, id, strlen(id), &i)) {
		k = &e->k[i];
		k->raised = 1;
		if (k->status == ANOMALY_RESOLVED &&
		    (rc = flag_reopen(fl, k)) != 0)
			return rc == -1 ? -1 : 0;
		/* Closed by a person or as no longer holding: stays so. */
		if (k->status == ANOMALY_RESOLVED ||
		    k->status == ANOMALY_DISMISSED)
			return 0;
	}
	memset(&row, 0, sizeof(row));
	row.anomaly_id = id;
	row.kind = r->kind;
	row.period = r->period;
	row.severity = r->severity;
	row.status = k ? k->status : ANOMALY_OPEN;
	row.figures = fig = figures_encode(&r->fig);
	row.deadline = r->deadline;
	row.amount = r->amount;
	row.currency = r->has_amount ? r->currency : NULL;
	rc = store_anomaly_put(fl->a->st, &row);
	free(fig);
	if (rc == -1)
		return -1;
	if (k == NULL) {
		if (store_anomaly_event_add(fl->a->st, id, ANOMALY_STATE_NONE,
		    ANOMALY_OPEN,
		    "fbaudit", NULL) == -1)
			return -1;
		sum->opened++;
	}
	sum->active++;
	return 0;
}

/* Closes what was open or acked and no rule raised today. */
static int
flag_close_stale(struct flagger *fl, struct flag_engine *e,
    struct flag_summary *sum)
{
	char note[160], today[DATE_STRLEN], latest[DATE_STRLEN];
	const char *who = "fbaudit";
	size_t i;

	date_format(fl->a->today, today);
	snprintf(note, sizeof(note), "no longer holds on %s", today);
	/* An earlier day than one already audited: closed until the later
	 * day is audited again (flag_reopen), not for good. */
	if (fl->a->today < fl->a->latest) {
		who = FLAG_REWIND;
		snprintf(note, sizeof(note), "no longer holds on %s, an earlier "
		    "day than the last audit (%s, --rewind): reopened if it "
		    "holds when a later day is audited", today,
		    date_format(fl->a->latest, latest));
	}
	for (i = 0; i < e->n; i++) {
		if (e->k[i].raised || !anomaly_state_active(e->k[i].status))
			continue;
		if (store_anomaly_set_status(fl->a->st, e->k[i].id,
		    ANOMALY_RESOLVED) == -1 ||
		    store_anomaly_event_add(fl->a->st, e->k[i].id,
		    e->k[i].status, ANOMALY_RESOLVED, who, note) == -1)
			return -1;
		sum->closed++;
	}
	return 0;
}

int
flag_run(struct audit *a, struct flag_summary *sum)
{
	struct flagger fl;
	struct flag_engine e;
	size_t i;
	int rc = -1;

	memset(sum, 0, sizeof(*sum));
	memset(&fl, 0, sizeof(fl));
	memset(&e, 0, sizeof(e));
	fl.a = a;
	fl.seller = store_seller(a->st);
	fl.engine = &e;
	e.by_id = strmap_new();
	if (store_anomalies_scan(a->st, NULL, flag_known_row, &e) != 0)
		goto out;
	for (i = 0; i < flag_nrules; i++)
		if (flag_rules[i].run(&fl) == -1)
			goto out;
	for (i = 0; i < fl.n; i++)
		if (flag_write(&fl, &e, &fl.raised[i], sum) == -1)
			goto out;
	if (flag_close_stale(&fl, &e, sum) == -1)
		goto out;
	rc = 0;
out:
	for (i = 0; i < fl.n; i++)
		figures_free(&fl.raised[i].fig);
	free(fl.raised);
	for (i = 0; i < e.n; i++) {
		free(e.k[i].id);
		free(e.k[i].period);
		free(e.k[i].severity);
		free(e.k[i].figures);
	}
	free(e.k);
	strmap_free(e.by_id);
	return rc;
}
