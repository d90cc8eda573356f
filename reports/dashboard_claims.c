/*
 * The dashboard's claims: the ones ready to submit by hand, each with
 * the text to paste and where (issue 16: a packet in the outbox is not
 * filed), and the two tables, the claims to act on and the others, in
 * deadline order with their case ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/mem.h"
#include "reports/dashboard_int.h"
#include "reports/html.h"
#include "lib/l10n.h"
#include "reports/page.h"
#include "reports/report.h"
#include "reports/sellercentral.h"
#include "store/claims.h"
#include "store/store.h"

/* The columns of the claims tables, by their catalogue keys. */
static const char *const dash_cols[] = { "col.type", "col.product",
    "col.reference", "col.quantity", "col.amount", "col.window",
    "col.status" };

static void
dash_table_head(struct dash *d)
{
	size_t i;

	html_open(&d->h, "table", "class", "claims", (const char *)NULL);
	html_open(&d->h, "thead", (const char *)NULL);
	html_open(&d->h, "tr", (const char *)NULL);
	for (i = 0; i < sizeof(dash_cols) / sizeof(dash_cols[0]); i++)
		html_elem(&d->h, "th", l10n_get(&d->l, dash_cols[i]), "class",
		    i == 3 || i == 4 ? "n" : NULL, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);
	html_open(&d->h, "tbody", (const char *)NULL);
}

/* "Case 1234567890": Amazon's case id, wherever a filed claim is. */
static void
dash_case_id(struct dash *d, const char *case_id)
{
	struct buf b;

	if (case_id == NULL || *case_id == '\0')
		return;
	buf_init(&b, 0);
	l10n_fill(&b, l10n_get(&d->l, "case.id"), "id", case_id,
	    (const char *)NULL);
	html_elem(&d->h, "small", b.data, "class", "case",
	    (const char *)NULL);
	buf_free(&b);
}

/* Whether a claim belongs in the table of claims to act on. */
static int
dash_is_act(const struct claim_row *c)
{
	return claim_status_unsettled(c->status);
}

/* One claim in a table: the columns of issue 8, and its case id. */
static int
dash_claim_row(void *ctx, const struct claim_row *c)
{
	struct dash *d = ctx;
	char key[64], n[32], money[64], op[64], cl[64], cls[48];
	int si = dash_status_index(c->status);
	struct buf b;

	if (dash_is_act(c) != d->act)
		return 0;
	if (d->rows++ == 0)
		dash_table_head(d);
	html_open(&d->h, "tr", (const char *)NULL);
	snprintf(key, sizeof(key), "type.%s", c->type);
	dash_td(d, dash_cols[0], NULL);
	html_text(&d->h, l10n_get(&d->l, key));
	dash_new(d, c->created_at);
	html_close(&d->h);
	dash_td(d, dash_cols[1], NULL);
	html_text(&d->h, *c->title ? c->title : c->msku);
	html_open(&d->h, "small", (const char *)NULL);
	html_text(&d->h, c->msku);
	if (*c->asin) {
		html_text(&d->h, " \xc2\xb7 ");
		html_text(&d->h, c->asin);
	}
	html_close(&d->h);
	html_close(&d->h);
	dash_td(d, dash_cols[2], "nw");
	html_text(&d->h, c->reference);
	if (*c->fc || *c->country) {
		html_open(&d->h, "small", (const char *)NULL);
		html_text(&d->h, c->fc);
		html_text(&d->h, *c->fc && *c->country ? " \xc2\xb7 " : "");
		html_text(&d->h, c->country);
		html_close(&d->h);
	}
	dash_case_id(d, c->case_id);
	html_close(&d->h);
	dash_td_text(d, dash_cols[3], "n", l10n_int(&d->l, c->quantity, n,
	    sizeof(n)));
	if (c->has_value)
		dash_td_text(d, dash_cols[4], "n", l10n_money(&d->l,
		    c->amount, c->currency, money, sizeof(money)));
	else
		dash_td_text(d, dash_cols[4], "n muted", l10n_get(&d->l,
		    "value.unknown"));
	dash_td(d, dash_cols[5], NULL);
	html_textf(&d->h, "%s \xe2\x80\x93 %s", l10n_date(&d->l, c->opens,
	    op, sizeof(op)), l10n_date(&d->l, c->closes, cl, sizeof(cl)));
	if (claim_status_unfiled(c->status)) {
		html_text(&d->h, " ");
		page_days_left(&d->h, &d->l, c->closes - d->today);
	} else if (c->status == CLAIM_PENDING &&
	    c->opens > d->today) {
		snprintf(n, sizeof(n), "%d", (int)(c->opens - d->today));
		buf_init(&b, 0);
		l10n_fill(&b, l10n_count(&d->l, "days.opens",
		    c->opens - d->today), "n", n, (const char *)NULL);
		html_text(&d->h, " ");
		html_elem(&d->h, "span", b.data, "class", "chip",
		    (const char *)NULL);
		buf_free(&b);
	}
	html_close(&d->h);
	snprintf(key, sizeof(key), "status.%s", si >= 0 ?
	    claim_status_name(c->status) : "other");
	snprintf(cls, sizeof(cls), "chip s-%s", si >= 0 ?
	    claim_status_name(c->status) : "other");
	dash_td(d, dash_cols[6], NULL);
	html_elem(&d->h, "span", si >= 0 ? l10n_get(&d->l, key) : "other",
	    "class", cls, (const char *)NULL);
	/* Claimable, but not filed from incomplete reports (issue 15 §1):
	 * the seller sees why nothing happens yet. */
	if (c->status == CLAIM_ELIGIBLE && c->hold != NULL &&
	    c->hold[0] != '\0')
		html_elem(&d->h, "small", l10n_get(&d->l, "status.waiting"),
		    "title", c->hold, (const char *)NULL);
	html_close(&d->h);
	html_close(&d->h);	/* tr */
	return 0;
}

/* A claim to submit by hand, copied out of the scan. */
struct dash_ready_claim {
	char	*claim_id, *type, *reference, *country, *currency;
	int	 has_value;
	int64_t	 amount;
	int32_t	 closes;
};

struct dash_ready_list {
	const struct dash	*d;
	struct dash_ready_claim	*c;
	size_t			 n;
};

/*
 * Collects the claims to submit: ready ones, and a self-filing seller's
 * claims open today. Collected first, their texts built after: building
 * one reads the claims again, which no open scan may share.
 */
static int
dash_ready_collect(void *ctx, const struct claim_row *c)
{
	struct dash_ready_list *r = ctx;
	const struct dash *d = r->d;
	struct dash_ready_claim *k;

	if (c->status != CLAIM_READY && !(d->self_filing &&
	    c->status == CLAIM_ELIGIBLE && c->opens <= d->today &&
	    d->today <= c->closes))
		return 0;
	r->c = xreallocarray(r->c, r->n + 1, sizeof(*r->c));
	k = &r->c[r->n++];
	k->claim_id = xstrdup(c->claim_id);
	k->type = xstrdup(c->type);
	k->reference = xstrdup(c->reference);
	k->country = xstrdup(c->country);
	k->currency = xstrdup(c->currency);
	k->has_value = c->has_value;
	k->amount = c->amount;
	k->closes = c->closes;
	return 0;
}

/*
 * One claim to submit by hand: what it is, where to paste it, the text
 * (user-select: all, so one tap or click selects all of it), and how to
 * record the case id Amazon gives. Returns 0, or -1 if no text.
 */
static int
dash_ready_one(struct dash *d, const struct dash_ready_claim *c)
{
	char key[64], money[64], url[128], cl[64], *text;
	struct buf b;

	if ((text = d->o->packet_text(d->st, c->claim_id, d->l.lang)) ==
	    NULL)
		return -1;
	html_open(&d->h, "div", "class", "packet", "id", c->claim_id,
	    (const char *)NULL);
	html_open(&d->h, "h3", (const char *)NULL);
	snprintf(key, sizeof(key), "type.%s", c->type);
	html_text(&d->h, l10n_get(&d->l, key));
	html_text(&d->h, " \xc2\xb7 ");
	html_text(&d->h, c->reference);
	if (c->has_value) {
		html_text(&d->h, " \xc2\xb7 ");
		html_text(&d->h, l10n_money(&d->l, c->amount, c->currency,
		    money, sizeof(money)));
	}
	html_text(&d->h, " \xc2\xb7 ");
	html_text(&d->h, l10n_date(&d->l, c->closes, cl, sizeof(cl)));
	html_text(&d->h, " ");
	page_days_left(&d->h, &d->l, c->closes - d->today);
	html_close(&d->h);
	html_open(&d->h, "p", (const char *)NULL);
	html_text(&d->h, l10n_get(&d->l, "ready.open"));
	html_text(&d->h, " ");
	sellercentral_case_url(c->country, url, sizeof(url));
	/* As text to copy: a page links nowhere (no request, ever). */
	html_elem(&d->h, "code", url, "class", "url", (const char *)NULL);
	html_close(&d->h);
	html_elem(&d->h, "pre", text, "class", "copy", (const char *)NULL);
	free(text);
	buf_init(&b, 0);
	buf_printf(&b, "fbaudit claims mark %s --case-id ", c->claim_id);
	html_open(&d->h, "p", "class", "then", (const char *)NULL);
	html_text(&d->h, l10n_get(&d->l, "ready.then"));
	html_text(&d->h, " ");
	html_elem(&d->h, "code", b.data, (const char *)NULL);
	html_close(&d->h);
	buf_free(&b);
	html_close(&d->h);	/* div.packet */
	return 0;
}

/*
 * The claims a person must submit: ready ones (their packet waits in
 * the outbox), and, for a seller who files by themselves, every claim
 * open for filing, by deadline. Nothing when there is none.
 */
void
dash_ready(struct dash *d)
{
	struct dash_ready_list r;
	size_t i;

	if (d->o->packet_text == NULL || (d->n_ready == 0 &&
	    !(d->self_filing && d->n_claimable > 0)))
		return;
	memset(&r, 0, sizeof(r));
	r.d = d;
	if (store_claims_scan(d->st, NULL, dash_ready_collect, &r) != 0)
		d->failed = 1;
	if (r.n > 0) {
		page_section(&d->h, "ready", l10n_get(&d->l, "sec.ready"),
		    l10n_get(&d->l, d->self_filing ? "sec.ready.self" :
		    "sec.ready.sub"));
		for (i = 0; i < r.n && !d->failed; i++)
			if (dash_ready_one(d, &r.c[i]) == -1)
				d->failed = 1;
		html_close(&d->h);
	}
	for (i = 0; i < r.n; i++) {
		free(r.c[i].claim_id);
		free(r.c[i].type);
		free(r.c[i].reference);
		free(r.c[i].country);
		free(r.c[i].currency);
	}
	free(r.c);
}

/* The claims to act on (act) or the others, in deadline order. */
void
dash_claims(struct dash *d, int act)
{
	page_section(&d->h, act ? "act" : "other", l10n_get(&d->l, act ?
	    "sec.act" : "sec.other"), l10n_get(&d->l, act ? "sec.act.sub" :
	    "sec.other.sub"));
	d->act = act;
	d->rows = 0;
	if (store_claims_scan(d->st, NULL, dash_claim_row, d) != 0)
		d->failed = 1;
	if (d->rows > 0) {
		html_close(&d->h);	/* tbody */
		html_close(&d->h);	/* table */
	} else if (act)
		html_elem(&d->h, "p", l10n_get(&d->l, "sec.act.none"),
		    "class", "empty", (const char *)NULL);
	html_close(&d->h);
}
