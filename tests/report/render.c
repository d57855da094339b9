/*
 * render: the two halves of aisubsidy report apart, for tests/report.
 *
 *     render html zh|en REPORT.json    the page of a compare report
 *     render compare DATE FILE         the compare report of the profiles
 *                                      of FILE under the built-in rules,
 *                                      the baseline alone (compare itself
 *                                      needs a reform)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "date.h"
#include "report.h"
#include "rules.h"

static int
page(const char *lang, const char *file)
{
	struct ais_buf json = AIS_BUF_INIT, out = AIS_BUF_INIT;
	struct ais_error err;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(file, "rb");
	int rc = 0;

	if (!f) {
		perror(file);
		return 2;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ais_buf_add(&json, chunk, n);
	fclose(f);
	memset(&err, 0, sizeof err);
	if (ais_report_html(json.p, json.len, strcmp(lang, "en") == 0 ?
	    AIS_LANG_EN : AIS_LANG_ZH, &out, &err) < 0) {
		fprintf(stderr, "render: %s: %s\n", file, err.msg);
		rc = 1;
	} else {
		fwrite(out.p, 1, out.len, stdout);
	}
	ais_buf_release(&json);
	ais_buf_release(&out);
	return rc;
}

static int
compare(const char *date, const char *file)
{
	struct ais_compare_opts o;
	struct ais_calc_opts co;
	struct ais_buf out = AIS_BUF_INIT;
	struct ais_error err;
	struct ais_rules *r;
	FILE *in;
	int rc;

	memset(&co, 0, sizeof co);
	memset(&o, 0, sizeof o);
	if (ais_date_parse(date, strlen(date), &co.as_of) < 0) {
		fprintf(stderr, "render: not a date: %s\n", date);
		return 2;
	}
	r = ais_rules_load_builtin(&err);
	if (!r) {
		fprintf(stderr, "render: %s\n", err.msg);
		return 1;
	}
	in = fopen(file, "rb");
	if (!in) {
		perror(file);
		ais_rules_free(r);
		return 2;
	}
	o.base = r;
	o.copts = &co;
	o.name = file;
	o.jobs = 1;
	rc = ais_compare_run(&o, in, &out, stderr);
	fclose(in);
	fwrite(out.p, 1, out.len, stdout);
	ais_buf_release(&out);
	ais_rules_free(r);
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "html") == 0)
		return page(argv[2], argv[3]);
	if (argc == 4 && strcmp(argv[1], "compare") == 0)
		return compare(argv[2], argv[3]);
	fputs("usage: render html zh|en REPORT.json\n"
	    "       render compare DATE FILE\n", stderr);
	return 2;
}
