/*
 * What the parts of the seller's dashboard share (reports/dashboard.c
 * reads the store and orders the page; dashboard_charts.c,
 * dashboard_claims.c and dashboard_attention.c render its sections).
 * Private to reports/dashboard*.c.
 */
#ifndef FBAUDIT_DASHBOARD_INT_H
#define FBAUDIT_DASHBOARD_INT_H

#include <stdint.h>

#include "lib/l10n.h"
#include "lib/vocab.h"
#include "reports/html.h"
#include "reports/page.h"
#include "store/settings.h"

struct report_opts;
struct store;

/*
 * The claim statuses in the order the status chart shows them
 * (dashboard.c; a count that differs from DASH_NSTATUS does not compile).
 */
#define DASH_NSTATUS		10
extern const enum claim_status dash_statuses[DASH_NSTATUS];

/* How many report types a seller is expected to have imported
 * (dash_expected, dashboard_attention.c). */
#define DASH_NEXPECTED		7

struct dash_month {
	int	 year, month;
	char	 currency[4];
	int64_t	 amount, count;
};

struct dash {
	struct html		 h;
	struct l10n		 l;
	struct store		*st;
	const struct report_opts *o;
	int32_t			 today;
	int64_t			 now;
	char			 cur[4];	/* the page's main currency */
	struct page_sum		 recovered, claimable, expiring, lost;
	struct page_sum		 by_fbaudit;	/* paid to filed claims */
	int64_t			 n_reimb, n_claimable, n_expiring, n_lost;
	int64_t			 n_ready;
	int64_t			 u_claimable, u_expiring, u_lost;
	int64_t			 n_status[DASH_NSTATUS];
	struct page_sum		 s_status[DASH_NSTATUS];
	int64_t			 n_claims, n_act;
	struct dash_month	*months;
	size_t			 nmonths;
	struct page_sum		 claim_cur;	/* claims per currency */
	int			 seen_expected[DASH_NEXPECTED];
	int			 act;		/* table: act (1) or other */
	int			 rows;		/* rows of the table so far */
	int			 failed;	/* a store read failed */
	int			 self_filing;	/* the seller files alone */
	struct store_settings	 kept;		/* in its store (§2) */
	/* The end of last night's run (store_csm_since): what appeared
	 * after it is marked new; 0 (no night before): nothing is. */
	int64_t			 since;
};

/* Appends the "new" mark if appeared is after last night's run. */
void	 dash_new(struct dash *d, int64_t appeared);
/* The index of status in dash_statuses, or -1. */
int	 dash_status_index(enum claim_status status);
/* Opens a table cell that names its column (a card's line on a phone). */
void	 dash_td(struct dash *d, const char *col, const char *cls);
/* A table cell holding only text. */
void	 dash_td_text(struct dash *d, const char *col, const char *cls,
	    const char *text);

/* The recovered-per-month charts and what fbaudit's claims were paid. */
void	 dash_chart_months(struct dash *d);
/* Claims by status, as HTML bars. */
void	 dash_chart_status(struct dash *d);
/* The claims a person must submit, with the text to paste; or nothing. */
void	 dash_ready(struct dash *d);
/* The claims to act on (act) or the others, in deadline order. */
void	 dash_claims(struct dash *d, int act);
/* The active anomalies, or a line saying there is none. */
void	 dash_anomalies(struct dash *d);
/* How fresh each report type is, the expected ones never imported too. */
void	 dash_freshness(struct dash *d);

#endif
