/* The sellers of a data dir, for commands that run over all of them. */
#ifndef FBAUDIT_CLI_SELLERS_H
#define FBAUDIT_CLI_SELLERS_H

#include <stddef.h>

/*
 * The ids of the sellers with a store under datadir, sorted; or, with
 * only set, just that one (which must be a valid id). NULL when none.
 * Free with cli_sellers_free().
 */
char	**cli_sellers(const char *datadir, const char *only, size_t *n);
/* Frees what cli_sellers() returned. */
void	 cli_sellers_free(char **ids, size_t n);

#endif
