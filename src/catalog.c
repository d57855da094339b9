/*
 * catalog.c: the rule set as a Markdown catalogue (docs/programs.md).
 *
 * The catalogue is generated from the loaded rules, so it says what the
 * rules say; `make check` compares docs/programs.md with a fresh one.
 */
#include <string.h>

#include "catalog.h"

static void
date_or(struct ais_buf *b, ais_date d, const char *open)
{
	char t[11];

	if (d == AIS_DATE_MIN || d == AIS_DATE_MAX) {
		ais_buf_adds(b, open);
		return;
	}
	ais_date_format(d, t);
	ais_buf_adds(b, t);
}

/* Adds s with the characters that break a Markdown table cell escaped. */
static void
cell(struct ais_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			ais_buf_adds(b, "\\|");
		else if (*s == '\n')
			ais_buf_addc(b, ' ');
		else
			ais_buf_addc(b, *s);
	}
}

static void
source_text(struct ais_buf *b, const struct ais_source *s)
{
	ais_buf_addf(b, "%s, %s", s->document->id, s->confidence);
	if (s->seed)
		ais_buf_addf(b, ", seed %s", s->seed);
}

static void
term(struct ais_buf *b, const char *name, const struct ais_term *t,
	const struct ais_source *dflt)
{
	size_t i;

	if (!t->n)
		return;
	for (i = 0; i < t->n; i++) {
		const struct ais_version *v = &t->v[i];

		ais_buf_addf(b, "  - %s", name);
		if (t->n > 1 || v->from != AIS_DATE_MIN ||
		    v->until != AIS_DATE_MAX) {
			ais_buf_adds(b, " (");
			date_or(b, v->from, "…");
			ais_buf_adds(b, " to ");
			date_or(b, v->until, "…");
			ais_buf_adds(b, ")");
		}
		if (v->ended)
			ais_buf_adds(b, ": ended");
		else
			ais_buf_addf(b, ": `%s`", ais_expr_text(v->expr));
		if (v->source != dflt) {
			ais_buf_adds(b, " [");
			source_text(b, v->source);
			ais_buf_adds(b, "]");
		}
		ais_buf_addc(b, '\n');
	}
}

static void
conditions(struct ais_buf *b, const char *what,
	const struct ais_condition *c, size_t n, const struct ais_source *src,
	enum ais_lang lang)
{
	size_t i;

	for (i = 0; i < n; i++) {
		ais_buf_addf(b, "  - %s: %s", what, AIS_L10N(c[i].says, lang));
		if (c[i].test.n == 1)
			ais_buf_addf(b, " — `%s`", c[i].test.v[0].ended ? "ended"
			    : ais_expr_text(c[i].test.v[0].expr));
		if (c[i].test.v[0].source != src) {
			ais_buf_adds(b, " [");
			source_text(b, c[i].test.v[0].source);
			ais_buf_adds(b, "]");
		}
		ais_buf_addc(b, '\n');
	}
}

static void
program(struct ais_buf *b, const struct ais_program *pg, enum ais_lang lang)
{
	const struct ais_field *kf = &ais_profile_schema.fields[
	    ais_schema_find(&ais_profile_schema, "kind", 4)];
	size_t i;
	int first = 1;

	ais_buf_addf(b, "### `%s`: %s / %s\n\n", pg->id, pg->title_zh,
	    pg->title_en);
	ais_buf_addf(b, "- document: %s (%s)\n", pg->document->title,
	    pg->document->id);
	ais_buf_adds(b, "- source: ");
	source_text(b, pg->source);
	if (pg->source->clause)
		ais_buf_addf(b, ": %s", pg->source->clause);
	ais_buf_adds(b, "\n- valid: ");
	date_or(b, pg->valid_from, "…");
	ais_buf_adds(b, " to ");
	date_or(b, pg->valid_until, "until replaced");
	ais_buf_adds(b, "\n- who may apply: ");
	if (pg->any_applicant)
		ais_buf_adds(b, "any kind");
	for (i = 0; kf->enums[i]; i++)
		if (pg->applicants & (1u << i)) {
			ais_buf_addf(b, "%s%s", first ? "" : ", ", kf->enums[i]);
			first = 0;
		}
	ais_buf_addc(b, '\n');
	if (pg->nconditions) {
		ais_buf_adds(b, "- conditions:\n");
		conditions(b, "condition", pg->conditions, pg->nconditions,
		    pg->source, lang);
	}
	for (i = 0; i < pg->nawards; i++) {
		const struct ais_award *aw = &pg->awards[i];

		ais_buf_addf(b, "- award \"%s\", %s", AIS_L10N(aw->label, lang),
		    ais_basis_names[aw->basis]);
		if (aw->each)
			ais_buf_addf(b, ", for each entry of `%s`%s%s%s",
			    aw->each->name, aw->where ? " where `" : "",
			    aw->where ? ais_expr_text(aw->where) : "",
			    aw->where ? "`" : "");
		if (aw->from != AIS_DATE_MIN || aw->until != AIS_DATE_MAX) {
			ais_buf_adds(b, ", from ");
			date_or(b, aw->from, "…");
			ais_buf_adds(b, " to ");
			date_or(b, aw->until, "…");
		}
		if (aw->project)
			ais_buf_addf(b, ", project `%s`", aw->project);
		ais_buf_adds(b, ":\n");
		conditions(b, "when", aw->when, aw->nwhen, pg->source, lang);
		term(b, "base", &aw->base, pg->source);
		term(b, "rate", &aw->rate, pg->source);
		term(b, "amount", &aw->amount, pg->source);
		term(b, "ceiling", &aw->ceiling, pg->source);
		term(b, "cap", &aw->cap, pg->source);
	}
	if (pg->cap.n) {
		ais_buf_adds(b, "- per applicant:\n");
		term(b, "cap", &pg->cap, pg->source);
	}
	if (pg->same_project)
		ais_buf_addf(b, "- same project once: group `%s`\n",
		    pg->same_project);
	if (pg->pool.present) {
		ais_buf_addf(b, "- pool (per %s, %s", pg->pool.per,
		    pg->pool.allocation);
		for (i = 0; pg->pool.shared_with[i]; i++)
			ais_buf_addf(b, "%s%s", i ? ", " : ", shared with ",
			    pg->pool.shared_with[i]);
		ais_buf_adds(b, "):\n");
		term(b, "amount", &pg->pool.amount, pg->source);
	}
	for (i = 0; i < pg->nmanual; i++)
		ais_buf_addf(b, "- manual check: %s\n",
		    AIS_L10N(pg->manual_checks[i], lang));
	for (i = 0; i < pg->nnotes; i++)
		ais_buf_addf(b, "- note: %s\n", AIS_L10N(pg->notes[i], lang));
	ais_buf_addc(b, '\n');
}

static void
catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b)
{
	size_t i, k;

	ais_buf_adds(b, "# Programs of the built-in rules\n\n"
	    "Generated by `aisubsidy programs` from `rules/*.yaml`; "
	    "`make check` fails when this file\ndiffers from the rules. "
	    "Regenerate it with `make docs`.\n\n");
	ais_buf_addf(b, "Rule set digest: `%s`.\n\n", r->digest);
	ais_buf_adds(b, "| program | 中文 | English | basis |\n"
	    "| --- | --- | --- | --- |\n");
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++) {
			const struct ais_program *pg = &r->j[i].programs[k];
			size_t a;

			ais_buf_addf(b, "| `%s` | ", pg->id);
			cell(b, pg->title_zh);
			ais_buf_adds(b, " | ");
			cell(b, pg->title_en);
			ais_buf_adds(b, " | ");
			for (a = 0; a < pg->nawards; a++) {
				size_t q;

				for (q = 0; q < a; q++)
					if (pg->awards[q].basis ==
					    pg->awards[a].basis)
						break;
				if (q < a)
					continue;
				ais_buf_addf(b, "%s%s", a ? ", " : "",
				    ais_basis_names[pg->awards[a].basis]);
			}
			ais_buf_adds(b, " |\n");
		}
	ais_buf_addc(b, '\n');
	for (i = 0; i < r->nj; i++) {
		const struct ais_jurisdiction *j = &r->j[i];

		ais_buf_addf(b, "## %s %s (%s, %s", j->name_zh, j->name_en,
		    j->id, j->level);
		if (j->parent_id)
			ais_buf_addf(b, ", in %s", j->parent_id);
		ais_buf_addf(b, "): `%s`\n\n", j->file);
		ais_buf_adds(b, "| document | title | issued | valid |\n"
		    "| --- | --- | --- | --- |\n");
		for (k = 0; k < j->ndocuments; k++) {
			const struct ais_document *d = &j->documents[k];

			ais_buf_addf(b, "| `%s` | ", d->id);
			cell(b, d->title);
			if (d->number) {
				ais_buf_adds(b, ", ");
				cell(b, d->number);
			}
			if (d->issuer) {
				ais_buf_adds(b, ", ");
				cell(b, d->issuer);
			}
			ais_buf_adds(b, " | ");
			date_or(b, d->date, "not given");
			ais_buf_adds(b, " | ");
			date_or(b, d->valid_from, "…");
			ais_buf_adds(b, " to ");
			date_or(b, d->valid_until, "until replaced");
			if (d->validity_assumed)
				ais_buf_adds(b, " (**assumed**: ");
			else if (d->validity_note.en)
				ais_buf_adds(b, " (");
			if (d->validity_note.en) {
				cell(b, AIS_L10N(d->validity_note, lang));
				ais_buf_adds(b, ")");
			}
			ais_buf_adds(b, " |\n");
		}
		ais_buf_addc(b, '\n');
		for (k = 0; k < j->nprograms; k++)
			program(b, &j->programs[k], lang);
	}
}

int
ais_catalog_write(const struct ais_rules *r, enum ais_lang lang,
	struct ais_buf *b)
{
	struct ais_oom_guard g;
	size_t len = b->len;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_cut(b, len);
		return -1;
	}
	catalog_write(r, lang, b);
	ais_oom_guard_leave(&g);
	return 0;
}
