/*
 * libFuzzer: the CSV reader (ingest/rows.h over ingest/reader.h) on
 * arbitrary bytes, as a file. The first byte picks the charset (UTF-8,
 * Windows-1252, Windows-31J, EUC-JP); "a,b\n" comes before the rest, so
 * the file is always read as a CSV. For every record: it ends or fails
 * cleanly; a row read has at most MAX_FIELDS cells, each NUL-terminated
 * at its length, valid UTF-8 without NUL; records are numbered in order
 * by their first line; and a row written back as RFC 4180 (every cell
 * quoted, quotes doubled) splits into the same cells.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/charset.h"
#include "ingest/csv.h"
#include "ingest/reader.h"
#include "ingest/rows.h"
#include "lib/limits.h"

int	LLVMFuzzerInitialize(int *argc, char ***argv);
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char	 fuzz_path[512];
/* A row written back as CSV: each byte at most twice, plus quotes. */
static char	 fuzz_back[2 * 3 * MAX_LINE + 4 * MAX_FIELDS + 16];

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_csv: %s\n", what);
		abort();
	}
}

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *base = getenv("FUZZ_TMPDIR");
	int fd;

	(void)argc;
	(void)argv;
	if (base == NULL || *base == '\0')
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/fuzz-csv.XXXXXX", base);
	fd = mkstemp(fuzz_path);
	check(fd != -1, "cannot make the scratch file");
	close(fd);
	atexit(fuzz_cleanup);
	return 0;
}

/* Writes row back as CSV and checks that it splits the same. */
static void
round_trip(const struct tsv_row *row)
{
	struct tsv_row again;
	size_t i, k, o = 0, bad;

	for (i = 0; i < row->n; i++) {
		if (i > 0)
			fuzz_back[o++] = ',';
		fuzz_back[o++] = '"';
		for (k = 0; k < row->len[i]; k++) {
			if (row->cell[i][k] == '"')
				fuzz_back[o++] = '"';
			fuzz_back[o++] = row->cell[i][k];
		}
		fuzz_back[o++] = '"';
	}
	fuzz_back[o] = '\0';
	check(csv_split(fuzz_back, o, &again, &bad) == CSV_OK,
	    "a row written back does not split");
	check(again.n == row->n, "a row written back has other cells");
	for (i = 0; i < row->n; i++)
		check(again.len[i] == row->len[i] &&
		    memcmp(again.cell[i], row->cell[i], row->len[i]) == 0,
		    "a cell written back reads otherwise");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum charset css[] = { CHARSET_UTF8, CHARSET_CP1252,
	    CHARSET_CP932, CHARSET_EUCJP };
	struct tsv_row row;
	struct reader *rd;
	struct rows *rs;
	char err[256];
	int64_t last = 0, lines = 1;
	size_t i, n = 0;
	FILE *f;
	int r;

	if (size < 1)
		return 0;
	f = fopen(fuzz_path, "wb");
	check(f != NULL, "cannot write the scratch file");
	check(fwrite("a,b\n", 1, 4, f) == 4 &&
	    fwrite(data + 1, 1, size - 1, f) == size - 1 && fclose(f) == 0,
	    "cannot write the scratch file");
	for (i = 1; i < size; i++)
		lines += data[i] == '\n';
	rd = reader_open(fuzz_path, err, sizeof(err));
	check(rd != NULL, "cannot open the scratch file");
	rs = rows_open(rd, css[data[0] % 4]);
	check(rs != NULL, "iconv cannot open a listed charset");
	while ((r = rows_next(rs, &row)) != 0) {
		check(++n <= size + 2, "more records than lines");
		check(rows_format(rs) == ROWS_CSV, "not read as a CSV");
		check(rows_line(rs) > last || (r == -1 &&
		    rows_error_cell(rs) == ROWS_NO_CELL), "line numbers go "
		    "back");
		check(rows_line(rs) <= lines + 1, "a line past the last");
		last = rows_line(rs);
		if (r == -1) {
			check(rows_error(rs)[0] != '\0', "a failure without "
			    "a reason");
			/* The reader's own failures are final. */
			if (rows_error_cell(rs) == ROWS_NO_CELL)
				break;
			continue;
		}
		check(row.n >= 1 && row.n <= MAX_FIELDS, "cell count");
		for (i = 0; i < row.n; i++) {
			check(row.cell[i][row.len[i]] == '\0',
			    "a cell is not NUL-terminated");
			check(memchr(row.cell[i], '\0', row.len[i]) == NULL,
			    "a cell holds a NUL byte");
			check(charset_utf8_valid(row.cell[i], row.len[i]) ==
			    row.len[i], "a cell is not UTF-8");
		}
		round_trip(&row);
	}
	rows_close(rs);
	reader_close(rd);
	return 0;
}
