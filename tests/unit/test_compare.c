/*
 * test_compare.c: a population compared under the rules and under a
 * reform, to the fen (compare.c).
 *
 * Eight hand-written lines against a small city: a voucher of 50% of
 * compute purchases from a pool of 100 yuan a year, shared pro rata; a
 * grant of 20 yuan to buyers of corpus; 3 yuan to startups.  The reform
 * raises the voucher to 80% and its pool to 120, the grant to 25, and
 * holds the grant to buyers of 10 yuan of corpus or more.  Every figure
 * below was worked out by hand (the comments say how).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "compare.h"
#include "reform.h"

static const char city[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: doc, title: 测试文件, valid: {from: 2025-01-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n"
"  - id: testcity.voucher\n"
"    title: {zh: 算力券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 购买算力, en: buys compute}, test: any(compute_purchases)}\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"        rate: 50%\n"
"    pool: {amount: 100, per: year, allocation: pro_rata}\n"
"  - id: testcity.grant\n"
"    title: {zh: 语料奖, en: Grant}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 购买语料, en: buys corpus}, test: any(corpus_purchases)}\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 20\n"
"  - id: testcity.talent\n"
"    title: {zh: 初创奖, en: Startup}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 初创企业, en: a startup}, test: startup}\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 3\n";

static const char reform_text[] =
"reform:\n"
"  id: test-reform\n"
"  title: {zh: 测试改革, en: Test reform}\n"
"  source: a test\n"
"changes:\n"
"  - {program: testcity.voucher, term: \"awards[0].rate\", value: 80%}\n"
"  - {program: testcity.voucher, term: pool.amount, value: 120}\n"
"  - {program: testcity.grant, term: amount, value: 25}\n"
"  - program: testcity.grant\n"
"    term: conditions[0]\n"
"    value: sum(corpus_purchases, item.amount) >= 10\n";

#define E "\"kind\":\"enterprise\",\"city\":\"testcity\""
static const char population[] =
/* 1 A: voucher 50 (of 100), grant 20; reform: voucher 80, no grant */
"{\"id\":\"A\"," E ",\"compute_purchases\":[{\"amount\":100}],"
    "\"corpus_purchases\":[{\"amount\":5}]}\n"
/* 2 B: voucher 35; reform 56 */
"{\"id\":\"B\"," E ",\"compute_purchases\":[{\"amount\":70}]}\n"
/* 3 C: voucher 20, grant 20; reform voucher 32, grant 25 */
"{\"id\":\"C\"," E ",\"compute_purchases\":[{\"amount\":40}],"
    "\"corpus_purchases\":[{\"amount\":20}]}\n"
/* 4 D: grant 20; reform 25 */
"{\"id\":\"D\"," E ",\"corpus_purchases\":[{\"amount\":50}]}\n"
/* 5 E: nothing */
"{\"id\":\"E\"," E "}\n"
/* 6: rejected */
"{\"id\":\"BAD\"," E ",\"compute_purchases\":7}\n"
"\n"
/* 8 F: a university: nothing */
"{\"id\":\"F\",\"kind\":\"university\",\"city\":\"testcity\"}\n"
/* 9 G: a startup, 3 both times */
"{\"id\":\"G\"," E ",\"startup\":true}\n";

struct fixture {
	struct ais_rules *base, *reform;
};

static int
setup(void **state)
{
	static struct fixture fx;
	struct ais_rule_file f = { 0 };
	struct ais_error err;
	struct ais_reform *rf;

	memset(&err, 0, sizeof err);
	f.name = "rules/testcity.yaml";
	f.data = city;
	f.len = strlen(city);
	fx.base = ais_rules_load(&f, 1, &err);
	if (!fx.base)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	rf = ais_reform_new();
	assert_non_null(rf);
	f.name = "reform.yaml";
	f.data = reform_text;
	f.len = strlen(reform_text);
	if (ais_reform_read(rf, &f, &err) < 0)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	fx.reform = ais_rules_reform(fx.base, rf, &err);
	if (!fx.reform)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	ais_reform_free(rf);
	*state = &fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	ais_rules_free(fx->reform);
	ais_rules_free(fx->base);
	return 0;
}

/* Compares text under base and reform (NULL: the baseline alone) with
 * jobs threads: the report into out, the changes file into changes (if
 * not NULL), the messages into msgs; returns the status. */
static int
run(const struct ais_rules *base, const struct ais_rules *reform,
	const char *text, int jobs, size_t top, struct ais_buf *out,
	struct ais_buf *changes, struct ais_buf *msgs)
{
	struct ais_compare_opts o;
	struct ais_calc_opts co;
	FILE *in, *cf = NULL, *mf;
	char *cp = NULL, *mp = NULL;
	size_t cn = 0, mn = 0;
	int rc;

	memset(&co, 0, sizeof co);
	assert_int_equal(ais_date_parse("2025-06-30", 10, &co.as_of), 0);
	memset(&o, 0, sizeof o);
	o.base = base;
	o.reform = reform;
	o.copts = &co;
	o.name = "pop";
	o.jobs = jobs;
	o.top = top;
	in = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(in);
	mf = open_memstream(&mp, &mn);
	assert_non_null(mf);
	if (changes) {
		cf = open_memstream(&cp, &cn);
		assert_non_null(cf);
	}
	o.changes = cf;
	rc = ais_compare_run(&o, in, out, mf);
	fclose(in);
	fclose(mf);
	ais_buf_add(msgs, mp, mn);
	free(mp);
	if (cf) {
		fclose(cf);
		ais_buf_add(changes, cp, cn);
		free(cp);
	}
	return rc;
}

/* The distribution of three applicants paid up to 1万 each. */
#define DIST(a, b) "\"distribution\":[{\"from\":0,\"to\":0,\"count\":" #a \
	"},{\"from\":0,\"to\":10000,\"count\":" #b "},{\"from\":10000," \
	"\"to\":50000,\"count\":0},{\"from\":50000,\"to\":100000," \
	"\"count\":0},{\"from\":100000,\"to\":500000,\"count\":0}," \
	"{\"from\":500000,\"to\":1000000,\"count\":0},{\"from\":1000000," \
	"\"to\":5000000,\"count\":0},{\"from\":5000000,\"to\":10000000," \
	"\"count\":0},{\"from\":10000000,\"to\":null,\"count\":0}]"

/*
 * The voucher: baseline demand 50 + 35 + 20 = 105 on a pool of 100, pro
 * rata: 47.619.., 33.333.., 19.047.. rounded down to 47.61, 33.33,
 * 19.04 (99.98), the two fen left to the largest remainders, A's and
 * C's: 47.62, 33.33, 19.05.  Under the reform 80 + 56 + 32 = 168 on 120:
 * 57.142.., 40, 22.857..: 57.14, 40, 22.85 (119.99), the fen to C:
 * 22.86.  The grant: 20 to A, C and D; under the reform 25 to C and D
 * (A bought 5 of corpus).  G: 3 both times.
 */
static void
compare_should_give_the_figures_worked_out_by_hand(void **state)
{
	struct fixture *fx = *state;
	struct ais_buf out = AIS_BUF_INIT, ch = AIS_BUF_INIT,
	    msgs = AIS_BUF_INIT;
	char expect[8192];

	assert_int_equal(run(fx->base, fx->reform, population, 1, 2, &out,
	    &ch, &msgs), AIS_EPROFILE);
	snprintf(expect, sizeof expect,
	    "{\"compare\":{\"as_of\":\"2025-06-30\",\"rules\":\"%s\","
	    "\"reform\":{\"id\":\"test-reform\",\"title\":{\"zh\":\"测试改革\","
	    "\"en\":\"Test reform\"},\"digest\":\"%s\"},"
	    "\"profiles\":8,\"rejected\":1,\"programs\":["
	    "{\"program\":\"testcity.voucher\",\"title\":{\"zh\":\"算力券\","
	    "\"en\":\"Voucher\"},\"baseline\":{\"eligible\":3,\"demanded\":105,"
	    "\"pool\":100,\"paid\":100,\"fill_ratio\":\"0.9524\",\"cut\":3,"
	    DIST(0, 3) "},\"reform\":{\"eligible\":3,\"demanded\":168,"
	    "\"pool\":120,\"paid\":120,\"fill_ratio\":\"0.7143\",\"cut\":3,"
	    DIST(0, 3) "},\"change\":{\"eligible\":0,\"demanded\":63,"
	    "\"paid\":20,\"cut\":0}},"
	    "{\"program\":\"testcity.grant\",\"title\":{\"zh\":\"语料奖\","
	    "\"en\":\"Grant\"},\"baseline\":{\"eligible\":3,\"demanded\":60,"
	    "\"pool\":null,\"paid\":60,\"fill_ratio\":null,\"cut\":0,"
	    DIST(0, 3) "},\"reform\":{\"eligible\":2,\"demanded\":50,"
	    "\"pool\":null,\"paid\":50,\"fill_ratio\":null,\"cut\":0,"
	    DIST(0, 2) "},\"change\":{\"eligible\":-1,\"demanded\":-10,"
	    "\"paid\":-10,\"cut\":0}},"
	    "{\"program\":\"testcity.talent\",\"title\":{\"zh\":\"初创奖\","
	    "\"en\":\"Startup\"},\"baseline\":{\"eligible\":1,\"demanded\":3,"
	    "\"pool\":null,\"paid\":3,\"fill_ratio\":null,\"cut\":0,"
	    DIST(0, 1) "},\"reform\":{\"eligible\":1,\"demanded\":3,"
	    "\"pool\":null,\"paid\":3,\"fill_ratio\":null,\"cut\":0,"
	    DIST(0, 1) "},\"change\":{\"eligible\":0,\"demanded\":0,"
	    "\"paid\":0,\"cut\":0}}],"
	    "\"total\":{\"baseline\":{\"eligible\":5,\"demanded\":168,"
	    "\"paid\":163,\"cut\":3},\"reform\":{\"eligible\":5,"
	    "\"demanded\":221,\"paid\":173,\"cut\":3},\"change\":{"
	    "\"eligible\":0,\"demanded\":53,\"paid\":10,\"cut\":0}},"
	    /* B +6.67, C +8.81, D +5; A -10.48 */
	    "\"winners\":{\"count\":3,\"gained\":20.48,\"largest\":["
	    "{\"line\":3,\"profile\":\"C\",\"baseline\":39.05,\"reform\":47.86,"
	    "\"change\":8.81},"
	    "{\"line\":2,\"profile\":\"B\",\"baseline\":33.33,\"reform\":40,"
	    "\"change\":6.67}]},"
	    "\"losers\":{\"count\":1,\"lost\":10.48,\"largest\":["
	    "{\"line\":1,\"profile\":\"A\",\"baseline\":67.62,\"reform\":57.14,"
	    "\"change\":-10.48}]},"
	    "\"unchanged\":3}}\n", fx->base->digest, fx->reform->reform_digest);
	assert_string_equal(out.p, expect);
	assert_string_equal(msgs.p, "aisubsidy: pop:6: $.compute_purchases: "
	    "expected an array of objects, got 7\n");
	/* the changes: A, B, C, D, in input order; A's grant is gone */
	assert_string_equal(ch.p,
	    "{\"line\":1,\"profile\":\"A\",\"baseline\":67.62,\"reform\":57.14,"
	    "\"change\":-10.48,\"programs\":[{\"program\":\"testcity.voucher\","
	    "\"baseline\":47.62,\"reform\":57.14},{\"program\":\"testcity.grant\","
	    "\"baseline\":20,\"reform\":null}]}\n"
	    "{\"line\":2,\"profile\":\"B\",\"baseline\":33.33,\"reform\":40,"
	    "\"change\":6.67,\"programs\":[{\"program\":\"testcity.voucher\","
	    "\"baseline\":33.33,\"reform\":40}]}\n"
	    "{\"line\":3,\"profile\":\"C\",\"baseline\":39.05,\"reform\":47.86,"
	    "\"change\":8.81,\"programs\":[{\"program\":\"testcity.voucher\","
	    "\"baseline\":19.05,\"reform\":22.86},{\"program\":\"testcity.grant\","
	    "\"baseline\":20,\"reform\":25}]}\n"
	    "{\"line\":4,\"profile\":\"D\",\"baseline\":20,\"reform\":25,"
	    "\"change\":5,\"programs\":[{\"program\":\"testcity.grant\","
	    "\"baseline\":20,\"reform\":25}]}\n");
	ais_buf_release(&out);
	ais_buf_release(&ch);
	ais_buf_release(&msgs);
}

/* Threads change nothing: the report and the changes of -j1, -j2 and
 * -j3 are the same bytes (the population repeated, so that it spans more
 * than one of the runner's chunks). */
static void
compare_should_give_the_same_bytes_whatever_the_threads(void **state)
{
	struct fixture *fx = *state;
	struct ais_buf pop = AIS_BUF_INIT, out[3], ch[3], msgs[3];
	int j, i;

	for (i = 0; i < 60; i++)
		ais_buf_adds(&pop, population);
	for (j = 0; j < 3; j++) {
		ais_buf_init(&out[j]);
		ais_buf_init(&ch[j]);
		ais_buf_init(&msgs[j]);
		assert_int_equal(run(fx->base, fx->reform, pop.p, j + 1, 5,
		    &out[j], &ch[j], &msgs[j]), AIS_EPROFILE);
	}
	assert_non_null(strstr(out[0].p, "\"profiles\":480,\"rejected\":60,"));
	for (j = 1; j < 3; j++) {
		assert_string_equal(out[j].p, out[0].p);
		assert_string_equal(ch[j].p, ch[0].p);
		assert_string_equal(msgs[j].p, msgs[0].p);
	}
	for (j = 0; j < 3; j++) {
		ais_buf_release(&out[j]);
		ais_buf_release(&ch[j]);
		ais_buf_release(&msgs[j]);
	}
	ais_buf_release(&pop);
}

/* Without a reform (report without --reform): the baseline alone, the
 * same figures, no reform, change, winners or losers. */
static void
compare_without_a_reform_should_give_the_baseline_alone(void **state)
{
	struct fixture *fx = *state;
	struct ais_buf out = AIS_BUF_INIT, msgs = AIS_BUF_INIT;

	assert_int_equal(run(fx->base, NULL, population, 2, 0, &out, NULL,
	    &msgs), AIS_EPROFILE);
	assert_non_null(strstr(out.p, "\"reform\":null,\"profiles\":8,"));
	assert_non_null(strstr(out.p, "\"baseline\":{\"eligible\":3,"
	    "\"demanded\":105,\"pool\":100,\"paid\":100,"
	    "\"fill_ratio\":\"0.9524\",\"cut\":3,"));
	assert_non_null(strstr(out.p, "\"total\":{\"baseline\":{"
	    "\"eligible\":5,\"demanded\":168,\"paid\":163,\"cut\":3}}}}\n"));
	assert_null(strstr(out.p, "\"change\""));
	assert_null(strstr(out.p, "\"winners\""));
	assert_null(strstr(out.p, "\"unchanged\""));
	ais_buf_release(&out);
	ais_buf_release(&msgs);
}

/* No profile at all: every count 0, the pool of as_of's year reported,
 * no fill ratio. */
static void
compare_of_nothing_should_count_nothing(void **state)
{
	struct fixture *fx = *state;
	struct ais_buf out = AIS_BUF_INIT, ch = AIS_BUF_INIT,
	    msgs = AIS_BUF_INIT;

	assert_int_equal(run(fx->base, fx->reform, "\n", 1, 0, &out, &ch,
	    &msgs), AIS_OK);
	assert_non_null(strstr(out.p, "\"profiles\":0,\"rejected\":0,"));
	assert_non_null(strstr(out.p, "\"reform\":{\"eligible\":0,"
	    "\"demanded\":0,\"pool\":120,\"paid\":0,\"fill_ratio\":null,"));
	assert_non_null(strstr(out.p, "\"winners\":{\"count\":0,\"gained\":0,"
	    "\"largest\":[]},\"losers\":{\"count\":0,\"lost\":0,"
	    "\"largest\":[]},\"unchanged\":0}}\n"));
	assert_int_equal(ch.len, 0);
	assert_int_equal(msgs.len, 0);
	ais_buf_release(&out);
	ais_buf_release(&ch);
	ais_buf_release(&msgs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    compare_should_give_the_figures_worked_out_by_hand),
		cmocka_unit_test(
		    compare_should_give_the_same_bytes_whatever_the_threads),
		cmocka_unit_test(
		    compare_without_a_reform_should_give_the_baseline_alone),
		cmocka_unit_test(compare_of_nothing_should_count_nothing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
