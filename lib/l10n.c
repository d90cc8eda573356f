/* fbaudit's languages (lib/l10n.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/date.h"
#include "lib/num.h"
#include "lib/l10n.h"

static const struct l10n_catalogue *
l10n_find(const char *lang)
{
	size_t i;

	for (i = 0; i < l10n_ncatalogues; i++)
		if (strcmp(l10n_catalogues[i].lang, lang) == 0)
			return &l10n_catalogues[i];
	return NULL;
}

static const char *
l10n_lookup(const struct l10n_catalogue *c, const char *key)
{
	size_t i;

	for (i = 0; c->pairs[i] != NULL; i += 2)
		if (strcmp(c->pairs[i], key) == 0)
			return c->pairs[i + 1];
	return NULL;
}

int
l10n_init(struct l10n *l, const char *lang)
{
	if ((l->cat = l10n_find(lang)) == NULL ||
	    (l->en = l10n_find("en")) == NULL)
		return -1;
	l->lang = l->cat->lang;
	l->decimal = l10n_get(l, "fmt.decimal");
	l->group = l10n_get(l, "fmt.group");
	/* Spanish groups only from five digits: 1234,56 but 12.345,67. */
	l->group_min = strcmp(l10n_get(l, "fmt.group_min"), "2") == 0 ?
	    2 : 1;
	l->zero_singular = strcmp(l10n_get(l, "fmt.zero_singular"),
	    "yes") == 0;
	return 0;
}

int
l10n_has(const struct l10n *l, const char *key)
{
	return l10n_lookup(l->cat, key) != NULL ||
	    l10n_lookup(l->en, key) != NULL;
}

const char *
l10n_get(const struct l10n *l, const char *key)
{
	const char *t;

	if ((t = l10n_lookup(l->cat, key)) == NULL &&
	    (t = l10n_lookup(l->en, key)) == NULL)
		t = key;
	return t;
}

const char *
l10n_count(const struct l10n *l, const char *key, int64_t n)
{
	char k[128];
	const char *t;

	/* "last day", "today": zero often has words of its own. */
	if (n == 0) {
		snprintf(k, sizeof(k), "%s.0", key);
		if ((t = l10n_lookup(l->cat, k)) != NULL)
			return t;
	}
	if (n == 1 || (n == 0 && l->zero_singular)) {
		snprintf(k, sizeof(k), "%s.1", key);
		if ((t = l10n_lookup(l->cat, k)) != NULL)
			return t;
	}
	return l10n_get(l, key);
}

void
l10n_fill_pairs(struct buf *out, const char *t, const char *const *pairs)
{
	const char *p, *end, *value;
	size_t n, i;

	for (p = t; *p != '\0'; p = end) {
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			end = p + 1;
			while (*end != '\0' && *end != '{')
				end++;
			buf_add(out, p, (size_t)(end - p));
			continue;
		}
		n = (size_t)(end - p - 1);
		value = NULL;
		for (i = 0; pairs[i] != NULL; i += 2)
			if (strlen(pairs[i]) == n &&
			    memcmp(pairs[i], p + 1, n) == 0) {
				value = pairs[i + 1];
				break;
			}
		/* A value is inserted as it is: never expanded again. */
		if (value != NULL)
			buf_adds(out, value);
		else
			buf_add(out, p, n + 2);
		end++;
	}
}

void
l10n_fill(struct buf *out, const char *t, ...)
{
	const char *pairs[2 * L10N_MAX_FILL + 1];
	const char *name;
	va_list ap;
	size_t n = 0;

	va_start(ap, t);
	while ((name = va_arg(ap, const char *)) != NULL &&
	    n < 2 * L10N_MAX_FILL) {
		pairs[n++] = name;
		pairs[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	pairs[n] = NULL;
	l10n_fill_pairs(out, t, pairs);
}

/* Writes the digits of v (non-negative) grouped by three. */
static void
l10n_digits(const struct l10n *l, uint64_t v, struct buf *b)
{
	char d[24];
	size_t n, i;

	snprintf(d, sizeof(d), "%" PRIu64, v);
	n = strlen(d);
	for (i = 0; i < n; i++) {
		buf_addc(b, d[i]);
		if ((n - i - 1) % 3 == 0 && i + 1 < n &&
		    n > (size_t)(l->group_min == 2 ? 4 : 3))
			buf_adds(b, l->group);
	}
}

/* Copies b into out (size bytes, NUL-terminated), frees b. */
static char *
l10n_take(struct buf *b, char *out, size_t size)
{
	snprintf(out, size, "%s", b->data ? b->data : "");
	buf_free(b);
	return out;
}

char *
l10n_int(const struct l10n *l, int64_t v, char *out, size_t size)
{
	struct buf b;

	buf_init(&b, 0);
	if (v < 0)
		buf_addc(&b, '-');
	l10n_digits(l, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, &b);
	return l10n_take(&b, out, size);
}

/* The symbol people read for a currency; else its ISO code. */
static const char *
l10n_symbol(const char *currency)
{
	static const char *const symbols[][2] = {
		{ "USD", "$" }, { "EUR", "\xe2\x82\xac" },
		{ "GBP", "\xc2\xa3" }, { "JPY", "\xc2\xa5" },
		{ "CAD", "CA$" }, { "AUD", "A$" }, { "MXN", "MX$" },
		{ "INR", "\xe2\x82\xb9" }, { "BRL", "R$" },
	};
	size_t i;

	for (i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++)
		if (strcmp(symbols[i][0], currency) == 0)
			return symbols[i][1];
	return currency;
}

/* Money with its minor digits, or rounded to whole units (whole). */
static char *
l10n_money_fmt(const struct l10n *l, int64_t minor, const char *currency,
    int whole, char *out, size_t size)
{
	struct buf num, res;
	uint64_t a, scale = 1;
	int e, i;
	char frac[24];

	if (currency == NULL || *currency == '\0')
		currency = "USD";
	e = num_currency_exponent(currency);
	for (i = 0; i < e; i++)
		scale *= 10;
	a = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	if (whole)
		a += scale / 2;
	buf_init(&num, 0);
	l10n_digits(l, a / scale, &num);
	if (e > 0 && !whole) {
		/* num_currency_exponent() is 0 to 3: the width fits. */
		snprintf(frac, sizeof(frac), "%0*" PRIu64, e > 3 ? 3 : e,
		    a % scale);
		buf_adds(&num, l->decimal);
		buf_adds(&num, frac);
	}
	buf_init(&res, 0);
	if (minor < 0)
		buf_addc(&res, '-');
	l10n_fill(&res, l10n_get(l, "fmt.money"), "n", num.data,
	    "sym", l10n_symbol(currency), (const char *)NULL);
	buf_free(&num);
	return l10n_take(&res, out, size);
}

char *
l10n_money(const struct l10n *l, int64_t minor, const char *currency,
    char *out, size_t size)
{
	return l10n_money_fmt(l, minor, currency, 0, out, size);
}

char *
l10n_money_whole(const struct l10n *l, int64_t minor, const char *currency,
    char *out, size_t size)
{
	return l10n_money_fmt(l, minor, currency, 1, out, size);
}

char *
l10n_date(const struct l10n *l, int32_t day, char *out, size_t size)
{
	char y[8], m[4], d[4], dd[4], mm[4];
	struct buf b;
	int yy, mo, da;

	date_to_ymd(day, &yy, &mo, &da);
	snprintf(y, sizeof(y), "%04d", yy);
	snprintf(m, sizeof(m), "%d", mo);
	snprintf(d, sizeof(d), "%d", da);
	snprintf(mm, sizeof(mm), "%02d", mo);
	snprintf(dd, sizeof(dd), "%02d", da);
	buf_init(&b, 0);
	l10n_fill(&b, l10n_get(l, "fmt.date"), "y", y, "m", m, "d", d,
	    "mm", mm, "dd", dd, "mon", l10n_month(l, mo), (const char *)NULL);
	return l10n_take(&b, out, size);
}

const char *
l10n_month(const struct l10n *l, int m)
{
	static const char *const keys[] = { "month.1", "month.2",
	    "month.3", "month.4", "month.5", "month.6", "month.7",
	    "month.8", "month.9", "month.10", "month.11", "month.12" };

	if (m < 1 || m > 12)
		return "?";
	return l10n_get(l, keys[m - 1]);
}
