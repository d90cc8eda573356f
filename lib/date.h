/*
 * Calendar dates as days since 1970-01-01 (UTC) and instants as seconds
 * since the epoch, with the parsers for every date form Amazon's reports
 * use. No time_t or time zone arithmetic: offsets are applied by hand.
 */
#ifndef FBAUDIT_DATE_H
#define FBAUDIT_DATE_H

#include <stddef.h>
#include <stdint.h>

/* Length of "YYYY-MM-DD" plus NUL. */
#define DATE_STRLEN	11
/* Length of "YYYY-MM-DDTHH:MM:SSZ" plus NUL. */
#define TIME_STRLEN	21

/*
 * The years a date may have: reports are never older than Amazon, nor far
 * in the future. An instant with an offset is bounded by its UTC day.
 */
#define DATE_MIN_YEAR	1990
#define DATE_MAX_YEAR	2200

/* What date_parse found. */
struct date_parsed {
	int64_t	 secs;		/* instant in UTC (midnight when no time) */
	int32_t	 day;		/* the UTC day of secs */
	int	 has_time;	/* a time of day was given */
	int	 has_offset;	/* a non-UTC offset was given and applied */
};

/* Days since the epoch of a civil date; -1 if it does not exist. */
int	 date_from_ymd(int y, int m, int d, int32_t *day);
/* The civil date of a day number. */
void	 date_to_ymd(int32_t day, int *y, int *m, int *d);
/* Writes day as "YYYY-MM-DD" into out. Returns out. */
char	*date_format(int32_t day, char out[DATE_STRLEN]);
/* Writes secs as "YYYY-MM-DDTHH:MM:SSZ" into out. Returns out. */
char	*date_format_time(int64_t secs, char out[TIME_STRLEN]);
/* The UTC day containing an instant. */
int32_t	 date_day_of(int64_t secs);
/*
 * Parses the n bytes at s in any form Amazon uses: MM/DD/YYYY,
 * DD.MM.YYYY[ HH:MM:SS[ UTC]], YYYY-MM-DD, and YYYY-MM-DD[T ]HH:MM:SS[.f]
 * followed by nothing, "Z", " UTC", "+HH:MM", "+HHMM" or "+HH".
 * Returns NULL, or a static reason why the text is not a date.
 */
const char *date_parse(const char *s, size_t n, struct date_parsed *out);
/* Writes the ISO 8601 week of day as "YYYY-Www" into out. Returns out. */
char	*date_iso_week(int32_t day, char out[9]);
/* Parses exactly "YYYY-MM-DD" (command-line dates). Returns 0 or -1. */
int	 date_parse_ymd(const char *s, int32_t *day);

#endif
