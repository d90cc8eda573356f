/*
 * fbaudit: finds the money Amazon owes FBA sellers. This file parses the
 * global options and dispatches to the subcommand table.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "lib/clock.h"
#include "lib/log.h"

static const struct cli_command commands[] = {
	{ "run", cmd_run, "run [--seller ID | --shard K/N] "
	    "[--deadline MINUTES]" },
	{ "fetch", cmd_fetch, "fetch [--seller ID] [--since YYYY-MM-DD]" },
	{ "import", cmd_import,
	    "import --seller ID [--type TYPE] [--charset CS] [--country CC] "
	    "[--lenient] [--range FROM..TO] FILE..." },
	{ "audit", cmd_audit, "audit [--seller ID]" },
	{ "claims", cmd_claims,
	    "claims list [--seller ID] [--status S] [--type T] "
	    "[--format table|csv|json]\n  claims show CLAIM_ID\n"
	    "  claims file [--seller ID] [--dry-run]\n"
	    "  claims mark CLAIM_ID --case-id ID | --denied [--note TEXT] "
	    "[--by NAME]\n  claims reconcile [--seller ID]" },
	{ "anomalies", cmd_anomalies,
	    "anomalies list [--seller ID] [--status open|acked|all] "
	    "[--format table|csv|json]\n"
	    "  anomalies ack|resolve|dismiss ID --by NAME [--note TEXT]" },
	{ "sellers", cmd_sellers, "sellers list" },
	{ "report", cmd_report,
	    "report dashboard --seller ID [-o FILE.html] [--lang en|de|fr|es]"
	    "\n  report csm -o FILE.html\n"
	    "  report export --seller ID --format csv|json -o FILE" },
};

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: fbaudit [-C CONFIG] [-d DATADIR] "
	    "[--now YYYY-MM-DD] [-q | -v] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %s\n", commands[i].usage);
}

int
cli_usage(const char *text)
{
	fprintf(stderr, "fbaudit: usage: fbaudit %s\n", text);
	return EXIT_USAGE;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'C' },
		{ "data", required_argument, NULL, 'd' },
		{ "now", required_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli = { NULL, NULL, 0 };
	const char *now = getenv("FBAUDIT_NOW");
	size_t i;
	int ch;

	cli.datadir = getenv("FBAUDIT_DATA");
	/* '+': options after the command belong to the command. */
	while ((ch = getopt_long(argc, argv, "+C:d:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'C':
			cli.config = optarg;
			break;
		case 'd':
			cli.datadir = optarg;
			break;
		case 'N':
			now = optarg;
			break;
		case 'q':
			log_set_level(LOG_LEVEL_ERROR);
			break;
		case 'v':
			log_set_level(LOG_LEVEL_DEBUG);
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("fbaudit %s\n", FBAUDIT_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	/* A config's data_dir applies when neither -d nor FBAUDIT_DATA. */
	cli.datadir_named = cli.datadir != NULL && *cli.datadir != '\0';
	if (!cli.datadir_named)
		cli.datadir = "./fbaudit-data";
	if (now != NULL && *now != '\0' && clock_set_today(now) == -1) {
		log_error("--now: \"%s\" is not a date YYYY-MM-DD", now);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	argc -= optind;
	argv += optind;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			optind = 0;	/* reset getopt for the command */
			return commands[i].run(&cli, argc, argv);
		}
	log_error("unknown command \"%s\"", argv[0]);
	usage(stderr);
	return EXIT_USAGE;
}
