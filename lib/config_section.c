/*
 * The configuration's sections: [fbaudit] once, [seller ID] and
 * [csm NAME] once per name, each started when inih passes its first key;
 * and a seller section checked as a whole once the file is read, with
 * its secrets and its endpoints.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/config.h"
#include "lib/config_int.h"
#include "lib/mem.h"
#include "lib/sellerid.h"

/* Starts a [csm NAME] section. */
static void
config_csm_section(struct config_parse *p, const char *name, int line)
{
	struct config *cf = p->cf;
	size_t i;

	while (*name == ' ')
		name++;
	if (!sellerid_valid(name)) {
		config_error(p, line, NULL, "[csm %s]: a CSM name is 1-64 of "
		    "A-Z a-z 0-9 _ -", name);
		p->skip_section = 1;
		return;
	}
	for (i = 0; i < cf->ncsms; i++)
		if (strcmp(cf->csms[i].name, name) == 0) {
			config_error(p, line, NULL, "[csm %s] appears twice "
			    "(first on line %d)", name, cf->csms[i].line);
			p->skip_section = 1;
			return;
		}
	cf->csms = xreallocarray(cf->csms, cf->ncsms + 1, sizeof(*cf->csms));
	p->csm_p = xreallocarray(p->csm_p, cf->ncsms + 1, sizeof(*p->csm_p));
	memset(&cf->csms[cf->ncsms], 0, sizeof(*cf->csms));
	memset(&p->csm_p[cf->ncsms], 0, sizeof(*p->csm_p));
	p->csm = &cf->csms[cf->ncsms++];
	p->csm->name = xstrdup(name);
	p->csm->line = line;
}

/* Starts the section name: [fbaudit], [seller ID] or [csm NAME]. */
void
config_section(struct config_parse *p, const char *section)
{
	struct config *cf = p->cf;
	const char *id;
	size_t i;
	int line = p->section_line;

	free(p->section);
	p->section = xstrdup(section);
	p->in_main = 0;
	p->seller = NULL;
	p->csm = NULL;
	p->skip_section = 0;
	if (strcmp(section, "fbaudit") == 0) {
		if (p->seen_main) {
			config_error(p, line, NULL, "[fbaudit] appears "
			    "twice");
			p->skip_section = 1;
		}
		p->seen_main = 1;
		p->in_main = 1;
		return;
	}
	if (strncmp(section, "csm ", 4) == 0) {
		config_csm_section(p, section + 4, line);
		return;
	}
	if (strncmp(section, "seller ", 7) != 0) {
		config_error(p, line, NULL, "[%s]: unknown section (want "
		    "[fbaudit], [seller ID] or [csm NAME])", section);
		p->skip_section = 1;
		return;
	}
	id = section + 7;
	while (*id == ' ')
		id++;
	if (!sellerid_valid(id)) {
		config_error(p, line, NULL, "[%s]: a seller id is 1-64 of "
		    "A-Z a-z 0-9 _ -", section);
		p->skip_section = 1;
		return;
	}
	for (i = 0; i < cf->nsellers; i++)
		if (strcmp(cf->sellers[i].id, id) == 0) {
			config_error(p, line, NULL, "[seller %s] appears "
			    "twice (first on line %d)", id,
			    cf->sellers[i].line);
			p->skip_section = 1;
			return;
		}
	cf->sellers = xreallocarray(cf->sellers, cf->nsellers + 1,
	    sizeof(*cf->sellers));
	p->seller_p = xreallocarray(p->seller_p, cf->nsellers + 1,
	    sizeof(*p->seller_p));
	memset(&cf->sellers[cf->nsellers], 0, sizeof(*cf->sellers));
	memset(&p->seller_p[cf->nsellers], 0, sizeof(*p->seller_p));
	p->seller = &cf->sellers[cf->nsellers++];
	p->seller->id = xstrdup(id);
	p->seller->claims_per_night = -1;
	p->seller->claim_wait_days = -1;
	p->seller->line = line;
}

/* Checks a seller section as a whole and reads its secrets. */
void
config_seller_finish(struct config_parse *p, struct config_seller *s,
    struct config_pending *pend)
{
	struct buf why, line;
	size_t i;
	char *env;

	if (s->client_id == NULL)
		config_error(p, s->line, "client_id", "[seller %s] needs "
		    "one", s->id);
	if (s->marketplaces == NULL)
		config_error(p, s->line, "marketplaces", "[seller %s] needs "
		    "at least one marketplace id", s->id);
	if (s->region == NULL && s->endpoint == NULL)
		config_error(p, s->line, "region", "[seller %s] needs a "
		    "region (na, eu, fe) or an endpoint", s->id);
	/*
	 * A secret that cannot be had fails its seller only (the others'
	 * night goes on): the reason is kept for its summary line.
	 */
	buf_init(&why, 0);
	env = config_env_name("CLIENT_SECRET", s->id);
	s->client_secret = config_secret(p, &why, pend, SECRET_CLIENT,
	    "client_secret_file", env, s->line, 1);
	free(env);
	env = config_env_name("REFRESH_TOKEN", s->id);
	s->refresh_token = config_secret(p, &why, pend, SECRET_REFRESH,
	    "refresh_token_file", env, s->line, 1);
	free(env);
	if (why.len > 0) {
		/* One line: "; " between two reasons, none at the end. */
		buf_init(&line, 0);
		for (i = 0; i + 1 < why.len; i++)
			if (why.data[i] == '\n')
				buf_adds(&line, "; ");
			else
				buf_addc(&line, why.data[i]);
		s->error = buf_take(&line);
		config_wipe(s->client_secret);
		config_wipe(s->refresh_token);
		s->client_secret = s->refresh_token = NULL;
	}
	buf_free(&why);
	if (s->endpoint == NULL && s->region != NULL)
		s->endpoint = xasprintf(
		    "https://sellingpartnerapi-%s.amazon.com", s->region);
	while (s->endpoint != NULL && *s->endpoint != '\0' &&
	    s->endpoint[strlen(s->endpoint) - 1] == '/')
		s->endpoint[strlen(s->endpoint) - 1] = '\0';
	if (s->lwa_endpoint == NULL)
		s->lwa_endpoint = xstrdup("https://api.amazon.com/auth/o2/"
		    "token");
}
