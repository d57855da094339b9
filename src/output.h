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



/* Appends a batch error record {"line": N, "profile": ID or null,
 * "error": {...}} and a newline to b; id is the rejected profile's "id"
 * when it could be read, or NULL.  0, or -1 when memory ran out (b as it
 * was). */
int ais_error_record_write(long line, const char *id,
	const struct ais_error *e, struct ais_buf *b);

#endif
