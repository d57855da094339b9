/*
 * test_oom.c: every allocation of the library's entry points made to
 * fail in turn, as SQLite's malloc tests do (make oom).
 *
 * Built with -DAIS_FAULT_INJECTION (util.c's countdown), AddressSanitizer,
 * UndefinedBehaviorSanitizer and the debug arena (every arena allocation
 * a malloc of its own, so every one can fail).  For each operation a clean
 * run gives the expected bytes and counts the allocations; then for
 * n = 0, 1, 2, ... the n-th allocation fails, and the operation must
 * either succeed with the same bytes or fail with exactly AIS_ENOMEM,
 * "out of memory"; no allocation may happen outside a guard, nothing may
 * leak (LeakSanitizer, at exit), and the run ends when the operation
 * succeeds with no failure injected.
 * Every allocation point is tried: some 17,000 before issue 12, in
 * about half a minute; issue 12 added the table, explain, what would
 * qualify and --set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"
#include "batch.h"
#include "catalog.h"
#include "compare.h"
#include "engine.h"
#include "explain.h"
#include "output.h"
#include "profile.h"
#include "reform.h"
#include "report.h"
#include "rules.h"
#include "ruletest.h"
#include "text.h"
#include "util.h"
#include "whatif.h"

#ifndef AIS_FAULT_INJECTION
#error "tests/oom needs -DAIS_FAULT_INJECTION"
#endif

static const char *const examples[] = {
	"examples/chengdu-ai-firm.json",
	"examples/shenzhen-startup.json",
	"examples/sichuan-venture-fund.json",
	"examples/talent-team.json",
	"examples/university-lab.json",
	NULL
};

/* Four lines of a batch, one of them rejected, claims of two years. */
static const char batch_in[] =
	"{\"id\":\"a\",\"as_of\":\"2025-09-01\",\"kind\":\"enterprise\","
	"\"city\":\"chengdu\",\"software_products\":[{\"id\":\"s0\","
	"\"certified_first_version\":true,\"role\":\"both\","
	"\"rd_expenditure\":30000000,\"contract_executed\":40000000}]}\n"
	"{\"id\":\"b\",\"kind\":\"enterprise\",\"city\":\"shenzhen\","
	"\"amount\":-1}\n"
	"{\"id\":\"c\",\"as_of\":\"2025-06-30\",\"kind\":\"enterprise\","
	"\"city\":\"shenzhen\",\"startup\":true}\n"
	"{\"id\":\"d\",\"as_of\":\"2024-03-01\",\"kind\":\"enterprise\","
	"\"city\":\"shenzhen\",\"compute_purchases\":[{\"amount\":100,"
	"\"purpose\":\"model_training\"}]}\n";

/* For tests/rules-dated: contracts pro-rated, of no days, missing what
 * they settled, signed after the claim date and before the validity. */
static const char dated_in[] =
	"{\"id\":\"d\",\"as_of\":\"2026-01-10\",\"kind\":\"enterprise\","
	"\"city\":\"testcity\",\"registered_on\":\"2023-08-31\","
	"\"compute_purchases\":["
	"{\"id\":\"cp-1\",\"amount\":300000,\"purpose\":\"inference\","
	"\"start\":\"2025-01-01\",\"end\":\"2026-12-31\",\"settled\":200000},"
	"{\"id\":\"cp-2\",\"amount\":100000,\"purpose\":\"inference\","
	"\"start\":\"2025-01-01\",\"end\":\"2026-12-31\"},"
	"{\"id\":\"cp-3\",\"amount\":100000,\"purpose\":\"inference\","
	"\"start\":\"2025-05-01\",\"end\":\"2025-05-01\",\"settled\":1},"
	"{\"id\":\"cp-4\",\"amount\":100000,\"signed_on\":\"2026-01-11\"},"
	"{\"id\":\"cp-5\",\"amount\":100000,\"signed_on\":\"2023-08-31\"}],"
	"\"prior_awards\":[{\"program\":\"testcity.prorated_voucher\","
	"\"date\":\"2025-06-01\",\"amount\":1990000}]}";

static int failures;
static unsigned long attempts, points;

static void
fail(const char *op, long n, const char *what)
{
	fprintf(stderr, "FAILED oom: %s, allocation %ld failing: %s\n", op, n,
	    what);
	failures++;
}

/* One operation: fills out with the bytes it made and returns AIS_OK,
 * or returns an error status (out as it was, or anything). */
typedef int (*op_fn)(void *ctx, struct ais_buf *out);

/* Makes b the smallest buffer (64 bytes: room for the bytes before a
 * write), not counted: each attempt grows it as the first did. */
static void
fresh(struct ais_buf *b)
{
	ais_fault_pause(1);
	ais_buf_grow(b, 1);
	ais_fault_pause(0);
}

/*
 * Runs op once clean and then with each chosen allocation failing; the
 * checks of the file's comment.  Returns the allocations of a clean run.
 */
static unsigned long
exercise(const char *name, op_fn op, void *ctx)
{
	struct ais_buf want = AIS_BUF_INIT, got = AIS_BUF_INIT;
	unsigned long total;
	int rc;
	long n, tried = 0;

	ais_fault_fail_after(-1);
	fresh(&want);
	rc = op(ctx, &want);
	total = ais_fault_allocations();
	if (rc != AIS_OK || ais_fault_unguarded() != 0) {
		fail(name, -1, rc != AIS_OK ? "the clean run failed" :
		    "an allocation outside a guard");
		ais_buf_release(&want);
		return total;
	}
	for (n = 0;; n++) {
		ais_buf_release(&got);
		ais_fault_fail_after(n);
		fresh(&got);
		rc = op(ctx, &got);
		attempts++;
		tried++;
		if (ais_fault_unguarded() != 0)
			fail(name, n, "an allocation outside a guard");
		if (!ais_fault_fired()) {
			/* no failure left to inject: the run is over */
			if (rc != AIS_OK)
				fail(name, n, "failed with no failure injected");
			else if (got.len != want.len ||
			    memcmp(got.p, want.p, want.len) != 0)
				fail(name, n, "other bytes than a clean run");
			break;
		}
		points++;
		if (rc == AIS_OK) {
			/* a failure absorbed (an output cache not made):
			 * still the same bytes */
			if (got.len != want.len ||
			    memcmp(got.p, want.p, want.len) != 0)
				fail(name, n, "succeeded with other bytes");
		} else if (rc != AIS_ENOMEM) {
			char msg[64];

			snprintf(msg, sizeof msg, "status %d, not AIS_ENOMEM",
			    rc);
			fail(name, n, msg);
		}
	}
	ais_fault_fail_after(-1);
	printf("oom: %-52s %6lu allocations, %5ld failed\n", name, total,
	    tried - 1);
	ais_buf_release(&want);
	ais_buf_release(&got);
	return total;
}

/* The status an error carries, checked to say "out of memory" when it
 * is AIS_ENOMEM. */
static int
status_of(const struct ais_error *e)
{
	if (e->status == AIS_ENOMEM && strcmp(e->msg, "out of memory") != 0)
		return -1;
	return e->status;
}

/* Loading the built-in rules: the digest and the programs. */
static int
op_rules(void *ctx, struct ais_buf *out)
{
	struct ais_error err;
	struct ais_rules *r;

	(void)ctx;
	memset(&err, 0, sizeof err);
	if ((r = ais_rules_load_builtin(&err)) == NULL)
		return status_of(&err);
	ais_fault_pause(1);	/* the test's own bytes, not counted */
	ais_buf_addf(out, "%s %zu %zu", r->digest, r->nprograms, r->nversions);
	ais_rules_free(r);
	return AIS_OK;
}

/* Loading rules/ from the disk: the files read, then loaded. */
static int
op_rules_dir(void *ctx, struct ais_buf *out)
{
	struct ais_error err;
	struct ais_rules *r;

	(void)ctx;
	memset(&err, 0, sizeof err);
	/* a small directory: the reading of a directory and its files is
	 * what this adds to ais_rules_load_builtin, which parses the same
	 * rules as rules/ (every allocation of that took two minutes) */
	if ((r = ais_rules_load_dir("tests/rules-dated", &err)) == NULL)
		return status_of(&err);
	ais_fault_pause(1);
	ais_buf_addf(out, "%s %zu %zu", r->digest, r->nprograms, r->nversions);
	ais_rules_free(r);
	return AIS_OK;
}

/* A rule set opened for one profile (tests/rules-dated), then what the
 * profile needs parsed: the selective load of a calc (issue 13). */
static int
op_rules_open(void *ctx, struct ais_buf *out)
{
	struct ais_error err;
	struct ais_profile p;
	struct ais_rules *r;
	int rc;

	(void)ctx;
	memset(&err, 0, sizeof err);
	if ((r = ais_rules_open("tests/rules-dated", NULL, 0, &err)) == NULL)
		return status_of(&err);
	ais_profile_init(&p);
	if (ais_profile_read(&p, r, dated_in, sizeof dated_in - 1, &err) < 0 ||
	    (rc = ais_rules_need_profile(r, &p, NULL, 0, &err)) < 0) {
		ais_profile_release(&p);
		ais_rules_free(r);
		return status_of(&err);
	}
	ais_fault_pause(1);
	ais_buf_addf(out, "%s %zu %zu %d", r->digest, r->nprograms,
	    r->nversions, rc);
	ais_profile_release(&p);
	ais_rules_free(r);
	return AIS_OK;
}

/* Issue 13: a reform read from its file and a --set-term, applied to
 * the built-in rules, and a profile evaluated under it. */
struct reform_ctx {
	const struct ais_rules *r;
	struct ais_rule_file f;		/* examples/reform-training-40.yaml */
};

static const char reform_profile[] =
	"{\"id\":\"r\",\"as_of\":\"2026-06-30\",\"kind\":\"enterprise\","
	"\"city\":\"shenzhen\",\"startup\":true,\"compute_purchases\":"
	"[{\"amount\":30000000,\"purpose\":\"model_training\","
	"\"provider_listed\":true,\"affiliated\":false}]}";

static int
op_reform(void *ctx, struct ais_buf *out)
{
	struct reform_ctx *c = ctx;
	struct ais_reform *rf;
	struct ais_rules *rr = NULL;
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_output_opts o;
	struct ais_error err;
	int rc = AIS_OK;

	memset(&err, 0, sizeof err);
	if ((rf = ais_reform_new()) == NULL)
		return AIS_ENOMEM;
	if (ais_reform_read(rf, &c->f, &err) < 0 ||
	    ais_reform_add_set(rf, "shenzhen.corpus_voucher.rate=20%",
	    &err) < 0 ||
	    (rr = ais_rules_reform(c->r, rf, &err)) == NULL) {
		ais_reform_free(rf);
		return status_of(&err);
	}
	ais_reform_free(rf);
	ais_profile_init(&p);
	ais_result_init(&res);
	memset(&co, 0, sizeof co);
	memset(&o, 0, sizeof o);
	co.explain = 1;
	if (ais_profile_read(&p, rr, reform_profile, sizeof reform_profile - 1,
	    &err) < 0 || ais_calc(rr, &p, &co, &res, &err) < 0 ||
	    ais_result_write(&res, &o, out, &err) < 0)
		rc = status_of(&err);
	ais_profile_release(&p);
	ais_result_release(&res);
	ais_rules_free(rr);
	return rc;
}

/* The catalogue of docs/programs.md, in English. */
static int
op_catalog(void *ctx, struct ais_buf *out)
{
	return ais_catalog_write(ctx, AIS_LANG_EN, out) < 0 ? AIS_ENOMEM :
	    AIS_OK;
}

/* The built-in rule tests of Sichuan (all three files, 10,700
 * allocations, take four minutes failed in turn); the bytes are what
 * they print. */
static int
op_ruletest(void *ctx, struct ais_buf *out)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_ruletest_stats st;
	struct ais_error err;
	char *text = NULL;
	size_t len = 0;
	FILE *o;
	int rc;

	memset(&err, 0, sizeof err);
	ais_fault_pause(1);	/* the list of files is the test's */
	ais_rule_files_builtin("rules/tests/", &files);
	while (files.f.n > 0 &&
	    strcmp(files.f.v[0].name, "rules/tests/sichuan.yaml") != 0) {
		memmove(files.f.v, files.f.v + 1,
		    (files.f.n - 1) * sizeof *files.f.v);
		files.f.n--;
	}
	if (files.f.n > 1)
		files.f.n = 1;
	ais_fault_pause(0);
	if ((o = open_memstream(&text, &len)) == NULL) {
		perror("test_oom: a stream for the rule tests");
		exit(1);
	}
	rc = ais_ruletest_run(ctx, files.f.v, files.f.n, 1, o, &st, &err);
	fclose(o);
	ais_fault_pause(1);
	if (rc == 0)
		ais_buf_addf(out, "%s%zu %zu\n", text, st.passed, st.failed);
	free(text);
	ais_rule_files_release(&files);
	return rc == 0 ? AIS_OK : status_of(&err);
}

/* The text of a profile, and what is reused from one attempt to the
 * next (as batch mode reuses them). */
struct prof {
	const struct ais_rules *r;
	const char *json;
	size_t len;
	struct ais_profile p;
	struct ais_result res;
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	const struct ais_program *pg;	/* explain's */
};

/* Writes what a read profile holds: its id and its warnings. */
static void
profile_bytes(const struct ais_profile *p, struct ais_buf *out)
{
	size_t i;

	ais_buf_addf(out, "%s|%s|%d", p->id ? p->id : "-",
	    p->name ? p->name : "-", p->has_as_of);
	for (i = 0; i < p->warnings.n; i++)
		ais_buf_addf(out, "|%s", p->warnings.v[i]);
}

static int
op_read(void *ctx, struct ais_buf *out)
{
	struct prof *c = ctx;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_profile_read(&c->p, c->r, c->json, c->len, &err) < 0)
		return status_of(&err);
	ais_fault_pause(1);
	profile_bytes(&c->p, out);
	return AIS_OK;
}

/* Evaluating the profile read (c->p), in the mode of c->co; the bytes are
 * the result written in full with no failure injected. */
static int
op_calc(void *ctx, struct ais_buf *out)
{
	struct prof *c = ctx;
	struct ais_output_opts o;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_calc(c->r, &c->p, &c->co, &c->res, &err) < 0)
		return status_of(&err);
	ais_fault_pause(1);	/* the bytes to compare, not under test */
	memset(&o, 0, sizeof o);
	o.mode = c->co.explain ? AIS_OUT_FULL : AIS_OUT_COMPACT;
	if (ais_result_write(&c->res, &o, out, &err) < 0)
		return -1;
	return AIS_OK;
}

/* Writing the result c->res with c->oo, after bytes already in the
 * buffer, which a failed write must leave as they were. */
static int
op_write(void *ctx, struct ais_buf *out)
{
	static const char before[] = "bytes before\n";
	struct prof *c = ctx;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	ais_fault_pause(1);	/* the test's own bytes */
	ais_buf_adds(out, before);
	ais_fault_pause(0);
	if (ais_result_write(&c->res, &c->oo, out, &err) < 0) {
		if (out->len != sizeof before - 1 ||
		    memcmp(out->p, before, out->len) != 0)
			return -1;
		return status_of(&err);
	}
	return AIS_OK;
}

/* The table of --format text of c->res, in c->oo's language, in yuan
 * or in 万 (c->oo.pretty standing for --unit wan), after bytes already
 * in the buffer, which a failed write must leave as they were. */
static int
op_text(void *ctx, struct ais_buf *out)
{
	static const char before[] = "bytes before\n";
	struct prof *c = ctx;
	struct ais_text_opts o;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	ais_text_opts_init(&o);
	o.lang = c->oo.lang;
	o.unit = c->oo.pretty ? AIS_UNIT_WAN : AIS_UNIT_YUAN;
	ais_fault_pause(1);
	ais_buf_adds(out, before);
	ais_fault_pause(0);
	if (ais_text_write(&c->res, &o, out, &err) < 0) {
		if (out->len != sizeof before - 1 ||
		    memcmp(out->p, before, out->len) != 0)
			return -1;
		return status_of(&err);
	}
	return AIS_OK;
}

/* What would qualify for the profile read (c->p): evaluated with no
 * failure, then ais_qualify under test; the bytes are the result with
 * its to_qualify, written with no failure injected. */
static int
op_qualify(void *ctx, struct ais_buf *out)
{
	struct prof *c = ctx;
	struct ais_output_opts o;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	ais_fault_pause(1);
	if (ais_calc(c->r, &c->p, &c->co, &c->res, &err) < 0)
		return -1;
	ais_fault_pause(0);
	if (ais_qualify(c->r, c->json, c->len, &c->p, &c->co, c->oo.lang,
	    &c->res, &err) < 0)
		return status_of(&err);
	ais_fault_pause(1);
	memset(&o, 0, sizeof o);
	o.mode = AIS_OUT_FULL;
	o.lang = c->oo.lang;
	if (ais_result_write(&c->res, &o, out, &err) < 0)
		return -1;
	return AIS_OK;
}

/* explain of the first program of the profile's places, with what would
 * qualify, into the buffer (as it was when it fails). */
static int
op_explain(void *ctx, struct ais_buf *out)
{
	struct prof *c = ctx;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_explain(c->r, c->pg, &c->p, c->json, c->len, &c->co, c->oo.lang,
	    &c->res, out, &err) < 0) {
		if (out->len != 0)
			return -1;
		return status_of(&err);
	}
	return AIS_OK;
}

/* --set: two sets spliced into the profile's text. */
static int
op_whatif(void *ctx, struct ais_buf *out)
{
	static const char *const sets[] = {
		"revenue.ai_share=0.62",
		"compute_purchases[0].amount=8000000"
	};
	struct prof *c = ctx;
	struct ais_error err;
	size_t n = strstr(c->json, "compute_purchases") ? 2 : 1;

	memset(&err, 0, sizeof err);
	if (ais_whatif_apply(c->json, c->len, sets, n, out, &err) < 0) {
		if (out->len != 0)
			return -1;
		return status_of(&err);
	}
	return AIS_OK;
}

/* The report page of a compare report (tests/report/reform.json). */
static int
op_report(void *ctx, struct ais_buf *out)
{
	const struct ais_buf *json = ctx;
	struct ais_error err;

	memset(&err, 0, sizeof err);
	if (ais_report_html(json->p, json->len, AIS_LANG_ZH, out, &err) < 0) {
		if (out->len != 0)
			return -1;
		return status_of(&err);
	}
	return AIS_OK;
}

/* A batch run of batch_in with the summary, in full mode, and then the
 * same lines into the pools. */
struct batch_ctx {
	const struct ais_rules *r;
	int pools;
	int text;	/* --format text */
	int jobs;	/* --jobs: the allocations of this thread fail in
			 * turn (the ring, the chunks, the workers' states);
			 * the workers' own are tests/unit/test_par.c's */
};

static int
op_batch(void *ctx, struct ais_buf *out)
{
	struct batch_ctx *c = ctx;
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_tally tally;
	struct ais_pools pools;
	struct ais_batch b;
	struct ais_text_opts topts;
	FILE *in, *o, *msgs;
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	co.as_of = ais_date_from_ymd(2025, 9, 1);
	co.explain = !c->pools;
	oo.lang = AIS_LANG_EN;
	memset(&b, 0, sizeof b);
	b.rules = c->r;
	b.copts = &co;
	b.oopts = &oo;
	b.name = "<test>";
	b.jobs = c->jobs;
	ais_text_opts_init(&topts);
	topts.lang = AIS_LANG_EN;
	if (c->text)
		b.text = &topts;
	if (c->pools) {
		if (ais_pools_init(&pools, c->r, co.as_of) < 0)
			return AIS_ENOMEM;
		b.pools = &pools;
		b.quiet = 1;
	} else {
		if (ais_tally_init(&tally, c->r) < 0)
			return AIS_ENOMEM;
		b.tally = &tally;
	}
	in = fmemopen((void *)batch_in, sizeof batch_in - 1, "rb");
	o = open_memstream(&text, &len);
	msgs = fopen("/dev/null", "w");
	if (!in || !o || !msgs) {
		perror("test_oom: a stream for the batch");
		exit(1);
	}
	rc = ais_batch_run(&b, in, o, msgs);
	fclose(in);
	fclose(msgs);
	fflush(o);
	if (rc == AIS_EPROFILE)		/* line 2 is rejected */
		rc = AIS_OK;
	if (rc == AIS_OK && c->pools) {
		struct ais_buf extra = AIS_BUF_INIT;

		if (ais_pools_allocate(&pools) < 0 ||
		    ais_pools_write_report(&pools, 0, &extra) < 0 ||
		    ais_pools_write_claims(&pools, &extra) < 0)
			rc = AIS_ENOMEM;
		else
			fwrite(extra.p, 1, extra.len, o);
		ais_buf_release(&extra);
	} else if (rc == AIS_OK) {
		struct ais_buf extra = AIS_BUF_INIT;

		if (ais_tally_write(&tally, 1, &extra) < 0)
			rc = AIS_ENOMEM;
		else
			fwrite(extra.p, 1, extra.len, o);
		ais_buf_release(&extra);
	}
	fclose(o);
	ais_fault_pause(1);
	if (rc == AIS_OK)
		ais_buf_add(out, text, len);
	free(text);
	if (c->pools)
		ais_pools_release(&pools);
	else
		ais_tally_release(&tally);
	return rc;
}

/* compare (issue 13): batch_in under the rules and a reform of Chengdu's
 * first-version software award (a loser), on the calling thread (the failures are counted per
 * thread), the report and the changes. */
struct compare_ctx {
	const struct ais_rules *r, *rf;
};

static int
op_compare(void *ctx, struct ais_buf *out)
{
	struct compare_ctx *c = ctx;
	struct ais_compare_opts o;
	struct ais_calc_opts co;
	FILE *in, *ch, *msgs;
	char *text = NULL;
	size_t len = 0;
	int rc;

	memset(&co, 0, sizeof co);
	co.as_of = ais_date_from_ymd(2025, 9, 1);
	memset(&o, 0, sizeof o);
	o.base = c->r;
	o.reform = c->rf;
	o.copts = &co;
	o.name = "<test>";
	o.jobs = 1;
	o.top = 2;
	in = fmemopen((void *)batch_in, sizeof batch_in - 1, "rb");
	ch = open_memstream(&text, &len);
	msgs = fopen("/dev/null", "w");
	if (!in || !ch || !msgs) {
		perror("test_oom: a stream for compare");
		exit(1);
	}
	o.changes = ch;
	rc = ais_compare_run(&o, in, out, msgs);
	fclose(in);
	fclose(msgs);
	fclose(ch);
	if (rc == AIS_EPROFILE)		/* line 2 is rejected */
		rc = AIS_OK;
	ais_fault_pause(1);
	if (rc == AIS_OK)
		ais_buf_add(out, text, len);
	free(text);
	return rc;
}

/* The whole text of file path, for the profiles (not the library's
 * reader: this test's own memory is not counted). */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "test_oom: unable to read '%s': %s\n", path,
		    strerror(errno));
		exit(1);
	}
	p = malloc((size_t)n + 1);
	if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "test_oom: unable to read '%s'\n", path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

/*
 * Reads, evaluates (full and compact) and writes (every way) the profile
 * of file path against r, each with every allocation failing in turn;
 * adds the allocation points to *total.  0, or -1 when the clean run
 * fails.
 */
static int
exercise_profile(const struct ais_rules *r, const char *path,
	unsigned long *total)
{
	static const enum ais_lang langs[] = {AIS_LANG_ZH, AIS_LANG_EN};
	struct ais_error err;
	struct prof c;
	char name[160];
	char *json;
	size_t k, m;

	memset(&c, 0, sizeof c);
	c.r = r;
	json = slurp(path, &c.len);
	c.json = json;
	ais_profile_init(&c.p);
	ais_result_init(&c.res);
	c.co.as_of = ais_date_from_ymd(2025, 9, 1);
	snprintf(name, sizeof name, "ais_profile_read %s", path);
	*total += exercise(name, op_read, &c);
	for (k = 0; k < 2; k++) {
		c.co.explain = k == 0;
		snprintf(name, sizeof name, "ais_calc %s %s", k ? "compact" :
		    "full", path);
		*total += exercise(name, op_calc, &c);
	}
	/* the result of the full mode, written every way */
	ais_fault_fail_after(-1);
	c.co.explain = 1;
	if (ais_calc(r, &c.p, &c.co, &c.res, &err) < 0) {
		fprintf(stderr, "test_oom: %s: %s\n", path, err.msg);
		return -1;
	}
	for (k = 0; k < 3; k++)
		for (m = 0; m < 2; m++) {
			static const char *const mode[] = {"full", "compact",
			    "pretty"};

			memset(&c.oo, 0, sizeof c.oo);
			c.oo.mode = k == 1 ? AIS_OUT_COMPACT : AIS_OUT_FULL;
			c.oo.pretty = k == 2;
			c.oo.lang = langs[m];
			snprintf(name, sizeof name, "ais_result_write %s %s %s",
			    mode[k], m ? "en" : "zh", path);
			*total += exercise(name, op_write, &c);
		}
	/* the table, what would qualify, explain and --set: for the first
	 * two examples (the others add minutes, not paths: every answer of
	 * to_qualify evaluates the profile again) */
	if (path != examples[0] && path != examples[1])
		goto done;
	/* the same result as the table, in both languages and units */
	for (k = 0; k < 2; k++)
		for (m = 0; m < 2; m++) {
			memset(&c.oo, 0, sizeof c.oo);
			c.oo.lang = langs[m];
			c.oo.pretty = k == 1;	/* --unit wan */
			snprintf(name, sizeof name, "ais_text_write %s %s %s",
			    k ? "wan" : "yuan", m ? "en" : "zh", path);
			*total += exercise(name, op_text, &c);
		}
	memset(&c.oo, 0, sizeof c.oo);
	c.oo.lang = AIS_LANG_EN;
	snprintf(name, sizeof name, "ais_qualify en %s", path);
	*total += exercise(name, op_qualify, &c);
	/* the first program of its places, chosen once: a failed explain
	 * leaves its result half made */
	c.pg = c.res.items.n ? c.res.items.v[0].program :
	    &r->j[0].programs[0];
	snprintf(name, sizeof name, "ais_explain en %s", path);
	*total += exercise(name, op_explain, &c);
	snprintf(name, sizeof name, "ais_whatif_apply %s", path);
	*total += exercise(name, op_whatif, &c);
done:
	ais_profile_release(&c.p);
	ais_result_release(&c.res);
	free(json);
	return 0;
}

int
main(void)
{
	struct ais_error err;
	struct ais_rules *r;
	unsigned long total = 0;
	size_t i;

	total += exercise("ais_rules_load_builtin", op_rules, NULL);
	memset(&err, 0, sizeof err);
	ais_fault_fail_after(-1);
	if ((r = ais_rules_load_builtin(&err)) == NULL) {
		fprintf(stderr, "test_oom: the built-in rules: %s\n", err.msg);
		return 1;
	}
	total += exercise("ais_rules_load_dir tests/rules-dated", op_rules_dir, NULL);
	total += exercise("ais_rules_open tests/rules-dated", op_rules_open, NULL);
	total += exercise("ais_catalog_write en", op_catalog, r);
	total += exercise("ais_ruletest_run rules/tests/sichuan.yaml", op_ruletest, r);
	{
		struct reform_ctx c;
		char *data;

		ais_fault_fail_after(-1);
		c.r = r;
		c.f.name = "examples/reform-training-40.yaml";
		c.f.layer = 0;
		if ((data = slurp(c.f.name, &c.f.len)) == NULL)
			return 1;
		c.f.data = data;
		total += exercise("ais_rules_reform examples/reform-training-40",
		    op_reform, &c);
		free(data);
	}
	for (i = 0; examples[i] != NULL; i++)
		if (exercise_profile(r, examples[i], &total) < 0)
			return 1;
	/* the claims ledger: caps that accumulate and once per contract,
	 * in a rule set of their own */
	{
		struct ais_rules *lr;

		ais_fault_fail_after(-1);
		if ((lr = ais_rules_load_dir("tests/rules-ledger", &err)) ==
		    NULL) {
			fprintf(stderr, "test_oom: tests/rules-ledger: %s\n",
			    err.msg);
			return 1;
		}
		if (exercise_profile(lr, "tests/cli/ledger-full.in", &total) < 0)
			return 1;
		ais_rules_free(lr);
	}
	{
		/* division, months and dated entries, in their own rules */
		struct ais_rules *dr;
		struct prof c;
		char name[128];
		int k;

		memset(&c, 0, sizeof c);
		ais_fault_fail_after(-1);
		c.r = dr = ais_rules_load_dir("tests/rules-dated", &err);
		if (dr == NULL) {
			fprintf(stderr, "test_oom: tests/rules-dated: %s\n",
			    err.msg);
			return 1;
		}
		c.json = dated_in;
		c.len = sizeof dated_in - 1;
		ais_profile_init(&c.p);
		ais_result_init(&c.res);
		total += exercise("ais_profile_read dated", op_read, &c);
		for (k = 0; k < 2; k++) {
			c.co.explain = k == 0;
			snprintf(name, sizeof name, "ais_calc %s tests/rules-dated",
			    k ? "compact" : "full");
			total += exercise(name, op_calc, &c);
		}
		ais_profile_release(&c.p);
		ais_result_release(&c.res);
		ais_rules_free(dr);
	}
	{
		struct batch_ctx c = {r, 0, 0, 0};

		total += exercise("ais_batch_run full, summary", op_batch, &c);
		c.text = 1;
		total += exercise("ais_batch_run text, summary", op_batch, &c);
		/* text: the JSON modes add two output caches' 4,800
		 * allocations, which the runs above fail already */
		c.jobs = 2;
		total += exercise("ais_batch_run text, summary, jobs 2",
		    op_batch, &c);
		c.jobs = 0;
		c.text = 0;
		c.pools = 1;
		total += exercise("ais_batch_run compact, pools", op_batch, &c);
	}
	{
		/* line a's award held to 100万 (both of its awards) */
		static const char *const set[] = {
		    "chengdu.first_version_software.awards[0].cap=100万",
		    "chengdu.first_version_software.awards[1].cap=100万"
		};
		struct compare_ctx c = {r, NULL};
		struct ais_reform *rf;
		struct ais_rules *rr = NULL;

		ais_fault_fail_after(-1);
		rf = ais_reform_new();
		if (!rf || ais_reform_add_set(rf, set[0], &err) < 0 ||
		    ais_reform_add_set(rf, set[1], &err) < 0 ||
		    (rr = ais_rules_reform(r, rf, &err)) == NULL) {
			fprintf(stderr, "test_oom: the reform: %s\n", err.msg);
			return 1;
		}
		ais_reform_free(rf);
		c.rf = rr;
		total += exercise("ais_compare_run -j1, changes", op_compare, &c);
		c.rf = NULL;
		total += exercise("ais_compare_run baseline", op_compare, &c);
		ais_rules_free(rr);
	}
	{
		struct ais_buf json = AIS_BUF_INIT;
		char chunk[4096];
		size_t n;
		FILE *f = fopen("tests/report/reform.json", "rb");

		if (!f) {
			perror("test_oom: tests/report/reform.json");
			return 1;
		}
		ais_fault_fail_after(-1);
		ais_fault_pause(1);
		while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
			ais_buf_add(&json, chunk, n);
		ais_fault_pause(0);
		fclose(f);
		total += exercise("ais_report_html tests/report/reform.json",
		    op_report, &json);
		ais_buf_release(&json);
	}
	ais_rules_free(r);
	printf("oom: %lu allocation points, %lu failed in turn in %lu runs: "
	    "%s\n", total, points, attempts, failures ? "FAILED" : "passed");
	return failures ? 1 : 0;
}
