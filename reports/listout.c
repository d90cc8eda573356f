#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "reports/listout.h"

int
listout_format_parse(const char *name)
{
	if (strcmp(name, "table") == 0)
		return LISTOUT_TABLE;
	if (strcmp(name, "csv") == 0)
		return LISTOUT_CSV;
	if (strcmp(name, "json") == 0)
		return LISTOUT_JSON;
	return -1;
}

void
listout_begin(struct listout *lo, FILE *fp, enum listout_format format,
    const char *const *columns, size_t ncolumns, const char *table_header)
{
	size_t i;

	memset(lo, 0, sizeof(*lo));
	lo->fp = fp;
	lo->format = format;
	switch (format) {
	case LISTOUT_CSV:
		csv_init(&lo->csv, fp);
		for (i = 0; i < ncolumns; i++)
			csv_cell(&lo->csv, columns[i]);
		csv_row_end(&lo->csv);
		break;
	case LISTOUT_JSON:
		if ((lo->json = json_array()) == NULL)
			lo->failed = 1;
		break;
	default:
		if (table_header != NULL && fputs(table_header, fp) == EOF)
			lo->failed = 1;
		break;
	}
}

void
listout_json(struct listout *lo, json_t *o)
{
	if (o == NULL || json_array_append_new(lo->json, o) == -1)
		lo->failed = 1;
}

void
listout_json_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, s != NULL && *s != '\0' ?
	    json_string(s) : json_null());
}

int
listout_finish(struct listout *lo)
{
	int rc = lo->failed ? -1 : 0;

	if (lo->format == LISTOUT_CSV && csv_finish(&lo->csv) == -1)
		rc = -1;
	if (lo->format == LISTOUT_JSON && lo->json != NULL) {
		/* Money is decimal strings; ASCII keeps any reader happy. */
		if (rc == 0 && (json_dumpf(lo->json, lo->fp, JSON_INDENT(2) |
		    JSON_ENSURE_ASCII) == -1 || fputc('\n', lo->fp) == EOF))
			rc = -1;
		json_decref(lo->json);
		lo->json = NULL;
	}
	if (fflush(lo->fp) == EOF)
		rc = -1;
	return rc;
}
