/*
 * qualify.h: what would qualify (issue 12, docs/what-if.md).
 *
 * For each item of a result that is ineligible, or eligible but held
 * below what another of its awards pays by a threshold (a tier), the
 * smallest change to the profile that makes it eligible or raises it,
 * found from the decision record (each check not met, each comparison of
 * a plain field with a value) and verified by evaluating the profile with
 * the change spliced into its text: only a change so verified is given
 * (AIS_Q_CHANGE, with what the item then pays).  A condition no change to
 * a plain field can meet (a list entry's certification, who may apply)
 * is named as such (AIS_Q_UNCHECKABLE), never as a change to make.
 */
#ifndef AIS_QUALIFY_H
#define AIS_QUALIFY_H

#include <stddef.h>

#include "engine.h"
#include "profile.h"
#include "rules.h"
#include "util.h"

/* What the verification of changes reuses from one profile to the next
 * (a profile, two results, texts): no allocation per profile once they
 * have grown.  Opaque. */
struct ais_qualifier;

/* A new qualifier, or NULL only when memory runs out with no guard. */
struct ais_qualifier *ais_qualifier_new(void);
void ais_qualifier_free(struct ais_qualifier *q);

/*
 * Fills item->qualify/nqualify of every item of res (evaluated from the
 * profile p, read from json[0..len), with options o) in res's arena.
 * The record is res's own when it was evaluated with explain, else one
 * made here.  The says lines are in lang.  0, or -1 with err filled (memory; a number too large).
 */
int ais_qualifier_run(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, const struct ais_profile *p,
	const struct ais_calc_opts *o, enum ais_lang lang,
	struct ais_result *res, struct ais_error *err);

/*
 * The words of an uncheckable condition: x->says (the line, in the
 * result's language) without what the line adds to them; *len bytes of
 * the returned text.
 */
const char *ais_qualify_words(const struct ais_qualify *x, size_t *len);

#endif
