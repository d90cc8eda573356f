#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/anomtext.h"
#include "lib/date.h"
#include "lib/figures.h"
#include "lib/l10n.h"
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
	struct l10n	 en;	/* lists speak English, as the CLI does */
};

struct anomalies_list *
anomalies_list_begin(FILE *fp, enum listout_format format)
{
	struct anomalies_list *l = xcalloc(1, sizeof(*l));
	char header[120];

	if (l10n_init(&l->en, "en") == -1)
		abort();	/* en is compiled in: cannot be missing */
	snprintf(header, sizeof(header), "%-17s %-14s %-16s %-6s %-9s %-10s "
	    "%s\n", "anomaly_id", "seller", "kind", "sev", "status", "due",
	    "subject");
	listout_begin(&l->lo, fp, format, anomalies_columns,
	    sizeof(anomalies_columns) / sizeof(anomalies_columns[0]), header);
	return l;
}

/* The figures as a JSON object of strings, in the order they were set. */
static json_t *
anomalies_figures_json(const char *text)
{
	struct figures f;
	json_t *o = json_object();
	size_t i;

	figures_init(&f);
	(void)figures_decode(&f, text);
	for (i = 0; i < f.n && o != NULL; i++)
		json_object_set_new(o, f.key[i], json_string(f.val[i]));
	figures_free(&f);
	return o;
}

/* Who changed it, when and why: "acked_*" and "changed_*" keys. */
static void
anomalies_who_json(json_t *o, const char *prefix, const char *by,
    int64_t at, const char *note)
{
	char key[32], t[TIME_STRLEN];

	snprintf(key, sizeof(key), "%s_by", prefix);
	listout_json_str(o, key, by);
	snprintf(key, sizeof(key), "%s_at", prefix);
	listout_json_str(o, key, by ? date_format_time(at, t) : NULL);
	snprintf(key, sizeof(key), "%s_note", prefix);
	listout_json_str(o, key, by ? note : NULL);
}

void
anomalies_list_add(struct anomalies_list *l, const char *seller,
    const struct anomaly_row *a)
{
	char opened[TIME_STRLEN], due[DATE_STRLEN], money[32], subj[1024];
	struct anomtext tx;
	json_t *o;

	if (l->lo.failed)
		return;
	anomtext_render(&l->en, a->kind, a->figures, a->subject, a->detail,
	    a->advice, &tx);
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
		csv_cell(&l->lo.csv, anomaly_state_name(a->status));
		csv_number(&l->lo.csv, opened);
		csv_cell(&l->lo.csv, tx.subject);
		csv_cell(&l->lo.csv, tx.detail);
		csv_row_end(&l->lo.csv);
		break;
	case LISTOUT_JSON:
		if ((o = json_object()) == NULL) {
			l->lo.failed = 1;
			break;
		}
		listout_json_str(o, "anomaly_id", a->anomaly_id);
		listout_json_str(o, "seller_id", seller);
		listout_json_str(o, "kind", a->kind);
		listout_json_str(o, "period", a->period);
		listout_json_str(o, "severity", a->severity);
		listout_json_str(o, "status", anomaly_state_name(a->status));
		listout_json_str(o, "opened_at", opened);
		listout_json_str(o, "deadline", a->deadline ? due : NULL);
		listout_json_str(o, "amount", a->currency ?
		    num_format_amount(a->amount, a->currency, money,
		    sizeof(money)) : NULL);
		listout_json_str(o, "currency", a->currency);
		listout_json_str(o, "subject", tx.subject);
		listout_json_str(o, "detail", tx.detail);
		listout_json_str(o, "advice", tx.advice);
		anomalies_who_json(o, "acked", a->ack_by, a->ack_at,
		    a->ack_note);
		anomalies_who_json(o, "changed", a->last_by, a->last_at,
		    a->last_note);
		json_object_set_new(o, "figures", a->figures ?
		    anomalies_figures_json(a->figures) : json_null());
		listout_json(&l->lo, o);
		break;
	default:
		if (fprintf(l->lo.fp, "%-17s %-14s %-16s %-6s %-9s %-10s %s\n",
		    a->anomaly_id, seller, a->kind, a->severity,
		    anomaly_state_name(a->status), due,
		    text_terminal(subj, sizeof(subj), tx.subject,
		    sizeof(subj) - 1)) < 0)
			l->lo.failed = 1;
		break;
	}
	anomtext_free(&tx);
}

int
anomalies_list_finish(struct anomalies_list *l)
{
	int rc = listout_finish(&l->lo);

	free(l);
	return rc;
}
