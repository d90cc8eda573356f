/*
 * The CSM queue's HTML page (docs/design.md §8): its header with the
 * counts, what changed since last night, the queue of anomalies (one row
 * each: severity, what happened, seller, figures, deadline, what to tell
 * the seller, who acknowledged it), and one health line per seller. On a
 * phone the tables become stacked cards (CSS data-label).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "reports/csm_int.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "lib/stale.h"
#include "reports/page.h"
#include "reports/report.h"

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
	const struct csm_health *hl = csm_health_find(c, seller);
	struct buf href;

	page_seller(&c->h, &c->l, c->cf, seller, hl != NULL ? &hl->kept :
	    NULL, csm_too);
	if (c->co->dash_href == NULL || hl == NULL || !hl->linked)
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

enum csm_result
csm_write(const char *datadir, char *const *sellers, size_t n, FILE *fp,
    const struct report_opts *o, const struct csm_opts *co)
{
	struct csm c;
	struct buf title;
	enum csm_result rc = CSM_FAILED, partial;

	buf_init(&title, 0);
	if ((partial = csm_collect(&c, datadir, sellers, n, o, co)) ==
	    CSM_FAILED)
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
