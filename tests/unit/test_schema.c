/*
 * test_schema.c: the profile contract as the built-in rules declare it
 * (rules/profile.yaml) agrees with docs/profile.md and with itself, the
 * look-ups find what they should, and the loader refuses a contract that
 * is wrong, with its place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"
#include "schema.h"

/* The contract of the built-in rules. */
static struct ais_rules *R;
static const struct ais_schema *S;

/* The field called name in s, failing the test when there is none. */
static const struct ais_field *
field(const struct ais_schema *s, const char *name)
{
	int i = ais_schema_find(s, name, strlen(name));

	assert_true(i >= 0);
	return &s->fields[i];
}

/* Checks s and every schema below it for inner consistency. */
static void
check_schema(const struct ais_schema *s)
{
	size_t i, k;
	const struct ais_field *f;

	assert_non_null(s->name);
	assert_true(s->n > 0);
	assert_true(s->n <= 64);	/* profile.c keeps a 64-bit seen mask */
	for (i = 0; i < s->n; i++) {
		f = &s->fields[i];
		assert_non_null(s->names[i]);
		assert_string_equal(s->names[i], f->name);
		assert_int_equal(ais_schema_find(s, f->name, strlen(f->name)),
		    (int)i);
		switch (f->type) {
		case AIS_F_ENUM:
		case AIS_F_ENUMLIST:
			assert_non_null(f->enums);
			assert_non_null(f->enums[0]);
			if (f->default_enum != NULL)
				assert_true(ais_enum_find(f->enums,
				    f->default_enum,
				    strlen(f->default_enum)) >= 0);
			for (k = 0; f->enums[k] != NULL; k++)
				assert_int_equal(ais_enum_find(f->enums,
				    f->enums[k], strlen(f->enums[k])), (int)k);
			break;
		case AIS_F_OBJECT:
		case AIS_F_LIST:
			assert_non_null(f->sub);
			check_schema(f->sub);
			break;
		case AIS_F_INT:
			assert_true(f->min <= f->max);
			break;
		default:
			assert_null(f->sub);
			assert_null(f->enums);
			break;
		}
	}
	assert_null(s->names[s->n]);
	/* an entry is dated by DATE fields of its own, each named once */
	assert_true(s->ndated_by == 0 || s->dated_by != NULL);
	for (i = 0; i < s->ndated_by; i++) {
		assert_true(s->dated_by[i] >= 0);
		assert_true((size_t)s->dated_by[i] < s->n);
		assert_int_equal(s->fields[s->dated_by[i]].type, AIS_F_DATE);
		for (k = 0; k < i; k++)
			assert_int_not_equal(s->dated_by[k], s->dated_by[i]);
	}
}

static void
schema_should_name_every_field_in_order_in_names(void **state)
{
	(void)state;
	check_schema(S);
}

static void
schema_should_keep_the_root_fields_in_the_order_of_the_spec(void **state)
{
	static const char *const want[] = {
		"id", "name", "as_of", "kind", "city", "province",
		"registered_on", "ai_enterprise", "startup", "sector", "sme",
		"other_compute_subsidy", "returnee_startup", "revenue",
		"compute_purchases", "corpus_purchases", "open_corpus",
		"software_products", "platforms", "achievements",
		"model_registration", "model_purchases", "scenarios", "honors",
		"standards_led", "projects", "investments", "talent",
		"prior_awards", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < S->n);
		assert_string_equal(S->fields[i].name, want[i]);
	}
	assert_int_equal(S->n, i);
}

static void
schema_should_give_every_list_entry_an_optional_string_id(void **state)
{
	const struct ais_field *f, *id;
	size_t i;

	(void)state;
	for (i = 0; i < S->n; i++) {
		f = &S->fields[i];
		if (f->type != AIS_F_LIST)
			continue;
		id = field(f->sub, "id");
		assert_int_equal(id->type, AIS_F_STRING);
		assert_false(id->required);
	}
}

static void
schema_should_type_the_root_fields_as_the_spec_says(void **state)
{
	const struct ais_schema *s = S;
	const struct ais_field *f;

	(void)state;
	assert_int_equal(field(s, "id")->type, AIS_F_STRING);
	assert_int_equal(field(s, "as_of")->type, AIS_F_DATE);
	assert_int_equal(field(s, "registered_on")->type, AIS_F_DATE);
	assert_int_equal(field(s, "city")->type, AIS_F_STRING);
	f = field(s, "kind");
	assert_int_equal(f->type, AIS_F_ENUM);
	assert_true(f->required);
	assert_null(f->default_enum);
	assert_string_equal(f->enums[0], "enterprise");
	assert_string_equal(f->enums[5], "individual");
	assert_null(f->enums[6]);
	f = field(s, "ai_enterprise");
	assert_int_equal(f->type, AIS_F_BOOL);
	assert_int_equal(f->default_bool, -1);	/* default: null */
	f = field(s, "startup");
	assert_int_equal(f->type, AIS_F_BOOL);
	assert_int_equal(f->default_bool, 0);
	f = field(s, "honors");
	assert_int_equal(f->type, AIS_F_ENUMLIST);
	assert_string_equal(f->enums[0], "little_giant");
	assert_string_equal(f->enums[1], "chain_leader");
	assert_string_equal(f->enums[2], "national_green_data_center");
	assert_null(f->enums[3]);
	f = field(field(s, "returnee_startup")->sub, "tier");
	assert_int_equal(f->type, AIS_F_INT);
	assert_int_equal(f->min, 1);
	assert_int_equal(f->max, 3);
	f = field(field(s, "revenue")->sub, "ai_share");
	assert_int_equal(f->type, AIS_F_RATIO);
	f = field(field(s, "model_registration")->sub, "rank");
	assert_int_equal(f->min, 1);
	assert_int_equal(f->max, 1000000);
	f = field(field(s, "investments")->sub, "held_months");
	assert_int_equal(f->min, 0);
	assert_int_equal(f->max, 1200);
}

static void
schema_should_default_provider_listed_to_true_and_purpose_to_other(
	void **state)
{
	const struct ais_schema *cp =
	    field(S, "compute_purchases")->sub;
	const struct ais_schema *co =
	    field(S, "corpus_purchases")->sub;
	const struct ais_field *f;

	(void)state;
	f = field(cp, "amount");
	assert_int_equal(f->type, AIS_F_AMOUNT);
	assert_true(f->required);
	f = field(cp, "provider_listed");
	assert_int_equal(f->type, AIS_F_BOOL);
	assert_int_equal(f->default_bool, 1);
	assert_int_equal(field(cp, "affiliated")->default_bool, 0);
	assert_string_equal(field(cp, "purpose")->default_enum, "other");
	assert_string_equal(field(co, "purpose")->default_enum, "other");
	assert_true(field(co, "amount")->required);
	assert_null(field(field(S,
	    "software_products")->sub, "role")->default_enum);
	assert_true(field(field(S, "standards_led")->sub,
	    "level")->required);
}

/* The names of the fields that date the entries of list field name. */
static void
dated_by_is(const char *name, const char *want)
{
	const struct ais_schema *s = field(S, name)->sub;
	char got[128] = "";
	size_t i, n = 0;

	for (i = 0; i < s->ndated_by; i++)
		n += (size_t)snprintf(got + n, sizeof got - n, "%s%s",
		    i ? " " : "", s->fields[s->dated_by[i]].name);
	assert_string_equal(got, want);
}

static void
schema_should_date_compute_purchases_by_signing_then_date(void **state)
{
	const struct ais_schema *cp =
	    field(S, "compute_purchases")->sub;
	const struct ais_schema *pa =
	    field(S, "prior_awards")->sub;
	size_t i;

	(void)state;
	dated_by_is("compute_purchases", "signed_on date");
	dated_by_is("prior_awards", "date");
	dated_by_is("model_purchases", "date");
	for (i = 0; i < S->n; i++) {
		const struct ais_field *f = &S->fields[i];

		if (f->type == AIS_F_LIST && strcmp(f->name,
		    "compute_purchases") != 0 && strcmp(f->name,
		    "prior_awards") != 0 && strcmp(f->name,
		    "model_purchases") != 0)
			assert_int_equal(f->sub->ndated_by, 0);
	}
	assert_int_equal(field(cp, "start")->type, AIS_F_DATE);
	assert_int_equal(field(cp, "end")->type, AIS_F_DATE);
	assert_int_equal(field(cp, "settled")->type, AIS_F_AMOUNT);
	assert_false(field(cp, "settled")->required);
	assert_int_equal(field(cp, "contract")->type, AIS_F_STRING);
	assert_true(field(pa, "program")->required);
	assert_int_equal(field(pa, "program")->type, AIS_F_STRING);
	assert_true(field(pa, "date")->required);
	assert_true(field(pa, "amount")->required);
	assert_int_equal(field(pa, "amount")->type, AIS_F_AMOUNT);
	assert_false(field(pa, "contract")->required);
}

static void
schema_should_require_program_date_and_amount_of_a_prior_award(void **state)
{
	const struct ais_schema *pa =
	    field(S, "prior_awards")->sub;
	const struct ais_schema *cp =
	    field(S, "compute_purchases")->sub;
	const struct ais_field *f;

	(void)state;
	assert_string_equal(pa->name, "prior_awards[]");
	f = field(pa, "program");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_true(f->required);
	f = field(pa, "date");
	assert_int_equal(f->type, AIS_F_DATE);
	assert_true(f->required);
	f = field(pa, "amount");
	assert_int_equal(f->type, AIS_F_AMOUNT);
	assert_true(f->required);
	f = field(pa, "contract");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_false(f->required);
	f = field(cp, "contract");
	assert_int_equal(f->type, AIS_F_STRING);
	assert_false(f->required);
}

static void
schema_find_should_match_whole_names_only(void **state)
{
	const struct ais_schema *s = S;

	(void)state;
	assert_int_equal(ais_schema_find(s, "kind", 4), 3);
	assert_int_equal(ais_schema_find(s, "kindness", 4), 3);
	assert_int_equal(ais_schema_find(s, "kin", 3), -1);
	assert_int_equal(ais_schema_find(s, "kinds", 5), -1);
	assert_int_equal(ais_schema_find(s, "", 0), -1);
	assert_int_equal(ais_schema_find(s, "compute_purchase", 16), -1);
	assert_int_equal(ais_schema_find(s, "ki\0d", 4), -1);
	assert_int_equal(ais_schema_find(NULL, "kind", 4), -1);
}

static void
enum_find_should_match_whole_values_only(void **state)
{
	const char *const *e = field(S, "kind")->enums;

	(void)state;
	assert_int_equal(ais_enum_find(e, "individual", 10), 5);
	assert_int_equal(ais_enum_find(e, "enterprise", 10), 0);
	assert_int_equal(ais_enum_find(e, "enterprises", 11), -1);
	assert_int_equal(ais_enum_find(e, "enterpris", 9), -1);
	assert_int_equal(ais_enum_find(e, "Enterprise", 10), -1);
	assert_int_equal(ais_enum_find(NULL, "x", 1), -1);
}

static void
root_indices_should_name_the_fields_they_stand_for(void **state)
{
	const struct ais_schema *s = S;
	size_t i;

	(void)state;
	assert_string_equal(s->fields[AIS_P_ID].name, "id");
	assert_string_equal(s->fields[AIS_P_NAME].name, "name");
	assert_string_equal(s->fields[AIS_P_AS_OF].name, "as_of");
	assert_string_equal(s->fields[AIS_P_KIND].name, "kind");
	assert_string_equal(s->fields[AIS_P_CITY].name, "city");
	assert_string_equal(s->fields[AIS_P_PROVINCE].name, "province");
	for (i = 0; i < s->n; i++)
		if (s->fields[i].type == AIS_F_LIST)
			assert_string_equal(
			    s->fields[i].sub->fields[AIS_ENTRY_ID].name, "id");
}


/* ---- The contract as the loader reads it ---- */

/* The smallest contract a rule set may have: the fields the engine reads. */
#define CORE \
	"profile:\n" \
	"  id: {type: string, description: {zh: 编号, en: id}}\n" \
	"  name: {type: string, description: {zh: 名称, en: name}}\n" \
	"  as_of: {type: date, description: {zh: 申报日, en: claim date}}\n" \
	"  kind:\n" \
	"    type: enum\n" \
	"    required: true\n" \
	"    values: [enterprise, individual]\n" \
	"    description: {zh: 类型, en: kind}\n" \
	"  city: {type: string, description: {zh: 城市, en: city}}\n" \
	"  province: {type: string, description: {zh: 省份, en: province}}\n"

/* A city whose one program reads the field 'grants' and its entries'
 * 'paid', which the city declares itself (lines 1 to 26). */
static const char CITY[] =
	"jurisdiction:\n"					/* 1 */
	"  id: testcity\n"					/* 2 */
	"  level: city\n"					/* 3 */
	"  name: {zh: 测试市, en: Testcity}\n"			/* 4 */
	"documents:\n"						/* 5 */
	"  - id: doc-a\n"					/* 6 */
	"    title: 测试文件\n"					/* 7 */
	"    url: https://example.org/doc\n"					/* 8 */
	"sources:\n"						/* 9 */
	"  src-a: {document: doc-a, clause: 按10%给予补助, confidence: quoted}\n"
	"profile:\n"						/* 11 */
	"  grants:\n"						/* 12 */
	"    type: list\n"					/* 13 */
	"    description: {zh: 补助, en: grants}\n"		/* 14 */
	"    fields:\n"						/* 15 */
	"      paid: {type: amount, required: true, description: {zh: 已付, en: paid}}\n"
	"programs:\n"						/* 17 */
	"  - id: testcity.p1\n"					/* 18 */
	"    title: {zh: 项目一, en: Program one}\n"		/* 19 */
	"    document: doc-a\n"					/* 20 */
	"    source: src-a\n"					/* 21 */
	"    awards:\n"						/* 22 */
	"      - label: {zh: 主项, en: main}\n"			/* 23 */
	"        basis: formula\n"				/* 24 */
	"        base: sum(grants, item.paid)\n"		/* 25 */
	"        rate: 10%\n";					/* 26 */

/* Loads the files name/text, name/text, ... (NULL-terminated). */
static struct ais_rules *
load_files(struct ais_error *err, ...)
{
	struct ais_rule_file f[4];
	va_list ap;
	size_t n = 0;

	memset(f, 0, sizeof f);
	memset(err, 0, sizeof *err);
	va_start(ap, err);
	while (n < 4 && (f[n].name = va_arg(ap, const char *)) != NULL) {
		f[n].data = va_arg(ap, const char *);
		f[n].len = strlen(f[n].data);
		n++;
	}
	va_end(ap);
	return ais_rules_load(f, n, err);
}

/* The files must fail to load with exactly this error. */
#define LOAD_ERR(file_, line_, col_, msg_, ...) do { \
	struct ais_error e_; \
	struct ais_rules *r_ = load_files(&e_, __VA_ARGS__, NULL); \
	if (r_) { \
		ais_rules_free(r_); \
		fail_msg("loaded; expected %s", msg_); \
	} \
	assert_int_equal(e_.status, AIS_ERULES); \
	assert_string_equal(e_.msg, msg_); \
	assert_string_equal(e_.file, file_); \
	if (e_.line != (line_) || e_.column != (col_)) \
		print_message("placed at %d:%d\n", e_.line, e_.column); \
	assert_int_equal(e_.line, line_); \
	assert_int_equal(e_.column, col_); \
} while (0)

static void
contract_should_take_fields_a_rule_file_declares(void **state)
{
	struct ais_error err;
	struct ais_rules *r;
	const struct ais_field *g;

	(void)state;
	r = load_files(&err, "rules/profile.yaml", CORE, "rules/testcity.yaml",
	    CITY, NULL);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.msg);
	/* the engine's fields first, then the city's, each entry with an id */
	assert_int_equal(r->schema->n, AIS_P_NCORE + 1);
	g = &r->schema->fields[AIS_P_NCORE];
	assert_string_equal(g->name, "grants");
	assert_int_equal(g->type, AIS_F_LIST);
	assert_string_equal(g->desc_en, "grants");
	assert_string_equal(g->file, "rules/testcity.yaml");
	assert_int_equal(g->line, 12);
	assert_int_equal(g->sub->n, 2);
	assert_string_equal(g->sub->fields[AIS_ENTRY_ID].name, "id");
	assert_string_equal(g->sub->fields[1].name, "paid");
	assert_true(g->sub->fields[1].required);
	assert_string_equal(g->sub->name, "grants[]");
	ais_rules_free(r);
}

static void
contract_should_be_the_built_in_one_when_no_file_is_profile_yaml(
	void **state)
{
	struct ais_error err;
	struct ais_rules *r;

	(void)state;
	r = load_files(&err, "rules/testcity.yaml", CITY, NULL);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.msg);
	assert_int_equal(r->schema->n, S->n + 1);
	assert_true(ais_schema_find(r->schema, "compute_purchases", 17) >= 0);
	assert_true(ais_schema_find(r->schema, "grants", 6) >= 0);
	ais_rules_free(r);
}

static void
contract_should_merge_declarations_that_agree(void **state)
{
	static const char again[] =
	    CORE
	    "  grants:\n"
	    "    type: list\n"
	    "    fields:\n"
	    "      paid: {type: amount, required: true}\n"
	    "      year: {type: int, min: 2000, max: 2100, description: {zh: 年, en: year}}\n"
	    "  kind:\n"
	    "    type: enum\n"
	    "    values: [individual, university]\n";
	struct ais_error err;
	struct ais_rules *r;
	const struct ais_field *f;

	(void)state;
	r = load_files(&err, "rules/profile.yaml", again, "rules/testcity.yaml",
	    CITY, NULL);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column, err.msg);
	f = &r->schema->fields[ais_schema_find(r->schema, "grants", 6)];
	/* sub-fields of both, the description where one was given */
	assert_int_equal(f->sub->n, 3);
	assert_string_equal(f->sub->fields[2].name, "year");
	assert_string_equal(f->desc_zh, "补助");
	/* an enum's values are the union, in the order first given */
	f = &r->schema->fields[AIS_P_KIND];
	assert_string_equal(f->enums[0], "enterprise");
	assert_string_equal(f->enums[1], "individual");
	assert_string_equal(f->enums[2], "university");
	assert_null(f->enums[3]);
	ais_rules_free(r);
}

static void
contract_should_refuse_two_declarations_that_disagree(void **state)
{
	static const char clash[] =
	    CORE
	    "  grants:\n"					/* 12 */
	    "    type: list\n"
	    "    fields:\n"
	    "      paid: {type: ratio}\n";			/* 15 */
	static const char req[] =
	    CORE
	    "  grants:\n"
	    "    type: list\n"
	    "    fields:\n"
	    "      paid: {type: amount, required: false}\n";

	(void)state;
	LOAD_ERR("rules/testcity.yaml", 16, 20, "field 'grants.paid' is "
	    "declared twice with different types: here and at "
	    "rules/profile.yaml:15:7", "rules/profile.yaml", clash,
	    "rules/testcity.yaml", CITY);
	LOAD_ERR("rules/testcity.yaml", 16, 38, "field 'grants.paid' is "
	    "declared twice with different 'required': here and at "
	    "rules/profile.yaml:15:7", "rules/profile.yaml", req,
	    "rules/testcity.yaml", CITY);
}

static void
contract_should_refuse_what_the_engine_cannot_work_with(void **state)
{
	static const char no_kind[] =
	    "profile:\n"
	    "  id: {type: string, description: {zh: 编号, en: id}}\n";
	static const char kind_text[] =
	    "profile:\n"
	    "  id: {type: string, description: {zh: 编号, en: id}}\n"
	    "  name: {type: string, description: {zh: 名称, en: name}}\n"
	    "  as_of: {type: date, description: {zh: 申报日, en: claim date}}\n"
	    "  kind: {type: string, description: {zh: 类型, en: kind}}\n"
	    "  city: {type: string, description: {zh: 城市, en: city}}\n"
	    "  province: {type: string, description: {zh: 省份, en: p}}\n";
	static const char no_desc[] =
	    CORE
	    "  sme: {type: bool}\n";			/* 12 */
	static const char bad_default[] =
	    CORE
	    "  sector: {type: enum, values: [a, b], default: c, description: {zh: 行业, en: sector}}\n";
	static const char bad_sibling[] =
	    CORE
	    "  deals:\n"				/* 12 */
	    "    type: list\n"
	    "    description: {zh: 合同, en: deals}\n"
	    "    fields:\n"
	    "      start: {type: date, description: {zh: 起, en: start}}\n"
	    "      end: {type: date, at_least: begin, description: {zh: 止, en: end}}\n";
	static const char bad_dated[] =
	    CORE
	    "  deals:\n"				/* 12 */
	    "    type: list\n"
	    "    dated_by: [amount]\n"
	    "    description: {zh: 合同, en: deals}\n"
	    "    fields:\n"
	    "      amount: {type: amount, description: {zh: 金额, en: amount}}\n";
	static const char bad_key[] =
	    CORE
	    "  sme: {type: bool, descripton: {zh: 中小, en: sme}}\n";
	static const char bad_type[] =
	    CORE
	    "  sme: {type: amout, description: {zh: 中小, en: sme}}\n";
	static const char bad_range[] =
	    CORE
	    "  sme: {type: bool, min: 1, description: {zh: 中小, en: sme}}\n";

	(void)state;
	LOAD_ERR("rules/profile.yaml", 0, 0, "the profile contract declares "
	    "no field 'name': every rule set needs it (rules/profile.yaml "
	    "declares it)", "rules/profile.yaml", no_kind);
	LOAD_ERR("rules/profile.yaml", 5, 3, "field 'kind' must be of type "
	    "enum: the engine reads it itself", "rules/profile.yaml",
	    kind_text);
	LOAD_ERR("rules/profile.yaml", 12, 3, "field 'sme' has no "
	    "description: give it 'description: {zh: ..., en: ...}'",
	    "rules/profile.yaml", no_desc);
	LOAD_ERR("rules/profile.yaml", 12, 3, "the default 'c' of field "
	    "'sector' is not one of its values", "rules/profile.yaml",
	    bad_default);
	LOAD_ERR("rules/profile.yaml", 17, 7, "'at_least' of field 'deals.end' "
	    "must name another date field beside it, not 'begin'",
	    "rules/profile.yaml", bad_sibling);
	LOAD_ERR("rules/profile.yaml", 12, 3, "'dated_by' of field 'deals' "
	    "must name date fields of its entries, not 'amount'",
	    "rules/profile.yaml", bad_dated);
	LOAD_ERR("rules/profile.yaml", 12, 21, "unknown key 'descripton' in a "
	    "field of the profile; did you mean 'description'?",
	    "rules/profile.yaml", bad_key);
	LOAD_ERR("rules/profile.yaml", 12, 15, "'amout' is not a valid type; "
	    "did you mean 'amount'?", "rules/profile.yaml", bad_type);
	LOAD_ERR("rules/profile.yaml", 12, 26, "only an int field has 'min' "
	    "and 'max' ('sme' is bool)", "rules/profile.yaml", bad_range);
}

static void
contract_should_refuse_an_object_of_more_than_64_fields(void **state)
{
	char *text = malloc(sizeof CORE + 70 * 80);
	size_t n = 0;
	int i;

	(void)state;
	assert_non_null(text);
	n += (size_t)sprintf(text, "%s", CORE);
	for (i = 0; i < 60; i++)
		n += (size_t)sprintf(text + n, "  f%d: {type: bool, "
		    "description: {zh: 字段, en: field}}\n", i);
	/* 6 fields of the engine and 60 more: the 65th is on line 70 */
	LOAD_ERR("rules/profile.yaml", 70, 3, "'profile' has 66 fields; an "
	    "object of the profile has at most 64", "rules/profile.yaml",
	    text);
	free(text);
}

static void
contract_should_let_a_file_without_jurisdiction_declare_only(void **state)
{
	static const char stray[] =
	    CORE
	    "programs: []\n";

	(void)state;
	LOAD_ERR("rules/profile.yaml", 12, 1, "unknown key 'programs' in a "
	    "contract file (a rule file with no 'jurisdiction')",
	    "rules/profile.yaml", stray);
	LOAD_ERR("rules/notes.yaml", 1, 1, "a rule file needs 'jurisdiction' "
	    "(the rules of a place) or 'profile' (fields of the profile "
	    "contract)", "rules/notes.yaml", "about: {zh: 说明, en: about}\n");
}

static void
contract_should_not_take_a_jurisdiction_without_id_for_a_contract(
	void **state)
{
	/* found by fuzz_rules: a jurisdiction whose id is missing was passed
	 * over as if the file held only profile declarations */
	static const char no_id[] =
	    "jurisdiction:\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "  level: city\n"
	    "documents: []\n"
	    "programs: []\n";
	static const char list_id[] =
	    "jurisdiction:\n"
	    "  id: [a, b]\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n";

	(void)state;
	LOAD_ERR("rules/testcity.yaml", 2, 3, "'jurisdiction' needs 'id'",
	    "rules/testcity.yaml", no_id);
	LOAD_ERR("rules/testcity.yaml", 2, 7, "'id' must be a scalar, not a "
	    "list", "rules/testcity.yaml", list_id);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(schema_should_name_every_field_in_order_in_names),
		cmocka_unit_test(root_indices_should_name_the_fields_they_stand_for),
		cmocka_unit_test(schema_should_keep_the_root_fields_in_the_order_of_the_spec),
		cmocka_unit_test(schema_should_give_every_list_entry_an_optional_string_id),
		cmocka_unit_test(schema_should_type_the_root_fields_as_the_spec_says),
		cmocka_unit_test(schema_should_default_provider_listed_to_true_and_purpose_to_other),
		cmocka_unit_test(
		    schema_should_date_compute_purchases_by_signing_then_date),
		cmocka_unit_test(schema_should_require_program_date_and_amount_of_a_prior_award),
		cmocka_unit_test(schema_find_should_match_whole_names_only),
		cmocka_unit_test(enum_find_should_match_whole_values_only),
		cmocka_unit_test(contract_should_take_fields_a_rule_file_declares),
		cmocka_unit_test(contract_should_be_the_built_in_one_when_no_file_is_profile_yaml),
		cmocka_unit_test(contract_should_merge_declarations_that_agree),
		cmocka_unit_test(contract_should_refuse_two_declarations_that_disagree),
		cmocka_unit_test(contract_should_refuse_what_the_engine_cannot_work_with),
		cmocka_unit_test(contract_should_refuse_an_object_of_more_than_64_fields),
		cmocka_unit_test(contract_should_let_a_file_without_jurisdiction_declare_only),
		cmocka_unit_test(contract_should_not_take_a_jurisdiction_without_id_for_a_contract),
	};

	struct ais_error err;
	int failed;

	if ((R = ais_rules_load_builtin(&err)) == NULL) {
		fprintf(stderr, "the built-in rules did not load: %s\n", err.msg);
		return 1;
	}
	S = R->schema;
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	ais_rules_free(R);
	return failed;
}
