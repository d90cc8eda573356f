/*
 * An anomaly's words in a page's language: what happened (subject), the
 * figures behind it (detail) and what to tell the seller (advice),
 * rendered from its stored figures (lib/figures.h) with the templates
 * "anomaly.KIND.subject|detail|advice" of the catalogues. An anomaly
 * stored before figures existed keeps the English text it was stored
 * with.
 */
#ifndef FBAUDIT_ANOMTEXT_H
#define FBAUDIT_ANOMTEXT_H

#include <stddef.h>

struct buf;
struct figures;
struct l10n;

/* The rendered texts; each owned by the struct (anomtext_free). */
struct anomtext {
	char	*subject, *detail, *advice;
};

/*
 * Renders an anomaly of kind in l's language from its stored figures;
 * when figures is NULL or the kind has no templates, copies the stored
 * subject, detail and advice (NULL as ""). Free with anomtext_free().
 */
void	 anomtext_render(const struct l10n *l, const char *kind,
	    const char *figures, const char *subject, const char *detail,
	    const char *advice, struct anomtext *out);
/* Frees the texts (a zeroed struct is fine). */
void	 anomtext_free(struct anomtext *t);
/*
 * Appends a claim's evidence detail in l's language to out: the
 * catalogue text "evidence.detail.KEY", each {name} filled with that
 * figure of figures (stored text) formatted as anomtext_value does; or
 * stored, as it is, when key is empty or the language lacks the text (a
 * row stored before figures existed).
 */
void	 anomtext_evidence(const struct l10n *l, const char *key,
	    const char *figures, const char *stored, struct buf *out);
/*
 * Writes one figure's value as the language shows it, by the key's
 * suffix (lib/figures.h). Returns out.
 */
char	*anomtext_value(const struct l10n *l, const char *key,
	    const char *val, char *out, size_t size);

#endif
