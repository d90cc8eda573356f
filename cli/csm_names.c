#include <stdlib.h>
#include <string.h>

#include "cli/csm_names.h"
#include "lib/config.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "store/settings.h"
#include "store/store.h"

/* Appends a copy of name to *names unless it is there already. */
static void
csm_names_add(char ***names, size_t *n, const char *name)
{
	size_t i;

	if (name == NULL || !sellerid_valid(name))
		return;
	for (i = 0; i < *n; i++)
		if (strcmp((*names)[i], name) == 0)
			return;
	*names = xreallocarray(*names, *n + 1, sizeof(**names));
	(*names)[(*n)++] = xstrdup(name);
}

char **
cli_csm_names(const struct config *cf, const char *datadir,
    char *const *ids, size_t n, size_t *count)
{
	struct store_settings kept;
	struct store *st;
	char **names = NULL, err[256];
	size_t i;

	*count = 0;
	for (i = 0; cf != NULL && i < cf->ncsms; i++)
		csm_names_add(&names, count, cf->csms[i].name);
	for (i = 0; cf != NULL && i < cf->nsellers; i++)
		csm_names_add(&names, count, cf->sellers[i].csm);
	for (i = 0; i < n; i++) {
		if (cf != NULL && config_seller_find(cf, ids[i]) != NULL)
			continue;
		/* Unreadable: the CSM page says so; it names no CSM here. */
		if ((st = store_open(datadir, ids[i], STORE_OPEN_READ, err,
		    sizeof(err))) == NULL)
			continue;
		if (store_settings_get(st, &kept) == 0)
			csm_names_add(&names, count, kept.csm);
		store_settings_free(&kept);
		store_close(st);
	}
	return names;
}
