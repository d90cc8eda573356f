/*
 * The CSM queue (docs/design.md §8): every seller's open or acknowledged
 * anomalies on one page, most severe and most urgent first, each with the
 * figures behind it and what to tell the seller; then one health line
 * per seller.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/clock.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "reports/report.h"
#include "store/anomalies.h"
#include "store/claims.h"
#include "store/reportdata.h"
#include "store/store.h"

/* As the dashboard: eligible claims closing this soon are expiring. */
#define CSM_EXPIRING_DAYS	7
/* A seller not imported for this long is stale (docs/design.md §6.4). */
#define CSM_STALE_SECS		(36 * 3600)

/* One anomaly, copied out of its store so all sellers sort together. */
struct csm_item {
	char	*seller, *id, *kind, *severity, *status;
	char	*subject, *detail, *advice;
	int	 rank;		/* severity: 0 high, 1 medium, 2 other */
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
	int64_t		 n_eligible, n_expiring, n_anomalies;
	struct page_sum	 eligible, expiring;
	int64_t		 last_import;	/* 0: never */
};

struct csm {
	struct html		 h;
	struct l10n		 l;
	int32_t			 today;
	int64_t			 now;
	struct csm_item		*items;
	size_t			 nitems;
	struct csm_health	*health;	/* the one being read */
	const struct config	*cf;		/* names, CSMs; or NULL */
};

static int
csm_rank(const char *severity)
{
	if (strcmp(severity, "high") == 0)
		return 0;
	if (strcmp(severity, "medium") == 0)
		return 1;
	return 2;
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
	it->status = xstrdup(a->status);
	it->subject = xstrdup(a->subject);
	it->detail = xstrdup(a->detail);
	it->advice = xstrdup(a->advice);
	it->rank = csm_rank(a->severity);
	it->deadline = a->deadline;
	it->opened_at = a->opened_at;
	if (a->currency != NULL) {
		it->has_amount = 1;
		it->amount = a->amount;
		snprintf(it->currency, sizeof(it->currency), "%s",
		    a->currency);
	}
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

/* Reads one seller. Returns 0, or -1 if its store could not be read. */
static int
csm_read(struct csm *c, const char *datadir, struct csm_health *hl)
{
	struct anomaly_filter af = { "active", NULL, NULL };
	struct claim_filter cf = { "eligible", NULL, NULL };
	struct store *st;
	char err[256];
	int rc = -1;

	c->health = hl;
	if ((st = store_open(datadir, hl->seller, 0, err,
	    sizeof(err))) == NULL) {
		log_error("%s: %s", hl->seller, err);
		return -1;
	}
	if (store_anomalies_scan(st, &af, csm_anomaly, c) != 0 ||
	    store_claims_scan(st, &cf, csm_claim, c) != 0 ||
	    store_report_freshness(st, csm_fresh, c) != 0) {
		log_error("%s: %s", hl->seller, store_errmsg(st));
		goto out;
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

static void
csm_header(struct csm *c, size_t nsellers)
{
	char n[32], m[32], day[64];
	struct buf b;

	buf_init(&b, 0);
	l10n_fill(&b, l10n_get(&c->l, "csm.subtitle"), "n",
	    l10n_int(&c->l, (int64_t)c->nitems, n, sizeof(n)), "m",
	    l10n_int(&c->l, (int64_t)nsellers, m, sizeof(m)), "date",
	    l10n_date(&c->l, c->today, day, sizeof(day)),
	    (const char *)NULL);
	html_open(&c->h, "header", (const char *)NULL);
	html_open(&c->h, "div", (const char *)NULL);
	html_elem(&c->h, "div", "fbaudit", "class", "brand",
	    (const char *)NULL);
	html_elem(&c->h, "h1", l10n_get(&c->l, "csm.title"),
	    (const char *)NULL);
	html_elem(&c->h, "p", b.data, (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
	buf_free(&b);
}

static void
csm_thead(struct csm *c, const char *const *cols, size_t n, int numeric)
{
	size_t i;

	html_open(&c->h, "table", (const char *)NULL);
	html_open(&c->h, "thead", (const char *)NULL);
	html_open(&c->h, "tr", (const char *)NULL);
	for (i = 0; i < n; i++)
		html_elem(&c->h, "th", l10n_get(&c->l, cols[i]), "class",
		    (numeric >> i) & 1 ? "n" : NULL, (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
	html_open(&c->h, "tbody", (const char *)NULL);
}

static void
csm_item_row(struct csm *c, const struct csm_item *it)
{
	char key[64], cls[32], day[64], money[64];

	html_open(&c->h, "tr", "id", it->id, (const char *)NULL);
	snprintf(key, sizeof(key), "severity.%s", it->severity);
	snprintf(cls, sizeof(cls), "chip sev-%s", it->rank == 0 ? "high" :
	    it->rank == 1 ? "medium" : "low");
	html_open(&c->h, "td", (const char *)NULL);
	html_elem(&c->h, "span", l10n_get(&c->l, key), "class", cls,
	    (const char *)NULL);
	html_close(&c->h);
	html_open(&c->h, "td", "class", "nw", (const char *)NULL);
	page_seller(&c->h, &c->l, c->cf, it->seller, 0);
	html_close(&c->h);
	html_open(&c->h, "td", (const char *)NULL);
	snprintf(key, sizeof(key), "kind.%s", it->kind);
	html_elem(&c->h, "strong", l10n_get(&c->l, key), (const char *)NULL);
	html_elem(&c->h, "small", it->subject, (const char *)NULL);
	html_close(&c->h);
	html_open(&c->h, "td", (const char *)NULL);
	if (it->has_amount)
		html_elem(&c->h, "strong", l10n_money(&c->l, it->amount,
		    it->currency, money, sizeof(money)), "class", "nw",
		    (const char *)NULL);
	html_elem(&c->h, "small", it->detail, (const char *)NULL);
	html_close(&c->h);
	html_open(&c->h, "td", "class", "nw", (const char *)NULL);
	if (it->deadline != 0) {
		html_text(&c->h, l10n_date(&c->l, it->deadline, day,
		    sizeof(day)));
		html_text(&c->h, " ");
		page_days_left(&c->h, &c->l, it->deadline - c->today);
	} else
		html_text(&c->h, "\xe2\x80\x94");
	html_close(&c->h);
	html_elem(&c->h, "td", it->advice, (const char *)NULL);
	html_open(&c->h, "td", "class", "nw", (const char *)NULL);
	html_text(&c->h, l10n_date(&c->l, date_day_of(it->opened_at), day,
	    sizeof(day)));
	snprintf(key, sizeof(key), "anomaly.status.%s",
	    strcmp(it->status, "acked") == 0 ? "acked" : "open");
	html_elem(&c->h, "small", l10n_get(&c->l, key), (const char *)NULL);
	html_close(&c->h);
	html_close(&c->h);
}

static void
csm_queue(struct csm *c)
{
	static const char *const cols[] = { "col.severity", "col.seller",
	    "col.subject", "col.figures", "col.deadline", "col.tell",
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
	csm_thead(c, cols, sizeof(cols) / sizeof(cols[0]), 0);
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

	html_open(&c->h, "tr", (const char *)NULL);
	html_open(&c->h, "td", "class", "nw", (const char *)NULL);
	page_seller(&c->h, &c->l, c->cf, hl->seller, 1);
	html_close(&c->h);
	if (!hl->ok) {
		html_open(&c->h, "td", "colspan", "4", (const char *)NULL);
		html_elem(&c->h, "span", l10n_get(&c->l, "csm.unreadable"),
		    "class", "chip sev-high", (const char *)NULL);
		html_close(&c->h);
		html_close(&c->h);
		return;
	}
	html_open(&c->h, "td", "class", "n", (const char *)NULL);
	page_sum_write(&c->h, &c->l, &hl->eligible, "USD");
	html_elem(&c->h, "small", l10n_int(&c->l, hl->n_eligible, n,
	    sizeof(n)), (const char *)NULL);
	html_close(&c->h);
	html_open(&c->h, "td", "class", "n", (const char *)NULL);
	page_sum_write(&c->h, &c->l, &hl->expiring, "USD");
	html_elem(&c->h, "small", l10n_int(&c->l, hl->n_expiring, n,
	    sizeof(n)), (const char *)NULL);
	html_close(&c->h);
	html_open(&c->h, "td", "class", "nw", (const char *)NULL);
	if (hl->last_import != 0) {
		html_text(&c->h, l10n_date(&c->l,
		    date_day_of(hl->last_import), day, sizeof(day)));
		html_open(&c->h, "small", (const char *)NULL);
		page_ago(&c->h, &c->l, hl->last_import, c->now);
		html_close(&c->h);
	} else
		html_text(&c->h, l10n_get(&c->l, "fresh.never"));
	if (hl->last_import == 0 ||
	    c->now - hl->last_import > CSM_STALE_SECS)
		html_elem(&c->h, "span", l10n_get(&c->l, "fresh.stale"),
		    "class", "chip stale", (const char *)NULL);
	html_close(&c->h);
	html_elem(&c->h, "td", l10n_int(&c->l, hl->n_anomalies, n,
	    sizeof(n)), "class", "n", (const char *)NULL);
	html_close(&c->h);
}

static void
csm_healths(struct csm *c, const struct csm_health *hl, size_t n)
{
	static const char *const cols[] = { "col.seller", "col.eligible",
	    "col.expiring", "col.imported", "col.anomalies" };
	size_t i;

	page_section(&c->h, "health", l10n_get(&c->l, "csm.health"),
	    l10n_get(&c->l, "csm.health.sub"));
	csm_thead(c, cols, sizeof(cols) / sizeof(cols[0]), 2 | 4 | 16);
	for (i = 0; i < n; i++)
		csm_health_row(c, &hl[i]);
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
	free(it->status);
	free(it->subject);
	free(it->detail);
	free(it->advice);
}

int
csm_write(const char *datadir, char *const *sellers, size_t n, FILE *fp,
    const struct report_opts *o)
{
	struct csm c;
	struct csm_health *hl = xcalloc(n ? n : 1, sizeof(*hl));
	size_t i;
	int rc = -1, partial = 0;

	memset(&c, 0, sizeof(c));
	c.today = clock_today();
	c.now = clock_now();
	c.cf = o->cf;
	if (l10n_init(&c.l, o->lang) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		hl[i].seller = sellers[i];
		if (csm_read(&c, datadir, &hl[i]) == -1)
			partial = 1;
	}
	if (c.nitems > 0)
		qsort(c.items, c.nitems, sizeof(*c.items), csm_cmp);
	html_init(&c.h, fp);
	page_begin(&c.h, &c.l, l10n_get(&c.l, "csm.title"));
	csm_header(&c, n);
	html_open(&c.h, "main", (const char *)NULL);
	csm_queue(&c);
	csm_healths(&c, hl, n);
	html_close(&c.h);
	page_end(&c.h, &c.l, o->version);
	if (html_finish(&c.h) == 0)
		rc = partial;
out:
	for (i = 0; i < c.nitems; i++)
		csm_item_free(&c.items[i]);
	free(c.items);
	free(hl);
	return rc;
}
