/*
 * localtime.h - the local wall clock and time_t, both ways.
 *
 * Local time is the process's time zone (TZ), which main sets to the
 * policy's `timezone` before a command runs.  From time_t to the wall
 * clock is the C library's localtime_r().  From the wall clock to time_t
 * is local_time_to_t(), the only such conversion in fq, with one rule:
 *
 *	A wall time means the first moment at which the local clock
 *	reads that time or later.
 *
 * So a wall time in a spring-forward gap, which the clock never shows,
 * is the moment the gap ends: in Europe/Berlin on 2024-03-31 the clock
 * jumps from 02:00 CET to 03:00 CEST, and every wall time from 02:00 to
 * 02:59:59 is 03:00 CEST (01:00Z).  A wall time in a repeated hour is the
 * first of its two moments, still at the summer offset: Berlin
 * 2024-10-27 02:30 is 02:30 CEST (00:30Z), not 02:30 CET an hour later.
 */
#ifndef FQ_LOCALTIME_H
#define FQ_LOCALTIME_H

#include <time.h>

/*
 * The moment the local wall clock reads `secs` seconds after the midnight
 * that begins day number `day` (see day_number), by the rule above.
 * `secs` may run past the day (86400 is the next midnight).
 */
time_t local_time_to_t(long day, long secs);
/* Local midnight at the start of day number `day`, by the rule above. */
time_t day_start(long day);

/* The local wall clock at t, as seconds since 1970-01-01 00:00 local. */
long long local_wall(time_t t);
/* Local broken-down time (a localtime_r cached by the quarter hour). */
void time_tm(time_t t, struct tm *tm);
/* The local calendar day of t, as a day number. */
long time_day(time_t t);

#endif
