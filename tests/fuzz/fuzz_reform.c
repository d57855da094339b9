/*
 * fuzz_reform: a reform file and --set-term texts applied to the built-in
 * rules (issue 13, src/reform.c).
 *
 * The input is zero or more lines "set:PROGRAM.TERM=VALUE" (each a
 * --set-term), then a reform file (when anything is left).  Oracles: a
 * reform that fails says why with AIS_ERULES (and its file) or AIS_EUSAGE
 * (a --set-term text), never anything else but AIS_ENOMEM; one that
 * applies keeps the base's indices and digest, its profile's result is
 * JSON naming the reform in its receipt, the same reform applied again
 * gives the same bytes, and the base gives the same bytes as before any
 * reform was applied (the base is never written to).
 */
#include "fuzz_common.h"
#include "reform.h"

static const char profile[] =
	"{\"id\":\"F\",\"as_of\":\"2026-06-30\",\"kind\":\"enterprise\","
	"\"city\":\"shenzhen\",\"startup\":true,\"compute_purchases\":"
	"[{\"amount\":30000000,\"purpose\":\"model_training\","
	"\"provider_listed\":true,\"affiliated\":false}],"
	"\"corpus_purchases\":[{\"amount\":1000000,\"via_exchange\":true,"
	"\"affiliated\":false,\"purpose\":\"model_rnd\"}]}";

static struct ais_buf base_bytes = AIS_BUF_INIT;

/* The full result of profile under r, into b (emptied first). */
static void
evaluate(const struct ais_rules *r, struct ais_buf *b)
{
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_output_opts o;
	struct ais_error err;

	memset(&co, 0, sizeof co);
	memset(&o, 0, sizeof o);
	memset(&err, 0, sizeof err);
	co.explain = 1;
	ais_buf_reset(b);
	ais_profile_init(&p);
	ais_result_init(&res);
	if (ais_profile_read(&p, r, profile, sizeof profile - 1, &err) == 0 &&
	    ais_calc(r, &p, &co, &res, &err) == 0)
		ais_result_write(&res, &o, b, &fuzz_werr);
	ais_profile_release(&p);
	ais_result_release(&res);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	evaluate(fuzz_builtin_rules(), &base_bytes);
	return 0;
}

/* The reform of data[0..size) applied to base, or NULL (err filled). */
static struct ais_rules *
apply(const struct ais_rules *base, const char *data, size_t size,
	struct ais_error *err)
{
	struct ais_reform *rf = ais_reform_new();
	struct ais_rules *r = NULL;
	const char *p = data, *end = data + size;
	char line[512];

	if (!rf) {
		err->status = AIS_ENOMEM;
		return NULL;
	}
	while ((size_t)(end - p) > 4 && memcmp(p, "set:", 4) == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = (size_t)((nl ? nl : end) - (p + 4));

		if (n >= sizeof line || memchr(p + 4, '\0', n))
			break;
		memcpy(line, p + 4, n);
		line[n] = '\0';
		if (ais_reform_add_set(rf, line, err) < 0)
			goto out;
		p = nl ? nl + 1 : end;
	}
	if (p < end) {
		struct ais_rule_file f;

		f.name = "reform.yaml";
		f.data = p;
		f.len = (size_t)(end - p);
		f.layer = 0;
		if (ais_reform_read(rf, &f, err) < 0)
			goto out;
	}
	r = ais_rules_reform(base, rf, err);
out:
	ais_reform_free(rf);
	return r;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ais_rules *base = fuzz_builtin_rules();
	struct ais_rules *r, *again;
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	r = apply(base, (const char *)data, size, &err);
	if (!r) {
		if (err.status != AIS_ERULES && err.status != AIS_EUSAGE &&
		    err.status != AIS_ENOMEM)
			fuzz_fail("a reform refused with another status",
			    err.msg);
		if (err.status == AIS_ERULES && !err.file[0])
			fuzz_fail("a reform refused with no file", err.msg);
		return 0;
	}
	if (r->nprograms != base->nprograms || r->nj != base->nj ||
	    r->nconditions != base->nconditions ||
	    r->nversions < base->nversions ||
	    strcmp(r->digest, base->digest) != 0 || r->base != base ||
	    !r->reform_id)
		fuzz_fail("the reform's rule set is not the base's shape", NULL);
	evaluate(r, &a);
	fuzz_check_json(a.p, a.len, 0);
	if (a.len && !strstr(a.p, "\"reform\":{\"id\":"))
		fuzz_fail("the receipt does not name the reform", NULL);
	memset(&err, 0, sizeof err);
	again = apply(base, (const char *)data, size, &err);
	if (!again)
		fuzz_fail("the same reform failed the second time", err.msg);
	evaluate(again, &b);
	if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
		fuzz_fail("the same reform gave other bytes", NULL);
	ais_rules_free(again);
	ais_rules_free(r);
	evaluate(base, &b);
	if (b.len != base_bytes.len || memcmp(b.p, base_bytes.p, b.len) != 0)
		fuzz_fail("the base changed under a reform", NULL);
	ais_buf_release(&a);
	ais_buf_release(&b);
	return 0;
}
