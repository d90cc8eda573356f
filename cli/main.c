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
#include "cli/sellers.h"
#include "lib/clock.h"
#include "lib/log.h"

static const char *const claims_subs[] = { "list", "show", "file", "mark",
    "reconcile", NULL };
static const char *const anomalies_subs[] = { "list", "show", "ack",
    "resolve", "dismiss", NULL };
static const char *const report_subs[] = { "dashboard", "csm", "digest",
    "export", NULL };
static const char *const sellers_subs[] = { "list", NULL };

/*
 * The commands: usage, subcommands (checked here, so a typo is caught
 * the same way everywhere) and the help, one line per option.
 */
static const struct cli_command commands[] = {
	{ "run", cmd_run, "run [--seller ID | --shard K/N] "
	    "[--deadline MINUTES] [--rewind]", NULL,
	    "The nightly job: fetch, import, audit, reconcile, file, flag, "
	    "write the pages, mail the digests.\n"
	    "  --seller ID         only this seller (with -C: a configured "
	    "one)\n"
	    "  --shard K/N         only the sellers whose id hashes to K of N"
	    "\n"
	    "  --deadline MINUTES  start no new work after this long; the "
	    "rest runs next night\n"
	    "  --rewind            allow a day before the stores' last audit"
	    "\n" },
	{ "fetch", cmd_fetch, "fetch [--seller ID] [--since YYYY-MM-DD]",
	    NULL,
	    "Download new reports into each configured seller's inbox "
	    "(needs -C).\n"
	    "  --seller ID         only this configured seller\n"
	    "  --since YYYY-MM-DD  fetch from this day instead of where the "
	    "last fetch ended\n" },
	{ "import", cmd_import,
	    "import --seller ID [--type TYPE] [--charset CS] [--country CC] "
	    "[--lenient] [--range FROM..TO] FILE...", NULL,
	    "Load report files (plain or gzip) into the seller's store, "
	    "creating it.\n"
	    "  --seller ID         the seller (required; with -C a "
	    "configured one)\n"
	    "  --type TYPE         the report type, when the header does not "
	    "say it\n"
	    "  --charset CS        utf-8, windows-1252, iso-8859-1, shift_jis"
	    " (windows-31j, cp932) or euc-jp\n"
	    "  --country CC        the country of a ledger without a Country "
	    "column\n"
	    "  --lenient           skip bad rows (counted) instead of "
	    "rejecting the file\n"
	    "  --range FROM..TO    the days the file covers "
	    "(YYYY-MM-DD..YYYY-MM-DD)\n" },
	{ "audit", cmd_audit, "audit [--seller ID] [--rewind]", NULL,
	    "Detect claims and raise anomalies from each store.\n"
	    "  --seller ID         only this seller\n"
	    "  --rewind            allow a day before the store's last audit"
	    "\n" },
	{ "claims", cmd_claims,
	    "claims list [--seller ID] [--status S] [--type T] "
	    "[--format table|csv|json]\n  claims show CLAIM_ID\n"
	    "  claims file [--seller ID] [--dry-run]\n"
	    "  claims mark CLAIM_ID --case-id ID | --denied [--note TEXT] "
	    "[--by NAME]\n  claims reconcile [--seller ID]", claims_subs,
	    "Claims: list and show them, file them, record Seller Central's "
	    "answer, match payments.\n"
	    "  --seller ID         only this seller (list, file, reconcile)"
	    "\n"
	    "  --status S          list: only this status (pending, eligible,"
	    " ready, filed, reimbursed, denied, expired, ...)\n"
	    "  --type T            list: only this claim type\n"
	    "  --format F          list: table, csv or json\n"
	    "  --dry-run           file: say what would be filed, file "
	    "nothing\n"
	    "  --case-id ID        mark: the case id Seller Central gave\n"
	    "  --denied            mark: Amazon denied the claim\n"
	    "  --note TEXT         mark: why, kept in the history\n"
	    "  --by NAME           mark: who (default: your user name)\n" },
	{ "anomalies", cmd_anomalies,
	    "anomalies list [--seller ID] [--status open|acked|all] "
	    "[--format table|csv|json]\n"
	    "  anomalies show ID\n"
	    "  anomalies ack|resolve|dismiss ID --by NAME [--note TEXT]",
	    anomalies_subs,
	    "The CSMs' queue: list, show one with its figures, claims and "
	    "history, and act on it.\n"
	    "  --seller ID         list: only this seller\n"
	    "  --status S          list: open, acked, resolved, dismissed or "
	    "all (default open and acked)\n"
	    "  --format F          list: table, csv or json (with who, when "
	    "and note)\n"
	    "  --by NAME           ack, resolve, dismiss: who (required)\n"
	    "  --note TEXT         ack, resolve, dismiss: why\n" },
	{ "sellers", cmd_sellers, "sellers list", sellers_subs,
	    "List the sellers with a store, with their row counts.\n" },
	{ "report", cmd_report,
	    "report dashboard --seller ID [-o FILE.html] [--lang en|de|fr|es]"
	    "\n  report csm -o FILE.html [--csm NAME] [--lang en|de|fr|es]\n"
	    "  report digest [--csm NAME]\n"
	    "  report export --seller ID --format csv|json -o FILE",
	    report_subs,
	    "Write the seller's dashboard, the CSM queue or the claims export;"
	    " mail the CSM digests.\n"
	    "  --seller ID         dashboard, export: the seller (required)\n"
	    "  -o FILE             where to write (dashboard default: "
	    "DATADIR/SELLER/dashboard.html)\n"
	    "  --lang L            dashboard, csm: en, de, fr or es\n"
	    "  --csm NAME          csm, digest: only this CSM's sellers "
	    "(digest needs -C)\n"
	    "  --format F          export: csv or json\n" },
	{ "help", NULL, "help [COMMAND]", NULL,
	    "Print the commands, or one command's options.\n" },
};

static const size_t ncommands = sizeof(commands) / sizeof(commands[0]);

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: fbaudit [-C CONFIG] [-d DATADIR] "
	    "[--now YYYY-MM-DD] [-q | -v] [--wait SECONDS] COMMAND [ARGS]\n\n"
	    "  -C CONFIG           the configuration (INI)\n"
	    "  -d DATADIR          the data folder (default ./fbaudit-data, "
	    "or FBAUDIT_DATA)\n"
	    "  --now YYYY-MM-DD    today, for every rule (or FBAUDIT_NOW)\n"
	    "  -q, -v              errors only; debug\n"
	    "  --wait SECONDS      how long a writer waits for a seller's "
	    "lock (default 30;\n"
	    "                      run: 0); also after the command\n"
	    "\ncommands:\n");
	for (i = 0; i < ncommands; i++)
		fprintf(fp, "  %s\n", commands[i].usage);
	fprintf(fp, "\nfbaudit help COMMAND or fbaudit COMMAND --help: its "
	    "options. The manual: man fbaudit (docs/fbaudit.1).\n");
}

static const struct cli_command *
command_find(const char *name)
{
	size_t i;

	for (i = 0; i < ncommands; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* Prints one command's help to stdout. */
static int
command_help(const struct cli_command *c)
{
	printf("usage: fbaudit %s\n\n%s", c->usage, c->help);
	return EXIT_OK;
}

/* "unknown command 'lst'; did you mean 'list'?" Returns EXIT_USAGE. */
static int
command_unknown(const char *word, const char *const *words, size_t n)
{
	const char *near = cli_closest(word, words, n);

	if (near != NULL)
		log_error("unknown command '%s'; did you mean '%s'?", word,
		    near);
	else
		log_error("unknown command '%s'; fbaudit help lists them",
		    word);
	return EXIT_USAGE;
}

/* The names of the commands, for command_unknown. */
static int
command_unknown_top(const char *word)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	size_t i;

	for (i = 0; i < ncommands; i++)
		names[i] = commands[i].name;
	return command_unknown(word, names, ncommands);
}

/*
 * Checks argv (argv[0] the command) before the command runs: --help,
 * and the subcommand. Returns -1 to run the command, else an exit status.
 */
static int
command_check(const struct cli_command *c, int argc, char **argv)
{
	size_t i, n;
	int k;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--") == 0)
			break;
		if (strcmp(argv[k], "--help") == 0 ||
		    strcmp(argv[k], "-h") == 0)
			return command_help(c);
	}
	if (c->subs == NULL)
		return -1;
	if (argc < 2) {
		log_error("%s: missing a subcommand", c->name);
		cli_usage(c->usage);
		return EXIT_USAGE;
	}
	for (n = 0; c->subs[n] != NULL; n++)
		;
	for (i = 0; i < n; i++)
		if (strcmp(argv[1], c->subs[i]) == 0)
			return -1;
	return command_unknown(argv[1], c->subs, n);
}

int
cli_usage(const char *text)
{
	fprintf(stderr, "fbaudit: usage: fbaudit %s\n", text);
	return EXIT_USAGE;
}

int
cli_missing(const char *command, const char *what, const char *usage)
{
	log_error("%s: missing %s", command, what);
	return cli_usage(usage);
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

/*
 * Parses the options before the command into cli and *now. Returns -1 to
 * go on, or the exit status to stop with (--help, --version, a usage
 * error).
 */
static int
main_options(int argc, char **argv, struct cli *cli, const char **now)
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
	int ch;

	/* '+': options after the command belong to the command. */
	while ((ch = getopt_long(argc, argv, "+C:d:qvh", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'C':
			cli->config = optarg;
			break;
		case 'd':
			cli->datadir = optarg;
			break;
		case 'N':
			*now = optarg;
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
			if (main_wait(optarg, cli) == -1)
				return EXIT_USAGE;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct cli cli = { NULL, NULL, 0, -1 };
	const char *now = getenv("FBAUDIT_NOW");
	const struct cli_command *c;
	int rc;

	cli.datadir = getenv("FBAUDIT_DATA");
	if ((rc = main_options(argc, argv, &cli, &now)) != -1)
		return rc;
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
	if (strcmp(argv[0], "help") == 0) {
		if (argc < 2) {
			usage(stdout);
			return EXIT_OK;
		}
		if ((c = command_find(argv[1])) == NULL)
			return command_unknown_top(argv[1]);
		return command_help(c);
	}
	if ((c = command_find(argv[0])) == NULL)
		return command_unknown_top(argv[0]);
	if ((rc = command_check(c, argc, argv)) != -1)
		return rc;
	optind = 0;	/* reset getopt for the command */
	return c->run(&cli, argc, argv);
}
