/*
 * par.h: the lines of an input evaluated in parallel threads, their
 * outputs handed on in input order (issue 13: calc --batch --jobs N,
 * compare, report).
 *
 * ais_par_run reads in to its end as ais_batch_run reads it (a UTF-8 byte
 * order mark before the first line, a CR before each newline, a last line
 * without a newline; blank lines are skipped), in chunks of lines.  Each
 * line not blank is given to eval in one of `jobs` worker threads, each
 * worker with its own state (worker_new / worker_free), which appends
 * what it makes to out (its result) and msg (its messages).  emit is
 * called on the calling thread, once per line, strictly in input order,
 * with those bytes and eval's return value.  With jobs == 1 no thread is
 * started: every call happens on the calling thread, in order.  Memory
 * is flat: at most a bounded number of chunks are in flight, whatever the
 * input's length.
 */
#ifndef AIS_PAR_H
#define AIS_PAR_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

struct ais_par_job {
	void *ctx;
	/* a worker's state, or NULL when memory ran out (the run fails
	 * with AIS_ENOMEM); freed by worker_free (which takes NULL) */
	void *(*worker_new)(void *ctx);
	void (*worker_free)(void *worker);
	/* evaluates line lineno, text[0..len) (not NUL-terminated): returns
	 * AIS_OK or an error status, which emit is given */
	int (*eval)(void *worker, long lineno, const char *text, size_t len,
		struct ais_buf *out, struct ais_buf *msg);
	/* takes line lineno's bytes (in input order): returns 0 to go on,
	 * or a status that ends the run (ais_par_run returns it) */
	int (*emit)(void *ctx, long lineno, int status, const char *out,
		size_t outlen, const char *msg, size_t msglen);
};

/*
 * Runs job over in with `jobs` threads (1: none; 0 or less: the number
 * of online processors, from the caller: the library does not ask).
 * name is the input in messages.  Returns AIS_OK, AIS_EPROFILE when in
 * could not be read (message to msgs), AIS_ENOMEM, or what emit returned
 * to end the run.  A worker thread that cannot be started makes the run
 * go on with fewer (at least the calling thread).
 */
int ais_par_run(const struct ais_par_job *job, FILE *in, const char *name,
	int jobs, FILE *msgs);

#endif
