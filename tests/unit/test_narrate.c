/*
 * test_narrate.c: the decision record told in words (src/narrate.c).
 *
 * Amounts as a Chinese finance officer writes them, values, reads and the
 * reason of each kind of step in both languages, from records built by
 * the engine on small rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "narrate.h"

static struct ais_buf B;

static const char *
fen(int64_t f, enum ais_lang lang)
{
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	ais_fen_narrate(f, lang, &B);
	return B.p;
}

static void
fen_should_use_wan_and_yi_where_the_figure_is_round(void **state)
{
	(void)state;
	assert_string_equal(fen(240000000, AIS_LANG_ZH), "240万元");
	assert_string_equal(fen(123000000, AIS_LANG_ZH), "123万元");
	assert_string_equal(fen(1230000, AIS_LANG_ZH), "1.23万元");
	assert_string_equal(fen(1000000, AIS_LANG_ZH), "1万元");
	assert_string_equal(fen(50000000000LL, AIS_LANG_ZH), "5亿元");
	assert_string_equal(fen(35000000000LL, AIS_LANG_ZH), "3.5亿元");
	/* 1.0001亿 is not round to two places of 亿: in 万 */
	assert_string_equal(fen(10001000000LL, AIS_LANG_ZH), "10001万元");
	/* not round to a hundred yuan: in yuan, to the fen */
	assert_string_equal(fen(166666667, AIS_LANG_ZH), "1666666.67元");
	assert_string_equal(fen(1234500, AIS_LANG_ZH), "12345元");
	assert_string_equal(fen(990000, AIS_LANG_ZH), "9900元");
	assert_string_equal(fen(5, AIS_LANG_ZH), "0.05元");
	assert_string_equal(fen(0, AIS_LANG_ZH), "0元");
	/* English: the number of yuan, as the JSON has it */
	assert_string_equal(fen(240000000, AIS_LANG_EN), "2400000");
	assert_string_equal(fen(166666667, AIS_LANG_EN), "1666666.67");
}

static const char *
value(const struct ais_value *v, enum ais_lang lang)
{
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	ais_value_narrate(v, lang, &B);
	return B.p;
}

static void
value_should_read_as_words_in_chinese(void **state)
{
	struct ais_value v;
	struct ais_value items[3];
	struct ais_list l = { 3, items };

	(void)state;
	memset(&v, 0, sizeof v);
	assert_string_equal(value(&v, AIS_LANG_ZH), "未提供");
	assert_string_equal(value(&v, AIS_LANG_EN), "not given");
	v.t = AIS_V_BOOL;
	v.u.b = 1;
	assert_string_equal(value(&v, AIS_LANG_ZH), "是");
	assert_string_equal(value(&v, AIS_LANG_EN), "true");
	v.u.b = 0;
	assert_string_equal(value(&v, AIS_LANG_ZH), "否");
	v.t = AIS_V_LIST;
	v.u.list = &l;
	assert_string_equal(value(&v, AIS_LANG_ZH), "3项");
	assert_string_equal(value(&v, AIS_LANG_EN), "3 entries");
	l.n = 0;
	assert_string_equal(value(&v, AIS_LANG_ZH), "无");
	v.t = AIS_V_STR;
	v.u.s.p = "inference";
	v.u.s.len = 9;
	assert_string_equal(value(&v, AIS_LANG_ZH), "\"inference\"");
}

static void
reads_should_give_amounts_in_yuan_in_chinese(void **state)
{
	struct ais_read r[2];

	(void)state;
	memset(r, 0, sizeof r);
	r[0].field = "revenue.main_business";
	r[0].len = 21;
	r[0].value.t = AIS_V_NUM;
	r[0].value.u.n = ais_dec_make(320000000, 0);
	r[0].amount = 1;
	r[1].field = "startup";
	r[1].len = 7;
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	ais_reads_narrate(r, 2, AIS_LANG_ZH, &B);
	assert_string_equal(B.p, "revenue.main_business = 3.2亿元，startup：未提供");
	ais_buf_reset(&B);
	ais_reads_narrate(r, 2, AIS_LANG_EN, &B);
	assert_string_equal(B.p, "revenue.main_business = 320000000, "
	    "startup: not given");
}

/* Rules with one program of every kind of step, and its evaluation. */
static const char RULES[] =
"jurisdiction:\n"
"  id: testcity\n"
"  level: city\n"
"  name: {zh: 测试市, en: Test City}\n"
"documents:\n"
"  - id: doc-a\n"
"    title: 测试文件\n"
"    valid: {from: 2025-01-01, until: 2025-12-31}\n"
"    url: https://example.org/doc\n"
"sources:\n"
"  src-a:\n"
"    document: doc-a\n"
"    clause: 第一条\n"
"    confidence: quoted\n"
"programs:\n"
"  - id: testcity.training\n"
"    title: {zh: 训练, en: Training}\n"
"    document: doc-a\n"
"    source: src-a\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - says: {zh: 租用训练算力, en: rents training compute}\n"
"        test: any(compute_purchases where item.purpose == \"model_training\")\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 60%\n"
"        cap: 100万\n";

/* The reasons of the one item, a line each, in lang. */
static const char *
reasons(const struct ais_result *res, enum ais_lang lang)
{
	const struct ais_item *it = &res->items.v[0];
	size_t i;

	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	for (i = 0; i < it->steps.n; i++) {
		ais_step_narrate(res, it, &it->steps.v[i], lang, &B);
		ais_buf_addc(&B, '\n');
	}
	return B.p;
}

static void
steps_should_be_told_in_both_languages(void **state)
{
	static const char profile[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"compute_purchases\": [{\"id\": \"cp-1\", "
	    "\"amount\": 4000000, \"purpose\": \"model_training\"}]}";
	struct ais_rule_file f = { "rules/testcity.yaml", RULES,
	    sizeof RULES - 1, 0 };
	struct ais_error err;
	struct ais_rules *r;
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts o;

	(void)state;
	memset(&err, 0, sizeof err);
	memset(&o, 0, sizeof o);
	r = ais_rules_load(&f, 1, &err);
	if (!r)
		fail_msg("%s", err.msg);
	ais_profile_init(&p);
	ais_result_init(&res);
	assert_int_equal(ais_profile_read(&p, r, profile, sizeof profile - 1,
	    &err), 0);
	o.explain = 1;
	ais_date_parse("2025-06-30", 10, &o.as_of);
	assert_int_equal(ais_calc(r, &p, &o, &res, &err), 0);
	assert_string_equal(reasons(&res, AIS_LANG_EN),
	    "in force: the claim date 2025-06-30 is within 2025-01-01 to "
	    "2025-12-31\n"
	    "met: kind = \"enterprise\" (may apply: enterprise)\n"
	    "met: rents training compute (compute_purchases = 1 entry)\n"
	    "counted: cp-1 (4000000)\n"
	    "4000000 × 60% = 2400000\n"
	    "capped at 1000000\n");
	assert_string_equal(reasons(&res, AIS_LANG_ZH),
	    "在有效期内：申报日2025-06-30在2025-01-01至2025-12-31之间\n"
	    "符合：申请主体类型 kind = \"enterprise\"（可申报主体：enterprise）\n"
	    "符合：租用训练算力（compute_purchases = 1项）\n"
	    "计入：cp-1（400万元）\n"
	    "400万元 × 60% = 240万元\n"
	    "超过上限，按100万元封顶\n");
	/* after the document's end: not in force, in both */
	ais_date_parse("2026-01-01", 10, &o.as_of);
	assert_int_equal(ais_calc(r, &p, &o, &res, &err), 0);
	assert_non_null(strstr(reasons(&res, AIS_LANG_EN), "not in force: the "
	    "claim date 2026-01-01 is after 2025-12-31, when doc-a expired"));
	assert_non_null(strstr(reasons(&res, AIS_LANG_ZH), "不在有效期内：申报日"
	    "2026-01-01晚于《测试文件》有效期截止日2025-12-31"));
	ais_result_release(&res);
	ais_profile_release(&p);
	ais_rules_free(r);
	ais_buf_release(&B);
}

#define T(f) cmocka_unit_test(f)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(fen_should_use_wan_and_yi_where_the_figure_is_round),
		T(value_should_read_as_words_in_chinese),
		T(reads_should_give_amounts_in_yuan_in_chinese),
		T(steps_should_be_told_in_both_languages),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	ais_buf_release(&B);
	return rc;
}
