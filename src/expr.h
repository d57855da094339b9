/*
 * expr.h: the expression language of the rule files (docs/rules.md).
 *
 * Conditions, bases, rates, caps and amounts are expressions over the
 * fields of a profile.  They are parsed, resolved against the profile
 * schema and type-checked once, by ais_expr_compile, when the rules load;
 * evaluating one walks a small tree with no parsing, no lookup by name and
 * no allocation.  Numbers are exact decimals; nothing here uses floating
 * point.  Evaluation has no side effects but for the optional trace.
 */
#ifndef AIS_EXPR_H
#define AIS_EXPR_H

#include <stddef.h>

#include "util.h"
#include "value.h"

/* Static types of expressions. */
enum ais_etype {
	AIS_E_NULL,	/* the literal null */
	AIS_E_BOOL,
	AIS_E_NUM,
	AIS_E_STR,
	AIS_E_DATE,
	AIS_E_LIST,
	AIS_E_OBJ
};

struct ais_expr;

/*
 * The deepest an expression may be: levels of brackets, 'not', '-',
 * calls and lists, and levels of its tree, where each operator of a chain
 * such as 'a + b + c' is one level.  Parsing and every walk of a compiled
 * expression recurse; this bound keeps them within a few hundred KB of
 * stack (docs/limits.md).
 */
#define AIS_EXPR_MAX_DEPTH 256

/*
 * What a check read: one field (as the rule names it, "item." left out
 * for a list entry's own fields) and the value it had, AIS_V_NULL when
 * the profile does not give it.  The value borrows the profile's memory.
 * At most AIS_EXPR_MAX_READS distinct fields are kept per expression
 * (docs/limits.md).
 */
struct ais_read {
	const char *field;
	size_t len;
	struct ais_value value;
	int amount;			/* the field is an amount in yuan */
};

#define AIS_EXPR_MAX_READS 32

/*
 * A comparison of a condition: the texts of its two sides as the rule
 * writes them, their values on this profile and whether it holds (1, 0,
 * or -1 when a side is not given).  For 'in', right is the list and
 * right_value is null.
 */
struct ais_cmp {
	const char *left, *right;
	size_t left_len, right_len;
	const char *op;			/* "==", ">=", "in", "not in", ... */
	struct ais_value left_value, right_value;
	int holds;
};

#define AIS_EXPR_MAX_CMPS 16

/*
 * One entry of a list that an aggregate (sum, count, any, all, max, min)
 * looked at while an expression was evaluated for the full result:
 * whether it counted, its value when it did, and when not, the part of
 * the filter it failed ('needs', with the entry's own fields it read) or
 * the value expression that is not given ('missing', with the entry's
 * fields it read when it is more than one field), or that it is dated
 * outside the claim ('dated', with the date that decides it in reads[0]).
 */
struct ais_trace_entry {
	const struct ais_value *item;	/* the entry, in the profile */
	const char *list;		/* the list's path, as written */
	size_t list_len;
	int counted;
	const struct ais_value *value;	/* counted: its value, or NULL */
	int amount;			/* the value is an amount in yuan */
	const char *needs;		/* not counted: the failed test, or NULL */
	size_t needs_len;
	const char *missing;		/* not counted: the value not given */
	size_t missing_len;
	int dated;			/* not counted: 1 dated after the
					 * claim date, -1 before the
					 * program's validity; else 0 */
	struct ais_read reads[AIS_EXPR_MAX_READS];	/* of needs, of
							 * missing, or the
							 * date of dated */
	size_t nreads;
	const struct ais_value *awarded;	/* the prior award awarded()
						 * found for it, or NULL */
};

/* A trace receives every entry an aggregate looks at, in order. */
struct ais_trace {
	void (*entry)(void *ctx, const struct ais_trace_entry *e);
	void *ctx;
};

/* What an evaluation needs: the profile, the claim date, the day the
 * program's validity begins (AIS_DATE_MIN when it is open), the list
 * entry bound to `item` (NULL outside a per-entry term), a trace or
 * NULL, and the id of the program being evaluated, whose prior awards
 * awarded() reads (NULL: it finds none).  No aggregate counts an entry
 * dated after as_of or before valid_from (ais_entry_dated). */
struct ais_eval {
	const struct ais_obj *root;
	ais_date as_of;
	ais_date valid_from;
	const struct ais_value *item;
	const struct ais_trace *trace;
	const char *program;
	/* the last prior award awarded() found for a contract, dated on or
	 * before the claim date or, when none is, after it; reset for each
	 * entry of an aggregate (NULL: none) */
	const struct ais_value *awarded;
	char errmsg[160];	/* set when evaluation fails */
};

/*
 * Compiles src[0..len) against the profile contract root.  item is the schema field whose entries `item`
 * stands for (a LIST or ENUMLIST field of the profile), or NULL where no
 * `item` exists.  want is the type the caller needs, or -1 for any.
 * Everything is allocated in a; the result lives as long as a.  On error
 * returns NULL, stores the byte offset of the fault within src in *erroff
 * and a message (no place, no trailing full stop) in errmsg.
 */
struct ais_expr *ais_expr_compile(struct ais_arena *a,
	const struct ais_schema *root, const char *src, size_t len,
	const struct ais_field *item, int want, size_t *erroff, char *errmsg,
	size_t errlen);

/* The static type of e, and its source text. */
enum ais_etype ais_expr_type(const struct ais_expr *e);
const char *ais_expr_text(const struct ais_expr *e);

/* 1 when e is a literal (a number, string, date or truth value). */
int ais_expr_is_const(const struct ais_expr *e);

/* When e is nothing but a path to a list field, that field; else NULL. */
const struct ais_field *ais_expr_list_field(const struct ais_expr *e);

/*
 * Evaluates e.  Returns 0 with *out set (AIS_V_NULL when a field it needs
 * is not given), or -1 with ev->errmsg set when a number overflows.
 */
int ais_expr_eval(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_value *out);

/*
 * Whether list entry `entry` counts by its date: 0 when it has none (its
 * schema's dated_by fields are absent, or it is not an object) or its
 * date lies from ev->valid_from to ev->as_of; 1 when it is dated after
 * the claim date, -1 before the program's validity.  Unless r is NULL,
 * *r is set to the field that dates it and its date when it has one.
 * The engine asks the same of a per-entry award's entries.
 */
int ais_entry_dated(const struct ais_eval *ev, const struct ais_value *entry,
	struct ais_read *r);

/*
 * Fills out[0..max) with the fields e reads and their values, each field
 * once, in order of appearance, not looking inside aggregates (their
 * entries are traced instead) but for the list they read; item_only
 * keeps only the fields of the list entry bound to `item`.  Returns how
 * many were filled.
 */
size_t ais_expr_reads(const struct ais_expr *e, struct ais_eval *ev,
	int item_only, struct ais_read *out, size_t max);

/*
 * Fills out[0..max) with the comparisons of e (==, !=, <, <=, >, >=, in,
 * not in), outside aggregates, in order of appearance, evaluated on ev.
 * Returns how many were filled.
 */
size_t ais_expr_comparisons(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_cmp *out, size_t max);

/*
 * Appends to b the values e reads, as "kind = \"enterprise\", startup =
 * true" (the English narration of ais_expr_reads).  Adds nothing when e
 * reads no field.
 */
void ais_expr_describe(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_buf *b);

/* Appends reads[0..n) as ais_expr_describe writes them. */
void ais_reads_format(const struct ais_read *reads, size_t n,
	struct ais_buf *b);

/* Appends a value as a reason shows it: 4000000, "inference", true,
 * 2025-01-01, "not given" for null, "3 entries" for a list. */
void ais_value_format(const struct ais_value *v, struct ais_buf *b);

/* The label of a list entry in reasons: its "id" when it has one, else
 * its JSON path; for a string entry, the string. */
void ais_item_label(const struct ais_value *item, struct ais_buf *b);

#endif
