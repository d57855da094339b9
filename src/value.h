/*
 * value.h: values of a loaded profile and of evaluated expressions.
 *
 * A profile object is an array of values, one per field of its schema, in
 * schema order, so that an expression reaches a field by index with no
 * lookup by name.  An absent field is AIS_V_NULL, except where the schema
 * gives a default (booleans, enums with a default) or the field is a list
 * (an absent list is an empty list).  Strings point into memory owned by
 * the profile; nothing here is freed on its own.
 */
#ifndef AIS_VALUE_H
#define AIS_VALUE_H

#include <stddef.h>

#include "date.h"
#include "decimal.h"
#include "schema.h"

enum ais_vtype {
	AIS_V_NULL,
	AIS_V_BOOL,
	AIS_V_NUM,
	AIS_V_STR,
	AIS_V_DATE,
	AIS_V_LIST,
	AIS_V_OBJ
};

struct ais_obj;
struct ais_list;

struct ais_value {
	enum ais_vtype t;
	union {
		int b;
		struct ais_dec n;
		struct {
			const char *p;
			size_t len;
		} s;
		ais_date d;
		const struct ais_list *list;
		const struct ais_obj *obj;
	} u;
};

struct ais_obj {
	const struct ais_schema *schema;
	struct ais_value *v;	/* schema->n values */
	const char *path;	/* its JSON path: "$", "$.compute_purchases[1]" */
};

/* A list: items of AIS_V_OBJ (LIST fields) or AIS_V_STR (ENUMLIST). */
struct ais_list {
	size_t n;
	struct ais_value *items;
};

#endif
