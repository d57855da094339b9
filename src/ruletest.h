/*
 * ruletest.h: rule tests written in YAML beside the rules (docs/rules.md,
 * "Rule tests").  Each case gives a profile, a claim date and the items
 * expected; the runner evaluates the profile and compares.
 */
#ifndef AIS_RULETEST_H
#define AIS_RULETEST_H

#include <stdio.h>

#include "rules.h"
#include "util.h"

struct ais_ruletest_stats {
	size_t passed, failed;
	size_t skipped;			/* left out by the filter */
	size_t programs, programs_tested;
};

/* How to run the tests (aisubsidy test's options). */
struct ais_ruletest_opts {
	int verbose;			/* a line for every case run */
	const char *filter;		/* run only the cases whose name, or a
					 * program id of whose 'expect',
					 * contains it; NULL: every case */
	enum ais_lang lang;		/* of the reasons a failure shows */
	struct ais_buf *junit;		/* when not NULL, the JUnit XML report
					 * is appended to it */
};

/*
 * Runs the cases of the test files against rules r, writing one line per
 * failure (with the reasons of each item that differed and every profile
 * warning the case did not expect) and, when verbose, per case, to out.
 * Returns 0 when the files could be read (failures are counted in st), or
 * -1 with err filled when a test file is malformed or memory ran out
 * (then o->junit is as it was).  Without a filter, a program no case
 * names is listed as untested.
 */
int ais_ruletest_run_opts(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n,
	const struct ais_ruletest_opts *o, FILE *out,
	struct ais_ruletest_stats *st, struct ais_error *err);

/* ais_ruletest_run_opts with verbose alone (reasons in English). */
int ais_ruletest_run(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n, int verbose, FILE *out,
	struct ais_ruletest_stats *st, struct ais_error *err);

/*
 * Counts, without running anything, the cases of the test files that
 * name each program of r in their 'expect': counts[i] for the i-th
 * program in rule order (r->nprograms of them).  0, or -1 with err filled
 * when a test file is malformed.
 */
int ais_ruletest_count(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n, size_t *counts,
	struct ais_error *err);

/* Appends s[0..n) escaped for XML text and attributes (& < > " '), a
 * control character XML 1.0 cannot hold as U+FFFD. */
void ais_xml_escape(struct ais_buf *b, const char *s, size_t n);

#endif
