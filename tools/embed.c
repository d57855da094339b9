/*
 * embed: writes a C file holding the bytes of each file named on the
 * command line, as the table of src/builtin.h.  Arrays of bytes rather
 * than string literals, because ISO C limits the length of a literal.
 * It also writes the digest of the built-in rule set (the files
 * rules/NAME.yaml), hashed as src/rules.c's rules_load hashes a rule set,
 * so that a run does not hash the rules again every time it starts.
 * And, for each .yaml file, its YAML document composed as src/rules.c's
 * compose() composes it, as tables of nodes (struct ais_yaml_image), so
 * that the loader rebuilds the document instead of scanning the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "builtin.h"
#include "rules.h"
#include "sha256.h"

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The digest of the files argv[1..argc) that are rules/NAME.yaml, in the
 * order of their names: each its base name, its length and its bytes. */
static int
digest(int argc, char **argv, char out[65])
{
	struct ais_sha256 h;
	unsigned char d[32];
	char **names = calloc((size_t)argc, sizeof *names);
	int i, n = 0;

	if (!names)
		return -1;
	for (i = 1; i < argc; i++)
		if (strncmp(argv[i], "rules/", 6) == 0 &&
		    !strchr(argv[i] + 6, '/'))
			names[n++] = argv[i];
	qsort(names, (size_t)n, sizeof *names, cmp_names);
	ais_sha256_init(&h);
	for (i = 0; i < n; i++) {
		FILE *f = fopen(names[i], "rb");
		char buf[4096], lenbuf[48];
		size_t k, len = 0;

		if (!f)
			return -1;
		while ((k = fread(buf, 1, sizeof buf, f)) > 0)
			len += k;
		snprintf(lenbuf, sizeof lenbuf, "%zu", len);
		rewind(f);
		ais_sha256_update(&h, names[i] + 6, strlen(names[i] + 6) + 1);
		ais_sha256_update(&h, lenbuf, strlen(lenbuf) + 1);
		while ((k = fread(buf, 1, sizeof buf, f)) > 0)
			ais_sha256_update(&h, buf, k);
		if (ferror(f))
			return -1;
		fclose(f);
	}
	free(names);
	ais_sha256_final(&h, d);
	ais_sha256_hex(d, out);
	return 0;
}

static void print_literal(const char *s);

/* The distinct tags of the image being written. */
static char **tags;
static size_t ntags;

static int
tag_index(const char *tag)
{
	size_t i;

	for (i = 0; i < ntags; i++)
		if (strcmp(tags[i], tag) == 0)
			return (int)i;
	if (ntags == 65535)
		return -1;
	tags = realloc(tags, (ntags + 1) * sizeof *tags);
	if (!tags || !(tags[ntags] = malloc(strlen(tag) + 1)))
		return -1;
	strcpy(tags[ntags], tag);
	return (int)ntags++;
}

/*
 * Composes the document of the YAML text data[0..len) into *doc as
 * src/rules.c's compose() does (the same calls of libyaml's document API
 * in the same order, "!" as no tag, the end mark of a collection its end
 * event's): 1, or 0 when the loader would refuse the text (not valid
 * YAML, an alias, a second document, too deep) or it has a directive: it
 * then gets no image, and the loader parses it, and refuses it, at run
 * time as any other file.  *doc is to be deleted when 1.
 */
static int
compose(const char *data, size_t len, yaml_document_t *doc)
{
	struct {
		int id;
		int key;
	} open[AIS_RULES_MAX_YAML_DEPTH];
	yaml_parser_t parser;
	yaml_event_t ev;
	int nopen = 0, ndocs = 0, have_doc = 0, done = 0, ok = 0;

	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	while (!done) {
		yaml_char_t *tag;
		int id = 0, bad = 0;

		if (!yaml_parser_parse(&parser, &ev))
			goto out;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (ndocs++ > 0 ||
			    ev.data.document_start.version_directive ||
			    ev.data.document_start.tag_directives.start !=
			    ev.data.document_start.tag_directives.end ||
			    !yaml_document_initialize(doc, NULL, NULL, NULL,
			    ev.data.document_start.implicit, 1))
				bad = 1;
			else
				have_doc = 1;
			break;
		case YAML_ALIAS_EVENT:
			bad = 1;
			break;
		case YAML_SCALAR_EVENT:
			tag = ev.data.scalar.tag;
			if (tag && strcmp((const char *)tag, "!") == 0)
				tag = NULL;
			id = yaml_document_add_scalar(doc, tag,
			    ev.data.scalar.value, (int)ev.data.scalar.length,
			    ev.data.scalar.style);
			bad = !id;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (nopen == AIS_RULES_MAX_YAML_DEPTH) {
				bad = 1;
				break;
			}
			if (ev.type == YAML_SEQUENCE_START_EVENT) {
				tag = ev.data.sequence_start.tag;
				id = yaml_document_add_sequence(doc, tag &&
				    strcmp((const char *)tag, "!") != 0 ? tag :
				    NULL, ev.data.sequence_start.style);
			} else {
				tag = ev.data.mapping_start.tag;
				id = yaml_document_add_mapping(doc, tag &&
				    strcmp((const char *)tag, "!") != 0 ? tag :
				    NULL, ev.data.mapping_start.style);
			}
			bad = !id;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			yaml_document_get_node(doc, open[nopen - 1].id)->end_mark =
			    ev.end_mark;
			nopen--;
			break;
		default:
			break;
		}
		if (!bad && id) {
			yaml_node_t *n = yaml_document_get_node(doc, id);

			n->start_mark = ev.start_mark;
			n->end_mark = ev.end_mark;
			if (nopen > 0) {
				int parent = open[nopen - 1].id;

				if (yaml_document_get_node(doc, parent)->type ==
				    YAML_SEQUENCE_NODE) {
					bad = !yaml_document_append_sequence_item(
					    doc, parent, id);
				} else if (!open[nopen - 1].key) {
					open[nopen - 1].key = id;
				} else {
					bad = !yaml_document_append_mapping_pair(
					    doc, parent, open[nopen - 1].key, id);
					open[nopen - 1].key = 0;
				}
			}
			if (ev.type != YAML_SCALAR_EVENT) {
				open[nopen].id = id;
				open[nopen].key = 0;
				nopen++;
			}
		}
		yaml_event_delete(&ev);
		if (bad)
			goto out;
	}
	ok = have_doc;
out:
	if (!ok && have_doc)
		yaml_document_delete(doc);
	yaml_parser_delete(&parser);
	return ok;
}

/* Writes the image of file i, whose bytes are data[0..len): 1 written,
 * 0 none (see compose), -1 an error. */
static int
write_image(int i, const char *data, size_t len)
{
	yaml_document_t doc;
	yaml_node_t *n;
	size_t k, nn, at;

	if (!compose(data, len, &doc))
		return 0;
	nn = (size_t)(doc.nodes.top - doc.nodes.start);
	if (nn == 0) {
		yaml_document_delete(&doc);
		return 0;
	}
	printf("static const unsigned char text%d[] = {", i);
	at = 0;
	for (n = doc.nodes.start; n < doc.nodes.top; n++)
		if (n->type == YAML_SCALAR_NODE)
			for (k = 0; k <= n->data.scalar.length; k++, at++)
				printf("%s%d,", at % 20 ? "" : "\n\t",
				    k < n->data.scalar.length ?
				    n->data.scalar.value[k] : 0);
	printf("\n\t0\n};\n");
	printf("static const int kids%d[] = {", i);
	at = 0;
	for (n = doc.nodes.start; n < doc.nodes.top; n++)
		if (n->type == YAML_SEQUENCE_NODE) {
			yaml_node_item_t *it;

			for (it = n->data.sequence.items.start;
			    it < n->data.sequence.items.top; it++, at++)
				printf("%s%d,", at % 20 ? "" : "\n\t", *it);
		} else if (n->type == YAML_MAPPING_NODE) {
			yaml_node_pair_t *p;

			for (p = n->data.mapping.pairs.start;
			    p < n->data.mapping.pairs.top; p++, at += 2)
				printf("%s%d,%d,", at % 20 ? "" : "\n\t",
				    p->key, p->value);
		}
	printf("\n\t0\n};\n");
	printf("static const struct ais_yaml_inode nodes%d[] = {\n", i);
	{
		size_t tat = 0, kat = 0;

		for (n = doc.nodes.start; n < doc.nodes.top; n++) {
			int t = tag_index((const char *)n->tag);
			unsigned style = 0;
			size_t a = 0, l = 0;

			if (t < 0)
				return -1;
			switch (n->type) {
			case YAML_SCALAR_NODE:
				style = n->data.scalar.style;
				a = tat;
				l = n->data.scalar.length;
				tat += l + 1;
				break;
			case YAML_SEQUENCE_NODE:
				style = n->data.sequence.style;
				a = kat;
				l = (size_t)(n->data.sequence.items.top -
				    n->data.sequence.items.start);
				kat += l;
				break;
			case YAML_MAPPING_NODE:
				style = n->data.mapping.style;
				a = kat;
				l = 2 * (size_t)(n->data.mapping.pairs.top -
				    n->data.mapping.pairs.start);
				kat += l;
				break;
			default:
				return -1;
			}
			printf("\t{%d,%u,%d,%zu,%zu,{%zu,%zu,%zu},{%zu,%zu,%zu}},\n",
			    (int)n->type, style, t, a, l,
			    n->start_mark.index, n->start_mark.line,
			    n->start_mark.column, n->end_mark.index,
			    n->end_mark.line, n->end_mark.column);
		}
	}
	printf("};\n");
	printf("static const char *const tags%d[] = {\n", i);
	for (k = 0; k < ntags; k++) {
		putchar('\t');
		print_literal(tags[k]);
		printf(",\n");
		free(tags[k]);
	}
	ntags = 0;
	printf("\tNULL\n};\n");
	printf("static const struct ais_yaml_image image%d = {nodes%d, %zu, "
	    "text%d, kids%d, tags%d, %d};\n", i, i, nn, i, i, i,
	    doc.start_implicit);
	yaml_document_delete(&doc);
	return 1;
}

/* A string as a C literal. */
static void
print_literal(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c < 0x20 || c >= 0x7f ||
		    c == '?')
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

static int
is_yaml(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

int
main(int argc, char **argv)
{
	int i, c;
	unsigned long n;
	char *has_image = calloc((size_t)argc, 1);
	char *buf = NULL;
	size_t cap = 0;

	if (!has_image)
		return 1;

	printf("/* Generated by tools/embed.c: do not edit. */\n");
	printf("#include \"builtin.h\"\n\n");
	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");

		if (!f) {
			fprintf(stderr, "embed: unable to open '%s'\n", argv[i]);
			return 1;
		}
		printf("static const unsigned char file%d[] = {", i);
		n = 0;
		while ((c = getc(f)) != EOF) {
			printf("%s%d,", n % 20 ? "" : "\n\t", c);
			if (n == cap && !(buf = realloc(buf, cap = 2 * cap + 4096))) {
				fprintf(stderr, "embed: out of memory\n");
				return 1;
			}
			buf[n++] = (char)c;
		}
		printf("\n\t0\n};\n");
		if (ferror(f)) {
			fprintf(stderr, "embed: unable to read '%s'\n", argv[i]);
			return 1;
		}
		fclose(f);
		if (is_yaml(argv[i])) {
			int rc = write_image(i, buf, n);

			if (rc < 0) {
				fprintf(stderr, "embed: unable to compose '%s'\n",
				    argv[i]);
				return 1;
			}
			has_image[i] = (char)rc;
		}
	}
	free(buf);
	free(tags);
	printf("\nconst struct ais_builtin_file ais_builtin_files[] = {\n");
	for (i = 1; i < argc; i++) {
		printf("\t{\"%s\", (const char *)file%d, sizeof file%d - 1, ",
		    argv[i], i, i);
		if (has_image[i])
			printf("&image%d},\n", i);
		else
			printf("NULL},\n");
	}
	printf("\t{NULL, NULL, 0, NULL}\n};\n\n");
	free(has_image);
	printf("const size_t ais_builtin_nfiles = %d;\n", argc - 1);
	{
		char hex[65];

		if (digest(argc, argv, hex) < 0) {
			fprintf(stderr, "embed: unable to read the rules\n");
			return 1;
		}
		printf("const char ais_builtin_digest[] = \"sha256:%s\";\n",
		    hex);
	}
	return 0;
}
