/*
 * Amazon's marketplaces: the id the SP-API and the configuration use
 * (A1PA6795UKMFR9), the name settlement reports write (Amazon.de) and
 * the country, in one table.
 */
#ifndef FBAUDIT_MARKETPLACE_H
#define FBAUDIT_MARKETPLACE_H

/* The country (ISO 3166, "DE") of a marketplace id, or NULL. Static. */
const char	*marketplace_country_by_id(const char *id);
/* The country of a marketplace name ("Amazon.de", any case), or NULL. */
const char	*marketplace_country_by_name(const char *name);

#endif
