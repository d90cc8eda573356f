/*
 * The INI configuration: loading a file into struct config (inih does the
 * lexing), the checks that span sections, and freeing. inih does not pass
 * line numbers to the handler in Debian's build, so the file is fed
 * through a reader that counts them. The keys are lib/config_keys.c's,
 * the checks of their values lib/config_check.c's, sections and sellers
 * lib/config_section.c's, secrets lib/config_secret.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/config_int.h"
#include "lib/limits.h"
#include "lib/mem.h"

static void config_vreport(struct config_parse *, struct buf *, int,
    const char *, const char *, va_list) __attribute__((format(printf, 5, 0)));

/* Appends "file:line: key: message" to to; counts it when it is p's. */
static void
config_vreport(struct config_parse *p, struct buf *to, int line,
    const char *key, const char *fmt, va_list ap)
{
	buf_printf(to, "%s:%d: ", p->cf->path, line);
	if (key != NULL)
		buf_printf(to, "%s: ", key);
	buf_vprintf(to, fmt, ap);
	buf_addc(to, '\n');
	if (to == p->err)
		p->errors++;
}

/* An error of the configuration: config_load fails. */
void
config_error(struct config_parse *p, int line, const char *key,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	config_vreport(p, p->err, line, key, fmt, ap);
	va_end(ap);
}

/* An error that goes to `to`: p's errors, or one seller's. */
void
config_report(struct config_parse *p, struct buf *to, int line,
    const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	config_vreport(p, to, line, key, fmt, ap);
	va_end(ap);
}

/* inih's line reader: fgets, counting lines for the handler. */
static char *
config_read_line(char *str, int num, void *arg)
{
	struct config_parse *p = arg;
	char *r = fgets(str, num, p->fp);
	size_t i;

	if (r == NULL)
		return NULL;
	if (strchr(r, '\n') != NULL || feof(p->fp))
		p->line++;
	for (i = 0; r[i] == ' ' || r[i] == '\t'; i++)
		;
	/* inih tells the handler of a section only with its first key. */
	if (r[i] == '[')
		p->header_line = p->line;
	return r;
}

/* Defaults for what the file does not say. */
static void
config_defaults(struct config *cf)
{
	cf->file_claims = 1;
	cf->claims_per_night = CONFIG_CLAIMS_PER_NIGHT;
	cf->fetch.connect_timeout = 30;
	cf->fetch.stall_timeout = 120;
	cf->fetch.transfer_min_rate = TRANSFER_MIN_RATE;
	cf->fetch.transfer_grace = TRANSFER_GRACE;
	cf->fetch.poll_interval = 30;
	cf->fetch.patience = 2 * 3600;
	cf->fetch.retry_time = 300;
	cf->fetch.retry_base = 1;
	cf->fetch.retry_tries = 6;
	cf->fetch.max_transfers = 16;
	cf->fetch.history_days = 548;	/* 18 months */
}

static void
config_pending_free(struct config_pending *pend)
{
	int i;

	for (i = 0; i < SECRET_COUNT; i++)
		free(pend->path[i]);
}

struct config *
config_load(const char *path, struct buf *err)
{
	struct config_parse p;
	struct config *cf;
	size_t i;
	int rc, gateway, tline;

	memset(&p, 0, sizeof(p));
	cf = xcalloc(1, sizeof(*cf));
	cf->path = xstrdup(path);
	config_defaults(cf);
	p.cf = cf;
	p.err = err;
	config_env_secrets();
	if ((p.fp = fopen(path, "r")) == NULL) {
		buf_printf(err, "%s: %s\n", path, strerror(errno));
		p.errors++;
		goto out;
	}
	rc = ini_parse_stream(config_read_line, &p, config_handler, &p);
	fclose(p.fp);
	if (rc > 0 && p.errors == 0)
		config_error(&p, rc, NULL, "not an INI line (want [section] "
		    "or key = value)");
	else if (rc < 0)
		config_error(&p, p.line, NULL, "cannot parse");
	if (!p.seen_main && cf->nsellers == 0)
		config_error(&p, 1, NULL, "no [fbaudit] and no [seller ID] "
		    "section");
	for (i = 0; i < cf->nsellers; i++)
		config_seller_finish(&p, &cf->sellers[i], &p.seller_p[i]);
	gateway = cf->claims_transport != NULL &&
	    strcmp(cf->claims_transport, "gateway") == 0;
	tline = config_main_line(&p.main_p, "claims_transport");
	if (gateway && cf->gateway_url == NULL)
		config_error(&p, tline, "gateway_url",
		    "claims_transport = gateway needs a gateway_url");
	/* The gateway's token is the whole run's: its problem is one of
	 * the configuration, not of a seller. */
	if (gateway || p.main_p.path[SECRET_GATEWAY] != NULL)
		cf->gateway_token = config_secret(&p, p.err, &p.main_p,
		    SECRET_GATEWAY, "gateway_token_file",
		    "FBAUDIT_GATEWAY_TOKEN", tline, gateway);
	if (cf->smtp_url != NULL && cf->smtp_from == NULL)
		config_error(&p, config_main_line(&p.main_p, "smtp_url"),
		    "smtp_from", "smtp_url needs an smtp_from address");
	if (p.main_p.path[SECRET_SMTP] != NULL ||
	    getenv("FBAUDIT_SMTP_PASSWORD") != NULL)
		cf->smtp_password = config_secret(&p, p.err, &p.main_p,
		    SECRET_SMTP, "smtp_password_file", "FBAUDIT_SMTP_PASSWORD",
		    config_main_line(&p.main_p, "smtp_password_file"), 0);
out:
	config_pending_free(&p.main_p);
	for (i = 0; i < cf->nsellers; i++)
		config_pending_free(&p.seller_p[i]);
	free(p.seller_p);
	for (i = 0; i < cf->ncsms; i++)
		config_pending_free(&p.csm_p[i]);
	free(p.csm_p);
	free(p.section);
	if (p.errors > 0) {
		config_free(cf);
		return NULL;
	}
	return cf;
}

void
config_free(struct config *cf)
{
	struct config_seller *s;
	size_t i, j;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->nsellers; i++) {
		s = &cf->sellers[i];
		free(s->id);
		free(s->name);
		free(s->region);
		for (j = 0; j < s->nmarketplaces; j++)
			free(s->marketplaces[j]);
		free(s->marketplaces);
		free(s->lang);
		free(s->csm);
		free(s->client_id);
		free(s->error);
		config_wipe(s->client_secret);
		config_wipe(s->refresh_token);
		free(s->endpoint);
		free(s->lwa_endpoint);
	}
	free(cf->sellers);
	for (i = 0; i < cf->ncsms; i++) {
		free(cf->csms[i].name);
		free(cf->csms[i].email);
		free(cf->csms[i].lang);
	}
	free(cf->csms);
	free(cf->smtp_url);
	free(cf->smtp_from);
	free(cf->smtp_user);
	config_wipe(cf->smtp_password);
	free(cf->path);
	free(cf->data_dir);
	free(cf->lang);
	free(cf->claims_transport);
	free(cf->gateway_url);
	config_wipe(cf->gateway_token);
	free(cf->webhook_url);
	free(cf);
}

const struct config_csm *
config_csm_find(const struct config *cf, const char *name)
{
	size_t i;

	for (i = 0; i < cf->ncsms; i++)
		if (strcmp(cf->csms[i].name, name) == 0)
			return &cf->csms[i];
	return NULL;
}

const struct config_seller *
config_seller_find(const struct config *cf, const char *id)
{
	size_t i;

	for (i = 0; i < cf->nsellers; i++)
		if (strcmp(cf->sellers[i].id, id) == 0)
			return &cf->sellers[i];
	return NULL;
}
