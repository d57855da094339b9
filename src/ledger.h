/*
 * ledger.h: what a profile says was already paid (prior_awards[]), as the
 * caps that accumulate and the test awarded() read it (docs/rules.md,
 * "Prior awards").
 *
 * A prior award names the program that paid it, the day and the amount,
 * and the contract it paid for, if any.  Nothing here allocates or keeps
 * state: every function reads the profile it is given.
 */
#ifndef AIS_LEDGER_H
#define AIS_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "value.h"

/*
 * How a cap accumulates: per claim (what the claim itself may pay, the
 * meaning of a cap without 'per'), per calendar year (每年累计: what the
 * same program paid in the calendar year of the claim date counts
 * against it), or cumulative (累计: what the same program paid on any day
 * up to the claim date counts).
 */
enum ais_cap_per {
	AIS_PER_CLAIM,
	AIS_PER_YEAR,
	AIS_PER_CUMULATIVE
};

extern const char *const ais_cap_per_names[];	/* "claim", ... */

/* Why a prior award of the program did not count against a cap. */
enum ais_prior_why {
	AIS_PRIOR_COUNTED,
	AIS_PRIOR_AFTER_AS_OF,	/* dated after the claim date */
	AIS_PRIOR_OTHER_YEAR	/* an annual cap: paid in another year */
};

extern const char *const ais_prior_why_names[];	/* "counted", ... */

/* One prior award, read from its entry of prior_awards. */
struct ais_prior_award {
	const struct ais_value *entry;	/* the entry, in the profile */
	const char *program;		/* not NUL-terminated */
	size_t program_len;
	ais_date date;
	int64_t amount;			/* fen */
	const char *contract;		/* or NULL; not NUL-terminated */
	size_t contract_len;
};

/* The entries of the profile's prior_awards (none when the profile gives
 * none), or NULL when root is NULL. */
const struct ais_list *ais_prior_awards(const struct ais_obj *root);

/*
 * Reads entry e of prior_awards into *out.  0, or -1 when e is not a
 * prior award read by the profile reader (its required fields missing).
 */
int ais_prior_award_read(const struct ais_value *e,
	struct ais_prior_award *out);

/* Whether prior award a was paid by the program called program. */
int ais_prior_award_of(const struct ais_prior_award *a, const char *program);

/*
 * Whether prior award a counts against a cap that accumulates per per on
 * a claim dated as_of: AIS_PRIOR_COUNTED, or why it does not.  Every
 * award dated after the claim date is left out, whatever per says; a cap
 * per claim counts none (AIS_PRIOR_OTHER_YEAR is not what it means, so
 * callers do not ask).
 */
enum ais_prior_why ais_prior_award_counts(const struct ais_prior_award *a,
	enum ais_cap_per per, ais_date as_of);

/*
 * The first prior award of program (in list order), dated on or before
 * as_of, that names the contract s[0..len): its entry, or NULL.  When
 * there is none and later is not NULL, *later is the first such award
 * dated after as_of (or NULL); otherwise *later is NULL.  NULL for a
 * NULL root or program.
 */
const struct ais_value *ais_prior_award_for_contract(
	const struct ais_obj *root, const char *program, ais_date as_of,
	const char *s, size_t len, const struct ais_value **later);

#endif
