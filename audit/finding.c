#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "audit/finding.h"
#include "lib/anomtext.h"
#include "lib/buf.h"
#include "lib/figures.h"
#include "lib/l10n.h"
#include "lib/mem.h"

/* English, for every evidence row's stored detail: set up once. */
static struct l10n finding_en;
static pthread_once_t finding_en_once = PTHREAD_ONCE_INIT;

static void
finding_en_init(void)
{
	(void)l10n_init(&finding_en, "en");
}

struct finding *
finding_new(const char *type, const char *reference, const char *fnsku,
    int32_t anchor, int64_t units)
{
	struct finding *f = xcalloc(1, sizeof(*f));

	f->type = type;
	f->kind = "";
	f->reference = xstrdup(reference);
	f->fnsku = xstrdup(fnsku);
	f->anchor = anchor;
	f->units = units;
	f->open = units;
	return f;
}

void
finding_free(struct finding *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nev; i++) {
		free(f->ev[i].file);
		free(f->ev[i].detail);
		free(f->ev[i].figures);
	}
	free(f->ev);
	free(f->reference);
	free(f->fnsku);
	free(f->sku);
	free(f->msku);
	free(f->asin);
	free(f->title);
	free(f->country);
	free(f->fc);
	free(f);
}

static void
finding_set(char **dst, const char *src)
{
	if (src == NULL)
		return;
	free(*dst);
	*dst = xstrdup(src);
}

void
finding_describe(struct finding *f, const char *sku, const char *msku,
    const char *asin, const char *title, const char *country, const char *fc)
{
	finding_set(&f->sku, sku);
	finding_set(&f->msku, msku);
	finding_set(&f->asin, asin);
	finding_set(&f->title, title);
	finding_set(&f->country, country);
	finding_set(&f->fc, fc);
}

void
finding_add(struct finding *f, const char *role, const char *source,
    const char *file, int64_t line, int32_t day, int64_t units,
    const char *key, struct figures *fig)
{
	struct finding_evidence *e;
	struct buf b;

	if (f->nev == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4;
		f->ev = xreallocarray(f->ev, f->cap, sizeof(*f->ev));
	}
	e = &f->ev[f->nev++];
	e->role = role;
	e->source = source;
	e->file = xstrdup(file ? file : "");
	e->line = line;
	e->day = day;
	e->units = units;
	e->detail_key = key;
	e->figures = fig != NULL ? figures_encode(fig) : xstrdup("");
	pthread_once(&finding_en_once, finding_en_init);
	buf_init(&b, 0);
	buf_adds(&b, "");
	/* A key missing from the catalogue (a bug t_audit shows) leaves
	 * the key as the detail rather than lose the row. */
	anomtext_evidence(&finding_en, key, e->figures, key, &b);
	e->detail = buf_take(&b);
	if (fig != NULL)
		figures_free(fig);
}

int64_t
finding_cancel(struct finding *f, int64_t units, enum finding_cancel kind)
{
	int64_t take = units < f->open ? units : f->open;

	if (take <= 0)
		return 0;
	f->open -= take;
	f->cancel = kind;
	return take;
}
