/*
 * record.c: the public accessors of include/aisubsidy.h over the loaded
 * rules, the profile and the decision record, so that a program embeds
 * the library through that header alone.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "narrate.h"
#include "profile.h"
#include "rules.h"

struct ais_rules *
ais_rules_load_buffer(const char *name, const char *yaml, size_t len,
	struct ais_error *err)
{
	struct ais_rule_file f;

	f.name = name ? name : "<buffer>";
	f.data = yaml ? yaml : "";
	f.len = yaml ? len : 0;
	f.layer = 0;
	return ais_rules_load(&f, 1, err);
}

const char *
ais_rules_digest(const struct ais_rules *r)
{
	return r->digest;
}

struct ais_profile *
ais_profile_new(void)
{
	struct ais_profile *p = malloc(sizeof *p);

	if (p)
		ais_profile_init(p);
	return p;
}

const char *
ais_profile_id(const struct ais_profile *p)
{
	return p->id;
}

void
ais_profile_free(struct ais_profile *p)
{
	if (!p)
		return;
	ais_profile_release(p);
	free(p);
}

struct ais_result *
ais_result_new(void)
{
	struct ais_result *res = malloc(sizeof *res);

	if (res)
		ais_result_init(res);
	return res;
}

void
ais_result_free(struct ais_result *res)
{
	if (!res)
		return;
	ais_result_release(res);
	free(res);
}

ais_date
ais_result_as_of(const struct ais_result *res)
{
	return res->as_of;
}

void
ais_result_totals(const struct ais_result *res, int64_t *amount,
	int64_t *up_to, size_t *unquantified)
{
	if (amount)
		*amount = res->total_amount;
	if (up_to)
		*up_to = res->total_up_to;
	if (unquantified)
		*unquantified = res->total_unquantified;
}

size_t
ais_result_nitems(const struct ais_result *res)
{
	return res->items.n;
}

const struct ais_item *
ais_result_item(const struct ais_result *res, size_t i)
{
	return i < res->items.n ? &res->items.v[i] : NULL;
}

const char *
ais_item_program(const struct ais_item *it)
{
	return it->program->id;
}

const char *
ais_item_title(const struct ais_item *it, enum ais_lang lang)
{
	return lang == AIS_LANG_EN ? it->program->title_en :
	    it->program->title_zh;
}

int
ais_item_eligible(const struct ais_item *it)
{
	return it->eligible;
}

int
ais_item_amount(const struct ais_item *it, int64_t *fen)
{
	if (!(it->has_amount || !it->eligible))
		return 0;
	*fen = it->amount;
	return 1;
}

int
ais_item_up_to(const struct ais_item *it, int64_t *fen)
{
	if (!(it->has_up_to || !it->eligible))
		return 0;
	*fen = it->up_to;
	return 1;
}

size_t
ais_item_nsteps(const struct ais_item *it)
{
	return it->steps.n;
}

const struct ais_step *
ais_item_step(const struct ais_item *it, size_t i)
{
	return i < it->steps.n ? &it->steps.v[i] : NULL;
}

enum ais_step_kind
ais_step_kind(const struct ais_step *s)
{
	return s->kind;
}

enum ais_outcome
ais_step_outcome(const struct ais_step *s)
{
	return s->outcome;
}

const char *
ais_step_check(const struct ais_step *s)
{
	switch (s->kind) {
	case AIS_STEP_VALIDITY:
		return "in_force";
	case AIS_STEP_APPLICANT:
		return "applicants";
	case AIS_STEP_CHECK:
		return s->cond->id;
	default:
		return NULL;
	}
}

const char *
ais_step_says(const struct ais_step *s, enum ais_lang lang)
{
	return s->kind == AIS_STEP_CHECK ? AIS_L10N(s->cond->says, lang) : NULL;
}

size_t
ais_step_nreads(const struct ais_step *s)
{
	return s->nreads;
}

const char *
ais_step_read_field(const struct ais_step *s, size_t i, size_t *len)
{
	if (i >= s->nreads)
		return NULL;
	if (len)
		*len = s->reads[i].len;
	return s->reads[i].field;
}

int
ais_step_read_given(const struct ais_step *s, size_t i)
{
	return i < s->nreads && s->reads[i].value.t != AIS_V_NULL;
}

int
ais_step_read_value(const struct ais_step *s, size_t i, enum ais_lang lang,
	struct ais_buf *b)
{
	if (i >= s->nreads)
		return 0;
	AIS_OOM_BUF_BODY(b, ais_reads_narrate_value(&s->reads[i], lang, b));
}

int
ais_step_reason(const struct ais_result *res, const struct ais_item *it,
	const struct ais_step *s, enum ais_lang lang, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, ais_step_narrate(res, it, s, lang, b));
}
