/* fbaudit claims list|show: the claims the audit found. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "cli/cli.h"
#include "cli/sellers.h"
#include "lib/date.h"
#include "lib/num.h"
#include "lib/log.h"
#include "lib/sellerid.h"
#include "lib/text.h"
#include "reports/claims_list.h"
#include "store/claims.h"
#include "store/store.h"

static const char claims_usage[] = "claims list [--seller ID] "
    "[--status S] [--type T] [--format table|csv|json] | show CLAIM_ID";

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

static int
claims_list_store(struct store *st, const char *seller, void *ctx)
{
	struct claims_ctx *x = ctx;

	x->seller = seller;
	if (store_claims_scan(st, x->filter, claims_list_row, x) != 0) {
		log_error("%s: %s", seller, store_errmsg(st));
		return -1;
	}
	return 0;
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
	if (seller != NULL && !sellerid_valid(seller)) {
		log_error("--seller: \"%.64s\" is not a seller id", seller);
		return EXIT_USAGE;
	}
	if (f.status && !claims_known(f.status, audit_status_name,
	    audit_status_count())) {
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
	if (cli_each_store(cli->datadir, seller, claims_list_store, &x,
	    NULL) == -1)
		rc = EXIT_PARTIAL;
	if (claims_list_finish(x.list) == -1) {
		log_error("cannot write the claims list");
		rc = EXIT_PARTIAL;
	}
	return rc;
}

/* Imported text, safe for a terminal (static buffer: one per call). */
static const char *
show_safe(const char *s)
{
	static char out[4][1024];
	static int next;

	next = (next + 1) % 4;
	return text_terminal(out[next], sizeof(out[next]), s,
	    sizeof(out[next]) - 1);
}

static int
claims_show_claim(void *ctx, const struct claim_row *c)
{
	char a[DATE_STRLEN], b[DATE_STRLEN], v[32];

	(void)ctx;
	printf("claim       %s\ntype        %s\nstatus      %s\n",
	    c->claim_id, c->type, c->status);
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
static int
claims_show_store(struct store *st, const char *seller, void *ctx)
{
	const struct claim_filter *f = ctx;

	if (store_claims_scan(st, f, claims_show_claim, NULL) != 1)
		return 0;
	printf("seller      %s\nevidence:\n", seller);
	store_claim_evidence_scan(st, f->claim_id, claims_show_evidence, NULL);
	printf("history:\n");
	store_claim_events_scan(st, f->claim_id, claims_show_event, NULL);
	return 1;
}

static int
claims_show_cmd(const struct cli *cli, int argc, char **argv)
{
	struct claim_filter f = { NULL, NULL, NULL };

	if (argc != 2)
		return cli_usage(claims_usage);
	f.claim_id = argv[1];
	/* A claim id names no seller: look in every store. */
	if (cli_each_store(cli->datadir, NULL, claims_show_store, &f,
	    NULL) != 1) {
		log_error("no claim %s", f.claim_id);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
cmd_claims(const struct cli *cli, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return claims_list_cmd(cli, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return claims_show_cmd(cli, argc - 1, argv + 1);
	return cli_usage(claims_usage);
}
