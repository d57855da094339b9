/*
 * error.c: filling and printing the one error struct of the library.
 */
#include "aisubsidy.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/*
 * Marks s, a string of size n that snprintf cut, as cut: it ends in
 * "..." after its last whole UTF-8 character, so that a cut text never
 * ends in half a character and is never taken for the whole.
 */
static void
error_cut(char *s, size_t n)
{
	size_t i;

	if (n < 4) {
		if (n > 0)
			s[0] = '\0';
		return;
	}
	i = n - 4;	/* room for "..." and the NUL */
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	memcpy(s + i, "...", 4);
}

/*
 * Sets every field of e: the status, the file (NULL for none), the
 * 1-based line and column (0 when unknown), an empty path and the
 * message formatted from fmt.  What does not fit is cut with "...".
 */
void
ais_error_set(struct ais_error *e, int status, const char *file,
	int line, int column, const char *fmt, ...)
{
	va_list ap;
	int n;

	e->status = status;
	e->line = line;
	e->column = column;
	n = snprintf(e->file, sizeof e->file, "%s", file ? file : "");
	if (n >= (int)sizeof e->file)
		error_cut(e->file, sizeof e->file);
	e->path[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		e->msg[0] = '\0';
	else if (n >= (int)sizeof e->msg)
		error_cut(e->msg, sizeof e->msg);
}

/* Sets the JSON path of e to path[0..len), cut with "..." to fit. */
void
ais_error_set_path(struct ais_error *e, const char *path, size_t len)
{
	if (len < sizeof e->path) {
		memcpy(e->path, path, len);
		e->path[len] = '\0';
		return;
	}
	memcpy(e->path, path, sizeof e->path - 1);
	e->path[sizeof e->path - 1] = '\0';
	error_cut(e->path, sizeof e->path);
}

/*
 * Writes e into buf of size n with as much place as is known:
 * "FILE:LINE:COLUMN: MSG", "FILE:LINE: MSG", "FILE: PATH: MSG",
 * "PATH: MSG", "FILE: MSG" or just "MSG".  NUL-terminated when n > 0;
 * cut with "..." when it does not fit (AIS_ERROR_TEXT_MAX bytes always
 * suffice).
 */
void
ais_error_print(FILE *f, const char *where, const struct ais_error *e)
{
	char buf[AIS_ERROR_TEXT_MAX];

	if (f == NULL)
		return;
	ais_error_format(e, buf, sizeof buf);
	if (where && !e->file[0])
		fprintf(f, "aisubsidy: %s: %s\n", where, buf);
	else
		fprintf(f, "aisubsidy: %s\n", buf);
}

void
ais_error_format(const struct ais_error *e, char *buf, size_t n)
{
	int has_file = e->file[0] != '\0';
	int has_path = e->path[0] != '\0';
	int k;

	if (n == 0)
		return;
	if (has_file && e->line > 0 && e->column > 0)
		k = snprintf(buf, n, "%s:%d:%d: %s", e->file, e->line,
		    e->column, e->msg);
	else if (has_file && e->line > 0)
		k = snprintf(buf, n, "%s:%d: %s", e->file, e->line, e->msg);
	else if (has_file && has_path)
		k = snprintf(buf, n, "%s: %s: %s", e->file, e->path, e->msg);
	else if (has_path)
		k = snprintf(buf, n, "%s: %s", e->path, e->msg);
	else if (has_file)
		k = snprintf(buf, n, "%s: %s", e->file, e->msg);
	else
		k = snprintf(buf, n, "%s", e->msg);
	if (k < 0)
		buf[0] = '\0';
	else if ((size_t)k >= n)
		error_cut(buf, n);
}
