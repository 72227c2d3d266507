/*
 * fuzz-when.c - times and durations as typed: when_parse() and the
 * ISO 8601, date and duration parsers under it.  A time that parses
 * must print as a time that reads back the same; a duration likewise,
 * and it is used on two calendars (the hotel's, always open, and the
 * government's working hours).
 */
#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"
#include "clock.h"
#include "fuzz.h"
#include "policy.h"

static const struct calendar *cals[2];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	setenv("FQ_NOW", "2026-11-27T03:00:00+08:00", 1);
	cals[0] = &fuzz_policy("hotel.yaml")->cal;
	cals[1] = &fuzz_policy("government.yaml")->cal;
	if (clock_init(fuzz_fq()))
		abort();
	fuzz_reset();
	return 0;
}

/* Stops the run: `what` of input s does not hold. */
static void
broken(const char *what, const char *s)
{
	fprintf(stderr, "fuzz: %s, for '%s'\n", what, s);
	abort();
}

/* Checks that time_iso() of t reads back as t (export, then import). */
static void
round_trip(time_t t, const char *s)
{
	time_t back;

	if (t >= 0 && (iso_parse(time_iso(fuzz_fq()->mem, t), &back) ||
		       back != t))
		broken("time_iso() does not read back", s);
	time_local(fuzz_fq()->mem, t);
}

/* Uses a duration as the deadlines do; its spelling must read back. */
static void
use_dur(const struct dur *d, const char *s)
{
	time_t now = fq_now(), end;
	struct dur back;
	char buf[64];
	int i;

	if (dur_parse(dur_spell(d, buf, sizeof(buf)), &back) ||
	    back.work != d->work || back.secs != d->secs || back.wd != d->wd)
		broken("dur_spell() does not read back", s);
	for (i = 0; i < 2; i++) {
		dur_format(dur_seconds(cals[i], d), buf, sizeof(buf));
		end = cal_deadline(cals[i], now, d);
		if (end != (time_t)-1)
			cal_used(cals[i], d, now, end);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fq *fq = fuzz_fq();
	char *s = fuzz_string(data, size);
	struct dur d;
	time_t t;
	long n;

	if (when_parse(fq, s, "WHEN", &t) == 0)
		round_trip(t, s);
	if (iso_parse(s, &t) == 0)
		round_trip(t, s);
	iso_time_of_day(s, &n);
	date_parse(s, &n);
	if (dur_parse(s, &d) == 0)
		use_dur(&d, s);
	fuzz_reset();
	return 0;
}
