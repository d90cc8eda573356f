/* A seller's settings: configuration, then store, then defaults. */
#include <stdlib.h>
#include <string.h>

#include "cli/settings.h"
#include "lib/buf.h"
#include "lib/config.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "store/store.h"

/* Sets *field to a copy of v unless it is known already or v is NULL. */
static void
settings_default(char **field, const char *v)
{
	if (*field == NULL && v != NULL && *v != '\0')
		*field = xstrdup(v);
}

/* What the configuration says of its seller cs, every field set. */
static void
settings_configured(const struct config *cf, const struct config_seller *cs,
    struct store_settings *s)
{
	struct buf m;
	size_t i;

	memset(s, 0, sizeof(*s));
	settings_default(&s->name, cs->name);
	settings_default(&s->lang, cs->lang);
	settings_default(&s->lang, cf->lang);
	settings_default(&s->csm, cs->csm);
	settings_default(&s->transport, !cf->file_claims ?
	    SETTINGS_FILING_NONE : cf->claims_transport);
	s->cap = cs->claims_per_night >= 0 ? cs->claims_per_night :
	    cf->claims_per_night;
	buf_init(&m, 0);
	for (i = 0; i < cs->nmarketplaces; i++)
		buf_printf(&m, "%s%s", i ? "," : "", cs->marketplaces[i]);
	settings_default(&s->marketplaces, m.data);
	buf_free(&m);
}

int
cli_settings(const struct config *cf, struct store *st,
    struct store_settings *s)
{
	const struct config_seller *cs;

	cs = cf != NULL ? config_seller_find(cf, store_seller(st)) : NULL;
	if (cs != NULL) {
		settings_configured(cf, cs, s);
		/* Before the defaults: a default is not the seller's. A
		 * reader (report) uses them without keeping them. */
		if (!store_read_only(st) && store_settings_put(st, s) == -1) {
			log_error("%s: cannot keep its settings: %s",
			    store_seller(st), store_errmsg(st));
			store_settings_free(s);
			return -1;
		}
	} else if (store_settings_get(st, s) == -1) {
		log_error("%s: cannot read its settings: %s",
		    store_seller(st), store_errmsg(st));
		return -1;
	}
	if (cf != NULL) {
		settings_default(&s->lang, cf->lang);
		settings_default(&s->transport, !cf->file_claims ?
		    SETTINGS_FILING_NONE : cf->claims_transport);
		if (s->cap < 0)
			s->cap = cf->claims_per_night;
	}
	settings_default(&s->lang, "en");
	settings_default(&s->transport, "outbox");
	if (s->cap < 0)
		s->cap = CONFIG_CLAIMS_PER_NIGHT;
	return 0;
}

int
cli_settings_self_filing(const struct store_settings *s)
{
	return s->cap == 0 || (s->transport != NULL &&
	    strcmp(s->transport, SETTINGS_FILING_NONE) == 0);
}
