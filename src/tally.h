/*
 * tally.h: what a batch adds up to (calc --summary).
 *
 * Per program: how many applicants are eligible, how many of those have
 * no figure, and the sums of amount and up_to; for the batch: profiles
 * read and rejected, and the totals.  Sums are fen, checked: a sum that
 * would overflow stops growing and the summary says so.
 */
#ifndef AIS_TALLY_H
#define AIS_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "rules.h"

struct ais_tally_program {
	size_t eligible, unquantified;
	int64_t amount, up_to;
};

struct ais_tally {
	const struct ais_rules *rules;
	struct ais_tally_program *per;	/* by program index */
	size_t read, rejected;
	size_t warned, warnings;	/* profiles with warnings; warnings */
	int64_t amount, up_to;
	int overflow;
};

/* Makes t empty, for the programs of r (borrowed, must outlive t): 0, or
 * -1 when memory ran out (t then holds nothing; releasing it is fine). */
int ais_tally_init(struct ais_tally *t, const struct ais_rules *r);
void ais_tally_release(struct ais_tally *t);

/* Counts one evaluated profile, or one rejected. */
void ais_tally_add(struct ais_tally *t, const struct ais_result *res);
void ais_tally_reject(struct ais_tally *t);

/* Appends the summary as one JSON object {"summary": {...}} and a
 * newline: 0, or -1 when memory ran out (b as it was). */
int ais_tally_write(const struct ais_tally *t, int pretty,
	struct ais_buf *b);

#endif
