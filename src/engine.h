/*
 * engine.h: evaluating a profile against a rule set.
 *
 * The engine reads a loaded rule set and a loaded profile and fills a
 * result: for every program of the applicant's jurisdictions, whether it
 * is eligible, how much it pays, how that was computed, and why.  It does
 * no I/O, keeps no globals and touches neither JSON nor YAML.
 */
#ifndef AIS_ENGINE_H
#define AIS_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "rules.h"

/*
 * The decision record.  ais_calc fills, per program, data and nothing
 * else: the steps it took (each check with the values it read, each list
 * entry counted or not, each award's calculation, each cap and set-aside)
 * and the parts an amount is made of.  Writers (narrate.c, output.c) turn
 * the record into reasons in Chinese or English and into JSON; docs/
 * result.md describes it.  A result borrows its rules and its profile:
 * both must outlive it.
 */

extern const char *const ais_outcome_names[];	/* "not_met", "met", ... */

/*
 * A prior award of the item's program as a cap that accumulates looked
 * at it: counted against the cap (why AIS_PRIOR_COUNTED), or left out and
 * why.
 */
struct ais_prior {
	const struct ais_value *entry;	/* of the profile's prior_awards */
	ais_date date;
	int64_t amount;			/* fen */
	enum ais_prior_why why;
};

/*
 * A cap that accumulates (per year, or cumulative), applied to one claim:
 * the cap, what the program's prior awards had used of it, and what
 * remained for this claim, max(0, cap - prior).  The claim is held to
 * what remained: that is the cap of its part or item.
 */
struct ais_ledger {
	const struct ais_version *version;	/* the cap in force */
	const struct ais_award *award;	/* whose cap; NULL: the program's */
	size_t part;			/* an award's: the part it held */
	int year;			/* per year: the claim date's year */
	int64_t cap, prior, remaining;	/* fen */
	/* every prior award of the program, in the order of the profile,
	 * counted or not; none unless explain */
	const struct ais_prior *priors;
	size_t npriors;
};

/* One award instance: an award of a program, for one list entry when the
 * award has 'each'. */
struct ais_part {
	const struct ais_award *award;
	const struct ais_value *entry;	/* the list entry, or NULL */
	const char *project;		/* same-project key, or NULL */
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;		/* fen */
	/* formula, fixed and a ceiling worked out (base x rate): the
	 * calculation */
	int has_base, has_rate, has_cap;
	struct ais_dec base, rate;
	int64_t raw, cap;		/* fen; cap: what remained of a cap
					 * that accumulates */
	int capped;
	int has_ledger;			/* its cap accumulates: */
	size_t ledger;			/* the item's ledger of it */
	/* set aside: not paid, because a larger part of the same project
	 * (part won_part of item won_item) is */
	int set_aside;
	const struct ais_item *won_item;
	size_t won_part;
	/* formula with 'ceiling' besides 'cap': up_to = min(raw, ceiling)
	 * while amount = min(raw, cap); ceiled when raw passed it */
	int has_ceiling, ceiled;
	int64_t ceiling;		/* fen */
};


/* One step of a program's evaluation; which fields are set depends on
 * kind, as the comments say. */
struct ais_step {
	enum ais_step_kind kind;
	enum ais_outcome outcome;	/* VALIDITY, APPLICANT, CHECK, ENTRY */
	const struct ais_award *award;	/* the award it is about, or NULL */
	const struct ais_value *at;	/* the entry a per-entry award is at */
	/* CHECK: the condition, and its version in force */
	const struct ais_condition *cond;
	const struct ais_version *version;	/* also TERM_OFF: the ended
						 * version, or NULL */
	const char *term;		/* TERM_OFF, NO_VALUE, and ENTRY of a
					 * term's list: "base", ... */
	/* CHECK, NO_VALUE, AMOUNT (of the rate), ENTRY (of what it needed):
	 * the fields read and their values */
	const struct ais_read *reads;
	size_t nreads;
	const struct ais_cmp *cmps;	/* CHECK: its comparisons */
	size_t ncmps;
	/* ENTRY: the entry of list 'list', counted (outcome MET) or not */
	const struct ais_value *entry;
	const char *list;
	size_t list_len;
	int has_value;
	struct ais_value value;		/* counted: what it added */
	int amount;			/* value is an amount in yuan */
	const char *needs;		/* not counted: the test it failed */
	size_t needs_len;
	const char *missing;		/* not counted: its value not given */
	size_t missing_len;
	int dated;			/* not counted: 1 dated after the
					 * claim date, -1 before the
					 * program's entries_from (its
					 * validity unless it says; reads:
					 * the date); else 0 */
	size_t check;			/* ENTRY: the step of the check it
					 * explains, or (size_t)-1 */
	int filter;			/* ENTRY: a per-entry award's choice
					 * of entries (their dates, its
					 * 'where') */
	/* VALIDITY: -1 before the start, 1 after the end, 0 within.
	 * (APPLICANT: the program's kinds when award is NULL, else the
	 * award's 'applicants') */
	int side;
	/* AMOUNT, CAPPED, SET_ASIDE */
	size_t part;
	/* LEDGER, PRIOR: the item's ledger; PRIOR: its prior award */
	size_t ledger, prior;
	/* ENTRY: the prior award that awarded() found for the entry's
	 * contract, or NULL (dated after the claim date when the entry
	 * counted) */
	const struct ais_value *awarded;
};

/* A term the item used, with its source. */
struct ais_used_term {
	const char *term;		/* "rate", "condition", ... */
	const struct ais_award *award;	/* or NULL */
	const struct ais_condition *cond;	/* a condition's, or NULL */
	const struct ais_version *version;
	int dated;			/* the term has dated versions */
};

/*
 * What would qualify (issue 12, src/qualify.c): one answer for an item
 * that is ineligible, or whose amount a cap or threshold holds down.
 * AIS_Q_CHANGE: the changes to the profile (JSON paths and JSON texts),
 * checked by evaluating the changed profile, and what it then pays.
 * AIS_Q_UNCHECKABLE: a condition no machine can check (says: its words).
 */
enum ais_qualify_kind { AIS_Q_CHANGE, AIS_Q_UNCHECKABLE };

struct ais_change {
	const char *path;	/* "revenue.ai_share", "as_of",
				 * "compute_purchases[0].amount" */
	const char *from;	/* JSON text, or NULL: not given */
	const char *to;		/* JSON text */
};

struct ais_qualify {
	enum ais_qualify_kind kind;
	const struct ais_change *changes;
	size_t nchanges;
	int eligible;		/* AIS_Q_CHANGE: after the change */
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;	/* fen, after the change */
	const char *says;	/* in the result's language: one line */
};

/* The last day an eligible item can be claimed (issue 12). */
enum ais_due_by { AIS_DUE_VALIDITY, AIS_DUE_WINDOW };

struct ais_item {
	const struct ais_program *program;
	int eligible;
	/* ineligible because a field it needed is not given: the fields
	 * ("revenue.ai_share"), in the result's arena */
	int incomplete;
	const char *const *missing;
	size_t nmissing;
	/* eligible, with a known last day of claims */
	int has_due;
	ais_date last_day;
	enum ais_due_by due_by;
	/* to_qualify (qualify.c), in the result's arena; none unless asked */
	const struct ais_qualify *qualify;
	size_t nqualify;
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;		/* fen, after the program cap */
	int64_t sum, sum_up_to;		/* before the program cap */
	int has_cap, capped;
	int64_t cap;			/* what remained of it, when it
					 * accumulates */
	int has_ledger;			/* the program's cap accumulates */
	size_t ledger;			/* its ledger */
	AIS_VEC(struct ais_part) parts;		/* in the result's arena */
	AIS_VEC(struct ais_ledger) ledgers;	/* in the result's arena */
	AIS_VEC(struct ais_step) steps;		/* empty unless explain */
	AIS_VEC(struct ais_used_term) terms;
};

struct ais_result {
	struct ais_arena arena;		/* everything below lives here */
	const struct ais_profile *profile;
	ais_date as_of;
	char as_of_text[11];		/* YYYY-MM-DD */
	int kind;			/* the applicant's kind: its index among
					 * the enums of "kind", or -1 */
	AIS_VEC(struct ais_item) items;	/* in arena, room reserved once */
	int64_t total_amount, total_up_to;
	size_t total_unquantified;
	AIS_VEC(char *) warnings;	/* in arena */
	const char *digest;		/* of the rule set */
	/* issue 13: the reform of the rule set (ais_rules_reform), or
	 * NULL and "" */
	const char *reform_id;
	const char *reform_digest;
	/* private: the scratch text of the engine (0) and of the writer
	 * (1, which writes into it through a const result), kept from one profile
	 * to the next so a batch allocates nothing; and the engine's last
	 * hint for a place no jurisdiction has (2: the rules' digest, a NUL
	 * and the place; 3: the hint), so that a batch of profiles of one
	 * unknown city looks for the nearest id once */
#define AIS_NSCRATCH 4
	struct ais_buf scratch[AIS_NSCRATCH];
};

void ais_result_init(struct ais_result *res);
void ais_result_release(struct ais_result *res);

/*
 * Evaluates profile p against rules r into res (emptied first, memory
 * kept).  Returns 0, or -1 with err filled (status AIS_EPROFILE and a JSON
 * path) when the profile contradicts the rules (a province that is not the
 * city's) or a number overflows.
 */
int ais_calc(const struct ais_rules *r, const struct ais_profile *p,
	const struct ais_calc_opts *o, struct ais_result *res,
	struct ais_error *err);

/* The item of program pg in res, or NULL when pg was not evaluated (not
 * a program of the applicant's places). */
const struct ais_item *ais_result_find_item(const struct ais_result *res,
	const struct ais_program *pg);

#endif
