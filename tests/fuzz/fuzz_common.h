/*
 * fuzz_common.h: what the libFuzzer targets of tests/fuzz share: the
 * built-in rules loaded once, a sink for output, and oracles that stop
 * the run (abort) when an invariant of the library does not hold.
 *
 * Every function is static inline, so a target that does not use one gets
 * no warning.  The targets also build with gcc and no libFuzzer, linked
 * with tests/fuzz/replay.c (make fuzz-regress).
 */
#ifndef AIS_FUZZ_COMMON_H
#define AIS_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "aisubsidy.h"
#include "builtin.h"
#include "engine.h"
#include "output.h"
#include "profile.h"
#include "rules.h"

/* The error of a result that could not be written (memory ran out). */
static struct ais_error fuzz_werr;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with a message: libFuzzer reports it as a crash. */
static inline void
fuzz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz: invariant broken: %s%s%s\n", what,
	    detail ? ": " : "", detail ? detail : "");
	abort();
}

/* The built-in rules, loaded on first use and kept for the whole run. */
static inline const struct ais_rules *
fuzz_builtin_rules(void)
{
	static struct ais_rules *r;

	if (!r) {
		struct ais_error err;

		memset(&err, 0, sizeof err);
		r = ais_rules_load_builtin(&err);
		if (!r) {
			char buf[1400];

			ais_error_format(&err, buf, sizeof buf);
			fuzz_fail("the built-in rules do not load", buf);
		}
	}
	return r;
}

/* A FILE that throws away what is written to it. */
static inline FILE *
fuzz_null_file(void)
{
	static FILE *f;

	if (!f) {
		f = fopen("/dev/null", "w");
		if (!f)
			fuzz_fail("unable to open /dev/null", NULL);
	}
	return f;
}

/* The ids of every jurisdiction of r, for ais_calc_opts.jurisdictions
 * (at most 16, as many as the engine follows). */
static inline size_t
fuzz_all_jurisdictions(const struct ais_rules *r, const char *ids[16])
{
	size_t i, n = 0;

	for (i = 0; i < r->nj && n < 16; i++)
		ids[n++] = r->j[i].id;
	return n;
}

/* A date that must parse. */
static inline ais_date
fuzz_date(const char *s)
{
	ais_date d;

	if (ais_date_parse(s, strlen(s), &d) < 0)
		fuzz_fail("bad date in the harness", s);
	return d;
}

/* The writer's output must be JSON: one value per line (a result is one
 * line unless pretty, then the whole buffer is one value). */
static inline void
fuzz_check_json(const char *s, size_t n, int whole)
{
	size_t a = 0;

	while (a < n) {
		size_t b = a;
		cJSON *j;

		if (whole)
			b = n;
		else
			while (b < n && s[b] != '\n')
				b++;
		if (b > a) {
			j = cJSON_ParseWithLength(s + a, b - a);
			if (!j) {
				fprintf(stderr, "fuzz: not JSON: %.*s\n",
				    (int)(b - a > 2000 ? 2000 : b - a), s + a);
				fuzz_fail("the writer wrote text that is not "
				    "JSON", NULL);
			}
			cJSON_Delete(j);
		}
		a = b + 1;
	}
}

/* Whether two results of one profile agree on eligibility and figures
 * (one explained, one not: the explanation must change no figure). */
static inline void
fuzz_check_same_figures(const struct ais_result *a, const struct ais_result *b)
{
	size_t i;

	if (a->items.n != b->items.n)
		fuzz_fail("explain changes the number of items", NULL);
	for (i = 0; i < a->items.n; i++) {
		const struct ais_item *x = &a->items.v[i], *y = &b->items.v[i];

		if (x->program != y->program || x->eligible != y->eligible ||
		    x->has_amount != y->has_amount ||
		    x->has_up_to != y->has_up_to ||
		    (x->has_amount && x->amount != y->amount) ||
		    (x->has_up_to && x->up_to != y->up_to) ||
		    x->capped != y->capped)
			fuzz_fail("explain changes an item's figures",
			    x->program->id);
	}
	if (a->total_amount != b->total_amount ||
	    a->total_up_to != b->total_up_to ||
	    a->total_unquantified != b->total_unquantified)
		fuzz_fail("explain changes the totals", NULL);
}

/* Writes res in every mode the command line has; the output must be JSON,
 * and the same with and without the cache where the cache is used. */
static inline void
fuzz_write_all(const struct ais_result *res,
	const struct ais_output_cache *cache, struct ais_buf *b,
	struct ais_buf *b2)
{
	struct ais_output_opts o;
	int mode, elig, lang;

	/* the cache is in Chinese: the English writes go without it */
	for (lang = 0; lang < 2; lang++)
	for (mode = 0; mode < 2; mode++)
		for (elig = 0; elig < 2; elig++) {
			memset(&o, 0, sizeof o);
			o.mode = mode ? AIS_OUT_COMPACT : AIS_OUT_FULL;
			o.eligible_only = elig;
			o.lang = lang ? AIS_LANG_EN : AIS_LANG_ZH;
			ais_buf_reset(b);
			ais_result_write(res, &o, b, &fuzz_werr);
			fuzz_check_json(b->p, b->len, 0);
			if (cache && !lang) {
				o.cache = cache;
				ais_buf_reset(b2);
				ais_result_write(res, &o, b2, &fuzz_werr);
				if (b->len != b2->len ||
				    memcmp(b->p, b2->p, b->len) != 0)
					fuzz_fail("the output cache changes "
					    "the bytes", mode ? "compact" :
					    "full");
				o.cache = NULL;
			}
			o.pretty = 1;
			ais_buf_reset(b2);
			ais_result_write(res, &o, b2, &fuzz_werr);
			fuzz_check_json(b2->p, b2->len, 1);
		}
}

#endif
