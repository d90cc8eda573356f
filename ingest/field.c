#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ingest/ingest.h"
#include "ingest/report.h"
#include "lib/num.h"
#include "store/store.h"

const char *
ingest_column(const struct ingest *ig, int c)
{
	return ig->kind->columns[c].name;
}

const char *
field(const struct ingest *ig, int c)
{
	int i = ig->col[c];

	if (i < 0 || (size_t)i >= ig->row.n)
		return "";
	return ig->row.cell[i];
}

int
ingest_bad(struct ingest *ig, const char *column, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* JSON errors name a path, not a line: "file: path: reason". */
	if (ig->line > 0)
		n = snprintf(ig->err, sizeof(ig->err), "%s:%lld: %s%s",
		    ig->name, (long long)ig->line, column ? column : "",
		    column ? ": " : "");
	else
		n = snprintf(ig->err, sizeof(ig->err), "%s: %s%s", ig->name,
		    column ? column : "", column ? ": " : "");
	if (n < 0 || (size_t)n >= sizeof(ig->err))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(ig->err + n, sizeof(ig->err) - (size_t)n, fmt, ap);
	va_end(ap);
	ig->err_column = column;
	return -1;
}

int
ingest_store_failed(struct ingest *ig)
{
	snprintf(ig->err, sizeof(ig->err), "%s:%lld: store: %s", ig->name,
	    (long long)ig->line, store_errmsg(ig->st));
	ig->err_column = NULL;
	return INGEST_FATAL;
}

/*
 * Quotes a cell for an error message: at most 40 bytes, control bytes as
 * \xNN, so hostile text cannot forge log lines or terminal escapes.
 */
static const char *
field_quote(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	out[o++] = '"';
	for (i = 0; s[i] != '\0' && i < 40 && o + 6 < size; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f || ch == '"' || ch == '\\') {
			out[o++] = '\\';
			out[o++] = 'x';
			out[o++] = hex[ch >> 4];
			out[o++] = hex[ch & 15];
		} else
			out[o++] = (char)ch;
	}
	if (s[i] != '\0' && o + 4 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o++] = '"';
	out[o] = '\0';
	return out;
}

/* Records a bad value of column c with the reason. Returns -1. */
static int
field_bad(struct ingest *ig, int c, const char *reason)
{
	char q[200];

	return ingest_bad(ig, ingest_column(ig, c), "%s %s",
	    field_quote(field(ig, c), q, sizeof(q)), reason);
}

int
field_required(struct ingest *ig, int c)
{
	if (*field(ig, c) == '\0')
		return ingest_bad(ig, ingest_column(ig, c), "is empty");
	return 0;
}

int
field_int_opt(struct ingest *ig, int c, int64_t min, int64_t max, int *has,
    int64_t *out)
{
	const char *s = field(ig, c), *why;

	*has = 0;
	*out = 0;
	if (*s == '\0')
		return 0;
	if ((why = num_parse_int(s, strlen(s), min, max, out)) != NULL)
		return field_bad(ig, c, why);
	*has = 1;
	return 0;
}

int
field_int(struct ingest *ig, int c, int64_t min, int64_t max, int64_t *out)
{
	int has;

	if (field_required(ig, c) == -1)
		return -1;
	return field_int_opt(ig, c, min, max, &has, out);
}

int
field_money_opt(struct ingest *ig, int c, const char *currency, int *has,
    int64_t *out)
{
	const char *s = field(ig, c), *why;

	*has = 0;
	*out = 0;
	if (*s == '\0')
		return 0;
	why = num_parse_money(s, strlen(s), num_currency_exponent(currency),
	    out);
	if (why != NULL)
		return field_bad(ig, c, why);
	*has = 1;
	return 0;
}

int
field_money(struct ingest *ig, int c, const char *currency, int64_t *out)
{
	int has;

	if (field_required(ig, c) == -1)
		return -1;
	return field_money_opt(ig, c, currency, &has, out);
}

int
field_date_opt(struct ingest *ig, int c, int *has, struct date_parsed *out)
{
	const char *s = field(ig, c), *why;

	*has = 0;
	memset(out, 0, sizeof(*out));
	if (*s == '\0')
		return 0;
	if ((why = date_parse(s, strlen(s), out)) != NULL)
		return field_bad(ig, c, why);
	*has = 1;
	return 0;
}

int
field_date(struct ingest *ig, int c, struct date_parsed *out)
{
	int has;

	if (field_required(ig, c) == -1)
		return -1;
	return field_date_opt(ig, c, &has, out);
}

int
field_currency(struct ingest *ig, int c)
{
	const char *s = field(ig, c);

	if (field_required(ig, c) == -1)
		return -1;
	if (strlen(s) != 3 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' ||
	    s[1] > 'Z' || s[2] < 'A' || s[2] > 'Z')
		return field_bad(ig, c, "is not an ISO 4217 currency code");
	return 0;
}

void
ingest_span(struct ingest *ig, int32_t day)
{
	if (ig->lo > ig->hi) {
		ig->lo = ig->hi = day;
		return;
	}
	if (day < ig->lo)
		ig->lo = day;
	if (day > ig->hi)
		ig->hi = day;
}
