/*
 * clock.c - "now", and times as typed on the command line.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"

static time_t now_value;

/*
 * Reads FQ_NOW (or the system clock) once; every later fq_now() returns
 * the same moment, so one command sees one "now".
 */
int
clock_init(struct fq *fq)
{
	const char *env = getenv("FQ_NOW");

	now_value = time(NULL);
	if (env && *env) {
		time_t t;

		if (when_parse(fq, env, "FQ_NOW", &t))
			return fq->err_code;
		now_value = t;
	}
	return 0;
}

/* Switches the local time zone to `tz`, then reads "now" again. */
int
clock_zone(struct fq *fq, const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	return clock_init(fq);
}

/* The moment clock_init() read, or the system clock before it ran. */
time_t
fq_now(void)
{
	return now_value ? now_value : time(NULL);
}

/* Parses a duration relative to now ("-8h", "30m", "+1d"). */
static int
relative(const char *s, time_t *t)
{
	struct dur d;
	int sign = 1;

	if (*s == '-' || *s == '+')
		sign = *s++ == '-' ? -1 : 1;
	if (dur_parse(s, &d) || d.work)
		return -1;
	*t = fq_now() + sign * d.secs;
	return 0;
}

/* Parses the named days and "HH:MM" (today). */
static int
named(const char *s, time_t *t)
{
	long today = time_day(fq_now()), secs;

	if (!strcmp(s, "now"))
		*t = fq_now();
	else if (!strcmp(s, "today"))
		*t = day_start(today);
	else if (!strcmp(s, "yesterday"))
		*t = day_start(today - 1);
	else if (!strcmp(s, "tomorrow"))
		*t = day_start(today + 1);
	else if (iso_time_of_day(s, &secs) == 0)
		*t = local_time_to_t(today, secs);
	else
		return -1;
	return 0;
}

/* Parses a time as typed: a name, ISO 8601, or a duration from now. */
int
when_parse(struct fq *fq, const char *s, const char *what, time_t *t)
{
	if (named(s, t) == 0 || iso_parse_typed(s, t) == 0 ||
	    relative(s, t) == 0)
		return 0;
	return fq_fail(fq, FQ_EDATA,
		       "%s: malformed time '%s' (use 2026-11-27, 2026-11-27T14:05, "
		       "14:05, an ISO 8601 time with offset, or -8h / 30m)",
		       what, s);
}
