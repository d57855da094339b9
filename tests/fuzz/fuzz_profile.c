/*
 * fuzz_profile: the whole `calc` path on one fuzzed profile.
 *
 * The input is a JSON profile.  It is read (ais_profile_read), evaluated
 * against the built-in rules with and without the explanation and on
 * several claim dates, once for the applicant's own city and once for
 * every jurisdiction of the rules, and each result is written in the full
 * and the compact mode, eligible-only or not, indented or not, with and
 * without the output cache.  Oracles: every output is JSON, the cache
 * changes no byte, the explanation changes no figure, a second read into
 * the same profile gives the same figures.
 */
#include "fuzz_common.h"

static struct ais_output_cache *cache;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	cache = ais_output_cache_new(fuzz_builtin_rules(), AIS_LANG_ZH);
	return 0;
}

/* Evaluates p once; 0, or -1 when the engine refused it (err filled). */
static int
calc(const struct ais_rules *r, const struct ais_profile *p, int explain,
	const char *as_of, int everywhere, struct ais_result *res,
	struct ais_error *err)
{
	struct ais_calc_opts o;
	const char *ids[16];

	memset(&o, 0, sizeof o);
	o.as_of = fuzz_date(as_of);
	o.explain = explain;
	if (everywhere) {
		o.njurisdictions = fuzz_all_jurisdictions(r, ids);
		o.jurisdictions = ids;
	}
	memset(err, 0, sizeof *err);
	return ais_calc(r, p, &o, res, err);
}

static void
error_out(const char *id, const struct ais_error *err, struct ais_buf *b)
{
	char msg[1400];

	ais_error_format(err, msg, sizeof msg);
	ais_buf_reset(b);
	ais_error_record_write(7, id, err, b);
	fuzz_check_json(b->p, b->len, 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dates[] = {
		"2025-06-30", "2024-01-01", "2026-12-31"
	};
	const struct ais_rules *r = fuzz_builtin_rules();
	struct ais_profile p;
	struct ais_result res, plain;
	struct ais_buf b = AIS_BUF_INIT, b2 = AIS_BUF_INIT;
	struct ais_error err;
	const char *json = (const char *)data;
	size_t i;
	int rc, rc2;

	ais_profile_init(&p);
	ais_result_init(&res);
	ais_result_init(&plain);
	memset(&err, 0, sizeof err);
	if (ais_profile_read(&p, r, json, size, &err) < 0) {
		/* p.id is kept when it could be read, as batch mode uses it */
		error_out(p.id, &err, &b);
		goto out;
	}
	for (i = 0; i < sizeof dates / sizeof *dates; i++) {
		int everywhere;

		for (everywhere = 0; everywhere < 2; everywhere++) {
			rc = calc(r, &p, 1, dates[i], everywhere, &res, &err);
			if (rc < 0)
				error_out(p.id, &err, &b);
			rc2 = calc(r, &p, 0, dates[i], everywhere, &plain,
			    &err);
			if ((rc < 0) != (rc2 < 0))
				fuzz_fail("explain changes whether the profile "
				    "is accepted", NULL);
			if (rc < 0)
				continue;
			fuzz_check_same_figures(&res, &plain);
			/* the full variety of output for the first date */
			if (i == 0) {
				fuzz_write_all(&res, cache, &b, &b2);
				fuzz_write_all(&plain, cache, &b, &b2);
			} else {
				struct ais_output_opts oo;

				memset(&oo, 0, sizeof oo);
				ais_buf_reset(&b);
				ais_result_write(&res, &oo, &b, &fuzz_werr);
				oo.mode = AIS_OUT_COMPACT;
				ais_result_write(&plain, &oo, &b, &fuzz_werr);
				fuzz_check_json(b.p, b.len, 0);
			}
		}
	}
	/* a second read into the same profile, as batch mode does, must
	 * give the same figures (plain keeps only numbers and program
	 * pointers of the first read that are compared) */
	rc = calc(r, &p, 0, dates[0], 0, &plain, &err);
	if (ais_profile_read(&p, r, json, size, &err) < 0)
		fuzz_fail("a profile read once is refused the second time",
		    NULL);
	rc2 = calc(r, &p, 0, dates[0], 0, &res, &err);
	if ((rc < 0) != (rc2 < 0))
		fuzz_fail("a second read changes whether the profile is "
		    "accepted", NULL);
	if (rc == 0)
		fuzz_check_same_figures(&res, &plain);
out:
	ais_buf_release(&b);
	ais_buf_release(&b2);
	ais_result_release(&res);
	ais_result_release(&plain);
	ais_profile_release(&p);
	return 0;
}
