/*
 * calendar.h - durations, working time and deadlines.
 *
 * Pure arithmetic: no SQL, no I/O.  Local time is the process's time zone,
 * which main sets (TZ) to the policy's `timezone` before any command runs;
 * every conversion goes through localtime.h, so a daylight saving change
 * is the C library's zone data, and a working hour in a gap or a repeated
 * hour follows local_time_to_t()'s rule.
 */
#ifndef FQ_CALENDAR_H
#define FQ_CALENDAR_H

#include <time.h>
#include "date.h"

/*
 * A duration as written in the policy or on the command line:
 * "90s", "3m", "2h", "1d", "1h30m" (wall clock) or "4bh", "1wd", "1wd2bh"
 * (working time on the calendar).  Units may not be mixed across kinds.
 */
struct dur {
	int set;		/* 0: absent (no such limit) */
	int work;		/* 1: counts working time on the calendar */
	long secs;		/* wall seconds, or working seconds from bh */
	long wd;		/* working days (work only) */
};

/* A span of working time within one day, in minutes after midnight. */
struct span {
	int from, to;		/* 0 <= from < to <= 1440 */
};

struct dayhours {
	int n;
	struct span *v;		/* sorted, not overlapping */
};

struct calendar {
	int always;		/* 24-hour operation: all time is working time */
	struct dayhours week[7];	/* by tm_wday: 0 is Sunday */
	struct dayhours workday_hours;	/* for adjusted working days */
	int nholidays;
	long *holidays;		/* sorted day numbers (see day_number) */
	int nworkdays;
	long *workdays;		/* sorted day numbers */
	long wd_seconds;	/* one working day: sum of workday_hours */
};

/* Parses a duration; returns 0, or -1 when `s` is not one. */
int dur_parse(const char *s, struct dur *d);
/* The duration in seconds: wall seconds, or working seconds. */
long dur_seconds(const struct calendar *cal, const struct dur *d);
/* Formats seconds compactly ("45s", "5m", "1h30m", "2d3h"); returns buf. */
char *dur_format(long secs, char *buf, unsigned size);
/* Formats a duration as written in the policy ("4bh", "1wd", "30m"). */
char *dur_spell(const struct dur *d, char *buf, unsigned size);

/* 1 when the local calendar day `day` (a day number) is a day off. */
int cal_day_off(const struct calendar *cal, long day);
/* The first moment at or after t that is working time. */
time_t cal_next_working(const struct calendar *cal, time_t t);
/* Working seconds in [a, b) (0 when b <= a); wall seconds if always. */
long cal_work_between(const struct calendar *cal, time_t a, time_t b);
/*
 * When a limit `d` that starts at `start` runs out.  A wall-clock duration
 * is simply added.  A working duration counts only working time, starting
 * from the next working minute at or after `start`; one that runs out at
 * the end of a span ends there (18:00, not the next morning).  Returns
 * (time_t)-1 when `d` is absent, or when the calendar has no working time
 * for three years (cal_next_working and cal_add_seconds likewise).
 */
time_t cal_deadline(const struct calendar *cal, time_t start,
		    const struct dur *d);
/*
 * Seconds of the duration's kind used between a and b: wall seconds for a
 * wall duration, working seconds for a working one.
 */
long cal_used(const struct calendar *cal, const struct dur *d,
	      time_t a, time_t b);
/* Adds `secs` of the kind of `d` (wall or working) to `start`. */
time_t cal_add_seconds(const struct calendar *cal, int work, time_t start,
		       long secs);

#endif
