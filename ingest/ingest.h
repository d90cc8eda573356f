/*
 * The import of one file in progress, shared by the import driver and the
 * report parsers, with the checked accessors parsers read cells through.
 * An accessor that finds a bad cell records "file:line: Column: reason"
 * and returns -1; the parser returns -1 for the row, and the driver
 * rejects the file (or, with --lenient, skips and records the row).
 */
#ifndef FBAUDIT_INGEST_H
#define FBAUDIT_INGEST_H

#include <stdint.h>

#include "ingest/charset.h"
#include "ingest/tsv.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/limits.h"

struct reader;
struct store;
struct report_kind;

/* A parser's return for an error that ends the file (store, I/O). */
#define INGEST_FATAL	(-2)

struct ingest {
	const char		*name;		/* the file as given */
	struct reader		*rd;
	struct store		*st;
	const struct report_kind *kind;
	int64_t			 file_id;
	int			 lenient;
	enum charset		 charset;
	const char		*country;	/* import_opts.country */
	int64_t			 line;		/* of the row being read */
	struct tsv_row		 row;		/* TSV: the row being read */
	int			 col[MAX_REPORT_COLUMNS];
	int64_t			 rows;		/* rows stored */
	int64_t			 bad;		/* rows left out, recorded */
	int32_t			 lo, hi;	/* span of row dates; lo > hi */
	char			 err[MAX_ERROR_TEXT];
	const char		*err_column;
	void			*state;		/* the parser's own */
};

/* The text of column c of the row ("" when the file lacks the column). */
const char *field(const struct ingest *ig, int c);
/* -1 (recording an error) unless column c is non-empty. */
int	 field_required(struct ingest *ig, int c);
/* Column c as an integer in [min, max]; empty is an error. */
int	 field_int(struct ingest *ig, int c, int64_t min, int64_t max,
	    int64_t *out);
/* As field_int, but empty sets *has = 0 and is no error. */
int	 field_int_opt(struct ingest *ig, int c, int64_t min, int64_t max,
	    int *has, int64_t *out);
/* Column c as money in minor units of currency; empty is an error. */
int	 field_money(struct ingest *ig, int c, const char *currency,
	    int64_t *out);
/* As field_money, but empty sets *has = 0 and is no error. */
int	 field_money_opt(struct ingest *ig, int c, const char *currency,
	    int *has, int64_t *out);
/* Column c as a date or date-time; empty is an error. */
int	 field_date(struct ingest *ig, int c, struct date_parsed *out);
/* As field_date, but empty sets *has = 0 and is no error. */
int	 field_date_opt(struct ingest *ig, int c, int *has,
	    struct date_parsed *out);
/* Column c as an ISO 4217 code (three letters A-Z); empty is an error. */
int	 field_currency(struct ingest *ig, int c);
/*
 * Records that the row is bad: "name:line: column: " then the formatted
 * reason. Returns -1, for "return ingest_bad(...)".
 */
int	 ingest_bad(struct ingest *ig, const char *column, const char *fmt,
	    ...) __attribute__((format(printf, 3, 4)));
/* Records a store failure. Returns INGEST_FATAL. */
int	 ingest_store_failed(struct ingest *ig);
/* Widens the span of dates the file's rows cover. */
void	 ingest_span(struct ingest *ig, int32_t day);
/* The column name of column c of the report being read. */
const char *ingest_column(const struct ingest *ig, int c);

#endif
