#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "lib/log.h"
#include "lib/mem.h"

#define LOG_REDACTED	"[redacted]"

static enum log_level	 log_level = LOG_LEVEL_INFO;
/* Every secret of every seller: grows with the config, never forgets. */
static char		**log_secrets;
static size_t		*log_secret_len;
static size_t		 log_nsecrets, log_capsecrets;
/* Fetch workers register access tokens while others log. */
static pthread_mutex_t	 log_mu = PTHREAD_MUTEX_INITIALIZER;
/* The progress line shown on a terminal, "" when none; -1: not known
 * yet whether stderr is one. */
static char		 log_status_line[80];
static int		 log_tty = -1;
/* Back to the line's start, and erase it. */
#define LOG_ERASE	"\r\033[K"

/*
 * Prefixes of credentials whose value runs to the next delimiter: LWA
 * access and refresh tokens, LWA client secrets, and HTTP bearer tokens.
 * They are redacted even when nobody registered them.
 */
static const char *const log_token_prefixes[] = {
	"Atza|", "Atzr|", "amzn1.oa2-cs.", "Bearer ",
	"refresh_token=", "client_secret=", "access_token=",
};

void
log_set_level(enum log_level level)
{
	log_level = level;
}

enum log_level
log_get_level(void)
{
	return log_level;
}

void
log_add_secret(const char *secret)
{
	size_t i;

	if (secret == NULL || strlen(secret) < 4)
		return;
	pthread_mutex_lock(&log_mu);
	for (i = 0; i < log_nsecrets; i++)
		if (strcmp(log_secrets[i], secret) == 0)
			goto out;
	if (log_nsecrets == log_capsecrets) {
		log_capsecrets = log_capsecrets ? log_capsecrets * 2 : 16;
		log_secrets = xreallocarray(log_secrets, log_capsecrets,
		    sizeof(*log_secrets));
		log_secret_len = xreallocarray(log_secret_len,
		    log_capsecrets, sizeof(*log_secret_len));
	}
	log_secret_len[log_nsecrets] = strlen(secret);
	log_secrets[log_nsecrets++] = xstrdup(secret);
out:
	pthread_mutex_unlock(&log_mu);
}

void
log_clear_secrets(void)
{
	pthread_mutex_lock(&log_mu);
	while (log_nsecrets > 0)
		free(log_secrets[--log_nsecrets]);
	free(log_secrets);
	free(log_secret_len);
	log_secrets = NULL;
	log_secret_len = NULL;
	log_capsecrets = 0;
	pthread_mutex_unlock(&log_mu);
}

/* Where a token's value ends: at white space, a quote, '&', ',' or '}'. */
static size_t
log_token_end(const char *s, size_t i, size_t len)
{
	while (i < len && strchr(" \t\r\n\"'&,;}", s[i]) == NULL)
		i++;
	return i;
}

void
log_redact(struct buf *b)
{
	struct buf out;
	size_t i, j, n, plen;
	int hit;

	if (b->data == NULL)
		return;
	buf_init(&out, 0);
	pthread_mutex_lock(&log_mu);
	for (i = 0; i < b->len; ) {
		hit = 0;
		for (j = 0; j < log_nsecrets && !hit; j++) {
			/* The first byte first: there may be thousands. */
			if (log_secrets[j][0] != b->data[i])
				continue;
			n = log_secret_len[j];
			if (n <= b->len - i &&
			    memcmp(b->data + i, log_secrets[j], n) == 0) {
				buf_adds(&out, LOG_REDACTED);
				i += n;
				hit = 1;
			}
		}
		for (j = 0; j < sizeof(log_token_prefixes) /
		    sizeof(log_token_prefixes[0]) && !hit; j++) {
			plen = strlen(log_token_prefixes[j]);
			if (plen <= b->len - i && memcmp(b->data + i,
			    log_token_prefixes[j], plen) == 0) {
				buf_add(&out, b->data + i, plen);
				buf_adds(&out, LOG_REDACTED);
				i = log_token_end(b->data, i + plen, b->len);
				hit = 1;
			}
		}
		if (!hit)
			buf_addc(&out, b->data[i++]);
	}
	pthread_mutex_unlock(&log_mu);
	/* Keeps the caller's maximum: redaction may lengthen the text. */
	out.max = b->max != 0 && out.len > b->max ? out.len : b->max;
	buf_free(b);
	*b = out;
}

/*
 * The length of the UTF-8 character at p (n bytes left), 0 when the bytes
 * there are not one (a stray, overlong or surrogate byte): RFC 3629.
 */
static size_t
log_utf8_len(const unsigned char *p, size_t n)
{
	size_t k, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		k = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		k = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		k = 4;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	if ((p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f) ||
	    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
		return 0;
	return k;
}

/*
 * Replaces what a terminal would act on by its visible escape: C0
 * controls and DEL as \xNN (line breaks and tabs too, unless keep_lines),
 * C1 controls (U+0080..U+009F, CSI among them) as \u00NN, and bytes that
 * are not UTF-8 as \xNN, since some terminals take a lone 0x9B for CSI.
 */
static void
log_escape(struct buf *b, int keep_lines)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)b->data;
	struct buf out;
	size_t i, k;

	if (b->data == NULL)
		return;
	buf_init(&out, 0);
	for (i = 0; i < b->len; i += k) {
		k = log_utf8_len(p + i, b->len - i);
		if (k == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0) {
			buf_adds(&out, "\\u00");
			buf_addc(&out, hex[p[i + 1] >> 4]);
			buf_addc(&out, hex[p[i + 1] & 15]);
		} else if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f) &&
		    !(keep_lines && (p[i] == '\n' || p[i] == '\t')))) {
			k = 1;
			buf_adds(&out, "\\x");
			buf_addc(&out, hex[p[i] >> 4]);
			buf_addc(&out, hex[p[i] & 15]);
		} else
			buf_add(&out, p + i, k);
	}
	out.max = b->max != 0 && out.len > b->max ? out.len : b->max;
	buf_free(b);
	*b = out;
}

void
log_clean(struct buf *b)
{
	log_redact(b);
	log_escape(b, 0);
}

char *
log_clean_copy(char *out, size_t len, const char *s)
{
	struct buf b;
	size_t n;

	if (len == 0)
		return out;
	buf_init(&b, 0);
	buf_adds(&b, s != NULL ? s : "");
	/* Redacted before it is cut: half a secret is still a secret. */
	log_clean(&b);
	n = b.len < len - 1 ? b.len : len - 1;
	/* Not in the middle of a character. */
	while (n > 0 && n < b.len && ((unsigned char)b.data[n] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		memcpy(out, b.data, n);
	out[n] = '\0';
	buf_free(&b);
	return out;
}

static void log_emit(enum log_level, const char *, const char *, va_list)
    __attribute__((format(printf, 3, 0)));

static void
log_emit(enum log_level level, const char *tag, const char *fmt,
    va_list ap)
{
	struct buf b;

	if (level > log_level)
		return;
	buf_init(&b, 0);
	buf_adds(&b, "fbaudit: ");
	buf_adds(&b, tag);
	buf_vprintf(&b, fmt, ap);
	log_redact(&b);
	/* No escape sequence reaches a terminal or a log file, whatever a
	 * server put in the text; a message may span lines. */
	log_escape(&b, 1);
	buf_addc(&b, '\n');
	/* Above the progress line, which is drawn again below. */
	pthread_mutex_lock(&log_mu);
	if (log_status_line[0] != '\0')
		fputs(LOG_ERASE, stderr);
	fwrite(b.data, 1, b.len, stderr);
	if (log_status_line[0] != '\0')
		fputs(log_status_line, stderr);
	fflush(stderr);
	pthread_mutex_unlock(&log_mu);
	buf_free(&b);
}

/* Whether the progress line is shown at all. */
static int
log_status_wanted(void)
{
	int tty;

	if (log_level < LOG_LEVEL_INFO)
		return 0;
	pthread_mutex_lock(&log_mu);
	if (log_tty == -1)
		log_tty = isatty(STDERR_FILENO);
	tty = log_tty;
	pthread_mutex_unlock(&log_mu);
	return tty;
}

/* Replaces the progress line by text (already redacted). */
static void
log_status_set(const char *text)
{
	size_t i;

	pthread_mutex_lock(&log_mu);
	/* One terminal line: a longer one would wrap, and \r would
	 * erase only its last part. No control byte gets through. */
	snprintf(log_status_line, sizeof(log_status_line), "%s", text);
	for (i = 0; log_status_line[i] != '\0'; i++)
		if ((unsigned char)log_status_line[i] < 0x20 ||
		    log_status_line[i] == 0x7f)
			log_status_line[i] = '?';
	fputs(LOG_ERASE, stderr);
	fputs(log_status_line, stderr);
	fflush(stderr);
	pthread_mutex_unlock(&log_mu);
}

void
log_status(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	if (!log_status_wanted())
		return;
	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	log_redact(&b);
	log_status_set(b.data != NULL ? b.data : "");
	buf_free(&b);
}

void
log_status_clear(void)
{
	if (log_status_wanted())
		log_status_set("");
}

void
log_stdout_line(const char *line)
{
	int tty = log_status_wanted();

	pthread_mutex_lock(&log_mu);
	if (tty) {
		log_status_line[0] = '\0';
		fputs(LOG_ERASE, stderr);
		fflush(stderr);
	}
	fputs(line, stdout);
	fputc('\n', stdout);
	fflush(stdout);
	pthread_mutex_unlock(&log_mu);
}

void
log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(LOG_LEVEL_ERROR, "error: ", fmt, ap);
	va_end(ap);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(LOG_LEVEL_WARN, "warning: ", fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(LOG_LEVEL_INFO, "", fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit(LOG_LEVEL_DEBUG, "debug: ", fmt, ap);
	va_end(ap);
}
