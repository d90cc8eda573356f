/* Unit tests of lib/date.h: day numbers, formatting and every date form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/date.h"

/* Day numbers and instants worked out by hand (2025-01-01 is day 20089). */
#define DAY_2025_04_12	20190
#define SECS_2025_04_12	INT64_C(1744416000)

/* Parses a C string with date_parse; returns its reason or NULL. */
static const char *
parse(const char *s, struct date_parsed *out)
{
	return date_parse(s, strlen(s), out);
}

/* Asserts that s parses to the instant secs on UTC day day. */
static void
assert_parses(const char *s, int64_t secs, int32_t day, int has_time,
    int has_offset)
{
	struct date_parsed p;
	const char *err = parse(s, &p);

	if (err != NULL)
		fail_msg("\"%s\" refused: %s", s, err);
	if (p.secs != secs || p.day != day || p.has_time != has_time ||
	    p.has_offset != has_offset)
		fail_msg("\"%s\": got secs %lld day %d time %d offset %d, "
		    "want secs %lld day %d time %d offset %d", s,
		    (long long)p.secs, (int)p.day, p.has_time, p.has_offset,
		    (long long)secs, (int)day, has_time, has_offset);
}

/* Asserts that s is refused with a reason. */
static void
assert_refused(const char *s)
{
	struct date_parsed p;

	if (parse(s, &p) == NULL)
		fail_msg("\"%s\" accepted as secs %lld, want refused", s,
		    (long long)p.secs);
}

/* Known day numbers, leap years and impossible dates. */
static void
test_from_ymd_validity(void **state)
{
	int32_t day = -7;

	(void)state;
	assert_int_equal(date_from_ymd(1990, 1, 1, &day), 0);
	assert_int_equal(day, 7305);
	assert_int_equal(date_from_ymd(2025, 4, 12, &day), 0);
	assert_int_equal(day, DAY_2025_04_12);
	assert_int_equal(date_from_ymd(2024, 2, 29, &day), 0);
	assert_int_equal(day, 19782);
	assert_int_equal(date_from_ymd(2000, 2, 29, &day), 0);
	assert_int_equal(day, 11016);
	assert_int_equal(date_from_ymd(2000, 3, 1, &day), 0);
	assert_int_equal(day, 11017);
	assert_int_equal(date_from_ymd(2100, 2, 28, &day), 0);
	assert_int_equal(date_from_ymd(2025, 12, 31, &day), 0);
	assert_int_equal(day, 20453);
	assert_int_equal(date_from_ymd(2024, 2, 30, &day), -1);
	assert_int_equal(date_from_ymd(2100, 2, 29, &day), -1);
	assert_int_equal(date_from_ymd(2025, 2, 29, &day), -1);
	assert_int_equal(date_from_ymd(2025, 13, 1, &day), -1);
	assert_int_equal(date_from_ymd(2025, 0, 1, &day), -1);
	assert_int_equal(date_from_ymd(2025, 1, 0, &day), -1);
	assert_int_equal(date_from_ymd(2025, 1, 32, &day), -1);
	assert_int_equal(date_from_ymd(2025, 4, 31, &day), -1);
	assert_int_equal(date_from_ymd(2025, -1, 1, &day), -1);
	assert_int_equal(date_from_ymd(2025, 1, -1, &day), -1);
	assert_int_equal(day, 20453);	/* untouched by refusals */
}

/* Every day 1990..2200 maps to its civil date and back, one by one. */
static void
test_round_trip_range(void **state)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y = 1990, m = 1, d = 1, gy, gm, gd, len;
	int32_t day = 7305, back;

	(void)state;
	while (y <= 2200) {
		date_to_ymd(day, &gy, &gm, &gd);
		if (gy != y || gm != m || gd != d)
			fail_msg("day %d: got %d-%d-%d, want %d-%d-%d",
			    (int)day, gy, gm, gd, y, m, d);
		if (date_from_ymd(y, m, d, &back) != 0 || back != day)
			fail_msg("%d-%d-%d: got day %d, want %d", y, m, d,
			    (int)back, (int)day);
		/* The next civil date, by the Gregorian rule. */
		len = mdays[m - 1];
		if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
			len = 29;
		if (++d > len) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
		day++;
	}
	/* 211 years with 51 leap days (2100 is not one). */
	assert_int_equal(day, 7305 + 211 * 365 + 51);
}

/* date_to_ymd also handles the epoch and days before it. */
static void
test_to_ymd_epoch(void **state)
{
	int y, m, d;

	(void)state;
	date_to_ymd(0, &y, &m, &d);
	assert_int_equal(y, 1970);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	date_to_ymd(-1, &y, &m, &d);
	assert_int_equal(y, 1969);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

/* date_format writes zero-padded YYYY-MM-DD. */
static void
test_format(void **state)
{
	char out[DATE_STRLEN];

	(void)state;
	assert_string_equal(date_format(DAY_2025_04_12, out), "2025-04-12");
	assert_string_equal(date_format(0, out), "1970-01-01");
	assert_string_equal(date_format(11016, out), "2000-02-29");
	assert_string_equal(date_format(20453, out), "2025-12-31");
	assert_ptr_equal(date_format(1, out), out);
	assert_string_equal(out, "1970-01-02");
}

/* date_format_time writes the UTC instant, including before the epoch. */
static void
test_format_time(void **state)
{
	char out[TIME_STRLEN];

	(void)state;
	assert_string_equal(date_format_time(0, out), "1970-01-01T00:00:00Z");
	assert_string_equal(date_format_time(INT64_C(1744474424), out),
	    "2025-04-12T16:13:44Z");
	assert_string_equal(date_format_time(SECS_2025_04_12 - 1, out),
	    "2025-04-11T23:59:59Z");
	assert_string_equal(date_format_time(-1, out),
	    "1969-12-31T23:59:59Z");
	assert_string_equal(date_format_time(-86400, out),
	    "1969-12-31T00:00:00Z");
}

/* date_day_of rounds toward minus infinity. */
static void
test_day_of(void **state)
{
	(void)state;
	assert_int_equal(date_day_of(0), 0);
	assert_int_equal(date_day_of(86399), 0);
	assert_int_equal(date_day_of(86400), 1);
	assert_int_equal(date_day_of(-1), -1);
	assert_int_equal(date_day_of(-86400), -1);
	assert_int_equal(date_day_of(-86401), -2);
	assert_int_equal(date_day_of(SECS_2025_04_12 + 86399),
	    DAY_2025_04_12);
}

/* MM/DD/YYYY with two- or one-digit month and day (the ledger's Date). */
static void
test_parse_us(void **state)
{
	(void)state;
	assert_parses("04/12/2025", SECS_2025_04_12, DAY_2025_04_12, 0, 0);
	assert_parses("4/7/2025", SECS_2025_04_12 - 5 * 86400,
	    DAY_2025_04_12 - 5, 0, 0);
	assert_parses("12/31/2025", INT64_C(20453) * 86400, 20453, 0, 0);
	assert_parses("2/29/2024", INT64_C(19782) * 86400, 19782, 0, 0);
}

/* DD.MM.YYYY, alone or with a UTC time (EU settlements). */
static void
test_parse_eu(void **state)
{
	(void)state;
	assert_parses("12.04.2025", SECS_2025_04_12, DAY_2025_04_12, 0, 0);
	assert_parses("12.04.2025 07:12:33 UTC",
	    SECS_2025_04_12 + 7 * 3600 + 12 * 60 + 33, DAY_2025_04_12, 1, 0);
	assert_parses("12.04.2025 07:12:33",
	    SECS_2025_04_12 + 7 * 3600 + 12 * 60 + 33, DAY_2025_04_12, 1, 0);
	assert_parses("29.02.2024", INT64_C(19782) * 86400, 19782, 0, 0);
}

/* YYYY/MM/DD, alone or with a UTC time (Japan's settlements). */
static void
test_parse_jp(void **state)
{
	(void)state;
	assert_parses("2025/04/12", SECS_2025_04_12, DAY_2025_04_12, 0, 0);
	assert_parses("2025/04/12 07:12:33 UTC",
	    SECS_2025_04_12 + 7 * 3600 + 12 * 60 + 33, DAY_2025_04_12, 1, 0);
	assert_refused("2025/4/12");
	assert_refused("2025/13/01");
	assert_refused("2025/04-12");
}

/* ISO 8601 dates and times with each zone form. */
static void
test_parse_iso(void **state)
{
	const int64_t t0913 = SECS_2025_04_12 + 9 * 3600 + 13 * 60 + 44;

	(void)state;
	assert_parses("2025-04-12", SECS_2025_04_12, DAY_2025_04_12, 0, 0);
	/* 09:13:44-07:00 is 16:13:44Z. */
	assert_parses("2025-04-12T09:13:44-07:00", INT64_C(1744474424),
	    DAY_2025_04_12, 1, 1);
	assert_parses("2025-04-12T09:13:44-0700", INT64_C(1744474424),
	    DAY_2025_04_12, 1, 1);
	assert_parses("2025-04-12T09:13:44-07", INT64_C(1744474424),
	    DAY_2025_04_12, 1, 1);
	/* 09:13:44+05:30 is 03:43:44Z. */
	assert_parses("2025-04-12T09:13:44+05:30",
	    SECS_2025_04_12 + 3 * 3600 + 43 * 60 + 44, DAY_2025_04_12, 1, 1);
	assert_parses("2025-04-12T09:13:44+0530",
	    SECS_2025_04_12 + 3 * 3600 + 43 * 60 + 44, DAY_2025_04_12, 1, 1);
	assert_parses("2025-04-12T09:13:44Z", t0913, DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12 09:13:44 UTC", t0913, DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12 09:13:44", t0913, DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12T09:13:44", t0913, DAY_2025_04_12, 1, 0);
	/* A zero offset is UTC, not "an offset was applied". */
	assert_parses("2025-04-12T09:13:44+00:00", t0913, DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12 UTC", SECS_2025_04_12, DAY_2025_04_12, 0, 0);
}

/* Fractional seconds are accepted and dropped. */
static void
test_parse_fraction(void **state)
{
	const int64_t t0913 = SECS_2025_04_12 + 9 * 3600 + 13 * 60 + 44;

	(void)state;
	assert_parses("2025-04-12T09:13:44.123Z", t0913, DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12T09:13:44.999999999Z", t0913,
	    DAY_2025_04_12, 1, 0);
	assert_parses("2025-04-12T09:13:44.5-07:00", INT64_C(1744474424),
	    DAY_2025_04_12, 1, 1);
	assert_parses("2025-04-12T09:13:44.0", t0913, DAY_2025_04_12, 1, 0);
}

/* An offset that crosses midnight moves the UTC day, both ways. */
static void
test_parse_offset_changes_day(void **state)
{
	(void)state;
	/* 20:00-07:00 on the 12th is 03:00Z on the 13th. */
	assert_parses("2025-04-12T20:00:00-07:00",
	    SECS_2025_04_12 + 86400 + 3 * 3600, DAY_2025_04_12 + 1, 1, 1);
	/* 01:00+02:00 on the 12th is 23:00Z on the 11th. */
	assert_parses("2025-04-12T01:00:00+02:00", SECS_2025_04_12 - 3600,
	    DAY_2025_04_12 - 1, 1, 1);
	/* Across a year end. */
	assert_parses("2024-12-31T23:30:00-01:00", INT64_C(20089) * 86400 +
	    30 * 60, 20089, 1, 1);
}

/*
 * The years 1990 to 2200 bound the UTC day, which is what is stored: a
 * local time just inside them whose offset moves it outside is refused,
 * as date_format's day would not parse back (fuzz_date found
 * "1990-01-01T00:00:03+02"; tests/fuzz/seeds/date/floor-offset).
 */
static void
test_parse_floor_is_utc(void **state)
{
	(void)state;
	assert_refused("1990-01-01T00:00:03+02");
	assert_refused("1990-01-01T01:59:59+02:00");
	assert_refused("2200-12-31T23:00:00-02:00");
	assert_refused("2200-12-31 22:00:00-0200");
	/* Inside in UTC: taken, whatever the local day. */
	assert_parses("1990-01-01T02:00:00+02", INT64_C(7305) * 86400, 7305,
	    1, 1);
	assert_parses("1990-01-01T00:00:00Z", INT64_C(7305) * 86400, 7305,
	    1, 0);
	assert_parses("2200-12-31T21:59:59-02:00", INT64_C(84370) * 86400 +
	    86399, 84370, 1, 1);
}

/* date_parse reads only n bytes, not up to the NUL. */
static void
test_parse_respects_length(void **state)
{
	struct date_parsed p;

	(void)state;
	assert_null(date_parse("2025-04-12junk", 10, &p));
	assert_int_equal(p.day, DAY_2025_04_12);
	assert_null(date_parse("04/12/2025\t12", 10, &p));
	assert_int_equal(p.day, DAY_2025_04_12);
	assert_non_null(date_parse("2025-04-12", 9, &p));
	/* Cut inside the seconds: "2025-04-12T09:13:4". */
	assert_non_null(date_parse("2025-04-12T09:13:44Z", 18, &p));
}

/* Impossible dates and malformed dates are refused. */
static void
test_parse_rejects_dates(void **state)
{
	(void)state;
	assert_refused("02/30/2025");
	assert_refused("13/01/2025");
	assert_refused("00/01/2025");
	assert_refused("01/00/2025");
	assert_refused("02/29/2025");
	assert_refused("31.04.2025");
	assert_refused("12.13.2025");
	assert_refused("2025-02-29");
	assert_refused("2100-02-29");
	assert_refused("2025-4-12");
	assert_refused("2025-04-1");
	assert_refused("2025-04-123");
	assert_refused("4/7/25");
	assert_refused("123/4/2025");
	assert_refused("1/123/2025");
	assert_refused("12-04-2025");
	assert_refused("2025-0a-12");
	assert_refused("12.4.2025");
}

/* Trailing junk and empty-ish text are refused. */
static void
test_parse_rejects_junk(void **state)
{
	(void)state;
	assert_refused("");
	assert_refused(" ");
	assert_refused("/");
	assert_refused("//////////");
	assert_refused("..........");
	assert_refused("----------");
	assert_refused("2025");
	assert_refused("2025-04-");
	assert_refused("2025-04-12x");
	assert_refused("2025-04-12 ");
	assert_refused(" 2025-04-12");
	assert_refused("04/12/2025 ");
	assert_refused("04/12/2025x");
	assert_refused("12.04.2025 UTC x");
	assert_refused("2025-04-12T");
	assert_refused("2025-04-12T09:13:44Zx");
	assert_refused("2025-04-12T09:13:44Z ");
	assert_refused("2025-04-12T09:13:44 UTCx");
}

/* Impossible and malformed times are refused. */
static void
test_parse_rejects_times(void **state)
{
	(void)state;
	assert_refused("2025-04-12T25:00:00Z");
	assert_refused("2025-04-12T24:00:00Z");
	assert_refused("2025-04-12T09:60:00Z");
	assert_refused("2025-04-12T09:13:61Z");
	assert_refused("2025-04-12T9:13:44Z");
	assert_refused("2025-04-12T09:13Z");
	assert_refused("2025-04-12T09:13:4Z");
	assert_refused("2025-04-12T09-13-44Z");
	assert_refused("2025-04-12T09:13:44.Z");
	assert_refused("2025-04-12T09:13:44.");
}

/* Malformed and impossible time zones are refused. */
static void
test_parse_rejects_zones(void **state)
{
	(void)state;
	assert_refused("2025-04-12T09:13:44+25:00");
	assert_refused("2025-04-12T09:13:44+15:00");
	assert_refused("2025-04-12T09:13:44+05:60");
	assert_refused("2025-04-12T09:13:44+5");
	assert_refused("2025-04-12T09:13:44+5:30");
	assert_refused("2025-04-12T09:13:44+05:3");
	assert_refused("2025-04-12T09:13:44+053");
	assert_refused("2025-04-12T09:13:44+05:300");
	assert_refused("2025-04-12T09:13:44-");
	assert_refused("2025-04-12T09:13:44+");
	assert_refused("2025-04-12T09:13:44 PST");
	assert_refused("2025-04-12T09:13:44 utc");
	assert_refused("2025-04-12T09:13:44UTC");
	assert_refused("2025-04-12T09:13:44z");
	assert_refused("2025-04-12T09:13:44ZZ");
	assert_refused("2025-04-12T09:13:44+ab:cd");
}

/* "+HH:" is none of the zone forms +HH:MM, +HHMM, +HH: refused. */
static void
test_parse_rejects_zone_trailing_colon(void **state)
{
	(void)state;
	assert_refused("2025-04-12T09:13:44+05:");
	assert_refused("2025-04-12T09:13:44-07:");
}

/* date_parse_ymd takes exactly YYYY-MM-DD of a real date. */
static void
test_parse_ymd(void **state)
{
	int32_t day = -7;

	(void)state;
	assert_int_equal(date_parse_ymd("2025-04-12", &day), 0);
	assert_int_equal(day, DAY_2025_04_12);
	assert_int_equal(date_parse_ymd("2024-02-29", &day), 0);
	assert_int_equal(day, 19782);
	assert_int_equal(date_parse_ymd("2025-02-29", &day), -1);
	assert_int_equal(date_parse_ymd("2025-4-12", &day), -1);
	assert_int_equal(date_parse_ymd("2025-04-12 ", &day), -1);
	assert_int_equal(date_parse_ymd("2025-04-12T00:00:00Z", &day), -1);
	assert_int_equal(date_parse_ymd("2025/04/12", &day), -1);
	assert_int_equal(date_parse_ymd("04/12/2025", &day), -1);
	assert_int_equal(date_parse_ymd("12.04.2025", &day), -1);
	assert_int_equal(date_parse_ymd("2025-13-01", &day), -1);
	assert_int_equal(date_parse_ymd("+025-04-12", &day), -1);
	assert_int_equal(date_parse_ymd("", &day), -1);
	assert_int_equal(day, 19782);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_ymd_validity),
		cmocka_unit_test(test_round_trip_range),
		cmocka_unit_test(test_to_ymd_epoch),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_time),
		cmocka_unit_test(test_day_of),
		cmocka_unit_test(test_parse_us),
		cmocka_unit_test(test_parse_eu),
		cmocka_unit_test(test_parse_jp),
		cmocka_unit_test(test_parse_iso),
		cmocka_unit_test(test_parse_fraction),
		cmocka_unit_test(test_parse_offset_changes_day),
		cmocka_unit_test(test_parse_floor_is_utc),
		cmocka_unit_test(test_parse_respects_length),
		cmocka_unit_test(test_parse_rejects_dates),
		cmocka_unit_test(test_parse_rejects_junk),
		cmocka_unit_test(test_parse_rejects_times),
		cmocka_unit_test(test_parse_rejects_zones),
		cmocka_unit_test(test_parse_rejects_zone_trailing_colon),
		cmocka_unit_test(test_parse_ymd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
