/*
 * What the reports read from a seller's store besides claims and
 * anomalies: money recovered per month, and how fresh each report type
 * is. Read-only. Functions return 0, the callback's non-zero stop value,
 * or -1 on an SQLite error (store_errmsg).
 */
#ifndef FBAUDIT_REPORTDATA_H
#define FBAUDIT_REPORTDATA_H

#include <stdint.h>

struct store;

/* Amazon's reimbursements of one month in one currency. */
struct report_recovered_row {
	int		 year, month;	/* of the approval, UTC */
	const char	*currency;
	int64_t		 amount;	/* net of reversals, minor units */
	int64_t		 count;		/* reimbursement rows */
};

/* Calls cb for each month and currency with reimbursements, in order. */
int	 store_report_recovered(struct store *st,
	    int (*cb)(void *ctx, const struct report_recovered_row *r),
	    void *ctx);

/* The files imported of one report type. */
struct report_freshness_row {
	const char	*type;		/* ledger, reimbursements, ... */
	int64_t		 files;
	int64_t		 last_import;	/* epoch seconds */
	int		 has_through;
	int32_t		 through;	/* last day the data covers */
};

/* Calls cb for each report type with imported files, by type. */
int	 store_report_freshness(struct store *st,
	    int (*cb)(void *ctx, const struct report_freshness_row *r),
	    void *ctx);

#endif
