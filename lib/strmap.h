/*
 * A string to int64 hash map (open addressing, FNV-1a), for interning
 * the few thousand products and fulfilment centres a ledger repeats.
 */
#ifndef FBAUDIT_STRMAP_H
#define FBAUDIT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap;

/* An empty map. Never NULL; free with strmap_free(). */
struct strmap	*strmap_new(void);
/* Frees the map and its copies of the keys (NULL is fine). */
void		 strmap_free(struct strmap *m);
/* Empties the map. */
void		 strmap_clear(struct strmap *m);
/* Looks up n bytes of key: 1 and *val when present, else 0. */
int		 strmap_get(const struct strmap *m, const char *key, size_t n,
		    int64_t *val);
/* Sets key (copied) to val, replacing any previous value. */
void		 strmap_put(struct strmap *m, const char *key, size_t n,
		    int64_t val);
/* How many keys the map holds. */
size_t		 strmap_count(const struct strmap *m);

#endif
