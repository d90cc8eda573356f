/*
 * Sending the CSM digests (cli/digest.h). Each CSM's mail goes through
 * three states, kept as files: none (not sent), DAY-NAME.sent written by
 * the commit just before the end of data (sent), removed again when the
 * server then refused it (not sent). See market/smtp.h for why the record
 * comes before the server's answer.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/digest.h"
#include "cli/lock.h"
#include "cli/sellers.h"
#include "lib/atomic.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "market/smtp.h"
#include "reports/report.h"

/* What the commit of one mail records. */
struct digest_record {
	const char	*path;		/* DATADIR/digests/DAY-NAME.sent */
	const char	*message_id;
};

static int
digest_commit(void *arg)
{
	struct digest_record *r = arg;
	struct atomic_file af;
	const char *crash = getenv("FBAUDIT_TEST_CRASH");

	/* Test hook: die with the message handed over but not ended. */
	if (crash != NULL && strcmp(crash, "before_digest_end") == 0)
		_exit(137);
	if (atomic_open(&af, r->path) == -1) {
		log_error("%s: %s", r->path, strerror(errno));
		return -1;
	}
	fprintf(af.fp, "%s\n", r->message_id);
	if (atomic_commit(&af) == -1) {
		log_error("%s: %s", r->path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The domain of an address, for Message-IDs: "example.com". */
static const char *
digest_domain(const char *from)
{
	const char *at = strrchr(from, '@');

	return at != NULL && at[1] != '\0' ? at + 1 : "fbaudit.invalid";
}

/*
 * Sends one CSM's digest. Returns 0 (sent or nothing to send), 1 (sent
 * before), -1 (failed).
 */
static int
digest_one(const struct config *cf, const char *datadir, char **ids,
    size_t n, const struct config_csm *cc, const char *version)
{
	struct report_opts o = { "en", version, cf, NULL };
	struct smtp_settings ss;
	struct digest_record rec;
	struct buf path, mid, subject, body, msg;
	struct stat sb;
	char day[DATE_STRLEN], err[512];
	const char *crash;
	int rc = -1, k;

	buf_init(&path, 0);
	buf_init(&mid, 0);
	buf_init(&subject, 0);
	buf_init(&body, 0);
	buf_init(&msg, 0);
	date_format(clock_today(), day);
	buf_printf(&path, "%s/digests/%s-%s.sent", datadir, day, cc->name);
	if (stat(path.data, &sb) == 0) {
		printf("digest: %s: already sent on %s\n", cc->name, day);
		rc = 1;
		goto out;
	}
	if (cc->lang != NULL)
		o.lang = cc->lang;
	else if (cf->lang != NULL)
		o.lang = cf->lang;
	if ((k = csm_digest(datadir, ids, n, &o, cc->name, &subject,
	    &body)) == -1) {
		log_error("digest: %s: cannot read the queue", cc->name);
		goto out;
	}
	if (k == 0) {
		printf("digest: %s: nothing in the queue, no mail\n",
		    cc->name);
		rc = 0;
		goto out;
	}
	/* The same id for the same CSM and day: a mail client that sees
	 * it twice shows it once. */
	buf_printf(&mid, "digest.%s.%s@%s", day, cc->name,
	    digest_domain(cf->smtp_from));
	smtp_message(&msg, cf->smtp_from, cc->email, subject.data, mid.data,
	    clock_now(), body.data);
	ss.url = cf->smtp_url;
	ss.user = cf->smtp_user != NULL ? cf->smtp_user : cf->smtp_from;
	ss.password = cf->smtp_password;
	if (ss.password == NULL)
		ss.user = NULL;
	rec.path = path.data;
	rec.message_id = mid.data;
	switch (smtp_send(&ss, cf->smtp_from, cc->email, msg.data, msg.len,
	    digest_commit, &rec, err, sizeof(err))) {
	case 0:
		crash = getenv("FBAUDIT_TEST_CRASH");
		/* Test hook: die after the server took it. */
		if (crash != NULL && strcmp(crash, "after_digest_send") == 0)
			_exit(137);
		printf("digest: %s <%s>: sent, %d anomalies\n", cc->name,
		    cc->email, k);
		rc = 0;
		break;
	case -2:
		/* Ended but refused: not delivered, so not recorded. */
		if (unlink(path.data) == -1 && errno != ENOENT)
			log_error("%s: %s", path.data, strerror(errno));
		/* FALLTHROUGH */
	default:
		log_error("digest: %s <%s>: not sent: %s", cc->name,
		    cc->email, err);
		break;
	}
out:
	buf_free(&path);
	buf_free(&mid);
	buf_free(&subject);
	buf_free(&body);
	buf_free(&msg);
	return rc;
}

int
digest_send_all(const struct config *cf, const char *datadir,
    const char *only, const char *version)
{
	struct buf dir;
	char **ids;
	size_t n, i, sent = 0, failed = 0, wanted = 0;
	int lock, r;

	if (cf->smtp_url == NULL || cf->smtp_from == NULL) {
		log_error("%s: the digest needs smtp_url and smtp_from in "
		    "[fbaudit]", cf->path);
		return EXIT_USAGE;
	}
	if ((lock = lock_take(datadir, "digest.lock")) == -2) {
		log_error("%s/digest.lock: another digest is being sent",
		    datadir);
		return EXIT_LOCKED;
	} else if (lock == -1) {
		log_error("%s/digest.lock: cannot lock", datadir);
		return EXIT_USAGE;
	}
	buf_init(&dir, 0);
	buf_printf(&dir, "%s/digests", datadir);
	if (mkdir(dir.data, 0755) == -1 && errno != EEXIST) {
		log_error("%s: %s", dir.data, strerror(errno));
		buf_free(&dir);
		lock_release(lock);
		return EXIT_PARTIAL;
	}
	buf_free(&dir);
	ids = cli_sellers(datadir, NULL, &n);
	for (i = 0; i < cf->ncsms; i++) {
		if (only != NULL && strcmp(only, cf->csms[i].name) != 0)
			continue;
		if (cf->csms[i].email == NULL) {
			log_warn("digest: %s: no email in [csm %s]",
			    cf->csms[i].name, cf->csms[i].name);
			continue;
		}
		wanted++;
		r = digest_one(cf, datadir, ids, n, &cf->csms[i], version);
		if (r == -1)
			failed++;
		else
			sent++;
	}
	cli_sellers_free(ids, n);
	lock_release(lock);
	if (only != NULL && wanted == 0) {
		log_error("digest: no [csm %s] with an email in %s", only,
		    cf->path);
		return EXIT_USAGE;
	}
	if (failed > 0)
		return sent > 0 ? EXIT_PARTIAL : EXIT_UNAVAIL;
	return EXIT_OK;
}
