/*
 * time-test.c - unit tests of the time layer (lib/time/), printed as TAP.
 *
 * ISO 8601: the stored form and the typed form, what each refuses, and
 * the printer read back by the parser.  The local wall clock to time_t
 * across the clock changes of Europe/Berlin (2024-03-31, 02:00-03:00
 * skipped; 2024-10-27, 02:00-03:00 twice) and America/New_York
 * (2024-03-10; 2024-11-03, 01:00-02:00 twice).  And that the calendar,
 * the shift changes and a time typed on the command line agree on a wall
 * time the clock skips or repeats.  Each group sets TZ itself; a time is
 * shown in UTC, so that what is expected does not depend on the zone.
 * Exits 1 when any check failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "clock.h"
#include "policy.h"
#include "shift.h"
#include "tap.h"

/* t in UTC, "2024-03-31T01:00:00Z", in buf. */
static const char *
utc(time_t t, char *buf, size_t size)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		snprintf(buf, size, "(bad time)");
	else
		strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

/* Checks a moment against its UTC form. */
static void
check_utc(const char *desc, time_t got, const char *want)
{
	char g[64];

	check_str(desc, utc(got, g, sizeof(g)), want);
}

/* The day number of "YYYY-MM-DD", which the test knows to be a date. */
static long
day(const char *s)
{
	long d = 0;

	if (date_parse(s, &d) != 0) {
		printf("# bad date in test: %s\n", s);
		nfailed++;
	}
	return d;
}

/* Checks that the stored form parses to the moment `want` (UTC). */
static void
stored_ok(const char *s, const char *want)
{
	char desc[128], g[64];
	time_t t = 0;

	snprintf(desc, sizeof(desc), "iso_parse '%s'", s);
	if (iso_parse(s, &t) != 0)
		report(0, desc, "-1", want);
	else
		check_str(desc, utc(t, g, sizeof(g)), want);
}

/* Checks that iso_parse refuses s and leaves *t alone. */
static void
stored_bad(const char *s)
{
	char desc[128];
	time_t t = 7;
	int r = iso_parse(s, &t);

	snprintf(desc, sizeof(desc), "iso_parse refuses '%s'", s);
	report(r == -1 && t == 7, desc, "accepted", "-1");
}

/* Checks that the typed form parses to the moment `want` (UTC). */
static void
typed_ok(const char *s, const char *want)
{
	char desc[128], g[64];
	time_t t = 0;

	snprintf(desc, sizeof(desc), "iso_parse_typed '%s'", s);
	if (iso_parse_typed(s, &t) != 0)
		report(0, desc, "-1", want);
	else
		check_str(desc, utc(t, g, sizeof(g)), want);
}

/* Checks that iso_parse_typed refuses s and leaves *t alone. */
static void
typed_bad(const char *s)
{
	char desc[128];
	time_t t = 7;
	int r = iso_parse_typed(s, &t);

	snprintf(desc, sizeof(desc), "iso_parse_typed refuses '%s'", s);
	report(r == -1 && t == 7, desc, "accepted", "-1");
}

/* The stored form: what export writes, and nothing looser. */
static void
test_stored(void)
{
	static const char *bad[] = {
		"", "2026-11-27", "2026-11-27T03:00+08:00",
		"2026-11-27T03:00:00", "2026-11-27 03:00:00+08:00",
		"2026-11-27t03:00:00+08:00", "2026-11-27T03:00:00z",
		"2026-11-27T03:00:00+08", "2026-11-27T03:00:00+08:",
		"2026-11-27T03:00:00+08:0", "2026-11-27T03:00:00+8:00",
		"2026-11-27T03:00:00+15:00", "2026-11-27T03:00:00+08:60",
		"2026-11-27T03:00:00+08:00 ", "2026-11-27T03:00:00+08:00Z",
		"2026-11-27T03:00:00 +08:00", "2026-11-27T3:00:00+08:00",
		"2026-11-27T24:00:00Z", "2026-11-27T03:60:00Z",
		"2026-11-27T03:00:60Z", "2026-02-29T03:00:00Z",
		"2026-13-01T03:00:00Z", "2026-11-27T03:00:00.5Z",
		"1970-01-01T00:00:00Z", "1970-01-01T08:00:00+08:00",
		"1969-12-31T23:59:59Z", "2026-11-27T03:00:00UTC",
	};
	size_t i;

	zone("Asia/Shanghai");
	stored_ok("2026-11-27T03:00:00+08:00", "2026-11-26T19:00:00Z");
	stored_ok("2026-11-27T03:00:00+0800", "2026-11-26T19:00:00Z");
	stored_ok("2026-11-27T03:00:00Z", "2026-11-27T03:00:00Z");
	stored_ok("2026-11-27T03:00:00-05:00", "2026-11-27T08:00:00Z");
	stored_ok("2026-11-27T03:00:00-00:00", "2026-11-27T03:00:00Z");
	stored_ok("2026-11-27T03:00:00+05:45", "2026-11-26T21:15:00Z");
	stored_ok("2026-11-27T03:00:00+14:00", "2026-11-26T13:00:00Z");
	stored_ok("2024-02-29T23:59:59-12:00", "2024-03-01T11:59:59Z");
	stored_ok("1970-01-01T00:00:01Z", "1970-01-01T00:00:01Z");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		stored_bad(bad[i]);
}

/* The typed form: the stored form and what a person writes. */
static void
test_typed(void)
{
	static const char *bad[] = {
		"", "2026-11-2", "2026-11-27T", "2026-11-27 ", "2026-11-27T14",
		"2026-11-27T14:5", "2026-11-27T14:05:", "2026-11-27x14:05",
		"2026-11-27T24:00", "2026-11-27T14:05Z ", "2026-11-27T14:05+8",
		"2026-11-27T14:05+15", "2026-11-27T14:05+08:6",
		"2026-11-27T14:05UTC", "14:05", "now", "-8h",
	};
	size_t i;

	zone("Asia/Shanghai");
	typed_ok("2026-11-27T03:00:00+08:00", "2026-11-26T19:00:00Z");
	typed_ok("2026-11-27", "2026-11-26T16:00:00Z");
	typed_ok("2026-11-27T14:05", "2026-11-27T06:05:00Z");
	typed_ok("2026-11-27t14:05", "2026-11-27T06:05:00Z");
	typed_ok("2026-11-27 14:05:30", "2026-11-27T06:05:30Z");
	typed_ok("2026-11-27 14:05z", "2026-11-27T14:05:00Z");
	typed_ok("2026-11-27T14:05Z", "2026-11-27T14:05:00Z");
	typed_ok("2026-11-27T14:05+08", "2026-11-27T06:05:00Z");
	typed_ok("2026-11-27T14:05+08:", "2026-11-27T06:05:00Z");
	typed_ok("2026-11-27T14:05-0330", "2026-11-27T17:35:00Z");
	typed_ok("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		typed_bad(bad[i]);
	zone("Europe/Berlin");
	typed_ok("2024-03-31 02:30", "2024-03-31T01:00:00Z");
	typed_ok("2024-10-27 02:30", "2024-10-27T00:30:00Z");
	typed_ok("2024-03-31", "2024-03-30T23:00:00Z");
	typed_ok("2024-10-28", "2024-10-27T23:00:00Z");
}

/* A time of day on its own. */
static void
test_time_of_day(void)
{
	static const char *bad[] = {
		"", "14", "14:5", "14:05:", "14:05:3", "24:00", "14:60",
		"14:05:60", "14:05 ", " 14:05", "14h05", "2026-11-27",
	};
	char g[32];
	long secs = 0;
	size_t i;

	report(iso_time_of_day("14:05", &secs) == 0 && secs == 50700,
	       "iso_time_of_day '14:05' is 50700 s",
	       (snprintf(g, sizeof(g), "%ld", secs), g), "50700");
	report(iso_time_of_day("23:59:59", &secs) == 0 && secs == 86399,
	       "iso_time_of_day '23:59:59' is 86399 s",
	       (snprintf(g, sizeof(g), "%ld", secs), g), "86399");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char desc[64];

		secs = 7;
		snprintf(desc, sizeof(desc), "iso_time_of_day refuses '%s'",
			 bad[i]);
		report(iso_time_of_day(bad[i], &secs) == -1 && secs == 7, desc,
		       "accepted", "-1");
	}
}

/*
 * The printer in a zone, and the parser reading it back: every 77 minutes
 * and 7 seconds over two years (both clock changes of each), and the
 * exact text of a few.
 */
static void
test_print(void)
{
	static const char *zones[] = {
		"UTC", "Asia/Shanghai", "Europe/Berlin", "America/New_York",
		"Asia/Kolkata", "America/St_Johns", "Asia/Kathmandu",
		"Pacific/Chatham", "Australia/Lord_Howe",
	};
	struct arena *a = arena_new();
	char desc[96], g[160] = "", w[160] = "";
	const char *s;
	time_t t, back;
	size_t z;
	int ok;

	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		zone(zones[z]);
		ok = 1;
		for (t = 1704067200; ok && t < 1767225600; t += 77 * 60 + 7) {
			s = time_iso(a, t);
			back = 0;
			if (iso_parse(s, &back) || back != t) {
				snprintf(g, sizeof(g), "%s -> %lld", s,
					 (long long)back);
				snprintf(w, sizeof(w), "%lld", (long long)t);
				ok = 0;
			}
		}
		snprintf(desc, sizeof(desc),
			 "%s: iso_parse reads time_iso back, 2024-2025",
			 zones[z]);
		report(ok, desc, g, w);
	}
	zone("Europe/Berlin");
	check_str("berlin: time_iso at the end of the gap",
		  time_iso(a, 1711846800), "2024-03-31T03:00:00+02:00");
	check_str("berlin: time_iso, first 02:30 of 2024-10-27",
		  time_iso(a, 1729989000), "2024-10-27T02:30:00+02:00");
	check_str("berlin: time_iso, second 02:30 of 2024-10-27",
		  time_iso(a, 1729992600), "2024-10-27T02:30:00+01:00");
	check_str("berlin: time_local, second 02:30 of 2024-10-27",
		  time_local(a, 1729992600), "2024-10-27 02:30");
	zone("America/St_Johns");
	check_str("st johns: time_iso with a half-hour offset",
		  time_iso(a, 1732676400), "2024-11-26T23:30:00-03:30");
	arena_free(a);
}

/* Checks local_time_to_t(day, HH:MM:SS) against its moment in UTC. */
static void
check_local(const char *zn, const char *date, int hh, int mm, int ss,
	    const char *want)
{
	char desc[128];

	snprintf(desc, sizeof(desc), "%s: %s %02d:%02d:%02d is %s", zn, date,
		 hh, mm, ss, want);
	check_utc(desc, local_time_to_t(day(date), hh * 3600L + mm * 60L + ss),
		  want);
}

/*
 * The rule, minute by minute over three days: the moment a wall time
 * gives reads that time or later, and no moment before it does (one an
 * hour earlier neither, so a repeated hour gives its first pass).
 */
static void
check_rule(const char *zn, const char *date)
{
	long d = day(date) - 1, m;
	char desc[128], g[96] = "", w[96] = "";
	int ok = 1;

	for (m = 0; ok && m < 3 * 1440; m++) {
		long long want = (long long)d * 86400 + m * 60;
		time_t t = local_time_to_t(d, m * 60);

		if (local_wall(t) < want || local_wall(t - 1) >= want ||
		    local_wall(t - 3600) >= want) {
			snprintf(g, sizeof(g), "%lld for minute %ld",
				 (long long)t, m);
			snprintf(w, sizeof(w), "the first moment at %lld",
				 want);
			ok = 0;
		}
	}
	snprintf(desc, sizeof(desc),
		 "%s: every minute around %s is its first moment", zn, date);
	report(ok, desc, g, w);
}

/* Local wall clock to time_t across the clock changes. */
static void
test_local(void)
{
	zone("Europe/Berlin");
	check_local("berlin", "2024-03-31", 1, 59, 0, "2024-03-31T00:59:00Z");
	check_local("berlin", "2024-03-31", 2, 0, 0, "2024-03-31T01:00:00Z");
	check_local("berlin", "2024-03-31", 2, 30, 0, "2024-03-31T01:00:00Z");
	check_local("berlin", "2024-03-31", 2, 59, 59, "2024-03-31T01:00:00Z");
	check_local("berlin", "2024-03-31", 3, 0, 0, "2024-03-31T01:00:00Z");
	check_local("berlin", "2024-03-31", 3, 30, 0, "2024-03-31T01:30:00Z");
	check_local("berlin", "2024-10-27", 1, 59, 0, "2024-10-26T23:59:00Z");
	check_local("berlin", "2024-10-27", 2, 0, 0, "2024-10-27T00:00:00Z");
	check_local("berlin", "2024-10-27", 2, 30, 0, "2024-10-27T00:30:00Z");
	check_local("berlin", "2024-10-27", 2, 59, 59, "2024-10-27T00:59:59Z");
	check_local("berlin", "2024-10-27", 3, 0, 0, "2024-10-27T02:00:00Z");
	check_local("berlin", "2024-10-27", 12, 0, 0, "2024-10-27T11:00:00Z");
	check_utc("berlin: midnight starting 2024-03-31",
		  day_start(day("2024-03-31")), "2024-03-30T23:00:00Z");
	check_utc("berlin: 24:00 on 2024-03-30 is the next midnight",
		  local_time_to_t(day("2024-03-30"), 86400),
		  "2024-03-30T23:00:00Z");
	check_rule("berlin", "2024-03-31");
	check_rule("berlin", "2024-10-27");

	zone("America/New_York");
	check_local("new york", "2024-03-10", 1, 59, 0, "2024-03-10T06:59:00Z");
	check_local("new york", "2024-03-10", 2, 0, 0, "2024-03-10T07:00:00Z");
	check_local("new york", "2024-03-10", 2, 30, 0, "2024-03-10T07:00:00Z");
	check_local("new york", "2024-03-10", 3, 0, 0, "2024-03-10T07:00:00Z");
	check_local("new york", "2024-03-10", 3, 30, 0, "2024-03-10T07:30:00Z");
	check_local("new york", "2024-11-03", 0, 59, 0, "2024-11-03T04:59:00Z");
	check_local("new york", "2024-11-03", 1, 0, 0, "2024-11-03T05:00:00Z");
	check_local("new york", "2024-11-03", 1, 30, 0, "2024-11-03T05:30:00Z");
	check_local("new york", "2024-11-03", 2, 0, 0, "2024-11-03T07:00:00Z");
	check_rule("new york", "2024-03-10");
	check_rule("new york", "2024-11-03");

	zone("Asia/Shanghai");
	check_local("shanghai", "2026-11-27", 3, 0, 0, "2026-11-26T19:00:00Z");
	check_rule("shanghai", "2026-11-27");
}

/*
 * A time typed on the command line, the next shift change and the next
 * working time, all for the wall time `hhmm` on `date`, and what the rule
 * says it is.  FQ_NOW is just after the day's midnight, so "HH:MM" alone
 * is that day.
 */
static void
check_agree(const char *zn, const char *date, int hhmm_min, const char *now,
	    const char *want)
{
	struct arena *a = arena_new();
	struct fq fq = { .cmd = "test", .mem = a };
	int shifts[1] = { hhmm_min };
	struct span sp = { hhmm_min, 1440 };
	struct calendar cal;
	struct policy p;
	char typed[32], hm[16], desc[128];
	time_t t = 0, midnight = day_start(day(date));
	int i;

	memset(&cal, 0, sizeof(cal));
	for (i = 0; i < 7; i++) {
		cal.week[i].n = 1;
		cal.week[i].v = &sp;
	}
	memset(&p, 0, sizeof(p));
	p.nshifts = 1;
	p.shifts = shifts;
	snprintf(hm, sizeof(hm), "%02d:%02d", hhmm_min / 60,
		 hhmm_min % 60);
	snprintf(typed, sizeof(typed), "%s %s", date, hm);

	snprintf(desc, sizeof(desc), "%s: the rule: %s is %s", zn, typed,
		 want);
	check_utc(desc, local_time_to_t(day(date), hhmm_min * 60L), want);
	snprintf(desc, sizeof(desc), "%s: when_parse '%s'", zn, typed);
	if (when_parse(&fq, typed, "--promise", &t))
		t = 0;
	check_utc(desc, t, want);
	typed[10] = 'T';
	snprintf(desc, sizeof(desc), "%s: when_parse '%s'", zn, typed);
	if (when_parse(&fq, typed, "--promise", &t))
		t = 0;
	check_utc(desc, t, want);
	setenv("FQ_NOW", now, 1);
	snprintf(desc, sizeof(desc), "%s: when_parse '%s' with FQ_NOW %s", zn,
		 hm, now);
	if (clock_init(&fq) || when_parse(&fq, hm, "--promise", &t))
		t = 0;
	check_utc(desc, t, want);
	unsetenv("FQ_NOW");
	snprintf(desc, sizeof(desc), "%s: shift change at %s after midnight",
		 zn, hm);
	check_utc(desc, shift_next(&p, midnight), want);
	snprintf(desc, sizeof(desc), "%s: working hours from %s start then",
		 zn, hm);
	check_utc(desc, cal_next_working(&cal, midnight), want);
	arena_free(a);
}

/* The calendar, shifts and when_parse agree on skipped and repeated times. */
static void
test_agree(void)
{
	zone("Europe/Berlin");
	check_agree("berlin", "2024-03-31", 150, "2024-03-31T00:10:00+01:00",
		    "2024-03-31T01:00:00Z");
	check_agree("berlin", "2024-10-27", 150, "2024-10-27T00:10:00+02:00",
		    "2024-10-27T00:30:00Z");
	zone("America/New_York");
	check_agree("new york", "2024-03-10", 150, "2024-03-10T00:10:00-05:00",
		    "2024-03-10T07:00:00Z");
	check_agree("new york", "2024-11-03", 90, "2024-11-03T00:10:00-04:00",
		    "2024-11-03T05:30:00Z");
}

/* when_parse's message for what it cannot read is unchanged. */
static void
test_when_message(void)
{
	struct arena *a = arena_new();
	struct fq fq = { .cmd = "test", .mem = a };
	time_t t = 7;
	int rc;

	zone("Asia/Shanghai");
	rc = when_parse(&fq, "2026-11-27T25:00", "--since", &t);
	report(rc == FQ_EDATA && t == 7, "when_parse refuses 25:00 (65)",
	       "accepted", "65");
	check_str("when_parse names the option and the text", fq.err ? fq.err
		  : "", "--since: malformed time '2026-11-27T25:00' (use "
		  "2026-11-27, 2026-11-27T14:05, 14:05, an ISO 8601 time with "
		  "offset, or -8h / 30m)");
	arena_free(a);
}

int
main(void)
{
	unsetenv("FQ_NOW");
	test_stored();
	test_typed();
	test_time_of_day();
	test_print();
	test_local();
	test_agree();
	test_when_message();
	return tap_end();
}
