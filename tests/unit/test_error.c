/*
 * test_error.c: filling the error struct and printing it with as much
 * place as is known.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "aisubsidy.h"

/* The formatted form of e. */
static const char *
fmt(const struct ais_error *e)
{
	static char buf[2048];

	ais_error_format(e, buf, sizeof buf);
	return buf;
}

static void
set_should_fill_every_field(void **state)
{
	struct ais_error e;

	(void)state;
	memset(&e, 'x', sizeof e);
	ais_error_set(&e, AIS_ERULES, "rules/sz.yaml", 42, 7,
	    "unknown field '%s' (did you mean '%s'?)", "rat", "rate");
	assert_int_equal(e.status, AIS_ERULES);
	assert_string_equal(e.file, "rules/sz.yaml");
	assert_int_equal(e.line, 42);
	assert_int_equal(e.column, 7);
	assert_string_equal(e.path, "");
	assert_string_equal(e.msg, "unknown field 'rat' (did you mean 'rate'?)");
}

static void
set_should_take_a_null_file_as_none(void **state)
{
	struct ais_error e;

	(void)state;
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "bad");
	assert_string_equal(e.file, "");
	assert_string_equal(fmt(&e), "bad");
}

static void
set_should_cut_long_text_to_fit(void **state)
{
	struct ais_error e;
	char longname[600];

	(void)state;
	memset(longname, 'f', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ais_error_set(&e, AIS_ERULES, longname, 1, 1, "%s%s", longname,
	    longname);
	assert_int_equal(strlen(e.file), sizeof e.file - 1);
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
}

static void
set_should_not_cut_a_utf8_character_in_half(void **state)
{
	struct ais_error e;
	char msg[800];
	size_t i;

	(void)state;
	/* 766 ASCII bytes then a three-byte character: only two fit. */
	memset(msg, 'm', 766);
	memcpy(msg + 766, "\xe6\xb7\xb1", 3);
	msg[769] = '\0';
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "%s", msg);
	assert_int_equal(strlen(e.msg), 766);
	for (i = 0; i < 766; i++)
		assert_int_equal(e.msg[i], 'm');
	/* A character that fits whole is kept. */
	msg[765] = '\0';
	memcpy(msg + 764, "\xe6\xb7\xb1", 4);
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "%s", msg);
	assert_int_equal(strlen(e.msg), 767);
}

static void
format_should_place_file_line_and_column(void **state)
{
	struct ais_error e;

	(void)state;
	ais_error_set(&e, AIS_ERULES, "rules/sz.yaml", 42, 7, "bad rate");
	assert_string_equal(fmt(&e), "rules/sz.yaml:42:7: bad rate");
}

static void
format_should_leave_out_an_unknown_column(void **state)
{
	struct ais_error e;

	(void)state;
	ais_error_set(&e, AIS_ERULES, "rules/sz.yaml", 42, 0, "bad rate");
	assert_string_equal(fmt(&e), "rules/sz.yaml:42: bad rate");
}

static void
format_should_place_a_profile_path(void **state)
{
	struct ais_error e;

	(void)state;
	ais_error_set(&e, AIS_EPROFILE, "profile.json", 0, 0,
	    "must not be negative");
	snprintf(e.path, sizeof e.path, "%s", "$.compute_purchases[1].amount");
	assert_string_equal(fmt(&e),
	    "profile.json: $.compute_purchases[1].amount: must not be negative");
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "must not be negative");
	snprintf(e.path, sizeof e.path, "%s", "$.city");
	assert_string_equal(fmt(&e), "$.city: must not be negative");
}

static void
format_should_write_a_file_alone_or_the_message_alone(void **state)
{
	struct ais_error e;

	(void)state;
	ais_error_set(&e, AIS_EIO, "out.json", 0, 0, "unable to write");
	assert_string_equal(fmt(&e), "out.json: unable to write");
	ais_error_set(&e, AIS_EUSAGE, NULL, 3, 4, "no profile given");
	assert_string_equal(fmt(&e), "no profile given");
}

static void
format_should_cut_to_a_small_buffer(void **state)
{
	struct ais_error e;
	char buf[8];

	(void)state;
	ais_error_set(&e, AIS_ERULES, "rules/sz.yaml", 42, 7, "bad rate");
	ais_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "rules/s");
	buf[0] = 'z';
	ais_error_format(&e, buf, 0);
	assert_int_equal(buf[0], 'z');
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_should_fill_every_field),
		cmocka_unit_test(set_should_take_a_null_file_as_none),
		cmocka_unit_test(set_should_cut_long_text_to_fit),
		cmocka_unit_test(set_should_not_cut_a_utf8_character_in_half),
		cmocka_unit_test(format_should_place_file_line_and_column),
		cmocka_unit_test(format_should_leave_out_an_unknown_column),
		cmocka_unit_test(format_should_place_a_profile_path),
		cmocka_unit_test(
		    format_should_write_a_file_alone_or_the_message_alone),
		cmocka_unit_test(format_should_cut_to_a_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
