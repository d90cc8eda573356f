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

/* docs/design.md §3's example loads, with defaults and the region's
 * endpoint. */
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

/*
 * Checks that name a key other than the one at hand name the line it was
 * set on, whatever the order of the key table.
 */
static void
test_key_lines(void **state)
{
	struct config *cf;
	struct buf b, err;

	(void)state;
	unsetenv("FBAUDIT_GATEWAY_TOKEN");
	buf_init(&b, 0);
	buf_adds(&b, "[fbaudit]\n"		/* 1 */
	    "lang = en\n"			/* 2 */
	    "webhook_url = https://h.example.com/\n"	/* 3 */
	    "claims_transport = gateway\n"	/* 4 */
	    "file_claims = yes\n"		/* 5 */
	    "lang = de\n");			/* 6 */
	seller(&b, "A2");			/* 7.. */
	buf_adds(&b, "csm = anna\ncsm = bob\n");	/* 13, 14 */
	cf = load(b.data, &err);
	assert_null(cf);
	assert_non_null(strstr(err.data, "c.ini:6: lang: is set twice (first "
	    "on line 2)"));
	assert_non_null(strstr(err.data, "c.ini:14: csm: is set twice (first "
	    "on line 13)"));
	assert_non_null(strstr(err.data, "c.ini:4: gateway_url: "
	    "claims_transport = gateway needs a gateway_url"));
	assert_non_null(strstr(err.data, "c.ini:4: gateway_token_file: no "
	    "secret"));
	buf_free(&b);
	buf_free(&err);
}

/* The one seller of a loaded configuration must have failed with why. */
static void
assert_seller_failed(struct config *cf, const char *why)
{
	assert_non_null(cf);
	assert_int_equal(cf->nsellers, 1);
	assert_non_null(cf->sellers[0].error);
	if (strstr(cf->sellers[0].error, why) == NULL)
		fail_msg("\"%s\" is not in \"%s\"", why, cf->sellers[0].error);
	assert_null(cf->sellers[0].client_secret);
	assert_null(cf->sellers[0].refresh_token);
}

/*
 * The owner and mode rule of docs/operations.md: owner (fbaudit or root)
 * only, or group-readable when the group is fbaudit's own; never
 * writable by others, never readable by others. The value never shows.
 */
static void
test_secret_mode(void **state)
{
	static const struct {
		mode_t		 mode;
		int		 other_gid;	/* chown to another group */
		const char	*why;		/* NULL: accepted */
	} cases[] = {
		{ 0600, 0, NULL },
		{ 0400, 0, NULL },
		{ 0640, 0, NULL },
		{ 0440, 0, NULL },
		{ 0640, 1, "readable by group" },
		{ 0644, 0, "readable by others (mode 644)" },
		{ 0604, 0, "readable by others (mode 604)" },
		{ 0660, 0, "writable by group or others (mode 660)" },
		{ 0620, 0, "writable by group or others (mode 620)" },
		{ 0602, 0, "writable by group or others (mode 602)" },
	};
	struct config *cf;
	struct buf b, err;
	const char *cs;
	size_t i;

	(void)state;
	buf_init(&b, 0);
	seller(&b, "A2");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cs = put("cs", "client-s3cret-value\n", cases[i].mode);
		if (cases[i].other_gid &&
		    chown(cs, (uid_t)-1, getegid() + 1) == -1)
			continue;	/* not root: cannot give it away */
		cf = load(b.data, &err);
		assert_non_null(cf);
		assert_null(err.data);
		if (cases[i].why == NULL) {
			assert_null(cf->sellers[0].error);
			assert_string_equal(cf->sellers[0].client_secret,
			    "client-s3cret-value");
		} else {
			assert_seller_failed(cf, cases[i].why);
			assert_non_null(strstr(cf->sellers[0].error,
			    "c.ini:5: client_secret_file: "));
			assert_null(strstr(cf->sellers[0].error,
			    "client-s3cret-value"));
		}
		config_free(cf);
		buf_free(&err);
		assert_int_equal(chown(cs, (uid_t)-1, getegid()), 0);
	}
	/* Someone else's file: they could rewrite it. */
	cs = put("cs", "client-s3cret-value\n", 0600);
	if (geteuid() == 0 && chown(cs, 4242, (gid_t)-1) == 0) {
		cf = load(b.data, &err);
		assert_seller_failed(cf, "owned by uid 4242, neither fbaudit's "
		    "user");
		config_free(cf);
		buf_free(&err);
		assert_int_equal(chown(cs, geteuid(), (gid_t)-1), 0);
	}
	buf_free(&b);
}

/*
 * Kubernetes' layout of a Secret volume with fsGroup: the keys are
 * symbolic links into ..data/, itself a link to a timestamped folder,
 * the files root's (here: ours), mode 0440, group = fbaudit's group.
 */
static void
test_secret_kubernetes(void **state)
{
	const char *const keys[] = { "cs", "rt" };
	const char *const values[] = { "k8s-client-s3cret\n",
	    "k8s-r3fresh-t0ken\n" };
	char vol[300], ts[340], path[400], target[64];
	struct config *cf;
	struct buf b, err;
	size_t i;

	(void)state;
	snprintf(vol, sizeof(vol), "%s/secret-volume", dir);
	snprintf(ts, sizeof(ts), "%s/..2026_01_02_03_04_05.123456789", vol);
	assert_int_equal(mkdir(vol, 0755), 0);
	assert_int_equal(mkdir(ts, 0755), 0);
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", ts, keys[i]);
		FILE *fp = fopen(path, "w");

		assert_non_null(fp);
		fputs(values[i], fp);
		fclose(fp);
		assert_int_equal(chmod(path, 0440), 0);
		assert_int_equal(chown(path, (uid_t)-1, getegid()), 0);
		snprintf(path, sizeof(path), "%s/%s", vol, keys[i]);
		snprintf(target, sizeof(target), "..data/%s", keys[i]);
		assert_int_equal(symlink(target, path), 0);
	}
	snprintf(path, sizeof(path), "%s/..data", vol);
	assert_int_equal(symlink("..2026_01_02_03_04_05.123456789", path), 0);
	buf_init(&b, 0);
	buf_printf(&b, "[seller K8S]\nregion = na\n"
	    "marketplaces = ATVPDKIKX0DER\nclient_id = c\n"
	    "client_secret_file = %s/cs\nrefresh_token_file = %s/rt\n", vol,
	    vol);
	cf = load(b.data, &err);
	assert_non_null(cf);
	assert_null(err.data);
	assert_null(cf->sellers[0].error);
	assert_string_equal(cf->sellers[0].client_secret, "k8s-client-s3cret");
	assert_string_equal(cf->sellers[0].refresh_token, "k8s-r3fresh-t0ken");
	config_free(cf);
	buf_free(&b);
}

/* A link out of the folder that names the secret is refused. */
static void
test_secret_link_out(void **state)
{
	char sub[300], link[340];
	struct config *cf;
	struct buf b, err;

	(void)state;
	snprintf(sub, sizeof(sub), "%s/links", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(link, sizeof(link), "%s/cs", sub);
	/* ../cs is a fine secret (mode 600), but not this folder's. */
	assert_int_equal(symlink("../cs", link), 0);
	buf_init(&b, 0);
	buf_printf(&b, "[seller L]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n"
	    "client_id = c\nclient_secret_file = %s\n"
	    "refresh_token_file = %s/rt\n", link, dir);
	cf = load(b.data, &err);
	assert_seller_failed(cf, "a symbolic link out of its folder");
	config_free(cf);
	buf_free(&b);
	buf_free(&err);
}

/* A FIFO named as a secret is refused at once, never read (or waited on). */
static void
test_secret_fifo(void **state)
{
	char fifo[300];
	struct config *cf;
	struct buf b, err;

	(void)state;
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	buf_init(&b, 0);
	buf_printf(&b, "[seller F]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n"
	    "client_id = c\nclient_secret_file = %s\n"
	    "refresh_token_file = %s/rt\n", fifo, dir);
	/* A hang is the defect: SIGALRM ends the test as a failure. */
	alarm(20);
	cf = load(b.data, &err);
	alarm(0);
	assert_seller_failed(cf, "a FIFO, not a regular file");
	config_free(cf);
	buf_free(&b);
	buf_free(&err);
}

/* One seller's broken secret fails that seller only. */
static void
test_secret_one_seller(void **state)
{
	struct config *cf;
	struct buf b, err;

	(void)state;
	put("bad", "client-s3cret-value\n", 0644);
	buf_init(&b, 0);
	seller(&b, "GOOD");
	buf_printf(&b, "[seller BAD]\nregion = na\n"
	    "marketplaces = ATVPDKIKX0DER\nclient_id = c\n"
	    "client_secret_file = %s/bad\n"
	    "refresh_token_file = %s/nonexistent\n", dir, dir);
	cf = load(b.data, &err);
	assert_non_null(cf);
	assert_null(err.data);
	assert_int_equal(cf->nsellers, 2);
	assert_null(cf->sellers[0].error);
	assert_string_equal(cf->sellers[0].client_secret,
	    "client-s3cret-value");
	assert_non_null(cf->sellers[1].error);
	/* Both reasons, on one line. */
	assert_non_null(strstr(cf->sellers[1].error, "c.ini:11: "
	    "client_secret_file: "));
	assert_non_null(strstr(cf->sellers[1].error, "readable by others "
	    "(mode 644)"));
	assert_non_null(strstr(cf->sellers[1].error, "runs as; "));
	assert_non_null(strstr(cf->sellers[1].error, "c.ini:12: "
	    "refresh_token_file: "));
	assert_null(strchr(cf->sellers[1].error, '\n'));
	assert_null(cf->sellers[1].client_secret);
	config_free(cf);
	buf_free(&b);
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
	assert_non_null(cf);
	assert_null(err.data);
	assert_non_null(strstr(cf->sellers[0].error, "c.ini:1: "
	    "client_secret_file: no secret: set client_secret_file or the "
	    "environment variable FBAUDIT_CLIENT_SECRET_A2_x"));
	assert_non_null(strstr(cf->sellers[0].error, "c.ini:5: "
	    "refresh_token_file: /nonexistent/rt: No such file"));
	config_free(cf);
	setenv(name, "env-s3cret-value", 1);
	setenv("FBAUDIT_REFRESH_TOKEN_A2_x", "env-r3fresh-value", 1);
	cf = load("[seller A2-x]\nregion = na\nmarketplaces = ATVPDKIKX0DER\n"
	    "client_id = c\n", &err);
	assert_non_null(cf);
	assert_null(cf->sellers[0].error);
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
		cmocka_unit_test_setup(test_key_lines, setup),
		cmocka_unit_test_setup(test_secret_mode, setup),
		cmocka_unit_test_setup(test_secret_kubernetes, setup),
		cmocka_unit_test_setup(test_secret_link_out, setup),
		cmocka_unit_test_setup(test_secret_fifo, setup),
		cmocka_unit_test_setup(test_secret_one_seller, setup),
		cmocka_unit_test_setup(test_secret_env, setup),
		cmocka_unit_test(test_url),
	};
	char cmd[300];
	int rc;

	if (mkdtemp(dir) == NULL)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 1;
	return rc;
}
