/* fbaudit sellers list: every seller in the data dir and what it holds. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/sellers.h"
#include "lib/date.h"
#include "lib/log.h"
#include "store/store.h"

static enum cli_walk
sellers_one(struct store *st, const char *seller, void *ctx)
{
	struct store_summary s;
	char when[TIME_STRLEN];

	(void)ctx;
	if (store_summary(st, &s) == -1) {
		log_error("%s: %s", seller, store_errmsg(st));
		return CLI_WALK_FAILED;
	}
	printf("%-16s %6lld %9lld %7lld %7lld %7lld %7lld %9lld %7lld %6lld  "
	    "%s\n", seller, (long long)s.files, (long long)s.ledger,
	    (long long)s.reimbursements, (long long)s.returns,
	    (long long)s.removal_orders, (long long)s.removal_shipments,
	    (long long)s.settlement_tx, (long long)s.inbound_items,
	    (long long)s.unit_costs, s.last_import ?
	    date_format_time(s.last_import, when) : "-");
	return CLI_WALK_ON;
}

int
cmd_sellers(const struct cli *cli, int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[1], "list") != 0)
		return cli_usage("sellers list");
	printf("%-16s %6s %9s %7s %7s %7s %7s %9s %7s %6s  %s\n", "seller",
	    "files", "ledger", "reimb", "returns", "rm_ord", "rm_ship",
	    "settle_tx", "inbound", "costs", "last_import");
	return cli_each_store_read(cli->datadir, NULL, sellers_one, NULL,
	    NULL) == CLI_WALK_FAILED ? EXIT_PARTIAL : EXIT_OK;
}
