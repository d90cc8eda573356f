/*
 * "report export": the claims list of one seller as CSV or JSON, through
 * the one claims list writer (reports/claims_list.c) that "claims list"
 * uses too, so the two never disagree. The CSV is for spreadsheets: it
 * starts with a UTF-8 byte order mark, without which Excel and
 * LibreOffice read "Größe" as Windows-1252 ("GrÃ¶ÃŸe"); "claims list"
 * writes none, for programs (docs/design.md §8).
 */
#include <stdio.h>
#include <string.h>

#include "reports/claims_list.h"
#include "lib/l10n.h"
#include "reports/report.h"
#include "store/claims.h"
#include "store/store.h"

struct export_ctx {
	struct claims_list	*list;
	const char		*seller;
};

static int
export_row(void *ctx, const struct claim_row *c)
{
	struct export_ctx *x = ctx;

	claims_list_add(x->list, x->seller, c);
	return 0;
}

int
export_write(struct store *st, FILE *fp, enum listout_format format)
{
	struct export_ctx x;
	int rc;

	x.seller = store_seller(st);
	if (format == LISTOUT_CSV && fputs("\xef\xbb\xbf", fp) == EOF)
		return -1;
	x.list = claims_list_begin(fp, format);
	rc = store_claims_scan(st, NULL, export_row, &x);
	if (claims_list_finish(x.list) == -1)
		rc = -1;
	return rc == 0 ? 0 : -1;
}

int
report_lang_known(const char *lang)
{
	size_t i;

	for (i = 0; i < l10n_ncatalogues; i++)
		if (strcmp(l10n_catalogues[i].lang, lang) == 0)
			return 1;
	return 0;
}
