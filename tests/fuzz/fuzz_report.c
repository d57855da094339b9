/*
 * fuzz_report: the report page of a fuzzed compare report.
 *
 * The input is taken as the JSON a compare writes and rendered by
 * ais_report_html in both languages.  report.c reads it with a parser of
 * its own (which keeps each number's digits), so it is the parser and
 * the renderer that are fuzzed here.  Oracles: it succeeds or fails with
 * AIS_EIO (not such a report) or AIS_ENOMEM and a message, never anything
 * else; on success the page is valid UTF-8, its markup (tags and style,
 * not the escaped text between) holds no script and no address to fetch,
 * it begins with the doctype and ends with </html>; the same input gives
 * the same bytes twice.
 */
#include <unistr.h>

#include "fuzz_common.h"
#include "report.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
contains(const char *s, size_t n, const char *what)
{
	size_t k = strlen(what), i;

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, what, k) == 0)
			return 1;
	return 0;
}

/*
 * The markup of page s[0..n) into out: every tag from '<' to '>', and
 * the content of its <style> element, without the text between (where
 * the report's texts go, escaped: "href=" in a profile's id is text,
 * not an address to fetch).
 */
static void
markup(const char *s, size_t n, struct ais_buf *out)
{
	size_t i = 0;

	ais_buf_reset(out);
	ais_buf_add(out, "", 0);
	while (i < n) {
		size_t k = i;

		if (s[i] != '<') {
			i++;
			continue;
		}
		while (k < n && s[k] != '>')
			k++;
		ais_buf_add(out, s + i, k - i);
		ais_buf_addc(out, ' ');
		if (k - i >= 6 && memcmp(s + i, "<style", 6) == 0) {
			size_t e = k;

			while (e + 8 <= n && memcmp(s + e, "</style>", 8) != 0)
				e++;
			ais_buf_add(out, s + k, (e < n ? e : n) - k);
			k = e;
		}
		i = k;
	}
}

static void
render(const char *json, size_t len, enum ais_lang lang)
{
	struct ais_buf a = AIS_BUF_INIT, b = AIS_BUF_INIT;
	struct ais_error err, err2;
	int ra, rb;

	memset(&err, 0, sizeof err);
	memset(&err2, 0, sizeof err2);
	ra = ais_report_html(json, len, lang, &a, &err);
	rb = ais_report_html(json, len, lang, &b, &err2);
	if (ra != rb)
		fuzz_fail("report: the same input, another outcome", NULL);
	if (ra < 0) {
		if (err.status != AIS_EIO && err.status != AIS_ENOMEM)
			fuzz_fail("report: failed with another status",
			    err.msg);
		if (err.msg[0] == '\0')
			fuzz_fail("report: failed without a message", NULL);
	} else {
		static const char doctype[] = "<!DOCTYPE html>";

		if (a.len != b.len || memcmp(a.p, b.p, a.len) != 0)
			fuzz_fail("report: the same input, other bytes", NULL);
		if (u8_check((const uint8_t *)a.p, a.len) != NULL)
			fuzz_fail("report: a page that is not UTF-8", NULL);
		if (a.len < sizeof doctype - 1 ||
		    memcmp(a.p, doctype, sizeof doctype - 1) != 0)
			fuzz_fail("report: a page without its doctype", NULL);
		if (!contains(a.p, a.len, "</html>"))
			fuzz_fail("report: a page without its end", NULL);
		markup(a.p, a.len, &b);
		if (contains(b.p, b.len, "<script") ||
		    contains(b.p, b.len, "src=") ||
		    contains(b.p, b.len, "href=") ||
		    contains(b.p, b.len, "url(") ||
		    contains(b.p, b.len, "@import"))
			fuzz_fail("report: a page that runs or fetches", NULL);
	}
	ais_buf_release(&a);
	ais_buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	render((const char *)data, size, AIS_LANG_ZH);
	render((const char *)data, size, AIS_LANG_EN);
	return 0;
}
