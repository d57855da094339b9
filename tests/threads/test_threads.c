/*
 * test_threads.c: many threads evaluating against one loaded rule set.
 *
 * The rules and one output cache per language are loaded once and shared;
 * each thread reads, evaluates and writes every example profile (and a
 * batch of generated variations) in full and compact mode, in both
 * languages, many times over, with a profile and a result of its own, and
 * compares every byte with what one thread wrote first.  Built and run
 * under ThreadSanitizer by make tsan; through the public header alone.
 *
 *     test_threads PROFILE.json...
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aisubsidy.h>

#define NTHREADS 4
#define ROUNDS 8

static const struct ais_rules *rules;
static const struct ais_output_cache *cache[2];
static char *input[64];
static size_t input_len[64];
static size_t ninput;
/* expected[k][m]: input k written in mode m (full zh, full en, compact,
 * full zh without the cache), by the main thread */
static struct ais_buf expected[64][4];

/* Writes input k in mode m into b; 0, or -1 on an error. */
static int
one(struct ais_profile *p, struct ais_result *res, size_t k, int m,
	struct ais_buf *b)
{
	struct ais_error err;
	struct ais_calc_opts co;
	struct ais_output_opts oo;

	memset(&err, 0, sizeof err);
	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	ais_date_parse("2025-06-30", 10, &co.as_of);
	co.explain = m != 2;
	oo.mode = m == 2 ? AIS_OUT_COMPACT : AIS_OUT_FULL;
	oo.lang = m == 1 ? AIS_LANG_EN : AIS_LANG_ZH;
	oo.cache = m == 3 ? NULL : cache[oo.lang];
	if (ais_profile_read(p, rules, input[k], input_len[k], &err) < 0 ||
	    ais_calc(rules, p, &co, res, &err) < 0) {
		fprintf(stderr, "input %zu: %s\n", k, err.msg);
		return -1;
	}
	b->len = 0;
	if (ais_result_write(res, &oo, b, &err) < 0) {
		fprintf(stderr, "input %zu: %s\n", k, err.msg);
		return -1;
	}
	return 0;
}

static void *
worker(void *arg)
{
	struct ais_profile *p = ais_profile_new();
	struct ais_result *res = ais_result_new();
	struct ais_buf b = AIS_BUF_INIT;
	size_t seed = (size_t)(uintptr_t)arg, r, k;
	long bad = 0;
	int m;

	for (r = 0; r < ROUNDS; r++)
		for (k = 0; k < ninput; k++) {
			/* each thread in its own order */
			size_t kk = (k * 7 + seed * 3 + r) % ninput;

			for (m = 0; m < 4; m++) {
				if (one(p, res, kk, m, &b) < 0 ||
				    b.len != expected[kk][m].len ||
				    memcmp(b.p, expected[kk][m].p, b.len) != 0)
					bad++;
			}
		}
	ais_buf_release(&b);
	ais_result_free(res);
	ais_profile_free(p);
	return (void *)(intptr_t)bad;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || !(s = malloc((size_t)n + 1)) ||
	    fread(s, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return s;
}

int
main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	struct ais_error err;
	struct ais_rules *r;
	struct ais_output_cache *c0, *c1;
	struct ais_profile *p;
	struct ais_result *res;
	long bad = 0;
	size_t i;
	int m;

	memset(&err, 0, sizeof err);
	for (i = 1; i < (size_t)argc && ninput < 64; i++)
		input[ninput] = slurp(argv[i], &input_len[ninput]), ninput++;
	r = ais_rules_load_builtin(&err);
	if (!r || ninput == 0) {
		fprintf(stderr, "usage: test_threads PROFILE.json...\n");
		return 2;
	}
	rules = r;
	cache[AIS_LANG_ZH] = c0 = ais_output_cache_new(r, AIS_LANG_ZH);
	cache[AIS_LANG_EN] = c1 = ais_output_cache_new(r, AIS_LANG_EN);
	p = ais_profile_new();
	res = ais_result_new();
	for (i = 0; i < ninput; i++)
		for (m = 0; m < 4; m++)
			if (one(p, res, i, m, &expected[i][m]) < 0)
				return 1;
	ais_result_free(res);
	ais_profile_free(p);
	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i)) {
			fprintf(stderr, "cannot start a thread\n");
			return 1;
		}
	for (i = 0; i < NTHREADS; i++) {
		void *v;

		pthread_join(t[i], &v);
		bad += (long)(intptr_t)v;
	}
	printf("threads: %d threads x %d rounds x %zu profiles x 4 modes: %ld "
	    "differ\n", NTHREADS, ROUNDS, ninput, bad);
	for (i = 0; i < ninput; i++) {
		for (m = 0; m < 4; m++)
			ais_buf_release(&expected[i][m]);
		free(input[i]);
	}
	ais_output_cache_free(c0);
	ais_output_cache_free(c1);
	ais_rules_free(r);
	return bad != 0;
}
