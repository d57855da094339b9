/*
 * date.c: calendar dates as days since 1970-01-01 in the proleptic
 * Gregorian calendar, after Howard Hinnant's days_from_civil and
 * civil_from_days.  The arithmetic is done in int64_t so that the open
 * ends AIS_DATE_MIN and AIS_DATE_MAX can be split without overflow.
 */
#include "date.h"

#include <time.h>

/* 1 when y is a leap year of the Gregorian calendar. */
static int
date_is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The number of days in month m (1-12) of year y. */
static int
date_days_in_month(int64_t y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && date_is_leap(y))
		return 29;
	return days[m - 1];
}

/* Splits day number z into year, month and day, for any int32 z. */
static void
date_civil(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* The day number of year y, month m (1-12) and day d, for any year. */
static int64_t
date_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The day number of year y, month m (1-12) and day d of a valid date. */
ais_date
ais_date_from_ymd(int y, int m, int d)
{
	return (ais_date)date_days(y, m, d);
}

/*
 * Splits d into year, month and day.  The year of the open ends lies far
 * outside int; it is clamped to the range of int.
 */
void
ais_date_to_ymd(ais_date d, int *y, int *m, int *dd)
{
	int64_t yy;

	date_civil(d, &yy, m, dd);
	if (yy > 2147483647)
		yy = 2147483647;
	if (yy < -2147483647 - 1)
		yy = -2147483647 - 1;
	*y = (int)yy;
}

/* Reads the two or four digits at s[0..n) into *v: 0, or -1 if not digits. */
static int
date_digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/*
 * Parses exactly YYYY-MM-DD (ten characters, years 1000..9999) from
 * s[0..len), refusing dates that do not exist.  0 with *out set, or -1.
 */
int
ais_date_parse(const char *s, size_t len, ais_date *out)
{
	int y, m, d;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (date_digits(s, 4, &y) < 0 || date_digits(s + 5, 2, &m) < 0 ||
	    date_digits(s + 8, 2, &d) < 0)
		return -1;
	if (y < 1000 || m < 1 || m > 12 || d < 1 ||
	    d > date_days_in_month(y, m))
		return -1;
	*out = ais_date_from_ymd(y, m, d);
	return 0;
}

/*
 * Writes d as YYYY-MM-DD and a NUL into buf.  Only years 0..9999 have
 * that form, so a day outside them (such as an open end) is written as
 * the nearest one, 0000-01-01 or 9999-12-31.
 */
void
ais_date_format(ais_date d, char buf[11])
{
	int64_t y;
	int m, dd, i;

	date_civil(d, &y, &m, &dd);
	if (y < 0) {
		y = 0;
		m = 1;
		dd = 1;
	} else if (y > 9999) {
		y = 9999;
		m = 12;
		dd = 31;
	}
	for (i = 3; i >= 0; i--) {
		buf[i] = (char)('0' + y % 10);
		y /= 10;
	}
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + dd / 10);
	buf[9] = (char)('0' + dd % 10);
	buf[10] = '\0';
}

/*
 * Whole months from `from` to `to`.  Going forward, the k-th month is
 * complete on the same day of the month k months on, or on the last day
 * of that month when it is shorter.  Going backward the same rule runs
 * from `from` towards the past and the count is negative.
 */
int
ais_date_months_between(ais_date from, ais_date to)
{
	int64_t fy, ty, months;
	int fm, fd, tm, td, last;

	date_civil(from, &fy, &fm, &fd);
	date_civil(to, &ty, &tm, &td);
	last = date_days_in_month(ty, tm);
	if (to >= from) {
		months = (ty - fy) * 12 + (tm - fm);
		if (td < fd && td != last)
			months--;
		return (int)months;
	}
	months = (fy - ty) * 12 + (fm - tm);
	/* The anniversary in to's month is fd, or its last day if shorter. */
	if (td > (fd < last ? fd : last))
		months--;
	return (int)-months;
}

/*
 * The day n calendar months from d: the month moves by n (the year with
 * it) and the day stays, or becomes the month's last day when the month
 * is shorter.  Each result is computed from d itself, so adding 1 month
 * twice may differ from adding 2 (2024-01-31, 2024-02-29, 2024-03-29
 * against 2024-03-31).  The bound on n keeps every step in int64_t; the
 * result must be a day number that is neither open end.
 */
int
ais_date_add_months(ais_date d, int64_t n, ais_date *out)
{
	int64_t y, months, days;
	int m, dd, last;

	if (n > AIS_DATE_MAX_MONTHS || n < -AIS_DATE_MAX_MONTHS)
		return -1;
	date_civil(d, &y, &m, &dd);
	months = y * 12 + (m - 1) + n;
	y = months >= 0 ? months / 12 : -((-months + 11) / 12);
	m = (int)(months - y * 12) + 1;
	last = date_days_in_month(y, m);
	days = date_days(y, m, dd < last ? dd : last);
	if (days <= AIS_DATE_MIN || days >= AIS_DATE_MAX)
		return -1;
	*out = (ais_date)days;
	return 0;
}

/* Today's date in UTC from the system clock. */
ais_date
ais_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (gmtime_r(&now, &tm) == NULL)
		return 0;
	return ais_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
