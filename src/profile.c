/*
 * profile.c: reading an applicant profile (shared/spec/profile.md).
 *
 * cJSON keeps numbers as doubles, and no amount may pass through one.  So
 * the profile is not handed to cJSON's parser: one pass over the text
 * checks that it is valid JSON and builds the tree with cJSON's own
 * constructors as it goes, every number as a raw node (cJSON_Raw) that
 * holds the number as written, for ais_dec_parse.  Because the pass sees
 * the text itself, its syntax errors carry line and column in the
 * caller's text; and one pass does the work of two.
 *
 * The tree is then walked against ais_profile_schema in document order,
 * so that the first error and the warnings come in the order of the
 * text.  Everything the result holds, the tree included, lives in
 * p->arena, reset at the start of each read.
 */
#include "profile.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

/* The deepest nesting of arrays and objects accepted (the schema needs 3). */
#define MAX_DEPTH 64

/* The longest piece of a bad value quoted in a message, in bytes. */
#define SHOW_MAX 80

/* An absent or empty list: shared, never written. */
static const struct ais_list empty_list = { 0, NULL };

/* ---- The first pass: JSON syntax, and the tree ---- */

/*
 * cJSON's allocator hooks take no context, so the arena a parse draws on
 * is reached through this variable, set only for the length of one parse
 * (thread-local, so that readers in different threads stay apart).  With
 * the tree in the profile's arena, a parse costs no malloc and no free:
 * the tree goes when the arena is reset for the next profile.  Small
 * requests (cJSON's nodes and strings) are cut from a chunk of the arena
 * by moving a pointer, which is all a node needs.
 */
static _Thread_local struct {
	struct ais_arena *arena;
	unsigned char *next, *end;	/* the rest of the current chunk */
} parse_mem;

/* The size of a chunk, and the largest request cut from one. */
#define PARSE_CHUNK ((size_t)8192)
#define PARSE_SMALL ((size_t)512)

static void *
arena_malloc(size_t n)
{
	unsigned char *p;

	/* a debug arena gives each its own allocation, chunks would hide
	 * an overflow from one node into the next */
	if (AIS_ARENA_DEBUG || n > PARSE_SMALL)
		return ais_arena_alloc_raw(parse_mem.arena, n);
	/* 16: what malloc promises, for cJSON's doubles and pointers */
	n = (n + 15) & ~(size_t)15;
	if (parse_mem.next == NULL ||
	    (size_t)(parse_mem.end - parse_mem.next) < n) {
		parse_mem.next = ais_arena_alloc_raw(parse_mem.arena,
		    PARSE_CHUNK);
		parse_mem.end = parse_mem.next + PARSE_CHUNK;
	}
	p = parse_mem.next;
	parse_mem.next += n;
	return p;
}

static void
arena_free(void *ptr)
{
	(void)ptr;
}


/* What the pass expects next, outside strings and whitespace. */
enum expect {
	X_VALUE,		/* after ':' or an array's ',', or at the start */
	X_VALUE_OR_CLOSE,	/* after '[' */
	X_KEY,			/* after an object's ',' */
	X_KEY_OR_CLOSE,		/* after '{' */
	X_COLON,		/* after a key */
	X_COMMA_OR_CLOSE,	/* after a value inside an array or object */
	X_END			/* after the top-level value */
};

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
			size_t k = utf8_char(s + j, len - j);

			if (k == 0) {
				snprintf(what, sizeof what, "invalid UTF-8 "
				    "(byte 0x%02x) inside a string", c);
				return syntax_error(err, s, len, j, what);
			}
			j += k;
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

/* Checks the number at s[*i] against JSON's grammar; moves *i past it. */
static int
scan_number(const unsigned char *s, size_t len, size_t *i,
	struct ais_error *err)
{
	size_t j = *i;

	if (s[j] == '-')
		j++;
	if (j >= len)
		return syntax_error(err, s, len, j, NULL);
	if (s[j] == '0') {
		j++;
	} else if (s[j] >= '1' && s[j] <= '9') {
		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
	} else {
		return syntax_error(err, s, len, j, NULL);
	}
	if (j < len && s[j] == '.') {
		j++;
		if (j >= len || s[j] < '0' || s[j] > '9')
			return syntax_error(err, s, len, j, NULL);
		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
	}
	if (j < len && (s[j] == 'e' || s[j] == 'E')) {
		j++;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j >= len || s[j] < '0' || s[j] > '9')
			return syntax_error(err, s, len, j, NULL);
		while (j < len && s[j] >= '0' && s[j] <= '9')
			j++;
	}
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
 * stands for) with a NUL after them.
 */
static void
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
}

/*
 * The string whose quote is at s[*i], checked and decoded into the
 * parse's memory (arena_malloc); moves *i past it.  NULL with err filled when it is not valid.
 */
static char *
take_string(const unsigned char *s, size_t len, size_t *i,
	struct ais_error *err)
{
	size_t start = *i + 1, n;
	int escaped = 0;
	char *out;

	if (scan_string(s, len, i, &escaped, err) < 0)
		return NULL;
	n = *i - 1 - start;
	/* sixteen bytes at least: a short string is copied in one move of
	 * sixteen, so it asks for them (not counting on arena_malloc's
	 * rounding, which a debug arena does not do) */
	out = arena_malloc(n < 16 ? 16 : n + 1);
	if (escaped) {
		decode_string(s + start, n, out);
		return out;
	}
	if (n < 16 && start + 16 <= len)
		/* a key or a short value: one move of sixteen bytes, which
		 * the text has */
		memcpy(out, s + start, 16);
	else
		memcpy(out, s + start, n);
	out[n] = '\0';
	return out;
}

/*
 * The first pass: checks that json[0..len) is one JSON value with only
 * whitespace around it, and builds its tree in *root with cJSON's
 * constructors (allocating from the arena: see arena_malloc), numbers as
 * raw nodes holding their text.  Keys and strings are decoded into the
 * arena and referenced, not copied again.
 */
static int
parse(const char *json, size_t len, cJSON **root, struct ais_error *err)
{
	const unsigned char *s = (const unsigned char *)json;
	cJSON *open[MAX_DEPTH], *node;
	char kind[MAX_DEPTH];	/* '{' or '[': what open[] holds */
	const char *key = NULL;
	char *text;
	size_t i = 0, start;
	int depth = 0, value_done;
	enum expect x = X_VALUE;
	unsigned char c;

	*root = NULL;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\t'))
			i++;
		if (i >= len)
			break;
		c = s[i];
		value_done = 0;
		node = NULL;
		switch (x) {
		case X_VALUE_OR_CLOSE:
			if (c == ']') {
				depth--;
				i++;
				value_done = 1;
				break;
			}
			/* FALLTHROUGH */
		case X_VALUE:
			switch (c) {
			case '{':
			case '[':
				if (depth == MAX_DEPTH)
					return syntax_error(err, s, len, i,
					    "nested more than 64 levels deep");
				node = c == '{' ? cJSON_CreateObject() :
				    cJSON_CreateArray();
				x = c == '{' ? X_KEY_OR_CLOSE
				    : X_VALUE_OR_CLOSE;
				i++;
				break;
			case '"':
				if ((text = take_string(s, len, &i, err)) == NULL)
					return -1;
				node = cJSON_CreateStringReference(text);
				value_done = 1;
				break;
			case 't':
			case 'f':
			case 'n':
				if (scan_literal(s, len, &i, c == 't' ? "true" :
				    c == 'f' ? "false" : "null", err) < 0)
					return -1;
				node = c == 'n' ? cJSON_CreateNull() :
				    cJSON_CreateBool(c == 't');
				value_done = 1;
				break;
			default:
				if (c != '-' && (c < '0' || c > '9'))
					return syntax_error(err, s, len, i,
					    NULL);
				start = i;
				if (scan_number(s, len, &i, err) < 0)
					return -1;
				text = arena_malloc(i - start + 1);
				memcpy(text, json + start, i - start);
				text[i - start] = '\0';
				node = cJSON_CreateRaw(text);
				value_done = 1;
				break;
			}
			/* never NULL: arena_malloc stops the program rather
			 * than fail */
			/* the new value goes into what holds it */
			if (depth == 0)
				*root = node;
			else if (kind[depth - 1] == '{')
				cJSON_AddItemToObjectCS(open[depth - 1], key,
				    node);
			else
				cJSON_AddItemToArray(open[depth - 1], node);
			if (c == '{' || c == '[') {
				kind[depth] = (char)c;
				open[depth++] = node;
			}
			break;
		case X_KEY_OR_CLOSE:
			if (c == '}') {
				depth--;
				i++;
				value_done = 1;
				break;
			}
			/* FALLTHROUGH */
		case X_KEY:
			if (c != '"')
				return syntax_error(err, s, len, i, NULL);
			if ((key = take_string(s, len, &i, err)) == NULL)
				return -1;
			x = X_COLON;
			break;
		case X_COLON:
			if (c != ':')
				return syntax_error(err, s, len, i, NULL);
			i++;
			x = X_VALUE;
			break;
		case X_COMMA_OR_CLOSE:
			if (c == ',') {
				x = kind[depth - 1] == '{' ? X_KEY : X_VALUE;
				i++;
			} else if ((c == '}' && kind[depth - 1] == '{') ||
			    (c == ']' && kind[depth - 1] == '[')) {
				depth--;
				i++;
				value_done = 1;
			} else {
				return syntax_error(err, s, len, i, NULL);
			}
			break;
		case X_END:
			return syntax_error(err, s, len, i, NULL);
		}
		if (value_done)
			x = depth == 0 ? X_END : X_COMMA_OR_CLOSE;
	}
	if (x != X_END)
		return syntax_error(err, s, len, len, NULL);
	return 0;
}

/* ---- The second pass: the tree against the schema ---- */

/* What a reader carries down the tree. */
struct rd {
	struct ais_profile *p;
	struct ais_error *err;
	struct ais_buf *path;	/* the path of the object being read */
};

/* The JSON kinds of value the reader tells apart. */
enum jkind { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

/*
 * The kind of it; for J_NUM and J_STR also its text (the number as
 * written, or the decoded string) and length.
 */
static enum jkind
jkind(const cJSON *it, const char **text, size_t *len)
{
	*text = NULL;
	*len = 0;
	if (cJSON_IsString(it) || cJSON_IsRaw(it)) {
		*text = it->valuestring;
		*len = strlen(it->valuestring);
		return cJSON_IsRaw(it) ? J_NUM : J_STR;
	}
	if (cJSON_IsObject(it))
		return J_OBJ;
	if (cJSON_IsArray(it))
		return J_ARR;
	if (cJSON_IsBool(it))
		return J_BOOL;
	return J_NULL;
}

/*
 * Writes it as JSON text into buf for a message: strings quoted and
 * escaped, numbers as written, true, false, null, and "an array" or "an
 * object".  Long values are cut at a UTF-8 boundary with "...".
 */
static void
show_value(const cJSON *it, char *buf, size_t n)
{
	struct ais_buf b = AIS_BUF_INIT;
	const char *text;
	size_t len, cut;
	enum jkind k = jkind(it, &text, &len);

	switch (k) {
	case J_NULL:
		snprintf(buf, n, "null");
		return;
	case J_BOOL:
		snprintf(buf, n, "%s", cJSON_IsTrue(it) ? "true" : "false");
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
	if (k == J_NUM) {
		snprintf(buf, n, "%.*s%s", (int)cut, text,
		    cut < len ? "..." : "");
		return;
	}
	ais_buf_add_json_str(&b, text, cut);
	if (cut < len) {
		b.len--;	/* the closing quote */
		ais_buf_adds(&b, "...\"");
	}
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
	size_t i;
	unsigned char c;

	if (len == 0 || (key[0] >= '0' && key[0] <= '9'))
		return 0;
	for (i = 0; i < len; i++) {
		c = (unsigned char)key[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_'))
			return 0;
	}
	return 1;
}

/* Appends the member key[0..len) to the path in b. */
static void
path_add_key(struct ais_buf *b, const char *key, size_t len)
{
	if (plain_key(key, len)) {
		ais_buf_grow(b, len + 1);
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
	ais_buf_grow(b, n + 2);
	b->p[b->len++] = '[';
	while (n > 0)
		b->p[b->len++] = d[--n];
	b->p[b->len++] = ']';
	b->p[b->len] = '\0';
}

/* Cuts the path in b back to len bytes. */
static void
path_cut(struct ais_buf *b, size_t len)
{
	b->len = len;
	b->p[len] = '\0';
}

/*
 * Fails the read: err->path is the current path, followed by the member
 * key when key is not NULL; the message is fmt.  Returns -1.
 */
static int
fail(struct rd *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
fail(struct rd *r, const char *key, const char *fmt, ...)
{
	size_t keep = r->path->len;
	va_list ap;

	if (key != NULL)
		path_add_key(r->path, key, strlen(key));
	error_set(r->err, r->path->p, r->path->len, "%s", "");
	va_start(ap, fmt);
	vsnprintf(r->err->msg, sizeof r->err->msg, fmt, ap);
	va_end(ap);
	path_cut(r->path, keep);
	return -1;
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
	*AIS_VEC_PUSH(NULL, p->warnings) = ais_arena_strndup(&p->arena, b->p,
	    b->len);
	path_cut(b, keep);
}

/*
 * The unknown keys of one object, to find one given twice without
 * comparing every pair: an open-addressing set in the arena, made when
 * the object's first unknown key turns up.
 */
struct keyset {
	const char **slot;
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
 * Adds key[0..len) to ks, made on first use for an object of n members.
 * Returns 1 when it was already there.
 */
static int
keyset_add(struct rd *r, struct keyset *ks, size_t n, const char *key,
	size_t len)
{
	size_t size = 8, i;

	if (ks->slot == NULL) {
		while (size < 2 * n)
			size *= 2;
		ks->slot = ais_arena_alloc(&r->p->arena,
		    size * sizeof *ks->slot);
		ks->mask = size - 1;
	}
	for (i = key_hash(key, len) & ks->mask; ks->slot[i] != NULL;
	    i = (i + 1) & ks->mask)
		if (strcmp(ks->slot[i], key) == 0)
			return 1;
	ks->slot[i] = key;
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

/* 1 when the number text t[0..len) has an exponent. */
static int
num_has_exponent(const char *t, size_t len)
{
	return memchr(t, 'e', len) != NULL || memchr(t, 'E', len) != NULL;
}

static int read_object(struct rd *r, const struct ais_schema *s,
	const cJSON *obj, struct ais_obj *out);

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
read_amount(struct rd *r, const char *key, const cJSON *it,
	struct ais_value *v)
{
	const char *t;
	size_t len;
	char shown[SHOW_MAX + 16];
	struct ais_dec d;
	int64_t fen;
	const char *dot;

	const char *what = "expected a non-negative amount in yuan";

	if (jkind(it, &t, &len) != J_NUM || num_is_negative(t, len))
		goto bad;
	what = "expected an amount in yuan written without an exponent";
	if (num_has_exponent(t, len))
		goto bad;
	if (ais_dec_parse(t, len, &d) < 0) {
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
read_ratio(struct rd *r, const char *key, const cJSON *it,
	struct ais_value *v)
{
	const char *t;
	size_t len;
	char shown[SHOW_MAX + 16];
	struct ais_dec d;

	const char *what = "";

	if (jkind(it, &t, &len) != J_NUM)
		goto bad;
	what = " written without an exponent";
	if (num_has_exponent(t, len))
		goto bad;
	what = "";
	if (ais_dec_parse(t, len, &d) < 0) {
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
	const cJSON *it, struct ais_value *v)
{
	const char *t;
	size_t len;
	char shown[SHOW_MAX + 16];
	struct ais_dec d;
	int64_t n;

	if (jkind(it, &t, &len) != J_NUM || num_has_exponent(t, len) ||
	    ais_dec_parse(t, len, &d) < 0 || !ais_dec_to_int(d, &n) ||
	    n < f->min || n > f->max) {
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
	const cJSON *it, struct ais_value *v)
{
	const char *t, *near = NULL;
	size_t len;
	int i = -1;
	char shown[SHOW_MAX + 16], list[512];

	if (jkind(it, &t, &len) == J_STR)
		i = ais_enum_find(enums, t, len);
	if (i >= 0) {
		v->t = AIS_V_STR;
		v->u.s.p = enums[i];
		v->u.s.len = len;
		return 0;
	}
	show_value(it, shown, sizeof shown);
	join_enums(enums, list, sizeof list);
	if (jkind(it, &t, &len) == J_STR)
		near = ais_suggest(t, len, enums);
	if (near != NULL)
		return fail(r, key, "expected one of %s, got %s; did you "
		    "mean %s?", list, shown, near);
	return fail(r, key, "expected one of %s, got %s", list, shown);
}

/* Reads a string (the tree's own text, which lives in the arena). */
static int
read_string(struct rd *r, const char *key, const cJSON *it,
	struct ais_value *v)
{
	const char *t;
	size_t len;
	char shown[SHOW_MAX + 16];

	if (jkind(it, &t, &len) != J_STR) {
		show_value(it, shown, sizeof shown);
		return fail(r, key, "expected a string, got %s", shown);
	}
	/* the tree's text is in the profile's arena already */
	v->t = AIS_V_STR;
	v->u.s.p = t;
	v->u.s.len = len;
	return 0;
}

/* Reads a date YYYY-MM-DD. */
static int
read_date(struct rd *r, const char *key, const cJSON *it,
	struct ais_value *v)
{
	const char *t;
	size_t len;
	char shown[SHOW_MAX + 16];
	ais_date d;

	if (jkind(it, &t, &len) != J_STR || ais_date_parse(t, len, &d) < 0) {
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
read_array(struct rd *r, const struct ais_field *f, const cJSON *it,
	struct ais_value *v)
{
	int objects = f->type == AIS_F_LIST;
	struct ais_list *l;
	struct ais_obj *o = NULL;
	const cJSON *e;
	size_t n = 0, i, keep, base;
	char shown[SHOW_MAX + 16];
	int rc = 0;

	if (!cJSON_IsArray(it)) {
		show_value(it, shown, sizeof shown);
		return fail(r, f->name, "expected an array of %s, got %s",
		    objects ? "objects" : "strings", shown);
	}
	v->t = AIS_V_LIST;
	for (e = it->child; e != NULL; e = e->next)
		n++;
	if (n == 0) {
		v->u.list = &empty_list;
		return 0;
	}
	l = ais_arena_alloc(&r->p->arena, sizeof *l);
	l->items = ais_arena_alloc(&r->p->arena, n * sizeof *l->items);
	if (objects)
		o = ais_arena_alloc(&r->p->arena, n * sizeof *o);
	keep = r->path->len;
	path_add_key(r->path, f->name, strlen(f->name));
	base = r->path->len;
	for (e = it->child, i = 0; e != NULL && rc == 0; e = e->next, i++) {
		path_add_index(r->path, i);
		if (!objects) {
			rc = read_enum(r, NULL, f->enums, e, &l->items[i]);
		} else if (!cJSON_IsObject(e)) {
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
read_field(struct rd *r, const struct ais_field *f, const cJSON *it,
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
		if (!cJSON_IsBool(it)) {
			show_value(it, shown, sizeof shown);
			return fail(r, f->name, "expected true or false, "
			    "got %s", shown);
		}
		v->t = AIS_V_BOOL;
		v->u.b = cJSON_IsTrue(it) ? 1 : 0;
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
		if (!cJSON_IsObject(it)) {
			show_value(it, shown, sizeof shown);
			return fail(r, f->name, "expected an object, got %s",
			    shown);
		}
		o = ais_arena_alloc(&r->p->arena, sizeof *o);
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
 * Reads the object obj against schema s into out, whose path is the
 * current path.  Members are read in document order; then every field
 * not given (or given as null) gets its default, or fails when required.
 */
static int
read_object(struct rd *r, const struct ais_schema *s, const cJSON *obj,
	struct ais_obj *out)
{
	struct keyset unknown = { NULL, 0 };
	uint64_t seen = 0, bit;
	const struct ais_field *f;
	struct ais_value *v;
	const cJSON *e;
	const char *key;
	size_t klen, n = 0, i, next = 0;
	int k;

	out->schema = s;
	out->path = ais_arena_strndup(&r->p->arena, r->path->p,
	    r->path->len);
	out->v = v = ais_arena_alloc(&r->p->arena, s->n * sizeof *v);
	for (e = obj->child; e != NULL; e = e->next) {
		key = e->string;
		klen = strlen(key);
		/*
		 * Members mostly come in schema order: try the field after
		 * the last one found before searching.  key ends at klen, so
		 * comparing klen + 1 bytes is an exact match.
		 */
		if (next < s->n && strncmp(s->fields[next].name, key,
		    klen + 1) == 0)
			k = (int)next;
		else
			k = ais_schema_find(s, key, klen);
		if (k >= 0)
			next = (size_t)k + 1;
		if (k < 0) {
			if (unknown.slot == NULL) {
				const cJSON *c;

				for (n = 0, c = obj->child; c != NULL;
				    c = c->next)
					n++;
			}
			if (keyset_add(r, &unknown, n, key, klen))
				return fail(r, key, "duplicate field");
			warn_unknown(r, s, key, klen);
			continue;
		}
		/* Schemas have at most 64 fields (test_schema checks). */
		bit = (uint64_t)1 << (k & 63);
		if (seen & bit)
			return fail(r, key, "duplicate field");
		seen |= bit;
		if (cJSON_IsNull(e))
			continue;
		if (read_field(r, &s->fields[k], e, &v[k]) < 0)
			return -1;
	}
	for (i = 0; i < s->n; i++) {
		if (v[i].t != AIS_V_NULL)
			continue;
		f = &s->fields[i];
		if (f->required)
			return fail(r, f->name, "required field missing");
		switch (f->type) {
		case AIS_F_BOOL:
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
	return 0;
}

/* ---- The public functions ---- */

/* Makes p empty and owning nothing; it may then be read into. */
void
ais_profile_init(struct ais_profile *p)
{
	memset(p, 0, sizeof *p);
	p->arena.head = NULL;
	p->arena.free = NULL;
	p->root.schema = &ais_profile_schema;
	ais_buf_init(&p->path);
	ais_buf_init(&p->rejected_id);
}

/* Forgets the last profile read, keeping the memory. */
static void
profile_clear(struct ais_profile *p)
{
	ais_arena_reset(&p->arena);
	p->root.schema = &ais_profile_schema;
	p->root.v = NULL;
	p->root.path = NULL;
	p->id = NULL;
	p->name = NULL;
	p->has_as_of = 0;
	p->as_of = 0;
	AIS_VEC_CLEAR(p->warnings);
}

/*
 * Reads one profile from json[0..len) into p (see profile.h).  On error p
 * holds no profile (root.v is NULL, no warnings) and err is filled; on
 * success p->root and the fields beside it describe the input, and
 * p->warnings lists the unknown fields in document order.
 */
int
ais_profile_read(struct ais_profile *p, const char *json, size_t len,
	struct ais_error *err)
{
	struct rd r;
	cJSON *tree;
	char shown[SHOW_MAX + 16];
	const struct ais_value *v;
	int rc, k;

	profile_clear(p);
	if (json == NULL)
		len = 0;
	{
		cJSON_Hooks hooks = { arena_malloc, arena_free };

		parse_mem.arena = &p->arena;
		parse_mem.next = parse_mem.end = NULL;
		cJSON_InitHooks(&hooks);
		rc = parse(json == NULL ? "" : json, len, &tree, err);
		cJSON_InitHooks(NULL);
		parse_mem.arena = NULL;
		parse_mem.next = parse_mem.end = NULL;
	}
	if (rc < 0)
		return -1;
	r.p = p;
	r.err = err;
	r.path = &p->path;
	ais_buf_reset(&p->path);
	ais_buf_addc(&p->path, '$');
	if (!cJSON_IsObject(tree)) {
		show_value(tree, shown, sizeof shown);
		rc = fail(&r, NULL, "expected an object, got %s", shown);
	} else {
		rc = read_object(&r, &ais_profile_schema, tree, &p->root);
	}
	/* no cJSON_Delete: the tree lives in p->arena */
	if (rc < 0) {
		/* a rejected profile keeps its "id" when it has one, so that
		 * a batch's error record can name the firm */
		const cJSON *id = cJSON_IsObject(tree) ?
		    cJSON_GetObjectItemCaseSensitive(tree, "id") : NULL;
		int has_id = cJSON_IsString(id);

		ais_buf_reset(&p->rejected_id);
		if (has_id)
			ais_buf_adds(&p->rejected_id, id->valuestring);
		profile_clear(p);	/* the tree is gone: id with it */
		if (has_id)
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
	}
	return 0;
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
