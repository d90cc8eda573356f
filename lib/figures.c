/* An anomaly's figures as named values (lib/figures.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/figures.h"
#include "lib/mem.h"
#include "lib/num.h"

void
figures_init(struct figures *f)
{
	memset(f, 0, sizeof(*f));
}

void
figures_free(struct figures *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free(f->key[i]);
		free(f->val[i]);
	}
	free(f->key);
	free(f->val);
	figures_init(f);
}

/* Sets key to val, taking ownership of val. */
static void
figures_put(struct figures *f, const char *key, size_t klen, char *val)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strlen(f->key[i]) == klen &&
		    memcmp(f->key[i], key, klen) == 0) {
			free(f->val[i]);
			f->val[i] = val;
			return;
		}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->key = xreallocarray(f->key, f->cap, sizeof(*f->key));
		f->val = xreallocarray(f->val, f->cap, sizeof(*f->val));
	}
	f->key[f->n] = xstrndup(key, klen);
	f->val[f->n] = val;
	f->n++;
}

/* Sets key (klen bytes) to vprintf-formatted text. */
static void __attribute__((format(printf, 4, 0)))
figures_vput(struct figures *f, const char *key, size_t klen,
    const char *fmt, va_list ap)
{
	figures_put(f, key, klen, xvasprintf(fmt, ap));
}

void
figures_set(struct figures *f, const char *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	figures_vput(f, key, strlen(key), fmt, ap);
	va_end(ap);
}

void
figures_item(struct figures *f, size_t i, const char *name,
    const char *fmt, ...)
{
	struct buf k;
	va_list ap;

	buf_init(&k, 0);
	buf_printf(&k, "item.%zu.%s", i, name);
	va_start(ap, fmt);
	figures_vput(f, k.data, k.len, fmt, ap);
	va_end(ap);
	buf_free(&k);
}

void
figures_merge(struct figures *dst, const struct figures *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		figures_put(dst, src->key[i], strlen(src->key[i]),
		    xstrdup(src->val[i]));
}

const char *
figures_get(const struct figures *f, const char *key)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->key[i], key) == 0)
			return f->val[i];
	return NULL;
}

int64_t
figures_int(const struct figures *f, const char *key, int64_t dflt)
{
	const char *v = figures_get(f, key);
	int64_t n;

	if (v == NULL || num_parse_int(v, strlen(v), INT64_MIN, INT64_MAX,
	    &n) != NULL)
		return dflt;
	return n;
}

size_t
figures_items(const struct figures *f)
{
	size_t i, n = 0;
	char *end;
	unsigned long k;

	for (i = 0; i < f->n; i++) {
		if (strncmp(f->key[i], "item.", 5) != 0)
			continue;
		k = strtoul(f->key[i] + 5, &end, 10);
		if (*end == '.' && k + 1 > n && k < FIGURES_MAX_ITEMS)
			n = k + 1;
	}
	return n;
}

char *
figures_encode(const struct figures *f)
{
	struct buf b;
	const char *p;
	size_t i;

	buf_init(&b, 0);
	buf_adds(&b, "");
	for (i = 0; i < f->n; i++) {
		buf_printf(&b, "%s=", f->key[i]);
		for (p = f->val[i]; *p != '\0'; p++) {
			if (*p == '\n')
				buf_adds(&b, "\\n");
			else if (*p == '\\')
				buf_adds(&b, "\\\\");
			else
				buf_addc(&b, *p);
		}
		buf_addc(&b, '\n');
	}
	return buf_take(&b);
}

int
figures_decode(struct figures *f, const char *s)
{
	const char *line, *eq, *end, *p;
	struct buf v;
	int rc = 0;

	for (line = s; *line != '\0'; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		if (end == line)
			continue;
		eq = memchr(line, '=', (size_t)(end - line));
		if (eq == NULL || eq == line) {
			rc = -1;
			continue;
		}
		buf_init(&v, 0);
		buf_adds(&v, "");
		for (p = eq + 1; p < end; p++) {
			if (*p == '\\' && p + 1 < end) {
				p++;
				buf_addc(&v, *p == 'n' ? '\n' : *p);
			} else
				buf_addc(&v, *p);
		}
		figures_put(f, line, (size_t)(eq - line), buf_take(&v));
	}
	return rc;
}
