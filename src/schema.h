/*
 * schema.h: the profile contract as data (shared/spec/profile.md).
 *
 * The profile reader validates input against it, and the rule loader
 * checks that every field an expression names exists and has the type the
 * expression uses.  Neither owns it: it is constant data.
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
	int default_bool;		/* BOOL: value when absent */
	const char *default_enum;	/* ENUM: value when absent, or NULL */
	long min, max;			/* INT: the range allowed */
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
};

/*
 * The indices of the profile's own fields in ais_profile_schema, for the
 * code that needs a field by name on every profile (test_schema checks that
 * they agree with the schema).  Every list-entry schema has "id" first.
 */
enum ais_root_field {
	AIS_P_ID, AIS_P_NAME, AIS_P_AS_OF, AIS_P_KIND, AIS_P_CITY,
	AIS_P_PROVINCE
};
#define AIS_ENTRY_ID 0

/* The profile object (root of shared/spec/profile.md). */
extern const struct ais_schema ais_profile_schema;

/* The index of the field called name[0..len) in s, or -1. */
int ais_schema_find(const struct ais_schema *s, const char *name, size_t len);

/* The index of enum value v[0..len) in enums, or -1. */
int ais_enum_find(const char *const *enums, const char *v, size_t len);

#endif
