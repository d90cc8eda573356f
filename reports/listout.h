/*
 * What every list output shares (claims, anomalies): the format, the CSV
 * writer with its header, the JSON array collected and dumped at the end,
 * and a sticky error. Lists embed one and add their rows.
 */
#ifndef FBAUDIT_LISTOUT_H
#define FBAUDIT_LISTOUT_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "reports/csv.h"

enum listout_format {
	LISTOUT_TABLE,
	LISTOUT_CSV,
	LISTOUT_JSON
};

struct listout {
	FILE			*fp;
	enum listout_format	 format;
	struct csv		 csv;
	json_t			*json;		/* JSON: the array */
	int			 failed;
};

/* The format a name means ("table", "csv", "json"), or -1. */
int	 listout_format_parse(const char *name);
/*
 * Starts a list on fp (not owned): CSV writes the columns as its header,
 * a table the header line table_header (printf-ready, may be NULL).
 */
void	 listout_begin(struct listout *lo, FILE *fp,
	    enum listout_format format, const char *const *columns,
	    size_t ncolumns, const char *table_header);
/* Appends a JSON object (stolen) to the array. */
void	 listout_json(struct listout *lo, json_t *o);
/* Sets key to a string, or null when s is NULL or empty. */
void	 listout_json_str(json_t *o, const char *key, const char *s);
/* Writes what is pending. Returns 0, or -1 if any write failed. */
int	 listout_finish(struct listout *lo);

#endif
