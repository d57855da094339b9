/*
 * schema.h: the profile contract, as the rule set declares it.
 *
 * The contract is data of the rule set (rules/profile.yaml, and the
 * `profile:` declarations of any rule file), read by the rule loader into
 * these structures in the rule set's arena.  The profile reader validates
 * input against it, and the rule loader checks that every field an
 * expression names exists and has the type the expression uses.  Once
 * loaded it is read-only.
 */
#ifndef AIS_SCHEMA_H
#define AIS_SCHEMA_H

#include <stddef.h>

enum ais_ftype {
	AIS_F_STRING,	/* any string */
	AIS_F_DATE,	/* "YYYY-MM-DD" */
	AIS_F_BOOL,
	AIS_F_ENUM,	/* one string of enums */
	AIS_F_AMOUNT,	/* yuan: a JSON number >= 0, at most 2 decimals */
	AIS_F_RATIO,	/* a JSON number 0..1 */
	AIS_F_INT,	/* a JSON integer in min..max */
	AIS_F_OBJECT,	/* an object of sub */
	AIS_F_LIST,	/* an array of objects of sub */
	AIS_F_ENUMLIST	/* an array of strings of enums */
};

struct ais_schema;

struct ais_field {
	const char *name;
	enum ais_ftype type;
	const char *const *enums;	/* ENUM, ENUMLIST: NULL-terminated */
	const struct ais_schema *sub;	/* OBJECT, LIST */
	int required;			/* an error when absent */
	int default_bool;		/* BOOL: value when absent, -1: none
					 * (absent stays unknown) */
	const char *default_enum;	/* ENUM: value when absent, or NULL */
	long min, max;			/* INT: the range allowed */
	const char *desc_zh, *desc_en;	/* what it means */
	int at_least, at_most;		/* index of a sibling field this
					 * one may not be below / above, or
					 * -1 (DATE and AMOUNT fields) */
	int not_after_claim;		/* DATE: a warning when after as_of */
	int names_program;		/* STRING: a warning unless it names
					 * a program of the rule set */
	const char *file;		/* where it was first declared */
	int line, column;
};

struct ais_schema {
	const char *name;		/* "profile", "compute_purchases[]" */
	const struct ais_field *fields;
	size_t n;
	const char *const *names;	/* the field names, NULL-terminated */
	/* A list entry's date: the first of these DATE fields it gives
	 * (compute_purchases: signed_on, else date).  An entry dated after
	 * the claim date or before the program's validity is not counted
	 * (docs/rules.md, "Dated entries"); one with none is. */
	const int *dated_by;
	size_t ndated_by;
	/* what the reader need look at beyond types, known when the contract
	 * loads so that a profile without such fields pays nothing: a field
	 * bounded by a sibling or naming a program (checks), a date that may
	 * not be after the claim here or in an object below (claim_dated) */
	int checks;
	int claim_dated;
};

/*
 * The most fields one object of the contract may have (the reader keeps a
 * 64-bit mask of the fields seen), and the most kinds of applicant (a
 * program keeps the kinds that may apply as bits of an unsigned int).
 */
#define AIS_SCHEMA_MAX_FIELDS 64
#define AIS_SCHEMA_MAX_KINDS 32

/*
 * The indices of the fields the engine itself reads on every profile: the
 * loader puts them first, in this order, whatever the order of their
 * declarations, and refuses a contract without them (or with other types:
 * id, name, city and province strings, as_of a date, kind a required
 * enum).  Every list-entry schema has a string "id" first, declared or not.
 */
enum ais_root_field {
	AIS_P_ID, AIS_P_NAME, AIS_P_AS_OF, AIS_P_KIND, AIS_P_CITY,
	AIS_P_PROVINCE, AIS_P_NCORE
};
#define AIS_ENTRY_ID 0

/* The names of the types as a contract writes them ("amount", ...), in
 * the order of enum ais_ftype, NULL-terminated. */
extern const char *const ais_ftype_names[];

/* The index of the field called name[0..len) in s, or -1. */
int ais_schema_find(const struct ais_schema *s, const char *name, size_t len);

/* The index of enum value v[0..len) in enums, or -1. */
int ais_enum_find(const char *const *enums, const char *v, size_t len);

#endif
