#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/num.h"

const char *
num_parse_int(const char *s, size_t n, int64_t min, int64_t max,
    int64_t *out)
{
	size_t i = 0;
	int neg = 0;
	uint64_t v = 0, lim;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == n)
		return "is not an integer";
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return "is not an integer";
		if (v > (lim - (uint64_t)(s[i] - '0')) / 10)
			return "is out of range";
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (neg) {
		if (v == (uint64_t)INT64_MAX + 1) {
			if (min > INT64_MIN)
				return "is out of range";
			*out = INT64_MIN;
			return NULL;
		}
		*out = -(int64_t)v;
	} else
		*out = (int64_t)v;
	if (*out < min || *out > max)
		return "is out of range";
	return NULL;
}

int
num_currency_exponent(const char *code)
{
	/* Amazon marketplace currencies without minor units. */
	static const char *const zero[] = { "JPY", "KRW", "CLP", "VND" };
	size_t i;

	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (strcmp(code, zero[i]) == 0)
			return 0;
	return 2;
}

const char *
num_parse_money(const char *s, size_t n, int exponent, int64_t *out)
{
	/* Amounts past 10^15 minor units are no Amazon report's. */
	const int64_t cap = INT64_C(1000000000000000);
	size_t i = 0, sep = n, frac;
	int neg = 0, k;
	int64_t v = 0;

	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (i == n)
		return "is not a money amount";
	for (; i < n; i++) {
		if (s[i] == '.' || s[i] == ',') {
			if (sep != n)
				return "is not a money amount";
			sep = i;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return "is not a money amount";
	}
	if (sep == n - 1 || (sep != n && sep == (size_t)(neg || s[0] == '+')))
		return "is not a money amount";
	frac = sep == n ? 0 : n - sep - 1;
	/* "1.234" is three decimals, not a thousands separator: refuse. */
	if (frac > 2 && (int)frac > exponent)
		return "is not a money amount";
	for (i = (s[0] == '-' || s[0] == '+'); i < n; i++) {
		if (i == sep)
			continue;
		if (v > cap)
			return "is out of range";
		v = v * 10 + (s[i] - '0');
	}
	/* Checked before scaling, which would overflow past the cap. */
	if (v > cap)
		return "is out of range";
	/* Scale from frac decimals to the currency's exponent. */
	for (k = (int)frac; k < exponent; k++)
		v *= 10;
	for (k = (int)frac; k > exponent; k--) {
		if (v % 10 != 0)
			return "has more decimals than its currency";
		v /= 10;
	}
	if (v > cap)
		return "is out of range";
	*out = neg ? -v : v;
	return NULL;
}

char *
num_format_money(int64_t minor, int exponent, char *out, size_t size)
{
	uint64_t a = minor < 0 ? (uint64_t)0 - (uint64_t)minor :
	    (uint64_t)minor;
	uint64_t scale = 1;
	int k;

	for (k = 0; k < exponent; k++)
		scale *= 10;
	if (exponent == 0)
		snprintf(out, size, "%s%llu", minor < 0 ? "-" : "",
		    (unsigned long long)a);
	else
		snprintf(out, size, "%s%llu.%0*llu", minor < 0 ? "-" : "",
		    (unsigned long long)(a / scale), exponent,
		    (unsigned long long)(a % scale));
	return out;
}

char *
num_format_amount(int64_t minor, const char *currency, char *out,
    size_t size)
{
	int e = num_currency_exponent(currency ? currency : "");

	/* Two places always (docs/design.md §8). */
	if (e == 2)
		return num_format_money(minor, 2, out, size);
	return num_format_money(minor * 100, 2, out, size);
}
