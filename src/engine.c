/*
 * engine.c: what a profile gets from a rule set, program by program.
 *
 * For each program of the applicant's jurisdictions, in rule-file order:
 * validity on the claim date, the kinds of applicant that may apply, the
 * conditions, then each award (or each list entry of a per-entry award)
 * whose own conditions hold, with its amount.  Awards of one same-project
 * group that fall on one project are then resolved (only the larger is
 * paid), and the program's cap is applied last.  Amounts are fen; the one
 * rounding is ais_dec_round_fen, applied to each product before caps.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

struct ctx {
	const struct ais_rules *r;
	const struct ais_profile *p;
	const struct ais_calc_opts *o;
	struct ais_result *res;
	struct ais_error *err;
	struct ais_eval ev;
	struct ais_item *item;		/* being filled */
	const struct ais_award *award;	/* being evaluated */
	const char *prefix;		/* entry label for reasons, or NULL */
	const char *says;		/* condition being checked, or NULL */
	int kind;			/* index of the applicant's kind */
	/* dates as text: the last few formatted (programs share theirs) */
	ais_date memo_date[4];
	char memo_text[4][11];
	int memo_next;
	struct ais_buf *tmp;		/* a reason being written */
	struct ais_buf *desc;		/* words about a value or list */
	struct ais_buf *label;		/* the list entry being evaluated */
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

/* Writes date d as text into buf, remembering the last four: each
 * program's reasons name the claim date and the program's own. */
static void
date_text(struct ctx *c, ais_date d, char buf[11])
{
	int k;

	for (k = 0; k < 4; k++)
		if (c->memo_text[k][0] && c->memo_date[k] == d) {
			memcpy(buf, c->memo_text[k], 11);
			return;
		}
	ais_date_format(d, buf);
	k = c->memo_next;
	c->memo_next = (k + 1) % 4;
	c->memo_date[k] = d;
	memcpy(c->memo_text[k], buf, 11);
}

/* Adds s[0..n) to the reasons of the item c->item points to (which may
 * be any item: the passes after all programs add to earlier ones). */
static void
add_reason_buf(struct ctx *c, const char *s, size_t n)
{
	struct ais_text *t = AIS_VEC_PUSH(&c->res->arena, c->item->reasons);

	t->p = keep(c, s, n);
	t->len = n;
}

/* Starts a reason in c->tmp: the award and entry it is about. */
static void
reason_start(struct ctx *c)
{
	ais_buf_reset(c->tmp);
	if (c->award && c->item->program->nawards > 1) {
		ais_buf_adds(c->tmp, c->award->label.en);
		ais_buf_add(c->tmp, ": ", 2);
	}
	if (c->prefix) {
		ais_buf_adds(c->tmp, c->prefix);
		ais_buf_add(c->tmp, ": ", 2);
	}
}

/* Adds s[0..n) as a reason, prefixed (no formatting: the hot path). */
static void
reason_text(struct ctx *c, const char *s, size_t n)
{
	if (!c->o->explain)
		return;
	if (!(c->award && c->item->program->nawards > 1) && !c->prefix) {
		add_reason_buf(c, s, n);	/* nothing goes before it */
		return;
	}
	reason_start(c);
	ais_buf_add(c->tmp, s, n);
	add_reason_buf(c, c->tmp->p, c->tmp->len);
}

/* Adds the concatenation of the strings given, up to a NULL, as a
 * reason, prefixed (no formatting: the hot path). */
static void
reason_cat(struct ctx *c, ...)
{
	va_list ap;
	const char *s;

	if (!c->o->explain)
		return;
	reason_start(c);
	va_start(ap, c);
	while ((s = va_arg(ap, const char *)) != NULL)
		ais_buf_adds(c->tmp, s);
	va_end(ap);
	add_reason_buf(c, c->tmp->p, c->tmp->len);
}

static void reason(struct ctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Adds a reason, prefixed by the award and entry it is about. */
static void
reason(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (!c->o->explain)
		return;
	reason_start(c);
	va_start(ap, fmt);
	ais_buf_vaddf(c->tmp, fmt, ap);
	va_end(ap);
	add_reason_buf(c, c->tmp->p, c->tmp->len);
}

static void
trace_line(void *vc, const char *s, size_t n)
{
	struct ctx *c = vc;

	reason_text(c, s, n);
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
	const char *award = c->award ? c->award->label.en : NULL;
	struct ais_used_term *u;
	size_t i;

	if (!c->o->explain)
		return;
	for (i = 0; i < it->terms.n; i++)
		if (it->terms.v[i].version == v &&
		    it->terms.v[i].award == award)
			return;
	u = AIS_VEC_PUSH(&c->res->arena, it->terms);
	memset(u, 0, sizeof *u);
	u->term = name;
	u->award = award;
	u->says = c->says;
	u->version = v;
	u->dated = t->n > 1 || v->from != AIS_DATE_MIN ||
	    v->until != AIS_DATE_MAX;
}

/*
 * Evaluates term t on the claim date.  Returns 1 with *out set, 0 when
 * the term is not in force (a reason says why), or -1 on overflow.
 */
static int
term_eval(struct ctx *c, const struct ais_term *t, const char *name,
	struct ais_value *out)
{
	const struct ais_version *v = ais_term_at(t, c->ev.as_of);
	char d[11], e[11];

	if (!v || v->ended) {
		ais_date_format(c->ev.as_of, d);
		if (v) {
			ais_date_format(v->from, e);
			reason(c, "%s ended on %s, before the claim date %s",
			    name, e, d);
		} else {
			reason(c, "%s is not in force on %s", name, d);
		}
		return 0;
	}
	use_term(c, t, name, v);
	if (ais_expr_eval(v->expr, &c->ev, out) < 0) {
		ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0, "%s: %s",
		    c->item->program->id, c->ev.errmsg);
		snprintf(c->err->path, sizeof c->err->path, "$");
		return -1;
	}
	return 1;
}

/* Appends " (field = value, ...)" for what expression e read. */
static void
describe_into(struct ctx *c, const struct ais_expr *e, struct ais_buf *b)
{
	size_t before;

	ais_buf_adds(b, " (");
	before = b->len;
	ais_expr_describe(e, &c->ev, b);
	if (b->len == before) {
		b->len -= 2;
		b->p[b->len] = '\0';
	} else {
		ais_buf_addc(b, ')');
	}
}

/*
 * Checks conditions; returns 1 when all hold, 0 when one does not (every
 * one is still checked, so that all reasons are given), -1 on overflow.
 */
static int
check_conditions(struct ctx *c, const struct ais_condition *cd, size_t n)
{
	struct ais_buf *b = c->desc;
	int all = 1;
	size_t i;

	const struct ais_trace *saved = c->ev.trace;

	for (i = 0; i < n; i++) {
		struct ais_value v;
		const struct ais_version *ver;
		int r;

		c->ev.trace = NULL;
		c->says = cd[i].says.en;
		r = term_eval(c, &cd[i].test, "condition", &v);
		c->says = NULL;

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
		ais_buf_reset(b);
		ais_buf_adds(b, v.t != AIS_V_BOOL ? "unknown: " :
		    v.u.b ? "met: " : "not met: ");
		ais_buf_adds(b, cd[i].says.en);
		describe_into(c, ver->expr, b);
		reason_text(c, b->p, b->len);
		if (v.t != AIS_V_BOOL || !v.u.b) {
			/* say which entries of its lists failed, and why */
			struct ais_value again;

			c->ev.trace = saved;
			if (saved && ais_expr_eval(ver->expr, &c->ev, &again) < 0)
				return -1;
			c->ev.trace = NULL;
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
	if (ais_dec_round_fen(d, fen) < 0) {
		ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0, "%s: amount too "
		    "large", c->item->program->id);
		snprintf(c->err->path, sizeof c->err->path, "$");
		return -1;
	}
	return 0;
}

/* Evaluates a numeric term into fen; 1, 0 (not in force or not given,
 * with a reason) or -1. */
static int
term_fen(struct ctx *c, const struct ais_term *t, const char *name,
	struct ais_dec *dec, int64_t *fen)
{
	struct ais_value v;
	int r = term_eval(c, t, name, &v);

	if (r <= 0)
		return r;
	if (v.t != AIS_V_NUM) {
		ais_buf_reset(c->desc);
		describe_into(c, ais_term_at(t, c->ev.as_of)->expr, c->desc);
		reason(c, "%s cannot be computed%s", name, c->desc->p);
		return 0;
	}
	if (dec)
		*dec = v.u.n;
	if (fen && money(c, v.u.n, fen) < 0)
		return -1;
	return 1;
}

static void
fen_text(int64_t f, char buf[32])
{
	ais_fen_format(f, buf, 32);
}

/* Computes one award instance; 1 if it applies, 0 if not, -1 on error. */
static int
award_instance(struct ctx *c, const struct ais_award *aw,
	const struct ais_value *entry)
{
	struct ais_part pt;
	struct ais_dec prod;
	char a[32], b[32], d[32];
	int r;

	memset(&pt, 0, sizeof pt);
	pt.award = aw;
	pt.basis = aw->basis;
	r = check_conditions(c, aw->when, aw->nwhen);
	if (r <= 0)
		return r;
	switch (aw->basis) {
	case AIS_BASIS_FORMULA:
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
		    money(c, prod, &pt.raw) < 0) {
			ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0, "%s: "
			    "amount too large", c->item->program->id);
			snprintf(c->err->path, sizeof c->err->path, "$");
			return -1;
		}
		pt.amount = pt.raw;
		if (c->o->explain) {
			ais_dec_format(pt.base, a, sizeof a);
			ais_dec_format_percent(pt.rate, b, sizeof b);
			fen_text(pt.raw, d);
			if (pt.has_rate) {
				ais_buf_reset(c->desc);
				describe_into(c, ais_term_at(&aw->rate,
				    c->ev.as_of)->expr, c->desc);
				reason_cat(c, a, " × ", b, c->desc->p, " = ", d,
				    (char *)NULL);
			} else {
				reason(c, "base %s", a);
			}
		}
		break;
	case AIS_BASIS_FIXED:
		r = term_fen(c, &aw->amount, "amount", NULL, &pt.raw);
		if (r <= 0)
			return r;
		pt.amount = pt.raw;
		if (c->o->explain) {
			fen_text(pt.raw, a);
			reason_cat(c, "fixed award ", a, (char *)NULL);
		}
		break;
	case AIS_BASIS_CEILING:
		r = term_fen(c, &aw->ceiling, "ceiling", NULL, &pt.up_to);
		if (r <= 0)
			return r;
		pt.has_up_to = 1;
		if (c->o->explain) {
			fen_text(pt.up_to, a);
			reason(c, "up to %s after review; the amount is not "
			    "known in advance", a);
		}
		break;
	case AIS_BASIS_UNQUANTIFIED:
		reason_cat(c, "eligible; the policy gives no figure",
		    (char *)NULL);
		break;
	}
	if (aw->basis == AIS_BASIS_FORMULA || aw->basis == AIS_BASIS_FIXED) {
		pt.has_amount = 1;
		pt.has_up_to = 1;
		if (aw->cap.n) {
			r = term_fen(c, &aw->cap, "cap", NULL, &pt.cap);
			if (r < 0)
				return r;
			if (r > 0) {
				pt.has_cap = 1;
				if (pt.amount > pt.cap) {
					pt.amount = pt.cap;
					pt.capped = 1;
					fen_text(pt.cap, a);
					reason_cat(c, "capped at ", a, (char *)NULL);
				}
			}
		}
		pt.up_to = pt.amount;
	}
	ais_buf_reset(c->tmp);
	ais_buf_adds(c->tmp, aw->label.en);
	if (entry) {
		ais_buf_adds(c->tmp, ": ");
		ais_item_label(entry, c->tmp);
	}
	pt.label = keep(c, c->tmp->p, c->tmp->len);
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

static int
eval_award(struct ctx *c, const struct ais_award *aw)
{
	const struct ais_value *list;
	struct ais_buf *lb = c->label;
	size_t i;
	int r, any = 0;

	c->award = aw;
	if (!ais_in_force(aw->from, aw->until, c->ev.as_of)) {
		c->award = NULL;
		return 0;
	}
	if (!aw->each) {
		r = award_instance(c, aw, NULL);
		c->award = NULL;
		return r;
	}
	list = &c->p->root.v[aw->each - ais_profile_schema.fields];
	for (i = 0; list->t == AIS_V_LIST && i < list->u.list->n; i++) {
		const struct ais_value *e = &list->u.list->items[i];

		c->ev.item = e;
		ais_buf_reset(lb);
		ais_item_label(e, lb);
		if (aw->where) {
			struct ais_value v;

			if (ais_expr_eval(aw->where, &c->ev, &v) < 0) {
				r = -1;
				goto out;
			}
			if (v.t != AIS_V_BOOL || !v.u.b) {
				if (c->o->explain) {
					struct ais_buf *b = c->desc;

					ais_buf_reset(b);
					ais_expr_describe(aw->where, &c->ev, b);
					reason_cat(c, "not counted: ", lb->p,
					    " (needs ", ais_expr_text(aw->where),
					    b->len ? "; " : "", b->p, ")",
					    (char *)NULL);
				}
				continue;
			}
		}
		c->prefix = lb->p;
		r = award_instance(c, aw, e);
		c->prefix = NULL;
		if (r < 0)
			goto out;
		any |= r;
	}
	if (c->o->explain && (list->t != AIS_V_LIST || list->u.list->n == 0))
		reason_cat(c, "no entries in ", aw->each->name, (char *)NULL);
	r = any;
out:
	c->ev.item = NULL;
	c->prefix = NULL;
	c->award = NULL;
	return r;
}

static int
applicant_kind(const struct ais_profile *p)
{
	const struct ais_field *kf = &ais_profile_schema.fields[AIS_P_KIND];
	const struct ais_value *v = &p->root.v[AIS_P_KIND];

	if (v->t != AIS_V_STR)
		return -1;
	return ais_enum_find(kf->enums, v->u.s.p, v->u.s.len);
}

static int
eval_program(struct ctx *c, const struct ais_program *pg)
{
	struct ais_item *it = c->item;
	const struct ais_field *kf;
	char a[11], b[11], d[11];
	int kind, r, ok = 1;
	size_t i;

	memset(it, 0, sizeof *it);
	it->program = pg;
	if (c->o->explain)
		date_text(c, c->ev.as_of, d);
	if (!ais_in_force(pg->valid_from, pg->valid_until, c->ev.as_of)) {
		ok = 0;
		if (!c->o->explain)
			return 0;
		date_text(c, pg->valid_from, a);
		date_text(c, pg->valid_until, b);
		if (c->ev.as_of < pg->valid_from)
			reason(c, "not in force: the claim date %s is before "
			    "%s, when %s took effect", d, a, pg->document->id);
		else
			reason(c, "not in force: the claim date %s is after "
			    "%s, when %s expired", d, b, pg->document->id);
	} else if (c->o->explain) {
		/* every program says this: written without printf */
		ais_buf_reset(c->tmp);
		ais_buf_add(c->tmp, "in force: the claim date ", 25);
		ais_buf_add(c->tmp, d, 10);
		if (pg->valid_until == AIS_DATE_MAX) {
			ais_buf_add(c->tmp, " is on or after ", 16);
			if (pg->valid_from == AIS_DATE_MIN) {
				ais_buf_adds(c->tmp, "its start");
			} else {
				date_text(c, pg->valid_from, a);
				ais_buf_add(c->tmp, a, 10);
			}
		} else {
			date_text(c, pg->valid_from, a);
			date_text(c, pg->valid_until, b);
			ais_buf_add(c->tmp, " is within ", 11);
			ais_buf_add(c->tmp, a, 10);
			ais_buf_add(c->tmp, " to ", 4);
			ais_buf_add(c->tmp, b, 10);
		}
		add_reason_buf(c, c->tmp->p, c->tmp->len);
	}
	kind = c->kind;
	kf = &ais_profile_schema.fields[AIS_P_KIND];
	if (!pg->any_applicant) {
		int may = kind >= 0 && (pg->applicants & (1u << kind));

		if (c->o->explain) {
			reason_cat(c, may ? "met" : "not met", ": kind = \"",
			    kind >= 0 ? kf->enums[kind] : "", "\" (may apply: ",
			    pg->applicants_text, ")", (char *)NULL);
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
		/* ineligible: awards are not computed, but say so */
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
		reason_cat(c, "no award of this program applies", (char *)NULL);
		return 0;
	}
	it->eligible = 1;
	return 1;
}

/* Adds up the parts not set aside, then the program cap. */
static int
finish_item(struct ctx *c, struct ais_item *it)
{
	const struct ais_program *pg = it->program;
	size_t i;
	int first = 1;
	char a[32];

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
				goto overflow;
		}
		if (pt->has_up_to) {
			it->has_up_to = 1;
			if (ais_fen_add(it->sum_up_to, pt->up_to,
			    &it->sum_up_to) < 0)
				goto overflow;
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
		r = term_fen(c, &pg->cap, "cap", NULL, &cap);
		if (r < 0)
			return -1;
		if (r > 0) {
			it->has_cap = 1;
			it->cap = cap;
			if (it->amount > cap || it->up_to > cap) {
				it->capped = 1;
				fen_text(cap, a);
				reason(c, "the program pays at most %s per "
				    "applicant: capped", a);
			}
			if (it->amount > cap)
				it->amount = cap;
			if (it->up_to > cap)
				it->up_to = cap;
		}
	}
	return 0;
overflow:
	ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0, "%s: amount too large",
	    pg->id);
	snprintf(c->err->path, sizeof c->err->path, "$");
	return -1;
}

/* The larger of two parts, by amount, or by up_to for ceilings. */
static int64_t
part_weight(const struct ais_part *p)
{
	return p->has_amount ? p->amount : p->has_up_to ? p->up_to : 0;
}

/*
 * Same project once: among the parts of programs of one group that carry
 * the same project key, only the largest is paid (the first on a tie).
 */
static void
resolve_same_project(struct ctx *c)
{
	struct ais_result *res = c->res;
	size_t i, j, pi, pj;
	char a[32], b[32];

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
					struct ais_item *lose_item, *win_item;

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
					win_item = best_item;
					fen_text(part_weight(lose), a);
					fen_text(part_weight(best), b);
					ais_buf_reset(c->tmp);
					ais_buf_addf(c->tmp, "set aside: %s "
					    "(%s) and %s%s%s (%s) fall on the "
					    "same project; only the larger is "
					    "paid (%s)", lose->label, a,
					    win_item != lose_item ?
					    win_item->program->id : "",
					    win_item != lose_item ? " " : "",
					    best->label, b,
					    lose_item->program->same_project);
					lose->set_aside = keep(c, c->tmp->p,
					    c->tmp->len);
					c->item = lose_item;
					c->award = NULL;
					reason_text(c, lose->set_aside,
					    strlen(lose->set_aside));
				}
			}
		}
	}
}

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
			ais_error_set(c->err, AIS_EPROFILE, NULL, 0, 0,
			    "\"%.*s\" contradicts the city \"%s\", which is in "
			    "%s", (int)prov->u.s.len, prov->u.s.p, j->id,
			    j->parent_id ? j->parent_id : "no province");
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
			    "rules; only the programs of %s apply",
			    (int)city->u.s.len, city->u.s.p, j->id);
			add_warning(c, c->tmp->p);
		}
	}
	if (!j) {
		ais_buf_reset(c->tmp);
		if (city->t == AIS_V_STR)
			ais_buf_addf(c->tmp, "$.city: no rules for \"%.*s\"; "
			    "no program applies", (int)city->u.s.len,
			    city->u.s.p);
		else
			ais_buf_adds(c->tmp, "$.city: not given; no program "
			    "applies (give a city, or --jurisdiction)");
		add_warning(c, c->tmp->p);
		return 0;
	}
	add_place(c, in, j);
	return 0;
}

int
ais_calc(const struct ais_rules *r, const struct ais_profile *p,
	const struct ais_calc_opts *o, struct ais_result *res,
	struct ais_error *err)
{
	struct places in = {AIS_VEC_INIT};
	struct ais_trace trace;
	struct ctx c;
	size_t i, k, n;
	int rc = -1;

	ais_arena_reset(&res->arena);
	AIS_VEC_FORGET(res->items);
	AIS_VEC_FORGET(res->warnings);
	res->total_amount = res->total_up_to = 0;
	res->total_unquantified = 0;
	res->profile = p;
	res->digest = r->digest;
	res->as_of = p->has_as_of ? p->as_of : o->as_of;

	memset(&c, 0, sizeof c);
	c.r = r;
	c.p = p;
	c.o = o;
	c.res = res;
	c.err = err;
	c.tmp = &res->scratch[0];
	c.desc = &res->scratch[1];
	c.label = &res->scratch[2];
	for (i = 0; i < AIS_NSCRATCH; i++) {
		/* empty, NUL-terminated text even when nothing is added */
		ais_buf_add(&res->scratch[i], "", 0);
		ais_buf_reset(&res->scratch[i]);
	}
	c.ev.root = &p->root;
	c.ev.as_of = res->as_of;
	trace.line = trace_line;
	trace.ctx = &c;
	c.ev.trace = o->explain ? &trace : NULL;
	c.kind = applicant_kind(p);

	for (i = 0; i < p->warnings.n; i++)
		add_warning(&c, p->warnings.v[i]);
	if (locate(&c, &in) < 0)
		goto out;
	/* programs in rule-file order, of the jurisdictions the applicant
	 * is in */
	n = 0;
	for (i = 0; i < r->nj; i++)
		for (k = 0; k < in.v.n; k++)
			if (in.v.v[k] == &r->j[i])
				n += r->j[i].nprograms;
	/* room for every item at once: the passes below keep pointers to
	 * items, which must not move; each item is cleared when its program
	 * is evaluated */
	AIS_VEC_RESERVE(&res->arena, res->items, n);
	for (i = 0; i < r->nj; i++) {
		size_t q;

		for (k = 0; k < in.v.n; k++)
			if (in.v.v[k] == &r->j[i])
				break;
		if (k == in.v.n)
			continue;
		for (q = 0; q < r->j[i].nprograms; q++) {
			c.item = AIS_VEC_PUSH(&res->arena, res->items);
			if (eval_program(&c, &r->j[i].programs[q]) < 0)
				goto out;
		}
	}
	resolve_same_project(&c);
	for (i = 0; i < res->items.n; i++) {
		struct ais_item *it = &res->items.v[i];

		c.item = it;
		if (!it->eligible) {
			it->amount = it->up_to = 0;
			it->has_amount = it->has_up_to = 1;
			continue;
		}
		if (finish_item(&c, it) < 0)
			goto out;
		if (it->has_amount && ais_fen_add(res->total_amount, it->amount,
		    &res->total_amount) < 0)
			goto overflow;
		if (it->has_up_to && ais_fen_add(res->total_up_to, it->up_to,
		    &res->total_up_to) < 0)
			goto overflow;
		if (!it->has_amount && !it->has_up_to)
			res->total_unquantified++;
	}
	rc = 0;
	goto out;
overflow:
	ais_error_set(err, AIS_EPROFILE, NULL, 0, 0, "total amount too large");
	snprintf(err->path, sizeof err->path, "$");
out:
	return rc;
}
