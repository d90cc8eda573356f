#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "reports/csv.h"

void
csv_init(struct csv *c, FILE *fp)
{
	c->fp = fp;
	c->col = 0;
	c->failed = 0;
}

static void
csv_put(struct csv *c, const char *s, size_t n)
{
	if (!c->failed && n > 0 && fwrite(s, 1, n, c->fp) != n)
		c->failed = 1;
}

static void
csv_sep(struct csv *c)
{
	if (c->col++ > 0)
		csv_put(c, ",", 1);
}

/* Writes s quoted if it holds a comma, quote, CR or LF (RFC 4180). */
static void
csv_raw(struct csv *c, const char *s, int guard)
{
	size_t n = strlen(s), i, run;

	csv_sep(c);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (guard && n > 0 && strchr("=+-@\t\r", s[0]) != NULL)
			csv_put(c, "'", 1);
		csv_put(c, s, n);
		return;
	}
	csv_put(c, "\"", 1);
	if (guard && strchr("=+-@\t\r", s[0]) != NULL)
		csv_put(c, "'", 1);
	for (i = 0; i < n; i = run + 1) {
		for (run = i; run < n && s[run] != '"'; run++)
			;
		csv_put(c, s + i, run - i);
		if (run < n)
			csv_put(c, "\"\"", 2);
	}
	csv_put(c, "\"", 1);
}

void
csv_cell(struct csv *c, const char *s)
{
	csv_raw(c, s ? s : "", 1);
}

void
csv_number(struct csv *c, const char *s)
{
	csv_raw(c, s ? s : "", 0);
}

void
csv_int(struct csv *c, int64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "%" PRId64, v);
	csv_raw(c, b, 0);
}

void
csv_row_end(struct csv *c)
{
	csv_put(c, "\r\n", 2);
	c->col = 0;
}

int
csv_finish(struct csv *c)
{
	if (!c->failed && fflush(c->fp) == EOF)
		c->failed = 1;
	return c->failed ? -1 : 0;
}
