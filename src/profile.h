/*
 * profile.h: reading an applicant profile (shared/spec/profile.md).
 *
 * The reader parses JSON itself, with no JSON library, and sets no state
 * outside the struct ais_profile it reads into.  Numbers are never read
 * through a double: the reader keeps each number's text and turns it into
 * an exact decimal, so "0.1" is 1/10 and 4000000.07 yuan is 400000007 fen.
 */
#ifndef AIS_PROFILE_H
#define AIS_PROFILE_H

#include <stddef.h>

#include "aisubsidy.h"
#include "util.h"
#include "value.h"

struct ais_profile {
	struct ais_arena arena;	/* everything below lives here */
	struct ais_obj root;	/* schema: the contract of the rules read
				 * against, NULL until a read succeeds */
	const char *id;		/* "id", or NULL */
	const char *name;	/* "name", or NULL */
	int has_as_of;		/* "as_of" was given */
	ais_date as_of;
	/* "$.compute_purchase: unknown field; ...": the array on the heap,
	 * kept between reads, the strings in arena */
	AIS_VEC(char *) warnings;

	/* Private to profile.c, kept between reads so memory stays flat. */
	struct ais_buf path;		/* the JSON path being read */
	struct ais_buf rejected_id;	/* "id" of a rejected profile */
};

/* Makes p empty; ais_profile_read may then be called any number of times. */
void ais_profile_init(struct ais_profile *p);

/*
 * Reads one profile from json[0..len) (UTF-8, no NUL needed) into p,
 * against the profile contract of rules (which must outlive what is read),
 * dropping what p held before but keeping its memory for reuse.  Returns
 * 0, or -1 with err filled: status AIS_EPROFILE, err->path the JSON path
 * ("$" for a syntax error, whose message gives line and column within
 * json), err->msg what was expected and what was found.  A rejected
 * profile that is valid JSON with a string "id" keeps that in p->id
 * (valid until the next read); otherwise p->id is NULL.
 */
int ais_profile_read(struct ais_profile *p, const struct ais_rules *rules,
	const char *json, size_t len, struct ais_error *err);

/* Frees what p holds; p may be read into again after ais_profile_init. */
void ais_profile_release(struct ais_profile *p);

#endif
