/*
 * catalog.h: the programs of a rule set as Markdown, for docs/programs.md
 * (English) and docs/programs.zh.md (Chinese).
 */
#ifndef AIS_CATALOG_H
#define AIS_CATALOG_H

#include "rules.h"
#include "util.h"

/* Appends the catalogue of every program of r, with its terms and
 * sources, to b: its own words and the rules' texts in lang (the English
 * one is docs/programs.md, the Chinese one docs/programs.zh.md).  0, or -1
 * when memory ran out (b as it was). */
int ais_catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b);

#endif
