/*
 * output.c: the result as JSON, byte for byte the same on every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"
#include "json.h"
#include "narrate.h"
#include "output.h"
#include "qualify.h"
#include "whatif.h"

/* The JSON writer (json.h) and, for the parts of an item kept in the
 * cache, the cache it copies them from. */
struct w {
	struct ais_json j;
	const struct ais_output_cache *cache;	/* or NULL */
	enum ais_lang lang;
	struct ais_buf *text;		/* a reason being told */
	char as_of[11];			/* the result's claim date, as text */
	ais_date day;			/* and as a day */
	int kind;			/* the applicant's kind: an enum index,
					 * or -1 */
};

static void cached_source(struct w *w, const struct ais_source *src);
static void prior_json(struct w *w, const struct ais_value *entry,
	enum ais_prior_why why);
static void check_head(struct ais_json *j, const struct ais_condition *cd,
	const struct ais_award *aw, const struct ais_program *pg,
	enum ais_lang lang);
static void validity_check(struct ais_json *j, const struct ais_program *pg,
	const char *as_of, enum ais_outcome o, const struct ais_buf *tail);
static void validity_tail(struct ais_json *j, const struct ais_program *pg);
static void applicant_check(struct ais_json *j, const struct ais_program *pg,
	const struct ais_read *kind, enum ais_outcome o);

/* A source of terms and its JSON, "source":{...}. */
struct cached_source {
	const struct ais_source *src;
	struct ais_buf json;
};

/* The parts of an item that depend on its program alone, as JSON. */
struct ais_output_cache {
	enum ais_lang lang;		/* of the texts it holds */
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
	/* the record's constant members: each condition's check id, words
	 * and award; each program's validity and who may apply */
	struct ais_buf *check_head;
	size_t ncond;
	/* for each kind (nslots: one per enum of "kind", and one for
	 * none), each program's applicant check and reason */
	size_t nslots;
	struct ais_buf *applicant_check, *applicant_reason;
	/* each program's validity reason on any date, escaped, without
	 * quotes: before and after the date, for each side (-1, 0, 1);
	 * its check after the date */
	struct ais_buf *validity_pre, *validity_post, *validity_tail;
	/* each condition's reason up to what it read, escaped, without
	 * quotes, for each outcome (when it is not about a list entry) */
	struct ais_buf *check_words;
};

/* "publication":{...} for p. */
static void
publication(struct ais_json *j, const struct ais_publication *p,
	enum ais_lang lang)
{
	ais_json_key(j, "publication");
	ais_json_open(j, '{');
	ais_json_kstr(j, "outlet", p->outlet);
	if (p->date != AIS_DATE_MIN)
		ais_json_kdate(j, "date", p->date);
	if (p->page)
		ais_json_kstr(j, "page", p->page);
	if (p->title)
		ais_json_kstr(j, "title", p->title);
	if (p->author)
		ais_json_kstr(j, "author", p->author);
	if (p->url)
		ais_json_kstr(j, "url", p->url);
	if (p->retrieved != AIS_DATE_MIN)
		ais_json_kdate(j, "retrieved", p->retrieved);
	if (p->note.en)
		ais_json_kstr(j, "note", AIS_L10N(p->note, lang));
	ais_json_close(j, '}');
}

/* "source":{...} for s: its document, article, clause, grade and where a
 * person can read it. */
static void
source(struct ais_json *j, const struct ais_source *s, enum ais_lang lang)
{
	const struct ais_document *d = s->document;
	const char *url = s->url ? s->url : d->url;

	ais_json_key(j, "source");
	ais_json_open(j, '{');
	ais_json_kstr(j, "document", d->title);
	ais_json_kstr(j, "document_id", d->id);
	if (d->number)
		ais_json_kstr(j, "number", d->number);
	if (d->issuer)
		ais_json_kstr(j, "issuer", d->issuer);
	if (d->date != AIS_DATE_MIN)
		ais_json_kdate(j, "date", d->date);
	if (s->article)
		ais_json_kstr(j, "article", s->article);
	if (s->clause)
		ais_json_kstr(j, "clause", s->clause);
	ais_json_kstr(j, "confidence", s->confidence);
	if (s->published)
		publication(j, s->published, lang);
	if (url)
		ais_json_kstr(j, "url", url);
	if (s->url && s->retrieved != AIS_DATE_MIN)
		ais_json_kdate(j, "retrieved", s->retrieved);
	if (s->note.en)
		ais_json_kstr(j, "note", AIS_L10N(s->note, lang));
	if (d->validity_assumed)
		ais_json_kstr(j, "validity", AIS_L10N(d->validity_note, lang));
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
	if (p->basis == AIS_BASIS_FORMULA || p->basis == AIS_BASIS_FIXED ||
	    p->has_base) {
		ais_json_kfen(j, "cap", p->has_cap, p->cap);
		ais_json_kbool(j, "capped", p->capped);
	}
	if (p->has_ceiling) {
		/* the most it may pay, besides the cap it pays as a rule */
		ais_json_kfen(j, "ceiling", 1, p->ceiling);
		ais_json_kbool(j, "ceiled", p->ceiled);
	}
}

static void
calculation(struct w *w, const struct ais_item *it)
{
	struct ais_json *j = &w->j;
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
			ais_buf_reset(w->text);
			ais_part_label(p, w->lang, w->text);
			ais_json_key(j, "label");
			ais_json_str_n(j, w->text->p, w->text->len);
			ais_json_kstr(j, "basis", ais_basis_names[p->basis]);
			ais_json_kfen(j, "amount", p->has_amount, p->amount);
			ais_json_kfen(j, "up_to", p->has_up_to, p->up_to);
			calc_part(j, p);
			if (p->set_aside) {
				ais_buf_reset(w->text);
				ais_set_aside_narrate(it, p, w->lang, w->text);
				ais_json_key(j, "set_aside");
				ais_json_str_n(j, w->text->p, w->text->len);
				/* the part it gave way to, as data */
				ais_json_key(j, "set_aside_for");
				ais_json_open(j, '{');
				ais_json_kstr(j, "program",
				    p->won_item->program->id);
				ais_buf_reset(w->text);
				ais_part_label(&p->won_item->parts.v[p->won_part],
				    w->lang, w->text);
				ais_json_key(j, "label");
				ais_json_str_n(j, w->text->p, w->text->len);
				ais_json_close(j, '}');
			}
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
	const struct ais_condition *cond, const struct ais_award *award,
	const char *value, const struct ais_version *v, int dated)
{
	struct ais_json *j = &w->j;

	ais_json_open(j, '{');
	ais_json_kstr(j, "term", term);
	if (cond)
		ais_json_kstr(j, "says", AIS_L10N(cond->says, w->lang));
	if (award && pg->nawards > 1)
		ais_json_kstr(j, "award", AIS_L10N(award->label, w->lang));
	if (value)
		ais_json_kstr(j, "value", value);
	if (v->per != AIS_PER_CLAIM)
		ais_json_kstr(j, "per", ais_cap_per_names[v->per]);
	if (dated) {
		ais_json_kdate(j, "from", v->from);
		ais_json_kdate(j, "until", v->until);
	}
	if (v->note.en)
		ais_json_kstr(j, "note", AIS_L10N(v->note, w->lang));
	ais_json_kstr(j, "confidence", v->source->confidence);
	/* a program whose headline source changes with the date names its
	 * terms' sources in full */
	if (v->source == pg->source && !pg->nsources)
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
		term_object(w, it->program, u->term, u->cond, u->award,
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
		if (v->source == pg->source && !pg->nsources)
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

/* Whether award aw of item it applies: a part of it is paid (not set
 * aside). */
static int
award_applies(const struct ais_item *it, const struct ais_award *aw)
{
	size_t i;

	for (i = 0; it && it->eligible && i < it->parts.n; i++)
		if (it->parts.v[i].award == aw && !it->parts.v[i].set_aside)
			return 1;
	return 0;
}

/* Whether some award of pg has manual checks of its own. */
static int
award_checks(const struct ais_program *pg)
{
	size_t i;

	for (i = 0; i < pg->nawards; i++)
		if (pg->awards[i].nmanual)
			return 1;
	return 0;
}

/* The manual checks and notes of item it of pg: the program's checks,
 * then those of each award that applies (none when it is NULL, for the
 * cache of a program whose awards have none); extra, when not NULL, is
 * one more note (the item's own: ais_narrate_provenance). */
static void
item_tail(struct ais_json *j, const struct ais_program *pg,
	enum ais_lang lang, const struct ais_item *it,
	const struct ais_buf *extra)
{
	size_t i, k;

	ais_json_key(j, "manual_checks");
	ais_json_open(j, '[');
	for (i = 0; i < pg->nmanual; i++)
		ais_json_str(j, AIS_L10N(pg->manual_checks[i], lang));
	for (i = 0; i < pg->nawards; i++)
		if (award_applies(it, &pg->awards[i]))
			for (k = 0; k < pg->awards[i].nmanual; k++)
				ais_json_str(j, AIS_L10N(
				    pg->awards[i].manual_checks[k], lang));
	ais_json_close(j, ']');
	ais_json_key(j, "notes");
	ais_json_open(j, '[');
	for (i = 0; i < pg->nnotes; i++)
		ais_json_str(j, AIS_L10N(pg->notes[i], lang));
	if (extra)
		ais_json_str_n(j, extra->p, extra->len);
	ais_json_close(j, ']');
}

/* The "source" of a part of a guide, as a term's is written. */
static void
guide_source(struct w *w, const struct ais_program *pg,
	const struct ais_source *src)
{
	if (src == pg->source && !pg->nsources)
		ais_json_kstr(&w->j, "source", "program");
	else
		cached_source(w, src);
}

/* "guide":{...}: how to apply for pg, each part with its source; nothing
 * when pg has no guide. */
static void
guide(struct w *w, const struct ais_program *pg)
{
	const struct ais_guide *g = &pg->guide;
	struct ais_json *j = &w->j;
	size_t i;

	if (!g->present)
		return;
	ais_json_key(j, "guide");
	ais_json_open(j, '{');
	if (g->agency.text.en) {
		ais_json_key(j, "agency");
		ais_json_open(j, '{');
		ais_json_kstr(j, "text", AIS_L10N(g->agency.text, w->lang));
		guide_source(w, pg, g->agency.source);
		ais_json_close(j, '}');
	}
	if (g->channel.text.en) {
		ais_json_key(j, "channel");
		ais_json_open(j, '{');
		ais_json_kstr(j, "text", AIS_L10N(g->channel.text, w->lang));
		guide_source(w, pg, g->channel.source);
		ais_json_close(j, '}');
	}
	if (g->nwindows) {
		ais_json_key(j, "window");
		ais_json_open(j, '[');
		for (i = 0; i < g->nwindows; i++) {
			const struct ais_guide_window *gw = &g->windows[i];

			ais_json_open(j, '{');
			ais_json_kdate(j, "from", gw->from);
			ais_json_kdate(j, "until", gw->until);
			if (gw->label.en)
				ais_json_kstr(j, "label", AIS_L10N(gw->label,
				    w->lang));
			guide_source(w, pg, gw->source);
			ais_json_close(j, '}');
		}
		ais_json_close(j, ']');
	}
	if (g->nmaterials) {
		ais_json_key(j, "materials");
		ais_json_open(j, '{');
		ais_json_key(j, "text");
		ais_json_open(j, '[');
		for (i = 0; i < g->nmaterials; i++)
			ais_json_str(j, AIS_L10N(g->materials[i], w->lang));
		ais_json_close(j, ']');
		guide_source(w, pg, g->materials_source);
		ais_json_close(j, '}');
	}
	if (g->payout) {
		ais_json_key(j, "payout");
		ais_json_open(j, '{');
		ais_json_kstr(j, "value", g->payout);
		guide_source(w, pg, g->payout_source);
		ais_json_close(j, '}');
	}
	ais_json_close(j, '}');
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
	source(&w->j, src, w->lang);
}

/* A writer for a part kept in cache c (or NULL): the members of an
 * object, or an element of an array, compact, at depth 1. */
static void
part_init(struct w *w, struct ais_buf *b,
	const struct ais_output_cache *c)
{
	ais_json_init_part(&w->j, b, 0, 1);
	w->cache = c;
	w->lang = c ? c->lang : AIS_LANG_ZH;
	w->text = NULL;
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
	source(&w.j, src, c->lang);
}

/* Caches the sources of term t and its versions as the engine reports
 * them used (see use_term in engine.c): the same name, words and award. */
static void
cache_term(struct ais_output_cache *c, const struct ais_program *pg,
	const struct ais_term *t, const char *name,
	const struct ais_condition *cond, const struct ais_award *award)
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
		term_object(&w, pg, name, cond, award,
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
		    &pg->conditions[i], NULL);
	cache_term(c, pg, &pg->cap, "cap", NULL, NULL);
	cache_term(c, pg, &pg->pool.amount, "pool", NULL, NULL);
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		for (k = 0; k < aw->nwhen; k++)
			cache_term(c, pg, &aw->when[k].test, "condition",
			    &aw->when[k], aw);
		cache_term(c, pg, &aw->base, "base", NULL, aw);
		cache_term(c, pg, &aw->rate, "rate", NULL, aw);
		cache_term(c, pg, &aw->cap, "cap", NULL, aw);
		cache_term(c, pg, &aw->amount, "amount", NULL, aw);
		cache_term(c, pg, &aw->ceiling, "ceiling", NULL, aw);
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

/* Frees a cache being built (a clean-up for ais_oom_push). */
static void
cache_cleanup(void *arg)
{
	ais_output_cache_free(arg);
}

/* A JSON string of the text of b. */
static void
json_text(struct ais_buf *out, const struct ais_buf *b)
{
	ais_buf_add_json_str(out, b->p, b->len);
}

/* s[0..n) escaped as in a JSON string, without the quotes. */
static void
json_chars(struct ais_buf *out, const char *s, size_t n)
{
	size_t at = out->len;

	ais_buf_add_json_str(out, s, n);
	memmove(out->p + at, out->p + at + 1, out->len - at - 2);
	out->len -= 2;
	out->p[out->len] = '\0';
}

/* The words of condition cd's reasons for each outcome. */
static void
cache_check_words(struct ais_output_cache *c, const struct ais_program *pg,
	const struct ais_condition *cd, const struct ais_award *aw)
{
	struct ais_buf t = AIS_BUF_INIT;
	struct ais_oom_cleanup tc;
	int o;

	ais_oom_push(&tc, ais_oom_release_buf, &t);
	for (o = 0; o < 3; o++) {
		ais_buf_reset(&t);
		ais_buf_add(&t, "", 0);
		ais_narrate_award_prefix(pg, aw, c->lang, &t);
		ais_narrate_check_words(cd, (enum ais_outcome)o, c->lang, &t);
		json_chars(&c->check_words[3 * cd->index + o], t.p, t.len);
	}
	ais_oom_pop(&tc);
	ais_buf_release(&t);
}

/* The first two checks of every item of pg and their reasons, around
 * the claim date or for each kind of applicant. */
static void
cache_first_checks(struct ais_output_cache *c, const struct ais_program *pg)
{
	const char *const *kinds = pg->kinds;
	struct ais_buf t = AIS_BUF_INIT;
	struct ais_oom_cleanup tc;
	struct w w;
	size_t k;

	ais_oom_push(&tc, ais_oom_release_buf, &t);
	/* the validity reason around the date, on any date: told with a
	 * marker for the date, cut there */
	for (k = 0; k < 3; k++) {
		const char *at;

		ais_buf_reset(&t);
		ais_narrate_validity(pg, "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01",
		    (int)k - 1, c->lang, &t);
		at = strstr(t.p, "\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01");
		json_chars(&c->validity_pre[3 * pg->index + k], t.p,
		    (size_t)(at - t.p));
		json_chars(&c->validity_post[3 * pg->index + k], at + 10,
		    t.len - (size_t)(at - t.p) - 10);
	}
	part_init(&w, &c->validity_tail[pg->index], NULL);
	validity_tail(&w.j, pg);
	for (k = 0; k < c->nslots; k++) {
		struct ais_read kind;
		int e = kinds[k] ? (int)k : -1;
		enum ais_outcome o = e >= 0 && (pg->any_applicant ||
		    (pg->applicants & (1u << e))) ? AIS_MET : AIS_NOT_MET;

		memset(&kind, 0, sizeof kind);
		kind.field = "kind";
		kind.len = 4;
		if (e >= 0) {
			kind.value.t = AIS_V_STR;
			kind.value.u.s.p = kinds[k];
			kind.value.u.s.len = strlen(kinds[k]);
		}
		part_init(&w, &c->applicant_check[pg->index * c->nslots + k],
		    NULL);
		applicant_check(&w.j, pg, &kind, o);
		ais_buf_reset(&t);
		ais_narrate_applicant(pg, e, o, c->lang, &t);
		json_text(&c->applicant_reason[pg->index * c->nslots + k], &t);
	}
	ais_oom_pop(&tc);
	ais_buf_release(&t);
}

/* The slot of kind k (an enum index or -1) in the cache. */
static size_t
kind_slot(const struct ais_output_cache *c, int k)
{
	return k >= 0 ? (size_t)k : c->nslots - 1;
}

/* Writes a cached value as the next value of the array being written. */
static void
cached_value(struct w *w, const struct ais_buf *v)
{
	ais_json_raw_n(&w->j, v->p, v->len);
}

/* ais_output_cache_new within its guard. */
static struct ais_output_cache *
cache_new(const struct ais_rules *r, enum ais_lang lang)
{
	const char *const *kinds = r->schema->fields[AIS_P_KIND].enums;
	struct ais_output_cache *c = ais_xcalloc(1, sizeof *c);
	struct ais_oom_cleanup cc;
	size_t i, k, q, n = r->nprograms, nc = r->nconditions, ns;
	struct w w;

	ais_oom_push(&cc, cache_cleanup, c);
	c->lang = lang;
	for (ns = 1; kinds[ns - 1]; ns++)
		;
	/* the counts once all the arrays are there: a cache freed half
	 * made frees the arrays it has, and no buffer in them */
	c->term = ais_xcalloc(r->nversions + 1, sizeof *c->term);
	c->pool = ais_xcalloc(r->nversions + 1, sizeof *c->pool);
	c->pool_none = ais_xcalloc(n + 1, sizeof *c->pool_none);
	c->head = ais_xcalloc(n + 1, sizeof *c->head);
	c->source = ais_xcalloc(n + 1, sizeof *c->source);
	c->tail = ais_xcalloc(n + 1, sizeof *c->tail);
	c->check_head = ais_xcalloc(nc + 1, sizeof *c->check_head);
	c->applicant_check = ais_xcalloc(n * ns + 1,
	    sizeof *c->applicant_check);
	c->applicant_reason = ais_xcalloc(n * ns + 1,
	    sizeof *c->applicant_reason);
	c->validity_pre = ais_xcalloc(3 * n + 1, sizeof *c->validity_pre);
	c->validity_post = ais_xcalloc(3 * n + 1, sizeof *c->validity_post);
	c->validity_tail = ais_xcalloc(n + 1, sizeof *c->validity_tail);
	c->check_words = ais_xcalloc(3 * nc + 1, sizeof *c->check_words);
	c->nterm = r->nversions;
	c->n = n;
	c->ncond = nc;
	c->nslots = ns;
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++) {
			const struct ais_program *pg = &r->j[i].programs[k];

			part_init(&w, &c->head[pg->index], NULL);
			item_head(&w.j, pg);
			part_init(&w, &c->source[pg->index], NULL);
			source(&w.j, pg->source, lang);
			part_init(&w, &c->tail[pg->index], NULL);
			item_tail(&w.j, pg, lang, NULL, NULL);
			cache_term_sources(c, pg);
			if (pg->pool.present)
				cache_pool(c, pg);
			cache_first_checks(c, pg);
			for (q = 0; q < pg->nconditions; q++) {
				part_init(&w, &c->check_head[
				    pg->conditions[q].index], NULL);
				check_head(&w.j, &pg->conditions[q], NULL, pg,
				    lang);
				cache_check_words(c, pg, &pg->conditions[q], NULL);
			}
			for (q = 0; q < pg->nawards; q++) {
				size_t e;

				for (e = 0; e < pg->awards[q].nwhen; e++) {
					const struct ais_condition *cd =
					    &pg->awards[q].when[e];

					part_init(&w, &c->check_head[cd->index],
					    NULL);
					check_head(&w.j, cd, &pg->awards[q], pg,
					    lang);
					cache_check_words(c, pg, cd,
					    &pg->awards[q]);
				}
			}
		}
	ais_oom_pop(&cc);
	return c;
}

/* NULL also when memory runs out: the writers work without a cache. */
struct ais_output_cache *
ais_output_cache_new(const struct ais_rules *r, enum ais_lang lang)
{
	struct ais_oom_guard g;
	struct ais_output_cache *c;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return NULL;	/* the clean-up freed the cache */
	c = cache_new(r, lang);
	ais_oom_guard_leave(&g);
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
	for (i = 0; i < c->n * c->nslots; i++) {
		ais_buf_release(&c->applicant_check[i]);
		ais_buf_release(&c->applicant_reason[i]);
	}
	for (i = 0; i < c->ncond; i++)
		ais_buf_release(&c->check_head[i]);
	for (i = 0; i < 3 * c->ncond; i++)
		ais_buf_release(&c->check_words[i]);
	for (i = 0; i < 3 * c->n; i++) {
		ais_buf_release(&c->validity_pre[i]);
		ais_buf_release(&c->validity_post[i]);
	}
	for (i = 0; i < c->n; i++)
		ais_buf_release(&c->validity_tail[i]);
	free(c->check_words);
	free(c->validity_pre);
	free(c->validity_post);
	free(c->validity_tail);
	free(c->check_head);
	free(c->applicant_check);
	free(c->applicant_reason);
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

/* A value read from a profile: "value": V, or for a list "entries": N,
 * for an object "given": true. */
static void
read_value(struct ais_json *j, const struct ais_value *v)
{
	char t[48];

	switch (v->t) {
	case AIS_V_NULL:
		ais_json_key(j, "value");
		ais_json_null(j);
		break;
	case AIS_V_BOOL:
		ais_json_kbool(j, "value", v->u.b);
		break;
	case AIS_V_NUM:
		ais_json_key(j, "value");
		ais_json_raw_n(j, t, ais_dec_format(v->u.n, t, sizeof t));
		break;
	case AIS_V_STR:
		ais_json_key(j, "value");
		ais_json_str_n(j, v->u.s.p, v->u.s.len);
		break;
	case AIS_V_DATE:
		ais_json_key(j, "value");
		ais_date_format(v->u.d, t);
		ais_json_name_n(j, t, 10);
		break;
	case AIS_V_LIST:
		ais_json_kuint(j, "entries", v->u.list->n);
		break;
	case AIS_V_OBJ:
		ais_json_kbool(j, "given", 1);
		break;
	}
}

/* "read": [{"field": F, "value": V}, ...] and "missing": [F, ...] for
 * the fields not given. */
static void
reads_json(struct ais_json *j, const struct ais_read *r, size_t n)
{
	size_t i, missing = 0;

	ais_json_key(j, "read");
	ais_json_open(j, '[');
	for (i = 0; i < n; i++) {
		ais_json_open(j, '{');
		ais_json_key(j, "field");
		ais_json_name_n(j, r[i].field, r[i].len);
		read_value(j, &r[i].value);
		ais_json_close(j, '}');
		missing += r[i].value.t == AIS_V_NULL;
	}
	ais_json_close(j, ']');
	if (!missing)
		return;
	ais_json_key(j, "missing");
	ais_json_open(j, '[');
	for (i = 0; i < n; i++)
		if (r[i].value.t == AIS_V_NULL)
			ais_json_name_n(j, r[i].field, r[i].len);
	ais_json_close(j, ']');
}

/* The award ("award": label) and entry ("at": label) a step is about. */
static void
about(struct w *w, const struct ais_item *it, const struct ais_step *s)
{
	struct ais_json *j = &w->j;

	if (s->award && it->program->nawards > 1)
		ais_json_kstr(j, "award", AIS_L10N(s->award->label, w->lang));
	if (s->at) {
		ais_buf_reset(w->text);
		ais_item_label(s->at, w->text);
		ais_json_key(j, "at");
		ais_json_str_n(j, w->text->p, w->text->len);
	}
}

/* One list entry of the record. */
static void
entry_json(struct w *w, const struct ais_item *it, const struct ais_step *s)
{
	struct ais_json *j = &w->j;

	ais_json_open(j, '{');
	ais_json_key(j, "list");
	ais_json_name_n(j, s->list, s->list_len);
	ais_buf_reset(w->text);
	ais_item_label(s->entry, w->text);
	ais_json_key(j, "entry");
	ais_json_str_n(j, w->text->p, w->text->len);
	if (s->check == (size_t)-1) {
		if (s->term) {
			ais_json_key(j, "for");
			ais_json_name_n(j, s->term, strlen(s->term));
		}
		about(w, it, s);
	}
	ais_json_kbool(j, "counted", s->outcome == AIS_MET);
	if (s->has_value) {
		char t[48];

		ais_json_key(j, "value");
		if (s->value.t == AIS_V_NUM)
			ais_json_raw_n(j, t, ais_dec_format(s->value.u.n, t,
			    sizeof t));
		else
			ais_json_null(j);
	}
	if (s->dated) {
		ais_json_kstr(j, "dated", s->dated > 0 ? "after_claim_date" :
		    it->program->entries_from == it->program->valid_from ?
		    "before_validity" : "before_entries_from");
		reads_json(j, s->reads, s->nreads);
	}
	if (s->needs) {
		ais_json_key(j, "needs");
		ais_json_str_n(j, s->needs, s->needs_len);
		reads_json(j, s->reads, s->nreads);
	}
	if (s->missing) {
		ais_json_key(j, "value_missing");
		ais_json_str_n(j, s->missing, s->missing_len);
		if (s->nreads)
			reads_json(j, s->reads, s->nreads);
	}
	if (s->awarded) {
		struct ais_prior_award a;

		ais_prior_award_read(s->awarded, &a);
		ais_json_key(j, "prior_award");
		prior_json(w, s->awarded, a.date <= w->day ? AIS_PRIOR_COUNTED :
		    AIS_PRIOR_AFTER_AS_OF);
	}
	ais_json_close(j, '}');
}

/* The value of one side of a comparison. */
static void
cmp_value(struct ais_json *j, const char *k, const struct ais_value *v)
{
	char t[48];

	ais_json_key(j, k);
	switch (v->t) {
	case AIS_V_BOOL:
		ais_json_bool(j, v->u.b);
		break;
	case AIS_V_NUM:
		ais_json_raw_n(j, t, ais_dec_format(v->u.n, t, sizeof t));
		break;
	case AIS_V_STR:
		ais_json_str_n(j, v->u.s.p, v->u.s.len);
		break;
	case AIS_V_DATE:
		ais_json_date(j, v->u.d);
		break;
	default:
		ais_json_null(j);
		break;
	}
}

/* "outcome": "met" | "not_met" | "unknown". */
static void
outcome(struct ais_json *j, enum ais_outcome o)
{
	ais_json_key(j, "outcome");
	ais_json_name_n(j, ais_outcome_names[o], strlen(ais_outcome_names[o]));
}

/* The members of a condition's check that the rules fix: its id, its
 * words and the award it belongs to. */
static void
check_head(struct ais_json *j, const struct ais_condition *cd,
	const struct ais_award *aw, const struct ais_program *pg,
	enum ais_lang lang)
{
	ais_json_key(j, "check");
	ais_json_name_n(j, cd->id, strlen(cd->id));
	ais_json_kstr(j, "says", AIS_L10N(cd->says, lang));
	if (aw && pg->nawards > 1)
		ais_json_kstr(j, "award", AIS_L10N(aw->label, lang));
}

/* The check "in_force" of pg on the claim date as_of (its text). */
static void
validity_check(struct ais_json *j, const struct ais_program *pg,
	const char *as_of, enum ais_outcome o, const struct ais_buf *tail)
{
	ais_json_open(j, '{');
	ais_json_key(j, "check");
	ais_json_name_n(j, "in_force", 8);
	outcome(j, o);
	ais_json_key(j, "read");
	ais_json_open(j, '[');
	ais_json_open(j, '{');
	ais_json_key(j, "field");
	ais_json_name_n(j, "as_of", 5);
	ais_json_key(j, "value");
	ais_json_name_n(j, as_of, 10);
	ais_json_close(j, '}');
	ais_json_close(j, ']');
	if (tail)	/* the members after what it read, from the cache */
		ais_json_members(j, tail->p, tail->len);
	else
		validity_tail(j, pg);
	ais_json_close(j, '}');
}

/* The members of the check "in_force" after what it read. */
static void
validity_tail(struct ais_json *j, const struct ais_program *pg)
{
	ais_json_key(j, "from");
	if (pg->valid_from == AIS_DATE_MIN)
		ais_json_null(j);
	else
		ais_json_name_n(j, pg->valid_from_text, 10);
	ais_json_key(j, "until");
	if (pg->valid_until == AIS_DATE_MAX)
		ais_json_null(j);
	else
		ais_json_name_n(j, pg->valid_until_text, 10);
	ais_json_kstr(j, "document_id", pg->document->id);
}

/* The check "applicants" of pg, which read the kind (kind[0]). */
static void
applicant_check(struct ais_json *j, const struct ais_program *pg,
	const struct ais_read *kind, enum ais_outcome o)
{
	const char *const *kinds = pg->kinds;
	size_t k;

	ais_json_open(j, '{');
	ais_json_key(j, "check");
	ais_json_name_n(j, "applicants", 10);
	outcome(j, o);
	reads_json(j, kind, 1);
	ais_json_key(j, "may_apply");
	ais_json_open(j, '[');
	for (k = 0; kinds[k]; k++)
		if (pg->applicants & (1u << k))
			ais_json_str(j, kinds[k]);
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

/* The check "applicants" of an award of pg that goes to some kinds only
 * (step s): its award, outcome, the kind read and the kinds it goes to. */
static void
award_applicant_check(struct w *w, const struct ais_program *pg,
	const struct ais_step *s)
{
	struct ais_json *j = &w->j;
	const char *const *kinds = pg->kinds;
	size_t k;

	ais_json_open(j, '{');
	ais_json_key(j, "check");
	ais_json_name_n(j, "applicants", 10);
	ais_json_kstr(j, "award", AIS_L10N(s->award->label, w->lang));
	outcome(j, s->outcome);
	reads_json(j, s->reads, s->nreads);
	ais_json_key(j, "may_apply");
	ais_json_open(j, '[');
	for (k = 0; kinds[k]; k++)
		if (s->award->applicants & (1u << k))
			ais_json_str(j, kinds[k]);
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

/*
 * The record of an item: "checks", each check with what it read and its
 * outcome (and for a failed one the list entries that did not count),
 * and "entries", the entries its amounts and per-entry awards counted
 * or left out.  docs/result.md describes every field.
 */
static void
record(struct w *w, const struct ais_item *it)
{
	const struct ais_program *pg = it->program;
	struct ais_json *j = &w->j;
	size_t i, k;
	int any = 0;

	ais_json_key(j, "checks");
	ais_json_open(j, '[');
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];

		if (s->kind != AIS_STEP_VALIDITY &&
		    s->kind != AIS_STEP_APPLICANT && s->kind != AIS_STEP_CHECK)
			continue;
		if (s->kind == AIS_STEP_VALIDITY) {
			validity_check(j, pg, w->as_of, s->outcome, w->cache ?
			    &w->cache->validity_tail[pg->index] : NULL);
			continue;
		}
		if (s->kind == AIS_STEP_APPLICANT && s->award) {
			award_applicant_check(w, pg, s);
			continue;
		}
		if (s->kind == AIS_STEP_APPLICANT) {
			if (w->cache)
				cached_value(w, &w->cache->applicant_check[
				    pg->index * w->cache->nslots +
				    kind_slot(w->cache, w->kind)]);
			else
				applicant_check(j, pg, s->reads, s->outcome);
			continue;
		}
		ais_json_open(j, '{');
		{
			if (w->cache)
				cached(w, &w->cache->check_head[s->cond->index]);
			else
				check_head(j, s->cond, s->award, pg, w->lang);
			if (s->at) {
				ais_buf_reset(w->text);
				ais_item_label(s->at, w->text);
				ais_json_key(j, "at");
				ais_json_str_n(j, w->text->p, w->text->len);
			}
			outcome(j, s->outcome);
			reads_json(j, s->reads, s->nreads);
			if (s->ncmps) {
				ais_json_key(j, "comparisons");
				ais_json_open(j, '[');
				for (k = 0; k < s->ncmps; k++) {
					const struct ais_cmp *c = &s->cmps[k];

					ais_json_open(j, '{');
					ais_json_key(j, "left");
					ais_json_str_n(j, c->left, c->left_len);
					ais_json_kstr(j, "op", c->op);
					ais_json_key(j, "right");
					ais_json_str_n(j, c->right, c->right_len);
					cmp_value(j, "left_value",
					    &c->left_value);
					if (strcmp(c->op, "in") != 0)
						cmp_value(j, "right_value",
						    &c->right_value);
					ais_json_key(j, "holds");
					if (c->holds < 0)
						ais_json_null(j);
					else
						ais_json_bool(j, c->holds);
					ais_json_close(j, '}');
				}
				ais_json_close(j, ']');
			}
			/* the entries that explain a failed check follow it */
			if (i + 1 < it->steps.n &&
			    it->steps.v[i + 1].kind == AIS_STEP_ENTRY &&
			    it->steps.v[i + 1].check == i) {
				ais_json_key(j, "entries");
				ais_json_open(j, '[');
				for (k = i + 1; k < it->steps.n &&
				    it->steps.v[k].kind == AIS_STEP_ENTRY &&
				    it->steps.v[k].check == i; k++)
					entry_json(w, it, &it->steps.v[k]);
				ais_json_close(j, ']');
			}
		}
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
	for (i = 0; i < it->steps.n && !any; i++)
		any = it->steps.v[i].kind == AIS_STEP_ENTRY &&
		    it->steps.v[i].check == (size_t)-1;
	if (!any)
		return;
	ais_json_key(j, "entries");
	ais_json_open(j, '[');
	for (i = 0; i < it->steps.n; i++)
		if (it->steps.v[i].kind == AIS_STEP_ENTRY &&
		    it->steps.v[i].check == (size_t)-1)
			entry_json(w, it, &it->steps.v[i]);
	ais_json_close(j, ']');
}

/*
 * A prior award as the record shows it: the entry's id (or JSON path),
 * date, amount and contract, and whether it counted ("left_out" says why
 * not).
 */
static void
prior_json(struct w *w, const struct ais_value *entry,
	enum ais_prior_why why)
{
	struct ais_json *j = &w->j;
	struct ais_prior_award a;

	ais_prior_award_read(entry, &a);
	ais_json_open(j, '{');
	ais_buf_reset(w->text);
	ais_item_label(entry, w->text);
	ais_json_key(j, "entry");
	ais_json_str_n(j, w->text->p, w->text->len);
	ais_json_kdate(j, "date", a.date);
	ais_json_kfen(j, "amount", 1, a.amount);
	if (a.contract) {
		ais_json_key(j, "contract");
		ais_json_str_n(j, a.contract, a.contract_len);
	}
	ais_json_kbool(j, "counted", why == AIS_PRIOR_COUNTED);
	if (why != AIS_PRIOR_COUNTED)
		ais_json_kstr(j, "left_out", ais_prior_why_names[why]);
	ais_json_close(j, '}');
}

/* "ledger": each cap of the item that accumulates, with what prior
 * awards used of it and what remained; nothing when there is none. */
static void
ledgers_json(struct w *w, const struct ais_item *it)
{
	struct ais_json *j = &w->j;
	size_t i, k;

	if (!it->ledgers.n)
		return;
	ais_json_key(j, "ledger");
	ais_json_open(j, '[');
	for (i = 0; i < it->ledgers.n; i++) {
		const struct ais_ledger *lg = &it->ledgers.v[i];

		ais_json_open(j, '{');
		ais_json_kstr(j, "of", lg->award ? "award" : "program");
		if (lg->award && it->program->nawards > 1)
			ais_json_kstr(j, "award", AIS_L10N(lg->award->label,
			    w->lang));
		ais_json_kstr(j, "per", ais_cap_per_names[lg->version->per]);
		if (lg->version->per == AIS_PER_YEAR)
			ais_json_kint(j, "year", lg->year);
		ais_json_kfen(j, "cap", 1, lg->cap);
		ais_json_kfen(j, "prior", 1, lg->prior);
		ais_json_kfen(j, "remaining", 1, lg->remaining);
		ais_json_key(j, "prior_awards");
		ais_json_open(j, '[');
		for (k = 0; k < lg->npriors; k++)
			prior_json(w, lg->priors[k].entry, lg->priors[k].why);
		ais_json_close(j, ']');
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
}

/* The ledger of item it that compact output shows: the one that left
 * the least, the first on a tie. */
static const struct ais_ledger *
tightest(const struct ais_item *it)
{
	const struct ais_ledger *best = NULL;
	size_t i;

	for (i = 0; i < it->ledgers.n; i++)
		if (!best || it->ledgers.v[i].remaining < best->remaining)
			best = &it->ledgers.v[i];
	return best;
}

/*
 * Issue 12: "incomplete": true and "missing": [...] for an ineligible
 * item whose outcome turned on fields not given; "due": {...} for an
 * eligible item with a known last day of claims.
 */
static void
due_and_missing(struct ais_json *j, const struct ais_item *it,
	ais_date as_of)
{
	size_t i;

	if (!it->eligible && it->incomplete) {
		ais_json_kbool(j, "incomplete", 1);
		ais_json_key(j, "missing");
		ais_json_open(j, '[');
		for (i = 0; i < it->nmissing; i++)
			ais_json_str_n(j, it->missing[i],
			    strlen(it->missing[i]));
		ais_json_close(j, ']');
	}
	if (it->eligible && it->has_due) {
		char d[11];

		ais_date_format(it->last_day, d);
		ais_json_key(j, "due");
		ais_json_open(j, '{');
		ais_json_kstr(j, "last_day", d);
		ais_json_kint(j, "days_left", (intmax_t)it->last_day -
		    (intmax_t)as_of);
		ais_json_kstr(j, "by", it->due_by == AIS_DUE_WINDOW ?
		    "window" : "validity");
		ais_json_close(j, '}');
	}
}

/* Whether --due-within keeps item it: every item without it; with it,
 * an eligible item whose last day is at most that many days away. */
static int
due_kept(const struct ais_output_opts *o, const struct ais_item *it,
	ais_date as_of)
{
	if (!o->has_due_within)
		return 1;
	return it->eligible && it->has_due &&
	    (intmax_t)it->last_day - (intmax_t)as_of <= (intmax_t)o->due_within;
}

/* ---- What would qualify, what if, near misses (docs/what-if.md) ---- */

/* {"field": PATH, "from": JSON or null, "to": JSON}. */
static void
change_json(struct ais_json *j, const char *path, size_t pn,
	const char *from, size_t fn, const char *to, size_t tn)
{
	ais_json_open(j, '{');
	ais_json_key(j, "field");
	ais_json_str_n(j, path, pn);
	ais_json_key(j, "from");
	if (from && fn)
		ais_json_raw_n(j, from, fn);
	else
		ais_json_null(j);
	ais_json_key(j, "to");
	ais_json_raw_n(j, to, tn);
	ais_json_close(j, '}');
}

/* "change": [...] of answer x. */
static void
changes_json(struct ais_json *j, const struct ais_qualify *x)
{
	size_t k;

	ais_json_key(j, "change");
	ais_json_open(j, '[');
	for (k = 0; k < x->nchanges; k++) {
		const struct ais_change *c = &x->changes[k];

		change_json(j, c->path, strlen(c->path), c->from,
		    c->from ? strlen(c->from) : 0, c->to, strlen(c->to));
	}
	ais_json_close(j, ']');
}

/* "to_qualify": [...] of an item that has answers.  Kept out of line:
 * the batch path, which has none, keeps its code as it was. */
static void __attribute__((noinline))
to_qualify(struct w *w, const struct ais_item *it)
{
	struct ais_json *j = &w->j;
	size_t i, n;

	if (!it->nqualify)
		return;
	ais_json_key(j, "to_qualify");
	ais_json_open(j, '[');
	for (i = 0; i < it->nqualify; i++) {
		const struct ais_qualify *x = &it->qualify[i];

		ais_json_open(j, '{');
		if (x->kind == AIS_Q_CHANGE) {
			changes_json(j, x);
			ais_json_kbool(j, "eligible", x->eligible);
			ais_json_kfen(j, "amount", x->has_amount, x->amount);
			ais_json_kfen(j, "up_to", x->has_up_to, x->up_to);
		} else {
			const char *words = ais_qualify_words(x, &n);

			ais_json_key(j, "uncheckable");
			ais_json_str_n(j, words, n);
		}
		ais_json_kstr(j, "says", x->says);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
}

/* An item's figure as the JSON of items writes it: null only for an
 * eligible item with no such figure. */
static void
figure(struct ais_json *j, const struct ais_item *it, int up_to)
{
	if (!it) {
		ais_json_fen(j, 0);
		return;
	}
	if (up_to)
		ais_json_fen_or_null(j, it->has_up_to || !it->eligible,
		    it->up_to);
	else
		ais_json_fen_or_null(j, it->has_amount || !it->eligible,
		    it->amount);
}

static int
same_figure(const struct ais_item *a, const struct ais_item *b, int up_to)
{
	int ha, hb;
	int64_t x, y;

	if (!a || !b) {
		const struct ais_item *t = a ? a : b;

		/* an item on one side only: against an ineligible 0 */
		return !t->eligible && (up_to ? t->up_to : t->amount) == 0;
	}
	ha = up_to ? a->has_up_to || !a->eligible : a->has_amount ||
	    !a->eligible;
	hb = up_to ? b->has_up_to || !b->eligible : b->has_amount ||
	    !b->eligible;
	x = up_to ? a->up_to : a->amount;
	y = up_to ? b->up_to : b->amount;
	return ha == hb && (!ha || x == y);
}

/* One program of "changes": before b, after a (either may be NULL). */
static void
what_if_change(struct ais_json *j, const struct ais_item *b,
	const struct ais_item *a)
{
	int k;

	if ((b ? b->eligible : 0) == (a ? a->eligible : 0) &&
	    same_figure(b, a, 0) && same_figure(b, a, 1))
		return;
	ais_json_open(j, '{');
	ais_json_kstr(j, "program", (a ? a : b)->program->id);
	ais_json_key(j, "eligible");
	ais_json_open_flat(j, '[');
	ais_json_bool(j, b ? b->eligible : 0);
	ais_json_bool(j, a ? a->eligible : 0);
	ais_json_close(j, ']');
	for (k = 0; k < 2; k++) {
		ais_json_key(j, k ? "up_to" : "amount");
		ais_json_open_flat(j, '[');
		figure(j, b, k);
		figure(j, a, k);
		ais_json_close(j, ']');
	}
	ais_json_close(j, '}');
}

/* "what_if": the sets, the totals and the programs that changed. */
static void
what_if(struct ais_json *j, const struct ais_result *res,
	const struct ais_whatif *wi)
{
	const struct ais_result *b;
	size_t i;

	if (!wi || !wi->has_before)
		return;
	b = &wi->before;
	ais_json_key(j, "what_if");
	ais_json_open(j, '{');
	ais_json_key(j, "set");
	ais_json_open(j, '[');
	for (i = 0; i < wi->nsets; i++)
		change_json(j, wi->sets[i].path, wi->sets[i].path_len,
		    wi->from.p + wi->from_off[i], wi->from_len[i],
		    wi->sets[i].value, wi->sets[i].value_len);
	ais_json_close(j, ']');
	ais_json_key(j, "total");
	ais_json_open(j, '{');
	ais_json_key(j, "amount");
	ais_json_open_flat(j, '[');
	ais_json_fen(j, b->total_amount);
	ais_json_fen(j, res->total_amount);
	ais_json_close(j, ']');
	ais_json_key(j, "up_to");
	ais_json_open_flat(j, '[');
	ais_json_fen(j, b->total_up_to);
	ais_json_fen(j, res->total_up_to);
	ais_json_close(j, ']');
	ais_json_close(j, '}');
	ais_json_key(j, "changes");
	ais_json_open(j, '[');
	for (i = 0; i < res->items.n; i++)
		what_if_change(j, ais_result_find_item(b, res->items.v[i].program),
		    &res->items.v[i]);
	for (i = 0; i < b->items.n; i++)
		if (!ais_result_find_item(res, b->items.v[i].program))
			what_if_change(j, &b->items.v[i], NULL);
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

/* "near_miss": each ineligible program one verified change away. */
static void
near_miss(struct ais_json *j, const struct ais_result *res)
{
	size_t i;

	ais_json_key(j, "near_miss");
	ais_json_open(j, '{');
	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		const struct ais_qualify *x = it->nqualify ? &it->qualify[0] :
		    NULL;

		if (it->eligible || !x || x->kind != AIS_Q_CHANGE ||
		    x->nchanges != 1)
			continue;
		ais_json_key_n(j, it->program->id, strlen(it->program->id));
		ais_json_open(j, '{');
		changes_json(j, x);
		ais_json_kfen(j, "amount", x->has_amount, x->amount);
		ais_json_kfen(j, "up_to", x->has_up_to, x->up_to);
		ais_json_close(j, '}');
	}
	ais_json_close(j, '}');
}

/* The members of what would qualify and what if that close a result,
 * full or compact. */
static void __attribute__((noinline))
qualify_tail(struct ais_json *j, const struct ais_result *res,
	const struct ais_output_opts *o)
{
	what_if(j, res, o->what_if);
	if (o->near_miss)
		near_miss(j, res);
}

static void
item_full(struct w *w, const struct ais_result *res,
	const struct ais_item *it, ais_date as_of)
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
	calculation(w, it);
	ais_json_key(j, "reasons");
	ais_json_open(j, '[');
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];

		if (cache && s->kind == AIS_STEP_VALIDITY) {
			const struct ais_buf *pre = &cache->validity_pre[
			    3 * pg->index + (size_t)(s->side + 1)];
			const struct ais_buf *post = &cache->validity_post[
			    3 * pg->index + (size_t)(s->side + 1)];

			ais_json_raw_n(j, "\"", 1);
			ais_buf_add(j->b, pre->p, pre->len);
			ais_buf_add(j->b, w->as_of, 10);
			ais_buf_add(j->b, post->p, post->len);
			ais_buf_addc(j->b, '"');
			continue;
		}
		if (cache && s->kind == AIS_STEP_CHECK && !s->at) {
			const struct ais_buf *cw = &cache->check_words[
			    3 * s->cond->index + s->outcome];

			ais_json_raw_n(j, "\"", 1);
			ais_buf_add(j->b, cw->p, cw->len);
			ais_buf_reset(w->text);
			ais_reads_paren(s->reads, s->nreads, w->lang, w->text);
			json_chars(j->b, w->text->p, w->text->len);
			ais_buf_addc(j->b, '"');
			continue;
		}
		if (cache && s->kind == AIS_STEP_APPLICANT && !s->award) {
			cached_value(w, &cache->applicant_reason[pg->index *
			    cache->nslots + kind_slot(cache, w->kind)]);
			continue;
		}
		ais_buf_reset(w->text);
		ais_step_narrate(res, it, s, w->lang, w->text);
		ais_json_str_n(j, w->text->p, w->text->len);
	}
	ais_json_close(j, ']');
	record(w, it);
	ledgers_json(w, it);
	/* the headline source: the one in force on the claim date */
	if (cache && !pg->nsources)
		cached(w, &cache->source[pg->index]);
	else
		cached_source(w, ais_program_source_at(pg, as_of));
	terms(w, it);
	/* the note on a grade below "quoted", the item's own, follows the
	 * program's notes */
	ais_buf_reset(w->text);
	if (ais_narrate_provenance(it, w->lang, w->text))
		item_tail(j, pg, w->lang, it, w->text);
	else if (cache && !award_checks(pg))
		cached(w, &cache->tail[pg->index]);
	else
		item_tail(j, pg, w->lang, it, NULL);
	pool(w, pg, as_of);
	if (it->eligible)
		guide(w, pg);
	due_and_missing(j, it, as_of);
	if (it->nqualify)
		to_qualify(w, it);
	ais_json_close(j, '}');
}

/*
 * Compact output's "ledger": for each eligible item held to a cap that
 * accumulates, program id to {per, cap, prior, remaining} of the cap
 * that left the least; nothing when no item has one, so that results
 * without prior awards or such caps keep their bytes.
 */
static int due_kept(const struct ais_output_opts *o,
	const struct ais_item *it, ais_date as_of);

static void
compact_ledgers(struct ais_json *j, const struct ais_result *res,
	const struct ais_output_opts *o)
{
	size_t i;
	int any = 0;

	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		const struct ais_ledger *lg = it->eligible &&
		    due_kept(o, it, res->as_of) ? tightest(it) : NULL;

		if (!lg)
			continue;
		if (!any) {
			ais_json_key(j, "ledger");
			ais_json_open(j, '{');
			any = 1;
		}
		ais_json_key_n(j, it->program->id, strlen(it->program->id));
		ais_json_open(j, '{');
		ais_json_kstr(j, "per", ais_cap_per_names[lg->version->per]);
		ais_json_kfen(j, "cap", 1, lg->cap);
		ais_json_kfen(j, "prior", 1, lg->prior);
		ais_json_kfen(j, "remaining", 1, lg->remaining);
		ais_json_close(j, '}');
	}
	if (any)
		ais_json_close(j, '}');
}

/* ais_result_write within its guard; text is the reason being told. */
static void
result_write(const struct ais_result *res, const struct ais_output_opts *o,
	struct ais_buf *b, struct ais_buf *text)
{
	struct w w;
	struct ais_json *j = &w.j;
	const struct ais_profile *p = res->profile;
	char d[11];
	size_t i;

	ais_json_init(j, b, o->pretty);
	w.cache = o->pretty || !o->cache || o->cache->lang != o->lang ? NULL :
	    o->cache;
	w.lang = o->lang;
	w.text = text;
	ais_date_format(res->as_of, w.as_of);
	w.day = res->as_of;
	w.kind = res->kind;
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

			if (!it->eligible || !due_kept(o, it, res->as_of))
				continue;
			ais_json_key_n(j, it->program->id,
			    strlen(it->program->id));
			ais_json_fen_or_null(j, it->has_amount, it->amount);
		}
		ais_json_close(j, '}');
		compact_ledgers(j, res, o);
		ais_json_kstrings(j, "warnings", res->warnings.v,
		    res->warnings.n);
		if (o->what_if || o->near_miss)
			qualify_tail(j, res, o);
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
		if (!due_kept(o, &res->items.v[i], res->as_of))
			continue;
		item_full(&w, res, &res->items.v[i], res->as_of);
	}
	ais_json_close(j, ']');
	ais_json_key(j, "total");
	ais_json_open(j, '{');
	ais_json_kfen(j, "amount", 1, res->total_amount);
	ais_json_kfen(j, "up_to", 1, res->total_up_to);
	ais_json_kuint(j, "unquantified", res->total_unquantified);
	ais_json_close(j, '}');
	ais_json_kstrings(j, "warnings", res->warnings.v, res->warnings.n);
	if (o->what_if || o->near_miss)
		qualify_tail(j, res, o);
	ais_json_key(j, "receipt");
	ais_json_open(j, '{');
	ais_json_kstr(j, "tool", "aisubsidy " AIS_VERSION);
	ais_json_kstr(j, "as_of", d);
	ais_json_kstr(j, "rules", res->digest);
	if (res->reform_id) {
		/* issue 13: the reform the terms were changed by */
		ais_json_key(j, "reform");
		ais_json_open(j, '{');
		ais_json_kstr(j, "id", res->reform_id);
		ais_json_kstr(j, "digest", res->reform_digest);
		ais_json_close(j, '}');
	}
	ais_json_close(j, '}');
	ais_json_close(j, '}');
	ais_buf_addc(b, '\n');
}

int
ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b,
	struct ais_error *err)
{
	/* the reasons are told in the result's own scratch text, kept
	 * from one profile to the next (a result belongs to one thread):
	 * a batch writes with no malloc per line */
	struct ais_buf *text = (struct ais_buf *)&res->scratch[1];
	struct ais_oom_guard g;
	size_t len = b->len;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_cut(b, len);
		ais_oom_error(err);
		return -1;
	}
	result_write(res, o, b, text);
	ais_oom_guard_leave(&g);
	return 0;
}

/* ais_error_record_write within its guard. */
static void
error_record_write(long line, const char *id, const struct ais_error *e,
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

int
ais_error_record_write(long line, const char *id, const struct ais_error *e,
	struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, error_record_write(line, id, e, b));
}
