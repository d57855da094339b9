/*
 * engine.c: what a profile gets from a rule set, program by program.
 *
 * For each program of the applicant's jurisdictions, in rule-file order:
 * validity on the claim date, the kinds of applicant that may apply, the
 * conditions, then each award (or each list entry of a per-entry award,
 * but for entries dated outside the claim) whose own conditions hold,
 * with its amount.  Awards of one same-project
 * group that fall on one project are then resolved (only the larger is
 * paid), and the program's cap is applied last.  Amounts are fen; the one
 * rounding is ais_dec_round_fen, applied to each product before caps.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

const char *const ais_outcome_names[] = { "not_met", "met", "unknown" };

struct ctx {
	const struct ais_rules *r;
	const struct ais_profile *p;
	const struct ais_calc_opts *o;
	struct ais_result *res;
	struct ais_error *err;
	struct ais_eval ev;
	struct ais_item *item;		/* being filled */
	const struct ais_award *award;	/* being evaluated */
	const struct ais_value *at;	/* entry of a per-entry award, or NULL */
	const struct ais_condition *cond;	/* being checked, or NULL */
	size_t check;			/* step of the failed check being
					 * traced, or (size_t)-1 */
	const char *term;		/* the term being evaluated */
	struct ais_read *as_of_read;	/* what the validity checks read */
	struct ais_read *kind_read;	/* what the applicant checks read */
	int kind;			/* index of the applicant's kind */
	struct ais_buf *tmp;		/* a key being built */
};

void
ais_result_init(struct ais_result *res)
{
	memset(res, 0, sizeof *res);
}

void
ais_result_release(struct ais_result *res)
{
	size_t i;

	ais_arena_release(&res->arena);
	for (i = 0; i < AIS_NSCRATCH; i++)
		ais_buf_release(&res->scratch[i]);
	memset(res, 0, sizeof *res);
}

/* A copy of s[0..n) and a NUL in the result's arena. */
static char *
keep(struct ctx *c, const char *s, size_t n)
{
	char *p = ais_arena_alloc_raw(&c->res->arena, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A new step of kind k for the item c->item points to (which may be any
 * item: the passes after all programs add to earlier ones), about the
 * award and entry being evaluated. */
static struct ais_step *
step(struct ctx *c, enum ais_step_kind k)
{
	struct ais_step *s = AIS_VEC_PUSH(&c->res->arena, c->item->steps);

	memset(s, 0, sizeof *s);
	s->kind = k;
	s->award = c->award;
	s->at = c->at;
	s->check = (size_t)-1;
	return s;
}

/* The fields expression e read on this profile, kept in the arena. */
static void
keep_reads(struct ctx *c, const struct ais_expr *e, struct ais_step *s)
{
	struct ais_read r[AIS_EXPR_MAX_READS];
	size_t n = ais_expr_reads(e, &c->ev, 0, r, AIS_EXPR_MAX_READS);

	s->nreads = n;
	if (n) {
		struct ais_read *k = ais_arena_alloc_raw(&c->res->arena,
		    n * sizeof *k);

		memcpy(k, r, n * sizeof *k);
		s->reads = k;
	}
}

/* The trace of an aggregate: each entry one step. */
static void
trace_entry(void *vc, const struct ais_trace_entry *t)
{
	struct ctx *c = vc;
	struct ais_step *s = step(c, AIS_STEP_ENTRY);

	s->outcome = t->counted ? AIS_MET : AIS_NOT_MET;
	s->entry = t->item;
	s->list = t->list;
	s->list_len = t->list_len;
	if (t->value) {
		s->has_value = 1;
		s->value = *t->value;
		s->amount = t->amount;
	}
	s->needs = t->needs;
	s->needs_len = t->needs_len;
	s->awarded = t->awarded;
	s->missing = t->missing;
	s->missing_len = t->missing_len;
	s->dated = t->dated;
	s->check = c->check;
	if (c->check == (size_t)-1)
		s->term = c->term;
	s->nreads = t->nreads;
	if (t->nreads) {
		struct ais_read *k = ais_arena_alloc_raw(&c->res->arena,
		    t->nreads * sizeof *k);

		memcpy(k, t->reads, t->nreads * sizeof *k);
		s->reads = k;
	}
}

static void
add_warning(struct ctx *c, const char *s)
{
	struct ais_result *res = c->res;

	*AIS_VEC_PUSH(&res->arena, res->warnings) =
	    ais_arena_strdup(&res->arena, s);
}

/* Records that the item used version v of term t. */
static void
use_term(struct ctx *c, const struct ais_term *t, const char *name,
	const struct ais_version *v)
{
	struct ais_item *it = c->item;
	struct ais_used_term *u;
	size_t i;

	if (!c->o->explain)
		return;
	for (i = 0; i < it->terms.n; i++)
		if (it->terms.v[i].version == v &&
		    it->terms.v[i].award == c->award)
			return;
	u = AIS_VEC_PUSH(&c->res->arena, it->terms);
	memset(u, 0, sizeof *u);
	u->term = name;
	u->award = c->award;
	u->cond = c->cond;
	u->version = v;
	u->dated = t->n > 1 || v->from != AIS_DATE_MIN ||
	    v->until != AIS_DATE_MAX;
}

/* Fills err for a number too large in program pg. */
static int
too_large(struct ctx *c, const char *what)
{
	ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0, "%s: %s",
	    c->item->program->id, what);
	snprintf(c->err->path, sizeof c->err->path, "$");
	return -1;
}

/*
 * Evaluates term t on the claim date.  Returns 1 with *out set, 0 when
 * the term is not in force (a step says so), or -1 on overflow.
 */
static int
term_eval(struct ctx *c, const struct ais_term *t, const char *name,
	struct ais_value *out)
{
	const struct ais_version *v = ais_term_at(t, c->ev.as_of);
	int r;

	if (!v || v->ended) {
		if (c->o->explain) {
			struct ais_step *s = step(c, AIS_STEP_TERM_OFF);

			s->term = name;
			s->version = v;
		}
		return 0;
	}
	use_term(c, t, name, v);
	c->term = name;
	r = ais_expr_eval(v->expr, &c->ev, out);
	c->term = NULL;
	if (r < 0)
		return too_large(c, c->ev.errmsg);
	return 1;
}

/*
 * Checks conditions; returns 1 when all hold, 0 when one does not (every
 * one is still checked in full mode, so that the record has them all),
 * -1 on overflow.
 */
static int
check_conditions(struct ctx *c, const struct ais_condition *cd, size_t n)
{
	const struct ais_trace *saved = c->ev.trace;
	int all = 1;
	size_t i;

	for (i = 0; i < n; i++) {
		struct ais_value v;
		const struct ais_version *ver;
		struct ais_step *s;
		int r;

		c->ev.trace = NULL;
		c->cond = &cd[i];
		r = term_eval(c, &cd[i].test, "condition", &v);
		c->cond = NULL;
		if (r < 0)
			return -1;
		if (r == 0) {
			all = 0;
			if (!c->o->explain)
				break;
			continue;
		}
		if (v.t != AIS_V_BOOL || !v.u.b)
			all = 0;
		if (!c->o->explain) {
			if (!all)
				break;
			continue;
		}
		ver = ais_term_at(&cd[i].test, c->ev.as_of);
		s = step(c, AIS_STEP_CHECK);
		s->cond = &cd[i];
		s->version = ver;
		s->outcome = v.t != AIS_V_BOOL ? AIS_UNKNOWN :
		    v.u.b ? AIS_MET : AIS_NOT_MET;
		keep_reads(c, ver->expr, s);
		{
			struct ais_cmp cm[AIS_EXPR_MAX_CMPS];
			size_t k = ais_expr_comparisons(ver->expr, &c->ev, cm,
			    AIS_EXPR_MAX_CMPS);

			if (k) {
				struct ais_cmp *kc = ais_arena_alloc_raw(
				    &c->res->arena, k * sizeof *kc);

				memcpy(kc, cm, k * sizeof *kc);
				s->cmps = kc;
				s->ncmps = k;
			}
		}
		if (s->outcome != AIS_MET && saved) {
			/* which entries of its lists failed, and why */
			struct ais_value again;

			c->check = c->item->steps.n - 1;
			c->ev.trace = saved;
			r = ais_expr_eval(ver->expr, &c->ev, &again);
			c->ev.trace = NULL;
			c->check = (size_t)-1;
			if (r < 0)
				return -1;
		}
	}
	c->ev.trace = saved;
	return all;
}

static struct ais_part *
new_part(struct ctx *c)
{
	struct ais_part *pt = AIS_VEC_PUSH(&c->res->arena, c->item->parts);

	memset(pt, 0, sizeof *pt);
	return pt;
}

static int
money(struct ctx *c, struct ais_dec d, int64_t *fen)
{
	if (ais_dec_round_fen(d, fen) < 0)
		return too_large(c, "amount too large");
	return 0;
}

/*
 * Holds a claim to cap version v (in force, worth cap fen) of award aw,
 * or of the program when aw is NULL, a cap that accumulates: the prior
 * awards of the item's program that count against it (ledger.c) are
 * added up in a new ledger of the item, and *limit is what remains of
 * the cap, never less than 0.  In full mode the ledger keeps every prior
 * award of the program, and a step tells it, followed by one for each
 * prior award left out.  *index is the ledger's place; 0, or -1 when the
 * prior awards add up to more than an amount holds.
 */
static int
accumulate(struct ctx *c, const struct ais_version *v,
	const struct ais_award *aw, int64_t cap, size_t part, int64_t *limit,
	size_t *index)
{
	struct ais_item *it = c->item;
	const struct ais_list *l = ais_prior_awards(&c->p->root);
	struct ais_ledger *lg;
	struct ais_prior *pr = NULL;
	size_t i, n = 0, k = 0;
	int y, m, d;

	*index = it->ledgers.n;
	lg = AIS_VEC_PUSH(&c->res->arena, it->ledgers);
	memset(lg, 0, sizeof *lg);
	lg->version = v;
	lg->award = aw;
	lg->part = part;
	lg->cap = cap;
	ais_date_to_ymd(c->ev.as_of, &y, &m, &d);
	if (v->per == AIS_PER_YEAR)
		lg->year = y;
	for (i = 0; c->o->explain && i < l->n; i++) {
		struct ais_prior_award a;

		n += ais_prior_award_read(&l->items[i], &a) == 0 &&
		    ais_prior_award_of(&a, it->program->id);
	}
	if (n)
		pr = ais_arena_alloc_raw(&c->res->arena, n * sizeof *pr);
	for (i = 0; i < l->n; i++) {
		struct ais_prior_award a;
		enum ais_prior_why why;

		if (ais_prior_award_read(&l->items[i], &a) < 0 ||
		    !ais_prior_award_of(&a, it->program->id))
			continue;
		why = ais_prior_award_counts(&a, v->per, c->ev.as_of);
		if (why == AIS_PRIOR_COUNTED &&
		    ais_fen_add(lg->prior, a.amount, &lg->prior) < 0)
			return too_large(c, "prior awards too large");
		if (pr) {
			pr[k].entry = a.entry;
			pr[k].date = a.date;
			pr[k].amount = a.amount;
			pr[k].why = why;
			k++;
		}
	}
	lg->priors = pr;
	lg->npriors = k;
	lg->remaining = cap > lg->prior ? cap - lg->prior : 0;
	*limit = lg->remaining;
	if (c->o->explain) {
		step(c, AIS_STEP_LEDGER)->ledger = *index;
		for (i = 0; i < k; i++)
			if (pr[i].why != AIS_PRIOR_COUNTED) {
				struct ais_step *s = step(c, AIS_STEP_PRIOR);

				s->ledger = *index;
				s->prior = i;
			}
	}
	return 0;
}

/* Evaluates a numeric term into fen; 1, 0 (not in force or not given,
 * with a step) or -1. */
static int
term_fen(struct ctx *c, const struct ais_term *t, const char *name,
	struct ais_dec *dec, int64_t *fen)
{
	struct ais_value v;
	int r = term_eval(c, t, name, &v);

	if (r <= 0)
		return r;
	if (v.t != AIS_V_NUM) {
		if (c->o->explain) {
			struct ais_step *s = step(c, AIS_STEP_NO_VALUE);

			s->term = name;
			keep_reads(c, ais_term_at(t, c->ev.as_of)->expr, s);
		}
		return 0;
	}
	if (dec)
		*dec = v.u.n;
	if (fen && money(c, v.u.n, fen) < 0)
		return -1;
	return 1;
}

/* Computes one award instance; 1 if it applies, 0 if not, -1 on error. */
static int
award_instance(struct ctx *c, const struct ais_award *aw,
	const struct ais_value *entry)
{
	struct ais_part pt;
	struct ais_dec prod;
	struct ais_step *amount = NULL;
	int r;

	memset(&pt, 0, sizeof pt);
	pt.award = aw;
	pt.entry = entry;
	pt.basis = aw->basis;
	r = check_conditions(c, aw->when, aw->nwhen);
	if (r <= 0)
		return r;
	if (aw->basis == AIS_BASIS_FORMULA || aw->base.n) {
		/* a formula, or a ceiling worked out as base x rate */
		r = term_fen(c, &aw->base, "base", &pt.base, NULL);
		if (r <= 0)
			return r;
		pt.has_base = 1;
		pt.rate = ais_dec_make(1, 0);
		if (aw->rate.n) {
			r = term_fen(c, &aw->rate, "rate", &pt.rate, NULL);
			if (r <= 0)
				return r;
			pt.has_rate = 1;
		}
		if (ais_dec_mul(pt.base, pt.rate, &prod) < 0 ||
		    money(c, prod, &pt.raw) < 0)
			return too_large(c, "amount too large");
		if (aw->basis == AIS_BASIS_FORMULA)
			pt.amount = pt.raw;
		else
			pt.up_to = pt.raw;
		if (c->o->explain) {
			amount = step(c, AIS_STEP_AMOUNT);
			if (pt.has_rate)
				keep_reads(c, ais_term_at(&aw->rate,
				    c->ev.as_of)->expr, amount);
		}
		if (aw->basis == AIS_BASIS_FORMULA && aw->ceiling.n) {
			/* the most it may pay, besides what it pays as a
			 * rule: not in force, no ceiling (as for a cap) */
			r = term_fen(c, &aw->ceiling, "ceiling", NULL,
			    &pt.ceiling);
			if (r < 0)
				return r;
			pt.has_ceiling = r > 0;
		}
	} else {
		switch (aw->basis) {
		case AIS_BASIS_FIXED:
			r = term_fen(c, &aw->amount, "amount", NULL, &pt.raw);
			if (r <= 0)
				return r;
			pt.amount = pt.raw;
			break;
		case AIS_BASIS_CEILING:
			r = term_fen(c, &aw->ceiling, "ceiling", NULL,
			    &pt.up_to);
			if (r <= 0)
				return r;
			break;
		default:
			break;
		}
		if (c->o->explain)
			amount = step(c, AIS_STEP_AMOUNT);
	}
	if (amount)
		amount->part = c->item->parts.n;
	pt.has_amount = aw->basis == AIS_BASIS_FORMULA ||
	    aw->basis == AIS_BASIS_FIXED;
	pt.has_up_to = aw->basis != AIS_BASIS_UNQUANTIFIED;
	if (aw->cap.n && (pt.has_amount || pt.has_base)) {
		/* the cap holds the amount, or a worked-out ceiling */
		int64_t *held = pt.has_amount ? &pt.amount : &pt.up_to;

		r = term_fen(c, &aw->cap, "cap", NULL, &pt.cap);
		if (r < 0)
			return r;
		if (r > 0) {
			const struct ais_version *cv = ais_term_at(&aw->cap,
			    c->ev.as_of);

			pt.has_cap = 1;
			if (cv->per != AIS_PER_CLAIM) {
				if (accumulate(c, cv, aw, pt.cap,
				    c->item->parts.n, &pt.cap,
				    &pt.ledger) < 0)
					return -1;
				pt.has_ledger = 1;
			}
			if (*held > pt.cap) {
				*held = pt.cap;
				pt.capped = 1;
				if (c->o->explain)
					step(c, AIS_STEP_CAPPED)->part =
					    c->item->parts.n;
			}
		}
	}
	if (pt.has_amount) {
		pt.up_to = pt.amount;
		if (pt.has_ceiling) {
			int64_t up = pt.raw < pt.ceiling ? pt.raw : pt.ceiling;

			pt.ceiled = pt.raw > pt.ceiling;
			if (up > pt.up_to)
				pt.up_to = up;
			if (pt.amount > up) {
				/* no cap in force (or one above the ceiling):
				 * the ceiling holds the amount too */
				pt.amount = pt.up_to = up;
				if (!pt.capped && c->o->explain)
					step(c, AIS_STEP_CAPPED)->part =
					    c->item->parts.n;
				pt.capped = 1;
			}
		}
	}
	if (aw->project) {
		ais_buf_reset(c->tmp);
		ais_buf_adds(c->tmp, aw->project);
		if (entry) {
			ais_buf_addc(c->tmp, ':');
			ais_item_label(entry, c->tmp);
		}
		pt.project = keep(c, c->tmp->p, c->tmp->len);
	} else if (entry && c->item->program->same_project) {
		ais_buf_reset(c->tmp);
		ais_item_label(entry, c->tmp);
		pt.project = keep(c, c->tmp->p, c->tmp->len);
	}
	*new_part(c) = pt;
	return 1;
}

/* A step: entry e of per-entry award aw is not one it pays. */
static struct ais_step *
entry_left_out(struct ctx *c, const struct ais_award *aw,
	const struct ais_value *e)
{
	struct ais_step *s = step(c, AIS_STEP_ENTRY);

	s->outcome = AIS_NOT_MET;
	s->filter = 1;
	s->entry = e;
	s->list = aw->each->name;
	s->list_len = strlen(aw->each->name);
	return s;
}

/*
 * 1 when entry e of per-entry award aw is dated after the claim date or
 * before the program's validity, with a step saying so; 0 when it counts.
 */
static int
dated_out(struct ctx *c, const struct ais_award *aw,
	const struct ais_value *e)
{
	struct ais_read r, *k;
	struct ais_step *s;
	int d = ais_entry_dated(&c->ev, e, c->o->explain ? &r : NULL);

	if (!d || !c->o->explain)
		return d != 0;
	s = entry_left_out(c, aw, e);
	s->dated = d;
	k = ais_arena_alloc_raw(&c->res->arena, sizeof *k);
	*k = r;
	s->reads = k;
	s->nreads = 1;
	return 1;
}

/* Whether the prior award awarded() last found is dated after the claim
 * date (and so did not count). */
static int
awarded_later(const struct ctx *c)
{
	struct ais_prior_award a;

	return c->ev.awarded && ais_prior_award_read(c->ev.awarded, &a) == 0 &&
	    a.date > c->ev.as_of;
}

/* Records that entry e of per-entry award aw counted although a prior
 * award names its contract: that award is dated after the claim date. */
static void
counted_despite(struct ctx *c, const struct ais_award *aw,
	const struct ais_value *e)
{
	struct ais_step *s = entry_left_out(c, aw, e);

	s->outcome = AIS_MET;
	s->awarded = c->ev.awarded;
}

static int
eval_award(struct ctx *c, const struct ais_award *aw)
{
	const struct ais_value *list;
	size_t i;
	int r, any = 0;

	if (!ais_in_force(aw->from, aw->until, c->ev.as_of))
		return 0;
	c->award = aw;
	if (!aw->any_applicant) {
		/* the award goes to some kinds only */
		int may = c->kind >= 0 && (aw->applicants & (1u << c->kind));

		if (c->o->explain) {
			struct ais_step *s = step(c, AIS_STEP_APPLICANT);

			s->outcome = may ? AIS_MET : AIS_NOT_MET;
			s->reads = c->kind_read;
			s->nreads = 1;
		}
		if (!may) {
			c->award = NULL;
			return 0;
		}
	}
	if (!aw->each) {
		r = award_instance(c, aw, NULL);
		c->award = NULL;
		return r;
	}
	list = &c->p->root.v[aw->each - c->p->root.schema->fields];
	for (i = 0; list->t == AIS_V_LIST && i < list->u.list->n; i++) {
		const struct ais_value *e = &list->u.list->items[i];

		c->ev.item = e;
		if (dated_out(c, aw, e))
			continue;
		if (aw->where) {
			struct ais_value v;

			c->ev.awarded = NULL;
			if (ais_expr_eval(aw->where, &c->ev, &v) < 0) {
				r = too_large(c, c->ev.errmsg);
				goto out;
			}
			if (v.t != AIS_V_BOOL || !v.u.b) {
				if (c->o->explain) {
					struct ais_step *s = entry_left_out(c,
					    aw, e);

					s->needs = ais_expr_text(aw->where);
					s->needs_len = strlen(s->needs);
					s->awarded = c->ev.awarded;
					keep_reads(c, aw->where, s);
				}
				continue;
			}
			if (c->o->explain && awarded_later(c))
				counted_despite(c, aw, e);
		}
		c->at = e;
		r = award_instance(c, aw, e);
		c->at = NULL;
		if (r < 0)
			goto out;
		any |= r;
	}
	if (c->o->explain && (list->t != AIS_V_LIST || list->u.list->n == 0))
		step(c, AIS_STEP_NO_ENTRIES);
	r = any;
out:
	c->ev.item = NULL;
	c->at = NULL;
	c->award = NULL;
	return r;
}

static int
applicant_kind(const struct ais_profile *p)
{
	const struct ais_field *kf = &p->root.schema->fields[AIS_P_KIND];
	const struct ais_value *v = &p->root.v[AIS_P_KIND];

	if (v->t != AIS_V_STR)
		return -1;
	return ais_enum_find(kf->enums, v->u.s.p, v->u.s.len);
}

static int
eval_program(struct ctx *c, const struct ais_program *pg)
{
	struct ais_item *it = c->item;
	int r, ok = 1;
	size_t i;

	memset(it, 0, sizeof *it);
	it->program = pg;
	c->ev.valid_from = pg->entries_from;
	c->ev.program = pg->id;	/* whose prior awards awarded() reads */
	if (!ais_in_force(pg->valid_from, pg->valid_until, c->ev.as_of)) {
		ok = 0;
		if (!c->o->explain)
			return 0;
		r = c->ev.as_of < pg->valid_from ? -1 : 1;
	} else {
		r = 0;
	}
	if (c->o->explain) {
		struct ais_step *s = step(c, AIS_STEP_VALIDITY);

		s->reads = c->as_of_read;
		s->nreads = 1;
		s->side = r;
		s->outcome = r == 0 ? AIS_MET : AIS_NOT_MET;
	}
	if (!pg->any_applicant) {
		int may = c->kind >= 0 && (pg->applicants & (1u << c->kind));

		if (c->o->explain) {
			struct ais_step *s = step(c, AIS_STEP_APPLICANT);

			s->outcome = may ? AIS_MET : AIS_NOT_MET;
			s->reads = c->kind_read;
			s->nreads = 1;
		}
		if (!may) {
			ok = 0;
			if (!c->o->explain)
				return 0;
		}
	}
	r = check_conditions(c, pg->conditions, pg->nconditions);
	if (r < 0)
		return -1;
	if (!r) {
		ok = 0;
		if (!c->o->explain)
			return 0;
	}
	if (!ok) {
		/* ineligible: awards are not computed */
		return 0;
	}
	r = 0;
	for (i = 0; i < pg->nawards; i++) {
		int ar = eval_award(c, &pg->awards[i]);

		if (ar < 0)
			return -1;
		r |= ar;
	}
	if (!r) {
		if (c->o->explain)
			step(c, AIS_STEP_NO_AWARD);
		return 0;
	}
	it->eligible = 1;
	return 1;
}

/* The larger of two parts, by amount, or by up_to for ceilings. */
static int64_t
part_weight(const struct ais_part *p)
{
	return p->has_amount ? p->amount : p->has_up_to ? p->up_to : 0;
}

/*
 * Pass 1, same project once: among the parts of programs of one group
 * that carry the same project key, only the largest is paid (the first
 * on a tie); the others are set aside, each naming the part that won.
 */
static int
resolve_same_project(struct ctx *c)
{
	struct ais_result *res = c->res;
	size_t i, j, pi, pj;

	for (i = 0; i < res->items.n; i++) {
		struct ais_item *x = &res->items.v[i];

		if (!x->eligible || !x->program->same_project)
			continue;
		for (pi = 0; pi < x->parts.n; pi++) {
			struct ais_part *best = &x->parts.v[pi];
			struct ais_item *best_item = x;

			if (!best->project || best->set_aside)
				continue;
			for (j = i; j < res->items.n; j++) {
				struct ais_item *y = &res->items.v[j];

				if (!y->eligible || !y->program->same_project ||
				    strcmp(y->program->same_project,
				    x->program->same_project) != 0)
					continue;
				for (pj = j == i ? pi + 1 : 0; pj < y->parts.n;
				    pj++) {
					struct ais_part *q = &y->parts.v[pj];
					struct ais_part *lose;
					struct ais_item *lose_item;

					if (!q->project || q->set_aside ||
					    strcmp(q->project, best->project))
						continue;
					if (part_weight(q) > part_weight(best)) {
						lose = best;
						lose_item = best_item;
						best = q;
						best_item = y;
					} else {
						lose = q;
						lose_item = y;
					}
					lose->set_aside = 1;
					lose->won_item = best_item;
					lose->won_part = (size_t)(best -
					    best_item->parts.v);
					if (c->o->explain) {
						c->item = lose_item;
						c->award = NULL;
						c->at = NULL;
						step(c, AIS_STEP_SET_ASIDE)->part =
						    (size_t)(lose -
						    lose_item->parts.v);
					}
				}
			}
		}
	}
	return 0;
}

/* Adds up the parts of it not set aside, then applies the program cap. */
static int
cap_item(struct ctx *c, struct ais_item *it)
{
	const struct ais_program *pg = it->program;
	size_t i;
	int first = 1;

	it->sum = it->sum_up_to = 0;
	it->has_amount = it->has_up_to = 0;
	for (i = 0; i < it->parts.n; i++) {
		const struct ais_part *pt = &it->parts.v[i];

		if (pt->set_aside)
			continue;
		if (first) {
			it->basis = pt->basis;
			first = 0;
		}
		if (pt->has_amount) {
			it->has_amount = 1;
			if (ais_fen_add(it->sum, pt->amount, &it->sum) < 0)
				return too_large(c, "amount too large");
		}
		if (pt->has_up_to) {
			it->has_up_to = 1;
			if (ais_fen_add(it->sum_up_to, pt->up_to,
			    &it->sum_up_to) < 0)
				return too_large(c, "amount too large");
		}
	}
	if (first && it->parts.n) {
		/* every part was set aside: the program pays nothing */
		it->basis = it->parts.v[0].basis;
		it->has_amount = it->has_up_to = 1;
	}
	it->amount = it->sum;
	it->up_to = it->sum_up_to;
	if (pg->cap.n && (it->has_amount || it->has_up_to)) {
		int64_t cap;
		int r;

		c->item = it;
		c->award = NULL;
		c->at = NULL;
		c->ev.valid_from = pg->entries_from;
		c->ev.program = pg->id;
		r = term_fen(c, &pg->cap, "cap", NULL, &cap);
		if (r < 0)
			return -1;
		if (r > 0) {
			const struct ais_version *cv = ais_term_at(&pg->cap,
			    c->ev.as_of);

			if (cv->per != AIS_PER_CLAIM) {
				if (accumulate(c, cv, NULL, cap, (size_t)-1,
				    &cap, &it->ledger) < 0)
					return -1;
				it->has_ledger = 1;
			}
			it->has_cap = 1;
			it->cap = cap;
			if (it->amount > cap || it->up_to > cap) {
				it->capped = 1;
				if (c->o->explain)
					step(c, AIS_STEP_PROGRAM_CAP);
			}
			if (it->amount > cap)
				it->amount = cap;
			if (it->up_to > cap)
				it->up_to = cap;
		}
	}
	return 0;
}

/* Pass 2, program caps: every eligible item's parts summed and capped
 * (a cap that accumulates by what remains of it after the program's
 * prior awards); an ineligible item pays zero. */
static int
apply_program_caps(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->res->items.n; i++) {
		struct ais_item *it = &c->res->items.v[i];

		if (!it->eligible) {
			it->amount = it->up_to = 0;
			it->has_amount = it->has_up_to = 1;
			continue;
		}
		if (cap_item(c, it) < 0)
			return -1;
	}
	return 0;
}

/* Pass 3, totals: the sums of the items' amounts and ceilings. */
static int
add_totals(struct ctx *c)
{
	struct ais_result *res = c->res;
	size_t i;

	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];

		if (!it->eligible)
			continue;
		if ((it->has_amount && ais_fen_add(res->total_amount,
		    it->amount, &res->total_amount) < 0) ||
		    (it->has_up_to && ais_fen_add(res->total_up_to, it->up_to,
		    &res->total_up_to) < 0)) {
			ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0,
			    "total amount too large");
			snprintf(c->err->path, sizeof c->err->path, "$");
			return -1;
		}
		if (!it->has_amount && !it->has_up_to)
			res->total_unquantified++;
	}
	return 0;
}

/* Whether step s decides against its program (award NULL) or award
 * instance: a check not met, a term not in force, no entries. */
static int
blocks(const struct ais_step *s)
{
	switch (s->kind) {
	case AIS_STEP_VALIDITY:
	case AIS_STEP_APPLICANT:
	case AIS_STEP_CHECK:
		return s->outcome == AIS_NOT_MET;
	case AIS_STEP_TERM_OFF:
	case AIS_STEP_NO_ENTRIES:
		return 1;
	default:
		return 0;
	}
}

/* Whether step s could not be decided for a field not given: a check
 * UNKNOWN, a number that could not be computed. */
static int
undecided(const struct ais_step *s)
{
	return (s->kind == AIS_STEP_CHECK && s->outcome == AIS_UNKNOWN) ||
	    s->kind == AIS_STEP_NO_VALUE;
}

/* 1 when field f[0..n) begins with a field of the profile's top level
 * ("revenue.ai_share"), 0 for a list entry's own ("amount"). */
static int
top_level(const struct ais_profile *p, const char *f, size_t n)
{
	const struct ais_schema *sc = p->root.schema;
	size_t i, k = 0;

	while (k < n && f[k] != '.' && f[k] != '[')
		k++;
	for (i = 0; i < sc->n; i++)
		if (strlen(sc->fields[i].name) == k &&
		    memcmp(sc->fields[i].name, f, k) == 0)
			return 1;
	return 0;
}

/* Adds field f[0..n) to the item's missing fields once, as a path of
 * the profile: an entry's own field after its list and index
 * ("compute_purchases[0].amount") when list (a list of the profile's
 * top level) holds entry. */
static void
add_missing(struct ctx *c, struct ais_item *it, const char *f, size_t n,
	const char *list, const struct ais_value *entry)
{
	const char **m;
	size_t i;

	if (n > 5 && memcmp(f, "item.", 5) == 0) {
		f += 5;		/* a value as the rule writes it */
		n -= 5;
	}
	ais_buf_reset(c->tmp);
	if (entry && list && !top_level(c->p, f, n)) {
		const struct ais_schema *sc = c->p->root.schema;

		for (i = 0; i < sc->n; i++) {
			const struct ais_value *l = &c->p->root.v[i];

			if (strcmp(sc->fields[i].name, list) == 0 &&
			    l->t == AIS_V_LIST && entry >= l->u.list->items &&
			    entry < l->u.list->items + l->u.list->n) {
				ais_buf_addf(c->tmp, "%s[%zu].", list,
				    (size_t)(entry - l->u.list->items));
				break;
			}
		}
	}
	ais_buf_add(c->tmp, f, n);
	for (i = 0; i < it->nmissing; i++)
		if (strcmp(it->missing[i], c->tmp->p) == 0)
			return;
	/* grown one at a time in the arena: a handful at most */
	m = ais_arena_alloc_raw(&c->res->arena, (it->nmissing + 1) * sizeof *m);
	if (it->nmissing)
		memcpy(m, it->missing, it->nmissing * sizeof *m);
	m[it->nmissing++] = keep(c, c->tmp->p, c->tmp->len);
	it->missing = m;
}

/* The fields not given that step s (undecided) of item it read, added to
 * its missing fields; also those of the entries its trace left out for a
 * value not given. */
static void
step_missing(struct ctx *c, struct ais_item *it, size_t si)
{
	const struct ais_step *s = &it->steps.v[si];
	const char *list = s->at && s->award && s->award->each ?
	    s->award->each->name : NULL;
	size_t i, k;

	for (i = 0; i < s->nreads; i++)
		if (s->reads[i].value.t == AIS_V_NULL)
			add_missing(c, it, s->reads[i].field, s->reads[i].len,
			    list, s->at);
	for (k = si + 1; k < it->steps.n; k++) {
		const struct ais_step *e = &it->steps.v[k];
		char name[128];

		if (e->kind != AIS_STEP_ENTRY || e->check != si || !e->missing)
			continue;
		snprintf(name, sizeof name, "%.*s", (int)e->list_len, e->list);
		if (e->nreads) {
			for (i = 0; i < e->nreads; i++)
				if (e->reads[i].value.t == AIS_V_NULL)
					add_missing(c, it, e->reads[i].field,
					    e->reads[i].len, name, e->entry);
		} else {
			add_missing(c, it, e->missing, e->missing_len, name,
			    e->entry);
		}
	}
}

/*
 * Incomplete (issue 12, from the record, so with explain only): an
 * ineligible item whose outcome turned on fields not given.  At the
 * program's level, no check not met and one undecided; or, the
 * program's checks met, an award (an entry's instance of a per-entry
 * award) with no check not met and one undecided: giving the fields
 * might make it pay.  The fields are those the undecided steps read
 * that are not given, each once, in the record's order.
 */
static void
find_missing(struct ctx *c, struct ais_item *it)
{
	size_t i, k;
	int program_undecided = 0;

	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];

		if (s->award)
			continue;
		if (blocks(s))
			return;
		program_undecided |= undecided(s);
	}
	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *s = &it->steps.v[i];
		int blocked = 0;

		if (!undecided(s) || (program_undecided && s->award) ||
		    (!program_undecided && !s->award))
			continue;
		for (k = 0; s->award && k < it->steps.n && !blocked; k++)
			blocked = it->steps.v[k].award == s->award &&
			    it->steps.v[k].at == s->at &&
			    blocks(&it->steps.v[k]);
		if (!blocked)
			step_missing(c, it, i);
	}
	it->incomplete = it->nmissing > 0;
}

/*
 * The last day an eligible item can be claimed (issue 12): the end of
 * its program's validity, or the end of the round of applications
 * (guide window) that holds the claim date, or else of the next one to
 * open, when that is earlier.  A program valid until replaced with no
 * such round has none.
 */
static void
find_due(struct ais_item *it, ais_date as_of)
{
	const struct ais_program *pg = it->program;
	const struct ais_guide_window *w, *open = NULL, *next = NULL;
	size_t i;

	for (i = 0; i < pg->guide.nwindows; i++) {
		const struct ais_guide_window *g = &pg->guide.windows[i];

		if (g->until < as_of)
			continue;	/* a round gone by */
		if (g->from <= as_of) {
			if (!open || g->until < open->until)
				open = g;
		} else if (!next || g->from < next->from) {
			next = g;
		}
	}
	w = open ? open : next;
	if (w && w->until < pg->valid_until) {
		it->has_due = 1;
		it->last_day = w->until;
		it->due_by = AIS_DUE_WINDOW;
	} else if (pg->valid_until != AIS_DATE_MAX) {
		it->has_due = 1;
		it->last_day = pg->valid_until;
		it->due_by = AIS_DUE_VALIDITY;
	}
}

/* Pass 4: the last day of eligible items, the missing fields of
 * ineligible ones. */
static int
due_and_missing(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->res->items.n; i++) {
		struct ais_item *it = &c->res->items.v[i];

		if (it->eligible)
			find_due(it, c->res->as_of);
		else if (c->o->explain)
			find_missing(c, it);
	}
	return 0;
}

/*
 * The rules that reach across items, in the order they run once every
 * program is evaluated: a part set aside for a larger one of the same
 * project is not paid, so it must be known before a program's parts are
 * summed and capped, and the totals add up the capped amounts.  A cap
 * that accumulates over the year or for good reads the profile's prior
 * awards, not the other items, so it needs no pass of its own: an
 * award's is applied with the award, the program's with the program cap.
 */
static int (*const cross_item_passes[])(struct ctx *) = {
	resolve_same_project,
	apply_program_caps,
	add_totals,
	due_and_missing
};

/* The jurisdictions an applicant is in, each once. */
struct places {
	AIS_VEC(const struct ais_jurisdiction *) v;	/* in the arena */
};

/* Adds j and its parents to in, each once (the loader refuses a parent
 * chain that loops, so the walk ends). */
static void
add_place(struct ctx *c, struct places *in, const struct ais_jurisdiction *j)
{
	const struct ais_jurisdiction *q;
	size_t k;

	for (q = j; q; q = q->parent) {
		for (k = 0; k < in->v.n; k++)
			if (in->v.v[k] == q)
				break;
		if (k == in->v.n)
			*AIS_VEC_PUSH(&c->res->arena, in->v) = q;
	}
}

/* 1 when a[0..n) and the NUL-terminated b are equal, ASCII letters
 * compared without case. */
static int
same_letters(const char *a, size_t n, const char *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];

		if (y == '\0')
			return 0;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return b[n] == '\0';
}

/* What a Chinese place name may end in after the name people say:
 * 成都 for 成都市, 四川 for 四川省, 广西 for 广西壮族自治区. */
static const char *const place_suffixes[] = {
	"市", "省", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区",
	"特别行政区", NULL
};

/*
 * Appends to c->tmp a hint for a place s[0..n) that is no jurisdiction
 * id of the rules: " (did you mean \"chengdu\"?)" when it is an id
 * written in other case ("Chengdu"), its English name, or close to an id;
 * " (write \"chengdu\")" when it is a jurisdiction's Chinese name, whole
 * ("成都市") or without its suffix ("成都"); nothing otherwise.
 */
static void place_hint_find(struct ctx *c, const char *s, size_t n);

static void
place_hint(struct ctx *c, const char *s, size_t n)
{
	struct ais_buf *key = &c->res->scratch[2], *hint = &c->res->scratch[3];
	size_t dl = strlen(c->r->digest), at = c->tmp->len;

	if (key->len == dl + 1 + n && memcmp(key->p, c->r->digest, dl) == 0 &&
	    memcmp(key->p + dl + 1, s, n) == 0) {
		ais_buf_add(c->tmp, hint->p, hint->len);
		return;
	}
	place_hint_find(c, s, n);
	ais_buf_reset(key);
	ais_buf_add(key, c->r->digest, dl + 1);
	ais_buf_add(key, s, n);
	ais_buf_reset(hint);
	ais_buf_add(hint, c->tmp->p + at, c->tmp->len - at);
}

/* place_hint's search, every time. */
static void
place_hint_find(struct ctx *c, const char *s, size_t n)
{
	const char *ids[65];
	const char *near;
	size_t i, k;

	for (i = 0; i < c->r->nj; i++) {
		const struct ais_jurisdiction *j = &c->r->j[i];

		if (same_letters(s, n, j->id) || (j->name_en &&
		    same_letters(s, n, j->name_en))) {
			ais_buf_addf(c->tmp, " (did you mean \"%s\"?)", j->id);
			return;
		}
	}
	for (i = 0; n > 0 && i < c->r->nj; i++) {
		const struct ais_jurisdiction *j = &c->r->j[i];
		size_t zl = j->name_zh ? strlen(j->name_zh) : 0;

		if (zl < n || memcmp(j->name_zh, s, n) != 0)
			continue;
		for (k = 0; zl > n && place_suffixes[k]; k++)
			if (strcmp(j->name_zh + n, place_suffixes[k]) == 0)
				break;
		if (zl == n || place_suffixes[k]) {
			ais_buf_addf(c->tmp, " (write \"%s\")", j->id);
			return;
		}
	}
	for (i = k = 0; i < c->r->nj && k + 1 < sizeof ids / sizeof *ids;
	    i++)
		ids[k++] = c->r->j[i].id;
	ids[k] = NULL;
	near = ais_suggest(s, n, ids);
	if (near)
		ais_buf_addf(c->tmp, " (did you mean \"%s\"?)", near);
}

/* The warning "$.province: no rules for \"X\" (hint)" for a province
 * prov that names no jurisdiction of the rules. */
static void
unknown_province(struct ctx *c, const struct ais_value *prov)
{
	ais_buf_reset(c->tmp);
	ais_buf_addf(c->tmp, "$.province: no rules for \"%.*s\"",
	    (int)prov->u.s.len, prov->u.s.p);
	place_hint(c, prov->u.s.p, prov->u.s.len);
	add_warning(c, c->tmp->p);
}

/* The jurisdictions the applicant is in: the city and its parents. */
static int
locate(struct ctx *c, struct places *in)
{
	const struct ais_profile *p = c->p;
	const struct ais_value *city = &p->root.v[AIS_P_CITY];
	const struct ais_value *prov = &p->root.v[AIS_P_PROVINCE];
	const struct ais_jurisdiction *j = NULL, *q;
	size_t i;

	if (c->o->njurisdictions) {
		for (i = 0; i < c->o->njurisdictions; i++) {
			const char *id = c->o->jurisdictions[i];

			add_place(c, in, ais_rules_find(c->r, id, strlen(id)));
		}
		return 0;
	}
	if (city->t == AIS_V_STR)
		j = ais_rules_find(c->r, city->u.s.p, city->u.s.len);
	if (j && prov->t == AIS_V_STR) {
		int agrees = 0;

		for (q = j; q; q = q->parent)
			if (strlen(q->id) == prov->u.s.len &&
			    memcmp(q->id, prov->u.s.p, prov->u.s.len) == 0)
				agrees = 1;
		if (j->parent_id && strlen(j->parent_id) == prov->u.s.len &&
		    memcmp(j->parent_id, prov->u.s.p, prov->u.s.len) == 0)
			agrees = 1;
		if (!agrees) {
			if (strcmp(j->level, "municipality") == 0)
				ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0,
				    "\"%.*s\" contradicts the city \"%s\", a "
				    "province-level municipality: give province "
				    "\"%s\" or none", (int)prov->u.s.len,
				    prov->u.s.p, j->id, j->id);
			else
				ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0,
				    "\"%.*s\" contradicts the city \"%s\", which "
				    "is in %s", (int)prov->u.s.len, prov->u.s.p,
				    j->id, j->parent_id ? j->parent_id :
				    "no province");
			snprintf(c->err->path, sizeof c->err->path,
			    "$.province");
			return -1;
		}
	}
	if (!j && prov->t == AIS_V_STR) {
		j = ais_rules_find(c->r, prov->u.s.p, prov->u.s.len);
		if (j && city->t == AIS_V_STR) {
			ais_buf_reset(c->tmp);
			ais_buf_addf(c->tmp, "$.city: \"%.*s\" is not in the "
			    "rules", (int)city->u.s.len, city->u.s.p);
			place_hint(c, city->u.s.p, city->u.s.len);
			ais_buf_addf(c->tmp, "; only the programs of %s apply",
			    j->id);
			add_warning(c, c->tmp->p);
		} else if (j && strcmp(j->level, "municipality") != 0) {
			/* a province alone: its cities' programs are not
			 * looked at (a municipality is its own city) */
			ais_buf_reset(c->tmp);
			ais_buf_addf(c->tmp, "$.city: not given; only the "
			    "programs of %s apply (give a city for its own "
			    "programs)", j->id);
			add_warning(c, c->tmp->p);
		}
	}
	if (!j) {
		ais_buf_reset(c->tmp);
		if (city->t == AIS_V_STR) {
			ais_buf_addf(c->tmp, "$.city: no rules for \"%.*s\"",
			    (int)city->u.s.len, city->u.s.p);
			place_hint(c, city->u.s.p, city->u.s.len);
			ais_buf_adds(c->tmp, "; no program applies");
		} else {
			ais_buf_adds(c->tmp, "$.city: not given; no program "
			    "applies (give a city, or --jurisdiction)");
		}
		add_warning(c, c->tmp->p);
		if (prov->t == AIS_V_STR)
			unknown_province(c, prov);
		return 0;
	}
	add_place(c, in, j);
	return 0;
}

/* ais_calc within its guard. */
static int
calc(const struct ais_rules *r, const struct ais_profile *p,
	const struct ais_calc_opts *o, struct ais_result *res,
	struct ais_error *err)
{
	struct places in = {AIS_VEC_INIT};
	struct ais_trace trace;
	struct ctx c;
	size_t i, k, n;
	const char *only = o->only_program;

	ais_arena_reset(&res->arena);
	AIS_VEC_FORGET(res->items);
	AIS_VEC_FORGET(res->warnings);
	res->total_amount = res->total_up_to = 0;
	res->total_unquantified = 0;
	res->profile = p;
	res->digest = r->digest;
	res->reform_id = r->reform_id;
	res->reform_digest = r->reform_digest;
	res->as_of = p->has_as_of ? p->as_of : o->as_of;
	ais_date_format(res->as_of, res->as_of_text);

	memset(&c, 0, sizeof c);
	c.r = r;
	c.p = p;
	c.o = o;
	c.res = res;
	c.err = err;
	c.check = (size_t)-1;
	c.tmp = &res->scratch[0];
	ais_buf_add(c.tmp, "", 0);	/* NUL-terminated even when empty */
	ais_buf_reset(c.tmp);
	c.ev.root = &p->root;
	c.ev.as_of = res->as_of;
	trace.entry = trace_entry;
	trace.ctx = &c;
	c.ev.trace = o->explain ? &trace : NULL;
	c.kind = res->kind = applicant_kind(p);
	if (o->explain) {
		/* the two reads every program's first checks make, once */
		c.as_of_read = ais_arena_alloc(&res->arena, 2 * sizeof *c.as_of_read);
		c.as_of_read->field = "as_of";
		c.as_of_read->len = 5;
		c.as_of_read->value.t = AIS_V_DATE;
		c.as_of_read->value.u.d = res->as_of;
		c.kind_read = c.as_of_read + 1;
		c.kind_read->field = "kind";
		c.kind_read->len = 4;
		c.kind_read->value = p->root.v[AIS_P_KIND];
	}

	for (i = 0; i < p->warnings.n; i++)
		add_warning(&c, p->warnings.v[i]);
	if (locate(&c, &in) < 0)
		return -1;
	/* programs in rule-file order, of the jurisdictions the applicant
	 * is in */
	n = 0;
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < in.v.n; k++)
			if (in.v.v[k] == &r->j[i])
				n += r->j[i].nprograms;
	/* room for every item at once: the passes keep pointers to items,
	 * which must not move */
	AIS_VEC_RESERVE(&res->arena, res->items, n);
	for (i = 0; i < r->nj; i++) {
		size_t q;

		for (k = 0; k < in.v.n; k++)
			if (in.v.v[k] == &r->j[i])
				break;
		if (k == in.v.n)
			continue;
		for (q = 0; q < r->j[i].nprograms; q++) {
			if (only && strcmp(only, r->j[i].programs[q].id) != 0)
				continue;	/* what would qualify: one */
			c.item = AIS_VEC_PUSH(&res->arena, res->items);
			if (eval_program(&c, &r->j[i].programs[q]) < 0)
				return -1;
		}
	}
	for (i = 0; i < sizeof cross_item_passes / sizeof *cross_item_passes;
	    i++)
		if (cross_item_passes[i](&c) < 0)
			return -1;
	return 0;
}

/*
 * Everything ais_calc allocates is in res (its arena and its scratch
 * text), so memory that runs out leaves nothing to free: res is emptied
 * (reusable, or released as ever) and err says AIS_ENOMEM.
 */
int
ais_calc(const struct ais_rules *r, const struct ais_profile *p,
	const struct ais_calc_opts *o, struct ais_result *res,
	struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	if (p->root.schema != r->schema) {
		/* a profile not read, or read against another rule set's
		 * contract: its values would be read by the wrong indices */
		ais_error_set(err, AIS_EUSAGE, NULL, 0, 0, "%s",
		    p->root.schema == NULL ? "no profile has been read" :
		    "the profile was read against another rule set");
		return -1;
	}
	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_arena_reset(&res->arena);
		AIS_VEC_FORGET(res->items);
		AIS_VEC_FORGET(res->warnings);
		ais_oom_error(err);
		return -1;
	}
	rc = calc(r, p, o, res, err);
	ais_oom_guard_leave(&g);
	return rc;
}

const struct ais_item *
ais_result_find_item(const struct ais_result *res, const struct ais_program *pg)
{
	size_t i;

	for (i = 0; i < res->items.n; i++)
		if (res->items.v[i].program == pg)
			return &res->items.v[i];
	return NULL;
}
