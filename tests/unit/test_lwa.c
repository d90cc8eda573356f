/*
 * Unit tests of market/lwa.h against a one-thread HTTP server on
 * 127.0.0.1: the token request is the form Amazon documents, a token is
 * cached until 60 s before it expires (and renewed after that, or when
 * forced), Amazon's expires_in is bounded, and a refused credential is
 * told from an outage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/log.h"
#include "market/http.h"
#include "market/lwa.h"
#include "market/retry.h"

/* The server: answers each request with the next canned answer. */
struct server {
	int		 fd;
	int		 port;
	pthread_t	 thread;
	const char	*answers[8];	/* "STATUS\nJSON" each */
	int		 nanswers;
	int		 served;
	char		 last_body[1024];
	char		 last_type[128];
};

/* Reads one request (headers, then Content-Length bytes) from c. */
static void
server_read(struct server *s, int c)
{
	char req[4096], *end, *p;
	size_t len = 0, want;
	ssize_t n;

	while (len < sizeof(req) - 1) {
		if ((n = read(c, req + len, sizeof(req) - 1 - len)) <= 0)
			return;
		len += (size_t)n;
		req[len] = '\0';
		if ((end = strstr(req, "\r\n\r\n")) == NULL)
			continue;
		p = strstr(req, "\r\nContent-Length:");
		want = p != NULL ? (size_t)atoi(p + 17) : 0;
		if (len - (size_t)(end + 4 - req) < want)
			continue;
		snprintf(s->last_body, sizeof(s->last_body), "%.*s",
		    (int)want, end + 4);
		p = strstr(req, "\r\nContent-Type:");
		if (p != NULL)
			snprintf(s->last_type, sizeof(s->last_type), "%.*s",
			    (int)strcspn(p + 15, "\r"), p + 15);
		return;
	}
}

static void *
server_main(void *arg)
{
	struct server *s = arg;
	char out[2048];
	const char *a, *json;
	int c, status;

	while (s->served < s->nanswers) {
		if ((c = accept(s->fd, NULL, NULL)) == -1)
			break;
		server_read(s, c);
		a = s->answers[s->served++];
		status = atoi(a);
		json = strchr(a, '\n') + 1;
		snprintf(out, sizeof(out), "HTTP/1.1 %d X\r\nContent-Type: "
		    "application/json\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n%s", status, strlen(json), json);
		if (write(c, out, strlen(out)) < 0)
			break;
		close(c);
	}
	return NULL;
}

/* Starts the server with its answers. */
static void
server_start(struct server *s, const char *const *answers, int n)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	int i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < n; i++)
		s->answers[i] = answers[i];
	s->nanswers = n;
	s->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(s->fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(s->fd, 4), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&sa, &sl), 0);
	s->port = ntohs(sa.sin_port);
	assert_int_equal(pthread_create(&s->thread, NULL, server_main, s), 0);
}

/* Waits for the server to have served its answers. */
static void
server_stop(struct server *s)
{
	pthread_join(s->thread, NULL);
	close(s->fd);
}

/* What every test shares: a client, a policy, credentials. */
struct fixture {
	struct server	 srv;
	struct http	*http;
	struct retry_policy rp;
	struct lwa	 lwa;
	char		 url[64];
};

static void
fixture_start(struct fixture *f, const char *const *answers, int n)
{
	struct http_settings set = { 2.0, 2.0, "fbaudit/test (Language=C)",
	    0, 0 };

	server_start(&f->srv, answers, n);
	f->http = http_new(&set);
	assert_non_null(f->http);
	memset(&f->rp, 0, sizeof(f->rp));
	f->rp.tries = 1;
	f->rp.total = 5;
	f->rp.base = 0.01;
	f->rp.cap = 0.01;
	snprintf(f->url, sizeof(f->url), "http://127.0.0.1:%d/auth/o2/token",
	    f->srv.port);
	lwa_init(&f->lwa, f->url, "amzn1.application-oa2-client.X",
	    "s3cr&t=", "Atzr|r3fr3sh");
}

static void
fixture_end(struct fixture *f)
{
	server_stop(&f->srv);
	lwa_clear(&f->lwa);
	http_free(f->http);
}

/* The form Amazon documents, each value percent-encoded. */
static void
test_request_form(void **state)
{
	static const char *const a[] = {
		"200\n{\"access_token\":\"Atza|one\",\"expires_in\":3600}"
	};
	struct fixture f;
	const char *tok;

	(void)state;
	fixture_start(&f, a, 1);
	assert_int_equal(lwa_token(&f.lwa, f.http, &f.rp, 0, &tok), LWA_OK);
	assert_string_equal(tok, "Atza|one");
	fixture_end(&f);
	assert_string_equal(f.srv.last_body, "grant_type=refresh_token&"
	    "refresh_token=Atzr%7Cr3fr3sh&client_id=amzn1.application-oa2-"
	    "client.X&client_secret=s3cr%26t%3D");
	assert_string_equal(f.srv.last_type,
	    " application/x-www-form-urlencoded;charset=UTF-8");
}

/*
 * Asks for a token (forced or not); it must be want, renewed `life`
 * seconds from now.
 */
static void
expect_token(struct fixture *f, int force, const char *want, double life)
{
	const char *tok = NULL;
	double before = http_now();

	assert_int_equal(lwa_token(&f->lwa, f->http, &f->rp, force, &tok),
	    LWA_OK);
	assert_string_equal(tok, want);
	assert_true(f->lwa.expires >= before + life - 1);
	assert_true(f->lwa.expires <= http_now() + life);
}

/* Cached while valid; renewed when it is about to expire, or forced. */
static void
test_cache(void **state)
{
	static const char *const a[] = {
		"200\n{\"access_token\":\"Atza|one\",\"expires_in\":3600}",
		"200\n{\"access_token\":\"Atza|two\",\"expires_in\":3600}",
		"200\n{\"access_token\":\"Atza|three\",\"expires_in\":3600}"
	};
	struct fixture f;

	(void)state;
	fixture_start(&f, a, 3);
	/* Renewed 60 s before Amazon's hour is up. */
	expect_token(&f, 0, "Atza|one", 3540);
	expect_token(&f, 0, "Atza|one", 3540);
	assert_int_equal(f.lwa.calls, 1);
	/* As if the hour had passed. */
	f.lwa.expires = http_now() - 1;
	expect_token(&f, 0, "Atza|two", 3540);
	assert_int_equal(f.lwa.calls, 2);
	/* After a 403: forced, although still valid. */
	expect_token(&f, 1, "Atza|three", 3540);
	assert_int_equal(f.lwa.calls, 3);
	fixture_end(&f);
}

/* expires_in is bounded: at least 2 minutes, at most a day; 1 h when
 * Amazon leaves it out. */
static void
test_expiry_bounds(void **state)
{
	static const char *const a[] = {
		"200\n{\"access_token\":\"Atza|short\",\"expires_in\":5}",
		"200\n{\"access_token\":\"Atza|long\",\"expires_in\":9999999}",
		"200\n{\"access_token\":\"Atza|none\"}"
	};
	struct fixture f;

	(void)state;
	fixture_start(&f, a, 3);
	expect_token(&f, 0, "Atza|short", 60);
	expect_token(&f, 1, "Atza|long", 86340);
	expect_token(&f, 1, "Atza|none", 3540);
	fixture_end(&f);
}

/* invalid_grant refuses the seller; a 500 is an outage; a 200 without a
 * token is neither; nothing is cached after a failure. */
static void
test_failures(void **state)
{
	static const char *const a[] = {
		"400\n{\"error\":\"invalid_grant\",\"error_description\":"
		    "\"The request has an invalid grant parameter\"}",
		"500\n{\"error\":\"server_error\"}",
		"200\n{\"token_type\":\"bearer\"}"
	};
	struct fixture f;
	const char *tok;

	(void)state;
	fixture_start(&f, a, 3);
	assert_int_equal(lwa_token(&f.lwa, f.http, &f.rp, 0, &tok),
	    LWA_REFUSED);
	assert_string_equal(f.lwa.error, "HTTP 400 invalid_grant (The "
	    "request has an invalid grant parameter)");
	assert_null(f.lwa.token);
	assert_int_equal(lwa_token(&f.lwa, f.http, &f.rp, 0, &tok),
	    LWA_UNAVAILABLE);
	assert_int_equal(lwa_token(&f.lwa, f.http, &f.rp, 0, &tok),
	    LWA_FAILED);
	assert_string_equal(f.lwa.error, "no access_token in the answer");
	assert_null(f.lwa.token);
	assert_int_equal(f.lwa.calls, 3);
	fixture_end(&f);
}

/*
 * LWA's answer is a server's text: a refresh token or client secret it
 * echoes is redacted, an escape sequence shown escaped, before the error
 * is cut to its field (it reaches the summary line and the store).
 */
static void
test_echo_cleaned(void **state)
{
	static const char *const a[] = {
		"400\n{\"error\":\"invalid_request\\u001b[2J\","
		    "\"error_description\":\"bad refresh_token Atzr|r3fr3sh "
		    "for client_secret s3cr&t=\\u001b]0;x\\u0007\"}",
	};
	struct fixture f;
	const char *tok;

	(void)state;
	log_add_secret("s3cr&t=");
	fixture_start(&f, a, 1);
	assert_int_equal(lwa_token(&f.lwa, f.http, &f.rp, 0, &tok),
	    LWA_FAILED);
	assert_string_equal(f.lwa.error, "HTTP 400 invalid_request\\x1b[2J "
	    "(bad refresh_token Atzr|[redacted] for client_secret "
	    "[redacted]\\x1b]0;x\\x07)");
	fixture_end(&f);
	log_clear_secrets();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_form),
		cmocka_unit_test(test_cache),
		cmocka_unit_test(test_expiry_bounds),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_echo_cleaned),
	};

	if (http_global_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
