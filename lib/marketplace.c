/*
 * Marketplace ids as Amazon lists them ("Marketplace IDs", SP-API
 * documentation); names as the settlement report's marketplace-name
 * writes them. The UK's country code is GB, as in the ledger.
 */
#include <string.h>
#include <strings.h>

#include "lib/marketplace.h"

static const struct {
	const char	*id;
	/* As settlements write it; NULL where no file has shown it. */
	const char	*name;
	const char	*country;
} marketplaces[] = {
	{ "ATVPDKIKX0DER", "Amazon.com", "US" },
	{ "A2EUQ1WTGCTBG2", "Amazon.ca", "CA" },
	{ "A1AM78C64UM0Y8", "Amazon.com.mx", "MX" },
	{ "A2Q3Y263D00KWC", NULL, "BR" },
	{ "A1F83G8C2ARO7P", "Amazon.co.uk", "GB" },
	{ "A1PA6795UKMFR9", "Amazon.de", "DE" },
	{ "A13V1IB3VIYZZH", "Amazon.fr", "FR" },
	{ "APJ6JRA9NG5V4", "Amazon.it", "IT" },
	{ "A1RKKUPIHCS9HS", "Amazon.es", "ES" },
	{ "A1805IZSGTT6HS", "Amazon.nl", "NL" },
	{ "A2NODRKZP88ZB9", "Amazon.se", "SE" },
	{ "A1C3SOZRARQ6R3", "Amazon.pl", "PL" },
	{ "AMEN7PMS3EDWL", "Amazon.com.be", "BE" },
	{ "A28R8C7NBKEWEA", "Amazon.ie", "IE" },
	{ "A33AVAJ2PDY3EV", NULL, "TR" },
	{ "A2VIGQ35RCS4UG", "Amazon.ae", "AE" },
	{ "A17E79C6D8DWNP", NULL, "SA" },
	{ "ARBP9OOSHTCHU", NULL, "EG" },
	{ "A21TJRUUN4KGV", NULL, "IN" },
	{ "A1VC38T7YXB528", "Amazon.co.jp", "JP" },
	{ "A39IBJ37TRP1C6", "Amazon.com.au", "AU" },
	{ "A19VAU5U5O7RUS", NULL, "SG" },
};

#define MARKETPLACE_N (sizeof(marketplaces) / sizeof(marketplaces[0]))

const char *
marketplace_country_by_id(const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < MARKETPLACE_N; i++)
		if (strcmp(id, marketplaces[i].id) == 0)
			return marketplaces[i].country;
	return NULL;
}

const char *
marketplace_country_by_name(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < MARKETPLACE_N; i++)
		if (marketplaces[i].name != NULL &&
		    strcasecmp(name, marketplaces[i].name) == 0)
			return marketplaces[i].country;
	return NULL;
}
