/*
 * batch.h: evaluating profile texts, one or one a line (JSON Lines).
 *
 * The loop of `aisubsidy calc --batch` and of `aisubsidy pool`, in the
 * library so that the fuzz targets and other hosts drive the same code
 * as the command line.  It writes to the streams it is given and to no
 * other; it never exits and keeps no state between calls.
 */
#ifndef AIS_BATCH_H
#define AIS_BATCH_H

#include <stdio.h>

#include "engine.h"
#include "output.h"
#include "pool.h"
#include "profile.h"
#include "rules.h"
#include "tally.h"

struct ais_text_opts;

struct ais_batch {
	const struct ais_rules *rules;
	const struct ais_calc_opts *copts;
	const struct ais_output_opts *oopts;	/* pretty is ignored */
	const char *name;	/* the input in messages: "<stdin>", a file */
	struct ais_tally *tally;	/* --summary: each result added, or NULL */
	struct ais_pools *pools;	/* pool: each result added, or NULL */
	int quiet;		/* no result lines (pool) */
	int stream;		/* write and flush after every line (a pipe) */
	/* issue 12: each warning of a result is also written to msgs as
	 * "aisubsidy: NAME[:LINE]: warning: MESSAGE" unless hush (-q);
	 * strict (--strict) rejects a profile with any warning, its first
	 * warning the error */
	int hush;
	int strict;
	struct ais_whatif *whatif;	/* --set, to_qualify: evaluate each
					 * profile through it, or NULL */
	/* --format text: each result written as the table of text.c (a
	 * blank line between two, a rejected line named), or NULL: JSON */
	const struct ais_text_opts *text;
	/* --jobs: lines evaluated by this many threads (par.h), the output
	 * byte for byte as with one; 0 or 1: on the calling thread.  A
	 * batch with pools (pool) runs on one; with jobs > 1, stream is
	 * ignored: results are written as their chunk of lines is done */
	int jobs;
};

/*
 * Evaluates one profile text json[0..len): appends its result (or, when
 * line > 0, the error record for that line) to out, and writes a message
 * "aisubsidy: NAME[:LINE]: ..." to msgs when it is rejected, and one
 * "aisubsidy: NAME[:LINE]: warning: ..." for each warning of its result
 * unless b->hush or b->quiet.  With b->strict a result with warnings is
 * rejected: its first warning is the error (ais_warning_error).  Returns
 * AIS_OK, AIS_EPROFILE when it was rejected, or AIS_ENOMEM when memory
 * ran out: then, when line > 0, out has grown by the line's error record
 * ("out of memory") if that could be written, and is as it was if not
 * (a run stops there).  p and res are reused from call to call.
 */
int ais_batch_one(const struct ais_batch *b, struct ais_profile *p,
	struct ais_result *res, const char *json, size_t len, long line,
	struct ais_buf *out, FILE *msgs);

/*
 * Fills e as the error a warning "$.path: message" of a result becomes
 * under --strict: status AIS_EPROFILE, path "$.path" (empty when the
 * warning names none) and the message.
 */
void ais_warning_error(const char *warning, struct ais_error *e);

/*
 * Reads in to its end, one profile a line, and writes to out one result
 * line (or error record) per line that is not blank, in order; a UTF-8
 * byte order mark before the first line, a CR before each newline and a
 * last line without a newline are accepted.  Messages go to msgs.
 * Returns AIS_OK when every line was evaluated, AIS_EPROFILE when one was
 * rejected or in could not be read (every line read was still written),
 * AIS_ENOMEM when memory ran out for a line (its error record written, the
 * run going on) or for the run (which ends it, what was done written),
 * AIS_EIO when out could not be written (which ends the run).  With
 * b->jobs > 1 the lines are evaluated in that many threads, each with its
 * own profile, result, output cache and what-if session, and everything
 * written (results, summary, messages) is the same, in the same order.
 */
int ais_batch_run(const struct ais_batch *b, FILE *in, FILE *out,
	FILE *msgs);

#endif
