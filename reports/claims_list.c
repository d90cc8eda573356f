#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/date.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/text.h"
#include "reports/claims_list.h"
#include "reports/csv.h"
#include "store/claims.h"

/* DESIGN 8: stable columns, in this order. */
static const char *const claims_columns[] = {
	"claim_id", "seller_id", "type", "status", "country", "fnsku",
	"msku", "asin", "reference_id", "fulfillment_center", "event_date",
	"quantity", "unit_value", "currency", "amount", "window_opens",
	"window_closes",
};

#define CLAIMS_NCOLUMNS (sizeof(claims_columns) / sizeof(claims_columns[0]))

struct claims_list {
	FILE			*fp;
	enum claims_format	 format;
	struct csv		 csv;
	json_t			*json;
	int			 failed;
};

int
claims_format_parse(const char *name)
{
	if (strcmp(name, "table") == 0)
		return CLAIMS_TABLE;
	if (strcmp(name, "csv") == 0)
		return CLAIMS_CSV;
	if (strcmp(name, "json") == 0)
		return CLAIMS_JSON;
	return -1;
}

struct claims_list *
claims_list_begin(FILE *fp, enum claims_format format)
{
	struct claims_list *l = xcalloc(1, sizeof(*l));
	size_t i;

	l->fp = fp;
	l->format = format;
	switch (format) {
	case CLAIMS_CSV:
		csv_init(&l->csv, fp);
		for (i = 0; i < CLAIMS_NCOLUMNS; i++)
			csv_cell(&l->csv, claims_columns[i]);
		csv_row_end(&l->csv);
		break;
	case CLAIMS_JSON:
		if ((l->json = json_array()) == NULL)
			l->failed = 1;
		break;
	default:
		fprintf(fp, "%-17s %-14s %-24s %-10s %-14s %5s %12s %-3s "
		    "%-10s\n", "claim_id", "seller", "type", "status",
		    "reference", "qty", "amount", "cur", "closes");
		break;
	}
	return l;
}

static void
claims_add_csv(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	char b[32], ev[DATE_STRLEN], op[DATE_STRLEN], cl[DATE_STRLEN];

	csv_cell(&l->csv, c->claim_id);
	csv_cell(&l->csv, seller);
	csv_cell(&l->csv, c->type);
	csv_cell(&l->csv, c->status);
	csv_cell(&l->csv, c->country);
	csv_cell(&l->csv, c->fnsku);
	csv_cell(&l->csv, c->msku);
	csv_cell(&l->csv, c->asin);
	csv_cell(&l->csv, c->reference);
	csv_cell(&l->csv, c->fc);
	csv_number(&l->csv, date_format(c->event_day, ev));
	csv_int(&l->csv, c->quantity);
	csv_number(&l->csv, c->has_value ?
	    num_format_amount(c->unit_value, c->currency, b, sizeof(b)) : "");
	csv_cell(&l->csv, c->currency);
	csv_number(&l->csv, c->has_value ?
	    num_format_amount(c->amount, c->currency, b, sizeof(b)) : "");
	csv_number(&l->csv, date_format(c->opens, op));
	csv_number(&l->csv, date_format(c->closes, cl));
	csv_row_end(&l->csv);
}

/* Sets key to a string, or null when s is empty. */
static void
claims_json_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s != NULL && *s != '\0' ?
	    json_string(s) : json_null());
}

static void
claims_add_json(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	json_t *o = json_object();
	char b[32], d[DATE_STRLEN];

	if (o == NULL) {
		l->failed = 1;
		return;
	}
	claims_json_str(o, "claim_id", c->claim_id);
	claims_json_str(o, "seller_id", seller);
	claims_json_str(o, "type", c->type);
	claims_json_str(o, "status", c->status);
	claims_json_str(o, "country", c->country);
	claims_json_str(o, "fnsku", c->fnsku);
	claims_json_str(o, "msku", c->msku);
	claims_json_str(o, "asin", c->asin);
	claims_json_str(o, "title", c->title);
	claims_json_str(o, "reference_id", c->reference);
	claims_json_str(o, "fulfillment_center", c->fc);
	claims_json_str(o, "event_date", date_format(c->event_day, d));
	json_object_set_new(o, "quantity", json_integer(c->quantity));
	json_object_set_new(o, "units", json_integer(c->units));
	/* Money as decimal strings: JSON numbers are floats to many. */
	claims_json_str(o, "unit_value", c->has_value ?
	    num_format_amount(c->unit_value, c->currency, b, sizeof(b)) : NULL);
	claims_json_str(o, "currency", c->currency);
	claims_json_str(o, "amount", c->has_value ?
	    num_format_amount(c->amount, c->currency, b, sizeof(b)) : NULL);
	claims_json_str(o, "value_basis", c->value_basis);
	claims_json_str(o, "window_opens", date_format(c->opens, d));
	claims_json_str(o, "window_closes", date_format(c->closes, d));
	claims_json_str(o, "policy_rule", c->rule);
	if (json_array_append_new(l->json, o) == -1)
		l->failed = 1;
}

void
claims_list_add(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	char ref[16], amount[32], closes[DATE_STRLEN];

	if (l->failed)
		return;
	switch (l->format) {
	case CLAIMS_CSV:
		claims_add_csv(l, seller, c);
		break;
	case CLAIMS_JSON:
		claims_add_json(l, seller, c);
		break;
	default:
		text_terminal(ref, sizeof(ref), c->reference, 14);
		if (c->has_value)
			num_format_amount(c->amount, c->currency, amount,
			    sizeof(amount));
		else
			snprintf(amount, sizeof(amount), "-");
		if (fprintf(l->fp, "%-17s %-14.14s %-24s %-10.10s %-14s %5"
		    PRId64 " %12s %-3.3s %-10s\n", c->claim_id, seller,
		    c->type, c->status, ref, c->quantity, amount,
		    c->currency, date_format(c->closes, closes)) < 0)
			l->failed = 1;
		break;
	}
}

int
claims_list_finish(struct claims_list *l)
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
