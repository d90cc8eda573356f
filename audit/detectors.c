/* The detector table: adding a claim type is one file and one row. */
#include "audit/audit_int.h"

const struct detector audit_detectors[] = {
	{ "warehouse_lost", detect_warehouse_lost },
	{ "warehouse_damaged", detect_warehouse_damaged },
	{ "customer_return_missing", detect_customer_return_missing },
	{ "customer_return_damaged", detect_customer_return_damaged },
	{ "inbound_shortage", detect_inbound_shortage },
	{ "removal_shortfall", detect_removal_shortfall },
	{ "reimbursement_underpaid", detect_reimbursement_underpaid },
};

const size_t audit_ndetectors = sizeof(audit_detectors) /
    sizeof(audit_detectors[0]);
