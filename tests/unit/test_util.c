/*
 * test_util.c: the buffer, JSON escaping, the arena and the suggester.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util.h"

/* The JSON literal ais_buf_add_json_str makes of s[0..n), to be freed. */
static char *
json(const char *s, size_t n)
{
	struct ais_buf b = AIS_BUF_INIT;

	ais_buf_add_json_str(&b, s, n);
	return ais_buf_detach(&b);
}

/* Asserts that s[0..n) escapes to want. */
static void
assert_json(const char *s, size_t n, const char *want)
{
	char *got = json(s, n);

	assert_string_equal(got, want);
	free(got);
}

static void
buf_should_append_and_stay_nul_terminated(void **state)
{
	struct ais_buf b;

	(void)state;
	ais_buf_init(&b);
	ais_buf_adds(&b, "abc");
	ais_buf_addc(&b, '-');
	ais_buf_add(&b, "xyz", 2);
	ais_buf_addf(&b, "%d/%s", 42, "q");
	assert_string_equal(b.p, "abc-xy42/q");
	assert_int_equal(b.len, 10);
	assert_true(b.cap > b.len);
	ais_buf_release(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
}

static void
buf_should_grow_across_many_appends(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 100000; i++)
		ais_buf_addc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 100000);
	assert_int_equal(strlen(b.p), 100000);
	assert_int_equal(b.p[26], 'a');
	assert_int_equal(b.p[99999], 'a' + 99999 % 26);
	ais_buf_release(&b);
}

static void
buf_addf_should_format_long_text(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	char big[3000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	ais_buf_adds(&b, "<");
	ais_buf_addf(&b, "%s>%zu", big, sizeof big);
	assert_int_equal(b.len, 1 + 2999 + 1 + 4);
	assert_int_equal(b.p[0], '<');
	assert_string_equal(b.p + 3000, ">3000");
	ais_buf_release(&b);
}

static void
buf_reset_should_keep_the_memory(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	char *p;

	(void)state;
	ais_buf_adds(&b, "hello");
	p = b.p;
	ais_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.p, "");
	ais_buf_adds(&b, "hi");
	assert_ptr_equal(b.p, p);
	assert_string_equal(b.p, "hi");
	ais_buf_release(&b);
}

static void
buf_detach_should_hand_over_the_bytes(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	char *s;

	(void)state;
	s = ais_buf_detach(&b);
	assert_string_equal(s, "");
	free(s);
	ais_buf_adds(&b, "owned");
	s = ais_buf_detach(&b);
	assert_string_equal(s, "owned");
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
}

static void
json_str_should_escape_quotes_backslashes_and_controls(void **state)
{
	(void)state;
	assert_json("", 0, "\"\"");
	assert_json("plain", 5, "\"plain\"");
	assert_json("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
	assert_json("\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"");
	assert_json("\x01\x1f", 2, "\"\\u0001\\u001f\"");
	assert_json("\x7f", 1, "\"\\u007f\"");
	assert_json("a\0b", 3, "\"a\\u0000b\"");
	assert_json("/", 1, "\"/\"");
}

static void
json_str_should_pass_utf8_through(void **state)
{
	(void)state;
	assert_json("深圳 é", strlen("深圳 é"), "\"深圳 é\"");
	assert_json("\xff\x80", 2, "\"\xff\x80\"");
}

/* The escape of one byte, the plain way, for checking the fast one. */
static void
escape_one(struct ais_buf *b, unsigned char c)
{
	char t[8];

	if (c == '"' || c == '\\') {
		ais_buf_addc(b, '\\');
		ais_buf_addc(b, (char)c);
	} else if (c == '\n' || c == '\r' || c == '\t' || c == '\b' ||
	    c == '\f') {
		ais_buf_addc(b, '\\');
		ais_buf_addc(b, c == '\n' ? 'n' : c == '\r' ? 'r' :
		    c == '\t' ? 't' : c == '\b' ? 'b' : 'f');
	} else if (c < 0x20 || c == 0x7f) {
		snprintf(t, sizeof t, "\\u%04x", c);
		ais_buf_adds(b, t);
	} else {
		ais_buf_addc(b, (char)c);
	}
}

/* Every byte value at every place of a 33-byte string (two blocks of
 * sixteen and one byte more), among plain bytes and UTF-8 bytes: the
 * block-at-a-time scan must find exactly the bytes the plain one does. */
static void
json_str_should_find_every_byte_at_every_place(void **state)
{
	char s[33];
	size_t pos, k;
	int c, fill;

	(void)state;
	for (fill = 0; fill < 2; fill++)
		for (c = 0; c < 256; c++)
			for (pos = 0; pos < sizeof s; pos++) {
				struct ais_buf want = AIS_BUF_INIT;
				char *got;

				memset(s, fill ? '\xe5' : 'a', sizeof s);
				s[pos] = (char)c;
				ais_buf_addc(&want, '"');
				for (k = 0; k < sizeof s; k++)
					escape_one(&want, (unsigned char)s[k]);
				ais_buf_addc(&want, '"');
				got = json(s, sizeof s);
				assert_string_equal(got, want.p);
				free(got);
				ais_buf_release(&want);
			}
}

/* The escape of s[0..n), the plain way, as a JSON literal to be freed. */
static char *
json_plain_way(const char *s, size_t n)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t k;

	ais_buf_addc(&b, '"');
	for (k = 0; k < n; k++)
		escape_one(&b, (unsigned char)s[k]);
	ais_buf_addc(&b, '"');
	return ais_buf_detach(&b);
}

/* Strings of every length up to 40, with a byte that matters at every
 * place: blocks, the last block that overlaps the one before it, and
 * the bytes left over. */
static void
json_str_should_escape_at_every_length(void **state)
{
	static const unsigned char bytes[] = { 0x00, 0x1f, 0x20, '"', '\\',
	    0x7f, 0x80, 'a' };
	char s[40];
	size_t len, pos, k;

	(void)state;
	for (len = 1; len <= sizeof s; len++)
		for (pos = 0; pos < len; pos++)
			for (k = 0; k < sizeof bytes; k++) {
				char *got, *want;

				memset(s, 'x', sizeof s);
				s[pos] = (char)bytes[k];
				if (pos + 3 < len)	/* and a second one */
					s[len - 1] = '"';
				got = json(s, len);
				want = json_plain_way(s, len);
				assert_string_equal(got, want);
				free(got);
				free(want);
			}
}

/* The formatter's own conversions give what printf gives. */
static void
buf_addf_should_match_printf(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	char want[256];

	(void)state;
	ais_buf_addf(&b, "%s|%.*s|%c|%d|%d|%ld|%ld|%u|%zu|%%|%d", "ab", 2,
	    "xyz", 'q', 0, -2147483647 - 1, 9223372036854775807L,
	    -9223372036854775807L - 1, 4294967295u, (size_t)18446744073709551615u,
	    7);
	snprintf(want, sizeof want, "%s|%.*s|%c|%d|%d|%ld|%ld|%u|%zu|%%|%d",
	    "ab", 2, "xyz", 'q', 0, -2147483647 - 1, 9223372036854775807L,
	    -9223372036854775807L - 1, 4294967295u,
	    (size_t)18446744073709551615u, 7);
	assert_string_equal(b.p, want);
	/* others go to printf itself */
	ais_buf_reset(&b);
	ais_buf_addf(&b, "%04u:%02x:%.3s:%5s", 7u, 0xabu, "abcdef", "r");
	assert_string_equal(b.p, "0007:ab:abc:    r");
	/* a conversion it does not know after ones it does */
	ais_buf_reset(&b);
	ais_buf_adds(&b, "<");
	ais_buf_addf(&b, "%s=%5d%s", "x", 42, "!");
	assert_string_equal(b.p, "<x=   42!");
	ais_buf_reset(&b);
	ais_buf_addf(&b, "no conversions");
	assert_string_equal(b.p, "no conversions");
	ais_buf_release(&b);
}

static void
xstrndup_should_stop_at_n_or_the_nul(void **state)
{
	char *s;

	(void)state;
	s = ais_xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = ais_xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = ais_xstrdup("");
	assert_string_equal(s, "");
	free(s);
}

static void
xalloc_should_give_usable_memory_for_zero_bytes(void **state)
{
	void *p, *q;

	(void)state;
	p = ais_xmalloc(0);
	assert_non_null(p);
	q = ais_xcalloc(0, 8);
	assert_non_null(q);
	p = ais_xrealloc(p, 0);
	assert_non_null(p);
	free(p);
	free(q);
	q = ais_xcalloc(4, sizeof(int));
	assert_int_equal(((int *)q)[3], 0);
	free(q);
}

static void
arena_should_give_zeroed_aligned_memory(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	unsigned char *p;
	size_t i, n;

	(void)state;
	for (n = 1; n < 200; n += 7) {
		p = ais_arena_alloc(&a, n);
		assert_int_equal((uintptr_t)p % 16, 0);
		for (i = 0; i < n; i++)
			assert_int_equal(p[i], 0);
		memset(p, 0xab, n);
	}
	ais_arena_reset(&a);
	/* Reused memory was dirtied above; it must come back zeroed. */
	p = ais_arena_alloc(&a, 4096);
	for (i = 0; i < 4096; i++)
		assert_int_equal(p[i], 0);
	ais_arena_release(&a);
}

static void
arena_should_keep_earlier_allocations_intact(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	char *s[1000];
	char want[16];
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof want, "item%zu", i);
		s[i] = ais_arena_strdup(&a, want);
		/* Some big requests among the small ones. */
		if (i % 100 == 0)
			memset(ais_arena_alloc(&a, 100000), 1, 100000);
	}
	for (i = 0; i < 1000; i++) {
		snprintf(want, sizeof want, "item%zu", i);
		assert_string_equal(s[i], want);
	}
	ais_arena_release(&a);
	assert_null(a.head);
	assert_null(a.free);
}

static void
arena_strndup_should_copy_and_terminate(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;

	(void)state;
	assert_string_equal(ais_arena_strndup(&a, "abcdef", 4), "abcd");
	assert_string_equal(ais_arena_strndup(&a, "ab", 9), "ab");
	assert_string_equal(ais_arena_strdup(&a, ""), "");
	ais_arena_release(&a);
}

static void
arena_should_serve_requests_larger_than_a_block(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	unsigned char *p;

	(void)state;
	p = ais_arena_alloc(&a, 1u << 20);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_int_equal(p[(1u << 20) - 1], 0);
	memset(p, 0xff, 1u << 20);
	ais_arena_release(&a);
}

static void
arena_reset_should_reuse_the_same_memory(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	void *first, *big, *p, *q;
	long i;

	(void)state;
	if (AIS_ARENA_DEBUG)
		skip();		/* a debug arena frees everything on reset */
	first = ais_arena_alloc(&a, 100);
	big = ais_arena_alloc(&a, 200000);
	ais_arena_reset(&a);
	/*
	 * Were a block lost or a new one made on any round, the addresses
	 * would move; the same two addresses every time show that the
	 * arena runs in the memory it had after the first round.
	 */
	for (i = 0; i < 100000; i++) {
		p = ais_arena_alloc(&a, 100);
		q = ais_arena_alloc(&a, 200000);
		if (p != first || q != big)
			fail_msg("round %ld moved to new memory", i);
		ais_arena_reset(&a);
	}
	ais_arena_release(&a);
}

static void
arena_reset_should_reuse_blocks_after_filling_several(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	void *seen[64];
	size_t nseen = 0, j;
	long i;
	int k;
	void *p;

	(void)state;
	if (AIS_ARENA_DEBUG)
		skip();		/* a debug arena frees everything on reset */
	/* A first round fills several blocks; remember every address. */
	for (k = 0; k < 40; k++) {
		p = ais_arena_alloc(&a, 10000);
		seen[nseen++] = p;
	}
	ais_arena_reset(&a);
	for (i = 0; i < 2000; i++) {
		for (k = 0; k < 40; k++) {
			p = ais_arena_alloc(&a, 10000);
			for (j = 0; j < nseen && seen[j] != p; j++)
				;
			if (j == nseen)
				fail_msg("round %ld used memory it did not have", i);
		}
		ais_arena_reset(&a);
	}
	ais_arena_release(&a);
}

static void
edit_distance_should_count_single_edits(void **state)
{
	(void)state;
	assert_int_equal(ais_edit_distance("rate", 4, "rate", 4), 0);
	assert_int_equal(ais_edit_distance("rat", 3, "rate", 4), 1);
	assert_int_equal(ais_edit_distance("rate", 4, "rte", 3), 1);
	assert_int_equal(ais_edit_distance("rate", 4, "race", 4), 1);
	assert_int_equal(ais_edit_distance("rtae", 4, "rate", 4), 1);
	assert_int_equal(ais_edit_distance("", 0, "abc", 3), 3);
	assert_int_equal(ais_edit_distance("abc", 3, "", 0), 3);
	assert_int_equal(ais_edit_distance("kitten", 6, "sitting", 7), 3);
}

static void
edit_distance_should_not_edit_a_substring_twice(void **state)
{
	(void)state;
	/* Optimal string alignment: "ca" to "abc" is 3, not 2. */
	assert_int_equal(ais_edit_distance("ca", 2, "abc", 3), 3);
}

static void
suggest_should_find_a_likely_typo(void **state)
{
	static const char *const fields[] = {
		"rate", "cap", "amount", "start_date", NULL
	};

	(void)state;
	assert_string_equal(ais_suggest("rat", 3, fields), "rate");
	assert_string_equal(ais_suggest("amuont", 6, fields), "amount");
	assert_string_equal(ais_suggest("start_dat", 9, fields), "start_date");
	assert_string_equal(ais_suggest("rate", 4, fields), "rate");
	assert_string_equal(ais_suggest("ratexyz", 4, fields), "rate");
}

static void
suggest_should_refuse_distant_words(void **state)
{
	static const char *const fields[] = {
		"rate", "cap", "amount", NULL
	};
	static const char *const none[] = { NULL };

	(void)state;
	assert_null(ais_suggest("zzzzzz", 6, fields));
	assert_null(ais_suggest("x", 1, fields));
	assert_null(ais_suggest("", 0, fields));
	/* Two edits are allowed for four letters, one for three. */
	assert_string_equal(ais_suggest("rxxe", 4, fields), "rate");
	assert_null(ais_suggest("rxt", 3, fields));
	assert_null(ais_suggest("rxxxe", 5, fields));
	assert_null(ais_suggest("rate", 4, none));
	assert_null(ais_suggest("rate", 4, NULL));
}

static void
suggest_should_prefer_the_first_of_equals(void **state)
{
	static const char *const fields[] = {
		"cat", "cot", NULL
	};

	(void)state;
	assert_string_equal(ais_suggest("cxt", 3, fields), "cat");
}

/*
 * Words and candidates past 64 bytes are not looked at: the edit distance
 * costs the product of the lengths, and a 10 MB name took seconds.
 */
static void
suggest_should_not_look_at_words_longer_than_64_bytes(void **state)
{
	char w64[65], c64[65], w65[66], c65[66];
	const char *fields[3] = { NULL, NULL, NULL };
	size_t n = 10 * 1024 * 1024;
	char *huge = malloc(n);

	(void)state;
	assert_non_null(huge);
	memset(c64, 'a', 64);
	c64[64] = '\0';
	memcpy(w64, c64, 65);
	w64[63] = 'b';			/* one substitution away */
	fields[0] = c64;
	assert_string_equal(ais_suggest(w64, 64, fields), c64);

	memset(c65, 'a', 65);
	c65[65] = '\0';
	memcpy(w65, c65, 66);
	w65[64] = 'b';
	fields[0] = c65;
	assert_null(ais_suggest(w65, 65, fields));	/* too long a word */
	assert_null(ais_suggest(w64, 64, fields));	/* too long a candidate */
	assert_null(ais_suggest("aaaa", 4, fields));	/* not even a part */

	/* a 10 MB word that starts with a candidate: no suggestion, and
	 * no time spent on it */
	memset(huge, 'k', n);
	memcpy(huge, "kind", 4);
	fields[0] = "kind";
	fields[1] = "kinds";
	assert_null(ais_suggest(huge, n, fields));
	free(huge);
}

/* Two arrays of one struct, grown in turns, each by its own count. */
struct two_vecs {
	AIS_VEC(int) a;
	AIS_VEC(char *) b;
};

static void
vec_should_grow_each_array_by_its_own_count(void **state)
{
	struct ais_arena ar = AIS_ARENA_INIT;
	struct two_vecs t = {AIS_VEC_INIT, AIS_VEC_INIT};
	static char x;
	size_t i;

	(void)state;
	/* a grows past 8 and 16 while b stays small, then b catches up:
	 * with a shared capacity (the crash of 2026-11) b would be written
	 * past its room */
	for (i = 0; i < 40; i++) {
		*AIS_VEC_PUSH(&ar, t.a) = (int)i;
		if (i % 8 == 0)
			*AIS_VEC_PUSH(&ar, t.b) = &x + 0;
		assert_true(t.a.n <= t.a.alloc);
		assert_true(t.b.n <= t.b.alloc);
	}
	assert_int_equal(t.a.n, 40);
	assert_int_equal(t.b.n, 5);
	for (i = 0; i < 40; i++)
		assert_int_equal(t.a.v[i], (int)i);
	for (i = 0; i < 5; i++)
		assert_ptr_equal(t.b.v[i], &x);
	ais_arena_reset(&ar);
	AIS_VEC_FORGET(t.a);
	AIS_VEC_FORGET(t.b);
	assert_null(t.a.v);
	*AIS_VEC_PUSH(&ar, t.a) = 7;
	assert_int_equal(t.a.v[0], 7);
	assert_int_equal(t.a.n, 1);
	ais_arena_release(&ar);
}

static void
vec_should_grow_on_the_heap_and_keep_its_room_when_cleared(void **state)
{
	AIS_VEC(size_t) v = AIS_VEC_INIT;
	size_t i, room;

	(void)state;
	for (i = 0; i < 1000; i++)
		*AIS_VEC_PUSH(NULL, v) = i * 3;
	assert_int_equal(v.n, 1000);
	assert_true(v.alloc >= 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(v.v[i], i * 3);
	room = v.alloc;
	AIS_VEC_CLEAR(v);
	assert_int_equal(v.n, 0);
	assert_int_equal(v.alloc, room);
	*AIS_VEC_PUSH(NULL, v) = 5;
	assert_int_equal(v.alloc, room);
	AIS_VEC_FREE(v);
	assert_null(v.v);
	assert_int_equal(v.alloc, 0);
}

static void
vec_reserve_should_keep_pointers_to_elements_valid(void **state)
{
	struct ais_arena ar = AIS_ARENA_INIT;
	AIS_VEC(long) v = AIS_VEC_INIT;
	long *first;
	size_t i;

	(void)state;
	AIS_VEC_RESERVE(&ar, v, 100);
	assert_true(v.alloc >= 100);
	first = AIS_VEC_PUSH(&ar, v);
	*first = -1;
	for (i = 1; i < 100; i++)
		*AIS_VEC_PUSH(&ar, v) = (long)i;
	assert_ptr_equal(first, &v.v[0]);
	assert_int_equal(*first, -1);
	ais_arena_release(&ar);
}

static void
debug_arena_should_give_every_allocation_its_own_memory(void **state)
{
	struct ais_arena ar = AIS_ARENA_INIT;
	unsigned char *p, *q;

	(void)state;
	if (!AIS_ARENA_DEBUG)
		skip();		/* only a debug arena promises this */
	/* two small allocations are never neighbours within one block: an
	 * overflow out of one reaches memory the sanitizers guard */
	p = ais_arena_alloc_raw(&ar, 3);
	q = ais_arena_alloc_raw(&ar, 3);
	assert_true(q > p + 3 + 16 || q < p);
	memset(p, 1, 3);
	memset(q, 2, 3);
	ais_arena_reset(&ar);
	p = ais_arena_alloc(&ar, 5);
	assert_int_equal(p[4], 0);
	ais_arena_release(&ar);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_should_append_and_stay_nul_terminated),
		cmocka_unit_test(buf_should_grow_across_many_appends),
		cmocka_unit_test(buf_addf_should_format_long_text),
		cmocka_unit_test(buf_reset_should_keep_the_memory),
		cmocka_unit_test(buf_detach_should_hand_over_the_bytes),
		cmocka_unit_test(
		    json_str_should_escape_quotes_backslashes_and_controls),
		cmocka_unit_test(json_str_should_pass_utf8_through),
		cmocka_unit_test(json_str_should_find_every_byte_at_every_place),
		cmocka_unit_test(json_str_should_escape_at_every_length),
		cmocka_unit_test(buf_addf_should_match_printf),
		cmocka_unit_test(xstrndup_should_stop_at_n_or_the_nul),
		cmocka_unit_test(xalloc_should_give_usable_memory_for_zero_bytes),
		cmocka_unit_test(arena_should_give_zeroed_aligned_memory),
		cmocka_unit_test(arena_should_keep_earlier_allocations_intact),
		cmocka_unit_test(arena_strndup_should_copy_and_terminate),
		cmocka_unit_test(arena_should_serve_requests_larger_than_a_block),
		cmocka_unit_test(arena_reset_should_reuse_the_same_memory),
		cmocka_unit_test(vec_should_grow_each_array_by_its_own_count),
		cmocka_unit_test(
		    vec_should_grow_on_the_heap_and_keep_its_room_when_cleared),
		cmocka_unit_test(vec_reserve_should_keep_pointers_to_elements_valid),
		cmocka_unit_test(
		    debug_arena_should_give_every_allocation_its_own_memory),
		cmocka_unit_test(
		    arena_reset_should_reuse_blocks_after_filling_several),
		cmocka_unit_test(edit_distance_should_count_single_edits),
		cmocka_unit_test(edit_distance_should_not_edit_a_substring_twice),
		cmocka_unit_test(suggest_should_find_a_likely_typo),
		cmocka_unit_test(suggest_should_refuse_distant_words),
		cmocka_unit_test(suggest_should_prefer_the_first_of_equals),
		cmocka_unit_test(suggest_should_not_look_at_words_longer_than_64_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
