/* Interned ids of the ledger's repeated names (store-internal). */
#ifndef FBAUDIT_INTERN_H
#define FBAUDIT_INTERN_H

#include <stdint.h>

#include "store/store_int.h"

/* The id of a product (FNSKU, MSKU, ASIN), added with title when new. */
int	 intern_product(struct store *st, const char *fnsku, const char *msku,
	    const char *asin, const char *title, int64_t *id);
/* The id of a name in a small table (FC, event type), added when new. */
int	 intern_name(struct store *st, enum store_intern kind,
	    const char *name, int64_t *id);
/* The id of a disposition, compared without case. */
int	 intern_disposition(struct store *st, const char *name, int64_t *id);

#endif
