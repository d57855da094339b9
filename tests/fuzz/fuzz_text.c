/*
 * fuzz_text: the table for people and explain on one fuzzed profile.
 *
 * The input is a JSON profile.  It is read, evaluated with the
 * explanation against the built-in rules (for its own city and for every
 * jurisdiction), and written as the text table in both languages, in
 * yuan and in 万, with and without colour, and each item explained.
 * Oracles: the output is valid UTF-8; every row of the table is as wide
 * (in display columns) as its header row; the coloured table with its
 * escapes removed is the plain one byte for byte.
 */
#include <unistr.h>

#include "fuzz_common.h"
#include "explain.h"
#include "text.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

/* The escapes of s[0..n) removed, into out. */
static void
strip(const char *s, size_t n, struct ais_buf *out)
{
	size_t i = 0;

	ais_buf_reset(out);
	ais_buf_add(out, "", 0);
	while (i < n) {
		if (s[i] == '\033') {
			while (i < n && s[i] != 'm')
				i++;
			i++;
			continue;
		}
		ais_buf_addc(out, s[i++]);
	}
}

/* Every row (a line beginning with a mark) as wide as the header row,
 * the line after the first blank line. */
static void
check_rows(const char *s, size_t n)
{
	const char *p = strstr(s, "\n\n"), *end = s + n, *e;
	size_t w;

	if (!p)
		fuzz_fail("text: no header row", NULL);
	p += 2;
	e = memchr(p, '\n', (size_t)(end - p));
	if (!e)
		fuzz_fail("text: a header row with no end", NULL);
	w = ais_text_width(p, (size_t)(e - p));
	for (p = e + 1; p < end; p = e + 1) {
		e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			break;
		if ((!strncmp(p, "✓ ", 4) || !strncmp(p, "✗ ", 4) ||
		    !strncmp(p, "? ", 2)) &&
		    ais_text_width(p, (size_t)(e - p)) != w)
			fuzz_fail("text: a row not as wide as the header", NULL);
		if (e + 1 < end && e[1] == '\n')
			break;		/* the warnings follow */
	}
}

static void
text(const struct ais_result *res, enum ais_lang lang,
	enum ais_text_unit unit, struct ais_buf *b, struct ais_buf *c,
	struct ais_buf *t)
{
	struct ais_text_opts o;
	struct ais_error err;

	ais_text_opts_init(&o);
	o.lang = lang;
	o.unit = unit;
	ais_buf_reset(b);
	if (ais_text_write(res, &o, b, &err) < 0)
		return;
	if (u8_check((const uint8_t *)b->p, b->len))
		fuzz_fail("text: not UTF-8", NULL);
	check_rows(b->p, b->len);
	o.colour = 1;
	ais_buf_reset(c);
	if (ais_text_write(res, &o, c, &err) < 0)
		return;
	strip(c->p, c->len, t);
	if (t->len != b->len || memcmp(t->p, b->p, b->len) != 0)
		fuzz_fail("text: colour changed more than the escapes", NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ais_rules *r = fuzz_builtin_rules();
	struct ais_profile p;
	struct ais_result res;
	struct ais_buf b = AIS_BUF_INIT, c = AIS_BUF_INIT, t = AIS_BUF_INIT;
	struct ais_error err;
	struct ais_calc_opts o;
	const char *ids[16];
	int everywhere;
	size_t i;

	ais_profile_init(&p);
	ais_result_init(&res);
	memset(&err, 0, sizeof err);
	if (ais_profile_read(&p, r, (const char *)data, size, &err) < 0)
		goto out;
	for (everywhere = 0; everywhere < 2; everywhere++) {
		memset(&o, 0, sizeof o);
		o.as_of = fuzz_date("2025-06-30");
		o.explain = 1;
		if (everywhere) {
			o.njurisdictions = fuzz_all_jurisdictions(r, ids);
			o.jurisdictions = ids;
		}
		if (ais_calc(r, &p, &o, &res, &err) < 0)
			continue;
		text(&res, AIS_LANG_ZH, AIS_UNIT_YUAN, &b, &c, &t);
		text(&res, AIS_LANG_EN, AIS_UNIT_WAN, &b, &c, &t);
		for (i = 0; i < res.items.n; i++) {
			ais_buf_reset(&b);
			if (ais_explain_write(&res, &res.items.v[i], everywhere,
			    i % 2 ? AIS_LANG_EN : AIS_LANG_ZH, &b) == 0 &&
			    u8_check((const uint8_t *)b.p, b.len))
				fuzz_fail("explain: not UTF-8", NULL);
		}
	}
out:
	ais_buf_release(&b);
	ais_buf_release(&c);
	ais_buf_release(&t);
	ais_result_release(&res);
	ais_profile_release(&p);
	return 0;
}
