/*
 * ruletest.h: rule tests written in YAML beside the rules (docs/rules.md,
 * "Rule tests").  Each case gives a profile, a claim date and the items
 * expected; the runner evaluates the profile and compares.
 */
#ifndef AIS_RULETEST_H
#define AIS_RULETEST_H

#include <stdio.h>

#include "rules.h"

struct ais_ruletest_stats {
	size_t passed, failed;
	size_t programs, programs_tested;
};

/*
 * Runs the cases of the test files against rules r, writing one line per
 * failure (and, when verbose, per case) to out.  Returns 0 when the files
 * could be read (failures are counted in st), or -1 with err filled when
 * a test file is malformed.
 */
int ais_ruletest_run(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n, int verbose, FILE *out,
	struct ais_ruletest_stats *st, struct ais_error *err);

#endif
