/*
 * policy.c - the YAML policy: read with libyaml's document API, checked
 * section by section, every error kept with its line and column.
 *
 * The loader does not stop at the first error.  Each section is checked as
 * far as it goes, and the errors are handed back together, in the order
 * of the file, as "FILE:LINE:COL: message".  Lines and columns count from
 * 1; a column counts characters, as libyaml's marks do.
 *
 * Decisions:
 *  - Ids (departments, staff, categories) are 1 to 64 of [A-Za-z0-9._-],
 *    starting with a letter or digit, so they can be typed as arguments.
 *    Display names are any one line of text, and two departments (or two
 *    categories) may not share one: `--dept NAME` must mean one thing.
 *  - An empty value (`key:`, `~`, `null`) counts as absent for an optional
 *    key and as missing for a required one.
 *  - Booleans are `true` or `false`; the version is `1`.
 *  - Without `workday_hours` a calendar takes Monday's hours; a calendar
 *    without Monday hours must give `workday_hours` (else `1wd` is
 *    nothing).
 *  - Escalation levels must climb (80%, then 100%, ...); `notify` role
 *    words win over a staff member with the same login.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "policy.h"

#define MAX_SIZE	(4L * 1024 * 1024)	/* a policy is a few kB */
#define MAX_RANGE	366	/* days in one holiday range */
#define MAX_ID		64	/* bytes in an id */
#define MAX_KNOWN	12	/* ids listed in a "known:" hint */

#define NFIELDS(f)	((int)(sizeof(f) / sizeof((f)[0])))

/* One error, kept until they are all sorted by position. */
struct perr {
	long line, col;
	int seq;
	const char *msg;
};

/* The loader's state. */
struct ld {
	struct fq *fq;
	struct policy *p;
	struct arena *a;	/* p->mem */
	const char *label;	/* the file's name in messages */
	char *text;		/* the whole file */
	size_t len;
	yaml_document_t doc;
	struct perr *errs;
	int nerrs, caperrs;
};

/* A key a mapping may hold, and the value found for it. */
struct field {
	const char *key;
	yaml_node_t *v;
};

/* The sections of the top level, in the order of `top` below. */
enum {
	T_VERSION, T_ORG, T_TZ, T_CAL, T_DEPTS, T_STAFF, T_DEFAULTS, T_CATS,
	T_DEFCAT, T_ESC, T_FORBIDDEN, T_SHIFTS, T_MAILFROM, T_N
};

static const char *const top_keys[T_N] = {
	"version", "organization", "timezone", "calendar", "departments",
	"staff", "defaults", "categories", "default_category", "escalation",
	"forbidden_phrases", "shifts", "mail_from",
};

static const char *const day_keys[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

static const char *const notify_roles[] = {
	"holder", "owner", "supervisor", "managers"
};

static const char dur_hint[] = "use 90s, 3m, 2h, 1d, 1h30m, 4bh or 1wd";

static void errat(struct ld *, long, long, const char *, ...)
	__attribute__((format(printf, 4, 5)));
static void nerr(struct ld *, const yaml_node_t *, const char *, ...)
	__attribute__((format(printf, 3, 4)));

/* Records an error at a 1-based line and column. */
static void
verrat(struct ld *l, long line, long col, const char *fmt, va_list ap)
{
	struct perr *e;

	l->errs = arena_grow(l->a, l->errs, sizeof(*l->errs), &l->caperrs,
			     l->nerrs + 1);
	e = &l->errs[l->nerrs];
	e->line = line;
	e->col = col;
	e->seq = l->nerrs++;
	e->msg = arena_vprintf(l->a, fmt, ap);
}

/* Records an error at a 1-based line and column. */
static void
errat(struct ld *l, long line, long col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrat(l, line, col, fmt, ap);
	va_end(ap);
}

/* Records an error at the start of node n. */
static void
nerr(struct ld *l, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrat(l, (long)n->start_mark.line + 1, (long)n->start_mark.column + 1,
	       fmt, ap);
	va_end(ap);
}

/* Orders errors by position, then by the order they were found in. */
static int
errcmp(const void *a, const void *b)
{
	const struct perr *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq - y->seq;
}

/* Hands every error to fq as one raw message; returns FQ_ECONFIG. */
static int
report(struct ld *l)
{
	const struct perr *e;
	int i;

	if (l->nerrs > 1)
		qsort(l->errs, (size_t)l->nerrs, sizeof(*l->errs), errcmp);
	for (i = 0; i < l->nerrs; i++) {
		e = &l->errs[i];
		if (i == 0)
			fq_fail(l->fq, FQ_ECONFIG, "%s:%ld:%ld: %s", l->label,
				e->line, e->col, e->msg);
		else
			fq_fail_more(l->fq, "%s:%ld:%ld: %s", l->label,
				     e->line, e->col, e->msg);
	}
	l->fq->err_raw = 1;
	return FQ_ECONFIG;
}

/* The node with index i of the document. */
static yaml_node_t *
nodeat(struct ld *l, int i)
{
	return yaml_document_get_node(&l->doc, i);
}

/* A scalar's value. */
static const char *
sv(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* 1 when n is YAML's null: a plain empty, '~' or 'null' scalar. */
static int
isnull(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = sv(n);
	return !strcmp(s, "") || !strcmp(s, "~") || !strcmp(s, "null") ||
	       !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* The field's value, or NULL when it is absent or empty. */
static yaml_node_t *
opt(const struct field *f)
{
	return f->v && !isnull(f->v) ? f->v : NULL;
}

/* How a node is named in messages. */
static const char *
kind(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return "a mapping";
	if (n->type == YAML_SEQUENCE_NODE)
		return "a list";
	return isnull(n) ? "an empty value" : "a string";
}

/* 1 when n has type t; else records what was expected at path. */
static int
expect(struct ld *l, yaml_node_t *n, yaml_node_type_t t, const char *path)
{
	const char *want;

	if (n->type == t && !isnull(n))
		return 1;
	want = t == YAML_MAPPING_NODE ? "a mapping" :
	       t == YAML_SEQUENCE_NODE ? "a list" : "a string";
	nerr(l, n, "expected %s for %s, not %s", want, path, kind(n));
	return 0;
}

/*
 * The path of `key` under `path`: "categories.inquiry.name", or for a
 * list item "repeat of escalation level 2".  The top level is "".
 */
static const char *
sub(struct ld *l, const char *path, const char *key)
{
	if (!*path)
		return key;
	if (strchr(path, ' '))
		return arena_printf(l->a, "%s of %s", key, path);
	return arena_printf(l->a, "%s.%s", path, key);
}

/* A path as the subject of "in ...". */
static const char *
where(const char *path)
{
	return *path ? path : "the policy";
}

/* A scalar's text, with no NUL in it; NULL after an error. */
static const char *
text(struct ld *l, yaml_node_t *n, const char *path)
{
	if (n->type != YAML_SCALAR_NODE) {
		nerr(l, n, "expected a string for %s, not %s", path, kind(n));
		return NULL;
	}
	if (strlen(sv(n)) != n->data.scalar.length) {
		nerr(l, n, "NUL character in %s", path);
		return NULL;
	}
	return sv(n);
}

/* One line of text (a name, a phone, a phrase) copied to the arena. */
static const char *
line(struct ld *l, yaml_node_t *n, const char *path)
{
	const unsigned char *s;

	if (!(s = (const unsigned char *)text(l, n, path)))
		return NULL;
	if (!*s) {
		nerr(l, n, "empty value for %s (expected some text)", path);
		return NULL;
	}
	for (; *s; s++) {
		if (*s < 0x20 || *s == 0x7f) {
			nerr(l, n, "control character in %s (expected one "
			     "line of text)", path);
			return NULL;
		}
	}
	return arena_strdup(l->a, sv(n));
}

/* 1 when the key of pair pr is a usable key of m, and not a repeat. */
static int
keyok(struct ld *l, yaml_node_t *m, yaml_node_pair_t *pr, const char *path)
{
	yaml_node_t *k = nodeat(l, pr->key), *k2;
	yaml_node_pair_t *q;

	if (k->type != YAML_SCALAR_NODE) {
		nerr(l, k, "expected a plain key in %s, not %s", where(path),
		     kind(k));
		return 0;
	}
	for (q = m->data.mapping.pairs.start; q < pr; q++) {
		k2 = nodeat(l, q->key);
		if (k2->type == YAML_SCALAR_NODE && !strcmp(sv(k2), sv(k))) {
			nerr(l, k, "duplicate key '%s' in %s (first at line "
			     "%lu)", sv(k), where(path),
			     (unsigned long)k2->start_mark.line + 1);
			return 0;
		}
	}
	return 1;
}

/* The keys of f, as a list for a message. */
static const char *
keylist(struct ld *l, const struct field *f, int nf)
{
	const char *s = f[0].key;
	int i;

	for (i = 1; i < nf; i++)
		s = arena_printf(l->a, "%s, %s", s, f[i].key);
	return s;
}

/*
 * Sorts the values of mapping m into f by key, recording unknown and
 * duplicate keys.  m must be a mapping.
 */
static void
fields(struct ld *l, yaml_node_t *m, const char *path, struct field *f,
       int nf)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;
	int i;

	for (pr = m->data.mapping.pairs.start;
	     pr < m->data.mapping.pairs.top; pr++) {
		if (!keyok(l, m, pr, path))
			continue;
		k = nodeat(l, pr->key);
		for (i = 0; i < nf && strcmp(f[i].key, sv(k)); i++)
			;
		if (i == nf) {
			nerr(l, k, "unknown key '%s' in %s (expected %s)",
			     sv(k), where(path), keylist(l, f, nf));
			continue;
		}
		f[i].v = nodeat(l, pr->value);
	}
}

/*
 * The value of a required field of mapping m; NULL after recording that
 * it is missing or empty.
 */
static yaml_node_t *
need(struct ld *l, yaml_node_t *m, const struct field *f, const char *path)
{
	if (!f->v) {
		nerr(l, m, "missing key '%s' in %s", f->key, where(path));
		return NULL;
	}
	if (isnull(f->v)) {
		nerr(l, f->v, "missing value for %s", sub(l, path, f->key));
		return NULL;
	}
	return f->v;
}

/* A required line of text (a name). */
static const char *
reqline(struct ld *l, yaml_node_t *m, const struct field *f,
	const char *path)
{
	yaml_node_t *n = need(l, m, f, path);

	return n ? line(l, n, sub(l, path, f->key)) : NULL;
}

/* An optional line of text; NULL when absent. */
static const char *
optline(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);

	return n ? line(l, n, sub(l, path, f->key)) : NULL;
}

/* An optional e-mail address (name@domain, no blanks). */
static const char *
optmail(struct ld *l, const struct field *f, const char *path)
{
	const char *s = optline(l, f, path), *at;

	if (!s)
		return NULL;
	at = strchr(s, '@');
	if (!at || at == s || !at[1] || strchr(at + 1, '@') ||
	    strpbrk(s, " <>,;\"")) {
		nerr(l, f->v, "malformed e-mail address '%s' in %s (use "
		     "name@example.org)", s, sub(l, path, f->key));
		return NULL;
	}
	return s;
}

/* An optional true or false; 0 when absent. */
static int
flag(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);
	const char *s;

	if (!n || !(s = text(l, n, sub(l, path, f->key))))
		return 0;
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return 1;
	if (strcmp(s, "false") && strcmp(s, "False") && strcmp(s, "FALSE"))
		nerr(l, n, "expected true or false for %s, not '%s'",
		     sub(l, path, f->key), s);
	return 0;
}

/* An optional duration; d stays unset when absent. */
static void
limit(struct ld *l, const struct field *f, const char *path, struct dur *d)
{
	yaml_node_t *n = opt(f);
	const char *s;

	memset(d, 0, sizeof(*d));
	if (!n || !(s = text(l, n, sub(l, path, f->key))))
		return;
	if (dur_parse(s, d) < 0)
		nerr(l, n, "malformed duration '%s' in %s (%s)", s,
		     sub(l, path, f->key), dur_hint);
}

/* 1 when s is a usable id: [A-Za-z0-9._-], a letter or digit first. */
static int
idchars(const char *s)
{
	size_t i;

	if (!*s || strlen(s) > MAX_ID || !strchr(
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
	    *s))
		return 0;
	for (i = 0; s[i]; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return 0;
	return 1;
}

/* Adds the i-th id to the hint list s, which stops at MAX_KNOWN. */
static const char *
hint_add(struct ld *l, const char *s, int i, const char *id)
{
	if (i == 0)
		return id;
	if (i < MAX_KNOWN)
		return arena_printf(l->a, "%s, %s", s, id);
	return i == MAX_KNOWN ? arena_printf(l->a, "%s, ...", s) : s;
}

/* The ids of the departments, for a hint. */
static const char *
known_depts(struct ld *l)
{
	const char *s = "none";
	int i;

	for (i = 0; i < l->p->ndepts; i++)
		s = hint_add(l, s, i, l->p->depts[i].id);
	return s;
}

/* The ids of the categories, for a hint. */
static const char *
known_cats(struct ld *l)
{
	const char *s = "none";
	int i;

	for (i = 0; i < l->p->ncats; i++)
		s = hint_add(l, s, i, l->p->cats[i].id);
	return s;
}

/*
 * A reference to a department (required key `department` of mapping m);
 * its index, or -1 after an error.
 */
static int
deptref(struct ld *l, yaml_node_t *m, const struct field *f, const char *path)
{
	yaml_node_t *n = need(l, m, f, path);
	const char *s;
	int i;

	if (!n || !(s = text(l, n, sub(l, path, f->key))))
		return -1;
	if ((i = policy_dept(l->p, s)) < 0)
		nerr(l, n, "no department '%s' for %s (known: %s)", s,
		     sub(l, path, f->key), known_depts(l));
	return i;
}

typedef void entry_fn(struct ld *, const char *, yaml_node_t *, yaml_node_t *,
		      const char *);

/*
 * Walks the id-keyed mapping n of section `sect`, checking each id, and
 * calls fn(l, id, key, value, path) for each good one.  Returns the number
 * of entries, or -1 when n is not a mapping.
 */
static int
idmap(struct ld *l, yaml_node_t *n, const char *sect, const char *what,
      entry_fn *fn)
{
	yaml_node_pair_t *pr;
	yaml_node_t *k;

	if (!expect(l, n, YAML_MAPPING_NODE, sect))
		return -1;
	for (pr = n->data.mapping.pairs.start;
	     pr < n->data.mapping.pairs.top; pr++) {
		if (!keyok(l, n, pr, sect))
			continue;
		k = nodeat(l, pr->key);
		if (!idchars(sv(k))) {
			nerr(l, k, "bad %s id '%s' in %s (use up to %d "
			     "letters, digits, '.', '_' or '-', a letter or "
			     "digit first)", what, sv(k), sect, MAX_ID);
			continue;
		}
		fn(l, sv(k), k, nodeat(l, pr->value),
		   arena_printf(l->a, "%s.%s", sect, sv(k)));
	}
	return (int)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
}

/* The number of entries of a mapping or list node. */
static int
count(const yaml_node_t *n)
{
	if (n->type == YAML_MAPPING_NODE)
		return (int)(n->data.mapping.pairs.top -
			     n->data.mapping.pairs.start);
	if (n->type == YAML_SEQUENCE_NODE)
		return (int)(n->data.sequence.items.top -
			     n->data.sequence.items.start);
	return 0;
}

/* Room for the entries of mapping n (and one more, so never zero). */
static size_t
room(const yaml_node_t *n, size_t size)
{
	return size * (size_t)(count(n) + 1);
}

/*
 * Walks a required id-keyed section (departments, staff, categories) with
 * fn, and records one that is empty.
 */
static void
section(struct ld *l, yaml_node_t *n, const char *sect, const char *what,
	entry_fn *fn)
{
	if (idmap(l, n, sect, what, fn) == 0)
		nerr(l, n, "no %s in %s (at least one is needed)", what, sect);
}

/* ---- the calendar ---- */

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
	const char *s = text(l, n, path);

	if (!s)
		return -1;
	if (span_parse(s, sp) < 0) {
		nerr(l, n, "malformed hours '%s' in %s (use HH:MM-HH:MM, such "
		     "as 09:00-12:00)", s, path);
		return -1;
	}
	if (sp->from >= sp->to) {
		nerr(l, n, "hours '%s' in %s end before they start (use "
		     "HH:MM-HH:MM within one day)", s, path);
		return -1;
	}
	if (prev && sp->from < prev->to) {
		nerr(l, n, "hours '%s' in %s overlap or precede the span "
		     "before (list spans in order, without overlap)", s, path);
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
		nerr(l, n, "empty day list for %s (%s)", path,
		     strstr(path, "workday_hours") ? "give at least one span, "
		     "such as 09:00-12:00" : "leave the day out for a day off");
		return;
	}
	if (!expect(l, n, YAML_SEQUENCE_NODE, path))
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
	yaml_node_t *n = need(l, cal, f, "calendar");
	int i, any = 0;

	if (!n || !expect(l, n, YAML_MAPPING_NODE, "calendar.hours"))
		return;
	for (i = 0; i < 7; i++)
		d[i] = (struct field){ day_keys[i], NULL };
	fields(l, n, "calendar.hours", d, 7);
	for (i = 0; i < 7; i++) {
		if (!d[i].v)
			continue;
		any = 1;
		dayhours(l, d[i].v, sub(l, "calendar.hours", d[i].key),
			 &l->p->cal.week[(i + 1) % 7]);
	}
	if (!any)
		nerr(l, n, "no working day in calendar.hours (give the hours "
		     "of at least one of mon, tue, wed, thu, fri, sat, sun)");
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

/*
 * One entry of a list of days: a date or a range, appended to *v.  With
 * `clash`, a day that is also a holiday is an error.
 */
static void
day_item(struct ld *l, yaml_node_t *n, const char *path, long **v, int *nv,
	 int *cap, int clash)
{
	const char *s = text(l, n, path);
	long a, b, d;

	if (!s)
		return;
	if (range_parse(s, &a, &b) < 0) {
		nerr(l, n, "malformed date '%s' in %s (use YYYY-MM-DD or "
		     "YYYY-MM-DD..YYYY-MM-DD)", s, path);
		return;
	}
	if (b < a || b - a >= MAX_RANGE) {
		nerr(l, n, "bad range '%s' in %s (the end may not come before "
		     "the start, and a range is at most %d days)", s, path,
		     MAX_RANGE);
		return;
	}
	for (d = a; d <= b; d++) {
		if (clash && is_holiday(&l->p->cal, d)) {
			nerr(l, n, "day %s in %s is also a holiday (a day is "
			     "either off or worked)", datestr(l, d), path);
			return;
		}
		*v = arena_grow(l->a, *v, sizeof(long), cap, *nv + 1);
		(*v)[(*nv)++] = d;
	}
}

/* A list of days (holidays or workdays), sorted and without repeats. */
static void
days(struct ld *l, const struct field *f, long **v, int *nv, int clash)
{
	const char *path = sub(l, "calendar", f->key);
	yaml_node_t *n = opt(f);
	yaml_node_item_t *it;
	int i, j, cap = 0;

	if (!n || !expect(l, n, YAML_SEQUENCE_NODE, path))
		return;
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		day_item(l, nodeat(l, *it), path, v, nv, &cap, clash);
	if (!*nv)
		return;
	qsort(*v, (size_t)*nv, sizeof(long), daycmp);
	for (i = j = 1; i < *nv; i++)
		if ((*v)[i] != (*v)[j - 1])
			(*v)[j++] = (*v)[i];
	*nv = j;
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
		nerr(l, cal, "missing key 'workday_hours' in calendar (there "
		     "are no mon hours to take them from)");
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
static void
calendar(struct ld *l, yaml_node_t *n)
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
		nerr(l, n, "unknown calendar '%s' (use always, or a mapping "
		     "with hours, holidays, workdays and workday_hours)",
		     sv(n));
		return;
	}
	if (!expect(l, n, YAML_MAPPING_NODE, "calendar"))
		return;
	fields(l, n, "calendar", f, NFIELDS(f));
	before = l->nerrs;
	week(l, n, &f[0]);
	days(l, &f[1], &c->holidays, &c->nholidays, 0);
	days(l, &f[2], &c->workdays, &c->nworkdays, 1);
	workhours(l, n, &f[3], l->nerrs == before);
}

/* ---- the top-level scalars ---- */

/* `version`: must be 1. */
static void
version(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = need(l, root, f, "");
	const char *s;

	if (!n || !(s = text(l, n, "version")))
		return;
	if (strcmp(s, "1"))
		nerr(l, n, "unsupported version '%s' (this fq reads version 1)",
		     s);
	else
		l->p->version = 1;
}

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
static void
zone(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = need(l, root, f, "");
	const char *s;

	if (!n || !(s = text(l, n, "timezone")))
		return;
	if (!tzknown(s))
		nerr(l, n, "unknown time zone '%s' (use an IANA name such as "
		     "Asia/Shanghai)", s);
	else
		l->p->timezone = arena_strdup(l->a, s);
}

/* `mail_from`: an optional sender, such as "fq <fq@hotel.example>". */
static void
mail_from(struct ld *l, const struct field *f)
{
	const char *s = optline(l, f, "");

	if (s && !strchr(s, '@'))
		nerr(l, f->v, "malformed sender '%s' in mail_from (use "
		     "\"fq <fq@example.org>\")", s);
	l->p->mail_from = s;
}

/* ---- departments, staff, categories ---- */

/* One department: {name, phone, email}. */
static void
dept_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	   const char *path)
{
	struct policy *p = l->p;
	struct dept *d = &p->depts[p->ndepts];
	struct field f[] = {
		{ "name", NULL }, { "phone", NULL }, { "email", NULL },
	};
	int i;

	p->ndepts++;
	d->id = arena_strdup(l->a, id);
	if (!expect(l, v, YAML_MAPPING_NODE, path))
		return;
	fields(l, v, path, f, NFIELDS(f));
	d->name = reqline(l, v, &f[0], path);
	d->phone = optline(l, &f[1], path);
	d->email = optmail(l, &f[2], path);
	for (i = 0; d->name && i < p->ndepts - 1; i++)
		if (p->depts[i].name && !strcmp(p->depts[i].name, d->name))
			nerr(l, f[0].v, "department name '%s' is also the name "
			     "of departments.%s (names must differ)", d->name,
			     p->depts[i].id);
}

/* A staff member's role: staff (the default), supervisor or manager. */
static enum role
role(struct ld *l, const struct field *f, const char *path)
{
	yaml_node_t *n = opt(f);
	const char *s;

	if (!n || !(s = text(l, n, sub(l, path, f->key))))
		return ROLE_STAFF;
	if (!strcmp(s, "supervisor"))
		return ROLE_SUPERVISOR;
	if (!strcmp(s, "manager"))
		return ROLE_MANAGER;
	if (strcmp(s, "staff"))
		nerr(l, n, "unknown role '%s' in %s (use staff, supervisor or "
		     "manager)", s, sub(l, path, f->key));
	return ROLE_STAFF;
}

/* One staff member: {name, department, role, email}. */
static void
staff_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	    const char *path)
{
	struct staff *s = &l->p->staff[l->p->nstaff++];
	struct field f[] = {
		{ "name", NULL }, { "department", NULL }, { "role", NULL },
		{ "email", NULL },
	};

	s->id = arena_strdup(l->a, id);
	s->dept = -1;
	if (!expect(l, v, YAML_MAPPING_NODE, path))
		return;
	fields(l, v, path, f, NFIELDS(f));
	s->name = reqline(l, v, &f[0], path);
	s->dept = deptref(l, v, &f[1], path);
	s->role = role(l, &f[2], path);
	s->email = optmail(l, &f[3], path);
}

/* A list of lines of text (keywords, phrases); *n gets their number. */
static const char **
lines(struct ld *l, yaml_node_t *n, const char *path, int *nout)
{
	yaml_node_item_t *it;
	const char **v;
	const char *s;

	*nout = 0;
	if (!expect(l, n, YAML_SEQUENCE_NODE, path))
		return NULL;
	v = arena_alloc(l->a, sizeof(*v) * (size_t)(count(n) + 1));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++)
		if ((s = line(l, nodeat(l, *it), path)))
			v[(*nout)++] = s;
	return v;
}

/* A category's limit, or the default one when it sets none. */
static void
cat_limit(struct ld *l, const struct field *f, const char *path,
	  struct dur *d, const struct dur *def)
{
	limit(l, f, path, d);
	if (!d->set)
		*d = *def;
}

/* One category: name, department, keywords, limits and flags. */
static void
cat_entry(struct ld *l, const char *id, yaml_node_t *k, yaml_node_t *v,
	  const char *path)
{
	struct policy *p = l->p;
	struct category *c = &p->cats[p->ncats];
	struct field f[] = {
		{ "name", NULL }, { "department", NULL }, { "keywords", NULL },
		{ "accept_within", NULL }, { "reply_within", NULL },
		{ "resolve_within", NULL }, { "callback", NULL },
		{ "major", NULL },
	};
	int i;

	p->ncats++;
	c->id = arena_strdup(l->a, id);
	c->dept = -1;
	if (!expect(l, v, YAML_MAPPING_NODE, path))
		return;
	fields(l, v, path, f, NFIELDS(f));
	c->name = reqline(l, v, &f[0], path);
	c->dept = deptref(l, v, &f[1], path);
	if (opt(&f[2]))
		c->keywords = lines(l, f[2].v, sub(l, path, "keywords"),
				    &c->nkeywords);
	cat_limit(l, &f[3], path, &c->accept, &p->def_accept);
	cat_limit(l, &f[4], path, &c->reply, &p->def_reply);
	cat_limit(l, &f[5], path, &c->resolve, &p->def_resolve);
	c->callback = flag(l, &f[6], path);
	c->major = flag(l, &f[7], path);
	for (i = 0; c->name && i < p->ncats - 1; i++)
		if (p->cats[i].name && !strcmp(p->cats[i].name, c->name))
			nerr(l, f[0].v, "category name '%s' is also the name "
			     "of categories.%s (names must differ)", c->name,
			     p->cats[i].id);
}

/* `defaults`: the limits of categories that set none. */
static void
defaults(struct ld *l, const struct field *top)
{
	struct field f[] = {
		{ "accept_within", NULL }, { "reply_within", NULL },
		{ "resolve_within", NULL },
	};
	yaml_node_t *n = opt(top);

	if (!n || !expect(l, n, YAML_MAPPING_NODE, "defaults"))
		return;
	fields(l, n, "defaults", f, NFIELDS(f));
	limit(l, &f[0], "defaults", &l->p->def_accept);
	limit(l, &f[1], "defaults", &l->p->def_reply);
	limit(l, &f[2], "defaults", &l->p->def_resolve);
}

/* `default_category`: the id of a category. */
static void
default_cat(struct ld *l, yaml_node_t *root, const struct field *f)
{
	yaml_node_t *n = need(l, root, f, "");
	const char *s;

	l->p->default_cat = -1;
	if (!n || !(s = text(l, n, "default_category")))
		return;
	if ((l->p->default_cat = policy_category(l->p, s)) < 0)
		nerr(l, n, "no category '%s' for default_category (known: %s)",
		     s, known_cats(l));
}

/* ---- escalation, phrases, shifts ---- */

/* Parses "80%": 1 to 1000; -1 when it is not a percentage. */
static int
pct_parse(const char *s)
{
	size_t n = strspn(s, "0123456789");
	int v;

	if (n == 0 || n > 4 || s[n] != '%' || s[n + 1] != '\0')
		return -1;
	v = atoi(s);
	return v >= 1 && v <= 1000 ? v : -1;
}

/* A level's `at`, which must climb above the level before's. */
static void
level_at(struct ld *l, yaml_node_t *m, const struct field *f,
	 const char *path, struct level *lv, int prev)
{
	yaml_node_t *n = need(l, m, f, path);
	const char *s;

	if (!n || !(s = text(l, n, sub(l, path, "at"))))
		return;
	if ((lv->pct = pct_parse(s)) < 0)
		nerr(l, n, "malformed percentage '%s' in %s (use 1%% to "
		     "1000%% of the limit, such as 80%%)", s,
		     sub(l, path, "at"));
	else if (prev > 0 && lv->pct <= prev)
		nerr(l, n, "level at %s in %s does not climb above the one "
		     "before (%d%%); list levels from the lowest", s, path,
		     prev);
}

/* 1 when s is a notify role word. */
static int
is_role_word(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(notify_roles) / sizeof(*notify_roles); i++)
		if (!strcmp(s, notify_roles[i]))
			return 1;
	return 0;
}

/* A level's `notify`: role words or staff ids. */
static void
level_notify(struct ld *l, yaml_node_t *m, const struct field *f,
	     const char *path, struct level *lv)
{
	yaml_node_t *n = need(l, m, f, path);
	yaml_node_item_t *it;
	yaml_node_t *item;
	const char *npath = sub(l, path, "notify");
	const char *s;

	if (!n || !expect(l, n, YAML_SEQUENCE_NODE, npath))
		return;
	if (!count(n))
		nerr(l, n, "empty list for %s (name who to notify)", npath);
	lv->notify = arena_alloc(l->a, sizeof(char *) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		item = nodeat(l, *it);
		if (!(s = text(l, item, npath)))
			continue;
		if (!is_role_word(s) && !policy_staff(l->p, s))
			nerr(l, item, "unknown recipient '%s' in %s (use "
			     "holder, owner, supervisor, managers or a staff "
			     "id)", s, npath);
		else
			lv->notify[lv->nnotify++] = arena_strdup(l->a, s);
	}
}

/* `escalation`: the ladder, a list of {at, notify, repeat}. */
static void
escalation(struct ld *l, const struct field *top)
{
	struct field f[3];
	yaml_node_t *n = opt(top), *item;
	yaml_node_item_t *it;
	struct level *lv;
	const char *path;
	int prev = 0;

	if (!n || !expect(l, n, YAML_SEQUENCE_NODE, "escalation"))
		return;
	l->p->levels = arena_alloc(l->a, sizeof(*lv) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		lv = &l->p->levels[l->p->nlevels++];
		path = arena_printf(l->a, "escalation level %d", l->p->nlevels);
		item = nodeat(l, *it);
		if (!expect(l, item, YAML_MAPPING_NODE, path))
			continue;
		f[0] = (struct field){ "at", NULL };
		f[1] = (struct field){ "notify", NULL };
		f[2] = (struct field){ "repeat", NULL };
		fields(l, item, path, f, 3);
		level_at(l, item, &f[0], path, lv, prev);
		if (lv->pct > 0)
			prev = lv->pct;
		level_notify(l, item, &f[1], path, lv);
		limit(l, &f[2], path, &lv->repeat);
	}
}

/* `forbidden_phrases`: a list of phrases a reply may not contain. */
static void
forbidden(struct ld *l, const struct field *f)
{
	yaml_node_t *n = opt(f);

	if (n)
		l->p->forbidden = lines(l, n, "forbidden_phrases",
					&l->p->nforbidden);
}

/* Orders minutes. */
static int
intcmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* `shifts`: the times shifts change, "HH:MM", kept ascending. */
static void
shifts(struct ld *l, const struct field *f)
{
	struct policy *p = l->p;
	yaml_node_t *n = opt(f), *item;
	yaml_node_item_t *it;
	const char *s;
	int i, m;

	if (!n || !expect(l, n, YAML_SEQUENCE_NODE, "shifts"))
		return;
	p->shifts = arena_alloc(l->a, sizeof(int) * (size_t)count(n));
	for (it = n->data.sequence.items.start;
	     it < n->data.sequence.items.top; it++) {
		item = nodeat(l, *it);
		if (!(s = text(l, item, "shifts")))
			continue;
		if (strlen(s) != 5 || (m = hhmm(s, 0)) < 0) {
			nerr(l, item, "malformed time '%s' in shifts (use "
			     "HH:MM, such as 07:00)", s);
			continue;
		}
		for (i = 0; i < p->nshifts && p->shifts[i] != m; i++)
			;
		if (i < p->nshifts)
			nerr(l, item, "duplicate shift '%s' in shifts", s);
		else
			p->shifts[p->nshifts++] = m;
	}
	if (p->nshifts > 1)
		qsort(p->shifts, (size_t)p->nshifts, sizeof(int), intcmp);
}

/* ---- the whole file ---- */

/* Checks the document's root and fills the policy from it. */
static void
check(struct ld *l, yaml_node_t *root)
{
	struct policy *p = l->p;
	struct field f[T_N];
	yaml_node_t *n;
	int i;

	if (!expect(l, root, YAML_MAPPING_NODE, "the policy"))
		return;
	for (i = 0; i < T_N; i++)
		f[i] = (struct field){ top_keys[i], NULL };
	fields(l, root, "", f, T_N);
	version(l, root, &f[T_VERSION]);
	p->organization = reqline(l, root, &f[T_ORG], "");
	zone(l, root, &f[T_TZ]);
	calendar(l, opt(&f[T_CAL]));
	if ((n = need(l, root, &f[T_DEPTS], ""))) {
		p->depts = arena_alloc(l->a, room(n, sizeof(*p->depts)));
		section(l, n, "departments", "department", dept_entry);
	}
	if ((n = need(l, root, &f[T_STAFF], ""))) {
		p->staff = arena_alloc(l->a, room(n, sizeof(*p->staff)));
		section(l, n, "staff", "staff member", staff_entry);
	}
	defaults(l, &f[T_DEFAULTS]);
	if ((n = need(l, root, &f[T_CATS], ""))) {
		p->cats = arena_alloc(l->a, room(n, sizeof(*p->cats)));
		section(l, n, "categories", "category", cat_entry);
	}
	default_cat(l, root, &f[T_DEFCAT]);
	escalation(l, &f[T_ESC]);
	forbidden(l, &f[T_FORBIDDEN]);
	shifts(l, &f[T_SHIFTS]);
	mail_from(l, &f[T_MAILFROM]);
}

/* The 1-based line and column (in characters) of a byte offset. */
static void
offset_mark(const struct ld *l, size_t off, long *line, long *col)
{
	const unsigned char *s = (const unsigned char *)l->text;
	size_t i = 0;

	*line = 1;
	*col = 1;
	if (l->len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		i = 3;
	for (; i < off && i < l->len; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && s[i + 1] != '\n')) {
			++*line;
			*col = 1;
		} else if ((s[i] & 0xc0) != 0x80 && s[i] != '\r') {
			++*col;
		}
	}
}

/* Records what libyaml could not read or parse. */
static void
yaml_error(struct ld *l, const yaml_parser_t *ps)
{
	long line, col;

	if (ps->error == YAML_MEMORY_ERROR) {
		errat(l, 1, 1, "out of memory reading the policy");
	} else if (ps->error == YAML_READER_ERROR) {
		offset_mark(l, ps->problem_offset, &line, &col);
		if (ps->problem_value != -1)
			errat(l, line, col, "%s 0x%02x (the policy must be "
			      "UTF-8 text)", ps->problem, ps->problem_value);
		else
			errat(l, line, col, "%s (the policy must be UTF-8 "
			      "text)", ps->problem);
	} else if (ps->context) {
		errat(l, (long)ps->problem_mark.line + 1,
		      (long)ps->problem_mark.column + 1, "%s, %s at line %lu",
		      ps->problem, ps->context,
		      (unsigned long)ps->context_mark.line + 1);
	} else {
		errat(l, (long)ps->problem_mark.line + 1,
		      (long)ps->problem_mark.column + 1, "%s",
		      ps->problem ? ps->problem : "malformed YAML");
	}
}

/*
 * Parses the text into l->doc: one YAML document, not empty.  Returns 0,
 * or the error after reporting it (the document is then freed).
 */
static int
parse(struct ld *l)
{
	yaml_parser_t ps;
	yaml_document_t extra;
	yaml_node_t *n;

	if (!yaml_parser_initialize(&ps))
		return fq_fail(l->fq, FQ_EINTERNAL, "cannot start libyaml");
	yaml_parser_set_input_string(&ps, (const unsigned char *)l->text,
				     l->len);
	if (!yaml_parser_load(&ps, &l->doc)) {
		yaml_error(l, &ps);
		yaml_parser_delete(&ps);
		return report(l);
	}
	if (!yaml_document_get_root_node(&l->doc)) {
		errat(l, 1, 1, "empty policy (expected a mapping with version, "
		      "organization, timezone, departments, ...)");
	} else if (!yaml_parser_load(&ps, &extra)) {
		yaml_error(l, &ps);
	} else {
		if ((n = yaml_document_get_root_node(&extra)))
			nerr(l, n, "a second YAML document (a policy is one)");
		yaml_document_delete(&extra);
	}
	yaml_parser_delete(&ps);
	if (l->nerrs) {
		yaml_document_delete(&l->doc);
		return report(l);
	}
	return 0;
}

/* Reads the policy file (or standard input for "-") into l->text. */
static int
slurp(struct ld *l, const char *path)
{
	FILE *fp = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	int cap = 0, e;
	size_t n;

	if (!fp && errno == ENOENT)
		return fq_fail(l->fq, FQ_ECONFIG, "no policy at '%s'; run 'fq "
			       "init' to install the example, or pass --policy",
			       path);
	if (!fp)
		return fq_fail(l->fq, FQ_ECONFIG, "cannot read policy '%s': %s",
			       path, strerror(errno));
	do {
		l->text = arena_grow(l->a, l->text, 1, &cap, (int)l->len +
				     65536);
		n = fread(l->text + l->len, 1, (size_t)cap - l->len - 1, fp);
		l->len += n;
	} while (n > 0 && l->len <= MAX_SIZE);
	e = ferror(fp) ? errno : 0;
	if (fp != stdin)
		fclose(fp);
	l->text[l->len] = '\0';
	if (e)
		return fq_fail(l->fq, FQ_ECONFIG, "cannot read policy '%s': %s",
			       path, strerror(e));
	if (l->len > MAX_SIZE)
		return fq_fail(l->fq, FQ_ECONFIG, "policy '%s' is larger than "
			       "%ld bytes", path, MAX_SIZE);
	return 0;
}

int
policy_load(struct fq *fq, const char *path, struct policy **out)
{
	struct ld l;
	int rc;

	*out = NULL;
	fq->err_raw = 0;
	if (!path)
		return fq_fail(fq, FQ_ECONFIG, "no policy found; run 'fq init' "
			       "to install the example, or pass --policy");
	memset(&l, 0, sizeof(l));
	l.fq = fq;
	l.label = strcmp(path, "-") ? path : "<stdin>";
	l.a = arena_new();
	l.p = arena_alloc(l.a, sizeof(*l.p));
	l.p->mem = l.a;
	l.p->path = arena_strdup(l.a, path);
	if ((rc = slurp(&l, path)) || (rc = parse(&l)))
		goto fail;
	check(&l, yaml_document_get_root_node(&l.doc));
	yaml_document_delete(&l.doc);
	if (l.nerrs) {
		rc = report(&l);
		goto fail;
	}
	*out = l.p;
	return 0;
fail:
	arena_free(l.a);
	return rc;
}

void
policy_free(struct policy *p)
{
	if (p)
		arena_free(p->mem);
}

/* ---- lookups ---- */

int
policy_dept(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->ndepts; i++)
		if (!strcmp(p->depts[i].id, id))
			return i;
	return -1;
}

int
policy_category(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->ncats; i++)
		if (!strcmp(p->cats[i].id, id))
			return i;
	return -1;
}

const struct staff *
policy_staff(const struct policy *p, const char *id)
{
	int i;

	for (i = 0; id && i < p->nstaff; i++)
		if (!strcmp(p->staff[i].id, id))
			return &p->staff[i];
	return NULL;
}

int
policy_dept_find(const struct policy *p, const char *id_or_name)
{
	int i = policy_dept(p, id_or_name);

	if (i >= 0)
		return i;
	for (i = 0; id_or_name && i < p->ndepts; i++)
		if (p->depts[i].name && !strcmp(p->depts[i].name, id_or_name))
			return i;
	return -1;
}

int
policy_category_find(const struct policy *p, const char *id_or_name)
{
	int i = policy_category(p, id_or_name);

	if (i >= 0)
		return i;
	for (i = 0; id_or_name && i < p->ncats; i++)
		if (p->cats[i].name && !strcmp(p->cats[i].name, id_or_name))
			return i;
	return -1;
}
