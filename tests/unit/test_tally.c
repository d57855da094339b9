/*
 * test_tally.c: what a batch adds up to, program by program, and the
 * summary written byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "tally.h"

/* A formula (50%), a ceiling, an unquantified and a fixed program. */
static const char testcity[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: doc, title: 测试文件, valid: {from: 2025-01-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n"
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 50%\n"
"  - id: testcity.ceiling\n"
"    title: {zh: 上限, en: Ceiling}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 已开放语料, en: opened corpus}, test: open_corpus.qualified}\n"
"    awards:\n"
"      - basis: ceiling\n"
"        ceiling: 10万\n"
"  - id: testcity.review\n"
"    title: {zh: 未定, en: Unquantified}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - says: {zh: 专精特新“小巨人”企业, en: a little giant}\n"
"        test: any(honors where item == \"little_giant\")\n"
"    awards:\n"
"      - basis: unquantified\n"
"  - id: testcity.fixed\n"
"    title: {zh: 定额, en: Fixed}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [university]\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 1万\n";

/* A second jurisdiction whose program nobody in testcity is eligible for:
 * it is listed with zeros. */
static const char zcity[] =
"jurisdiction: {id: zcity, level: city, name: {zh: 乙市, en: Other}}\n"
"documents:\n"
"  - {id: doc, title: 他文件, valid: {from: 2025-01-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n"
"  - id: zcity.grant\n"
"    title: {zh: 奖, en: Grant}\n"
"    document: doc\n"
"    source: s\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 5\n";

static struct ais_rules *
load(void)
{
	struct ais_rule_file f[2] = { { 0 } };
	struct ais_error err;
	struct ais_rules *r;

	memset(&err, 0, sizeof err);
	f[0].name = "rules/testcity.yaml";
	f[0].data = testcity;
	f[0].len = strlen(testcity);
	f[1].name = "rules/zcity.yaml";
	f[1].data = zcity;
	f[1].len = strlen(zcity);
	r = ais_rules_load(f, 2, &err);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

/* Evaluates each profile and adds it to t, as the batch does. */
static void
feed(struct ais_tally *t, const struct ais_rules *r,
	const char *const *profiles, size_t n)
{
	struct ais_profile prof;
	struct ais_result res;
	struct ais_calc_opts co;
	size_t i;

	memset(&co, 0, sizeof co);
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&prof);
	ais_result_init(&res);
	for (i = 0; i < n; i++) {
		struct ais_error err;

		memset(&err, 0, sizeof err);
		if (ais_profile_read(&prof, r, profiles[i], strlen(profiles[i]),
		    &err) < 0 || ais_calc(r, &prof, &co, &res, &err) < 0)
			ais_tally_reject(t);
		else
			ais_tally_add(t, &res);
	}
	ais_result_release(&res);
	ais_profile_release(&prof);
}

/* The program of r with id. */
static const struct ais_tally_program *
per(const struct ais_tally *t, const char *id)
{
	size_t i, k;

	for (i = 0; i < t->rules->nj; i++)
		for (k = 0; k < t->rules->j[i].nprograms; k++)
			if (strcmp(t->rules->j[i].programs[k].id, id) == 0)
				return &t->per[t->rules->j[i].programs[k].index];
	fail_msg("no program '%s'", id);
	return NULL;
}

/*
 * A: voucher 500, ceiling up to 100000, unquantified review;
 * B: voucher 0.03 × 50% = 0.015 → 0.02;
 * C: a university: fixed 10000;
 * a rejected kind, and a line that is not JSON.
 */
static const char *const small[] = {
	"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
	"\"compute_purchases\":[{\"amount\":1000}],"
	"\"open_corpus\":{\"qualified\":true},\"honors\":[\"little_giant\"]}",
	"{\"id\":\"B\",\"kind\":\"enterprise\",\"city\":\"testcity\","
	"\"compute_purchases\":[{\"amount\":0.03}]}",
	"{\"id\":\"bad\",\"kind\":\"company\",\"city\":\"testcity\"}",
	"{\"id\":\"C\",\"kind\":\"university\",\"city\":\"testcity\"}",
	"{",
};

static void
tally_should_count_eligible_applicants_and_sum_each_program(void **state)
{
	struct ais_rules *r = load();
	struct ais_tally t;
	const struct ais_tally_program *p;

	(void)state;
	ais_tally_init(&t, r);
	feed(&t, r, small, 5);
	p = per(&t, "testcity.voucher");
	assert_int_equal(p->eligible, 2);
	assert_int_equal(p->amount, 50002);
	assert_int_equal(p->up_to, 50002);
	assert_int_equal(p->unquantified, 0);
	p = per(&t, "testcity.ceiling");
	assert_int_equal(p->eligible, 1);
	assert_int_equal(p->amount, 0);
	assert_int_equal(p->up_to, 10000000);
	assert_int_equal(p->unquantified, 0);
	p = per(&t, "testcity.review");
	assert_int_equal(p->eligible, 1);
	assert_int_equal(p->amount, 0);
	assert_int_equal(p->up_to, 0);
	assert_int_equal(p->unquantified, 1);
	p = per(&t, "testcity.fixed");
	assert_int_equal(p->eligible, 1);
	assert_int_equal(p->amount, 1000000);
	assert_int_equal(p->up_to, 1000000);
	assert_int_equal(p->unquantified, 0);
	p = per(&t, "zcity.grant");
	assert_int_equal(p->eligible, 0);
	assert_int_equal(p->amount, 0);
	ais_tally_release(&t);
	ais_rules_free(r);
}

static void
tally_should_count_rejected_profiles_and_the_totals(void **state)
{
	struct ais_rules *r = load();
	struct ais_tally t;

	(void)state;
	ais_tally_init(&t, r);
	feed(&t, r, small, 5);
	assert_int_equal(t.read, 5);
	assert_int_equal(t.rejected, 2);
	assert_int_equal(t.amount, 50002 + 1000000);
	assert_int_equal(t.up_to, 50002 + 10000000 + 1000000);
	assert_false(t.overflow);
	ais_tally_release(&t);
	ais_rules_free(r);
}

static void
an_empty_tally_should_be_all_zeros(void **state)
{
	struct ais_rules *r = load();
	struct ais_tally t;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_tally_init(&t, r);
	ais_tally_write(&t, 0, &b);
	assert_string_equal(b.p, "{\"summary\":{\"profiles\":0,"
	    "\"evaluated\":0,\"rejected\":0,\"amount\":0,\"up_to\":0,"
	    "\"overflow\":false,\"warnings\":{\"profiles\":0,\"count\":0},"
	    "\"programs\":{"
	    "\"testcity.voucher\":{\"eligible\":0,\"amount\":0,\"up_to\":0,"
	    "\"unquantified\":0},"
	    "\"testcity.ceiling\":{\"eligible\":0,\"amount\":0,\"up_to\":0,"
	    "\"unquantified\":0},"
	    "\"testcity.review\":{\"eligible\":0,\"amount\":0,\"up_to\":0,"
	    "\"unquantified\":0},"
	    "\"testcity.fixed\":{\"eligible\":0,\"amount\":0,\"up_to\":0,"
	    "\"unquantified\":0},"
	    "\"zcity.grant\":{\"eligible\":0,\"amount\":0,"
	    "\"up_to\":0,\"unquantified\":0}}}}\n");
	ais_buf_release(&b);
	ais_tally_release(&t);
	ais_rules_free(r);
}

static void
summary_should_be_written_compact_byte_for_byte(void **state)
{
	struct ais_rules *r = load();
	struct ais_tally t;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_tally_init(&t, r);
	feed(&t, r, small, 5);
	ais_tally_write(&t, 0, &b);
	assert_string_equal(b.p, "{\"summary\":{\"profiles\":5,"
	    "\"evaluated\":3,\"rejected\":2,\"amount\":10500.02,"
	    "\"up_to\":110500.02,\"overflow\":false,"
	    "\"warnings\":{\"profiles\":0,\"count\":0},\"programs\":{"
	    "\"testcity.voucher\":{\"eligible\":2,\"amount\":500.02,"
	    "\"up_to\":500.02,\"unquantified\":0},"
	    "\"testcity.ceiling\":{\"eligible\":1,\"amount\":0,"
	    "\"up_to\":100000,\"unquantified\":0},"
	    "\"testcity.review\":{\"eligible\":1,\"amount\":0,\"up_to\":0,"
	    "\"unquantified\":1},"
	    "\"testcity.fixed\":{\"eligible\":1,\"amount\":10000,"
	    "\"up_to\":10000,\"unquantified\":0},"
	    "\"zcity.grant\":{\"eligible\":0,\"amount\":0,"
	    "\"up_to\":0,\"unquantified\":0}}}}\n");
	ais_buf_release(&b);
	ais_tally_release(&t);
	ais_rules_free(r);
}

static void
summary_should_be_written_pretty_byte_for_byte(void **state)
{
	struct ais_rules *r = load();
	struct ais_tally t;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_tally_init(&t, r);
	feed(&t, r, small, 5);
	ais_tally_write(&t, 1, &b);
	assert_string_equal(b.p, "{\n"
	    "  \"summary\": {\n"
	    "    \"profiles\": 5,\n"
	    "    \"evaluated\": 3,\n"
	    "    \"rejected\": 2,\n"
	    "    \"amount\": 10500.02,\n"
	    "    \"up_to\": 110500.02,\n"
	    "    \"overflow\": false,\n"
	    "    \"warnings\": {\"profiles\": 0, \"count\": 0},\n"
	    "    \"programs\": {\n"
	    "      \"testcity.voucher\": {\"eligible\": 2, \"amount\": 500.02, "
	    "\"up_to\": 500.02, \"unquantified\": 0},\n"
	    "      \"testcity.ceiling\": {\"eligible\": 1, \"amount\": 0, "
	    "\"up_to\": 100000, \"unquantified\": 0},\n"
	    "      \"testcity.review\": {\"eligible\": 1, \"amount\": 0, "
	    "\"up_to\": 0, \"unquantified\": 1},\n"
	    "      \"testcity.fixed\": {\"eligible\": 1, \"amount\": 10000, "
	    "\"up_to\": 10000, \"unquantified\": 0},\n"
	    "      \"zcity.grant\": {\"eligible\": 0, "
	    "\"amount\": 0, \"up_to\": 0, \"unquantified\": 0}\n"
	    "    }\n"
	    "  }\n"
	    "}\n");
	ais_buf_release(&b);
	ais_tally_release(&t);
	ais_rules_free(r);
}

static void
sums_past_int64_should_stop_growing_and_set_the_overflow_flag(void **state)
{
	/* 3 × 9e16 yuan × 50% = 3 × 4.5e18 fen: the third passes 9.22e18 */
	static const char *const big[] = {
		"{\"id\":\"X\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":90000000000000000}]}",
		"{\"id\":\"Y\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":90000000000000000}]}",
		"{\"id\":\"W\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":90000000000000000}]}",
		"{\"id\":\"Z\",\"kind\":\"university\",\"city\":\"testcity\"}",
	};
	struct ais_rules *r = load();
	struct ais_tally t;
	struct ais_buf b = AIS_BUF_INIT;
	const struct ais_tally_program *p;

	(void)state;
	ais_tally_init(&t, r);
	feed(&t, r, big, 4);
	assert_int_equal(t.read, 4);
	assert_int_equal(t.rejected, 0);
	assert_true(t.overflow);
	p = per(&t, "testcity.voucher");
	assert_int_equal(p->eligible, 3);
	assert_int_equal(p->amount, INT64_C(9000000000000000000));
	assert_int_equal(p->up_to, INT64_C(9000000000000000000));
	/* the fixed award still adds to the total that did not overflow */
	assert_int_equal(t.amount, INT64_C(9000000000001000000));
	ais_tally_write(&t, 0, &b);
	assert_non_null(strstr(b.p, "\"overflow\":true,"));
	ais_buf_release(&b);
	ais_tally_release(&t);
	ais_rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    tally_should_count_eligible_applicants_and_sum_each_program),
		cmocka_unit_test(
		    tally_should_count_rejected_profiles_and_the_totals),
		cmocka_unit_test(an_empty_tally_should_be_all_zeros),
		cmocka_unit_test(summary_should_be_written_compact_byte_for_byte),
		cmocka_unit_test(summary_should_be_written_pretty_byte_for_byte),
		cmocka_unit_test(
		    sums_past_int64_should_stop_growing_and_set_the_overflow_flag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
