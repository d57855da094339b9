/*
 * json.c: the parts of the JSON writer (json.h) that are not inline.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decimal.h"
#include "json.h"

void
ais_json_init(struct ais_json *j, struct ais_buf *b, int pretty)
{
	ais_json_init_part(j, b, pretty, 0);
}

void
ais_json_init_part(struct ais_json *j, struct ais_buf *b, int pretty,
	int depth)
{
	j->b = b;
	j->pretty = pretty != 0;
	j->depth = depth;
	j->first = 1;
	j->after_key = 0;
	j->flat = 0;
}

static void
newline(struct ais_json *j)
{
	int i;

	ais_buf_addc(j->b, '\n');
	for (i = 0; i < j->depth; i++)
		ais_buf_add(j->b, "  ", 2);
}

void
ais_json_pretty_sep(struct ais_json *j, int first)
{
	if (j->pretty == 2) {
		if (!first)
			ais_buf_addc(j->b, ' ');
	} else if (j->depth > 0) {
		newline(j);
	}
}

void
ais_json_pretty_close(struct ais_json *j, int empty)
{
	if (j->pretty == 2) {
		/* the flat container itself closes: lines again after it */
		if (j->depth < j->flat) {
			j->pretty = 1;
			j->flat = 0;
		}
	} else if (!empty) {
		newline(j);
	}
}

void
ais_json_str_n(struct ais_json *j, const char *s, size_t n)
{
	ais_json_value_begin(j);
	ais_buf_add_json_str(j->b, s, n);
}

void
ais_json_str(struct ais_json *j, const char *s)
{
	ais_json_value_begin(j);
	if (s)
		ais_buf_add_json_str(j->b, s, strlen(s));
	else
		ais_buf_add(j->b, "null", 4);
}

void
ais_json_int(struct ais_json *j, intmax_t v)
{
	char t[24];
	int n = snprintf(t, sizeof t, "%" PRIdMAX, v);

	ais_json_raw_n(j, t, (size_t)n);
}

void
ais_json_uint(struct ais_json *j, uintmax_t v)
{
	char t[24];
	size_t k = sizeof t;

	/* without printf: every list a check reads is counted */
	do {
		t[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	ais_json_raw_n(j, t + k, sizeof t - k);
}

void
ais_json_fen(struct ais_json *j, int64_t f)
{
	char t[32];

	if (f == 0) {	/* most amounts of most items */
		ais_json_raw_n(j, "0", 1);
		return;
	}
	ais_json_raw_n(j, t, ais_fen_format(f, t, sizeof t));
}

void
ais_json_fen_or_null(struct ais_json *j, int has, int64_t f)
{
	if (has)
		ais_json_fen(j, f);
	else
		ais_json_null(j);
}

void
ais_json_date(struct ais_json *j, ais_date d)
{
	char t[11];

	if (d == AIS_DATE_MIN || d == AIS_DATE_MAX) {
		ais_json_null(j);
		return;
	}
	ais_date_format(d, t);
	ais_json_str_n(j, t, strlen(t));
}

void
ais_json_strings(struct ais_json *j, char *const *v, size_t n)
{
	size_t i;

	ais_json_open(j, '[');
	for (i = 0; i < n; i++)
		ais_json_str(j, v[i]);
	ais_json_close(j, ']');
}
