/*
 * test_pool.c: budget pools shared out among a batch's claims, to the fen.
 *
 * Each test loads a small rule set from memory, evaluates a few profiles
 * with the engine, feeds the pools as the batch does, allocates, and looks
 * at the groups, the claims and the JSON written.
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
#include "pool.h"

__extension__ typedef unsigned __int128 u128;

static const char head[] =
"jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Test}}\n"
"documents:\n"
"  - {id: doc, title: 测试文件, valid: {from: 2025-01-01}}\n"
"sources:\n"
"  s: {document: doc, clause: 第一条, confidence: quoted}\n"
"programs:\n";

/* One formula program paying its compute purchases in full, with a pool
 * of AMOUNT under ALLOCATION. */
static const char one_program[] =
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool: {amount: %s, per: year, allocation: %s}\n";

/* Two programs drawing on one pool, and one outside any pool. */
static const char shared_programs[] =
"  - id: testcity.compute\n"
"    title: {zh: 算力券, en: Compute}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 购买算力, en: buys compute}, test: any(compute_purchases)}\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool:\n"
"      amount: 100\n"
"      per: year\n"
"      shared_with: [testcity.corpus]\n"
"  - id: testcity.unpooled\n"
"    title: {zh: 无池, en: Unpooled}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: fixed\n"
"        amount: 7\n"
"  - id: testcity.corpus\n"
"    title: {zh: 语料券, en: Corpus}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    conditions:\n"
"      - {says: {zh: 购买语料, en: buys corpus}, test: any(corpus_purchases)}\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(corpus_purchases, item.amount)\n"
"    pool:\n"
"      amount: 100\n"
"      per: year\n"
"      shared_with: [testcity.compute]\n";

/* A ceiling and an unquantified program, each with a pool. */
static const char review_programs[] =
"  - id: testcity.ceiling\n"
"    title: {zh: 上限, en: Ceiling}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [data_source_unit]\n"
"    awards:\n"
"      - basis: ceiling\n"
"        ceiling: 10\n"
"    pool: {amount: 15, per: year, allocation: pro_rata}\n"
"  - id: testcity.unquantified\n"
"    title: {zh: 未定, en: Unquantified}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [data_source_unit]\n"
"    awards:\n"
"      - basis: unquantified\n"
"    pool: {amount: 15, per: year}\n";

/* A pool whose amount changed on 2025-07-01. */
static const char dated_program[] =
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool:\n"
"      amount:\n"
"        - {from: 2025-01-01, value: 10}\n"
"        - {from: 2025-07-01, value: 20}\n"
"      per: year\n";

static struct ais_rules *
load(const char *programs)
{
	struct ais_rule_file f = { 0 };
	struct ais_error err;
	struct ais_rules *r;
	struct ais_buf text = AIS_BUF_INIT;

	ais_buf_adds(&text, head);
	ais_buf_adds(&text, programs);
	memset(&err, 0, sizeof err);
	f.name = "rules/testcity.yaml";
	f.data = text.p;
	f.len = text.len;
	r = ais_rules_load(&f, 1, &err);
	ais_buf_release(&text);
	if (!r)
		fail_msg("%s:%d:%d: %s", err.file, err.line, err.column,
		    err.msg);
	return r;
}

/* The one-program rule set with a pool of amount under allocation. */
static struct ais_rules *
load_one(const char *amount, const char *allocation)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_rules *r;

	ais_buf_addf(&b, one_program, amount, allocation);
	r = load(b.p);
	ais_buf_release(&b);
	return r;
}

static ais_date
june30(void)
{
	return ais_date_from_ymd(2025, 6, 30);
}

/* Evaluates each profile (line numbers from 1) and adds it to p, as the
 * batch does: a profile that cannot be evaluated is counted rejected. */
static void
feed(struct ais_pools *p, const struct ais_rules *r,
	const char *const *profiles, size_t n)
{
	struct ais_profile prof;
	struct ais_result res;
	struct ais_calc_opts co;
	size_t i;

	memset(&co, 0, sizeof co);
	co.as_of = p->as_of;	/* as pool --as-of does */
	ais_profile_init(&prof);
	ais_result_init(&res);
	for (i = 0; i < n; i++) {
		struct ais_error err;

		memset(&err, 0, sizeof err);
		if (ais_profile_read(&prof, r, profiles[i], strlen(profiles[i]),
		    &err) < 0 || ais_calc(r, &prof, &co, &res, &err) < 0)
			ais_pools_reject(p);
		else
			ais_pools_add(p, (long)i + 1, &res);
	}
	ais_result_release(&res);
	ais_profile_release(&prof);
}

/* A profile of testcity buying compute for yuan (a JSON number). */
static char *
buyer(const char *id, const char *yuan)
{
	struct ais_buf b = AIS_BUF_INIT;

	ais_buf_addf(&b, "{\"id\":\"%s\",\"kind\":\"enterprise\",\"city\":"
	    "\"testcity\",\"compute_purchases\":[{\"amount\":%s}]}", id, yuan);
	return ais_buf_detach(&b);
}

/* Loads the one-program rules, adds one buyer per amount in yuan, and
 * allocates; the caller releases p and frees *rp. */
static void
run_one(struct ais_pools *p, struct ais_rules **rp, const char *pool,
	const char *allocation, const char *const *yuan, size_t n)
{
	char **prof = calloc(n, sizeof *prof);
	size_t i;

	assert_non_null(prof);
	*rp = load_one(pool, allocation);
	for (i = 0; i < n; i++) {
		char id[32];

		snprintf(id, sizeof id, "A%zu", i + 1);
		prof[i] = buyer(id, yuan[i]);
	}
	ais_pools_init(p, *rp, june30());
	feed(p, *rp, (const char *const *)prof, n);
	ais_pools_allocate(p);
	for (i = 0; i < n; i++)
		free(prof[i]);
	free(prof);
}

static void
done(struct ais_pools *p, struct ais_rules *r)
{
	ais_pools_release(p);
	ais_rules_free(r);
}

static void
demand_under_the_pool_should_pay_every_claim_in_full(void **state)
{
	static const char *const yuan[] = { "10", "20.50", "30" };
	static const char *const alloc[] = { "pro_rata", "first_come" };
	size_t a, i;

	(void)state;
	for (a = 0; a < 2; a++) {
		struct ais_pools p;
		struct ais_rules *r;

		run_one(&p, &r, "100", alloc[a], yuan, 3);
		assert_int_equal(p.g.n, 1);
		assert_int_equal(p.c.n, 3);
		assert_true(p.g.v[0].has_amount);
		assert_int_equal(p.g.v[0].amount, 10000);
		assert_int_equal(p.g.v[0].demand, 6050);
		assert_int_equal(p.g.v[0].paid, 6050);
		assert_int_equal(p.g.v[0].applicants, 3);
		assert_int_equal(p.g.v[0].cut, 0);
		assert_int_equal(p.g.v[0].amount - p.g.v[0].paid, 3950);
		for (i = 0; i < 3; i++)
			assert_int_equal(p.c.v[i].paid, p.c.v[i].demand);
		assert_int_equal(p.c.v[1].demand, 2050);
		done(&p, r);
	}
}

static void
demand_equal_to_the_pool_should_pay_every_claim_in_full(void **state)
{
	static const char *const yuan[] = { "40", "60" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "100", "pro_rata", yuan, 2);
	assert_int_equal(p.c.v[0].paid, 4000);
	assert_int_equal(p.c.v[1].paid, 6000);
	assert_int_equal(p.g.v[0].paid, 10000);
	assert_int_equal(p.g.v[0].cut, 0);
	assert_int_equal(p.g.v[0].remainder_fen, 0);
	done(&p, r);
}

/* Checks the pro rata contract on an allocated group: exactly the pool
 * is paid, each claim is its exact share rounded down or up by one fen,
 * and the fen over go to the largest remainders, ties in input order. */
static void
assert_pro_rata(const struct ais_pools *p, size_t gi)
{
	const struct ais_pool_group *g = &p->g.v[gi];
	int64_t sum = 0, demand = 0;
	size_t i, k, up = 0;

	for (i = 0; i < p->c.n; i++)
		if (p->c.v[i].group == gi)
			demand += p->c.v[i].demand;
	assert_int_equal(g->demand, demand);
	assert_true(demand > g->amount);
	for (i = 0; i < p->c.n; i++) {
		const struct ais_pool_claim *c = &p->c.v[i];
		u128 prod;
		int64_t fl, rem;

		if (c->group != gi)
			continue;
		prod = (u128)c->demand * (u128)g->amount;
		fl = (int64_t)(prod / (u128)demand);
		rem = (int64_t)(prod % (u128)demand);
		sum += c->paid;
		assert_true(c->paid == fl || c->paid == fl + 1);
		if (c->paid == fl + 1)
			up++;
		/* no claim left at the floor has a larger remainder, or an
		 * equal one earlier in the input, than one rounded up */
		for (k = 0; k < p->c.n; k++) {
			const struct ais_pool_claim *o = &p->c.v[k];
			u128 op;
			int64_t ofl, orem;

			if (o->group != gi || c->paid != fl)
				continue;
			op = (u128)o->demand * (u128)g->amount;
			ofl = (int64_t)(op / (u128)demand);
			orem = (int64_t)(op % (u128)demand);
			if (o->paid == ofl + 1)
				assert_true(orem > rem ||
				    (orem == rem && k < i));
		}
	}
	assert_int_equal(sum, g->amount);
	assert_int_equal(g->paid, g->amount);
	assert_int_equal(g->remainder_fen, up);
}

static void
pro_rata_over_the_pool_should_pay_exactly_the_pool_to_the_fen(void **state)
{
	static const char *const yuan[] = {
		"100", "200.01", "333.33", "77.77", "0.01", "1234.56", "5"
	};
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "500", "pro_rata", yuan, 7);
	assert_int_equal(p.c.n, 7);
	assert_int_equal(p.g.v[0].demand, 195068);
	assert_pro_rata(&p, 0);
	/* by hand: 50000 / 195068 of each claim, 3 fen over by remainder */
	assert_int_equal(p.c.v[0].paid, 2563);	/* 2563.21 */
	assert_int_equal(p.c.v[1].paid, 5127);	/* 5126.67 +1 */
	assert_int_equal(p.c.v[2].paid, 8544);	/* 8543.94 +1 */
	assert_int_equal(p.c.v[3].paid, 1994);	/* 1993.41 +1 */
	assert_int_equal(p.c.v[4].paid, 0);	/* 0.26 */
	assert_int_equal(p.c.v[5].paid, 31644);	/* 31644.35 */
	assert_int_equal(p.c.v[6].paid, 128);	/* 128.16 */
	assert_int_equal(p.g.v[0].cut, 7);
	assert_int_equal(p.g.v[0].remainder_fen, 3);
	done(&p, r);
}

static void
pro_rata_should_give_the_leftover_fen_to_the_first_of_equal_claims(
	void **state)
{
	static const char *const yuan[] = { "10", "10", "10" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "1.00", "pro_rata", yuan, 3);
	assert_int_equal(p.c.v[0].paid, 34);
	assert_int_equal(p.c.v[1].paid, 33);
	assert_int_equal(p.c.v[2].paid, 33);
	assert_int_equal(p.g.v[0].paid, 100);
	assert_int_equal(p.g.v[0].remainder_fen, 1);
	assert_int_equal(p.g.v[0].cut, 3);
	assert_pro_rata(&p, 0);
	done(&p, r);
}

static void
pro_rata_should_give_two_leftover_fen_to_the_first_two_of_three_ties(
	void **state)
{
	static const char *const yuan[] = { "1", "1", "1" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "0.02", "pro_rata", yuan, 3);
	assert_int_equal(p.c.v[0].paid, 1);
	assert_int_equal(p.c.v[1].paid, 1);
	assert_int_equal(p.c.v[2].paid, 0);
	assert_int_equal(p.g.v[0].remainder_fen, 2);
	done(&p, r);
}

static void
pro_rata_should_give_the_leftover_fen_to_the_largest_remainder_first(
	void **state)
{
	/* 100 fen over 1, 2, 4 yuan: 14.29, 28.57, 57.14: the fen left
	 * goes to the second claim, though it is not first in the input */
	static const char *const yuan[] = { "1", "2", "4" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "1", "pro_rata", yuan, 3);
	assert_int_equal(p.c.v[0].paid, 14);
	assert_int_equal(p.c.v[1].paid, 29);
	assert_int_equal(p.c.v[2].paid, 57);
	assert_pro_rata(&p, 0);
	done(&p, r);
}

static void
first_come_should_pay_in_input_order_until_the_pool_runs_out(void **state)
{
	static const char *const yuan[] = { "20", "25", "10", "5" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "50", "first_come", yuan, 4);
	assert_false(p.g.v[0].first_come == 0);
	assert_int_equal(p.c.v[0].paid, 2000);
	assert_int_equal(p.c.v[1].paid, 2500);
	assert_int_equal(p.c.v[2].paid, 500);	/* crosses the line */
	assert_int_equal(p.c.v[3].paid, 0);
	assert_int_equal(p.g.v[0].demand, 6000);
	assert_int_equal(p.g.v[0].paid, 5000);
	assert_int_equal(p.g.v[0].cut, 2);
	assert_int_equal(p.g.v[0].remainder_fen, 0);
	done(&p, r);
}

static void
first_come_should_cut_only_later_claims_when_one_ends_the_pool_exactly(
	void **state)
{
	static const char *const yuan[] = { "20", "30", "10", "0.01" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "50", "first_come", yuan, 4);
	assert_int_equal(p.c.v[0].paid, 2000);
	assert_int_equal(p.c.v[1].paid, 3000);
	assert_int_equal(p.c.v[2].paid, 0);
	assert_int_equal(p.c.v[3].paid, 0);
	assert_int_equal(p.g.v[0].paid, 5000);
	assert_int_equal(p.g.v[0].cut, 2);
	done(&p, r);
}

static void
shared_pools_should_pool_the_demand_of_both_programs(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":60}]}",
		"{\"id\":\"B\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"corpus_purchases\":[{\"amount\":90}]}",
		"{\"id\":\"C\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":30}],"
		"\"corpus_purchases\":[{\"amount\":20}]}",
	};
	struct ais_rules *r = load(shared_programs);
	struct ais_pools p;
	size_t i;

	(void)state;
	ais_pools_init(&p, r, june30());
	assert_int_equal(p.g.n, 1);
	assert_int_equal(p.g.v[0].nmembers, 2);
	assert_string_equal(p.g.v[0].members[0]->id, "testcity.compute");
	assert_string_equal(p.g.v[0].members[1]->id, "testcity.corpus");
	for (i = 0; i < r->nprograms; i++)
		if (strcmp(r->j[0].programs[i].id, "testcity.unpooled") == 0)
			assert_true(p.group_of[r->j[0].programs[i].index] ==
			    SIZE_MAX);
	feed(&p, r, prof, 3);
	ais_pools_allocate(&p);
	/* the unpooled fixed award makes no claim */
	assert_int_equal(p.c.n, 4);
	for (i = 0; i < p.c.n; i++)
		assert_int_equal(p.c.v[i].group, 0);
	assert_string_equal(p.c.v[0].program->id, "testcity.compute");
	assert_string_equal(p.c.v[1].program->id, "testcity.corpus");
	assert_string_equal(p.c.v[2].program->id, "testcity.compute");
	assert_string_equal(p.c.v[3].program->id, "testcity.corpus");
	assert_string_equal(p.c.v[3].profile, "C");
	assert_int_equal(p.c.v[3].line, 3);
	/* one pool of 100 for 60 + 90 + 30 + 20 = 200: half each */
	assert_int_equal(p.g.v[0].amount, 10000);
	assert_int_equal(p.g.v[0].demand, 20000);
	assert_int_equal(p.c.v[0].paid, 3000);
	assert_int_equal(p.c.v[1].paid, 4500);
	assert_int_equal(p.c.v[2].paid, 1500);
	assert_int_equal(p.c.v[3].paid, 1000);
	assert_int_equal(p.g.v[0].paid, 10000);
	/* C claims on both programs of the pool: one applicant, cut once */
	assert_int_equal(p.g.v[0].applicants, 3);
	assert_int_equal(p.g.v[0].cut, 3);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
ceiling_items_should_claim_their_ceiling_and_unquantified_count_unpriced(
	void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"D1\",\"kind\":\"data_source_unit\","
		"\"city\":\"testcity\"}",
		"{\"id\":\"D2\",\"kind\":\"data_source_unit\","
		"\"city\":\"testcity\"}",
		"{\"id\":\"E\",\"kind\":\"enterprise\",\"city\":\"testcity\"}",
	};
	struct ais_rules *r = load(review_programs);
	struct ais_pools p;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 3);
	ais_pools_allocate(&p);
	assert_int_equal(p.g.n, 2);
	assert_int_equal(p.c.n, 2);
	assert_true(p.c.v[0].ceiling);
	assert_true(p.c.v[1].ceiling);
	assert_int_equal(p.c.v[0].demand, 1000);
	assert_int_equal(p.c.v[0].paid, 750);
	assert_int_equal(p.c.v[1].paid, 750);
	assert_int_equal(p.g.v[0].demand, 2000);
	assert_int_equal(p.g.v[0].unpriced, 0);
	/* the unquantified pool has no claims, only unpriced applicants */
	assert_int_equal(p.g.v[1].unpriced, 2);
	assert_int_equal(p.g.v[1].applicants, 0);
	assert_int_equal(p.g.v[1].demand, 0);
	assert_int_equal(p.g.v[1].paid, 0);
	assert_int_equal(p.profiles, 3);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
formula_claims_should_not_be_marked_ceilings(void **state)
{
	static const char *const yuan[] = { "1" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "100", "pro_rata", yuan, 1);
	assert_false(p.c.v[0].ceiling);
	done(&p, r);
}

static void
rejected_profiles_should_be_counted_and_make_no_claims(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":1}]}",
		"{\"id\":\"B\",\"kind\":\"company\",\"city\":\"testcity\"}",
		"not json",
		"{\"id\":\"C\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":2}]}",
	};
	struct ais_rules *r = load_one("100", "pro_rata");
	struct ais_pools p;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 4);
	ais_pools_allocate(&p);
	assert_int_equal(p.profiles, 4);
	assert_int_equal(p.rejected, 2);
	assert_int_equal(p.c.n, 2);
	assert_int_equal(p.c.v[0].line, 1);
	assert_int_equal(p.c.v[1].line, 4);
	assert_string_equal(p.c.v[1].profile, "C");
	assert_int_equal(p.g.v[0].demand, 300);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
zero_claims_should_not_count_as_applicants(void **state)
{
	static const char *const yuan[] = { "0", "3" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "1", "pro_rata", yuan, 2);
	assert_int_equal(p.c.n, 1);
	assert_int_equal(p.g.v[0].applicants, 1);
	assert_int_equal(p.c.v[0].paid, 100);
	assert_string_equal(p.c.v[0].profile, "A2");
	done(&p, r);
}

static void
a_dated_pool_amount_should_be_the_one_in_force_on_the_date(void **state)
{
	struct ais_rules *r = load(dated_program);
	struct ais_pools p;

	(void)state;
	ais_pools_init(&p, r, ais_date_from_ymd(2025, 6, 30));
	assert_true(p.g.v[0].has_amount);
	assert_int_equal(p.g.v[0].amount, 1000);
	ais_pools_release(&p);
	ais_pools_init(&p, r, ais_date_from_ymd(2025, 7, 1));
	assert_true(p.g.v[0].has_amount);
	assert_int_equal(p.g.v[0].amount, 2000);
	ais_pools_release(&p);
	/* before the first: no pool in force, so nothing is cut */
	ais_pools_init(&p, r, ais_date_from_ymd(2024, 12, 31));
	assert_false(p.g.v[0].has_amount);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
a_pool_not_in_force_should_pay_every_claim_in_full(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":500}]}",
	};
	/* a pool of the first quarter only: a claim of June finds none */
	struct ais_rules *r = load(
	    "  - id: testcity.voucher\n"
	    "    title: {zh: 券, en: Voucher}\n"
	    "    document: doc\n"
	    "    source: s\n"
	    "    applicants: [enterprise]\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "    pool:\n"
	    "      amount:\n"
	    "        - {from: 2025-01-01, until: 2025-03-31, value: 10}\n"
	    "      per: year\n");
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 1);
	ais_pools_allocate(&p);
	assert_int_equal(p.c.v[0].paid, 50000);
	assert_int_equal(p.g.v[0].cut, 0);
	ais_pools_write_report(&p, 0, &b);
	assert_non_null(strstr(b.p, "\"pool\":null,\"demand\":500,"
	    "\"paid\":500,\"unallocated\":0,\"fill_ratio\":\"1.0000\""));
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
pro_rata_should_not_overflow_when_claim_times_pool_passes_64_bits(
	void **state)
{
	/* 1e9 fen and 9.9e10 fen against 5e10 fen: 1e9 × 5e10 = 5e19 */
	static const char *const yuan[] = { "10000000", "990000000" };
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "5亿", "pro_rata", yuan, 2);
	assert_int_equal(p.c.v[0].demand, INT64_C(1000000000));
	assert_int_equal(p.g.v[0].amount, INT64_C(50000000000));
	assert_int_equal(p.g.v[0].demand, INT64_C(100000000000));
	assert_int_equal(p.c.v[0].paid, INT64_C(500000000));
	assert_int_equal(p.c.v[1].paid, INT64_C(49500000000));
	assert_int_equal(p.g.v[0].paid, INT64_C(50000000000));
	assert_int_equal(p.g.v[0].remainder_fen, 0);
	done(&p, r);
}

static void
pro_rata_should_round_large_claims_exactly(void **state)
{
	/* shares that are not whole fen, with products past 2^64 */
	static const char *const yuan[] = {
		"10000000", "333333333.33", "656666666.68"
	};
	struct ais_pools p;
	struct ais_rules *r;

	(void)state;
	run_one(&p, &r, "5亿", "pro_rata", yuan, 3);
	assert_int_equal(p.g.v[0].demand, INT64_C(100000000001));
	assert_pro_rata(&p, 0);
	/* 1e9 × 5e10 / 100000000001 = 499999999.995: floor, then the
	 * largest remainder */
	assert_int_equal(p.c.v[0].paid, INT64_C(500000000));
	assert_int_equal(p.c.v[1].paid, INT64_C(16666666666));
	assert_int_equal(p.c.v[2].paid, INT64_C(32833333334));
	done(&p, r);
}

/* A small case for the JSON: pool 1 yuan, claims 0.50, 0.40, 0.30, one
 * rejected line and one eligible with no purchase (no claim). */
static void
small_case(struct ais_pools *p, struct ais_rules **rp, const char *alloc)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":0.50}]}",
		"{\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":0.40}]}",
		"{\"id\":\"bad\",\"kind\":\"company\"}",
		"{\"id\":\"Z\",\"kind\":\"enterprise\",\"city\":\"testcity\"}",
		"{\"id\":\"\\\"q\\\"\",\"kind\":\"enterprise\","
		"\"city\":\"testcity\",\"compute_purchases\":[{\"amount\":0.3}]}",
	};

	*rp = load_one("1", alloc);
	ais_pools_init(p, *rp, june30());
	feed(p, *rp, prof, 5);
	ais_pools_allocate(p);
}

static void
report_should_be_written_compact_byte_for_byte(void **state)
{
	struct ais_pools p;
	struct ais_rules *r;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	small_case(&p, &r, "pro_rata");
	ais_pools_write_report(&p, 0, &b);
	/* 100 × 50/120 = 41.67, × 40/120 = 33.33, × 30/120 = 25 */
	assert_string_equal(b.p, "{\"as_of\":\"2025-06-30\",\"profiles\":5,"
	    "\"rejected\":1,\"pools\":[{\"year\":2025,\"programs\":"
	    "[\"testcity.voucher\"],"
	    "\"per\":\"year\",\"allocation\":\"pro_rata\",\"pool\":1,"
	    "\"demand\":1.2,\"paid\":1,\"unallocated\":0,"
	    "\"fill_ratio\":\"0.8333\",\"applicants\":3,"
	    "\"applicants_cut\":3,\"rounding_fen\":1,\"unpriced\":0}]}\n");
	ais_buf_release(&b);
	done(&p, r);
}

static void
report_should_be_written_pretty_byte_for_byte(void **state)
{
	struct ais_pools p;
	struct ais_rules *r;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	small_case(&p, &r, "first_come");
	ais_pools_write_report(&p, 1, &b);
	assert_string_equal(b.p, "{\n"
	    "  \"as_of\": \"2025-06-30\",\n"
	    "  \"profiles\": 5,\n"
	    "  \"rejected\": 1,\n"
	    "  \"pools\": [\n"
	    "    {\n"
	    "      \"year\": 2025,\n"
	    "      \"programs\": [\"testcity.voucher\"],\n"
	    "      \"per\": \"year\",\n"
	    "      \"allocation\": \"first_come\",\n"
	    "      \"pool\": 1,\n"
	    "      \"demand\": 1.2,\n"
	    "      \"paid\": 1,\n"
	    "      \"unallocated\": 0,\n"
	    "      \"fill_ratio\": \"0.8333\",\n"
	    "      \"applicants\": 3,\n"
	    "      \"applicants_cut\": 1,\n"
	    "      \"rounding_fen\": 0,\n"
	    "      \"unpriced\": 0\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	ais_buf_release(&b);
	done(&p, r);
}

static void
report_with_no_pools_should_give_an_empty_list(void **state)
{
	struct ais_rules *r = load(
	    "  - id: testcity.voucher\n"
	    "    title: {zh: 券, en: Voucher}\n"
	    "    document: doc\n"
	    "    source: s\n"
	    "    awards:\n"
	    "      - {basis: fixed, amount: 1}\n");
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_pools_init(&p, r, june30());
	ais_pools_allocate(&p);
	ais_pools_write_report(&p, 0, &b);
	assert_string_equal(b.p, "{\"as_of\":\"2025-06-30\",\"profiles\":0,"
	    "\"rejected\":0,\"pools\":[]}\n");
	ais_buf_reset(&b);
	ais_pools_write_report(&p, 1, &b);
	assert_string_equal(b.p, "{\n  \"as_of\": \"2025-06-30\",\n"
	    "  \"profiles\": 0,\n  \"rejected\": 0,\n  \"pools\": []\n}\n");
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
report_should_list_shared_programs_and_give_a_null_ratio_without_demand(
	void **state)
{
	struct ais_rules *r = load(shared_programs);
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_pools_init(&p, r, june30());
	ais_pools_allocate(&p);
	ais_pools_write_report(&p, 0, &b);
	assert_string_equal(b.p, "{\"as_of\":\"2025-06-30\",\"profiles\":0,"
	    "\"rejected\":0,\"pools\":[{\"year\":2025,\"programs\":"
	    "[\"testcity.compute\","
	    "\"testcity.corpus\"],\"per\":\"year\",\"allocation\":"
	    "\"pro_rata\",\"pool\":100,\"demand\":0,\"paid\":0,"
	    "\"unallocated\":100,\"fill_ratio\":null,\"applicants\":0,"
	    "\"applicants_cut\":0,\"rounding_fen\":0,\"unpriced\":0}]}\n");
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
claims_should_be_written_a_line_each_byte_for_byte(void **state)
{
	struct ais_pools p;
	struct ais_rules *r;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	small_case(&p, &r, "pro_rata");
	ais_pools_write_claims(&p, &b);
	assert_string_equal(b.p,
	    "{\"line\":1,\"profile\":\"A\",\"program\":\"testcity.voucher\","
	    "\"year\":2025,\"demand\":0.5,\"paid\":0.42}\n"
	    "{\"line\":2,\"profile\":null,\"program\":\"testcity.voucher\","
	    "\"year\":2025,\"demand\":0.4,\"paid\":0.33}\n"
	    "{\"line\":5,\"profile\":\"\\\"q\\\"\",\"program\":"
	    "\"testcity.voucher\",\"year\":2025,\"demand\":0.3,\"paid\":0.25}\n");
	ais_buf_release(&b);
	done(&p, r);
}

static void
ceiling_claims_should_be_written_with_the_ceiling_flag(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"D1\",\"kind\":\"data_source_unit\","
		"\"city\":\"testcity\"}",
	};
	struct ais_rules *r = load(review_programs);
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 1);
	ais_pools_allocate(&p);
	ais_pools_write_claims(&p, &b);
	assert_string_equal(b.p, "{\"line\":1,\"profile\":\"D1\",\"program\":"
	    "\"testcity.ceiling\",\"year\":2025,\"demand\":10,\"ceiling\":true,"
	    "\"paid\":10}\n");
	ais_buf_reset(&b);
	ais_pools_write_report(&p, 0, &b);
	assert_non_null(strstr(b.p, "\"programs\":[\"testcity.unquantified\"],"
	    "\"per\":\"year\",\"allocation\":\"pro_rata\",\"pool\":15,"
	    "\"demand\":0,\"paid\":0,\"unallocated\":15,\"fill_ratio\":null,"
	    "\"applicants\":0,\"applicants_cut\":0,\"rounding_fen\":0,"
	    "\"unpriced\":1}"));
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
allocating_twice_should_give_the_same_report(void **state)
{
	struct ais_pools p;
	struct ais_rules *r;
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;

	(void)state;
	small_case(&p, &r, "pro_rata");
	ais_pools_write_report(&p, 0, &a);
	ais_pools_write_claims(&p, &a);
	ais_pools_allocate(&p);
	ais_pools_write_report(&p, 0, &b);
	ais_pools_write_claims(&p, &b);
	assert_string_equal(a.p, b.p);
	ais_buf_release(&a);
	ais_buf_release(&b);
	done(&p, r);
}


/* A pool of 10 yuan in 2025 (20 from July) and 40 from 2026. */
static const char yearly_program[] =
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool:\n"
"      amount:\n"
"        - {from: 2025-01-01, value: 10}\n"
"        - {from: 2025-07-01, value: 20}\n"
"        - {from: 2026-01-01, value: 40}\n"
"      per: year\n"
"      allocation: first_come\n";

static void
claims_of_each_year_should_share_that_years_pool(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2026-03-01\",\"compute_purchases\":[{\"amount\":50}]}",
		"{\"id\":\"B\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2025-05-01\",\"compute_purchases\":[{\"amount\":8}]}",
		"{\"id\":\"C\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":8}]}",
	};
	struct ais_rules *r = load(yearly_program);
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;
	const struct ais_pool_group *g25, *g26;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 3);
	ais_pools_allocate(&p);
	assert_int_equal(p.y.n, 2);
	assert_int_equal(p.nbase, 1);
	g25 = &p.g.v[p.y.v[0].first];
	g26 = &p.g.v[p.y.v[1].first];
	assert_int_equal(g25->year, 2025);
	assert_int_equal(g26->year, 2026);
	assert_ptr_equal(g26->members, g25->members);
	/* 2025: B and C (whose claim date is as_of) share 10 yuan on the
	 * year's last claim date, 2025-06-30 */
	assert_int_equal(g25->amount, 1000);
	assert_int_equal(g25->demand, 1600);
	assert_int_equal(g25->paid, 1000);
	assert_int_equal(g25->applicants, 2);
	assert_int_equal(g25->cut, 1);
	/* 2026: A alone against 40 */
	assert_int_equal(g26->amount, 4000);
	assert_int_equal(g26->demand, 5000);
	assert_int_equal(g26->paid, 4000);
	assert_int_equal(p.c.v[0].year, 2026);
	assert_int_equal(p.c.v[0].paid, 4000);
	assert_int_equal(p.c.v[1].year, 2025);
	assert_int_equal(p.c.v[1].paid, 800);
	assert_int_equal(p.c.v[2].paid, 200);
	/* the report gives the years in order, whatever the input's */
	ais_pools_write_report(&p, 0, &b);
	assert_non_null(strstr(b.p, "\"pools\":[{\"year\":2025,"));
	assert_non_null(strstr(b.p, "},{\"year\":2026,\"programs\":"
	    "[\"testcity.voucher\"],\"per\":\"year\",\"allocation\":"
	    "\"first_come\",\"pool\":40,\"demand\":50,\"paid\":40,"));
	ais_buf_reset(&b);
	ais_pools_write_claims(&p, &b);
	assert_string_equal(b.p,
	    "{\"line\":1,\"profile\":\"A\",\"program\":\"testcity.voucher\","
	    "\"year\":2026,\"demand\":50,\"paid\":40}\n"
	    "{\"line\":2,\"profile\":\"B\",\"program\":\"testcity.voucher\","
	    "\"year\":2025,\"demand\":8,\"paid\":8}\n"
	    "{\"line\":3,\"profile\":\"C\",\"program\":\"testcity.voucher\","
	    "\"year\":2025,\"demand\":8,\"paid\":2}\n");
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
a_years_pool_should_be_in_force_on_its_last_claim_date(void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2025-03-01\",\"compute_purchases\":[{\"amount\":50}]}",
		"{\"id\":\"B\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2025-08-01\",\"compute_purchases\":[{\"amount\":50}]}",
	};
	struct ais_rules *r = load(yearly_program);
	struct ais_pools p;

	(void)state;
	/* A alone, in March: 10 */
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 1);
	ais_pools_allocate(&p);
	assert_int_equal(p.g.v[0].amount, 1000);
	ais_pools_release(&p);
	/* with B in August, the year's pool is August's: 20 */
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 2);
	ais_pools_allocate(&p);
	assert_int_equal(p.y.n, 1);
	assert_int_equal(p.g.v[0].amount, 2000);
	assert_int_equal(p.g.v[0].paid, 2000);
	ais_pools_release(&p);
	ais_rules_free(r);
}

static void
report_should_leave_out_the_year_of_as_of_when_no_claim_is_in_it(
	void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2026-03-01\",\"compute_purchases\":[{\"amount\":50}]}",
		"{\"id\":\"bad\",\"kind\":\"company\"}",
	};
	struct ais_rules *r = load(yearly_program);
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 2);
	ais_pools_allocate(&p);
	ais_pools_write_report(&p, 0, &b);
	assert_string_equal(b.p, "{\"as_of\":\"2025-06-30\",\"profiles\":2,"
	    "\"rejected\":1,\"pools\":[{\"year\":2026,\"programs\":"
	    "[\"testcity.voucher\"],\"per\":\"year\",\"allocation\":"
	    "\"first_come\",\"pool\":40,\"demand\":50,\"paid\":40,"
	    "\"unallocated\":0,\"fill_ratio\":\"0.8000\",\"applicants\":1,"
	    "\"applicants_cut\":1,\"rounding_fen\":0,\"unpriced\":0}]}\n");
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

/* A pool for the life of the measures (per: total) beside one per year;
 * the total's amount changed on 2026-01-01. */
static const char total_program[] =
"  - id: testcity.voucher\n"
"    title: {zh: 券, en: Voucher}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool:\n"
"      amount:\n"
"        - {from: 2025-01-01, value: 10}\n"
"        - {from: 2026-01-01, value: 30}\n"
"      per: total\n"
"  - id: testcity.yearly\n"
"    title: {zh: 年度券, en: Yearly}\n"
"    document: doc\n"
"    source: s\n"
"    applicants: [enterprise]\n"
"    awards:\n"
"      - basis: formula\n"
"        base: sum(compute_purchases, item.amount)\n"
"    pool: {amount: 1000, per: year}\n";

static void
a_pool_per_total_should_share_one_amount_among_every_years_claims(
	void **state)
{
	static const char *const prof[] = {
		"{\"id\":\"A\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2026-03-01\",\"compute_purchases\":[{\"amount\":50}]}",
		"{\"id\":\"B\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"as_of\":\"2025-05-01\",\"compute_purchases\":[{\"amount\":8}]}",
		"{\"id\":\"C\",\"kind\":\"enterprise\",\"city\":\"testcity\","
		"\"compute_purchases\":[{\"amount\":8}]}",
	};
	struct ais_rules *r = load(total_program);
	struct ais_pools p;
	struct ais_buf b = AIS_BUF_INIT;
	const struct ais_pool_group *g;

	(void)state;
	ais_pools_init(&p, r, june30());
	feed(&p, r, prof, 3);
	ais_pools_allocate(&p);
	assert_int_equal(p.y.n, 2);
	g = &p.g.v[0];
	assert_true(g->total);
	/* every claim, of 2025 and 2026, against the amount in force on the
	 * latest claim date (2026-03-01): 30 for 66 claimed, pro rata */
	assert_int_equal(g->amount, 3000);
	assert_int_equal(g->demand, 6600);
	assert_int_equal(g->paid, 3000);
	assert_int_equal(g->applicants, 3);
	assert_int_equal(p.c.v[0].paid, 2273);
	assert_int_equal(p.c.v[2].paid, 364);
	assert_int_equal(p.c.v[4].paid, 363);
	/* its copy for 2026 stays empty */
	assert_int_equal(p.g.v[p.y.v[1].first].demand, 0);
	/* the yearly pool still splits by year */
	assert_int_equal(p.g.v[p.y.v[1].first + 1].demand, 5000);
	assert_int_equal(p.g.v[1].demand, 1600);
	/* reported once, with no year, among the first year's pools */
	ais_pools_write_report(&p, 0, &b);
	assert_string_equal(b.p, "{\"as_of\":\"2025-06-30\",\"profiles\":3,"
	    "\"rejected\":0,\"pools\":[{\"programs\":[\"testcity.voucher\"],"
	    "\"per\":\"total\",\"allocation\":\"pro_rata\",\"pool\":30,"
	    "\"demand\":66,\"paid\":30,\"unallocated\":0,\"fill_ratio\":"
	    "\"0.4545\",\"applicants\":3,\"applicants_cut\":3,"
	    "\"rounding_fen\":2,\"unpriced\":0},"
	    "{\"year\":2025,\"programs\":[\"testcity.yearly\"],\"per\":"
	    "\"year\",\"allocation\":\"pro_rata\",\"pool\":1000,\"demand\":16,"
	    "\"paid\":16,\"unallocated\":984,\"fill_ratio\":\"1.0000\","
	    "\"applicants\":2,\"applicants_cut\":0,\"rounding_fen\":0,"
	    "\"unpriced\":0},"
	    "{\"year\":2026,\"programs\":[\"testcity.yearly\"],\"per\":"
	    "\"year\",\"allocation\":\"pro_rata\",\"pool\":1000,\"demand\":50,"
	    "\"paid\":50,\"unallocated\":950,\"fill_ratio\":\"1.0000\","
	    "\"applicants\":1,\"applicants_cut\":0,\"rounding_fen\":0,"
	    "\"unpriced\":0}]}\n");
	ais_buf_release(&b);
	ais_pools_release(&p);
	ais_rules_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(claims_of_each_year_should_share_that_years_pool),
		cmocka_unit_test(
		    a_pool_per_total_should_share_one_amount_among_every_years_claims),
		cmocka_unit_test(a_years_pool_should_be_in_force_on_its_last_claim_date),
		cmocka_unit_test(report_should_leave_out_the_year_of_as_of_when_no_claim_is_in_it),
		cmocka_unit_test(
		    demand_under_the_pool_should_pay_every_claim_in_full),
		cmocka_unit_test(
		    demand_equal_to_the_pool_should_pay_every_claim_in_full),
		cmocka_unit_test(
		    pro_rata_over_the_pool_should_pay_exactly_the_pool_to_the_fen),
		cmocka_unit_test(
		    pro_rata_should_give_the_leftover_fen_to_the_first_of_equal_claims),
		cmocka_unit_test(
		    pro_rata_should_give_two_leftover_fen_to_the_first_two_of_three_ties),
		cmocka_unit_test(
		    pro_rata_should_give_the_leftover_fen_to_the_largest_remainder_first),
		cmocka_unit_test(
		    first_come_should_pay_in_input_order_until_the_pool_runs_out),
		cmocka_unit_test(
		    first_come_should_cut_only_later_claims_when_one_ends_the_pool_exactly),
		cmocka_unit_test(
		    shared_pools_should_pool_the_demand_of_both_programs),
		cmocka_unit_test(
		    ceiling_items_should_claim_their_ceiling_and_unquantified_count_unpriced),
		cmocka_unit_test(formula_claims_should_not_be_marked_ceilings),
		cmocka_unit_test(
		    rejected_profiles_should_be_counted_and_make_no_claims),
		cmocka_unit_test(zero_claims_should_not_count_as_applicants),
		cmocka_unit_test(
		    a_dated_pool_amount_should_be_the_one_in_force_on_the_date),
		cmocka_unit_test(
		    a_pool_not_in_force_should_pay_every_claim_in_full),
		cmocka_unit_test(
		    pro_rata_should_not_overflow_when_claim_times_pool_passes_64_bits),
		cmocka_unit_test(pro_rata_should_round_large_claims_exactly),
		cmocka_unit_test(report_should_be_written_compact_byte_for_byte),
		cmocka_unit_test(report_should_be_written_pretty_byte_for_byte),
		cmocka_unit_test(report_with_no_pools_should_give_an_empty_list),
		cmocka_unit_test(
		    report_should_list_shared_programs_and_give_a_null_ratio_without_demand),
		cmocka_unit_test(
		    claims_should_be_written_a_line_each_byte_for_byte),
		cmocka_unit_test(
		    ceiling_claims_should_be_written_with_the_ceiling_flag),
		cmocka_unit_test(allocating_twice_should_give_the_same_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
