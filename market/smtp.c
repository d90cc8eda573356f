/* One mail by SMTP (market/smtp.h). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "lib/buf.h"
#include "lib/date.h"
#include "market/smtp.h"

struct smtp_upload {
	const char	*msg;
	size_t		 len, off;
	int		(*commit)(void *ctx);
	void		*ctx;
	int		 committed, refused;
};

/* libcurl's read callback: the message, then commit() before the end. */
static size_t
smtp_read(char *buf, size_t size, size_t nitems, void *arg)
{
	struct smtp_upload *u = arg;
	size_t n = size * nitems;

	if (u->off < u->len) {
		if (n > u->len - u->off)
			n = u->len - u->off;
		memcpy(buf, u->msg + u->off, n);
		u->off += n;
		return n;
	}
	/* Everything handed over: the "." that delivers comes next. */
	if (!u->committed && !u->refused) {
		if (u->commit(u->ctx) == -1) {
			u->refused = 1;
			return CURL_READFUNC_ABORT;
		}
		u->committed = 1;
	}
	return u->refused ? CURL_READFUNC_ABORT : 0;
}

/* Whether an smtp:// URL points at this machine (plain SMTP allowed). */
static int
smtp_loopback(const char *url)
{
	const char *h;

	if (strncmp(url, "smtp://", 7) != 0)
		return 0;
	h = url + 7;
	return strncmp(h, "127.", 4) == 0 || strncmp(h, "[::1]", 5) == 0 ||
	    strncasecmp(h, "localhost", 9) == 0;
}

int
smtp_send(const struct smtp_settings *s, const char *from, const char *rcpt,
    const char *msg, size_t len, int (*commit)(void *ctx), void *ctx,
    char *err, size_t errlen)
{
	struct smtp_upload u = { msg, len, 0, commit, ctx, 0, 0 };
	struct curl_slist *to = NULL;
	char ebuf[CURL_ERROR_SIZE];
	CURL *c;
	CURLcode rc;
	const char *why;

	/* The configuration checked it; checked again where it is used. */
	if (strncmp(s->url, "smtps://", 8) != 0 &&
	    strncmp(s->url, "smtp://", 7) != 0) {
		snprintf(err, errlen, "smtp_url is not smtps:// or smtp://");
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "cannot initialise libcurl");
		return -1;
	}
	ebuf[0] = '\0';
	to = curl_slist_append(NULL, rcpt);
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, smtp_loopback(s->url) ?
	    (long)CURLUSESSL_NONE : (long)CURLUSESSL_ALL);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, to);
	if (s->user != NULL && s->password != NULL) {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
	}
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)SMTP_CONNECT_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	rc = curl_easy_perform(c);
	curl_slist_free_all(to);
	curl_easy_cleanup(c);
	if (rc == CURLE_OK && u.committed)
		return 0;
	/* libcurl's message names the step (e.g. "RCPT failed: 550"),
	 * never the credentials. */
	why = ebuf[0] != '\0' ? ebuf : curl_easy_strerror(rc);
	snprintf(err, errlen, "%s", u.refused ? "not recorded, not sent" :
	    why);
	return u.committed ? -2 : -1;
}

/* Appends n bytes as base64, in lines of 76 characters. */
static void
smtp_base64(struct buf *out, const unsigned char *p, size_t n)
{
	unsigned char enc[80];
	size_t k;
	int len;

	/* 57 bytes make one 76-character line. */
	for (; n > 0; p += k, n -= k) {
		k = n > 57 ? 57 : n;
		len = EVP_EncodeBlock(enc, p, (int)k);
		buf_add(out, enc, (size_t)len);
		buf_adds(out, "\r\n");
	}
}

void
smtp_message(struct buf *out, const char *from, const char *to,
    const char *subject, const char *message_id, int64_t date,
    const char *body)
{
	static const char *const wday[] = { "Thu", "Fri", "Sat", "Sun", "Mon",
	    "Tue", "Wed" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int32_t day = date_day_of(date);
	struct buf text;
	int64_t t = date - (int64_t)day * 86400;
	int y, m, d;
	const char *p;

	date_to_ymd(day, &y, &m, &d);
	buf_printf(out, "From: %s\r\nTo: %s\r\nSubject: =?UTF-8?B?", from,
	    to);
	/* An encoded word: the header stays ASCII whatever the language. */
	{
		int len = (int)strlen(subject);
		unsigned char enc[4 * 256 / 3 + 8];

		/* At most 180 bytes, cut between characters. */
		if (len > 180)
			for (len = 180; len > 0 &&
			    ((unsigned char)subject[len] & 0xc0) == 0x80; len--)
				;
		len = EVP_EncodeBlock(enc, (const unsigned char *)subject,
		    len);
		buf_add(out, enc, (size_t)len);
	}
	buf_printf(out, "?=\r\nDate: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n"
	    "Message-ID: <%s>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n",
	    wday[((day % 7) + 7) % 7], d, mon[m - 1], y, (int)(t / 3600),
	    (int)(t % 3600 / 60), (int)(t % 60), message_id);
	/* Text is CRLF on the wire (RFC 2046): encode it so. */
	buf_init(&text, 0);
	for (p = body; *p != '\0'; p++) {
		if (*p == '\n')
			buf_addc(&text, '\r');
		buf_addc(&text, *p);
	}
	smtp_base64(out, (const unsigned char *)(text.data ? text.data : ""),
	    text.len);
	buf_free(&text);
}
