/* The table of filing transports (claims/transport.h). */
#include <string.h>

#include "claims/transport.h"

static const struct transport transports[] = {
	{ "outbox", transport_outbox_send },
	{ "gateway", transport_gateway_send },
};

const struct transport *
transport_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(transports) / sizeof(transports[0]); i++)
		if (strcmp(transports[i].name, name) == 0)
			return &transports[i];
	return NULL;
}

int
transport_case_id_valid(const char *s)
{
	size_t n;

	n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-");
	return n > 0 && n <= TRANSPORT_MAX_CASE_ID && s[n] == '\0';
}
