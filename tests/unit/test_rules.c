/*
 * test_rules.c: loading rule files (docs/rules.md): a valid file and what
 * it holds, the digest of a rule set, every kind of load error with its
 * exact place (file, line, column) and message, the versions of dated
 * terms, and loading a directory.
 *
 * Every rule file here is written for the test and held in memory.  Most
 * are HEAD (a jurisdiction, a document and a source, lines 1 to 16)
 * followed by one program starting on line 17; the line numbers in the
 * comments are those of the whole file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <yaml.h>

#include "builtin.h"
#include "rules.h"
#include "stub_parents.h"

#define FILE_NAME "rules/testcity.yaml"

/* Lines 1 to 16 of most files below. */
static const char HEAD[] =
	"jurisdiction:\n"				/* 1 */
	"  id: testcity\n"				/* 2 */
	"  level: city\n"				/* 3 */
	"  name: {zh: 测试市, en: Testcity}\n"		/* 4 */
	"  parent: testprov\n"				/* 5 */
	"documents:\n"					/* 6 */
	"  - id: doc-a\n"				/* 7 */
	"    title: 测试文件\n"				/* 8 */
	"    valid: {from: 2024-01-01, until: 2025-12-31}\n"	/* 9 */
	"    url: https://example.org/doc\n"		/* 10 */
	"sources:\n"					/* 11 */
	"  src-a:\n"					/* 12 */
	"    document: doc-a\n"				/* 13 */
	"    clause: 按10%给予补助\n"			/* 14 */
	"    confidence: quoted\n"			/* 15 */
	"programs:\n";					/* 16 */

/* A valid program for HEAD, lines 17 to 25. */
static const char PROGRAM[] =
	"  - id: testcity.p1\n"				/* 17 */
	"    title: {zh: 项目一, en: Program one}\n"	/* 18 */
	"    document: doc-a\n"				/* 19 */
	"    source: src-a\n"				/* 20 */
	"    awards:\n"					/* 21 */
	"      - label: {zh: 主项, en: main}\n"				/* 22 */
	"        basis: formula\n"			/* 23 */
	"        base: revenue.main_business\n"		/* 24 */
	"        rate: 10%\n";				/* 25 */

/* ---- helpers ---- */

/*
 * What a test allocates is freed by teardown, so that a test that fails
 * half-way leaks nothing under valgrind.
 */
static char *texts[8];
static size_t ntexts;
static struct ais_rules *loaded[8];
static size_t nloaded;

static int
teardown(void **state)
{
	(void)state;
	while (ntexts > 0)
		free(texts[--ntexts]);
	while (nloaded > 0)
		ais_rules_free(loaded[--nloaded]);
	return 0;
}

/* Keeps r (which may be NULL) for teardown to free. */
static struct ais_rules *
keep(struct ais_rules *r)
{
	assert_true(nloaded < 8);
	loaded[nloaded++] = r;
	return r;
}

/* HEAD followed by prog, freed by teardown. */
static char *
with_head(const char *prog)
{
	size_t a = strlen(HEAD), b = strlen(prog);
	char *s = malloc(a + b + 1);

	assert_non_null(s);
	assert_true(ntexts < 8);
	texts[ntexts++] = s;
	memcpy(s, HEAD, a);
	memcpy(s + a, prog, b + 1);
	return s;
}

/* ais_rules_load, with a province for a city that names one not given. */
static struct ais_rules *
load_stubbed(const struct ais_rule_file *f, size_t n, struct ais_error *err)
{
	struct ais_rule_file all[8 + STUB_MAX];
	struct stubs stubs;

	assert_true(n <= 8);
	n = stub_parents(f, n, &stubs, all);
	return ais_rules_load(all, n, err);
}

/* Loads the one file text called name, which must succeed. */
static struct ais_rules *
load_named_ok(const char *name, const char *text)
{
	struct ais_rule_file f = { name, text, strlen(text), 0 };
	struct ais_error err;
	struct ais_rules *r;

	memset(&err, 0, sizeof err);
	r = keep(load_stubbed(&f, 1, &err));
	if (!r)
		fail_msg("unexpected error: %s:%d:%d: %s", err.file, err.line,
		    err.column, err.msg);
	return r;
}

static struct ais_rules *
load_ok(const char *text)
{
	return load_named_ok(FILE_NAME, text);
}

/* Checks that err holds exactly this rules error. */
static void
check_err(const struct ais_error *err, const char *file, int line,
	int column, const char *msg)
{
	assert_int_equal(err->status, AIS_ERULES);
	assert_string_equal(err->msg, msg);
	assert_string_equal(err->file, file);
	if (err->line != line || err->column != column)
		print_message("placed at %d:%d, not %d:%d\n", err->line,
		    err->column, line, column);
	assert_int_equal(err->line, line);
	assert_int_equal(err->column, column);
	assert_string_equal(err->path, "");
}

/* Loads the files, which must fail with exactly this error. */
static void
load_files_err(const struct ais_rule_file *f, size_t n, const char *file,
	int line, int column, const char *msg)
{
	struct ais_error err;
	struct ais_rules *r;

	memset(&err, 0, sizeof err);
	r = keep(ais_rules_load(f, n, &err));
	if (r) {
		fail_msg("loaded, but should fail with %s:%d:%d: %s", file,
		    line, column, msg);
	}
	check_err(&err, file, line, column, msg);
}

/* Loads text as FILE_NAME, which must fail with exactly this error. */
static void
load_err(const char *text, int line, int column, const char *msg)
{
	struct ais_rule_file f = { FILE_NAME, text, strlen(text), 0 };

	load_files_err(&f, 1, FILE_NAME, line, column, msg);
}

/* HEAD and prog, which must fail with exactly this error. */
static void
prog_err(const char *prog, int line, int column, const char *msg)
{
	char *text = with_head(prog);

	load_err(text, line, column, msg);
}

/* The one term of the first award of the first program. */
static const struct ais_award *
first_award(const struct ais_rules *r)
{
	assert_true(r->nj >= 1);
	assert_true(r->j[0].nprograms >= 1);
	assert_true(r->j[0].programs[0].nawards >= 1);
	return &r->j[0].programs[0].awards[0];
}

static ais_date
day(const char *s)
{
	ais_date d;

	assert_int_equal(ais_date_parse(s, strlen(s), &d), 0);
	return d;
}

/* ---- a valid file ---- */

static void
load_should_read_a_minimal_valid_file(void **state)
{
	char *text = with_head(PROGRAM);
	struct ais_rules *r = load_ok(text);
	const struct ais_jurisdiction *j;
	const struct ais_program *pg;
	const struct ais_award *aw;

	(void)state;
	/* the city, and the province with no programs load_ok gives it */
	assert_int_equal(r->nj, 2);
	assert_int_equal(r->nprograms, 1);
	j = &r->j[0];
	assert_string_equal(j->id, "testcity");
	assert_string_equal(j->level, "city");
	assert_string_equal(j->name_zh, "测试市");
	assert_string_equal(j->name_en, "Testcity");
	assert_string_equal(j->parent_id, "testprov");
	assert_string_equal(j->parent->id, "testprov");
	assert_string_equal(j->file, FILE_NAME);
	assert_ptr_equal(ais_rules_find(r, "testcity", 8), j);
	assert_non_null(ais_rules_find(r, "testprov", 8));

	assert_int_equal(j->ndocuments, 1);
	assert_string_equal(j->documents[0].id, "doc-a");
	assert_string_equal(j->documents[0].title, "测试文件");
	assert_null(j->documents[0].title_en);
	assert_int_equal(j->documents[0].date, AIS_DATE_MIN);
	assert_int_equal(j->documents[0].valid_from, day("2024-01-01"));
	assert_int_equal(j->documents[0].valid_until, day("2025-12-31"));
	assert_int_equal(j->documents[0].validity_assumed, 0);
	assert_string_equal(j->documents[0].url, "https://example.org/doc");

	assert_int_equal(j->nprograms, 1);
	pg = &j->programs[0];
	assert_string_equal(pg->id, "testcity.p1");
	assert_string_equal(pg->title_zh, "项目一");
	assert_string_equal(pg->title_en, "Program one");
	assert_ptr_equal(pg->document, &j->documents[0]);
	assert_ptr_equal(pg->jurisdiction, j);
	assert_non_null(pg->source);
	assert_string_equal(pg->source->name, "src-a");
	assert_string_equal(pg->source->clause, "按10%给予补助");
	assert_string_equal(pg->source->confidence, "quoted");
	assert_ptr_equal(pg->source->document, &j->documents[0]);
	/* the program's validity is its document's */
	assert_int_equal(pg->valid_from, day("2024-01-01"));
	assert_int_equal(pg->valid_until, day("2025-12-31"));
	assert_true(pg->any_applicant);
	assert_int_equal(pg->nconditions, 0);
	assert_int_equal(pg->cap.n, 0);
	assert_null(pg->same_project);
	assert_false(pg->pool.present);

	assert_int_equal(pg->nawards, 1);
	aw = &pg->awards[0];
	assert_string_equal(aw->label.en, "main");
	assert_int_equal(aw->basis, AIS_BASIS_FORMULA);
	assert_int_equal(aw->from, AIS_DATE_MIN);
	assert_int_equal(aw->until, AIS_DATE_MAX);
	assert_null(aw->each);
	assert_int_equal(aw->base.n, 1);
	assert_string_equal(ais_expr_text(aw->base.v[0].expr),
	    "revenue.main_business");
	assert_ptr_equal(aw->base.v[0].source, pg->source);
	assert_int_equal(aw->rate.n, 1);
	assert_true(ais_expr_is_const(aw->rate.v[0].expr));
	assert_int_equal(aw->cap.n, 0);
	assert_int_equal(aw->amount.n, 0);
	assert_int_equal(aw->ceiling.n, 0);

	assert_int_equal(strlen(r->digest), 71);
	assert_memory_equal(r->digest, "sha256:", 7);
	assert_int_equal(strspn(r->digest + 7, "0123456789abcdef"), 64);
}

static void
load_should_name_unlabelled_awards_by_their_place(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n"
	    "      - basis: fixed\n"
	    "        amount: 30万\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_program *pg = &r->j[0].programs[0];

	(void)state;
	assert_int_equal(pg->nawards, 2);
	assert_string_equal(pg->awards[0].label.en, "award 1");
	assert_string_equal(pg->awards[0].label.zh, "第1项");
	assert_int_equal(pg->awards[0].basis, AIS_BASIS_UNQUANTIFIED);
	assert_string_equal(pg->awards[1].label.en, "award 2");
	assert_string_equal(pg->awards[1].label.zh, "第2项");
	assert_int_equal(pg->awards[1].basis, AIS_BASIS_FIXED);
}

/* ---- texts in both languages ---- */

/*
 * Every text a result shows is told in Chinese or English: each one is
 * {zh, en}, and both reach the loaded rules.
 */
static void
load_should_keep_both_languages_of_every_text(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents:\n"
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    url: https://example.org/doc\n"
	    "    valid: {from: 2025-01-01}\n"
	    "    validity: {zh: 自印发之日起施行, en: in force from its issue}\n"
	    "sources:\n"
	    "  src-a:\n"
	    "    document: doc-a\n"
	    "    confidence: report\n"
	    "    note:\n"
	    "      zh: 据报道\n"
	    "      en: from reports\n"
	    "programs:\n"
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    conditions:\n"
	    "      - says: {zh: 属于企业, en: an enterprise}\n"
	    "        test: kind == \"enterprise\"\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        when:\n"
	    "          - says:\n"
	    "              zh: 初创企业\n"
	    "              en: a startup\n"
	    "            test: startup\n"
	    "        base: revenue.main_business\n"
	    "        rate: {value: 10%, note: {zh: 按10%, en: at 10%}}\n"
	    "    manual_checks:\n"
	    "      - {zh: 经评审择优, en: selected on review}\n"
	    "    notes:\n"
	    "      - zh: 就高不就低\n"
	    "        en: the larger award only\n"
	    "      - {zh: 可叠加, en: \"stacks: with the province\"}\n"
	    "    pool:\n"
	    "      amount: 1000万\n"
	    "      per: year\n"
	    "      note: {zh: 每年1000万元, en: 10 million a year}\n";
	struct ais_rules *r = load_ok(text);
	const struct ais_jurisdiction *j = &r->j[0];
	const struct ais_program *pg = &j->programs[0];
	const struct ais_award *aw = &pg->awards[0];

	(void)state;
	assert_string_equal(j->documents[0].validity_note.zh, "自印发之日起施行");
	assert_string_equal(j->documents[0].validity_note.en,
	    "in force from its issue");
	assert_string_equal(pg->source->note.zh, "据报道");
	assert_string_equal(pg->source->note.en, "from reports");
	assert_int_equal(pg->nconditions, 1);
	assert_string_equal(pg->conditions[0].says.zh, "属于企业");
	assert_string_equal(pg->conditions[0].says.en, "an enterprise");
	assert_string_equal(aw->label.zh, "主项");
	assert_string_equal(aw->label.en, "main");
	assert_int_equal(aw->nwhen, 1);
	assert_string_equal(aw->when[0].says.zh, "初创企业");
	assert_string_equal(aw->when[0].says.en, "a startup");
	assert_string_equal(aw->rate.v[0].note.zh, "按10%");
	assert_string_equal(aw->rate.v[0].note.en, "at 10%");
	assert_int_equal(pg->nmanual, 1);
	assert_string_equal(pg->manual_checks[0].zh, "经评审择优");
	assert_string_equal(pg->manual_checks[0].en, "selected on review");
	assert_int_equal(pg->nnotes, 2);
	assert_string_equal(pg->notes[0].zh, "就高不就低");
	assert_string_equal(pg->notes[0].en, "the larger award only");
	assert_string_equal(pg->notes[1].zh, "可叠加");
	assert_string_equal(pg->notes[1].en, "stacks: with the province");
	assert_string_equal(pg->pool.note.zh, "每年1000万元");
	assert_string_equal(pg->pool.note.en, "10 million a year");
	/* AIS_L10N picks one */
	assert_string_equal(AIS_L10N(aw->label, AIS_LANG_ZH), "主项");
	assert_string_equal(AIS_L10N(aw->label, AIS_LANG_EN), "main");
}

/* A program of HEAD with one condition whose 'says' is line 22, column
 * 15 (text, on that line and the next ones if need be). */
static void
says_err(const char *says, int line, int column, const char *msg)
{
	char prog[1024];

	snprintf(prog, sizeof prog,
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    conditions:\n"
	    "      - says: %s\n"			/* 22 */
	    "        test: kind == \"enterprise\"\n"
	    "    awards:\n"
	    "      - basis: unquantified\n", says);
	prog_err(prog, line, column, msg);
}

static void
load_should_refuse_a_text_in_one_language_only(void **state)
{
	(void)state;
	says_err("an enterprise", 22, 15,
	    "'says' needs both languages: {zh: ..., en: ...}");
	says_err("\"an enterprise\"", 22, 15,
	    "'says' needs both languages: {zh: ..., en: ...}");
}

static void
load_should_refuse_a_text_without_its_chinese(void **state)
{
	(void)state;
	says_err("{en: an enterprise}", 22, 15,
	    "'says' needs both languages: 'zh' (Chinese) is missing");
}

static void
load_should_refuse_a_text_without_its_english(void **state)
{
	(void)state;
	/* a block mapping starts at its first key */
	says_err("\n          zh: 属于企业", 23, 11,
	    "'says' needs both languages: 'en' (English) is missing");
}

static void
load_should_refuse_an_empty_or_odd_text(void **state)
{
	(void)state;
	says_err("{zh: \"\", en: an enterprise}", 22, 20,
	    "'zh' (Chinese) of 'says' must not be empty");
	says_err("{fr: une entreprise, zh: 企业, en: an enterprise}", 22, 16,
	    "unknown key 'fr' in 'says'");
	says_err("{zn: 企业, en: an enterprise}", 22, 16,
	    "unknown key 'zn' in 'says'; did you mean 'zh'?");
	says_err("{zh: [企业], en: an enterprise}", 22, 20,
	    "'zh' must be a scalar, not a list");
	says_err("[企业, an enterprise]", 22, 15,
	    "'says' must be a text {zh: ..., en: ...}, not a list");
}

static void
load_should_refuse_a_label_in_one_language_only(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: main\n"			/* 22 */
	    "        basis: unquantified\n",
	    22, 16, "'label' needs both languages: {zh: ..., en: ...}");
}

/* Entries of manual_checks and notes are texts each, placed one by one. */
static void
load_should_refuse_a_list_entry_in_one_language_only(void **state)
{
	char *text;

	(void)state;
	text = with_head(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    manual_checks:\n"
	    "      - {zh: 经评审择优, en: selected on review}\n"
	    "      - the amount is set on review\n"	/* 23 */
	    "    awards:\n"
	    "      - basis: unquantified\n");
	load_err(text, 23, 9, "an entry of 'manual_checks' needs both "
	    "languages: {zh: ..., en: ...}");
	text = with_head(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    manual_checks: [{en: selected on review}]\n"
	    "    awards:\n"
	    "      - basis: unquantified\n");
	load_err(text, 21, 21, "an entry of 'manual_checks' needs both "
	    "languages: 'zh' (Chinese) is missing");
	text = with_head(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    notes: [\"stacks: with the province\"]\n"
	    "    awards:\n"
	    "      - basis: unquantified\n");
	load_err(text, 21, 13, "an entry of 'notes' needs both languages: "
	    "{zh: ..., en: ...}");
	text = with_head(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    notes:\n"
	    "      - zh: 就高不就低\n"		/* 22 */
	    "    awards:\n"
	    "      - basis: unquantified\n");
	load_err(text, 22, 9, "an entry of 'notes' needs both languages: "
	    "'en' (English) is missing");
}

/* The notes of documents, sources, terms and pools are texts too. */
static void
load_should_refuse_other_notes_in_one_language_only(void **state)
{
	static const char validity[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents:\n"				/* 5 */
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    url: https://example.org/doc\n"
	    "    valid: {from: 2025-01-01}\n"
	    "    validity: in force from its issue\n"	/* 10 */
	    "programs: []\n";

	(void)state;
	load_err(validity, 10, 15, "'validity' needs both languages: "
	    "{zh: ..., en: ...}");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: {document: doc-a, confidence: report, note: {en: x}}\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    20, 57, "'note' needs both languages: 'zh' (Chinese) is missing");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: {value: 10%, note: raised}\n",	/* 24 */
	    24, 34, "'note' needs both languages: {zh: ..., en: ...}");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: unquantified\n"
	    "    pool: {amount: 1亿, per: year, note: {zh: 每年}}\n",	/* 23 */
	    23, 41, "'note' needs both languages: 'en' (English) is missing");
}

static void
free_should_accept_null(void **state)
{
	(void)state;
	ais_rules_free(NULL);
}

/* ---- the digest ---- */

static void
digest_should_change_when_one_byte_changes(void **state)
{
	char *a = with_head(PROGRAM);
	char *b = with_head(PROGRAM);
	char *p = strstr(b, "rate: 10%");
	struct ais_rules *ra, *rb, *ra2;

	(void)state;
	assert_non_null(p);
	p[7] = '2';		/* "rate: 20%" */
	ra = load_ok(a);
	rb = load_ok(b);
	ra2 = load_ok(a);
	assert_string_not_equal(ra->digest, rb->digest);
	assert_string_equal(ra->digest, ra2->digest);
}

static const char PROVINCE[] =
	"jurisdiction:\n"
	"  id: testprov\n"
	"  level: province\n"
	"  name: {zh: 测试省, en: Testprov}\n"
	"documents:\n"
	"  - id: doc-p\n"
	"    title: 省文件\n"
	"    url: https://example.org/doc\n"
	"programs:\n"
	"  - id: testprov.p1\n"
	"    title: {zh: 省项目, en: Province program}\n"
	"    document: doc-p\n"
	"    source: {document: doc-p, confidence: report}\n"
	"    awards:\n"
	"      - basis: ceiling\n"
	"        ceiling: 100万\n";

static void
digest_should_not_depend_on_the_order_of_the_files(void **state)
{
	char *city = with_head(PROGRAM);
	struct ais_rule_file ab[2] = {
		{ "rules/testcity.yaml", city, strlen(city), 0 },
		{ "rules/testprov.yaml", PROVINCE, strlen(PROVINCE), 0 },
	};
	struct ais_rule_file ba[2] = { ab[1], ab[0] };
	struct ais_error err;
	struct ais_rules *r1, *r2, *r3;

	(void)state;
	memset(&err, 0, sizeof err);
	r1 = keep(ais_rules_load(ab, 2, &err));
	assert_non_null(r1);
	r2 = keep(ais_rules_load(ba, 2, &err));
	assert_non_null(r2);
	r3 = keep(ais_rules_load(ab + 1, 1, &err));
	assert_non_null(r3);
	assert_string_equal(r1->digest, r2->digest);
	assert_string_not_equal(r1->digest, r3->digest);
	/* files are taken in name order whatever the order given */
	assert_int_equal(r2->nj, 2);
	assert_string_equal(r2->j[0].id, "testcity");
	assert_string_equal(r2->j[1].id, "testprov");
	assert_ptr_equal(r2->j[0].parent, &r2->j[1]);
	assert_int_equal(r2->nprograms, 2);
}

/* The built-in rules' digest is computed once, by tools/embed.c when it
 * embeds them; it must be the digest the loader computes for the same
 * files, or a receipt would name a rule set nobody can rebuild. */
static void
builtin_digest_should_be_the_loaders(void **state)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_error err;
	struct ais_rules *computed, *builtin;

	(void)state;
	memset(&err, 0, sizeof err);
	ais_rule_files_builtin("rules/", &files);
	computed = keep(ais_rules_load(files.f.v, files.f.n, &err));
	ais_rule_files_release(&files);
	assert_non_null(computed);
	builtin = keep(ais_rules_load_builtin(&err));
	assert_non_null(builtin);
	assert_string_equal(builtin->digest, ais_builtin_digest);
	assert_string_equal(computed->digest, ais_builtin_digest);
}

/* ---- keys and types ---- */

static void
load_should_reject_an_unknown_key_with_a_suggestion(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rat: 10%\n",			/* 25 */
	    25, 9, "unknown key 'rat' in an award; did you mean 'rate'?");
}

static void
load_should_reject_an_unknown_key_without_a_likely_match(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    bonus: yes\n"				/* 20 */
	    "    awards:\n"
	    "      - {basis: unquantified}\n",
	    20, 5, "unknown key 'bonus' in a program");
}

static void
load_should_reject_a_duplicate_key(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: 10%\n"			/* 25 */
	    "        rate: 20%\n",			/* 26 */
	    26, 9, "duplicate key 'rate' (first at line 25)");
}

static void
load_should_reject_a_mapping_where_a_scalar_is_needed(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - project: {a: b}\n"			/* 22 */
	    "        basis: unquantified\n",
	    22, 18, "'project' must be a scalar, not a mapping");
}

static void
load_should_reject_a_scalar_where_a_list_is_needed(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    applicants: enterprise\n"		/* 21 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    21, 17, "'applicants' must be a list, not a scalar");
}

static void
load_should_reject_a_missing_required_key(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    source: src-a\n"
	    "    awards:\n"				/* 20 */
	    "      - basis: unquantified\n",
	    17, 5, "a program needs 'document'");
}

static void
load_should_name_the_award_when_it_has_no_basis(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        amount: 10万\n",
	    22, 9, "an award needs 'basis'");
}

static void
load_should_reject_a_basis_not_in_its_list(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: fixd\n"			/* 22 */
	    "        amount: 10万\n",
	    22, 16, "'fixd' is not a valid basis; did you mean 'fixed'?");
}

static void
load_should_reject_a_bad_date(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    valid: {from: 2024-02-30}\n"		/* 21 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    21, 19, "'from' must be a date YYYY-MM-DD, not '2024-02-30'");
}

static void
load_should_reject_a_validity_that_ends_before_it_starts(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    valid: {from: 2025-01-01, until: 2024-12-31}\n"	/* 21 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    21, 12, "'until' is before 'from'");
}

/* ---- expressions: the column points into the expression ---- */

static void
load_should_place_an_expression_error_in_a_plain_scalar(void **state)
{
	(void)state;
	/* "        base: " is 14 columns; the bad name starts 24 bytes in */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business + compute_purchase\n",
	    24, 39, "'compute_purchase' is not a field of profile; did you "
	    "mean 'compute_purchases'?");
}

static void
load_should_place_a_syntax_error_in_a_plain_scalar(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business / 2\n",	/* 24 */
	    24, 37, "a division must be rounded as the rule says: write "
	    "truncate(a / b, 1) or half_up(a / b, 0.01), naming the unit");
}

static void
load_should_place_an_expression_error_in_a_quoted_scalar(void **state)
{
	(void)state;
	/* the quote is column 15, the expression starts at 16 */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: \"10% * revenue.ai_shar\"\n",	/* 25 */
	    25, 30, "'ai_shar' is not a field of revenue; did you mean "
	    "'ai_share'?");
}

static void
load_should_place_an_expression_error_in_a_single_quoted_scalar(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    conditions:\n"
	    "      - says: {zh: 专精特新“小巨人”, en: little giant}\n"
	    "        test: '\"little_gaint\" in honors'\n"	/* 23 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    23, 16, "\"little_gaint\" is not a value of honors; did you mean "
	    "\"little_giant\"?");
}

static void
load_should_place_an_expression_error_in_a_folded_block_scalar(void **state)
{
	(void)state;
	/* the expression starts on the line after '>-', at column 11 */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: >-\n"			/* 24 */
	    "          revenue.main_business + compute_purchase\n"	/* 25 */
	    "        rate: 10%\n",
	    25, 35, "'compute_purchase' is not a field of profile; did you "
	    "mean 'compute_purchases'?");
}

static void
load_should_place_an_error_on_the_second_line_of_a_folded_scalar(
	void **state)
{
	(void)state;
	/* folding turns the line break into a space, but the place is still
	 * that of the text as written: line 26, after "          + " */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: >-\n"			/* 24 */
	    "          revenue.main_business\n"		/* 25 */
	    "          + compute_purchase\n"		/* 26 */
	    "        rate: 10%\n",
	    26, 13, "'compute_purchase' is not a field of profile; did you "
	    "mean 'compute_purchases'?");
}

static void
load_should_place_an_error_on_the_second_line_of_a_literal_scalar(
	void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: |\n"				/* 24 */
	    "          revenue.main_business\n"		/* 25 */
	    "          + compute_purchase\n"		/* 26 */
	    "        rate: 10%\n",
	    26, 13, "'compute_purchase' is not a field of profile; did you "
	    "mean 'compute_purchases'?");
}

static void
load_should_count_columns_in_characters_after_chinese_units(void **state)
{
	(void)state;
	/*
	 * libyaml counts columns in characters; so must the place of an
	 * expression error, or one file would mix two units.  "250万 + " is
	 * 7 characters (9 bytes): the bad name is at column 14 + 7 + 1.
	 */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: fixed\n"
	    "        amount: 250万 + revenu.main_business\n",	/* 24 */
	    24, 24, "'revenu' is not a field of profile; did you mean "
	    "'revenue'?");
}

static void
load_should_reject_an_unknown_field_with_a_suggestion(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    conditions:\n"
	    "      - says: {zh: 初创企业, en: a startup}\n"
	    "        test: startp\n"			/* 23 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    23, 15, "'startp' is not a field of profile; did you mean "
	    "'startup'?");
}

static void
load_should_reject_an_enum_value_not_in_the_enum(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    conditions:\n"
	    "      - says: {zh: 企业, en: an enterprise}\n"
	    "        test: kind == \"enterprize\"\n"	/* 23 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    23, 23, "\"enterprize\" is not a value of kind; did you mean "
	    "\"enterprise\"?");
}

static void
load_should_reject_an_expression_of_the_wrong_type(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    conditions:\n"
	    "      - says: {zh: 有营业收入, en: has revenue}\n"
	    "        test: revenue.main_business\n"	/* 23 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    23, 15, "expected a condition (true or false), but this is a "
	    "number");
}

static void
load_should_reject_an_expression_given_as_a_list(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: {value: [1, 2]}\n",		/* 24 */
	    24, 23, "'base' must be an expression, not a list");
}

/* ---- dated values ---- */

static void
load_should_reject_dated_values_out_of_order(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"				/* 25 */
	    "          - from: 2025-01-01\n"
	    "            value: 10%\n"
	    "          - from: 2024-01-01\n"		/* 28 */
	    "            value: 20%\n",
	    28, 19, "dated values of 'rate' out of order: each 'from' must "
	    "come after the one before");
}

static void
load_should_reject_dated_values_with_the_same_from(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"				/* 25 */
	    "          - from: 2025-01-01\n"
	    "            value: 10%\n"
	    "          - from: 2025-01-01\n"		/* 28 */
	    "            value: 20%\n",
	    28, 19, "dated values of 'rate' out of order: each 'from' must "
	    "come after the one before");
}

static void
load_should_reject_overlapping_dated_values(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"				/* 25 */
	    "          - from: 2024-01-01\n"
	    "            until: 2024-12-31\n"
	    "            value: 10%\n"
	    "          - from: 2024-12-31\n"		/* 29 */
	    "            value: 20%\n",
	    29, 19, "dated values of 'rate' overlap");
}

static void
load_should_accept_dated_values_that_meet(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"
	    "          - from: 2024-01-01\n"
	    "            until: 2024-12-31\n"
	    "            value: 10%\n"
	    "          - from: 2025-01-01\n"
	    "            value: 20%\n"
	    "            note: {zh: 已提高, en: raised}\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_term *t = &first_award(r)->rate;

	(void)state;
	assert_int_equal(t->n, 2);
	assert_int_equal(t->v[0].from, day("2024-01-01"));
	assert_int_equal(t->v[0].until, day("2024-12-31"));
	assert_int_equal(t->v[1].from, day("2025-01-01"));
	assert_int_equal(t->v[1].until, AIS_DATE_MAX);
	assert_string_equal(t->v[1].note.en, "raised");
}

/*
 * The example of docs/rules.md: no 'until' anywhere, so each value is in
 * force until the next one's 'from' ("'until' closes one early").
 */
static void
load_should_accept_dated_values_without_until(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"
	    "          - from: 2023-01-12\n"
	    "            value: 30%\n"
	    "          - from: 2025-08-28\n"
	    "            value: 60%\n"
	    "          - from: 2027-01-01\n"
	    "            ended: true\n");
	struct ais_rule_file f = { FILE_NAME, text, strlen(text), 0 };
	struct ais_error err;
	struct ais_rules *r;
	const struct ais_term *t;

	(void)state;
	memset(&err, 0, sizeof err);
	r = keep(load_stubbed(&f, 1, &err));
	if (!r)
		fail_msg("unexpected error: %s:%d:%d: %s", err.file, err.line,
		    err.column, err.msg);
	t = &first_award(r)->rate;
	assert_int_equal(t->n, 3);
	assert_null(ais_term_at(t, day("2023-01-11")));
	assert_ptr_equal(ais_term_at(t, day("2023-01-12")), &t->v[0]);
	assert_ptr_equal(ais_term_at(t, day("2025-08-27")), &t->v[0]);
	assert_ptr_equal(ais_term_at(t, day("2025-08-28")), &t->v[1]);
	assert_ptr_equal(ais_term_at(t, day("2026-12-31")), &t->v[1]);
	assert_ptr_equal(ais_term_at(t, day("2027-01-01")), &t->v[2]);
	assert_true(t->v[2].ended);
}

static void
load_should_reject_a_dated_value_without_from(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"				/* 25 */
	    "          - value: 10%\n",			/* 26 */
	    26, 13, "a dated value of 'rate' needs 'from'");
}

/* ---- sources and documents ---- */

static void
load_should_reject_a_term_without_a_source(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    awards:\n"				/* 20 */
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"	/* 23 */
	    "        rate: 10%\n",
	    23, 15, "'base' has no source: give it 'source', or give one to "
	    "its award or program");
}

static void
load_should_reject_a_program_without_any_source(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    awards:\n"				/* 20 */
	    "      - basis: unquantified\n",
	    17, 5, "program 'testcity.p1' has no source: give it 'source', "
	    "or give one to its first award");
}

static void
load_should_reject_a_term_mapping_without_a_source(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    awards:\n"				/* 20 */
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: {value: revenue.main_business, source: src-a}\n"
	    "        rate: {value: 10%, note: {zh: 该比例, en: the rate}}\n",	/* 24 */
	    24, 15, "'rate' has no source: give it 'source', or give one to "
	    "its award or program");
}

static void
load_should_reject_a_dated_value_without_a_source(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    awards:\n"				/* 20 */
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: fixed\n"
	    "        amount:\n"
	    "          - from: 2024-01-01\n"
	    "            value: 10万\n"
	    "            source: src-a\n"
	    "          - from: 2025-01-01\n"		/* 27 */
	    "            value: 20万\n",
	    27, 13, "'amount' has no source: give it 'source', or give one "
	    "to its award or program");
}

static void
load_should_take_a_source_from_the_award(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    conditions:\n"
	    "      - says: {zh: 企业, en: an enterprise}\n"
	    "        test: {value: kind == \"enterprise\", source: src-a}\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        source: {document: doc-a, confidence: report, "
	    "clause: 十分之一}\n"
	    "        base: revenue.main_business\n"
	    "        rate: 10%\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_program *pg = &r->j[0].programs[0];
	const struct ais_award *aw = first_award(r);

	(void)state;
	/* the first award's source stands for the program's */
	assert_ptr_equal(pg->source, aw->source);
	assert_string_equal(pg->conditions[0].test.v[0].source->name,
	    "src-a");
	assert_null(aw->base.v[0].source->name);
	assert_string_equal(aw->base.v[0].source->confidence, "report");
	assert_string_equal(aw->base.v[0].source->clause, "十分之一");
	assert_ptr_equal(aw->base.v[0].source, aw->rate.v[0].source);
}

static void
load_should_reject_an_unknown_source_with_a_suggestion(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-b\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    20, 13, "no source 'src-b' in this file's sources; did you mean "
	    "'src-a'?");
}

static void
load_should_reject_an_unknown_source_without_a_likely_match(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    awards:\n"				/* 20 */
	    "      - basis: unquantified\n"
	    "        source: the-2023-report\n",		/* 22 */
	    22, 17, "no source 'the-2023-report' in this file's sources");
}

static void
load_should_reject_an_unknown_document(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-b\n"			/* 19 */
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    19, 15, "no document 'doc-b' in this file's documents");
}

static void
load_should_reject_an_unknown_document_of_a_source(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents:\n"				/* 5 */
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    url: https://example.org/doc\n"
	    "sources:\n"
	    "  src-a:\n"				/* 10 */
	    "    document: doc-x\n"			/* 11 */
	    "    confidence: quoted\n"
	    "programs: []\n";

	(void)state;
	load_err(text, 11, 15, "no document 'doc-x' in this file's "
	    "documents");
}

static void
load_should_reject_a_bad_confidence(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents:\n"				/* 5 */
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    url: https://example.org/doc\n"
	    "sources:\n"
	    "  src-a:\n"				/* 10 */
	    "    document: doc-a\n"
	    "    confidence: quote\n"			/* 12 */
	    "programs: []\n";

	(void)state;
	load_err(text, 12, 17, "'quote' is not a valid confidence; did you "
	    "mean 'quoted'?");
}

static void
load_should_reject_an_assumed_validity_without_a_reason(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents:\n"				/* 5 */
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    url: https://example.org/doc\n"
	    "    valid: {from: 2025-01-01}\n"
	    "    assumed: true\n"			/* 10 */
	    "programs: []\n";

	(void)state;
	load_err(text, 10, 14, "an assumed validity needs 'validity' to say "
	    "why");
}

static void
load_should_keep_an_assumed_validity_and_its_reason(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testprov\n"
	    "  level: province\n"
	    "  name: {zh: 测试省, en: Testprov}\n"
	    "documents:\n"
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    date: 2024-12-18\n"
	    "    url: https://example.org/doc\n"
	    "    valid: {from: 2025-01-01}\n"
	    "    validity: {zh: 按自2025年1月1日起施行、至被替代时止处理, en: taken as from 2025-01-01 until replaced}\n"
	    "    assumed: true\n"
	    "programs: []\n";
	struct ais_rules *r = load_named_ok("rules/testprov.yaml", text);
	const struct ais_document *d = &r->j[0].documents[0];

	(void)state;
	assert_int_equal(r->nprograms, 0);
	assert_int_equal(d->date, day("2024-12-18"));
	assert_int_equal(d->valid_from, day("2025-01-01"));
	assert_int_equal(d->valid_until, AIS_DATE_MAX);
	assert_true(d->validity_assumed);
	assert_string_equal(d->validity_note.en,
	    "taken as from 2025-01-01 until replaced");
}

static void
load_should_reject_a_province_whose_parent_is_missing(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testprov\n"
	    "  level: province\n"
	    "  name: {zh: 测试省, en: Testprov}\n"
	    "  parent: china\n"
	    "documents: []\n"
	    "programs: []\n";
	struct ais_rule_file f = { "rules/testprov.yaml", text, strlen(text), 0 };

	(void)state;
	/* the place of the fault is the 'parent' key, line 5 */
	load_files_err(&f, 1, "rules/testprov.yaml", 5, 11,
	    "parent 'china' of 'testprov' is not in the rules (a place with "
	    "no programs is a file with 'jurisdiction:' alone)");
}

/* ---- program ids ---- */

static void
load_should_reject_a_program_id_without_the_jurisdiction(void **state)
{
	(void)state;
	prog_err(
	    "  - id: othercity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    17, 9, "program id 'othercity.p1' must start with 'testcity.'");
	prog_err(
	    "  - id: testcityx.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    17, 9, "program id 'testcityx.p1' must start with 'testcity.'");
	prog_err(
	    "  - id: testcity.\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    17, 9, "program id 'testcity.' must start with 'testcity.'");
	prog_err(
	    "  - id: 'testcity.\"quoted\"'\n"		/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    17, 9, "program id 'testcity.\"quoted\"' may hold only ASCII "
	    "letters, digits, '_', '-' and '.'");
}

static void
load_should_reject_a_program_defined_twice_in_one_file(void **state)
{
	(void)state;
	/* the place of the fault is the second id */
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: unquantified\n"
	    "  - id: testcity.p1\n"			/* 23 */
	    "    title: {zh: 项目二, en: Program two}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    23, 9, "program 'testcity.p1' is defined twice (also in "
	    "rules/testcity.yaml)");
}

static void
load_should_reject_a_program_defined_twice_across_files(void **state)
{
	/*
	 * A program id starts with its jurisdiction's id, so two files can
	 * only define one id when one jurisdiction's id extends the other's.
	 */
	static const char a[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents: [{id: d, title: t}]\n"	/* 5 */
	    "programs:\n"
	    "  - id: testcity.zone.p1\n"			/* 7 */
	    "    title: {zh: 一, en: One}\n"
	    "    document: d\n"
	    "    source: {document: d, confidence: quoted}\n"
	    "    awards: [{basis: unquantified}]\n";
	static const char b[] =
	    "jurisdiction:\n"
	    "  id: testcity.zone\n"
	    "  level: city\n"
	    "  name: {zh: 园区, en: Zone}\n"
	    "documents: [{id: d, title: t}]\n"	/* 5 */
	    "programs:\n"
	    "  - id: testcity.zone.p1\n"			/* 7 */
	    "    title: {zh: 一, en: One}\n"
	    "    document: d\n"
	    "    source: {document: d, confidence: quoted}\n"
	    "    awards: [{basis: unquantified}]\n";
	struct ais_rule_file f[2] = {
		{ "rules/b.yaml", b, strlen(b), 0 },
		{ "rules/a.yaml", a, strlen(a), 0 },
	};

	(void)state;
	/* b.yaml is loaded second, and its id is the one defined again */
	load_files_err(f, 2, "rules/b.yaml", 7, 9,
	    "program 'testcity.zone.p1' is defined twice (also in "
	    "rules/a.yaml)");
}

static void
load_should_reject_a_jurisdiction_in_two_files(void **state)
{
	char *text = with_head(PROGRAM);
	struct ais_rule_file f[2] = {
		{ "rules/b.yaml", text, strlen(text), 0 },
		{ "rules/a.yaml", text, strlen(text), 0 },
	};

	(void)state;
	load_files_err(f, 2, "rules/b.yaml", 2, 7,
	    "jurisdiction 'testcity' is also in rules/a.yaml");
}

/* ---- the basis and the keys an award has ---- */

static void
load_should_reject_a_formula_without_base(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        basis: formula\n"
	    "        rate: 10%\n",
	    22, 9, "a formula award needs 'base'");
}

static void
load_should_reject_a_formula_with_an_amount(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        amount: 10万\n",
	    22, 9, "a formula award has 'base', 'rate', 'cap' and "
	    "'ceiling', not 'amount'");
}

static void
load_should_reject_a_fixed_award_with_a_base(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        basis: fixed\n"
	    "        amount: 10万\n"
	    "        base: revenue.main_business\n",
	    22, 9, "a fixed award has 'amount' (and 'cap'), not 'base', "
	    "'rate' or 'ceiling'");
}

static void
load_should_reject_a_ceiling_without_ceiling(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        basis: ceiling\n"
	    "        amount: 10万\n",
	    22, 9, "a ceiling award needs 'ceiling', or 'base' and 'rate'");
}

static void
load_should_reject_an_unquantified_award_with_figures(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"			/* 22 */
	    "        basis: unquantified\n"
	    "        cap: 100万\n",
	    22, 9, "an unquantified award has no figures");
}

static void
load_should_reject_where_without_each(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        where: revenue.ai_share > 0.5\n",	/* 25 */
	    25, 16, "'where' filters the entries of 'each', and this award "
	    "has no 'each'");
}

static void
load_should_reject_each_over_something_not_a_list(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        each: revenue\n"			/* 24 */
	    "        base: revenue.main_business\n",
	    24, 15, "expected a list, but this is an object");
}

static void
load_should_bind_item_in_each_and_where(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    same_project: once\n"
	    "    awards:\n"
	    "      - label: {zh: 研制企业, en: developer}\n"
	    "        basis: formula\n"
	    "        each: software_products\n"
	    "        where: item.role in [\"developer\", \"both\"]\n"
	    "        project: product\n"
	    "        base: item.rd_expenditure\n"
	    "        rate: 10%\n"
	    "        cap: 250万\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_award *aw = first_award(r);

	(void)state;
	assert_non_null(aw->each);
	assert_string_equal(aw->each->name, "software_products");
	assert_non_null(aw->where);
	assert_string_equal(aw->project, "product");
	assert_string_equal(r->j[0].programs[0].same_project, "once");
}

static void
load_should_reject_item_outside_each(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: item.rd_expenditure\n",	/* 24 */
	    24, 15, "'item' is only defined inside an aggregate or a "
	    "per-entry award");
}

/* ---- pools ---- */

static void
load_should_reject_a_pool_amount_that_is_a_formula(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    pool:\n"
	    "      amount: revenue.main_business * 10\n"	/* 22 */
	    "      per: year\n"
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    22, 15, "a pool's amount is a number, not a formula");
}

static void
load_should_read_a_pool(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    pool:\n"
	    "      amount: 5亿\n"
	    "      per: year\n"
	    "      shared_with: [testcity.p2]\n"
	    "    awards:\n"
	    "      - basis: unquantified\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_pool *p = &r->j[0].programs[0].pool;

	(void)state;
	assert_true(p->present);
	assert_int_equal(p->amount.n, 1);
	assert_true(ais_expr_is_const(p->amount.v[0].expr));
	assert_string_equal(p->per, "year");
	assert_string_equal(p->allocation, "pro_rata");
	assert_string_equal(p->shared_with[0], "testcity.p2");
	assert_null(p->shared_with[1]);
}

static void
load_should_reject_an_unknown_kind_of_applicant(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    applicants: [enterprise, univrsity]\n"	/* 21 */
	    "    awards:\n"
	    "      - basis: unquantified\n",
	    21, 17, "'univrsity' is not a kind of applicant; did you mean "
	    "'university'?");
}

/* ---- not YAML, empty ---- */

static void
load_should_place_a_yaml_syntax_error(void **state)
{
	(void)state;
	/* the second ':' on line 2, column 15 */
	load_err("jurisdiction:\n  id: testcity: x\n", 2, 15,
	    "mapping values are not allowed in this context");
	/* a tab cannot indent */
	load_err("jurisdiction:\n\tid: testcity\n", 2, 1,
	    "found character that cannot start any token while scanning "
	    "for the next token");
}

static void
load_should_reject_an_empty_file(void **state)
{
	(void)state;
	load_err("", 0, 0, "empty rule file");
	load_err("# nothing here\n", 0, 0, "empty rule file");
}

static void
load_should_reject_a_file_that_is_not_a_mapping(void **state)
{
	(void)state;
	load_err("- jurisdiction\n", 1, 1, "a rule file must be a mapping, not "
	    "a list");
}

static void
load_should_reject_a_bad_level_and_a_missing_section(void **state)
{
	static const char text[] =
	    "jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: town\n"				/* 3 */
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents: []\n"
	    "programs: []\n";

	(void)state;
	load_err(text, 3, 10, "'town' is not a valid level");
	load_err("jurisdiction:\n"
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "documents: []\n", 1, 1, "a rule file with 'documents' needs "
	    "'programs'");
}

/* ---- ais_term_at ---- */

static void
term_at_should_find_the_version_in_force(void **state)
{
	char *text = with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"
	    "          - from: 2024-01-01\n"
	    "            until: 2024-06-30\n"
	    "            value: 10%\n"
	    "          - from: 2024-09-01\n"
	    "            until: 2024-12-31\n"
	    "            value: 20%\n"
	    "          - from: 2025-01-01\n"
	    "            ended: true\n");
	struct ais_rules *r = load_ok(text);
	const struct ais_term *t = &first_award(r)->rate;
	const struct ais_version *v;

	(void)state;
	assert_int_equal(t->n, 3);
	assert_string_equal(t->name, "rate");
	/* before the first 'from' */
	assert_null(ais_term_at(t, day("2023-12-31")));
	assert_null(ais_term_at(t, AIS_DATE_MIN));
	/* the first, from its first day to its 'until' */
	assert_ptr_equal(ais_term_at(t, day("2024-01-01")), &t->v[0]);
	assert_ptr_equal(ais_term_at(t, day("2024-06-30")), &t->v[0]);
	/* between: after the first's 'until', before the second */
	assert_null(ais_term_at(t, day("2024-07-01")));
	assert_null(ais_term_at(t, day("2024-08-31")));
	/* the second, up to the day before the third */
	assert_ptr_equal(ais_term_at(t, day("2024-09-01")), &t->v[1]);
	assert_ptr_equal(ais_term_at(t, day("2024-12-31")), &t->v[1]);
	/* ended: the version found has no value */
	v = ais_term_at(t, day("2025-01-01"));
	assert_ptr_equal(v, &t->v[2]);
	assert_true(v->ended);
	assert_null(v->expr);
	assert_ptr_equal(ais_term_at(t, day("2099-01-01")), &t->v[2]);
	assert_false(t->v[0].ended);
	assert_non_null(t->v[0].expr);
}

static void
term_at_should_handle_undated_and_unused_terms(void **state)
{
	struct ais_version one = { AIS_DATE_MIN, AIS_DATE_MAX, 0, NULL, NULL,
		{NULL, NULL}, AIS_PER_CLAIM, 0 };
	struct ais_term undated = { "cap", &one, 1 };
	struct ais_term unused = { "cap", NULL, 0 };

	(void)state;
	assert_ptr_equal(ais_term_at(&undated, AIS_DATE_MIN), &one);
	assert_ptr_equal(ais_term_at(&undated, day("2025-06-30")), &one);
	assert_ptr_equal(ais_term_at(&undated, AIS_DATE_MAX), &one);
	assert_null(ais_term_at(&unused, day("2025-06-30")));
}

static void
load_should_reject_an_ended_value_with_a_value(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - label: {zh: 主项, en: main}\n"
	    "        basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate:\n"				/* 25 */
	    "          - from: 2024-01-01\n"
	    "            ended: true\n"
	    "            value: 10%\n",			/* 28 */
	    28, 20, "a value that has ended has no 'value'");
}

/* ---- directories ---- */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[1100];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static void
remove_file(const char *dir, const char *name)
{
	char path[1100];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

static void
load_dir_should_load_the_yaml_files_of_a_directory(void **state)
{
	char dir[] = "/tmp/test_rules.XXXXXX";
	char sub[512], path[600];
	char *city = with_head(PROGRAM);
	struct ais_rule_file mem[2] = { { 0 } };
	struct ais_error err;
	struct ais_rules *r, *rm;

	(void)state;
	assert_non_null(mkdtemp(dir));
	write_file(dir, "testprov.yaml", PROVINCE);
	write_file(dir, "testcity.yaml", city);
	write_file(dir, "notes.txt", "not a rule file: [");
	write_file(dir, ".hidden.yaml", "not: [valid");
	snprintf(sub, sizeof sub, "%s/tests", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(sub, "x.yaml", "not: [valid");

	memset(&err, 0, sizeof err);
	r = keep(ais_rules_load_dir(dir, &err));
	if (!r)
		fail_msg("unexpected error: %s:%d:%d: %s", err.file, err.line,
		    err.column, err.msg);
	assert_int_equal(r->nj, 2);
	assert_int_equal(r->nprograms, 2);
	assert_string_equal(r->j[0].id, "testcity");
	assert_string_equal(r->j[1].id, "testprov");
	snprintf(path, sizeof path, "%s/testcity.yaml", dir);
	assert_string_equal(r->j[0].file, path);
	assert_ptr_equal(r->j[0].parent, &r->j[1]);

	/* the digest is that of the same files loaded from memory */
	mem[0].name = "rules/testcity.yaml";
	mem[0].data = city;
	mem[0].len = strlen(city);
	mem[1].name = "rules/testprov.yaml";
	mem[1].data = PROVINCE;
	mem[1].len = strlen(PROVINCE);
	rm = keep(ais_rules_load(mem, 2, &err));
	assert_non_null(rm);
	assert_string_equal(r->digest, rm->digest);

	/* a bad file is named by its path */
	write_file(dir, "testprov.yaml", "jurisdiction: {id: testprov\n");
	memset(&err, 0, sizeof err);
	assert_null(keep(ais_rules_load_dir(dir, &err)));
	snprintf(path, sizeof path, "%s/testprov.yaml", dir);
	assert_int_equal(err.status, AIS_ERULES);
	assert_string_equal(err.file, path);
	assert_int_equal(err.line, 2);

	remove_file(sub, "x.yaml");
	rmdir(sub);
	remove_file(dir, "testprov.yaml");
	remove_file(dir, "testcity.yaml");
	remove_file(dir, "notes.txt");
	remove_file(dir, ".hidden.yaml");

	/* an empty directory */
	memset(&err, 0, sizeof err);
	assert_null(keep(ais_rules_load_dir(dir, &err)));
	assert_int_equal(err.status, AIS_ERULES);
	snprintf(path, sizeof path, "no rule files (*.yaml) in '%s'", dir);
	assert_string_equal(err.msg, path);
	assert_int_equal(rmdir(dir), 0);
}

static void
load_dir_should_fail_on_a_missing_directory(void **state)
{
	struct ais_error err;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_null(ais_rules_load_dir("/nonexistent/aisubsidy-rules", &err));
	assert_int_equal(err.status, AIS_ERULES);
	assert_string_equal(err.msg, "unable to open directory "
	    "'/nonexistent/aisubsidy-rules': No such file or directory");
	assert_string_equal(err.file, "");
	assert_int_equal(err.line, 0);
	assert_int_equal(err.column, 0);
}

/* ---- limits (docs/limits.md) ---- */

/* A jurisdiction with no documents and no programs, its parent on line
 * 5 at column 11; into buf of n bytes. */
static const char *
bare_jurisdiction(char *buf, size_t n, const char *id, const char *level,
	const char *parent)
{
	snprintf(buf, n, "jurisdiction:\n"
	    "  id: %s\n"
	    "  level: %s\n"
	    "  name: {zh: 某地, en: Somewhere}\n"
	    "  parent: %s\n"
	    "documents: []\n"
	    "programs: []\n", id, level, parent);
	return buf;
}

static void
load_should_refuse_a_parent_chain_that_loops(void **state)
{
	char a[256], b[256], c[256];
	struct ais_rule_file two[2] = { { 0 } }, three[3] = { { 0 } };

	(void)state;
	two[0].name = "rules/a.yaml";
	two[0].data = bare_jurisdiction(a, sizeof a, "a", "city", "b");
	two[1].name = "rules/b.yaml";
	two[1].data = bare_jurisdiction(b, sizeof b, "b", "province", "a");
	two[0].len = strlen(a);
	two[1].len = strlen(b);
	load_files_err(two, 2, "rules/a.yaml", 5, 11, "the parents of 'a' go "
	    "round in a loop (a → b → a); the parent of 'b' is at "
	    "rules/b.yaml:5:11");

	three[0] = two[0];
	three[1].name = "rules/b.yaml";
	three[1].data = bare_jurisdiction(b, sizeof b, "b", "province", "c");
	three[1].len = strlen(b);
	three[2].name = "rules/c.yaml";
	three[2].data = bare_jurisdiction(c, sizeof c, "c", "province", "a");
	three[2].len = strlen(c);
	load_files_err(three, 3, "rules/a.yaml", 5, 11, "the parents of 'a' "
	    "go round in a loop (a → b → c → a); the parent of 'c' is at "
	    "rules/c.yaml:5:11");
}

static void
load_should_refuse_a_jurisdiction_that_is_its_own_parent(void **state)
{
	char a[256];
	struct ais_rule_file f = { 0 };

	(void)state;
	f.name = "rules/a.yaml";
	f.data = bare_jurisdiction(a, sizeof a, "a", "province", "a");
	f.len = strlen(a);
	load_files_err(&f, 1, "rules/a.yaml", 5, 11, "'a' is its own parent");
}

/* A city may name a province whose rules are absent, but not a typo of
 * one that is present. */
static void
load_should_refuse_a_parent_that_looks_like_a_typo(void **state)
{
	char a[256];
	struct ais_rule_file f[2] = { { 0 } };

	(void)state;
	f[0].name = "rules/testcity.yaml";
	f[0].data = bare_jurisdiction(a, sizeof a, "testcity", "city",
	    "testprv");
	f[0].len = strlen(a);
	f[1].name = "rules/testprov.yaml";
	f[1].data = PROVINCE;
	f[1].len = strlen(PROVINCE);
	load_files_err(f, 2, "rules/testcity.yaml", 5, 11, "parent 'testprv' "
	    "of 'testcity' is not in the rules; did you mean 'testprov'?");
	/* alone, the city names nothing: a place with no programs is
	 * still a file of its own */
	load_files_err(f, 1, "rules/testcity.yaml", 5, 11, "parent 'testprv' "
	    "of 'testcity' is not in the rules (a place with no programs is "
	    "a file with 'jurisdiction:' alone)");
}

/* PROGRAM with its rate (line 25) replaced by line, on the heap. */
static char *
with_rate(const char *line)
{
	size_t a = strlen(HEAD), b = strlen(PROGRAM) - strlen("        rate: "
	    "10%\n"), c = strlen(line);
	char *s = malloc(a + b + c + 1);

	assert_non_null(s);
	assert_true(ntexts < 8);
	texts[ntexts++] = s;
	memcpy(s, HEAD, a);
	memcpy(s + a, PROGRAM, b);
	memcpy(s + a + b, line, c + 1);
	return s;
}

/* pre n times, mid, post n times, then tail; kept for teardown. */
static char *
repeat(const char *pre, size_t n, const char *mid, const char *post,
	const char *tail)
{
	size_t a = strlen(pre), b = strlen(mid), c = strlen(post);
	size_t d = strlen(tail), i;
	char *s = malloc(a * n + b + c * n + d + 1), *q = s;

	assert_non_null(s);
	assert_true(ntexts < 8);
	texts[ntexts++] = s;
	for (i = 0; i < n; i++, q += a)
		memcpy(q, pre, a);
	memcpy(q, mid, b);
	q += b;
	for (i = 0; i < n; i++, q += c)
		memcpy(q, post, c);
	memcpy(q, tail, d + 1);
	return s;
}

/* a followed by b, kept for teardown. */
static char *
cat2(const char *a, const char *b)
{
	return repeat("", 0, a, "", b);
}

static void
load_should_refuse_an_expression_nested_too_deep(void **state)
{
	char *line = cat2("        rate: '", repeat("(", 7600, "1%", ")",
	    "'\n"));

	(void)state;
	/* the value starts at column 16; its 257th bracket is 256 on */
	load_err(with_rate(line), 25, 16 + 256, "expression nested too deep "
	    "(more than 256 levels)");
}

static void
load_should_refuse_a_chain_of_more_than_256_operators(void **state)
{
	char *line = cat2("        rate: ", repeat("1%+", 48000, "1%", "",
	    "\n"));

	(void)state;
	/* the value starts at column 15; its 257th '+' is 3 * 257 - 1
	 * bytes on */
	load_err(with_rate(line), 25, 15 + 3 * 257 - 1, "expression too deep "
	    "(more than 256 levels; each operator of a chain such as "
	    "'a + b + c' is one level)");
}

static void
load_should_name_the_precision_limit_of_a_rate(void **state)
{
	(void)state;
	load_err(with_rate("        rate: 0.1234567890123456789\n"), 25, 15,
	    "'0.1234567890123456789' has 19 decimal places; at most 18 are "
	    "supported");
	load_err(with_rate("        rate: 12.34567890123456789%\n"), 25, 15,
	    "'12.34567890123456789%' has 19 decimal places as a ratio (a "
	    "percentage adds two); at most 18 are supported");
}

/* 100,000 '[' took libyaml over a minute; the event past 64 levels
 * stops it at once. */
static void
load_should_refuse_yaml_nested_too_deep(void **state)
{
	char *text = repeat("[", 100000, "", "]", "\n");
	char *file = malloc(strlen(HEAD) + strlen(PROGRAM) + strlen(text) + 16);

	(void)state;
	assert_non_null(file);
	texts[ntexts++] = file;
	snprintf(file, strlen(HEAD) + strlen(PROGRAM) + strlen(text) + 16,
	    "%s%s    notes: %s", HEAD, PROGRAM, text);
	/* the root, programs and the program are three levels: the 62nd
	 * bracket (line 26, column 12 + 61) is the 65th */
	load_err(file, 26, 73, "YAML nested too deep (more than 64 levels)");
}

/* Aliases would have a node read as often as it is named (a billion
 * laughs): they are refused where they stand. */
static void
load_should_refuse_an_alias(void **state)
{
	(void)state;
	prog_err("  - id: testcity.p1\n"			/* 17 */
	    "    title: &t {zh: 项目一, en: Program one}\n"	/* 18 */
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    manual_checks: &m [lol, lol, lol, lol, lol, lol, lol, lol]\n"
	    "    notes: [*m, *m, *m, *m, *m, *m, *m, *m, *m]\n"	/* 22 */
	    "    awards:\n"
	    "      - basis: fixed\n"
	    "        amount: 1\n", 22, 13, "aliases ('*m') are not allowed in "
	    "rule files: write the value out");
}

/* yaml_parser_load read the first document only and ignored the rest. */
static void
load_should_refuse_a_second_document(void **state)
{
	char *text = with_head(PROGRAM);
	char *two = repeat("", 0, text, "", "---\nprograms: []\n");

	(void)state;
	load_err(two, 26, 1, "a rule file holds one YAML document; this is a "
	    "second");
}

static void
load_should_refuse_a_rule_file_larger_than_8_mib(void **state)
{
	size_t n = ((size_t)8 << 20) + 1;
	char *big = malloc(n);
	struct ais_rule_file f = { 0 };

	(void)state;
	assert_non_null(big);
	texts[ntexts++] = big;
	memset(big, '#', n);
	f.name = FILE_NAME;
	f.data = big;
	f.len = n;
	load_files_err(&f, 1, FILE_NAME, 0, 0, "rule file too large (8388609 "
	    "bytes; at most 8 MiB)");
	f.len = n - 1;		/* a comment of 8 MiB is empty */
	load_files_err(&f, 1, FILE_NAME, 0, 0, "empty rule file");
}

static void
load_dir_should_refuse_a_large_file_before_reading_it(void **state)
{
	char dir[] = "/tmp/test_rules.XXXXXX";
	char path[600], want[700];
	struct ais_error err;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/big.yaml", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	/* a sparse file of 16 MiB (the size is checked before reading) */
	assert_int_equal(fseeko(f, (off_t)16 << 20, SEEK_SET), 0);
	assert_int_equal(fputc('\n', f), '\n');
	assert_int_equal(fclose(f), 0);
	memset(&err, 0, sizeof err);
	assert_null(keep(ais_rules_load_dir(dir, &err)));
	snprintf(want, sizeof want, "rule file too large (%lld bytes; at most "
	    "8 MiB)", ((long long)16 << 20) + 1);
	check_err(&err, path, 0, 0, want);
	unlink(path);
	assert_int_equal(rmdir(dir), 0);
}

/* An unknown key of 100,000 bytes (an explicit one: libyaml takes
 * implicit keys of 1024 characters at most) is quoted by its start. */
static void
load_should_quote_a_long_unknown_key_shortened(void **state)
{
	char *key = repeat("k", 100000, "", "", "");
	char *text = cat2(with_head(PROGRAM), cat2(cat2("    ? ", key),
	    "\n    : 1\n"));
	char want[200];

	(void)state;
	snprintf(want, sizeof want, "unknown key '%.61s...' in a program", key);
	load_err(text, 26, 7, want);
}

/* Duplicates are found by sorting, not by comparing every pair: a file
 * of 150,000 sources took 94 s, of 200,000 documents 115 s. */
static void
load_should_find_a_duplicate_among_20000_sources(void **state)
{
	struct ais_buf b = AIS_BUF_INIT;
	size_t i;
	char *text;

	(void)state;
	/* HEAD without its last line, 'programs:' (16): 20,000 sources
	 * more on lines 16 to 20015, then s7 again */
	ais_buf_add(&b, HEAD, strlen(HEAD) - strlen("programs:\n"));
	for (i = 0; i < 20000; i++)
		ais_buf_addf(&b, "  s%zu: {document: doc-a, confidence: quoted}\n",
		    i);
	ais_buf_adds(&b, "  s7: {document: doc-a, confidence: quoted}\n");
	ais_buf_adds(&b, "programs: []\n");
	text = ais_buf_detach(&b);
	texts[ntexts++] = text;
	load_err(text, 20016, 3, "duplicate key 's7'");
}

/* The reader the rule tests can share: the same limits for any YAML. */
static void
yaml_load_should_refuse_aliases_and_deep_nesting_in_any_yaml(void **state)
{
	static const char bomb[] =
	    "cases:\n"
	    "  - profile:\n"
	    "      a: &a [lol, lol, lol]\n"
	    "      b: [*a, *a, *a]\n";
	static const char fine[] = "cases: [{name: x}]\n";
	struct ais_rule_file f = { "rules/tests/x.yaml", bomb, strlen(bomb), 0 };
	char *deep = repeat("[", 100000, "", "]", "\n");
	struct ais_error err;
	yaml_document_t doc;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(ais_rules_yaml_load(&f, &doc, &err), -1);
	check_err(&err, "rules/tests/x.yaml", 4, 11, "aliases ('*a') are not "
	    "allowed in rule files: write the value out");
	f.data = deep;
	f.len = strlen(deep);
	assert_int_equal(ais_rules_yaml_load(&f, &doc, &err), -1);
	check_err(&err, "rules/tests/x.yaml", 1, 65, "YAML nested too deep "
	    "(more than 64 levels)");
	f.data = fine;
	f.len = strlen(fine);
	assert_int_equal(ais_rules_yaml_load(&f, &doc, &err), 0);
	assert_int_equal(yaml_document_get_root_node(&doc)->type,
	    YAML_MAPPING_NODE);
	yaml_document_delete(&doc);
}


/* ---- caps that accumulate ---- */

static void
load_should_read_how_each_version_of_a_cap_accumulates(void **state)
{
	struct ais_rules *r;
	const struct ais_program *pg;
	const struct ais_award *aw;

	(void)state;
	r = load_ok(with_head(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    cap: {value: 100万, per: cumulative}\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        cap:\n"				/* 25 */
	    "          - {from: 2024-01-01, value: 300万}\n"
	    "          - {from: 2025-08-28, value: 500万, per: year}\n"
	    "      - basis: fixed\n"
	    "        amount: 1万\n"
	    "        cap: {value: 1万, per: claim}\n"	/* 30 */
	    "      - basis: fixed\n"
	    "        amount: 1万\n"
	    "        cap: 1万\n"));
	pg = &r->j[0].programs[0];
	assert_int_equal(pg->cap.v[0].per, AIS_PER_CUMULATIVE);
	aw = &pg->awards[0];
	assert_int_equal(aw->cap.n, 2);
	assert_int_equal(aw->cap.v[0].per, AIS_PER_CLAIM);
	assert_int_equal(aw->cap.v[1].per, AIS_PER_YEAR);
	assert_int_equal(ais_term_at(&aw->cap, day("2025-08-27"))->per,
	    AIS_PER_CLAIM);
	assert_int_equal(ais_term_at(&aw->cap, day("2025-08-28"))->per,
	    AIS_PER_YEAR);
	assert_int_equal(pg->awards[1].cap.v[0].per, AIS_PER_CLAIM);
	assert_int_equal(pg->awards[2].cap.v[0].per, AIS_PER_CLAIM);
	/* every other term is per claim */
	assert_int_equal(aw->base.v[0].per, AIS_PER_CLAIM);
}

static void
load_should_refuse_an_unknown_accumulation_with_a_suggestion(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        cap: {value: 100万, per: yaer}\n",	/* 24 */
	    24, 33, "'yaer' is not how a cap accumulates (claim, year or "
	    "cumulative); did you mean 'year'?");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    cap:\n"
	    "      - from: 2024-01-01\n"
	    "        value: 100万\n"
	    "        per: month\n"				/* 24 */
	    "    awards:\n"
	    "      - {basis: fixed, amount: 1万}\n",
	    24, 14, "'month' is not how a cap accumulates (claim, year or "
	    "cumulative)");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    cap: {value: 100万, per: [year]}\n"	/* 21 */
	    "    awards:\n"
	    "      - {basis: fixed, amount: 1万}\n",
	    21, 29, "'per' must be a scalar, not a list");
}

static void
load_should_refuse_per_on_a_term_that_is_not_a_cap(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: {value: 10%, per: year}\n",	/* 24 */
	    24, 28, "'per' says how a cap accumulates, and 'rate' is not a "
	    "cap");
}

static void
load_should_refuse_per_on_a_cap_that_has_ended(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    cap:\n"
	    "      - {from: 2024-01-01, value: 100万, per: year}\n"
	    "      - {from: 2025-01-01, ended: true, per: year}\n"	/* 23 */
	    "    awards:\n"
	    "      - {basis: fixed, amount: 1万}\n",
	    23, 46, "a value that has ended has no 'per'");
}

static void
load_should_refuse_an_accumulating_cap_on_an_each_award(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 20 */
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        each: compute_purchases\n"
	    "        base: item.amount\n"
	    "        cap:\n"				/* 25 */
	    "          - {from: 2024-01-01, value: 300万}\n"
	    "          - {from: 2025-01-01, value: 300万, per: cumulative}\n",
	    27, 50, "the cap of an 'each' award is per entry and cannot "
	    "accumulate ('per: cumulative'): prior awards are per program, "
	    "so give the program a 'cap' with 'per'");
}

/* ---- publications, grades, the guide, dated sources, places ---- */

/*
 * A file with a publication, lines 1 to 39: the document cites it, src-a
 * by default and src-b by 'published: PUB' (line 27) with grade CONF
 * (line 28); the rate (line 39) rests on src-b.  TAIL follows line 39.
 */
static char *
pub_file(const char *pub, const char *conf, const char *tail)
{
	static const char fmt[] =
	    "jurisdiction:\n"				/* 1 */
	    "  id: testcity\n"
	    "  level: city\n"
	    "  name: {zh: 测试市, en: Testcity}\n"
	    "  parent: testprov\n"			/* 5 */
	    "publications:\n"
	    "  paper-1:\n"
	    "    outlet: 测试日报\n"
	    "    date: 2024-04-15\n"
	    "    page: 第18版\n"			/* 10 */
	    "    title: 报道\n"
	    "    author: 记者 某\n"
	    "    url: https://example.org/p\n"
	    "    retrieved: 2026-11-30\n"
	    "documents:\n"				/* 15 */
	    "  - id: doc-a\n"
	    "    title: 测试文件\n"
	    "    published: paper-1\n"
	    "sources:\n"
	    "  src-a:\n"				/* 20 */
	    "    document: doc-a\n"
	    "    article: 五、(四)\n"
	    "    clause: 按10%%给予补助\n"
	    "    confidence: quoted\n"
	    "  src-b:\n"				/* 25 */
	    "    document: doc-a\n"
	    "    published: %s\n"
	    "    confidence: %s\n"
	    "    url: https://example.org/b\n"
	    "    retrieved: 2026-11-29\n"		/* 30 */
	    "programs:\n"
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"			/* 35 */
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"
	    "        rate: {value: 10%%, source: src-b}\n"	/* 39 */
	    "%s";
	size_t n = sizeof fmt + strlen(pub) + strlen(conf) + strlen(tail);
	char *s = malloc(n);

	assert_non_null(s);
	assert_true(ntexts < 8);
	texts[ntexts++] = s;
	snprintf(s, n, fmt, pub, conf, tail);
	return s;
}

static void
load_should_read_publications_and_the_sources_that_cite_them(void **state)
{
	const struct ais_rules *r;
	const struct ais_publication *p;
	const struct ais_source *a, *b;

	(void)state;
	r = load_ok(pub_file("paper-1", "report", ""));
	assert_int_equal(r->j[0].npublications, 1);
	p = &r->j[0].publications[0];
	assert_string_equal(p->key, "paper-1");
	assert_string_equal(p->outlet, "测试日报");
	assert_int_equal(p->date, day("2024-04-15"));
	assert_string_equal(p->page, "第18版");
	assert_string_equal(p->title, "报道");
	assert_string_equal(p->author, "记者 某");
	assert_string_equal(p->url, "https://example.org/p");
	assert_int_equal(p->retrieved, day("2026-11-30"));
	assert_ptr_equal(r->j[0].documents[0].published, p);
	assert_null(r->j[0].documents[0].url);
	a = r->j[0].programs[0].source;
	assert_ptr_equal(a->published, p);	/* the document's */
	assert_string_equal(a->article, "五、(四)");
	assert_null(a->url);
	assert_int_equal(a->retrieved, AIS_DATE_MIN);
	b = first_award(r)->rate.v[0].source;
	assert_string_equal(b->confidence, "report");
	assert_string_equal(b->url, "https://example.org/b");
	assert_int_equal(b->retrieved, day("2026-11-29"));
	assert_true(ais_confidence_below_quoted("report"));
	assert_true(ais_confidence_below_quoted("draft"));
	assert_true(ais_confidence_below_quoted("assumed"));
	assert_false(ais_confidence_below_quoted("quoted"));
	assert_false(ais_confidence_below_quoted("reprint"));
	assert_false(ais_confidence_below_quoted("official"));
}

static void
load_should_refuse_an_unknown_publication_with_a_suggestion(void **state)
{
	(void)state;
	load_err(pub_file("papr-1", "quoted", ""), 27, 16, "no publication "
	    "'papr-1' in this file's publications; did you mean 'paper-1'?");
	load_err(pub_file("gazette", "quoted", ""), 27, 16, "no publication "
	    "'gazette' in this file's publications");
}

static void
load_should_refuse_a_publication_without_an_outlet(void **state)
{
	(void)state;
	load_err(
	    "jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Testcity}, parent: testprov}\n"
	    "publications:\n"
	    "  paper-1: {date: 2024-04-15}\n",		/* 3 */
	    3, 12, "a publication needs 'outlet'");
	load_err(
	    "jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Testcity}, parent: testprov}\n"
	    "publications:\n"
	    "  paper-1: {outlet: 日报, retrieved: 2026-11-30}\n",
	    3, 36, "'retrieved' is the day 'url' was read, and this "
	    "publication has no 'url'");
	load_err(
	    "jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Testcity}, parent: testprov}\n"
	    "publications:\n"
	    "  paper-1: {outlet: 日报, url: example.org}\n",
	    3, 30, "'url' must be an address starting with https:// or "
	    "http://, not 'example.org'");
}

static void
load_should_refuse_the_old_where_and_seed(void **state)
{
	(void)state;
	load_err(
	    "jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Testcity}, parent: testprov}\n"
	    "documents:\n"
	    "  - {id: d, title: t, where: shared/seeds/x.txt}\n",
	    3, 23, "unknown key 'where' in a document");
	load_err(
	    "jurisdiction: {id: testcity, level: city, name: {zh: 测试市, en: Testcity}, parent: testprov}\n"
	    "documents:\n"
	    "  - {id: d, title: t}\n"
	    "sources:\n"
	    "  s: {document: d, seed: x.txt, confidence: quoted}\n",
	    5, 20, "unknown key 'seed' in a source");
}

/* A draft for comment never pays: base, rate, amount and ceiling. */
static void
load_should_refuse_a_figure_that_rests_on_a_draft(void **state)
{
	(void)state;
	load_err(pub_file("paper-1", "draft", ""), 39, 15, "'rate' rests on "
	    "a draft for comment (source 'src-b' has confidence: draft), and "
	    "a draft never pays: cite the adopted text, or make the award "
	    "unquantified");
	/* a condition may rest on one: it pays nothing itself */
	load_ok(pub_file("paper-1", "report",
	    "        when:\n"
	    "          - says: {zh: 条件, en: a condition}\n"
	    "            test: {value: ai_enterprise, source: src-b}\n"));
}

static void
load_should_read_a_guide_with_a_source_for_each_part(void **state)
{
	const struct ais_rules *r;
	const struct ais_program *pg;
	const struct ais_guide *g;

	(void)state;
	r = load_ok(pub_file("paper-1", "report",
	    "    guide:\n"				/* 40 */
	    "      agency: {zh: 科技厅, en: the S&T department}\n"
	    "      channel: {value: {zh: 政务网, en: the portal}, source: src-b}\n"
	    "      window:\n"
	    "        - {from: 2025-09-01, until: 2025-09-30, label: {zh: 2025年, en: 2025}}\n"
	    "      materials:\n"			/* 45 */
	    "        value: [{zh: 合同, en: the contract}, {zh: 发票, en: the invoice}]\n"
	    "        source: src-b\n"
	    "      payout: 使用后直补\n"));
	pg = &r->j[0].programs[0];
	g = &pg->guide;
	assert_true(g->present);
	assert_string_equal(g->agency.text.zh, "科技厅");
	assert_ptr_equal(g->agency.source, pg->source);
	assert_string_equal(g->channel.text.en, "the portal");
	assert_ptr_equal(g->channel.source, first_award(r)->rate.v[0].source);
	assert_int_equal(g->nwindows, 1);
	assert_int_equal(g->windows[0].from, day("2025-09-01"));
	assert_int_equal(g->windows[0].until, day("2025-09-30"));
	assert_string_equal(g->windows[0].label.zh, "2025年");
	assert_ptr_equal(g->windows[0].source, pg->source);
	assert_int_equal(g->nmaterials, 2);
	assert_string_equal(g->materials[1].en, "the invoice");
	assert_ptr_equal(g->materials_source, g->channel.source);
	assert_string_equal(g->payout, "使用后直补");
	assert_ptr_equal(g->payout_source, pg->source);
	/* a program without one has none */
	r = load_ok(pub_file("paper-1", "report", ""));
	assert_false(r->j[0].programs[0].guide.present);
}

static void
load_should_refuse_a_bad_guide(void **state)
{
	(void)state;
	load_err(pub_file("paper-1", "report",
	    "    guide:\n"				/* 40 */
	    "      payout: 使用后补\n"),
	    41, 15, "'使用后补' is not a way of paying (免申即享, 即申即享, "
	    "快申快享, 易申快享, 申领核销, 事后奖补 or 使用后直补); did you mean "
	    "'使用后直补'?");
	load_err(pub_file("paper-1", "report",
	    "    guide:\n"
	    "      window:\n"
	    "        - {from: 2025-09-30, until: 2025-09-01}\n"),
	    42, 37, "'until' is before 'from'");
	load_err(pub_file("paper-1", "report",
	    "    guide:\n"
	    "      window:\n"
	    "        - {from: 2025-09-01}\n"),
	    42, 11, "a window needs 'until'");
	load_err(pub_file("paper-1", "report",
	    "    guide:\n"
	    "      agency: 科技厅\n"),
	    41, 15, "'agency' needs both languages: {zh: ..., en: ...}");
	load_err(pub_file("paper-1", "report",
	    "    guide:\n"
	    "      agnecy: {zh: 科技厅, en: S&T}\n"),
	    41, 7, "unknown key 'agnecy' in a guide; did you mean 'agency'?");
}

static void
load_should_date_a_programs_headline_source(void **state)
{
	static const char prog[] =
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source:\n"				/* 20 */
	    "      - {from: 2024-01-01, source: src-a}\n"
	    "      - {from: 2025-01-01, source: {document: doc-a, confidence: official}}\n"
	    "    awards:\n"
	    "      - basis: formula\n"
	    "        base: revenue.main_business\n"	/* 25 */
	    "        rate: 10%\n";
	const struct ais_rules *r;
	const struct ais_program *pg;

	(void)state;
	r = load_ok(with_head(prog));
	pg = &r->j[0].programs[0];
	assert_int_equal(pg->nsources, 2);
	assert_string_equal(pg->source->name, "src-a");	/* the default */
	assert_ptr_equal(first_award(r)->rate.v[0].source, pg->source);
	assert_ptr_equal(ais_program_source_at(pg, day("2024-12-31")),
	    pg->source);
	assert_string_equal(ais_program_source_at(pg,
	    day("2025-01-01"))->confidence, "official");
	/* before the first: the first */
	assert_ptr_equal(ais_program_source_at(pg, day("2023-06-01")),
	    pg->source);
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source:\n"				/* 20 */
	    "      - {from: 2025-01-01, source: src-a}\n"
	    "      - {from: 2024-01-01, source: src-a}\n"
	    "    awards:\n"
	    "      - {basis: unquantified}\n",
	    22, 16, "dated sources out of order: each 'from' must come after "
	    "the one before");
}

static void
load_should_take_a_municipality_without_a_parent(void **state)
{
	const struct ais_rules *r;

	(void)state;
	r = load_ok("jurisdiction: {id: bj, level: municipality, name: {zh: 北京市, en: Beijing}}\n");
	assert_string_equal(r->j[0].level, "municipality");
	assert_null(r->j[0].parent);
	load_err("jurisdiction: {id: bj, level: municipality, name: {zh: 北京市, en: Beijing}, parent: hebei}\n",
	    1, 83, "a municipality is province-level and has no 'parent'");
	load_err("jurisdiction: {id: bj, level: municipal, name: {zh: 北京市, en: Beijing}}\n",
	    1, 31, "'municipal' is not a valid level; did you mean "
	    "'municipality'?");
}

#define T(f) cmocka_unit_test_teardown(f, teardown)

/* A rule file given as bytes loads as from a file, under the name given,
 * and its errors are placed in that name. */
static void
load_buffer_should_load_bytes_and_place_errors_in_their_name(void **state)
{
	static const char bad[] = "jurisdiction: [\n";
	struct ais_error err;
	struct ais_rules *r;
	char *data;
	size_t len;

	(void)state;
	memset(&err, 0, sizeof err);
	assert_int_equal(ais_read_file("rules/sichuan.yaml", &data, &len,
	    AIS_ERULES, &err), 0);
	r = ais_rules_load_buffer("mine.yaml", data, len, &err);
	free(data);	/* the rules keep their own copy */
	assert_non_null(r);
	assert_int_equal(r->nj, 1);
	assert_string_equal(r->j[0].id, "sichuan");
	assert_string_equal(r->j[0].file, "mine.yaml");
	assert_memory_equal(ais_rules_digest(r), "sha256:", 7);
	assert_string_equal(r->j[0].programs[0].id, "sichuan.major_project");
	ais_rules_free(r);
	assert_null(ais_rules_load_buffer("bad.yaml", bad, sizeof bad - 1,
	    &err));
	assert_int_equal(err.status, AIS_ERULES);
	assert_string_equal(err.file, "bad.yaml");
	assert_true(err.line >= 1);
	/* no bytes at all: an empty file, refused with its name too */
	memset(&err, 0, sizeof err);
	assert_null(ais_rules_load_buffer(NULL, NULL, 0, &err));
	assert_int_equal(err.status, AIS_ERULES);
	assert_string_equal(err.file, "<buffer>");
}

/* ---- syntax 11, section 5: the terms ---- */

/* Lines 17 to 22 of the programs below: an award follows at 22. */
#define P1 \
	"  - id: testcity.p1\n"				/* 17 */ \
	"    title: {zh: 项目一, en: Program one}\n"	/* 18 */ \
	"    document: doc-a\n"				/* 19 */ \
	"    source: src-a\n"				/* 20 */ \
	"    awards:\n"					/* 21 */

static void
load_should_read_a_ceiling_besides_a_cap(void **state)
{
	struct ais_rules *r;
	const struct ais_award *aw;

	(void)state;
	r = load_ok(with_head(P1
	    "      - basis: formula\n"			/* 22 */
	    "        base: revenue.main_business\n"
	    "        rate: 30%\n"
	    "        cap: 100万\n"
	    "        ceiling: 200万\n"
	    "        applicants: [enterprise, university]\n"
	    "        manual_checks:\n"
	    "          - {zh: 原则上不超过100万元, en: as a rule at most 1000000}\n"));
	aw = first_award(r);
	assert_int_equal(aw->basis, AIS_BASIS_FORMULA);
	assert_int_equal(aw->cap.n, 1);
	assert_int_equal(aw->ceiling.n, 1);
	assert_false(aw->any_applicant);
	assert_string_equal(aw->applicants_text, "enterprise, university");
	assert_int_equal(aw->nmanual, 1);
	assert_string_equal(aw->manual_checks[0].en,
	    "as a rule at most 1000000");
	/* no 'applicants': any kind */
	assert_true(r->j[0].programs[0].any_applicant);
}

static void
load_should_refuse_a_ceiling_below_the_cap(void **state)
{
	(void)state;
	prog_err(P1
	    "      - basis: formula\n"			/* 22 */
	    "        base: revenue.main_business\n"
	    "        cap: 200万\n"
	    "        ceiling: 100万\n",			/* 25 */
	    25, 18, "'ceiling' (100万) is below 'cap' (200万): the ceiling "
	    "is the most the award may pay, the cap what it pays as a rule");
}

static void
load_should_refuse_a_ceiling_without_a_cap(void **state)
{
	(void)state;
	prog_err(P1
	    "      - basis: formula\n"			/* 22 */
	    "        base: revenue.main_business\n"
	    "        ceiling: 100万\n",			/* 24 */
	    24, 18, "a formula's 'ceiling' is the most it may pay besides "
	    "its 'cap' (what it pays as a rule): give 'cap' too, or write the "
	    "ceiling as 'cap'");
}

static void
load_should_read_a_ceiling_worked_out_from_base_and_rate(void **state)
{
	const struct ais_award *aw;

	(void)state;
	aw = first_award(load_ok(with_head(P1
	    "      - basis: ceiling\n"
	    "        base: revenue.main_business\n"
	    "        rate: 30%\n")));
	assert_int_equal(aw->basis, AIS_BASIS_CEILING);
	assert_int_equal(aw->base.n, 1);
	assert_int_equal(aw->ceiling.n, 0);
}

static void
load_should_refuse_a_ceiling_both_given_and_worked_out(void **state)
{
	(void)state;
	prog_err(P1
	    "      - basis: ceiling\n"			/* 22 */
	    "        base: revenue.main_business\n"
	    "        rate: 30%\n"
	    "        ceiling: 100万\n",
	    22, 9, "a ceiling award has 'ceiling', or 'base' and 'rate' (and "
	    "'cap'), not both");
	prog_err(P1
	    "      - basis: ceiling\n"			/* 22 */
	    "        ceiling: 100万\n"
	    "        cap: 50万\n",
	    22, 9, "a ceiling award has 'ceiling', or 'base' and 'rate' (and "
	    "'cap'), not both");
}

static void
load_should_refuse_an_unknown_kind_of_an_award(void **state)
{
	(void)state;
	prog_err(P1
	    "      - basis: fixed\n"			/* 22 */
	    "        amount: 1万\n"
	    "        applicants: [enterprize]\n",		/* 24 */
	    24, 21, "'enterprize' is not a kind of applicant; did you mean "
	    "'enterprise'?");
	prog_err(P1
	    "      - basis: fixed\n"			/* 22 */
	    "        amount: 1万\n"
	    "        manual_checks: [{zh: 仅中文}]\n",	/* 24 */
	    24, 25, "an entry of 'manual_checks' needs both languages: 'en' "
	    "(English) is missing");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    applicants: [enterprise]\n"		/* 21 */
	    "    awards:\n"
	    "      - basis: fixed\n"			/* 23 */
	    "        amount: 1万\n"
	    "        applicants: [enterprise, university]\n",	/* 25 */
	    25, 21, "'university' is not among the program's applicants "
	    "(enterprise): the award can go only to kinds that may apply");
}

static void
load_should_read_entries_from(void **state)
{
	struct ais_rules *r;

	(void)state;
	r = load_ok(with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: 2023-03-01\n"
	    "    awards: [{basis: fixed, amount: 1}]\n"
	    "  - id: testcity.p2\n"
	    "    title: {zh: 项目二, en: Program two}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: any\n"
	    "    awards: [{basis: fixed, amount: 1}]\n"
	    "  - id: testcity.p3\n"
	    "    title: {zh: 项目三, en: Program three}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards: [{basis: fixed, amount: 1}]\n"));
	assert_int_equal(r->j[0].programs[0].entries_from, day("2023-03-01"));
	assert_string_equal(r->j[0].programs[0].entries_from_text,
	    "2023-03-01");
	assert_int_equal(r->j[0].programs[1].entries_from, AIS_DATE_MIN);
	assert_string_equal(r->j[0].programs[1].entries_from_text, "");
	/* by default, the start of the validity */
	assert_int_equal(r->j[0].programs[2].entries_from, day("2024-01-01"));
}

static void
load_should_refuse_an_entries_from_that_is_no_date(void **state)
{
	(void)state;
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: always\n"			/* 21 */
	    "    awards: [{basis: fixed, amount: 1}]\n",
	    21, 19, "'entries_from' is a date YYYY-MM-DD or 'any'");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    entries_from: 2026-01-01\n"		/* 21 */
	    "    awards: [{basis: fixed, amount: 1}]\n",
	    21, 19, "'entries_from' is after the end of the program's "
	    "validity");
}

static void
load_should_read_a_pool_per_total(void **state)
{
	struct ais_rules *r;

	(void)state;
	r = load_ok(with_head(
	    "  - id: testcity.p1\n"
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards: [{basis: fixed, amount: 1}]\n"
	    "    pool: {amount: 6亿, per: total}\n"));
	assert_string_equal(r->j[0].programs[0].pool.per, "total");
	prog_err(
	    "  - id: testcity.p1\n"			/* 17 */
	    "    title: {zh: 项目一, en: Program one}\n"
	    "    document: doc-a\n"
	    "    source: src-a\n"
	    "    awards: [{basis: fixed, amount: 1}]\n"
	    "    pool: {amount: 6亿, per: totl}\n",	/* 22 */
	    22, 29, "'totl' is not a valid per; did you mean 'total'?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(load_should_read_a_minimal_valid_file),
		T(load_should_read_publications_and_the_sources_that_cite_them),
		T(load_should_refuse_an_unknown_publication_with_a_suggestion),
		T(load_should_refuse_a_publication_without_an_outlet),
		T(load_should_refuse_the_old_where_and_seed),
		T(load_should_refuse_a_figure_that_rests_on_a_draft),
		T(load_should_read_a_guide_with_a_source_for_each_part),
		T(load_should_refuse_a_bad_guide),
		T(load_should_date_a_programs_headline_source),
		T(load_should_take_a_municipality_without_a_parent),
		T(load_should_read_how_each_version_of_a_cap_accumulates),
		T(load_should_refuse_an_unknown_accumulation_with_a_suggestion),
		T(load_should_refuse_per_on_a_term_that_is_not_a_cap),
		T(load_should_refuse_per_on_a_cap_that_has_ended),
		T(load_should_refuse_an_accumulating_cap_on_an_each_award),
		T(load_buffer_should_load_bytes_and_place_errors_in_their_name),
		T(load_should_name_unlabelled_awards_by_their_place),
		T(load_should_keep_both_languages_of_every_text),
		T(load_should_refuse_a_text_in_one_language_only),
		T(load_should_refuse_a_text_without_its_chinese),
		T(load_should_refuse_a_text_without_its_english),
		T(load_should_refuse_an_empty_or_odd_text),
		T(load_should_refuse_a_label_in_one_language_only),
		T(load_should_refuse_a_list_entry_in_one_language_only),
		T(load_should_refuse_other_notes_in_one_language_only),
		T(free_should_accept_null),
		T(digest_should_change_when_one_byte_changes),
		T(digest_should_not_depend_on_the_order_of_the_files),
		T(builtin_digest_should_be_the_loaders),
		T(load_should_reject_an_unknown_key_with_a_suggestion),
		T(load_should_reject_an_unknown_key_without_a_likely_match),
		T(load_should_reject_a_duplicate_key),
		T(load_should_reject_a_mapping_where_a_scalar_is_needed),
		T(load_should_reject_a_scalar_where_a_list_is_needed),
		T(load_should_reject_a_missing_required_key),
		T(load_should_name_the_award_when_it_has_no_basis),
		T(load_should_reject_a_basis_not_in_its_list),
		T(load_should_reject_a_bad_date),
		T(load_should_reject_a_validity_that_ends_before_it_starts),
		T(load_should_place_an_expression_error_in_a_plain_scalar),
		T(load_should_place_a_syntax_error_in_a_plain_scalar),
		T(load_should_place_an_expression_error_in_a_quoted_scalar),
		T(load_should_place_an_expression_error_in_a_single_quoted_scalar),
		T(load_should_place_an_expression_error_in_a_folded_block_scalar),
		T(load_should_place_an_error_on_the_second_line_of_a_folded_scalar),
		T(load_should_place_an_error_on_the_second_line_of_a_literal_scalar),
		T(load_should_count_columns_in_characters_after_chinese_units),
		T(load_should_reject_an_unknown_field_with_a_suggestion),
		T(load_should_reject_an_enum_value_not_in_the_enum),
		T(load_should_reject_an_expression_of_the_wrong_type),
		T(load_should_reject_an_expression_given_as_a_list),
		T(load_should_reject_dated_values_out_of_order),
		T(load_should_reject_dated_values_with_the_same_from),
		T(load_should_reject_overlapping_dated_values),
		T(load_should_accept_dated_values_that_meet),
		T(load_should_accept_dated_values_without_until),
		T(load_should_reject_a_dated_value_without_from),
		T(load_should_reject_a_term_without_a_source),
		T(load_should_reject_a_program_without_any_source),
		T(load_should_reject_a_term_mapping_without_a_source),
		T(load_should_reject_a_dated_value_without_a_source),
		T(load_should_take_a_source_from_the_award),
		T(load_should_reject_an_unknown_source_with_a_suggestion),
		T(load_should_reject_an_unknown_source_without_a_likely_match),
		T(load_should_reject_an_unknown_document),
		T(load_should_reject_an_unknown_document_of_a_source),
		T(load_should_reject_a_bad_confidence),
		T(load_should_reject_an_assumed_validity_without_a_reason),
		T(load_should_keep_an_assumed_validity_and_its_reason),
		T(load_should_reject_a_province_whose_parent_is_missing),
		T(load_should_reject_a_program_id_without_the_jurisdiction),
		T(load_should_reject_a_program_defined_twice_in_one_file),
		T(load_should_reject_a_program_defined_twice_across_files),
		T(load_should_reject_a_jurisdiction_in_two_files),
		T(load_should_reject_a_formula_without_base),
		T(load_should_reject_a_formula_with_an_amount),
		T(load_should_reject_a_fixed_award_with_a_base),
		T(load_should_reject_a_ceiling_without_ceiling),
		T(load_should_reject_an_unquantified_award_with_figures),
		T(load_should_reject_where_without_each),
		T(load_should_reject_each_over_something_not_a_list),
		T(load_should_bind_item_in_each_and_where),
		T(load_should_reject_item_outside_each),
		T(load_should_reject_a_pool_amount_that_is_a_formula),
		T(load_should_read_a_pool),
		T(load_should_reject_an_unknown_kind_of_applicant),
		T(load_should_place_a_yaml_syntax_error),
		T(load_should_reject_an_empty_file),
		T(load_should_reject_a_file_that_is_not_a_mapping),
		T(load_should_reject_a_bad_level_and_a_missing_section),
		T(term_at_should_find_the_version_in_force),
		T(term_at_should_handle_undated_and_unused_terms),
		T(load_should_reject_an_ended_value_with_a_value),
		T(load_dir_should_load_the_yaml_files_of_a_directory),
		T(load_dir_should_fail_on_a_missing_directory),
		T(load_should_refuse_a_parent_chain_that_loops),
		T(load_should_refuse_a_jurisdiction_that_is_its_own_parent),
		T(load_should_refuse_a_parent_that_looks_like_a_typo),
		T(load_should_refuse_an_expression_nested_too_deep),
		T(load_should_refuse_a_chain_of_more_than_256_operators),
		T(load_should_name_the_precision_limit_of_a_rate),
		T(load_should_refuse_yaml_nested_too_deep),
		T(load_should_refuse_an_alias),
		T(load_should_refuse_a_second_document),
		T(load_should_refuse_a_rule_file_larger_than_8_mib),
		T(load_dir_should_refuse_a_large_file_before_reading_it),
		T(load_should_quote_a_long_unknown_key_shortened),
		T(load_should_find_a_duplicate_among_20000_sources),
		T(yaml_load_should_refuse_aliases_and_deep_nesting_in_any_yaml),
		T(load_should_read_a_ceiling_besides_a_cap),
		T(load_should_refuse_a_ceiling_below_the_cap),
		T(load_should_refuse_a_ceiling_without_a_cap),
		T(load_should_read_a_ceiling_worked_out_from_base_and_rate),
		T(load_should_refuse_a_ceiling_both_given_and_worked_out),
		T(load_should_refuse_an_unknown_kind_of_an_award),
		T(load_should_read_entries_from),
		T(load_should_refuse_an_entries_from_that_is_no_date),
		T(load_should_read_a_pool_per_total),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
