/* The detector table: adding a claim type is one file and one row. */
#include "audit/audit_int.h"

/* What each rule reads to cancel its claims (docs/design.md §6.1,
 * "cancelled by"; the ledger for lost and damaged units is also where a
 * found unit or a revised adjustment shows). */
static const char *const reads_ledger[] = { "ledger", "reimbursements",
    NULL };
static const char *const reads_returns[] = { "returns", "reimbursements",
    NULL };
static const char *const reads_removals[] = { "removal_orders",
    "removal_shipments", "reimbursements", NULL };
static const char *const reads_reimbursements[] = { "reimbursements",
    NULL };

const struct detector audit_detectors[] = {
	{ "warehouse_lost", detect_warehouse_lost, 0, reads_ledger },
	{ "warehouse_damaged", detect_warehouse_damaged, 0, reads_ledger },
	{ "customer_return_missing", detect_customer_return_missing, 1,
	    reads_returns },
	{ "customer_return_damaged", detect_customer_return_damaged, 0,
	    reads_returns },
	{ "inbound_shortage", detect_inbound_shortage, 0, reads_ledger },
	{ "removal_shortfall", detect_removal_shortfall, 0, reads_removals },
	{ "reimbursement_underpaid", detect_reimbursement_underpaid, 0,
	    reads_reimbursements },
};

const size_t audit_ndetectors = sizeof(audit_detectors) /
    sizeof(audit_detectors[0]);
