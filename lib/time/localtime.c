/*
 * localtime.c - the local wall clock and time_t, both ways.
 *
 * The wall clock of a moment is localtime_r()'s.  The way back searches
 * instead of asking mktime(), whose answer for a time in a gap or a
 * repeated hour is the C library's choice (glibc gives 03:30 for
 * Berlin's 02:30 on 2024-03-31, and picks the later 02:30 in Berlin's
 * repeated hour but the earlier 01:30 in New York's): the moment is
 * wall - offset for one of the offsets in force around it, and when no
 * offset fits, the wall time is in a gap, whose end is found by halving.
 */
#include <limits.h>
#include <stdlib.h>

#include "date.h"
#include "localtime.h"

#define DAY_SECS	86400L
#define NEAR		(2 * DAY_SECS)	/* offsets are sampled this far out */

/* The wall clock at t as seconds since 1970-01-01 00:00 local time. */
long long
local_wall(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return (long long)t;
	return (long long)day_number(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) * DAY_SECS + tm.tm_hour * 3600L + tm.tm_min * 60L +
	    tm.tm_sec;
}

/* The offset from UTC in force at t, in seconds east. */
static long
offset_at(time_t t)
{
	return (long)(local_wall(t) - (long long)t);
}

/*
 * The end of the gap that holds `want`: the first moment in (lo, hi]
 * whose wall clock reads `want` or later, into *t.  Returns -1 unless lo
 * reads earlier than `want` and hi reads `want` or later.
 */
static int
gap_end(long long want, time_t lo, time_t hi, time_t *t)
{
	time_t mid;

	if (lo >= hi || local_wall(lo) >= want || local_wall(hi) < want)
		return -1;
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (local_wall(mid) >= want)
			hi = mid;
		else
			lo = mid;
	}
	*t = hi;
	return 0;
}

/*
 * Tries wall - offset for the offsets in force two days before, at and
 * two days after the wall time; the earliest that reads back as the wall
 * time wins (a repeated hour has two).  None does only in a gap, which
 * lies between the smallest and the largest of the offsets.
 */
time_t
local_time_to_t(long day, long secs)
{
	long long want = (long long)day * DAY_SECS + secs;
	time_t guess = (time_t)want, t, best = 0;
	long off[3], lo = LONG_MAX, hi = LONG_MIN;
	int i, found = 0;

	guess -= offset_at(guess);
	off[0] = offset_at(guess - NEAR);
	off[1] = offset_at(guess);
	off[2] = offset_at(guess + NEAR);
	for (i = 0; i < 3; i++) {
		t = (time_t)(want - off[i]);
		if (local_wall(t) == want && (!found || t < best)) {
			best = t;
			found = 1;
		}
		lo = off[i] < lo ? off[i] : lo;
		hi = off[i] > hi ? off[i] : hi;
	}
	if (found)
		return best;
	if (gap_end(want, (time_t)(want - hi), (time_t)(want - lo), &t) == 0)
		return t;
	return (time_t)(want - off[1]);	/* only with odd zone data */
}

/* Local midnight at the start of day number `day`. */
time_t
day_start(long day)
{
	return local_time_to_t(day, 0);
}

/*
 * Local time of t.  Every zone's offset is a whole number of quarter
 * hours and changes only on a quarter hour, so the broken-down time of
 * the quarter hour that holds t, plus the seconds since, is t's: one
 * localtime_r() serves a whole list of times that are close together.
 */
void
time_tm(time_t t, struct tm *tm)
{
	static time_t base = -1;
	static struct tm base_tm;
	static const char *zone;
	const char *tz = getenv("TZ");
	time_t q = t - ((t % 900) + 900) % 900;
	long r = (long)(t - q);

	if (q != base || tz != zone) {
		localtime_r(&q, &base_tm);
		base = q;
		zone = tz;	/* TZ changes by setenv(): a new pointer */
	}
	*tm = base_tm;
	tm->tm_min += (int)(r / 60);
	tm->tm_sec += (int)(r % 60);
}

/* The day number of t's local calendar day. */
long
time_day(time_t t)
{
	struct tm tm;

	time_tm(t, &tm);
	return day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
