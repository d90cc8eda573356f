#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/date.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/text.h"
#include "reports/anomalies_list.h"
#include "reports/csv.h"
#include "store/anomalies.h"

/* docs/design.md §8: stable columns, in this order. */
static const char *const anomalies_columns[] = {
	"anomaly_id", "seller_id", "kind", "severity", "status", "opened_at",
	"subject", "detail",
};

struct anomalies_list {
	struct listout	 lo;
};

struct anomalies_list *
anomalies_list_begin(FILE *fp, enum listout_format format)
{
	struct anomalies_list *l = xcalloc(1, sizeof(*l));
	char header[120];

	snprintf(header, sizeof(header), "%-17s %-14s %-16s %-6s %-8s %-10s "
	    "%s\n", "anomaly_id", "seller", "kind", "sev", "status", "due",
	    "subject");
	listout_begin(&l->lo, fp, format, anomalies_columns,
	    sizeof(anomalies_columns) / sizeof(anomalies_columns[0]), header);
	return l;
}

void
anomalies_list_add(struct anomalies_list *l, const char *seller,
    const struct anomaly_row *a)
{
	char opened[TIME_STRLEN], due[DATE_STRLEN], money[32], subj[200];
	json_t *o;

	if (l->lo.failed)
		return;
	date_format_time(a->opened_at, opened);
	if (a->deadline != 0)
		date_format(a->deadline, due);
	else
		snprintf(due, sizeof(due), "-");
	switch (l->lo.format) {
	case LISTOUT_CSV:
		csv_cell(&l->lo.csv, a->anomaly_id);
		csv_cell(&l->lo.csv, seller);
		csv_cell(&l->lo.csv, a->kind);
		csv_cell(&l->lo.csv, a->severity);
		csv_cell(&l->lo.csv, a->status);
		csv_number(&l->lo.csv, opened);
		csv_cell(&l->lo.csv, a->subject);
		csv_cell(&l->lo.csv, a->detail);
		csv_row_end(&l->lo.csv);
		break;
	case LISTOUT_JSON:
		if ((o = json_object()) == NULL) {
			l->lo.failed = 1;
			return;
		}
		listout_json_str(o, "anomaly_id", a->anomaly_id);
		listout_json_str(o, "seller_id", seller);
		listout_json_str(o, "kind", a->kind);
		listout_json_str(o, "period", a->period);
		listout_json_str(o, "severity", a->severity);
		listout_json_str(o, "status", a->status);
		listout_json_str(o, "opened_at", opened);
		listout_json_str(o, "deadline", a->deadline ? due : NULL);
		listout_json_str(o, "amount", a->currency ?
		    num_format_amount(a->amount, a->currency, money,
		    sizeof(money)) : NULL);
		listout_json_str(o, "currency", a->currency);
		listout_json_str(o, "subject", a->subject);
		listout_json_str(o, "detail", a->detail);
		listout_json_str(o, "advice", a->advice);
		listout_json(&l->lo, o);
		break;
	default:
		if (fprintf(l->lo.fp, "%-17s %-14.14s %-16s %-6s %-8s %-10s %s\n",
		    a->anomaly_id, seller, a->kind, a->severity, a->status, due,
		    text_terminal(subj, sizeof(subj), a->subject,
		    sizeof(subj) - 1)) < 0)
			l->lo.failed = 1;
		break;
	}
}

int
anomalies_list_finish(struct anomalies_list *l)
{
	int rc = listout_finish(&l->lo);

	free(l);
	return rc;
}
