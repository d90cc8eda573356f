/*
 * seedclaims DATADIR SELLER N [DAY]: puts N synthetic claims into a
 * seller's store (creating it), spread over every type and status, with
 * titles of realistic length, windows around DAY (YYYY-MM-DD, default
 * 2025-10-31), and values in USD. For the report benchmark and size
 * tests: the audit is not needed to get many claims.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/date.h"
#include "lib/num.h"
#include "lib/sha256.h"
#include "store/claims.h"
#include "store/store.h"

/* Puts synthetic claim i of seller, its event near day. Returns 0 or -1. */
static int
seed_claim(struct store *st, const char *seller, long long i, int32_t day)
{
	static const char *const types[] = { "warehouse_lost",
	    "warehouse_damaged", "customer_return_missing",
	    "customer_return_damaged", "inbound_shortage",
	    "removal_shortfall", "reimbursement_underpaid" };
	static const enum claim_status statuses[] = { CLAIM_ELIGIBLE,
	    CLAIM_PENDING, CLAIM_EXPIRED, CLAIM_FILED, CLAIM_REIMBURSED,
	    CLAIM_RESOLVED, CLAIM_DENIED, CLAIM_AUTO_REIMBURSED,
	    CLAIM_PARTIALLY_REIMBURSED };
	static const char *const fcs[] = { "PHX7", "LGB3", "ONT8", "MDW2" };
	struct claim_row c;
	const char *fields[4];
	char id[18], ref[32], fnsku[16], msku[32], asin[16], title[128];
	long long k;

	memset(&c, 0, sizeof(c));
	k = i % 5000;
	snprintf(ref, sizeof(ref), "%011lld", 10000000000LL + i * 7);
	snprintf(fnsku, sizeof(fnsku), "X00%07lld", k);
	snprintf(msku, sizeof(msku), "SKU-%05lld-BLK", k);
	snprintf(asin, sizeof(asin), "B0%08lld", k);
	snprintf(title, sizeof(title), "Synthetic product %lld, "
	    "stainless steel, 2-pack, black", k);
	c.type = types[i % 7];
	fields[0] = seller;
	fields[1] = c.type;
	fields[2] = ref;
	fields[3] = fnsku;
	c.claim_id = sha256_id('C', fields, 4, id);
	c.reference = ref;
	c.fnsku = fnsku;
	c.msku = msku;
	c.asin = asin;
	c.title = title;
	c.country = "US";
	c.fc = fcs[i % 4];
	c.event_day = day - 90 + (int32_t)(i % 80);
	c.units = 1 + i % 3;
	c.quantity = c.units;
	c.has_value = i % 13 != 0;
	c.unit_value = 500 + (i % 37) * 125;
	c.amount = c.unit_value * c.quantity;
	c.value_basis = "unit_cost";
	c.currency = "USD";
	c.opens = c.event_day + 30;
	c.closes = c.event_day + 60;
	c.rule = "2024-10-23";
	c.status = statuses[i % 9];
	return store_claim_put(st, &c);
}

int
main(int argc, char **argv)
{
	struct store *st;
	const char *why;
	char err[256];
	int64_t n;
	long long i;
	int32_t day;
	int rc = 1;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: seedclaims DATADIR SELLER N [DAY]\n");
		return 2;
	}
	if ((why = num_parse_int(argv[3], strlen(argv[3]), 1, 10000000,
	    &n)) != NULL || date_parse_ymd(argc == 5 ? argv[4] :
	    "2025-10-31", &day) == -1) {
		fprintf(stderr, "seedclaims: bad N or DAY\n");
		return 2;
	}
	if ((st = store_open(argv[1], argv[2], 1, err, sizeof(err))) == NULL) {
		fprintf(stderr, "seedclaims: %s\n", err);
		return 1;
	}
	if (store_begin(st) == -1)
		goto out;
	for (i = 0; i < n; i++)
		if (seed_claim(st, argv[2], i, day) == -1)
			goto out;
	if (store_commit(st) == -1)
		goto out;
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "seedclaims: %s\n", store_errmsg(st));
	store_close(st);
	return rc;
}
