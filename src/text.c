/*
 * text.c: a result as a table for people (docs/text.md).
 *
 * Everything here reads the decision record and the result's figures;
 * the words of reasons are narrate.c's.  Widths are display widths
 * (libunistring), amounts are int64 fen formatted by hand: no floating
 * point, no locale.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <unistr.h>
#include <uniwidth.h>

#include "narrate.h"
#include "text.h"
#include "whatif.h"

#define EN(lang) ((lang) == AIS_LANG_EN)
#define ADD(b, s) ais_buf_add((b), "" s, sizeof s - 1)

/* the widest title a row shows: longer ones are cut with "..." */
#define TITLE_MAX 40

#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"
#define C_YELLOW "\033[33m"
#define C_BOLD "\033[1m"
#define C_OFF "\033[0m"

void
ais_text_opts_init(struct ais_text_opts *o)
{
	memset(o, 0, sizeof *o);
	o->lang = AIS_LANG_ZH;
	o->unit = AIS_UNIT_YUAN;
	o->flag_days = 30;
}

size_t
ais_text_width(const char *s, size_t n)
{
	int w = u8_width((const uint8_t *)s, n, "UTF-8");

	return w > 0 ? (size_t)w : 0;
}

/* Appends the digits of v (>= 0) with a comma every three. */
static void
grouped(uint64_t v, struct ais_buf *b)
{
	char t[32];
	size_t k = sizeof t, d = 0;

	do {
		if (d > 0 && d % 3 == 0)
			t[--k] = ',';
		t[--k] = (char)('0' + v % 10);
		v /= 10;
		d++;
	} while (v != 0);
	ais_buf_add(b, t + k, sizeof t - k);
}

/* |fen| without overflow for INT64_MIN. */
static uint64_t
magnitude(int64_t fen)
{
	return fen < 0 ? (uint64_t)(-(fen + 1)) + 1 : (uint64_t)fen;
}

void
ais_text_yuan(int64_t fen, struct ais_buf *b)
{
	uint64_t a = magnitude(fen);

	if (fen < 0)
		ais_buf_addc(b, '-');
	grouped(a / 100, b);
	if (a % 100) {
		ais_buf_addc(b, '.');
		ais_buf_addc(b, (char)('0' + a % 100 / 10));
		ais_buf_addc(b, (char)('0' + a % 10));
	}
}

void
ais_text_wan(int64_t fen, struct ais_buf *b)
{
	/* 1万 = 10,000 yuan = 1,000,000 fen: six places, all exact */
	uint64_t a = magnitude(fen), frac = a % 1000000;

	if (fen < 0)
		ais_buf_addc(b, '-');
	grouped(a / 1000000, b);
	if (frac) {
		char t[7];
		int k;

		for (k = 5; k >= 0; k--) {
			t[k] = (char)('0' + frac % 10);
			frac /= 10;
		}
		for (k = 6; k > 0 && t[k - 1] == '0'; k--)
			;
		ais_buf_addc(b, '.');
		ais_buf_add(b, t, (size_t)k);
	}
	ADD(b, "万");
}

void
ais_text_amount(int64_t fen, enum ais_text_unit u, struct ais_buf *b)
{
	if (u == AIS_UNIT_WAN)
		ais_text_wan(fen, b);
	else
		ais_text_yuan(fen, b);
}

/* Appends n spaces. */
static void
spaces(struct ais_buf *b, size_t n)
{
	while (n--)
		ais_buf_addc(b, ' ');
}

/*
 * Appends s cut to at most max columns (with "..." when cut), then
 * spaces up to width columns; returns the columns written before the
 * spaces.
 */
static size_t
cell(struct ais_buf *b, const char *s, size_t width, size_t max)
{
	size_t n = strlen(s), w = ais_text_width(s, n), i = 0, used = 0;

	if (w <= max) {
		ais_buf_add(b, s, n);
	} else {
		/* whole characters up to max - 3 columns, then "..." */
		while (i < n) {
			ucs4_t uc;
			int len = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);
			int cw = uc_width(uc, "UTF-8");

			if (cw < 0)
				cw = 0;
			if (used + (size_t)cw + 3 > max)
				break;
			used += (size_t)cw;
			i += (size_t)(len > 0 ? len : 1);
		}
		ais_buf_add(b, s, i);
		ADD(b, "...");
		w = used + 3;
	}
	if (w < width)
		spaces(b, width - w);
	return w;
}

/* Appends s right-aligned in width columns. */
static void
rcell(struct ais_buf *b, const char *s, size_t n, size_t width)
{
	size_t w = ais_text_width(s, n);

	if (w < width)
		spaces(b, width - w);
	ais_buf_add(b, s, n);
}

static void
colour(struct ais_buf *b, const struct ais_text_opts *o, const char *c)
{
	if (o->colour)
		ais_buf_adds(b, c);
}

static const char *
title(const struct ais_program *pg, enum ais_lang lang)
{
	return EN(lang) ? pg->title_en : pg->title_zh;
}

/* The basis as a column of the table shows it. */
static const char *
basis_word(enum ais_basis basis, enum ais_lang lang)
{
	static const char *const en[] = {
		"formula", "fixed", "ceiling", "no figure"
	};
	static const char *const zh[] = {
		"按比例", "定额", "最高限额", "未定金额"
	};

	return EN(lang) ? en[basis] : zh[basis];
}

/* The item's basis, as the JSON shows it. */
static enum ais_basis
item_basis(const struct ais_item *it)
{
	return it->eligible ? it->basis : it->program->awards[0].basis;
}

/* Appends the amount column of it (which 0: amount, 1: up_to). */
static void
item_figure(const struct ais_item *it, int which, enum ais_text_unit u,
	struct ais_buf *b)
{
	int has = which ? it->has_up_to : it->has_amount;

	if (!it->eligible || !has) {
		ais_buf_addc(b, '-');
		return;
	}
	ais_text_amount(which ? it->up_to : it->amount, u, b);
}

int
ais_text_why(const struct ais_result *res, const struct ais_item *it,
	enum ais_lang lang, struct ais_buf *b)
{
	const struct ais_step *s = NULL, *award = NULL, *none = NULL;
	const struct ais_step *entry = NULL;
	size_t i;

	for (i = 0; i < it->steps.n; i++) {
		const struct ais_step *st = &it->steps.v[i];

		if (!it->eligible) {
			int failed = 0;

			switch (st->kind) {
			case AIS_STEP_VALIDITY:
			case AIS_STEP_APPLICANT:
			case AIS_STEP_CHECK:
				failed = st->outcome != AIS_MET;
				break;
			case AIS_STEP_NO_ENTRIES:
			case AIS_STEP_NO_VALUE:
			case AIS_STEP_TERM_OFF:
				failed = 1;
				break;
			case AIS_STEP_NO_AWARD:
				if (!none)
					none = st;
				break;
			case AIS_STEP_ENTRY:
				/* an entry a per-entry award left out: why
				 * none applied, when nothing says more */
				if (st->outcome != AIS_MET && st->filter &&
				    !entry)
					entry = st;
				break;
			default:
				break;
			}
			if (!failed)
				continue;
			if (!st->award && !st->at) {
				/* the program's own check decides */
				s = st;
				break;
			}
			if (!award)
				award = st;
			continue;
		}
		if (st->kind == AIS_STEP_CAPPED ||
		    st->kind == AIS_STEP_PROGRAM_CAP)
			s = st;		/* the last cap: what held it */
		else if (st->kind == AIS_STEP_SET_ASIDE && !award)
			award = st;
	}
	if (!s)
		s = award ? award : entry ? entry : none;
	if (!s)
		return 0;
	ais_step_narrate(res, it, s, lang, b);
	return 1;
}

/* The round of applications a person looks at on as_of: the first that
 * has not ended, else the last. */
static const struct ais_guide_window *
window_at(const struct ais_guide *g, ais_date as_of)
{
	size_t i;

	for (i = 0; i < g->nwindows; i++)
		if (g->windows[i].until >= as_of)
			return &g->windows[i];
	return g->nwindows ? &g->windows[g->nwindows - 1] : NULL;
}

static void
date_add(struct ais_buf *b, ais_date d)
{
	char t[11];

	ais_date_format(d, t);
	ais_buf_add(b, t, 10);
}

/* An indented line under an item: its start. */
static void
sub_start(struct ais_buf *b)
{
	spaces(b, 4);
}

/* The guide and last day of an eligible item, in one or two lines. */
static void
guide_lines(const struct ais_result *res, const struct ais_item *it,
	const struct ais_text_opts *o, struct ais_buf *b)
{
	const struct ais_guide *g = &it->program->guide;
	const struct ais_guide_window *w = g->present ? window_at(g,
	    res->as_of) : NULL;
	int en = EN(o->lang);

	if (g->present && (g->agency.text.en || g->channel.text.en)) {
		sub_start(b);
		if (g->agency.text.en) {
			ais_buf_adds(b, en ? "agency: " : "受理部门：");
			ais_buf_adds(b, AIS_L10N(g->agency.text, o->lang));
		}
		if (g->agency.text.en && g->channel.text.en)
			ais_buf_adds(b, en ? "; " : "；");
		if (g->channel.text.en) {
			ais_buf_adds(b, en ? "channel: " : "申报渠道：");
			ais_buf_adds(b, AIS_L10N(g->channel.text, o->lang));
		}
		ais_buf_addc(b, '\n');
	}
	if (!w && !it->has_due)
		return;
	sub_start(b);
	if (w) {
		ais_buf_adds(b, en ? "window: " : "申报窗口：");
		date_add(b, w->from);
		ais_buf_adds(b, en ? " to " : "至");
		date_add(b, w->until);
		if (w->label.en) {
			ais_buf_adds(b, en ? " (" : "（");
			ais_buf_adds(b, AIS_L10N(w->label, o->lang));
			ais_buf_adds(b, en ? ")" : "）");
		}
		if (w->until < res->as_of)
			ais_buf_adds(b, en ? " (ended)" : "（已结束）");
		if (it->has_due)
			ais_buf_adds(b, en ? "; " : "；");
	}
	if (it->has_due) {
		long left = (long)it->last_day - (long)res->as_of;

		ais_buf_adds(b, en ? "last day: " : "截止日：");
		date_add(b, it->last_day);
		if (left >= 0 && left <= o->flag_days) {
			ais_buf_addc(b, ' ');
			colour(b, o, C_YELLOW);
			if (left == 0)
				ais_buf_adds(b, en ? "⚑ due today" : "⚑ 今日截止");
			else if (en)
				ais_buf_addf(b, "⚑ due in %ld day%s", left,
				    left == 1 ? "" : "s");
			else
				ais_buf_addf(b, "⚑ %ld天内截止", left);
			colour(b, o, C_OFF);
		} else if (left > 0) {
			if (en)
				ais_buf_addf(b, " (%ld days left)", left);
			else
				ais_buf_addf(b, "（还剩%ld天）", left);
		}
	}
	ais_buf_addc(b, '\n');
}

/* The lines under one item. */
static void
item_lines(const struct ais_result *res, const struct ais_item *it,
	const struct ais_text_opts *o, struct ais_buf *b)
{
	int en = EN(o->lang);
	size_t i;

	if (!it->eligible && it->incomplete && it->nmissing) {
		sub_start(b);
		ais_buf_adds(b, en ? "incomplete: give " : "信息不全，请提供：");
		for (i = 0; i < it->nmissing; i++) {
			if (i)
				ais_buf_adds(b, en ? ", " : "、");
			ais_buf_adds(b, it->missing[i]);
		}
		ais_buf_addc(b, '\n');
	}
	{
		size_t at = b->len;

		sub_start(b);
		if (!it->eligible)
			ais_buf_adds(b, en ? "why: " : "原因：");
		if (ais_text_why(res, it, o->lang, b))
			ais_buf_addc(b, '\n');
		else
			ais_buf_cut(b, at);
	}
	for (i = 0; i < it->nqualify; i++) {
		const struct ais_qualify *q = &it->qualify[i];

		if (!q->says)
			continue;
		sub_start(b);
		ais_buf_adds(b, en ? "to qualify: " : "如何符合：");
		ais_buf_adds(b, q->says);
		ais_buf_addc(b, '\n');
	}
	if (it->eligible)
		guide_lines(res, it, o, b);
}

/* Whether item it is a row of the table (--eligible-only,
 * --due-within). */
static int
shown(const struct ais_text_opts *o, const struct ais_item *it,
	ais_date as_of)
{
	if (o->eligible_only && !it->eligible)
		return 0;
	if (o->has_due_within)
		return it->eligible && it->has_due &&
		    (long)it->last_day - (long)as_of <= o->due_within;
	return 1;
}

/* The widths of the columns. */
struct widths {
	size_t title, basis, amount, up_to;
};

static void
widen(size_t *w, size_t n)
{
	if (n > *w)
		*w = n;
}

/* An item's outcome in a what-if line: "not eligible", its amount (and
 * up to, when more), or "eligible, no figure"; NULL: not evaluated. */
static void
outcome_text(const struct ais_item *it, const struct ais_text_opts *o,
	struct ais_buf *b)
{
	int en = EN(o->lang);

	if (!it || !it->eligible) {
		ais_buf_adds(b, en ? "not eligible" : "不符合");
		return;
	}
	if (!it->has_amount && !it->has_up_to) {
		ais_buf_adds(b, en ? "eligible, no figure" : "符合（未定金额）");
		return;
	}
	if (it->has_amount)
		ais_text_amount(it->amount, o->unit, b);
	if (it->has_up_to && (!it->has_amount || it->up_to != it->amount)) {
		ais_buf_adds(b, it->has_amount ? (en ? " (up to " : "（最高")
		    : (en ? "up to " : "最高"));
		ais_text_amount(it->up_to, o->unit, b);
		if (it->has_amount)
			ais_buf_adds(b, en ? ")" : "）");
	}
}

/* One program of the what-if: "  TITLE: BEFORE → AFTER", when they
 * differ. */
static void
what_if_line(const struct ais_item *before, const struct ais_item *after,
	const struct ais_text_opts *o, struct ais_buf *b)
{
	size_t at = b->len, mid;

	spaces(b, 2);
	ais_buf_adds(b, title((after ? after : before)->program, o->lang));
	ais_buf_adds(b, EN(o->lang) ? ": " : "：");
	mid = b->len;
	outcome_text(before, o, b);
	{
		size_t bl = b->len - mid;

		ais_buf_adds(b, " → ");
		outcome_text(after, o, b);
		/* the same words on both sides: not a change */
		if (b->len - mid == 2 * bl + strlen(" → ") &&
		    memcmp(b->p + mid, b->p + mid + bl + strlen(" → "),
		    bl) == 0) {
			ais_buf_cut(b, at);
			return;
		}
	}
	ais_buf_addc(b, '\n');
}

/* "what if:" (calc --set): each set, the programs that changed and the
 * totals, against the unchanged profile. */
static void
what_if_text(const struct ais_result *res, const struct ais_text_opts *o,
	struct ais_buf *b)
{
	const struct ais_whatif *wi = o->what_if;
	const struct ais_result *bf;
	int en = EN(o->lang);
	size_t i;

	if (!wi || !wi->has_before)
		return;
	bf = &wi->before;
	ais_buf_addc(b, '\n');
	colour(b, o, C_BOLD);
	ais_buf_adds(b, en ? "what if:" : "假如：");
	colour(b, o, C_OFF);
	ais_buf_addc(b, '\n');
	for (i = 0; i < wi->nsets; i++) {
		spaces(b, 2);
		ais_buf_adds(b, en ? "set " : "设 ");
		ais_buf_add(b, wi->sets[i].path, wi->sets[i].path_len);
		ais_buf_adds(b, en ? ": " : "：");
		if (wi->from_len[i])
			ais_buf_add(b, wi->from.p + wi->from_off[i],
			    wi->from_len[i]);
		else
			ais_buf_adds(b, en ? "(not given)" : "（未填写）");
		ais_buf_adds(b, " → ");
		ais_buf_add(b, wi->sets[i].value, wi->sets[i].value_len);
		ais_buf_addc(b, '\n');
	}
	for (i = 0; i < res->items.n; i++)
		what_if_line(ais_result_find_item(bf, res->items.v[i].program),
		    &res->items.v[i], o, b);
	for (i = 0; i < bf->items.n; i++)
		if (!ais_result_find_item(res, bf->items.v[i].program))
			what_if_line(&bf->items.v[i], NULL, o, b);
	spaces(b, 2);
	ais_buf_adds(b, en ? "total: " : "合计：");
	ais_text_amount(bf->total_amount, o->unit, b);
	ais_buf_adds(b, " → ");
	ais_text_amount(res->total_amount, o->unit, b);
	ais_buf_addc(b, '\n');
}

static void
text_write(const struct ais_result *res, const struct ais_text_opts *o,
	struct ais_buf *b, struct ais_buf *t)
{
	const struct ais_profile *p = res->profile;
	const char *h_program = EN(o->lang) ? "program" : "项目";
	const char *h_basis = EN(o->lang) ? "basis" : "方式";
	const char *h_amount = EN(o->lang) ? "amount" : "金额";
	const char *h_up_to = EN(o->lang) ? "up to" : "最高可得";
	const char *h_total = EN(o->lang) ? "total" : "合计";
	int en = EN(o->lang);
	struct widths w;
	size_t i, eligible = 0, nshown = 0;

	/* the widths: of the headers, then of every row */
	w.title = ais_text_width(h_program, strlen(h_program));
	widen(&w.title, ais_text_width(h_total, strlen(h_total)));
	w.basis = ais_text_width(h_basis, strlen(h_basis));
	w.amount = ais_text_width(h_amount, strlen(h_amount));
	w.up_to = ais_text_width(h_up_to, strlen(h_up_to));
	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];
		const char *ti = title(it->program, o->lang);
		const char *bw = basis_word(item_basis(it), o->lang);
		size_t tw = ais_text_width(ti, strlen(ti));

		eligible += it->eligible != 0;
		if (!shown(o, it, res->as_of))
			continue;
		nshown++;
		widen(&w.title, tw < TITLE_MAX ? tw : TITLE_MAX);
		widen(&w.basis, ais_text_width(bw, strlen(bw)));
		ais_buf_reset(t);
		item_figure(it, 0, o->unit, t);
		widen(&w.amount, ais_text_width(t->p, t->len));
		ais_buf_reset(t);
		item_figure(it, 1, o->unit, t);
		widen(&w.up_to, ais_text_width(t->p, t->len));
	}
	ais_buf_reset(t);
	ais_text_amount(res->total_amount, o->unit, t);
	widen(&w.amount, ais_text_width(t->p, t->len));
	ais_buf_reset(t);
	ais_text_amount(res->total_up_to, o->unit, t);
	widen(&w.up_to, ais_text_width(t->p, t->len));

	/* who, when, in what unit */
	ais_buf_adds(b, en ? "profile " : "申请主体");
	if (p && p->id && !en)
		ais_buf_addc(b, ' ');
	ais_buf_adds(b, p && p->id ? p->id : en ? "(no id)" : "（未填写编号）");
	if (p && p->name) {
		ais_buf_adds(b, en ? " (" : "（");
		ais_buf_adds(b, p->name);
		ais_buf_adds(b, en ? ")" : "）");
	}
	ais_buf_adds(b, en ? ", claim date " : "，申报日 ");
	ais_buf_add(b, res->as_of_text, 10);
	if (o->unit == AIS_UNIT_WAN)
		ais_buf_adds(b, en ? "; amounts in 万 (1万 = 10,000 yuan)\n" :
		    "，金额单位：万元（1万 = 10,000元）\n");
	else
		ais_buf_adds(b, en ? "; amounts in yuan\n" : "，金额单位：元\n");
	ais_buf_addc(b, '\n');

	/* the header row */
	spaces(b, 2);
	cell(b, h_program, w.title, TITLE_MAX);
	spaces(b, 2);
	cell(b, h_basis, w.basis, w.basis);
	spaces(b, 2);
	rcell(b, h_amount, strlen(h_amount), w.amount);
	spaces(b, 2);
	rcell(b, h_up_to, strlen(h_up_to), w.up_to);
	ais_buf_addc(b, '\n');

	for (i = 0; i < res->items.n; i++) {
		const struct ais_item *it = &res->items.v[i];

		if (!shown(o, it, res->as_of))
			continue;
		colour(b, o, it->eligible ? C_GREEN : C_DIM);
		ais_buf_adds(b, it->eligible ? "✓ " : it->incomplete ? "? " :
		    "✗ ");
		cell(b, title(it->program, o->lang), w.title, TITLE_MAX);
		spaces(b, 2);
		cell(b, basis_word(item_basis(it), o->lang), w.basis, w.basis);
		spaces(b, 2);
		ais_buf_reset(t);
		item_figure(it, 0, o->unit, t);
		rcell(b, t->p, t->len, w.amount);
		spaces(b, 2);
		ais_buf_reset(t);
		item_figure(it, 1, o->unit, t);
		rcell(b, t->p, t->len, w.up_to);
		colour(b, o, C_OFF);
		ais_buf_addc(b, '\n');
		if (!it->eligible && o->colour) {
			/* the lines of an ineligible item dim too */
			size_t at = b->len;

			item_lines(res, it, o, b);
			if (b->len > at) {
				/* each line its own dim: a terminal resets
				 * attributes at no newline, a pager might */
				struct ais_buf *dim = t;
				size_t k, s = at;

				ais_buf_reset(dim);
				for (k = at; k < b->len; k++)
					if (b->p[k] == '\n') {
						ADD(dim, C_DIM);
						ais_buf_add(dim, b->p + s, k - s);
						ADD(dim, C_OFF "\n");
						s = k + 1;
					}
				ais_buf_cut(b, at);
				ais_buf_add(b, dim->p, dim->len);
			}
		} else {
			item_lines(res, it, o, b);
		}
	}
	if (!nshown) {
		spaces(b, 2);
		ais_buf_adds(b, en ? "(no program to show)\n" : "（无可显示的项目）\n");
	}

	/* the totals */
	colour(b, o, C_BOLD);
	spaces(b, 2);
	cell(b, h_total, w.title, TITLE_MAX);
	spaces(b, 2);
	spaces(b, w.basis);
	spaces(b, 2);
	ais_buf_reset(t);
	ais_text_amount(res->total_amount, o->unit, t);
	rcell(b, t->p, t->len, w.amount);
	spaces(b, 2);
	ais_buf_reset(t);
	ais_text_amount(res->total_up_to, o->unit, t);
	rcell(b, t->p, t->len, w.up_to);
	colour(b, o, C_OFF);
	ais_buf_addc(b, '\n');
	spaces(b, 2);
	if (en) {
		ais_buf_addf(b, "%zu of %zu programs eligible", eligible,
		    res->items.n);
		if (res->total_unquantified)
			ais_buf_addf(b, "; %zu of them give%s no figure",
			    res->total_unquantified,
			    res->total_unquantified == 1 ? "s" : "");
	} else {
		ais_buf_addf(b, "%zu个项目中符合%zu个", res->items.n, eligible);
		if (res->total_unquantified)
			ais_buf_addf(b, "，其中%zu个未定金额",
			    res->total_unquantified);
	}
	ais_buf_addc(b, '\n');

	what_if_text(res, o, b);

	/* the warnings and the receipt */
	ais_buf_addc(b, '\n');
	if (!res->warnings.n) {
		ais_buf_adds(b, en ? "warnings: none\n" : "警告：无\n");
	} else {
		colour(b, o, C_YELLOW);
		ais_buf_adds(b, en ? "warnings:" : "警告：");
		colour(b, o, C_OFF);
		ais_buf_addc(b, '\n');
		for (i = 0; i < res->warnings.n; i++) {
			spaces(b, 2);
			colour(b, o, C_YELLOW);
			ais_buf_adds(b, "! ");
			ais_buf_adds(b, res->warnings.v[i]);
			colour(b, o, C_OFF);
			ais_buf_addc(b, '\n');
		}
	}
	ais_buf_adds(b, en ? "receipt: aisubsidy " AIS_VERSION "; claim date " :
	    "凭据：aisubsidy " AIS_VERSION "；申报日 ");
	ais_buf_add(b, res->as_of_text, 10);
	ais_buf_adds(b, en ? "; rules " : "；规则 ");
	ais_buf_adds(b, res->digest);
	if (res->reform_id) {
		/* issue 13: under a reform, its id and digest */
		ais_buf_adds(b, en ? "; reform " : "；改革方案 ");
		ais_buf_adds(b, res->reform_id);
		ais_buf_adds(b, " ");
		ais_buf_adds(b, res->reform_digest);
	}
	ais_buf_addc(b, '\n');
}

int
ais_text_write(const struct ais_result *res, const struct ais_text_opts *o,
	struct ais_buf *b, struct ais_error *err)
{
	/* the writer's scratch text of the result (engine.h) */
	struct ais_buf *t = (struct ais_buf *)&res->scratch[1];
	struct ais_oom_guard g;
	size_t len = b->len;

	ais_oom_guard_enter(&g);
	if (setjmp(g.jb) != 0) {
		ais_buf_cut(b, len);
		ais_oom_error(err);
		return -1;
	}
	text_write(res, o, b, t);
	ais_oom_guard_leave(&g);
	return 0;
}

/* The batch options for the JSON ais_batch_one writes and text drops:
 * compact, the cheapest. */
static void
sink_batch(const struct ais_batch *b, struct ais_batch *bb,
	struct ais_output_opts *oo)
{
	*bb = *b;
	*oo = *b->oopts;
	oo->mode = AIS_OUT_COMPACT;
	oo->pretty = 0;
	oo->cache = NULL;
	bb->oopts = oo;
}

int
ais_text_one(const struct ais_batch *b, const struct ais_text_opts *t,
	struct ais_profile *p, struct ais_result *res, const char *json,
	size_t len, struct ais_buf *out, FILE *msgs)
{
	struct ais_buf sink = AIS_BUF_INIT;
	struct ais_output_opts oo;
	struct ais_batch bb;
	struct ais_error err;
	int rc;

	sink_batch(b, &bb, &oo);
	rc = ais_batch_one(&bb, p, res, json, len, 0, &sink, msgs);
	ais_buf_release(&sink);
	if (rc != AIS_OK)
		return rc;
	if (ais_text_write(res, t, out, &err) < 0) {
		ais_error_print(msgs, NULL, &err);
		return AIS_ENOMEM;
	}
	return AIS_OK;
}

