/*
 * pool.h: each program's annual budget pool applied to a batch, year by
 * year.
 *
 * The claims of a population are collected (one per applicant and pooled
 * program with a figure), each in the calendar year of its claim date,
 * then each pool of each year is shared out among that year's claims,
 * with the amount in force in that year, under its rule: every claim in
 * full when demand fits the pool; otherwise pro rata (each claim scaled
 * by pool / demand, rounded down to the fen, and the fen left over given
 * one by one to the largest remainders, ties in input order, so that
 * exactly the pool is paid), or first come first served in input order.
 * Programs that share a pool (shared_with) are one pool.  A pool 'per:
 * total' is one for the whole batch, whatever the years of its claims.
 */
#ifndef AIS_POOL_H
#define AIS_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "rules.h"

/*
 * A pool in one year.  The pools of a year sit side by side, in the order
 * of the pools of the year of the batch's date (those formed first, the
 * "base" ones, which own the list of members the others share).
 */
struct ais_pool_group {
	const struct ais_program **members;
	size_t nmembers;
	const struct ais_program *first;	/* whose terms the pool has */
	size_t base;			/* the pool of the first year whose
					 * members these are (itself there) */
	int year;			/* the calendar year of its claims */
	int has_amount;
	int64_t amount;			/* fen, in force in the year */
	int first_come;			/* else pro rata */
	int64_t demand, paid;
	size_t applicants, cut, unpriced, remainder_fen;
	int total;			/* per: total: one pool for the life of
					 * the measures, the first year's
					 * (base == itself): every claim of
					 * every year is in it, the copies of
					 * later years stay empty */
};

/* A year of the batch: its pools are p->g.v[first..first + nbase). */
struct ais_pool_year {
	int year;
	size_t first;
	size_t profiles;		/* evaluated with a claim date in it */
	ais_date last;			/* the latest of their claim dates */
};

struct ais_pool_claim {
	size_t group;			/* its pool in its year, in p->g */
	const struct ais_program *program;
	long line;
	const char *profile;		/* id, or NULL */
	int year;
	int ceiling;			/* demand is a ceiling */
	int64_t demand, paid;
};

struct ais_pools {
	const struct ais_rules *rules;
	ais_date as_of;			/* the claim date of a profile
					 * without one */
	AIS_VEC(struct ais_pool_group) g;	/* on the heap */
	size_t nbase;			/* pools in a year */
	size_t *group_of;		/* by program index: its base pool;
					 * SIZE_MAX: none */
	AIS_VEC(struct ais_pool_year) y;	/* on the heap, in order of
						 * first claim */
	AIS_VEC(struct ais_pool_claim) c;	/* on the heap */
	struct ais_arena ids;
	size_t profiles, rejected;
};

/*
 * Forms the pools of r, for the year of as_of first, with the amounts in
 * force on as_of.  Each function that allocates returns 0, or -1 when
 * memory ran out: p empty after ais_pools_init, as it was after
 * ais_pools_add, b as it was after a write.
 */
int ais_pools_init(struct ais_pools *p, const struct ais_rules *r,
	ais_date as_of);
void ais_pools_release(struct ais_pools *p);

/* Adds the claims of one evaluated profile (line of the input) to the
 * pools of the year of its claim date, or counts one rejected. */
int ais_pools_add(struct ais_pools *p, long line,
	const struct ais_result *res);
void ais_pools_reject(struct ais_pools *p);

/* The figures of one eligible item, as its claim on its program's pool
 * reads them. */
struct ais_pool_figure {
	const struct ais_program *program;
	int has_amount, has_up_to;
	int64_t amount, up_to;
};

/* ais_pools_add for a profile known by its figures alone (compare keeps
 * those, not the results): line, claim date, id (or NULL) and the n
 * figures of its eligible items. */
int ais_pools_add_figures(struct ais_pools *p, long line, ais_date as_of,
	const char *id, const struct ais_pool_figure *f, size_t n);

/*
 * Shares every pool of every year out among its claims.  A year's pool
 * is the amount in force on the latest claim date of that year (for a
 * batch of one date, that date; with no profile at all, as_of); a pool
 * per total, the amount in force on the latest claim date of all.
 */
int ais_pools_allocate(struct ais_pools *p);

/* The report: per year (in order) and pool, its programs, rule, amount,
 * demand, paid, fill ratio and the applicants cut, as one JSON object and
 * a newline.  The years are those of the profiles evaluated, or as_of's
 * when there are none.  A pool per total is reported once, with no year,
 * in its place among the pools of the first year reported. */
int ais_pools_write_report(const struct ais_pools *p, int pretty,
	struct ais_buf *b);

/* Writes paid / demand to four places, half up, as a string ("0.8333"),
 * or null when nothing was claimed: a pool's fill ratio, as the report
 * and compare give it. */
struct ais_json;
void ais_pool_ratio(struct ais_json *j, int64_t paid, int64_t demand);

/* Each claim, with its year, and its allocation, one JSON object a line. */
int ais_pools_write_claims(const struct ais_pools *p, struct ais_buf *b);

#endif
