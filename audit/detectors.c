/* The detector table: adding a claim type is one file and one row. */
#include "audit/audit_int.h"

const struct detector audit_detectors[] = {
	{ "warehouse_lost", detect_warehouse_lost, 0 },
	{ "warehouse_damaged", detect_warehouse_damaged, 0 },
	{ "customer_return_missing", detect_customer_return_missing, 1 },
	{ "customer_return_damaged", detect_customer_return_damaged, 0 },
	{ "inbound_shortage", detect_inbound_shortage, 0 },
	{ "removal_shortfall", detect_removal_shortfall, 0 },
	{ "reimbursement_underpaid", detect_reimbursement_underpaid, 0 },
};

const size_t audit_ndetectors = sizeof(audit_detectors) /
    sizeof(audit_detectors[0]);
