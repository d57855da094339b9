/*
 * rulestool.h: aisubsidy rules list|show|check|ids (docs/rule-tools.md).
 *
 * What a rule author asks of a loaded rule set: which programs it has,
 * in force on a day or not, and how sure their terms are (list); one
 * program or jurisdiction with every dated value and its source (show);
 * what is doubtful in it besides what the loader refuses (check).  Every
 * function writes into a buffer it is given; the claim date is the
 * caller's (the library never reads the clock).
 */
#ifndef AIS_RULESTOOL_H
#define AIS_RULESTOOL_H

#include <stddef.h>

#include "rules.h"
#include "util.h"

enum ais_rules_format {
	AIS_RULES_TEXT,		/* for people, aligned by display width */
	AIS_RULES_JSON,
	AIS_RULES_IDS		/* one program id a line */
};

struct ais_rules_list_opts {
	ais_date as_of;			/* in force or not on this day */
	enum ais_lang lang;		/* of the text */
	enum ais_rules_format format;
	/* only the programs of these jurisdictions and their provinces (as
	 * calc --jurisdiction), every program when n is 0; each must be a
	 * jurisdiction of the rules (ais_rules_unknown_jurisdiction) */
	const char *const *jurisdictions;
	size_t njurisdictions;
};

/*
 * Appends one row per program of r (rule order): id, title, basis, in
 * force on o->as_of or not, the lowest grade of its terms; as text, JSON
 * or ids.  0, or -1 when memory ran out (b as it was).
 */
int ais_rules_list(const struct ais_rules *r,
	const struct ais_rules_list_opts *o, struct ais_buf *b);

/* Appends every program id (jurisdictions 0) or jurisdiction id (1), one
 * a line.  0, or -1 when memory ran out. */
int ais_rules_ids(const struct ais_rules *r, int jurisdictions,
	struct ais_buf *b);

/* The display width of s[0..n) in a terminal: a CJK character is two
 * columns (libunistring's u8_width). */
size_t ais_display_width(const char *s, size_t n);

/*
 * Appends program or jurisdiction id of r, as text (in lang: the
 * catalogue's block) or JSON (AIS_RULES_JSON: every text in both
 * languages).  1 when id is one, 0 when r has no such id (b as it was),
 * -1 when memory ran out.
 */
int ais_rules_show(const struct ais_rules *r, const char *id,
	enum ais_lang lang, enum ais_rules_format format, struct ais_buf *b);

/* "unknown program or jurisdiction 'ID' (did you mean 'X'?)" into b
 * (without a newline): the closest id of r. */
void ais_rules_unknown_id(const struct ais_rules *r, const char *id,
	struct ais_buf *b);

/* Whether r has jurisdiction id; when not, "--jurisdiction 'ID' is not in
 * the rules (did you mean 'X'?)" into b.  1 or 0. */
int ais_rules_known_jurisdiction(const struct ais_rules *r, const char *id,
	struct ais_buf *b);

struct ais_rules_check_opts {
	ais_date as_of;			/* programs past validity on it */
	enum ais_lang lang;		/* of the warnings */
};

struct ais_rules_check_stats {
	size_t programs, warnings;
};

/*
 * Loads the rules as --rules base (NULL: the built-in rules) and
 * --add-rules add[0..nadd) do, then looks for what is doubtful besides
 * what the loader refuses, writing one line per warning to b,
 * "FILE:LINE:COLUMN: warning: MESSAGE", then "N programs, M warnings":
 * a term whose every source is graded below 'quoted' (report, draft,
 * assumed); a program that no rule test names (the tests of base/tests,
 * or the built-in ones, and of each add/tests); a program past its
 * validity on o->as_of.  Returns 0 (the warnings counted in st), or -1
 * with err filled when the rules or a test file do not load.
 */
int ais_rules_check(const char *base, const char *const *add, size_t nadd,
	const struct ais_rules_check_opts *o, struct ais_buf *b,
	struct ais_rules_check_stats *st, struct ais_error *err);

/* The same, for rules r already loaded from files[0..nfiles) (their
 * places are read from these), with tests[i] the number of cases naming
 * the i-th program (r->nprograms of them). */
int ais_rules_check_loaded(const struct ais_rules *r,
	const struct ais_rule_file *files, size_t nfiles, const size_t *tests,
	const struct ais_rules_check_opts *o, struct ais_buf *b,
	struct ais_rules_check_stats *st);

#endif
