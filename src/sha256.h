/* sha256.h: SHA-256 (FIPS 180-4), for the digest of the rule set. */
#ifndef AIS_SHA256_H
#define AIS_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct ais_sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char block[64];
	size_t used;		/* bytes waiting in block */
};

void ais_sha256_init(struct ais_sha256 *c);
void ais_sha256_update(struct ais_sha256 *c, const void *p, size_t n);
void ais_sha256_final(struct ais_sha256 *c, unsigned char out[32]);
/* Writes the 64 lowercase hex digits of a digest and a NUL. */
void ais_sha256_hex(const unsigned char d[32], char out[65]);

#endif
