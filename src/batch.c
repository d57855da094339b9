/*
 * batch.c: one profile text, or one a line, evaluated and written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "par.h"
#include "text.h"
#include "whatif.h"

void
ais_warning_error(const char *warning, struct ais_error *e)
{
	const char *colon = warning[0] == '$' ? strstr(warning, ": ") : NULL;

	ais_error_set(e, AIS_EPROFILE, NULL, 0, 0, "%s",
	    colon ? colon + 2 : warning);
	if (colon)
		ais_error_set_path(e, warning, (size_t)(colon - warning));
}

/* The place of line (0: the whole input) of b's input in messages,
 * "NAME:LINE" or "NAME", into where. */
static void
place(const struct ais_batch *b, long line, char *where, size_t n)
{
	if (line > 0)
		snprintf(where, n, "%s:%ld", b->name, line);
	else
		snprintf(where, n, "%s", b->name);
}

/* Writes each warning of res to msgs, "aisubsidy: NAME[:LINE]: warning:
 * W", from the first'th on. */
static void
print_warnings(FILE *msgs, const struct ais_batch *b, long line,
	const struct ais_result *res, size_t first)
{
	char where[AIS_ERROR_FILE_MAX + 32];
	size_t i;

	if (msgs == NULL || first >= res->warnings.n)
		return;
	place(b, line, where, sizeof where);
	for (i = first; i < res->warnings.n; i++)
		fprintf(msgs, "aisubsidy: %s: warning: %s\n", where,
		    res->warnings.v[i]);
}

int
ais_batch_one(const struct ais_batch *b, struct ais_profile *p,
	struct ais_result *res, const char *json, size_t len, long line,
	struct ais_buf *out, FILE *msgs)
{
	struct ais_error err;
	char where[AIS_ERROR_FILE_MAX + 32];
	int strict = 0;

	/* not a memset of its 5 KB for every line: whoever fails fills it */
	err.status = err.line = err.column = 0;
	err.file[0] = err.path[0] = err.msg[0] = '\0';
	if (b->whatif ? ais_whatif_calc(b->whatif, b->rules, p, b->copts,
	    res, json, len, &err) == 0 :
	    ais_profile_read(p, b->rules, json, len, &err) == 0 &&
	    ais_calc(b->rules, p, b->copts, res, &err) == 0) {
		if (b->strict && res->warnings.n) {
			/* --strict: the first warning rejects the profile,
			 * the others are still told */
			ais_warning_error(res->warnings.v[0], &err);
			strict = 1;
			goto rejected;
		}
		if (!b->hush && !b->quiet)
			print_warnings(msgs, b, line, res, 0);
		if (ais_result_write(res, b->oopts, out, &err) == 0)
			return AIS_OK;
	}
rejected:
	if (line > 0) {
		/* p->id is kept for a rejected profile when it could be read
		 * (not when memory ran out: ais_profile_read clears p) */
		int recorded = ais_error_record_write(line, p->id, &err,
		    out) == 0;

		place(b, line, where, sizeof where);
		ais_error_print(msgs, where, &err);
		if (strict && !b->hush && !b->quiet)
			print_warnings(msgs, b, line, res, 1);
		if (!recorded) {
			/* out as it was: the caller stops */
			if (err.status != AIS_ENOMEM && msgs)
				fputs("aisubsidy: out of memory\n", msgs);
			return AIS_ENOMEM;
		}
	} else {
		/* "aisubsidy: out of memory", as main says it */
		ais_error_print(msgs, err.status == AIS_ENOMEM ? NULL :
		    b->name, &err);
		if (strict && !b->hush && !b->quiet)
			print_warnings(msgs, b, line, res, 1);
	}
	return err.status == AIS_ENOMEM ? AIS_ENOMEM : AIS_EPROFILE;
}

/* What a batch run holds: released at its end, and by its clean-up if
 * memory runs out where no call inside catches it. */
struct run {
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf buf, sink;
	struct ais_output_cache *cache;
	char *line;
	size_t cap;
	long shown;		/* text: the results and rejections written */
};

static void
run_release(void *arg)
{
	struct run *r = arg;

	free(r->line);
	ais_output_cache_free(r->cache);
	ais_buf_release(&r->buf);
	ais_buf_release(&r->sink);
	ais_profile_release(&r->p);
	ais_result_release(&r->res);
}

/*
 * One line of a text batch (b->text): evaluated as ais_batch_one does,
 * its JSON into R->sink and dropped, its table appended to o after a
 * blank line when it is not the first, or a line naming it when it was
 * rejected.  Returns as ais_batch_one does; AIS_ENOMEM with o as it was
 * when not even that line could be written (the run stops).
 */
static int
text_line(const struct ais_batch *bb, struct run *R, const char *s,
	size_t len, long lineno, struct ais_buf *o, FILE *msgs)
{
	struct ais_error err;
	size_t before = o->len;
	int one;

	one = ais_batch_one(bb, &R->p, &R->res, s, len, lineno, &R->sink,
	    msgs);
	if (R->shown++)
		ais_buf_addc(o, '\n');
	if (one == AIS_OK) {
		if (ais_text_write(&R->res, bb->text, o, &err) == 0)
			return AIS_OK;
		one = AIS_ENOMEM;
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
	}
	if (one == AIS_ENOMEM && R->sink.len == 0) {
		ais_buf_cut(o, before);
		return AIS_ENOMEM;
	}
	if (bb->text->lang == AIS_LANG_EN)
		ais_buf_addf(o, "line %ld: rejected (the message is on "
		    "standard error)\n", lineno);
	else
		ais_buf_addf(o, "第%ld行：未能计算（错误信息见标准错误输出）\n",
		    lineno);
	return one;
}

/* ais_batch_run within its guard. */
static int
batch_run(const struct ais_batch *b, struct run *R, FILE *in, FILE *out,
	FILE *msgs)
{
	struct ais_output_opts oopts;
	struct ais_batch bb = *b;
	ssize_t n;
	long lineno = 0;
	int rc = AIS_OK, wfail = 0, one;

	oopts = *b->oopts;
	oopts.pretty = 0;	/* one result a line, whatever --pretty says */
	if (b->text) {
		/* the JSON is dropped: the cheapest, compact, uncached */
		oopts.mode = AIS_OUT_COMPACT;
		oopts.cache = NULL;
	} else {
		/* NULL when memory runs out: the same bytes, slower */
		oopts.cache = R->cache = ais_output_cache_new(b->rules,
		    oopts.lang);
	}
	bb.oopts = &oopts;
	errno = 0;
	while ((n = getline(&R->line, &R->cap, in)) >= 0) {
		char *s = R->line;
		size_t len = (size_t)n, k = 0, before;
		struct ais_buf *o = b->quiet ? &R->sink : &R->buf;

		lineno++;
		if (lineno == 1 && len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			len -= 3;
		}
		while (len && (s[len - 1] == '\n' || s[len - 1] == '\r'))
			len--;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k == len)
			continue;	/* blank lines are not profiles */
		ais_buf_reset(&R->sink);
		before = o->len;
		one = b->text ? text_line(&bb, R, s, len, lineno, o, msgs) :
		    ais_batch_one(&bb, &R->p, &R->res, s, len, lineno, o, msgs);
		if (one != AIS_OK) {
			/* a line that ran out of memory is an error record
			 * when one could be written; else the run stops */
			if (one == AIS_ENOMEM && o->len == before) {
				rc = AIS_ENOMEM;
				break;
			}
			if (rc != AIS_ENOMEM)
				rc = one;
			if (b->tally)
				ais_tally_reject(b->tally);
			if (b->pools)
				ais_pools_reject(b->pools);
		} else {
			if (b->tally)
				ais_tally_add(b->tally, &R->res);
			if (b->pools && ais_pools_add(b->pools, lineno,
			    &R->res) < 0) {
				if (msgs)
					fputs("aisubsidy: out of memory\n", msgs);
				rc = AIS_ENOMEM;
				break;
			}
		}
		if (R->buf.len && (b->stream || R->buf.len >= 65536)) {
			if (fwrite(R->buf.p, 1, R->buf.len, out) != R->buf.len ||
			    fflush(out) != 0) {
				wfail = 1;
				break;
			}
			ais_buf_reset(&R->buf);
		}
	}
	if (n < 0 && errno == ENOMEM && !feof(in)) {
		/* getline could not make room for a line */
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		rc = AIS_ENOMEM;
	}
	if (!wfail && R->buf.len &&
	    fwrite(R->buf.p, 1, R->buf.len, out) != R->buf.len)
		wfail = 1;
	if (!wfail && rc != AIS_ENOMEM && ferror(in)) {
		if (msgs)
			fprintf(msgs, "aisubsidy: unable to read '%s': %s\n",
			    b->name, strerror(errno));
		rc = AIS_EPROFILE;
	}
	return wfail ? AIS_EIO : rc;
}

/*
 * The batch over ais_par_run (b->jobs > 1).  Each worker evaluates a line
 * as batch_run does, with a profile, result, output cache and what-if
 * session of its own, its messages into a memory stream that become the
 * line's msg bytes.  With --summary the line's out ends with what the
 * tally needs of its result (a struct tally_rec after its eligible items),
 * which the calling thread adds in input order, as batch_run does.  The
 * blank line between two tables of --format text is put by the calling
 * thread too.
 */

/* An eligible item of a result, as the tally counts it. */
struct tally_item {
	size_t program;		/* its index */
	int64_t amount, up_to;
	int has_amount, has_up_to;
};

/* The end of a line's out bytes when b->tally: the result's totals and
 * how many tally_items come before it (0 for a rejected line). */
struct tally_rec {
	size_t nitems, warnings;
	int64_t amount, up_to;
};

struct pworker {
	struct run R;
	struct ais_batch bb;
	struct ais_output_opts oopts;
	struct ais_text_opts topts;
	struct ais_whatif *whatif;	/* its own session, or NULL */
	FILE *mf;			/* the messages of a line */
	char *mp;
	size_t mn;
};

struct pctx {
	const struct ais_batch *b;
	FILE *out, *msgs;
	long shown;		/* text: the tables and rejections written */
	int rc;			/* as batch_run's */
	int wfail;
};

static void
pworker_free(void *arg)
{
	struct pworker *w = arg;

	if (!w)
		return;
	run_release(&w->R);
	ais_whatif_free(w->whatif);
	if (w->mf)
		fclose(w->mf);
	free(w->mp);
	free(w);
}

/* A session of the sets of w and its other settings: each worker needs
 * its own, as it keeps the last profile's unchanged result. */
static struct ais_whatif *
whatif_copy(const struct ais_whatif *w)
{
	struct ais_whatif *c;
	struct ais_buf t = AIS_BUF_INIT;
	struct ais_oom_cleanup cl;
	struct ais_error err;
	const char **sets;
	const char *q;
	size_t i;

	ais_oom_push(&cl, ais_oom_release_buf, &t);
	for (i = 0; i < w->nsets; i++) {
		/* PATH=VALUE again: VALUE is one JSON value, kept as it is
		 * (a JSON text has no NUL byte) */
		ais_buf_add(&t, w->sets[i].path, w->sets[i].path_len);
		ais_buf_addc(&t, '=');
		ais_buf_add(&t, w->sets[i].value, w->sets[i].value_len);
		ais_buf_addc(&t, '\0');
	}
	sets = ais_xcalloc(w->nsets + 1, sizeof *sets);
	for (i = 0, q = t.p; i < w->nsets; i++, q += strlen(q) + 1)
		sets[i] = q;
	ais_oom_pop(&cl);
	memset(&err, 0, sizeof err);
	c = ais_whatif_new(sets, w->nsets, w->qualify, w->lang, &err);
	free(sets);
	ais_buf_release(&t);
	return c;
}

static void *
pworker_new(void *arg)
{
	const struct ais_batch *b = ((const struct pctx *)arg)->b;
	struct pworker *w = NULL;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return NULL;	/* w freed by its clean-up */
	w = ais_xcalloc(1, sizeof *w);
	ais_profile_init(&w->R.p);
	ais_result_init(&w->R.res);
	ais_buf_init(&w->R.buf);
	ais_buf_init(&w->R.sink);
	ais_oom_push(&c, pworker_free, w);
	w->bb = *b;
	w->oopts = *b->oopts;
	w->oopts.pretty = 0;
	if (b->whatif) {
		w->whatif = whatif_copy(b->whatif);
		if (!w->whatif)
			ais_oom();
		if (w->oopts.what_if == b->whatif)
			w->oopts.what_if = w->whatif;
		w->bb.whatif = w->whatif;
	}
	if (b->text) {
		w->topts = *b->text;
		if (w->topts.what_if == b->whatif)
			w->topts.what_if = w->whatif;
		w->bb.text = &w->topts;
		w->oopts.mode = AIS_OUT_COMPACT;
		w->oopts.cache = NULL;
	} else
		w->oopts.cache = w->R.cache = ais_output_cache_new(b->rules,
		    w->oopts.lang);
	w->bb.oopts = &w->oopts;
	w->mf = open_memstream(&w->mp, &w->mn);
	if (!w->mf)
		ais_oom();
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	return w;
}

/* Appends what the tally needs of R's result (one = its status). */
static void
tally_record(const struct run *R, int one, struct ais_buf *out)
{
	struct tally_rec t;
	size_t i;

	memset(&t, 0, sizeof t);
	if (one == AIS_OK) {
		const struct ais_result *res = &R->res;

		for (i = 0; i < res->items.n; i++) {
			const struct ais_item *it = &res->items.v[i];
			struct tally_item ti;

			if (!it->eligible)
				continue;
			memset(&ti, 0, sizeof ti);
			ti.program = it->program->index;
			ti.has_amount = it->has_amount != 0;
			ti.has_up_to = it->has_up_to != 0;
			ti.amount = it->has_amount ? it->amount : 0;
			ti.up_to = it->has_up_to ? it->up_to : 0;
			ais_buf_add(out, &ti, sizeof ti);
			t.nitems++;
		}
		t.warnings = res->warnings.n;
		t.amount = res->total_amount;
		t.up_to = res->total_up_to;
	}
	ais_buf_add(out, &t, sizeof t);
}

static int
peval(void *arg, long lineno, const char *s, size_t len, struct ais_buf *out,
	struct ais_buf *msg)
{
	struct pworker *w = arg;
	int one;

	ais_buf_reset(&w->R.sink);
	w->R.shown = 0;		/* the calling thread puts the blank lines */
	one = w->bb.text ? text_line(&w->bb, &w->R, s, len, lineno, out,
	    w->mf) : ais_batch_one(&w->bb, &w->R.p, &w->R.res, s, len, lineno,
	    out, w->mf);
	if (fflush(w->mf) == 0 && w->mn > 0)
		ais_buf_add(msg, w->mp, w->mn);
	fseeko(w->mf, 0, SEEK_SET);
	if (w->bb.tally)
		tally_record(&w->R, one, out);
	return one;
}

/* Adds b to *a, or marks t overflowed and leaves *a (as tally.c does). */
static void
tally_sum(struct ais_tally *t, int64_t *a, int64_t b)
{
	int64_t s;

	if (ais_fen_add(*a, b, &s) < 0)
		t->overflow = 1;
	else
		*a = s;
}

/* ais_tally_add from a line's record. */
static void
tally_add_record(struct ais_tally *t, const struct tally_rec *r,
	const char *items)
{
	size_t i;

	t->read++;
	if (r->warnings) {
		t->warned++;
		t->warnings += r->warnings;
	}
	tally_sum(t, &t->amount, r->amount);
	tally_sum(t, &t->up_to, r->up_to);
	for (i = 0; i < r->nitems; i++) {
		struct tally_item ti;
		struct ais_tally_program *p;

		memcpy(&ti, items + i * sizeof ti, sizeof ti);
		p = &t->per[ti.program];
		p->eligible++;
		if (ti.has_amount)
			tally_sum(t, &p->amount, ti.amount);
		if (ti.has_up_to)
			tally_sum(t, &p->up_to, ti.up_to);
		if (!ti.has_amount && !ti.has_up_to)
			p->unquantified++;
	}
}

static int
pemit(void *arg, long lineno, int one, const char *o, size_t olen,
	const char *m, size_t mlen)
{
	struct pctx *X = arg;
	const struct ais_batch *b = X->b;
	struct tally_rec rec;
	const char *items = NULL;

	(void)lineno;
	memset(&rec, 0, sizeof rec);
	if (b->tally && olen >= sizeof rec) {
		memcpy(&rec, o + olen - sizeof rec, sizeof rec);
		olen -= sizeof rec;
		olen -= rec.nitems * sizeof(struct tally_item);
		items = o + olen;
	}
	if (mlen && X->msgs)
		fwrite(m, 1, mlen, X->msgs);
	if (one != AIS_OK) {
		if (one == AIS_ENOMEM && olen == 0) {
			/* nothing could be written for the line: the run
			 * stops (the line's memory ran out where no call in
			 * it caught it when it said nothing) */
			if (mlen == 0 && X->msgs)
				fputs("aisubsidy: out of memory\n", X->msgs);
			X->rc = AIS_ENOMEM;
			return AIS_ENOMEM;
		}
		if (X->rc != AIS_ENOMEM)
			X->rc = one;
		if (b->tally)
			ais_tally_reject(b->tally);
	} else if (b->tally)
		tally_add_record(b->tally, &rec, items);
	/* straight from the worker's bytes: large writes pass stdio's
	 * buffer by */
	if ((b->text && X->shown++ && fputc('\n', X->out) == EOF) ||
	    (olen && fwrite(o, 1, olen, X->out) != olen)) {
		X->wfail = 1;
		return AIS_EIO;
	}
	return 0;
}

/* ais_batch_run with jobs threads, within its guard. */
static int
batch_par(const struct ais_batch *b, struct pctx *X, FILE *in)
{
	struct ais_par_job job;
	int prc;

	job.worker_new = pworker_new;
	job.worker_free = pworker_free;
	job.eval = peval;
	job.emit = pemit;
	job.ctx = X;
	prc = ais_par_run(&job, in, b->name, b->jobs, X->msgs);
	if (X->wfail || prc == AIS_EIO)
		return AIS_EIO;
	if (prc == AIS_ENOMEM || X->rc == AIS_ENOMEM)
		return AIS_ENOMEM;
	if (prc != AIS_OK)
		return prc;
	return X->rc;
}

int
ais_batch_run(const struct ais_batch *b, FILE *in, FILE *out, FILE *msgs)
{
	struct run R;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;
	int rc;

	if (b->jobs > 1 && !b->pools && !b->quiet) {
		struct pctx X;

		memset(&X, 0, sizeof X);
		X.b = b;
		X.out = out;
		X.msgs = msgs;
		ais_oom_guard_enter(&g);
		if (setjmp(g.jb) != 0) {
			if (msgs)
				fputs("aisubsidy: out of memory\n", msgs);
			return AIS_ENOMEM;
		}
		rc = batch_par(b, &X, in);
		ais_oom_guard_leave(&g);
		return rc;
	}
	memset(&R, 0, sizeof R);
	ais_profile_init(&R.p);
	ais_result_init(&R.res);
	ais_buf_init(&R.buf);
	ais_buf_init(&R.sink);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		/* R was released by its clean-up */
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		return AIS_ENOMEM;
	}
	ais_oom_push(&c, run_release, &R);
	rc = batch_run(b, &R, in, out, msgs);
	ais_oom_pop(&c);
	ais_oom_guard_leave(&g);
	run_release(&R);
	return rc;
}
