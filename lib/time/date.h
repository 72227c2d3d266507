/*
 * date.h - civil dates as day numbers, with no time zone.
 *
 * The bottom of the time layer: the proleptic Gregorian calendar as plain
 * arithmetic, for the files above it (localtime, iso8601, calendar).
 */
#ifndef FQ_DATE_H
#define FQ_DATE_H

/* Days since 1970-01-01 of a civil date, and back. */
long day_number(int y, int m, int d);
void day_civil(long n, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" (a real date); returns 0 or -1. */
int date_parse(const char *s, long *day);

#endif
