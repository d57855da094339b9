/*
 * test_error.c: filling the error struct and printing it with as much
 * place as is known.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Text that does not fit ends in "..." so that it is not taken whole. */
static void
set_should_cut_long_text_to_fit(void **state)
{
	static struct ais_error e;
	static char longname[AIS_ERROR_FILE_MAX + 100];

	(void)state;
	memset(longname, 'f', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	ais_error_set(&e, AIS_ERULES, longname, 1, 1, "%s%s", longname,
	    longname);
	assert_int_equal(strlen(e.file), sizeof e.file - 1);
	assert_string_equal(e.file + sizeof e.file - 4, "...");
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	assert_string_equal(e.msg + sizeof e.msg - 4, "...");
}

static void
set_should_not_cut_a_utf8_character_in_half(void **state)
{
	static struct ais_error e;
	static char msg[AIS_ERROR_MSG_MAX + 16];
	size_t n = sizeof e.msg, i;

	(void)state;
	/* a three-byte character across the place of the "...": dropped */
	memset(msg, 'm', n - 6);
	memcpy(msg + n - 6, "\xe6\xb7\xb1", 3);
	memset(msg + n - 3, 'x', 10);
	msg[n + 7] = '\0';
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "%s", msg);
	assert_int_equal(strlen(e.msg), n - 3);
	for (i = 0; i < n - 6; i++)
		assert_int_equal(e.msg[i], 'm');
	assert_string_equal(e.msg + n - 6, "...");
	/* a character that fits whole is kept */
	memset(msg, 'm', n - 7);
	memcpy(msg + n - 7, "\xe6\xb7\xb1", 3);
	memset(msg + n - 4, 'x', 10);
	msg[n + 6] = '\0';
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "%s", msg);
	assert_int_equal(strlen(e.msg), n - 1);
	assert_memory_equal(e.msg + n - 7, "\xe6\xb7\xb1...", 7);
}

/* A rule file in directories of 300 bytes is named whole, up to a path of
 * PATH_MAX - 1 bytes; quoted in a message, it is cut with "...". */
static void
set_should_keep_a_path_of_4095_bytes_whole(void **state)
{
	static struct ais_error e;
	static char path[AIS_ERROR_FILE_MAX], buf[AIS_ERROR_TEXT_MAX];
	static char want[AIS_ERROR_TEXT_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof path - 1; i++)
		path[i] = i % 301 == 0 ? '/' : 'd';
	path[sizeof path - 1] = '\0';
	ais_error_set(&e, AIS_ERULES, path, 12, 34, "unknown key 'rat'");
	assert_string_equal(e.file, path);
	ais_error_format(&e, buf, sizeof buf);
	snprintf(want, sizeof want, "%s:12:34: unknown key 'rat'", path);
	assert_string_equal(buf, want);

	ais_error_set(&e, AIS_ERULES, NULL, 0, 0, "unable to open directory "
	    "'%s': %s", path, "No such file or directory");
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	assert_memory_equal(e.msg, "unable to open directory '/ddd", 30);
	assert_string_equal(e.msg + sizeof e.msg - 4, "...");
}

static void
set_path_should_cut_a_long_json_path_with_an_ellipsis(void **state)
{
	static struct ais_error e;
	static char path[AIS_ERROR_PATH_MAX + 200];

	(void)state;
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "bad");
	ais_error_set_path(&e, "$.revenue", 9);
	assert_string_equal(e.path, "$.revenue");
	memset(path, 'k', sizeof path);
	memcpy(path, "$.", 2);
	ais_error_set_path(&e, path, sizeof e.path - 1);	/* fits */
	assert_int_equal(strlen(e.path), sizeof e.path - 1);
	assert_int_equal(e.path[sizeof e.path - 2], 'k');
	ais_error_set_path(&e, path, sizeof path);
	assert_int_equal(strlen(e.path), sizeof e.path - 1);
	assert_string_equal(e.path + sizeof e.path - 4, "...");
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
	assert_string_equal(buf, "rule...");
	buf[0] = 'z';
	ais_error_format(&e, buf, 0);
	assert_int_equal(buf[0], 'z');
}

static void
print_should_name_the_place_only_when_the_error_has_no_file(void **state)
{
	struct ais_error e;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	(void)state;
	assert_non_null(f);
	ais_error_set(&e, AIS_EPROFILE, NULL, 0, 0, "bad");
	snprintf(e.path, sizeof e.path, "$.kind");
	ais_error_print(f, "firms.ndjson:3", &e);
	ais_error_set(&e, AIS_ERULES, "rules/x.yaml", 2, 5, "worse");
	ais_error_print(f, "ignored", &e);
	ais_error_print(NULL, "nowhere", &e);
	fclose(f);
	assert_string_equal(text, "aisubsidy: firms.ndjson:3: $.kind: bad\n"
	    "aisubsidy: rules/x.yaml:2:5: worse\n");
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    print_should_name_the_place_only_when_the_error_has_no_file),
		cmocka_unit_test(set_should_fill_every_field),
		cmocka_unit_test(set_should_take_a_null_file_as_none),
		cmocka_unit_test(set_should_cut_long_text_to_fit),
		cmocka_unit_test(set_should_not_cut_a_utf8_character_in_half),
		cmocka_unit_test(set_should_keep_a_path_of_4095_bytes_whole),
		cmocka_unit_test(set_path_should_cut_a_long_json_path_with_an_ellipsis),
		cmocka_unit_test(format_should_place_file_line_and_column),
		cmocka_unit_test(format_should_leave_out_an_unknown_column),
		cmocka_unit_test(format_should_place_a_profile_path),
		cmocka_unit_test(
		    format_should_write_a_file_alone_or_the_message_alone),
		cmocka_unit_test(format_should_cut_to_a_small_buffer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
