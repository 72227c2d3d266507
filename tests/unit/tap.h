/*
 * tap.h - the checks of the unit tests that print TAP (time-test.c,
 * calendar-test.c): each check one "ok N - ..." or "not ok N - ... #
 * got ... want ..." line, and tap_end() for the plan and the exit status.
 * Header-only (static inline), for test programs alone.
 */
#ifndef FQ_TAP_H
#define FQ_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int ntests, nfailed;

/* Reports one check; `got` and `want` are shown when it failed. */
static inline void
report(int pass, const char *desc, const char *got, const char *want)
{
	ntests++;
	if (pass) {
		printf("ok %d - %s\n", ntests, desc);
		return;
	}
	nfailed++;
	printf("not ok %d - %s # got %s want %s\n", ntests, desc, got, want);
}

/* Checks two strings for equality. */
static inline void
check_str(const char *desc, const char *got, const char *want)
{
	report(strcmp(got, want) == 0, desc, got, want);
}

/* Checks two numbers for equality. */
static inline void
check_long(const char *desc, long got, long want)
{
	char g[32], w[32];

	snprintf(g, sizeof(g), "%ld", got);
	snprintf(w, sizeof(w), "%ld", want);
	report(got == want, desc, g, w);
}

/* Sets the process time zone. */
static inline void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* The plan, and main's exit status: 1 when any check failed. */
static inline int
tap_end(void)
{
	printf("1..%d\n", ntests);
	if (nfailed > 0)
		printf("# %d of %d failed\n", nfailed, ntests);
	return nfailed > 0;
}

#endif
