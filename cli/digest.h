/*
 * The CSM digest (report digest, and the end of run): each CSM with an
 * email in the configuration gets their queue by SMTP once a day. The
 * record of what was sent is DATADIR/digests/YYYY-MM-DD-NAME.sent
 * (market/smtp.h: written just before the message is ended), so a rerun
 * the same day, after a crash or not, does not send it again.
 */
#ifndef FBAUDIT_DIGEST_H
#define FBAUDIT_DIGEST_H

struct config;

/*
 * Sends today's digest to each CSM of cf with an email (only that one
 * when only is set), over the sellers of datadir. Prints one line per
 * CSM on stdout. Returns an exit status: 0, EXIT_PARTIAL when some mail
 * failed, EXIT_UNAVAIL when none could be sent, EXIT_USAGE when cf has
 * no SMTP settings, EXIT_LOCKED when another digest is being sent.
 */
int	 digest_send_all(const struct config *cf, const char *datadir,
	    const char *only, const char *version);

#endif
