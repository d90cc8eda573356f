/* What every subcommand shares: global options and exit statuses. */
#ifndef FBAUDIT_CLI_H
#define FBAUDIT_CLI_H

/* Exit statuses (docs/design.md §2): scripts and cron depend on them. */
#define EXIT_OK		0
#define EXIT_PARTIAL	1	/* some sellers or files failed */
#define EXIT_USAGE	2	/* usage or configuration error */
#define EXIT_DATAERR	65	/* input rejected */
#define EXIT_UNAVAIL	69	/* marketplace or gateway unreachable */
#define EXIT_LOCKED	75	/* another run holds the lock */

#define FBAUDIT_VERSION	"0.1.0"

struct cli {
	const char	*config;	/* -C, or NULL */
	const char	*datadir;	/* -d, FBAUDIT_DATA, ./fbaudit-data */
	int		 datadir_named;	/* by -d or FBAUDIT_DATA, not default */
	/* --wait SECONDS for a seller's lock; < 0: the command's default */
	double		 wait;
};

/* How long a writer waits for a seller's lock unless --wait says. */
#define CLI_WAIT_DEFAULT	30.0

/* A command: argv[0] is its name. Returns an exit status. */
struct cli_command {
	const char	*name;
	int		(*run)(const struct cli *cli, int argc, char **argv);
	const char	*usage;
	const char *const *subs;	/* its subcommands, NULL-ended; or NULL */
	const char	*help;		/* what it does, one line per option */
};

/* The --wait of cli, or dflt when none was given. */
double	 cli_wait(const struct cli *cli, double dflt);
/* Prints "fbaudit: usage: ..." for a command. Returns EXIT_USAGE. */
int	 cli_usage(const char *usage);
/*
 * Says that command (as "claims mark") misses what (an option or an
 * argument, as "--by NAME"), then prints its usage. Returns EXIT_USAGE.
 */
int	 cli_missing(const char *command, const char *what, const char *usage);

int	 cmd_fetch(const struct cli *cli, int argc, char **argv);
int	 cmd_import(const struct cli *cli, int argc, char **argv);
int	 cmd_audit(const struct cli *cli, int argc, char **argv);
int	 cmd_claims(const struct cli *cli, int argc, char **argv);
int	 cmd_anomalies(const struct cli *cli, int argc, char **argv);
int	 cmd_run(const struct cli *cli, int argc, char **argv);
int	 cmd_sellers(const struct cli *cli, int argc, char **argv);
int	 cmd_report(const struct cli *cli, int argc, char **argv);

#endif
