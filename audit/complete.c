/*
 * Whether a claim may be filed now (issue 15 §1, docs/design.md §9): every report
 * its rule reads must be complete through the claim's evidence and
 * through today less the report's usual lag, and its product must be
 * named; otherwise it waits, and the reason is kept with the claim.
 *
 * "Complete through" a day, per report (docs/rules.md, "Filing waits for
 * complete reports"):
 * - a seller fbaudit fetches: the last whole day before the report
 *   type's gapless end in the store (fetch_types.complete_end, moved
 *   only past reports that arrived), which must reach the claim's last
 *   evidence day and today less the report's lag: Amazon's rows of the
 *   last `lag` days may be missing even from a report made tonight, so
 *   no more can be asked; a report that did not arrive for longer than
 *   that holds the claims that read it;
 * - a seller with no fetch at all (imported by hand): the latest day the
 *   imported files of the type cover (the range a fetch asked for, else
 *   the span of their rows' dates), which must reach the claim's last
 *   evidence day. fbaudit cannot know what Amazon has not reported yet
 *   for such a seller; the files are what the seller vouches for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "audit/audit_int.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/mem.h"
#include "store/fetchstate.h"
#include "store/reportdata.h"

/*
 * The reports the rules read, the name the fetch keeps them under
 * (Amazon's reportType, as market/reports.c asks for it) and how many
 * days Amazon's rows of a day take to appear in them. Sources: Amazon's
 * "Fulfillment by Amazon (FBA) Reports" (developer-docs.amazon.com/
 * sp-api/docs/fba-sales-reports-attributes): these are daily reports,
 * generated at most every four hours, so a day's events are in them the
 * next day (lag 1); reimbursements and customer returns are processed
 * before they are reported, typically 1 to 3 days (issue 15), so 3.
 * Settlements are not read to cancel anything (their refunds are the
 * evidence) and inbound shipments carry no dates: neither is here.
 */
static const struct complete_report {
	const char	*name;		/* files.type */
	const char	*fetch;		/* fetch_types.report_type */
	int		 lag;		/* days */
	const char	*says;		/* for people */
} complete_reports[] = {
	{ "ledger", "GET_LEDGER_DETAIL_VIEW_DATA", 1, "inventory ledger" },
	{ "reimbursements", "GET_FBA_REIMBURSEMENTS_DATA", 3,
	    "reimbursements" },
	{ "returns", "GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA", 3,
	    "customer returns" },
	{ "removal_orders", "GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA", 1,
	    "removal orders" },
	{ "removal_shipments",
	    "GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA", 1,
	    "removal shipments" },
};

#define COMPLETE_NREPORTS \
	(sizeof(complete_reports) / sizeof(complete_reports[0]))

/* What the store says of each report, loaded once per audit. */
struct complete_state {
	int	 fetched;			/* the seller is fetched */
	int	 known[COMPLETE_NREPORTS];
	int32_t	 through[COMPLETE_NREPORTS];	/* see the top comment */
};

static int
complete_fetch_row(void *ctx, const struct store_fetch_type *t)
{
	struct complete_state *cs = ctx;
	size_t i;

	cs->fetched = 1;
	for (i = 0; i < COMPLETE_NREPORTS; i++)
		if (strcmp(complete_reports[i].fetch, t->report_type) == 0 &&
		    t->has_end) {
			cs->known[i] = 1;
			/* The day the gapless data ends: whole days before. */
			cs->through[i] = date_day_of(t->complete_end);
		}
	return 0;
}

static int
complete_file_row(void *ctx, const struct report_freshness_row *r)
{
	struct complete_state *cs = ctx;
	size_t i;

	for (i = 0; i < COMPLETE_NREPORTS; i++)
		if (strcmp(complete_reports[i].name, r->type) == 0 &&
		    r->has_through) {
			cs->known[i] = 1;
			cs->through[i] = r->through;
		}
	return 0;
}

/*
 * Loads what the store says of each report: the fetch's, else (files
 * set) the imported files'. Returns 0 or -1.
 */
static int
complete_load(struct store *st, struct complete_state *cs, int files)
{
	memset(cs, 0, sizeof(*cs));
	if (store_fetch_types_scan(st, complete_fetch_row, cs) != 0)
		return -1;
	if (cs->fetched || !files)
		return 0;
	return store_report_freshness(st, complete_file_row, cs) != 0 ?
	    -1 : 0;
}

static const struct complete_report *
complete_report_find(const char *name, size_t *at)
{
	size_t i;

	for (i = 0; i < COMPLETE_NREPORTS; i++)
		if (strcmp(complete_reports[i].name, name) == 0) {
			*at = i;
			return &complete_reports[i];
		}
	return NULL;
}

int
audit_hold(struct audit *a, const struct finding *f,
    const char *const *reads, char *why, size_t size)
{
	const struct complete_report *r;
	struct complete_state *cs = a->complete;
	struct buf b;
	char d[DATE_STRLEN], n[DATE_STRLEN];
	int32_t last = INT32_MIN, need;
	size_t i, k;

	why[0] = '\0';
	/* Amazon's case forms name the product by FNSKU. */
	if (f->fnsku == NULL || f->fnsku[0] == '\0') {
		snprintf(why, size, "the product cannot be named yet: no "
		    "report names the FNSKU of SKU %s", f->sku ? f->sku :
		    (f->msku ? f->msku : "?"));
		return 1;
	}
	if (cs == NULL) {
		cs = a->complete = xcalloc(1, sizeof(*cs));
		if (complete_load(a->st, cs, 1) == -1)
			return -1;
	}
	for (i = 0; i < f->nev; i++)
		if (strcmp(f->ev[i].role, "evidence") == 0 &&
		    f->ev[i].day > last)
			last = f->ev[i].day;
	buf_init(&b, 0);
	for (i = 0; reads != NULL && reads[i] != NULL; i++) {
		if ((r = complete_report_find(reads[i], &k)) == NULL)
			continue;
		if (!cs->known[k]) {
			buf_printf(&b, "%s%s report never %s", b.len ? "; " :
			    "", r->says, cs->fetched ? "arrived" :
			    "imported");
			continue;
		}
		if (cs->fetched) {
			/* The last whole day fetched, against today less
			 * the lag and the claim's evidence. */
			need = a->today - r->lag;
			if (last != INT32_MIN && last > need)
				need = last;
			if (cs->through[k] - 1 >= need)
				continue;
			buf_printf(&b, "%s%s fetched through %s, needed "
			    "through %s", b.len ? "; " : "", r->says,
			    date_format(cs->through[k] - 1, d),
			    date_format(need, n));
		} else if (last != INT32_MIN && cs->through[k] < last) {
			buf_printf(&b, "%s%s imported through %s, the "
			    "evidence runs to %s", b.len ? "; " : "", r->says,
			    date_format(cs->through[k], d), date_format(last,
			    n));
		}
	}
	if (b.len > 0)
		snprintf(why, size, "waiting for Amazon's reports: %s", b.data);
	buf_free(&b);
	return why[0] != '\0';
}

void
audit_complete_free(struct audit *a)
{
	free(a->complete);
	a->complete = NULL;
}

int
audit_night_missing(struct store *st, int32_t today, char *out,
    size_t size)
{
	struct complete_state cs;
	struct buf b;
	char d[DATE_STRLEN];
	size_t i;
	int n = 0;

	if (complete_load(st, &cs, 0) == -1)
		return -1;
	buf_init(&b, 0);
	for (i = 0; i < COMPLETE_NREPORTS; i++) {
		if (cs.known[i] && cs.through[i] >= today)
			continue;
		if (cs.known[i])
			buf_printf(&b, "%s%s (through %s)", n ? ", " : "",
			    complete_reports[i].says, date_format(
			    cs.through[i] - 1, d));
		else
			buf_printf(&b, "%s%s (none)", n ? ", " : "",
			    complete_reports[i].says);
		n++;
	}
	snprintf(out, size, "%s", b.data ? b.data : "");
	buf_free(&b);
	return n;
}
