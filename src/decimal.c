/*
 * decimal.c: exact decimals (int64_t mantissa and a scale) and money in
 * fen.  Every operation is checked with the compiler's overflow builtins;
 * nothing here uses floating point.
 */
#include "decimal.h"

#include <string.h>

/* The powers of ten that fit an int64_t, 10^0 .. 10^18. */
static const int64_t pow10_tab[AIS_DEC_MAX_SCALE + 1] = {
	1LL,
	10LL,
	100LL,
	1000LL,
	10000LL,
	100000LL,
	1000000LL,
	10000000LL,
	100000000LL,
	1000000000LL,
	10000000000LL,
	100000000000LL,
	1000000000000LL,
	10000000000000LL,
	100000000000000LL,
	1000000000000000LL,
	10000000000000000LL,
	100000000000000000LL,
	1000000000000000000LL,
};

/* The longest text a formatter builds, with room to spare. */
#define DEC_TEXT_MAX 48

/* Drops trailing zeros of the mantissa while the scale allows it. */
static struct ais_dec
dec_strip(struct ais_dec a)
{
	if (a.m == 0) {
		a.s = 0;
		return a;
	}
	while (a.s > 0 && a.m % 10 == 0) {
		a.m /= 10;
		a.s--;
	}
	return a;
}

/* Raises a to scale s (s >= a.s) exactly: 0, or -1 on overflow. */
static int
dec_rescale(struct ais_dec a, int s, int64_t *out)
{
	return __builtin_mul_overflow(a.m, pow10_tab[s - a.s], out) ? -1 : 0;
}

/*
 * Brings a and b to their common (larger) scale: 0 with the mantissas in
 * *am and *bm and the scale in *s, or -1 on overflow.
 */
static int
dec_align(struct ais_dec a, struct ais_dec b, int64_t *am, int64_t *bm,
	int *s)
{
	*s = a.s > b.s ? a.s : b.s;
	if (dec_rescale(a, *s, am) < 0 || dec_rescale(b, *s, bm) < 0)
		return -1;
	return 0;
}

/* a + b, or a - b when neg is set, without normalising: 0 or -1. */
static int
dec_addsub_raw(struct ais_dec a, struct ais_dec b, int neg,
	struct ais_dec *out)
{
	int64_t am, bm, r;
	int s;

	if (dec_align(a, b, &am, &bm, &s) < 0)
		return -1;
	if (neg ? __builtin_sub_overflow(am, bm, &r)
	    : __builtin_add_overflow(am, bm, &r))
		return -1;
	out->m = r;
	out->s = s;
	return 0;
}

/*
 * Adds or subtracts at the written scales first, so that 1.50 + 1 keeps
 * its scale of 2; when that overflows, trailing zeros are dropped and the
 * sum is tried again, as a smaller scale may leave room for it.
 */
static int
dec_addsub(struct ais_dec a, struct ais_dec b, int neg, struct ais_dec *out)
{
	if (dec_addsub_raw(a, b, neg, out) == 0)
		return 0;
	return dec_addsub_raw(dec_strip(a), dec_strip(b), neg, out);
}

/* Makes m / 10^s; s must be in 0..AIS_DEC_MAX_SCALE. */
struct ais_dec
ais_dec_make(int64_t m, int s)
{
	struct ais_dec d;

	d.m = m;
	d.s = s;
	return d;
}

/* The decimal value of fen, that is fen / 100. */
struct ais_dec
ais_dec_from_fen(int64_t fen)
{
	return ais_dec_make(fen, 2);
}

/*
 * Parses s[0..len) as -?DIGITS(.DIGITS)? with at most 18 digits after the
 * point, keeping the scale as written.  The mantissa is gathered as a
 * negative number so that INT64_MIN can be read.  Returns AIS_DEC_OK with
 * *out set, or why the text is refused.  The whole text is checked for
 * its form before a fault of size is given, so that "1e99999" is a fault
 * of syntax however many digits come first.
 */
static enum ais_dec_fault
dec_parse(const char *s, size_t len, struct ais_dec *out)
{
	size_t i = 0;
	int neg = 0, scale = 0, int_digits = 0, frac_digits = 0;
	enum ais_dec_fault f = AIS_DEC_OK;
	int64_t m = 0;

	if (s == NULL || len == 0)
		return AIS_DEC_SYNTAX;
	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
		if (f == AIS_DEC_OK && (__builtin_mul_overflow(m, 10, &m) ||
		    __builtin_sub_overflow(m, s[i] - '0', &m)))
			f = AIS_DEC_RANGE;
		int_digits++;
	}
	if (int_digits == 0)
		return AIS_DEC_SYNTAX;
	if (i < len && s[i] == '.') {
		i++;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			frac_digits++;
			if (f != AIS_DEC_OK)
				continue;
			if (scale == AIS_DEC_MAX_SCALE ||
			    __builtin_mul_overflow(m, 10, &m) ||
			    __builtin_sub_overflow(m, s[i] - '0', &m)) {
				f = AIS_DEC_PRECISION;
				continue;
			}
			scale++;
		}
		if (frac_digits == 0)
			return AIS_DEC_SYNTAX;
	}
	if (i != len)
		return AIS_DEC_SYNTAX;
	if (f != AIS_DEC_OK)
		return f;
	if (!neg && __builtin_sub_overflow((int64_t)0, m, &m))
		return scale > 0 ? AIS_DEC_PRECISION : AIS_DEC_RANGE;
	out->m = m;
	out->s = scale;
	return AIS_DEC_OK;
}

/* Parses s[0..len): 0 with *out set, or -1 (dec_parse says why). */
int
ais_dec_parse(const char *s, size_t len, struct ais_dec *out)
{
	return dec_parse(s, len, out) == AIS_DEC_OK ? 0 : -1;
}

/* Why ais_dec_parse refuses s[0..len), or AIS_DEC_OK when it does not. */
enum ais_dec_fault
ais_dec_parse_fault(const char *s, size_t len)
{
	struct ais_dec d;

	return dec_parse(s, len, &d);
}

/* The number of digits after the point in s[0..len), as written. */
size_t
ais_dec_text_places(const char *s, size_t len)
{
	const char *dot = memchr(s, '.', len);
	size_t n = 0;

	if (dot == NULL)
		return 0;
	for (dot++; dot < s + len && *dot >= '0' && *dot <= '9'; dot++)
		n++;
	return n;
}

/* Stores a + b in *out: 0, or -1 on overflow. */
int
ais_dec_add(struct ais_dec a, struct ais_dec b, struct ais_dec *out)
{
	return dec_addsub(a, b, 0, out);
}

/* Stores a - b in *out: 0, or -1 on overflow. */
int
ais_dec_sub(struct ais_dec a, struct ais_dec b, struct ais_dec *out)
{
	return dec_addsub(a, b, 1, out);
}

/*
 * Stores a * b in *out, or says why it cannot.  The scales add up; when
 * the product does not fit, trailing zeros of the factors are dropped and
 * it is tried again.  A scale above AIS_DEC_MAX_SCALE loses its trailing
 * zeros, and when that is not enough the product is refused rather than
 * rounded, since rounding is the one job of ais_dec_round_fen.
 */
static enum ais_dec_fault
dec_mul(struct ais_dec a, struct ais_dec b, struct ais_dec *out)
{
	struct ais_dec r;

	if (__builtin_mul_overflow(a.m, b.m, &r.m)) {
		a = dec_strip(a);
		b = dec_strip(b);
		if (__builtin_mul_overflow(a.m, b.m, &r.m))
			return AIS_DEC_RANGE;
	}
	r.s = a.s + b.s;
	if (r.s > AIS_DEC_MAX_SCALE) {
		r = dec_strip(r);
		if (r.s > AIS_DEC_MAX_SCALE)
			return AIS_DEC_PRECISION;
	}
	*out = r;
	return AIS_DEC_OK;
}

/* Stores a * b in *out: 0, or -1 when it does not fit (dec_mul). */
int
ais_dec_mul(struct ais_dec a, struct ais_dec b, struct ais_dec *out)
{
	return dec_mul(a, b, out) == AIS_DEC_OK ? 0 : -1;
}

/* Why ais_dec_mul refuses a * b, or AIS_DEC_OK when it does not. */
enum ais_dec_fault
ais_dec_mul_fault(struct ais_dec a, struct ais_dec b)
{
	struct ais_dec r;

	return dec_mul(a, b, &r);
}

/*
 * Compares a and b exactly.  Aligning the scales could overflow, so the
 * integer parts are compared first; when they are equal the fractions,
 * each smaller than one and carrying the sign of its number, are brought
 * to the common scale, which cannot overflow as |f| < 10^scale <= 10^18.
 */
int
ais_dec_cmp(struct ais_dec a, struct ais_dec b)
{
	int64_t ai, bi, af, bf;
	int s;

	ai = a.m / pow10_tab[a.s];
	bi = b.m / pow10_tab[b.s];
	if (ai != bi)
		return ai < bi ? -1 : 1;
	s = a.s > b.s ? a.s : b.s;
	af = (a.m % pow10_tab[a.s]) * pow10_tab[s - a.s];
	bf = (b.m % pow10_tab[b.s]) * pow10_tab[s - b.s];
	if (af != bf)
		return af < bf ? -1 : 1;
	return 0;
}

/* 1 when a is zero, else 0. */
int
ais_dec_is_zero(struct ais_dec a)
{
	return a.m == 0;
}

/* 1 when a is below zero, else 0. */
int
ais_dec_is_neg(struct ais_dec a)
{
	return a.m < 0;
}

/* The decimal places of a once its trailing zeros are dropped. */
int
ais_dec_places(struct ais_dec a)
{
	return dec_strip(a).s;
}

/* The magnitude of m as an unsigned number, exact for INT64_MIN too. */
static uint64_t
dec_abs(int64_t m)
{
	return m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
}

int
ais_dec_unit_places(struct ais_dec unit, int *places)
{
	int j;

	unit = dec_strip(unit);
	for (j = 0; j <= AIS_DEC_MAX_SCALE; j++)
		if (unit.m == pow10_tab[j]) {
			*places = unit.s - j;
			return 1;
		}
	return 0;
}

/*
 * Long division of n * 10^e by d (d > 0, e >= 0): the quotient in *q and
 * the remainder in *r, or -1 when the quotient passes limit.  The digits
 * of 10^e are brought down one at a time; while 10r might not fit, the
 * next digit is found by adding r to itself ten times modulo d, which
 * never passes d.
 */
static int
dec_longdiv(uint64_t n, uint64_t d, int e, uint64_t limit, uint64_t *q,
	uint64_t *r)
{
	uint64_t qq = n / d, rr = n % d;
	int i, k;

	if (qq > limit)
		return -1;
	for (i = 0; i < e && (qq != 0 || rr != 0); i++) {
		uint64_t digit = 0, acc = 0;

		if (rr <= UINT64_MAX / 10) {
			digit = rr * 10 / d;
			acc = rr * 10 % d;
		} else {
			for (k = 0; k < 10; k++) {
				if (acc >= d - rr) {
					acc -= d - rr;
					digit++;
				} else {
					acc += rr;
				}
			}
		}
		if (qq > (limit - digit) / 10)
			return -1;
		qq = qq * 10 + digit;
		rr = acc;
	}
	*q = qq;
	*r = rr;
	return 0;
}

/*
 * a / b = am * 10^(bs - as) / bm, and rounded to the multiple of 10^-k
 * it is q / 10^k with q the integer nearest am * 10^(bs - as + k) / bm
 * by mode: one long division of magnitudes, then the sign.  When the
 * exponent is negative it moves to the divisor; a divisor that no longer
 * fits 64 bits is larger than twice any dividend, so the quotient is 0
 * whichever the mode.
 */
int
ais_dec_div(struct ais_dec a, struct ais_dec b, enum ais_dec_rounding mode,
	struct ais_dec unit, struct ais_dec *out)
{
	int neg = (a.m < 0) != (b.m < 0), k, e;
	uint64_t n = dec_abs(a.m), d = dec_abs(b.m), q, r, limit;

	if (b.m == 0 || !ais_dec_unit_places(unit, &k))
		return -1;
	limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	e = b.s - a.s + k;
	if (e < 0) {
		while (e < 0 && d <= UINT64_MAX / 10) {
			d *= 10;
			e++;
		}
		if (e < 0) {
			q = 0;
			r = 0;
		} else {
			q = n / d;
			r = n % d;
		}
	} else if (dec_longdiv(n, d, e, limit, &q, &r) < 0) {
		return -1;
	}
	if (mode == AIS_ROUND_HALF_UP && r >= d - r) {
		if (q == limit)
			return -1;
		q++;
	}
	if (q == (uint64_t)INT64_MAX + 1)
		out->m = INT64_MIN;
	else
		out->m = neg ? -(int64_t)q : (int64_t)q;
	out->s = k;
	if (k < 0) {
		out->s = 0;
		if (__builtin_mul_overflow(out->m, pow10_tab[-k], &out->m))
			return -1;
	}
	return 0;
}

/* Rounds a to two places, half away from zero, and stores the fen:
 * 1.005 is 101 fen, -1.005 is -101 fen.  -1 when the fen do not fit. */
int
ais_dec_round_fen(struct ais_dec a, int64_t *fen)
{
	struct ais_dec q;

	/* most amounts have two decimals or fewer: nothing to round, and
	 * no division to make (every award's figure comes here) */
	if (a.s == 2) {
		*fen = a.m;
		return 0;
	}
	if (a.s < 2) {
		int64_t k = a.s == 1 ? 10 : 100;

		if (__builtin_mul_overflow(a.m, k, fen))
			return -1;
		return 0;
	}
	if (ais_dec_div(a, ais_dec_make(1, 0), AIS_ROUND_HALF_UP,
	    ais_dec_make(1, 2), &q) < 0)
		return -1;
	*fen = q.m;
	return 0;
}

/* 1 with *out set when a is a whole number, else 0; it always fits. */
int
ais_dec_to_int(struct ais_dec a, int64_t *out)
{
	if (a.m % pow10_tab[a.s] != 0)
		return 0;
	*out = a.m / pow10_tab[a.s];
	return 1;
}

/*
 * Writes the digits of u / 10^s, with a '-' in front when neg, into out
 * (DEC_TEXT_MAX bytes) in shortest form; s may be negative, which appends
 * zeros.  Zero is always "0".  Returns the length.
 */
static size_t
dec_text(int neg, uint64_t u, int s, char *out)
{
	char digits[24];
	size_t nd = 0, len = 0, i;

	while (s > 0 && u != 0 && u % 10 == 0) {
		u /= 10;
		s--;
	}
	if (u == 0) {
		out[0] = '0';
		out[1] = '\0';
		return 1;
	}
	while (u != 0) {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	}
	if (neg)
		out[len++] = '-';
	if (s <= 0) {
		while (nd > 0)
			out[len++] = digits[--nd];
		for (; s < 0; s++)
			out[len++] = '0';
	} else if (nd > (size_t)s) {
		while (nd > (size_t)s)
			out[len++] = digits[--nd];
		out[len++] = '.';
		while (nd > 0)
			out[len++] = digits[--nd];
	} else {
		out[len++] = '0';
		out[len++] = '.';
		for (i = nd; i < (size_t)s; i++)
			out[len++] = '0';
		while (nd > 0)
			out[len++] = digits[--nd];
	}
	out[len] = '\0';
	return len;
}

/*
 * Copies text (len bytes) into buf of size n, cut to fit and
 * NUL-terminated when n > 0.  Returns the number of bytes stored.
 */
static size_t
dec_copy(const char *text, size_t len, char *buf, size_t n)
{
	if (n == 0)
		return 0;
	if (len >= n)
		len = n - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return len;
}

/*
 * Writes a in shortest exact form into buf of size n.  Returns the
 * number of characters stored, less than the full length only when n is
 * too small (32 bytes always suffice).
 */
size_t
ais_dec_format(struct ais_dec a, char *buf, size_t n)
{
	char text[DEC_TEXT_MAX];
	size_t len;

	len = dec_text(a.m < 0, dec_abs(a.m), a.s, text);
	return dec_copy(text, len, buf, n);
}

/*
 * Writes a times 100 followed by '%' into buf of size n.  The point is
 * moved in the text rather than in the mantissa, so no value can overflow.
 * Returns the number of characters stored.
 */
size_t
ais_dec_format_percent(struct ais_dec a, char *buf, size_t n)
{
	char text[DEC_TEXT_MAX];
	size_t len;

	len = dec_text(a.m < 0, dec_abs(a.m), a.s - 2, text);
	text[len++] = '%';
	text[len] = '\0';
	return dec_copy(text, len, buf, n);
}

/*
 * Writes fen as yuan in shortest exact form into buf of size n
 * (166666667 is "1666666.67", 50 is "0.5").  Returns the number of
 * characters stored.
 */
size_t
ais_fen_format(int64_t fen, char *buf, size_t n)
{
	char text[DEC_TEXT_MAX];
	size_t len;

	len = dec_text(fen < 0, dec_abs(fen), 2, text);
	return dec_copy(text, len, buf, n);
}

/* Stores a + b in *out: 0, or -1 on overflow. */
int
ais_fen_add(int64_t a, int64_t b, int64_t *out)
{
	return __builtin_add_overflow(a, b, out) ? -1 : 0;
}
