/*
 * tally.c: adding up a batch, program by program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tally.h"

int
ais_tally_init(struct ais_tally *t, const struct ais_rules *r)
{
	struct ais_oom_guard g;

	memset(t, 0, sizeof *t);
	t->rules = r;
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return -1;
	t->per = ais_xcalloc(r->nprograms + 1, sizeof *t->per);
	ais_oom_guard_leave(&g);
	return 0;
}

void
ais_tally_release(struct ais_tally *t)
{
	free(t->per);
	memset(t, 0, sizeof *t);
}

/* Adds b to *a, or marks the tally overflowed and leaves *a. */
static void
add(struct ais_tally *t, int64_t *a, int64_t b)
{
	int64_t s;

	if (ais_fen_add(*a, b, &s) < 0)
		t->overflow = 1;
	else
		*a = s;
}

void
ais_tally_add(struct ais_tally *t, const struct ais_result *res)
{
	size_t i;

	t->read++;
	if (res->warnings.n) {
		t->warned++;
		t->warnings += res->warnings.n;
	}
	add(t, &t->amount, res->total_amount);
	add(t, &t->up_to, res->total_up_to);
	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		struct ais_tally_program *p = &t->per[it->program->index];

		if (!it->eligible)
			continue;
		p->eligible++;
		if (it->has_amount)
			add(t, &p->amount, it->amount);
		if (it->has_up_to)
			add(t, &p->up_to, it->up_to);
		if (!it->has_amount && !it->has_up_to)
			p->unquantified++;
	}
}

void
ais_tally_reject(struct ais_tally *t)
{
	t->read++;
	t->rejected++;
}

static void
tally_write(const struct ais_tally *t, int pretty, struct ais_buf *b)
{
	struct ais_json j;
	size_t i, k, n = 0;

	ais_json_init(&j, b, pretty);
	ais_json_open(&j, '{');
	ais_json_key(&j, "summary");
	ais_json_open(&j, '{');
	ais_json_kuint(&j, "profiles", t->read);
	ais_json_kuint(&j, "evaluated", t->read - t->rejected);
	ais_json_kuint(&j, "rejected", t->rejected);
	ais_json_kfen(&j, "amount", 1, t->amount);
	ais_json_kfen(&j, "up_to", 1, t->up_to);
	ais_json_kbool(&j, "overflow", t->overflow);
	/* one line, even when pretty */
	ais_json_key(&j, "warnings");
	ais_json_open_flat(&j, '{');
	ais_json_kuint(&j, "profiles", t->warned);
	ais_json_kuint(&j, "count", t->warnings);
	ais_json_close(&j, '}');
	ais_json_key(&j, "programs");
	ais_json_open(&j, '{');
	for (i = 0; i < t->rules->nj; i++)
		for (k = 0; k < t->rules->j[i].nprograms; k++, n++) {
			const struct ais_program *pg = &t->rules->j[i].programs[k];
			const struct ais_tally_program *p = &t->per[pg->index];

			/* one line a program, even when pretty */
			ais_json_key_n(&j, pg->id, strlen(pg->id));
			ais_json_open_flat(&j, '{');
			ais_json_kuint(&j, "eligible", p->eligible);
			ais_json_kfen(&j, "amount", 1, p->amount);
			ais_json_kfen(&j, "up_to", 1, p->up_to);
			ais_json_kuint(&j, "unquantified", p->unquantified);
			ais_json_close(&j, '}');
		}
	/* rules without programs: the summary has always broken the line
	 * of an empty "programs" when pretty, where the writer keeps "{}" */
	if (n == 0 && pretty)
		ais_buf_adds(b, "\n    ");
	ais_json_close(&j, '}');
	ais_json_close(&j, '}');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

int
ais_tally_write(const struct ais_tally *t, int pretty, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, tally_write(t, pretty, b));
}
