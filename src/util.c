/*
 * util.c: the recovery points of calls that run out of memory, the
 * growable buffer, the allocators, the arena and the "did you mean"
 * suggester.
 */
#include "util.h"

#include "aisubsidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The smallest arena block: 64 KiB including its header. */
#define ARENA_BLOCK_SIZE ((size_t)64 * 1024)
/* Every arena allocation starts on a multiple of this. */
#define ARENA_ALIGN ((size_t)16)
/* The header of a debug arena's allocation, rounded up to ARENA_ALIGN. */
#define ARENA_DEBUG_HEAD \
	((sizeof(struct ais_arena_block) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

/* Sanitizer builds fill fresh arena memory (valgrind sees it unwritten). */
#if defined(AIS_DEBUG_ARENA) && defined(__SANITIZE_ADDRESS__)
#define AIS_ARENA_POISON 1
#elif defined(AIS_DEBUG_ARENA) && defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AIS_ARENA_POISON 1
#endif
#endif

/*
 * One arena block: the header, then size bytes of room, of which used
 * are handed out.  The room starts ARENA_ALIGN-aligned because the
 * offsets are rounded against the address, not against malloc's promise.
 */
struct ais_arena_block {
	struct ais_arena_block *next;
	size_t size;
	size_t used;
};

/* The innermost guard of this thread, or NULL outside a library call. */
static _Thread_local struct ais_oom_guard *oom_top;

#ifdef AIS_FAULT_INJECTION
/* Allocations left before the injected failure (-1: none), whether it
 * happened, and the counts of ais_fault_allocations/_unguarded. */
static _Thread_local long fault_left = -1;
static _Thread_local int fault_fired, fault_paused;
static _Thread_local unsigned long fault_allocs, fault_unguarded;

void
ais_fault_fail_after(long n)
{
	fault_left = n < 0 ? -1 : n;
	fault_fired = fault_paused = 0;
	fault_allocs = fault_unguarded = 0;
}

void
ais_fault_pause(int on)
{
	fault_paused = on;
}

int
ais_fault_fired(void)
{
	return fault_fired;
}

unsigned long
ais_fault_allocations(void)
{
	return fault_allocs;
}

unsigned long
ais_fault_unguarded(void)
{
	return fault_unguarded;
}

/* 1 when this allocation is the one to fail. */
static int
fault_now(void)
{
	if (fault_paused)
		return 0;
	fault_allocs++;
	if (oom_top == NULL)
		fault_unguarded++;
	if (fault_left < 0)
		return 0;
	if (fault_left-- > 0)
		return 0;
	fault_fired = 1;
	return 1;
}
#define FAULT() fault_now()
#else
#define FAULT() 0
#endif

void
ais_oom_guard_enter(struct ais_oom_guard *g)
{
	g->prev = oom_top;
	g->cleanups = NULL;
	oom_top = g;
}

void
ais_oom_guard_leave(struct ais_oom_guard *g)
{
	assert(oom_top == g && g->cleanups == NULL);
	oom_top = g->prev;
}

/*
 * Memory ran out.  The clean-ups of the innermost guard run, newest
 * first, while the frames they point into are alive; then the guard is
 * taken off and jumped to.  With no guard (a bug) it returns, and the
 * allocator gives NULL.
 */
void
ais_oom(void)
{
	struct ais_oom_guard *g = oom_top;
	struct ais_oom_cleanup *c;

	if (g == NULL)
		return;
	oom_top = g->prev;
	while ((c = g->cleanups) != NULL) {
		g->cleanups = c->next;
		c->fn(c->arg);
	}
	longjmp(g->jb, 1);
}

void
ais_oom_push(struct ais_oom_cleanup *c, void (*fn)(void *), void *arg)
{
	c->fn = fn;
	c->arg = arg;
	c->guard = oom_top;
	if (c->guard == NULL)
		return;
	c->next = c->guard->cleanups;
	c->guard->cleanups = c;
}

void
ais_oom_pop(struct ais_oom_cleanup *c)
{
	if (c->guard == NULL)
		return;
	assert(c->guard == oom_top && c->guard->cleanups == c);
	c->guard->cleanups = c->next;
}

void
ais_oom_release_buf(void *arg)
{
	ais_buf_release(arg);
}

void
ais_oom_release_arena(void *arg)
{
	ais_arena_release(arg);
}

void
ais_oom_error(struct ais_error *err)
{
	ais_error_set(err, AIS_ENOMEM, NULL, 0, 0, "out of memory");
}

/* malloc that calls ais_oom on failure; 0 bytes is one byte. */
void *
ais_xmalloc(size_t n)
{
	void *p = FAULT() ? NULL : malloc(n ? n : 1);

	if (p == NULL)
		ais_oom();
	return p;
}

/* calloc that calls ais_oom on failure. */
void *
ais_xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	p = FAULT() ? NULL : calloc(n, size);
	if (p == NULL)
		ais_oom();
	return p;
}

/* realloc that calls ais_oom on failure (p is still the caller's then);
 * p may be NULL. */
void *
ais_xrealloc(void *p, size_t n)
{
	void *q = FAULT() ? NULL : realloc(p, n ? n : 1);

	if (q == NULL)
		ais_oom();
	return q;
}

/* A copy of s that the caller frees (NULL only with no guard). */
char *
ais_xstrdup(const char *s)
{
	return ais_xstrndup(s, strlen(s));
}

/*
 * A copy of at most n bytes of s, stopping early at a NUL, with a NUL
 * added; the caller frees it.
 */
char *
ais_xstrndup(const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);
	char *p;

	if (end != NULL)
		n = (size_t)(end - s);
	p = ais_xmalloc(n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Makes b an empty buffer that owns nothing. */
void
ais_buf_init(struct ais_buf *b)
{
	b->p = NULL;
	b->len = 0;
	b->cap = 0;
}

/* Frees the bytes of b and leaves it empty; b itself is the caller's. */
void
ais_buf_release(struct ais_buf *b)
{
	free(b->p);
	ais_buf_init(b);
}


/*
 * Makes room for extra more bytes and the NUL, at least doubling the
 * capacity so that appending stays linear.  0, or -1 with b as it was
 * when memory ran out and no guard is set.
 */
int
ais_buf_grow(struct ais_buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > SIZE_MAX - 1 - b->len) {
		ais_oom();
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap < 64 ? 64 : b->cap;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = ais_xrealloc(b->p, cap)) == NULL)
		return -1;
	b->p = p;
	b->cap = cap;
	return 0;
}

/* Appends the printf-style formatting of fmt and its arguments. */
void
ais_buf_addf(struct ais_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ais_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

/* Appends the decimal digits of u, with a '-' first when neg. */
static void
buf_add_uint(struct ais_buf *b, int neg, unsigned long long u)
{
	char t[24], *e = t + sizeof t, *o = e;

	do {
		*--o = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		*--o = '-';
	ais_buf_add(b, o, (size_t)(e - o));
}

/*
 * Formats fmt straight into b when its conversions are all ones this
 * knows: %s, %.*s, %c, %d, %ld, %lu, %u, %zu and %%, with no flags or
 * widths (printf measures and writes every string twice, and reasons
 * are mostly strings).  Returns 0, or -1 at the first conversion it does
 * not know, with b as it was and ap partly used.
 */
static int
fast_vaddf(struct ais_buf *b, const char *fmt, va_list ap)
{
	const char *f = fmt, *run;
	size_t start = b->len;
	long long d;

	for (;;) {
		for (run = f; *f && *f != '%'; f++)
			;
		ais_buf_add(b, run, (size_t)(f - run));
		if (*f == '\0')
			return 0;
		f++;
		switch (*f) {
		case 's': {
			const char *s = va_arg(ap, const char *);

			ais_buf_adds(b, s ? s : "(null)");	/* as glibc */
			break;
		}
		case '.': {
			int n;

			if (f[1] != '*' || f[2] != 's')
				goto other;
			n = va_arg(ap, int);
			ais_buf_add(b, va_arg(ap, const char *), (size_t)n);
			f += 2;
			break;
		}
		case 'c':
			ais_buf_addc(b, (char)va_arg(ap, int));
			break;
		case 'd':
			d = va_arg(ap, int);
			buf_add_uint(b, d < 0, d < 0 ? 0ULL - (unsigned long long)d
			    : (unsigned long long)d);
			break;
		case 'u':
			buf_add_uint(b, 0, va_arg(ap, unsigned));
			break;
		case 'l':
			f++;
			if (*f == 'u') {
				buf_add_uint(b, 0, va_arg(ap, unsigned long));
				break;
			}
			if (*f != 'd')
				goto other;
			d = va_arg(ap, long);
			buf_add_uint(b, d < 0, d < 0 ? 0ULL - (unsigned long long)d
			    : (unsigned long long)d);
			break;
		case 'z':
			f++;
			if (*f != 'u')
				goto other;
			buf_add_uint(b, 0, va_arg(ap, size_t));
			break;
		case '%':
			ais_buf_addc(b, '%');
			break;
		default:
			goto other;
		}
		f++;
	}
other:
	b->len = start;
	b->p[start] = '\0';
	return -1;
}

/*
 * Appends the formatting of fmt with ap.  The common conversions are
 * done here; any other format goes to vsnprintf, once to measure it and
 * once into the room made for it.
 */
void
ais_buf_vaddf(struct ais_buf *b, const char *fmt, va_list ap)
{
	va_list cp, fast;
	int n, done;

	va_copy(fast, ap);
	done = fast_vaddf(b, fmt, fast) == 0;
	va_end(fast);
	if (done)
		return;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0) {
		/* Only a bad format fails here; the buffer stays as it was. */
		if (ais_buf_grow(b, 0) == 0)
			b->p[b->len] = '\0';
		return;
	}
	if (ais_buf_grow(b, (size_t)n) < 0)
		return;
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

/* 1 for the bytes JSON needs escaped: controls, '"', '\\', DEL */
static const unsigned char json_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1
};

/*
 * Copies the bytes of u[0..n) that need no escaping in JSON, up to the
 * first that does, to o, and returns how many they are.  With SSE2 it
 * looks at sixteen bytes at a time, the last sixteen of u taken as one
 * block when fewer are left (bytes it has seen again, written again the
 * same); only what is shorter than a block goes byte by byte.
 */
static inline size_t
json_copy_plain(const unsigned char *u, size_t n, char *o)
{
	size_t i = 0;
#ifdef __SSE2__
	__m128i v;
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
		_mm_storeu_si128((__m128i *)(void *)(o + i), v);
		if ((m = ais_json_special(v)) != 0)
			return i + (size_t)__builtin_ctz(m);
	}
	if (i == n)
		return n;
	if (n >= 16) {
		/* the block that ends at n: its first bytes are done */
		v = _mm_loadu_si128((const __m128i *)(const void *)(u + n - 16));
		_mm_storeu_si128((__m128i *)(void *)(o + n - 16), v);
		m = ais_json_special(v) >> (16 - (n - i));
		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#endif
	for (; i < n && !json_escape[u[i]]; i++)
		o[i] = (char)u[i];
	return i;
}

/*
 * Appends s[0..n) as a JSON string literal.  The quote, the backslash,
 * the control characters and DEL are escaped; every other byte, UTF-8
 * included, goes through unchanged.
 */
void
ais_buf_add_json_str(struct ais_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;
	char *o;

	if (n > (SIZE_MAX - 8) / 6) {
		ais_oom();
		return;
	}
	/* the worst case, once: every byte a six-byte \u escape */
	if (6 * n + 2 >= b->cap - b->len && ais_buf_grow(b, 6 * n + 2) < 0)
		return;
	o = b->p + b->len;
	*o++ = '"';
	while (i < n) {
		k = json_copy_plain(u + i, n - i, o);
		i += k;
		o += k;
		if (i == n)
			break;
		*o++ = '\\';
		switch (u[i]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			*o++ = 'u';
			*o++ = '0';
			*o++ = '0';
			*o++ = hex[u[i] >> 4];
			*o++ = hex[u[i] & 0xf];
			break;
		}
		i++;
	}
	*o++ = '"';
	b->len = (size_t)(o - b->p);
	b->p[b->len] = '\0';
}

/*
 * Hands the bytes of b to the caller, who frees them; an empty buffer
 * gives an empty string.  b is empty again afterwards.
 */
char *
ais_buf_detach(struct ais_buf *b)
{
	char *p = b->p;

	if (p == NULL)
		p = ais_xstrdup("");
	ais_buf_init(b);
	return p;
}

/* The first byte of room in block k. */
static unsigned char *
arena_room(struct ais_arena_block *k)
{
	return (unsigned char *)(k + 1);
}

/*
 * The offset in k at which n aligned bytes would start, or SIZE_MAX when
 * they do not fit.
 */
static size_t
arena_fit(struct ais_arena_block *k, size_t n)
{
	uintptr_t addr = (uintptr_t)(arena_room(k) + k->used);
	size_t pad = (size_t)((ARENA_ALIGN - addr % ARENA_ALIGN) % ARENA_ALIGN);

	if (pad > k->size - k->used || n > k->size - k->used - pad)
		return SIZE_MAX;
	return k->used + pad;
}

/*
 * A block with room for n aligned bytes: the smallest kept block big
 * enough (the first of equals), or a new one.  Taking the smallest keeps
 * a big block free for the big request that made it, so a loop of the
 * same allocations and resets finds every block where it was.
 */
static struct ais_arena_block *
arena_block(struct ais_arena *a, size_t n)
{
	struct ais_arena_block **pp, **best = NULL, *k;
	size_t size;

	for (pp = &a->free; *pp != NULL; pp = &(*pp)->next) {
		k = *pp;
		k->used = 0;
		if (arena_fit(k, n) != SIZE_MAX &&
		    (best == NULL || k->size < (*best)->size))
			best = pp;
	}
	if (best != NULL) {
		k = *best;
		*best = k->next;
		k->next = NULL;
		return k;
	}
	if (n > SIZE_MAX - sizeof *k - ARENA_ALIGN - ARENA_BLOCK_SIZE) {
		ais_oom();
		return NULL;
	}
	size = ARENA_BLOCK_SIZE - sizeof *k;
	if (n + ARENA_ALIGN > size)
		size = n + ARENA_ALIGN;
	if ((k = ais_xmalloc(sizeof *k + size)) == NULL)
		return NULL;
	k->next = NULL;
	k->size = size;
	k->used = 0;
	return k;
}

/*
 * n zeroed bytes, 16-aligned, that live until the arena is reset or
 * released.  A request too big for the rest of the current block gets a
 * block of its own; a large one is put behind the current block so the
 * room left there is not lost.
 */
void *
ais_arena_alloc(struct ais_arena *a, size_t n)
{
	void *p = ais_arena_alloc_raw(a, n);

	if (p != NULL)
		memset(p, 0, n ? n : 1);
	return p;
}

/* As ais_arena_alloc, without zeroing the memory. */
void *
ais_arena_alloc_raw(struct ais_arena *a, size_t n)
{
	struct ais_arena_block *k;
	size_t off;

	if (n == 0)
		n = 1;
	if (AIS_ARENA_DEBUG) {
		/* a block of exactly n bytes, the room right after a header
		 * padded to ARENA_ALIGN: the malloc ends where the bytes do */
		if (n > SIZE_MAX - ARENA_DEBUG_HEAD) {
			ais_oom();
			return NULL;
		}
		if ((k = ais_xmalloc(ARENA_DEBUG_HEAD + n)) == NULL)
			return NULL;
		k->size = k->used = n;
		k->next = a->head;
		a->head = k;
#ifdef AIS_ARENA_POISON
		/* what a caller reads before it writes is garbage, not 0 */
		memset((unsigned char *)k + ARENA_DEBUG_HEAD, 0xbe, n);
#endif
		return (unsigned char *)k + ARENA_DEBUG_HEAD;
	}
	if (a->head != NULL && (off = arena_fit(a->head, n)) != SIZE_MAX) {
		k = a->head;
	} else {
		if ((k = arena_block(a, n)) == NULL)
			return NULL;
		off = arena_fit(k, n);
		if (a->head != NULL && n > ARENA_BLOCK_SIZE / 4) {
			k->next = a->head->next;
			a->head->next = k;
		} else {
			k->next = a->head;
			a->head = k;
		}
	}
	k->used = off + n;
	return arena_room(k) + off;
}

void *
ais_vec_grow(struct ais_arena *a, void *v, size_t n, size_t *alloc,
	size_t need, size_t size)
{
	size_t room = *alloc;
	void *nv;

	assert(n <= room);
	if (need <= room)
		return v;
	room = room < 8 ? 8 : room;
	while (room < need) {
		if (room > SIZE_MAX / 2) {
			ais_oom();
			return NULL;
		}
		room *= 2;
	}
	if (room > SIZE_MAX / size) {
		ais_oom();
		return NULL;
	}
	if (a == NULL) {
		if ((nv = ais_xrealloc(v, room * size)) == NULL)
			return NULL;
	} else {
		if ((nv = ais_arena_alloc_raw(a, room * size)) == NULL)
			return NULL;
		if (n)
			memcpy(nv, v, n * size);
	}
	*alloc = room;
	return nv;
}

/* A copy of at most n bytes of s, stopping at a NUL, in the arena. */
char *
ais_arena_strndup(struct ais_arena *a, const char *s, size_t n)
{
	const char *end = memchr(s, '\0', n);
	char *p;

	if (end != NULL)
		n = (size_t)(end - s);
	if ((p = ais_arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	return p;
}

/* A copy of the string s in the arena. */
char *
ais_arena_strdup(struct ais_arena *a, const char *s)
{
	return ais_arena_strndup(a, s, strlen(s));
}

/*
 * Forgets every allocation but keeps the blocks for the next ones, so a
 * loop of allocations and resets stays within the same memory.  The
 * chain runs from the newest block to the oldest; moving the blocks one
 * by one puts the oldest first on the free list, so the next round fills
 * them in the order the last one did.
 */
void
ais_arena_reset(struct ais_arena *a)
{
	struct ais_arena_block *k;

	if (AIS_ARENA_DEBUG) {
		/* nothing is kept: a use after the reset is a use after free */
		while ((k = a->head) != NULL) {
			a->head = k->next;
			free(k);
		}
		return;
	}

	while ((k = a->head) != NULL) {
		a->head = k->next;
		k->next = a->free;
		a->free = k;
	}
}

/* Frees every block of the arena, which is empty and usable again. */
void
ais_arena_release(struct ais_arena *a)
{
	struct ais_arena_block *k, *next;

	ais_arena_reset(a);
	for (k = a->free; k != NULL; k = next) {
		next = k->next;
		free(k);
	}
	a->free = NULL;
}

/* The longest second string whose rows ais_edit_distance keeps on the
 * stack (the longest name ais_suggest compares, SUGGEST_MAX). */
#define EDIT_STACK 64

/*
 * The optimal string alignment distance between a[0..alen) and
 * b[0..blen): insertions, deletions, substitutions and swaps of two
 * neighbouring bytes, each costing one, no substring edited twice.
 */
size_t
ais_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	/* three rows of blen + 1: on the stack for the names ais_suggest
	 * compares, else one block on the heap, freed if memory runs out */
	size_t stack[3 * (EDIT_STACK + 1)], *rows = stack;
	size_t *prev2, *prev, *cur, *t, i, j, d, cost;
	struct ais_oom_cleanup c;

	if (blen > EDIT_STACK) {
		if (blen > SIZE_MAX / (3 * sizeof *rows) - 1) {
			ais_oom();
			return SIZE_MAX;
		}
		if ((rows = ais_xmalloc(3 * (blen + 1) * sizeof *rows)) == NULL)
			return SIZE_MAX;
		ais_oom_push(&c, free, rows);
	}
	prev2 = rows;
	prev = rows + (blen + 1);
	cur = rows + 2 * (blen + 1);
	for (j = 0; j <= blen; j++)
		prev[j] = j;
	for (i = 1; i <= alen; i++) {
		cur[0] = i;
		for (j = 1; j <= blen; j++) {
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	d = prev[blen];
	if (rows != stack) {
		ais_oom_pop(&c);
		free(rows);
	}
	return d;
}

/*
 * The longest word, and the longest candidate, ais_suggest considers: a
 * name longer than this is no typo of a field or a key, and the bound
 * keeps the search linear in the number of candidates (the edit distance
 * costs the product of the two lengths).
 */
#define SUGGEST_MAX EDIT_STACK

/*
 * The candidate closest to word[0..len), the first of equals winning,
 * when it is near enough to be a typo; NULL otherwise, and always NULL
 * for a word longer than SUGGEST_MAX bytes.  Candidates longer than that
 * are never suggested.  The strings are borrowed and so is the result.
 */
const char *
ais_suggest(const char *word, size_t len, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, d, i;

	if (candidates == NULL || len > SUGGEST_MAX)
		return NULL;
	for (i = 0; candidates[i] != NULL; i++) {
		size_t cl = strnlen(candidates[i], SUGGEST_MAX + 1);

		/* the distance is at least the difference of the lengths,
		 * which already rules out a candidate too long or short */
		if (cl > SUGGEST_MAX || (cl > len ? cl - len : len - cl) >
		    1 + len / 4)
			continue;
		d = ais_edit_distance(word, len, candidates[i], cl);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	if (best != NULL && best_d <= 1 + len / 4 && best_d < len)
		return best;
	/* a word that is part of exactly one candidate ("training" of
	 * "model_training") is likely that candidate, abbreviated */
	best = NULL;
	for (i = 0; len >= 4 && candidates[i] != NULL; i++) {
		const char *c = candidates[i];
		size_t cl = strnlen(c, SUGGEST_MAX + 1), k;

		if (cl > SUGGEST_MAX)
			continue;

		for (k = 0; k + len <= cl; k++)
			if (memcmp(c + k, word, len) == 0)
				break;
		if (k + len > cl)
			continue;
		if (best != NULL)
			return NULL;
		best = c;
	}
	return best;
}
