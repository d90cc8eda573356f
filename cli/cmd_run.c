/*
 * fbaudit run: the nightly job (docs/design.md §9). Under one lock per data
 * dir: fetch every seller of the shard together, then for each seller in
 * isolation audit the claims, reconcile payments, file what is eligible,
 * raise anomalies, tell the webhook and write the dashboard; then the CSM
 * page of every seller. One seller's failure is
 * logged and the others go on; a deadline defers what is left to the
 * next night. One summary line per seller, fit for cron mail.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <getopt.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "claims/reconcile.h"
#include "cli/cli.h"
#include "cli/digest.h"
#include "cli/filer.h"
#include "cli/lock.h"
#include "cli/settings.h"
#include "cli/sellers.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "market/fetch.h"
#include "market/http.h"
#include "market/webhook.h"
#include "reports/report.h"
#include "store/runs.h"
#include "store/store.h"

static const char run_usage[] = "run [--seller ID | --shard K/N] "
    "[--deadline MINUTES] [--rewind]";

struct run {
	const struct cli	*cli;
	struct config		*cf;
	const char		*datadir;
	const char		*only;		/* --seller */
	unsigned		 shard, shards;	/* --shard K/N; N = 0: none */
	int64_t			 deadline_ms;	/* clock_mono_ms(), 0: none */
	struct http		*http;		/* webhook client, or NULL */
	struct filer		 filer;		/* the claims transport */
	struct fetch_result	*fetched;
	size_t			 nfetched;
	size_t			 nsellers, at;	/* for the progress line */
	int			 failed, deferred, done;
	int			 incomplete;	/* reports missing tonight */
	int			 rewind;	/* --rewind: an earlier day */
	/* The sellers' locks; once taken, only those held are run. */
	struct lock_set		 locks;
	int			 locked;
};

/* The progress line (a terminal only): which seller, which step. */
static void
run_progress(const struct run *r, const char *seller, const char *step)
{
	log_status("run: seller %zu of %zu, %s: %s", r->at + 1, r->nsellers,
	    seller, step);
}

/*
 * Whether a temp file (lib/atomic.c names it FILE.tmp.PID.XXXXXX) may be
 * the work of a live process: its writer's pid still runs. A name
 * without a pid is an older fbaudit's, whose writer is long gone.
 */
static int
run_tmp_live(const char *name)
{
	const char *p = strstr(name, ".tmp.");
	char *end;
	long pid;

	pid = strtol(p + 5, &end, 10);
	if (end == p + 5 || *end != '.' || pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/*
 * Removes the temp files killed processes left in dir. A seller's folder
 * that is a symbolic link (!follow) is not swept: a linked inbox/ would
 * have it delete files outside the data dir. The data dir itself may be
 * a link the operator made.
 */
static void
run_sweep(const char *dir, int follow)
{
	struct dirent *de;
	struct stat sb;
	struct buf p;
	DIR *d;
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC |
	    (follow ? 0 : O_NOFOLLOW))) == -1) {
		/* Linux says ENOTDIR of a link with O_DIRECTORY. */
		if (lstat(dir, &sb) == 0 && S_ISLNK(sb.st_mode))
			log_warn("%s: is a symbolic link; not swept", dir);
		return;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	buf_init(&p, 0);
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".tmp.") == NULL ||
		    run_tmp_live(de->d_name))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, de->d_name);
		if (unlinkat(dirfd(d), de->d_name, 0) == 0)
			log_info("%s: removed a temp file of a killed process",
			    p.data);
	}
	buf_free(&p);
	closedir(d);
}

static void
run_sweep_seller(const char *datadir, const char *seller)
{
	static const char *const sub[] = { "", "/inbox", "/outbox" };
	struct buf p;
	size_t i;

	buf_init(&p, 0);
	for (i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s%s", datadir, seller, sub[i]);
		run_sweep(p.data, 0);
	}
	buf_free(&p);
}

/* The shard of a seller id: FNV-1a, stable across runs and machines. */
static unsigned
run_shard_of(const char *id, unsigned n)
{
	uint32_t h = 2166136261u;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)*id;
		h *= 16777619u;
	}
	return h % n;
}

/* Whether this run handles seller id (--seller, --shard). */
static int
run_wants(const char *id, void *arg)
{
	const struct run *r = arg;

	if (r->locked && !lock_set_holds(&r->locks, id))
		return 0;
	if (r->only != NULL)
		return strcmp(r->only, id) == 0;
	return r->shards == 0 || run_shard_of(id, r->shards) == r->shard;
}

/*
 * The run's sellers, those configured (or, without a configuration,
 * those with a store) that it wants, each under its lock: a seller whose
 * lock another command holds is skipped with a line saying who holds it,
 * and the others go on. Into *out (free with cli_sellers_free); returns
 * their number.
 */
static size_t
run_sellers(struct run *r, char ***out)
{
	struct lock_holder who;
	char **all, **ids = NULL;
	size_t k, m, n = 0;

	if (r->cf != NULL) {
		all = xcalloc(r->cf->nsellers + 1, sizeof(*all));
		for (m = 0; m < r->cf->nsellers; m++)
			all[m] = xstrdup(r->cf->sellers[m].id);
	} else
		all = cli_sellers(r->datadir, NULL, &m);
	for (k = 0; k < m; k++) {
		if (!run_wants(all[k], r))
			continue;
		switch (lock_set_take(&r->locks, r->datadir, all[k],
		    cli_wait(r->cli, 0), &who)) {
		case 0:
			ids = xreallocarray(ids, n + 1, sizeof(*ids));
			ids[n++] = xstrdup(all[k]);
			break;
		case -2:
			cli_locked_line(all[k], &who);
			r->failed++;
			break;
		default:
			log_error("%s: cannot lock: %s", all[k],
			    strerror(errno));
			printf("%s: failed: cannot lock: %s\n", all[k],
			    strerror(errno));
			r->failed++;
			break;
		}
	}
	cli_sellers_free(all, m);
	r->locked = 1;
	*out = ids;
	return n;
}

/* Parses "K/N" with 0 <= K < N <= 1024. Returns 0 or -1. */
static int
run_parse_shard(const char *s, struct run *r)
{
	const char *slash = strchr(s, '/');
	int64_t k, n;

	if (slash == NULL ||
	    num_parse_int(s, (size_t)(slash - s), 0, 1023, &k) != NULL ||
	    num_parse_int(slash + 1, strlen(slash + 1), 1, 1024, &n) != NULL ||
	    k >= n)
		return -1;
	r->shard = (unsigned)k;
	r->shards = (unsigned)n;
	return 0;
}

/* The fetch result of a seller, or NULL when it was not fetched. */
static const struct fetch_result *
run_fetched(const struct run *r, const char *seller)
{
	size_t i;

	for (i = 0; i < r->nfetched; i++)
		if (strcmp(r->fetched[i].seller, seller) == 0)
			return &r->fetched[i];
	return NULL;
}

/*
 * Writes DATADIR/SELLER/dashboard.html atomically, in the seller's
 * language (its settings: cli/settings.h). Returns 0 or -1.
 */
static int
run_dashboard(struct run *r, struct store *st, const char *seller)
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

/*
 * Whether a fetched seller's night is complete (issue 15 §1): every
 * report arrived through today. If not, the line says which did not and
 * how far they reach, and an "ok" night becomes "incomplete" (its claims
 * that read them waited: audit/complete.c).
 */
static void
run_night(const struct fetch_result *fr, struct store *st, struct buf *line,
    const char **outcome)
{
	char missing[512];
	int n;

	if ((n = audit_night_missing(st, clock_today(), missing,
	    sizeof(missing))) == -1) {
		log_error("%s: %s", store_seller(st), store_errmsg(st));
		buf_adds(line, "; the night's completeness is unknown");
		*outcome = "failed";
		return;
	}
	if (n == 0 && !fr->pending && !fr->fatal)
		return;
	buf_adds(line, "; incomplete:");
	if (fr->pending)
		buf_printf(line, " %d report%s still generating%s", fr->pending,
		    fr->pending == 1 ? "" : "s", n || fr->fatal ? "," : "");
	if (fr->fatal)
		buf_printf(line, " %d report%s FATAL%s", fr->fatal,
		    fr->fatal == 1 ? "" : "s", n ? "," : "");
	if (n > 0)
		buf_printf(line, " not arrived through today: %s", missing);
	if (strcmp(*outcome, "ok") == 0)
		*outcome = "incomplete";
}

/* One seller's night after the fetch: audit, webhook, dashboard. */
static void
run_seller(struct run *r, const char *seller)
{
	const struct fetch_result *fr = run_fetched(r, seller);
	struct audit_settings set;
	struct audit_summary sum;
	struct reconcile_summary rs;
	struct file_summary fs;
	struct store *st;
	struct buf line;
	char err[512], money[32];
	const char *outcome = "ok";
	int64_t run_id = 0;
	size_t i;
	int sent = 0;

	buf_init(&line, 0);
	memset(&sum, 0, sizeof(sum));
	if (r->deadline_ms != 0 && clock_mono_ms() >= r->deadline_ms) {
		r->deferred++;
		log_status_clear();
		printf("%s: deferred: the run's deadline passed; next night\n",
		    seller);
		goto out;
	}
	if ((st = store_open(r->datadir, seller, 1, err,
	    sizeof(err))) == NULL) {
		r->failed++;
		log_status_clear();
		printf("%s: failed: %s\n", seller, err);
		goto out;
	}
	(void)store_run_begin(st, clock_now(), &run_id);
	run_progress(r, seller, "audit");
	if (fr != NULL)
		buf_printf(&line, "fetched %d files%s; ", fr->imported,
		    fr->failed ? " (some failed)" : "");
	/* docs/design.md §9's order: audit, reconcile, file, flag, reports. */
	cli_audit_settings(r->cf, seller, &set);
	set.rewind = r->rewind;
	if (audit_run(st, clock_today(), 0, &set, &sum, err,
	    sizeof(err)) == -1) {
		log_error("%s: %s", seller, err);
		buf_printf(&line, "audit failed: %s", err);
		outcome = "failed";
		goto done;
	}
	buf_printf(&line, "%lld claims, eligible ", (long long)sum.claims);
	for (i = 0; i < sum.eligible.n; i++)
		buf_printf(&line, "%s%s %s", i ? " + " : "",
		    num_format_amount(sum.eligible.v[i].amount,
		    sum.eligible.v[i].currency, money, sizeof(money)),
		    sum.eligible.v[i].currency);
	if (i == 0)
		buf_adds(&line, "0.00");
	run_progress(r, seller, "reconcile");
	if (reconcile_run(st, NULL, &rs, err, sizeof(err)) == -1) {
		log_error("%s: reconcile: %s", seller, err);
		buf_adds(&line, "; reconcile failed");
		outcome = "failed";
	} else if (rs.changed > 0)
		buf_printf(&line, "; %d claims paid", rs.reimbursed +
		    rs.partial);
	run_progress(r, seller, "file claims");
	if (filer_seller(&r->filer, st, seller, &fs) == -1) {
		buf_adds(&line, "; filing failed");
		outcome = "failed";
	} else if (fs.skipped != NULL)
		buf_printf(&line, "; not filed: %s", fs.skipped);
	else {
		buf_printf(&line, "; %s %d", r->filer.dry_run ?
		    "would file" : "filed", fs.filed);
		if (fs.ready > 0)
			buf_printf(&line, ", %d ready to submit", fs.ready);
		buf_printf(&line, " via %s", r->filer.transport->name);
		if (fs.held > 0)
			buf_printf(&line, ", %d waiting for Amazon's reports",
			    fs.held);
		if (fs.failed > 0 || fs.unreachable) {
			buf_printf(&line, " (%d not confirmed)", fs.failed);
			outcome = "failed";
		}
	}
	run_progress(r, seller, "anomalies");
	if (audit_flag(st, clock_today(), &sum, err, sizeof(err)) == -1) {
		log_error("%s: %s", seller, err);
		buf_adds(&line, "; anomalies failed");
		outcome = "failed";
	} else
		buf_printf(&line, "; %lld new anomalies (%lld open)",
		    (long long)sum.anomalies_opened,
		    (long long)sum.anomalies_active);
	/* No client (logged once): the anomalies stay unsent for the
	 * next run, and this one says so. */
	if (r->cf != NULL && r->cf->webhook_url != NULL && (r->http == NULL ||
	    (sent = webhook_notify(st, seller, r->cf->webhook_url,
	    r->http)) == -1)) {
		buf_adds(&line, "; webhook failed");
		outcome = "failed";
	}
	run_progress(r, seller, "dashboard");
	if (run_dashboard(r, st, seller) == -1) {
		buf_adds(&line, "; dashboard failed");
		outcome = "failed";
	} else
		buf_printf(&line, "; %s/dashboard.html", store_dir(st));
	if (fr != NULL && fr->failed) {
		buf_printf(&line, "; fetch: %s", fr->why);
		outcome = "failed";
	} else if (fr != NULL && fr->deferred) {
		/* Audited on what came; the rest is fetched next night. */
		buf_adds(&line, "; fetch: the run's deadline passed, the rest "
		    "next night");
		outcome = "deferred";
	}
	if (fr != NULL)
		run_night(fr, st, &line, &outcome);
done:
	audit_summary_free(&sum);
	/* Cron mail and the runs table: no secret, no escape sequence,
	 * whatever a server's error said. */
	log_clean(&line);
	(void)store_run_end(st, run_id, outcome, line.data ? line.data : "");
	store_close(st);
	if (strcmp(outcome, "ok") == 0)
		r->done++;
	else if (strcmp(outcome, "deferred") == 0)
		r->deferred++;
	else if (strcmp(outcome, "incomplete") == 0)
		r->incomplete++;
	else
		r->failed++;
	log_status_clear();
	printf("%s: %s: %s\n", seller, outcome, line.data ? line.data : "");
out:
	buf_free(&line);
}

/*
 * Writes one CSM page, DATADIR/NAME, of every seller or (csm set) of one
 * CSM's. Returns 0 or -1.
 */
static int
run_csm_page(struct run *r, char **ids, size_t n, const char *name,
    const char *csm)
{
	struct report_opts o = { "en", FBAUDIT_VERSION, r->cf, NULL };
	/* The page sits in DATADIR: it links SELLER/dashboard.html. */
	struct csm_opts co = { csm, "" };
	const struct config_csm *cc;
	struct atomic_file af;
	struct buf path;
	int rc = -1, w;

	if (r->cf != NULL && r->cf->lang != NULL &&
	    report_lang_known(r->cf->lang))
		o.lang = r->cf->lang;
	if (csm != NULL && r->cf != NULL &&
	    (cc = config_csm_find(r->cf, csm)) != NULL && cc->lang != NULL)
		o.lang = cc->lang;
	buf_init(&path, 0);
	buf_printf(&path, "%s/%s", r->datadir, name);
	/* Shards may write it at once: each writes every seller, renamed. */
	if (atomic_open(&af, path.data) == 0) {
		w = csm_write(r->datadir, ids, n, af.fp, &o, &co);
		if (w == -1)
			atomic_abort(&af);
		else if (atomic_commit(&af) == 0)
			rc = 0;
	}
	log_status_clear();
	if (rc == 0)
		printf("csm: %s\n", path.data);
	else
		log_error("%s: cannot write the CSM page", path.data);
	buf_free(&path);
	return rc;
}

/*
 * The CSM pages: csm.html of every seller of the data dir, and
 * csm-NAME.html of each CSM the configuration names (a [csm NAME]
 * section or a seller's csm). Returns 0 or -1.
 */
static int
run_csm(struct run *r)
{
	struct buf name;
	char **ids;
	const char *c;
	size_t n, i, j;
	int rc = 0;

	ids = cli_sellers(r->datadir, NULL, &n);
	if (run_csm_page(r, ids, n, "csm.html", NULL) == -1)
		rc = -1;
	buf_init(&name, 0);
	for (i = 0; r->cf != NULL && i < r->cf->ncsms + r->cf->nsellers;
	    i++) {
		c = i < r->cf->ncsms ? r->cf->csms[i].name :
		    r->cf->sellers[i - r->cf->ncsms].csm;
		if (c == NULL)
			continue;
		/* Each name once: sections first, then sellers' names. */
		for (j = 0; j < r->cf->ncsms && j < i; j++)
			if (strcmp(r->cf->csms[j].name, c) == 0)
				break;
		if (j < r->cf->ncsms && j < i)
			continue;
		for (j = r->cf->ncsms; j < i; j++)
			if (r->cf->sellers[j - r->cf->ncsms].csm != NULL &&
			    strcmp(r->cf->sellers[j - r->cf->ncsms].csm,
			    c) == 0)
				break;
		if (i >= r->cf->ncsms && j < i)
			continue;
		if (i >= r->cf->ncsms && config_csm_find(r->cf, c) != NULL)
			continue;
		buf_reset(&name);
		buf_printf(&name, "csm-%s.html", c);
		if (run_csm_page(r, ids, n, name.data, c) == -1)
			rc = -1;
	}
	buf_free(&name);
	cli_sellers_free(ids, n);
	return rc;
}

/* Whether --seller names a seller this run may work on; logs why not. */
static int
run_seller_known(const struct run *r)
{
	const char **ids;
	char *known;
	size_t i;

	if (r->cf == NULL)
		return cli_seller_known(r->datadir, r->only);
	if (config_seller_find(r->cf, r->only) != NULL)
		return 1;
	ids = xcalloc(r->cf->nsellers + 1, sizeof(*ids));
	for (i = 0; i < r->cf->nsellers; i++)
		ids[i] = r->cf->sellers[i].id;
	known = cli_sellers_named(ids, r->cf->nsellers, r->only);
	log_error("no seller %s in %s; known: %s", r->only, r->cf->path,
	    known);
	free(known);
	free(ids);
	return 0;
}

/* Fetches the run's sellers, when there is a configuration. */
static int
run_fetch(struct run *r)
{
	struct fetch_opts o;
	struct buf ua;
	size_t i, unreachable = 0;
	int64_t now;

	if (r->cf == NULL || r->cf->nsellers == 0)
		return 0;
	if (http_global_init() == -1) {
		log_error("cannot initialise libcurl");
		return -1;
	}
	buf_init(&ua, 0);
	buf_printf(&ua, "fbaudit/%s (Language=C)", FBAUDIT_VERSION);
	memset(&o, 0, sizeof(o));
	o.cf = r->cf;
	o.datadir = r->datadir;
	o.user_agent = ua.data;
	o.want = run_wants;
	o.want_arg = r;
	/* The fetch may take four fifths of the budget: the rest is for
	 * every seller's audit, filing and pages on what came. */
	if (r->deadline_ms != 0) {
		now = clock_mono_ms();
		o.deadline_ms = now + (r->deadline_ms - now) * 4 / 5;
	}
	r->fetched = fetch_run(&o, &r->nfetched);
	buf_free(&ua);
	for (i = 0; i < r->nfetched; i++)
		unreachable += r->fetched[i].unavailable;
	/* Amazon unreachable for everyone: exit 69 (docs/design.md §2.1). */
	return r->nfetched > 0 && unreachable == r->nfetched ? 1 : 0;
}

int
cmd_run(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "shard", required_argument, NULL, 'S' },
		{ "deadline", required_argument, NULL, 'd' },
		{ "rewind", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct http_settings hs = { 10.0, 30.0, NULL, 0, 0 };
	struct run r;
	struct buf err;
	char **ids = NULL, lockname[64];
	size_t i, n = 0;
	double minutes;
	char *end;
	int ch, lock = -1, rc = EXIT_OK, unreachable = 0;

	memset(&r, 0, sizeof(r));
	r.cli = cli;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			r.only = optarg;
			break;
		case 'S':
			if (run_parse_shard(optarg, &r) == -1) {
				log_error("--shard: \"%s\" is not K/N with "
				    "0 <= K < N", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'd':
			/* Minutes, a fraction allowed (tests use seconds). */
			minutes = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || !(minutes > 0) ||
			    minutes > 10080) {
				log_error("--deadline: \"%s\" is not a number "
				    "of minutes", optarg);
				return EXIT_USAGE;
			}
			r.deadline_ms = clock_mono_ms() +
			    (int64_t)(minutes * 60000 + 0.5);
			break;
		case 'r':
			r.rewind = 1;
			break;
		default:
			return cli_usage(run_usage);
		}
	}
	if (optind != argc || (r.only != NULL && r.shards != 0))
		return cli_usage(run_usage);
	if (!cli_seller_ok(r.only))
		return EXIT_USAGE;
	if (cli->config != NULL) {
		buf_init(&err, 0);
		if ((r.cf = config_load(cli->config, &err)) == NULL) {
			log_error("%s", err.data ? err.data : cli->config);
			buf_free(&err);
			return EXIT_USAGE;
		}
		buf_free(&err);
	}
	r.datadir = r.cf != NULL && r.cf->data_dir != NULL &&
	    !cli->datadir_named ? r.cf->data_dir : cli->datadir;
	/* A store is made only for a configured seller: --seller names a
	 * configured one, or (no -C) one that has a store. */
	if (r.only != NULL && !run_seller_known(&r)) {
		config_free(r.cf);
		return EXIT_USAGE;
	}
	/* After the usage errors, which return at once: freed at out. */
	lock_set_init(&r.locks);
	/*
	 * Shards never share a seller, so each has its own lock and N of
	 * them run in parallel over one data dir; a run of all sellers
	 * takes fbaudit.lock (do not mix it with shards: docs/operations).
	 */
	if (r.shards != 0)
		snprintf(lockname, sizeof(lockname),
		    "fbaudit.shard-%u-of-%u.lock", r.shard, r.shards);
	else
		snprintf(lockname, sizeof(lockname), "fbaudit.lock");
	if ((lock = lock_take(r.datadir, lockname)) == -2) {
		log_error("%s/%s: another run holds it", r.datadir, lockname);
		rc = EXIT_LOCKED;
		goto out;
	} else if (lock == -1) {
		log_error("%s/%s: cannot lock", r.datadir, lockname);
		rc = EXIT_USAGE;
		goto out;
	}
	if (r.shards == 0)
		run_sweep(r.datadir, 1);
	n = run_sellers(&r, &ids);
	/* Before anything is fetched or written: a clock stepped back (or
	 * a wrong --now) would close every open anomaly and turn expired
	 * claims back into pending ones (issue 15 §5). */
	if (!r.rewind && cli_day_refused(r.datadir, ids, n,
	    clock_today()) > 0) {
		rc = EXIT_USAGE;
		goto out;
	}
	for (i = 0; i < n; i++)
		run_sweep_seller(r.datadir, ids[i]);
	if ((unreachable = run_fetch(&r)) == -1) {
		rc = EXIT_UNAVAIL;
		goto out;
	}
	if ((rc = filer_open(&r.filer, r.cf, 0)) != 0) {
		filer_close(&r.filer);
		goto out;
	}
	/* The run's stdout is one summary line per seller: counts only. */
	r.filer.out = NULL;
	if (r.cf != NULL && r.cf->webhook_url != NULL) {
		hs.user_agent = "fbaudit/" FBAUDIT_VERSION " (Language=C)";
		if ((r.http = http_new(&hs)) == NULL)
			log_error("webhook: cannot make an HTTP client");
	}
	/* Nothing to do is not success: cron would never say why. */
	if (n == 0 && (r.cf == NULL || r.cf->nsellers == 0) &&
	    r.only == NULL && r.shards == 0) {
		log_error("no sellers: %s holds no seller's store and no "
		    "configuration names one. Start with \"fbaudit import "
		    "--seller ID FILE...\" (reports downloaded from Seller "
		    "Central), or give a configuration with -C CONFIG whose "
		    "[seller ID] sections fbaudit fetches (see fbaudit(1))",
		    r.datadir);
		filer_close(&r.filer);
		rc = EXIT_USAGE;
		goto out;
	}
	r.nsellers = n;
	for (r.at = 0; r.at < n; r.at++)
		run_seller(&r, ids[r.at]);
	log_status("run: the CSM page");
	if (run_csm(&r) == -1)
		r.failed++;
	/* Each CSM's queue by mail, once a day (cli/digest.h). */
	if (r.cf != NULL && r.cf->smtp_url != NULL && r.shards == 0 &&
	    digest_send_all(r.cf, r.datadir, NULL, FBAUDIT_VERSION) !=
	    EXIT_OK)
		r.failed++;
	if (unreachable)
		rc = EXIT_UNAVAIL;
	else if (r.failed > 0 || r.deferred > 0 || r.incomplete > 0)
		rc = EXIT_PARTIAL;
	printf("run: %d sellers done, %d failed, %d deferred, %d incomplete\n",
	    r.done, r.failed, r.deferred, r.incomplete);
	filer_close(&r.filer);
out:
	cli_sellers_free(ids, n);
	lock_set_free(&r.locks);
	free(r.fetched);
	http_free(r.http);
	config_free(r.cf);
	lock_release(lock);
	return rc;
}
