/*
 * output.c: the result as JSON, byte for byte the same on every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"
#include "output.h"

/* A small JSON writer: it knows the nesting depth and whether a comma is
 * due, and indents by two spaces when pretty. */
struct w {
	struct ais_buf *b;
	int pretty;
	int depth;
	int first;	/* nothing written yet at this depth */
	int after_key;	/* a key was written: its value comes next */
	const struct ais_output_cache *cache;	/* or NULL */
};

static void cached_source(struct w *w, const struct ais_source *src);
static void cached(struct w *w, const struct ais_buf *part);

/* A source of terms and its JSON, "source":{...}. */
struct cached_source {
	const struct ais_source *src;
	struct ais_buf json;
};

/* The parts of an item that depend on its program alone, as JSON. */
struct ais_output_cache {
	size_t n;
	struct ais_buf *head, *source, *tail;
	/* the sources of terms, "source":{...}, in order of first use */
	AIS_VEC(struct cached_source) srcs;
	/* each version of each term as an item's "terms" show it */
	struct ais_buf *term;
	size_t nterm;
	/* "pool":{...} by the version of its amount, or by program for
	 * none in force */
	struct ais_buf *pool, *pool_none;
};

/* Whether b lacks room for n more bytes and the NUL. */
static inline int
b_short(const struct ais_buf *b, size_t n)
{
	return n >= b->cap - b->len;
}

static inline void
newline(struct w *w)
{
	int i;

	if (!w->pretty)
		return;
	ais_buf_addc(w->b, '\n');
	for (i = 0; i < w->depth; i++)
		ais_buf_add(w->b, "  ", 2);
}

/* Starts a value: a comma when one is due, and the line break. */
static inline void
sep(struct w *w)
{
	if (!w->first)
		ais_buf_addc(w->b, ',');
	w->first = 0;
	if (w->depth > 0)
		newline(w);
}

/* Writes the key k[0..n) and what goes before it.  Always inlined: a
 * result has a hundred keys or more, and with n known when compiled the
 * copy is a few moves. */
static inline __attribute__((always_inline)) void
key_n(struct w *w, const char *k, size_t n)
{
	char *o;

	/* keys are this file's own plain names (and program ids, which the
	 * rule loader keeps to ASCII names): nothing to escape */
	sep(w);
	if (b_short(w->b, n + 4))
		ais_buf_grow(w->b, n + 4);
	o = w->b->p + w->b->len;
	*o++ = '"';
	memcpy(o, k, n);
	o += n;
	*o++ = '"';
	*o++ = ':';
	if (w->pretty)
		*o++ = ' ';
	w->b->len = (size_t)(o - w->b->p);
	*o = '\0';
	w->after_key = 1;
}

/* A key that is a string literal, its length known when compiled. */
#define key(w, k) key_n((w), "" k, sizeof k - 1)

/* Values after key() or inside arrays. */
static inline void
val_begin(struct w *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	sep(w);
}

static inline void
open_(struct w *w, char c)
{
	val_begin(w);
	ais_buf_addc(w->b, c);
	w->depth++;
	w->first = 1;
}

static inline void
close_(struct w *w, char c)
{
	int empty = w->first;

	w->depth--;
	if (!empty)
		newline(w);
	ais_buf_addc(w->b, c);
	w->first = 0;
}

static void
str(struct w *w, const char *s)
{
	val_begin(w);
	if (s)
		ais_buf_add_json_str(w->b, s, strlen(s));
	else
		ais_buf_adds(w->b, "null");
}

/* A value written as it is: s[0..n).  Inlined, as key_n. */
static inline __attribute__((always_inline)) void
raw_n(struct w *w, const char *s, size_t n)
{
	val_begin(w);
	ais_buf_add(w->b, s, n);
}

/* raw_n for a string literal, or any string. */
#define raw(w, s) raw_n((w), (s), strlen(s))

static void
fen(struct w *w, int64_t f)
{
	char t[32];

	if (f == 0) {	/* most amounts of most items */
		raw(w, "0");
		return;
	}
	raw_n(w, t, ais_fen_format(f, t, sizeof t));
}

/* An amount in fen, or null when there is none. */
static void
fen_or_null(struct w *w, int has, int64_t f)
{
	if (has)
		fen(w, f);
	else
		raw(w, "null");
}

/* A date, or null for the open ends of a range. */
static void
date_val(struct w *w, ais_date d)
{
	char t[11];

	if (d == AIS_DATE_MIN || d == AIS_DATE_MAX) {
		raw(w, "null");
		return;
	}
	ais_date_format(d, t);
	str(w, t);
}

/* An array of the n strings v. */
static void
string_array(struct w *w, char *const *v, size_t n)
{
	size_t i;

	open_(w, '[');
	for (i = 0; i < n; i++)
		str(w, v[i]);
	close_(w, ']');
}

/* Members: a literal key and its value. */
#define kstr(w, k, s) (key(w, k), str((w), (s)))
#define kfen(w, k, has, f) (key(w, k), fen_or_null((w), (has), (f)))
#define kbool(w, k, b) (key(w, k), raw((w), (b) ? "true" : "false"))
#define kdate(w, k, d) (key(w, k), date_val((w), (d)))
#define strings(w, k, v, n) (key(w, k), string_array((w), (v), (n)))

/* "source":{...} for s. */
static void
source(struct w *w, const struct ais_source *s)
{
	const struct ais_document *d = s->document;

	key(w, "source");
	open_(w, '{');
	kstr(w, "document", d->title);
	kstr(w, "document_id", d->id);
	if (d->number)
		kstr(w, "number", d->number);
	if (s->clause)
		kstr(w, "clause", s->clause);
	if (s->seed)
		kstr(w, "seed", s->seed);
	kstr(w, "confidence", s->confidence);
	if (s->note.en)
		kstr(w, "note", s->note.en);
	if (d->validity_assumed)
		kstr(w, "validity", d->validity_note.en);
	close_(w, '}');
}

static void
calc_part(struct w *w, const struct ais_part *p)
{
	char t[48];

	if (p->has_base) {
		key(w, "base");
		ais_dec_format(p->base, t, sizeof t);
		raw(w, t);
		key(w, "rate");
		ais_dec_format_percent(p->rate, t, sizeof t);
		str(w, t);
		kfen(w, "raw", 1, p->raw);
	} else if (p->basis == AIS_BASIS_FIXED) {
		kfen(w, "award", 1, p->raw);
	}
	if (p->basis == AIS_BASIS_FORMULA || p->basis == AIS_BASIS_FIXED) {
		kfen(w, "cap", p->has_cap, p->cap);
		kbool(w, "capped", p->capped);
	}
}

static void
calculation(struct w *w, const struct ais_item *it)
{
	size_t i;
	int single = it->parts.n == 1 && !it->parts.v[0].set_aside;

	key(w, "calculation");
	if (!it->eligible) {
		raw(w, "null");
		return;
	}
	open_(w, '{');
	if (single && (it->parts.v[0].basis == AIS_BASIS_FORMULA ||
	    it->parts.v[0].basis == AIS_BASIS_FIXED) && !it->capped &&
	    !it->parts.v[0].has_cap && it->has_cap) {
		/* one award capped by its program: show the program cap */
		struct ais_part p = it->parts.v[0];

		p.has_cap = 1;
		p.cap = it->cap;
		calc_part(w, &p);
	} else if (single) {
		calc_part(w, &it->parts.v[0]);
		if (it->has_cap && (it->parts.v[0].has_cap || it->capped)) {
			kfen(w, "program_cap", 1, it->cap);
			kbool(w, "program_capped", it->capped);
		}
	} else {
		key(w, "parts");
		open_(w, '[');
		for (i = 0; i < it->parts.n; i++) {
			const struct ais_part *p = &it->parts.v[i];

			open_(w, '{');
			kstr(w, "label", p->label);
			kstr(w, "basis", ais_basis_names[p->basis]);
			kfen(w, "amount", p->has_amount, p->amount);
			kfen(w, "up_to", p->has_up_to, p->up_to);
			calc_part(w, p);
			if (p->set_aside)
				kstr(w, "set_aside", p->set_aside);
			close_(w, '}');
		}
		close_(w, ']');
		kfen(w, "sum", it->has_amount, it->sum);
		if (it->has_up_to && it->sum_up_to != it->sum)
			kfen(w, "sum_up_to", 1, it->sum_up_to);
		kfen(w, "cap", it->has_cap, it->cap);
		kbool(w, "capped", it->capped);
	}
	close_(w, '}');
}

/* One used term as a JSON object. */
static void
term_object(struct w *w, const struct ais_program *pg, const char *term,
	const char *says, const char *award, const char *value,
	const struct ais_version *v, int dated)
{
	open_(w, '{');
	kstr(w, "term", term);
	if (says)
		kstr(w, "says", says);
	if (award && pg->nawards > 1)
		kstr(w, "award", award);
	if (value)
		kstr(w, "value", value);
	if (dated) {
		kdate(w, "from", v->from);
		kdate(w, "until", v->until);
	}
	if (v->note.en)
		kstr(w, "note", v->note.en);
	kstr(w, "confidence", v->source->confidence);
	if (v->source == pg->source)
		kstr(w, "source", "program");
	else
		cached_source(w, v->source);
	close_(w, '}');
}

static void
terms(struct w *w, const struct ais_item *it)
{
	char value[48];
	size_t i;

	key(w, "terms");
	open_(w, '[');
	for (i = 0; i < it->terms.n; i++) {
		const struct ais_used_term *u = &it->terms.v[i];

		if (w->cache && w->cache->term[u->version->id].len) {
			val_begin(w);
			ais_buf_add(w->b, w->cache->term[u->version->id].p,
			    w->cache->term[u->version->id].len);
			continue;
		}
		term_object(w, it->program, u->term, u->says, u->award,
		    ais_version_const_text(u->version, u->term, value,
		    sizeof value) ? value : NULL, u->version, u->dated);
	}
	close_(w, ']');
}

/* "pool":{...} for pg's pool, whose amount is version v (or NULL: none
 * in force). */
static void
pool_object(struct w *w, const struct ais_program *pg,
	const struct ais_version *v)
{
	size_t i;

	key(w, "pool");
	open_(w, '{');
	key(w, "amount");
	if (v && v->expr) {
		char t[48];

		/* the amount is a literal: its value, exactly */
		val_begin(w);
		{
			struct ais_eval ev;
			struct ais_value val;

			memset(&ev, 0, sizeof ev);
			if (ais_expr_eval(v->expr, &ev, &val) == 0 &&
			    val.t == AIS_V_NUM) {
				ais_dec_format(val.u.n, t, sizeof t);
				ais_buf_adds(w->b, t);
			} else {
				ais_buf_adds(w->b, "null");
			}
		}
	} else {
		raw(w, "null");
	}
	kstr(w, "per", pg->pool.per);
	kstr(w, "allocation", pg->pool.allocation);
	if (v) {
		kstr(w, "confidence", v->source->confidence);
		if (v->source == pg->source)
			kstr(w, "source", "program");
		else
			cached_source(w, v->source);
	}
	key(w, "shared_with");
	open_(w, '[');
	for (i = 0; pg->pool.shared_with[i]; i++)
		str(w, pg->pool.shared_with[i]);
	close_(w, ']');
	close_(w, '}');
}

/* pg's pool on date as_of, from the cache when it is there. */
static void
pool(struct w *w, const struct ais_program *pg, ais_date as_of)
{
	const struct ais_version *v;

	if (!pg->pool.present)
		return;
	v = ais_term_at(&pg->pool.amount, as_of);
	if (w->cache) {
		const struct ais_buf *c = v ? &w->cache->pool[v->id] :
		    &w->cache->pool_none[pg->index];

		if (c->len) {
			cached(w, c);
			return;
		}
	}
	pool_object(w, pg, v);
}

static void
item_head(struct w *w, const struct ais_program *pg)
{
	kstr(w, "program", pg->id);
	kstr(w, "jurisdiction", pg->jurisdiction->id);
	key(w, "title");
	open_(w, '{');
	kstr(w, "zh", pg->title_zh);
	kstr(w, "en", pg->title_en);
	close_(w, '}');
}

static void
item_tail(struct w *w, const struct ais_program *pg)
{
	size_t i;

	key(w, "manual_checks");
	open_(w, '[');
	for (i = 0; i < pg->nmanual; i++)
		str(w, pg->manual_checks[i].en);
	close_(w, ']');
	key(w, "notes");
	open_(w, '[');
	for (i = 0; i < pg->nnotes; i++)
		str(w, pg->notes[i].en);
	close_(w, ']');
}


/* Writes a cached part as the next member of the object being written. */
static void
cached(struct w *w, const struct ais_buf *part)
{
	sep(w);
	ais_buf_add(w->b, part->p, part->len);
}

/* Writes "source":{...} for src, from the cache when it is there. */
static void
cached_source(struct w *w, const struct ais_source *src)
{
	size_t i;

	if (w->cache)
		for (i = 0; i < w->cache->srcs.n; i++)
			if (w->cache->srcs.v[i].src == src) {
				cached(w, &w->cache->srcs.v[i].json);
				return;
			}
	source(w, src);
}

static void
part_init(struct w *w, struct ais_buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	w->depth = 1;
	w->first = 1;
}

static void
cache_source(struct ais_output_cache *c, const struct ais_source *src)
{
	struct cached_source *cs;
	struct w w;
	size_t i;

	for (i = 0; i < c->srcs.n; i++)
		if (c->srcs.v[i].src == src)
			return;
	cs = AIS_VEC_PUSH(NULL, c->srcs);
	ais_buf_init(&cs->json);
	cs->src = src;
	part_init(&w, &cs->json);
	source(&w, src);
}

/* Caches the sources of term t and its versions as the engine reports
 * them used (see use_term in engine.c): the same name, words and award. */
static void
cache_term(struct ais_output_cache *c, const struct ais_program *pg,
	const struct ais_term *t, const char *name, const char *says,
	const char *award)
{
	size_t i;
	struct w w;

	for (i = 0; i < t->n; i++) {
		const struct ais_version *v = &t->v[i];
		char value[48];
		int dated = t->n > 1 || v->from != AIS_DATE_MIN ||
		    v->until != AIS_DATE_MAX;

		if (v->source)
			cache_source(c, v->source);
		if (v->id >= c->nterm)
			continue;
		part_init(&w, &c->term[v->id]);
		w.cache = c;
		w.first = 1;
		w.depth = 1;
		term_object(&w, pg, name, says, award,
		    ais_version_const_text(v, name, value, sizeof value) ?
		    value : NULL, v, dated);
		/* the array element alone, without the separator part_init's
		 * writer put before it */
		if (c->term[v->id].len && c->term[v->id].p[0] != '{') {
			memmove(c->term[v->id].p, c->term[v->id].p + 1,
			    c->term[v->id].len);
			c->term[v->id].len--;
		}
	}
}

/* Every term of pg, and every source a term of pg may name. */
static void
cache_term_sources(struct ais_output_cache *c, const struct ais_program *pg)
{
	size_t i, k;

	for (i = 0; i < pg->nconditions; i++)
		cache_term(c, pg, &pg->conditions[i].test, "condition",
		    pg->conditions[i].says.en, NULL);
	cache_term(c, pg, &pg->cap, "cap", NULL, NULL);
	cache_term(c, pg, &pg->pool.amount, "pool", NULL, NULL);
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		for (k = 0; k < aw->nwhen; k++)
			cache_term(c, pg, &aw->when[k].test, "condition",
			    aw->when[k].says.en, aw->label.en);
		cache_term(c, pg, &aw->base, "base", NULL, aw->label.en);
		cache_term(c, pg, &aw->rate, "rate", NULL, aw->label.en);
		cache_term(c, pg, &aw->cap, "cap", NULL, aw->label.en);
		cache_term(c, pg, &aw->amount, "amount", NULL, aw->label.en);
		cache_term(c, pg, &aw->ceiling, "ceiling", NULL, aw->label.en);
	}
}

/* The pool objects of pg: one for each version of its amount, and one
 * for when none is in force. */
static void
cache_pool(struct ais_output_cache *c, const struct ais_program *pg)
{
	struct w w;
	size_t i;

	for (i = 0; i < pg->pool.amount.n; i++) {
		const struct ais_version *v = &pg->pool.amount.v[i];

		if (v->id >= c->nterm)
			continue;
		part_init(&w, &c->pool[v->id]);
		w.cache = c;
		pool_object(&w, pg, v);
	}
	part_init(&w, &c->pool_none[pg->index]);
	w.cache = c;
	pool_object(&w, pg, NULL);
}

struct ais_output_cache *
ais_output_cache_new(const struct ais_rules *r)
{
	struct ais_output_cache *c = ais_xcalloc(1, sizeof *c);
	size_t i, k;
	struct w w;

	c->n = r->nprograms;
	c->nterm = r->nversions;
	c->term = ais_xcalloc(c->nterm + 1, sizeof *c->term);
	c->pool = ais_xcalloc(c->nterm + 1, sizeof *c->pool);
	c->pool_none = ais_xcalloc(c->n + 1, sizeof *c->pool_none);
	c->head = ais_xcalloc(c->n + 1, sizeof *c->head);
	c->source = ais_xcalloc(c->n + 1, sizeof *c->source);
	c->tail = ais_xcalloc(c->n + 1, sizeof *c->tail);
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++) {
			const struct ais_program *pg = &r->j[i].programs[k];

			part_init(&w, &c->head[pg->index]);
			item_head(&w, pg);
			part_init(&w, &c->source[pg->index]);
			source(&w, pg->source);
			part_init(&w, &c->tail[pg->index]);
			item_tail(&w, pg);
			cache_term_sources(c, pg);
			if (pg->pool.present)
				cache_pool(c, pg);
		}
	return c;
}

void
ais_output_cache_free(struct ais_output_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++) {
		ais_buf_release(&c->head[i]);
		ais_buf_release(&c->source[i]);
		ais_buf_release(&c->tail[i]);
	}
	for (i = 0; i < c->srcs.n; i++)
		ais_buf_release(&c->srcs.v[i].json);
	for (i = 0; i < c->nterm; i++) {
		ais_buf_release(&c->term[i]);
		ais_buf_release(&c->pool[i]);
	}
	for (i = 0; i < c->n; i++)
		ais_buf_release(&c->pool_none[i]);
	free(c->term);
	free(c->pool);
	free(c->pool_none);
	AIS_VEC_FREE(c->srcs);
	free(c->head);
	free(c->source);
	free(c->tail);
	free(c);
}

static void
item_full(struct w *w, const struct ais_item *it, ais_date as_of,
	const struct ais_output_cache *cache)
{
	const struct ais_program *pg = it->program;
	size_t i;

	open_(w, '{');
	if (cache)
		cached(w, &cache->head[pg->index]);
	else
		item_head(w, pg);
	kbool(w, "eligible", it->eligible);
	kstr(w, "basis", ais_basis_names[it->eligible ? it->basis :
	    pg->awards[0].basis]);
	kfen(w, "amount", it->has_amount || !it->eligible, it->amount);
	kfen(w, "up_to", it->has_up_to || !it->eligible, it->up_to);
	calculation(w, it);
	key(w, "reasons");
	open_(w, '[');
	for (i = 0; i < it->reasons.n; i++) {
		val_begin(w);
		ais_buf_add_json_str(w->b, it->reasons.v[i].p, it->reasons.v[i].len);
	}
	close_(w, ']');
	if (cache)
		cached(w, &cache->source[pg->index]);
	else
		source(w, pg->source);
	terms(w, it);
	if (cache)
		cached(w, &cache->tail[pg->index]);
	else
		item_tail(w, pg);
	pool(w, pg, as_of);
	close_(w, '}');
}

void
ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b)
{
	struct w w;
	const struct ais_profile *p = res->profile;
	char d[11];
	size_t i;

	w.b = b;
	w.cache = o->pretty ? NULL : o->cache;
	w.pretty = o->pretty;
	w.depth = 0;
	w.first = 1;
	w.after_key = 0;
	open_(&w, '{');
	kstr(&w, "profile", p->id);
	ais_date_format(res->as_of, d);
	kstr(&w, "as_of", d);
	if (o->mode == AIS_OUT_COMPACT) {
		kfen(&w, "total", 1, res->total_amount);
		kfen(&w, "up_to", 1, res->total_up_to);
		key(&w, "eligible");
		open_(&w, '{');
		for (i = 0; i < res->items.n; i++) {
			const struct ais_item *it = &res->items.v[i];

			if (!it->eligible)
				continue;
			key_n(&w, it->program->id, strlen(it->program->id));
			fen_or_null(&w, it->has_amount, it->amount);
		}
		close_(&w, '}');
		close_(&w, '}');
		ais_buf_addc(b, '\n');
		return;
	}
	kstr(&w, "currency", "CNY");
	key(&w, "items");
	open_(&w, '[');
	for (i = 0; i < res->items.n; i++) {
		if (o->eligible_only && !res->items.v[i].eligible)
			continue;
		item_full(&w, &res->items.v[i], res->as_of,
		    o->pretty ? NULL : o->cache);
	}
	close_(&w, ']');
	key(&w, "total");
	open_(&w, '{');
	kfen(&w, "amount", 1, res->total_amount);
	kfen(&w, "up_to", 1, res->total_up_to);
	key(&w, "unquantified");
	{
		char t[24];

		snprintf(t, sizeof t, "%zu", res->total_unquantified);
		raw(&w, t);
	}
	close_(&w, '}');
	strings(&w, "warnings", res->warnings.v, res->warnings.n);
	key(&w, "receipt");
	open_(&w, '{');
	kstr(&w, "tool", "aisubsidy " AIS_VERSION);
	kstr(&w, "as_of", d);
	kstr(&w, "rules", res->digest);
	close_(&w, '}');
	close_(&w, '}');
	ais_buf_addc(b, '\n');
}

void
ais_error_record_write(long line, const char *id, const struct ais_error *e,
	struct ais_buf *b)
{
	ais_buf_addf(b, "{\"line\":%ld,\"profile\":", line);
	if (id)
		ais_buf_add_json_str(b, id, strlen(id));
	else
		ais_buf_adds(b, "null");
	ais_buf_adds(b, ",\"error\":{\"path\":");
	if (e->path[0])
		ais_buf_add_json_str(b, e->path, strlen(e->path));
	else
		ais_buf_adds(b, "null");
	ais_buf_adds(b, ",\"message\":");
	ais_buf_add_json_str(b, e->msg, strlen(e->msg));
	ais_buf_adds(b, "}}\n");
}
