#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/filer.h"
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
	const struct config_seller *cs = NULL;
	struct file_opts o;
	char err[512];

	if (f->cf != NULL)
		cs = config_seller_find(f->cf, seller);
	memset(&o, 0, sizeof(o));
	o.transport = f->transport;
	o.tctx = &f->tctx;
	f->tctx.seller_dir = store_dir(st);
	/* The seller's language, else [fbaudit]'s, else English. */
	o.lang = cs && cs->lang ? cs->lang : f->cf && f->cf->lang ?
	    f->cf->lang : "en";
	o.cap = cs && cs->claims_per_night >= 0 ? cs->claims_per_night :
	    f->cf ? f->cf->claims_per_night : CONFIG_CLAIMS_PER_NIGHT;
	o.dry_run = f->dry_run;
	o.today = clock_today();
	o.out = f->out;
	if (file_run(st, &o, sum, err, sizeof(err)) == -1) {
		log_error("%s: %s", seller, err);
		return -1;
	}
	return 0;
}

void
filer_close(struct filer *f)
{
	http_free(f->tctx.http);
	f->tctx.http = NULL;
	buf_free(&f->ua);
}
