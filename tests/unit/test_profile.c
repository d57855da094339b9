/*
 * test_profile.c: reading profiles (shared/spec/profile.md): values,
 * defaults, every kind of error with its path and message, warnings,
 * syntax errors placed by line and column, numbers kept exact, and one
 * struct reused for many reads without growing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "profile.h"
#include "rules.h"

/* The built-in rules, for their profile contract. */
static struct ais_rules *R;

/* The example of profile.md, as written there. */
static const char example[] =
	"{\n"
	"  \"id\": \"APP-0001\",\n"
	"  \"name\": \"成都恒图科技有限责任公司\",\n"
	"  \"as_of\": \"2025-06-30\",\n"
	"  \"kind\": \"enterprise\",\n"
	"  \"city\": \"chengdu\",\n"
	"  \"province\": \"sichuan\",\n"
	"  \"registered_on\": \"2019-03-15\",\n"
	"  \"ai_enterprise\": true,\n"
	"  \"startup\": false,\n"
	"  \"returnee_startup\": {\"tier\": 2},\n"
	"  \"revenue\": {\"main_business\": 320000000, \"prior_max\": 280000000, \"ai_share\": 0.65},\n"
	"  \"compute_purchases\": [\n"
	"    {\"id\": \"cp-1\", \"amount\": 4000000, \"purpose\": \"model_training\", \"provider\": \"国家超算成都中心\",\n"
	"     \"provider_listed\": true, \"affiliated\": false, \"date\": \"2025-03-01\"}\n"
	"  ],\n"
	"  \"corpus_purchases\": [\n"
	"    {\"id\": \"co-1\", \"amount\": 1000000, \"via_exchange\": true, \"affiliated\": false, \"purpose\": \"model_rnd\"}\n"
	"  ],\n"
	"  \"open_corpus\": {\"qualified\": true},\n"
	"  \"software_products\": [\n"
	"    {\"id\": \"sw-1\", \"name\": \"…\", \"certified_first_version\": true, \"role\": \"developer\",\n"
	"     \"rd_expenditure\": 8000000, \"contract_executed\": 0}\n"
	"  ],\n"
	"  \"platforms\": [\n"
	"    {\"type\": \"national_key_lab\", \"newly_approved\": true, \"national_funding\": 0}\n"
	"  ],\n"
	"  \"achievements\": [ {\"type\": \"national_major_project_result\", \"landed_in\": \"chengdu\"} ],\n"
	"  \"model_registration\": {\"registered\": true, \"rank\": 4},\n"
	"  \"honors\": [\"little_giant\"],\n"
	"  \"standards_led\": [ {\"id\": \"GB/T 45000\", \"level\": \"national\"} ],\n"
	"  \"projects\": [\n"
	"    {\"id\": \"p-1\", \"type\": \"ai_project_lead\", \"level\": \"national\"},\n"
	"    {\"id\": \"p-2\", \"type\": \"compute_scheduling_platform\", \"total_investment\": 200000000}\n"
	"  ],\n"
	"  \"investments\": [ {\"id\": \"inv-1\", \"company\": \"…\", \"ai\": true, \"amount\": 50000000, \"held_months\": 18} ],\n"
	"  \"talent\": [ {\"plan\": \"tianfu_emei\", \"kind\": \"team\"} ]\n"
	"}\n";

/* ---- helpers ---- */

static int
setup(void **state)
{
	static struct ais_profile p;

	ais_profile_init(&p);
	*state = &p;
	return 0;
}

static int
teardown(void **state)
{
	ais_profile_release(*state);
	return 0;
}

/* Reads the NUL-terminated json, which must succeed. */
static void
read_ok(struct ais_profile *p, const char *json)
{
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_profile_read(p, R, json, strlen(json), &err) != 0)
		fail_msg("unexpected error: %s: %s", err.path, err.msg);
}

/* Reads json, which must fail with exactly this path and message. */
static void
read_err(struct ais_profile *p, const char *json, const char *path,
	const char *msg)
{
	struct ais_error err;

	memset(&err, 0, sizeof err);
	assert_int_equal(ais_profile_read(p, R, json, strlen(json), &err), -1);
	assert_int_equal(err.status, AIS_EPROFILE);
	assert_string_equal(err.path, path);
	assert_string_equal(err.msg, msg);
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
	assert_null(p->root.v);
	assert_int_equal(p->warnings.n, 0);
}

/* The value of field name in o. */
static const struct ais_value *
get(const struct ais_obj *o, const char *name)
{
	int i = ais_schema_find(o->schema, name, strlen(name));

	assert_true(i >= 0);
	return &o->v[i];
}

/* Entry i of the list field name of o, an object. */
static const struct ais_obj *
entry(const struct ais_obj *o, const char *name, size_t i)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_LIST);
	assert_true(i < v->u.list->n);
	assert_int_equal(v->u.list->items[i].t, AIS_V_OBJ);
	return v->u.list->items[i].u.obj;
}

/* The object field name of o. */
static const struct ais_obj *
sub(const struct ais_obj *o, const char *name)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_OBJ);
	return v->u.obj;
}

static void
check_str(const struct ais_obj *o, const char *name, const char *want)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_STR);
	assert_int_equal(v->u.s.len, strlen(want));
	assert_memory_equal(v->u.s.p, want, strlen(want));
	assert_int_equal(v->u.s.p[v->u.s.len], '\0');
}

static void
check_bool(const struct ais_obj *o, const char *name, int want)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_BOOL);
	assert_int_equal(v->u.b, want);
}

static void
check_num(const struct ais_obj *o, const char *name, int64_t m, int s)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_NUM);
	assert_int_equal(v->u.n.m, m);
	assert_int_equal(v->u.n.s, s);
}

static void
check_date(const struct ais_obj *o, const char *name, int y, int m, int d)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_DATE);
	assert_int_equal(v->u.d, ais_date_from_ymd(y, m, d));
}

static void
check_null(const struct ais_obj *o, const char *name)
{
	assert_int_equal(get(o, name)->t, AIS_V_NULL);
}

static void
check_len(const struct ais_obj *o, const char *name, size_t n)
{
	const struct ais_value *v = get(o, name);

	assert_int_equal(v->t, AIS_V_LIST);
	assert_int_equal(v->u.list->n, n);
}

/* Reads {"kind":"enterprise","compute_purchases":[{"amount":TEXT}]}. */
static const struct ais_value *
read_amount(struct ais_profile *p, const char *text)
{
	char json[256];

	snprintf(json, sizeof json, "{\"kind\":\"enterprise\","
	    "\"compute_purchases\":[{\"amount\":%s}]}", text);
	read_ok(p, json);
	return get(entry(&p->root, "compute_purchases", 0), "amount");
}

/* The error message of reading an amount written as text. */
static void
amount_err(struct ais_profile *p, const char *text, const char *msg)
{
	char json[256];

	snprintf(json, sizeof json, "{\"kind\":\"enterprise\","
	    "\"compute_purchases\":[{\"amount\":%s}]}", text);
	read_err(p, json, "$.compute_purchases[0].amount", msg);
}

/* ---- values ---- */

static void
read_should_read_the_example_of_the_spec_with_every_value(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *r = &p->root, *o;

	read_ok(p, example);
	assert_int_equal(p->warnings.n, 0);
	assert_ptr_equal(r->schema, R->schema);
	assert_string_equal(r->path, "$");
	assert_string_equal(p->id, "APP-0001");
	assert_string_equal(p->name, "成都恒图科技有限责任公司");
	assert_true(p->has_as_of);
	assert_int_equal(p->as_of, ais_date_from_ymd(2025, 6, 30));

	check_str(r, "id", "APP-0001");
	check_str(r, "name", "成都恒图科技有限责任公司");
	check_date(r, "as_of", 2025, 6, 30);
	check_str(r, "kind", "enterprise");
	check_str(r, "city", "chengdu");
	check_str(r, "province", "sichuan");
	check_date(r, "registered_on", 2019, 3, 15);
	check_bool(r, "ai_enterprise", 1);
	check_bool(r, "startup", 0);

	o = sub(r, "returnee_startup");
	assert_string_equal(o->path, "$.returnee_startup");
	check_num(o, "tier", 2, 0);

	o = sub(r, "revenue");
	assert_string_equal(o->path, "$.revenue");
	check_num(o, "main_business", 320000000, 0);
	check_num(o, "prior_max", 280000000, 0);
	check_num(o, "ai_share", 65, 2);

	check_len(r, "compute_purchases", 1);
	o = entry(r, "compute_purchases", 0);
	assert_string_equal(o->path, "$.compute_purchases[0]");
	check_str(o, "id", "cp-1");
	check_num(o, "amount", 4000000, 0);
	check_str(o, "purpose", "model_training");
	check_str(o, "provider", "国家超算成都中心");
	check_bool(o, "provider_listed", 1);
	check_bool(o, "affiliated", 0);
	check_date(o, "date", 2025, 3, 1);

	check_len(r, "corpus_purchases", 1);
	o = entry(r, "corpus_purchases", 0);
	assert_string_equal(o->path, "$.corpus_purchases[0]");
	check_str(o, "id", "co-1");
	check_num(o, "amount", 1000000, 0);
	check_bool(o, "via_exchange", 1);
	check_bool(o, "affiliated", 0);
	check_str(o, "purpose", "model_rnd");

	check_bool(sub(r, "open_corpus"), "qualified", 1);

	check_len(r, "software_products", 1);
	o = entry(r, "software_products", 0);
	check_str(o, "id", "sw-1");
	check_str(o, "name", "…");
	check_bool(o, "certified_first_version", 1);
	check_str(o, "role", "developer");
	check_num(o, "rd_expenditure", 8000000, 0);
	check_num(o, "contract_executed", 0, 0);

	check_len(r, "platforms", 1);
	o = entry(r, "platforms", 0);
	check_null(o, "id");
	check_str(o, "type", "national_key_lab");
	check_bool(o, "newly_approved", 1);
	check_num(o, "national_funding", 0, 0);

	check_len(r, "achievements", 1);
	o = entry(r, "achievements", 0);
	check_str(o, "type", "national_major_project_result");
	check_str(o, "landed_in", "chengdu");

	o = sub(r, "model_registration");
	check_bool(o, "registered", 1);
	check_num(o, "rank", 4, 0);

	check_len(r, "honors", 1);
	assert_int_equal(get(r, "honors")->u.list->items[0].t, AIS_V_STR);
	assert_string_equal(get(r, "honors")->u.list->items[0].u.s.p,
	    "little_giant");

	check_len(r, "standards_led", 1);
	o = entry(r, "standards_led", 0);
	check_str(o, "id", "GB/T 45000");
	check_str(o, "level", "national");

	check_len(r, "projects", 2);
	o = entry(r, "projects", 0);
	check_str(o, "id", "p-1");
	check_str(o, "type", "ai_project_lead");
	check_str(o, "level", "national");
	check_null(o, "total_investment");
	check_null(o, "sales");
	check_bool(o, "prior_provincial_support", 0);
	o = entry(r, "projects", 1);
	assert_string_equal(o->path, "$.projects[1]");
	check_str(o, "id", "p-2");
	check_str(o, "type", "compute_scheduling_platform");
	check_null(o, "level");
	check_num(o, "total_investment", 200000000, 0);

	check_len(r, "investments", 1);
	o = entry(r, "investments", 0);
	check_str(o, "id", "inv-1");
	check_str(o, "company", "…");
	check_bool(o, "ai", 1);
	check_num(o, "amount", 50000000, 0);
	check_num(o, "held_months", 18, 0);

	check_len(r, "talent", 1);
	o = entry(r, "talent", 0);
	check_str(o, "plan", "tianfu_emei");
	check_str(o, "kind", "team");
}

static void
read_should_read_prior_awards_and_refuse_one_without_its_program(
	void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *r = &p->root, *o;

	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1,\"contract\":\"C-1\"}],\"prior_awards\":"
	    "[{\"id\":\"pa-1\",\"program\":\"chengdu.compute_voucher\","
	    "\"date\":\"2025-03-01\",\"amount\":400000.5,"
	    "\"contract\":\"C-1\"},{\"program\":\"chengdu.standards\","
	    "\"date\":\"2024-12-31\",\"amount\":0}]}");
	check_str(entry(r, "compute_purchases", 0), "contract", "C-1");
	check_len(r, "prior_awards", 2);
	o = entry(r, "prior_awards", 0);
	assert_string_equal(o->path, "$.prior_awards[0]");
	check_str(o, "id", "pa-1");
	check_str(o, "program", "chengdu.compute_voucher");
	check_date(o, "date", 2025, 3, 1);
	check_num(o, "amount", 4000005, 1);
	check_str(o, "contract", "C-1");
	o = entry(r, "prior_awards", 1);
	check_null(o, "id");
	check_null(o, "contract");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":"
	    "[{\"date\":\"2025-03-01\",\"amount\":1}]}",
	    "$.prior_awards[0].program", "required field missing");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":"
	    "[{\"program\":\"x.y\",\"amount\":1}]}",
	    "$.prior_awards[0].date", "required field missing");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":"
	    "[{\"program\":\"x.y\",\"date\":\"2025-03-01\"}]}",
	    "$.prior_awards[0].amount", "required field missing");
}

static void
read_should_fill_the_defaults_of_absent_fields(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *r = &p->root, *o;

	read_ok(p, "{\"kind\":\"individual\"}");
	assert_null(p->id);
	assert_null(p->name);
	assert_false(p->has_as_of);
	check_null(r, "id");
	check_null(r, "as_of");
	check_null(r, "city");
	check_null(r, "ai_enterprise");	/* default: null in the contract */
	check_bool(r, "startup", 0);
	check_null(r, "returnee_startup");
	check_null(r, "revenue");
	check_null(r, "open_corpus");
	check_null(r, "model_registration");
	check_len(r, "compute_purchases", 0);
	check_len(r, "honors", 0);
	check_len(r, "talent", 0);

	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{\"amount\":1}],"
	    "\"corpus_purchases\":[{\"amount\":2}],\"software_products\":[{}],"
	    "\"revenue\":{}}");
	o = entry(r, "compute_purchases", 0);
	check_null(o, "id");
	check_str(o, "purpose", "other");
	check_null(o, "provider");
	check_bool(o, "provider_listed", 1);
	check_bool(o, "affiliated", 0);
	check_null(o, "date");
	o = entry(r, "corpus_purchases", 0);
	check_str(o, "purpose", "other");
	check_bool(o, "via_exchange", 0);
	o = entry(r, "software_products", 0);
	check_null(o, "role");
	check_bool(o, "certified_first_version", 0);
	o = sub(r, "revenue");
	check_null(o, "main_business");
	check_null(o, "ai_share");
}

static void
read_should_treat_null_as_absent(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *r = &p->root;

	read_ok(p, "{\"kind\":\"enterprise\",\"id\":null,\"startup\":null,"
	    "\"compute_purchases\":null,\"revenue\":null,\"honors\":null,"
	    "\"software_products\":[{\"role\":null}]}");
	assert_null(p->id);
	check_bool(r, "startup", 0);
	check_len(r, "compute_purchases", 0);
	check_len(r, "honors", 0);
	check_null(r, "revenue");
	check_null(entry(r, "software_products", 0), "role");
	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1,\"provider_listed\":null}]}");
	check_bool(entry(r, "compute_purchases", 0), "provider_listed", 1);
	read_err(p, "{\"kind\":null}", "$.kind", "required field missing");
}

static void
read_should_take_the_dated_fields_of_contracts_and_prior_awards(
	void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *r = &p->root, *o;

	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{"
	    "\"id\":\"cp-1\",\"amount\":300000,\"signed_on\":\"2024-12-20\","
	    "\"start\":\"2025-01-01\",\"end\":\"2026-12-31\","
	    "\"settled\":200000.5,\"contract\":\"NN-2025-001\"}],"
	    "\"prior_awards\":[{\"program\":\"nanning.compute_voucher\","
	    "\"date\":\"2025-02-01\",\"amount\":1000,\"contract\":\"NN-1\"}]}");
	o = entry(r, "compute_purchases", 0);
	assert_int_equal(get(o, "signed_on")->t, AIS_V_DATE);
	assert_int_equal(get(o, "start")->t, AIS_V_DATE);
	assert_int_equal(get(o, "end")->t, AIS_V_DATE);
	assert_int_equal(get(o, "settled")->u.n.m, 2000005);
	check_str(o, "contract", "NN-2025-001");
	check_null(o, "date");
	o = entry(r, "prior_awards", 0);
	check_str(o, "program", "nanning.compute_voucher");
	check_str(o, "contract", "NN-1");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":[{"
	    "\"date\":\"2025-02-01\",\"amount\":1}]}",
	    "$.prior_awards[0].program", "required field missing");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":[{"
	    "\"program\":\"x\",\"amount\":1}]}",
	    "$.prior_awards[0].date", "required field missing");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":[{"
	    "\"program\":\"x\",\"date\":\"2025-02-01\"}]}",
	    "$.prior_awards[0].amount", "required field missing");
}

static void
read_should_keep_amounts_exact_to_the_fen(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_value *v;

	v = read_amount(p, "4000000.07");
	assert_int_equal(v->u.n.m, 400000007);
	assert_int_equal(v->u.n.s, 2);
	v = read_amount(p, "0.1");
	assert_int_equal(v->u.n.m, 1);
	assert_int_equal(v->u.n.s, 1);
	v = read_amount(p, "0");
	assert_int_equal(v->u.n.m, 0);
	assert_int_equal(v->u.n.s, 0);
	v = read_amount(p, "99999999999.99");
	assert_int_equal(v->u.n.m, INT64_C(9999999999999));
	assert_int_equal(v->u.n.s, 2);
	v = read_amount(p, "92233720368547758.07");
	assert_int_equal(v->u.n.m, INT64_MAX);
	assert_int_equal(v->u.n.s, 2);
	v = read_amount(p, "1.50");
	assert_int_equal(v->u.n.m, 150);
	assert_int_equal(v->u.n.s, 2);
	/* Zeros beyond the fen are no decimals; the scale drops them. */
	v = read_amount(p, "1.5000");
	assert_int_equal(v->u.n.m, 150);
	assert_int_equal(v->u.n.s, 2);
	v = read_amount(p, "0.30000000000000000");
	assert_int_equal(v->u.n.m, 30);
	assert_int_equal(v->u.n.s, 2);
}

static void
read_should_take_minus_zero_as_zero(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_value *v;

	/*
	 * The choice: "-0" is the number zero, which is not negative; JSON
	 * writers print it for a negative floating zero.  So it is read as 0,
	 * in amounts as in ratios.
	 */
	v = read_amount(p, "-0");
	assert_int_equal(v->u.n.m, 0);
	v = read_amount(p, "-0.00");
	assert_int_equal(v->u.n.m, 0);
	assert_false(ais_dec_is_neg(v->u.n));
	read_ok(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":-0}}");
	check_num(sub(&p->root, "revenue"), "ai_share", 0, 0);
}

static void
read_should_refuse_bad_amounts_naming_the_path(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":["
	    "{\"amount\":1},{\"amount\":\"4百万\"}]}",
	    "$.compute_purchases[1].amount",
	    "an amount is a number of yuan, not \"4百万\": write a number "
	    "(4000000 for 400万)");
	amount_err(p, "12.345", "expected at most two decimals, got 12.345");
	amount_err(p, "0.001", "expected at most two decimals, got 0.001");
	amount_err(p, "0.0000000000000000001",
	    "expected at most two decimals, got 0.0000000000000000001");
	amount_err(p, "-5",
	    "expected a non-negative amount in yuan, got -5");
	amount_err(p, "-0.01",
	    "expected a non-negative amount in yuan, got -0.01");
	amount_err(p, "true",
	    "expected a non-negative amount in yuan, got true");
	amount_err(p, "[1]",
	    "expected a non-negative amount in yuan, got an array");
	amount_err(p, "{}",
	    "expected a non-negative amount in yuan, got an object");
	amount_err(p, "1e3", "expected an amount in yuan written without "
	    "an exponent, got 1e3");
	amount_err(p, "1E+400", "expected an amount in yuan written without "
	    "an exponent, got 1E+400");
	amount_err(p, "92233720368547758.08", "expected an amount of at "
	    "most 92233720368547758.07 yuan, got 92233720368547758.08");
	amount_err(p, "100000000000000000000", "expected an amount of at "
	    "most 92233720368547758.07 yuan, got 100000000000000000000");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{}]}",
	    "$.compute_purchases[0].amount", "required field missing");
}

static void
read_should_refuse_impossible_dates(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"as_of\":\"2025-02-30\"}",
	    "$.as_of", "expected a date YYYY-MM-DD, got \"2025-02-30\"");
	read_err(p, "{\"kind\":\"enterprise\",\"registered_on\":\"2025-6-1\"}",
	    "$.registered_on",
	    "expected a date YYYY-MM-DD, got \"2025-6-1\"");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":["
	    "{\"amount\":1,\"date\":20250301}]}",
	    "$.compute_purchases[0].date",
	    "expected a date YYYY-MM-DD, got 20250301");
}

static void
read_should_refuse_unknown_enum_values_and_suggest_a_close_one(
	void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"company\"}", "$.kind",
	    "expected one of enterprise, university, research_institute, "
	    "vc_institution, data_source_unit, individual, got \"company\"");
	read_err(p, "{\"kind\":\"enterprize\"}", "$.kind",
	    "expected one of enterprise, university, research_institute, "
	    "vc_institution, data_source_unit, individual, got "
	    "\"enterprize\"; did you mean enterprise?");
	read_err(p, "{\"kind\":1}", "$.kind",
	    "expected one of enterprise, university, research_institute, "
	    "vc_institution, data_source_unit, individual, got 1");
	read_err(p, "{\"kind\":\"enterprise\",\"honors\":[\"little_giant\","
	    "\"chain_leadr\"]}", "$.honors[1]",
	    "expected one of little_giant, chain_leader, "
	    "national_green_data_center, got \"chain_leadr\"; did you mean "
	    "chain_leader?");
	read_err(p, "{\"kind\":\"enterprise\",\"honors\":\"little_giant\"}",
	    "$.honors",
	    "expected an array of strings, got \"little_giant\"");
	read_err(p, "{\"kind\":\"enterprise\",\"standards_led\":[{\"level\":"
	    "\"local\"}]}", "$.standards_led[0].level",
	    "expected one of international, national, industry, got "
	    "\"local\"");
}

static void
read_should_refuse_a_missing_required_field(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{}", "$.kind", "required field missing");
	read_err(p, "{\"kind\":\"enterprise\",\"standards_led\":"
	    "[{\"id\":\"GB/T 1\"}]}", "$.standards_led[0].level",
	    "required field missing");
}

static void
read_should_refuse_anything_but_an_object_at_the_top(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "[1,2]", "$", "expected an object, got an array");
	read_err(p, "\"x\"", "$", "expected an object, got \"x\"");
	read_err(p, "12", "$", "expected an object, got 12");
	read_err(p, "null", "$", "expected an object, got null");
	read_err(p, " true ", "$", "expected an object, got true");
}

static void
read_should_refuse_wrong_types_naming_what_was_expected(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"startup\":\"yes\"}",
	    "$.startup", "expected true or false, got \"yes\"");
	read_err(p, "{\"kind\":\"enterprise\",\"city\":510100}",
	    "$.city", "expected a string, got 510100");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":[]}",
	    "$.revenue", "expected an object, got an array");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":{}}",
	    "$.compute_purchases",
	    "expected an array of objects, got an object");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1},5]}", "$.compute_purchases[1]",
	    "expected an object, got 5");
	read_err(p, "{\"kind\":\"enterprise\",\"talent\":[null]}",
	    "$.talent[0]", "expected an object, got null");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1,\"provider_listed\":0}]}",
	    "$.compute_purchases[0].provider_listed",
	    "expected true or false, got 0");
}

static void
read_should_refuse_ratios_outside_zero_to_one(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":1.5}}",
	    "$.revenue.ai_share", "expected a ratio from 0 to 1, got 1.5");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":-0.1}}",
	    "$.revenue.ai_share", "expected a ratio from 0 to 1, got -0.1");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":\"65%\"}}",
	    "$.revenue.ai_share",
	    "a ratio is a number from 0 to 1, not \"65%\": write 0.65");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":6.5e-1}}",
	    "$.revenue.ai_share", "expected a ratio from 0 to 1 written "
	    "without an exponent, got 6.5e-1");
	read_ok(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":1}}");
	check_num(sub(&p->root, "revenue"), "ai_share", 1, 0);
	read_ok(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":1.000}}");
	read_ok(p, "{\"kind\":\"enterprise\",\"revenue\":"
	    "{\"ai_share\":0.333333333333333333}}");
	check_num(sub(&p->root, "revenue"), "ai_share",
	    INT64_C(333333333333333333), 18);
}

/* Issue 12: an amount written as people write one, refused with the
 * number to write, computed exactly from 万 and 亿. */
static void
read_should_refuse_an_amount_written_as_a_string_with_the_number_to_write(
	void **state)
{
	struct ais_profile *p = *state;
	static const char *const cases[][2] = {
		{"\"400万\"", "4000000"},
		{"\"400万元\"", "4000000"},
		{"\"4,000,000\"", "4000000"},
		{"\"4000000\"", "4000000"},
		{"\"1.2亿\"", "120000000"},
		{"\"1.2亿元\"", "120000000"},
		{"\"12.5万\"", "125000"},
		{"\"1.234567万\"", "12345.67"},
		{"\"4000000元\"", "4000000"},
		{"\"¥4,000,000.50\"", "4000000.5"},
		{"\"12,345万\"", "123450000"},
	};
	char msg[256], shown[64];
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(msg, sizeof msg, "an amount is a number of yuan, not "
		    "%s: write %s", cases[i][0], cases[i][1]);
		amount_err(p, cases[i][0], msg);
	}
	/* not a number people write: how to write one */
	static const char *const bad[] = {
		"\"4百万\"", "\"4,00\"", "\"-5\"", "\"\"", "\"万\"", "\"4.\"",
		"\"400万万\"", "\"abc\"", "\"1e6\"", "\"400 万\"",
	};
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(shown, sizeof shown, "%s", bad[i]);
		snprintf(msg, sizeof msg, "an amount is a number of yuan, not "
		    "%s: write a number (4000000 for 400万)", shown);
		amount_err(p, bad[i], msg);
	}
	/* the path of a nested amount, and revenue's */
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":"
	    "{\"main_business\":\"400万\"}}", "$.revenue.main_business",
	    "an amount is a number of yuan, not \"400万\": write 4000000");
}

static void
read_should_refuse_a_ratio_or_integer_written_as_a_string(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":"
	    "\"0.58\"}}", "$.revenue.ai_share",
	    "a ratio is a number from 0 to 1, not \"0.58\": write 0.58");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":"
	    "\"58\"}}", "$.revenue.ai_share",
	    "a ratio is a number from 0 to 1, not \"58\": write a number "
	    "(0.6 for 60%)");
	read_err(p, "{\"kind\":\"enterprise\",\"revenue\":{\"ai_share\":"
	    "\"12.5%\"}}", "$.revenue.ai_share",
	    "a ratio is a number from 0 to 1, not \"12.5%\": write 0.125");
	read_err(p, "{\"kind\":\"enterprise\",\"returnee_startup\":"
	    "{\"tier\":\"two\"}}", "$.returnee_startup.tier",
	    "expected an integer from 1 to 3, not \"two\": write a number");
}

static void
read_should_refuse_integers_out_of_range_or_with_a_fraction(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"returnee_startup\":{\"tier\":4}}",
	    "$.returnee_startup.tier", "expected an integer from 1 to 3, got 4");
	read_err(p, "{\"kind\":\"enterprise\",\"returnee_startup\":{\"tier\":0}}",
	    "$.returnee_startup.tier", "expected an integer from 1 to 3, got 0");
	read_err(p, "{\"kind\":\"enterprise\",\"returnee_startup\":{\"tier\":2.5}}",
	    "$.returnee_startup.tier",
	    "expected an integer from 1 to 3, got 2.5");
	read_err(p, "{\"kind\":\"enterprise\",\"returnee_startup\":{\"tier\":\"2\"}}",
	    "$.returnee_startup.tier",
	    "expected an integer from 1 to 3, not \"2\": write 2");
	read_err(p, "{\"kind\":\"enterprise\",\"investments\":[{\"held_months\":-1}]}",
	    "$.investments[0].held_months",
	    "expected an integer from 0 to 1200, got -1");
	read_err(p, "{\"kind\":\"enterprise\",\"model_registration\":"
	    "{\"rank\":99999999999999999999}}", "$.model_registration.rank",
	    "expected an integer from 1 to 1000000, got 99999999999999999999");
	read_ok(p, "{\"kind\":\"enterprise\",\"returnee_startup\":{\"tier\":3.0}}");
	check_num(sub(&p->root, "returnee_startup"), "tier", 3, 0);
}

static void
read_should_refuse_a_field_given_twice(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"kind\":\"university\"}",
	    "$.kind", "duplicate field");
	read_err(p, "{\"kind\":\"enterprise\",\"startup\":null,\"startup\":true}",
	    "$.startup", "duplicate field");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1,\"amount\":2}]}", "$.compute_purchases[0].amount",
	    "duplicate field");
	read_err(p, "{\"kind\":\"enterprise\",\"foo\":1,\"bar\":2,\"foo\":3}",
	    "$.foo", "duplicate field");
	/* The same key spelled with an escape is the same key. */
	read_err(p, "{\"kind\":\"enterprise\",\"\\u006bind\":\"individual\"}",
	    "$.kind", "duplicate field");
}

/* ---- warnings ---- */

static void
read_should_warn_of_unknown_fields_with_a_suggestion(void **state)
{
	struct ais_profile *p = *state;

	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchase\":[]}");
	assert_int_equal(p->warnings.n, 1);
	assert_string_equal(p->warnings.v[0], "$.compute_purchase: unknown "
	    "field; did you mean compute_purchases?");
	check_len(&p->root, "compute_purchases", 0);
}

static void
read_should_warn_of_unknown_fields_in_document_order(void **state)
{
	struct ais_profile *p = *state;

	read_ok(p, "{\"foo\":{\"kind\":1},\"kind\":\"enterprise\","
	    "\"compute_purchases\":[{\"amount\":1},{\"amout\":2,\"amount\":3}],"
	    "\"revenue\":{\"ai_shares\":0.5},\"a b\":1,\"zzz\":[1,2]}");
	assert_int_equal(p->warnings.n, 5);
	assert_string_equal(p->warnings.v[0], "$.foo: unknown field");
	assert_string_equal(p->warnings.v[1], "$.compute_purchases[1].amout: "
	    "unknown field; did you mean amount?");
	assert_string_equal(p->warnings.v[2], "$.revenue.ai_shares: unknown "
	    "field; did you mean ai_share?");
	assert_string_equal(p->warnings.v[3], "$[\"a b\"]: unknown field");
	assert_string_equal(p->warnings.v[4], "$.zzz: unknown field");
	check_num(entry(&p->root, "compute_purchases", 1), "amount", 3, 0);

	/* A new read forgets the old warnings. */
	read_ok(p, "{\"kind\":\"enterprise\"}");
	assert_int_equal(p->warnings.n, 0);
}

/* ---- syntax ---- */

static void
read_should_place_syntax_errors_by_line_and_column(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\": \"enterprise\",}", "$", "not valid JSON: "
	    "unexpected '}' at line 1, column 23");
	read_err(p, "{\n  \"kind\": \"enterprise\"\n  \"city\": \"chengdu\"\n}",
	    "$", "not valid JSON: unexpected '\"' at line 3, column 3");
	read_err(p, "{\"kind\": \"enterprise\"", "$", "not valid JSON: "
	    "unexpected end of input at line 1, column 22");
	read_err(p, "", "$", "not valid JSON: unexpected end of input at "
	    "line 1, column 1");
	read_err(p, "{\"kind\"：\"enterprise\"}", "$",
	    "not valid JSON: unexpected '：' (U+FF1A) at line 1, column 8");
	read_err(p, "\xef\xbb\xbf{}", "$", "not valid JSON: unexpected "
	    "'\xef\xbb\xbf' (U+FEFF) at line 1, column 1");
	read_err(p, "{\x01}", "$", "not valid JSON: unexpected byte 0x01 at "
	    "line 1, column 2");
	read_err(p, "{\"a\":1,\xff}", "$", "not valid JSON: unexpected "
	    "byte 0xff at line 1, column 8");
	read_err(p, "{'kind': 1}", "$",
	    "not valid JSON: unexpected ''' at line 1, column 2");
	read_err(p, "{\"kind\":\"enter\nprise\"}", "$", "not valid JSON: "
	    "control character 0x0a inside a string at line 1, column 15");
	read_err(p, "{\"kind\":\"enterprise\"} {}", "$",
	    "not valid JSON: unexpected '{' at line 1, column 23");
	read_err(p, "{\"kind\":tru}", "$",
	    "not valid JSON: unexpected '}' at line 1, column 12");
	read_err(p, "{\"kind\":\"a\\x\"}", "$",
	    "not valid JSON: unexpected 'x' at line 1, column 12");
	read_err(p, "{\"kind\":\"\\ud800\"}", "$", "not valid JSON: "
	    "unpaired surrogate in a \\u escape at line 1, column 10");
	read_err(p, "{\"kind\":\"a\\u0000b\"}", "$", "not valid JSON: "
	    "\\u0000 inside a string is not supported at line 1, column 11");
	read_err(p, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
	    "]]]]]]]]]]]]]]]]]]]]]]]]]]]", "$", "not valid JSON: nested more "
	    "than 64 levels deep at line 1, column 65");
}

static void
read_should_refuse_numbers_json_does_not_allow(void **state)
{
	struct ais_profile *p = *state;

	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":01}]}", "$",
	    "not valid JSON: unexpected '1' at line 1, column 54");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":.5}]}", "$",
	    "not valid JSON: unexpected '.' at line 1, column 53");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1.}]}", "$",
	    "not valid JSON: unexpected '}' at line 1, column 55");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":+1}]}", "$",
	    "not valid JSON: unexpected '+' at line 1, column 53");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":NaN}]}", "$",
	    "not valid JSON: unexpected 'N' at line 1, column 53");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":-}]}", "$",
	    "not valid JSON: unexpected '}' at line 1, column 54");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":"
	    "[{\"amount\":1e}]}", "$",
	    "not valid JSON: unexpected '}' at line 1, column 55");
}

static void
read_should_not_take_a_string_starting_with_u0001_for_a_number(
	void **state)
{
	struct ais_profile *p = *state;
	const struct ais_value *v;

	read_ok(p, "{\"kind\":\"enterprise\",\"id\":\"\\u00015\","
	    "\"\\u0001x\":1}");
	v = get(&p->root, "id");
	assert_int_equal(v->t, AIS_V_STR);
	assert_int_equal(v->u.s.len, 2);
	assert_memory_equal(v->u.s.p, "\x01" "5", 2);
	assert_int_equal(p->warnings.n, 1);
	assert_string_equal(p->warnings.v[0], "$[\"\\u0001x\"]: unknown field");
	amount_err(p, "\"\\u00015\"", "an amount is a number of yuan, "
	    "not \"\\u00015\": write a number (4000000 for 400万)");
}

/* Every escape JSON has, in a value and in a key, decoded to UTF-8. */
static void
read_should_decode_every_escape(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_value *v;
	static const char want[] = "a\"b\\c/d\b\f\n\r\t" "\xc3\xa9"
	    "\xe4\xb8\xad" "\xf0\x9f\x98\x80" "A\x7f" "\xef\xbf\xbf";

	read_ok(p, "{\"kind\":\"enterprise\",\"name\":"
	    "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u4E2D\\ud83d\\ude00"
	    "\\u0041\\u007f\\uffff\",\"\\u006bind2\":1}");
	v = get(&p->root, "name");
	assert_int_equal(v->t, AIS_V_STR);
	assert_int_equal(v->u.s.len, sizeof want - 1);
	assert_memory_equal(v->u.s.p, want, sizeof want - 1);
	/* the key decodes to "kind2", close to a field */
	assert_int_equal(p->warnings.n, 1);
	assert_string_equal(p->warnings.v[0],
	    "$.kind2: unknown field; did you mean kind?");
}

/* Names of every length up to 40 with an escape, then a raw control
 * byte, at every place: the scan that takes sixteen bytes at a time
 * must stop where the byte-by-byte one would. */
static void
read_should_find_escapes_and_controls_at_every_place(void **state)
{
	struct ais_profile *p = *state;
	char json[128], name[48], msg[128];
	const struct ais_value *v;
	size_t len, pos;

	for (len = 1; len <= 40; len++)
		for (pos = 0; pos < len; pos++) {
			memset(name, 'x', len);
			name[len] = '\0';
			name[pos] = '\n';
			snprintf(json, sizeof json, "{\"kind\":\"enterprise\","
			    "\"name\":\"%.*s\\n%s\"}", (int)pos, name,
			    name + pos + 1);
			read_ok(p, json);
			v = get(&p->root, "name");
			assert_int_equal(v->u.s.len, len);
			assert_memory_equal(v->u.s.p, name, len);
			/* the same byte raw: refused where it stands */
			snprintf(json, sizeof json, "{\"kind\":\"enterprise\","
			    "\"name\":\"%s\"}", name);
			snprintf(msg, sizeof msg, "not valid JSON: control "
			    "character 0x0a inside a string at line 1, column "
			    "%zu", 30 + pos);
			read_err(p, json, "$", msg);
		}
}

static void
read_should_reuse_its_memory_over_many_reads(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	const struct ais_value *first_v = NULL;
	size_t wcap = 0, i;
	static const char warned[] = "{\"kind\":\"enterprise\",\"foo\":1,"
	    "\"compute_purchases\":[{\"amount\":1.5,\"bar\":true}]}";
	static const char bad[] = "{\"kind\":\"enterprise\","
	    "\"compute_purchases\":[{\"amount\":-1}]}";

	/* under the debug arena (the sanitizer and valgrind runs) memory is
	 * never reused, so what the many reads show is leaks and errors, and
	 * a few hundred show them: 100,000 took seven minutes under valgrind */
	size_t reads = AIS_ARENA_DEBUG ? 300 : 100000;

	for (i = 0; i < reads; i++) {
		assert_int_equal(ais_profile_read(p, R, example,
		    sizeof example - 1, &err), 0);
		if (i == 1)
			first_v = p->root.v;
		if (i > 1 && !AIS_ARENA_DEBUG) {
			/* The arena hands out the same memory every time
			 * (a debug arena gives every allocation its own). */
			assert_ptr_equal(p->root.v, first_v);
		}
		assert_int_equal(ais_profile_read(p, R, warned,
		    sizeof warned - 1, &err), 0);
		assert_int_equal(p->warnings.n, 2);
		if (i == 1)
			wcap = p->warnings.alloc;
		if (i > 1)
			assert_int_equal(p->warnings.alloc, wcap);
		assert_int_equal(ais_profile_read(p, R, bad, sizeof bad - 1,
		    &err), -1);
	}
	assert_string_equal(err.path, "$.compute_purchases[0].amount");
}

static void
read_should_accept_input_without_a_terminating_nul(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	char buf[64];
	static const char text[] = "{\"kind\":\"enterprise\",\"id\":7}";

	/* "id": 7 is read from a buffer that goes on with garbage. */
	memset(buf, 'x', sizeof buf);
	memcpy(buf, "{\"kind\":\"individual\",\"city\":\"a\"}", 32);
	assert_int_equal(ais_profile_read(p, R, buf, 32, &err), 0);
	check_str(&p->root, "city", "a");
	assert_int_equal(ais_profile_read(p, R, text, sizeof text - 1, &err), -1);
	assert_string_equal(err.path, "$.id");
	assert_string_equal(err.msg, "expected a string, got 7");
	assert_int_equal(ais_profile_read(p, R, "{\"kind\":\"individual\"}", 10,
	    &err), -1);
	assert_string_equal(err.msg, "not valid JSON: unexpected end of "
	    "input at line 1, column 11");
}

static void
read_should_keep_the_id_of_a_rejected_profile(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	static const char bad_kind[] = "{\"id\": \"P-9\", \"kind\": \"firm\"}";
	static const char bad_syntax[] = "{\"id\": \"P-9\", \"kind\": }";
	static const char no_id[] = "{\"id\": 9, \"kind\": \"firm\"}";

	memset(&err, 0, sizeof err);
	assert_int_equal(ais_profile_read(p, R, bad_kind, sizeof bad_kind - 1,
	    &err), -1);
	assert_string_equal(err.path, "$.kind");
	assert_non_null(p->id);
	assert_string_equal(p->id, "P-9");
	assert_null(p->root.v);
	/* no tree, or an id that is not a string: no id */
	assert_int_equal(ais_profile_read(p, R, bad_syntax, sizeof bad_syntax - 1,
	    &err), -1);
	assert_null(p->id);
	assert_int_equal(ais_profile_read(p, R, no_id, sizeof no_id - 1, &err),
	    -1);
	assert_null(p->id);
}

/* A profile whose name is pad bytes of 'a', then s, then 18 of 'b'. */
static void
named(struct ais_buf *b, size_t pad, const char *s)
{
	ais_buf_reset(b);
	ais_buf_adds(b, "{\"kind\": \"enterprise\", \"name\": \"");
	ais_buf_add(b, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", pad);
	ais_buf_adds(b, s);
	ais_buf_adds(b, "bbbbbbbbbbbbbbbbbb\"}");
}

static void
read_should_refuse_strings_that_are_not_utf8(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	static const char *const bad[] = {
		"\xff", "\x80", "\xbf", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf",
		"\xed\xa0\x80", "\xed\xbf\xbf", "\xf0\x80\x80\xaf",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xe6\x88", "\xe6",
		"\xe6\x88\x41", "\xc3", NULL
	};
	static const char *const good[] = {
		"\xc3\xa9", "\xe6\x88\x90\xe9\x83\xbd", "\xf0\x9d\x84\x9e",
		"\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf", NULL
	};
	struct ais_buf b = AIS_BUF_INIT;
	size_t i, pad;

	memset(&err, 0, sizeof err);
	/* at every place within and across a block of sixteen bytes */
	for (pad = 0; pad < 40; pad++) {
		for (i = 0; bad[i]; i++) {
			named(&b, pad, bad[i]);
			assert_int_equal(ais_profile_read(p, R, b.p, b.len, &err),
			    -1);
			assert_non_null(strstr(err.msg, "invalid UTF-8"));
		}
		for (i = 0; good[i]; i++) {
			named(&b, pad, good[i]);
			if (ais_profile_read(p, R, b.p, b.len, &err) != 0)
				fail_msg("refused %s: %s", b.p, err.msg);
			assert_int_equal(strlen(p->name), pad + strlen(good[i]) +
			    18);
		}
	}
	/* in a key too */
	assert_int_equal(ais_profile_read(p, R, "{\"\xff\": 1}", 7, &err), -1);
	assert_non_null(strstr(err.msg, "invalid UTF-8 (byte 0xff)"));
	ais_buf_release(&b);
}

static void
read_should_name_the_precision_limit_of_a_ratio(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	static const char fine[] = "{\"kind\": \"enterprise\", \"revenue\": "
	    "{\"ai_share\": 0.123456789012345678}}";
	static const char fine_too_long[] = "{\"kind\": \"enterprise\", "
	    "\"revenue\": {\"ai_share\": 0.1234567890123456789}}";

	memset(&err, 0, sizeof err);
	assert_int_equal(ais_profile_read(p, R, fine, sizeof fine - 1, &err), 0);
	assert_int_equal(ais_profile_read(p, R, fine_too_long,
	    sizeof fine_too_long - 1, &err), -1);
	assert_string_equal(err.path, "$.revenue.ai_share");
	assert_string_equal(err.msg, "expected a ratio from 0 to 1 with at "
	    "most 18 decimal places, got 0.1234567890123456789");
}

static void
read_should_refuse_hostile_text_quickly_and_in_place(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	struct ais_buf b = AIS_BUF_INIT;
	size_t i;
	static const char nul[] = "{\"kind\": \"enterprise\"}\0";

	memset(&err, 0, sizeof err);
	/* 100,000 levels: refused at the 65th, not walked */
	for (i = 0; i < 100000; i++)
		ais_buf_adds(&b, "{\"a\":");
	assert_int_equal(ais_profile_read(p, R, b.p, b.len, &err), -1);
	assert_string_equal(err.msg, "not valid JSON: nested more than 64 "
	    "levels deep at line 1, column 321");
	/* a NUL after the object is not whitespace */
	assert_int_equal(ais_profile_read(p, R, nul, sizeof nul - 1, &err), -1);
	assert_string_equal(err.msg, "not valid JSON: unexpected byte 0x00 at "
	    "line 1, column 23");
	/* nothing at all */
	assert_int_equal(ais_profile_read(p, R, "", 0, &err), -1);
	assert_string_equal(err.msg, "not valid JSON: unexpected end of "
	    "input at line 1, column 1");
	ais_buf_release(&b);
}

/* The calls of cJSON's allocator hooks while the counting ones are set. */
static size_t hook_calls;

static void *
counting_malloc(size_t n)
{
	hook_calls++;
	return malloc(n);
}

static void
counting_free(void *ptr)
{
	hook_calls++;
	free(ptr);
}

static void
read_should_leave_the_allocator_of_cjson_alone(void **state)
{
	struct ais_profile *p = *state;
	struct ais_error err;
	cJSON_Hooks hooks = { counting_malloc, counting_free };
	cJSON *j;
	static const char bad[] = "{\"id\": \"P-9\", \"kind\": \"firm\"}";
	static const char bad_syntax[] = "{\"id\": \"P-9\", \"kind\": }";

	/* cJSON's hooks are process-wide: a host may set its own, and a
	 * profile read, accepted or refused, must neither use nor reset them */
	cJSON_InitHooks(&hooks);
	hook_calls = 0;
	read_ok(p, example);
	assert_int_equal(ais_profile_read(p, R, bad, sizeof bad - 1, &err), -1);
	assert_int_equal(ais_profile_read(p, R, bad_syntax, sizeof bad_syntax - 1,
	    &err), -1);
	assert_int_equal(hook_calls, 0);
	/* and the host's hooks are still the ones cJSON uses */
	j = cJSON_Parse("[1, \"a\"]");
	assert_non_null(j);
	cJSON_Delete(j);
	cJSON_InitHooks(NULL);
	assert_true(hook_calls > 0);
}

static void
read_should_check_the_fields_the_contract_bounds_by_a_sibling(void **state)
{
	struct ais_profile *p = *state;
	const struct ais_obj *cp;

	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{\"amount\":"
	    "200000,\"settled\":200000,\"start\":\"2025-01-01\",\"end\":"
	    "\"2025-01-01\"}]}");
	cp = entry(&p->root, "compute_purchases", 0);
	assert_int_equal(get(cp, "end")->t, AIS_V_DATE);
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{\"amount\":"
	    "1,\"start\":\"2025-03-01\",\"end\":\"2025-02-28\"}]}",
	    "$.compute_purchases[0].end", "2025-02-28 is before start "
	    "(2025-03-01)");
	read_err(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{\"amount\":"
	    "1},{\"amount\":200000,\"settled\":200000.01}]}",
	    "$.compute_purchases[1].settled", "200000.01 is above amount "
	    "(200000)");
	/* one side not given: nothing to compare */
	read_ok(p, "{\"kind\":\"enterprise\",\"compute_purchases\":[{\"amount\":"
	    "1,\"end\":\"2020-01-01\",\"settled\":0}]}");
}

static void
read_should_warn_of_prior_awards_it_cannot_place(void **state)
{
	struct ais_profile *p = *state;

	read_ok(p, "{\"kind\":\"enterprise\",\"as_of\":\"2025-06-30\","
	    "\"prior_awards\":[{\"program\":\"chengdu.standards\",\"date\":"
	    "\"2025-01-10\",\"amount\":400000},{\"program\":"
	    "\"chengdu.standard\",\"date\":\"2025-07-01\",\"amount\":1},"
	    "{\"program\":\"nowhere.grant\",\"date\":\"2025-06-30\","
	    "\"amount\":1}]}");
	assert_int_equal(p->warnings.n, 3);
	assert_string_equal(p->warnings.v[0], "$.prior_awards[1].program: no "
	    "program 'chengdu.standard' in the rules (did you mean "
	    "chengdu.standards?): it counts against nothing");
	assert_string_equal(p->warnings.v[1], "$.prior_awards[2].program: no "
	    "program 'nowhere.grant' in the rules: it counts against nothing");
	assert_string_equal(p->warnings.v[2], "$.prior_awards[1].date: "
	    "2025-07-01 is after the claim date 2025-06-30; it is not counted");
	read_err(p, "{\"kind\":\"enterprise\",\"prior_awards\":[{\"program\":"
	    "\"chengdu.standards\",\"amount\":1}]}", "$.prior_awards[0].date",
	    "required field missing");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(read_should_read_the_example_of_the_spec_with_every_value, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_read_prior_awards_and_refuse_one_without_its_program,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_fill_the_defaults_of_absent_fields, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_treat_null_as_absent, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    read_should_take_the_dated_fields_of_contracts_and_prior_awards,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_keep_amounts_exact_to_the_fen, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_take_minus_zero_as_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_bad_amounts_naming_the_path, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_impossible_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_unknown_enum_values_and_suggest_a_close_one, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_a_missing_required_field, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_anything_but_an_object_at_the_top, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_wrong_types_naming_what_was_expected, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_ratios_outside_zero_to_one, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_integers_out_of_range_or_with_a_fraction, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_an_amount_written_as_a_string_with_the_number_to_write, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_a_ratio_or_integer_written_as_a_string, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_a_field_given_twice, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_warn_of_unknown_fields_with_a_suggestion, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_warn_of_unknown_fields_in_document_order, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_place_syntax_errors_by_line_and_column, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_numbers_json_does_not_allow, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_not_take_a_string_starting_with_u0001_for_a_number, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_decode_every_escape,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    read_should_find_escapes_and_controls_at_every_place,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_reuse_its_memory_over_many_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_keep_the_id_of_a_rejected_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_strings_that_are_not_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_name_the_precision_limit_of_a_ratio, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_refuse_hostile_text_quickly_and_in_place, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_accept_input_without_a_terminating_nul, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_leave_the_allocator_of_cjson_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_check_the_fields_the_contract_bounds_by_a_sibling, setup, teardown),
		cmocka_unit_test_setup_teardown(read_should_warn_of_prior_awards_it_cannot_place, setup, teardown),
	};

	struct ais_error err;
	int failed;

	if ((R = ais_rules_load_builtin(&err)) == NULL) {
		fprintf(stderr, "the built-in rules did not load: %s\n", err.msg);
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	ais_rules_free(R);
	return failed;
}
