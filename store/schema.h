/* The store's migrations (store-internal). */
#ifndef FBAUDIT_SCHEMA_H
#define FBAUDIT_SCHEMA_H

#include <stddef.h>

/* How many migrations there are: the newest user_version. */
size_t		 schema_count(void);
/* The SQL of migration i (0-based; brings user_version i to i + 1). */
const char	*schema_migration(size_t i);

#endif
