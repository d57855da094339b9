/*
 * report.c: the compare report (compare.h, docs/policy.md) as one HTML
 * page for the people who decide on a reform: a header (the reform, the
 * rules' digest, the claim date, the profiles), the totals, the winners
 * and losers, and a card per program with its figures, a bar chart of
 * demand against pool and paid, and the distribution of awards.
 *
 * The page is self-contained: inline CSS and SVG, no script, no font,
 * image or link to anything outside.  Every figure is the JSON's own text
 * (a number's digits as compare wrote them, thousands separated by
 * commas, a change with its sign), in an element whose data-key
 * attribute is its JSON path ("compare.programs.3.baseline.paid"), so a
 * test can read the page back and compare it with the JSON.  Nothing is
 * computed from the figures but the lengths of bars and columns, in
 * integers (fen, counts): no double touches an amount.
 *
 * The JSON is read by a small parser of its own into an arena: cJSON
 * keeps numbers as doubles, which would lose the digits the page must
 * show, and allocates outside the library's memory guard.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistr.h>

#include "report.h"
#include "util.h"

/* ---- A JSON tree in an arena ---- */

enum jt { J_NULL = 1, J_BOOL = 2, J_NUM = 4, J_STR = 8, J_ARR = 16,
	J_OBJ = 32 };

struct jv {
	enum jt t;
	const char *s;		/* J_STR: the decoded text; J_NUM: the raw
				 * digits of the input */
	size_t n;
	const char *key;	/* a member's key (decoded), or NULL */
	size_t keyn;
	struct jv *kid;		/* the first element or member */
	struct jv *last;
	struct jv *next;	/* the next sibling */
	size_t count;		/* elements or members */
};

/* The deepest nesting read: a compare report has five levels. */
#define JSON_DEPTH_MAX 32

struct jp {
	const char *p, *start, *end;
	struct ais_arena *a;
	int depth;
	const char *bad;	/* what was wrong, NULL while all is well */
	size_t at;		/* and the byte offset where */
};

static void
jp_fail(struct jp *j, const char *what)
{
	if (!j->bad) {
		j->bad = what;
		j->at = (size_t)(j->p - j->start);
	}
}

static void
jp_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
	    *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Four hex digits at p (j->end permitting) into *u. */
static int
hex4(struct jp *j, const char *p, unsigned *u)
{
	int i;

	*u = 0;
	if (j->end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		int h = hexval(p[i]);

		if (h < 0)
			return -1;
		*u = *u << 4 | (unsigned)h;
	}
	return 0;
}

static void
put_utf8(struct ais_buf *b, unsigned u)
{
	if (u < 0x80) {
		ais_buf_addc(b, (char)u);
	} else if (u < 0x800) {
		ais_buf_addc(b, (char)(0xc0 | u >> 6));
		ais_buf_addc(b, (char)(0x80 | (u & 0x3f)));
	} else if (u < 0x10000) {
		ais_buf_addc(b, (char)(0xe0 | u >> 12));
		ais_buf_addc(b, (char)(0x80 | (u >> 6 & 0x3f)));
		ais_buf_addc(b, (char)(0x80 | (u & 0x3f)));
	} else {
		ais_buf_addc(b, (char)(0xf0 | u >> 18));
		ais_buf_addc(b, (char)(0x80 | (u >> 12 & 0x3f)));
		ais_buf_addc(b, (char)(0x80 | (u >> 6 & 0x3f)));
		ais_buf_addc(b, (char)(0x80 | (u & 0x3f)));
	}
}

/* A string at j->p (its opening quote) decoded into the arena. */
static int
jp_string(struct jp *j, struct ais_buf *tmp, const char **s, size_t *n)
{
	ais_buf_reset(tmp);
	j->p++;
	for (;;) {
		const char *q = j->p;
		unsigned char c;

		while (q < j->end && *q != '"' && *q != '\\' &&
		    (unsigned char)*q >= 0x20)
			q++;
		ais_buf_add(tmp, j->p, (size_t)(q - j->p));
		j->p = q;
		if (q == j->end) {
			jp_fail(j, "a string that does not end");
			return -1;
		}
		c = (unsigned char)*q;
		if (c == '"')
			break;
		if (c < 0x20) {
			jp_fail(j, "a control character in a string");
			return -1;
		}
		/* a backslash */
		if (j->end - q < 2) {
			jp_fail(j, "a string that does not end");
			return -1;
		}
		switch (q[1]) {
		case '"': case '\\': case '/':
			ais_buf_addc(tmp, q[1]);
			break;
		case 'b': ais_buf_addc(tmp, '\b'); break;
		case 'f': ais_buf_addc(tmp, '\f'); break;
		case 'n': ais_buf_addc(tmp, '\n'); break;
		case 'r': ais_buf_addc(tmp, '\r'); break;
		case 't': ais_buf_addc(tmp, '\t'); break;
		case 'u': {
			unsigned u, lo;

			if (hex4(j, q + 2, &u) < 0) {
				jp_fail(j, "a bad \\u escape");
				return -1;
			}
			if (u == 0) {
				/* a report has none, and a text is kept
				 * NUL-terminated */
				jp_fail(j, "a string without \\u0000");
				return -1;
			}
			q += 4;
			if (u >= 0xd800 && u < 0xdc00 && j->end - q >= 8 &&
			    q[2] == '\\' && q[3] == 'u' &&
			    hex4(j, q + 4, &lo) == 0 && lo >= 0xdc00 &&
			    lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) +
				    (lo - 0xdc00);
				q += 6;
			} else if (u >= 0xd800 && u < 0xe000) {
				u = 0xfffd;	/* a lone surrogate */
			}
			put_utf8(tmp, u);
			break;
		}
		default:
			jp_fail(j, "a bad escape in a string");
			return -1;
		}
		j->p = q + 2;
	}
	j->p++;
	*n = tmp->len;
	*s = ais_arena_strndup(j->a, tmp->len ? tmp->p : "", tmp->len);
	return 0;
}

static int
isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* A number at j->p, as JSON writes one; its text is kept as it is. */
static int
jp_number(struct jp *j, struct jv *v)
{
	const char *p = j->p, *e = j->end;

	if (p < e && *p == '-')
		p++;
	if (p < e && *p == '0') {
		p++;
	} else if (p < e && isdig(*p)) {
		while (p < e && isdig(*p))
			p++;
	} else {
		jp_fail(j, "a value");
		return -1;
	}
	if (p < e && *p == '.') {
		p++;
		if (p == e || !isdig(*p)) {
			jp_fail(j, "a digit after the decimal point");
			return -1;
		}
		while (p < e && isdig(*p))
			p++;
	}
	if (p < e && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < e && (*p == '+' || *p == '-'))
			p++;
		if (p == e || !isdig(*p)) {
			jp_fail(j, "a digit in the exponent");
			return -1;
		}
		while (p < e && isdig(*p))
			p++;
	}
	v->t = J_NUM;
	v->s = j->p;
	v->n = (size_t)(p - j->p);
	j->p = p;
	return 0;
}

static int
jp_word(struct jp *j, const char *w, size_t n)
{
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0) {
		jp_fail(j, "a value");
		return -1;
	}
	j->p += n;
	return 0;
}

static void
jv_append(struct jv *parent, struct jv *kid)
{
	if (parent->last)
		parent->last->next = kid;
	else
		parent->kid = kid;
	parent->last = kid;
	parent->count++;
}

static struct jv *
jp_value(struct jp *j, struct ais_buf *tmp)
{
	struct jv *v;

	jp_ws(j);
	if (j->p == j->end) {
		jp_fail(j, "a value");
		return NULL;
	}
	v = ais_arena_alloc(j->a, sizeof *v);
	switch (*j->p) {
	case '{':
	case '[': {
		int obj = *j->p == '{';
		char close = obj ? '}' : ']';

		if (++j->depth > JSON_DEPTH_MAX) {
			jp_fail(j, "no deeper nesting");
			return NULL;
		}
		v->t = obj ? J_OBJ : J_ARR;
		j->p++;
		jp_ws(j);
		if (j->p < j->end && *j->p == close) {
			j->p++;
			j->depth--;
			return v;
		}
		for (;;) {
			struct jv *kid;
			const char *k = NULL;
			size_t kn = 0;

			if (obj) {
				jp_ws(j);
				if (j->p == j->end || *j->p != '"') {
					jp_fail(j, "a member's key");
					return NULL;
				}
				if (jp_string(j, tmp, &k, &kn) < 0)
					return NULL;
				jp_ws(j);
				if (j->p == j->end || *j->p != ':') {
					jp_fail(j, "':'");
					return NULL;
				}
				j->p++;
			}
			kid = jp_value(j, tmp);
			if (!kid)
				return NULL;
			kid->key = k;
			kid->keyn = kn;
			jv_append(v, kid);
			jp_ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == close) {
				j->p++;
				break;
			}
			jp_fail(j, obj ? "',' or '}'" : "',' or ']'");
			return NULL;
		}
		j->depth--;
		return v;
	}
	case '"':
		v->t = J_STR;
		if (jp_string(j, tmp, &v->s, &v->n) < 0)
			return NULL;
		return v;
	case 't':
		v->t = J_BOOL;
		v->s = "true";
		v->n = 4;
		return jp_word(j, "true", 4) < 0 ? NULL : v;
	case 'f':
		v->t = J_BOOL;
		v->s = "false";
		v->n = 5;
		return jp_word(j, "false", 5) < 0 ? NULL : v;
	case 'n':
		v->t = J_NULL;
		return jp_word(j, "null", 4) < 0 ? NULL : v;
	default:
		return jp_number(j, v) < 0 ? NULL : v;
	}
}

/* The member k of object o, or NULL. */
static const struct jv *
member(const struct jv *o, const char *k)
{
	const struct jv *v;
	size_t n = strlen(k);

	if (!o || o->t != J_OBJ)
		return NULL;
	for (v = o->kid; v; v = v->next)
		if (v->keyn == n && memcmp(v->key, k, n) == 0)
			return v;
	return NULL;
}

/* ---- Writing the page ---- */

struct rp {
	struct ais_buf *o;
	enum ais_lang lang;
	int reform;		/* the report has a reform */
	char path[200];		/* the JSON path of the object at hand */
	size_t plen;
	char bad[AIS_ERROR_MSG_MAX];	/* the first thing missing, or "" */
};

static const char *
L(const struct rp *r, const char *zh, const char *en)
{
	return r->lang == AIS_LANG_EN ? en : zh;
}

static void
out(struct rp *r, const char *s)
{
	ais_buf_adds(r->o, s);
}

static void
outf(struct rp *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
outf(struct rp *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ais_buf_vaddf(r->o, fmt, ap);
	va_end(ap);
}

/* s[0..n) as HTML text or attribute value: & < > " ' escaped, control
 * characters (but tab and newline) as U+FFFD. */
static void
esc_n(struct ais_buf *b, const char *s, size_t n)
{
	size_t i, from = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e;

		switch (c) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				e = "\xef\xbf\xbd";
			else
				continue;
		}
		ais_buf_add(b, s + from, i - from);
		ais_buf_adds(b, e);
		from = i + 1;
	}
	ais_buf_add(b, s + from, n - from);
}

static void
esc(struct rp *r, const char *s)
{
	esc_n(r->o, s, strlen(s));
}

/* Enters the member k (or, k NULL, the element i) of the path; returns
 * the length to go back to with leave. */
static size_t
enter(struct rp *r, const char *k, size_t i)
{
	size_t was = r->plen;
	int n;

	if (k)
		n = snprintf(r->path + r->plen, sizeof r->path - r->plen,
		    "%s%s", r->plen ? "." : "", k);
	else
		n = snprintf(r->path + r->plen, sizeof r->path - r->plen,
		    ".%zu", i);
	if (n > 0 && (size_t)n < sizeof r->path - r->plen)
		r->plen += (size_t)n;
	else
		r->path[r->plen] = '\0';	/* cut: no path is that long */
	return was;
}

static void
leave(struct rp *r, size_t was)
{
	r->plen = was;
	r->path[was] = '\0';
}

static const char *
type_names(unsigned types)
{
	if (types == (J_NUM | J_NULL))
		return "a number or null";
	if (types == (J_STR | J_NULL))
		return "a string or null";
	if (types == (J_OBJ | J_NULL))
		return "an object or null";
	switch (types) {
	case J_NUM: return "a number";
	case J_STR: return "a string";
	case J_ARR: return "an array";
	case J_OBJ: return "an object";
	default: return "a value";
	}
}

/*
 * The member k of o (at the path at hand) when it is of one of types;
 * else NULL, and the report is found wanting (the first such place is
 * kept for the error).  o NULL: NULL, quietly (o was wanting already).
 */
static const struct jv *
want(struct rp *r, const struct jv *o, const char *k, unsigned types)
{
	const struct jv *v;

	if (!o)
		return NULL;
	v = member(o, k);
	if (v && (v->t & types))
		return v;
	if (!r->bad[0])
		snprintf(r->bad, sizeof r->bad, "%s%s%s: %s %s", r->path,
		    r->plen ? "." : "", k, v ? "is not" : "missing:",
		    type_names(types));
	return NULL;
}

/* The element i of array a (i < a->count). */
static const struct jv *
element(const struct jv *a, size_t i)
{
	const struct jv *v = a ? a->kid : NULL;

	while (v && i--)
		v = v->next;
	return v;
}

/* The digits of number text s[0..n) with commas between thousands of
 * its integer part; with sign, a '+' before a positive one. */
static void
put_number(struct rp *r, const char *s, size_t n, int sign)
{
	size_t i = 0, int_end, digits;

	if (i < n && s[i] == '-') {
		ais_buf_addc(r->o, '-');
		i++;
	} else if (sign) {
		size_t k;

		for (k = 0; k < n && (s[k] == '0' || s[k] == '.'); k++)
			;
		if (k < n && isdig(s[k]))
			ais_buf_addc(r->o, '+');	/* not zero */
	}
	for (int_end = i; int_end < n && isdig(s[int_end]); int_end++)
		;
	digits = int_end - i;
	for (; i < int_end; i++) {
		ais_buf_addc(r->o, s[i]);
		if (--digits > 0 && digits % 3 == 0)
			ais_buf_addc(r->o, ',');
	}
	ais_buf_add(r->o, s + int_end, n - int_end);
}

/* The text of figure v: a number's digits, a string, "—" for null. */
static void
put_value(struct rp *r, const struct jv *v, int sign)
{
	if (!v || v->t == J_NULL)
		out(r, "\xe2\x80\x94");
	else if (v->t == J_NUM)
		put_number(r, v->s, v->n, sign);
	else
		esc_n(r->o, v->s, v->n);
}

/* The attribute data-key="PATH.k" (k NULL: the path at hand). */
static void
put_key(struct rp *r, const char *k)
{
	out(r, " data-key=\"");
	esc(r, r->path);
	if (k) {
		if (r->plen)
			ais_buf_addc(r->o, '.');
		esc(r, k);
	}
	ais_buf_addc(r->o, '"');
}

/*
 * The figure o.k as <tag attrs data-key="PATH.k">VALUE</tag>, of one of
 * types (wanting otherwise); sign: a change, shown with its sign.
 */
static void
fig(struct rp *r, const char *tag, const char *attrs, const struct jv *o,
	const char *k, unsigned types, int sign)
{
	const struct jv *v = want(r, o, k, types);

	outf(r, "<%s%s%s", tag, attrs[0] ? " " : "", attrs);
	put_key(r, k);
	ais_buf_addc(r->o, '>');
	put_value(r, v, sign);
	outf(r, "</%s>", tag);
}

/* A number's text as int64 fen (yuan with at most two decimals) or a
 * count: 0, or -1 when it is not such a number (or out of range). */
static int
number_fen(const struct jv *v, int64_t *fen, int scale)
{
	const char *s, *e;
	int64_t x = 0;
	int neg = 0, dec = 0;

	*fen = 0;
	if (!v || v->t != J_NUM)
		return -1;
	s = v->s;
	e = v->s + v->n;
	if (s < e && *s == '-') {
		neg = 1;
		s++;
	}
	for (; s < e && isdig(*s); s++) {
		if (x > (INT64_MAX - 9) / 10)
			return -1;
		x = x * 10 + (*s - '0');
	}
	if (s < e && *s == '.') {
		for (s++; s < e && isdig(*s); s++) {
			if (++dec > scale)
				return -1;
			if (x > (INT64_MAX - 9) / 10)
				return -1;
			x = x * 10 + (*s - '0');
		}
	}
	if (s != e)
		return -1;
	for (; dec < scale; dec++) {
		if (x > INT64_MAX / 10)
			return -1;
		x *= 10;
	}
	*fen = neg ? -x : x;
	return 0;
}

/* How long a bar of value v is when max is full length len: an integer
 * in [0, len], at least 1 for a positive v. */
static int64_t
bar_len(int64_t v, int64_t max, int64_t len)
{
	int64_t w;

	if (v <= 0 || max <= 0)
		return 0;
	while (max > INT64_MAX / (len + 1)) {
		max /= 2;
		v /= 2;
	}
	w = max ? v * len / max : 0;
	return w < 1 ? 1 : w > len ? len : w;
}

/* The title of a {zh, en} object in the page's language (the other when
 * it lacks it). */
static const struct jv *
title_of(struct rp *r, const struct jv *t)
{
	const struct jv *v;

	v = member(t, r->lang == AIS_LANG_EN ? "en" : "zh");
	if (!v || v->t != J_STR)
		v = member(t, r->lang == AIS_LANG_EN ? "zh" : "en");
	if (!v || v->t != J_STR) {
		want(r, t, r->lang == AIS_LANG_EN ? "en" : "zh", J_STR);
		return NULL;
	}
	return v;
}

static const char style[] =
"<style>\n"
":root{--ink:#1d2733;--muted:#5b6b7c;--line:#d5dde6;--soft:#f3f6f9;"
"--base:#8b9bb0;--reform:#1f6fb2;--dem:#c3d0de;--pool:#d9a520;"
"--paid:#2b5d8e;--up:#1a7f37;--down:#b42318}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;padding:28px 32px 40px;color:var(--ink);background:#fff;"
"font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",\"Noto Sans CJK SC\","
"\"Microsoft YaHei\",sans-serif}\n"
"main{max-width:1120px;margin:0 auto}\n"
"h1{font-size:24px;margin:2px 0 10px}\n"
"h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;"
"border-bottom:2px solid var(--ink)}\n"
"h3{font-size:16px;margin:0 0 8px}\n"
".kicker{margin:0;color:var(--muted);font-size:12px;letter-spacing:.06em;"
"text-transform:uppercase}\n"
"dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;"
"margin:0 0 10px}\n"
"dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}\n"
"code{font:12px ui-monospace,\"DejaVu Sans Mono\",monospace;"
"word-break:break-all}\n"
".note{margin:8px 0;padding:8px 12px;background:#fff7e0;"
"border-left:4px solid var(--pool)}\n"
"table{border-collapse:collapse;width:100%;margin:6px 0 10px}\n"
"th,td{padding:4px 8px;border-bottom:1px solid var(--line);"
"text-align:left;vertical-align:top}\n"
"thead th{background:var(--soft);font-weight:600;font-size:13px}\n"
"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
"white-space:nowrap}\n"
".up{color:var(--up)}.down{color:var(--down)}\n"
".card{border:1px solid var(--line);border-radius:6px;padding:14px 16px;"
"margin:0 0 16px;break-inside:avoid}\n"
".card-body{display:grid;grid-template-columns:minmax(300px,1fr) 540px;"
"gap:28px;align-items:start}\n"
"@media (max-width:1000px){.card-body{grid-template-columns:1fr}}\n"
".card h3 code{font-weight:400;color:var(--muted);margin-left:6px}\n"

"svg{display:block;max-width:100%;height:auto}\n"
"svg text{font:11px system-ui,\"Noto Sans CJK SC\",sans-serif;"
"fill:var(--ink)}\n"
"svg .lbl{fill:var(--muted)}\n"
".key{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;"
"border-radius:2px;vertical-align:-1px}\n"
".legend{font-size:12px;color:var(--muted);margin:4px 0}\n"
".cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}\n"
"footer{margin-top:28px;color:var(--muted);font-size:12px}\n"
"@media print{body{padding:0}.card{break-inside:avoid}}\n"
"</style>\n";

/* The header: the reform (or the baseline alone), its ids and digests,
 * the rules, the claim date, the profiles. */
static void
put_header(struct rp *r, const struct jv *c)
{
	const struct jv *rf = want(r, c, "reform", J_OBJ | J_NULL);
	const struct jv *t = NULL;
	size_t was;

	if (rf && rf->t == J_OBJ) {
		was = enter(r, "reform", 0);
		t = title_of(r, want(r, rf, "title", J_OBJ));
		leave(r, was);
	}
	out(r, "<header>\n<p class=\"kicker\">aisubsidy \xc2\xb7 ");
	out(r, L(r, "预算影响报告", "Budget impact report"));
	out(r, "</p>\n<h1>");
	if (t) {
		esc_n(r->o, t->s, t->n);
	} else {
		out(r, L(r, "现行政策：申请与资金池",
		    "Current rules: demand and budget pools"));
	}
	out(r, "</h1>\n<dl class=\"meta\">\n");
	if (rf && rf->t == J_OBJ) {
		const struct jv *id, *dg;

		was = enter(r, "reform", 0);
		id = want(r, rf, "id", J_STR);
		dg = want(r, rf, "digest", J_STR);
		outf(r, "<dt>%s</dt><dd><code>", L(r, "改革方案", "Reform"));
		put_value(r, id, 0);
		out(r, "</code> <code>");
		put_value(r, dg, 0);
		out(r, "</code></dd>\n");
		leave(r, was);
	}
	outf(r, "<dt>%s</dt><dd><code>", L(r, "规则", "Rules"));
	put_value(r, want(r, c, "rules", J_STR), 0);
	outf(r, "</code></dd>\n<dt>%s</dt><dd>", L(r, "申报日", "Claim date"));
	put_value(r, want(r, c, "as_of", J_STR), 0);
	outf(r, "</dd>\n<dt>%s</dt><dd>", L(r, "申请人", "Applicants"));
	fig(r, "span", "", c, "profiles", J_NUM, 0);
	out(r, L(r, "（另有未能读取的 ", " (and "));
	fig(r, "span", "", c, "rejected", J_NUM, 0);
	outf(r, "%s</dd>\n</dl>\n", L(r, " 份）", " rejected)"));
	if (r->reform)
		outf(r, "<p class=\"note\">%s</p>\n", L(r,
		    "改革后的数字基于提案（等级 proposal），并非现行政策；"
		    "现行数字基于现行规则。",
		    "The reform's figures rest on a proposal (grade "
		    "proposal), not on rules in force; the baseline's on the "
		    "rules in force."));
	outf(r, "<p class=\"legend\">%s</p>\n</header>\n", L(r,
	    "金额单位：元，精确到分。每个项目的实付为按年度资金池分配后的金额；"
	    "无资金池的项目实付等于申请额。",
	    "Amounts in yuan, exact to the fen.  A program's paid is what "
	    "its annual budget pools share out; without a pool, paid equals "
	    "demanded."));
}

/* A change cell's class: up, down, or nothing. */
static const char *
change_class(const struct jv *v)
{
	size_t k;

	if (!v || v->t != J_NUM)
		return "n";
	if (v->n && v->s[0] == '-')
		return "n down";
	for (k = 0; k < v->n; k++)
		if (v->s[k] >= '1' && v->s[k] <= '9')
			return "n up";
	return "n";
}

/* One row of a figures table: its label, o.{baseline,reform,change}.k
 * (change left blank when has_change is 0). */
static void
put_row(struct rp *r, const char *label, const struct jv *sides,
	const char *k, unsigned types, int has_change)
{
	static const char *const names[] = {"baseline", "reform", "change"};
	int i;

	outf(r, "<tr><th>%s</th>", label);
	for (i = 0; i < (r->reform ? 3 : 1); i++) {
		const struct jv *s = want(r, sides, names[i], J_OBJ);
		size_t was = enter(r, names[i], 0);

		if (i == 2 && !has_change) {
			out(r, "<td></td>");
		} else {
			char attrs[32];

			snprintf(attrs, sizeof attrs, "class=\"%s\"",
			    i == 2 ? change_class(member(s, k)) : "n");
			fig(r, "td", attrs, s, k, types, i == 2);
		}
		leave(r, was);
	}
	out(r, "</tr>\n");
}

static void
put_table_head(struct rp *r, const char *first)
{
	outf(r, "<table>\n<thead><tr><th>%s</th><th class=\"n\">%s</th>",
	    first, L(r, "现行", "Baseline"));
	if (r->reform)
		outf(r, "<th class=\"n\">%s</th><th class=\"n\">%s</th>",
		    L(r, "改革后", "Reform"), L(r, "变化", "Change"));
	out(r, "</tr></thead>\n<tbody>\n");
}

static void
put_totals(struct rp *r, const struct jv *c)
{
	const struct jv *t = want(r, c, "total", J_OBJ);
	size_t was = enter(r, "total", 0);

	outf(r, "<section>\n<h2>%s</h2>\n", L(r, "合计", "Totals"));
	put_table_head(r, "");
	put_row(r, L(r, "有资格的申请人（任一项目）",
	    "Applicants eligible for any program"), t, "eligible", J_NUM, 1);
	put_row(r, L(r, "申请额（元，资金池分配前）",
	    "Demanded (yuan, before pools)"), t, "demanded", J_NUM, 1);
	put_row(r, L(r, "实付（元）", "Paid (yuan)"), t, "paid", J_NUM, 1);
	put_row(r, L(r, "被资金池削减的申请人", "Applicants cut by a pool"),
	    t, "cut", J_NUM, 1);
	out(r, "</tbody>\n</table>\n</section>\n");
	leave(r, was);
}

/* The winners' or losers' table of their largest changes. */
static void
put_changes(struct rp *r, const struct jv *c, const char *k)
{
	int win = strcmp(k, "winners") == 0;
	const struct jv *w = want(r, c, k, J_OBJ), *l, *e;
	size_t was = enter(r, k, 0), i;

	outf(r, "<div>\n<h3>%s</h3>\n<p>", win ?
	    L(r, "受益的申请人", "Winners") : L(r, "受损的申请人", "Losers"));
	fig(r, "span", "", w, "count", J_NUM, 0);
	outf(r, " %s ", win ?
	    L(r, "人实付增加，合计", "applicants paid more, in all") :
	    L(r, "人实付减少，合计", "applicants paid less, in all"));
	fig(r, "span", "", w, win ? "gained" : "lost", J_NUM, 0);
	outf(r, " %s</p>\n", L(r, "元。", "yuan."));
	l = want(r, w, "largest", J_ARR);
	outf(r, "<table>\n<thead><tr><th class=\"n\">%s</th><th>%s</th>"
	    "<th class=\"n\">%s</th><th class=\"n\">%s</th>"
	    "<th class=\"n\">%s</th></tr></thead>\n<tbody>\n",
	    L(r, "行", "Line"), L(r, "申请人", "Applicant"),
	    L(r, "现行（元）", "Baseline (yuan)"),
	    L(r, "改革后（元）", "Reform (yuan)"),
	    L(r, "变化（元）", "Change (yuan)"));
	for (i = 0, e = l ? l->kid : NULL; e; e = e->next, i++) {
		size_t w2 = enter(r, "largest", 0);
		size_t w3 = enter(r, NULL, i);
		char attrs[32];

		out(r, "<tr>");
		fig(r, "td", "class=\"n\"", e, "line", J_NUM, 0);
		fig(r, "td", "", e, "profile", J_STR | J_NULL, 0);
		fig(r, "td", "class=\"n\"", e, "baseline", J_NUM, 0);
		fig(r, "td", "class=\"n\"", e, "reform", J_NUM, 0);
		snprintf(attrs, sizeof attrs, "class=\"%s\"",
		    change_class(member(e, "change")));
		fig(r, "td", attrs, e, "change", J_NUM, 1);
		out(r, "</tr>\n");
		leave(r, w3);
		leave(r, w2);
	}
	if (l && !l->count)
		outf(r, "<tr><td colspan=\"5\">%s</td></tr>\n",
		    L(r, "无", "none"));
	out(r, "</tbody>\n</table>\n</div>\n");
	leave(r, was);
}

static void
put_winners(struct rp *r, const struct jv *c)
{
	outf(r, "<section>\n<h2>%s</h2>\n<p>", L(r, "受益与受损",
	    "Winners and losers"));
	fig(r, "span", "", c, "unchanged", J_NUM, 0);
	outf(r, " %s</p>\n<div class=\"cols\">\n", L(r,
	    "人实付不变。下表列出变化最大的申请人（按变化的绝对值）。",
	    "applicants are paid the same.  The tables list the largest "
	    "changes (by their size)."));
	put_changes(r, c, "winners");
	put_changes(r, c, "losers");
	out(r, "</div>\n</section>\n");
}

/* The sides of program p shown: baseline, and reform with a reform. */
static int
nsides(const struct rp *r)
{
	return r->reform ? 2 : 1;
}

static const char *const side_names[] = {"baseline", "reform"};

/*
 * The bar chart of a program: per side, demanded, pool and paid as bars
 * on one scale, each with its figure.
 */
static void
put_bars(struct rp *r, const struct jv *p)
{
	static const char *const keys[] = {"demanded", "pool", "paid"};
	static const char *const fills[] = {"var(--dem)", "var(--pool)",
	    "var(--paid)"};
	const int W = 560, LABEL = 112, BAR = 300, ROW = 18, GROUP = 8;
	int64_t v[2][3], max = 0;
	int s, k, y, h;

	for (s = 0; s < nsides(r); s++)
		for (k = 0; k < 3; k++) {
			const struct jv *side = member(p, side_names[s]);

			if (number_fen(member(side, keys[k]), &v[s][k], 2) < 0)
				v[s][k] = 0;
			if (v[s][k] > max)
				max = v[s][k];
		}
	h = nsides(r) * (3 * ROW + 16 + GROUP);
	outf(r, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-label=\"%s\">\n", W, h, W, h,
	    L(r, "申请额、资金池与实付", "Demanded, pool and paid"));
	y = 0;
	for (s = 0; s < nsides(r); s++) {
		const struct jv *side = member(p, side_names[s]);
		size_t was = enter(r, side_names[s], 0);

		outf(r, "<text x=\"0\" y=\"%d\" font-weight=\"600\">%s</text>\n",
		    y + 12, s ? L(r, "改革后", "Reform") : L(r, "现行",
		    "Baseline"));
		y += 16;
		for (k = 0; k < 3; k++) {
			int64_t w = bar_len(v[s][k], max, BAR);
			char attrs[64];

			outf(r, "<text class=\"lbl\" x=\"0\" y=\"%d\">%s</text>\n",
			    y + 12, k == 0 ? L(r, "申请额", "Demanded") :
			    k == 1 ? L(r, "资金池", "Pool") : L(r, "实付",
			    "Paid"));
			if (w > 0)
				outf(r, "<rect x=\"%d\" y=\"%d\" width=\"%" PRId64
				    "\" height=\"%d\" rx=\"2\" fill=\"%s\"/>\n",
				    LABEL, y + 2, w, ROW - 5, fills[k]);
			snprintf(attrs, sizeof attrs, "x=\"%" PRId64 "\" y=\"%d\"",
			    LABEL + w + 6, y + 12);
			fig(r, "text", attrs, side, keys[k], k == 1 ?
			    J_NUM | J_NULL : J_NUM, 0);
			out(r, "\n");
			y += ROW;
		}
		y += GROUP;
		leave(r, was);
	}
	out(r, "</svg>\n");
}

/* A bucket's bound in yuan, short: 1万, 100万 (zh); 10k, 1m (en). */
static void
put_bound(struct rp *r, const struct jv *v)
{
	int64_t y;

	if (number_fen(v, &y, 0) < 0 || y < 0) {
		put_value(r, v, 0);
		return;
	}
	if (r->lang == AIS_LANG_EN) {
		if (y >= 1000000 && y % 1000000 == 0)
			outf(r, "%" PRId64 "m", y / 1000000);
		else if (y >= 1000 && y % 1000 == 0)
			outf(r, "%" PRId64 "k", y / 1000);
		else
			outf(r, "%" PRId64, y);
	} else {
		if (y >= 100000000 && y % 100000000 == 0)
			outf(r, "%" PRId64 "亿", y / 100000000);
		else if (y >= 10000 && y % 10000 == 0)
			outf(r, "%" PRId64 "万", y / 10000);
		else
			outf(r, "%" PRId64, y);
	}
}

/*
 * The column chart of a program's distribution of awards: per bucket a
 * column for each side, its count above it.
 */
static void
put_columns(struct rp *r, const struct jv *p)
{
	const int W = 560, TOP = 16, H = 110, BOTTOM = 34;
	const struct jv *d[2] = {NULL, NULL};
	size_t nb = 0, i;
	int64_t max = 0;
	int s, gw, cw;

	for (s = 0; s < nsides(r); s++) {
		size_t was = enter(r, side_names[s], 0);

		d[s] = want(r, member(p, side_names[s]), "distribution", J_ARR);
		leave(r, was);
		if (d[s] && d[s]->count > nb)
			nb = d[s]->count;
		for (i = 0; d[s] && i < d[s]->count; i++) {
			int64_t n;

			if (number_fen(member(element(d[s], i), "count"), &n,
			    0) == 0 && n > max)
				max = n;
		}
	}
	if (!nb)
		return;
	gw = W / (int)nb;
	cw = r->reform ? (gw - 14) / 2 : gw - 24;
	outf(r, "<svg viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-label=\"%s\">\n", W, TOP + H + BOTTOM, W,
	    TOP + H + BOTTOM, L(r, "获补贴金额分布", "Distribution of awards"));
	outf(r, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"var(--line)\"/>\n", TOP + H, W, TOP + H);
	for (i = 0; i < nb; i++) {
		int x0 = (int)i * gw + (gw - cw * nsides(r) - 2 *
		    (nsides(r) - 1)) / 2;
		const struct jv *b0 = element(d[0], i);

		for (s = 0; s < nsides(r); s++) {
			const struct jv *b = element(d[s], i);
			size_t w1 = enter(r, side_names[s], 0);
			size_t w2 = enter(r, "distribution", 0);
			size_t w3 = enter(r, NULL, i);
			int64_t n = 0, hh;
			int x = x0 + s * (cw + 2);
			char attrs[64];

			if (b) {
				number_fen(member(b, "count"), &n, 0);
				hh = bar_len(n, max, H);
				if (hh > 0)
					outf(r, "<rect x=\"%d\" y=\"%" PRId64
					    "\" width=\"%d\" height=\"%" PRId64
					    "\" fill=\"var(--%s)\"/>\n", x,
					    TOP + H - hh, cw, hh,
					    s ? "reform" : "base");
				snprintf(attrs, sizeof attrs, "x=\"%d\" y=\"%"
				    PRId64 "\" text-anchor=\"middle\"",
				    x + cw / 2, TOP + H - hh - 3);
				fig(r, "text", attrs, b, "count", J_NUM, 0);
				out(r, "\n");
			}
			leave(r, w3);
			leave(r, w2);
			leave(r, w1);
		}
		if (b0) {
			const struct jv *from = member(b0, "from");
			const struct jv *to = member(b0, "to");
			int64_t f = -1, t = -1;

			number_fen(from, &f, 0);
			number_fen(to, &t, 0);
			outf(r, "<text class=\"lbl\" x=\"%d\" y=\"%d\" "
			    "text-anchor=\"middle\">", (int)i * gw + gw / 2,
			    TOP + H + 14);
			if (f == 0 && t == 0) {
				out(r, "0");
			} else if (!to || to->t == J_NULL) {
				out(r, "&gt;");
				put_bound(r, from);
			} else {
				put_bound(r, from);
				out(r, "\xe2\x80\x93");
				put_bound(r, to);
			}
			out(r, "</text>\n");
		}
	}
	outf(r, "<text class=\"lbl\" x=\"0\" y=\"%d\">%s</text>\n",
	    TOP + H + 30, L(r, "实付金额区间（元，含上界；0 = 有资格但未获付）",
	    "Paid, yuan (upper bound included; 0 = eligible, paid nothing)"));
	out(r, "</svg>\n");
}

/* Whether no one is eligible for program p on any side shown. */
static int
nobody(const struct rp *r, const struct jv *p)
{
	int s;

	for (s = 0; s < nsides(r); s++) {
		int64_t n;

		if (number_fen(member(member(p, side_names[s]), "eligible"),
		    &n, 0) < 0 || n != 0)
			return 0;
	}
	return 1;
}

/* Whether a and b are the same scalar, written alike. */
static int
same(const struct jv *a, const struct jv *b)
{
	if (!a || !b)
		return a == b;
	/* null and the booleans have no text of their own to compare */
	return a->t == b->t && a->n == b->n &&
	    (a->n == 0 || memcmp(a->s, b->s, a->n) == 0);
}

/* Whether the reform changes anything of program p's: a change, its
 * pool, its fill ratio or its distribution (0 without a reform). */
static int
changed(const struct jv *p)
{
	const struct jv *c = member(p, "change"), *v, *bd, *rd;
	const struct jv *b = member(p, "baseline"), *f = member(p, "reform");
	size_t i;

	if (!c || !f)
		return 0;
	for (v = c->kid; v; v = v->next)
		if (v->t == J_NUM && strcmp(change_class(v), "n") != 0)
			return 1;
	if (!same(member(b, "pool"), member(f, "pool")) ||
	    !same(member(b, "fill_ratio"), member(f, "fill_ratio")))
		return 1;
	bd = member(b, "distribution");
	rd = member(f, "distribution");
	for (i = 0; bd && rd && i < bd->count; i++)
		if (!same(member(element(bd, i), "count"),
		    member(element(rd, i), "count")))
			return 1;
	return 0;
}

static void
put_card(struct rp *r, const struct jv *p)
{
	const struct jv *t = title_of(r, want(r, p, "title", J_OBJ));
	const struct jv *id = want(r, p, "program", J_STR);

	out(r, "<article class=\"card\">\n<h3>");
	put_value(r, t, 0);
	out(r, "<code>");
	put_value(r, id, 0);
	out(r, "</code>");
	out(r, "</h3>\n<div class=\"card-body\">\n<div>\n");
	put_table_head(r, "");
	put_row(r, L(r, "有资格的申请人", "Applicants eligible"), p,
	    "eligible", J_NUM, 1);
	put_row(r, L(r, "申请额（元）", "Demanded (yuan)"), p, "demanded",
	    J_NUM, 1);
	put_row(r, L(r, "资金池（元）", "Pool (yuan)"), p, "pool",
	    J_NUM | J_NULL, 0);
	put_row(r, L(r, "实付（元）", "Paid (yuan)"), p, "paid", J_NUM, 1);
	put_row(r, L(r, "兑现率（实付/申请额）", "Fill ratio (paid/demanded)"),
	    p, "fill_ratio", J_STR | J_NULL, 0);
	put_row(r, L(r, "被削减的申请人", "Applicants cut"), p, "cut", J_NUM,
	    1);
	out(r, "</tbody>\n</table>\n</div>\n<div>\n");
	put_bars(r, p);
	outf(r, "<p class=\"legend\">%s", L(r, "有资格的申请人按实付金额分布",
	    "Applicants eligible, by what they are paid"));
	if (r->reform)
		outf(r, "<span class=\"key\" style=\"background:var(--base)\">"
		    "</span>%s<span class=\"key\" style=\"background:"
		    "var(--reform)\"></span>%s", L(r, "现行", "Baseline"),
		    L(r, "改革后", "Reform"));
	out(r, "</p>\n");
	put_columns(r, p);
	out(r, "</div>\n</div>\n</article>\n");
}

/* The programs no one is eligible for, in a table: their pools. */
static void
put_idle(struct rp *r, const struct jv *ps)
{
	const struct jv *p;
	size_t i, n = 0;
	int s;

	for (p = ps ? ps->kid : NULL; p; p = p->next)
		n += nobody(r, p);
	if (!n)
		return;
	outf(r, "<h3>%s</h3>\n<table>\n<thead><tr><th>%s</th>", L(r,
	    "无人有资格的项目", "Programs no applicant is eligible for"),
	    L(r, "项目", "Program"));
	for (s = 0; s < nsides(r); s++)
		outf(r, "<th class=\"n\">%s</th><th class=\"n\">%s</th>",
		    s ? L(r, "改革后有资格", "Eligible, reform") :
		    L(r, "现行有资格", "Eligible, baseline"),
		    s ? L(r, "改革后资金池（元）", "Pool, reform (yuan)") :
		    L(r, "现行资金池（元）", "Pool, baseline (yuan)"));
	out(r, "</tr></thead>\n<tbody>\n");
	for (i = 0, p = ps ? ps->kid : NULL; p; p = p->next, i++) {
		size_t w1, w2;

		if (!nobody(r, p))
			continue;
		w1 = enter(r, "programs", 0);
		w2 = enter(r, NULL, i);
		out(r, "<tr><td>");
		put_value(r, title_of(r, want(r, p, "title", J_OBJ)), 0);
		out(r, " <code>");
		put_value(r, want(r, p, "program", J_STR), 0);
		out(r, "</code></td>");
		for (s = 0; s < nsides(r); s++) {
			const struct jv *side = want(r, p, side_names[s],
			    J_OBJ);
			size_t w3 = enter(r, side_names[s], 0);

			fig(r, "td", "class=\"n\"", side, "eligible", J_NUM, 0);
			fig(r, "td", "class=\"n\"", side, "pool",
			    J_NUM | J_NULL, 0);
			leave(r, w3);
		}
		out(r, "</tr>\n");
		leave(r, w2);
		leave(r, w1);
	}
	out(r, "</tbody>\n</table>\n");
}

/* The cards of the programs someone is eligible for whose figures the
 * reform changes (changed 1) or leaves as they are (changed 0). */
static void
put_cards(struct rp *r, const struct jv *ps, int which)
{
	const struct jv *p;
	size_t i;

	for (i = 0, p = ps ? ps->kid : NULL; p; p = p->next, i++) {
		size_t w1, w2;

		if (nobody(r, p) || changed(p) != which)
			continue;
		w1 = enter(r, "programs", 0);
		w2 = enter(r, NULL, i);
		if (p->t != J_OBJ) {
			if (!r->bad[0])
				snprintf(r->bad, sizeof r->bad, "%s: is not "
				    "an object", r->path);
		} else {
			put_card(r, p);
		}
		leave(r, w2);
		leave(r, w1);
	}
}

/*
 * The programs: with a reform, first those it changes, then the others;
 * then those no one is eligible for, in a table.
 */
static void
put_programs(struct rp *r, const struct jv *c)
{
	const struct jv *ps = want(r, c, "programs", J_ARR), *p;
	int any = 0;

	for (p = ps ? ps->kid : NULL; p; p = p->next)
		any |= !nobody(r, p) && changed(p);
	if (r->reform) {
		outf(r, "<section>\n<h2>%s</h2>\n", L(r, "改革影响的项目",
		    "Programs the reform changes"));
		if (!any)
			outf(r, "<p>%s</p>\n", L(r,
			    "无：改革不改变任何项目的数字。",
			    "None: the reform changes no program's figures."));
		put_cards(r, ps, 1);
		outf(r, "</section>\n<section>\n<h2>%s</h2>\n", L(r,
		    "其他项目", "Other programs"));
	} else {
		outf(r, "<section>\n<h2>%s</h2>\n", L(r, "各项目",
		    "Programs"));
	}
	put_cards(r, ps, 0);
	put_idle(r, ps);
	out(r, "</section>\n");
}

static void
render(struct rp *r, const struct jv *root)
{
	const struct jv *c = want(r, root, "compare", J_OBJ);
	const struct jv *rf = member(c, "reform"), *t = NULL;

	r->reform = rf && rf->t == J_OBJ;
	if (r->reform)
		t = title_of(r, member(rf, "title"));
	outf(r, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>",
	    L(r, "zh-CN", "en"));
	out(r, L(r, "预算影响报告", "Budget impact report"));
	if (t) {
		out(r, L(r, "：", ": "));
		esc_n(r->o, t->s, t->n);
	}
	out(r, "</title>\n");
	out(r, style);
	out(r, "</head>\n<body>\n<main>\n");
	enter(r, "compare", 0);
	put_header(r, c);
	put_totals(r, c);
	if (r->reform)
		put_winners(r, c);
	put_programs(r, c);
	outf(r, "<footer>%s</footer>\n", L(r,
	    "由 aisubsidy report 根据 compare 的 JSON 报告生成；页面上每个数字"
	    "都是该报告中的数字（data-key 为其 JSON 路径）。",
	    "Written by aisubsidy report from the JSON report of compare; "
	    "every figure on this page is that report's (its data-key is its "
	    "JSON path)."));
	out(r, "</main>\n</body>\n</html>\n");
}

struct report_work {
	struct ais_arena a;
	struct ais_buf tmp;
};

static void
report_cleanup(void *arg)
{
	struct report_work *w = arg;

	ais_arena_release(&w->a);
	ais_buf_release(&w->tmp);
}

/* Reads the report and writes the page: 0, or -1 with err filled. */
static int
report_html(struct report_work *w, const char *json, size_t len,
	enum ais_lang lang, struct ais_buf *o, struct ais_error *err)
{
	struct jp j;
	struct jv *root;
	struct rp *r;

	memset(&j, 0, sizeof j);
	j.start = j.p = json;
	j.end = json + len;
	j.a = &w->a;
	if (len >= 3 && memcmp(json, "\xef\xbb\xbf", 3) == 0)
		j.p += 3;
	{
		/* a JSON text is UTF-8 (RFC 8259), and so must the page be:
		 * its strings are copied into it */
		const uint8_t *bad = u8_check((const uint8_t *)json, len);

		if (bad) {
			ais_error_set(err, AIS_EIO, NULL, 0, 0, "not a compare "
			    "report: not UTF-8 at byte %zu",
			    (size_t)((const char *)bad - json));
			return -1;
		}
	}
	root = jp_value(&j, &w->tmp);
	if (root) {
		jp_ws(&j);
		if (j.p != j.end)
			jp_fail(&j, "the end of the report");
	}
	if (j.bad) {
		ais_error_set(err, AIS_EIO, NULL, 0, 0, "not a compare report: "
		    "expected %s at byte %zu", j.bad, j.at);
		return -1;
	}
	r = ais_arena_alloc(&w->a, sizeof *r);
	r->o = o;
	r->lang = lang;
	render(r, root);
	if (r->bad[0]) {
		ais_error_set(err, AIS_EIO, NULL, 0, 0, "not a compare report: "
		    "%s", r->bad);
		return -1;
	}
	return 0;
}

int
ais_report_html(const char *json, size_t len, enum ais_lang lang,
	struct ais_buf *o, struct ais_error *err)
{
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;
	struct report_work w;
	size_t before = o->len;
	int rc;

	memset(&w, 0, sizeof w);
	ais_buf_init(&w.tmp);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		/* w released by its clean-up */
		ais_buf_cut(o, before);
		ais_oom_error(err);
		return -1;
	}
	ais_oom_push(&c, report_cleanup, &w);
	rc = report_html(&w, json, len, lang, o, err);
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	report_cleanup(&w);
	if (rc < 0)
		ais_buf_cut(o, before);
	return rc;
}
