/* Unit tests of lib/vocab.h and lib/reason.h: the stored names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/reason.h"
#include "lib/vocab.h"

/* Every claim status has a distinct name that parses back to it. */
static void
test_claim_status_round_trip(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < CLAIM_STATUS_COUNT; i++) {
		assert_non_null(claim_status_name(i));
		assert_int_equal(claim_status_parse(claim_status_name(i)), i);
		for (j = 0; j < i; j++)
			assert_string_not_equal(claim_status_name(i),
			    claim_status_name(j));
	}
	/* The names the store has always kept. */
	assert_string_equal(claim_status_name(CLAIM_PARTIALLY_REIMBURSED),
	    "partially_reimbursed");
	assert_string_equal(claim_status_name(CLAIM_AUTO_REIMBURSED),
	    "auto_reimbursed");
	assert_int_equal(claim_status_parse("ready"), CLAIM_READY);
}

/* An unknown, differently cased or missing name is no status. */
static void
test_claim_status_unknown(void **state)
{
	(void)state;
	assert_int_equal(claim_status_parse("Filed"), CLAIM_STATUS_NONE);
	assert_int_equal(claim_status_parse("file"), CLAIM_STATUS_NONE);
	assert_int_equal(claim_status_parse(""), CLAIM_STATUS_NONE);
	assert_int_equal(claim_status_parse(NULL), CLAIM_STATUS_NONE);
	assert_null(claim_status_name(CLAIM_STATUS_NONE));
	assert_null(claim_status_name((enum claim_status)-1));
}

/* The groups the lifecycle names (docs/design.md §6.3). */
static void
test_claim_status_groups(void **state)
{
	(void)state;
	assert_true(claim_status_unfiled(CLAIM_ELIGIBLE));
	assert_true(claim_status_unfiled(CLAIM_READY));
	assert_false(claim_status_unfiled(CLAIM_PENDING));
	assert_true(claim_status_unsettled(CLAIM_PENDING));
	assert_false(claim_status_unsettled(CLAIM_EXPIRED));
	assert_true(claim_status_has_case(CLAIM_PARTIALLY_REIMBURSED));
	assert_false(claim_status_has_case(CLAIM_DENIED));
	assert_true(claim_status_after_filing(CLAIM_DENIED));
	assert_false(claim_status_after_filing(CLAIM_AUTO_REIMBURSED));
	assert_false(claim_status_after_filing(CLAIM_STATUS_NONE));
}

/* Anomaly states and kinds round trip; unknown names are none. */
static void
test_anomaly_round_trip(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < ANOMALY_STATE_COUNT; i++)
		assert_int_equal(anomaly_state_parse(anomaly_state_name(i)),
		    i);
	for (i = 0; i < ANOMALY_KIND_COUNT; i++)
		assert_int_equal(anomaly_kind_parse(anomaly_kind_name(i)), i);
	assert_string_equal(anomaly_state_name(ANOMALY_ACKED), "acked");
	assert_string_equal(anomaly_kind_name(ANOMALY_STALE_DATA),
	    "stale_data");
	assert_int_equal(anomaly_state_parse("active"), ANOMALY_STATE_NONE);
	assert_int_equal(anomaly_state_parse(NULL), ANOMALY_STATE_NONE);
	assert_int_equal(anomaly_kind_parse("spike"), ANOMALY_KIND_NONE);
	assert_null(anomaly_kind_name(ANOMALY_KIND_NONE));
	assert_null(anomaly_state_name(ANOMALY_STATE_NONE));
	assert_true(anomaly_state_active(ANOMALY_OPEN));
	assert_true(anomaly_state_active(ANOMALY_ACKED));
	assert_false(anomaly_state_active(ANOMALY_DISMISSED));
}

/* Which reasons pay which claim type: one table for audit and reconcile. */
static void
test_reasons(void **state)
{
	(void)state;
	assert_true(reason_pays("Lost_Warehouse", "warehouse_lost"));
	assert_false(reason_pays("Lost_Warehouse", "warehouse_damaged"));
	assert_true(reason_pays("Damaged_Inbound", "inbound_shortage"));
	assert_true(reason_pays("Lost_Inbound", "inbound_shortage"));
	assert_true(reason_pays("CustomerReturn", "customer_return_damaged"));
	assert_true(reason_pays("CustomerReturn", "customer_return_missing"));
	assert_false(reason_pays("Lost_Removal", "removal_shortfall"));
	assert_false(reason_pays("Unknown_Reason", "warehouse_lost"));
	assert_true(reason_is_reversal(REASON_REVERSAL));
	assert_false(reason_pays_units(REASON_REVERSAL));
	assert_false(reason_pays_units("FeeCorrection"));
	assert_true(reason_pays_units("Something_New"));
	assert_true(reason_before_order("Lost_Warehouse"));
	assert_true(reason_before_order("RemovalOrderDamaged"));
	assert_false(reason_before_order("CustomerReturn"));
	assert_true(reason_after_order("CustomerServiceIssue"));
	assert_false(reason_after_order("Lost_Inbound"));
	assert_false(reason_after_order("Something_New"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claim_status_round_trip),
		cmocka_unit_test(test_claim_status_unknown),
		cmocka_unit_test(test_claim_status_groups),
		cmocka_unit_test(test_anomaly_round_trip),
		cmocka_unit_test(test_reasons),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
