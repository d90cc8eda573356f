/*
 * Checked number parsing for untrusted text: integers with a range, and
 * money as int64 minor units. Never atoi or sscanf.
 */
#ifndef FBAUDIT_NUM_H
#define FBAUDIT_NUM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parses the n bytes at s as a decimal integer in [min, max] into *out.
 * Returns NULL, or a static reason ("is not an integer", "is out of range").
 */
const char *num_parse_int(const char *s, size_t n, int64_t min, int64_t max,
	    int64_t *out);
/*
 * Parses a money amount ("-12.34", "12,34" with a decimal comma, "7",
 * "1500.00") into minor units with the currency's exponent (2 for USD,
 * 0 for JPY): digits beyond the exponent must be zero. No thousands
 * separators. Returns NULL or a static reason.
 */
const char *num_parse_money(const char *s, size_t n, int exponent,
	    int64_t *out);
/* The ISO 4217 minor-unit exponent of a currency code (default 2). */
int	 num_currency_exponent(const char *code);
/*
 * Formats minor units of a currency as a decimal with two places, as
 * fbaudit's outputs show money ("12.34"; JPY's whole yen as "1500.00").
 * Returns out.
 */
char	*num_format_amount(int64_t minor, const char *currency, char *out,
	    size_t size);
/* Formats minor units as a decimal with the exponent's places ("-12.34"). */
char	*num_format_money(int64_t minor, int exponent, char *out, size_t size);

#endif
