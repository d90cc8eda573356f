/*
 * The CSM queue (docs/design.md §8): a CSM's work list. What changed since last
 * night (new anomalies, claims that became claimable, money that came
 * in), then every seller's open or acknowledged anomalies, most severe
 * and most urgent first, each with its id, the seller's dashboard, the
 * figures behind it, what to tell the seller and who acknowledged it;
 * then one health line per seller, its money per currency. Anomaly texts
 * are rendered in the page's language from their stored figures.
 *
 * This file reads every seller's store into struct csm and writes the
 * digest from it; reports/csm_page.c writes the page.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/config.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "reports/csm_int.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/anomalies.h"
#include "store/claims.h"
#include "store/csmdata.h"
#include "store/reportdata.h"
#include "store/settings.h"
#include "store/store.h"

/* As the dashboard: eligible claims closing this soon are expiring. */
#define CSM_EXPIRING_DAYS	7

/* What reading one seller came to. */
enum csm_read {
	CSM_READ_SHOWN,		/* on the page */
	CSM_READ_SKIPPED,	/* another CSM's seller */
	CSM_READ_FAILED		/* on the page, its store unreadable */
};

/*
 * The seller's CSM: the configuration's when it names the seller, else
 * the one its store kept (issue 16 §2); NULL: none. *configured says
 * which.
 */
static const char *
csm_of(const struct csm *c, const struct csm_health *hl, int *configured)
{
	const struct config_seller *cs;

	cs = c->cf != NULL ? config_seller_find(c->cf, hl->seller) : NULL;
	*configured = cs != NULL;
	return cs != NULL ? cs->csm : hl->kept.csm;
}

/* Whether the page leaves the seller out: it is not co->csm's. */
static int
csm_skips(const struct csm *c, const struct csm_health *hl)
{
	const char *owner;
	int configured;

	owner = csm_of(c, hl, &configured);
	return c->co->csm != NULL && (owner == NULL ||
	    strcmp(owner, c->co->csm) != 0);
}

static int
csm_rank(const char *severity)
{
	if (strcmp(severity, "high") == 0)
		return 0;
	if (strcmp(severity, "medium") == 0)
		return 1;
	return 2;
}

static char *
csm_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static int
csm_anomaly(void *ctx, const struct anomaly_row *a)
{
	struct csm *c = ctx;
	struct csm_item *it;

	c->items = xreallocarray(c->items, c->nitems + 1, sizeof(*c->items));
	it = &c->items[c->nitems++];
	memset(it, 0, sizeof(*it));
	it->seller = xstrdup(c->health->seller);
	it->id = xstrdup(a->anomaly_id);
	it->kind = xstrdup(a->kind);
	it->severity = xstrdup(a->severity);
	it->status = a->status;
	it->subject = csm_dup(a->subject);
	it->detail = csm_dup(a->detail);
	it->advice = csm_dup(a->advice);
	it->figures = csm_dup(a->figures);
	it->ack_by = csm_dup(a->ack_by);
	it->ack_note = csm_dup(a->ack_note);
	it->ack_at = a->ack_at;
	it->rank = csm_rank(a->severity);
	it->deadline = a->deadline;
	it->opened_at = a->opened_at;
	it->is_new = a->opened_at > c->health->since;
	if (a->currency != NULL) {
		it->has_amount = 1;
		it->amount = a->amount;
		snprintf(it->currency, sizeof(it->currency), "%s",
		    a->currency);
	}
	if (a->status == ANOMALY_ACKED)
		c->nacked++;
	else
		c->nopen++;
	c->nnew += it->is_new;
	c->health->n_anomalies++;
	return 0;
}

static int
csm_claim(void *ctx, const struct claim_row *cl)
{
	struct csm *c = ctx;
	int32_t left = cl->closes - c->today;

	/* A ready claim waits for a person: still claimable (docs/design.md
	 * §6.3), as on the seller's dashboard. */
	if (!claim_status_unfiled(cl->status))
		return 0;
	c->health->n_eligible++;
	if (cl->has_value)
		page_sum_add(&c->health->eligible, cl->currency, cl->amount);
	if (left >= 0 && left <= CSM_EXPIRING_DAYS) {
		c->health->n_expiring++;
		if (cl->has_value)
			page_sum_add(&c->health->expiring, cl->currency,
			    cl->amount);
	}
	return 0;
}

static int
csm_fresh(void *ctx, const struct report_freshness_row *r)
{
	struct csm *c = ctx;

	if (r->last_import > c->health->last_import)
		c->health->last_import = r->last_import;
	return 0;
}

static int
csm_eligible_new(void *ctx, const struct csm_money_row *r)
{
	struct csm *c = ctx;

	c->n_eligible_new += r->count;
	if (*r->currency != '\0')
		page_sum_add(&c->eligible_new, r->currency, r->amount);
	return 0;
}

static int
csm_paid(void *ctx, const struct csm_money_row *r)
{
	struct csm *c = ctx;

	c->n_paid += r->count;
	page_sum_add(&c->paid, r->currency, r->amount);
	return 0;
}

/*
 * Reads one seller: its settings, and unless another CSM's, the rest.
 * Whose it is when its store cannot be read: the configuration's word.
 */
static enum csm_read
csm_read(struct csm *c, struct csm_health *hl)
{
	struct anomaly_filter af = { ANOMALY_FILTER_ACTIVE, NULL, NULL };
	struct claim_filter cf = { NULL, NULL, NULL };
	struct store *st;
	struct buf path;
	char err[256];
	enum csm_read rc = CSM_READ_FAILED;
	int configured;

	c->health = hl;
	csm_of(c, hl, &configured);
	if (configured && csm_skips(c, hl))
		return CSM_READ_SKIPPED;
	if ((st = store_open(c->datadir, hl->seller, STORE_OPEN_READ, err,
	    sizeof(err))) == NULL) {
		log_error("%s: %s", hl->seller, err);
		return configured || c->co->csm == NULL ? CSM_READ_FAILED :
		    CSM_READ_SKIPPED;
	}
	if (store_settings_get(st, &hl->kept) != 0)
		goto fail;
	if (csm_skips(c, hl)) {
		rc = CSM_READ_SKIPPED;
		goto out;
	}
	if (store_csm_since(st, &hl->since) != 0 ||
	    store_csm_currency(st, hl->currency) != 0 ||
	    store_anomalies_scan(st, &af, csm_anomaly, c) != 0 ||
	    store_claims_scan(st, &cf, csm_claim, c) != 0 ||
	    store_report_freshness(st, csm_fresh, c) != 0 ||
	    store_csm_eligible_since(st, hl->since, csm_eligible_new,
	    c) != 0 ||
	    store_csm_paid_since(st, hl->since, csm_paid, c) != 0)
		goto fail;
	if (c->co->dash_href != NULL) {
		buf_init(&path, 0);
		buf_printf(&path, "%s/dashboard.html", store_dir(st));
		hl->linked = access(path.data, R_OK) == 0;
		buf_free(&path);
	}
	hl->ok = 1;
	rc = CSM_READ_SHOWN;
	goto out;
fail:
	log_error("%s: %s", hl->seller, store_errmsg(st));
out:
	store_close(st);
	return rc;
}

/* Most severe first, then the nearest deadline (none last), seller, id. */
static int
csm_cmp(const void *a, const void *b)
{
	const struct csm_item *x = a, *y = b;
	int64_t dx = x->deadline ? x->deadline : INT32_MAX;
	int64_t dy = y->deadline ? y->deadline : INT32_MAX;
	int r;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (dx != dy)
		return dx < dy ? -1 : 1;
	if ((r = strcmp(x->seller, y->seller)) != 0)
		return r;
	return strcmp(x->id, y->id);
}

/* Appends a count as the language says it: "3 open", "1 seller". */
const char *
csm_count(struct csm *c, const char *key, int64_t n, char *out, size_t size)
{
	char num[32];
	struct buf b;

	buf_init(&b, 0);
	l10n_fill(&b, l10n_count(&c->l, key, n), "n", l10n_int(&c->l, n, num,
	    sizeof(num)), (const char *)NULL);
	snprintf(out, size, "%s", b.data ? b.data : "");
	buf_free(&b);
	return out;
}

static void
csm_item_free(struct csm_item *it)
{
	free(it->seller);
	free(it->id);
	free(it->kind);
	free(it->severity);
	free(it->subject);
	free(it->detail);
	free(it->advice);
	free(it->figures);
	free(it->ack_by);
	free(it->ack_note);
}

/* Reads the sellers co->csm owns into c (reports/csm_int.h). */
enum csm_result
csm_collect(struct csm *c, const char *datadir, char *const *sellers,
    size_t n, const struct report_opts *o, const struct csm_opts *co)
{
	struct csm_health *hl;
	enum csm_read r;
	size_t i;
	enum csm_result partial = CSM_WHOLE;

	memset(c, 0, sizeof(*c));
	c->today = clock_today();
	c->now = clock_now();
	c->cf = o->cf;
	c->co = co;
	c->datadir = datadir;
	c->hl = xcalloc(n ? n : 1, sizeof(*c->hl));
	if (l10n_init(&c->l, o->lang) == -1)
		return CSM_FAILED;
	for (i = 0; i < n; i++) {
		hl = &c->hl[c->nhealth];
		hl->seller = sellers[i];
		r = csm_read(c, hl);
		if (r == CSM_READ_SKIPPED) {
			store_settings_free(&hl->kept);
			memset(hl, 0, sizeof(*hl));
			continue;
		}
		if (r == CSM_READ_FAILED)
			partial = CSM_PARTIAL;
		c->nhealth++;
	}
	if (c->nitems > 0)
		qsort(c->items, c->nitems, sizeof(*c->items), csm_cmp);
	return partial;
}

const struct csm_health *
csm_health_find(const struct csm *c, const char *seller)
{
	size_t i;

	for (i = 0; i < c->nhealth; i++)
		if (strcmp(c->hl[i].seller, seller) == 0)
			return &c->hl[i];
	return NULL;
}

void
csm_free(struct csm *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		csm_item_free(&c->items[i]);
	for (i = 0; i < c->nhealth; i++)
		store_settings_free(&c->hl[i].kept);
	free(c->items);
	free(c->hl);
}

/* One anomaly of the digest: a few indented lines of plain text. */
static void
csm_mail_item(struct csm *c, const struct csm_item *it, struct buf *b)
{
	char key[64], day[64], money[64];
	const struct csm_health *hl;
	struct anomtext tx;
	struct buf label;

	anomtext_render(&c->l, it->kind, it->figures, it->subject,
	    it->detail, it->advice, &tx);
	snprintf(key, sizeof(key), "severity.%s", it->severity);
	buf_printf(b, "[%s] ", l10n_get(&c->l, key));
	if (it->is_new)
		buf_printf(b, "%s ", l10n_get(&c->l, "digest.new"));
	snprintf(key, sizeof(key), "kind.%s", it->kind);
	buf_init(&label, 0);
	hl = csm_health_find(c, it->seller);
	page_seller_label(&label, c->cf, it->seller, hl != NULL ? &hl->kept :
	    NULL);
	buf_printf(b, "%s \xe2\x80\x94 %s\n  %s\n", l10n_get(&c->l, key),
	    label.data, tx.subject);
	buf_free(&label);
	buf_adds(b, "  ");
	if (it->has_amount)
		buf_printf(b, "%s; ", l10n_money(&c->l, it->amount,
		    it->currency, money, sizeof(money)));
	l10n_fill(b, l10n_get(&c->l, "digest.figures"), "detail", tx.detail,
	    (const char *)NULL);
	buf_adds(b, "\n  ");
	l10n_fill(b, l10n_get(&c->l, "digest.tell"), "advice", tx.advice,
	    (const char *)NULL);
	buf_adds(b, "\n");
	if (it->ack_by != NULL && it->status == ANOMALY_ACKED) {
		buf_adds(b, "  ");
		l10n_fill(b, l10n_get(&c->l, "digest.acked"), "who",
		    it->ack_by, "date", l10n_date(&c->l,
		    date_day_of(it->ack_at), day, sizeof(day)),
		    (const char *)NULL);
		if (it->ack_note != NULL && *it->ack_note != '\0')
			buf_printf(b, ": %s", it->ack_note);
		buf_adds(b, "\n");
	}
	buf_printf(b, "  %s %s", l10n_get(&c->l, "col.id"), it->id);
	if (it->deadline != 0)
		buf_printf(b, " \xc2\xb7 %s %s", l10n_get(&c->l,
		    "col.deadline"), l10n_date(&c->l, it->deadline, day,
		    sizeof(day)));
	buf_adds(b, "\n\n");
	anomtext_free(&tx);
}

int
csm_digest(const char *datadir, char *const *sellers, size_t n,
    const struct report_opts *o, const char *csm, struct buf *subject,
    struct buf *body)
{
	struct csm_opts co = { csm, NULL };
	struct csm c;
	char op[64], ak[64], se[64], nw[32], day[64];
	size_t i;
	int rc = -1;

	if (csm_collect(&c, datadir, sellers, n, o, &co) == CSM_FAILED)
		goto out;
	rc = (int)c.nitems;
	if (c.nitems == 0)
		goto out;
	csm_count(&c, "csm.n_open", (int64_t)c.nopen, op, sizeof(op));
	csm_count(&c, "csm.n_acked", (int64_t)c.nacked, ak, sizeof(ak));
	csm_count(&c, "csm.n_sellers", (int64_t)c.nhealth, se, sizeof(se));
	l10n_int(&c.l, (int64_t)c.nnew, nw, sizeof(nw));
	l10n_date(&c.l, c.today, day, sizeof(day));
	l10n_fill(subject, l10n_get(&c.l, "digest.subject"), "open", op,
	    "new", nw, "date", day, (const char *)NULL);
	l10n_fill(body, l10n_get(&c.l, "digest.hello"), "csm", csm,
	    (const char *)NULL);
	buf_adds(body, "\n\n");
	l10n_fill(body, l10n_get(&c.l, "digest.intro"), "date", day, "open",
	    op, "acked", ak, "sellers", se, "new", nw, (const char *)NULL);
	buf_adds(body, "\n\n");
	for (i = 0; i < c.nitems; i++)
		csm_mail_item(&c, &c.items[i], body);
	buf_adds(body, "-- \n");
	l10n_fill(body, l10n_get(&c.l, "digest.footer"), "version",
	    o->version, (const char *)NULL);
	buf_adds(body, "\n");
out:
	csm_free(&c);
	return rc;
}
