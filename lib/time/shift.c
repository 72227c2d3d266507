/*
 * shift.c - shift changes, for the hand-over.
 */
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "shift.h"

#define DAYS 5			/* the boundaries of two days either side */

/* The shift changes of the days around t, ascending; returns how many. */
static int
boundaries(const struct policy *p, time_t t, time_t *out, int max)
{
	static const int midnight = 0;
	const int *shifts = p->nshifts ? p->shifts : &midnight;
	int nshifts = p->nshifts ? p->nshifts : 1, n = 0, d, i;
	long today = time_day(t);
	struct tm tm;
	int y, m, dd;

	for (d = -2; d <= 2; d++) {
		day_civil(today + d, &y, &m, &dd);
		for (i = 0; i < nshifts && n < max; i++) {
			memset(&tm, 0, sizeof(tm));
			tm.tm_year = y - 1900;
			tm.tm_mon = m - 1;
			tm.tm_mday = dd;
			tm.tm_hour = shifts[i] / 60;
			tm.tm_min = shifts[i] % 60;
			tm.tm_isdst = -1;
			out[n++] = mktime(&tm);
		}
	}
	return n;
}

void
shift_window(const struct policy *p, time_t now, time_t *start, time_t *end,
	     time_t *next_end)
{
	time_t b[DAYS * 48], then = now - 3600;
	int n = boundaries(p, then, b, DAYS * 48), i;

	for (i = 0; i + 1 < n && b[i + 1] <= then; i++)
		;
	*start = b[i];
	*end = b[i + 1 < n ? i + 1 : i];
	*next_end = b[i + 2 < n ? i + 2 : n - 1];
}

time_t
shift_next(const struct policy *p, time_t t)
{
	time_t b[DAYS * 48];
	int n = boundaries(p, t, b, DAYS * 48), i;

	for (i = 0; i < n && b[i] <= t; i++)
		;
	return i < n ? b[i] : t + 86400;
}
