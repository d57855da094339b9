/*
 * qualify.c: the smallest verified change to a profile that makes an item
 * eligible or raises it (docs/what-if.md).
 *
 * Candidates come from the record only: each check not met, and in it
 * each comparison with one side a plain field of the profile (a path of
 * the contract to a value that is not a list or an object: as_of,
 * revenue.ai_share, returnee_startup.tier) and the other side a value;
 * the field is proposed at that value (the next one past it for < and >:
 * 1 for an integer, 0.01 yuan for an amount, 0.0001 for a ratio, a day
 * for a date), and each truth value it read the other way round.  Each
 * candidate is spliced into the profile's text, read and evaluated again
 * (the item's program alone, unless it shares a same-project group); the
 * one-field change that works and moves its field least (relative to its
 * value) wins; else the changes of every check not met together, pruned
 * one by one while the item stays eligible.  No change touches who the
 * applicant is or where (id, name, kind, city, province), and as_of only
 * moves forward.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "narrate.h"
#include "qualify.h"
#include "whatif.h"

#define EN(lang) ((lang) == AIS_LANG_EN)

/* At most this many candidates per item, and changes in one answer. */
#define MAX_CANDIDATES 24
#define MAX_CHANGES 8

/* How a candidate ranks: by class, then by measure within it. */
enum rank_class {
	RANK_RELATIVE,		/* a number given: |to - from| / |from| */
	RANK_DAYS,		/* a date moved forward by days */
	RANK_OTHER,		/* a truth value, an enum, a list */
	RANK_ABSOLUTE		/* a number not given (or 0): |to| */
};

struct cand {
	size_t path_off;	/* in q->names, NUL-terminated */
	size_t path_len;
	const struct ais_field *field;
	size_t to_off, to_len;	/* in q->texts */
	size_t from_off, from_len;	/* in q->texts; from_len 0: absent */
	int has_from;
	size_t step;		/* the record's step it came from */
	enum rank_class cls;
	struct ais_dec num, den;	/* RELATIVE: num / den; others: num */
};

struct ais_qualifier {
	struct ais_profile vp;		/* the changed profile */
	struct ais_result vr;		/* its result */
	struct ais_result rec;		/* a record, when res has none */
	struct ais_buf text[2];		/* the changed text */
	struct ais_buf texts;		/* the candidates' from/to */
	struct ais_buf names;		/* the candidates' paths */
	struct ais_buf say;		/* a line being written */
	AIS_VEC(struct cand) c;		/* on the heap */
};

struct ais_qualifier *
ais_qualifier_new(void)
{
	struct ais_qualifier *q = ais_xcalloc(1, sizeof *q);

	if (!q)
		return NULL;
	ais_profile_init(&q->vp);
	ais_result_init(&q->vr);
	ais_result_init(&q->rec);
	return q;
}

void
ais_qualifier_free(struct ais_qualifier *q)
{
	if (!q)
		return;
	ais_profile_release(&q->vp);
	ais_result_release(&q->vr);
	ais_result_release(&q->rec);
	ais_buf_release(&q->text[0]);
	ais_buf_release(&q->text[1]);
	ais_buf_release(&q->texts);
	ais_buf_release(&q->names);
	ais_buf_release(&q->say);
	AIS_VEC_FREE(q->c);
	free(q);
}

/* What one evaluation of a changed profile gave for the item. */
struct outcome {
	int ok;			/* read and evaluated */
	int eligible;
	enum ais_basis basis;
	int has_amount, has_up_to;
	int64_t amount, up_to;
};

/* The field of the contract at path[0..n) ("revenue.ai_share"), or NULL
 * when there is none or it says who or where the applicant is. */
static const struct ais_field *
field_at(const struct ais_schema *s, const char *path, size_t n)
{
	const struct ais_field *f = NULL;
	size_t a = 0, i;

	if (n >= 5 && memcmp(path, "item.", 5) == 0)
		return NULL;
	for (i = 0; i <= n; i++) {
		int k;

		if (i < n && path[i] != '.')
			continue;
		if (!s)
			return NULL;
		k = ais_schema_find(s, path + a, i - a);
		if (k < 0)
			return NULL;
		if (s->name && strcmp(s->name, "profile") == 0 &&
		    a == 0 && (k == AIS_P_ID || k == AIS_P_NAME ||
		    k == AIS_P_KIND || k == AIS_P_CITY || k == AIS_P_PROVINCE))
			return NULL;
		f = &s->fields[k];
		s = f->type == AIS_F_OBJECT ? f->sub : NULL;
		a = i + 1;
	}
	return f;
}

/* field_at when the field is a plain value (no list, no object). */
static const struct ais_field *
plain_field(const struct ais_schema *s, const char *path, size_t n)
{
	const struct ais_field *f = field_at(s, path, n);

	if (!f || f->type == AIS_F_OBJECT || f->type == AIS_F_LIST ||
	    f->type == AIS_F_ENUMLIST)
		return NULL;
	return f;
}

/* field_at when the field is a list of enums (honors). */
static const struct ais_field *
plain_field_list(const struct ais_schema *s, const char *path, size_t n)
{
	const struct ais_field *f = field_at(s, path, n);

	return f && f->type == AIS_F_ENUMLIST ? f : NULL;
}

/* Whether the side text t[0..n) is a path the step read (or as_of). */
static int
is_read(const struct ais_step *s, const char *t, size_t n)
{
	size_t i;

	if (n == 5 && memcmp(t, "as_of", 5) == 0)
		return 1;
	for (i = 0; i < s->nreads; i++)
		if (s->reads[i].len == n && memcmp(s->reads[i].field, t, n) == 0)
			return 1;
	return 0;
}

/* The read of path t[0..n) in step s, or NULL. */
static const struct ais_read *
find_read(const struct ais_step *s, const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < s->nreads; i++)
		if (s->reads[i].len == n && memcmp(s->reads[i].field, t, n) == 0)
			return &s->reads[i];
	return NULL;
}

/* The smallest step of a field's type. */
static struct ais_dec
unit_of(const struct ais_field *f)
{
	if (f->type == AIS_F_AMOUNT)
		return ais_dec_make(1, 2);
	if (f->type == AIS_F_RATIO)
		return ais_dec_make(1, 4);
	return ais_dec_make(1, 0);
}

/* |a| */
static struct ais_dec
dec_abs(struct ais_dec a)
{
	if (ais_dec_is_neg(a))
		a.m = -a.m;
	return a;
}

/* Adds a candidate: field f at path[0..n) to the JSON text to[0..tn). */
static void
add_cand(struct ais_qualifier *q, const char *json, size_t len,
	const char *path, size_t n, const struct ais_field *f,
	const char *to, size_t tn, size_t step, const struct ais_value *from)
{
	struct cand *c;
	size_t i, off, vl;

	if (q->c.n >= MAX_CANDIDATES)
		return;
	for (i = 0; i < q->c.n; i++)	/* the same change once */
		if (q->c.v[i].path_len == n && memcmp(q->names.p +
		    q->c.v[i].path_off, path, n) == 0 &&
		    q->c.v[i].to_len == tn && memcmp(q->texts.p +
		    q->c.v[i].to_off, to, tn) == 0)
			return;
	c = AIS_VEC_PUSH(NULL, q->c);
	memset(c, 0, sizeof *c);
	c->path_off = q->names.len;
	ais_buf_add(&q->names, path, n);
	ais_buf_addc(&q->names, '\0');
	c->path_len = n;
	c->field = f;
	c->step = step;
	c->to_off = q->texts.len;
	ais_buf_add(&q->texts, to, tn);
	c->to_len = tn;
	c->from_off = q->texts.len;
	if (ais_json_find(json, len, path, n, &off, &vl)) {
		ais_json_minify(json + off, vl, &q->texts);
		c->has_from = 1;
	}
	c->from_len = q->texts.len - c->from_off;
	/* the rank */
	c->cls = RANK_OTHER;
	if (f->type == AIS_F_DATE && from && from->t == AIS_V_DATE) {
		ais_date d;

		c->cls = RANK_DAYS;
		c->num = ais_dec_make(0, 0);
		if (tn == 12 && ais_date_parse(to + 1, 10, &d) == 0)
			c->num = ais_dec_make((int64_t)d - from->u.d, 0);
	} else if (f->type == AIS_F_AMOUNT || f->type == AIS_F_RATIO ||
	    f->type == AIS_F_INT) {
		struct ais_dec t;

		if (ais_dec_parse(to, tn, &t) < 0)
			t = ais_dec_make(0, 0);
		if (from && from->t == AIS_V_NUM && !ais_dec_is_zero(from->u.n)) {
			c->cls = RANK_RELATIVE;
			if (ais_dec_sub(t, from->u.n, &c->num) < 0)
				c->num = ais_dec_make(INT64_MAX, 0);
			c->num = dec_abs(c->num);
			c->den = dec_abs(from->u.n);
		} else {
			c->cls = RANK_ABSOLUTE;
			c->num = dec_abs(t);
		}
	}
}

/* Whether candidate a ranks before b (the smaller change). */
static int
rank_before(const struct cand *a, const struct cand *b)
{
	struct ais_dec x, y;

	if (a->cls != b->cls)
		return a->cls < b->cls;
	switch (a->cls) {
	case RANK_RELATIVE:
		/* a.num / a.den < b.num / b.den, cross-multiplied */
		if (ais_dec_mul(a->num, b->den, &x) == 0 &&
		    ais_dec_mul(b->num, a->den, &y) == 0)
			return ais_dec_cmp(x, y) < 0;
		return ais_dec_cmp(a->num, b->num) < 0;
	case RANK_DAYS:
	case RANK_ABSOLUTE:
		return ais_dec_cmp(a->num, b->num) < 0;
	default:
		return 0;
	}
}

/* The JSON text of the target value for field f, from v moved by op:
 * ">" one step up, "<" one step down.  0 when there is none. */
static size_t
target_text(const struct ais_field *f, const struct ais_value *v,
	const char *op, int field_left, const struct ais_value *cur,
	char *buf, size_t n)
{
	int up = 0, down = 0;
	struct ais_dec d;

	/* the operator with the field on the left */
	if (strcmp(op, ">") == 0)
		field_left ? (up = 1) : (down = 1);
	else if (strcmp(op, "<") == 0)
		field_left ? (down = 1) : (up = 1);
	else if (strcmp(op, "!=") == 0 || strcmp(op, "in") == 0 ||
	    strcmp(op, "not in") == 0)
		return 0;
	switch (f->type) {
	case AIS_F_DATE: {
		ais_date day;

		if (v->t != AIS_V_DATE)
			return 0;
		day = v->u.d + (up ? 1 : 0) - (down ? 1 : 0);
		/* the claim date only forward: "from DATE" */
		if (cur && cur->t == AIS_V_DATE && day <= cur->u.d)
			return 0;
		if (n < 13)
			return 0;
		buf[0] = '"';
		ais_date_format(day, buf + 1);
		buf[11] = '"';
		buf[12] = '\0';
		return 12;
	}
	case AIS_F_AMOUNT:
	case AIS_F_RATIO:
	case AIS_F_INT:
		if (v->t != AIS_V_NUM)
			return 0;
		d = v->u.n;
		if (up && ais_dec_add(d, unit_of(f), &d) < 0)
			return 0;
		if (down && ais_dec_sub(d, unit_of(f), &d) < 0)
			return 0;
		if (ais_dec_is_neg(d))
			return 0;
		if (f->type == AIS_F_AMOUNT && ais_dec_places(d) > 2)
			return 0;
		if (f->type == AIS_F_RATIO && ais_dec_cmp(d,
		    ais_dec_make(1, 0)) > 0)
			return 0;
		if (f->type == AIS_F_INT) {
			int64_t k;

			if (!ais_dec_to_int(d, &k) || k < f->min || k > f->max)
				return 0;
		}
		return ais_dec_format(d, buf, n);
	case AIS_F_BOOL:
		if (v->t != AIS_V_BOOL || up || down)
			return 0;
		return (size_t)snprintf(buf, n, "%s", v->u.b ? "true" : "false");
	case AIS_F_ENUM:
	case AIS_F_STRING:
		if (v->t != AIS_V_STR || up || down || v->u.s.len + 3 > n)
			return 0;
		{
			size_t k;

			/* a plain string only (the enums are): nothing to
			 * escape, no buffer to allocate */
			for (k = 0; k < v->u.s.len; k++)
				if (v->u.s.p[k] == '"' || v->u.s.p[k] == '\\' ||
				    (unsigned char)v->u.s.p[k] < 0x20)
					return 0;
			buf[0] = '"';
			memcpy(buf + 1, v->u.s.p, v->u.s.len);
			buf[v->u.s.len + 1] = '"';
			buf[v->u.s.len + 2] = '\0';
			return v->u.s.len + 2;
		}
	default:
		return 0;
	}
}

/* The first string of a list literal t[0..n) ('["a", "b"]'), as JSON. */
static size_t
first_of_list(const char *t, size_t n, const char **s)
{
	size_t i = 0, e;

	while (i < n && t[i] != '"')
		i++;
	if (i >= n || t[0] != '[')
		return 0;
	e = i + 1;
	while (e < n && t[e] != '"' && t[e] != '\\')
		e++;
	if (e >= n || t[e] != '"')
		return 0;
	*s = t + i;
	return e + 1 - i;
}

/* The candidates of the check at step k of it. */
static void
step_cands(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, const struct ais_step *s, size_t k,
	ais_date as_of)
{
	struct ais_value cur_as_of;
	const struct ais_schema *root = r->schema;
	char buf[64];
	size_t i;

	cur_as_of.t = AIS_V_DATE;
	cur_as_of.u.d = as_of;
	for (i = 0; i < s->ncmps; i++) {
		const struct ais_cmp *cm = &s->cmps[i];
		const struct ais_field *f = NULL;
		const struct ais_read *rd;
		const char *path;
		size_t pn, tn = 0;
		int left;

		if (cm->holds == 1)
			continue;
		left = is_read(s, cm->left, cm->left_len) &&
		    (f = plain_field(root, cm->left, cm->left_len)) != NULL;
		if (left && is_read(s, cm->right, cm->right_len) &&
		    plain_field(root, cm->right, cm->right_len))
			continue;	/* two fields: no one value to take */
		if (left) {
			path = cm->left;
			pn = cm->left_len;
			if (strcmp(cm->op, "in") == 0) {
				const char *lit;

				if (f->type != AIS_F_ENUM &&
				    f->type != AIS_F_STRING)
					continue;
				tn = first_of_list(cm->right, cm->right_len,
				    &lit);
				if (tn && tn < sizeof buf) {
					memcpy(buf, lit, tn);
					buf[tn] = '\0';
				} else {
					tn = 0;
				}
			} else {
				rd = find_read(s, path, pn);
				tn = target_text(f, &cm->right_value, cm->op, 1,
				    rd ? &rd->value : f == &root->fields[
				    AIS_P_AS_OF] ? &cur_as_of : NULL, buf,
				    sizeof buf);
			}
		} else if (is_read(s, cm->right, cm->right_len) &&
		    (f = plain_field(root, cm->right, cm->right_len)) != NULL) {
			path = cm->right;
			pn = cm->right_len;
			rd = find_read(s, path, pn);
			tn = target_text(f, &cm->left_value, cm->op, 0,
			    rd ? &rd->value : f == &root->fields[AIS_P_AS_OF] ?
			    &cur_as_of : NULL, buf, sizeof buf);
		} else if (strcmp(cm->op, "in") == 0 &&
		    cm->left_value.t == AIS_V_STR &&
		    (rd = find_read(s, cm->right, cm->right_len)) != NULL &&
		    rd->value.t == AIS_V_LIST) {
			/* "value" in an enum list: the list with it added
			 * (written in q->say, free while candidates are
			 * gathered) */
			const struct ais_field *lf;
			struct ais_buf *b = &q->say;
			size_t e;

			lf = plain_field_list(root, cm->right, cm->right_len);
			if (!lf)
				continue;
			ais_buf_reset(b);
			ais_buf_addc(b, '[');
			for (e = 0; e < rd->value.u.list->n; e++) {
				const struct ais_value *it =
				    &rd->value.u.list->items[e];

				if (it->t != AIS_V_STR)
					continue;
				ais_buf_add_json_str(b, it->u.s.p,
				    it->u.s.len);
				ais_buf_addc(b, ',');
			}
			ais_buf_add_json_str(b, cm->left_value.u.s.p,
			    cm->left_value.u.s.len);
			ais_buf_addc(b, ']');
			add_cand(q, json, len, cm->right, cm->right_len, lf,
			    b->p, b->len, k, NULL);
			continue;
		} else {
			continue;
		}
		if (tn == 0)
			continue;
		rd = find_read(s, path, pn);
		add_cand(q, json, len, path, pn, f, buf, tn, k,
		    rd ? &rd->value : f == &root->fields[AIS_P_AS_OF] ?
		    &cur_as_of : NULL);
	}
	/* each truth value read, the other way round */
	for (i = 0; i < s->nreads; i++) {
		const struct ais_read *rd = &s->reads[i];
		const struct ais_field *f = plain_field(root, rd->field,
		    rd->len);
		const char *to;

		if (!f || f->type != AIS_F_BOOL)
			continue;
		to = rd->value.t == AIS_V_BOOL && rd->value.u.b ? "false" :
		    "true";
		add_cand(q, json, len, rd->field, rd->len, f, to, strlen(to),
		    k, &rd->value);
	}
}

/* Splices changes c[ix[0..n)] into json, reads and evaluates it for
 * program pg; *out says what the item then is. */
static int
verify_as(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, const size_t *ix, size_t n,
	const struct ais_program *pg, const struct ais_calc_opts *o,
	int explain, struct outcome *out)
{
	struct ais_calc_opts vo = *o;
	struct ais_error e;
	const char *s = json;
	size_t sl = len, k;

	memset(out, 0, sizeof *out);
	e.file[0] = e.path[0] = e.msg[0] = '\0';
	for (k = 0; k < n; k++) {
		const struct cand *c = &q->c.v[ix[k]];
		struct ais_buf *t = &q->text[k & 1];

		ais_buf_reset(t);
		ais_buf_add(t, "", 0);
		if (ais_json_splice(s, sl, q->names.p + c->path_off,
		    c->path_len, q->texts.p + c->to_off, c->to_len, t, &e) < 0)
			return 0;
		s = t->p;
		sl = t->len;
	}
	if (ais_profile_read(&q->vp, r, s, sl, &e) < 0) {
		if (e.status == AIS_ENOMEM)
			ais_oom();
		return 0;
	}
	vo.explain = explain;
	vo.only_program = pg->same_project ? NULL : pg->id;
	if (ais_calc(r, &q->vp, &vo, &q->vr, &e) < 0) {
		if (e.status == AIS_ENOMEM)
			ais_oom();
		return 0;
	}
	for (k = 0; k < q->vr.items.n; k++) {
		const struct ais_item *it = &q->vr.items.v[k];

		if (it->program != pg)
			continue;
		out->ok = 1;
		out->eligible = it->eligible;
		out->basis = it->basis;
		out->has_amount = it->has_amount;
		out->has_up_to = it->has_up_to;
		out->amount = it->amount;
		out->up_to = it->up_to;
		return 1;
	}
	return 0;
}

/* verify_as with no record: the figures only. */
static int
verify(struct ais_qualifier *q, const struct ais_rules *r, const char *json,
	size_t len, const size_t *ix, size_t n, const struct ais_program *pg,
	const struct ais_calc_opts *o, struct outcome *out)
{
	return verify_as(q, r, json, len, ix, n, pg, o, 0, out);
}

/* The item of pg in the last verification's result, or NULL. */
static const struct ais_item *
verified_item(const struct ais_qualifier *q, const struct ais_program *pg)
{
	return ais_result_find_item(&q->vr, pg);
}

/* Whether outcome v answers for item it: eligible when it is not, or
 * paying more when it is. */
static int
answers(const struct ais_item *it, const struct outcome *v)
{
	if (!v->ok || !v->eligible)
		return 0;
	if (!it->eligible)
		return 1;
	if (v->has_amount && it->has_amount && v->amount > it->amount)
		return 1;
	if (v->has_up_to && it->has_up_to && v->up_to > it->up_to &&
	    !(v->has_amount && it->has_amount && v->amount < it->amount))
		return 1;
	return 0;
}

/* Whether award aw has a part paid in it. */
static int
award_paid(const struct ais_item *it, const struct ais_award *aw)
{
	size_t i;

	for (i = 0; i < it->parts.n; i++)
		if (it->parts.v[i].award == aw && !it->parts.v[i].set_aside)
			return 1;
	return 0;
}

/* Appends a value of field f as the says line gives it: JSON text t[0..n)
 * (n 0: not given). */
static void
say_value(const struct ais_field *f, const char *t, size_t n,
	enum ais_lang lang, struct ais_buf *b)
{
	struct ais_dec d;
	char tmp[40];

	if (n == 0 || (n == 4 && memcmp(t, "null", 4) == 0)) {
		ais_buf_adds(b, EN(lang) ? "not given" : "未提供");
		return;
	}
	if (f->type == AIS_F_AMOUNT && ais_dec_parse(t, n, &d) == 0) {
		int64_t fen;

		if (ais_dec_places(d) <= 2 && ais_dec_round_fen(d, &fen) == 0) {
			ais_fen_narrate(fen, lang, b);
			return;
		}
	}
	if (f->type == AIS_F_RATIO && ais_dec_parse(t, n, &d) == 0) {
		ais_buf_add(b, tmp, ais_dec_format_percent(d, tmp, sizeof tmp));
		return;
	}
	if (f->type == AIS_F_DATE && n == 12 && t[0] == '"') {
		ais_buf_add(b, t + 1, 10);
		return;
	}
	if (f->type == AIS_F_BOOL && !EN(lang)) {
		ais_buf_adds(b, n == 4 && memcmp(t, "true", 4) == 0 ? "是" :
		    "否");
		return;
	}
	ais_buf_add(b, t, n);
}

/* Appends what the item would then pay: ": 100000", ": up to 3000000",
 * nothing for no figure; for an eligible item, "would pay X (now Y)". */
static void
say_figure(const struct ais_item *it, const struct outcome *v,
	enum ais_lang lang, struct ais_buf *b)
{
	int has = v->has_amount || v->has_up_to;
	int64_t x = v->has_amount ? v->amount : v->up_to;
	int64_t now = it->has_amount ? it->amount : it->up_to;
	int ceiling = !v->has_amount && v->has_up_to;

	if (!it->eligible) {
		ais_buf_adds(b, EN(lang) ? " would qualify" : "即可符合条件");
		if (!has)
			return;
		ais_buf_adds(b, EN(lang) ? ": " : "：");
		if (ceiling)
			ais_buf_adds(b, EN(lang) ? "up to " : "最高");
		ais_fen_narrate(x, lang, b);
		return;
	}
	ais_buf_adds(b, EN(lang) ? " would pay " : "即可获得");
	if (ceiling)
		ais_buf_adds(b, EN(lang) ? "up to " : "最高");
	ais_fen_narrate(x, lang, b);
	ais_buf_adds(b, EN(lang) ? " (now " : "（现为");
	ais_fen_narrate(now, lang, b);
	ais_buf_adds(b, EN(lang) ? ")" : "）");
}

/* For a list of enums, the value a change adds (its last, quotes
 * included): its length, or 0 for any other field. */
static size_t
added(const struct ais_qualifier *q, const struct cand *c, const char **s)
{
	const char *t = q->texts.p + c->to_off;
	size_t e = c->to_len, a;

	if (c->field->type != AIS_F_ENUMLIST || e < 4 || t[e - 2] != '"')
		return 0;
	a = e - 3;
	while (a > 0 && t[a] != '"')
		a--;
	*s = t + a;
	return e - 1 - a;
}

/* The says line of changes c[ix[0..n)] for item it, in lang. */
static void
say_change(struct ais_qualifier *q, const struct ais_item *it,
	const size_t *ix, size_t n, const struct outcome *v, ais_date as_of,
	enum ais_lang lang, struct ais_buf *b)
{
	size_t k;

	ais_buf_reset(b);
	ais_buf_add(b, "", 0);
	if (n == 1 && q->c.v[ix[0]].path_len == 5 &&
	    memcmp(q->names.p + q->c.v[ix[0]].path_off, "as_of", 5) == 0) {
		const struct cand *c = &q->c.v[ix[0]];
		char d[11];
		ais_date to;

		ais_date_format(as_of, d);
		if (ais_date_parse(q->texts.p + c->to_off + 1, 10, &to) < 0)
			to = as_of;
		if (EN(lang))
			ais_buf_addf(b, "claim date %s; from %.10s (in %ld "
			    "days) it", d, q->texts.p + c->to_off + 1,
			    (long)(to - as_of));
		else
			ais_buf_addf(b, "申报日为%s；自%.10s起（%ld天后）", d,
			    q->texts.p + c->to_off + 1, (long)(to - as_of));
		say_figure(it, v, lang, b);
		return;
	}
	for (k = 0; k < n; k++) {
		const struct cand *c = &q->c.v[ix[k]];
		const char *add;
		size_t an = added(q, c, &add);

		if (k)
			ais_buf_adds(b, EN(lang) ? ", " : "，");
		ais_buf_add(b, q->names.p + c->path_off, c->path_len);
		if (an) {
			ais_buf_adds(b, EN(lang) ? " without " : "未含");
			ais_buf_add(b, add, an);
			continue;
		}
		if (EN(lang))
			ais_buf_addc(b, ' ');
		else if (c->has_from)
			ais_buf_adds(b, "为");
		say_value(c->field, q->texts.p + c->from_off, c->from_len,
		    lang, b);
	}
	ais_buf_adds(b, EN(lang) ? "; " : "；");
	for (k = 0; k < n; k++) {
		const struct cand *c = &q->c.v[ix[k]];
		const char *add;
		size_t an = added(q, c, &add);

		if (k)
			ais_buf_adds(b, EN(lang) ? " and " : "且");
		if (n > 1)
			ais_buf_add(b, q->names.p + c->path_off, c->path_len);
		if (an) {
			ais_buf_adds(b, EN(lang) ? n > 1 ? " with " : "with " :
			    "加入");
			ais_buf_add(b, add, an);
			continue;
		}
		ais_buf_adds(b, EN(lang) ? n > 1 ? " " : "" : "改为");
		say_value(c->field, q->texts.p + c->to_off, c->to_len, lang,
		    b);
	}
	say_figure(it, v, lang, b);
}

/* The suffix of an uncheckable condition's line, by language. */
static const char unchecked_en[] = ": no change to the profile can be "
    "checked for this";
static const char unchecked_zh[] = "：无法通过修改申报信息核验";

const char *
ais_qualify_words(const struct ais_qualify *x, size_t *len)
{
	size_t n = strlen(x->says), en = strlen(unchecked_en),
	    zh = strlen(unchecked_zh);

	if (n >= en && strcmp(x->says + n - en, unchecked_en) == 0)
		n -= en;
	else if (n >= zh && strcmp(x->says + n - zh, unchecked_zh) == 0)
		n -= zh;
	*len = n;
	return x->says;
}

/* An uncheckable condition, its words, once per item. */
static void
uncheckable(struct ais_result *res, struct ais_qualify *u, size_t *nu,
	const char *words, enum ais_lang lang, struct ais_buf *b)
{
	struct ais_qualify *x;
	size_t i, wl;

	if (!words || *nu >= MAX_CANDIDATES)
		return;
	ais_buf_reset(b);
	ais_buf_add(b, "", 0);
	ais_buf_adds(b, words);
	ais_buf_adds(b, EN(lang) ? unchecked_en : unchecked_zh);
	for (i = 0; i < *nu; i++)
		if (strcmp(u[i].says, b->p) == 0 ||
		    (ais_qualify_words(&u[i], &wl) && wl == strlen(words) &&
		    memcmp(u[i].says, words, wl) == 0))
			return;
	x = &u[(*nu)++];
	memset(x, 0, sizeof *x);
	x->kind = AIS_Q_UNCHECKABLE;
	x->basis = AIS_BASIS_UNQUANTIFIED;
	x->says = ais_arena_strdup(&res->arena, b->p);
}

/* The one answer of changes c[ix[0..n)], kept in res's arena. */
static void
keep_change(struct ais_qualifier *q, struct ais_result *res,
	const struct ais_item *it, const size_t *ix, size_t n,
	const struct outcome *v, enum ais_lang lang, struct ais_qualify *x)
{
	struct ais_change *ch = ais_arena_alloc(&res->arena, n * sizeof *ch);
	size_t k;

	for (k = 0; k < n; k++) {
		const struct cand *c = &q->c.v[ix[k]];

		ch[k].path = ais_arena_strndup(&res->arena, q->names.p +
		    c->path_off, c->path_len);
		ch[k].from = c->has_from ? ais_arena_strndup(&res->arena,
		    q->texts.p + c->from_off, c->from_len) : NULL;
		ch[k].to = ais_arena_strndup(&res->arena, q->texts.p +
		    c->to_off, c->to_len);
	}
	memset(x, 0, sizeof *x);
	x->kind = AIS_Q_CHANGE;
	x->changes = ch;
	x->nchanges = n;
	x->eligible = v->eligible;
	x->basis = v->basis;
	x->has_amount = v->has_amount;
	x->has_up_to = v->has_up_to;
	x->amount = v->amount;
	x->up_to = v->up_to;
	say_change(q, it, ix, n, v, res->as_of, lang, &q->say);
	x->says = ais_arena_strdup(&res->arena, q->say.p);
}

/* ix[0..*n) with one candidate per path (the first), from those of step
 * k, or of every step when k is (size_t)-1, among the first upto. */
static void
group(const struct ais_qualifier *q, size_t k, size_t upto, size_t *ix,
	size_t *n)
{
	size_t i, j;

	*n = 0;
	for (i = 0; i < upto && *n < MAX_CHANGES; i++) {
		const struct cand *c = &q->c.v[i];
		int dup = 0;

		if (k != (size_t)-1 && c->step != k)
			continue;
		for (j = 0; j < *n; j++)
			if (q->c.v[ix[j]].path_len == c->path_len &&
			    memcmp(q->names.p + q->c.v[ix[j]].path_off,
			    q->names.p + c->path_off, c->path_len) == 0)
				dup = 1;
		if (!dup)
			ix[(*n)++] = i;
	}
}

/* to_qualify of item it (its record: the steps of ri). */
static void
item_qualify(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, struct ais_result *res,
	struct ais_item *it, const struct ais_item *ri,
	const struct ais_calc_opts *o, enum ais_lang lang)
{
	const struct ais_program *pg = it->program;
	struct ais_qualify u[MAX_CANDIDATES + 1], *all;
	struct outcome v, best_v;
	size_t nu = 0, i, best = (size_t)-1, failing = 0, nprog;
	size_t ix[MAX_CHANGES], n = 0;
	int blocked = 0, found = 0;
	struct ais_value cur_as_of;

	AIS_VEC_CLEAR(q->c);
	ais_buf_reset(&q->names);
	ais_buf_reset(&q->texts);
	cur_as_of.t = AIS_V_DATE;
	cur_as_of.u.d = res->as_of;
	for (i = 0; i < ri->steps.n; i++) {
		const struct ais_step *s = &ri->steps.v[i];

		if (it->eligible || s->award || s->outcome == AIS_MET)
			continue;
		if (s->kind == AIS_STEP_VALIDITY) {
			char t[13];

			if (s->side > 0)
				return;	/* ended: no change brings it back */
			t[0] = '"';
			ais_date_format(pg->valid_from, t + 1);
			t[11] = '"';
			t[12] = '\0';
			add_cand(q, json, len, "as_of", 5,
			    &r->schema->fields[AIS_P_AS_OF], t, 12, i,
			    &cur_as_of);
			failing++;
		} else if (s->kind == AIS_STEP_APPLICANT) {
			ais_buf_reset(&q->say);
			ais_buf_addf(&q->say, EN(lang) ? "only %s may apply" :
			    "仅限%s申报", pg->applicants_text);
			uncheckable(res, u, &nu, q->say.p, lang, &q->text[0]);
			blocked = 1;
			failing++;
		} else if (s->kind == AIS_STEP_CHECK) {
			size_t before = q->c.n;

			step_cands(q, r, json, len, s, i, res->as_of);
			if (q->c.n == before)
				uncheckable(res, u, &nu, AIS_L10N(s->cond->says,
				    lang), lang, &q->text[0]);
			failing++;
		}
	}
	/* no award applies, or one that pays more does not: the awards'
	 * own checks */
	nprog = q->c.n;
	for (i = 0; i < ri->steps.n; i++) {
		const struct ais_step *s = &ri->steps.v[i];

		if (!s->award || s->at)
			continue;
		if (s->kind == AIS_STEP_CHECK && s->outcome != AIS_MET &&
		    !award_paid(it, s->award))
			step_cands(q, r, json, len, s, i, res->as_of);
		if (s->kind == AIS_STEP_NO_ENTRIES && !it->eligible &&
		    failing == 0 && s->award->each) {
			const char *label = AIS_L10N(s->award->label, lang);

			ais_buf_reset(&q->say);
			if (label && EN(lang))
				ais_buf_addf(&q->say, "an entry of %s for %s",
				    s->award->each->name, label);
			else if (label)
				ais_buf_addf(&q->say, "%s中符合“%s”的一项",
				    s->award->each->name, label);
			else
				ais_buf_addf(&q->say, EN(lang) ?
				    "an entry of %s" : "%s中的一项",
				    s->award->each->name);
			uncheckable(res, u, &nu, q->say.p, lang,
			    &q->text[0]);
		}
	}
	if (!blocked) {
		/* one change: the smallest that answers */
		for (i = 0; i < q->c.n; i++) {
			if (!verify(q, r, json, len, &i, 1, pg, o, &v) ||
			    !answers(it, &v))
				continue;
			if (best == (size_t)-1 || rank_before(&q->c.v[i],
			    &q->c.v[best])) {
				best = i;
				best_v = v;
			}
		}
		if (best != (size_t)-1) {
			ix[0] = best;
			n = 1;
			v = best_v;
			found = 1;
		}
	}
	if (!blocked && !found && !it->eligible && q->c.n > 1) {
		/* the changes of one check together, then of all */
		size_t k;

		for (i = 0; !found && i < q->c.n; i++) {
			k = q->c.v[i].step;
			if (i > 0 && q->c.v[i - 1].step == k)
				continue;
			group(q, k, q->c.n, ix, &n);
			found = n > 1 && verify(q, r, json, len, ix, n, pg, o,
			    &v) && answers(it, &v);
		}
		if (!found) {
			/* those of the program's checks, then with the
			 * awards' too */
			group(q, (size_t)-1, nprog, ix, &n);
			found = n > 1 && verify(q, r, json, len, ix, n, pg, o,
			    &v) && answers(it, &v);
		}
		if (!found && nprog < q->c.n) {
			group(q, (size_t)-1, q->c.n, ix, &n);
			found = n > 1 && verify(q, r, json, len, ix, n, pg, o,
			    &v) && answers(it, &v);
		}
		if (!found && nprog > 0 && failing > 0 && nu == 0) {
			/* the program's checks met by their changes, but no
			 * award applies: the awards' checks of that profile
			 * (the engine checks them only once the program's
			 * hold), with the changes before them */
			const struct ais_item *vi;
			size_t before = q->c.n;

			group(q, (size_t)-1, nprog, ix, &n);
			if (verify_as(q, r, json, len, ix, n, pg, o, 1, &v) &&
			    !v.eligible && (vi = verified_item(q, pg)) != NULL)
				for (i = 0; i < vi->steps.n; i++) {
					const struct ais_step *s = &vi->steps.v[i];

					if (s->award && !s->at &&
					    s->kind == AIS_STEP_CHECK &&
					    s->outcome != AIS_MET)
						step_cands(q, r, json, len, s,
						    ri->steps.n + i, res->as_of);
				}
			if (q->c.n > before) {
				size_t m = n;

				for (i = before; i < q->c.n && m < MAX_CHANGES;
				    i++) {
					size_t j;
					int dup = 0;

					for (j = 0; j < m; j++)
						if (q->c.v[ix[j]].path_len ==
						    q->c.v[i].path_len &&
						    memcmp(q->names.p +
						    q->c.v[ix[j]].path_off,
						    q->names.p +
						    q->c.v[i].path_off,
						    q->c.v[i].path_len) == 0)
							dup = 1;
					if (!dup)
						ix[m++] = i;
				}
				n = m;
				found = verify(q, r, json, len, ix, n, pg, o,
				    &v) && answers(it, &v);
			}
		}
		/* then without each change that is not needed */
		for (i = 0; found && n > 1 && i < n; ) {
			size_t t[MAX_CHANGES], m = 0, j;
			struct outcome w;

			for (j = 0; j < n; j++)
				if (j != i)
					t[m++] = ix[j];
			if (verify(q, r, json, len, t, m, pg, o, &w) &&
			    answers(it, &w)) {
				memcpy(ix, t, m * sizeof *t);
				n = m;
				v = w;
			} else {
				i++;
			}
		}
	}
	if (!found && nu == 0)
		return;
	all = ais_arena_alloc(&res->arena, (nu + 1) * sizeof *all);
	if (found)
		keep_change(q, res, it, ix, n, &v, lang, &all[0]);
	memcpy(all + (found ? 1 : 0), u, nu * sizeof *u);
	it->qualify = all;
	it->nqualify = nu + (found ? 1 : 0);
}

static int
qualifier_run(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, const struct ais_profile *p,
	const struct ais_calc_opts *o, enum ais_lang lang,
	struct ais_result *res, struct ais_error *err)
{
	const struct ais_result *rec = res;
	size_t i;

	if (!o->explain) {
		struct ais_calc_opts eo = *o;

		eo.explain = 1;
		if (ais_calc(r, p, &eo, &q->rec, err) < 0)
			return -1;
		rec = &q->rec;
	}
	for (i = 0; i < res->items.n; i++) {
		struct ais_item *it = &res->items.v[i];

		it->qualify = NULL;
		it->nqualify = 0;
		if (i >= rec->items.n || rec->items.v[i].program != it->program)
			continue;
		item_qualify(q, r, json, len, res, it, &rec->items.v[i], o,
		    lang);
	}
	return 0;
}

int
ais_qualifier_run(struct ais_qualifier *q, const struct ais_rules *r,
	const char *json, size_t len, const struct ais_profile *p,
	const struct ais_calc_opts *o, enum ais_lang lang,
	struct ais_result *res, struct ais_error *err)
{
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	rc = qualifier_run(q, r, json, len, p, o, lang, res, err);
	ais_oom_guard_leave(&g);
	return rc;
}

int
ais_qualify(const struct ais_rules *r, const char *json, size_t len,
	const struct ais_profile *p, const struct ais_calc_opts *o,
	enum ais_lang lang, struct ais_result *res, struct ais_error *err)
{
	struct ais_qualifier *q;
	struct ais_oom_guard g;
	int rc;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_oom_error(err);
		return -1;
	}
	q = ais_qualifier_new();
	ais_oom_guard_leave(&g);
	rc = ais_qualifier_run(q, r, json, len, p, o, lang, res, err);
	ais_qualifier_free(q);
	return rc;
}
