/*
 * test_whatif.c: --set PATH=VALUE spliced into a profile's JSON text,
 * byte for byte, and the errors of paths a profile cannot have.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "whatif.h"

/* The text of json with the sets applied, or NULL with e filled. */
static char *
apply(const char *json, struct ais_error *e, ...)
{
	const char *sets[8];
	struct ais_buf b = AIS_BUF_INIT;
	size_t n = 0;
	va_list ap;
	const char *s;

	va_start(ap, e);
	while ((s = va_arg(ap, const char *)) != NULL)
		sets[n++] = s;
	va_end(ap);
	memset(e, 0, sizeof *e);
	if (ais_whatif_apply(json, strlen(json), sets, n, &b, e) < 0) {
		ais_buf_release(&b);
		return NULL;
	}
	if (!b.p)
		ais_buf_add(&b, "", 0);
	return ais_buf_detach(&b);
}

static void
check(const char *json, const char *set, const char *want)
{
	struct ais_error e;
	char *got = apply(json, &e, set, (const char *)NULL);

	if (!got)
		fail_msg("%s: %s", set, e.msg);
	assert_string_equal(got, want);
	free(got);
}

static void
splice_should_replace_a_value_and_keep_every_other_byte(void **state)
{
	(void)state;
	check("{\"kind\": \"enterprise\",  \"revenue\": {\"ai_share\": 0.58, "
	    "\"main_business\": 320000000.07}}", "revenue.ai_share=0.62",
	    "{\"kind\": \"enterprise\",  \"revenue\": {\"ai_share\": 0.62, "
	    "\"main_business\": 320000000.07}}");
}

static void
splice_should_keep_decimals_exact(void **state)
{
	(void)state;
	/* no double between: 0.1 + 0.2 digits survive */
	check("{\"a\": 1}", "amount=4000000.07",
	    "{\"a\": 1, \"amount\": 4000000.07}");
	check("{\"x\": 1.10}", "x=12345678901234567.89",
	    "{\"x\": 12345678901234567.89}");
}

static void
splice_should_insert_an_absent_key(void **state)
{
	(void)state;
	check("{\"kind\": \"enterprise\"\n}", "as_of=2024-06-30",
	    "{\"kind\": \"enterprise\", \"as_of\": \"2024-06-30\"\n}");
	check("{}", "ai_enterprise=true", "{\"ai_enterprise\": true}");
	check("{ }", "city=chengdu", "{ \"city\": \"chengdu\"}");
}

static void
splice_should_make_nested_objects_for_absent_keys(void **state)
{
	(void)state;
	check("{\"kind\": \"enterprise\"}", "revenue.ai_share=0.6",
	    "{\"kind\": \"enterprise\", \"revenue\": {\"ai_share\": 0.6}}");
	check("{\"revenue\": {}}", "revenue.ai_share=0.6",
	    "{\"revenue\": {\"ai_share\": 0.6}}");
	check("{\"r\": {\"a\": 1}}", "r.b.c=2",
	    "{\"r\": {\"a\": 1, \"b\": {\"c\": 2}}}");
}

static void
splice_should_reach_list_entries(void **state)
{
	(void)state;
	check("{\"cp\": [{\"amount\": 1}, {\"amount\": 2, \"id\": \"b\"}]}",
	    "cp[1].amount=8000000",
	    "{\"cp\": [{\"amount\": 1}, {\"amount\": 8000000, \"id\": \"b\"}]}");
	check("{\"cp\": [{\"amount\": 1}]}", "cp[0].purpose=inference",
	    "{\"cp\": [{\"amount\": 1, \"purpose\": \"inference\"}]}");
	check("{\"h\": [\"a\", \"b\"]}", "h[1]=\"c\"",
	    "{\"h\": [\"a\", \"c\"]}");
}

static void
splice_should_skip_strings_with_escapes(void **state)
{
	(void)state;
	/* a key inside a string value is not a key; escaped quotes and
	 * braces do not end the string */
	check("{\"name\": \"x \\\"ai_share\\\": {\\\\\", \"ai_share\": 0.5}",
	    "ai_share=0.7",
	    "{\"name\": \"x \\\"ai_share\\\": {\\\\\", \"ai_share\": 0.7}");
	/* a key written with an escape is the same key */
	check("{\"c\\u0069ty\": \"x\"}", "city=chengdu",
	    "{\"c\\u0069ty\": \"chengdu\"}");
}

static void
set_should_take_a_value_that_is_not_json_as_a_string(void **state)
{
	(void)state;
	check("{}", "name=he said \"hi\"",
	    "{\"name\": \"he said \\\"hi\\\"\"}");
	check("{}", "x=", "{\"x\": \"\"}");
	check("{}", "x={\"a\": [1, 2]}", "{\"x\": {\"a\": [1, 2]}}");
	check("{}", "x=1e3", "{\"x\": 1e3}");
	check("{}", "x=01", "{\"x\": \"01\"}");
}

static void
splice_should_refuse_an_index_beyond_the_list(void **state)
{
	struct ais_error e;

	(void)state;
	assert_null(apply("{\"cp\": [{\"amount\": 1}]}", &e,
	    "cp[1].amount=2", (const char *)NULL));
	assert_int_equal(e.status, AIS_EPROFILE);
	assert_string_equal(e.path, "$.cp");
	assert_string_equal(e.msg, "--set cp[1].amount: index 1 is beyond "
	    "the list, which has 1 entry");
	assert_null(apply("{}", &e, "cp[0].amount=2", (const char *)NULL));
	assert_string_equal(e.path, "$.cp");
	assert_string_equal(e.msg, "--set cp[0].amount: not given, so it has "
	    "no entry 0");
}

static void
splice_should_refuse_a_path_through_a_value_that_is_not_an_object(
	void **state)
{
	struct ais_error e;

	(void)state;
	assert_null(apply("{\"city\": \"chengdu\"}", &e, "city.x=1",
	    (const char *)NULL));
	assert_int_equal(e.status, AIS_EPROFILE);
	assert_string_equal(e.path, "$.city");
	assert_string_equal(e.msg, "--set city.x: not an object, so it has "
	    "no field 'x'");
	assert_null(apply("{\"r\": {\"a\": 1}}", &e, "r[0]=1",
	    (const char *)NULL));
	assert_string_equal(e.path, "$.r");
	assert_string_equal(e.msg, "--set r[0]: not a list, so it has no "
	    "entries");
}

static void
set_should_refuse_what_is_not_a_path(void **state)
{
	struct ais_error e;

	(void)state;
	assert_null(apply("{}", &e, "a..b=1", (const char *)NULL));
	assert_int_equal(e.status, AIS_EUSAGE);
	assert_null(apply("{}", &e, "novalue", (const char *)NULL));
	assert_int_equal(e.status, AIS_EUSAGE);
	assert_string_equal(e.msg, "--set needs PATH=VALUE, not 'novalue'");
	assert_null(apply("{}", &e, "[0]=1", (const char *)NULL));
	assert_null(apply("{}", &e, "a[x]=1", (const char *)NULL));
	assert_null(apply("{}", &e, "a.=1", (const char *)NULL));
}

static void
splice_should_leave_text_that_is_not_json_to_the_reader(void **state)
{
	(void)state;
	check("{\"a\": ", "a=1", "{\"a\": ");
	check("[1]", "a=1", "[1]");
}

static void
sets_should_apply_in_turn(void **state)
{
	struct ais_error e;
	char *got = apply("{\"a\": 1}", &e, "a=2", "b=3", "a=4",
	    (const char *)NULL);

	(void)state;
	assert_non_null(got);
	assert_string_equal(got, "{\"a\": 4, \"b\": 3}");
	free(got);
}

static void
find_and_minify_should_give_the_value_at_a_path(void **state)
{
	const char *j = "{\"h\": [ \"a\" ,\n \"b c\" ], \"n\": {\"x\": 0.50}}";
	struct ais_buf b = AIS_BUF_INIT;
	size_t off, n;

	(void)state;
	assert_int_equal(ais_json_find(j, strlen(j), "h", 1, &off, &n), 1);
	ais_json_minify(j + off, n, &b);
	assert_string_equal(b.p, "[\"a\",\"b c\"]");
	assert_int_equal(ais_json_find(j, strlen(j), "n.x", 3, &off, &n), 1);
	assert_int_equal(n, 4);
	assert_memory_equal(j + off, "0.50", 4);
	assert_int_equal(ais_json_find(j, strlen(j), "n.y", 3, &off, &n), 0);
	assert_int_equal(ais_json_is_value(" true ", 6), 1);
	assert_int_equal(ais_json_is_value("2024-06-30", 10), 0);
	assert_int_equal(ais_json_is_value("chengdu", 7), 0);
	ais_buf_release(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(splice_should_replace_a_value_and_keep_every_other_byte),
		cmocka_unit_test(splice_should_keep_decimals_exact),
		cmocka_unit_test(splice_should_insert_an_absent_key),
		cmocka_unit_test(splice_should_make_nested_objects_for_absent_keys),
		cmocka_unit_test(splice_should_reach_list_entries),
		cmocka_unit_test(splice_should_skip_strings_with_escapes),
		cmocka_unit_test(set_should_take_a_value_that_is_not_json_as_a_string),
		cmocka_unit_test(splice_should_refuse_an_index_beyond_the_list),
		cmocka_unit_test(splice_should_refuse_a_path_through_a_value_that_is_not_an_object),
		cmocka_unit_test(set_should_refuse_what_is_not_a_path),
		cmocka_unit_test(splice_should_leave_text_that_is_not_json_to_the_reader),
		cmocka_unit_test(sets_should_apply_in_turn),
		cmocka_unit_test(find_and_minify_should_give_the_value_at_a_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
