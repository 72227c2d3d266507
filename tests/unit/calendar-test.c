/*
 * calendar-test.c - unit tests of lib/time/calendar.c, printed as TAP.
 *
 * Builds calendars by hand: the 2026 calendar of mainland China
 * (data/cn-holidays-2026.md, office hours 09:00-12:00 and 13:30-18:00),
 * a 24-hour operation, and offices in America/New_York for the clock
 * changes of 2026-03-08 and 2026-11-01.  Each group sets TZ itself.
 * Exits 1 when any check failed.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "tap.h"

/* A local time, resolved by the test's own call to mktime(). */
static time_t
at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Checks a time against local "YYYY-MM-DD HH:MM:SS +ZZZZ". */
static void
check_time(const char *desc, time_t got, const char *want)
{
	char g[64];
	struct tm tm;

	if (got == (time_t)-1 || localtime_r(&got, &tm) == NULL)
		snprintf(g, sizeof(g), "(time_t)-1");
	else
		strftime(g, sizeof(g), "%Y-%m-%d %H:%M:%S %z", &tm);
	check_str(desc, g, want);
}

/* Parses a duration that the test knows to be valid. */
static struct dur
dur(const char *s)
{
	struct dur d = { 0 };

	if (dur_parse(s, &d) != 0) {
		printf("# bad duration in test: %s\n", s);
		nfailed++;
	}
	return d;
}

/* Checks that a duration parses to the given fields. */
static void
check_parse(const char *s, int work, long secs, long wd)
{
	struct dur d = { 0 };
	char desc[96], got[96], want[96];
	int r;

	r = dur_parse(s, &d);
	snprintf(desc, sizeof(desc), "dur_parse '%s'", s);
	snprintf(got, sizeof(got), "r=%d set=%d work=%d secs=%ld wd=%ld",
	    r, d.set, d.work, d.secs, d.wd);
	snprintf(want, sizeof(want), "r=0 set=1 work=%d secs=%ld wd=%ld",
	    work, secs, wd);
	check_str(desc, got, want);
}

/* Checks that a string is refused as a duration and *d is left alone. */
static void
check_bad(const char *s)
{
	struct dur d = { 7, 7, 7, 7 };
	char desc[96];
	int r;

	r = dur_parse(s, &d);
	snprintf(desc, sizeof(desc), "dur_parse refuses '%s'", s);
	report(r == -1 && d.set == 7 && d.secs == 7, desc, "accepted", "-1");
}

/* Durations: every form, and what is not one. */
static void
test_parse(void)
{
	static const char *bad[] = {
		"", "0m", "0s", "0wd", "0bh", "0h0m", "-5m", "+5m", "5", "m",
		"bh", "5x", "5w", "5M", "5H", "1.5h", "5 m", " 5m", "5m ",
		"1h1h", "1h30m1h", "1wd1wd", "1d4bh", "1wd2h", "30m1bh",
		"3661d", "3660d1s", "3661wd", "316224001s",
		"99999999999999999999999s", "1bhx", "1wdbh", "1hm",
	};
	size_t i;

	check_parse("90s", 0, 90, 0);
	check_parse("3m", 0, 180, 0);
	check_parse("2h", 0, 7200, 0);
	check_parse("1d", 0, 86400, 0);
	check_parse("1h30m", 0, 5400, 0);
	check_parse("30m1h", 0, 5400, 0);
	check_parse("1d2h3m4s", 0, 93784, 0);
	check_parse("007m", 0, 420, 0);
	check_parse("1h0m", 0, 3600, 0);
	check_parse("3660d", 0, 316224000, 0);
	check_parse("4bh", 1, 14400, 0);
	check_parse("1wd", 1, 0, 1);
	check_parse("1wd4bh", 1, 14400, 1);
	check_parse("4bh1wd", 1, 14400, 1);
	check_parse("3660wd", 1, 0, 3660);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_bad(bad[i]);
	check_long("dur_parse refuses NULL", dur_parse(NULL, &(struct dur){0}),
	    -1);
}

/* dur_format and dur_spell. */
static void
test_format(void)
{
	static const struct {
		long secs;
		const char *want;
	} f[] = {
		{ 0, "0s" }, { 45, "45s" }, { 60, "1m" }, { 90, "1m30s" },
		{ 300, "5m" }, { 3600, "1h" }, { 3659, "1h" },
		{ 5400, "1h30m" },
		{ 5430, "1h30m" }, { 86400, "1d" }, { 86460, "1d" },
		{ 183600, "2d3h" }, { 187199, "2d3h" }, { 2592000, "30d" },
		{ -300, "-5m" }, { -5400, "-1h30m" }, { -45, "-45s" },
	};
	static const struct {
		const char *in, *want;
	} s[] = {
		{ "4bh", "4bh" }, { "1wd", "1wd" }, { "1wd4bh", "1wd4bh" },
		{ "4bh1wd", "1wd4bh" }, { "30m", "30m" }, { "1h30m", "1h30m" },
		{ "2h", "2h" }, { "1d", "1d" }, { "25h", "1d1h" },
		{ "90s", "1m30s" }, { "1d2h3m4s", "1d2h3m4s" },
	};
	char buf[32], desc[64];
	struct dur none = { 0 };
	size_t i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(desc, sizeof(desc), "dur_format %ld", f[i].secs);
		check_str(desc, dur_format(f[i].secs, buf, sizeof(buf)),
		    f[i].want);
	}
	dur_format(LONG_MIN, buf, sizeof(buf));
	report(buf[0] == '-', "dur_format LONG_MIN is negative", buf, "-...");
	check_str("dur_format truncates to the buffer",
	    dur_format(5400, buf, 3), "1h");
	check_str("dur_format into one byte", dur_format(5400, buf, 1), "");
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		struct dur d = dur(s[i].in);

		snprintf(desc, sizeof(desc), "dur_spell %s", s[i].in);
		check_str(desc, dur_spell(&d, buf, sizeof(buf)), s[i].want);
	}
	check_str("dur_spell absent", dur_spell(&none, buf, sizeof(buf)), "");
}

/* Checks date_parse of a string: the day number, or -1 for a refusal. */
static void
check_date(const char *s, long want)
{
	char desc[64];
	long day = -999;

	snprintf(desc, sizeof(desc), "date_parse '%s'", s);
	if (date_parse(s, &day) != 0)
		day = -1;
	check_long(desc, day, want);
}

/* Day numbers and dates. */
static void
test_dates(void)
{
	static const char *bad[] = {
		"2026-02-29", "2026-02-30", "2100-02-29", "2026-13-01",
		"2026-00-10", "2026-04-31", "2026-01-00", "2026-1-01",
		"2026-01-1", "20260101", "2026/01/01", "2026-01-01x",
		" 2026-01-01", "2026-01-01T00:00", "", "0000-01-01",
		"2026-0a-01",
	};
	long n, bad_rt = 0;
	int y, m, d;
	size_t i;

	check_long("day_number 1970-01-01", day_number(1970, 1, 1), 0);
	check_long("day_number 1969-12-31", day_number(1969, 12, 31), -1);
	check_long("day_number 2000-03-01", day_number(2000, 3, 1), 11017);
	check_long("day_number 2026-10-10", day_number(2026, 10, 10), 20736);
	check_long("day_number 1600-02-29", day_number(1600, 2, 29), -135081);
	check_long("day_number 9999-12-31", day_number(9999, 12, 31),
	    2932896);
	for (n = -800000; n <= 3000000; n += 7) {
		day_civil(n, &y, &m, &d);
		if (day_number(y, m, d) != n || m < 1 || m > 12 || d < 1 ||
		    d > 31)
			bad_rt++;
	}
	check_long("day_civil inverts day_number", bad_rt, 0);
	day_civil(20736, &y, &m, &d);
	check_long("day_civil 20736 is 2026-10-10", y * 10000 + m * 100 + d,
	    20261010);
	check_date("2026-10-10", 20736);
	check_date("2024-02-29", day_number(2024, 2, 29));
	check_date("2000-02-29", day_number(2000, 2, 29));
	check_date("2026-12-31", day_number(2026, 12, 31));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_date(bad[i], -1);
}

/* Fills the days first..last (as strings) into v at *n. */
static void
add_days(long *v, int *n, const char *first, const char *last)
{
	long a, b;

	if (date_parse(first, &a) != 0 || date_parse(last, &b) != 0)
		abort();
	for (; a <= b; a++)
		v[(*n)++] = a;
}

static struct span office[] = { { 540, 720 }, { 810, 1080 } };

static long cn_holidays[64], cn_workdays[8];

/* The 2026 government office calendar of mainland China. */
static void
china(struct calendar *cal)
{
	static const char *off[][2] = {
		{ "2026-01-01", "2026-01-03" }, { "2026-02-15", "2026-02-23" },
		{ "2026-04-04", "2026-04-06" }, { "2026-05-01", "2026-05-05" },
		{ "2026-06-19", "2026-06-21" }, { "2026-09-25", "2026-09-27" },
		{ "2026-10-01", "2026-10-07" },
	};
	static const char *on[] = {
		"2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09",
		"2026-09-20", "2026-10-10",
	};
	size_t i;
	int w;

	memset(cal, 0, sizeof(*cal));
	for (w = 1; w <= 5; w++)
		cal->week[w] = (struct dayhours){ 2, office };
	cal->workday_hours = (struct dayhours){ 2, office };
	for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
		add_days(cn_holidays, &cal->nholidays, off[i][0], off[i][1]);
	for (i = 0; i < sizeof(on) / sizeof(on[0]); i++)
		add_days(cn_workdays, &cal->nworkdays, on[i], on[i]);
	cal->holidays = cn_holidays;
	cal->workdays = cn_workdays;
	cal->wd_seconds = 27000;
}

/* Checks cal_deadline from a start with a duration. */
static void
check_due(const struct calendar *cal, const char *desc, time_t start,
	  const char *d, const char *want)
{
	struct dur du = dur(d);

	check_time(desc, cal_deadline(cal, start, &du), want);
}

/* The worked examples of data/cn-holidays-2026.md and their neighbours. */
static void
test_china_deadlines(const struct calendar *cal)
{
	check_due(cal, "cn: Wed 09-30 16:00 + 1wd (worked example)",
	    at(2026, 9, 30, 16, 0), "1wd", "2026-10-08 16:00:00 +0800");
	check_due(cal, "cn: Fri 10-09 17:00 + 1wd onto adjusted Sat 10-10 "
	    "(worked example)", at(2026, 10, 9, 17, 0), "1wd",
	    "2026-10-10 17:00:00 +0800");
	check_due(cal, "cn: Fri 02-13 17:00 + 1wd onto adjusted Sat 02-14",
	    at(2026, 2, 13, 17, 0), "1wd", "2026-02-14 17:00:00 +0800");
	check_due(cal, "cn: Sat 02-14 17:00 + 1wd across Spring Festival",
	    at(2026, 2, 14, 17, 0), "1wd", "2026-02-24 17:00:00 +0800");
	check_due(cal, "cn: Wed 2025-12-31 17:00 + 1wd onto adjusted Sun "
	    "01-04", at(2025, 12, 31, 17, 0), "1wd",
	    "2026-01-04 17:00:00 +0800");
	check_due(cal, "cn: start on a holiday counts from 09:00 of the next "
	    "working day", at(2026, 10, 3, 10, 0), "4bh",
	    "2026-10-08 14:30:00 +0800");
	check_due(cal, "cn: 1wd from a holiday ends at 18:00, not next morning",
	    at(2026, 10, 3, 10, 0), "1wd", "2026-10-08 18:00:00 +0800");
	check_due(cal, "cn: 1wd from 09:00 ends at 18:00 the same day",
	    at(2026, 3, 2, 9, 0), "1wd", "2026-03-02 18:00:00 +0800");
	check_due(cal, "cn: 4bh from 14:00 ends exactly at 18:00",
	    at(2026, 3, 2, 14, 0), "4bh", "2026-03-02 18:00:00 +0800");
	check_due(cal, "cn: start at lunch counts from 13:30",
	    at(2026, 3, 2, 12, 30), "2bh", "2026-03-02 15:30:00 +0800");
	check_due(cal, "cn: 1bh from 11:30 skips lunch",
	    at(2026, 3, 2, 11, 30), "1bh", "2026-03-02 14:00:00 +0800");
	check_due(cal, "cn: start before opening counts from 09:00",
	    at(2026, 3, 2, 7, 0), "4bh", "2026-03-02 14:30:00 +0800");
	check_due(cal, "cn: 4bh from 10:00", at(2026, 3, 2, 10, 0), "4bh",
	    "2026-03-02 15:30:00 +0800");
	check_due(cal, "cn: start at 18:00 counts from the next morning",
	    at(2026, 3, 2, 18, 0), "1bh", "2026-03-03 10:00:00 +0800");
	check_due(cal, "cn: start on Saturday counts from Monday",
	    at(2026, 3, 7, 10, 0), "1bh", "2026-03-09 10:00:00 +0800");
	check_due(cal, "cn: 1wd4bh", at(2026, 3, 2, 9, 0), "1wd4bh",
	    "2026-03-03 14:30:00 +0800");
	check_due(cal, "cn: 5wd is a working week", at(2026, 3, 2, 9, 0),
	    "5wd", "2026-03-06 18:00:00 +0800");
	check_due(cal, "cn: a wall 1d ignores the calendar",
	    at(2026, 9, 30, 16, 0), "1d", "2026-10-01 16:00:00 +0800");
	check_due(cal, "cn: a wall 3m at 17:59 runs past closing",
	    at(2026, 3, 2, 17, 59), "3m", "2026-03-02 18:02:00 +0800");
}

/* Working time, next working moment and days off on the China calendar. */
static void
test_china_between(const struct calendar *cal)
{
	struct dur wd = dur("1wd"), wall = dur("2h");
	time_t t = at(2026, 3, 2, 10, 15);

	check_long("cn: dur_seconds 1wd", dur_seconds(cal, &wd), 27000);
	check_long("cn: work between Fri 16:00 and Mon 10:00",
	    cal_work_between(cal, at(2026, 3, 6, 16, 0), at(2026, 3, 9, 10, 0)),
	    10800);
	check_long("cn: work between 09-30 and 10-09 (National Day)",
	    cal_work_between(cal, at(2026, 9, 30, 0, 0), at(2026, 10, 9, 0, 0)),
	    54000);
	check_long("cn: work between Sat 09-19 and Mon 09-21 (adjusted Sun)",
	    cal_work_between(cal, at(2026, 9, 19, 0, 0), at(2026, 9, 21, 0, 0)),
	    27000);
	check_long("cn: work between within one span",
	    cal_work_between(cal, at(2026, 3, 2, 9, 30), at(2026, 3, 2, 10, 0)),
	    1800);
	check_long("cn: work between over lunch",
	    cal_work_between(cal, at(2026, 3, 2, 11, 0), at(2026, 3, 2, 14, 0)),
	    5400);
	check_long("cn: work between reversed is 0",
	    cal_work_between(cal, at(2026, 3, 3, 0, 0), at(2026, 3, 2, 0, 0)),
	    0);
	check_long("cn: work between a deadline's start and end is its length",
	    cal_work_between(cal, at(2026, 9, 30, 16, 0),
	    cal_deadline(cal, at(2026, 9, 30, 16, 0), &wd)), 27000);
	check_long("cn: cal_used of a working duration",
	    cal_used(cal, &wd, at(2026, 3, 6, 16, 0), at(2026, 3, 9, 10, 0)),
	    10800);
	check_long("cn: cal_used of a wall duration",
	    cal_used(cal, &wall, at(2026, 3, 6, 16, 0), at(2026, 3, 9, 10, 0)),
	    237600);
	check_time("cn: cal_add_seconds working",
	    cal_add_seconds(cal, 1, at(2026, 9, 30, 16, 0), 27000),
	    "2026-10-08 16:00:00 +0800");
	check_time("cn: cal_add_seconds wall",
	    cal_add_seconds(cal, 0, at(2026, 9, 30, 16, 0), 27000),
	    "2026-09-30 23:30:00 +0800");
	check_time("cn: next working inside a span is itself",
	    cal_next_working(cal, t), "2026-03-02 10:15:00 +0800");
	check_time("cn: next working at 12:00 is 13:30",
	    cal_next_working(cal, at(2026, 3, 2, 12, 0)),
	    "2026-03-02 13:30:00 +0800");
	check_time("cn: next working at 18:00 is next morning",
	    cal_next_working(cal, at(2026, 3, 2, 18, 0)),
	    "2026-03-03 09:00:00 +0800");
	check_time("cn: next working on 10-01 is 10-08 09:00",
	    cal_next_working(cal, at(2026, 10, 1, 8, 0)),
	    "2026-10-08 09:00:00 +0800");
	check_time("cn: next working on Sat 10-10 is that morning",
	    cal_next_working(cal, at(2026, 10, 10, 0, 0)),
	    "2026-10-10 09:00:00 +0800");
	check_long("cn: 10-01 is a day off",
	    cal_day_off(cal, day_number(2026, 10, 1)), 1);
	check_long("cn: Sat 10-10 is worked",
	    cal_day_off(cal, day_number(2026, 10, 10)), 0);
	check_long("cn: Sun 10-11 is a day off",
	    cal_day_off(cal, day_number(2026, 10, 11)), 1);
	check_long("cn: Mon 10-12 is worked",
	    cal_day_off(cal, day_number(2026, 10, 12)), 0);
}

/* A day that is both a holiday and an adjusted working day is off. */
static void
test_precedence(const struct calendar *cn)
{
	struct calendar cal = *cn;
	long both = day_number(2026, 10, 10);
	long hol[] = { both };

	cal.holidays = hol;
	cal.nholidays = 1;
	check_long("holiday wins over an adjusted working day",
	    cal_day_off(&cal, both), 1);
	check_time("holiday wins: next working after it",
	    cal_next_working(&cal, at(2026, 10, 10, 8, 0)),
	    "2026-10-12 09:00:00 +0800");
}

/* A calendar with no working time gives up instead of looping. */
static void
test_empty(void)
{
	struct calendar cal;
	struct dur d = dur("1bh"), none = { 0 };
	time_t t = at(2026, 3, 2, 9, 0);

	memset(&cal, 0, sizeof(cal));
	check_time("empty calendar: no deadline", cal_deadline(&cal, t, &d),
	    "(time_t)-1");
	check_time("empty calendar: no next working moment",
	    cal_next_working(&cal, t), "(time_t)-1");
	check_long("empty calendar: no working time",
	    cal_work_between(&cal, t, t + 400L * 86400), 0);
	check_long("empty calendar: every day off",
	    cal_day_off(&cal, day_number(2026, 3, 2)), 1);
	check_time("an absent duration has no deadline",
	    cal_deadline(&cal, t, &none), "(time_t)-1");
}

/* The China calendar, in Asia/Shanghai. */
static void
test_china(void)
{
	struct calendar cal;

	zone("Asia/Shanghai");
	china(&cal);
	test_china_deadlines(&cal);
	test_china_between(&cal);
	test_precedence(&cal);
	test_empty();
}

/* A 24-hour operation. */
static void
test_always(void)
{
	struct calendar cal;
	struct dur wd = dur("1wd"), bh = dur("4bh");
	time_t t;

	zone("Asia/Shanghai");
	memset(&cal, 0, sizeof(cal));
	cal.always = 1;
	cal.wd_seconds = 86400;
	t = at(2026, 10, 1, 23, 59);
	check_due(&cal, "always: 3m at 23:59 is 00:02 the next day", t, "3m",
	    "2026-10-02 00:02:00 +0800");
	check_time("always: 180 working seconds at 23:59",
	    cal_add_seconds(&cal, 1, t, 180), "2026-10-02 00:02:00 +0800");
	check_due(&cal, "always: 1wd is 24 h", t, "1wd",
	    "2026-10-02 23:59:00 +0800");
	check_due(&cal, "always: 4bh is 4 h", t, "4bh",
	    "2026-10-02 03:59:00 +0800");
	check_long("always: dur_seconds 1wd", dur_seconds(&cal, &wd), 86400);
	check_long("always: dur_seconds 4bh", dur_seconds(&cal, &bh), 14400);
	check_time("always: next working is now", cal_next_working(&cal, t),
	    "2026-10-01 23:59:00 +0800");
	check_long("always: work between is wall time",
	    cal_work_between(&cal, t, t + 100000), 100000);
	check_long("always: no day is off",
	    cal_day_off(&cal, day_number(2026, 10, 1)), 0);
}

static struct span ny_hours[] = { { 540, 1020 } };
static struct span whole_day[] = { { 0, 1440 } };
static struct span night[] = { { 60, 240 } };
static struct span in_gap[] = { { 150, 240 } };

/* An office in New York, Monday to Friday 09:00-17:00. */
static void
new_york(struct calendar *cal)
{
	int w;

	memset(cal, 0, sizeof(*cal));
	for (w = 1; w <= 5; w++)
		cal->week[w] = (struct dayhours){ 1, ny_hours };
	cal->workday_hours = (struct dayhours){ 1, ny_hours };
	cal->wd_seconds = 28800;
}

/* Sunday-only calendars whose hours meet the clock change itself. */
static void
test_sunday(void)
{
	struct calendar cal;

	memset(&cal, 0, sizeof(cal));
	cal.week[0] = (struct dayhours){ 1, whole_day };
	check_long("ny: Sunday 03-08 is 23 working hours",
	    cal_work_between(&cal, at(2026, 3, 7, 0, 0), at(2026, 3, 10, 0, 0)),
	    82800);
	check_long("ny: Sunday 11-01 is 25 working hours",
	    cal_work_between(&cal, at(2026, 10, 31, 0, 0),
	    at(2026, 11, 3, 0, 0)), 90000);
	check_time("ny: 23 working hours from Sunday 03-08 00:00",
	    cal_add_seconds(&cal, 1, at(2026, 3, 8, 0, 0), 82800),
	    "2026-03-09 00:00:00 -0400");
	cal.week[0] = (struct dayhours){ 1, night };
	check_long("ny: 01:00-04:00 on 03-08 is 2 real hours",
	    cal_work_between(&cal, at(2026, 3, 8, 0, 0), at(2026, 3, 9, 0, 0)),
	    7200);
	cal.week[0] = (struct dayhours){ 1, in_gap };
	check_long("ny: 02:30-04:00 on 03-08 is 1 real hour (gap)",
	    cal_work_between(&cal, at(2026, 3, 8, 0, 0), at(2026, 3, 9, 0, 0)),
	    3600);
	check_long("ny: 02:30-04:00 on 03-01 is 1.5 hours",
	    cal_work_between(&cal, at(2026, 3, 1, 0, 0), at(2026, 3, 2, 0, 0)),
	    5400);
	check_time("ny: next working in the gap is 03:00 EDT",
	    cal_next_working(&cal, at(2026, 3, 8, 0, 0)),
	    "2026-03-08 03:00:00 -0400");
}

/* The New York office across both clock changes of 2026. */
static void
test_new_york(void)
{
	struct calendar cal;

	zone("America/New_York");
	new_york(&cal);
	check_long("ny: work between Fri and Mon across spring forward",
	    cal_work_between(&cal, at(2026, 3, 6, 12, 0),
	    at(2026, 3, 9, 12, 0)),
	    28800);
	check_long("ny: work between Fri and Mon across fall back",
	    cal_work_between(&cal, at(2026, 10, 30, 12, 0),
	    at(2026, 11, 2, 12, 0)), 28800);
	check_due(&cal, "ny: Fri 16:00 EST + 1wd is Mon 16:00 EDT",
	    at(2026, 3, 6, 16, 0), "1wd", "2026-03-09 16:00:00 -0400");
	check_due(&cal, "ny: Fri 16:00 EDT + 1wd is Mon 16:00 EST",
	    at(2026, 10, 30, 16, 0), "1wd", "2026-11-02 16:00:00 -0500");
	check_due(&cal, "ny: wall 1d across spring forward is 24 real hours",
	    at(2026, 3, 7, 12, 0), "1d", "2026-03-08 13:00:00 -0400");
	check_due(&cal, "ny: wall 1d across fall back is 24 real hours",
	    at(2026, 10, 31, 12, 0), "1d", "2026-11-01 11:00:00 -0500");
	check_time("ny: next working from Saturday is Monday 09:00",
	    cal_next_working(&cal, at(2026, 3, 7, 12, 0)),
	    "2026-03-09 09:00:00 -0400");
	cal.always = 1;
	check_long("ny: always, 03-07 12:00 to 03-08 12:00 is 23 h",
	    cal_work_between(&cal, at(2026, 3, 7, 12, 0),
	    at(2026, 3, 8, 12, 0)),
	    82800);
	test_sunday();
}

int
main(void)
{
	test_parse();
	test_format();
	test_dates();
	test_china();
	test_always();
	test_new_york();
	return tap_end();
}
