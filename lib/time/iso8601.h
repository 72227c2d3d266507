/*
 * iso8601.h - times as text: ISO 8601 in, and out.
 *
 * One parser, in two strengths, and one printer.  The stored form is what
 * fq writes (export, --format json) and reads back (import):
 * "2026-11-27T03:00:00+08:00", seconds and offset always there.  The
 * typed form is what a person writes on the command line (when_parse).
 */
#ifndef FQ_ISO8601_H
#define FQ_ISO8601_H

#include <time.h>
#include "arena.h"

/*
 * Parses the stored form: "YYYY-MM-DDTHH:MM:SS" and then "Z", "+08:00"
 * or "+0800" (at most 14 hours), a moment after 1970-01-01T00:00:00Z.
 * Returns 0, or -1 leaving *t alone.  Reads no time zone and keeps no
 * state, so any thread may call it (import's reader does).
 */
int iso_parse(const char *s, time_t *t);
/*
 * Parses the typed form: the stored form, and also "t" or a space for
 * "T", no seconds ("2026-11-27 14:05"), "z", "+08" or "+08:" for the
 * offset, no offset (local time, see local_time_to_t) and a date alone
 * (local midnight).  Returns 0, or -1 leaving *t alone.
 */
int iso_parse_typed(const char *s, time_t *t);
/* Parses a time of day, "HH:MM" or "HH:MM:SS", into seconds; 0 or -1. */
int iso_time_of_day(const char *s, long *secs);

/*
 * The stored form of t in local time with its offset,
 * "2026-11-27T03:00:00+08:00", allocated from `a`.  iso_parse() reads it
 * back as t.
 */
char *time_iso(struct arena *a, time_t t);
/* Local "YYYY-MM-DD HH:MM", for people, allocated from `a`. */
char *time_local(struct arena *a, time_t t);

#endif
