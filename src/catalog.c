/*
 * catalog.c: the rule set as a Markdown catalogue (docs/programs.md in
 * English, docs/programs.zh.md in Chinese).
 *
 * The catalogue is generated from the loaded rules, so it says what the
 * rules say; `make check` compares both files with fresh ones.  Its own
 * words are written here in both languages, side by side (W below); the
 * rules' texts come in both languages from the rule files.
 */
#include <string.h>

#include "catalog.h"

/* The catalogue's word in lang: en for AIS_LANG_EN, else zh. */
#define W(lang, en, zh) ((lang) == AIS_LANG_EN ? (en) : (zh))

/* A value of the rule format or the profile (an enum of either) and
 * how the Chinese catalogue names it; the English one shows the value. */
struct zh_name {
	const char *value;
	const char *zh;
};

static const struct zh_name zh_names[] = {
	/* basis */
	{"formula", "按公式计算"},
	{"fixed", "定额"},
	{"ceiling", "最高限额"},
	{"unquantified", "未明确金额"},
	/* confidence */
	{"official", "官方发布"},
	{"reprint", "全文转载"},
	{"quoted", "报道引述原文"},
	{"report", "报道"},
	{"draft", "征求意见稿"},
	{"assumed", "本项目假定"},
	{"proposal", "拟议改革"},
	/* level */
	{"city", "市级"},
	{"province", "省级"},
	{"municipality", "直辖市"},
	{"total", "政策期内合计"},
	/* pool */
	{"year", "每年"},
	{"pro_rata", "按比例分配"},
	{"first_come", "先到先得"},
	/* kind of applicant */
	{"enterprise", "企业"},
	{"university", "高等院校"},
	{"research_institute", "科研机构"},
	{"vc_institution", "创投机构"},
	{"data_source_unit", "数源单位"},
	{"individual", "个人"},
	/* terms */
	{"base", "计算基数"},
	{"rate", "比例"},
	{"amount", "金额"},
	{"cap", "上限"},
	{NULL, NULL}
};

/* value as the catalogue in lang names it: itself in English, its
 * Chinese name in Chinese (itself when it has none). */
static const char *
name(enum ais_lang lang, const char *value)
{
	size_t i;

	if (lang == AIS_LANG_EN)
		return value;
	for (i = 0; zh_names[i].value; i++)
		if (strcmp(zh_names[i].value, value) == 0)
			return zh_names[i].zh;
	return value;
}

static void
date_or(struct ais_buf *b, ais_date d, const char *open)
{
	char t[11];

	if (d == AIS_DATE_MIN || d == AIS_DATE_MAX) {
		ais_buf_adds(b, open);
		return;
	}
	ais_date_format(d, t);
	ais_buf_adds(b, t);
}

/*
 * The period from..until.  English: "FROM to UNTIL", "…" for an open
 * end, open_until (when not NULL, else "…") for an open until.  Chinese:
 * "FROM 至 UNTIL", "FROM 起" when until is open (followed by "，" and
 * open_until_zh when given), "至 UNTIL" when from is open.
 */
static void
period(struct ais_buf *b, ais_date from, ais_date until, enum ais_lang lang,
	const char *open_until, const char *open_until_zh)
{
	int open_from = from == AIS_DATE_MIN || from == AIS_DATE_MAX;
	int open_to = until == AIS_DATE_MIN || until == AIS_DATE_MAX;

	if (lang == AIS_LANG_EN) {
		if (open_to && !open_from) {	/* "from 2024-01-18, until replaced" */
			ais_buf_adds(b, "from ");
			date_or(b, from, "");
			if (open_until)
				ais_buf_addf(b, ", %s", open_until);
			return;
		}
		date_or(b, from, "…");
		ais_buf_adds(b, " to ");
		date_or(b, until, open_until ? open_until : "…");
		return;
	}
	if (open_from && open_to) {
		ais_buf_adds(b, open_until_zh ? open_until_zh : "不限");
		return;
	}
	if (open_to) {
		date_or(b, from, "");
		ais_buf_adds(b, " 起");
		if (open_until_zh)
			ais_buf_addf(b, "，%s", open_until_zh);
		return;
	}
	if (!open_from) {
		date_or(b, from, "");
		ais_buf_addc(b, ' ');
	}
	ais_buf_adds(b, "至 ");
	date_or(b, until, "");
}

/* Adds s with the characters that break a Markdown table cell escaped. */
static void
cell(struct ais_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			ais_buf_adds(b, "\\|");
		else if (*s == '\n')
			ais_buf_addc(b, ' ');
		else
			ais_buf_addc(b, *s);
	}
}

/* "; published in 人民日报, 2024-04-15, 第18版, 《...》" for p (nothing
 * when NULL), and its address. */
static void
publication_text(struct ais_buf *b, const struct ais_publication *p,
	enum ais_lang lang)
{
	char d[11];

	if (!p)
		return;
	ais_buf_adds(b, W(lang, "; published in ", "；刊载于"));
	cell(b, p->outlet);
	if (p->date != AIS_DATE_MIN) {
		ais_date_format(p->date, d);
		ais_buf_addf(b, W(lang, ", %s", "，%s"), d);
	}
	if (p->page) {
		ais_buf_adds(b, W(lang, ", ", "，"));
		cell(b, p->page);
	}
	if (p->title) {
		ais_buf_adds(b, W(lang, ", 《", "，《"));
		cell(b, p->title);
		ais_buf_adds(b, "》");
	}
	if (p->author) {
		ais_buf_adds(b, W(lang, ", ", "，"));
		cell(b, p->author);
	}
	if (p->url) {
		ais_buf_adds(b, W(lang, ", <", "，<"));
		cell(b, p->url);
		ais_buf_adds(b, ">");
	}
}

static void
source_text(struct ais_buf *b, const struct ais_source *s, enum ais_lang lang)
{
	ais_buf_addf(b, "%s%s%s", s->document->id, W(lang, ", ", "，"),
	    name(lang, s->confidence));
	if (s->article)
		ais_buf_addf(b, W(lang, ", %s", "，%s"), s->article);
	publication_text(b, s->published, lang);
}

/* A source other than the program's, after a term or a condition. */
static void
other_source(struct ais_buf *b, const struct ais_source *s,
	enum ais_lang lang)
{
	ais_buf_adds(b, W(lang, " [", "（来源："));
	source_text(b, s, lang);
	ais_buf_adds(b, W(lang, "]", "）"));
}

/* The grade of a term that rests on the program's own source s. */
static void
same_source(struct ais_buf *b, const struct ais_source *s,
	enum ais_lang lang)
{
	ais_buf_addf(b, W(lang, " [the program's source, %s]",
	    "（来源同上，%s）"), name(lang, s->confidence));
}

/* A part of a guide's source, when not the program's. */
static void
guide_source(struct ais_buf *b, const struct ais_program *pg,
	const struct ais_source *s, enum ais_lang lang)
{
	if (s != pg->source || pg->nsources)
		other_source(b, s, lang);
	else
		same_source(b, s, lang);
}

/* How to apply, as far as a source says. */
static void
guide(struct ais_buf *b, const struct ais_program *pg, enum ais_lang lang)
{
	const struct ais_guide *g = &pg->guide;
	size_t i;

	if (!g->present)
		return;
	ais_buf_adds(b, W(lang, "- how to apply:\n", "- 申报指引：\n"));
	if (g->agency.text.en) {
		ais_buf_addf(b, W(lang, "  - agency: %s", "  - 受理部门：%s"),
		    AIS_L10N(g->agency.text, lang));
		guide_source(b, pg, g->agency.source, lang);
		ais_buf_addc(b, '\n');
	}
	if (g->channel.text.en) {
		ais_buf_addf(b, W(lang, "  - channel: %s", "  - 申报渠道：%s"),
		    AIS_L10N(g->channel.text, lang));
		guide_source(b, pg, g->channel.source, lang);
		ais_buf_addc(b, '\n');
	}
	for (i = 0; i < g->nwindows; i++) {
		const struct ais_guide_window *gw = &g->windows[i];

		ais_buf_adds(b, W(lang, "  - window: ", "  - 申报时间："));
		period(b, gw->from, gw->until, lang, NULL, NULL);
		if (gw->label.en)
			ais_buf_addf(b, W(lang, " (%s)", "（%s）"),
			    AIS_L10N(gw->label, lang));
		guide_source(b, pg, gw->source, lang);
		ais_buf_addc(b, '\n');
	}
	for (i = 0; i < g->nmaterials; i++) {
		ais_buf_addf(b, W(lang, "  - bring: %s", "  - 申报材料：%s"),
		    AIS_L10N(g->materials[i], lang));
		if (i + 1 == g->nmaterials)
			guide_source(b, pg, g->materials_source, lang);
		ais_buf_addc(b, '\n');
	}
	if (g->payout) {
		ais_buf_addf(b, W(lang, "  - payout: %s", "  - 兑付方式：%s"),
		    g->payout);
		guide_source(b, pg, g->payout_source, lang);
		ais_buf_addc(b, '\n');
	}
}

static void
term(struct ais_buf *b, const char *tname, const struct ais_term *t,
	const struct ais_source *dflt, enum ais_lang lang)
{
	size_t i;

	if (!t->n)
		return;
	for (i = 0; i < t->n; i++) {
		const struct ais_version *v = &t->v[i];

		ais_buf_addf(b, "  - %s", name(lang, tname));
		if (t->n > 1 || v->from != AIS_DATE_MIN ||
		    v->until != AIS_DATE_MAX) {
			ais_buf_adds(b, W(lang, " (", "（"));
			period(b, v->from, v->until, lang, NULL, NULL);
			ais_buf_adds(b, W(lang, ")", "）"));
		}
		if (v->ended)
			ais_buf_adds(b, W(lang, ": ended", "：已停止"));
		else
			ais_buf_addf(b, W(lang, ": `%s`", "：`%s`"),
			    ais_expr_text(v->expr));
		if (v->per == AIS_PER_YEAR)
			ais_buf_adds(b, W(lang, ", annual: the year's prior "
			    "awards count (每年累计)", "，每年累计（计入当年已获"
			    "支持）"));
		else if (v->per == AIS_PER_CUMULATIVE)
			ais_buf_adds(b, W(lang, ", cumulative: every prior "
			    "award counts (累计)", "，累计（计入历年已获支持）"));
		if (v->source != dflt)
			other_source(b, v->source, lang);
		else
			same_source(b, v->source, lang);
		ais_buf_addc(b, '\n');
	}
}

static void
conditions(struct ais_buf *b, const char *what,
	const struct ais_condition *c, size_t n, const struct ais_source *src,
	enum ais_lang lang)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ais_buf_addf(b, W(lang, "  - %s: %s", "  - %s：%s"), what,
		    AIS_L10N(c[i].says, lang));
		if (c[i].test.n == 1)
			ais_buf_addf(b, " — `%s`", c[i].test.v[0].ended ?
			    W(lang, "ended", "已停止") :
			    ais_expr_text(c[i].test.v[0].expr));
		if (c[i].test.v[0].source != src)
			other_source(b, c[i].test.v[0].source, lang);
		else
			same_source(b, src, lang);
		ais_buf_addc(b, '\n');
	}
}

static void
program(struct ais_buf *b, const struct ais_program *pg, enum ais_lang lang)
{
	/* a headline source that changes with the date is no "same as"
	 * for the terms: each names its own */
	const struct ais_source *dflt = pg->nsources ? NULL : pg->source;
	const char *const *kinds = pg->kinds;
	size_t i;
	int first = 1;

	if (lang == AIS_LANG_EN)
		ais_buf_addf(b, "### `%s`: %s / %s\n\n", pg->id, pg->title_zh,
		    pg->title_en);
	else
		ais_buf_addf(b, "### `%s`：%s\n\n", pg->id, pg->title_zh);
	ais_buf_addf(b, W(lang, "- document: %s (%s)\n", "- 政策文件：%s（%s）\n"),
	    pg->document->title, pg->document->id);
	if (!pg->nsources) {
		ais_buf_adds(b, W(lang, "- source: ", "- 来源："));
		source_text(b, pg->source, lang);
		if (pg->source->clause)
			ais_buf_addf(b, W(lang, ": %s", "：%s"),
			    pg->source->clause);
		ais_buf_addc(b, '\n');
	}
	for (i = 0; i < pg->nsources; i++) {
		ais_buf_adds(b, W(lang, "- source (", "- 来源（"));
		period(b, pg->sources[i].from, pg->sources[i].until, lang,
		    NULL, NULL);
		ais_buf_adds(b, W(lang, "): ", "）："));
		source_text(b, pg->sources[i].source, lang);
		if (pg->sources[i].source->clause)
			ais_buf_addf(b, W(lang, ": %s", "：%s"),
			    pg->sources[i].source->clause);
		ais_buf_addc(b, '\n');
	}
	ais_buf_adds(b, W(lang, "- valid: ", "- 有效期："));
	period(b, pg->valid_from, pg->valid_until, lang, "until replaced",
	    "至被替代时止");
	if (pg->entries_from != pg->valid_from) {
		/* list entries dated before the validity still count */
		if (pg->entries_from == AIS_DATE_MIN)
			ais_buf_adds(b, W(lang, "; list entries of any date "
			    "count", "；清单条目不限日期"));
		else
			ais_buf_addf(b, W(lang, "; list entries count from %s",
			    "；清单条目自%s起计入"), pg->entries_from_text);
	}
	ais_buf_adds(b, W(lang, "\n- who may apply: ", "\n- 申请主体："));
	if (pg->any_applicant)
		ais_buf_adds(b, W(lang, "any kind", "不限"));
	for (i = 0; kinds[i]; i++)
		if (pg->applicants & (1u << i)) {
			ais_buf_addf(b, "%s%s", first ? "" : W(lang, ", ", "、"),
			    name(lang, kinds[i]));
			first = 0;
		}
	ais_buf_addc(b, '\n');
	if (pg->nconditions) {
		ais_buf_adds(b, W(lang, "- conditions:\n", "- 申请条件：\n"));
		conditions(b, W(lang, "condition", "条件"), pg->conditions,
		    pg->nconditions, dflt, lang);
	}
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];
		size_t k;

		ais_buf_addf(b, W(lang, "- award \"%s\", %s", "- 支持项【%s】，%s"),
		    AIS_L10N(aw->label, lang),
		    name(lang, ais_basis_names[aw->basis]));
		if (aw->each)
			ais_buf_addf(b, W(lang, ", for each entry of `%s`%s%s%s",
			    "，按 `%s` 逐项计算%s%s%s"),
			    aw->each->name,
			    aw->where ? W(lang, " where `", "（限 `") : "",
			    aw->where ? ais_expr_text(aw->where) : "",
			    aw->where ? W(lang, "`", "`）") : "");
		if (aw->from != AIS_DATE_MIN || aw->until != AIS_DATE_MAX) {
			ais_buf_adds(b, W(lang, ", from ", "，"));
			period(b, aw->from, aw->until, lang, NULL, NULL);
		}
		if (aw->project)
			ais_buf_addf(b, W(lang, ", project `%s`", "，项目 `%s`"),
			    aw->project);
		ais_buf_adds(b, W(lang, ":\n", "：\n"));
		conditions(b, W(lang, "when", "适用条件"), aw->when, aw->nwhen,
		    dflt, lang);
		term(b, "base", &aw->base, dflt, lang);
		term(b, "rate", &aw->rate, dflt, lang);
		term(b, "amount", &aw->amount, dflt, lang);
		term(b, "ceiling", &aw->ceiling, dflt, lang);
		term(b, "cap", &aw->cap, dflt, lang);
		if (!aw->any_applicant) {
			int any = 0;

			ais_buf_adds(b, W(lang, "  - goes to: ", "  - 支持对象："));
			for (k = 0; kinds[k]; k++)
				if (aw->applicants & (1u << k)) {
					ais_buf_addf(b, "%s%s", any ?
					    W(lang, ", ", "、") : "",
					    name(lang, kinds[k]));
					any = 1;
				}
			ais_buf_addc(b, '\n');
		}
		for (k = 0; k < aw->nmanual; k++)
			ais_buf_addf(b, W(lang, "  - manual check: %s\n",
			    "  - 人工核查：%s\n"),
			    AIS_L10N(aw->manual_checks[k], lang));
	}
	if (pg->cap.n) {
		ais_buf_adds(b, W(lang, "- per applicant:\n",
		    "- 每个申请人合计：\n"));
		term(b, "cap", &pg->cap, dflt, lang);
	}
	if (pg->same_project)
		ais_buf_addf(b, W(lang, "- same project once: group `%s`\n",
		    "- 同一项目就高不就低：组 `%s`\n"), pg->same_project);
	if (pg->pool.present) {
		ais_buf_addf(b, W(lang, "- pool (per %s, %s", "- 资金池（%s，%s"),
		    name(lang, pg->pool.per), name(lang, pg->pool.allocation));
		for (i = 0; pg->pool.shared_with[i]; i++)
			ais_buf_addf(b, "%s%s", i ? W(lang, ", ", "、") :
			    W(lang, ", shared with ", "，与 "),
			    pg->pool.shared_with[i]);
		if (i && lang != AIS_LANG_EN)
			ais_buf_adds(b, " 共用");
		ais_buf_adds(b, W(lang, "):\n", "）：\n"));
		term(b, W(lang, "amount", "总额"), &pg->pool.amount, dflt,
		    lang);
	}
	guide(b, pg, lang);
	for (i = 0; i < pg->nmanual; i++)
		ais_buf_addf(b, W(lang, "- manual check: %s\n", "- 人工核查：%s\n"),
		    AIS_L10N(pg->manual_checks[i], lang));
	for (i = 0; i < pg->nnotes; i++)
		ais_buf_addf(b, W(lang, "- note: %s\n", "- 说明：%s\n"),
		    AIS_L10N(pg->notes[i], lang));
	ais_buf_addc(b, '\n');
}

/* The table of every program, with the kinds of result it gives. */
static void
summary(struct ais_buf *b, const struct ais_rules *r, enum ais_lang lang)
{
	size_t i, k;

	ais_buf_adds(b, W(lang, "| program | 中文 | English | basis |\n",
	    "| 项目 | 名称 | 英文名称 | 计算方式 |\n"));
	ais_buf_adds(b, "| --- | --- | --- | --- |\n");
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++) {
			const struct ais_program *pg = &r->j[i].programs[k];
			size_t a;

			ais_buf_addf(b, "| `%s` | ", pg->id);
			cell(b, pg->title_zh);
			ais_buf_adds(b, " | ");
			cell(b, pg->title_en);
			ais_buf_adds(b, " | ");
			for (a = 0; a < pg->nawards; a++) {
				size_t q;

				for (q = 0; q < a; q++)
					if (pg->awards[q].basis ==
					    pg->awards[a].basis)
						break;
				if (q < a)
					continue;
				ais_buf_addf(b, "%s%s", a ? W(lang, ", ", "、") :
				    "", name(lang,
				    ais_basis_names[pg->awards[a].basis]));
			}
			ais_buf_adds(b, " |\n");
		}
	ais_buf_addc(b, '\n');
}

/* The heading of j. */
static void
heading(struct ais_buf *b, const struct ais_jurisdiction *j,
	enum ais_lang lang)
{
	if (lang == AIS_LANG_EN) {
		ais_buf_addf(b, "## %s %s (%s, %s", j->name_zh, j->name_en,
		    j->id, j->level);
		if (j->parent_id)
			ais_buf_addf(b, ", in %s", j->parent_id);
		ais_buf_addf(b, "): `%s`\n\n", j->file);
	} else {
		ais_buf_addf(b, "## %s（%s，%s", j->name_zh, j->id,
		    name(lang, j->level));
		if (j->parent)
			ais_buf_addf(b, "，隶属%s", j->parent->name_zh);
		else if (j->parent_id)
			ais_buf_addf(b, "，上级 `%s`", j->parent_id);
		ais_buf_addf(b, "）：`%s`\n\n", j->file);
	}
}

/* The table of j's documents. */
static void
document_table(struct ais_buf *b, const struct ais_jurisdiction *j,
	enum ais_lang lang)
{
	size_t k;

	ais_buf_adds(b, W(lang, "| document | title | issued | valid |\n",
	    "| 文件 | 标题 | 印发日期 | 有效期 |\n"));
	ais_buf_adds(b, "| --- | --- | --- | --- |\n");
	for (k = 0; k < j->ndocuments; k++) {
		const struct ais_document *d = &j->documents[k];

		ais_buf_addf(b, "| `%s` | ", d->id);
		cell(b, d->title);
		if (d->number) {
			ais_buf_adds(b, W(lang, ", ", "，"));
			cell(b, d->number);
		}
		if (d->issuer) {
			ais_buf_adds(b, W(lang, ", ", "，"));
			cell(b, d->issuer);
		}
		ais_buf_adds(b, " | ");
		date_or(b, d->date, W(lang, "not given", "未载明"));
		ais_buf_adds(b, " | ");
		period(b, d->valid_from, d->valid_until, lang, "until replaced",
		    "至被替代时止");
		if (d->validity_assumed)
			ais_buf_adds(b, W(lang, " (**assumed**: ", "（**假定**："));
		else if (d->validity_note.en)
			ais_buf_adds(b, W(lang, " (", "（"));
		if (d->validity_note.en) {
			cell(b, AIS_L10N(d->validity_note, lang));
			ais_buf_adds(b, W(lang, ")", "）"));
		}
		ais_buf_adds(b, " |\n");
	}
	ais_buf_addc(b, '\n');
}

/* The heading of j and the table of its documents. */
static void
documents(struct ais_buf *b, const struct ais_jurisdiction *j,
	enum ais_lang lang)
{
	heading(b, j, lang);
	document_table(b, j, lang);
}

static void
catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t i, k;

	ais_buf_adds(b, W(lang, "# Programs of the built-in rules\n\n"
	    "Generated by `aisubsidy programs` from `rules/*.yaml`; "
	    "`make check` fails when this file\ndiffers from the rules. "
	    "Regenerate it with `make docs`.\n\n",
	    "# 内置规则收录的政策项目\n\n"
	    "本文件由 `aisubsidy programs --lang zh` 根据 `rules/*.yaml` "
	    "生成；与规则不一致时 `make check`\n报错，请用 `make docs` "
	    "重新生成。英文版见 [programs.md](programs.md)。\n\n"));
	ais_buf_addf(b, W(lang, "Rule set digest: `%s`.\n\n",
	    "规则集摘要：`%s`。\n\n"), r->digest);
	summary(b, r, lang);
	for (i = 0; i < r->nj; i++) {
		documents(b, &r->j[i], lang);
		for (k = 0; k < r->j[i].nprograms; k++)
			program(b, &r->j[i].programs[k], lang);
	}
}

int
ais_catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, catalog_write(r, lang, b));
}

/*
 * For aisubsidy rules (rulestool.c): the words, one program's block and
 * one jurisdiction's heading of the catalogue, and a program as JSON.
 */

const char *
ais_catalog_name(enum ais_lang lang, const char *value)
{
	return name(lang, value);
}

void
ais_catalog_basis(const struct ais_program *pg, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t a, q;

	for (a = 0; a < pg->nawards; a++) {
		for (q = 0; q < a; q++)
			if (pg->awards[q].basis == pg->awards[a].basis)
				break;
		if (q < a)
			continue;
		ais_buf_addf(b, "%s%s", a ? W(lang, ", ", "、") : "",
		    name(lang, ais_basis_names[pg->awards[a].basis]));
	}
}

int
ais_catalog_program(const struct ais_program *pg, enum ais_lang lang,
	struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, program(b, pg, lang));
}

/* The heading and documents of j, then its programs, one a line. */
static void
jurisdiction_text(const struct ais_jurisdiction *j, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t k;

	heading(b, j, lang);
	if (j->ndocuments)
		document_table(b, j, lang);
	if (!j->nprograms) {
		ais_buf_adds(b, W(lang, "No programs of its own.\n",
		    "暂无本级政策项目。\n"));
		return;
	}
	ais_buf_adds(b, W(lang, "Programs:\n\n", "政策项目：\n\n"));
	for (k = 0; k < j->nprograms; k++) {
		const struct ais_program *pg = &j->programs[k];

		ais_buf_addf(b, "- `%s`%s%s\n", pg->id, W(lang, ": ", "："),
		    lang == AIS_LANG_EN ? pg->title_en : pg->title_zh);
	}
}

int
ais_catalog_jurisdiction(const struct ais_jurisdiction *j,
	enum ais_lang lang, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, jurisdiction_text(j, lang, b));
}

/* {"zh": ..., "en": ...} for t, under key k (nothing when t is absent). */
static void
json_l10n(struct ais_json *j, const char *k, struct ais_l10n t)
{
	if (!t.en)
		return;
	ais_json_key(j, k);
	ais_json_open(j, '{');
	ais_json_kstr(j, "zh", t.zh);
	ais_json_kstr(j, "en", t.en);
	ais_json_close(j, '}');
}

static void
json_l10n_list(struct ais_json *j, const char *k, const struct ais_l10n *t,
	size_t n)
{
	size_t i;

	if (!n)
		return;
	ais_json_key(j, k);
	ais_json_open(j, '[');
	for (i = 0; i < n; i++) {
		ais_json_open(j, '{');
		ais_json_kstr(j, "zh", t[i].zh);
		ais_json_kstr(j, "en", t[i].en);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
}

static void
json_publication(struct ais_json *j, const struct ais_publication *p)
{
	ais_json_key(j, "publication");
	ais_json_open(j, '{');
	ais_json_kstr(j, "key", p->key);
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
	if (p->url && p->retrieved != AIS_DATE_MIN)
		ais_json_kdate(j, "retrieved", p->retrieved);
	json_l10n(j, "note", p->note);
	ais_json_close(j, '}');
}

/* "source": {...}: every field the rule file gives of s. */
static void
json_source(struct ais_json *j, const char *k, const struct ais_source *s)
{
	ais_json_key(j, k);
	ais_json_open(j, '{');
	if (s->name)
		ais_json_kstr(j, "name", s->name);
	ais_json_kstr(j, "document_id", s->document->id);
	ais_json_kstr(j, "document", s->document->title);
	if (s->article)
		ais_json_kstr(j, "article", s->article);
	if (s->clause)
		ais_json_kstr(j, "clause", s->clause);
	ais_json_kstr(j, "confidence", s->confidence);
	if (s->published)
		json_publication(j, s->published);
	if (s->url)
		ais_json_kstr(j, "url", s->url);
	if (s->url && s->retrieved != AIS_DATE_MIN)
		ais_json_kdate(j, "retrieved", s->retrieved);
	json_l10n(j, "note", s->note);
	ais_json_close(j, '}');
}

/* "name": [{"from", "until", "value" or "ended", "per", "source"}, ...]:
 * every dated value of term t. */
static void
json_term(struct ais_json *j, const char *tname, const struct ais_term *t)
{
	size_t i;

	if (!t->n)
		return;
	ais_json_key(j, tname);
	ais_json_open(j, '[');
	for (i = 0; i < t->n; i++) {
		const struct ais_version *v = &t->v[i];

		ais_json_open(j, '{');
		ais_json_kdate(j, "from", v->from);
		ais_json_kdate(j, "until", v->until);
		if (v->ended)
			ais_json_kbool(j, "ended", 1);
		else
			ais_json_kstr(j, "value", ais_expr_text(v->expr));
		if (v->per == AIS_PER_YEAR)
			ais_json_kstr(j, "per", "year");
		else if (v->per == AIS_PER_CUMULATIVE)
			ais_json_kstr(j, "per", "cumulative");
		json_source(j, "source", v->source);
		json_l10n(j, "note", v->note);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
}

static void
json_conditions(struct ais_json *j, const char *k,
	const struct ais_condition *c, size_t n)
{
	size_t i;

	if (!n)
		return;
	ais_json_key(j, k);
	ais_json_open(j, '[');
	for (i = 0; i < n; i++) {
		ais_json_open(j, '{');
		ais_json_kstr(j, "id", c[i].id);
		json_l10n(j, "says", c[i].says);
		json_term(j, "test", &c[i].test);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
}

/* "applicants": the kinds bits names, or null for any kind. */
static void
json_kinds(struct ais_json *j, const char *const *kinds, int any,
	unsigned bits)
{
	size_t k;

	ais_json_key(j, "applicants");
	if (any) {
		ais_json_null(j);
		return;
	}
	ais_json_open(j, '[');
	for (k = 0; kinds[k]; k++)
		if (bits & (1u << k))
			ais_json_str(j, kinds[k]);
	ais_json_close(j, ']');
}

static void
json_guide_source(struct ais_json *j, const struct ais_source *s)
{
	json_source(j, "source", s);
}

static void
json_guide(struct ais_json *j, const struct ais_guide *g)
{
	size_t i;

	if (!g->present)
		return;
	ais_json_key(j, "guide");
	ais_json_open(j, '{');
	if (g->agency.text.en) {
		ais_json_key(j, "agency");
		ais_json_open(j, '{');
		json_l10n(j, "text", g->agency.text);
		json_guide_source(j, g->agency.source);
		ais_json_close(j, '}');
	}
	if (g->channel.text.en) {
		ais_json_key(j, "channel");
		ais_json_open(j, '{');
		json_l10n(j, "text", g->channel.text);
		json_guide_source(j, g->channel.source);
		ais_json_close(j, '}');
	}
	if (g->nwindows) {
		ais_json_key(j, "window");
		ais_json_open(j, '[');
		for (i = 0; i < g->nwindows; i++) {
			ais_json_open(j, '{');
			ais_json_kdate(j, "from", g->windows[i].from);
			ais_json_kdate(j, "until", g->windows[i].until);
			json_l10n(j, "label", g->windows[i].label);
			json_guide_source(j, g->windows[i].source);
			ais_json_close(j, '}');
		}
		ais_json_close(j, ']');
	}
	if (g->nmaterials) {
		ais_json_key(j, "materials");
		ais_json_open(j, '{');
		json_l10n_list(j, "text", g->materials, g->nmaterials);
		json_guide_source(j, g->materials_source);
		ais_json_close(j, '}');
	}
	if (g->payout) {
		ais_json_key(j, "payout");
		ais_json_open(j, '{');
		ais_json_kstr(j, "value", g->payout);
		json_guide_source(j, g->payout_source);
		ais_json_close(j, '}');
	}
	ais_json_close(j, '}');
}

static void
program_json(const struct ais_program *pg, struct ais_json *j)
{
	const struct ais_document *d = pg->document;
	size_t i;

	ais_json_open(j, '{');
	ais_json_kstr(j, "id", pg->id);
	ais_json_kstr(j, "jurisdiction", pg->jurisdiction->id);
	ais_json_key(j, "title");
	ais_json_open(j, '{');
	ais_json_kstr(j, "zh", pg->title_zh);
	ais_json_kstr(j, "en", pg->title_en);
	ais_json_close(j, '}');
	ais_json_key(j, "document");
	ais_json_open(j, '{');
	ais_json_kstr(j, "id", d->id);
	ais_json_kstr(j, "title", d->title);
	if (d->title_en)
		ais_json_kstr(j, "title_en", d->title_en);
	if (d->number)
		ais_json_kstr(j, "number", d->number);
	if (d->issuer)
		ais_json_kstr(j, "issuer", d->issuer);
	if (d->date != AIS_DATE_MIN)
		ais_json_kdate(j, "date", d->date);
	if (d->url)
		ais_json_kstr(j, "url", d->url);
	ais_json_close(j, '}');
	ais_json_key(j, "valid");
	ais_json_open(j, '{');
	ais_json_kdate(j, "from", pg->valid_from);
	ais_json_kdate(j, "until", pg->valid_until);
	if (d->validity_assumed)
		ais_json_kbool(j, "assumed", 1);
	json_l10n(j, "note", d->validity_note);
	ais_json_close(j, '}');
	if (pg->entries_from != pg->valid_from) {
		ais_json_key(j, "entries_from");
		if (pg->entries_from == AIS_DATE_MIN)
			ais_json_str(j, "any");
		else
			ais_json_date(j, pg->entries_from);
	}
	json_kinds(j, pg->kinds, pg->any_applicant, pg->applicants);
	if (!pg->nsources) {
		json_source(j, "source", pg->source);
	} else {
		ais_json_key(j, "sources");
		ais_json_open(j, '[');
		for (i = 0; i < pg->nsources; i++) {
			ais_json_open(j, '{');
			ais_json_kdate(j, "from", pg->sources[i].from);
			ais_json_kdate(j, "until", pg->sources[i].until);
			json_source(j, "source", pg->sources[i].source);
			ais_json_close(j, '}');
		}
		ais_json_close(j, ']');
	}
	json_conditions(j, "conditions", pg->conditions, pg->nconditions);
	ais_json_key(j, "awards");
	ais_json_open(j, '[');
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		ais_json_open(j, '{');
		json_l10n(j, "label", aw->label);
		ais_json_kstr(j, "basis", ais_basis_names[aw->basis]);
		if (aw->from != AIS_DATE_MIN || aw->until != AIS_DATE_MAX) {
			ais_json_key(j, "valid");
			ais_json_open(j, '{');
			ais_json_kdate(j, "from", aw->from);
			ais_json_kdate(j, "until", aw->until);
			ais_json_close(j, '}');
		}
		if (aw->each)
			ais_json_kstr(j, "each", aw->each->name);
		if (aw->where)
			ais_json_kstr(j, "where", ais_expr_text(aw->where));
		if (aw->project)
			ais_json_kstr(j, "project", aw->project);
		if (!aw->any_applicant)
			json_kinds(j, pg->kinds, 0, aw->applicants);
		json_conditions(j, "when", aw->when, aw->nwhen);
		json_term(j, "base", &aw->base);
		json_term(j, "rate", &aw->rate);
		json_term(j, "amount", &aw->amount);
		json_term(j, "ceiling", &aw->ceiling);
		json_term(j, "cap", &aw->cap);
		json_l10n_list(j, "manual_checks", aw->manual_checks,
		    aw->nmanual);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
	json_term(j, "cap", &pg->cap);
	if (pg->same_project)
		ais_json_kstr(j, "same_project", pg->same_project);
	if (pg->pool.present) {
		ais_json_key(j, "pool");
		ais_json_open(j, '{');
		ais_json_kstr(j, "per", pg->pool.per);
		ais_json_kstr(j, "allocation", pg->pool.allocation);
		ais_json_key(j, "shared_with");
		ais_json_open(j, '[');
		for (i = 0; pg->pool.shared_with[i]; i++)
			ais_json_str(j, pg->pool.shared_with[i]);
		ais_json_close(j, ']');
		json_term(j, "amount", &pg->pool.amount);
		json_l10n(j, "note", pg->pool.note);
		ais_json_close(j, '}');
	}
	json_guide(j, &pg->guide);
	json_l10n_list(j, "manual_checks", pg->manual_checks, pg->nmanual);
	json_l10n_list(j, "notes", pg->notes, pg->nnotes);
	ais_json_kstr(j, "lowest_grade", ais_program_lowest_grade(pg));
	ais_json_close(j, '}');
}

int
ais_catalog_program_json(const struct ais_program *pg, struct ais_json *j)
{
	AIS_OOM_BUF_BODY(j->b, program_json(pg, j));
}

/* The grades from the surest down (docs/rules.md). */
static const char *const grades[] = {
	"official", "reprint", "quoted", "report", "draft", "assumed",
	"proposal", NULL
};

int
ais_grade_rank(const char *confidence)
{
	int i;

	for (i = 0; grades[i]; i++)
		if (strcmp(grades[i], confidence) == 0)
			return i;
	return i;
}

static void
term_lowest(const struct ais_term *t, int *low)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		int g = ais_grade_rank(t->v[i].source->confidence);

		if (g > *low)
			*low = g;
	}
}

static void
conditions_lowest(const struct ais_condition *c, size_t n, int *low)
{
	size_t i;

	for (i = 0; i < n; i++)
		term_lowest(&c[i].test, low);
}

const char *
ais_program_lowest_grade(const struct ais_program *pg)
{
	int low = 0;
	size_t i;

	conditions_lowest(pg->conditions, pg->nconditions, &low);
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		conditions_lowest(aw->when, aw->nwhen, &low);
		term_lowest(&aw->base, &low);
		term_lowest(&aw->rate, &low);
		term_lowest(&aw->amount, &low);
		term_lowest(&aw->ceiling, &low);
		term_lowest(&aw->cap, &low);
	}
	term_lowest(&pg->cap, &low);
	if (pg->pool.present)
		term_lowest(&pg->pool.amount, &low);
	return grades[low] ? grades[low] : "assumed";
}
