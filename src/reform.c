/*
 * reform.c: a reform, changes to the terms of loaded programs, read from a
 * YAML file (--reform) and from PROGRAM.TERM=VALUE texts (--set-term),
 * and applied to a loaded rule set as an overlay (docs/policy.md,
 * "Reforms").
 *
 * The overlay is a second struct ais_rules that borrows the base: the
 * arrays of jurisdictions and programs are shallow copies (so that every
 * index is the base's, and a program points to the copy of its
 * jurisdiction), and only the awards, conditions and terms a change
 * touches are copied again before they are changed.  Schema, documents,
 * sources and expressions are the base's.  A changed term is parsed by
 * the loader's own parser (ais_rules_parse_term), so that a value is
 * checked as a rule file's is; its versions rest on a source whose
 * document is the reform and whose grade is "proposal".
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "date.h"
#include "decimal.h"
#include "reform.h"
#include "sha256.h"

/* One change: its texts, and the nodes of its document that hold them
 * (0 when absent). */
struct change {
	size_t doc;			/* in rf->docs */
	const char *program;		/* its id, or for --set-term the
					 * whole PROGRAM.TERM text */
	const char *term;		/* the path, NULL for --set-term */
	int set;			/* from --set-term */
	const char *text;		/* --set-term: the whole text */
	int line;			/* --set-term: its number, 1, 2... */
	int node, program_node, term_node, value_node, from_node;
	int has_from;
	ais_date from;
	const char *source;		/* its text */
};

/* A YAML document of the reform: the file's, or one --set-term's. */
struct rdoc {
	struct ais_rule_file f;
	yaml_document_t doc;
	size_t column;			/* --set-term: where VALUE begins */
};

struct ais_reform {
	struct ais_arena a;
	const char *id;
	const char *title_zh, *title_en;
	const char *source;		/* the file's default, or NULL */
	int have_file;
	size_t file_doc;		/* the file's, in docs */
	AIS_VEC(struct rdoc) docs;	/* on the heap */
	AIS_VEC(struct change) ch;	/* on the heap */
};

static const char set_source[] = "command line";

struct ais_reform *
ais_reform_new(void)
{
	struct ais_oom_guard g;
	struct ais_reform *rf;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return NULL;
	rf = ais_xcalloc(1, sizeof *rf);
	ais_oom_guard_leave(&g);
	return rf;
}

void
ais_reform_free(struct ais_reform *rf)
{
	size_t i;

	if (!rf)
		return;
	for (i = 0; i < rf->docs.n; i++)
		yaml_document_delete(&rf->docs.v[i].doc);
	AIS_VEC_FREE(rf->docs);
	AIS_VEC_FREE(rf->ch);
	ais_arena_release(&rf->a);
	free(rf);
}

int
ais_reform_empty(const struct ais_reform *rf)
{
	return !rf || rf->ch.n == 0;
}

/* ---- Reading the file ---- */

/* What reading one document needs. */
struct rd {
	struct ais_reform *rf;
	const struct ais_rule_file *f;
	yaml_document_t *doc;
	struct ais_error *err;
};

static yaml_node_t *
nd(yaml_document_t *doc, int id)
{
	return id ? yaml_document_get_node(doc, id) : NULL;
}

static int
node_id(yaml_document_t *doc, const yaml_node_t *n)
{
	return n ? (int)(n - doc->nodes.start) + 1 : 0;
}

static int
place_err(struct ais_error *err, const struct ais_rule_file *f,
	const yaml_node_t *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Fails at node n of file f (no line when n is NULL). */
static int
place_err(struct ais_error *err, const struct ais_rule_file *f,
	const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	ais_error_set(err, AIS_ERULES, f->name,
	    n ? (int)n->start_mark.line + 1 : 0,
	    n ? (int)n->start_mark.column + 1 : 0, "%s", "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
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

/* n is a mapping of distinct keys, each one of allowed (the rule
 * loader's check, with its messages). */
static int
keys_ok(struct rd *R, const yaml_node_t *n, const char *what,
	const char *const *allowed)
{
	return ais_rules_check_keys(&R->rf->a, R->f, R->doc, n, what, allowed,
	    R->err);
}

/* The value of key in mapping n, or NULL. */
static yaml_node_t *
get(yaml_document_t *doc, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p;

	if (!n || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = nd(doc, p->key);

		if (k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0)
			return nd(doc, p->value);
	}
	return NULL;
}

/* A text that must not be empty, key of n (in what): *out NULL when
 * absent and not required. */
static int
text(struct rd *R, const yaml_node_t *n, const char *key, const char *what,
	int required, const char **out)
{
	yaml_node_t *v = get(R->doc, n, key);

	*out = NULL;
	if (!v && required)
		return place_err(R->err, R->f, n, "%s needs '%s'", what, key);
	if (!v)
		return 0;
	if (v->type != YAML_SCALAR_NODE)
		return place_err(R->err, R->f, v, "'%s' must be a text, not %s",
		    key, kind_name(v));
	if (!v->data.scalar.length)
		return place_err(R->err, R->f, v, "'%s' must not be empty", key);
	*out = ais_arena_strndup(&R->rf->a, (const char *)v->data.scalar.value,
	    v->data.scalar.length);
	return 0;
}

/* Whether s is a reform id: [a-z0-9._-]+. */
static int
id_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static int
read_head(struct rd *R, const yaml_node_t *h)
{
	static const char *const keys[] = { "id", "title", "source", NULL };
	static const char *const lkeys[] = { "zh", "en", NULL };
	struct ais_reform *rf = R->rf;
	yaml_node_t *t;

	if (keys_ok(R, h, "'reform'", keys) < 0 ||
	    text(R, h, "id", "'reform'", 1, &rf->id) < 0)
		return -1;
	if (!id_ok(rf->id))
		return place_err(R->err, R->f, get(R->doc, h, "id"), "reform id "
		    "'%s' may hold only a-z, 0-9, '.', '_' and '-'", rf->id);
	t = get(R->doc, h, "title");
	if (!t)
		return place_err(R->err, R->f, h, "'reform' needs 'title' "
		    "{zh: ..., en: ...}");
	if (t->type == YAML_SCALAR_NODE)
		return place_err(R->err, R->f, t, "'title' needs both languages: "
		    "{zh: ..., en: ...}");
	if (keys_ok(R, t, "'title'", lkeys) < 0 ||
	    text(R, t, "zh", "'title'", 1, &rf->title_zh) < 0 ||
	    text(R, t, "en", "'title'", 1, &rf->title_en) < 0 ||
	    text(R, h, "source", "'reform'", 0, &rf->source) < 0)
		return -1;
	return 0;
}

static int
read_change(struct rd *R, const yaml_node_t *c, size_t doc)
{
	static const char *const keys[] = {
		"program", "term", "value", "from", "source", NULL
	};
	struct change ch;
	yaml_node_t *v;

	memset(&ch, 0, sizeof ch);
	ch.doc = doc;
	if (keys_ok(R, c, "a change", keys) < 0 ||
	    text(R, c, "program", "a change", 1, &ch.program) < 0 ||
	    text(R, c, "term", "a change", 1, &ch.term) < 0 ||
	    text(R, c, "source", "a change", 0, &ch.source) < 0)
		return -1;
	v = get(R->doc, c, "value");
	if (!v)
		return place_err(R->err, R->f, c, "a change needs 'value'");
	if (!ch.source)
		ch.source = R->rf->source;
	if (!ch.source)
		return place_err(R->err, R->f, c, "a change needs 'source' "
		    "when 'reform' gives none");
	ch.node = node_id(R->doc, c);
	ch.program_node = node_id(R->doc, get(R->doc, c, "program"));
	ch.term_node = node_id(R->doc, get(R->doc, c, "term"));
	ch.value_node = node_id(R->doc, v);
	v = get(R->doc, c, "from");
	if (v) {
		ch.from_node = node_id(R->doc, v);
		ch.has_from = 1;
		if (v->type != YAML_SCALAR_NODE ||
		    ais_date_parse((const char *)v->data.scalar.value,
		    v->data.scalar.length, &ch.from) < 0)
			return place_err(R->err, R->f, v, "'from' must be a date "
			    "YYYY-MM-DD");
	}
	*AIS_VEC_PUSH(NULL, R->rf->ch) = ch;
	return 0;
}

static int
read_root(struct rd *R)
{
	static const char *const keys[] = { "reform", "changes", NULL };
	yaml_node_t *root = yaml_document_get_root_node(R->doc), *h, *cs;
	yaml_node_item_t *it;

	if (!root)
		return place_err(R->err, R->f, NULL, "empty reform file");
	if (keys_ok(R, root, "a reform file", keys) < 0)
		return -1;
	h = get(R->doc, root, "reform");
	if (!h)
		return place_err(R->err, R->f, root, "a reform file needs "
		    "'reform' (id, title, source)");
	if (read_head(R, h) < 0)
		return -1;
	cs = get(R->doc, root, "changes");
	if (!cs)
		return place_err(R->err, R->f, root, "a reform file needs "
		    "'changes'");
	if (cs->type != YAML_SEQUENCE_NODE || cs->data.sequence.items.top ==
	    cs->data.sequence.items.start)
		return place_err(R->err, R->f, cs, "'changes' must be a list of "
		    "one or more changes");
	for (it = cs->data.sequence.items.start; it < cs->data.sequence.items.top;
	    it++)
		if (read_change(R, nd(R->doc, *it), R->rf->docs.n - 1) < 0)
			return -1;
	return 0;
}

/* Copies f's name and bytes into the reform (the caller's may go). */
static void
keep_file(struct ais_reform *rf, struct ais_rule_file *to,
	const char *name, const char *data, size_t len)
{
	char *d = ais_arena_alloc_raw(&rf->a, len + 1);

	memcpy(d, data, len);
	d[len] = '\0';
	to->name = ais_arena_strdup(&rf->a, name);
	to->data = d;
	to->len = len;
	to->layer = 0;
}

static int
reform_read(struct ais_reform *rf, const struct ais_rule_file *f,
	struct ais_error *err)
{
	struct rdoc *d;
	struct rd R;
	size_t first = rf->ch.n;

	if (rf->have_file) {
		ais_error_set(err, AIS_ERULES, f->name, 0, 0, "one reform file "
		    "only");
		return -1;
	}
	/* room first, so that the document, once read, is the reform's */
	AIS_VEC_RESERVE(NULL, rf->docs, rf->docs.n + 1);
	d = &rf->docs.v[rf->docs.n];
	memset(d, 0, sizeof *d);
	keep_file(rf, &d->f, f->name, f->data, f->len);
	if (ais_rules_yaml_load(&d->f, &d->doc, err) < 0)
		return -1;
	rf->docs.n++;
	R.rf = rf;
	R.f = &d->f;
	R.doc = &d->doc;
	R.err = err;
	if (read_root(&R) < 0) {
		rf->ch.n = first;
		rf->id = rf->title_zh = rf->title_en = rf->source = NULL;
		return -1;
	}
	rf->have_file = 1;
	rf->file_doc = rf->docs.n - 1;
	if (first > 0) {
		/* --set-term texts given before the file still come after
		 * its changes */
		size_t nf = rf->ch.n - first;
		struct change *t = ais_arena_alloc_raw(&rf->a,
		    sizeof *t * rf->ch.n);

		memcpy(t, rf->ch.v + first, sizeof *t * nf);
		memcpy(t + nf, rf->ch.v, sizeof *t * first);
		memcpy(rf->ch.v, t, sizeof *t * rf->ch.n);
	}
	return 0;
}

int
ais_reform_read(struct ais_reform *rf, const struct ais_rule_file *f,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = reform_read(rf, f, err);
	ais_oom_guard_leave(&g);
	return rc;
}

/* ---- --set-term PROGRAM.TERM=VALUE ---- */

static int
add_set(struct ais_reform *rf, const char *s, struct ais_error *err)
{
	const char *eq = strchr(s, '='), *dot;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_oom_cleanup bc;
	struct change ch;
	struct rdoc *d;
	size_t nsets = 0, i, left;
	yaml_node_t *root;

	if (!eq || eq == s) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set-term needs "
		    "PROGRAM.TERM=VALUE (shenzhen.training_voucher.rate=40%%), "
		    "not '%s'", s);
		return -1;
	}
	left = (size_t)(eq - s);
	dot = memchr(s, '.', left);
	if (!dot || dot == s || dot + 1 == eq) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set-term needs "
		    "PROGRAM.TERM=VALUE: '%.*s' names no term of a program",
		    (int)left, s);
		return -1;
	}
	if (!eq[1]) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set-term needs a "
		    "VALUE after '=' in '%s'", s);
		return -1;
	}
	for (i = 0; i < rf->ch.n; i++)
		nsets += rf->ch.v[i].set;
	/* the value alone, placed where it stands in the text and on the
	 * line of its --set-term: the loader's places are then the text's
	 * (--set-term:2:31 is the second --set-term, its 31st character) */
	ais_oom_push(&bc, ais_oom_release_buf, &b);
	for (i = 0; i < nsets; i++)
		ais_buf_addc(&b, '\n');
	for (i = 0; i <= left; i++)
		ais_buf_addc(&b, ' ');
	ais_buf_adds(&b, eq + 1);
	AIS_VEC_RESERVE(NULL, rf->docs, rf->docs.n + 1);
	d = &rf->docs.v[rf->docs.n];
	memset(d, 0, sizeof *d);
	keep_file(rf, &d->f, "--set-term", b.p, b.len);
	d->column = left + 2;
	ais_oom_pop(&bc);
	ais_buf_release(&b);
	if (ais_rules_yaml_load(&d->f, &d->doc, err) < 0) {
		/* a value YAML cannot read is the text's fault: usage */
		char msg[sizeof err->msg];

		if (err->status == AIS_ENOMEM)
			return -1;
		snprintf(msg, sizeof msg, "%s", err->msg);
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set-term '%s': "
		    "its VALUE is not YAML: %s", s, msg);
		return -1;
	}
	rf->docs.n++;
	root = yaml_document_get_root_node(&d->doc);
	if (!root) {
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "--set-term needs a "
		    "VALUE after '=' in '%s'", s);
		return -1;
	}
	memset(&ch, 0, sizeof ch);
	ch.doc = rf->docs.n - 1;
	ch.set = 1;
	ch.program = ais_arena_strndup(&rf->a, s, left);
	ch.text = ais_arena_strdup(&rf->a, s);
	ch.line = (int)nsets + 1;
	ch.value_node = node_id(&d->doc, root);
	ch.source = set_source;
	*AIS_VEC_PUSH(NULL, rf->ch) = ch;
	return 0;
}

int
ais_reform_add_set(struct ais_reform *rf, const char *text,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = add_set(rf, text, err);
	ais_oom_guard_leave(&g);
	return rc;
}

/* ---- Applying a reform ---- */

/* A source made for a text of the reform, kept to be made once. */
struct made_source {
	const char *text;
	const struct ais_source *s;
	struct made_source *next;
};

struct apply {
	const struct ais_rules *base;
	const struct ais_reform *rf;
	struct ais_rules *r;
	struct ais_document *doc;	/* the reform, as a document */
	struct made_source *made;
	unsigned char *own;		/* per program: its arrays copied */
	struct ais_error *err;
	const struct change *ch;	/* being applied */
	const struct rdoc *d;		/* its document */
	int term_column;		/* --set-term: where TERM begins */
};

/* The source of the reform's terms for text: its document the reform,
 * its grade "proposal", the text its clause (what every writer shows of
 * a source: "proposal of 2026-03"). */
static const struct ais_source *
make_source(void *ctx, const char *text)
{
	struct apply *A = ctx;
	struct made_source *m;
	struct ais_source *s;

	for (m = A->made; m; m = m->next)
		if (strcmp(m->text, text) == 0)
			return m->s;
	s = ais_arena_alloc(&A->r->arena, sizeof *s);
	s->document = A->doc;
	s->confidence = "proposal";
	s->retrieved = AIS_DATE_MIN;
	s->clause = ais_arena_strdup(&A->r->arena, text);
	m = ais_arena_alloc(&A->r->arena, sizeof *m);
	m->text = s->clause;
	m->s = s;
	m->next = A->made;
	A->made = m;
	return s;
}

/* Which part of the change a message is placed at. */
enum at { AT_CHANGE, AT_PROGRAM, AT_TERM, AT_VALUE, AT_FROM };

static int
fail(struct apply *A, enum at at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Fails at part at of the change being applied: its node in the file,
 * or for --set-term its column in the text. */
static int
fail(struct apply *A, enum at at, const char *fmt, ...)
{
	const struct change *ch = A->ch;
	yaml_document_t *doc = (yaml_document_t *)&A->d->doc;
	int id = at == AT_PROGRAM ? ch->program_node : at == AT_TERM ?
	    ch->term_node : at == AT_VALUE ? ch->value_node : at == AT_FROM ?
	    ch->from_node : ch->node;
	const yaml_node_t *n = nd(doc, id);
	va_list ap;

	if (ch->set && at == AT_PROGRAM)
		ais_error_set(A->err, AIS_ERULES, A->d->f.name, ch->line, 1,
		    "%s", "");
	else if (ch->set && at == AT_TERM)
		ais_error_set(A->err, AIS_ERULES, A->d->f.name, ch->line,
		    A->term_column, "%s", "");
	else
		ais_error_set(A->err, AIS_ERULES, A->d->f.name,
		    n ? (int)n->start_mark.line + 1 : 0,
		    n ? (int)n->start_mark.column + 1 : 0, "%s", "");
	va_start(ap, fmt);
	vsnprintf(A->err->msg, sizeof A->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* The program of id (len bytes) in the overlay, or NULL. */
static struct ais_program *
program_of(struct apply *A, const char *id, size_t len)
{
	size_t i, k;

	for (i = 0; i < A->r->nj; i++)
		for (k = 0; k < A->r->j[i].nprograms; k++) {
			struct ais_program *pg = &A->r->j[i].programs[k];

			if (strlen(pg->id) == len && memcmp(pg->id, id, len) == 0)
				return pg;
		}
	return NULL;
}

/*
 * The program the change names, and its term path in *term: for
 * --set-term, the longest prefix of PROGRAM.TERM (up to a '.') that is
 * a program.  NULL with the error set when none is.
 */
static struct ais_program *
find_program(struct apply *A, const char **term)
{
	const struct change *ch = A->ch;
	const char *s = ch->program, *hint = NULL;
	struct ais_program *pg;
	size_t k;

	if (!ch->set) {
		*term = ch->term;
		pg = program_of(A, s, strlen(s));
		if (pg)
			return pg;
		hint = ais_suggest(s, strlen(s), A->r->program_ids);
		fail(A, AT_PROGRAM, "no program '%s' in the rules%s%s%s", s,
		    hint ? "; did you mean '" : "", hint ? hint : "",
		    hint ? "'?" : "");
		return NULL;
	}
	for (k = strlen(s); k-- > 1;)
		if (s[k] == '.' && (pg = program_of(A, s, k)) != NULL) {
			*term = s + k + 1;
			A->term_column = (int)k + 2;
			return pg;
		}
	for (k = strlen(s); !hint && k-- > 1;)
		if (s[k] == '.')
			hint = ais_suggest(s, k, A->r->program_ids);
	fail(A, AT_PROGRAM, "no program in '%s' (PROGRAM.TERM=VALUE)%s%s%s", s,
	    hint ? "; did you mean '" : "", hint ? hint : "",
	    hint ? "'?" : "");
	return NULL;
}

/* Copies pg's conditions, awards and their 'when' into the overlay's
 * arena, once, before one of them changes: the base's stay as they are. */
static void
own_program(struct apply *A, struct ais_program *pg)
{
	struct ais_arena *a = &A->r->arena;
	size_t i;

	if (A->own[pg->index])
		return;
	A->own[pg->index] = 1;
	if (pg->nconditions) {
		struct ais_condition *c = ais_arena_alloc_raw(a,
		    sizeof *c * pg->nconditions);

		memcpy(c, pg->conditions, sizeof *c * pg->nconditions);
		pg->conditions = c;
	}
	{
		struct ais_award *aw = ais_arena_alloc_raw(a,
		    sizeof *aw * pg->nawards);

		memcpy(aw, pg->awards, sizeof *aw * pg->nawards);
		pg->awards = aw;
	}
	for (i = 0; i < pg->nawards; i++) {
		struct ais_award *aw = &pg->awards[i];
		struct ais_condition *w;

		if (!aw->nwhen)
			continue;
		w = ais_arena_alloc_raw(a, sizeof *w * aw->nwhen);
		memcpy(w, aw->when, sizeof *w * aw->nwhen);
		aw->when = w;
	}
}

/* What a term path names. */
enum kind { K_COND, K_WHEN, K_AWARD, K_CAP, K_POOL, K_FROM, K_UNTIL };

struct target {
	enum kind kind;
	size_t award, index;
	const char *name;	/* of an award's term: "base", "rate", ... */
};

static const char *const award_terms[] = {
	"base", "rate", "cap", "amount", "ceiling", NULL
};

/* The term of aw called name (one of award_terms). */
static struct ais_term *
award_term(struct ais_award *aw, const char *name)
{
	switch (name[0]) {
	case 'b':
		return &aw->base;
	case 'r':
		return &aw->rate;
	case 'a':
		return &aw->amount;
	default:
		return name[1] == 'a' ? &aw->cap : &aw->ceiling;
	}
}

/* Whether an award of aw's basis may have the term name (a reform may
 * add a cap to a formula, not an amount). */
static int
award_allows(const struct ais_award *aw, const char *name)
{
	if (award_term((struct ais_award *)aw, name)->n)
		return 1;
	switch (aw->basis) {
	case AIS_BASIS_FORMULA:
		return strcmp(name, "amount") != 0;
	case AIS_BASIS_FIXED:
		return strcmp(name, "cap") == 0;
	case AIS_BASIS_CEILING:
		return aw->ceiling.n ? 0 : strcmp(name, "amount") != 0 &&
		    strcmp(name, "ceiling") != 0;
	default:
		return 0;
	}
}

/* "[N]" at *s, N < n: the index, *s moved past it; -1 when it is not. */
static long
index_at(const char **s, size_t n)
{
	const char *p = *s;
	long v = 0;

	if (*p != '[' || p[1] < '0' || p[1] > '9' || (p[1] == '0' &&
	    p[2] != ']'))
		return -1;
	for (p++; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > 1000000)
			return -1;
	}
	if (*p != ']' || (size_t)v >= n)
		return -1;
	*s = p + 1;
	return v;
}

/* The paths of pg's terms, as the list of an error names them. */
static const char **
term_paths(struct apply *A, const struct ais_program *pg, size_t *count)
{
	struct ais_arena *a = &A->r->arena;
	const char **p;
	size_t n = 0, cap = 8 + pg->nconditions, i, k;
	char t[64];

	for (i = 0; i < pg->nawards; i++)
		cap += 5 + pg->awards[i].nwhen;
	p = ais_arena_alloc(a, sizeof *p * (cap + 1));
	for (i = 0; i < pg->nconditions; i++) {
		snprintf(t, sizeof t, "conditions[%zu]", i);
		p[n++] = ais_arena_strdup(a, t);
	}
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		for (k = 0; k < aw->nwhen; k++) {
			snprintf(t, sizeof t, "awards[%zu].when[%zu]", i, k);
			p[n++] = ais_arena_strdup(a, t);
		}
		for (k = 0; award_terms[k]; k++)
			if (award_term((struct ais_award *)aw, award_terms[k])->n) {
				snprintf(t, sizeof t, "awards[%zu].%s", i,
				    award_terms[k]);
				p[n++] = ais_arena_strdup(a, t);
			}
	}
	if (pg->cap.n)
		p[n++] = "cap";
	if (pg->pool.present)
		p[n++] = "pool.amount";
	p[n++] = "valid.from";
	p[n++] = "valid.until";
	p[n] = NULL;
	*count = n;
	return p;
}

/* Fails at the term: path is no term of pg, with the nearest and the
 * list of those it has. */
static int
no_term(struct apply *A, const struct ais_program *pg, const char *path,
	const char *why)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_oom_cleanup bc;
	const char **p, *hint;
	size_t n, i;
	int rc;

	p = term_paths(A, pg, &n);
	hint = ais_suggest(path, strlen(path), p);
	if (!hint && pg->nawards == 1) {
		/* the short forms of a program of one award: rate, cap... */
		const char *shortf[16];
		size_t k, m = 0;

		for (k = 0; k < n && m + 1 < 16; k++)
			if (strncmp(p[k], "awards[0].", 10) == 0)
				shortf[m++] = p[k] + 10;
		shortf[m] = NULL;
		hint = ais_suggest(path, strlen(path), shortf);
	}
	ais_oom_push(&bc, ais_oom_release_buf, &b);
	ais_buf_add(&b, "", 0);
	for (i = 0; i < n; i++) {
		if (i)
			ais_buf_adds(&b, ", ");
		ais_buf_adds(&b, p[i]);
	}
	rc = fail(A, AT_TERM, "no term '%s' in program '%s'%s%s%s%s "
	    "terms: %s", path, pg->id, why ? why : "",
	    hint ? "; did you mean '" : "", hint ? hint : "",
	    hint ? "'? Its" : "; its", b.p);
	ais_oom_pop(&bc);
	ais_buf_release(&b);
	return rc;
}

/* Reads path, a term of pg, into *t. */
static int
resolve(struct apply *A, const struct ais_program *pg, const char *path,
	struct target *t)
{
	const char *s = path;
	long i;
	size_t k;

	memset(t, 0, sizeof *t);
	if (strcmp(s, "valid.from") == 0 || strcmp(s, "valid.until") == 0) {
		t->kind = s[6] == 'f' ? K_FROM : K_UNTIL;
		return 0;
	}
	if (strcmp(s, "pool.amount") == 0) {
		if (!pg->pool.present)
			return fail(A, AT_TERM, "program '%s' has no pool: a "
			    "reform changes a pool's amount, it does not make "
			    "a pool", pg->id);
		t->kind = K_POOL;
		return 0;
	}
	if (strcmp(s, "cap") == 0 && (pg->cap.n || pg->nawards > 1)) {
		t->kind = K_CAP;
		return 0;
	}
	if (strncmp(s, "conditions", 10) == 0) {
		s += 10;
		if ((i = index_at(&s, pg->nconditions)) < 0 || *s)
			return no_term(A, pg, path, NULL);
		t->kind = K_COND;
		t->index = (size_t)i;
		return 0;
	}
	if (strncmp(s, "awards", 6) == 0) {
		s += 6;
		if ((i = index_at(&s, pg->nawards)) < 0 || *s != '.')
			return no_term(A, pg, path, NULL);
		t->award = (size_t)i;
		s++;
	} else if (pg->nawards > 1) {
		for (k = 0; award_terms[k]; k++)
			if (strcmp(s, award_terms[k]) == 0 ||
			    strncmp(s, "when[", 5) == 0)
				return fail(A, AT_TERM, "program '%s' has %zu "
				    "awards: say which (awards[0].%s)", pg->id,
				    pg->nawards, s);
		return no_term(A, pg, path, NULL);
	}
	if (strncmp(s, "when", 4) == 0) {
		const char *w = s + 4;

		if ((i = index_at(&w, pg->awards[t->award].nwhen)) < 0 || *w)
			return no_term(A, pg, path, NULL);
		t->kind = K_WHEN;
		t->index = (size_t)i;
		return 0;
	}
	for (k = 0; award_terms[k]; k++)
		if (strcmp(s, award_terms[k]) == 0)
			break;
	if (!award_terms[k])
		return no_term(A, pg, path, NULL);
	if (!award_allows(&pg->awards[t->award], s)) {
		char why[96];

		snprintf(why, sizeof why, " (a %s award has no '%s')",
		    ais_basis_names[pg->awards[t->award].basis], s);
		return no_term(A, pg, path, why);
	}
	t->kind = K_AWARD;
	t->name = award_terms[k];
	return 0;
}

/*
 * The versions of old before day from, the one in force then ending the
 * day before (with an id of its own: it is no longer the base's), and
 * then those of new: into *out.
 */
static void
overlay(struct apply *A, const struct ais_term *old, const struct ais_term *nw,
	ais_date from, struct ais_term *out)
{
	const struct ais_term o = *old;	/* out may be old */
	size_t k = 0, i;

	old = &o;
	while (k < old->n && old->v[k].from < from)
		k++;
	out->name = nw->name;
	out->n = k + nw->n;
	out->v = ais_arena_alloc(&A->r->arena, sizeof *out->v * (out->n + 1));
	for (i = 0; i < k; i++) {
		out->v[i] = old->v[i];
		if (out->v[i].until >= from) {
			out->v[i].until = from - 1;
			out->v[i].id = A->r->nversions++;
		}
	}
	memcpy(out->v + k, nw->v, sizeof *nw->v * nw->n);
}

/* A day of the value: the change of valid.from or valid.until. */
static int
apply_validity(struct apply *A, struct ais_program *pg, enum kind kind)
{
	const yaml_node_t *v = nd((yaml_document_t *)&A->d->doc,
	    A->ch->value_node);
	ais_date d, from = pg->valid_from, until = pg->valid_until;
	char a[11], b[11];

	if (A->ch->has_from)
		return fail(A, AT_FROM, "'from' is for a term's value: '%s' is a "
		    "day itself", kind == K_FROM ? "valid.from" : "valid.until");
	if (v->type != YAML_SCALAR_NODE || ais_date_parse((const char *)
	    v->data.scalar.value, v->data.scalar.length, &d) < 0)
		return fail(A, AT_VALUE, "the value of '%s' is a date "
		    "YYYY-MM-DD", kind == K_FROM ? "valid.from" : "valid.until");
	if (kind == K_FROM)
		from = d;
	else
		until = d;
	if (until < from) {
		ais_date_format(from, a);
		ais_date_format(until, b);
		return fail(A, AT_VALUE, "dates out of order: the program would "
		    "be valid from %s until %s", a, b);
	}
	if (pg->entries_from == pg->valid_from && kind == K_FROM)
		pg->entries_from = from;	/* the default follows */
	pg->valid_from = from;
	pg->valid_until = until;
	if (pg->entries_from != AIS_DATE_MIN && pg->entries_from > until) {
		ais_date_format(pg->entries_from, a);
		return fail(A, AT_VALUE, "dates out of order: the program takes "
		    "entries from %s, after the end of its validity", a);
	}
	ais_date_format(pg->valid_from, pg->valid_from_text);
	ais_date_format(pg->valid_until, pg->valid_until_text);
	if (pg->entries_from == AIS_DATE_MIN)
		pg->entries_from_text[0] = '\0';
	else
		ais_date_format(pg->entries_from, pg->entries_from_text);
	return 0;
}

/* The checks of the loader that a changed award must still pass. */
static int
award_checks(struct apply *A, const struct ais_award *aw)
{
	size_t i, k;

	if (aw->each)
		for (i = 0; i < aw->cap.n; i++)
			if (aw->cap.v[i].per != AIS_PER_CLAIM)
				return fail(A, AT_VALUE, "the cap of an 'each' "
				    "award is per entry and cannot accumulate "
				    "('per: %s')",
				    ais_cap_per_names[aw->cap.v[i].per]);
	if (aw->basis != AIS_BASIS_FORMULA)
		return 0;
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
			return fail(A, AT_VALUE, "'ceiling' (%s) is below 'cap' "
			    "(%s): the ceiling is the most the award may pay, "
			    "the cap what it pays as a rule",
			    ais_expr_text(cv->expr), ais_expr_text(pv->expr));
		}
	return 0;
}

static int
apply_change(struct apply *A)
{
	const struct change *ch = A->ch;
	struct ais_term_parse tp;
	struct ais_program *pg;
	struct ais_award *aw = NULL;
	struct ais_term *term, nw;
	struct target t;
	const char *path;
	const yaml_node_t *v;
	ais_date from = AIS_DATE_MIN;

	pg = find_program(A, &path);
	if (!pg || resolve(A, pg, path, &t) < 0)
		return -1;
	if (t.kind == K_FROM || t.kind == K_UNTIL)
		return apply_validity(A, pg, t.kind);
	own_program(A, pg);
	memset(&tp, 0, sizeof tp);
	tp.want = AIS_E_NUM;
	switch (t.kind) {
	case K_COND:
		term = &pg->conditions[t.index].test;
		tp.key = "test";
		tp.want = AIS_E_BOOL;
		break;
	case K_WHEN:
		aw = &pg->awards[t.award];
		term = &aw->when[t.index].test;
		tp.key = "test";
		tp.want = AIS_E_BOOL;
		tp.item = aw->each;
		break;
	case K_AWARD:
		aw = &pg->awards[t.award];
		term = award_term(aw, t.name);
		tp.key = t.name;
		tp.item = aw->each;
		break;
	case K_CAP:
		term = &pg->cap;
		tp.key = "cap";
		break;
	default:
		term = &pg->pool.amount;
		tp.key = "amount";
		tp.constant = 1;
		break;
	}
	tp.rules = A->r;
	tp.arena = &A->r->arena;
	tp.file = &A->d->f;
	tp.doc = (yaml_document_t *)&A->d->doc;
	tp.dflt = make_source(A, ch->source);
	tp.make_source = make_source;
	tp.ctx = A;
	if (ais_rules_parse_term(&tp, ch->value_node, &nw, A->err) < 0)
		return -1;
	v = nd(tp.doc, ch->value_node);
	if (ch->has_from && v->type == YAML_SEQUENCE_NODE)
		return fail(A, AT_FROM, "'from' is for one value: dated values "
		    "give their own 'from'");
	if (ch->has_from) {
		nw.v[0].from = ch->from;
		from = ch->from;
	} else if (v->type == YAML_SEQUENCE_NODE) {
		from = nw.v[0].from;
	}
	overlay(A, term, &nw, from, term);
	return aw ? award_checks(A, aw) : 0;
}

/* Makes r, the overlay: base's arrays of jurisdictions and programs
 * copied, their pointers to each other set to the copies. */
static void
borrow(struct ais_rules *r, const struct ais_rules *base)
{
	size_t i, k;

	r->schema = base->schema;
	r->about = base->about;
	r->about_file = base->about_file;
	r->program_ids = base->program_ids;
	r->nj = base->nj;
	memcpy(r->digest, base->digest, sizeof r->digest);
	r->nprograms = base->nprograms;
	r->nversions = base->nversions;
	r->nconditions = base->nconditions;
	r->base = base;
	r->j = ais_arena_alloc(&r->arena, sizeof *r->j * (base->nj + 1));
	memcpy(r->j, base->j, sizeof *r->j * base->nj);
	for (i = 0; i < r->nj; i++) {
		struct ais_jurisdiction *j = &r->j[i];

		if (j->parent)
			j->parent = &r->j[j->parent - base->j];
		if (!j->nprograms)
			continue;
		j->programs = ais_arena_alloc_raw(&r->arena,
		    sizeof *j->programs * j->nprograms);
		memcpy(j->programs, base->j[i].programs,
		    sizeof *j->programs * j->nprograms);
		for (k = 0; k < j->nprograms; k++)
			j->programs[k].jurisdiction = j;
	}
}

/* Names the overlay: the reform's id, title and digest (the file's
 * bytes, then each --set-term text and a newline). */
static void
name_it(struct ais_rules *r, const struct ais_reform *rf)
{
	struct ais_sha256 h;
	unsigned char d[32];
	size_t i;

	ais_sha256_init(&h);
	if (rf->have_file)
		ais_sha256_update(&h, rf->docs.v[rf->file_doc].f.data,
		    rf->docs.v[rf->file_doc].f.len);
	for (i = 0; i < rf->ch.n; i++)
		if (rf->ch.v[i].set) {
			ais_sha256_update(&h, rf->ch.v[i].text,
			    strlen(rf->ch.v[i].text));
			ais_sha256_update(&h, "\n", 1);
		}
	ais_sha256_final(&h, d);
	memcpy(r->reform_digest, "sha256:", 7);
	ais_sha256_hex(d, r->reform_digest + 7);
	if (rf->have_file) {
		r->reform_id = ais_arena_strdup(&r->arena, rf->id);
		r->reform_title_zh = ais_arena_strdup(&r->arena, rf->title_zh);
		r->reform_title_en = ais_arena_strdup(&r->arena, rf->title_en);
	} else {
		r->reform_id = "set-term";
		r->reform_title_zh = "命令行给出的修改";
		r->reform_title_en = "changes given on the command line";
	}
}

static void
rules_cleanup(void *arg)
{
	ais_rules_free(arg);
}

static struct ais_rules *
rules_reform(const struct ais_rules *base, const struct ais_reform *rf,
	struct ais_error *err)
{
	struct ais_oom_cleanup rc;
	struct ais_rules *r = ais_xcalloc(1, sizeof *r);
	struct ais_document *doc;
	struct apply A;
	size_t i;

	ais_oom_push(&rc, rules_cleanup, r);
	borrow(r, base);
	name_it(r, rf);
	doc = ais_arena_alloc(&r->arena, sizeof *doc);
	doc->id = r->reform_id;
	doc->title = r->reform_title_zh;
	doc->title_en = r->reform_title_en;
	doc->date = AIS_DATE_MIN;
	doc->valid_from = AIS_DATE_MIN;
	doc->valid_until = AIS_DATE_MAX;
	memset(&A, 0, sizeof A);
	A.base = base;
	A.rf = rf;
	A.r = r;
	A.doc = doc;
	A.err = err;
	A.own = ais_arena_alloc(&r->arena, r->nprograms + 1);
	for (i = 0; i < rf->ch.n; i++) {
		A.ch = &rf->ch.v[i];
		A.d = &rf->docs.v[A.ch->doc];
		if (apply_change(&A) < 0) {
			ais_oom_pop(&rc);
			ais_rules_free(r);
			return NULL;
		}
	}
	ais_oom_pop(&rc);
	return r;
}

struct ais_rules *
ais_rules_reform(const struct ais_rules *base, const struct ais_reform *rf,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	struct ais_rules *r;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return NULL;
	}
	r = rules_reform(base, rf, err);
	ais_oom_guard_leave(&g);
	return r;
}
