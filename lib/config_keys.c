/*
 * The configuration's keys: one table row per key, with how to check its
 * value (lib/config_check.c) and where it goes; config_set, which checks
 * and stores one value; and inih's handler, which finds a key in its
 * section's table.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lib/config.h"
#include "lib/config_int.h"
#include "lib/mem.h"
#include "lib/sellerid.h"

enum config_kind {
	CK_TEXT,		/* any non-empty text */
	CK_URL,			/* config_url_check */
	CK_LANG,		/* en de fr es */
	CK_TRANSPORT,		/* outbox gateway */
	CK_REGION,		/* na eu fe */
	CK_BOOL,		/* yes no */
	CK_SECONDS,		/* a decimal number in [min, max] */
	CK_COUNT,		/* an integer in [min, max] */
	CK_LIST,		/* comma-separated marketplace ids */
	CK_FILE,		/* a secret file, read later */
	CK_SMTP,		/* config_smtp_url_check */
	CK_ID,			/* a name of the seller id rule */
	CK_EMAIL		/* an e-mail address */
};

struct config_key {
	const char		*name;
	enum config_kind	 kind;
	size_t			 off;	/* in struct config or config_seller */
	double			 min, max;
};

#define CF(f)	offsetof(struct config, f)
#define CS(f)	offsetof(struct config_seller, f)
#define FT(f)	(offsetof(struct config, fetch) + \
		    offsetof(struct config_fetch, f))

static const struct config_key config_main_keys[] = {
	{ "data_dir", CK_TEXT, CF(data_dir), 0, 0 },
	{ "lang", CK_LANG, CF(lang), 0, 0 },
	{ "file_claims", CK_BOOL, CF(file_claims), 0, 0 },
	{ "claims_per_night", CK_COUNT, CF(claims_per_night), 0, 10000 },
	{ "claims_transport", CK_TRANSPORT, CF(claims_transport), 0, 0 },
	{ "gateway_url", CK_URL, CF(gateway_url), 0, 0 },
	{ "gateway_token_file", CK_FILE, SECRET_GATEWAY, 0, 0 },
	{ "webhook_url", CK_URL, CF(webhook_url), 0, 0 },
	{ "smtp_url", CK_SMTP, CF(smtp_url), 0, 0 },
	{ "smtp_from", CK_EMAIL, CF(smtp_from), 0, 0 },
	{ "smtp_user", CK_TEXT, CF(smtp_user), 0, 0 },
	{ "smtp_password_file", CK_FILE, SECRET_SMTP, 0, 0 },
	{ "connect_timeout", CK_SECONDS, FT(connect_timeout), 0.1, 600 },
	{ "stall_timeout", CK_SECONDS, FT(stall_timeout), 0.1, 3600 },
	{ "transfer_min_rate", CK_COUNT, FT(transfer_min_rate), 1, 1e9 },
	{ "transfer_grace", CK_SECONDS, FT(transfer_grace), 0.1, 3600 },
	{ "poll_interval", CK_SECONDS, FT(poll_interval), 0.01, 3600 },
	{ "report_patience", CK_SECONDS, FT(patience), 0, 86400 },
	{ "retry_time", CK_SECONDS, FT(retry_time), 0, 3600 },
	{ "retry_base", CK_SECONDS, FT(retry_base), 0.001, 600 },
	{ "retry_tries", CK_COUNT, FT(retry_tries), 1, 20 },
	{ "max_transfers", CK_COUNT, FT(max_transfers), 1, 256 },
	{ "history_days", CK_COUNT, FT(history_days), 1, 548 },
};

static const struct config_key config_seller_keys[] = {
	{ "name", CK_TEXT, CS(name), 0, 0 },
	{ "region", CK_REGION, CS(region), 0, 0 },
	{ "marketplaces", CK_LIST, CS(marketplaces), 0, 0 },
	{ "lang", CK_LANG, CS(lang), 0, 0 },
	{ "csm", CK_ID, CS(csm), 0, 0 },
	{ "client_id", CK_TEXT, CS(client_id), 0, 0 },
	{ "client_secret_file", CK_FILE, SECRET_CLIENT, 0, 0 },
	{ "refresh_token_file", CK_FILE, SECRET_REFRESH, 0, 0 },
	{ "endpoint", CK_URL, CS(endpoint), 0, 0 },
	{ "lwa_endpoint", CK_URL, CS(lwa_endpoint), 0, 0 },
	{ "claims_per_night", CK_COUNT, CS(claims_per_night), 0, 10000 },
	/* The warehouse window closes 60 days after the event: a wait of
	 * 60 or more would never let a claim be filed. */
	{ "claim_wait_days", CK_COUNT, CS(claim_wait_days), 0, 59 },
};

#define CC(f)	offsetof(struct config_csm, f)

static const struct config_key config_csm_keys[] = {
	{ "email", CK_EMAIL, CC(email), 0, 0 },
	{ "lang", CK_LANG, CC(lang), 0, 0 },
};

static const char *const config_langs[] = { "en", "de", "fr", "es", NULL };
static const char *const config_transports[] = { "outbox", "gateway", NULL };
static const char *const config_regions[] = { "na", "eu", "fe", NULL };

#define CONFIG_NMAIN	(sizeof(config_main_keys) / sizeof(config_main_keys[0]))
#define CONFIG_NSELLER	(sizeof(config_seller_keys) / \
			    sizeof(config_seller_keys[0]))
_Static_assert(CONFIG_NMAIN <= CONFIG_MAX_KEYS &&
    CONFIG_NSELLER <= CONFIG_MAX_KEYS, "raise CONFIG_MAX_KEYS");

/* Whether s is one of the NULL-ended words. */
static int
config_word(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

/* The line [fbaudit]'s key name was set on, 0 when it was not. */
int
config_main_line(const struct config_pending *pend, const char *name)
{
	size_t i;

	for (i = 0; i < CONFIG_NMAIN; i++)
		if (strcmp(config_main_keys[i].name, name) == 0)
			return pend->seen_lines[i];
	return 0;
}

/* Checks value for key k and stores it at base (a config or a seller). */
static void
config_set(struct config_parse *p, const struct config_key *k, char *base,
    struct config_pending *pend, size_t kidx, const char *value)
{
	const char *why = NULL;
	char **sp = (char **)(void *)(base + k->off);
	double d;

	if (pend->seen_lines[kidx] != 0) {
		config_error(p, p->line, k->name, "is set twice (first on "
		    "line %d)", pend->seen_lines[kidx]);
		return;
	}
	pend->seen_lines[kidx] = p->line;
	if (*value == '\0') {
		config_error(p, p->line, k->name, "is empty");
		return;
	}
	switch (k->kind) {
	case CK_TEXT:
		break;
	case CK_URL:
		why = config_url_check(value);
		break;
	case CK_SMTP:
		why = config_smtp_url_check(value);
		break;
	case CK_ID:
		/* It names files: csm-NAME.html, digest records. */
		if (!sellerid_valid(value))
			why = "is not a name of 1-64 of A-Z a-z 0-9 _ -";
		break;
	case CK_EMAIL:
		why = config_email_check(value);
		break;
	case CK_LANG:
		if (!config_word(value, config_langs))
			why = "is not one of en, de, fr, es";
		break;
	case CK_TRANSPORT:
		if (!config_word(value, config_transports))
			why = "is not one of outbox, gateway";
		break;
	case CK_REGION:
		if (!config_word(value, config_regions))
			why = "is not one of na, eu, fe";
		break;
	case CK_BOOL:
		why = config_bool(value, (int *)(void *)(base + k->off));
		goto done;
	case CK_SECONDS:
		if ((why = config_seconds(value, k->min, k->max, &d)) == NULL)
			*(double *)(void *)(base + k->off) = d;
		goto done;
	case CK_COUNT:
		why = config_count(value, k->min, k->max,
		    (int *)(void *)(base + k->off));
		goto done;
	case CK_LIST:
		why = config_list(value, &p->seller->marketplaces,
		    &p->seller->nmarketplaces);
		goto done;
	case CK_FILE:
		pend->path[k->off] = xstrdup(value);
		pend->line[k->off] = p->line;
		goto done;
	}
	if (why == NULL) {
		free(*sp);
		*sp = xstrdup(value);
	}
done:
	/* A value may be a misplaced secret: it is never echoed. */
	if (why != NULL)
		config_error(p, p->line, k->name, "%s", why);
}

/* inih's handler: one key, or (name NULL) a new section. */
int
config_handler(void *arg, const char *section, const char *name,
    const char *value)
{
	struct config_parse *p = arg;
	const struct config_key *keys;
	size_t i, n;

	if (p->section_line != p->header_line || p->section == NULL) {
		p->section_line = p->header_line;
		config_section(p, section);
	}
	if (name == NULL || p->skip_section)
		return 1;
	if (p->csm != NULL) {
		for (i = 0; i < sizeof(config_csm_keys) /
		    sizeof(config_csm_keys[0]); i++)
			if (strcmp(config_csm_keys[i].name, name) == 0) {
				config_set(p, &config_csm_keys[i],
				    (char *)p->csm,
				    &p->csm_p[p->csm - p->cf->csms], i, value);
				return 1;
			}
		config_error(p, p->line, name, "unknown key in [%s]", section);
		return 1;
	}
	if (p->in_main) {
		keys = config_main_keys;
		n = CONFIG_NMAIN;
	} else {
		keys = config_seller_keys;
		n = CONFIG_NSELLER;
	}
	for (i = 0; i < n; i++)
		if (strcmp(keys[i].name, name) == 0) {
			if (p->in_main)
				config_set(p, &keys[i], (char *)p->cf,
				    &p->main_p, i, value);
			else
				config_set(p, &keys[i], (char *)p->seller,
				    &p->seller_p[p->seller - p->cf->sellers],
				    i, value);
			return 1;
		}
	config_error(p, p->line, name, "unknown key in [%s]", section);
	return 1;
}
