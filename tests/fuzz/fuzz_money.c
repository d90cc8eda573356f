/*
 * libFuzzer: num_parse_money() and num_parse_int() on arbitrary bytes.
 * The first byte picks the currency exponent (0 to 3); the rest is the
 * text. On success the value, formatted by num_format_money(), parses
 * back to itself, and the two parsers agree where both apply.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/num.h"

/* num_parse_money()'s documented ceiling, 10^15 minor units. */
#define MONEY_CAP	INT64_C(1000000000000000)

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok, const char *what, int64_t v, const char *text)
{
	if (!ok) {
		fprintf(stderr, "fuzz_money: %s (%lld, \"%s\")\n", what,
		    (long long)v, text);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s;
	char out[64];
	int64_t v, back, m;
	int exp;
	size_t n;

	if (size < 1)
		return 0;
	exp = data[0] % 4;
	s = (const char *)data + 1;
	n = size - 1;

	if (num_parse_money(s, n, exp, &v) == NULL) {
		check(v >= -MONEY_CAP && v <= MONEY_CAP, "money past the cap",
		    v, "");
		num_format_money(v, exp, out, sizeof(out));
		check(num_parse_money(out, strlen(out), exp, &back) == NULL,
		    "formatted money does not parse", v, out);
		check(back == v, "formatted money parses to another value", v,
		    out);
	}
	if (num_parse_int(s, n, INT64_MIN, INT64_MAX, &v) == NULL) {
		num_format_money(v, 0, out, sizeof(out));
		check(num_parse_int(out, strlen(out), INT64_MIN, INT64_MAX,
		    &back) == NULL, "formatted integer does not parse", v, out);
		check(back == v, "formatted integer parses to another value",
		    v, out);
		/* A whole number is an amount of a currency without cents. */
		if (v >= -MONEY_CAP && v <= MONEY_CAP)
			check(num_parse_money(s, n, 0, &m) == NULL && m == v,
			    "an integer is not the same money amount", v, out);
		/* The range is applied, inclusive. */
		check((num_parse_int(s, n, -100, 100, &m) == NULL) ==
		    (v >= -100 && v <= 100), "range check differs", v, out);
	}
	return 0;
}
