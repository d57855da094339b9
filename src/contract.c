/*
 * contract.c: the profile contract of a rule set told to people and to
 * validators: as a JSON Schema (draft 2020-12), which `aisubsidy schema
 * profile` prints, and as the Markdown of docs/profile.md and
 * docs/profile.zh.md, which `make check` compares with what is written.
 *
 * Both are made from the loaded contract (schema.h) alone, so that they
 * cannot say what the reader does not do.  The schema describes what the
 * reader accepts without a warning: a member given as null is taken as
 * absent (so every field that is not required also allows null), and an
 * unknown member, which the reader only warns about, is refused
 * (additionalProperties false), so that an editor flags it as the tool
 * does.  What JSON Schema cannot say (at most two decimals for an amount,
 * a field bounded by its sibling) is in the description.
 */
#include "contract.h"

#include <string.h>

#include "json.h"

/* The JSON Schema type of a field's values, for "type". */
static const char *
json_type(enum ais_ftype t)
{
	switch (t) {
	case AIS_F_BOOL:
		return "boolean";
	case AIS_F_AMOUNT:
	case AIS_F_RATIO:
		return "number";
	case AIS_F_INT:
		return "integer";
	case AIS_F_OBJECT:
		return "object";
	case AIS_F_LIST:
	case AIS_F_ENUMLIST:
		return "array";
	default:
		return "string";
	}
}

/* What a description adds to the field's own text, in English. */
static void
constraint_en(const struct ais_schema *s, const struct ais_field *f,
	struct ais_buf *b)
{
	if (f->type == AIS_F_AMOUNT)
		ais_buf_adds(b, "; yuan, at most two decimals");
	if (f->type == AIS_F_DATE)
		ais_buf_adds(b, "; a date YYYY-MM-DD");
	if (f->at_least >= 0)
		ais_buf_addf(b, "; not %s %s", f->type == AIS_F_DATE ? "before"
		    : "below", s->fields[f->at_least].name);
	if (f->at_most >= 0)
		ais_buf_addf(b, "; not %s %s", f->type == AIS_F_DATE ? "after"
		    : "above", s->fields[f->at_most].name);
	if (f->not_after_claim)
		ais_buf_adds(b, "; one after the claim date (as_of) is warned "
		    "about and not counted");
	if (f->names_program)
		ais_buf_adds(b, "; a program id of the rules; another is warned "
		    "about");
}

/* The same, in Chinese. */
static void
constraint_zh(const struct ais_schema *s, const struct ais_field *f,
	struct ais_buf *b)
{
	if (f->type == AIS_F_AMOUNT)
		ais_buf_adds(b, "；单位为元，至多两位小数");
	if (f->type == AIS_F_DATE)
		ais_buf_adds(b, "；日期，格式YYYY-MM-DD");
	if (f->at_least >= 0)
		ais_buf_addf(b, "；不得%s%s", f->type == AIS_F_DATE ? "早于"
		    : "小于", s->fields[f->at_least].name);
	if (f->at_most >= 0)
		ais_buf_addf(b, "；不得%s%s", f->type == AIS_F_DATE ? "晚于"
		    : "大于", s->fields[f->at_most].name);
	if (f->not_after_claim)
		ais_buf_adds(b, "；晚于申报日（as_of）的给出警告且不予计算");
	if (f->names_program)
		ais_buf_adds(b, "；须为规则中的项目编号，否则给出警告");
}

static void object_schema(struct ais_json *j, const struct ais_schema *s,
	struct ais_buf *tmp);

/* The schema of the field f of s. */
static void
field_schema(struct ais_json *j, const struct ais_schema *s,
	const struct ais_field *f, struct ais_buf *tmp)
{
	size_t k;

	ais_json_open(j, '{');
	ais_buf_reset(tmp);
	ais_buf_adds(tmp, f->desc_en);
	constraint_en(s, f, tmp);
	ais_json_key(j, "description");
	ais_json_str_n(j, tmp->p, tmp->len);
	ais_buf_reset(tmp);
	ais_buf_adds(tmp, f->desc_zh);
	constraint_zh(s, f, tmp);
	ais_json_key(j, "x-description-zh");
	ais_json_str_n(j, tmp->p, tmp->len);
	if (f->type == AIS_F_ENUM) {
		/* null is a value an absent field may be written as */
		ais_json_key(j, "enum");
		ais_json_open(j, '[');
		for (k = 0; f->enums[k]; k++)
			ais_json_str(j, f->enums[k]);
		if (!f->required)
			ais_json_null(j);
		ais_json_close(j, ']');
		if (f->default_enum)
			ais_json_kstr(j, "default", f->default_enum);
		ais_json_close(j, '}');
		return;
	}
	ais_json_key(j, "type");
	if (f->required) {
		ais_json_str(j, json_type(f->type));
	} else {
		ais_json_open(j, '[');
		ais_json_str(j, json_type(f->type));
		ais_json_str(j, "null");
		ais_json_close(j, ']');
	}
	switch (f->type) {
	case AIS_F_DATE:
		ais_json_kstr(j, "format", "date");
		ais_json_kstr(j, "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
		break;
	case AIS_F_BOOL:
		if (f->default_bool >= 0)
			ais_json_kbool(j, "default", f->default_bool);
		break;
	case AIS_F_AMOUNT:
		ais_json_kint(j, "minimum", 0);
		break;
	case AIS_F_RATIO:
		ais_json_kint(j, "minimum", 0);
		ais_json_kint(j, "maximum", 1);
		break;
	case AIS_F_INT:
		ais_json_kint(j, "minimum", f->min);
		ais_json_kint(j, "maximum", f->max);
		break;
	case AIS_F_OBJECT:
		object_schema(j, f->sub, tmp);
		break;
	case AIS_F_LIST:
		ais_json_key(j, "items");
		ais_json_open(j, '{');
		ais_json_kstr(j, "type", "object");
		object_schema(j, f->sub, tmp);
		ais_json_close(j, '}');
		break;
	case AIS_F_ENUMLIST:
		ais_json_key(j, "items");
		ais_json_open(j, '{');
		ais_json_key(j, "enum");
		ais_json_open(j, '[');
		for (k = 0; f->enums[k]; k++)
			ais_json_str(j, f->enums[k]);
		ais_json_close(j, ']');
		ais_json_close(j, '}');
		break;
	default:
		break;
	}
	ais_json_close(j, '}');
}

/* The members of an object's schema: its properties, those required, and
 * no other. */
static void
object_schema(struct ais_json *j, const struct ais_schema *s,
	struct ais_buf *tmp)
{
	size_t i;
	int any = 0;

	ais_json_key(j, "properties");
	ais_json_open(j, '{');
	for (i = 0; i < s->n; i++) {
		ais_json_key(j, s->fields[i].name);
		field_schema(j, s, &s->fields[i], tmp);
	}
	ais_json_close(j, '}');
	for (i = 0; i < s->n; i++)
		if (s->fields[i].required) {
			if (!any) {
				ais_json_key(j, "required");
				ais_json_open(j, '[');
				any = 1;
			}
			ais_json_str(j, s->fields[i].name);
		}
	if (any)
		ais_json_close(j, ']');
	ais_json_kbool(j, "additionalProperties", 0);
}

void
ais_contract_json_schema(const struct ais_rules *r, struct ais_buf *b)
{
	struct ais_buf tmp = AIS_BUF_INIT;
	struct ais_oom_cleanup tc;
	struct ais_json j;

	ais_oom_push(&tc, ais_oom_release_buf, &tmp);
	ais_json_init(&j, b, 1);
	ais_json_open(&j, '{');
	ais_json_kstr(&j, "$schema",
	    "https://json-schema.org/draft/2020-12/schema");
	ais_json_kstr(&j, "$id", "https://aisubsidy.invalid/schema/profile.json");
	ais_json_kstr(&j, "title", "aisubsidy applicant profile");
	ais_json_key(&j, "description");
	ais_json_str(&j, r->about.en ? r->about.en : "An applicant profile.");
	if (r->about.zh)
		ais_json_kstr(&j, "x-description-zh", r->about.zh);
	ais_json_kstr(&j, "type", "object");
	object_schema(&j, r->schema, &tmp);
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
	ais_oom_pop(&tc);
	ais_buf_release(&tmp);
}

/* ---- Markdown ---- */

#define W(lang, en, zh) ((lang) == AIS_LANG_EN ? (en) : (zh))

/* A field's type as the table shows it. */
static void
type_md(const struct ais_field *f, enum ais_lang lang, struct ais_buf *b)
{
	size_t k;

	switch (f->type) {
	case AIS_F_LIST:
		ais_buf_adds(b, W(lang, "list of objects", "对象列表"));
		return;
	case AIS_F_ENUM:
	case AIS_F_ENUMLIST:
		ais_buf_adds(b, f->type == AIS_F_ENUM ? W(lang, "one of ",
		    "取值之一：") : W(lang, "list of ", "列表，取值："));
		for (k = 0; f->enums[k]; k++)
			ais_buf_addf(b, "%s`%s`", k ? ", " : "", f->enums[k]);
		return;
	case AIS_F_INT:
		ais_buf_addf(b, W(lang, "integer %ld to %ld", "整数%ld至%ld"),
		    f->min, f->max);
		return;
	case AIS_F_RATIO:
		ais_buf_adds(b, W(lang, "ratio 0 to 1", "比例，0至1"));
		return;
	default:
		ais_buf_adds(b, ais_ftype_names[f->type]);
		return;
	}
}

/* One table: the fields of s. */
static void
table_md(const struct ais_schema *s, const char *prefix, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t i;

	ais_buf_adds(b, W(lang, "| field | type | required | default | "
	    "meaning |\n| --- | --- | --- | --- | --- |\n",
	    "| 字段 | 类型 | 必填 | 默认值 | 含义 |\n"
	    "| --- | --- | --- | --- | --- |\n"));
	for (i = 0; i < s->n; i++) {
		const struct ais_field *f = &s->fields[i];

		ais_buf_addf(b, "| `%s%s` | ", prefix, f->name);
		type_md(f, lang, b);
		ais_buf_addf(b, " | %s | ", f->required ? W(lang, "**yes**",
		    "**是**") : "");
		if (f->type == AIS_F_BOOL && f->default_bool < 0)
			ais_buf_adds(b, W(lang, "none: unknown when absent",
			    "无：省略即未知"));
		else if (f->type == AIS_F_BOOL)
			ais_buf_adds(b, f->default_bool ? "`true`" : "`false`");
		else if (f->default_enum)
			ais_buf_addf(b, "`%s`", f->default_enum);
		else if (f->type == AIS_F_LIST || f->type == AIS_F_ENUMLIST)
			ais_buf_adds(b, W(lang, "empty", "空"));
		ais_buf_adds(b, " | ");
		if (lang == AIS_LANG_EN) {
			ais_buf_adds(b, f->desc_en);
			constraint_en(s, f, b);
		} else {
			ais_buf_adds(b, f->desc_zh);
			constraint_zh(s, f, b);
		}
		ais_buf_adds(b, " |\n");
	}
}

void
ais_contract_markdown(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b)
{
	const struct ais_schema *s = r->schema;
	size_t i;

	ais_buf_adds(b, W(lang, "# The applicant profile\n\n",
	    "# 申请主体信息（profile）\n\n"));
	ais_buf_adds(b, W(lang, "Generated by `aisubsidy schema profile "
	    "--format markdown --lang en` from the profile contract of the "
	    "rules (`rules/profile.yaml` and the `profile:` declarations of "
	    "the rule files); do not edit. In Chinese: "
	    "[profile.zh.md](profile.zh.md). As a JSON Schema: `aisubsidy "
	    "schema profile`.\n\n", "由 `aisubsidy schema profile --format "
	    "markdown --lang zh` 根据规则的申请主体信息约定"
	    "（`rules/profile.yaml` 及各规则文件的 `profile:` 声明）生成，"
	    "请勿手工修改。英文版：[profile.md](profile.md)。JSON Schema："
	    "`aisubsidy schema profile`。\n\n"));
	if (r->about.zh)
		ais_buf_addf(b, "%s\n\n", lang == AIS_LANG_EN ? r->about.en
		    : r->about.zh);
	ais_buf_adds(b, W(lang, "A member written `null` is taken as absent. "
	    "An unknown member is warned about, with the field that was "
	    "probably meant; a wrong type, an unknown value or a missing "
	    "required field is an error that names the JSON path "
	    "(`$.compute_purchases[1].amount`), and the profile gets no "
	    "result. Every entry of a list may carry a string `id`, which "
	    "reasons and the result use to name it.\n\n",
	    "写作 `null` 的成员视为未提供。未知成员给出警告，并提示可能想写的字段；"
	    "类型错误、取值未知或缺少必填字段则报错并指明JSON路径"
	    "（`$.compute_purchases[1].amount`），该申请主体不出结果。列表中的每个条目"
	    "都可带字符串 `id`，理由和结果用它指称该条目。\n\n"));
	ais_buf_adds(b, W(lang, "## The profile\n\n", "## 顶层字段\n\n"));
	table_md(s, "", lang, b);
	for (i = 0; i < s->n; i++) {
		const struct ais_field *f = &s->fields[i];

		if (f->type != AIS_F_OBJECT && f->type != AIS_F_LIST)
			continue;
		ais_buf_addf(b, "\n## `%s%s`\n\n", f->name,
		    f->type == AIS_F_LIST ? "[]" : "");
		ais_buf_addf(b, "%s%s\n\n", lang == AIS_LANG_EN ? f->desc_en :
		    f->desc_zh, W(lang, f->type == AIS_F_LIST ? ": a list, each "
		    "entry an object of these fields." : ": an object of these "
		    "fields.", f->type == AIS_F_LIST ? "：列表，每个条目是含下列字段的对象。"
		    : "：含下列字段的对象。"));
		if (f->sub->dated_by) {
			size_t k;

			ais_buf_adds(b, W(lang, "An entry is dated by ",
			    "条目的日期取 "));
			for (k = 0; f->sub->dated_by[k] >= 0; k++)
				ais_buf_addf(b, "%s`%s`", k ? W(lang, ", else ",
				    "，其次 ") : "",
				    f->sub->fields[f->sub->dated_by[k]].name);
			ais_buf_adds(b, W(lang, ": one dated after the claim date, "
			    "or before a program's validity begins, is not "
			    "counted by that program.\n\n", "：日期晚于申报日、"
			    "或早于项目有效期开始的条目，该项目不予计入。\n\n"));
		}
		table_md(f->sub, "", lang, b);
	}
}
