/*
 * Importing one report file into a seller's store: one file, one
 * transaction. A file already imported (same SHA-256) is skipped; a bad
 * row rejects the whole file and commits nothing, unless lenient, when bad
 * rows are skipped, counted and recorded.
 */
#ifndef FBAUDIT_IMPORT_H
#define FBAUDIT_IMPORT_H

#include <stdint.h>

#include "ingest/charset.h"
#include "lib/limits.h"

struct store;

struct import_opts {
	const char	*type;		/* report type name; NULL: detect */
	int		 lenient;
	enum charset	 charset;	/* of a TSV; XML declares its own */
	/*
	 * The seller's home country (ISO 3166, two letters), for a ledger
	 * without a Country column; NULL: the store's other reports tell.
	 */
	const char	*country;
	int		 has_range;	/* the range a fetch asked for */
	int32_t		 range_lo, range_hi;
};

enum import_status {
	IMPORT_DONE,
	IMPORT_SKIPPED,		/* already imported */
	IMPORT_REJECTED,	/* bad input: nothing committed */
	IMPORT_FAILED		/* the store failed: nothing committed */
};

struct import_result {
	enum import_status	 status;
	const char		*type;		/* static; NULL if unknown */
	int64_t			 file_id;
	int64_t			 rows;
	int64_t			 bad;
	int32_t			 lo, hi;	/* days replaced; lo > hi */
	char			 message[MAX_ERROR_TEXT + 128];
};

/* Imports the file at path into st. Returns res->status. */
enum import_status import_file(struct store *st, const char *path,
		    const struct import_opts *opts, struct import_result *res);

#endif
