/*
 * util.h: the small shared tools: a growable byte buffer, an arena for
 * allocations freed together, and the "did you mean" suggester.
 */
#ifndef AIS_UTIL_H
#define AIS_UTIL_H

#include <assert.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"

#ifdef __SSE2__
#include <emmintrin.h>

/* The bits of the sixteen bytes of v that JSON strings treat specially:
 * the control bytes, '"', '\\' and DEL (which output escapes). */
static inline unsigned
ais_json_special(__m128i v)
{
	const __m128i lim = _mm_set1_epi8(0x1f), quote = _mm_set1_epi8('"'),
	    bslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7f);
	/* v <= 0x1f unsigned: nothing left after subtracting 0x1f */
	__m128i hit = _mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(v, lim),
	    _mm_setzero_si128()), _mm_cmpeq_epi8(v, quote)),
	    _mm_or_si128(_mm_cmpeq_epi8(v, bslash), _mm_cmpeq_epi8(v, del)));

	return (unsigned)_mm_movemask_epi8(hit);
}
#endif

/*
 * A growable byte buffer, always NUL-terminated once anything was added.
 * On allocation failure the program aborts with a message: every caller
 * would do the same, and it keeps error paths for real errors.
 */
void ais_buf_init(struct ais_buf *b);
void ais_buf_grow(struct ais_buf *b, size_t extra);
void ais_buf_addf(struct ais_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ais_buf_vaddf(struct ais_buf *b, const char *fmt, va_list ap);

/* Empties b but keeps its memory for the next use. */
static inline void
ais_buf_reset(struct ais_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

/* Appends the n bytes at p (p may be NULL when n is 0).  Inline: the
 * writers call it for every few bytes they write. */
static inline void
ais_buf_add(struct ais_buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len)	/* also when cap is 0: the NUL needs room */
		ais_buf_grow(b, n);
	if (n > 0)
		memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Appends the string s without its NUL. */
static inline void
ais_buf_adds(struct ais_buf *b, const char *s)
{
	ais_buf_add(b, s, strlen(s));
}

/* Appends the one byte c. */
static inline void
ais_buf_addc(struct ais_buf *b, char c)
{
	if (b->cap - b->len < 2)
		ais_buf_grow(b, 1);
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* Adds s[0..n) as a JSON string literal, quotes included, escaped. */
void ais_buf_add_json_str(struct ais_buf *b, const char *s, size_t n);
/* Takes the bytes out: the caller owns the returned string (never NULL). */
char *ais_buf_detach(struct ais_buf *b);

/* malloc, calloc, realloc and strdup that abort with a message on failure. */
void *ais_xmalloc(size_t n);
void *ais_xcalloc(size_t n, size_t size);
void *ais_xrealloc(void *p, size_t n);
char *ais_xstrdup(const char *s);
char *ais_xstrndup(const char *s, size_t n);

/*
 * An arena: many allocations freed at once by ais_arena_release, or all
 * forgotten but kept for reuse by ais_arena_reset (batch mode reuses one
 * arena per line so memory stays flat).
 *
 * Built with -DAIS_DEBUG_ARENA (make sanitize, make valgrind, the fuzz
 * targets), every allocation is a malloc of its own, ending where the
 * caller's bytes end, and a reset frees them all: AddressSanitizer and
 * valgrind then see an overflow past any one allocation and any use
 * after a reset, which a shared block would hide.  AIS_ARENA_DEBUG is 1
 * in such a build.
 */
#ifdef AIS_DEBUG_ARENA
#define AIS_ARENA_DEBUG 1
#else
#define AIS_ARENA_DEBUG 0
#endif
struct ais_arena_block;
struct ais_arena {
	struct ais_arena_block *head;	/* the block in use */
	struct ais_arena_block *free;	/* blocks kept by reset */
};

#define AIS_ARENA_INIT {NULL, NULL}

void *ais_arena_alloc(struct ais_arena *a, size_t n);	/* zeroed, 16-aligned */
void *ais_arena_alloc_raw(struct ais_arena *a, size_t n);	/* not zeroed */
char *ais_arena_strndup(struct ais_arena *a, const char *s, size_t n);
char *ais_arena_strdup(struct ais_arena *a, const char *s);
void ais_arena_reset(struct ais_arena *a);
void ais_arena_release(struct ais_arena *a);

/* A text and its length, as a reason or a warning is kept. */
struct ais_text {
	const char *p;
	size_t len;
};

/*
 * A growable array: its elements v, how many are in use (n) and how many
 * fit (alloc), kept together in one struct, so that no code can grow one
 * array with the count of another (as in git's ALLOC_GROW: our crash of
 * 2026-11 came from an item's capacities kept in the evaluation context).
 * Declare one as a member, AIS_VEC(char *) reasons, and grow it only with
 * AIS_VEC_PUSH, which asserts that the room is there before it appends.
 * The elements live on the heap (arena NULL: release with AIS_VEC_FREE)
 * or in an arena (gone with the arena: AIS_VEC_FORGET when it is reset).
 */
#define AIS_VEC(T)	struct { T *v; size_t n; size_t alloc; }
#define AIS_VEC_INIT	{NULL, 0, 0}

/*
 * Room for at least need elements of size bytes in the array v of which
 * n are in use and *alloc fit: v itself when it has the room, else a
 * larger copy (on the heap when a is NULL, in arena a otherwise) with
 * *alloc updated.  The room past n is not zeroed.
 */
void *ais_vec_grow(struct ais_arena *a, void *v, size_t n, size_t *alloc,
	size_t need, size_t size);

/* Appends one element to vec and gives its address (not zeroed). */
#define AIS_VEC_PUSH(arena, vec) \
	((vec).n < (vec).alloc ? (void)0 : (void)((vec).v = ais_vec_grow( \
	    (arena), (vec).v, (vec).n, &(vec).alloc, (vec).n + 1, \
	    sizeof *(vec).v)), \
	    assert((vec).v != NULL && (vec).n < (vec).alloc), \
	    &(vec).v[(vec).n++])

/* Makes room for need elements in all, so that pushing up to need moves
 * nothing (pointers to elements stay valid). */
#define AIS_VEC_RESERVE(arena, vec, need) \
	((vec).v = ais_vec_grow((arena), (vec).v, (vec).n, &(vec).alloc, \
	    (need), sizeof *(vec).v))

/* Empties vec, keeping its room (heap arrays only). */
#define AIS_VEC_CLEAR(vec)	((vec).n = 0)
/* Empties vec whose arena was reset: its room is gone with the arena. */
#define AIS_VEC_FORGET(vec) \
	((vec).v = NULL, (vec).n = 0, (vec).alloc = 0)
/* Frees a heap array and empties it. */
#define AIS_VEC_FREE(vec) \
	(free((vec).v), (vec).v = NULL, (vec).n = 0, (vec).alloc = 0)

/*
 * The candidate closest to word by edit distance, when it is close enough
 * to be a likely typo (distance at most 1 + strlen(word) / 4, and less
 * than the word's length), or else the one candidate that contains the
 * word (of four bytes or more); NULL otherwise.  candidates ends with NULL.
 */
const char *ais_suggest(const char *word, size_t len,
	const char *const *candidates);

/* Edit distance (insert, delete, substitute, swap of neighbours). */
size_t ais_edit_distance(const char *a, size_t alen, const char *b,
	size_t blen);

#endif
