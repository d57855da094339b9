/*
 * catalog.h: the programs of a rule set as Markdown, for docs/programs.md
 * (English) and docs/programs.zh.md (Chinese), and one program or
 * jurisdiction of it as text or JSON (aisubsidy rules show).
 */
#ifndef AIS_CATALOG_H
#define AIS_CATALOG_H

#include "json.h"
#include "rules.h"
#include "util.h"

/* Appends the catalogue of every program of r, with its terms and
 * sources, to b: its own words and the rules' texts in lang (the English
 * one is docs/programs.md, the Chinese one docs/programs.zh.md).  0, or -1
 * when memory ran out (b as it was). */
int ais_catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b);

/* Appends the catalogue's block of one program (as in docs/programs.md)
 * to b.  0, or -1 when memory ran out (b as it was). */
int ais_catalog_program(const struct ais_program *pg, enum ais_lang lang,
	struct ais_buf *b);

/* Appends the catalogue's heading and documents of j, then its programs,
 * one a line.  0, or -1 when memory ran out (b as it was). */
int ais_catalog_jurisdiction(const struct ais_jurisdiction *j,
	enum ais_lang lang, struct ais_buf *b);

/* Writes pg as one JSON object to j: every term with every dated value
 * and its whole source, every text in both languages.  0, or -1 when
 * memory ran out (j's buffer as it was). */
int ais_catalog_program_json(const struct ais_program *pg,
	struct ais_json *j);

/* A value of the rule format (a basis, a grade, a kind, ...) as the
 * catalogue names it in lang: itself in English, its Chinese name in
 * Chinese. */
const char *ais_catalog_name(enum ais_lang lang, const char *value);

/* Appends the bases of pg's awards, each once, in award order
 * ("formula, fixed"; "按公式计算、定额"). */
void ais_catalog_basis(const struct ais_program *pg, enum ais_lang lang,
	struct ais_buf *b);

/* The rank of a grade: 0 for official ... 5 for assumed. */
int ais_grade_rank(const char *confidence);

/* The lowest grade of the sources of pg's terms (conditions, awards'
 * terms and conditions, the program's cap, its pool's amount). */
const char *ais_program_lowest_grade(const struct ais_program *pg);

#endif
