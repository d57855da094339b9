/*
 * test_embed.c: the documents of the built-in rule files that
 * tools/embed.c composed at build time (src/builtin.h's struct
 * ais_yaml_image), rebuilt by the loader instead of scanning the text
 * (docs/performance.md, "Start-up that does not grow with the rule
 * set"): node for node the document the loader composes of the same
 * bytes and the one yaml_parser_load gives, and the rule set loaded from
 * them the rule set loaded from the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <yaml.h>

#include "builtin.h"
#include "catalog.h"
#include "contract.h"
#include "json.h"
#include "rules.h"

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* A copy of b's bytes on the heap: the loader does not know it for a
 * built-in file and parses it. */
static struct ais_rule_file
copy_of(const struct ais_builtin_file *b)
{
	struct ais_rule_file f = { b->name, NULL, b->len, 0 };
	char *d = malloc(b->len + 1);

	assert_non_null(d);
	memcpy(d, b->data, b->len + 1);
	f.data = d;
	return f;
}

static void
assert_mark_equal(yaml_mark_t a, yaml_mark_t b)
{
	assert_int_equal(a.index, b.index);
	assert_int_equal(a.line, b.line);
	assert_int_equal(a.column, b.column);
}

/* Documents a and b the same, node for node. */
static void
assert_doc_equal(const char *name, yaml_document_t *a, yaml_document_t *b)
{
	size_t n = (size_t)(a->nodes.top - a->nodes.start), i;

	assert_int_equal(n, (size_t)(b->nodes.top - b->nodes.start));
	assert_true(n > 0);
	assert_null(a->version_directive);
	assert_null(b->version_directive);
	assert_ptr_equal(a->tag_directives.start, a->tag_directives.end);
	assert_ptr_equal(b->tag_directives.start, b->tag_directives.end);
	assert_int_equal(a->start_implicit, b->start_implicit);
	for (i = 0; i < n; i++) {
		yaml_node_t *x = &a->nodes.start[i], *y = &b->nodes.start[i];

		if (x->type != y->type || strcmp((const char *)x->tag,
		    (const char *)y->tag) != 0)
			fail_msg("%s: node %zu differs", name, i + 1);
		assert_mark_equal(x->start_mark, y->start_mark);
		assert_mark_equal(x->end_mark, y->end_mark);
		switch (x->type) {
		case YAML_SCALAR_NODE:
			assert_int_equal(x->data.scalar.style,
			    y->data.scalar.style);
			assert_int_equal(x->data.scalar.length,
			    y->data.scalar.length);
			assert_memory_equal(x->data.scalar.value,
			    y->data.scalar.value, x->data.scalar.length + 1);
			break;
		case YAML_SEQUENCE_NODE:
			assert_int_equal(x->data.sequence.style,
			    y->data.sequence.style);
			assert_int_equal(x->data.sequence.items.top -
			    x->data.sequence.items.start,
			    y->data.sequence.items.top -
			    y->data.sequence.items.start);
			assert_memory_equal(x->data.sequence.items.start,
			    y->data.sequence.items.start,
			    sizeof (yaml_node_item_t) *
			    (size_t)(x->data.sequence.items.top -
			    x->data.sequence.items.start));
			break;
		case YAML_MAPPING_NODE:
			assert_int_equal(x->data.mapping.style,
			    y->data.mapping.style);
			assert_int_equal(x->data.mapping.pairs.top -
			    x->data.mapping.pairs.start,
			    y->data.mapping.pairs.top -
			    y->data.mapping.pairs.start);
			assert_memory_equal(x->data.mapping.pairs.start,
			    y->data.mapping.pairs.start,
			    sizeof (yaml_node_pair_t) *
			    (size_t)(x->data.mapping.pairs.top -
			    x->data.mapping.pairs.start));
			break;
		default:
			fail_msg("%s: node %zu has no type", name, i + 1);
		}
	}
}

/* Every built-in .yaml file has an image, and the document rebuilt from
 * it is the one the loader composes of the text and the one
 * yaml_parser_load gives: what catches the two drifting apart. */
static void
image_should_rebuild_the_document_of_the_text(void **state)
{
	size_t i, images = 0;

	(void)state;
	for (i = 0; i < ais_builtin_nfiles; i++) {
		const struct ais_builtin_file *b = &ais_builtin_files[i];
		struct ais_rule_file in = { b->name, b->data, b->len, 0 };
		struct ais_rule_file text;
		yaml_document_t built, parsed, loaded;
		yaml_parser_t parser;
		struct ais_error err;

		if (!is_yaml(b->name)) {
			assert_null(b->image);
			continue;
		}
		assert_non_null(b->image);
		images++;
		text = copy_of(b);
		assert_int_equal(ais_rules_yaml_load(&in, &built, &err), 0);
		assert_int_equal(ais_rules_yaml_load(&text, &parsed, &err), 0);
		assert_doc_equal(b->name, &built, &parsed);
		assert_true(yaml_parser_initialize(&parser));
		yaml_parser_set_input_string(&parser,
		    (const unsigned char *)b->data, b->len);
		assert_true(yaml_parser_load(&parser, &loaded));
		yaml_parser_delete(&parser);
		assert_doc_equal(b->name, &built, &loaded);
		yaml_document_delete(&loaded);
		yaml_document_delete(&parsed);
		yaml_document_delete(&built);
		free((char *)text.data);
	}
	assert_true(images >= 10);
}

/* Everything a rule set shows: the catalogue in both languages, every
 * program as JSON (with its line and column), the contract's schema. */
static void
show(const struct ais_rules *r, struct ais_buf *b)
{
	size_t i, p;

	ais_buf_addf(b, "%s\n", r->digest);
	assert_int_equal(ais_catalog_write(r, AIS_LANG_EN, b), 0);
	assert_int_equal(ais_catalog_write(r, AIS_LANG_ZH, b), 0);
	for (i = 0; i < r->nj; i++)
		for (p = 0; p < r->j[i].nprograms; p++) {
			const struct ais_program *pg = &r->j[i].programs[p];
			struct ais_json j;

			ais_buf_addf(b, "\n%s %d:%d\n", pg->id, pg->line,
			    pg->column);
			ais_json_init(&j, b, 0);
			assert_int_equal(ais_catalog_program_json(pg, &j), 0);
		}
	ais_contract_json_schema(r, b);
}

/* The built-in rules loaded from their images and from copies of their
 * text: the same rule set. */
static void
rules_should_load_from_images_as_from_text(void **state)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_rule_file *text;
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;
	struct ais_error err;
	struct ais_rules *ri, *rt;
	size_t i, k, n = 0;

	(void)state;
	ais_rule_files_builtin("rules/", &files);
	text = calloc(files.f.n, sizeof *text);
	assert_non_null(text);
	for (i = 0; i < files.f.n; i++)
		for (k = 0; k < ais_builtin_nfiles; k++)
			if (ais_builtin_files[k].data == files.f.v[i].data)
				text[n++] = copy_of(&ais_builtin_files[k]);
	assert_int_equal(n, files.f.n);
	ri = ais_rules_load_builtin(&err);
	assert_non_null(ri);
	rt = ais_rules_load(text, n, &err);
	assert_non_null(rt);
	assert_string_equal(ri->digest, rt->digest);
	assert_int_equal(ri->nprograms, rt->nprograms);
	show(ri, &a);
	show(rt, &b);
	assert_int_equal(a.len, b.len);
	assert_true(a.len > 100000);
	assert_string_equal(a.p, b.p);
	ais_buf_release(&a);
	ais_buf_release(&b);
	ais_rules_free(ri);
	ais_rules_free(rt);
	for (i = 0; i < n; i++)
		free((char *)text[i].data);
	free(text);
	ais_rule_files_release(&files);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(image_should_rebuild_the_document_of_the_text),
		cmocka_unit_test(rules_should_load_from_images_as_from_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
