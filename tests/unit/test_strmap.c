/* Unit tests of lib/strmap.h: the string to int64 hash map. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lib/strmap.h"

static int
get(const struct strmap *m, const char *key, int64_t *val)
{
	return strmap_get(m, key, strlen(key), val);
}

static void
put(struct strmap *m, const char *key, int64_t val)
{
	strmap_put(m, key, strlen(key), val);
}

/* Keys put are found with their values; others are absent. */
static void
test_put_get(void **state)
{
	struct strmap *m = strmap_new();
	int64_t v = -1;

	(void)state;
	assert_int_equal(strmap_count(m), 0);
	assert_int_equal(get(m, "X00ABC", &v), 0);
	assert_int_equal(v, -1);	/* untouched when absent */
	put(m, "X00ABC", 7);
	put(m, "PHX7", -3);
	put(m, "", 99);
	assert_int_equal(strmap_count(m), 3);
	assert_int_equal(get(m, "X00ABC", &v), 1);
	assert_int_equal(v, 7);
	assert_int_equal(get(m, "PHX7", &v), 1);
	assert_true(v == -3);
	assert_int_equal(get(m, "", &v), 1);
	assert_int_equal(v, 99);
	assert_int_equal(get(m, "X00AB", &v), 0);
	assert_int_equal(get(m, "X00ABCD", &v), 0);
	assert_int_equal(get(m, "x00abc", &v), 0);
	/* Only n bytes of the key count. */
	assert_int_equal(strmap_get(m, "PHX7-extra", 4, &v), 1);
	assert_true(v == -3);
	strmap_put(m, "INT64", 5, INT64_MIN);
	assert_int_equal(get(m, "INT64", &v), 1);
	assert_true(v == INT64_MIN);
	strmap_free(m);
	strmap_free(NULL);
}

/* Putting a key again replaces its value without a second entry. */
static void
test_replace(void **state)
{
	struct strmap *m = strmap_new();
	int64_t v = 0;

	(void)state;
	put(m, "sku-1", 1);
	put(m, "sku-2", 2);
	put(m, "sku-1", 10);
	put(m, "sku-1", 11);
	assert_int_equal(strmap_count(m), 2);
	assert_int_equal(get(m, "sku-1", &v), 1);
	assert_int_equal(v, 11);
	assert_int_equal(get(m, "sku-2", &v), 1);
	assert_int_equal(v, 2);
	strmap_free(m);
}

/* Tens of thousands of keys survive the table's growth. */
static void
test_growth(void **state)
{
	struct strmap *m = strmap_new();
	char key[32];
	int64_t v;
	int i;

	(void)state;
	for (i = 0; i < 25000; i++) {
		snprintf(key, sizeof(key), "FNSKU%07d", i);
		put(m, key, (int64_t)i * 3);
	}
	assert_int_equal(strmap_count(m), 25000);
	for (i = 0; i < 25000; i++) {
		snprintf(key, sizeof(key), "FNSKU%07d", i);
		v = -1;
		if (get(m, key, &v) != 1 || v != (int64_t)i * 3)
			fail_msg("%s: got %d value %lld, want %d", key,
			    get(m, key, &v), (long long)v, i * 3);
	}
	assert_int_equal(get(m, "FNSKU0025000", &v), 0);
	/* Replacing after growth still finds the one entry. */
	put(m, "FNSKU0012345", -1);
	assert_int_equal(strmap_count(m), 25000);
	assert_int_equal(get(m, "FNSKU0012345", &v), 1);
	assert_true(v == -1);
	strmap_free(m);
}

/* Keys are byte strings: embedded NULs and high bytes are significant. */
static void
test_embedded_bytes(void **state)
{
	struct strmap *m = strmap_new();
	int64_t v = 0;

	(void)state;
	strmap_put(m, "a\0b", 3, 1);
	strmap_put(m, "a\0c", 3, 2);
	strmap_put(m, "a", 1, 3);
	strmap_put(m, "a\0", 2, 4);
	strmap_put(m, "\xff\xfe", 2, 5);
	assert_int_equal(strmap_count(m), 5);
	assert_int_equal(strmap_get(m, "a\0b", 3, &v), 1);
	assert_int_equal(v, 1);
	assert_int_equal(strmap_get(m, "a\0c", 3, &v), 1);
	assert_int_equal(v, 2);
	assert_int_equal(strmap_get(m, "a", 1, &v), 1);
	assert_int_equal(v, 3);
	assert_int_equal(strmap_get(m, "a\0", 2, &v), 1);
	assert_int_equal(v, 4);
	assert_int_equal(strmap_get(m, "\xff\xfe", 2, &v), 1);
	assert_int_equal(v, 5);
	assert_int_equal(strmap_get(m, "a\0d", 3, &v), 0);
	assert_int_equal(strmap_get(m, "\xff", 1, &v), 0);
	strmap_free(m);
}

/* Clear empties the map, which then works as new. */
static void
test_clear(void **state)
{
	struct strmap *m = strmap_new();
	char key[16];
	int64_t v = 0;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		put(m, key, i);
	}
	strmap_clear(m);
	assert_int_equal(strmap_count(m), 0);
	assert_int_equal(get(m, "k0", &v), 0);
	assert_int_equal(get(m, "k999", &v), 0);
	put(m, "k5", 55);
	assert_int_equal(strmap_count(m), 1);
	assert_int_equal(get(m, "k5", &v), 1);
	assert_int_equal(v, 55);
	assert_int_equal(get(m, "k6", &v), 0);
	strmap_clear(m);
	strmap_clear(m);
	assert_int_equal(strmap_count(m), 0);
	strmap_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_get),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_growth),
		cmocka_unit_test(test_embedded_bytes),
		cmocka_unit_test(test_clear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
