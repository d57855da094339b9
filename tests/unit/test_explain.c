/*
 * test_explain.c: one program's evaluation step by step (src/explain.c).
 *
 * Real programs of the built-in rules and of tests/rules-ledger: a
 * condition with the values it read and its comparisons, the clause it
 * rests on, entries counted and not, the arithmetic with its cap, an
 * award set aside under the same-project rule, a ledger with its prior
 * awards, an ineligible program, and a program of another place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aisubsidy.h"
#include "engine.h"
#include "explain.h"
#include "profile.h"

static const char chengdu[] =
	"{\"id\": \"CD-E\", \"as_of\": \"2025-10-15\", \"kind\": \"enterprise\","
	" \"city\": \"chengdu\","
	" \"compute_purchases\": [{\"id\": \"cp-1\", \"amount\": 4000000,"
	" \"purpose\": \"model_training\", \"provider_listed\": true,"
	" \"affiliated\": false, \"date\": \"2025-09-15\"},"
	" {\"id\": \"cp-2\", \"amount\": 600000, \"purpose\": \"inference\","
	" \"provider_listed\": false, \"affiliated\": true,"
	" \"date\": \"2025-09-20\"}],"
	" \"software_products\": [{\"id\": \"sw-1\","
	" \"certified_first_version\": true, \"role\": \"both\","
	" \"rd_expenditure\": 8000000, \"contract_executed\": 3000000}]}";

static const char shenzhen[] =
	"{\"id\": \"SZ-E\", \"as_of\": \"2025-06-30\", \"kind\": \"enterprise\","
	" \"city\": \"shenzhen\", \"ai_enterprise\": true,"
	" \"registered_on\": \"2020-01-15\","
	" \"returnee_startup\": {\"tier\": 2}}";

static const char ledger[] =
	"{\"id\": \"LC-E\", \"kind\": \"enterprise\", \"city\": \"ledgercity\","
	" \"as_of\": \"2025-06-30\","
	" \"compute_purchases\": [{\"id\": \"cp-1\", \"amount\": 3000000}],"
	" \"prior_awards\": [{\"id\": \"pa-1\", \"program\":"
	" \"ledgercity.annual\", \"date\": \"2025-03-01\", \"amount\": 400000},"
	" {\"id\": \"pa-0\", \"program\": \"ledgercity.annual\","
	" \"date\": \"2024-05-01\", \"amount\": 500000}]}";

struct env {
	struct ais_rules *builtin, *ledger;
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf out;
	struct ais_error err;
};

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);

	e->builtin = ais_rules_load_builtin(&e->err);
	e->ledger = ais_rules_load_dir("tests/rules-ledger", &e->err);
	if (!e->builtin || !e->ledger)
		return -1;
	ais_profile_init(&e->p);
	ais_result_init(&e->res);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	ais_buf_release(&e->out);
	ais_result_release(&e->res);
	ais_profile_release(&e->p);
	ais_rules_free(e->builtin);
	ais_rules_free(e->ledger);
	free(e);
	return 0;
}

/* The explanation of program id for json, in lang. */
static const char *
explain(struct env *e, const struct ais_rules *r, const char *id,
	const char *json, enum ais_lang lang)
{
	const struct ais_program *pg = ais_program_find(r, id);
	struct ais_calc_opts o;

	assert_non_null(pg);
	memset(&o, 0, sizeof o);	/* explain is set by ais_explain */
	assert_int_equal(ais_profile_read(&e->p, r, json, strlen(json),
	    &e->err), 0);
	ais_buf_reset(&e->out);
	ais_buf_add(&e->out, "", 0);
	assert_int_equal(ais_explain(r, pg, &e->p, json, strlen(json), &o,
	    lang, &e->res, &e->out, &e->err), 0);
	return e->out.p;
}

static void
find_should_know_every_program_and_no_other(void **state)
{
	struct env *e = *state;

	assert_non_null(ais_program_find(e->builtin, "chengdu.standards"));
	assert_null(ais_program_find(e->builtin, "chengdu.standard"));
	assert_null(ais_program_find(e->builtin, ""));
}

static void
a_formula_program_should_show_its_arithmetic_and_set_aside(void **state)
{
	struct env *e = *state;
	const char *t = explain(e, e->builtin,
	    "chengdu.first_version_software", chengdu, AIS_LANG_EN);

	assert_true(strncmp(t, "chengdu.first_version_software for profile "
	    "CD-E, claim date 2025-10-15\n", 71) == 0);
	/* the program's source, with its clause and grade */
	assert_non_null(strstr(t, "《成都市进一步促进人工智能产业高质量发展的"
	    "若干政策措施》"));
	assert_non_null(strstr(t, "  grade: quoted; read in "));
	/* a condition with the value it read and what it rests on */
	assert_non_null(strstr(t, "met: has a certified (经认定) first-version "
	    "AI software product (software_products = 1 entry)\n"
	    "     rests on: the program's source (above), grade quoted\n"));
	/* each award's arithmetic and cap */
	assert_non_null(strstr(t, "developer: sw-1: 8000000 × 10% = 800000\n"
	    "     base × rate: 8,000,000 × 10% = 800,000 yuan\n"
	    "     cap: 2,500,000 yuan: not reached\n"));
	/* the same-project rule: the smaller part set aside */
	assert_non_null(strstr(t, "set aside: adopter: sw-1 (300000) and "
	    "developer: sw-1 (800000) fall on the same project"));
	assert_non_null(strstr(t, "the same-project rule (chengdu-once)"));
	assert_non_null(strstr(t, "  - adopter: sw-1: 300,000 yuan (set aside: "
	    "not paid)\n"));
	assert_non_null(strstr(t, "\nresult: eligible, formula; amount 800,000 "
	    "yuan; up to 800,000 yuan\n"));
	/* the terms, with their grade */
	assert_non_null(strstr(t, "  - rate (developer): 10%\n"));
	assert_non_null(strstr(t, "  - cap (developer): 2,500,000 yuan\n"));
	assert_non_null(strstr(t, "\nreceipt: aisubsidy "));
	/* in Chinese */
	t = explain(e, e->builtin, "chengdu.first_version_software", chengdu,
	    AIS_LANG_ZH);
	assert_non_null(strstr(t, "逐步审查：\n"));
	assert_non_null(strstr(t, "计算基数 × 比例：8,000,000 × 10% = "
	    "800,000元\n"));
	assert_non_null(strstr(t, "上限：2,500,000元：未达到\n"));
	assert_non_null(strstr(t, "不重复支持规则（chengdu-once）"));
	assert_non_null(strstr(t, "\n结论：符合，按比例；金额800,000元"));
}

static void
entries_should_be_counted_or_not_with_why(void **state)
{
	struct env *e = *state;
	const char *t = explain(e, e->builtin, "chengdu.compute_voucher",
	    chengdu, AIS_LANG_EN);

	assert_non_null(strstr(t, "counted: cp-1 (4000000)\n"));
	assert_non_null(strstr(t, "not counted: cp-2 (needs "
	    "item.provider_listed; provider_listed = false)\n"));
	/* an annual cap: what remains of it held the award */
	assert_non_null(strstr(t, "cap (what remains of it): 5,000,000 yuan: "
	    "not reached\n"));
	assert_non_null(strstr(t, "cap 5,000,000 yuan − prior 0 yuan = "
	    "remaining 5,000,000 yuan\n"));
	/* a condition whose version is dated says when it took effect */
	assert_non_null(strstr(t, "in force from 2025-08-28; grade reprint"));
}

static void
comparisons_should_show_both_sides_and_whether_they_hold(void **state)
{
	struct env *e = *state;
	const char *t = explain(e, e->builtin, "shenzhen.returnee_startup",
	    shenzhen, AIS_LANG_EN);

	/* registered 65 months before: the second comparison fails */
	assert_non_null(strstr(t, "compared: add_months(registered_on, 6) <= "
	    "as_of: 2020-07-15 <= 2025-06-30: holds\n"));
	assert_non_null(strstr(t, "compared: as_of <= "
	    "add_months(registered_on, 48): 2025-06-30 <= 2024-01-15: does not "
	    "hold\n"));
	assert_non_null(strstr(t, "\nresult: not eligible\n  why: not met: "));
	/* no calculation for an ineligible program */
	assert_null(strstr(t, "the calculation:"));
	t = explain(e, e->builtin, "shenzhen.returnee_startup", shenzhen,
	    AIS_LANG_ZH);
	assert_non_null(strstr(t, "2025-06-30 <= 2024-01-15：不成立\n"));
	assert_non_null(strstr(t, "\n结论：不符合\n  原因：不符合："));
}

static void
a_ledger_should_list_every_prior_award(void **state)
{
	struct env *e = *state;
	const char *t = explain(e, e->ledger, "ledgercity.annual", ledger,
	    AIS_LANG_EN);

	assert_non_null(strstr(t, "annual cap 1000000: 400000 already paid in "
	    "2025 (pa-1); 600000 remains\n"));
	assert_non_null(strstr(t, "prior award pa-1, 2025-03-01, 400,000 yuan: "
	    "counted against the cap\n"));
	assert_non_null(strstr(t, "prior award pa-0, 2024-05-01, 500,000 yuan: "
	    "left out, paid in another year\n"));
	assert_non_null(strstr(t, "cap 1,000,000 yuan − prior 400,000 yuan = "
	    "remaining 600,000 yuan\n"));
	/* 3000000 x 50% is more than remains: held to it */
	assert_non_null(strstr(t, "cap (what remains of it): 600,000 yuan: "
	    "reached, the amount is held to it\n"));
	assert_non_null(strstr(t, "\nresult: eligible, formula; amount 600,000 "
	    "yuan; up to 600,000 yuan\n  why: capped at 600000, what remains "
	    "of the annual cap\n"));
	t = explain(e, e->ledger, "ledgercity.annual", ledger, AIS_LANG_ZH);
	assert_non_null(strstr(t, "已获支持 pa-0，2024-05-01，500,000元：不计入，"
	    "非本年度所获\n"));
}

static void
a_program_elsewhere_should_be_evaluated_as_if_there(void **state)
{
	struct env *e = *state;
	const char *t = explain(e, e->builtin, "shenzhen.training_voucher",
	    chengdu, AIS_LANG_EN);

	/* the first line says so */
	assert_true(strncmp(t, "shenzhen.training_voucher for profile CD-E, "
	    "claim date 2025-10-15; evaluated as if the applicant were in "
	    "Shenzhen (shenzhen), which its profile does not name\n", 145) == 0);
	assert_non_null(strstr(t, "\nresult: eligible"));
	/* a program of its own place: no such line */
	t = explain(e, e->builtin, "chengdu.compute_voucher", chengdu,
	    AIS_LANG_EN);
	assert_null(strstr(t, "as if"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(find_should_know_every_program_and_no_other),
		cmocka_unit_test(
		    a_formula_program_should_show_its_arithmetic_and_set_aside),
		cmocka_unit_test(entries_should_be_counted_or_not_with_why),
		cmocka_unit_test(
		    comparisons_should_show_both_sides_and_whether_they_hold),
		cmocka_unit_test(a_ledger_should_list_every_prior_award),
		cmocka_unit_test(
		    a_program_elsewhere_should_be_evaluated_as_if_there),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
