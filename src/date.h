/*
 * date.h: calendar dates as day numbers.
 *
 * A date is the number of days since 1970-01-01 (proleptic Gregorian).
 * Only the form YYYY-MM-DD is read or written, years 1000..9999.
 */
#ifndef AIS_DATE_H
#define AIS_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "aisubsidy.h"

/* No date: smaller and greater than every real date ("open" ends). */
#define AIS_DATE_MIN INT32_MIN
#define AIS_DATE_MAX INT32_MAX

/*
 * Parses exactly YYYY-MM-DD from s[0..len), refusing impossible dates
 * (2025-02-29, 2025-13-01) and any other length.  0 on success, -1 if not.
 */
int ais_date_parse(const char *s, size_t len, ais_date *out);

/* The day number of a valid year, month (1-12), day. */
ais_date ais_date_from_ymd(int y, int m, int d);

/* Splits a day number into year, month and day. */
void ais_date_to_ymd(ais_date d, int *y, int *m, int *dd);

/* Writes YYYY-MM-DD and a NUL into buf (11 bytes). */
void ais_date_format(ais_date d, char buf[11]);

/*
 * Whole months from `from` to `to`: a month is complete when `to` reaches
 * the same day of the month as `from`, or the last day of a month that has
 * no such day (2024-01-31 to 2024-02-29 is one month).  Negative when `to`
 * is before `from` (the same rule run backwards, so months(a, b) ==
 * -months(b, a) is not promised; callers compare with 0 first).
 */
int ais_date_months_between(ais_date from, ais_date to);

/*
 * The day n calendar months after d (before it when n < 0), on the same
 * day of the month or, when that month is shorter, on its last day:
 * 2024-01-31 + 1 month is 2024-02-29, 2023-01-31 + 1 is 2023-02-28,
 * 2024-02-29 + 12 is 2025-02-28.  It agrees with
 * ais_date_months_between: months(d, add_months(d, k)) is k for k >= 0.
 * 0 with *out set, or -1 when |n| is above AIS_DATE_MAX_MONTHS or the
 * day is beyond what a day number holds (some five million years).
 */
int ais_date_add_months(ais_date d, int64_t n, ais_date *out);

#define AIS_DATE_MAX_MONTHS 60000000	/* five million years */

/* Today's date in UTC, from the system clock. */
ais_date ais_date_today(void);

#endif
