/*
 * The claims list in its three formats: an aligned table for people, CSV
 * with the stable columns of docs/design.md §8, and JSON. Used by "claims
 * list" and "report export".
 */
#ifndef FBAUDIT_CLAIMS_LIST_H
#define FBAUDIT_CLAIMS_LIST_H

#include <stdio.h>

#include "reports/listout.h"

struct claim_row;
struct claims_list;

/* Starts a list on fp (not owned). Free with claims_list_finish(). */
struct claims_list *claims_list_begin(FILE *fp, enum listout_format format);
/* Adds one claim of seller. */
void	 claims_list_add(struct claims_list *l, const char *seller,
	    const struct claim_row *c);
/* Writes what is pending, frees l. Returns 0, or -1 if a write failed. */
int	 claims_list_finish(struct claims_list *l);

#endif
