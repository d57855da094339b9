/*
 * pool.c: sharing annual budget pools among a batch's claims, year by
 * year, to the fen.
 */
#include <limits.h>
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

/* The calendar year of day d. */
static int
year_of(ais_date d)
{
	int y, m, dd;

	ais_date_to_ymd(d, &y, &m, &dd);
	return y;
}

/* Sets the amount of pool g to the one in force on day d. */
static void
pool_amount(struct ais_pool_group *g, ais_date d)
{
	const struct ais_version *v = ais_term_at(&g->first->pool.amount, d);
	struct ais_dec amount;

	g->has_amount = 0;
	g->amount = 0;
	if (ais_version_const(v, &amount) &&
	    ais_dec_round_fen(amount, &g->amount) == 0)
		g->has_amount = 1;
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
			const struct ais_program *o = ais_program_find(r,
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

		if (!all[i]->pool.present)
			continue;
		rt = root(up, i);
		if (gid[rt] == SIZE_MAX) {
			gid[rt] = p->g.n;
			g = AIS_VEC_PUSH(NULL, p->g);
			memset(g, 0, sizeof *g);
			g->members = ais_xcalloc(n + 1, sizeof *g->members);
			g->first = all[i];
			g->base = gid[rt];
			g->year = year_of(as_of);
			g->first_come = strcmp(all[i]->pool.allocation,
			    "first_come") == 0;
			g->total = strcmp(all[i]->pool.per, "total") == 0;
			pool_amount(g, as_of);
		}
		g = &p->g.v[gid[rt]];
		g->members[g->nmembers++] = all[i];
		p->group_of[i] = gid[rt];
	}
	p->nbase = p->g.n;
	/* the year of as_of, which the report shows when no profile is
	 * evaluated */
	{
		struct ais_pool_year *y = AIS_VEC_PUSH(NULL, p->y);

		memset(y, 0, sizeof *y);
		y->year = year_of(as_of);
		y->last = as_of;
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

	/* the pools of later years share the members of the first (each
	 * its own base from the moment it is made, even if memory ran out
	 * before all of them were) */
	for (i = 0; i < p->g.n; i++)
		if (p->g.v[i].base == i)
			free(p->g.v[i].members);
	AIS_VEC_FREE(p->g);
	AIS_VEC_FREE(p->y);
	free(p->group_of);
	AIS_VEC_FREE(p->c);
	ais_arena_release(&p->ids);
	memset(p, 0, sizeof *p);
}

/* The place of year in p->y, or SIZE_MAX.  Not inlined: called before
 * the setjmp of ais_pools_add, its loop counter would seem clobbered. */
static size_t __attribute__((noinline))
find_year(const struct ais_pools *p, int year)
{
	size_t i;

	for (i = 0; i < p->y.n; i++)
		if (p->y.v[i].year == year)
			return i;
	return SIZE_MAX;
}

/* The place of year in p->y, adding the year and its pools (copies of
 * the first year's, with nothing claimed) when it is new. */
static size_t
year_index(struct ais_pools *p, int year)
{
	size_t i = find_year(p, year), b;
	struct ais_pool_year *y;

	if (i != SIZE_MAX)
		return i;
	/* room first, so that a year is never added without its pools */
	AIS_VEC_RESERVE(NULL, p->g, p->g.n + p->nbase);
	y = AIS_VEC_PUSH(NULL, p->y);
	memset(y, 0, sizeof *y);
	y->year = year;
	y->first = p->g.n;
	for (b = 0; b < p->nbase; b++) {
		struct ais_pool_group *g = AIS_VEC_PUSH(NULL, p->g);

		*g = p->g.v[b];
		g->year = year;
		g->base = b;
		g->has_amount = 0;
		g->amount = g->demand = g->paid = 0;
		g->applicants = g->cut = g->unpriced = g->remainder_fen = 0;
	}
	return p->y.n - 1;
}

/* A claim of one eligible item on its program's pool, in year yi, for
 * the profile of line (id copied once, into *id, from src). */
static void
pools_claim(struct ais_pools *p, size_t yi, long line, const char **id,
	const char *src, const struct ais_pool_figure *f)
{
	size_t gi = p->group_of[f->program->index];
	struct ais_pool_claim *c;

	if (gi == SIZE_MAX)
		return;
	/* a pool per total is the first year's, for every year */
	if (!p->g.v[gi].total)
		gi += p->y.v[yi].first;
	if (!f->has_amount && !f->has_up_to) {
		p->g.v[gi].unpriced++;
		return;
	}
	if ((f->has_amount ? f->amount : f->up_to) <= 0)
		return;
	if (!*id && src)
		*id = ais_arena_strdup(&p->ids, src);
	c = AIS_VEC_PUSH(NULL, p->c);
	c->group = gi;
	c->program = f->program;
	c->line = line;
	c->profile = *id;
	c->year = p->y.v[yi].year;
	c->ceiling = !f->has_amount;
	c->demand = f->has_amount ? f->amount : f->up_to;
	c->paid = 0;
}

/* The adding of ais_pools_add and ais_pools_add_figures within their
 * guard: the eligible items of res, or the n figures f. */
static void
pools_add(struct ais_pools *p, long line, ais_date as_of, const char *src,
	const struct ais_result *res, const struct ais_pool_figure *f,
	size_t n)
{
	const char *id = NULL;
	size_t i, yi = year_index(p, year_of(as_of));
	struct ais_pool_year *y = &p->y.v[yi];

	p->profiles++;
	if (!y->profiles++ || as_of > y->last)
		y->last = as_of;
	for (i = 0; res && i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		struct ais_pool_figure g;

		if (!it->eligible)
			continue;
		g.program = it->program;
		g.has_amount = it->has_amount;
		g.has_up_to = it->has_up_to;
		g.amount = it->amount;
		g.up_to = it->up_to;
		pools_claim(p, yi, line, &id, src, &g);
	}
	for (i = 0; i < n; i++)
		pools_claim(p, yi, line, &id, src, &f[i]);
}

/* pools_add under a guard: 0, or -1 when memory ran out, p as it was. */
static int
pools_add_guarded(struct ais_pools *p, long line, ais_date as_of,
	const char *src, const struct ais_result *res,
	const struct ais_pool_figure *f, size_t n)
{
	struct ais_oom_guard g;
	/* what adding changes, to put back if memory runs out (in memory,
	 * not in registers that the jump may clobber) */
	struct {
		size_t nclaims, profiles, ngroups, nyears, yi;
		struct ais_pool_year was;
	} m;

	m.nclaims = p->c.n;
	m.profiles = p->profiles;
	m.ngroups = p->g.n;
	m.nyears = p->y.n;
	m.yi = find_year(p, year_of(as_of));
	if (m.yi != SIZE_MAX)
		m.was = p->y.v[m.yi];
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		p->c.n = m.nclaims;
		p->profiles = m.profiles;
		p->g.n = m.ngroups;
		p->y.n = m.nyears;
		if (m.yi != SIZE_MAX)
			p->y.v[m.yi] = m.was;
		return -1;
	}
	pools_add(p, line, as_of, src, res, f, n);
	ais_oom_guard_leave(&g);
	return 0;
}

int
ais_pools_add(struct ais_pools *p, long line, const struct ais_result *res)
{
	return pools_add_guarded(p, line, res->as_of, res->profile->id, res,
	    NULL, 0);
}

int
ais_pools_add_figures(struct ais_pools *p, long line, ais_date as_of,
	const char *id, const struct ais_pool_figure *f, size_t n)
{
	return pools_add_guarded(p, line, as_of, id, NULL, f, n);
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

/* The latest claim date of the batch, or as_of when it has no profile. */
static ais_date
last_claim_date(const struct ais_pools *p)
{
	ais_date d = p->as_of;
	size_t i;
	int any = 0;

	for (i = 0; i < p->y.n; i++)
		if (p->y.v[i].profiles && (!any || p->y.v[i].last > d)) {
			d = p->y.v[i].last;
			any = 1;
		}
	return d;
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
		struct ais_pool_group *pg = &p->g.v[i];
		const struct ais_pool_year *y =
		    &p->y.v[find_year(p, pg->year)];

		/* the amount in force on the year's latest claim date (of
		 * all years, for a pool per total) */
		pool_amount(pg, pg->total ? last_claim_date(p) :
		    y->profiles ? y->last : p->as_of);
		pg->demand = pg->paid = 0;
		pg->applicants = pg->cut = pg->remainder_fen = 0;
		allocate_group(p, i);
	}
	ais_oom_guard_leave(&g);
	return 0;
}

void
ais_pool_ratio(struct ais_json *j, int64_t paid, int64_t demand)
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

/* The year shown next: the earliest of the years reported that is
 * later than after (INT_MIN for the first), or SIZE_MAX. */
static size_t
next_year(const struct ais_pools *p, int after, int any)
{
	size_t i, best = SIZE_MAX;

	for (i = 0; i < p->y.n; i++) {
		const struct ais_pool_year *y = &p->y.v[i];

		/* the years of the profiles; as_of's when there are none */
		if (any ? !y->profiles : i != 0)
			continue;
		if (y->year > after && (best == SIZE_MAX ||
		    y->year < p->y.v[best].year))
			best = i;
	}
	return best;
}

/* One pool of one year in the report. */
static void
pool_json(struct ais_json *j, const struct ais_pool_group *g)
{
	size_t k;

	ais_json_open(j, '{');
	if (!g->total)
		ais_json_kint(j, "year", g->year);
	ais_json_key(j, "programs");
	ais_json_open_flat(j, '[');
	for (k = 0; k < g->nmembers; k++)
		ais_json_str(j, g->members[k]->id);
	ais_json_close(j, ']');
	ais_json_kstr(j, "per", g->first->pool.per);
	ais_json_kstr(j, "allocation",
	    g->first_come ? "first_come" : "pro_rata");
	ais_json_kfen(j, "pool", g->has_amount, g->amount);
	ais_json_kfen(j, "demand", 1, g->demand);
	ais_json_kfen(j, "paid", 1, g->paid);
	ais_json_kfen(j, "unallocated", 1,
	    g->has_amount ? g->amount - g->paid : 0);
	ais_json_key(j, "fill_ratio");
	ais_pool_ratio(j, g->paid, g->demand);
	ais_json_kuint(j, "applicants", g->applicants);
	ais_json_kuint(j, "applicants_cut", g->cut);
	ais_json_kuint(j, "rounding_fen", g->remainder_fen);
	ais_json_kuint(j, "unpriced", g->unpriced);
	ais_json_close(j, '}');
}

static void
pools_write_report(const struct ais_pools *p, int pretty, struct ais_buf *b)
{
	struct ais_json j;
	char d[11];
	size_t i, yi;
	int any = 0, first = 1;

	for (i = 0; i < p->y.n; i++)
		any |= p->y.v[i].profiles > 0;
	ais_json_init(&j, b, pretty);
	ais_json_open(&j, '{');
	ais_date_format(p->as_of, d);
	ais_json_kstr(&j, "as_of", d);
	ais_json_kuint(&j, "profiles", p->profiles);
	ais_json_kuint(&j, "rejected", p->rejected);
	ais_json_key(&j, "pools");
	ais_json_open(&j, '[');
	/* year by year, in order; in each, the pools in the order of the
	 * first year's */
	for (yi = next_year(p, INT_MIN, any); yi != SIZE_MAX;
	    yi = next_year(p, p->y.v[yi].year, any), first = 0)
		for (i = 0; i < p->nbase; i++) {
			/* a pool per total once, among the first year's */
			if (p->g.v[i].total) {
				if (first)
					pool_json(&j, &p->g.v[i]);
				continue;
			}
			pool_json(&j, &p->g.v[p->y.v[yi].first + i]);
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
		ais_json_kint(&j, "year", c->year);
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
