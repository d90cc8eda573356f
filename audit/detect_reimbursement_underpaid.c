/*
 * reimbursement_underpaid: Amazon paid a unit more than 5% below its value
 * (docs/design.md §6.2), judged against the basis Amazon used for that reason
 * on that day: a unit lost or damaged before an order, paid once its
 * marketplace values at manufacturing cost, only against the seller's own
 * declared unit cost (without one there is no claim: fbaudit cannot know
 * Amazon's estimate); a customer order's unit against the order's price
 * less fees; anything else as before (audit_value). The claim is for the
 * shortfall: its unit value is the value less what was paid per unit, its
 * quantity the units paid in cash. A later reimbursement of the same case
 * settles it. Reversals, fee corrections and general adjustments are not
 * unit payments.
 */
#include <stdio.h>
#include <string.h>

#include "audit/audit_int.h"
#include "audit/policy.h"
#include "lib/figures.h"
#include "lib/reason.h"
#include "store/scan.h"

/* A later reimbursement of the same case, or NULL. */
static const struct reimb *
underpaid_settled(const struct audit *a, const struct reimb *r)
{
	size_t i;

	if (r->case_id[0] == '\0')
		return NULL;
	for (i = 0; i < a->nreimb; i++)
		if (strcmp(a->reimb[i].case_id, r->case_id) == 0 &&
		    a->reimb[i].time > r->time &&
		    !reason_is_reversal(a->reimb[i].reason))
			return &a->reimb[i];
	return NULL;
}

int
detect_reimbursement_underpaid(struct audit *a)
{
	const struct reimb *r, *later;
	struct scan_product p;
	struct finding *f;
	struct figures fg;
	const char *basis, *home;
	char cur[4];
	int64_t value;
	size_t i;
	int rc;

	if (audit_reimbursements(a) == -1)
		return -1;
	for (i = 0; i < a->nreimb; i++) {
		r = &a->reimb[i];
		if (!r->has_per_unit || r->amount_per_unit <= 0 ||
		    r->qty_cash <= 0 || !reason_pays_units(r->reason))
			continue;
		home = audit_home_country(a);
		if (reason_before_order(r->reason) &&
		    policy_basis(home, r->day) == POLICY_BASIS_COST_FIRST) {
			rc = audit_unit_cost(a, r->sku, r->currency, &value);
			snprintf(cur, sizeof(cur), "%s", r->currency);
			basis = "unit_cost";
		} else if (reason_after_order(r->reason) &&
		    *r->order_id != '\0')
			rc = audit_value_order(a, r->order_id, r->sku, NULL,
			    r->currency, r->day, &value, cur, &basis);
		else
			rc = audit_value(a, r->sku, NULL, r->currency, r->day,
			    &value, cur, &basis);
		if (rc == -1)
			return -1;
		/* Paid < value * (100 - 5)%: in integers, no rounding. */
		if (rc == 0 || strcmp(cur, r->currency) != 0 ||
		    r->amount_per_unit * 100 >=
		    value * (100 - policy_underpaid_percent()))
			continue;
		f = finding_new("reimbursement_underpaid", r->id, r->fnsku,
		    r->day, r->qty_cash);
		memset(&p, 0, sizeof(p));
		if (store_product_by_sku(a->st, r->sku, &p) == -1) {
			finding_free(f);
			return -1;
		}
		/* Reimbursements name no marketplace: the seller's home. */
		finding_describe(f, r->sku, r->sku, p.asin, p.title, home,
		    NULL);
		f->has_value = 1;
		f->unit_value = value - r->amount_per_unit;
		memcpy(f->currency, cur, 4);
		f->basis = basis;
		/* Money as the claim shows it: this text reaches Amazon. */
		figures_init(&fg);
		figures_set(&fg, "reason", "%s", r->reason);
		figures_set(&fg, "paid_money", "%lld %s",
		    (long long)r->amount_per_unit, cur);
		figures_set(&fg, "worth_money", "%lld %s", (long long)value,
		    cur);
		figures_set(&fg, "value_basis", "%s", basis);
		finding_add(f, "evidence", "reimbursements", r->file, r->line,
		    r->day, r->qty_cash, "underpaid", &fg);
		if ((later = underpaid_settled(a, r)) != NULL) {
			finding_cancel(f, f->open, FINDING_REIMBURSED);
			figures_init(&fg);
			figures_set(&fg, "case", "%s", r->case_id);
			finding_add(f, "cancelled", "reimbursements",
			    later->file, later->line, later->day,
			    r->qty_cash, "paid_again", &fg);
		}
		audit_emit(a, f);
	}
	return 0;
}
