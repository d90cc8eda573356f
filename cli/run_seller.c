/*
 * One seller's night after its fetch (docs/design.md §9), as a table of
 * steps: audit the claims, reconcile payments, file what is eligible,
 * raise anomalies, tell the webhook, write the dashboard, then say how
 * the fetch and the night's reports went. Each step says its part of the
 * seller's summary line and how it went; the table says whether the
 * steps after a failure still run. The line and the outcome are made
 * from the results at the end (cli/run_steps.h), printed, and kept in
 * the store's runs table.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "claims/reconcile.h"
#include "cli/cli.h"
#include "cli/filer.h"
#include "cli/run.h"
#include "cli/run_steps.h"
#include "cli/sellers.h"
#include "cli/settings.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/num.h"
#include "market/fetch.h"
#include "market/webhook.h"
#include "reports/report.h"
#include "store/runs.h"
#include "store/store.h"

/* What the steps of one seller share. */
struct run_seller {
	struct run			*r;
	const char			*seller;
	const struct fetch_result	*fr;	/* NULL: not fetched */
	struct store			*st;	/* from the "store" step */
	int64_t				 run_id;
	struct audit_summary		 sum;	/* from the "audit" step */
};

/* The deadline passed before the seller's turn: all of it next night. */
static enum run_outcome
run_step_deadline(void *arg, struct buf *text)
{
	const struct run_seller *s = arg;

	if (s->r->deadline_ms == 0 || clock_mono_ms() < s->r->deadline_ms)
		return RUN_OK;
	buf_adds(text, "the run's deadline passed; next night");
	return RUN_DEFERRED;
}

/* Opens the seller's store and records the run's start in it. */
static enum run_outcome
run_step_store(void *arg, struct buf *text)
{
	struct run_seller *s = arg;
	char err[512];

	if ((s->st = store_open(s->r->datadir, s->seller, 1, err,
	    sizeof(err))) == NULL) {
		buf_adds(text, err);
		return RUN_FAILED;
	}
	(void)store_run_begin(s->st, clock_now(), &s->run_id);
	if (s->fr != NULL)
		buf_printf(text, "fetched %d files%s", s->fr->imported,
		    s->fr->failed ? " (some failed)" : "");
	return RUN_OK;
}

static enum run_outcome
run_step_audit(void *arg, struct buf *text)
{
	struct run_seller *s = arg;
	struct audit_settings set;
	char err[512], money[32];
	size_t i;

	cli_audit_settings(s->r->cf, s->seller, &set);
	set.rewind = s->r->rewind;
	if (audit_run(s->st, clock_today(), 0, &set, &s->sum, err,
	    sizeof(err)) == -1) {
		log_error("%s: %s", s->seller, err);
		buf_printf(text, "audit failed: %s", err);
		return RUN_FAILED;
	}
	buf_printf(text, "%lld claims, eligible ", (long long)s->sum.claims);
	for (i = 0; i < s->sum.eligible.n; i++)
		buf_printf(text, "%s%s %s", i ? " + " : "",
		    num_format_amount(s->sum.eligible.v[i].amount,
		    s->sum.eligible.v[i].currency, money, sizeof(money)),
		    s->sum.eligible.v[i].currency);
	if (i == 0)
		buf_adds(text, "0.00");
	return RUN_OK;
}

static enum run_outcome
run_step_reconcile(void *arg, struct buf *text)
{
	struct run_seller *s = arg;
	struct reconcile_summary rs;
	char err[512];

	if (reconcile_run(s->st, NULL, &rs, err, sizeof(err)) == -1) {
		log_error("%s: reconcile: %s", s->seller, err);
		buf_adds(text, "reconcile failed");
		return RUN_FAILED;
	}
	if (rs.changed > 0)
		buf_printf(text, "%d claims paid", rs.reimbursed + rs.partial);
	return RUN_OK;
}

static enum run_outcome
run_step_file(void *arg, struct buf *text)
{
	struct run_seller *s = arg;
	const struct filer *f = &s->r->filer;
	struct file_summary fs;

	if (filer_seller(&s->r->filer, s->st, s->seller, &fs) == -1) {
		buf_adds(text, "filing failed");
		return RUN_FAILED;
	}
	if (fs.skipped != NULL) {
		buf_printf(text, "not filed: %s", fs.skipped);
		return RUN_OK;
	}
	buf_printf(text, "%s %d", f->dry_run ? "would file" : "filed",
	    fs.filed);
	if (fs.ready > 0)
		buf_printf(text, ", %d ready to submit", fs.ready);
	buf_printf(text, " via %s", f->transport->name);
	if (fs.held > 0)
		buf_printf(text, ", %d waiting for Amazon's reports", fs.held);
	if (fs.failed > 0 || fs.unreachable) {
		buf_printf(text, " (%d not confirmed)", fs.failed);
		return RUN_FAILED;
	}
	return RUN_OK;
}

static enum run_outcome
run_step_anomalies(void *arg, struct buf *text)
{
	struct run_seller *s = arg;
	char err[512];

	if (audit_flag(s->st, clock_today(), &s->sum, err,
	    sizeof(err)) == -1) {
		log_error("%s: %s", s->seller, err);
		buf_adds(text, "anomalies failed");
		return RUN_FAILED;
	}
	buf_printf(text, "%lld new anomalies (%lld open)",
	    (long long)s->sum.anomalies_opened,
	    (long long)s->sum.anomalies_active);
	return RUN_OK;
}

static enum run_outcome
run_step_webhook(void *arg, struct buf *text)
{
	const struct run_seller *s = arg;
	const struct config *cf = s->r->cf;

	if (cf == NULL || cf->webhook_url == NULL)
		return RUN_OK;
	/* No client (logged once): the anomalies stay unsent for the
	 * next run, and this one says so. */
	if (s->r->http == NULL || webhook_notify(s->st, s->seller,
	    cf->webhook_url, s->r->http) == -1) {
		buf_adds(text, "webhook failed");
		return RUN_FAILED;
	}
	return RUN_OK;
}

/*
 * Writes DATADIR/SELLER/dashboard.html atomically, in the seller's
 * language (its settings: cli/settings.h). Returns 0 or -1.
 */
static int
run_dashboard(const struct run *r, struct store *st, const char *seller)
{
	struct report_opts o = { "en", FBAUDIT_VERSION, r->cf, NULL };
	struct store_settings set;
	struct atomic_file af;
	struct buf path;
	int rc = -1;

	if (cli_settings(r->cf, st, &set) == -1)
		return -1;
	if (report_lang_known(set.lang))
		o.lang = set.lang;
	o.packet_text = filer_packet_text;
	buf_init(&path, 0);
	buf_printf(&path, "%s/dashboard.html", store_dir(st));
	if (atomic_open(&af, path.data) == -1) {
		log_error("%s: %s: cannot write", seller, path.data);
		goto out;
	}
	if (dashboard_write(st, af.fp, &o) == -1) {
		atomic_abort(&af);
		log_error("%s: the dashboard could not be written", seller);
		goto out;
	}
	if (atomic_commit(&af) == -1) {
		log_error("%s: %s: cannot write", seller, path.data);
		goto out;
	}
	rc = 0;
out:
	store_settings_free(&set);
	buf_free(&path);
	return rc;
}

static enum run_outcome
run_step_dashboard(void *arg, struct buf *text)
{
	const struct run_seller *s = arg;

	if (run_dashboard(s->r, s->st, s->seller) == -1) {
		buf_adds(text, "dashboard failed");
		return RUN_FAILED;
	}
	buf_printf(text, "%s/dashboard.html", store_dir(s->st));
	return RUN_OK;
}

/* How the seller's fetch ended, now that its night is audited. */
static enum run_outcome
run_step_fetch(void *arg, struct buf *text)
{
	const struct fetch_result *fr = ((const struct run_seller *)arg)->fr;

	if (fr != NULL && fr->failed) {
		buf_printf(text, "fetch: %s", fr->why);
		return RUN_FAILED;
	}
	if (fr != NULL && fr->deferred) {
		/* Audited on what came; the rest is fetched next night. */
		buf_adds(text, "fetch: the run's deadline passed, the rest "
		    "next night");
		return RUN_DEFERRED;
	}
	return RUN_OK;
}

/*
 * Whether a fetched seller's night is complete (issue 15 §1): every
 * report arrived through today. If not, the line says which did not and
 * how far they reach (its claims that read them waited:
 * audit/complete.c).
 */
static enum run_outcome
run_step_night(void *arg, struct buf *text)
{
	const struct run_seller *s = arg;
	const struct fetch_result *fr = s->fr;
	char missing[512];
	int n;

	if (fr == NULL)
		return RUN_OK;
	if ((n = audit_night_missing(s->st, clock_today(), missing,
	    sizeof(missing))) == -1) {
		log_error("%s: %s", store_seller(s->st), store_errmsg(s->st));
		buf_adds(text, "the night's completeness is unknown");
		return RUN_FAILED;
	}
	if (n == 0 && !fr->pending && !fr->fatal)
		return RUN_OK;
	buf_adds(text, "incomplete:");
	if (fr->pending)
		buf_printf(text, " %d report%s still generating%s", fr->pending,
		    fr->pending == 1 ? "" : "s", n || fr->fatal ? "," : "");
	if (fr->fatal)
		buf_printf(text, " %d report%s FATAL%s", fr->fatal,
		    fr->fatal == 1 ? "" : "s", n ? "," : "");
	if (n > 0)
		buf_printf(text, " not arrived through today: %s", missing);
	return RUN_INCOMPLETE;
}

/* docs/design.md §9's order: audit, reconcile, file, flag, reports. */
const struct run_step run_seller_steps[] = {
	{ "deadline", run_step_deadline, RUN_STOP },
	{ "store", run_step_store, RUN_STOP },
	/* Nothing else is sound without the night's claims. */
	{ "audit", run_step_audit, RUN_STOP },
	{ "reconcile", run_step_reconcile, RUN_GO_ON },
	{ "file claims", run_step_file, RUN_GO_ON },
	{ "anomalies", run_step_anomalies, RUN_GO_ON },
	{ "webhook", run_step_webhook, RUN_GO_ON },
	{ "dashboard", run_step_dashboard, RUN_GO_ON },
	{ "fetch", run_step_fetch, RUN_GO_ON },
	{ "completeness", run_step_night, RUN_GO_ON },
};

const size_t run_seller_nsteps = sizeof(run_seller_steps) /
    sizeof(run_seller_steps[0]);

/* The progress line (a terminal only): which seller, which step. */
static void
run_seller_progress(void *arg, const char *step)
{
	const struct run_seller *s = arg;

	log_status("run: seller %zu of %zu, %s: %s", s->r->at + 1,
	    s->r->nids, s->seller, step);
}

void
run_seller(struct run *r, const char *seller, const struct fetch_result *fr)
{
	struct run_seller s;
	struct run_results res;
	struct buf line, out;
	enum run_outcome o;

	memset(&s, 0, sizeof(s));
	s.r = r;
	s.seller = seller;
	s.fr = fr;
	run_steps_do(run_seller_steps, run_seller_nsteps, &s,
	    run_seller_progress, &res);
	o = run_steps_outcome(&res);
	buf_init(&line, 0);
	run_steps_line(&res, &line);
	run_steps_free(&res);
	audit_summary_free(&s.sum);
	/* Cron mail and the runs table: no secret, no escape sequence,
	 * whatever a server's error said. */
	log_clean(&line);
	if (s.st != NULL) {
		(void)store_run_end(s.st, s.run_id, run_outcome_names[o],
		    line.data ? line.data : "");
		store_close(s.st);
	}
	r->count[o]++;
	r->at++;
	buf_init(&out, 0);
	buf_printf(&out, "%s: %s: %s", seller, run_outcome_names[o],
	    line.data ? line.data : "");
	/* A log tailed by an operator sees each night as it ends. */
	log_stdout_line(out.data);
	buf_free(&out);
	buf_free(&line);
	/* Its night is over: a command run by hand on this seller need not
	 * wait for the other sellers' nights (docs/design.md §9.1). */
	lock_set_drop(&r->locks, seller);
}
