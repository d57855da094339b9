/*
 * test_qualify.c: what would qualify, on programs of the built-in rules,
 * and every change it reports checked again here by evaluating the
 * changed profile.
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
#include "qualify.h"
#include "whatif.h"

static struct ais_rules *rules;

struct env {
	struct ais_profile p;
	struct ais_result res;
	struct ais_error err;
	const char *json;
};

static int
group_setup(void **state)
{
	struct ais_error err;

	(void)state;
	rules = ais_rules_load_builtin(&err);
	return rules ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	ais_rules_free(rules);
	return 0;
}

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);

	if (!e)
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

	ais_result_release(&e->res);
	ais_profile_release(&e->p);
	free(e);
	return 0;
}

static struct ais_calc_opts
opts(void)
{
	struct ais_calc_opts o;

	memset(&o, 0, sizeof o);
	o.explain = 1;
	o.as_of = ais_date_from_ymd(2025, 10, 15);
	return o;
}

/*
 * Evaluates json and fills to_qualify, then checks every change of every
 * item: the changed profile, evaluated again, makes the item eligible
 * with the amounts reported.
 */
static void
run(struct env *e, const char *json, enum ais_lang lang)
{
	struct ais_calc_opts o = opts();
	size_t i, k, c;

	e->json = json;
	assert_int_equal(ais_profile_read(&e->p, rules, json, strlen(json),
	    &e->err), 0);
	assert_int_equal(ais_calc(rules, &e->p, &o, &e->res, &e->err), 0);
	assert_int_equal(ais_qualify(rules, json, strlen(json), &e->p, &o,
	    lang, &e->res, &e->err), 0);
	for (i = 0; i < e->res.items.n; i++) {
		const struct ais_item *it = &e->res.items.v[i];

		for (k = 0; k < it->nqualify; k++) {
			const struct ais_qualify *x = &it->qualify[k];
			const char *sets[16];
			struct ais_buf b = AIS_BUF_INIT, t = AIS_BUF_INIT;
			struct ais_profile p2;
			struct ais_result r2;
			size_t j;
			int seen = 0;

			assert_non_null(x->says);
			if (x->kind != AIS_Q_CHANGE)
				continue;
			assert_true(x->nchanges > 0 && x->nchanges <= 16);
			for (c = 0; c < x->nchanges; c++) {
				ais_buf_addf(&t, "%s=%s", x->changes[c].path,
				    x->changes[c].to);
				ais_buf_addc(&t, '\0');
			}
			for (c = 0, j = 0; c < x->nchanges; c++) {
				sets[c] = t.p + j;
				j += strlen(t.p + j) + 1;
			}
			assert_int_equal(ais_whatif_apply(json, strlen(json),
			    sets, x->nchanges, &b, &e->err), 0);
			ais_profile_init(&p2);
			ais_result_init(&r2);
			assert_int_equal(ais_profile_read(&p2, rules, b.p,
			    b.len, &e->err), 0);
			assert_int_equal(ais_calc(rules, &p2, &o, &r2,
			    &e->err), 0);
			for (j = 0; j < r2.items.n; j++) {
				const struct ais_item *i2 = &r2.items.v[j];

				if (i2->program != it->program)
					continue;
				seen = 1;
				assert_true(i2->eligible);
				assert_int_equal(i2->has_amount, x->has_amount);
				if (x->has_amount)
					assert_int_equal(i2->amount, x->amount);
				if (x->has_up_to)
					assert_int_equal(i2->up_to, x->up_to);
				if (it->eligible)
					assert_true(i2->amount > it->amount ||
					    i2->up_to > it->up_to);
			}
			assert_true(seen);
			ais_result_release(&r2);
			ais_profile_release(&p2);
			ais_buf_release(&b);
			ais_buf_release(&t);
		}
	}
}

/* The item of program id. */
static const struct ais_item *
item(struct env *e, const char *id)
{
	size_t i;

	for (i = 0; i < e->res.items.n; i++)
		if (strcmp(e->res.items.v[i].program->id, id) == 0)
			return &e->res.items.v[i];
	fail_msg("no item %s", id);
	return NULL;
}

/* The first change answer of the item, which must have one. */
static const struct ais_qualify *
change_of(struct env *e, const char *id)
{
	const struct ais_item *it = item(e, id);

	assert_true(it->nqualify > 0);
	assert_int_equal(it->qualify[0].kind, AIS_Q_CHANGE);
	return &it->qualify[0];
}

static const char CHENGDU_58[] =
	"{\"kind\": \"enterprise\", \"city\": \"chengdu\", \"ai_enterprise\": "
	"true, \"revenue\": {\"main_business\": 320000000, \"prior_max\": "
	"280000000, \"ai_share\": 0.58}}";

static void
an_ai_share_below_the_threshold_should_be_raised_to_it(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;

	run(e, CHENGDU_58, AIS_LANG_EN);
	x = change_of(e, "chengdu.revenue_milestone");
	assert_int_equal(x->nchanges, 1);
	assert_string_equal(x->changes[0].path, "revenue.ai_share");
	assert_string_equal(x->changes[0].from, "0.58");
	assert_string_equal(x->changes[0].to, "0.6");
	assert_true(x->eligible);
	assert_int_equal(x->amount, 10000000);	/* 10万 */
	assert_string_equal(x->says, "revenue.ai_share 58%; 60% would "
	    "qualify: 100000");
}

static void
the_says_line_should_be_in_chinese_too(void **state)
{
	struct env *e = *state;

	run(e, CHENGDU_58, AIS_LANG_ZH);
	assert_string_equal(change_of(e, "chengdu.revenue_milestone")->says,
	    "revenue.ai_share为58%；改为60%即可符合条件：10万元");
}

static void
months_registered_should_move_the_claim_date_forward(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;

	run(e, "{\"kind\": \"enterprise\", \"city\": \"shenzhen\", \"as_of\": "
	    "\"2025-06-30\", \"registered_on\": \"2025-02-01\", "
	    "\"ai_enterprise\": true, \"returnee_startup\": {\"tier\": 2}}",
	    AIS_LANG_EN);
	x = change_of(e, "shenzhen.returnee_startup");
	assert_int_equal(x->nchanges, 1);
	assert_string_equal(x->changes[0].path, "as_of");
	assert_string_equal(x->changes[0].from, "\"2025-06-30\"");
	assert_string_equal(x->changes[0].to, "\"2025-08-01\"");
	assert_int_equal(x->amount, 50000000);	/* tier 2: 50万 */
	assert_string_equal(x->says, "claim date 2025-06-30; from 2025-08-01 "
	    "(in 32 days) it would qualify: 500000");
}

static void
a_truth_value_should_be_turned(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;

	run(e, "{\"kind\": \"enterprise\", \"city\": \"chengdu\", "
	    "\"model_registration\": {\"registered\": false, \"rank\": 4}}",
	    AIS_LANG_EN);
	x = change_of(e, "chengdu.model_registration");
	assert_int_equal(x->nchanges, 1);
	assert_string_equal(x->changes[0].path, "model_registration.registered");
	assert_string_equal(x->changes[0].from, "false");
	assert_string_equal(x->changes[0].to, "true");
	assert_int_equal(x->amount, 100000000);	/* 100万 */
}

static void
a_tier_held_down_should_be_raised_to_the_next(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;
	const struct ais_item *it;

	run(e, "{\"kind\": \"enterprise\", \"city\": \"chengdu\", "
	    "\"ai_enterprise\": true, \"revenue\": {\"main_business\": "
	    "350000000, \"prior_max\": 280000000, \"ai_share\": 0.7}}",
	    AIS_LANG_EN);
	it = item(e, "chengdu.revenue_milestone");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 10000000);
	x = change_of(e, "chengdu.revenue_milestone");
	assert_string_equal(x->changes[0].path, "revenue.main_business");
	assert_string_equal(x->changes[0].to, "500000000");	/* not 10亿 */
	assert_int_equal(x->amount, 20000000);
	assert_string_equal(x->says, "revenue.main_business 350000000; "
	    "500000000 would pay 200000 (now 100000)");
}

static void
two_conditions_not_met_should_need_two_changes(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;

	run(e, "{\"kind\": \"enterprise\", \"city\": \"chengdu\", "
	    "\"revenue\": {\"main_business\": 320000000, \"prior_max\": "
	    "280000000, \"ai_share\": 0.58}}", AIS_LANG_EN);
	x = change_of(e, "chengdu.revenue_milestone");
	assert_int_equal(x->nchanges, 2);
	assert_string_equal(x->changes[0].path, "ai_enterprise");
	assert_null(x->changes[0].from);
	assert_string_equal(x->changes[1].path, "revenue.ai_share");
}

static void
the_awards_checks_should_be_searched_once_the_programs_hold(void **state)
{
	struct env *e = *state;
	const struct ais_qualify *x;

	/* no revenue at all: the milestones' own thresholds are checked
	 * only on a profile that meets the program's conditions */
	run(e, "{\"kind\": \"enterprise\", \"city\": \"chengdu\"}",
	    AIS_LANG_EN);
	x = change_of(e, "chengdu.revenue_milestone");
	assert_int_equal(x->nchanges, 4);
	assert_string_equal(x->changes[2].path, "revenue.main_business");
	assert_string_equal(x->changes[2].to, "300000000");
	assert_string_equal(x->changes[3].path, "revenue.prior_max");
	assert_string_equal(x->changes[3].to, "299999999.99");
	assert_int_equal(x->amount, 10000000);
}

static void
a_certified_product_should_be_uncheckable(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	size_t n;

	run(e, CHENGDU_58, AIS_LANG_EN);
	it = item(e, "chengdu.first_version_software");
	assert_false(it->eligible);
	assert_int_equal(it->nqualify, 1);
	assert_int_equal(it->qualify[0].kind, AIS_Q_UNCHECKABLE);
	assert_string_equal(it->qualify[0].says, "has a certified (经认定) "
	    "first-version AI software product: no change to the profile "
	    "can be checked for this");
	assert_string_equal(ais_qualify_words(&it->qualify[0], &n),
	    it->qualify[0].says);
	assert_int_equal(n, strlen("has a certified (经认定) first-version "
	    "AI software product"));
}

static void
who_may_apply_should_be_uncheckable_and_no_change(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	size_t k;

	run(e, CHENGDU_58, AIS_LANG_EN);
	it = item(e, "sichuan.venture_investment");
	assert_true(it->nqualify > 0);
	for (k = 0; k < it->nqualify; k++)
		assert_int_equal(it->qualify[k].kind, AIS_Q_UNCHECKABLE);
	assert_string_equal(it->qualify[0].says, "only vc_institution may apply: "
	    "no change to the profile can be checked for this");
}

static void
a_program_that_ended_should_have_no_answer(void **state)
{
	struct env *e = *state;
	size_t i;

	/* beijing's voucher ended with 2025 */
	run(e, "{\"kind\": \"enterprise\", \"city\": \"beijing\", "
	    "\"as_of\": \"2026-03-01\"}", AIS_LANG_EN);
	for (i = 0; i < e->res.items.n; i++)
		if (!e->res.items.v[i].eligible &&
		    e->res.items.v[i].program->valid_until <
		    ais_date_from_ymd(2026, 3, 1))
			assert_int_equal(e->res.items.v[i].nqualify, 0);
}

static void
every_example_should_report_only_verified_changes(void **state)
{
	struct env *e = *state;

	/* run() evaluates every reported change again */
	run(e, "{\"kind\": \"enterprise\", \"city\": \"shenzhen\", \"as_of\": "
	    "\"2025-06-30\", \"registered_on\": \"2023-09-01\", "
	    "\"ai_enterprise\": true, \"startup\": true, \"returnee_startup\": "
	    "{\"tier\": 2}, \"compute_purchases\": [{\"id\": \"cp-1\", "
	    "\"amount\": 4000000, \"purpose\": \"model_training\"}]}",
	    AIS_LANG_ZH);
	run(e, "{\"kind\": \"university\", \"city\": \"hangzhou\", \"sme\": "
	    "true, \"compute_purchases\": [{\"amount\": 600000}]}",
	    AIS_LANG_EN);
	run(e, "{\"kind\": \"enterprise\", \"city\": \"beijing\", "
	    "\"sector\": \"other\", \"other_compute_subsidy\": true, "
	    "\"as_of\": \"2025-01-10\"}", AIS_LANG_EN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(an_ai_share_below_the_threshold_should_be_raised_to_it, setup, teardown),
		cmocka_unit_test_setup_teardown(the_says_line_should_be_in_chinese_too, setup, teardown),
		cmocka_unit_test_setup_teardown(months_registered_should_move_the_claim_date_forward, setup, teardown),
		cmocka_unit_test_setup_teardown(a_truth_value_should_be_turned, setup, teardown),
		cmocka_unit_test_setup_teardown(a_tier_held_down_should_be_raised_to_the_next, setup, teardown),
		cmocka_unit_test_setup_teardown(two_conditions_not_met_should_need_two_changes, setup, teardown),
		cmocka_unit_test_setup_teardown(the_awards_checks_should_be_searched_once_the_programs_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(a_certified_product_should_be_uncheckable, setup, teardown),
		cmocka_unit_test_setup_teardown(who_may_apply_should_be_uncheckable_and_no_change, setup, teardown),
		cmocka_unit_test_setup_teardown(a_program_that_ended_should_have_no_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(every_example_should_report_only_verified_changes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
