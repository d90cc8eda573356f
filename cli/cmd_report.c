/*
 * fbaudit report dashboard|csm|export: the seller's HTML dashboard, the
 * CSM queue, and the claims export. Every output is written to a temp
 * file beside the target and renamed over it only when whole, so a
 * failed run leaves the old file as it was.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/filer.h"
#include "cli/settings.h"
#include "cli/sellers.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "reports/report.h"
#include "store/store.h"

static const char report_usage[] =
    "report dashboard --seller ID [-o FILE.html] [--lang en|de|fr|es]\n"
    "  report csm -o FILE.html [--lang en|de|fr|es]\n"
    "  report export --seller ID --format csv|json -o FILE";

/* What the three subcommands take. */
struct report_args {
	const char	*seller;
	const char	*out;
	const char	*format;
	struct report_opts opts;
};

static int
report_parse(int argc, char **argv, struct report_args *a)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "lang", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	int ch;

	memset(a, 0, sizeof(*a));
	/* No --lang: the seller's (dashboard), else English. */
	a->opts.lang = NULL;
	a->opts.version = FBAUDIT_VERSION;
	while ((ch = getopt_long(argc, argv, "o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			a->seller = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'l':
			a->opts.lang = optarg;
			break;
		case 'f':
			a->format = optarg;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc)
		return -1;
	if (a->opts.lang != NULL && !report_lang_known(a->opts.lang)) {
		log_error("--lang: \"%.16s\" is not one of en, de, fr, es",
		    a->opts.lang);
		return -1;
	}
	if (!cli_seller_ok(a->seller))
		return -1;
	if (a->out != NULL && *a->out == '\0')
		return -1;
	return 0;
}

/* Opens the seller's existing store, or says why not. */
static struct store *
report_store(const struct cli *cli, const char *seller)
{
	struct store *st;
	char err[256];

	if ((st = store_open(cli->datadir, seller, 0, err,
	    sizeof(err))) == NULL)
		log_error("%s: %s", seller, err);
	return st;
}

static int
report_open(struct atomic_file *af, const char *path)
{
	if (atomic_open(af, path) == -1) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Renames the finished output into place, or drops it. */
static int
report_commit(struct atomic_file *af, const char *path, int ok)
{
	if (!ok) {
		atomic_abort(af);
		log_error("%s: not written; the old file, if any, is kept",
		    path);
		return -1;
	}
	if (atomic_commit(af) == -1) {
		log_error("%s: %s", path, strerror(errno));
		return -1;
	}
	log_info("%s: written", path);
	return 0;
}

static int
report_dashboard(const struct cli *cli, struct report_args *a)
{
	struct store_settings set;
	struct atomic_file af;
	struct store *st;
	struct buf path;
	int rc = EXIT_PARTIAL;

	if (a->seller == NULL || a->format != NULL)
		return cli_usage(report_usage);
	if ((st = report_store(cli, a->seller)) == NULL)
		return EXIT_USAGE;
	/* The seller's settings: its name and language (issue 16 §2). */
	if (cli_settings(a->opts.cf, st, &set) == -1) {
		store_close(st);
		return EXIT_PARTIAL;
	}
	if (a->opts.lang == NULL)
		a->opts.lang = report_lang_known(set.lang) ? set.lang : "en";
	a->opts.packet_text = filer_packet_text;
	/* Without -o: DATADIR/SELLER/dashboard.html (docs/design.md §2). */
	buf_init(&path, 0);
	if (a->out == NULL)
		buf_printf(&path, "%s/dashboard.html", store_dir(st));
	else
		buf_adds(&path, a->out);
	if (report_open(&af, path.data) == 0 &&
	    report_commit(&af, path.data,
	    dashboard_write(st, af.fp, &a->opts) == 0) == 0)
		rc = EXIT_OK;
	buf_free(&path);
	store_settings_free(&set);
	store_close(st);
	return rc;
}

static int
report_csm(const struct cli *cli, struct report_args *a)
{
	struct atomic_file af;
	char **ids;
	size_t n;
	int rc = EXIT_PARTIAL, w;

	if (a->out == NULL || a->seller != NULL || a->format != NULL)
		return cli_usage(report_usage);
	if (a->opts.lang == NULL)
		a->opts.lang = "en";
	ids = cli_sellers(cli->datadir, NULL, &n);
	if (report_open(&af, a->out) == 0) {
		/* A seller that cannot be read is named on the page: the
		 * page is still written, and the exit status says partial. */
		w = csm_write(cli->datadir, ids, n, af.fp, &a->opts);
		if (report_commit(&af, a->out, w != -1) == 0)
			rc = w == 0 ? EXIT_OK : EXIT_PARTIAL;
	}
	cli_sellers_free(ids, n);
	return rc;
}

static int
report_export(const struct cli *cli, struct report_args *a)
{
	struct atomic_file af;
	struct store *st;
	int format, rc = EXIT_PARTIAL;

	if (a->seller == NULL || a->out == NULL || a->format == NULL)
		return cli_usage(report_usage);
	format = listout_format_parse(a->format);
	if (format != LISTOUT_CSV && format != LISTOUT_JSON) {
		log_error("--format: \"%.16s\" is not csv or json", a->format);
		return EXIT_USAGE;
	}
	if ((st = report_store(cli, a->seller)) == NULL)
		return EXIT_USAGE;
	if (report_open(&af, a->out) == 0 && report_commit(&af, a->out,
	    export_write(st, af.fp, (enum listout_format)format) == 0) == 0)
		rc = EXIT_OK;
	store_close(st);
	return rc;
}

int
cmd_report(const struct cli *cli, int argc, char **argv)
{
	struct report_args a;
	struct config *cf = NULL;
	struct cli c = *cli;
	struct buf err;
	int rc;

	if (argc < 2)
		return cli_usage(report_usage);
	if (report_parse(argc - 1, argv + 1, &a) == -1)
		return cli_usage(report_usage);
	/* With -C: the sellers' names and CSMs, and its data_dir. */
	if (cli->config != NULL) {
		buf_init(&err, 0);
		cf = config_load(cli->config, &err);
		if (cf == NULL)
			log_error("%s", err.data ? err.data : cli->config);
		buf_free(&err);
		if (cf == NULL)
			return EXIT_USAGE;
		if (cf->data_dir != NULL && !cli->datadir_named)
			c.datadir = cf->data_dir;
		a.opts.cf = cf;
	}
	if (strcmp(argv[1], "dashboard") == 0)
		rc = report_dashboard(&c, &a);
	else if (strcmp(argv[1], "csm") == 0)
		rc = report_csm(&c, &a);
	else if (strcmp(argv[1], "export") == 0)
		rc = report_export(&c, &a);
	else
		rc = cli_usage(report_usage);
	config_free(cf);
	return rc;
}
