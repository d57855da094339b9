/*
 * pool.h: each program's annual budget pool applied to a batch.
 *
 * The claims of a population are collected (one per applicant and pooled
 * program with a figure), then each pool is shared out under its rule:
 * every claim in full when demand fits the pool; otherwise pro rata (each
 * claim scaled by pool / demand, rounded down to the fen, and the fen left
 * over given one by one to the largest remainders, ties in input order,
 * so that exactly the pool is paid), or first come first served in input
 * order.  Programs that share a pool (shared_with) are one pool.
 */
#ifndef AIS_POOL_H
#define AIS_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"
#include "rules.h"

struct ais_pool_group {
	const struct ais_program **members;
	size_t nmembers;
	const struct ais_program *first;	/* whose terms the pool has */
	int has_amount;
	int64_t amount;			/* fen, in force on the date */
	int first_come;			/* else pro rata */
	int64_t demand, paid;
	size_t applicants, cut, unpriced, remainder_fen;
};

struct ais_pool_claim {
	size_t group;
	const struct ais_program *program;
	long line;
	const char *profile;		/* id, or NULL */
	int ceiling;			/* demand is a ceiling */
	int64_t demand, paid;
};

struct ais_pools {
	const struct ais_rules *rules;
	ais_date as_of;
	AIS_VEC(struct ais_pool_group) g;	/* on the heap */
	size_t *group_of;		/* by program index; SIZE_MAX: none */
	AIS_VEC(struct ais_pool_claim) c;	/* on the heap */
	struct ais_arena ids;
	size_t profiles, rejected;
};

/*
 * Forms the pools of r in force on as_of.  Each function that allocates
 * returns 0, or -1 when memory ran out: p empty after ais_pools_init, as
 * it was after ais_pools_add, b as it was after a write.
 */
int ais_pools_init(struct ais_pools *p, const struct ais_rules *r,
	ais_date as_of);
void ais_pools_release(struct ais_pools *p);

/* Adds the claims of one evaluated profile (line of the input), or
 * counts one rejected. */
int ais_pools_add(struct ais_pools *p, long line,
	const struct ais_result *res);
void ais_pools_reject(struct ais_pools *p);

/* Shares every pool out among its claims. */
int ais_pools_allocate(struct ais_pools *p);

/* The report: per pool, its programs, rule, amount, demand, paid, fill
 * ratio and the applicants cut, as one JSON object and a newline. */
int ais_pools_write_report(const struct ais_pools *p, int pretty,
	struct ais_buf *b);

/* Each claim and its allocation, one JSON object a line. */
int ais_pools_write_claims(const struct ais_pools *p, struct ais_buf *b);

#endif
