/*
 * SHA-256 over OpenSSL's EVP interface: file identity for idempotent
 * import, and the stable ids of claims and anomalies.
 */
#ifndef FBAUDIT_SHA256_H
#define FBAUDIT_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN	32
#define SHA256_HEXLEN	65

struct sha256;

/* Starts a digest. Never NULL (dies on OOM); free with sha256_free(). */
struct sha256 *sha256_new(void);
/* Adds n bytes. */
void	 sha256_update(struct sha256 *h, const void *p, size_t n);
/* Finishes the digest into out; h may then be freed or reused after new. */
void	 sha256_final(struct sha256 *h, uint8_t out[SHA256_LEN]);
/* Frees a digest (NULL is fine). */
void	 sha256_free(struct sha256 *h);
/* Lower-case hex of a digest into out (64 digits + NUL). Returns out. */
char	*sha256_hex(const uint8_t d[SHA256_LEN], char out[SHA256_HEXLEN]);
/* Hex digest of n bytes in one call. Returns out. */
char	*sha256_hex_of(const void *p, size_t n, char out[SHA256_HEXLEN]);
/*
 * A stable id: prefix and the first 16 hex digits of SHA-256 over the n
 * fields joined by tabs (claims "C...", anomalies "A..."). out: 18 bytes.
 * Returns out.
 */
char	*sha256_id(char prefix, const char *const *fields, size_t n,
	    char out[18]);
/* Hex digest of a whole file. Returns 0, or -1 with errno set. */
int	 sha256_file(const char *path, char out[SHA256_HEXLEN]);

#endif
