/*
 * Unit tests of the tokenizers, ingest/tsv.h and ingest/csv.h: splitting
 * TSV rows and CSV records, quoted cells, knowing when a CSV record goes
 * on past its line, and finding columns (aliases too).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ingest/csv.h"
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

/*
 * The quoted-cell tokenizer: a well-formed quoted cell loses its quotes
 * and each "" in it becomes "; any other cell is taken as it is.
 */
static void
test_split_quotes(void **state)
{
	char buf[256];
	struct tsv_row row;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf),
	    "\"quoted\"\t\"\"\t\"\t\"\"\"\"\t\"say \"\"hi\"\"\"\t"
	    "say \"hi\"\t\"a\"b\"\t\"open\tclose\"\t\"\"x\"\"\t\"\"\"", &row),
	    0);
	assert_int_equal(row.n, 11);
	assert_cell(&row, 0, "quoted");
	assert_cell(&row, 1, "");		/* "" is empty */
	assert_cell(&row, 2, "\"");		/* a lone quote is kept */
	assert_cell(&row, 3, "\"");		/* """" is one quote */
	assert_cell(&row, 4, "say \"hi\"");	/* doubled inside */
	/* Not starting with a quote: as it is (a customer comment). */
	assert_cell(&row, 5, "say \"hi\"");
	/* Starting with one but not well-formed: as it is. */
	assert_cell(&row, 6, "\"a\"b\"");
	assert_cell(&row, 7, "\"open");	/* quotes do not hide tabs */
	assert_cell(&row, 8, "close\"");
	assert_cell(&row, 9, "\"\"x\"\"");
	assert_cell(&row, 10, "\"\"\"");	/* the last quote is open */
}

/* Amazon's API ledger: every cell quoted, the header too. */
static void
test_split_all_quoted(void **state)
{
	char buf[256];
	struct tsv_row row;

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "\"06/03/2025\"\t"
	    "\"X002ABC\"\t\"Mug \"\"Bob's\"\", 12 oz\"\t\"-1\"\t\"\"", &row),
	    0);
	assert_int_equal(row.n, 5);
	assert_cell(&row, 0, "06/03/2025");
	assert_cell(&row, 1, "X002ABC");
	assert_cell(&row, 2, "Mug \"Bob's\", 12 oz");
	assert_cell(&row, 3, "-1");
	assert_cell(&row, 4, "");
}

/* The two primitives the CSV reader shares. */
static void
test_quote_end_unquote(void **state)
{
	char s[] = "ab\"\"c\"d";
	char t[] = "x\"\"y\"\"";

	(void)state;
	/* The closing quote is the first that is not doubled. */
	assert_ptr_equal(tsv_quote_end(s, s + 7), s + 5);
	assert_null(tsv_quote_end(s, s + 2));
	/* A quote at the very end closes (nothing can double it). */
	assert_ptr_equal(tsv_quote_end(s, s + 3), s + 2);
	assert_null(tsv_quote_end(s, s + 4));
	assert_int_equal(tsv_unquote(t, 6), 4);
	assert_memory_equal(t, "x\"y\"", 4);
	assert_int_equal(tsv_unquote(t, 0), 0);
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
		{ "Date", 1, NULL }, { "Event Type", 1, NULL },
		{ "Reconciled Quantity", 0, NULL }, { "FNSKU", 1, NULL },
		{ "Store", 0, NULL },
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
		{ "Date", 1, NULL }, { "Reason", 0, NULL },
		{ "Quantity", 1, NULL }, { "Country", 1, NULL },
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
	assert_true(tsv_has(&hdr, NULL, 0, want));
	assert_true(tsv_has(&hdr, NULL, 0, none));
	assert_int_equal(split(buf, sizeof(buf), "settlement-id\tamount",
	    &hdr), 0);
	assert_false(tsv_has(&hdr, NULL, 0, want));
}

/* A column's aliases find it, in tsv_map and in tsv_has. */
static void
test_aliases(void **state)
{
	static const char *const date_ja[] = { "日付", NULL };
	static const char *const qty_ja[] = { "数量", "個数", NULL };
	static const struct tsv_column cols[] = {
		{ "Date", 1, date_ja }, { "Quantity", 1, qty_ja },
		{ "FNSKU", 1, NULL },
	};
	static const char *const sig[] = { "Date", "FNSKU", NULL };
	char buf[256];
	struct tsv_row hdr;
	int index[3];

	(void)state;
	assert_int_equal(split(buf, sizeof(buf), "FNSKU\t個数\t日付", &hdr),
	    0);
	assert_null(tsv_map(&hdr, cols, 3, index));
	assert_int_equal(index[0], 2);
	assert_int_equal(index[1], 1);
	assert_int_equal(index[2], 0);
	assert_true(tsv_has(&hdr, cols, 3, sig));
	/* Without the report's columns, only the English name counts. */
	assert_false(tsv_has(&hdr, NULL, 0, sig));
	/* The English names still work beside the aliases. */
	assert_int_equal(split(buf, sizeof(buf), "date\tquantity\tfnsku",
	    &hdr), 0);
	assert_null(tsv_map(&hdr, cols, 3, index));
	assert_int_equal(split(buf, sizeof(buf), "FNSKU\t日付", &hdr), 0);
	assert_string_equal(tsv_map(&hdr, cols, 3, index), "Quantity");
}

/* Splits a copy of s (in buf) as a CSV record; csv_split's status. */
static enum csv_status
csplit(char *buf, size_t size, const char *s, struct tsv_row *row,
    size_t *bad)
{
	size_t n = strlen(s);

	assert_true(n < size);
	memcpy(buf, s, n + 1);
	return csv_split(buf, n, row, bad);
}

/* Plain cells, empty ones, tabs inside a cell. */
static void
test_csv_plain(void **state)
{
	char buf[256];
	struct tsv_row row;
	size_t bad;

	(void)state;
	assert_int_equal(csplit(buf, sizeof(buf), "a,bc,,d\te", &row, &bad),
	    CSV_OK);
	assert_int_equal(row.n, 4);
	assert_cell(&row, 0, "a");
	assert_cell(&row, 1, "bc");
	assert_cell(&row, 2, "");
	assert_cell(&row, 3, "d\te");
	assert_int_equal(csplit(buf, sizeof(buf), "", &row, &bad), CSV_OK);
	assert_int_equal(row.n, 1);
	assert_cell(&row, 0, "");
	assert_int_equal(csplit(buf, sizeof(buf), ",", &row, &bad), CSV_OK);
	assert_int_equal(row.n, 2);
}

/* Quoted cells hold commas, line breaks and doubled quotes. */
static void
test_csv_quoted(void **state)
{
	char buf[256];
	struct tsv_row row;
	size_t bad;

	(void)state;
	assert_int_equal(csplit(buf, sizeof(buf),
	    "\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"\",\"\"\"\",x",
	    &row, &bad), CSV_OK);
	assert_int_equal(row.n, 6);
	assert_cell(&row, 0, "a,b");
	assert_cell(&row, 1, "say \"hi\"");
	assert_cell(&row, 2, "line1\nline2");
	assert_cell(&row, 3, "");
	assert_cell(&row, 4, "\"");
	assert_cell(&row, 5, "x");
	/* A quoted last cell, and a quoted empty one alone. */
	assert_int_equal(csplit(buf, sizeof(buf), "x,\"y\"", &row, &bad),
	    CSV_OK);
	assert_cell(&row, 1, "y");
	assert_int_equal(csplit(buf, sizeof(buf), "\"\"", &row, &bad), CSV_OK);
	assert_int_equal(row.n, 1);
	assert_cell(&row, 0, "");
}

/* A cell not starting with a quote keeps its quotes, as they are. */
static void
test_csv_quote_inside_unquoted(void **state)
{
	char buf[256];
	struct tsv_row row;
	size_t bad;

	(void)state;
	assert_int_equal(csplit(buf, sizeof(buf),
	    "Box said \"fragile\",5\" wide,x \"\"y\"\"", &row, &bad), CSV_OK);
	assert_int_equal(row.n, 3);
	assert_cell(&row, 0, "Box said \"fragile\"");
	assert_cell(&row, 1, "5\" wide");
	assert_cell(&row, 2, "x \"\"y\"\"");
	/* A space before the quote: not a quoted cell. */
	assert_int_equal(csplit(buf, sizeof(buf), "a, \"b,c\"", &row, &bad),
	    CSV_OK);
	assert_int_equal(row.n, 3);
	assert_cell(&row, 1, " \"b");
	assert_cell(&row, 2, "c\"");
}

/* Text after a closing quote, or no closing quote: the cell is named. */
static void
test_csv_errors(void **state)
{
	char buf[256];
	struct tsv_row row;
	size_t bad = 99;

	(void)state;
	assert_int_equal(csplit(buf, sizeof(buf), "a,\"b\"c,d", &row, &bad),
	    CSV_AFTER_QUOTE);
	assert_int_equal(bad, 1);
	assert_int_equal(csplit(buf, sizeof(buf), "\"a\" ,b", &row, &bad),
	    CSV_AFTER_QUOTE);
	assert_int_equal(bad, 0);
	assert_int_equal(csplit(buf, sizeof(buf), "a,b,\"c,d", &row, &bad),
	    CSV_UNCLOSED);
	assert_int_equal(bad, 2);
	assert_int_equal(csplit(buf, sizeof(buf), "a,\"", &row, &bad),
	    CSV_UNCLOSED);
	assert_int_equal(bad, 1);
}

/* MAX_FIELDS cells are fine, one more is refused. */
static void
test_csv_max_fields(void **state)
{
	char buf[2 * MAX_FIELDS + 8];
	struct tsv_row row;
	size_t bad;

	(void)state;
	memset(buf, ',', MAX_FIELDS - 1);
	buf[MAX_FIELDS - 1] = '\0';
	assert_int_equal(csv_split(buf, MAX_FIELDS - 1, &row, &bad), CSV_OK);
	assert_int_equal(row.n, MAX_FIELDS);
	memset(buf, ',', MAX_FIELDS);
	buf[MAX_FIELDS] = '\0';
	assert_int_equal(csv_split(buf, MAX_FIELDS, &row, &bad),
	    CSV_TOO_MANY);
}

/* A record goes on while a quoted cell is open at the line's end. */
static void
test_csv_continues(void **state)
{
	(void)state;
	assert_false(csv_continues("a,b", 3, 0));
	assert_false(csv_continues("", 0, 0));
	assert_true(csv_continues("a,\"b", 4, 0));
	assert_true(csv_continues("\"", 1, 0));
	assert_false(csv_continues("\"a\",b", 5, 0));
	/* A doubled quote does not close; a lone one at the end does. */
	assert_true(csv_continues("a,\"b\"\"", 6, 0));
	assert_false(csv_continues("a,\"b\"", 5, 0));
	assert_false(csv_continues("a,\"b,\"\"c\"\"\"", 11, 0));
	/* A quote inside an unquoted cell opens nothing. */
	assert_false(csv_continues("5\" wide,x", 9, 0));
	assert_false(csv_continues("a,b\"c", 5, 0));
	/* Continuation lines start inside the open cell. */
	assert_true(csv_continues("still inside", 12, 1));
	assert_false(csv_continues("end\",next", 9, 1));
	assert_true(csv_continues("end\",\"again", 11, 1));
	assert_true(csv_continues("a \"\" b", 6, 1));
	assert_false(csv_continues("\"", 1, 1));
	/* A continuation line starting with a quote closes the cell. */
	assert_false(csv_continues("\",x", 3, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_plain),
		cmocka_unit_test(test_split_empty_edges),
		cmocka_unit_test(test_split_quotes),
		cmocka_unit_test(test_split_all_quoted),
		cmocka_unit_test(test_quote_end_unquote),
		cmocka_unit_test(test_split_length_not_nul),
		cmocka_unit_test(test_split_max_fields),
		cmocka_unit_test(test_name_eq),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_missing_required),
		cmocka_unit_test(test_has),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_quoted),
		cmocka_unit_test(test_csv_quote_inside_unquoted),
		cmocka_unit_test(test_csv_errors),
		cmocka_unit_test(test_csv_max_fields),
		cmocka_unit_test(test_csv_continues),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
