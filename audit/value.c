/*
 * A unit's value (DESIGN 6.2): the seller's unit cost when supplied, or
 * the median sale price of the SKU over the 90 days before the event,
 * whichever the policy in force on the event's day puts first, capped per
 * unit. A cost in another currency than the claim's is not used: fbaudit
 * never converts money.
 */
#include <string.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "store/scan.h"

/* The seller's cost, if in the wanted currency (or any, if unknown). */
static int
value_cost(struct audit *a, const char *sku, const char *want,
    int64_t *value, char cur[4])
{
	int rc = store_unit_cost(a->st, sku, value, cur);

	if (rc != 1)
		return rc;
	return want == NULL || strcmp(want, cur) == 0;
}

/* The median sale price before day, in the wanted currency. */
static int
value_price(struct audit *a, const char *sku, const char *want, int32_t day,
    int64_t *value, char cur[4])
{
	int rc;

	if (want == NULL)
		return 0;
	rc = store_median_price(a->st, sku, want,
	    ((int64_t)day - policy_price_lookback()) * 86400,
	    (int64_t)day * 86400, value);
	if (rc == 1)
		memcpy(cur, want, 4);
	return rc;
}

int
audit_value(struct audit *a, const char *sku, const char *country,
    const char *currency, int32_t day, int64_t *value, char cur[4],
    const char **basis)
{
	const char *want = policy_currency(country);
	int64_t cap;
	int rc;

	if (want == NULL && currency != NULL && *currency != '\0')
		want = currency;
	if (sku == NULL || *sku == '\0')
		return 0;
	if (policy_basis(day) == POLICY_BASIS_COST_FIRST) {
		if ((rc = value_cost(a, sku, want, value, cur)) != 0) {
			*basis = "unit_cost";
			goto found;
		}
		if ((rc = value_price(a, sku, want, day, value, cur)) != 0) {
			*basis = "median_sale_price";
			goto found;
		}
	} else {
		if ((rc = value_price(a, sku, want, day, value, cur)) != 0) {
			*basis = "median_sale_price";
			goto found;
		}
		if ((rc = value_cost(a, sku, want, value, cur)) != 0) {
			*basis = "unit_cost";
			goto found;
		}
	}
	return 0;
found:
	if (rc == -1)
		return -1;
	/* The policy's per-unit cap ($5,000). */
	cap = policy_unit_cap(cur);
	if (cap > 0 && *value > cap)
		*value = cap;
	return 1;
}
