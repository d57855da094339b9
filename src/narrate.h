/*
 * narrate.h: the decision record told as reasons, in Chinese or English.
 *
 * The engine decides and records (engine.h); these functions only read
 * the record and write words.  Every step of an item gives one reason, in
 * the order of the steps.  Nothing here touches JSON: output.c escapes
 * what is written here.
 */
#ifndef AIS_NARRATE_H
#define AIS_NARRATE_H

#include "engine.h"
#include "util.h"

/* Appends the reason step s of item it gives, in lang, to b. */
void ais_step_narrate(const struct ais_result *res, const struct ais_item *it,
	const struct ais_step *s, enum ais_lang lang, struct ais_buf *b);

/* Appends the label of part p: its award's label, and the entry's label
 * after ": " (": " in Chinese too, full-width) for a per-entry award. */
void ais_part_label(const struct ais_part *p, enum ais_lang lang,
	struct ais_buf *b);

/* Appends why part p of item it was set aside (p->set_aside). */
void ais_set_aside_narrate(const struct ais_item *it,
	const struct ais_part *p, enum ais_lang lang, struct ais_buf *b);

/* Appends an amount in fen as a reason gives it: "2400000" in English,
 * "240万元" (or "1666666.67元", "5亿元") in Chinese. */
void ais_fen_narrate(int64_t fen, enum ais_lang lang, struct ais_buf *b);

/* Appends a value read from a profile: 4000000, "inference", true,
 * 2025-01-01, "not given" (未提供), "3 entries" (3项). */
void ais_value_narrate(const struct ais_value *v, enum ais_lang lang,
	struct ais_buf *b);

/* Appends the value of one read (an amount in 元 in Chinese). */
void ais_reads_narrate_value(const struct ais_read *r, enum ais_lang lang,
	struct ais_buf *b);

/* Appends reads[0..n): "kind = \"enterprise\", startup = true". */
void ais_reads_narrate(const struct ais_read *r, size_t n,
	enum ais_lang lang, struct ais_buf *b);

#endif
