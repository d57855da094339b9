/*
 * aisubsidy.h: the public face of libaisubsidy, the whole of it.
 *
 * Load a rule set once (ais_rules_load_builtin, _dir or _buffer), then for
 * each applicant read a profile (ais_profile_read), evaluate it (ais_calc),
 * walk the decision record it gives (ais_result_item, ais_item_step, ...)
 * or write it as JSON (ais_result_write), and free what was made.
 * docs/library.md is the guide, docs/result.md the record.
 *
 * Ownership, once for all: a function that makes something (ais_X_new,
 * ais_X_load...) returns it owned by the caller, who frees it with the
 * matching ais_X_free, which accepts NULL; every pointer a function
 * returns into an object is borrowed from it and lives as long as it (a
 * result borrows its rules and its profile: free it first, or read the
 * profile again only after the result is no longer used); const
 * parameters are borrowed for the call.  A function that fails returns
 * NULL or -1 and fills the struct ais_error it was given.
 *
 * Threads: a loaded rule set (and an output cache) is read-only and may
 * be shared by any number of threads evaluating at once; a profile, a
 * result and a buffer belong to one thread at a time.  The library keeps
 * no global state, sets no process-wide hook and never exits or aborts:
 * memory that runs out is a failure like any other, status AIS_ENOMEM
 * (docs/library.md, "Memory").
 */
#ifndef AISUBSIDY_H
#define AISUBSIDY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define AIS_VERSION "0.1.0"

/* Exit statuses of the command line, also the status of an error. */
enum ais_status {
	AIS_OK = 0,		/* every profile evaluated */
	AIS_EPROFILE = 1,	/* a profile was rejected */
	AIS_EUSAGE = 2,		/* wrong usage */
	AIS_ERULES = 3,		/* the rules could not be loaded */
	AIS_EIO = 4,		/* output could not be written, a test failed */
	AIS_ENOMEM = 5		/* memory ran out */
};

/* The language of titles, reasons, manual checks and notes. */
enum ais_lang {
	AIS_LANG_ZH = 0,	/* the default: the language of the policies */
	AIS_LANG_EN = 1
};

/*
 * The room of the fields of an error: a file name as long as Linux's
 * PATH_MAX, a JSON path and a message.  What does not fit is cut at a
 * whole UTF-8 character and ends in "...".  AIS_ERROR_TEXT_MAX bytes hold
 * whatever ais_error_format writes, whole.
 */
#define AIS_ERROR_FILE_MAX 4096
#define AIS_ERROR_PATH_MAX 256
#define AIS_ERROR_MSG_MAX 768
#define AIS_ERROR_TEXT_MAX \
	(AIS_ERROR_FILE_MAX + AIS_ERROR_PATH_MAX + AIS_ERROR_MSG_MAX + 32)

/*
 * One error, filled where it happened.  file, line and column (1-based,
 * 0 when unknown) place it in a file; path places it in a JSON profile
 * ("$.compute_purchases[1].amount"), empty when not about a profile.
 */
struct ais_error {
	int status;
	int line;
	int column;
	char file[AIS_ERROR_FILE_MAX];
	char path[AIS_ERROR_PATH_MAX];
	char msg[AIS_ERROR_MSG_MAX];
};

/* Sets every field of e; fmt is a printf format for the message. */
void ais_error_set(struct ais_error *e, int status, const char *file,
	int line, int column, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Sets e's JSON path to path[0..len), cut to fit with "..." at the end. */
void ais_error_set_path(struct ais_error *e, const char *path, size_t len);

/* Writes "FILE:LINE:COLUMN: message" (or "FILE: PATH: message", or as
 * much as is known) into buf of size n, cut with "..." when n is less
 * than AIS_ERROR_TEXT_MAX and the text does not fit. */
void ais_error_format(const struct ais_error *e, char *buf, size_t n);

/* Writes "aisubsidy: WHERE: message" (WHERE only when e names no file,
 * and where is not NULL) and a newline to f; nothing when f is NULL. */
void ais_error_print(FILE *f, const char *where, const struct ais_error *e);

/* ---- Dates: days since 1970-01-01 ---- */

typedef int32_t ais_date;

/* Parses exactly YYYY-MM-DD from s[0..len): 0, or -1 for anything else
 * (an impossible date included). */
int ais_date_parse(const char *s, size_t len, ais_date *out);

/* ---- A growable buffer of bytes, NUL-terminated once written ---- */

struct ais_buf {
	char *p;
	size_t len;
	size_t cap;
};

#define AIS_BUF_INIT {NULL, 0, 0}

/* Frees b's bytes; b is empty again. */
void ais_buf_release(struct ais_buf *b);

/* ---- Rules ---- */

struct ais_rules;

/* The rule set compiled into the library. */
struct ais_rules *ais_rules_load_builtin(struct ais_error *err);

/* The rule files DIR/ *.yaml (not its subdirectories). */
struct ais_rules *ais_rules_load_dir(const char *dir, struct ais_error *err);

/*
 * Loads a rule set in layers: the built-in rules (base NULL) or those of
 * the directory base, then, on top, the *.yaml files of each directory of
 * add[0..nadd) in turn.  A jurisdiction of a later layer replaces the one
 * of the same id below it; profile declarations of every layer are merged
 * into one contract (a clash is an error); the digest covers every file.
 */
struct ais_rules *ais_rules_load_layers(const char *base,
	const char *const *add, size_t nadd, struct ais_error *err);

/* One rule file given as bytes: name (for messages) and yaml[0..len).
 * The bytes are copied; the caller may free them at once. */
struct ais_rules *ais_rules_load_buffer(const char *name, const char *yaml,
	size_t len, struct ais_error *err);

void ais_rules_free(struct ais_rules *r);

/* "sha256:..." of the rule files, as every result's receipt gives it. */
const char *ais_rules_digest(const struct ais_rules *r);

/* ---- Profiles ---- */

struct ais_profile;

/* An empty profile to read into, any number of times; NULL when memory
 * runs out. */
struct ais_profile *ais_profile_new(void);

/*
 * Reads the JSON profile json[0..len) into p, replacing what it held,
 * against the profile contract of the rule set r (docs/profile.md): p may
 * then be evaluated with r alone, and only while r lives.
 * 0, or -1 with err filled (AIS_EPROFILE, a JSON path, or line and column
 * for a syntax error); after a failure p holds no profile.
 */
int ais_profile_read(struct ais_profile *p, const struct ais_rules *r,
	const char *json, size_t len, struct ais_error *err);

/* The profile's "id", or NULL. */
const char *ais_profile_id(const struct ais_profile *p);

void ais_profile_free(struct ais_profile *p);

/* ---- Evaluating ---- */

struct ais_calc_opts {
	ais_date as_of;			/* the claim date when the profile
					 * gives none */
	int explain;			/* record steps: for full results and
					 * for walking the record */
	const char *const *jurisdictions;	/* evaluate as if there, or
						 * NULL: where the profile is */
	size_t njurisdictions;
	const char *only_program;	/* evaluate this program alone (its
					 * id), or NULL: all (what would
					 * qualify verifies one program) */
};

struct ais_result;

/* An empty result to evaluate into, any number of times; NULL when
 * memory runs out. */
struct ais_result *ais_result_new(void);

/*
 * Evaluates profile p against rules r into res (emptied first, its memory
 * kept for reuse).  0, or -1 with err filled (AIS_EPROFILE with a JSON
 * path) when the profile contradicts the rules or an amount overflows.
 */
int ais_calc(const struct ais_rules *r, const struct ais_profile *p,
	const struct ais_calc_opts *o, struct ais_result *res,
	struct ais_error *err);

void ais_result_free(struct ais_result *res);

/* ---- Walking the decision record (docs/result.md) ---- */

struct ais_item;
struct ais_step;

/* The outcome of a check. */
enum ais_outcome {
	AIS_NOT_MET = 0,
	AIS_MET = 1,
	AIS_UNKNOWN = 2		/* a field it needs is not given */
};

/* What a step of an item's evaluation is. */
enum ais_step_kind {
	AIS_STEP_VALIDITY,	/* the program in force on the claim date */
	AIS_STEP_APPLICANT,	/* the applicant's kind may apply */
	AIS_STEP_CHECK,		/* a condition */
	AIS_STEP_TERM_OFF,	/* a term not in force on the claim date */
	AIS_STEP_ENTRY,		/* a list entry counted or not */
	AIS_STEP_NO_ENTRIES,	/* a per-entry award's list is empty */
	AIS_STEP_NO_VALUE,	/* a number that cannot be computed */
	AIS_STEP_AMOUNT,	/* an award's amount */
	AIS_STEP_CAPPED,	/* an award's cap applied */
	AIS_STEP_NO_AWARD,	/* no award of the program applies */
	AIS_STEP_PROGRAM_CAP,	/* the program's cap applied */
	AIS_STEP_SET_ASIDE,	/* an award set aside for a larger one */
	AIS_STEP_LEDGER,	/* a cap that accumulates: what prior awards
				 * used of it and what remains */
	AIS_STEP_PRIOR		/* a prior award left out of that */
};

/* The claim date the result was evaluated on. */
ais_date ais_result_as_of(const struct ais_result *res);

/* The totals in fen (1 yuan = 100 fen): the sum of the amounts, of the
 * ceilings, and how many eligible programs give no figure. */
void ais_result_totals(const struct ais_result *res, int64_t *amount,
	int64_t *up_to, size_t *unquantified);

/* The items, one per program of the applicant's jurisdictions, in the
 * order of the rule files; i < ais_result_nitems(res). */
size_t ais_result_nitems(const struct ais_result *res);
const struct ais_item *ais_result_item(const struct ais_result *res,
	size_t i);

/* The item's program: its id, its title in lang. */
const char *ais_item_program(const struct ais_item *it);
const char *ais_item_title(const struct ais_item *it, enum ais_lang lang);

int ais_item_eligible(const struct ais_item *it);

/* The amount it pays, and its ceiling, in fen: 1 with *fen set, or 0
 * when there is no such figure. */
int ais_item_amount(const struct ais_item *it, int64_t *fen);
int ais_item_up_to(const struct ais_item *it, int64_t *fen);

/* The steps (empty unless evaluated with explain), i < ais_item_nsteps. */
size_t ais_item_nsteps(const struct ais_item *it);
const struct ais_step *ais_item_step(const struct ais_item *it, size_t i);

enum ais_step_kind ais_step_kind(const struct ais_step *s);

/* A check's outcome (VALIDITY, APPLICANT, CHECK; ENTRY: MET when
 * counted). */
enum ais_outcome ais_step_outcome(const struct ais_step *s);

/* A check's id: "in_force", "applicants", "conditions[0]",
 * "awards[1].when[0]"; NULL for other steps. */
const char *ais_step_check(const struct ais_step *s);

/* A condition's words in lang, or NULL for other steps. */
const char *ais_step_says(const struct ais_step *s, enum ais_lang lang);

/* The fields a step read (a check, an entry's failed test, a rate): the
 * i-th field's name (not NUL-terminated: *len bytes), and whether the
 * profile gave it. */
size_t ais_step_nreads(const struct ais_step *s);
const char *ais_step_read_field(const struct ais_step *s, size_t i,
	size_t *len);
int ais_step_read_given(const struct ais_step *s, size_t i);

/* Appends the i-th value read, as a reason gives it in lang, to b.
 * 0, or -1 when memory runs out. */
int ais_step_read_value(const struct ais_step *s, size_t i,
	enum ais_lang lang, struct ais_buf *b);

/* Appends the reason step s of item it gives, in lang, to b (res is the
 * result it belongs to).  0, or -1 when memory runs out. */
int ais_step_reason(const struct ais_result *res, const struct ais_item *it,
	const struct ais_step *s, enum ais_lang lang, struct ais_buf *b);

/* ---- Writing JSON (docs/result.md) ---- */

enum ais_output_mode {
	AIS_OUT_FULL,		/* every item, with its explanation */
	AIS_OUT_COMPACT		/* id, total, eligible programs and amounts */
};

struct ais_output_cache;

struct ais_output_opts {
	enum ais_output_mode mode;
	int pretty;		/* indented, for people */
	int eligible_only;	/* leave out ineligible items */
	const struct ais_output_cache *cache;	/* or NULL */
	enum ais_lang lang;	/* of reasons, manual checks and notes */
	/* keep only the eligible items whose last day of claims is at most
	 * due_within days after the claim date (calc --due-within); 0: all */
	int has_due_within;
	long due_within;
	/* "what_if" of each result against the unchanged profile, from the
	 * session that evaluated it (ais_whatif_calc), or NULL */
	const struct ais_whatif *what_if;
	int near_miss;		/* "near_miss": the programs one change
				 * away (from to_qualify) */
};

/*
 * The parts of each item that depend on the rules alone (title, source,
 * manual checks, notes, the ids and words of checks, the validity
 * reason around the claim date) or on the applicant's kind alone,
 * written once in language lang so that a batch copies them instead of
 * writing them for every profile.  Used for the unindented output in its
 * language only; the bytes are the same with or without.  NULL when
 * memory runs out (no cache is needed).  Free with ais_output_cache_free.
 */
struct ais_output_cache *ais_output_cache_new(const struct ais_rules *r,
	enum ais_lang lang);
void ais_output_cache_free(struct ais_output_cache *c);

/* Appends the result as one JSON object and a newline to b.  0, or -1
 * with err filled (AIS_ENOMEM: memory ran out) and b as it was. */
int ais_result_write(const struct ais_result *res,
	const struct ais_output_opts *o, struct ais_buf *b,
	struct ais_error *err);

/* ---- What if, and what would qualify (docs/what-if.md) ---- */

/*
 * Applies sets[0..nsets), each "PATH=VALUE" as --set takes it (PATH such
 * as revenue.ai_share, as_of, compute_purchases[0].amount; VALUE JSON
 * text, or a string when it is not JSON), one after another to the JSON
 * profile text json[0..len), and appends the changed text to out: the
 * bytes of the value at PATH replaced, or "key": VALUE inserted.  Read it
 * with ais_profile_read as any profile.  0, or -1 with err filled:
 * AIS_EUSAGE for a set that is not PATH=VALUE, AIS_EPROFILE with the
 * JSON path for a path this profile cannot have (through a value that is
 * not an object, an index beyond its list), AIS_ENOMEM; out as it was.
 */
int ais_whatif_apply(const char *json, size_t len, const char *const *sets,
	size_t nsets, struct ais_buf *out, struct ais_error *err);

/*
 * A session evaluating profiles with sets[0..nsets) (as above, copied)
 * applied, and with to_qualify filled (qualify) in language lang: NULL
 * with err filled for a set that is not PATH=VALUE (AIS_EUSAGE) or
 * memory (AIS_ENOMEM).  Free with ais_whatif_free (NULL does nothing).
 */
struct ais_whatif;
struct ais_whatif *ais_whatif_new(const char *const *sets, size_t nsets,
	int qualify, enum ais_lang lang, struct ais_error *err);
void ais_whatif_free(struct ais_whatif *w);

/*
 * Reads json[0..len) with the session's sets applied into p and
 * evaluates it into res, as ais_profile_read and ais_calc do; with sets,
 * evaluates the unchanged profile too, which the writer compares against
 * (ais_output_opts.what_if = w), and with qualify fills each item's
 * to_qualify (ais_qualify).  The unchanged profile is checked as the
 * changed one is: a rejection of either is the error.  0, or -1 with err
 * filled; p keeps the id of a rejected profile as ais_profile_read does.
 */
int ais_whatif_calc(struct ais_whatif *w, const struct ais_rules *r,
	struct ais_profile *p, const struct ais_calc_opts *o,
	struct ais_result *res, const char *json, size_t len,
	struct ais_error *err);

/*
 * Fills res's to_qualify (what would make each ineligible or held-down
 * item eligible or pay more, each change verified by evaluating the
 * changed profile) for the result res of profile p, read from
 * json[0..len) and evaluated with o; its says lines in lang.  0, or -1
 * with err filled.
 */
int ais_qualify(const struct ais_rules *r, const char *json, size_t len,
	const struct ais_profile *p, const struct ais_calc_opts *o,
	enum ais_lang lang, struct ais_result *res, struct ais_error *err);

#endif
