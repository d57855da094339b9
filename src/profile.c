/*
 * profile.c: reading an applicant profile (shared/spec/profile.md).
 *
 * No amount may pass through a double, so numbers are kept as written.
 * One pass over the text checks that it is valid JSON and builds a small
 * tree of its own (struct node) as it goes: every number as its text, for
 * ais_dec_parse, and every string as its bytes.  Because the pass sees
 * the text itself, its syntax errors carry line and column in the
 * caller's text.  No JSON library is used: the tree needs no allocator
 * hooks, so a read sets nothing that another thread could see.
 *
 * The tree is then walked against the rule set's profile contract (its
 * schema, rules/profile.yaml) in document order,
 * so that the first error and the warnings come in the order of the
 * text.  Everything the result holds lives in p->arena, reset at the
 * start of each read; the tree itself points into the caller's text
 * wherever it can and is not used once the read returns.
 */
#include "profile.h"
#include "rules.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The deepest nesting of arrays and objects accepted (the schema needs 3). */
#define MAX_DEPTH 64

/* The longest piece of a bad value quoted in a message, in bytes. */
#define SHOW_MAX 80

/* An absent or empty list: shared, never written. */
static const struct ais_list empty_list = { 0, NULL };

/* ---- The memory of a read ---- */

/*
 * What a read allocates comes from the profile's arena, so that a read
 * costs no malloc and no free: it all goes when the arena is reset for
 * the next profile.  Small requests (the tree's nodes, copies of strings,
 * the values of objects) are cut from a chunk of the arena by moving a
 * pointer.  A struct mem is made for each read and passed down: nothing
 * outside the read's own stack frame knows of it.
 */
struct mem {
	struct ais_arena *arena;
	unsigned char *next, *end;	/* the rest of the current chunk */
};

/* The size of a chunk, and the largest request cut from one. */
#define MEM_CHUNK ((size_t)8192)
#define MEM_SMALL ((size_t)512)

/* Starts m on arena a, with no chunk yet. */
static void
mem_init(struct mem *m, struct ais_arena *a)
{
	m->arena = a;
	m->next = m->end = NULL;
}

/*
 * n bytes, not zeroed, aligned for pointers and int64_t.  Never NULL: when
 * memory runs out the arena jumps to the read's guard (util.h).
 */
static inline void *
mem_alloc(struct mem *m, size_t n)
{
	unsigned char *p;

	/* a debug arena gives each its own allocation: chunks would hide an
	 * overflow from one node into the next */
	if (AIS_ARENA_DEBUG || n > MEM_SMALL)
		return ais_arena_alloc_raw(m->arena, n);
	n = (n + 7) & ~(size_t)7;
	if (m->next == NULL || (size_t)(m->end - m->next) < n) {
		m->next = ais_arena_alloc_raw(m->arena, MEM_CHUNK);
		m->end = m->next + MEM_CHUNK;
	}
	p = m->next;
	m->next += n;
	return p;
}

/* As mem_alloc, zeroed. */
static void *
mem_zalloc(struct mem *m, size_t n)
{
	void *p = mem_alloc(m, n);

	memset(p, 0, n);
	return p;
}

/* A copy of s[0..n) with a NUL after it (s holds no NUL). */
static char *
mem_strndup(struct mem *m, const char *s, size_t n)
{
	char *p = mem_alloc(m, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* ---- The tree ---- */

/* The JSON kinds of value the reader tells apart. */
enum jkind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

/* The flags of a node. */
enum {
	N_TRUE = 1,	/* J_BOOL: true */
	N_OWNED = 2,	/* J_STR: text decoded into the arena, with a NUL */
	N_EXP = 4,	/* J_NUM: written with an exponent */
	N_DEC = 8	/* J_NUM: u.dec holds its value */
};

/*
 * One value of the tree.  Texts are not NUL-terminated unless N_OWNED:
 * a string without escapes, a key without escapes and a number point into
 * the caller's text, which lives as long as the read.  No text holds a
 * NUL (\u0000 and raw control bytes are refused), so a key can be
 * compared byte by byte with a NUL-terminated name.  The last member of
 * an array or object being built is kept on the parser's stack (struct
 * frame), so that each append is one store.
 */
struct node {
	const char *key;	/* in an object: the member's key */
	const char *text;	/* J_STR: the string; J_NUM: the number */
	union {
		struct node *child;	/* J_ARR, J_OBJ: the first member */
		struct ais_dec dec;	/* J_NUM with N_DEC: the value */
	} u;
	struct node *next;	/* the next member of the same parent */
	size_t klen;		/* the length of key */
	size_t len;		/* of text; J_ARR, J_OBJ: how many members */
	unsigned char kind;	/* enum jkind */
	unsigned char flags;	/* N_TRUE, N_OWNED, N_EXP, N_DEC */
};

/* A new node of kind k holding nothing, with no key. */
static inline struct node *
node_new(struct mem *m, enum jkind k)
{
	struct node *n = mem_alloc(m, sizeof *n);

	n->key = NULL;
	n->text = NULL;
	n->u.child = NULL;
	n->next = NULL;
	n->klen = 0;
	n->len = 0;
	n->kind = (unsigned char)k;
	n->flags = 0;
	return n;
}

/* ---- The first pass: JSON syntax, and the tree ---- */

/* The 1-based line and column (in bytes) of offset off within s. */
static void
line_column(const char *s, size_t off, int *line, int *column)
{
	size_t i, start = 0;
	long l = 1;

	for (i = 0; i < off; i++) {
		if (s[i] == '\n') {
			l++;
			start = i + 1;
		}
	}
	*line = l > INT32_MAX ? INT32_MAX : (int)l;
	*column = off - start + 1 > INT32_MAX ? INT32_MAX
	    : (int)(off - start + 1);
}

/* Fills err for a profile: status, path and message; no file, no line. */
static void
error_set(struct ais_error *err, const char *path, size_t pathlen,
	const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
error_set(struct ais_error *err, const char *path, size_t pathlen,
	const char *fmt, ...)
{
	va_list ap;

	err->status = AIS_EPROFILE;
	err->line = 0;
	err->column = 0;
	err->file[0] = '\0';
	ais_error_set_path(err, path, pathlen);	/* cut with "..." */
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

/*
 * Writes into buf (at least 32 bytes) how the byte at s[off] looks in a
 * message: 'x' for printable ASCII; for a well-formed UTF-8 sequence the
 * character and its code point, '：' (U+FF1A), since a full-width colon,
 * a no-break space or a byte order mark is a common slip that cannot be
 * told apart by eye; else "byte 0xNN".
 */
static void
show_byte(const unsigned char *s, size_t len, size_t off, char *buf,
	size_t n)
{
	unsigned char c = s[off];
	size_t k, need;
	unsigned long cp;

	if (c >= 0x20 && c < 0x7f) {
		snprintf(buf, n, "'%c'", c);
		return;
	}
	need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
	    : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	if (need == 0 || need > len - off) {
		snprintf(buf, n, "byte 0x%02x", c);
		return;
	}
	cp = c & (0x7f >> need);
	for (k = 1; k < need; k++) {
		if ((s[off + k] & 0xc0) != 0x80) {
			snprintf(buf, n, "byte 0x%02x", c);
			return;
		}
		cp = cp << 6 | (s[off + k] & 0x3f);
	}
	snprintf(buf, n, "'%.*s' (U+%04lX)", (int)need, (const char *)s + off,
	    cp);
}

/*
 * Reports a syntax error at s[off]: an unexpected byte, or the end of the
 * input when off == len.  what, when not NULL, replaces "unexpected ...".
 * Returns -1 for the caller to return.
 */
static int
syntax_error(struct ais_error *err, const unsigned char *s, size_t len,
	size_t off, const char *what)
{
	char shown[40];
	int line, column;

	line_column((const char *)s, off, &line, &column);
	if (what != NULL) {
		error_set(err, "$", 1, "not valid JSON: %s at line %d, "
		    "column %d", what, line, column);
	} else if (off >= len) {
		error_set(err, "$", 1, "not valid JSON: unexpected end of "
		    "input at line %d, column %d", line, column);
	} else {
		show_byte(s, len, off, shown, sizeof shown);
		error_set(err, "$", 1, "not valid JSON: unexpected %s at "
		    "line %d, column %d", shown, line, column);
	}
	return -1;
}

/* The value of hex digit c, or -1. */
static int
hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Reads the four hex digits of a \u escape at s[*i] (just after the 'u'),
 * storing the code unit and moving *i past them.  -1 with err filled when
 * they are not there.
 */
static int
scan_hex4(const unsigned char *s, size_t len, size_t *i, unsigned *code,
	struct ais_error *err)
{
	size_t k;
	int h;

	*code = 0;
	for (k = 0; k < 4; k++) {
		if (*i >= len || (h = hex_value(s[*i])) < 0)
			return syntax_error(err, s, len, *i, NULL);
		*code = *code << 4 | (unsigned)h;
		(*i)++;
	}
	return 0;
}

/* 1 for the bytes a string may hold as they are. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

/*
 * How many bytes from s[0] surely need no thought in a string, found
 * sixteen at a time up to the first that may (a control byte, '"', '\\',
 * a byte of a multi-byte UTF-8 character, or DEL, which the byte-by-byte
 * scan then passes) or the last whole
 * block of n (0 without SSE2); the caller finishes byte by byte.
 */
static inline size_t
plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	unsigned m;

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)
		    (const void *)(s + i));

		/* and the bytes of multi-byte UTF-8, which are checked */
		m = ais_json_special(v) | (unsigned)_mm_movemask_epi8(v);
		if (m != 0)
			return i + (size_t)__builtin_ctz(m);
	}
#else
	(void)s;
	(void)n;
#endif
	return i;
}

/*
 * The length of the UTF-8 character at s[0..n), whose first byte is
 * 0x80 or more, or 0 when it is not one: a stray continuation byte, a
 * sequence cut short, an overlong form, a surrogate, or past U+10FFFF
 * (the well-formed sequences of Unicode's table 3-7).
 */
static size_t
utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t k, i;

	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4;
	else
		return 0;
	if (n < k)
		return 0;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < k; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return k;
}

/*
 * Checks the string whose opening quote is at s[*i] and moves *i past its
 * closing quote; sets *escaped when it holds an escape.  Raw control
 * bytes are refused, as JSON requires; so are escapes that name no
 * character (a lone surrogate) and \u0000, which would cut the string
 * short in C, and bytes that are not UTF-8 (RFC 8259 section 8.1: the
 * result repeats strings, and must be UTF-8 too).
 */
static int
scan_string(const unsigned char *s, size_t len, size_t *i, int *escaped,
	struct ais_error *err)
{
	size_t j = *i + 1, esc;
	unsigned code, low;
	unsigned char c;
	char what[64];

	for (;;) {
		/* The run of bytes that need no thought (controls, '"' and
		 * '\\' stop it): sixteen at a time while the text lasts,
		 * then one table look-up a byte. */
		j += plain_run(s + j, len - j);
		while (j < len && plain[s[j]])
			j++;
		if (j >= len)
			return syntax_error(err, s, len, len, NULL);
		c = s[j];
		if (c == '"')
			break;
		if (c < 0x20) {
			snprintf(what, sizeof what, "control character 0x%02x "
			    "inside a string", c);
			return syntax_error(err, s, len, j, what);
		}
		if (c >= 0x80) {
			size_t k;

			/* a run of them, as Chinese text is, in one go */
			do {
				if ((k = utf8_char(s + j, len - j)) == 0) {
					snprintf(what, sizeof what, "invalid "
					    "UTF-8 (byte 0x%02x) inside a "
					    "string", s[j]);
					return syntax_error(err, s, len, j,
					    what);
				}
				j += k;
			} while (j < len && s[j] >= 0x80);
			continue;
		}
		if (c != '\\') {
			j++;
			continue;
		}
		*escaped = 1;
		esc = j++;
		if (j >= len)
			return syntax_error(err, s, len, len, NULL);
		switch (s[j]) {
		case '"': case '\\': case '/': case 'b': case 'f': case 'n':
		case 'r': case 't':
			j++;
			continue;
		case 'u':
			break;
		default:
			return syntax_error(err, s, len, j, NULL);
		}
		j++;
		if (scan_hex4(s, len, &j, &code, err) < 0)
			return -1;
		if (code == 0)
			return syntax_error(err, s, len, esc,
			    "\\u0000 inside a string is not supported");
		if (code >= 0xdc00 && code <= 0xdfff)
			return syntax_error(err, s, len, esc,
			    "unpaired surrogate in a \\u escape");
		if (code >= 0xd800 && code <= 0xdbff) {
			if (j + 1 >= len || s[j] != '\\' || s[j + 1] != 'u')
				return syntax_error(err, s, len, esc,
				    "unpaired surrogate in a \\u escape");
			j += 2;
			if (scan_hex4(s, len, &j, &low, err) < 0)
				return -1;
			if (low < 0xdc00 || low > 0xdfff)
				return syntax_error(err, s, len, esc,
				    "unpaired surrogate in a \\u escape");
		}
	}
	*i = j + 1;
	return 0;
}

/*
 * Checks the number at s[*i] against JSON's grammar, moves *i past it and
 * makes it the value of the J_NUM node n: its text, N_EXP when it has an
 * exponent, and when it is a plain decimal of at most 18 digits its value
 * in n->u.dec with N_DEC, so that its digits are read once.  That value
 * is what ais_dec_parse gives for the text: 18 digits always fit an
 * int64_t and at most 18 decimal places are kept (decimal.h).
 */
static int
scan_number(const unsigned char *s, size_t len, size_t *i, struct node *n,
	struct ais_error *err)
{
	size_t j = *i, digits, frac = 0, start;
	uint64_t m = 0;	/* unsigned: past 18 digits it wraps, unused */
	int neg = 0;

	if (s[j] == '-') {
		neg = 1;
		j++;
	}
	if (j >= len)
		return syntax_error(err, s, len, j, NULL);
	if (s[j] == '0') {
		j++;
	} else if (s[j] >= '1' && s[j] <= '9') {
		for (; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			m = m * 10 + (uint64_t)(s[j] - '0');
	} else {
		return syntax_error(err, s, len, j, NULL);
	}
	digits = j - *i - (size_t)neg;
	if (j < len && s[j] == '.') {
		j++;
		if (j >= len || s[j] < '0' || s[j] > '9')
			return syntax_error(err, s, len, j, NULL);
		for (start = j; j < len && s[j] >= '0' && s[j] <= '9'; j++)
			m = m * 10 + (uint64_t)(s[j] - '0');
		frac = j - start;
	}
	if (j < len && (s[j] == 'e' || s[j] == 'E')) {
		n->flags = N_EXP;
		j++;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j >= len || s[j] < '0' || s[j] > '9')
			return syntax_error(err, s, len, j, NULL);
		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
	} else if (digits + frac <= 18) {
		n->flags = N_DEC;
		n->u.dec.m = neg ? -(int64_t)m : (int64_t)m;
		n->u.dec.s = (int)frac;
	}
	n->text = (const char *)s + *i;
	n->len = j - *i;
	*i = j;
	return 0;
}

/* Checks that s[*i] starts the literal lit; moves *i past it. */
static int
scan_literal(const unsigned char *s, size_t len, size_t *i, const char *lit,
	struct ais_error *err)
{
	size_t j = *i;

	for (; *lit != '\0'; lit++, j++)
		if (j >= len || s[j] != (unsigned char)*lit)
			return syntax_error(err, s, len, j, NULL);
	*i = j;
	return 0;
}

/* The code unit of the four hex digits at s (checked already). */
static unsigned
hex4(const unsigned char *s)
{
	return (unsigned)(hex_value(s[0]) << 12 | hex_value(s[1]) << 8 |
	    hex_value(s[2]) << 4 | hex_value(s[3]));
}

/*
 * Decodes the n bytes of a string's body at s, checked by scan_string,
 * into out (n + 1 bytes are enough: no escape is shorter than what it
 * stands for) with a NUL after them.  Returns the length decoded.
 */
static size_t
decode_string(const unsigned char *s, size_t n, char *out)
{
	size_t i = 0;
	unsigned code, low;
	char *o = out;

	while (i < n) {
		if (s[i] != '\\') {
			*o++ = (char)s[i++];
			continue;
		}
		i++;
		switch (s[i++]) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			code = hex4(s + i);
			i += 4;
			if (code >= 0xd800 && code <= 0xdbff) {
				low = hex4(s + i + 2);
				i += 6;
				code = 0x10000 + ((code - 0xd800) << 10) +
				    (low - 0xdc00);
			}
			if (code < 0x80) {
				*o++ = (char)code;
			} else if (code < 0x800) {
				*o++ = (char)(0xc0 | code >> 6);
				*o++ = (char)(0x80 | (code & 0x3f));
			} else if (code < 0x10000) {
				*o++ = (char)(0xe0 | code >> 12);
				*o++ = (char)(0x80 | (code >> 6 & 0x3f));
				*o++ = (char)(0x80 | (code & 0x3f));
			} else {
				*o++ = (char)(0xf0 | code >> 18);
				*o++ = (char)(0x80 | (code >> 12 & 0x3f));
				*o++ = (char)(0x80 | (code >> 6 & 0x3f));
				*o++ = (char)(0x80 | (code & 0x3f));
			}
			break;
		default:	/* '"', '\\', '/' */
			*o++ = (char)s[i - 1];
			break;
		}
	}
	*o = '\0';
	return (size_t)(o - out);
}

/* take_string for a string that may need thought: see below. */
static int
take_string_slow(struct mem *m, const unsigned char *s, size_t len,
	size_t *i, const char **text, size_t *n, int *owned,
	struct ais_error *err)
{
	size_t start = *i + 1, raw;
	int escaped = 0;
	char *out;

	if (scan_string(s, len, i, &escaped, err) < 0)
		return -1;
	raw = *i - 1 - start;
	*owned = escaped;
	if (!escaped) {
		*text = (const char *)s + start;
		*n = raw;
		return 0;
	}
	out = mem_alloc(m, raw + 1);
	*n = decode_string(s + start, raw, out);
	*text = out;
	return 0;
}

/*
 * Checks the string whose quote is at s[*i] and moves *i past it.  Its
 * text goes to *text and *n: the bytes between the quotes when it holds
 * no escape (not copied), else its decoded form, written into m with a
 * NUL, and *owned is then 1.  -1 with err filled when it is not valid.
 */
static inline int
take_string(struct mem *m, const unsigned char *s, size_t len, size_t *i,
	const char **text, size_t *n, int *owned, struct ais_error *err)
{
	size_t start = *i + 1, j = start + plain_run(s + start, len - start);

	/* Most keys and values: ASCII with no escape, the closing quote
	 * found by the sixteen-byte scan; the rest take the long way. */
	if (j < len && s[j] == '"') {
		*text = (const char *)s + start;
		*n = j - start;
		*owned = 0;
		*i = j + 1;
		return 0;
	}
	return take_string_slow(m, s, len, i, text, n, owned, err);
}

/*
 * Moves *i past any whitespace and gives the byte there, or -1 with *i
 * at len when the text ends first.
 */
static inline int
next_byte(const unsigned char *s, size_t len, size_t *i)
{
	size_t j;

	for (j = *i; j < len; j++) {
		/* one test a token in compact text: no space is above ' ' */
		if (s[j] > ' ' || !(s[j] == ' ' || s[j] == '\n' ||
		    s[j] == '\r' || s[j] == '\t')) {
			*i = j;
			return s[j];
		}
	}
	*i = len;
	return -1;
}

/* An array or object being built: its node, and its last member so far. */
struct frame {
	struct node *node;
	struct node *tail;
};

/*
 * The first pass: checks that json[0..len) is one JSON value with only
 * whitespace around it, and builds its tree in *root from m, numbers as
 * their text.  A syntax error is reported at the first byte that cannot
 * continue valid JSON, or at the end of the input when it stops short.
 *
 * The grammar is followed with one label for each thing that may come
 * next: a value, a key (with its colon), or what follows a value (a
 * comma, a close, or the end of the text).
 */
static int
parse(struct mem *m, const char *json, size_t len, struct node **root,
	struct ais_error *err)
{
	const unsigned char *s = (const unsigned char *)json;
	struct frame open[MAX_DEPTH], *top = NULL;
	struct node *node;
	const char *key = NULL;
	size_t klen = 0, i = 0;
	int depth = 0, in_obj = 0, owned, c;

	*root = NULL;
value:
	if ((c = next_byte(s, len, &i)) < 0)
		return syntax_error(err, s, len, len, NULL);
	switch (c) {
	case '{':
	case '[':
		if (depth == MAX_DEPTH)
			return syntax_error(err, s, len, i,
			    "nested more than 64 levels deep");
		node = node_new(m, c == '{' ? J_OBJ : J_ARR);
		i++;
		break;
	case '"':
		node = node_new(m, J_STR);
		if (take_string(m, s, len, &i, &node->text, &node->len,
		    &owned, err) < 0)
			return -1;
		if (owned)
			node->flags = N_OWNED;
		break;
	case 't':
	case 'f':
	case 'n':
		if (scan_literal(s, len, &i, c == 't' ? "true" : c == 'f' ?
		    "false" : "null", err) < 0)
			return -1;
		node = node_new(m, c == 'n' ? J_NULL : J_BOOL);
		if (c == 't')
			node->flags = N_TRUE;
		break;
	default:
		if (c != '-' && (c < '0' || c > '9'))
			return syntax_error(err, s, len, i, NULL);
		node = node_new(m, J_NUM);
		if (scan_number(s, len, &i, node, err) < 0)
			return -1;
		break;
	}
	/* the new value goes into what holds it */
	if (depth == 0) {
		*root = node;
	} else {
		if (in_obj) {
			node->key = key;
			node->klen = klen;
		}
		if (top->tail == NULL)
			top->node->u.child = node;
		else
			top->tail->next = node;
		top->tail = node;
		top->node->len++;
	}
	if (node->kind != J_OBJ && node->kind != J_ARR)
		goto after;
	top = &open[depth++];
	top->node = node;
	top->tail = NULL;
	in_obj = node->kind == J_OBJ;
	if ((c = next_byte(s, len, &i)) < 0)
		return syntax_error(err, s, len, len, NULL);
	if (c == (in_obj ? '}' : ']')) {
		i++;
		goto close;
	}
	if (in_obj)
		goto key;
	goto value;

close:
	/* the array or object on top is complete */
	depth--;
	top = depth > 0 ? &open[depth - 1] : NULL;
	in_obj = top != NULL && top->node->kind == J_OBJ;
after:
	c = next_byte(s, len, &i);
	if (depth == 0) {
		if (c >= 0)
			return syntax_error(err, s, len, i, NULL);
		return 0;
	}
	if (c < 0)
		return syntax_error(err, s, len, len, NULL);
	if (c == ',') {
		i++;
		if (in_obj)
			goto key;
		goto value;
	}
	if (c == (in_obj ? '}' : ']')) {
		i++;
		goto close;
	}
	return syntax_error(err, s, len, i, NULL);

key:
	if ((c = next_byte(s, len, &i)) < 0)
		return syntax_error(err, s, len, len, NULL);
	if (c != '"')
		return syntax_error(err, s, len, i, NULL);
	if (take_string(m, s, len, &i, &key, &klen, &owned, err) < 0)
		return -1;
	if ((c = next_byte(s, len, &i)) < 0)
		return syntax_error(err, s, len, len, NULL);
	if (c != ':')
		return syntax_error(err, s, len, i, NULL);
	i++;
	goto value;
}

/* ---- The second pass: the tree against the schema ---- */

/* What a reader carries down the tree. */
struct rd {
	struct ais_profile *p;
	const struct ais_rules *rules;
	struct ais_error *err;
	struct ais_buf *path;	/* the path of the object being read */
	struct mem mem;		/* the read's memory, the tree's too */
};

/*
 * Writes it as JSON text into buf for a message: strings quoted and
 * escaped, numbers as written, true, false, null, and "an array" or "an
 * object".  Long values are cut at a UTF-8 boundary with "...".
 */
static void
show_value(const struct node *it, char *buf, size_t n)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_oom_cleanup bc;
	const char *text = it->text;
	size_t len = it->len, cut;

	switch ((enum jkind)it->kind) {
	case J_NULL:
		snprintf(buf, n, "null");
		return;
	case J_BOOL:
		snprintf(buf, n, "%s", it->flags & N_TRUE ? "true" : "false");
		return;
	case J_ARR:
		snprintf(buf, n, "an array");
		return;
	case J_OBJ:
		snprintf(buf, n, "an object");
		return;
	case J_NUM:
	case J_STR:
		break;
	}
	cut = len;
	if (cut > SHOW_MAX) {
		cut = SHOW_MAX;
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;
	}
	if (it->kind == J_NUM) {
		snprintf(buf, n, "%.*s%s", (int)cut, text,
		    cut < len ? "..." : "");
		return;
	}
	ais_oom_push(&bc, ais_oom_release_buf, &b);
	ais_buf_add_json_str(&b, text, cut);
	if (cut < len) {
		b.len--;	/* the closing quote */
		ais_buf_adds(&b, "...\"");
	}
	ais_oom_pop(&bc);
	snprintf(buf, n, "%s", b.p);
	ais_buf_release(&b);
}

/*
 * 1 when key[0..len) can follow a dot in a path: a letter or '_', then
 * letters, digits and '_'.  Other keys are written ["key"].
 */
static int
plain_key(const char *key, size_t len)
{
	/* 1 for the letters, digits and '_' */
	static const unsigned char word[256] = {
		['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
		['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1,
		['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
		['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1,
		['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
		['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1,
		['Z'] = 1, ['_'] = 1,
		['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,
		['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
		['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1,
		['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
		['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1,
		['z'] = 1
	};
	size_t i;

	if (len == 0 || (key[0] >= '0' && key[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++)
		if (!word[(unsigned char)key[i]])
			return 0;
	return 1;
}

/* Appends the member key[0..len) to the path in b. */
static void
path_add_key(struct ais_buf *b, const char *key, size_t len)
{
	if (plain_key(key, len)) {
		if (ais_buf_grow(b, len + 1) < 0)
			return;
		b->p[b->len++] = '.';
		memcpy(b->p + b->len, key, len);
		b->len += len;
		b->p[b->len] = '\0';
	} else {
		ais_buf_addc(b, '[');
		ais_buf_add_json_str(b, key, len);
		ais_buf_addc(b, ']');
	}
}

/* Cuts the path in b back to len bytes. */
static void
path_cut(struct ais_buf *b, size_t len)
{
	b->len = len;
	b->p[len] = '\0';
}

/* Appends the array index [i] to the path in b. */
static void
path_add_index(struct ais_buf *b, size_t i)
{
	char d[24];
	size_t n = 0;

	do {
		d[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i != 0);
	if (ais_buf_grow(b, n + 2) < 0)
		return;
	b->p[b->len++] = '[';
	while (n > 0)
		b->p[b->len++] = d[--n];
	b->p[b->len++] = ']';
	b->p[b->len] = '\0';
}


/*
 * Fails the read: err->path is the current path, followed by the member
 * key[0..klen) when key is not NULL; the message is fmt with ap.
 * Returns -1.
 */
static int
vfail(struct rd *r, const char *key, size_t klen, const char *fmt,
	va_list ap)
{
	size_t keep = r->path->len;

	if (key != NULL)
		path_add_key(r->path, key, klen);
	error_set(r->err, r->path->p, r->path->len, "%s", "");
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	path_cut(r->path, keep);
	return -1;
}

/* Fails the read at the field name (NUL-terminated, or NULL); see vfail. */
static int
fail(struct rd *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct rd *r, const char *name, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(r, name, name != NULL ? strlen(name) : 0, fmt, ap);
	va_end(ap);
	return rc;
}

/* Fails the read at the member key[0..klen) of the input; see vfail. */
static int
fail_key(struct rd *r, const char *key, size_t klen, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
fail_key(struct rd *r, const char *key, size_t klen, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail(r, key, klen, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Adds the warning "PATH.key: unknown field" for key[0..len), with the
 * closest field of s suggested when one is close enough.
 */
static void
warn_unknown(struct rd *r, const struct ais_schema *s, const char *key,
	size_t len)
{
	struct ais_profile *p = r->p;
	struct ais_buf *b = r->path;
	size_t keep = b->len;
	const char *near;

	path_add_key(b, key, len);
	ais_buf_adds(b, ": unknown field");
	near = ais_suggest(key, len, s->names);
	if (near != NULL) {
		ais_buf_adds(b, "; did you mean ");
		ais_buf_adds(b, near);
		ais_buf_addc(b, '?');
	}
	*AIS_VEC_PUSH(NULL, p->warnings) = mem_strndup(&r->mem, b->p,
	    b->len);
	path_cut(b, keep);
}

/*
 * The unknown keys of one object, to find one given twice without
 * comparing every pair: an open-addressing set in the arena, made when
 * the object's first unknown key turns up.
 */
struct keyset {
	const struct node **slot;
	size_t mask;
};

/* FNV-1a over key[0..len). */
static size_t
key_hash(const char *key, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * Adds the key of member e to ks, made on first use for an object of n
 * members.  Returns 1 when that key was already there.
 */
static int
keyset_add(struct rd *r, struct keyset *ks, size_t n, const struct node *e)
{
	size_t size = 8, i;
	const struct node *o;

	if (ks->slot == NULL) {
		while (size < 2 * n)
			size *= 2;
		ks->slot = mem_zalloc(&r->mem, size * sizeof *ks->slot);
		ks->mask = size - 1;
	}
	for (i = key_hash(e->key, e->klen) & ks->mask;
	    (o = ks->slot[i]) != NULL; i = (i + 1) & ks->mask)
		if (o->klen == e->klen && memcmp(o->key, e->key, e->klen) == 0)
			return 1;
	ks->slot[i] = e;
	return 0;
}

/* The enums as "a, b, c" in buf. */
static void
join_enums(const char *const *enums, char *buf, size_t n)
{
	size_t used = 0;
	int w;

	buf[0] = '\0';
	for (; *enums != NULL && used < n; enums++) {
		w = snprintf(buf + used, n - used, "%s%s",
		    used ? ", " : "", *enums);
		if (w < 0)
			return;
		used += (size_t)w;
	}
}

/* 1 when the number text t[0..len) has a minus sign and a digit not 0. */
static int
num_is_negative(const char *t, size_t len)
{
	size_t i;

	if (len == 0 || t[0] != '-')
		return 0;
	for (i = 1; i < len; i++)
		if (t[i] >= '1' && t[i] <= '9')
			return 1;
	return 0;
}

/*
 * The value of the number it (no exponent), as ais_dec_parse gives it:
 * 0, or -1 when it is no decimal that fits.
 */
static inline int
num_value(const struct node *it, struct ais_dec *d)
{
	if (it->flags & N_DEC) {
		*d = it->u.dec;
		return 0;
	}
	return ais_dec_parse(it->text, it->len, d);
}

/*
 * 1 when the NUL-terminated name is exactly key[0..klen), which holds no
 * NUL: so the loop stops at name's NUL at the latest, never reading past
 * it.  Names mostly differ in the first byte.
 */
static inline int
name_is(const char *name, const char *key, size_t klen)
{
	size_t i = 0;

	/* four at a time, each compared before the next is read */
	for (; i + 4 <= klen; i += 4)
		if (name[i] != key[i] || name[i + 1] != key[i + 1] ||
		    name[i + 2] != key[i + 2] || name[i + 3] != key[i + 3])
			return 0;
	for (; i < klen; i++)
		if (name[i] != key[i])
			return 0;
	return name[klen] == '\0';
}

static int read_object(struct rd *r, const struct ais_schema *s,
	const struct node *obj, struct ais_obj *out);

/* 1 when s[*i..n) begins with the bytes of lit, which it then skips. */
static int
skip_lit(const char *s, size_t n, size_t *i, const char *lit)
{
	size_t k = strlen(lit);

	if (n - *i < k || memcmp(s + *i, lit, k) != 0)
		return 0;
	*i += k;
	return 1;
}

static int
three_digits(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9';
}

/*
 * The number a string in a number's place means, as people write one:
 * "4000000", "4,000,000", "400万", "400万元", "1.2亿", "¥4000000",
 * "4000000元" (amount), or "58%" (percent, for a ratio).  0 with *out
 * set exactly (万 is 10^4, 亿 10^8, % 1/100), or -1 when the text is no
 * such number or it does not fit.
 */
static int
number_in_string(const char *s, size_t n, int percent, struct ais_dec *out)
{
	char digits[64];
	size_t i = 0, k = 0;
	int seen = 0, dot = 0;
	struct ais_dec d, unit = ais_dec_make(1, 0);

	if (!percent && !skip_lit(s, n, &i, "\xc2\xa5"))	/* ¥ */
		(void)skip_lit(s, n, &i, "\xef\xbf\xa5");	/* ￥ */
	for (; i < n; i++) {
		char ch = s[i];

		if (ch >= '0' && ch <= '9') {
			seen = 1;
		} else if (ch == ',' && seen && !dot && n - i >= 4 &&
		    three_digits(s + i + 1) && (n - i == 4 ||
		    s[i + 4] < '0' || s[i + 4] > '9')) {
			continue;	/* a thousands separator */
		} else if (ch == '.' && seen && !dot) {
			dot = 1;
		} else {
			break;
		}
		if (k + 1 >= sizeof digits)
			return -1;
		digits[k++] = ch;
	}
	if (!seen || digits[k - 1] == '.')
		return -1;
	if (percent) {
		if (skip_lit(s, n, &i, "%"))
			unit = ais_dec_make(1, 2);
	} else if (skip_lit(s, n, &i, "\xe4\xb8\x87")) {	/* 万 */
		unit = ais_dec_make(10000, 0);
		(void)skip_lit(s, n, &i, "\xe5\x85\x83");	/* 元 */
	} else if (skip_lit(s, n, &i, "\xe4\xba\xbf")) {	/* 亿 */
		unit = ais_dec_make(100000000, 0);
		(void)skip_lit(s, n, &i, "\xe5\x85\x83");
	} else {
		(void)skip_lit(s, n, &i, "\xe5\x85\x83");
	}
	if (i != n || ais_dec_parse(digits, k, &d) < 0 ||
	    ais_dec_mul(d, unit, out) < 0)
		return -1;
	/* the shortest exact form: "1.20" x 10^8 is 120000000 */
	while (out->s > 0 && out->m % 10 == 0) {
		out->m /= 10;
		out->s--;
	}
	return 0;
}

/*
 * Fails the read of a string it in the place of a number (f: the
 * field, for an integer's range): "WHAT is a
 * number..., not "400万": write 4000000", the number it means when it
 * means one (number_in_string), else how to write one.
 */
static int
fail_string_number(struct rd *r, const char *key, const struct node *it,
	const struct ais_field *f, enum ais_ftype type)
{
	char shown[SHOW_MAX + 16], num[32];
	struct ais_dec d;
	int ok = number_in_string(it->text, it->len, type == AIS_F_RATIO,
	    &d) == 0;

	if (ok && type == AIS_F_RATIO &&
	    ais_dec_cmp(d, ais_dec_make(1, 0)) > 0)
		ok = 0;		/* "58": a percent or not, no ratio */
	show_value(it, shown, sizeof shown);
	if (ok)
		ais_dec_format(d, num, sizeof num);
	switch (type) {
	case AIS_F_AMOUNT:
		if (ok)
			return fail(r, key, "an amount is a number of yuan, "
			    "not %s: write %s", shown, num);
		return fail(r, key, "an amount is a number of yuan, not %s: "
		    "write a number (4000000 for 400万)", shown);
	case AIS_F_RATIO:
		if (ok)
			return fail(r, key, "a ratio is a number from 0 to 1, "
			    "not %s: write %s", shown, num);
		return fail(r, key, "a ratio is a number from 0 to 1, not %s: "
		    "write a number (0.6 for 60%%)", shown);
	default:
		if (ok)
			return fail(r, key, "expected an integer from %ld to "
			    "%ld, not %s: write %s", f->min, f->max, shown, num);
		return fail(r, key, "expected an integer from %ld to %ld, "
		    "not %s: write a number", f->min, f->max, shown);
	}
}

/*
 * Reads an amount in yuan: a number, not negative, at most two decimals
 * (trailing zeros beyond the fen are dropped from the scale), small
 * enough to count in int64_t fen.  Two choices: "-0" is zero, not a
 * negative amount, as it names no debt and JSON writers print it for a
 * negative floating zero; and a number with an exponent ("1e3") is
 * refused with its own message, since it is how floating point prints
 * and an amount meant to be exact should be written out.
 */
static int
read_amount(struct rd *r, const char *key, const struct node *it,
	struct ais_value *v)
{
	const char *t = it->text;
	size_t len = it->len;
	char shown[SHOW_MAX + 16];
	struct ais_dec d;
	int64_t fen;
	const char *dot;

	const char *what = "expected a non-negative amount in yuan";

	if (it->kind == J_STR)
		return fail_string_number(r, key, it, NULL, AIS_F_AMOUNT);
	if (it->kind != J_NUM || num_is_negative(t, len))
		goto bad;
	what = "expected an amount in yuan written without an exponent";
	if (it->flags & N_EXP)
		goto bad;
	if (num_value(it, &d) < 0) {
		dot = memchr(t, '.', len);
		what = dot != NULL && (size_t)(t + len - dot - 1) >
		    AIS_DEC_MAX_SCALE ? "expected at most two decimals"
		    : "expected an amount of at most 92233720368547758.07 yuan";
		goto bad;
	}
	what = "expected at most two decimals";
	if (ais_dec_places(d) > 2)
		goto bad;
	while (d.s > 2) {
		d.m /= 10;
		d.s--;
	}
	what = "expected an amount of at most 92233720368547758.07 yuan";
	if (ais_dec_round_fen(d, &fen) < 0)
		goto bad;
	v->t = AIS_V_NUM;
	v->u.n = d;
	return 0;
bad:
	show_value(it, shown, sizeof shown);
	return fail(r, key, "%s, got %s", what, shown);
}

/* Reads a ratio: a number from 0 to 1, as written. */
static int
read_ratio(struct rd *r, const char *key, const struct node *it,
	struct ais_value *v)
{
	const char *t = it->text;
	size_t len = it->len;
	char shown[SHOW_MAX + 16];
	struct ais_dec d;

	const char *what = "";

	if (it->kind == J_STR)
		return fail_string_number(r, key, it, NULL, AIS_F_RATIO);
	if (it->kind != J_NUM)
		goto bad;
	what = " written without an exponent";
	if (it->flags & N_EXP)
		goto bad;
	what = "";
	if (num_value(it, &d) < 0) {
		if (ais_dec_parse_fault(t, len) == AIS_DEC_PRECISION)
			what = " with at most 18 decimal places";
		goto bad;
	}
	if (ais_dec_is_neg(d) || ais_dec_cmp(d, ais_dec_make(1, 0)) > 0)
		goto bad;
	v->t = AIS_V_NUM;
	v->u.n = d;
	return 0;
bad:
	show_value(it, shown, sizeof shown);
	return fail(r, key, "expected a ratio from 0 to 1%s, got %s", what,
	    shown);
}

/* Reads a whole number in f->min..f->max; "2.0" is 2. */
static int
read_int(struct rd *r, const char *key, const struct ais_field *f,
	const struct node *it, struct ais_value *v)
{
	char shown[SHOW_MAX + 16];
	struct ais_dec d;
	int64_t n;

	if (it->kind == J_STR)
		return fail_string_number(r, key, it, f, AIS_F_INT);
	if (it->kind != J_NUM || (it->flags & N_EXP) ||
	    num_value(it, &d) < 0 ||
	    !ais_dec_to_int(d, &n) || n < f->min || n > f->max) {
		show_value(it, shown, sizeof shown);
		return fail(r, key, "expected an integer from %ld to %ld, "
		    "got %s", f->min, f->max, shown);
	}
	v->t = AIS_V_NUM;
	v->u.n = ais_dec_make(n, 0);
	return 0;
}

/*
 * Reads one of enums into a string value.  It points at the schema's own
 * copy of the name, constant data that outlives any profile.
 */
static int
read_enum(struct rd *r, const char *key, const char *const *enums,
	const struct node *it, struct ais_value *v)
{
	const char *near = NULL;
	size_t i;
	char shown[SHOW_MAX + 16], list[512];

	if (it->kind == J_STR) {
		for (i = 0; enums[i] != NULL; i++) {
			if (name_is(enums[i], it->text, it->len)) {
				v->t = AIS_V_STR;
				v->u.s.p = enums[i];
				v->u.s.len = it->len;
				return 0;
			}
		}
	}
	show_value(it, shown, sizeof shown);
	join_enums(enums, list, sizeof list);
	if (it->kind == J_STR)
		near = ais_suggest(it->text, it->len, enums);
	if (near != NULL)
		return fail(r, key, "expected one of %s, got %s; did you "
		    "mean %s?", list, shown, near);
	return fail(r, key, "expected one of %s, got %s", list, shown);
}

/*
 * Reads a string.  Its text is copied into the arena with a NUL unless
 * it is there already (decoded from escapes): the tree may point into
 * the caller's text, which the profile outlives.
 */
static int
read_string(struct rd *r, const char *key, const struct node *it,
	struct ais_value *v)
{
	char shown[SHOW_MAX + 16];

	if (it->kind != J_STR) {
		show_value(it, shown, sizeof shown);
		return fail(r, key, "expected a string, got %s", shown);
	}
	v->t = AIS_V_STR;
	v->u.s.p = it->flags & N_OWNED ? it->text
	    : mem_strndup(&r->mem, it->text, it->len);
	v->u.s.len = it->len;
	return 0;
}

/* Reads a date YYYY-MM-DD. */
static int
read_date(struct rd *r, const char *key, const struct node *it,
	struct ais_value *v)
{
	char shown[SHOW_MAX + 16];
	ais_date d;

	if (it->kind != J_STR || ais_date_parse(it->text, it->len, &d) < 0) {
		show_value(it, shown, sizeof shown);
		return fail(r, key, "expected a date YYYY-MM-DD, got %s",
		    shown);
	}
	v->t = AIS_V_DATE;
	v->u.d = d;
	return 0;
}

/*
 * Reads an array: of objects of f->sub (LIST) or of strings of f->enums
 * (ENUMLIST).  The path gains "[i]" for each entry.
 */
static int
read_array(struct rd *r, const struct ais_field *f, const struct node *it,
	struct ais_value *v)
{
	int objects = f->type == AIS_F_LIST;
	struct ais_list *l;
	struct ais_obj *o = NULL;
	const struct node *e;
	size_t n = it->len, i, keep, base;
	char shown[SHOW_MAX + 16];
	int rc = 0;

	if (it->kind != J_ARR) {
		show_value(it, shown, sizeof shown);
		return fail(r, f->name, "expected an array of %s, got %s",
		    objects ? "objects" : "strings", shown);
	}
	v->t = AIS_V_LIST;
	if (n == 0) {
		v->u.list = &empty_list;
		return 0;
	}
	l = mem_alloc(&r->mem, sizeof *l);
	l->items = mem_zalloc(&r->mem, n * sizeof *l->items);
	if (objects)
		o = mem_zalloc(&r->mem, n * sizeof *o);
	keep = r->path->len;
	path_add_key(r->path, f->name, strlen(f->name));
	base = r->path->len;
	for (e = it->u.child, i = 0; e != NULL && rc == 0; e = e->next, i++) {
		path_add_index(r->path, i);
		if (!objects) {
			rc = read_enum(r, NULL, f->enums, e, &l->items[i]);
		} else if (e->kind != J_OBJ) {
			show_value(e, shown, sizeof shown);
			rc = fail(r, NULL, "expected an object, got %s", shown);
		} else {
			rc = read_object(r, f->sub, e, &o[i]);
			l->items[i].t = AIS_V_OBJ;
			l->items[i].u.obj = &o[i];
		}
		if (rc == 0)
			path_cut(r->path, base);
	}
	path_cut(r->path, keep);
	if (rc < 0)
		return -1;
	l->n = n;
	v->u.list = l;
	return 0;
}

/* Reads the non-null member it of an object as field f. */
static int
read_field(struct rd *r, const struct ais_field *f, const struct node *it,
	struct ais_value *v)
{
	struct ais_obj *o;
	size_t keep;
	char shown[SHOW_MAX + 16];
	int rc;

	switch (f->type) {
	case AIS_F_STRING:
		return read_string(r, f->name, it, v);
	case AIS_F_DATE:
		return read_date(r, f->name, it, v);
	case AIS_F_BOOL:
		if (it->kind != J_BOOL) {
			show_value(it, shown, sizeof shown);
			return fail(r, f->name, "expected true or false, "
			    "got %s", shown);
		}
		v->t = AIS_V_BOOL;
		v->u.b = it->flags & N_TRUE ? 1 : 0;
		return 0;
	case AIS_F_ENUM:
		return read_enum(r, f->name, f->enums, it, v);
	case AIS_F_AMOUNT:
		return read_amount(r, f->name, it, v);
	case AIS_F_RATIO:
		return read_ratio(r, f->name, it, v);
	case AIS_F_INT:
		return read_int(r, f->name, f, it, v);
	case AIS_F_OBJECT:
		if (it->kind != J_OBJ) {
			show_value(it, shown, sizeof shown);
			return fail(r, f->name, "expected an object, got %s",
			    shown);
		}
		o = mem_zalloc(&r->mem, sizeof *o);
		keep = r->path->len;
		path_add_key(r->path, f->name, strlen(f->name));
		rc = read_object(r, f->sub, it, o);
		path_cut(r->path, keep);
		if (rc < 0)
			return -1;
		v->t = AIS_V_OBJ;
		v->u.obj = o;
		return 0;
	case AIS_F_LIST:
		return read_array(r, f, it, v);
	case AIS_F_ENUMLIST:
		return read_array(r, f, it, v);
	}
	return fail(r, f->name, "unknown field type");
}

/*
 * The index of the field of s called key[0..klen), or -1; *next is then
 * the index after it.  Members mostly come in schema order, some left
 * out, so the search starts at the field after the last one found (*next)
 * and goes on from the first.  (Field names are unique in a schema.)
 */
static inline int
field_find(const struct ais_schema *s, const char *key, size_t klen,
	size_t *next)
{
	size_t i;

	for (i = *next; i < s->n; i++)
		if (name_is(s->fields[i].name, key, klen))
			goto found;
	for (i = 0; i < *next && i < s->n; i++)
		if (name_is(s->fields[i].name, key, klen))
			goto found;
	return -1;
found:
	*next = i + 1;
	return (int)i;
}

/*
 * Adds the warning "PATH.name: ..." (a printf format and its arguments).
 */
static void
warn(struct rd *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
warn(struct rd *r, const char *name, const char *fmt, ...)
{
	struct ais_buf *b = r->path;
	size_t keep = b->len;
	char msg[256];
	va_list ap;

	path_add_key(b, name, strlen(name));
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ais_buf_adds(b, ": ");
	ais_buf_adds(b, msg);
	*AIS_VEC_PUSH(NULL, r->p->warnings) = mem_strndup(&r->mem, b->p,
	    b->len);
	path_cut(b, keep);
}

/* Writes an amount or a date value as a message shows it. */
static void
show_plain(const struct ais_value *v, char *buf, size_t n)
{
	if (v->t == AIS_V_DATE)
		ais_date_format(v->u.d, buf);
	else
		ais_dec_format(v->u.n, buf, n);
}

/*
 * What the contract says of the fields of one object beside their types:
 * a field at least or at most a sibling (a contract's end not before its
 * start, what was settled not above the amount), an error; a string that
 * should name a program of the rules and does not, a warning.
 */
static int
check_object(struct rd *r, const struct ais_schema *s,
	const struct ais_value *v)
{
	char a[64], b[64];
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct ais_field *f = &s->fields[i];
		int bound = f->at_least >= 0 ? f->at_least : f->at_most;
		int c;

		if (f->names_program && v[i].t == AIS_V_STR &&
		    r->rules != NULL) {
			const char *const *ids = r->rules->program_ids;
			const char *near;
			size_t k;

			for (k = 0; ids[k]; k++)
				if (name_is(ids[k], v[i].u.s.p, v[i].u.s.len))
					break;
			if (!ids[k]) {
				near = ais_suggest(v[i].u.s.p, v[i].u.s.len, ids);
				/* a prior award of a program that is not there
				 * counts against no cap: most likely a typo,
				 * which would let a cap be paid twice */
				warn(r, f->name, "no program '%.*s' in the rules%s"
				    "%s%s: it counts against nothing",
				    (int)(v[i].u.s.len > 80 ? 80
				    : v[i].u.s.len), v[i].u.s.p,
				    near ? " (did you mean " : "",
				    near ? near : "", near ? "?)" : "");
			}
		}
		if (bound < 0 || v[i].t == AIS_V_NULL ||
		    v[bound].t != v[i].t)
			continue;
		if (v[i].t == AIS_V_DATE)
			c = v[i].u.d < v[bound].u.d ? -1 : v[i].u.d > v[bound].u.d;
		else
			c = ais_dec_cmp(v[i].u.n, v[bound].u.n);
		show_plain(&v[i], a, sizeof a);
		show_plain(&v[bound], b, sizeof b);
		if (f->at_least >= 0 && c < 0)
			return fail(r, f->name, "%s is %s %s (%s)", a,
			    v[i].t == AIS_V_DATE ? "before" : "below",
			    s->fields[bound].name, b);
		if (f->at_most >= 0 && c > 0)
			return fail(r, f->name, "%s is %s %s (%s)", a,
			    v[i].t == AIS_V_DATE ? "after" : "above",
			    s->fields[bound].name, b);
	}
	return 0;
}

/*
 * The dates the contract says may not be after the claim date, in obj
 * and the objects below it: a warning for each that is (a prior award
 * dated after the claim cannot have been paid before it).
 */
static void
check_claim_dates(struct rd *r, const struct ais_obj *obj, ais_date as_of)
{
	const struct ais_schema *s = obj->schema;
	size_t i, k;
	char a[16], b[16];

	for (i = 0; i < s->n; i++) {
		const struct ais_field *f = &s->fields[i];
		const struct ais_value *v = &obj->v[i];

		if (f->not_after_claim && v->t == AIS_V_DATE && v->u.d > as_of) {
			ais_buf_reset(r->path);
			ais_buf_adds(r->path, obj->path);
			ais_date_format(v->u.d, a);
			ais_date_format(as_of, b);
			warn(r, f->name, "%s is after the claim date %s; it is "
			    "not counted", a, b);
		}
		if (!f->sub || !f->sub->claim_dated)
			continue;
		if (v->t == AIS_V_OBJ)
			check_claim_dates(r, v->u.obj, as_of);
		else if (v->t == AIS_V_LIST && f->type == AIS_F_LIST)
			for (k = 0; k < v->u.list->n; k++)
				check_claim_dates(r, v->u.list->items[k].u.obj,
				    as_of);
	}
}

/*
 * Reads the object obj against schema s into out, whose path is the
 * current path.  Members are read in document order; then every field
 * not given (or given as null) gets its default, or fails when required.
 */
static int
read_object(struct rd *r, const struct ais_schema *s, const struct node *obj,
	struct ais_obj *out)
{
	struct keyset unknown = { NULL, 0 };
	uint64_t seen = 0, given = 0, missing, bit;
	const struct ais_field *f;
	struct ais_value *v;
	const struct node *e;
	size_t i, next = 0;
	int k;

	out->schema = s;
	out->path = mem_strndup(&r->mem, r->path->p, r->path->len);
	out->v = v = mem_zalloc(&r->mem, s->n * sizeof *v);
	for (e = obj->u.child; e != NULL; e = e->next) {
		k = field_find(s, e->key, e->klen, &next);
		if (k < 0) {
			if (keyset_add(r, &unknown, obj->len, e))
				return fail_key(r, e->key, e->klen,
				    "duplicate field");
			warn_unknown(r, s, e->key, e->klen);
			continue;
		}
		/* Schemas have at most 64 fields (test_schema checks). */
		bit = (uint64_t)1 << (k & 63);
		if (seen & bit)
			return fail_key(r, e->key, e->klen, "duplicate field");
		seen |= bit;
		if (e->kind == J_NULL)
			continue;
		if (read_field(r, &s->fields[k], e, &v[k]) < 0)
			return -1;
		given |= bit;
	}
	/* the fields not given (or null), in schema order */
	missing = ~given & (s->n >= 64 ? ~(uint64_t)0
	    : ((uint64_t)1 << s->n) - 1);
	for (; missing != 0; missing &= missing - 1) {
		i = (size_t)__builtin_ctzll(missing);
		f = &s->fields[i];
		if (f->required)
			return fail(r, f->name, "required field missing");
		switch (f->type) {
		case AIS_F_BOOL:
			if (f->default_bool < 0)
				break;	/* default null: unknown */
			v[i].t = AIS_V_BOOL;
			v[i].u.b = f->default_bool;
			break;
		case AIS_F_ENUM:
			if (f->default_enum != NULL) {
				v[i].t = AIS_V_STR;
				v[i].u.s.p = f->default_enum;
				v[i].u.s.len = strlen(f->default_enum);
			}
			break;
		case AIS_F_LIST:
		case AIS_F_ENUMLIST:
			v[i].t = AIS_V_LIST;
			v[i].u.list = &empty_list;
			break;
		default:
			break;
		}
	}
	return s->checks ? check_object(r, s, v) : 0;
}

/* ---- The public functions ---- */

/* Makes p empty and owning nothing; it may then be read into. */
void
ais_profile_init(struct ais_profile *p)
{
	memset(p, 0, sizeof *p);
	p->arena.head = NULL;
	p->arena.free = NULL;
	p->root.schema = NULL;
	ais_buf_init(&p->path);
	ais_buf_init(&p->rejected_id);
}

/* Forgets the last profile read, keeping the memory. */
static void
profile_clear(struct ais_profile *p)
{
	ais_arena_reset(&p->arena);
	p->root.schema = NULL;
	p->root.v = NULL;
	p->root.path = NULL;
	p->id = NULL;
	p->name = NULL;
	p->has_as_of = 0;
	p->as_of = 0;
	AIS_VEC_CLEAR(p->warnings);
}

/*
 * The member "id" of the object tree when it is a string, the first such
 * member if it is given twice (a rejected profile may be), or NULL.
 */
static const struct node *
tree_id(const struct node *tree)
{
	const struct node *e;

	if (tree->kind != J_OBJ)
		return NULL;
	for (e = tree->u.child; e != NULL; e = e->next)
		if (e->klen == 2 && e->key[0] == 'i' && e->key[1] == 'd')
			return e->kind == J_STR ? e : NULL;
	return NULL;
}

/* ais_profile_read within its guard. */
static int
profile_read(struct ais_profile *p, const struct ais_rules *rules,
	const char *json, size_t len, struct ais_error *err)
{
	struct rd r;
	struct node *tree;
	const struct node *id;
	char shown[SHOW_MAX + 16];
	const struct ais_value *v;
	int rc, k;

	profile_clear(p);
	if (json == NULL)
		len = 0;
	r.p = p;
	r.rules = rules;
	r.err = err;
	r.path = &p->path;
	mem_init(&r.mem, &p->arena);
	if (parse(&r.mem, json == NULL ? "" : json, len, &tree, err) < 0)
		return -1;
	ais_buf_reset(&p->path);
	ais_buf_addc(&p->path, '$');
	if (tree->kind != J_OBJ) {
		show_value(tree, shown, sizeof shown);
		rc = fail(&r, NULL, "expected an object, got %s", shown);
	} else {
		rc = read_object(&r, rules->schema, tree, &p->root);
	}
	if (rc < 0) {
		/* a rejected profile keeps its "id" when it has one, so that
		 * a batch's error record can name the firm; the tree goes
		 * with the arena, so the id is copied out first */
		id = tree_id(tree);
		ais_buf_reset(&p->rejected_id);
		if (id != NULL)
			ais_buf_add(&p->rejected_id, id->text, id->len);
		profile_clear(p);
		if (id != NULL)
			p->id = p->rejected_id.p;
		return -1;
	}
	v = p->root.v;
	if (v[AIS_P_ID].t == AIS_V_STR)
		p->id = v[AIS_P_ID].u.s.p;
	if (v[AIS_P_NAME].t == AIS_V_STR)
		p->name = v[AIS_P_NAME].u.s.p;
	if ((k = AIS_P_AS_OF) >= 0 && v[k].t == AIS_V_DATE) {
		p->has_as_of = 1;
		p->as_of = v[k].u.d;
		if (p->root.schema->claim_dated)
			check_claim_dates(&r, &p->root, p->as_of);
	}
	return 0;
}

/*
 * Reads one profile from json[0..len) into p (see profile.h).  On error p
 * holds no profile (root.v is NULL, no warnings) and err is filled; on
 * success p->root and the fields beside it describe the input, and
 * p->warnings lists the unknown fields in document order.  Everything a
 * read allocates is in p (its arena, path, warnings), so memory that runs
 * out leaves nothing to free: p is cleared and err says AIS_ENOMEM.
 */
int
ais_profile_read(struct ais_profile *p, const struct ais_rules *rules,
	const char *json, size_t len, struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		profile_clear(p);
		ais_oom_error(err);
		return -1;
	}
	rc = profile_read(p, rules, json, len, err);
	ais_oom_guard_leave(&g);
	return rc;
}

/* Frees everything p holds and leaves it as ais_profile_init does. */
void
ais_profile_release(struct ais_profile *p)
{
	if (p == NULL)
		return;
	ais_arena_release(&p->arena);
	ais_buf_release(&p->path);
	ais_buf_release(&p->rejected_id);
	AIS_VEC_FREE(p->warnings);
	ais_profile_init(p);
}
