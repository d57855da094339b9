/*
 * schema.c: looking things up in a profile contract.  The contract itself
 * is data (rules/profile.yaml), read by the rule loader (rules.c).  Each
 * schema's names array repeats its field names in the same order, for
 * "did you mean".
 */
#include "schema.h"

#include <string.h>

const char *const ais_ftype_names[] = {
	"string", "date", "bool", "enum", "amount", "ratio", "int", "object",
	"list", "enum_list", NULL
};

/*
 * 1 when the NUL-terminated s is exactly v[0..len).  The loop stops at the
 * first difference, which for most names is the first byte, and never
 * reads s past its NUL, even when v holds a NUL.
 */
static int
name_is(const char *s, const char *v, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != v[i] || s[i] == '\0')
			return 0;
	return s[len] == '\0';
}

/*
 * The index of the field called name[0..len) in s, or -1 when s has no
 * such field or s is NULL.  name need not be NUL-terminated.  A linear
 * scan: schemas have at most AIS_SCHEMA_MAX_FIELDS fields and most fail on the first byte.
 */
int
ais_schema_find(const struct ais_schema *s, const char *name, size_t len)
{
	size_t i;

	if (s == NULL || name == NULL)
		return -1;
	for (i = 0; i < s->n; i++)
		if (name_is(s->fields[i].name, name, len))
			return (int)i;
	return -1;
}

/*
 * The index of the value v[0..len) in the NULL-terminated enums, or -1
 * when it is not one of them or enums is NULL.
 */
int
ais_enum_find(const char *const *enums, const char *v, size_t len)
{
	size_t i;

	if (enums == NULL || v == NULL)
		return -1;
	for (i = 0; enums[i] != NULL; i++)
		if (name_is(enums[i], v, len))
			return (int)i;
	return -1;
}
