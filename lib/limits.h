/*
 * Every limit fbaudit puts on outside input, in one place.
 * A file that crosses one is refused with the limit's name in the error.
 */
#ifndef FBAUDIT_LIMITS_H
#define FBAUDIT_LIMITS_H

/*
 * Longest line of a TSV report, and longest record of a CSV (its lines
 * together: a quoted cell may hold line breaks), bytes. Amazon's longest
 * rows are ~2 KiB.
 */
#define MAX_LINE		(64 * 1024)
/* Most cells in one TSV row (the settlement flat file has 24). */
#define MAX_FIELDS		128
/* Longest single cell, bytes: titles and comments are the long ones. */
#define MAX_CELL		(16 * 1024)
/* Most bytes a report may inflate to (a 1 GB ledger must fit). */
#define MAX_REPORT_BYTES	(16LL * 1024 * 1024 * 1024)
/* Inflated/compressed ratio above which a gzip is a bomb, once past */
#define MAX_GZIP_RATIO		200
/* ... this many inflated bytes (small files may compress very well). */
#define GZIP_RATIO_GRACE	(16LL * 1024 * 1024)
/* Deepest XML element nesting (settlement XML is 8 deep). */
#define MAX_XML_DEPTH		32
/* Longest XML text node or attribute value, bytes. */
#define MAX_XML_TEXT		(64 * 1024)
/* Largest JSON document (inbound shipments), bytes inflated. */
#define MAX_JSON_BYTES		(64LL * 1024 * 1024)
/* Longest seller id: Amazon merchant ids are 13-14 characters. */
#define MAX_SELLER_ID		64
/* Largest unit count one report row may carry, either sign. */
#define MAX_QUANTITY		10000000
/* Most columns one report type reads. */
#define MAX_REPORT_COLUMNS	32
/*
 * The floor speed of a transfer, bytes/s, and the time it may take
 * besides: a transfer ends within TRANSFER_GRACE + size / TRANSFER_MIN_RATE
 * seconds, the size being what the server announced (configurable:
 * transfer_min_rate, transfer_grace). 1 GiB may take 9 hours.
 */
#define TRANSFER_MIN_RATE	32768
#define TRANSFER_GRACE		60.0
/* Longest error message kept for one bad row. */
#define MAX_ERROR_TEXT		512

#endif
