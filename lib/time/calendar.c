/*
 * calendar.c - durations, working time and deadlines.
 *
 * Pure arithmetic over time_t: no SQL, no I/O, no printing.  Local time is
 * the process's time zone; a local date and minute become a time_t through
 * local_time_to_t(), so a daylight saving change gives a working span its
 * real length.  A span edge inside a spring-forward gap is the moment the
 * gap ends; one inside a repeated hour is its first pass.
 *
 * Decisions:
 *  - A day that is both a holiday and an adjusted working day is a day off:
 *    holidays win.  (Policy validation may refuse the overlap outright.)
 *  - A duration of zero, a negative one, and one over ten years (counting
 *    a working day as a whole day) is not a duration.
 *  - A calendar with no working time for three years running has no
 *    deadline: the walk gives up and returns (time_t)-1, as it does past
 *    sixty years of counting.  Policy validation requires working time
 *    every week, so this is only a guard against looping for ever.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "localtime.h"

#define DAY_SECS	86400L
#define DUR_MAX		(10L * 366 * DAY_SECS)	/* ten years */
#define IDLE_DAYS_MAX	(3L * 366)	/* no working time this long: give up */
#define WALK_DAYS_MAX	(60L * 366)	/* and never walk further than this */

/* The units of a duration, in the order dur_spell writes them. */
enum { U_WD, U_BH, U_D, U_H, U_M, U_S, U_N };

static const struct unit {
	const char *name;
	long secs;		/* seconds in one; 0 for working days */
	int work;
} units[U_N] = {
	[U_WD] = { "wd", 0, 1 },
	[U_BH] = { "bh", 3600, 1 },
	[U_D] = { "d", DAY_SECS, 0 },
	[U_H] = { "h", 3600, 0 },
	[U_M] = { "m", 60, 0 },
	[U_S] = { "s", 1, 0 },
};

/*
 * Reads a unit name at *p, advancing past it.  Returns its index in
 * units[], or -1 when the letters there name no unit.
 */
static int
unit_read(const char **p)
{
	const char *q = *p;
	size_t n = 0;
	int u;

	while (q[n] >= 'a' && q[n] <= 'z')
		n++;
	for (u = 0; u < U_N; u++) {
		if (strlen(units[u].name) == n &&
		    strncmp(units[u].name, q, n) == 0) {
			*p = q + n;
			return u;
		}
	}
	return -1;
}

/*
 * Reads a decimal number at *p, advancing past it.  Returns -1 when there
 * is no digit or the number exceeds DUR_MAX.
 */
static long
num_read(const char **p)
{
	const char *q = *p;
	long n = 0;

	if (*q < '0' || *q > '9')
		return -1;
	for (; *q >= '0' && *q <= '9'; q++) {
		if (n > (DUR_MAX - (*q - '0')) / 10)
			return -1;
		n = n * 10 + (*q - '0');
	}
	*p = q;
	return n;
}

/*
 * Parses a duration: one or more NUMBER UNIT pairs, each unit at most once,
 * all wall-clock (s, m, h, d) or all working time (bh, wd).  The total must
 * be above zero and at most ten years.  Returns 0, or -1 leaving *d alone.
 */
int
dur_parse(const char *s, struct dur *d)
{
	struct dur r = { 0 };
	const char *p = s;
	unsigned seen = 0;
	long n;
	int u;

	if (s == NULL || *s == '\0')
		return -1;
	while (*p != '\0') {
		if ((n = num_read(&p)) < 0 || (u = unit_read(&p)) < 0)
			return -1;
		if (seen & (1u << u))
			return -1;
		if (seen != 0 && units[u].work != r.work)
			return -1;
		seen |= 1u << u;
		r.work = units[u].work;
		if (u == U_WD)
			r.wd = n;
		else if (n > DUR_MAX / units[u].secs)
			return -1;
		else
			r.secs += n * units[u].secs;
		if (r.secs > DUR_MAX || r.wd > DUR_MAX / DAY_SECS ||
		    r.secs + r.wd * DAY_SECS > DUR_MAX)
			return -1;
	}
	if (r.secs == 0 && r.wd == 0)
		return -1;
	r.set = 1;
	*d = r;
	return 0;
}

/*
 * The duration in seconds: wall seconds, or working seconds, a working day
 * being the calendar's wd_seconds (a whole day under `always`).
 */
long
dur_seconds(const struct calendar *cal, const struct dur *d)
{
	long wd;

	if (!d->set)
		return 0;
	if (!d->work)
		return d->secs;
	wd = cal->always ? DAY_SECS : cal->wd_seconds;
	return d->secs + d->wd * wd;
}

/*
 * Appends "<n><unit>" to buf at *len.  On truncation buf stays terminated
 * and *len is set to the end, so later appends write nothing.
 */
static void
put(char *buf, unsigned size, size_t *len, long n, const char *unit)
{
	int w;

	if (*len + 1 >= size)
		return;
	w = snprintf(buf + *len, size - *len, "%ld%s", n, unit);
	if (w < 0 || (size_t)w >= size - *len)
		*len = size - 1;
	else
		*len += (size_t)w;
}

/*
 * Formats seconds compactly, with at most the two largest units and
 * rounding down: "45s", "1m30s", "5m", "1h30m", "2d3h", "-5m".
 */
char *
dur_format(long secs, char *buf, unsigned size)
{
	unsigned long v;
	size_t len = 0;
	long a, b;
	const char *ua, *ub;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	v = secs < 0 ? (unsigned long)-(secs + 1) + 1 : (unsigned long)secs;
	if (secs < 0 && size > 1) {
		buf[len++] = '-';
		buf[len] = '\0';
	}
	if (v >= (unsigned long)DAY_SECS) {
		a = (long)(v / DAY_SECS), ua = "d";
		b = (long)(v % DAY_SECS / 3600), ub = "h";
	} else if (v >= 3600) {
		a = (long)(v / 3600), ua = "h";
		b = (long)(v % 3600 / 60), ub = "m";
	} else if (v >= 60) {
		a = (long)(v / 60), ua = "m";
		b = (long)(v % 60), ub = "s";
	} else {
		a = (long)v, ua = "s";
		b = 0, ub = "";
	}
	put(buf, size, &len, a, ua);
	if (b > 0)
		put(buf, size, &len, b, ub);
	return buf;
}

/*
 * Formats a duration as a policy writes it, every unit spelled out so that
 * dur_parse() reads it back the same: "4bh", "1wd2bh", "30m", "1h30m",
 * "1m30s".  An absent duration is the empty string.
 */
char *
dur_spell(const struct dur *d, char *buf, unsigned size)
{
	size_t len = 0;
	long v;
	int u;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (!d->set)
		return buf;
	if (d->work) {
		if (d->wd > 0)
			put(buf, size, &len, d->wd, units[U_WD].name);
		if (d->secs > 0 || d->wd == 0)
			put(buf, size, &len, d->secs / 3600, units[U_BH].name);
		return buf;
	}
	v = d->secs;
	for (u = U_D; u <= U_S; u++) {
		if (v >= units[u].secs || (v == 0 && u == U_S && len == 0))
			put(buf, size, &len, v / units[u].secs, units[u].name);
		v %= units[u].secs;
	}
	return buf;
}

/* 1 when `day` is in the sorted array v of n day numbers. */
static int
day_in(const long *v, int n, long day)
{
	int lo = 0, hi = n;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (v[mid] == day)
			return 1;
		if (v[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * The working hours of a local day (not under `always`): none on a
 * holiday, workday_hours on an adjusted working day, else its weekday's.
 * Holidays win over adjusted working days.
 */
static const struct dayhours *
day_hours(const struct calendar *cal, long day)
{
	static const struct dayhours none = { 0, NULL };
	long wday = ((day % 7) + 7 + 4) % 7;	/* 1970-01-01 was a Thursday */

	if (day_in(cal->holidays, cal->nholidays, day))
		return &none;
	if (day_in(cal->workdays, cal->nworkdays, day))
		return &cal->workday_hours;
	return &cal->week[wday];
}

/* 1 when a span is well formed; a malformed one is ignored as empty. */
static int
span_ok(const struct span *sp)
{
	return sp->from >= 0 && sp->from < sp->to && sp->to <= 1440;
}

/* 1 when the local calendar day `day` has no working time. */
int
cal_day_off(const struct calendar *cal, long day)
{
	const struct dayhours *dh;
	int i;

	if (cal->always)
		return 0;
	dh = day_hours(cal, day);
	for (i = 0; i < dh->n; i++)
		if (span_ok(&dh->v[i]))
			return 0;
	return 1;
}

/* A local day with its bounds: the midnight starting it and the next. */
struct day {
	long n;
	time_t start, end;
};

/*
 * The midnight that starts day number n, given a guess that is right
 * unless the clock changed in between (checked with one localtime_r(),
 * which is cheaper than local_time_to_t()).
 */
static time_t
midnight(long n, time_t guess)
{
	if (local_wall(guess) == (long long)n * DAY_SECS)
		return guess;
	return day_start(n);
}

/* Opens the local day that holds t. */
static void
day_first(struct day *dy, time_t t)
{
	long long k = local_wall(t);
	long long n = k >= 0 ? k / DAY_SECS : (k - DAY_SECS + 1) / DAY_SECS;

	dy->n = (long)n;
	dy->start = midnight(dy->n, t - (time_t)(k - n * DAY_SECS));
	dy->end = midnight(dy->n + 1, dy->start + DAY_SECS);
}

/* Moves on to the next local day. */
static void
day_next(struct day *dy)
{
	dy->n++;
	dy->start = dy->end;
	dy->end = midnight(dy->n + 1, dy->start + DAY_SECS);
}

/*
 * The moment `min` minutes into the day.  A day of exactly 24 hours has no
 * clock change, so plain addition holds; any other asks local_time_to_t().
 */
static time_t
day_at(const struct day *dy, int min)
{
	if (min >= 1440)
		return dy->end;
	if (dy->end - dy->start == DAY_SECS)
		return dy->start + min * 60L;
	return local_time_to_t(dy->n, min * 60L);
}

/*
 * The real interval [*s, *e) of a span of the day, cut to start at `from`.
 * Returns 0 when nothing of it is left at or after `from`.
 */
static int
span_at(const struct day *dy, const struct span *sp, time_t from,
	time_t *s, time_t *e)
{
	if (!span_ok(sp))
		return 0;
	*s = day_at(dy, sp->from);
	*e = day_at(dy, sp->to);
	if (*s < from)
		*s = from;
	return *s < *e;
}

/*
 * Counts `secs` (>= 0) working seconds from `start`, from the first working
 * moment at or after it; with secs 0 that moment itself.  An amount that
 * runs out exactly at the end of a span ends there.  Returns (time_t)-1
 * when no working time turns up for IDLE_DAYS_MAX days, or the count
 * goes on past WALK_DAYS_MAX.
 */
static time_t
walk(const struct calendar *cal, time_t start, long secs)
{
	const struct dayhours *dh;
	struct day dy;
	time_t s, e;
	long k, idle = 0;
	int i;

	if (cal->always)
		return start + secs;
	day_first(&dy, start);
	for (k = 0; k < WALK_DAYS_MAX && idle < IDLE_DAYS_MAX; k++) {
		dh = day_hours(cal, dy.n);
		idle++;
		for (i = 0; i < dh->n; i++) {
			if (!span_at(&dy, &dh->v[i], start, &s, &e))
				continue;
			idle = 0;
			if (secs <= e - s)
				return s + secs;
			secs -= e - s;
		}
		day_next(&dy);
	}
	return (time_t)-1;
}

/*
 * The first moment at or after t that is working time, or (time_t)-1 when
 * the calendar has none for three years.
 */
time_t
cal_next_working(const struct calendar *cal, time_t t)
{
	return walk(cal, t, 0);
}

/* Working seconds in [a, b); 0 when b <= a; wall seconds under `always`. */
long
cal_work_between(const struct calendar *cal, time_t a, time_t b)
{
	const struct dayhours *dh;
	struct day dy;
	time_t s, e;
	long sum = 0;
	int i;

	if (b <= a)
		return 0;
	if (cal->always)
		return (long)(b - a);
	for (day_first(&dy, a); dy.start < b; day_next(&dy)) {
		dh = day_hours(cal, dy.n);
		for (i = 0; i < dh->n; i++) {
			if (!span_at(&dy, &dh->v[i], a, &s, &e) || s >= b)
				continue;
			sum += (long)((e < b ? e : b) - s);
		}
	}
	return sum;
}

/*
 * When a limit `d` starting at `start` runs out: a wall-clock duration is
 * added as real seconds (a "1d" is 24 hours even across a clock change); a
 * working one counts working seconds from the first working moment at or
 * after `start`.  (time_t)-1 for an absent duration, or when the calendar
 * has no working time for three years.
 */
time_t
cal_deadline(const struct calendar *cal, time_t start, const struct dur *d)
{
	if (!d->set)
		return (time_t)-1;
	return cal_add_seconds(cal, d->work, start, dur_seconds(cal, d));
}

/*
 * Seconds of the duration's kind in [a, b): wall seconds for a wall
 * duration, working seconds for a working one; 0 when b <= a.
 */
long
cal_used(const struct calendar *cal, const struct dur *d, time_t a, time_t b)
{
	if (b <= a)
		return 0;
	if (!d->work)
		return (long)(b - a);
	return cal_work_between(cal, a, b);
}

/*
 * Adds `secs` wall or working seconds to `start`.  Working seconds count
 * as in cal_deadline(); a negative amount counts as none, giving the next
 * working moment.
 */
time_t
cal_add_seconds(const struct calendar *cal, int work, time_t start,
		long secs)
{
	if (!work)
		return start + secs;
	return walk(cal, start, secs > 0 ? secs : 0);
}
