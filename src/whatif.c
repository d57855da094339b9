/*
 * whatif.c: --set PATH=VALUE spliced into a profile's JSON text, and the
 * session that evaluates a profile unchanged and changed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qualify.h"
#include "whatif.h"

/* Deeper than this a text is left to the reader, which refuses it. */
#define SCAN_MAX_DEPTH 512

static size_t
ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return i;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* The end of the string at s[i] == '"', or 0 when it is none. */
static size_t
skip_string(const char *s, size_t n, size_t i)
{
	i++;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"')
			return i + 1;
		if (c < 0x20)
			return 0;
		if (c == '\\') {
			if (i + 1 >= n)
				return 0;
			if (s[i + 1] == 'u') {
				size_t k;

				for (k = 2; k < 6; k++)
					if (i + k >= n || !is_hex(s[i + k]))
						return 0;
				i += 6;
				continue;
			}
			if (!strchr("\"\\/bfnrt", s[i + 1]) || s[i + 1] == '\0')
				return 0;
			i += 2;
			continue;
		}
		i++;
	}
	return 0;
}

/* The end of the number at s[i], or 0. */
static size_t
skip_number(const char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !is_digit(s[i]))
		return 0;
	if (s[i] == '0')
		i++;
	else
		while (i < n && is_digit(s[i]))
			i++;
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return 0;
		while (i < n && is_digit(s[i]))
			i++;
	}
	return i;
}

/* The end of the JSON value at s[i] (white space before it skipped by
 * the caller), or 0 when it is none. */
static size_t
skip_value(const char *s, size_t n, size_t i, int depth)
{
	char close;

	if (i >= n || depth > SCAN_MAX_DEPTH)
		return 0;
	switch (s[i]) {
	case '"':
		return skip_string(s, n, i);
	case 't':
		return n - i >= 4 && memcmp(s + i, "true", 4) == 0 ? i + 4 : 0;
	case 'f':
		return n - i >= 5 && memcmp(s + i, "false", 5) == 0 ? i + 5 : 0;
	case 'n':
		return n - i >= 4 && memcmp(s + i, "null", 4) == 0 ? i + 4 : 0;
	case '{':
	case '[':
		close = s[i] == '{' ? '}' : ']';
		i = ws(s, n, i + 1);
		if (i < n && s[i] == close)
			return i + 1;
		for (;;) {
			if (close == '}') {
				if (i >= n || s[i] != '"' ||
				    (i = skip_string(s, n, i)) == 0)
					return 0;
				i = ws(s, n, i);
				if (i >= n || s[i] != ':')
					return 0;
				i = ws(s, n, i + 1);
			}
			if ((i = skip_value(s, n, i, depth + 1)) == 0)
				return 0;
			i = ws(s, n, i);
			if (i < n && s[i] == ',') {
				i = ws(s, n, i + 1);
				continue;
			}
			if (i < n && s[i] == close)
				return i + 1;
			return 0;
		}
	default:
		return skip_number(s, n, i);
	}
}

int
ais_json_is_value(const char *s, size_t n)
{
	size_t i = ws(s, n, 0), e;

	e = skip_value(s, n, i, 0);
	return e != 0 && ws(s, n, e) == n;
}

void
ais_json_minify(const char *s, size_t n, struct ais_buf *out)
{
	size_t i = 0, a;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '"') {
			size_t e = skip_string(s, n, i);

			if (e == 0)
				e = n;
			ais_buf_add(out, s + i, e - i);
			i = e;
			continue;
		}
		a = i;
		while (i < n && s[i] != '"' && s[i] != ' ' && s[i] != '\t' &&
		    s[i] != '\n' && s[i] != '\r')
			i++;
		ais_buf_add(out, s + a, i - a);
	}
}

/* Whether the JSON string s[a..e) (quotes included) is the key k[0..kn).
 * Escapes are decoded for ASCII; a key escaping anything else is not a
 * key a path can name. */
static int
key_is(const char *s, size_t a, size_t e, const char *k, size_t kn)
{
	size_t i = a + 1, j = 0;

	e--;	/* the closing quote */
	while (i < e) {
		char c = s[i];

		if (c == '\\') {
			c = s[i + 1];
			if (c == 'u') {
				unsigned v = 0, d;
				size_t q;

				for (q = 2; q < 6; q++) {
					char h = s[i + q];

					d = is_digit(h) ? (unsigned)(h - '0') :
					    (unsigned)((h | 0x20) - 'a' + 10);
					v = v * 16 + d;
				}
				if (v >= 0x80)
					return 0;
				c = (char)v;
				i += 6;
			} else {
				c = c == 'n' ? '\n' : c == 't' ? '\t' :
				    c == 'r' ? '\r' : c == 'b' ? '\b' :
				    c == 'f' ? '\f' : c;
				i += 2;
			}
		} else {
			i++;
		}
		if (j >= kn || k[j] != c)
			return 0;
		j++;
	}
	return j == kn;
}

/* One step of a path: a key, or an index. */
struct seg {
	const char *key;	/* NULL for an index */
	size_t len;
	size_t index;
};

/* The next step of path[*i..plen): 1, 0 at its end, -1 when it is not a
 * path. */
static int
next_seg(const char *path, size_t plen, size_t *i, struct seg *sg)
{
	size_t k = *i;

	if (k >= plen)
		return 0;
	if (path[k] == '[') {
		size_t v = 0, a = ++k;

		while (k < plen && is_digit(path[k])) {
			if (v > (SIZE_MAX - 9) / 10)
				return -1;
			v = v * 10 + (size_t)(path[k] - '0');
			k++;
		}
		if (k == a || k >= plen || path[k] != ']')
			return -1;
		sg->key = NULL;
		sg->len = 0;
		sg->index = v;
		*i = k + 1;
		return 1;
	}
	if (k > 0) {
		if (path[k] != '.')
			return -1;
		k++;
	}
	sg->key = path + k;
	while (k < plen && (is_digit(path[k]) || path[k] == '_' ||
	    (path[k] >= 'a' && path[k] <= 'z') ||
	    (path[k] >= 'A' && path[k] <= 'Z')))
		k++;
	sg->len = (size_t)(path + k - sg->key);
	if (sg->len == 0)
		return -1;
	*i = k;
	return 1;
}

/* Whether path[0..plen) is a path. */
static int
path_ok(const char *path, size_t plen)
{
	struct seg sg;
	size_t i = 0;
	int r;

	if (plen == 0 || path[0] == '[')
		return 0;
	while ((r = next_seg(path, plen, &i, &sg)) == 1)
		;
	return r == 0;
}

/* Sets err for a step of path[0..plen) that fails, the value reached
 * being at path[0..end): "--set PATH: msg" at "$.a.b[2]". */
static void
path_error(struct ais_error *err, const char *path, size_t plen,
	size_t end, const char *msg)
{
	char p[AIS_ERROR_PATH_MAX];

	if (!err)
		return;
	ais_error_set(err, AIS_EPROFILE, NULL, 0, 0, "--set %.*s: %s",
	    (int)plen, path, msg);
	snprintf(p, sizeof p, "$%s%.*s", end ? "." : "", (int)end, path);
	ais_error_set_path(err, p, strlen(p));
}

/*
 * Walks path in json.  Returns 1 with the value found at [*a, *b); 0
 * with *a the place to insert "key": ... in the object reached, *first
 * whether it has no member, and *rest the offset in path of the first
 * absent key; -1 with err set for a path the text cannot have; -2 when
 * the text is not JSON.
 */
static int
walk(const char *json, size_t len, const char *path, size_t plen,
	size_t *a, size_t *b, int *first, size_t *rest, struct ais_error *err)
{
	size_t i, pi = 0, before;
	struct seg sg;
	int r;

	i = ws(json, len, 0);
	if (len - i >= 3 && memcmp(json + i, "\xef\xbb\xbf", 3) == 0)
		i = ws(json, len, i + 3);
	for (;;) {
		size_t e;

		before = pi;
		r = next_seg(path, plen, &pi, &sg);
		if (r < 0)
			return -2;
		if (r == 0) {
			e = skip_value(json, len, i, 0);
			if (e == 0)
				return -2;
			*a = i;
			*b = e;
			return 1;
		}
		if (sg.key) {
			size_t last = 0;
			int found = 0;

			if (i >= len || json[i] != '{') {
				/* a text that is no object: the reader says so */
				if (skip_value(json, len, i, 0) == 0 ||
				    before == 0)
					return -2;
				char m[AIS_ERROR_PATH_MAX];

				snprintf(m, sizeof m, "not an object, so it "
				    "has no field '%.*s'", (int)sg.len, sg.key);
				path_error(err, path, plen, before, m);
				return -1;
			}
			i = ws(json, len, i + 1);
			*first = 1;
			last = i;
			while (i < len && json[i] != '}') {
				size_t ks = i, ke;

				if (json[i] != '"' ||
				    (ke = skip_string(json, len, i)) == 0)
					return -2;
				i = ws(json, len, ke);
				if (i >= len || json[i] != ':')
					return -2;
				i = ws(json, len, i + 1);
				if (key_is(json, ks, ke, sg.key, sg.len)) {
					found = 1;
					break;
				}
				e = skip_value(json, len, i, 0);
				if (e == 0)
					return -2;
				*first = 0;
				last = e;
				i = ws(json, len, e);
				if (i < len && json[i] == ',')
					i = ws(json, len, i + 1);
				else if (i >= len || json[i] != '}')
					return -2;
			}
			if (found)
				continue;
			if (i >= len)
				return -2;
			*a = last;
			*rest = before;
			return 0;
		}
		/* an index */
		if (i >= len || json[i] != '[') {
			if (skip_value(json, len, i, 0) == 0)
				return -2;
			path_error(err, path, plen, before,
			    "not a list, so it has no entries");
			return -1;
		} else {
			size_t k = 0;

			i = ws(json, len, i + 1);
			while (i < len && json[i] != ']') {
				if (k == sg.index)
					break;
				e = skip_value(json, len, i, 0);
				if (e == 0)
					return -2;
				k++;
				i = ws(json, len, e);
				if (i < len && json[i] == ',')
					i = ws(json, len, i + 1);
				else if (i >= len || json[i] != ']')
					return -2;
			}
			if (i >= len)
				return -2;
			if (json[i] == ']') {
				char m[96];

				snprintf(m, sizeof m, "index %zu is beyond "
				    "the list, which has %zu %s", sg.index, k,
				    k == 1 ? "entry" : "entries");
				path_error(err, path, plen, before, m);
				return -1;
			}
		}
	}
}

int
ais_json_find(const char *json, size_t len, const char *path, size_t plen,
	size_t *off, size_t *vlen)
{
	size_t a = 0, b = 0, rest = 0;
	int first = 0;

	if (walk(json, len, path, plen, &a, &b, &first, &rest, NULL) != 1)
		return 0;
	*off = a;
	*vlen = b - a;
	return 1;
}

int
ais_json_splice(const char *json, size_t len, const char *path,
	size_t plen, const char *val, size_t vlen, struct ais_buf *out,
	struct ais_error *err)
{
	size_t a = 0, b = 0, rest = 0, i, depth = 0, start = out->len;
	int first = 0, r;
	struct seg sg;

	r = walk(json, len, path, plen, &a, &b, &first, &rest, err);
	if (r == -1)
		return -1;
	if (r == -2) {
		ais_buf_add(out, json, len);
		return 0;
	}
	ais_buf_add(out, json, a);
	if (r == 1) {
		ais_buf_add(out, val, vlen);
		ais_buf_add(out, json + b, len - b);
		return 0;
	}
	/* insert "key": {"key2": ... val} after the object's last member */
	i = rest;
	if (!first)
		ais_buf_adds(out, ", ");
	for (;;) {
		size_t at = i;
		char m[96];

		if (next_seg(path, plen, &i, &sg) != 1)
			break;
		if (sg.key) {
			if (depth++)
				ais_buf_addc(out, '{');
			ais_buf_add_json_str(out, sg.key, sg.len);
			ais_buf_adds(out, ": ");
			continue;
		}
		ais_buf_cut(out, start);
		snprintf(m, sizeof m, "not given, so it has no entry %zu",
		    sg.index);
		path_error(err, path, plen, at, m);
		return -1;
	}
	ais_buf_add(out, val, vlen);
	while (depth-- > 1)
		ais_buf_addc(out, '}');
	ais_buf_add(out, json + a, len - a);
	return 0;
}

int
ais_set_parse(const char *arg, struct ais_set *s, struct ais_error *err)
{
	const char *eq = strchr(arg, '=');
	struct ais_buf b = AIS_BUF_INIT;
	size_t vn;

	memset(s, 0, sizeof *s);
	if (!eq) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set needs "
		    "PATH=VALUE, not '%s'", arg);
		return -1;
	}
	if (!path_ok(arg, (size_t)(eq - arg))) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set: '%.*s' is "
		    "not a path (such as revenue.ai_share, as_of or "
		    "compute_purchases[0].amount)", (int)(eq - arg), arg);
		return -1;
	}
	s->path = ais_xstrndup(arg, (size_t)(eq - arg));
	s->path_len = (size_t)(eq - arg);
	vn = strlen(eq + 1);
	if (ais_json_is_value(eq + 1, vn)) {
		s->value = ais_xstrndup(eq + 1, vn);
		s->value_len = vn;
	} else {
		struct ais_oom_cleanup c;

		ais_oom_push(&c, ais_oom_release_buf, &b);
		ais_buf_add_json_str(&b, eq + 1, vn);
		ais_oom_pop(&c);
		s->value_len = b.len;
		s->value = ais_buf_detach(&b);
	}
	return 0;
}

void
ais_set_release(struct ais_set *s)
{
	free(s->path);
	free(s->value);
	memset(s, 0, sizeof *s);
}

/* Applies sets[0..n) to json one after another, into t[0] or t[1]; sets
 * *res to the final text.  0 or -1 with err set. */
static int
apply_sets(const struct ais_set *sets, size_t n, const char *json,
	size_t len, struct ais_buf t[2], const struct ais_buf **res,
	struct ais_error *err)
{
	const char *s = json;
	size_t sl = len, k;

	*res = NULL;
	for (k = 0; k < n; k++) {
		struct ais_buf *o = &t[k & 1];

		ais_buf_reset(o);
		ais_buf_add(o, "", 0);
		if (ais_json_splice(s, sl, sets[k].path, sets[k].path_len,
		    sets[k].value, sets[k].value_len, o, err) < 0)
			return -1;
		s = o->p;
		sl = o->len;
		*res = o;
	}
	return 0;
}

static void
free_set_array(struct ais_set *sets, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		ais_set_release(&sets[k]);
	free(sets);
}

/* What parse_sets has made so far, freed if memory runs out. */
struct parsed {
	struct ais_set *v;
	size_t k;		/* sets begun: v[0..k] hold what they have */
	size_t n;
};

static void
parsed_cleanup(void *arg)
{
	struct parsed *P = arg;

	if (P->v)
		free_set_array(P->v, P->k < P->n ? P->k + 1 : P->n);
}

/* The sets of sets[0..n), parsed, on the heap; NULL with err set. */
static struct ais_set *
parse_sets(const char *const *sets, size_t n, struct ais_error *err)
{
	struct ais_oom_cleanup c;
	struct parsed P;

	P.v = NULL;
	P.k = 0;
	P.n = n;
	ais_oom_push(&c, parsed_cleanup, &P);
	P.v = ais_xcalloc(n ? n : 1, sizeof *P.v);
	for (P.k = 0; P.k < n; P.k++)
		if (ais_set_parse(sets[P.k], &P.v[P.k], err) < 0) {
			ais_oom_pop(&c);
			free_set_array(P.v, P.k);
			return NULL;
		}
	ais_oom_pop(&c);
	return P.v;
}

struct apply_args {
	const char *json;
	size_t len;
	const char *const *sets;
	size_t nsets;
	struct ais_buf *out;
	struct ais_error *err;
	struct ais_set *v;
	struct ais_buf t[2];
};

static void
apply_cleanup(void *arg)
{
	struct apply_args *A = arg;

	if (A->v)
		free_set_array(A->v, A->nsets);
	ais_buf_release(&A->t[0]);
	ais_buf_release(&A->t[1]);
}

/* ais_whatif_apply within its guard, with A's clean-up pushed. */
static int
whatif_apply(struct apply_args *A)
{
	const struct ais_buf *res;

	A->v = parse_sets(A->sets, A->nsets, A->err);
	if (!A->v)
		return -1;
	if (apply_sets(A->v, A->nsets, A->json, A->len, A->t, &res,
	    A->err) < 0)
		return -1;
	if (res)
		ais_buf_add(A->out, res->p, res->len);
	else
		ais_buf_add(A->out, A->json, A->len);
	return 0;
}

int
ais_whatif_apply(const char *json, size_t len, const char *const *sets,
	size_t nsets, struct ais_buf *out, struct ais_error *err)
{
	struct apply_args A;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;
	size_t before = out->len;
	int rc;

	memset(&A, 0, sizeof A);
	A.json = json;
	A.len = len;
	A.sets = sets;
	A.nsets = nsets;
	A.out = out;
	A.err = err;
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_cut(out, before);
		ais_oom_error(err);
		return -1;
	}
	ais_oom_push(&c, apply_cleanup, &A);
	rc = whatif_apply(&A);
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	apply_cleanup(&A);
	if (rc < 0)
		ais_buf_cut(out, before);
	return rc;
}

/* ---- The session ---- */

static void
whatif_cleanup(void *arg)
{
	ais_whatif_free(arg);
}

struct ais_whatif *
ais_whatif_new(const char *const *sets, size_t nsets, int qualify,
	enum ais_lang lang, struct ais_error *err)
{
	struct ais_whatif *w = NULL;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		/* w freed by its clean-up */
		ais_oom_error(err);
		return NULL;
	}
	w = ais_xcalloc(1, sizeof *w);
	ais_profile_init(&w->before_p);
	ais_result_init(&w->before);
	w->qualify = qualify;
	w->lang = lang;
	ais_oom_push(&c, whatif_cleanup, w);
	w->from_off = ais_xcalloc(nsets ? nsets : 1, sizeof *w->from_off);
	w->from_len = ais_xcalloc(nsets ? nsets : 1, sizeof *w->from_len);
	w->sets = parse_sets(sets, nsets, err);
	if (w->sets)
		w->nsets = nsets;
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	if (!w->sets) {
		ais_whatif_free(w);
		return NULL;
	}
	return w;
}

void
ais_whatif_free(struct ais_whatif *w)
{
	if (!w)
		return;
	if (w->sets)
		free_set_array(w->sets, w->nsets);
	free(w->from_off);
	free(w->from_len);
	ais_buf_release(&w->from);
	ais_buf_release(&w->text[0]);
	ais_buf_release(&w->text[1]);
	ais_profile_release(&w->before_p);
	ais_result_release(&w->before);
	ais_qualifier_free(w->q);
	free(w);
}

/* The "from" of each set: the minified value at its path in the
 * unchanged text, or nothing. */
static void
record_from(struct ais_whatif *w, const char *json, size_t len)
{
	size_t k;

	ais_buf_reset(&w->from);
	ais_buf_add(&w->from, "", 0);
	for (k = 0; k < w->nsets; k++) {
		size_t off, n;

		w->from_off[k] = w->from.len;
		if (ais_json_find(json, len, w->sets[k].path,
		    w->sets[k].path_len, &off, &n))
			ais_json_minify(json + off, n, &w->from);
		w->from_len[k] = w->from.len - w->from_off[k];
	}
}

static int
whatif_calc(struct ais_whatif *w, const struct ais_rules *r,
	struct ais_profile *p, const struct ais_calc_opts *o,
	struct ais_result *res, const char *json, size_t len,
	struct ais_error *err)
{
	const struct ais_buf *changed = NULL;
	const char *s = json;
	size_t sl = len;

	w->has_before = 0;
	if (w->nsets) {
		if (apply_sets(w->sets, w->nsets, json, len, w->text,
		    &changed, err) < 0) {
			/* that is the error; the profile is read only for its
			 * id (the error record's), which a rejected profile
			 * keeps when it can */
			struct ais_error e2;

			e2.file[0] = e2.path[0] = e2.msg[0] = '\0';
			(void)ais_profile_read(p, r, json, len, &e2);
			return -1;
		}
		s = changed->p;
		sl = changed->len;
	}
	if (ais_profile_read(p, r, s, sl, err) < 0 ||
	    ais_calc(r, p, o, res, err) < 0)
		return -1;
	if (w->nsets) {
		/* the unchanged profile, checked as the changed one was (read
		 * second, so that p holds the id of either rejection) */
		struct ais_calc_opts bo = *o;

		if (ais_profile_read(&w->before_p, r, json, len, err) < 0)
			return -1;
		bo.explain = 0;
		bo.only_program = NULL;
		if (ais_calc(r, &w->before_p, &bo, &w->before, err) < 0)
			return -1;
		record_from(w, json, len);
	}
	w->has_before = w->nsets > 0;
	if (w->qualify) {
		if (!w->q)
			w->q = ais_qualifier_new();
		if (ais_qualifier_run(w->q, r, s, sl, p, o, w->lang, res,
		    err) < 0)
			return -1;
	}
	return 0;
}

int
ais_whatif_calc(struct ais_whatif *w, const struct ais_rules *r,
	struct ais_profile *p, const struct ais_calc_opts *o,
	struct ais_result *res, const char *json, size_t len,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		w->has_before = 0;
		ais_oom_error(err);
		return -1;
	}
	rc = whatif_calc(w, r, p, o, res, json, len, err);
	ais_oom_guard_leave(&g);
	return rc;
}
