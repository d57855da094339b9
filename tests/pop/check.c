/*
 * check: the invariants of a population run (tests/pop/README.md).
 *
 *     check [-a AS_OF] [-m MAX] [-s EVERY] DIR
 *
 * DIR is what tests/pop/run.sh leaves: profiles.ndjson (the input); the
 * outputs full.ndjson, compact.ndjson, eligible.ndjson, pretty.ndjson
 * (`calc --batch` plain, --compact, --eligible-only, --pretty),
 * summary.ndjson and summary.json (--compact --summary-file), jur.ndjson
 * (--eligible-only --jurisdiction shenzhen --jurisdiction chengdu and
 * every other city of the rules),
 * auto.ndjson and stdin.ndjson (--compact without --batch, and from a
 * pipe), full-en.ndjson and compact-en.ndjson (--lang en, full and
 * --compact), pool.json and allocations.ndjson (`pool --allocations`); status
 * (one line per run: its name, exit status and bytes written to standard
 * error; `crash MODE LINE RC MESSAGE` for each line a run died on;
 * `unlocated MODE FROM` when it stopped looking); and single/ (for the
 * sampled lines N: N.json, and N.full, N.pretty, N.compact, N.eligible,
 * N.rc, N.err from `calc FILE` of that profile alone).  AS_OF is the
 * --as-of of the runs, for profiles without one.  EVERY is the sampling
 * the run used for single/ (to say how many were expected).  Prints the
 * first MAX violations of each invariant (default 3) with the profile id,
 * statistics, then one line
 *     pop: N profiles, K invariants: P passed, F failed
 * and exits 1 when any failed.
 *
 * Money is compared exactly: numbers keep the text they were written
 * with (the number tokens of each line are attached, in document order, to
 * the cJSON nodes they became) and amounts are read from that text into
 * int64 fen.  No value of money goes through a double.  The en results
 * are not parsed: each line is scanned token by token beside its zh line,
 * numbers compared as text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cJSON.h>

/* ---- the invariants ---- */

enum inv {
	INV_EXIT, INV_LINES, INV_ECHO, INV_SAME_BYTES, INV_COMPACT,
	INV_ELIGIBLE, INV_SINGLE, INV_PRETTY, INV_BOUNDS, INV_PARTS,
	INV_ARITH, INV_TOTALS, INV_ITEMS, INV_SUMMARY, INV_POOL, INV_JUR,
	INV_RECORD, INV_LANG, INV_LEDGER, INV_NEXT, NINV
};

static const char *const inv_name[NINV] = {
	"exit", "lines", "echo", "same-bytes", "compact", "eligible-only",
	"single", "pretty", "bounds", "parts", "arithmetic", "totals", "items",
	"summary", "pool", "jurisdiction", "record", "languages", "ledger",
	"next"
};

static const char *const inv_says[NINV] = {
	"every run exits 0 with nothing on standard error, no profile rejected",
	"one valid JSON result line per input line, in order, in every mode",
	"each result names its profile and claim date; one receipt for all",
	"--pretty --batch, no --batch, stdin: the same bytes as --batch",
	"--compact agrees with the full result on every amount and total",
	"--eligible-only lists exactly the eligible items, in order",
	"a profile alone gives the same bytes as its batch line",
	"--pretty of a profile alone parses to its batch line",
	"no amount negative; amount <= up_to <= ceiling, amount <= cap; "
	    "capped iff held below raw",
	"parts add up to the sum; the item is the sum after the program cap",
	"raw = base x rate, half up to the fen; amounts in shortest form",
	"totals: the sums of the items' amount and up_to; unquantified count",
	"one place, one list of programs; ineligible items pay 0, no figures",
	"--summary-file adds up the results per program; the results unchanged",
	"pool: claims are the eligible amounts; shares add up, to the fen",
	"--jurisdiction: a profile's own eligible items kept, to the byte",
	"every check has an outcome and says what it read; eligible = met",
	"--lang en: the same result as zh but for its texts; compact identical",
	"a cap that accumulates: remaining = max(0, cap - prior), prior the "
	    "counted awards; the item within it",
	"due only on eligible items: last_day = claim date + days_left >= it;"
	    " incomplete only on ineligible ones, with fields; warnings in "
	    "compact as in full",
};

static long failures[NINV];
static int max_show = 3;
static long shown_total;

static void violation(enum inv k, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
violation(enum inv k, const char *id, const char *fmt, ...)
{
	va_list ap;

	failures[k]++;
	if (failures[k] > max_show)
		return;
	shown_total++;
	printf("FAILED pop %s: %s: ", inv_name[k], id ? id : "-");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* ---- JSON with the text of its numbers ---- */

/*
 * Attaches the number tokens of s, in order, to the number nodes of the
 * tree, in document order (cJSON keeps members and elements in the order
 * it read them).  Each number node's valuestring is its text; cJSON_Delete
 * frees it.  Returns 0, or -1 when the counts disagree.
 */
struct numtok {
	const char *s;
	size_t n;
};

struct toks {
	struct numtok *v;
	size_t n, cap, next;
};

static int
tok_push(struct toks *t, const char *s, size_t n)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct numtok *v = realloc(t->v, cap * sizeof *v);

		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].s = s;
	t->v[t->n].n = n;
	t->n++;
	return 0;
}

static int
scan_numbers(const char *s, size_t len, struct toks *t)
{
	size_t i = 0;

	while (i < len) {
		char c = s[i];

		if (c == '"') {
			for (i++; i < len && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			i++;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			size_t a = i;

			while (i < len && (strchr("0123456789+-.eE", s[i]) &&
			    s[i] != '\0'))
				i++;
			if (tok_push(t, s + a, i - a) < 0)
				return -1;
		} else {
			i++;
		}
	}
	return 0;
}

static int
attach(cJSON *node, struct toks *t)
{
	for (; node; node = node->next) {
		if (cJSON_IsNumber(node)) {
			char *p;

			if (t->next >= t->n)
				return -1;
			p = malloc(t->v[t->next].n + 1);
			if (!p)
				return -1;
			memcpy(p, t->v[t->next].s, t->v[t->next].n);
			p[t->v[t->next].n] = '\0';
			node->valuestring = p;
			t->next++;
		}
		if (node->child && attach(node->child, t) < 0)
			return -1;
	}
	return 0;
}

/* Parses s[0..len) (one line, its newline excluded) into a tree whose
 * numbers carry their text; NULL when it is not one JSON value. */
static cJSON *
parse_exact(const char *s, size_t len)
{
	const char *end = NULL;
	cJSON *root;
	struct toks t = { NULL, 0, 0, 0 };

	root = cJSON_ParseWithLengthOpts(s, len, &end, 0);
	if (!root)
		return NULL;
	while (end && end < s + len && (*end == ' ' || *end == '\n' ||
	    *end == '\r' || *end == '\t'))
		end++;
	if (end != s + len || scan_numbers(s, len, &t) < 0 ||
	    attach(root, &t) < 0 || t.next != t.n) {
		free(t.v);
		cJSON_Delete(root);
		return NULL;
	}
	free(t.v);
	return root;
}

/* Whether two trees are the same: types, strings, number texts, and
 * members in the same order. */
static int
same_tree(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if ((a->type & 0xff) != (b->type & 0xff))
		return 0;
	if (cJSON_IsNumber(a))
		return a->valuestring && b->valuestring &&
		    strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (!cJSON_IsArray(a) && !cJSON_IsObject(a))
		return 1;
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next) {
		if (cJSON_IsObject(a) && strcmp(x->string, y->string) != 0)
			return 0;
		if (!same_tree(x, y))
			return 0;
	}
	return x == NULL && y == NULL;
}

/* Where two trees first differ, as a path, for the message. */
static void
first_difference(const cJSON *a, const cJSON *b, char *path, size_t n)
{
	const cJSON *x, *y;
	size_t len = strlen(path);
	int i = 0;

	if ((a->type & 0xff) != (b->type & 0xff) || (!cJSON_IsArray(a) &&
	    !cJSON_IsObject(a)))
		return;
	for (x = a->child, y = b->child; x && y; x = x->next, y = y->next,
	    i++) {
		if (cJSON_IsObject(a))
			snprintf(path + len, n - len, ".%s", x->string);
		else
			snprintf(path + len, n - len, "[%d]", i);
		if (cJSON_IsObject(a) && strcmp(x->string, y->string) != 0)
			return;
		if (!same_tree(x, y)) {
			first_difference(x, y, path, n);
			return;
		}
	}
	snprintf(path + len, n - len, "%s", x || y ? " (length)" : "");
}

/* ---- money: int64 fen from the text ---- */

enum { M_ABSENT, M_NULL, M_FEN, M_BAD };

/* Formats fen in the shortest exact form ("0.5", "1666666.67"). */
static void
fen_shortest(int64_t f, char *buf, size_t n)
{
	uint64_t u = f < 0 ? (uint64_t)0 - (uint64_t)f : (uint64_t)f;
	unsigned fr = (unsigned)(u % 100);

	if (fr == 0)
		snprintf(buf, n, "%s%llu", f < 0 ? "-" : "",
		    (unsigned long long)(u / 100));
	else if (fr % 10 == 0)
		snprintf(buf, n, "%s%llu.%u", f < 0 ? "-" : "",
		    (unsigned long long)(u / 100), fr / 10);
	else
		snprintf(buf, n, "%s%llu.%02u", f < 0 ? "-" : "",
		    (unsigned long long)(u / 100), fr);
}

/*
 * Reads the text t as yuan into fen: an optional '-', digits, an
 * optional point and one or two digits.  0, or -1 for anything else (an
 * exponent, three decimals, an overflow).
 */
static int
text_fen(const char *t, int64_t *out)
{
	int neg = 0, nd = 0;
	int64_t v = 0;

	if (*t == '-') {
		neg = 1;
		t++;
	}
	if (*t < '0' || *t > '9')
		return -1;
	while (*t >= '0' && *t <= '9') {
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, *t - '0', &v))
			return -1;
		t++;
	}
	if (__builtin_mul_overflow(v, 100, &v))
		return -1;
	if (*t == '.') {
		int64_t f = 0;

		t++;
		while (*t >= '0' && *t <= '9' && nd < 3) {
			f = f * 10 + (*t - '0');
			nd++;
			t++;
		}
		if (nd == 0 || nd > 2)
			return -1;
		if (nd == 1)
			f *= 10;
		if (__builtin_add_overflow(v, f, &v))
			return -1;
	}
	if (*t != '\0')
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/* The context of the line being checked, for messages. */
struct line {
	long no;			/* input line */
	const char *id;			/* profile id */
};

/*
 * Member k of o as money: M_ABSENT, M_NULL, M_FEN with *f set, or M_BAD
 * (a violation of INV_ARITH is reported: not a number, or not in the
 * shortest exact form of an amount in fen).
 */
static int
money(const struct line *ln, const cJSON *o, const char *k, int64_t *f,
	const char *where)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
	char canon[40];

	*f = 0;
	if (!v)
		return M_ABSENT;
	if (cJSON_IsNull(v))
		return M_NULL;
	if (!cJSON_IsNumber(v) || !v->valuestring ||
	    text_fen(v->valuestring, f) < 0) {
		violation(INV_ARITH, ln->id, "%s: %s is not an amount in fen: "
		    "%s",
		    where, k, v->valuestring ? v->valuestring : "(not a "
		    "number)");
		return M_BAD;
	}
	fen_shortest(*f, canon, sizeof canon);
	if (strcmp(canon, v->valuestring) != 0)
		violation(INV_ARITH, ln->id, "%s: %s written %s, not in its "
		    "shortest form %s", where, k, v->valuestring, canon);
	if (*f < 0)
		violation(INV_BOUNDS, ln->id, "%s: %s is negative: "
		    "%s", where, k,
		    v->valuestring);
	return M_FEN;
}

/* ---- exact decimals, for raw = base x rate ---- */

__extension__ typedef unsigned __int128 u128;

/* Reads digits[.digits] into m / 10^s (no sign); -1 if it does not fit. */
static int
text_dec(const char *t, uint64_t *m, int *s)
{
	uint64_t v = 0;
	int sc = 0, seen = 0, point = 0;

	for (; *t; t++) {
		if (*t == '.' && !point) {
			point = 1;
			continue;
		}
		if (*t < '0' || *t > '9')
			break;
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*t - '0');
		seen = 1;
		if (point)
			sc++;
	}
	if (!seen || (*t != '\0' && *t != '%'))
		return -1;
	*m = v;
	*s = sc;
	return 0;
}

/*
 * Fen of base x rate, rounded half up (base and rate not negative):
 * base = bm / 10^bs yuan, rate = rm / 10^rs percent, so the fen are
 * bm * rm / 10^(bs + rs).  -1 when it does not fit.
 */
static int
product_fen(uint64_t bm, int bs, uint64_t rm, int rs, int64_t *out)
{
	u128 p = (u128)bm * rm, d = 1, q;
	int k = bs + rs, i;

	if (k > 36)
		return -1;
	for (i = 0; i < k; i++)
		d *= 10;
	q = p / d;
	if ((p % d) * 2 >= d)
		q++;
	if (q > (u128)INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

/* ---- the per-line checks ---- */

static const char *
str_member(const cJSON *o, const char *k)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int
bool_member(const cJSON *o, const char *k, int *b)
{
	const cJSON *v = o ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;

	if (!cJSON_IsBool(v))
		return -1;
	*b = cJSON_IsTrue(v);
	return 0;
}

static int
valid_basis(const char *b)
{
	return b && (strcmp(b, "formula") == 0 || strcmp(b, "fixed") == 0 ||
	    strcmp(b, "ceiling") == 0 || strcmp(b, "unquantified") == 0);
}

/* Statistics: how much of the checking had anything to check. */
static struct {
	long items, eligible, formula, fixed, ceiling, unquantified;
	long multipart, set_aside, part_capped, program_capped, capped;
	long arith, warnings, none_eligible;
	long checks, checks_not_met, checks_unknown, entries, not_counted;
	long no_award, lang_lines;
	long with_ceiling, ceiled, rate_ceilings, guides, ledgers;
	long below_quoted;
	long due, due_window, incomplete;
} st;

/* Days from 1970-01-01 of "YYYY-MM-DD", or LONG_MIN when it is not a
 * date of that form. */
static long
day_number(const char *s)
{
	int y, m, d;
	long yy, mm, era, yoe, doy;

	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return LONG_MIN;
	/* days_from_civil of H. Hinnant's date algorithms: the year from
	 * March, so that the leap day ends it */
	yy = m <= 2 ? y - 1 : y;
	mm = m <= 2 ? m + 9 : m - 3;
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * mm + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* What to do next on item it of a result of claim date as_of: due, and
 * incomplete with missing (INV_NEXT). */
static void
check_next(const struct line *ln, const cJSON *it, const char *as_of)
{
	const cJSON *due = cJSON_GetObjectItemCaseSensitive(it, "due");
	const cJSON *inc = cJSON_GetObjectItemCaseSensitive(it, "incomplete");
	const cJSON *mis = cJSON_GetObjectItemCaseSensitive(it, "missing");
	const char *prog = str_member(it, "program");
	int eligible = 0;

	if (bool_member(it, "eligible", &eligible) < 0)
		return;		/* INV_ITEMS says so */
	if (due) {
		const cJSON *dl = cJSON_GetObjectItemCaseSensitive(due,
		    "days_left");
		const char *by = str_member(due, "by");
		long last = day_number(str_member(due, "last_day"));
		long claim = day_number(as_of);

		st.due++;
		if (by && strcmp(by, "window") == 0)
			st.due_window++;
		if (!eligible || !cJSON_IsNumber(dl) || last == LONG_MIN ||
		    claim == LONG_MIN || !by || (strcmp(by, "validity") != 0 &&
		    strcmp(by, "window") != 0) || dl->valuedouble < 0 ||
		    (long)dl->valuedouble != last - claim)
			violation(INV_NEXT, ln->id, "%s: due on an item that is "
			    "not eligible, or its last day (%s) is not the "
			    "claim date %s plus days_left, or before it",
			    prog ? prog : "-", str_member(due, "last_day") ?
			    str_member(due, "last_day") : "(none)", as_of);
	}
	if (inc || mis) {
		st.incomplete++;
		if (eligible || !cJSON_IsTrue(inc) || !cJSON_IsArray(mis) ||
		    cJSON_GetArraySize(mis) == 0)
			violation(INV_NEXT, ln->id, "%s: incomplete on an "
			    "eligible item, or without the fields to give",
			    prog ? prog : "-");
	}
}

/*
 * raw = base x rate, rounded half up to the fen, for a calculation or a
 * part c that shows base, rate and raw.  Returns the raw fen through *raw.
 */
static void
check_arith(const struct line *ln, const cJSON *c, const char *where)
{
	const cJSON *base = cJSON_GetObjectItemCaseSensitive(c, "base");
	const char *rate = str_member(c, "rate");
	int64_t raw, want;
	uint64_t bm, rm;
	int bs, rs, r;
	size_t rl;

	r = money(ln, c, "raw", &raw, where);
	if (!base && !rate && r == M_ABSENT)
		return;
	if (!cJSON_IsNumber(base) || !rate || r != M_FEN) {
		violation(INV_ARITH, ln->id, "%s: base, rate and raw go "
		    "together, as numbers, a percentage and an amount", where);
		return;
	}
	rl = strlen(rate);
	if (rl < 2 || rate[rl - 1] != '%' || text_dec(base->valuestring, &bm,
	    &bs) < 0 || text_dec(rate, &rm, &rs) < 0) {
		violation(INV_ARITH, ln->id, "%s: cannot read base %s or rate "
		    "%s", where, base->valuestring, rate);
		return;
	}
	/* percent: rm / 10^rs % = rm / 10^(rs+2); times 100 for fen */
	if (product_fen(bm, bs, rm, rs, &want) < 0) {
		violation(INV_ARITH, ln->id, "%s: %s x %s does not fit in "
		    "int64 "
		    "fen but raw is %lld", where, base->valuestring, rate,
		    (long long)raw);
		return;
	}
	st.arith++;
	if (want != raw)
		violation(INV_ARITH, ln->id, "%s: %s x %s rounds to %lld fen, "
		    "raw is %lld fen", where, base->valuestring, rate,
		    (long long)want, (long long)raw);
}

/*
 * An award's own figures in c (a part, or a calculation with a single
 * part): raw or award, cap, capped, and for a formula with a ceiling
 * besides its cap, ceiling and ceiled.  Returns its amount after its own
 * cap (and ceiling) in *amt and what it may pay at most in *up (the
 * ceiling's min(raw, ceiling), else the amount), and 0; -1 when c shows
 * no raw or award.  A ceiling worked out as base x rate shows raw, cap
 * and capped too: *amt is then min(raw, cap), which is its up_to.
 */
static int
award_figures(const struct line *ln, const cJSON *c, const char *where,
	int64_t *amt, int64_t *up)
{
	int64_t raw, award, cap, ceil_ = 0, own;
	int rr, ra, rc, rl, capped, ceiled = 0;

	check_arith(ln, c, where);
	rr = money(ln, c, "raw", &raw, where);
	ra = money(ln, c, "award", &award, where);
	if (ra == M_FEN)
		raw = award;
	if (rr == M_ABSENT && ra == M_ABSENT)
		return -1;
	if ((rr == M_FEN) == (ra == M_FEN)) {
		violation(INV_PARTS, ln->id, "%s: shows both or neither of raw "
		    "and award", where);
		return -1;
	}
	rc = money(ln, c, "cap", &cap, where);
	if (rc == M_BAD || rc == M_ABSENT || bool_member(c, "capped",
	    &capped) < 0) {
		violation(INV_BOUNDS, ln->id, "%s: an award's calculation "
		    "shows "
		    "cap (amount or null) and capped (boolean)", where);
		return -1;
	}
	rl = money(ln, c, "ceiling", &ceil_, where);
	if (rl == M_BAD)
		return -1;
	if (rl != M_ABSENT && (rl != M_FEN || rr != M_FEN ||
	    bool_member(c, "ceiled", &ceiled) < 0)) {
		violation(INV_BOUNDS, ln->id, "%s: a ceiling besides the cap "
		    "is an amount, of a formula, with ceiled (boolean)",
		    where);
		return -1;
	}
	own = rc == M_FEN && raw > cap ? cap : raw;
	*up = own;
	if (rl == M_FEN) {
		/* amount = min(raw, cap, ceiling), up_to = min(raw,
		 * ceiling): the cap holds the amount as a rule, the ceiling
		 * is the most it may pay */
		if (ceiled != (raw > ceil_))
			violation(INV_BOUNDS, ln->id, "%s: ceiled is %s, raw "
			    "%lld fen, ceiling %lld", where, ceiled ? "true" :
			    "false", (long long)raw, (long long)ceil_);
		*up = raw > ceil_ ? ceil_ : raw;
		if (own > *up)
			own = *up;
		st.ceiled += ceiled;
		st.with_ceiling++;
	}
	/* capped: the award is held below its raw figure */
	if (capped != (own < raw))
		violation(INV_BOUNDS, ln->id, "%s: capped is %s, raw %lld fen, "
		    "cap %s%s", where, capped ? "true" : "false",
		    (long long)raw, rc == M_FEN ? "given" : "null",
		    rl == M_FEN ? ", and a ceiling" : "");
	if (capped)
		st.part_capped++;
	*amt = own;
	return 0;
}

/*
 * A formula with a ceiling besides its cap (c shows "ceiling"): amount
 * <= up_to <= ceiling, and amount <= cap when there is one.
 */
static void
ceiling_bounds(const struct line *ln, const cJSON *c, int64_t amount,
	int64_t up_to, const char *where)
{
	int64_t ceil_, cap;

	if (money(ln, c, "ceiling", &ceil_, where) != M_FEN)
		return;
	if (amount > up_to || up_to > ceil_ || (money(ln, c, "cap", &cap,
	    where) == M_FEN && amount > cap))
		violation(INV_BOUNDS, ln->id, "%s: amount %lld, up_to %lld "
		    "fen, ceiling %lld: not amount <= up_to <= ceiling, "
		    "amount <= cap", where, (long long)amount,
		    (long long)up_to, (long long)ceil_);
}

/* Whether a term the item used is graded report, draft or assumed. */
static int
below_quoted(const cJSON *it)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(it, "terms")) {
		const char *g = str_member(t, "confidence");

		if (g && (strcmp(g, "report") == 0 || strcmp(g, "draft") == 0 ||
		    strcmp(g, "assumed") == 0))
			return 1;
	}
	return 0;
}

/*
 * The ledger of an item (each cap that accumulates): remaining = max(0,
 * cap - prior), prior the sum of the prior awards it counted (each of
 * them counted, or left out after_as_of or other_year), a year exactly
 * for an annual cap; the item's amount (and up_to) within what remains
 * of a program's cap, and the amount of an item of one award within what
 * remains of that award's.
 */
static void
check_ledger(const struct line *ln, const cJSON *it, int has_parts,
	const int64_t *amount, const int64_t *up_to, const char *where)
{
	const cJSON *led = cJSON_GetObjectItemCaseSensitive(it, "ledger");
	const cJSON *l;
	int i = 0;

	if (!led)
		return;
	if (!cJSON_IsArray(led) || cJSON_GetArraySize(led) == 0) {
		violation(INV_LEDGER, ln->id, "%s: ledger is not a non-empty "
		    "array", where);
		return;
	}
	cJSON_ArrayForEach(l, led) {
		const char *of = str_member(l, "of");
		const char *per = str_member(l, "per");
		const cJSON *pa = cJSON_GetObjectItemCaseSensitive(l,
		    "prior_awards"), *e;
		int64_t cap, prior, rem, sum = 0, want;
		char lw[200];

		snprintf(lw, sizeof lw, "%s ledger[%d]", where, i++);
		st.ledgers++;
		if (!of || !per || (strcmp(of, "award") != 0 &&
		    strcmp(of, "program") != 0) || (strcmp(per, "year") != 0 &&
		    strcmp(per, "cumulative") != 0) ||
		    (strcmp(per, "year") == 0) !=
		    (cJSON_GetObjectItemCaseSensitive(l, "year") != NULL) ||
		    money(ln, l, "cap", &cap, lw) != M_FEN ||
		    money(ln, l, "prior", &prior, lw) != M_FEN ||
		    money(ln, l, "remaining", &rem, lw) != M_FEN ||
		    !cJSON_IsArray(pa)) {
			violation(INV_LEDGER, ln->id, "%s: not of (award, "
			    "program), per (year with its year, cumulative), "
			    "cap, prior, remaining and prior_awards", lw);
			continue;
		}
		cJSON_ArrayForEach(e, pa) {
			int64_t a;
			int counted;
			const char *left = str_member(e, "left_out");

			if (money(ln, e, "amount", &a, lw) != M_FEN ||
			    bool_member(e, "counted", &counted) < 0 ||
			    (counted ? left != NULL : !left ||
			    (strcmp(left, "after_as_of") != 0 &&
			    strcmp(left, "other_year") != 0))) {
				violation(INV_LEDGER, ln->id, "%s: a prior award "
				    "has an amount, counted, and left_out "
				    "(after_as_of, other_year) when not "
				    "counted", lw);
				continue;
			}
			if (counted && __builtin_add_overflow(sum, a, &sum))
				violation(INV_LEDGER, ln->id, "%s: prior "
				    "overflows", lw);
		}
		want = cap > prior ? cap - prior : 0;
		if (prior != sum || rem != want)
			violation(INV_LEDGER, ln->id, "%s: cap %lld, prior %lld "
			    "(the counted awards add up to %lld), remaining "
			    "%lld, not max(0, cap - prior) = %lld", lw,
			    (long long)cap, (long long)prior, (long long)sum,
			    (long long)rem, (long long)want);
		if (strcmp(of, "program") == 0 ? (amount && *amount > rem) ||
		    (up_to && *up_to > rem) : !has_parts && amount &&
		    *amount > rem)
			violation(INV_LEDGER, ln->id, "%s: the item pays more "
			    "than remains of the %s's cap, %lld fen", lw, of,
			    (long long)rem);
	}
}

/* Sums without overflow (a violation if they do overflow). */
static void
add_fen(const struct line *ln, int64_t *sum, int64_t v, const char *what)
{
	if (__builtin_add_overflow(*sum, v, sum))
		violation(INV_TOTALS, ln->id, "%s overflows int64 fen", what);
}

/*
 * One item: eligible or not, amount and up_to, and its calculation.
 * Adds its figures to *tot_amount, *tot_up_to and *tot_unq.
 */
static void
check_item(const struct line *ln, const cJSON *it, int64_t *tot_amount,
	int64_t *tot_up_to, long *tot_unq)
{
	const char *prog = str_member(it, "program");
	const char *basis = str_member(it, "basis");
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(it, "calculation");
	const cJSON *parts, *g;
	char where[160];
	int64_t amount, up_to;
	int ra, ru, eligible;

	snprintf(where, sizeof where, "%s", prog ? prog : "(no program)");
	st.items++;
	if (!prog || bool_member(it, "eligible", &eligible) < 0 ||
	    !valid_basis(basis) || !c) {
		violation(INV_ITEMS, ln->id, "%s: an item has program, "
		    "eligible, basis (one of formula, fixed, ceiling, "
		    "unquantified) and calculation", where);
		return;
	}
	ra = money(ln, it, "amount", &amount, where);
	ru = money(ln, it, "up_to", &up_to, where);
	if (ra == M_BAD || ru == M_BAD || ra == M_ABSENT || ru == M_ABSENT) {
		if (ra == M_ABSENT || ru == M_ABSENT)
			violation(INV_ITEMS, ln->id, "%s: amount or up_to "
			    "missing", where);
		return;
	}
	g = cJSON_GetObjectItemCaseSensitive(it, "guide");
	if (g) {
		st.guides++;
		if (!eligible || !cJSON_IsObject(g))
			violation(INV_ITEMS, ln->id, "%s: a guide, on an item "
			    "that is not eligible, or not an object", where);
	}
	if (eligible && ((ra == M_FEN && amount > 0) || (ru == M_FEN &&
	    up_to > 0)) && below_quoted(it)) {
		const cJSON *notes = cJSON_GetObjectItemCaseSensitive(it,
		    "notes");

		st.below_quoted++;
		if (!cJSON_IsArray(notes) || !cJSON_IsString(
		    cJSON_GetArrayItem(notes, cJSON_GetArraySize(notes) - 1)))
			violation(INV_ITEMS, ln->id, "%s: pays on a term graded "
			    "below quoted, yet ends its notes with no note",
			    where);
	}
	check_ledger(ln, it, cJSON_GetObjectItemCaseSensitive(c, "parts") !=
	    NULL, ra == M_FEN ? &amount : NULL, ru == M_FEN ? &up_to : NULL,
	    where);
	if (ra == M_FEN)
		add_fen(ln, tot_amount, amount, "total.amount");
	if (ru == M_FEN)
		add_fen(ln, tot_up_to, up_to, "total.up_to");
	if (!eligible) {
		if (ra != M_FEN || amount != 0 || ru != M_FEN || up_to != 0 ||
		    !cJSON_IsNull(c))
			violation(INV_ITEMS, ln->id, "%s: not eligible, yet "
			    "amount, up_to or calculation is not 0, 0, null",
			    where);
		return;
	}
	st.eligible++;
	if (ra == M_NULL && ru == M_NULL)
		(*tot_unq)++;
	if (strcmp(basis, "formula") == 0)
		st.formula++;
	else if (strcmp(basis, "fixed") == 0)
		st.fixed++;
	else if (strcmp(basis, "ceiling") == 0)
		st.ceiling++;
	else
		st.unquantified++;
	if (!cJSON_IsObject(c)) {
		violation(INV_ITEMS, ln->id, "%s: eligible, yet no calculation "
		    "object", where);
		return;
	}
	if (ra == M_FEN && ru == M_FEN && amount > up_to)
		violation(INV_BOUNDS, ln->id, "%s: amount %lld fen > up_to "
		    "%lld "
		    "fen", where, (long long)amount, (long long)up_to);
	if (ra == M_FEN && ru == M_NULL)
		violation(INV_BOUNDS, ln->id, "%s: an amount with no up_to",
		    where);

	parts = cJSON_GetObjectItemCaseSensitive(c, "parts");
	if (parts) {
		/* several awards, or some set aside */
		const cJSON *p;
		const char *first_basis = NULL, *p0_basis = NULL;
		int64_t s_amt = 0, s_up = 0, sum, sum_up, cap;
		int any_amt = 0, any_up = 0, all_aside = 1, rs, rsu, rc;
		int capped, i = 0;

		st.multipart++;
		if (!cJSON_IsArray(parts) || cJSON_GetArraySize(parts) == 0) {
			violation(INV_PARTS, ln->id, "%s: parts is not a "
			    "non-empty array", where);
			return;
		}
		cJSON_ArrayForEach(p, parts) {
			char pw[256];
			const char *pb = str_member(p, "basis");
			const char *label = str_member(p, "label");
			const cJSON *aside;
			int64_t pa, pu, own, own_up;
			int rpa, rpu;

			snprintf(pw, sizeof pw, "%s parts[%d] (%s)", where, i++,
			    label ? label : "no label");
			if (!valid_basis(pb) || !label) {
				violation(INV_PARTS, ln->id, "%s: a part has a "
				    "label and a basis", pw);
				continue;
			}
			if (!p0_basis)
				p0_basis = pb;
			rpa = money(ln, p, "amount", &pa, pw);
			rpu = money(ln, p, "up_to", &pu, pw);
			if (rpa == M_BAD || rpu == M_BAD || rpa == M_ABSENT ||
			    rpu == M_ABSENT) {
				if (rpa == M_ABSENT || rpu == M_ABSENT)
					violation(INV_PARTS, ln->id, "%s: "
					    "amount "
					    "or up_to missing", pw);
				continue;
			}
			if (strcmp(pb, "formula") == 0 ||
			    strcmp(pb, "fixed") == 0) {
				if (award_figures(ln, p, pw, &own,
				    &own_up) < 0) {
					violation(INV_PARTS, ln->id, "%s: a %s "
					    "part shows raw or award", pw, pb);
				} else {
					if (rpa != M_FEN || own != pa)
						violation(INV_PARTS, ln->id,
						    "%s: amount is not its raw "
						    "or award after its cap "
						    "(%lld fen)", pw,
						    (long long)own);
					if (rpu != M_FEN || pu != own_up)
						violation(INV_PARTS, ln->id,
						    "%s: a %s part's up_to is "
						    "its amount, or its raw "
						    "after its ceiling (%lld "
						    "fen)", pw, pb,
						    (long long)own_up);
					if (rpa == M_FEN && rpu == M_FEN)
						ceiling_bounds(ln, p, pa, pu,
						    pw);
				}
			} else if (strcmp(pb, "ceiling") == 0) {
				if (rpa != M_NULL || rpu != M_FEN)
					violation(INV_PARTS, ln->id, "%s: a "
					    "ceiling has no amount, only up_to",
					    pw);
				else if (cJSON_GetObjectItemCaseSensitive(p,
				    "raw") && award_figures(ln, p, pw, &own,
				    &own_up) == 0) {
					/* base x rate, at most its cap */
					st.rate_ceilings++;
					if (pu != own)
						violation(INV_PARTS, ln->id,
						    "%s: a ceiling of a rate is "
						    "its raw after its cap, "
						    "%lld fen", pw,
						    (long long)own);
				}
			} else if (rpa != M_NULL || rpu != M_NULL) {
				violation(INV_PARTS, ln->id, "%s: an "
				    "unquantified part has no figures", pw);
			}
			if (rpa == M_FEN && rpu == M_FEN && pa > pu)
				violation(INV_BOUNDS, ln->id, "%s: amount > "
				    "up_to", pw);
			aside = cJSON_GetObjectItemCaseSensitive(p,
			    "set_aside");
			if (aside) {
				if (!cJSON_IsString(aside) ||
				    !aside->valuestring[0])
					violation(INV_PARTS, ln->id, "%s: "
					    "set_aside is a reason", pw);
				st.set_aside++;
				continue;
			}
			all_aside = 0;
			if (!first_basis)
				first_basis = pb;
			if (rpa == M_FEN) {
				any_amt = 1;
				add_fen(ln, &s_amt, pa, "sum of parts");
			}
			if (rpu == M_FEN) {
				any_up = 1;
				add_fen(ln, &s_up, pu, "sum of parts' up_to");
			}
		}
		if (!p0_basis)
			return;
		if (strcmp(basis, all_aside ? p0_basis : first_basis) != 0)
			violation(INV_PARTS, ln->id, "%s: basis %s, not that "
			    "of "
			    "its first part paid, %s", where, basis,
			    all_aside ? p0_basis : first_basis);
		rs = money(ln, c, "sum", &sum, where);
		rsu = money(ln, c, "sum_up_to", &sum_up, where);
		rc = money(ln, c, "cap", &cap, where);
		if (rs == M_BAD || rsu == M_BAD || rc == M_BAD)
			return;
		if (rs == M_ABSENT || rc == M_ABSENT ||
		    bool_member(c, "capped", &capped) < 0) {
			violation(INV_PARTS, ln->id, "%s: parts come with sum, "
			    "cap and capped", where);
			return;
		}
		if (any_amt || all_aside) {
			if (rs != M_FEN || sum != s_amt)
				violation(INV_PARTS, ln->id, "%s: sum is not "
				    "the sum of the parts paid, %lld fen",
				    where, (long long)s_amt);
		} else if (rs != M_NULL) {
			violation(INV_PARTS, ln->id, "%s: a sum with no part "
			    "that has an amount", where);
		}
		if (rsu == M_FEN) {
			if (!(any_up || all_aside) || sum_up != s_up ||
			    (rs == M_FEN && sum_up == sum))
				violation(INV_PARTS, ln->id, "%s: sum_up_to is "
				    "not the parts' up_to, %lld fen, or "
				    "repeats sum", where, (long long)s_up);
		} else {
			sum_up = rs == M_FEN ? sum : 0;
			if ((any_up || all_aside) && s_up != sum_up)
				violation(INV_PARTS, ln->id, "%s: no "
				    "sum_up_to, "
				    "yet the parts' up_to, %lld fen, is not "
				    "the sum", where, (long long)s_up);
			sum_up = s_up;
		}
		if (capped != (rc == M_FEN && ((rs == M_FEN && sum > cap) ||
		    ((any_up || all_aside) && sum_up > cap))))
			violation(INV_BOUNDS, ln->id, "%s: capped is %s, sum "
			    "%lld, up_to of parts %lld, cap %lld", where,
			    capped ? "true" : "false", (long long)sum,
			    (long long)sum_up, (long long)cap);
		if (capped)
			st.capped++;
		if (rs == M_FEN) {
			int64_t want = rc == M_FEN && sum > cap ? cap : sum;

			if (ra != M_FEN || amount != want)
				violation(INV_PARTS, ln->id, "%s: amount is "
				    "not "
				    "the sum after the program cap, %lld fen",
				    where, (long long)want);
		} else if (ra != M_NULL) {
			violation(INV_PARTS, ln->id, "%s: an amount but no "
			    "sum", where);
		}
		if (any_up || all_aside) {
			int64_t want = rc == M_FEN && sum_up > cap ? cap :
			    sum_up;

			if (ru != M_FEN || up_to != want)
				violation(INV_PARTS, ln->id, "%s: up_to is not "
				    "the parts' up_to after the program cap, "
				    "%lld fen", where, (long long)want);
		} else if (ru != M_NULL) {
			violation(INV_PARTS, ln->id, "%s: up_to but no part "
			    "with one", where);
		}
		if (rc == M_FEN && ((ra == M_FEN && amount > cap) ||
		    (ru == M_FEN && up_to > cap)))
			violation(INV_BOUNDS, ln->id, "%s: amount or up_to "
			    "above the cap", where);
		return;
	}

	/* one award: its figures, then the program cap if shown */
	{
		int64_t own = 0, own_up = 0, pc = 0;
		int have, rpc, pcapped = 0;

		have = award_figures(ln, c, where, &own, &own_up) == 0;
		rpc = money(ln, c, "program_cap", &pc, where);
		if (rpc == M_BAD)
			return;
		if (rpc == M_FEN && bool_member(c, "program_capped",
		    &pcapped) < 0) {
			violation(INV_BOUNDS, ln->id, "%s: program_cap without "
			    "program_capped", where);
			return;
		}
		if (pcapped)
			st.program_capped++;
		if (have) {
			/* a ceiling worked out as base x rate: up_to only */
			int of_rate = strcmp(basis, "ceiling") == 0 &&
			    cJSON_GetObjectItemCaseSensitive(c, "raw");
			int64_t want = own, want_up = of_rate ? own : own_up;

			if (of_rate)
				st.rate_ceilings++;
			else if (strcmp(basis,
			    cJSON_GetObjectItemCaseSensitive(c, "raw") ?
			    "formula" : "fixed") != 0)
				violation(INV_PARTS, ln->id, "%s: basis %s, "
				    "yet "
				    "the calculation shows %s", where, basis,
				    cJSON_GetObjectItemCaseSensitive(c, "raw") ?
				    "raw" : "award");
			if (rpc == M_FEN) {
				int over = want_up > pc || (!of_rate &&
				    want > pc);

				if (pcapped != over)
					violation(INV_BOUNDS, ln->id, "%s: "
					    "program_capped is %s, the award "
					    "%lld fen (up to %lld), the "
					    "program cap %lld", where,
					    pcapped ? "true" : "false",
					    (long long)want, (long long)want_up,
					    (long long)pc);
				if (want > pc)
					want = pc;
				if (want_up > pc)
					want_up = pc;
			}
			if (of_rate) {
				if (ra != M_NULL || ru != M_FEN ||
				    up_to != want_up)
					violation(INV_PARTS, ln->id, "%s: a "
					    "ceiling of a rate has no amount, "
					    "and up_to its raw after its caps, "
					    "%lld fen", where,
					    (long long)want_up);
			} else if (ra != M_FEN || amount != want ||
			    ru != M_FEN || up_to != want_up) {
				violation(INV_PARTS, ln->id, "%s: amount and "
				    "up_to are not the award after its caps "
				    "(and ceiling), %lld and %lld fen", where,
				    (long long)want, (long long)want_up);
			}
			if (!of_rate && ra == M_FEN && ru == M_FEN)
				ceiling_bounds(ln, c, amount, up_to, where);
		} else if (strcmp(basis, "ceiling") == 0) {
			if (ra != M_NULL || ru != M_FEN)
				violation(INV_PARTS, ln->id, "%s: a ceiling "
				    "has "
				    "no amount, only up_to", where);
			else if (rpc == M_FEN && (up_to > pc ||
			    pcapped != (up_to == pc)))
				violation(INV_BOUNDS, ln->id, "%s: the ceiling "
				    "%lld is not within the program cap %lld",
				    where, (long long)up_to, (long long)pc);
		} else if (strcmp(basis, "unquantified") == 0) {
			if (ra != M_NULL || ru != M_NULL)
				violation(INV_PARTS, ln->id, "%s: "
				    "unquantified, "
				    "yet a figure", where);
		} else {
			violation(INV_PARTS, ln->id, "%s: basis %s, yet "
			    "neither "
			    "raw nor award", where, basis);
		}
	}
}

/* ---- the decision record: checks, entries, reasons ---- */

/* Whether id names a check: in_force, applicants, conditions[N] or
 * awards[N].when[N]; *award is 2 for a check of an award (1 when it
 * stopped at awards[N]). */
static int
check_id(const char *id, int *award)
{
	const char *p;

	*award = 0;
	if (strcmp(id, "in_force") == 0 || strcmp(id, "applicants") == 0)
		return 1;
	if (strncmp(id, "conditions[", 11) == 0) {
		p = id + 11;
	} else if (strncmp(id, "awards[", 7) == 0) {
		*award = 1;
		p = id + 7;
	} else {
		return 0;
	}
	for (;;) {
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p++ != ']')
			return 0;
		if (*p == '\0')
			return 1;
		if (*award != 1 || strncmp(p, ".when[", 6) != 0)
			return 0;
		p += 6;
		*award = 2;
	}
}

/* What is wrong with r as one read: {"field": F, and exactly one of
 * "value": V, "entries": N, "given": true}; NULL when nothing is. */
static const char *
read_fault(const cJSON *r)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(r, "field");
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(r, "entries");
	const cJSON *g = cJSON_GetObjectItemCaseSensitive(r, "given");
	const char *t;

	if (!cJSON_IsObject(r))
		return "a read is not an object";
	if (!cJSON_IsString(f) || !f->valuestring[0])
		return "a read names no field";
	if ((cJSON_GetObjectItemCaseSensitive(r, "value") != NULL) +
	    (n != NULL) + (g != NULL) != 1)
		return "a read says what it saw (value, entries or given) "
		    "not once";
	if (n) {
		if (!cJSON_IsNumber(n) || !n->valuestring)
			return "a read's entries is not a count";
		for (t = n->valuestring; *t >= '0' && *t <= '9'; t++)
			;
		if (*t || t == n->valuestring)
			return "a read's entries is not a count";
	}
	if (g && !cJSON_IsTrue(g))
		return "a read's given is not true";
	return NULL;
}

/* Whether the reads name field with the value null. */
static int
read_null(const cJSON *read, const char *field)
{
	const cJSON *r;

	cJSON_ArrayForEach(r, read) {
		const char *f = str_member(r, "field");

		if (f && strcmp(f, field) == 0 &&
		    cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(r, "value")))
			return 1;
	}
	return 0;
}

/* The fields of missing (an array of names) each read as null. */
static void
check_missing(const struct line *ln, const cJSON *missing,
	const cJSON *read, const char *where)
{
	const cJSON *m;

	if (!cJSON_IsArray(missing)) {
		violation(INV_RECORD, ln->id, "%s: missing is not an array",
		    where);
		return;
	}
	cJSON_ArrayForEach(m, missing)
		if (!cJSON_IsString(m) || !read_null(read, m->valuestring))
			violation(INV_RECORD, ln->id, "%s: missing %s, yet it "
			    "does not read it as null", where,
			    cJSON_IsString(m) ? m->valuestring :
			    "(not a name)");
}

/* One entry, of an item or of a check: list, entry, counted; one not
 * counted says why (needs, value_missing, or dated: after_claim_date,
 * before_validity or before_entries_from, reading the date); its reads
 * are reads. */
static void
check_entry(const struct line *ln, const cJSON *e, const char *where)
{
	const cJSON *read = cJSON_GetObjectItemCaseSensitive(e, "read");
	const cJSON *missing = cJSON_GetObjectItemCaseSensitive(e,
	    "missing");
	const cJSON *r;
	int counted;

	st.entries++;
	if (!str_member(e, "list") || !str_member(e, "entry") ||
	    bool_member(e, "counted", &counted) < 0) {
		violation(INV_RECORD, ln->id, "%s: an entry has list, entry "
		    "and counted", where);
		return;
	}
	if (!counted) {
		const char *dated = str_member(e, "dated");

		st.not_counted++;
		if (!cJSON_GetObjectItemCaseSensitive(e, "needs") &&
		    !cJSON_GetObjectItemCaseSensitive(e, "value_missing") &&
		    !dated)
			violation(INV_RECORD, ln->id, "%s: entry %s of %s is "
			    "not counted, and says neither what it needs, nor "
			    "that its value is missing, nor that it is dated "
			    "outside the claim", where,
			    str_member(e, "entry"), str_member(e, "list"));
		if (dated && ((strcmp(dated, "after_claim_date") != 0 &&
		    strcmp(dated, "before_validity") != 0 &&
		    strcmp(dated, "before_entries_from") != 0) ||
		    cJSON_GetArraySize(read) != 1))
			violation(INV_RECORD, ln->id, "%s: entry %s is dated "
			    "\"%s\", and reads %d fields, not its one date",
			    where, str_member(e, "entry"), dated,
			    cJSON_GetArraySize(read));
	} else if (cJSON_GetObjectItemCaseSensitive(e, "dated")) {
		violation(INV_RECORD, ln->id, "%s: entry %s is counted, yet "
		    "dated outside the claim", where, str_member(e, "entry"));
	}
	if (read && !cJSON_IsArray(read)) {
		violation(INV_RECORD, ln->id, "%s: an entry's read is not an "
		    "array", where);
		return;
	}
	cJSON_ArrayForEach(r, read) {
		const char *why = read_fault(r);

		if (why)
			violation(INV_RECORD, ln->id, "%s: entry %s: %s",
			    where, str_member(e, "entry"), why);
	}
	if (missing)
		check_missing(ln, missing, read, where);
}

/*
 * The reasons that end the items every check of which is met but no award
 * of which applied: all the same, the no-award reason.  The texts are
 * tallied (with the first item of each) and, at the end, every one but
 * the most frequent is a violation (a text beyond the eighth, at once).
 */
static struct no_award {
	char text[512];
	long count;
	char id[64];
	char prog[128];
} no_award[8];
static size_t nno_award;

static void
no_award_add(const struct line *ln, const char *prog, const char *text)
{
	size_t i;

	for (i = 0; i < nno_award; i++)
		if (strcmp(no_award[i].text, text) == 0) {
			no_award[i].count++;
			return;
		}
	if (nno_award == sizeof no_award / sizeof no_award[0]) {
		violation(INV_RECORD, ln->id, "%s: not eligible and every "
		    "check met, yet its last reason is \"%.120s\", not the "
		    "no-award reason \"%.120s\"", prog, text, no_award[0].text);
		return;
	}
	snprintf(no_award[i].text, sizeof no_award[i].text, "%s", text);
	snprintf(no_award[i].id, sizeof no_award[i].id, "%s", ln->id);
	snprintf(no_award[i].prog, sizeof no_award[i].prog, "%s", prog);
	no_award[i].count = 1;
	nno_award++;
}

/* Every last reason of no award but the most frequent is a violation. */
static void
no_award_check(void)
{
	size_t i, top = 0;

	for (i = 1; i < nno_award; i++)
		if (no_award[i].count > no_award[top].count)
			top = i;
	for (i = 0; i < nno_award; i++)
		if (i != top)
			violation(INV_RECORD, no_award[i].id, "%s: not "
			    "eligible and every check met, yet its last reason "
			    "is \"%.120s\" (in %ld items, this the first), not "
			    "the no-award reason of %ld items, \"%.120s\"",
			    no_award[i].prog, no_award[i].text,
			    no_award[i].count, no_award[top].count,
			    no_award[top].text);
}

/*
 * The record of one item of a full result: each check has an outcome; one
 * not met says what it read (in_force reads the claim date), one unknown
 * what is missing (read as null); an eligible item has every check but
 * those of awards met, an ineligible one a check not met, or no award that
 * applied (no calculation, the no-award reason last); an entry not counted
 * says why; a check lists entries only when not met; a reason for every
 * check at least.
 */
static void
check_record(const struct line *ln, const cJSON *it, const char *as_of)
{
	const char *prog = str_member(it, "program");
	const cJSON *checks = cJSON_GetObjectItemCaseSensitive(it, "checks");
	const cJSON *reasons = cJSON_GetObjectItemCaseSensitive(it, "reasons");
	const cJSON *entries = cJSON_GetObjectItemCaseSensitive(it, "entries");
	const cJSON *ch, *x, *last = NULL;
	char where[256];
	int eligible, not_met = 0, i = 0, nchecks, nreasons;

	if (!prog || bool_member(it, "eligible", &eligible) < 0)
		return;		/* INV_ITEMS says so */
	if (!cJSON_IsArray(checks) || !cJSON_IsArray(reasons)) {
		violation(INV_RECORD, ln->id, "%s: no checks or reasons array",
		    prog);
		return;
	}
	nchecks = cJSON_GetArraySize(checks);
	nreasons = cJSON_GetArraySize(reasons);
	cJSON_ArrayForEach(x, reasons) {
		if (!cJSON_IsString(x) || !x->valuestring[0]) {
			violation(INV_RECORD, ln->id, "%s: a reason is not a "
			    "text", prog);
			break;
		}
		last = x;
	}
	if (nreasons < nchecks)
		violation(INV_RECORD, ln->id, "%s: %d reasons for %d checks",
		    prog, nreasons, nchecks);
	cJSON_ArrayForEach(ch, checks) {
		const char *id = str_member(ch, "check");
		const char *out = str_member(ch, "outcome");
		const cJSON *read = cJSON_GetObjectItemCaseSensitive(ch,
		    "read");
		const cJSON *missing = cJSON_GetObjectItemCaseSensitive(ch,
		    "missing");
		const cJSON *ce = cJSON_GetObjectItemCaseSensitive(ch,
		    "entries");
		const cJSON *r;
		int award = 0, met = 0, unknown = 0;

		snprintf(where, sizeof where, "%s checks[%d] (%s)", prog, i++,
		    id ? id : "no id");
		st.checks++;
		if (!id || !check_id(id, &award) || award == 1)
			violation(INV_RECORD, ln->id, "%s: not a check "
			    "(in_force, applicants, conditions[N], "
			    "awards[N].when[N])", where);
		award = award == 2;
		/* "applicants" is the program's, or an award's (with
		 * "award") when the award is for some kinds only */
		if (id && strcmp(id, "applicants") == 0)
			award = cJSON_GetObjectItemCaseSensitive(ch, "award") !=
			    NULL;
		if (award != (cJSON_GetObjectItemCaseSensitive(ch, "award") !=
		    NULL))
			violation(INV_RECORD, ln->id, "%s: names an award but "
			    "is not a check of one, or the other way round",
			    where);
		if (out && strcmp(out, "met") == 0)
			met = 1;
		else if (out && strcmp(out, "unknown") == 0)
			unknown = 1;
		else if (!out || strcmp(out, "not_met") != 0)
			violation(INV_RECORD, ln->id, "%s: outcome %s, not "
			    "met, not_met or unknown", where, out ? out :
			    "(none)");
		if (!met) {
			not_met = 1;
			st.checks_not_met++;
		}
		if (unknown)
			st.checks_unknown++;
		if (!cJSON_IsArray(read)) {
			violation(INV_RECORD, ln->id, "%s: no read array",
			    where);
			continue;
		}
		cJSON_ArrayForEach(r, read) {
			const char *why = read_fault(r);

			if (why)
				violation(INV_RECORD, ln->id, "%s: %s", where,
				    why);
		}
		if (id && strcmp(id, "in_force") == 0) {
			const cJSON *r0 = cJSON_GetArrayItem(read, 0);
			const char *v = str_member(r0, "value");

			if (cJSON_GetArraySize(read) != 1 ||
			    !str_member(r0, "field") ||
			    strcmp(str_member(r0, "field"), "as_of") != 0 ||
			    !v || strcmp(v, as_of) != 0)
				violation(INV_RECORD, ln->id, "%s: does not "
				    "read as_of, %s, alone", where, as_of);
		} else if (!met && cJSON_GetArraySize(read) == 0) {
			violation(INV_RECORD, ln->id, "%s: %s, yet it reads "
			    "nothing", where, out ? out : "no outcome");
		}
		if (unknown && (!cJSON_IsArray(missing) ||
		    cJSON_GetArraySize(missing) == 0))
			violation(INV_RECORD, ln->id, "%s: unknown, yet it "
			    "says nothing is missing", where);
		if (missing)
			check_missing(ln, missing, read, where);
		if (eligible && !award && !met)
			violation(INV_RECORD, ln->id, "%s: eligible, yet %s",
			    where, out ? out : "no outcome");
		if (ce) {
			if (met)
				violation(INV_RECORD, ln->id, "%s: met, yet it "
				    "lists entries", where);
			if (!cJSON_IsArray(ce))
				violation(INV_RECORD, ln->id, "%s: entries is "
				    "not an array", where);
			cJSON_ArrayForEach(x, ce)
				check_entry(ln, x, where);
		}
	}
	if (entries) {
		if (!cJSON_IsArray(entries))
			violation(INV_RECORD, ln->id, "%s: entries is not an "
			    "array", prog);
		cJSON_ArrayForEach(x, entries)
			check_entry(ln, x, prog);
	}
	if (eligible || not_met)
		return;
	/* not eligible, every check met: no award applied */
	st.no_award++;
	if (!cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(it,
	    "calculation")))
		violation(INV_RECORD, ln->id, "%s: not eligible and every "
		    "check met, yet a calculation", prog);
	if (!last)
		violation(INV_RECORD, ln->id, "%s: not eligible and every "
		    "check met, yet no reason", prog);
	else
		no_award_add(ln, prog, last->valuestring);
}

/* ---- places and their programs ---- */

struct place {
	char *key;
	char *programs;
	char first_buf[32];
};

static struct place places[256];
static size_t nplaces;

static void
check_programs(const struct line *ln, const cJSON *profile,
	const cJSON *items)
{
	const char *city = str_member(profile, "city");
	const char *prov = str_member(profile, "province");
	char key[512];
	char *progs;
	size_t len = 1, i;
	const cJSON *it;

	snprintf(key, sizeof key, "%s|%s", city ? city : "(no city)",
	    prov ? prov : "(no province)");
	/* a municipality (its programs all of one jurisdiction M, named as
	 * the city, the province or both) is one place however it is given */
	if (city || prov) {
		const char *m = city ? city : prov;
		int all = (!city || !prov || strcmp(city, prov) == 0) &&
		    cJSON_GetArraySize(items) > 0;

		cJSON_ArrayForEach(it, items) {
			const char *j = str_member(it, "jurisdiction");

			if (!j || strcmp(j, m) != 0)
				all = 0;
		}
		if (all)
			snprintf(key, sizeof key, "municipality %s", m);
	}
	cJSON_ArrayForEach(it, items) {
		const char *p = str_member(it, "program");

		len += (p ? strlen(p) : 0) + 1;
	}
	progs = malloc(len);
	if (!progs)
		return;
	progs[0] = '\0';
	{
		size_t at = 0;

		cJSON_ArrayForEach(it, items) {
			const char *p = str_member(it, "program");
			size_t n = p ? strlen(p) : 0;

			memcpy(progs + at, p ? p : "", n);
			at += n;
			progs[at++] = ' ';
			progs[at] = '\0';
		}
	}
	for (i = 0; i < nplaces; i++)
		if (strcmp(places[i].key, key) == 0)
			break;
	if (i == nplaces) {
		if (nplaces == sizeof places / sizeof places[0]) {
			free(progs);
			return;
		}
		places[i].key = malloc(strlen(key) + 1);
		if (!places[i].key) {
			free(progs);
			return;
		}
		memcpy(places[i].key, key, strlen(key) + 1);
		places[i].programs = progs;
		snprintf(places[i].first_buf, sizeof places[i].first_buf, "%s",
		    ln->id);
		nplaces++;
		return;
	}
	if (strcmp(places[i].programs, progs) != 0)
		violation(INV_ITEMS, ln->id, "place %s lists programs [%s], "
		    "but %s at the same place [%s]", key, progs,
		    places[i].first_buf, places[i].programs);
	free(progs);
}

/* ---- files ---- */

struct src {
	const char *name;
	FILE *f;
	char *buf;
	size_t cap;
	ssize_t len;		/* of the last line read, -1 at the end */
	long lines;
};

static int
src_open(struct src *s, const char *dir, const char *name, int need)
{
	char path[4096];

	memset(s, 0, sizeof *s);
	s->name = name;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	s->f = fopen(path, "rb");
	if (!s->f && need) {
		fprintf(stderr, "check: unable to open %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

/* Reads the next line; its length without the newline, or -1. */
static ssize_t
src_line(struct src *s)
{
	if (!s->f) {
		s->len = -1;
		return -1;
	}
	s->len = getline(&s->buf, &s->cap, s->f);
	if (s->len >= 0)
		s->lines++;
	return s->len;
}

static size_t
chomp(const struct src *s)
{
	size_t n = (size_t)s->len;

	if (n && s->buf[n - 1] == '\n')
		n--;
	return n;
}

/* A whole file in memory (NUL-terminated); NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			char *q;

			cap = cap ? cap * 2 : 65536;
			q = realloc(p, cap + 1);
			if (!q) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = q;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	p[n] = '\0';
	*len = n;
	return p;
}

/* ---- the run's status file ---- */

#define MAX_CRASH 4096
static struct crash {
	char mode[32];
	long line;
	int rc;
	char msg[160];
	char id[64];		/* the profile's, once its line is read */
} crashes[MAX_CRASH];
static size_t ncrashes;

/* A crash recorded for this line and mode, or NULL. */
static struct crash *
crash_at(const char *mode, long line)
{
	size_t i;

	for (i = 0; i < ncrashes; i++)
		if (crashes[i].line == line &&
		    strcmp(crashes[i].mode, mode) == 0)
			return &crashes[i];
	return NULL;
}

static int
read_status(const char *dir)
{
	char path[4096], *line = NULL;
	size_t cap = 0;
	FILE *f;
	long runs = 0;

	snprintf(path, sizeof path, "%s/status", dir);
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "check: unable to open %s\n", path);
		return -1;
	}
	while (getline(&line, &cap, f) >= 0) {
		char name[64], mode[32];
		long a, b;
		int n = 0;

		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "crash %31s %ld %ld "
		    "%n", mode, &a, &b, &n) >= 3) {
			if (ncrashes < MAX_CRASH) {
				struct crash *c = &crashes[ncrashes++];

				snprintf(c->mode, sizeof c->mode, "%s", mode);
				c->line = a;
				c->rc = (int)b;
				snprintf(c->msg, sizeof c->msg, "%s", n > 0 ?
				    line + n : "");
			}
		} else if (sscanf(line, "unlocated %31s %ld", mode, &a) == 2) {
			violation(INV_EXIT, NULL, "%s: stopped locating "
			    "crashes "
			    "at line %ld: later lines were not evaluated", mode,
			    a);
		} else if (sscanf(line, "%63s %ld %ld", name, &a, &b) == 3) {
			runs++;
			if (a != 0 || b != 0)
				violation(INV_EXIT, NULL, "run %s: exit status "
				    "%ld, %ld bytes on standard error", name, a,
				    b);
		}
	}
	free(line);
	fclose(f);
	if (runs == 0) {
		violation(INV_EXIT, NULL, "%s records no run", path);
	}
	return 0;
}

/* ---- one line of every output ---- */

struct outs {
	struct src prof, full, compact, elig, pretty, summary, jur;
	struct src auto_, stdin_;	/* --compact without --batch, a pipe */
	struct src en, compact_en;	/* full and --compact with --lang en */
	const char *dir;
	const char *as_of;
	char digest[128];
	char tool[64];
	int every;
	long singles;
	long qualified;		/* to_qualify of profiles alone, set aside */
};

/* Parses an output line; NULL (with a violation) when it is not a
 * result: a crash placeholder, an error record, not JSON. */
static cJSON *
result_line(const struct line *ln, struct src *s, const char *mode)
{
	cJSON *t;
	struct crash *cr = crash_at(strcmp(mode, "eligible-only") == 0 ?
	    "eligible" : mode, ln->no);

	if (s->len < 0) {
		violation(INV_LINES, ln->id, "%s: no result line for input "
		    "line %ld", mode, ln->no);
		return NULL;
	}
	if (cr) {
		snprintf(cr->id, sizeof cr->id, "%s", ln->id);
		violation(INV_EXIT, ln->id, "%s: the run died on this profile "
		    "(line %ld, exit status %d: %s)", mode, ln->no, cr->rc,
		    cr->msg);
		return NULL;
	}
	t = parse_exact(s->buf, chomp(s));
	if (!t || !cJSON_IsObject(t)) {
		violation(INV_LINES, ln->id, "%s: line %ld is not one JSON "
		    "object", mode, ln->no);
		cJSON_Delete(t);
		return NULL;
	}
	if (cJSON_GetObjectItemCaseSensitive(t, "error")) {
		char *e = cJSON_PrintUnformatted(
		    cJSON_GetObjectItemCaseSensitive(t, "error"));

		violation(INV_EXIT, ln->id, "%s: the profile was rejected: %s",
		    mode, e ? e : "?");
		free(e);
		cJSON_Delete(t);
		return NULL;
	}
	if (cJSON_GetObjectItemCaseSensitive(t, "pop_crashed")) {
		cJSON_Delete(t);
		return NULL;
	}
	if (!str_member(t, "profile") || strcmp(str_member(t, "profile"),
	    ln->id) != 0) {
		violation(INV_LINES, ln->id, "%s: line %ld is the result of %s",
		    mode, ln->no, str_member(t, "profile") ?
		    str_member(t, "profile") : "(no id)");
		cJSON_Delete(t);
		return NULL;
	}
	return t;
}

/* ---- what --summary-file and pool should say ---- */

#define MAX_PROGRAMS 256

/* Per program, from the full results. */
static struct prog {
	char *id;
	long eligible, unquantified;
	int64_t amount, up_to;
	int overflow;
	int pooled;		/* in a pool of the pool report */
} progs[MAX_PROGRAMS];
static size_t nprogs;
static struct {
	long profiles;
	int64_t amount, up_to;
	int overflow;
	int complete;		/* every full line was a result */
} tally = { 0, 0, 0, 0, 1 };

static struct prog *
prog_find(const char *id, int add)
{
	size_t i;

	for (i = 0; i < nprogs; i++)
		if (strcmp(progs[i].id, id) == 0)
			return &progs[i];
	if (!add || nprogs == MAX_PROGRAMS)
		return NULL;
	progs[nprogs].id = malloc(strlen(id) + 1);
	if (!progs[nprogs].id)
		return NULL;
	memcpy(progs[nprogs].id, id, strlen(id) + 1);
	progs[nprogs].pooled = 0;
	return &progs[nprogs++];
}

/* Adds as the tool's tally does: an addition that would overflow is
 * left out and flagged. */
static void
tally_add(int64_t *a, int64_t b, int *overflow)
{
	int64_t t;

	if (__builtin_add_overflow(*a, b, &t))
		*overflow = 1;
	else
		*a = t;
}

/* A pool group of the pool report, and the claims it should have. */
struct claim {
	long line;
	char *profile;
	struct prog *prog;
	int64_t demand, paid;
	int ceiling;
};

/* A pool of one year in the pool report (the claims of that year share
 * it), and the claims it should have. */
static struct group {
	const cJSON *report;	/* its object in the report */
	long year;		/* -1 for a pool per total */
	int total;		/* per: total, shared by the claims of every
				 * year */
	struct prog *progs[16];	/* its programs */
	size_t nprogs;
	long unpriced;
	struct claim *c;	/* the claims expected, in order */
	size_t n, cap;
	size_t got;		/* how many allocations matched */
} groups[256];
static size_t ngroups;

/* The pool of program p in year, or NULL. */
static struct group *
group_find(const struct prog *p, long year)
{
	size_t i, k;

	for (i = 0; i < ngroups; i++)
		for (k = 0; k < groups[i].nprogs; k++)
			if ((groups[i].total || groups[i].year == year) &&
			    groups[i].progs[k] == p)
				return &groups[i];
	return NULL;
}
static cJSON *pool_report;

static void
claim_push(struct group *g, long line, const char *id, struct prog *p,
	int64_t demand, int ceiling)
{
	struct claim *c;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 256;
		struct claim *v = realloc(g->c, cap * sizeof *v);

		if (!v)
			return;
		g->c = v;
		g->cap = cap;
	}
	c = &g->c[g->n++];
	memset(c, 0, sizeof *c);
	c->line = line;
	c->profile = malloc(strlen(id) + 1);
	if (c->profile)
		memcpy(c->profile, id, strlen(id) + 1);
	c->prog = p;
	c->demand = demand;
	c->ceiling = ceiling;
}

/* How many pools of the report are per total. */
static long
pools_total(void)
{
	size_t i;
	long n = 0;

	for (i = 0; i < ngroups; i++)
		n += groups[i].total;
	return n;
}

/* Counts an eligible item into the tally and the claims of its pool in
 * the year of its claim date. */
static void
expect_item(const struct line *ln, const cJSON *it, long year)
{
	struct group *g;
	const char *id = str_member(it, "program");
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(it, "amount");
	const cJSON *u = cJSON_GetObjectItemCaseSensitive(it, "up_to");
	int64_t fa = 0, fu = 0;
	int ha, hu;
	struct prog *p;

	if (!id || !a || !u || !(p = prog_find(id, 1)))
		return;
	ha = cJSON_IsNumber(a) && a->valuestring &&
	    text_fen(a->valuestring, &fa) == 0;
	hu = cJSON_IsNumber(u) && u->valuestring &&
	    text_fen(u->valuestring, &fu) == 0;
	p->eligible++;
	if (ha)
		tally_add(&p->amount, fa, &p->overflow);
	if (hu)
		tally_add(&p->up_to, fu, &p->overflow);
	if (!ha && !hu)
		p->unquantified++;
	if (!p->pooled)
		return;
	g = group_find(p, year);
	if (!g) {
		violation(INV_POOL, ln->id, "%s is pooled, but the report has "
		    "no pool of it in %ld, the year of the claim", p->id, year);
		return;
	}
	if (!ha && !hu)
		g->unpriced++;
	else if ((ha ? fa : fu) > 0)
		claim_push(g, ln->no, ln->id, p, ha ? fa : fu, !ha);
}

/*
 * The full result f of the profile: echo, items, totals.  primary is 0 for
 * the run with --jurisdiction, whose lines count for neither statistics,
 * summary nor pool, and whose items are all programs of its places.
 */
static void
check_full(struct outs *o, const struct line *ln, const cJSON *profile,
	const cJSON *f, const char *want_as_of, int primary)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(f, "items");
	const cJSON *total = cJSON_GetObjectItemCaseSensitive(f, "total");
	const cJSON *receipt = cJSON_GetObjectItemCaseSensitive(f, "receipt");
	const cJSON *it, *unq, *w;
	const char *as_of = str_member(f, "as_of");
	const char *ras = str_member(receipt, "as_of");
	const char *dig = str_member(receipt, "rules");
	const char *tool = str_member(receipt, "tool");
	int64_t ta = 0, tu = 0, amt, upt;
	long tq = 0, eligible = 0;
	__typeof__(st) saved = st;

	if (!as_of || strcmp(as_of, want_as_of) != 0 || !ras ||
	    strcmp(ras, as_of) != 0)
		violation(INV_ECHO, ln->id, "as_of %s, receipt.as_of %s; the "
		    "claim date is %s", as_of ? as_of : "(none)",
		    ras ? ras : "(none)", want_as_of);
	if (!str_member(f, "currency") || strcmp(str_member(f, "currency"),
	    "CNY") != 0)
		violation(INV_ECHO, ln->id, "currency is not CNY");
	if (!dig || !tool) {
		violation(INV_ECHO, ln->id, "receipt without tool or rules");
	} else if (!o->digest[0]) {
		snprintf(o->digest, sizeof o->digest, "%s", dig);
		snprintf(o->tool, sizeof o->tool, "%s", tool);
	} else if (strcmp(o->digest, dig) != 0 || strcmp(o->tool, tool) != 0) {
		violation(INV_ECHO, ln->id, "receipt %s %s differs from the "
		    "first line's %s %s", tool, dig, o->tool, o->digest);
	}
	w = cJSON_GetObjectItemCaseSensitive(f, "warnings");
	if (!cJSON_IsArray(w))
		violation(INV_ECHO, ln->id, "no warnings array");
	else if (cJSON_GetArraySize(w))
		st.warnings++;
	if (!cJSON_IsArray(items) || !cJSON_IsObject(total)) {
		violation(INV_ITEMS, ln->id, "no items array or total object");
		return;
	}
	cJSON_ArrayForEach(it, items) {
		int e = 0;

		check_item(ln, it, &ta, &tu, &tq);
		check_record(ln, it, want_as_of);
		check_next(ln, it, want_as_of);
		if (bool_member(it, "eligible", &e) == 0 && e) {
			eligible++;
			if (primary)
				expect_item(ln, it, strtol(want_as_of, NULL,
				    10));
		}
	}
	if (!eligible)
		st.none_eligible++;
	if (primary)
		check_programs(ln, profile, items);
	if (!primary)
		st = saved;
	if (money(ln, total, "amount", &amt, "total") != M_FEN ||
	    money(ln, total, "up_to", &upt, "total") != M_FEN) {
		violation(INV_TOTALS, ln->id, "total.amount and total.up_to "
		    "are "
		    "amounts");
		return;
	}
	if (primary) {
		tally_add(&tally.amount, amt, &tally.overflow);
		tally_add(&tally.up_to, upt, &tally.overflow);
	}
	if (amt != ta)
		violation(INV_TOTALS, ln->id, "total.amount %lld fen, the "
		    "items "
		    "add up to %lld", (long long)amt, (long long)ta);
	if (upt != tu)
		violation(INV_TOTALS, ln->id, "total.up_to %lld fen, the items "
		    "add up to %lld", (long long)upt, (long long)tu);
	if (amt > upt)
		violation(INV_BOUNDS, ln->id, "total.amount > total.up_to");
	unq = cJSON_GetObjectItemCaseSensitive(total, "unquantified");
	if (!cJSON_IsNumber(unq) || !unq->valuestring ||
	    strtol(unq->valuestring, NULL, 10) != tq)
		violation(INV_TOTALS, ln->id, "total.unquantified %s, %ld "
		    "eligible items have no figure", unq && unq->valuestring ?
		    unq->valuestring : "(none)", tq);
}

/* A number's text, "null", or "(none)", for messages. */
static const char *
num_text(const cJSON *v)
{
	if (!v)
		return "(none)";
	if (cJSON_IsNull(v))
		return "null";
	return v->valuestring ? v->valuestring : "(not a number)";
}

/* Whether members k of a and b are the same number text. */
static int
same_num(const cJSON *a, const cJSON *b, const char *k)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, k);
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, k);

	return cJSON_IsNumber(x) && cJSON_IsNumber(y) && x->valuestring &&
	    y->valuestring && strcmp(x->valuestring, y->valuestring) == 0;
}

/*
 * The compact ledger: for each eligible item with a ledger, its program
 * with the per, cap, prior and remaining of the ledger entry that left
 * the least (the first, of equals); no other program; no member when
 * there is none.
 */
static void
compact_ledger(const struct line *ln, const cJSON *items, const cJSON *cl)
{
	const cJSON *it;
	int n = 0;

	cJSON_ArrayForEach(it, items) {
		const cJSON *led = cJSON_GetObjectItemCaseSensitive(it,
		    "ledger"), *l, *least = NULL, *got;
		const char *p = str_member(it, "program");
		int64_t lr = 0, r;
		int yes = 0;

		if (!led || !p || bool_member(it, "eligible", &yes) < 0 ||
		    !yes)
			continue;
		cJSON_ArrayForEach(l, led)
			if (money(ln, l, "remaining", &r, p) == M_FEN &&
			    (!least || r < lr)) {
				least = l;
				lr = r;
			}
		if (!least)
			continue;
		n++;
		got = cl ? cJSON_GetObjectItemCaseSensitive(cl, p) : NULL;
		if (!got || !str_member(got, "per") ||
		    !str_member(least, "per") || strcmp(str_member(got, "per"),
		    str_member(least, "per")) != 0 ||
		    !same_num(got, least, "cap") ||
		    !same_num(got, least, "prior") ||
		    !same_num(got, least, "remaining"))
			violation(INV_COMPACT, ln->id, "%s: the compact ledger "
			    "is not per, cap, prior and remaining of the full "
			    "ledger's least remaining cap", p);
	}
	if (cl && (!cJSON_IsObject(cl) || cJSON_GetArraySize(cl) != n)) {
		violation(INV_COMPACT, ln->id, "the compact ledger has %d "
		    "programs, the full result %d eligible items with a "
		    "ledger", cJSON_GetArraySize(cl), n);
	}
	if (!cl && n)
		violation(INV_COMPACT, ln->id, "no compact ledger, yet %d "
		    "eligible items with a ledger", n);
}

static void
check_compact(const struct line *ln, const cJSON *f, const cJSON *c)
{
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(f, "items");
	const cJSON *total = cJSON_GetObjectItemCaseSensitive(f, "total");
	const cJSON *el = cJSON_GetObjectItemCaseSensitive(c, "eligible");
	const cJSON *it, *e;
	int64_t a, b;
	int ra, rb;

	if (!str_member(c, "as_of") || !str_member(f, "as_of") ||
	    strcmp(str_member(c, "as_of"), str_member(f, "as_of")) != 0)
		violation(INV_COMPACT, ln->id, "as_of differs");
	ra = money(ln, c, "total", &a, "compact");
	rb = money(ln, total, "amount", &b, "total");
	if (ra != M_FEN || rb != M_FEN || a != b)
		violation(INV_COMPACT, ln->id, "total %lld fen, full "
		    "total.amount %lld", (long long)a, (long long)b);
	ra = money(ln, c, "up_to", &a, "compact");
	rb = money(ln, total, "up_to", &b, "total");
	if (ra != M_FEN || rb != M_FEN || a != b)
		violation(INV_COMPACT, ln->id, "up_to %lld fen, full "
		    "total.up_to %lld", (long long)a, (long long)b);
	if (!cJSON_Compare(cJSON_GetObjectItemCaseSensitive(c, "warnings"),
	    cJSON_GetObjectItemCaseSensitive(f, "warnings"), 1))
		violation(INV_NEXT, ln->id, "the warnings of the compact line "
		    "are not those of the full result");
	if (!cJSON_IsObject(el)) {
		violation(INV_COMPACT, ln->id, "no eligible object");
		return;
	}
	e = el->child;
	cJSON_ArrayForEach(it, items) {
		int yes = 0;
		const char *p = str_member(it, "program");
		char where[160];

		if (bool_member(it, "eligible", &yes) < 0 || !yes || !p)
			continue;
		snprintf(where, sizeof where, "compact %s", p);
		if (!e || strcmp(e->string, p) != 0) {
			violation(INV_COMPACT, ln->id, "eligible lists %s "
			    "where "
			    "the full result has %s", e ? e->string : "nothing",
			    p);
			return;
		}
		ra = money(ln, el, e->string, &a, where);
		rb = money(ln, it, "amount", &b, where);
		if (ra != rb || (ra == M_FEN && a != b))
			violation(INV_COMPACT, ln->id, "%s: %s in compact, %s "
			    "in full", p, num_text(e), num_text(
			    cJSON_GetObjectItemCaseSensitive(it, "amount")));
		e = e->next;
	}
	if (e)
		violation(INV_COMPACT, ln->id, "eligible lists %s, which the "
		    "full result does not", e->string);
	compact_ledger(ln, items, cJSON_GetObjectItemCaseSensitive(c,
	    "ledger"));
}

static void
check_eligible(const struct line *ln, const cJSON *f, const cJSON *e)
{
	const cJSON *x, *y;

	for (x = f->child, y = e->child; x && y; x = x->next, y = y->next) {
		if (strcmp(x->string, y->string) != 0) {
			violation(INV_ELIGIBLE, ln->id, "member %s where the "
			    "full result has %s", y->string, x->string);
			return;
		}
		if (strcmp(x->string, "items") == 0) {
			const cJSON *a = x->child, *b = y->child;
			int i = 0;

			for (; a; a = a->next) {
				int yes = 0;

				if (bool_member(a, "eligible", &yes) < 0 ||
				    !yes)
					continue;
				if (!b || !same_tree(a, b)) {
					violation(INV_ELIGIBLE, ln->id,
					    "items[%d] is not the full "
					    "result's eligible item %s", i,
					    str_member(a, "program") ?
					    str_member(a, "program") : "?");
					return;
				}
				b = b->next;
				i++;
			}
			if (b) {
				violation(INV_ELIGIBLE, ln->id, "items[%d] "
				    "(%s) "
				    "is not eligible in the full result", i,
				    str_member(b, "program") ?
				    str_member(b, "program") : "?");
				return;
			}
		} else if (!same_tree(x, y)) {
			violation(INV_ELIGIBLE, ln->id, "%s differs from the "
			    "full result's", x->string);
			return;
		}
	}
	if (x || y)
		violation(INV_ELIGIBLE, ln->id, "not the same members as the "
		    "full result");
}

/*
 * Evaluated as if in Shenzhen and Chengdu (and so Sichuan), with
 * --eligible-only, a profile gets exactly the eligible items of the
 * programs its own place gives it, the same to the byte (an item depends
 * on the profile, not on where else it is evaluated), in rule-file order,
 * and maybe more of the other places.
 */
static void
check_jur(const struct line *ln, const cJSON *f, const cJSON *j)
{
	const cJSON *fi = cJSON_GetObjectItemCaseSensitive(f, "items");
	const cJSON *ji = cJSON_GetObjectItemCaseSensitive(j, "items");
	const cJSON *a, *b, *x;

	if (!str_member(j, "as_of") || !str_member(f, "as_of") ||
	    strcmp(str_member(j, "as_of"), str_member(f, "as_of")) != 0)
		violation(INV_JUR, ln->id, "as_of differs");
	a = fi ? fi->child : NULL;
	cJSON_ArrayForEach(b, ji) {
		const char *jb = str_member(b, "jurisdiction");
		const char *pb = str_member(b, "program");
		int own = 0, yes = 0;

		if (bool_member(b, "eligible", &yes) < 0 || !yes)
			violation(INV_JUR, ln->id, "--eligible-only lists %s, "
			    "not eligible", pb ? pb : "?");
		/* is b of a jurisdiction of the profile's own place? */
		cJSON_ArrayForEach(x, fi)
			if (jb && str_member(x, "jurisdiction") &&
			    strcmp(str_member(x, "jurisdiction"), jb) == 0)
				own = 1;
		if (!own)
			continue;
		/* the next eligible item of the full result must be b */
		while (a && (bool_member(a, "eligible", &yes) < 0 || !yes))
			a = a->next;
		if (!a || !pb || !str_member(a, "program") ||
		    strcmp(str_member(a, "program"), pb) != 0) {
			violation(INV_JUR, ln->id, "%s is eligible under "
			    "--jurisdiction, where the full result has %s", pb ?
			    pb : "?", a ? str_member(a, "program") : "nothing");
			return;
		}
		if (!same_tree(a, b)) {
			char where[512] = "$";

			first_difference(a, b, where, sizeof where);
			violation(INV_JUR, ln->id, "%s differs under "
			    "--jurisdiction, at %s", pb, where);
		}
		a = a->next;
	}
	for (; a; a = a->next) {
		int yes = 0;

		if (bool_member(a, "eligible", &yes) == 0 && yes) {
			violation(INV_JUR, ln->id, "%s is eligible, but not "
			    "under --jurisdiction", str_member(a, "program") ?
			    str_member(a, "program") : "?");
			return;
		}
	}
}

/* The sampled profile alone: its outputs against the batch lines. */
/* The first n bytes of k in s[0..len), or NULL. */
static char *
find_bytes(char *s, size_t len, const char *k, size_t n)
{
	size_t i;

	for (i = 0; i + n <= len; i++)
		if (s[i] == k[0] && memcmp(s + i, k, n) == 0)
			return s + i;
	return NULL;
}

/*
 * A profile alone (not in batch) also gets what would qualify
 * ("to_qualify" on its items), which its batch line does not: removes
 * each ',"to_qualify":[...]' from the compact text[0..*len) in place,
 * counting them in o->qualified.
 */
static void
strip_to_qualify(struct outs *o, char *text, size_t *len)
{
	static const char key[] = ",\"to_qualify\":[";
	char *p = text, *end;

	while ((p = find_bytes(p, (size_t)(text + *len - p), key,
	    sizeof key - 1)) != NULL) {
		char *q = p + sizeof key - 1;
		int depth = 1, str = 0;

		end = text + *len;
		while (q < end && depth > 0) {
			if (str) {
				if (*q == '\\')
					q++;
				else if (*q == '"')
					str = 0;
			} else if (*q == '"') {
				str = 1;
			} else if (*q == '[' || *q == '{') {
				depth++;
			} else if (*q == ']' || *q == '}') {
				depth--;
			}
			q++;
		}
		memmove(p, q, (size_t)(end - q));
		*len -= (size_t)(q - p);
		o->qualified++;
	}
}

/* The same for a parsed result: "to_qualify" removed from its items. */
static void
strip_to_qualify_tree(cJSON *t)
{
	cJSON *items = cJSON_GetObjectItemCaseSensitive(t, "items"), *it;

	cJSON_ArrayForEach(it, items)
		cJSON_DeleteItemFromObjectCaseSensitive(it, "to_qualify");
}

static void
check_single(struct outs *o, const struct line *ln, const cJSON *f)
{
	static const char *const ext[] = { "full", "compact", "eligible" };
	struct src *batch[3];
	char path[4096];
	char *text;
	size_t len, i;
	cJSON *t;

	batch[0] = &o->full;
	batch[1] = &o->compact;
	batch[2] = &o->elig;
	snprintf(path, sizeof path, "%s/single/%ld.rc", o->dir, ln->no);
	text = slurp(path, &len);
	if (!text) {
		violation(INV_SINGLE, ln->id, "line %ld was sampled but has no "
		    "%s", ln->no, path);
		return;
	}
	o->singles++;
	{
		/* "full=0 pretty=0 compact=0 eligible=0" */
		char *p = text;

		while ((p = strchr(p, '=')) != NULL) {
			if (p[1] != '0' || (p[2] != ' ' && p[2] != '\n' &&
			    p[2] != '\0'))
				violation(INV_EXIT, ln->id, "alone: %s", text);
			p++;
		}
	}
	free(text);
	snprintf(path, sizeof path, "%s/single/%ld.err", o->dir, ln->no);
	text = slurp(path, &len);
	if (text && len)
		violation(INV_EXIT, ln->id, "alone: standard error: %.200s",
		    text);
	free(text);
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/single/%ld.%s", o->dir, ln->no,
		    ext[i]);
		text = slurp(path, &len);
		if (text)
			strip_to_qualify(o, text, &len);
		if (!text || batch[i]->len < 0 ||
		    len != (size_t)batch[i]->len ||
		    memcmp(text, batch[i]->buf, len) != 0) {
			size_t k = 0;

			while (text && batch[i]->len >= 0 && k < len &&
			    k < (size_t)batch[i]->len && text[k] ==
			    batch[i]->buf[k])
				k++;
			violation(INV_SINGLE, ln->id, "%s alone differs from "
			    "its "
			    "batch line (%zu bytes and %zd; first difference "
			    "at byte %zu)", ext[i], text ? len : 0,
			    batch[i]->len, k);
		}
		free(text);
	}
	if (!f)
		return;
	snprintf(path, sizeof path, "%s/single/%ld.pretty", o->dir, ln->no);
	text = slurp(path, &len);
	if (!text) {
		violation(INV_PRETTY, ln->id, "no %s", path);
		return;
	}
	t = parse_exact(text, len);
	if (t)
		strip_to_qualify_tree(t);
	if (!t) {
		violation(INV_PRETTY, ln->id, "--pretty output is not JSON");
	} else if (!same_tree(t, f) || !cJSON_Compare(t, f, 1)) {
		char where[512] = "$";

		first_difference(t, f, where, sizeof where);
		violation(INV_PRETTY, ln->id, "--pretty parses to another "
		    "value "
		    "than the batch line, at %s", where);
	} else if (!memchr(text, '\n', len - (len > 0)) &&
	    strchr(text, '{') != NULL) {
		violation(INV_PRETTY, ln->id, "--pretty did not indent");
	}
	cJSON_Delete(t);
	free(text);
}

/* An integer member (a count), or -1. */
static long
count_member(const cJSON *o, const char *k)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
	char *end;
	long n;

	if (!cJSON_IsNumber(v) || !v->valuestring)
		return -1;
	n = strtol(v->valuestring, &end, 10);
	return *end ? -1 : n;
}

/* Reads the pool report: which programs share which pool, year by year. */
static void
read_pool_report(const char *dir)
{
	char path[4096];
	char *text;
	size_t len;
	const cJSON *pools, *g;
	long last_year = 0;

	snprintf(path, sizeof path, "%s/pool.json", dir);
	text = slurp(path, &len);
	if (!text) {
		violation(INV_POOL, NULL, "no %s", path);
		return;
	}
	while (len && text[len - 1] == '\n')
		len--;
	pool_report = parse_exact(text, len);
	free(text);
	pools = cJSON_GetObjectItemCaseSensitive(pool_report, "pools");
	if (!cJSON_IsArray(pools)) {
		violation(INV_POOL, NULL, "the pool report is not one JSON "
		    "object with a pools array");
		return;
	}
	cJSON_ArrayForEach(g, pools) {
		const cJSON *pr = cJSON_GetObjectItemCaseSensitive(g,
		    "programs"), *x;
		struct group *gr = &groups[ngroups];
		long year = count_member(g, "year");
		const char *per = str_member(g, "per");
		int total = !cJSON_GetObjectItemCaseSensitive(g, "year") ||
		    (per && strcmp(per, "total") == 0);

		if (ngroups == sizeof groups / sizeof groups[0])
			break;
		/* the years in order, each with the same pools; a pool per
		 * total once, with "per": "total" and no year */
		if (total) {
			if (!per || strcmp(per, "total") != 0 ||
			    cJSON_GetObjectItemCaseSensitive(g, "year"))
				violation(INV_POOL, NULL, "pool %zu: a pool per "
				    "total has per: total and no year (per %s)",
				    ngroups, per ? per : "absent");
			year = -1;
		} else if (year < 1000 || year < last_year) {
			violation(INV_POOL, NULL, "pool %zu: year %ld, after "
			    "%ld (per %s)", ngroups, year, last_year, per ?
			    per : "absent");
		} else {
			last_year = year;
		}
		gr->report = g;
		gr->year = year;
		gr->total = total;
		cJSON_ArrayForEach(x, pr) {
			struct prog *p = cJSON_IsString(x) ?
			    prog_find(x->valuestring, 1) : NULL;

			if (!p || group_find(p, year) ||
			    gr->nprogs == sizeof gr->progs / sizeof *gr->progs)
				violation(INV_POOL, NULL, "program %s is in no "
				    "pool, or in two of %ld", cJSON_IsString(x) ?
				    x->valuestring : "(not a string)", year);
			else {
				gr->progs[gr->nprogs++] = p;
				p->pooled = 1;
			}
		}
		ngroups++;
	}
}


static void
check_summary(const char *dir, long profiles)
{
	static const struct line ln = { 0, "summary" };
	char path[4096];
	char *text;
	size_t len, i;
	cJSON *t;
	const cJSON *sm, *pr, *x;
	int64_t a = 0, u = 0;
	int ov = -1;

	snprintf(path, sizeof path, "%s/summary.json", dir);
	text = slurp(path, &len);
	if (!text) {
		violation(INV_SUMMARY, NULL, "no %s", path);
		return;
	}
	while (len && text[len - 1] == '\n')
		len--;
	t = parse_exact(text, len);
	free(text);
	sm = cJSON_GetObjectItemCaseSensitive(t, "summary");
	pr = cJSON_GetObjectItemCaseSensitive(sm, "programs");
	if (!cJSON_IsObject(sm) || !cJSON_IsObject(pr)) {
		violation(INV_SUMMARY, NULL, "not {\"summary\": {..., "
		    "\"programs\": {...}}}");
		cJSON_Delete(t);
		return;
	}
	if (count_member(sm, "profiles") != profiles ||
	    count_member(sm, "evaluated") != profiles ||
	    count_member(sm, "rejected") != 0)
		violation(INV_SUMMARY, NULL, "profiles, evaluated, rejected "
		    "are "
		    "not %ld, %ld, 0", profiles, profiles);
	bool_member(sm, "overflow", &ov);
	if (ov != tally.overflow)
		violation(INV_SUMMARY, NULL, "overflow is %s; the totals %s "
		    "int64 fen", ov ? "true" : "false", tally.overflow ?
		    "overflow" : "fit in");
	if (money(&ln, sm, "amount", &a, "summary") != M_FEN ||
	    money(&ln, sm, "up_to", &u, "summary") != M_FEN ||
	    (!tally.overflow && (a != tally.amount || u != tally.up_to)))
		violation(INV_SUMMARY, NULL, "amount %lld, up_to %lld fen; the "
		    "results add up to %lld, %lld", (long long)a, (long long)u,
		    (long long)tally.amount, (long long)tally.up_to);
	cJSON_ArrayForEach(x, pr) {
		struct prog *p = prog_find(x->string, 0);
		long e = count_member(x, "eligible");
		long q = count_member(x, "unquantified");
		int64_t pa, pu;
		int ra = money(&ln, x, "amount", &pa, x->string);
		int ru = money(&ln, x, "up_to", &pu, x->string);
		struct prog zero;

		if (!p) {
			memset(&zero, 0, sizeof zero);
			p = &zero;
		}
		if (e != p->eligible || q != p->unquantified || ra != M_FEN ||
		    ru != M_FEN || (!p->overflow && (pa != p->amount ||
		    pu != p->up_to)))
			violation(INV_SUMMARY, NULL, "%s: eligible %ld, amount "
			    "%lld, up_to %lld, unquantified %ld; the results "
			    "say %ld, %lld, %lld, %ld", x->string, e,
			    (long long)pa, (long long)pu, q, p->eligible,
			    (long long)p->amount, (long long)p->up_to,
			    p->unquantified);
	}
	for (i = 0; i < nprogs; i++)
		if (progs[i].eligible && !cJSON_GetObjectItemCaseSensitive(pr,
		    progs[i].id))
			violation(INV_SUMMARY, NULL, "%s is eligible %ld times "
			    "but not in the summary", progs[i].id,
			    progs[i].eligible);
	cJSON_Delete(t);
}

/* The allocations against the claims expected, then each pool's sums. */
static void
check_pool(const char *dir, const char *as_of, long profiles)
{
	static const struct line ln = { 0, "pool" };
	struct src al;
	size_t gi, i;
	long last_line = 0;

	if (!pool_report)
		return;
	if (!str_member(pool_report, "as_of") ||
	    strcmp(str_member(pool_report, "as_of"), as_of) != 0 ||
	    count_member(pool_report, "profiles") != profiles ||
	    count_member(pool_report, "rejected") != 0)
		violation(INV_POOL, NULL, "the report's as_of, profiles, "
		    "rejected are not %s, %ld, 0", as_of, profiles);
	if (src_open(&al, dir, "allocations.ndjson", 1) < 0) {
		violation(INV_POOL, NULL, "no allocations");
		return;
	}
	while (src_line(&al) >= 0) {
		cJSON *t = parse_exact(al.buf, chomp(&al));
		const char *pid = str_member(t, "program");
		struct prog *p = pid ? prog_find(pid, 0) : NULL;
		struct group *g;
		struct claim *c;
		int64_t d = 0, paid = 0;
		int ceiling = 0;
		long line = count_member(t, "line");

		if (!t || !p || !(g = group_find(p, count_member(t, "year")))) {
			violation(INV_POOL, NULL, "allocation %ld: not a claim "
			    "on "
			    "a pooled program: %.120s", al.lines, al.buf);
			cJSON_Delete(t);
			continue;
		}
		if (line < last_line)
			violation(INV_POOL, NULL, "allocation %ld: line %ld "
			    "after "
			    "line %ld", al.lines, line, last_line);
		last_line = line;
		if (g->got >= g->n) {
			violation(INV_POOL, NULL, "allocation %ld: a claim no "
			    "result makes: %.120s", al.lines, al.buf);
			cJSON_Delete(t);
			continue;
		}
		c = &g->c[g->got++];
		bool_member(t, "ceiling", &ceiling);
		if (money(&ln, t, "demand", &d, "allocation") != M_FEN ||
		    money(&ln, t, "paid", &paid, "allocation") != M_FEN ||
		    line != c->line || c->prog != p || d != c->demand ||
		    ceiling != c->ceiling || !str_member(t, "profile") ||
		    !c->profile || strcmp(str_member(t, "profile"),
		    c->profile) != 0) {
			violation(INV_POOL, c->profile, "allocation %ld: "
			    "%.160s; "
			    "the results give line %ld, %s, %s %lld fen",
			    al.lines, al.buf, c->line, c->prog->id, c->ceiling ?
			    "ceiling" : "amount", (long long)c->demand);
			g->got = g->n + 1;	/* stop matching this pool */
		}
		c->paid = paid;
		if (paid < 0 || paid > c->demand)
			violation(INV_POOL, c->profile, "%s: paid %lld of a "
			    "claim "
			    "of %lld fen", p->id, (long long)paid,
			    (long long)c->demand);
		cJSON_Delete(t);
	}
	free(al.buf);
	fclose(al.f);
	for (gi = 0; gi < ngroups; gi++) {
		struct group *g = &groups[gi];
		const cJSON *r = g->report;
		const char *alloc = str_member(r, "allocation");
		const cJSON *first = cJSON_GetArrayItem(
		    cJSON_GetObjectItemCaseSensitive(r, "programs"), 0);
		const char *name = cJSON_IsString(first) ? first->valuestring :
		    "?";
		int64_t pool = 0, demand = 0, paid = 0, unalloc = 0, sd = 0;
		int64_t sp = 0, floors = 0, left;
		int rp, first_come;
		long applicants = 0, cut = 0, prev_line = 0, prev_cut = 0;
		char want_ratio[32];
		const cJSON *fr;

		if (g->got != g->n) {
			if (g->got < g->n)
				violation(INV_POOL, NULL, "pool of %s: %zu "
				    "claims "
				    "allocated, the results make %zu", name,
				    g->got, g->n);
			continue;
		}
		rp = money(&ln, r, "pool", &pool, name);
		if ((rp != M_FEN && rp != M_NULL) || money(&ln, r, "demand",
		    &demand, name) != M_FEN || money(&ln, r, "paid", &paid,
		    name) != M_FEN || money(&ln, r, "unallocated", &unalloc,
		    name) != M_FEN || !alloc) {
			violation(INV_POOL, NULL, "pool of %s: pool, demand, "
			    "paid, "
			    "unallocated, allocation", name);
			continue;
		}
		first_come = strcmp(alloc, "first_come") == 0;
		for (i = 0; i < g->n; i++) {
			struct claim *c = &g->c[i];

			sd += c->demand;
			sp += c->paid;
			if (c->line != prev_line) {
				applicants++;
				prev_cut = 0;
			}
			if (c->paid < c->demand && !prev_cut) {
				cut++;
				prev_cut = 1;
			}
			prev_line = c->line;
		}
		if (demand != sd || paid != sp)
			violation(INV_POOL, NULL, "pool of %s: demand %lld, "
			    "paid "
			    "%lld; the claims add up to %lld, %lld", name,
			    (long long)demand, (long long)paid, (long long)sd,
			    (long long)sp);
		if (rp == M_NULL || sd <= pool) {
			for (i = 0; i < g->n; i++)
				if (g->c[i].paid != g->c[i].demand) {
					violation(INV_POOL, g->c[i].profile,
					    "pool of %s: demand fits the pool, "
					    "yet a claim is cut", name);
					break;
				}
		} else if (first_come) {
			left = pool;
			for (i = 0; i < g->n; i++) {
				int64_t want = g->c[i].demand < left ?
				    g->c[i].demand : left;

				if (g->c[i].paid != want) {
					violation(INV_POOL, g->c[i].profile,
					    "pool of %s, first come: paid "
					    "%lld, "
					    "not %lld", name,
					    (long long)g->c[i].paid,
					    (long long)want);
					break;
				}
				left -= want;
			}
		} else {
			/* pro rata: d x pool / demand rounded down, and the fen
			 * left one each to the largest remainders, ties in
			 * input order */
			u128 worst_rem = 0, best_rem = 0;
			size_t worst = 0, best = 0;
			int have_up = 0, have_down = 0;

			for (i = 0; i < g->n; i++) {
				u128 prod = (u128)g->c[i].demand * (u128)pool;
				int64_t fl = (int64_t)(prod / (u128)sd);
				u128 rem = prod % (u128)sd;

				floors += fl;
				if (g->c[i].paid == fl + 1) {
					if (!have_up || rem < worst_rem ||
					    (rem == worst_rem && i > worst)) {
						worst_rem = rem;
						worst = i;
					}
					have_up = 1;
				} else if (g->c[i].paid == fl) {
					if (!have_down || rem > best_rem) {
						best_rem = rem;
						best = i;
					}
					have_down = 1;
				} else {
					violation(INV_POOL, g->c[i].profile,
					    "pool of %s, pro rata: paid %lld "
					    "of "
					    "%lld, not %lld x %lld / %lld "
					    "rounded down (+1)", name,
					    (long long)g->c[i].paid,
					    (long long)g->c[i].demand,
					    (long long)g->c[i].demand,
					    (long long)pool, (long long)sd);
				}
			}
			if (have_up && have_down && (worst_rem < best_rem ||
			    (worst_rem == best_rem && worst > best)))
				violation(INV_POOL, g->c[worst].profile, "pool "
				    "of "
				    "%s, pro rata: a rounding fen went to a "
				    "smaller remainder than that of %s", name,
				    g->c[best].profile);
			if (count_member(r, "rounding_fen") != pool - floors)
				violation(INV_POOL, NULL, "pool of %s: "
				    "rounding_fen %ld, %lld fen were left "
				    "after rounding down", name,
				    count_member(r, "rounding_fen"),
				    (long long)(pool - floors));
		}
		if (rp == M_NULL || sd <= pool || first_come) {
			if (count_member(r, "rounding_fen") != 0)
				violation(INV_POOL, NULL, "pool of %s: "
				    "rounding_fen without rounding", name);
		}
		if (paid != (rp == M_FEN && sd > pool ? pool : sd) ||
		    unalloc != (rp == M_FEN ? pool - paid : 0))
			violation(INV_POOL, NULL, "pool of %s: paid %lld, "
			    "unallocated %lld with pool %lld and demand %lld",
			    name, (long long)paid, (long long)unalloc,
			    (long long)pool, (long long)sd);
		if (count_member(r, "applicants") != applicants ||
		    count_member(r, "applicants_cut") != cut ||
		    count_member(r, "unpriced") != g->unpriced)
			violation(INV_POOL, NULL, "pool of %s: applicants %ld, "
			    "cut %ld, unpriced %ld; the claims say %ld, %ld, "
			    "%ld", name, count_member(r, "applicants"),
			    count_member(r, "applicants_cut"),
			    count_member(r, "unpriced"), applicants, cut,
			    g->unpriced);
		fr = cJSON_GetObjectItemCaseSensitive(r, "fill_ratio");
		if (sd == 0) {
			if (!cJSON_IsNull(fr))
				violation(INV_POOL, NULL, "pool of %s: "
				    "fill_ratio of no demand is not null",
				    name);
		} else {
			u128 q = ((u128)sp * 20000 + (u128)sd) /
			    ((u128)sd * 2);

			snprintf(want_ratio, sizeof want_ratio, "%u.%04u",
			    (unsigned)(q / 10000), (unsigned)(q % 10000));
			if (!cJSON_IsString(fr) || strcmp(fr->valuestring,
			    want_ratio) != 0)
				violation(INV_POOL, NULL, "pool of %s: "
				    "fill_ratio %s, not %s", name,
				    cJSON_IsString(fr) ? fr->valuestring : "?",
				    want_ratio);
		}
	}
}

/* ---- --lang en against the default zh ---- */

/*
 * The members whose strings are texts in the language of --lang (of an
 * array of strings, each element): only these may differ between the zh
 * and en results of a profile, and only in their text.  Everything else,
 * key for key, number text for number text, is the same; so are the
 * number and order of the texts (as many reasons, notes, ...).
 */
static const char *const text_keys[] = {
	"reasons", "says", "award", "label", "set_aside", "manual_checks",
	"notes", "note", "validity", "text"
};

/* Two result lines scanned together, token by token. */
#define LZ_DEPTH 64
struct lz {
	const char *p[2], *end[2];
	int depth;
	const char *key[LZ_DEPTH];	/* per level: the member's key token, */
	size_t nkey[LZ_DEPTH];		/* with its quotes, */
	int idx[LZ_DEPTH];		/* or the element's index */
	const char *tok[2];	/* the tokens where they first differ */
	size_t ntok[2];
	const char *why;
};

/* The next token of side k: a string (with its quotes), a number or
 * literal, or one of {}[]:, ; length 0 at the end. */
static void
lz_token(struct lz *z, int k, const char **t, size_t *n)
{
	const char *p = z->p[k], *e = z->end[k];

	while (p < e && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	*t = p;
	if (p == e) {
		*n = 0;
		return;
	}
	switch (*p) {
	case '"':
		for (p++;;) {
			const char *q = memchr(p, '"', (size_t)(e - p));
			const char *b;

			if (!q) {
				p = e;
				break;
			}
			for (b = q; b > p && b[-1] == '\\'; b--)
				;
			p = q + 1;
			if ((q - b) % 2 == 0)
				break;	/* not escaped */
		}
		break;
	case '{': case '}': case '[': case ']': case ':': case ',':
		p++;
		break;
	default:
		while (p < e && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ':' && *p != '{' && *p != '[' && *p != '"' &&
		    *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			p++;
	}
	*n = (size_t)(p - *t);
	z->p[k] = p;
}

static int
lz_differ(struct lz *z, const char *a, size_t na, const char *b, size_t nb,
	const char *why)
{
	z->tok[0] = a;
	z->ntok[0] = na;
	z->tok[1] = b;
	z->ntok[1] = nb;
	z->why = why;
	return -1;
}

/* Whether the key token t (with quotes) names a text member. */
static int
lz_text_key(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++)
		if (n == strlen(text_keys[i]) + 2 &&
		    memcmp(t + 1, text_keys[i], n - 2) == 0)
			return 1;
	return 0;
}

/* Where z stopped, as a path: .items[3].checks[1].outcome */
static void
lz_path(const struct lz *z, char *buf, size_t n)
{
	size_t at = 0;
	int d;

	buf[0] = '\0';
	for (d = 0; d < z->depth && at + 1 < n; d++) {
		if (z->key[d])
			snprintf(buf + at, n - at, ".%.*s",
			    (int)(z->nkey[d] - 2), z->key[d] + 1);
		else
			snprintf(buf + at, n - at, "[%d]", z->idx[d]);
		at += strlen(buf + at);
	}
}

/*
 * One value on both sides; text when it is (or is an array of) the text
 * of a text member.  0 when the same, -1 (z says where and why) when not;
 * z->depth is then how deep in the path it was.
 */
static int
lz_value(struct lz *z, int text)
{
	const char *a, *b;
	size_t na, nb;
	int i = 0, d;

	lz_token(z, 0, &a, &na);
	lz_token(z, 1, &b, &nb);
	if (!na || !nb || a[0] != b[0])
		return lz_differ(z, a, na, b, nb, "not the same kind of value");
	if (a[0] == '"') {
		if (text || (na == nb && memcmp(a, b, na) == 0))
			return 0;
		return lz_differ(z, a, na, b, nb, "another string");
	}
	if (a[0] != '{' && a[0] != '[') {
		if (strchr("}]:,", a[0]))
			return lz_differ(z, a, na, b, nb, "not JSON");
		if (na == nb && memcmp(a, b, na) == 0)
			return 0;
		return lz_differ(z, a, na, b, nb, "another value");
	}
	if (z->depth == LZ_DEPTH)
		return lz_differ(z, a, na, b, nb, "nested too deep");
	d = z->depth++;
	z->key[d] = NULL;
	z->idx[d] = 0;
	for (;;) {
		const char *sa, *sb;
		size_t nsa, nsb;
		int tx = text;

		if (a[0] == '{') {
			lz_token(z, 0, &z->key[d], &z->nkey[d]);
			lz_token(z, 1, &sb, &nsb);
			sa = z->key[d];
			nsa = z->nkey[d];
			if (i == 0 && nsa == 1 && sa[0] == '}' && nsb == 1 &&
			    sb[0] == '}')
				break;
			if (nsa < 2 || sa[0] != '"' || nsa != nsb ||
			    memcmp(sa, sb, nsa) != 0) {
				z->key[d] = NULL;
				z->depth--;
				return lz_differ(z, sa, nsa, sb, nsb,
				    "another member");
			}
			tx = lz_text_key(sa, nsa);
			lz_token(z, 0, &sa, &nsa);
			lz_token(z, 1, &sb, &nsb);
			if (nsa != 1 || sa[0] != ':' || nsb != 1 ||
			    sb[0] != ':')
				return lz_differ(z, sa, nsa, sb, nsb,
				    "not JSON");
		} else {
			/* an empty array: "]" where a value would start */
			const char *pa = z->p[0], *pb = z->p[1];

			z->idx[d] = i;
			lz_token(z, 0, &sa, &nsa);
			lz_token(z, 1, &sb, &nsb);
			if (i == 0 && nsa == 1 && sa[0] == ']' && nsb == 1 &&
			    sb[0] == ']')
				break;
			if (i == 0 && ((nsa == 1 && sa[0] == ']') ||
			    (nsb == 1 && sb[0] == ']')))
				return lz_differ(z, sa, nsa, sb, nsb,
				    "an element more or less");
			z->p[0] = pa;
			z->p[1] = pb;
		}
		if (lz_value(z, tx) < 0)
			return -1;
		lz_token(z, 0, &sa, &nsa);
		lz_token(z, 1, &sb, &nsb);
		i++;
		if (nsa != 1 || nsb != 1 || sa[0] != sb[0] ||
		    (sa[0] != ',' && sa[0] != (a[0] == '{' ? '}' : ']'))) {
			z->depth--;
			return lz_differ(z, sa, nsa, sb, nsb, a[0] == '{' ?
			    "a member more or less" :
			    "an element more or less");
		}
		if (sa[0] != ',')
			break;
	}
	z->depth--;
	return 0;
}

/*
 * The en result of a profile against its zh result: the same but for the
 * texts of text_keys (items, programs, eligibility, figures, checks, reads,
 * comparisons, entries, the number of reasons).  --compact, which has no
 * text, the same bytes.
 */
static void
check_lang(struct outs *o, const struct line *ln, int have_zh)
{
	struct crash *cr;

	if (o->compact_en.len < 0) {
		violation(INV_LINES, ln->id, "compact-en: no result line for "
		    "input line %ld", ln->no);
	} else if ((cr = crash_at("compact-en", ln->no)) != NULL) {
		snprintf(cr->id, sizeof cr->id, "%s", ln->id);
		violation(INV_EXIT, ln->id, "compact-en: the run died on this "
		    "profile (line %ld, exit status %d: %s)", ln->no, cr->rc,
		    cr->msg);
	} else if (!crash_at("compact", ln->no) &&
	    (o->compact_en.len != o->compact.len || memcmp(o->compact_en.buf,
	    o->compact.buf, (size_t)o->compact.len) != 0)) {
		violation(INV_LANG, ln->id, "line %ld of --compact --lang en "
		    "differs from --compact", ln->no);
	}
	if (o->en.len < 0) {
		violation(INV_LINES, ln->id, "full-en: no result line for "
		    "input line %ld", ln->no);
	} else if ((cr = crash_at("full-en", ln->no)) != NULL) {
		snprintf(cr->id, sizeof cr->id, "%s", ln->id);
		violation(INV_EXIT, ln->id, "full-en: the run died on this "
		    "profile (line %ld, exit status %d: %s)", ln->no, cr->rc,
		    cr->msg);
	} else if (have_zh) {
		struct lz z;
		const char *t;
		size_t n;
		char path[512];

		memset(&z, 0, sizeof z);
		z.p[0] = o->full.buf;
		z.end[0] = o->full.buf + chomp(&o->full);
		z.p[1] = o->en.buf;
		z.end[1] = o->en.buf + chomp(&o->en);
		st.lang_lines++;
		if (lz_value(&z, 0) == 0) {
			lz_token(&z, 0, &t, &n);
			if (n == 0)
				lz_token(&z, 1, &t, &n);
			if (n == 0)
				return;
			z.tok[0] = z.tok[1] = t;
			z.ntok[0] = z.ntok[1] = n;
			z.why = "more after the result";
		}
		lz_path(&z, path, sizeof path);
		violation(INV_LANG, ln->id, "--lang en differs from zh at "
		    "$%s: %s (zh %.*s, en %.*s)", path, z.why,
		    (int)(z.ntok[0] > 80 ? 80 : z.ntok[0]), z.tok[0],
		    (int)(z.ntok[1] > 80 ? 80 : z.ntok[1]), z.tok[1]);
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: check [-a AS_OF] [-m MAX] [-s EVERY] DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct outs o;
	long profiles = 0, passed = 0, failed = 0;
	int c, k;

	memset(&o, 0, sizeof o);
	o.as_of = "2025-06-30";
	o.every = 10;
	while ((c = getopt(argc, argv, "a:m:s:")) != -1) {
		char *end;

		switch (c) {
		case 'a':
			o.as_of = optarg;
			break;
		case 'm':
			max_show = (int)strtol(optarg, &end, 10);
			if (*end)
				usage();
			break;
		case 's':
			o.every = (int)strtol(optarg, &end, 10);
			if (*end)
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind + 1 != argc)
		usage();
	o.dir = argv[optind];
	if (read_status(o.dir) < 0 ||
	    src_open(&o.prof, o.dir, "profiles.ndjson", 1) < 0 ||
	    src_open(&o.full, o.dir, "full.ndjson", 1) < 0 ||
	    src_open(&o.compact, o.dir, "compact.ndjson", 1) < 0 ||
	    src_open(&o.elig, o.dir, "eligible.ndjson", 1) < 0 ||
	    src_open(&o.pretty, o.dir, "pretty.ndjson", 1) < 0 ||
	    src_open(&o.summary, o.dir, "summary.ndjson", 1) < 0 ||
	    src_open(&o.jur, o.dir, "jur.ndjson", 1) < 0 ||
	    src_open(&o.auto_, o.dir, "auto.ndjson", 1) < 0 ||
	    src_open(&o.stdin_, o.dir, "stdin.ndjson", 1) < 0 ||
	    src_open(&o.en, o.dir, "full-en.ndjson", 1) < 0 ||
	    src_open(&o.compact_en, o.dir, "compact-en.ndjson", 1) < 0)
		return 2;
	read_pool_report(o.dir);
	while (src_line(&o.prof) >= 0) {
		struct line ln;
		cJSON *p, *f, *cp, *e, *j;
		const char *id, *pas;
		char idbuf[64], path[4096];

		src_line(&o.full);
		src_line(&o.compact);
		src_line(&o.elig);
		src_line(&o.pretty);
		src_line(&o.summary);
		src_line(&o.jur);
		src_line(&o.auto_);
		src_line(&o.stdin_);
		src_line(&o.en);
		src_line(&o.compact_en);
		profiles++;
		tally.profiles++;
		ln.no = o.prof.lines;
		snprintf(idbuf, sizeof idbuf, "line %ld", ln.no);
		ln.id = idbuf;
		p = cJSON_ParseWithLength(o.prof.buf, chomp(&o.prof));
		id = str_member(p, "id");
		if (!id) {
			violation(INV_LINES, ln.id, "the input profile has no "
			    "id "
			    "(a generator fault)");
			cJSON_Delete(p);
			continue;
		}
		snprintf(idbuf, sizeof idbuf, "%s", id);
		pas = str_member(p, "as_of");

		/* --pretty --batch: the same bytes as --batch */
		{
			static const char *const byte_modes[] = { "pretty",
				"summary" };
			size_t m;

			for (m = 0; m < 2; m++) {
				struct crash *cr;

				cr = crash_at(byte_modes[m], ln.no);

				if (!cr)
					continue;
				snprintf(cr->id, sizeof cr->id, "%s", ln.id);
				violation(INV_EXIT, ln.id, "%s: the run died "
				    "on "
				    "this profile (line %ld, exit status %d: "
				    "%s)", byte_modes[m], ln.no, cr->rc,
				    cr->msg);
			}
		}
		if (o.pretty.len != o.full.len || (o.full.len >= 0 &&
		    memcmp(o.pretty.buf, o.full.buf, (size_t)o.full.len) != 0))
			violation(INV_SAME_BYTES, ln.id, "line %ld of --pretty "
			    "--batch differs from --batch", ln.no);
		if (o.auto_.len != o.compact.len || (o.compact.len >= 0 &&
		    memcmp(o.auto_.buf, o.compact.buf,
		    (size_t)o.compact.len) != 0))
			violation(INV_SAME_BYTES, ln.id, "line %ld of "
			    "--compact "
			    "without --batch differs from --compact --batch",
			    ln.no);
		if (o.stdin_.len != o.compact.len || (o.compact.len >= 0 &&
		    memcmp(o.stdin_.buf, o.compact.buf,
		    (size_t)o.compact.len) != 0))
			violation(INV_SAME_BYTES, ln.id, "line %ld of "
			    "--compact "
			    "--batch - (a pipe) differs from the "
			    "file's", ln.no);

		/* --summary-file: the same result lines */
		if (o.summary.len != o.compact.len || (o.compact.len >= 0 &&
		    memcmp(o.summary.buf, o.compact.buf,
		    (size_t)o.compact.len) != 0))
			violation(INV_SUMMARY, ln.id, "line %ld of --compact "
			    "--summary-file differs from --compact", ln.no);

		f = result_line(&ln, &o.full, "full");
		if (!f)
			tally.complete = 0;
		cp = result_line(&ln, &o.compact, "compact");
		e = result_line(&ln, &o.elig, "eligible-only");
		if (f)
			check_full(&o, &ln, p, f, pas ? pas : o.as_of, 1);
		j = result_line(&ln, &o.jur, "jur");
		if (j)
			check_full(&o, &ln, p, j, pas ? pas : o.as_of, 0);
		if (f && j)
			check_jur(&ln, f, j);
		if (f && cp)
			check_compact(&ln, f, cp);
		if (f && e)
			check_eligible(&ln, f, e);
		check_lang(&o, &ln, f != NULL);
		snprintf(path, sizeof path, "%s/single/%ld.json", o.dir, ln.no);
		if (access(path, F_OK) == 0)
			check_single(&o, &ln, f);
		cJSON_Delete(j);
		cJSON_Delete(e);
		cJSON_Delete(cp);
		cJSON_Delete(f);
		cJSON_Delete(p);
	}
	/* lines beyond the input */
	{
		struct src *s[10];
		int i;

		s[0] = &o.full;
		s[1] = &o.compact;
		s[2] = &o.elig;
		s[3] = &o.pretty;
		s[4] = &o.summary;
		s[5] = &o.jur;
		s[6] = &o.auto_;
		s[7] = &o.stdin_;
		s[8] = &o.en;
		s[9] = &o.compact_en;
		for (i = 0; i < 10; i++)
			if (src_line(s[i]) >= 0)
				violation(INV_LINES, NULL, "%s has more lines "
				    "than the %ld profiles", s[i]->name,
				    profiles);
	}
	if (tally.complete) {
		check_summary(o.dir, profiles);
		check_pool(o.dir, o.as_of, profiles);
	} else {
		printf("pop: summary and pool not checked: the full results "
		    "are incomplete\n");
	}
	no_award_check();
	if (o.every > 0 && o.singles < profiles / o.every)
		violation(INV_SINGLE, NULL, "%ld profiles run alone, %ld "
		    "expected (one in %d)", o.singles, profiles / o.every,
		    o.every);

	/* the profiles each batch run died on */
	{
		static const char *const modes[] = { "full", "compact",
			"eligible", "pretty", "summary", "jur", "full-en",
			"compact-en" };
		size_t m, i;

		for (m = 0; m < sizeof modes / sizeof modes[0]; m++) {
			long count = 0;

			for (i = 0; i < ncrashes; i++)
				if (strcmp(crashes[i].mode, modes[m]) == 0)
					count++;
			if (!count)
				continue;
			printf("pop: calc --batch (%s) died on %ld profiles:",
			    modes[m], count);
			count = 0;
			for (i = 0; i < ncrashes && count < 12; i++)
				if (strcmp(crashes[i].mode, modes[m]) == 0) {
					printf(" %s", crashes[i].id[0] ?
					    crashes[i].id : "?");
					count++;
				}
			printf("%s\n", count == 12 ? " ..." : "");
		}
	}
	printf("pop: %ld items (%ld eligible: %ld formula, %ld fixed, %ld "
	    "ceiling, %ld unquantified), %ld with parts, %ld parts set aside, "
	    "%ld capped awards, %ld program caps applied, %ld capped sums, "
	    "%ld products checked, %ld profiles with warnings, %ld with "
	    "nothing eligible, %zu places, %ld run alone (their %ld "
	    "to_qualify set aside to compare)\n",
	    st.items, st.eligible, st.formula, st.fixed, st.ceiling,
	    st.unquantified, st.multipart, st.set_aside, st.part_capped,
	    st.program_capped, st.capped, st.arith, st.warnings,
	    st.none_eligible, nplaces, o.singles, o.qualified);
	printf("pop: record: %ld checks (%ld not met, %ld unknown), %ld "
	    "entries (%ld not counted), %ld items with every check met and "
	    "no award; %ld results compared in en\n", st.checks,
	    st.checks_not_met, st.checks_unknown, st.entries, st.not_counted,
	    st.no_award, st.lang_lines);
	printf("pop: terms: %ld awards with a ceiling besides the cap (%ld "
	    "ceiled), %ld ceilings of a rate, %ld guides, %ld ledger caps, "
	    "%ld pools (%ld per total), %ld paying on terms below quoted\n",
	    st.with_ceiling, st.ceiled, st.rate_ceilings, st.guides,
	    st.ledgers, (long)ngroups, pools_total(), st.below_quoted);
	printf("pop: next: %ld last days of claims (%ld of a round), %ld "
	    "items incomplete\n", st.due, st.due_window, st.incomplete);
	for (k = 0; k < NINV; k++) {
		if (failures[k]) {
			failed++;
			printf("pop: FAILED %s (%ld violations): %s\n",
			    inv_name[k], failures[k], inv_says[k]);
		} else {
			passed++;
		}
	}
	printf("pop: %ld profiles, %d invariants: %ld passed, %ld failed\n",
	    profiles, NINV, passed, failed);
	free(o.prof.buf);
	free(o.full.buf);
	free(o.compact.buf);
	free(o.elig.buf);
	free(o.pretty.buf);
	free(o.summary.buf);
	free(o.jur.buf);
	free(o.auto_.buf);
	free(o.stdin_.buf);
	free(o.en.buf);
	free(o.compact_en.buf);
	if (o.en.f)
		fclose(o.en.f);
	if (o.compact_en.f)
		fclose(o.compact_en.f);
	if (o.auto_.f)
		fclose(o.auto_.f);
	if (o.stdin_.f)
		fclose(o.stdin_.f);
	if (o.jur.f)
		fclose(o.jur.f);
	if (o.summary.f)
		fclose(o.summary.f);
	if (o.prof.f)
		fclose(o.prof.f);
	if (o.full.f)
		fclose(o.full.f);
	if (o.compact.f)
		fclose(o.compact.f);
	if (o.elig.f)
		fclose(o.elig.f);
	if (o.pretty.f)
		fclose(o.pretty.f);
	{
		size_t i;

		size_t k;

		for (i = 0; i < nplaces; i++) {
			free(places[i].key);
			free(places[i].programs);
		}
		for (i = 0; i < nprogs; i++)
			free(progs[i].id);
		for (i = 0; i < ngroups; i++) {
			for (k = 0; k < groups[i].n; k++)
				free(groups[i].c[k].profile);
			free(groups[i].c);
		}
		cJSON_Delete(pool_report);
	}
	return failed ? 1 : 0;
}
