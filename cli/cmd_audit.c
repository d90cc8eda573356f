/* fbaudit audit: detect claims in each seller's store, as of --now. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "claims/reconcile.h"
#include "cli/cli.h"
#include "cli/sellers.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/clock.h"
#include "lib/log.h"
#include "lib/num.h"
#include "lib/vocab.h"
#include "market/http.h"
#include "market/webhook.h"
#include "store/store.h"

/* Appends "12.34 USD, 5.00 EUR" for a per-currency list. */
static void
audit_money_text(struct buf *b, const struct audit_totals *t)
{
	char amount[32];
	size_t i;

	for (i = 0; i < t->n; i++)
		buf_printf(b, "%s%s %s", i ? ", " : "",
		    num_format_amount(t->v[i].amount, t->v[i].currency,
		    amount, sizeof(amount)), t->v[i].currency);
	if (t->n == 0)
		buf_adds(b, "0.00");
}

/* One seller's summary: claims by type and status, money eligible. */
static void
audit_report(const char *seller, const struct audit_summary *s)
{
	struct buf b;
	size_t t, k;
	int64_t n;

	buf_init(&b, 0);
	buf_printf(&b, "%s: %lld claims", seller, (long long)s->claims);
	for (t = 0; t < audit_type_count() && t < AUDIT_MAX_TYPES; t++) {
		for (k = 0, n = 0; k < AUDIT_MAX_STATUSES; k++)
			n += s->by_type_status[t][k];
		if (n == 0)
			continue;
		buf_printf(&b, "; %s", audit_type_name(t));
		for (k = 0; k < CLAIM_STATUS_COUNT &&
		    k < AUDIT_MAX_STATUSES; k++)
			if (s->by_type_status[t][k])
				buf_printf(&b, " %lld %s",
				    (long long)s->by_type_status[t][k],
				    claim_status_name(k));
	}
	buf_adds(&b, "; eligible ");
	audit_money_text(&b, &s->eligible);
	buf_adds(&b, ", expiring within 7 days ");
	audit_money_text(&b, &s->expiring);
	if (s->unvalued)
		buf_printf(&b, ", %lld eligible without a known value",
		    (long long)s->unvalued);
	buf_printf(&b, "; anomalies %lld new, %lld open or acked, %lld closed",
	    (long long)s->anomalies_opened, (long long)s->anomalies_active,
	    (long long)s->anomalies_closed);
	log_info("%s", b.data);
	buf_free(&b);
}

/* Where new anomalies go, when the configuration names a webhook. */
struct audit_ctx {
	int			 rewind;	/* --rewind */
	const char		*webhook;
	struct http		*http;
	const struct config	*cf;	/* the sellers' settings, or NULL */
};

static enum cli_walk
audit_one(struct store *st, const char *seller, void *ctx)
{
	struct audit_ctx *x = ctx;
	struct audit_settings set;
	struct audit_summary sum;
	struct reconcile_summary rsum;
	char err[512];
	int sent;

	cli_audit_settings(x->cf, seller, &set);
	set.rewind = x->rewind;
	if (audit_run(st, clock_today(), 1, &set, &sum, err,
	    sizeof(err)) == -1) {
		audit_summary_free(&sum);
		log_error("%s: %s", seller, err);
		return CLI_WALK_FAILED;
	}
	audit_report(seller, &sum);
	audit_summary_free(&sum);
	/* Payments for claims filed earlier (claims/reconcile.h). */
	if (reconcile_run(st, NULL, &rsum, err, sizeof(err)) == -1) {
		log_error("%s: reconcile: %s", seller, err);
		return CLI_WALK_FAILED;
	}
	if (rsum.changed > 0)
		log_info("%s: reconciled: %d filed claims changed (%d now "
		    "reimbursed, %d partly, %d re-opened)", seller,
		    rsum.changed, rsum.reimbursed, rsum.partial,
		    rsum.reopened);
	if (x->webhook == NULL)
		return CLI_WALK_ON;
	if (x->http == NULL) {
		/* The anomalies stay unsent: the next audit sends them. */
		log_error("%s: webhook: no HTTP client could be made", seller);
		return CLI_WALK_FAILED;
	}
	/* After the commit: an anomaly is told only once it exists. */
	if ((sent = webhook_notify(st, seller, x->webhook, x->http)) == -1)
		return CLI_WALK_FAILED;
	if (sent > 0)
		log_info("%s: %d new anomal%s sent to the webhook", seller,
		    sent, sent == 1 ? "y" : "ies");
	return CLI_WALK_ON;
}

/* Opens the webhook client when the configuration names one. 0 or -1. */
static int
audit_webhook(const struct cli *cli, struct config **cf,
    struct audit_ctx *x)
{
	struct http_settings set = { 10.0, 30.0, NULL, 0, 0 };
	struct buf err, ua;

	if (cli->config == NULL)
		return 0;
	buf_init(&err, 0);
	if ((*cf = config_load(cli->config, &err)) == NULL) {
		log_error("%s", err.data ? err.data : cli->config);
		buf_free(&err);
		return -1;
	}
	buf_free(&err);
	if ((*cf)->webhook_url == NULL)
		return 0;
	if (http_global_init() == -1) {
		log_error("cannot initialise libcurl");
		return -1;
	}
	buf_init(&ua, 0);
	buf_printf(&ua, "fbaudit/%s (Language=C)", FBAUDIT_VERSION);
	set.user_agent = ua.data;
	x->http = http_new(&set);
	buf_free(&ua);
	x->webhook = (*cf)->webhook_url;
	return 0;
}

int
cmd_audit(const struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seller", required_argument, NULL, 's' },
		{ "rewind", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	static const char usage[] = "audit [--seller ID] [--rewind]";
	struct audit_ctx x = { 0, NULL, NULL, NULL };
	struct config *cf = NULL;
	const char *seller = NULL, *datadir;
	char **ids;
	size_t n, refused;
	enum cli_walk walk;
	int ch, locked = 0;

	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 's':
			seller = optarg;
			break;
		case 'r':
			x.rewind = 1;
			break;
		default:
			return cli_usage(usage);
		}
	}
	if (optind != argc)
		return cli_usage(usage);
	if (!cli_seller_ok(seller))
		return EXIT_USAGE;
	if (audit_webhook(cli, &cf, &x) == -1) {
		config_free(cf);
		return EXIT_USAGE;
	}
	x.cf = cf;
	/* -d or FBAUDIT_DATA win, then data_dir of the configuration. */
	datadir = cf != NULL && cf->data_dir != NULL && !cli->datadir_named ?
	    cf->data_dir : cli->datadir;
	if (!cli_seller_known(datadir, seller)) {
		http_free(x.http);
		config_free(cf);
		return EXIT_USAGE;
	}
	/* An earlier day than a store's last audit: nothing is audited. */
	if (!x.rewind) {
		ids = cli_sellers(datadir, seller, &n);
		refused = cli_day_refused(datadir, ids, n, clock_today());
		cli_sellers_free(ids, n);
		if (refused > 0) {
			http_free(x.http);
			config_free(cf);
			return EXIT_USAGE;
		}
	}
	walk = cli_each_store_locked(datadir, seller,
	    cli_wait(cli, CLI_WAIT_DEFAULT), audit_one, &x, &n, &locked);
	if (n == 0)
		log_warn("no seller store under %s", datadir);
	http_free(x.http);
	config_free(cf);
	if (locked > 0)
		return EXIT_LOCKED;
	return walk == CLI_WALK_FAILED ? EXIT_PARTIAL : EXIT_OK;
}
