/*
 * test_batch_jobs.c: calc --batch --jobs 4 (ais_batch_run over
 * ais_par_run) against one loaded rule set, under ThreadSanitizer (make
 * tsan): a few hundred profiles, the example profiles each on one line
 * many times over with a rejected line and a blank one among them, in
 * full, compact, --summary, --format text and --set; every byte written
 * (results and messages) compared with what one thread wrote.
 *
 *     test_batch_jobs PROFILE.json...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "tally.h"
#include "text.h"
#include "whatif.h"

#define COPIES 30

/* The bytes written to out and msgs by one run of mode m with jobs. */
static int
run(const struct ais_rules *r, const char *in, size_t n, int m, int jobs,
	char **out, size_t *outlen, char **msg, size_t *msglen)
{
	struct ais_batch b;
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_text_opts to;
	struct ais_tally t;
	struct ais_whatif *w = NULL;
	struct ais_error err;
	const char *set[1] = {"revenue.ai_share=0.5"};
	FILE *fin, *fout, *fmsg;
	int rc;

	memset(&b, 0, sizeof b);
	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	memset(&to, 0, sizeof to);
	memset(&err, 0, sizeof err);
	ais_date_parse("2025-06-30", 10, &co.as_of);
	co.explain = m != 1;
	oo.mode = m == 1 ? AIS_OUT_COMPACT : AIS_OUT_FULL;
	oo.lang = m == 3 ? AIS_LANG_EN : AIS_LANG_ZH;
	to.lang = oo.lang;
	to.flag_days = 30;
	b.rules = r;
	b.copts = &co;
	b.oopts = &oo;
	b.name = "<test>";
	b.jobs = jobs;
	if (m == 2) {
		if (ais_tally_init(&t, r) < 0)
			return -1;
		b.tally = &t;
	}
	if (m == 3)
		b.text = &to;
	if (m == 4) {
		w = ais_whatif_new(set, 1, 1, oo.lang, &err);
		if (!w)
			return -1;
		oo.what_if = w;
		oo.near_miss = 1;
		b.whatif = w;
	}
	fin = fmemopen((void *)in, n, "rb");
	fout = open_memstream(out, outlen);
	fmsg = open_memstream(msg, msglen);
	if (!fin || !fout || !fmsg)
		return -1;
	rc = ais_batch_run(&b, fin, fout, fmsg);
	if (m == 2) {
		struct ais_buf s = AIS_BUF_INIT;

		if (ais_tally_write(&t, 0, &s) < 0)
			return -1;
		fwrite(s.p, 1, s.len, fout);
		ais_buf_release(&s);
		ais_tally_release(&t);
	}
	fclose(fin);
	fclose(fout);
	fclose(fmsg);
	ais_whatif_free(w);
	return rc;
}

int
main(int argc, char **argv)
{
	struct ais_error err;
	struct ais_rules *r;
	struct ais_buf in = AIS_BUF_INIT;
	int i, k, m, bad = 0;

	memset(&err, 0, sizeof err);
	r = ais_rules_load_builtin(&err);
	if (!r) {
		fprintf(stderr, "rules: %s\n", err.msg);
		return 1;
	}
	for (k = 0; k < COPIES; k++)
		for (i = 1; i < argc; i++) {
			char *text;
			size_t len, j;

			if (ais_read_file(argv[i], &text, &len, AIS_EPROFILE,
			    &err) < 0) {
				fprintf(stderr, "%s: %s\n", argv[i], err.msg);
				return 1;
			}
			for (j = 0; j < len; j++)
				if (text[j] == '\n' || text[j] == '\r')
					text[j] = ' ';
			ais_buf_add(&in, text, len);
			ais_buf_addc(&in, '\n');
			free(text);
			if (i == 3)
				ais_buf_adds(&in, k % 2 ? "{\"kind\": 1}\n" :
				    "\n");
		}
	for (m = 0; m < 5; m++) {
		char *o1, *m1, *o4, *m4;
		size_t ol1, ml1, ol4, ml4;
		int rc1 = run(r, in.p, in.len, m, 1, &o1, &ol1, &m1, &ml1);
		int rc4 = run(r, in.p, in.len, m, 4, &o4, &ol4, &m4, &ml4);

		if (rc1 != rc4 || ol1 != ol4 || ml1 != ml4 ||
		    memcmp(o1, o4, ol1) != 0 || memcmp(m1, m4, ml1) != 0 ||
		    ol1 == 0) {
			fprintf(stderr, "mode %d: -j4 differs from -j1 (status "
			    "%d/%d, %zu/%zu bytes, %zu/%zu of messages)\n", m,
			    rc1, rc4, ol1, ol4, ml1, ml4);
			bad++;
		}
		free(o1);
		free(m1);
		free(o4);
		free(m4);
	}
	printf("batch jobs: %d lines, 5 modes, -j4 against -j1: %s\n",
	    (argc - 1) * COPIES, bad ? "FAILED" : "the same bytes");
	ais_buf_release(&in);
	ais_rules_free(r);
	return bad != 0;
}
