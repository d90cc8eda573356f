/*
 * fbaudit anomalies list | ack | resolve | dismiss: the CSMs' queue.
 * States move open -> acked -> resolved | dismissed (an open one may be
 * resolved or dismissed at once); each change names who and keeps a note.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/sellers.h"
#include "lib/log.h"
#include "lib/sellerid.h"
#include "reports/anomalies_list.h"
#include "store/anomalies.h"
#include "store/store.h"

static const char anomalies_usage[] = "anomalies list [--seller ID] "
    "[--status open|acked|all] [--format table|csv|json] | "
    "ack|resolve|dismiss ID --by NAME [--note TEXT]";

struct anomalies_ctx {
	struct anomalies_list	*list;
	const char		*seller;
};

static int
anomalies_row(void *ctx, const struct anomaly_row *a)
{
	struct anomalies_ctx *x = ctx;

	anomalies_list_add(x->list, x->seller, a);
	return 0;
}

static int
anomalies_list_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 'S' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct anomaly_filter f = { "active", NULL, NULL };
	struct anomalies_ctx x = { NULL, NULL };
	struct store *st;
	const char *seller = NULL;
	char **ids, err[256];
	size_t i, n;
	int ch, format = CLAIMS_TABLE, rc = EXIT_OK;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			seller = optarg;
			break;
		case 'S':
			/* open, acked, or all; the default is both of the
			 * first: everything a CSM still has to act on. */
			if (strcmp(optarg, "all") == 0)
				f.status = NULL;
			else if (strcmp(optarg, "open") == 0 ||
			    strcmp(optarg, "acked") == 0 ||
			    strcmp(optarg, "resolved") == 0 ||
			    strcmp(optarg, "dismissed") == 0)
				f.status = optarg;
			else
				return cli_usage(anomalies_usage);
			break;
		case 'f':
			if ((format = claims_format_parse(optarg)) == -1)
				return cli_usage(anomalies_usage);
			break;
		default:
			return cli_usage(anomalies_usage);
		}
	}
	if (optind != argc)
		return cli_usage(anomalies_usage);
	if (seller != NULL && !sellerid_valid(seller)) {
		log_error("--seller: \"%.64s\" is not a seller id", seller);
		return EXIT_USAGE;
	}
	ids = cli_sellers(cli->datadir, seller, &n);
	x.list = anomalies_list_begin(stdout, (enum claims_format)format);
	for (i = 0; i < n; i++) {
		st = store_open(cli->datadir, ids[i], 0, err, sizeof(err));
		x.seller = ids[i];
		if (st == NULL ||
		    store_anomalies_scan(st, &f, anomalies_row, &x) != 0) {
			log_error("%s: %s", ids[i], st ? store_errmsg(st) :
			    err);
			rc = EXIT_PARTIAL;
		}
		store_close(st);
	}
	if (anomalies_list_finish(x.list) == -1) {
		log_error("cannot write the anomalies list");
		rc = EXIT_PARTIAL;
	}
	cli_sellers_free(ids, n);
	return rc;
}

/* The state an anomaly in state from may move to by verb; NULL: none. */
static const char *
anomalies_next(const char *verb, const char *from)
{
	int active = strcmp(from, "open") == 0 || strcmp(from, "acked") == 0;

	if (strcmp(verb, "ack") == 0)
		return strcmp(from, "open") == 0 ? "acked" : NULL;
	if (strcmp(verb, "resolve") == 0)
		return active ? "resolved" : NULL;
	if (strcmp(verb, "dismiss") == 0)
		return active ? "dismissed" : NULL;
	return NULL;
}

static int
anomalies_found(void *ctx, const struct anomaly_row *a)
{
	snprintf(ctx, 16, "%s", a->status);
	return 1;
}

static int
anomalies_change_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct anomaly_filter f = { NULL, NULL, NULL };
	const char *verb = argv[0], *by = NULL, *note = NULL, *to;
	char **ids, err[256], status[16];
	struct store *st;
	size_t i, n;
	int ch, rc = EXIT_USAGE, found = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'b')
			by = optarg;
		else if (ch == 'n')
			note = optarg;
		else
			return cli_usage(anomalies_usage);
	}
	if (optind + 1 != argc || by == NULL || *by == '\0' ||
	    strlen(by) > 64)
		return cli_usage(anomalies_usage);
	f.anomaly_id = argv[optind];
	ids = cli_sellers(cli->datadir, NULL, &n);
	for (i = 0; i < n && !found; i++) {
		if ((st = store_open(cli->datadir, ids[i], 0, err,
		    sizeof(err))) == NULL)
			continue;
		if (store_anomalies_scan(st, &f, anomalies_found,
		    status) == 1) {
			found = 1;
			if ((to = anomalies_next(verb, status)) == NULL) {
				log_error("%s is %s: it cannot be %s",
				    f.anomaly_id, status, strcmp(verb, "ack") ?
				    (strcmp(verb, "resolve") ? "dismissed" :
				    "resolved") : "acked");
			} else if (store_begin(st) == -1 ||
			    store_anomaly_set_status(st, f.anomaly_id,
			    to) == -1 ||
			    store_anomaly_event_add(st, f.anomaly_id, status,
			    to, by, note) == -1 || store_commit(st) == -1) {
				log_error("%s: %s", ids[i], store_errmsg(st));
				store_rollback(st);
				rc = EXIT_PARTIAL;
			} else {
				log_info("%s: %s -> %s by %s", f.anomaly_id,
				    status, to, by);
				rc = EXIT_OK;
			}
		}
		store_close(st);
	}
	cli_sellers_free(ids, n);
	if (!found)
		log_error("no anomaly %s", f.anomaly_id);
	return rc;
}

int
cmd_anomalies(const struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return anomalies_list_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "ack") == 0 ||
	    strcmp(argv[1], "resolve") == 0 ||
	    strcmp(argv[1], "dismiss") == 0))
		return anomalies_change_cmd(cli, argc - 1, argv + 1);
	return cli_usage(anomalies_usage);
}
