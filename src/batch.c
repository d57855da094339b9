/*
 * batch.c: one profile text, or one a line, evaluated and written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "text.h"

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

int
ais_batch_run(const struct ais_batch *b, FILE *in, FILE *out, FILE *msgs)
{
	struct run R;
	struct ais_oom_guard g;
	struct ais_oom_cleanup c;
	int rc;

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
