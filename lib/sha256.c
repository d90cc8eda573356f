#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "lib/sha256.h"

struct sha256 {
	EVP_MD_CTX	*md;
};

static void
sha256_die(void)
{
	fprintf(stderr, "fbaudit: OpenSSL SHA-256 failed\n");
	abort();
}

struct sha256 *
sha256_new(void)
{
	struct sha256 *h = malloc(sizeof(*h));

	if (h == NULL || (h->md = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex(h->md, EVP_sha256(), NULL) != 1)
		sha256_die();
	return h;
}

void
sha256_update(struct sha256 *h, const void *p, size_t n)
{
	if (EVP_DigestUpdate(h->md, p, n) != 1)
		sha256_die();
}

void
sha256_final(struct sha256 *h, uint8_t out[SHA256_LEN])
{
	unsigned int n = SHA256_LEN;

	if (EVP_DigestFinal_ex(h->md, out, &n) != 1 || n != SHA256_LEN)
		sha256_die();
}

void
sha256_free(struct sha256 *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->md);
	free(h);
}

char *
sha256_hex(const uint8_t d[SHA256_LEN], char out[SHA256_HEXLEN])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < SHA256_LEN; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[2 * SHA256_LEN] = '\0';
	return out;
}

char *
sha256_hex_of(const void *p, size_t n, char out[SHA256_HEXLEN])
{
	struct sha256 *h = sha256_new();
	uint8_t d[SHA256_LEN];

	sha256_update(h, p, n);
	sha256_final(h, d);
	sha256_free(h);
	return sha256_hex(d, out);
}

char *
sha256_id(char prefix, const char *const *fields, size_t n, char out[18])
{
	struct sha256 *h = sha256_new();
	char hex[SHA256_HEXLEN];
	uint8_t d[SHA256_LEN];
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sha256_update(h, "\t", 1);
		sha256_update(h, fields[i], strlen(fields[i]));
	}
	sha256_final(h, d);
	sha256_free(h);
	sha256_hex(d, hex);
	out[0] = prefix;
	memcpy(out + 1, hex, 16);
	out[17] = '\0';
	return out;
}

int
sha256_file(const char *path, char out[SHA256_HEXLEN])
{
	struct sha256 *h;
	uint8_t d[SHA256_LEN];
	char *chunk;
	ssize_t n;
	int fd, rc = -1, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	h = sha256_new();
	if ((chunk = malloc(1 << 16)) == NULL)
		sha256_die();
	while ((n = read(fd, chunk, 1 << 16)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		sha256_update(h, chunk, (size_t)n);
	}
	sha256_final(h, d);
	sha256_hex(d, out);
	rc = 0;
out:
	saved = errno;
	free(chunk);
	sha256_free(h);
	close(fd);
	errno = saved;
	return rc;
}
