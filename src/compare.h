/*
 * compare.h: a population evaluated under the rules and under a reform
 * in one pass (issue 13: aisubsidy compare, aisubsidy report).
 *
 * Each profile is read once and evaluated under both rule sets; the
 * claims of each go to each side's budget pools (pool.h), which are then
 * shared out; what a profile is paid is its amounts after pools.  The
 * report (one JSON object, docs/policy.md) gives per program and in
 * total: applicants eligible, demanded, pool, paid, fill ratio, cut,
 * the distribution of awards; with a reform the same under the reform,
 * the change, and winners and losers.  Exact to the fen.
 */
#ifndef AIS_COMPARE_H
#define AIS_COMPARE_H

#include <stdio.h>

#include "engine.h"
#include "rules.h"
#include "util.h"

struct ais_compare_opts {
	const struct ais_rules *base;
	const struct ais_rules *reform;	/* NULL: the baseline alone (report
					 * without --reform) */
	const struct ais_calc_opts *copts;	/* as_of, jurisdictions */
	const char *name;		/* the input in messages */
	int jobs;			/* as ais_par_run's */
	int pretty;
	size_t top;			/* largest changes listed (default 10) */
	FILE *changes;			/* --changes: one line per applicant
					 * whose result changed, or NULL */
};

/*
 * Reads the population from in (one profile a line) and appends the
 * report (one JSON object and a newline) to out.  Rejected lines are
 * counted and their messages go to msgs.  Returns AIS_OK, AIS_EPROFILE
 * when a line was rejected (the report still written), AIS_ENOMEM,
 * AIS_EIO (changes could not be written).
 */
int ais_compare_run(const struct ais_compare_opts *o, FILE *in,
	struct ais_buf *out, FILE *msgs);

#endif
