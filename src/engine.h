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

/* One award instance: an award of a program, for one list entry when the
 * award has 'each'. */
struct ais_part {
	const struct ais_award *award;
	char *label;			/* "developer: sw-1" */
	char *project;			/* same-project key, or NULL */
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;		/* fen */
	/* formula and fixed: the calculation */
	int has_base, has_rate, has_cap;
	struct ais_dec base, rate;
	int64_t raw, cap;		/* fen */
	int capped;
	char *set_aside;		/* why it is not paid, or NULL */
};

/* A term the item used, with its source. */
struct ais_used_term {
	const char *term;		/* "rate", "condition", ... */
	const char *award;		/* award label, or NULL */
	const char *says;		/* a condition's plain words, or NULL */
	const struct ais_version *version;
	int dated;			/* the term has dated versions */
};

struct ais_item {
	const struct ais_program *program;
	int eligible;
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;		/* fen, after the program cap */
	int64_t sum, sum_up_to;		/* before the program cap */
	int has_cap, capped;
	int64_t cap;
	AIS_VEC(struct ais_part) parts;		/* in the result's arena */
	AIS_VEC(struct ais_text) reasons;
	AIS_VEC(struct ais_used_term) terms;
};

struct ais_result {
	struct ais_arena arena;		/* everything below lives here */
	const struct ais_profile *profile;
	ais_date as_of;
	AIS_VEC(struct ais_item) items;	/* in arena, room reserved once */
	int64_t total_amount, total_up_to;
	size_t total_unquantified;
	AIS_VEC(char *) warnings;	/* in arena */
	const char *digest;		/* of the rule set */
	/* private: the scratch text of the engine, kept from one profile
	 * to the next so a batch allocates nothing */
#define AIS_NSCRATCH 3
	struct ais_buf scratch[AIS_NSCRATCH];
};

struct ais_calc_opts {
	ais_date as_of;			/* when the profile has none */
	int explain;			/* reasons, terms, traces: full mode */
	const char *const *jurisdictions;	/* evaluate as if there */
	size_t njurisdictions;
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

#endif
