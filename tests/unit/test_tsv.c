/* Unit tests of ingest/tsv.h: splitting rows and finding columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/tsv.h"

/* Splits a copy of s into row (the copy lives in buf). */
static int
split(char *buf, size_t size, const char *s, struct tsv_row *row)
{
	size_t n = strlen(s);

	assert_true(n < size);
	memcpy(buf, s, n + 1);
	return tsv_split(buf, n, row);
}

/* Asserts cell i of row is exactly want (length and bytes). */
static void
assert_cell(const struct tsv_row *row, size_t i, const char *want)
{
	assert_true(i < row->n);
	assert_string_equal(row->cell[i], want);
	assert_int_equal(row->len[i], strlen(want));
}

/* Plain cells split on tabs, empty ones included. */
static void
test_split_plain(void **state)
{
	char buf[256];
	struct tsv_row row;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "a\tbc\t\td", &row), 0);
	assert_int_equal(row.n, 4);
	assert_cell(&row, 0, "a");
	assert_cell(&row, 1, "bc");
	assert_cell(&row, 2, "");
	assert_cell(&row, 3, "d");
	/* The cells point into the line itself. */
	assert_ptr_equal(row.cell[0], buf);
	assert_ptr_equal(row.cell[3], buf + 6);
}

/* Leading and trailing tabs make empty first and last cells. */
static void
test_split_empty_edges(void **state)
{
	char buf[256];
	struct tsv_row row;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "", &row), 0);
	assert_int_equal(row.n, 1);
	assert_cell(&row, 0, "");
	assert_int_equal(split(buf, sizeof(buf), "\t", &row), 0);
	assert_int_equal(row.n, 2);
	assert_cell(&row, 0, "");
	assert_cell(&row, 1, "");
	assert_int_equal(split(buf, sizeof(buf), "\tx\t", &row), 0);
	assert_int_equal(row.n, 3);
	assert_cell(&row, 0, "");
	assert_cell(&row, 1, "x");
	assert_cell(&row, 2, "");
}

/* One level of surrounding quotes is stripped, no more. */
static void
test_split_quotes(void **state)
{
	char buf[256];
	struct tsv_row row;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
	    "\"quoted\"\t\"\"\t\"\t\"\"x\"\"\t\"a\"b\"\t\"open\tclose\"\t"
	    "say \"hi\"\t\"\"\"", &row), 0);
	assert_int_equal(row.n, 9);
	assert_cell(&row, 0, "quoted");
	assert_cell(&row, 1, "");		/* "" is empty */
	assert_cell(&row, 2, "\"");		/* a lone quote is kept */
	assert_cell(&row, 3, "\"x\"");		/* one level only */
	assert_cell(&row, 4, "a\"b");
	assert_cell(&row, 5, "\"open");	/* quotes do not hide tabs */
	assert_cell(&row, 6, "close\"");
	assert_cell(&row, 7, "say \"hi\"");
	assert_cell(&row, 8, "\"");		/* """ loses one pair */
}

/* A NUL inside the line does not end the row early. */
static void
test_split_length_not_nul(void **state)
{
	char line[] = "a\0b\tc";
	struct tsv_row row;

	(void)state;
	assert_int_equal(tsv_split(line, 5, &row), 0);
	assert_int_equal(row.n, 2);
	assert_int_equal(row.len[0], 3);
	assert_memory_equal(row.cell[0], "a\0b", 3);
	assert_cell(&row, 1, "c");
}

/* MAX_FIELDS cells are fine; one more is refused. */
static void
test_split_max_fields(void **state)
{
	char buf[4 * MAX_FIELDS + 16];
	struct tsv_row row;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < MAX_FIELDS; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%zu",
		    i ? "\t" : "", i);
	assert_int_equal(tsv_split(buf, n, &row), 0);
	assert_int_equal(row.n, MAX_FIELDS);
	assert_cell(&row, 0, "0");
	assert_cell(&row, MAX_FIELDS - 1, "127");
	/* Rebuild and add one empty cell more. */
	n = 0;
	for (i = 0; i < MAX_FIELDS; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%zu",
		    i ? "\t" : "", i);
	buf[n++] = '\t';
	buf[n] = '\0';
	assert_int_equal(tsv_split(buf, n, &row), -1);
	/* Many tabs alone are also refused. */
	memset(buf, '\t', 200);
	buf[200] = '\0';
	assert_int_equal(tsv_split(buf, 200, &row), -1);
}

/* Header names compare without case, spaces, '-' or '_'. */
static void
test_name_eq(void **state)
{
	(void)state;
	assert_true(tsv_name_eq("Event Type", "event-type"));
	assert_true(tsv_name_eq("Event Type", "EventType"));
	assert_true(tsv_name_eq("Event Type", "EVENT_TYPE"));
	assert_true(tsv_name_eq("event-type", "EVENT_TYPE"));
	assert_true(tsv_name_eq(" Event  Type ", "eventtype"));
	assert_true(tsv_name_eq("amount-per-unit", "Amount Per Unit"));
	assert_true(tsv_name_eq("", ""));
	assert_false(tsv_name_eq("Event Types", "Event Type"));
	assert_false(tsv_name_eq("Event Type", "Event Types"));
	assert_false(tsv_name_eq("Event", "Event Type"));
	assert_false(tsv_name_eq("Event.Type", "Event Type"));
	assert_false(tsv_name_eq("sku", "fnsku"));
	assert_false(tsv_name_eq("", "sku"));
	assert_false(tsv_name_eq("sku", ""));
}

/* Columns are found by name in any order; optional ones may be -1. */
static void
test_map(void **state)
{
	static const struct tsv_column cols[] = {
		{ "Date", 1 }, { "Event Type", 1 },
		{ "Reconciled Quantity", 0 }, { "FNSKU", 1 }, { "Store", 0 },
	};
	char buf[256];
	struct tsv_row hdr;
	int index[5] = { 9, 9, 9, 9, 9 };

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
	    "fnsku\tunknown extra\t\"date\"\tstore\tevent-type", &hdr), 0);
	assert_null(tsv_map(&hdr, cols, 5, index));
	assert_int_equal(index[0], 2);
	assert_int_equal(index[1], 4);
	assert_int_equal(index[2], -1);
	assert_int_equal(index[3], 0);
	assert_int_equal(index[4], 3);
}

/* A missing required column is named; the first missing one. */
static void
test_map_missing_required(void **state)
{
	static const struct tsv_column cols[] = {
		{ "Date", 1 }, { "Reason", 0 }, { "Quantity", 1 },
		{ "Country", 1 },
	};
	char buf[256];
	struct tsv_row hdr;
	int index[4];

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "Date\tCountry", &hdr), 0);
	assert_string_equal(tsv_map(&hdr, cols, 4, index), "Quantity");
	assert_int_equal(split(buf, sizeof(buf), "Date\tQuantity", &hdr), 0);
	assert_string_equal(tsv_map(&hdr, cols, 4, index), "Country");
	/* "Quantities" is not "Quantity". */
	assert_int_equal(split(buf, sizeof(buf),
	    "Date\tQuantities\tCountry", &hdr), 0);
	assert_string_equal(tsv_map(&hdr, cols, 4, index), "Quantity");
	/* Optional missing alone is fine. */
	assert_int_equal(split(buf, sizeof(buf),
	    "Country\tQuantity\tDate", &hdr), 0);
	assert_null(tsv_map(&hdr, cols, 4, index));
	assert_int_equal(index[0], 2);
	assert_int_equal(index[1], -1);
	assert_int_equal(index[2], 1);
	assert_int_equal(index[3], 0);
}

/* tsv_has needs every named column, in any spelling. */
static void
test_has(void **state)
{
	static const char *const want[] = { "settlement-id", "amount-type",
	    NULL };
	static const char *const none[] = { NULL };
	char buf[256];
	struct tsv_row hdr;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
	    "Settlement ID\tx\tAMOUNT_TYPE", &hdr), 0);
	assert_true(tsv_has(&hdr, want));
	assert_true(tsv_has(&hdr, none));
	assert_int_equal(split(buf, sizeof(buf), "settlement-id\tamount",
	    &hdr), 0);
	assert_false(tsv_has(&hdr, want));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_plain),
		cmocka_unit_test(test_split_empty_edges),
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_length_not_nul),
		cmocka_unit_test(test_split_max_fields),
		cmocka_unit_test(test_name_eq),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_missing_required),
		cmocka_unit_test(test_has),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
