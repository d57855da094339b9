/*
 * aisubsidy.h: the public face of libaisubsidy.
 *
 * Load a rule set (ais_rules_load_dir or ais_rules_load_builtin), read a
 * profile (ais_profile_parse), evaluate it (ais_calc) and write the result
 * (ais_result_write).  Ownership: every function that builds something
 * returns it owned by the caller, to be released by the matching
 * ais_X_free, which accepts NULL; const pointers are borrowed.  On failure
 * a function returns NULL or -1 and fills the struct ais_error it was
 * given.  Memory that runs out is such a failure, status AIS_ENOMEM: the
 * library never aborts or exits (docs/library.md, "Memory").
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

struct ais_rules;
struct ais_profile;
struct ais_result;

#endif
