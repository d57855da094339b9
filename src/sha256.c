/*
 * sha256.c: SHA-256 as FIPS 180-4 describes it, for the digest of the
 * rule set.  Plain and portable: bytes are read big-endian by hand.
 */
#include "sha256.h"

#include <string.h>

/* The round constants: the first 32 bits of the fractional parts of the
 * cube roots of the first 64 primes. */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5,
	0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3,
	0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
	0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Rotates x right by n bits (0 < n < 32). */
static uint32_t
sha256_ror(uint32_t x, int n)
{
	return (x >> n) | (x << (32 - n));
}

/* Mixes one 64-byte block into the state of c. */
static void
sha256_block(struct ais_sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h, s0, s1, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		s0 = sha256_ror(w[i - 15], 7) ^ sha256_ror(w[i - 15], 18) ^
		    (w[i - 15] >> 3);
		s1 = sha256_ror(w[i - 2], 17) ^ sha256_ror(w[i - 2], 19) ^
		    (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0];
	b = c->h[1];
	cc = c->h[2];
	d = c->h[3];
	e = c->h[4];
	f = c->h[5];
	g = c->h[6];
	h = c->h[7];
	for (i = 0; i < 64; i++) {
		s1 = sha256_ror(e, 6) ^ sha256_ror(e, 11) ^ sha256_ror(e, 25);
		t1 = h + s1 + ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		s0 = sha256_ror(a, 2) ^ sha256_ror(a, 13) ^ sha256_ror(a, 22);
		t2 = s0 + ((a & b) ^ (a & cc) ^ (b & cc));
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = cc;
		cc = b;
		b = a;
		a = t1 + t2;
	}
	c->h[0] += a;
	c->h[1] += b;
	c->h[2] += cc;
	c->h[3] += d;
	c->h[4] += e;
	c->h[5] += f;
	c->h[6] += g;
	c->h[7] += h;
}

/*
 * The same with the SHA extensions of x86 (SHA-NI), when the processor
 * has them: ten times as fast, which matters to a run that hashes a
 * hundred rule files to give the digest of the rule set
 * (docs/performance.md, "Start-up that does not grow with the rule set").
 * Built without them by other compilers than GCC (clang 14 knows no
 * __builtin_cpu_supports("sha")), or when AIS_SHA256_PORTABLE is
 * defined, to test the portable code on such a processor.
 */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(AIS_SHA256_PORTABLE)
#include <immintrin.h>

#define AIS_SHA256_NI 1

/* Whether the processor has SHA-NI, SSSE3 and SSE4.1: what libgcc found
 * when the program started (asking the processor itself, CPUID, on each
 * call was a fifth of a run's time in a virtual machine, whose hypervisor
 * answers it). */
static int
sha256_have_ni(void)
{
	return __builtin_cpu_supports("sha") &&
	    __builtin_cpu_supports("ssse3") &&
	    __builtin_cpu_supports("sse4.1");
}

/* Mixes the n 64-byte blocks at p into the state of c. */
__attribute__((target("sha,ssse3,sse4.1")))
static void
sha256_blocks_ni(struct ais_sha256 *c, const unsigned char *p, size_t n)
{
	const __m128i mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i s0, s1, t, msg, w[4], abef, cdgh;
	int g;

	t = _mm_loadu_si128((const __m128i *)(const void *)&c->h[0]);
	s1 = _mm_loadu_si128((const __m128i *)(const void *)&c->h[4]);
	t = _mm_shuffle_epi32(t, 0xb1);		/* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1b);	/* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);		/* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xf0);	/* CDGH */
	for (; n > 0; n--, p += 64) {
		abef = s0;
		cdgh = s1;
#pragma GCC unroll 4
		for (g = 0; g < 4; g++)
			w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
			    (const __m128i *)(const void *)(p + 16 * g)), mask);
		/* four rounds a group, the schedule four words ahead */
#pragma GCC unroll 16
		for (g = 0; g < 16; g++) {
			msg = _mm_add_epi32(w[g & 3], _mm_loadu_si128(
			    (const __m128i *)(const void *)&sha256_k[4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, msg);
			if (g >= 3 && g <= 14) {
				t = _mm_alignr_epi8(w[g & 3], w[(g + 3) & 3], 4);
				w[(g + 1) & 3] = _mm_add_epi32(w[(g + 1) & 3], t);
				w[(g + 1) & 3] = _mm_sha256msg2_epu32(
				    w[(g + 1) & 3], w[g & 3]);
			}
			msg = _mm_shuffle_epi32(msg, 0x0e);
			s0 = _mm_sha256rnds2_epu32(s0, s1, msg);
			if (g >= 1 && g <= 12)
				w[(g + 3) & 3] = _mm_sha256msg1_epu32(
				    w[(g + 3) & 3], w[g & 3]);
		}
		s0 = _mm_add_epi32(s0, abef);
		s1 = _mm_add_epi32(s1, cdgh);
	}
	t = _mm_shuffle_epi32(s0, 0x1b);	/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xb1);	/* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xf0);	/* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);		/* ABEF */
	_mm_storeu_si128((__m128i *)(void *)&c->h[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&c->h[4], s1);
}
#endif

/* Mixes the n 64-byte blocks at p into the state of c. */
static void
sha256_blocks(struct ais_sha256 *c, const unsigned char *p, size_t n)
{
#ifdef AIS_SHA256_NI
	if (n > 0 && sha256_have_ni()) {
		sha256_blocks_ni(c, p, n);
		return;
	}
#endif
	for (; n > 0; n--, p += 64)
		sha256_block(c, p);
}

/* Starts a new digest in c. */
void
ais_sha256_init(struct ais_sha256 *c)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, iv, sizeof iv);
	c->len = 0;
	c->used = 0;
}

/* Hashes the n bytes at p (p may be NULL when n is 0). */
void
ais_sha256_update(struct ais_sha256 *c, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t take;

	c->len += n;
	while (n > 0) {
		if (c->used == 0 && n >= 64) {
			sha256_blocks(c, s, n / 64);
			s += n / 64 * 64;
			n %= 64;
			continue;
		}
		take = 64 - c->used;
		if (take > n)
			take = n;
		memcpy(c->block + c->used, s, take);
		c->used += take;
		s += take;
		n -= take;
		if (c->used == 64) {
			sha256_block(c, c->block);
			c->used = 0;
		}
	}
}

/*
 * Pads the message, finishes the digest and writes its 32 bytes to out.
 * c must be initialised again before it is used for another digest.
 */
void
ais_sha256_final(struct ais_sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	int i;

	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		sha256_block(c, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_block(c, c->block);
	c->used = 0;
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

/* Writes the 64 lowercase hex digits of d and a NUL into out. */
void
ais_sha256_hex(const unsigned char d[32], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 0xf];
	}
	out[64] = '\0';
}
