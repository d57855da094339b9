/*
 * batch.c: one profile text, or one a line, evaluated and written.
 */
#include <errno.h>
#include <string.h>

#include "batch.h"

int
ais_batch_one(const struct ais_batch *b, struct ais_profile *p,
	struct ais_result *res, const char *json, size_t len, long line,
	struct ais_buf *out, FILE *msgs)
{
	struct ais_error err;

	/* not a memset of its 5 KB for every line: whoever fails fills it */
	err.status = err.line = err.column = 0;
	err.file[0] = err.path[0] = err.msg[0] = '\0';
	if (ais_profile_read(p, json, len, &err) == 0 &&
	    ais_calc(b->rules, p, b->copts, res, &err) == 0) {
		ais_result_write(res, b->oopts, out);
		return AIS_OK;
	}
	if (line > 0) {
		struct ais_buf where = AIS_BUF_INIT;

		/* p->id is kept for a rejected profile when it could be read */
		ais_error_record_write(line, p->id, &err, out);
		ais_buf_addf(&where, "%s:%ld", b->name, line);
		ais_error_print(msgs, where.p, &err);
		ais_buf_release(&where);
	} else {
		ais_error_print(msgs, b->name, &err);
	}
	return AIS_EPROFILE;
}

int
ais_batch_run(const struct ais_batch *b, FILE *in, FILE *out, FILE *msgs)
{
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf buf = AIS_BUF_INIT, sink = AIS_BUF_INIT;
	struct ais_output_opts oopts;
	struct ais_output_cache *cache;
	struct ais_batch bb = *b;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0;
	int rc = AIS_OK, wfail = 0;

	ais_profile_init(&p);
	ais_result_init(&res);
	oopts = *b->oopts;
	oopts.pretty = 0;	/* one result a line, whatever --pretty says */
	oopts.cache = cache = ais_output_cache_new(b->rules, oopts.lang,
	    b->copts->as_of);
	bb.oopts = &oopts;
	while ((n = getline(&line, &cap, in)) >= 0) {
		char *s = line;
		size_t len = (size_t)n, k = 0;
		struct ais_buf *o = b->quiet ? &sink : &buf;

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
		ais_buf_reset(&sink);
		if (ais_batch_one(&bb, &p, &res, s, len, lineno, o, msgs) !=
		    AIS_OK) {
			rc = AIS_EPROFILE;
			if (b->tally)
				ais_tally_reject(b->tally);
			if (b->pools)
				ais_pools_reject(b->pools);
		} else {
			if (b->tally)
				ais_tally_add(b->tally, &res);
			if (b->pools)
				ais_pools_add(b->pools, lineno, &res);
		}
		if (buf.len && (b->stream || buf.len >= 65536)) {
			if (fwrite(buf.p, 1, buf.len, out) != buf.len ||
			    fflush(out) != 0) {
				wfail = 1;
				break;
			}
			ais_buf_reset(&buf);
		}
	}
	if (!wfail && buf.len && fwrite(buf.p, 1, buf.len, out) != buf.len)
		wfail = 1;
	if (!wfail && ferror(in)) {
		if (msgs)
			fprintf(msgs, "aisubsidy: unable to read '%s': %s\n",
			    b->name, strerror(errno));
		rc = AIS_EPROFILE;
	}
	free(line);
	ais_output_cache_free(cache);
	ais_buf_release(&buf);
	ais_buf_release(&sink);
	ais_profile_release(&p);
	ais_result_release(&res);
	return wfail ? AIS_EIO : rc;
}
