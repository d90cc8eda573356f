/* Unit tests of lib/log.h: secret redaction and the logging functions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/buf.h"
#include "lib/log.h"

/* Redacts s and asserts the result is want. */
static void
assert_redacts(const char *s, const char *want)
{
	struct buf b;

	buf_init(&b, 0);
	assert_int_equal(buf_adds(&b, s), 0);
	log_redact(&b);
	assert_int_equal(b.len, strlen(want));
	/* An empty result may be a never-allocated buffer. */
	if (b.len > 0 || b.data != NULL)
		assert_string_equal(b.data, want);
	buf_free(&b);
}

/* Every test starts with no registered secret. */
static int
setup(void **state)
{
	(void)state;
	log_clear_secrets();
	return 0;
}

/* A registered secret is replaced wherever it occurs, text kept. */
static void
test_registered_secret(void **state)
{
	(void)state;
	log_add_secret("s3cr3t-value");
	assert_redacts("key s3cr3t-value here", "key [redacted] here");
	assert_redacts("s3cr3t-value", "[redacted]");
	assert_redacts("xs3cr3t-valuex,s3cr3t-value.",
	    "x[redacted]x,[redacted].");
	assert_redacts("s3cr3t-valu", "s3cr3t-valu");
	assert_redacts("nothing to hide", "nothing to hide");
}

/* Several secrets are all redacted; registering twice is harmless. */
static void
test_several_secrets(void **state)
{
	(void)state;
	log_add_secret("alpha-1");
	log_add_secret("beta-22");
	log_add_secret("alpha-1");
	assert_redacts("a=alpha-1 b=beta-22 c=gamma",
	    "a=[redacted] b=[redacted] c=gamma");
}

/* Secrets shorter than four bytes are ignored, four is kept. */
static void
test_short_secret_ignored(void **state)
{
	(void)state;
	log_add_secret("abc");
	log_add_secret("");
	log_add_secret(NULL);
	assert_redacts("abc abc", "abc abc");
	log_add_secret("abcd");
	assert_redacts("abc abcd", "abc [redacted]");
}

/* Any number of secrets: a config of many sellers registers two each. */
static void
test_many_secrets(void **state)
{
	struct buf b;
	char secret[32];
	int i;

	(void)state;
	log_clear_secrets();
	for (i = 0; i < 1000; i++) {
		snprintf(secret, sizeof(secret), "seller-secret-%04d", i);
		log_add_secret(secret);
	}
	buf_init(&b, 0);
	buf_adds(&b, "a seller-secret-0999 b seller-secret-0000 c");
	log_redact(&b);
	assert_string_equal(b.data, "a [redacted] b [redacted] c");
	buf_free(&b);
	log_clear_secrets();
}

/* log_clear_secrets forgets what was registered. */
static void
test_clear_secrets(void **state)
{
	(void)state;
	log_add_secret("forget-me");
	assert_redacts("forget-me", "[redacted]");
	log_clear_secrets();
	assert_redacts("forget-me", "forget-me");
}

/* LWA access and refresh tokens are redacted up to a delimiter. */
static void
test_lwa_tokens(void **state)
{
	(void)state;
	assert_redacts("token Atza|IwEBIA-x_y.z9 expires",
	    "token Atza|[redacted] expires");
	assert_redacts("{\"refresh\":\"Atzr|IwEBIabc\",\"n\":1}",
	    "{\"refresh\":\"Atzr|[redacted]\",\"n\":1}");
	assert_redacts("Atza|abc\tAtzr|def\n",
	    "Atza|[redacted]\tAtzr|[redacted]\n");
	assert_redacts("Atza|", "Atza|[redacted]");
}

/* LWA client secrets (amzn1.oa2-cs.v1.xxx) are redacted. */
static void
test_client_secret(void **state)
{
	(void)state;
	assert_redacts("secret amzn1.oa2-cs.v1.0123abcdef; next",
	    "secret amzn1.oa2-cs.[redacted]; next");
	assert_redacts("client_secret=amzn1.oa2-cs.v1.abc&x=1",
	    "client_secret=[redacted]&x=1");
	/* A client id is not a secret. */
	assert_redacts("amzn1.application-oa2-client.123",
	    "amzn1.application-oa2-client.123");
}

/* Bearer tokens in headers are redacted, the header kept. */
static void
test_bearer(void **state)
{
	(void)state;
	assert_redacts("Authorization: Bearer xyz.abc-123\r\nHost: a",
	    "Authorization: Bearer [redacted]\r\nHost: a");
	assert_redacts("Bearer xyz", "Bearer [redacted]");
}

/* Form fields carrying tokens are redacted up to the next '&'. */
static void
test_form_fields(void **state)
{
	(void)state;
	assert_redacts("grant_type=refresh_token&refresh_token=Atzr|abc"
	    "&client_id=amzn1.application-oa2-client.9",
	    "grant_type=refresh_token&refresh_token=[redacted]"
	    "&client_id=amzn1.application-oa2-client.9");
	assert_redacts("refresh_token=abc&x=1", "refresh_token=[redacted]&x=1");
	assert_redacts("access_token=abc def", "access_token=[redacted] def");
	assert_redacts("a refresh_token=", "a refresh_token=[redacted]");
}

/* Text with no secret is unchanged, including empty and NUL-bearing. */
static void
test_unchanged(void **state)
{
	struct buf b;

	(void)state;
	assert_redacts("", "");
	assert_redacts("Bearer", "Bearer");
	assert_redacts("Atza", "Atza");
	buf_init(&b, 0);
	log_redact(&b);		/* never-used buffer: no crash */
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_add(&b, "a\0b", 3), 0);
	log_redact(&b);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	buf_free(&b);
}

/* Runs one log call with stderr sent to a temp file; returns its text. */
static char *
capture(void (*fn)(void))
{
	char path[] = "/tmp/fbaudit-test-log.XXXXXX";
	static char text[1024];
	int fd, saved;
	ssize_t n;

	fd = mkstemp(path);
	assert_true(fd != -1);
	unlink(path);
	fflush(stderr);
	saved = dup(2);
	assert_true(saved != -1);
	assert_true(dup2(fd, 2) != -1);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, text, sizeof(text) - 1, 0);
	close(fd);
	assert_true(n >= 0);
	text[n] = '\0';
	return text;
}

static void
emit_error(void)
{
	log_error("token %s for %s", "Atza|abc", "seller-secret");
}

static void
emit_levels(void)
{
	log_set_level(LOG_LEVEL_INFO);
	log_debug("hidden %d", 1);
	log_info("shown %d", 2);
	log_warn("careful %d", 3);
	log_set_level(LOG_LEVEL_DEBUG);
	log_debug("now %d", 4);
	log_set_level(LOG_LEVEL_ERROR);
	log_warn("hidden %d", 5);
	log_error("bad %d", 6);
	log_set_level(LOG_LEVEL_INFO);
}

/* log_error prefixes its line and redacts before writing. */
static void
test_log_error_redacts(void **state)
{
	(void)state;
	log_add_secret("seller-secret");
	assert_string_equal(capture(emit_error),
	    "fbaudit: error: token Atza|[redacted] for [redacted]\n");
}

/* Each level has its prefix and lines past the level are dropped. */
static void
test_log_levels(void **state)
{
	(void)state;
	assert_string_equal(capture(emit_levels),
	    "fbaudit: shown 2\n"
	    "fbaudit: warning: careful 3\n"
	    "fbaudit: debug: now 4\n"
	    "fbaudit: error: bad 6\n");
	assert_int_equal(log_get_level(), LOG_LEVEL_INFO);
}

/* log_clean_copy's result for s, into a static buffer of len bytes. */
static const char *
clean(const char *s, size_t len)
{
	static char out[256];

	assert_true(len <= sizeof(out));
	return log_clean_copy(out, len, s);
}

/*
 * Text from a server is made fit for a terminal and the store: escape
 * sequences, other controls, C1 controls and stray bytes are shown
 * escaped; UTF-8 is kept; a secret is redacted before the text is cut.
 */
static void
test_clean(void **state)
{
	(void)state;
	log_add_secret("rt-seller-r3fr3sh");
	assert_string_equal(clean("\033]0;pwned\007red\033[31m", 256),
	    "\\x1b]0;pwned\\x07red\\x1b[31m");
	assert_string_equal(clean("a\nfbaudit: error: forged\r\tb", 256),
	    "a\\x0afbaudit: error: forged\\x0d\\x09b");
	/* U+009B (CSI) as UTF-8, a lone 0x9b, DEL, an overlong '/'. */
	assert_string_equal(clean("x\xc2\x9by\x9bz\x7f\xc0\xaf", 256),
	    "x\\u009by\\x9bz\\x7f\\xc0\\xaf");
	assert_string_equal(clean("Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac", 256),
	    "Gr\xc3\xbc\xc3\x9f" "e \xe2\x82\xac");
	/* Cut after redaction: no half secret survives a short buffer. */
	assert_string_equal(clean("token rt-seller-r3fr3sh", 16),
	    "token [redacted");
	/* Not inside a character. */
	assert_string_equal(clean("ab\xe2\x82\xac", 5), "ab");
	assert_string_equal(clean(NULL, 8), "");
}

static void
emit_escape(void)
{
	log_error("server said: %s", "\033[2J\033]52;c;cHduZWQ=\007lines\nkept");
}

/* A log line never carries an escape sequence; line breaks stay. */
static void
test_log_escapes(void **state)
{
	(void)state;
	assert_string_equal(capture(emit_escape), "fbaudit: error: server "
	    "said: \\x1b[2J\\x1b]52;c;cHduZWQ=\\x07lines\nkept\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_registered_secret, setup),
		cmocka_unit_test_setup(test_several_secrets, setup),
		cmocka_unit_test_setup(test_short_secret_ignored, setup),
		cmocka_unit_test_setup(test_many_secrets, setup),
		cmocka_unit_test_setup(test_clear_secrets, setup),
		cmocka_unit_test_setup(test_lwa_tokens, setup),
		cmocka_unit_test_setup(test_client_secret, setup),
		cmocka_unit_test_setup(test_bearer, setup),
		cmocka_unit_test_setup(test_form_fields, setup),
		cmocka_unit_test_setup(test_unchanged, setup),
		cmocka_unit_test_setup(test_log_error_redacts, setup),
		cmocka_unit_test_setup(test_log_levels, setup),
		cmocka_unit_test_setup(test_clean, setup),
		cmocka_unit_test_setup(test_log_escapes, setup),
	};
	int rc;

	rc = cmocka_run_group_tests(tests, NULL, NULL);
	log_clear_secrets();
	return rc;
}
