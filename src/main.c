/*
 * main.c: the aisubsidy command line, a thin layer over libaisubsidy.
 *
 * Results go to standard output, messages to standard error; the exit
 * status is one of enum ais_status (README.md, aisubsidy.1).
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aisubsidy.h"
#include "batch.h"
#include "builtin.h"
#include "catalog.h"
#include "engine.h"
#include "output.h"
#include "pool.h"
#include "profile.h"
#include "rules.h"
#include "ruletest.h"
#include "tally.h"

static const char usage_text[] =
"usage: aisubsidy calc [--rules DIR] [--as-of DATE] [--jurisdiction ID]...\n"
"                      [--eligible-only] [--pretty] [--compact] [--batch]\n"
"                      [--summary] [--summary-file FILE] FILE|-\n"
"       aisubsidy pool [--rules DIR] [--as-of DATE] [--jurisdiction ID]...\n"
"                      [--allocations FILE] [--pretty] FILE|-\n"
"       aisubsidy test [--verbose] [DIR]\n"
"       aisubsidy programs [--rules DIR]\n"
"       aisubsidy --help | --version\n";

static const char help_text[] =
"\n"
"Computes the Chinese local AI-industry subsidies an applicant qualifies\n"
"for, item by item, from the rules of each city and province.\n"
"\n"
"commands:\n"
"  calc FILE|-          evaluate the JSON profile in FILE (- for standard\n"
"                       input); input with one profile a line is batch\n"
"  test [DIR]           run the rule tests: the built-in ones, or those of\n"
"                       DIR/tests/*.yaml against the rules DIR/*.yaml\n"
"  programs             list every program with its terms and sources, as\n"
"                       Markdown (docs/programs.md is this list)\n"
"\n"
"options of calc:\n"
"  --rules DIR          use the rule files DIR/*.yaml instead of the\n"
"                       built-in rules (also: AISUBSIDY_RULES=DIR)\n"
"  --as-of DATE         claim date YYYY-MM-DD for profiles without as_of\n"
"                       (default: today)\n"
"  --jurisdiction ID    evaluate as if located in ID (and its province);\n"
"                       may be repeated\n"
"  --eligible-only      list only the programs the applicant qualifies for\n"
"  --pretty             indent the JSON for people\n"
"  --compact            per profile only id, totals and eligible amounts\n"
"  --batch              one profile a line (JSON Lines), one result a line\n"
"  --summary            after the results, one line {\"summary\": ...}: per\n"
"                       program applicants eligible and amounts; totals\n"
"  --summary-file FILE  write that summary to FILE instead\n"
"\n"
"pool FILE|-            apply each program's annual budget pool to the\n"
"                       profiles of FILE (one a line) and report, per pool,\n"
"                       demand, paid, fill ratio and applicants cut\n"
"  --allocations FILE   write each claim and what it is paid, a line each\n"
"\n"
"exit status: 0 every profile evaluated; 1 a profile was rejected;\n"
"2 wrong usage; 3 the rules could not be loaded; 4 output failed or a\n"
"rule test failed.\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "aisubsidy: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	return AIS_EUSAGE;
}

static void
print_error(const char *file, const struct ais_error *e)
{
	ais_error_print(stderr, file, e);
}

static int
flush_out(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno == EPIPE)
			return AIS_OK;
		fprintf(stderr, "aisubsidy: unable to write the result: %s\n",
		    strerror(errno));
		return AIS_EIO;
	}
	return AIS_OK;
}

struct calc_args {
	const char *rules_dir;
	const char *file;
	struct ais_calc_opts copts;
	struct ais_output_opts oopts;
	int batch;
	AIS_VEC(const char *) jur;	/* --jurisdiction, on the heap */
	int summary;			/* --summary */
	const char *summary_file;	/* --summary-file FILE */
	const char *allocations;	/* pool --allocations FILE */
};

static struct ais_rules *
load_rules(const char *dir, struct ais_error *err)
{
	if (dir)
		return ais_rules_load_dir(dir, err);
	return ais_rules_load_builtin(err);
}

/* Whether text holds several lines that are each one JSON object. */
static int
looks_like_lines(const char *s, size_t n)
{
	size_t i = 0, lines = 0;

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n) {
		size_t a = i, b;

		while (i < n && s[i] != '\n')
			i++;
		b = i;
		i++;
		while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
		    s[b - 1] == '\r'))
			b--;
		if (a == b)
			continue;
		if (s[a] != '{' || s[b - 1] != '}')
			return 0;
		lines++;
	}
	return lines > 1;
}

/* What a batch run does with each line besides writing its result. */
struct batch_hooks {
	struct ais_tally *tally;	/* --summary, or NULL */
	struct ais_pools *pools;	/* pool, or NULL */
	int quiet;			/* no result lines */
};

/* The input's name in messages. */
static const char *
input_name(const struct calc_args *a)
{
	return strcmp(a->file, "-") == 0 ? "<stdin>" : a->file;
}

/*
 * Evaluates one profile a line from in (ais_batch_run).  Output is
 * flushed after every line when the input is a pipe or a terminal, so
 * that a pipeline sees each result as soon as its profile is read; from
 * a regular file it is read and written in blocks of 64 KiB.
 */
static int
run_batch(const struct ais_rules *r, const struct calc_args *a, FILE *in,
	const struct batch_hooks *h)
{
	struct ais_batch b;
	struct stat st;
	int rc;

	memset(&b, 0, sizeof b);
	b.rules = r;
	b.copts = &a->copts;
	b.oopts = &a->oopts;
	b.name = input_name(a);
	b.tally = h->tally;
	b.pools = h->pools;
	b.quiet = h->quiet;
	b.stream = fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode);
	if (!b.stream) {
		/* a file: read it in large pieces (glibc takes the size only
		 * with a buffer; the stream may be stdin, which outlives this
		 * call, so the buffer is static) */
		static char inbuf[1 << 16];

		setvbuf(in, inbuf, _IOFBF, sizeof inbuf);
	}
	rc = ais_batch_run(&b, in, stdout, stderr);
	if (rc == AIS_EIO)
		rc = AIS_OK;	/* flush_out says what failed, or a closed pipe */
	if (flush_out() != AIS_OK)
		return AIS_EIO;
	return rc;
}

/* Writes b to path ("-" is standard output); AIS_OK or AIS_EIO. */
static int
write_to(const char *path, const struct ais_buf *b)
{
	FILE *f;
	int ok;

	struct stat sp, so;

	/* "-", or a name of standard output itself (/dev/stdout when it is
	 * redirected to a file): opening it again would truncate the file */
	if (strcmp(path, "-") == 0 || (stat(path, &sp) == 0 &&
	    fstat(fileno(stdout), &so) == 0 && sp.st_dev == so.st_dev &&
	    sp.st_ino == so.st_ino)) {
		fwrite(b->p, 1, b->len, stdout);
		return flush_out();
	}
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n", path,
		    strerror(errno));
		return AIS_EIO;
	}
	ok = fwrite(b->p, 1, b->len, f) == b->len;
	ok &= fclose(f) == 0;
	if (!ok) {
		fprintf(stderr, "aisubsidy: unable to write '%s': %s\n", path,
		    strerror(errno));
		return AIS_EIO;
	}
	return AIS_OK;
}

/*
 * calc and pool: both read profiles and evaluate them; calc writes the
 * results, pool shares the budget pools out among them and writes the
 * report.
 */
static int
cmd_calc(int argc, char **argv, int pool_mode)
{
	struct calc_args a;
	struct ais_rules *r = NULL;
	struct ais_error err;
	struct ais_tally tally;
	struct ais_pools pools;
	struct batch_hooks hooks;
	struct ais_buf extra = AIS_BUF_INIT;
	FILE *in = NULL;
	char *data = NULL;
	size_t len = 0;
	int i, rc, rc2 = AIS_OK;

	memset(&a, 0, sizeof a);
	memset(&err, 0, sizeof err);
	memset(&hooks, 0, sizeof hooks);
	a.copts.explain = 1;
	a.copts.as_of = ais_date_today();
	a.rules_dir = getenv("AISUBSIDY_RULES");
	if (a.rules_dir && !*a.rules_dir)
		a.rules_dir = NULL;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i];

		if (strcmp(o, "--rules") == 0 || strcmp(o, "--as-of") == 0 ||
		    strcmp(o, "--jurisdiction") == 0 ||
		    (!pool_mode && strcmp(o, "--summary-file") == 0) ||
		    (pool_mode && strcmp(o, "--allocations") == 0)) {
			if (i + 1 >= argc) {
				rc = usage_error("option '%s' needs a value", o);
				goto out;
			}
			i++;
			if (strcmp(o, "--rules") == 0) {
				a.rules_dir = argv[i];
			} else if (strcmp(o, "--as-of") == 0) {
				if (ais_date_parse(argv[i], strlen(argv[i]),
				    &a.copts.as_of) < 0) {
					rc = usage_error("--as-of needs a date "
					    "YYYY-MM-DD, not '%s'", argv[i]);
					goto out;
				}
			} else if (strcmp(o, "--summary-file") == 0) {
				a.summary_file = argv[i];
			} else if (strcmp(o, "--allocations") == 0) {
				a.allocations = argv[i];
			} else {
				*AIS_VEC_PUSH(NULL, a.jur) = argv[i];
			}
		} else if (strcmp(o, "--pretty") == 0) {
			a.oopts.pretty = 1;
		} else if (!pool_mode && strcmp(o, "--eligible-only") == 0) {
			a.oopts.eligible_only = 1;
		} else if (!pool_mode && strcmp(o, "--compact") == 0) {
			a.oopts.mode = AIS_OUT_COMPACT;
			a.copts.explain = 0;
		} else if (!pool_mode && strcmp(o, "--batch") == 0) {
			a.batch = 1;
		} else if (!pool_mode && strcmp(o, "--summary") == 0) {
			a.summary = 1;
		} else if (strcmp(o, "-") != 0 && o[0] == '-') {
			rc = usage_error("unknown option '%s'", o);
			goto out;
		} else if (a.file) {
			rc = usage_error("one input only, not also '%s'", o);
			goto out;
		} else {
			a.file = o;
		}
	}
	if (!a.file) {
		rc = usage_error("%s needs a profile FILE, or - for standard "
		    "input", pool_mode ? "pool" : "calc");
		goto out;
	}
	r = load_rules(a.rules_dir, &err);
	if (!r) {
		print_error(NULL, &err);
		rc = AIS_ERULES;
		goto out;
	}
	for (i = 0; (size_t)i < a.jur.n; i++)
		if (!ais_rules_find(r, a.jur.v[i], strlen(a.jur.v[i]))) {
			fprintf(stderr, "aisubsidy: --jurisdiction '%s' is not "
			    "in the rules\n", a.jur.v[i]);
			rc = AIS_EUSAGE;
			goto out;
		}
	a.copts.jurisdictions = a.jur.v;
	a.copts.njurisdictions = a.jur.n;
	if (pool_mode) {
		/* the pools need figures only, not their explanation */
		a.copts.explain = 0;
		a.batch = 1;
		ais_pools_init(&pools, r, a.copts.as_of);
		hooks.pools = &pools;
		hooks.quiet = 1;
	}
	if (a.summary || a.summary_file) {
		ais_tally_init(&tally, r);
		hooks.tally = &tally;
	}
	if (!a.batch) {
		if (ais_read_file(a.file, &data, &len, AIS_EPROFILE, &err) < 0) {
			print_error(NULL, &err);
			rc = AIS_EPROFILE;
			goto out;
		}
		a.batch = looks_like_lines(data, len);
	}
	if (a.batch) {
		in = data ? fmemopen(data, len, "rb") :
		    strcmp(a.file, "-") == 0 ? stdin : fopen(a.file, "rb");
		if (!in) {
			fprintf(stderr, "aisubsidy: unable to open '%s': %s\n",
			    a.file, strerror(errno));
			rc = AIS_EPROFILE;
			goto out;
		}
		rc = run_batch(r, &a, in, &hooks);
		if (in != stdin)
			fclose(in);
	} else {
		struct ais_profile p;
		struct ais_result res;
		struct ais_buf out = AIS_BUF_INIT;
		struct ais_batch b;
		const char *s = data;
		size_t n = len;

		ais_profile_init(&p);
		ais_result_init(&res);
		if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
			s += 3;
			n -= 3;
		}
		memset(&b, 0, sizeof b);
		b.rules = r;
		b.copts = &a.copts;
		b.oopts = &a.oopts;
		b.name = input_name(&a);
		rc = ais_batch_one(&b, &p, &res, s, n, 0, &out, stderr);
		if (hooks.tally) {
			if (rc == AIS_OK)
				ais_tally_add(hooks.tally, &res);
			else
				ais_tally_reject(hooks.tally);
		}
		if (out.len)
			fwrite(out.p, 1, out.len, stdout);
		ais_buf_release(&out);
		ais_profile_release(&p);
		ais_result_release(&res);
		if (flush_out() != AIS_OK)
			rc = AIS_EIO;
	}
	if (pool_mode) {
		ais_pools_allocate(&pools);
		ais_pools_write_report(&pools, a.oopts.pretty, &extra);
		rc2 = write_to("-", &extra);
		if (a.allocations && rc2 == AIS_OK) {
			ais_buf_reset(&extra);
			ais_pools_write_claims(&pools, &extra);
			rc2 = write_to(a.allocations, &extra);
		}
		ais_pools_release(&pools);
	}
	if (hooks.tally) {
		ais_buf_reset(&extra);
		ais_tally_write(&tally, a.oopts.pretty, &extra);
		if (rc2 == AIS_OK)
			rc2 = write_to(a.summary_file ? a.summary_file : "-",
			    &extra);
		ais_tally_release(&tally);
	}
	if (rc2 != AIS_OK)
		rc = rc2;
out:
	ais_buf_release(&extra);
	free(data);
	ais_rules_free(r);
	AIS_VEC_FREE(a.jur);
	return rc;
}

static int
cmd_test(int argc, char **argv)
{
	struct ais_rule_files files = AIS_RULE_FILES_INIT;
	struct ais_ruletest_stats st;
	struct ais_rules *r;
	struct ais_error err;
	const char *dir = NULL;
	size_t i;
	int verbose = 0, rc;

	memset(&err, 0, sizeof err);
	for (i = 1; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "--verbose") == 0 ||
		    strcmp(argv[i], "-v") == 0)
			verbose = 1;
		else if (argv[i][0] == '-')
			return usage_error("unknown option '%s'", argv[i]);
		else if (dir)
			return usage_error("one directory only, not also '%s'",
			    argv[i]);
		else
			dir = argv[i];
	}
	r = load_rules(dir, &err);
	if (!r) {
		print_error(NULL, &err);
		return AIS_ERULES;
	}
	if (dir) {
		struct ais_buf tdir = AIS_BUF_INIT;

		ais_buf_addf(&tdir, "%s/tests", dir);
		if (ais_rule_files_read(tdir.p, &files, &err) < 0) {
			print_error(NULL, &err);
			ais_buf_release(&tdir);
			ais_rule_files_release(&files);
			ais_rules_free(r);
			return AIS_ERULES;
		}
		ais_buf_release(&tdir);
	} else {
		ais_rule_files_builtin("rules/tests/", &files);
	}
	rc = ais_ruletest_run(r, files.f.v, files.f.n, verbose, stdout, &st,
	    &err);
	if (rc < 0) {
		print_error(NULL, &err);
		rc = AIS_ERULES;
	} else {
		printf("%s: %zu of %zu programs have tests\n",
		    dir ? dir : "built-in rules", st.programs_tested,
		    st.programs);
		printf("%zu passed, %zu failed\n", st.passed, st.failed);
		rc = st.failed || st.programs_tested < st.programs ? AIS_EIO :
		    AIS_OK;
	}
	ais_rule_files_release(&files);
	ais_rules_free(r);
	if (flush_out() != AIS_OK)
		rc = AIS_EIO;
	return rc;
}

static int
cmd_programs(int argc, char **argv)
{
	struct ais_buf b = AIS_BUF_INIT;
	struct ais_rules *r;
	struct ais_error err;
	const char *dir = NULL;
	int rc;

	memset(&err, 0, sizeof err);
	if (argc == 3 && strcmp(argv[1], "--rules") == 0)
		dir = argv[2];
	else if (argc != 1)
		return usage_error("programs takes only --rules DIR%s", "");
	r = load_rules(dir, &err);
	if (!r) {
		print_error(NULL, &err);
		return AIS_ERULES;
	}
	ais_catalog_write(r, AIS_LANG_EN, &b);
	fwrite(b.p, 1, b.len, stdout);
	ais_buf_release(&b);
	ais_rules_free(r);
	rc = flush_out();
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("a command is needed%s", "");
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		printf("%s%s", usage_text, help_text);
		return flush_out();
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("aisubsidy %s\n", AIS_VERSION);
		return flush_out();
	}
	if (strcmp(argv[1], "calc") == 0)
		return cmd_calc(argc - 1, argv + 1, 0);
	if (strcmp(argv[1], "pool") == 0)
		return cmd_calc(argc - 1, argv + 1, 1);
	if (strcmp(argv[1], "test") == 0)
		return cmd_test(argc - 1, argv + 1);
	if (strcmp(argv[1], "programs") == 0)
		return cmd_programs(argc - 1, argv + 1);
	return usage_error("unknown command '%s'", argv[1]);
}
