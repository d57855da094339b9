/*
 * builtin.h: the rule files compiled into the binary.
 *
 * tools/embed.c writes build/builtin.c from the YAML files of rules/
 * and rules/tests/, so that `aisubsidy calc` needs no files at run time.
 */
#ifndef AIS_BUILTIN_H
#define AIS_BUILTIN_H

#include <stddef.h>

struct ais_builtin_file {
	const char *name;	/* "rules/shenzhen.yaml" */
	const char *data;	/* its bytes, NUL-terminated */
	size_t len;		/* without the NUL */
};

extern const struct ais_builtin_file ais_builtin_files[];
extern const size_t ais_builtin_nfiles;
/* The digest of the built-in rule set (the files rules/NAME.yaml), as
 * src/rules.c computes the digest of any rule set: "sha256:" and 64 hex
 * digits. */
extern const char ais_builtin_digest[];

#endif
