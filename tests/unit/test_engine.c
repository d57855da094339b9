/*
 * test_engine.c: evaluating profiles against rules (docs/rules.md,
 * shared/spec/programs.md) through the public functions: ais_profile_read,
 * ais_calc, and the struct ais_result it fills.
 *
 * Every rule file is written for the test, so that each test isolates one
 * behaviour: rounding, caps, kinds of basis, validity, applicants,
 * conditions, per-entry awards, same-project groups, dated terms,
 * location, totals, the short mode, overflow, and one result reused.
 * Amounts in rules and profiles are yuan; amounts in results are fen.
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
#include "narrate.h"
#include "stub_parents.h"

#define WAN	1000000LL	/* 1万 yuan in fen */

/* A city in testprov, one document valid 2024-01-01 to 2025-12-31, one
 * source; programs follow. */
static const char CITY_HEAD[] =
	"jurisdiction:\n"
	"  id: testcity\n"
	"  level: city\n"
	"  name: {zh: 测试市, en: Testcity}\n"
	"  parent: testprov\n"
	"documents:\n"
	"  - id: doc-a\n"
	"    title: 测试文件\n"
	"    valid: {from: 2024-01-01, until: 2025-12-31}\n"
	"    url: https://example.org/doc\n"
	"sources:\n"
	"  src-a:\n"
	"    document: doc-a\n"
	"    clause: 按10%给予补助\n"
	"    confidence: quoted\n"
	"programs:\n";

static const char PROVINCE[] =
	"jurisdiction:\n"
	"  id: testprov\n"
	"  level: province\n"
	"  name: {zh: 测试省, en: Testprov}\n"
	"documents:\n"
	"  - id: doc-p\n"
	"    title: 省文件\n"
	"    url: https://example.org/doc\n"
	"programs:\n"
	"  - id: testprov.grant\n"
	"    title: {zh: 省项目, en: Province grant}\n"
	"    document: doc-p\n"
	"    source: {document: doc-p, confidence: report}\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 5万\n";

static const char OTHER_CITY[] =
	"jurisdiction:\n"
	"  id: othercity\n"
	"  level: city\n"
	"  name: {zh: 他市, en: Othercity}\n"
	"  parent: otherprov\n"
	"documents:\n"
	"  - id: doc-o\n"
	"    title: 他市文件\n"
	"    url: https://example.org/doc\n"
	"programs:\n"
	"  - id: othercity.grant\n"
	"    title: {zh: 他市项目, en: Other grant}\n"
	"    document: doc-o\n"
	"    source: {document: doc-o, confidence: quoted}\n"
	"    awards:\n"
	"      - basis: ceiling\n"
	"        ceiling: 7万\n";

/* The result the items under test come from (item() sets it), and the
 * text of their reasons. */
static const struct ais_result *cur_res;
static struct ais_buf said_buf;

struct env {
	struct ais_rules *r;
	struct ais_profile p;
	struct ais_result res;
	struct ais_error err;
};

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
	ais_rules_free(e->r);
	free(e);
	ais_buf_release(&said_buf);
	return 0;
}

static ais_date
day(const char *s)
{
	ais_date d;

	assert_int_equal(ais_date_parse(s, strlen(s), &d), 0);
	return d;
}

/* Loads the files given as name, text pairs (NULL-terminated). */
static void
use_files(struct env *e, ...)
{
	struct ais_rule_file f[8] = { { 0 } }, all[8 + STUB_MAX];
	struct stubs stubs;
	size_t n = 0;
	va_list ap;

	va_start(ap, e);
	while (n < 8 && (f[n].name = va_arg(ap, const char *)) != NULL) {
		f[n].data = va_arg(ap, const char *);
		f[n].len = strlen(f[n].data);
		n++;
	}
	va_end(ap);
	ais_rules_free(e->r);
	memset(&e->err, 0, sizeof e->err);
	n = stub_parents(f, n, &stubs, all);
	e->r = ais_rules_load(all, n, &e->err);
	if (!e->r)
		fail_msg("rules do not load: %s:%d:%d: %s", e->err.file,
		    e->err.line, e->err.column, e->err.msg);
}

/* Loads CITY_HEAD and programs as the only rule file. */
static void
use_rules(struct env *e, const char *programs)
{
	size_t a = strlen(CITY_HEAD), b = strlen(programs);
	char *text = malloc(a + b + 1);

	assert_non_null(text);
	memcpy(text, CITY_HEAD, a);
	memcpy(text + a, programs, b + 1);
	use_files(e, "rules/testcity.yaml", text, (const char *)NULL);
	free(text);
}

/* Reads json and evaluates it on as_of; returns what ais_calc does. */
static int
calc_opts(struct env *e, const char *json, const char *as_of, int explain,
	const char *const *jurisdictions, size_t nj)
{
	struct ais_calc_opts o;

	memset(&o, 0, sizeof o);
	o.as_of = day(as_of);
	o.explain = explain;
	o.jurisdictions = jurisdictions;
	o.njurisdictions = nj;
	memset(&e->err, 0, sizeof e->err);
	if (ais_profile_read(&e->p, e->r, json, strlen(json), &e->err) != 0)
		fail_msg("profile rejected: %s: %s", e->err.path, e->err.msg);
	return ais_calc(e->r, &e->p, &o, &e->res, &e->err);
}

/* Evaluates json on as_of, which must succeed. */
static void
calc(struct env *e, const char *json, const char *as_of, int explain)
{
	if (calc_opts(e, json, as_of, explain, NULL, 0) != 0)
		fail_msg("calc failed: %s: %s", e->err.path, e->err.msg);
}

/* The item of program id, which must be in the result. */
static const struct ais_item *
item(const struct env *e, const char *id)
{
	size_t i;

	cur_res = &e->res;
	for (i = 0; i < e->res.items.n; i++)
		if (strcmp(e->res.items.v[i].program->id, id) == 0)
			return &e->res.items.v[i];
	fail_msg("no item for '%s'", id);
	return NULL;
}

/* The reasons of it in English, one a line. */
static const char *
reasons_of(const struct ais_item *it)
{
	const struct ais_result *res = cur_res;
	size_t i;

	ais_buf_reset(&said_buf);
	ais_buf_add(&said_buf, "", 0);
	for (i = 0; i < it->steps.n; i++) {
		ais_step_narrate(res, it, &it->steps.v[i], AIS_LANG_EN, &said_buf);
		ais_buf_addc(&said_buf, '\n');
	}
	return said_buf.p;
}

/* 1 when some reason of it contains s. */
static int
has_reason(const struct ais_item *it, const char *s)
{
	return strstr(reasons_of(it), s) != NULL;
}

static void
assert_reason(const struct ais_item *it, const char *s)
{
	if (has_reason(it, s))
		return;
	print_message("reasons:\n%s", reasons_of(it));
	fail_msg("no reason contains '%s'", s);
}

/* The part labelled label (in English), which must be in it. */
static const struct ais_part *
part(const struct ais_item *it, const char *label)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t i;

	for (i = 0; i < it->parts.n; i++) {
		ais_buf_reset(&b);
		ais_part_label(&it->parts.v[i], AIS_LANG_EN, &b);
		if (strcmp(b.p, label) == 0) {
			ais_buf_release(&b);
			return &it->parts.v[i];
		}
	}
	ais_buf_release(&b);
	fail_msg("no part '%s'", label);
	return NULL;
}

/* ---- rounding and caps ---- */

static const char FORMULA[] =
	"  - id: testcity.formula\n"
	"    title: {zh: 比例, en: Formula}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - label: {zh: 主项, en: main}\n"
	"        basis: formula\n"
	"        base: revenue.main_business\n"
	"        rate: 10%\n";

/* Asserts that used term u shows the constant value want. */
static void
assert_term_value(const struct ais_used_term *u, const char *want)
{
	char got[48];

	assert_true(ais_version_const_text(u->version, u->term, got,
	    sizeof got));
	assert_string_equal(got, want);
}

static void
calc_should_round_the_product_half_up_to_the_fen(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, FORMULA);
	/* 0.05 × 10% = 0.005 yuan: half a fen, up to one */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 0.05}}", "2025-06-30", 1);
	it = item(e, "testcity.formula");
	assert_true(it->eligible);
	assert_int_equal(it->basis, AIS_BASIS_FORMULA);
	assert_int_equal(it->parts.n, 1);
	assert_int_equal(it->parts.v[0].raw, 1);
	assert_int_equal(it->parts.v[0].amount, 1);
	assert_true(it->parts.v[0].has_base);
	assert_true(it->parts.v[0].has_rate);
	assert_int_equal(it->amount, 1);
	assert_int_equal(it->up_to, 1);
	assert_int_equal(e->res.total_amount, 1);

	/* 0.04 × 10% = 0.004: down to nothing */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 0.04}}", "2025-06-30", 1);
	it = item(e, "testcity.formula");
	assert_true(it->eligible);
	assert_int_equal(it->parts.v[0].raw, 0);
	assert_int_equal(it->amount, 0);
	assert_true(it->has_amount);

	/* 0.15 × 10% = 0.015: up to 2 fen */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 0.15}}", "2025-06-30", 1);
	assert_int_equal(item(e, "testcity.formula")->amount, 2);

	/* 1666666.67 × 10% = 166666.667: up to 166666.67 */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 1666666.67}}", "2025-06-30", 1);
	assert_int_equal(item(e, "testcity.formula")->amount, 16666667);
}

static void
calc_should_round_before_the_cap(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.formula\n"
	    "    title: {zh: 比例, en: Formula}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: if(startup, 29.9%, 30%)\n"
	    "        cap: 0.01\n");
	/* 0.05 × 29.9% = 0.01495, which rounds to 0.01: the cap is not hit */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"startup\": true, \"revenue\": {\"main_business\": 0.05}}",
	    "2025-06-30", 1);
	it = item(e, "testcity.formula");
	assert_int_equal(it->parts.v[0].raw, 1);
	assert_int_equal(it->parts.v[0].amount, 1);
	assert_true(it->parts.v[0].has_cap);
	assert_int_equal(it->parts.v[0].cap, 1);
	assert_false(it->parts.v[0].capped);
	assert_int_equal(it->amount, 1);
	assert_false(it->capped);

	/* 0.05 × 30% = 0.015, which rounds to 0.02: capped at 0.01 */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 0.05}}", "2025-06-30", 1);
	it = item(e, "testcity.formula");
	assert_int_equal(it->parts.v[0].raw, 2);
	assert_int_equal(it->parts.v[0].amount, 1);
	assert_true(it->parts.v[0].capped);
	assert_int_equal(it->amount, 1);
	assert_int_equal(it->up_to, 1);
}

static const char TWO_CAPS[] =
	"  - id: testcity.capped\n"
	"    title: {zh: 封顶, en: Capped}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    cap: 250万\n"
	"    awards:\n"
	"      - label: {zh: 销售, en: sales}\n"
	"        basis: formula\n"
	"        base: revenue.main_business\n"
	"        rate: 10%\n"
	"        cap: 100万\n"
	"      - label: {zh: 历史, en: history}\n"
	"        basis: formula\n"
	"        base: revenue.prior_max\n"
	"        rate: 50%\n"
	"        cap: 200万\n";

static void
calc_should_cap_each_award_then_the_program(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_part *a, *b;

	use_rules(e, TWO_CAPS);
	/* 2000万 × 10% = 200万, capped at 100万; 600万 × 50% = 300万,
	 * capped at 200万; together 300万, capped at 250万 */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 20000000, "
	    "\"prior_max\": 6000000}}", "2025-06-30", 1);
	it = item(e, "testcity.capped");
	assert_true(it->eligible);
	assert_int_equal(it->parts.n, 2);
	a = part(it, "sales");
	assert_int_equal(a->raw, 200 * WAN);
	assert_int_equal(a->amount, 100 * WAN);
	assert_int_equal(a->up_to, 100 * WAN);
	assert_int_equal(a->cap, 100 * WAN);
	assert_true(a->capped);
	b = part(it, "history");
	assert_int_equal(b->raw, 300 * WAN);
	assert_int_equal(b->amount, 200 * WAN);
	assert_true(b->capped);
	assert_int_equal(it->sum, 300 * WAN);
	assert_int_equal(it->sum_up_to, 300 * WAN);
	assert_true(it->has_cap);
	assert_int_equal(it->cap, 250 * WAN);
	assert_true(it->capped);
	assert_int_equal(it->amount, 250 * WAN);
	assert_int_equal(it->up_to, 250 * WAN);
	assert_int_equal(e->res.total_amount, 250 * WAN);
	assert_int_equal(e->res.total_up_to, 250 * WAN);
	assert_reason(it, "capped");

	/* 500万 × 10% = 50万 and 100万 × 50% = 50万: no cap is reached */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 5000000, "
	    "\"prior_max\": 1000000}}", "2025-06-30", 1);
	it = item(e, "testcity.capped");
	assert_false(part(it, "sales")->capped);
	assert_false(part(it, "history")->capped);
	assert_true(it->has_cap);
	assert_false(it->capped);
	assert_int_equal(it->amount, 100 * WAN);
	assert_int_equal(it->up_to, 100 * WAN);
}

static void
calc_should_cap_ceilings_with_the_program_cap(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.ceilings\n"
	    "    title: {zh: 上限, en: Ceilings}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    cap: 150万\n"
	    "    awards:\n"
	    "      - basis: ceiling\n"
	    "        ceiling: 100万\n"
	    "      - basis: ceiling\n"
	    "        ceiling: 80万\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.ceilings");
	assert_int_equal(it->basis, AIS_BASIS_CEILING);
	assert_false(it->has_amount);
	assert_true(it->has_up_to);
	assert_int_equal(it->sum_up_to, 180 * WAN);
	assert_int_equal(it->up_to, 150 * WAN);
	assert_true(it->capped);
	assert_int_equal(e->res.total_amount, 0);
	assert_int_equal(e->res.total_up_to, 150 * WAN);
}

/* ---- kinds of basis ---- */

static const char BASES[] =
	"  - id: testcity.fixed\n"
	"    title: {zh: 定额, en: Fixed}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 30万\n"
	"  - id: testcity.ceiling\n"
	"    title: {zh: 最高, en: Ceiling}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: ceiling\n"
	"        ceiling: 100万\n"
	"  - id: testcity.unquantified\n"
	"    title: {zh: 支持, en: Support}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: unquantified\n"
	"  - id: testcity.formula\n"
	"    title: {zh: 比例, en: Formula}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: formula\n"
	"        base: revenue.main_business\n"
	"        rate: 10%\n"
	"  - id: testcity.universities\n"
	"    title: {zh: 高校, en: Universities}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    applicants: [university]\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 1000万\n";

static const char BASES_PROFILE[] =
	"{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	"\"revenue\": {\"main_business\": 500000}}";

static void
calc_should_pay_a_fixed_award(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, BASES);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	it = item(e, "testcity.fixed");
	assert_true(it->eligible);
	assert_int_equal(it->basis, AIS_BASIS_FIXED);
	assert_true(it->has_amount);
	assert_true(it->has_up_to);
	assert_int_equal(it->amount, 30 * WAN);
	assert_int_equal(it->up_to, 30 * WAN);
	assert_false(it->capped);
	assert_int_equal(it->parts.n, 1);
	assert_int_equal(it->parts.v[0].basis, AIS_BASIS_FIXED);
	assert_int_equal(it->parts.v[0].amount, 30 * WAN);
	assert_false(it->parts.v[0].has_base);
}

static void
calc_should_give_a_ceiling_no_amount(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, BASES);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	it = item(e, "testcity.ceiling");
	assert_true(it->eligible);
	assert_int_equal(it->basis, AIS_BASIS_CEILING);
	assert_false(it->has_amount);
	assert_true(it->has_up_to);
	assert_int_equal(it->up_to, 100 * WAN);
	assert_false(it->parts.v[0].has_amount);
	assert_true(it->parts.v[0].has_up_to);
	assert_int_equal(it->parts.v[0].up_to, 100 * WAN);
}

static void
calc_should_give_an_unquantified_award_no_figure(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, BASES);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	it = item(e, "testcity.unquantified");
	assert_true(it->eligible);
	assert_int_equal(it->basis, AIS_BASIS_UNQUANTIFIED);
	assert_false(it->has_amount);
	assert_false(it->has_up_to);
	assert_int_equal(it->parts.n, 1);
	assert_reason(it, "eligible; the policy gives no figure");
}

static void
calc_should_add_up_the_totals(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, BASES);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 5);
	/* in rule order */
	assert_string_equal(e->res.items.v[0].program->id, "testcity.fixed");
	assert_string_equal(e->res.items.v[4].program->id,
	    "testcity.universities");
	assert_int_equal(item(e, "testcity.formula")->amount, 5 * WAN);
	/* the universities' program is not for an enterprise */
	it = item(e, "testcity.universities");
	assert_false(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_int_equal(it->up_to, 0);
	/* amount: 30万 + 5万; up to: those and the 100万 ceiling */
	assert_int_equal(e->res.total_amount, 35 * WAN);
	assert_int_equal(e->res.total_up_to, 135 * WAN);
	assert_int_equal(e->res.total_unquantified, 1);
	assert_int_equal(e->res.warnings.n, 0);
	assert_ptr_equal(e->res.digest, e->r->digest);
	assert_int_equal(e->res.as_of, day("2025-06-30"));
	assert_ptr_equal(e->res.profile, &e->p);
}

/* ---- eligibility ---- */

static void
calc_should_apply_a_program_on_the_first_and_last_day_only(void **state)
{
	struct env *e = *state;
	static const char json[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\"}";
	const struct ais_item *it;

	use_rules(e, BASES);
	calc(e, json, "2023-12-31", 1);
	it = item(e, "testcity.fixed");
	assert_false(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_int_equal(it->up_to, 0);
	assert_true(it->has_amount);
	assert_true(it->has_up_to);
	assert_int_equal(it->parts.n, 0);
	assert_reason(it, "not in force: the claim date 2023-12-31 is before "
	    "2024-01-01, when doc-a took effect");
	assert_int_equal(e->res.total_amount, 0);
	assert_int_equal(e->res.total_up_to, 0);
	assert_int_equal(e->res.total_unquantified, 0);

	calc(e, json, "2024-01-01", 1);
	assert_true(item(e, "testcity.fixed")->eligible);
	assert_int_equal(item(e, "testcity.fixed")->amount, 30 * WAN);
	assert_reason(item(e, "testcity.fixed"), "in force: the claim date "
	    "2024-01-01 is within 2024-01-01 to 2025-12-31");

	calc(e, json, "2025-12-31", 1);
	assert_true(item(e, "testcity.fixed")->eligible);

	calc(e, json, "2026-01-01", 1);
	it = item(e, "testcity.fixed");
	assert_false(it->eligible);
	assert_reason(it, "not in force: the claim date 2026-01-01 is after "
	    "2025-12-31, when doc-a expired");
	assert_int_equal(e->res.total_unquantified, 0);
}

static void
calc_should_take_the_claim_date_from_the_profile_first(void **state)
{
	struct env *e = *state;

	use_rules(e, BASES);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"as_of\": \"2026-01-01\"}", "2025-06-30", 1);
	assert_int_equal(e->res.as_of, day("2026-01-01"));
	assert_false(item(e, "testcity.fixed")->eligible);
}

static void
calc_should_check_the_kind_of_applicant(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.research\n"
	    "    title: {zh: 研究, en: Research}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    applicants: [university, research_institute]\n"
	    "    awards:\n"
	    "      - basis: fixed\n"
	    "        amount: 10万\n"
	    "  - id: testcity.anyone\n"
	    "    title: {zh: 任何, en: Anyone}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: fixed\n"
	    "        amount: 1万\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.research");
	assert_false(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_reason(it, "not met: kind = \"enterprise\" (may apply: "
	    "university, research_institute)");
	assert_true(item(e, "testcity.anyone")->eligible);

	calc(e, "{\"kind\": \"research_institute\", \"city\": "
	    "\"testcity\"}", "2025-06-30", 1);
	it = item(e, "testcity.research");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 10 * WAN);
	assert_reason(it, "met: kind = \"research_institute\"");
	assert_true(item(e, "testcity.anyone")->eligible);
	assert_int_equal(e->res.total_amount, 11 * WAN);
}

static const char CONDITIONS[] =
	"  - id: testcity.big\n"
	"    title: {zh: 大, en: Big}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 主营业务收入1亿元以上, en: main-business revenue of 1亿 or more}\n"
	"        test: revenue.main_business >= 1亿\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 10万\n"
	"  - id: testcity.startup_and_big\n"
	"    title: {zh: 初创, en: Startup}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 规模较大的初创企业, en: a big startup}\n"
	"        test: startup and revenue.main_business >= 1亿\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 10万\n"
	"  - id: testcity.startup_or_big\n"
	"    title: {zh: 或, en: Either}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 初创企业或规模较大, en: a startup or big}\n"
	"        test: startup or revenue.main_business >= 1亿\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 10万\n";

/* The step of it that checks the condition with id, which must exist. */
static const struct ais_step *
check_step(const struct ais_item *it, const char *id)
{
	size_t i;

	for (i = 0; i < it->steps.n; i++)
		if (it->steps.v[i].kind == AIS_STEP_CHECK &&
		    strcmp(it->steps.v[i].cond->id, id) == 0)
			return &it->steps.v[i];
	fail_msg("no check '%s'", id);
	return NULL;
}

static void
calc_should_record_each_check_with_what_it_read(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_step *s;

	use_rules(e, CONDITIONS);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 5000}}", "2025-06-30", 1);
	it = item(e, "testcity.big");
	/* validity, then the condition: no applicants list, no kind check */
	assert_int_equal(it->steps.v[0].kind, AIS_STEP_VALIDITY);
	assert_int_equal(it->steps.v[0].outcome, AIS_MET);
	s = check_step(it, "conditions[0]");
	assert_int_equal(s->outcome, AIS_NOT_MET);
	assert_string_equal(s->cond->says.en,
	    "main-business revenue of 1亿 or more");
	assert_int_equal(s->nreads, 1);
	assert_memory_equal(s->reads[0].field, "revenue.main_business", 21);
	assert_int_equal(s->reads[0].len, 21);
	assert_int_equal(s->reads[0].value.t, AIS_V_NUM);
	assert_true(ais_dec_cmp(s->reads[0].value.u.n,
	    ais_dec_make(5000, 0)) == 0);
	assert_true(s->reads[0].amount);
	/* the comparison and its threshold */
	assert_int_equal(s->ncmps, 1);
	assert_string_equal(s->cmps[0].op, ">=");
	assert_memory_equal(s->cmps[0].right, "1亿", s->cmps[0].right_len);
	assert_true(ais_dec_cmp(s->cmps[0].right_value.u.n,
	    ais_dec_make(100000000, 0)) == 0);
	assert_int_equal(s->cmps[0].holds, 0);
	/* a field not given: unknown, and the read says so */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	s = check_step(item(e, "testcity.big"), "conditions[0]");
	assert_int_equal(s->outcome, AIS_UNKNOWN);
	assert_int_equal(s->reads[0].value.t, AIS_V_NULL);
	assert_int_equal(s->cmps[0].holds, -1);
	/* compact mode records nothing */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 0);
	assert_int_equal(item(e, "testcity.big")->steps.n, 0);
}

static void
calc_should_record_the_entries_a_failed_check_did_not_count(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	size_t i, n = 0, check = (size_t)-1;

	use_rules(e,
	    "  - id: testcity.training\n"
	    "    title: {zh: 训练, en: Training}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    conditions:\n"
	    "      - says: {zh: 租用训练算力, en: rents training compute}\n"
	    "        test: any(compute_purchases where item.purpose == "
	    "\"model_training\")\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases where not item.affiliated, "
	    "item.amount)\n"
	    "        rate: 50%\n");
	/* the condition fails on both entries; then it holds and the base
	 * counts one and leaves out the other */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"compute_purchases\": [{\"id\": \"a\", \"amount\": 100, "
	    "\"purpose\": \"inference\"}, {\"id\": \"b\", \"amount\": 200, "
	    "\"purpose\": \"inference\", \"affiliated\": true}]}",
	    "2025-06-30", 1);
	it = item(e, "testcity.training");
	assert_false(it->eligible);
	assert_int_equal(it->steps.n, 4);	/* validity, check, 2 entries */
	assert_int_equal(it->steps.v[2].kind, AIS_STEP_ENTRY);
	assert_int_equal(it->steps.v[2].check, 1);
	assert_memory_equal(it->steps.v[2].needs, "item.purpose == "
	    "\"model_training\"", it->steps.v[2].needs_len);
	assert_int_equal(it->steps.v[2].nreads, 1);
	assert_memory_equal(it->steps.v[2].reads[0].field, "purpose", 7);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"compute_purchases\": [{\"id\": \"a\", \"amount\": 100, "
	    "\"purpose\": \"model_training\"}, {\"id\": \"b\", \"amount\": 200, "
	    "\"purpose\": \"inference\", \"affiliated\": true}]}",
	    "2025-06-30", 1);
	it = item(e, "testcity.training");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 5000);	/* fen */
	for (i = 0; i < e->res.items.n; i++) {
		size_t k;

		it = &e->res.items.v[i];
		for (k = 0; k < it->steps.n; k++) {
			const struct ais_step *s = &it->steps.v[k];

			if (s->kind == AIS_STEP_CHECK)
				check = k;
			if (s->kind != AIS_STEP_ENTRY)
				continue;
			n++;
			/* an entry names its list and, when it did not
			 * count, the test it failed or the value missing */
			assert_non_null(s->entry);
			assert_true(s->list_len > 0);
			if (s->outcome == AIS_NOT_MET)
				assert_true(s->needs || s->missing);
			else
				assert_null(s->needs);
			/* one that explains a check follows that check, which
			 * was not met; others belong to a term */
			if (s->check != (size_t)-1) {
				assert_int_equal(s->check, check);
				assert_int_not_equal(it->steps.v[check].outcome,
				    AIS_MET);
			} else {
				assert_true(s->term || s->filter);
			}
		}
	}
	assert_true(n > 0);
}

static void
calc_should_leave_a_condition_unknown_when_a_field_is_absent(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, CONDITIONS);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"startup\": true}", "2025-06-30", 1);
	it = item(e, "testcity.big");
	assert_false(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_reason(it, "unknown: main-business revenue of 1亿 or more");
	assert_reason(it, "not given");
	/* true and unknown is unknown: not met */
	it = item(e, "testcity.startup_and_big");
	assert_false(it->eligible);
	assert_reason(it, "unknown: a big startup");
	/* true or unknown is true */
	it = item(e, "testcity.startup_or_big");
	assert_true(it->eligible);
	assert_reason(it, "met: a startup or big");

	/* false and unknown is false: decided, so "not met" */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.startup_and_big");
	assert_false(it->eligible);
	assert_reason(it, "not met: a big startup");
	assert_false(has_reason(it, "unknown:"));
	it = item(e, "testcity.startup_or_big");
	assert_false(it->eligible);
	assert_reason(it, "unknown: a startup or big");

	/* given, the conditions decide */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 100000000}}", "2025-06-30", 1);
	it = item(e, "testcity.big");
	assert_true(it->eligible);
	assert_reason(it, "met: main-business revenue of 1亿 or more");
	assert_false(item(e, "testcity.startup_and_big")->eligible);
	assert_true(item(e, "testcity.startup_or_big")->eligible);
}

/* ---- per-entry awards ---- */

static void
calc_should_make_one_part_per_entry_that_passes_where(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_part *pt;

	use_rules(e,
	    "  - id: testcity.software\n"
	    "    title: {zh: 软件, en: Software}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 研制, en: dev}\n"
	    "        basis: formula\n"
	    "        each: software_products\n"
	    "        where: item.role == \"developer\"\n"
	    "        base: item.rd_expenditure\n"
	    "        rate: 10%\n"
	    "        cap: 8万\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": ["
	    "{\"id\": \"sw-1\", \"role\": \"developer\", "
	    "\"rd_expenditure\": 1000000},"
	    "{\"id\": \"sw-2\", \"role\": \"adopter\", "
	    "\"rd_expenditure\": 500000},"
	    "{\"role\": \"developer\", \"rd_expenditure\": 300000}]}",
	    "2025-06-30", 1);
	it = item(e, "testcity.software");
	assert_true(it->eligible);
	assert_int_equal(it->parts.n, 2);
	pt = part(it, "dev: sw-1");
	assert_int_equal(pt->raw, 10 * WAN);
	assert_int_equal(pt->amount, 8 * WAN);
	assert_true(pt->capped);
	assert_null(pt->project);	/* no same-project group */
	/* an entry without an id is named by its JSON path */
	pt = part(it, "dev: $.software_products[2]");
	assert_int_equal(pt->amount, 3 * WAN);
	assert_false(pt->capped);
	assert_int_equal(it->amount, 11 * WAN);
	/* as docs/rules.md writes an entry not counted */
	assert_reason(it, "not counted: sw-2 (needs item.role == "
	    "\"developer\"; role = \"adopter\")");

	/* no entry passes: the award does not apply */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": [{\"id\": \"sw-2\", \"role\": "
	    "\"adopter\", \"rd_expenditure\": 500000}]}", "2025-06-30", 1);
	it = item(e, "testcity.software");
	assert_false(it->eligible);
	assert_int_equal(it->parts.n, 0);
	assert_int_equal(it->amount, 0);
	assert_reason(it, "no award of this program applies");

	/* no entries at all */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.software");
	assert_false(it->eligible);
	assert_reason(it, "no entries in software_products");
}

/* ---- dated entries ---- */

/* A sum and a per-entry award over compute purchases, in a program valid
 * from 2024-01-01 (doc-a). */
static const char DATED[] =
	"  - id: testcity.compute\n"
	"    title: {zh: 算力, en: Compute}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 全部为训练, en: all for training}\n"
	"        test: all(compute_purchases where item.purpose == "
	"\"model_training\")\n"
	"    awards:\n"
	"      - label: {zh: 合计, en: sum}\n"
	"        basis: formula\n"
	"        base: sum(compute_purchases, item.amount)\n"
	"        rate: 10%\n"
	"      - label: {zh: 逐项, en: each}\n"
	"        basis: fixed\n"
	"        each: compute_purchases\n"
	"        amount: 1万\n";

/* cp-1 signed within the program's validity, cp-2 signed after the
 * claim date (its own date, earlier, gives way to signed_on), cp-3 dated
 * before the validity, cp-4 without a date, cp-5 on the claim date. */
static const char DATED_PROFILE[] =
	"{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	"\"compute_purchases\": ["
	"{\"id\": \"cp-1\", \"amount\": 100000, \"purpose\": "
	"\"model_training\", \"signed_on\": \"2024-01-01\"},"
	"{\"id\": \"cp-2\", \"amount\": 200000, \"purpose\": \"inference\", "
	"\"signed_on\": \"2025-07-01\", \"date\": \"2025-01-01\"},"
	"{\"id\": \"cp-3\", \"amount\": 400000, \"purpose\": \"inference\", "
	"\"date\": \"2023-12-31\"},"
	"{\"id\": \"cp-4\", \"amount\": 800000, \"purpose\": "
	"\"model_training\"},"
	"{\"id\": \"cp-5\", \"amount\": 1600000, \"purpose\": "
	"\"model_training\", \"date\": \"2025-06-30\"}]}";

/* The reasons of it in lang, one a line. */
static const char *
reasons_in(const struct ais_item *it, enum ais_lang lang)
{
	size_t i;

	ais_buf_reset(&said_buf);
	ais_buf_add(&said_buf, "", 0);
	for (i = 0; i < it->steps.n; i++) {
		ais_step_narrate(cur_res, it, &it->steps.v[i], lang, &said_buf);
		ais_buf_addc(&said_buf, '\n');
	}
	return said_buf.p;
}

static void
calc_should_not_count_entries_dated_outside_the_claim(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const char *zh;
	size_t i, dated = 0;

	use_rules(e, DATED);
	calc(e, DATED_PROFILE, "2025-06-30", 1);
	it = item(e, "testcity.compute");
	/* all() is over the entries that count: cp-2 and cp-3 are none */
	assert_true(it->eligible);
	/* 10% of 100000 + 800000 + 1600000; three instances of 1万 */
	assert_int_equal(part(it, "sum")->amount, 25 * WAN);
	assert_int_equal(it->parts.n, 4);
	part(it, "each: cp-1");
	part(it, "each: cp-4");
	part(it, "each: cp-5");
	assert_int_equal(it->amount, 28 * WAN);
	assert_reason(it, "not counted: cp-2 (dated after the claim date; "
	    "signed_on = 2025-07-01)");
	assert_reason(it, "not counted: cp-3 (dated before the program's "
	    "validity, from 2024-01-01; date = 2023-12-31)");
	assert_reason(it, "each: not counted: cp-2 (dated after the claim "
	    "date; signed_on = 2025-07-01)");
	assert_reason(it, "counted: cp-4 (800000)");
	assert_reason(it, "counted: cp-5 (1600000)");
	zh = reasons_in(it, AIS_LANG_ZH);
	if (!strstr(zh, "不计入：cp-2（日期晚于申报日；signed_on = "
	    "2025-07-01）") || !strstr(zh, "不计入：cp-3（日期早于政策有效期"
	    "起始日2024-01-01；date = 2023-12-31）"))
		fail_msg("Chinese reasons:\n%s", zh);
	/* the record: each one not counted says so, with its date */
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];

		if (s->kind != AIS_STEP_ENTRY || !s->dated)
			continue;
		dated++;
		assert_int_equal(s->outcome, AIS_NOT_MET);
		assert_int_equal(s->nreads, 1);
		assert_int_equal(s->reads[0].value.t, AIS_V_DATE);
	}
	assert_int_equal(dated, 4);	/* two in the sum, two per entry */

	/* the same amounts without the record */
	calc(e, DATED_PROFILE, "2025-06-30", 0);
	it = item(e, "testcity.compute");
	assert_int_equal(it->amount, 28 * WAN);
	assert_int_equal(it->steps.n, 0);

	/* a day earlier cp-5 is dated after the claim date too */
	calc(e, DATED_PROFILE, "2025-06-29", 1);
	it = item(e, "testcity.compute");
	assert_int_equal(part(it, "sum")->amount, 9 * WAN);
	assert_reason(it, "not counted: cp-5 (dated after the claim date; "
	    "date = 2025-06-30)");
}

static void
calc_should_read_a_condition_over_the_entries_that_count(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, DATED);
	/* cp-2 is not for training but signed after the claim date: all()
	 * holds; on 2025-07-01 it counts, and all() fails on it */
	calc(e, DATED_PROFILE, "2025-07-01", 1);
	it = item(e, "testcity.compute");
	assert_false(it->eligible);
	assert_reason(it, "not met: all for training");
	assert_reason(it, "not counted: cp-2 (needs item.purpose == "
	    "\"model_training\"; purpose = \"inference\")");
	assert_reason(it, "not counted: cp-3 (dated before the program's "
	    "validity, from 2024-01-01; date = 2023-12-31)");
}

/* ---- same project once ---- */

static const char FIRST_VERSION[] =
	"  - id: testcity.first_version\n"
	"    title: {zh: 首版次, en: First version}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    same_project: once\n"
	"    awards:\n"
	"      - label: {zh: 研制企业, en: developer}\n"
	"        basis: formula\n"
	"        each: software_products\n"
	"        where: item.role in [\"developer\", \"both\"]\n"
	"        base: item.rd_expenditure\n"
	"        rate: 10%\n"
	"        cap: 250万\n"
	"      - label: {zh: 应用单位, en: adopter}\n"
	"        basis: formula\n"
	"        each: software_products\n"
	"        where: item.role in [\"adopter\", \"both\"]\n"
	"        base: item.contract_executed\n"
	"        rate: 10%\n"
	"        cap: 250万\n";

static void
calc_should_pay_only_the_larger_award_on_one_product(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_part *dev, *adopt;

	use_rules(e, FIRST_VERSION);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": ["
	    "{\"id\": \"sw-1\", \"role\": \"both\", \"rd_expenditure\": "
	    "8000000, \"contract_executed\": 5000000},"
	    "{\"id\": \"sw-2\", \"role\": \"adopter\", "
	    "\"contract_executed\": 1000000}]}", "2025-06-30", 1);
	it = item(e, "testcity.first_version");
	assert_true(it->eligible);
	assert_int_equal(it->parts.n, 3);
	dev = part(it, "developer: sw-1");
	adopt = part(it, "adopter: sw-1");
	assert_string_equal(dev->project, "sw-1");
	assert_string_equal(adopt->project, "sw-1");
	assert_false(dev->set_aside);
	assert_int_equal(dev->amount, 80 * WAN);
	assert_true(adopt->set_aside);
	assert_int_equal(adopt->amount, 50 * WAN);	/* kept, not paid */
	assert_reason(it, "set aside: adopter: sw-1");
	/* the other product is its own project */
	assert_false(part(it, "adopter: sw-2")->set_aside);
	assert_int_equal(part(it, "adopter: sw-2")->amount, 10 * WAN);
	assert_int_equal(it->amount, 90 * WAN);
	assert_int_equal(it->up_to, 90 * WAN);
	assert_int_equal(it->basis, AIS_BASIS_FORMULA);
	assert_int_equal(e->res.total_amount, 90 * WAN);

	/* the adopter's award is the larger: the developer's is set aside */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": ["
	    "{\"id\": \"sw-1\", \"role\": \"both\", \"rd_expenditure\": "
	    "2000000, \"contract_executed\": 5000000}]}", "2025-06-30", 1);
	it = item(e, "testcity.first_version");
	assert_true(part(it, "developer: sw-1")->set_aside);
	assert_false(part(it, "adopter: sw-1")->set_aside);
	assert_reason(it, "set aside: developer: sw-1");
	assert_int_equal(it->amount, 50 * WAN);
}

/* The first-version program with a program cap, then a program after it
 * whose reasons outnumber it, so that the passes after all programs
 * (same project, program cap) add reasons to an item that is not the
 * last one evaluated. */
static const char AFTER_FIRST_VERSION[] =
	"    cap: 100万\n"
	"  - id: testcity.after\n"
	"    title: {zh: 其后, en: After}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        each: software_products\n"
	"        where: item.role == \"adopter\"\n"
	"        amount: 1万\n";

static void
calc_should_add_reasons_to_earlier_items_at_every_length(void **state)
{
	struct env *e = *state;
	struct ais_buf rules = AIS_BUF_INIT, json = AIS_BUF_INIT;
	const struct ais_item *fv, *after;
	size_t k, i, set_aside, said;

	ais_buf_adds(&rules, FIRST_VERSION);
	ais_buf_adds(&rules, AFTER_FIRST_VERSION);
	use_rules(e, rules.p);
	/*
	 * 0 to 20 products, each "both": each gives two parts, one set
	 * aside.  The crash of 2026-11 came at the lengths where the first
	 * item's arrays were exactly full (8, 16) and the last item's were
	 * not; every length is tried.
	 */
	for (k = 0; k <= 20; k++) {
		ais_buf_reset(&json);
		ais_buf_adds(&json, "{\"kind\": \"enterprise\", \"city\": "
		    "\"testcity\", \"software_products\": [");
		for (i = 0; i < k; i++)
			ais_buf_addf(&json, "%s{\"id\": \"sw-%zu\", \"role\": "
			    "\"both\", \"rd_expenditure\": %zu, "
			    "\"contract_executed\": 3000000}", i ? "," : "", i,
			    1000000 + i * 1000000);
		ais_buf_adds(&json, "]}");
		calc(e, json.p, "2025-06-30", 1);
		fv = item(e, "testcity.first_version");
		after = item(e, "testcity.after");
		set_aside = said = 0;
		for (i = 0; i < fv->parts.n; i++)
			set_aside += fv->parts.v[i].set_aside;
		for (i = 0; i < fv->steps.n; i++)
			said += fv->steps.v[i].kind == AIS_STEP_SET_ASIDE;
		assert_int_equal(fv->parts.n, 2 * k);
		assert_int_equal(set_aside, k);
		assert_int_equal(said, k);
		if (fv->capped)
			assert_reason(fv, "the program pays at most 1000000 "
			    "per applicant: capped");
		assert_true(fv->amount <= 100 * WAN);
		/* the item after it has its own reasons, whole */
		assert_false(after->eligible);
		assert_int_equal(after->steps.n, k ? k + 2 : 3);
		for (i = 0; i < after->steps.n; i++)
			assert_true(after->steps.v[i].kind != AIS_STEP_SET_ASIDE);
	}
	ais_buf_release(&rules);
	ais_buf_release(&json);
}

static void
calc_should_keep_the_first_award_on_a_tie(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, FIRST_VERSION);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": ["
	    "{\"id\": \"sw-1\", \"role\": \"both\", \"rd_expenditure\": "
	    "3000000, \"contract_executed\": 3000000}]}", "2025-06-30", 1);
	it = item(e, "testcity.first_version");
	assert_int_equal(it->parts.n, 2);
	assert_false(part(it, "developer: sw-1")->set_aside);
	assert_true(part(it, "adopter: sw-1")->set_aside);
	assert_int_equal(it->amount, 30 * WAN);
}

static void
calc_should_pay_the_highest_of_claim_level_awards_on_one_project(
	void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.milestone\n"
	    "    title: {zh: 营收, en: Milestone}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    same_project: once\n"
	    "    awards:\n"
	    "      - label: {zh: 3亿元, en: 3亿}\n"
	    "        basis: fixed\n"
	    "        project: revenue-year\n"
	    "        when: [{says: {zh: 达到3亿元, en: 3亿 reached}, test: "
	    "revenue.main_business >= 3亿}]\n"
	    "        amount: 10万\n"
	    "      - label: {zh: 5亿元, en: 5亿}\n"
	    "        basis: fixed\n"
	    "        project: revenue-year\n"
	    "        when: [{says: {zh: 达到5亿元, en: 5亿 reached}, test: "
	    "revenue.main_business >= 5亿}]\n"
	    "        amount: 20万\n"
	    "      - label: {zh: 10亿元, en: 10亿}\n"
	    "        basis: fixed\n"
	    "        project: revenue-year\n"
	    "        when: [{says: {zh: 达到10亿元, en: 10亿 reached}, test: "
	    "revenue.main_business >= 10亿}]\n"
	    "        amount: 25万\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 600000000}}", "2025-06-30", 1);
	it = item(e, "testcity.milestone");
	assert_true(it->eligible);
	assert_int_equal(it->parts.n, 2);
	assert_string_equal(part(it, "3亿")->project, "revenue-year");
	assert_true(part(it, "3亿")->set_aside);
	assert_false(part(it, "5亿")->set_aside);
	assert_int_equal(it->amount, 20 * WAN);
	assert_int_equal(e->res.total_amount, 20 * WAN);

	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"revenue\": {\"main_business\": 1200000000}}", "2025-06-30", 1);
	it = item(e, "testcity.milestone");
	assert_int_equal(it->parts.n, 3);
	assert_true(part(it, "3亿")->set_aside);
	assert_true(part(it, "5亿")->set_aside);
	assert_false(part(it, "10亿")->set_aside);
	assert_int_equal(it->amount, 25 * WAN);
}

static void
calc_should_set_aside_across_programs_of_one_group(void **state)
{
	struct env *e = *state;
	const struct ais_item *small, *large, *other;

	use_rules(e,
	    "  - id: testcity.small\n"
	    "    title: {zh: 小, en: Small}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    same_project: once\n"
	    "    awards:\n"
	    "      - {basis: fixed, project: lab, amount: 10万}\n"
	    "  - id: testcity.large\n"
	    "    title: {zh: 大, en: Large}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    same_project: once\n"
	    "    awards:\n"
	    "      - {basis: fixed, project: lab, amount: 20万}\n"
	    "  - id: testcity.other_group\n"
	    "    title: {zh: 他, en: Other group}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    same_project: stack\n"
	    "    awards:\n"
	    "      - {basis: fixed, project: lab, amount: 5万}\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	small = item(e, "testcity.small");
	large = item(e, "testcity.large");
	other = item(e, "testcity.other_group");
	assert_non_null(small->parts.v[0].set_aside);
	assert_reason(small, "set aside:");
	assert_null(large->parts.v[0].set_aside);
	assert_null(other->parts.v[0].set_aside);
	assert_int_equal(large->amount, 20 * WAN);
	assert_int_equal(other->amount, 5 * WAN);
	/* the item set aside pays nothing, and has a figure: nothing */
	assert_true(small->eligible);
	assert_int_equal(small->basis, AIS_BASIS_FIXED);
	assert_true(small->has_amount);
	assert_int_equal(small->amount, 0);
	assert_int_equal(e->res.total_amount, 25 * WAN);
	assert_int_equal(e->res.total_up_to, 25 * WAN);
	assert_int_equal(e->res.total_unquantified, 0);
}

/* ---- dated terms ---- */

static void
calc_should_use_the_term_in_force_on_the_claim_date(void **state)
{
	struct env *e = *state;
	static const char json[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"revenue\": {\"main_business\": 1000000}}";
	const struct ais_item *it;
	size_t i;
	int found = 0;

	use_rules(e,
	    "  - id: testcity.dated\n"
	    "    title: {zh: 变更, en: Dated}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"
	    "          - from: 2024-01-01\n"
	    "            until: 2024-12-31\n"
	    "            value: 10%\n"
	    "          - from: 2025-01-01\n"
	    "            value: 20%\n");
	calc(e, json, "2024-12-31", 1);
	it = item(e, "testcity.dated");
	assert_int_equal(it->amount, 10 * WAN);
	assert_int_equal(ais_dec_cmp(it->parts.v[0].rate, ais_dec_make(10, 2)),
	    0);
	for (i = 0; i < it->terms.n; i++)
		if (strcmp(it->terms.v[i].term, "rate") == 0) {
			found = 1;
			assert_true(it->terms.v[i].dated);
			assert_int_equal(it->terms.v[i].version->from,
			    day("2024-01-01"));
			assert_term_value(&it->terms.v[i], "10%");
		}
	assert_true(found);

	calc(e, json, "2025-01-01", 1);
	it = item(e, "testcity.dated");
	assert_int_equal(it->amount, 20 * WAN);
	found = 0;
	for (i = 0; i < it->terms.n; i++)
		if (strcmp(it->terms.v[i].term, "rate") == 0) {
			found = 1;
			assert_int_equal(it->terms.v[i].version->from,
			    day("2025-01-01"));
			assert_term_value(&it->terms.v[i], "20%");
		}
	assert_true(found);
}

static void
calc_should_not_apply_an_award_whose_term_has_ended(void **state)
{
	struct env *e = *state;
	static const char json[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"revenue\": {\"main_business\": 1000000}}";
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.ending\n"
	    "    title: {zh: 终止, en: Ending}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"
	    "          - from: 2024-01-01\n"
	    "            until: 2024-12-31\n"
	    "            value: 10%\n"
	    "          - from: 2025-01-01\n"
	    "            ended: true\n");
	calc(e, json, "2024-12-31", 1);
	it = item(e, "testcity.ending");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 10 * WAN);

	calc(e, json, "2025-02-01", 1);
	it = item(e, "testcity.ending");
	assert_false(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_int_equal(it->parts.n, 0);
	assert_reason(it, "rate ended on 2025-01-01, before the claim date "
	    "2025-02-01");
	assert_reason(it, "no award of this program applies");
	assert_int_equal(e->res.total_amount, 0);
}

static void
calc_should_not_meet_a_condition_not_in_force(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.late\n"
	    "    title: {zh: 后, en: Late}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    conditions:\n"
	    "      - says: {zh: 自2025年起的任何企业, en: \"any enterprise, from 2025\"}\n"
	    "        test:\n"
	    "          - from: 2025-01-01\n"
	    "            value: kind == \"enterprise\"\n"
	    "    awards:\n"
	    "      - basis: unquantified\n");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2024-06-30", 1);
	it = item(e, "testcity.late");
	assert_false(it->eligible);
	assert_reason(it, "condition is not in force on 2024-06-30");
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	assert_true(item(e, "testcity.late")->eligible);
}

/* ---- location ---- */

static void
use_three(struct env *e)
{
	size_t a = strlen(CITY_HEAD), b = strlen(BASES);
	char *city = malloc(a + b + 1);

	assert_non_null(city);
	memcpy(city, CITY_HEAD, a);
	memcpy(city + a, BASES, b + 1);
	use_files(e, "rules/testprov.yaml", PROVINCE,
	    "rules/testcity.yaml", city,
	    "rules/othercity.yaml", OTHER_CITY, (const char *)NULL);
	free(city);
}

static void
calc_should_evaluate_the_city_and_its_province(void **state)
{
	struct env *e = *state;

	use_three(e);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	/* the five city programs, then the province's, in file order */
	assert_int_equal(e->res.items.n, 6);
	assert_string_equal(e->res.items.v[0].program->id, "testcity.fixed");
	assert_string_equal(e->res.items.v[5].program->id, "testprov.grant");
	assert_true(item(e, "testprov.grant")->eligible);
	assert_int_equal(item(e, "testprov.grant")->amount, 5 * WAN);
	assert_int_equal(e->res.warnings.n, 0);

	/* the province, given and agreeing */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"province\": \"testprov\"}", "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 6);

	/* the province alone: its cities' programs are not looked at */
	calc(e, "{\"kind\": \"enterprise\", \"province\": \"testprov\"}",
	    "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 1);
	assert_string_equal(e->res.items.v[0].program->id, "testprov.grant");
	assert_int_equal(e->res.warnings.n, 1);
	assert_string_equal(e->res.warnings.v[0], "$.city: not given; only the "
	    "programs of testprov apply (give a city for its own programs)");

	/* a city the rules do not know, in a province they do */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"mianyang\", "
	    "\"province\": \"testprov\"}", "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 1);
	assert_int_equal(e->res.warnings.n, 1);
	assert_string_equal(e->res.warnings.v[0], "$.city: \"mianyang\" is not "
	    "in the rules; only the programs of testprov apply");

	/* a city whose province is not in the rules */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"othercity\"}",
	    "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 1);
	assert_string_equal(e->res.items.v[0].program->id, "othercity.grant");
	assert_int_equal(e->res.total_up_to, 7 * WAN);
}

static void
calc_should_reject_a_province_that_contradicts_the_city(void **state)
{
	struct env *e = *state;

	use_three(e);
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"province\": \"otherprov\"}", "2025-06-30", 1,
	    NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_string_equal(e->err.path, "$.province");
	assert_string_equal(e->err.msg, "\"otherprov\" contradicts the city "
	    "\"testcity\", which is in testprov");

	/* the same, with the short mode */
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"province\": \"guangdong\"}", "2025-06-30", 0,
	    NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_string_equal(e->err.path, "$.province");
}

static void
calc_should_warn_about_an_unknown_city(void **state)
{
	struct env *e = *state;

	use_three(e);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"nowhere\"}",
	    "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 0);
	assert_int_equal(e->res.warnings.n, 1);
	assert_string_equal(e->res.warnings.v[0], "$.city: no rules for "
	    "\"nowhere\"; no program applies");
	assert_int_equal(e->res.total_amount, 0);
	assert_int_equal(e->res.total_up_to, 0);
	assert_int_equal(e->res.total_unquantified, 0);

	calc(e, "{\"kind\": \"enterprise\"}", "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 0);
	assert_int_equal(e->res.warnings.n, 1);
	assert_string_equal(e->res.warnings.v[0], "$.city: not given; no "
	    "program applies (give a city, or --jurisdiction)");
}

/* Evaluates json on 2025-06-30 and checks that it gives the one warning
 * w (and, when w2 is not NULL, a second). */
static void
assert_warnings(struct env *e, const char *json, const char *w,
	const char *w2)
{
	calc(e, json, "2025-06-30", 1);
	assert_int_equal(e->res.warnings.n, w2 ? 2 : 1);
	assert_string_equal(e->res.warnings.v[0], w);
	if (w2)
		assert_string_equal(e->res.warnings.v[1], w2);
}

static void
calc_should_hint_the_id_of_a_city_written_otherwise(void **state)
{
	struct env *e = *state;

	use_three(e);
	/* in other case, or its English name */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"Testcity\"}",
	    "$.city: no rules for \"Testcity\" (did you mean \"testcity\"?); "
	    "no program applies", NULL);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"TESTCITY\"}",
	    "$.city: no rules for \"TESTCITY\" (did you mean \"testcity\"?); "
	    "no program applies", NULL);
	/* its Chinese name, whole or without 市 */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"测试市\"}",
	    "$.city: no rules for \"测试市\" (write \"testcity\"); no program "
	    "applies", NULL);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"测试\"}",
	    "$.city: no rules for \"测试\" (write \"testcity\"); no program "
	    "applies", NULL);
	/* a typo */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"testcty\"}",
	    "$.city: no rules for \"testcty\" (did you mean \"testcity\"?); "
	    "no program applies", NULL);
	/* nothing like any: no hint */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"nowhere\"}",
	    "$.city: no rules for \"nowhere\"; no program applies", NULL);
	/* a part of a name is not the name */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"测\"}",
	    "$.city: no rules for \"测\"; no program applies", NULL);
	/* a known province: its programs, and the hint */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"测试市\", "
	    "\"province\": \"testprov\"}", "$.city: \"测试市\" is not in the "
	    "rules (write \"testcity\"); only the programs of testprov apply",
	    NULL);
	assert_int_equal(e->res.items.n, 1);
}

/* The hint of an unknown place is kept from one profile to the next (a
 * batch of one unknown city looks for it once): the same place again
 * gives the same hint, another place its own, and another rule set its
 * own, never the hint of the last. */
static void
calc_should_hint_each_place_as_if_for_the_first_time(void **state)
{
	struct env *e = *state;
	static const char typo[] = "$.city: no rules for \"testcty\" (did you "
	    "mean \"testcity\"?); no program applies";

	use_three(e);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"testcty\"}",
	    typo, NULL);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"testcty\"}",
	    typo, NULL);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"nowhere\"}",
	    "$.city: no rules for \"nowhere\"; no program applies", NULL);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"testcty\"}",
	    typo, NULL);
	/* a place that is a prefix of the last one is another place */
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"testc\"}",
	    "$.city: no rules for \"testc\" (did you mean \"testcity\"?); "
	    "no program applies", NULL);
	/* another rule set, whose only city is othercity: the same place
	 * hints it, not testcity */
	use_files(e, "rules/othercity.yaml", OTHER_CITY, (const char *)NULL);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcty\"}",
	    "2025-06-30", 1);
	assert_true(e->res.warnings.n >= 1);
	assert_null(strstr(e->res.warnings.v[0], "testcity"));
}

static void
calc_should_hint_the_id_of_a_province_written_otherwise(void **state)
{
	struct env *e = *state;

	use_three(e);
	assert_warnings(e, "{\"kind\": \"enterprise\", \"province\": \"测试省\"}",
	    "$.city: not given; no program applies (give a city, or "
	    "--jurisdiction)", "$.province: no rules for \"测试省\" (write "
	    "\"testprov\")");
	assert_warnings(e, "{\"kind\": \"enterprise\", \"province\": \"测试\"}",
	    "$.city: not given; no program applies (give a city, or "
	    "--jurisdiction)", "$.province: no rules for \"测试\" (write "
	    "\"testcity\")");
	assert_warnings(e, "{\"kind\": \"enterprise\", \"city\": \"nowhere\", "
	    "\"province\": \"Testprov\"}", "$.city: no rules for \"nowhere\"; no "
	    "program applies", "$.province: no rules for \"Testprov\" (did you "
	    "mean \"testprov\"?)");
	assert_int_equal(e->res.items.n, 0);
}

static const char INCOMPLETE[] =
	"  - id: testcity.needs_ai\n"
	"    title: {zh: 人工智能企业, en: AI enterprise}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 属于人工智能企业, en: an AI enterprise}\n"
	"        test: ai_enterprise\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 10万\n"
	"  - id: testcity.ai_startup\n"
	"    title: {zh: 初创, en: AI startup}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    conditions:\n"
	"      - says: {zh: 属于人工智能企业, en: an AI enterprise}\n"
	"        test: ai_enterprise\n"
	"      - says: {zh: 初创企业, en: a startup}\n"
	"        test: startup\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 10万\n"
	"  - id: testcity.tiers\n"
	"    title: {zh: 分档, en: Tiers}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - label: {zh: 大, en: big}\n"
	"        basis: fixed\n"
	"        when:\n"
	"          - says: {zh: 收入1亿元以上, en: revenue of 1亿 or more}\n"
	"            test: revenue.main_business >= 1亿 and revenue.ai_share >= 60%\n"
	"        amount: 20万\n"
	"      - label: {zh: 初创, en: startup}\n"
	"        basis: fixed\n"
	"        when:\n"
	"          - says: {zh: 初创企业, en: a startup}\n"
	"            test: startup\n"
	"        amount: 10万\n"
	"  - id: testcity.share\n"
	"    title: {zh: 比例, en: Share}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: formula\n"
	"        base: revenue.main_business\n"
	"        rate: 10%\n"
	"  - id: testcity.universities\n"
	"    title: {zh: 高校, en: Universities}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    applicants: [university]\n"
	"    conditions:\n"
	"      - says: {zh: 属于人工智能企业, en: an AI enterprise}\n"
	"        test: ai_enterprise\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 1000万\n";

static void
assert_missing(const struct ais_item *it, const char *a, const char *b)
{
	assert_false(it->eligible);
	assert_true(it->incomplete);
	assert_int_equal(it->nmissing, b ? 2 : 1);
	assert_string_equal(it->missing[0], a);
	if (b)
		assert_string_equal(it->missing[1], b);
}

static void
calc_should_tell_an_incomplete_item_the_fields_to_give(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, INCOMPLETE);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	/* an unknown bool with no default the only blocker */
	assert_missing(item(e, "testcity.needs_ai"), "ai_enterprise", NULL);
	/* startup is false: decided, whatever ai_enterprise is */
	it = item(e, "testcity.ai_startup");
	assert_false(it->eligible);
	assert_false(it->incomplete);
	assert_int_equal(it->nmissing, 0);
	/* one award not met (startup), another unknown: the fields of the
	 * unknown one, each once, in order */
	assert_missing(item(e, "testcity.tiers"), "revenue.main_business",
	    "revenue.ai_share");
	/* a base not given */
	assert_missing(item(e, "testcity.share"), "revenue.main_business",
	    NULL);
	/* not an applicant: decided */
	it = item(e, "testcity.universities");
	assert_false(it->incomplete);

	/* given, they decide */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"ai_enterprise\": false, \"revenue\": {\"main_business\": "
	    "200000000}}",
	    "2025-06-30", 1);
	assert_false(item(e, "testcity.needs_ai")->incomplete);
	assert_false(item(e, "testcity.share")->incomplete);
	assert_true(item(e, "testcity.share")->eligible);
	/* one field given (and met), the other still missing */
	assert_missing(item(e, "testcity.tiers"), "revenue.ai_share", NULL);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"ai_enterprise\": true}", "2025-06-30", 1);
	it = item(e, "testcity.needs_ai");
	assert_true(it->eligible);
	assert_false(it->incomplete);

	/* out of force: decided */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2026-06-30", 1);
	assert_false(item(e, "testcity.needs_ai")->incomplete);
	/* the short mode keeps no record, so no missing fields */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 0);
	assert_false(item(e, "testcity.needs_ai")->incomplete);
}

static const char ROUNDS[] =
	"  - id: testcity.rounds\n"
	"    title: {zh: 轮次, en: Rounds}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 1万\n"
	"    guide:\n"
	"      window:\n"
	"        - {from: 2025-09-01, until: 2025-09-30}\n"
	"        - {from: 2025-03-01, until: 2025-03-31}\n"
	"        - {from: 2025-12-01, until: 2026-01-31}\n"
	"  - id: testcity.plain\n"
	"    title: {zh: 定额, en: Plain}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 1万\n"
	"  - id: testcity.never\n"
	"    title: {zh: 无, en: Never}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    applicants: [university]\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        amount: 1万\n";

/* The due of program id on as_of: "YYYY-MM-DD by N" or "none". */
static void
assert_due(struct env *e, const char *id, const char *as_of,
	const char *last, enum ais_due_by by, int days)
{
	const struct ais_item *it;

	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}", as_of,
	    1);
	it = item(e, id);
	if (!last) {
		assert_false(it->has_due);
		return;
	}
	assert_true(it->eligible);
	assert_true(it->has_due);
	assert_int_equal(it->last_day, day(last));
	assert_int_equal(it->due_by, by);
	assert_int_equal(it->last_day - day(as_of), days);
}

static void
calc_should_give_the_last_day_of_claims(void **state)
{
	struct env *e = *state;

	use_files(e, "rules/testprov.yaml", PROVINCE, (const char *)NULL);
	/* valid until replaced, no rounds: no last day */
	calc(e, "{\"kind\": \"enterprise\", \"province\": \"testprov\"}",
	    "2025-06-30", 1);
	assert_true(item(e, "testprov.grant")->eligible);
	assert_false(item(e, "testprov.grant")->has_due);

	use_rules(e, ROUNDS);
	/* the validity's end */
	assert_due(e, "testcity.plain", "2025-06-30", "2025-12-31",
	    AIS_DUE_VALIDITY, 184);
	assert_due(e, "testcity.plain", "2025-12-31", "2025-12-31",
	    AIS_DUE_VALIDITY, 0);
	/* before a round: its end (the rounds in any order) */
	assert_due(e, "testcity.rounds", "2025-01-15", "2025-03-31",
	    AIS_DUE_WINDOW, 75);
	/* its first day, its last */
	assert_due(e, "testcity.rounds", "2025-03-01", "2025-03-31",
	    AIS_DUE_WINDOW, 30);
	assert_due(e, "testcity.rounds", "2025-03-31", "2025-03-31",
	    AIS_DUE_WINDOW, 0);
	/* the day after: the next round */
	assert_due(e, "testcity.rounds", "2025-04-01", "2025-09-30",
	    AIS_DUE_WINDOW, 182);
	/* a round that ends after the validity: the validity */
	assert_due(e, "testcity.rounds", "2025-10-01", "2025-12-31",
	    AIS_DUE_VALIDITY, 91);
	assert_due(e, "testcity.rounds", "2025-12-15", "2025-12-31",
	    AIS_DUE_VALIDITY, 16);
	/* an ineligible item has none */
	assert_due(e, "testcity.never", "2025-06-30", NULL, AIS_DUE_VALIDITY,
	    0);
	/* the short mode too */
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 0);
	assert_true(item(e, "testcity.plain")->has_due);
}

static void
calc_should_keep_the_profile_warnings(void **state)
{
	struct env *e = *state;

	use_three(e);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"startp\": true}", "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 6);
	assert_int_equal(e->res.warnings.n, 1);
	assert_non_null(strstr(e->res.warnings.v[0], "$.startp"));
}

static void
calc_should_evaluate_the_jurisdictions_asked_for(void **state)
{
	struct env *e = *state;
	static const char *const other[] = { "othercity" };
	static const char *const city[] = { "testcity" };
	static const char *const both[] = { "othercity", "testprov" };

	use_three(e);
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\"}", "2025-06-30", 1, other, 1), 0);
	assert_int_equal(e->res.items.n, 1);
	assert_string_equal(e->res.items.v[0].program->id, "othercity.grant");

	/* a city asked for brings its province */
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"othercity\"}", "2025-06-30", 1, city, 1), 0);
	assert_int_equal(e->res.items.n, 6);
	assert_string_equal(e->res.items.v[5].program->id, "testprov.grant");

	/* several, in rule-file order whatever the order asked */
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\"}",
	    "2025-06-30", 1, both, 2), 0);
	assert_int_equal(e->res.items.n, 2);
	assert_string_equal(e->res.items.v[0].program->id, "othercity.grant");
	assert_string_equal(e->res.items.v[1].program->id, "testprov.grant");
	assert_int_equal(e->res.warnings.n, 0);

	/* the override also passes over a contradicting province */
	assert_int_equal(calc_opts(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"province\": \"otherprov\"}", "2025-06-30", 1,
	    other, 1), 0);
	assert_int_equal(e->res.items.n, 1);
}

/* ---- the short mode ---- */

/* Evaluates json with and without explain, which must agree. */
static void
check_same_without_explain(struct env *e, const char *json,
	const char *as_of)
{
	struct ais_result full;
	struct ais_error err;
	struct ais_calc_opts o;
	size_t i, k;

	memset(&o, 0, sizeof o);
	o.as_of = day(as_of);
	o.explain = 1;
	ais_result_init(&full);
	memset(&err, 0, sizeof err);
	if (ais_profile_read(&e->p, e->r, json, strlen(json), &err) != 0)
		fail_msg("profile rejected: %s: %s", err.path, err.msg);
	assert_int_equal(ais_calc(e->r, &e->p, &o, &full, &err), 0);
	o.explain = 0;
	assert_int_equal(ais_calc(e->r, &e->p, &o, &e->res, &err), 0);

	assert_true(full.items.n > 0);
	assert_int_equal(e->res.items.n, full.items.n);
	assert_int_equal(e->res.total_amount, full.total_amount);
	assert_int_equal(e->res.total_up_to, full.total_up_to);
	assert_int_equal(e->res.total_unquantified, full.total_unquantified);
	for (i = 0; i < full.items.n; i++) {
		const struct ais_item *a = &full.items.v[i];
		const struct ais_item *b = &e->res.items.v[i];

		assert_ptr_equal(a->program, b->program);
		assert_int_equal(a->eligible, b->eligible);
		assert_int_equal(a->basis, b->basis);
		assert_int_equal(a->has_amount, b->has_amount);
		assert_int_equal(a->has_up_to, b->has_up_to);
		assert_int_equal(a->amount, b->amount);
		assert_int_equal(a->up_to, b->up_to);
		assert_int_equal(a->capped, b->capped);
		assert_int_equal(b->steps.n, 0);
		assert_int_equal(b->terms.n, 0);
		if (!a->eligible)
			continue;
		assert_int_equal(a->parts.n, b->parts.n);
		for (k = 0; k < a->parts.n; k++) {
			assert_ptr_equal(a->parts.v[k].award,
			    b->parts.v[k].award);
			assert_ptr_equal(a->parts.v[k].entry,
			    b->parts.v[k].entry);
			assert_int_equal(a->parts.v[k].amount,
			    b->parts.v[k].amount);
			assert_int_equal(a->parts.v[k].up_to, b->parts.v[k].up_to);
			assert_int_equal(a->parts.v[k].capped,
			    b->parts.v[k].capped);
			assert_int_equal(a->parts.v[k].set_aside,
			    b->parts.v[k].set_aside);
		}
	}
	ais_result_release(&full);
}

static void
calc_should_compute_the_same_amounts_without_explain(void **state)
{
	struct env *e = *state;

	use_rules(e, BASES);
	check_same_without_explain(e, BASES_PROFILE, "2025-06-30");
	check_same_without_explain(e, BASES_PROFILE, "2026-06-30");
	use_rules(e, TWO_CAPS);
	check_same_without_explain(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"revenue\": {\"main_business\": 20000000, "
	    "\"prior_max\": 6000000}}", "2025-06-30");
	use_rules(e, FIRST_VERSION);
	check_same_without_explain(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"software_products\": ["
	    "{\"id\": \"sw-1\", \"role\": \"both\", \"rd_expenditure\": "
	    "8000000, \"contract_executed\": 5000000},"
	    "{\"id\": \"sw-2\", \"role\": \"adopter\", "
	    "\"contract_executed\": 1000000}]}", "2025-06-30");
	use_rules(e, CONDITIONS);
	check_same_without_explain(e, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"startup\": true}", "2025-06-30");
}

/* ---- overflow ---- */

static void
calc_should_report_an_overflow_not_wrap(void **state)
{
	struct env *e = *state;
	static const char json[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"revenue\": {\"main_business\": "
	    "90000000000000000}}";

	use_rules(e,
	    "  - id: testcity.huge\n"
	    "    title: {zh: 巨大, en: Huge}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: 200\n");
	assert_int_equal(calc_opts(e, json, "2025-06-30", 1, NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_string_equal(e->err.path, "$");
	assert_non_null(strstr(e->err.msg, "testcity.huge"));
	assert_non_null(strstr(e->err.msg, "too large"));
	assert_int_equal(calc_opts(e, json, "2025-06-30", 0, NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_non_null(strstr(e->err.msg, "too large"));
}

static void
calc_should_report_an_overflowing_total(void **state)
{
	struct env *e = *state;
	static const char json[] = "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"revenue\": {\"main_business\": "
	    "90000000000000000}}";

	/* each item fits an int64_t of fen (9e18), their sum does not */
	use_rules(e,
	    "  - id: testcity.one\n"
	    "    title: {zh: 一, en: One}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - {basis: formula, base: revenue.main_business}\n"
	    "  - id: testcity.two\n"
	    "    title: {zh: 二, en: Two}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - {basis: formula, base: revenue.main_business}\n");
	assert_int_equal(calc_opts(e, json, "2025-06-30", 1, NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_non_null(strstr(e->err.msg, "too large"));
}

/* ---- one result, many calculations ---- */

static void
calc_should_reuse_one_result_for_many_profiles(void **state)
{
	struct env *e = *state;
	char json[256];
	int i;

	use_three(e);
	for (i = 0; i < 200; i++) {
		const struct ais_item *it;

		switch (i % 4) {
		case 0:
			snprintf(json, sizeof json, "{\"kind\": \"enterprise\", "
			    "\"city\": \"testcity\", \"revenue\": "
			    "{\"main_business\": %d}}", (i + 1) * 1000);
			calc(e, json, "2025-06-30", i % 8 == 0);
			assert_int_equal(e->res.items.n, 6);
			it = item(e, "testcity.formula");
			assert_int_equal(it->amount, (int64_t)(i + 1) * 10000);
			assert_int_equal(e->res.total_amount,
			    35 * WAN + (int64_t)(i + 1) * 10000);
			break;
		case 1:
			calc(e, "{\"kind\": \"enterprise\", \"city\": "
			    "\"nowhere\"}", "2025-06-30", 1);
			assert_int_equal(e->res.items.n, 0);
			assert_int_equal(e->res.warnings.n, 1);
			break;
		case 2:
			assert_int_equal(calc_opts(e, "{\"kind\": "
			    "\"enterprise\", \"city\": \"testcity\", "
			    "\"province\": \"otherprov\"}", "2025-06-30", 1,
			    NULL, 0), -1);
			break;
		default:
			calc(e, "{\"kind\": \"university\", \"city\": "
			    "\"othercity\"}", "2025-06-30", 1);
			assert_int_equal(e->res.items.n, 1);
			assert_int_equal(e->res.warnings.n, 0);
			assert_int_equal(e->res.total_up_to, 7 * WAN);
			break;
		}
	}
}

static void
result_release_should_allow_a_new_start(void **state)
{
	struct env *e = *state;

	use_rules(e, BASES);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	ais_result_release(&e->res);
	assert_int_equal(e->res.items.n, 0);
	assert_null(e->res.items.v);
	calc(e, BASES_PROFILE, "2025-06-30", 1);
	assert_int_equal(e->res.items.n, 5);
	assert_int_equal(e->res.total_amount, 35 * WAN);
}


/* ---- the claims ledger: caps that accumulate, once per contract ---- */

static const char LEDGER[] =
	"  - id: testcity.annual\n"
	"    title: {zh: 年度, en: Annual}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: formula\n"
	"        base: revenue.main_business\n"
	"        cap: {value: 100万, per: year}\n"
	"  - id: testcity.total\n"
	"    title: {zh: 累计, en: Total}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: fixed\n"
	"        each: standards_led\n"
	"        amount: 40万\n"
	"    cap: {value: 100万, per: cumulative}\n"
	"  - id: testcity.once\n"
	"    title: {zh: 合同, en: Once}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: formula\n"
	"        base: sum(compute_purchases where not awarded(item.contract),"
	" item.amount)\n";

/* A profile asking 200万 of the annual, 3 × 40万 of the cumulative, and
 * 10 + 20 of the contracts, with prior awards appended. */
#define LEDGER_PROFILE(priors) \
	"{\"kind\": \"enterprise\", \"city\": \"testcity\", " \
	"\"revenue\": {\"main_business\": 2000000}, " \
	"\"standards_led\": [{\"level\": \"national\"}, {\"level\": " \
	"\"national\"}, {\"level\": \"industry\"}], " \
	"\"compute_purchases\": [{\"id\": \"cp-1\", \"amount\": 10, " \
	"\"contract\": \"C-1\"}, {\"id\": \"cp-2\", \"amount\": 20, " \
	"\"contract\": \"C-2\"}], \"prior_awards\": [" priors "]}"

/* The reasons of it in Chinese, one a line. */
static const char *
reasons_zh(const struct ais_item *it)
{
	size_t i;

	ais_buf_reset(&said_buf);
	ais_buf_add(&said_buf, "", 0);
	for (i = 0; i < it->steps.n; i++) {
		ais_step_narrate(cur_res, it, &it->steps.v[i], AIS_LANG_ZH,
		    &said_buf);
		ais_buf_addc(&said_buf, '\n');
	}
	return said_buf.p;
}

static void
calc_should_hold_a_claim_to_what_is_left_of_an_annual_cap(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_ledger *lg;

	use_rules(e, LEDGER);
	calc(e, LEDGER_PROFILE(
	    "{\"id\": \"y\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-03-01\", \"amount\": 400000},"
	    "{\"id\": \"ly\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2024-12-31\", \"amount\": 500000},"
	    "{\"id\": \"o\", \"program\": \"testcity.total\", \"date\": "
	    "\"2025-03-01\", \"amount\": 900000},"
	    "{\"id\": \"late\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-07-01\", \"amount\": 100000}"), "2025-06-30", 1);
	it = item(e, "testcity.annual");
	assert_true(it->eligible);
	assert_int_equal(it->parts.v[0].raw, 200 * WAN);
	assert_int_equal(it->amount, 60 * WAN);
	assert_true(it->parts.v[0].capped);
	assert_true(it->parts.v[0].has_ledger);
	assert_int_equal(it->parts.v[0].cap, 60 * WAN);
	assert_int_equal(it->ledgers.n, 1);
	lg = &it->ledgers.v[0];
	assert_int_equal(lg->version->per, AIS_PER_YEAR);
	assert_int_equal(lg->year, 2025);
	assert_int_equal(lg->cap, 100 * WAN);
	assert_int_equal(lg->prior, 40 * WAN);
	assert_int_equal(lg->remaining, 60 * WAN);
	assert_int_equal(lg->npriors, 3);	/* not the other program's */
	assert_int_equal(lg->priors[0].why, AIS_PRIOR_COUNTED);
	assert_int_equal(lg->priors[1].why, AIS_PRIOR_OTHER_YEAR);
	assert_int_equal(lg->priors[2].why, AIS_PRIOR_AFTER_AS_OF);
	assert_reason(it, "annual cap 1000000: 400000 already paid in 2025 "
	    "(y); 600000 remains");
	assert_reason(it, "left out: ly (2024-12-31, 500000) was paid in "
	    "2024, not in 2025");
	assert_reason(it, "left out: late (2025-07-01, 100000) is dated "
	    "after the claim date 2025-06-30");
	assert_reason(it, "capped at 600000, what remains of the annual cap");
	assert_non_null(strstr(reasons_zh(it), "每年累计不超过100万元：2025年"
	    "已获40万元（y），尚余60万元"));
	assert_non_null(strstr(reasons_zh(it), "超过每年累计上限的剩余额度，"
	    "按60万元封顶"));
	/* the cumulative program counts its 2025 award */
	it = item(e, "testcity.total");
	assert_int_equal(it->sum, 120 * WAN);
	assert_int_equal(it->amount, 10 * WAN);
	assert_true(it->capped);
	assert_true(it->has_ledger);
	assert_int_equal(it->cap, 10 * WAN);
	assert_int_equal(it->ledgers.v[it->ledger].prior, 90 * WAN);
	assert_reason(it, "the program's cumulative cap 1000000: 900000 "
	    "already paid (o); 100000 remains");
	assert_reason(it, "the program pays at most 100000 more, what remains "
	    "of its cumulative cap: capped");
	assert_int_equal(e->res.total_amount, 70 * WAN + 30 * 100);
	/* the short mode holds the claim to the same figure, and keeps the
	 * ledger's sums but not its awards */
	calc(e, LEDGER_PROFILE(
	    "{\"id\": \"y\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-03-01\", \"amount\": 400000}"), "2025-06-30", 0);
	it = item(e, "testcity.annual");
	assert_int_equal(it->amount, 60 * WAN);
	assert_int_equal(it->ledgers.v[0].prior, 40 * WAN);
	assert_int_equal(it->ledgers.v[0].npriors, 0);
	assert_int_equal(it->steps.n, 0);
}

static void
calc_should_pay_nothing_once_an_accumulating_cap_is_used_up(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, LEDGER);
	/* exactly used up */
	calc(e, LEDGER_PROFILE(
	    "{\"id\": \"a\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-01-01\", \"amount\": 600000},"
	    "{\"id\": \"b\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-06-30\", \"amount\": 400000}"), "2025-06-30", 1);
	it = item(e, "testcity.annual");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_true(it->has_amount);
	assert_true(it->parts.v[0].capped);
	assert_int_equal(it->ledgers.v[0].remaining, 0);
	assert_reason(it, "annual cap 1000000: 1000000 already paid in 2025 "
	    "(a, b); the cap is used up");
	assert_reason(it, "the annual cap is used up: nothing more is paid");
	assert_non_null(strstr(reasons_zh(it), "额度已用完"));
	assert_non_null(strstr(reasons_zh(it), "每年累计上限已用完，不再支持"));
	/* more than used up: still nothing, never less */
	calc(e, LEDGER_PROFILE(
	    "{\"program\": \"testcity.total\", \"date\": \"2020-01-01\", "
	    "\"amount\": 1500000}"), "2025-06-30", 1);
	it = item(e, "testcity.total");
	assert_true(it->eligible);
	assert_int_equal(it->amount, 0);
	assert_int_equal(it->up_to, 0);
	assert_true(it->capped);
	assert_int_equal(it->ledgers.v[0].prior, 150 * WAN);
	assert_int_equal(it->ledgers.v[0].remaining, 0);
	assert_reason(it, "the program's cumulative cap 1000000: 1500000 "
	    "already paid ($.prior_awards[0]); the cap is used up");
	assert_reason(it, "the program's cumulative cap is used up: nothing "
	    "more is paid");
}

static void
calc_should_leave_caps_as_they_were_without_prior_awards(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e, LEDGER);
	calc(e, LEDGER_PROFILE(""), "2025-06-30", 1);
	it = item(e, "testcity.annual");
	assert_int_equal(it->amount, 100 * WAN);
	assert_int_equal(it->parts.v[0].cap, 100 * WAN);
	assert_reason(it, "annual cap 1000000: nothing paid yet in 2025; "
	    "1000000 remains");
	assert_non_null(strstr(reasons_zh(it), "每年累计不超过100万元：2025年"
	    "尚未获得支持，尚余100万元"));
	assert_reason(it, "capped at 1000000, what remains of the annual cap");
	it = item(e, "testcity.total");
	assert_int_equal(it->amount, 100 * WAN);
	assert_reason(it, "the program's cumulative cap 1000000: nothing paid "
	    "yet; 1000000 remains");
	assert_int_equal(e->res.warnings.n, 0);
}

static void
calc_should_count_a_contract_once(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	size_t i, n = 0;

	use_rules(e, LEDGER);
	calc(e, LEDGER_PROFILE(
	    "{\"id\": \"pc\", \"program\": \"testcity.once\", \"date\": "
	    "\"2025-01-01\", \"amount\": 3, \"contract\": \"C-1\"},"
	    "{\"id\": \"other\", \"program\": \"testcity.annual\", \"date\": "
	    "\"2025-01-01\", \"amount\": 3, \"contract\": \"C-2\"}"),
	    "2025-06-30", 1);
	it = item(e, "testcity.once");
	assert_int_equal(it->amount, 20 * 100);
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];

		if (s->kind != AIS_STEP_ENTRY)
			continue;
		n++;
		if (s->outcome == AIS_NOT_MET)
			assert_ptr_equal(s->awarded,
			    &e->p.root.v[ais_schema_find(e->p.root.schema,
			    "prior_awards", 12)].u.list->items[0]);
		else
			assert_null(s->awarded);
	}
	assert_int_equal(n, 2);
	assert_reason(it, "not counted: cp-1 (needs not awarded(item.contract); "
	    "contract = \"C-1\"; contract \"C-1\" already paid by pc "
	    "(2025-01-01))");
	assert_non_null(strstr(reasons_zh(it), "合同“C-1”已获pc支持"
	    "（2025-01-01）"));
}

static void
calc_should_warn_of_a_prior_award_of_no_program(void **state)
{
	struct env *e = *state;

	use_rules(e, LEDGER);
	calc(e, LEDGER_PROFILE(
	    "{\"program\": \"testcity.anual\", \"date\": \"2025-01-01\", "
	    "\"amount\": 3}"), "2025-06-30", 0);
	assert_int_equal(e->res.warnings.n, 1);
	assert_string_equal(e->res.warnings.v[0], "$.prior_awards[0].program: "
	    "no program 'testcity.anual' in the rules (did you mean "
	    "testcity.annual?): it counts against nothing");
	assert_int_equal(item(e, "testcity.annual")->amount, 100 * WAN);
}

static void
calc_should_fail_when_prior_awards_add_up_past_an_amount(void **state)
{
	struct env *e = *state;

	use_rules(e, LEDGER);
	assert_int_equal(calc_opts(e, LEDGER_PROFILE(
	    "{\"program\": \"testcity.annual\", \"date\": \"2025-01-01\", "
	    "\"amount\": 92233720368547758},"
	    "{\"program\": \"testcity.annual\", \"date\": \"2025-01-02\", "
	    "\"amount\": 92233720368547758}"), "2025-06-30", 0, NULL, 0), -1);
	assert_int_equal(e->err.status, AIS_EPROFILE);
	assert_string_equal(e->err.msg, "testcity.annual: prior awards too "
	    "large");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

static void
calc_should_name_the_part_a_set_aside_gave_way_to(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	size_t i, k, n = 0;

	use_rules(e, FIRST_VERSION);
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"software_products\": [{\"id\": \"sw-1\", \"certified_first_version\": "
	    "true, \"role\": \"both\", \"rd_expenditure\": 1000000, "
	    "\"contract_executed\": 3000000}]}", "2025-06-30", 1);
	it = item(e, "testcity.first_version");
	for (i = 0; i < it->parts.n; i++) {
		const struct ais_part *p = &it->parts.v[i];

		if (!p->set_aside)
			continue;
		n++;
		/* the winner is a part not set aside, of the same project,
		 * at least as large */
		assert_non_null(p->won_item);
		assert_false(p->won_item->parts.v[p->won_part].set_aside);
		assert_string_equal(p->won_item->parts.v[p->won_part].project,
		    p->project);
		for (k = 0; k < it->steps.n; k++)
			if (it->steps.v[k].kind == AIS_STEP_SET_ASIDE &&
			    it->steps.v[k].part == i)
				break;
		assert_true(k < it->steps.n);
	}
	assert_int_equal(n, 1);
}

/* docs/rules.md "Awards": a formula award with a cap it pays as a rule
 * (原则上) and a ceiling it may reach (最高). */
static const char CEILED[] =
	"  - id: testcity.model\n"
	"    title: {zh: 模型券, en: Model voucher}\n"
	"    document: doc-a\n"
	"    source: src-a\n"
	"    awards:\n"
	"      - basis: formula\n"
	"        base: sum(compute_purchases, item.amount)\n"
	"        rate: 30%\n"
	"        cap: 100万\n"
	"        ceiling: 200万\n";

static const char *
buys(const char *yuan)
{
	static char t[160];

	snprintf(t, sizeof t, "{\"kind\": \"enterprise\", \"city\": "
	    "\"testcity\", \"compute_purchases\": [{\"id\": \"cp-1\", "
	    "\"amount\": %s}]}", yuan);
	return t;
}

static void
calc_should_pay_to_the_cap_and_up_to_the_ceiling(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	const struct ais_part *p;

	use_rules(e, CEILED);
	/* 150万 worked out: 100万 as a rule, up to 150万 */
	calc(e, buys("5000000"), "2025-06-30", 1);
	it = item(e, "testcity.model");
	p = &it->parts.v[0];
	assert_int_equal(p->raw, 150 * WAN);
	assert_int_equal(it->amount, 100 * WAN);
	assert_int_equal(it->up_to, 150 * WAN);
	assert_true(p->capped);
	assert_true(p->has_ceiling);
	assert_int_equal(p->ceiling, 200 * WAN);
	assert_false(p->ceiled);
	assert_reason(it, "amount capped at 1000000 (原则上), up to 1500000");
	assert_non_null(strstr(reasons_zh(it), "原则上按100万元封顶，最高可达"
	    "150万元"));
	assert_int_equal(e->res.total_amount, 100 * WAN);
	assert_int_equal(e->res.total_up_to, 150 * WAN);
	/* 300万 worked out: up to the ceiling itself */
	calc(e, buys("10000000"), "2025-06-30", 1);
	it = item(e, "testcity.model");
	assert_int_equal(it->amount, 100 * WAN);
	assert_int_equal(it->up_to, 200 * WAN);
	assert_true(it->parts.v[0].ceiled);
	assert_reason(it, "amount capped at 1000000 (原则上), up to 2000000, "
	    "the ceiling (最高)");
	/* under the cap, amount and up_to are what was worked out */
	calc(e, buys("2000000"), "2025-06-30", 0);
	it = item(e, "testcity.model");
	assert_int_equal(it->amount, 60 * WAN);
	assert_int_equal(it->up_to, 60 * WAN);
	assert_false(it->parts.v[0].capped);
}

static void
calc_should_hold_the_amount_to_the_ceiling_when_no_cap_is_in_force(
	void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.model\n"
	    "    title: {zh: 模型券, en: Model voucher}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "        rate: 30%\n"
	    "        cap:\n"
	    "          - {from: 2025-07-01, value: 100万}\n"
	    "        ceiling: 200万\n");
	calc(e, buys("10000000"), "2025-06-30", 1);
	it = item(e, "testcity.model");
	assert_false(it->parts.v[0].has_cap);
	assert_int_equal(it->amount, 200 * WAN);
	assert_int_equal(it->up_to, 200 * WAN);
	assert_true(it->parts.v[0].ceiled);
	assert_reason(it, "capped at 2000000, the ceiling (最高)");
	assert_non_null(strstr(reasons_zh(it), "超过最高限额，按200万元封顶"));
	/* from 2025-07-01 the cap holds the amount again */
	calc(e, buys("10000000"), "2025-07-01", 1);
	it = item(e, "testcity.model");
	assert_int_equal(it->amount, 100 * WAN);
	assert_int_equal(it->up_to, 200 * WAN);
}

static void
calc_should_work_out_a_ceiling_from_base_and_rate(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.corpus\n"
	    "    title: {zh: 语料券, en: Corpus voucher}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: ceiling\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "        rate: 30%\n"
	    "  - id: testcity.capped\n"
	    "    title: {zh: 有上限, en: Capped}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: ceiling\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "        rate: 30%\n"
	    "        cap: 50\n");
	/* 333.35 x 30% = 100.005, half up to the fen: 100.01 */
	calc(e, buys("333.35"), "2025-06-30", 1);
	it = item(e, "testcity.corpus");
	assert_true(it->eligible);
	assert_int_equal(it->basis, AIS_BASIS_CEILING);
	assert_false(it->has_amount);
	assert_true(it->has_up_to);
	assert_int_equal(it->up_to, 10001);
	assert_true(it->parts.v[0].has_base);
	assert_reason(it, "up to 333.35 × 30% = 100.01 after review");
	assert_non_null(strstr(reasons_zh(it), "经评审最高333.35元 × 30% = "
	    "100.01元"));
	it = item(e, "testcity.capped");
	assert_int_equal(it->up_to, 5000);
	assert_true(it->parts.v[0].capped);
	assert_reason(it, "capped at 50");
	assert_int_equal(e->res.total_amount, 0);
	assert_int_equal(e->res.total_up_to, 15001);
}

static void
calc_should_apply_an_award_to_its_applicants_only(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;

	use_rules(e,
	    "  - id: testcity.adopt\n"
	    "    title: {zh: 首版次, en: First version}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 研制企业, en: developer}\n"
	    "        basis: fixed\n"
	    "        applicants: [enterprise]\n"
	    "        amount: 10万\n"
	    "        manual_checks:\n"
	    "          - {zh: 研制企业, en: the developer}\n"
	    "      - label: {zh: 应用单位, en: adopter}\n"
	    "        basis: fixed\n"
	    "        applicants: [enterprise, university]\n"
	    "        amount: 5万\n");
	calc(e, "{\"kind\": \"university\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.adopt");
	assert_true(it->eligible);
	assert_int_equal(it->parts.n, 1);
	assert_int_equal(it->amount, 5 * WAN);
	assert_reason(it, "developer: not met: kind = \"university\" (this "
	    "award goes to: enterprise)");
	assert_reason(it, "adopter: met: kind = \"university\" (this award "
	    "goes to: enterprise, university)");
	assert_non_null(strstr(reasons_zh(it), "研制企业：不符合：申请主体类型 "
	    "kind = \"university\"（本项支持仅限：enterprise）"));
	calc(e, "{\"kind\": \"enterprise\", \"city\": \"testcity\"}",
	    "2025-06-30", 0);
	assert_int_equal(item(e, "testcity.adopt")->amount, 15 * WAN);
	/* no award goes to an individual: the program does not apply */
	calc(e, "{\"kind\": \"individual\", \"city\": \"testcity\"}",
	    "2025-06-30", 1);
	it = item(e, "testcity.adopt");
	assert_false(it->eligible);
	assert_reason(it, "no award of this program applies");
}

static void
calc_should_count_entries_from_the_date_the_program_says(void **state)
{
	struct env *e = *state;
	const struct ais_item *it;
	static const char profile[] =
	    "{\"kind\": \"enterprise\", \"city\": \"testcity\", "
	    "\"compute_purchases\": ["
	    "{\"id\": \"cp-1\", \"amount\": 100, \"date\": \"2023-06-01\"},"
	    "{\"id\": \"cp-2\", \"amount\": 200, \"date\": \"2022-12-31\"},"
	    "{\"id\": \"cp-3\", \"amount\": 400, \"date\": \"2024-02-01\"}]}";

	use_rules(e,
	    "  - id: testcity.from\n"
	    "    title: {zh: 有起始日, en: From a date}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: 2023-01-01\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "  - id: testcity.any\n"
	    "    title: {zh: 不限, en: Any date}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: any\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases, item.amount)\n"
	    "  - id: testcity.validity\n"
	    "    title: {zh: 有效期, en: Validity}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: sum(compute_purchases, item.amount)\n");
	calc(e, profile, "2025-06-30", 1);
	it = item(e, "testcity.from");
	assert_int_equal(it->program->entries_from, day("2023-01-01"));
	assert_int_equal(it->amount, 500 * 100);
	assert_reason(it, "not counted: cp-2 (dated before 2023-01-01, the "
	    "earliest date the program counts entries from; date = "
	    "2022-12-31)");
	assert_non_null(strstr(reasons_zh(it), "不计入：cp-2（日期早于本项目"
	    "计入条目的最早日期2023-01-01；date = 2022-12-31）"));
	it = item(e, "testcity.any");
	assert_int_equal(it->program->entries_from, AIS_DATE_MIN);
	assert_int_equal(it->amount, 700 * 100);
	/* the default is still the validity's start, 2024-01-01 */
	it = item(e, "testcity.validity");
	assert_int_equal(it->amount, 400 * 100);
	assert_reason(it, "not counted: cp-1 (dated before the program's "
	    "validity, from 2024-01-01; date = 2023-06-01)");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(calc_should_round_the_product_half_up_to_the_fen),
		T(calc_should_hold_a_claim_to_what_is_left_of_an_annual_cap),
		T(calc_should_pay_nothing_once_an_accumulating_cap_is_used_up),
		T(calc_should_leave_caps_as_they_were_without_prior_awards),
		T(calc_should_count_a_contract_once),
		T(calc_should_warn_of_a_prior_award_of_no_program),
		T(calc_should_fail_when_prior_awards_add_up_past_an_amount),
		T(calc_should_round_before_the_cap),
		T(calc_should_cap_each_award_then_the_program),
		T(calc_should_cap_ceilings_with_the_program_cap),
		T(calc_should_pay_a_fixed_award),
		T(calc_should_give_a_ceiling_no_amount),
		T(calc_should_give_an_unquantified_award_no_figure),
		T(calc_should_add_up_the_totals),
		T(calc_should_apply_a_program_on_the_first_and_last_day_only),
		T(calc_should_take_the_claim_date_from_the_profile_first),
		T(calc_should_check_the_kind_of_applicant),
		T(calc_should_leave_a_condition_unknown_when_a_field_is_absent),
		T(calc_should_make_one_part_per_entry_that_passes_where),
		T(calc_should_not_count_entries_dated_outside_the_claim),
		T(calc_should_read_a_condition_over_the_entries_that_count),
		T(calc_should_pay_only_the_larger_award_on_one_product),
		T(calc_should_keep_the_first_award_on_a_tie),
		T(calc_should_pay_the_highest_of_claim_level_awards_on_one_project),
		T(calc_should_set_aside_across_programs_of_one_group),
		T(calc_should_use_the_term_in_force_on_the_claim_date),
		T(calc_should_not_apply_an_award_whose_term_has_ended),
		T(calc_should_not_meet_a_condition_not_in_force),
		T(calc_should_evaluate_the_city_and_its_province),
		T(calc_should_reject_a_province_that_contradicts_the_city),
		T(calc_should_warn_about_an_unknown_city),
		T(calc_should_keep_the_profile_warnings),
		T(calc_should_hint_the_id_of_a_city_written_otherwise),
		T(calc_should_hint_the_id_of_a_province_written_otherwise),
		T(calc_should_hint_each_place_as_if_for_the_first_time),
		T(calc_should_tell_an_incomplete_item_the_fields_to_give),
		T(calc_should_give_the_last_day_of_claims),
		T(calc_should_evaluate_the_jurisdictions_asked_for),
		T(calc_should_compute_the_same_amounts_without_explain),
		T(calc_should_report_an_overflow_not_wrap),
		T(calc_should_report_an_overflowing_total),
		T(calc_should_reuse_one_result_for_many_profiles),
		T(calc_should_add_reasons_to_earlier_items_at_every_length),
		T(calc_should_record_each_check_with_what_it_read),
		T(calc_should_record_the_entries_a_failed_check_did_not_count),
		T(calc_should_name_the_part_a_set_aside_gave_way_to),
		T(result_release_should_allow_a_new_start),
		T(calc_should_pay_to_the_cap_and_up_to_the_ceiling),
		T(calc_should_work_out_a_ceiling_from_base_and_rate),
		T(calc_should_hold_the_amount_to_the_ceiling_when_no_cap_is_in_force),
		T(calc_should_apply_an_award_to_its_applicants_only),
		T(calc_should_count_entries_from_the_date_the_program_says),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
