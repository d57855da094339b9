/*
 * util.h: the small shared tools: the recovery point of a call that runs
 * out of memory, a growable byte buffer, an arena for allocations freed
 * together, and the "did you mean" suggester.
 */
#ifndef AIS_UTIL_H
#define AIS_UTIL_H

#include <assert.h>
#include <setjmp.h>
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
 * Running out of memory (docs/library.md, "Memory").  Every public entry
 * point that allocates sets a recovery point, a guard, for the length of
 * the call:
 *
 *	struct ais_oom_guard g;
 *
 *	ais_oom_guard_enter(&g);
 *	if (setjmp(g.jb) != 0)
 *		return ais_oom_error(err), -1;	(the guard is left already)
 *	rc = the_work(...);
 *	ais_oom_guard_leave(&g);
 *
 * An allocator that fails calls ais_oom, which runs the clean-ups
 * registered with the innermost guard (newest first), takes the guard off
 * and longjmps to it; so no allocation site has an error path, and none is
 * forgotten.  The guards form a chain through thread-local storage, set
 * only for the length of a call: no process-wide state, and each thread
 * has its own.  What a function allocates on the heap for its own use it
 * registers with ais_oom_push (a record in its own frame, taken off again
 * with ais_oom_pop before it returns): the clean-ups run before the jump,
 * while every frame they point into is still alive.
 *
 * With no guard set (a bug: the library sets one in every entry point,
 * and the fault-injection build counts the allocations made without one)
 * ais_oom returns: the ais_x* allocators, the arena and ais_vec_grow then
 * return NULL, and a buffer stays as it was, the bytes dropped.
 */
struct ais_oom_cleanup {
	void (*fn)(void *);
	void *arg;
	struct ais_oom_cleanup *next;
	struct ais_oom_guard *guard;	/* the one it is registered with */
};

struct ais_oom_guard {
	jmp_buf jb;
	struct ais_oom_guard *prev;	/* the guard of the calling entry */
	struct ais_oom_cleanup *cleanups;	/* newest first */
};

/* Makes g the innermost guard of this thread; g must be left (or jumped
 * to) before its frame returns. */
void ais_oom_guard_enter(struct ais_oom_guard *g);
/* Takes g, the innermost guard, off; its clean-ups must all be popped. */
void ais_oom_guard_leave(struct ais_oom_guard *g);
/* Memory ran out: runs the innermost guard's clean-ups and jumps to it;
 * returns only when there is no guard. */
void ais_oom(void);

/* Registers fn(arg) with the innermost guard, to run if memory runs out
 * before ais_oom_pop(c); c lives in the caller's frame.  With no guard it
 * does nothing. */
void ais_oom_push(struct ais_oom_cleanup *c, void (*fn)(void *), void *arg);
/* Takes c, the newest clean-up, off without running it. */
void ais_oom_pop(struct ais_oom_cleanup *c);
/* Clean-ups for ais_oom_push: arg is a struct ais_buf *, a struct
 * ais_arena *. */
/*
 * The body of a public function that appends to buffer b by the
 * statement call: under a guard of its own, it returns 0, or -1 with b
 * cut back to where it was when memory ran out.  (setjmp is called in
 * the function that uses it, whose frame is alive when ais_oom jumps.)
 */
#define AIS_OOM_BUF_BODY(b, call) do { \
	struct ais_oom_guard g_; \
	size_t len_ = (b)->len; \
	ais_oom_guard_enter(&g_); \
	if (setjmp(g_.jb) != 0) { \
		ais_buf_cut((b), len_); \
		return -1; \
	} \
	call; \
	ais_oom_guard_leave(&g_); \
	return 0; \
} while (0)

void ais_oom_release_buf(void *arg);
void ais_oom_release_arena(void *arg);

/* Fills err (a struct ais_error *) for memory that ran out: status
 * AIS_ENOMEM, message "out of memory", no place. */
struct ais_error;
void ais_oom_error(struct ais_error *err);

#ifdef AIS_FAULT_INJECTION
/*
 * Fault injection (tests/oom): with n >= 0, n more allocations of this
 * thread succeed and the next one fails (once); -1 fails none.  Resets
 * the counts below.
 */
void ais_fault_fail_after(long n);
/* With on, allocations are neither counted nor failed until it is called
 * again with 0 (the test's own bytes). */
void ais_fault_pause(int on);
/* 1 when the failure set by ais_fault_fail_after has happened. */
int ais_fault_fired(void);
/* The allocations since ais_fault_fail_after, and of those the ones made
 * with no guard set (there should be none). */
unsigned long ais_fault_allocations(void);
unsigned long ais_fault_unguarded(void);
#endif

/*
 * A growable byte buffer, always NUL-terminated once anything was added.
 * When memory runs out the growth calls ais_oom (above): a buffer never
 * has an error path of its own.
 */
void ais_buf_init(struct ais_buf *b);
/* Makes room for extra more bytes and the NUL: 0, or -1 (the buffer as it
 * was) only when memory ran out with no guard set. */
int ais_buf_grow(struct ais_buf *b, size_t extra);
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

/* Cuts b back to its first len bytes (len at most b->len); what an entry
 * point that writes into a caller's buffer does when memory runs out. */
static inline void
ais_buf_cut(struct ais_buf *b, size_t len)
{
	if (b->p != NULL) {
		b->len = len;
		b->p[len] = '\0';
	}
}

/* Appends the n bytes at p (p may be NULL when n is 0).  Inline: the
 * writers call it for every few bytes they write. */
static inline void
ais_buf_add(struct ais_buf *b, const void *p, size_t n)
{
	if (n >= b->cap - b->len &&	/* also when cap is 0: the NUL needs room */
	    ais_buf_grow(b, n) < 0)
		return;
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
	if (b->cap - b->len < 2 && ais_buf_grow(b, 1) < 0)
		return;
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

/* Adds s[0..n) as a JSON string literal, quotes included, escaped. */
void ais_buf_add_json_str(struct ais_buf *b, const char *s, size_t n);
/* Takes the bytes out: the caller owns the returned string (NULL only
 * when memory ran out with no guard). */
char *ais_buf_detach(struct ais_buf *b);

/* malloc, calloc, realloc and strdup that call ais_oom on failure (and
 * return NULL only when there is no guard). */
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
