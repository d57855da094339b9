/*
 * decimal.h: exact decimal numbers and money in fen.
 *
 * Every number that reaches an amount is a struct ais_dec: an int64_t
 * mantissa and a decimal scale, value = m / 10^s.  Arithmetic is checked:
 * a result that does not fit returns -1, never a wrapped value.  Money is
 * int64_t fen (0.01 yuan).  No floating point anywhere in this module.
 */
#ifndef AIS_DECIMAL_H
#define AIS_DECIMAL_H

#include <stddef.h>
#include <stdint.h>

#define AIS_DEC_MAX_SCALE 18

struct ais_dec {
	int64_t m;	/* mantissa */
	int s;		/* scale: number of decimal digits, 0..AIS_DEC_MAX_SCALE */
};

/* Makes the decimal m / 10^s; s must be in 0..AIS_DEC_MAX_SCALE. */
struct ais_dec ais_dec_make(int64_t m, int s);

/* The decimal value of an amount in fen (fen / 100). */
struct ais_dec ais_dec_from_fen(int64_t fen);

/*
 * Parses a plain decimal "123", "-4.5", "0.65", "1e3" is refused.  The
 * whole of s[0..len) must be the number.  Trailing zeros after the point
 * are kept in the scale ("1.50" has scale 2).  Returns 0, or -1 when the
 * text is no decimal or does not fit.
 */
int ais_dec_parse(const char *s, size_t len, struct ais_dec *out);

/*
 * Why a text or a product is refused.  A number has at most
 * AIS_DEC_MAX_SCALE decimal places, and its digits, without the point,
 * must make an int64_t (up to 9223372036854775807): 18 significant digits
 * always fit.
 */
enum ais_dec_fault {
	AIS_DEC_OK,
	AIS_DEC_SYNTAX,		/* not a plain decimal */
	AIS_DEC_RANGE,		/* its whole part does not fit */
	AIS_DEC_PRECISION	/* more decimal places or digits than fit */
};

/* Why ais_dec_parse refuses s[0..len); AIS_DEC_OK when it does not. */
enum ais_dec_fault ais_dec_parse_fault(const char *s, size_t len);

/* The number of digits after the point in s[0..len), as written. */
size_t ais_dec_text_places(const char *s, size_t len);

/* Checked arithmetic: 0 and *out set, or -1 on overflow. */
int ais_dec_add(struct ais_dec a, struct ais_dec b, struct ais_dec *out);
int ais_dec_sub(struct ais_dec a, struct ais_dec b, struct ais_dec *out);
int ais_dec_mul(struct ais_dec a, struct ais_dec b, struct ais_dec *out);

/* Why ais_dec_mul refuses a * b: AIS_DEC_RANGE or AIS_DEC_PRECISION;
 * AIS_DEC_OK when it does not. */
enum ais_dec_fault ais_dec_mul_fault(struct ais_dec a, struct ais_dec b);

/* -1, 0 or 1 as a is less than, equal to or greater than b. Exact. */
int ais_dec_cmp(struct ais_dec a, struct ais_dec b);

/* 1 when a is zero, 1 when negative, for ais_dec_is_neg. */
int ais_dec_is_zero(struct ais_dec a);
int ais_dec_is_neg(struct ais_dec a);

/* The number of decimal places a needs once trailing zeros are dropped. */
int ais_dec_places(struct ais_dec a);

/* How ais_dec_div rounds an exact quotient to a multiple of its unit. */
enum ais_dec_rounding {
	AIS_ROUND_TRUNCATE,	/* toward zero (截尾, 不四舍五入): -1.9 is -1 */
	AIS_ROUND_HALF_UP	/* to the nearest, a half away from zero
				 * (四舍五入): 1.005 is 1.01, -1.005 is -1.01 */
};

/*
 * Stores a / b, rounded by mode to a multiple of unit, in *out.  The
 * quotient is found by long division and rounded once, so that 200000 *
 * 305 / 729 truncated to the yuan is 83676 exactly, whatever its later
 * digits; the result has the places of the unit (2 for 0.01, 0 for 1 and
 * for 100).  unit must be a power of ten from 10^-18 to 10^18 (0.01, 1,
 * 100, 10000).  This is the one rounding of the project: every other
 * (ais_dec_round_fen) is a call of it.  Returns 0, or -1 when b is zero,
 * unit is not such a power of ten or the result does not fit.
 */
int ais_dec_div(struct ais_dec a, struct ais_dec b,
	enum ais_dec_rounding mode, struct ais_dec unit, struct ais_dec *out);

/* 1 with *places set (2 for 0.01, 0 for 1, -2 for 100) when unit is a
 * power of ten that ais_dec_div rounds to; else 0. */
int ais_dec_unit_places(struct ais_dec unit, int *places);

/*
 * Rounds a to the fen, half away from zero (四舍五入), and stores the fen:
 * ais_dec_div(a, 1, AIS_ROUND_HALF_UP, 0.01).  -1 on overflow.
 */
int ais_dec_round_fen(struct ais_dec a, int64_t *fen);

/* 1 when a is an integer that fits an int64_t, stored in *out; else 0. */
int ais_dec_to_int(struct ais_dec a, int64_t *out);

/*
 * Writes a in its shortest exact form ("1666666.67", "2400000", "0.5",
 * "-3") into buf of size n, NUL-terminated.  Returns the length written
 * (not counting the NUL); buf of 32 bytes always suffices.
 */
size_t ais_dec_format(struct ais_dec a, char *buf, size_t n);

/* Writes a as a percentage, "60%", "12.5%", "0.1%".  32 bytes suffice. */
size_t ais_dec_format_percent(struct ais_dec a, char *buf, size_t n);

/* Writes an amount of fen as yuan in shortest exact form ("1666666.67"). */
size_t ais_fen_format(int64_t fen, char *buf, size_t n);

/* Checked fen arithmetic: 0, or -1 on overflow. */
int ais_fen_add(int64_t a, int64_t b, int64_t *out);

#endif
