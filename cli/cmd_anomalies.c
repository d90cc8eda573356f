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
#include "lib/anomtext.h"
#include "lib/date.h"
#include "lib/figures.h"
#include "lib/l10n.h"
#include "lib/log.h"
#include "lib/num.h"
#include "lib/text.h"
#include "lib/vocab.h"
#include "store/claims.h"
#include "reports/anomalies_list.h"
#include "store/anomalies.h"
#include "store/store.h"

static const char anomalies_usage[] = "anomalies list [--seller ID] "
    "[--status open|acked|all] [--format table|csv|json]\n"
    "  anomalies show ID\n"
    "  anomalies ack|resolve|dismiss ID --by NAME [--note TEXT]";

struct anomalies_ctx {
	struct anomalies_list		*list;
	const struct anomaly_filter	*filter;
	const char			*seller;
};

static int
anomalies_row(void *ctx, const struct anomaly_row *a)
{
	struct anomalies_ctx *x = ctx;

	anomalies_list_add(x->list, x->seller, a);
	return 0;
}

static enum cli_walk
anomalies_list_store(struct store *st, const char *seller, void *ctx)
{
	struct anomalies_ctx *x = ctx;

	x->seller = seller;
	if (store_anomalies_scan(st, x->filter, anomalies_row, x) != 0) {
		log_error("%s: %s", seller, store_errmsg(st));
		return CLI_WALK_FAILED;
	}
	return CLI_WALK_ON;
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
	struct anomaly_filter f = { ANOMALY_FILTER_ACTIVE, NULL, NULL };
	struct anomalies_ctx x = { NULL, NULL, NULL };
	const char *seller = NULL;
	int ch, format = LISTOUT_TABLE, rc = EXIT_OK;

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
			else if (anomaly_state_parse(optarg) !=
			    ANOMALY_STATE_NONE)
				f.status = optarg;
			else
				return cli_usage(anomalies_usage);
			break;
		case 'f':
			if ((format = listout_format_parse(optarg)) == -1)
				return cli_usage(anomalies_usage);
			break;
		default:
			return cli_usage(anomalies_usage);
		}
	}
	if (optind != argc)
		return cli_usage(anomalies_usage);
	if (!cli_seller_known(cli->datadir, seller))
		return EXIT_USAGE;
	x.list = anomalies_list_begin(stdout, (enum listout_format)format);
	x.filter = &f;
	if (cli_each_store_read(cli->datadir, seller, anomalies_list_store,
	    &x, NULL) == CLI_WALK_FAILED)
		rc = EXIT_PARTIAL;
	if (anomalies_list_finish(x.list) == -1) {
		log_error("cannot write the anomalies list");
		rc = EXIT_PARTIAL;
	}
	return rc;
}

/*
 * The state an anomaly in state from may move to by verb;
 * ANOMALY_STATE_NONE: none.
 */
static enum anomaly_state
anomalies_next(const char *verb, enum anomaly_state from)
{
	int active = anomaly_state_active(from);

	if (strcmp(verb, "ack") == 0)
		return from == ANOMALY_OPEN ? ANOMALY_ACKED :
		    ANOMALY_STATE_NONE;
	if (strcmp(verb, "resolve") == 0)
		return active ? ANOMALY_RESOLVED : ANOMALY_STATE_NONE;
	if (strcmp(verb, "dismiss") == 0)
		return active ? ANOMALY_DISMISSED : ANOMALY_STATE_NONE;
	return ANOMALY_STATE_NONE;
}

/* A requested state change, carried to the store that holds the id. */
struct anomalies_change {
	const char	*verb, *id, *by, *note;
	int		 rc;
};

static int
anomalies_found(void *ctx, const struct anomaly_row *a)
{
	*(enum anomaly_state *)ctx = a->status;
	return 1;
}

/* The seller whose store holds an anomaly id. */
struct anomalies_owner {
	const char	*id;
	char		 seller[65];
};

/* Notes the seller if this store holds the anomaly; 1 when it does. */
static enum cli_walk
anomalies_owner(struct store *st, const char *seller, void *ctx)
{
	struct anomalies_owner *o = ctx;
	struct anomaly_filter f = { NULL, NULL, o->id };
	enum anomaly_state status;

	if (store_anomalies_scan(st, &f, anomalies_found, &status) != 1)
		return CLI_WALK_ON;
	snprintf(o->seller, sizeof(o->seller), "%s", seller);
	return CLI_WALK_STOP;
}

/* Applies the change if this store holds the anomaly; 1 when it did. */
static enum cli_walk
anomalies_change_store(struct store *st, const char *seller, void *ctx)
{
	struct anomalies_change *c = ctx;
	struct anomaly_filter f = { NULL, NULL, c->id };
	enum anomaly_state status = ANOMALY_STATE_NONE, to;

	if (store_anomalies_scan(st, &f, anomalies_found, &status) != 1)
		return CLI_WALK_ON;
	if ((to = anomalies_next(c->verb, status)) == ANOMALY_STATE_NONE) {
		log_error("%s is %s: only an open one can be acked, and only "
		    "an open or acked one resolved or dismissed", c->id,
		    anomaly_state_name(status));
		c->rc = EXIT_USAGE;
		return CLI_WALK_STOP;
	}
	if (store_begin(st) == -1 ||
	    store_anomaly_set_status(st, c->id, to) == -1 ||
	    store_anomaly_event_add(st, c->id, status, to, c->by,
	    c->note) == -1 || store_commit(st) == -1) {
		log_error("%s: %s", seller, store_errmsg(st));
		store_rollback(st);
		c->rc = EXIT_PARTIAL;
		return CLI_WALK_STOP;
	}
	log_info("%s: %s -> %s by %s", c->id, anomaly_state_name(status),
	    anomaly_state_name(to), c->by);
	c->rc = EXIT_OK;
	return CLI_WALK_STOP;
}

static int
anomalies_change_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct anomalies_change c = { argv[0], NULL, NULL, NULL, EXIT_USAGE };
	struct anomalies_owner owner;
	char name[32];
	int ch, locked = 0;

	snprintf(name, sizeof(name), "anomalies %s", argv[0]);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'b')
			c.by = optarg;
		else if (ch == 'n')
			c.note = optarg;
		else
			return cli_usage(anomalies_usage);
	}
	if (optind >= argc)
		return cli_missing(name, "ID", anomalies_usage);
	if (c.by == NULL)
		return cli_missing(name, "--by NAME", anomalies_usage);
	if (optind + 1 != argc || *c.by == '\0' || strlen(c.by) > 64)
		return cli_usage(anomalies_usage);
	c.id = owner.id = argv[optind];
	/* An anomaly id names no seller: look in every store, then change
	 * it under its seller's lock (no other seller's is waited for). */
	if (*c.id == '\0' || cli_each_store_read(cli->datadir, NULL,
	    anomalies_owner, &owner, NULL) != CLI_WALK_STOP) {
		log_error("no anomaly %s", c.id);
		return c.rc;
	}
	if (cli_each_store_locked(cli->datadir, owner.seller,
	    cli_wait(cli, CLI_WAIT_DEFAULT), anomalies_change_store, &c, NULL,
	    &locked) != CLI_WALK_STOP && locked > 0)
		return EXIT_LOCKED;
	return c.rc;
}

/* What "anomalies show" found: the anomaly, to list its claims. */
struct anomalies_shown {
	enum anomaly_kind kind;
	struct figures	 fig;
	int		 claims;
};

static int
anomalies_show_row(void *ctx, const struct anomaly_row *a)
{
	struct anomalies_shown *sh = ctx;
	char t[TIME_STRLEN], d[DATE_STRLEN], money[32], v[256];
	struct anomtext tx;
	struct l10n en;
	char key[64];
	size_t i;

	if (l10n_init(&en, "en") == -1)
		return -1;
	snprintf(key, sizeof(key), "kind.%s", a->kind);
	anomtext_render(&en, a->kind, a->figures, a->subject, a->detail,
	    a->advice, &tx);
	printf("anomaly     %s\nkind        %s (%s)\nseverity    %s\n"
	    "status      %s\nperiod      %s\nopened      %s\n",
	    a->anomaly_id, a->kind, l10n_get(&en, key),
	    a->severity, anomaly_state_name(a->status), text_safe(a->period),
	    date_format_time(a->opened_at, t));
	if (a->deadline != 0)
		printf("deadline    %s\n", date_format(a->deadline, d));
	if (a->currency != NULL)
		printf("at stake    %s %s\n", num_format_amount(a->amount,
		    a->currency, money, sizeof(money)), a->currency);
	if (a->ack_by != NULL)
		printf("acked       by %s on %s%s%s\n", text_safe(a->ack_by),
		    date_format_time(a->ack_at, t), a->ack_note &&
		    *a->ack_note ? ": " : "", text_safe(a->ack_note));
	printf("what        %s\n", text_safe(tx.subject));
	printf("figures     %s\n", text_safe(tx.detail));
	printf("tell        %s\n", text_safe(tx.advice));
	anomtext_free(&tx);
	sh->kind = anomaly_kind_parse(a->kind);
	if (a->figures != NULL) {
		(void)figures_decode(&sh->fig, a->figures);
		printf("stored figures:\n");
		for (i = 0; i < sh->fig.n; i++)
			printf("  %-28s %s\n", sh->fig.key[i],
			    text_safe(anomtext_value(&en, sh->fig.key[i],
			    sh->fig.val[i], v, sizeof(v))));
	}
	return 1;
}

static int
anomalies_show_claim(void *ctx, const struct claim_row *c)
{
	struct anomalies_shown *sh = ctx;
	char d[DATE_STRLEN], money[32];

	if (sh->claims++ == 0)
		printf("claims:\n");
	printf("  %s %-24s %-10s %s units %lld, closes %s", c->claim_id,
	    c->type, claim_status_name(c->status), text_safe(c->reference),
	    (long long)c->quantity, date_format(c->closes, d));
	if (c->has_value)
		printf(", %s %s", num_format_amount(c->amount, c->currency,
		    money, sizeof(money)), c->currency);
	printf("\n");
	return 0;
}

/* The spike's window: its claims of the type, by event day. */
struct anomalies_window {
	struct anomalies_shown	*sh;
	int32_t			 from, to;
};

static int
anomalies_window_claim(void *ctx, const struct claim_row *c)
{
	struct anomalies_window *w = ctx;

	if (c->event_day < w->from || c->event_day > w->to)
		return 0;
	return anomalies_show_claim(w->sh, c);
}

static int
anomalies_show_event(void *ctx, const struct anomaly_event_row *e)
{
	char t[TIME_STRLEN];

	(void)ctx;
	printf("  %s %-9s -> %-9s by %s", date_format_time(e->at, t),
	    *e->old_status ? e->old_status : "(new)", e->new_status,
	    text_safe(e->who));
	if (*e->note)
		printf(": %s", text_safe(e->note));
	printf("\n");
	return 0;
}

/* Prints the anomaly if this store holds it; 1 when it did. */
static enum cli_walk
anomalies_show_store(struct store *st, const char *seller, void *ctx)
{
	const char *id = ctx;
	struct anomaly_filter f = { NULL, NULL, id };
	struct claim_filter cf = { NULL, NULL, NULL };
	struct anomalies_shown sh;
	struct anomalies_window w;
	const char *v;
	char key[32];
	size_t i, n;
	int rc;

	memset(&sh, 0, sizeof(sh));
	figures_init(&sh.fig);
	if ((rc = store_anomalies_scan(st, &f, anomalies_show_row,
	    &sh)) != 1) {
		figures_free(&sh.fig);
		return rc == -1 ? CLI_WALK_FAILED : CLI_WALK_ON;
	}
	printf("seller      %s\n", seller);
	/* The claims behind it: those it lists, or a spike's window. */
	n = figures_items(&sh.fig);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "item.%zu.claim", i);
		if ((cf.claim_id = figures_get(&sh.fig, key)) != NULL)
			store_claims_scan(st, &cf, anomalies_show_claim, &sh);
	}
	if (sh.kind == ANOMALY_DAMAGE_SPIKE || sh.kind == ANOMALY_LOSS_SPIKE) {
		w.sh = &sh;
		cf.claim_id = NULL;
		cf.type = sh.kind == ANOMALY_DAMAGE_SPIKE ?
		    "warehouse_damaged" : "warehouse_lost";
		if ((v = figures_get(&sh.fig, "from_day")) != NULL &&
		    date_parse_ymd(v, &w.from) == 0 &&
		    (v = figures_get(&sh.fig, "to_day")) != NULL &&
		    date_parse_ymd(v, &w.to) == 0)
			store_claims_scan(st, &cf, anomalies_window_claim,
			    &w);
	}
	if (sh.claims == 0)
		printf("claims:     none\n");
	printf("history:\n");
	store_anomaly_events_scan(st, id, anomalies_show_event, NULL);
	figures_free(&sh.fig);
	return CLI_WALK_STOP;
}

static int
anomalies_show_cmd(const struct cli *cli, int argc, char **argv)
{
	if (argc < 2)
		return cli_missing("anomalies show", "ID", anomalies_usage);
	if (argc != 2)
		return cli_usage(anomalies_usage);
	/* An anomaly id names no seller: look in every store. */
	if (cli_each_store_read(cli->datadir, NULL, anomalies_show_store,
	    argv[1], NULL) != CLI_WALK_STOP) {
		log_error("no anomaly %s in %s", argv[1], cli->datadir);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cmd_anomalies(const struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return anomalies_show_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return anomalies_list_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && (strcmp(argv[1], "ack") == 0 ||
	    strcmp(argv[1], "resolve") == 0 ||
	    strcmp(argv[1], "dismiss") == 0))
		return anomalies_change_cmd(cli, argc - 1, argv + 1);
	return cli_usage(anomalies_usage);
}
