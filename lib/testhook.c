#include <stdlib.h>
#include <string.h>

#include "lib/testhook.h"

int
testhook_fail(const char *point)
{
	const char *v = getenv("FBAUDIT_TEST_FAIL"), *p;
	size_t n = strlen(point), k;

	if (v == NULL)
		return 0;
	for (p = v; *p != '\0'; p += k + (p[k] == ',')) {
		k = strcspn(p, ",");
		if (k == n && strncmp(p, point, n) == 0)
			return 1;
	}
	return 0;
}
