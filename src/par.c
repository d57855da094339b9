/*
 * par.c: the lines of an input evaluated by worker threads, handed on in
 * input order (par.h).
 *
 * The calling thread reads the input into chunks of lines (at most
 * CHUNK_LINES lines or CHUNK_BYTES bytes of text each) and puts them in
 * a ring of 2 * jobs + 2 chunks; the workers take whole chunks, evaluate
 * each line into the chunk's own out and msg buffers (where each line's
 * bytes end is kept beside it), and mark the chunk done; the calling
 * thread hands the done chunks on to emit strictly in the order they were
 * read, and a chunk handed on is read into again.  So at most that many
 * chunks are in memory whatever the input's length, and a chunk's buffers
 * are kept from one use to the next (memory stays flat).
 *
 * Memory: eval runs under a guard of par's own in its thread (the guards
 * are thread-local, util.h): when memory runs out in it, the line's out
 * and msg are cut back to where they were and emit is given AIS_ENOMEM
 * for it with no bytes (a batch ends there).  When memory runs out on the
 * calling thread (a chunk's room, a worker's state, getline) the run
 * ends with AIS_ENOMEM and "aisubsidy: out of memory" is written to msgs;
 * what emit returns it says itself.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "par.h"

#define CHUNK_LINES 256
#define CHUNK_BYTES (256 * 1024)
/* A chunk's lines are as many as make about this many bytes of out, by
 * the lines handed on so far (at least CHUNK_MIN_LINES): a worker then
 * writes into memory its cache holds, and the calling thread reads it
 * from there (full results are some 30 KB a line, and a chunk of 256 of
 * them made the workers 25% slower) */
#ifndef CHUNK_OUT
#define CHUNK_OUT (256 * 1024)
#endif
#define CHUNK_MIN_LINES 4
#define CHUNK_FIRST_LINES 16
#define PAR_MAX_JOBS 256

/* One line of a chunk: where its text is in the chunk's text, and where
 * its out and msg bytes end in the chunk's buffers. */
struct pline {
	long lineno;
	size_t off, len;
	size_t out_end, msg_end;
	int status;
};

enum { CHUNK_FREE, CHUNK_READY, CHUNK_DONE };

struct chunk {
	int state;			/* under the lock */
	struct ais_buf text;		/* each line's bytes and a NUL */
	AIS_VEC(struct pline) lines;
	struct ais_buf out, msg;
};

/* Reading the input: as batch.c's loop reads it. */
struct reader {
	FILE *in;
	char *line;
	size_t cap;
	long lineno;
	int enomem;		/* getline could not make room */
	int error;		/* ferror, its errno in err */
	int err;
};

struct par {
	const struct ais_par_job *job;
	struct reader rd;
	struct chunk *ring;
	size_t nslots;
	pthread_t *tids;
	void **workers;		/* jobs of them, NULL when not made */
	int nworkers;		/* the states made */
	int nthreads;		/* the threads started */
	void **args;		/* (state, P) of each thread */
	void *serial;		/* the calling thread's own, -j1 */
	int oom;		/* a worker's state could not be made */
	pthread_mutex_t lock;
	pthread_cond_t work_cv, done_cv;
	int locked_init;
	/* under the lock: chunks read (next_fill), taken by a worker
	 * (next_work) and handed on (next_emit), counted from 0; eof when
	 * no more will be read */
	unsigned long next_fill, next_work, next_emit;
	int eof;
	/* the calling thread waits (waiting) for want chunks done from
	 * next_emit on: woken once for several, not for each */
	int waiting;
	unsigned long want;
	atomic_int stop;	/* the run ends: workers stop at the next line */
	/* the calling thread's: lines and out bytes handed on, and the
	 * lines of the next chunk */
	unsigned long long emitted_lines, emitted_bytes;
	size_t chunk_lines;
	struct ais_buf sout, smsg;	/* -j1: one line's */
};

/* The next line that is not blank: 1 with s[0..len) and its number, 0 at
 * the end of the input or when it could not be read (rd says why). */
static int
next_line(struct reader *rd, const char **text, size_t *tlen, long *lineno)
{
	ssize_t n;

	errno = 0;
	while ((n = getline(&rd->line, &rd->cap, rd->in)) >= 0) {
		char *s = rd->line;
		size_t len = (size_t)n, k = 0;

		rd->lineno++;
		if (rd->lineno == 1 && len >= 3 &&
		    memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == len) {
			errno = 0;
			continue;	/* blank lines are not profiles */
		}
		*text = s;
		*tlen = len;
		*lineno = rd->lineno;
		return 1;
	}
	rd->err = errno;
	if (errno == ENOMEM && !feof(rd->in))
		rd->enomem = 1;
	else if (ferror(rd->in))
		rd->error = 1;
	return 0;
}

/* Evaluates one line under a guard of its own: its status, out and msg
 * cut back to where they were when memory ran out. */
static int
eval_line(const struct ais_par_job *job, void *w, long lineno,
	const char *s, size_t len, struct ais_buf *out, struct ais_buf *msg)
{
	struct ais_oom_guard g;
	size_t olen = out->len, mlen = msg->len;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_cut(out, olen);
		ais_buf_cut(msg, mlen);
		return AIS_ENOMEM;
	}
	rc = job->eval(w, lineno, s, len, out, msg);
	ais_oom_guard_leave(&g);
	return rc;
}

/* Evaluates every line of c with worker state w. */
static void
run_chunk(struct par *P, void *w, struct chunk *c)
{
	size_t i;

	ais_buf_reset(&c->out);
	ais_buf_reset(&c->msg);
	for (i = 0; i < c->lines.n; i++) {
		struct pline *l = &c->lines.v[i];

		if (atomic_load_explicit(&P->stop, memory_order_relaxed))
			l->status = AIS_OK;	/* never handed on */
		else
			l->status = eval_line(P->job, w, l->lineno,
			    c->text.p + l->off, l->len, &c->out, &c->msg);
		l->out_end = c->out.len;
		l->msg_end = c->msg.len;
	}
}

/* How many chunks from next_emit on are done, up to P->want (under the
 * lock). */
static unsigned long
done_from_head(const struct par *P)
{
	unsigned long k = 0;

	while (k < P->want && P->next_emit + k < P->next_fill &&
	    P->ring[(P->next_emit + k) % P->nslots].state == CHUNK_DONE)
		k++;
	return k;
}

static void *
worker_main(void *arg)
{
	void **slot = arg;
	struct par *P = slot[1];
	void *w = slot[0];

	for (;;) {
		struct chunk *c;

		pthread_mutex_lock(&P->lock);
		while (!atomic_load(&P->stop) && P->next_work == P->next_fill &&
		    !P->eof)
			pthread_cond_wait(&P->work_cv, &P->lock);
		if (atomic_load(&P->stop) || P->next_work == P->next_fill) {
			pthread_mutex_unlock(&P->lock);
			break;
		}
		c = &P->ring[P->next_work++ % P->nslots];
		pthread_mutex_unlock(&P->lock);
		run_chunk(P, w, c);
		pthread_mutex_lock(&P->lock);
		c->state = CHUNK_DONE;
		if (P->waiting && done_from_head(P) >= P->want)
			pthread_cond_signal(&P->done_cv);
		pthread_mutex_unlock(&P->lock);
	}
	return NULL;
}

/* Hands c's lines on to emit: 0, or what emit returned to stop. */
static int
emit_chunk(struct par *P, struct chunk *c)
{
	size_t i, o = 0, m = 0;
	int rc = 0;

	for (i = 0; i < c->lines.n && rc == 0; i++) {
		const struct pline *l = &c->lines.v[i];

		rc = P->job->emit(P->job->ctx, l->lineno, l->status,
		    c->out.p ? c->out.p + o : "", l->out_end - o,
		    c->msg.p ? c->msg.p + m : "", l->msg_end - m);
		o = l->out_end;
		m = l->msg_end;
	}
	/* the size of the next chunks, by the bytes of out a line makes */
	P->emitted_lines += c->lines.n;
	P->emitted_bytes += c->out.len;
	if (P->emitted_bytes > 0) {
		unsigned long long per = P->emitted_bytes / P->emitted_lines + 1,
		    n = CHUNK_OUT / per;

		P->chunk_lines = n < CHUNK_MIN_LINES ? CHUNK_MIN_LINES :
		    n > CHUNK_LINES ? CHUNK_LINES : (size_t)n;
	}
	return rc;
}

/* Reads lines into c until it is full or the input ends: 1 when it holds
 * any, 0 when the input had none left. */
static int
fill_chunk(struct par *P, struct chunk *c)
{
	const char *s;
	size_t len;
	long lineno;

	ais_buf_reset(&c->text);
	AIS_VEC_CLEAR(c->lines);
	while (c->lines.n < P->chunk_lines && c->text.len < CHUNK_BYTES &&
	    next_line(&P->rd, &s, &len, &lineno)) {
		struct pline *l = AIS_VEC_PUSH(NULL, c->lines);

		l->lineno = lineno;
		l->off = c->text.len;
		l->len = len;
		l->status = 0;
		ais_buf_add(&c->text, s, len);
		ais_buf_addc(&c->text, '\0');
	}
	return c->lines.n > 0;
}

/* Tells the workers to stop (stop) or that nothing more comes, and waits
 * for them. */
static void
finish_threads(struct par *P, int stop)
{
	int i;

	if (!P->nthreads)
		return;
	pthread_mutex_lock(&P->lock);
	if (stop)
		atomic_store(&P->stop, 1);
	P->eof = 1;
	pthread_cond_broadcast(&P->work_cv);
	pthread_mutex_unlock(&P->lock);
	for (i = 0; i < P->nthreads; i++)
		pthread_join(P->tids[i], NULL);
	P->nthreads = 0;
}

/* The run with threads: 0, or what emit returned. */
static int
run_threads(struct par *P)
{
	int rc = 0;

	for (;;) {
		int more;

		pthread_mutex_lock(&P->lock);
		while (rc == 0 && P->next_emit < P->next_fill) {
			struct chunk *c = &P->ring[P->next_emit % P->nslots];

			if (c->state != CHUNK_DONE) {
				unsigned long inflight = P->next_fill -
				    P->next_emit;

				if (!P->eof && inflight < P->nslots)
					break;	/* room to read into */
				/* the ring is full (or the input read): wait
				 * for half of it, or all that is left, to be
				 * done, then hand them on together */
				P->want = P->eof ? inflight :
				    inflight / 2 > 0 ? inflight / 2 : 1;
				P->waiting = 1;
				while (done_from_head(P) < P->want)
					pthread_cond_wait(&P->done_cv, &P->lock);
				P->waiting = 0;
				continue;
			}
			pthread_mutex_unlock(&P->lock);
			rc = emit_chunk(P, c);
			pthread_mutex_lock(&P->lock);
			c->state = CHUNK_FREE;
			P->next_emit++;
		}
		more = rc == 0 && !P->eof;
		pthread_mutex_unlock(&P->lock);
		if (!more)
			break;
		/* the slot at next_fill is free: no worker touches it */
		{
			struct chunk *c = &P->ring[P->next_fill % P->nslots];
			int got = fill_chunk(P, c);

			pthread_mutex_lock(&P->lock);
			if (got) {
				c->state = CHUNK_READY;
				P->next_fill++;
				pthread_cond_signal(&P->work_cv);
			}
			if (!got || P->rd.enomem || P->rd.error)
				P->eof = 1;
			if (P->eof)
				pthread_cond_broadcast(&P->work_cv);
			pthread_mutex_unlock(&P->lock);
		}
	}
	finish_threads(P, rc != 0);
	return rc;
}

/* The run on the calling thread alone: 0, or what emit returned. */
static int
run_serial(struct par *P, void *w)
{
	const char *s;
	size_t len;
	long lineno;
	int rc = 0, st;

	while (rc == 0 && next_line(&P->rd, &s, &len, &lineno)) {
		ais_buf_reset(&P->sout);
		ais_buf_reset(&P->smsg);
		st = eval_line(P->job, w, lineno, s, len, &P->sout, &P->smsg);
		rc = P->job->emit(P->job->ctx, lineno, st,
		    P->sout.p ? P->sout.p : "", P->sout.len,
		    P->smsg.p ? P->smsg.p : "", P->smsg.len);
	}
	return rc;
}

/* Frees what P holds; the threads are joined already. */
static void
par_release(struct par *P)
{
	size_t i;
	int k;

	if (P->ring)
		for (i = 0; i < P->nslots; i++) {
			ais_buf_release(&P->ring[i].text);
			ais_buf_release(&P->ring[i].out);
			ais_buf_release(&P->ring[i].msg);
			AIS_VEC_FREE(P->ring[i].lines);
		}
	free(P->ring);
	P->ring = NULL;
	if (P->workers)
		for (k = 0; k < P->nworkers; k++)
			P->job->worker_free(P->workers[k]);
	free(P->workers);
	P->workers = NULL;
	P->nworkers = 0;
	if (P->serial)
		P->job->worker_free(P->serial);
	P->serial = NULL;
	free(P->tids);
	P->tids = NULL;
	free(P->args);
	P->args = NULL;
	free(P->rd.line);
	P->rd.line = NULL;
	ais_buf_release(&P->sout);
	ais_buf_release(&P->smsg);
	if (P->locked_init) {
		pthread_mutex_destroy(&P->lock);
		pthread_cond_destroy(&P->work_cv);
		pthread_cond_destroy(&P->done_cv);
		P->locked_init = 0;
	}
}

/* The run within its guard: 0, AIS_ENOMEM (a worker's state could not
 * be made: P->oom set), or what emit returned. */
static int
par_main(struct par *P, int jobs)
{
	int i;

	if (jobs > 1) {
		P->nslots = 2 * (size_t)jobs + 2;
		P->ring = ais_xcalloc(P->nslots, sizeof *P->ring);
		P->tids = ais_xcalloc((size_t)jobs, sizeof *P->tids);
		P->workers = ais_xcalloc((size_t)jobs, sizeof *P->workers);
		/* each thread's argument: its state and P */
		P->args = ais_xcalloc(2 * (size_t)jobs, sizeof *P->args);
		if (pthread_mutex_init(&P->lock, NULL) != 0)
			jobs = 1;
		else if (pthread_cond_init(&P->work_cv, NULL) != 0) {
			pthread_mutex_destroy(&P->lock);
			jobs = 1;
		} else if (pthread_cond_init(&P->done_cv, NULL) != 0) {
			pthread_cond_destroy(&P->work_cv);
			pthread_mutex_destroy(&P->lock);
			jobs = 1;
		} else
			P->locked_init = 1;
	}
	if (jobs > 1) {
		/* the states first, all on this thread: a worker that could
		 * not be made ends the run before any line is read */
		for (i = 0; i < jobs; i++) {
			void *w = P->job->worker_new(P->job->ctx);

			if (!w) {
				P->oom = 1;
				return AIS_ENOMEM;
			}
			P->workers[P->nworkers++] = w;
		}
		for (i = 0; i < jobs; i++) {
			P->args[2 * i] = P->workers[i];
			P->args[2 * i + 1] = P;
			if (pthread_create(&P->tids[P->nthreads], NULL,
			    worker_main, &P->args[2 * i]) == 0)
				P->nthreads++;
		}
		if (P->nthreads > 0)
			return run_threads(P);
		/* no thread could be started: the calling thread alone */
	}
	P->serial = P->job->worker_new(P->job->ctx);
	if (!P->serial) {
		P->oom = 1;
		return AIS_ENOMEM;
	}
	return run_serial(P, P->serial);
}

int
ais_par_run(const struct ais_par_job *job, FILE *in, const char *name,
	int jobs, FILE *msgs)
{
	struct par P;
	struct ais_oom_guard g;
	int rc;

	memset(&P, 0, sizeof P);
	P.job = job;
	P.rd.in = in;
	atomic_init(&P.stop, 0);
	P.chunk_lines = CHUNK_FIRST_LINES;
	if (jobs < 1)
		jobs = 1;	/* the caller says how many: none said, one */
	if (jobs > PAR_MAX_JOBS)
		jobs = PAR_MAX_JOBS;
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		/* memory ran out on this thread: the workers are stopped */
		finish_threads(&P, 1);
		par_release(&P);
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		return AIS_ENOMEM;
	}
	rc = par_main(&P, jobs);
	ais_oom_guard_leave(&g);
	par_release(&P);
	if (rc != 0) {
		/* emit's own status it has told of; a worker's state that
		 * could not be made is told here */
		if (P.oom && msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		return rc;
	}
	if (P.rd.enomem) {
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		return AIS_ENOMEM;
	}
	if (P.rd.error) {
		if (msgs)
			fprintf(msgs, "aisubsidy: unable to read '%s': %s\n",
			    name, strerror(P.rd.err));
		return AIS_EPROFILE;
	}
	return AIS_OK;
}
