/*
 * The anomalies list in its three formats: a table for CSMs at a
 * terminal, CSV with the stable columns of docs/design.md §8, and JSON.
 */
#ifndef FBAUDIT_ANOMALIES_LIST_H
#define FBAUDIT_ANOMALIES_LIST_H

#include <stdio.h>

#include "reports/listout.h"

struct anomaly_row;
struct anomalies_list;

/* Starts a list on fp (not owned). Free with anomalies_list_finish(). */
struct anomalies_list *anomalies_list_begin(FILE *fp,
		    enum listout_format format);
/* Adds one anomaly of seller. */
void	 anomalies_list_add(struct anomalies_list *l, const char *seller,
	    const struct anomaly_row *a);
/* Writes what is pending, frees l. Returns 0, or -1 if a write failed. */
int	 anomalies_list_finish(struct anomalies_list *l);

#endif
