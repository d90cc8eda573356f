/*
 * fbaudit: finds the money Amazon owes FBA sellers. This file parses the
 * global options and dispatches to the subcommand table.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/lock.h"
#include "lib/clock.h"
#include "lib/log.h"

static const struct cli_command commands[] = {
	{ "run", cmd_run, "run [--seller ID | --shard K/N] "
	    "[--deadline MINUTES] [--rewind]" },
	{ "fetch", cmd_fetch, "fetch [--seller ID] [--since YYYY-MM-DD]" },
	{ "import", cmd_import,
	    "import --seller ID [--type TYPE] [--charset CS] [--country CC] "
	    "[--lenient] [--range FROM..TO] FILE..." },
	{ "audit", cmd_audit, "audit [--seller ID] [--rewind]" },
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
	    "[--now YYYY-MM-DD] [-q | -v] [--wait SECONDS] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(fp, "  %s\n", commands[i].usage);
}

int
cli_usage(const char *text)
{
	fprintf(stderr, "fbaudit: usage: fbaudit %s\n", text);
	return EXIT_USAGE;
}

/* Parses --wait's SECONDS into cli. Returns 0, or -1 (logged). */
static int
main_wait(const char *s, struct cli *cli)
{
	char *end;
	double w = strtod(s, &end);

	if (end == s || *end != '\0' || !(w >= 0) || w > 86400) {
		log_error("--wait: \"%s\" is not a number of seconds "
		    "(0 to 86400)", s);
		return -1;
	}
	cli->wait = w;
	return 0;
}

/*
 * Takes --wait SECONDS (or --wait=SECONDS) from a command's arguments,
 * where a user naturally writes it ("claims file --wait 60"), so that
 * every writing command accepts it without its own option table.
 */
static int
main_take_wait(int *argc, char **argv, struct cli *cli)
{
	int i, k, drop;

	for (i = 1; i < *argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--wait") == 0) {
			if (i + 1 >= *argc) {
				log_error("--wait: SECONDS is missing");
				return -1;
			}
			if (main_wait(argv[i + 1], cli) == -1)
				return -1;
			drop = 2;
		} else if (strncmp(argv[i], "--wait=", 7) == 0) {
			if (main_wait(argv[i] + 7, cli) == -1)
				return -1;
			drop = 1;
		} else
			continue;
		for (k = i; k + drop <= *argc; k++)
			argv[k] = argv[k + drop];
		*argc -= drop;
		i--;
	}
	return 0;
}

double
cli_wait(const struct cli *cli, double dflt)
{
	return cli->wait >= 0 ? cli->wait : dflt;
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
		{ "wait", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli = { NULL, NULL, 0, -1 };
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
		case 'W':
			if (main_wait(optarg, &cli) == -1)
				return EXIT_USAGE;
			break;
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
	if (main_take_wait(&argc, argv, &cli) == -1)
		return EXIT_USAGE;
	lock_set_command(argc + 1, argv - 1);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0) {
			optind = 0;	/* reset getopt for the command */
			return commands[i].run(&cli, argc, argv);
		}
	log_error("unknown command \"%s\"", argv[0]);
	usage(stderr);
	return EXIT_USAGE;
}
