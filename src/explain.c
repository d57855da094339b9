/*
 * explain.c: one program's evaluation, step by step, from the record.
 *
 * The sentences of the steps are narrate.c's (the reasons of the JSON);
 * this adds beneath each what the record holds besides: comparisons with
 * their values, the clause a condition rests on, the arithmetic with its
 * rounding and caps, the prior awards of a ledger, and after the steps
 * the terms, the result and what to do next.
 */
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "qualify.h"
#include "narrate.h"
#include "text.h"

#define EN(lang) ((lang) == AIS_LANG_EN)
#define ADD(b, s) ais_buf_add((b), "" s, sizeof s - 1)
#define SAY(b, lang, en, zh) ais_buf_adds((b), EN(lang) ? (en) : (zh))

static void
date_add(struct ais_buf *b, ais_date d)
{
	char t[11];

	ais_date_format(d, t);
	ais_buf_add(b, t, 10);
}

static void
indent(struct ais_buf *b, size_t n)
{
	while (n--)
		ais_buf_addc(b, ' ');
}

/* An amount in yuan with separators and its unit: "800,000 yuan",
 * "800,000元". */
static void
yuan(struct ais_buf *b, int64_t fen, enum ais_lang lang)
{
	ais_text_yuan(fen, b);
	SAY(b, lang, " yuan", "元");
}

/* A base, a decimal in yuan: with separators when fen-exact. */
static void
base_add(struct ais_buf *b, struct ais_dec d)
{
	char t[48];
	int64_t fen;

	if (ais_dec_places(d) <= 2 && ais_dec_round_fen(d, &fen) == 0)
		ais_text_yuan(fen, b);
	else
		ais_buf_add(b, t, ais_dec_format(d, t, sizeof t));
}

/* A grade of confidence in words. */
static const char *
grade(const char *g, enum ais_lang lang)
{
	static const char *const names[][2] = {
		{"official", "官方原文"}, {"reprint", "全文转载"},
		{"quoted", "报道引述原文"}, {"report", "报道转述"},
		{"draft", "征求意见稿"}, {"assumed", "本项目假定"},
		{"proposal", "拟议改革方案"}
	};
	size_t i;

	if (EN(lang))
		return g;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], g) == 0)
			return names[i][1];
	return g;
}

/* The document's line: 《title》 number, issuer, date. */
static void
document_line(struct ais_buf *b, const struct ais_document *d,
	enum ais_lang lang)
{
	ADD(b, "《");
	ais_buf_adds(b, d->title);
	ADD(b, "》");
	if (d->number) {
		ais_buf_addc(b, ' ');
		ais_buf_adds(b, d->number);
	}
	if (d->issuer) {
		SAY(b, lang, ", ", "，");
		ais_buf_adds(b, d->issuer);
	}
	if (d->date != AIS_DATE_MIN) {
		SAY(b, lang, ", ", "，");
		date_add(b, d->date);
	}
}

/*
 * A source as lines at column col: its document, its article and clause,
 * its grade and the publication it was read in.
 */
static void
cite(struct ais_buf *b, const struct ais_source *s, size_t col,
	enum ais_lang lang)
{
	const struct ais_publication *pub = s->published;

	indent(b, col);
	document_line(b, s->document, lang);
	ais_buf_addc(b, '\n');
	if (s->article || s->clause) {
		indent(b, col);
		if (s->article) {
			SAY(b, lang, "article ", "条款 ");
			ais_buf_adds(b, s->article);
			SAY(b, lang, ": ", "：");
		}
		if (s->clause) {
			ADD(b, "“");
			ais_buf_adds(b, s->clause);
			ADD(b, "”");
		}
		ais_buf_addc(b, '\n');
	}
	indent(b, col);
	SAY(b, lang, "grade: ", "可信度：");
	ais_buf_adds(b, grade(s->confidence, lang));
	if (pub) {
		SAY(b, lang, "; read in ", "；出处：");
		ais_buf_adds(b, pub->outlet);
		if (pub->title) {
			SAY(b, lang, ", ", "，");
			ais_buf_adds(b, pub->title);
		}
		if (pub->date != AIS_DATE_MIN) {
			SAY(b, lang, ", ", "，");
			date_add(b, pub->date);
		}
		if (pub->page) {
			SAY(b, lang, ", ", "，");
			ais_buf_adds(b, pub->page);
		}
	}
	if (s->url || s->document->url) {
		SAY(b, lang, "; ", "；");
		ais_buf_adds(b, s->url ? s->url : s->document->url);
	}
	ais_buf_addc(b, '\n');
}

/* The program's headline source on the claim date. */
static const struct ais_source *
headline(const struct ais_result *res, const struct ais_item *it)
{
	return ais_program_source_at(it->program, res->as_of);
}

/* A value of a comparison, as a reason gives it. */
static void
cmp_value(struct ais_buf *b, const struct ais_value *v, enum ais_lang lang)
{
	ais_value_narrate(v, lang, b);
}

/* The comparisons of a check, one a line. */
static void
comparisons(struct ais_buf *b, const struct ais_step *s, size_t col,
	enum ais_lang lang)
{
	size_t k;

	for (k = 0; k < s->ncmps; k++) {
		const struct ais_cmp *c = &s->cmps[k];
		int in = strcmp(c->op, "in") == 0 || strcmp(c->op, "not in") == 0;

		indent(b, col);
		SAY(b, lang, "compared: ", "比较：");
		ais_buf_add(b, c->left, c->left_len);
		ais_buf_addc(b, ' ');
		ais_buf_adds(b, c->op);
		ais_buf_addc(b, ' ');
		ais_buf_add(b, c->right, c->right_len);
		SAY(b, lang, ": ", "：");
		cmp_value(b, &c->left_value, lang);
		if (!in) {
			ais_buf_addc(b, ' ');
			ais_buf_adds(b, c->op);
			ais_buf_addc(b, ' ');
			cmp_value(b, &c->right_value, lang);
		}
		if (c->holds < 0)
			SAY(b, lang, ": unknown (a side is not given)",
			    "：无法判断（一方未提供）");
		else if (c->holds)
			SAY(b, lang, ": holds", "：成立");
		else
			SAY(b, lang, ": does not hold", "：不成立");
		ais_buf_addc(b, '\n');
	}
}

/* The clause a check rests on: the version of its condition in force. */
static void
rests_on(struct ais_buf *b, const struct ais_result *res,
	const struct ais_item *it, const struct ais_step *s, size_t col,
	enum ais_lang lang)
{
	const struct ais_source *src = s->version ? s->version->source : NULL;

	if (!src)
		return;
	indent(b, col);
	if (src == headline(res, it)) {
		SAY(b, lang, "rests on: the program's source (above), grade ",
		    "依据：本项目的政策来源（见上），可信度：");
		ais_buf_adds(b, grade(src->confidence, lang));
		ais_buf_addc(b, '\n');
		return;
	}
	SAY(b, lang, "rests on:\n", "依据：\n");
	cite(b, src, col + 2, lang);
}

/* The arithmetic of part p: base x rate, its rounding, cap and ceiling. */
static void
arithmetic(struct ais_buf *b, const struct ais_item *it,
	const struct ais_part *p, size_t col, enum ais_lang lang)
{
	char t[48];

	if (p->has_base && p->has_rate) {
		struct ais_dec exact;
		indent(b, col);
		SAY(b, lang, "base × rate: ", "计算基数 × 比例：");
		base_add(b, p->base);
		ADD(b, " × ");
		ais_buf_add(b, t, ais_dec_format_percent(p->rate, t, sizeof t));
		ADD(b, " = ");
		if (ais_dec_mul(p->base, p->rate, &exact) == 0 &&
		    ais_dec_places(exact) > 2) {
			ais_buf_add(b, t, ais_dec_format(exact, t, sizeof t));
			SAY(b, lang, ", rounded half up to the fen: ",
			    "，四舍五入到分：");
		}
		yuan(b, p->raw, lang);
		ais_buf_addc(b, '\n');
	} else if (p->has_base) {
		indent(b, col);
		SAY(b, lang, "base: ", "计算基数：");
		base_add(b, p->base);
		ais_buf_addc(b, '\n');
	} else if (p->basis == AIS_BASIS_FIXED) {
		indent(b, col);
		SAY(b, lang, "fixed award: ", "定额：");
		yuan(b, p->raw, lang);
		ais_buf_addc(b, '\n');
	}
	if (p->has_cap) {
		indent(b, col);
		if (p->has_ledger) {
			SAY(b, lang, "cap (what remains of it): ",
			    "上限（累计后剩余额度）：");
		} else {
			SAY(b, lang, "cap: ", "上限：");
		}
		yuan(b, p->cap, lang);
		if (p->capped)
			SAY(b, lang, ": reached, the amount is held to it",
			    "：已达到，按上限支持");
		else
			SAY(b, lang, ": not reached", "：未达到");
		ais_buf_addc(b, '\n');
	}
	if (p->has_ceiling) {
		indent(b, col);
		SAY(b, lang, "ceiling (最高): ", "最高限额：");
		yuan(b, p->ceiling, lang);
		if (p->ceiled)
			SAY(b, lang, ": reached, up to is held to it",
			    "：已达到，最高可得按其计");
		else
			SAY(b, lang, ": not reached", "：未达到");
		ais_buf_addc(b, '\n');
	}
	(void)it;
}

/* Every prior award a ledger looked at. */
static void
priors(struct ais_buf *b, const struct ais_ledger *lg, size_t col,
	enum ais_lang lang)
{
	size_t i;

	for (i = 0; i < lg->npriors; i++) {
		const struct ais_prior *pr = &lg->priors[i];

		indent(b, col);
		SAY(b, lang, "prior award ", "已获支持 ");
		ais_item_label(pr->entry, b);
		SAY(b, lang, ", ", "，");
		date_add(b, pr->date);
		SAY(b, lang, ", ", "，");
		yuan(b, pr->amount, lang);
		switch (pr->why) {
		case AIS_PRIOR_COUNTED:
			SAY(b, lang, ": counted against the cap",
			    "：计入累计额度");
			break;
		case AIS_PRIOR_AFTER_AS_OF:
			SAY(b, lang, ": left out, dated after the claim date",
			    "：不计入，晚于申报日");
			break;
		default:
			SAY(b, lang, ": left out, paid in another year",
			    "：不计入，非本年度所获");
			break;
		}
		ais_buf_addc(b, '\n');
	}
	indent(b, col);
	SAY(b, lang, "cap ", "上限 ");
	yuan(b, lg->cap, lang);
	SAY(b, lang, " − prior ", " − 已获 ");
	yuan(b, lg->prior, lang);
	SAY(b, lang, " = remaining ", " = 剩余 ");
	yuan(b, lg->remaining, lang);
	ais_buf_addc(b, '\n');
}

/* The steps, numbered, each with what the record holds beneath it. */
static void
steps(struct ais_buf *b, const struct ais_result *res,
	const struct ais_item *it, enum ais_lang lang)
{
	size_t i;

	SAY(b, lang, "step by step:\n", "逐步审查：\n");
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];
		size_t at = b->len, col;

		ais_buf_addf(b, "%3zu. ", i + 1);
		col = b->len - at;
		ais_step_narrate(res, it, s, lang, b);
		ais_buf_addc(b, '\n');
		switch (s->kind) {
		case AIS_STEP_CHECK:
			comparisons(b, s, col, lang);
			rests_on(b, res, it, s, col, lang);
			break;
		case AIS_STEP_AMOUNT:
			arithmetic(b, it, &it->parts.v[s->part], col, lang);
			break;
		case AIS_STEP_LEDGER:
			priors(b, &it->ledgers.v[s->ledger], col, lang);
			break;
		case AIS_STEP_SET_ASIDE:
			indent(b, col);
			SAY(b, lang, "the same-project rule (",
			    "不重复支持规则（");
			ais_buf_adds(b, it->program->same_project);
			SAY(b, lang, "): of the awards that fall on one project, "
			    "only the largest is paid\n",
			    "）：同一项目只支持金额最高的一项\n");
			break;
		default:
			break;
		}
	}
	if (!it->steps.n)
		SAY(b, lang, "  (no step recorded)\n", "  （未记录审查步骤）\n");
}

/* A term's name in lang. */
static const char *
term_name(const char *term, enum ais_lang lang)
{
	static const char *const names[][2] = {
		{"condition", "条件"}, {"base", "计算基数"}, {"rate", "支持比例"},
		{"cap", "上限"}, {"amount", "金额"}, {"ceiling", "最高限额"},
		{"pool", "资金池"}
	};
	size_t i;

	if (EN(lang))
		return term;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], term) == 0)
			return names[i][1];
	return term;
}

/* A constant term's value: a rate as the rules give it ("60%"), an
 * amount in yuan with separators. */
static void
term_value(struct ais_buf *b, const char *term, const char *value,
	enum ais_lang lang)
{
	struct ais_dec d;
	int64_t fen;

	if (strcmp(term, "rate") != 0 &&
	    ais_dec_parse(value, strlen(value), &d) == 0 &&
	    ais_dec_places(d) <= 2 && ais_dec_round_fen(d, &fen) == 0) {
		yuan(b, fen, lang);
		return;
	}
	ais_buf_adds(b, value);
}

/* The terms the item used, with the date they took effect and their
 * source. */
static void
terms(struct ais_buf *b, const struct ais_result *res,
	const struct ais_item *it, enum ais_lang lang)
{
	const struct ais_program *pg = it->program;
	size_t i;

	if (!it->terms.n)
		return;
	SAY(b, lang, "\nterms used (the versions in force on the claim date):\n",
	    "\n所用条款（申报日有效的版本）：\n");
	for (i = 0; i < it->terms.n; i++) {
		const struct ais_used_term *u = &it->terms.v[i];
		const struct ais_version *v = u->version;
		char value[48];

		ADD(b, "  - ");
		ais_buf_adds(b, term_name(u->term, lang));
		if (u->award && pg->nawards > 1) {
			SAY(b, lang, " (", "（");
			ais_buf_adds(b, AIS_L10N(u->award->label, lang));
			SAY(b, lang, ")", "）");
		}
		if (u->cond) {
			SAY(b, lang, ": ", "：");
			ais_buf_adds(b, AIS_L10N(u->cond->says, lang));
		}
		if (ais_version_const_text(v, u->term, value, sizeof value)) {
			SAY(b, lang, ": ", "：");
			term_value(b, u->term, value, lang);
		}
		if (v->per != AIS_PER_CLAIM)
			ais_buf_adds(b, v->per == AIS_PER_YEAR ?
			    (EN(lang) ? ", per year" : "，每年累计") :
			    (EN(lang) ? ", cumulative" : "，累计"));
		ais_buf_addc(b, '\n');
		if (v->expr && !ais_version_const_text(v, u->term, value,
		    sizeof value)) {
			/* a formula or a test: as the rule writes it */
			SAY(b, lang, "      rule: ", "      规则：");
			ais_buf_adds(b, ais_expr_text(v->expr));
			ais_buf_addc(b, '\n');
		}
		ADD(b, "      ");
		if (u->dated || v->from != AIS_DATE_MIN) {
			SAY(b, lang, "in force from ", "自");
			if (v->from == AIS_DATE_MIN)
				SAY(b, lang, "the start", "政策施行之日");
			else
				date_add(b, v->from);
			if (v->until != AIS_DATE_MAX) {
				SAY(b, lang, " until ", "至");
				date_add(b, v->until);
			}
			SAY(b, lang, "; ", "起施行；");
		} else {
			SAY(b, lang, "in force for the life of the program; ",
			    "与政策同期有效；");
		}
		SAY(b, lang, "grade ", "可信度：");
		ais_buf_adds(b, grade(v->source->confidence, lang));
		if (v->note.en) {
			SAY(b, lang, "; ", "；");
			ais_buf_adds(b, AIS_L10N(v->note, lang));
		}
		ais_buf_addc(b, '\n');
		if (v->source == headline(res, it)) {
			SAY(b, lang, "      source: the program's (above)\n",
			    "      来源：本项目的政策来源（见上）\n");
		} else {
			SAY(b, lang, "      source:\n", "      来源：\n");
			cite(b, v->source, 8, lang);
		}
	}
}

/* The figures: each part, the sum, the program's cap, the amount. */
static void
figures(struct ais_buf *b, const struct ais_item *it, enum ais_lang lang)
{
	size_t i;

	if (!it->eligible || !(it->parts.n > 1 || (it->parts.n == 1 &&
	    it->parts.v[0].set_aside) || (it->has_cap && it->capped)))
		return;
	SAY(b, lang, "\nthe calculation:\n", "\n计算结果：\n");
	if (it->parts.n > 1 || (it->parts.n == 1 && it->parts.v[0].set_aside)) {
		for (i = 0; i < it->parts.n; i++) {
			const struct ais_part *p = &it->parts.v[i];

			ADD(b, "  - ");
			ais_part_label(p, lang, b);
			SAY(b, lang, ": ", "：");
			if (p->has_amount)
				yuan(b, p->amount, lang);
			else if (p->has_up_to) {
				SAY(b, lang, "up to ", "最高");
				yuan(b, p->up_to, lang);
			} else {
				SAY(b, lang, "no figure", "未定金额");
			}
			if (p->set_aside)
				SAY(b, lang, " (set aside: not paid)",
				    "（不重复支持：不予支付）");
			ais_buf_addc(b, '\n');
		}
		if (it->has_amount) {
			SAY(b, lang, "  sum of the parts paid: ", "  各项合计：");
			yuan(b, it->sum, lang);
			ais_buf_addc(b, '\n');
		}
	}
	if (it->has_cap && (it->capped || it->parts.n > 1)) {
		SAY(b, lang, "  the program's cap: ", "  本项目上限：");
		yuan(b, it->cap, lang);
		if (it->capped)
			SAY(b, lang, ": reached", "：已达到");
		else
			SAY(b, lang, ": not reached", "：未达到");
		ais_buf_addc(b, '\n');
	}
}

/* The result in one line, then why when not eligible or held down. */
static void
verdict(struct ais_buf *b, const struct ais_result *res,
	const struct ais_item *it, enum ais_lang lang)
{
	static const char *const basis_en[] = {
		"formula", "fixed", "ceiling", "no figure"
	};
	static const char *const basis_zh[] = {
		"按比例", "定额", "最高限额", "未定金额"
	};
	size_t at;

	SAY(b, lang, "\nresult: ", "\n结论：");
	if (!it->eligible) {
		if (it->incomplete)
			SAY(b, lang, "not eligible (incomplete: a field it needs "
			    "is not given)\n", "不符合（信息不全：缺少所需字段）\n");
		else
			SAY(b, lang, "not eligible\n", "不符合\n");
	} else {
		SAY(b, lang, "eligible, ", "符合，");
		ais_buf_adds(b, EN(lang) ? basis_en[it->basis] :
		    basis_zh[it->basis]);
		if (it->has_amount) {
			SAY(b, lang, "; amount ", "；金额");
			yuan(b, it->amount, lang);
		}
		if (it->has_up_to) {
			SAY(b, lang, "; up to ", "；最高可得");
			yuan(b, it->up_to, lang);
		}
		ais_buf_addc(b, '\n');
	}
	at = b->len;
	SAY(b, lang, "  why: ", "  原因：");
	if (ais_text_why(res, it, lang, b))
		ais_buf_addc(b, '\n');
	else
		ais_buf_cut(b, at);
	if (it->incomplete && it->nmissing) {
		size_t i;

		SAY(b, lang, "  give: ", "  请提供：");
		for (i = 0; i < it->nmissing; i++) {
			if (i)
				SAY(b, lang, ", ", "、");
			ais_buf_adds(b, it->missing[i]);
		}
		ais_buf_addc(b, '\n');
	}
}

/* How to apply, and by when. */
static void
next_steps(struct ais_buf *b, const struct ais_result *res,
	const struct ais_item *it, enum ais_lang lang)
{
	const struct ais_guide *g = &it->program->guide;
	size_t i;

	if (!it->eligible || (!g->present && !it->has_due))
		return;
	SAY(b, lang, "\nwhat to do next:\n", "\n申报指引：\n");
	if (g->present && g->agency.text.en) {
		SAY(b, lang, "  agency: ", "  受理部门：");
		ais_buf_adds(b, AIS_L10N(g->agency.text, lang));
		ais_buf_addc(b, '\n');
	}
	if (g->present && g->channel.text.en) {
		SAY(b, lang, "  channel: ", "  申报渠道：");
		ais_buf_adds(b, AIS_L10N(g->channel.text, lang));
		ais_buf_addc(b, '\n');
	}
	for (i = 0; g->present && i < g->nwindows; i++) {
		const struct ais_guide_window *w = &g->windows[i];

		SAY(b, lang, "  window: ", "  申报窗口：");
		date_add(b, w->from);
		SAY(b, lang, " to ", "至");
		date_add(b, w->until);
		if (w->label.en) {
			SAY(b, lang, " (", "（");
			ais_buf_adds(b, AIS_L10N(w->label, lang));
			SAY(b, lang, ")", "）");
		}
		if (w->until < res->as_of)
			SAY(b, lang, ", ended", "，已结束");
		ais_buf_addc(b, '\n');
	}
	for (i = 0; g->present && i < g->nmaterials; i++) {
		if (i == 0)
			SAY(b, lang, "  materials:\n", "  申报材料：\n");
		ADD(b, "    - ");
		ais_buf_adds(b, AIS_L10N(g->materials[i], lang));
		ais_buf_addc(b, '\n');
	}
	if (g->present && g->payout) {
		SAY(b, lang, "  payout: ", "  兑现方式：");
		ais_buf_adds(b, g->payout);
		ais_buf_addc(b, '\n');
	}
	if (g->present) {
		/* where the guide comes from, each source once, when it is
		 * not the program's */
		const struct ais_source *src[5 + 16];
		size_t n = 0, k, m;

		src[n++] = g->agency.text.en ? g->agency.source : NULL;
		src[n++] = g->channel.text.en ? g->channel.source : NULL;
		src[n++] = g->nmaterials ? g->materials_source : NULL;
		src[n++] = g->payout ? g->payout_source : NULL;
		for (k = 0; k < g->nwindows && n < sizeof src / sizeof *src; k++)
			src[n++] = g->windows[k].source;
		for (k = 0; k < n; k++) {
			if (!src[k] || src[k] == headline(res, it))
				continue;
			for (m = 0; m < k && src[m] != src[k]; m++)
				;
			if (m < k)
				continue;
			SAY(b, lang, "  the guide rests on:\n", "  指引依据：\n");
			cite(b, src[k], 4, lang);
		}
	}
	if (it->has_due) {
		long left = (long)it->last_day - (long)res->as_of;

		SAY(b, lang, "  last day: ", "  截止日：");
		date_add(b, it->last_day);
		if (EN(lang))
			ais_buf_addf(b, " (%s; %ld days from the claim date)",
			    it->due_by == AIS_DUE_WINDOW ? "the round's window" :
			    "the program's validity", left);
		else
			ais_buf_addf(b, "（%s；距申报日%ld天）",
			    it->due_by == AIS_DUE_WINDOW ? "本轮申报窗口" :
			    "政策有效期", left);
		ais_buf_addc(b, '\n');
	}
}

/* What would qualify, what a person must check, and the notes. */
static void
tail(struct ais_buf *b, const struct ais_item *it, enum ais_lang lang,
	struct ais_buf *t)
{
	const struct ais_program *pg = it->program;
	size_t i, k;
	int any = 0;

	for (i = 0; i < it->nqualify; i++) {
		if (!it->qualify[i].says)
			continue;
		if (i == 0)
			SAY(b, lang, "\nto qualify:\n", "\n如何符合：\n");
		ADD(b, "  - ");
		ais_buf_adds(b, it->qualify[i].says);
		ais_buf_addc(b, '\n');
	}
	/* the program's manual checks, then those of each award paid */
	for (i = 0; i < pg->nmanual; i++) {
		if (!any++)
			SAY(b, lang, "\na person must check:\n", "\n需人工核实：\n");
		ADD(b, "  - ");
		ais_buf_adds(b, AIS_L10N(pg->manual_checks[i], lang));
		ais_buf_addc(b, '\n');
	}
	for (i = 0; it->eligible && i < it->parts.n; i++) {
		const struct ais_award *aw = it->parts.v[i].award;
		size_t j;

		if (it->parts.v[i].set_aside)
			continue;
		/* each award once */
		for (j = 0; j < i; j++)
			if (it->parts.v[j].award == aw &&
			    !it->parts.v[j].set_aside)
				break;
		if (j < i)
			continue;
		for (k = 0; k < aw->nmanual; k++) {
			if (!any++)
				SAY(b, lang, "\na person must check:\n",
				    "\n需人工核实：\n");
			ADD(b, "  - ");
			ais_buf_adds(b, AIS_L10N(aw->manual_checks[k], lang));
			ais_buf_addc(b, '\n');
		}
	}
	ais_buf_reset(t);
	if (pg->nnotes || ais_narrate_provenance(it, lang, t)) {
		SAY(b, lang, "\nnotes:\n", "\n说明：\n");
		for (i = 0; i < pg->nnotes; i++) {
			ADD(b, "  - ");
			ais_buf_adds(b, AIS_L10N(pg->notes[i], lang));
			ais_buf_addc(b, '\n');
		}
		if (t->len) {
			ADD(b, "  - ");
			ais_buf_add(b, t->p, t->len);
			ais_buf_addc(b, '\n');
		}
	}
}

static void
explain_write(const struct ais_result *res, const struct ais_item *it,
	int moved, enum ais_lang lang, struct ais_buf *b, struct ais_buf *t)
{
	const struct ais_program *pg = it->program;
	const struct ais_jurisdiction *j = pg->jurisdiction;
	const struct ais_profile *p = res->profile;

	/* who, when, and where it was evaluated */
	ais_buf_adds(b, pg->id);
	SAY(b, lang, " for profile ", "：申请主体");
	if (p && p->id && !EN(lang))
		ais_buf_addc(b, ' ');
	ais_buf_adds(b, p && p->id ? p->id : EN(lang) ? "(no id)" :
	    "（未填写编号）");
	SAY(b, lang, ", claim date ", "，申报日 ");
	ais_buf_add(b, res->as_of_text, 10);
	if (moved) {
		SAY(b, lang, "; evaluated as if the applicant were in ",
		    "；申请主体所在地不含");
		ais_buf_adds(b, EN(lang) ? j->name_en : j->name_zh);
		SAY(b, lang, " (", "（");
		ais_buf_adds(b, j->id);
		SAY(b, lang, "), which its profile does not name",
		    "），按位于该地评估");
	}
	ais_buf_addc(b, '\n');
	SAY(b, lang, "program: ", "项目：");
	ais_buf_adds(b, EN(lang) ? pg->title_en : pg->title_zh);
	SAY(b, lang, " (", "（");
	ais_buf_adds(b, EN(lang) ? pg->title_zh : pg->title_en);
	SAY(b, lang, "), ", "），");
	ais_buf_adds(b, EN(lang) ? j->name_en : j->name_zh);
	ais_buf_addc(b, '\n');
	SAY(b, lang, "source:\n", "政策来源：\n");
	cite(b, headline(res, it), 2, lang);
	if (pg->document->validity_assumed) {
		SAY(b, lang, "validity (assumed): ", "有效期（假定）：");
		ais_buf_adds(b, AIS_L10N(pg->document->validity_note, lang));
		ais_buf_addc(b, '\n');
	}
	ais_buf_addc(b, '\n');
	steps(b, res, it, lang);
	figures(b, it, lang);
	verdict(b, res, it, lang);
	terms(b, res, it, lang);
	next_steps(b, res, it, lang);
	tail(b, it, lang, t);
	ais_buf_addc(b, '\n');
	if (!res->warnings.n) {
		SAY(b, lang, "warnings: none\n", "警告：无\n");
	} else {
		size_t i;

		SAY(b, lang, "warnings:\n", "警告：\n");
		for (i = 0; i < res->warnings.n; i++) {
			ADD(b, "  ! ");
			ais_buf_adds(b, res->warnings.v[i]);
			ais_buf_addc(b, '\n');
		}
	}
	SAY(b, lang, "receipt: aisubsidy " AIS_VERSION "; claim date ",
	    "凭据：aisubsidy " AIS_VERSION "；申报日 ");
	ais_buf_add(b, res->as_of_text, 10);
	SAY(b, lang, "; rules ", "；规则 ");
	ais_buf_adds(b, res->digest);
	if (res->reform_id) {
		/* issue 13: under a reform, its id and digest */
		SAY(b, lang, "; reform ", "；改革方案 ");
		ais_buf_adds(b, res->reform_id);
		ais_buf_addc(b, ' ');
		ais_buf_adds(b, res->reform_digest);
	}
	ais_buf_addc(b, '\n');
}

int
ais_explain_write(const struct ais_result *res, const struct ais_item *it,
	int moved, enum ais_lang lang, struct ais_buf *out)
{
	struct ais_buf *t = (struct ais_buf *)&res->scratch[1];

	AIS_OOM_BUF_BODY(out, explain_write(res, it, moved, lang, out, t));
}

int
ais_explain(const struct ais_rules *r, const struct ais_program *pg,
	const struct ais_profile *p, const char *json, size_t len,
	const struct ais_calc_opts *o, enum ais_lang lang,
	struct ais_result *res, struct ais_buf *out, struct ais_error *err)
{
	struct ais_calc_opts co = *o;
	const struct ais_item *it;
	const char **jur = NULL;
	int moved = 0;

	co.explain = 1;
	if (ais_calc(r, p, &co, res, err) < 0)
		return -1;
	it = ais_result_find_item(res, pg);
	if (!it) {
		/* not among the applicant's places: as if it were there too */
		size_t i;

		jur = malloc((co.njurisdictions + 1) * sizeof *jur);
		if (!jur) {
			ais_oom_error(err);
			return -1;
		}
		for (i = 0; i < co.njurisdictions; i++)
			jur[i] = co.jurisdictions[i];
		jur[i] = pg->jurisdiction->id;
		co.jurisdictions = jur;
		co.njurisdictions++;
		moved = 1;
		if (ais_calc(r, p, &co, res, err) < 0) {
			free(jur);
			return -1;
		}
		it = ais_result_find_item(res, pg);
	}
	/* what would qualify, from the text p was read from, evaluated
	 * with the same places */
	if (it && json && ais_qualify(r, json, len, p, &co, lang, res,
	    err) < 0) {
		free(jur);
		return -1;
	}
	free(jur);
	if (!it) {
		ais_error_set(err, AIS_EPROFILE, NULL, 0, 0, "%s could not be "
		    "evaluated for this profile", pg->id);
		return -1;
	}
	if (ais_explain_write(res, it, moved, lang, out) < 0) {
		ais_oom_error(err);
		return -1;
	}
	return 0;
}
