/* fbaudit sellers list: every seller in the data dir and what it holds. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "lib/buf.h"
#include "lib/date.h"
#include "lib/log.h"
#include "lib/mem.h"
#include "lib/sellerid.h"
#include "store/store.h"

static int
sellers_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The seller ids with a store under datadir, sorted. Caller frees. */
static char **
sellers_scan(const char *datadir, size_t *n)
{
	DIR *d;
	struct dirent *e;
	struct stat sb;
	struct buf path;
	char **ids = NULL;

	*n = 0;
	if ((d = opendir(datadir)) == NULL)
		return NULL;
	buf_init(&path, 0);
	while ((e = readdir(d)) != NULL) {
		if (!sellerid_valid(e->d_name))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s/store.db", datadir, e->d_name);
		if (stat(path.data, &sb) == -1)
			continue;
		ids = xreallocarray(ids, *n + 1, sizeof(*ids));
		ids[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	buf_free(&path);
	if (*n > 1)
		qsort(ids, *n, sizeof(*ids), sellers_cmp);
	return ids;
}

int
cmd_sellers(const struct cli *cli, int argc, char **argv)
{
	struct store_summary s;
	struct store *st;
	char **ids, err[256], when[TIME_STRLEN];
	size_t i, n;
	int rc = EXIT_OK;

	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return cli_usage("sellers list");
	ids = sellers_scan(cli->datadir, &n);
	printf("%-16s %6s %9s %7s %7s %7s %7s %9s %7s %6s  %s\n", "seller",
	    "files", "ledger", "reimb", "returns", "rm_ord", "rm_ship",
	    "settle_tx", "inbound", "costs", "last_import");
	for (i = 0; i < n; i++) {
		st = store_open(cli->datadir, ids[i], 0, err, sizeof(err));
		if (st == NULL || store_summary(st, &s) == -1) {
			log_error("%s: %s", ids[i], st ? store_errmsg(st) :
			    err);
			rc = EXIT_PARTIAL;
		} else
			printf("%-16s %6lld %9lld %7lld %7lld %7lld %7lld "
			    "%9lld %7lld %6lld  %s\n", ids[i],
			    (long long)s.files, (long long)s.ledger,
			    (long long)s.reimbursements, (long long)s.returns,
			    (long long)s.removal_orders,
			    (long long)s.removal_shipments,
			    (long long)s.settlement_tx,
			    (long long)s.inbound_items,
			    (long long)s.unit_costs, s.last_import ?
			    date_format_time(s.last_import, when) : "-");
		store_close(st);
		free(ids[i]);
	}
	free(ids);
	return rc;
}
