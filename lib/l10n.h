/*
 * fbaudit's languages: texts from the catalogues of lib/i18n/ (compiled
 * into the binary by lib/i18n/gen.sh), and the number, money and date
 * formats each language writes. Used by the reports and by the claims'
 * case packets (in lib/ so that claims/ need not include reports/).
 */
#ifndef FBAUDIT_L10N_H
#define FBAUDIT_L10N_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* One language: key, text, key, text, ..., NULL. */
struct l10n_catalogue {
	const char		*lang;
	const char *const	*pairs;
};

/* Generated from lib/i18n/LANG.cat. */
extern const struct l10n_catalogue l10n_catalogues[];
extern const size_t l10n_ncatalogues;

/* A language chosen for one report. */
struct l10n {
	const struct l10n_catalogue	*cat;
	const struct l10n_catalogue	*en;	/* the fallback */
	const char			*lang;
	const char			*decimal, *group;
	int				 group_min;
	int				 zero_singular;
};

/* Sets up language lang ("en", "de", ...). Returns 0, or -1 if unknown. */
int		 l10n_init(struct l10n *l, const char *lang);
/* Whether the language (or English, the fallback) has key. */
int		 l10n_has(const struct l10n *l, const char *key);
/* The text of key (owned by the catalogue); the key itself if missing. */
const char	*l10n_get(const struct l10n *l, const char *key);
/*
 * The text of key for a count n: "key.0" or "key.1" when n is 0 or 1
 * and the catalogue has them (French counts 0 as singular), else "key".
 */
const char	*l10n_count(const struct l10n *l, const char *key, int64_t n);
/* Most name, value pairs one l10n_fill call takes. */
#define L10N_MAX_FILL	16

/*
 * Appends template t to out, each "{name}" replaced by the value that
 * follows name in the NULL-terminated name, value, ... list (at most
 * L10N_MAX_FILL pairs). A value is inserted as it is, never expanded.
 */
void		 l10n_fill(struct buf *out, const char *t, ...);
/* As l10n_fill with the pairs in a NULL-terminated array. */
void		 l10n_fill_pairs(struct buf *out, const char *t,
		    const char *const *pairs);
/* Writes an integer with the language's digit grouping. Returns out. */
char		*l10n_int(const struct l10n *l, int64_t v, char *out,
		    size_t size);
/* Writes minor units of currency as the language writes money. */
char		*l10n_money(const struct l10n *l, int64_t minor,
		    const char *currency, char *out, size_t size);
/* As l10n_money, rounded to whole units (chart axes). */
char		*l10n_money_whole(const struct l10n *l, int64_t minor,
		    const char *currency, char *out, size_t size);
/* Writes a day as the language writes dates. Returns out. */
char		*l10n_date(const struct l10n *l, int32_t day, char *out,
		    size_t size);
/* The short name of month m (1-12), owned by the catalogue. */
const char	*l10n_month(const struct l10n *l, int m);

#endif
