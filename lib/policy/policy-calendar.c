/*
 * policy-calendar.c - the policy's clock and calendar: the time zone, the
 * working hours of each weekday, holidays and extra workdays, and the
 * times shifts change.  What they mean for deadlines is calendar.c's.
 *
 * Decisions:
 *  - No calendar (or `always`) is a 24-hour calendar.
 *  - Without `workday_hours` a calendar takes Monday's hours; a calendar
 *    without Monday hours must give `workday_hours` (else `1wd` is
 *    nothing).
 *  - A holiday range is at most 366 days; a day may not be both a holiday
 *    and a workday.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "localtime.h"
#include "policy-private.h"

#define MAX_RANGE	366	/* days in one holiday range */

static const char *const day_keys[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/* Parses "HH:MM" (five characters at s); minutes, or -1.  24:00 if end. */
static int
hhmm(const char *s, int end)
{
	int i, h, m;

	for (i = 0; i < 5; i++)
		if (i == 2 ? s[i] != ':' : (s[i] < '0' || s[i] > '9'))
			return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (!end || m != 0)))
		return -1;
	return h * 60 + m;
}

/* Parses one span "HH:MM-HH:MM"; 0, or -1 when it is not one. */
static int
span_parse(const char *s, struct span *sp)
{
	if (strlen(s) != 11 || s[5] != '-')
		return -1;
	sp->from = hhmm(s, 0);
	sp->to = hhmm(s + 6, 1);
	return sp->from < 0 || sp->to < 0 ? -1 : 0;
}

/* One span of a day's hours, checked against the one before. */
static int
span_item(struct ld *l, yaml_node_t *n, const char *path,
	  const struct span *prev, struct span *sp)
{
	const char *s = pol_text(l, n, path);

	if (!s)
		return -1;
	if (span_parse(s, sp) < 0) {
		pol_err(l, n, "malformed hours '%s' in %s (use HH:MM-HH:MM, "
			"such as 09:00-12:00)", s, path);
		return -1;
	}
	if (sp->from >= sp->to) {
		pol_err(l, n, "hours '%s' in %s end before they start (use "
			"HH:MM-HH:MM within one day)", s, path);
		return -1;
	}
	if (prev && sp->from < prev->to) {
		pol_err(l, n, "hours '%s' in %s overlap or precede the span "
			"before (list spans in order, without overlap)", s,
			path);
		return -1;
	}
	return 0;
}

/* A day's list of working spans. */
static void
dayhours(struct ld *l, yaml_node_t *n, const char *path, struct dayhours *dh)
{
	yaml_node_item_t *it;
	struct span *prev = NULL;

	if (isnull(n) || (n->type == YAML_SEQUENCE_NODE && !count(n))) {
		pol_err(l, n, "empty day list for %s (%s)", path,
			strstr(path, "workday_hours") ? "give at least one "
			"span, such as 09:00-12:00" : "leave the day out for a "
			"day off");
		return;
	}
	if (!pol_expect(l, n, YAML_SEQUENCE_NODE, path))
		return;
	dh->v = arena_alloc(l->a, sizeof(*dh->v) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		if (span_item(l, nodeat(l, *it), path, prev, &dh->v[dh->n]))
			continue;
		prev = &dh->v[dh->n++];
	}
}

/* `calendar.hours`: the working spans of each weekday. */
static void
week(struct ld *l, yaml_node_t *cal, const struct field *f)
{
	struct field d[7];
	yaml_node_t *n = pol_need(l, cal, f, "calendar");
	int i, any = 0;

	if (!n || !pol_expect(l, n, YAML_MAPPING_NODE, "calendar.hours"))
		return;
	for (i = 0; i < 7; i++)
		d[i] = (struct field){ day_keys[i], NULL };
	pol_fields(l, n, "calendar.hours", d, 7);
	for (i = 0; i < 7; i++) {
		if (!d[i].v)
			continue;
		any = 1;
		dayhours(l, d[i].v, pol_sub(l, "calendar.hours", d[i].key),
			 &l->p->cal.week[(i + 1) % 7]);
	}
	if (!any)
		pol_err(l, n, "no working day in calendar.hours (give the "
			"hours of at least one of mon, tue, wed, thu, fri, "
			"sat, sun)");
}

/* Orders day numbers. */
static int
daycmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Parses "DATE" or "DATE..DATE"; 0, or -1 when malformed. */
static int
range_parse(const char *s, long *a, long *b)
{
	const char *dots = strstr(s, "..");
	char first[16];

	if (!dots)
		return date_parse(s, a) < 0 ? -1 : (*b = *a, 0);
	if ((size_t)(dots - s) >= sizeof(first))
		return -1;
	memcpy(first, s, (size_t)(dots - s));
	first[dots - s] = '\0';
	return date_parse(first, a) < 0 || date_parse(dots + 2, b) < 0 ? -1 : 0;
}

/* The date of a day number, for a message. */
static const char *
datestr(struct ld *l, long day)
{
	int y, m, d;

	day_civil(day, &y, &m, &d);
	return arena_printf(l->a, "%04d-%02d-%02d", y, m, d);
}

/* 1 when day is one of the (sorted) holidays. */
static int
is_holiday(const struct calendar *c, long day)
{
	return c->nholidays && bsearch(&day, c->holidays,
				       (size_t)c->nholidays, sizeof(long),
				       daycmp) != NULL;
}

/* Splits "RANGE NAME" at its first blank: the range, and the name. */
static const char *
named(struct ld *l, const char *s, const char **name)
{
	size_t n = strcspn(s, " \t");
	const char *rest = s + n + strspn(s + n, " \t");

	*name = *rest ? arena_strdup(l->a, rest) : NULL;
	return *name ? arena_strndup(l->a, s, n) : s;
}

/* Keeps the name of holidays a..b (calendar.holidays). */
static void
name_holidays(struct ld *l, long a, long b, const char *name, int *cap)
{
	struct policy *p = l->p;

	p->holiday_names = arena_grow(l->a, p->holiday_names,
				      sizeof(*p->holiday_names), cap,
				      p->nholiday_names + 1);
	p->holiday_names[p->nholiday_names++] = (struct holiday_name){ a, b,
		name };
}

/*
 * One entry of a list of days: a date or a range, with an optional name
 * after a blank ("2026-10-01..2026-10-07 国庆节"), appended to *v.  With
 * `clash`, a day that is also a holiday is an error; without, the name
 * is kept as the holidays' name.
 */
static void
day_item(struct ld *l, yaml_node_t *n, const char *path, long **v, int *nv,
	 int *cap, int clash, int *namecap)
{
	const char *s = pol_text(l, n, path), *name;
	long a, b, d;

	if (!s)
		return;
	s = named(l, s, &name);
	if (range_parse(s, &a, &b) < 0) {
		pol_err(l, n, "malformed date '%s' in %s (use YYYY-MM-DD or "
			"YYYY-MM-DD..YYYY-MM-DD)", s, path);
		return;
	}
	if (b < a || b - a >= MAX_RANGE) {
		pol_err(l, n, "bad range '%s' in %s (the end may not come "
			"before the start, and a range is at most %d days)", s,
			path, MAX_RANGE);
		return;
	}
	for (d = a; d <= b; d++) {
		if (clash && is_holiday(&l->p->cal, d)) {
			pol_err(l, n, "day %s in %s is also a holiday (a day "
				"is either off or worked)", datestr(l, d),
				path);
			return;
		}
		*v = arena_grow(l->a, *v, sizeof(long), cap, *nv + 1);
		(*v)[(*nv)++] = d;
	}
	if (!clash && name)
		name_holidays(l, a, b, name, namecap);
}

/* A list of days (holidays or workdays), sorted and without repeats. */
static void
days(struct ld *l, const struct field *f, long **v, int *nv, int clash)
{
	const char *path = pol_sub(l, "calendar", f->key);
	yaml_node_t *n = opt(f);
	yaml_node_item_t *it;
	int i, j, cap = 0, namecap = 0;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, path))
		return;
	if (!clash && !count(n))
		l->p->holidays_none = 1;
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		day_item(l, nodeat(l, *it), path, v, nv, &cap, clash,
			 &namecap);
	if (!*nv)
		return;
	qsort(*v, (size_t)*nv, sizeof(long), daycmp);
	for (i = j = 1; i < *nv; i++)
		if ((*v)[i] != (*v)[j - 1])
			(*v)[j++] = (*v)[i];
	*nv = j;
}

const char *
policy_holiday_name(const struct policy *p, long day)
{
	int i;

	for (i = 0; i < p->nholiday_names; i++)
		if (p->holiday_names[i].first <= day &&
		    day <= p->holiday_names[i].last)
			return p->holiday_names[i].name;
	return NULL;
}

/* 1 when the calendar lists a holiday in year y. */
static int
year_listed(const struct calendar *c, int y)
{
	long first = day_number(y, 1, 1), last = day_number(y, 12, 31);
	int i;

	for (i = 0; i < c->nholidays; i++)
		if (c->holidays[i] >= first && c->holidays[i] <= last)
			return 1;
	return 0;
}

int
policy_unlisted_year(const struct policy *p, time_t from, time_t to)
{
	int y, m, d, last;

	if (p->cal.always || p->holidays_none)
		return 0;
	day_civil(time_day(to), &last, &m, &d);
	for (day_civil(time_day(from), &y, &m, &d); y <= last; y++)
		if (!year_listed(&p->cal, y))
			return y;
	return 0;
}

/* Working seconds in a day's hours. */
static long
day_seconds(const struct dayhours *dh)
{
	long s = 0;
	int i;

	for (i = 0; i < dh->n; i++)
		s += (dh->v[i].to - dh->v[i].from) * 60L;
	return s;
}

/* `workday_hours`, or Monday's; and the length of one working day. */
static void
workhours(struct ld *l, yaml_node_t *cal, const struct field *f, int hours_ok)
{
	struct calendar *c = &l->p->cal;

	if (f->v)
		dayhours(l, f->v, "calendar.workday_hours", &c->workday_hours);
	else if (c->week[1].n)
		c->workday_hours = c->week[1];
	else if (hours_ok)
		pol_err(l, cal, "missing key 'workday_hours' in calendar "
			"(there are no mon hours to take them from)");
	c->wd_seconds = day_seconds(&c->workday_hours);
}

/* A 24-hour calendar: every minute is working time. */
static void
always(struct ld *l)
{
	struct calendar *c = &l->p->cal;
	struct span *all = arena_alloc(l->a, sizeof(*all));
	int i;

	all->from = 0;
	all->to = 1440;
	c->always = 1;
	for (i = 0; i < 7; i++)
		c->week[i] = (struct dayhours){ 1, all };
	c->workday_hours = c->week[1];
	c->wd_seconds = 86400;
}

/* `calendar`: absent, `always`, or a mapping of hours and days. */
void
pol_calendar(struct ld *l, yaml_node_t *n)
{
	struct calendar *c = &l->p->cal;
	struct field f[] = {
		{ "hours", NULL }, { "holidays", NULL }, { "workdays", NULL },
		{ "workday_hours", NULL },
	};
	int before;

	if (!n || isnull(n) ||
	    (n->type == YAML_SCALAR_NODE && !strcmp(sv(n), "always"))) {
		always(l);
		return;
	}
	if (n->type == YAML_SCALAR_NODE) {
		pol_err(l, n, "unknown calendar '%s' (use always, or a mapping "
			"with hours, holidays, workdays and workday_hours)",
			sv(n));
		return;
	}
	if (!pol_expect(l, n, YAML_MAPPING_NODE, "calendar"))
		return;
	pol_fields(l, n, "calendar", f, NFIELDS(f));
	before = l->nerrs;
	week(l, n, &f[0]);
	days(l, &f[1], &c->holidays, &c->nholidays, 0);
	days(l, &f[2], &c->workdays, &c->nworkdays, 1);
	workhours(l, n, &f[3], l->nerrs == before);
}

/* ---- the time zone ---- */

/* 1 when name is a zone: a TZif file under $TZDIR or /usr/share/zoneinfo. */
static int
tzknown(const char *name)
{
	const char *dir = getenv("TZDIR"), *p, *slash;
	char path[4096], magic[4];
	struct stat st;
	FILE *fp;
	size_t n;

	if (!dir || !*dir)
		dir = "/usr/share/zoneinfo";
	if (!*name || *name == '/' || strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_+-.") != strlen(name))
		return 0;
	for (p = name; p; p = slash ? slash + 1 : NULL) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || !strncmp(p, ".", n) || !strncmp(p, "..", n))
			return 0;
	}
	n = (size_t)snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n >= sizeof(path) || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	if (!(fp = fopen(path, "rb")))
		return 0;
	n = fread(magic, 1, sizeof(magic), fp);
	fclose(fp);
	return n == sizeof(magic) && !memcmp(magic, "TZif", 4);
}

/* `timezone`: a known IANA zone name. */
void
pol_timezone(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = pol_need(l, root, f, "");
	const char *s;

	if (!n || !(s = pol_text(l, n, "timezone")))
		return;
	if (!tzknown(s))
		pol_err(l, n, "unknown time zone '%s' (use an IANA name such "
			"as Asia/Shanghai)", s);
	else
		l->p->timezone = arena_strdup(l->a, s);
}

/* ---- shifts ---- */

/* Orders minutes. */
static int
intcmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* `shifts`: the times shifts change, "HH:MM", kept ascending. */
void
pol_shifts(struct ld *l, const struct field *f)
{
	struct policy *p = l->p;
	yaml_node_t *n = opt(f), *item;
	yaml_node_item_t *it;
	const char *s;
	int i, m;

	if (!n || !pol_expect(l, n, YAML_SEQUENCE_NODE, "shifts"))
		return;
	p->shifts = arena_alloc(l->a, sizeof(int) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		item = nodeat(l, *it);
		if (!(s = pol_text(l, item, "shifts")))
			continue;
		if (strlen(s) != 5 || (m = hhmm(s, 0)) < 0) {
			pol_err(l, item, "malformed time '%s' in shifts (use "
				"HH:MM, such as 07:00)", s);
			continue;
		}
		for (i = 0; i < p->nshifts && p->shifts[i] != m; i++)
			;
		if (i < p->nshifts)
			pol_err(l, item, "duplicate shift '%s' in shifts", s);
		else
			p->shifts[p->nshifts++] = m;
	}
	if (p->nshifts > 1)
		qsort(p->shifts, (size_t)p->nshifts, sizeof(int), intcmp);
}
