/*
 * schema.c: the profile contract of shared/spec/profile.md as constant
 * data.  Every entry of a list may also carry a string "id", which the
 * results echo.  Each schema's names array repeats its field names in the
 * same order, for "did you mean"; tests/unit/test_schema.c checks that
 * the two agree.
 */
#include "schema.h"

#include <string.h>

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* Field initialisers, to keep the tables below one line a field. */
#define F_STRING(n)	{ .name = (n), .type = AIS_F_STRING }
#define F_STRING_REQ(n) { .name = (n), .type = AIS_F_STRING, .required = 1 }
#define F_DATE(n)	{ .name = (n), .type = AIS_F_DATE }
#define F_DATE_REQ(n)	{ .name = (n), .type = AIS_F_DATE, .required = 1 }
#define F_BOOL(n, d)	{ .name = (n), .type = AIS_F_BOOL, .default_bool = (d) }
#define F_ENUM(n, e, d)	{ .name = (n), .type = AIS_F_ENUM, .enums = (e), \
			  .default_enum = (d) }
#define F_ENUM_REQ(n, e) { .name = (n), .type = AIS_F_ENUM, .enums = (e), \
			  .required = 1 }
#define F_AMOUNT(n)	{ .name = (n), .type = AIS_F_AMOUNT }
#define F_AMOUNT_REQ(n)	{ .name = (n), .type = AIS_F_AMOUNT, .required = 1 }
#define F_RATIO(n)	{ .name = (n), .type = AIS_F_RATIO }
#define F_INT(n, lo, hi) { .name = (n), .type = AIS_F_INT, .min = (lo), \
			  .max = (hi) }
#define F_OBJECT(n, s)	{ .name = (n), .type = AIS_F_OBJECT, .sub = &(s) }
#define F_LIST(n, s)	{ .name = (n), .type = AIS_F_LIST, .sub = &(s) }
#define F_ENUMLIST(n, e) { .name = (n), .type = AIS_F_ENUMLIST, .enums = (e) }

#define SCHEMA(n, f, nm) { (n), (f), NFIELDS(f), (nm) }

/* The enumerations. */

static const char *const kinds[] = {
	"enterprise", "university", "research_institute", "vc_institution",
	"data_source_unit", "individual", NULL
};
static const char *const compute_purposes[] = {
	"model_training", "inference", "other", NULL
};
static const char *const corpus_purposes[] = {
	"model_rnd", "model_application", "other", NULL
};
static const char *const software_roles[] = {
	"developer", "adopter", "both", NULL
};
static const char *const platform_types[] = {
	"national_key_lab", "national_engineering_research_center",
	"national_technology_innovation_center",
	"national_emerging_industry_innovation_center",
	"national_manufacturing_innovation_center",
	"provincial_innovation_center_excellent", NULL
};
static const char *const achievement_types[] = {
	"national_major_project_result", "national_key_rnd_result",
	"national_st_award", "national_ai_pilot", "high_quality_dataset", NULL
};
static const char *const honor_values[] = {
	"little_giant", "chain_leader", NULL
};
static const char *const standard_levels[] = {
	"international", "national", "industry", NULL
};
static const char *const project_types[] = {
	"ai_project_lead", "provincial_major_st", "pilot", "juyuan_xingchuan",
	"compute_scheduling_platform", "vertical_model", NULL
};
static const char *const project_levels[] = {
	"national", "provincial", NULL
};
static const char *const talent_plans[] = {
	"tianfu_emei", "tianfu_qingcheng", NULL
};
static const char *const talent_kinds[] = {
	"team", "individual", NULL
};

/* returnee_startup */

static const struct ais_field returnee_fields[] = {
	F_INT("tier", 1, 3),
};
static const char *const returnee_names[] = { "tier", NULL };
static const struct ais_schema returnee_schema =
	SCHEMA("returnee_startup", returnee_fields, returnee_names);

/* revenue */

static const struct ais_field revenue_fields[] = {
	F_AMOUNT("main_business"),
	F_AMOUNT("prior_max"),
	F_RATIO("ai_share"),
};
static const char *const revenue_names[] = {
	"main_business", "prior_max", "ai_share", NULL
};
static const struct ais_schema revenue_schema =
	SCHEMA("revenue", revenue_fields, revenue_names);

/* compute_purchases[] */

static const struct ais_field compute_fields[] = {
	F_STRING("id"),
	F_AMOUNT_REQ("amount"),
	F_ENUM("purpose", compute_purposes, "other"),
	F_STRING("provider"),
	F_BOOL("provider_listed", 1),
	F_BOOL("affiliated", 0),
	F_DATE("date"),
	F_STRING("contract"),
};
static const char *const compute_names[] = {
	"id", "amount", "purpose", "provider", "provider_listed",
	"affiliated", "date", "contract", NULL
};
static const struct ais_schema compute_schema =
	SCHEMA("compute_purchases[]", compute_fields, compute_names);

/* corpus_purchases[] */

static const struct ais_field corpus_fields[] = {
	F_STRING("id"),
	F_AMOUNT_REQ("amount"),
	F_BOOL("via_exchange", 0),
	F_BOOL("affiliated", 0),
	F_ENUM("purpose", corpus_purposes, "other"),
};
static const char *const corpus_names[] = {
	"id", "amount", "via_exchange", "affiliated", "purpose", NULL
};
static const struct ais_schema corpus_schema =
	SCHEMA("corpus_purchases[]", corpus_fields, corpus_names);

/* open_corpus */

static const struct ais_field open_corpus_fields[] = {
	F_BOOL("qualified", 0),
};
static const char *const open_corpus_names[] = { "qualified", NULL };
static const struct ais_schema open_corpus_schema =
	SCHEMA("open_corpus", open_corpus_fields, open_corpus_names);

/* software_products[] */

static const struct ais_field software_fields[] = {
	F_STRING("id"),
	F_STRING("name"),
	F_BOOL("certified_first_version", 0),
	F_ENUM("role", software_roles, NULL),
	F_AMOUNT("rd_expenditure"),
	F_AMOUNT("contract_executed"),
};
static const char *const software_names[] = {
	"id", "name", "certified_first_version", "role", "rd_expenditure",
	"contract_executed", NULL
};
static const struct ais_schema software_schema =
	SCHEMA("software_products[]", software_fields, software_names);

/* platforms[] */

static const struct ais_field platform_fields[] = {
	F_STRING("id"),
	F_ENUM("type", platform_types, NULL),
	F_BOOL("newly_approved", 0),
	F_AMOUNT("national_funding"),
};
static const char *const platform_names[] = {
	"id", "type", "newly_approved", "national_funding", NULL
};
static const struct ais_schema platform_schema =
	SCHEMA("platforms[]", platform_fields, platform_names);

/* achievements[] */

static const struct ais_field achievement_fields[] = {
	F_STRING("id"),
	F_ENUM("type", achievement_types, NULL),
	F_STRING("landed_in"),
};
static const char *const achievement_names[] = {
	"id", "type", "landed_in", NULL
};
static const struct ais_schema achievement_schema =
	SCHEMA("achievements[]", achievement_fields, achievement_names);

/* model_registration */

static const struct ais_field model_reg_fields[] = {
	F_BOOL("registered", 0),
	F_INT("rank", 1, 1000000),
};
static const char *const model_reg_names[] = { "registered", "rank", NULL };
static const struct ais_schema model_reg_schema =
	SCHEMA("model_registration", model_reg_fields, model_reg_names);

/* standards_led[] */

static const struct ais_field standard_fields[] = {
	F_STRING("id"),
	F_ENUM_REQ("level", standard_levels),
};
static const char *const standard_names[] = { "id", "level", NULL };
static const struct ais_schema standard_schema =
	SCHEMA("standards_led[]", standard_fields, standard_names);

/* projects[] */

static const struct ais_field project_fields[] = {
	F_STRING("id"),
	F_ENUM("type", project_types, NULL),
	F_ENUM("level", project_levels, NULL),
	F_AMOUNT("total_investment"),
	F_AMOUNT("sales"),
	F_BOOL("prior_provincial_support", 0),
};
static const char *const project_names[] = {
	"id", "type", "level", "total_investment", "sales",
	"prior_provincial_support", NULL
};
static const struct ais_schema project_schema =
	SCHEMA("projects[]", project_fields, project_names);

/* investments[] */

static const struct ais_field investment_fields[] = {
	F_STRING("id"),
	F_STRING("company"),
	F_BOOL("ai", 0),
	F_AMOUNT("amount"),
	F_INT("held_months", 0, 1200),
};
static const char *const investment_names[] = {
	"id", "company", "ai", "amount", "held_months", NULL
};
static const struct ais_schema investment_schema =
	SCHEMA("investments[]", investment_fields, investment_names);

/* talent[] */

static const struct ais_field talent_fields[] = {
	F_STRING("id"),
	F_ENUM("plan", talent_plans, NULL),
	F_ENUM("kind", talent_kinds, NULL),
};
static const char *const talent_names[] = { "id", "plan", "kind", NULL };
static const struct ais_schema talent_schema =
	SCHEMA("talent[]", talent_fields, talent_names);

/*
 * prior_awards[]: what programs have already paid the applicant, for the
 * caps that accumulate over a year or for good, and for what is paid
 * once per contract (docs/rules.md, "Prior awards").
 */

static const struct ais_field prior_award_fields[] = {
	F_STRING("id"),
	F_STRING_REQ("program"),
	F_DATE_REQ("date"),
	F_AMOUNT_REQ("amount"),
	F_STRING("contract"),
};
static const char *const prior_award_names[] = {
	"id", "program", "date", "amount", "contract", NULL
};
static const struct ais_schema prior_award_schema =
	SCHEMA("prior_awards[]", prior_award_fields, prior_award_names);

/* The profile: the fields in the order of the table of profile.md. */

static const struct ais_field profile_fields[] = {
	F_STRING("id"),
	F_STRING("name"),
	F_DATE("as_of"),
	F_ENUM_REQ("kind", kinds),
	F_STRING("city"),
	F_STRING("province"),
	F_DATE("registered_on"),
	F_BOOL("ai_enterprise", 0),
	F_BOOL("startup", 0),
	F_OBJECT("returnee_startup", returnee_schema),
	F_OBJECT("revenue", revenue_schema),
	F_LIST("compute_purchases", compute_schema),
	F_LIST("corpus_purchases", corpus_schema),
	F_OBJECT("open_corpus", open_corpus_schema),
	F_LIST("software_products", software_schema),
	F_LIST("platforms", platform_schema),
	F_LIST("achievements", achievement_schema),
	F_OBJECT("model_registration", model_reg_schema),
	F_ENUMLIST("honors", honor_values),
	F_LIST("standards_led", standard_schema),
	F_LIST("projects", project_schema),
	F_LIST("investments", investment_schema),
	F_LIST("talent", talent_schema),
	F_LIST("prior_awards", prior_award_schema),
};
static const char *const profile_names[] = {
	"id", "name", "as_of", "kind", "city", "province", "registered_on",
	"ai_enterprise", "startup", "returnee_startup", "revenue",
	"compute_purchases", "corpus_purchases", "open_corpus",
	"software_products", "platforms", "achievements", "model_registration",
	"honors", "standards_led", "projects", "investments", "talent",
	"prior_awards", NULL
};

const struct ais_schema ais_profile_schema =
	SCHEMA("profile", profile_fields, profile_names);

/*
 * 1 when the NUL-terminated s is exactly v[0..len).  The loop stops at the
 * first difference, which for most names is the first byte, and never
 * reads s past its NUL, even when v holds a NUL.
 */
static int
name_is(const char *s, const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != v[i] || s[i] == '\0')
			return 0;
	return s[len] == '\0';
}

/*
 * The index of the field called name[0..len) in s, or -1 when s has no
 * such field or s is NULL.  name need not be NUL-terminated.  A linear
 * scan: the largest schema has 24 fields and most fail on the first byte.
 */
int
ais_schema_find(const struct ais_schema *s, const char *name, size_t len)
{
	size_t i;

	if (s == NULL || name == NULL)
		return -1;
	for (i = 0; i < s->n; i++)
		if (name_is(s->fields[i].name, name, len))
			return (int)i;
	return -1;
}

/*
 * The index of the value v[0..len) in the NULL-terminated enums, or -1
 * when it is not one of them or enums is NULL.
 */
int
ais_enum_find(const char *const *enums, const char *v, size_t len)
{
	size_t i;

	if (enums == NULL || v == NULL)
		return -1;
	for (i = 0; enums[i] != NULL; i++)
		if (name_is(enums[i], v, len))
			return (int)i;
	return -1;
}
