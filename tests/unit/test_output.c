/*
 * test_output.c: the JSON writer, byte for byte.
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
#include "output.h"

/* The error of a write (none is expected). */
static struct ais_error werr;

static const char rules_text[] =
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
"        rate: 1/3\n";

static struct ais_rules *
load(const char *text)
{
	struct ais_rule_file f = { 0 };
	struct ais_error err;
	struct ais_rules *r;

	f.name = "rules/testcity.yaml";
	f.data = text;
	f.len = strlen(text);
	r = ais_rules_load(&f, 1, &err);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

/* Evaluates json against text and writes the result with o. */
static char *
run(const char *text, const char *json, const struct ais_output_opts *o)
{
	struct ais_rules *r = load(text);
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_error err;
	struct ais_buf b = AIS_BUF_INIT;

	memset(&co, 0, sizeof co);
	co.explain = o->mode == AIS_OUT_FULL;
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&p);
	ais_result_init(&res);
	assert_int_equal(ais_profile_read(&p, r, json, strlen(json), &err), 0);
	assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
	assert_int_equal(ais_result_write(&res, o, &b, &werr), 0);
	ais_result_release(&res);
	ais_profile_release(&p);
	ais_rules_free(r);
	return ais_buf_detach(&b);
}

static const char rules_text_third[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: doc, title: \"测试\\\"文件\", valid: {from: 2025-01-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n"
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    manual_checks: [{zh: 人工核查, en: a person looks}]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 33.33%\n";

static char *
third_rules(void)
{
	/* rate 33.33% written exactly, since the language has no division */
	struct ais_buf b = AIS_BUF_INIT;
	const char *at = strstr(rules_text, "1/3");

	ais_buf_add(&b, rules_text, (size_t)(at - rules_text));
	ais_buf_adds(&b, "33.33%\n");
	return ais_buf_detach(&b);
}

static void
compact_should_print_exact_amounts_without_float_noise(void **state)
{
	struct ais_output_opts o = {AIS_OUT_COMPACT, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	char *out = run(rules, "{\"id\":\"A\",\"kind\":\"enterprise\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":"
	    "5000000.01}]}", &o);

	(void)state;
	/* 5000000.01 × 33.33% = 1666500.0033333 → 1666500.00 */
	assert_string_equal(out, "{\"profile\":\"A\",\"as_of\":\"2025-06-30\","
	    "\"total\":1666500,\"up_to\":1666500,\"eligible\":"
	    "{\"testcity.voucher\":1666500},\"warnings\":[]}\n");
	free(out);
	free(rules);
}

static void
compact_should_round_half_up_once(void **state)
{
	struct ais_output_opts o = {AIS_OUT_COMPACT, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	/* 0.15 × 33.33% = 0.049995 → 0.05 */
	char *out = run(rules, "{\"kind\":\"enterprise\",\"city\":\"testcity\","
	    "\"compute_purchases\":[{\"amount\":0.15}]}", &o);

	(void)state;
	assert_string_equal(out, "{\"profile\":null,\"as_of\":\"2025-06-30\","
	    "\"total\":0.05,\"up_to\":0.05,\"eligible\":"
	    "{\"testcity.voucher\":0.05},\"warnings\":[]}\n");
	free(out);
	free(rules);
}

static void
full_should_give_the_contract_fields_in_order(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	char *out = run(rules, "{\"id\":\"A\",\"kind\":\"enterprise\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"id\":\"c1\","
	    "\"amount\":300}]}", &o);
	const char *want_start = "{\"profile\":\"A\",\"as_of\":\"2025-06-30\","
	    "\"currency\":\"CNY\",\"items\":[{\"program\":\"testcity.voucher\","
	    "\"jurisdiction\":\"testcity\",\"title\":{\"zh\":\"券\",\"en\":"
	    "\"Voucher\"},\"eligible\":true,\"basis\":\"formula\","
	    "\"amount\":99.99,\"up_to\":99.99,\"calculation\":{\"base\":300,"
	    "\"rate\":\"33.33%\",\"raw\":99.99,\"cap\":null,\"capped\":false},"
	    "\"reasons\":[\"in force: the claim date 2025-06-30 is on or after "
	    "2025-01-01\",\"met: kind = \\\"enterprise\\\" (may apply: "
	    "enterprise)\",\"counted: c1 (300)\",\"300 × 33.33% = 99.99\"],"
	    "\"checks\":[{\"check\":\"in_force\",\"outcome\":\"met\","
	    "\"read\":[{\"field\":\"as_of\",\"value\":\"2025-06-30\"}],"
	    "\"from\":\"2025-01-01\",\"until\":null,\"document_id\":\"doc\"},"
	    "{\"check\":\"applicants\",\"outcome\":\"met\",\"read\":"
	    "[{\"field\":\"kind\",\"value\":\"enterprise\"}],\"may_apply\":"
	    "[\"enterprise\"]}],\"entries\":[{\"list\":\"compute_purchases\","
	    "\"entry\":\"c1\",\"for\":\"base\",\"counted\":true,"
	    "\"value\":300}],"
	    "\"source\":{\"document\":\"测试文件\",\"document_id\":\"doc\","
	    "\"clause\":\"第一条\",\"confidence\":\"quoted\"},";

	(void)state;
	assert_memory_equal(out, want_start, strlen(want_start));
	assert_non_null(strstr(out, "\"total\":{\"amount\":99.99,\"up_to\":"
	    "99.99,\"unquantified\":0},\"warnings\":[],\"receipt\":{\"tool\":"
	    "\"aisubsidy " AIS_VERSION "\",\"as_of\":\"2025-06-30\",\"rules\":"
	    "\"sha256:"));
	assert_string_equal(out + strlen(out) - 4, "\"}}\n");
	free(out);
	free(rules);
}

static void
full_should_be_identical_on_every_run(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 1, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	const char *json = "{\"kind\":\"enterprise\",\"city\":\"testcity\","
	    "\"compute_purchases\":[{\"amount\":1},{\"amount\":2}]}";
	char *a = run(rules, json, &o);
	char *b = run(rules, json, &o);

	(void)state;
	assert_string_equal(a, b);
	free(a);
	free(b);
	free(rules);
}

static void
pretty_should_indent_by_two_spaces(void **state)
{
	struct ais_output_opts o = {AIS_OUT_COMPACT, 1, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	char *out = run(rules, "{\"kind\":\"enterprise\",\"city\":\"testcity\"}",
	    &o);

	(void)state;
	assert_string_equal(out, "{\n  \"profile\": null,\n  \"as_of\": "
	    "\"2025-06-30\",\n  \"total\": 0,\n  \"up_to\": 0,\n  "
	    "\"eligible\": {\n    \"testcity.voucher\": 0\n  },\n  "
	    "\"warnings\": []\n}\n");
	free(out);
	free(rules);
}

static void
eligible_only_should_leave_out_ineligible_items(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 1, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	char *out = run(rules, "{\"kind\":\"university\",\"city\":\"testcity\"}",
	    &o);

	(void)state;
	assert_non_null(strstr(out, "\"items\":[],"));
	free(out);
	free(rules);
}

static void
ineligible_items_should_show_zero_and_no_calculation(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *rules = third_rules();
	char *out = run(rules, "{\"kind\":\"university\",\"city\":\"testcity\"}",
	    &o);

	(void)state;
	assert_non_null(strstr(out, "\"eligible\":false,\"basis\":\"formula\","
	    "\"amount\":0,\"up_to\":0,\"calculation\":null,"));
	assert_non_null(strstr(out, "\"not met: kind = \\\"university\\\" "
	    "(may apply: enterprise)\""));
	free(out);
	free(rules);
}

static void
cache_should_give_the_same_bytes(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	struct ais_rules *r = load(rules_text_third);
	struct ais_output_cache *cache = ais_output_cache_new(r, AIS_LANG_EN);
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_error err;
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;
	const char *json = "{\"kind\":\"university\",\"city\":\"testcity\","
	    "\"compute_purchases\":[{\"amount\":7}]}";

	(void)state;
	memset(&co, 0, sizeof co);
	co.explain = 1;
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&p);
	ais_result_init(&res);
	assert_int_equal(ais_profile_read(&p, r, json, strlen(json), &err), 0);
	assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
	assert_int_equal(ais_result_write(&res, &o, &a, &werr), 0);
	o.cache = cache;
	assert_int_equal(ais_result_write(&res, &o, &b, &werr), 0);
	assert_string_equal(a.p, b.p);
	ais_buf_release(&a);
	ais_buf_release(&b);
	ais_output_cache_free(cache);
	ais_result_release(&res);
	ais_profile_release(&p);
	ais_rules_free(r);
}

/* The built-in rules have dated terms, awards with several parts, term
 * sources of their own: the cache must give the same bytes for each
 * example profile. */
static void
cache_should_give_the_same_bytes_with_the_built_in_rules(void **state)
{
	static const char *const files[] = {
		"examples/chengdu-ai-firm.json", "examples/shenzhen-startup.json",
		"examples/sichuan-venture-fund.json",
		"examples/university-lab.json", "examples/talent-team.json",
	};
	struct ais_error err;
	struct ais_rules *r = ais_rules_load_builtin(&err);
	struct ais_output_cache *cache, *caches[2];
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	size_t i;
	int l;

	(void)state;
	assert_non_null(r);
	caches[AIS_LANG_ZH] = ais_output_cache_new(r, AIS_LANG_ZH);
	caches[AIS_LANG_EN] = cache = ais_output_cache_new(r, AIS_LANG_EN);
	memset(&co, 0, sizeof co);
	co.explain = 1;
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&p);
	ais_result_init(&res);
	/* on dates before, at and after the rules' changes: terms and pools
	 * not yet in force, switching versions, programs ended */
	for (i = 0; i < sizeof files / sizeof *files * 6; i++) {
		static const char *const dates[] = { "2020-01-01",
		    "2024-06-30", "2025-08-27", "2025-08-28", "2026-12-18",
		    NULL };
		struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
		struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;
		const char *date = dates[i % 6];
		char *json;
		size_t len;

		assert_int_equal(ais_read_file(files[i / 6], &json, &len,
		    AIS_EPROFILE, &err), 0);
		assert_int_equal(ais_profile_read(&p, r, json, len, &err), 0);
		if (date) {	/* NULL: the profile's own date */
			p.has_as_of = 0;
			assert_int_equal(ais_date_parse(date, 10, &co.as_of), 0);
		}
		assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
		/* in both languages, each with its own cache */
		for (l = 0; l < 2; l++) {
			o.lang = l ? AIS_LANG_EN : AIS_LANG_ZH;
			o.cache = NULL;
			ais_buf_reset(&a);
			ais_buf_reset(&b);
			assert_int_equal(ais_result_write(&res, &o, &a, &werr), 0);
			o.cache = caches[o.lang];
			assert_int_equal(ais_result_write(&res, &o, &b, &werr), 0);
			assert_string_equal(a.p, b.p);
		}
		ais_buf_release(&a);
		ais_buf_release(&b);
		free(json);
	}
	ais_result_release(&res);
	ais_profile_release(&p);
	ais_output_cache_free(caches[AIS_LANG_ZH]);
	ais_output_cache_free(cache);
	ais_rules_free(r);
}

static void
error_record_should_name_the_line_and_path(void **state)
{
	struct ais_error e;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "expected \"x\"");
	snprintf(e.path, sizeof e.path, "$.kind");
	ais_error_record_write(17, NULL, &e, &b);
	assert_string_equal(b.p, "{\"line\":17,\"profile\":null,\"error\":"
	    "{\"path\":\"$.kind\",\"message\":\"expected \\\"x\\\"\"}}\n");
	/* the rejected profile's id, when it could be read */
	ais_buf_reset(&b);
	ais_error_record_write(3, "P-\"3\"", &e, &b);
	assert_string_equal(b.p, "{\"line\":3,\"profile\":\"P-\\\"3\\\"\","
	    "\"error\":{\"path\":\"$.kind\",\"message\":\"expected "
	    "\\\"x\\\"\"}}\n");
	ais_buf_release(&b);
}


static const char rules_ledger[] =
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
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases where not awarded(item.contract),"
" item.amount)\n"
"        cap: {value: 100, per: year}\n"
"  - id: testcity.plain\n"
"    title: {zh: 普通, en: Plain}\n"
"    document: doc\n"
"    source: s\n"
"    awards:\n"
"      - {basis: fixed, amount: 1}\n";

static const char profile_ledger[] =
"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
"\"compute_purchases\":[{\"id\":\"cp-1\",\"amount\":70,\"contract\":\"C-1\"},"
"{\"id\":\"cp-2\",\"amount\":90,\"contract\":\"C-2\"}],"
"\"prior_awards\":[{\"id\":\"pa-1\",\"program\":\"testcity.voucher\","
"\"date\":\"2025-02-01\",\"amount\":40,\"contract\":\"C-1\"},"
"{\"program\":\"testcity.voucher\",\"date\":\"2025-07-01\",\"amount\":5}]}";

static void
compact_should_add_the_ledger_of_a_cap_that_accumulates(void **state)
{
	struct ais_output_opts o = {AIS_OUT_COMPACT, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_ledger, profile_ledger, &o);

	(void)state;
	/* 90 asked, 100 - 40 left */
	assert_string_equal(out, "{\"profile\":\"A\",\"as_of\":\"2025-06-30\","
	    "\"total\":61,\"up_to\":61,\"eligible\":{\"testcity.voucher\":60,"
	    "\"testcity.plain\":1},\"ledger\":{\"testcity.voucher\":{\"per\":"
	    "\"year\",\"cap\":100,\"prior\":40,\"remaining\":60}},"
	    "\"warnings\":[]}\n");
	free(out);
	/* no prior awards: the same members, a ledger with nothing in it */
	out = run(rules_ledger, "{\"id\":\"B\",\"kind\":\"enterprise\","
	    "\"city\":\"testcity\"}", &o);
	assert_string_equal(out, "{\"profile\":\"B\",\"as_of\":\"2025-06-30\","
	    "\"total\":1,\"up_to\":1,\"eligible\":{\"testcity.voucher\":0,"
	    "\"testcity.plain\":1},\"ledger\":{\"testcity.voucher\":{\"per\":"
	    "\"year\",\"cap\":100,\"prior\":0,\"remaining\":100}},"
	    "\"warnings\":[]}\n");
	free(out);
}

static void
full_should_write_the_ledger_and_what_left_an_entry_out(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_ledger, profile_ledger, &o);

	(void)state;
	if (!strstr(out, "\"calculation\":{\"base\":90,\"rate\":\"100%\","
	    "\"raw\":90,\"cap\":60,\"capped\":true}"))
		fail_msg("calculation: %s", out);
	if (!strstr(out, "\"ledger\":[{\"of\":\"award\",\"per\":\"year\","
	    "\"year\":2025,\"cap\":100,\"prior\":40,\"remaining\":60,"
	    "\"prior_awards\":[{\"entry\":\"pa-1\",\"date\":\"2025-02-01\","
	    "\"amount\":40,\"contract\":\"C-1\",\"counted\":true},{\"entry\":"
	    "\"$.prior_awards[1]\",\"date\":\"2025-07-01\",\"amount\":5,"
	    "\"counted\":false,\"left_out\":\"after_as_of\"}]}]"))
		fail_msg("ledger: %s", out);
	if (!strstr(out, "{\"list\":\"compute_purchases\",\"entry\":\"cp-1\","
	    "\"for\":\"base\",\"counted\":false,\"needs\":\"not awarded("
	    "item.contract)\",\"read\":[{\"field\":\"contract\",\"value\":"
	    "\"C-1\"}],\"prior_award\":{\"entry\":\"pa-1\",\"date\":"
	    "\"2025-02-01\",\"amount\":40,\"contract\":\"C-1\",\"counted\":"
	    "true}}"))
		fail_msg("entry: %s", out);
	if (!strstr(out, "{\"term\":\"cap\",\"value\":\"100\",\"per\":\"year\","))
		fail_msg("term: %s", out);
	/* an item with no cap that accumulates has no ledger */
	if (strstr(strstr(out, "\"program\":\"testcity.plain\""), "\"ledger\""))
		fail_msg("plain: %s", out);
	free(out);
}

static void
cache_should_give_the_same_bytes_with_a_ledger(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_ZH, 0, 0, NULL, 0};
	struct ais_rules *r = load(rules_ledger);
	struct ais_output_cache *cache = ais_output_cache_new(r, AIS_LANG_ZH);
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_error err;
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;

	(void)state;
	memset(&co, 0, sizeof co);
	co.explain = 1;
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&p);
	ais_result_init(&res);
	assert_int_equal(ais_profile_read(&p, r, profile_ledger,
	    strlen(profile_ledger), &err), 0);
	assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
	assert_int_equal(ais_result_write(&res, &o, &a, &werr), 0);
	o.cache = cache;
	assert_int_equal(ais_result_write(&res, &o, &b, &werr), 0);
	assert_string_equal(a.p, b.p);
	ais_buf_release(&a);
	ais_buf_release(&b);
	ais_output_cache_free(cache);
	ais_result_release(&res);
	ais_profile_release(&p);
	ais_rules_free(r);
}

/* Awards for some kinds with manual checks of their own, a formula with
 * a ceiling besides its cap, a ceiling worked out, a pool per total and
 * entries counted from a date of the program's own. */
static const char rules_terms[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: doc, title: 测试文件, valid: {from: 2025-03-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n"
"  - id: testcity.roles\n"
"    title: {zh: 分角色, en: Roles}\n"
"    document: doc\n"
"    source: s\n"
"    manual_checks: [{zh: 项目核查, en: program check}]\n"
"    awards:\n"
"      - label: {zh: 研制, en: developer}\n"
"        basis: fixed\n"
"        applicants: [enterprise]\n"
"        amount: 10\n"
"        manual_checks: [{zh: 研制核查, en: developer check}]\n"
"      - label: {zh: 应用, en: adopter}\n"
"        basis: fixed\n"
"        applicants: [enterprise, university]\n"
"        amount: 5\n"
"        manual_checks: [{zh: 应用核查, en: adopter check}]\n"
"  - id: testcity.model\n"
"    title: {zh: 模型券, en: Model}\n"
"    document: doc\n"
"    source: s\n"
"    entries_from: 2025-01-01\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 30%\n"
"        cap: 100\n"
"        ceiling: 200\n"
"    pool: {amount: 1000, per: total}\n"
"  - id: testcity.corpus\n"
"    title: {zh: 语料券, en: Corpus}\n"
"    document: doc\n"
"    source: s\n"
"    entries_from: any\n"
"    awards:\n"
"      - basis: ceiling\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 30%\n";

static const char profile_terms[] =
"{\"kind\":\"university\",\"city\":\"testcity\",\"compute_purchases\":"
"[{\"id\":\"cp-1\",\"amount\":500,\"date\":\"2025-02-01\"},"
"{\"id\":\"cp-2\",\"amount\":100,\"date\":\"2024-12-31\"}]}";

static void
full_should_write_the_new_terms_as_data(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_terms, profile_terms, &o);

	(void)state;
	/* only the adopter's manual check, after the program's */
	assert_non_null(strstr(out, "\"manual_checks\":[\"program check\","
	    "\"adopter check\"]"));
	assert_null(strstr(out, "developer check"));
	assert_non_null(strstr(out, "{\"check\":\"applicants\",\"award\":"
	    "\"developer\",\"outcome\":\"not_met\",\"read\":[{\"field\":"
	    "\"kind\",\"value\":\"university\"}],\"may_apply\":"
	    "[\"enterprise\"]}"));
	/* 500 x 30% = 150: 100 as a rule, up to 150 */
	assert_non_null(strstr(out, "\"amount\":100,\"up_to\":150,"
	    "\"calculation\":{\"base\":500,\"rate\":\"30%\",\"raw\":150,"
	    "\"cap\":100,\"capped\":true,\"ceiling\":200,\"ceiled\":false}"));
	assert_non_null(strstr(out, "\"dated\":\"before_entries_from\""));
	assert_non_null(strstr(out, "\"per\":\"total\""));
	/* the worked-out ceiling: 30% of 600 */
	assert_non_null(strstr(out, "\"basis\":\"ceiling\",\"amount\":null,"
	    "\"up_to\":180,\"calculation\":{\"base\":600,\"rate\":\"30%\","
	    "\"raw\":180,\"cap\":null,\"capped\":false}"));
	free(out);
}

/* A program whose rate rests on a report, with a guide, and whose
 * headline source changes on 2025-07-01. */
static const char rules_text_pub[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"publications:\n"
"  paper: {outlet: 测试日报, date: 2025-01-02, page: 第2版, title: 报道, author: 记者 某, url: https://example.org/p, retrieved: 2026-11-30}\n"
"documents:\n"
"  - {id: doc, title: 测试文件, number: 测〔2025〕1号, issuer: 测试局, date: 2025-01-01, valid: {from: 2025-01-01}, published: paper, url: https://example.org/doc}\n"
"sources:\n"
"  s: {document: doc, article: 一、(二), clause: 第一条, confidence: quoted}\n"
"  r: {document: doc, confidence: report, url: https://example.org/r, retrieved: 2026-11-29}\n"
"  late: {document: doc, clause: 第二条, confidence: official}\n"
"programs:\n"
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: [{from: 2025-01-01, source: s}, {from: 2025-07-01, source: late}]\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: {value: 10%, source: r}\n"
"    guide:\n"
"      agency: {zh: 测试局, en: the test bureau}\n"
"      window: [{from: 2025-09-01, until: 2025-09-30, source: r}]\n"
"      payout: 事后奖补\n";

static void
full_should_cite_the_publication_of_a_source(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_text_pub, "{\"kind\":\"enterprise\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":100}]}",
	    &o);

	(void)state;
	/* the headline on 2025-06-30: the first source */
	assert_non_null(strstr(out, "\"source\":{\"document\":\"测试文件\","
	    "\"document_id\":\"doc\",\"number\":\"测〔2025〕1号\",\"issuer\":"
	    "\"测试局\",\"date\":\"2025-01-01\",\"article\":\"一、(二)\","
	    "\"clause\":\"第一条\",\"confidence\":\"quoted\",\"publication\":"
	    "{\"outlet\":\"测试日报\",\"date\":\"2025-01-02\",\"page\":\"第2版\","
	    "\"title\":\"报道\",\"author\":\"记者 某\",\"url\":"
	    "\"https://example.org/p\",\"retrieved\":\"2026-11-30\"},\"url\":"
	    "\"https://example.org/doc\"},"));
	/* a term's own source, with its own address and the day it was
	 * read; never "program" when the headline changes with the date */
	assert_non_null(strstr(out, "{\"term\":\"rate\",\"value\":\"10%\","
	    "\"confidence\":\"report\",\"source\":{\"document\":\"测试文件\""));
	assert_non_null(strstr(out, "\"confidence\":\"report\",\"publication\":"
	    "{\"outlet\":\"测试日报\",\"date\":\"2025-01-02\",\"page\":\"第2版\","
	    "\"title\":\"报道\",\"author\":\"记者 某\",\"url\":"
	    "\"https://example.org/p\",\"retrieved\":\"2026-11-30\"},\"url\":"
	    "\"https://example.org/r\",\"retrieved\":\"2026-11-29\"}"));
	assert_null(strstr(out, "\"source\":\"program\""));
	assert_null(strstr(out, "seed"));
	free(out);
}

static void
cache_should_give_the_same_bytes_with_the_new_terms(void **state)
{
	static const char *const profiles[] = {
		profile_terms,
		"{\"kind\":\"enterprise\",\"city\":\"testcity\"}",
	};
	size_t i, l;

	(void)state;
	for (l = 0; l < 2; l++)
		for (i = 0; i < 2; i++) {
			enum ais_lang lang = l ? AIS_LANG_ZH : AIS_LANG_EN;
			struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL,
			    lang, 0, 0, NULL, 0};
			struct ais_rules *r = load(rules_terms);
			struct ais_output_cache *cache =
			    ais_output_cache_new(r, lang);
			struct ais_profile p;
			struct ais_result res;
			struct ais_calc_opts co;
			struct ais_error err;
			struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;

			memset(&co, 0, sizeof co);
			co.explain = 1;
			co.as_of = ais_date_from_ymd(2025, 6, 30);
			ais_profile_init(&p);
			ais_result_init(&res);
			assert_int_equal(ais_profile_read(&p, r, profiles[i],
			    strlen(profiles[i]), &err), 0);
			assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
			assert_int_equal(ais_result_write(&res, &o, &a, &werr),
			    0);
			o.cache = cache;
			assert_int_equal(ais_result_write(&res, &o, &b, &werr),
			    0);
			assert_string_equal(a.p, b.p);
			ais_buf_release(&a);
			ais_buf_release(&b);
			ais_output_cache_free(cache);
			ais_result_release(&res);
			ais_profile_release(&p);
			ais_rules_free(r);
		}
}

static void
full_should_show_the_headline_source_in_force_on_the_claim_date(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_text_pub, "{\"kind\":\"enterprise\","
	    "\"as_of\":\"2025-07-01\",\"city\":\"testcity\","
	    "\"compute_purchases\":[{\"amount\":100}]}", &o);

	(void)state;
	assert_non_null(strstr(out, "],\"source\":{\"document\":\"测试文件\","
	    "\"document_id\":\"doc\",\"number\":\"测〔2025〕1号\",\"issuer\":"
	    "\"测试局\",\"date\":\"2025-01-01\",\"clause\":\"第二条\","
	    "\"confidence\":\"official\","));
	free(out);
}

/* The item's note names the grade and the terms, in its language, and
 * only when the item pays something. */
static void
full_should_note_an_amount_that_rests_on_a_report(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	const char *pays = "{\"kind\":\"enterprise\",\"city\":\"testcity\","
	    "\"compute_purchases\":[{\"amount\":100}]}";
	char *out = run(rules_text_pub, pays, &o);

	(void)state;
	assert_non_null(strstr(out, "\"notes\":[\"this amount rests on a "
	    "report of the policy, not its wording (rate): confirm with the "
	    "issuer\"]"));
	free(out);
	o.lang = AIS_LANG_ZH;
	out = run(rules_text_pub, pays, &o);
	assert_non_null(strstr(out, "\"notes\":[\"该金额依据对政策的报道而非原文"
	    "（比例），请向主管部门确认\"]"));
	free(out);
	/* nothing paid: no note */
	out = run(rules_text_pub, "{\"kind\":\"enterprise\",\"city\":"
	    "\"testcity\",\"compute_purchases\":[{\"amount\":0}]}", &o);
	assert_non_null(strstr(out, "\"notes\":[]"));
	free(out);
}

static void
full_should_show_the_guide_of_an_eligible_item_only(void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_EN, 0, 0, NULL, 0};
	char *out = run(rules_text_pub, "{\"kind\":\"enterprise\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":100}]}",
	    &o);

	(void)state;
	assert_non_null(strstr(out, "\"guide\":{\"agency\":{\"text\":"
	    "\"the test bureau\",\"source\":{\"document\":\"测试文件\""));
	assert_non_null(strstr(out, "\"window\":[{\"from\":\"2025-09-01\","
	    "\"until\":\"2025-09-30\",\"source\":{"));
	assert_non_null(strstr(out, "\"payout\":{\"value\":\"事后奖补\","
	    "\"source\":{"));
	free(out);
	out = run(rules_text_pub, "{\"kind\":\"university\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":100}]}",
	    &o);
	assert_null(strstr(out, "\"guide\""));
	free(out);
	o.mode = AIS_OUT_COMPACT;
	out = run(rules_text_pub, "{\"kind\":\"enterprise\","
	    "\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":100}]}",
	    &o);
	assert_null(strstr(out, "\"guide\""));
	free(out);
}

/* The cache holds one headline per program: a dated one is written
 * from the claim date, so the bytes are those of no cache. */
static void
cache_should_give_the_same_bytes_with_a_dated_source_and_a_guide(
	void **state)
{
	struct ais_output_opts o = {AIS_OUT_FULL, 0, 0, NULL, AIS_LANG_ZH, 0, 0, NULL, 0};
	struct ais_rules *r = load(rules_text_pub);
	struct ais_output_cache *cache = ais_output_cache_new(r, AIS_LANG_ZH);
	const char *json[] = {
		"{\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":7}]}",
		"{\"kind\":\"enterprise\",\"as_of\":\"2025-08-01\",\"city\":"
		"\"testcity\",\"compute_purchases\":[{\"amount\":7}]}"
	};
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		struct ais_profile p;
		struct ais_result res;
		struct ais_calc_opts co;
		struct ais_error err;
		struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;

		memset(&co, 0, sizeof co);
		co.explain = 1;
		co.as_of = ais_date_from_ymd(2025, 6, 30);
		ais_profile_init(&p);
		ais_result_init(&res);
		assert_int_equal(ais_profile_read(&p, r, json[i],
		    strlen(json[i]), &err), 0);
		assert_int_equal(ais_calc(r, &p, &co, &res, &err), 0);
		o.cache = NULL;
		assert_int_equal(ais_result_write(&res, &o, &a, &werr), 0);
		o.cache = cache;
		assert_int_equal(ais_result_write(&res, &o, &b, &werr), 0);
		assert_string_equal(a.p, b.p);
		ais_buf_release(&a);
		ais_buf_release(&b);
		ais_result_release(&res);
		ais_profile_release(&p);
	}
	ais_output_cache_free(cache);
	ais_rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_should_print_exact_amounts_without_float_noise),
		cmocka_unit_test(compact_should_round_half_up_once),
		cmocka_unit_test(full_should_give_the_contract_fields_in_order),
		cmocka_unit_test(full_should_be_identical_on_every_run),
		cmocka_unit_test(pretty_should_indent_by_two_spaces),
		cmocka_unit_test(eligible_only_should_leave_out_ineligible_items),
		cmocka_unit_test(ineligible_items_should_show_zero_and_no_calculation),
		cmocka_unit_test(cache_should_give_the_same_bytes),
		cmocka_unit_test(cache_should_give_the_same_bytes_with_the_built_in_rules),
		cmocka_unit_test(error_record_should_name_the_line_and_path),
		cmocka_unit_test(compact_should_add_the_ledger_of_a_cap_that_accumulates),
		cmocka_unit_test(full_should_write_the_ledger_and_what_left_an_entry_out),
		cmocka_unit_test(cache_should_give_the_same_bytes_with_a_ledger),
		cmocka_unit_test(full_should_write_the_new_terms_as_data),
		cmocka_unit_test(cache_should_give_the_same_bytes_with_the_new_terms),
		cmocka_unit_test(full_should_cite_the_publication_of_a_source),
		cmocka_unit_test(full_should_show_the_headline_source_in_force_on_the_claim_date),
		cmocka_unit_test(full_should_note_an_amount_that_rests_on_a_report),
		cmocka_unit_test(full_should_show_the_guide_of_an_eligible_item_only),
		cmocka_unit_test(cache_should_give_the_same_bytes_with_a_dated_source_and_a_guide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
