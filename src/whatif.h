/*
 * whatif.h: "what if" (--set PATH=VALUE) and the session that evaluates a
 * profile both as it is and as changed (docs/what-if.md).
 *
 * A change is made to the profile's JSON text, not to a parsed tree: the
 * bytes of the value at PATH are replaced by VALUE's (or "key": VALUE is
 * inserted), so that every other number keeps its exact text and the
 * changed text is read by ais_profile_read with the same checks and the
 * same messages as any profile.  Nothing here touches cJSON.
 */
#ifndef AIS_WHATIF_H
#define AIS_WHATIF_H

#include <stddef.h>

#include "engine.h"
#include "profile.h"
#include "rules.h"
#include "util.h"

/* One --set: its path and its value as JSON text (VALUE itself when it is
 * one JSON value, else VALUE as a JSON string), both NUL-terminated, in
 * memory the set owns. */
struct ais_set {
	char *path;
	size_t path_len;
	char *value;
	size_t value_len;
};

/*
 * Parses "PATH=VALUE" into *s (owned: ais_set_release).  PATH is keys
 * (letters, digits, '_') joined by '.', each optionally followed by
 * indices "[N]".  0, or -1 with err filled (AIS_EUSAGE) for an argument
 * without '=' or a path that is not one.
 */
int ais_set_parse(const char *arg, struct ais_set *s, struct ais_error *err);
void ais_set_release(struct ais_set *s);

/* 1 when s[0..n) is exactly one JSON value, white space around it
 * allowed; else 0. */
int ais_json_is_value(const char *s, size_t n);

/*
 * Where path[0..plen) is in the JSON text json[0..len): 1 with the
 * value's bytes json[*off..*off + *vlen), 0 when the text has no value
 * there (or is not JSON: the reader will say so).
 */
int ais_json_find(const char *json, size_t len, const char *path,
	size_t plen, size_t *off, size_t *vlen);

/*
 * Appends to out json[0..len) with the value at path replaced by
 * val[0..vlen) (JSON text), or, when the last keys are absent, with
 * "key": val inserted in the innermost object there is (nested objects
 * made for the keys between).  0; or -1 with err filled (AIS_EPROFILE,
 * err->path the JSON path reached) when the path goes through a value
 * that is not an object (for a key) or not a list (for an index), or an
 * index is beyond its list.  A text that is not JSON is appended as it
 * is, with 0: reading it gives the syntax error.
 */
int ais_json_splice(const char *json, size_t len, const char *path,
	size_t plen, const char *val, size_t vlen, struct ais_buf *out,
	struct ais_error *err);

/* Appends s[0..n), one JSON value, without the white space outside its
 * strings. */
void ais_json_minify(const char *s, size_t n, struct ais_buf *out);

/*
 * A what-if session (struct ais_whatif, opaque in aisubsidy.h): the sets
 * asked for, whether to find what would qualify, and, for the last
 * profile evaluated, the result of the unchanged profile and the "from"
 * of each set, which the writer reads (ais_output_opts.what_if).
 */
struct ais_whatif {
	struct ais_set *sets;		/* on the heap */
	size_t nsets;
	int qualify;			/* fill to_qualify */
	enum ais_lang lang;		/* of its says lines */
	/* the last profile: */
	int has_before;			/* before holds its unchanged result */
	struct ais_profile before_p;
	struct ais_result before;
	struct ais_buf from;		/* each set's "from", JSON, minified */
	size_t *from_off, *from_len;	/* nsets each; len 0: not given */
	struct ais_buf text[2];		/* the changed text */
	struct ais_qualifier *q;	/* or NULL */
};

#endif
