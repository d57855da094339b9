/*
 * test_index.c: selective loading (docs/performance.md, "Start-up that
 * does not grow with the rule set"): what ais_rule_scan reads of a file's
 * 'jurisdiction:' block, in the common form and in others, the files it
 * will not vouch for, and a rule set opened for one profile against the
 * same set loaded whole.
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

#include "builtin.h"
#include "profile.h"
#include "rules.h"

/* Scans text: the result, the head in *h (its texts in *a). */
static int
scan(const char *text, struct ais_arena *a, struct ais_rule_head *h)
{
	struct ais_rule_file f = { "t/x.yaml", text, strlen(text), 0 };

	return ais_rule_scan(&f, a, h);
}

/* Every built-in rule file but the contract is passed over, and what the
 * scan reads is what the full load reads. */
static void
scan_should_read_every_builtin_head_as_the_load_does(void **state)
{
	struct ais_arena a = AIS_ARENA_INIT;
	struct ais_error err;
	struct ais_rules *r = ais_rules_load_builtin(&err);
	size_t i, k, heads = 0;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < ais_builtin_nfiles; i++) {
		const struct ais_builtin_file *b = &ais_builtin_files[i];
		struct ais_rule_file f = { b->name, b->data, b->len, 0 };
		struct ais_rule_head h;
		const struct ais_jurisdiction *j = NULL;
		int ok;

		if (strncmp(b->name, "rules/", 6) != 0 ||
		    strchr(b->name + 6, '/'))
			continue;
		ok = ais_rule_scan(&f, &a, &h);
		if (strcmp(b->name, "rules/profile.yaml") == 0) {
			assert_int_equal(ok, 0);
			continue;
		}
		assert_int_equal(ok, 1);
		heads++;
		for (k = 0; k < r->nj; k++)
			if (strcmp(r->j[k].file, b->name) == 0)
				j = &r->j[k];
		assert_non_null(j);
		assert_string_equal(h.id, j->id);
		assert_string_equal(h.level, j->level);
		assert_string_equal(h.name_zh, j->name_zh);
		assert_string_equal(h.name_en, j->name_en);
		if (j->parent_id) {
			assert_string_equal(h.parent, j->parent_id);
			assert_int_equal(h.parent_line, j->parent_line);
			assert_int_equal(h.parent_column, j->parent_column);
		} else {
			assert_null(h.parent);
		}
	}
	assert_int_equal(heads, r->nj);
	ais_rules_free(r);
	ais_arena_release(&a);
}

/* Forms the scan reads, by hand or through libyaml. */
static void
scan_should_read_other_forms_of_the_block(void **state)
{
	static const char *const texts[] = {
		/* the name as lines, keys in another order, CRLF */
		"# c\r\n\r\njurisdiction:\r\n  parent: p\r\n  name:\r\n"
		"    zh: 某市\r\n    en: Some City\r\n  level: city\r\n"
		"  id: x\r\nprograms: []\r\n",
		/* quoted values and a comment after one: libyaml's reading */
		"jurisdiction:\n  id: \"x\"\n  level: 'city'  # a city\n"
		"  name: {zh: \"某市\", en: Some City}\n  parent: p\n",
		/* indented by four, the name a flow mapping over two lines */
		"jurisdiction:\n    id: x\n    level: city\n"
		"    name: {zh: 某市,\n      en: Some City}\n    parent: p\n"
		"documents:\n- id: d\n",
	};
	struct ais_arena a = AIS_ARENA_INIT;
	struct ais_rule_head h;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		assert_int_equal(scan(texts[i], &a, &h), 1);
		assert_string_equal(h.id, "x");
		assert_string_equal(h.level, "city");
		assert_string_equal(h.name_zh, "某市");
		assert_string_equal(h.name_en, "Some City");
		assert_string_equal(h.parent, "p");
	}
	/* the place of the parent, as the load gives it */
	assert_int_equal(scan(texts[0], &a, &h), 1);
	assert_int_equal(h.parent_line, 4);
	assert_int_equal(h.parent_column, 11);
	ais_arena_release(&a);
}

/* Files the scan will not vouch for: they are parsed in full. */
static void
scan_should_refuse_what_it_cannot_vouch_for(void **state)
{
	static const char *const texts[] = {
		/* a part of the contract, or a second block, later */
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\nprofile:\n  a: {type: string}\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\nabout: {zh: a, en: b}\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\njurisdiction:\n  id: y\n",
		/* a key that could be any key */
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\n\"profile\": {}\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\n? profile\n: {}\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\nprofile : {}\n",
		/* a line break a scan by lines would not see */
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\rprofile: {}\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\xc2\x85profile: {}\n",
		/* a tab, a second document */
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\n\tprograms: []\n",
		"jurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\n---\nprofile: {}\n",
		/* the block not first, a flow root, an indented root */
		"documents: []\njurisdiction:\n  id: x\n  level: city\n"
		"  name: {zh: 某, en: X}\n",
		"{jurisdiction: {id: x, level: city, name: {zh: 某, en: X}}}\n",
		"  jurisdiction:\n    id: x\n    level: city\n"
		"    name: {zh: 某, en: X}\n",
		/* a block the load would refuse: no name, a key unknown, an
		 * anchor, a list */
		"jurisdiction:\n  id: x\n  level: city\n",
		"jurisdiction:\n  id: x\n  level: city\n  name: {zh: 某, en: X}\n"
		"  capital: y\n",
		"jurisdiction:\n  id: &a x\n  level: city\n"
		"  name: {zh: 某, en: X}\n",
		"jurisdiction:\n  id: [x]\n  level: city\n"
		"  name: {zh: 某, en: X}\n",
		/* no block at all, nothing */
		"profile:\n  a: {type: string}\n",
		"",
	};
	struct ais_arena a = AIS_ARENA_INIT;
	struct ais_rule_head h;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof *texts; i++) {
		if (scan(texts[i], &a, &h) != 0)
			fail_msg("text %zu was passed over", i);
		assert_null(h.id);
	}
	ais_arena_release(&a);
}

/* A directory of its own, made for the tests: the built-in files and
 * the file of a province that the scan will not vouch for (its root a
 * flow mapping), which an opened set parses at once. */
static char dir[64];

static void
write_file(const char *name, const char *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int
setup_dir(void **state)
{
	static const char odd[] =
		"{jurisdiction: {id: oddprov, level: province,\n"
		"  name: {zh: 奇省, en: Oddprov}}}\n";
	size_t i;

	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_index.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	for (i = 0; i < ais_builtin_nfiles; i++) {
		const char *n = ais_builtin_files[i].name;

		if (strncmp(n, "rules/", 6) == 0 && !strchr(n + 6, '/'))
			write_file(n + 6, ais_builtin_files[i].data,
			    ais_builtin_files[i].len);
	}
	write_file("oddprov.yaml", odd, sizeof odd - 1);
	return 0;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The programs of jurisdiction id of r, as ids and titles in one text. */
static void
programs_of(const struct ais_rules *r, const char *id, char *out, size_t n)
{
	const struct ais_jurisdiction *j = ais_rules_find(r, id, strlen(id));
	size_t k, at = 0;

	assert_non_null(j);
	out[0] = '\0';
	for (k = 0; k < j->nprograms && at < n; k++)
		at += (size_t)snprintf(out + at, n - at, "%s %s %zu;",
		    j->programs[k].id, j->programs[k].title_en,
		    j->programs[k].nconditions);
}

/* Opened for one profile, the set knows every place and has parsed
 * none but the odd file; what it parses on demand is what the whole
 * load holds; the digest is the whole set's. */
static void
open_should_parse_what_is_needed_as_the_full_load_does(void **state)
{
	static const char *const ids[] = { "chengdu", "nowhere" };
	static const size_t lens[] = { 7, 7 };
	struct ais_error err;
	struct ais_rules *full = ais_rules_load_dir(dir, &err);
	struct ais_rules *r = ais_rules_open(dir, NULL, 0, &err);
	char a[4096], b[4096];
	size_t i;

	(void)state;
	assert_non_null(full);
	assert_non_null(r);
	assert_non_null(r->pending);
	assert_string_equal(r->digest, full->digest);
	assert_int_equal(r->nj, full->nj);
	for (i = 0; i < r->nj; i++) {
		assert_string_equal(r->j[i].id, full->j[i].id);
		assert_string_equal(r->j[i].name_zh, full->j[i].name_zh);
		assert_ptr_equal(ais_rules_find(r, r->j[i].id,
		    strlen(r->j[i].id)), &r->j[i]);
		assert_int_equal(r->j[i].nprograms, 0);
	}
	assert_string_equal(ais_rules_find(r, "oddprov", 7)->name_en,
	    "Oddprov");
	assert_null(ais_rules_find(r, "chengd", 6));
	assert_int_equal(r->schema->n, full->schema->n);
	assert_int_equal(ais_rules_need(r, ids, lens, 2, &err), 0);
	programs_of(r, "chengdu", a, sizeof a);
	programs_of(full, "chengdu", b, sizeof b);
	assert_string_equal(a, b);
	programs_of(r, "sichuan", a, sizeof a);	/* the parent too */
	programs_of(full, "sichuan", b, sizeof b);
	assert_string_equal(a, b);
	assert_int_equal(ais_rules_find(r, "beijing", 7)->nprograms, 0);
	ais_rules_free(r);
	ais_rules_free(full);
}

/* A profile's needs: its city and province, and the jurisdictions of the
 * programs it names; one it names that is nowhere asks for the whole
 * set. */
static void
need_profile_should_parse_the_places_and_programs_named(void **state)
{
	static const char named[] =
		"{\"kind\": \"enterprise\", \"city\": \"shenzhen\","
		" \"prior_awards\": [{\"program\": \"hangzhou.compute_voucher\","
		" \"amount\": 1, \"date\": \"2025-01-01\"}]}";
	static const char typo[] =
		"{\"kind\": \"enterprise\", \"city\": \"shenzhen\","
		" \"prior_awards\": [{\"program\": \"hangzhou.compute_vouchr\","
		" \"amount\": 1, \"date\": \"2025-01-01\"}]}";
	struct ais_error err;
	struct ais_profile p;
	struct ais_rules *r = ais_rules_open(dir, NULL, 0, &err);

	(void)state;
	assert_non_null(r);
	ais_profile_init(&p);
	if (ais_profile_read(&p, r, named, sizeof named - 1, &err) < 0)
		fail_msg("%s: %s", err.path, err.msg);
	assert_int_equal(ais_rules_need_profile(r, &p, NULL, 0, &err), 0);
	assert_true(ais_rules_find(r, "shenzhen", 8)->nprograms > 0);
	assert_true(ais_rules_find(r, "hangzhou", 8)->nprograms > 0);
	assert_int_equal(ais_rules_find(r, "chengdu", 7)->nprograms, 0);
	assert_int_equal(ais_profile_read(&p, r, typo, sizeof typo - 1,
	    &err), 0);
	assert_int_equal(ais_rules_need_profile(r, &p, NULL, 0, &err), 1);
	ais_profile_release(&p);
	ais_rules_free(r);
}

/* Heads at fault: the whole set is loaded, and its error given. */
static void
open_should_load_the_whole_set_when_the_heads_are_at_fault(void **state)
{
	static const char twin[] =
		"jurisdiction:\n  id: chengdu\n  level: city\n"
		"  name: {zh: 双, en: Twin}\n";
	struct ais_error e1, e2;
	struct ais_rules *r;

	(void)state;
	write_file("twin.yaml", twin, sizeof twin - 1);
	memset(&e1, 0, sizeof e1);
	memset(&e2, 0, sizeof e2);
	assert_null(ais_rules_load_dir(dir, &e1));
	r = ais_rules_open(dir, NULL, 0, &e2);
	assert_null(r);
	assert_string_equal(e1.msg, e2.msg);
	assert_int_equal(e1.line, e2.line);
	assert_string_equal(e2.file, e1.file);
	assert_non_null(strstr(e2.msg, "also in"));
	{
		char path[128];

		snprintf(path, sizeof path, "%s/twin.yaml", dir);
		assert_int_equal(unlink(path), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan_should_read_every_builtin_head_as_the_load_does),
		cmocka_unit_test(scan_should_read_other_forms_of_the_block),
		cmocka_unit_test(scan_should_refuse_what_it_cannot_vouch_for),
		cmocka_unit_test(open_should_parse_what_is_needed_as_the_full_load_does),
		cmocka_unit_test(need_profile_should_parse_the_places_and_programs_named),
		cmocka_unit_test(open_should_load_the_whole_set_when_the_heads_are_at_fault),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
