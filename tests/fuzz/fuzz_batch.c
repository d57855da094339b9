/*
 * fuzz_batch: the batch loop (ais_batch_run, src/batch.h) on a fuzzed
 * stream of profiles, one a line.
 *
 * The input is a JSON Lines stream as `calc --batch` reads it.  It is run
 * twice against the built-in rules: in full mode with the summary
 * (--summary), flushing after every line as for a pipe, and in compact
 * mode feeding the budget pools, quiet, as `aisubsidy pool` does; then the
 * summary, the pool report and the claims are written.  The whole input is
 * also given to ais_batch_one as one profile (line 0).  Oracles: one
 * output line per line that is not blank, each one JSON object; the
 * quiet run writes nothing; the summary, the report and the claims are
 * JSON; the summary counts every line read.
 */
#include "batch.h"
#include "fuzz_common.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fuzz_builtin_rules();
	(void)fuzz_null_file();
	return 0;
}

/* The lines that are profiles, as ais_batch_run counts them. */
static size_t
profile_lines(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	int first = 1;

	while (i < n) {
		size_t a = i, b;

		while (i < n && s[i] != '\n')
			i++;
		b = i;
		if (i < n)
			i++;
		if (first && b - a >= 3 &&
		    memcmp(s + a, "\xef\xbb\xbf", 3) == 0)
			a += 3;
		first = 0;
		while (b > a && (s[b - 1] == '\r'))
			b--;
		while (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (a < b)
			count++;
	}
	return count;
}

static void
run(const uint8_t *data, size_t size, int compact)
{
	const struct ais_rules *r = fuzz_builtin_rules();
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_batch b;
	struct ais_tally tally;
	struct ais_pools pools;
	struct ais_buf extra = AIS_BUF_INIT;
	FILE *in, *out;
	char *text = NULL;
	size_t tlen = 0, lines;
	int rc;

	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	memset(&b, 0, sizeof b);
	co.as_of = fuzz_date("2025-06-30");
	co.explain = !compact;
	oo.mode = compact ? AIS_OUT_COMPACT : AIS_OUT_FULL;
	oo.pretty = 1;		/* ignored by the batch loop */
	b.rules = r;
	b.copts = &co;
	b.oopts = &oo;
	b.name = "<fuzz>";
	if (compact) {
		ais_pools_init(&pools, r, co.as_of);
		b.pools = &pools;
		b.quiet = 1;
	} else {
		ais_tally_init(&tally, r);
		b.tally = &tally;
		b.stream = 1;
	}
	/* fmemopen of 0 bytes fails on older glibc: an empty stream then */
	in = size ? fmemopen((void *)data, size, "rb") :
	    fopen("/dev/null", "rb");
	out = open_memstream(&text, &tlen);
	if (!in || !out)
		fuzz_fail("unable to open the streams", NULL);
	rc = ais_batch_run(&b, in, out, fuzz_null_file());
	fclose(in);
	fclose(out);
	if (rc != AIS_OK && rc != AIS_EPROFILE)
		fuzz_fail("the batch loop failed to write to memory", NULL);
	lines = profile_lines((const char *)data, size);
	if (compact) {
		if (tlen)
			fuzz_fail("a quiet batch wrote results", NULL);
		ais_pools_allocate(&pools);
		ais_pools_write_report(&pools, 0, &extra);
		fuzz_check_json(extra.p, extra.len, 0);
		ais_buf_reset(&extra);
		ais_pools_write_report(&pools, 1, &extra);
		fuzz_check_json(extra.p, extra.len, 1);
		ais_buf_reset(&extra);
		ais_pools_write_claims(&pools, &extra);
		fuzz_check_json(extra.p, extra.len, 0);
		ais_pools_release(&pools);
	} else {
		size_t i, got = 0;

		for (i = 0; i < tlen; i++)
			got += text[i] == '\n';
		if (got != lines || (tlen && text[tlen - 1] != '\n')) {
			fprintf(stderr, "fuzz: %zu profile lines, %zu result "
			    "lines\n", lines, got);
			fuzz_fail("not one result line per profile line", NULL);
		}
		fuzz_check_json(text, tlen, 0);
		if (tally.read != lines)
			fuzz_fail("the summary does not count every line",
			    NULL);
		ais_tally_write(&tally, 0, &extra);
		fuzz_check_json(extra.p, extra.len, 0);
		ais_buf_reset(&extra);
		ais_tally_write(&tally, 1, &extra);
		fuzz_check_json(extra.p, extra.len, 1);
		ais_tally_release(&tally);
	}
	free(text);
	ais_buf_release(&extra);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ais_rules *r = fuzz_builtin_rules();
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_batch b;
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf out = AIS_BUF_INIT;

	run(data, size, 0);
	run(data, size, 1);
	/* the whole input as one profile, as `calc FILE` reads it */
	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	memset(&b, 0, sizeof b);
	co.as_of = fuzz_date("2025-06-30");
	co.explain = 1;
	b.rules = r;
	b.copts = &co;
	b.oopts = &oo;
	b.name = "<fuzz>";
	ais_profile_init(&p);
	ais_result_init(&res);
	if (ais_batch_one(&b, &p, &res, (const char *)data, size, 0, &out,
	    fuzz_null_file()) == AIS_OK)
		fuzz_check_json(out.p, out.len, 0);
	ais_profile_release(&p);
	ais_result_release(&res);
	ais_buf_release(&out);
	return 0;
}
