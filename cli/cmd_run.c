/*
 * fbaudit run: the nightly job (docs/design.md §9). Under one lock per data
 * dir: fetch every seller of the shard together, and as soon as one
 * seller's fetch ends, do its steps in isolation (cli/run_seller.c:
 * audit, reconcile, file, raise anomalies, tell the webhook, write the
 * dashboard) while the others are still fetched, so one slow seller
 * never costs the others their night; then the CSM pages of every
 * seller. One seller's failure is logged and the others go on; a
 * deadline defers what is left to the next night. One summary line per
 * seller, fit for cron mail.
 */
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/digest.h"
#include "cli/filer.h"
#include "cli/lock.h"
#include "cli/run.h"
#include "cli/sellers.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "market/fetch.h"
#include "market/http.h"

static const char run_usage[] = "run [--seller ID | --shard K/N] "
    "[--deadline MINUTES] [--rewind]";
static const char run_user_agent[] = "fbaudit/" FBAUDIT_VERSION
    " (Language=C)";

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
 * and the others go on. Into r->ids.
 */
static void
run_sellers(struct run *r)
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
			r->count[RUN_FAILED]++;
			break;
		default:
			log_error("%s: cannot lock: %s", all[k],
			    strerror(errno));
			printf("%s: failed: cannot lock: %s\n", all[k],
			    strerror(errno));
			r->count[RUN_FAILED]++;
			break;
		}
	}
	cli_sellers_free(all, m);
	r->locked = 1;
	r->ids = ids;
	r->nids = n;
	r->did = xcalloc(n + 1, 1);
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

/*
 * A seller's fetch ended (called on the run's thread while the others
 * are still fetched): its steps, at once. They share nothing with the
 * workers: another store, the run's own HTTP clients, and no libxml2
 * (only imports parse XML, in the workers, under fetch.c's lock).
 */
static void
run_fetch_done(const struct fetch_result *fr, void *arg)
{
	struct run *r = arg;
	size_t i;

	for (i = 0; i < r->nids; i++)
		if (!r->did[i] && strcmp(r->ids[i], fr->seller) == 0)
			break;
	if (i == r->nids)
		return;
	r->did[i] = 1;
	run_seller(r, r->ids[i], fr);
}

/*
 * Fetches the run's sellers, when there is a configuration, each one's
 * steps done as its fetch ends. Returns 0, 1 when Amazon was
 * unreachable for every seller, or -1.
 */
static int
run_fetch(struct run *r)
{
	struct fetch_result *res;
	struct fetch_opts o;
	size_t i, n, unreachable = 0;
	int64_t now;

	if (r->cf == NULL || r->cf->nsellers == 0)
		return 0;
	if (http_global_init() == -1) {
		log_error("cannot initialise libcurl");
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.cf = r->cf;
	o.datadir = r->datadir;
	o.user_agent = run_user_agent;
	o.want = run_wants;
	o.want_arg = r;
	o.done = run_fetch_done;
	o.done_arg = r;
	/* The fetch may take four fifths of the budget: the rest is for
	 * every seller's audit, filing and pages on what came. */
	if (r->deadline_ms != 0) {
		now = clock_mono_ms();
		o.deadline_ms = now + (r->deadline_ms - now) * 4 / 5;
	}
	res = fetch_run(&o, &n);
	for (i = 0; i < n; i++)
		unreachable += res[i].unavailable;
	free(res);
	/* Amazon unreachable for everyone: exit 69 (docs/design.md §2.1). */
	return n > 0 && unreachable == n ? 1 : 0;
}

/* Parses run's options into r. Returns EXIT_OK or an exit status. */
static int
run_options(struct run *r, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "shard", required_argument, NULL, 'S' },
		{ "deadline", required_argument, NULL, 'd' },
		{ "rewind", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	double minutes;
	char *end;
	int ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			r->only = optarg;
			break;
		case 'S':
			if (run_parse_shard(optarg, r) == -1) {
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
			r->deadline_ms = clock_mono_ms() +
			    (int64_t)(minutes * 60000 + 0.5);
			break;
		case 'r':
			r->rewind = 1;
			break;
		default:
			return cli_usage(run_usage);
		}
	}
	if (optind != argc || (r->only != NULL && r->shards != 0))
		return cli_usage(run_usage);
	if (!cli_seller_ok(r->only))
		return EXIT_USAGE;
	return EXIT_OK;
}

/*
 * Loads the configuration and finds the data dir; checks --seller.
 * Returns EXIT_OK or an exit status.
 */
static int
run_config(struct run *r)
{
	const struct cli *cli = r->cli;
	struct buf err;

	if (cli->config != NULL) {
		buf_init(&err, 0);
		if ((r->cf = config_load(cli->config, &err)) == NULL) {
			log_error("%s", err.data ? err.data : cli->config);
			buf_free(&err);
			return EXIT_USAGE;
		}
		buf_free(&err);
	}
	r->datadir = r->cf != NULL && r->cf->data_dir != NULL &&
	    !cli->datadir_named ? r->cf->data_dir : cli->datadir;
	/* A store is made only for a configured seller: --seller names a
	 * configured one, or (no -C) one that has a store. */
	if (r->only != NULL && !run_seller_known(r))
		return EXIT_USAGE;
	return EXIT_OK;
}

/*
 * Takes the run lock. Shards never share a seller, so each has its own
 * lock and N of them run in parallel over one data dir; a run of all
 * sellers takes fbaudit.lock (do not mix it with shards:
 * docs/operations). Returns its descriptor, or -1 with *rc set.
 */
static int
run_lock(const struct run *r, int *rc)
{
	char name[64];
	int lock;

	if (r->shards != 0)
		snprintf(name, sizeof(name), "fbaudit.shard-%u-of-%u.lock",
		    r->shard, r->shards);
	else
		snprintf(name, sizeof(name), "fbaudit.lock");
	if ((lock = lock_take(r->datadir, name)) == -2) {
		log_error("%s/%s: another run holds it", r->datadir, name);
		*rc = EXIT_LOCKED;
		return -1;
	} else if (lock == -1) {
		log_error("%s/%s: cannot lock", r->datadir, name);
		*rc = EXIT_USAGE;
		return -1;
	}
	return lock;
}

/*
 * Before anything is fetched: the sellers under their locks, the day
 * checked, the temp files of killed processes swept, the claims
 * transport and the webhook client set up. Returns EXIT_OK or an exit
 * status.
 */
static int
run_prepare(struct run *r)
{
	struct http_settings hs = { 10.0, 30.0, NULL, 0, 0 };
	size_t i;
	int rc;

	if (r->shards == 0)
		run_sweep(r->datadir, 1);
	run_sellers(r);
	/* A clock stepped back (or a wrong --now) would close every open
	 * anomaly and turn expired claims back into pending ones (issue 15
	 * §5). */
	if (!r->rewind && cli_day_refused(r->datadir, r->ids, r->nids,
	    clock_today()) > 0)
		return EXIT_USAGE;
	for (i = 0; i < r->nids; i++)
		run_sweep_seller(r->datadir, r->ids[i]);
	if ((rc = filer_open(&r->filer, r->cf, 0)) != 0)
		return rc;
	/* The run's stdout is one summary line per seller: counts only. */
	r->filer.out = NULL;
	if (r->cf != NULL && r->cf->webhook_url != NULL) {
		hs.user_agent = run_user_agent;
		if ((r->http = http_new(&hs)) == NULL)
			log_error("webhook: cannot make an HTTP client");
	}
	/* Nothing to do is not success: cron would never say why. */
	if (r->nids == 0 && (r->cf == NULL || r->cf->nsellers == 0) &&
	    r->only == NULL && r->shards == 0) {
		log_error("no sellers: %s holds no seller's store and no "
		    "configuration names one. Start with \"fbaudit import "
		    "--seller ID FILE...\" (reports downloaded from Seller "
		    "Central), or give a configuration with -C CONFIG whose "
		    "[seller ID] sections fbaudit fetches (see fbaudit(1))",
		    r->datadir);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* The night, under the run lock. Returns the exit status. */
static int
run_night(struct run *r)
{
	size_t i;
	int rc, unreachable;

	if ((rc = run_prepare(r)) != EXIT_OK)
		return rc;
	if ((unreachable = run_fetch(r)) == -1)
		return EXIT_UNAVAIL;
	/* Those with a store but no fetch. */
	for (i = 0; i < r->nids; i++)
		if (!r->did[i])
			run_seller(r, r->ids[i], NULL);
	log_status("run: the CSM page");
	if (run_csm(r) == -1)
		r->count[RUN_FAILED]++;
	/* Each CSM's queue by mail, once a day (cli/digest.h). */
	if (r->cf != NULL && r->cf->smtp_url != NULL && r->shards == 0 &&
	    digest_send_all(r->cf, r->datadir, NULL, FBAUDIT_VERSION) !=
	    EXIT_OK)
		r->count[RUN_FAILED]++;
	if (unreachable)
		rc = EXIT_UNAVAIL;
	else if (r->count[RUN_FAILED] > 0 || r->count[RUN_DEFERRED] > 0 ||
	    r->count[RUN_INCOMPLETE] > 0)
		rc = EXIT_PARTIAL;
	printf("run: %d sellers done, %d failed, %d deferred, %d incomplete\n",
	    r->count[RUN_OK], r->count[RUN_FAILED], r->count[RUN_DEFERRED],
	    r->count[RUN_INCOMPLETE]);
	return rc;
}

int
cmd_run(const struct cli *cli, int argc, char **argv)
{
	struct run r;
	int lock, rc;

	memset(&r, 0, sizeof(r));
	r.cli = cli;
	if ((rc = run_options(&r, argc, argv)) != EXIT_OK)
		return rc;
	if ((rc = run_config(&r)) != EXIT_OK) {
		config_free(r.cf);
		return rc;
	}
	lock_set_init(&r.locks);
	if ((lock = run_lock(&r, &rc)) != -1)
		rc = run_night(&r);
	filer_close(&r.filer);
	cli_sellers_free(r.ids, r.nids);
	free(r.did);
	lock_set_free(&r.locks);
	http_free(r.http);
	config_free(r.cf);
	lock_release(lock);
	return rc;
}
