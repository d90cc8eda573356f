/* fbaudit sellers list: every seller in the data dir and what it holds. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/sellers.h"
#include "lib/date.h"
#include "lib/log.h"
#include "store/store.h"

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
	ids = cli_sellers(cli->datadir, NULL, &n);
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
	}
	cli_sellers_free(ids, n);
	return rc;
}
