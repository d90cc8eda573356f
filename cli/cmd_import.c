/* fbaudit import: load report files into a seller's store. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/sellers.h"
#include "ingest/charset.h"
#include "ingest/import.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "store/store.h"

static const char import_usage[] = "import --seller ID [--type TYPE] "
    "[--charset CS] [--lenient] [--range FROM..TO] FILE...";

/* Parses "YYYY-MM-DD..YYYY-MM-DD". Returns 0 or -1. */
static int
import_parse_range(const char *s, struct import_opts *o)
{
	char from[11], to[11];
	const char *dots = strstr(s, "..");

	if (dots == NULL || dots - s != 10 || strlen(dots + 2) != 10)
		return -1;
	memcpy(from, s, 10);
	from[10] = '\0';
	memcpy(to, dots + 2, 11);
	if (date_parse_ymd(from, &o->range_lo) == -1 ||
	    date_parse_ymd(to, &o->range_hi) == -1 ||
	    o->range_lo > o->range_hi)
		return -1;
	o->has_range = 1;
	return 0;
}

/* Logs the outcome of one file. */
static void
import_report(const char *path, const struct import_result *r)
{
	char lo[DATE_STRLEN], hi[DATE_STRLEN];

	switch (r->status) {
	case IMPORT_DONE:
		if (r->lo <= r->hi)
			log_info("%s: imported %s, %lld rows (%s..%s)%s", path,
			    r->type, (long long)r->rows,
			    date_format(r->lo, lo), date_format(r->hi, hi),
			    r->bad ? ", some rows skipped" : "");
		else
			log_info("%s: imported %s, %lld rows", path, r->type,
			    (long long)r->rows);
		if (r->bad)
			log_warn("%s: %lld bad rows skipped (--lenient); "
			    "recorded in the store", path, (long long)r->bad);
		break;
	case IMPORT_SKIPPED:
		log_info("%s", r->message);
		break;
	default:
		log_error("%s", r->message);
		break;
	}
}

/*
 * Whether the configuration names seller (logging the configured ones
 * when not); sets *datadir to its data_dir unless -d named one.
 */
static int
import_configured(const struct cli *cli, const char *seller,
    const char **datadir)
{
	static char dir[4096];
	const char **ids;
	struct config *cf;
	struct buf err;
	char *known;
	size_t i;
	int ok;

	buf_init(&err, 0);
	if ((cf = config_load(cli->config, &err)) == NULL) {
		log_error("%s", err.data ? err.data : cli->config);
		buf_free(&err);
		return 0;
	}
	buf_free(&err);
	if ((ok = config_seller_find(cf, seller) != NULL)) {
		if (cf->data_dir != NULL && !cli->datadir_named) {
			snprintf(dir, sizeof(dir), "%s", cf->data_dir);
			*datadir = dir;
		}
	} else {
		ids = xcalloc(cf->nsellers + 1, sizeof(*ids));
		for (i = 0; i < cf->nsellers; i++)
			ids[i] = cf->sellers[i].id;
		known = cli_sellers_named(ids, cf->nsellers, seller);
		log_error("no seller %s in %s; known: %s", seller, cli->config,
		    known);
		free(known);
		free(ids);
	}
	config_free(cf);
	return ok;
}

int
cmd_import(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "charset", required_argument, NULL, 'c' },
		{ "lenient", no_argument, NULL, 'l' },
		{ "range", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_opts o;
	struct import_result r;
	struct store *st;
	const char *seller = NULL, *datadir = cli->datadir;
	char err[256];
	int ch, i, cs, done = 0, rejected = 0, failed = 0;

	memset(&o, 0, sizeof(o));
	o.charset = CHARSET_UTF8;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			seller = optarg;
			break;
		case 't':
			o.type = optarg;
			break;
		case 'c':
			if ((cs = charset_parse(optarg)) == -1) {
				log_error("--charset: unknown \"%s\" (utf-8, "
				    "windows-1252, iso-8859-1)", optarg);
				return EXIT_USAGE;
			}
			o.charset = (enum charset)cs;
			break;
		case 'l':
			o.lenient = 1;
			break;
		case 'r':
			if (import_parse_range(optarg, &o) == -1) {
				log_error("--range: \"%s\" is not "
				    "YYYY-MM-DD..YYYY-MM-DD", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return cli_usage(import_usage);
		}
	}
	if (seller == NULL || optind >= argc) {
		log_error("import: missing %s", seller == NULL ?
		    "--seller ID" : "FILE...");
		return cli_usage(import_usage);
	}
	if (!sellerid_valid(seller)) {
		log_error("--seller: \"%.64s\" is not a seller id (1-64 of "
		    "A-Z a-z 0-9 _ -)", seller);
		return EXIT_USAGE;
	}
	/* With -C a store is only made for a configured seller: a typo
	 * must not become a new seller. */
	if (cli->config != NULL && !import_configured(cli, seller, &datadir))
		return EXIT_USAGE;
	if ((st = store_open(datadir, seller, STORE_OPEN_CREATE, err,
	    sizeof(err))) == NULL) {
		log_error("%s: %s", seller, err);
		return EXIT_PARTIAL;
	}
	for (i = optind; i < argc; i++) {
		switch (import_file(st, argv[i], &o, &r)) {
		case IMPORT_DONE:
		case IMPORT_SKIPPED:
			done++;
			break;
		case IMPORT_REJECTED:
			rejected++;
			break;
		default:
			failed++;
			break;
		}
		import_report(argv[i], &r);
	}
	store_close(st);
	if (failed || (rejected && done))
		return EXIT_PARTIAL;
	return rejected ? EXIT_DATAERR : EXIT_OK;
}
