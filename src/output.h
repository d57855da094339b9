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
#include "util.h"

enum ais_output_mode {
	AIS_OUT_FULL,		/* every item, with its explanation */
	AIS_OUT_COMPACT		/* id, total, eligible programs and amounts */
};

struct ais_output_opts {
	enum ais_output_mode mode;
	int pretty;		/* indented, for people */
	int eligible_only;	/* leave out ineligible items */
};

/* Appends the result as one JSON object, and a newline, to b. */
void ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b);

/* Appends a batch error record {"line": N, "error": {...}} and a
 * newline to b. */
void ais_error_record_write(long line, const struct ais_error *e,
	struct ais_buf *b);

#endif
