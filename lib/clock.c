#include <stdint.h>
#include <time.h>

#include "lib/clock.h"
#include "lib/date.h"

static int	clock_fixed;
static int32_t	clock_fixed_day;

int
clock_set_today(const char *s)
{
	int32_t day;

	if (date_parse_ymd(s, &day) == -1)
		return -1;
	clock_fixed = 1;
	clock_fixed_day = day;
	return 0;
}

int
clock_is_fixed(void)
{
	return clock_fixed;
}

int64_t
clock_now(void)
{
	if (clock_fixed)
		return (int64_t)clock_fixed_day * 86400;
	return (int64_t)time(NULL);
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int32_t
clock_today(void)
{
	return date_day_of(clock_now());
}
