/*
 * The audit engine's state, shared by its three files: audit/audit.c runs
 * the audit (detectors, then claims, in one transaction), audit/claim.c
 * decides each claim's life, audit/summary.c counts the result.
 */
#ifndef FBAUDIT_ENGINE_H
#define FBAUDIT_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "lib/vocab.h"

struct buf;
struct claim_row;
struct strmap;

/* A claim already in the store. */
struct audit_known {
	char			*id;
	enum claim_status	 status;
	int64_t	 created;	/* created_at */
	char	*hold;		/* why it waited, "" when it did not */
	int	 seen;		/* a finding matched it this run */
	int	 withdrawn;	/* open, but no finding any more */
};

struct audit_engine {
	struct audit		 a;
	struct audit_known	*known;
	size_t			 nknown, capknown;
	struct strmap		*known_by_id;
	/* Claims keyed by SKU (key_by_sku), by "type \t reference \t SKU":
	 * one made before the key changed keeps its id (issue 15 §1). */
	struct strmap		*known_by_key;
	struct audit_summary	*sum;
};

/* The detector of a claim type, or NULL (static storage). */
const struct detector	*audit_detector(const char *type);
/* "type \t reference \t sku" into b (reset first). */
void		 audit_key(struct buf *b, const char *type,
		    const char *reference, const char *sku);

/* Writes one finding as a claim (audit/claim.c). Returns 0 or -1. */
int		 audit_claim(struct audit_engine *e, const char *seller,
		    struct finding *f);
/*
 * A store_claims_scan callback: marks the open claims no finding
 * produced this run (known[].withdrawn) and counts the unseen ones.
 * Returns 0.
 */
int		 audit_withdrawn(void *ctx, const struct claim_row *c);
/* Resolves claim id, withdrawn from status. Returns 0 or -1. */
int		 audit_withdraw(struct audit_engine *e, const char *id,
		    enum claim_status status);

/* Counts claim c into the summary (audit/summary.c). */
void		 audit_count(struct audit_engine *e, const struct claim_row *c);

#endif
