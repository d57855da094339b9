/*
 * test_decimal.c: exact decimals and fen, at the edges: overflow,
 * comparisons across scales, strict parsing, rounding and formatting.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "decimal.h"

/* Parses s, failing the test when it is refused. */
static struct ais_dec
dec(const char *s)
{
	struct ais_dec d;

	assert_int_equal(ais_dec_parse(s, strlen(s), &d), 0);
	return d;
}

/* 1 when s is refused by the parser. */
static int
refused(const char *s)
{
	struct ais_dec d;

	return ais_dec_parse(s, strlen(s), &d) == -1;
}

/* Asserts that a is formatted as want. */
static void
assert_format(struct ais_dec a, const char *want)
{
	char buf[32];
	size_t n = ais_dec_format(a, buf, sizeof buf);

	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

static void
parse_should_keep_the_scale_as_written(void **state)
{
	struct ais_dec d;

	(void)state;
	d = dec("1.50");
	assert_int_equal(d.m, 150);
	assert_int_equal(d.s, 2);
	d = dec("-4.5");
	assert_int_equal(d.m, -45);
	assert_int_equal(d.s, 1);
	d = dec("0");
	assert_int_equal(d.m, 0);
	assert_int_equal(d.s, 0);
	d = dec("0.000000000000000001");
	assert_int_equal(d.m, 1);
	assert_int_equal(d.s, 18);
}

static void
parse_should_read_only_the_given_length(void **state)
{
	struct ais_dec d;

	(void)state;
	assert_int_equal(ais_dec_parse("12.5xyz", 4, &d), 0);
	assert_int_equal(d.m, 125);
	assert_int_equal(d.s, 1);
}

static void
parse_should_refuse_anything_but_a_plain_decimal(void **state)
{
	struct ais_dec d;

	(void)state;
	assert_true(refused(""));
	assert_true(refused("-"));
	assert_true(refused("+1"));
	assert_true(refused("1."));
	assert_true(refused(".5"));
	assert_true(refused("-.5"));
	assert_true(refused("1e3"));
	assert_true(refused("1E3"));
	assert_true(refused(" 1"));
	assert_true(refused("1 "));
	assert_true(refused("1.2.3"));
	assert_true(refused("--1"));
	assert_true(refused("0x10"));
	assert_true(refused("1,5"));
	assert_int_equal(ais_dec_parse("12", 0, &d), -1);
	assert_int_equal(ais_dec_parse("1\0002", 3, &d), -1);
}

/* The fault of a refused text, for a message that names the limit. */
static enum ais_dec_fault
fault(const char *s)
{
	return ais_dec_parse_fault(s, strlen(s));
}

static void
parse_fault_should_tell_precision_from_range_and_syntax(void **state)
{
	(void)state;
	assert_int_equal(fault("0.65"), AIS_DEC_OK);
	assert_int_equal(fault("0.123456789012345678"), AIS_DEC_OK);
	assert_int_equal(fault("9223372036854775807"), AIS_DEC_OK);
	assert_int_equal(fault("-9223372036854775808"), AIS_DEC_OK);
	/* nineteen places: precision, not range */
	assert_int_equal(fault("0.1234567890123456789"), AIS_DEC_PRECISION);
	assert_int_equal(fault("0.1000000000000000000"), AIS_DEC_PRECISION);
	/* too many digits in all, with a point: precision */
	assert_int_equal(fault("10.123456789012345678"), AIS_DEC_PRECISION);
	assert_int_equal(fault("9223372036854775807.5"), AIS_DEC_PRECISION);
	assert_int_equal(fault("0.9223372036854775808"), AIS_DEC_PRECISION);
	/* a whole part too large: range */
	assert_int_equal(fault("9223372036854775808"), AIS_DEC_RANGE);
	assert_int_equal(fault("99999999999999999999.5"), AIS_DEC_RANGE);
	/* the form first, however many digits come before */
	assert_int_equal(fault("99999999999999999999e3"), AIS_DEC_SYNTAX);
	assert_int_equal(fault("0.1234567890123456789x"), AIS_DEC_SYNTAX);
	assert_int_equal(fault("1."), AIS_DEC_SYNTAX);
	assert_int_equal(fault(""), AIS_DEC_SYNTAX);
	/* ais_dec_parse refuses each with -1 */
	assert_true(refused("0.1234567890123456789"));
	assert_true(refused("9223372036854775808"));
	assert_int_equal(ais_dec_text_places("12.3400%", 8), 4);
	assert_int_equal(ais_dec_text_places("12", 2), 0);
}

static void
mul_fault_should_tell_precision_from_range(void **state)
{
	(void)state;
	assert_int_equal(ais_dec_mul_fault(dec("0.5"), dec("0.5")), AIS_DEC_OK);
	assert_int_equal(ais_dec_mul_fault(dec("0.65"),
	    dec("0.000000000000000001")), AIS_DEC_PRECISION);
	assert_int_equal(ais_dec_mul_fault(ais_dec_make(INT64_MAX, 0),
	    dec("2")), AIS_DEC_RANGE);
}

static void
parse_should_accept_eighteen_fraction_digits_but_not_nineteen(void **state)
{
	(void)state;
	assert_false(refused("0.123456789012345678"));
	assert_true(refused("0.1234567890123456789"));
	assert_true(refused("0.0000000000000000000"));
}

static void
parse_should_read_the_int64_limits_and_refuse_beyond(void **state)
{
	struct ais_dec d;

	(void)state;
	d = dec("9223372036854775807");
	assert_true(d.m == INT64_MAX);
	d = dec("-9223372036854775808");
	assert_true(d.m == INT64_MIN);
	assert_true(refused("9223372036854775808"));
	assert_true(refused("-9223372036854775809"));
	assert_true(refused("99999999999999999999999"));
	d = dec("9.223372036854775807");
	assert_true(d.m == INT64_MAX);
	assert_int_equal(d.s, 18);
	assert_true(refused("10.000000000000000000"));
}

static void
add_should_align_scales(void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_add(dec("1.5"), dec("2.25"), &r), 0);
	assert_int_equal(r.m, 375);
	assert_int_equal(r.s, 2);
	assert_int_equal(ais_dec_add(dec("1.50"), dec("1"), &r), 0);
	assert_format(r, "2.5");
	assert_int_equal(ais_dec_sub(dec("1"), dec("0.001"), &r), 0);
	assert_format(r, "0.999");
	assert_int_equal(ais_dec_sub(dec("-1"), dec("2.5"), &r), 0);
	assert_format(r, "-3.5");
}

static void
add_should_return_minus_one_on_overflow(void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_add(ais_dec_make(INT64_MAX, 0),
	    ais_dec_make(1, 0), &r), -1);
	assert_int_equal(ais_dec_sub(ais_dec_make(INT64_MIN, 0),
	    ais_dec_make(1, 0), &r), -1);
	/* Aligning 10^17 to scale 18 overflows, and nothing can be dropped. */
	assert_int_equal(ais_dec_add(ais_dec_make(100000000000000001LL, 0),
	    ais_dec_make(1, 18), &r), -1);
	assert_int_equal(ais_dec_add(ais_dec_make(INT64_MAX, 0),
	    ais_dec_make(INT64_MAX, 0), &r), -1);
}

static void
add_should_drop_trailing_zeros_to_make_room(void **state)
{
	struct ais_dec r;

	(void)state;
	/* 9.000000000000000000 + 1 does not fit at scale 18, but 10 does. */
	assert_int_equal(ais_dec_add(ais_dec_make(9000000000000000000LL, 18),
	    ais_dec_make(1, 0), &r), 0);
	assert_format(r, "10");
}

static void
add_should_reach_the_exact_limits(void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_add(ais_dec_make(INT64_MAX - 1, 0),
	    ais_dec_make(1, 0), &r), 0);
	assert_true(r.m == INT64_MAX);
	assert_int_equal(ais_dec_sub(ais_dec_make(INT64_MIN + 1, 0),
	    ais_dec_make(1, 0), &r), 0);
	assert_true(r.m == INT64_MIN);
}

static void
mul_should_add_the_scales(void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_mul(dec("0.65"), dec("1000000"), &r), 0);
	assert_format(r, "650000");
	assert_int_equal(ais_dec_mul(dec("-1.5"), dec("1.5"), &r), 0);
	assert_int_equal(r.m, -225);
	assert_int_equal(r.s, 2);
}

static void
mul_should_return_minus_one_on_overflow(void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_mul(ais_dec_make(INT64_MAX, 0),
	    ais_dec_make(2, 0), &r), -1);
	assert_int_equal(ais_dec_mul(ais_dec_make(INT64_MIN, 0),
	    ais_dec_make(-1, 0), &r), -1);
	assert_int_equal(ais_dec_mul(ais_dec_make(4294967296LL, 0),
	    ais_dec_make(4294967296LL, 0), &r), -1);
}

static void
mul_should_drop_trailing_zeros_above_scale_eighteen(void **state)
{
	struct ais_dec r;

	(void)state;
	/* 0.5 at scale 10 times 0.2 at scale 10 is 0.1 at scale 20. */
	assert_int_equal(ais_dec_mul(ais_dec_make(5000000000LL, 10),
	    ais_dec_make(2000000000LL, 10), &r), 0);
	assert_format(r, "0.1");
	assert_true(r.s <= AIS_DEC_MAX_SCALE);
	/* 10^-10 times 10^-10 needs scale 20: refused, not rounded. */
	assert_int_equal(ais_dec_mul(ais_dec_make(1, 10),
	    ais_dec_make(1, 10), &r), -1);
}

static void
mul_should_drop_trailing_zeros_of_factors_when_the_product_overflows(
	void **state)
{
	struct ais_dec r;

	(void)state;
	assert_int_equal(ais_dec_mul(ais_dec_make(3000000000000000000LL, 18),
	    ais_dec_make(3000000000000000000LL, 18), &r), 0);
	assert_format(r, "9");
}

static void
cmp_should_compare_across_scales(void **state)
{
	(void)state;
	assert_int_equal(ais_dec_cmp(dec("1.50"), dec("1.5")), 0);
	assert_int_equal(ais_dec_cmp(dec("1.5"), dec("1.49")), 1);
	assert_int_equal(ais_dec_cmp(dec("-1.5"), dec("-1.49")), -1);
	assert_int_equal(ais_dec_cmp(dec("-0.1"), dec("0")), -1);
	assert_int_equal(ais_dec_cmp(dec("0"), dec("0.000")), 0);
	assert_int_equal(ais_dec_cmp(dec("2"), dec("10")), -1);
	assert_int_equal(ais_dec_cmp(dec("-0.5"), dec("0.5")), -1);
}

static void
cmp_should_be_exact_where_aligning_would_overflow(void **state)
{
	(void)state;
	/* INT64_MAX at scale 0 cannot be raised to scale 18. */
	assert_int_equal(ais_dec_cmp(ais_dec_make(INT64_MAX, 0),
	    ais_dec_make(INT64_MAX, 18)), 1);
	assert_int_equal(ais_dec_cmp(ais_dec_make(INT64_MIN, 0),
	    ais_dec_make(INT64_MIN, 18)), -1);
	assert_int_equal(ais_dec_cmp(ais_dec_make(9, 0),
	    ais_dec_make(9000000000000000001LL, 18)), -1);
	assert_int_equal(ais_dec_cmp(ais_dec_make(9, 0),
	    ais_dec_make(9000000000000000000LL, 18)), 0);
	assert_int_equal(ais_dec_cmp(ais_dec_make(-9, 0),
	    ais_dec_make(-8999999999999999999LL, 18)), -1);
	assert_int_equal(ais_dec_cmp(ais_dec_make(INT64_MAX, 1),
	    ais_dec_make(INT64_MAX - 1, 1)), 1);
}

static void
is_zero_and_is_neg_should_read_the_sign(void **state)
{
	(void)state;
	assert_true(ais_dec_is_zero(dec("0.00")));
	assert_true(ais_dec_is_zero(dec("-0")));
	assert_false(ais_dec_is_zero(dec("0.01")));
	assert_true(ais_dec_is_neg(dec("-0.01")));
	assert_false(ais_dec_is_neg(dec("-0")));
	assert_false(ais_dec_is_neg(dec("3")));
}

static void
places_should_ignore_trailing_zeros(void **state)
{
	(void)state;
	assert_int_equal(ais_dec_places(dec("1.500")), 1);
	assert_int_equal(ais_dec_places(dec("100")), 0);
	assert_int_equal(ais_dec_places(dec("0.000")), 0);
	assert_int_equal(ais_dec_places(dec("0.125")), 3);
	assert_int_equal(ais_dec_places(dec("-2.10")), 1);
}

static void
round_fen_should_round_half_away_from_zero(void **state)
{
	int64_t fen;

	(void)state;
	assert_int_equal(ais_dec_round_fen(dec("1.005"), &fen), 0);
	assert_int_equal(fen, 101);
	assert_int_equal(ais_dec_round_fen(dec("-1.005"), &fen), 0);
	assert_int_equal(fen, -101);
	assert_int_equal(ais_dec_round_fen(dec("1.00499999"), &fen), 0);
	assert_int_equal(fen, 100);
	assert_int_equal(ais_dec_round_fen(dec("0.004"), &fen), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(ais_dec_round_fen(dec("-0.004"), &fen), 0);
	assert_int_equal(fen, 0);
	assert_int_equal(ais_dec_round_fen(dec("0.005"), &fen), 0);
	assert_int_equal(fen, 1);
	assert_int_equal(ais_dec_round_fen(dec("1666666.666666"), &fen), 0);
	assert_int_equal(fen, 166666667);
	assert_int_equal(ais_dec_round_fen(dec("0.000000000000000005"),
	    &fen), 0);
	assert_int_equal(fen, 0);
}

static void
round_fen_should_scale_up_short_decimals(void **state)
{
	int64_t fen;

	(void)state;
	assert_int_equal(ais_dec_round_fen(dec("2400000"), &fen), 0);
	assert_int_equal(fen, 240000000);
	assert_int_equal(ais_dec_round_fen(dec("-0.5"), &fen), 0);
	assert_int_equal(fen, -50);
	assert_int_equal(ais_dec_round_fen(dec("12.34"), &fen), 0);
	assert_int_equal(fen, 1234);
}

static void
round_fen_should_return_minus_one_on_overflow(void **state)
{
	int64_t fen;

	(void)state;
	assert_int_equal(ais_dec_round_fen(ais_dec_make(INT64_MAX, 0), &fen),
	    -1);
	assert_int_equal(ais_dec_round_fen(ais_dec_make(INT64_MIN, 1), &fen),
	    -1);
	assert_int_equal(ais_dec_round_fen(ais_dec_make(INT64_MAX, 2), &fen),
	    0);
	assert_true(fen == INT64_MAX);
	assert_int_equal(ais_dec_round_fen(ais_dec_make(INT64_MIN, 3), &fen),
	    0);
	assert_true(fen == INT64_MIN / 10 - 1);
}

/* a / b rounded by mode to unit: must succeed and be formatted as want. */
static void
div_is(const char *a, const char *b, enum ais_dec_rounding mode,
	const char *unit, const char *want)
{
	struct ais_dec q;

	if (ais_dec_div(dec(a), dec(b), mode, dec(unit), &q) != 0)
		fail_msg("%s / %s to %s was refused", a, b, unit);
	assert_format(q, want);
}

static void
div_should_truncate_the_worked_example_of_nanning(void **state)
{
	(void)state;
	/* 200000 * 305 / 729 = 83676.2688..., truncated to the yuan */
	div_is("61000000", "729", AIS_ROUND_TRUNCATE, "1", "83676");
	div_is("61000000", "729", AIS_ROUND_TRUNCATE, "0.01", "83676.26");
	div_is("61000000", "729", AIS_ROUND_HALF_UP, "0.01", "83676.27");
	/* then 30%: 25102.8, truncated to the yuan */
	div_is("25102.8", "1", AIS_ROUND_TRUNCATE, "1", "25102");
	div_is("25102.8", "1", AIS_ROUND_HALF_UP, "1", "25103");
}

static void
div_should_round_once_on_the_exact_quotient(void **state)
{
	struct ais_dec q;

	(void)state;
	/* 2/3 = 0.666...: one rounding, never two */
	div_is("2", "3", AIS_ROUND_TRUNCATE, "0.01", "0.66");
	div_is("2", "3", AIS_ROUND_HALF_UP, "0.01", "0.67");
	/* a half exactly, and just under a half */
	div_is("1", "8", AIS_ROUND_HALF_UP, "0.01", "0.13");
	div_is("1", "8", AIS_ROUND_TRUNCATE, "0.01", "0.12");
	div_is("0.0049999", "1", AIS_ROUND_HALF_UP, "0.01", "0");
	div_is("0.005", "1", AIS_ROUND_HALF_UP, "0.01", "0.01");
	/* scales on both sides, and a divisor below one */
	div_is("1.5", "0.25", AIS_ROUND_TRUNCATE, "1", "6");
	div_is("100", "0.03", AIS_ROUND_TRUNCATE, "0.01", "3333.33");
	div_is("0.000000000000000001", "3", AIS_ROUND_HALF_UP,
	    "0.000000000000000001", "0");
	div_is("0.000000000000000002", "3", AIS_ROUND_HALF_UP,
	    "0.000000000000000001", "0.000000000000000001");
	/* the result has the places of its unit */
	assert_int_equal(ais_dec_div(dec("7"), dec("2"), AIS_ROUND_TRUNCATE,
	    dec("0.01"), &q), 0);
	assert_int_equal(q.m, 350);
	assert_int_equal(q.s, 2);
}

static void
div_should_round_to_units_above_one(void **state)
{
	(void)state;
	div_is("12345", "1", AIS_ROUND_TRUNCATE, "100", "12300");
	div_is("12350", "1", AIS_ROUND_HALF_UP, "100", "12400");
	div_is("12349.99", "1", AIS_ROUND_HALF_UP, "100", "12300");
	div_is("123456789", "1", AIS_ROUND_TRUNCATE, "10000", "123450000");
	div_is("1", "3", AIS_ROUND_HALF_UP, "1000000000000000000", "0");
	div_is("5", "1", AIS_ROUND_HALF_UP, "10", "10");
}

static void
div_should_round_negative_numbers_symmetrically(void **state)
{
	(void)state;
	/* truncate goes toward zero, half_up away from it, on either sign */
	div_is("-2", "3", AIS_ROUND_TRUNCATE, "0.01", "-0.66");
	div_is("2", "-3", AIS_ROUND_TRUNCATE, "0.01", "-0.66");
	div_is("-2", "-3", AIS_ROUND_TRUNCATE, "0.01", "0.66");
	div_is("-2", "3", AIS_ROUND_HALF_UP, "0.01", "-0.67");
	div_is("-1.005", "1", AIS_ROUND_HALF_UP, "0.01", "-1.01");
	div_is("-1.9", "1", AIS_ROUND_TRUNCATE, "1", "-1");
	div_is("-0.004", "1", AIS_ROUND_HALF_UP, "0.01", "0");
	div_is("-12350", "1", AIS_ROUND_HALF_UP, "100", "-12400");
}

static void
div_should_refuse_a_zero_divisor_and_a_unit_not_a_power_of_ten(
	void **state)
{
	struct ais_dec q = ais_dec_make(7, 0);

	(void)state;
	assert_int_equal(ais_dec_div(dec("1"), dec("0"), AIS_ROUND_TRUNCATE,
	    dec("1"), &q), -1);
	assert_int_equal(ais_dec_div(dec("0"), dec("0.00"), AIS_ROUND_HALF_UP,
	    dec("1"), &q), -1);
	assert_int_equal(ais_dec_div(dec("1"), dec("1"), AIS_ROUND_TRUNCATE,
	    dec("0"), &q), -1);
	assert_int_equal(ais_dec_div(dec("1"), dec("1"), AIS_ROUND_TRUNCATE,
	    dec("0.05"), &q), -1);
	assert_int_equal(ais_dec_div(dec("1"), dec("1"), AIS_ROUND_TRUNCATE,
	    dec("-1"), &q), -1);
	assert_int_equal(ais_dec_div(dec("1"), dec("1"), AIS_ROUND_TRUNCATE,
	    dec("20"), &q), -1);
	/* nothing was stored */
	assert_int_equal(q.m, 7);
	/* zero divided is zero */
	div_is("0", "7", AIS_ROUND_HALF_UP, "0.01", "0");
}

static void
div_should_return_minus_one_on_overflow(void **state)
{
	struct ais_dec q;

	(void)state;
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 0), dec("0.1"),
	    AIS_ROUND_TRUNCATE, dec("1"), &q), -1);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 0), dec("1"),
	    AIS_ROUND_TRUNCATE, dec("0.1"), &q), -1);
	assert_int_equal(ais_dec_div(dec("92233720368547758.07"), dec("1"),
	    AIS_ROUND_TRUNCATE, dec("0.001"), &q), -1);
	/* rounding up past the limit */
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 1), dec("1"),
	    AIS_ROUND_HALF_UP, dec("1"), &q), 0);
	assert_true(q.m == INT64_MAX / 10 + 1);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 0), dec("1"),
	    AIS_ROUND_HALF_UP, dec("1"), &q), 0);
	assert_true(q.m == INT64_MAX);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 0), dec("2"),
	    AIS_ROUND_HALF_UP, dec("10"), &q), 0);
	assert_true(q.m == 4611686018427387900LL);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 0), dec("1"),
	    AIS_ROUND_HALF_UP, dec("10"), &q), -1);
	/* the most negative number is reached, not passed */
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MIN, 0), dec("1"),
	    AIS_ROUND_TRUNCATE, dec("1"), &q), 0);
	assert_true(q.m == INT64_MIN);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MIN, 0), dec("-1"),
	    AIS_ROUND_TRUNCATE, dec("1"), &q), -1);
	/* divisors whose remainders would overflow 10r, and a divisor
	 * that passes 64 bits once scaled */
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX - 1, 0),
	    ais_dec_make(INT64_MAX, 0), AIS_ROUND_TRUNCATE,
	    dec("0.000000000000000001"), &q), 0);
	assert_true(q.m == 999999999999999999LL);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MIN, 0),
	    ais_dec_make(INT64_MAX, 0), AIS_ROUND_HALF_UP,
	    dec("0.000000000000000001"), &q), 0);
	assert_true(q.m == -1000000000000000000LL);
	assert_int_equal(ais_dec_div(ais_dec_make(INT64_MAX, 18),
	    ais_dec_make(INT64_MAX, 0), AIS_ROUND_HALF_UP,
	    dec("1000000000000000000"), &q), 0);
	assert_true(q.m == 0);
}

static void
unit_places_should_accept_powers_of_ten_only(void **state)
{
	int k = 99;

	(void)state;
	assert_int_equal(ais_dec_unit_places(dec("0.01"), &k), 1);
	assert_int_equal(k, 2);
	assert_int_equal(ais_dec_unit_places(dec("1.000"), &k), 1);
	assert_int_equal(k, 0);
	assert_int_equal(ais_dec_unit_places(dec("10000"), &k), 1);
	assert_int_equal(k, -4);
	assert_int_equal(ais_dec_unit_places(dec("0.000000000000000001"),
	    &k), 1);
	assert_int_equal(k, 18);
	assert_int_equal(ais_dec_unit_places(dec("1000000000000000000"), &k),
	    1);
	assert_int_equal(k, -18);
	k = 99;
	assert_int_equal(ais_dec_unit_places(dec("0.5"), &k), 0);
	assert_int_equal(ais_dec_unit_places(dec("0"), &k), 0);
	assert_int_equal(ais_dec_unit_places(dec("-0.01"), &k), 0);
	assert_int_equal(ais_dec_unit_places(dec("11"), &k), 0);
	assert_int_equal(k, 99);
}

static void
to_int_should_accept_only_whole_numbers(void **state)
{
	int64_t v = 7;

	(void)state;
	assert_int_equal(ais_dec_to_int(dec("12.000"), &v), 1);
	assert_int_equal(v, 12);
	assert_int_equal(ais_dec_to_int(dec("-3"), &v), 1);
	assert_int_equal(v, -3);
	v = 7;
	assert_int_equal(ais_dec_to_int(dec("12.5"), &v), 0);
	assert_int_equal(v, 7);
	assert_int_equal(ais_dec_to_int(ais_dec_make(INT64_MIN, 0), &v), 1);
	assert_true(v == INT64_MIN);
}

static void
format_should_write_the_shortest_exact_form(void **state)
{
	(void)state;
	assert_format(dec("2400000"), "2400000");
	assert_format(dec("1666666.67"), "1666666.67");
	assert_format(dec("0.50"), "0.5");
	assert_format(dec("-3.000"), "-3");
	assert_format(dec("0"), "0");
	assert_format(dec("-0.00"), "0");
	assert_format(dec("100.0"), "100");
	assert_format(dec("0.000000000000000001"), "0.000000000000000001");
	assert_format(ais_dec_make(INT64_MIN, 18), "-9.223372036854775808");
	assert_format(ais_dec_make(INT64_MIN, 0), "-9223372036854775808");
	assert_format(ais_dec_make(-1, 18), "-0.000000000000000001");
}

static void
format_should_cut_to_a_small_buffer(void **state)
{
	char buf[4];

	(void)state;
	assert_int_equal(ais_dec_format(dec("123456"), buf, sizeof buf), 3);
	assert_string_equal(buf, "123");
	assert_int_equal(ais_dec_format(dec("1"), buf, 0), 0);
}

static void
format_percent_should_move_the_point_two_places(void **state)
{
	char buf[32];

	(void)state;
	ais_dec_format_percent(dec("0.6"), buf, sizeof buf);
	assert_string_equal(buf, "60%");
	ais_dec_format_percent(dec("0.125"), buf, sizeof buf);
	assert_string_equal(buf, "12.5%");
	ais_dec_format_percent(dec("0.001"), buf, sizeof buf);
	assert_string_equal(buf, "0.1%");
	ais_dec_format_percent(dec("1"), buf, sizeof buf);
	assert_string_equal(buf, "100%");
	ais_dec_format_percent(dec("0.00001"), buf, sizeof buf);
	assert_string_equal(buf, "0.001%");
	ais_dec_format_percent(dec("0"), buf, sizeof buf);
	assert_string_equal(buf, "0%");
	ais_dec_format_percent(dec("-0.05"), buf, sizeof buf);
	assert_string_equal(buf, "-5%");
	assert_int_equal(ais_dec_format_percent(ais_dec_make(INT64_MIN, 0),
	    buf, sizeof buf), strlen("-922337203685477580800%"));
	assert_string_equal(buf, "-922337203685477580800%");
}

static void
fen_format_should_write_yuan(void **state)
{
	char buf[32];

	(void)state;
	ais_fen_format(166666667, buf, sizeof buf);
	assert_string_equal(buf, "1666666.67");
	ais_fen_format(240000000, buf, sizeof buf);
	assert_string_equal(buf, "2400000");
	ais_fen_format(50, buf, sizeof buf);
	assert_string_equal(buf, "0.5");
	ais_fen_format(-5, buf, sizeof buf);
	assert_string_equal(buf, "-0.05");
	ais_fen_format(0, buf, sizeof buf);
	assert_string_equal(buf, "0");
	ais_fen_format(INT64_MIN, buf, sizeof buf);
	assert_string_equal(buf, "-92233720368547758.08");
	ais_fen_format(INT64_MAX, buf, sizeof buf);
	assert_string_equal(buf, "92233720368547758.07");
}

static void
fen_add_should_return_minus_one_on_overflow(void **state)
{
	int64_t r;

	(void)state;
	assert_int_equal(ais_fen_add(1, 2, &r), 0);
	assert_int_equal(r, 3);
	assert_int_equal(ais_fen_add(INT64_MAX, 1, &r), -1);
	assert_int_equal(ais_fen_add(INT64_MIN, -1, &r), -1);
	assert_int_equal(ais_fen_add(INT64_MAX, INT64_MIN, &r), 0);
	assert_int_equal(r, -1);
}

static void
from_fen_should_have_scale_two(void **state)
{
	struct ais_dec d = ais_dec_from_fen(1234);

	(void)state;
	assert_int_equal(d.m, 1234);
	assert_int_equal(d.s, 2);
	assert_format(d, "12.34");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_should_keep_the_scale_as_written),
		cmocka_unit_test(parse_should_read_only_the_given_length),
		cmocka_unit_test(parse_should_refuse_anything_but_a_plain_decimal),
		cmocka_unit_test(
		    parse_should_accept_eighteen_fraction_digits_but_not_nineteen),
		cmocka_unit_test(
		    parse_should_read_the_int64_limits_and_refuse_beyond),
		cmocka_unit_test(add_should_align_scales),
		cmocka_unit_test(add_should_return_minus_one_on_overflow),
		cmocka_unit_test(add_should_drop_trailing_zeros_to_make_room),
		cmocka_unit_test(add_should_reach_the_exact_limits),
		cmocka_unit_test(mul_should_add_the_scales),
		cmocka_unit_test(mul_should_return_minus_one_on_overflow),
		cmocka_unit_test(mul_should_drop_trailing_zeros_above_scale_eighteen),
		cmocka_unit_test(
		    mul_should_drop_trailing_zeros_of_factors_when_the_product_overflows),
		cmocka_unit_test(cmp_should_compare_across_scales),
		cmocka_unit_test(cmp_should_be_exact_where_aligning_would_overflow),
		cmocka_unit_test(is_zero_and_is_neg_should_read_the_sign),
		cmocka_unit_test(places_should_ignore_trailing_zeros),
		cmocka_unit_test(round_fen_should_round_half_away_from_zero),
		cmocka_unit_test(round_fen_should_scale_up_short_decimals),
		cmocka_unit_test(round_fen_should_return_minus_one_on_overflow),
		cmocka_unit_test(div_should_truncate_the_worked_example_of_nanning),
		cmocka_unit_test(div_should_round_once_on_the_exact_quotient),
		cmocka_unit_test(div_should_round_to_units_above_one),
		cmocka_unit_test(div_should_round_negative_numbers_symmetrically),
		cmocka_unit_test(
		    div_should_refuse_a_zero_divisor_and_a_unit_not_a_power_of_ten),
		cmocka_unit_test(div_should_return_minus_one_on_overflow),
		cmocka_unit_test(unit_places_should_accept_powers_of_ten_only),
		cmocka_unit_test(to_int_should_accept_only_whole_numbers),
		cmocka_unit_test(format_should_write_the_shortest_exact_form),
		cmocka_unit_test(format_should_cut_to_a_small_buffer),
		cmocka_unit_test(format_percent_should_move_the_point_two_places),
		cmocka_unit_test(fen_format_should_write_yuan),
		cmocka_unit_test(fen_add_should_return_minus_one_on_overflow),
		cmocka_unit_test(from_fen_should_have_scale_two),
		cmocka_unit_test(parse_fault_should_tell_precision_from_range_and_syntax),
		cmocka_unit_test(mul_fault_should_tell_precision_from_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
