#include <stdlib.h>
#include <string.h>

#include "audit/timeline.h"
#include "lib/figures.h"
#include "lib/mem.h"

/* One match, remembered so a reversal can undo it. */
struct timeline_match {
	const char	*by_id;
	struct finding	*f;
	int64_t		 units;
};

void
timeline_reset(struct timeline *t)
{
	t->n = 0;
}

void
timeline_free(struct timeline *t)
{
	free(t->ev);
	memset(t, 0, sizeof(*t));
}

void
timeline_add(struct timeline *t, const struct timeline_event *e)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->ev = xreallocarray(t->ev, t->cap, sizeof(*t->ev));
	}
	t->ev[t->n++] = *e;
}

static int
timeline_cmp(const void *a, const void *b)
{
	const struct timeline_event *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The figures of an event's evidence detail, in fg (finding_add's). */
static struct figures *
timeline_figures(const struct timeline_event *e, struct figures *fg)
{
	figures_init(fg);
	if (e->reason != NULL)
		figures_set(fg, "reason", "%s", e->reason);
	return fg;
}

/* Matches units against the oldest open findings. */
static void
timeline_cancel(struct finding **queue, size_t nq,
    struct timeline_match **m, size_t *nm, size_t *cm,
    const struct timeline_event *e)
{
	struct figures fg;
	int64_t left = e->units, took;
	size_t i;

	for (i = 0; i < nq && left > 0; i++) {
		took = finding_cancel(queue[i], left, e->cancel);
		if (took == 0)
			continue;
		left -= took;
		finding_add(queue[i], "cancelled", e->source, e->file,
		    e->line, e->day, took, e->detail_key,
		    timeline_figures(e, &fg));
		if (e->by_id == NULL)
			continue;
		if (*nm == *cm) {
			*cm = *cm ? *cm * 2 : 16;
			*m = xreallocarray(*m, *cm, sizeof(**m));
		}
		(*m)[(*nm)++] = (struct timeline_match){ e->by_id, queue[i],
		    took };
	}
}

/* Re-opens what by_id matched, the most recent match first. */
static void
timeline_reverse(struct timeline_match *m, size_t nm,
    const struct timeline_event *e)
{
	struct figures fg;
	int64_t left = e->units, back;
	size_t i;

	for (i = nm; i-- > 0 && left > 0; ) {
		if (m[i].units == 0 || strcmp(m[i].by_id, e->by_id) != 0)
			continue;
		back = m[i].units < left ? m[i].units : left;
		m[i].units -= back;
		left -= back;
		m[i].f->open += back;
		m[i].f->cancel = FINDING_OPEN;
		finding_add(m[i].f, "reopened", e->source, e->file, e->line,
		    e->day, back, e->detail_key, timeline_figures(e, &fg));
	}
}

void
timeline_run(struct timeline *t)
{
	struct finding **queue = NULL;
	struct timeline_match *m = NULL;
	size_t i, nq = 0, nm = 0, cm = 0;

	if (t->n > 1)		/* qsort's base may not be NULL */
		qsort(t->ev, t->n, sizeof(*t->ev), timeline_cmp);
	queue = xcalloc(t->n ? t->n : 1, sizeof(*queue));
	for (i = 0; i < t->n; i++) {
		switch (t->ev[i].kind) {
		case TIMELINE_CLAIM:
			/* In day order, so the queue is oldest first. */
			queue[nq++] = t->ev[i].finding;
			break;
		case TIMELINE_CANCEL:
			timeline_cancel(queue, nq, &m, &nm, &cm, &t->ev[i]);
			break;
		case TIMELINE_REVERSE:
			timeline_reverse(m, nm, &t->ev[i]);
			break;
		}
	}
	free(queue);
	free(m);
}
