/*
 * The INI configuration. inih does the lexing; this file knows every key:
 * one table row per key, with how to check its value and where it goes.
 * inih does not pass line numbers to the handler in Debian's build, so
 * the file is fed through a reader that counts them.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/limits.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"

/* Longest secret file read: LWA refresh tokens are about 400 bytes. */
#define CONFIG_MAX_SECRET	4096
/* Most marketplaces one seller may list (Amazon has about 20). */
#define CONFIG_MAX_MARKETPLACES	32

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

/*
 * The secret files' paths are kept aside (struct config_pending): a
 * CK_FILE key's off says which of the slots below it fills.
 */
enum config_secret {
	SECRET_CLIENT,
	SECRET_REFRESH,
	SECRET_GATEWAY,
	SECRET_SMTP,
	SECRET_COUNT
};

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
/* The most keys a section's table has: config_pending's lines. */
#define CONFIG_MAX_KEYS	24
_Static_assert(CONFIG_NMAIN <= CONFIG_MAX_KEYS &&
    CONFIG_NSELLER <= CONFIG_MAX_KEYS, "raise CONFIG_MAX_KEYS");

/* What parsing collects besides the values: lines and secret paths. */
struct config_pending {
	char	*path[SECRET_COUNT];
	int	 line[SECRET_COUNT];
	/* line of each key of the section, by its index in the table;
	 * read by name (config_key_line), never by a number */
	int	 seen_lines[CONFIG_MAX_KEYS];
};

struct config_parse {
	struct config		 *cf;
	struct buf		 *err;
	FILE			 *fp;
	int			  line;		/* of the last line read */
	int			  header_line;	/* of the last [section] */
	int			  section_line;	/* of the section in use */
	int			  errors;
	int			  in_main;	/* the current section */
	struct config_seller	 *seller;	/* or NULL */
	struct config_csm	 *csm;		/* or NULL */
	struct config_pending	 *csm_p;	/* one per CSM */
	char			 *section;	/* its name as last seen */
	int			  skip_section;	/* bad header: ignore keys */
	struct config_pending	  main_p;
	struct config_pending	 *seller_p;	/* one per seller */
	int			  seen_main;
};

static void config_error(struct config_parse *p, int line, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void config_report(struct config_parse *p, struct buf *to, int line,
    const char *key, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

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
static void
config_error(struct config_parse *p, int line, const char *key,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	config_vreport(p, p->err, line, key, fmt, ap);
	va_end(ap);
}

/* An error that goes to `to`: p's errors, or one seller's. */
static void
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

const char *
config_url_check(const char *url)
{
	const char *h, *end, *at;
	size_t n, i;
	int dots = 0;

	if (strncmp(url, "https://", 8) == 0)
		h = url + 8;
	else if (strncmp(url, "http://", 7) == 0)
		h = url + 7;
	else
		return "is not an https:// URL";
	end = h + strcspn(h, "/?#");
	if (end == h)
		return "has no host";
	at = memchr(h, '@', (size_t)(end - h));
	if (at != NULL)
		return "must not carry a user name or password";
	for (i = 0; url[i] != '\0'; i++)
		if ((unsigned char)url[i] <= ' ' || url[i] == 0x7f)
			return "contains a space or control character";
	if (url[4] == 's')
		return NULL;
	/* Plain http only to this machine (tests and sandboxes). */
	if (*h == '[') {
		if (strncmp(h, "[::1]", 5) == 0 && (h[5] == ':' ||
		    h + 5 == end))
			return NULL;
		return "uses plain http:// to a host that is not loopback";
	}
	n = strcspn(h, ":/?#");
	if (n == 9 && strncasecmp(h, "localhost", 9) == 0)
		return NULL;
	if (n >= 7 && strncmp(h, "127.", 4) == 0) {
		/* 127.a.b.c with four decimal parts of at most 3 digits. */
		size_t run = 0;

		for (i = 0; i < n; i++) {
			if (h[i] == '.') {
				if (run == 0)
					break;
				dots++;
				run = 0;
			} else if (isdigit((unsigned char)h[i]) && run < 3)
				run++;
			else
				break;
		}
		if (i == n && dots == 3 && run > 0)
			return NULL;
	}
	return "uses plain http:// to a host that is not loopback";
}

/*
 * Whether an SMTP URL may be used: smtps:// (TLS from the start), or
 * smtp:// (fbaudit then requires STARTTLS, except to a loopback host:
 * tests), with no user name or password in it. NULL, or why not.
 */
static const char *
config_smtp_url_check(const char *url)
{
	struct buf b;
	const char *why;

	if (strncmp(url, "smtps://", 8) != 0 &&
	    strncmp(url, "smtp://", 7) != 0)
		return "is not an smtps:// or smtp:// URL";
	/* The same host rules as http(s): checked on the http form. */
	buf_init(&b, 0);
	buf_printf(&b, "https://%s", strstr(url, "://") + 3);
	why = config_url_check(b.data);
	buf_free(&b);
	return why;
}

/* Whether s looks like an address: one @, no space, angle or comma. */
static const char *
config_email_check(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= ' ' || strchr("<>,;\"()", s[i]))
			return "is not an e-mail address";
	if (at == NULL || at == s || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL || strlen(s) > 254)
		return "is not an e-mail address";
	return NULL;
}

char *
config_env_name(const char *what, const char *seller)
{
	char *name, *p;

	name = xasprintf("FBAUDIT_%s_%s", what, seller);
	for (p = name; *p != '\0'; p++)
		if (*p == '-')
			*p = '_';
	return name;
}

/* Whether s is one of the NULL-ended words. */
static int
config_word(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

/* Parses a decimal number of seconds into [min, max]. */
static const char *
config_seconds(const char *v, double min, double max, double *out)
{
	char *end;
	double d;

	errno = 0;
	d = strtod(v, &end);
	if (end == v || *end != '\0' || errno != 0 || !(d == d))
		return "is not a number of seconds";
	if (d < min || d > max)
		return "is out of range";
	*out = d;
	return NULL;
}

/* Splits "A, B ,C" into a list of marketplace ids. */
static const char *
config_list(const char *v, char ***out, size_t *n)
{
	char **list = NULL;
	const char *p = v, *q, *e;
	size_t k = 0, i;

	while (*p != '\0') {
		q = p + strcspn(p, ",");
		e = q;
		while (p < e && isspace((unsigned char)*p))
			p++;
		while (e > p && isspace((unsigned char)e[-1]))
			e--;
		for (i = 0; p + i < e; i++)
			if (!isalnum((unsigned char)p[i]))
				goto bad;
		if (e == p || e - p > 20 || k == CONFIG_MAX_MARKETPLACES)
			goto bad;
		list = xreallocarray(list, k + 1, sizeof(*list));
		list[k++] = xstrndup(p, (size_t)(e - p));
		p = *q == ',' ? q + 1 : q;
	}
	if (k == 0)
		goto bad;
	*out = list;
	*n = k;
	return NULL;
bad:
	for (i = 0; i < k; i++)
		free(list[i]);
	free(list);
	return "is not a comma-separated list of marketplace ids";
}

/* The line [fbaudit]'s key name was set on, 0 when it was not. */
static int
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
		if (strcmp(value, "yes") == 0)
			*(int *)(void *)(base + k->off) = 1;
		else if (strcmp(value, "no") == 0)
			*(int *)(void *)(base + k->off) = 0;
		else
			why = "is not yes or no";
		goto done;
	case CK_SECONDS:
		if ((why = config_seconds(value, k->min, k->max, &d)) == NULL)
			*(double *)(void *)(base + k->off) = d;
		goto done;
	case CK_COUNT:
		if ((why = config_seconds(value, k->min, k->max, &d)) ==
		    NULL && d != (double)(int)d)
			why = "is not a whole number";
		else if (why == NULL)
			*(int *)(void *)(base + k->off) = (int)d;
		else if (strcmp(why, "is not a number of seconds") == 0)
			why = "is not a number";
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

/* Starts a [csm NAME] section. */
static void
config_csm_section(struct config_parse *p, const char *name, int line)
{
	struct config *cf = p->cf;
	size_t i;

	while (*name == ' ')
		name++;
	if (!sellerid_valid(name)) {
		config_error(p, line, NULL, "[csm %s]: a CSM name is 1-64 of "
		    "A-Z a-z 0-9 _ -", name);
		p->skip_section = 1;
		return;
	}
	for (i = 0; i < cf->ncsms; i++)
		if (strcmp(cf->csms[i].name, name) == 0) {
			config_error(p, line, NULL, "[csm %s] appears twice "
			    "(first on line %d)", name, cf->csms[i].line);
			p->skip_section = 1;
			return;
		}
	cf->csms = xreallocarray(cf->csms, cf->ncsms + 1, sizeof(*cf->csms));
	p->csm_p = xreallocarray(p->csm_p, cf->ncsms + 1, sizeof(*p->csm_p));
	memset(&cf->csms[cf->ncsms], 0, sizeof(*cf->csms));
	memset(&p->csm_p[cf->ncsms], 0, sizeof(*p->csm_p));
	p->csm = &cf->csms[cf->ncsms++];
	p->csm->name = xstrdup(name);
	p->csm->line = line;
}

/* Starts the section name: [fbaudit], [seller ID] or [csm NAME]. */
static void
config_section(struct config_parse *p, const char *section)
{
	struct config *cf = p->cf;
	const char *id;
	size_t i;
	int line = p->section_line;

	free(p->section);
	p->section = xstrdup(section);
	p->in_main = 0;
	p->seller = NULL;
	p->csm = NULL;
	p->skip_section = 0;
	if (strcmp(section, "fbaudit") == 0) {
		if (p->seen_main) {
			config_error(p, line, NULL, "[fbaudit] appears "
			    "twice");
			p->skip_section = 1;
		}
		p->seen_main = 1;
		p->in_main = 1;
		return;
	}
	if (strncmp(section, "csm ", 4) == 0) {
		config_csm_section(p, section + 4, line);
		return;
	}
	if (strncmp(section, "seller ", 7) != 0) {
		config_error(p, line, NULL, "[%s]: unknown section (want "
		    "[fbaudit], [seller ID] or [csm NAME])", section);
		p->skip_section = 1;
		return;
	}
	id = section + 7;
	while (*id == ' ')
		id++;
	if (!sellerid_valid(id)) {
		config_error(p, line, NULL, "[%s]: a seller id is 1-64 of "
		    "A-Z a-z 0-9 _ -", section);
		p->skip_section = 1;
		return;
	}
	for (i = 0; i < cf->nsellers; i++)
		if (strcmp(cf->sellers[i].id, id) == 0) {
			config_error(p, line, NULL, "[seller %s] appears "
			    "twice (first on line %d)", id,
			    cf->sellers[i].line);
			p->skip_section = 1;
			return;
		}
	cf->sellers = xreallocarray(cf->sellers, cf->nsellers + 1,
	    sizeof(*cf->sellers));
	p->seller_p = xreallocarray(p->seller_p, cf->nsellers + 1,
	    sizeof(*p->seller_p));
	memset(&cf->sellers[cf->nsellers], 0, sizeof(*cf->sellers));
	memset(&p->seller_p[cf->nsellers], 0, sizeof(*p->seller_p));
	p->seller = &cf->sellers[cf->nsellers++];
	p->seller->id = xstrdup(id);
	p->seller->claims_per_night = -1;
	p->seller->claim_wait_days = -1;
	p->seller->line = line;
}

/* inih's handler: one key, or (name NULL) a new section. */
static int
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

/*
 * Where a secret file really is. Symbolic links are followed, because
 * Kubernetes mounts each key of a Secret as KEY -> ..data/KEY with
 * ..data -> ..TIMESTAMP/, but only within the folder that names the file:
 * a link out of it would lend fbaudit a file nobody chose as a secret.
 * Returns the resolved path (caller frees), or NULL, the reason sent to
 * `to`.
 */
static char *
config_secret_where(struct config_parse *p, struct buf *to,
    const char *path, int line, const char *key)
{
	char *dir, *slash, *rdir = NULL, *rpath = NULL;
	size_t n;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((rpath = realpath(path, NULL)) == NULL) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if ((rdir = realpath(dir, NULL)) == NULL) {
		config_report(p, to, line, key, "%s: %s", dir,
		    strerror(errno));
		free(rpath);
		rpath = NULL;
		goto out;
	}
	n = strlen(rdir);
	if (strcmp(rdir, "/") != 0 && (strncmp(rpath, rdir, n) != 0 ||
	    (rpath[n] != '/' && rpath[n] != '\0'))) {
		config_report(p, to, line, key, "%s: a symbolic link out of "
		    "its folder %s (to %s); a secret's links must stay in the "
		    "folder that names it", path, dir, rpath);
		free(rpath);
		rpath = NULL;
	}
out:
	free(rdir);
	free(dir);
	return rpath;
}

/*
 * Whether a secret file's owner and mode keep it secret
 * (docs/operations.md): owned by fbaudit's user or by root, writable by
 * its owner alone, readable by nobody else but its group, and by its
 * group only when that is the group fbaudit runs as (Kubernetes mounts
 * Secrets root-owned, mode 0440, group fsGroup). Returns NULL, or why not
 * in why.
 */
static const char *
config_secret_perms(const struct stat *sb, char *why, size_t len)
{
	unsigned mode = (unsigned)(sb->st_mode & 0777);

	if (sb->st_uid != geteuid() && sb->st_uid != 0)
		snprintf(why, len, "owned by uid %u, neither fbaudit's user "
		    "(uid %u) nor root", (unsigned)sb->st_uid,
		    (unsigned)geteuid());
	else if ((mode & 022) != 0)
		snprintf(why, len, "writable by group or others (mode %03o)",
		    mode);
	else if ((mode & 004) != 0)
		snprintf(why, len, "readable by others (mode %03o)", mode);
	else if ((mode & 040) != 0 && sb->st_gid != getegid())
		snprintf(why, len, "readable by group %u (mode %03o), and "
		    "fbaudit runs as group %u", (unsigned)sb->st_gid, mode,
		    (unsigned)getegid());
	else
		return NULL;
	return why;
}

/* A file type for an error message. */
static const char *
config_file_type(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	return "not a regular file";
}

/*
 * Reads a secret from a file that keeps it secret (config_secret_perms),
 * trimmed of the white space around it. Returns the secret (caller
 * frees), or NULL with the reason sent to `to`.
 */
static char *
config_secret_file(struct config_parse *p, struct buf *to, const char *path,
    int line, const char *key)
{
	struct stat sb;
	char buf[CONFIG_MAX_SECRET + 1], why[160], *s = NULL, *where;
	const char *bad;
	ssize_t n;
	size_t len = 0, a;
	int fd;

	if ((where = config_secret_where(p, to, path, line, key)) == NULL)
		return NULL;
	/*
	 * O_NONBLOCK: a FIFO opened for reading would wait for a writer
	 * forever; the type is checked before anything is read (a regular
	 * file ignores the flag). O_NOFOLLOW: a link put in place of the
	 * resolved path since is refused.
	 */
	fd = open(where, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	free(where);
	if (fd == -1) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1) {
		config_report(p, to, line, key, "%s: %s", path,
		    strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		config_report(p, to, line, key, "%s: %s, not a regular file",
		    path, config_file_type(sb.st_mode));
		goto out;
	}
	if ((bad = config_secret_perms(&sb, why, sizeof(why))) != NULL) {
		config_report(p, to, line, key, "%s: %s; a secret must be "
		    "mode 600 or 400, or 640 or 440 with the group fbaudit "
		    "runs as", path, bad);
		goto out;
	}
	while (len < sizeof(buf) && (n = read(fd, buf + len,
	    sizeof(buf) - len)) > 0)
		len += (size_t)n;
	if (len > CONFIG_MAX_SECRET) {
		config_report(p, to, line, key, "%s: longer than %d bytes",
		    path, CONFIG_MAX_SECRET);
		goto out;
	}
	while (len > 0 && isspace((unsigned char)buf[len - 1]))
		len--;
	for (a = 0; a < len && isspace((unsigned char)buf[a]); a++)
		;
	if (a == len) {
		config_report(p, to, line, key, "%s: is empty", path);
		goto out;
	}
	if (memchr(buf + a, '\0', len - a) != NULL ||
	    memchr(buf + a, '\n', len - a) != NULL) {
		config_report(p, to, line, key, "%s: holds more than one "
		    "line", path);
		goto out;
	}
	s = xstrndup(buf + a, len - a);
out:
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return s;
}

/*
 * A secret from its file, else from the environment; registered with the
 * log redactor. A problem goes to `to`.
 */
static char *
config_secret(struct config_parse *p, struct buf *to,
    struct config_pending *pend, enum config_secret which, const char *key,
    const char *env, int line, int required)
{
	const char *v;
	char *s = NULL;

	if (pend->path[which] != NULL)
		s = config_secret_file(p, to, pend->path[which],
		    pend->line[which], key);
	else if ((v = getenv(env)) != NULL && *v != '\0')
		s = xstrdup(v);
	else if (required)
		config_report(p, to, line, key, "no secret: set %s or the "
		    "environment variable %s", key, env);
	if (s != NULL)
		log_add_secret(s);
	return s;
}

/*
 * Registers with the redactor every secret the environment holds, read or
 * not: one set beside a secret file, or for a seller not configured, is
 * still a secret that an echoing server could put in front of a reader.
 */
extern char **environ;

static void
config_env_secrets(void)
{
	static const char *const names[] = {
		"FBAUDIT_CLIENT_SECRET_", "FBAUDIT_REFRESH_TOKEN_",
		"FBAUDIT_GATEWAY_TOKEN=",
	};
	char *const *e;
	const char *eq;
	size_t i;

	for (e = environ; e != NULL && *e != NULL; e++)
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strncmp(*e, names[i], strlen(names[i])) == 0 &&
			    (eq = strchr(*e, '=')) != NULL)
				log_add_secret(eq + 1);
}

/* Overwrites a secret before freeing it. */
static void
config_wipe(char *s)
{
	if (s != NULL) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* Checks a seller section as a whole and reads its secrets. */
static void
config_seller_finish(struct config_parse *p, struct config_seller *s,
    struct config_pending *pend)
{
	struct buf why, line;
	size_t i;
	char *env;

	if (s->client_id == NULL)
		config_error(p, s->line, "client_id", "[seller %s] needs "
		    "one", s->id);
	if (s->marketplaces == NULL)
		config_error(p, s->line, "marketplaces", "[seller %s] needs "
		    "at least one marketplace id", s->id);
	if (s->region == NULL && s->endpoint == NULL)
		config_error(p, s->line, "region", "[seller %s] needs a "
		    "region (na, eu, fe) or an endpoint", s->id);
	/*
	 * A secret that cannot be had fails its seller only (the others'
	 * night goes on): the reason is kept for its summary line.
	 */
	buf_init(&why, 0);
	env = config_env_name("CLIENT_SECRET", s->id);
	s->client_secret = config_secret(p, &why, pend, SECRET_CLIENT,
	    "client_secret_file", env, s->line, 1);
	free(env);
	env = config_env_name("REFRESH_TOKEN", s->id);
	s->refresh_token = config_secret(p, &why, pend, SECRET_REFRESH,
	    "refresh_token_file", env, s->line, 1);
	free(env);
	if (why.len > 0) {
		/* One line: "; " between two reasons, none at the end. */
		buf_init(&line, 0);
		for (i = 0; i + 1 < why.len; i++)
			if (why.data[i] == '\n')
				buf_adds(&line, "; ");
			else
				buf_addc(&line, why.data[i]);
		s->error = buf_take(&line);
		config_wipe(s->client_secret);
		config_wipe(s->refresh_token);
		s->client_secret = s->refresh_token = NULL;
	}
	buf_free(&why);
	if (s->endpoint == NULL && s->region != NULL)
		s->endpoint = xasprintf(
		    "https://sellingpartnerapi-%s.amazon.com", s->region);
	while (s->endpoint != NULL && *s->endpoint != '\0' &&
	    s->endpoint[strlen(s->endpoint) - 1] == '/')
		s->endpoint[strlen(s->endpoint) - 1] = '\0';
	if (s->lwa_endpoint == NULL)
		s->lwa_endpoint = xstrdup("https://api.amazon.com/auth/o2/"
		    "token");
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
