/*
 * output.c: the result as JSON, byte for byte the same on every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"
#include "json.h"
#include "output.h"

/* The JSON writer (json.h) and, for the parts of an item kept in the
 * cache, the cache it copies them from. */
struct w {
	struct ais_json j;
	const struct ais_output_cache *cache;	/* or NULL */
};

static void cached_source(struct w *w, const struct ais_source *src);

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

/* "source":{...} for s. */
static void
source(struct ais_json *j, const struct ais_source *s)
{
	const struct ais_document *d = s->document;

	ais_json_key(j, "source");
	ais_json_open(j, '{');
	ais_json_kstr(j, "document", d->title);
	ais_json_kstr(j, "document_id", d->id);
	if (d->number)
		ais_json_kstr(j, "number", d->number);
	if (s->clause)
		ais_json_kstr(j, "clause", s->clause);
	if (s->seed)
		ais_json_kstr(j, "seed", s->seed);
	ais_json_kstr(j, "confidence", s->confidence);
	if (s->note.en)
		ais_json_kstr(j, "note", s->note.en);
	if (d->validity_assumed)
		ais_json_kstr(j, "validity", d->validity_note.en);
	ais_json_close(j, '}');
}

static void
calc_part(struct ais_json *j, const struct ais_part *p)
{
	char t[48];

	if (p->has_base) {
		ais_json_key(j, "base");
		ais_dec_format(p->base, t, sizeof t);
		ais_json_raw(j, t);
		ais_json_key(j, "rate");
		ais_dec_format_percent(p->rate, t, sizeof t);
		ais_json_str(j, t);
		ais_json_kfen(j, "raw", 1, p->raw);
	} else if (p->basis == AIS_BASIS_FIXED) {
		ais_json_kfen(j, "award", 1, p->raw);
	}
	if (p->basis == AIS_BASIS_FORMULA || p->basis == AIS_BASIS_FIXED) {
		ais_json_kfen(j, "cap", p->has_cap, p->cap);
		ais_json_kbool(j, "capped", p->capped);
	}
}

static void
calculation(struct ais_json *j, const struct ais_item *it)
{
	size_t i;
	int single = it->parts.n == 1 && !it->parts.v[0].set_aside;

	ais_json_key(j, "calculation");
	if (!it->eligible) {
		ais_json_raw(j, "null");
		return;
	}
	ais_json_open(j, '{');
	if (single && (it->parts.v[0].basis == AIS_BASIS_FORMULA ||
	    it->parts.v[0].basis == AIS_BASIS_FIXED) && !it->capped &&
	    !it->parts.v[0].has_cap && it->has_cap) {
		/* one award capped by its program: show the program cap */
		struct ais_part p = it->parts.v[0];

		p.has_cap = 1;
		p.cap = it->cap;
		calc_part(j, &p);
	} else if (single) {
		calc_part(j, &it->parts.v[0]);
		if (it->has_cap && (it->parts.v[0].has_cap || it->capped)) {
			ais_json_kfen(j, "program_cap", 1, it->cap);
			ais_json_kbool(j, "program_capped", it->capped);
		}
	} else {
		ais_json_key(j, "parts");
		ais_json_open(j, '[');
		for (i = 0; i < it->parts.n; i++) {
			const struct ais_part *p = &it->parts.v[i];

			ais_json_open(j, '{');
			ais_json_kstr(j, "label", p->label);
			ais_json_kstr(j, "basis", ais_basis_names[p->basis]);
			ais_json_kfen(j, "amount", p->has_amount, p->amount);
			ais_json_kfen(j, "up_to", p->has_up_to, p->up_to);
			calc_part(j, p);
			if (p->set_aside)
				ais_json_kstr(j, "set_aside", p->set_aside);
			ais_json_close(j, '}');
		}
		ais_json_close(j, ']');
		ais_json_kfen(j, "sum", it->has_amount, it->sum);
		if (it->has_up_to && it->sum_up_to != it->sum)
			ais_json_kfen(j, "sum_up_to", 1, it->sum_up_to);
		ais_json_kfen(j, "cap", it->has_cap, it->cap);
		ais_json_kbool(j, "capped", it->capped);
	}
	ais_json_close(j, '}');
}

/* One used term as a JSON object. */
static void
term_object(struct w *w, const struct ais_program *pg, const char *term,
	const char *says, const char *award, const char *value,
	const struct ais_version *v, int dated)
{
	struct ais_json *j = &w->j;

	ais_json_open(j, '{');
	ais_json_kstr(j, "term", term);
	if (says)
		ais_json_kstr(j, "says", says);
	if (award && pg->nawards > 1)
		ais_json_kstr(j, "award", award);
	if (value)
		ais_json_kstr(j, "value", value);
	if (dated) {
		ais_json_kdate(j, "from", v->from);
		ais_json_kdate(j, "until", v->until);
	}
	if (v->note.en)
		ais_json_kstr(j, "note", v->note.en);
	ais_json_kstr(j, "confidence", v->source->confidence);
	if (v->source == pg->source)
		ais_json_kstr(j, "source", "program");
	else
		cached_source(w, v->source);
	ais_json_close(j, '}');
}

static void
terms(struct w *w, const struct ais_item *it)
{
	struct ais_json *j = &w->j;
	char value[48];
	size_t i;

	ais_json_key(j, "terms");
	ais_json_open(j, '[');
	for (i = 0; i < it->terms.n; i++) {
		const struct ais_used_term *u = &it->terms.v[i];

		if (w->cache && w->cache->term[u->version->id].len) {
			ais_json_raw_n(j, w->cache->term[u->version->id].p,
			    w->cache->term[u->version->id].len);
			continue;
		}
		term_object(w, it->program, u->term, u->says, u->award,
		    ais_version_const_text(u->version, u->term, value,
		    sizeof value) ? value : NULL, u->version, u->dated);
	}
	ais_json_close(j, ']');
}

/* "pool":{...} for pg's pool, whose amount is version v (or NULL: none
 * in force). */
static void
pool_object(struct w *w, const struct ais_program *pg,
	const struct ais_version *v)
{
	struct ais_json *j = &w->j;
	struct ais_dec amount;
	size_t i;

	ais_json_key(j, "pool");
	ais_json_open(j, '{');
	ais_json_key(j, "amount");
	if (ais_version_const(v, &amount)) {
		char t[48];

		/* the amount is a literal (the loader sees to it): its value,
		 * exactly */
		ais_dec_format(amount, t, sizeof t);
		ais_json_raw(j, t);
	} else {
		ais_json_null(j);
	}
	ais_json_kstr(j, "per", pg->pool.per);
	ais_json_kstr(j, "allocation", pg->pool.allocation);
	if (v) {
		ais_json_kstr(j, "confidence", v->source->confidence);
		if (v->source == pg->source)
			ais_json_kstr(j, "source", "program");
		else
			cached_source(w, v->source);
	}
	ais_json_key(j, "shared_with");
	ais_json_open(j, '[');
	for (i = 0; pg->pool.shared_with[i]; i++)
		ais_json_str(j, pg->pool.shared_with[i]);
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

/* Writes a cached part as the next members of the object being written. */
static void
cached(struct w *w, const struct ais_buf *part)
{
	ais_json_members(&w->j, part->p, part->len);
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
item_head(struct ais_json *j, const struct ais_program *pg)
{
	ais_json_kstr(j, "program", pg->id);
	ais_json_kstr(j, "jurisdiction", pg->jurisdiction->id);
	ais_json_key(j, "title");
	ais_json_open(j, '{');
	ais_json_kstr(j, "zh", pg->title_zh);
	ais_json_kstr(j, "en", pg->title_en);
	ais_json_close(j, '}');
}

static void
item_tail(struct ais_json *j, const struct ais_program *pg)
{
	size_t i;

	ais_json_key(j, "manual_checks");
	ais_json_open(j, '[');
	for (i = 0; i < pg->nmanual; i++)
		ais_json_str(j, pg->manual_checks[i].en);
	ais_json_close(j, ']');
	ais_json_key(j, "notes");
	ais_json_open(j, '[');
	for (i = 0; i < pg->nnotes; i++)
		ais_json_str(j, pg->notes[i].en);
	ais_json_close(j, ']');
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
	source(&w->j, src);
}

/* A writer for a part kept in cache c (or NULL): the members of an
 * object, or an element of an array, compact, at depth 1. */
static void
part_init(struct w *w, struct ais_buf *b,
	const struct ais_output_cache *c)
{
	ais_json_init_part(&w->j, b, 0, 1);
	w->cache = c;
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
	part_init(&w, &cs->json, NULL);
	source(&w.j, src);
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
		/* the array element alone: nothing is written before the
		 * first value of a part */
		part_init(&w, &c->term[v->id], c);
		term_object(&w, pg, name, says, award,
		    ais_version_const_text(v, name, value, sizeof value) ?
		    value : NULL, v, dated);
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
		part_init(&w, &c->pool[v->id], c);
		pool_object(&w, pg, v);
	}
	part_init(&w, &c->pool_none[pg->index], c);
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

			part_init(&w, &c->head[pg->index], NULL);
			item_head(&w.j, pg);
			part_init(&w, &c->source[pg->index], NULL);
			source(&w.j, pg->source);
			part_init(&w, &c->tail[pg->index], NULL);
			item_tail(&w.j, pg);
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
item_full(struct w *w, const struct ais_item *it, ais_date as_of)
{
	const struct ais_output_cache *cache = w->cache;
	const struct ais_program *pg = it->program;
	struct ais_json *j = &w->j;
	size_t i;

	ais_json_open(j, '{');
	if (cache)
		cached(w, &cache->head[pg->index]);
	else
		item_head(j, pg);
	ais_json_kbool(j, "eligible", it->eligible);
	ais_json_kstr(j, "basis", ais_basis_names[it->eligible ? it->basis :
	    pg->awards[0].basis]);
	ais_json_kfen(j, "amount", it->has_amount || !it->eligible, it->amount);
	ais_json_kfen(j, "up_to", it->has_up_to || !it->eligible, it->up_to);
	calculation(j, it);
	ais_json_key(j, "reasons");
	ais_json_open(j, '[');
	for (i = 0; i < it->reasons.n; i++)
		ais_json_str_n(j, it->reasons.v[i].p, it->reasons.v[i].len);
	ais_json_close(j, ']');
	if (cache)
		cached(w, &cache->source[pg->index]);
	else
		source(j, pg->source);
	terms(w, it);
	if (cache)
		cached(w, &cache->tail[pg->index]);
	else
		item_tail(j, pg);
	pool(w, pg, as_of);
	ais_json_close(j, '}');
}

void
ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b)
{
	struct w w;
	struct ais_json *j = &w.j;
	const struct ais_profile *p = res->profile;
	char d[11];
	size_t i;

	ais_json_init(j, b, o->pretty);
	w.cache = o->pretty ? NULL : o->cache;
	ais_json_open(j, '{');
	ais_json_kstr(j, "profile", p->id);
	ais_date_format(res->as_of, d);
	ais_json_kstr(j, "as_of", d);
	if (o->mode == AIS_OUT_COMPACT) {
		ais_json_kfen(j, "total", 1, res->total_amount);
		ais_json_kfen(j, "up_to", 1, res->total_up_to);
		ais_json_key(j, "eligible");
		ais_json_open(j, '{');
		for (i = 0; i < res->items.n; i++) {
			const struct ais_item *it = &res->items.v[i];

			if (!it->eligible)
				continue;
			ais_json_key_n(j, it->program->id,
			    strlen(it->program->id));
			ais_json_fen_or_null(j, it->has_amount, it->amount);
		}
		ais_json_close(j, '}');
		ais_json_close(j, '}');
		ais_buf_addc(b, '\n');
		return;
	}
	ais_json_kstr(j, "currency", "CNY");
	ais_json_key(j, "items");
	ais_json_open(j, '[');
	for (i = 0; i < res->items.n; i++) {
		if (o->eligible_only && !res->items.v[i].eligible)
			continue;
		item_full(&w, &res->items.v[i], res->as_of);
	}
	ais_json_close(j, ']');
	ais_json_key(j, "total");
	ais_json_open(j, '{');
	ais_json_kfen(j, "amount", 1, res->total_amount);
	ais_json_kfen(j, "up_to", 1, res->total_up_to);
	ais_json_kuint(j, "unquantified", res->total_unquantified);
	ais_json_close(j, '}');
	ais_json_kstrings(j, "warnings", res->warnings.v, res->warnings.n);
	ais_json_key(j, "receipt");
	ais_json_open(j, '{');
	ais_json_kstr(j, "tool", "aisubsidy " AIS_VERSION);
	ais_json_kstr(j, "as_of", d);
	ais_json_kstr(j, "rules", res->digest);
	ais_json_close(j, '}');
	ais_json_close(j, '}');
	ais_buf_addc(b, '\n');
}

void
ais_error_record_write(long line, const char *id, const struct ais_error *e,
	struct ais_buf *b)
{
	struct ais_json j;

	ais_json_init(&j, b, 0);
	ais_json_open(&j, '{');
	ais_json_kint(&j, "line", line);
	ais_json_kstr(&j, "profile", id);
	ais_json_key(&j, "error");
	ais_json_open(&j, '{');
	ais_json_kstr(&j, "path", e->path[0] ? e->path : NULL);
	ais_json_kstr(&j, "message", e->msg);
	ais_json_close(&j, '}');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}
