#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/date.h"
#include "lib/mem.h"
#include "lib/num.h"
#include "lib/text.h"
#include "lib/vocab.h"
#include "reports/claims_list.h"
#include "reports/csv.h"
#include "store/claims.h"

/* docs/design.md §8: stable columns, in this order. */
static const char *const claims_columns[] = {
	"claim_id", "seller_id", "type", "status", "country", "fnsku",
	"msku", "asin", "reference_id", "fulfillment_center", "event_date",
	"quantity", "unit_value", "currency", "amount", "window_opens",
	"window_closes", "case_id", "title",
};

#define CLAIMS_NCOLUMNS (sizeof(claims_columns) / sizeof(claims_columns[0]))

struct claims_list {
	struct listout	 lo;
};

struct claims_list *
claims_list_begin(FILE *fp, enum listout_format format)
{
	struct claims_list *l = xcalloc(1, sizeof(*l));
	char header[160];

	/* Widths fit the usual values; a longer one widens its cell and is
	 * never cut (an order id is 19 characters, a status up to 20). */
	snprintf(header, sizeof(header), "%-17s %-14s %-24s %-20s %-19s %5s "
	    "%12s %-3s %-10s\n", "claim_id", "seller", "type", "status",
	    "reference", "qty", "amount", "cur", "closes");
	listout_begin(&l->lo, fp, format, claims_columns, CLAIMS_NCOLUMNS,
	    header);
	return l;
}

static void
claims_add_csv(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	char b[32], ev[DATE_STRLEN], op[DATE_STRLEN], cl[DATE_STRLEN];

	csv_cell(&l->lo.csv, c->claim_id);
	csv_cell(&l->lo.csv, seller);
	csv_cell(&l->lo.csv, c->type);
	csv_cell(&l->lo.csv, claim_status_name(c->status));
	csv_cell(&l->lo.csv, c->country);
	csv_cell(&l->lo.csv, c->fnsku);
	csv_cell(&l->lo.csv, c->msku);
	csv_cell(&l->lo.csv, c->asin);
	csv_cell(&l->lo.csv, c->reference);
	csv_cell(&l->lo.csv, c->fc);
	csv_number(&l->lo.csv, date_format(c->event_day, ev));
	csv_int(&l->lo.csv, c->quantity);
	csv_number(&l->lo.csv, c->has_value ?
	    num_format_amount(c->unit_value, c->currency, b, sizeof(b)) : "");
	csv_cell(&l->lo.csv, c->currency);
	csv_number(&l->lo.csv, c->has_value ?
	    num_format_amount(c->amount, c->currency, b, sizeof(b)) : "");
	csv_number(&l->lo.csv, date_format(c->opens, op));
	csv_number(&l->lo.csv, date_format(c->closes, cl));
	csv_cell(&l->lo.csv, c->case_id);
	csv_cell(&l->lo.csv, c->title);
	csv_row_end(&l->lo.csv);
}

/* A claim field into the list's JSON; the title comes last, as in CSV. */
static void
claims_json_field(void *ctx, const struct claim_field *f)
{
	if (strcmp(f->key, "title") == 0)
		return;
	if (f->is_number)
		json_object_set_new(ctx, f->key, json_integer(f->number));
	else
		listout_json_str(ctx, f->key, f->text);
}

static void
claims_add_json(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	json_t *o = json_object();

	if (o == NULL) {
		l->lo.failed = 1;
		return;
	}
	listout_json_str(o, "seller_id", seller);
	/* Money as decimal strings: JSON numbers are floats to many. */
	store_claim_fields(c, claims_json_field, o);
	/* docs/design.md §8: new fields are appended. */
	listout_json_str(o, "case_id", c->case_id);
	listout_json_str(o, "title", c->title);
	listout_json(&l->lo, o);
}

void
claims_list_add(struct claims_list *l, const char *seller,
    const struct claim_row *c)
{
	char ref[256], amount[32], closes[DATE_STRLEN];

	if (l->lo.failed)
		return;
	switch (l->lo.format) {
	case LISTOUT_CSV:
		claims_add_csv(l, seller, c);
		break;
	case LISTOUT_JSON:
		claims_add_json(l, seller, c);
		break;
	default:
		text_terminal(ref, sizeof(ref), c->reference,
		    sizeof(ref) - 1);
		if (c->has_value)
			num_format_amount(c->amount, c->currency, amount,
			    sizeof(amount));
		else
			snprintf(amount, sizeof(amount), "-");
		if (fprintf(l->lo.fp, "%-17s %-14s %-24s %-20s %-19s %5"
		    PRId64 " %12s %-3.3s %-10s\n", c->claim_id, seller,
		    c->type, claim_status_name(c->status), ref, c->quantity,
		    amount,
		    c->currency, date_format(c->closes, closes)) < 0)
			l->lo.failed = 1;
		break;
	}
}

int
claims_list_finish(struct claims_list *l)
{
	int rc = listout_finish(&l->lo);

	free(l);
	return rc;
}
