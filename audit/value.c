/*
 * A unit's value (docs/design.md §6.2), by what happened to it. Units lost or
 * damaged before a customer order (warehouse, inbound, removal): the
 * seller's unit cost first from the day its marketplace switched to
 * manufacturing cost (audit/policy.c), the median sale price of the SKU
 * over the 90 days before the event first until then. Units of a customer
 * order (returns): the order's sales price less Amazon's fees on it, else
 * the median sale price. Capped per unit. A figure in another currency
 * than the claim's is not used: fbaudit never converts money.
 */
#include <string.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "store/scan.h"

/* The currency a claim in country (else currency) is valued in. */
static const char *
value_want(const char *country, const char *currency)
{
	const char *want = policy_currency(country);

	if (want == NULL && currency != NULL && *currency != '\0')
		want = currency;
	return want;
}

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

/* The policy's per-unit cap. Returns rc. */
static int
value_capped(int rc, int64_t *value, const char *cur)
{
	int64_t cap;

	if (rc != 1)
		return rc;
	cap = policy_unit_cap(cur);
	if (cap > 0 && *value > cap)
		*value = cap;
	return 1;
}

int
audit_value(struct audit *a, const char *sku, const char *country,
    const char *currency, int32_t day, int64_t *value, char cur[4],
    const char **basis)
{
	const char *want = value_want(country, currency);
	int rc;

	if (sku == NULL || *sku == '\0')
		return 0;
	if (policy_basis(country, day) == POLICY_BASIS_COST_FIRST) {
		if ((rc = value_cost(a, sku, want, value, cur)) != 0) {
			*basis = "unit_cost";
			return value_capped(rc, value, cur);
		}
		if ((rc = value_price(a, sku, want, day, value, cur)) != 0) {
			*basis = "median_sale_price";
			return value_capped(rc, value, cur);
		}
	} else {
		if ((rc = value_price(a, sku, want, day, value, cur)) != 0) {
			*basis = "median_sale_price";
			return value_capped(rc, value, cur);
		}
		if ((rc = value_cost(a, sku, want, value, cur)) != 0) {
			*basis = "unit_cost";
			return value_capped(rc, value, cur);
		}
	}
	return 0;
}

int
audit_value_order(struct audit *a, const char *order_id, const char *sku,
    const char *country, const char *currency, int32_t day, int64_t *value,
    char cur[4], const char **basis)
{
	const char *want = value_want(country, currency);
	struct scan_order_line o;
	int64_t net;
	int rc;

	if (sku == NULL || *sku == '\0')
		return 0;
	memset(&o, 0, sizeof(o));
	if (order_id != NULL && *order_id != '\0') {
		if ((rc = store_order_line(a->st, order_id, sku, &o)) == -1)
			return -1;
		if (rc == 1 && (want == NULL || strcmp(want, o.currency) == 0)) {
			/* Promotions and fees are negative amounts. */
			net = o.principal + o.promotions + o.fees;
			*value = net > 0 ? net / o.quantity : 0;
			memcpy(cur, o.currency, 4);
			*basis = "order_price_less_fees";
			return value_capped(1, value, cur);
		}
	}
	/* The order is not in the settlement data: its fees are unknown. */
	if ((rc = value_price(a, sku, want, day, value, cur)) != 0) {
		*basis = "median_sale_price";
		return value_capped(rc, value, cur);
	}
	return 0;
}

int
audit_unit_cost(struct audit *a, const char *sku, const char *currency,
    int64_t *value)
{
	char cur[4];
	int rc;

	if (sku == NULL || *sku == '\0' || currency == NULL)
		return 0;
	if ((rc = value_cost(a, sku, currency, value, cur)) != 1)
		return rc;
	return value_capped(1, value, cur);
}

int
audit_order_unit_price(struct audit *a, const char *order_id,
    const char *sku, const char *currency, int32_t day, int64_t *num,
    int64_t *den)
{
	struct scan_order_line o;
	char cur[4];
	int rc;

	memset(&o, 0, sizeof(o));
	if ((rc = store_order_line(a->st, order_id, sku, &o)) == -1)
		return -1;
	if (rc == 1 && (currency == NULL || strcmp(currency, o.currency) == 0)) {
		*num = o.principal;
		*den = o.quantity;
		return 1;
	}
	if ((rc = value_price(a, sku, currency, day, num, cur)) != 1)
		return rc;
	*den = 1;
	return 1;
}
