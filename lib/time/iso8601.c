/*
 * iso8601.c - times as text: the one ISO 8601 parser, and the printer.
 *
 * The parser reads a date, then a time of day, then an offset, each part
 * strict in the stored form and forgiving in the typed form; a typed time
 * without an offset is local and goes through local_time_to_t().
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "iso8601.h"
#include "localtime.h"

enum form { STORED, TYPED };

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

/*
 * Reads "HH:MM:SS" at *s (typed: also "HH:MM") into seconds after
 * midnight and advances; -1 if malformed or out of range.
 */
static int
clock_read(const char **s, enum form f, long *secs)
{
	int hh, mm, ss = 0;

	if (digits(s, 2, &hh) || **s != ':')
		return -1;
	(*s)++;
	if (digits(s, 2, &mm))
		return -1;
	if (**s == ':') {
		(*s)++;
		if (digits(s, 2, &ss))
			return -1;
	} else if (f == STORED) {
		return -1;
	}
	if (hh > 23 || mm > 59 || ss > 59)
		return -1;
	*secs = hh * 3600L + mm * 60L + ss;
	return 0;
}

/*
 * Reads the offset that is all of s: "Z", "+08:00" or "+0800" (typed:
 * also "z", "+08" and "+08:"), at most 14 hours, into seconds east of
 * UTC; -1 if malformed.
 */
static int
offset_read(const char *s, enum form f, long *off)
{
	int sign, h, m = 0;

	if (!strcmp(s, "Z") || (f == TYPED && !strcmp(s, "z"))) {
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
	if ((*s || f == STORED) && digits(&s, 2, &m))
		return -1;
	if (*s || h > 14 || m > 59)
		return -1;
	*off = sign * (h * 3600L + m * 60L);
	return 0;
}

/* Parses s in form f into *t; 0 or -1 (then *t is untouched). */
static int
scan(const char *s, enum form f, time_t *t)
{
	char date[11];
	long day, secs, off;

	if (strlen(s) < 10)
		return -1;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (date_parse(date, &day))
		return -1;
	s += 10;
	if (f == TYPED && !*s) {
		*t = day_start(day);
		return 0;
	}
	if (*s != 'T' && (f == STORED || (*s != 't' && *s != ' ')))
		return -1;
	s++;
	if (clock_read(&s, f, &secs))
		return -1;
	if (f == TYPED && !*s) {
		*t = local_time_to_t(day, secs);
		return 0;
	}
	if (offset_read(s, f, &off))
		return -1;
	*t = (time_t)day * 86400 + secs - off;
	return 0;
}

/* Parses the stored form, after the epoch; 0 or -1. */
int
iso_parse(const char *s, time_t *t)
{
	time_t v;

	if (scan(s, STORED, &v) || v <= 0)
		return -1;
	*t = v;
	return 0;
}

/* Parses the typed form; 0 or -1. */
int
iso_parse_typed(const char *s, time_t *t)
{
	return scan(s, TYPED, t);
}

/* Parses "HH:MM" or "HH:MM:SS" alone into seconds after midnight. */
int
iso_time_of_day(const char *s, long *secs)
{
	long v;

	if (clock_read(&s, TYPED, &v) || *s)
		return -1;
	*secs = v;
	return 0;
}

/* Two digits of v (0-99) at p; the place after them. */
static char *
two(char *p, long v)
{
	*p++ = (char)('0' + v / 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

/*
 * "YYYY-MM-DDTHH:MM:SS+HH:MM" of tm and its offset into buf, without
 * printf: a TSV of ten thousand late rows prints one per row (year
 * 0-9999, offset under 100 h; time_iso() checks).
 */
static const char *
iso_digits(char *buf, const struct tm *tm, long off)
{
	char *p = buf;
	long y = tm->tm_year + 1900;

	p = two(p, y / 100);
	p = two(p, y % 100);
	*p++ = '-';
	p = two(p, tm->tm_mon + 1);
	*p++ = '-';
	p = two(p, tm->tm_mday);
	*p++ = 'T';
	p = two(p, tm->tm_hour);
	*p++ = ':';
	p = two(p, tm->tm_min);
	*p++ = ':';
	p = two(p, tm->tm_sec);
	*p++ = off < 0 ? '-' : '+';
	p = two(p, labs(off) / 3600);
	*p++ = ':';
	p = two(p, labs(off) % 3600 / 60);
	*p = '\0';
	return buf;
}

/*
 * The stored form of t in local time (allocates from a).  One snprintf
 * into a buffer that always holds it, then a copy: export prints this
 * for every event.
 */
char *
time_iso(struct arena *a, time_t t)
{
	struct tm tm;
	long off;
	char buf[96];

	time_tm(t, &tm);
	off = tm.tm_gmtoff;
	if (tm.tm_year + 1900 >= 0 && tm.tm_year + 1900 <= 9999 &&
	    labs(off) < 100 * 3600)
		return arena_strdup(a, iso_digits(buf, &tm, off));
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, off < 0 ? '-' : '+', labs(off) / 3600,
		 labs(off) % 3600 / 60);
	return arena_strdup(a, buf);
}

/* Local "YYYY-MM-DD HH:MM" of t (allocates from a). */
char *
time_local(struct arena *a, time_t t)
{
	struct tm tm;

	time_tm(t, &tm);
	return arena_printf(a, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
}
