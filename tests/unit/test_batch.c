/*
 * test_batch.c: the batch loop (src/batch.c) driven through memory
 * streams: one line each, in order, an error record in place of a bad
 * line with the rejected profile's id, blank lines, CR LF, a byte order
 * mark, a last line without a newline, and a stream that cannot be
 * written.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "batch.h"

struct env {
	struct ais_rules *r;
	struct ais_calc_opts copts;
	struct ais_output_opts oopts;
	struct ais_batch b;
};

static int
setup(void **state)
{
	struct env *e = calloc(1, sizeof *e);
	struct ais_error err;

	if (!e)
		return -1;
	memset(&err, 0, sizeof err);
	e->r = ais_rules_load_builtin(&err);
	if (!e->r)
		return -1;
	ais_date_parse("2025-06-30", 10, &e->copts.as_of);
	e->oopts.mode = AIS_OUT_COMPACT;
	e->b.rules = e->r;
	e->b.copts = &e->copts;
	e->b.oopts = &e->oopts;
	e->b.name = "firms.ndjson";
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	ais_rules_free(e->r);
	free(e);
	return 0;
}

/* Runs the batch on in[0..n); *out and *msgs are the caller's to free. */
static int
run(struct env *e, const char *in, size_t n, char **out, char **msgs)
{
	size_t olen, mlen;
	FILE *fi = fmemopen((void *)in, n, "rb");
	FILE *fo = open_memstream(out, &olen);
	FILE *fm = open_memstream(msgs, &mlen);
	int rc;

	assert_non_null(fi);
	assert_non_null(fo);
	assert_non_null(fm);
	rc = ais_batch_run(&e->b, fi, fo, fm);
	fclose(fi);
	fclose(fo);
	fclose(fm);
	return rc;
}

#define GOOD(id) "{\"id\":\"" id "\",\"kind\":\"enterprise\"," \
	"\"city\":\"chengdu\",\"standards_led\":[{\"level\":\"national\"}]}"

static void
batch_should_write_one_line_per_profile_in_order(void **state)
{
	struct env *e = *state;
	static const char in[] = "\xef\xbb\xbf" GOOD("a") "\r\n"
	    "\n  \t\n"
	    "{\"id\":\"b\",\"kind\":\"firm\"}\n"
	    "not json\n"
	    GOOD("c");		/* no newline at the end */
	char *out, *msgs;

	assert_int_equal(run(e, in, sizeof in - 1, &out, &msgs),
	    AIS_EPROFILE);
	assert_string_equal(out,
	    "{\"profile\":\"a\",\"as_of\":\"2025-06-30\",\"total\":400000,"
	    "\"up_to\":400000,\"eligible\":{\"chengdu.standards\":400000},"
	    "\"ledger\":{\"chengdu.standards\":{\"per\":\"year\",\"cap\":1000000,"
	    "\"prior\":0,\"remaining\":1000000}},\"warnings\":[]}\n"
	    "{\"line\":4,\"profile\":\"b\",\"error\":{\"path\":\"$.kind\","
	    "\"message\":\"expected one of enterprise, university, "
	    "research_institute, vc_institution, data_source_unit, "
	    "individual, got \\\"firm\\\"\"}}\n"
	    "{\"line\":5,\"profile\":null,\"error\":{\"path\":\"$\","
	    "\"message\":\"not valid JSON: unexpected 'o' at line 1, column "
	    "2\"}}\n"
	    "{\"profile\":\"c\",\"as_of\":\"2025-06-30\",\"total\":400000,"
	    "\"up_to\":400000,\"eligible\":{\"chengdu.standards\":400000},"
	    "\"ledger\":{\"chengdu.standards\":{\"per\":\"year\",\"cap\":1000000,"
	    "\"prior\":0,\"remaining\":1000000}},\"warnings\":[]}\n");
	assert_non_null(strstr(msgs, "aisubsidy: firms.ndjson:4: $.kind: "));
	assert_non_null(strstr(msgs, "aisubsidy: firms.ndjson:5: $: "));
	free(out);
	free(msgs);
}

static void
batch_should_give_every_line_of_a_long_input(void **state)
{
	struct env *e = *state;
	struct ais_buf in = AIS_BUF_INIT;
	char *out, *msgs, *s;
	size_t i, lines = 0;

	/* far past the 64 KiB the loop writes at a time */
	for (i = 0; i < 3000; i++) {
		ais_buf_adds(&in, i % 7 == 3 ? "{\"id\":\"x\",\"kind\":1}" :
		    GOOD("g"));
		ais_buf_addc(&in, '\n');
	}
	assert_int_equal(run(e, in.p, in.len, &out, &msgs), AIS_EPROFILE);
	for (s = out; *s; s++)
		lines += *s == '\n';
	assert_int_equal(lines, 3000);
	free(out);
	free(msgs);
	ais_buf_release(&in);
}

static void
batch_should_say_when_the_output_cannot_be_written(void **state)
{
	struct env *e = *state;
	static const char in[] = GOOD("a") "\n" GOOD("b") "\n";
	FILE *fi = fmemopen((void *)in, sizeof in - 1, "rb");
	FILE *fo = fopen("/dev/null", "rb");	/* cannot be written */

	assert_non_null(fi);
	assert_non_null(fo);
	e->b.stream = 1;
	assert_int_equal(ais_batch_run(&e->b, fi, fo, NULL), AIS_EIO);
	fclose(fi);
	fclose(fo);
}

static void
batch_one_should_write_a_single_result_or_no_record(void **state)
{
	struct env *e = *state;
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf out = AIS_BUF_INIT;
	static const char good[] = GOOD("a");

	ais_profile_init(&p);
	ais_result_init(&res);
	assert_int_equal(ais_batch_one(&e->b, &p, &res, good, sizeof good - 1,
	    0, &out, NULL), AIS_OK);
	assert_non_null(strstr(out.p, "\"profile\":\"a\""));
	/* a single profile that is rejected writes nothing: the message
	 * says why */
	ais_buf_reset(&out);
	assert_int_equal(ais_batch_one(&e->b, &p, &res, "{", 1, 0, &out, NULL),
	    AIS_EPROFILE);
	assert_int_equal(out.len, 0);
	ais_buf_release(&out);
	ais_profile_release(&p);
	ais_result_release(&res);
}

#define WARNED(id) "{\"id\":\"" id "\",\"kind\":\"enterprise\"," \
	"\"city\":\"Chengdu\",\"startp\":true}"

static void
batch_should_tell_each_warning_on_the_messages_with_its_line(void **state)
{
	struct env *e = *state;
	static const char in[] = GOOD("a") "\n" WARNED("w") "\n";
	char *out, *msgs;

	assert_int_equal(run(e, in, sizeof in - 1, &out, &msgs), AIS_OK);
	assert_string_equal(msgs,
	    "aisubsidy: firms.ndjson:2: warning: $.startp: unknown field; "
	    "did you mean startup?\n"
	    "aisubsidy: firms.ndjson:2: warning: $.city: no rules for "
	    "\"Chengdu\" (did you mean \"chengdu\"?); no program applies\n");
	assert_non_null(strstr(out, "{\"profile\":\"w\",\"as_of\":"
	    "\"2025-06-30\",\"total\":0,\"up_to\":0,\"eligible\":{},"
	    "\"warnings\":[\"$.startp: unknown field; did you mean startup?\","
	    "\"$.city: no rules for \\\"Chengdu\\\" (did you mean "
	    "\\\"chengdu\\\"?); no program applies\"]}\n"));
	free(out);
	free(msgs);

	/* -q: the same lines, no messages */
	e->b.hush = 1;
	assert_int_equal(run(e, in, sizeof in - 1, &out, &msgs), AIS_OK);
	assert_string_equal(msgs, "");
	assert_non_null(strstr(out, "\"profile\":\"w\""));
	free(out);
	free(msgs);
}

static void
batch_should_reject_a_warned_profile_when_strict(void **state)
{
	struct env *e = *state;
	static const char in[] = WARNED("w") "\n" GOOD("a") "\n";
	char *out, *msgs;

	e->b.strict = 1;
	assert_int_equal(run(e, in, sizeof in - 1, &out, &msgs),
	    AIS_EPROFILE);
	assert_string_equal(out, "{\"line\":1,\"profile\":\"w\",\"error\":"
	    "{\"path\":\"$.startp\",\"message\":\"unknown field; did you "
	    "mean startup?\"}}\n"
	    "{\"profile\":\"a\",\"as_of\":\"2025-06-30\",\"total\":400000,"
	    "\"up_to\":400000,\"eligible\":{\"chengdu.standards\":400000},"
	    "\"ledger\":{\"chengdu.standards\":{\"per\":\"year\",\"cap\":1000000,"
	    "\"prior\":0,\"remaining\":1000000}},\"warnings\":[]}\n");
	/* the error, then the other warnings */
	assert_string_equal(msgs,
	    "aisubsidy: firms.ndjson:1: $.startp: unknown field; did you "
	    "mean startup?\n"
	    "aisubsidy: firms.ndjson:1: warning: $.city: no rules for "
	    "\"Chengdu\" (did you mean \"chengdu\"?); no program applies\n");
	free(out);
	free(msgs);
}

static void
batch_one_should_write_nothing_for_a_warned_profile_when_strict(
	void **state)
{
	struct env *e = *state;
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf out = AIS_BUF_INIT;
	static const char warned[] = WARNED("w");
	char *msgs;
	size_t mlen;
	FILE *fm = open_memstream(&msgs, &mlen);

	assert_non_null(fm);
	ais_profile_init(&p);
	ais_result_init(&res);
	e->b.strict = 1;
	e->b.hush = 1;
	e->b.name = "w.json";
	assert_int_equal(ais_batch_one(&e->b, &p, &res, warned,
	    sizeof warned - 1, 0, &out, fm), AIS_EPROFILE);
	fclose(fm);
	assert_int_equal(out.len, 0);
	/* -q silences warnings, not the error */
	assert_string_equal(msgs, "aisubsidy: w.json: $.startp: unknown "
	    "field; did you mean startup?\n");
	free(msgs);
	ais_buf_release(&out);
	ais_profile_release(&p);
	ais_result_release(&res);
}

static void
warning_error_should_split_the_path_from_the_message(void **state)
{
	struct ais_error e;

	(void)state;
	ais_warning_error("$.city: not given; no program applies", &e);
	assert_int_equal(e.status, AIS_EPROFILE);
	assert_string_equal(e.path, "$.city");
	assert_string_equal(e.msg, "not given; no program applies");
	ais_warning_error("no path here", &e);
	assert_string_equal(e.path, "");
	assert_string_equal(e.msg, "no path here");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    batch_should_write_one_line_per_profile_in_order, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    batch_should_give_every_line_of_a_long_input, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    batch_should_say_when_the_output_cannot_be_written, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    batch_one_should_write_a_single_result_or_no_record, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    batch_should_tell_each_warning_on_the_messages_with_its_line,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    batch_should_reject_a_warned_profile_when_strict, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    batch_one_should_write_nothing_for_a_warned_profile_when_strict,
		    setup, teardown),
		cmocka_unit_test(
		    warning_error_should_split_the_path_from_the_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
