/*
 * fuzz_rules: the rule loader on one fuzzed rule file, and the engine and
 * the writers on the rules it loads.
 *
 * The input is one YAML rule file (the format of rules/NAME.yaml).  It is
 * loaded alone, and when that succeeds, again together with the built-in
 * rule files but the one of the same jurisdiction (so that parents, ids
 * unique across the set and the programs of several files are exercised).
 * Each rule set that loads is written as the catalogue (docs/programs.md)
 * and evaluates the profiles of examples/NAME.json and of
 * tests/fuzz/seeds/fuzz_profile/ (compiled in by the make rules, as
 * fuzz_example_files) for every jurisdiction it has, explained and not;
 * the results are written in every mode, checked as in fuzz_profile.
 *
 * The fuzzed bytes are copied and given a NUL, as ais_read_file gives
 * every file it reads.
 */
#include <yaml.h>

#include "catalog.h"
#include "fuzz_common.h"

extern const struct ais_builtin_file fuzz_example_files[];
extern const size_t fuzz_example_nfiles;

/* The example profiles, read again against each rule set's contract (a
 * fuzzed file may declare fields of its own), into one profile. */
static struct ais_profile prof;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	ais_profile_init(&prof);
	return 0;
}

/* Reads example profile i against r: 0, or -1 when r's contract (or the
 * example, which may be bad on purpose) refuses it. */
static int
read_example(const struct ais_rules *r, size_t i)
{
	struct ais_error err;

	memset(&err, 0, sizeof err);
	return ais_profile_read(&prof, r, fuzz_example_files[i].data,
	    fuzz_example_files[i].len, &err);
}

/* Evaluates every profile against r and writes the results. */
static void
exercise(const struct ais_rules *r, int full, struct ais_buf *b,
	struct ais_buf *b2)
{
	struct ais_output_cache *cache = full ? ais_output_cache_new(r, AIS_LANG_ZH) : NULL;
	struct ais_result res, plain;
	struct ais_calc_opts o;
	struct ais_error err;
	const char *ids[16];
	size_t i;

	ais_buf_reset(b);
	ais_catalog_write(r, AIS_LANG_EN, b);
	ais_buf_reset(b);
	ais_catalog_write(r, AIS_LANG_ZH, b);
	ais_result_init(&res);
	ais_result_init(&plain);
	memset(&o, 0, sizeof o);
	o.as_of = fuzz_date("2025-06-30");
	o.njurisdictions = fuzz_all_jurisdictions(r, ids);
	o.jurisdictions = ids;
	for (i = 0; i < fuzz_example_nfiles; i++) {
		int rc, rc2;

		if (read_example(r, i) < 0)
			continue;
		memset(&err, 0, sizeof err);
		o.explain = 1;
		rc = ais_calc(r, &prof, &o, &res, &err);
		o.explain = 0;
		rc2 = ais_calc(r, &prof, &o, &plain, &err);
		if ((rc < 0) != (rc2 < 0))
			fuzz_fail("explain changes whether the profile is "
			    "accepted", fuzz_example_files[i].name);
		if (rc < 0)
			continue;
		fuzz_check_same_figures(&res, &plain);
		if (full) {
			fuzz_write_all(&res, cache, b, b2);
		} else {
			struct ais_output_opts oo;

			memset(&oo, 0, sizeof oo);
			ais_buf_reset(b);
			ais_result_write(&res, &oo, b, &fuzz_werr);
			fuzz_check_json(b->p, b->len, 0);
		}
	}
	/* and once where each profile says it is */
	o.njurisdictions = 0;
	o.jurisdictions = NULL;
	o.explain = 1;
	for (i = 0; i < fuzz_example_nfiles; i++)
		if (read_example(r, i) == 0 &&
		    ais_calc(r, &prof, &o, &res, &err) == 0) {
			struct ais_output_opts oo;

			memset(&oo, 0, sizeof oo);
			ais_buf_reset(b);
			ais_result_write(&res, &oo, b, &fuzz_werr);
		}
	ais_result_release(&res);
	ais_result_release(&plain);
	ais_output_cache_free(cache);
}

/*
 * What ais_rule_scan reads of a file it passes over (docs/performance.md,
 * "Start-up that does not grow with the rule set") must be what the load
 * reads, and such a file must hold one 'jurisdiction' and no part of the
 * contract: a calc that passed it over would see another rule set.
 */
static void
check_scan(const struct ais_rule_file *f, const struct ais_rules *r)
{
	struct ais_arena a = AIS_ARENA_INIT;
	struct ais_rule_head h;
	struct ais_error err;
	const struct ais_jurisdiction *j;
	yaml_document_t doc;
	yaml_node_t *root;
	yaml_node_pair_t *p;
	int nj = 0;

	if (!ais_rule_scan(f, &a, &h)) {
		ais_arena_release(&a);
		return;
	}
	if (r) {
		if (r->nj != 1)
			fuzz_fail("a file passed over is not one jurisdiction",
			    NULL);
		j = &r->j[0];
		if (strcmp(h.id, j->id) != 0 || strcmp(h.level, j->level) != 0 ||
		    strcmp(h.name_zh, j->name_zh) != 0 ||
		    strcmp(h.name_en, j->name_en) != 0 ||
		    !h.parent != !j->parent_id || (h.parent &&
		    (strcmp(h.parent, j->parent_id) != 0 ||
		    h.parent_line != j->parent_line ||
		    h.parent_column != j->parent_column)))
			fuzz_fail("the scan read another head than the load",
			    h.id);
	}
	memset(&err, 0, sizeof err);
	if (ais_rules_yaml_load(f, &doc, &err) == 0) {
		root = yaml_document_get_root_node(&doc);
		if (!root || root->type != YAML_MAPPING_NODE)
			fuzz_fail("a file passed over is not a mapping", NULL);
		for (p = root ? root->data.mapping.pairs.start : NULL;
		    root && p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&doc, p->key);
			const char *key = k && k->type == YAML_SCALAR_NODE ?
			    (const char *)k->data.scalar.value : "";

			if (strcmp(key, "profile") == 0 ||
			    strcmp(key, "about") == 0)
				fuzz_fail("a file passed over declares part of "
				    "the contract", key);
			nj += strcmp(key, "jurisdiction") == 0;
		}
		if (nj != 1)
			fuzz_fail("a file passed over has not one 'jurisdiction'",
			    NULL);
		yaml_document_delete(&doc);
	}
	ais_arena_release(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ais_rule_file files[65] = { { 0 } };
	struct ais_rules *r, *r2;
	struct ais_error err;
	struct ais_buf b = AIS_BUF_INIT, b2 = AIS_BUF_INIT;
	char *text = ais_xmalloc(size + 1), msg[1400];
	size_t i, n = 0;

	memcpy(text, data, size);
	text[size] = '\0';
	memset(&err, 0, sizeof err);
	files[0].name = "rules/fuzz.yaml";
	files[0].data = text;
	files[0].len = size;
	r = ais_rules_load(files, 1, &err);
	check_scan(&files[0], r);
	if (!r) {
		ais_error_format(&err, msg, sizeof msg);
		goto out;
	}
	exercise(r, 1, &b, &b2);
	/* a file is one jurisdiction, or a contract file with none (its
	 * 'profile:' declarations on the built-in contract) */
	if (r->nj > 1 || (r->nj == 1 && !r->j[0].id))
		fuzz_fail("one file loaded is not one jurisdiction", NULL);
	if (r->nj == 0) {
		if (!r->schema)
			fuzz_fail("a contract file loaded with no contract", NULL);
		ais_rules_free(r);
		goto out;
	}
	/* with the built-in files of the other jurisdictions */
	n = 1;
	for (i = 0; i < ais_builtin_nfiles && n < 64; i++) {
		const char *name = ais_builtin_files[i].name;
		size_t idlen = strlen(r->j[0].id);

		if (strncmp(name, "rules/", 6) != 0 || strchr(name + 6, '/'))
			continue;
		if (strncmp(name + 6, r->j[0].id, idlen) == 0 &&
		    strcmp(name + 6 + idlen, ".yaml") == 0)
			continue;
		files[n].name = name;
		files[n].data = ais_builtin_files[i].data;
		files[n].len = ais_builtin_files[i].len;
		n++;
	}
	memset(&err, 0, sizeof err);
	r2 = ais_rules_load(files, n, &err);
	if (r2) {
		exercise(r2, 0, &b, &b2);
		ais_rules_free(r2);
	} else {
		ais_error_format(&err, msg, sizeof msg);
	}
	ais_rules_free(r);
out:
	ais_buf_release(&b);
	ais_buf_release(&b2);
	free(text);
	return 0;
}
