/*
 * pool.c: sharing annual budget pools among a batch's claims, to the fen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "pool.h"

/* 128-bit products: a claim of 1e9 fen times a pool of 5e10 fen does not
 * fit 64 bits.  __extension__ keeps -Wpedantic quiet about the type. */
__extension__ typedef unsigned __int128 u128;

/* The group each program belongs to: programs that name each other in
 * shared_with are joined (union-find over program indices). */
static size_t
root(size_t *up, size_t i)
{
	while (up[i] != i) {
		up[i] = up[up[i]];
		i = up[i];
	}
	return i;
}

static const struct ais_program *
find_program(const struct ais_rules *r, const char *id)
{
	size_t i, k;

	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++)
			if (strcmp(r->j[i].programs[k].id, id) == 0)
				return &r->j[i].programs[k];
	return NULL;
}

/* ais_pools_init within its guard. */
static void
pools_init(struct ais_pools *p, const struct ais_rules *r, ais_date as_of)
{
	size_t n = r->nprograms, i, k, s, *up, *gid;
	const struct ais_program **all;
	struct ais_arena tmp = AIS_ARENA_INIT;
	struct ais_oom_cleanup tc;

	p->rules = r;
	p->as_of = as_of;
	p->group_of = ais_xcalloc(n + 1, sizeof *p->group_of);
	ais_oom_push(&tc, ais_oom_release_arena, &tmp);
	up = ais_arena_alloc(&tmp, sizeof *up * (n + 1));
	gid = ais_arena_alloc(&tmp, sizeof *gid * (n + 1));
	all = ais_arena_alloc(&tmp, sizeof *all * (n + 1));
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < r->j[i].nprograms; k++)
			all[r->j[i].programs[k].index] = &r->j[i].programs[k];
	for (i = 0; i < n; i++)
		up[i] = i;
	for (i = 0; i < n; i++) {
		if (!all[i]->pool.present)
			continue;
		for (s = 0; all[i]->pool.shared_with[s]; s++) {
			const struct ais_program *o = find_program(r,
			    all[i]->pool.shared_with[s]);

			if (o && o->pool.present)
				up[root(up, o->index)] = root(up, i);
		}
	}
	for (i = 0; i < n; i++) {
		p->group_of[i] = SIZE_MAX;
		gid[i] = SIZE_MAX;
	}
	for (i = 0; i < n; i++) {
		size_t rt;
		struct ais_pool_group *g;
		const struct ais_version *v;
		struct ais_dec amount;

		if (!all[i]->pool.present)
			continue;
		rt = root(up, i);
		if (gid[rt] == SIZE_MAX) {
			gid[rt] = p->g.n;
			g = AIS_VEC_PUSH(NULL, p->g);
			memset(g, 0, sizeof *g);
			g->members = ais_xcalloc(n + 1, sizeof *g->members);
			g->first = all[i];
			g->first_come = strcmp(all[i]->pool.allocation,
			    "first_come") == 0;
			v = ais_term_at(&all[i]->pool.amount, as_of);
			if (ais_version_const(v, &amount) &&
			    ais_dec_round_fen(amount, &g->amount) == 0)
				g->has_amount = 1;
		}
		g = &p->g.v[gid[rt]];
		g->members[g->nmembers++] = all[i];
		p->group_of[i] = gid[rt];
	}
	ais_oom_pop(&tc);
	ais_arena_release(&tmp);
}

/* 0, or -1 when memory ran out (p is then empty, to be released). */
int
ais_pools_init(struct ais_pools *p, const struct ais_rules *r,
	ais_date as_of)
{
	struct ais_oom_guard g;

	memset(p, 0, sizeof *p);
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_pools_release(p);
		return -1;
	}
	pools_init(p, r, as_of);
	ais_oom_guard_leave(&g);
	return 0;
}

void
ais_pools_release(struct ais_pools *p)
{
	size_t i;

	for (i = 0; i < p->g.n; i++)
		free(p->g.v[i].members);
	AIS_VEC_FREE(p->g);
	free(p->group_of);
	AIS_VEC_FREE(p->c);
	ais_arena_release(&p->ids);
	memset(p, 0, sizeof *p);
}

/* ais_pools_add within its guard. */
static void
pools_add(struct ais_pools *p, long line, const struct ais_result *res)
{
	const char *id = NULL;
	size_t i;

	p->profiles++;
	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		size_t gi = p->group_of[it->program->index];
		struct ais_pool_claim *c;

		if (!it->eligible || gi == SIZE_MAX)
			continue;
		if (!it->has_amount && !it->has_up_to) {
			p->g.v[gi].unpriced++;
			continue;
		}
		if ((it->has_amount ? it->amount : it->up_to) <= 0)
			continue;
		if (!id && res->profile->id)
			id = ais_arena_strdup(&p->ids, res->profile->id);
		c = AIS_VEC_PUSH(NULL, p->c);
		c->group = gi;
		c->program = it->program;
		c->line = line;
		c->profile = id;
		c->ceiling = !it->has_amount;
		c->demand = it->has_amount ? it->amount : it->up_to;
		c->paid = 0;
	}
}

/* 0, or -1 when memory ran out: p is then as it was. */
int
ais_pools_add(struct ais_pools *p, long line, const struct ais_result *res)
{
	struct ais_oom_guard g;
	size_t nclaims = p->c.n, profiles = p->profiles;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		p->c.n = nclaims;
		p->profiles = profiles;
		return -1;
	}
	pools_add(p, line, res);
	ais_oom_guard_leave(&g);
	return 0;
}

void
ais_pools_reject(struct ais_pools *p)
{
	p->profiles++;
	p->rejected++;
}

/* For the largest-remainder step: claims by remainder, larger first, then
 * in input order. */
struct rem {
	size_t claim;
	int64_t rem;
};

static int
by_remainder(const void *a, const void *b)
{
	const struct rem *x = a, *y = b;

	if (x->rem != y->rem)
		return x->rem > y->rem ? -1 : 1;
	return x->claim < y->claim ? -1 : x->claim > y->claim;
}

/* Applicants of group gi paid less than they claimed, each once. */
static void
count_cut(struct ais_pools *p, size_t gi)
{
	long last = 0;
	size_t i;

	for (i = 0; i < p->c.n; i++) {
		const struct ais_pool_claim *c = &p->c.v[i];

		if (c->group != gi || c->paid >= c->demand || c->line == last)
			continue;
		p->g.v[gi].cut++;
		last = c->line;
	}
}

static void
allocate_group(struct ais_pools *p, size_t gi)
{
	struct ais_pool_group *g = &p->g.v[gi];
	/* one remainder per claim (an applicant may have two claims on a
	 * shared pool: sizing this by applicants overflowed it) */
	AIS_VEC(struct rem) rems = AIS_VEC_INIT;	/* in tmp */
	struct ais_arena tmp = AIS_ARENA_INIT;
	struct ais_oom_cleanup tc;
	size_t i;
	int64_t left;

	long last = 0;

	g->demand = 0;
	for (i = 0; i < p->c.n; i++)
		if (p->c.v[i].group == gi) {
			/* demand stays below 2^63: claims are capped sums */
			if (ais_fen_add(g->demand, p->c.v[i].demand, &g->demand) < 0)
				g->demand = INT64_MAX;
			/* an applicant with claims on two programs of a shared
			 * pool is one applicant: its claims are neighbours */
			if (p->c.v[i].line != last)
				g->applicants++;
			last = p->c.v[i].line;
		}
	if (!g->has_amount || g->demand <= g->amount) {
		for (i = 0; i < p->c.n; i++)
			if (p->c.v[i].group == gi)
				p->c.v[i].paid = p->c.v[i].demand;
		g->paid = g->demand;
		return;
	}
	if (g->first_come) {
		left = g->amount;
		for (i = 0; i < p->c.n; i++) {
			struct ais_pool_claim *c = &p->c.v[i];

			if (c->group != gi)
				continue;
			c->paid = c->demand < left ? c->demand : left;
			left -= c->paid;
		}
		g->paid = g->amount - left;
		count_cut(p, gi);
		return;
	}
	ais_oom_push(&tc, ais_oom_release_arena, &tmp);
	left = g->amount;
	for (i = 0; i < p->c.n; i++) {
		struct ais_pool_claim *c = &p->c.v[i];
		struct rem *r;
		u128 prod;

		if (c->group != gi)
			continue;
		prod = (u128)(uint64_t)c->demand * (u128)(uint64_t)g->amount;
		c->paid = (int64_t)(prod / (u128)(uint64_t)g->demand);
		r = AIS_VEC_PUSH(&tmp, rems);
		r->claim = i;
		r->rem = (int64_t)(prod % (u128)(uint64_t)g->demand);
		left -= c->paid;
	}
	/* fewer fen are left than there are claims: one each, largest
	 * remainder first */
	if (rems.n > 1)
		qsort(rems.v, rems.n, sizeof *rems.v, by_remainder);
	g->remainder_fen = (size_t)left;
	for (i = 0; i < rems.n && left > 0; i++, left--)
		p->c.v[rems.v[i].claim].paid++;
	g->paid = g->amount;
	ais_oom_pop(&tc);
	ais_arena_release(&tmp);
	count_cut(p, gi);
}

/* 0, or -1 when memory ran out (the shares are then not to be written;
 * allocating again starts over). */
int
ais_pools_allocate(struct ais_pools *p)
{
	struct ais_oom_guard g;
	size_t i;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0)
		return -1;
	for (i = 0; i < p->g.n; i++) {
		p->g.v[i].demand = p->g.v[i].paid = 0;
		p->g.v[i].applicants = p->g.v[i].cut = 0;
		allocate_group(p, i);
	}
	ais_oom_guard_leave(&g);
	return 0;
}

/* paid / demand, to four places, half up, as a string: "0.8333"; null
 * when nothing was claimed. */
static void
ratio(struct ais_json *j, int64_t paid, int64_t demand)
{
	char t[32];
	u128 q;

	if (demand <= 0) {
		ais_json_null(j);
		return;
	}
	q = ((u128)(uint64_t)paid * 20000 / (u128)(uint64_t)demand + 1) / 2;
	snprintf(t, sizeof t, "%u.%04u", (unsigned)(q / 10000),
	    (unsigned)(q % 10000));
	ais_json_str(j, t);
}

static void
pools_write_report(const struct ais_pools *p, int pretty, struct ais_buf *b)
{
	struct ais_json j;
	char d[11];
	size_t i, k;

	ais_json_init(&j, b, pretty);
	ais_json_open(&j, '{');
	ais_date_format(p->as_of, d);
	ais_json_kstr(&j, "as_of", d);
	ais_json_kuint(&j, "profiles", p->profiles);
	ais_json_kuint(&j, "rejected", p->rejected);
	ais_json_key(&j, "pools");
	ais_json_open(&j, '[');
	for (i = 0; i < p->g.n; i++) {
		const struct ais_pool_group *g = &p->g.v[i];

		ais_json_open(&j, '{');
		ais_json_key(&j, "programs");
		ais_json_open_flat(&j, '[');
		for (k = 0; k < g->nmembers; k++)
			ais_json_str(&j, g->members[k]->id);
		ais_json_close(&j, ']');
		ais_json_kstr(&j, "per", g->first->pool.per);
		ais_json_kstr(&j, "allocation",
		    g->first_come ? "first_come" : "pro_rata");
		ais_json_kfen(&j, "pool", g->has_amount, g->amount);
		ais_json_kfen(&j, "demand", 1, g->demand);
		ais_json_kfen(&j, "paid", 1, g->paid);
		ais_json_kfen(&j, "unallocated", 1,
		    g->has_amount ? g->amount - g->paid : 0);
		ais_json_key(&j, "fill_ratio");
		ratio(&j, g->paid, g->demand);
		ais_json_kuint(&j, "applicants", g->applicants);
		ais_json_kuint(&j, "applicants_cut", g->cut);
		ais_json_kuint(&j, "rounding_fen", g->remainder_fen);
		ais_json_kuint(&j, "unpriced", g->unpriced);
		ais_json_close(&j, '}');
	}
	ais_json_close(&j, ']');
	ais_json_close(&j, '}');
	ais_buf_addc(b, '\n');
}

static void
pools_write_claims(const struct ais_pools *p, struct ais_buf *b)
{
	struct ais_json j;
	size_t i;

	for (i = 0; i < p->c.n; i++) {
		const struct ais_pool_claim *c = &p->c.v[i];

		ais_json_init(&j, b, 0);
		ais_json_open(&j, '{');
		ais_json_kint(&j, "line", c->line);
		ais_json_kstr(&j, "profile", c->profile);
		ais_json_kstr(&j, "program", c->program->id);
		ais_json_kfen(&j, "demand", 1, c->demand);
		if (c->ceiling)
			ais_json_kbool(&j, "ceiling", 1);
		ais_json_kfen(&j, "paid", 1, c->paid);
		ais_json_close(&j, '}');
		ais_buf_addc(b, '\n');
	}
}

/* 0, or -1 when memory ran out (b as it was). */
int
ais_pools_write_report(const struct ais_pools *p, int pretty,
	struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, pools_write_report(p, pretty, b));
}

/* 0, or -1 when memory ran out (b as it was). */
int
ais_pools_write_claims(const struct ais_pools *p, struct ais_buf *b)
{
	AIS_OOM_BUF_BODY(b, pools_write_claims(p, b));
}
