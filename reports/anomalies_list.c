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

/* DESIGN 8: stable columns, in this order. */
static const char *const anomalies_columns[] = {
	"anomaly_id", "seller_id", "kind", "severity", "status", "opened_at",
	"subject", "detail",
};

struct anomalies_list {
	FILE			*fp;
	enum claims_format	 format;
	struct csv		 csv;
	json_t			*json;
	int			 failed;
};

struct anomalies_list *
anomalies_list_begin(FILE *fp, enum claims_format format)
{
	struct anomalies_list *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->fp = fp;
	l->format = format;
	if (format == CLAIMS_CSV) {
		csv_init(&l->csv, fp);
		for (i = 0; i < sizeof(anomalies_columns) /
		    sizeof(anomalies_columns[0]); i++)
			csv_cell(&l->csv, anomalies_columns[i]);
		csv_row_end(&l->csv);
	} else if (format == CLAIMS_JSON) {
		if ((l->json = json_array()) == NULL)
			l->failed = 1;
	} else
		fprintf(fp, "%-17s %-14s %-16s %-6s %-8s %-10s %s\n",
		    "anomaly_id", "seller", "kind", "sev", "status", "due",
		    "subject");
	return l;
}

static void
anomalies_json_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s != NULL && *s != '\0' ?
	    json_string(s) : json_null());
}

void
anomalies_list_add(struct anomalies_list *l, const char *seller,
    const struct anomaly_row *a)
{
	char opened[TIME_STRLEN], due[DATE_STRLEN], money[32], subj[200];
	json_t *o;

	if (l->failed)
		return;
	date_format_time(a->opened_at, opened);
	if (a->deadline != 0)
		date_format(a->deadline, due);
	else
		snprintf(due, sizeof(due), "-");
	switch (l->format) {
	case CLAIMS_CSV:
		csv_cell(&l->csv, a->anomaly_id);
		csv_cell(&l->csv, seller);
		csv_cell(&l->csv, a->kind);
		csv_cell(&l->csv, a->severity);
		csv_cell(&l->csv, a->status);
		csv_number(&l->csv, opened);
		csv_cell(&l->csv, a->subject);
		csv_cell(&l->csv, a->detail);
		csv_row_end(&l->csv);
		break;
	case CLAIMS_JSON:
		if ((o = json_object()) == NULL) {
			l->failed = 1;
			return;
		}
		anomalies_json_str(o, "anomaly_id", a->anomaly_id);
		anomalies_json_str(o, "seller_id", seller);
		anomalies_json_str(o, "kind", a->kind);
		anomalies_json_str(o, "period", a->period);
		anomalies_json_str(o, "severity", a->severity);
		anomalies_json_str(o, "status", a->status);
		anomalies_json_str(o, "opened_at", opened);
		anomalies_json_str(o, "deadline", a->deadline ? due : NULL);
		anomalies_json_str(o, "amount", a->currency ?
		    num_format_amount(a->amount, a->currency, money,
		    sizeof(money)) : NULL);
		anomalies_json_str(o, "currency", a->currency);
		anomalies_json_str(o, "subject", a->subject);
		anomalies_json_str(o, "detail", a->detail);
		anomalies_json_str(o, "advice", a->advice);
		if (json_array_append_new(l->json, o) == -1)
			l->failed = 1;
		break;
	default:
		if (fprintf(l->fp, "%-17s %-14.14s %-16s %-6s %-8s %-10s %s\n",
		    a->anomaly_id, seller, a->kind, a->severity, a->status, due,
		    text_terminal(subj, sizeof(subj), a->subject,
		    sizeof(subj) - 1)) < 0)
			l->failed = 1;
		break;
	}
}

int
anomalies_list_finish(struct anomalies_list *l)
{
	int rc = l->failed ? -1 : 0;

	if (l->format == CLAIMS_CSV && csv_finish(&l->csv) == -1)
		rc = -1;
	if (l->format == CLAIMS_JSON && l->json != NULL) {
		if (rc == 0 && (json_dumpf(l->json, l->fp, JSON_INDENT(2) |
		    JSON_ENSURE_ASCII) == -1 || fputc('\n', l->fp) == EOF))
			rc = -1;
		json_decref(l->json);
	}
	if (fflush(l->fp) == EOF)
		rc = -1;
	free(l);
	return rc;
}
