/*
 * The effective-dated policy table. Every row cites its source. To follow
 * a change of Amazon's policy, add rows with the new effective date; never
 * edit an old row, or old claims would be re-windowed.
 */
#include <string.h>
#include <strings.h>

#include "audit/policy.h"
#include "lib/date.h"

/* Day numbers of the dates rows take effect on. */
#define DAY_EPOCH	0
#define DAY_2024_10_23	20019	/* FBA reimbursement policy update */
#define DAY_2025_03_15	20162	/* valuation at manufacturing cost */

/* Marketplaces whose customer-return windows are the EU/UK ones. */
static const char *const policy_eu[] = {
	"GB", "UK", "DE", "FR", "IT", "ES", "NL", "SE", "PL", "BE", "IE",
	"TR", NULL
};

struct policy_row {
	const char	*type;
	int		 eu;		/* 1: EU/UK marketplaces; 0: all others */
	int32_t		 from;		/* effective from this day on */
	int		 opens_days;
	int		 closes_days;	/* or, when 0: */
	int		 closes_months;
	const char	*rule;
};

/*
 * Sources: Amazon Seller Central, "FBA inventory reimbursement policy"
 * (help G200213130), updated 2024-10-23: lost and damaged in the
 * fulfilment network claimable 30 to 60 days after the event; customer
 * returns 60 to 120 days after the refund (US, CA), 45 to 105 (EU, UK);
 * inbound 15 to 60 days after delivery; removals and reimbursement
 * disputes within 60 days. Before 2024-10-23: 18 months after the event
 * for lost, damaged and returned units, 9 months for inbound.
 */
static const struct policy_row policy_rows[] = {
	{ "warehouse_lost", 0, DAY_EPOCH, 30, 0, 18, "pre-2024-10-23" },
	{ "warehouse_lost", 0, DAY_2024_10_23, 30, 60, 0, "2024-10-23" },
	{ "warehouse_damaged", 0, DAY_EPOCH, 30, 0, 18, "pre-2024-10-23" },
	{ "warehouse_damaged", 0, DAY_2024_10_23, 30, 60, 0, "2024-10-23" },
	{ "customer_return_missing", 0, DAY_EPOCH, 60, 0, 18,
	    "pre-2024-10-23" },
	{ "customer_return_missing", 0, DAY_2024_10_23, 60, 120, 0,
	    "2024-10-23 US/CA" },
	{ "customer_return_missing", 1, DAY_EPOCH, 45, 0, 18,
	    "pre-2024-10-23 EU/UK" },
	{ "customer_return_missing", 1, DAY_2024_10_23, 45, 105, 0,
	    "2024-10-23 EU/UK" },
	{ "customer_return_damaged", 0, DAY_EPOCH, 0, 0, 18,
	    "pre-2024-10-23" },
	{ "customer_return_damaged", 0, DAY_2024_10_23, 0, 60, 0,
	    "2024-10-23" },
	{ "inbound_shortage", 0, DAY_EPOCH, 15, 0, 9, "pre-2024-10-23" },
	{ "inbound_shortage", 0, DAY_2024_10_23, 15, 60, 0, "2024-10-23" },
	{ "removal_shortfall", 0, DAY_EPOCH, 0, 60, 0, "removal" },
	{ "reimbursement_underpaid", 0, DAY_EPOCH, 0, 60, 0, "dispute" },
};

/*
 * Ledger reason codes, from Amazon's "Adjustment types and reason codes":
 * lost M and 5 (misplaced); damaged at a fulfilment centre 6, 7, E, H, K
 * and U (each followed by a P disposition move, which counts for nothing);
 * found F. N, O, D, G, P, Q, 3, 4 are neither loss nor find.
 */
enum policy_reason
policy_reason(const char *code)
{
	if (code == NULL || code[0] == '\0' || code[1] != '\0')
		return POLICY_REASON_OTHER;
	switch (code[0]) {
	case 'M':
	case '5':
		return POLICY_REASON_LOST;
	case '6':
	case '7':
	case 'E':
	case 'H':
	case 'K':
	case 'U':
		return POLICY_REASON_DAMAGED;
	case 'F':
		return POLICY_REASON_FOUND;
	default:
		return POLICY_REASON_OTHER;
	}
}

static int
policy_is_eu(const char *country)
{
	size_t i;

	for (i = 0; policy_eu[i] != NULL; i++)
		if (strcmp(country, policy_eu[i]) == 0)
			return 1;
	return 0;
}

int32_t
policy_add_months(int32_t day, int months)
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d, max;
	int32_t out;

	date_to_ymd(day, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	if (d > max)
		d = max;
	if (date_from_ymd(y, m, d, &out) == -1)
		return day;
	return out;
}

int
policy_window(const char *type, const char *country, int32_t anchor,
    struct policy_window *w)
{
	const struct policy_row *best = NULL, *r;
	int eu = country != NULL && policy_is_eu(country);
	size_t i, n = sizeof(policy_rows) / sizeof(policy_rows[0]);

	/* The latest row in force on the anchor day, EU rows for EU. */
	for (i = 0; i < n; i++) {
		r = &policy_rows[i];
		if (strcmp(r->type, type) != 0 || r->from > anchor)
			continue;
		if (r->eu && !eu)
			continue;
		if (best == NULL || r->eu > best->eu ||
		    (r->eu == best->eu && r->from > best->from))
			best = r;
	}
	if (best == NULL)
		return -1;
	w->opens = anchor + best->opens_days;
	w->closes = best->closes_days ? anchor + best->closes_days :
	    policy_add_months(anchor, best->closes_months);
	w->rule = best->rule;
	return 0;
}

/*
 * Amazon values reimbursements at the seller's manufacturing cost for
 * events from 2025-03-15 on; before, at the item's sale price.
 */
enum policy_basis
policy_basis(int32_t day)
{
	return day >= DAY_2025_03_15 ? POLICY_BASIS_COST_FIRST :
	    POLICY_BASIS_PRICE_FIRST;
}

/*
 * The FBA policy caps a unit's reimbursement at $5,000. Other currencies
 * carry the nominal equivalent (reviewed with the policy, not converted
 * daily: a claim is never valued by exchange rate).
 */
int64_t
policy_unit_cap(const char *currency)
{
	static const struct {
		const char	*code;
		int64_t		 cap;
	} caps[] = {
		{ "USD", 500000 }, { "CAD", 500000 }, { "EUR", 500000 },
		{ "GBP", 500000 }, { "AUD", 500000 }, { "SEK", 5000000 },
		{ "PLN", 2000000 }, { "MXN", 10000000 }, { "JPY", 750000 },
	};
	size_t i;

	for (i = 0; currency != NULL && i < sizeof(caps) / sizeof(caps[0]);
	    i++)
		if (strcmp(currency, caps[i].code) == 0)
			return caps[i].cap;
	return 0;
}

/*
 * DESIGN 6.4. A spike is judged against the seller's own trailing rate:
 * the chance of at least this many units in a week at that rate must be
 * below 1 in 1,000 (so a quiet seller raises one about every 20 years per
 * kind), and at least 5 units, so one bad day of a tiny seller is no
 * spike. Less than 30 days of history is no baseline at all.
 */
const struct policy_flags *
policy_flags(void)
{
	static const struct policy_flags f = {
		.deadline_days = 7,
		.deadline_high_days = 2,
		.spike_window_days = 7,
		.spike_baseline_days = 90,
		.spike_min_baseline_days = 30,
		.spike_p = 0.001,
		.spike_min_units = 5,
		.spike_high_p = 1e-6,
		.spike_high_units = 20,
		.stale_hours = 36,
		.denial_window = 10,
		.denial_num = 1,
		.denial_den = 3,
	};

	return &f;
}

int32_t
policy_price_lookback(void)
{
	return 90;	/* DESIGN 6.2: the 90 days before the event */
}

int
policy_underpaid_percent(void)
{
	return 5;	/* DESIGN 6.1: more than 5% below the unit value */
}

const char *
policy_currency(const char *country)
{
	static const struct {
		const char	*country;
		const char	*currency;
	} map[] = {
		{ "US", "USD" }, { "CA", "CAD" }, { "MX", "MXN" },
		{ "GB", "GBP" }, { "UK", "GBP" }, { "DE", "EUR" },
		{ "FR", "EUR" }, { "IT", "EUR" }, { "ES", "EUR" },
		{ "NL", "EUR" }, { "BE", "EUR" }, { "IE", "EUR" },
		{ "SE", "SEK" }, { "PL", "PLN" }, { "JP", "JPY" },
		{ "AU", "AUD" },
	};
	size_t i;

	for (i = 0; country != NULL && i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(country, map[i].country) == 0)
			return map[i].currency;
	return NULL;
}
