/*
 * json.h: a small streaming JSON writer into an ais_buf.
 *
 * The writer emits bytes itself rather than building a cJSON tree: the
 * order of keys and the text of every number are part of the contract of
 * every report (amounts exact to the fen, never through a double), and the
 * same data must give the same bytes on every run.  It knows the nesting
 * depth and whether a comma is due; pretty, it puts each member on its own
 * line indented by two spaces a level, and a space after each ':'.
 *
 * Use: ais_json_init, then open a container, write keys and values, close
 * it.  Inside an object every value follows a key; inside an array values
 * follow one another.  The writer does not check that the calls make
 * valid JSON: its callers are this program's own writers.  It borrows the
 * buffer and owns nothing, so there is nothing to release.
 *
 * The functions called for every few bytes are static inline here, and
 * those that take a key always inlined, so that a key that is a string
 * literal has its length known when compiled and is copied with a few
 * moves (a result has a hundred keys or more).
 */
#ifndef AIS_JSON_H
#define AIS_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "date.h"
#include "util.h"

#ifndef AIS_JSON_INLINE
#define AIS_JSON_INLINE static inline __attribute__((always_inline))
#endif

struct ais_json {
	struct ais_buf *b;	/* borrowed */
	/* 0: compact; 1: indented; 2: pretty, but on one line inside a
	 * container opened with ais_json_open_flat */
	int pretty;
	int depth;		/* containers open */
	int first;		/* nothing written yet at this depth */
	int after_key;		/* a key was written: its value comes next */
	int flat;		/* the depth of the outermost flat container */
};

/* A writer appending to b (borrowed), compact or pretty (indented). */
void ais_json_init(struct ais_json *j, struct ais_buf *b, int pretty);

/*
 * A writer for a part of a document kept to be copied into others later
 * with ais_json_members or ais_json_raw_n: it writes as if depth
 * containers were open and nothing were written in the innermost yet, so
 * the part starts with no comma.
 */
void ais_json_init_part(struct ais_json *j, struct ais_buf *b, int pretty,
	int depth);

/* The pretty white space before a member: out of line, pretty only. */
void ais_json_pretty_sep(struct ais_json *j, int first);
/* The pretty white space before a container's closing bracket. */
void ais_json_pretty_close(struct ais_json *j, int empty);

/* Starts a member or an element: a comma when one is due and, pretty, the
 * line break and indentation (or the space, on one line). */
static inline void
ais_json_sep(struct ais_json *j)
{
	int first = j->first;

	if (!first)
		ais_buf_addc(j->b, ',');
	j->first = 0;
	if (j->pretty)
		ais_json_pretty_sep(j, first);
}

/* Starts a value: nothing more after a key, else as ais_json_sep. */
static inline void
ais_json_value_begin(struct ais_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	ais_json_sep(j);
}

/*
 * Writes the key k[0..n), its quotes and the ':' (and a space, pretty).
 * The key is written as it is, unescaped: keys are the writers' own plain
 * names and program ids, which the rule loader keeps to ASCII letters,
 * digits, '_', '-' and '.'.
 */
AIS_JSON_INLINE void
ais_json_key_n(struct ais_json *j, const char *k, size_t n)
{
	struct ais_buf *b = j->b;
	char *o;

	ais_json_sep(j);
	if (n + 4 >= b->cap - b->len && ais_buf_grow(b, n + 4) < 0)
		return;
	o = b->p + b->len;
	*o++ = '"';
	memcpy(o, k, n);
	o += n;
	*o++ = '"';
	*o++ = ':';
	if (j->pretty)
		*o++ = ' ';
	b->len = (size_t)(o - b->p);
	*o = '\0';
	j->after_key = 1;
}

/* ais_json_key_n for the string k: a literal's length is known when
 * compiled. */
AIS_JSON_INLINE void
ais_json_key(struct ais_json *j, const char *k)
{
	ais_json_key_n(j, k, strlen(k));
}

/* Opens an object ('{') or an array ('['). */
static inline void
ais_json_open(struct ais_json *j, char c)
{
	ais_json_value_begin(j);
	ais_buf_addc(j->b, c);
	j->depth++;
	j->first = 1;
}

/* Opens an object or an array written on one line even when pretty, its
 * members separated by ", " (everything inside it is on that line). */
static inline void
ais_json_open_flat(struct ais_json *j, char c)
{
	ais_json_open(j, c);
	if (j->pretty == 1) {
		j->pretty = 2;
		j->flat = j->depth;
	}
}

/* Closes the innermost container with c ('}' or ']'): an empty one is
 * "{}" or "[]" even when pretty. */
static inline void
ais_json_close(struct ais_json *j, char c)
{
	int empty = j->first;

	j->depth--;
	if (j->pretty)
		ais_json_pretty_close(j, empty);
	ais_buf_addc(j->b, c);
	j->first = 0;
}

/* Writes s[0..n) as it is, as the next value: a number, true, null or
 * JSON written elsewhere. */
AIS_JSON_INLINE void
ais_json_raw_n(struct ais_json *j, const char *s, size_t n)
{
	ais_json_value_begin(j);
	ais_buf_add(j->b, s, n);
}

/* ais_json_raw_n for the string s. */
AIS_JSON_INLINE void
ais_json_raw(struct ais_json *j, const char *s)
{
	ais_json_raw_n(j, s, strlen(s));
}

/* Writes s[0..n), one or more members written elsewhere (keys and values,
 * as a part of ais_json_init_part), as the next members of the object. */
static inline void
ais_json_members(struct ais_json *j, const char *s, size_t n)
{
	ais_json_sep(j);
	ais_buf_add(j->b, s, n);
}

/* null, true or false. */
AIS_JSON_INLINE void
ais_json_null(struct ais_json *j)
{
	ais_json_raw_n(j, "null", 4);
}

AIS_JSON_INLINE void
ais_json_bool(struct ais_json *j, int v)
{
	if (v)
		ais_json_raw_n(j, "true", 4);
	else
		ais_json_raw_n(j, "false", 5);
}

/* The string s[0..n), quoted, as it is: for names this program or the
 * rule loader keeps to plain ASCII (ids, field paths, outcomes), which
 * need no escape. */
AIS_JSON_INLINE void
ais_json_name_n(struct ais_json *j, const char *s, size_t n)
{
	char *o;

	ais_json_value_begin(j);
	if (n + 2 >= j->b->cap - j->b->len)
		ais_buf_grow(j->b, n + 2);
	o = j->b->p + j->b->len;
	*o++ = '"';
	memcpy(o, s, n);
	o += n;
	*o++ = '"';
	*o = '\0';
	j->b->len += n + 2;
}

/* The string s[0..n) (any bytes), quoted and escaped. */
void ais_json_str_n(struct ais_json *j, const char *s, size_t n);

/* The string s, quoted and escaped, or null when s is NULL. */
void ais_json_str(struct ais_json *j, const char *s);

/* An integer, in decimal. */
void ais_json_int(struct ais_json *j, intmax_t v);
void ais_json_uint(struct ais_json *j, uintmax_t v);

/* An amount of f fen as a number of yuan exact to the fen: 0, 12.5,
 * -0.01, 100000000 (ais_fen_format). */
void ais_json_fen(struct ais_json *j, int64_t f);

/* ais_json_fen when has, else null. */
void ais_json_fen_or_null(struct ais_json *j, int has, int64_t f);

/* The date d as a string "YYYY-MM-DD", or null for AIS_DATE_MIN and
 * AIS_DATE_MAX, the open ends of a range. */
void ais_json_date(struct ais_json *j, ais_date d);

/* An array of the n strings v (each as ais_json_str). */
void ais_json_strings(struct ais_json *j, char *const *v, size_t n);

/* Members: the key k (a literal, mostly) and its value, as above. */
AIS_JSON_INLINE void
ais_json_kstr(struct ais_json *j, const char *k, const char *s)
{
	ais_json_key(j, k);
	ais_json_str(j, s);
}

AIS_JSON_INLINE void
ais_json_kfen(struct ais_json *j, const char *k, int has, int64_t f)
{
	ais_json_key(j, k);
	ais_json_fen_or_null(j, has, f);
}

AIS_JSON_INLINE void
ais_json_kbool(struct ais_json *j, const char *k, int v)
{
	ais_json_key(j, k);
	ais_json_bool(j, v);
}

AIS_JSON_INLINE void
ais_json_kdate(struct ais_json *j, const char *k, ais_date d)
{
	ais_json_key(j, k);
	ais_json_date(j, d);
}

AIS_JSON_INLINE void
ais_json_kint(struct ais_json *j, const char *k, intmax_t v)
{
	ais_json_key(j, k);
	ais_json_int(j, v);
}

AIS_JSON_INLINE void
ais_json_kuint(struct ais_json *j, const char *k, uintmax_t v)
{
	ais_json_key(j, k);
	ais_json_uint(j, v);
}

AIS_JSON_INLINE void
ais_json_kstrings(struct ais_json *j, const char *k, char *const *v,
	size_t n)
{
	ais_json_key(j, k);
	ais_json_strings(j, v, n);
}

#endif
