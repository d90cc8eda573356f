/* Seller Central sites by marketplace country (reports/sellercentral.h). */
#include <stdio.h>
#include <string.h>

#include "reports/sellercentral.h"

/* Amazon's Seller Central host of each marketplace country. */
static const struct {
	const char	*country;
	const char	*host;
} sellercentral_hosts[] = {
	{ "US", "sellercentral.amazon.com" },
	{ "CA", "sellercentral.amazon.ca" },
	{ "MX", "sellercentral.amazon.com.mx" },
	{ "BR", "sellercentral.amazon.com.br" },
	{ "GB", "sellercentral.amazon.co.uk" },
	{ "UK", "sellercentral.amazon.co.uk" },
	{ "DE", "sellercentral.amazon.de" },
	{ "FR", "sellercentral.amazon.fr" },
	{ "IT", "sellercentral.amazon.it" },
	{ "ES", "sellercentral.amazon.es" },
	{ "NL", "sellercentral.amazon.nl" },
	{ "BE", "sellercentral.amazon.com.be" },
	{ "IE", "sellercentral.amazon.ie" },
	{ "SE", "sellercentral.amazon.se" },
	{ "PL", "sellercentral.amazon.pl" },
	{ "TR", "sellercentral.amazon.com.tr" },
	{ "AE", "sellercentral.amazon.ae" },
	{ "SA", "sellercentral.amazon.sa" },
	{ "EG", "sellercentral.amazon.eg" },
	{ "IN", "sellercentral.amazon.in" },
	{ "JP", "sellercentral.amazon.co.jp" },
	{ "AU", "sellercentral.amazon.com.au" },
	{ "SG", "sellercentral.amazon.sg" },
};

char *
sellercentral_case_url(const char *country, char *out, size_t size)
{
	const char *host = sellercentral_hosts[0].host;
	size_t i;

	for (i = 0; country != NULL && i < sizeof(sellercentral_hosts) /
	    sizeof(sellercentral_hosts[0]); i++)
		if (strcmp(sellercentral_hosts[i].country, country) == 0) {
			host = sellercentral_hosts[i].host;
			break;
		}
	snprintf(out, size, "https://%s/help/hub/support", host);
	return out;
}
