/*
 * A finding: what a detector found for one (type, reference, FNSKU): the
 * units the evidence shows, the units still unmatched, and the rows behind
 * both. The engine turns findings into claims.
 */
#ifndef FBAUDIT_FINDING_H
#define FBAUDIT_FINDING_H

#include <stddef.h>
#include <stdint.h>

struct figures;

/* What matched a finding's last units. */
enum finding_cancel {
	FINDING_OPEN,		/* nothing yet */
	FINDING_FOUND,		/* found or returned: resolved */
	FINDING_REIMBURSED	/* paid by Amazon: auto_reimbursed */
};

struct finding_evidence {
	const char	*role;		/* static: evidence, cancelled, ... */
	const char	*source;	/* static: the report table */
	char		*file;
	int64_t		 line;
	int32_t		 day;
	int64_t		 units;
	char		*detail;	/* English */
	const char	*detail_key;	/* static: evidence.detail.KEY */
	char		*figures;	/* the detail's, stored text */
};

struct finding {
	const char		*type;		/* static claim type */
	char			*reference, *fnsku;
	char			*sku, *msku, *asin, *title, *country, *fc;
	int32_t			 anchor;	/* day the window counts from */
	int64_t			 units;		/* shown by the evidence */
	int64_t			 open;		/* still unmatched */
	enum finding_cancel	 cancel;
	/* Set by detectors that value the claim themselves (underpaid). */
	int			 has_value;
	int64_t			 unit_value;
	char			 currency[4];
	const char		*basis;		/* static */
	/* Customer-return claims: valued by the order (audit_value_order). */
	int			 after_order;
	/* The policy rows' kind ("" main; audit/policy.h POLICY_KIND_*). */
	const char		*kind;		/* static */
	/* Set by detectors that window the claim themselves (removals). */
	int			 has_window;
	int32_t			 opens, closes;
	const char		*rule, *rule_source;	/* static */
	struct finding_evidence	*ev;
	size_t			 nev, cap;
};

/* A new finding; strings are copied. Never NULL; free with finding_free. */
struct finding	*finding_new(const char *type, const char *reference,
		    const char *fnsku, int32_t anchor, int64_t units);
/* Frees a finding and what it owns (NULL is fine). */
void		 finding_free(struct finding *f);
/* Sets the product and place fields (copied; NULL leaves a field). */
void		 finding_describe(struct finding *f, const char *sku,
		    const char *msku, const char *asin, const char *title,
		    const char *country, const char *fc);
/*
 * Appends a row of evidence. Its detail is the catalogue text
 * "evidence.detail.KEY" (lib/i18n, static key) filled from fig (lib/
 * figures.h; NULL: none), kept as figures so a packet says it in its own
 * language, and in English. fig is emptied (freed) by the call.
 */
void		 finding_add(struct finding *f, const char *role,
		    const char *source, const char *file, int64_t line,
		    int32_t day, int64_t units, const char *key,
		    struct figures *fig);
/* Takes up to units off f->open, as matched by kind. Returns units taken. */
int64_t		 finding_cancel(struct finding *f, int64_t units,
		    enum finding_cancel kind);

#endif
