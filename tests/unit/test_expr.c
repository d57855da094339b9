/*
 * test_expr.c: the expression language of the rule files (docs/rules.md,
 * "Expressions"): compile errors with their exact message and byte offset,
 * literals, evaluation against a profile read from JSON (exact arithmetic,
 * comparisons, unknown values in and / or, membership, the functions and
 * the aggregates), overflow, the text of ais_expr_describe and the trace
 * of counted and not counted entries.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr.h"
#include "profile.h"
#include "rules.h"

/* The profile most tests evaluate against; the claim date is AS_OF. */
static const char profile_json[] =
	"{"
	"\"kind\": \"enterprise\","
	"\"startup\": true,"
	"\"registered_on\": \"2023-01-31\","
	"\"honors\": [\"little_giant\"],"
	"\"revenue\": {\"main_business\": 320000000, \"ai_share\": 0.65},"
	"\"compute_purchases\": ["
	"  {\"id\": \"cp-1\", \"amount\": 4000000, \"purpose\": \"model_training\"},"
	"  {\"id\": \"cp-2\", \"amount\": 1000000, \"purpose\": \"inference\"},"
	"  {\"id\": \"cp-3\", \"amount\": 2500000.5, \"purpose\": \"model_training\","
	"   \"affiliated\": true}"
	"],"
	"\"software_products\": ["
	"  {\"id\": \"sw-1\", \"rd_expenditure\": 8000000},"
	"  {\"id\": \"sw-2\"}"
	"],"
	"\"standards_led\": ["
	"  {\"level\": \"national\"}"
	"]"
	"}";

/* A profile with nothing but its kind: every list absent. */
static const char bare_json[] = "{\"kind\": \"university\"}";

/* Compute contracts with service periods, for pro-rating: the worked
 * example of Nanning (nn-1), one with nothing settled (nn-2) and one of
 * no days (nn-3). */
static const char period_json[] =
	"{"
	"\"kind\": \"enterprise\","
	"\"compute_purchases\": ["
	"  {\"id\": \"nn-1\", \"amount\": 300000, \"signed_on\": \"2024-12-20\","
	"   \"start\": \"2025-01-01\", \"end\": \"2026-12-31\", \"settled\": 200000},"
	"  {\"id\": \"nn-2\", \"amount\": 100000, \"start\": \"2025-01-01\","
	"   \"end\": \"2026-12-31\"},"
	"  {\"id\": \"nn-3\", \"amount\": 100000, \"start\": \"2025-05-01\","
	"   \"end\": \"2025-05-01\", \"settled\": 50000}"
	"]"
	"}";

/* The pro-rated settlement of an entry, truncated to the yuan. */
#define PRORATED "truncate(item.settled * overlap_days(item.start, " \
	"item.end, 2025-03-01, 2025-12-31) / days(item.start, item.end), 1)"

#define AS_OF_Y 2025
#define AS_OF_M 6
#define AS_OF_D 30

struct fixture {
	struct ais_arena arena;
	struct ais_profile full;
	struct ais_profile bare;
	struct ais_profile period;
	struct ais_buf trace;	/* the trace lines, each ending in '\n' */
	struct ais_trace tr;
};

static struct fixture F;

/* ---- helpers ---- */

/* Writes each traced entry as a line of this test's own notation over
 * its fields: "counted: LABEL (VALUE)", "not counted: LABEL (needs TEST;
 * FIELD = VALUE)", "not counted: LABEL (its value 'EXPR' is not given)",
 * or for a value of several fields "(its value 'EXPR' is not given;
 * FIELD = VALUE, ...)". */
static void
collect(void *ctx, const struct ais_trace_entry *t)
{
	struct ais_buf *b = ctx;

	ais_buf_adds(b, t->counted ? "counted: " : "not counted: ");
	ais_item_label(t->item, b);
	if (t->dated) {
		ais_buf_adds(b, t->dated > 0 ? " (dated after; " :
		    " (dated before; ");
		ais_reads_format(t->reads, t->nreads, b);
		ais_buf_addc(b, ')');
	} else if (t->counted && t->value) {
		ais_buf_adds(b, " (");
		ais_value_format(t->value, b);
		ais_buf_addc(b, ')');
	} else if (t->needs) {
		ais_buf_adds(b, " (needs ");
		ais_buf_add(b, t->needs, t->needs_len);
		if (t->nreads) {
			ais_buf_adds(b, "; ");
			ais_reads_format(t->reads, t->nreads, b);
		}
		ais_buf_addc(b, ')');
	} else if (t->missing) {
		ais_buf_adds(b, " (its value '");
		ais_buf_add(b, t->missing, t->missing_len);
		ais_buf_adds(b, "' is not given");
		if (t->nreads) {
			ais_buf_adds(b, "; ");
			ais_reads_format(t->reads, t->nreads, b);
		}
		ais_buf_addc(b, ')');
	}
	ais_buf_addc(b, '\n');
}

/* The built-in rules, for their profile contract. */
static struct ais_rules *R;

static void
read_profile(struct ais_profile *p, const char *json)
{
	struct ais_error err;

	memset(&err, 0, sizeof err);
	ais_profile_init(p);
	if (ais_profile_read(p, R, json, strlen(json), &err) != 0)
		fail_msg("the test profile was refused: %s: %s", err.path,
		    err.msg);
}

static int
setup(void **state)
{
	struct ais_error err;

	(void)state;
	memset(&F, 0, sizeof F);
	if ((R = ais_rules_load_builtin(&err)) == NULL)
		fail_msg("the built-in rules did not load: %s", err.msg);
	read_profile(&F.full, profile_json);
	read_profile(&F.bare, bare_json);
	read_profile(&F.period, period_json);
	F.tr.entry = collect;
	F.tr.ctx = &F.trace;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ais_arena_release(&F.arena);
	ais_profile_release(&F.full);
	ais_profile_release(&F.bare);
	ais_profile_release(&F.period);
	ais_buf_release(&F.trace);
	ais_rules_free(R);
	return 0;
}

/* The schema field called name, for binding `item`; NULL for NULL. */
static const struct ais_field *
field(const char *name)
{
	int i;

	if (!name)
		return NULL;
	i = ais_schema_find(R->schema, name, strlen(name));
	assert_true(i >= 0);
	return &R->schema->fields[i];
}

/* Compiles src, which must compile, with item bound to list field item. */
static struct ais_expr *
compile_in(const char *src, const char *item)
{
	char msg[256] = "";
	size_t off = 0;
	struct ais_expr *e;

	e = ais_expr_compile(&F.arena, R->schema, src, strlen(src), field(item), -1, &off,
	    msg, sizeof msg);
	if (!e)
		fail_msg("'%s' did not compile: at %zu: %s", src, off, msg);
	return e;
}

static struct ais_expr *
compile(const char *src)
{
	return compile_in(src, NULL);
}

/* Compiles src, which must fail at byte offset off with message msg. */
static void
compile_err_in(const char *src, const char *item, int want, size_t off,
	const char *msg)
{
	char got[256] = "";
	size_t gotoff = (size_t)-1;
	struct ais_expr *e;

	e = ais_expr_compile(&F.arena, R->schema, src, strlen(src), field(item), want,
	    &gotoff, got, sizeof got);
	if (e)
		fail_msg("'%s' compiled; expected \"%s\"", src, msg);
	assert_string_equal(got, msg);
	assert_int_equal(gotoff, off);
}

static void
compile_err(const char *src, size_t off, const char *msg)
{
	compile_err_in(src, NULL, -1, off, msg);
}

static void
init_eval(struct ais_eval *ev, const struct ais_profile *p,
	const struct ais_trace *tr)
{
	memset(ev, 0, sizeof *ev);
	ev->root = &p->root;
	ev->as_of = ais_date_from_ymd(AS_OF_Y, AS_OF_M, AS_OF_D);
	ev->valid_from = AIS_DATE_MIN;
	ev->trace = tr;
}

/* Evaluates src against profile p; evaluation must succeed. */
static struct ais_value
eval_on(const struct ais_profile *p, const char *src)
{
	struct ais_expr *e = compile(src);
	struct ais_eval ev;
	struct ais_value v;

	init_eval(&ev, p, NULL);
	memset(&v, 0, sizeof v);
	if (ais_expr_eval(e, &ev, &v) != 0)
		fail_msg("'%s' failed: %s", src, ev.errmsg);
	return v;
}

static struct ais_value
eval(const char *src)
{
	return eval_on(&F.full, src);
}

/* Asserts that v is the number written in want. */
static void
check_num(const char *src, struct ais_value v, const char *want)
{
	struct ais_dec d;
	char got[40];

	if (v.t != AIS_V_NUM)
		fail_msg("'%s' is not a number (type %d), expected %s", src,
		    (int)v.t, want);
	assert_int_equal(ais_dec_parse(want, strlen(want), &d), 0);
	if (ais_dec_cmp(v.u.n, d) != 0) {
		ais_dec_format(v.u.n, got, sizeof got);
		fail_msg("'%s' is %s, expected %s", src, got, want);
	}
}

static void
num_is(const char *src, const char *want)
{
	check_num(src, eval(src), want);
}

static void
num_on_is(const struct ais_profile *p, const char *src, const char *want)
{
	check_num(src, eval_on(p, src), want);
}

static void
check_bool(const char *src, struct ais_value v, int want)
{
	if (v.t != AIS_V_BOOL)
		fail_msg("'%s' is not true or false (type %d), expected %s",
		    src, (int)v.t, want ? "true" : "false");
	if (v.u.b != want)
		fail_msg("'%s' is %s, expected %s", src, v.u.b ? "true" :
		    "false", want ? "true" : "false");
}

static void
bool_is(const char *src, int want)
{
	check_bool(src, eval(src), want);
}

static void
bool_on_is(const struct ais_profile *p, const char *src, int want)
{
	check_bool(src, eval_on(p, src), want);
}

/* Asserts that src comes out unknown (null). */
static void
unknown_on(const struct ais_profile *p, const char *src)
{
	struct ais_value v = eval_on(p, src);

	if (v.t != AIS_V_NULL)
		fail_msg("'%s' is known (type %d), expected unknown", src,
		    (int)v.t);
}

static void
is_unknown(const char *src)
{
	unknown_on(&F.full, src);
}

/* The text ais_expr_describe gives for src on the full profile. */
static void
describe_is(const char *src, const char *want)
{
	struct ais_expr *e = compile(src);
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_eval ev;

	init_eval(&ev, &F.full, NULL);
	ais_expr_describe(e, &ev, &b);
	assert_string_equal(b.p ? b.p : "", want);
	ais_buf_release(&b);
}

/* Evaluates src with a trace on profile p; the lines must be want. */
static struct ais_value
trace_on(const struct ais_profile *p, const char *src, const char *want)
{
	struct ais_expr *e = compile(src);
	struct ais_eval ev;
	struct ais_value v;

	ais_buf_reset(&F.trace);
	init_eval(&ev, p, &F.tr);
	if (ais_expr_eval(e, &ev, &v) != 0)
		fail_msg("'%s' failed: %s", src, ev.errmsg);
	assert_string_equal(F.trace.p ? F.trace.p : "", want);
	return v;
}

static struct ais_value
trace_is(const char *src, const char *want)
{
	return trace_on(&F.full, src, want);
}

/* ---- compile errors ---- */

static void
compile_should_reject_an_unknown_field_with_a_suggestion(void **state)
{
	(void)state;
	compile_err("compute_purchase", 0, "'compute_purchase' is not a field "
	    "of profile; did you mean 'compute_purchases'?");
	compile_err("startup and knd == \"enterprise\"", 12, "'knd' is not a "
	    "field of profile; did you mean 'kind'?");
	compile_err("revenue.main_busines > 1", 8, "'main_busines' is not a "
	    "field of revenue; did you mean 'main_business'?");
	compile_err("sum(compute_purchases, item.amout)", 28, "'amout' is not "
	    "a field of compute_purchases[]; did you mean 'amount'?");
}

static void
compile_should_reject_an_unknown_field_without_a_suggestion_when_none_is_close(
	void **state)
{
	(void)state;
	compile_err("1 + turnover", 4, "'turnover' is not a field of profile");
}

static void
compile_should_reject_an_unknown_function_with_a_suggestion(void **state)
{
	(void)state;
	compile_err("summ(compute_purchases, item.amount)", 0, "unknown "
	    "function 'summ'; did you mean 'sum'?");
	compile_err("1 + mnths(registered_on, as_of)", 4, "unknown function "
	    "'mnths'; did you mean 'months'?");
	compile_err("average(1, 2)", 0, "unknown function 'average'");
}

static void
compile_should_reject_arithmetic_on_a_string(void **state)
{
	(void)state;
	compile_err("kind + 1", 0, "'+' needs a number, but 'kind' is a "
	    "string");
	compile_err("1 - startup", 4, "'-' needs a number, but 'startup' is a "
	    "condition (true or false)");
	compile_err("registered_on * 2", 0, "'*' needs a number, but "
	    "'registered_on' is a date");
}

static void
compile_should_reject_comparing_values_of_different_types(void **state)
{
	(void)state;
	compile_err("startup == 1", 11, "cannot compare a condition (true or "
	    "false) with a number");
	compile_err("registered_on < 2025", 16, "cannot compare a date with a "
	    "number");
	compile_err("kind < \"z\"", 0, "'<' compares numbers or dates, not a "
	    "string");
}

static void
compile_should_reject_an_enum_value_that_does_not_exist_with_a_suggestion(
	void **state)
{
	(void)state;
	/* a typo is close enough to suggest by edit distance */
	compile_err_in("item.purpose == \"model_trainig\"", "compute_purchases",
	    -1, 16, "\"model_trainig\" is not a value of purpose; did you mean "
	    "\"model_training\"?");
	compile_err("kind == \"enterprize\"", 8, "\"enterprize\" is not a value "
	    "of kind; did you mean \"enterprise\"?");
	compile_err("kind in [\"enterprise\", \"firm\"]", 23, "\"firm\" is not "
	    "a value of kind");
	compile_err("\"giant\" in honors", 0, "\"giant\" is not a value of "
	    "honors; did you mean \"little_giant\"?");
	compile_err("\"gian\" in honors", 0, "\"gian\" is not a value of "
	    "honors; did you mean \"little_giant\"?");
	compile_err("\"lead\" in honors", 0, "\"lead\" is not a value of "
	    "honors; did you mean \"chain_leader\"?");
	compile_err("\"_\" in honors", 0, "\"_\" is not a value of honors");
	compile_err("any(honors where item == \"chain_leadr\")", 25,
	    "\"chain_leadr\" is not a value of honors; did you mean "
	    "\"chain_leader\"?");
}

/*
 * "training" for "model_training" is the mistake a rule author makes; it
 * is six edits away, too far for the edit-distance suggester, but the
 * value it is the tail of is the obvious one to suggest.
 */
static void
compile_should_suggest_model_training_for_training(void **state)
{
	(void)state;
	compile_err_in("item.purpose == \"training\"", "compute_purchases", -1,
	    16, "\"training\" is not a value of purpose; did you mean "
	    "\"model_training\"?");
}

static void
compile_should_reject_item_outside_an_aggregate(void **state)
{
	(void)state;
	compile_err("item.amount > 0", 0, "'item' is only defined inside an "
	    "aggregate or a per-entry award");
	compile_err("sum(compute_purchases, 1) + item.amount", 28, "'item' is "
	    "only defined inside an aggregate or a per-entry award");
}

static void
compile_should_reject_a_field_of_a_string_entry(void **state)
{
	(void)state;
	compile_err("any(honors where item.name == \"x\")", 22, "the entries "
	    "of 'honors' are strings, not objects");
}

#define UNROUNDED "a division must be rounded as the rule says: write " \
	"truncate(a / b, 1) or half_up(a / b, 0.01), naming the unit"

static void
compile_should_refuse_a_division_that_is_not_rounded(void **state)
{
	(void)state;
	compile_err("revenue.main_business / 2", 22, UNROUNDED);
	compile_err("1 + 4 / 2", 6, UNROUNDED);
	/* the division must be the whole value that is rounded */
	compile_err("truncate(1 / 2 + 1, 1)", 11, UNROUNDED);
	compile_err("truncate(1 / 2 * 3, 1)", 11, UNROUNDED);
	compile_err("truncate(1 / 2 / 3, 1)", 11, UNROUNDED);
	compile_err("half_up(revenue.main_business * 3 / 7 * 2, 0.01)", 34,
	    UNROUNDED);
	compile_err("truncate(1 / (2 / 3), 1)", 16, UNROUNDED);
	compile_err("truncate(1, 4 / 2)", 12, "the unit of truncate() is a "
	    "power of ten written as a number (0.01, 1, 100, 1万), not "
	    "'4 / 2'");
	compile_err("half_up(truncate(1 / 2, 1) / 3, 1) > 1 / 2", 39,
	    UNROUNDED);
	compile_err("sum(compute_purchases where item.amount / 2 > 1, 1)", 40,
	    UNROUNDED);
	compile_err("truncate(1 / 0, 1)", 13, "division by zero");
	compile_err("half_up(1 / 0.00, 1)", 12, "division by zero");
	compile_err("truncate(kind / 2, 1)", 9, "'/' needs a number, but "
	    "'kind' is a string");
	/* rounded, it compiles: brackets and chains of '*' included */
	compile("truncate(1 / 2, 1)");
	compile("truncate((1 / 2), 1)");
	compile("half_up(revenue.main_business * 3 * 2 / 7, 0.01)");
	compile("truncate(1 / revenue.prior_max, 1)");
}

static void
compile_should_check_the_arguments_of_the_date_functions(void **state)
{
	(void)state;
	compile_err("days(as_of)", 0, "days() takes two dates");
	compile_err("days(as_of, 1)", 12, "days() needs a date, but '1' is a "
	    "number");
	compile_err("days(as_of, as_of) == as_of", 22, "cannot compare a "
	    "number with a date");
	compile_err("overlap_days(as_of, as_of, as_of)", 0, "overlap_days() "
	    "takes four dates: the start and end of one period, then of the "
	    "other");
	compile_err("overlap_days(as_of, as_of, as_of, kind)", 34,
	    "overlap_days() needs a date, but 'kind' is a string");
	compile_err("add_months(as_of)", 0, "add_months() takes a date and a "
	    "number of months");
	compile_err("add_months(6, as_of)", 11, "the first argument of "
	    "add_months() needs a date, but '6' is a number");
	compile_err("add_months(as_of, \"6\")", 18, "the second argument of "
	    "add_months() needs a number, but '\"6\"' is a string");
	compile_err("add_months(as_of, 1.5)", 18, "add_months() adds whole "
	    "months, not 1.5");
	compile_err("add_months(as_of, 6) > 6", 23, "cannot compare a date "
	    "with a number");
	/* a whole number written with places, or a percentage, is whole */
	compile("add_months(as_of, 6.0)");
	compile("add_months(as_of, 100%)");
}

static void
compile_should_check_the_arguments_of_a_rounding(void **state)
{
	(void)state;
	compile_err("truncate(1)", 0, "truncate() takes a number and the unit "
	    "it rounds to: truncate(x, 1) to the yuan, truncate(x, 0.01) to "
	    "the fen");
	compile_err("half_up(1, 1, 1)", 0, "half_up() takes a number and the "
	    "unit it rounds to: half_up(x, 1) to the yuan, half_up(x, 0.01) "
	    "to the fen");
	compile_err("truncate(kind, 1)", 9, "the first argument of a rounding "
	    "needs a number, but 'kind' is a string");
	compile_err("truncate(1, 0.05)", 12, "the unit of truncate() is a "
	    "power of ten written as a number (0.01, 1, 100, 1万), not "
	    "'0.05'");
	compile_err("truncate(1, 0)", 12, "the unit of truncate() is a power "
	    "of ten written as a number (0.01, 1, 100, 1万), not '0'");
	compile_err("half_up(1, -1)", 11, "the unit of half_up() is a power "
	    "of ten written as a number (0.01, 1, 100, 1万), not '-1'");
	compile_err("half_up(1, revenue.prior_max)", 11, "the unit of "
	    "half_up() is a power of ten written as a number (0.01, 1, 100, "
	    "1万), not 'revenue.prior_max'");
	compile_err("truncate(1, \"1\")", 12, "the unit of truncate() is a "
	    "power of ten written as a number (0.01, 1, 100, 1万), not "
	    "'\"1\"'");
	compile("truncate(1, 1万)");
	compile("truncate(1, 1%)");
	compile("half_up(1, 1.00)");
}

static void
compile_should_reject_trailing_garbage(void **state)
{
	(void)state;
	compile_err("1 + 2 )", 6, "unexpected ')'");
	compile_err("kind == \"enterprise\" startup", 21, "unexpected "
	    "'startup'");
	/* at most twelve bytes of it are quoted */
	compile_err("1 2345678901234567890", 2, "unexpected '234567890123'");
	compile_err("startup = true", 8, "unexpected '= true'");
}

static void
compile_should_reject_an_unclosed_string(void **state)
{
	(void)state;
	compile_err("kind == \"enterprise", 8, "string not closed");
	compile_err("kind in ['enterprise\"]", 9, "string not closed");
}

static void
compile_should_reject_malformed_numbers_and_dates(void **state)
{
	(void)state;
	compile_err("2025-02-30 < as_of", 0, "'2025-02-30' is not a date");
	compile_err("30x", 2, "unexpected 'x' after a number");
	compile_err("99999999999999999999", 0, "number too large");
	compile_err("1. + 2", 0, "'1.' is not a number");
	compile_err("1 +", 3, "expression ends too early");
	compile_err("(1 + 2", 6, "expected ')'");
}

static void
compile_should_check_the_arguments_of_functions(void **state)
{
	(void)state;
	compile_err("if(kind, 1, 2)", 3, "the first argument of if() needs a "
	    "condition (true or false), but 'kind' is a string");
	compile_err("if(startup, 1, \"a\")", 15, "the two values of if() are a "
	    "number and a string");
	compile_err("if(startup, 1)", 0, "if() takes a condition and two "
	    "values");
	compile_err("min(1)", 0, "min() takes two or more numbers");
	compile_err("max(1, kind)", 7, "min() and max() needs a number, but "
	    "'kind' is a string");
	compile_err("months(as_of)", 0, "months() takes two dates");
	compile_err("overlap_dayz(as_of, as_of, as_of, as_of)", 0, "unknown "
	    "function 'overlap_dayz'; did you mean 'overlap_days'?");
	compile_err("truncat(1, 1)", 0, "unknown function 'truncat'; did you "
	    "mean 'truncate'?");
	compile_err("months(registered_on, 3)", 22, "months() needs a date, "
	    "but '3' is a number");
	compile_err("present(1)", 0, "present() takes one field");
	compile_err("awarded()", 0, "awarded() takes one contract");
	compile_err("awarded(\"a\", \"b\")", 0, "awarded() takes one "
	    "contract");
	compile_err("awarded(1)", 8, "awarded() needs a string, but '1' is a "
	    "number");
	compile_err("sum(kind, 1)", 4, "'kind' is not a list of the profile");
	compile_err("sum(compute_purchases where item.amount, item.amount)",
	    28, "'where' needs a condition (true or false), but 'item.amount' "
	    "is a number");
	compile_err("sum(compute_purchases, item.purpose)", 23, "the value of "
	    "an aggregate needs a number, but 'item.purpose' is a string");
	compile_err("revenue.main_business.x", 22, "'revenue.main_business' has "
	    "no fields");
}

static void
compile_should_reject_in_without_a_list(void **state)
{
	(void)state;
	compile_err("kind in \"enterprise\"", 8, "'in' needs a list of values "
	    "([\"a\", \"b\"]) or a list of strings of the profile");
	compile_err("\"cp-1\" in compute_purchases", 10, "'in' needs a list of "
	    "values ([\"a\", \"b\"]) or a list of strings of the profile");
	compile_err("1 in honors", 0, "'1' is a number, but 'honors' holds "
	    "strings");
	compile_err("kind in [\"enterprise\", 1]", 23, "cannot compare a "
	    "string with a number");
	compile_err("kind in [\"enterprise\", kind]", 23, "a list holds "
	    "literals only");
}

static void
compile_should_reject_a_result_of_the_wrong_type(void **state)
{
	(void)state;
	compile_err_in("1 + 2", NULL, AIS_E_BOOL, 0, "expected a condition "
	    "(true or false), but this is a number");
	compile_err_in("startup", NULL, AIS_E_NUM, 0, "expected a number, but "
	    "this is a condition (true or false)");
}

static void
compile_should_read_only_len_bytes(void **state)
{
	static const char src[] = "kind == \"enterprise\" and garbage(";
	char msg[128] = "";
	size_t off = 0;
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = ais_expr_compile(&F.arena, R->schema, src, 20, NULL, AIS_E_BOOL, &off, msg,
	    sizeof msg);
	assert_non_null(e);
	assert_string_equal(ais_expr_text(e), "kind == \"enterprise\"");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_bool(src, v, 1);
}

/*
 * An ordering against the literal null has no meaning ("x == null" and
 * "x != null" test for absence); it must not compile, as "null < 1" does
 * not.
 */
static void
compile_should_reject_ordering_against_null(void **state)
{
	char msg[256] = "";
	size_t off = 0;

	(void)state;
	compile_err("null < 1", 0, "'<' compares numbers or dates, not null");
	if (ais_expr_compile(&F.arena, R->schema, "revenue.main_business < null", 28,
	    NULL, -1, &off, msg, sizeof msg) != NULL)
		fail_msg("'revenue.main_business < null' compiled (and is true "
		    "whenever main_business is given)");
}

/* A character of more than one byte is quoted whole in a message. */
static void
compile_should_quote_a_multibyte_character_whole(void **state)
{
	(void)state;
	/* curly quotes, as a Chinese input method types them */
	compile_err("kind == “enterprise”", 8,
	    "unexpected '“'");
	compile_err("（1 + 2）", 0, "unexpected '（'");
}

/* The twelve bytes quoted of trailing garbage end on a character. */
static void
compile_should_not_cut_a_character_when_quoting_trailing_garbage(
	void **state)
{
	(void)state;
	compile_err("1 万万万万万", 2, "unexpected '万万万万'");
	compile_err("1 a万万万万", 2, "unexpected 'a万万万'");
}

/*
 * The text of a node that begins with a parenthesised operand keeps its
 * opening parenthesis: it is quoted in messages and in reasons.
 */
static void
compile_should_quote_a_parenthesised_operand_with_its_parenthesis(
	void **state)
{
	(void)state;
	compile_err("not ((1 + 2) * 3)", 4, "'not' needs a condition (true or "
	    "false), but '((1 + 2) * 3)' is a number");
}

static void
trace_should_quote_a_filter_that_begins_with_a_parenthesis_whole(
	void **state)
{
	(void)state;
	trace_is("count(standards_led where (item.level == \"industry\" or "
	    "item.level == \"international\") and present(item.level))",
	    "not counted: $.standards_led[0] (needs (item.level == "
	    "\"industry\" or item.level == \"international\"); level = "
	    "\"national\")\n");
	trace_is("count(compute_purchases where (item.amount + 1) * 2 > 1亿)",
	    "not counted: cp-1 (needs (item.amount + 1) * 2 > 1亿; "
	    "amount = 4000000)\n"
	    "not counted: cp-2 (needs (item.amount + 1) * 2 > 1亿; "
	    "amount = 1000000)\n"
	    "not counted: cp-3 (needs (item.amount + 1) * 2 > 1亿; "
	    "amount = 2500000.5)\n");
}

static void
eval_should_quote_a_parenthesised_operand_in_an_overflow(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = compile("(9223372036854775807 + 0) * 2");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'(9223372036854775807 + 0) * 2'");
}

/* ---- literals and static facts ---- */

static void
literals_should_be_exact_decimals_with_percent_wan_and_yi(void **state)
{
	(void)state;
	num_is("30%", "0.3");
	num_is("12.5%", "0.125");
	num_is("250万", "2500000");
	num_is("1.5万", "15000");
	num_is("5亿", "500000000");
	num_is("0.65", "0.65");
	num_is("4000000", "4000000");
	num_is("-3", "-3");
	bool_is("30% == 0.3", 1);
	bool_is("1万 == 10000", 1);
	bool_is("1亿 == 10000万", 1);
}

static void
literals_should_read_dates_strings_and_truth_values(void **state)
{
	struct ais_value v;

	(void)state;
	v = eval("2025-08-28");
	assert_int_equal(v.t, AIS_V_DATE);
	assert_int_equal(v.u.d, ais_date_from_ymd(2025, 8, 28));
	v = eval("'enterprise'");
	assert_int_equal(v.t, AIS_V_STR);
	assert_int_equal(v.u.s.len, 10);
	assert_memory_equal(v.u.s.p, "enterprise", 10);
	bool_is("\"enterprise\" == 'enterprise'", 1);
	bool_is("true", 1);
	bool_is("false", 0);
	v = eval("null");
	assert_int_equal(v.t, AIS_V_NULL);
	v = eval("as_of");
	assert_int_equal(v.t, AIS_V_DATE);
	assert_int_equal(v.u.d, ais_date_from_ymd(2025, 6, 30));
}

static void
compile_should_report_the_type_text_and_constness(void **state)
{
	struct ais_expr *e;

	(void)state;
	e = compile("30%");
	assert_int_equal(ais_expr_type(e), AIS_E_NUM);
	assert_true(ais_expr_is_const(e));
	assert_string_equal(ais_expr_text(e), "30%");
	e = compile("if(kind == \"enterprise\" and startup, 60%, 50%)");
	assert_int_equal(ais_expr_type(e), AIS_E_NUM);
	assert_false(ais_expr_is_const(e));
	assert_int_equal(ais_expr_type(compile("2025-01-01")), AIS_E_DATE);
	assert_true(ais_expr_is_const(compile("2025-01-01")));
	assert_int_equal(ais_expr_type(compile("kind")), AIS_E_STR);
	assert_int_equal(ais_expr_type(compile("startup")), AIS_E_BOOL);
	assert_int_equal(ais_expr_type(compile("revenue")), AIS_E_OBJ);
	assert_int_equal(ais_expr_type(compile("honors")), AIS_E_LIST);
	assert_int_equal(ais_expr_type(compile("count(honors)")), AIS_E_NUM);
	assert_int_equal(ais_expr_type(compile("any(honors)")), AIS_E_BOOL);
	assert_ptr_equal(ais_expr_list_field(compile("software_products")),
	    field("software_products"));
	assert_ptr_equal(ais_expr_list_field(compile("honors")),
	    field("honors"));
	assert_null(ais_expr_list_field(compile("kind")));
	assert_null(ais_expr_list_field(compile("count(honors)")));
}

/* ---- evaluation ---- */

static void
eval_should_add_subtract_and_multiply_exactly(void **state)
{
	(void)state;
	num_is("0.1 + 0.2", "0.3");
	bool_is("0.1 + 0.2 == 0.3", 1);
	num_is("1 - 3", "-2");
	num_is("1 - -1", "2");
	num_is("- (2 - 5)", "3");
	num_is("3 * 0.5", "1.5");
	num_is("4000000 * 60%", "2400000");
	num_is("16666666.67 * 60%", "10000000.002");
	num_is("1.01 * 50%", "0.505");
	num_is("2 + 3 * 4", "14");
	num_is("(2 + 3) * 4", "20");
	num_is("revenue.main_business * 10%", "32000000");
	num_is("revenue.ai_share * 100", "65");
}

static void
eval_should_compare_numbers_dates_strings_and_truth_values(void **state)
{
	(void)state;
	bool_is("revenue.main_business >= 3亿", 1);
	bool_is("revenue.main_business >= 32000万", 1);
	bool_is("revenue.main_business > 32000万", 0);
	bool_is("revenue.main_business < 5亿", 1);
	bool_is("revenue.main_business <= 3亿", 0);
	bool_is("revenue.ai_share >= 60%", 1);
	bool_is("1.50 == 1.5", 1);
	bool_is("as_of > 2025-06-29", 1);
	bool_is("as_of >= 2025-06-30", 1);
	bool_is("as_of < 2025-06-30", 0);
	bool_is("registered_on <= 2023-01-31", 1);
	bool_is("kind == \"enterprise\"", 1);
	bool_is("\"enterprise\" == kind", 1);
	bool_is("kind != \"university\"", 1);
	bool_is("startup == true", 1);
	bool_is("startup != true", 0);
}

static void
eval_should_give_unknown_for_absent_values_in_arithmetic_and_comparisons(
	void **state)
{
	(void)state;
	is_unknown("revenue.prior_max");
	is_unknown("revenue.prior_max + 1");
	is_unknown("revenue.prior_max * 0");
	is_unknown("-revenue.prior_max");
	is_unknown("revenue.prior_max < 3亿");
	is_unknown("revenue.prior_max == 0");
	is_unknown("returnee_startup.tier == 1");
	is_unknown("not (revenue.prior_max < 1)");
	is_unknown("months(registered_on, as_of) + revenue.prior_max");
}

static void
eval_should_test_absence_with_null(void **state)
{
	(void)state;
	bool_is("revenue.prior_max == null", 1);
	bool_is("revenue.prior_max != null", 0);
	bool_is("revenue.main_business == null", 0);
	bool_is("null == revenue.main_business", 0);
	bool_is("returnee_startup == null", 1);
	bool_is("returnee_startup.tier == null", 1);
	bool_is("null == null", 1);
}

static void
eval_should_decide_and_or_beside_an_unknown(void **state)
{
	(void)state;
	/* revenue.prior_max is not given: "revenue.prior_max > 1" is unknown */
	bool_is("false and revenue.prior_max > 1", 0);
	bool_is("revenue.prior_max > 1 and false", 0);
	bool_is("true or revenue.prior_max > 1", 1);
	bool_is("revenue.prior_max > 1 or true", 1);
	is_unknown("true and revenue.prior_max > 1");
	is_unknown("revenue.prior_max > 1 and true");
	is_unknown("false or revenue.prior_max > 1");
	is_unknown("revenue.prior_max > 1 or false");
	is_unknown("revenue.prior_max > 1 and revenue.prior_max < 5");
	bool_is("true and true", 1);
	bool_is("true and false", 0);
	bool_is("false or false", 0);
	bool_is("not startup", 0);
	bool_is("not not startup", 1);
	/* and binds tighter than or */
	bool_is("true or false and false", 1);
	bool_is("not false and false", 0);
}

static void
eval_should_test_membership_in_lists_and_in_honors(void **state)
{
	(void)state;
	bool_is("kind in [\"enterprise\", \"university\"]", 1);
	bool_is("kind in [\"university\", \"individual\"]", 0);
	bool_is("kind not in [\"university\", \"individual\"]", 1);
	bool_is("kind not in [\"enterprise\"]", 0);
	bool_is("kind in []", 0);
	bool_is("revenue.main_business in [1, 32000万]", 1);
	bool_is("as_of in [2025-06-30]", 1);
	bool_is("\"little_giant\" in honors", 1);
	bool_is("\"chain_leader\" in honors", 0);
	bool_is("\"chain_leader\" not in honors", 1);
	bool_is("\"little_giant\" not in honors", 0);
	/* an absent list is empty */
	bool_on_is(&F.bare, "\"little_giant\" in honors", 0);
	bool_on_is(&F.bare, "\"little_giant\" not in honors", 1);
	/* an absent value is in no list: unknown */
	is_unknown("city in [\"shenzhen\"]");
}

static void
eval_should_choose_with_if(void **state)
{
	(void)state;
	num_is("if(startup, 60%, 50%)", "0.6");
	num_is("if(kind == \"university\", 60%, 50%)", "0.5");
	num_is("if(kind == \"enterprise\" and startup, 60%, 50%)", "0.6");
	num_on_is(&F.bare, "if(kind == \"enterprise\" and startup, 60%, 50%)",
	    "0.5");
	is_unknown("if(revenue.prior_max > 1, 1, 2)");
	is_unknown("if(startup, null, 2) + 1");
	num_is("if(not startup, null, 2) + 1", "3");
}

static void
eval_should_take_min_and_max(void **state)
{
	(void)state;
	num_is("min(3, 1, 2)", "1");
	num_is("max(3, 1, 2)", "3");
	num_is("min(revenue.main_business * 10%, 1000万)", "10000000");
	num_is("max(-1, -2)", "-1");
	num_is("min(0.30, 0.3)", "0.3");
	is_unknown("min(1, revenue.prior_max)");
	is_unknown("max(revenue.prior_max, 1)");
}

static void
eval_should_count_days_between_dates(void **state)
{
	(void)state;
	num_is("days(2025-01-01, 2026-12-31)", "729");
	num_is("days(2025-03-01, 2025-12-31)", "305");
	num_is("days(2025-12-31, 2025-03-01)", "-305");
	num_is("days(as_of, as_of)", "0");
	num_is("days(2024-02-28, 2024-03-01)", "2");
	num_is("days(1000-01-01, 9999-12-31)", "3287181");
	num_is("days(registered_on, as_of)", "881");
	unknown_on(&F.bare, "days(registered_on, as_of)");
	unknown_on(&F.bare, "days(as_of, registered_on)");
}

static void
eval_should_count_the_days_two_periods_share(void **state)
{
	(void)state;
	/* min(e1, e2) - max(s1, s2), as Nanning counts it */
	num_is("overlap_days(2025-01-01, 2026-12-31, 2025-03-01, 2025-12-31)",
	    "305");
	num_is("overlap_days(2025-03-01, 2025-12-31, 2025-01-01, 2026-12-31)",
	    "305");
	/* in part, on either side */
	num_is("overlap_days(2025-01-01, 2025-06-30, 2025-03-01, 2025-12-31)",
	    "121");
	num_is("overlap_days(2025-06-01, 2026-06-30, 2025-03-01, 2025-12-31)",
	    "213");
	/* apart, touching, and a period of no days */
	num_is("overlap_days(2024-01-01, 2024-12-31, 2025-03-01, 2025-12-31)",
	    "0");
	num_is("overlap_days(2025-12-31, 2026-12-31, 2025-03-01, 2025-12-31)",
	    "0");
	num_is("overlap_days(2025-05-01, 2025-05-01, 2025-03-01, 2025-12-31)",
	    "0");
	/* a period that ends before it starts shares nothing */
	num_is("overlap_days(2025-12-01, 2025-04-01, 2025-03-01, 2025-12-31)",
	    "0");
	unknown_on(&F.bare, "overlap_days(registered_on, as_of, as_of, "
	    "as_of)");
	unknown_on(&F.bare, "overlap_days(as_of, as_of, as_of, "
	    "registered_on)");
}

static void
eval_should_add_calendar_months(void **state)
{
	struct ais_value v;

	(void)state;
	v = eval("add_months(2024-01-31, 1)");
	assert_int_equal(v.t, AIS_V_DATE);
	assert_int_equal(v.u.d, ais_date_from_ymd(2024, 2, 29));
	bool_is("add_months(2023-01-31, 1) == 2023-02-28", 1);
	bool_is("add_months(2024-03-31, -1) == 2024-02-29", 1);
	bool_is("add_months(2024-02-29, 12) == 2025-02-28", 1);
	bool_is("add_months(registered_on, 6) == 2023-07-31", 1);
	bool_is("add_months(registered_on, 1) == 2023-02-28", 1);
	bool_is("add_months(as_of, 0) == as_of", 1);
	/* registered_on + 6 months <= as_of <= registered_on + 48 months */
	bool_is("add_months(registered_on, 6) <= as_of and as_of <= "
	    "add_months(registered_on, 48)", 1);
	/* 2023-01-31 + 29 months is 2025-06-30, the claim date */
	bool_is("as_of <= add_months(registered_on, 28)", 0);
	bool_is("as_of <= add_months(registered_on, 29)", 1);
	bool_is("as_of < add_months(registered_on, 29)", 0);
	unknown_on(&F.bare, "add_months(registered_on, 6)");
	unknown_on(&F.bare, "add_months(as_of, revenue.prior_max)");
	unknown_on(&F.bare, "add_months(registered_on, 6) <= as_of");
}

static void
eval_should_hold_a_twelve_month_term_to_its_last_day(void **state)
{
	(void)state;
	/* a term from 2024-01-01 whose last day is 2024-12-31 is 12 months:
	 * it ends before the day 12 months on */
	bool_is("2024-12-31 < add_months(2024-01-01, 12)", 1);
	bool_is("2025-01-01 < add_months(2024-01-01, 12)", 0);
	bool_is("months(2024-01-01, 2024-12-31) < 12", 1);
	bool_is("months(2024-01-01, 2025-01-01) < 12", 0);
	/* months() <= 12 lets up to 12 months and 30 days through */
	bool_is("months(2024-01-01, 2025-01-01) <= 12", 1);
	bool_is("months(2024-01-01, 2025-01-31) <= 12", 1);
	/* on a month end: 2024-01-31 to 2025-01-30 is 12 months */
	bool_is("2025-01-30 < add_months(2024-01-31, 12)", 1);
	bool_is("2025-01-31 < add_months(2024-01-31, 12)", 0);
	/* and a signing date is compared as it is */
	num_on_is(&F.period, "count(compute_purchases where item.signed_on >= "
	    "2024-12-20)", "1");
	num_on_is(&F.period, "count(compute_purchases where item.signed_on >= "
	    "2024-12-21)", "0");
}

static void
eval_should_fail_on_months_that_are_not_whole_or_out_of_range(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = compile("add_months(as_of, revenue.ai_share)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "not a whole number of months in "
	    "'add_months(as_of, revenue.ai_share)'");
	e = compile("add_months(as_of, revenue.main_business)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "date out of range in "
	    "'add_months(as_of, revenue.main_business)'");
	e = compile("add_months(as_of, -100000000) < as_of");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "date out of range in "
	    "'add_months(as_of, -100000000)'");
	/* past year 9999 is still a day, and compares as one */
	bool_is("add_months(9999-12-31, 12) > 9999-12-31", 1);
}

static void
eval_should_divide_exactly_and_round_once_as_the_rule_says(void **state)
{
	(void)state;
	/* the worked example of Nanning: 200000 * 305 / 729, truncated to
	 * the yuan, then 30%, truncated again */
	num_is("truncate(200000 * 305 / 729, 1)", "83676");
	num_is("truncate(truncate(200000 * 305 / 729, 1) * 30%, 1)", "25102");
	num_is("truncate(200000 * 305 / 729, 0.01)", "83676.26");
	num_is("half_up(200000 * 305 / 729, 0.01)", "83676.27");
	num_is("half_up(2 / 3, 0.01)", "0.67");
	num_is("truncate(-2 / 3, 0.01)", "-0.66");
	num_is("half_up(-2 / 3, 0.01)", "-0.67");
	num_is("truncate(12345, 100)", "12300");
	num_is("half_up(12350, 100)", "12400");
	num_is("truncate(revenue.main_business / 7, 1万)", "45710000");
	num_is("truncate(revenue.main_business * revenue.ai_share, 1)",
	    "208000000");
	num_is("half_up(0.005, 0.01)", "0.01");
	num_is("truncate(0.009, 0.01)", "0");
	/* a rounding is a number like any other */
	bool_is("truncate(200000 * 305 / 729, 1) == 83676", 1);
	num_is("truncate(1 / 3, 0.01) + truncate(2 / 3, 0.01)", "0.99");
	unknown_on(&F.bare, "truncate(revenue.main_business / 2, 1)");
	unknown_on(&F.bare, "truncate(2 / revenue.main_business, 1)");
	unknown_on(&F.bare, "half_up(revenue.main_business, 1)");
}

static void
eval_should_leave_a_division_by_zero_unknown(void **state)
{
	(void)state;
	/* a contract of no days: its pro-rating cannot be computed */
	is_unknown("truncate(1 / days(as_of, as_of), 1)");
	is_unknown("truncate(revenue.main_business / (revenue.ai_share - "
	    "0.65), 1)");
	is_unknown("truncate(1 / days(as_of, as_of), 1) > 0");
	bool_is("truncate(1 / days(as_of, as_of), 1) > 0 or startup", 1);
	num_on_is(&F.period, "sum(compute_purchases where item.id == "
	    "\"nn-1\", " PRORATED ")", "83676");
}

static void
eval_should_fail_on_a_quotient_too_large(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = compile("truncate(revenue.main_business / 0.000000001, 0.01)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'truncate(revenue.main_business / 0.000000001, 0.01)'");
}

static void
eval_should_count_whole_months(void **state)
{
	(void)state;
	num_is("months(2023-01-31, 2023-07-30)", "5");
	num_is("months(2023-01-31, 2023-07-31)", "6");
	num_is("months(2024-12-15, 2025-06-14)", "5");
	num_is("months(2024-12-15, 2025-06-15)", "6");
	/* complete on the last day of a shorter month */
	num_is("months(2024-08-31, 2025-02-27)", "5");
	num_is("months(2024-08-31, 2025-02-28)", "6");
	num_is("months(2023-08-31, 2024-02-29)", "6");
	num_is("months(2024-01-31, 2024-02-28)", "0");
	num_is("months(2024-01-31, 2024-02-29)", "1");
	num_is("months(2021-03-15, 2025-03-15)", "48");
	num_is("months(2021-03-15, 2025-04-14)", "48");
	num_is("months(2021-03-15, 2025-04-15)", "49");
	num_is("months(2021-01-31, 2025-02-28)", "49");
	num_is("months(2025-06-30, 2025-06-30)", "0");
	num_is("months(2025-03-15, 2025-01-15)", "-2");
	num_is("months(registered_on, as_of)", "29");
	unknown_on(&F.bare, "months(registered_on, as_of)");
}

static void
eval_should_tell_whether_a_field_is_present(void **state)
{
	(void)state;
	bool_is("present(revenue)", 1);
	bool_is("present(revenue.main_business)", 1);
	bool_is("present(revenue.prior_max)", 0);
	bool_is("present(returnee_startup)", 0);
	bool_is("present(returnee_startup.tier)", 0);
	bool_is("present(registered_on)", 1);
	bool_on_is(&F.bare, "present(registered_on)", 0);
	bool_is("not present(returnee_startup.tier)", 1);
}

/* Two purchases on contracts the voucher paid for, one before and one
 * after the claim date, one on a contract another program paid for, one
 * with no contract. */
static const char ledger_json[] =
	"{\"kind\": \"enterprise\","
	"\"compute_purchases\": ["
	"  {\"id\": \"cp-1\", \"amount\": 100, \"contract\": \"C-1\"},"
	"  {\"id\": \"cp-2\", \"amount\": 200, \"contract\": \"C-2\"},"
	"  {\"id\": \"cp-3\", \"amount\": 400, \"contract\": \"C-3\"},"
	"  {\"id\": \"cp-4\", \"amount\": 800}"
	"],"
	"\"prior_awards\": ["
	"  {\"id\": \"pa-1\", \"program\": \"c.voucher\", \"date\": \"2025-06-30\","
	"   \"amount\": 1, \"contract\": \"C-1\"},"
	"  {\"id\": \"pa-2\", \"program\": \"c.voucher\", \"date\": \"2025-07-01\","
	"   \"amount\": 1, \"contract\": \"C-2\"},"
	"  {\"id\": \"pa-3\", \"program\": \"c.other\", \"date\": \"2025-01-01\","
	"   \"amount\": 1, \"contract\": \"C-3\"}"
	"]}";

/* The prior award each traced entry was given, by its id, one a line. */
static void
collect_awarded(void *ctx, const struct ais_trace_entry *t)
{
	struct ais_buf *b = ctx;

	ais_item_label(t->item, b);
	ais_buf_adds(b, t->counted ? " counted" : " not counted");
	if (t->awarded) {
		ais_buf_adds(b, ", ");
		ais_item_label(t->awarded, b);
	}
	ais_buf_addc(b, '\n');
}

static void
awarded_should_find_the_programs_own_award_of_the_contract(void **state)
{
	struct ais_profile p;
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;
	struct ais_trace tr;

	(void)state;
	read_profile(&p, ledger_json);
	e = compile("sum(compute_purchases where not awarded(item.contract), "
	    "item.amount)");
	init_eval(&ev, &p, NULL);
	ev.program = "c.voucher";
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	/* C-1 was paid on the claim date; C-2 only after it, C-3 by another
	 * program, and cp-4 names no contract */
	check_num("not awarded", v, "1400");
	/* the award found, for each entry: the one that counted, or the one
	 * dated after the claim date that did not */
	tr.entry = collect_awarded;
	tr.ctx = &F.trace;
	ais_buf_reset(&F.trace);
	ev.trace = &tr;
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	assert_string_equal(F.trace.p, "cp-1 not counted, pa-1\n"
	    "cp-2 counted, pa-2\ncp-3 counted\ncp-4 counted\n");
	/* another program's contracts are its own */
	ev.trace = NULL;
	ev.program = "c.other";
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_num("not awarded by c.other", v, "1100");
	/* no program: nothing was awarded */
	ev.program = NULL;
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_num("no program", v, "1500");
	/* a literal contract; and one day later C-2 counts too */
	ev.program = "c.voucher";
	e = compile("awarded(\"C-2\")");
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_bool("awarded C-2", v, 0);
	assert_non_null(ev.awarded);
	ev.as_of = ais_date_from_ymd(2025, 7, 1);
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_bool("awarded C-2 on 2025-07-01", v, 1);
	/* what awarded() reads is the contract, as a check reports it */
	e = compile_in("not awarded(item.contract)", "compute_purchases");
	ev.item = &p.root.v[ais_schema_find(p.root.schema,
	    "compute_purchases", 17)].u.list->items[0];
	{
		struct ais_read r[4];

		assert_int_equal(ais_expr_reads(e, &ev, 0, r, 4), 1);
		assert_int_equal(r[0].len, 8);
		assert_memory_equal(r[0].field, "contract", 8);
	}
	ais_profile_release(&p);
}

static void
eval_should_sum_with_and_without_where(void **state)
{
	(void)state;
	num_is("sum(compute_purchases, item.amount)", "7500000.5");
	num_is("sum(compute_purchases where item.purpose == \"model_training\","
	    " item.amount)", "6500000.5");
	num_is("sum(compute_purchases where item.purpose == \"model_training\""
	    " and item.provider_listed and not item.affiliated, item.amount)",
	    "4000000");
	num_is("sum(compute_purchases where item.amount > 100000000, "
	    "item.amount)", "0");
	num_is("sum(compute_purchases, item.amount * 50%)", "3750000.25");
	num_is("sum(compute_purchases, 1)", "3");
	/* an entry whose value is not given is left out */
	num_is("sum(software_products, item.rd_expenditure)", "8000000");
	/* the filter may read the profile outside the entry */
	num_is("sum(compute_purchases where startup, item.amount)",
	    "7500000.5");
}

static void
eval_should_count_and_test_any_and_all(void **state)
{
	(void)state;
	num_is("count(compute_purchases)", "3");
	num_is("count(compute_purchases where item.purpose == \"inference\")",
	    "1");
	num_is("count(compute_purchases where item.affiliated)", "1");
	num_is("count(honors)", "1");
	num_is("count(honors where item == \"chain_leader\")", "0");
	bool_is("any(compute_purchases where item.purpose == \"inference\")",
	    1);
	bool_is("any(compute_purchases where item.purpose == \"other\")", 0);
	bool_is("any(compute_purchases)", 1);
	bool_is("any(honors where item == \"little_giant\")", 1);
	bool_is("all(compute_purchases where item.amount > 0)", 1);
	bool_is("all(compute_purchases where item.purpose == "
	    "\"model_training\")", 0);
	bool_is("all(compute_purchases where item.provider_listed)", 1);
	/* an entry whose filter is unknown does not satisfy all() */
	bool_is("all(software_products where item.rd_expenditure > 0)", 0);
	bool_is("any(software_products where item.rd_expenditure > 0)", 1);
	num_is("count(software_products where item.rd_expenditure > 0)", "1");
}

static void
eval_should_take_max_of_and_min_of(void **state)
{
	(void)state;
	num_is("max_of(compute_purchases, item.amount)", "4000000");
	num_is("min_of(compute_purchases, item.amount)", "1000000");
	num_is("max_of(compute_purchases where item.affiliated, item.amount)",
	    "2500000.5");
	num_is("min_of(compute_purchases where item.purpose == "
	    "\"model_training\", item.amount)", "2500000.5");
	num_is("max_of(compute_purchases, 0 - item.amount)", "-1000000");
	/* nothing to take the largest of: unknown */
	is_unknown("max_of(compute_purchases where item.amount > 1亿, "
	    "item.amount)");
	is_unknown("min_of(software_products where item.rd_expenditure == "
	    "null, item.rd_expenditure)");
	num_is("max_of(software_products, item.rd_expenditure)", "8000000");
}

static void
eval_should_treat_an_absent_list_as_empty(void **state)
{
	(void)state;
	num_on_is(&F.bare, "sum(compute_purchases, item.amount)", "0");
	num_on_is(&F.bare, "count(compute_purchases)", "0");
	num_on_is(&F.bare, "count(honors)", "0");
	bool_on_is(&F.bare, "any(compute_purchases)", 0);
	bool_on_is(&F.bare, "any(honors where item == \"little_giant\")", 0);
	bool_on_is(&F.bare, "all(compute_purchases where item.amount > 0)", 1);
	unknown_on(&F.bare, "max_of(compute_purchases, item.amount)");
	unknown_on(&F.bare, "min_of(corpus_purchases, item.amount)");
	num_is("sum(corpus_purchases, item.amount)", "0");
}

static void
eval_should_return_minus_one_with_a_message_on_overflow(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = compile("9223372036854775807 + 1");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'9223372036854775807 + 1'");

	e = compile("revenue.main_business * 1亿 * 1亿");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'revenue.main_business * 1亿 * 1亿'");

	/* inside an aggregate: the part that overflowed is named */
	e = compile("sum(compute_purchases, item.amount * 1000000000000)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'item.amount * 1000000000000'");
	/* the entry bound before the aggregate is back */
	assert_null(ev.item);

	/* the sum itself: 8e18 + 2e18 */
	e = compile("sum(compute_purchases where not item.affiliated, "
	    "item.amount * 2000000000000)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'sum(compute_purchases where not item.affiliated, "
	    "item.amount * 2000000000000)'");
	assert_null(ev.item);

	e = compile("0 - 9223372036854775807 - 2");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "number too large in "
	    "'0 - 9223372036854775807 - 2'");

	/* a later evaluation that succeeds clears the message */
	e = compile("1 + 1");
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	assert_string_equal(ev.errmsg, "");
	check_num("1 + 1", v, "2");
}

static void
compile_should_refuse_a_literal_too_large(void **state)
{
	(void)state;
	compile_err("100000000000000亿", 0, "number too large");
}

/* ---- limits (docs/limits.md) ---- */

/* pre n times, then mid, then post n times, on the heap. */
static char *
nested(const char *pre, size_t n, const char *mid, const char *post)
{
	size_t a = strlen(pre), b = strlen(mid), c = strlen(post), i;
	char *s = malloc(a * n + b + c * n + 1), *q = s;

	assert_non_null(s);
	for (i = 0; i < n; i++, q += a)
		memcpy(q, pre, a);
	memcpy(q, mid, b);
	q += b;
	for (i = 0; i < n; i++, q += c)
		memcpy(q, post, c);
	*q = '\0';
	return s;
}

/* term joined by op, n times (n - 1 operators). */
static char *
chain(const char *term, const char *op, size_t n)
{
	size_t a = strlen(term), b = strlen(op), i;
	char *s = malloc((a + b) * n + 1), *q = s;

	assert_non_null(s);
	for (i = 0; i < n; i++) {
		if (i > 0) {
			memcpy(q, op, b);
			q += b;
		}
		memcpy(q, term, a);
		q += a;
	}
	*q = '\0';
	return s;
}

/* "1 in " followed by s, which is freed. */
static char *
in_list(char *s)
{
	size_t n = strlen(s);
	char *r = malloc(n + 6);

	assert_non_null(r);
	memcpy(r, "1 in ", 5);
	memcpy(r + 5, s, n + 1);
	free(s);
	return r;
}

/* Each kind of nesting: 256 levels compile, the 257th opener fails. */
static void
compile_should_refuse_an_expression_nested_too_deep(void **state)
{
	static const struct {
		const char *pre, *mid, *post;
	} kinds[] = {
		{"(", "1%", ")"},
		{"not ", "true", ""},
		{"-", "1%", ""},
		{"if(true, ", "1%", ", 1%)"},
		{"min(1%, ", "1%", ")"},
		{"max(", "1%", ", 1%)"},
		{"[", "1", "]"},	/* after "1 in " */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char *ok = nested(kinds[i].pre, AIS_EXPR_MAX_DEPTH,
		    kinds[i].mid, kinds[i].post);
		char *deep = nested(kinds[i].pre, AIS_EXPR_MAX_DEPTH + 1,
		    kinds[i].mid, kinds[i].post);
		char *huge = nested(kinds[i].pre, 100000, kinds[i].mid,
		    kinds[i].post);
		size_t at = strlen(kinds[i].pre) * AIS_EXPR_MAX_DEPTH;

		if (i == 6) {
			deep = in_list(deep);
			huge = in_list(huge);
		}

		/* a list holds literals only: "[[1]]" fails for what it
		 * holds, but not for its depth */
		if (i < 6)
			compile(ok);
		/* the lists open after "1 in " */
		if (i == 6)
			at += 5;
		compile_err(deep, at, "expression nested too deep (more than "
		    "256 levels)");
		compile_err(huge, at, "expression nested too deep (more than "
		    "256 levels)");
		free(ok);
		free(deep);
		free(huge);
	}
}

/* A chain leans left, as deep as it is long: 256 operators evaluate and
 * describe, the 257th is refused where it stands. */
static void
compile_should_refuse_a_chain_of_more_than_256_operators(void **state)
{
	static const struct {
		const char *term, *op;
	} kinds[] = {
		{"1%", "+"}, {"1%", " - "}, {"1", "*"},
		{"true", " and "}, {"startup", " or "},
		{"revenue.main_business", " + "},
	};
	static const char *const want =
	    "expression too deep (more than 256 levels; each operator of a "
	    "chain such as 'a + b + c' is one level)";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		char *ok = chain(kinds[i].term, kinds[i].op,
		    AIS_EXPR_MAX_DEPTH + 1);
		char *deep = chain(kinds[i].term, kinds[i].op,
		    AIS_EXPR_MAX_DEPTH + 2);
		char *huge = chain(kinds[i].term, kinds[i].op, 48000);
		size_t t = strlen(kinds[i].term), o = strlen(kinds[i].op);
		/* the 257th operator, past its leading space */
		size_t at = (t + o) * (AIS_EXPR_MAX_DEPTH + 1) - o +
		    (kinds[i].op[0] == ' ');
		struct ais_expr *e = compile(ok);
		struct ais_buf b = AIS_BUF_INIT;
		struct ais_eval ev;
		struct ais_value v;

		init_eval(&ev, &F.full, NULL);
		assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
		ais_expr_describe(e, &ev, &b);
		ais_buf_release(&b);
		compile_err(deep, at, want);
		compile_err(huge, at, want);
		free(ok);
		free(deep);
		free(huge);
	}
	/* a chain of 'and' in a 'where' is flattened by a walk too */
	{
		char *w = chain("item.amount > 0", " and ", 48000);
		char *src = malloc(strlen(w) + 64);

		assert_non_null(src);
		snprintf(src, strlen(w) + 64, "count(compute_purchases where "
		    "%s)", w);
		/* each comparison is a level: the 256th 'and' is the 257th */
		compile_err(src, 30 + 256 * 20 - 5 + 1, want);
		free(w);
		free(src);
	}
}

/* Nesting and chains together count in one tree. */
static void
compile_should_count_nesting_and_chains_in_one_depth(void **state)
{
	char *inner = chain("1", "+", 200);	/* 199 levels */
	char *src = nested("-(", 60, inner, ")");

	(void)state;
	/* 60 levels of '-' above 199 of '+': the third '-' from the left
	 * is the 257th level, counted from the inside out */
	compile_err(src, 4, "expression too deep (more than 256 levels; "
	    "each operator of a chain such as 'a + b + c' is one level)");
	free(src);
	src = nested("-(", 57, inner, ")");
	num_is(src, "-200");
	free(src);
	free(inner);
}

/* Aggregates nest at most 8 deep, each binding its own 'item'. */
static void
compile_should_refuse_aggregates_nested_more_than_8_deep(void **state)
{
	char *ok = nested("count(compute_purchases where ", 7, "true", ") > 0");
	char *deep = nested("count(compute_purchases where ", 8, "true",
	    ") > 0");

	(void)state;
	compile(ok);
	/* the list of the ninth, counting the one 'each' may bind */
	compile_err_in(deep, "compute_purchases", -1, 30 * 7 + 6, "aggregates "
	    "nested too deep");
	free(ok);
	free(deep);
}

/* min() and max() take 16 arguments, a list literal 64 entries. */
static void
compile_should_refuse_more_than_16_arguments_and_64_list_entries(void **state)
{
	char *ok = chain("1", ", ", 16), *many = chain("1", ", ", 17);
	char src[512];

	(void)state;
	snprintf(src, sizeof src, "max(%s)", ok);
	num_is(src, "1");
	snprintf(src, sizeof src, "max(%s)", many);
	compile_err(src, 4 + 16 * 3 - 1, "too many arguments");
	free(ok);
	free(many);
	ok = chain("1", ", ", 64);
	many = chain("1", ", ", 65);
	snprintf(src, sizeof src, "1 in [%s]", ok);
	bool_is(src, 1);
	snprintf(src, sizeof src, "1 in [%s]", many);
	compile_err(src, 6 + 64 * 3 - 1, "list too long");
	free(ok);
	free(many);
}

/* The record keeps every field a condition reads and every comparison
 * it makes: past 32 fields or 16 comparisons the rule is refused. */
static void
compile_should_refuse_more_fields_or_comparisons_than_the_record_keeps(
	void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t i, k, n = 0;
	size_t off;
	char msg[160];

	(void)state;
	/* present(f) for every field and object field of the schema, any(l)
	 * for every list */
	for (i = 0; i < R->schema->n; i++) {
		const struct ais_field *f = &R->schema->fields[i];

		if (strcmp(f->name, "as_of") == 0)
			continue;	/* the claim date: read below */
		if (f->type == AIS_F_LIST || f->type == AIS_F_ENUMLIST) {
			ais_buf_addf(&b, "%sany(%s)", n++ ? " or " : "",
			    f->name);
			continue;
		}
		if (f->type != AIS_F_OBJECT) {
			ais_buf_addf(&b, "%spresent(%s)", n++ ? " or " : "",
			    f->name);
			continue;
		}
		for (k = 0; k < f->sub->n; k++)
			ais_buf_addf(&b, "%spresent(%s.%s)", n++ ? " or " : "",
			    f->name, f->sub->fields[k].name);
	}
	/* the profile has fewer fields than the record keeps: all of them
	 * at once are recorded (the refusal waits for a larger schema) */
	assert_true(n + 1 <= AIS_EXPR_MAX_READS);
	ais_buf_adds(&b, " or as_of == 2025-01-01");
	if (!ais_expr_compile(&F.arena, R->schema, b.p, b.len, NULL, -1, &off, msg,
	    sizeof msg))
		fail_msg("%s at %zu: %s", msg, off, b.p);
	/* comparisons: 16, then 17 */
	ais_buf_reset(&b);
	for (i = 0; i < AIS_EXPR_MAX_CMPS; i++)
		ais_buf_addf(&b, "%sas_of == 2025-01-%02zu", i ? " or " : "",
		    i + 1);
	assert_non_null(ais_expr_compile(&F.arena, R->schema, b.p, b.len, NULL, -1, &off,
	    msg, sizeof msg));
	ais_buf_adds(&b, " or as_of == 2025-02-01");
	assert_null(ais_expr_compile(&F.arena, R->schema, b.p, b.len, NULL, -1, &off, msg,
	    sizeof msg));
	assert_string_equal(msg, "an expression makes at most 16 comparisons "
	    "(the result records each)");
	ais_buf_release(&b);
}

/* An unknown name of 10 MB: no suggestion is looked for past 64 bytes,
 * and the message quotes its start only. */
static void
compile_should_quote_a_very_long_name_shortened(void **state)
{
	size_t n = 10 * 1024 * 1024;
	char *src = malloc(n + 8);
	char want[128];

	(void)state;
	assert_non_null(src);
	memcpy(src, "1 + ", 4);
	memset(src + 4, 'k', n);
	src[n + 4] = '\0';
	snprintf(want, sizeof want, "'%.61s...' is not a field of profile",
	    src + 4);
	compile_err(src, 4, want);
	/* a long name that starts with a field is not guessed at */
	memcpy(src + 4, "kind", 4);
	snprintf(want, sizeof want, "'%.61s...' is not a field of profile",
	    src + 4);
	compile_err(src, 4, want);
	/* functions too */
	memcpy(src + n + 2, "()", 3);
	snprintf(want, sizeof want, "unknown function '%.61s...'", src + 4);
	compile_err(src, 4, want);
	free(src);
	/* 64 bytes are quoted whole */
	src = nested("k", 64, "", "");
	snprintf(want, sizeof want, "'%s' is not a field of profile", src);
	compile_err(src, 0, want);
	free(src);
	/* a long string compared with an enum */
	src = malloc(100016);
	assert_non_null(src);
	memcpy(src, "kind == \"", 9);
	memset(src + 9, 'e', 100000);
	memcpy(src + 100009, "\"", 2);
	snprintf(want, sizeof want, "\"%.61s...\" is not a value of kind",
	    src + 9);
	compile_err(src, 8, want);
	free(src);
}

/* A number with more places than a decimal holds says so, and how many
 * it may have. */
static void
compile_should_name_the_precision_limit_of_a_number(void **state)
{
	(void)state;
	compile_err("0.1234567890123456789", 0, "'0.1234567890123456789' has "
	    "19 decimal places; at most 18 are supported");
	compile_err("1 + 0.1234567890123456789%", 4, "'0.1234567890123456789%' "
	    "has 19 decimal places; at most 18 are supported");
	compile_err("12.34567890123456789%", 0, "'12.34567890123456789%' has 19 "
	    "decimal places as a ratio (a percentage adds two); at most 18 are "
	    "supported");
	compile_err("10.123456789012345678", 0, "'10.123456789012345678' has "
	    "too many digits; at most 18 significant digits are supported");
	num_is("0.123456789012345678", "0.123456789012345678");
	num_is("12.3456789012345678%", "0.123456789012345678");
	/* trailing zeros make room for a percentage */
	num_is("12.34567890123456780%", "0.123456789012345678");
	/* 万 and 亿 move the point before they grow the number */
	num_is("0.123456789012345678万", "1234.56789012345678");
	num_is("0.00000001亿", "1");
}

static void
eval_should_name_the_precision_limit_of_a_product(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	e = compile("revenue.ai_share * 0.000000000000000001");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), -1);
	assert_string_equal(ev.errmsg, "more than 18 decimal places in "
	    "'revenue.ai_share * 0.000000000000000001'");
}

/* ---- describe ---- */

static void
describe_should_list_the_values_read_once_each_in_order(void **state)
{
	(void)state;
	describe_is("kind == \"enterprise\" and startup",
	    "kind = \"enterprise\", startup = true");
	describe_is("if(kind == \"enterprise\" and startup, 60%, 50%)",
	    "kind = \"enterprise\", startup = true");
	describe_is("kind == \"enterprise\" or kind == \"university\"",
	    "kind = \"enterprise\"");
	describe_is("months(registered_on, as_of) >= 6 and "
	    "months(registered_on, as_of) <= 48",
	    "registered_on = 2023-01-31, as_of = 2025-06-30");
	describe_is("revenue.main_business >= 3亿 and revenue.ai_share >= 60%",
	    "revenue.main_business = 320000000, revenue.ai_share = 0.65");
	describe_is("present(returnee_startup)", "returnee_startup: not given");
	describe_is("revenue.prior_max < 1", "revenue.prior_max: not given");
	describe_is("present(revenue)", "revenue = given");
	describe_is("\"little_giant\" in honors", "honors = 1 entry");
}

static void
describe_should_show_an_aggregate_by_its_list_only(void **state)
{
	(void)state;
	describe_is("any(compute_purchases where item.purpose == "
	    "\"model_training\")", "compute_purchases = 3 entries");
	describe_is("sum(software_products where startup, item.rd_expenditure)"
	    " > 0", "software_products = 2 entries");
}

static void
describe_should_add_nothing_when_no_field_is_read(void **state)
{
	(void)state;
	describe_is("1 + 2 > 2", "");
	describe_is("kind in [\"enterprise\"]", "kind = \"enterprise\"");
}

/* ---- trace ---- */

static void
trace_should_say_which_entries_were_counted_and_why_not(void **state)
{
	struct ais_value v;

	(void)state;
	v = trace_is("sum(compute_purchases where item.purpose == "
	    "\"model_training\" and item.provider_listed and not "
	    "item.affiliated, item.amount)",
	    "counted: cp-1 (4000000)\n"
	    "not counted: cp-2 (needs item.purpose == \"model_training\"; "
	    "purpose = \"inference\")\n"
	    "not counted: cp-3 (needs not item.affiliated; affiliated = true)\n");
	check_num("trace sum", v, "4000000");
}

static void
trace_should_give_the_value_not_given_when_an_entry_has_none(void **state)
{
	(void)state;
	trace_is("sum(software_products, item.rd_expenditure)",
	    "counted: sw-1 (8000000)\n"
	    "not counted: sw-2 (its value 'item.rd_expenditure' is not given)\n");
	trace_is("sum(software_products where item.rd_expenditure > 1, "
	    "item.rd_expenditure)",
	    "counted: sw-1 (8000000)\n"
	    "not counted: sw-2 (needs item.rd_expenditure > 1; rd_expenditure: "
	    "not given)\n");
}

static void
trace_should_name_the_fields_of_a_value_that_cannot_be_computed(
	void **state)
{
	struct ais_value v;

	(void)state;
	v = trace_on(&F.period, "sum(compute_purchases, " PRORATED ")",
	    "counted: nn-1 (83676)\n"
	    "not counted: nn-2 (its value '" PRORATED "' is not given; "
	    "settled: not given, start = 2025-01-01, end = 2026-12-31)\n"
	    "not counted: nn-3 (its value '" PRORATED "' is not given; "
	    "settled = 50000, start = 2025-05-01, end = 2025-05-01)\n");
	check_num("pro-rated sum", v, "83676");
	/* a value that is one field names itself, as before */
	trace_on(&F.period, "sum(compute_purchases, item.settled)",
	    "counted: nn-1 (200000)\n"
	    "not counted: nn-2 (its value 'item.settled' is not given)\n"
	    "counted: nn-3 (50000)\n");
}

/* Entry i of list field name of profile p. */
static const struct ais_value *
list_entry(const struct ais_profile *p, const char *name, size_t i)
{
	const struct ais_value *l = &p->root.v[ais_schema_find(
	    R->schema, name, strlen(name))];

	assert_int_equal(l->t, AIS_V_LIST);
	assert_true(i < l->u.list->n);
	return &l->u.list->items[i];
}

/* Evaluates src on the period profile with the program's validity from
 * valid_from (YYYY-MM-DD) and the claim date as_of; the trace must be
 * want, and the value is returned. */
static struct ais_value
trace_dated(const char *src, const char *valid_from, const char *as_of,
	const char *want)
{
	struct ais_expr *e = compile(src);
	struct ais_eval ev;
	struct ais_value v;

	ais_buf_reset(&F.trace);
	init_eval(&ev, &F.period, &F.tr);
	assert_int_equal(ais_date_parse(valid_from, 10, &ev.valid_from), 0);
	assert_int_equal(ais_date_parse(as_of, 10, &ev.as_of), 0);
	if (ais_expr_eval(e, &ev, &v) != 0)
		fail_msg("'%s' failed: %s", src, ev.errmsg);
	assert_string_equal(F.trace.p ? F.trace.p : "", want);
	return v;
}

static void
aggregates_should_not_count_entries_dated_outside_the_claim(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;
	struct ais_read r;

	(void)state;
	/* nn-1 is signed on 2024-12-20; nn-2 and nn-3 give no date */
	v = trace_dated("sum(compute_purchases, item.amount)", "2025-01-01",
	    "2025-06-30",
	    "not counted: nn-1 (dated before; signed_on = 2024-12-20)\n"
	    "counted: nn-2 (100000)\n"
	    "counted: nn-3 (100000)\n");
	check_num("sum", v, "200000");
	v = trace_dated("count(compute_purchases)", "2024-12-20",
	    "2024-12-19",
	    "not counted: nn-1 (dated after; signed_on = 2024-12-20)\n"
	    "counted: nn-2\n"
	    "counted: nn-3\n");
	check_num("count", v, "2");
	/* on its first and last days an entry counts */
	v = trace_dated("count(compute_purchases)", "2024-12-20",
	    "2024-12-20", "counted: nn-1\ncounted: nn-2\ncounted: nn-3\n");
	check_num("count", v, "3");
	/* all() and any() see only the entries that count */
	v = trace_dated("all(compute_purchases where present(item.signed_on) "
	    "== false)", "2025-01-01", "2025-06-30",
	    "not counted: nn-1 (dated before; signed_on = 2024-12-20)\n"
	    "counted: nn-2\n"
	    "counted: nn-3\n");
	check_bool("all", v, 1);
	v = trace_dated("any(compute_purchases where present(item.signed_on))",
	    "2025-01-01", "2025-06-30",
	    "not counted: nn-1 (dated before; signed_on = 2024-12-20)\n"
	    "not counted: nn-2 (needs present(item.signed_on); "
	    "signed_on: not given)\n"
	    "not counted: nn-3 (needs present(item.signed_on); "
	    "signed_on: not given)\n");
	check_bool("any", v, 0);
	/* without a trace, the same */
	e = compile("max_of(compute_purchases, item.amount)");
	init_eval(&ev, &F.period, NULL);
	ev.as_of = ais_date_from_ymd(2024, 12, 19);
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_num("max_of", v, "100000");
	/* ais_entry_dated: the field that dates it, and entries of strings
	 * or without a dated_by field are never dated */
	assert_int_equal(ais_entry_dated(&ev,
	    list_entry(&F.period, "compute_purchases", 0), &r), 1);
	assert_int_equal(r.len, 9);
	assert_memory_equal(r.field, "signed_on", 9);
	assert_int_equal(ais_entry_dated(&ev,
	    list_entry(&F.period, "compute_purchases", 1), NULL), 0);
	init_eval(&ev, &F.full, NULL);
	ev.as_of = AIS_DATE_MIN + 1;
	assert_int_equal(ais_entry_dated(&ev, list_entry(&F.full, "honors", 0),
	    NULL), 0);
	assert_int_equal(ais_entry_dated(&ev, list_entry(&F.full,
	    "software_products", 0), NULL), 0);
}

static void
describe_should_list_what_the_date_functions_read(void **state)
{
	(void)state;
	describe_is("days(registered_on, as_of) > 30 and "
	    "add_months(registered_on, 6) <= as_of",
	    "registered_on = 2023-01-31, as_of = 2025-06-30");
	describe_is("truncate(revenue.main_business / revenue.prior_max, 1)",
	    "revenue.main_business = 320000000, revenue.prior_max: not given");
}

static void
trace_should_name_entries_without_an_id_by_their_path(void **state)
{
	(void)state;
	trace_is("count(standards_led where item.level == \"national\")",
	    "counted: $.standards_led[0]\n");
	trace_is("count(standards_led where item.level == \"industry\")",
	    "not counted: $.standards_led[0] (needs item.level == \"industry\"; "
	    "level = \"national\")\n");
}

static void
trace_should_show_a_filter_that_reads_no_entry_field_without_values(
	void **state)
{
	(void)state;
	trace_on(&F.full, "sum(compute_purchases where not startup, "
	    "item.amount)",
	    "not counted: cp-1 (needs not startup)\n"
	    "not counted: cp-2 (needs not startup)\n"
	    "not counted: cp-3 (needs not startup)\n");
}

static void
trace_should_name_string_entries_by_themselves(void **state)
{
	(void)state;
	trace_is("any(honors where item == \"little_giant\")",
	    "counted: little_giant\n");
	trace_is("count(honors where item == \"chain_leader\")",
	    "not counted: little_giant (needs item == \"chain_leader\")\n");
}

static void
trace_should_say_nothing_for_an_empty_list_or_without_a_trace(void **state)
{
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;

	(void)state;
	trace_on(&F.bare, "sum(compute_purchases, item.amount)", "");
	trace_is("1 + 1", "");
	/* no trace: nothing is called */
	ais_buf_reset(&F.trace);
	e = compile("sum(compute_purchases, item.amount)");
	init_eval(&ev, &F.full, NULL);
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	assert_int_equal(F.trace.len, 0);
}

/* ---- per-entry terms ---- */

static void
eval_should_read_item_bound_by_the_caller(void **state)
{
	const struct ais_value *list;
	struct ais_expr *e;
	struct ais_eval ev;
	struct ais_value v;
	int k;

	(void)state;
	e = compile_in("item.amount * 10%", "compute_purchases");
	k = ais_schema_find(R->schema, "compute_purchases", 17);
	list = &F.full.root.v[k];
	assert_int_equal(list->t, AIS_V_LIST);
	init_eval(&ev, &F.full, NULL);
	ev.item = &list->u.list->items[2];
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	check_num("item.amount * 10%", v, "250000.05");
	/* no entry bound: unknown */
	ev.item = NULL;
	assert_int_equal(ais_expr_eval(e, &ev, &v), 0);
	assert_int_equal(v.t, AIS_V_NULL);
}

/* ---- formatting ---- */

static void
value_format_should_write_values_as_reasons_show_them(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_value v;

	(void)state;
	memset(&v, 0, sizeof v);
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "not given");
	ais_buf_reset(&b);
	v = eval("4000000.50");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "4000000.5");
	ais_buf_reset(&b);
	v = eval("\"inference\"");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "\"inference\"");
	ais_buf_reset(&b);
	v = eval("2025-01-01");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "2025-01-01");
	ais_buf_reset(&b);
	v = eval("false");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "false");
	ais_buf_reset(&b);
	v = eval("compute_purchases");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "3 entries");
	ais_buf_reset(&b);
	v = eval("honors");
	ais_value_format(&v, &b);
	assert_string_equal(b.p, "1 entry");
	{
		/* counts of more digits, and none */
		struct ais_list l = { 1234567, NULL };
		struct ais_value lv;

		lv.t = AIS_V_LIST;
		lv.u.list = &l;
		ais_buf_reset(&b);
		ais_value_format(&lv, &b);
		assert_string_equal(b.p, "1234567 entries");
		l.n = 0;
		ais_buf_reset(&b);
		ais_value_format(&lv, &b);
		assert_string_equal(b.p, "0 entries");
	}
	ais_buf_release(&b);
}

/* The parser reads up to the length it is given: a NUL inside would have
 * cut its copy short and left it reading past the end (fuzz_expr). */
static void
compile_should_refuse_a_nul_byte_inside_the_text(void **state)
{
	static const char src[] = "kind == \"a\" and \0not startup";
	static const char fuzz[] = "\0\xff)";
	char msg[128] = "";
	size_t off = 0;

	(void)state;
	assert_null(ais_expr_compile(&F.arena, R->schema, src, sizeof src - 1, NULL,
	    AIS_E_BOOL, &off, msg, sizeof msg));
	assert_string_equal(msg, "a NUL byte inside an expression");
	assert_int_equal(off, 16);
	assert_null(ais_expr_compile(&F.arena, R->schema, fuzz, sizeof fuzz - 1, NULL,
	    -1, &off, msg, sizeof msg));
	assert_int_equal(off, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compile_should_reject_an_unknown_field_with_a_suggestion),
		cmocka_unit_test(compile_should_reject_an_unknown_field_without_a_suggestion_when_none_is_close),
		cmocka_unit_test(compile_should_reject_an_unknown_function_with_a_suggestion),
		cmocka_unit_test(compile_should_reject_arithmetic_on_a_string),
		cmocka_unit_test(compile_should_reject_comparing_values_of_different_types),
		cmocka_unit_test(compile_should_reject_an_enum_value_that_does_not_exist_with_a_suggestion),
		cmocka_unit_test(compile_should_suggest_model_training_for_training),
		cmocka_unit_test(compile_should_reject_item_outside_an_aggregate),
		cmocka_unit_test(compile_should_reject_a_field_of_a_string_entry),
		cmocka_unit_test(compile_should_refuse_a_division_that_is_not_rounded),
		cmocka_unit_test(compile_should_check_the_arguments_of_the_date_functions),
		cmocka_unit_test(compile_should_check_the_arguments_of_a_rounding),
		cmocka_unit_test(compile_should_reject_trailing_garbage),
		cmocka_unit_test(compile_should_reject_an_unclosed_string),
		cmocka_unit_test(compile_should_reject_malformed_numbers_and_dates),
		cmocka_unit_test(compile_should_refuse_a_nul_byte_inside_the_text),
		cmocka_unit_test(compile_should_check_the_arguments_of_functions),
		cmocka_unit_test(compile_should_reject_in_without_a_list),
		cmocka_unit_test(compile_should_reject_a_result_of_the_wrong_type),
		cmocka_unit_test(compile_should_read_only_len_bytes),
		cmocka_unit_test(compile_should_refuse_a_literal_too_large),
		cmocka_unit_test(compile_should_refuse_an_expression_nested_too_deep),
		cmocka_unit_test(compile_should_refuse_a_chain_of_more_than_256_operators),
		cmocka_unit_test(compile_should_count_nesting_and_chains_in_one_depth),
		cmocka_unit_test(compile_should_refuse_aggregates_nested_more_than_8_deep),
		cmocka_unit_test(compile_should_refuse_more_than_16_arguments_and_64_list_entries),
		cmocka_unit_test(compile_should_quote_a_very_long_name_shortened),
		cmocka_unit_test(
		    compile_should_refuse_more_fields_or_comparisons_than_the_record_keeps),
		cmocka_unit_test(compile_should_name_the_precision_limit_of_a_number),
		cmocka_unit_test(eval_should_name_the_precision_limit_of_a_product),
		cmocka_unit_test(compile_should_reject_ordering_against_null),
		cmocka_unit_test(compile_should_quote_a_multibyte_character_whole),
		cmocka_unit_test(compile_should_not_cut_a_character_when_quoting_trailing_garbage),
		cmocka_unit_test(compile_should_quote_a_parenthesised_operand_with_its_parenthesis),
		cmocka_unit_test(literals_should_be_exact_decimals_with_percent_wan_and_yi),
		cmocka_unit_test(literals_should_read_dates_strings_and_truth_values),
		cmocka_unit_test(compile_should_report_the_type_text_and_constness),
		cmocka_unit_test(eval_should_add_subtract_and_multiply_exactly),
		cmocka_unit_test(eval_should_compare_numbers_dates_strings_and_truth_values),
		cmocka_unit_test(eval_should_give_unknown_for_absent_values_in_arithmetic_and_comparisons),
		cmocka_unit_test(eval_should_test_absence_with_null),
		cmocka_unit_test(eval_should_decide_and_or_beside_an_unknown),
		cmocka_unit_test(eval_should_test_membership_in_lists_and_in_honors),
		cmocka_unit_test(eval_should_choose_with_if),
		cmocka_unit_test(eval_should_take_min_and_max),
		cmocka_unit_test(eval_should_count_days_between_dates),
		cmocka_unit_test(eval_should_count_the_days_two_periods_share),
		cmocka_unit_test(eval_should_add_calendar_months),
		cmocka_unit_test(eval_should_hold_a_twelve_month_term_to_its_last_day),
		cmocka_unit_test(eval_should_fail_on_months_that_are_not_whole_or_out_of_range),
		cmocka_unit_test(eval_should_divide_exactly_and_round_once_as_the_rule_says),
		cmocka_unit_test(eval_should_leave_a_division_by_zero_unknown),
		cmocka_unit_test(eval_should_fail_on_a_quotient_too_large),
		cmocka_unit_test(eval_should_count_whole_months),
		cmocka_unit_test(eval_should_tell_whether_a_field_is_present),
		cmocka_unit_test(awarded_should_find_the_programs_own_award_of_the_contract),
		cmocka_unit_test(eval_should_sum_with_and_without_where),
		cmocka_unit_test(eval_should_count_and_test_any_and_all),
		cmocka_unit_test(eval_should_take_max_of_and_min_of),
		cmocka_unit_test(eval_should_treat_an_absent_list_as_empty),
		cmocka_unit_test(eval_should_return_minus_one_with_a_message_on_overflow),
		cmocka_unit_test(describe_should_list_the_values_read_once_each_in_order),
		cmocka_unit_test(describe_should_show_an_aggregate_by_its_list_only),
		cmocka_unit_test(describe_should_add_nothing_when_no_field_is_read),
		cmocka_unit_test(trace_should_say_which_entries_were_counted_and_why_not),
		cmocka_unit_test(trace_should_give_the_value_not_given_when_an_entry_has_none),
		cmocka_unit_test(trace_should_name_the_fields_of_a_value_that_cannot_be_computed),
		cmocka_unit_test(describe_should_list_what_the_date_functions_read),
		cmocka_unit_test(aggregates_should_not_count_entries_dated_outside_the_claim),
		cmocka_unit_test(trace_should_name_entries_without_an_id_by_their_path),
		cmocka_unit_test(trace_should_show_a_filter_that_reads_no_entry_field_without_values),
		cmocka_unit_test(trace_should_name_string_entries_by_themselves),
		cmocka_unit_test(trace_should_quote_a_filter_that_begins_with_a_parenthesis_whole),
		cmocka_unit_test(eval_should_quote_a_parenthesised_operand_in_an_overflow),
		cmocka_unit_test(trace_should_say_nothing_for_an_empty_list_or_without_a_trace),
		cmocka_unit_test(eval_should_read_item_bound_by_the_caller),
		cmocka_unit_test(value_format_should_write_values_as_reasons_show_them),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
