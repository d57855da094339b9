/*
 * test_report.c: the compare report as an HTML page: its figures, each
 * with its JSON path, its text escaped, both languages, and what is not a
 * compare report refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report.h"

#define DIST(a, b, c) \
"[{\"from\":0,\"to\":0,\"count\":" #a "},{\"from\":0,\"to\":10000,\"count\":" \
#b "},{\"from\":10000,\"to\":50000,\"count\":" #c "}," \
"{\"from\":50000,\"to\":100000,\"count\":0},{\"from\":100000,\"to\":500000," \
"\"count\":0},{\"from\":500000,\"to\":1000000,\"count\":0},{\"from\":" \
"1000000,\"to\":5000000,\"count\":0},{\"from\":5000000,\"to\":10000000," \
"\"count\":0},{\"from\":10000000,\"to\":null,\"count\":0}]"

/* A reform, one program changed by it, one no one is eligible for. */
static const char with_reform[] =
"{\"compare\":{\"as_of\":\"2025-06-30\",\"rules\":\"sha256:ab\","
"\"reform\":{\"id\":\"r-1\",\"title\":{\"zh\":\"<b>改&\\\"革'</b>\","
"\"en\":\"A <b> & \\\"reform\\\"\"},\"digest\":\"sha256:cd\"},"
"\"profiles\":12,\"rejected\":0,\"programs\":["
"{\"program\":\"t.voucher\",\"title\":{\"zh\":\"券\",\"en\":\"Voucher\"},"
"\"baseline\":{\"eligible\":3,\"demanded\":1234567.5,\"pool\":1000000,"
"\"paid\":1000000,\"fill_ratio\":\"0.8100\",\"cut\":2,\"distribution\":"
DIST(0, 1, 2) "},"
"\"reform\":{\"eligible\":3,\"demanded\":617283.75,\"pool\":1000000,"
"\"paid\":617283.75,\"fill_ratio\":\"1.0000\",\"cut\":0,\"distribution\":"
DIST(0, 2, 1) "},"
"\"change\":{\"eligible\":0,\"demanded\":-617283.75,\"paid\":-382716.25,"
"\"cut\":-2}},"
"{\"program\":\"t.idle\",\"title\":{\"zh\":\"闲\",\"en\":\"Idle\"},"
"\"baseline\":{\"eligible\":0,\"demanded\":0,\"pool\":null,\"paid\":0,"
"\"fill_ratio\":null,\"cut\":0,\"distribution\":" DIST(0, 0, 0) "},"
"\"reform\":{\"eligible\":0,\"demanded\":0,\"pool\":null,\"paid\":0,"
"\"fill_ratio\":null,\"cut\":0,\"distribution\":" DIST(0, 0, 0) "},"
"\"change\":{\"eligible\":0,\"demanded\":0,\"paid\":0,\"cut\":0}}],"
"\"total\":{\"baseline\":{\"eligible\":3,\"demanded\":1234567.5,"
"\"paid\":1000000,\"cut\":2},\"reform\":{\"eligible\":3,\"demanded\":"
"617283.75,\"paid\":617283.75,\"cut\":0},\"change\":{\"eligible\":0,"
"\"demanded\":-617283.75,\"paid\":-382716.25,\"cut\":-2}},"
"\"winners\":{\"count\":1,\"gained\":0.01,\"largest\":[{\"line\":7,"
"\"profile\":\"P<7>\",\"baseline\":0,\"reform\":0.01,\"change\":0.01}]},"
"\"losers\":{\"count\":2,\"lost\":382716.26,\"largest\":[]},"
"\"unchanged\":9}}\n";

/* The baseline alone. */
static const char baseline[] =
"{\"compare\":{\"as_of\":\"2025-06-30\",\"rules\":\"sha256:ab\","
"\"reform\":null,\"profiles\":12,\"rejected\":1,\"programs\":["
"{\"program\":\"t.voucher\",\"title\":{\"zh\":\"券\",\"en\":\"Voucher\"},"
"\"baseline\":{\"eligible\":3,\"demanded\":1234567.5,\"pool\":1000000,"
"\"paid\":1000000,\"fill_ratio\":\"0.8100\",\"cut\":2,\"distribution\":"
DIST(0, 1, 2) "}}],"
"\"total\":{\"baseline\":{\"eligible\":3,\"demanded\":1234567.5,"
"\"paid\":1000000,\"cut\":2}}}}";

/* A reform that changes a pool alone (all it pays fits either), and a
 * program it leaves as it is. */
#define SIDE(pool) "{\"eligible\":1,\"demanded\":5,\"pool\":" #pool \
	",\"paid\":5,\"fill_ratio\":\"1.0000\",\"cut\":0,\"distribution\":" \
	DIST(0, 1, 0) "}"
#define ZERO "{\"eligible\":0,\"demanded\":0,\"paid\":0,\"cut\":0}"
static const char pool_only[] =
"{\"compare\":{\"as_of\":\"2025-06-30\",\"rules\":\"sha256:ab\","
"\"reform\":{\"id\":\"r-2\",\"title\":{\"zh\":\"池\",\"en\":\"Pool\"},"
"\"digest\":\"sha256:cd\"},\"profiles\":1,\"rejected\":0,\"programs\":["
"{\"program\":\"t.same\",\"title\":{\"zh\":\"同\",\"en\":\"Same\"},"
"\"baseline\":" SIDE(null) ",\"reform\":" SIDE(null) ",\"change\":" ZERO "},"
"{\"program\":\"t.pool\",\"title\":{\"zh\":\"池\",\"en\":\"Pooled\"},"
"\"baseline\":" SIDE(100) ",\"reform\":" SIDE(90) ",\"change\":" ZERO "}],"
"\"total\":{\"baseline\":{\"eligible\":1,\"demanded\":10,\"paid\":10,"
"\"cut\":0},\"reform\":{\"eligible\":1,\"demanded\":10,\"paid\":10,"
"\"cut\":0},\"change\":" ZERO "},"
"\"winners\":{\"count\":0,\"gained\":0,\"largest\":[]},"
"\"losers\":{\"count\":0,\"lost\":0,\"largest\":[]},\"unchanged\":1}}";

static char *
render(const char *json, enum ais_lang lang)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_report_html(json, strlen(json), lang, &b, &err) != 0)
		fail_msg("ais_report_html: %s", err.msg);
	return b.p;
}

/* Whether the page has the figure key showing text. */
static int
has_figure(const char *page, const char *key, const char *text)
{
	char want[256];

	snprintf(want, sizeof want, "data-key=\"%s\">%s<", key, text);
	return strstr(page, want) != NULL;
}

static void
report_should_show_every_figure_with_its_json_path(void **state)
{
	static const char *const figures[][2] = {
		{"compare.profiles", "12"},
		{"compare.rejected", "0"},
		{"compare.total.baseline.demanded", "1,234,567.5"},
		{"compare.total.reform.paid", "617,283.75"},
		{"compare.total.change.paid", "-382,716.25"},
		{"compare.total.change.eligible", "0"},
		{"compare.total.change.cut", "-2"},
		{"compare.programs.0.baseline.pool", "1,000,000"},
		{"compare.programs.0.baseline.fill_ratio", "0.8100"},
		{"compare.programs.0.reform.fill_ratio", "1.0000"},
		{"compare.programs.0.change.demanded", "-617,283.75"},
		{"compare.programs.0.baseline.distribution.2.count", "2"},
		{"compare.programs.0.reform.distribution.8.count", "0"},
		{"compare.programs.1.baseline.eligible", "0"},
		{"compare.programs.1.reform.pool", "\xe2\x80\x94"},
		{"compare.winners.count", "1"},
		{"compare.winners.gained", "0.01"},
		{"compare.winners.largest.0.line", "7"},
		{"compare.winners.largest.0.profile", "P&lt;7&gt;"},
		{"compare.winners.largest.0.change", "+0.01"},
		{"compare.losers.lost", "382,716.26"},
		{"compare.unchanged", "9"},
	};
	char *page = render(with_reform, AIS_LANG_EN);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof figures / sizeof figures[0]; i++)
		if (!has_figure(page, figures[i][0], figures[i][1]))
			fail_msg("no %s showing %s", figures[i][0],
			    figures[i][1]);
	/* the program no one is eligible for has no card: no distribution */
	assert_null(strstr(page, "compare.programs.1.baseline.distribution"));
	/* the program the reform changes comes first, under its heading */
	assert_true(strstr(page, "<h2>Programs the reform changes</h2>") <
	    strstr(page, "compare.programs.0.baseline.paid"));
	assert_true(strstr(page, "compare.programs.0.baseline.paid") <
	    strstr(page, "<h2>Other programs</h2>"));
	free(page);
}

static void
report_should_count_a_pool_alone_as_a_change(void **state)
{
	char *page = render(pool_only, AIS_LANG_EN);
	const char *changed = strstr(page,
	    "<h2>Programs the reform changes</h2>");
	const char *others = strstr(page, "<h2>Other programs</h2>");
	const char *pooled = strstr(page, "compare.programs.1.reform.pool");
	const char *same = strstr(page, "compare.programs.0.reform.pool");

	(void)state;
	assert_non_null(changed);
	assert_non_null(others);
	assert_non_null(pooled);
	assert_non_null(same);
	assert_true(changed < pooled && pooled < others && others < same);
	assert_true(has_figure(page, "compare.programs.1.reform.pool", "90"));
	assert_true(has_figure(page, "compare.programs.0.reform.pool",
	    "\xe2\x80\x94"));
	free(page);
}

static void
report_should_escape_text_for_html(void **state)
{
	char *zh = render(with_reform, AIS_LANG_ZH);
	char *en = render(with_reform, AIS_LANG_EN);

	(void)state;
	assert_non_null(strstr(zh,
	    "<h1>&lt;b&gt;改&amp;&quot;革&#39;&lt;/b&gt;</h1>"));
	assert_non_null(strstr(en, "<h1>A &lt;b&gt; &amp; &quot;reform&quot;"
	    "</h1>"));
	assert_null(strstr(zh, "<b>"));
	assert_null(strstr(en, "<b>"));
	assert_null(strstr(en, "P<7>"));
	free(zh);
	free(en);
}

static void
report_should_be_written_in_both_languages(void **state)
{
	char *zh = render(with_reform, AIS_LANG_ZH);
	char *en = render(with_reform, AIS_LANG_EN);

	(void)state;
	assert_true(strncmp(zh, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 34)
	    == 0);
	assert_true(strncmp(en, "<!DOCTYPE html>\n<html lang=\"en\">", 31)
	    == 0);
	assert_non_null(strstr(zh, "<h2>合计</h2>"));
	assert_non_null(strstr(zh, "1万"));
	assert_non_null(strstr(en, "<h2>Totals</h2>"));
	assert_non_null(strstr(en, "10k"));
	assert_null(strstr(en, "合计"));
	/* the same figures in both */
	assert_true(has_figure(zh, "compare.total.change.paid",
	    "-382,716.25"));
	free(zh);
	free(en);
}

static void
report_should_fetch_nothing_and_run_nothing(void **state)
{
	char *page = render(with_reform, AIS_LANG_ZH);

	(void)state;
	assert_null(strstr(page, "<script"));
	assert_null(strstr(page, "src="));
	assert_null(strstr(page, "href="));
	assert_null(strstr(page, "http"));
	assert_null(strstr(page, "url("));
	assert_non_null(strstr(page, "<svg"));
	free(page);
}

static void
report_should_be_the_same_bytes_every_time(void **state)
{
	char *a = render(with_reform, AIS_LANG_EN);
	char *b = render(with_reform, AIS_LANG_EN);

	(void)state;
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
report_of_the_baseline_alone_should_have_no_reform_column(void **state)
{
	char *page = render(baseline, AIS_LANG_EN);

	(void)state;
	assert_non_null(strstr(page, "<h1>Current rules"));
	assert_true(has_figure(page, "compare.rejected", "1"));
	assert_true(has_figure(page, "compare.programs.0.baseline.paid",
	    "1,000,000"));
	assert_null(strstr(page, ".reform."));
	assert_null(strstr(page, "compare.winners"));
	assert_null(strstr(page, ">Reform<"));
	free(page);
}

/* Renders bad into a buffer holding "kept": -1, AIS_EIO, the buffer as
 * it was, and the message has want. */
static void
refused(const char *bad, size_t len, const char *want)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	ais_buf_adds(&b, "kept");
	assert_int_equal(ais_report_html(bad, len, AIS_LANG_EN, &b, &err), -1);
	assert_int_equal(err.status, AIS_EIO);
	assert_string_equal(b.p, "kept");
	if (!strstr(err.msg, want))
		fail_msg("'%s' lacks '%s'", err.msg, want);
	ais_buf_release(&b);
}

static void
report_should_refuse_what_is_not_a_compare_report(void **state)
{
	static const char trailing[] = "{\"compare\":{}} x";
	char *cut, *broken;
	size_t n = strlen(with_reform);

	(void)state;
	refused("", 0, "expected a value at byte 0");
	refused("{\"compare\":", 11, "expected a value at byte 11");
	refused(trailing, sizeof trailing - 1, "expected the end of the "
	    "report at byte 15");
	refused("{\"a\":\"\\q\"}", 10, "a bad escape");
	refused("[1.]", 4, "a digit after the decimal point");
	refused("{}", 2, "not a compare report: compare: missing: an object");
	refused("{\"compare\":[]}", 14, "compare: is not an object");
	/* valid JSON lacking a figure: the first place it is missing */
	broken = malloc(n + 1);
	assert_non_null(broken);
	memcpy(broken, with_reform, n + 1);
	cut = strstr(broken, "\"paid\":617283.75");
	assert_non_null(cut);
	memcpy(cut, "\"piad\"", 6);
	refused(broken, n, "compare.programs.0.reform.paid: missing: a number");
	free(broken);
	/* a string that is not UTF-8 (found by fuzz_report): a JSON text
	 * is UTF-8 (RFC 8259), and a page must be too */
	refused("{\"a\":\"x\xb9y\"}", 11, "not UTF-8 at byte 7");
	refused("{\"a\":\"\xe8\xae\"}", 11, "not UTF-8 at byte 6");
	/* \u0000 in a key or a string (found by fuzz_report: the decoded
	 * text was copied up to its NUL, and a key compared past it) */
	refused("{\"comp\\u0000are\":{}}", 20, "a string without \\u0000 "
	    "at byte 6");
	refused("{\"a\":\"\\u0000\"}", 14, "a string without \\u0000");
	/* nesting too deep for a report */
	{
		char deep[80];

		memset(deep, '[', sizeof deep);
		refused(deep, sizeof deep, "no deeper nesting");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    report_should_show_every_figure_with_its_json_path),
		cmocka_unit_test(report_should_count_a_pool_alone_as_a_change),
		cmocka_unit_test(report_should_escape_text_for_html),
		cmocka_unit_test(report_should_be_written_in_both_languages),
		cmocka_unit_test(report_should_fetch_nothing_and_run_nothing),
		cmocka_unit_test(report_should_be_the_same_bytes_every_time),
		cmocka_unit_test(
		    report_of_the_baseline_alone_should_have_no_reform_column),
		cmocka_unit_test(
		    report_should_refuse_what_is_not_a_compare_report),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
