/*
 * Checks of the configuration's values beyond a word from a list: URLs
 * (https, or plain http to this machine only), SMTP URLs, e-mail
 * addresses, numbers in a range, yes or no, lists of marketplace ids.
 * Each returns NULL, or why the value is refused (never the value: it
 * may be a misplaced secret).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/config_int.h"
#include "lib/mem.h"

/* Most marketplaces one seller may list (Amazon has about 20). */
#define CONFIG_MAX_MARKETPLACES	32

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
const char *
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
const char *
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

/* Parses a decimal number of seconds into [min, max]. */
const char *
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

/* Parses a whole number into [min, max]. */
const char *
config_count(const char *v, double min, double max, int *out)
{
	const char *why;
	double d;

	if ((why = config_seconds(v, min, max, &d)) == NULL &&
	    d != (double)(int)d)
		why = "is not a whole number";
	else if (why == NULL)
		*out = (int)d;
	else if (strcmp(why, "is not a number of seconds") == 0)
		why = "is not a number";
	return why;
}

/* Parses yes or no into 1 or 0. */
const char *
config_bool(const char *v, int *out)
{
	if (strcmp(v, "yes") == 0)
		*out = 1;
	else if (strcmp(v, "no") == 0)
		*out = 0;
	else
		return "is not yes or no";
	return NULL;
}

/* Splits "A, B ,C" into a list of marketplace ids. */
const char *
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
