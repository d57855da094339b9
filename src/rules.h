/*
 * rules.h: a loaded rule set (the model of docs/rules.md).
 *
 * ais_rules_load reads one YAML file per jurisdiction, checks everything
 * strictly (unknown and duplicate keys, types, expressions against the
 * profile schema, dated values in order, a source for every term) and
 * compiles every expression.  The result is read-only; the engine only
 * reads it.  Everything lives in the rule set's arena.
 */
#ifndef AIS_RULES_H
#define AIS_RULES_H

#include <stddef.h>

#include "aisubsidy.h"
#include "expr.h"
#include "ledger.h"
#include "util.h"

enum ais_basis {
	AIS_BASIS_FORMULA,
	AIS_BASIS_FIXED,
	AIS_BASIS_CEILING,
	AIS_BASIS_UNQUANTIFIED
};

extern const char *const ais_basis_names[];	/* "formula", ... */

struct ais_document;

/* A text of a rule file in both languages (enum ais_lang picks one). */
struct ais_l10n {
	const char *zh;
	const char *en;
};

/* t's text in language lang. */
#define AIS_L10N(t, lang) ((lang) == AIS_LANG_EN ? (t).en : (t).zh)

/*
 * Where a person can read a text: a newspaper's page, a site, a gazette
 * (a file's 'publications:').  outlet is always given; the others are
 * NULL, or AIS_DATE_MIN for a date, when the file does not say.
 */
struct ais_publication {
	const char *key;		/* its key under publications: */
	const char *outlet;		/* newspaper, site or issuing body */
	ais_date date;
	const char *page;		/* page, column or section */
	const char *title;
	const char *author;
	const char *url;
	ais_date retrieved;		/* the day url was read */
	struct ais_l10n note;		/* {NULL, NULL} when none */
};

/* Where a term comes from: a document, its article and clause, the
 * publication it was read in, and how sure we are (one of the six grades
 * of docs/rules.md: "official" ... "assumed"; or "proposal", the seventh,
 * for a term a reform changed: src/reform.c). */
struct ais_source {
	const char *name;		/* its key under sources:, or NULL */
	const struct ais_document *document;
	const struct ais_publication *published;	/* or the document's,
							 * or NULL */
	const char *article;		/* "五、(四)", or NULL */
	const char *clause;
	const char *url;		/* or NULL */
	ais_date retrieved;		/* AIS_DATE_MIN when not given */
	const char *confidence;		/* "official" ... "assumed" */
	struct ais_l10n note;		/* {NULL, NULL} when none */
};

/* Whether grade confidence is below "quoted" (report, draft, assumed, and
 * proposal: a reform's, src/reform.c):
 * an amount resting on it is not the policy's own wording. */
int ais_confidence_below_quoted(const char *confidence);

struct ais_document {
	const char *id;
	const char *title;
	const char *title_en;
	const char *number;
	const char *issuer;
	ais_date date;			/* AIS_DATE_MIN when unknown */
	ais_date valid_from;		/* AIS_DATE_MIN: open */
	ais_date valid_until;		/* AIS_DATE_MAX: until replaced */
	struct ais_l10n validity_note;	/* how validity is known, or assumed */
	int validity_assumed;
	const struct ais_publication *published;	/* or NULL */
	const char *url;		/* the issuer's own page, or NULL */
};

/* One version of a term: in force from..until (inclusive). */
struct ais_version {
	ais_date from;
	ais_date until;
	int ended;			/* no value: the term has ended */
	const struct ais_expr *expr;	/* NULL when ended */
	const struct ais_source *source;
	struct ais_l10n note;
	enum ais_cap_per per;		/* a cap: how it accumulates (per
					 * claim for every other term) */
	size_t id;			/* in the rule set, 0-based */
};

/* A term: a value that may change over time.  Unused when n == 0. */
struct ais_term {
	const char *name;		/* "rate", "cap", "test", ... */
	struct ais_version *v;		/* ordered by from */
	size_t n;
};

struct ais_condition {
	const char *id;			/* "conditions[0]", "awards[1].when[0]" */
	size_t index;			/* in the rule set, 0-based */
	struct ais_l10n says;		/* plain language */
	struct ais_term test;		/* a condition */
};

struct ais_award {
	struct ais_l10n label;
	enum ais_basis basis;
	ais_date from, until;		/* when the award exists */
	struct ais_condition *when;	/* all must hold */
	size_t nwhen;
	const struct ais_field *each;	/* one instance per entry, or NULL */
	const struct ais_expr *where;	/* entry filter, or NULL */
	const char *project;		/* same-project key, or NULL */
	const struct ais_source *source;	/* default of its terms */
	struct ais_term base, rate, cap, amount, ceiling;
	/* 'applicants:' of the award: the kinds it goes to (bits as the
	 * program's), any kind when any_applicant */
	int any_applicant;
	unsigned applicants;
	const char *applicants_text;	/* those kinds, in enum order, ", " */
	/* 'manual_checks:' of the award: shown only when it applies */
	const struct ais_l10n *manual_checks;
	size_t nmanual;
};

struct ais_pool {
	int present;
	struct ais_term amount;
	const char *per;		/* "year" or "total" (one pool for
					 * the life of the measures) */
	const char *allocation;		/* "pro_rata" or "first_come" */
	const char **shared_with;	/* program ids, NULL-terminated */
	struct ais_l10n note;
};

/* A program's headline source from a day on ('source:' as a list). */
struct ais_dated_source {
	ais_date from, until;		/* until: the day before the next */
	const struct ais_source *source;
};

/* One part of a program's guide: a text and where it comes from.  Absent
 * when text.en is NULL. */
struct ais_guide_text {
	struct ais_l10n text;
	const struct ais_source *source;
};

/* A round of applications: from..until, both days included. */
struct ais_guide_window {
	ais_date from, until;
	struct ais_l10n label;		/* {NULL, NULL} when none */
	const struct ais_source *source;
};

/* How to apply (docs/rules.md "The application guide"): each part only
 * as a source gives it.  present is 0 when the program has no guide. */
struct ais_guide {
	int present;
	struct ais_guide_text agency, channel;
	struct ais_guide_window *windows;
	size_t nwindows;
	const struct ais_l10n *materials;
	size_t nmaterials;
	const struct ais_source *materials_source;
	const char *payout;		/* one of ais_payouts, or NULL */
	const struct ais_source *payout_source;
};

extern const char *const ais_payouts[];	/* "免申即享", ..., NULL */

struct ais_jurisdiction;

struct ais_program {
	const char *id;
	size_t index;			/* in the rule set, 0-based */
	int line, column;		/* of its id in its file */
	const char *title_zh, *title_en;
	const struct ais_jurisdiction *jurisdiction;
	const struct ais_document *document;
	const struct ais_source *source;	/* default for its terms;
						 * never NULL once loaded */
	const struct ais_dated_source *sources;	/* 'source:' as a list (the
						 * first is source), or NULL */
	size_t nsources;
	const char *const *kinds;	/* the contract's kinds of applicant */
	unsigned applicants;		/* bit i: kind enum i may apply */
	const char *applicants_text;	/* those kinds, in enum order, ", " */
	int any_applicant;		/* no applicants: list */
	ais_date valid_from, valid_until;
	char valid_from_text[11], valid_until_text[11];	/* YYYY-MM-DD */
	struct ais_condition *conditions;
	size_t nconditions;
	struct ais_award *awards;
	size_t nawards;
	struct ais_term cap;		/* per claim, or unused */
	const struct ais_l10n *manual_checks;
	size_t nmanual;
	const struct ais_l10n *notes;
	size_t nnotes;
	const char *same_project;	/* group name, or NULL */
	struct ais_pool pool;
	/* the earliest date a list entry may be dated and still count
	 * ('entries_from'; default valid_from, AIS_DATE_MIN for 'any') */
	ais_date entries_from;
	char entries_from_text[11];	/* YYYY-MM-DD, "" for any */
	struct ais_guide guide;
};

/* The source an item of pg shows on day d: of 'source:' as a list, the
 * one in force on d (the first before it begins); else pg->source. */
const struct ais_source *ais_program_source_at(const struct ais_program *pg,
	ais_date d);

struct ais_jurisdiction {
	const char *id;
	const char *level;		/* "city", "province", "municipality"
					 * (province-level, no parent) */
	const char *name_zh, *name_en;
	const char *parent_id;		/* or NULL */
	int parent_line, parent_column;	/* of parent_id in its file */
	const struct ais_jurisdiction *parent;
	const char *file;		/* "rules/shenzhen.yaml" */
	struct ais_publication *publications;
	size_t npublications;
	struct ais_document *documents;
	size_t ndocuments;
	struct ais_program *programs;
	size_t nprograms;
};

struct ais_rules {
	struct ais_arena arena;
	const struct ais_schema *schema;	/* the profile contract */
	struct ais_l10n about;		/* its conventions, for the docs */
	const char *about_file;		/* where 'about' was given */
	const char **program_ids;	/* every program's id, in rule order,
					 * NULL-terminated */
	struct ais_jurisdiction *j;	/* in file-name order */
	size_t nj;
	char digest[72];		/* "sha256:" and 64 hex digits */
	size_t nprograms;
	size_t nversions;		/* of all terms: ids 0..n-1 */
	size_t nconditions;		/* of all programs and awards */
	/* issue 13: a rule set made by ais_rules_reform (src/reform.h)
	 * from a base set, which it borrows (the base must outlive it):
	 * base is NULL for a loaded set.  reform_id and reform_digest
	 * name the reform for the receipt (NULL and "" when none). */
	const struct ais_rules *base;
	const char *reform_id;
	const char *reform_title_zh, *reform_title_en;
	char reform_digest[72];		/* "sha256:" and 64 hex digits */
	/* issue 13 (start-up): the jurisdictions by id, indices into j
	 * (NULL: ais_rules_find searches j in turn), and, for a rule set
	 * opened for one profile (ais_rules_open), what is not parsed yet
	 * (NULL for a set loaded whole).  ais_rules_free frees pending: a
	 * set made from another (ais_rules_reform) leaves it NULL, and
	 * jorder NULL or the base's when its j is in the base's order. */
	size_t *jorder;
	struct ais_rules_pending *pending;
};

/*
 * Limits of a rule file (docs/limits.md): its size in bytes, checked
 * before it is read or parsed, and how deep its YAML collections may nest
 * (a rule file needs about ten levels).
 */
#define AIS_RULES_MAX_FILE (8 << 20)
#define AIS_RULES_MAX_YAML_DEPTH 64

/*
 * A rule file in memory: its name for messages, its bytes and its layer:
 * 0 for the base set (the built-in rules or --rules DIR), 1, 2, ... for
 * each --add-rules directory in turn.  A jurisdiction of a later layer
 * replaces the one of the same id of an earlier layer.
 */
struct ais_rule_file {
	const char *name;
	const char *data;
	size_t len;
	int layer;
};

/*
 * Loads the rule files (already in memory, in any order: they are sorted
 * by layer, then by name).  Their profile contract is every 'profile:'
 * declaration of them; when none of the files is called profile.yaml, the
 * built-in rules/profile.yaml is loaded first.  Returns the rule set, owned by the caller, or NULL with err
 * filled (status AIS_ERULES, file, line, column, message).
 */
struct ais_rules *ais_rules_load(const struct ais_rule_file *files,
	size_t n, struct ais_error *err);

/* Rule files, read from a directory (owned: names and bytes are freed
 * with the list) or borrowed from the built-in ones. */
struct ais_rule_files {
	AIS_VEC(struct ais_rule_file) f;	/* on the heap */
	int owned;
};

#define AIS_RULE_FILES_INIT {AIS_VEC_INIT, 0}

/*
 * Reads every file of dir whose name ends in ".yaml" (not those of its
 * subdirectories) into out, sorted by name, to be released with
 * ais_rule_files_release.  0, or -1 with err filled (AIS_ERULES).
 */
int ais_rule_files_read(const char *dir, struct ais_rule_files *out,
	struct ais_error *err);

/* The built-in files whose names start with prefix ("rules/" for the
 * rules, "rules/tests/" for their tests) and have no further '/' after
 * it, borrowed, into out. */
void ais_rule_files_builtin(const char *prefix, struct ais_rule_files *out);

/* Frees what out holds (the files themselves when owned); empty again. */
void ais_rule_files_release(struct ais_rule_files *out);

/* Loads every *.yaml file of dir (not its subdirectories). */
struct ais_rules *ais_rules_load_dir(const char *dir, struct ais_error *err);

/* Loads the rules compiled into the binary. */
struct ais_rules *ais_rules_load_builtin(struct ais_error *err);

/*
 * Selective loading (docs/performance.md "Start-up that does not grow
 * with the rule set").  What the 'jurisdiction:' block of a rule file
 * says, read without parsing the rest of the file: ais_rule_scan fills
 * it and returns 1 when the file is simple enough to be passed over
 * until a profile needs it -- its root a block mapping at column 0 whose
 * first key is 'jurisdiction' (id, level, parent, name {zh, en}, plain
 * scalars), and no later line at column 0 that could be a key
 * 'profile', 'about' or 'jurisdiction' (a file that declares part of
 * the profile contract is always parsed).  0 when it is not: the file
 * is parsed in full, as ever.  The texts are in arena a.
 */
struct ais_rule_head {
	const char *id, *level, *parent, *name_zh, *name_en;
	int parent_line, parent_column;	/* 1-based, of parent's value */
};

int ais_rule_scan(const struct ais_rule_file *f, struct ais_arena *a,
	struct ais_rule_head *out);

/*
 * Opens the rule set of the layers (base NULL: the built-in rules; as
 * ais_rules_load_layers) for one profile: the profile contract parsed,
 * every jurisdiction known (id, level, names, parent: ais_rules_find and
 * the hints for unknown places work), the programs of none of them parsed
 * except those of files ais_rule_scan does not pass over.  The digest is
 * that of every file.  Errors of the files passed over are not seen
 * (ais_rules_load sees them); when the jurisdiction blocks themselves
 * are at fault (an id twice, a parent missing, a loop, a bad level), the
 * whole set is loaded as ais_rules_load_layers does, to report it.
 */
struct ais_rules *ais_rules_open(const char *base, const char *const *add,
	size_t nadd, struct ais_error *err);

/*
 * Parses the jurisdictions of ids (ids[i] of lens[i] bytes; one that is
 * no jurisdiction is passed over) and their parents, when they are not
 * parsed yet.  0, or -1 with err filled (the error of the file, or
 * AIS_ENOMEM): r may then only be freed.  Not to be called while other
 * threads read r.
 */
int ais_rules_need(struct ais_rules *r, const char *const *ids,
	const size_t *lens, size_t n, struct ais_error *err);

/*
 * Parses what profile p, read against r, needs for ais_calc with the
 * jurisdictions jur (--jurisdiction; none: its city and province) to
 * give what it gives on the whole set: the city, the province, jur, their
 * parents and the jurisdictions of the programs its fields name
 * ('refers_to: program').  0 when that is done; 1 when it cannot be
 * (a named program is nowhere parsed: its did-you-mean would need every
 * program; the caller loads the whole set); -1 with err filled.
 */
struct ais_profile;
int ais_rules_need_profile(struct ais_rules *r, const struct ais_profile *p,
	const char *const *jur, size_t njur, struct ais_error *err);

void ais_rules_free(struct ais_rules *r);

/* The jurisdiction called id, or NULL. */
const struct ais_jurisdiction *ais_rules_find(const struct ais_rules *r,
	const char *id, size_t len);

/*
 * The value of version v when it is a literal number (a figure written in
 * the rule file, not a formula): 1 with the value in *out.  0, *out left
 * as it was, when v is NULL (no version in force: what ais_term_at gives
 * then), has no expression, or its expression is not a literal number.
 * The one place that says what a constant term is worth: the terms and
 * pools of a result and the pools of a batch all read it here.
 */
int ais_version_const(const struct ais_version *v, struct ais_dec *out);

/*
 * When version v of the term called name is a constant number
 * (ais_version_const), writes it as the result shows it ("60%" for a
 * rate, "10000000" otherwise) into buf and returns 1; else returns 0.
 */
int ais_version_const_text(const struct ais_version *v, const char *name,
	char *buf, size_t n);

/*
 * Whether date d is within from..until, both days included: the one rule
 * for every dated thing (a term's versions, an award's dates, a program's
 * validity).  AIS_DATE_MIN and AIS_DATE_MAX stand for open ends.
 */
static inline int
ais_in_force(ais_date from, ais_date until, ais_date d)
{
	return from <= d && d <= until;
}

/* The version of t in force on d (ais_in_force), or NULL when none is. */
const struct ais_version *ais_term_at(const struct ais_term *t, ais_date d);

/*
 * Reads a YAML file (a rule file, or a rule test file) into *doc with the
 * limits of a rule file (docs/limits.md): at most AIS_RULES_MAX_FILE
 * bytes, collections nested at most AIS_RULES_MAX_YAML_DEPTH deep, no
 * alias, one document.  0 with *doc (a yaml_document_t) to be released
 * with yaml_document_delete, or -1 with err filled (AIS_ERULES, place).
 */
struct yaml_document_s;
int ais_rules_yaml_load(const struct ais_rule_file *f,
	struct yaml_document_s *doc, struct ais_error *err);

/*
 * Reads a whole file into memory: the caller frees *data.  0, or -1 with
 * err filled (status given).
 */
int ais_read_file(const char *path, char **data, size_t *len, int status,
	struct ais_error *err);

/* The program of id id (a NUL-terminated "city.name"), or NULL. */
const struct ais_program *ais_program_find(const struct ais_rules *r,
	const char *id);

/*
 * Issue 13: the loader's term parser for src/reform.c, which reads terms
 * from a YAML document of its own (a reform file) and checks them as a
 * rule file's are.  A term is parsed at node value of doc (a
 * yaml_document_t of file): an expression, {value, source, note} or a
 * list of dated values, compiled against rules->schema (item: the entry
 * of an 'each' award, or NULL) to type want (AIS_E_BOOL for a condition,
 * AIS_E_NUM for a figure); key names the term ("rate", "cap": a cap may
 * say 'per'; "test" for a condition).  Its versions take ids
 * rules->nversions, ... (the count grows) and live in arena.  A source
 * written as text (source: proposal of 2026-03) is made by
 * make_source(ctx, text); dflt is the source of a version naming none.
 * constant: a pool's amount, a number and never a formula.  0, or -1
 * with err filled (AIS_ERULES, file:line:column).
 */
struct ais_term_parse {
	struct ais_rules *rules;
	struct ais_arena *arena;
	const struct ais_rule_file *file;
	struct yaml_document_s *doc;
	const char *key;
	const struct ais_field *item;
	int want;
	int constant;
	const struct ais_source *dflt;
	const struct ais_source *(*make_source)(void *ctx, const char *text);
	void *ctx;
};

int ais_rules_parse_term(const struct ais_term_parse *tp, int value,
	struct ais_term *t, struct ais_error *err);

/*
 * The loader's own check of a mapping's keys, for another YAML file read
 * as strictly (a reform): n, a node of doc read from f, must be a mapping
 * of distinct scalar keys, each one of allowed (NULL-terminated); what
 * names n in messages (a long key is quoted shortened, in arena a).  0,
 * or -1 with err filled (AIS_ERULES, f's name, the key's place).
 */
struct yaml_node_s;
int ais_rules_check_keys(struct ais_arena *a, const struct ais_rule_file *f,
	struct yaml_document_s *doc, const struct yaml_node_s *n,
	const char *what, const char *const *allowed, struct ais_error *err);

#endif
