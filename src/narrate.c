/*
 * narrate.c: reasons from the decision record.
 *
 * English reasons are the ones this tool has always given, word for word.
 * Chinese reasons are written as a finance officer would write them:
 * amounts in 元, in 万元 or 亿元 where the figure is round, full-width
 * punctuation, the policy's own words from the rule files.
 */
#include <string.h>

#include "narrate.h"
#include "schema.h"

#define EN(lang) ((lang) == AIS_LANG_EN)

/* Appends s and its length known when compiled. */
#define ADD(b, s) ais_buf_add((b), "" s, sizeof s - 1)

static void
date_add(struct ais_buf *b, ais_date d)
{
	char t[11];

	ais_date_format(d, t);
	ais_buf_add(b, t, 10);
}

/* Appends the amount m.ff (in units of unit fen) with no trailing zeros
 * of its fraction: 240, 1.5, 0.25. */
static void
units_add(struct ais_buf *b, int64_t fen, int64_t unit)
{
	char t[32];
	int64_t whole = fen / unit, frac = (fen % unit) * 100 / unit;
	size_t n = ais_fen_format(whole * 100 + frac, t, sizeof t);

	ais_buf_add(b, t, n);
}

void
ais_fen_narrate(int64_t fen, enum ais_lang lang, struct ais_buf *b)
{
	char t[32];
	int64_t a = fen < 0 ? -fen : fen;

	if (EN(lang)) {
		ais_buf_add(b, t, ais_fen_format(fen, t, sizeof t));
		return;
	}
	/* 亿 and 万 when the figure is round to two places of them */
	if (a >= 10000000000LL && a % 100000000 == 0) {
		units_add(b, fen, 10000000000LL);
		ADD(b, "亿元");
	} else if (a >= 1000000 && a % 10000 == 0) {
		units_add(b, fen, 1000000);
		ADD(b, "万元");
	} else {
		ais_buf_add(b, t, ais_fen_format(fen, t, sizeof t));
		ADD(b, "元");
	}
}

/* A decimal amount in yuan: through fen when it has at most two places. */
static void
yuan_narrate(struct ais_dec d, enum ais_lang lang, struct ais_buf *b)
{
	char t[48];
	int64_t fen;

	if (!EN(lang) && ais_dec_places(d) <= 2 &&
	    ais_dec_round_fen(d, &fen) == 0) {
		ais_fen_narrate(fen, lang, b);
		return;
	}
	ais_buf_add(b, t, ais_dec_format(d, t, sizeof t));
	if (!EN(lang))
		ADD(b, "元");
}

void
ais_value_narrate(const struct ais_value *v, enum ais_lang lang,
	struct ais_buf *b)
{
	char t[24];
	size_t k;

	if (EN(lang)) {
		ais_value_format(v, b);
		return;
	}
	switch (v->t) {
	case AIS_V_NULL:
		ADD(b, "未提供");
		break;
	case AIS_V_BOOL:
		if (v->u.b)
			ADD(b, "是");
		else
			ADD(b, "否");
		break;
	case AIS_V_LIST:
		k = v->u.list->n;
		if (k == 0) {
			ADD(b, "无");
			break;
		}
		{
			/* without printf: every list a condition reads */
			size_t e = sizeof t;

			do {
				t[--e] = (char)('0' + k % 10);
				k /= 10;
			} while (k != 0);
			ais_buf_add(b, t + e, sizeof t - e);
		}
		ADD(b, "项");
		break;
	case AIS_V_OBJ:
		ADD(b, "已提供");
		break;
	default:
		ais_value_format(v, b);
		break;
	}
}

void
ais_reads_narrate_value(const struct ais_read *r, enum ais_lang lang,
	struct ais_buf *b)
{
	if (r->amount && r->value.t == AIS_V_NUM && !EN(lang))
		yuan_narrate(r->value.u.n, lang, b);
	else
		ais_value_narrate(&r->value, lang, b);
}

void
ais_reads_narrate(const struct ais_read *r, size_t n, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t i;

	if (EN(lang)) {
		ais_reads_format(r, n, b);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i > 0)
			ADD(b, "，");
		ais_buf_add(b, r[i].field, r[i].len);
		if (r[i].value.t == AIS_V_NULL)
			ADD(b, "：");
		else
			ADD(b, " = ");
		ais_reads_narrate_value(&r[i], lang, b);
	}
}

/* " (reads)" or "（reads）", nothing when there are none. */
void
ais_reads_paren(const struct ais_read *r, size_t n, enum ais_lang lang,
	struct ais_buf *b)
{
	if (n == 0)
		return;
	if (EN(lang))
		ADD(b, " (");
	else
		ADD(b, "（");
	ais_reads_narrate(r, n, lang, b);
	if (EN(lang))
		ais_buf_addc(b, ')');
	else
		ADD(b, "）");
}

void
ais_part_label(const struct ais_part *p, enum ais_lang lang,
	struct ais_buf *b)
{
	ais_buf_adds(b, AIS_L10N(p->award->label, lang));
	if (p->entry) {
		if (EN(lang))
			ADD(b, ": ");
		else
			ADD(b, "：");
		ais_item_label(p->entry, b);
	}
}

/* The weight a same-project comparison went by. */
static int64_t
weight(const struct ais_part *p)
{
	return p->has_amount ? p->amount : p->has_up_to ? p->up_to : 0;
}

void
ais_set_aside_narrate(const struct ais_item *it, const struct ais_part *p,
	enum ais_lang lang, struct ais_buf *b)
{
	const struct ais_item *wi = p->won_item;
	const struct ais_part *w = &wi->parts.v[p->won_part];

	if (EN(lang)) {
		ADD(b, "set aside: ");
		ais_part_label(p, lang, b);
		ADD(b, " (");
		ais_fen_narrate(weight(p), lang, b);
		ADD(b, ") and ");
		if (wi != it) {
			ais_buf_adds(b, wi->program->id);
			ais_buf_addc(b, ' ');
		}
		ais_part_label(w, lang, b);
		ADD(b, " (");
		ais_fen_narrate(weight(w), lang, b);
		ADD(b, ") fall on the same project; only the larger is paid (");
		ais_buf_adds(b, it->program->same_project);
		ais_buf_addc(b, ')');
		return;
	}
	ADD(b, "不重复支持：");
	ais_part_label(p, lang, b);
	ADD(b, "（");
	ais_fen_narrate(weight(p), lang, b);
	ADD(b, "）与");
	if (wi != it) {
		ais_buf_adds(b, wi->program->title_zh);
		ADD(b, "的");
	}
	ais_part_label(w, lang, b);
	ADD(b, "（");
	ais_fen_narrate(weight(w), lang, b);
	ADD(b, "）属同一项目，按就高原则只支持较高者（");
	ais_buf_adds(b, it->program->same_project);
	ADD(b, "）");
}

/* The words of a term's name. */
static const char *
term_zh(const char *name)
{
	static const char *const names[][2] = {
		{"condition", "条件"}, {"base", "计算基数"}, {"rate", "支持比例"},
		{"cap", "上限"}, {"amount", "金额"}, {"ceiling", "最高额"},
		{"pool", "资金池"}
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(names[i][0], name) == 0)
			return names[i][1];
	return name;
}

void
ais_narrate_award_prefix(const struct ais_program *pg,
	const struct ais_award *aw, enum ais_lang lang, struct ais_buf *b)
{
	if (aw && pg->nawards > 1) {
		ais_buf_adds(b, AIS_L10N(aw->label, lang));
		if (EN(lang))
			ADD(b, ": ");
		else
			ADD(b, "：");
	}
}

/* The award and entry a step is about, before its words. */
static void
prefix(const struct ais_item *it, const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	ais_narrate_award_prefix(it->program, s->award, lang, b);
	if (s->at) {
		ais_item_label(s->at, b);
		if (EN(lang))
			ADD(b, ": ");
		else
			ADD(b, "：");
	}
}

void
ais_narrate_validity(const struct ais_program *pg, const char *as_of, int side,
	enum ais_lang lang, struct ais_buf *b)
{
	if (EN(lang)) {
		if (side != 0) {
			ADD(b, "not in force: the claim date ");
			ais_buf_add(b, as_of, 10);
			if (side < 0) {
				ADD(b, " is before ");
				ais_buf_add(b, pg->valid_from_text, 10);
			} else {
				ADD(b, " is after ");
				ais_buf_add(b, pg->valid_until_text, 10);
			}
			ADD(b, ", when ");
			ais_buf_adds(b, pg->document->id);
			if (side < 0)
				ADD(b, " took effect");
			else
				ADD(b, " expired");
			return;
		}
		ADD(b, "in force: the claim date ");
		ais_buf_add(b, as_of, 10);
		if (pg->valid_until == AIS_DATE_MAX) {
			ADD(b, " is on or after ");
			if (pg->valid_from == AIS_DATE_MIN)
				ADD(b, "its start");
			else
				ais_buf_add(b, pg->valid_from_text, 10);
		} else {
			ADD(b, " is within ");
			ais_buf_add(b, pg->valid_from_text, 10);
			ADD(b, " to ");
			ais_buf_add(b, pg->valid_until_text, 10);
		}
		return;
	}
	if (side != 0) {
		ADD(b, "不在有效期内：申报日");
		ais_buf_add(b, as_of, 10);
		if (side < 0) {
			ADD(b, "早于《");
			ais_buf_adds(b, pg->document->title);
			ADD(b, "》施行之日");
			ais_buf_add(b, pg->valid_from_text, 10);
		} else {
			ADD(b, "晚于《");
			ais_buf_adds(b, pg->document->title);
			ADD(b, "》有效期截止日");
			ais_buf_add(b, pg->valid_until_text, 10);
		}
		return;
	}
	ADD(b, "在有效期内：申报日");
	ais_buf_add(b, as_of, 10);
	if (pg->valid_until == AIS_DATE_MAX) {
		if (pg->valid_from == AIS_DATE_MIN) {
			ADD(b, "在政策施行之后");
		} else {
			ADD(b, "在");
			ais_buf_add(b, pg->valid_from_text, 10);
			ADD(b, "（含）之后");
		}
	} else {
		ADD(b, "在");
		ais_buf_add(b, pg->valid_from_text, 10);
		ADD(b, "至");
		ais_buf_add(b, pg->valid_until_text, 10);
		ADD(b, "之间");
	}
}

/* The reason about kind k (or -1) and the kinds of mask (names kinds,
 * text as the rules joined them); of an award when award. */
static void
applicant_narrate(const char *const *kinds, unsigned mask, const char *text,
	int award, int k, enum ais_outcome outcome, enum ais_lang lang,
	struct ais_buf *b)
{
	const char *kind = k >= 0 ? kinds[k] : "";
	size_t klen = strlen(kind);
	if (EN(lang)) {
		if (outcome == AIS_MET)
			ADD(b, "met");
		else
			ADD(b, "not met");
		ADD(b, ": kind = \"");
		ais_buf_add(b, kind, klen);
		if (award)
			ADD(b, "\" (this award goes to: ");
		else
			ADD(b, "\" (may apply: ");
		ais_buf_adds(b, text);
		ais_buf_addc(b, ')');
		return;
	}
	if (outcome == AIS_MET)
		ADD(b, "符合：申请主体类型");
	else
		ADD(b, "不符合：申请主体类型");
	ADD(b, " kind = \"");
	ais_buf_add(b, kind, klen);
	if (award)
		ADD(b, "\"（本项支持仅限：");
	else
		ADD(b, "\"（可申报主体：");
	{
		size_t i;
		int first = 1;

		for (i = 0; kinds[i]; i++)
			if (mask & (1u << i)) {
				if (!first)
					ADD(b, "、");
				first = 0;
				ais_buf_adds(b, kinds[i]);
			}
	}
	ADD(b, "）");
}

void
ais_narrate_applicant(const struct ais_program *pg, int k,
	enum ais_outcome outcome, enum ais_lang lang, struct ais_buf *b)
{
	applicant_narrate(pg->kinds, pg->applicants, pg->applicants_text, 0,
	    k, outcome, lang, b);
}

void
ais_narrate_award_applicant(const struct ais_program *pg,
	const struct ais_award *aw, int k, enum ais_outcome outcome,
	enum ais_lang lang, struct ais_buf *b)
{
	applicant_narrate(pg->kinds, aw->applicants, aw->applicants_text, 1,
	    k, outcome, lang, b);
}

void
ais_narrate_check_words(const struct ais_condition *cd, enum ais_outcome o,
	enum ais_lang lang, struct ais_buf *b)
{
	static const char *const en[] = { "not met: ", "met: ", "unknown: " };
	static const char *const zh[] = { "不符合：", "符合：", "无法判断：" };

	ais_buf_adds(b, EN(lang) ? en[o] : zh[o]);
	ais_buf_adds(b, AIS_L10N(cd->says, lang));
}

static void
check(const struct ais_step *s, enum ais_lang lang, struct ais_buf *b)
{
	ais_narrate_check_words(s->cond, s->outcome, lang, b);
	ais_reads_paren(s->reads, s->nreads, lang, b);
}

static void
term_off(const struct ais_result *res, const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	if (EN(lang)) {
		ais_buf_adds(b, s->term);
		if (s->version) {
			ADD(b, " ended on ");
			date_add(b, s->version->from);
			ADD(b, ", before the claim date ");
		} else {
			ADD(b, " is not in force on ");
		}
		ais_buf_add(b, res->as_of_text, 10);
		return;
	}
	ais_buf_adds(b, term_zh(s->term));
	if (s->version) {
		ADD(b, "已于");
		date_add(b, s->version->from);
		ADD(b, "终止，早于申报日");
		ais_buf_add(b, res->as_of_text, 10);
	} else {
		ADD(b, "在申报日");
		ais_buf_add(b, res->as_of_text, 10);
		ADD(b, "未生效");
	}
}

/* Why entry step s was not counted by its date, and the date, after
 * "not counted: LABEL": " (dated after the claim date; signed_on =
 * 2025-07-01)". */
static void
entry_dated(const struct ais_item *it, const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	const struct ais_program *pg = it->program;

	if (EN(lang)) {
		if (s->dated > 0) {
			ADD(b, " (dated after the claim date; ");
		} else if (pg->entries_from == pg->valid_from) {
			ADD(b, " (dated before the program's validity, from ");
			ais_buf_add(b, pg->valid_from_text, 10);
			ADD(b, "; ");
		} else {
			ADD(b, " (dated before ");
			ais_buf_add(b, pg->entries_from_text, 10);
			ADD(b, ", the earliest date the program counts "
			    "entries from; ");
		}
		ais_reads_narrate(s->reads, s->nreads, lang, b);
		ais_buf_addc(b, ')');
		return;
	}
	if (s->dated > 0) {
		ADD(b, "（日期晚于申报日；");
	} else if (pg->entries_from == pg->valid_from) {
		ADD(b, "（日期早于政策有效期起始日");
		ais_buf_add(b, pg->valid_from_text, 10);
		ADD(b, "；");
	} else {
		ADD(b, "（日期早于本项目计入条目的最早日期");
		ais_buf_add(b, pg->entries_from_text, 10);
		ADD(b, "；");
	}
	ais_reads_narrate(s->reads, s->nreads, lang, b);
	ADD(b, "）");
}

/*
 * What the prior award that awarded() found for a list entry's contract
 * did: "; contract "C-1" already paid by pa-2 (2025-03-01)" when it
 * counted, "; left out: pa-3 names its contract but is dated 2026-01-10,
 * after the claim date" when it did not.
 */
static void
awarded_narrate(const struct ais_result *res, const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	struct ais_prior_award a;
	int en = EN(lang);

	if (ais_prior_award_read(s->awarded, &a) < 0)
		return;
	if (a.date <= res->as_of) {
		if (en) {
			ADD(b, "; contract \"");
			ais_buf_add(b, a.contract, a.contract_len);
			ADD(b, "\" already paid by ");
			ais_item_label(a.entry, b);
			ADD(b, " (");
			date_add(b, a.date);
			ais_buf_addc(b, ')');
		} else {
			ADD(b, "；合同“");
			ais_buf_add(b, a.contract, a.contract_len);
			ADD(b, "”已获");
			ais_item_label(a.entry, b);
			ADD(b, "支持（");
			date_add(b, a.date);
			ADD(b, "）");
		}
		return;
	}
	if (en) {
		ADD(b, "; left out: ");
		ais_item_label(a.entry, b);
		ADD(b, " names its contract but is dated ");
		date_add(b, a.date);
		ADD(b, ", after the claim date");
	} else {
		ADD(b, "；");
		ais_item_label(a.entry, b);
		ADD(b, "虽载明同一合同，但日期");
		date_add(b, a.date);
		ADD(b, "晚于申报日，不计入");
	}
}

static void
entry(const struct ais_result *res, const struct ais_item *it,
	const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	int en = EN(lang);

	if (s->outcome == AIS_MET) {
		if (en)
			ADD(b, "counted: ");
		else
			ADD(b, "计入：");
		ais_item_label(s->entry, b);
		if (s->has_value) {
			if (en)
				ADD(b, " (");
			else
				ADD(b, "（");
			if (s->amount && s->value.t == AIS_V_NUM)
				yuan_narrate(s->value.u.n, lang, b);
			else
				ais_value_narrate(&s->value, lang, b);
			if (en)
				ais_buf_addc(b, ')');
			else
				ADD(b, "）");
		}
		if (s->awarded)
			awarded_narrate(res, s, lang, b);
		return;
	}
	if (en)
		ADD(b, "not counted: ");
	else
		ADD(b, "不计入：");
	ais_item_label(s->entry, b);
	if (s->dated) {
		entry_dated(it, s, lang, b);
	} else if (s->needs) {
		if (en)
			ADD(b, " (needs ");
		else
			ADD(b, "（须满足 ");
		ais_buf_add(b, s->needs, s->needs_len);
		if (s->nreads) {
			if (en)
				ADD(b, "; ");
			else
				ADD(b, "；");
			ais_reads_narrate(s->reads, s->nreads, lang, b);
		}
		if (s->awarded)
			awarded_narrate(res, s, lang, b);
		if (en)
			ais_buf_addc(b, ')');
		else
			ADD(b, "）");
	} else if (s->missing && s->nreads) {
		/* a value of several fields: the ones it read say why */
		if (en)
			ADD(b, " (its value '");
		else
			ADD(b, "（取值 ");
		ais_buf_add(b, s->missing, s->missing_len);
		if (en)
			ADD(b, "' cannot be computed; ");
		else
			ADD(b, " 无法计算；");
		ais_reads_narrate(s->reads, s->nreads, lang, b);
		if (en)
			ais_buf_addc(b, ')');
		else
			ADD(b, "）");
	} else if (s->missing) {
		if (en)
			ADD(b, " (its value '");
		else
			ADD(b, "（取值 ");
		ais_buf_add(b, s->missing, s->missing_len);
		if (en)
			ADD(b, "' is not given)");
		else
			ADD(b, " 未提供）");
	}
}

static void
amount(const struct ais_item *it, const struct ais_step *s,
	enum ais_lang lang, struct ais_buf *b)
{
	const struct ais_part *p = &it->parts.v[s->part];
	int en = EN(lang);
	char t[48];

	switch (p->basis) {
	case AIS_BASIS_FORMULA:
		if (!p->has_rate) {
			if (en)
				ADD(b, "base ");
			else
				ADD(b, "计算基数");
			yuan_narrate(p->base, lang, b);
			return;
		}
		yuan_narrate(p->base, lang, b);
		ADD(b, " × ");
		ais_buf_add(b, t, ais_dec_format_percent(p->rate, t, sizeof t));
		ais_reads_paren(s->reads, s->nreads, lang, b);
		ADD(b, " = ");
		ais_fen_narrate(p->raw, lang, b);
		return;
	case AIS_BASIS_FIXED:
		if (en)
			ADD(b, "fixed award ");
		else
			ADD(b, "定额支持");
		ais_fen_narrate(p->raw, lang, b);
		return;
	case AIS_BASIS_CEILING:
		if (p->has_base) {
			/* a ceiling worked out: base x rate */
			if (en)
				ADD(b, "up to ");
			else
				ADD(b, "经评审最高");
			yuan_narrate(p->base, lang, b);
			ADD(b, " × ");
			ais_buf_add(b, t, ais_dec_format_percent(p->rate, t,
			    sizeof t));
			ais_reads_paren(s->reads, s->nreads, lang, b);
			ADD(b, " = ");
			ais_fen_narrate(p->raw, lang, b);
			if (en)
				ADD(b, " after review; the amount is not known "
				    "in advance");
			else
				ADD(b, "，具体金额事先无法确定");
			return;
		}
		if (en) {
			ADD(b, "up to ");
			ais_fen_narrate(p->up_to, lang, b);
			ADD(b, " after review; the amount is not known in "
			    "advance");
		} else {
			ADD(b, "经评审最高");
			ais_fen_narrate(p->up_to, lang, b);
			ADD(b, "，具体金额事先无法确定");
		}
		return;
	case AIS_BASIS_UNQUANTIFIED:
		if (en)
			ADD(b, "eligible; the policy gives no figure");
		else
			ADD(b, "符合条件；政策未规定具体金额");
		return;
	}
}

/* Appends the year y. */
static void
year_add(struct ais_buf *b, int y)
{
	char t[12];
	size_t k = sizeof t;

	do {
		t[--k] = (char)('0' + y % 10);
		y /= 10;
	} while (y > 0 && k > 0);
	ais_buf_add(b, t + k, sizeof t - k);
}

/* How ledger lg's cap accumulates, in words: "annual", "每年累计". */
static const char *
per_words(const struct ais_ledger *lg, enum ais_lang lang)
{
	if (lg->version->per == AIS_PER_YEAR)
		return EN(lang) ? "annual" : "每年累计";
	return EN(lang) ? "cumulative" : "累计";
}

/*
 * What prior awards used of a cap that accumulates: "annual cap 1000000:
 * 400000 already paid in 2025 (pa-1); 600000 remains", "每年累计不超过
 * 100万元：2025年已获40万元（pa-1），尚余60万元".
 */
static void
ledger_narrate(const struct ais_ledger *lg, enum ais_lang lang,
	struct ais_buf *b)
{
	int en = EN(lang), yearly = lg->version->per == AIS_PER_YEAR;
	size_t i, counted = 0;

	if (en) {
		if (!lg->award)
			ADD(b, "the program's ");
		ais_buf_adds(b, per_words(lg, lang));
		ADD(b, " cap ");
	} else {
		if (!lg->award)
			ADD(b, "本项目");
		ais_buf_adds(b, per_words(lg, lang));
		ADD(b, "不超过");
	}
	ais_fen_narrate(lg->cap, lang, b);
	if (en)
		ADD(b, ": ");
	else
		ADD(b, "：");
	for (i = 0; i < lg->npriors; i++)
		counted += lg->priors[i].why == AIS_PRIOR_COUNTED;
	if (!counted) {
		if (en) {
			ADD(b, "nothing paid yet");
			if (yearly) {
				ADD(b, " in ");
				year_add(b, lg->year);
			}
		} else {
			if (yearly) {
				year_add(b, lg->year);
				ADD(b, "年");
			}
			ADD(b, "尚未获得支持");
		}
	} else {
		if (en) {
			ais_fen_narrate(lg->prior, lang, b);
			ADD(b, " already paid");
			if (yearly) {
				ADD(b, " in ");
				year_add(b, lg->year);
			}
			ADD(b, " (");
		} else {
			if (yearly) {
				year_add(b, lg->year);
				ADD(b, "年");
			}
			ADD(b, "已获");
			ais_fen_narrate(lg->prior, lang, b);
			ADD(b, "（");
		}
		for (i = 0, counted = 0; i < lg->npriors; i++) {
			if (lg->priors[i].why != AIS_PRIOR_COUNTED)
				continue;
			if (counted++) {
				if (en)
					ADD(b, ", ");
				else
					ADD(b, "、");
			}
			ais_item_label(lg->priors[i].entry, b);
		}
		if (en)
			ais_buf_addc(b, ')');
		else
			ADD(b, "）");
	}
	if (en) {
		ADD(b, "; ");
		if (lg->remaining > 0) {
			ais_fen_narrate(lg->remaining, lang, b);
			ADD(b, " remains");
		} else {
			ADD(b, "the cap is used up");
		}
	} else {
		ADD(b, "，");
		if (lg->remaining > 0) {
			ADD(b, "尚余");
			ais_fen_narrate(lg->remaining, lang, b);
		} else {
			ADD(b, "额度已用完");
		}
	}
}

/* A prior award a ledger left out, and why. */
static void
prior_narrate(const struct ais_result *res, const struct ais_ledger *lg,
	const struct ais_prior *pr, enum ais_lang lang, struct ais_buf *b)
{
	int en = EN(lang), y, m, d;

	ais_date_to_ymd(pr->date, &y, &m, &d);
	if (en)
		ADD(b, "left out: ");
	else
		ADD(b, "不计入：");
	ais_item_label(pr->entry, b);
	if (en)
		ADD(b, " (");
	else
		ADD(b, "（");
	date_add(b, pr->date);
	if (en)
		ADD(b, ", ");
	else
		ADD(b, "，");
	ais_fen_narrate(pr->amount, lang, b);
	if (pr->why == AIS_PRIOR_AFTER_AS_OF) {
		if (en)
			ADD(b, ") is dated after the claim date ");
		else
			ADD(b, "）晚于申报日");
		ais_buf_add(b, res->as_of_text, 10);
		return;
	}
	if (en) {
		ADD(b, ") was paid in ");
		year_add(b, y);
		ADD(b, ", not in ");
		year_add(b, lg->year);
	} else {
		ADD(b, "）系");
		year_add(b, y);
		ADD(b, "年所获，不计入");
		year_add(b, lg->year);
		ADD(b, "年累计");
	}
}

/* A claim held to what remained of a cap that accumulates: "capped at
 * 600000, what remains of the annual cap". */
static void
held_narrate(const struct ais_ledger *lg, enum ais_lang lang,
	struct ais_buf *b)
{
	int en = EN(lang);

	if (lg->remaining > 0) {
		if (en) {
			if (lg->award)
				ADD(b, "capped at ");
			else
				ADD(b, "the program pays at most ");
			ais_fen_narrate(lg->remaining, lang, b);
			if (lg->award)
				ADD(b, ", what remains of the ");
			else
				ADD(b, " more, what remains of its ");
			ais_buf_adds(b, per_words(lg, lang));
			ADD(b, " cap");
			if (!lg->award)
				ADD(b, ": capped");
		} else {
			if (lg->award) {
				ADD(b, "超过");
				ais_buf_adds(b, per_words(lg, lang));
				ADD(b, "上限的剩余额度，按");
				ais_fen_narrate(lg->remaining, lang, b);
				ADD(b, "封顶");
			} else {
				ADD(b, "本项目");
				ais_buf_adds(b, per_words(lg, lang));
				ADD(b, "上限尚余");
				ais_fen_narrate(lg->remaining, lang, b);
				ADD(b, "，已封顶");
			}
		}
		return;
	}
	if (en) {
		ais_buf_adds(b, lg->award ? "the " : "the program's ");
		ais_buf_adds(b, per_words(lg, lang));
		ADD(b, " cap is used up: nothing more is paid");
	} else {
		if (!lg->award)
			ADD(b, "本项目");
		ais_buf_adds(b, per_words(lg, lang));
		ADD(b, "上限已用完，不再支持");
	}
}

/*
 * A formula award with a cap (原则上) and a ceiling (最高) whose amount
 * was capped: "amount capped at 1000000 (原则上), up to 1500000", "原则上
 * 不超过100万元，最高可达150万元"; up to the ceiling itself when the
 * amount worked out passed it too.
 */
static void
ceiling_narrate(const struct ais_part *p, enum ais_lang lang,
	struct ais_buf *b)
{
	if (!p->has_cap || p->amount == p->up_to) {
		/* the ceiling held the amount too */
		if (EN(lang))
			ADD(b, "capped at ");
		else
			ADD(b, "超过最高限额，按");
		ais_fen_narrate(p->up_to, lang, b);
		if (EN(lang))
			ADD(b, ", the ceiling (最高)");
		else
			ADD(b, "封顶");
		return;
	}
	if (EN(lang)) {
		ADD(b, "amount capped at ");
		ais_fen_narrate(p->cap, lang, b);
		ADD(b, " (原则上), up to ");
		ais_fen_narrate(p->up_to, lang, b);
		if (p->ceiled)
			ADD(b, ", the ceiling (最高)");
		return;
	}
	ADD(b, "原则上按");
	ais_fen_narrate(p->cap, lang, b);
	ADD(b, "封顶，最高可达");
	ais_fen_narrate(p->up_to, lang, b);
	if (p->ceiled)
		ADD(b, "（最高限额）");
}

void
ais_step_narrate(const struct ais_result *res, const struct ais_item *it,
	const struct ais_step *s, enum ais_lang lang, struct ais_buf *b)
{
	const struct ais_program *pg = it->program;
	int en = EN(lang);

	prefix(it, s, lang, b);
	switch (s->kind) {
	case AIS_STEP_VALIDITY:
		ais_narrate_validity(pg, res->as_of_text, s->side, lang, b);
		break;
	case AIS_STEP_APPLICANT:
		if (s->award)
			ais_narrate_award_applicant(pg, s->award, res->kind,
			    s->outcome, lang, b);
		else
			ais_narrate_applicant(pg, res->kind, s->outcome, lang,
			    b);
		break;
	case AIS_STEP_CHECK:
		check(s, lang, b);
		break;
	case AIS_STEP_TERM_OFF:
		term_off(res, s, lang, b);
		break;
	case AIS_STEP_ENTRY:
		entry(res, it, s, lang, b);
		break;
	case AIS_STEP_NO_ENTRIES:
		if (en) {
			ADD(b, "no entries in ");
			ais_buf_adds(b, s->award->each->name);
		} else {
			ADD(b, "未提供");
			ais_buf_adds(b, s->award->each->name);
			ADD(b, "条目");
		}
		break;
	case AIS_STEP_NO_VALUE:
		ais_buf_adds(b, en ? s->term : term_zh(s->term));
		if (en)
			ADD(b, " cannot be computed");
		else
			ADD(b, "无法计算");
		ais_reads_paren(s->reads, s->nreads, lang, b);
		break;
	case AIS_STEP_AMOUNT:
		amount(it, s, lang, b);
		break;
	case AIS_STEP_CAPPED:
		if (it->parts.v[s->part].has_ledger) {
			const struct ais_part *pt = &it->parts.v[s->part];

			held_narrate(&it->ledgers.v[pt->ledger], lang, b);
			break;
		}
		if (it->parts.v[s->part].has_ceiling) {
			ceiling_narrate(&it->parts.v[s->part], lang, b);
			break;
		}
		if (en)
			ADD(b, "capped at ");
		else
			ADD(b, "超过上限，按");
		ais_fen_narrate(it->parts.v[s->part].cap, lang, b);
		if (!en)
			ADD(b, "封顶");
		break;
	case AIS_STEP_NO_AWARD:
		if (en)
			ADD(b, "no award of this program applies");
		else
			ADD(b, "本项目没有适用的支持方式");
		break;
	case AIS_STEP_PROGRAM_CAP:
		if (it->has_ledger) {
			held_narrate(&it->ledgers.v[it->ledger], lang, b);
			break;
		}
		if (en) {
			ADD(b, "the program pays at most ");
			ais_fen_narrate(it->cap, lang, b);
			ADD(b, " per applicant: capped");
		} else {
			ADD(b, "本项目每个申请主体最高支持");
			ais_fen_narrate(it->cap, lang, b);
			ADD(b, "，已封顶");
		}
		break;
	case AIS_STEP_SET_ASIDE:
		ais_set_aside_narrate(it, &it->parts.v[s->part], lang, b);
		break;
	case AIS_STEP_LEDGER:
		ledger_narrate(&it->ledgers.v[s->ledger], lang, b);
		break;
	case AIS_STEP_PRIOR:
		prior_narrate(res, &it->ledgers.v[s->ledger],
		    &it->ledgers.v[s->ledger].priors[s->prior], lang, b);
		break;
	}
}

/* A term's name as a note names it. */
static const char *
term_word(const char *term, enum ais_lang lang)
{
	static const char *const words[][2] = {
		{"condition", "条件"}, {"base", "计算基数"}, {"rate", "比例"},
		{"cap", "上限"}, {"amount", "金额"}, {"ceiling", "最高限额"},
		{"pool", "资金池"}, {"validity", "有效期"}
	};
	size_t i;

	if (lang == AIS_LANG_EN)
		return term;
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i][0], term) == 0)
			return words[i][1];
	return term;
}

int
ais_narrate_provenance(const struct ais_item *it, enum ais_lang lang,
	struct ais_buf *b)
{
	static const char *const grades[] = {
		"report", "draft", "assumed", "proposal"
	};
	static const char *const say[][2] = {
		{"a report of the policy, not its wording",
		    "对政策的报道而非原文"},
		{"a draft for comment, not the adopted text",
		    "征求意见稿而非正式文件"},
		{"an assumption this project makes where the sources are silent",
		    "本项目在来源未载明处所作的假定"}
	};
	const struct ais_program *pg = it->program;
	int en = lang == AIS_LANG_EN, any = 0, confirm = 0;
	size_t g, i, k;

	if (!it->eligible || !((it->has_amount && it->amount != 0) ||
	    (it->has_up_to && it->up_to != 0)))
		return 0;
	for (g = 0; g < 4; g++) {
		int named = 0;

		for (i = 0; i <= it->terms.n; i++) {
			const char *term, *conf;

			if (i < it->terms.n) {
				term = it->terms.v[i].term;
				conf = it->terms.v[i].version->source->confidence;
			} else {
				/* the program's validity, when only assumed */
				term = "validity";
				conf = pg->document->validity_assumed ?
				    "assumed" : NULL;
			}
			if (!conf || strcmp(conf, grades[g]) != 0)
				continue;
			/* each term named once */
			for (k = 0; k < i && k < it->terms.n; k++)
				if (strcmp(it->terms.v[k].term, term) == 0 &&
				    strcmp(it->terms.v[k].version->source->
				    confidence, grades[g]) == 0)
					break;
			if (k < i && k < it->terms.n)
				continue;
			if (!named) {
				if (!any)
					ais_buf_adds(b, en ? "this amount rests "
					    "on " : "该金额依据");
				else
					ais_buf_adds(b, en ? ", and on " :
					    "，以及");
				if (g < 3) {
					ais_buf_adds(b, say[g][!en]);
					confirm = 1;
				} else {
					/* issue 13: a reform's term, whose
					 * document is the reform */
					ais_buf_adds(b, en ? "a proposed reform ("
					    : "拟议改革方案（");
					ais_buf_adds(b, it->terms.v[i].version->
					    source->document->id);
					ais_buf_adds(b, en ? "), not on policy in "
					    "force" : "）而非现行政策");
				}
				ais_buf_adds(b, en ? " (" : "（");
				named = any = 1;
			} else {
				ais_buf_adds(b, en ? ", " : "、");
			}
			ais_buf_adds(b, term_word(term, lang));
		}
		if (named)
			ais_buf_adds(b, en ? ")" : "）");
	}
	if (confirm)
		ais_buf_adds(b, en ? ": confirm with the issuer" :
		    "，请向主管部门确认");
	return any;
}
