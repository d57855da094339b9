/*
 * expr.c: parsing, checking and evaluating rule expressions.
 *
 * The grammar (docs/rules.md has it for rule authors):
 *
 *   expr    = or
 *   or      = and { "or" and }
 *   and     = not { "and" not }
 *   not     = "not" not | cmp
 *   cmp     = add [ ("==" | "!=" | "<" | "<=" | ">" | ">=") add
 *                 | ["not"] "in" add ]
 *   add     = mul { ("+" | "-") mul }
 *   mul     = unary { ("*" | "/") unary }
 *   unary   = "-" unary | primary
 *   primary = number ["%" | "万" | "亿"] | string | date | "true" | "false"
 *           | "null" | "(" expr ")" | "[" [expr {"," expr}] "]"
 *           | name "(" args ")" | path
 *   args    = list ["where" expr] ["," expr]      (aggregates)
 *           | expr {"," expr}                    (other functions)
 *   path    = name {"." name}
 *
 * A division exists only as the whole value of a rounding function
 * (truncate(a / b, 1), half_up(a / b, 0.01)): the grammar reads '/'
 * anywhere, and check_divisions refuses one anywhere else, since a
 * quotient such as 305 / 729 has no exact decimal until it is rounded.
 *
 * Every walk of a compiled tree (evaluation, describe, the flattening of
 * a 'where') recurses, and so does the parser.  Both are bounded by
 * AIS_EXPR_MAX_DEPTH: the parser counts its own nesting (brackets, 'not',
 * '-', calls and lists), and every node records the depth of the tree
 * below it, so that a long chain such as 1 + 1 + ... (which leans left, as
 * deep as it is long) is refused when it is compiled rather than
 * overflowing the stack each time it is evaluated.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "ledger.h"

enum op {
	OP_LIT,		/* lit */
	OP_LIST_LIT,	/* args: a list of literals for `in` */
	OP_PATH,	/* from root (or item when item_rel), through fields */
	OP_AS_OF,
	OP_NOT, OP_NEG,
	OP_AND, OP_OR,
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_IN,		/* a in b */
	OP_ADD, OP_SUB, OP_MUL,
	OP_DIV,		/* a / b: only as args[0] of OP_TRUNCATE, OP_HALF_UP */
	OP_IF, OP_MIN, OP_MAX, OP_MONTHS, OP_PRESENT,
	OP_DAYS, OP_OVERLAP, OP_ADD_MONTHS,
	OP_TRUNCATE, OP_HALF_UP,	/* lit: the unit */
	OP_AWARDED,	/* a prior award of the program names the contract */
	/* the aggregates come last: walks test op >= OP_SUM */
	OP_SUM, OP_COUNT, OP_ANY, OP_ALL, OP_MAXOF, OP_MINOF
};

#define MAX_PATH 4

struct node {
	enum op op;
	enum ais_etype type;
	const char *text;	/* its source text */
	size_t textlen;
	const char *name;	/* a path's text without spaces: the field
				 * name a read reports */
	size_t namelen;
	struct ais_value lit;
	/* paths */
	int item_rel;		/* starts at `item` */
	int nfields;
	int field[MAX_PATH];
	const struct ais_field *fdef;	/* the last field, or NULL for item */
	/* operands */
	struct node *a, *b;
	struct node **args;
	int nargs;
	/* aggregates: list a, filter conjuncts, value b */
	struct node **conj;
	int nconj;
	int depth;		/* levels of operators from here down: 0 for
				 * a literal or a path */
	size_t at;		/* OP_DIV: the offset of its '/' */
};

struct ais_expr {
	struct node *root;
	const char *src;
};

struct parser {
	struct ais_arena *arena;
	const struct ais_schema *root;	/* the profile contract */
	const char *src;
	size_t len;
	size_t pos;
	const struct ais_field *item[8];	/* item scopes, innermost last */
	int nitem;
	int nest;		/* levels of the parser's nesting */
	int failed;
	size_t erroff;
	char *errmsg;
	size_t errlen;
};

static const char *const type_names[] = {
	"null", "a condition (true or false)", "a number", "a string",
	"a date", "a list", "an object"
};

static void
fail(struct parser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	p->erroff = off;
	va_start(ap, fmt);
	vsnprintf(p->errmsg, p->errlen, fmt, ap);
	va_end(ap);
}

/* The length of the UTF-8 character at s[0], at most n, at least 1. */
static int
char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t k = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	return (int)(k < n ? k : n);
}

/* How many bytes of s[0..n) make whole characters within max bytes. */
static int
chars_within(const char *s, size_t n, size_t max)
{
	size_t k = 0;

	while (k < n) {
		size_t c = (size_t)char_len(s + k, n - k);

		if (k + c > max)
			break;
		k += c;
	}
	return (int)k;
}

/* How a message quotes a piece of source text: whole when it is short,
 * else its first characters and "...". */
struct shown {
	int len;
	const char *ell;
};

#define SHOW_MAX 64

static struct shown
show(const char *s, size_t len)
{
	struct shown r;

	if (len <= SHOW_MAX) {
		r.len = (int)len;
		r.ell = "";
	} else {
		r.len = chars_within(s, len, SHOW_MAX - 3);
		r.ell = "...";
	}
	return r;
}

static int
is_ident_start(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int
is_ident(int c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static void
skip_space(struct parser *p)
{
	while (p->pos < p->len && (p->src[p->pos] == ' ' ||
	    p->src[p->pos] == '\t' || p->src[p->pos] == '\n' ||
	    p->src[p->pos] == '\r'))
		p->pos++;
}

/* Whether the next token is the punctuation s; consumes it if so. */
static int
accept(struct parser *p, const char *s)
{
	size_t n = strlen(s);

	skip_space(p);
	if (p->len - p->pos < n || memcmp(p->src + p->pos, s, n) != 0)
		return 0;
	/* "<" must not take the first byte of "<=", nor "=" of "==" */
	if (n == 1 && (s[0] == '<' || s[0] == '>' || s[0] == '=' ||
	    s[0] == '!') && p->pos + 1 < p->len && p->src[p->pos + 1] == '=')
		return 0;
	p->pos += n;
	return 1;
}

/* Whether the next token is the word w; consumes it if so. */
static int
accept_word(struct parser *p, const char *w)
{
	size_t n = strlen(w);

	skip_space(p);
	if (p->len - p->pos < n || memcmp(p->src + p->pos, w, n) != 0)
		return 0;
	if (p->pos + n < p->len && is_ident(p->src[p->pos + n]))
		return 0;
	p->pos += n;
	return 1;
}

static int
peek_word(struct parser *p, const char *w)
{
	size_t save = p->pos;
	int r = accept_word(p, w);

	p->pos = save;
	return r;
}

static void
expect(struct parser *p, const char *s)
{
	if (!accept(p, s))
		fail(p, p->pos, "expected '%s'", s);
}

static struct node *
new_node(struct parser *p, enum op op, size_t start)
{
	struct node *n = ais_arena_alloc(p->arena, sizeof *n);

	n->op = op;
	n->text = p->src + start;
	n->textlen = p->pos > start ? p->pos - start : 0;
	return n;
}

/*
 * Enters one more level of the parser's nesting, opened at off: 0, or -1
 * (and the parse fails) past AIS_EXPR_MAX_DEPTH levels.  Each 0 is
 * matched by a call of leave().
 */
static int
enter(struct parser *p, size_t off)
{
	if (p->nest >= AIS_EXPR_MAX_DEPTH) {
		fail(p, off, "expression nested too deep (more than %d levels)",
		    AIS_EXPR_MAX_DEPTH);
		return -1;
	}
	p->nest++;
	return 0;
}

static void
leave(struct parser *p)
{
	p->nest--;
}

/*
 * Sets the depth of n, whose operands are complete, and fails at off when
 * it makes the tree deeper than AIS_EXPR_MAX_DEPTH levels of operators.
 */
static void
deepen(struct parser *p, struct node *n, size_t off)
{
	int d = 0, i;

	if (n->a && n->a->depth > d)
		d = n->a->depth;
	if (n->b && n->b->depth > d)
		d = n->b->depth;
	for (i = 0; i < n->nargs; i++)
		if (n->args[i]->depth > d)
			d = n->args[i]->depth;
	for (i = 0; i < n->nconj; i++)
		if (n->conj[i]->depth > d)
			d = n->conj[i]->depth;
	n->depth = d + 1;
	if (n->depth > AIS_EXPR_MAX_DEPTH)
		fail(p, off, "expression too deep (more than %d levels; each "
		    "operator of a chain such as 'a + b + c' is one level)",
		    AIS_EXPR_MAX_DEPTH);
}

static void
end_node(struct parser *p, struct node *n)
{
	size_t end = p->pos;

	while (end > 0 && (p->src[end - 1] == ' ' || p->src[end - 1] == '\n'
	    || p->src[end - 1] == '\t' || p->src[end - 1] == '\r'))
		end--;
	if (p->src + end > n->text)
		n->textlen = (size_t)(p->src + end - n->text);
}

static struct node *parse_expr(struct parser *p);

/* A path's name: its text, or a copy without the spaces the grammar
 * allows around '.', so that what a result reports is a plain name. */
static void
path_name(struct parser *p, struct node *n)
{
	size_t i, k = 0;
	char *c;

	n->name = n->text;
	n->namelen = n->textlen;
	for (i = 0; i < n->textlen; i++)
		if ((unsigned char)n->text[i] <= ' ')
			break;
	if (i == n->textlen)
		return;
	c = ais_arena_alloc_raw(p->arena, n->textlen + 1);
	for (i = 0; i < n->textlen; i++)
		if ((unsigned char)n->text[i] > ' ')
			c[k++] = n->text[i];
	c[k] = '\0';
	n->name = c;
	n->namelen = k;
}

static int
need(struct parser *p, struct node *n, enum ais_etype t, const char *what)
{
	struct shown sh;

	if (p->failed)
		return 0;
	if (n->type == t || n->type == AIS_E_NULL)
		return 1;
	sh = show(n->text, n->textlen);
	fail(p, (size_t)(n->text - p->src), "%s needs %s, but '%.*s%s' is %s",
	    what, type_names[t], sh.len, n->text, sh.ell,
	    type_names[n->type]);
	return 0;
}

static const struct ais_field *
cur_item(struct parser *p)
{
	return p->nitem ? p->item[p->nitem - 1] : NULL;
}

/* The type of a field's values. */
static enum ais_etype
field_type(const struct ais_field *f)
{
	switch (f->type) {
	case AIS_F_STRING:
	case AIS_F_ENUM:
		return AIS_E_STR;
	case AIS_F_DATE:
		return AIS_E_DATE;
	case AIS_F_BOOL:
		return AIS_E_BOOL;
	case AIS_F_AMOUNT:
	case AIS_F_RATIO:
	case AIS_F_INT:
		return AIS_E_NUM;
	case AIS_F_OBJECT:
		return AIS_E_OBJ;
	case AIS_F_LIST:
	case AIS_F_ENUMLIST:
		return AIS_E_LIST;
	}
	return AIS_E_NULL;
}

static void
unknown_field(struct parser *p, size_t off, const struct ais_schema *s,
	const char *name, size_t len)
{
	const char *hint = ais_suggest(name, len, s->names);
	struct shown sh = show(name, len);

	if (hint)
		fail(p, off, "'%.*s%s' is not a field of %s; did you mean "
		    "'%s'?", sh.len, name, sh.ell, s->name, hint);
	else
		fail(p, off, "'%.*s%s' is not a field of %s", sh.len, name,
		    sh.ell, s->name);
}

static struct node *
parse_path(struct parser *p, size_t start, const char *name, size_t len)
{
	struct node *n = new_node(p, OP_PATH, start);
	const struct ais_schema *s;
	const struct ais_field *f = NULL;
	int idx;

	if (len == 4 && memcmp(name, "item", 4) == 0) {
		f = cur_item(p);
		if (!f) {
			fail(p, start, "'item' is only defined inside an "
			    "aggregate or a per-entry award");
			return n;
		}
		n->item_rel = 1;
		n->fdef = NULL;
		if (f->type == AIS_F_ENUMLIST) {
			n->type = AIS_E_STR;
			n->fdef = f;	/* the enums of the entries */
			if (accept(p, "."))
				fail(p, p->pos, "the entries of '%s' are "
				    "strings, not objects", f->name);
			end_node(p, n);
			path_name(p, n);
			return n;
		}
		s = f->sub;
		n->type = AIS_E_OBJ;
	} else {
		s = p->root;
		if (len == 5 && memcmp(name, "as_of", 5) == 0) {
			n->op = OP_AS_OF;
			n->type = AIS_E_DATE;
			end_node(p, n);
			path_name(p, n);
			return n;
		}
		idx = ais_schema_find(s, name, len);
		if (idx < 0) {
			unknown_field(p, start, s, name, len);
			return n;
		}
		n->field[n->nfields++] = idx;
		f = &s->fields[idx];
		n->fdef = f;
		n->type = field_type(f);
		s = f->sub;
	}
	while (!p->failed && accept(p, ".")) {
		size_t fs;

		skip_space(p);
		fs = p->pos;
		while (p->pos < p->len && is_ident(p->src[p->pos]))
			p->pos++;
		if (fs == p->pos) {
			fail(p, fs, "expected a field name after '.'");
			break;
		}
		if (n->type != AIS_E_OBJ || !s) {
			struct shown sh = show(p->src + start, fs - 1 - start);

			fail(p, fs, "'%.*s%s' has no fields", sh.len,
			    p->src + start, sh.ell);
			break;
		}
		idx = ais_schema_find(s, p->src + fs, p->pos - fs);
		if (idx < 0) {
			unknown_field(p, fs, s, p->src + fs, p->pos - fs);
			break;
		}
		if (n->nfields == MAX_PATH) {
			fail(p, fs, "path too deep");
			break;
		}
		n->field[n->nfields++] = idx;
		f = &s->fields[idx];
		n->fdef = f;
		n->type = field_type(f);
		s = f->sub;
	}
	end_node(p, n);
	path_name(p, n);
	return n;
}

static int
utf8_is(const struct parser *p, const char *s)
{
	size_t n = strlen(s);

	return p->len - p->pos >= n && memcmp(p->src + p->pos, s, n) == 0;
}

static struct node *
parse_number(struct parser *p, size_t start)
{
	struct node *n = new_node(p, OP_LIT, start);
	struct ais_dec d;
	struct shown sh;
	size_t end, places;
	int unit = 0;	/* 2: a percentage; -4: 万; -8: 亿 */

	/* a date: YYYY-MM-DD not followed by a digit */
	if (p->len - p->pos >= 10 && p->src[p->pos + 4] == '-' &&
	    p->src[p->pos + 7] == '-' &&
	    (p->len - p->pos == 10 || !is_digit(p->src[p->pos + 10]))) {
		ais_date dt;

		if (ais_date_parse(p->src + p->pos, 10, &dt) < 0) {
			fail(p, start, "'%.10s' is not a date", p->src + p->pos);
			return n;
		}
		p->pos += 10;
		n->type = AIS_E_DATE;
		n->lit.t = AIS_V_DATE;
		n->lit.u.d = dt;
		end_node(p, n);
		return n;
	}
	while (p->pos < p->len && is_digit(p->src[p->pos]))
		p->pos++;
	if (p->pos < p->len && p->src[p->pos] == '.') {
		p->pos++;
		while (p->pos < p->len && is_digit(p->src[p->pos]))
			p->pos++;
	}
	end = p->pos;
	if (p->pos < p->len && p->src[p->pos] == '%') {
		p->pos++;
		unit = 2;
	} else if (utf8_is(p, "\xe4\xb8\x87")) {	/* 万 */
		p->pos += 3;
		unit = -4;
	} else if (utf8_is(p, "\xe4\xba\xbf")) {	/* 亿 */
		p->pos += 3;
		unit = -8;
	}
	sh = show(p->src + start, p->pos - start);
	switch (ais_dec_parse_fault(p->src + start, end - start)) {
	case AIS_DEC_OK:
		break;
	case AIS_DEC_RANGE:
		fail(p, start, "number too large");
		return n;
	case AIS_DEC_PRECISION:
		places = ais_dec_text_places(p->src + start, end - start);
		if (places > AIS_DEC_MAX_SCALE)
			fail(p, start, "'%.*s%s' has %zu decimal places; at most "
			    "%d are supported", sh.len, p->src + start, sh.ell,
			    places, AIS_DEC_MAX_SCALE);
		else
			fail(p, start, "'%.*s%s' has too many digits; at most %d "
			    "significant digits are supported", sh.len,
			    p->src + start, sh.ell, AIS_DEC_MAX_SCALE);
		return n;
	default:
		fail(p, start, "'%.*s%s' is not a number", sh.len,
		    p->src + start, sh.ell);
		return n;
	}
	ais_dec_parse(p->src + start, end - start, &d);
	if (unit > 0) {
		/* a percentage moves the point two places (trailing zeros
		 * make room when needed): only precision can run out */
		if (ais_dec_mul(d, ais_dec_make(1, unit), &d) < 0) {
			fail(p, start, "'%.*s%s' has %zu decimal places as a "
			    "ratio (a percentage adds two); at most %d are "
			    "supported", sh.len, p->src + start, sh.ell,
			    (size_t)ais_dec_places(d) + (size_t)unit,
			    AIS_DEC_MAX_SCALE);
			return n;
		}
	} else if (unit < 0) {
		/* 万 and 亿 take places before they grow the mantissa */
		int k = -unit, drop = d.s < k ? d.s : k;
		int64_t mult = 1;

		d.s -= drop;
		for (k -= drop; k > 0; k--)
			mult *= 10;
		if (ais_dec_mul(d, ais_dec_make(mult, 0), &d) < 0) {
			fail(p, start, "number too large");
			return n;
		}
	}
	if (p->pos < p->len && is_ident(p->src[p->pos])) {
		fail(p, p->pos, "unexpected '%.*s' after a number",
		    char_len(p->src + p->pos, p->len - p->pos), p->src + p->pos);
		return n;
	}
	n->type = AIS_E_NUM;
	n->lit.t = AIS_V_NUM;
	n->lit.u.n = d;
	end_node(p, n);
	return n;
}

static struct node *
parse_string(struct parser *p, size_t start)
{
	struct node *n = new_node(p, OP_LIT, start);
	char q = p->src[p->pos++];
	size_t s = p->pos;

	while (p->pos < p->len && p->src[p->pos] != q)
		p->pos++;
	if (p->pos >= p->len) {
		fail(p, start, "string not closed");
		return n;
	}
	n->type = AIS_E_STR;
	n->lit.t = AIS_V_STR;
	n->lit.u.s.p = ais_arena_strndup(p->arena, p->src + s, p->pos - s);
	n->lit.u.s.len = p->pos - s;
	p->pos++;
	end_node(p, n);
	return n;
}

static const struct {
	const char *name;
	enum op op;
	int agg;
} functions[] = {
	{"if", OP_IF, 0}, {"min", OP_MIN, 0}, {"max", OP_MAX, 0},
	{"months", OP_MONTHS, 0}, {"present", OP_PRESENT, 0},
	{"days", OP_DAYS, 0}, {"overlap_days", OP_OVERLAP, 0},
	{"add_months", OP_ADD_MONTHS, 0}, {"truncate", OP_TRUNCATE, 0},
	{"half_up", OP_HALF_UP, 0},
	{"awarded", OP_AWARDED, 0},
	{"sum", OP_SUM, 1}, {"count", OP_COUNT, 1}, {"any", OP_ANY, 1},
	{"all", OP_ALL, 1}, {"max_of", OP_MAXOF, 1}, {"min_of", OP_MINOF, 1},
	{NULL, OP_LIT, 0}
};

static const char *const function_names[] = {
	"if", "min", "max", "months", "present", "days", "overlap_days",
	"add_months", "truncate", "half_up", "awarded", "sum", "count",
	"any", "all", "max_of", "min_of", NULL
};

/* The conjuncts of a 'where', in order. */
struct conjuncts {
	AIS_VEC(struct node *) v;	/* in the parser's arena: nothing
					 * to free if memory runs out */
};

static void
flatten_and(struct parser *p, struct node *n, struct conjuncts *c)
{
	if (n->op == OP_AND) {
		flatten_and(p, n->a, c);
		flatten_and(p, n->b, c);
		return;
	}
	*AIS_VEC_PUSH(p->arena, c->v) = n;
}

static struct node *
parse_aggregate(struct parser *p, struct node *n)
{
	struct node *list = parse_expr(p);
	struct conjuncts conj = {AIS_VEC_INIT};

	if (p->failed)
		return n;
	if (list->op != OP_PATH || list->type != AIS_E_LIST) {
		struct shown sh = show(list->text, list->textlen);

		fail(p, (size_t)(list->text - p->src), "'%.*s%s' is not a list "
		    "of the profile", sh.len, list->text, sh.ell);
		return n;
	}
	n->a = list;
	if (p->nitem == 8) {
		fail(p, (size_t)(list->text - p->src), "aggregates nested too "
		    "deep");
		return n;
	}
	p->item[p->nitem++] = list->fdef;
	if (accept_word(p, "where")) {
		struct node *w = parse_expr(p);

		if (!need(p, w, AIS_E_BOOL, "'where'")) {
			p->nitem--;
			return n;
		}
		flatten_and(p, w, &conj);
		n->conj = conj.v.v;	/* in the arena already */
		n->nconj = (int)conj.v.n;
	}
	if (n->op == OP_SUM || n->op == OP_MAXOF || n->op == OP_MINOF) {
		expect(p, ",");
		if (!p->failed) {
			n->b = parse_expr(p);
			need(p, n->b, AIS_E_NUM, "the value of an aggregate");
		}
		n->type = AIS_E_NUM;
	} else if (n->op == OP_COUNT) {
		n->type = AIS_E_NUM;
	} else {
		n->type = AIS_E_BOOL;
	}
	p->nitem--;
	return n;
}

/*
 * The arguments of truncate(x, unit) and half_up(x, unit): x a number (or
 * a division), unit a literal power of ten (0.01, 1, 100, 1万), kept in
 * n->lit.
 */
static void
check_rounding(struct parser *p, struct node *n, size_t start,
	const char *name, size_t len)
{
	struct node *u;
	int places;

	n->type = AIS_E_NUM;
	if (n->nargs != 2) {
		fail(p, start, "%.*s() takes a number and the unit it rounds "
		    "to: %.*s(x, 1) to the yuan, %.*s(x, 0.01) to the fen",
		    (int)len, name, (int)len, name, (int)len, name);
		return;
	}
	if (!need(p, n->args[0], AIS_E_NUM, "the first argument of a "
	    "rounding"))
		return;
	u = n->args[1];
	if (u->op != OP_LIT || u->lit.t != AIS_V_NUM ||
	    !ais_dec_unit_places(u->lit.u.n, &places)) {
		struct shown sh = show(u->text, u->textlen);

		fail(p, (size_t)(u->text - p->src), "the unit of %.*s() is a "
		    "power of ten written as a number (0.01, 1, 100, 1万), "
		    "not '%.*s%s'", (int)len, name, sh.len, u->text, sh.ell);
		return;
	}
	n->lit = u->lit;
}

static struct node *
parse_call(struct parser *p, size_t start, const char *name, size_t len)
{
	struct node *n = new_node(p, OP_LIT, start);
	struct node *args[16];
	int i, f = -1;

	for (i = 0; functions[i].name; i++)
		if (strlen(functions[i].name) == len &&
		    memcmp(functions[i].name, name, len) == 0)
			f = i;
	if (f < 0) {
		const char *hint = ais_suggest(name, len, function_names);
		struct shown sh = show(name, len);

		if (hint)
			fail(p, start, "unknown function '%.*s%s'; did you "
			    "mean '%s'?", sh.len, name, sh.ell, hint);
		else
			fail(p, start, "unknown function '%.*s%s'", sh.len,
			    name, sh.ell);
		return n;
	}
	n->op = functions[f].op;
	expect(p, "(");
	if (functions[f].agg) {
		parse_aggregate(p, n);
		expect(p, ")");
		end_node(p, n);
		deepen(p, n, start);
		return n;
	}
	n->nargs = 0;
	if (!accept(p, ")")) {
		do {
			if (n->nargs == 16) {
				fail(p, p->pos, "too many arguments");
				return n;
			}
			args[n->nargs++] = parse_expr(p);
		} while (!p->failed && accept(p, ","));
		expect(p, ")");
	}
	if (p->failed)
		return n;
	n->args = ais_arena_alloc(p->arena, sizeof *n->args *
	    (size_t)(n->nargs ? n->nargs : 1));
	memcpy(n->args, args, sizeof *args * (size_t)n->nargs);
	end_node(p, n);
	deepen(p, n, start);
	switch (n->op) {
	case OP_IF:
		if (n->nargs != 3) {
			fail(p, start, "if() takes a condition and two values");
			break;
		}
		need(p, args[0], AIS_E_BOOL, "the first argument of if()");
		n->type = args[1]->type != AIS_E_NULL ? args[1]->type :
		    args[2]->type;
		if (args[1]->type != AIS_E_NULL && args[2]->type != AIS_E_NULL
		    && args[1]->type != args[2]->type)
			fail(p, (size_t)(args[2]->text - p->src), "the two "
			    "values of if() are %s and %s",
			    type_names[args[1]->type], type_names[args[2]->type]);
		break;
	case OP_MIN:
	case OP_MAX:
		if (n->nargs < 2) {
			fail(p, start, "%.*s() takes two or more numbers",
			    (int)len, name);
			break;
		}
		for (i = 0; i < n->nargs; i++)
			need(p, args[i], AIS_E_NUM, "min() and max()");
		n->type = AIS_E_NUM;
		break;
	case OP_MONTHS:
		if (n->nargs != 2) {
			fail(p, start, "months() takes two dates");
			break;
		}
		need(p, args[0], AIS_E_DATE, "months()");
		need(p, args[1], AIS_E_DATE, "months()");
		n->type = AIS_E_NUM;
		break;
	case OP_PRESENT:
		if (n->nargs != 1 || args[0]->op != OP_PATH) {
			fail(p, start, "present() takes one field");
			break;
		}
		n->type = AIS_E_BOOL;
		break;
	case OP_DAYS:
		if (n->nargs != 2) {
			fail(p, start, "days() takes two dates");
			break;
		}
		need(p, args[0], AIS_E_DATE, "days()");
		need(p, args[1], AIS_E_DATE, "days()");
		n->type = AIS_E_NUM;
		break;
	case OP_OVERLAP:
		if (n->nargs != 4) {
			fail(p, start, "overlap_days() takes four dates: the "
			    "start and end of one period, then of the other");
			break;
		}
		for (i = 0; i < 4; i++)
			need(p, args[i], AIS_E_DATE, "overlap_days()");
		n->type = AIS_E_NUM;
		break;
	case OP_ADD_MONTHS:
		if (n->nargs != 2) {
			fail(p, start, "add_months() takes a date and a number "
			    "of months");
			break;
		}
		need(p, args[0], AIS_E_DATE, "the first argument of "
		    "add_months()");
		if (need(p, args[1], AIS_E_NUM, "the second argument of "
		    "add_months()") && args[1]->op == OP_LIT &&
		    args[1]->lit.t == AIS_V_NUM) {
			int64_t k;

			if (!ais_dec_to_int(args[1]->lit.u.n, &k))
				fail(p, (size_t)(args[1]->text - p->src),
				    "add_months() adds whole months, not %.*s",
				    (int)args[1]->textlen, args[1]->text);
		}
		n->type = AIS_E_DATE;
		break;
	case OP_TRUNCATE:
	case OP_HALF_UP:
		check_rounding(p, n, start, name, len);
		break;
	case OP_AWARDED:
		if (n->nargs != 1) {
			fail(p, start, "awarded() takes one contract");
			break;
		}
		need(p, args[0], AIS_E_STR, "awarded()");
		n->type = AIS_E_BOOL;
		break;
	default:
		break;
	}
	return n;
}

static struct node *parse_primary(struct parser *p);

/* A list of literals, for 'in', from its '[' at start. */
static struct node *
parse_list(struct parser *p, size_t start)
{
	struct node *items[64];
	struct node *n;

	p->pos++;
	n = new_node(p, OP_LIST_LIT, start);
	if (!accept(p, "]")) {
		do {
			if (n->nargs == 64) {
				fail(p, p->pos, "list too long");
				return n;
			}
			items[n->nargs] = parse_primary(p);
			if (!p->failed && items[n->nargs]->op != OP_LIT)
				fail(p, (size_t)(items[n->nargs]->text -
				    p->src), "a list holds literals only");
			n->nargs++;
		} while (!p->failed && accept(p, ","));
		expect(p, "]");
	}
	n->args = ais_arena_alloc(p->arena, sizeof *n->args *
	    (size_t)(n->nargs ? n->nargs : 1));
	memcpy(n->args, items, sizeof *items * (size_t)n->nargs);
	n->type = AIS_E_LIST;
	end_node(p, n);
	deepen(p, n, start);
	return n;
}

static struct node *
parse_primary(struct parser *p)
{
	size_t start;
	struct node *n;
	int c;

	skip_space(p);
	start = p->pos;
	if (p->pos >= p->len) {
		fail(p, p->pos, "expression ends too early");
		return new_node(p, OP_LIT, start);
	}
	c = (unsigned char)p->src[p->pos];
	if (is_digit(c))
		return parse_number(p, start);
	if (c == '"' || c == '\'')
		return parse_string(p, start);
	if (c == '(') {
		if (enter(p, start) < 0)
			return new_node(p, OP_LIT, start);
		p->pos++;
		n = parse_expr(p);
		leave(p);
		expect(p, ")");
		/* its text, for messages and reasons, takes the brackets */
		n->text = p->src + start;
		end_node(p, n);
		return n;
	}
	if (c == '[') {
		if (enter(p, start) < 0)
			return new_node(p, OP_LIT, start);
		n = parse_list(p, start);
		leave(p);
		return n;
	}
	if (is_ident_start(c)) {
		const char *name = p->src + p->pos;
		size_t len;

		while (p->pos < p->len && is_ident(p->src[p->pos]))
			p->pos++;
		len = (size_t)(p->src + p->pos - name);
		if (len == 4 && memcmp(name, "true", 4) == 0) {
			n = new_node(p, OP_LIT, start);
			n->type = AIS_E_BOOL;
			n->lit.t = AIS_V_BOOL;
			n->lit.u.b = 1;
			return n;
		}
		if (len == 5 && memcmp(name, "false", 5) == 0) {
			n = new_node(p, OP_LIT, start);
			n->type = AIS_E_BOOL;
			n->lit.t = AIS_V_BOOL;
			return n;
		}
		if (len == 4 && memcmp(name, "null", 4) == 0) {
			n = new_node(p, OP_LIT, start);
			n->type = AIS_E_NULL;
			return n;
		}
		skip_space(p);
		if (p->pos < p->len && p->src[p->pos] == '(') {
			if (enter(p, start) < 0)
				return new_node(p, OP_LIT, start);
			n = parse_call(p, start, name, len);
			leave(p);
			return n;
		}
		return parse_path(p, start, name, len);
	}
	fail(p, start, "unexpected '%.*s'", char_len(p->src + start,
	    p->len - start), p->src + start);
	return new_node(p, OP_LIT, start);
}

static struct node *
parse_unary(struct parser *p)
{
	size_t start;
	struct node *n;

	skip_space(p);
	start = p->pos;
	if (accept(p, "-")) {
		n = new_node(p, OP_NEG, start);
		if (enter(p, start) < 0)
			return n;
		n->a = parse_unary(p);
		leave(p);
		need(p, n->a, AIS_E_NUM, "'-'");
		n->type = AIS_E_NUM;
		end_node(p, n);
		deepen(p, n, start);
		return n;
	}
	return parse_primary(p);
}

/* The node a OP b, whose operator is at byte at of the source. */
static struct node *
binary(struct parser *p, enum op op, size_t at, struct node *a,
	struct node *b)
{
	struct node *n = ais_arena_alloc(p->arena, sizeof *n);

	n->op = op;
	n->a = a;
	n->b = b;
	n->text = a->text;
	end_node(p, n);
	deepen(p, n, at);
	return n;
}

static struct node *
parse_mul(struct parser *p)
{
	struct node *n = parse_unary(p);

	for (;;) {
		enum op op;
		size_t at;

		if (p->failed)
			break;
		if (accept(p, "*"))
			op = OP_MUL;
		else if (accept(p, "/"))
			op = OP_DIV;
		else
			break;
		at = p->pos - 1;
		n = binary(p, op, at, n, parse_unary(p));
		n->at = at;
		need(p, n->a, AIS_E_NUM, op == OP_MUL ? "'*'" : "'/'");
		need(p, n->b, AIS_E_NUM, op == OP_MUL ? "'*'" : "'/'");
		n->type = AIS_E_NUM;
	}
	return n;
}

static struct node *
parse_add(struct parser *p)
{
	struct node *n = parse_mul(p);

	for (;;) {
		enum op op;
		size_t at;

		if (p->failed)
			break;
		if (accept(p, "+"))
			op = OP_ADD;
		else if (accept(p, "-"))
			op = OP_SUB;
		else
			break;
		at = p->pos - 1;
		n = binary(p, op, at, n, parse_mul(p));
		need(p, n->a, AIS_E_NUM, op == OP_ADD ? "'+'" : "'-'");
		need(p, n->b, AIS_E_NUM, op == OP_ADD ? "'+'" : "'-'");
		n->type = AIS_E_NUM;
	}
	return n;
}

/* A string literal compared with an enum field must be one of its values. */
static void
check_enum(struct parser *p, const struct node *f, const struct node *lit)
{
	const char *const *e;
	const char *hint;
	struct shown sh;

	if (f->op != OP_PATH || !f->fdef || lit->op != OP_LIT ||
	    lit->lit.t != AIS_V_STR)
		return;
	if (f->fdef->type != AIS_F_ENUM && !(f->item_rel &&
	    f->fdef->type == AIS_F_ENUMLIST))
		return;
	e = f->fdef->enums;
	if (ais_enum_find(e, lit->lit.u.s.p, lit->lit.u.s.len) >= 0)
		return;
	hint = ais_suggest(lit->lit.u.s.p, lit->lit.u.s.len, e);
	sh = show(lit->lit.u.s.p, lit->lit.u.s.len);
	fail(p, (size_t)(lit->text - p->src), "\"%.*s%s\" is not a value of "
	    "%s%s%s%s", sh.len, lit->lit.u.s.p, sh.ell, f->fdef->name,
	    hint ? "; did you mean \"" : "", hint ? hint : "",
	    hint ? "\"?" : "");
}

static struct node *
parse_cmp(struct parser *p)
{
	static const struct {
		const char *s;
		enum op op;
	} ops[] = {
		{"==", OP_EQ}, {"!=", OP_NE}, {"<=", OP_LE}, {">=", OP_GE},
		{"<", OP_LT}, {">", OP_GT}, {NULL, OP_LIT}
	};
	struct node *n = parse_add(p);
	int i, negate = 0;

	if (p->failed)
		return n;
	for (i = 0; ops[i].s; i++) {
		if (accept(p, ops[i].s)) {
			size_t at = p->pos - strlen(ops[i].s);

			n = binary(p, ops[i].op, at, n, parse_add(p));
			if (p->failed)
				return n;
			if (n->a->type != n->b->type &&
			    n->a->type != AIS_E_NULL && n->b->type != AIS_E_NULL)
				fail(p, (size_t)(n->b->text - p->src), "cannot "
				    "compare %s with %s",
				    type_names[n->a->type],
				    type_names[n->b->type]);
			else if (ops[i].op != OP_EQ && ops[i].op != OP_NE &&
			    (n->a->type != AIS_E_NUM && n->a->type != AIS_E_DATE))
				fail(p, (size_t)(n->a->text - p->src), "'%s' "
				    "compares numbers or dates, not %s",
				    ops[i].s, type_names[n->a->type]);
			else if (ops[i].op != OP_EQ && ops[i].op != OP_NE &&
			    n->b->type == AIS_E_NULL)
				fail(p, (size_t)(n->b->text - p->src), "'%s' "
				    "compares numbers or dates, not null",
				    ops[i].s);
			check_enum(p, n->a, n->b);
			check_enum(p, n->b, n->a);
			n->type = AIS_E_BOOL;
			return n;
		}
	}
	if (peek_word(p, "not")) {
		size_t save = p->pos;

		accept_word(p, "not");
		if (!peek_word(p, "in")) {
			p->pos = save;
			return n;
		}
		negate = 1;
	}
	if (accept_word(p, "in")) {
		struct node *r;
		size_t at = p->pos - 2;

		n = binary(p, OP_IN, at, n, parse_add(p));
		if (p->failed)
			return n;
		r = n->b;
		if (r->type != AIS_E_LIST || (r->op == OP_PATH &&
		    r->fdef->type != AIS_F_ENUMLIST)) {
			fail(p, (size_t)(r->text - p->src), "'in' needs a list "
			    "of values ([\"a\", \"b\"]) or a list of strings "
			    "of the profile");
			return n;
		}
		if (r->op == OP_LIST_LIT) {
			for (i = 0; i < r->nargs; i++) {
				if (r->args[i]->type != n->a->type &&
				    n->a->type != AIS_E_NULL) {
					fail(p, (size_t)(r->args[i]->text -
					    p->src), "cannot compare %s with %s",
					    type_names[n->a->type],
					    type_names[r->args[i]->type]);
					return n;
				}
				check_enum(p, n->a, r->args[i]);
			}
		} else if (n->a->type != AIS_E_STR) {
			struct shown sa = show(n->a->text, n->a->textlen);
			struct shown sr = show(r->text, r->textlen);

			fail(p, (size_t)(n->a->text - p->src), "'%.*s%s' is %s, "
			    "but '%.*s%s' holds strings", sa.len, n->a->text,
			    sa.ell, type_names[n->a->type], sr.len, r->text,
			    sr.ell);
		} else if (n->a->op == OP_LIT) {
			struct node fake = *r;

			fake.item_rel = 1;
			check_enum(p, &fake, n->a);
		}
		n->type = AIS_E_BOOL;
		if (negate) {
			struct node *m = ais_arena_alloc(p->arena, sizeof *m);

			m->op = OP_NOT;
			m->a = n;
			m->type = AIS_E_BOOL;
			m->text = n->text;
			m->textlen = n->textlen;
			deepen(p, m, at);
			n = m;
		}
	}
	return n;
}

static struct node *
parse_not(struct parser *p)
{
	size_t start;
	struct node *n;

	skip_space(p);
	start = p->pos;
	if (accept_word(p, "not")) {
		n = new_node(p, OP_NOT, start);
		if (enter(p, start) < 0)
			return n;
		n->a = parse_not(p);
		leave(p);
		need(p, n->a, AIS_E_BOOL, "'not'");
		n->type = AIS_E_BOOL;
		end_node(p, n);
		deepen(p, n, start);
		return n;
	}
	return parse_cmp(p);
}

static struct node *
parse_and(struct parser *p)
{
	struct node *n = parse_not(p);

	while (!p->failed && accept_word(p, "and")) {
		size_t at = p->pos - 3;

		n = binary(p, OP_AND, at, n, parse_not(p));
		need(p, n->a, AIS_E_BOOL, "'and'");
		need(p, n->b, AIS_E_BOOL, "'and'");
		n->type = AIS_E_BOOL;
	}
	return n;
}

static struct node *
parse_expr(struct parser *p)
{
	struct node *n = parse_and(p);

	while (!p->failed && accept_word(p, "or")) {
		size_t at = p->pos - 2;

		n = binary(p, OP_OR, at, n, parse_and(p));
		need(p, n->a, AIS_E_BOOL, "'or'");
		need(p, n->b, AIS_E_BOOL, "'or'");
		n->type = AIS_E_BOOL;
	}
	return n;
}

static void reads(const struct node *n, struct ais_eval *ev,
	struct ais_read *out, size_t *nout, size_t max, int item_only);

/* The comparisons under n, outside aggregates. */
static size_t
count_cmps(const struct node *n)
{
	size_t k = 0;
	int a;

	if (!n || n->op >= OP_SUM)
		return 0;
	if ((n->op >= OP_EQ && n->op <= OP_GE) || n->op == OP_IN)
		return 1;
	k += count_cmps(n->a) + count_cmps(n->b);
	for (a = 0; a < n->nargs && n->op != OP_LIST_LIT; a++)
		k += count_cmps(n->args[a]);
	return k;
}

/*
 * Fails at the first division under n that is not the whole value of a
 * rounding (rounded: n is the first argument of truncate or half_up).
 */
static void
check_divisions(struct parser *p, const struct node *n, int rounded)
{
	int i, rounding = n && (n->op == OP_TRUNCATE || n->op == OP_HALF_UP);

	if (!n || p->failed || n->op == OP_LIST_LIT)
		return;
	if (n->op == OP_DIV && !rounded) {
		fail(p, n->at, "a division must be rounded as the rule says: "
		    "write truncate(a / b, 1) or half_up(a / b, 0.01), naming "
		    "the unit");
		return;
	}
	if (n->op == OP_DIV && n->b->op == OP_LIT && n->b->lit.t == AIS_V_NUM &&
	    ais_dec_is_zero(n->b->lit.u.n)) {
		fail(p, (size_t)(n->b->text - p->src), "division by zero");
		return;
	}
	check_divisions(p, n->a, 0);
	check_divisions(p, n->b, 0);
	for (i = 0; i < n->nargs; i++)
		check_divisions(p, n->args[i], rounding && i == 0);
	for (i = 0; i < n->nconj; i++)
		check_divisions(p, n->conj[i], 0);
}

/*
 * The decision record keeps every field a condition reads and every
 * comparison it makes: an expression that reads more distinct fields
 * than AIS_EXPR_MAX_READS, or makes more comparisons than
 * AIS_EXPR_MAX_CMPS, is refused rather than recorded in part.
 */
static void
check_record_limits(struct parser *p, const struct node *n)
{
	struct ais_read r[AIS_EXPR_MAX_READS + 1];
	size_t k = 0;

	/* the fields as the record names them, with no profile to read */
	reads(n, NULL, r, &k, AIS_EXPR_MAX_READS + 1, 0);
	if (k > AIS_EXPR_MAX_READS)
		fail(p, 0, "an expression reads at most %d different fields "
		    "(the result records each)", AIS_EXPR_MAX_READS);
	else if (count_cmps(n) > AIS_EXPR_MAX_CMPS)
		fail(p, 0, "an expression makes at most %d comparisons (the "
		    "result records each)", AIS_EXPR_MAX_CMPS);
}

struct ais_expr *
ais_expr_compile(struct ais_arena *a, const struct ais_schema *root,
	const char *src, size_t len, const struct ais_field *item, int want,
	size_t *erroff, char *errmsg, size_t errlen)
{
	struct parser p;
	struct ais_expr *e;
	struct node *n;

	memset(&p, 0, sizeof p);
	p.arena = a;
	p.root = root;
	p.errmsg = errmsg;
	p.errlen = errlen;
	{
		/* the parser reads p.src up to p.len: a copy that stopped at a
		 * NUL would leave it reading past its end (found by fuzz_expr) */
		const char *nul = memchr(src, '\0', len);

		if (nul) {
			fail(&p, (size_t)(nul - src), "a NUL byte inside an "
			    "expression");
			*erroff = p.erroff;
			return NULL;
		}
	}
	p.src = ais_arena_strndup(a, src, len);
	p.len = len;
	if (item)
		p.item[p.nitem++] = item;
	n = parse_expr(&p);
	skip_space(&p);
	if (!p.failed && p.pos < p.len)
		fail(&p, p.pos, "unexpected '%.*s'", chars_within(p.src + p.pos,
		    p.len - p.pos, 12), p.src + p.pos);
	if (!p.failed && want >= 0 && n->type != (enum ais_etype)want &&
	    n->type != AIS_E_NULL)
		fail(&p, 0, "expected %s, but this is %s", type_names[want],
		    type_names[n->type]);
	if (!p.failed)
		check_divisions(&p, n, 0);
	if (!p.failed)
		check_record_limits(&p, n);
	if (p.failed) {
		*erroff = p.erroff;
		return NULL;
	}
	e = ais_arena_alloc(a, sizeof *e);
	e->root = n;
	e->src = p.src;
	return e;
}

enum ais_etype
ais_expr_type(const struct ais_expr *e)
{
	return e->root->type;
}

const char *
ais_expr_text(const struct ais_expr *e)
{
	return e->src;
}

int
ais_expr_is_const(const struct ais_expr *e)
{
	return e->root->op == OP_LIT;
}

const struct ais_field *
ais_expr_list_field(const struct ais_expr *e)
{
	if (e->root->op == OP_PATH && e->root->type == AIS_E_LIST)
		return e->root->fdef;
	return NULL;
}

/* Evaluation. */

static const struct ais_value null_value;

static struct ais_value
bool_value(int b)
{
	struct ais_value v;

	v.t = AIS_V_BOOL;
	v.u.b = b != 0;
	return v;
}

static struct ais_value
num_value(struct ais_dec d)
{
	struct ais_value v;

	v.t = AIS_V_NUM;
	v.u.n = d;
	return v;
}

static const struct ais_value *
resolve(const struct node *n, const struct ais_eval *ev)
{
	const struct ais_value *v = NULL;
	const struct ais_obj *o;
	int i = 0;

	if (n->item_rel) {
		v = ev->item;
		if (!v)
			return &null_value;
	} else {
		v = &ev->root->v[n->field[0]];
		i = 1;
	}
	for (; i < n->nfields; i++) {
		if (v->t != AIS_V_OBJ)
			return &null_value;
		o = v->u.obj;
		v = &o->v[n->field[i]];
	}
	return v;
}

static int eval(const struct node *n, struct ais_eval *ev,
	struct ais_value *out);

/* An evaluation error naming n: "WHAT in 'EXPR'", EXPR cut to 80 bytes. */
static int
eval_fail(struct ais_eval *ev, const struct node *n, const char *what)
{
	int cut = n->textlen > 80;
	int len = cut ? chars_within(n->text, n->textlen, 77) :
	    (int)n->textlen;

	snprintf(ev->errmsg, sizeof ev->errmsg, "%s in '%.*s%s'", what, len,
	    n->text, cut ? "..." : "");
	return -1;
}

static int
overflow(struct ais_eval *ev, const struct node *n)
{
	return eval_fail(ev, n, "number too large");
}

/* As overflow(), for a product that needs more decimal places than a
 * number holds. */
static int
too_precise(struct ais_eval *ev, const struct node *n)
{
	char what[40];

	snprintf(what, sizeof what, "more than %d decimal places",
	    AIS_DEC_MAX_SCALE);
	return eval_fail(ev, n, what);
}

static struct ais_value
date_value(ais_date d)
{
	struct ais_value v;

	v.t = AIS_V_DATE;
	v.u.d = d;
	return v;
}

/*
 * Evaluates the first k arguments of n, dates, into d[]: 1, 0 when one
 * is not given (the result is unknown), or -1.
 */
static int
eval_dates(const struct node *n, int k, struct ais_eval *ev, ais_date *d)
{
	struct ais_value v;
	int i, known = 1;

	for (i = 0; i < k; i++) {
		if (eval(n->args[i], ev, &v) < 0)
			return -1;
		if (v.t != AIS_V_DATE)
			known = 0;
		else
			d[i] = v.u.d;
	}
	return known;
}

/*
 * truncate(x, unit), half_up(x, unit): x, or the exact quotient a / b
 * when x is a division, rounded once to the unit.  Division by zero, like
 * a value not given, makes the result unknown: a contract of no days
 * pro-rates to nothing that can be computed, and the record says which
 * values it read.
 */
static int
eval_rounding(const struct node *n, struct ais_eval *ev, struct ais_value *out)
{
	const struct node *x = n->args[0];
	struct ais_value a, b;
	struct ais_dec q;

	*out = null_value;
	if (x->op == OP_DIV) {
		if (eval(x->a, ev, &a) < 0 || eval(x->b, ev, &b) < 0)
			return -1;
	} else {
		if (eval(x, ev, &a) < 0)
			return -1;
		b = num_value(ais_dec_make(1, 0));
	}
	if (a.t != AIS_V_NUM || b.t != AIS_V_NUM || ais_dec_is_zero(b.u.n))
		return 0;
	if (ais_dec_div(a.u.n, b.u.n, n->op == OP_TRUNCATE ?
	    AIS_ROUND_TRUNCATE : AIS_ROUND_HALF_UP, n->lit.u.n, &q) < 0)
		return overflow(ev, n);
	*out = num_value(q);
	return 0;
}

static int
values_equal(const struct ais_value *a, const struct ais_value *b)
{
	switch (a->t) {
	case AIS_V_BOOL:
		return a->u.b == b->u.b;
	case AIS_V_NUM:
		return ais_dec_cmp(a->u.n, b->u.n) == 0;
	case AIS_V_STR:
		return a->u.s.len == b->u.s.len &&
		    memcmp(a->u.s.p, b->u.s.p, a->u.s.len) == 0;
	case AIS_V_DATE:
		return a->u.d == b->u.d;
	default:
		return 0;
	}
}

static int
compare(const struct ais_value *a, const struct ais_value *b)
{
	if (a->t == AIS_V_NUM)
		return ais_dec_cmp(a->u.n, b->u.n);
	return a->u.d < b->u.d ? -1 : a->u.d > b->u.d;
}

/* Evaluates the filter of an aggregate for one entry: 1, 0 (with the
 * index of the first conjunct not true in *failed), or -1. */
static int
filter(const struct node *n, struct ais_eval *ev, int *failed)
{
	struct ais_value v;
	int i;

	for (i = 0; i < n->nconj; i++) {
		if (eval(n->conj[i], ev, &v) < 0)
			return -1;
		if (v.t != AIS_V_BOOL || !v.u.b) {
			*failed = i;
			return 0;
		}
	}
	return 1;
}

static void trace_entry(const struct node *n, struct ais_eval *ev,
	int counted, int failed, const struct ais_value *val, int dated,
	const struct ais_read *date);

int
ais_entry_dated(const struct ais_eval *ev, const struct ais_value *entry,
	struct ais_read *r)
{
	const struct ais_obj *o;
	const struct ais_schema *s;
	size_t i;

	if (entry->t != AIS_V_OBJ)
		return 0;
	o = entry->u.obj;
	s = o->schema;
	for (i = 0; i < s->ndated_by; i++) {
		const struct ais_value *d = &o->v[s->dated_by[i]];

		if (d->t != AIS_V_DATE)
			continue;
		if (r) {
			r->field = s->fields[s->dated_by[i]].name;
			r->len = strlen(r->field);
			r->value = *d;
			r->amount = 0;
		}
		return d->u.d > ev->as_of ? 1 : d->u.d < ev->valid_from ? -1 :
		    0;
	}
	return 0;
}

static int
eval_aggregate(const struct node *n, struct ais_eval *ev,
	struct ais_value *out)
{
	const struct ais_value *lv = resolve(n->a, ev);
	const struct ais_value *saved = ev->item;
	struct ais_dec acc = ais_dec_make(0, 0);
	int found = 0, count = 0;
	size_t i, dated_out = 0;

	*out = null_value;
	if (lv->t != AIS_V_LIST)
		goto done;
	for (i = 0; i < lv->u.list->n; i++) {
		struct ais_value v;
		struct ais_read date;
		int failed = -1, r;

		ev->item = &lv->u.list->items[i];
		ev->awarded = NULL;
		/* an entry dated outside the claim is no entry of it, for
		 * all() as for the rest */
		r = ais_entry_dated(ev, ev->item, ev->trace ? &date : NULL);
		if (r) {
			if (ev->trace)
				trace_entry(n, ev, 0, -1, NULL, r, &date);
			dated_out++;
			continue;
		}
		r = filter(n, ev, &failed);
		if (r < 0)
			goto fail;
		if (!r) {
			if (ev->trace)
				trace_entry(n, ev, 0, failed, NULL, 0, NULL);
			continue;
		}
		if (n->b) {
			if (eval(n->b, ev, &v) < 0)
				goto fail;
			if (v.t != AIS_V_NUM) {
				if (ev->trace)
					trace_entry(n, ev, 0, -1, NULL, 0,
					    NULL);
				continue;
			}
			if (ev->trace)
				trace_entry(n, ev, 1, -1, &v, 0, NULL);
			if (n->op == OP_SUM) {
				if (ais_dec_add(acc, v.u.n, &acc) < 0) {
					ev->item = saved;
					return overflow(ev, n);
				}
			} else if (!found || (n->op == OP_MAXOF ?
			    ais_dec_cmp(v.u.n, acc) > 0 :
			    ais_dec_cmp(v.u.n, acc) < 0)) {
				acc = v.u.n;
			}
		} else if (ev->trace) {
			trace_entry(n, ev, 1, -1, NULL, 0, NULL);
		}
		found = 1;
		count++;
	}
done:
	ev->item = saved;
	switch (n->op) {
	case OP_SUM:
	case OP_COUNT:
		*out = num_value(n->op == OP_SUM ? acc : ais_dec_make(count, 0));
		break;
	case OP_ANY:
		*out = bool_value(found);
		break;
	case OP_ALL:
		*out = bool_value(lv->t != AIS_V_LIST ||
		    (size_t)count == lv->u.list->n - dated_out);
		break;
	default:
		if (found)
			*out = num_value(acc);
		break;
	}
	return 0;
fail:
	ev->item = saved;
	return -1;
}

static int
eval(const struct node *n, struct ais_eval *ev, struct ais_value *out)
{
	struct ais_value a, b;
	struct ais_dec d;
	int i, r;

	switch (n->op) {
	case OP_LIT:
		*out = n->lit;
		return 0;
	case OP_LIST_LIT:
		*out = null_value;
		return 0;
	case OP_PATH:
		*out = *resolve(n, ev);
		return 0;
	case OP_AS_OF:
		out->t = AIS_V_DATE;
		out->u.d = ev->as_of;
		return 0;
	case OP_NOT:
		if (eval(n->a, ev, &a) < 0)
			return -1;
		*out = a.t == AIS_V_BOOL ? bool_value(!a.u.b) : null_value;
		return 0;
	case OP_NEG:
		if (eval(n->a, ev, &a) < 0)
			return -1;
		if (a.t != AIS_V_NUM) {
			*out = null_value;
			return 0;
		}
		if (ais_dec_sub(ais_dec_make(0, 0), a.u.n, &d) < 0)
			return overflow(ev, n);
		*out = num_value(d);
		return 0;
	case OP_AND:
	case OP_OR:
		/* false (for and) or true (for or) decides, even beside an
		 * unknown; otherwise an unknown makes the result unknown */
		if (eval(n->a, ev, &a) < 0)
			return -1;
		if (a.t == AIS_V_BOOL && a.u.b == (n->op == OP_OR)) {
			*out = a;
			return 0;
		}
		if (eval(n->b, ev, &b) < 0)
			return -1;
		if (b.t == AIS_V_BOOL && b.u.b == (n->op == OP_OR))
			*out = b;
		else if (a.t == AIS_V_BOOL && b.t == AIS_V_BOOL)
			*out = b;
		else
			*out = null_value;
		return 0;
	case OP_EQ:
	case OP_NE:
	case OP_LT:
	case OP_LE:
	case OP_GT:
	case OP_GE:
		if (eval(n->a, ev, &a) < 0 || eval(n->b, ev, &b) < 0)
			return -1;
		if (n->a->type == AIS_E_NULL || n->b->type == AIS_E_NULL) {
			/* x == null tests for absence */
			r = a.t == AIS_V_NULL && b.t == AIS_V_NULL;
			*out = bool_value(n->op == OP_EQ ? r : !r);
			return 0;
		}
		if (a.t == AIS_V_NULL || b.t == AIS_V_NULL) {
			*out = null_value;
			return 0;
		}
		switch (n->op) {
		case OP_EQ:
			*out = bool_value(values_equal(&a, &b));
			break;
		case OP_NE:
			*out = bool_value(!values_equal(&a, &b));
			break;
		case OP_LT:
			*out = bool_value(compare(&a, &b) < 0);
			break;
		case OP_LE:
			*out = bool_value(compare(&a, &b) <= 0);
			break;
		case OP_GT:
			*out = bool_value(compare(&a, &b) > 0);
			break;
		default:
			*out = bool_value(compare(&a, &b) >= 0);
			break;
		}
		return 0;
	case OP_IN:
		if (eval(n->a, ev, &a) < 0)
			return -1;
		if (a.t == AIS_V_NULL) {
			*out = null_value;
			return 0;
		}
		if (n->b->op == OP_LIST_LIT) {
			for (i = 0; i < n->b->nargs; i++)
				if (values_equal(&a, &n->b->args[i]->lit)) {
					*out = bool_value(1);
					return 0;
				}
		} else {
			const struct ais_value *l = resolve(n->b, ev);
			size_t k;

			if (l->t == AIS_V_LIST)
				for (k = 0; k < l->u.list->n; k++)
					if (values_equal(&a,
					    &l->u.list->items[k])) {
						*out = bool_value(1);
						return 0;
					}
		}
		*out = bool_value(0);
		return 0;
	case OP_ADD:
	case OP_SUB:
	case OP_MUL:
		if (eval(n->a, ev, &a) < 0 || eval(n->b, ev, &b) < 0)
			return -1;
		if (a.t != AIS_V_NUM || b.t != AIS_V_NUM) {
			*out = null_value;
			return 0;
		}
		r = n->op == OP_ADD ? ais_dec_add(a.u.n, b.u.n, &d) :
		    n->op == OP_SUB ? ais_dec_sub(a.u.n, b.u.n, &d) :
		    ais_dec_mul(a.u.n, b.u.n, &d);
		if (r < 0 && n->op == OP_MUL &&
		    ais_dec_mul_fault(a.u.n, b.u.n) == AIS_DEC_PRECISION)
			return too_precise(ev, n);
		if (r < 0)
			return overflow(ev, n);
		*out = num_value(d);
		return 0;
	case OP_IF:
		if (eval(n->args[0], ev, &a) < 0)
			return -1;
		if (a.t != AIS_V_BOOL) {
			*out = null_value;
			return 0;
		}
		return eval(n->args[a.u.b ? 1 : 2], ev, out);
	case OP_MIN:
	case OP_MAX:
		for (i = 0; i < n->nargs; i++) {
			if (eval(n->args[i], ev, &b) < 0)
				return -1;
			if (b.t != AIS_V_NUM) {
				*out = null_value;
				return 0;
			}
			if (i == 0 || (n->op == OP_MIN ?
			    ais_dec_cmp(b.u.n, a.u.n) < 0 :
			    ais_dec_cmp(b.u.n, a.u.n) > 0))
				a = b;
		}
		*out = a;
		return 0;
	case OP_MONTHS:
		if (eval(n->args[0], ev, &a) < 0 || eval(n->args[1], ev, &b) < 0)
			return -1;
		if (a.t != AIS_V_DATE || b.t != AIS_V_DATE) {
			*out = null_value;
			return 0;
		}
		*out = num_value(ais_dec_make(
		    ais_date_months_between(a.u.d, b.u.d), 0));
		return 0;
	case OP_PRESENT:
		*out = bool_value(resolve(n->args[0], ev)->t != AIS_V_NULL);
		return 0;
	case OP_DAYS: {
		ais_date d[2];

		*out = null_value;
		r = eval_dates(n, 2, ev, d);
		if (r > 0)
			*out = num_value(ais_dec_make((int64_t)d[1] - d[0], 0));
		return r < 0 ? -1 : 0;
	}
	case OP_OVERLAP: {
		/* min(e1, e2) - max(s1, s2), a difference of dates */
		ais_date d[4], lo, hi;

		*out = null_value;
		r = eval_dates(n, 4, ev, d);
		if (r <= 0)
			return r;
		lo = d[0] > d[2] ? d[0] : d[2];
		hi = d[1] < d[3] ? d[1] : d[3];
		*out = num_value(ais_dec_make(hi > lo ? (int64_t)hi - lo : 0,
		    0));
		return 0;
	}
	case OP_ADD_MONTHS: {
		int64_t k;
		ais_date to;

		if (eval(n->args[0], ev, &a) < 0 ||
		    eval(n->args[1], ev, &b) < 0)
			return -1;
		*out = null_value;
		if (a.t != AIS_V_DATE || b.t != AIS_V_NUM)
			return 0;
		if (!ais_dec_to_int(b.u.n, &k))
			return eval_fail(ev, n, "not a whole number of months");
		if (ais_date_add_months(a.u.d, k, &to) < 0)
			return eval_fail(ev, n, "date out of range");
		*out = date_value(to);
		return 0;
	}
	case OP_TRUNCATE:
	case OP_HALF_UP:
		return eval_rounding(n, ev, out);
	case OP_DIV:
		/* never alone: check_divisions keeps it inside a rounding,
		 * which divides it */
		*out = null_value;
		return 0;
	case OP_AWARDED: {
		/* true when a prior award of this program, dated on or
		 * before the claim date, names the contract; a contract not
		 * given was never awarded */
		const struct ais_value *hit = NULL, *later = NULL;

		if (eval(n->args[0], ev, &a) < 0)
			return -1;
		if (a.t == AIS_V_STR)
			hit = ais_prior_award_for_contract(ev->root,
			    ev->program, ev->as_of, a.u.s.p, a.u.s.len, &later);
		if (hit || later)
			ev->awarded = hit ? hit : later;
		*out = bool_value(hit != NULL);
		return 0;
	}
	case OP_SUM:
	case OP_COUNT:
	case OP_ANY:
	case OP_ALL:
	case OP_MAXOF:
	case OP_MINOF:
		return eval_aggregate(n, ev, out);
	}
	*out = null_value;
	return 0;
}

int
ais_expr_eval(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_value *out)
{
	ev->errmsg[0] = '\0';
	return eval(e->root, ev, out);
}

void
ais_value_format(const struct ais_value *v, struct ais_buf *b)
{
	char tmp[40];

	switch (v->t) {
	case AIS_V_NULL:
		ais_buf_adds(b, "not given");
		break;
	case AIS_V_BOOL:
		ais_buf_adds(b, v->u.b ? "true" : "false");
		break;
	case AIS_V_NUM:
		ais_dec_format(v->u.n, tmp, sizeof tmp);
		ais_buf_adds(b, tmp);
		break;
	case AIS_V_STR:
		ais_buf_addc(b, '"');
		ais_buf_add(b, v->u.s.p, v->u.s.len);
		ais_buf_addc(b, '"');
		break;
	case AIS_V_DATE:
		ais_date_format(v->u.d, tmp);
		ais_buf_adds(b, tmp);
		break;
	case AIS_V_LIST: {
		/* "%zu entries", without printf: every list condition says it */
		size_t n = v->u.list->n, k = sizeof tmp;

		do {
			tmp[--k] = (char)('0' + n % 10);
			n /= 10;
		} while (n != 0);
		ais_buf_add(b, tmp + k, sizeof tmp - k);
		ais_buf_adds(b, v->u.list->n == 1 ? " entry" : " entries");
		break;
	}
	case AIS_V_OBJ:
		ais_buf_adds(b, "given");
		break;
	}
}

void
ais_item_label(const struct ais_value *item, struct ais_buf *b)
{
	const struct ais_obj *o;
	int id;

	if (item->t == AIS_V_STR) {
		ais_buf_add(b, item->u.s.p, item->u.s.len);
		return;
	}
	if (item->t != AIS_V_OBJ)
		return;
	o = item->u.obj;
	id = AIS_ENTRY_ID;
	if (o->v[id].t == AIS_V_STR)
		ais_buf_add(b, o->v[id].u.s.p, o->v[id].u.s.len);
	else
		ais_buf_adds(b, o->path);
}

/* Adds the fields under n to out[*n..max), each once. */
static void
reads(const struct node *n, struct ais_eval *ev, struct ais_read *out,
	size_t *nout, size_t max, int item_only)
{
	const char *text;
	size_t len, i;
	int k;

	if (!n)
		return;
	if (n->op == OP_PATH || n->op == OP_AS_OF) {
		if (item_only && !n->item_rel)
			return;
		if (n->op == OP_PATH && n->item_rel && n->nfields == 0)
			return;
		text = n->name;
		len = n->namelen;
		if (n->item_rel && len > 5) {
			text += 5;
			len -= 5;
		}
		for (i = 0; i < *nout; i++)
			if (out[i].len == len && memcmp(out[i].field, text,
			    len) == 0)
				return;
		if (*nout >= max)
			return;
		out[*nout].field = text;
		out[*nout].len = len;
		out[*nout].amount = n->op == OP_PATH && n->fdef &&
		    n->fdef->type == AIS_F_AMOUNT;
		if (!ev) {	/* counting only (check_record_limits) */
			out[*nout].value = null_value;
		} else if (n->op == OP_AS_OF) {
			out[*nout].value.t = AIS_V_DATE;
			out[*nout].value.u.d = ev->as_of;
		} else {
			out[*nout].value = *resolve(n, ev);
		}
		(*nout)++;
		return;
	}
	if (n->op >= OP_SUM) {
		/* the list an aggregate reads, by its number of entries; the
		 * entries themselves are traced one by one */
		reads(n->a, ev, out, nout, max, item_only);
		return;
	}
	reads(n->a, ev, out, nout, max, item_only);
	reads(n->b, ev, out, nout, max, item_only);
	for (k = 0; k < n->nargs && n->op != OP_LIST_LIT; k++)
		reads(n->args[k], ev, out, nout, max, item_only);
}

size_t
ais_expr_reads(const struct ais_expr *e, struct ais_eval *ev, int item_only,
	struct ais_read *out, size_t max)
{
	size_t n = 0;

	reads(e->root, ev, out, &n, max, item_only);
	return n;
}

static const char *const cmp_ops[] = {
	[OP_EQ] = "==", [OP_NE] = "!=", [OP_LT] = "<", [OP_LE] = "<=",
	[OP_GT] = ">", [OP_GE] = ">=", [OP_IN] = "in"
};

/* Adds the comparisons under n to out[*nout..max). */
static void
comparisons(const struct node *n, struct ais_eval *ev, struct ais_cmp *out,
	size_t *nout, size_t max)
{
	int k;

	if (!n || *nout >= max || n->op >= OP_SUM)
		return;
	if ((n->op >= OP_EQ && n->op <= OP_GE) || n->op == OP_IN) {
		struct ais_cmp *c = &out[*nout];
		struct ais_value v;

		memset(c, 0, sizeof *c);
		c->left = n->a->text;
		c->left_len = n->a->textlen;
		c->right = n->b->text;
		c->right_len = n->b->textlen;
		c->op = cmp_ops[n->op];
		if (eval(n->a, ev, &c->left_value) < 0)
			return;
		if (n->op != OP_IN && eval(n->b, ev, &c->right_value) < 0)
			return;
		if (eval(n, ev, &v) < 0)
			return;
		c->holds = v.t == AIS_V_BOOL ? v.u.b : -1;
		(*nout)++;
		return;
	}
	comparisons(n->a, ev, out, nout, max);
	comparisons(n->b, ev, out, nout, max);
	for (k = 0; k < n->nargs && n->op != OP_LIST_LIT; k++)
		comparisons(n->args[k], ev, out, nout, max);
}

size_t
ais_expr_comparisons(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_cmp *out, size_t max)
{
	size_t n = 0;

	comparisons(e->root, ev, out, &n, max);
	return n;
}

void
ais_reads_format(const struct ais_read *r, size_t n, struct ais_buf *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			ais_buf_add(b, ", ", 2);
		ais_buf_add(b, r[i].field, r[i].len);
		ais_buf_adds(b, r[i].value.t == AIS_V_NULL ? ": " : " = ");
		ais_value_format(&r[i].value, b);
	}
}

void
ais_expr_describe(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_buf *b)
{
	struct ais_read r[AIS_EXPR_MAX_READS];

	ais_reads_format(r, ais_expr_reads(e, ev, 0, r, AIS_EXPR_MAX_READS), b);
}

/* Hands the trace one entry of aggregate n: counted (with its value val),
 * or not, having failed conjunct `failed` of the filter, its value, or
 * (dated, with its date) the dates of the claim. */
static void
trace_entry(const struct node *n, struct ais_eval *ev, int counted,
	int failed, const struct ais_value *val, int dated,
	const struct ais_read *date)
{
	struct ais_trace_entry t;

	t.item = ev->item;
	t.list = n->a->name ? n->a->name : n->a->text;
	t.list_len = n->a->name ? n->a->namelen : n->a->textlen;
	t.counted = counted;
	t.value = counted ? val : NULL;
	t.amount = n->b && n->b->op == OP_PATH && n->b->fdef &&
	    n->b->fdef->type == AIS_F_AMOUNT;
	t.needs = t.missing = NULL;
	t.needs_len = t.missing_len = 0;
	t.nreads = 0;
	t.dated = dated;
	t.awarded = ev->awarded;
	if (dated) {
		t.reads[0] = *date;
		t.nreads = 1;
	} else if (!counted && failed >= 0) {
		const struct node *c = n->conj[failed];

		t.needs = c->text;
		t.needs_len = c->textlen;
		reads(c, ev, t.reads, &t.nreads, AIS_EXPR_MAX_READS, 1);
	} else if (!counted) {
		t.missing = n->b->text;
		t.missing_len = n->b->textlen;
		/* a value that is more than one field of the entry: the
		 * fields it read, to name the one not given (or show the
		 * zero it would divide by) */
		if (n->b->op != OP_PATH)
			reads(n->b, ev, t.reads, &t.nreads,
			    AIS_EXPR_MAX_READS, 1);
	}
	ev->trace->entry(ev->trace->ctx, &t);
}
