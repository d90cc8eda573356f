/*
 * libFuzzer: date_parse() on arbitrary bytes. On success the day is the
 * floor of the instant over 86400, and the day and the instant, formatted,
 * parse back to themselves.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok, const char *what, const char *text)
{
	if (!ok) {
		fprintf(stderr, "fuzz_date: %s (\"%s\")\n", what, text);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct date_parsed p, q;
	char day[DATE_STRLEN], when[TIME_STRLEN];
	int64_t floor_day;
	int32_t back;

	if (date_parse((const char *)data, size, &p) != NULL)
		return 0;
	/* Floor division, written another way than date_day_of(). */
	floor_day = (p.secs - ((p.secs % 86400) + 86400) % 86400) / 86400;
	date_format(p.day, day);
	check(floor_day == p.day, "day is not floor(secs / 86400)", day);
	check(p.has_time || !p.has_offset, "an offset without a time", day);
	check(date_parse_ymd(day, &back) == 0,
	    "date_format of the day does not parse with date_parse_ymd", day);
	check(back == p.day, "the day does not parse back to itself", day);
	check(date_parse(day, strlen(day), &q) == NULL && q.day == p.day &&
	    q.secs == (int64_t)p.day * 86400 && !q.has_time,
	    "date_parse of the formatted day differs", day);
	date_format_time(p.secs, when);
	check(date_parse(when, strlen(when), &q) == NULL && q.secs == p.secs &&
	    q.day == p.day && q.has_time && !q.has_offset,
	    "date_parse of the formatted instant differs", when);
	return 0;
}
