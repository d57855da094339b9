/*
 * explain.h: one program's evaluation told step by step (aisubsidy
 * explain PROGRAM FILE).
 *
 * From the decision record alone (engine.h): each check with the values
 * it read, its comparisons and the clause it rests on; each list entry
 * counted or not; the arithmetic with its rounding, caps, ceilings and
 * the prior awards of a cap that accumulates; the same-project rule; the
 * terms with the date they took effect, their source and grade; the
 * result, the guide, the last day and what would qualify.  Text only, in
 * Chinese or English.  docs/text.md describes it.
 */
#ifndef AIS_EXPLAIN_H
#define AIS_EXPLAIN_H

#include "engine.h"
#include "rules.h"
#include "util.h"


/*
 * Evaluates profile p against r (with explain, whatever o says) into res
 * and appends the explanation of program pg to out, in lang.  When pg is
 * not among the programs of the applicant's places (or of o's
 * jurisdictions), it is evaluated as if the applicant were also in pg's
 * jurisdiction (--jurisdiction), and the first line says so.  Returns 0,
 * or -1 with err filled (AIS_EPROFILE: the profile contradicts the rules;
 * AIS_ENOMEM) and out as it was.  json[0..len) is the text p was read
 * from: with it (not NULL) the item's to_qualify is found too.
 */
int ais_explain(const struct ais_rules *r, const struct ais_program *pg,
	const struct ais_profile *p, const char *json, size_t len,
	const struct ais_calc_opts *o, enum ais_lang lang,
	struct ais_result *res, struct ais_buf *out, struct ais_error *err);

/*
 * Appends the explanation of item it of res (evaluated with explain) to
 * out; moved: the item's jurisdiction was added to the applicant's places
 * to evaluate it.  0, or -1 when memory ran out (out as it was).
 */
int ais_explain_write(const struct ais_result *res, const struct ais_item *it,
	int moved, enum ais_lang lang, struct ais_buf *out);

#endif
