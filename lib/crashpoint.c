#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/crashpoint.h"
#include "lib/num.h"

/* The N of FBAUDIT_TEST_CRASH=STAGE[:N] when it names stage, else 0. */
static int64_t
crashpoint_wanted(const char *stage)
{
	const char *v = getenv("FBAUDIT_TEST_CRASH");
	size_t n = strlen(stage);
	int64_t want = 1;

	if (v == NULL || strncmp(v, stage, n) != 0 ||
	    (v[n] != '\0' && v[n] != ':'))
		return 0;
	if (v[n] == ':' && num_parse_int(v + n + 1, strlen(v + n + 1), 1,
	    1000000, &want) != NULL)
		return 0;
	return want;
}

void
crashpoint(const char *stage, int nth)
{
	if (crashpoint_wanted(stage) == nth)
		_exit(137);
}

void
crashpoint_count(const char *stage)
{
	/* One counter serves: a process runs one crash test at a time. */
	static atomic_int passes;
	int64_t want = crashpoint_wanted(stage);

	if (want != 0 && atomic_fetch_add(&passes, 1) + 1 == want)
		_exit(137);
}
