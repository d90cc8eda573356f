/*
 * Sending one mail by SMTP through libcurl (the CSM digest). TLS: an
 * smtps:// URL is TLS from the start; smtp:// must upgrade by STARTTLS,
 * except to a loopback host (tests). Certificates are always verified.
 *
 * Exactly once: the caller's commit() runs when the whole message has
 * been handed to libcurl and before the end of data (the lone "." line
 * after which the server delivers). A run killed before commit() never
 * ended the message, so the server delivered nothing and the mail is
 * sent again; after commit() the record says sent and it is not. Only a
 * kill in the instant between commit() and the server's "250" loses the
 * mail, and that is logged by the next run as "sent" (at most once).
 */
#ifndef FBAUDIT_SMTP_H
#define FBAUDIT_SMTP_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Seconds to connect, and to wait for the server at any step. */
#define SMTP_CONNECT_TIMEOUT	30
#define SMTP_TIMEOUT		120

struct smtp_settings {
	const char	*url;		/* smtps://host:465 or smtp://... */
	const char	*user;		/* NULL: no authentication */
	const char	*password;	/* secret; NULL: none */
};

/*
 * Sends msg (a whole RFC 5322 message, CRLF lines) from from to rcpt.
 * commit(ctx) runs once, just before the end of data; returning -1 there
 * abandons the message undelivered. Returns 0 when the server accepted
 * it, -1 when it was not sent (why in err, secrets never written), -2
 * when commit() ran but the server then refused or the connection broke
 * (the caller undoes what commit() recorded).
 */
int	 smtp_send(const struct smtp_settings *s, const char *from,
	    const char *rcpt, const char *msg, size_t len,
	    int (*commit)(void *ctx), void *ctx, char *err, size_t errlen);

/*
 * Appends a whole RFC 5322 message to out: From, To, Subject (UTF-8 as an
 * RFC 2047 word), Date (date, UTC seconds), Message-ID (<message_id>)
 * and body (UTF-8 text, "\n" lines) as text/plain in base64, so no line
 * of it can be long or start with a dot.
 */
void	 smtp_message(struct buf *out, const char *from, const char *to,
	    const char *subject, const char *message_id, int64_t date,
	    const char *body);

#endif
