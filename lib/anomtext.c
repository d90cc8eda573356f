/*
 * Anomaly texts from figures (lib/anomtext.h). Templates name figures as
 * {key}; three more names are made here: {items} (every item through
 * "anomaly.KIND.item", joined by "; "), {names} (through
 * "anomaly.KIND.name", joined by ", ") and {more} ("anomaly.more" when
 * more_n says items were left out, else nothing). A figure "variant"
 * picks "anomaly.KIND.FIELD.VARIANT" when the catalogue has it; the
 * figure "n" picks the singular or zero form (l10n_count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/figures.h"
#include "lib/l10n.h"
#include "lib/mem.h"
#include "lib/num.h"

/* Longest formatted value of one figure. */
#define ANOMTEXT_VALUE_MAX	256

static int
anomtext_suffix(const char *key, const char *suffix)
{
	size_t k = strlen(key), s = strlen(suffix);

	return k >= s && strcmp(key + k - s, suffix) == 0;
}

char *
anomtext_value(const struct l10n *l, const char *key, const char *val,
    char *out, size_t size)
{
	struct date_parsed dp;
	char day[64], tk[96], cur[4];
	const char *sp;
	int64_t v;
	int32_t d;
	size_t i;

	if (anomtext_suffix(key, "_n") || strcmp(key, "n") == 0) {
		if (num_parse_int(val, strlen(val), INT64_MIN, INT64_MAX,
		    &v) == NULL)
			return l10n_int(l, v, out, size);
	} else if (anomtext_suffix(key, "_x")) {
		/* A decimal: the language's separator for the point. */
		snprintf(out, size, "%s", val);
		if ((sp = strchr(val, '.')) != NULL) {
			i = (size_t)(sp - val);
			snprintf(out + i, size > i ? size - i : 0, "%s%s",
			    l->decimal, sp + 1);
		}
		return out;
	} else if (anomtext_suffix(key, "_day")) {
		if (date_parse_ymd(val, &d) == 0)
			return l10n_date(l, d, out, size);
	} else if (anomtext_suffix(key, "_time")) {
		if (date_parse(val, strlen(val), &dp) == NULL) {
			snprintf(out, size, "%s %02d:%02d UTC",
			    l10n_date(l, dp.day, day, sizeof(day)),
			    (int)(dp.secs % 86400 / 3600),
			    (int)(dp.secs % 3600 / 60));
			return out;
		}
	} else if (anomtext_suffix(key, "_money")) {
		/* "MINOR CUR" */
		if ((sp = strchr(val, ' ')) != NULL && strlen(sp + 1) == 3 &&
		    num_parse_int(val, (size_t)(sp - val), INT64_MIN,
		    INT64_MAX, &v) == NULL) {
			memcpy(cur, sp + 1, 4);
			return l10n_money(l, v, cur, out, size);
		}
		/* A claim of unknown value ("-"). */
		val = l10n_get(l, "value.unknown");
	} else if (anomtext_suffix(key, "_basis")) {
		snprintf(tk, sizeof(tk), "claim.basis.%s", val);
		if (l10n_has(l, tk))
			val = l10n_get(l, tk);
	} else if (anomtext_suffix(key, "_claimtype") ||
	    anomtext_suffix(key, "_reporttype")) {
		snprintf(tk, sizeof(tk), "%s.%s", anomtext_suffix(key,
		    "_claimtype") ? "type" : "report", val);
		if (l10n_has(l, tk))
			val = l10n_get(l, tk);
	}
	snprintf(out, size, "%s", val);
	return out;
}

/* The name/value pairs of a fill: figures or one item's, formatted. */
struct anomtext_pairs {
	const char	**p;
	char		**own;
	size_t		  n, cap;
};

static void
anomtext_pair(struct anomtext_pairs *ps, const char *name, char *value)
{
	if (ps->n + 3 > ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 32;
		ps->p = xreallocarray(ps->p, ps->cap, sizeof(*ps->p));
		ps->own = xreallocarray(ps->own, ps->cap, sizeof(*ps->own));
	}
	ps->own[ps->n] = xstrdup(name);
	ps->p[ps->n] = ps->own[ps->n];
	ps->n++;
	ps->own[ps->n] = value;
	ps->p[ps->n] = value;
	ps->n++;
	ps->p[ps->n] = NULL;
}

static void
anomtext_pairs_free(struct anomtext_pairs *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		free(ps->own[i]);
	free(ps->own);
	free(ps->p);
	memset(ps, 0, sizeof(*ps));
}

/*
 * Adds the figures whose key starts with prefix (the prefix cut off),
 * formatted; "item." keys only when a prefix is given.
 */
static void
anomtext_add(struct anomtext_pairs *ps, const struct l10n *l,
    const struct figures *f, const char *prefix)
{
	char v[ANOMTEXT_VALUE_MAX];
	size_t i, pl = strlen(prefix);
	const char *k;

	for (i = 0; i < f->n; i++) {
		if (strncmp(f->key[i], prefix, pl) != 0)
			continue;
		k = f->key[i] + pl;
		if (pl == 0 && strncmp(k, "item.", 5) == 0)
			continue;
		if (pl > 0 && strchr(k, '.') != NULL)
			continue;
		anomtext_value(l, k, f->val[i], v, sizeof(v));
		anomtext_pair(ps, k, xstrdup(v));
	}
}

/* The template "anomaly.KIND.FIELD", its variant when there is one. */
static const char *
anomtext_template(const struct l10n *l, const char *kind, const char *field,
    const struct figures *f)
{
	const char *variant = figures_get(f, "variant");
	char key[128];
	int64_t n = figures_int(f, "n", 2);

	if (variant != NULL) {
		snprintf(key, sizeof(key), "anomaly.%s.%s.%s", kind, field,
		    variant);
		if (l10n_has(l, key))
			return l10n_count(l, key, n);
	}
	snprintf(key, sizeof(key), "anomaly.%s.%s", kind, field);
	return l10n_count(l, key, n);
}

/* Joins every item through template key, each filled with its figures. */
static char *
anomtext_list(const struct l10n *l, const struct figures *f,
    const char *key, const char *sep)
{
	struct anomtext_pairs ps;
	struct buf b;
	char prefix[32];
	size_t i, n = figures_items(f);

	buf_init(&b, 0);
	buf_adds(&b, "");
	if (!l10n_has(l, key))
		return buf_take(&b);
	for (i = 0; i < n; i++) {
		memset(&ps, 0, sizeof(ps));
		snprintf(prefix, sizeof(prefix), "item.%zu.", i);
		anomtext_add(&ps, l, f, prefix);
		if (ps.n == 0)
			continue;
		if (i > 0)
			buf_adds(&b, sep);
		l10n_fill_pairs(&b, l10n_get(l, key), ps.p);
		anomtext_pairs_free(&ps);
	}
	return buf_take(&b);
}

static char *
anomtext_fill(const char *t, const struct anomtext_pairs *ps)
{
	struct buf b;

	buf_init(&b, 0);
	buf_adds(&b, "");
	l10n_fill_pairs(&b, t, ps->p);
	return buf_take(&b);
}

/* Adds the "held" texts of kind (anomaly.KIND.subject.held, .advice.held). */
static void
anomtext_held(const struct l10n *l, const char *kind, int64_t held,
    const struct anomtext_pairs *ps, struct anomtext *out)
{
	struct buf b;
	char key[128], *t;

	snprintf(key, sizeof(key), "anomaly.%s.subject.held", kind);
	if (l10n_has(l, key)) {
		t = anomtext_fill(l10n_count(l, key, held), ps);
		buf_init(&b, 0);
		buf_adds(&b, out->subject);
		buf_adds(&b, t);
		free(t);
		free(out->subject);
		out->subject = buf_take(&b);
	}
	snprintf(key, sizeof(key), "anomaly.%s.advice.held", kind);
	if (l10n_has(l, key)) {
		free(out->advice);
		out->advice = anomtext_fill(l10n_count(l, key, held), ps);
	}
}

void
anomtext_render(const struct l10n *l, const char *kind, const char *figures,
    const char *subject, const char *detail, const char *advice,
    struct anomtext *out)
{
	struct anomtext_pairs ps;
	struct figures f;
	struct buf b;
	char key[128], v[ANOMTEXT_VALUE_MAX];

	memset(out, 0, sizeof(*out));
	snprintf(key, sizeof(key), "anomaly.%s.subject", kind);
	if (figures == NULL || !l10n_has(l, key)) {
		out->subject = xstrdup(subject ? subject : "");
		out->detail = xstrdup(detail ? detail : "");
		out->advice = xstrdup(advice ? advice : "");
		return;
	}
	figures_init(&f);
	(void)figures_decode(&f, figures);
	memset(&ps, 0, sizeof(ps));
	anomtext_add(&ps, l, &f, "");
	snprintf(key, sizeof(key), "anomaly.%s.item", kind);
	anomtext_pair(&ps, "items", anomtext_list(l, &f, key, "; "));
	snprintf(key, sizeof(key), "anomaly.%s.name", kind);
	anomtext_pair(&ps, "names", anomtext_list(l, &f, key, ", "));
	buf_init(&b, 0);
	buf_adds(&b, "");
	if (figures_int(&f, "more_n", 0) > 0)
		l10n_fill(&b, l10n_get(l, "anomaly.more"), "more_n",
		    anomtext_value(l, "more_n", figures_get(&f, "more_n"), v,
		    sizeof(v)), (const char *)NULL);
	anomtext_pair(&ps, "more", buf_take(&b));
	out->subject = anomtext_fill(anomtext_template(l, kind, "subject",
	    &f), &ps);
	out->detail = anomtext_fill(anomtext_template(l, kind, "detail",
	    &f), &ps);
	out->advice = anomtext_fill(anomtext_template(l, kind, "advice",
	    &f), &ps);
	/* Claims held back for missing reports (held_n): the subject says
	 * how many, the advice what a person should check first. */
	if (figures_int(&f, "held_n", 0) > 0)
		anomtext_held(l, kind, figures_int(&f, "held_n", 0), &ps, out);
	anomtext_pairs_free(&ps);
	figures_free(&f);
}

void
anomtext_evidence(const struct l10n *l, const char *key, const char *figures,
    const char *stored, struct buf *out)
{
	static const char *const none[] = { NULL };
	struct anomtext_pairs ps;
	struct figures f;
	char tk[128];

	snprintf(tk, sizeof(tk), "evidence.detail.%s", key);
	if (*key == '\0' || figures == NULL || !l10n_has(l, tk)) {
		buf_adds(out, stored);
		return;
	}
	figures_init(&f);
	(void)figures_decode(&f, figures);
	memset(&ps, 0, sizeof(ps));
	anomtext_add(&ps, l, &f, "");
	l10n_fill_pairs(out, l10n_get(l, tk), ps.p != NULL ? ps.p : none);
	anomtext_pairs_free(&ps);
	figures_free(&f);
}

void
anomtext_free(struct anomtext *t)
{
	free(t->subject);
	free(t->detail);
	free(t->advice);
	memset(t, 0, sizeof(*t));
}
