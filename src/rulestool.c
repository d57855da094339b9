/*
 * rulestool.c: aisubsidy rules list|show|check|ids (docs/rule-tools.md).
 *
 * The rows of list and the warnings of check are data of the loaded rule
 * set; the words are written here in both languages, side by side (W),
 * and the catalogue's (catalog.c) are reused for show.  Places of terms
 * (FILE:LINE:COLUMN) are not kept by the loader: check reads them from
 * the rule file again, with the loader's own YAML reader.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <uniwidth.h>
#include <yaml.h>

#include "catalog.h"
#include "json.h"
#include "ruletest.h"
#include "rulestool.h"

#define W(lang, en, zh) ((lang) == AIS_LANG_EN ? (en) : (zh))

size_t
ais_display_width(const char *s, size_t n)
{
	int w = u8_width((const uint8_t *)s, n, "UTF-8");

	return w < 0 ? n : (size_t)w;
}

/* Appends s and spaces up to width columns. */
static void
pad(struct ais_buf *b, const char *s, size_t width)
{
	size_t w = ais_display_width(s, strlen(s));

	ais_buf_adds(b, s);
	while (w++ < width)
		ais_buf_addc(b, ' ');
}

/* -1 before its validity on d, 1 after, 0 in force. */
static int
validity_side(const struct ais_program *pg, ais_date d)
{
	if (d < pg->valid_from)
		return -1;
	if (d > pg->valid_until)
		return 1;
	return 0;
}

/* "in force", "ended 2025-12-31", "from 2026-01-01" in lang. */
static void
status_text(const struct ais_program *pg, ais_date d, enum ais_lang lang,
	struct ais_buf *b)
{
	switch (validity_side(pg, d)) {
	case 0:
		ais_buf_adds(b, W(lang, "in force", "有效"));
		break;
	case 1:
		ais_buf_addf(b, W(lang, "ended %s", "已于%s到期"),
		    pg->valid_until_text);
		break;
	default:
		ais_buf_addf(b, W(lang, "from %s", "%s起施行"),
		    pg->valid_from_text);
		break;
	}
}

struct row {
	const struct ais_program *pg;
	size_t cell[4];		/* offsets in the cells' buffer */
};

static void
list_text(const struct ais_rules *r, const struct ais_rules_list_opts *o,
	const unsigned char *want, struct ais_buf *b)
{
	enum ais_lang lang = o->lang;
	const char *head[5];
	size_t width[5], i, k, n = 0, nrow = 0, in_force = 0;
	struct ais_buf cells = AIS_BUF_INIT;
	struct ais_oom_cleanup c;
	struct row *rows;
	char d[11];

	head[0] = W(lang, "program", "项目");
	head[1] = W(lang, "title", "名称");
	head[2] = W(lang, "basis", "计算方式");
	head[3] = W(lang, "status", "状态");
	head[4] = W(lang, "lowest grade", "最低来源等级");
	for (i = 0; i < 5; i++)
		width[i] = ais_display_width(head[i], strlen(head[i]));
	rows = ais_xcalloc(r->nprograms + 1, sizeof *rows);
	ais_oom_push(&c, free, rows);
	{
		struct ais_oom_cleanup cc;

		ais_oom_push(&cc, ais_oom_release_buf, &cells);
		for (i = 0; i < r->nj; i++)
			for (k = 0; k < r->j[i].nprograms; k++, n++) {
				const struct ais_program *pg = &r->j[i].programs[k];
				struct row *w;
				size_t q, from;

				if (!want[n])
					continue;
				w = &rows[nrow++];
				w->pg = pg;
				for (q = 0; q < 4; q++) {
					from = cells.len;
					w->cell[q] = from;
					if (q == 0)
						ais_buf_adds(&cells, lang == AIS_LANG_EN
						    ? pg->title_en : pg->title_zh);
					else if (q == 1)
						ais_catalog_basis(pg, lang, &cells);
					else if (q == 2)
						status_text(pg, o->as_of, lang,
						    &cells);
					else
						ais_buf_adds(&cells, ais_catalog_name(
						    lang, ais_program_lowest_grade(pg)));
					if (ais_display_width(cells.p + from,
					    cells.len - from) > width[q + 1])
						width[q + 1] = ais_display_width(
						    cells.p + from, cells.len - from);
					ais_buf_addc(&cells, '\0');
				}
				if (strlen(pg->id) > width[0])
					width[0] = strlen(pg->id);
				if (validity_side(pg, o->as_of) == 0)
					in_force++;
			}
		for (i = 0; i < 5; i++) {
			if (i < 4)
				pad(b, head[i], width[i] + 2);
			else
				ais_buf_adds(b, head[i]);
		}
		ais_buf_addc(b, '\n');
		for (i = 0; i < nrow; i++) {
			pad(b, rows[i].pg->id, width[0] + 2);
			for (k = 0; k < 4; k++) {
				const char *s = cells.p + rows[i].cell[k];

				if (k < 3)
					pad(b, s, width[k + 1] + 2);
				else
					ais_buf_adds(b, s);
			}
			ais_buf_addc(b, '\n');
		}
		ais_oom_pop(&cc);
		ais_buf_release(&cells);
	}
	ais_oom_pop(&c);
	free(rows);
	ais_date_format(o->as_of, d);
	if (lang == AIS_LANG_EN)
		ais_buf_addf(b, "%zu program%s, %zu in force on %s\n", nrow,
		    nrow == 1 ? "" : "s", in_force, d);
	else
		ais_buf_addf(b, "共%zu个项目，%s有效%zu个\n", nrow, d, in_force);
}

static void
list_json(const struct ais_rules *r, const struct ais_rules_list_opts *o,
	const unsigned char *want, struct ais_buf *b)
{
	struct ais_json j;
	size_t i, k, n = 0, a, q;

	ais_json_init(&j, b, 1);
	ais_json_open(&j, '{');
	ais_json_kdate(&j, "as_of", o->as_of);
	ais_json_key(&j, "programs");
	ais_json_open(&j, '[');
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++, n++) {
			const struct ais_program *pg = &r->j[i].programs[k];

			if (!want[n])
				continue;
			ais_json_open(&j, '{');
			ais_json_kstr(&j, "id", pg->id);
			ais_json_kstr(&j, "jurisdiction", r->j[i].id);
			ais_json_key(&j, "title");
			ais_json_open(&j, '{');
			ais_json_kstr(&j, "zh", pg->title_zh);
			ais_json_kstr(&j, "en", pg->title_en);
			ais_json_close(&j, '}');
			ais_json_key(&j, "basis");
			ais_json_open(&j, '[');
			for (a = 0; a < pg->nawards; a++) {
				for (q = 0; q < a; q++)
					if (pg->awards[q].basis ==
					    pg->awards[a].basis)
						break;
				if (q == a)
					ais_json_str(&j,
					    ais_basis_names[pg->awards[a].basis]);
			}
			ais_json_close(&j, ']');
			ais_json_key(&j, "valid");
			ais_json_open(&j, '{');
			ais_json_kdate(&j, "from", pg->valid_from);
			ais_json_kdate(&j, "until", pg->valid_until);
			ais_json_close(&j, '}');
			ais_json_kbool(&j, "in_force",
			    validity_side(pg, o->as_of) == 0);
			ais_json_kstr(&j, "lowest_grade",
			    ais_program_lowest_grade(pg));
			ais_json_close(&j, '}');
		}
	ais_json_close(&j, ']');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

/* The programs of r that o asks for, a flag each in rule order. */
static unsigned char *
wanted(const struct ais_rules *r, const struct ais_rules_list_opts *o)
{
	unsigned char *want = ais_xcalloc(r->nprograms + 1, 1);
	size_t i, k, q, n = 0;

	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++, n++) {
			const struct ais_jurisdiction *pj = &r->j[i];

			if (!o->njurisdictions) {
				want[n] = 1;
				continue;
			}
			for (q = 0; q < o->njurisdictions; q++) {
				const struct ais_jurisdiction *a = ais_rules_find(r,
				    o->jurisdictions[q],
				    strlen(o->jurisdictions[q]));

				/* a jurisdiction's own programs and, as calc
				 * evaluates it, its province's */
				if (a && (a == pj || a->parent == pj))
					want[n] = 1;
			}
		}
	return want;
}

static void
rules_list(const struct ais_rules *r, const struct ais_rules_list_opts *o,
	struct ais_buf *b)
{
	unsigned char *want = wanted(r, o);
	struct ais_oom_cleanup c;
	size_t i, k, n = 0;

	ais_oom_push(&c, free, want);
	if (o->format == AIS_RULES_JSON) {
		list_json(r, o, want, b);
	} else if (o->format == AIS_RULES_IDS) {
		for (i = 0; i < r->nj; i++)
			for (k = 0; k < r->j[i].nprograms; k++, n++)
				if (want[n])
					ais_buf_addf(b, "%s\n",
					    r->j[i].programs[k].id);
	} else {
		list_text(r, o, want, b);
	}
	ais_oom_pop(&c);
	free(want);
}

int
ais_rules_list(const struct ais_rules *r, const struct ais_rules_list_opts *o,
	struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, rules_list(r, o, b));
}

static void
rules_ids(const struct ais_rules *r, int jurisdictions, struct ais_buf *b)
{
	size_t i, k;

	for (i = 0; i < r->nj; i++) {
		if (jurisdictions) {
			ais_buf_addf(b, "%s\n", r->j[i].id);
			continue;
		}
		for (k = 0; k < r->j[i].nprograms; k++)
			ais_buf_addf(b, "%s\n", r->j[i].programs[k].id);
	}
}

int
ais_rules_ids(const struct ais_rules *r, int jurisdictions, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, rules_ids(r, jurisdictions, b));
}

static void
jurisdiction_json(const struct ais_jurisdiction *jd, struct ais_buf *b)
{
	struct ais_json j;
	size_t k;

	ais_json_init(&j, b, 1);
	ais_json_open(&j, '{');
	ais_json_kstr(&j, "id", jd->id);
	ais_json_kstr(&j, "level", jd->level);
	ais_json_key(&j, "name");
	ais_json_open(&j, '{');
	ais_json_kstr(&j, "zh", jd->name_zh);
	ais_json_kstr(&j, "en", jd->name_en);
	ais_json_close(&j, '}');
	ais_json_kstr(&j, "parent", jd->parent_id);
	ais_json_kstr(&j, "file", jd->file);
	ais_json_key(&j, "documents");
	ais_json_open(&j, '[');
	for (k = 0; k < jd->ndocuments; k++) {
		const struct ais_document *d = &jd->documents[k];

		ais_json_open(&j, '{');
		ais_json_kstr(&j, "id", d->id);
		ais_json_kstr(&j, "title", d->title);
		if (d->number)
			ais_json_kstr(&j, "number", d->number);
		if (d->issuer)
			ais_json_kstr(&j, "issuer", d->issuer);
		if (d->date != AIS_DATE_MIN)
			ais_json_kdate(&j, "date", d->date);
		ais_json_key(&j, "valid");
		ais_json_open(&j, '{');
		ais_json_kdate(&j, "from", d->valid_from);
		ais_json_kdate(&j, "until", d->valid_until);
		if (d->validity_assumed)
			ais_json_kbool(&j, "assumed", 1);
		ais_json_close(&j, '}');
		ais_json_close(&j, '}');
	}
	ais_json_close(&j, ']');
	ais_json_key(&j, "programs");
	ais_json_open(&j, '[');
	for (k = 0; k < jd->nprograms; k++) {
		ais_json_open(&j, '{');
		ais_json_kstr(&j, "id", jd->programs[k].id);
		ais_json_key(&j, "title");
		ais_json_open(&j, '{');
		ais_json_kstr(&j, "zh", jd->programs[k].title_zh);
		ais_json_kstr(&j, "en", jd->programs[k].title_en);
		ais_json_close(&j, '}');
		ais_json_close(&j, '}');
	}
	ais_json_close(&j, ']');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

/* pg as JSON, a line (pretty: the object's last line). */
static void
program_json_line(const struct ais_program *pg, struct ais_buf *b)
{
	struct ais_json j;

	ais_json_init(&j, b, 1);
	if (ais_catalog_program_json(pg, &j) < 0)
		ais_oom();
	ais_buf_addc(b, '\n');
}

static int
show_program_json(const struct ais_program *pg, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, program_json_line(pg, b));
}

static int
jurisdiction_show_json(const struct ais_jurisdiction *jd, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, jurisdiction_json(jd, b));
}

int
ais_rules_show(const struct ais_rules *r, const char *id, enum ais_lang lang,
	enum ais_rules_format format, struct ais_buf *b)
{
	const struct ais_program *pg = ais_program_find(r, id);
	const struct ais_jurisdiction *jd;

	if (pg) {
		if (format == AIS_RULES_JSON)
			return show_program_json(pg, b) < 0 ? -1 : 1;
		return ais_catalog_program(pg, lang, b) < 0 ? -1 : 1;
	}
	jd = ais_rules_find(r, id, strlen(id));
	if (!jd)
		return 0;
	if (format == AIS_RULES_JSON)
		return jurisdiction_show_json(jd, b) < 0 ? -1 : 1;
	return ais_catalog_jurisdiction(jd, lang, b) < 0 ? -1 : 1;
}

/* The closest of the ids of r (programs when programs, jurisdictions
 * always) to id, or NULL. */
static const char *
closest(const struct ais_rules *r, const char *id, int programs)
{
	const char **names;
	const char *s;
	size_t i, k, n = 0;

	names = malloc(sizeof *names * (r->nprograms + r->nj + 1));
	if (!names)
		return NULL;	/* no suggestion: the message is still right */
	for (i = 0; i < r->nj; i++) {
		names[n++] = r->j[i].id;
		for (k = 0; programs && k < r->j[i].nprograms; k++)
			names[n++] = r->j[i].programs[k].id;
	}
	names[n] = NULL;
	s = ais_suggest(id, strlen(id), names);
	free(names);
	return s;
}

void
ais_rules_unknown_id(const struct ais_rules *r, const char *id,
	struct ais_buf *b)
{
	const char *s = closest(r, id, 1);

	ais_buf_addf(b, "unknown program or jurisdiction '%s'", id);
	if (s)
		ais_buf_addf(b, " (did you mean '%s'?)", s);
}

int
ais_rules_known_jurisdiction(const struct ais_rules *r, const char *id,
	struct ais_buf *b)
{
	const char *s;

	if (ais_rules_find(r, id, strlen(id)))
		return 1;
	s = closest(r, id, 0);
	ais_buf_addf(b, "--jurisdiction '%s' is not in the rules", id);
	if (s)
		ais_buf_addf(b, " (did you mean '%s'?)", s);
	return 0;
}

/* ---- check ---- */

/* A rule file read again for the places of terms. */
struct places {
	const struct ais_rule_file *file;
	yaml_document_t doc;
	int loaded;
	yaml_node_t *prog;		/* the program's mapping, or NULL */
};

static yaml_node_t *
ynode(struct places *P, int id)
{
	return yaml_document_get_node(&P->doc, id);
}

static int
yis(const yaml_node_t *k, const char *s)
{
	return k && k->type == YAML_SCALAR_NODE && k->data.scalar.length ==
	    strlen(s) && memcmp(k->data.scalar.value, s, k->data.scalar.length)
	    == 0;
}

/* The key node of key in mapping n (*val its value), or NULL. */
static yaml_node_t *
ykey(struct places *P, yaml_node_t *n, const char *key, yaml_node_t **val)
{
	yaml_node_pair_t *p;

	if (!n || n->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top;
	    p++)
		if (yis(ynode(P, p->key), key)) {
			if (val)
				*val = ynode(P, p->value);
			return ynode(P, p->key);
		}
	return NULL;
}

static yaml_node_t *
yitem(struct places *P, yaml_node_t *n, size_t i)
{
	if (!n || n->type != YAML_SEQUENCE_NODE ||
	    i >= (size_t)(n->data.sequence.items.top -
	    n->data.sequence.items.start))
		return NULL;
	return ynode(P, n->data.sequence.items.start[i]);
}

/* Finds pg's mapping in its file (P->prog). */
static void
places_program(struct places *P, const struct ais_program *pg)
{
	yaml_node_t *progs = NULL, *it, *id;
	size_t i;

	P->prog = NULL;
	if (!P->loaded)
		return;
	ykey(P, yaml_document_get_root_node(&P->doc), "programs", &progs);
	for (i = 0; (it = yitem(P, progs, i)) != NULL; i++) {
		id = NULL;
		ykey(P, it, "id", &id);
		if (id && yis(id, pg->id)) {
			P->prog = it;
			return;
		}
	}
}

/*
 * The place of a term of the program: path is a list of keys and
 * indexes ("awards", "#0", "rate"), NULL-terminated.  The key node of the
 * last key, or NULL when it is not found (then the program's place).
 */
static yaml_node_t *
places_find(struct places *P, const char *const *path)
{
	yaml_node_t *n = P->prog, *k = NULL;
	size_t i;

	for (i = 0; n && path[i]; i++) {
		if (path[i][0] == '#') {
			n = yitem(P, n, (size_t)strtoul(path[i] + 1, NULL, 10));
			k = n;
		} else {
			yaml_node_t *v = NULL;

			k = ykey(P, n, path[i], &v);
			n = k ? v : NULL;
		}
	}
	return n ? k : NULL;
}

struct checker {
	const struct ais_rules *r;
	const struct ais_rules_check_opts *o;
	struct ais_buf *b;
	struct ais_rules_check_stats *st;
	struct places P;
	const struct ais_program *pg;
	struct ais_buf msg;
};

/* "FILE:LINE:COLUMN: warning: " at node k of the program's file, or at
 * the program's id. */
static void
warn_at(struct checker *C, const yaml_node_t *k)
{
	const struct ais_program *pg = C->pg;

	if (k)
		ais_buf_addf(C->b, "%s:%d:%d: ", pg->jurisdiction->file,
		    (int)k->start_mark.line + 1, (int)k->start_mark.column + 1);
	else
		ais_buf_addf(C->b, "%s:%d:%d: ", pg->jurisdiction->file,
		    pg->line, pg->column);
	ais_buf_adds(C->b, W(C->o->lang, "warning: ", "警告："));
	C->st->warnings++;
}

/* A term of the program resting only on grades below quoted. */
static void
check_term(struct checker *C, const struct ais_term *t, const char *what,
	const char *const *path)
{
	enum ais_lang lang = C->o->lang;
	const char *best = NULL;
	size_t i;

	if (!t->n)
		return;
	for (i = 0; i < t->n; i++) {
		const char *g = t->v[i].source->confidence;

		if (!best || ais_grade_rank(g) < ais_grade_rank(best))
			best = g;
	}
	if (!ais_confidence_below_quoted(best))
		return;
	warn_at(C, places_find(&C->P, path));
	if (lang == AIS_LANG_EN)
		ais_buf_addf(C->b, "%s of %s rests only on sources graded "
		    "'%s' or below (%s), none on the policy's own text\n",
		    what, C->pg->id, best,
		    t->v[0].source->name ? t->v[0].source->name :
		    t->v[0].source->document->id);
	else
		ais_buf_addf(C->b, "%s 的 %s 仅有“%s”及以下等级的来源（%s），"
		    "无政策原文可据\n", C->pg->id, what,
		    ais_catalog_name(lang, best),
		    t->v[0].source->name ? t->v[0].source->name :
		    t->v[0].source->document->id);
}

static void
check_conditions(struct checker *C, const struct ais_condition *c, size_t n,
	const char *list, const char *award)
{
	char idx[24], what[64];
	size_t i;

	for (i = 0; i < n; i++) {
		const char *path[6];

		snprintf(idx, sizeof idx, "#%zu", i);
		if (award) {
			path[0] = "awards";
			path[1] = award;
			path[2] = list;
			path[3] = idx;
			path[4] = "test";
			path[5] = NULL;
		} else {
			path[0] = list;
			path[1] = idx;
			path[2] = "test";
			path[3] = NULL;
		}
		snprintf(what, sizeof what, "%s", c[i].id);
		check_term(C, &c[i].test, what, path);
	}
}

static void
check_program(struct checker *C, const struct ais_program *pg, size_t tests)
{
	static const char *const names[] = {
		"base", "rate", "amount", "cap", "ceiling"
	};
	enum ais_lang lang = C->o->lang;
	char idx[24], what[64], d[11];
	size_t i, k;

	C->pg = pg;
	places_program(&C->P, pg);
	if (pg->valid_until < C->o->as_of) {
		const char *path[] = { "valid", NULL };
		yaml_node_t *k = places_find(&C->P, path);

		warn_at(C, k);
		ais_date_format(C->o->as_of, d);
		ais_buf_addf(C->b, W(lang, "%s ended on %s, before %s: no "
		    "claim dated after it is eligible\n", "%s 已于%s到期"
		    "（早于%s），此后申报的均不符合\n"), pg->id,
		    pg->valid_until_text, d);
	}
	if (!tests) {
		warn_at(C, NULL);
		ais_buf_addf(C->b, W(lang, "%s has no rule test: no case of "
		    "the tests names it in 'expect'\n", "%s 没有规则测试：测试"
		    "用例的 expect 均未提及该项目\n"), pg->id);
	}
	check_conditions(C, pg->conditions, pg->nconditions, "conditions",
	    NULL);
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];
		const struct ais_term *t[5];

		t[0] = &aw->base;
		t[1] = &aw->rate;
		t[2] = &aw->amount;
		t[3] = &aw->cap;
		t[4] = &aw->ceiling;
		snprintf(idx, sizeof idx, "#%zu", i);
		check_conditions(C, aw->when, aw->nwhen, "when", idx);
		for (k = 0; k < 5; k++) {
			const char *path[] = { "awards", idx, names[k], NULL };

			snprintf(what, sizeof what, "awards[%zu].%s", i,
			    names[k]);
			check_term(C, t[k], what, path);
		}
	}
	{
		const char *path[] = { "cap", NULL };

		check_term(C, &pg->cap, "cap", path);
	}
	if (pg->pool.present) {
		const char *path[] = { "pool", "amount", NULL };

		check_term(C, &pg->pool.amount, "pool.amount", path);
	}
}

/* Reads jurisdiction j's file again (P->loaded 0 when it is not among
 * files or does not read: the places are then the programs'). */
static void
places_open(struct places *P, const struct ais_jurisdiction *j,
	const struct ais_rule_file *files, size_t n)
{
	struct ais_error e;
	size_t i;

	P->loaded = 0;
	P->prog = NULL;
	for (i = 0; i < n; i++)
		if (strcmp(files[i].name, j->file) == 0)
			break;
	if (i == n)
		return;
	P->file = &files[i];
	if (ais_rules_yaml_load(P->file, &P->doc, &e) == 0)
		P->loaded = 1;
}

static void
places_close(void *arg)
{
	struct places *P = arg;

	if (P->loaded)
		yaml_document_delete(&P->doc);
	P->loaded = 0;
}

static void
check_loaded(struct checker *C, const struct ais_rule_file *files,
	size_t nfiles, const size_t *tests)
{
	const struct ais_rules *r = C->r;
	struct ais_oom_cleanup c;
	size_t i, k, n = 0;

	C->st->programs = r->nprograms;
	ais_oom_push(&c, places_close, &C->P);
	for (i = 0; i < r->nj; i++) {
		places_open(&C->P, &r->j[i], files, nfiles);
		for (k = 0; k < r->j[i].nprograms; k++, n++)
			check_program(C, &r->j[i].programs[k],
			    tests ? tests[n] : 0);
		places_close(&C->P);
	}
	ais_oom_pop(&c);
	if (C->o->lang == AIS_LANG_EN)
		ais_buf_addf(C->b, "%zu program%s, %zu warning%s\n",
		    C->st->programs, C->st->programs == 1 ? "" : "s",
		    C->st->warnings, C->st->warnings == 1 ? "" : "s");
	else
		ais_buf_addf(C->b, "共%zu个项目，%zu条警告\n", C->st->programs,
		    C->st->warnings);
}

int
ais_rules_check_loaded(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t nfiles, const size_t *tests,
	const struct ais_rules_check_opts *o, struct ais_buf *b,
	struct ais_rules_check_stats *st)
{
	struct checker C;

	memset(&C, 0, sizeof C);
	memset(st, 0, sizeof *st);
	C.r = r;
	C.o = o;
	C.b = b;
	C.st = st;
	AIS_OOM_BUF_BODY(b, check_loaded(&C, files, nfiles, tests));
}

/* The files of every layer, and the tests of each, freed together. */
struct check_files {
	struct ais_rule_files *rules, *tests;
	size_t n;
	struct ais_rule_file *all, *alltests;
	size_t *counts;
	struct ais_rules *r;
	struct ais_buf tdir;
};

static void
check_files_release(void *arg)
{
	struct check_files *cf = arg;
	size_t i;

	for (i = 0; i < cf->n; i++) {
		ais_rule_files_release(&cf->rules[i]);
		ais_rule_files_release(&cf->tests[i]);
	}
	free(cf->rules);
	free(cf->tests);
	free(cf->all);
	free(cf->alltests);
	free(cf->counts);
	ais_rules_free(cf->r);
	ais_buf_release(&cf->tdir);
	memset(cf, 0, sizeof *cf);
}

/* Whether dir is a directory. */
static int
is_dir(const char *dir)
{
	struct stat st;

	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
rules_check(const char *base, const char *const *add, size_t nadd,
	const struct ais_rules_check_opts *o, struct ais_buf *b,
	struct ais_rules_check_stats *st, struct ais_error *err)
{
	struct check_files cf;
	struct ais_oom_cleanup c;
	size_t i, k, nall = 0, ntests = 0;
	int rc = -1;

	memset(&cf, 0, sizeof cf);
	ais_oom_push(&c, check_files_release, &cf);
	cf.rules = ais_xcalloc(nadd + 1, sizeof *cf.rules);
	cf.tests = ais_xcalloc(nadd + 1, sizeof *cf.tests);
	for (i = 0; i <= nadd; i++) {
		const char *dir = i == 0 ? base : add[i - 1];

		cf.n++;
		if (!dir) {
			ais_rule_files_builtin("rules/", &cf.rules[i]);
			ais_rule_files_builtin("rules/tests/", &cf.tests[i]);
		} else {
			if (ais_rule_files_read(dir, &cf.rules[i], err) < 0)
				goto out;
			ais_buf_reset(&cf.tdir);
			ais_buf_addf(&cf.tdir, "%s/tests", dir);
			if (is_dir(cf.tdir.p) && ais_rule_files_read(cf.tdir.p,
			    &cf.tests[i], err) < 0)
				goto out;
		}
		nall += cf.rules[i].f.n;
		ntests += cf.tests[i].f.n;
	}
	cf.all = ais_xcalloc(nall + 1, sizeof *cf.all);
	cf.alltests = ais_xcalloc(ntests + 1, sizeof *cf.alltests);
	for (i = 0, nall = 0, ntests = 0; i <= nadd; i++) {
		for (k = 0; k < cf.rules[i].f.n; k++)
			cf.all[nall++] = cf.rules[i].f.v[k];
		for (k = 0; k < cf.tests[i].f.n; k++)
			cf.alltests[ntests++] = cf.tests[i].f.v[k];
	}
	cf.r = ais_rules_load_layers(base, add, nadd, err);
	if (!cf.r)
		goto out;
	cf.counts = ais_xcalloc(cf.r->nprograms + 1, sizeof *cf.counts);
	if (ais_ruletest_count(cf.r, cf.alltests, ntests, cf.counts, err) < 0)
		goto out;
	if (ais_rules_check_loaded(cf.r, cf.all, nall, cf.counts, o, b, st) < 0) {
		ais_oom_error(err);
		goto out;
	}
	rc = 0;
out:
	ais_oom_pop(&c);
	check_files_release(&cf);
	return rc;
}

int
ais_rules_check(const char *base, const char *const *add, size_t nadd,
	const struct ais_rules_check_opts *o, struct ais_buf *b,
	struct ais_rules_check_stats *st, struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	memset(st, 0, sizeof *st);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = rules_check(base, add, nadd, o, b, st, err);
	ais_oom_guard_leave(&g);
	return rc;
}
