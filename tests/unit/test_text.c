/*
 * test_text.c: the table for people (src/text.c).
 *
 * Display widths of CJK and mixed text, thousands separators, 万 exact to
 * the fen, the alignment of a table of real results (the built-in rules
 * and a Chengdu firm) in both languages, the deciding reason, the guide
 * and a flagged last day, and colour only when asked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "aisubsidy.h"
#include "engine.h"
#include "profile.h"
#include "text.h"

static struct ais_buf B;

static const char *
yuan(int64_t fen)
{
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	ais_text_yuan(fen, &B);
	return B.p;
}

static const char *
wan(int64_t fen)
{
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	ais_text_wan(fen, &B);
	return B.p;
}

static void
width_should_count_cjk_as_two_columns(void **state)
{
	(void)state;
	assert_int_equal(ais_text_width("", 0), 0);
	assert_int_equal(ais_text_width("abc", 3), 3);
	/* 算力券: three characters, nine bytes, six columns */
	assert_int_equal(strlen("算力券"), 9);
	assert_int_equal(ais_text_width("算力券", 9), 6);
	/* mixed: "AI算力" is 2 + 4 */
	assert_int_equal(ais_text_width("AI算力", strlen("AI算力")), 6);
	/* full-width punctuation is two columns, as CJK */
	assert_int_equal(ais_text_width("（）", strlen("（）")), 4);
	/* the marks of the table are one column each */
	assert_int_equal(ais_text_width("✓✗⚑", strlen("✓✗⚑")), 3);
	/* a combining accent takes none: e + U+0301 */
	assert_int_equal(ais_text_width("e\xcc\x81", 3), 1);
}

static void
yuan_should_group_thousands_and_show_fen_only_when_not_whole(void **state)
{
	(void)state;
	assert_string_equal(yuan(0), "0");
	assert_string_equal(yuan(1), "0.01");
	assert_string_equal(yuan(10), "0.10");
	assert_string_equal(yuan(100), "1");
	assert_string_equal(yuan(99999), "999.99");
	assert_string_equal(yuan(100000), "1,000");
	assert_string_equal(yuan(125000050), "1,250,000.50");
	assert_string_equal(yuan(80000000), "800,000");
	assert_string_equal(yuan(-100000), "-1,000");
	assert_string_equal(yuan(INT64_MAX), "92,233,720,368,547,758.07");
	assert_string_equal(yuan(INT64_MIN), "-92,233,720,368,547,758.08");
}

static void
wan_should_be_exact_with_no_trailing_zeros(void **state)
{
	(void)state;
	assert_string_equal(wan(0), "0万");
	assert_string_equal(wan(125000000), "125万");
	assert_string_equal(wan(12500000), "12.5万");
	assert_string_equal(wan(100), "0.0001万");		/* 1 yuan */
	assert_string_equal(wan(1), "0.000001万");		/* 1 fen */
	assert_string_equal(wan(170000001), "170.000001万");
	assert_string_equal(wan(1234500000000LL), "1,234,500万");
	assert_string_equal(wan(-12500000), "-12.5万");
	ais_buf_reset(&B);
	ais_text_amount(12500000, AIS_UNIT_YUAN, &B);
	assert_string_equal(B.p, "125,000");
	ais_buf_reset(&B);
	ais_text_amount(12500000, AIS_UNIT_WAN, &B);
	assert_string_equal(B.p, "12.5万");
}

/* A Chengdu firm, the built-in rules: real results. */
static const char chengdu[] =
	"{\"id\": \"CD-T\", \"as_of\": \"2025-10-15\", \"kind\": \"enterprise\","
	" \"city\": \"chengdu\", \"registered_on\": \"2019-03-15\","
	" \"ai_enterprise\": true,"
	" \"compute_purchases\": [{\"id\": \"cp-1\", \"amount\": 4000000,"
	" \"purpose\": \"model_training\", \"provider_listed\": true,"
	" \"affiliated\": false, \"date\": \"2025-09-15\"}],"
	" \"software_products\": [{\"id\": \"sw-1\","
	" \"certified_first_version\": true, \"role\": \"both\","
	" \"rd_expenditure\": 8000000, \"contract_executed\": 3000000}]}";

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

	e->r = ais_rules_load_builtin(&e->err);
	if (!e->r)
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
	return 0;
}

static void
calc(struct env *e, const char *json)
{
	struct ais_calc_opts o;

	memset(&o, 0, sizeof o);
	o.explain = 1;
	assert_int_equal(ais_profile_read(&e->p, e->r, json, strlen(json),
	    &e->err), 0);
	assert_int_equal(ais_calc(e->r, &e->p, &o, &e->res, &e->err), 0);
}

static const char *
table(struct env *e, const struct ais_text_opts *o)
{
	ais_buf_reset(&B);
	ais_buf_add(&B, "", 0);
	assert_int_equal(ais_text_write(&e->res, o, &B, &e->err), 0);
	return B.p;
}

/* The line of b that contains s, as a copy (static). */
static const char *
line_with(const char *b, const char *s)
{
	static char line[1024];
	const char *at = strstr(b, s), *start, *end;

	if (!at)
		return NULL;
	for (start = at; start > b && start[-1] != '\n'; start--)
		;
	end = strchr(at, '\n');
	if (!end)
		end = at + strlen(at);
	assert_true((size_t)(end - start) < sizeof line);
	memcpy(line, start, (size_t)(end - start));
	line[end - start] = '\0';
	return line;
}

/* The display column at which the text t of line starts. */
static size_t
column_of(const char *line, const char *t)
{
	const char *at = strstr(line, t);

	assert_non_null(at);
	return ais_text_width(line, (size_t)(at - line));
}

static size_t
line_width(const char *line)
{
	return ais_text_width(line, strlen(line));
}

static void
table_should_align_columns_by_display_width(void **state)
{
	struct env *e = *state;
	struct ais_text_opts o;
	const char *t, *l;
	size_t w, i;
	const char *rows[] = { "首版次软件产品", "算力券", "大模型使用补贴",
		"合计" };

	calc(e, chengdu);
	ais_text_opts_init(&o);
	t = table(e, &o);
	/* every row and the header end at the same column: the figures are
	 * right-aligned by display width, not bytes */
	l = line_with(t, "最高可得");
	assert_non_null(l);
	w = line_width(l);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		l = line_with(t, rows[i]);
		assert_non_null(l);
		assert_int_equal(line_width(l), w);
	}
	/* the basis column starts at one column in every row */
	l = line_with(t, "首版次软件产品");
	w = column_of(l, "按比例");
	assert_int_equal(column_of(line_with(t, "算力券  "), "按比例"), w);
	assert_int_equal(column_of(line_with(t, "大模型使用补贴"), "按比例"), w);
	assert_int_equal(column_of(line_with(t, "方式"), "方式"), w);
	/* amounts with separators, and "-" for an ineligible one */
	assert_non_null(strstr(line_with(t, "首版次软件产品"), "800,000"));
	assert_non_null(strstr(line_with(t, "大模型使用补贴"), " -"));
	/* the same in English: the header's last column ends with the rows */
	ais_text_opts_init(&o);
	o.lang = AIS_LANG_EN;
	t = table(e, &o);
	w = line_width(line_with(t, "up to"));
	assert_int_equal(line_width(line_with(t, "First-version software")), w);
	assert_int_equal(line_width(line_with(t, "  total")), w);
}

static void
table_should_say_why_and_end_with_totals_warnings_receipt(void **state)
{
	struct env *e = *state;
	struct ais_text_opts o;
	const char *t, *why;

	calc(e, chengdu);
	ais_text_opts_init(&o);
	o.lang = AIS_LANG_EN;
	t = table(e, &o);
	/* one line under an ineligible program: its first check not met */
	why = strstr(t, "✗ Model use subsidy");
	assert_non_null(why);
	why = strchr(why, '\n') + 1;
	assert_true(strncmp(why, "    why: not met: uses a large model", 36)
	    == 0);
	/* the eligible one with a part set aside says so, without "why" */
	assert_non_null(strstr(t, "\n    set aside: adopter: sw-1"));
	assert_non_null(strstr(t, "  total "));
	assert_non_null(strstr(t, "programs eligible"));
	assert_non_null(strstr(t, "\nwarnings: none\n"));
	assert_non_null(strstr(t, "\nreceipt: aisubsidy " AIS_VERSION
	    "; claim date 2025-10-15; rules sha256:"));
	/* no colour unless asked */
	assert_null(strchr(t, '\033'));
	/* 万 is named in the first line */
	o.unit = AIS_UNIT_WAN;
	t = table(e, &o);
	assert_non_null(strstr(t, "amounts in 万 (1万 = 10,000 yuan)\n"));
	assert_non_null(strstr(line_with(t, "First-version software"), "80万"));
	o.lang = AIS_LANG_ZH;
	t = table(e, &o);
	assert_non_null(strstr(t, "金额单位：万元"));
	assert_non_null(strstr(t, "原因：不符合："));
}

static void
table_should_colour_only_when_asked(void **state)
{
	struct env *e = *state;
	struct ais_text_opts o;
	const char *t;

	calc(e, chengdu);
	ais_text_opts_init(&o);
	o.lang = AIS_LANG_EN;
	o.colour = 1;
	t = table(e, &o);
	/* green eligible rows, dim ineligible ones and their lines, bold
	 * totals, each reset at its line's end */
	assert_non_null(strstr(t, "\033[32m✓ First-version software"));
	assert_non_null(strstr(t, "\033[2m✗ Model use subsidy"));
	assert_non_null(strstr(t, "\033[2m    why: not met"));
	assert_non_null(strstr(t, "\033[1m  total"));
	assert_non_null(strstr(t, "\033[0m\n"));
	/* the same columns as without colour: strip the escapes and compare */
	{
		char *plain = strdup(t), *r, *w;
		const char *t0;

		for (r = w = plain; *r; ) {
			if (*r == '\033') {
				while (*r && *r != 'm')
					r++;
				if (*r)
					r++;
				continue;
			}
			*w++ = *r++;
		}
		*w = '\0';
		o.colour = 0;
		t0 = table(e, &o);
		assert_string_equal(plain, t0);
		free(plain);
	}
}

static void
table_should_flag_a_near_last_day_and_show_qualify_and_missing(void **state)
{
	struct env *e = *state;
	struct ais_text_opts o;
	struct ais_item *sw = NULL, *mu = NULL;
	struct ais_qualify q;
	const char *missing[] = { "model_purchases", "revenue.ai_share" };
	const char *t;
	size_t i;

	calc(e, chengdu);
	for (i = 0; i < e->res.items.n; i++) {
		if (strcmp(e->res.items.v[i].program->id,
		    "chengdu.first_version_software") == 0)
			sw = &e->res.items.v[i];
		if (strcmp(e->res.items.v[i].program->id,
		    "chengdu.model_use") == 0)
			mu = &e->res.items.v[i];
	}
	assert_non_null(sw);
	assert_non_null(mu);
	/* the fields helpers W and Q fill, filled by hand */
	sw->has_due = 1;
	sw->last_day = e->res.as_of + 12;
	sw->due_by = AIS_DUE_VALIDITY;
	memset(&q, 0, sizeof q);
	q.kind = AIS_Q_CHANGE;
	q.says = "a model purchase of 1000000 would qualify: 300000";
	mu->qualify = &q;
	mu->nqualify = 1;
	mu->incomplete = 1;
	mu->missing = missing;
	mu->nmissing = 2;
	ais_text_opts_init(&o);
	o.lang = AIS_LANG_EN;
	t = table(e, &o);
	assert_non_null(strstr(t, "last day: 2025-10-27 ⚑ due in 12 days\n"));
	assert_non_null(strstr(t, "? Model use subsidy"));
	assert_non_null(strstr(t, "    incomplete: give model_purchases, "
	    "revenue.ai_share\n"));
	assert_non_null(strstr(t, "    to qualify: a model purchase of "
	    "1000000 would qualify: 300000\n"));
	/* beyond the flag's days: the days left, unflagged */
	o.flag_days = 5;
	t = table(e, &o);
	assert_non_null(strstr(t, "last day: 2025-10-27 (12 days left)\n"));
	o.lang = AIS_LANG_ZH;
	o.flag_days = 30;
	o.colour = 1;
	t = table(e, &o);
	assert_non_null(strstr(t, "截止日：2025-10-27 \033[33m⚑ 12天内截止\033[0m"));
	assert_non_null(strstr(t, "信息不全，请提供：model_purchases、"
	    "revenue.ai_share"));
	/* --due-within: only the eligible programs due within the days */
	ais_text_opts_init(&o);
	o.lang = AIS_LANG_EN;
	o.has_due_within = 1;
	o.due_within = 12;
	t = table(e, &o);
	assert_non_null(strstr(t, "✓ First-version software"));
	assert_null(strstr(t, "Compute voucher"));
	assert_null(strstr(t, "Model use subsidy"));
	o.due_within = 11;
	t = table(e, &o);
	assert_null(strstr(t, "First-version software"));
	assert_non_null(strstr(t, "(no program to show)"));
	mu->qualify = NULL;
	mu->nqualify = 0;
	mu->missing = NULL;
	mu->nmissing = 0;
}

static void
long_titles_should_be_cut_at_a_whole_character(void **state)
{
	struct env *e = *state;
	struct ais_text_opts o;
	struct ais_program *pg;
	const char *saved, *t, *l;

	calc(e, chengdu);
	pg = (struct ais_program *)e->res.items.v[0].program;
	saved = pg->title_zh;
	/* 25 CJK characters: 50 columns, more than the 40 a title may take */
	pg->title_zh = "一二三四五六七八九十一二三四五六七八九十一二三四五";
	ais_text_opts_init(&o);
	t = table(e, &o);
	l = line_with(t, "一二三");
	assert_non_null(l);
	/* 18 characters (36 columns) and "...", then a space to 40 */
	assert_non_null(strstr(l, "一二三四五六七八九十一二三四五六七八... "));
	assert_int_equal(column_of(l, "..."), 2 + 36);
	assert_int_equal(line_width(l), line_width(line_with(t, "最高可得")));
	pg->title_zh = saved;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(width_should_count_cjk_as_two_columns),
		cmocka_unit_test(
		    yuan_should_group_thousands_and_show_fen_only_when_not_whole),
		cmocka_unit_test(wan_should_be_exact_with_no_trailing_zeros),
		cmocka_unit_test_setup_teardown(
		    table_should_align_columns_by_display_width, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    table_should_say_why_and_end_with_totals_warnings_receipt,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    table_should_colour_only_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    table_should_flag_a_near_last_day_and_show_qualify_and_missing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    long_titles_should_be_cut_at_a_whole_character, setup,
		    teardown),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	ais_buf_release(&B);
	return rc;
}
