/*
 * The CSM queue (docs/design.md §8): a CSM's work list. What changed since last
 * night (new anomalies, claims that became claimable, money that came
 * in), then every seller's open or acknowledged anomalies, most severe
 * and most urgent first, each with its id, the seller's dashboard, the
 * figures behind it, what to tell the seller and who acknowledged it;
 * then one health line per seller, its money per currency. Anomaly texts
 * are rendered in the page's language from their stored figures.
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
#include "reports/html.h"
#include "lib/l10n.h"
#include "lib/stale.h"
#include "lib/vocab.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/anomalies.h"
#include "store/claims.h"
#include "store/csmdata.h"
#include "store/reportdata.h"
#include "store/store.h"

/* As the dashboard: eligible claims closing this soon are expiring. */
#define CSM_EXPIRING_DAYS	7

/* One anomaly, copied out of its store so all sellers sort together. */
struct csm_item {
	char	*seller, *id, *kind, *severity;
	enum anomaly_state status;
	char	*subject, *detail, *advice, *figures;
	char	*ack_by, *ack_note;
	int64_t	 ack_at;
	int	 rank;		/* severity: 0 high, 1 medium, 2 other */
	int	 is_new;	/* opened since last night */
	int32_t	 deadline;	/* 0: none */
	int	 has_amount;
	int64_t	 amount;
	char	 currency[4];
	int64_t	 opened_at;
};

/* One seller's health line. */
struct csm_health {
	const char	*seller;
	int		 ok;		/* its store could be read */
	int		 linked;	/* its dashboard exists */
	int64_t		 n_eligible, n_expiring, n_anomalies;
	struct page_sum	 eligible, expiring;
	int64_t		 last_import;	/* 0: never */
	int64_t		 since;		/* its last night */
	char		 currency[4];	/* what it is paid in; "" unknown */
};

struct csm {
	struct html		 h;
	struct l10n		 l;
	int32_t			 today;
	int64_t			 now;
	struct csm_item		*items;
	size_t			 nitems, nopen, nacked, nnew;
	struct csm_health	*hl;		/* the sellers shown */
	size_t			 nhealth;
	struct csm_health	*health;	/* the one being read */
	const struct config	*cf;		/* names, CSMs; or NULL */
	const struct csm_opts	*co;
	const char		*datadir;
	/* since last night, over every seller */
	int64_t			 n_eligible_new, n_paid;
	struct page_sum		 eligible_new, paid;
};

int
csm_owns(const struct config *cf, const char *name, const char *seller)
{
	const struct config_seller *cs;

	if (name == NULL)
		return 1;
	cs = cf != NULL ? config_seller_find(cf, seller) : NULL;
	return cs != NULL && cs->csm != NULL && strcmp(cs->csm, name) == 0;
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

/* Reads one seller. Returns 0, or -1 if its store could not be read. */
static int
csm_read(struct csm *c, struct csm_health *hl)
{
	struct anomaly_filter af = { ANOMALY_FILTER_ACTIVE, NULL, NULL };
	struct claim_filter cf = { claim_status_name(CLAIM_ELIGIBLE), NULL,
	    NULL };
	struct store *st;
	struct buf path;
	char err[256];
	int rc = -1;

	c->health = hl;
	if ((st = store_open(c->datadir, hl->seller, STORE_OPEN_READ, err,
	    sizeof(err))) == NULL) {
		log_error("%s: %s", hl->seller, err);
		return -1;
	}
	if (store_csm_since(st, &hl->since) != 0 ||
	    store_csm_currency(st, hl->currency) != 0 ||
	    store_anomalies_scan(st, &af, csm_anomaly, c) != 0 ||
	    store_claims_scan(st, &cf, csm_claim, c) != 0 ||
	    store_report_freshness(st, csm_fresh, c) != 0 ||
	    store_csm_eligible_since(st, hl->since, csm_eligible_new,
	    c) != 0 ||
	    store_csm_paid_since(st, hl->since, csm_paid, c) != 0) {
		log_error("%s: %s", hl->seller, store_errmsg(st));
		goto out;
	}
	if (c->co->dash_href != NULL) {
		buf_init(&path, 0);
		buf_printf(&path, "%s/dashboard.html", store_dir(st));
		hl->linked = access(path.data, R_OK) == 0;
		buf_free(&path);
	}
	hl->ok = 1;
	rc = 0;
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
static const char *
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
csm_header(struct csm *c, size_t nsellers, const char *title)
{
	char op[64], ak[64], se[64], day[64];
	struct buf b;

	buf_init(&b, 0);
	/* Open and acknowledged apart: acked ones have someone on them. */
	l10n_fill(&b, l10n_get(&c->l, "csm.subtitle"), "open",
	    csm_count(c, "csm.n_open", (int64_t)c->nopen, op, sizeof(op)),
	    "acked", csm_count(c, "csm.n_acked", (int64_t)c->nacked, ak,
	    sizeof(ak)), "sellers", csm_count(c, "csm.n_sellers",
	    (int64_t)nsellers, se, sizeof(se)), "date", l10n_date(&c->l,
	    c->today, day, sizeof(day)), (const char *)NULL);
	html_open(&c->h, "header", (const char *)NULL);
	html_open(&c->h, "div", (const char *)NULL);
	html_elem(&c->h, "div", "fbaudit", "class", "brand",
	    (const char *)NULL);
	html_elem(&c->h, "h1", title, (const char *)NULL);
	html_elem(&c->h, "p", b.data, "id", "counts", (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
	buf_free(&b);
}

/* One figure of "since last night": a title, a count, money. */
static void
csm_since_fig(struct csm *c, const char *id, const char *title, int64_t n,
    const struct page_sum *money)
{
	char num[32];

	html_open(&c->h, "div", "id", id, (const char *)NULL);
	html_text(&c->h, l10n_get(&c->l, title));
	html_elem(&c->h, "b", l10n_int(&c->l, n, num, sizeof(num)),
	    (const char *)NULL);
	if (money != NULL && money->n > 0)
		page_sum_write(&c->h, &c->l, money, NULL);
	html_close(&c->h);
}

static void
csm_since(struct csm *c)
{
	size_t i;
	int any = 0;

	/* No seller had a run before the latest: all is since the first. */
	for (i = 0; i < c->nhealth; i++)
		any |= c->hl[i].since != 0;
	page_section(&c->h, "since", l10n_get(&c->l, "csm.since"),
	    l10n_get(&c->l, any ? "csm.since.sub" : "csm.since.first"));
	html_open(&c->h, "div", "class", "since", (const char *)NULL);
	csm_since_fig(c, "since-anomalies", "csm.since.anomalies",
	    (int64_t)c->nnew, NULL);
	csm_since_fig(c, "since-eligible", "csm.since.eligible",
	    c->n_eligible_new, &c->eligible_new);
	csm_since_fig(c, "since-paid", "csm.since.paid", c->n_paid,
	    &c->paid);
	html_close(&c->h);
	html_close(&c->h);
}

static void
csm_thead(struct csm *c, const char *cls, const char *const *cols,
    size_t n, int numeric)
{
	size_t i;

	html_open(&c->h, "table", "class", cls, (const char *)NULL);
	html_open(&c->h, "thead", (const char *)NULL);
	html_open(&c->h, "tr", (const char *)NULL);
	for (i = 0; i < n; i++)
		html_elem(&c->h, "th", l10n_get(&c->l, cols[i]), "class",
		    (numeric >> i) & 1 ? "n" : NULL, (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
	html_open(&c->h, "tbody", (const char *)NULL);
}

/* Opens a cell labelled for the phone layout (CSS data-label). */
static void
csm_td(struct csm *c, const char *label, const char *cls)
{
	html_open(&c->h, "td", "class", cls, "data-label",
	    l10n_get(&c->l, label), (const char *)NULL);
}

/* The seller cell: name and id, and a link to its dashboard. */
static void
csm_seller_cell(struct csm *c, const char *seller, int csm_too)
{
	struct buf href;
	size_t i;
	int linked = 0;

	page_seller(&c->h, &c->l, c->cf, seller, csm_too);
	for (i = 0; c->co->dash_href != NULL && i < c->nhealth; i++)
		if (strcmp(c->hl[i].seller, seller) == 0)
			linked = c->hl[i].linked;
	if (!linked)
		return;
	buf_init(&href, 0);
	buf_printf(&href, "%s%s/dashboard.html", c->co->dash_href, seller);
	html_elem(&c->h, "a", l10n_get(&c->l, "csm.dashboard"), "href",
	    href.data, "class", "dash", (const char *)NULL);
	buf_free(&href);
}

static void
csm_item_row(struct csm *c, const struct csm_item *it)
{
	char key[64], cls[32], day[64], money[64];
	struct anomtext tx;
	struct buf b;

	anomtext_render(&c->l, it->kind, it->figures, it->subject,
	    it->detail, it->advice, &tx);
	html_open(&c->h, "tr", "id", it->id, "class", it->is_new ? "new" :
	    NULL, (const char *)NULL);
	snprintf(key, sizeof(key), "severity.%s", it->severity);
	snprintf(cls, sizeof(cls), "chip sev-%s", it->rank == 0 ? "high" :
	    it->rank == 1 ? "medium" : "low");
	csm_td(c, "col.severity", NULL);
	html_elem(&c->h, "span", l10n_get(&c->l, key), "class", cls,
	    (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.subject", NULL);
	snprintf(key, sizeof(key), "kind.%s", it->kind);
	html_elem(&c->h, "strong", l10n_get(&c->l, key), (const char *)NULL);
	if (it->is_new) {
		html_text(&c->h, " ");
		html_elem(&c->h, "span", l10n_get(&c->l, "csm.new"), "class",
		    "chip new", (const char *)NULL);
	}
	html_elem(&c->h, "small", tx.subject, (const char *)NULL);
	html_elem(&c->h, "code", it->id, "class", "id", (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.seller", "sel");
	csm_seller_cell(c, it->seller, 0);
	html_close(&c->h);
	csm_td(c, "col.figures", NULL);
	if (it->has_amount)
		html_elem(&c->h, "strong", l10n_money(&c->l, it->amount,
		    it->currency, money, sizeof(money)), "class", "nw",
		    (const char *)NULL);
	html_elem(&c->h, "small", tx.detail, (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.deadline", "nw");
	if (it->deadline != 0) {
		html_text(&c->h, l10n_date(&c->l, it->deadline, day,
		    sizeof(day)));
		html_text(&c->h, " ");
		page_days_left(&c->h, &c->l, it->deadline - c->today);
	} else
		html_text(&c->h, "\xe2\x80\x94");
	html_close(&c->h);
	csm_td(c, "col.tell", NULL);
	html_text(&c->h, tx.advice);
	html_close(&c->h);
	csm_td(c, "col.opened", NULL);
	html_text(&c->h, l10n_date(&c->l, date_day_of(it->opened_at), day,
	    sizeof(day)));
	snprintf(key, sizeof(key), "anomaly.status.%s",
	    anomaly_state_name(it->status == ANOMALY_ACKED ? ANOMALY_ACKED :
	    ANOMALY_OPEN));
	if (it->ack_by != NULL && it->status == ANOMALY_ACKED) {
		buf_init(&b, 0);
		l10n_fill(&b, l10n_get(&c->l, "csm.acked_by"), "who",
		    it->ack_by, "date", l10n_date(&c->l,
		    date_day_of(it->ack_at), day, sizeof(day)),
		    (const char *)NULL);
		html_elem(&c->h, "small", b.data, "class", "acked",
		    (const char *)NULL);
		buf_free(&b);
		if (it->ack_note != NULL && *it->ack_note != '\0')
			html_elem(&c->h, "small", it->ack_note, "class",
			    "note", (const char *)NULL);
	} else
		html_elem(&c->h, "small", l10n_get(&c->l, key),
		    (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
	anomtext_free(&tx);
}

static void
csm_queue(struct csm *c)
{
	static const char *const cols[] = { "col.severity", "col.subject",
	    "col.seller", "col.figures", "col.deadline", "col.tell",
	    "col.opened" };
	size_t i;

	page_section(&c->h, "queue", l10n_get(&c->l, "csm.queue"),
	    l10n_get(&c->l, "csm.queue.sub"));
	if (c->nitems == 0) {
		html_elem(&c->h, "p", l10n_get(&c->l, "csm.none"), "class",
		    "empty", (const char *)NULL);
		html_close(&c->h);
		return;
	}
	csm_thead(c, "stack queue", cols, sizeof(cols) / sizeof(cols[0]), 0);
	for (i = 0; i < c->nitems; i++)
		csm_item_row(c, &c->items[i]);
	html_close(&c->h);
	html_close(&c->h);
	html_close(&c->h);
}

static void
csm_health_row(struct csm *c, const struct csm_health *hl)
{
	char n[32], day[64];
	/* Zero is written in the seller's own currency: euros for a German
	 * seller, whatever the page's language. */
	const char *cur = hl->currency[0] != '\0' ? hl->currency : "USD";

	html_open(&c->h, "tr", "id", hl->seller, (const char *)NULL);
	csm_td(c, "col.seller", "nw");
	csm_seller_cell(c, hl->seller, 1);
	html_close(&c->h);
	if (!hl->ok) {
		html_open(&c->h, "td", "colspan", "4", (const char *)NULL);
		html_elem(&c->h, "span", l10n_get(&c->l, "csm.unreadable"),
		    "class", "chip sev-high", (const char *)NULL);
		html_close(&c->h);
		html_close(&c->h);
		return;
	}
	csm_td(c, "col.eligible", "n");
	page_sum_write(&c->h, &c->l, &hl->eligible, cur);
	html_elem(&c->h, "small", l10n_int(&c->l, hl->n_eligible, n,
	    sizeof(n)), (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.expiring", "n");
	page_sum_write(&c->h, &c->l, &hl->expiring, cur);
	html_elem(&c->h, "small", l10n_int(&c->l, hl->n_expiring, n,
	    sizeof(n)), (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.imported", "nw");
	if (hl->last_import != 0) {
		html_text(&c->h, l10n_date(&c->l,
		    date_day_of(hl->last_import), day, sizeof(day)));
		html_open(&c->h, "small", (const char *)NULL);
		page_ago(&c->h, &c->l, hl->last_import, c->now);
		html_close(&c->h);
	} else
		html_text(&c->h, l10n_get(&c->l, "fresh.never"));
	if (hl->last_import == 0 ||
	    c->now - hl->last_import > STALE_DATA_SECS)
		html_elem(&c->h, "span", l10n_get(&c->l, "fresh.stale"),
		    "class", "chip stale", (const char *)NULL);
	html_close(&c->h);
	csm_td(c, "col.anomalies", "n");
	html_text(&c->h, l10n_int(&c->l, hl->n_anomalies, n, sizeof(n)));
	html_close(&c->h);
	html_close(&c->h);
}

static void
csm_healths(struct csm *c)
{
	static const char *const cols[] = { "col.seller", "col.eligible",
	    "col.expiring", "col.imported", "col.anomalies" };
	size_t i;

	page_section(&c->h, "health", l10n_get(&c->l, "csm.health"),
	    l10n_get(&c->l, "csm.health.sub"));
	csm_thead(c, "stack", cols, sizeof(cols) / sizeof(cols[0]),
	    2 | 4 | 16);
	for (i = 0; i < c->nhealth; i++)
		csm_health_row(c, &c->hl[i]);
	html_close(&c->h);
	html_close(&c->h);
	html_close(&c->h);
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

/* Reads the sellers co->csm owns into c. Returns 0, 1 (some seller
 * unreadable) or -1. */
static int
csm_collect(struct csm *c, const char *datadir, char *const *sellers,
    size_t n, const struct report_opts *o, const struct csm_opts *co)
{
	size_t i;
	int partial = 0;

	memset(c, 0, sizeof(*c));
	c->today = clock_today();
	c->now = clock_now();
	c->cf = o->cf;
	c->co = co;
	c->datadir = datadir;
	c->hl = xcalloc(n ? n : 1, sizeof(*c->hl));
	if (l10n_init(&c->l, o->lang) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		if (!csm_owns(o->cf, co->csm, sellers[i]))
			continue;
		c->hl[c->nhealth].seller = sellers[i];
		if (csm_read(c, &c->hl[c->nhealth]) == -1)
			partial = 1;
		c->nhealth++;
	}
	if (c->nitems > 0)
		qsort(c->items, c->nitems, sizeof(*c->items), csm_cmp);
	return partial;
}

static void
csm_free(struct csm *c)
{
	size_t i;

	for (i = 0; i < c->nitems; i++)
		csm_item_free(&c->items[i]);
	free(c->items);
	free(c->hl);
}

int
csm_write(const char *datadir, char *const *sellers, size_t n, FILE *fp,
    const struct report_opts *o, const struct csm_opts *co)
{
	struct csm c;
	struct buf title;
	int rc = -1, partial;

	buf_init(&title, 0);
	if ((partial = csm_collect(&c, datadir, sellers, n, o, co)) == -1)
		goto out;
	if (co->csm != NULL)
		l10n_fill(&title, l10n_get(&c.l, "csm.for"), "csm", co->csm,
		    (const char *)NULL);
	else
		buf_adds(&title, l10n_get(&c.l, "csm.title"));
	html_init(&c.h, fp);
	page_begin(&c.h, &c.l, title.data);
	csm_header(&c, c.nhealth, title.data);
	html_open(&c.h, "main", (const char *)NULL);
	csm_since(&c);
	csm_queue(&c);
	csm_healths(&c);
	html_close(&c.h);
	page_end(&c.h, &c.l, o->version);
	if (html_finish(&c.h) == 0)
		rc = partial;
out:
	csm_free(&c);
	buf_free(&title);
	return rc;
}

/* One anomaly of the digest: a few indented lines of plain text. */
static void
csm_mail_item(struct csm *c, const struct csm_item *it, struct buf *b)
{
	char key[64], day[64], money[64];
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
	page_seller_label(&label, c->cf, it->seller);
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

	if (csm_collect(&c, datadir, sellers, n, o, &co) == -1)
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
