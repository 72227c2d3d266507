/*
 * shift.c - shift changes, for the hand-over.
 */
#include "localtime.h"
#include "shift.h"

#define DAYS 5			/* the boundaries of two days either side */

/*
 * The shift changes of the days around t, ascending; returns how many.
 * A change at a wall time the clock skips or repeats is placed by
 * local_time_to_t()'s rule, as the calendar's working hours are.
 */
static int
boundaries(const struct policy *p, time_t t, time_t *out, int max)
{
	static const int midnight = 0;
	const int *shifts = p->nshifts ? p->shifts : &midnight;
	int nshifts = p->nshifts ? p->nshifts : 1, n = 0, d, i;
	long today = time_day(t);

	for (d = -2; d <= 2; d++)
		for (i = 0; i < nshifts && n < max; i++)
			out[n++] = local_time_to_t(today + d, shifts[i] * 60L);
	return n;
}

/* The shift running an hour before `now`, and the end of the next. */
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

/* The first shift change after t (a day on, if none is near). */
time_t
shift_next(const struct policy *p, time_t t)
{
	time_t b[DAYS * 48];
	int n = boundaries(p, t, b, DAYS * 48), i;

	for (i = 0; i < n && b[i] <= t; i++)
		;
	return i < n ? b[i] : t + 86400;
}
