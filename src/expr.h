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
 * A trace collects, while an expression is evaluated for the full result,
 * which entries of a list an aggregate counted and which it did not, and
 * why.  line() receives one finished sentence at a time.
 */
struct ais_trace {
	void (*line)(void *ctx, const char *s, size_t len);
	void *ctx;
};

/* What an evaluation needs: the profile, the claim date, the list entry
 * bound to `item` (NULL outside a per-entry term) and a trace or NULL. */
struct ais_eval {
	const struct ais_obj *root;
	ais_date as_of;
	const struct ais_value *item;
	const struct ais_trace *trace;
	char errmsg[160];	/* set when evaluation fails */
};

/*
 * Compiles src[0..len).  item is the schema field whose entries `item`
 * stands for (a LIST or ENUMLIST field of the profile), or NULL where no
 * `item` exists.  want is the type the caller needs, or -1 for any.
 * Everything is allocated in a; the result lives as long as a.  On error
 * returns NULL, stores the byte offset of the fault within src in *erroff
 * and a message (no place, no trailing full stop) in errmsg.
 */
struct ais_expr *ais_expr_compile(struct ais_arena *a, const char *src,
	size_t len, const struct ais_field *item, int want, size_t *erroff,
	char *errmsg, size_t errlen);

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
 * Appends to b the values e reads, as "kind = \"enterprise\", startup =
 * true", each field once, in order of appearance, not looking inside
 * aggregates (their entries are traced instead).  Adds nothing when e reads
 * no field.
 */
void ais_expr_describe(const struct ais_expr *e, struct ais_eval *ev,
	struct ais_buf *b);

/* Appends a value as a reason shows it: 4000000, "inference", true,
 * 2025-01-01, "not given" for null, "3 entries" for a list. */
void ais_value_format(const struct ais_value *v, struct ais_buf *b);

/* The label of a list entry in reasons: its "id" when it has one, else
 * its JSON path; for a string entry, the string. */
void ais_item_label(const struct ais_value *item, struct ais_buf *b);

#endif
