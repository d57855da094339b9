/*
 * output.h: writing a result as JSON (shared/spec/output.md).
 *
 * The writer emits bytes itself rather than building a cJSON tree: the
 * order of keys and the text of every number are part of the contract
 * (amounts exact to the fen, never through a double), and the same result
 * must give the same bytes on every run.
 */
#ifndef AIS_OUTPUT_H
#define AIS_OUTPUT_H

#include "engine.h"
#include "rules.h"
#include "util.h"

enum ais_output_mode {
	AIS_OUT_FULL,		/* every item, with its explanation */
	AIS_OUT_COMPACT		/* id, total, eligible programs and amounts */
};

struct ais_output_cache;

struct ais_output_opts {
	enum ais_output_mode mode;
	int pretty;		/* indented, for people */
	int eligible_only;	/* leave out ineligible items */
	const struct ais_output_cache *cache;	/* or NULL */
	enum ais_lang lang;	/* of reasons, manual checks and notes */
};

/*
 * The parts of each item that depend on the rules alone (title, source,
 * manual checks, notes), written once as JSON so that batch mode copies
 * them instead of writing them again for every profile.  Used for the
 * unindented output only; owned by the caller, freed with
 * ais_output_cache_free.  The result is the same bytes with or without,
 * so ais_output_cache_new returns NULL, no cache, when memory runs out.
 */
struct ais_output_cache *ais_output_cache_new(const struct ais_rules *r,
	enum ais_lang lang);
void ais_output_cache_free(struct ais_output_cache *c);

/* Appends the result as one JSON object, and a newline, to b.  0, or -1
 * with err filled (AIS_ENOMEM: memory ran out) and b as it was. */
int ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b,
	struct ais_error *err);

/* Appends a batch error record {"line": N, "profile": ID or null,
 * "error": {...}} and a newline to b; id is the rejected profile's "id"
 * when it could be read, or NULL.  0, or -1 when memory ran out (b as it
 * was). */
int ais_error_record_write(long line, const char *id,
	const struct ais_error *e, struct ais_buf *b);

#endif
