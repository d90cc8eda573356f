#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/mem.h"
#include "lib/strmap.h"

struct strmap_slot {
	char	*key;		/* NULL: empty */
	size_t	 len;
	uint64_t hash;
	int64_t	 val;
};

struct strmap {
	struct strmap_slot	*slots;
	size_t			 cap;	/* a power of two */
	size_t			 count;
};

/*
 * Eight bytes at a time, mixed by multiplication: a ledger row looks up
 * four keys (product, centre, event, disposition), so this is hot.
 */
static uint64_t
strmap_hash(const char *s, size_t n)
{
	const uint64_t k = UINT64_C(0x9e3779b97f4a7c15);
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	return h ^ (h >> 32);
}

struct strmap *
strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

void
strmap_clear(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++) {
		free(m->slots[i].key);
		m->slots[i].key = NULL;
	}
	m->count = 0;
}

void
strmap_free(struct strmap *m)
{
	if (m == NULL)
		return;
	strmap_clear(m);
	free(m->slots);
	free(m);
}

static struct strmap_slot *
strmap_find(const struct strmap *m, const char *key, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);
	struct strmap_slot *s;

	for (;;) {
		s = &m->slots[i];
		if (s->key == NULL || (s->hash == h && s->len == n &&
		    memcmp(s->key, key, n) == 0))
			return s;
		i = (i + 1) & (m->cap - 1);
	}
}

int
strmap_get(const struct strmap *m, const char *key, size_t n, int64_t *val)
{
	struct strmap_slot *s = strmap_find(m, key, n, strmap_hash(key, n));

	if (s->key == NULL)
		return 0;
	*val = s->val;
	return 1;
}

static void
strmap_grow(struct strmap *m)
{
	struct strmap_slot *old = m->slots, *s;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++) {
		if (old[i].key == NULL)
			continue;
		s = strmap_find(m, old[i].key, old[i].len, old[i].hash);
		*s = old[i];
	}
	free(old);
}

void
strmap_put(struct strmap *m, const char *key, size_t n, int64_t val)
{
	uint64_t h = strmap_hash(key, n);
	struct strmap_slot *s;

	if ((m->count + 1) * 4 > m->cap * 3)
		strmap_grow(m);
	s = strmap_find(m, key, n, h);
	if (s->key == NULL) {
		s->key = xstrndup(key, n);
		s->len = n;
		s->hash = h;
		m->count++;
	}
	s->val = val;
}

size_t
strmap_count(const struct strmap *m)
{
	return m->count;
}
