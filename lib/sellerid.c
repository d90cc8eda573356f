#include <string.h>

#include "lib/limits.h"
#include "lib/sellerid.h"

int
sellerid_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > MAX_SELLER_ID)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}
