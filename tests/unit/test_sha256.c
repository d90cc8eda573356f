/* Unit tests of lib/sha256.h against the FIPS 180-2 test vectors. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/sha256.h"

#define HEX_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define HEX_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define MSG_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define HEX_448 \
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
/* One million 'a'. */
#define HEX_MILLION_A \
	"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"

/* Writes n bytes of p to a new temp file; returns its malloc'd path. */
static char *
temp_file(const void *p, size_t n)
{
	char *path = strdup("/tmp/fbaudit-test-sha.XXXXXX");
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd != -1);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	close(fd);
	return path;
}

/* The one-shot digest of the empty string, "abc" and the 448-bit text. */
static void
test_known_vectors(void **state)
{
	char hex[SHA256_HEXLEN];

	(void)state;
	assert_string_equal(sha256_hex_of("", 0, hex), HEX_EMPTY);
	assert_string_equal(sha256_hex_of("abc", 3, hex), HEX_ABC);
	assert_string_equal(sha256_hex_of(MSG_448, strlen(MSG_448), hex),
	    HEX_448);
	assert_ptr_equal(sha256_hex_of("abc", 3, hex), hex);
	assert_int_equal(strlen(hex), 64);
}

/* Feeding the bytes in pieces gives the same digest as one call. */
static void
test_incremental(void **state)
{
	struct sha256 *h;
	uint8_t d[SHA256_LEN];
	char hex[SHA256_HEXLEN];
	size_t i;
	char *a;

	(void)state;
	h = sha256_new();
	for (i = 0; i < strlen(MSG_448); i++)
		sha256_update(h, MSG_448 + i, 1);
	sha256_final(h, d);
	sha256_free(h);
	assert_string_equal(sha256_hex(d, hex), HEX_448);

	/* A million 'a' in uneven pieces, some empty. */
	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	h = sha256_new();
	sha256_update(h, a, 0);
	sha256_update(h, a, 63);
	sha256_update(h, a, 65);
	sha256_update(h, a, 999000 - 128);
	sha256_update(h, a, 0);
	sha256_update(h, a, 1000);
	sha256_final(h, d);
	sha256_free(h);
	assert_string_equal(sha256_hex(d, hex), HEX_MILLION_A);
	assert_string_equal(sha256_hex_of(a, 1000000, hex), HEX_MILLION_A);
	free(a);
}

/* sha256_hex writes lower-case hex of each byte, high nibble first. */
static void
test_hex(void **state)
{
	uint8_t d[SHA256_LEN];
	char hex[SHA256_HEXLEN];
	int i;

	(void)state;
	for (i = 0; i < SHA256_LEN; i++)
		d[i] = (uint8_t)(i * 8 + 7);
	assert_string_equal(sha256_hex(d, hex),
	    "070f171f272f373f474f575f676f777f878f979fa7afb7bfc7cfd7dfe7eff7ff");
	sha256_free(NULL);
}

/* sha256_file hashes small and multi-chunk files, and empty ones. */
static void
test_file(void **state)
{
	char hex[SHA256_HEXLEN];
	char *path, *a;

	(void)state;
	path = temp_file("abc", 3);
	assert_int_equal(sha256_file(path, hex), 0);
	assert_string_equal(hex, HEX_ABC);
	unlink(path);
	free(path);

	path = temp_file("", 0);
	assert_int_equal(sha256_file(path, hex), 0);
	assert_string_equal(hex, HEX_EMPTY);
	unlink(path);
	free(path);

	a = malloc(1000000);
	assert_non_null(a);
	memset(a, 'a', 1000000);
	path = temp_file(a, 1000000);
	free(a);
	assert_int_equal(sha256_file(path, hex), 0);
	assert_string_equal(hex, HEX_MILLION_A);
	unlink(path);
	free(path);
}

/* A missing file is -1 with errno set. */
static void
test_file_missing(void **state)
{
	char hex[SHA256_HEXLEN];

	(void)state;
	errno = 0;
	assert_int_equal(sha256_file("/nonexistent/fbaudit/x", hex), -1);
	assert_int_equal(errno, ENOENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_vectors),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_hex),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_file_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
