/*
 * rules.c: loading rule files (docs/rules.md) with libyaml.
 *
 * The only module that reads YAML rule files.  Loading is strict: every
 * mapping is checked against the keys it may hold, every scalar against the
 * type it must have, every expression is compiled against the profile
 * schema, and every term must resolve to a source.  The first fault stops
 * the load with its place in the file.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "builtin.h"
#include "profile.h"
#include "rules.h"
#include "sha256.h"

const char *const ais_basis_names[] = {
	"formula", "fixed", "ceiling", "unquantified", NULL
};

struct named_source {
	const char *name;
	struct ais_source *src;
};

/*
 * A name and its place in a list, sorted by name (then place), so that
 * duplicates sit side by side and a name is found by bisection: a rule
 * file of 8 MiB may hold 200,000 documents or sources, and comparing
 * each with all the others took minutes.
 */
struct keyed {
	const char *key;
	size_t idx;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts k[0..n) by key, then place. */
static void
keyed_sort(struct keyed *k, size_t n)
{
	if (n > 1)
		qsort(k, n, sizeof *k, cmp_keyed);
}

/*
 * In k[0..n), sorted: the place of the first entry, in list order, whose
 * name an earlier entry has, with that earlier entry's place in *first;
 * (size_t)-1 when every name is distinct.
 */
static size_t
keyed_repeat(const struct keyed *k, size_t n, size_t *first)
{
	size_t i, best = (size_t)-1;

	for (i = 1; i < n; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0 &&
		    (i < 2 || strcmp(k[i - 1].key, k[i - 2].key) != 0) &&
		    k[i].idx < best) {
			best = k[i].idx;
			*first = k[i - 1].idx;
		}
	return best;
}

/* The place of key in k[0..n), sorted, or (size_t)-1. */
static size_t
keyed_find(const struct keyed *k, size_t n, const char *key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(k[mid].key, key);

		if (c == 0)
			return k[mid].idx;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

struct loader {
	struct ais_rules *r;
	struct ais_arena *a;
	yaml_document_t *doc;
	const struct ais_rule_file *file;
	struct ais_error *err;
	struct ais_jurisdiction *j;
	struct named_source *sources;
	size_t nsources;
	struct keyed *doc_index;	/* documents by id */
	struct keyed *source_index;	/* sources by name */
	struct keyed *pub_index;	/* publications by key */
};

static int
lerr(struct loader *L, const yaml_node_t *n, size_t line_off, size_t col,
	const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Fails at node n (or, when col is not 0, at that 1-based column of the
 * line line_off lines below n's first line). */
static int
lerr(struct loader *L, const yaml_node_t *n, size_t line_off, size_t col,
	const char *fmt, ...)
{
	va_list ap;
	int line = n ? (int)n->start_mark.line + 1 : 0;
	int column = n ? (int)n->start_mark.column + 1 : 0;

	if (col) {
		line += (int)line_off;
		column = (int)col;
	}
	ais_error_set(L->err, AIS_ERULES, L->file->name, line, column, "%s",
	    "");
	va_start(ap, fmt);
	vsnprintf(L->err->msg, sizeof L->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * s as a message quotes it: whole when it is at most 64 bytes, else its
 * first whole characters and "..." (a copy in the arena).
 */
static const char *
quote(struct loader *L, const char *s)
{
	size_t n = strnlen(s, 65), k = 0;
	char *q;

	if (n <= 64)
		return s;
	while (k < 61) {
		size_t c = 1;

		while ((((unsigned char)s[k + c]) & 0xc0) == 0x80)
			c++;
		if (k + c > 61)
			break;
		k += c;
	}
	q = ais_arena_alloc(L->a, k + 4);
	memcpy(q, s, k);
	memcpy(q + k, "...", 4);
	return q;
}

static yaml_node_t *
node(struct loader *L, int id)
{
	return yaml_document_get_node(L->doc, id);
}

static const char *
kind_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a scalar";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

/*
 * Checks that n is a mapping whose keys are distinct scalars, each one of
 * allowed (NULL-terminated).  what names n in messages.
 */
static int
check_keys(struct loader *L, const yaml_node_t *n, const char *what,
	const char *const *allowed)
{
	yaml_node_pair_t *p, *q;

	if (n->type != YAML_MAPPING_NODE)
		return lerr(L, n, 0, 0, "%s must be a mapping, not %s", what,
		    kind_name(n));
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = node(L, p->key);
		const char *ks;
		size_t i, kl;
		const char *hint;

		if (k->type != YAML_SCALAR_NODE)
			return lerr(L, k, 0, 0, "keys must be plain names");
		ks = (const char *)k->data.scalar.value;
		kl = k->data.scalar.length;
		for (q = n->data.mapping.pairs.start; q < p; q++) {
			yaml_node_t *k2 = node(L, q->key);

			if (k2->data.scalar.length == kl &&
			    memcmp(k2->data.scalar.value, ks, kl) == 0)
				return lerr(L, k, 0, 0, "duplicate key '%s' (first "
				    "at line %d)", quote(L, ks),
				    (int)k2->start_mark.line + 1);
		}
		for (i = 0; allowed[i]; i++)
			if (strlen(allowed[i]) == kl &&
			    memcmp(allowed[i], ks, kl) == 0)
				break;
		if (allowed[i])
			continue;
		hint = ais_suggest(ks, kl, allowed);
		if (hint)
			return lerr(L, k, 0, 0, "unknown key '%s' in %s; did you "
			    "mean '%s'?", quote(L, ks), what, hint);
		return lerr(L, k, 0, 0, "unknown key '%s' in %s", quote(L, ks),
		    what);
	}
	return 0;
}

/*
 * The pair of key in mapping n, or NULL: find and find_key read it.  A key
 * that is not a scalar matches nothing (check_keys refuses it where keys
 * are checked).
 */
static yaml_node_pair_t *
find_pair(struct loader *L, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p;
	size_t kl = strlen(key);

	if (!n || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = node(L, p->key);

		if (k->type == YAML_SCALAR_NODE &&
		    k->data.scalar.length == kl &&
		    memcmp(k->data.scalar.value, key, kl) == 0)
			return p;
	}
	return NULL;
}

/* The value of key in mapping n, or NULL. */
static yaml_node_t *
find(struct loader *L, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p = find_pair(L, n, key);

	return p ? node(L, p->value) : NULL;
}

/* The value of key in n, required: fails when absent. */
static yaml_node_t *
need(struct loader *L, const yaml_node_t *n, const char *key,
	const char *what)
{
	yaml_node_t *v = find(L, n, key);

	if (!v)
		lerr(L, n, 0, 0, "%s needs '%s'", what, key);
	return v;
}

static int
scalar(struct loader *L, const yaml_node_t *n, const char *key,
	const char **out)
{
	if (n->type != YAML_SCALAR_NODE)
		return lerr(L, n, 0, 0, "'%s' must be a scalar, not %s", key,
		    kind_name(n));
	*out = ais_arena_strndup(L->a, (const char *)n->data.scalar.value,
	    n->data.scalar.length);
	return 0;
}

/* A string value of key in n: *out stays NULL when absent and optional. */
static int
get_str(struct loader *L, const yaml_node_t *n, const char *key,
	const char *what, int required, const char **out)
{
	yaml_node_t *v = required ? need(L, n, key, what) : find(L, n, key);

	if (!v)
		return required ? -1 : 0;
	if (scalar(L, v, key, out) < 0)
		return -1;
	if (!**out)
		return lerr(L, v, 0, 0, "'%s' must not be empty", key);
	return 0;
}

/*
 * A text in both languages: v must be the mapping {zh: ..., en: ...}, both
 * given and not empty.  A result is told in either language, so a plain
 * string is refused rather than shown untranslated in the other.  what
 * names v in messages: "'says'", or "an entry of 'notes'".
 */
static int
l10n_node(struct loader *L, const yaml_node_t *v, const char *what,
	struct ais_l10n *out)
{
	static const char *const keys[] = { "zh", "en", NULL };
	static const char *const langs[] = { "Chinese", "English" };
	const char **slot[2] = { &out->zh, &out->en };
	int i;

	out->zh = out->en = NULL;
	if (v->type == YAML_SCALAR_NODE)
		return lerr(L, v, 0, 0, "%s needs both languages: "
		    "{zh: ..., en: ...}", what);
	if (v->type != YAML_MAPPING_NODE)
		return lerr(L, v, 0, 0, "%s must be a text {zh: ..., en: ...}, "
		    "not %s", what, kind_name(v));
	if (check_keys(L, v, what, keys) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		yaml_node_t *t = find(L, v, keys[i]);

		if (!t)
			return lerr(L, v, 0, 0, "%s needs both languages: "
			    "'%s' (%s) is missing", what, keys[i], langs[i]);
		if (scalar(L, t, keys[i], slot[i]) < 0)
			return -1;
		if (!**slot[i])
			return lerr(L, t, 0, 0, "'%s' (%s) of %s must not be "
			    "empty", keys[i], langs[i], what);
	}
	return 0;
}

static int
get_l10n(struct loader *L, const yaml_node_t *n, const char *key,
	const char *what, int required, struct ais_l10n *out)
{
	yaml_node_t *v = required ? need(L, n, key, what) : find(L, n, key);
	char name[64];

	out->zh = out->en = NULL;
	if (!v)
		return required ? -1 : 0;
	snprintf(name, sizeof name, "'%s'", key);
	return l10n_node(L, v, name, out);
}

/* A list of texts in both languages: an array in *out, count in *n. */
static int
get_l10n_list(struct loader *L, const yaml_node_t *n, const char *key,
	const struct ais_l10n **out, size_t *count)
{
	yaml_node_t *v = find(L, n, key);
	yaml_node_item_t *it;
	struct ais_l10n *a;
	size_t i = 0;
	char what[64];

	*out = NULL;
	*count = 0;
	if (!v)
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return lerr(L, v, 0, 0, "'%s' must be a list, not %s", key,
		    kind_name(v));
	snprintf(what, sizeof what, "an entry of '%s'", key);
	a = ais_arena_alloc(L->a, sizeof *a * (size_t)(v->data.sequence.items.top
	    - v->data.sequence.items.start + 1));
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	    it++, i++)
		if (l10n_node(L, node(L, *it), what, &a[i]) < 0)
			return -1;
	*out = a;
	*count = i;
	return 0;
}

static int
get_date(struct loader *L, const yaml_node_t *n, const char *key,
	ais_date *out, ais_date dflt)
{
	yaml_node_t *v = find(L, n, key);
	const char *s = NULL;

	*out = dflt;
	if (!v)
		return 0;
	if (scalar(L, v, key, &s) < 0)
		return -1;
	if (ais_date_parse(s, strlen(s), out) < 0)
		return lerr(L, v, 0, 0, "'%s' must be a date YYYY-MM-DD, not "
		    "'%s'", key, quote(L, s));
	return 0;
}

static int
get_enum(struct loader *L, const yaml_node_t *n, const char *key,
	const char *what, const char *const *values, int required,
	const char **out)
{
	yaml_node_t *v;
	const char *hint;
	int i;

	if (get_str(L, n, key, what, required, out) < 0)
		return -1;
	if (!*out)
		return 0;
	v = find(L, n, key);
	for (i = 0; values[i]; i++)
		if (strcmp(values[i], *out) == 0)
			return 0;
	hint = ais_suggest(*out, strlen(*out), values);
	if (hint)
		return lerr(L, v, 0, 0, "'%s' is not a valid %s; did you mean "
		    "'%s'?", quote(L, *out), key, hint);
	return lerr(L, v, 0, 0, "'%s' is not a valid %s", quote(L, *out), key);
}

/* A list of strings: NULL-terminated array in *out, count in *n. */
static int
get_strings(struct loader *L, const yaml_node_t *n, const char *key,
	const char ***out, size_t *count)
{
	yaml_node_t *v = find(L, n, key);
	yaml_node_item_t *it;
	size_t i = 0;

	*out = ais_arena_alloc(L->a, sizeof **out);
	if (count)
		*count = 0;
	if (!v)
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return lerr(L, v, 0, 0, "'%s' must be a list, not %s", key,
		    kind_name(v));
	*out = ais_arena_alloc(L->a, sizeof **out *
	    (size_t)(v->data.sequence.items.top - v->data.sequence.items.start
	    + 1));
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	    it++) {
		if (scalar(L, node(L, *it), key, &(*out)[i]) < 0)
			return -1;
		i++;
	}
	if (count)
		*count = i;
	return 0;
}

/* Whether b is the first byte of a UTF-8 character. */
static int
char_start(char b)
{
	return ((unsigned char)b & 0xc0) != 0x80;
}

/*
 * Fails at byte off of the expression held by scalar node v, placed in the
 * file the way libyaml places things: line, and column in characters.  The
 * scalar's text is walked in the file beside its value, since folding
 * turns a line break and the next line's indentation into one space.
 */
static int
expr_error(struct loader *L, const yaml_node_t *v, size_t off,
	const char *msg)
{
	const char *p = L->file->data, *end = L->file->data + L->file->len;
	const char *ls, *q;
	size_t line = v->start_mark.line, k, vi = 0, indent = 0;
	int block = v->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
	    v->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
	int col = 1;

	for (k = line; k > 0 && p < end; p++)
		if (*p == '\n')
			k--;
	ls = p;
	for (k = v->start_mark.column; k > 0 && p < end; k--)
		do
			p++;
		while (p < end && !char_start(*p));
	if (block) {
		while (p < end && *p != '\n')
			p++;
		ls = p = p < end ? p + 1 : p;
		line++;
		while (p < end && *p == ' ')
			p++;
		indent = (size_t)(p - ls);
	} else if (v->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
		p++;	/* the opening quote */
	}
	while (vi < off && p < end) {
		if (*p == '\n') {
			vi++;
			line++;
			ls = ++p;
			for (k = 0; p < end && (*p == ' ' || *p == '\t') &&
			    (!block || k < indent); k++)
				p++;
			continue;
		}
		p++;
		vi++;
	}
	for (q = ls; q < p; q++)
		col += char_start(*q);
	return lerr(L, v, line - v->start_mark.line, (size_t)col, "%s", msg);
}

static int
compile(struct loader *L, const yaml_node_t *v, const char *key,
	const struct ais_field *item, int want, const struct ais_expr **out)
{
	char msg[256];
	size_t off = 0;

	if (v->type != YAML_SCALAR_NODE)
		return lerr(L, v, 0, 0, "'%s' must be an expression, not %s",
		    key, kind_name(v));
	*out = ais_expr_compile(L->a, L->r->schema,
	    (const char *)v->data.scalar.value, v->data.scalar.length, item,
	    want, &off, msg, sizeof msg);
	if (!*out)
		return expr_error(L, v, off, msg);
	return 0;
}

static const char *const source_keys[] = {
	"document", "published", "article", "clause", "confidence", "url",
	"retrieved", "note", NULL
};
static const char *const confidences[] = {
	"official", "reprint", "quoted", "report", "draft", "assumed", NULL
};

int
ais_confidence_below_quoted(const char *c)
{
	return c && (strcmp(c, "report") == 0 || strcmp(c, "draft") == 0 ||
	    strcmp(c, "assumed") == 0 || strcmp(c, "proposal") == 0);
}

static const struct ais_document *
find_document(struct loader *L, const char *id)
{
	size_t i = keyed_find(L->doc_index, L->j->ndocuments, id);

	return i == (size_t)-1 ? NULL : &L->j->documents[i];
}

/* An address: http:// or https:// and something after it. */
static int
get_url(struct loader *L, const yaml_node_t *n, const char *what,
	const char **out)
{
	if (get_str(L, n, "url", what, 0, out) < 0)
		return -1;
	if (*out && !((strncmp(*out, "http://", 7) == 0 && (*out)[7]) ||
	    (strncmp(*out, "https://", 8) == 0 && (*out)[8])))
		return lerr(L, find(L, n, "url"), 0, 0, "'url' must be an "
		    "address starting with https:// or http://, not '%s'",
		    quote(L, *out));
	return 0;
}

/* The publication that n's 'published' names, or NULL when n has none:
 * a key of this file's publications, with the closest when it is not. */
static int
get_published(struct loader *L, const yaml_node_t *n, const char *what,
	const struct ais_publication **out)
{
	const char *key = NULL, **keys, *hint;
	size_t i;

	if (get_str(L, n, "published", what, 0, &key) < 0)
		return -1;
	if (!key)
		return 0;
	i = keyed_find(L->pub_index, L->j->npublications, key);
	if (i != (size_t)-1) {
		*out = &L->j->publications[i];
		return 0;
	}
	keys = ais_arena_alloc(L->a, sizeof *keys * (L->j->npublications + 1));
	for (i = 0; i < L->j->npublications; i++)
		keys[i] = L->j->publications[i].key;
	hint = ais_suggest(key, strlen(key), keys);
	return lerr(L, find(L, n, "published"), 0, 0, "no publication '%s' in "
	    "this file's publications%s%s%s", quote(L, key),
	    hint ? "; did you mean '" : "", hint ? hint : "",
	    hint ? "'?" : "");
}

static int
parse_source_map(struct loader *L, const yaml_node_t *n,
	struct ais_source *s)
{
	const char *doc = NULL;

	if (check_keys(L, n, "a source", source_keys) < 0 ||
	    get_str(L, n, "document", "a source", 1, &doc) < 0)
		return -1;
	s->document = find_document(L, doc);
	if (!s->document)
		return lerr(L, find(L, n, "document"), 0, 0, "no document '%s' "
		    "in this file's documents", quote(L, doc));
	s->published = s->document->published;
	if (get_published(L, n, "a source", &s->published) < 0 ||
	    get_str(L, n, "article", "a source", 0, &s->article) < 0 ||
	    get_str(L, n, "clause", "a source", 0, &s->clause) < 0 ||
	    get_enum(L, n, "confidence", "a source", confidences, 1,
	    &s->confidence) < 0 ||
	    get_url(L, n, "a source", &s->url) < 0 ||
	    get_date(L, n, "retrieved", &s->retrieved, AIS_DATE_MIN) < 0 ||
	    get_l10n(L, n, "note", "a source", 0, &s->note) < 0)
		return -1;
	if (s->retrieved != AIS_DATE_MIN && !s->url)
		return lerr(L, find(L, n, "retrieved"), 0, 0, "'retrieved' is "
		    "the day 'url' was read, and this source has no 'url'");
	return 0;
}

static int source_node(struct loader *L, const yaml_node_t *v,
	const struct ais_source **out);

/* A source: the name of an entry of sources:, or a mapping. */
static int
get_source(struct loader *L, const yaml_node_t *n,
	const struct ais_source **out)
{
	yaml_node_t *v = find(L, n, "source");

	if (!v)
		return 0;
	return source_node(L, v, out);
}

/* The source written at v: a name of sources:, or a mapping. */
static int
source_node(struct loader *L, const yaml_node_t *v,
	const struct ais_source **out)
{
	struct ais_source *s;
	size_t i;

	if (v->type == YAML_SCALAR_NODE) {
		const char *name = (const char *)v->data.scalar.value;
		const char **names;

		i = keyed_find(L->source_index, L->nsources, name);
		if (i != (size_t)-1) {
			*out = L->sources[i].src;
			return 0;
		}
		/* in the arena: nothing to free if memory runs out (and
		 * the list is made only on the way to an error) */
		names = ais_arena_alloc(L->a, sizeof *names *
		    (L->nsources + 1));
		for (i = 0; i < L->nsources; i++)
			names[i] = L->sources[i].name;
		{
			const char *hint = ais_suggest(name, strlen(name), names);

			if (hint)
				return lerr(L, v, 0, 0, "no source '%s' in this "
				    "file's sources; did you mean '%s'?", quote(L, name),
				    hint);
		}
		return lerr(L, v, 0, 0, "no source '%s' in this file's "
		    "sources", quote(L, name));
	}
	s = ais_arena_alloc(L->a, sizeof *s);
	if (parse_source_map(L, v, s) < 0)
		return -1;
	*out = s;
	return 0;
}

static const char *const version_keys[] = {
	"from", "until", "value", "ended", "source", "note", NULL
};
static const char *const term_keys[] = { "value", "source", "note", NULL };
/* a cap's, which may say how it accumulates */
static const char *const cap_version_keys[] = {
	"from", "until", "value", "ended", "per", "source", "note", NULL
};
static const char *const cap_term_keys[] = {
	"value", "per", "source", "note", NULL
};

/* The key node of key in mapping n, or NULL (find_pair). */
static yaml_node_t *
find_key(struct loader *L, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p = find_pair(L, n, key);

	return p ? node(L, p->key) : NULL;
}

/*
 * How the cap written as mapping n accumulates ('per', below a term or a
 * dated value): per claim when it does not say.
 */
static int
parse_per(struct loader *L, const yaml_node_t *n, enum ais_cap_per *out)
{
	yaml_node_t *v = find(L, n, "per");
	const char *s = NULL, *hint;
	int i;

	*out = AIS_PER_CLAIM;
	if (!v)
		return 0;
	if (get_str(L, n, "per", "a cap", 0, &s) < 0)
		return -1;
	for (i = 0; ais_cap_per_names[i]; i++)
		if (strcmp(ais_cap_per_names[i], s) == 0) {
			*out = (enum ais_cap_per)i;
			return 0;
		}
	hint = ais_suggest(s, strlen(s), ais_cap_per_names);
	return lerr(L, v, 0, 0, "'%s' is not how a cap accumulates (claim, "
	    "year or cumulative)%s%s%s", quote(L, s),
	    hint ? "; did you mean '" : "", hint ? hint : "",
	    hint ? "'?" : "");
}

static int
parse_version(struct loader *L, const yaml_node_t *n, const char *key,
	const struct ais_field *item, int want, const struct ais_source *dflt,
	struct ais_version *v, int dated)
{
	yaml_node_t *val, *ended;
	int cap = strcmp(key, "cap") == 0;

	v->id = L->r->nversions++;
	v->from = AIS_DATE_MIN;
	v->until = AIS_DATE_MAX;
	v->source = dflt;
	v->per = AIS_PER_CLAIM;
	if (n->type == YAML_SCALAR_NODE && !dated)
		return compile(L, n, key, item, want, &v->expr);
	if (!cap && find_key(L, n, "per"))
		return lerr(L, find_key(L, n, "per"), 0, 0, "'per' says how a "
		    "cap accumulates, and '%s' is not a cap", key);
	if (check_keys(L, n, dated ? "a dated value" : "a term",
	    cap ? (dated ? cap_version_keys : cap_term_keys) :
	    dated ? version_keys : term_keys) < 0 ||
	    get_source(L, n, &v->source) < 0 ||
	    get_l10n(L, n, "note", key, 0, &v->note) < 0 ||
	    (cap && parse_per(L, n, &v->per) < 0))
		return -1;
	if (dated && (get_date(L, n, "from", &v->from, AIS_DATE_MIN) < 0 ||
	    get_date(L, n, "until", &v->until, AIS_DATE_MAX) < 0))
		return -1;
	if (dated && !find(L, n, "from"))
		return lerr(L, n, 0, 0, "a dated value of '%s' needs 'from'",
		    key);
	if (v->until < v->from)
		return lerr(L, find(L, n, "until"), 0, 0, "'until' is before "
		    "'from'");
	val = find(L, n, "value");
	ended = find(L, n, "ended");
	if (ended) {
		if (ended->type != YAML_SCALAR_NODE ||
		    strcmp((const char *)ended->data.scalar.value, "true") != 0)
			return lerr(L, ended, 0, 0, "'ended' can only be true");
		if (val)
			return lerr(L, val, 0, 0, "a value that has ended has "
			    "no 'value'");
		if (find(L, n, "per"))
			return lerr(L, find(L, n, "per"), 0, 0, "a value that "
			    "has ended has no 'per'");
		v->ended = 1;
	} else if (!val) {
		return lerr(L, n, 0, 0, "'%s' needs 'value'%s", key,
		    dated ? " or 'ended: true'" : "");
	} else if (compile(L, val, key, item, want, &v->expr) < 0) {
		return -1;
	}
	if (!v->source)
		return lerr(L, n, 0, 0, "'%s' has no source: give it 'source', "
		    "or give one to its award or program", key);
	return 0;
}

/* A term: an expression, {value, source}, or a list of dated values. */
static int
parse_term(struct loader *L, const yaml_node_t *parent, const char *key,
	const struct ais_field *item, int want, const struct ais_source *dflt,
	struct ais_term *t)
{
	yaml_node_t *n = find(L, parent, key);
	yaml_node_item_t *it;
	size_t i;

	t->name = key;
	if (!n)
		return 0;
	if (n->type != YAML_SEQUENCE_NODE) {
		t->v = ais_arena_alloc(L->a, sizeof *t->v);
		t->n = 1;
		if (n->type == YAML_SCALAR_NODE && !dflt)
			return lerr(L, n, 0, 0, "'%s' has no source: give it "
			    "'source', or give one to its award or program",
			    key);
		return parse_version(L, n, key, item, want, dflt, t->v, 0);
	}
	t->n = (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start);
	if (t->n == 0)
		return lerr(L, n, 0, 0, "'%s' has no values", key);
	t->v = ais_arena_alloc(L->a, sizeof *t->v * t->n);
	for (it = n->data.sequence.items.start, i = 0;
	    it < n->data.sequence.items.top; it++, i++) {
		yaml_node_t *vn = node(L, *it);

		if (vn->type != YAML_MAPPING_NODE)
			return lerr(L, vn, 0, 0, "a dated value must be a "
			    "mapping with 'from' and 'value'");
		if (parse_version(L, vn, key, item, want, dflt, &t->v[i], 1) <
		    0)
			return -1;
		if (i > 0 && t->v[i].from <= t->v[i - 1].from)
			return lerr(L, find(L, vn, "from"), 0, 0, "dated values "
			    "of '%s' out of order: each 'from' must come after "
			    "the one before", key);
		/* an open end closes the day before the next value starts */
		if (i > 0 && t->v[i - 1].until == AIS_DATE_MAX)
			t->v[i - 1].until = t->v[i].from - 1;
		else if (i > 0 && t->v[i - 1].until >= t->v[i].from)
			return lerr(L, find(L, vn, "from"), 0, 0, "dated values "
			    "of '%s' overlap", key);
	}
	return 0;
}

static int
parse_valid(struct loader *L, const yaml_node_t *n, ais_date *from,
	ais_date *until)
{
	static const char *const keys[] = { "from", "until", NULL };
	yaml_node_t *v = find(L, n, "valid");

	if (!v)
		return 0;
	if (check_keys(L, v, "'valid'", keys) < 0 ||
	    get_date(L, v, "from", from, *from) < 0 ||
	    get_date(L, v, "until", until, *until) < 0)
		return -1;
	if (*until < *from)
		return lerr(L, v, 0, 0, "'until' is before 'from'");
	return 0;
}

static int
parse_conditions(struct loader *L, const yaml_node_t *parent,
	const char *key, const struct ais_field *item,
	const struct ais_source *dflt, struct ais_condition **out, size_t *n)
{
	static const char *const keys[] = { "says", "test", "source", NULL };
	yaml_node_t *v = find(L, parent, key);
	yaml_node_item_t *it;
	size_t i = 0;

	*n = 0;
	if (!v)
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return lerr(L, v, 0, 0, "'%s' must be a list of conditions",
		    key);
	*out = ais_arena_alloc(L->a, sizeof **out *
	    (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start + 1));
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top;
	    it++, i++) {
		yaml_node_t *c = node(L, *it);
		struct ais_condition *cd = &(*out)[i];
		const struct ais_source *src = dflt;

		if (check_keys(L, c, "a condition", keys) < 0 ||
		    get_source(L, c, &src) < 0 ||
		    get_l10n(L, c, "says", "a condition", 1, &cd->says) < 0 ||
		    !need(L, c, "test", "a condition") ||
		    parse_term(L, c, "test", item, AIS_E_BOOL, src,
		    &cd->test) < 0)
			return -1;
	}
	*n = i;
	return 0;
}

/*
 * The cap of an 'each' award is per entry, and a prior award names a
 * program, not an entry: no prior award could be counted against it.
 * Fails at the 'per' of the first version of cap t (written at node cn)
 * that accumulates.
 */
static int
refuse_accumulating(struct loader *L, const yaml_node_t *cn,
	const struct ais_term *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const yaml_node_t *vn = cn;

		if (t->v[i].per == AIS_PER_CLAIM)
			continue;
		if (cn->type == YAML_SEQUENCE_NODE)
			vn = node(L, cn->data.sequence.items.start[i]);
		return lerr(L, find(L, vn, "per"), 0, 0, "the cap of an 'each' "
		    "award is per entry and cannot accumulate ('per: %s'): "
		    "prior awards are per program, so give the program a "
		    "'cap' with 'per'", ais_cap_per_names[t->v[i].per]);
	}
	return 0;
}

static int parse_applicants(struct loader *L, const yaml_node_t *n, int *any,
	unsigned *mask, const char **text);

/*
 * A formula award with both 'cap' (what it pays, 原则上) and 'ceiling'
 * (the most it may pay, 最高): a constant ceiling below a constant cap is
 * a contradiction, refused at the ceiling.  Dated values are compared
 * where both are in force on the same days.
 */
static int
ceiling_below_cap(struct loader *L, const yaml_node_t *n,
	const struct ais_award *aw)
{
	size_t i, k;

	for (i = 0; i < aw->ceiling.n; i++)
		for (k = 0; k < aw->cap.n; k++) {
			const struct ais_version *cv = &aw->ceiling.v[i];
			const struct ais_version *pv = &aw->cap.v[k];
			struct ais_dec ce, ca;
			int64_t fce, fca;

			if (cv->until < pv->from || pv->until < cv->from ||
			    !ais_version_const(cv, &ce) ||
			    !ais_version_const(pv, &ca) ||
			    ais_dec_round_fen(ce, &fce) < 0 ||
			    ais_dec_round_fen(ca, &fca) < 0 || fce >= fca)
				continue;
			return lerr(L, find(L, n, "ceiling"), 0, 0, "'ceiling' "
			    "(%s) is below 'cap' (%s): the ceiling is the most "
			    "the award may pay, the cap what it pays as a rule",
			    ais_expr_text(cv->expr), ais_expr_text(pv->expr));
		}
	return 0;
}

/*
 * A draft for comment (征求意見稿) is not yet the policy: a figure that
 * pays may not rest on it alone.  Fails at the first version of term t
 * (written at node tn) whose source is a draft.
 */
static int
refuse_draft(struct loader *L, const yaml_node_t *tn, const struct ais_term *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct ais_source *s = t->v[i].source;
		const yaml_node_t *vn = tn;

		if (!s || strcmp(s->confidence, "draft") != 0 || t->v[i].ended)
			continue;
		if (tn->type == YAML_SEQUENCE_NODE)
			vn = node(L, tn->data.sequence.items.start[i]);
		return lerr(L, vn, 0, 0, "'%s' rests on a draft for comment "
		    "(source%s%s%s has confidence: draft), and a draft never "
		    "pays: cite the adopted text, or make the award "
		    "unquantified", t->name, s->name ? " '" : "",
		    s->name ? s->name : "", s->name ? "'" : "");
	}
	return 0;
}

static int
parse_award(struct loader *L, const yaml_node_t *n, struct ais_program *pg,
	struct ais_award *aw, size_t idx)
{
	static const char *const keys[] = {
		"label", "basis", "valid", "when", "each", "where", "project",
		"base", "rate", "cap", "amount", "ceiling", "source",
		"applicants", "manual_checks", NULL
	};
	const struct ais_source *src = pg->source;
	const char *basis = NULL;
	const struct ais_field *item = NULL;
	yaml_node_t *each;
	int i;
	char label[32];

	if (check_keys(L, n, "an award", keys) < 0 ||
	    get_source(L, n, &src) < 0 ||
	    (aw->source = src, 0) ||
	    get_l10n(L, n, "label", "an award", 0, &aw->label) < 0 ||
	    get_enum(L, n, "basis", "an award", ais_basis_names, 1, &basis) < 0 ||
	    get_str(L, n, "project", "an award", 0, &aw->project) < 0 ||
	    parse_applicants(L, n, &aw->any_applicant, &aw->applicants,
	    &aw->applicants_text) < 0 ||
	    get_l10n_list(L, n, "manual_checks", &aw->manual_checks,
	    &aw->nmanual) < 0)
		return -1;
	if (!aw->any_applicant && !pg->any_applicant &&
	    (aw->applicants & ~pg->applicants)) {
		/* a kind the program refuses never reaches the award */
		const char *const *kinds = L->r->schema->fields[AIS_P_KIND].enums;

		for (i = 0; !(aw->applicants & ~pg->applicants & (1u << i)); i++)
			;
		return lerr(L, find(L, n, "applicants"), 0, 0, "'%s' is not "
		    "among the program's applicants (%s): the award can go "
		    "only to kinds that may apply", kinds[i],
		    pg->applicants_text);
	}
	if (!aw->label.en) {
		snprintf(label, sizeof label, "award %zu", idx + 1);
		aw->label.en = ais_arena_strdup(L->a, label);
		snprintf(label, sizeof label, "第%zu项", idx + 1);
		aw->label.zh = ais_arena_strdup(L->a, label);
	}
	for (i = 0; ais_basis_names[i]; i++)
		if (strcmp(basis, ais_basis_names[i]) == 0)
			aw->basis = (enum ais_basis)i;
	aw->from = AIS_DATE_MIN;
	aw->until = AIS_DATE_MAX;
	if (parse_valid(L, n, &aw->from, &aw->until) < 0)
		return -1;
	each = find(L, n, "each");
	if (each) {
		const struct ais_expr *le;

		if (compile(L, each, "each", NULL, AIS_E_LIST, &le) < 0)
			return -1;
		item = ais_expr_list_field(le);
		if (!item || item < L->r->schema->fields ||
		    item >= L->r->schema->fields + L->r->schema->n)
			return lerr(L, each, 0, 0, "'each' must name a list of "
			    "the profile");
		aw->each = item;
		if (find(L, n, "where") && compile(L, find(L, n, "where"),
		    "where", item, AIS_E_BOOL, &aw->where) < 0)
			return -1;
	} else if (find(L, n, "where")) {
		return lerr(L, find(L, n, "where"), 0, 0, "'where' filters the "
		    "entries of 'each', and this award has no 'each'");
	}
	if (parse_conditions(L, n, "when", item, src, &aw->when, &aw->nwhen) < 0
	    || parse_term(L, n, "base", item, AIS_E_NUM, src, &aw->base) < 0 ||
	    parse_term(L, n, "rate", item, AIS_E_NUM, src, &aw->rate) < 0 ||
	    parse_term(L, n, "cap", item, AIS_E_NUM, src, &aw->cap) < 0 ||
	    parse_term(L, n, "amount", item, AIS_E_NUM, src, &aw->amount) < 0 ||
	    parse_term(L, n, "ceiling", item, AIS_E_NUM, src, &aw->ceiling) < 0)
		return -1;
	if (aw->each && refuse_accumulating(L, find(L, n, "cap"), &aw->cap) < 0)
		return -1;
	if ((aw->base.n && refuse_draft(L, find(L, n, "base"), &aw->base) < 0) ||
	    (aw->rate.n && refuse_draft(L, find(L, n, "rate"), &aw->rate) < 0) ||
	    (aw->amount.n && refuse_draft(L, find(L, n, "amount"),
	    &aw->amount) < 0) ||
	    (aw->ceiling.n && refuse_draft(L, find(L, n, "ceiling"),
	    &aw->ceiling) < 0))
		return -1;
	switch (aw->basis) {
	case AIS_BASIS_FORMULA:
		if (!aw->base.n)
			return lerr(L, n, 0, 0, "a formula award needs 'base'");
		if (aw->amount.n)
			return lerr(L, n, 0, 0, "a formula award has 'base', "
			    "'rate', 'cap' and 'ceiling', not 'amount'");
		if (aw->ceiling.n && !aw->cap.n)
			return lerr(L, find(L, n, "ceiling"), 0, 0, "a formula's "
			    "'ceiling' is the most it may pay besides its 'cap' "
			    "(what it pays as a rule): give 'cap' too, or write "
			    "the ceiling as 'cap'");
		if (ceiling_below_cap(L, n, aw) < 0)
			return -1;
		break;
	case AIS_BASIS_FIXED:
		if (!aw->amount.n)
			return lerr(L, n, 0, 0, "a fixed award needs 'amount'");
		if (aw->base.n || aw->rate.n || aw->ceiling.n)
			return lerr(L, n, 0, 0, "a fixed award has 'amount' "
			    "(and 'cap'), not 'base', 'rate' or 'ceiling'");
		break;
	case AIS_BASIS_CEILING:
		/* the ceiling given, or worked out as base x rate (at most
		 * cap) */
		if (aw->ceiling.n && (aw->base.n || aw->rate.n || aw->cap.n))
			return lerr(L, n, 0, 0, "a ceiling award has 'ceiling', "
			    "or 'base' and 'rate' (and 'cap'), not both");
		if (!aw->ceiling.n && !aw->base.n)
			return lerr(L, n, 0, 0, "a ceiling award needs "
			    "'ceiling', or 'base' and 'rate'");
		if (aw->amount.n)
			return lerr(L, n, 0, 0, "a ceiling award has no "
			    "'amount': the amount is decided on review");
		break;
	case AIS_BASIS_UNQUANTIFIED:
		if (aw->base.n || aw->rate.n || aw->amount.n || aw->ceiling.n ||
		    aw->cap.n)
			return lerr(L, n, 0, 0, "an unquantified award has no "
			    "figures");
		break;
	}
	return 0;
}

static int
parse_pool(struct loader *L, const yaml_node_t *pn, struct ais_program *pg)
{
	static const char *const keys[] = {
		"amount", "per", "allocation", "shared_with", "source", "note",
		NULL
	};
	static const char *const pers[] = { "year", "total", NULL };
	static const char *const allocs[] = { "pro_rata", "first_come", NULL };
	yaml_node_t *n = find(L, pn, "pool");
	const struct ais_source *src = pg->source;
	struct ais_pool *p = &pg->pool;
	size_t i;

	if (!n)
		return 0;
	p->present = 1;
	if (check_keys(L, n, "a pool", keys) < 0 ||
	    get_source(L, n, &src) < 0 ||
	    !need(L, n, "amount", "a pool") ||
	    parse_term(L, n, "amount", NULL, AIS_E_NUM, src, &p->amount) < 0 ||
	    get_enum(L, n, "per", "a pool", pers, 1, &p->per) < 0 ||
	    get_enum(L, n, "allocation", "a pool", allocs, 0,
	    &p->allocation) < 0 ||
	    get_strings(L, n, "shared_with", &p->shared_with, NULL) < 0 ||
	    get_l10n(L, n, "note", "a pool", 0, &p->note) < 0)
		return -1;
	if (!p->allocation)
		p->allocation = "pro_rata";
	for (i = 0; i < p->amount.n; i++)
		if (p->amount.v[i].expr &&
		    !ais_expr_is_const(p->amount.v[i].expr))
			return lerr(L, find(L, n, "amount"), 0, 0, "a pool's "
			    "amount is a number, not a formula");
	return 0;
}

const char *const ais_payouts[] = {
	"免申即享", "即申即享", "快申快享", "易申快享", "申领核销", "事后奖补",
	"使用后直补", NULL
};

/*
 * A part of a guide, written at v as {value: X, source: S} or as X alone:
 * *val is X's node, *src its source (dflt when it names none).
 */
static int
guide_part(struct loader *L, const yaml_node_t *v, const char *key,
	const struct ais_source *dflt, const yaml_node_t **val,
	const struct ais_source **src)
{
	static const char *const keys[] = { "value", "source", NULL };
	char what[48];

	*src = dflt;
	*val = v;
	if (v->type != YAML_MAPPING_NODE || !find(L, v, "value"))
		return 0;
	snprintf(what, sizeof what, "'%s' of a guide", key);
	if (check_keys(L, v, what, keys) < 0 || get_source(L, v, src) < 0)
		return -1;
	*val = find(L, v, "value");
	return 0;
}

/* agency or channel of a guide: a text {zh, en}, or {value: text,
 * source}. */
static int
guide_text(struct loader *L, const yaml_node_t *g, const char *key,
	const struct ais_source *dflt, struct ais_guide_text *out)
{
	yaml_node_t *v = find(L, g, key);
	const yaml_node_t *val;
	char what[48];

	if (!v)
		return 0;
	snprintf(what, sizeof what, "'%s'", key);
	if (guide_part(L, v, key, dflt, &val, &out->source) < 0)
		return -1;
	return l10n_node(L, val, what, &out->text);
}

/* A program's 'guide:' (docs/rules.md, "The application guide"). */
static int
parse_guide(struct loader *L, const yaml_node_t *pn, struct ais_program *pg)
{
	static const char *const keys[] = {
		"agency", "channel", "window", "materials", "payout", NULL
	};
	static const char *const wkeys[] = {
		"from", "until", "label", "source", NULL
	};
	struct ais_guide *g = &pg->guide;
	yaml_node_t *n = find(L, pn, "guide"), *v;
	const yaml_node_t *val;
	yaml_node_item_t *it;
	size_t i;

	if (!n)
		return 0;
	g->present = 1;
	if (check_keys(L, n, "a guide", keys) < 0 ||
	    guide_text(L, n, "agency", pg->source, &g->agency) < 0 ||
	    guide_text(L, n, "channel", pg->source, &g->channel) < 0)
		return -1;
	v = find(L, n, "window");
	if (v) {
		if (v->type != YAML_SEQUENCE_NODE || v->data.sequence.items.top
		    == v->data.sequence.items.start)
			return lerr(L, v, 0, 0, "'window' must be a list of "
			    "rounds {from, until}");
		g->nwindows = (size_t)(v->data.sequence.items.top -
		    v->data.sequence.items.start);
		g->windows = ais_arena_alloc(L->a, sizeof *g->windows *
		    g->nwindows);
		for (it = v->data.sequence.items.start, i = 0;
		    it < v->data.sequence.items.top; it++, i++) {
			yaml_node_t *w = node(L, *it);
			struct ais_guide_window *gw = &g->windows[i];

			gw->source = pg->source;
			if (check_keys(L, w, "a window", wkeys) < 0 ||
			    !need(L, w, "from", "a window") ||
			    !need(L, w, "until", "a window") ||
			    get_date(L, w, "from", &gw->from, AIS_DATE_MIN) < 0 ||
			    get_date(L, w, "until", &gw->until, AIS_DATE_MAX) < 0
			    || get_l10n(L, w, "label", "a window", 0,
			    &gw->label) < 0 || get_source(L, w, &gw->source) < 0)
				return -1;
			if (gw->until < gw->from)
				return lerr(L, find(L, w, "until"), 0, 0,
				    "'until' is before 'from'");
		}
	}
	v = find(L, n, "materials");
	if (v) {
		if (guide_part(L, v, "materials", pg->source, &val,
		    &g->materials_source) < 0)
			return -1;
		if (val->type != YAML_SEQUENCE_NODE || val->data.sequence.items.top
		    == val->data.sequence.items.start)
			return lerr(L, val, 0, 0, "'materials' must be a list of "
			    "texts {zh: ..., en: ...}");
		/* the list is the value of 'materials' or of its 'value' */
		if (get_l10n_list(L, val == v ? n : v, val == v ? "materials" :
		    "value", &g->materials, &g->nmaterials) < 0)
			return -1;
	}
	v = find(L, n, "payout");
	if (v) {
		const char *s = NULL, *hint;

		if (guide_part(L, v, "payout", pg->source, &val,
		    &g->payout_source) < 0 ||
		    scalar(L, val, "payout", &s) < 0)
			return -1;
		for (i = 0; ais_payouts[i]; i++)
			if (strcmp(ais_payouts[i], s) == 0)
				g->payout = ais_payouts[i];
		if (!g->payout) {
			hint = ais_suggest(s, strlen(s), ais_payouts);
			return lerr(L, val, 0, 0, "'%s' is not a way of paying "
			    "(免申即享, 即申即享, 快申快享, 易申快享, 申领核销, "
			    "事后奖补 or 使用后直补)%s%s%s", quote(L, s),
			    hint ? "; did you mean '" : "", hint ? hint : "",
			    hint ? "'?" : "");
		}
	}
	return 0;
}

/*
 * A program's 'source:' written as a list of {from, until, source}: the
 * headline source changes with the claim date.  The first entry's source
 * is the default of the program's terms (in pg->source).
 */
static int
parse_dated_sources(struct loader *L, const yaml_node_t *v,
	struct ais_program *pg)
{
	static const char *const keys[] = { "from", "until", "source", NULL };
	struct ais_dated_source *ds;
	yaml_node_item_t *it;
	size_t i, n = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);

	if (n == 0)
		return lerr(L, v, 0, 0, "'source' has no entries");
	ds = ais_arena_alloc(L->a, sizeof *ds * n);
	for (it = v->data.sequence.items.start, i = 0;
	    it < v->data.sequence.items.top; it++, i++) {
		yaml_node_t *e = node(L, *it);

		if (check_keys(L, e, "a dated source", keys) < 0 ||
		    !need(L, e, "from", "a dated source") ||
		    !need(L, e, "source", "a dated source") ||
		    get_date(L, e, "from", &ds[i].from, AIS_DATE_MIN) < 0 ||
		    get_date(L, e, "until", &ds[i].until, AIS_DATE_MAX) < 0 ||
		    get_source(L, e, &ds[i].source) < 0)
			return -1;
		if (ds[i].until < ds[i].from)
			return lerr(L, find(L, e, "until"), 0, 0, "'until' is "
			    "before 'from'");
		if (i > 0 && ds[i].from <= ds[i - 1].from)
			return lerr(L, find(L, e, "from"), 0, 0, "dated sources "
			    "out of order: each 'from' must come after the one "
			    "before");
		if (i > 0 && ds[i - 1].until == AIS_DATE_MAX)
			ds[i - 1].until = ds[i].from - 1;
		else if (i > 0 && ds[i - 1].until >= ds[i].from)
			return lerr(L, find(L, e, "from"), 0, 0, "dated sources "
			    "overlap");
	}
	pg->sources = ds;
	pg->nsources = n;
	pg->source = ds[0].source;
	return 0;
}

const struct ais_source *
ais_program_source_at(const struct ais_program *pg, ais_date d)
{
	size_t i;

	for (i = 0; i < pg->nsources; i++)
		if (ais_in_force(pg->sources[i].from, pg->sources[i].until, d))
			return pg->sources[i].source;
	return pg->source;
}

/* Ids appear as JSON keys and in file names: plain ASCII names only. */
static int
plain_name(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

/* The id of condition k of the program's conditions (award (size_t)-1)
 * or of award's 'when'. */
static const char *
cond_id(struct loader *L, const char *key, size_t award, size_t k)
{
	char t[64];

	if (award == (size_t)-1)
		snprintf(t, sizeof t, "%s[%zu]", key, k);
	else
		snprintf(t, sizeof t, "awards[%zu].%s[%zu]", award, key, k);
	return ais_arena_strdup(L->a, t);
}

/*
 * 'applicants:' of mapping n (a program or an award): the kinds of the
 * contract listed, as bits of *mask and as the text every reason about
 * them names them by; *any when n has no such key.
 */
static int
parse_applicants(struct loader *L, const yaml_node_t *n, int *any,
	unsigned *mask, const char **text)
{
	const struct ais_field *kf = &L->r->schema->fields[AIS_P_KIND];
	const char **kinds;
	size_t i, nk;

	if (get_strings(L, n, "applicants", &kinds, &nk) < 0)
		return -1;
	*any = !find(L, n, "applicants");
	*mask = 0;
	for (i = 0; i < nk; i++) {
		int k = ais_enum_find(kf->enums, kinds[i], strlen(kinds[i]));

		if (k < 0) {
			const char *hint = ais_suggest(kinds[i],
			    strlen(kinds[i]), kf->enums);

			return lerr(L, find(L, n, "applicants"), 0, 0, "'%s' is "
			    "not a kind of applicant%s%s%s", quote(L, kinds[i]),
			    hint ? "; did you mean '" : "", hint ? hint : "",
			    hint ? "'?" : "");
		}
		*mask |= 1u << k;
	}
	{
		/* the kinds as every reason about them names them */
		struct ais_buf kb = AIS_BUF_INIT;
		struct ais_oom_cleanup kc;

		ais_oom_push(&kc, ais_oom_release_buf, &kb);
		ais_buf_add(&kb, "", 0);
		for (i = 0; kf->enums[i]; i++)
			if (*mask & (1u << i)) {
				if (kb.len)
					ais_buf_add(&kb, ", ", 2);
				ais_buf_adds(&kb, kf->enums[i]);
			}
		*text = ais_arena_strdup(L->a, kb.p);
		ais_oom_pop(&kc);
		ais_buf_release(&kb);
	}
	return 0;
}

/*
 * 'entries_from:' of program n: a date, or 'any' (no lower bound); the
 * start of the program's validity when absent.
 */
static int
parse_entries_from(struct loader *L, const yaml_node_t *n,
	struct ais_program *pg)
{
	yaml_node_t *v = find(L, n, "entries_from");

	pg->entries_from = pg->valid_from;
	if (v && v->type == YAML_SCALAR_NODE &&
	    strcmp((const char *)v->data.scalar.value, "any") == 0)
		pg->entries_from = AIS_DATE_MIN;
	else if (v && get_date(L, n, "entries_from", &pg->entries_from,
	    pg->valid_from) < 0)
		return lerr(L, v, 0, 0, "'entries_from' is a date YYYY-MM-DD "
		    "or 'any'");
	if (pg->entries_from > pg->valid_until)
		return lerr(L, v, 0, 0, "'entries_from' is after the end of "
		    "the program's validity");
	if (pg->entries_from == AIS_DATE_MIN)
		pg->entries_from_text[0] = '\0';
	else
		ais_date_format(pg->entries_from, pg->entries_from_text);
	return 0;
}

static const char *const program_keys[] = {
	"id", "title", "document", "clause", "source", "applicants", "valid",
	"conditions", "awards", "cap", "manual_checks", "notes",
	"same_project", "pool", "entries_from", "guide", NULL
};

static int
parse_program(struct loader *L, const yaml_node_t *n, struct ais_program *pg)
{
	static const char *const title_keys[] = { "zh", "en", NULL };
	const char *doc = NULL;
	yaml_node_t *v, *title;
	yaml_node_item_t *it;
	size_t i, prefix;

	if (check_keys(L, n, "a program", program_keys) < 0 ||
	    get_str(L, n, "id", "a program", 1, &pg->id) < 0)
		return -1;
	if (!plain_name(pg->id))
		return lerr(L, find(L, n, "id"), 0, 0, "program id '%s' may hold "
		    "only ASCII letters, digits, '_', '-' and '.'",
		    quote(L, pg->id));
	pg->line = (int)find(L, n, "id")->start_mark.line + 1;
	pg->column = (int)find(L, n, "id")->start_mark.column + 1;
	prefix = strlen(L->j->id);
	if (strncmp(pg->id, L->j->id, prefix) != 0 || pg->id[prefix] != '.' ||
	    !pg->id[prefix + 1])
		return lerr(L, find(L, n, "id"), 0, 0, "program id '%s' must "
		    "start with '%s.'", quote(L, pg->id), quote(L, L->j->id));
	title = need(L, n, "title", "a program");
	if (!title || check_keys(L, title, "a title", title_keys) < 0 ||
	    get_str(L, title, "zh", "a title", 1, &pg->title_zh) < 0 ||
	    get_str(L, title, "en", "a title", 1, &pg->title_en) < 0 ||
	    get_str(L, n, "document", "a program", 1, &doc) < 0)
		return -1;
	pg->document = find_document(L, doc);
	if (!pg->document)
		return lerr(L, find(L, n, "document"), 0, 0, "no document '%s' "
		    "in this file's documents", quote(L, doc));
	pg->jurisdiction = L->j;
	v = find(L, n, "source");
	if (v && v->type == YAML_SEQUENCE_NODE) {
		if (parse_dated_sources(L, v, pg) < 0)
			return -1;
	} else if (get_source(L, n, &pg->source) < 0) {
		return -1;
	}
	pg->valid_from = pg->document->valid_from;
	pg->valid_until = pg->document->valid_until;
	if (parse_valid(L, n, &pg->valid_from, &pg->valid_until) < 0)
		return -1;
	/* as every result shows them, once */
	ais_date_format(pg->valid_from, pg->valid_from_text);
	ais_date_format(pg->valid_until, pg->valid_until_text);
	pg->kinds = L->r->schema->fields[AIS_P_KIND].enums;
	if (parse_applicants(L, n, &pg->any_applicant, &pg->applicants,
	    &pg->applicants_text) < 0 ||
	    parse_entries_from(L, n, pg) < 0)
		return -1;
	if (parse_conditions(L, n, "conditions", NULL, pg->source,
	    &pg->conditions, &pg->nconditions) < 0 ||
	    parse_term(L, n, "cap", NULL, AIS_E_NUM, pg->source, &pg->cap) < 0 ||
	    get_l10n_list(L, n, "manual_checks", &pg->manual_checks,
	    &pg->nmanual) < 0 ||
	    get_l10n_list(L, n, "notes", &pg->notes, &pg->nnotes) < 0 ||
	    get_str(L, n, "same_project", "a program", 0, &pg->same_project) < 0
	    || parse_pool(L, n, pg) < 0)
		return -1;
	v = need(L, n, "awards", "a program");
	if (!v)
		return -1;
	if (v->type != YAML_SEQUENCE_NODE || v->data.sequence.items.top ==
	    v->data.sequence.items.start)
		return lerr(L, v, 0, 0, "'awards' must be a list of one or more "
		    "awards");
	pg->nawards = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	pg->awards = ais_arena_alloc(L->a, sizeof *pg->awards * pg->nawards);
	for (it = v->data.sequence.items.start, i = 0;
	    it < v->data.sequence.items.top; it++, i++)
		if (parse_award(L, node(L, *it), pg, &pg->awards[i], i) < 0)
			return -1;
	/* each condition's id in the record: its place in the program */
	for (i = 0; i < pg->nconditions; i++) {
		pg->conditions[i].id = cond_id(L, "conditions", (size_t)-1, i);
		pg->conditions[i].index = L->r->nconditions++;
	}
	for (i = 0; i < pg->nawards; i++) {
		size_t k;

		for (k = 0; k < pg->awards[i].nwhen; k++) {
			pg->awards[i].when[k].id = cond_id(L, "when", i, k);
			pg->awards[i].when[k].index = L->r->nconditions++;
		}
	}
	/* the program's source is shown with every item: one is needed */
	if (!pg->source)
		pg->source = pg->awards[0].source;
	if (!pg->source)
		return lerr(L, n, 0, 0, "program '%s' has no source: give it "
		    "'source', or give one to its first award", pg->id);
	return parse_guide(L, n, pg);
}

static int
parse_document(struct loader *L, const yaml_node_t *n,
	struct ais_document *d)
{
	static const char *const keys[] = {
		"id", "title", "title_en", "number", "issuer", "date", "valid",
		"validity", "assumed", "published", "url", NULL
	};
	yaml_node_t *as;

	if (check_keys(L, n, "a document", keys) < 0 ||
	    get_str(L, n, "id", "a document", 1, &d->id) < 0 ||
	    get_str(L, n, "title", "a document", 1, &d->title) < 0 ||
	    get_str(L, n, "title_en", "a document", 0, &d->title_en) < 0 ||
	    get_str(L, n, "number", "a document", 0, &d->number) < 0 ||
	    get_str(L, n, "issuer", "a document", 0, &d->issuer) < 0 ||
	    get_date(L, n, "date", &d->date, AIS_DATE_MIN) < 0 ||
	    get_l10n(L, n, "validity", "a document", 0, &d->validity_note) < 0 ||
	    get_published(L, n, "a document", &d->published) < 0 ||
	    get_url(L, n, "a document", &d->url) < 0)
		return -1;
	d->valid_from = AIS_DATE_MIN;
	d->valid_until = AIS_DATE_MAX;
	if (parse_valid(L, n, &d->valid_from, &d->valid_until) < 0)
		return -1;
	as = find(L, n, "assumed");
	if (as) {
		if (as->type != YAML_SCALAR_NODE ||
		    (strcmp((const char *)as->data.scalar.value, "true") != 0 &&
		    strcmp((const char *)as->data.scalar.value, "false") != 0))
			return lerr(L, as, 0, 0, "'assumed' is true or false");
		d->validity_assumed = as->data.scalar.value[0] == 't';
		if (d->validity_assumed && !d->validity_note.en)
			return lerr(L, as, 0, 0, "an assumed validity needs "
			    "'validity' to say why");
	}
	return 0;
}

/* ---- The profile contract (docs/rules.md, "The profile contract") ---- */

/*
 * A field being declared while the files are read, before the contract
 * is built: what its declarations gave (each attribute once: 'given' has
 * a bit per attribute), where it was first declared, and, for an object
 * or a list, the fields below it.
 */
enum {
	G_TYPE = 1, G_DESC = 2, G_REQUIRED = 4, G_DEFAULT = 8, G_MIN = 16,
	G_MAX = 32, G_AT_LEAST = 64, G_AT_MOST = 128, G_DATED = 256,
	G_REFERS = 512, G_NOT_AFTER = 1024
};

struct decls;

struct decl {
	const char *name;
	unsigned given;
	enum ais_ftype type;
	struct ais_l10n desc;
	int required;
	const char *dflt;		/* as written */
	long min, max;
	const char *at_least, *at_most;	/* sibling names */
	const char **dated_by;		/* NULL-terminated names */
	const char **values;		/* ENUM, ENUMLIST: the union */
	size_t nvalues, capvalues;
	struct decls *sub;		/* OBJECT, LIST */
	const char *file;
	int line, column;
	const char *vfile;		/* where values were first given */
	int vline, vcolumn;
};

struct decls {
	struct decl **d;
	size_t n, cap;
};

static const char *const decl_keys[] = {
	"type", "description", "required", "default", "values", "min", "max",
	"fields", "at_least", "at_most", "dated_by", "refers_to", "not_after",
	NULL
};

/* Room for one more after the n elements of p, an array of the arena
 * with room for *cap (elements of size bytes): p, or a larger copy. */
static void *
arena_grow(struct ais_arena *a, void *p, size_t *cap, size_t n, size_t size)
{
	void *q;

	if (n < *cap)
		return p;
	*cap = *cap ? *cap * 2 : 8;
	q = ais_arena_alloc(a, *cap * size);
	if (n)
		memcpy(q, p, n * size);
	return q;
}

/* A plain lowercase name: [a-z_][a-z0-9_]*. */
static int
field_name_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return 0;
	for (i = 1; i < n; i++)
		if (!(islower((unsigned char)s[i]) ||
		    isdigit((unsigned char)s[i]) || s[i] == '_'))
			return 0;
	return 1;
}

/* A truth value written true or false into *out. */
static int
get_bool(struct loader *L, const yaml_node_t *v, const char *key, int *out)
{
	const char *s;

	if (scalar(L, v, key, &s) < 0)
		return -1;
	if (strcmp(s, "true") == 0)
		*out = 1;
	else if (strcmp(s, "false") == 0)
		*out = 0;
	else
		return lerr(L, v, 0, 0, "'%s' must be true or false, not '%s'",
		    key, quote(L, s));
	return 0;
}

/* An integer written in decimal into *out. */
static int
get_long(struct loader *L, const yaml_node_t *v, const char *key, long *out)
{
	const char *s;
	char *end;

	if (scalar(L, v, key, &s) < 0)
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	if (!*s || *end || errno)
		return lerr(L, v, 0, 0, "'%s' must be a whole number, not '%s'",
		    key, quote(L, s));
	return 0;
}

/* The path of a field in messages: "compute_purchases.amount". */
static const char *
decl_path(struct loader *L, const char *prefix, const char *name)
{
	size_t a = strlen(prefix), b = strlen(name);
	char *s = ais_arena_alloc(L->a, a + b + 1);

	memcpy(s, prefix, a);
	memcpy(s + a, name, b + 1);
	return s;
}

static int parse_decls(struct loader *L, const yaml_node_t *map,
	struct decls *set, const char *prefix, int depth);

/* Fails at n: attribute what of the field path differs from d's. */
static int
clash(struct loader *L, const yaml_node_t *n, const char *path,
	const char *what, const struct decl *d)
{
	return lerr(L, n, 0, 0, "field '%s' is declared twice with different "
	    "%s: here and at %s:%d:%d", path, what, d->file, d->line,
	    d->column);
}

/*
 * An attribute whose one value is a keyword: key of the declaration v, for
 * a field of type t only, must be want (what adds to it in a message);
 * sets flag in d->given.  0 when absent or right, else -1.
 */
static int
keyword_attr(struct loader *L, const yaml_node_t *v, struct decl *d,
	const char *path, const char *key, enum ais_ftype t, const char *want,
	const char *what, unsigned flag)
{
	yaml_node_t *x = find(L, v, key);
	const char *s;

	if (!x)
		return 0;
	if (d->type != t)
		return lerr(L, x, 0, 0, "only a %s field has '%s' ('%s' is %s)",
		    ais_ftype_names[t], key, path, ais_ftype_names[d->type]);
	if (scalar(L, x, key, &s) < 0)
		return -1;
	if (strcmp(s, want) != 0)
		return lerr(L, x, 0, 0, "'%s' must be '%s'%s, not '%s'", key,
		    want, what, quote(L, s));
	d->given |= flag;
	return 0;
}

/* The attributes of one declaration (the mapping v) merged into d. */
static int
merge_decl(struct loader *L, const yaml_node_t *v, struct decl *d,
	const char *path, int depth)
{
	yaml_node_t *x;
	const char *s;
	int t, b;
	long l;
	struct ais_l10n desc;

	if (check_keys(L, v, "a field of the profile", decl_keys) < 0)
		return -1;
	if (!(x = need(L, v, "type", "a field of the profile")))
		return -1;
	if (get_enum(L, v, "type", "type", ais_ftype_names, 1, &s) < 0)
		return -1;
	t = 0;
	while (strcmp(ais_ftype_names[t], s) != 0)
		t++;
	if ((d->given & G_TYPE) && d->type != (enum ais_ftype)t)
		return clash(L, x, path, "types", d);
	d->given |= G_TYPE;
	d->type = (enum ais_ftype)t;
	if ((x = find(L, v, "description"))) {
		if (get_l10n(L, v, "description", "a field", 1, &desc) < 0)
			return -1;
		if ((d->given & G_DESC) && (strcmp(desc.zh, d->desc.zh) != 0 ||
		    strcmp(desc.en, d->desc.en) != 0))
			return clash(L, x, path, "descriptions", d);
		d->given |= G_DESC;
		d->desc = desc;
	}
	if ((x = find(L, v, "required"))) {
		if (get_bool(L, x, "required", &b) < 0)
			return -1;
		if ((d->given & G_REQUIRED) && d->required != b)
			return clash(L, x, path, "'required'", d);
		d->given |= G_REQUIRED;
		d->required = b;
	}
	if ((x = find(L, v, "default"))) {
		if (d->type != AIS_F_BOOL && d->type != AIS_F_ENUM)
			return lerr(L, x, 0, 0, "only a bool or an enum field "
			    "has a default ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
		if (scalar(L, x, "default", &s) < 0)
			return -1;
		if ((d->given & G_DEFAULT) && strcmp(s, d->dflt) != 0)
			return clash(L, x, path, "defaults", d);
		/* a bool's default may be null: absent stays unknown */
		if (d->type == AIS_F_BOOL && strcmp(s, "null") != 0 &&
		    get_bool(L, x, "default", &b) < 0)
			return -1;
		d->given |= G_DEFAULT;
		d->dflt = s;
	}
	if ((x = find(L, v, "min")) || find(L, v, "max")) {
		if (d->type != AIS_F_INT)
			return lerr(L, x ? x : find(L, v, "max"), 0, 0, "only an "
			    "int field has 'min' and 'max' ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
	}
	if ((x = find(L, v, "min"))) {
		if (get_long(L, x, "min", &l) < 0)
			return -1;
		if ((d->given & G_MIN) && d->min != l)
			return clash(L, x, path, "'min'", d);
		d->given |= G_MIN;
		d->min = l;
	}
	if ((x = find(L, v, "max"))) {
		if (get_long(L, x, "max", &l) < 0)
			return -1;
		if ((d->given & G_MAX) && d->max != l)
			return clash(L, x, path, "'max'", d);
		d->given |= G_MAX;
		d->max = l;
	}
	if ((x = find(L, v, "at_least")) || (x = find(L, v, "at_most"))) {
		if (d->type != AIS_F_DATE && d->type != AIS_F_AMOUNT)
			return lerr(L, x, 0, 0, "only a date or an amount field "
			    "has 'at_least' or 'at_most' ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
	}
	if ((x = find(L, v, "at_least"))) {
		if (scalar(L, x, "at_least", &s) < 0)
			return -1;
		if ((d->given & G_AT_LEAST) && strcmp(s, d->at_least) != 0)
			return clash(L, x, path, "'at_least'", d);
		d->given |= G_AT_LEAST;
		d->at_least = s;
	}
	if ((x = find(L, v, "at_most"))) {
		if (scalar(L, x, "at_most", &s) < 0)
			return -1;
		if ((d->given & G_AT_MOST) && strcmp(s, d->at_most) != 0)
			return clash(L, x, path, "'at_most'", d);
		d->given |= G_AT_MOST;
		d->at_most = s;
	}
	if (keyword_attr(L, v, d, path, "refers_to", AIS_F_STRING, "program",
	    "", G_REFERS) < 0 ||
	    keyword_attr(L, v, d, path, "not_after", AIS_F_DATE, "as_of",
	    " (the claim date)", G_NOT_AFTER) < 0)
		return -1;
	if ((x = find(L, v, "dated_by"))) {
		const char **names;
		size_t i, k;

		if (d->type != AIS_F_LIST)
			return lerr(L, x, 0, 0, "only a list field has "
			    "'dated_by' ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
		if (get_strings(L, v, "dated_by", &names, &k) < 0)
			return -1;
		if (d->given & G_DATED) {
			for (i = 0; i < k && d->dated_by[i] &&
			    strcmp(d->dated_by[i], names[i]) == 0; i++)
				;
			if (i < k || d->dated_by[i])
				return clash(L, x, path, "'dated_by'", d);
		}
		d->given |= G_DATED;
		d->dated_by = names;
	}
	if ((x = find(L, v, "values"))) {
		yaml_node_item_t *it;
		size_t i;

		if (d->type != AIS_F_ENUM && d->type != AIS_F_ENUMLIST)
			return lerr(L, x, 0, 0, "only an enum or an enum_list "
			    "field has 'values' ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
		if (x->type != YAML_SEQUENCE_NODE ||
		    x->data.sequence.items.top == x->data.sequence.items.start)
			return lerr(L, x, 0, 0, "'values' must be a list of one "
			    "or more names");
		if (!d->vfile) {
			d->vfile = L->file->name;
			d->vline = (int)x->start_mark.line + 1;
			d->vcolumn = (int)x->start_mark.column + 1;
		}
		/* a later declaration may add values; those it repeats are
		 * taken once */
		for (it = x->data.sequence.items.start;
		    it < x->data.sequence.items.top; it++) {
			yaml_node_t *e = node(L, *it);

			if (scalar(L, e, "values", &s) < 0)
				return -1;
			if (!field_name_ok(s, strlen(s)))
				return lerr(L, e, 0, 0, "a value of an enum is a "
				    "lowercase name (a-z, 0-9, _), not '%s'",
				    quote(L, s));
			for (i = 0; i < d->nvalues; i++)
				if (strcmp(d->values[i], s) == 0)
					break;
			if (i < d->nvalues)
				continue;
			d->values = arena_grow(L->a, d->values, &d->capvalues,
			    d->nvalues, sizeof *d->values);
			d->values[d->nvalues++] = s;
		}
	}
	if ((x = find(L, v, "fields"))) {
		if (d->type != AIS_F_OBJECT && d->type != AIS_F_LIST)
			return lerr(L, x, 0, 0, "only an object or a list field "
			    "has 'fields' ('%s' is %s)", path,
			    ais_ftype_names[d->type]);
		if (!d->sub)
			d->sub = ais_arena_alloc(L->a, sizeof *d->sub);
		if (parse_decls(L, x, d->sub, decl_path(L, path, "."),
		    depth + 1) < 0)
			return -1;
	}
	return 0;
}

/*
 * The declarations of the mapping map (field name to declaration) merged
 * into set; prefix ("", "compute_purchases.") names them in messages.
 */
static int
parse_decls(struct loader *L, const yaml_node_t *map, struct decls *set,
	const char *prefix, int depth)
{
	yaml_node_pair_t *p;
	size_t i;

	if (map->type != YAML_MAPPING_NODE)
		return lerr(L, map, 0, 0, "'%s' must be a mapping of field names "
		    "to their declarations, not %s", depth ? "fields" :
		    "profile", kind_name(map));
	if (depth > 2)
		return lerr(L, map, 0, 0, "the profile nests at most two levels "
		    "below its root");
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = node(L, p->key), *v = node(L, p->value);
		const char *name = (const char *)k->data.scalar.value;
		struct decl *d = NULL;

		if (k->type != YAML_SCALAR_NODE ||
		    !field_name_ok(name, k->data.scalar.length))
			return lerr(L, k, 0, 0, "a field of the profile is named "
			    "in lowercase letters, digits and '_', not '%s'",
			    quote(L, name));
		for (i = 0; i < set->n; i++)
			if (strcmp(set->d[i]->name, name) == 0)
				d = set->d[i];
		if (!d) {
			d = ais_arena_alloc(L->a, sizeof *d);
			d->name = ais_arena_strdup(L->a, name);
			d->file = L->file->name;
			d->line = (int)k->start_mark.line + 1;
			d->column = (int)k->start_mark.column + 1;
			set->d = arena_grow(L->a, set->d, &set->cap, set->n,
			    sizeof *set->d);
			set->d[set->n++] = d;
		}
		if (merge_decl(L, v, d, decl_path(L, prefix, d->name),
		    depth) < 0)
			return -1;
	}
	return 0;
}

/* Fails the load at the declaration of d. */
static int
derr(struct loader *L, const struct decl *d, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
derr(struct loader *L, const struct decl *d, const char *fmt, ...)
{
	va_list ap;

	ais_error_set(L->err, AIS_ERULES, d->file, d->line, d->column, "%s",
	    "");
	va_start(ap, fmt);
	vsnprintf(L->err->msg, sizeof L->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* The fields the engine reads itself (enum ais_root_field), in order. */
static const struct {
	const char *name;
	enum ais_ftype type;
} core_fields[AIS_P_NCORE] = {
	{ "id", AIS_F_STRING }, { "name", AIS_F_STRING },
	{ "as_of", AIS_F_DATE }, { "kind", AIS_F_ENUM },
	{ "city", AIS_F_STRING }, { "province", AIS_F_STRING }
};

/* The index of the declaration called name in set, or -1. */
static int
decl_find(const struct decls *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->d[i]->name, name) == 0)
			return (int)i;
	return -1;
}

static int build_schema(struct loader *L, const struct decls *set,
	const char *name, const char *prefix, int root, int list,
	const struct ais_schema **out);

/* The field f of the contract from its declaration d (s: its schema's
 * declarations, to find siblings). */
static int
build_field(struct loader *L, const struct decl *d, const struct decls *set,
	const char *prefix, struct ais_field *f)
{
	const char *path = decl_path(L, prefix, d->name);
	size_t i;
	int k;

	f->name = d->name;
	f->type = d->type;
	f->required = d->required;
	f->desc_zh = d->desc.zh;
	f->desc_en = d->desc.en;
	f->file = d->file;
	f->line = d->line;
	f->column = d->column;
	f->at_least = f->at_most = -1;
	f->not_after_claim = (d->given & G_NOT_AFTER) != 0;
	f->names_program = (d->given & G_REFERS) != 0;
	if (!(d->given & G_DESC))
		return derr(L, d, "field '%s' has no description: give it "
		    "'description: {zh: ..., en: ...}'", path);
	if (d->type == AIS_F_ENUM || d->type == AIS_F_ENUMLIST) {
		const char **e;

		if (!d->nvalues)
			return derr(L, d, "field '%s' is %s and needs 'values'",
			    path, ais_ftype_names[d->type]);
		e = ais_arena_alloc(L->a, sizeof *e * (d->nvalues + 1));
		memcpy(e, d->values, sizeof *e * d->nvalues);
		f->enums = e;
		if (d->dflt) {
			k = ais_enum_find(f->enums, d->dflt, strlen(d->dflt));
			if (k < 0)
				return derr(L, d, "the default '%s' of field '%s' "
				    "is not one of its values", quote(L, d->dflt),
				    path);
			f->default_enum = f->enums[k];
		}
	}
	if (d->type == AIS_F_BOOL)
		f->default_bool = !d->dflt ? 0 : strcmp(d->dflt, "null") == 0 ?
		    -1 : strcmp(d->dflt, "true") == 0;
	if (d->type == AIS_F_INT) {
		if (!(d->given & G_MIN) || !(d->given & G_MAX))
			return derr(L, d, "field '%s' is an int and needs 'min' "
			    "and 'max'", path);
		if (d->min > d->max)
			return derr(L, d, "field '%s' has 'min' above 'max'",
			    path);
		f->min = d->min;
		f->max = d->max;
	}
	for (i = 0; i < 2; i++) {
		const char *sib = i ? d->at_most : d->at_least;
		const char *key = i ? "at_most" : "at_least";

		if (!sib)
			continue;
		k = decl_find(set, sib);
		if (k < 0 || set->d[k]->type != d->type || set->d[k] == d)
			return derr(L, d, "'%s' of field '%s' must name another "
			    "%s field beside it, not '%s'", key, path,
			    ais_ftype_names[d->type], quote(L, sib));
		if (i)
			f->at_most = k;
		else
			f->at_least = k;
	}
	if (d->type == AIS_F_OBJECT || d->type == AIS_F_LIST) {
		static const struct decls none;
		size_t pl = strlen(path);
		char *sname = ais_arena_alloc(L->a, pl + 3);

		memcpy(sname, path, pl);
		if (d->type == AIS_F_LIST)
			memcpy(sname + pl, "[]", 2);
		if (!d->sub && d->type == AIS_F_OBJECT)
			return derr(L, d, "field '%s' is an object and needs "
			    "'fields'", path);
		if (build_schema(L, d->sub ? d->sub : &none, sname,
		    decl_path(L, path, "."), 0, d->type == AIS_F_LIST,
		    &f->sub) < 0)
			return -1;
	}
	return 0;
}

/* The decl of an entry's "id", when a list declares none. */
static const struct decl entry_id = {
	.name = "id", .given = G_TYPE | G_DESC, .type = AIS_F_STRING,
	.desc = {
		"条目的编号，在理由和结果中用以指称该条目",
		"the entry's id, which reasons and the result use to name it"
	},
	.file = "(every list)", .line = 0, .column = 0
};

/*
 * The schema called name from the declarations set: for the root, the
 * fields the engine reads first; for a list's entries, "id" first.
 */
static int
build_schema(struct loader *L, const struct decls *set, const char *name,
	const char *prefix, int root, int list, const struct ais_schema **out)
{
	struct ais_schema *s = ais_arena_alloc(L->a, sizeof *s);
	const struct decl **order;
	struct ais_field *fields;
	const char **names;
	size_t i, n = 0, cap = set->n + 1;
	int k;

	order = ais_arena_alloc(L->a, sizeof *order * cap);
	if (root) {
		for (i = 0; i < AIS_P_NCORE; i++) {
			k = decl_find(set, core_fields[i].name);
			if (k < 0)
				return lerr(L, NULL, 0, 0, "the profile contract "
				    "declares no field '%s': every rule set "
				    "needs it (rules/profile.yaml declares it)",
				    core_fields[i].name);
			if (set->d[k]->type != core_fields[i].type)
				return derr(L, set->d[k], "field '%s' must be of "
				    "type %s: the engine reads it itself",
				    core_fields[i].name,
				    ais_ftype_names[core_fields[i].type]);
			order[n++] = set->d[k];
		}
		k = decl_find(set, "kind");
		if (!set->d[k]->required)
			return derr(L, set->d[k], "field 'kind' must be required: "
			    "every program tests it");
		if (set->d[k]->nvalues > AIS_SCHEMA_MAX_KINDS)
			return derr(L, set->d[k], "field 'kind' has %zu values; "
			    "at most %d", set->d[k]->nvalues,
			    AIS_SCHEMA_MAX_KINDS);
	} else if (list) {
		k = decl_find(set, "id");
		if (k >= 0 && set->d[k]->type != AIS_F_STRING)
			return derr(L, set->d[k], "field '%sid' must be a string: "
			    "it names the entry", prefix);
		order[n++] = k >= 0 ? set->d[k] : &entry_id;
	}
	for (i = 0; i < set->n; i++) {
		size_t j;

		for (j = 0; j < n && order[j] != set->d[i]; j++)
			;
		if (j == n)
			order[n++] = set->d[i];
	}
	if (n > AIS_SCHEMA_MAX_FIELDS)
		return derr(L, order[AIS_SCHEMA_MAX_FIELDS], "'%s' has %zu "
		    "fields; an object of the profile has at most %d", name, n,
		    AIS_SCHEMA_MAX_FIELDS);
	fields = ais_arena_alloc(L->a, sizeof *fields * (n + 1));
	names = ais_arena_alloc(L->a, sizeof *names * (n + 1));
	for (i = 0; i < n; i++) {
		/* the siblings of at_least and at_most are found by index in
		 * the order built, so the declarations are seen in it */
		struct decls ord = { (struct decl **)order, n, n };

		if (build_field(L, order[i], &ord, prefix, &fields[i]) < 0)
			return -1;
		names[i] = fields[i].name;
	}
	s->name = name;
	s->fields = fields;
	s->n = n;
	s->names = names;
	for (i = 0; i < n; i++) {
		const struct ais_field *f = &fields[i];

		if (f->at_least >= 0 || f->at_most >= 0 || f->names_program)
			s->checks = 1;
		if (f->not_after_claim || (f->sub && f->sub->claim_dated))
			s->claim_dated = 1;
	}
	*out = s;
	return 0;
}

/* dated_by of the list declarations of set, resolved in the schema s. */
static int
build_dated(struct loader *L, const struct decls *set, const char *prefix,
	const struct ais_schema *s)
{
	size_t i, k, m;

	for (i = 0; i < set->n; i++) {
		const struct decl *d = set->d[i];
		struct ais_field *f = (struct ais_field *)
		    &s->fields[ais_schema_find(s, d->name, strlen(d->name))];
		const char *path = decl_path(L, prefix, d->name);
		int *idx;

		if (d->sub && build_dated(L, d->sub, decl_path(L, path, "."),
		    f->sub) < 0)
			return -1;
		if (!d->dated_by)
			continue;
		for (m = 0; d->dated_by[m]; m++)
			;
		idx = ais_arena_alloc(L->a, sizeof *idx * (m + 1));
		for (k = 0; k < m; k++) {
			int j = ais_schema_find(f->sub, d->dated_by[k],
			    strlen(d->dated_by[k]));

			if (j < 0 || f->sub->fields[j].type != AIS_F_DATE)
				return derr(L, d, "'dated_by' of field '%s' must "
				    "name date fields of its entries, not '%s'",
				    path, quote(L, d->dated_by[k]));
			idx[k] = j;
		}
		idx[m] = -1;
		((struct ais_schema *)f->sub)->dated_by = idx;
		((struct ais_schema *)f->sub)->ndated_by = m;
	}
	return 0;
}

/* A publication of 'publications:': where a person can read a text. */
static int
parse_publication(struct loader *L, const yaml_node_t *n,
	struct ais_publication *p)
{
	static const char *const keys[] = {
		"outlet", "date", "page", "title", "author", "url", "retrieved",
		"note", NULL
	};

	if (check_keys(L, n, "a publication", keys) < 0 ||
	    get_str(L, n, "outlet", "a publication", 1, &p->outlet) < 0 ||
	    get_date(L, n, "date", &p->date, AIS_DATE_MIN) < 0 ||
	    get_str(L, n, "page", "a publication", 0, &p->page) < 0 ||
	    get_str(L, n, "title", "a publication", 0, &p->title) < 0 ||
	    get_str(L, n, "author", "a publication", 0, &p->author) < 0 ||
	    get_url(L, n, "a publication", &p->url) < 0 ||
	    get_date(L, n, "retrieved", &p->retrieved, AIS_DATE_MIN) < 0 ||
	    get_l10n(L, n, "note", "a publication", 0, &p->note) < 0)
		return -1;
	if (p->retrieved != AIS_DATE_MIN && !p->url)
		return lerr(L, find(L, n, "retrieved"), 0, 0, "'retrieved' is "
		    "the day 'url' was read, and this publication has no "
		    "'url'");
	return 0;
}

/* The file's 'publications:', a mapping of keys to publications. */
static int
parse_publications(struct loader *L, const yaml_node_t *root)
{
	struct ais_jurisdiction *j = L->j;
	yaml_node_t *v = find(L, root, "publications");
	yaml_node_pair_t *p;
	size_t i, first;

	if (!v)
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return lerr(L, v, 0, 0, "'publications' must be a mapping of "
		    "keys to publications");
	j->npublications = (size_t)(v->data.mapping.pairs.top -
	    v->data.mapping.pairs.start);
	j->publications = ais_arena_alloc(L->a, sizeof *j->publications *
	    (j->npublications + 1));
	L->pub_index = ais_arena_alloc(L->a, sizeof *L->pub_index *
	    (j->npublications + 1));
	for (p = v->data.mapping.pairs.start, i = 0;
	    p < v->data.mapping.pairs.top; p++, i++) {
		yaml_node_t *k = node(L, p->key);

		if (k->type != YAML_SCALAR_NODE || !k->data.scalar.length)
			return lerr(L, k, 0, 0, "publication keys must be plain "
			    "names");
		j->publications[i].key = ais_arena_strndup(L->a,
		    (const char *)k->data.scalar.value, k->data.scalar.length);
		L->pub_index[i].key = j->publications[i].key;
		L->pub_index[i].idx = i;
		if (parse_publication(L, node(L, p->value),
		    &j->publications[i]) < 0)
			return -1;
	}
	keyed_sort(L->pub_index, j->npublications);
	i = keyed_repeat(L->pub_index, j->npublications, &first);
	if (i != (size_t)-1)
		return lerr(L, node(L, v->data.mapping.pairs.start[i].key), 0, 0,
		    "duplicate key '%s'", quote(L, j->publications[i].key));
	return 0;
}

static int
parse_file(struct loader *L, const yaml_node_t *root)
{
	static const char *const keys[] = {
		"jurisdiction", "publications", "documents", "sources",
		"programs", "profile", NULL
	};
	static const char *const jkeys[] = {
		"id", "level", "name", "parent", NULL
	};
	static const char *const nkeys[] = { "zh", "en", NULL };
	static const char *const levels[] = {
		"city", "province", "municipality", NULL
	};
	yaml_node_t *jn, *nn, *v;
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	struct ais_jurisdiction *j = L->j;
	size_t i, first;

	if (!root)
		return lerr(L, NULL, 0, 0, "empty rule file");
	if (check_keys(L, root, "a rule file", keys) < 0)
		return -1;
	jn = need(L, root, "jurisdiction", "a rule file");
	if (!jn || check_keys(L, jn, "'jurisdiction'", jkeys) < 0 ||
	    get_str(L, jn, "id", "'jurisdiction'", 1, &j->id) < 0 ||
	    get_enum(L, jn, "level", "'jurisdiction'", levels, 1,
	    &j->level) < 0 ||
	    get_str(L, jn, "parent", "'jurisdiction'", 0, &j->parent_id) < 0)
		return -1;
	if (j->parent_id) {
		j->parent_line = (int)find(L, jn, "parent")->start_mark.line + 1;
		j->parent_column =
		    (int)find(L, jn, "parent")->start_mark.column + 1;
	}
	nn = need(L, jn, "name", "'jurisdiction'");
	if (!nn || check_keys(L, nn, "a name", nkeys) < 0 ||
	    get_str(L, nn, "zh", "a name", 1, &j->name_zh) < 0 ||
	    get_str(L, nn, "en", "a name", 1, &j->name_en) < 0)
		return -1;
	if (!plain_name(j->id))
		return lerr(L, find(L, jn, "id"), 0, 0, "jurisdiction id '%s' may "
		    "hold only ASCII letters, digits, '_', '-' and '.'",
		    quote(L, j->id));
	for (i = 0; i < (size_t)(L->j - L->r->j); i++)
		if (strcmp(L->r->j[i].id, j->id) == 0)
			return lerr(L, find(L, jn, "id"), 0, 0, "jurisdiction "
			    "'%s' is also in %s", j->id, L->r->j[i].file);

	if (j->parent_id && strcmp(j->level, "municipality") == 0)
		return lerr(L, find(L, jn, "parent"), 0, 0, "a municipality is "
		    "province-level and has no 'parent'");
	if (parse_publications(L, root) < 0)
		return -1;

	/* a place known but with no programs yet (a province whose cities
	 * have rules) has neither documents nor programs */
	v = find(L, root, "documents");
	if (!v && find(L, root, "programs"))
		return lerr(L, root, 0, 0, "a rule file with 'programs' needs "
		    "'documents'");
	if (!v)
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return lerr(L, v, 0, 0, "'documents' must be a list");
	j->ndocuments = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	j->documents = ais_arena_alloc(L->a, sizeof *j->documents *
	    (j->ndocuments + 1));
	L->doc_index = ais_arena_alloc(L->a, sizeof *L->doc_index *
	    (j->ndocuments + 1));
	for (it = v->data.sequence.items.start, i = 0;
	    it < v->data.sequence.items.top; it++, i++) {
		if (parse_document(L, node(L, *it), &j->documents[i]) < 0)
			return -1;
		L->doc_index[i].key = j->documents[i].id;
		L->doc_index[i].idx = i;
	}
	keyed_sort(L->doc_index, j->ndocuments);
	i = keyed_repeat(L->doc_index, j->ndocuments, &first);
	if (i != (size_t)-1)
		return lerr(L, node(L, v->data.sequence.items.start[i]), 0, 0,
		    "document '%s' twice", quote(L, j->documents[i].id));

	v = find(L, root, "sources");
	if (v) {
		if (v->type != YAML_MAPPING_NODE)
			return lerr(L, v, 0, 0, "'sources' must be a mapping of "
			    "names to sources");
		L->nsources = (size_t)(v->data.mapping.pairs.top -
		    v->data.mapping.pairs.start);
		L->sources = ais_arena_alloc(L->a, sizeof *L->sources *
		    (L->nsources + 1));
		L->source_index = ais_arena_alloc(L->a,
		    sizeof *L->source_index * (L->nsources + 1));
		/* the names first, so that every source finds the others */
		for (p = v->data.mapping.pairs.start, i = 0;
		    p < v->data.mapping.pairs.top; p++, i++) {
			yaml_node_t *k = node(L, p->key);

			if (k->type != YAML_SCALAR_NODE)
				return lerr(L, k, 0, 0, "source names must be "
				    "plain names");
			L->sources[i].name = ais_arena_strdup(L->a,
			    (const char *)k->data.scalar.value);
			L->source_index[i].key = L->sources[i].name;
			L->source_index[i].idx = i;
		}
		keyed_sort(L->source_index, L->nsources);
		i = keyed_repeat(L->source_index, L->nsources, &first);
		if (i != (size_t)-1)
			return lerr(L, node(L, v->data.mapping.pairs.start[i].key),
			    0, 0, "duplicate key '%s'",
			    quote(L, L->sources[i].name));
		for (p = v->data.mapping.pairs.start, i = 0;
		    p < v->data.mapping.pairs.top; p++, i++) {
			L->sources[i].src = ais_arena_alloc(L->a,
			    sizeof *L->sources[i].src);
			L->sources[i].src->name = L->sources[i].name;
			if (parse_source_map(L, node(L, p->value),
			    L->sources[i].src) < 0)
				return -1;
		}
	}

	v = need(L, root, "programs", "a rule file with 'documents'");
	if (!v)
		return -1;
	if (v->type != YAML_SEQUENCE_NODE)
		return lerr(L, v, 0, 0, "'programs' must be a list");
	j->nprograms = (size_t)(v->data.sequence.items.top -
	    v->data.sequence.items.start);
	j->programs = ais_arena_alloc(L->a, sizeof *j->programs *
	    (j->nprograms + 1));
	for (it = v->data.sequence.items.start, i = 0;
	    it < v->data.sequence.items.top; it++, i++)
		if (parse_program(L, node(L, *it), &j->programs[i]) < 0)
			return -1;
	return 0;
}

/* Fails the load at the place of a libyaml mark. */
static int
mark_err(struct loader *L, yaml_mark_t m, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
mark_err(struct loader *L, yaml_mark_t m, const char *fmt, ...)
{
	va_list ap;

	ais_error_set(L->err, AIS_ERULES, L->file->name, (int)m.line + 1,
	    (int)m.column + 1, "%s", "");
	va_start(ap, fmt);
	vsnprintf(L->err->msg, sizeof L->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* Clean-ups for ais_oom_push of what libyaml allocated. */
static void
yaml_cleanup_event(void *arg)
{
	yaml_event_delete(arg);
}

static void
yaml_cleanup_document(void *arg)
{
	yaml_document_delete(arg);
}

static void
yaml_cleanup_parser(void *arg)
{
	yaml_parser_delete(arg);
}

/*
 * Builds the document of a rule file from libyaml's events, as
 * yaml_parser_load would, but refusing, at the first event that shows
 * it: a collection nested deeper than AIS_RULES_MAX_YAML_DEPTH (libyaml
 * spends time on each token in proportion to the depth, so that 100,000
 * '[' took a minute), an alias (a node met twice would be read twice, and
 * billions of times in a billion laughs), and a second document (which
 * yaml_parser_load would silently ignore).  0 with *doc to be deleted by
 * the caller, or -1 with the error set and nothing to delete.
 */
static int
compose(struct loader *L, yaml_parser_t *parser, yaml_document_t *doc)
{
	struct {
		int id;
		int key;	/* of a mapping: the key awaiting its value */
	} open[AIS_RULES_MAX_YAML_DEPTH];
	int nopen = 0, ndocs = 0, have_doc = 0, done = 0, rc = -1;
	yaml_event_t ev;
	/* the event and the document, which libyaml allocated, are
	 * deleted if one of our allocations (a quoted name) runs out */
	struct ais_oom_cleanup evc, docc;

	while (!done) {
		yaml_char_t *tag = NULL;
		int id = 0;

		if (!yaml_parser_parse(parser, &ev)) {
			if (parser->error == YAML_MEMORY_ERROR) {
				ais_oom_error(L->err);
				goto out;
			}
			ais_error_set(L->err, AIS_ERULES, L->file->name,
			    (int)parser->problem_mark.line + 1,
			    (int)parser->problem_mark.column + 1, "%s%s%s",
			    parser->problem ? parser->problem :
			    "not valid YAML", parser->context ? " " : "",
			    parser->context ? parser->context : "");
			goto out;
		}
		ais_oom_push(&evc, yaml_cleanup_event, &ev);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (ndocs++ > 0) {
				mark_err(L, ev.start_mark, "a rule file holds one "
				    "YAML document; this is a second");
				goto fail;
			}
			if (!yaml_document_initialize(doc,
			    ev.data.document_start.version_directive,
			    ev.data.document_start.tag_directives.start,
			    ev.data.document_start.tag_directives.end,
			    ev.data.document_start.implicit, 1))
				goto nomem;
			/* under the event's clean-up: deleted after it */
			ais_oom_pop(&evc);
			ais_oom_push(&docc, yaml_cleanup_document, doc);
			ais_oom_push(&evc, yaml_cleanup_event, &ev);
			have_doc = 1;
			break;
		case YAML_ALIAS_EVENT:
			mark_err(L, ev.start_mark, "aliases ('*%s') are not "
			    "allowed in rule files: write the value out",
			    quote(L, (const char *)ev.data.alias.anchor));
			goto fail;
		case YAML_SCALAR_EVENT:
			tag = ev.data.scalar.tag;
			if (tag && strcmp((const char *)tag, "!") == 0)
				tag = NULL;
			id = yaml_document_add_scalar(doc, tag,
			    ev.data.scalar.value, (int)ev.data.scalar.length,
			    ev.data.scalar.style);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (nopen == AIS_RULES_MAX_YAML_DEPTH) {
				mark_err(L, ev.start_mark, "YAML nested too deep "
				    "(more than %d levels)",
				    AIS_RULES_MAX_YAML_DEPTH);
				goto fail;
			}
			if (ev.type == YAML_SEQUENCE_START_EVENT) {
				tag = ev.data.sequence_start.tag;
				id = yaml_document_add_sequence(doc, tag &&
				    strcmp((const char *)tag, "!") != 0 ? tag :
				    NULL, ev.data.sequence_start.style);
			} else {
				tag = ev.data.mapping_start.tag;
				id = yaml_document_add_mapping(doc, tag &&
				    strcmp((const char *)tag, "!") != 0 ? tag :
				    NULL, ev.data.mapping_start.style);
			}
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			yaml_document_get_node(doc, open[nopen - 1].id)->end_mark =
			    ev.end_mark;
			nopen--;
			break;
		default:
			break;
		}
		if (ev.type == YAML_SCALAR_EVENT ||
		    ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			yaml_node_t *n;

			if (!id)
				goto nomem;
			n = yaml_document_get_node(doc, id);
			n->start_mark = ev.start_mark;
			n->end_mark = ev.end_mark;
			if (nopen > 0) {
				int parent = open[nopen - 1].id;

				if (yaml_document_get_node(doc, parent)->type ==
				    YAML_SEQUENCE_NODE) {
					if (!yaml_document_append_sequence_item(
					    doc, parent, id))
						goto nomem;
				} else if (!open[nopen - 1].key) {
					open[nopen - 1].key = id;
				} else {
					if (!yaml_document_append_mapping_pair(
					    doc, parent, open[nopen - 1].key, id))
						goto nomem;
					open[nopen - 1].key = 0;
				}
			}
			if (ev.type != YAML_SCALAR_EVENT) {
				open[nopen].id = id;
				open[nopen].key = 0;
				nopen++;
			}
		}
		ais_oom_pop(&evc);
		yaml_event_delete(&ev);
	}
	if (have_doc)
		ais_oom_pop(&docc);
	if (!have_doc) {
		/* no document at all: an empty one, refused by the caller */
		if (!yaml_document_initialize(doc, NULL, NULL, NULL, 1, 1)) {
			ais_oom_error(L->err);
			return -1;
		}
	}
	return 0;
nomem:
	/* libyaml ran out of memory: the same error as ours */
	ais_oom_error(L->err);
fail:
	ais_oom_pop(&evc);
	yaml_event_delete(&ev);
out:
	if (have_doc) {
		ais_oom_pop(&docc);
		yaml_document_delete(doc);
	}
	return rc;
}

/*
 * The document tools/embed.c composed at build time of the file whose
 * bytes are f's, when f's bytes are a built-in file's (not a copy of
 * them: a file read from a directory is always parsed), or NULL.
 */
static const struct ais_yaml_image *
builtin_image(const struct ais_rule_file *f)
{
	size_t i;

	for (i = 0; i < ais_builtin_nfiles; i++)
		if (ais_builtin_files[i].data == f->data &&
		    ais_builtin_files[i].len == f->len)
			return ais_builtin_files[i].image;
	return NULL;
}

/*
 * Rebuilds the document of a built-in file from its image: the nodes
 * added in id order (so that the ids are the same), then the children of
 * each collection, then the marks, with the calls compose() makes; the
 * document is the one compose() would build of the text, node for node
 * (tests/unit/test_embed.c).  Only libyaml allocates here: 0 with *doc
 * to be deleted, or -1 (out of memory) with the error set and nothing
 * to delete.
 */
static int
yaml_rebuild(struct loader *L, const struct ais_yaml_image *im,
	yaml_document_t *doc)
{
	size_t i;
	unsigned k;

	if (!yaml_document_initialize(doc, NULL, NULL, NULL,
	    im->start_implicit, 1)) {
		ais_oom_error(L->err);
		return -1;
	}
	for (i = 0; i < im->nnodes; i++) {
		const struct ais_yaml_inode *n = &im->nodes[i];
		const yaml_char_t *tag = (const yaml_char_t *)im->tags[n->tag];
		int id;

		if (n->type == YAML_SCALAR_NODE)
			id = yaml_document_add_scalar(doc, tag, im->text + n->at,
			    (int)n->len, (yaml_scalar_style_t)n->style);
		else if (n->type == YAML_SEQUENCE_NODE)
			id = yaml_document_add_sequence(doc, tag,
			    (yaml_sequence_style_t)n->style);
		else
			id = yaml_document_add_mapping(doc, tag,
			    (yaml_mapping_style_t)n->style);
		if (id != (int)i + 1)
			goto nomem;
	}
	for (i = 0; i < im->nnodes; i++) {
		const struct ais_yaml_inode *n = &im->nodes[i];
		const int *kid = im->kids + n->at;
		yaml_node_t *y = &doc->nodes.start[i];

		if (n->type == YAML_SEQUENCE_NODE) {
			for (k = 0; k < n->len; k++)
				if (!yaml_document_append_sequence_item(doc,
				    (int)i + 1, kid[k]))
					goto nomem;
		} else if (n->type == YAML_MAPPING_NODE) {
			for (k = 0; k + 1 < n->len; k += 2)
				if (!yaml_document_append_mapping_pair(doc,
				    (int)i + 1, kid[k], kid[k + 1]))
					goto nomem;
		}
		y->start_mark.index = n->start[0];
		y->start_mark.line = n->start[1];
		y->start_mark.column = n->start[2];
		y->end_mark.index = n->end[0];
		y->end_mark.line = n->end[1];
		y->end_mark.column = n->end[2];
	}
	return 0;
nomem:
	/* libyaml ran out of memory: the same error as ours */
	yaml_document_delete(doc);
	ais_oom_error(L->err);
	return -1;
}

/* Reads L->file into *doc within the limits of a rule file: 0 with *doc
 * to be deleted, or -1 with the error set.  A built-in file's document
 * is rebuilt from the image tools/embed.c composed, not parsed again. */
static int
yaml_read(struct loader *L, yaml_document_t *doc)
{
	const struct ais_rule_file *f = L->file;
	const struct ais_yaml_image *im;
	yaml_parser_t parser;
	struct ais_oom_cleanup pc;
	int rc;

	if (f->len > AIS_RULES_MAX_FILE) {
		ais_error_set(L->err, AIS_ERULES, f->name, 0, 0, "rule file too "
		    "large (%zu bytes; at most %d MiB)", f->len,
		    AIS_RULES_MAX_FILE >> 20);
		return -1;
	}
	if ((im = builtin_image(f)) != NULL)
		return yaml_rebuild(L, im, doc);
	if (!yaml_parser_initialize(&parser)) {
		ais_oom_error(L->err);
		return -1;
	}
	ais_oom_push(&pc, yaml_cleanup_parser, &parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)f->data,
	    f->len);
	rc = compose(L, &parser, doc);
	ais_oom_pop(&pc);
	yaml_parser_delete(&parser);
	return rc;
}

int
ais_rules_yaml_load(const struct ais_rule_file *f,
	struct yaml_document_s *doc, struct ais_error *err)
{
	struct ais_arena a = AIS_ARENA_INIT;
	struct ais_oom_cleanup ac;
	struct loader L;
	int rc;

	memset(&L, 0, sizeof L);
	L.a = &a;
	L.file = f;
	L.err = err;
	ais_oom_push(&ac, ais_oom_release_arena, &a);
	rc = yaml_read(&L, doc);
	ais_oom_pop(&ac);
	ais_arena_release(&a);
	return rc;
}

/*
 * Fails at the first program, in rule order, whose id an earlier one
 * has (sorted, not compared pair by pair: 60,000 programs took 18 s).
 */
static int
programs_distinct(const struct ais_rules *r, struct ais_error *err)
{
	struct ais_arena tmp = AIS_ARENA_INIT;
	struct ais_oom_cleanup tc;
	const struct ais_program **all;
	struct keyed *k;
	size_t i, p, n = 0, first = 0, at;
	int rc = 0;

	ais_oom_push(&tc, ais_oom_release_arena, &tmp);
	all = ais_arena_alloc(&tmp, sizeof *all * (r->nprograms + 1));
	k = ais_arena_alloc(&tmp, sizeof *k * (r->nprograms + 1));
	for (i = 0; i < r->nj; i++)
		for (p = 0; p < r->j[i].nprograms; p++, n++) {
			all[n] = &r->j[i].programs[p];
			k[n].key = all[n]->id;
			k[n].idx = n;
		}
	keyed_sort(k, n);
	at = keyed_repeat(k, n, &first);
	if (at != (size_t)-1) {
		ais_error_set(err, AIS_ERULES, all[at]->jurisdiction->file,
		    all[at]->line, all[at]->column, "program '%s' is defined "
		    "twice (also in %s)", all[at]->id,
		    all[first]->jurisdiction->file);
		rc = -1;
	}
	ais_oom_pop(&tc);
	ais_arena_release(&tmp);
	return rc;
}

/*
 * The parent of j is in none of the files: -1 with err filled at j's
 * 'parent', with the closest jurisdiction that is when one is close.  A
 * place with no programs yet is still a file of its own (a province with
 * only 'jurisdiction:'), so a parent that names nothing is a typo or a
 * file left out.
 */
static int
parent_missing(const struct ais_rules *r, const struct ais_jurisdiction *j,
	struct ais_error *err)
{
	struct ais_arena tmp = AIS_ARENA_INIT;
	struct ais_oom_cleanup tc;
	const char **ids;
	const char *hint;
	size_t i;

	ais_oom_push(&tc, ais_oom_release_arena, &tmp);
	ids = ais_arena_alloc(&tmp, sizeof *ids * (r->nj + 1));
	for (i = 0; i < r->nj; i++)
		ids[i] = r->j[i].id;
	hint = ais_suggest(j->parent_id, strlen(j->parent_id), ids);
	ais_error_set(err, AIS_ERULES, j->file, j->parent_line,
	    j->parent_column, "parent '%s' of '%s' is not in the rules%s%s%s",
	    j->parent_id, j->id, hint ? "; did you mean '" : " (a place with "
	    "no programs is a file with 'jurisdiction:' alone)",
	    hint ? hint : "", hint ? "'?" : "");
	ais_oom_pop(&tc);
	ais_arena_release(&tmp);
	return -1;
}

/*
 * Whether the parents of j lead back to j: -1 with err filled at j's
 * 'parent', naming the loop and the place of the parent that closes it,
 * else 0.  A walk of r->nj steps that has not met j never will.
 */
static int
parent_loop(const struct ais_rules *r, const struct ais_jurisdiction *j,
	struct ais_error *err)
{
	const struct ais_jurisdiction *q = j->parent, *last = j;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_oom_cleanup bc;
	size_t steps;

	for (steps = 0; q && q != j && steps < r->nj; steps++) {
		last = q;
		q = q->parent;
	}
	if (q != j)
		return 0;
	if (last == j) {
		ais_error_set(err, AIS_ERULES, j->file, j->parent_line,
		    j->parent_column, "'%s' is its own parent", j->id);
		return -1;
	}
	ais_oom_push(&bc, ais_oom_release_buf, &b);
	ais_buf_adds(&b, j->id);
	for (q = j->parent; q != j; q = q->parent) {
		ais_buf_adds(&b, " \xe2\x86\x92 ");	/* → */
		ais_buf_adds(&b, q->id);
	}
	ais_buf_adds(&b, " \xe2\x86\x92 ");
	ais_buf_adds(&b, j->id);
	ais_error_set(err, AIS_ERULES, j->file, j->parent_line,
	    j->parent_column, "the parents of '%s' go round in a loop (%s); "
	    "the parent of '%s' is at %s:%d:%d", j->id, b.p, last->id,
	    last->file, last->parent_line, last->parent_column);
	ais_oom_pop(&bc);
	ais_buf_release(&b);
	return -1;
}

/* Every program's id, for "did you mean" of a profile's prior awards. */
static void
program_ids(struct ais_rules *r)
{
	size_t i, k, n = 0;

	r->program_ids = ais_arena_alloc(&r->arena, sizeof *r->program_ids *
	    (r->nprograms + 1));
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++)
			r->program_ids[n++] = r->j[i].programs[k].id;
}

/* Files in the order they load: by layer, then by name. */
static int
cmp_files(const void *a, const void *b)
{
	const struct ais_rule_file *x = a, *y = b;

	if (x->layer != y->layer)
		return x->layer < y->layer ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Frees a rule set being built (a clean-up for ais_oom_push). */
static void
rules_cleanup(void *arg)
{
	ais_rules_free(arg);
}

/* The YAML documents of a load, deleted if memory runs out. */
struct loading {
	yaml_document_t *docs;
	size_t n;
};

static void
loading_cleanup(void *arg)
{
	struct loading *ld = arg;

	while (ld->n > 0)
		yaml_document_delete(&ld->docs[--ld->n]);
	free(ld->docs);
	ld->docs = NULL;
}

static const char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');

	return b ? b + 1 : path;
}

/*
 * Adds file f (called base, without its directories) to the digest of
 * a rule set: its name, its length (and layer after a '+' when above 0)
 * and its bytes.  tools/embed.c hashes the built-in files the same way:
 * change both or neither (test_rules checks).
 */
static void
hash_file(struct ais_sha256 *h, const struct ais_rule_file *f,
	const char *base)
{
	char lenbuf[48];

	ais_sha256_update(h, base, strlen(base) + 1);
	if (f->layer > 0)
		snprintf(lenbuf, sizeof lenbuf, "%zu+%d", f->len, f->layer);
	else
		snprintf(lenbuf, sizeof lenbuf, "%zu", f->len);
	ais_sha256_update(h, lenbuf, strlen(lenbuf) + 1);
	ais_sha256_update(h, f->data, f->len);
}

/*
 * The files to load: those given, sorted, and, when none of them is
 * called profile.yaml, the built-in contract before them (a rule set
 * brings its own contract or takes the built-in one).  n is updated.
 */
static struct ais_rule_file *
files_to_load(const struct ais_rule_file *files, size_t *n)
{
	struct ais_rule_file *sorted = ais_xcalloc(*n + 2, sizeof *sorted);
	size_t i, m = *n;
	int have = 0;

	memcpy(sorted, files, sizeof *files * m);
	for (i = 0; i < m; i++)
		if (strcmp(base_name(files[i].name), "profile.yaml") == 0)
			have = 1;
	for (i = 0; !have && i < ais_builtin_nfiles; i++)
		if (strcmp(ais_builtin_files[i].name, "rules/profile.yaml") == 0) {
			sorted[m].name = ais_builtin_files[i].name;
			sorted[m].data = ais_builtin_files[i].data;
			sorted[m].len = ais_builtin_files[i].len;
			sorted[m].layer = -1;
			m++;
			break;
		}
	qsort(sorted, m, sizeof *sorted, cmp_files);
	*n = m;
	return sorted;
}

/* The id of the jurisdiction of the file whose root is root, or NULL. */
static const char *
jurisdiction_id(struct loader *L, const yaml_node_t *root)
{
	yaml_node_t *jn = find(L, root, "jurisdiction"), *id;

	id = find(L, jn, "id");
	if (!id || id->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)id->data.scalar.value;
}

/* The profile declarations and the 'about' text of one file. */
static int
contract_part(struct loader *L, const yaml_node_t *root, struct decls *top)
{
	yaml_node_t *v;

	if (!root)
		return lerr(L, NULL, 0, 0, "empty rule file");
	if (root->type != YAML_MAPPING_NODE)
		return lerr(L, root, 0, 0, "a rule file must be a mapping, not %s",
		    kind_name(root));
	if (!find(L, root, "jurisdiction")) {
		static const char *const keys[] = { "about", "profile", NULL };

		if (check_keys(L, root, "a contract file (a rule file with no "
		    "'jurisdiction')", keys) < 0)
			return -1;
		if (!find(L, root, "profile"))
			return lerr(L, root, 0, 0, "a rule file needs "
			    "'jurisdiction' (the rules of a place) or 'profile' "
			    "(fields of the profile contract)");
	}
	if ((v = find(L, root, "about"))) {
		if (L->r->about.zh)
			return lerr(L, v, 0, 0, "'about' of the profile contract "
			    "is given twice (also in %s)", L->r->about_file);
		if (get_l10n(L, root, "about", "a contract file", 1,
		    &L->r->about) < 0)
			return -1;
		L->r->about_file = L->file->name;
	}
	if ((v = find(L, root, "profile")))
		return parse_decls(L, v, top, "", 0);
	return 0;
}

static void jorder_build(struct ais_rules *r);

/* ais_rules_load within its guard. */
/* digest: the rule set's digest when it is known already (the built-in
 * rules: tools/embed.c computed it when it embedded them), or NULL */
static struct ais_rules *
rules_load(const struct ais_rule_file *files, size_t n, const char *digest,
	struct ais_error *err)
{
	struct ais_rules *r;
	struct ais_rule_file *sorted;
	struct ais_oom_cleanup rc, sc, dc;
	struct loading ld = { NULL, 0 };
	struct decls top = { NULL, 0, 0 };
	struct ais_sha256 h;
	unsigned char d[32];
	const char **jid;
	struct loader L;
	size_t i, k;

	r = ais_xcalloc(1, sizeof *r);
	ais_oom_push(&rc, rules_cleanup, r);
	sorted = files_to_load(files, &n);
	ais_oom_push(&sc, free, sorted);
	ld.docs = ais_xcalloc(n + 1, sizeof *ld.docs);
	ais_oom_push(&dc, loading_cleanup, &ld);
	r->j = ais_arena_alloc(&r->arena, sizeof *r->j * (n + 1));
	jid = ais_arena_alloc(&r->arena, sizeof *jid * (n + 1));
	ais_sha256_init(&h);
	memset(&L, 0, sizeof L);
	L.r = r;
	L.a = &r->arena;
	L.err = err;
	/* every file read, and the contract gathered from all of them, so
	 * that a field may be declared in one file and read in another */
	for (i = 0; i < n; i++) {
		const char *base;

		/* the names live as long as the rules: messages and the
		 * contract's fields name the file */
		sorted[i].name = ais_arena_strdup(&r->arena, sorted[i].name);
		base = base_name(sorted[i].name);
		if (!digest)
			hash_file(&h, &sorted[i], base);
		L.file = &sorted[i];
		if (yaml_read(&L, &ld.docs[i]) < 0)
			goto fail;
		ld.n++;
		L.doc = &ld.docs[i];
		jid[i] = jurisdiction_id(&L, yaml_document_get_root_node(L.doc));
	}
	/* a jurisdiction of a later layer (--add-rules) replaces the one of
	 * the same id of an earlier layer: the earlier file is not loaded */
	for (i = 0; i < n; i++)
		for (k = 0; jid[i] && k < i; k++)
			if (jid[k] && sorted[k].layer < sorted[i].layer &&
			    strcmp(jid[k], jid[i]) == 0)
				sorted[k].data = NULL;
	for (i = 0; i < n; i++) {
		if (!sorted[i].data)
			continue;
		L.file = &sorted[i];
		L.doc = &ld.docs[i];
		if (contract_part(&L, yaml_document_get_root_node(L.doc),
		    &top) < 0)
			goto fail;
	}
	L.file = &sorted[0];
	L.doc = &ld.docs[0];
	if (build_schema(&L, &top, "profile", "", 1, 0, &r->schema) < 0 ||
	    build_dated(&L, &top, "", r->schema) < 0)
		goto fail;
	for (i = 0; i < n; i++) {
		struct ais_jurisdiction *j = &r->j[r->nj];

		/* a file with 'jurisdiction' is parsed whatever its id: one
		 * without an id is an error there, not a file passed over */
		L.doc = &ld.docs[i];
		if (!sorted[i].data || !find(&L, yaml_document_get_root_node(
		    L.doc), "jurisdiction"))
			continue;
		memset(&L, 0, sizeof L);
		L.r = r;
		L.a = &r->arena;
		L.err = err;
		L.file = &sorted[i];
		L.doc = &ld.docs[i];
		L.j = j;
		j->file = sorted[i].name;
		if (parse_file(&L, yaml_document_get_root_node(L.doc)) < 0)
			goto fail;
		r->nj++;
		for (k = 0; k < j->nprograms; k++)
			j->programs[k].index = r->nprograms + k;
		r->nprograms += j->nprograms;
	}
	ais_oom_pop(&dc);
	loading_cleanup(&ld);
	if (digest) {
		snprintf(r->digest, sizeof r->digest, "%s", digest);
	} else {
		ais_sha256_final(&h, d);
		memcpy(r->digest, "sha256:", 7);
		ais_sha256_hex(d, r->digest + 7);
	}
	/* program ids unique across the set, and parents */
	if (programs_distinct(r, err) < 0)
		goto fail_loaded;
	jorder_build(r);
	for (i = 0; i < r->nj; i++) {
		struct ais_jurisdiction *j = &r->j[i];

		if (j->parent_id) {
			j->parent = ais_rules_find(r, j->parent_id,
			    strlen(j->parent_id));
			if (!j->parent && parent_missing(r, j, err) < 0)
				goto fail_loaded;
		}
	}
	/* a parent chain that loops would make every walk up it endless */
	for (i = 0; i < r->nj; i++)
		if (parent_loop(r, &r->j[i], err) < 0)
			goto fail_loaded;
	program_ids(r);
	ais_oom_pop(&sc);
	ais_oom_pop(&rc);
	free(sorted);
	return r;
fail:
	ais_oom_pop(&dc);
	loading_cleanup(&ld);
fail_loaded:
	ais_oom_pop(&sc);
	ais_oom_pop(&rc);
	free(sorted);
	ais_rules_free(r);
	return NULL;
}

struct ais_rules *
ais_rules_load(const struct ais_rule_file *files, size_t n,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	struct ais_rules *r;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);	/* the clean-ups freed the rules */
		return NULL;
	}
	r = rules_load(files, n, NULL, err);
	ais_oom_guard_leave(&g);
	return r;
}

/* A file being read: closed, and its bytes freed, if memory runs out. */
struct reading {
	FILE *f;
	struct ais_buf b;
};

static void
reading_cleanup(void *arg)
{
	struct reading *rd = arg;

	if (rd->f != stdin)
		fclose(rd->f);
	ais_buf_release(&rd->b);
}

/* ais_read_file within its guard. */
static int
read_file(const char *path, char **data, size_t *len, int status,
	struct ais_error *err)
{
	struct reading rd = {NULL, AIS_BUF_INIT};
	struct ais_oom_cleanup c;
	char chunk[65536];
	size_t n;

	rd.f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!rd.f) {
		ais_error_set(err, status, NULL, 0, 0, "unable to open '%s': %s",
		    path, strerror(errno));
		return -1;
	}
	ais_oom_push(&c, reading_cleanup, &rd);
	while ((n = fread(chunk, 1, sizeof chunk, rd.f)) > 0)
		ais_buf_add(&rd.b, chunk, n);
	if (ferror(rd.f)) {
		ais_error_set(err, status, NULL, 0, 0, "unable to read '%s': %s",
		    path, strerror(errno));
		ais_oom_pop(&c);
		reading_cleanup(&rd);
		return -1;
	}
	ais_buf_add(&rd.b, "", 0);	/* the bytes, even none, allocated */
	ais_oom_pop(&c);
	if (rd.f != stdin)
		fclose(rd.f);
	*len = rd.b.len;
	*data = ais_buf_detach(&rd.b);
	return 0;
}

int
ais_read_file(const char *path, char **data, size_t *len, int status,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = read_file(path, data, len, status, err);
	ais_oom_guard_leave(&g);
	return rc;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

void
ais_rule_files_release(struct ais_rule_files *out)
{
	size_t i;

	if (out->owned)
		for (i = 0; i < out->f.n; i++) {
			free((char *)out->f.v[i].name);
			free((char *)out->f.v[i].data);
		}
	AIS_VEC_FREE(out->f);
	out->owned = 0;
}

/* A directory being read: closed, and the name of the file being read
 * freed, if memory runs out (the files read so far are in out). */
struct dir_reading {
	DIR *d;
	struct ais_buf path;
	int fd;				/* the file being read, or -1 */
	struct ais_buf data;		/* its bytes, until they are its */
};

static void
dir_reading_cleanup(void *arg)
{
	struct dir_reading *dr = arg;

	closedir(dr->d);
	ais_buf_release(&dr->path);
	if (dr->fd >= 0)
		close(dr->fd);
	dr->fd = -1;
	ais_buf_release(&dr->data);
}

/*
 * Reads the rule file dr->path into f (its bytes and a NUL after them):
 * opened, sized with fstat (a file too large refused before it is read),
 * read into a buffer with room for its size and closed, with nothing
 * between (no stdio, no chunk copied into a buffer that grows): a hundred
 * rule files read for one profile cost little more than their system
 * calls.  0, or -1 with err filled.
 */
static int
read_rule_file(struct dir_reading *dr, struct ais_rule_file *f,
	struct ais_error *err)
{
	struct ais_buf *b = &dr->data;
	struct stat st;
	ssize_t n;

	ais_buf_reset(b);
	dr->fd = open(dr->path.p, O_RDONLY | O_CLOEXEC);
	if (dr->fd < 0) {
		ais_error_set(err, AIS_ERULES, NULL, 0, 0, "unable to open "
		    "'%s': %s", dr->path.p, strerror(errno));
		return -1;
	}
	if (fstat(dr->fd, &st) == 0 && st.st_size > AIS_RULES_MAX_FILE) {
		ais_error_set(err, AIS_ERULES, dr->path.p, 0, 0, "rule file "
		    "too large (%lld bytes; at most %d MiB)",
		    (long long)st.st_size, AIS_RULES_MAX_FILE >> 20);
		return -1;
	}
	/* room for the size fstat gave and one byte more, to see the end
	 * (and the NUL); a file that grows meanwhile is read on */
	ais_buf_grow(b, (st.st_size > 0 ? (size_t)st.st_size : 0) + 1);
	for (;;) {
		if (b->len + 1 >= b->cap) {
			if (b->len > AIS_RULES_MAX_FILE) {
				ais_error_set(err, AIS_ERULES, dr->path.p, 0, 0,
				    "rule file too large (more than %d MiB)",
				    AIS_RULES_MAX_FILE >> 20);
				return -1;
			}
			ais_buf_grow(b, b->cap);
		}
		n = read(dr->fd, b->p + b->len, b->cap - 1 - b->len);
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ais_error_set(err, AIS_ERULES, NULL, 0, 0, "unable to "
			    "read '%s': %s", dr->path.p, strerror(errno));
			return -1;
		}
		b->len += (size_t)n;
	}
	b->p[b->len] = '\0';
	close(dr->fd);
	dr->fd = -1;
	f->len = b->len;
	f->data = ais_buf_detach(b);
	return 0;
}

/* ais_rule_files_read within its guard. */
static int
rule_files_read(const char *dir, struct ais_rule_files *out,
	struct ais_error *err)
{
	struct dir_reading dr = {NULL, AIS_BUF_INIT, -1, AIS_BUF_INIT};
	struct ais_oom_cleanup c;
	struct dirent *e;
	int rc = 0;

	out->owned = 1;
	AIS_VEC_CLEAR(out->f);
	if ((dr.d = opendir(dir)) == NULL) {
		ais_error_set(err, AIS_ERULES, NULL, 0, 0, "unable to open "
		    "directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	ais_oom_push(&c, dir_reading_cleanup, &dr);
	while ((e = readdir(dr.d)) != NULL) {
		struct ais_rule_file *f;

		if (e->d_name[0] == '.' || !ends_with(e->d_name, ".yaml"))
			continue;
		ais_buf_reset(&dr.path);
		ais_buf_addf(&dr.path, "%s/%s", dir, e->d_name);
		/* the entry first, empty: what is read next is in out at
		 * once, for ais_rule_files_release to free */
		f = AIS_VEC_PUSH(NULL, out->f);
		f->name = f->data = NULL;
		f->len = 0;
		f->layer = 0;
		f->name = ais_xstrdup(dr.path.p);
		if (read_rule_file(&dr, f, err) < 0) {
			rc = -1;
			break;
		}
	}
	ais_oom_pop(&c);
	dir_reading_cleanup(&dr);
	if (rc == 0 && out->f.n > 1)
		qsort(out->f.v, out->f.n, sizeof *out->f.v, cmp_files);
	return rc;
}

int
ais_rule_files_read(const char *dir, struct ais_rule_files *out,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);	/* out holds what was read */
		return -1;
	}
	rc = rule_files_read(dir, out, err);
	ais_oom_guard_leave(&g);
	return rc;
}

void
ais_rule_files_builtin(const char *prefix, struct ais_rule_files *out)
{
	size_t i, k = strlen(prefix);

	out->owned = 0;
	AIS_VEC_CLEAR(out->f);
	for (i = 0; i < ais_builtin_nfiles; i++) {
		const char *name = ais_builtin_files[i].name;
		struct ais_rule_file *f;

		if (strncmp(name, prefix, k) != 0 || strchr(name + k, '/'))
			continue;
		f = AIS_VEC_PUSH(NULL, out->f);
		f->name = name;
		f->data = ais_builtin_files[i].data;
		f->len = ais_builtin_files[i].len;
		f->layer = 0;
	}
}

/* A clean-up for ais_oom_push: arg is a struct ais_rule_files *. */
static void
rule_files_cleanup(void *arg)
{
	ais_rule_files_release(arg);
}

struct ais_rules *
ais_rules_load_dir(const char *dir, struct ais_error *err)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_rules *r = NULL;

	if (ais_rule_files_read(dir, &files, err) < 0) {
		ais_rule_files_release(&files);
		return NULL;
	}
	if (files.f.n == 0)
		ais_error_set(err, AIS_ERULES, NULL, 0, 0, "no rule files "
		    "(*.yaml) in '%s'", dir);
	else
		r = ais_rules_load(files.f.v, files.f.n, err);
	ais_rule_files_release(&files);
	return r;
}

/* Every built-in rule file, however many there are (no fixed limit). */
struct ais_rules *
ais_rules_load_builtin(struct ais_error *err)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;
	struct ais_rules *r;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return NULL;
	}
	ais_oom_push(&c, rule_files_cleanup, &files);
	ais_rule_files_builtin("rules/", &files);
	/* the digest was computed when the files were embedded: hashing
	 * them again was a fifth of the start-up (docs/performance.md) */
	r = rules_load(files.f.v, files.f.n, ais_builtin_digest, err);
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	ais_rule_files_release(&files);
	return r;
}

/* The rule files of layers, each an ais_rule_files, freed if memory runs
 * out. */
struct layers {
	struct ais_rule_files *l;
	size_t n;
	struct ais_rule_file *all;
};

static void
layers_cleanup(void *arg)
{
	struct layers *ls = arg;

	while (ls->n > 0)
		ais_rule_files_release(&ls->l[--ls->n]);
	free(ls->l);
	free(ls->all);
	ls->l = NULL;
	ls->all = NULL;
}

/* ais_rules_load_layers within its guard. */
static struct ais_rules *
load_layers(const char *base, const char *const *add, size_t nadd,
	struct ais_error *err)
{
	struct layers ls = { NULL, 0, NULL };
	struct ais_oom_cleanup c;
	struct ais_rules *r = NULL;
	size_t i, k, total = 0;

	ls.l = ais_xcalloc(nadd + 1, sizeof *ls.l);
	ais_oom_push(&c, layers_cleanup, &ls);
	for (i = 0; i <= nadd; i++) {
		const char *dir = i == 0 ? base : add[i - 1];
		struct ais_rule_files *f = &ls.l[i];

		ls.n++;
		if (dir == NULL) {
			ais_rule_files_builtin("rules/", f);
		} else if (ais_rule_files_read(dir, f, err) < 0) {
			goto out;
		} else if (f->f.n == 0) {
			ais_error_set(err, AIS_ERULES, NULL, 0, 0, "no rule files "
			    "(*.yaml) in '%s'", dir);
			goto out;
		}
		total += f->f.n;
	}
	ls.all = ais_xcalloc(total + 1, sizeof *ls.all);
	for (i = 0, total = 0; i <= nadd; i++)
		for (k = 0; k < ls.l[i].f.n; k++) {
			ls.all[total] = ls.l[i].f.v[k];
			ls.all[total++].layer = (int)i;
		}
	r = ais_rules_load(ls.all, total, err);
out:
	ais_oom_pop(&c);
	layers_cleanup(&ls);
	return r;
}

struct ais_rules *
ais_rules_load_layers(const char *base, const char *const *add, size_t nadd,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	struct ais_rules *r;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return NULL;
	}
	r = load_layers(base, add, nadd, err);
	ais_oom_guard_leave(&g);
	return r;
}

/*
 * Selective loading (issue 13; docs/performance.md "Start-up that does
 * not grow with the rule set").  One profile needs the programs of its
 * city, its province and their parents; parsing the others was most of
 * the start-up of a calc, and grew with every place added.  A rule set
 * opened for one profile (ais_rules_open) parses the profile contract and
 * reads only the 'jurisdiction:' block of every other file (ais_rule_scan);
 * ais_rules_need then parses the files a profile needs, into the same
 * rule set, so that what a calc sees of them is what a full load gives.
 */

/* What a rule set opened for one profile has not parsed yet. */
struct ais_rules_pending {
	struct ais_rule_file *sorted;	/* every file, in load order */
	size_t nfiles;
	size_t *file_of;		/* r->j[i]'s file in sorted */
	unsigned char *loaded;		/* r->j[i] parsed */
	struct ais_rule_files *layers;	/* the bytes of the files read */
	size_t nlayers;
};

static void
pending_free(struct ais_rules_pending *pd)
{
	size_t i;

	if (!pd)
		return;
	for (i = 0; pd->layers && i < pd->nlayers; i++)
		ais_rule_files_release(&pd->layers[i]);
	free(pd->layers);
	free(pd->sorted);
	free(pd->file_of);
	free(pd->loaded);
	free(pd);
}

/* Jurisdiction a's id against id[0..len): <0, 0, >0. */
static int
jorder_cmp(const struct ais_rules *r, size_t a, const char *id, size_t len)
{
	const char *x = r->j[a].id;
	size_t xl = strlen(x);
	int c = memcmp(x, id, xl < len ? xl : len);

	if (c)
		return c;
	return xl < len ? -1 : xl > len;
}

/* r->jorder: the jurisdictions sorted by id, for ais_rules_find to
 * bisect (by insertion: a qsort comparator would need r in a static). */
static void
jorder_build(struct ais_rules *r)
{
	size_t i, k;

	r->jorder = ais_arena_alloc(&r->arena, sizeof *r->jorder * (r->nj + 1));
	for (i = 0; i < r->nj; i++) {
		const char *id = r->j[i].id;
		size_t len = strlen(id), lo = 0, hi = i;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (jorder_cmp(r, r->jorder[mid], id, len) <= 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = i; k > lo; k--)
			r->jorder[k] = r->jorder[k - 1];
		r->jorder[lo] = i;
	}
}

/*
 * Whether a line at column 0 after the 'jurisdiction:' block can be
 * passed over: blank, indented, a comment, a list item, or a plain key
 * ([A-Za-z0-9_-]+ and ': ') other than 'profile', 'about' and
 * 'jurisdiction'.  Every key of a block mapping at column 0 starts at
 * column 0, so a file all of whose lines there pass declares no part of
 * the contract and holds one 'jurisdiction' only.  A line that is text
 * of a scalar may be refused for nothing: the file is then parsed.
 */
static int
harmless_line(const char *s, const char *end)
{
	const char *p = s;
	size_t n;

	if (p == end || *p == '\n' || *p == ' ' || *p == '#')
		return 1;
	if (*p == '\r')
		return p + 1 < end && p[1] == '\n';
	if (*p == '-' && (p + 1 == end || p[1] == ' ' || p[1] == '\n' ||
	    p[1] == '\r'))
		return 1;
	while (p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
	    *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
		p++;
	if (p == s || p == end || *p != ':')
		return 0;
	if (p + 1 < end && p[1] != ' ' && p[1] != '\n' && p[1] != '\r')
		return 0;
	n = (size_t)(p - s);
	if ((n == 7 && memcmp(s, "profile", 7) == 0) ||
	    (n == 5 && memcmp(s, "about", 5) == 0) ||
	    (n == 12 && memcmp(s, "jurisdiction", 12) == 0))
		return 0;
	return 1;
}

/* Whether s[0..len) breaks lines only with "\n" or "\r\n": libyaml also
 * breaks them at a lone '\r' and at U+0085, U+2028 and U+2029, which a
 * scan by '\n' would not see. */
static int
plain_line_breaks(const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = memchr(p, '\r', (size_t)(end - p))) != NULL) {
		if (p + 1 == end || p[1] != '\n')
			return 0;
		p++;
	}
	for (p = s; (p = memchr(p, 0xc2, (size_t)(end - p))) != NULL; p++)
		if (p + 1 < end && (unsigned char)p[1] == 0x85)
			return 0;
	for (p = s; (p = memchr(p, 0xe2, (size_t)(end - p))) != NULL; p++)
		if (p + 2 < end && (unsigned char)p[1] == 0x80 &&
		    ((unsigned char)p[2] == 0xa8 || (unsigned char)p[2] == 0xa9))
			return 0;
	return 1;
}

/* Whether the lines of f from offset cut on are all harmless_line and
 * break as a scan by '\n' sees them. */
static int
rest_harmless(const struct ais_rule_file *f, size_t cut)
{
	const char *p = f->data + cut, *end = f->data + f->len;

	if (!plain_line_breaks(f->data, f->len))
		return 0;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		if (!harmless_line(p, e ? e + 1 : end))
			return 0;
		p = e ? e + 1 : end;
	}
	return 1;
}

/* The length of the valid UTF-8 character at s[0..n) that libyaml
 * accepts in a document (no C1 control, no BOM, no U+FFFE/FFFF), or 0. */
static size_t
utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t k, len;

	if (c < 0x80)
		return c >= 0x20 && c != 0x7f;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	for (k = 1; k < len; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xc2 && s[1] < 0xa0) || (c == 0xe0 && s[1] < 0xa0) ||
	    (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
	    (c == 0xf4 && s[1] > 0x8f) ||
	    (c == 0xef && s[1] == 0xbb && s[2] == 0xbf) ||
	    (c == 0xef && s[1] == 0xbf && s[2] >= 0xbe))
		return 0;
	return len;
}

/*
 * A value of the common form of a 'jurisdiction:' block, s[0..n): a plain
 * scalar that libyaml reads as these very bytes (no indicator, quote,
 * comment or flow character, no space at either end), copied into a;
 * NULL when it is not one.
 */
static const char *
fast_value(struct ais_arena *a, const char *s, size_t n)
{
	size_t i, k;

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ' || s[0] == '-' ||
	    s[0] == '?')
		return NULL;
	for (i = 0; i < n; i += k) {
		if (strchr(":#,[]{}&*!|>'\"%@`\\", s[i]) && s[i] != '\0')
			return NULL;
		if ((k = utf8_char((const unsigned char *)s + i, n - i)) == 0)
			return NULL;
	}
	return ais_arena_strndup(a, s, n);
}

/* The line at *p (without its "\n" or "\r\n") as s[0..*n); *p moves to
 * the next line.  0 at the end of the text. */
static int
next_line(const char **p, const char *end, const char **s, size_t *n)
{
	const char *e;

	if (*p >= end)
		return 0;
	e = memchr(*p, '\n', (size_t)(end - *p));
	*s = *p;
	*n = (size_t)((e ? e : end) - *p);
	if (*n > 0 && (*s)[*n - 1] == '\r')
		(*n)--;
	*p = e ? e + 1 : end;
	return 1;
}

/* Whether line s[0..n) is blank or a comment (spaces, then '#'). */
static int
idle_line(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] == ' ')
		i++;
	return i == n || s[i] == '#';
}

/*
 * ais_rule_scan without libyaml, for the common form of a file: comments,
 * then "jurisdiction:" and lines "  KEY: VALUE" (KEY id, level, parent,
 * or name with "{zh: VALUE, en: VALUE}" or the lines "    zh: VALUE" and
 * "    en: VALUE" below), then the rest from offset cut.  1 when f has that
 * form; 0 when it has not (libyaml reads the block then).
 */
static int
fast_scan(const struct ais_rule_file *f, size_t cut, struct ais_arena *a,
	struct ais_rule_head *h)
{
	const char *p = f->data, *end = f->data + cut, *s, *v;
	size_t n, line = 0;
	int in_name = 0;

	for (;;) {
		if (!next_line(&p, end, &s, &n))
			return 0;
		line++;
		if (n == 13 && memcmp(s, "jurisdiction:", 13) == 0)
			break;
		if (!idle_line(s, n))
			return 0;
	}
	while (next_line(&p, end, &s, &n)) {
		const char **to = NULL;
		const char *k;
		size_t kl, off;

		line++;
		if (idle_line(s, n))
			continue;
		off = in_name && n > 4 && memcmp(s, "    ", 4) == 0 &&
		    s[4] != ' ' ? 4 : 2;
		if (n <= off || memcmp(s, "    ", off) != 0 || s[off] == ' ')
			return 0;
		k = s + off;
		for (kl = 0; off + kl < n && k[kl] >= 'a' && k[kl] <= 'z'; kl++)
			;
		if (off + kl >= n || k[kl] != ':')
			return 0;
		if (off == 4) {
			if (kl == 2 && memcmp(k, "zh", 2) == 0)
				to = &h->name_zh;
			else if (kl == 2 && memcmp(k, "en", 2) == 0)
				to = &h->name_en;
		} else {
			in_name = 0;
			if (kl == 2 && memcmp(k, "id", 2) == 0)
				to = &h->id;
			else if (kl == 5 && memcmp(k, "level", 5) == 0)
				to = &h->level;
			else if (kl == 6 && memcmp(k, "parent", 6) == 0)
				to = &h->parent;
			else if (kl != 4 || memcmp(k, "name", 4) != 0 ||
			    h->name_zh || h->name_en)
				return 0;
		}
		v = k + kl + 1;
		n -= off + kl + 1;
		if (!to && n == 0) {
			in_name = 1;	/* "  name:", its two lines below */
			continue;
		}
		if (n < 2 || v[0] != ' ')
			return 0;
		v++;
		n--;
		if (!to) {
			/* "{zh: A, en: B}" */
			const char *c;

			if (n < 14 || memcmp(v, "{zh: ", 5) != 0 ||
			    v[n - 1] != '}' ||
			    (c = memchr(v, ',', n)) == NULL ||
			    (size_t)(v + n - c) < 7 || memcmp(c, ", en: ", 6) != 0 ||
			    (h->name_zh = fast_value(a, v + 5,
			    (size_t)(c - v - 5))) == NULL ||
			    (h->name_en = fast_value(a, c + 6,
			    (size_t)(v + n - 1 - c - 6))) == NULL)
				return 0;
			continue;
		}
		if (*to || (*to = fast_value(a, v, n)) == NULL)
			return 0;
		if (to == &h->parent) {
			h->parent_line = (int)line;
			h->parent_column = (int)(v - s) + 1;
		}
	}
	return h->id && h->level && h->name_zh && h->name_en &&
	    rest_harmless(f, cut);
}

/* The next event of the scan into *ev (the last one deleted first): 1,
 * or 0 when libyaml fails or the event is not of type want (0: any). */
static int
scan_event(yaml_parser_t *pa, yaml_event_t *ev, int want)
{
	yaml_event_delete(ev);
	if (!yaml_parser_parse(pa, ev)) {
		memset(ev, 0, sizeof *ev);
		return 0;
	}
	return want == 0 || (int)ev->type == want;
}

/* A scalar with no anchor, tag or NUL, copied into a; NULL when not. */
static const char *
scan_scalar(struct ais_arena *a, const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.anchor ||
	    ev->data.scalar.tag || strlen(v) != ev->data.scalar.length)
		return NULL;
	return ais_arena_strdup(a, v);
}

/* A mapping start with no anchor or tag. */
static int
scan_mapping(yaml_parser_t *pa, yaml_event_t *ev)
{
	return scan_event(pa, ev, YAML_MAPPING_START_EVENT) &&
	    !ev->data.mapping_start.anchor && !ev->data.mapping_start.tag;
}

/* A plain scalar key, or the end of the mapping (*end set). */
static const char *
scan_key(yaml_parser_t *pa, yaml_event_t *ev, int *end)
{
	*end = 0;
	if (!scan_event(pa, ev, 0))
		return NULL;
	if (ev->type == YAML_MAPPING_END_EVENT) {
		*end = 1;
		return NULL;
	}
	if (ev->type != YAML_SCALAR_EVENT || ev->data.scalar.anchor ||
	    ev->data.scalar.tag ||
	    ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return NULL;
	return (const char *)ev->data.scalar.value;
}

/*
 * Where the 'jurisdiction:' block of f ends: the offset of the first line
 * after it that starts at column 0 with anything but a comment (the next
 * key of the root), or f->len.  0 when the first such line of the file
 * is not "jurisdiction:" (the file is parsed).
 */
static size_t
block_end(const struct ais_rule_file *f)
{
	const char *p = f->data, *end = f->data + f->len;
	int seen = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		if (*p != ' ' && *p != '#' && *p != '\n' && *p != '\r') {
			if (seen)
				return (size_t)(p - f->data);
			if ((size_t)(end - p) < 13 ||
			    memcmp(p, "jurisdiction:", 13) != 0)
				return 0;
			seen = 1;
		}
		p = e ? e + 1 : end;
	}
	return seen ? f->len : 0;
}

/* ais_rule_scan's reading of f's first cut bytes (its 'jurisdiction:'
 * block), with the parser and the event its caller's. */
static int
rule_scan(const struct ais_rule_file *f, size_t cut, struct ais_arena *a,
	struct ais_rule_head *h, yaml_parser_t *pa, yaml_event_t *ev)
{
	const char *v, *key;
	int done;

	if (!scan_event(pa, ev, YAML_STREAM_START_EVENT) ||
	    !scan_event(pa, ev, YAML_DOCUMENT_START_EVENT) ||
	    !scan_mapping(pa, ev) ||
	    ev->data.mapping_start.style != YAML_BLOCK_MAPPING_STYLE ||
	    (key = scan_key(pa, ev, &done)) == NULL ||
	    ev->start_mark.column != 0 || strcmp(key, "jurisdiction") != 0 ||
	    !scan_mapping(pa, ev))
		return 0;
	for (;;) {
		const char **to = NULL;

		if ((key = scan_key(pa, ev, &done)) == NULL) {
			if (done)
				break;
			return 0;
		}
		if (strcmp(key, "id") == 0)
			to = &h->id;
		else if (strcmp(key, "level") == 0)
			to = &h->level;
		else if (strcmp(key, "parent") == 0)
			to = &h->parent;
		if (to) {
			if (*to || !scan_event(pa, ev, YAML_SCALAR_EVENT) ||
			    (v = scan_scalar(a, ev)) == NULL)
				return 0;
			*to = v;
			if (to == &h->parent) {
				h->parent_line = (int)ev->start_mark.line + 1;
				h->parent_column = (int)ev->start_mark.column + 1;
			}
			continue;
		}
		if (strcmp(key, "name") != 0 || h->name_zh || !scan_mapping(pa, ev))
			return 0;
		for (;;) {
			if ((key = scan_key(pa, ev, &done)) == NULL) {
				if (done)
					break;
				return 0;
			}
			if (strcmp(key, "zh") == 0 && !h->name_zh)
				to = &h->name_zh;
			else if (strcmp(key, "en") == 0 && !h->name_en)
				to = &h->name_en;
			else
				return 0;
			if (!scan_event(pa, ev, YAML_SCALAR_EVENT) ||
			    (v = scan_scalar(a, ev)) == NULL)
				return 0;
			*to = v;
		}
		if (!h->name_zh || !h->name_en)
			return 0;
	}
	if (!h->id || !h->level || !h->name_zh)
		return 0;
	/* the end of the root as cut, then every line from the cut on */
	return scan_event(pa, ev, YAML_MAPPING_END_EVENT) &&
	    scan_event(pa, ev, YAML_DOCUMENT_END_EVENT) &&
	    scan_event(pa, ev, YAML_STREAM_END_EVENT) && rest_harmless(f, cut);
}

int
ais_rule_scan(const struct ais_rule_file *f, struct ais_arena *a,
	struct ais_rule_head *out)
{
	yaml_parser_t pa;
	yaml_event_t ev;
	struct ais_oom_cleanup pc, ec;
	size_t cut;
	int ok;

	memset(out, 0, sizeof *out);
	memset(&ev, 0, sizeof ev);
	if (f->len > AIS_RULES_MAX_FILE || (cut = block_end(f)) == 0)
		return 0;
	if (fast_scan(f, cut, a, out))
		return 1;
	memset(out, 0, sizeof *out);
	if (!yaml_parser_initialize(&pa))
		return 0;
	ais_oom_push(&pc, yaml_cleanup_parser, &pa);
	ais_oom_push(&ec, yaml_cleanup_event, &ev);
	/* libyaml is given the file up to the end of the block only: it
	 * decodes all it is given before the first event */
	yaml_parser_set_input_string(&pa, (const unsigned char *)f->data,
	    cut);
	ok = rule_scan(f, cut, a, out, &pa, &ev);
	ais_oom_pop(&ec);
	ais_oom_pop(&pc);
	yaml_event_delete(&ev);
	yaml_parser_delete(&pa);
	if (!ok)
		memset(out, 0, sizeof *out);
	return ok;
}

/* Whether the heads of r's jurisdictions are sound: ids distinct and
 * plain, levels known, a municipality without parent, every parent there
 * and no loop.  When they are not, the whole set is loaded, which says
 * what is wrong where a full load says it. */
static int
heads_sound(const struct ais_rules *r)
{
	static const char *const levels[] = {
		"city", "province", "municipality", NULL
	};
	size_t i, k;

	for (i = 0; i < r->nj; i++) {
		const struct ais_jurisdiction *j = &r->j[i];
		const char *id = r->j[r->jorder[i]].id;

		for (k = 0; levels[k] && strcmp(levels[k], j->level) != 0; k++)
			;
		if (!levels[k] || !plain_name(j->id) || (j->parent_id &&
		    strcmp(j->level, "municipality") == 0))
			return 0;
		if (i > 0 && jorder_cmp(r, r->jorder[i - 1], id,
		    strlen(id)) == 0)
			return 0;
	}
	for (i = 0; i < r->nj; i++) {
		const struct ais_jurisdiction *q = &r->j[i];

		if (q->parent_id && !q->parent)
			return 0;
		for (k = 0; q && k <= r->nj; k++)
			q = q->parent;
		if (q)
			return 0;	/* a loop */
	}
	return 1;
}

/* Parses file into jurisdiction j of r (its head there already), as
 * rules_load does; doc is the file's document, or NULL to read it. */
static int
parse_into(struct ais_rules *r, const struct ais_rule_file *file,
	struct ais_jurisdiction *j, yaml_document_t *doc, struct ais_error *err)
{
	struct ais_oom_cleanup dc;
	yaml_document_t own;
	struct loader L;
	size_t k;
	int rc, have = doc != NULL;

	memset(&L, 0, sizeof L);
	L.r = r;
	L.a = &r->arena;
	L.err = err;
	L.file = file;
	if (!have) {
		if (yaml_read(&L, &own) < 0)
			return -1;
		doc = &own;
		ais_oom_push(&dc, yaml_cleanup_document, &own);
	}
	L.doc = doc;
	L.j = j;
	j->file = file->name;
	rc = parse_file(&L, yaml_document_get_root_node(doc));
	if (!have) {
		ais_oom_pop(&dc);
		yaml_document_delete(&own);
	}
	if (rc < 0)
		return -1;
	for (k = 0; k < j->nprograms; k++)
		j->programs[k].index = r->nprograms + k;
	r->nprograms += j->nprograms;
	return 0;
}

/*
 * Opens r (empty but for r->pending, whose layers hold the files) for
 * one profile, within the guard of its caller, who frees r on failure:
 * 0, -1 with err filled, or 1 when the heads are not sound (the caller
 * loads the whole set instead).
 */
static int
rules_open(struct ais_rules *r, const struct ais_rule_file *files, size_t n,
	const char *digest, struct ais_error *err)
{
	struct ais_rules_pending *pd = r->pending;
	struct ais_rule_file *sorted;
	struct ais_oom_cleanup dc;
	struct loading ld = { NULL, 0 };
	struct decls top = { NULL, 0, 0 };
	struct ais_rule_head *heads;
	struct ais_sha256 h;
	unsigned char d[32], *parsed;
	const char **jid;
	struct loader L;
	size_t i, k;

	sorted = files_to_load(files, &n);
	pd->sorted = sorted;
	pd->nfiles = n;
	pd->file_of = ais_xcalloc(n + 1, sizeof *pd->file_of);
	pd->loaded = ais_xcalloc(n + 1, 1);
	ld.docs = ais_xcalloc(n + 1, sizeof *ld.docs);
	ais_oom_push(&dc, loading_cleanup, &ld);
	heads = ais_arena_alloc(&r->arena, sizeof *heads * (n + 1));
	parsed = ais_arena_alloc(&r->arena, n + 1);
	r->j = ais_arena_alloc(&r->arena, sizeof *r->j * (n + 1));
	memset(r->j, 0, sizeof *r->j * (n + 1));
	jid = ais_arena_alloc(&r->arena, sizeof *jid * (n + 1));
	ais_sha256_init(&h);
	memset(&L, 0, sizeof L);
	L.r = r;
	L.a = &r->arena;
	L.err = err;
	for (i = 0; i < n; i++) {
		const char *base;

		sorted[i].name = ais_arena_strdup(&r->arena, sorted[i].name);
		base = base_name(sorted[i].name);
		if (!digest)
			hash_file(&h, &sorted[i], base);
		if (ais_rule_scan(&sorted[i], &r->arena, &heads[i])) {
			parsed[i] = 0;
			jid[i] = heads[i].id;
			ld.n = i + 1;	/* an empty document deletes as one */
			continue;
		}
		parsed[i] = 1;
		L.file = &sorted[i];
		if (yaml_read(&L, &ld.docs[i]) < 0)
			goto fail;
		ld.n = i + 1;
		L.doc = &ld.docs[i];
		jid[i] = jurisdiction_id(&L, yaml_document_get_root_node(L.doc));
	}
	for (i = 0; i < n; i++)
		for (k = 0; jid[i] && k < i; k++)
			if (jid[k] && sorted[k].layer < sorted[i].layer &&
			    strcmp(jid[k], jid[i]) == 0)
				sorted[k].data = NULL;
	for (i = 0; i < n; i++) {
		if (!sorted[i].data || !parsed[i])
			continue;
		L.file = &sorted[i];
		L.doc = &ld.docs[i];
		if (contract_part(&L, yaml_document_get_root_node(L.doc),
		    &top) < 0)
			goto fail;
	}
	L.file = &sorted[0];
	L.doc = &ld.docs[0];
	if (build_schema(&L, &top, "profile", "", 1, 0, &r->schema) < 0 ||
	    build_dated(&L, &top, "", r->schema) < 0)
		goto fail;
	/* every jurisdiction in load order: its head, or parsed when its
	 * file had to be */
	for (i = 0; i < n; i++) {
		struct ais_jurisdiction *j = &r->j[r->nj];

		if (!sorted[i].data)
			continue;
		if (parsed[i]) {
			L.doc = &ld.docs[i];
			if (!find(&L, yaml_document_get_root_node(L.doc),
			    "jurisdiction"))
				continue;
			if (parse_into(r, &sorted[i], j, &ld.docs[i], err) < 0)
				goto fail;
			pd->loaded[r->nj] = 1;
		} else {
			j->id = heads[i].id;
			j->level = heads[i].level;
			j->name_zh = heads[i].name_zh;
			j->name_en = heads[i].name_en;
			j->parent_id = heads[i].parent;
			j->parent_line = heads[i].parent_line;
			j->parent_column = heads[i].parent_column;
			j->file = sorted[i].name;
		}
		pd->file_of[r->nj] = i;
		r->nj++;
	}
	ais_oom_pop(&dc);
	loading_cleanup(&ld);
	if (digest) {
		snprintf(r->digest, sizeof r->digest, "%s", digest);
	} else {
		ais_sha256_final(&h, d);
		memcpy(r->digest, "sha256:", 7);
		ais_sha256_hex(d, r->digest + 7);
	}
	jorder_build(r);
	for (i = 0; i < r->nj; i++)
		if (r->j[i].parent_id)
			r->j[i].parent = ais_rules_find(r, r->j[i].parent_id,
			    strlen(r->j[i].parent_id));
	if (!heads_sound(r) || programs_distinct(r, err) < 0)
		return 1;
	program_ids(r);
	return 0;
fail:
	ais_oom_pop(&dc);
	loading_cleanup(&ld);
	return -1;
}

/* ais_rules_open within its guard: the files of the layers read into
 * the rule set's pending (the files not parsed are parsed from there
 * later); *full set when the whole set must be loaded instead. */
static struct ais_rules *
open_layers(const char *base, const char *const *add, size_t nadd,
	int *full, struct ais_error *err)
{
	struct ais_rules *r = ais_xcalloc(1, sizeof *r);
	struct ais_rules_pending *pd;
	struct ais_oom_cleanup rc, ac;
	struct ais_rule_file *all = NULL;
	size_t i, k, total = 0;
	int st = -1;

	ais_oom_push(&rc, rules_cleanup, r);
	pd = r->pending = ais_xcalloc(1, sizeof *pd);
	pd->layers = ais_xcalloc(nadd + 1, sizeof *pd->layers);
	for (i = 0; i <= nadd; i++) {
		const char *dir = i == 0 ? base : add[i - 1];
		struct ais_rule_files *f = &pd->layers[i];

		pd->nlayers++;
		if (dir == NULL) {
			ais_rule_files_builtin("rules/", f);
		} else if (ais_rule_files_read(dir, f, err) < 0) {
			goto out;
		} else if (f->f.n == 0) {
			ais_error_set(err, AIS_ERULES, NULL, 0, 0, "no rule files "
			    "(*.yaml) in '%s'", dir);
			goto out;
		}
		total += f->f.n;
	}
	all = ais_xcalloc(total + 1, sizeof *all);
	ais_oom_push(&ac, free, all);
	for (i = 0, total = 0; i <= nadd; i++)
		for (k = 0; k < pd->layers[i].f.n; k++) {
			all[total] = pd->layers[i].f.v[k];
			all[total++].layer = (int)i;
		}
	/* the built-in digest was computed when the files were embedded */
	st = rules_open(r, all, total, base == NULL && nadd == 0 ?
	    ais_builtin_digest : NULL, err);
	ais_oom_pop(&ac);
out:
	free(all);
	ais_oom_pop(&rc);
	if (st != 0) {
		ais_rules_free(r);
		r = NULL;
	}
	*full = st == 1;
	return r;
}

struct ais_rules *
ais_rules_open(const char *base, const char *const *add, size_t nadd,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	struct ais_rules *r;
	int full = 0;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return NULL;
	}
	r = open_layers(base, add, nadd, &full, err);
	ais_oom_guard_leave(&g);
	if (full)
		r = nadd == 0 ? (base ? ais_rules_load_dir(base, err) :
		    ais_rules_load_builtin(err)) :
		    ais_rules_load_layers(base, add, nadd, err);
	return r;
}

/* ais_rules_need within its guard. */
static int
rules_need(struct ais_rules *r, const char *const *ids, const size_t *lens,
	size_t n, struct ais_error *err)
{
	struct ais_rules_pending *pd = r->pending;
	size_t i, added = 0;

	for (i = 0; i < n; i++) {
		const struct ais_jurisdiction *q;

		for (q = ais_rules_find(r, ids[i], lens[i]); q; q = q->parent) {
			size_t at = (size_t)(q - r->j);

			if (pd->loaded[at])
				continue;
			if (parse_into(r, &pd->sorted[pd->file_of[at]],
			    &r->j[at], NULL, err) < 0)
				return -1;
			pd->loaded[at] = 1;
			added++;
		}
	}
	if (added) {
		if (programs_distinct(r, err) < 0)
			return -1;
		program_ids(r);
	}
	return 0;
}

int
ais_rules_need(struct ais_rules *r, const char *const *ids,
	const size_t *lens, size_t n, struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	if (!r->pending)
		return 0;
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = rules_need(r, ids, lens, n, err);
	ais_oom_guard_leave(&g);
	return rc;
}

/* The programs named by the fields of o and of the objects in it, up to
 * max of them into names and lens (*n counts them all). */
static void
named_programs(const struct ais_obj *o, const char **names, size_t *lens,
	size_t max, size_t *n)
{
	size_t i, k;

	for (i = 0; i < o->schema->n; i++) {
		const struct ais_value *v = &o->v[i];

		if (o->schema->fields[i].names_program && v->t == AIS_V_STR) {
			if (*n < max) {
				names[*n] = v->u.s.p;
				lens[*n] = v->u.s.len;
			}
			(*n)++;
		} else if (v->t == AIS_V_OBJ && v->u.obj) {
			named_programs(v->u.obj, names, lens, max, n);
		} else if (v->t == AIS_V_LIST && v->u.list) {
			for (k = 0; k < v->u.list->n; k++)
				if (v->u.list->items[k].t == AIS_V_OBJ &&
				    v->u.list->items[k].u.obj)
					named_programs(v->u.list->items[k].u.obj,
					    names, lens, max, n);
		}
	}
}

/* At most this many jurisdictions and named programs: a profile with
 * more is served by loading the whole set. */
#define NEED_MAX 64

int
ais_rules_need_profile(struct ais_rules *r, const struct ais_profile *p,
	const char *const *jur, size_t njur, struct ais_error *err)
{
	const char *ids[2 * NEED_MAX + 2], *names[NEED_MAX];
	size_t lens[2 * NEED_MAX + 2], nlens[NEED_MAX];
	size_t i, k, n = 0, nn = 0;

	if (!r->pending)
		return 0;
	if (njur > NEED_MAX || p->root.schema != r->schema)
		return 1;
	for (i = 0; i < njur; i++) {
		ids[n] = jur[i];
		lens[n++] = strlen(jur[i]);
	}
	for (i = AIS_P_CITY; i <= AIS_P_PROVINCE; i++)
		if (p->root.v[i].t == AIS_V_STR) {
			ids[n] = p->root.v[i].u.s.p;
			lens[n++] = p->root.v[i].u.s.len;
		}
	named_programs(&p->root, names, nlens, NEED_MAX, &nn);
	if (nn > NEED_MAX)
		return 1;
	/* a program's id is its jurisdiction's, a '.' and a name */
	for (i = 0; i < nn; i++)
		for (k = nlens[i]; k-- > 1;)
			if (names[i][k] == '.' &&
			    ais_rules_find(r, names[i], k)) {
				ids[n] = names[i];
				lens[n++] = k;
				break;
			}
	if (ais_rules_need(r, ids, lens, n, err) < 0)
		return -1;
	for (i = 0; i < nn; i++) {
		for (k = 0; r->program_ids[k]; k++)
			if (strlen(r->program_ids[k]) == nlens[i] &&
			    memcmp(r->program_ids[k], names[i], nlens[i]) == 0)
				break;
		if (!r->program_ids[k])
			return 1;	/* its did-you-mean needs them all */
	}
	return 0;
}

void
ais_rules_free(struct ais_rules *r)
{
	if (!r)
		return;
	pending_free(r->pending);
	ais_arena_release(&r->arena);
	free(r);
}

const struct ais_jurisdiction *
ais_rules_find(const struct ais_rules *r, const char *id, size_t len)
{
	size_t i, lo = 0, hi = r->nj;

	if (!r->jorder) {
		for (i = 0; i < r->nj; i++)
			if (strlen(r->j[i].id) == len &&
			    memcmp(r->j[i].id, id, len) == 0)
				return &r->j[i];
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = jorder_cmp(r, r->jorder[mid], id, len);

		if (c == 0)
			return &r->j[r->jorder[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int
ais_version_const(const struct ais_version *v, struct ais_dec *out)
{
	struct ais_eval ev;
	struct ais_value val;

	if (!v || !v->expr || !ais_expr_is_const(v->expr))
		return 0;
	/* a literal reads nothing: an empty context is enough */
	memset(&ev, 0, sizeof ev);
	if (ais_expr_eval(v->expr, &ev, &val) < 0 || val.t != AIS_V_NUM)
		return 0;
	*out = val.u.n;
	return 1;
}

int
ais_version_const_text(const struct ais_version *v, const char *name,
	char *buf, size_t n)
{
	struct ais_dec d;

	if (!ais_version_const(v, &d))
		return 0;
	if (strcmp(name, "rate") == 0)
		ais_dec_format_percent(d, buf, n);
	else
		ais_dec_format(d, buf, n);
	return 1;
}

const struct ais_version *
ais_term_at(const struct ais_term *t, ais_date d)
{
	size_t i;

	/* versions are in order of from and do not overlap: the last one
	 * that has begun by d is the only one that can be in force */
	for (i = t->n; i-- > 0;)
		if (t->v[i].from <= d)
			return ais_in_force(t->v[i].from, t->v[i].until, d) ?
			    &t->v[i] : NULL;
	return NULL;
}

const struct ais_program *
ais_program_find(const struct ais_rules *r, const char *id)
{
	size_t i, k;

	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++)
			if (strcmp(r->j[i].programs[k].id, id) == 0)
				return &r->j[i].programs[k];
	return NULL;
}

/* ---- Issue 13: what a reform (src/reform.c) needs of the loader ---- */

/*
 * The named sources a reform's value may give as 'source: TEXT' (in a
 * {value, source} mapping or in a dated value): each text is made a
 * source by make_source before the term is parsed, so that the loader's
 * own source_node finds it by name.  A source written as a mapping is
 * refused: a reform's source is a text.
 */
static int
reform_sources(struct loader *L, const yaml_node_t *n,
	const struct ais_term_parse *tp)
{
	size_t count, i, k;

	if (n->type == YAML_MAPPING_NODE) {
		count = 1;
	} else if (n->type == YAML_SEQUENCE_NODE) {
		count = (size_t)(n->data.sequence.items.top -
		    n->data.sequence.items.start);
	} else {
		return 0;
	}
	L->sources = ais_arena_alloc(L->a, sizeof *L->sources * (count + 1));
	L->source_index = ais_arena_alloc(L->a, sizeof *L->source_index *
	    (count + 1));
	for (i = 0; i < count; i++) {
		const yaml_node_t *m = n->type == YAML_MAPPING_NODE ? n :
		    node(L, n->data.sequence.items.start[i]);
		yaml_node_t *s = find(L, m, "source");
		const char *text;

		if (!s)
			continue;
		if (s->type != YAML_SCALAR_NODE)
			return lerr(L, s, 0, 0, "a reform's source is a text "
			    "(source: proposal of 2026-03), not %s",
			    kind_name(s));
		text = (const char *)s->data.scalar.value;
		for (k = 0; k < L->nsources; k++)
			if (strcmp(L->sources[k].name, text) == 0)
				break;
		if (k < L->nsources)
			continue;
		L->sources[L->nsources].name = ais_arena_strdup(L->a, text);
		L->sources[L->nsources].src = (struct ais_source *)
		    tp->make_source(tp->ctx, text);
		L->source_index[L->nsources].key = L->sources[L->nsources].name;
		L->source_index[L->nsources].idx = L->nsources;
		L->nsources++;
	}
	keyed_sort(L->source_index, L->nsources);
	return 0;
}

int
ais_rules_parse_term(const struct ais_term_parse *tp, int value,
	struct ais_term *t, struct ais_error *err)
{
	static struct ais_jurisdiction none;	/* no documents, no
						 * publications: read only */
	struct loader L;
	yaml_node_t *n;
	size_t i;

	memset(&L, 0, sizeof L);
	L.r = tp->rules;
	L.a = tp->arena;
	L.doc = tp->doc;
	L.file = tp->file;
	L.err = err;
	L.j = &none;
	n = node(&L, value);
	memset(t, 0, sizeof *t);
	t->name = tp->key;
	if (reform_sources(&L, n, tp) < 0)
		return -1;
	/* parse_term's body, for a node rather than a key of a mapping */
	if (n->type != YAML_SEQUENCE_NODE) {
		t->v = ais_arena_alloc(L.a, sizeof *t->v);
		t->n = 1;
		if (parse_version(&L, n, tp->key, tp->item, tp->want, tp->dflt,
		    t->v, 0) < 0)
			return -1;
	} else {
		yaml_node_item_t *it;

		t->n = (size_t)(n->data.sequence.items.top -
		    n->data.sequence.items.start);
		if (t->n == 0)
			return lerr(&L, n, 0, 0, "'%s' has no values", tp->key);
		t->v = ais_arena_alloc(L.a, sizeof *t->v * t->n);
		for (it = n->data.sequence.items.start, i = 0;
		    it < n->data.sequence.items.top; it++, i++) {
			yaml_node_t *vn = node(&L, *it);

			if (vn->type != YAML_MAPPING_NODE)
				return lerr(&L, vn, 0, 0, "a dated value must be "
				    "a mapping with 'from' and 'value'");
			if (parse_version(&L, vn, tp->key, tp->item, tp->want,
			    tp->dflt, &t->v[i], 1) < 0)
				return -1;
			if (i > 0 && t->v[i].from <= t->v[i - 1].from)
				return lerr(&L, find(&L, vn, "from"), 0, 0, "dated "
				    "values of '%s' out of order: each 'from' "
				    "must come after the one before", tp->key);
			if (i > 0 && t->v[i - 1].until == AIS_DATE_MAX)
				t->v[i - 1].until = t->v[i].from - 1;
			else if (i > 0 && t->v[i - 1].until >= t->v[i].from)
				return lerr(&L, find(&L, vn, "from"), 0, 0, "dated "
				    "values of '%s' overlap", tp->key);
		}
	}
	if (tp->constant)
		for (i = 0; i < t->n; i++)
			if (t->v[i].expr && !ais_expr_is_const(t->v[i].expr))
				return lerr(&L, n, 0, 0, "a pool's amount is a "
				    "number, not a formula");
	return 0;
}

int
ais_rules_check_keys(struct ais_arena *a, const struct ais_rule_file *f,
	yaml_document_t *doc, const yaml_node_t *n, const char *what,
	const char *const *allowed, struct ais_error *err)
{
	struct loader L;

	memset(&L, 0, sizeof L);
	L.a = a;
	L.doc = doc;
	L.file = f;
	L.err = err;
	return check_keys(&L, n, what, allowed);
}
