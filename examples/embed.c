/*
 * embed.c: libaisubsidy embedded in another program, through the public
 * header alone (make check builds it with -Iinclude and nothing of src/,
 * runs it and compares what it prints with examples/embed.out).
 *
 *     embed PROFILE.json [DATE]
 *
 * Prints, for each program the applicant qualifies for, its amount; for
 * each it does not, the checks that failed and the fields they read; then
 * the compact JSON result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <aisubsidy.h>

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t n = 0, cap = 0, k;

	if (!f)
		return NULL;
	do {
		if (cap - n < 4096) {
			char *q = realloc(p, cap + 65536);

			if (!q) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = q;
			cap += 65536;
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	fclose(f);
	*len = n;
	return p;
}

/* Prints fen as yuan. */
static void
yuan(int64_t fen)
{
	printf("%lld.%02lld", (long long)(fen / 100), (long long)(fen % 100));
}

int
main(int argc, char **argv)
{
	struct ais_error err;
	struct ais_rules *r = NULL;
	struct ais_profile *p = NULL;
	struct ais_result *res = NULL;
	struct ais_calc_opts co;
	struct ais_output_opts oo;
	struct ais_buf b = AIS_BUF_INIT;
	char *json = NULL;
	size_t len = 0, i, k;
	int rc = 1;

	memset(&err, 0, sizeof err);
	memset(&co, 0, sizeof co);
	memset(&oo, 0, sizeof oo);
	if (argc < 2) {
		fprintf(stderr, "usage: embed PROFILE.json [DATE]\n");
		return 2;
	}
	co.explain = 1;
	if (ais_date_parse(argc > 2 ? argv[2] : "2025-06-30",
	    strlen(argc > 2 ? argv[2] : "2025-06-30"), &co.as_of) < 0) {
		fprintf(stderr, "embed: not a date\n");
		return 2;
	}
	json = slurp(argv[1], &len);
	if (!json) {
		fprintf(stderr, "embed: cannot read %s\n", argv[1]);
		return 1;
	}
	r = ais_rules_load_builtin(&err);
	p = ais_profile_new();
	res = ais_result_new();
	if (!r || !p || !res) {
		ais_error_print(stderr, NULL, &err);
		goto out;
	}
	if (ais_profile_read(p, r, json, len, &err) < 0 ||
	    ais_calc(r, p, &co, res, &err) < 0) {
		ais_error_print(stderr, argv[1], &err);
		goto out;
	}
	printf("%s (rules %s)\n", ais_profile_id(p) ? ais_profile_id(p) :
	    "(no id)", strncmp(ais_rules_digest(r), "sha256:", 7) == 0 ?
	    "built in" : "?");
	for (i = 0; i < ais_result_nitems(res); i++) {
		const struct ais_item *it = ais_result_item(res, i);
		int64_t fen;

		if (ais_item_eligible(it)) {
			printf("+ %s (%s): ", ais_item_program(it),
			    ais_item_title(it, AIS_LANG_EN));
			if (ais_item_amount(it, &fen))
				yuan(fen);
			else if (ais_item_up_to(it, &fen))
				printf("up to "), yuan(fen);
			else
				printf("no figure");
			printf("\n");
			continue;
		}
		printf("- %s\n", ais_item_program(it));
		for (k = 0; k < ais_item_nsteps(it); k++) {
			const struct ais_step *s = ais_item_step(it, k);
			size_t j, n;

			if (!ais_step_check(s) || ais_step_outcome(s) == AIS_MET)
				continue;
			printf("    %s %s:", ais_step_check(s),
			    ais_step_outcome(s) == AIS_UNKNOWN ? "unknown" :
			    "not met");
			for (j = 0; j < ais_step_nreads(s); j++) {
				const char *f = ais_step_read_field(s, j, &n);

				b.len = 0;
				if (ais_step_read_value(s, j, AIS_LANG_EN, &b) < 0)
					goto out;
				printf(" %.*s=%s", (int)n, f, ais_step_read_given(s,
				    j) ? b.p : "(not given)");
			}
			b.len = 0;
			if (ais_step_reason(res, it, s, AIS_LANG_ZH, &b) < 0)
				goto out;
			printf("\n      %s\n", b.p);
		}
	}
	b.len = 0;
	oo.mode = AIS_OUT_COMPACT;
	if (ais_result_write(res, &oo, &b, &err) < 0) {
		ais_error_print(stderr, NULL, &err);
		goto out;
	}
	fwrite(b.p, 1, b.len, stdout);
	rc = 0;
out:
	ais_buf_release(&b);
	ais_result_free(res);
	ais_profile_free(p);
	ais_rules_free(r);
	free(json);
	return rc;
}
