/*
 * text.h: a result as a table for people (calc --format text).
 *
 * Per program, in the result's order: its title in the result's
 * language, basis, amount and up_to, and under it one line saying why it
 * is not eligible or why it is held down, what would qualify, what to do
 * next (the guide and the last day), the fields an incomplete answer
 * needs; then the totals, the warnings and the receipt.  Columns align
 * by display width (CJK characters are two columns: libunistring's
 * u8_width), never by bytes.  Colour (ANSI) only when the caller asks:
 * the library never looks at the terminal or the environment.
 * docs/text.md describes it.
 */
#ifndef AIS_TEXT_H
#define AIS_TEXT_H

#include <stdio.h>

#include "batch.h"
#include "engine.h"
#include "util.h"

/* How amounts are written: yuan with thousands separators (1,250,000.50)
 * or 万 (125万, 12.5万, 0.0001万). */
enum ais_text_unit { AIS_UNIT_YUAN, AIS_UNIT_WAN };

struct ais_whatif;

struct ais_text_opts {
	enum ais_lang lang;
	enum ais_text_unit unit;
	int colour;		/* ANSI colour: the caller decides */
	int eligible_only;	/* leave out ineligible programs */
	/* a last day of claims within this many days of the claim date is
	 * flagged ("⚑ due in 12 days"): 30, or --due-within when larger */
	long flag_days;
	/* calc --due-within DAYS: show only the eligible programs whose
	 * last day is at most DAYS days after the claim date, as the JSON
	 * writer keeps them (the totals stay the result's) */
	int has_due_within;
	long due_within;
	/* calc --set: the session whose unchanged result the table
	 * compares with (a "what if:" part), or NULL */
	const struct ais_whatif *what_if;
};

/* The default options: zh, yuan, no colour, flagged within 30 days. */
void ais_text_opts_init(struct ais_text_opts *o);

/* The display width of the UTF-8 text s[0..n): a CJK character is two
 * columns, a combining mark none. */
size_t ais_text_width(const char *s, size_t n);

/* Appends fen as yuan with thousands separators: "1,250,000.50",
 * "800,000" (fen only when not whole), "-1,000". */
void ais_text_yuan(int64_t fen, struct ais_buf *b);

/* Appends fen in 万 (10,000 yuan), exact, trailing zeros dropped, with
 * thousands separators in the whole part: "125万", "12.5万",
 * "0.0001万" (1 yuan), "0.000001万" (1 fen), "12,345万". */
void ais_text_wan(int64_t fen, struct ais_buf *b);

/* Appends fen in unit u. */
void ais_text_amount(int64_t fen, enum ais_text_unit u, struct ais_buf *b);

/* Appends the result res as the text table and its notes to b.  0, or
 * -1 with err filled (AIS_ENOMEM) and b as it was.  res must have been
 * evaluated with explain (the reasons come from its steps). */
int ais_text_write(const struct ais_result *res,
	const struct ais_text_opts *o, struct ais_buf *b,
	struct ais_error *err);

/*
 * The deciding reason of item it, in lang, appended to b: for an
 * ineligible item the first check not met (or unknown), of the program
 * before those of its awards, else why no award applies; for an eligible
 * one the cap that held it down, else an award set aside.  Returns 1, or
 * 0 (nothing appended) when there is none.
 */
int ais_text_why(const struct ais_result *res, const struct ais_item *it,
	enum ais_lang lang, struct ais_buf *b);

/*
 * One profile text json[0..len) (calc --format text without --batch):
 * evaluated as ais_batch_one does (its messages to msgs), and its text
 * appended to out.  Returns as ais_batch_one does.
 */
int ais_text_one(const struct ais_batch *b, const struct ais_text_opts *t,
	struct ais_profile *p, struct ais_result *res, const char *json,
	size_t len, struct ais_buf *out, FILE *msgs);

#endif
