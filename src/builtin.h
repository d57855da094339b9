/*
 * builtin.h: the rule files compiled into the binary.
 *
 * tools/embed.c writes build/builtin.c from the YAML files of rules/
 * and rules/tests/, so that `aisubsidy calc` needs no files at run time.
 */
#ifndef AIS_BUILTIN_H
#define AIS_BUILTIN_H

#include <stddef.h>

/*
 * The YAML document of a built-in .yaml file, composed at build time by
 * tools/embed.c as src/rules.c's compose() composes it at run time: its
 * nodes in id order (node i + 1 is nodes[i]), for the loader to rebuild
 * the same yaml_document_t with libyaml's document API instead of
 * scanning the text again (docs/performance.md).  Plain integers, so
 * that this header needs no yaml.h.
 */
struct ais_yaml_inode {
	unsigned char type;	/* yaml_node_type_t */
	unsigned char style;	/* yaml_scalar/sequence/mapping_style_t */
	unsigned short tag;	/* index in ais_yaml_image.tags */
	/* a scalar: its value at text + at, len bytes (NUL after them);
	 * a sequence: its items at kids + at, len of them; a mapping: its
	 * pairs at kids + at, key then value, len ids (2 per pair) */
	unsigned at, len;
	unsigned start[3], end[3];	/* marks: index, line, column */
};

struct ais_yaml_image {
	const struct ais_yaml_inode *nodes;
	size_t nnodes;
	const unsigned char *text;	/* the scalars' values */
	const int *kids;		/* node ids of the collections' children */
	const char *const *tags;	/* the distinct tags */
	int start_implicit;		/* of the document */
};

struct ais_builtin_file {
	const char *name;	/* "rules/shenzhen.yaml" */
	const char *data;	/* its bytes, NUL-terminated */
	size_t len;		/* without the NUL */
	/* its document, or NULL: not a .yaml file, or one the loader
	 * refuses (it is then parsed, and refused, as any other) */
	const struct ais_yaml_image *image;
};

extern const struct ais_builtin_file ais_builtin_files[];
extern const size_t ais_builtin_nfiles;
/* The digest of the built-in rule set (the files rules/NAME.yaml), as
 * src/rules.c computes the digest of any rule set: "sha256:" and 64 hex
 * digits. */
extern const char ais_builtin_digest[];

#endif
