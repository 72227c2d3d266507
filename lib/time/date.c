/*
 * date.c - civil dates as day numbers: 1970-01-01 is day 0.
 */
#include <string.h>

#include "date.h"

/*
 * Days since 1970-01-01 of a proleptic Gregorian date, counted in eras of
 * 400 years (146097 days) from 0000-03-01 so that leap days fall last.
 */
long
day_number(int y, int m, int d)
{
	long yy = (long)y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;			/* [0, 399] */
	long mp = (m + 9) % 12;				/* March is 0 */
	long doy = (153 * mp + 2) / 5 + d - 1;		/* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The civil date of a day number: the inverse of day_number(). */
void
day_civil(long n, int *y, int *m, int *d)
{
	long z = n + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;			/* [0, 146096] */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Reads exactly `n` digits at s as a number; -1 when one is not a digit. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/* Days in month m of year y. */
static int
month_days(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return mdays[m - 1];
}

/* Parses a strict "YYYY-MM-DD" that names a real date; returns 0 or -1. */
int
date_parse(const char *s, long *day)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return -1;
	*day = day_number(y, m, d);
	return 0;
}
