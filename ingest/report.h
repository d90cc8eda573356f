/*
 * The report types fbaudit imports, as a table: adding a type is one
 * parser file plus one row in report.c. The type of a file comes from its
 * content (header row, XML root, JSON shape), never its name.
 */
#ifndef FBAUDIT_REPORT_H
#define FBAUDIT_REPORT_H

#include <stddef.h>

#include "ingest/tsv.h"
#include "store/facts.h"

struct ingest;

enum report_format {
	REPORT_TSV,
	REPORT_XML,
	REPORT_JSON
};

struct report_kind {
	const char		*name;		/* --type and files.type */
	enum report_format	 format;
	enum store_fact		 table;
	/* TSV (and CSV): the columns read, in the order of the parser's enum. */
	const struct tsv_column	*columns;
	size_t			 ncolumns;
	/* TSV: a header with all of these is this type (NULL-ended). */
	const char *const	*signature;
	/* Whether a file replaces the table's rows in its date range. */
	int			 range_replace;
	/*
	 * TSV: called once the header is mapped (ig->col), before the
	 * rows; NULL for none. 0, -1 bad file, INGEST_FATAL.
	 */
	int			(*begin)(struct ingest *ig);
	/* TSV: reads ig->row. 0, -1 bad row, INGEST_FATAL. */
	int			(*row)(struct ingest *ig);
	/* XML, JSON: reads the whole stream. 0, -1 bad, INGEST_FATAL. */
	int			(*parse)(struct ingest *ig);
};

extern const struct report_kind ledger_kind;
extern const struct report_kind reimbursements_kind;
extern const struct report_kind returns_kind;
extern const struct report_kind removal_orders_kind;
extern const struct report_kind removal_shipments_kind;
extern const struct report_kind settlement_kind;
extern const struct report_kind settlement_xml_kind;
extern const struct report_kind inbound_kind;
extern const struct report_kind unit_costs_kind;

/* The report type named name, or NULL. */
const struct report_kind *report_by_name(const char *name);
/* The TSV report type whose signature header matches, or NULL. */
const struct report_kind *report_detect_tsv(const struct tsv_row *header);
/* The report type of a non-TSV file from its first bytes, or NULL. */
const struct report_kind *report_detect_start(const char *p, size_t n);
/* Writes the report type names, comma-separated, into out. */
void	 report_names(char *out, size_t size);

#endif
