/* fbaudit import: load report files into a seller's store. */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lock.h"
#include "cli/sellers.h"
#include "ingest/charset.h"
#include "ingest/import.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/marketplace.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "store/store.h"

static const char import_usage[] = "import --seller ID [--type TYPE] "
    "[--charset CS] [--country CC] [--lenient] [--range FROM..TO] FILE...";

/*
 * With -C: the seller's home country, that of the first of its
 * configured marketplaces (for ledgers without Country), into country
 * (unless --country named one). *datadir: the data folder (-d, else the
 * configured data_dir), for the caller to free. Returns 0, or -1 if the
 * configuration is unusable or does not name the seller (logged).
 */
static int
import_config(const struct cli *cli, const char *seller, char country[3],
    char **datadir)
{
	const struct config_seller *cs;
	const char **ids;
	struct config *cf;
	struct buf err;
	const char *c;
	char *known;
	size_t i;

	*datadir = NULL;
	if (cli->config == NULL) {
		*datadir = xstrdup(cli->datadir);
		return 0;
	}
	buf_init(&err, 0);
	if ((cf = config_load(cli->config, &err)) == NULL) {
		log_error("%s", err.data ? err.data : cli->config);
		buf_free(&err);
		return -1;
	}
	buf_free(&err);
	/* With -C a store is only made for a configured seller: a typo
	 * must not become a new seller. */
	if ((cs = config_seller_find(cf, seller)) == NULL) {
		ids = xcalloc(cf->nsellers + 1, sizeof(*ids));
		for (i = 0; i < cf->nsellers; i++)
			ids[i] = cf->sellers[i].id;
		known = cli_sellers_named(ids, cf->nsellers, seller);
		log_error("no seller %s in %s; known: %s", seller, cli->config,
		    known);
		free(known);
		free(ids);
		config_free(cf);
		return -1;
	}
	*datadir = xstrdup(cf->data_dir != NULL && !cli->datadir_named ?
	    cf->data_dir : cli->datadir);
	if (country[0] == '\0' && cs != NULL && cs->nmarketplaces > 0) {
		if ((c = marketplace_country_by_id(cs->marketplaces[0])) ==
		    NULL)
			log_warn("%s: marketplace %s: country unknown", seller,
			    cs->marketplaces[0]);
		else
			memcpy(country, c, 3);
	}
	config_free(cf);
	return 0;
}

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
			/* --lenient's bad rows, or inbound entries that name
			 * no shipment (docs/design.md §5: only the model's
			 * required fields are required). */
			log_warn("%s: %lld rows left out; each is recorded "
			    "in the store (import_errors)", path,
			    (long long)r->bad);
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
 * Parses import's options into o, *seller and country (FILE... start at
 * optind). Returns 0, or the exit status of a usage error (logged).
 */
static int
import_options(int argc, char **argv, struct import_opts *o,
    const char **seller, char country[3])
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "type", required_argument, NULL, 't' },
		{ "charset", required_argument, NULL, 'c' },
		{ "country", required_argument, NULL, 'C' },
		{ "lenient", no_argument, NULL, 'l' },
		{ "range", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	char names[256];
	int ch, cs;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			*seller = optarg;
			break;
		case 't':
			o->type = optarg;
			break;
		case 'c':
			if ((cs = charset_parse(optarg)) == -1) {
				charset_names(names, sizeof(names));
				log_error("--charset: unknown \"%.64s\" (%s)",
				    optarg, names);
				return EXIT_USAGE;
			}
			o->charset = (enum charset)cs;
			break;
		case 'C':
			if (strlen(optarg) != 2 || !isupper((unsigned char)
			    optarg[0]) || !isupper((unsigned char)optarg[1])) {
				log_error("--country: \"%.64s\" is not a "
				    "two-letter country code (US, DE, JP, ...)",
				    optarg);
				return EXIT_USAGE;
			}
			memcpy(country, optarg, 3);
			break;
		case 'l':
			o->lenient = 1;
			break;
		case 'r':
			if (import_parse_range(optarg, o) == -1) {
				log_error("--range: \"%s\" is not "
				    "YYYY-MM-DD..YYYY-MM-DD", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			return cli_usage(import_usage);
		}
	}
	return 0;
}

int
cmd_import(const struct cli *cli, int argc, char **argv)
{
	struct import_opts o;
	struct import_result r;
	struct lock_holder who;
	struct store *st;
	const char *seller = NULL;
	char *datadir;
	char err[256], country[3] = "";
	int i, bad, done = 0, rejected = 0, failed = 0, lock;

	memset(&o, 0, sizeof(o));
	o.charset = CHARSET_UTF8;
	if ((bad = import_options(argc, argv, &o, &seller, country)) != 0)
		return bad;
	if (seller == NULL || optind >= argc)
		return cli_missing("import", seller == NULL ? "--seller ID" :
		    "FILE...", import_usage);
	if (!sellerid_valid(seller)) {
		log_error("--seller: \"%.64s\" is not a seller id (1-64 of "
		    "A-Z a-z 0-9 _ -)", seller);
		return EXIT_USAGE;
	}
	if (import_config(cli, seller, country, &datadir) == -1)
		return EXIT_USAGE;
	o.country = country[0] != '\0' ? country : NULL;
	/* A writer: the seller's lock first (the store may not exist). */
	if ((lock = lock_seller(datadir, seller, 1,
	    cli_wait(cli, CLI_WAIT_DEFAULT), &who)) < 0) {
		free(datadir);
		if (lock == -2) {
			cli_locked(seller, &who);
			return EXIT_LOCKED;
		}
		log_error("%s: cannot lock: %s", seller, strerror(errno));
		return EXIT_PARTIAL;
	}
	st = store_open(datadir, seller, STORE_OPEN_CREATE, err, sizeof(err));
	free(datadir);
	if (st == NULL) {
		log_error("%s: %s", seller, err);
		lock_release(lock);
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
	lock_release(lock);
	if (failed || (rejected && done))
		return EXIT_PARTIAL;
	return rejected ? EXIT_DATAERR : EXIT_OK;
}
