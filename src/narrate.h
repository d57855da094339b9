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

/* The reason of a validity step: program pg on claim date as_of (its
 * text, YYYY-MM-DD), before its start (side -1), after its end (1) or
 * within (0). */
void ais_narrate_validity(const struct ais_program *pg, const char *as_of,
	int side, enum ais_lang lang, struct ais_buf *b);

/* The reason of an applicant step: kind k (an index of the enums of
 * "kind", or -1 when not given) may or may not apply to pg. */
void ais_narrate_applicant(const struct ais_program *pg, int k,
	enum ais_outcome outcome, enum ais_lang lang, struct ais_buf *b);

/* The reason of an applicant step of award aw of pg (its 'applicants'). */
void ais_narrate_award_applicant(const struct ais_program *pg,
	const struct ais_award *aw, int k, enum ais_outcome outcome,
	enum ais_lang lang, struct ais_buf *b);

/* "award label: " before a reason about one award of several (nothing
 * when aw is NULL or pg has one award). */
void ais_narrate_award_prefix(const struct ais_program *pg,
	const struct ais_award *aw, enum ais_lang lang, struct ais_buf *b);

/* The words of a check's reason before what it read: "met: " and the
 * condition's words. */
void ais_narrate_check_words(const struct ais_condition *cd,
	enum ais_outcome o, enum ais_lang lang, struct ais_buf *b);

/* " (field = value, ...)" (in Chinese "（…）") for reads[0..n), nothing
 * when n is 0. */
void ais_reads_paren(const struct ais_read *r, size_t n, enum ais_lang lang,
	struct ais_buf *b);

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

/*
 * The note an eligible item carries when what it pays (amount or up_to
 * not zero) rests on a grade below "quoted": the terms it used whose
 * source is a report, a draft or an assumption, and the program's
 * validity when the document's is assumed, grade by grade.  Appends it to
 * b in lang and returns 1, or returns 0 and appends nothing.
 */
int ais_narrate_provenance(const struct ais_item *it, enum ais_lang lang,
	struct ais_buf *b);

#endif
