/*
 * test_sha256.c: the FIPS 180-4 example vectors, fed whole and in
 * awkward pieces.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "sha256.h"

/* The hex digest of s[0..n), fed in pieces of `step` bytes (0: whole). */
static void
digest(const char *s, size_t n, size_t step, char hex[65])
{
	struct ais_sha256 c;
	unsigned char d[32];
	size_t i, k;

	ais_sha256_init(&c);
	if (step == 0) {
		ais_sha256_update(&c, s, n);
	} else {
		for (i = 0; i < n; i += k) {
			k = n - i < step ? n - i : step;
			ais_sha256_update(&c, s + i, k);
		}
	}
	ais_sha256_final(&c, d);
	ais_sha256_hex(d, hex);
}

/* Asserts the digest of s, whole and in pieces of 1, 3, 63, 64, 65. */
static void
assert_digest(const char *s, const char *want)
{
	static const size_t steps[] = { 0, 1, 3, 63, 64, 65 };
	char hex[65];
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		digest(s, strlen(s), steps[i], hex);
		assert_string_equal(hex, want);
	}
}

static void
sha256_should_hash_the_empty_message(void **state)
{
	char hex[65];

	(void)state;
	assert_digest("",
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	digest(NULL, 0, 0, hex);
	assert_string_equal(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void
sha256_should_hash_abc(void **state)
{
	(void)state;
	assert_digest("abc",
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
sha256_should_hash_the_448_bit_message(void **state)
{
	(void)state;
	assert_digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void
sha256_should_hash_the_896_bit_message(void **state)
{
	(void)state;
	assert_digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
	    "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
sha256_should_hash_one_million_a(void **state)
{
	struct ais_sha256 c;
	unsigned char d[32], chunk[1000];
	char hex[65];
	int i;

	(void)state;
	memset(chunk, 'a', sizeof chunk);
	ais_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		ais_sha256_update(&c, chunk, sizeof chunk);
	ais_sha256_final(&c, d);
	ais_sha256_hex(d, hex);
	assert_string_equal(hex,
	    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void
sha256_should_pad_messages_near_the_block_edge(void **state)
{
	char msg[130], hex[65], again[65];
	size_t n;

	(void)state;
	/* 55, 56 and 64 bytes take the padding into one or two blocks. */
	memset(msg, 'a', sizeof msg);
	msg[55] = '\0';
	assert_digest(msg,
	    "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	msg[55] = 'a';
	msg[56] = '\0';
	assert_digest(msg,
	    "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	msg[56] = 'a';
	msg[64] = '\0';
	assert_digest(msg,
	    "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	/* Every length up to two blocks gives the same digest in pieces. */
	memset(msg, 'a', sizeof msg);
	for (n = 0; n <= sizeof msg; n++) {
		digest(msg, n, 0, hex);
		digest(msg, n, 7, again);
		assert_string_equal(hex, again);
	}
}

static void
sha256_hex_should_write_lowercase_digits(void **state)
{
	unsigned char d[32];
	char hex[65];
	int i;

	(void)state;
	for (i = 0; i < 32; i++)
		d[i] = (unsigned char)(i * 8 + 7);
	ais_sha256_hex(d, hex);
	assert_int_equal(strlen(hex), 64);
	assert_memory_equal(hex, "070f171f", 8);
	assert_memory_equal(hex + 56, "e7eff7ff", 8);
	d[0] = 0xab;
	ais_sha256_hex(d, hex);
	assert_memory_equal(hex, "ab", 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_should_hash_the_empty_message),
		cmocka_unit_test(sha256_should_hash_abc),
		cmocka_unit_test(sha256_should_hash_the_448_bit_message),
		cmocka_unit_test(sha256_should_hash_the_896_bit_message),
		cmocka_unit_test(sha256_should_hash_one_million_a),
		cmocka_unit_test(sha256_should_pad_messages_near_the_block_edge),
		cmocka_unit_test(sha256_hex_should_write_lowercase_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
