/*
 * test_rulestool.c: aisubsidy rules list, show, check and ids
 * (rulestool.c), and what the rule tests gained with them (ruletest.c):
 * the filter, the JUnit report and its escaping, the strict reading of a
 * test profile.  Run from the top of the tree (make unit): the rule sets
 * of tests/rules-check are read from there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog.h"
#include "date.h"
#include "ruletest.h"
#include "rulestool.h"

/* A program in force 2023-2024 on a quoted source whose rate rests on a
 * report, and one of any date on an official source. */
static const char testcity[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: old, title: 旧文件, valid: {from: 2023-01-01, until: 2024-12-31}}\n"
"  - {id: any, title: 长期文件}\n"
"sources:\n"
"  q: {document: old, clause: 第一条, confidence: quoted}\n"
"  r: {document: old, clause: 报道, confidence: report}\n"
"  o: {document: any, clause: 第二条, confidence: official}\n"
"programs:\n"
"  - id: testcity.voucher\n"
"    title: {zh: 算力券, en: Voucher}\n"
"    document: old\n"
"    source: q\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: {value: 50%, source: r}\n"
"  - id: testcity.grant\n"
"    title: {zh: 补贴, en: Grant}\n"
"    document: any\n"
"    source: o\n"
"    awards:\n"
"      - {basis: fixed, amount: 1万}\n";

static struct ais_rules *
load_testcity(void)
{
	struct ais_error err;
	struct ais_rule_file f = {"testcity.yaml", testcity,
	    sizeof testcity - 1, 0};
	struct ais_rules *r = ais_rules_load(&f, 1, &err);

	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

static ais_date
day(const char *s)
{
	ais_date d;

	assert_int_equal(ais_date_parse(s, strlen(s), &d), 0);
	return d;
}

static void
list(const struct ais_rules *r, const char *as_of, enum ais_lang lang,
	enum ais_rules_format format, struct ais_buf *b)
{
	struct ais_rules_list_opts o;

	memset(&o, 0, sizeof o);
	o.as_of = day(as_of);
	o.lang = lang;
	o.format = format;
	ais_buf_reset(b);
	assert_int_equal(ais_rules_list(r, &o, b), 0);
}

static void
list_should_write_one_aligned_row_per_program(void **state)
{
	struct ais_rules *r = load_testcity();
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	list(r, "2024-06-30", AIS_LANG_EN, AIS_RULES_TEXT, &b);
	assert_string_equal(b.p,
	    "program           title    basis    status    lowest grade\n"
	    "testcity.voucher  Voucher  formula  in force  report\n"
	    "testcity.grant    Grant    fixed    in force  official\n"
	    "2 programs, 2 in force on 2024-06-30\n");
	/* Chinese: a CJK character is two columns wide */
	list(r, "2024-06-30", AIS_LANG_ZH, AIS_RULES_TEXT, &b);
	assert_string_equal(b.p,
	    "项目              名称    计算方式    状态  最低来源等级\n"
	    "testcity.voucher  算力券  按公式计算  有效  报道\n"
	    "testcity.grant    补贴    定额        有效  官方发布\n"
	    "共2个项目，2024-06-30有效2个\n");
	list(r, "2024-06-30", AIS_LANG_EN, AIS_RULES_IDS, &b);
	assert_string_equal(b.p, "testcity.voucher\ntestcity.grant\n");
	ais_buf_release(&b);
	ais_rules_free(r);
}

static void
list_should_say_in_force_or_not_on_the_day(void **state)
{
	struct ais_rules *r = load_testcity();
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	list(r, "2025-01-01", AIS_LANG_EN, AIS_RULES_TEXT, &b);
	assert_non_null(strstr(b.p, "testcity.voucher  Voucher  formula  "
	    "ended 2024-12-31  report\n"));
	assert_non_null(strstr(b.p, "2 programs, 1 in force on 2025-01-01"));
	list(r, "2022-12-31", AIS_LANG_ZH, AIS_RULES_TEXT, &b);
	assert_non_null(strstr(b.p, "2023-01-01起施行"));
	/* both ends are in force */
	list(r, "2024-12-31", AIS_LANG_EN, AIS_RULES_JSON, &b);
	assert_non_null(strstr(b.p, "\"in_force\": true,\n      "
	    "\"lowest_grade\": \"report\""));
	list(r, "2025-01-01", AIS_LANG_EN, AIS_RULES_JSON, &b);
	assert_non_null(strstr(b.p, "\"until\": \"2024-12-31\"\n      },\n"
	    "      \"in_force\": false"));
	assert_non_null(strstr(b.p, "\"until\": null"));
	ais_buf_release(&b);
	ais_rules_free(r);
}

static void
lowest_grade_should_be_the_lowest_of_every_term(void **state)
{
	struct ais_error err;
	struct ais_rules *r = load_testcity(), *b;
	size_t i, k;

	(void)state;
	assert_string_equal(ais_program_lowest_grade(&r->j[0].programs[0]),
	    "report");
	assert_string_equal(ais_program_lowest_grade(&r->j[0].programs[1]),
	    "official");
	assert_true(ais_grade_rank("official") < ais_grade_rank("assumed"));
	b = ais_rules_load_builtin(&err);
	assert_non_null(b);
	for (i = 0; i < b->nj; i++)
		for (k = 0; k < b->j[i].nprograms; k++) {
			const struct ais_program *pg = &b->j[i].programs[k];

			if (strcmp(pg->id, "nanning.compute_voucher") == 0)
				assert_string_equal(
				    ais_program_lowest_grade(pg), "report");
			if (strcmp(pg->id, "beijing.compute_voucher") == 0)
				assert_string_equal(
				    ais_program_lowest_grade(pg), "reprint");
		}
	ais_rules_free(b);
	ais_rules_free(r);
}

static void
show_should_find_programs_and_jurisdictions_and_suggest(void **state)
{
	struct ais_rules *r = load_testcity();
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	assert_int_equal(ais_rules_show(r, "testcity.voucher", AIS_LANG_EN,
	    AIS_RULES_TEXT, &b), 1);
	assert_non_null(strstr(b.p, "### `testcity.voucher`: 算力券 / Voucher"));
	assert_non_null(strstr(b.p, "  - rate: `50%` [old, report]"));
	ais_buf_reset(&b);
	assert_int_equal(ais_rules_show(r, "testcity.voucher", AIS_LANG_EN,
	    AIS_RULES_JSON, &b), 1);
	assert_non_null(strstr(b.p, "\"rate\": [\n"));
	assert_non_null(strstr(b.p, "\"confidence\": \"report\""));
	ais_buf_reset(&b);
	assert_int_equal(ais_rules_show(r, "testcity", AIS_LANG_ZH,
	    AIS_RULES_TEXT, &b), 1);
	assert_non_null(strstr(b.p, "- `testcity.grant`：补贴\n"));
	ais_buf_reset(&b);
	assert_int_equal(ais_rules_show(r, "testcity.vouchr", AIS_LANG_EN,
	    AIS_RULES_TEXT, &b), 0);
	assert_int_equal(b.len, 0);
	ais_rules_unknown_id(r, "testcity.vouchr", &b);
	assert_string_equal(b.p, "unknown program or jurisdiction "
	    "'testcity.vouchr' (did you mean 'testcity.voucher'?)");
	ais_buf_reset(&b);
	assert_int_equal(ais_rules_known_jurisdiction(r, "testcty", &b), 0);
	assert_string_equal(b.p, "--jurisdiction 'testcty' is not in the "
	    "rules (did you mean 'testcity'?)");
	ais_buf_reset(&b);
	assert_int_equal(ais_rules_ids(r, 1, &b), 0);
	assert_string_equal(b.p, "testcity\n");
	ais_buf_release(&b);
	ais_rules_free(r);
}

static void
display_width_should_count_cjk_twice(void **state)
{
	(void)state;
	assert_int_equal(ais_display_width("abc", 3), 3);
	assert_int_equal(ais_display_width("训力券", strlen("训力券")), 6);
	assert_int_equal(ais_display_width("“x”", strlen("“x”")), 3);
}

static void
check_should_give_each_warning_with_its_place(void **state)
{
	struct ais_rules_check_opts o = {0, AIS_LANG_EN};
	struct ais_rules_check_stats st;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;

	(void)state;
	o.as_of = day("2025-06-30");
	assert_int_equal(ais_rules_check("tests/rules-check/warn", NULL, 0, &o,
	    &b, &st, &err), 0);
	assert_int_equal(st.programs, 3);
	assert_int_equal(st.warnings, 3);
	assert_string_equal(b.p,
	    "tests/rules-check/warn/checkcity.yaml:32:9: warning: "
	    "checkcity.old_grant ended on 2024-12-31, before 2025-06-30: no "
	    "claim dated after it is eligible\n"
	    "tests/rules-check/warn/checkcity.yaml:49:9: warning: "
	    "awards[0].rate of checkcity.reported_voucher rests only on "
	    "sources graded 'report' or below (new-report), none on the "
	    "policy's own text\n"
	    "tests/rules-check/warn/checkcity.yaml:52:9: warning: "
	    "checkcity.untested has no rule test: no case of the tests names "
	    "it in 'expect'\n"
	    "3 programs, 3 warnings\n");
	/* on a day within its validity the old grant is no warning */
	ais_buf_reset(&b);
	o.as_of = day("2024-12-31");
	assert_int_equal(ais_rules_check("tests/rules-check/warn", NULL, 0, &o,
	    &b, &st, &err), 0);
	assert_int_equal(st.warnings, 2);
	ais_buf_release(&b);
}

static void
check_should_refuse_what_does_not_load(void **state)
{
	struct ais_rules_check_opts o = {0, AIS_LANG_EN};
	struct ais_rules_check_stats st;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;

	(void)state;
	o.as_of = day("2025-06-30");
	assert_int_equal(ais_rules_check("tests/rules-check/broken", NULL, 0,
	    &o, &b, &st, &err), -1);
	assert_int_equal(err.status, AIS_ERULES);
	assert_string_equal(err.file, "tests/rules-check/broken/checkcity.yaml");
	assert_int_equal(err.line, 29);
	assert_int_equal(err.column, 20);
	assert_string_equal(err.msg, "dated values of 'rate' overlap");
	assert_int_equal(b.len, 0);
	ais_buf_release(&b);
}

static void
xml_escape_should_escape_markup_and_controls(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	static const char s[] = "<a & 'b' \"c\">\x01\ttab 训";

	(void)state;
	ais_xml_escape(&b, s, sizeof s - 1);
	assert_string_equal(b.p, "&lt;a &amp; &apos;b&apos; &quot;c&quot;"
	    "&gt;\xef\xbf\xbd\ttab 训");
	ais_buf_release(&b);
}

/* Runs the tests of tests/rules-check/failing with o. */
static void
run_failing(struct ais_ruletest_opts *o, struct ais_ruletest_stats *st,
	struct ais_buf *report)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_error err;
	struct ais_rules *r = ais_rules_load_dir("tests/rules-check/failing",
	    &err);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_non_null(r);
	assert_non_null(out);
	assert_int_equal(ais_rule_files_read("tests/rules-check/failing/tests",
	    &files, &err), 0);
	assert_int_equal(ais_ruletest_run_opts(r, files.f.v, files.f.n, o, out,
	    st, &err), 0);
	fclose(out);
	ais_buf_reset(report);
	ais_buf_add(report, text, len);
	free(text);
	ais_rule_files_release(&files);
	ais_rules_free(r);
}

static void
filter_should_run_only_the_cases_it_names(void **state)
{
	struct ais_ruletest_opts o;
	struct ais_ruletest_stats st;
	struct ais_buf out = AIS_BUF_INIT;

	(void)state;
	memset(&o, 0, sizeof o);
	o.lang = AIS_LANG_EN;
	o.filter = "misspelled";
	run_failing(&o, &st, &out);
	assert_int_equal(st.passed, 0);
	assert_int_equal(st.failed, 1);
	assert_int_equal(st.skipped, 4);
	/* the strict reading: the unknown field fails the case */
	assert_string_equal(out.p, "FAILED tests/rules-check/failing/tests/"
	    "checkcity.yaml:14: a misspelled field fails the case\n"
	    "    profile warning: $.registerd_on: unknown field; did you mean "
	    "registered_on?\n");
	/* a program id matches too: every case */
	o.filter = "startup_grant";
	run_failing(&o, &st, &out);
	assert_int_equal(st.passed + st.failed, 5);
	assert_int_equal(st.skipped, 0);
	/* no filter: the failure shows the reasons */
	o.filter = NULL;
	run_failing(&o, &st, &out);
	assert_int_equal(st.passed, 3);
	assert_int_equal(st.failed, 2);
	assert_non_null(strstr(out.p, "    reasons of checkcity.startup_grant:\n"
	    "      - in force: the claim date 2025-06-30 is on or after "
	    "2025-01-01\n"));
	assert_non_null(strstr(out.p, "      - not met: registered at least 6 "
	    "months before the claim date (registered_on = 2025-03-30, as_of = "
	    "2025-06-30)\n"));
	ais_buf_release(&out);
}

static void
junit_should_be_escaped_and_deterministic(void **state)
{
	struct ais_ruletest_opts o;
	struct ais_ruletest_stats st;
	struct ais_buf out = AIS_BUF_INIT, junit = AIS_BUF_INIT;
	char *first;

	(void)state;
	memset(&o, 0, sizeof o);
	o.lang = AIS_LANG_EN;
	o.junit = &junit;
	run_failing(&o, &st, &out);
	assert_true(strncmp(junit.p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"aisubsidy test\" tests=\"5\" failures=\"2\" "
	    "errors=\"0\">\n", 96) == 0);
	assert_non_null(strstr(junit.p, "name=\"&lt;escaped&gt; &amp; "
	    "&quot;quoted&quot; in the JUnit report\""));
	assert_non_null(strstr(junit.p, "<failure message=\"checkcity."
	    "startup_grant: eligible false, expected true\" type=\"mismatch\">"));
	assert_non_null(strstr(junit.p, "kind = &quot;enterprise&quot;"));
	assert_null(strstr(junit.p, "time="));
	first = ais_buf_detach(&junit);
	run_failing(&o, &st, &out);
	assert_string_equal(first, junit.p);
	free(first);
	/* a filter that matches nothing: an empty report, no suite */
	o.filter = "nothing matches this";
	ais_buf_reset(&junit);
	run_failing(&o, &st, &out);
	assert_string_equal(junit.p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<testsuites name=\"aisubsidy test\" tests=\"0\" failures=\"0\" "
	    "errors=\"0\">\n</testsuites>\n");
	ais_buf_release(&junit);
	ais_buf_release(&out);
}

static void
count_should_count_cases_per_program(void **state)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_error err;
	struct ais_rules *r = ais_rules_load_builtin(&err);
	size_t *counts, i, total = 0;

	(void)state;
	assert_non_null(r);
	counts = calloc(r->nprograms, sizeof *counts);
	ais_rule_files_builtin("rules/tests/", &files);
	assert_int_equal(ais_ruletest_count(r, files.f.v, files.f.n, counts,
	    &err), 0);
	for (i = 0; i < r->nprograms; i++) {
		assert_true(counts[i] > 0);
		total += counts[i];
	}
	assert_true(total >= 300);
	free(counts);
	ais_rule_files_release(&files);
	ais_rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(list_should_write_one_aligned_row_per_program),
		cmocka_unit_test(list_should_say_in_force_or_not_on_the_day),
		cmocka_unit_test(lowest_grade_should_be_the_lowest_of_every_term),
		cmocka_unit_test(
		    show_should_find_programs_and_jurisdictions_and_suggest),
		cmocka_unit_test(display_width_should_count_cjk_twice),
		cmocka_unit_test(check_should_give_each_warning_with_its_place),
		cmocka_unit_test(check_should_refuse_what_does_not_load),
		cmocka_unit_test(xml_escape_should_escape_markup_and_controls),
		cmocka_unit_test(filter_should_run_only_the_cases_it_names),
		cmocka_unit_test(junit_should_be_escaped_and_deterministic),
		cmocka_unit_test(count_should_count_cases_per_program),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
