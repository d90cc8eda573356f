/*
 * fbaudit report dashboard|csm|export: the seller's HTML dashboard, the
 * CSM queue, and the claims export. Every output is written to a temp
 * file beside the target and renamed over it only when whole, so a
 * failed run leaves the old file as it was.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/csm_names.h"
#include "cli/filer.h"
#include "cli/settings.h"
#include "cli/digest.h"
#include "cli/sellers.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "reports/report.h"
#include "store/store.h"

static const char report_usage[] =
    "report dashboard --seller ID [-o FILE.html] [--lang en|de|fr|es]\n"
    "  report csm -o FILE.html [--csm NAME] [--lang en|de|fr|es]\n"
    "  report digest [--csm NAME]\n"
    "  report export --seller ID --format csv|json -o FILE";

/* What the subcommands take. */
struct report_args {
	const char	*seller;
	const char	*out;
	const char	*format;
	const char	*csm;
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
		{ "csm", required_argument, NULL, 'c' },
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
		case 'c':
			a->csm = optarg;
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
	if (a->csm != NULL && !sellerid_valid(a->csm)) {
		log_error("--csm: \"%.64s\" is not a CSM name (1-64 of A-Z a-z "
		    "0-9 _ -)", a->csm);
		return -1;
	}
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

	if ((st = store_open(cli->datadir, seller, STORE_OPEN_READ, err,
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

	if (a->seller == NULL)
		return cli_missing("report dashboard", "--seller ID",
		    report_usage);
	if (a->format != NULL || a->csm != NULL)
		return cli_usage(report_usage);
	if (!cli_seller_known(cli->datadir, a->seller))
		return EXIT_USAGE;
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

/*
 * How a page written at out links the dashboards of datadir: "" when it
 * is in datadir, else datadir's absolute path and "/". NULL when either
 * cannot be resolved (no links). The caller frees it.
 */
static char *
report_dash_href(const char *datadir, const char *out)
{
	char *d, *o, *slash, *href = NULL;
	struct buf dir;

	buf_init(&dir, 0);
	slash = strrchr(out, '/');
	if (slash == NULL)
		buf_adds(&dir, ".");
	else if (slash == out)
		buf_adds(&dir, "/");
	else
		buf_add(&dir, out, (size_t)(slash - out));
	d = realpath(datadir, NULL);
	o = realpath(dir.data, NULL);
	if (d != NULL && o != NULL) {
		buf_reset(&dir);
		if (strcmp(d, o) != 0)
			buf_printf(&dir, "%s/", d);
		else
			buf_adds(&dir, "");
		href = buf_take(&dir);
	}
	free(d);
	free(o);
	buf_free(&dir);
	return href;
}

/*
 * Whether name is a CSM the data dir knows (cli/csm_names.h: from the
 * configuration, else from what the sellers' stores kept); logs the
 * known ones when not.
 */
static int
report_csm_known(const struct config *cf, const char *datadir,
    char *const *ids, size_t n, const char *name)
{
	char **names, *known;
	size_t i, count;

	names = cli_csm_names(cf, datadir, ids, n, &count);
	for (i = 0; i < count && strcmp(names[i], name) != 0; i++)
		;
	if (i == count && cf == NULL && count == 0)
		log_error("no CSM %s: no store in %s names a CSM (a store "
		    "keeps its seller's csm from a command run with -C); give "
		    "-C CONFIG", name, datadir);
	else if (i == count) {
		known = cli_sellers_named((const char *const *)names, count,
		    name);
		if (cf != NULL)
			log_error("no CSM %s in %s; known: %s", name, cf->path,
			    known);
		else
			log_error("no CSM %s in the stores of %s (no -C); "
			    "known: %s", name, datadir, known);
		free(known);
	}
	cli_sellers_free(names, count);
	return i < count;
}

static int
report_csm(const struct cli *cli, struct report_args *a)
{
	struct csm_opts co = { a->csm, NULL };
	struct atomic_file af;
	char **ids, *href;
	size_t n;
	enum csm_result w;
	int rc = EXIT_PARTIAL;

	if (a->out == NULL)
		return cli_missing("report csm", "-o FILE.html",
		    report_usage);
	if (a->seller != NULL || a->format != NULL)
		return cli_usage(report_usage);
	if (a->opts.lang == NULL)
		a->opts.lang = "en";
	ids = cli_sellers(cli->datadir, NULL, &n);
	if (a->csm != NULL && !report_csm_known(a->opts.cf, cli->datadir,
	    ids, n, a->csm)) {
		cli_sellers_free(ids, n);
		return EXIT_USAGE;
	}
	co.dash_href = href = report_dash_href(cli->datadir, a->out);
	if (report_open(&af, a->out) == 0) {
		/* A seller that cannot be read is named on the page: the
		 * page is still written, and the exit status says partial. */
		w = csm_write(cli->datadir, ids, n, af.fp, &a->opts, &co);
		if (report_commit(&af, a->out, w != CSM_FAILED) == 0)
			rc = w == CSM_WHOLE ? EXIT_OK : EXIT_PARTIAL;
	}
	free(href);
	cli_sellers_free(ids, n);
	return rc;
}

static int
report_export(const struct cli *cli, struct report_args *a)
{
	struct atomic_file af;
	struct store *st;
	int format, rc = EXIT_PARTIAL;

	if (a->seller == NULL)
		return cli_missing("report export", "--seller ID",
		    report_usage);
	if (a->format == NULL)
		return cli_missing("report export", "--format csv|json",
		    report_usage);
	if (a->out == NULL)
		return cli_missing("report export", "-o FILE",
		    report_usage);
	if (a->csm != NULL)
		return cli_usage(report_usage);
	if (!cli_seller_known(cli->datadir, a->seller))
		return EXIT_USAGE;
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

static int
report_digest(const struct cli *cli, struct report_args *a)
{
	if (a->seller != NULL || a->out != NULL || a->format != NULL)
		return cli_usage(report_usage);
	if (a->opts.cf == NULL) {
		log_error("report digest: missing -C CONFIG (smtp_url, "
		    "smtp_from and each [csm NAME] email)");
		return EXIT_USAGE;
	}
	return digest_send_all(a->opts.cf, cli->datadir, a->csm,
	    FBAUDIT_VERSION);
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
	else if (strcmp(argv[1], "digest") == 0)
		rc = report_digest(&c, &a);
	else
		rc = cli_usage(report_usage);
	config_free(cf);
	return rc;
}
