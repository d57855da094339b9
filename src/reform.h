/*
 * reform.h: a reform, changes to the terms of loaded programs (issue 13,
 * docs/policy.md).
 *
 * A reform is read from a YAML file (--reform FILE) and from
 * PROGRAM.TERM=VALUE texts (--set-term), checked on its own (keys,
 * types, dates, sources), then applied to a loaded rule set, which makes
 * a second rule set: the base's own, borrowed, with the changed terms
 * (checked against the programs as a rule file's terms are: a term that
 * does not exist, a value of the wrong type: an error with its place in
 * the reform's file).  The base is never changed.
 */
#ifndef AIS_REFORM_H
#define AIS_REFORM_H

#include <stddef.h>

#include "aisubsidy.h"
#include "rules.h"

struct ais_reform;

/* An empty reform: changes are added by ais_reform_read and
 * ais_reform_add_set.  NULL when memory ran out. */
struct ais_reform *ais_reform_new(void);
void ais_reform_free(struct ais_reform *rf);

/*
 * Reads a reform file (its name for messages, its bytes) into rf: 0, or
 * -1 with err filled (AIS_ERULES, file, line, column, message).  At most
 * one file per reform.
 */
int ais_reform_read(struct ais_reform *rf, const struct ais_rule_file *f,
	struct ais_error *err);

/*
 * Adds one change written PROGRAM.TERM=VALUE (--set-term): 0, or -1 with
 * err filled (AIS_EUSAGE: the text is not of that form).  Applied after
 * the file's changes, in the order given.
 */
int ais_reform_add_set(struct ais_reform *rf, const char *text,
	struct ais_error *err);

/* Whether rf has any change. */
int ais_reform_empty(const struct ais_reform *rf);

/*
 * The rule set base with rf's changes: owned by the caller (freed with
 * ais_rules_free), borrowing base, which must outlive it.  Its programs,
 * jurisdictions and schema have the same indices as base's; its digest
 * is base's, and reform_id / reform_digest name rf.  NULL with err
 * filled (AIS_ERULES with the change's place, AIS_ENOMEM).
 */
struct ais_rules *ais_rules_reform(const struct ais_rules *base,
	const struct ais_reform *rf, struct ais_error *err);

#endif
