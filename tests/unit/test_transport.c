/*
 * Unit tests of claims/transport.h and the template filling the case
 * packets use (lib/l10n.h): case ids that are safe to store and show,
 * the transport table, and values that are never expanded again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "claims/transport.h"
#include "lib/buf.h"
#include "lib/l10n.h"

/* Amazon's case ids and the fake gateway's are accepted. */
static void
test_case_id_valid(void **state)
{
	(void)state;
	assert_true(transport_case_id_valid("12345678901"));
	assert_true(transport_case_id_valid("CASE-000001"));
	assert_true(transport_case_id_valid("a.b_c-D"));
}

/* Empty, too long, or anything a terminal or a file could trip on. */
static void
test_case_id_invalid(void **state)
{
	char longid[TRANSPORT_MAX_CASE_ID + 2];

	(void)state;
	assert_false(transport_case_id_valid(""));
	assert_false(transport_case_id_valid("bad id"));
	assert_false(transport_case_id_valid("x;rm"));
	assert_false(transport_case_id_valid("a/b"));
	assert_false(transport_case_id_valid("\x1b[31m"));
	memset(longid, 'a', sizeof(longid) - 1);
	longid[sizeof(longid) - 1] = '\0';
	assert_false(transport_case_id_valid(longid));
	longid[TRANSPORT_MAX_CASE_ID] = '\0';
	assert_true(transport_case_id_valid(longid));
}

/* The table knows outbox and gateway, nothing else. */
static void
test_find(void **state)
{
	(void)state;
	assert_non_null(transport_find("outbox"));
	assert_non_null(transport_find("gateway"));
	assert_string_equal(transport_find("gateway")->name, "gateway");
	assert_null(transport_find("email"));
}

/* A value that looks like a template is inserted as text. */
static void
test_fill_no_reexpansion(void **state)
{
	const char *pairs[] = { "title", "{fnsku} & {title}", "fnsku", "X1",
	    NULL };
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	l10n_fill_pairs(&b, "T: {title} F: {fnsku} U: {unknown}", pairs);
	assert_string_equal(b.data,
	    "T: {fnsku} & {title} F: X1 U: {unknown}");
	buf_free(&b);
	buf_init(&b, 0);
	l10n_fill(&b, "{a}{b}", "a", "1", "b", "{a}", (const char *)NULL);
	assert_string_equal(b.data, "1{a}");
	buf_free(&b);
}

/* Every language has the packet texts (gen.sh checks the keys). */
static void
test_catalogue_has_claims(void **state)
{
	static const char *const langs[] = { "en", "de", "fr", "es" };
	struct l10n l;
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		assert_int_equal(l10n_init(&l, langs[i]), 0);
		assert_string_not_equal(l10n_get(&l,
		    "claim.fields.warehouse_lost"),
		    "claim.fields.warehouse_lost");
		assert_non_null(strchr(l10n_get(&l, "claim.closing"), '\n'));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_id_valid),
		cmocka_unit_test(test_case_id_invalid),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_fill_no_reexpansion),
		cmocka_unit_test(test_catalogue_has_claims),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
