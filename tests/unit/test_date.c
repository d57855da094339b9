/*
 * test_date.c: day numbers, strict parsing, leap years, the range of
 * years and the counting of whole months.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "date.h"

/* Parses s, failing the test when it is refused. */
static ais_date
day(const char *s)
{
	ais_date d;

	assert_int_equal(ais_date_parse(s, strlen(s), &d), 0);
	return d;
}

/* 1 when s is refused by the parser. */
static int
refused(const char *s)
{
	ais_date d;

	return ais_date_parse(s, strlen(s), &d) == -1;
}

/* The months from a to b, both written YYYY-MM-DD. */
static int
months(const char *a, const char *b)
{
	return ais_date_months_between(day(a), day(b));
}

static void
parse_should_count_days_from_the_epoch(void **state)
{
	(void)state;
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("1970-01-02"), 1);
	assert_int_equal(day("1969-12-31"), -1);
	assert_int_equal(day("2000-03-01"), 11017);
	assert_int_equal(day("2024-02-29"), 19782);
}

static void
parse_should_know_the_leap_years(void **state)
{
	(void)state;
	assert_false(refused("2024-02-29"));
	assert_true(refused("2025-02-29"));
	assert_false(refused("2000-02-29"));
	assert_true(refused("1900-02-29"));
	assert_true(refused("2100-02-29"));
	assert_false(refused("1600-02-29"));
	assert_true(refused("2024-02-30"));
}

static void
parse_should_refuse_impossible_dates(void **state)
{
	(void)state;
	assert_true(refused("2025-13-01"));
	assert_true(refused("2025-00-10"));
	assert_true(refused("2025-01-00"));
	assert_true(refused("2025-01-32"));
	assert_true(refused("2025-04-31"));
	assert_false(refused("2025-12-31"));
}

static void
parse_should_refuse_any_other_form(void **state)
{
	ais_date d;

	(void)state;
	assert_true(refused(""));
	assert_true(refused("2025-1-01"));
	assert_true(refused("2025-01-1"));
	assert_true(refused("2025/01/01"));
	assert_true(refused("20250101"));
	assert_true(refused("2025-01-01 "));
	assert_true(refused(" 2025-01-01"));
	assert_true(refused("2025-01-01T00:00"));
	assert_true(refused("+025-01-01"));
	assert_true(refused("2025-0a-01"));
	assert_true(refused("2025--1-01"));
	assert_int_equal(ais_date_parse("2025-01-01x", 10, &d), 0);
	assert_int_equal(d, day("2025-01-01"));
}

static void
parse_should_accept_only_years_1000_to_9999(void **state)
{
	(void)state;
	assert_true(refused("0999-12-31"));
	assert_true(refused("0000-01-01"));
	assert_false(refused("1000-01-01"));
	assert_false(refused("9999-12-31"));
	assert_true(refused("10000-01-01"));
}

static void
from_ymd_and_to_ymd_should_round_trip(void **state)
{
	ais_date d;
	int y, m, dd;

	(void)state;
	for (d = day("1000-01-01"); d <= day("9999-12-31"); d += 7) {
		ais_date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(ais_date_from_ymd(y, m, dd), d);
	}
	ais_date_to_ymd(day("1900-03-01") - 1, &y, &m, &dd);
	assert_int_equal(y, 1900);
	assert_int_equal(m, 2);
	assert_int_equal(dd, 28);
	ais_date_to_ymd(day("2000-03-01") - 1, &y, &m, &dd);
	assert_int_equal(dd, 29);
}

static void
format_should_write_what_parse_reads(void **state)
{
	char buf[11];

	(void)state;
	ais_date_format(day("2024-02-29"), buf);
	assert_string_equal(buf, "2024-02-29");
	ais_date_format(day("1000-01-01"), buf);
	assert_string_equal(buf, "1000-01-01");
	ais_date_format(day("9999-12-31"), buf);
	assert_string_equal(buf, "9999-12-31");
	ais_date_format(0, buf);
	assert_string_equal(buf, "1970-01-01");
}

static void
format_should_clamp_the_open_ends(void **state)
{
	char buf[11];

	(void)state;
	ais_date_format(AIS_DATE_MAX, buf);
	assert_string_equal(buf, "9999-12-31");
	ais_date_format(AIS_DATE_MIN, buf);
	assert_string_equal(buf, "0000-01-01");
}

static void
months_between_should_count_whole_months(void **state)
{
	(void)state;
	assert_int_equal(months("2024-01-15", "2024-07-14"), 5);
	assert_int_equal(months("2024-01-15", "2024-07-15"), 6);
	assert_int_equal(months("2024-01-15", "2024-01-15"), 0);
	assert_int_equal(months("2024-01-15", "2024-02-14"), 0);
	assert_int_equal(months("2023-12-15", "2025-12-15"), 24);
}

static void
months_between_should_end_short_months_on_their_last_day(void **state)
{
	(void)state;
	assert_int_equal(months("2024-01-31", "2024-02-29"), 1);
	assert_int_equal(months("2025-01-31", "2025-02-28"), 1);
	assert_int_equal(months("2024-01-31", "2024-02-28"), 0);
	assert_int_equal(months("2024-03-31", "2024-04-30"), 1);
	assert_int_equal(months("2024-01-30", "2024-02-29"), 1);
	assert_int_equal(months("2024-01-31", "2024-03-30"), 1);
	assert_int_equal(months("2024-01-31", "2024-03-31"), 2);
}

static void
months_between_should_count_backwards_as_negative(void **state)
{
	(void)state;
	assert_int_equal(months("2024-07-15", "2024-01-15"), -6);
	assert_int_equal(months("2024-07-14", "2024-01-15"), -5);
	assert_int_equal(months("2024-02-10", "2024-02-01"), 0);
	assert_int_equal(months("2024-04-30", "2024-03-30"), -1);
	/* Backwards from the 29th, the 31st of January is short of a month. */
	assert_int_equal(months("2024-02-29", "2024-01-31"), 0);
	assert_int_equal(months("2024-02-29", "2024-01-29"), -1);
	assert_int_equal(months("2024-03-31", "2024-02-29"), -1);
}

/* add_months(d, n) written as a date, or "-1" when it is refused. */
static void
add_months_is(const char *d, int64_t n, const char *want)
{
	ais_date out = 0;
	char buf[11];

	if (ais_date_add_months(day(d), n, &out) < 0) {
		assert_string_equal("-1", want);
		return;
	}
	ais_date_format(out, buf);
	assert_string_equal(buf, want);
}

static void
add_months_should_keep_the_day_or_end_a_short_month(void **state)
{
	(void)state;
	add_months_is("2024-01-15", 1, "2024-02-15");
	add_months_is("2024-01-31", 1, "2024-02-29");
	add_months_is("2023-01-31", 1, "2023-02-28");
	add_months_is("2024-03-31", 1, "2024-04-30");
	add_months_is("2024-01-31", 2, "2024-03-31");
	add_months_is("2024-02-29", 12, "2025-02-28");
	add_months_is("2024-02-29", 48, "2028-02-29");
	add_months_is("2024-01-01", 12, "2025-01-01");
	add_months_is("2024-12-31", 0, "2024-12-31");
	add_months_is("2024-11-30", 3, "2025-02-28");
	add_months_is("9999-12-31", 0, "9999-12-31");
}

static void
add_months_should_count_backwards(void **state)
{
	(void)state;
	add_months_is("2024-03-31", -1, "2024-02-29");
	add_months_is("2024-01-15", -1, "2023-12-15");
	add_months_is("2025-02-28", -12, "2024-02-28");
	add_months_is("1000-01-31", -11, "0999-02-28");
	/* -0001-12-01, before year 0: written as the nearest day */
	add_months_is("1000-01-01", -12001, "0000-01-01");
}

static void
add_months_should_agree_with_months_between(void **state)
{
	ais_date d, e;
	int64_t k;

	(void)state;
	/* every day of four years, 0 to 60 months on */
	for (d = day("2023-01-01"); d < day("2027-01-01"); d++)
		for (k = 0; k <= 60; k++) {
			assert_int_equal(ais_date_add_months(d, k, &e), 0);
			assert_int_equal(ais_date_months_between(d, e), k);
			/* and the day before is one month short */
			if (k > 0)
				assert_int_equal(ais_date_months_between(d,
				    e - 1), k - 1);
		}
}

static void
add_months_should_refuse_what_a_day_number_cannot_hold(void **state)
{
	ais_date out = 7;

	(void)state;
	/* 10000-12-31 is a day number, written as the nearest day */
	assert_int_equal(ais_date_add_months(day("9999-12-31"), 12, &out), 0);
	assert_int_equal(out, day("9999-12-31") + 366);
	out = 7;
	assert_int_equal(ais_date_add_months(day("2024-01-01"),
	    AIS_DATE_MAX_MONTHS + 1, &out), -1);
	assert_int_equal(ais_date_add_months(day("2024-01-01"),
	    -AIS_DATE_MAX_MONTHS - 1, &out), -1);
	assert_int_equal(ais_date_add_months(day("2024-01-01"), INT64_MIN,
	    &out), -1);
	assert_int_equal(ais_date_add_months(day("2024-01-01"), INT64_MAX,
	    &out), -1);
	assert_int_equal(ais_date_add_months(AIS_DATE_MAX - 1,
	    AIS_DATE_MAX_MONTHS, &out), -1);
	assert_int_equal(ais_date_add_months(AIS_DATE_MIN + 1,
	    -AIS_DATE_MAX_MONTHS, &out), -1);
	assert_int_equal(out, 7);
	/* five million years are within reach */
	assert_int_equal(ais_date_add_months(day("2024-01-01"),
	    AIS_DATE_MAX_MONTHS, &out), 0);
	assert_true(out > day("9999-12-31"));
}

static void
today_should_be_a_plausible_date(void **state)
{
	ais_date d = ais_date_today();

	(void)state;
	assert_true(d >= day("2024-01-01"));
	assert_true(d <= day("9999-12-31"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_should_count_days_from_the_epoch),
		cmocka_unit_test(parse_should_know_the_leap_years),
		cmocka_unit_test(parse_should_refuse_impossible_dates),
		cmocka_unit_test(parse_should_refuse_any_other_form),
		cmocka_unit_test(parse_should_accept_only_years_1000_to_9999),
		cmocka_unit_test(from_ymd_and_to_ymd_should_round_trip),
		cmocka_unit_test(format_should_write_what_parse_reads),
		cmocka_unit_test(format_should_clamp_the_open_ends),
		cmocka_unit_test(months_between_should_count_whole_months),
		cmocka_unit_test(
		    months_between_should_end_short_months_on_their_last_day),
		cmocka_unit_test(months_between_should_count_backwards_as_negative),
		cmocka_unit_test(add_months_should_keep_the_day_or_end_a_short_month),
		cmocka_unit_test(add_months_should_count_backwards),
		cmocka_unit_test(add_months_should_agree_with_months_between),
		cmocka_unit_test(
		    add_months_should_refuse_what_a_day_number_cannot_hold),
		cmocka_unit_test(today_should_be_a_plausible_date),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
