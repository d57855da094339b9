/*
 * gen: a deterministic population of valid applicant profiles, one JSON
 * object a line, for the invariant checks of tests/pop (README.md there).
 *
 *     gen [-f FIRST] [-a DATE] SEED N [RULEFILE]...
 *     gen -s EVERY -o DIR < PROFILES
 *
 * Writes profiles P-FIRST .. P-(FIRST+N-1) (FIRST defaults to 1).  Each
 * profile draws from its own generator, seeded from SEED and its number,
 * so that `gen -f 1234 SEED 1` writes exactly the line P-1234 of a larger
 * population.  No floating point, no clock, no rand(): the same bytes on
 * every machine.
 *
 * Claim dates (as_of) cluster around every date found in the RULEFILEs
 * (the day before, the day, the day after: the changes of terms), besides
 * days spread over 2022-2028 and a few extreme ones.  Without RULEFILEs a
 * built-in list of the dates of the rules/ files is used.  About one profile
 * in ten has no as_of: the run gives --as-of DATE, which -a names here so
 * that registration dates can be placed around its month boundaries too
 * (default 2025-06-30).
 *
 * Every field of src/schema.c appears, top level and in list entries,
 * with every enum value; lists have 0 to 20 entries, more often 7-9 and
 * 15-17; amounts are zero, tiny, round, on the thresholds of the rules
 * (and a fen either side), typical, huge and a few very large ones, with
 * 0, 1 or 2 decimals.  Each profile has a theme (Chengdu first-version
 * software, standards, compute vouchers, revenue milestones, Shenzhen
 * vouchers, Sichuan venture funds, Sichuan platforms and projects, or
 * anything at all), and other sections are mixed in, so that most
 * profiles are eligible for something and many for several programs of
 * several jurisdictions.
 *
 * With -s and -o, gen writes the sample of profiles to be run alone
 * instead: every EVERY-th line of PROFILES to DIR/LINE.json, written in
 * turn as it is, indented, indented with CRLF, and after a byte-order
 * mark (split_sample below).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the generator: splitmix64 ---- */

struct rng {
	uint64_t s;
};

static uint64_t
next64(struct rng *r)
{
	uint64_t z;

	r->s += 0x9e3779b97f4a7c15ULL;
	z = r->s;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in 0..n-1 (n > 0); the bias of the modulo is negligible. */
static uint64_t
below(struct rng *r, uint64_t n)
{
	return next64(r) % n;
}

/* 1 with probability pct percent. */
static int
chance(struct rng *r, unsigned pct)
{
	return below(r, 100) < pct;
}

/* A number in lo..hi. */
static int64_t
range(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)below(r, (uint64_t)(hi - lo + 1));
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[below((r), NELEM(a))])

/* ---- JSON writing: one line on stdout ---- */

static int first[32];		/* no member written yet at this depth */
static int depth;
static int after_key;		/* a key was written, its value is next */

/* Before a value: a comma between the members of an array. */
static void
val_begin(void)
{
	if (after_key) {
		after_key = 0;
		return;
	}
	if (depth > 0 && !first[depth])
		putchar(',');
	first[depth] = 0;
}

static void
key(const char *k)
{
	if (!first[depth])
		putchar(',');
	first[depth] = 0;
	printf("\"%s\":", k);
	after_key = 1;
}

static void
open_(char c)
{
	val_begin();
	putchar(c);
	depth++;
	first[depth] = 1;
}

static void
close_(char c)
{
	depth--;
	putchar(c);
}

/* A raw JSON value (text already in JSON form). */
static void
raw(const char *json)
{
	val_begin();
	fputs(json, stdout);
}

/* k: raw value. */
static void
kraw(const char *k, const char *json)
{
	key(k);
	raw(json);
}

/* k: "s" for s of plain characters (no escapes needed). */
static void
kstr(const char *k, const char *s)
{
	key(k);
	val_begin();
	printf("\"%s\"", s);
}

/* ---- dates ---- */

/* Days since 1970-01-01 of y-m-d (proleptic Gregorian; H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp, yy;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int
days_in_month(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return n[m - 1];
}

/* The day k months after (before, k < 0) day z, clamped to the month's
 * last day. */
static int64_t
add_months(int64_t z, int k)
{
	int y, m, d, dim;
	int64_t t;

	civil_from_days(z, &y, &m, &d);
	t = (int64_t)y * 12 + (m - 1) + k;
	y = (int)(t / 12);
	m = (int)(t % 12) + 1;
	dim = days_in_month(y, m);
	if (d > dim)
		d = dim;
	return days_from_civil(y, m, d);
}

/* Writes day z as "YYYY-MM-DD" (years 1000..9999 are kept to). */
static void
date_str(int64_t z, char buf[16])
{
	int y, m, d;

	if (z < days_from_civil(1000, 1, 1))
		z = days_from_civil(1000, 1, 1);
	if (z > days_from_civil(9999, 12, 31))
		z = days_from_civil(9999, 12, 31);
	civil_from_days(z, &y, &m, &d);
	snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

static void
kdate(const char *k, int64_t z)
{
	char b[16];

	date_str(z, b);
	kstr(k, b);
}

/* The dates of the rules/ files when no RULEFILE is given. */
static const char *const builtin_dates[] = {
	"2023-01-12", "2024-01-18", "2024-12-18", "2025-01-01", "2025-08-27",
	"2025-08-28", "2026-12-17"
};

#define MAX_DATES 256
static int64_t rule_dates[MAX_DATES];
static size_t nrule_dates;

static void
add_rule_date(int64_t z)
{
	size_t i;

	for (i = 0; i < nrule_dates; i++)
		if (rule_dates[i] == z)
			return;
	if (nrule_dates < MAX_DATES)
		rule_dates[nrule_dates++] = z;
}

/* 1 with *z set when s[0..10) is a date YYYY-MM-DD that exists. */
static int
parse_date(const char *s, int64_t *z)
{
	int y = 0, m, d, i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	for (i = 0; i < 4; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	*z = days_from_civil(y, m, d);
	return 1;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Collects every date YYYY-MM-DD of the file (outside longer digit runs). */
static int
scan_dates(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text = NULL;
	size_t n = 0, cap = 0, i;
	int64_t z;

	if (!f) {
		fprintf(stderr, "gen: unable to open %s\n", path);
		return -1;
	}
	for (;;) {
		size_t got;

		if (cap - n < 4096) {
			char *t;

			cap = cap ? cap * 2 : 65536;
			t = realloc(text, cap);
			if (!t) {
				fprintf(stderr, "gen: out of memory\n");
				free(text);
				fclose(f);
				return -1;
			}
			text = t;
		}
		got = fread(text + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	for (i = 0; i + 10 <= n; i++) {
		if (i > 0 && is_digit((unsigned char)text[i - 1]))
			continue;
		if (i + 10 < n && is_digit((unsigned char)text[i + 10]))
			continue;
		if (parse_date(text + i, &z))
			add_rule_date(z);
	}
	free(text);
	return 0;
}

static int64_t default_as_of;

/* A claim date. */
static int64_t
pick_as_of(struct rng *r)
{
	unsigned k = (unsigned)below(r, 100);

	if (k < 40 && nrule_dates) {	/* around a change of terms */
		int64_t z = rule_dates[below(r, nrule_dates)];

		return z + range(r, -1, 1);
	}
	if (k < 85)	/* 2025-01-01 .. 2026-12-17: every rule file in force */
		return days_from_civil(2025, 1, 1) + range(r, 0, 715);
	if (k < 95)	/* any day of 2022-2028 */
		return days_from_civil(2022, 1, 1) + range(r, 0, 7 * 365 + 1);
	switch (below(r, 10)) {	/* month ends, leap days, extremes */
	case 0:
		return days_from_civil(2024, 2, 29);
	case 1:
		return days_from_civil(2025, 2, 28);
	case 2:
		return days_from_civil(2025, 12, 31);
	case 3:
		return days_from_civil(2025, 3, 31);
	case 4:
		return days_from_civil(1000, 1, 1);
	case 5:
		return days_from_civil(9999, 12, 31);
	case 6:
		return days_from_civil(2028, 2, 29);
	default:
		return days_from_civil(2025, 6, 30);
	}
}

/* A registration date: often just inside or outside the months that
 * programs count (Shenzhen's returnee grant: 6 to 48 months). */
static int64_t
pick_registered(struct rng *r, int64_t as_of)
{
	static const int months[] = { 0, 1, 5, 6, 6, 7, 24, 47, 48, 48, 49,
		60, 120 };

	switch (below(r, 10)) {
	case 0:	/* anywhere, even after the claim date */
		return days_from_civil(1990, 1, 1) + range(r, 0, 40 * 365);
	case 1:	/* extremes */
		return chance(r, 50) ? days_from_civil(1000, 1, 1) :
		    days_from_civil(9999, 12, 31);
	case 2:	/* a month end */
		return add_months(days_from_civil(2021, 1, 31),
		    (int)range(r, 0, 60));
	default: {
		int64_t z = add_months(as_of, -PICK(r, months));

		return z + range(r, -1, 1);
	}
	}
}

/* ---- amounts ---- */

/* Writes fen as yuan: 0, 1 or 2 decimals, sometimes with trailing
 * zeros ("12.50", "12.0"). */
static void
amount_text(struct rng *r, int64_t fen, char buf[40])
{
	int64_t y = fen / 100, f = fen % 100;

	if (f == 0) {
		unsigned k = (unsigned)below(r, 20);

		if (k == 0)
			snprintf(buf, 40, "%lld.0", (long long)y);
		else if (k == 1)
			snprintf(buf, 40, "%lld.00", (long long)y);
		else if (k == 2 && y == 0)
			snprintf(buf, 40, "-0");
		else
			snprintf(buf, 40, "%lld", (long long)y);
	} else if (f % 10 == 0 && chance(r, 80)) {
		snprintf(buf, 40, "%lld.%lld", (long long)y,
		    (long long)(f / 10));
	} else {
		snprintf(buf, 40, "%lld.%02lld", (long long)y, (long long)f);
	}
}

/* A whole number of about 10^lo to 10^hi (log-uniform), lo < hi <= 15. */
static int64_t
logu(struct rng *r, int lo, int hi)
{
	int e = (int)range(r, lo, hi - 1);
	int64_t p = 1, i;

	for (i = 0; i < e; i++)
		p *= 10;
	return p + (int64_t)below(r, (uint64_t)(p * 9));
}

/* Thresholds of the rules, yuan: where caps begin to bite (cap / rate)
 * and where conditions flip. */
static const int64_t thresholds[] = {
	25000000,		/* 10% of it is 250万 (first-version cap) */
	10000000,		/* 30% of it is 300万 (compute, national) */
	5000000,		/* 30% of it is 150万 (compute, provincial) */
	20000000,		/* 50% of it is 1000万; sales > 2000万 */
	200000000,		/* 1% of it is 200万 (venture); 2亿 */
	300000000, 500000000, 1000000000,	/* revenue milestones */
	1000000, 2000000, 3000000, 4000000, 6000000,	/* awards, caps */
	500000,			/* Hangzhou: an SME's compute up to 50万 */
	16000000, 40000000,	/* 800万 at 50% and 20% (Hangzhou) */
	6666666, 3333333,	/* 200万 and 100万 at 30% (Nanning, Chengdu) */
};

/* 500万 / 60%, 1000万 / 60%, 200万 / 30%: caps that fall between fen. */
static const int64_t threshold_fen[] = {
	833333333, 833333334, 1666666667, 1666666666, 666666667, 666666666,
	2666666667, 2666666666, 333333333, 333333334,	/* 800万, 100万 / 30% */
};

/*
 * An amount in fen.  scale limits the very large ones: the caller's list
 * sums stay far below the int64 fen limit (9.2e18 fen) even with 20
 * entries, 100% rates and several programs adding them up.
 */
static int64_t
pick_fen(struct rng *r, int allow_large)
{
	unsigned k = (unsigned)below(r, 100);

	if (k < 4)		/* zero */
		return 0;
	if (k < 14)		/* tiny: 0.01 .. 100 yuan */
		return range(r, 1, 10000);
	if (k < 36) {		/* round */
		static const int64_t mant[] = { 1, 2, 3, 5, 8, 10, 25, 50 };

		int64_t f = PICK(r, mant) * 100;
		int e = (int)range(r, 0, 8);

		while (e-- > 0)
			f *= 10;
		return f;
	}
	/* (one draw a statement: the order in which the operands of + are
	 * evaluated is unspecified, and the bytes must not depend on the
	 * compiler) */
	if (k < 52) {		/* on a threshold, or a few fen either side */
		int64_t f;

		if (chance(r, 20)) {
			f = PICK(r, threshold_fen);
			return f + range(r, -1, 1);
		}
		f = PICK(r, thresholds) * 100;
		return chance(r, 50) ? f : f + range(r, -5, 5);
	}
	if (k < 88) {		/* typical: 1万 .. 10亿, some decimals */
		int64_t f = logu(r, 4, 9) * 100;

		return chance(r, 40) ? f + range(r, 0, 99) : f;
	}
	if (k < 97 || !allow_large) {	/* huge: 10亿 .. 1万亿 */
		int64_t f = logu(r, 9, 12) * 100;

		return chance(r, 30) ? f + range(r, 0, 99) : f;
	}
	/* very large: up to 10^14 yuan, 10^16 fen */
	{
		int64_t f = logu(r, 12, 14) * 100;

		return f + range(r, 0, 99);
	}
}

static void
kamount(struct rng *r, const char *k, int64_t fen)
{
	char b[40];

	amount_text(r, fen, b);
	kraw(k, b);
}

/* ---- strings ---- */

/* Names and other free text, as JSON: Chinese, escapes, empty, long. */
static const char *const texts[] = {
	"\"成都恒图科技有限责任公司\"",
	"\"深圳市 AI \\\"先锋\\\" 公司\"",
	"\"back\\\\slash \\/ solidus\"",
	"\"tab\\tnew\\nline\\r\"",
	"\"\\u00e9t\\u00e9 \\u4e2d\\u6587 \\ud83d\\ude00\"",
	"\"😀 raw emoji and 中文\"",
	"\"\"",
	"\"ctl \\u0001\\u001f end\"",
	"\"Sichuan Compute Co., Ltd.\"",
	"\"国家超算成都中心\"",
	"\"a very long name: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
};

/* Unusual entry ids, as JSON. */
static const char *const odd_ids[] = {
	"\"产品\\\"甲\\\"\"", "\"a\\\\b/c\"", "\"\\u00e9\\ud83d\\ude00\"",
	"\"\"", "\"sw 1: developer\"", "\"%s%n\"",
};

/*
 * An entry's "id": usually prefix-i, sometimes absent (the result names
 * the entry by its path), repeated from an earlier entry (which the
 * same-project rule reads as one project), or odd.
 */
static void
entry_id(struct rng *r, const char *prefix, size_t i)
{
	char b[48];
	unsigned k = (unsigned)below(r, 100);

	if (k < 10)
		return;
	if (k < 16 && i > 0) {
		snprintf(b, sizeof b, "\"%s-%zu\"", prefix,
		    (size_t)below(r, i));
		kraw("id", b);
		return;
	}
	if (k < 20) {
		kraw("id", PICK(r, odd_ids));
		return;
	}
	snprintf(b, sizeof b, "\"%s-%zu\"", prefix, i);
	kraw("id", b);
}

/* A boolean, absent some of the time (its default applies). */
static void
kbool_maybe(struct rng *r, const char *k, unsigned pct_true,
	unsigned pct_absent)
{
	if (chance(r, pct_absent))
		return;
	kraw(k, chance(r, pct_true) ? "true" : "false");
}

/* An enum value from v, or absent (default) some of the time. */
static void
kenum_maybe(struct rng *r, const char *k, const char *const *v, size_t n,
	unsigned pct_absent)
{
	if (chance(r, pct_absent))
		return;
	kstr(k, v[below(r, n)]);
}

/* ---- lists ---- */

/* A list length 0..20, more often around 8 and 16 (where arrays grow). */
static size_t
pick_len(struct rng *r, int busy)
{
	unsigned k = (unsigned)below(r, 100);

	if (!busy && k < 30)
		return 0;
	if (k < 50)
		return (size_t)range(r, 1, 3);
	if (k < 62)
		return (size_t)range(r, 4, 6);
	if (k < 76)
		return (size_t)range(r, 7, 9);
	if (k < 90)
		return (size_t)range(r, 15, 17);
	return (size_t)range(r, 0, 20);
}

/* Opens list k; with no entries, writes [] or nothing. */
static int
list_open(struct rng *r, const char *k, size_t n)
{
	if (n == 0 && chance(r, 50))
		return 0;
	key(k);
	open_('[');
	return 1;
}

static void
list_close(void)
{
	close_(']');
}

/* ---- the sections ---- */

static const char *const kinds[] = {
	"enterprise", "university", "research_institute", "vc_institution",
	"data_source_unit", "individual"
};
/* The kinds of Shanghai's and Nanning's vouchers. */
static const char *const kinds3[] = {
	"enterprise", "enterprise", "university", "research_institute"
};
static const char *const compute_purposes[] = {
	"model_training", "inference", "other"
};
static const char *const corpus_purposes[] = {
	"model_rnd", "model_application", "other"
};
static const char *const roles[] = { "developer", "adopter", "both" };
static const char *const platform_types[] = {
	"national_key_lab", "national_engineering_research_center",
	"national_technology_innovation_center",
	"national_emerging_industry_innovation_center",
	"national_manufacturing_innovation_center",
	"provincial_innovation_center_excellent"
};
static const char *const achievement_types[] = {
	"national_major_project_result", "national_key_rnd_result",
	"national_st_award", "national_ai_pilot", "high_quality_dataset"
};
static const char *const honors[] = { "\"little_giant\"",
	"\"chain_leader\"", "\"national_green_data_center\"" };
static const char *const sectors[] = { "software_info_service",
	"manufacturing", "other" };
static const char *const facilities[] = { "domestic", "other" };
static const char *const model_modes[] = { "api", "cloud", "private" };
/* Contract numbers: few, so that prior awards name the same ones. */
static const char *const contracts[] = {
	"\"HT-2023-001\"", "\"HT-2024-017\"", "\"HT-2025-002\"",
	"\"BJSL-0009\"", "\"合同-甲\"", "\"\""
};
static const char *const levels[] = { "international", "national",
	"industry" };
static const char *const project_types[] = {
	"ai_project_lead", "provincial_major_st", "pilot", "juyuan_xingchuan",
	"compute_scheduling_platform", "vertical_model"
};
static const char *const project_levels[] = { "national", "provincial" };
static const char *const plans[] = { "tianfu_emei", "tianfu_qingcheng" };
static const char *const talent_kinds[] = { "team", "individual" };
static const char *const landed[] = {
	"\"chengdu\"", "\"chengdu\"", "\"chengdu\"", "\"shenzhen\"",
	"\"mianyang\"", "\"\"", "\"Chengdu\""
};

static void
compute_purchases(struct rng *r, size_t n, int64_t as_of, int training)
{
	size_t i;

	if (!list_open(r, "compute_purchases", n))
		return;
	for (i = 0; i < n; i++) {
		int64_t fen = pick_fen(r, n <= 8);

		open_('{');
		entry_id(r, "cp", i);
		kamount(r, "amount", fen);
		if (training && chance(r, 70))
			kstr("purpose", "model_training");
		else
			kenum_maybe(r, "purpose", compute_purposes,
			    NELEM(compute_purposes), 20);
		if (chance(r, 30))
			kraw("provider", PICK(r, texts));
		kbool_maybe(r, "provider_listed", training ? 85 : 70, 40);
		kbool_maybe(r, "affiliated", training ? 10 : 30, 40);
		if (chance(r, 40))
			kdate("date", as_of - range(r, -30, 400));
		/* a contract: signed, its service period (sometimes of no
		 * days), what was settled of it, its number */
		if (chance(r, 30))
			kdate("signed_on", as_of - range(r, -30, 800));
		if (chance(r, 30)) {
			int64_t start = as_of - range(r, -60, 800);

			kdate("start", start);
			if (chance(r, 90))
				kdate("end", start + range(r, 0, 900));
		}
		if (chance(r, 25))
			kamount(r, "settled", chance(r, 30) ? fen :
			    fen / range(r, 1, 4));
		if (chance(r, 15))
			kenum_maybe(r, "facility", facilities,
			    NELEM(facilities), 0);
		if (chance(r, 20))
			kraw("contract", PICK(r, texts));
		close_('}');
	}
	list_close();
}

/* The styles of the compute contracts of the new jurisdictions' themes. */
enum cstyle {
	CS_BEIJING, CS_SHANGHAI, CS_HANGZHOU, CS_NANNING
};

/* A service period: for Beijing about 12 months (exactly, a day over,
 * one month less or more); for Nanning across its base period
 * 2025-03-01 .. 2025-12-31 (inside, across either end, outside, and the
 * source's worked example 2025-01-01 .. 2026-12-31); else anything. */
static void
service_period(struct rng *r, enum cstyle cs, int64_t as_of,
	int64_t signed_on)
{
	int64_t start, end;

	if (cs == CS_NANNING) {
		static const int64_t starts[][3] = {
			{ 2025, 1, 1 }, { 2025, 3, 1 }, { 2025, 2, 28 },
			{ 2024, 6, 1 }, { 2025, 7, 15 }, { 2025, 12, 31 },
			{ 2026, 1, 1 }, { 2024, 3, 1 },
		};
		const int64_t *d = starts[below(r, NELEM(starts))];

		start = days_from_civil(d[0], (int)d[1], (int)d[2]);
		switch (below(r, 6)) {
		case 0:
			end = days_from_civil(2026, 12, 31);
			break;
		case 1:
			end = days_from_civil(2025, 12, 31);
			break;
		case 2:
			end = days_from_civil(2025, 3, 1);
			break;
		case 3:
			end = start;	/* a period of no days */
			break;
		default:
			end = start + range(r, 0, 730);
			break;
		}
		if (end < start)
			end = start + range(r, 0, 400);
	} else {
		start = signed_on + range(r, 0, 40);
		if (chance(r, 20))
			start = as_of - range(r, -30, 500);
		switch (below(r, 7)) {
		case 0:	/* exactly 12 months */
			end = add_months(start, 12) - 1;
			break;
		case 1:	/* a day over */
			end = add_months(start, 12);
			break;
		case 2:
			end = add_months(start, 12) + 1;
			break;
		case 3:
			end = add_months(start, 11);
			break;
		case 4:
			end = add_months(start, 13);
			break;
		case 5:
			end = start;
			break;
		default:
			end = start + range(r, 0, 900);
			break;
		}
	}
	kdate("start", start);
	kdate("end", end);
}

/* An amount for a contract of the new themes: often where the caps bite
 * (the caller's thresholds), else any. */
static int64_t
theme_fen(struct rng *r, const int64_t *yuan, size_t n, int allow_large)
{
	if (chance(r, 35)) {
		int64_t f = yuan[below(r, n)] * 100;

		return chance(r, 50) ? f : f + range(r, -2, 2);
	}
	return pick_fen(r, allow_large);
}

/*
 * Compute contracts of Beijing, Shanghai, Hangzhou and Nanning: purposes
 * the programs count, signed around Beijing's 2023-09-01, service
 * periods, settled parts, listed providers, domestic facilities, and
 * contract numbers that prior awards may repeat.  For Hangzhou, the
 * SME's compute total is often 50万 exactly or a fen either side, split
 * among the entries.
 */
static void
theme_compute(struct rng *r, size_t n, int64_t as_of, enum cstyle cs)
{
	static const int64_t caps[] = { 10000000, 20000000, 6666667,
		26666667, 40000000, 500000, 2000000 };
	int64_t total = -1, left = 0;
	size_t i;

	if (cs == CS_HANGZHOU && n > 0 && chance(r, 50)) {
		static const int64_t t[] = { 50000000, 49999999, 50000001,
			30000000, 80000000 };

		total = PICK(r, t);
		left = total;
	}
	if (!list_open(r, "compute_purchases", n))
		return;
	for (i = 0; i < n; i++) {
		int64_t fen, signed_on;

		if (total >= 0) {
			fen = i + 1 == n ? left : left / 2;
			left -= fen;
		} else {
			fen = theme_fen(r, caps, NELEM(caps), n <= 8);
		}
		open_('{');
		entry_id(r, "cp", i);
		kamount(r, "amount", fen);
		if (chance(r, 80))
			kstr("purpose", chance(r, 55) ? "model_training" :
			    "inference");
		else
			kenum_maybe(r, "purpose", compute_purposes,
			    NELEM(compute_purposes), 30);
		kbool_maybe(r, "provider_listed", cs == CS_NANNING ? 80 : 90,
		    cs == CS_NANNING ? 20 : 70);
		kbool_maybe(r, "affiliated", 15, 40);
		if (cs == CS_HANGZHOU || chance(r, 10))
			kenum_maybe(r, "facility", facilities,
			    NELEM(facilities), 20);
		/* signed around 2023-09-01, or in the year before the
		 * claim */
		if (cs == CS_BEIJING && chance(r, 30))
			signed_on = days_from_civil(2023, 9, 1) +
			    range(r, -2, 2);
		else
			signed_on = as_of - range(r, -10, 400);
		if (chance(r, cs == CS_BEIJING ? 85 : 50))
			kdate("signed_on", signed_on);
		else if (chance(r, 50))
			kdate("date", signed_on);
		if (chance(r, cs == CS_NANNING || cs == CS_BEIJING ? 85 : 30))
			service_period(r, cs, as_of, signed_on);
		if (chance(r, cs == CS_NANNING ? 85 : 25)) {
			int64_t s;

			switch (below(r, 4)) {
			case 0:
				s = fen;
				break;
			case 1:
				s = 0;
				break;
			case 2:
				s = chance(r, 50) && fen >= 20000000 ?
				    20000000 : fen / 2;	/* 20万 */
				break;
			default:
				s = fen / range(r, 1, 7);
				break;
			}
			kamount(r, "settled", s);
		}
		if (chance(r, 60))
			kraw("contract", PICK(r, contracts));
		close_('}');
	}
	list_close();
}

/*
 * Models bought (model_purchases): by api, cloud or private deployment,
 * of a third party or not, registered or not; amounts where the caps of
 * 30% (100万, 200万, 800万) and 50% (500万) bite.
 */
static void
model_purchases(struct rng *r, size_t n, int64_t as_of, int good)
{
	static const int64_t caps[] = { 3333333, 6666667, 10000000,
		26666667, 1000000 };
	size_t i;

	if (!list_open(r, "model_purchases", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "mp", i);
		kamount(r, "amount", good ? theme_fen(r, caps, NELEM(caps),
		    n <= 8) : pick_fen(r, n <= 8));
		kstr("mode", PICK(r, model_modes));
		kbool_maybe(r, "third_party", good ? 85 : 50, 30);
		kbool_maybe(r, "model_registered", good ? 80 : 50, 20);
		kbool_maybe(r, "affiliated", good ? 10 : 30, 40);
		if (chance(r, 60))
			kdate("date", as_of - range(r, -30, 500));
		if (chance(r, 40))
			kraw("contract", PICK(r, contracts));
		close_('}');
	}
	list_close();
}

/* Scenarios led (Chengdu's flagship scenarios): selected or not, with
 * their investment (often where 30% reaches 100万). */
static void
scenarios(struct rng *r, size_t n, int good)
{
	static const int64_t caps[] = { 3333333, 3333334, 1000000 };
	size_t i;

	if (!list_open(r, "scenarios", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "sc", i);
		kbool_maybe(r, "selected", good ? 75 : 40, 15);
		if (chance(r, 90))
			kamount(r, "investment", theme_fen(r, caps,
			    NELEM(caps), n <= 8));
		close_('}');
	}
	list_close();
}

/*
 * What the applicant already received: programs known and not.  With own
 * (a program id, as JSON), most entries are of that program, with the
 * contract numbers its compute contracts use, dated in the claim's
 * calendar year (an annual cap counts them) or the year before, for
 * amounts about its cap.
 */
static void
prior_awards(struct rng *r, size_t n, int64_t as_of, const char *own)
{
	static const char *const programs[] = {
		"\"chengdu.compute_voucher\"", "\"chengdu.standards\"",
		"\"shenzhen.training_voucher\"", "\"nanning.compute_voucher\"",
		"\"beijing.compute_voucher\"", "\"hangzhou.compute_voucher\"",
		"\"shenzhen.model_voucher\"", "\"wuhan.compute_voucher\"",
		"\"\"",
	};
	static const int64_t sums[] = { 500000, 1000000, 1999999, 2000000,
		2000001, 8000000 };
	size_t i;

	if (!list_open(r, "prior_awards", n))
		return;
	for (i = 0; i < n; i++) {
		int mine = own && chance(r, 75);
		int64_t d;

		open_('{');
		entry_id(r, "pa", i);
		kraw("program", mine ? own : PICK(r, programs));
		if (mine) {
			int y, m, dd;

			civil_from_days(as_of, &y, &m, &dd);
			d = chance(r, 65) ? days_from_civil(y, 1, 1) +
			    range(r, 0, as_of - days_from_civil(y, 1, 1)) :
			    as_of - range(r, 1, 500);
			if (chance(r, 5))
				d = as_of + range(r, 1, 30);	/* later */
		} else {
			d = as_of - range(r, -30, 800);
		}
		kdate("date", d);
		if (mine && chance(r, 50)) {
			int64_t f = PICK(r, sums) * 100;

			kamount(r, "amount", chance(r, 30) ? f +
			    range(r, -1, 1) : f);
		} else
			kamount(r, "amount", pick_fen(r, n <= 8));
		if (chance(r, mine ? 70 : 40))
			kraw("contract", mine ? PICK(r, contracts) :
			    PICK(r, texts));
		close_('}');
	}
	list_close();
}

static void
corpus_purchases(struct rng *r, size_t n, int good)
{
	size_t i;

	if (!list_open(r, "corpus_purchases", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "co", i);
		kamount(r, "amount", pick_fen(r, n <= 8));
		kbool_maybe(r, "via_exchange", good ? 85 : 50, 20);
		kbool_maybe(r, "affiliated", good ? 10 : 30, 30);
		if (good && chance(r, 70))
			kstr("purpose", chance(r, 50) ? "model_rnd" :
			    "model_application");
		else
			kenum_maybe(r, "purpose", corpus_purposes,
			    NELEM(corpus_purposes), 20);
		close_('}');
	}
	list_close();
}

static void
software_products(struct rng *r, size_t n, int good)
{
	size_t i;

	if (!list_open(r, "software_products", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "sw", i);
		if (chance(r, 20))
			kraw("name", PICK(r, texts));
		kbool_maybe(r, "certified_first_version", good ? 85 : 50, 10);
		if (good && chance(r, 50))
			kstr("role", chance(r, 60) ? "both" : "developer");
		else
			kenum_maybe(r, "role", roles, NELEM(roles), 15);
		if (chance(r, 85))
			kamount(r, "rd_expenditure", good && chance(r, 30) ?
			    range(r, 20000000, 80000000) * 100 :
			    pick_fen(r, n <= 8));
		if (chance(r, 70))
			kamount(r, "contract_executed", good && chance(r, 30) ?
			    range(r, 20000000, 80000000) * 100 :
			    pick_fen(r, n <= 8));
		close_('}');
	}
	list_close();
}

static void
platforms(struct rng *r, size_t n, int good)
{
	size_t i;

	if (!list_open(r, "platforms", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "pf", i);
		kenum_maybe(r, "type", platform_types, NELEM(platform_types),
		    5);
		kbool_maybe(r, "newly_approved", good ? 85 : 50, 15);
		if (chance(r, 60))
			kamount(r, "national_funding", pick_fen(r, n <= 8));
		close_('}');
	}
	list_close();
}

static void
achievements(struct rng *r, size_t n)
{
	size_t i;

	if (!list_open(r, "achievements", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "ac", i);
		kenum_maybe(r, "type", achievement_types,
		    NELEM(achievement_types), 5);
		if (chance(r, 85))
			kraw("landed_in", PICK(r, landed));
		close_('}');
	}
	list_close();
}

static void
standards(struct rng *r, size_t n, int national_only)
{
	size_t i;

	if (!list_open(r, "standards_led", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		if (chance(r, 50))
			entry_id(r, "GB/T 4500", i);
		kstr("level", national_only ? "national" : PICK(r, levels));
		close_('}');
	}
	list_close();
}

static void
projects(struct rng *r, size_t n, int lead)
{
	size_t i;

	if (!list_open(r, "projects", n))
		return;
	for (i = 0; i < n; i++) {
		const char *t;

		open_('{');
		entry_id(r, "pj", i);
		t = lead && chance(r, 60) ? "ai_project_lead" :
		    PICK(r, project_types);
		if (chance(r, 95))
			kstr("type", t);
		if (strcmp(t, "ai_project_lead") == 0 ? chance(r, 90) :
		    chance(r, 10))
			kenum_maybe(r, "level", project_levels,
			    NELEM(project_levels), 0);
		if (strcmp(t, "compute_scheduling_platform") == 0 ?
		    chance(r, 90) : chance(r, 10))
			kamount(r, "total_investment", pick_fen(r, n <= 8));
		if (strcmp(t, "vertical_model") == 0 ? chance(r, 90) :
		    chance(r, 10))
			kamount(r, "sales", pick_fen(r, n <= 8));
		if (strcmp(t, "vertical_model") == 0 ? chance(r, 60) :
		    chance(r, 10))
			kbool_maybe(r, "prior_provincial_support", 30, 0);
		close_('}');
	}
	list_close();
}

static void
investments(struct rng *r, size_t n, int good)
{
	static const int months[] = { 0, 1, 11, 12, 12, 13, 13, 18, 24, 36,
		120, 1200 };
	size_t i;

	if (!list_open(r, "investments", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "inv", i);
		if (chance(r, 30))
			kraw("company", PICK(r, texts));
		kbool_maybe(r, "ai", good ? 85 : 50, 10);
		if (chance(r, 90))
			kamount(r, "amount", pick_fen(r, n <= 8));
		if (chance(r, 90)) {
			char b[24];
			int m = PICK(r, months);

			if (chance(r, 5))
				snprintf(b, sizeof b, "%d.0", m);
			else
				snprintf(b, sizeof b, "%d", m);
			kraw("held_months", b);
		}
		close_('}');
	}
	list_close();
}

static void
talent(struct rng *r, size_t n)
{
	size_t i;

	if (!list_open(r, "talent", n))
		return;
	for (i = 0; i < n; i++) {
		open_('{');
		entry_id(r, "tl", i);
		kenum_maybe(r, "plan", plans, NELEM(plans), 10);
		kenum_maybe(r, "kind", talent_kinds, NELEM(talent_kinds), 10);
		close_('}');
	}
	list_close();
}

/* Titles; green: the first is often national_green_data_center. */
static void
honor_list(struct rng *r, int want, int green)
{
	size_t n = want ? (size_t)range(r, 1, 3) : (size_t)below(r, 4), i;

	if (!list_open(r, "honors", n))
		return;
	for (i = 0; i < n; i++)
		raw(i == 0 && green && chance(r, 70) ? honors[2] :
		    PICK(r, honors));
	list_close();
}

static void
revenue(struct rng *r, int good)
{
	static const char *const shares[] = {
		"0", "0.3", "0.59", "0.5999", "0.6", "0.60", "0.6000000001",
		"0.61", "0.65", "0.9", "1", "1.0", "0.123456789012345678"
	};
	static const int64_t marks[] = { 300000000, 500000000, 1000000000 };
	size_t k;

	key("revenue");
	open_('{');
	/* on a milestone, a fen or a 10万 either side, this year; the best
	 * earlier year below it, or on the one before */
	k = below(r, NELEM(marks));
	if (chance(r, 90)) {
		int64_t m;

		if (good && chance(r, 75)) {
			int64_t step = chance(r, 50) ? 1 : 10000000;

			m = marks[k] * 100 + range(r, -2, 2) * step;
		} else {
			m = pick_fen(r, 1);
		}
		kamount(r, "main_business", m < 0 ? 0 : m);
	}
	if (chance(r, 80)) {
		int64_t m = good && chance(r, 75) ? (k > 0 && chance(r, 50) ?
		    marks[k - 1] * 100 + range(r, -2, 2) : marks[k] * 100 -
		    range(r, 0, 1)) : pick_fen(r, 1);

		kamount(r, "prior_max", m < 0 ? 0 : m);
	}
	if (chance(r, 85))
		kraw("ai_share", good && chance(r, 60) ?
		    shares[range(r, 4, (int64_t)NELEM(shares) - 2)] :
		    PICK(r, shares));
	close_('}');
}

/* ---- where ---- */

enum place {
	AT_CHENGDU, AT_SHENZHEN, AT_SICHUAN, AT_BEIJING, AT_SHANGHAI,
	AT_HANGZHOU, AT_NANNING, AT_ZJ_GX, AT_ANY
};

/* A municipality (Beijing, Shanghai): as city, as province, or both. */
static void
municipality(struct rng *r, const char *m)
{
	unsigned k = (unsigned)below(r, 3);

	if (k != 1)
		kstr("city", m);
	if (k != 0)
		kstr("province", m);
}

static void
location(struct rng *r, enum place where)
{
	/* cities no rule file knows, none of them in zhejiang or guangxi,
	 * each with its province or none the rules know */
	static const char *const unknown_cities[][2] = {
		{ "guangzhou", "guangdong" }, { "wuhan", "hubei" },
		{ "xian", "shaanxi" }, { "tianjin", NULL },
		{ "chongqing", NULL }, { "Chengdu", "sichuan" },
		{ "chengdu ", "sichuan" }, { "成都", "sichuan" },
		{ "Beijing", NULL }
	};
	static const char *const sichuan_cities[] = {
		"mianyang", "deyang", "yibin", "leshan"
	};
	static const char *const zhejiang_cities[] = {
		"ningbo", "wenzhou", "shaoxing"
	};
	static const char *const guangxi_cities[] = {
		"liuzhou", "guilin", "beihai"
	};
	unsigned k;

	if (where == AT_ANY) {
		k = (unsigned)below(r, 100);
		where = k < 28 ? AT_CHENGDU : k < 48 ? AT_SHENZHEN :
		    k < 60 ? AT_SICHUAN : k < 64 ? AT_BEIJING :
		    k < 68 ? AT_SHANGHAI : k < 72 ? AT_HANGZHOU :
		    k < 76 ? AT_NANNING : k < 80 ? AT_ZJ_GX : AT_ANY;
	}
	switch (where) {
	case AT_CHENGDU:
		kstr("city", "chengdu");
		if (chance(r, 35))
			kstr("province", "sichuan");
		return;
	case AT_SHENZHEN:
		kstr("city", "shenzhen");
		if (chance(r, 30))
			kstr("province", "guangdong");
		return;
	case AT_SICHUAN:
		k = (unsigned)below(r, 100);
		if (k < 40) {
			kstr("city", "chengdu");
			if (chance(r, 50))
				kstr("province", "sichuan");
		} else if (k < 75) {		/* a city the rules lack */
			kstr("city", PICK(r, sichuan_cities));
			kstr("province", "sichuan");
		} else {			/* the province only */
			kstr("province", "sichuan");
		}
		return;
	case AT_BEIJING:
		municipality(r, "beijing");
		return;
	case AT_SHANGHAI:
		municipality(r, "shanghai");
		return;
	case AT_HANGZHOU:
		kstr("city", "hangzhou");
		if (chance(r, 50))
			kstr("province", "zhejiang");
		return;
	case AT_NANNING:
		kstr("city", "nanning");
		if (chance(r, 50))
			kstr("province", "guangxi");
		return;
	case AT_ZJ_GX:	/* a city of theirs the rules lack, or one alone */
		k = (unsigned)below(r, 4);
		if (k == 0) {
			kstr("city", PICK(r, zhejiang_cities));
			kstr("province", "zhejiang");
		} else if (k == 1) {
			kstr("city", PICK(r, guangxi_cities));
			kstr("province", "guangxi");
		} else {
			kstr("province", k == 2 ? "zhejiang" : "guangxi");
		}
		return;
	case AT_ANY:
		break;
	}
	switch (below(r, 6)) {
	case 0:		/* no place at all */
		return;
	case 1:		/* a city the rules do not know */
		kraw("city", chance(r, 50) ? "\"wuhan\"" :
		    PICK(r, texts));
		return;
	case 2:
		k = (unsigned)below(r, NELEM(unknown_cities));
		kstr("city", unknown_cities[k][0]);
		if (unknown_cities[k][1] && chance(r, 50))
			kstr("province", unknown_cities[k][1]);
		return;
	case 3:		/* a province the rules do not know, or one
			 * with no programs */
		kstr("province", chance(r, 70) ? "guangdong" : "hubei");
		return;
	case 4:		/* a jurisdiction id given as the city */
		kstr("city", chance(r, 70) ? "sichuan" : "zhejiang");
		return;
	default:
		kstr("city", "shenzhen");
		kstr("province", "guangdong");
		return;
	}
}

/* ---- a profile ---- */

enum theme {
	T_SOFTWARE, T_STANDARDS, T_CD_COMPUTE, T_CD_REVENUE, T_SHENZHEN,
	T_VENTURE, T_SC_PLATFORMS, T_BEIJING, T_SHANGHAI, T_HANGZHOU,
	T_NANNING, T_MODEL, T_ANY
};

/* Each new place gets about 5% of its own theme, plus its share of the
 * places drawn at random (T_ANY, and the one profile in ten of a theme
 * placed anywhere). */
static enum theme
pick_theme(struct rng *r)
{
	unsigned k = (unsigned)below(r, 100);

	return k < 11 ? T_SOFTWARE : k < 17 ? T_STANDARDS :
	    k < 25 ? T_CD_COMPUTE : k < 31 ? T_CD_REVENUE :
	    k < 44 ? T_SHENZHEN : k < 51 ? T_VENTURE :
	    k < 62 ? T_SC_PLATFORMS : k < 67 ? T_BEIJING :
	    k < 72 ? T_SHANGHAI : k < 77 ? T_HANGZHOU :
	    k < 82 ? T_NANNING : k < 88 ? T_MODEL : T_ANY;
}

/* A claim date in [from, until] (days), or a day either side. */
static int64_t
date_within(struct rng *r, int64_t from, int64_t until)
{
	switch (below(r, 10)) {
	case 0:
		return from + range(r, -1, 1);
	case 1:
		return until + range(r, -1, 1);
	default:
		return from + range(r, 0, until - from);
	}
}

/* Whether section s gets entries: always for the theme's own, else now
 * and then, so that programs and jurisdictions mix. */
#define MIX(r, own) ((own) || chance((r), 22))

static void
profile(uint64_t seed, long n)
{
	struct rng r;
	enum theme t;
	int64_t as_of;
	int has_as_of;
	char b[48], id[32];
	const char *kind;
	int id_last, as_of_early;

	r.s = seed * 0x9e3779b97f4a7c15ULL ^
	    (uint64_t)n * 0xd1b54a32d192ed03ULL;
	next64(&r);
	t = pick_theme(&r);
	as_of = pick_as_of(&r);
	if (t == T_CD_COMPUTE && chance(&r, 60))	/* 2023 or 2025 terms */
		as_of = days_from_civil(2025, 8, 28) + range(&r, -3, 2);
	if (t == T_SHENZHEN && (as_of < days_from_civil(2024, 12, 18) ||
	    as_of > days_from_civil(2026, 12, 17)) && chance(&r, 70))
		as_of = days_from_civil(2024, 12, 18) + range(&r, 0, 729);
	if (chance(&r, 75)) {	/* mostly while the place's terms are in force */
		switch (t) {
		case T_BEIJING:
			as_of = date_within(&r, days_from_civil(2023, 9, 1),
			    days_from_civil(2025, 12, 31));
			break;
		case T_SHANGHAI:
			as_of = date_within(&r, days_from_civil(2025, 7, 28),
			    days_from_civil(2026, 12, 31));
			break;
		case T_HANGZHOU:
			as_of = date_within(&r, days_from_civil(2025, 6, 13),
			    days_from_civil(2026, 12, 31));
			break;
		case T_NANNING:
			as_of = date_within(&r, days_from_civil(2025, 3, 1),
			    days_from_civil(2026, 1, 23));
			break;
		case T_MODEL:
			as_of = date_within(&r, days_from_civil(2025, 8, 28),
			    days_from_civil(2026, 12, 17));
			break;
		default:
			break;
		}
	}
	has_as_of = !chance(&r, 10);
	if (!has_as_of)
		as_of = default_as_of;

	depth = 0;
	first[0] = 1;
	open_('{');
	/* every profile has its id, mostly first: the order of fields is
	 * free */
	snprintf(id, sizeof id, "\"P-%ld\"", n);
	id_last = chance(&r, 10);
	if (!id_last)
		kraw("id", id);
	if (chance(&r, 40))
		kraw("name", PICK(&r, texts));
	as_of_early = has_as_of && chance(&r, 50);
	if (as_of_early)
		kdate("as_of", as_of);
	switch (t) {
	case T_VENTURE:
		kind = chance(&r, 85) ? "vc_institution" : PICK(&r, kinds);
		break;
	case T_SHENZHEN:
		kind = chance(&r, 15) ? "data_source_unit" : chance(&r, 75) ?
		    "enterprise" : PICK(&r, kinds);
		break;
	case T_SC_PLATFORMS:
		kind = chance(&r, 50) ? "enterprise" : PICK(&r, kinds);
		break;
	case T_SHANGHAI: case T_NANNING:
		kind = chance(&r, 80) ? PICK(&r, kinds3) : PICK(&r, kinds);
		break;
	case T_ANY:
		kind = PICK(&r, kinds);
		break;
	default:
		kind = chance(&r, 85) ? "enterprise" : PICK(&r, kinds);
		break;
	}
	kstr("kind", kind);
	if (has_as_of && !as_of_early)
		kdate("as_of", as_of);
	switch (t) {
	case T_SOFTWARE: case T_STANDARDS: case T_CD_COMPUTE: case T_CD_REVENUE:
		location(&r, chance(&r, 90) ? AT_CHENGDU : AT_ANY);
		break;
	case T_SHENZHEN:
		location(&r, chance(&r, 90) ? AT_SHENZHEN : AT_ANY);
		break;
	case T_VENTURE: case T_SC_PLATFORMS:
		location(&r, chance(&r, 90) ? AT_SICHUAN : AT_ANY);
		break;
	case T_BEIJING:
		location(&r, chance(&r, 90) ? AT_BEIJING : AT_ANY);
		break;
	case T_SHANGHAI:
		location(&r, chance(&r, 90) ? AT_SHANGHAI : AT_ANY);
		break;
	case T_HANGZHOU:
		location(&r, chance(&r, 90) ? AT_HANGZHOU : AT_ANY);
		break;
	case T_NANNING:
		location(&r, chance(&r, 90) ? AT_NANNING : AT_ANY);
		break;
	case T_MODEL:
		location(&r, chance(&r, 90) ? (chance(&r, 50) ? AT_SHENZHEN :
		    AT_CHENGDU) : AT_ANY);
		break;
	case T_ANY:
		location(&r, AT_ANY);
		break;
	}
	/* Beijing's sector and other subsidy, Hangzhou's SME */
	if (chance(&r, t == T_BEIJING ? 85 : 10))
		kenum_maybe(&r, "sector", sectors, t == T_BEIJING &&
		    chance(&r, 80) ? 2 : NELEM(sectors), 0);
	if (chance(&r, t == T_BEIJING ? 70 : 8))
		kbool_maybe(&r, "other_compute_subsidy", 20, 0);
	if (chance(&r, t == T_HANGZHOU ? 80 : 8))
		kbool_maybe(&r, "sme", 60, 0);
	if (chance(&r, t == T_SHENZHEN ? 90 : 60))
		kdate("registered_on", pick_registered(&r, as_of));
	kbool_maybe(&r, "ai_enterprise", t == T_CD_REVENUE ? 90 : 60, 25);
	kbool_maybe(&r, "startup", 40, 30);
	if (chance(&r, t == T_SHENZHEN ? 45 : 8)) {
		key("returnee_startup");
		open_('{');
		if (chance(&r, 70)) {
			int tier = (int)range(&r, 1, 3);

			snprintf(b, sizeof b, chance(&r, 5) ? "%d.0" : "%d",
			    tier);
			kraw("tier", b);
		}
		close_('}');
	}
	if (MIX(&r, t == T_CD_REVENUE) || chance(&r, 10))
		revenue(&r, t == T_CD_REVENUE);
	if (t == T_BEIJING || t == T_SHANGHAI || t == T_HANGZHOU ||
	    t == T_NANNING)
		theme_compute(&r, chance(&r, 60) ? (size_t)range(&r, 1, 3) :
		    pick_len(&r, 1), as_of, t == T_BEIJING ? CS_BEIJING :
		    t == T_SHANGHAI ? CS_SHANGHAI : t == T_HANGZHOU ?
		    CS_HANGZHOU : CS_NANNING);
	else if (MIX(&r, t == T_SHENZHEN || t == T_CD_COMPUTE))
		compute_purchases(&r, pick_len(&r, t == T_SHENZHEN ||
		    t == T_CD_COMPUTE), as_of, t == T_SHENZHEN);
	if (MIX(&r, (t == T_SHENZHEN && chance(&r, 70)) || t == T_SHANGHAI))
		corpus_purchases(&r, pick_len(&r, t == T_SHENZHEN ||
		    t == T_SHANGHAI), t == T_SHENZHEN || t == T_SHANGHAI);
	if (t == T_SHANGHAI || t == T_HANGZHOU || t == T_MODEL ||
	    chance(&r, 12))
		model_purchases(&r, t == T_SHANGHAI || t == T_HANGZHOU ||
		    t == T_MODEL ? (chance(&r, 60) ? (size_t)range(&r, 1, 3) :
		    pick_len(&r, 1)) : pick_len(&r, 0), as_of, t == T_SHANGHAI ||
		    t == T_HANGZHOU || t == T_MODEL);
	if (chance(&r, t == T_MODEL ? 60 : 6))
		scenarios(&r, pick_len(&r, t == T_MODEL), t == T_MODEL);
	if (chance(&r, t == T_SHENZHEN ? 40 : 8)) {
		key("open_corpus");
		open_('{');
		kbool_maybe(&r, "qualified", 70, 15);
		close_('}');
	}
	if (MIX(&r, t == T_SOFTWARE))
		software_products(&r, pick_len(&r, t == T_SOFTWARE),
		    t == T_SOFTWARE);
	if (MIX(&r, t == T_SC_PLATFORMS))
		platforms(&r, pick_len(&r, t == T_SC_PLATFORMS),
		    t == T_SC_PLATFORMS);
	if (MIX(&r, t == T_SC_PLATFORMS || (t == T_SOFTWARE &&
	    chance(&r, 40))))
		achievements(&r, pick_len(&r, 0));
	if (chance(&r, t == T_CD_REVENUE ? 60 : 10)) {
		key("model_registration");
		open_('{');
		kbool_maybe(&r, "registered", 75, 10);
		if (chance(&r, 85)) {
			static const int ranks[] = { 1, 2, 9, 10, 10, 11, 12,
				100, 1000000 };

			snprintf(b, sizeof b, "%d", PICK(&r, ranks));
			kraw("rank", b);
		}
		close_('}');
	}
	if (chance(&r, t == T_CD_REVENUE || t == T_MODEL ? 60 : 15))
		honor_list(&r, t == T_CD_REVENUE || t == T_MODEL,
		    t == T_MODEL);
	if (MIX(&r, t == T_STANDARDS)) {
		size_t len = t == T_STANDARDS && chance(&r, 15) ? 14 :
		    pick_len(&r, t == T_STANDARDS);

		standards(&r, len, t == T_STANDARDS && chance(&r, 30));
	}
	if (MIX(&r, t == T_SC_PLATFORMS || t == T_CD_COMPUTE))
		projects(&r, pick_len(&r, t == T_SC_PLATFORMS ||
		    t == T_CD_COMPUTE), t == T_CD_COMPUTE);
	if (MIX(&r, t == T_VENTURE))
		investments(&r, pick_len(&r, t == T_VENTURE), t == T_VENTURE);
	if (MIX(&r, t == T_SC_PLATFORMS && chance(&r, 50)))
		talent(&r, pick_len(&r, 0));
	if (chance(&r, t == T_BEIJING || t == T_NANNING || t == T_HANGZHOU ?
	    45 : 10))
		prior_awards(&r, pick_len(&r, 0), as_of, t == T_BEIJING ?
		    "\"beijing.compute_voucher\"" : t == T_NANNING ?
		    "\"nanning.compute_voucher\"" : t == T_HANGZHOU ?
		    "\"hangzhou.compute_voucher\"" : NULL);
	if (chance(&r, 2))	/* an unknown field: a warning, still valid */
		kraw(chance(&r, 50) ? "compute_purchase" : "备注", "[]");
	if (id_last)
		kraw("id", id);
	close_('}');
	putchar('\n');
}

/* ---- the sample: profiles to be run alone, one a file ---- */

/* Writes the JSON text s[0..n) indented by two spaces, lines ending in
 * eol. */
static void
indent(FILE *f, const char *s, size_t n, const char *eol)
{
	size_t i, k;
	int d = 0, in_str = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (in_str) {
			fputc(c, f);
			if (c == '\\' && i + 1 < n)
				fputc(s[++i], f);
			else if (c == '"')
				in_str = 0;
			continue;
		}
		switch (c) {
		case '"':
			in_str = 1;
			fputc(c, f);
			break;
		case '{': case '[':
			fputc(c, f);
			if (i + 1 < n && (s[i + 1] == '}' || s[i + 1] == ']')) {
				fputc(s[++i], f);
				break;
			}
			d++;
			fputs(eol, f);
			for (k = 0; k < (size_t)d; k++)
				fputs("  ", f);
			break;
		case '}': case ']':
			d--;
			fputs(eol, f);
			for (k = 0; k < (size_t)d; k++)
				fputs("  ", f);
			fputc(c, f);
			break;
		case ',':
			fputc(c, f);
			fputs(eol, f);
			for (k = 0; k < (size_t)d; k++)
				fputs("  ", f);
			break;
		case ':':
			fputs(": ", f);
			break;
		default:
			fputc(c, f);
		}
	}
	fputs(eol, f);
}

/*
 * Reads profiles, one a line, from standard input and writes lines 1,
 * 1+every, 1+2*every, ... to DIR/LINE.json, each in turn as it is, indented,
 * indented with CRLF line ends, and after a UTF-8 byte-order mark with
 * spaces after it: ways of writing one profile that calc reads alike.
 */
static int
split_sample(const char *dir, long every)
{
	char *line = NULL, path[4096];
	size_t cap = 0;
	ssize_t len;
	long no = 0, k = 0;

	while ((len = getline(&line, &cap, stdin)) >= 0) {
		FILE *f;

		no++;
		if ((no - 1) % every != 0)
			continue;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			len--;
		snprintf(path, sizeof path, "%s/%ld.json", dir, no);
		f = fopen(path, "wb");
		if (!f) {
			fprintf(stderr, "gen: unable to write %s\n", path);
			free(line);
			return 1;
		}
		switch (k++ % 4) {
		case 0:
			fwrite(line, 1, (size_t)len, f);
			fputc('\n', f);
			break;
		case 1:
			indent(f, line, (size_t)len, "\n");
			break;
		case 2:
			indent(f, line, (size_t)len, "\r\n");
			break;
		default:
			fputs("\xef\xbb\xbf", f);
			fwrite(line, 1, (size_t)len, f);
			fputs(" \t\n\n", f);
			break;
		}
		if (fclose(f) != 0) {
			fprintf(stderr, "gen: unable to write %s\n", path);
			free(line);
			return 1;
		}
	}
	free(line);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-f FIRST] [-a DATE] SEED N "
	    "[RULEFILE]...\n"
	    "       gen -s EVERY -o DIR < PROFILES\n");
	exit(2);
}

static long
number(const char *s)
{
	char *end;
	long v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0)
		usage();
	return v;
}

int
main(int argc, char **argv)
{
	long first_n = 1, n, i, every = 0;
	const char *split_dir = NULL;
	uint64_t seed;
	int c;
	size_t k;
	char *end;

	default_as_of = days_from_civil(2025, 6, 30);
	while ((c = getopt(argc, argv, "f:a:s:o:")) != -1) {
		switch (c) {
		case 's':
			every = number(optarg);
			break;
		case 'o':
			split_dir = optarg;
			break;
		case 'f':
			first_n = number(optarg);
			break;
		case 'a':
			if (strlen(optarg) != 10 ||
			    !parse_date(optarg, &default_as_of))
				usage();
			break;
		default:
			usage();
		}
	}
	if (split_dir || every) {
		if (!split_dir || every < 1 || optind != argc)
			usage();
		return split_sample(split_dir, every);
	}
	if (argc - optind < 2)
		usage();
	seed = strtoull(argv[optind], &end, 10);
	if (*argv[optind] == '\0' || *end != '\0')
		usage();
	n = number(argv[optind + 1]);
	for (c = optind + 2; c < argc; c++)
		if (scan_dates(argv[c]) < 0)
			return 1;
	if (optind + 2 == argc)
		for (k = 0; k < NELEM(builtin_dates); k++) {
			int64_t z;

			if (parse_date(builtin_dates[k], &z))
				add_rule_date(z);
		}
	for (i = 0; i < n; i++)
		profile(seed, first_n + i);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "gen: unable to write\n");
		return 1;
	}
	return 0;
}
