/*
 * clock.h - the one place that knows what time it is, and the front of
 * the time layer.
 *
 * fq_now() is the only reader of the system clock; it honours FQ_NOW so
 * that tests, scripts and replays are deterministic.  Local time is the
 * policy's time zone (main sets TZ from the policy before a command runs).
 *
 * The time layer, bottom up (an arrow never runs back up):
 *	date.h		civil dates as day numbers, no time zone
 *	localtime.h	the local wall clock and time_t, both ways, and the
 *			one rule for a wall time in a gap or a repeated hour
 *	iso8601.h	ISO 8601 in and out
 *	calendar.h	durations, working time and deadlines
 *	clock.h		"now", and times as typed on the command line
 *	shift.h		shift changes, for the hand-over
 * This header brings in localtime.h and iso8601.h, so that a caller
 * above the layer includes clock.h alone.
 */
#ifndef FQ_CLOCK_H
#define FQ_CLOCK_H

#include <time.h>
#include "fq.h"
#include "iso8601.h"
#include "localtime.h"

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
 * "Z" or "+08:00" (see iso_parse_typed), "14:05" (today), "now", "today",
 * "yesterday", "tomorrow", or a wall-clock duration relative to now
 * ("-8h" in the past, "30m" or "+30m" ahead).  A time without an offset
 * is local, by local_time_to_t()'s rule: "2024-03-31 02:30" in
 * Europe/Berlin, a time the clock skips, is 03:00 CEST.
 * Returns 0, or FQ_EDATA with a message naming `what` (e.g. "--since").
 */
int when_parse(struct fq *fq, const char *s, const char *what, time_t *t);

#endif
