/*
 * fbaudit claims list|show: the claims the audit found; claims
 * file|mark|reconcile: their filing lifecycle (claims/, docs/design.md §7).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "claims/file.h"
#include "claims/mark.h"
#include "claims/reconcile.h"
#include "claims/transport.h"
#include "cli/cli.h"
#include "cli/filer.h"
#include "cli/sellers.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/num.h"
#include "lib/log.h"
#include "lib/text.h"
#include "lib/vocab.h"
#include "reports/claims_list.h"
#include "market/http.h"
#include "store/claims.h"
#include "store/filing.h"
#include "store/store.h"

static const char claims_usage[] = "claims list [--seller ID] "
    "[--status S] [--type T] [--format table|csv|json] | show CLAIM_ID"
    " | file [--seller ID] [--dry-run]"
    " | mark CLAIM_ID --case-id ID | --denied [--note TEXT] [--by NAME]"
    " | reconcile [--seller ID]";

struct claims_ctx {
	struct claims_list		*list;
	const struct claim_filter	*filter;
	const char			*seller;
};

static int
claims_list_row(void *ctx, const struct claim_row *c)
{
	struct claims_ctx *x = ctx;

	claims_list_add(x->list, x->seller, c);
	return 0;
}

static enum cli_walk
claims_list_store(struct store *st, const char *seller, void *ctx)
{
	struct claims_ctx *x = ctx;

	x->seller = seller;
	if (store_claims_scan(st, x->filter, claims_list_row, x) != 0) {
		log_error("%s: %s", seller, store_errmsg(st));
		return CLI_WALK_FAILED;
	}
	return CLI_WALK_ON;
}

/* Whether name is one of the known claim statuses (or types). */
static int
claims_known(const char *name, const char *(*get)(size_t), size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(get(i), name) == 0)
			return 1;
	return 0;
}

static int
claims_list_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 'S' },
		{ "type", required_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct claim_filter f = { NULL, NULL, NULL };
	struct claims_ctx x = { NULL, NULL, NULL };
	const char *seller = NULL;
	int ch, format = LISTOUT_TABLE, rc = EXIT_OK;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			seller = optarg;
			break;
		case 'S':
			f.status = optarg;
			break;
		case 't':
			f.type = optarg;
			break;
		case 'f':
			if ((format = listout_format_parse(optarg)) == -1)
				return cli_usage(claims_usage);
			break;
		default:
			return cli_usage(claims_usage);
		}
	}
	if (optind != argc)
		return cli_usage(claims_usage);
	if (!cli_seller_known(cli->datadir, seller))
		return EXIT_USAGE;
	if (f.status && claim_status_parse(f.status) == CLAIM_STATUS_NONE) {
		log_error("--status: unknown status \"%s\"", f.status);
		return EXIT_USAGE;
	}
	if (f.type && !claims_known(f.type, audit_type_name,
	    audit_type_count())) {
		log_error("--type: unknown claim type \"%s\"", f.type);
		return EXIT_USAGE;
	}
	x.list = claims_list_begin(stdout, (enum listout_format)format);
	x.filter = &f;
	if (cli_each_store_read(cli->datadir, seller, claims_list_store, &x,
	    NULL) == CLI_WALK_FAILED)
		rc = EXIT_PARTIAL;
	if (claims_list_finish(x.list) == -1) {
		log_error("cannot write the claims list");
		rc = EXIT_PARTIAL;
	}
	return rc;
}

/* Imported text, safe for a terminal (lib/text.h). */
#define show_safe(s)	text_safe(s)

static int
claims_show_claim(void *ctx, const struct claim_row *c)
{
	char a[DATE_STRLEN], b[DATE_STRLEN], v[32];

	(void)ctx;
	printf("claim       %s\ntype        %s\nstatus      %s\n",
	    c->claim_id, c->type, claim_status_name(c->status));
	printf("reference   %s\n", show_safe(c->reference));
	printf("fnsku       %s\n", show_safe(c->fnsku));
	printf("msku        %s\n", show_safe(c->msku));
	printf("asin        %s\n", show_safe(c->asin));
	printf("title       %s\n", show_safe(c->title));
	printf("country     %s\n", show_safe(c->country));
	printf("fc          %s\n", show_safe(c->fc));
	printf("event date  %s\nunits       %lld (%lld still owed)\n",
	    date_format(c->event_day, a), (long long)c->units,
	    (long long)c->quantity);
	if (c->has_value) {
		printf("unit value  %s %s (%s)\n", num_format_amount(c->unit_value,
		    c->currency, v, sizeof(v)), c->currency, c->value_basis);
		printf("amount      %s %s\n", num_format_amount(c->amount,
		    c->currency, v, sizeof(v)), c->currency);
	} else
		printf("unit value  unknown (no unit cost, no recent sale)\n");
	printf("window      %s .. %s (policy %s)\n", date_format(c->opens, a),
	    date_format(c->closes, b), c->rule);
	return 1;
}

/* The filing side of a claim: case id, payments, the filing's state. */
static int
claims_show_filing(void *ctx, const struct claim_filing_info *c)
{
	char v[32];

	(void)ctx;
	if (*c->case_id)
		printf("case id     %s\n", show_safe(c->case_id));
	if (c->paid_units > 0 || c->paid_amount > 0) {
		printf("paid        %lld units, %s %s",
		    (long long)c->paid_units, num_format_amount(c->paid_amount, c->currency, v,
		    sizeof(v)), c->currency);
		if (c->has_owed)
			printf(" (%s %s still owed)", num_format_amount(c->owed,
			    c->currency, v, sizeof(v)), c->currency);
		printf("\n");
	}
	return 1;
}

static int
claims_show_filing_row(void *ctx, const struct filing_row *f)
{
	(void)ctx;
	printf("filing      %s via %s, %lld attempt(s)%s%s\n", f->state,
	    f->transport, (long long)f->attempts, *f->last_error ?
	    "; last error: " : "", show_safe(f->last_error));
	return 1;
}

static int
claims_show_evidence(void *ctx, const struct claim_evidence_row *e)
{
	char d[DATE_STRLEN];

	(void)ctx;
	printf("  %-9s %s %-16s %s:%lld %+lld  ", e->role,
	    date_format(e->day, d), e->source, show_safe(e->file),
	    (long long)e->line, (long long)e->units);
	printf("%s\n", show_safe(e->detail));
	return 0;
}

static int
claims_show_event(void *ctx, const struct claim_event_row *e)
{
	char t[TIME_STRLEN];

	(void)ctx;
	printf("  %s %-15s -> %-15s by %s: ", date_format_time(e->at, t),
	    *e->old_status ? e->old_status : "(new)", e->new_status,
	    show_safe(e->actor));
	printf("%s\n", show_safe(e->detail));
	return 0;
}

/* Prints the claim if this seller's store holds it; 1 when it did. */
static enum cli_walk
claims_show_store(struct store *st, const char *seller, void *ctx)
{
	const struct claim_filter *f = ctx;

	if (store_claims_scan(st, f, claims_show_claim, NULL) != 1)
		return CLI_WALK_ON;
	store_claim_filing_get(st, f->claim_id, claims_show_filing, NULL);
	store_filing_get(st, f->claim_id, claims_show_filing_row, NULL);
	printf("seller      %s\nevidence:\n", seller);
	store_claim_evidence_scan(st, f->claim_id, claims_show_evidence, NULL);
	printf("history:\n");
	store_claim_events_scan(st, f->claim_id, claims_show_event, NULL);
	return CLI_WALK_STOP;
}

static int
claims_show_cmd(const struct cli *cli, int argc, char **argv)
{
	struct claim_filter f = { NULL, NULL, NULL };

	if (argc < 2)
		return cli_missing("claims show", "CLAIM_ID", claims_usage);
	if (argc != 2)
		return cli_usage(claims_usage);
	f.claim_id = argv[1];
	/* A claim id names no seller: look in every store. */
	if (cli_each_store_read(cli->datadir, NULL, claims_show_store, &f,
	    NULL) != CLI_WALK_STOP) {
		log_error("no claim %s", f.claim_id);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* What "claims file" shares across sellers. */
struct claims_file_ctx {
	struct filer	 filer;
	int		 failed, unreachable;
};

static enum cli_walk
claims_file_store(struct store *st, const char *seller, void *ctx)
{
	struct claims_file_ctx *x = ctx;
	struct file_summary sum;

	if (filer_seller(&x->filer, st, seller, &sum) == -1)
		return CLI_WALK_FAILED;
	if (x->filer.dry_run)
		log_info("%s: dry run: nothing written%s", seller,
		    sum.waiting ? "; more eligible claims wait for a later "
		    "night (cap)" : "");
	else
		log_info("%s: filed %d, %d ready to submit, via %s (%d "
		    "re-sent), %d not confirmed, %d expired before a "
		    "re-send, %d waiting for a later night", seller,
		    sum.filed, sum.ready, x->filer.transport->name,
		    sum.resent, sum.failed, sum.expired, sum.waiting);
	if (sum.unreachable)
		x->unreachable = 1;
	if (sum.failed)
		x->failed = 1;
	return sum.failed ? CLI_WALK_FAILED : CLI_WALK_ON;
}

static int
claims_file_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct claims_file_ctx x;
	struct config *cf = NULL;
	struct buf err;
	const char *seller = NULL, *datadir = cli->datadir;
	size_t n;
	enum cli_walk walk;
	int ch, rc = EXIT_USAGE, dry_run = 0, opened = 0, locked = 0;

	memset(&x, 0, sizeof(x));
	buf_init(&err, 0);
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			seller = optarg;
			break;
		case 'n':
			dry_run = 1;
			break;
		default:
			rc = cli_usage(claims_usage);
			goto out;
		}
	}
	if (optind != argc) {
		rc = cli_usage(claims_usage);
		goto out;
	}
	if (!cli_seller_ok(seller))
		goto out;
	/* Without a configuration: the outbox, filing on. */
	if (cli->config != NULL) {
		if ((cf = config_load(cli->config, &err)) == NULL) {
			fprintf(stderr, "%s", err.data ? err.data : "");
			goto out;
		}
		if (cf->data_dir != NULL && !cli->datadir_named)
			datadir = cf->data_dir;
	}
	if (!cli_seller_known(datadir, seller)) {
		rc = EXIT_USAGE;
		goto out;
	}
	opened = 1;
	if ((rc = filer_open(&x.filer, cf, dry_run)) != 0)
		goto out;
	walk = cli_each_store_locked(datadir, seller,
	    cli_wait(cli, CLI_WAIT_DEFAULT), claims_file_store, &x, &n,
	    &locked);
	if (n == 0)
		log_warn("no seller store under %s", datadir);
	fflush(stdout);
	rc = x.unreachable ? EXIT_UNAVAIL : locked > 0 ? EXIT_LOCKED :
	    walk == CLI_WALK_FAILED ? EXIT_PARTIAL : EXIT_OK;
out:
	if (opened)
		filer_close(&x.filer);
	config_free(cf);
	buf_free(&err);
	return rc;
}

/* The seller whose store holds a claim id. */
struct claims_owner {
	const char	*claim_id;
	char		 seller[65];
};

static int
claims_owner_found(void *ctx, const struct claim_row *c)
{
	(void)ctx;
	(void)c;
	return 1;
}

/* Notes the seller if this store holds the claim; 1 when it does. */
static enum cli_walk
claims_owner(struct store *st, const char *seller, void *ctx)
{
	struct claims_owner *o = ctx;
	struct claim_filter f = { NULL, NULL, o->claim_id };

	if (store_claims_scan(st, &f, claims_owner_found, NULL) != 1)
		return CLI_WALK_ON;
	snprintf(o->seller, sizeof(o->seller), "%s", seller);
	return CLI_WALK_STOP;
}

/* What "claims mark" asks of the store holding the claim. */
struct claims_mark_ctx {
	const char		*claim_id;
	const struct mark_opts	*o;
	int			 result;
};

static enum cli_walk
claims_mark_store(struct store *st, const char *seller, void *ctx)
{
	struct claims_mark_ctx *x = ctx;
	char err[512];

	x->result = mark_apply(st, x->claim_id, x->o, err, sizeof(err));
	if (x->result == MARK_NO_CLAIM)
		return CLI_WALK_ON;
	if (x->result == MARK_DONE)
		log_info("%s: claim %s: recorded", seller, x->claim_id);
	else
		log_error("%s: %s", seller, err);
	return CLI_WALK_STOP;
}

static int
claims_mark_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "case-id", required_argument, NULL, 'c' },
		{ "denied", no_argument, NULL, 'D' },
		{ "note", required_argument, NULL, 'n' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct mark_opts o = { NULL, 0, NULL, "person" };
	struct claims_mark_ctx x;
	struct claims_owner owner;
	int ch, locked = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o.case_id = optarg;
			break;
		case 'D':
			o.denied = 1;
			break;
		case 'n':
			o.note = optarg;
			break;
		case 'b':
			o.by = optarg;
			break;
		default:
			return cli_usage(claims_usage);
		}
	}
	if (optind >= argc)
		return cli_missing("claims mark", "CLAIM_ID", claims_usage);
	if (o.case_id == NULL && !o.denied)
		return cli_missing("claims mark", "--case-id ID or --denied",
		    claims_usage);
	if (optind != argc - 1)
		return cli_usage(claims_usage);
	if (o.case_id != NULL && !transport_case_id_valid(o.case_id)) {
		log_error("--case-id: a case id is 1-%d of A-Z a-z 0-9 . _ -",
		    TRANSPORT_MAX_CASE_ID);
		return EXIT_USAGE;
	}
	if (*o.by == '\0' || strlen(o.by) > 64) {
		log_error("--by: a name of 1-64 bytes");
		return EXIT_USAGE;
	}
	x.claim_id = owner.claim_id = argv[optind];
	x.o = &o;
	x.result = MARK_NO_CLAIM;
	/* A claim id names no seller: look in every store, then change it
	 * under its seller's lock (no other seller's lock is waited for). */
	if (*x.claim_id == '\0' || cli_each_store_read(cli->datadir, NULL,
	    claims_owner, &owner, NULL) != CLI_WALK_STOP) {
		log_error("no claim %.64s", x.claim_id);
		return EXIT_USAGE;
	}
	if (cli_each_store_locked(cli->datadir, owner.seller,
	    cli_wait(cli, CLI_WAIT_DEFAULT), claims_mark_store, &x, NULL,
	    &locked) != CLI_WALK_STOP) {
		if (locked > 0)
			return EXIT_LOCKED;
		log_error("no claim %.64s", x.claim_id);
		return EXIT_USAGE;
	}
	if (x.result == MARK_REFUSED)
		return EXIT_USAGE;
	return x.result == MARK_DONE ? EXIT_OK : EXIT_PARTIAL;
}

static enum cli_walk
claims_reconcile_store(struct store *st, const char *seller, void *ctx)
{
	struct reconcile_summary sum;
	char err[512];

	(void)ctx;
	if (reconcile_run(st, stdout, &sum, err, sizeof(err)) == -1) {
		log_error("%s: reconcile: %s", seller, err);
		return CLI_WALK_FAILED;
	}
	log_info("%s: reconciled %d filed claims: %d changed (%d now "
	    "reimbursed, %d partly, %d re-opened)", seller, sum.claims,
	    sum.changed, sum.reimbursed, sum.partial, sum.reopened);
	return CLI_WALK_ON;
}

static int
claims_reconcile_cmd(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *seller = NULL;
	size_t n;
	enum cli_walk walk;
	int ch, locked = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 's')
			return cli_usage(claims_usage);
		seller = optarg;
	}
	if (optind != argc)
		return cli_usage(claims_usage);
	if (!cli_seller_known(cli->datadir, seller))
		return EXIT_USAGE;
	walk = cli_each_store_locked(cli->datadir, seller,
	    cli_wait(cli, CLI_WAIT_DEFAULT), claims_reconcile_store, NULL, &n,
	    &locked);
	fflush(stdout);
	if (n == 0)
		log_warn("no seller store under %s", cli->datadir);
	if (locked > 0)
		return EXIT_LOCKED;
	return walk == CLI_WALK_FAILED ? EXIT_PARTIAL : EXIT_OK;
}

int
cmd_claims(const struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return claims_list_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return claims_show_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "file") == 0)
		return claims_file_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "mark") == 0)
		return claims_mark_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "reconcile") == 0)
		return claims_reconcile_cmd(cli, argc - 1, argv + 1);
	return cli_usage(claims_usage);
}
