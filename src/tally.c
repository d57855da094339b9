/*
 * tally.c: adding up a batch, program by program.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

void
ais_tally_init(struct ais_tally *t, const struct ais_rules *r)
{
	memset(t, 0, sizeof *t);
	t->rules = r;
	t->per = ais_xcalloc(r->nprograms + 1, sizeof *t->per);
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
fen(struct ais_buf *b, int64_t f)
{
	char s[32];

	ais_fen_format(f, s, sizeof s);
	ais_buf_adds(b, s);
}

void
ais_tally_write(const struct ais_tally *t, int pretty, struct ais_buf *b)
{
	const char *nl = pretty ? "\n" : "";
	const char *in1 = pretty ? "  " : "", *in2 = pretty ? "    " : "";
	const char *in3 = pretty ? "      " : "", *sp = pretty ? " " : "";
	size_t i, k, n = 0;

	ais_buf_addf(b, "{%s%s\"summary\":%s{%s", nl, in1, sp, nl);
	ais_buf_addf(b, "%s\"profiles\":%s%zu,%s", in2, sp, t->read, nl);
	ais_buf_addf(b, "%s\"evaluated\":%s%zu,%s", in2, sp,
	    t->read - t->rejected, nl);
	ais_buf_addf(b, "%s\"rejected\":%s%zu,%s", in2, sp, t->rejected, nl);
	ais_buf_addf(b, "%s\"amount\":%s", in2, sp);
	fen(b, t->amount);
	ais_buf_addf(b, ",%s%s\"up_to\":%s", nl, in2, sp);
	fen(b, t->up_to);
	ais_buf_addf(b, ",%s%s\"overflow\":%s%s,%s", nl, in2, sp,
	    t->overflow ? "true" : "false", nl);
	ais_buf_addf(b, "%s\"programs\":%s{", in2, sp);
	for (i = 0; i < t->rules->nj; i++)
		for (k = 0; k < t->rules->j[i].nprograms; k++) {
			const struct ais_program *pg = &t->rules->j[i].programs[k];
			const struct ais_tally_program *p = &t->per[pg->index];

			ais_buf_addf(b, "%s%s%s", n++ ? "," : "", nl, in3);
			ais_buf_add_json_str(b, pg->id, strlen(pg->id));
			ais_buf_addf(b, ":%s{\"eligible\":%s%zu,%s\"amount\":%s",
			    sp, sp, p->eligible, sp, sp);
			fen(b, p->amount);
			ais_buf_addf(b, ",%s\"up_to\":%s", sp, sp);
			fen(b, p->up_to);
			ais_buf_addf(b, ",%s\"unquantified\":%s%zu}", sp, sp,
			    p->unquantified);
		}
	ais_buf_addf(b, "%s%s}%s%s}%s}\n", nl, in2, nl, in1, nl);
}
