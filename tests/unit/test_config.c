/* Unit tests of lib/config.h: keys, errors with file:line: key, secrets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"

static char dir[] = "/tmp/fbaudit-config.XXXXXX";

/* Writes text to dir/name with mode; returns the path (static). */
static const char *
put(const char *name, const char *text, mode_t mode)
{
	static char path[4][256];
	static int k;
	FILE *fp;
	char *p = path[k++ % 4];

	snprintf(p, 256, "%s/%s", dir, name);
	fp = fopen(p, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(p, mode), 0);
	return p;
}

/* A seller section whose secrets are the files cs and rt of dir. */
static void
seller(struct buf *b, const char *id)
{
	buf_printf(b, "[seller %s]\nregion = eu\n"
	    "marketplaces = A1PA6795UKMFR9, A13V1IB3VIYZZH\n"
	    "client_id = amzn1.application-oa2-client.x\n"
	    "client_secret_file = %s/cs\nrefresh_token_file = %s/rt\n",
	    id, dir, dir);
}

/* Loads text as a config; *err gets the errors. */
static struct config *
load(const char *text, struct buf *err)
{
	buf_init(err, 0);
	return config_load(put("c.ini", text, 0600), err);
}

static int
setup(void **state)
{
	(void)state;
	log_clear_secrets();
	put("cs", "client-s3cret-value\n", 0600);
	put("rt", "  refresh-t0ken-value \n", 0600);
	return 0;
}

/* DESIGN 3's example loads, with defaults and the region's endpoint. */
static void
test_good(void **state)
{
	struct config *cf;
	const struct config_seller *s;
	struct buf b, err;

	(void)state;
	buf_init(&b, 0);
	buf_adds(&b, "[fbaudit]\ndata_dir = /var/lib/fbaudit\nlang = en\n"
	    "claims_transport = outbox   ; outbox | gateway\n"
	    "file_claims = no\npoll_interval = 0.5\n");
	seller(&b, "A2EXAMPLE");
	buf_adds(&b, "lang = de\ncsm = anna\nname = Example Toys GmbH\n");
	cf = load(b.data, &err);
	assert_non_null(cf);
	assert_null(err.data);
	assert_string_equal(cf->data_dir, "/var/lib/fbaudit");
	assert_int_equal(cf->file_claims, 0);
	assert_true(cf->fetch.poll_interval == 0.5);
	assert_int_equal(cf->fetch.history_days, 548);
	s = config_seller_find(cf, "A2EXAMPLE");
	assert_non_null(s);
	assert_null(config_seller_find(cf, "NOPE"));
	assert_int_equal(s->nmarketplaces, 2);
	assert_string_equal(s->marketplaces[1], "A13V1IB3VIYZZH");
	assert_string_equal(s->endpoint,
	    "https://sellingpartnerapi-eu.amazon.com");
	assert_string_equal(s->lwa_endpoint,
	    "https://api.amazon.com/auth/o2/token");
	/* Trimmed, and registered with the redactor. */
	assert_string_equal(s->refresh_token, "refresh-t0ken-value");
	assert_string_equal(s->client_secret, "client-s3cret-value");
	buf_free(&b);
	buf_init(&b, 0);
	buf_adds(&b, "x refresh-t0ken-value client-s3cret-value");
	log_redact(&b);
	assert_string_equal(b.data, "x [redacted] [redacted]");
	buf_free(&b);
	config_free(cf);
}

/* Every bad key and value is reported, each as file:line: key: why. */
static void
test_errors(void **state)
{
	struct config *cf;
	struct buf b, err;

	(void)state;
	buf_init(&b, 0);
	buf_adds(&b, "[fbaudit]\n"		/* 1 */
	    "colour = blue\n"			/* 2 */
	    "lang = xx\n"			/* 3 */
	    "file_claims = maybe\n"		/* 4 */
	    "poll_interval = -1\n"		/* 5 */
	    "max_transfers = 2.5\n"		/* 6 */
	    "webhook_url = http://hooks.example.com/x\n"	/* 7 */
	    "[seller ../etc]\n"			/* 8 */
	    "name = x\n");			/* 9 */
	seller(&b, "A2");			/* 10.. */
	buf_adds(&b, "region = us\n");		/* 16 */
	cf = load(b.data, &err);
	assert_null(cf);
	assert_non_null(strstr(err.data, "c.ini:2: colour: unknown key"));
	assert_non_null(strstr(err.data, "c.ini:3: lang: is not one of"));
	assert_non_null(strstr(err.data, "c.ini:4: file_claims: is not yes"));
	assert_non_null(strstr(err.data, "c.ini:5: poll_interval: is out of"));
	assert_non_null(strstr(err.data, "c.ini:6: max_transfers: is not a "
	    "whole"));
	assert_non_null(strstr(err.data, "c.ini:7: webhook_url: uses plain "
	    "http://"));
	assert_non_null(strstr(err.data, "c.ini:8: [seller ../etc]: a "
	    "seller id"));
	assert_non_null(strstr(err.data, "c.ini:16: region: is set twice "
	    "(first on line 11)"));
	buf_free(&b);
	buf_free(&err);
}

/* claim_wait_days: unset is -1 (the policy's), 0..59 kept, 60 refused. */
static void
test_claim_wait(void **state)
{
	struct config *cf;
	struct buf b, err;

	(void)state;
	buf_init(&b, 0);
	seller(&b, "A2");
	cf = load(b.data, &err);
	assert_non_null(cf);
	assert_int_equal(config_seller_find(cf, "A2")->claim_wait_days, -1);
	config_free(cf);
	buf_adds(&b, "claim_wait_days = 7\n");
	cf = load(b.data, &err);
	assert_non_null(cf);
	assert_int_equal(config_seller_find(cf, "A2")->claim_wait_days, 7);
	config_free(cf);
	buf_free(&b);
	buf_init(&b, 0);
	seller(&b, "A2");
	buf_adds(&b, "claim_wait_days = 60\n");
	cf = load(b.data, &err);
	assert_null(cf);
	assert_non_null(strstr(err.data, "claim_wait_days: is out of range"));
	buf_free(&err);
	buf_free(&b);
}

/* A secret file others may read is refused; the value never shows. */
static void
test_secret_mode(void **state)
{
	struct config *cf;
	struct buf b, err;

	(void)state;
	put("cs", "client-s3cret-value\n", 0640);
	buf_init(&b, 0);
	seller(&b, "A2");
	cf = load(b.data, &err);
	assert_null(cf);
	assert_non_null(strstr(err.data, "client_secret_file: "));
	assert_non_null(strstr(err.data, "readable or writable by group or "
	    "others (mode 640)"));
	assert_null(strstr(err.data, "client-s3cret-value"));
	buf_free(&b);
	buf_free(&err);
}

/* Without a file, the environment variable named after the seller. */
static void
test_secret_env(void **state)
{
	struct config *cf;
	struct buf err;
	char *name;

	(void)state;
	name = config_env_name("CLIENT_SECRET", "A2-x");
	assert_string_equal(name, "FBAUDIT_CLIENT_SECRET_A2_x");
	cf = load("[seller A2-x]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n"
	    "client_id = c\nrefresh_token_file = /nonexistent/rt\n", &err);
	assert_null(cf);
	assert_non_null(strstr(err.data, "c.ini:1: client_secret_file: no "
	    "secret: set client_secret_file or the environment variable "
	    "FBAUDIT_CLIENT_SECRET_A2_x"));
	assert_non_null(strstr(err.data, "c.ini:5: refresh_token_file: "
	    "/nonexistent/rt: No such file"));
	buf_free(&err);
	setenv(name, "env-s3cret-value", 1);
	setenv("FBAUDIT_REFRESH_TOKEN_A2_x", "env-r3fresh-value", 1);
	cf = load("[seller A2-x]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n"
	    "client_id = c\n", &err);
	assert_non_null(cf);
	assert_string_equal(cf->sellers[0].client_secret, "env-s3cret-value");
	config_free(cf);
	buf_free(&err);
	unsetenv(name);
	unsetenv("FBAUDIT_REFRESH_TOKEN_A2_x");
	free(name);
}

/* https anywhere; plain http only to loopback; no credentials in URLs. */
static void
test_url(void **state)
{
	(void)state;
	assert_null(config_url_check("https://sellingpartnerapi.amazon.com"));
	assert_null(config_url_check("http://127.0.0.1:8443/x"));
	assert_null(config_url_check("http://127.1.2.3"));
	assert_null(config_url_check("http://localhost:1/"));
	assert_null(config_url_check("http://[::1]:80/a"));
	assert_non_null(config_url_check("http://example.com"));
	assert_non_null(config_url_check("http://127.0.0.1.evil.com/"));
	assert_non_null(config_url_check("http://localhost.evil.com/"));
	assert_non_null(config_url_check("http://[::2]/"));
	assert_non_null(config_url_check("http://1270.0.0.1/"));
	assert_non_null(config_url_check("https://user:pw@example.com/"));
	assert_non_null(config_url_check("ftp://example.com/"));
	assert_non_null(config_url_check("https://"));
	assert_non_null(config_url_check("https://a b/"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good, setup),
		cmocka_unit_test_setup(test_errors, setup),
		cmocka_unit_test_setup(test_claim_wait, setup),
		cmocka_unit_test_setup(test_secret_mode, setup),
		cmocka_unit_test_setup(test_secret_env, setup),
		cmocka_unit_test(test_url),
	};
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	char path[300];
	const char *const names[] = { "c.ini", "cs", "rt" };
	size_t i;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return rc;
}
