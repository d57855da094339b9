/*
 * ruletest.c: running the YAML rule tests.
 *
 * This reads YAML too, like rules.c; it is kept apart because a test file
 * is not part of the rule set: it changes no digest and is never loaded by
 * `calc`.  A case's profile is written in YAML and turned into the JSON
 * text that `calc` would read, so the profile reader is tested with it.
 */
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "engine.h"
#include "narrate.h"
#include "ruletest.h"

struct runner {
	const struct ais_rules *r;
	const struct ais_rule_file *file;
	yaml_document_t *doc;
	FILE *out;
	const struct ais_ruletest_opts *o;
	struct ais_ruletest_stats *st;
	struct ais_error *err;
	char *tested;		/* per program of r: has a test */
	size_t *counts;		/* ais_ruletest_count: cases per program,
				 * and nothing is run; else NULL */
	struct ais_profile prof;
	struct ais_result res;
	struct ais_buf json, msg, text;
	/* --junit: the test cases of the file being run, and its counts */
	struct ais_buf suite, suites;
	size_t suite_cases, suite_failed;
};

static yaml_node_t *
node(struct runner *R, int id)
{
	return yaml_document_get_node(R->doc, id);
}

static int
terr(struct runner *R, const yaml_node_t *n, const char *msg, const char *a)
{
	ais_error_set(R->err, AIS_ERULES, R->file->name,
	    n ? (int)n->start_mark.line + 1 : 0,
	    n ? (int)n->start_mark.column + 1 : 0, msg, a);
	return -1;
}

static int
is_key(const yaml_node_t *k, const char *s)
{
	return k->type == YAML_SCALAR_NODE && k->data.scalar.length ==
	    strlen(s) && memcmp(k->data.scalar.value, s, k->data.scalar.length)
	    == 0;
}

static yaml_node_t *
find(struct runner *R, const yaml_node_t *n, const char *key)
{
	yaml_node_pair_t *p;

	if (!n || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++)
		if (is_key(node(R, p->key), key))
			return node(R, p->value);
	return NULL;
}

static const char *
text(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

/* Whether a plain scalar reads as a JSON number. */
static int
json_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

/* Writes the YAML node as JSON text; -1 with R->err filled when a key is
 * not a scalar ("? [a]": JSON has no such key). */
static int
to_json(struct runner *R, const yaml_node_t *n, struct ais_buf *b)
{
	yaml_node_pair_t *p;
	yaml_node_item_t *it;
	const char *s;

	switch (n->type) {
	case YAML_MAPPING_NODE:
		ais_buf_addc(b, '{');
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *k = node(R, p->key);

			if (p != n->data.mapping.pairs.start)
				ais_buf_addc(b, ',');
			if (!k || k->type != YAML_SCALAR_NODE)
				/* found by fuzz_ruletest: the scalar of a
				 * mapping key was read from its union */
				return terr(R, k ? k : n, "a key of a profile is "
				    "a plain text, not a list or a mapping%s", "");
			ais_buf_add_json_str(b, (const char *)k->data.scalar.value,
			    k->data.scalar.length);
			ais_buf_addc(b, ':');
			if (to_json(R, node(R, p->value), b) < 0)
				return -1;
		}
		ais_buf_addc(b, '}');
		break;
	case YAML_SEQUENCE_NODE:
		ais_buf_addc(b, '[');
		for (it = n->data.sequence.items.start;
		    it < n->data.sequence.items.top; it++) {
			if (it != n->data.sequence.items.start)
				ais_buf_addc(b, ',');
			if (to_json(R, node(R, *it), b) < 0)
				return -1;
		}
		ais_buf_addc(b, ']');
		break;
	case YAML_SCALAR_NODE:
		s = (const char *)n->data.scalar.value;
		if (n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    (strcmp(s, "true") == 0 || strcmp(s, "false") == 0 ||
		    strcmp(s, "null") == 0 || json_number(s)))
			ais_buf_adds(b, s);
		else
			ais_buf_add_json_str(b, s, n->data.scalar.length);
		break;
	default:
		ais_buf_adds(b, "null");
		break;
	}
	return 0;
}

static const struct ais_item *
find_item(struct runner *R, const char *id)
{
	size_t i;

	for (i = 0; i < R->res.items.n; i++)
		if (strcmp(R->res.items.v[i].program->id, id) == 0)
			return &R->res.items.v[i];
	return NULL;
}

/* The index of program id among the programs of r (rule order), or
 * (size_t)-1 when r has none of that id. */
static size_t
program_index(const struct ais_rules *r, const char *id)
{
	size_t i, k, n = 0;

	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++, n++)
			if (strcmp(r->j[i].programs[k].id, id) == 0)
				return n;
	return (size_t)-1;
}

static void
mark_tested(struct runner *R, const char *id)
{
	size_t n = program_index(R->r, id);

	if (n != (size_t)-1)
		R->tested[n] = 1;
}

/* The runner's word in its language: en for AIS_LANG_EN, else zh. */
#define W(R, en, zh) ((R)->o->lang == AIS_LANG_EN ? (en) : (zh))

/* "\n    ID: WHAT GOT, expected WANT" (id NULL: no "ID: "). */
static void
differs(struct runner *R, const char *id, const char *what, const char *got,
	const char *want)
{
	if (id)
		ais_buf_addf(&R->msg, W(R, "\n    %s: ", "\n    %s："), id);
	else
		ais_buf_adds(&R->msg, "\n    ");
	ais_buf_addf(&R->msg, W(R, "%s %s, expected %s", "%s 为 %s，应为 %s"),
	    what, got, want);
}

/* Appends the reasons of it, told in the runner's language, one a line
 * under the failure, so that a rule author sees why (issue 12). */
static void
show_reasons(struct runner *R, const struct ais_item *it)
{
	enum ais_lang lang = R->o->lang;
	size_t i;

	ais_buf_addf(&R->msg, W(R, "\n    reasons of %s:", "\n    %s 的理由："),
	    it->program->id);
	for (i = 0; i < it->steps.n; i++) {
		ais_buf_reset(&R->text);
		ais_step_narrate(&R->res, it, &it->steps.v[i], lang, &R->text);
		ais_buf_addf(&R->msg, "\n      - %s", R->text.p);
	}
}

/* Compares an expected amount (a number or null) with a figure. */
static int
amount_is(const char *want, int has, int64_t got)
{
	struct ais_dec d;
	int64_t f;

	if (!want || strcmp(want, "null") == 0 || strcmp(want, "~") == 0)
		return !has;
	if (!has || ais_dec_parse(want, strlen(want), &d) < 0 ||
	    ais_dec_places(d) > 2 || ais_dec_round_fen(d, &f) < 0)
		return 0;
	return f == got;
}

static void
show_fen(struct ais_buf *b, int has, int64_t f)
{
	char t[32];

	if (!has) {
		ais_buf_adds(b, "null");
		return;
	}
	ais_fen_format(f, t, sizeof t);
	ais_buf_adds(b, t);
}

/* Whether a reason of it, told in lang, contains s. */
static int
has_reason(struct runner *R, const struct ais_item *it, const char *s,
	enum ais_lang lang)
{
	size_t i;

	for (i = 0; i < it->steps.n; i++) {
		ais_buf_reset(&R->text);
		ais_step_narrate(&R->res, it, &it->steps.v[i], lang, &R->text);
		if (strstr(R->text.p, s))
			return 1;
	}
	return 0;
}

static const char *const item_keys[] = {
	"eligible", "amount", "up_to", "basis", "capped", "reasons",
	"reasons_zh", NULL
};

/* Checks one expected item; appends what differs to R->msg. */
static int
check_item(struct runner *R, const char *id, const yaml_node_t *want)
{
	const struct ais_item *it = find_item(R, id);
	yaml_node_pair_t *p;
	yaml_node_item_t *q;
	struct ais_buf *m = &R->msg;
	int ok = 1;

	if (want->type != YAML_MAPPING_NODE)
		return terr(R, want, "the expectation of '%s' must be a "
		    "mapping", id);
	if (!it) {
		ais_buf_addf(m, W(R, "\n    %s: not in the result",
		    "\n    %s：结果中没有该项目"), id);
		return 0;
	}
	for (p = want->data.mapping.pairs.start;
	    p < want->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(R, p->key), *v = node(R, p->value);
		const char *ks = text(k), *vs = text(v);
		size_t i;

		if (!ks)	/* "? [a]" (found by fuzz_ruletest) */
			return terr(R, k ? k : want, "a key of an expected "
			    "item is a plain text%s", "");

		for (i = 0; item_keys[i]; i++)
			if (strcmp(item_keys[i], ks) == 0)
				break;
		if (!item_keys[i]) {
			const char *hint = ais_suggest(ks, strlen(ks),
			    item_keys);

			ais_error_set(R->err, AIS_ERULES, R->file->name,
			    (int)k->start_mark.line + 1,
			    (int)k->start_mark.column + 1, "unknown key '%s' in "
			    "an expected item%s%s%s", ks,
			    hint ? "; did you mean '" : "", hint ? hint : "",
			    hint ? "'?" : "");
			return -1;
		}
		if (strcmp(ks, "reasons") == 0 ||
		    strcmp(ks, "reasons_zh") == 0) {
			enum ais_lang lang = ks[7] ? AIS_LANG_ZH : AIS_LANG_EN;

			if (v->type != YAML_SEQUENCE_NODE)
				return terr(R, v, "'%s' is a list of texts "
				    "the reasons must contain", ks);
			for (q = v->data.sequence.items.start;
			    q < v->data.sequence.items.top; q++) {
				const char *r = text(node(R, *q));

				if (r && !has_reason(R, it, r, lang)) {
					ok = 0;
					ais_buf_addf(m, W(R, "\n    %s: no "
					    "reason contains \"%s\"", "\n    %s："
					    "没有理由包含“%s”"), id, r);
				}
			}
			continue;
		}
		if (!vs)
			return terr(R, v, "'%s' must be a scalar", ks);
		if (strcmp(ks, "eligible") == 0) {
			int w = strcmp(vs, "true") == 0;

			if (w != it->eligible) {
				ok = 0;
				differs(R, id, "eligible", it->eligible ? "true" :
				    "false", vs);
			}
		} else if (strcmp(ks, "capped") == 0) {
			int w = strcmp(vs, "true") == 0, got = it->capped;

			for (i = 0; i < it->parts.n; i++)
				got |= it->parts.v[i].capped;
			if (w != got) {
				ok = 0;
				differs(R, id, "capped", got ? "true" : "false",
				    vs);
			}
		} else if (strcmp(ks, "basis") == 0) {
			const char *b = ais_basis_names[it->eligible ?
			    it->basis : it->program->awards[0].basis];

			if (strcmp(b, vs) != 0) {
				ok = 0;
				differs(R, id, "basis", b, vs);
			}
		} else {
			int amt = strcmp(ks, "amount") == 0;
			int has = it->eligible ? (amt ? it->has_amount :
			    it->has_up_to) : 1;
			int64_t got = amt ? it->amount : it->up_to;

			if (!amount_is(vs, has, got)) {
				ok = 0;
				ais_buf_reset(&R->text);
				show_fen(&R->text, has, got);
				differs(R, id, ks, R->text.p, vs);
			}
		}
	}
	if (!ok)
		show_reasons(R, it);
	return ok;
}

void
ais_xml_escape(struct ais_buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '&': ais_buf_adds(b, "&amp;"); break;
		case '<': ais_buf_adds(b, "&lt;"); break;
		case '>': ais_buf_adds(b, "&gt;"); break;
		case '"': ais_buf_adds(b, "&quot;"); break;
		case '\'': ais_buf_adds(b, "&apos;"); break;
		case '\t': case '\n': case '\r':
			ais_buf_addc(b, (char)ch);
			break;
		default:
			/* XML 1.0 has no other control character, not even
			 * as a reference: a visible stand-in */
			if (ch < 0x20 || ch == 0x7f)
				ais_buf_adds(b, "\xef\xbf\xbd");	/* U+FFFD */
			else
				ais_buf_addc(b, (char)ch);
			break;
		}
	}
}

static void
xml_str(struct ais_buf *b, const char *s)
{
	ais_xml_escape(b, s, strlen(s));
}

/* The test case just run, as a <testcase> of the file's suite: its
 * failure's message is the first thing that differed, its text all of
 * them (with the reasons). */
static void
junit_case(struct runner *R, const char *name, int line, int ok)
{
	struct ais_buf *b = &R->suite;

	R->suite_cases++;
	ais_buf_adds(b, "    <testcase classname=\"");
	xml_str(b, R->file->name);
	ais_buf_adds(b, "\" name=\"");
	xml_str(b, name);
	ais_buf_adds(b, "\" file=\"");
	xml_str(b, R->file->name);
	ais_buf_addf(b, "\" line=\"%d\"", line);
	if (ok) {
		ais_buf_adds(b, "/>\n");
		return;
	}
	R->suite_failed++;
	{
		/* R->msg is "\n    first\n    second...": the first line,
		 * without its indentation */
		const char *m = R->msg.p ? R->msg.p : "";
		const char *first = m + strspn(m, "\n ");
		const char *end = strchr(first, '\n');

		ais_buf_adds(b, ">\n      <failure message=\"");
		ais_xml_escape(b, first, end ? (size_t)(end - first) :
		    strlen(first));
		ais_buf_adds(b, "\" type=\"mismatch\">");
		ais_xml_escape(b, first, strlen(first));
		ais_buf_adds(b, "</failure>\n    </testcase>\n");
	}
}

/* A program no case names, as a failing <testcase> of the suite
 * "untested programs" (aisubsidy test exits 4 for it). */
static void
junit_untested(struct runner *R, const struct ais_program *pg)
{
	struct ais_buf *b = &R->suite;

	R->suite_cases++;
	R->suite_failed++;
	ais_buf_adds(b, "    <testcase classname=\"untested programs\" name=\"");
	xml_str(b, pg->id);
	ais_buf_adds(b, "\" file=\"");
	xml_str(b, pg->jurisdiction->file);
	ais_buf_addf(b, "\" line=\"%d\">\n      <failure message=\"no rule "
	    "test names this program\" type=\"untested\"/>\n"
	    "    </testcase>\n", pg->line);
}

static const char *const case_keys[] = {
	"name", "as_of", "jurisdiction", "profile", "expect", "error",
	"warnings", NULL
};

/*
 * Whether case c (its name, and the program ids of its 'expect') is one
 * --filter TEXT asks for: every case without a filter.
 */
static int
case_selected(struct runner *R, const char *name, const yaml_node_t *expect)
{
	const char *f = R->o->filter;
	yaml_node_pair_t *p;

	if (!f || strstr(name, f))
		return 1;
	if (!expect || expect->type != YAML_MAPPING_NODE)
		return 0;
	for (p = expect->data.mapping.pairs.start;
	    p < expect->data.mapping.pairs.top; p++) {
		const char *id = text(node(R, p->key));

		if (id && strcmp(id, "total") != 0 && strstr(id, f))
			return 1;
	}
	return 0;
}

/* Counts case c for every program its 'expect' names (ais_ruletest_count). */
static void
count_case(struct runner *R, const yaml_node_t *expect)
{
	yaml_node_pair_t *p;

	if (!expect || expect->type != YAML_MAPPING_NODE)
		return;
	for (p = expect->data.mapping.pairs.start;
	    p < expect->data.mapping.pairs.top; p++) {
		const char *id = text(node(R, p->key));
		size_t n = id ? program_index(R->r, id) : (size_t)-1;

		if (n != (size_t)-1)
			R->counts[n]++;
	}
}

/*
 * A test profile is read strictly: every warning of its result (an
 * unknown field, ...) fails the case, unless the case's 'warnings' lists
 * a text it contains.  Every text of 'warnings' must be part of some
 * warning.  Appends what differs to R->msg; 1 when nothing does, 0, or -1
 * with R->err filled when 'warnings' is not a list of texts.
 */
static int
check_warnings(struct runner *R, const yaml_node_t *want)
{
	yaml_node_item_t *q;
	size_t i;
	int ok = 1;

	if (want && want->type != YAML_SEQUENCE_NODE)
		return terr(R, want, "'warnings' is a list of texts the "
		    "warnings must contain%s", "");
	if (want)
		for (q = want->data.sequence.items.start;
		    q < want->data.sequence.items.top; q++)
			if (!text(node(R, *q)))
				return terr(R, node(R, *q) ? node(R, *q) : want,
				    "'warnings' is a list of texts the "
				    "warnings must contain%s", "");
	for (i = 0; i < R->res.warnings.n; i++) {
		const char *w = R->res.warnings.v[i];
		int expected = 0;

		if (want)
			for (q = want->data.sequence.items.start;
			    q < want->data.sequence.items.top; q++)
				if (strstr(w, text(node(R, *q))))
					expected = 1;
		if (!expected) {
			ok = 0;
			ais_buf_addf(&R->msg, W(R, "\n    profile warning: %s",
			    "\n    档案警告：%s"), w);
		}
	}
	if (want)
		for (q = want->data.sequence.items.start;
		    q < want->data.sequence.items.top; q++) {
			const char *t = text(node(R, *q));

			for (i = 0; i < R->res.warnings.n; i++)
				if (strstr(R->res.warnings.v[i], t))
					break;
			if (i == R->res.warnings.n) {
				ok = 0;
				ais_buf_addf(&R->msg, W(R, "\n    no warning "
				    "contains \"%s\"", "\n    没有警告包含“%s”"),
				    t);
			}
		}
	return ok;
}

static int
run_case(struct runner *R, const yaml_node_t *c)
{
	struct ais_calc_opts o;
	struct ais_error perr;
	yaml_node_t *name, *prof, *expect, *as_of, *error, *jur, *warn;
	yaml_node_pair_t *p;
	const char *jids[8];
	int ok = 1, r;

	if (c->type != YAML_MAPPING_NODE)
		return terr(R, c, "a case must be a mapping%s", "");
	for (p = c->data.mapping.pairs.start; p < c->data.mapping.pairs.top;
	    p++) {
		const char *k = text(node(R, p->key));
		size_t i;

		for (i = 0; case_keys[i]; i++)
			if (k && strcmp(k, case_keys[i]) == 0)
				break;
		if (!case_keys[i])
			return terr(R, node(R, p->key), "unknown key '%s' in a "
			    "case", k ? k : "");
	}
	name = find(R, c, "name");
	prof = find(R, c, "profile");
	expect = find(R, c, "expect");
	as_of = find(R, c, "as_of");
	error = find(R, c, "error");
	jur = find(R, c, "jurisdiction");
	warn = find(R, c, "warnings");
	if (!text(name) || !prof || (!expect && !error))
		return terr(R, c, "a case needs 'name', 'profile' and 'expect' "
		    "or 'error'%s", "");
	memset(&o, 0, sizeof o);
	o.explain = 1;
	if (!text(as_of) || ais_date_parse(text(as_of), strlen(text(as_of)),
	    &o.as_of) < 0)
		return terr(R, as_of ? as_of : c, "a case needs 'as_of', a date "
		    "YYYY-MM-DD%s", "");
	if (jur) {
		yaml_node_item_t *it;

		if (jur->type != YAML_SEQUENCE_NODE)
			return terr(R, jur, "'jurisdiction' is a list of ids%s",
			    "");
		for (it = jur->data.sequence.items.start;
		    it < jur->data.sequence.items.top; it++) {
			const yaml_node_t *j = node(R, *it);

			if (!text(j))
				return terr(R, j ? j : jur, "'jurisdiction' is a "
				    "list of ids%s", "");
			if (o.njurisdictions == 8)
				return terr(R, j, "at most 8 jurisdictions in a "
				    "case%s", "");
			jids[o.njurisdictions++] = text(j);
		}
		o.jurisdictions = jids;
	}
	if (R->counts) {
		count_case(R, expect);
		return 0;
	}
	if (!case_selected(R, text(name), expect)) {
		R->st->skipped++;
		return 0;
	}
	ais_buf_reset(&R->json);
	if (to_json(R, prof, &R->json) < 0)
		return -1;
	ais_buf_reset(&R->msg);
	r = ais_profile_read(&R->prof, R->r, R->json.p, R->json.len, &perr);
	if (r == 0)
		r = ais_calc(R->r, &R->prof, &o, &R->res, &perr);
	if (r < 0 && perr.status == AIS_ENOMEM) {
		/* no verdict on the case: the run stops */
		ais_oom_error(R->err);
		return -1;
	}
	if (error) {
		char got[1100];

		if (r == 0) {
			ok = 0;
			ais_buf_addf(&R->msg, W(R, "\n    expected the error "
			    "\"%s\", got a result", "\n    应报错“%s”，却得到"
			    "结果"), text(error));
		} else {
			snprintf(got, sizeof got, "%s: %s", perr.path, perr.msg);
			if (!strstr(got, text(error))) {
				ok = 0;
				ais_buf_addf(&R->msg, W(R, "\n    expected the "
				    "error \"%s\", got \"%s\"", "\n    应报错“%s”，"
				    "实际为“%s”"), text(error), got);
			}
		}
	} else if (r < 0) {
		ok = 0;
		ais_buf_addf(&R->msg, W(R, "\n    the profile was rejected: "
		    "%s: %s", "\n    档案被拒绝：%s: %s"), perr.path, perr.msg);
	} else {
		int wr = check_warnings(R, warn);

		if (wr < 0)
			return -1;
		ok &= wr;
		if (!expect)
			return terr(R, c, "a case needs 'name', 'profile' and "
			    "'expect' or 'error'%s", "");
		if (expect->type != YAML_MAPPING_NODE)
			return terr(R, expect, "'expect' maps program ids to "
			    "items%s", "");
		for (p = expect->data.mapping.pairs.start;
		    p < expect->data.mapping.pairs.top; p++) {
			const char *id = text(node(R, p->key));
			yaml_node_t *v = node(R, p->value);
			int cr;

			if (!id)	/* found by fuzz_ruletest */
				return terr(R, node(R, p->key) ?
				    node(R, p->key) : expect, "'expect' maps "
				    "program ids to items; a key is a plain "
				    "text%s", "");

			if (strcmp(id, "total") == 0) {
				if (!amount_is(text(v), 1, R->res.total_amount)) {
					ok = 0;
					ais_buf_reset(&R->text);
					show_fen(&R->text, 1,
					    R->res.total_amount);
					differs(R, NULL, "total", R->text.p,
					    text(v) ? text(v) : "?");
				}
				continue;
			}
			mark_tested(R, id);
			cr = check_item(R, id, v);
			if (cr < 0)
				return -1;
			ok &= cr;
		}
	}
	if (ok) {
		R->st->passed++;
		if (R->o->verbose)
			fprintf(R->out, W(R, "ok     %s:%d: %s\n",
			    "通过   %s:%d: %s\n"), R->file->name,
			    (int)c->start_mark.line + 1, text(name));
	} else {
		R->st->failed++;
		fprintf(R->out, W(R, "FAILED %s:%d: %s%s\n",
		    "失败   %s:%d: %s%s\n"), R->file->name,
		    (int)c->start_mark.line + 1, text(name), R->msg.p);
	}
	if (R->o->junit)
		junit_case(R, text(name), (int)c->start_mark.line + 1, ok);
	return 0;
}

/* Deletes a test file's document (a clean-up for ais_oom_push). */
static void
doc_cleanup(void *arg)
{
	yaml_document_delete(arg);
}

static int
run_file(struct runner *R, const struct ais_rule_file *f)
{
	yaml_document_t doc;
	yaml_node_t *root, *cases;
	yaml_node_item_t *it;
	struct ais_oom_cleanup dc;
	int rc = 0;

	R->file = f;
	ais_buf_reset(&R->suite);
	R->suite_cases = R->suite_failed = 0;
	/* the rule loader's reader: the same limits of size and depth, and
	 * no aliases (a billion laughs in a test's profile ran out of
	 * memory in yaml_parser_load) */
	if (ais_rules_yaml_load(f, &doc, R->err) < 0)
		return -1;
	R->doc = &doc;
	ais_oom_push(&dc, doc_cleanup, &doc);
	root = yaml_document_get_root_node(&doc);
	cases = find(R, root, "cases");
	if (!cases || cases->type != YAML_SEQUENCE_NODE) {
		rc = terr(R, root, "a test file needs 'cases', a list%s", "");
		goto out;
	}
	for (it = cases->data.sequence.items.start;
	    it < cases->data.sequence.items.top; it++)
		if (run_case(R, node(R, *it)) < 0) {
			rc = -1;
			break;
		}
	if (rc == 0 && R->o->junit && R->suite_cases) {
		/* a file none of whose cases ran (--filter) has no suite */
		struct ais_buf *j = &R->suites;

		ais_buf_adds(j, "  <testsuite name=\"");
		xml_str(j, f->name);
		ais_buf_addf(j, "\" tests=\"%zu\" failures=\"%zu\" "
		    "errors=\"0\" skipped=\"0\"", R->suite_cases,
		    R->suite_failed);
		ais_buf_adds(j, ">\n");
		ais_buf_add(j, R->suite.p, R->suite.len);
		ais_buf_adds(j, "  </testsuite>\n");
	}
out:
	ais_oom_pop(&dc);
	yaml_document_delete(&doc);
	return rc;
}

/* Frees what the runner holds (also its clean-up for ais_oom_push). */
static void
runner_release(void *arg)
{
	struct runner *R = arg;

	free(R->tested);
	ais_buf_release(&R->suite);
	ais_buf_release(&R->suites);
	ais_profile_release(&R->prof);
	ais_result_release(&R->res);
	ais_buf_release(&R->json);
	ais_buf_release(&R->msg);
	ais_buf_release(&R->text);
}

/* ais_ruletest_run within its guard. */
static int
ruletest_run(struct runner *R, const struct ais_rule_file *files, size_t n)
{
	const struct ais_rules *r = R->r;
	struct ais_oom_cleanup c;
	size_t i, k, np = 0;
	int rc = 0;

	struct ais_buf *junit = R->o->junit;

	ais_oom_push(&c, runner_release, R);
	R->tested = ais_xcalloc(r->nprograms + 1, 1);
	for (i = 0; i < n; i++)
		if (run_file(R, &files[i]) < 0) {
			rc = -1;
			break;
		}
	R->st->programs = r->nprograms;
	ais_buf_reset(&R->suite);
	R->suite_cases = R->suite_failed = 0;
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++, np++) {
			if (R->tested[np]) {
				R->st->programs_tested++;
			} else if (rc == 0 && !R->o->filter) {
				/* a filter runs some cases: no verdict on the
				 * programs it leaves out */
				fprintf(R->out, W(R, "untested program %s (%s)\n",
				    "未经测试的项目 %s（%s）\n"),
				    r->j[i].programs[k].id, r->j[i].file);
				if (junit)
					junit_untested(R, &r->j[i].programs[k]);
			}
		}
	if (junit && rc == 0) {
		ais_buf_addf(junit, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<testsuites name=\"aisubsidy test\" tests=\"%zu\" "
		    "failures=\"%zu\" errors=\"0\">\n", R->st->passed +
		    R->st->failed + R->suite_cases, R->st->failed +
		    R->suite_failed);
		ais_buf_add(junit, R->suites.p, R->suites.len);
		if (R->suite_cases) {
			ais_buf_addf(junit, "  <testsuite name=\"untested "
			    "programs\" tests=\"%zu\" failures=\"%zu\" "
			    "errors=\"0\" skipped=\"0\">\n", R->suite_cases,
			    R->suite_failed);
			ais_buf_add(junit, R->suite.p, R->suite.len);
			ais_buf_adds(junit, "  </testsuite>\n");
		}
		ais_buf_adds(junit, "</testsuites>\n");
	}
	ais_oom_pop(&c);
	runner_release(R);
	return rc;
}

int
ais_ruletest_run(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n, int verbose, FILE *out,
	struct ais_ruletest_stats *st, struct ais_error *err)
{
	struct ais_ruletest_opts o;

	memset(&o, 0, sizeof o);
	o.verbose = verbose;
	o.lang = AIS_LANG_EN;
	return ais_ruletest_run_opts(r, files, n, &o, out, st, err);
}

int
ais_ruletest_run_opts(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n,
	const struct ais_ruletest_opts *o, FILE *out,
	struct ais_ruletest_stats *st, struct ais_error *err)
{
	struct runner R;
	struct ais_oom_guard g;
	size_t jlen = o->junit ? o->junit->len : 0;
	int rc;

	memset(&R, 0, sizeof R);
	memset(st, 0, sizeof *st);
	R.r = r;
	R.out = out;
	R.o = o;
	R.st = st;
	R.err = err;
	ais_profile_init(&R.prof);
	ais_result_init(&R.res);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);	/* R was released by its clean-up */
		if (o->junit)
			ais_buf_cut(o->junit, jlen);
		return -1;
	}
	rc = ruletest_run(&R, files, n);
	ais_oom_guard_leave(&g);
	return rc;
}

/* ais_ruletest_count within its guard. */
static int
ruletest_count(struct runner *R, const struct ais_rule_file *files, size_t n)
{
	struct ais_oom_cleanup c;
	size_t i;
	int rc = 0;

	ais_oom_push(&c, runner_release, R);
	for (i = 0; i < n; i++)
		if (run_file(R, &files[i]) < 0) {
			rc = -1;
			break;
		}
	ais_oom_pop(&c);
	runner_release(R);
	return rc;
}

int
ais_ruletest_count(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t n, size_t *counts,
	struct ais_error *err)
{
	static const struct ais_ruletest_opts none;
	struct ais_ruletest_stats st;
	struct runner R;
	struct ais_oom_guard g;
	int rc;

	memset(&R, 0, sizeof R);
	memset(&st, 0, sizeof st);
	memset(counts, 0, sizeof *counts * r->nprograms);
	R.r = r;
	R.o = &none;
	R.st = &st;
	R.err = err;
	R.counts = counts;
	ais_profile_init(&R.prof);
	ais_result_init(&R.res);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = ruletest_count(&R, files, n);
	ais_oom_guard_leave(&g);
	return rc;
}
