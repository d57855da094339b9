/*
 * test_json.c: the JSON writer, byte for byte: nesting compact and
 * pretty, commas, escaping, amounts exact to the fen, empty containers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "date.h"
#include "json.h"

/* A writer and its buffer, fresh for each test. */
struct fx {
	struct ais_buf b;
	struct ais_json j;
};

static struct fx *
fx_new(int pretty)
{
	struct fx *f = calloc(1, sizeof *f);

	assert_non_null(f);
	ais_buf_init(&f->b);
	ais_json_init(&f->j, &f->b, pretty);
	return f;
}

static void
fx_free(struct fx *f)
{
	ais_buf_release(&f->b);
	free(f);
}

/* An object with a string, an array of two numbers and an inner object. */
static void
write_nested(struct ais_json *j)
{
	ais_json_open(j, '{');
	ais_json_kstr(j, "a", "x");
	ais_json_key(j, "b");
	ais_json_open(j, '[');
	ais_json_fen(j, 100);
	ais_json_fen(j, 250);
	ais_json_close(j, ']');
	ais_json_key(j, "c");
	ais_json_open(j, '{');
	ais_json_kbool(j, "d", 1);
	ais_json_close(j, '}');
	ais_json_close(j, '}');
}

static void
compact_nesting_should_have_no_white_space(void **state)
{
	struct fx *f = fx_new(0);

	(void)state;
	write_nested(&f->j);
	assert_string_equal(f->b.p, "{\"a\":\"x\",\"b\":[1,2.5],\"c\":{\"d\":true}}");
	fx_free(f);
}

static void
pretty_nesting_should_indent_by_two_spaces_a_level(void **state)
{
	struct fx *f = fx_new(1);

	(void)state;
	write_nested(&f->j);
	assert_string_equal(f->b.p,
	    "{\n"
	    "  \"a\": \"x\",\n"
	    "  \"b\": [\n"
	    "    1,\n"
	    "    2.5\n"
	    "  ],\n"
	    "  \"c\": {\n"
	    "    \"d\": true\n"
	    "  }\n"
	    "}");
	fx_free(f);
}

static void
commas_should_come_between_values_only(void **state)
{
	struct fx *f = fx_new(0);

	(void)state;
	ais_json_open(&f->j, '[');
	ais_json_null(&f->j);
	ais_json_open(&f->j, '[');
	ais_json_close(&f->j, ']');
	ais_json_bool(&f->j, 0);
	ais_json_raw(&f->j, "7");
	ais_json_int(&f->j, -42);
	ais_json_uint(&f->j, UINTMAX_MAX);
	ais_json_close(&f->j, ']');
	assert_string_equal(f->b.p,
	    "[null,[],false,7,-42,18446744073709551615]");
	fx_free(f);
}

static void
an_empty_top_level_object_should_be_two_bytes_when_pretty(void **state)
{
	struct fx *f = fx_new(1);

	(void)state;
	ais_json_open(&f->j, '{');
	ais_json_close(&f->j, '}');
	assert_string_equal(f->b.p, "{}");
	fx_free(f);
}

static void
strings_should_be_escaped(void **state)
{
	struct fx *f = fx_new(0);

	(void)state;
	ais_json_open(&f->j, '[');
	ais_json_str(&f->j, "a\"b\\c\n\r\t\b\f\x01\x1f\x7f");
	ais_json_str(&f->j, "训力券 é");
	ais_json_str_n(&f->j, "x\0y", 3);
	ais_json_str(&f->j, NULL);
	ais_json_close(&f->j, ']');
	assert_string_equal(f->b.p,
	    "[\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\","
	    "\"训力券 é\",\"x\\u0000y\",null]");
	fx_free(f);
}

static void
fen_should_be_yuan_exact_to_the_fen(void **state)
{
	static const struct {
		int64_t fen;
		const char *text;
	} cases[] = {
		{0, "0"}, {1, "0.01"}, {10, "0.1"}, {99, "0.99"},
		{100, "1"}, {150, "1.5"}, {1001, "10.01"}, {-1, "-0.01"},
		{-150, "-1.5"}, {1000000000, "10000000"},
		{INT64_MAX, "92233720368547758.07"},
		{INT64_MIN, "-92233720368547758.08"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fx *f = fx_new(0);

		ais_json_fen(&f->j, cases[i].fen);
		assert_string_equal(f->b.p, cases[i].text);
		fx_free(f);
	}
}

static void
fen_or_null_should_be_null_without_an_amount(void **state)
{
	struct fx *f = fx_new(0);

	(void)state;
	ais_json_open(&f->j, '{');
	ais_json_kfen(&f->j, "a", 0, 12345);
	ais_json_kfen(&f->j, "b", 1, 12345);
	ais_json_close(&f->j, '}');
	assert_string_equal(f->b.p, "{\"a\":null,\"b\":123.45}");
	fx_free(f);
}

static void
empty_arrays_and_objects_should_close_on_their_line(void **state)
{
	int pretty;

	(void)state;
	for (pretty = 0; pretty <= 1; pretty++) {
		struct fx *f = fx_new(pretty);

		ais_json_open(&f->j, '{');
		ais_json_key(&f->j, "a");
		ais_json_open(&f->j, '[');
		ais_json_close(&f->j, ']');
		ais_json_key(&f->j, "o");
		ais_json_open(&f->j, '{');
		ais_json_close(&f->j, '}');
		ais_json_kstrings(&f->j, "s", NULL, 0);
		ais_json_close(&f->j, '}');
		assert_string_equal(f->b.p, pretty ?
		    "{\n  \"a\": [],\n  \"o\": {},\n  \"s\": []\n}" :
		    "{\"a\":[],\"o\":{},\"s\":[]}");
		fx_free(f);
	}
}

static void
flat_containers_should_stay_on_one_line_when_pretty(void **state)
{
	char *const ids[] = {"p.a", "p.b"};
	int pretty;

	(void)state;
	for (pretty = 0; pretty <= 1; pretty++) {
		struct fx *f = fx_new(pretty);

		ais_json_open(&f->j, '{');
		ais_json_key(&f->j, "x");
		ais_json_open_flat(&f->j, '{');
		ais_json_kuint(&f->j, "n", 1);
		ais_json_key(&f->j, "ids");
		ais_json_open(&f->j, '[');	/* inside a flat one: flat */
		ais_json_str(&f->j, ids[0]);
		ais_json_str(&f->j, ids[1]);
		ais_json_close(&f->j, ']');
		ais_json_close(&f->j, '}');
		ais_json_kstrings(&f->j, "after", ids, 2);
		ais_json_close(&f->j, '}');
		assert_string_equal(f->b.p, pretty ?
		    "{\n"
		    "  \"x\": {\"n\": 1, \"ids\": [\"p.a\", \"p.b\"]},\n"
		    "  \"after\": [\n"
		    "    \"p.a\",\n"
		    "    \"p.b\"\n"
		    "  ]\n"
		    "}" :
		    "{\"x\":{\"n\":1,\"ids\":[\"p.a\",\"p.b\"]},"
		    "\"after\":[\"p.a\",\"p.b\"]}");
		fx_free(f);
	}
}

static void
dates_should_be_strings_and_open_ends_null(void **state)
{
	struct fx *f = fx_new(0);
	ais_date d;

	(void)state;
	assert_int_equal(ais_date_parse("2025-06-30", 10, &d), 0);
	ais_json_open(&f->j, '[');
	ais_json_date(&f->j, d);
	ais_json_date(&f->j, AIS_DATE_MIN);
	ais_json_date(&f->j, AIS_DATE_MAX);
	ais_json_close(&f->j, ']');
	assert_string_equal(f->b.p, "[\"2025-06-30\",null,null]");
	fx_free(f);
}

static void
parts_should_start_without_a_comma_and_join_as_members(void **state)
{
	struct ais_buf part = AIS_BUF_INIT;
	struct ais_json pj;
	struct fx *f = fx_new(0);

	(void)state;
	ais_buf_init(&part);
	ais_json_init_part(&pj, &part, 0, 1);
	ais_json_kstr(&pj, "k", "v");
	ais_json_kuint(&pj, "n", 2);
	assert_string_equal(part.p, "\"k\":\"v\",\"n\":2");

	ais_json_open(&f->j, '{');
	ais_json_kuint(&f->j, "first", 1);
	ais_json_members(&f->j, part.p, part.len);
	ais_json_key(&f->j, "raw");
	ais_json_raw_n(&f->j, "{}", 2);
	ais_json_close(&f->j, '}');
	assert_string_equal(f->b.p,
	    "{\"first\":1,\"k\":\"v\",\"n\":2,\"raw\":{}}");
	ais_buf_release(&part);
	fx_free(f);
}

static void
keys_should_be_written_as_given(void **state)
{
	struct fx *f = fx_new(1);
	const char *id = "shenzhen.training_voucher";

	(void)state;
	ais_json_open(&f->j, '{');
	ais_json_key_n(&f->j, id, strlen(id));
	ais_json_fen_or_null(&f->j, 1, 5);
	ais_json_close(&f->j, '}');
	assert_string_equal(f->b.p,
	    "{\n  \"shenzhen.training_voucher\": 0.05\n}");
	fx_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compact_nesting_should_have_no_white_space),
		cmocka_unit_test(pretty_nesting_should_indent_by_two_spaces_a_level),
		cmocka_unit_test(commas_should_come_between_values_only),
		cmocka_unit_test(an_empty_top_level_object_should_be_two_bytes_when_pretty),
		cmocka_unit_test(strings_should_be_escaped),
		cmocka_unit_test(fen_should_be_yuan_exact_to_the_fen),
		cmocka_unit_test(fen_or_null_should_be_null_without_an_amount),
		cmocka_unit_test(empty_arrays_and_objects_should_close_on_their_line),
		cmocka_unit_test(flat_containers_should_stay_on_one_line_when_pretty),
		cmocka_unit_test(dates_should_be_strings_and_open_ends_null),
		cmocka_unit_test(parts_should_start_without_a_comma_and_join_as_members),
		cmocka_unit_test(keys_should_be_written_as_given),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
