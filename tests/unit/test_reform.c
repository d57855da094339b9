/*
 * test_reform.c: reforms as overlays (src/reform.c, docs/policy.md).
 *
 * A small rule set is loaded from memory; reforms are read from YAML
 * texts and --set-term texts and applied; the tests look at the terms of
 * the overlay, at what a profile is paid under it, at the errors and
 * their places, and check that the base is never changed: the same
 * profile gives the same bytes from the base before and after.
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
#include "reform.h"

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
"    conditions:\n"
"      - {says: {zh: 购买算力, en: buys compute}, test: any(compute_purchases)}\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 50%\n"
"        cap: 1000\n"
"    pool: {amount: 100000, per: year}\n"
"  - id: testcity.tiers\n"
"    title: {zh: 分档, en: Tiers}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    cap: 300\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 100\n"
"        when:\n"
"          - {says: {zh: 有购买, en: buys}, test: any(compute_purchases)}\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 10%\n";

static const char profile[] =
"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
"\"as_of\":\"2025-06-30\",\"compute_purchases\":[{\"amount\":1000}]}";

static struct ais_rules *
load(void)
{
	struct ais_rule_file f = { 0 };
	struct ais_error err;
	struct ais_rules *r;

	memset(&err, 0, sizeof err);
	f.name = "rules/testcity.yaml";
	f.data = rules_text;
	f.len = strlen(rules_text);
	r = ais_rules_load(&f, 1, &err);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

/* The reform of the YAML text yaml (or none when NULL) and the --set-term
 * texts sets (NULL-terminated), applied to base: the overlay, or NULL
 * with *err filled. */
static struct ais_rules *
reform(const struct ais_rules *base, const char *yaml,
	const char *const *sets, struct ais_error *err)
{
	struct ais_reform *rf = ais_reform_new();
	struct ais_rules *r = NULL;

	assert_non_null(rf);
	memset(err, 0, sizeof *err);
	if (yaml) {
		struct ais_rule_file f = { 0 };

		f.name = "reform.yaml";
		f.data = yaml;
		f.len = strlen(yaml);
		if (ais_reform_read(rf, &f, err) < 0)
			goto out;
	}
	for (; sets && *sets; sets++)
		if (ais_reform_add_set(rf, *sets, err) < 0)
			goto out;
	r = ais_rules_reform(base, rf, err);
out:
	ais_reform_free(rf);
	return r;
}

static struct ais_rules *
reform_ok(const struct ais_rules *base, const char *yaml,
	const char *const *sets)
{
	struct ais_error err;
	struct ais_rules *r = reform(base, yaml, sets, &err);

	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

/* Fails unless the reform fails with status, at file:line:column and a
 * message holding part. */
static void
reform_fails(const struct ais_rules *base, const char *yaml,
	const char *const *sets, int status, const char *file, int line,
	int column, const char *part)
{
	struct ais_error err;
	struct ais_rules *r = reform(base, yaml, sets, &err);

	if (r) {
		ais_rules_free(r);
		fail_msg("the reform applied, and should have failed: %s", part);
	}
	assert_int_equal(err.status, status);
	if (file && (strcmp(err.file, file) != 0 || err.line != line ||
	    err.column != column))
		fail_msg("%s:%d:%d: %s (expected at %s:%d:%d)", err.file,
		    err.line, err.column, err.msg, file, line, column);
	if (!strstr(err.msg, part))
		fail_msg("'%s' does not say '%s'", err.msg, part);
}

/* The full JSON result of the profile under r, on the heap. */
static char *
result(const struct ais_rules *r, const char *p)
{
	struct ais_profile prof;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;

	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	memset(&err, 0, sizeof err);
	co.explain = 1;
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	oo.lang = AIS_LANG_EN;
	ais_profile_init(&prof);
	ais_result_init(&res);
	if (ais_profile_read(&prof, r, p, strlen(p), &err) < 0 ||
	    ais_calc(r, &prof, &co, &res, &err) < 0 ||
	    ais_result_write(&res, &oo, &b, &err) < 0)
		fail_msg("%s", err.msg);
	ais_result_release(&res);
	ais_profile_release(&prof);
	return ais_buf_detach(&b);
}

/* The amount of program id in res as the JSON writes it, fen. */
static int64_t
paid(const struct ais_rules *r, const char *id, const char *p)
{
	struct ais_profile prof;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_error err;
	int64_t amount = -1;
	size_t i;

	memset(&co, 0, sizeof co);
	memset(&err, 0, sizeof err);
	co.as_of = ais_date_from_ymd(2025, 6, 30);
	ais_profile_init(&prof);
	ais_result_init(&res);
	if (ais_profile_read(&prof, r, p, strlen(p), &err) < 0 ||
	    ais_calc(r, &prof, &co, &res, &err) < 0)
		fail_msg("%s", err.msg);
	for (i = 0; i < res.items.n; i++)
		if (strcmp(res.items.v[i].program->id, id) == 0)
			amount = res.items.v[i].eligible ?
			    res.items.v[i].amount : 0;
	ais_result_release(&res);
	ais_profile_release(&prof);
	return amount;
}

static const char *
one_set(const char *s, const char **sets)
{
	sets[0] = s;
	sets[1] = NULL;
	return s;
}

#define SETS(...) ((const char *const []){ __VA_ARGS__, NULL })

static void
reform_should_change_an_awards_rate_and_cap(void **state)
{
	struct ais_rules *b = load(), *r;
	const struct ais_program *pg;

	(void)state;
	r = reform_ok(b, "reform: {id: r1, title: {zh: 甲, en: A}, source: p}\n"
	    "changes:\n"
	    "  - {program: testcity.voucher, term: 'awards[0].rate', value: 40%}\n"
	    "  - {program: testcity.voucher, term: cap, value: 300}\n", NULL);
	/* 1000 × 40% = 400, capped at 300 (50% of 1000 = 500 → 1000 cap) */
	assert_int_equal(paid(b, "testcity.voucher", profile), 50000);
	assert_int_equal(paid(r, "testcity.voucher", profile), 30000);
	pg = ais_program_find(r, "testcity.voucher");
	assert_string_equal(pg->awards[0].rate.v[0].source->confidence,
	    "proposal");
	assert_string_equal(pg->awards[0].rate.v[0].source->document->id, "r1");
	assert_string_equal(pg->awards[0].rate.v[0].source->clause, "p");
	assert_string_equal(r->reform_id, "r1");
	assert_string_equal(r->reform_title_en, "A");
	assert_string_equal(r->digest, b->digest);
	assert_int_equal(strncmp(r->reform_digest, "sha256:", 7), 0);
	assert_ptr_equal(r->base, b);
	assert_null(b->reform_id);
	ais_rules_free(r);
	ais_rules_free(b);
}

static void
reform_should_keep_indices_and_point_to_its_own_copies(void **state)
{
	struct ais_rules *b = load(), *r;
	size_t i, k;

	(void)state;
	r = reform_ok(b, NULL, SETS("testcity.voucher.rate=40%"));
	assert_int_equal(r->nj, b->nj);
	assert_int_equal(r->nprograms, b->nprograms);
	assert_int_equal(r->nconditions, b->nconditions);
	assert_true(r->nversions > b->nversions);
	assert_ptr_equal(r->schema, b->schema);
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++) {
			const struct ais_program *p = &r->j[i].programs[k];

			assert_int_equal(p->index, b->j[i].programs[k].index);
			assert_ptr_equal(p->jurisdiction, &r->j[i]);
			assert_ptr_not_equal(p, &b->j[i].programs[k]);
		}
	/* the changed version has an id of the overlay's own */
	assert_true(ais_program_find(r, "testcity.voucher")->awards[0].rate.v[0]
	    .id >= b->nversions);
	assert_string_equal(r->reform_id, "set-term");
	ais_rules_free(r);
	ais_rules_free(b);
}

static void
reform_should_never_change_the_base(void **state)
{
	struct ais_rules *b = load(), *r;
	char *before = result(b, profile), *after, *under;

	(void)state;
	r = reform_ok(b, NULL, SETS("testcity.voucher.rate=10%",
	    "testcity.voucher.conditions[0]=true",
	    "testcity.tiers.awards[0].when[0]=false",
	    "testcity.tiers.awards[1].rate=20%",
	    "testcity.tiers.cap=50", "testcity.voucher.pool.amount=5",
	    "testcity.voucher.valid.until=2025-12-31"));
	under = result(r, profile);
	after = result(b, profile);
	assert_string_equal(before, after);
	assert_string_not_equal(before, under);
	assert_non_null(strstr(under, "\"reform\":{\"id\":\"set-term\""));
	assert_null(strstr(after, "\"reform\""));
	/* freed in either order: the overlay holds nothing of the base's
	 * memory, only pointers into it */
	ais_rules_free(r);
	free(under);
	free(after);
	after = result(b, profile);
	assert_string_equal(before, after);
	free(before);
	free(after);
	ais_rules_free(b);
}

static void
reform_should_reach_every_kind_of_term(void **state)
{
	struct ais_rules *b = load(), *r;
	const struct ais_program *v, *t;
	char day[11];

	(void)state;
	r = reform_ok(b, NULL, SETS("testcity.voucher.conditions[0]=false",
	    "testcity.tiers.awards[0].when[0]=false",
	    "testcity.tiers.awards[0].amount=7",
	    "testcity.tiers.awards[1].rate=20%", "testcity.tiers.cap=250",
	    "testcity.voucher.pool.amount=5万",
	    "testcity.voucher.base=sum(compute_purchases, item.amount) * 2",
	    "testcity.voucher.awards[0].ceiling=2000",
	    "testcity.voucher.valid.from=2025-02-01",
	    "testcity.voucher.valid.until=2025-12-31"));
	v = ais_program_find(r, "testcity.voucher");
	t = ais_program_find(r, "testcity.tiers");
	assert_string_equal(ais_expr_text(v->conditions[0].test.v[0].expr),
	    "false");
	assert_string_equal(ais_expr_text(t->awards[0].when[0].test.v[0].expr),
	    "false");
	assert_string_equal(ais_expr_text(t->awards[0].amount.v[0].expr), "7");
	assert_string_equal(ais_expr_text(t->cap.v[0].expr), "250");
	assert_string_equal(ais_expr_text(v->pool.amount.v[0].expr), "5万");
	assert_int_equal(v->awards[0].ceiling.n, 1);
	ais_date_format(v->valid_from, day);
	assert_string_equal(day, "2025-02-01");
	assert_string_equal(v->valid_until_text, "2025-12-31");
	/* the base's terms as they were */
	v = ais_program_find(b, "testcity.voucher");
	assert_string_equal(ais_expr_text(v->conditions[0].test.v[0].expr),
	    "any(compute_purchases)");
	assert_int_equal(v->awards[0].ceiling.n, 0);
	assert_string_equal(v->valid_until_text, "9999-12-31");
	/* 20% of 1000 = 200, and the when of the fixed 7 fails: 200 */
	assert_int_equal(paid(r, "testcity.tiers", profile), 20000);
	assert_int_equal(paid(r, "testcity.voucher", profile), 0);
	ais_rules_free(r);
	ais_rules_free(b);
}

static void
reform_from_should_keep_the_base_before_that_day(void **state)
{
	struct ais_rules *b = load(), *r;
	const struct ais_term *rate;
	char d[11];

	(void)state;
	r = reform_ok(b, "reform: {id: r2, title: {zh: 乙, en: B}}\n"
	    "changes:\n"
	    "  - program: testcity.voucher\n"
	    "    term: rate\n"
	    "    value: 40%\n"
	    "    from: 2025-06-01\n"
	    "    source: proposal of 2026-03\n", NULL);
	rate = &ais_program_find(r, "testcity.voucher")->awards[0].rate;
	assert_int_equal(rate->n, 2);
	ais_date_format(rate->v[0].until, d);
	assert_string_equal(d, "2025-05-31");
	assert_string_equal(rate->v[0].source->confidence, "quoted");
	assert_true(rate->v[0].id >= b->nversions);	/* truncated: its own */
	ais_date_format(rate->v[1].from, d);
	assert_string_equal(d, "2025-06-01");
	assert_string_equal(rate->v[1].source->clause, "proposal of 2026-03");
	/* the base's version still open-ended */
	assert_int_equal(ais_program_find(b, "testcity.voucher")->awards[0].rate
	    .v[0].until, AIS_DATE_MAX);
	assert_int_equal(paid(r, "testcity.voucher", profile), 40000);
	ais_rules_free(r);
	/* dated values say their own days: the base before the first */
	r = reform_ok(b, "reform: {id: r3, title: {zh: 丙, en: C}, source: x}\n"
	    "changes:\n"
	    "  - program: testcity.voucher\n"
	    "    term: rate\n"
	    "    value:\n"
	    "      - {from: 2025-03-01, value: 30%}\n"
	    "      - {from: 2025-09-01, value: 20%, source: later}\n", NULL);
	rate = &ais_program_find(r, "testcity.voucher")->awards[0].rate;
	assert_int_equal(rate->n, 3);
	assert_string_equal(rate->v[2].source->clause, "later");
	assert_string_equal(rate->v[1].source->clause, "x");
	assert_int_equal(paid(r, "testcity.voucher", profile), 30000);
	ais_rules_free(r);
	ais_rules_free(b);
}

static void
reform_should_apply_set_terms_after_the_file(void **state)
{
	struct ais_rules *b = load(), *r;
	const char *sets[2];

	(void)state;
	r = reform_ok(b, "reform: {id: r4, title: {zh: 丁, en: D}, source: x}\n"
	    "changes:\n"
	    "  - {program: testcity.voucher, term: rate, value: 40%}\n",
	    (one_set("testcity.voucher.rate=20%", sets), sets));
	assert_int_equal(paid(r, "testcity.voucher", profile), 20000);
	assert_string_equal(r->reform_id, "r4");
	ais_rules_free(r);
	ais_rules_free(b);
}

static void
reform_file_errors_should_name_their_place(void **state)
{
	struct ais_rules *b = load();
	static const char h[] = "reform: {id: e, title: {zh: 甲, en: A}, "
	    "source: p}\nchanges:\n";
	char t[512];

	(void)state;
	reform_fails(b, "reform: {id: E!, title: {zh: 甲, en: A}}\nchanges: []\n",
	    NULL, AIS_ERULES, "reform.yaml", 1, 14, "reform id 'E!'");
	reform_fails(b, "reform: {id: e, title: A}\nchanges: []\n", NULL,
	    AIS_ERULES, "reform.yaml", 1, 24, "both languages");
	reform_fails(b, "reform: {id: e, title: {zh: 甲, en: A}}\nchange: []\n",
	    NULL, AIS_ERULES, "reform.yaml", 2, 1, "did you mean 'changes'");
	reform_fails(b, "reform: {id: e, title: {zh: 甲, en: A}}\nchanges: []\n",
	    NULL, AIS_ERULES, "reform.yaml", 2, 10, "one or more changes");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: rate, "
	    "value: 1, value: 2}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 55,
	    "duplicate key 'value'");
	snprintf(t, sizeof t, "reform: {id: e, title: {zh: 甲, en: A}}\n"
	    "changes:\n  - {program: testcity.voucher, term: rate, value: 1}\n");
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 5,
	    "needs 'source'");
	snprintf(t, sizeof t, "%s  - {program: testcity.vouchr, term: rate, "
	    "value: 1}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 15,
	    "did you mean 'testcity.voucher'");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: rat, "
	    "value: 1}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 39,
	    "terms: conditions[0], awards[0].base");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: rate, "
	    "value: any(compute_purchases)}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 52,
	    "expected a number");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: "
	    "'conditions[0]', value: 5}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 63,
	    "expected a condition");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: "
	    "pool.amount, value: 'sum(compute_purchases, item.amount)'}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 59,
	    "a number, not a formula");
	snprintf(t, sizeof t, "%s  - {program: testcity.tiers, term: "
	    "pool.amount, value: 5}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 37,
	    "has no pool");
	snprintf(t, sizeof t, "%s  - {program: testcity.tiers, term: rate, "
	    "value: 5%%}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 37,
	    "has 2 awards: say which");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: "
	    "amount, value: 5}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 39,
	    "a formula award has no 'amount'");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: "
	    "valid.until, value: 2024-01-01}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 59,
	    "dates out of order");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: rate, "
	    "value: 1, from: 2025-13-01}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 61,
	    "'from' must be a date");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: rate, "
	    "value: {value: 1, source: {document: doc}}}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 71,
	    "a reform's source is a text");
	snprintf(t, sizeof t, "%s  - {program: testcity.voucher, term: "
	    "'awards[0].ceiling', value: 10}\n", h);
	reform_fails(b, t, NULL, AIS_ERULES, "reform.yaml", 3, 67,
	    "is below 'cap'");
	reform_fails(b, "", NULL, AIS_ERULES, "reform.yaml", 0, 0,
	    "empty reform file");
	ais_rules_free(b);
}

static void
set_term_errors_should_be_usage_or_placed(void **state)
{
	struct ais_rules *b = load();
	struct ais_reform *rf = ais_reform_new();
	struct ais_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(ais_reform_add_set(rf, "testcity.voucher.rate", &err),
	    -1);
	assert_int_equal(err.status, AIS_EUSAGE);
	assert_int_equal(ais_reform_add_set(rf, "=40%", &err), -1);
	assert_int_equal(err.status, AIS_EUSAGE);
	assert_int_equal(ais_reform_add_set(rf, "rate=40%", &err), -1);
	assert_int_equal(err.status, AIS_EUSAGE);
	assert_int_equal(ais_reform_add_set(rf, "testcity.voucher.rate=", &err),
	    -1);
	assert_int_equal(err.status, AIS_EUSAGE);
	assert_int_equal(ais_reform_add_set(rf, "testcity.voucher.rate=[1",
	    &err), -1);
	assert_int_equal(err.status, AIS_EUSAGE);
	assert_true(ais_reform_empty(rf));
	ais_reform_free(rf);
	/* the second --set-term's 24th character: where its value begins */
	reform_fails(b, NULL, SETS("testcity.voucher.rate=1",
	    "testcity.voucher.rate=true"), AIS_ERULES, "--set-term", 2, 23,
	    "expected a number");
	reform_fails(b, NULL, SETS("testcity.vouch.rate=1"), AIS_ERULES,
	    "--set-term", 1, 1, "did you mean 'testcity.voucher'");
	reform_fails(b, NULL, SETS("testcity.voucher.rat=1"), AIS_ERULES,
	    "--set-term", 1, 18, "did you mean 'rate'");
	ais_rules_free(b);
}

static void
reform_digest_should_cover_the_file_and_each_set(void **state)
{
	struct ais_rules *b = load(), *r1, *r2, *r3;
	static const char y[] = "reform: {id: d, title: {zh: 甲, en: A}, "
	    "source: p}\nchanges:\n"
	    "  - {program: testcity.voucher, term: rate, value: 40%}\n";

	(void)state;
	r1 = reform_ok(b, y, NULL);
	r2 = reform_ok(b, y, SETS("testcity.voucher.cap=5"));
	r3 = reform_ok(b, y, SETS("testcity.voucher.cap=5"));
	assert_string_not_equal(r1->reform_digest, r2->reform_digest);
	assert_string_equal(r2->reform_digest, r3->reform_digest);
	ais_rules_free(r1);
	ais_rules_free(r2);
	ais_rules_free(r3);
	ais_rules_free(b);
}

static void
reform_of_a_reform_should_borrow_both(void **state)
{
	struct ais_rules *b = load(), *r1, *r2;

	(void)state;
	r1 = reform_ok(b, NULL, SETS("testcity.voucher.rate=40%"));
	r2 = reform_ok(r1, NULL, SETS("testcity.voucher.cap=300"));
	assert_int_equal(paid(r2, "testcity.voucher", profile), 30000);
	assert_int_equal(paid(r1, "testcity.voucher", profile), 40000);
	assert_int_equal(paid(b, "testcity.voucher", profile), 50000);
	ais_rules_free(r2);
	ais_rules_free(r1);
	ais_rules_free(b);
}

static void
proposal_should_be_below_quoted(void **state)
{
	(void)state;
	assert_true(ais_confidence_below_quoted("proposal"));
	assert_false(ais_confidence_below_quoted("quoted"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reform_should_change_an_awards_rate_and_cap),
		cmocka_unit_test(
		    reform_should_keep_indices_and_point_to_its_own_copies),
		cmocka_unit_test(reform_should_never_change_the_base),
		cmocka_unit_test(reform_should_reach_every_kind_of_term),
		cmocka_unit_test(reform_from_should_keep_the_base_before_that_day),
		cmocka_unit_test(reform_should_apply_set_terms_after_the_file),
		cmocka_unit_test(reform_file_errors_should_name_their_place),
		cmocka_unit_test(set_term_errors_should_be_usage_or_placed),
		cmocka_unit_test(reform_digest_should_cover_the_file_and_each_set),
		cmocka_unit_test(reform_of_a_reform_should_borrow_both),
		cmocka_unit_test(proposal_should_be_below_quoted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
