/*
 * The figures of an anomaly or of a claim's evidence row: named values
 * (counts, days, money, report and claim types) stored instead of
 * sentences, so every page renders them in its own language
 * (lib/anomtext.h). A key's suffix says how its value is shown: _n an
 * integer, _x a decimal, _day YYYY-MM-DD, _time YYYY-MM-DDTHH:MM:SSZ,
 * _money "MINOR CUR", _claimtype a claim type, _reporttype an SP-API
 * report type, _basis a claim's value basis; anything else is shown as
 * it is. Items of a list are "item.I.NAME" (I from 0). Stored as text,
 * one "key=value" line each, "\n" and "\\" escaped in values.
 */
#ifndef FBAUDIT_FIGURES_H
#define FBAUDIT_FIGURES_H

#include <stddef.h>
#include <stdint.h>

/* Most items one list of figures keeps: enough for any page. */
#define FIGURES_MAX_ITEMS	20

/* Figures in the order they were set. Keys and values owned by it. */
struct figures {
	char	**key, **val;
	size_t	  n, cap;
};

/* Starts an empty set (nothing to free until something is set). */
void	 figures_init(struct figures *f);
/* Frees every key and value; f may be initialised again. */
void	 figures_free(struct figures *f);
/* Sets key (replacing it) to printf-formatted text. */
void	 figures_set(struct figures *f, const char *key, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Sets item i's name to printf-formatted text: "item.I.NAME". */
void	 figures_item(struct figures *f, size_t i, const char *name,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Sets every figure of src in dst (copies; src unchanged). */
void	 figures_merge(struct figures *dst, const struct figures *src);
/* The value of key (owned by f), or NULL. */
const char *figures_get(const struct figures *f, const char *key);
/* The integer value of key, or dflt when absent or not an integer. */
int64_t	 figures_int(const struct figures *f, const char *key, int64_t dflt);
/* How many items ("item.I.*") the figures hold. */
size_t	 figures_items(const struct figures *f);
/* The stored text of f; the caller frees it. */
char	*figures_encode(const struct figures *f);
/*
 * Reads stored text into f (initialised, may hold figures already).
 * Returns 0, or -1 on a line that is not key=value (f keeps the rest).
 */
int	 figures_decode(struct figures *f, const char *s);

#endif
