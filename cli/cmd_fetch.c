/*
 * fbaudit fetch [--seller ID] [--since YYYY-MM-DD]: downloads every
 * configured seller's new reports into its inbox and imports them.
 * Prints one summary line per seller on stdout as that seller's fetch
 * ends, and lets go of its lock then (docs/design.md §9.1).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lock.h"
#include "cli/sellers.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/sellerid.h"
#include "market/fetch.h"
#include "market/http.h"

#define FETCH_USAGE	"fetch [--seller ID] [--since YYYY-MM-DD]"

/* The exit status of a night (docs/design.md §2). */
static int
fetch_status(const struct fetch_result *r, size_t n)
{
	size_t i, failed = 0, unavailable = 0;

	for (i = 0; i < n; i++) {
		failed += r[i].failed != 0;
		unavailable += r[i].failed && r[i].unavailable &&
		    r[i].imported == 0;
	}
	if (n > 0 && unavailable == n)
		return EXIT_UNAVAIL;
	return failed > 0 ? EXIT_PARTIAL : EXIT_OK;
}

/* One line per seller, fit for cron mail, into b. */
static void
fetch_summary(const struct fetch_result *r, struct buf *b)
{
	char why[sizeof(r->why)];

	buf_printf(b, "%s: %s: %d created, %d imported (%lld rows), %d "
	    "settlements, %d shipments", r->seller, r->failed ? "FAILED" :
	    "ok", r->created, r->imported, (long long)r->rows,
	    r->settlements, r->shipments);
	if (r->cancelled > 0)
		buf_printf(b, ", %d without data", r->cancelled);
	if (r->fatal > 0)
		buf_printf(b, ", %d FATAL", r->fatal);
	if (r->pending > 0)
		buf_printf(b, ", %d still generating", r->pending);
	if (r->failed)
		buf_printf(b, ": %s", log_clean_copy(why, sizeof(why),
		    r->why));
}

/* The sellers' locks of a fetch: taken as the fetch picks its sellers. */
struct fetch_locks {
	const struct cli	*cli;
	const char		*datadir;
	struct lock_set		 ls;
	int			 locked, failed;
};

/*
 * A seller's fetch ended (on fetch_run's thread; the fetch touches its
 * store and folder no more): its line now, flushed for a tailed log, and
 * its lock let go, so a hand-run writer on it need not wait for the
 * other sellers' reports.
 */
static void
fetch_done(const struct fetch_result *fr, void *arg)
{
	struct fetch_locks *fl = arg;
	struct buf line;

	buf_init(&line, 0);
	fetch_summary(fr, &line);
	log_stdout_line(line.data);
	buf_free(&line);
	lock_set_drop(&fl->ls, fr->seller);
}

/* Whether the fetch takes seller id: only with its lock held. */
static int
fetch_wants(const char *id, void *arg)
{
	struct fetch_locks *fl = arg;
	struct lock_holder who;

	switch (lock_set_take(&fl->ls, fl->datadir, id, cli_wait(fl->cli,
	    CLI_WAIT_DEFAULT), &who)) {
	case 0:
		return 1;
	case -2:
		cli_locked_line(id, &who);
		fl->locked++;
		return 0;
	default:
		log_error("%s: cannot lock: %s", id, strerror(errno));
		printf("%s: FAILED: cannot lock: %s\n", id, strerror(errno));
		fl->failed++;
		return 0;
	}
}

/*
 * Parses fetch's options into o. Returns 0, or the exit status of a usage
 * error (logged).
 */
static int
fetch_options(int argc, char **argv, struct fetch_opts *o)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "since", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	int32_t day;
	int ch;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			if (!sellerid_valid(optarg)) {
				log_error("--seller: a seller id is 1-64 of "
				    "A-Z a-z 0-9 _ -");
				return EXIT_USAGE;
			}
			o->seller = optarg;
			break;
		case 'S':
			if (date_parse_ymd(optarg, &day) == -1) {
				log_error("--since: \"%s\" is not a date "
				    "YYYY-MM-DD", optarg);
				return EXIT_USAGE;
			}
			o->has_since = 1;
			o->since = (int64_t)day * 86400;
			break;
		default:
			return cli_usage(FETCH_USAGE);
		}
	}
	if (optind != argc)
		return cli_usage(FETCH_USAGE);
	return 0;
}

int
cmd_fetch(const struct cli *cli, int argc, char **argv)
{
	struct fetch_opts o;
	struct fetch_locks fl;
	struct fetch_result *res = NULL;
	struct config *cf = NULL;
	struct buf err, ua;
	size_t n = 0;
	int bad, rc = EXIT_USAGE;

	memset(&o, 0, sizeof(o));
	memset(&fl, 0, sizeof(fl));
	lock_set_init(&fl.ls);
	buf_init(&err, 0);
	buf_init(&ua, 0);
	if ((bad = fetch_options(argc, argv, &o)) != 0) {
		rc = bad;
		goto out;
	}
	if (cli->config == NULL) {
		log_error("fetch needs a configuration: -C FILE");
		goto out;
	}
	if ((cf = config_load(cli->config, &err)) == NULL) {
		fprintf(stderr, "%s", err.data ? err.data : "");
		goto out;
	}
	if (cf->nsellers == 0) {
		log_error("%s: no [seller ID] section", cli->config);
		goto out;
	}
	if (http_global_init() == -1) {
		log_error("cannot initialise libcurl");
		rc = EXIT_UNAVAIL;
		goto out;
	}
	buf_printf(&ua, "fbaudit/%s (Language=C)", FBAUDIT_VERSION);
	o.cf = cf;
	/* -d or FBAUDIT_DATA win, then data_dir of the configuration. */
	o.datadir = cli->datadir;
	if (cf->data_dir != NULL && !cli->datadir_named)
		o.datadir = cf->data_dir;
	o.user_agent = ua.data;
	fl.cli = cli;
	fl.datadir = o.datadir;
	o.want = fetch_wants;
	o.want_arg = &fl;
	o.done = fetch_done;
	o.done_arg = &fl;
	if ((res = fetch_run(&o, &n)) == NULL) {
		log_error("--seller %s: no [seller %s] in %s", o.seller,
		    o.seller, cli->config);
		goto out;
	}
	rc = fetch_status(res, n);
	if (fl.locked > 0)
		rc = EXIT_LOCKED;
	else if (fl.failed > 0 && rc == EXIT_OK)
		rc = EXIT_PARTIAL;
out:
	lock_set_free(&fl.ls);
	free(res);
	config_free(cf);
	buf_free(&err);
	buf_free(&ua);
	return rc;
}
