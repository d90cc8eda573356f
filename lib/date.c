#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/date.h"

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian. */
static int32_t
date_days_from_civil(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
date_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_from_ymd(int y, int m, int d, int32_t *day)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int max;

	/* Reports are never older than Amazon or far in the future. */
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR || m < 1 || m > 12 ||
	    d < 1)
		return -1;
	max = mdays[m - 1] + (m == 2 && date_leap(y));
	if (d > max)
		return -1;
	*day = date_days_from_civil(y, m, d);
	return 0;
}

void
date_to_ymd(int32_t day, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp, yy;
	int32_t z = day + 719468;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yy + (*m <= 2);
}

/* Writes v as exactly w decimal digits at p. */
static void
date_put(char *p, int v, int w)
{
	while (w-- > 0) {
		p[w] = (char)('0' + v % 10);
		v /= 10;
	}
}

/* The year of a day number. */
static int
date_to_year(int32_t day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return y;
}

char *
date_format(int32_t day, char out[DATE_STRLEN])
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	/* Days outside 0000-9999 do not occur: parsers refuse them. */
	date_put(out, y < 0 ? 0 : y % 10000, 4);
	out[4] = '-';
	date_put(out + 5, m, 2);
	out[7] = '-';
	date_put(out + 8, d, 2);
	out[10] = '\0';
	return out;
}

int32_t
date_day_of(int64_t secs)
{
	int64_t q = secs / 86400;

	if (secs % 86400 < 0)
		q--;
	return (int32_t)q;
}

char *
date_format_time(int64_t secs, char out[TIME_STRLEN])
{
	int32_t day = date_day_of(secs);
	int64_t sod = secs - (int64_t)day * 86400;

	date_format(day, out);
	out[10] = 'T';
	date_put(out + 11, (int)(sod / 3600), 2);
	out[13] = ':';
	date_put(out + 14, (int)(sod / 60 % 60), 2);
	out[16] = ':';
	date_put(out + 17, (int)(sod % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
	return out;
}

/* Reads exactly w digits at s[*i]; -1 if any is not a digit. */
static int
date_digits(const char *s, size_t n, size_t *i, int w)
{
	int v = 0;

	if (*i + (size_t)w > n)
		return -1;
	while (w-- > 0) {
		if (s[*i] < '0' || s[*i] > '9')
			return -1;
		v = v * 10 + (s[(*i)++] - '0');
	}
	return v;
}

/* Reads one or two digits (MM/DD/YYYY allows 4/7/2025). */
static int
date_digits12(const char *s, size_t n, size_t *i)
{
	int v = date_digits(s, n, i, 1);

	if (v >= 0 && *i < n && s[*i] >= '0' && s[*i] <= '9')
		v = v * 10 + (s[(*i)++] - '0');
	return v;
}

static int
date_expect(const char *s, size_t n, size_t *i, char c)
{
	if (*i >= n || s[*i] != c)
		return -1;
	(*i)++;
	return 0;
}

/* Parses "HH:MM:SS[.fraction]" into seconds of the day. */
static const char *
date_parse_hms(const char *s, size_t n, size_t *i, int64_t *sod)
{
	int hh, mm, ss;

	hh = date_digits(s, n, i, 2);
	if (hh < 0 || date_expect(s, n, i, ':') == -1)
		return "has a malformed time";
	mm = date_digits(s, n, i, 2);
	if (mm < 0 || date_expect(s, n, i, ':') == -1)
		return "has a malformed time";
	ss = date_digits(s, n, i, 2);
	if (ss < 0)
		return "has a malformed time";
	if (hh > 23 || mm > 59 || ss > 60)
		return "has an impossible time";
	if (*i < n && s[*i] == '.') {
		(*i)++;
		if (*i >= n || s[*i] < '0' || s[*i] > '9')
			return "has a malformed time";
		while (*i < n && s[*i] >= '0' && s[*i] <= '9')
			(*i)++;
	}
	*sod = (int64_t)hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss);
	return NULL;
}

/* Parses what follows a time: "", "Z", " UTC", "+HH:MM", "+HHMM", "+HH". */
static const char *
date_parse_zone(const char *s, size_t n, size_t *i, int64_t *off,
    int *has_offset)
{
	int sign, hh, mm = 0;

	*off = 0;
	*has_offset = 0;
	if (*i == n)
		return NULL;
	if (n - *i == 1 && s[*i] == 'Z') {
		(*i)++;
		return NULL;
	}
	if (n - *i == 4 && memcmp(s + *i, " UTC", 4) == 0) {
		*i += 4;
		return NULL;
	}
	if (s[*i] != '+' && s[*i] != '-')
		return "has a malformed time zone";
	sign = s[(*i)++] == '-' ? -1 : 1;
	if ((hh = date_digits(s, n, i, 2)) < 0)
		return "has a malformed time zone";
	/* "+HH", "+HHMM" or "+HH:MM": a colon needs its minutes. */
	if (*i < n && s[*i] == ':' && ++(*i) == n)
		return "has a malformed time zone";
	if (*i < n && (mm = date_digits(s, n, i, 2)) < 0)
		return "has a malformed time zone";
	if (hh > 14 || mm > 59)
		return "has an impossible time zone";
	*off = sign * ((int64_t)hh * 3600 + mm * 60);
	*has_offset = *off != 0;
	return NULL;
}

const char *
date_parse(const char *s, size_t n, struct date_parsed *out)
{
	size_t i = 0;
	int y, m, d;
	int32_t day;
	int64_t sod = 0, off = 0;
	const char *err;

	memset(out, 0, sizeof(*out));
	if (n >= 10 && s[4] == '/') {
		/* Japan's settlements: 2025/06/10 03:12:45 UTC. */
		y = date_digits(s, n, &i, 4);
		i++;
		m = date_digits(s, n, &i, 2);
		if (date_expect(s, n, &i, '/') == -1)
			return "is not a date";
		d = date_digits(s, n, &i, 2);
	} else if (n >= 5 && (s[1] == '/' || s[2] == '/')) {
		m = date_digits12(s, n, &i);
		if (m < 0 || date_expect(s, n, &i, '/') == -1)
			return "is not a date";
		d = date_digits12(s, n, &i);
		if (d < 0 || date_expect(s, n, &i, '/') == -1)
			return "is not a date";
		y = date_digits(s, n, &i, 4);
	} else if (n >= 10 && s[2] == '.') {
		d = date_digits(s, n, &i, 2);
		i++;
		m = date_digits(s, n, &i, 2);
		if (date_expect(s, n, &i, '.') == -1)
			return "is not a date";
		y = date_digits(s, n, &i, 4);
	} else if (n >= 10 && s[4] == '-') {
		y = date_digits(s, n, &i, 4);
		i++;
		m = date_digits(s, n, &i, 2);
		if (date_expect(s, n, &i, '-') == -1)
			return "is not a date";
		d = date_digits(s, n, &i, 2);
	} else
		return "is not a date";
	if (y < 0 || m < 0 || d < 0)
		return "is not a date";
	if (date_from_ymd(y, m, d, &day) == -1)
		return "is an impossible date";
	if (i < n && (s[i] == 'T' || s[i] == ' ') && i + 1 < n &&
	    s[i + 1] >= '0' && s[i + 1] <= '9') {
		i++;
		if ((err = date_parse_hms(s, n, &i, &sod)) != NULL)
			return err;
		out->has_time = 1;
		if ((err = date_parse_zone(s, n, &i, &off,
		    &out->has_offset)) != NULL)
			return err;
	} else if (n - i == 4 && memcmp(s + i, " UTC", 4) == 0)
		i += 4;
	if (i != n)
		return "has trailing text after the date";
	out->secs = (int64_t)day * 86400 + sod - off;
	out->day = date_day_of(out->secs);
	/*
	 * The years bound the UTC day, which is what is stored and shown:
	 * an offset may move a local time at either end outside them, and
	 * that day would then be one date_parse_ymd refuses.
	 */
	if (date_to_year(out->day) < DATE_MIN_YEAR ||
	    date_to_year(out->day) > DATE_MAX_YEAR)
		return "is outside the years 1990 to 2200 (UTC)";
	return NULL;
}

int
date_parse_ymd(const char *s, int32_t *day)
{
	size_t i = 0, n = strlen(s);
	int y, m, d;

	if (n != 10)
		return -1;
	y = date_digits(s, n, &i, 4);
	if (y < 0 || date_expect(s, n, &i, '-') == -1)
		return -1;
	m = date_digits(s, n, &i, 2);
	if (m < 0 || date_expect(s, n, &i, '-') == -1)
		return -1;
	d = date_digits(s, n, &i, 2);
	if (d < 0)
		return -1;
	return date_from_ymd(y, m, d, day);
}

char *
date_iso_week(int32_t day, char out[9])
{
	int32_t thursday, jan1;
	int wday, y, m, d, week;

	/* 1970-01-01 was a Thursday; ISO weeks start on Monday. */
	wday = (int)(((day % 7) + 7 + 3) % 7);	/* 0 = Monday */
	/* The week belongs to the year of its Thursday. */
	thursday = day - wday + 3;
	date_to_ymd(thursday, &y, &m, &d);
	date_from_ymd(y, 1, 1, &jan1);
	week = (thursday - jan1) / 7 + 1;
	date_put(out, y % 10000, 4);
	out[4] = '-';
	out[5] = 'W';
	date_put(out + 6, week, 2);
	out[8] = '\0';
	return out;
}
