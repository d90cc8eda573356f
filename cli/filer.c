#include <stdio.h>
#include <string.h>

#include "claims/packet.h"
#include "cli/cli.h"
#include "cli/filer.h"
#include "cli/settings.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/log.h"
#include "market/http.h"
#include "store/store.h"

int
filer_open(struct filer *f, const struct config *cf, int dry_run)
{
	struct http_settings hs;

	memset(f, 0, sizeof(*f));
	buf_init(&f->ua, 0);
	f->cf = cf;
	f->out = stdout;
	f->dry_run = dry_run || (cf != NULL && !cf->file_claims);
	f->transport = transport_find(cf && cf->claims_transport ?
	    cf->claims_transport : "outbox");
	if (f->transport == NULL) {
		log_error("claims_transport: unknown transport");
		return EXIT_USAGE;
	}
	if (strcmp(f->transport->name, "gateway") != 0 || f->dry_run)
		return 0;
	if (http_global_init() == -1) {
		log_error("cannot initialise libcurl");
		return EXIT_UNAVAIL;
	}
	buf_printf(&f->ua, "fbaudit/%s (Language=C)", FBAUDIT_VERSION);
	memset(&hs, 0, sizeof(hs));
	hs.connect_timeout = cf->fetch.connect_timeout;
	hs.stall_timeout = cf->fetch.stall_timeout;
	hs.min_rate = cf->fetch.transfer_min_rate;
	hs.grace = cf->fetch.transfer_grace;
	hs.user_agent = f->ua.data;
	if ((f->tctx.http = http_new(&hs)) == NULL) {
		log_error("cannot initialise libcurl");
		return EXIT_UNAVAIL;
	}
	f->tctx.url = cf->gateway_url;
	f->tctx.token = cf->gateway_token;
	f->tctx.tries = cf->fetch.retry_tries;
	f->tctx.retry_time = cf->fetch.retry_time;
	f->tctx.retry_base = cf->fetch.retry_base;
	return 0;
}

int
filer_seller(struct filer *f, struct store *st, const char *seller,
    struct file_summary *sum)
{
	struct store_settings set;
	struct file_opts o;
	char err[512];
	int rc = -1;

	memset(sum, 0, sizeof(*sum));
	if (cli_settings(f->cf, st, &set) == -1)
		return -1;
	/*
	 * The seller's own settings (issue 16 §2): a seller who files by
	 * themselves is never filed for, with or without -C; one filed
	 * through the gateway is not filed through the outbox instead
	 * when a run lacks the configuration that reaches the gateway.
	 */
	if (!f->dry_run && cli_settings_self_filing(&set)) {
		sum->skipped = "the seller files by themselves";
		rc = 0;
		goto out;
	}
	if (!f->dry_run && strcmp(set.transport, f->transport->name) != 0) {
		sum->skipped = "its transport needs its configuration (-C)";
		log_warn("%s: not filed: its claims go through the %s, which "
		    "this command has no configuration for", seller,
		    set.transport);
		rc = 0;
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.transport = f->transport;
	o.tctx = &f->tctx;
	f->tctx.seller_dir = store_dir(st);
	o.lang = set.lang;
	o.cap = set.cap;
	o.dry_run = f->dry_run;
	o.today = clock_today();
	o.out = f->out;
	if (file_run(st, &o, sum, err, sizeof(err)) == -1) {
		log_error("%s: %s", seller, err);
		goto out;
	}
	rc = 0;
out:
	store_settings_free(&set);
	return rc;
}

char *
filer_packet_text(struct store *st, const char *claim_id, const char *lang)
{
	struct packet p;
	char err[256], *text = NULL;

	if (packet_build(st, claim_id, lang, &p, err, sizeof(err)) ==
	    PACKET_BUILT) {
		text = p.text;
		p.text = NULL;
	} else
		log_error("%s: claim %s: no message: %s", store_seller(st),
		    claim_id, *err ? err : "no such claim");
	packet_free(&p);
	return text;
}

void
filer_close(struct filer *f)
{
	http_free(f->tctx.http);
	f->tctx.http = NULL;
	buf_free(&f->ua);
}
