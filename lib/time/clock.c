/*
 * clock.c - "now", and times in and out as ISO 8601.
 */
#include <ctype.h>
#include <stdio.h>
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

int
clock_zone(struct fq *fq, const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	return clock_init(fq);
}

time_t
fq_now(void)
{
	return now_value ? now_value : time(NULL);
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

long
time_day(time_t t)
{
	struct tm tm;

	time_tm(t, &tm);
	return day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* The moment of a local date and time of day (mktime resolves DST). */
static time_t
local_time(long day, int hh, int mm, int ss)
{
	struct tm tm;
	int y, m, d;

	day_civil(day, &y, &m, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
day_start(long day)
{
	return local_time(day, 0, 0, 0);
}

/* Reads exactly `n` digits at *s into *v and advances; -1 if not there. */
static int
digits(const char **s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return -1;
		*v = *v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	return 0;
}

/* Parses "HH:MM" or "HH:MM:SS" at *s; -1 if malformed or out of range. */
static int
clock_part(const char **s, int *hh, int *mm, int *ss)
{
	*ss = 0;
	if (digits(s, 2, hh) || **s != ':')
		return -1;
	(*s)++;
	if (digits(s, 2, mm))
		return -1;
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, ss))
			return -1;
	}
	return *hh > 23 || *mm > 59 || *ss > 59 ? -1 : 0;
}

/* Parses an offset "Z", "+08:00", "+0800" or "+08"; seconds east of UTC. */
static int
offset_part(const char *s, long *off)
{
	int sign, h, m = 0;

	if (!strcmp(s, "Z") || !strcmp(s, "z")) {
		*off = 0;
		return 0;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s++ == '-' ? -1 : 1;
	if (digits(&s, 2, &h))
		return -1;
	if (*s == ':')
		s++;
	if (*s && digits(&s, 2, &m))
		return -1;
	if (*s || h > 14 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* Parses an absolute date or date-time; 0 or -1. */
static int
absolute(const char *s, time_t *t)
{
	int hh = 0, mm = 0, ss = 0;
	long day, off;
	char date[11];

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &day))
		return -1;
	s += 10;
	if (!*s) {
		*t = day_start(day);
		return 0;
	}
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if (clock_part(&s, &hh, &mm, &ss))
		return -1;
	if (!*s) {
		*t = local_time(day, hh, mm, ss);
		return 0;
	}
	if (offset_part(s, &off))
		return -1;
	*t = (time_t)day * 86400 + hh * 3600 + mm * 60 + ss - off;
	return 0;
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
	long today = time_day(fq_now());
	int hh, mm, ss;

	if (!strcmp(s, "now"))
		*t = fq_now();
	else if (!strcmp(s, "today"))
		*t = day_start(today);
	else if (!strcmp(s, "yesterday"))
		*t = day_start(today - 1);
	else if (!strcmp(s, "tomorrow"))
		*t = day_start(today + 1);
	else if (clock_part(&s, &hh, &mm, &ss) == 0 && !*s)
		*t = local_time(today, hh, mm, ss);
	else
		return -1;
	return 0;
}

int
when_parse(struct fq *fq, const char *s, const char *what, time_t *t)
{
	if (named(s, t) == 0 || absolute(s, t) == 0 || relative(s, t) == 0)
		return 0;
	return fq_fail(fq, FQ_EDATA,
		       "%s: malformed time '%s' (use 2026-11-27, 2026-11-27T14:05, "
		       "14:05, an ISO 8601 time with offset, or -8h / 30m)",
		       what, s);
}

char *
time_iso(struct arena *a, time_t t)
{
	struct tm tm;
	long off;

	char buf[96];

	time_tm(t, &tm);
	off = tm.tm_gmtoff;
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600,
		 labs(off) % 3600 / 60);
	return arena_strdup(a, buf);
}

char *
time_local(struct arena *a, time_t t)
{
	struct tm tm;

	time_tm(t, &tm);
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}
