/*
 * report.c - the figures of fq report and the lapses per person.
 *
 * One query gives a row per case logged in the period with what its
 * events say (first reply, lateness, transfers, ...); another gives the
 * acceptance times.  Groups are summed here, in C, where medians and the
 * 90th percentile are easy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "db.h"
#include "lifecycle.h"
#include "policy.h"
#include "report.h"
#include "roles.h"

/* The group expression of each --by, as SQL over cases c. */
static const char *const group_sql[] = {
	[BY_NONE] = "NULL",
	[BY_DEPT] = "c.department",
	[BY_OWNER] = "c.owner",
	[BY_HANDLER] = "c.handler",
	[BY_CATEGORY] = "c.category",
	[BY_DAY] = "date(c.created_at, 'unixepoch', 'localtime')",
	[BY_WEEK] = "date(c.created_at, 'unixepoch', 'localtime', "
		    "'weekday 0', '-6 days')",
	[BY_MONTH] = "strftime('%Y-%m', c.created_at, 'unixepoch', "
		     "'localtime')",
};

static const char *const by_words[] = {
	[BY_NONE] = "none", [BY_DEPT] = "dept", [BY_OWNER] = "owner",
	[BY_HANDLER] = "handler", [BY_CATEGORY] = "category",
	[BY_DAY] = "day", [BY_WEEK] = "week", [BY_MONTH] = "month",
};

int
report_by_parse(const char *s)
{
	int i;

	for (i = 1; i <= BY_MONTH; i++)
		if (!strcmp(s, by_words[i]))
			return i;
	return -1;
}

/*
 * What each case's events say, for the cases that have any of the kinds
 * a report counts: read through the (kind, at) index, never the whole
 * events table.  A case logged in the period has no event before it.
 */
#define EVENT_SQL \
	"SELECT case_id, " \
	"  min(CASE WHEN kind = 'replied' THEN at END), " \
	"  max(CASE WHEN kind = 'replied' THEN data ->> '$.late' END), " \
	"  sum(kind = 'transferred'), " \
	"  count(DISTINCT CASE WHEN kind = 'escalated' THEN " \
	"    coalesce((data ->> '$.deadline') || '/' || (data ->> " \
	"    '$.level') || '/' || (data ->> '$.due'), id) END), " \
	"  sum(kind = 'declined'), sum(kind = 'called_back'), " \
	"  sum(kind = 'called_back' AND data ->> '$.satisfied' = 0) " \
	"FROM events WHERE kind IN ('replied', 'transferred', 'escalated', " \
	"  'declined', 'called_back') AND at >= :since " \
	"GROUP BY case_id"

/* What one case contributes from its own row. */
#define CASE_SQL \
	"SELECT %s, c.id, c.created_at, c.status = 'closed', " \
	"  c.first_contact, " \
	"  CASE WHEN c.waiting_since IS NULL THEN c.next_due < :now " \
	"    WHEN c.waiting_until <= :now THEN -c.id ELSE 0 END, " \
	"  c.category IN (SELECT value FROM json_each(:callback)) " \
	"FROM cases c WHERE c.created_at >= :since AND c.created_at < :until"

/* Each acceptance after a clock started, with its group. */
#define ACCEPT_SQL \
	"SELECT %s, a.at - (SELECT max(s.at) FROM events s " \
	"  WHERE s.case_id = a.case_id AND s.seq < a.seq " \
	"  AND s.kind IN ('logged', 'transferred', 'reopened')) " \
	"FROM events a JOIN cases c ON c.id = a.case_id " \
	"WHERE a.kind = 'accepted' AND a.at >= :since " \
	"AND a.data ->> '$.due' IS NOT NULL " \
	"AND c.created_at >= :since AND c.created_at < :until"

/* A growing list of seconds. */
struct samples {
	int n, cap;
	long *v;
};

/* The sums of one group. */
struct group {
	const char *key;	/* NULL: no grouping, or no value */
	long logged, closed, first_contact, late_now;
	long replied_timed, replied_late, transfers, escalations, declines;
	long need_callback, callbacks, unsatisfied;
	struct samples reply, accept;
};

struct groups {
	int n, cap;
	struct group *v;
};

/* The group for a key, made when new. */
static struct group *
group_of(struct fq *fq, struct groups *g, const char *key)
{
	int i;

	for (i = 0; i < g->n; i++)
		if ((!key && !g->v[i].key) ||
		    (key && g->v[i].key && !strcmp(key, g->v[i].key)))
			return &g->v[i];
	g->v = arena_grow(fq->mem, g->v, sizeof(*g->v), &g->cap, g->n + 1);
	memset(&g->v[g->n], 0, sizeof(g->v[0]));
	g->v[g->n].key = key;
	return &g->v[g->n++];
}

static void
sample(struct fq *fq, struct samples *s, long v)
{
	s->v = arena_grow(fq->mem, s->v, sizeof(*s->v), &s->cap, s->n + 1);
	s->v[s->n++] = v;
}

/* The categories that need a callback, as a JSON array of ids. */
static const char *
callback_categories(struct fq *fq)
{
	const char *s = "[";
	int i, first = 1;

	for (i = 0; i < fq->pol->ncats; i++)
		if (fq->pol->cats[i].callback) {
			s = arena_printf(fq->mem, "%s%s\"%s\"", s,
					 first ? "" : ",", fq->pol->cats[i].id);
			first = 0;
		}
	return arena_printf(fq->mem, "%s]", s);
}

/*
 * 1 when a case whose wait ended by itself (--until) is late now, once
 * its deadlines have moved on by the pause.
 */
static int
late_after_wait(struct fq *fq, long long id)
{
	struct fq_case c;
	int k;

	if (case_get(fq, id, &c))
		return 0;
	case_catch_up(fq, &c);
	for (k = 0; k < NDUE; k++)
		if (case_late(&c, k, fq_now()))
			return 1;
	return 0;
}

/* What a case's events say (EVENT_SQL), kept by case id. */
struct steps {
	long long id;		/* 0: an empty slot */
	long long replied_at;	/* 0: never replied */
	int reply_timed, reply_late;
	int transfers, escalations, declines, callbacks, unsatisfied;
};

struct step_map {
	size_t cap;		/* a power of two */
	struct steps *v;
};

/* The slot of case `id`: its entry, or the empty slot it would take. */
static struct steps *
step_slot(const struct step_map *m, long long id)
{
	size_t i = ((unsigned long long)id * 0x9E3779B97F4A7C15ull) &
		   (m->cap - 1);

	while (m->v[i].id && m->v[i].id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

/* Reads EVENT_SQL into a map sized for its rows. */
static int
read_steps(struct fq *fq, time_t since, struct step_map *m)
{
	sqlite3_stmt *st = db_prepare(fq, EVENT_SQL);
	struct steps *e;
	int rc, n = 0;

	m->cap = 1024;
	m->v = arena_alloc(fq->mem, m->cap * sizeof(*m->v));
	bind_int(st, ":since", (long long)since);
	while ((rc = db_step(fq, st)) == 1) {
		if ((size_t)++n * 2 > m->cap) {
			struct step_map big = { m->cap * 4, NULL };
			size_t i;

			big.v = arena_alloc(fq->mem, big.cap * sizeof(*big.v));
			for (i = 0; i < m->cap; i++)
				if (m->v[i].id)
					*step_slot(&big, m->v[i].id) = m->v[i];
			*m = big;
		}
		e = step_slot(m, col_int(st, 0));
		e->id = col_int(st, 0);
		e->replied_at = col_int(st, 1);
		e->reply_timed = sqlite3_column_type(st, 2) != SQLITE_NULL;
		e->reply_late = col_int(st, 2) != 0;
		e->transfers = (int)col_int(st, 3);
		e->escalations = (int)col_int(st, 4);
		e->declines = (int)col_int(st, 5);
		e->callbacks = (int)col_int(st, 6);
		e->unsatisfied = (int)col_int(st, 7);
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The group a row's first column names (the key is copied when new). */
static struct group *
row_group(struct fq *fq, struct groups *g, sqlite3_stmt *st)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	int i;

	for (i = 0; i < g->n; i++)
		if ((!key && !g->v[i].key) ||
		    (key && g->v[i].key && !strcmp(key, g->v[i].key)))
			return &g->v[i];
	return group_of(fq, g, arena_strdup(fq->mem, key));
}

/* Adds one case row of CASE_SQL, with its steps, to its group. */
static void
add_case(struct fq *fq, struct groups *g, const struct step_map *m,
	 sqlite3_stmt *st)
{
	static const struct steps none;
	struct group *gr = row_group(fq, g, st);
	const struct steps *e = step_slot(m, col_int(st, 1));

	if (!e->id)
		e = &none;
	gr->logged++;
	gr->closed += col_int(st, 3);
	gr->first_contact += col_int(st, 4);
	if (col_int(st, 5) < 0)
		gr->late_now += late_after_wait(fq, -col_int(st, 5));
	else
		gr->late_now += col_int(st, 5);
	if (e->replied_at)
		sample(fq, &gr->reply, (long)(e->replied_at - col_int(st, 2)));
	if (e->reply_timed) {
		gr->replied_timed++;
		gr->replied_late += e->reply_late;
	}
	gr->transfers += e->transfers;
	gr->escalations += e->escalations;
	gr->declines += e->declines;
	/* Settled at intake (first contact): no callback is owed. */
	if (col_int(st, 6) && !col_int(st, 4) && e->replied_at) {
		gr->need_callback++;
		gr->callbacks += e->callbacks > 0;
	}
	gr->unsatisfied += e->unsatisfied;
}

/* Prepares one of the two queries for a grouping and a period. */
static sqlite3_stmt *
prepare(struct fq *fq, const char *fmt, enum report_by by, time_t since,
	time_t until)
{
	sqlite3_stmt *st = db_prepare(fq, arena_printf(fq->mem, fmt,
						       group_sql[by]));

	bind_int(st, ":since", (long long)since);
	bind_int(st, ":until", (long long)until);
	if (sqlite3_bind_parameter_index(st, ":now"))
		bind_int(st, ":now", (long long)fq_now());
	if (sqlite3_bind_parameter_index(st, ":callback"))
		bind_text(st, ":callback", callback_categories(fq));
	return st;
}

/* Sums every case of the period into groups. */
static int
sum_cases(struct fq *fq, enum report_by by, time_t since, time_t until,
	  struct groups *g)
{
	sqlite3_stmt *st;
	struct step_map m;
	int rc;

	if ((rc = read_steps(fq, since, &m)))
		return rc;
	st = prepare(fq, CASE_SQL, by, since, until);
	while ((rc = db_step(fq, st)) == 1)
		add_case(fq, g, &m, st);
	db_finish(st);
	if (rc < 0)
		return fq->err_code;
	st = prepare(fq, ACCEPT_SQL, by, since, until);
	while ((rc = db_step(fq, st)) == 1)
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			sample(fq, &group_of(fq, g, col_text(fq, st, 0))->accept,
			       (long)col_int(st, 1));
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

static int
by_value(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* The p-th percentile (nearest rank) of the samples, or null. */
static struct val *
percentile(struct fq *fq, struct samples *s, double p)
{
	long rank;

	if (s->n == 0)
		return v_null(fq->mem);
	if (s->n > 1)
		qsort(s->v, (size_t)s->n, sizeof(*s->v), by_value);
	rank = (long)ceil(p / 100.0 * (double)s->n);
	return v_dur(fq->mem, s->v[rank < 1 ? 0 : rank - 1]);
}

/* A share, or -1 (null) when nothing was measured. */
static double
share(long part, long whole)
{
	return whole ? (double)part / (double)whole : -1.0;
}

/* A group's figures as a row. */
static struct val *
group_row(struct fq *fq, struct group *g)
{
	struct arena *a = fq->mem;
	struct val *r = v_obj(a);

	v_set_str(a, r, "group", g->key);
	v_set_int(a, r, "logged", g->logged);
	v_set_int(a, r, "closed", g->closed);
	v_set_int(a, r, "first_contact", g->first_contact);
	v_set(a, r, "first_contact_rate", v_rate(a, share(g->first_contact,
							  g->logged)));
	v_set(a, r, "replied_on_time_rate", v_rate(a, share(g->replied_timed
		- g->replied_late, g->replied_timed)));
	v_set(a, r, "reply_median_s", percentile(fq, &g->reply, 50));
	v_set(a, r, "reply_p90_s", percentile(fq, &g->reply, 90));
	v_set(a, r, "accept_median_s", percentile(fq, &g->accept, 50));
	v_set(a, r, "transfers_per_case", v_rate(a, share(g->transfers,
							  g->logged)));
	v_set_int(a, r, "escalations", g->escalations);
	v_set_int(a, r, "declines", g->declines);
	v_set(a, r, "callbacks_rate", v_rate(a, share(g->callbacks,
						      g->need_callback)));
	v_set_int(a, r, "unsatisfied_callbacks", g->unsatisfied);
	v_set_int(a, r, "late_now", g->late_now);
	return r;
}

/* The place of a group key in display order (policy order, then text). */
static int
rank_of(const struct policy *p, enum report_by by, const char *key)
{
	const struct staff *s;

	if (!key)
		return 1 << 20;
	if (by == BY_DEPT)
		return policy_dept(p, key);
	if (by == BY_CATEGORY)
		return policy_category(p, key);
	if ((by == BY_OWNER || by == BY_HANDLER) && (s = policy_staff(p, key)))
		return (int)(s - p->staff);
	return -1;
}

/* Sorting context (qsort has none). */
static const struct policy *sort_policy;
static enum report_by sort_by;

static int
by_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	int rx = rank_of(sort_policy, sort_by, x->key);
	int ry = rank_of(sort_policy, sort_by, y->key);

	if (rx != ry && rx >= 0 && ry >= 0)
		return rx < ry ? -1 : 1;
	if (!x->key || !y->key)
		return !x->key - !y->key;
	return strcmp(x->key, y->key);
}

int
report_rows(struct fq *fq, enum report_by by, time_t since, time_t until,
	    struct val **rows)
{
	struct groups g = { 0 };
	int rc, i;

	if ((rc = sum_cases(fq, by, since, until, &g)))
		return rc;
	if (by == BY_NONE && g.n == 0)
		group_of(fq, &g, NULL);	/* one row for everything, even none */
	sort_policy = fq->pol;
	sort_by = by;
	if (g.n > 1)
		qsort(g.v, (size_t)g.n, sizeof(*g.v), by_group);
	*rows = v_arr(fq->mem);
	for (i = 0; i < g.n; i++)
		v_push(fq->mem, *rows, group_row(fq, &g.v[i]));
	return 0;
}

/* A lapse row. */
static struct val *
lapse(struct fq *fq, const char *person, const char *what, long long id,
      const char *summary, const char *deadline, long late,
      const char *dept)
{
	struct arena *a = fq->mem;
	struct val *r = v_obj(a);

	v_set_str(a, r, "person", person);
	v_set_str(a, r, "lapse", what);
	v_set_int(a, r, "id", id);
	v_set_str(a, r, "summary", summary);
	v_set_str(a, r, "deadline", deadline);
	v_set(a, r, "late_seconds", v_dur(a, late));
	v_set_str(a, r, "department", dept);
	return r;
}

/* Replies and acceptances that came after their deadline. */
#define LATE_STEPS_SQL \
	"SELECT CASE e.kind WHEN 'replied' THEN e.actor END, " \
	"  coalesce(e.data ->> '$.deadline', e.kind), c.id, " \
	"  c.summary, e.at - (e.data ->> '$.due'), " \
	"  coalesce(e.data ->> '$.department', c.department) " \
	"FROM events e JOIN cases c ON c.id = e.case_id " \
	"WHERE e.kind IN ('replied', 'accepted') " \
	"AND e.at > (e.data ->> '$.due') " \
	"AND c.created_at >= :since AND c.created_at < :until " \
	"ORDER BY c.id, e.seq"

/* Steps taken late: the reply by its author, the acceptance by the
 * department that held the case unaccepted. */
static int
late_steps(struct fq *fq, time_t since, time_t until, struct val *rows)
{
	sqlite3_stmt *st = db_prepare(fq, LATE_STEPS_SQL);
	int rc;

	bind_int(st, ":since", (long long)since);
	bind_int(st, ":until", (long long)until);
	while ((rc = db_step(fq, st)) == 1) {
		const char *what = col_text(fq, st, 1);

		/* "accepted": the department's acceptance came late. */
		v_push(fq->mem, rows, lapse(fq, col_text(fq, st, 0),
			"late_holding", col_int(st, 2), col_text(fq, st, 3),
			!strcmp(what, "accepted") ? "accept" :
			!strcmp(what, "replied") ? "reply" : what,
			(long)col_int(st, 4), col_text(fq, st, 5)));
	}
	db_finish(st);
	return rc < 0 ? fq->err_code : 0;
}

/* The person who should sign a refusal: the first supervisor. */
static const char *
signer(struct fq *fq, const char *dept)
{
	const struct staff **s = supervisors_of(fq, dept);

	return *s ? (*s)->id : NULL;
}

/* Lapses still standing on a case that is not closed. */
static int
standing(struct fq *fq, struct fq_case *c, void *arg)
{
	struct val *rows = arg;
	time_t now = fq_now();
	int k;

	case_catch_up(fq, c);
	if (!strcmp(c->status, "declined")) {
		v_push(fq->mem, rows, lapse(fq, signer(fq, c->department),
			"refusal_unsigned", c->id, c->summary, NULL,
			(long)(now - c->updated_at), c->department));
		return 0;
	}
	if (!strcmp(c->status, "replied")) {
		if (case_late(c, DUE_RESOLVE, now))
			v_push(fq->mem, rows, lapse(fq, c->owner,
				"callback_missing", c->id, c->summary,
				"resolve", (long)(now - c->due[DUE_RESOLVE]),
				c->department));
		return 0;
	}
	for (k = 0; k < NDUE; k++)
		if (case_late(c, k, now))
			v_push(fq->mem, rows, lapse(fq, c->handler,
				"late_holding", c->id, c->summary,
				due_names[k], (long)(now - c->due[k]),
				c->department));
	return 0;
}

int
report_lapses(struct fq *fq, time_t since, time_t until, struct val **rows)
{
	struct case_filter f = { .since = since, .until = until,
				 .oldest_first = 1 };
	int rc;

	*rows = v_arr(fq->mem);
	if ((rc = late_steps(fq, since, until, *rows)))
		return rc;
	return cases_each(fq, &f, standing, *rows);
}
