/*
 * error.c: filling and printing the one error struct of the library.
 */
#include "aisubsidy.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/*
 * Cuts a string that snprintf truncated back to its last whole UTF-8
 * character, so that a cut message never ends in half a character.
 */
static void
error_trim_utf8(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char c;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return;
	c = (unsigned char)s[i - 1];
	if (c < 0x80)
		return;
	if ((c & 0xe0) == 0xc0)
		need = 2;
	else if ((c & 0xf0) == 0xe0)
		need = 3;
	else if ((c & 0xf8) == 0xf0)
		need = 4;
	else
		need = 1;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

/*
 * Sets every field of e: the status, the file (NULL for none, cut to
 * fit), the 1-based line and column (0 when unknown), an empty path and
 * the message formatted from fmt, cut to fit.
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
		error_trim_utf8(e->file);
	e->path[0] = '\0';
	va_start(ap, fmt);
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		e->msg[0] = '\0';
	else if (n >= (int)sizeof e->msg)
		error_trim_utf8(e->msg);
}

/*
 * Writes e into buf of size n with as much place as is known:
 * "FILE:LINE:COLUMN: MSG", "FILE:LINE: MSG", "FILE: PATH: MSG",
 * "PATH: MSG", "FILE: MSG" or just "MSG".  Cut to fit, NUL-terminated
 * when n > 0.
 */
void
ais_error_format(const struct ais_error *e, char *buf, size_t n)
{
	int has_file = e->file[0] != '\0';
	int has_path = e->path[0] != '\0';

	if (n == 0)
		return;
	if (has_file && e->line > 0 && e->column > 0)
		snprintf(buf, n, "%s:%d:%d: %s", e->file, e->line, e->column,
		    e->msg);
	else if (has_file && e->line > 0)
		snprintf(buf, n, "%s:%d: %s", e->file, e->line, e->msg);
	else if (has_file && has_path)
		snprintf(buf, n, "%s: %s: %s", e->file, e->path, e->msg);
	else if (has_path)
		snprintf(buf, n, "%s: %s", e->path, e->msg);
	else if (has_file)
		snprintf(buf, n, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, n, "%s", e->msg);
}
