/*
 * compare.c: a population evaluated under the rules and under a reform
 * in one pass, and what the reform changes, to the fen (compare.h,
 * docs/policy.md "Compare").
 *
 * Workers (ais_par_run) read each profile once, against the base rules,
 * and evaluate it under both rule sets (a reformed set shares the base's
 * schema, so a profile read under one is read under the other) in
 * compact mode; each writes a small binary record of the eligible items
 * of both sides.  On the calling thread, in input order, emit adds each
 * side's claims to that side's pools (pool.c, exactly as `pool` does),
 * counts what needs no pool, and keeps, for each applicant with an
 * eligible item on either side, a compact record: its line, its id, its
 * sums of items without a pool on each side, and the items whose
 * eligibility or unpooled amount differ.  Once every pool is shared out,
 * one walk over the applicants and both sides' claims (all in input
 * order) gives what each is paid, the winners and losers, the changes
 * file, and the per program figures that depend on the pools.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "decimal.h"
#include "json.h"
#include "par.h"
#include "pool.h"
#include "profile.h"

__extension__ typedef unsigned __int128 u128;

/* The distribution's buckets: paid in (top[k-1], top[k]] fen, the first
 * [0, 0] and the last open. */
#define NBUCKETS 9
static const int64_t bucket_top[NBUCKETS - 1] = {
	0, 1000000, 5000000, 10000000, 50000000, 100000000, 500000000,
	1000000000
};

static size_t
bucket(int64_t paid)
{
	size_t k;

	for (k = 0; k < NBUCKETS - 1; k++)
		if (paid <= bucket_top[k])
			return k;
	return NBUCKETS - 1;
}

/* An eligible item as a worker hands it on. */
struct rec_item {
	uint32_t program;		/* index */
	uint8_t has_amount, has_up_to;
	int64_t amount, up_to;		/* fen */
};

/* One program's figures on one side. */
struct side_prog {
	size_t eligible, cut;
	int64_t demanded, paid;
	size_t dist[NBUCKETS];
};

struct side {
	const struct ais_rules *r;
	const struct ais_program **prog;	/* by index */
	struct ais_pools pools;
	struct side_prog *per;			/* by index */
	size_t eligible, cut;			/* applicants */
	int64_t demanded, paid;
};

/* An item of an applicant that differs between the sides: its
 * eligibility, or its amount outside any pool. */
struct diff {
	uint32_t program;
	uint8_t elig[2];
	int64_t np[2];			/* its amount, when not pooled */
};

/* An applicant with an eligible item on either side. */
struct appl {
	long line;
	size_t id;			/* in ids, or SIZE_MAX: none */
	size_t diff;			/* its first in diffs */
	uint32_t ndiff;
	int64_t np[2];			/* the sum of its unpooled items */
};

/* A winner or a loser, for the largest changes. */
struct mover {
	size_t appl;
	int64_t paid[2];
};

struct ctx {
	const struct ais_compare_opts *o;
	struct ais_calc_opts copts;	/* o's, compact: figures, no record */
	int sides;			/* 1: baseline only; 2: and reform */
	struct side s[2];
	size_t nprograms;
	size_t profiles, rejected;
	int status;			/* AIS_EPROFILE once a line was rejected */
	int said_oom;			/* "out of memory" written */
	FILE *msgs;
	AIS_VEC(struct appl) a;		/* on the heap */
	AIS_VEC(struct diff) d;		/* on the heap */
	struct ais_buf ids;
	/* emit's scratch: a line's figures for ais_pools_add_figures */
	AIS_VEC(struct ais_pool_figure) fig;	/* on the heap */
	AIS_VEC(struct rec_item) ri[2];	/* on the heap */
};

struct worker {
	const struct ctx *c;
	struct ais_profile p;
	struct ais_result res[2];
	struct ais_error err;
};

/* An item's demand, as the pools count it: its amount, or its ceiling
 * when only that is known; 0 when it has no figure. */
static int64_t
item_demand(int has_amount, int64_t amount, int has_up_to, int64_t up_to)
{
	return has_amount ? amount : has_up_to ? up_to : 0;
}

/* a + b, held at INT64_MAX (sums of fen that large do not happen: the
 * pools hold their demand the same way). */
static int64_t
add(int64_t a, int64_t b)
{
	int64_t s;

	return ais_fen_add(a, b, &s) < 0 ? (b < 0 ? INT64_MIN : INT64_MAX) : s;
}

/* ---- The workers ---- */

static void *
worker_new(void *arg)
{
	struct worker *w = calloc(1, sizeof *w);

	if (w == NULL)
		return NULL;
	w->c = arg;
	ais_profile_init(&w->p);
	ais_result_init(&w->res[0]);
	ais_result_init(&w->res[1]);
	return w;
}

static void
worker_free(void *arg)
{
	struct worker *w = arg;

	if (w == NULL)
		return;
	ais_profile_release(&w->p);
	ais_result_release(&w->res[0]);
	ais_result_release(&w->res[1]);
	free(w);
}

/* The record of one evaluated line: its claim date, its id, then for
 * each side the count of its eligible items and the items. */
static void
write_record(const struct worker *w, int sides, struct ais_buf *out)
{
	const char *id = w->p.id;
	uint32_t n = id ? (uint32_t)strlen(id) : UINT32_MAX;
	int s;

	ais_buf_add(out, &w->res[0].as_of, sizeof w->res[0].as_of);
	ais_buf_add(out, &n, sizeof n);
	if (id)
		ais_buf_add(out, id, n);
	for (s = 0; s < sides; s++) {
		const struct ais_result *res = &w->res[s];
		uint32_t k = 0;
		size_t i, at = out->len;

		ais_buf_add(out, &k, sizeof k);
		for (i = 0; i < res->items.n; i++) {
			const struct ais_item *it = &res->items.v[i];
			struct rec_item ri;

			if (!it->eligible)
				continue;
			memset(&ri, 0, sizeof ri);
			ri.program = (uint32_t)it->program->index;
			ri.has_amount = (uint8_t)(it->has_amount != 0);
			ri.has_up_to = (uint8_t)(it->has_up_to != 0);
			ri.amount = it->amount;
			ri.up_to = it->up_to;
			ais_buf_add(out, &ri, sizeof ri);
			k++;
		}
		if (out->p)
			memcpy(out->p + at, &k, sizeof k);
	}
}

/* A rejected line's message, as batch.c writes it: "aisubsidy:
 * NAME:LINE: ..." (under the reform: said so). */
static void
write_message(const struct worker *w, long lineno, int side,
	struct ais_buf *msg)
{
	char text[AIS_ERROR_TEXT_MAX];

	ais_error_format(&w->err, text, sizeof text);
	if (w->err.status == AIS_ENOMEM)
		ais_buf_adds(msg, "aisubsidy: out of memory\n");
	else if (w->err.file[0])
		ais_buf_addf(msg, "aisubsidy: %s%s\n",
		    side ? "under the reform: " : "", text);
	else
		ais_buf_addf(msg, "aisubsidy: %s:%ld: %s%s\n",
		    w->c->o->name, lineno, side ? "under the reform: " : "",
		    text);
}

static int
eval_line(struct worker *w, long lineno, const char *text, size_t len,
	struct ais_buf *out, struct ais_buf *msg)
{
	const struct ctx *c = w->c;
	int s = 0;

	w->err.status = w->err.line = w->err.column = 0;
	w->err.file[0] = w->err.path[0] = w->err.msg[0] = '\0';
	if (ais_profile_read(&w->p, c->s[0].r, text, len, &w->err) == 0)
		for (s = 0; s < c->sides; s++)
			if (ais_calc(c->s[s].r, &w->p, &c->copts, &w->res[s],
			    &w->err) < 0)
				break;
	if (s == c->sides && w->err.status == 0) {
		write_record(w, c->sides, out);
		return AIS_OK;
	}
	write_message(w, lineno, s, msg);
	return w->err.status == AIS_ENOMEM ? AIS_ENOMEM : AIS_EPROFILE;
}

static int
eval(void *arg, long lineno, const char *text, size_t len,
	struct ais_buf *out, struct ais_buf *msg)
{
	struct worker *w = arg;
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_reset(out);
		return AIS_ENOMEM;
	}
	rc = eval_line(w, lineno, text, len, out, msg);
	ais_oom_guard_leave(&g);
	return rc;
}

/* ---- In input order, on the calling thread ---- */

/* Reads n bytes at *p, within end: 0, or -1 when the record is short. */
static int
take(const char **p, const char *end, void *to, size_t n)
{
	if ((size_t)(end - *p) < n)
		return -1;
	memcpy(to, *p, n);
	*p += n;
	return 0;
}

/* Whether an eligible item of program index pi makes a claim on side
 * s's pools (pool.c's pools_claim: pooled, with a figure above 0). */
static int
claims(const struct side *sd, const struct rec_item *ri)
{
	return sd->pools.group_of[ri->program] != SIZE_MAX &&
	    (ri->has_amount || ri->has_up_to) &&
	    item_demand(ri->has_amount, ri->amount, ri->has_up_to,
	    ri->up_to) > 0;
}

/* Side s's eligible items: into the pools, and the figures that need no
 * pool. */
static void
add_side(struct ctx *c, int s, long line, ais_date as_of, const char *id)
{
	struct side *sd = &c->s[s];
	size_t i, n = c->ri[s].n;

	AIS_VEC_RESERVE(NULL, c->fig, n + 1);
	for (i = 0; i < n; i++) {
		const struct rec_item *ri = &c->ri[s].v[i];
		struct ais_pool_figure *f = &c->fig.v[i];
		struct side_prog *sp = &sd->per[ri->program];
		int64_t d = item_demand(ri->has_amount, ri->amount,
		    ri->has_up_to, ri->up_to);

		f->program = sd->prog[ri->program];
		f->has_amount = ri->has_amount;
		f->has_up_to = ri->has_up_to;
		f->amount = ri->amount;
		f->up_to = ri->up_to;
		sp->eligible++;
		sp->demanded = add(sp->demanded, d);
		sd->demanded = add(sd->demanded, d);
		if (sd->pools.group_of[ri->program] == SIZE_MAX) {
			sp->paid = add(sp->paid, d);
			sp->dist[bucket(d)]++;
		} else if (!claims(sd, ri)) {
			sp->dist[0]++;	/* eligible, nothing to claim */
		}
	}
	if (n)
		sd->eligible++;
	if (ais_pools_add_figures(&sd->pools, line, as_of, id, c->fig.v, n) <
	    0)
		ais_oom();
}

/* The item of program pi among side s's, or NULL. */
static const struct rec_item *
find_ri(const struct ctx *c, int s, uint32_t pi)
{
	size_t i;

	for (i = 0; i < c->ri[s].n; i++)
		if (c->ri[s].v[i].program == pi)
			return &c->ri[s].v[i];
	return NULL;
}

/* The amount of item ri of side s outside a pool (0 when pooled or
 * absent). */
static int64_t
unpooled(const struct ctx *c, int s, const struct rec_item *ri)
{
	if (ri == NULL || c->s[s].pools.group_of[ri->program] != SIZE_MAX)
		return 0;
	return item_demand(ri->has_amount, ri->amount, ri->has_up_to,
	    ri->up_to);
}

/* A diff for program pi when its eligibility or unpooled amount differ
 * between the sides. */
static void
maybe_diff(struct ctx *c, struct appl *a, uint32_t pi)
{
	const struct rec_item *b = find_ri(c, 0, pi);
	const struct rec_item *r = c->sides > 1 ? find_ri(c, 1, pi) : NULL;
	int64_t nb = unpooled(c, 0, b), nr = unpooled(c, 1, r);
	struct diff *d;

	if (c->sides < 2 || ((b != NULL) == (r != NULL) && nb == nr))
		return;
	d = AIS_VEC_PUSH(NULL, c->d);
	d->program = pi;
	d->elig[0] = b != NULL;
	d->elig[1] = r != NULL;
	d->np[0] = nb;
	d->np[1] = nr;
	if (a->ndiff++ == 0)
		a->diff = c->d.n - 1;
}

/* One evaluated line's record. */
static int
take_record(struct ctx *c, long lineno, const char *p, size_t len)
{
	const char *end = p + len, *id = NULL;
	ais_date as_of;
	uint32_t n, k;
	size_t i;
	int s;
	char *idcopy = NULL;

	if (take(&p, end, &as_of, sizeof as_of) < 0 ||
	    take(&p, end, &n, sizeof n) < 0)
		return -1;
	if (n != UINT32_MAX) {
		if ((size_t)(end - p) < n)
			return -1;
		id = p;
		p += n;
	}
	for (s = 0; s < c->sides; s++) {
		if (take(&p, end, &k, sizeof k) < 0)
			return -1;
		AIS_VEC_CLEAR(c->ri[s]);
		AIS_VEC_RESERVE(NULL, c->ri[s], (size_t)k + 1);
		for (i = 0; i < k; i++)
			if (take(&p, end, AIS_VEC_PUSH(NULL, c->ri[s]),
			    sizeof *c->ri[s].v) < 0 ||
			    c->ri[s].v[i].program >= c->nprograms)
				return -1;
	}
	c->profiles++;
	if (c->ri[0].n == 0 && (c->sides < 2 || c->ri[1].n == 0)) {
		/* nothing eligible either side: counted by the pools */
		for (s = 0; s < c->sides; s++)
			add_side(c, s, lineno, as_of, NULL);
		return 0;
	}
	{
		struct appl *a = AIS_VEC_PUSH(NULL, c->a);

		memset(a, 0, sizeof *a);
		a->line = lineno;
		a->id = SIZE_MAX;
		if (id) {
			a->id = c->ids.len;
			ais_buf_add(&c->ids, id, n);
			ais_buf_addc(&c->ids, '\0');
			idcopy = c->ids.p + a->id;
		}
		for (s = 0; s < c->sides; s++) {
			for (i = 0; i < c->ri[s].n; i++)
				a->np[s] = add(a->np[s],
				    unpooled(c, s, &c->ri[s].v[i]));
		}
		for (i = 0; i < c->ri[0].n; i++)
			maybe_diff(c, a, c->ri[0].v[i].program);
		if (c->sides > 1)
			for (i = 0; i < c->ri[1].n; i++)
				if (find_ri(c, 0, c->ri[1].v[i].program) == NULL)
					maybe_diff(c, a,
					    c->ri[1].v[i].program);
	}
	/* the pools copy the id into their own arena */
	for (s = 0; s < c->sides; s++)
		add_side(c, s, lineno, as_of, idcopy);
	return 0;
}

static int
emit_line(struct ctx *c, long lineno, int status, const char *out,
	size_t outlen)
{
	int s;

	if (status != AIS_OK) {
		if (status == AIS_ENOMEM)
			return AIS_ENOMEM;
		c->profiles++;
		c->rejected++;
		c->status = AIS_EPROFILE;
		for (s = 0; s < c->sides; s++)
			ais_pools_reject(&c->s[s].pools);
		return 0;
	}
	if (take_record(c, lineno, out, outlen) < 0)
		return AIS_ENOMEM;	/* a short record: not made whole */
	return 0;
}

static int
emit(void *arg, long lineno, int status, const char *out, size_t outlen,
	const char *msg, size_t msglen)
{
	struct ctx *c = arg;
	struct ais_oom_guard g;
	int rc;

	if (msglen && c->msgs)
		fwrite(msg, 1, msglen, c->msgs);
	/* a worker's message says when memory ran out */
	c->said_oom = status == AIS_ENOMEM && msglen;
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		rc = AIS_ENOMEM;
		goto oom;
	}
	rc = emit_line(c, lineno, status, out, outlen);
	ais_oom_guard_leave(&g);
	if (rc != AIS_ENOMEM)
		return rc;
oom:
	/* the run ends: emit says why (ais_par_run's contract) */
	if (!c->said_oom && c->msgs)
		fputs("aisubsidy: out of memory\n", c->msgs);
	c->said_oom = 1;
	return AIS_ENOMEM;
}

/* ---- Once the pools are shared out ---- */

/* One program's entry of an applicant in the changes file. */
struct entry {
	uint32_t program;
	uint8_t elig[2];
	int64_t paid[2];
};

static struct entry *
entry_of(struct ais_buf *eb, size_t *n, uint32_t pi)
{
	struct entry *e = (struct entry *)(void *)eb->p;
	size_t i;

	for (i = 0; i < *n; i++)
		if (e[i].program == pi)
			return &e[i];
	ais_buf_grow(eb, (*n + 1) * sizeof *e);
	e = (struct entry *)(void *)eb->p;
	memset(&e[*n], 0, sizeof *e);
	e[*n].program = pi;
	/* a program only among the claims is eligible on both sides (one
	 * eligible on one side only has a diff, which comes first) */
	e[*n].elig[0] = e[*n].elig[1] = 1;
	return &e[(*n)++];
}

static int
by_program(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	return a->program < b->program ? -1 : a->program > b->program;
}

static void
changes_line(struct ctx *c, const struct appl *a, const int64_t paid[2],
	struct entry *e, size_t n, struct ais_buf *b)
{
	struct ais_json j;
	size_t i;

	ais_json_init(&j, b, 0);
	ais_json_open(&j, '{');
	ais_json_kint(&j, "line", a->line);
	ais_json_kstr(&j, "profile", a->id == SIZE_MAX ? NULL :
	    c->ids.p + a->id);
	ais_json_kfen(&j, "baseline", 1, paid[0]);
	ais_json_kfen(&j, "reform", 1, paid[1]);
	ais_json_kfen(&j, "change", 1, paid[1] - paid[0]);
	ais_json_key(&j, "programs");
	ais_json_open(&j, '[');
	for (i = 0; i < n; i++) {
		if (e[i].elig[0] == e[i].elig[1] &&
		    e[i].paid[0] == e[i].paid[1])
			continue;
		ais_json_open(&j, '{');
		ais_json_kstr(&j, "program", c->s[0].prog[e[i].program]->id);
		ais_json_kfen(&j, "baseline", e[i].elig[0], e[i].paid[0]);
		ais_json_kfen(&j, "reform", e[i].elig[1], e[i].paid[1]);
		ais_json_close(&j, '}');
	}
	ais_json_close(&j, ']');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

struct walk {
	AIS_VEC(struct mover) win, lose;	/* on the heap */
	int64_t gained, lost;
	struct ais_buf entries, lines;
	int wfail;
};

static void
walk_release(void *arg)
{
	struct walk *w = arg;

	AIS_VEC_FREE(w->win);
	AIS_VEC_FREE(w->lose);
	ais_buf_release(&w->entries);
	ais_buf_release(&w->lines);
}

/* Every applicant in input order, with its claims of each side: what it
 * is paid, the programs' figures that depend on the pools, winners and
 * losers, and the changes file. */
static void
walk(struct ctx *c, struct walk *w)
{
	size_t ai, cur[2] = {0, 0};
	int s;

	for (ai = 0; ai < c->a.n; ai++) {
		const struct appl *a = &c->a.v[ai];
		int64_t paid[2] = {0, 0};
		size_t n = 0, i;
		int changed = a->ndiff > 0;
		struct entry *e;

		for (i = 0; i < a->ndiff; i++) {
			const struct diff *d = &c->d.v[a->diff + i];

			e = entry_of(&w->entries, &n, d->program);
			e->elig[0] = d->elig[0];
			e->elig[1] = d->elig[1];
			e->paid[0] = d->np[0];
			e->paid[1] = d->np[1];
		}
		for (s = 0; s < c->sides; s++) {
			struct side *sd = &c->s[s];
			int cut = 0;

			paid[s] = a->np[s];
			for (; cur[s] < sd->pools.c.n &&
			    sd->pools.c.v[cur[s]].line == a->line; cur[s]++) {
				const struct ais_pool_claim *cl =
				    &sd->pools.c.v[cur[s]];
				struct side_prog *sp =
				    &sd->per[cl->program->index];

				paid[s] = add(paid[s], cl->paid);
				sp->paid = add(sp->paid, cl->paid);
				sp->dist[bucket(cl->paid)]++;
				if (cl->paid < cl->demand) {
					sp->cut++;
					cut = 1;
				}
				if (c->sides > 1) {
					e = entry_of(&w->entries, &n,
					    (uint32_t)cl->program->index);
					e->paid[s] = add(e->paid[s], cl->paid);
				}
			}
			sd->paid = add(sd->paid, paid[s]);
			sd->cut += (size_t)cut;
		}
		if (c->sides < 2)
			continue;
		e = (struct entry *)(void *)w->entries.p;
		for (i = 0; i < n && !changed; i++)
			changed = e[i].elig[0] != e[i].elig[1] ||
			    e[i].paid[0] != e[i].paid[1];
		if (paid[1] != paid[0]) {
			struct mover *m = paid[1] > paid[0] ?
			    AIS_VEC_PUSH(NULL, w->win) :
			    AIS_VEC_PUSH(NULL, w->lose);

			m->appl = ai;
			m->paid[0] = paid[0];
			m->paid[1] = paid[1];
			if (paid[1] > paid[0])
				w->gained = add(w->gained, paid[1] - paid[0]);
			else
				w->lost = add(w->lost, paid[0] - paid[1]);
			changed = 1;
		}
		if (changed && c->o->changes && !w->wfail) {
			if (n > 1)
				qsort(e, n, sizeof *e, by_program);
			changes_line(c, a, paid, e, n, &w->lines);
			if (w->lines.len >= 65536) {
				if (fwrite(w->lines.p, 1, w->lines.len,
				    c->o->changes) != w->lines.len)
					w->wfail = 1;
				ais_buf_reset(&w->lines);
			}
		}
	}
	if (c->o->changes && !w->wfail && w->lines.len &&
	    fwrite(w->lines.p, 1, w->lines.len, c->o->changes) !=
	    w->lines.len)
		w->wfail = 1;
	if (c->o->changes && !w->wfail && fflush(c->o->changes) != 0)
		w->wfail = 1;
}

/* Movers by the size of their change, larger first, then in input
 * order. */
static int
by_change(const void *x, const void *y)
{
	const struct mover *a = x, *b = y;
	int64_t ma = a->paid[1] - a->paid[0], mb = b->paid[1] - b->paid[0];

	ma = ma < 0 ? -ma : ma;
	mb = mb < 0 ? -mb : mb;
	if (ma != mb)
		return ma > mb ? -1 : 1;
	return a->appl < b->appl ? -1 : a->appl > b->appl;
}


/* The pool of program pi on side sd, over the years reported (pool.c's:
 * those of the profiles, or as_of's when there are none; a pool per
 * total once): its amount, demand and paid.  0 when pi has no pool. */
static int
pool_of(const struct side *sd, size_t pi, int *has, int64_t *amount,
	int64_t *demand, int64_t *paid)
{
	const struct ais_pools *p = &sd->pools;
	size_t gb = p->group_of[pi], yi;
	int any = 0;

	*has = 0;
	*amount = *demand = *paid = 0;
	if (gb == SIZE_MAX)
		return 0;
	for (yi = 0; yi < p->y.n; yi++)
		any |= p->y.v[yi].profiles > 0;
	for (yi = 0; yi < p->y.n; yi++) {
		const struct ais_pool_group *g;

		if (any ? !p->y.v[yi].profiles : yi != 0)
			continue;
		g = &p->g.v[p->g.v[gb].total ? gb : p->y.v[yi].first + gb];
		if (g->has_amount) {
			*has = 1;
			*amount = add(*amount, g->amount);
		}
		*demand = add(*demand, g->demand);
		*paid = add(*paid, g->paid);
		if (p->g.v[gb].total)
			break;
	}
	return 1;
}

static void
side_json(struct ais_json *j, const struct side *sd, size_t pi)
{
	const struct side_prog *sp = &sd->per[pi];
	int has, pooled;
	int64_t amount, demand, paid;
	size_t k;

	pooled = pool_of(sd, pi, &has, &amount, &demand, &paid);
	ais_json_open(j, '{');
	ais_json_kuint(j, "eligible", sp->eligible);
	ais_json_kfen(j, "demanded", 1, sp->demanded);
	ais_json_kfen(j, "pool", pooled && has, amount);
	ais_json_kfen(j, "paid", 1, sp->paid);
	ais_json_key(j, "fill_ratio");
	if (pooled)
		ais_pool_ratio(j, paid, demand);
	else
		ais_json_null(j);
	ais_json_kuint(j, "cut", sp->cut);
	ais_json_key(j, "distribution");
	ais_json_open(j, '[');
	for (k = 0; k < NBUCKETS; k++) {
		ais_json_open_flat(j, '{');
		ais_json_kfen(j, "from", 1, k ? bucket_top[k - 1] : 0);
		ais_json_kfen(j, "to", k < NBUCKETS - 1,
		    k < NBUCKETS - 1 ? bucket_top[k] : 0);
		ais_json_kuint(j, "count", sp->dist[k]);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

/* The change from side 0 to side 1 of a program's or the total's
 * figures. */
static void
change_json(struct ais_json *j, size_t e0, size_t e1, int64_t d0,
	int64_t d1, int64_t p0, int64_t p1, size_t c0, size_t c1)
{
	ais_json_open(j, '{');
	ais_json_kint(j, "eligible", (intmax_t)e1 - (intmax_t)e0);
	ais_json_kfen(j, "demanded", 1, d1 - d0);
	ais_json_kfen(j, "paid", 1, p1 - p0);
	ais_json_kint(j, "cut", (intmax_t)c1 - (intmax_t)c0);
	ais_json_close(j, '}');
}

static void
total_json(struct ais_json *j, const struct side *sd)
{
	ais_json_open(j, '{');
	ais_json_kuint(j, "eligible", sd->eligible);
	ais_json_kfen(j, "demanded", 1, sd->demanded);
	ais_json_kfen(j, "paid", 1, sd->paid);
	ais_json_kuint(j, "cut", sd->cut);
	ais_json_close(j, '}');
}

/* "winners" or "losers": their count, what they gained or lost, and the
 * largest changes. */
static void
movers_json(struct ais_json *j, const struct ctx *c, const char *key,
	const char *total_key, int64_t total, struct mover *m, size_t n)
{
	size_t i, top = c->o->top ? c->o->top : 10;

	if (n > 1)
		qsort(m, n, sizeof *m, by_change);
	ais_json_key(j, key);
	ais_json_open(j, '{');
	ais_json_kuint(j, "count", n);
	ais_json_kfen(j, total_key, 1, total);
	ais_json_key(j, "largest");
	ais_json_open(j, '[');
	for (i = 0; i < n && i < top; i++) {
		const struct appl *a = &c->a.v[m[i].appl];

		ais_json_open_flat(j, '{');
		ais_json_kint(j, "line", a->line);
		ais_json_kstr(j, "profile", a->id == SIZE_MAX ? NULL :
		    c->ids.p + a->id);
		ais_json_kfen(j, "baseline", 1, m[i].paid[0]);
		ais_json_kfen(j, "reform", 1, m[i].paid[1]);
		ais_json_kfen(j, "change", 1, m[i].paid[1] - m[i].paid[0]);
		ais_json_close(j, '}');
	}
	ais_json_close(j, ']');
	ais_json_close(j, '}');
}

static void
write_report(const struct ctx *c, struct walk *w, struct ais_buf *b)
{
	const struct ais_rules *base = c->s[0].r, *rf = c->s[1].r;
	const struct side *s0 = &c->s[0], *s1 = &c->s[1];
	struct ais_json j;
	char d[11];
	size_t pi;

	ais_json_init(&j, b, c->o->pretty);
	ais_json_open(&j, '{');
	ais_json_key(&j, "compare");
	ais_json_open(&j, '{');
	ais_date_format(c->o->copts->as_of, d);
	ais_json_kstr(&j, "as_of", d);
	ais_json_kstr(&j, "rules", base->digest);
	ais_json_key(&j, "reform");
	if (c->sides < 2) {
		ais_json_null(&j);
	} else {
		ais_json_open(&j, '{');
		ais_json_kstr(&j, "id", rf->reform_id);
		ais_json_key(&j, "title");
		ais_json_open_flat(&j, '{');
		ais_json_kstr(&j, "zh", rf->reform_title_zh);
		ais_json_kstr(&j, "en", rf->reform_title_en);
		ais_json_close(&j, '}');
		ais_json_kstr(&j, "digest", rf->reform_digest);
		ais_json_close(&j, '}');
	}
	ais_json_kuint(&j, "profiles", c->profiles);
	ais_json_kuint(&j, "rejected", c->rejected);
	ais_json_key(&j, "programs");
	ais_json_open(&j, '[');
	for (pi = 0; pi < c->nprograms; pi++) {
		const struct ais_program *pg = s0->prog[pi];

		ais_json_open(&j, '{');
		ais_json_kstr(&j, "program", pg->id);
		ais_json_key(&j, "title");
		ais_json_open_flat(&j, '{');
		ais_json_kstr(&j, "zh", pg->title_zh);
		ais_json_kstr(&j, "en", pg->title_en);
		ais_json_close(&j, '}');
		ais_json_key(&j, "baseline");
		side_json(&j, s0, pi);
		if (c->sides > 1) {
			const struct side_prog *a = &s0->per[pi],
			    *r = &s1->per[pi];

			ais_json_key(&j, "reform");
			side_json(&j, s1, pi);
			ais_json_key(&j, "change");
			change_json(&j, a->eligible, r->eligible,
			    a->demanded, r->demanded, a->paid, r->paid,
			    a->cut, r->cut);
		}
		ais_json_close(&j, '}');
	}
	ais_json_close(&j, ']');
	ais_json_key(&j, "total");
	ais_json_open(&j, '{');
	ais_json_key(&j, "baseline");
	total_json(&j, s0);
	if (c->sides > 1) {
		ais_json_key(&j, "reform");
		total_json(&j, s1);
		ais_json_key(&j, "change");
		change_json(&j, s0->eligible, s1->eligible, s0->demanded,
		    s1->demanded, s0->paid, s1->paid, s0->cut, s1->cut);
	}
	ais_json_close(&j, '}');
	if (c->sides > 1) {
		movers_json(&j, c, "winners", "gained", w->gained,
		    w->win.v, w->win.n);
		movers_json(&j, c, "losers", "lost", w->lost, w->lose.v,
		    w->lose.n);
		ais_json_kuint(&j, "unchanged", c->profiles - c->rejected -
		    w->win.n - w->lose.n);
	}
	ais_json_close(&j, '}');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

/* Side s of c for rules r: its program table, figures and pools. */
static void
side_init(struct ctx *c, int s, const struct ais_rules *r)
{
	struct side *sd = &c->s[s];
	size_t i, k;

	sd->r = r;
	sd->prog = ais_xcalloc(r->nprograms + 1, sizeof *sd->prog);
	sd->per = ais_xcalloc(r->nprograms + 1, sizeof *sd->per);
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++)
			sd->prog[r->j[i].programs[k].index] =
			    &r->j[i].programs[k];
	if (ais_pools_init(&sd->pools, r, c->o->copts->as_of) < 0)
		ais_oom();
}

static void
ctx_release(void *arg)
{
	struct ctx *c = arg;
	int s;

	for (s = 0; s < 2; s++) {
		free(c->s[s].prog);
		free(c->s[s].per);
		ais_pools_release(&c->s[s].pools);
		AIS_VEC_FREE(c->ri[s]);
	}
	AIS_VEC_FREE(c->a);
	AIS_VEC_FREE(c->d);
	AIS_VEC_FREE(c->fig);
	ais_buf_release(&c->ids);
}

int
ais_compare_run(const struct ais_compare_opts *o, FILE *in,
	struct ais_buf *out, FILE *msgs)
{
	struct ctx c;
	struct walk w;
	struct ais_par_job job;
	struct ais_oom_guard g;
	struct ais_oom_cleanup cc, cw;
	size_t before = out->len;
	int rc;

	memset(&c, 0, sizeof c);
	memset(&w, 0, sizeof w);
	c.o = o;
	c.copts = *o->copts;
	c.copts.explain = 0;
	c.msgs = msgs;
	c.sides = o->reform ? 2 : 1;
	c.nprograms = o->base->nprograms;
	if (o->reform && (o->reform->nprograms != c.nprograms ||
	    o->reform->schema != o->base->schema)) {
		if (msgs)
			fputs("aisubsidy: the reform's rules are not made from "
			    "the rules compared\n", msgs);
		return AIS_EUSAGE;
	}
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		/* c and w were released by their clean-ups */
		ais_buf_cut(out, before);
		if (msgs)
			fputs("aisubsidy: out of memory\n", msgs);
		return AIS_ENOMEM;
	}
	ais_oom_push(&cc, ctx_release, &c);
	ais_oom_push(&cw, walk_release, &w);
	side_init(&c, 0, o->base);
	if (o->reform)
		side_init(&c, 1, o->reform);
	memset(&job, 0, sizeof job);
	job.ctx = &c;
	job.worker_new = worker_new;
	job.worker_free = worker_free;
	job.eval = eval;
	job.emit = emit;
	rc = ais_par_run(&job, in, o->name, o->jobs, msgs);
	if (rc == AIS_OK || rc == AIS_EPROFILE) {
		int s;

		for (s = 0; s < c.sides; s++)
			if (ais_pools_allocate(&c.s[s].pools) < 0)
				ais_oom();
		walk(&c, &w);
		write_report(&c, &w, out);
		if (rc == AIS_OK)
			rc = w.wfail ? AIS_EIO : c.status;
	}
	/* else: memory ran out, said by emit or by ais_par_run */
	ais_oom_pop(&cw);
	ais_oom_pop(&cc);
	ais_oom_guard_leave(&g);
	walk_release(&w);
	ctx_release(&c);
	return rc;
}
