/*
 * clock.h - the one place that knows what time it is, and ISO 8601.
 *
 * fq_now() is the only reader of the system clock; it honours FQ_NOW so
 * that tests, scripts and replays are deterministic.  Local time is the
 * policy's time zone (main sets TZ from the policy before a command runs).
 */
#ifndef FQ_CLOCK_H
#define FQ_CLOCK_H

#include <time.h>
#include "fq.h"

/*
 * "Now": FQ_NOW when set (ISO 8601, see when_parse), else the system
 * clock.  Read once per process.  A malformed FQ_NOW is FQ_EDATA.
 */
int clock_init(struct fq *fq);
/* Makes `tz` (an IANA name) the local time zone, then reads "now" again. */
int clock_zone(struct fq *fq, const char *tz);
time_t fq_now(void);

/*
 * Parses a time as written on the command line: "2026-11-27" (midnight),
 * "2026-11-27T14:05", "2026-11-27 14:05:30", a full ISO 8601 time with
 * "Z" or "+08:00", "14:05" (today), "now", "today", "yesterday",
 * "tomorrow", or a wall-clock duration relative to now ("-8h" in the
 * past, "30m" or "+30m" ahead).  A time without an offset is local.
 * Returns 0, or FQ_EDATA with a message naming `what` (e.g. "--since").
 */
int when_parse(struct fq *fq, const char *s, const char *what, time_t *t);

/* ISO 8601 in local time with its offset: "2026-11-27T03:00:00+08:00". */
char *time_iso(struct arena *a, time_t t);
/* Local "YYYY-MM-DD HH:MM". */
char *time_local(struct arena *a, time_t t);
/* Local broken-down time (a thin localtime_r). */
void time_tm(time_t t, struct tm *tm);
/* The local calendar day of t, as a day number (see day_number). */
long time_day(time_t t);
/* Local midnight at the start of day number `day`. */
time_t day_start(long day);

#endif
