/*
 * fuzz-when.c - times and durations as typed: when_parse() and the
 * ISO 8601, date and duration parsers under it; a time that parses is
 * printed back, a duration that parses is used on two calendars (the
 * hotel's, always open, and the government's working hours).
 */
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

/* Uses a duration as the deadlines do. */
static void
use_dur(const struct dur *d)
{
	time_t now = fq_now(), end;
	char buf[64];
	int i;

	dur_spell(d, buf, sizeof(buf));
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

	if (when_parse(fq, s, "WHEN", &t) == 0) {
		time_iso(fq->mem, t);
		time_local(fq->mem, t);
	}
	if (iso_parse(s, &t) == 0)
		time_iso(fq->mem, t);
	iso_time_of_day(s, &n);
	date_parse(s, &n);
	if (dur_parse(s, &d) == 0)
		use_dur(&d);
	fuzz_reset();
	return 0;
}
