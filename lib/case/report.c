/*
 * report.c - the figures of fq report and the lapses per person.
 *
 * The store gives what each case's events say (first reply, lateness,
 * transfers, ...), a row per case logged in the period, and the
 * acceptance times (store.h).  Groups are summed here, in C, where
 * medians and the 90th percentile are easy.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "clock.h"
#include "lifecycle.h"
#include "policy.h"
#include "report.h"
#include "roles.h"
#include "store.h"

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

/* What the cases' events say (store_report_steps), kept by case id. */
struct step_map {
	size_t cap;		/* a power of two */
	size_t n;
	struct store_steps *v;	/* case_id 0: an empty slot */
};

/* The slot of case `id`: its entry, or the empty slot it would take. */
static struct store_steps *
step_slot(const struct step_map *m, long long id)
{
	size_t i = ((unsigned long long)id * 0x9E3779B97F4A7C15ull) &
		   (m->cap - 1);

	while (m->v[i].case_id && m->v[i].case_id != id)
		i = (i + 1) & (m->cap - 1);
	return &m->v[i];
}

/* Keeps one case's steps in the map, growing it (store_report_steps). */
static int
keep_steps(struct fq *fq, const struct store_steps *e, void *arg)
{
	struct step_map *m = arg;

	if (++m->n * 2 > m->cap) {
		struct step_map big = { m->cap * 4, m->n, NULL };
		size_t i;

		big.v = arena_alloc(fq->mem, big.cap * sizeof(*big.v));
		for (i = 0; i < m->cap; i++)
			if (m->v[i].case_id)
				*step_slot(&big, m->v[i].case_id) = m->v[i];
		*m = big;
	}
	*step_slot(m, e->case_id) = *e;
	return 0;
}

/* Reads what the cases' events say into a map sized for them. */
static int
read_steps(struct fq *fq, time_t since, struct step_map *m)
{
	m->cap = 1024;
	m->n = 0;
	m->v = arena_alloc(fq->mem, m->cap * sizeof(*m->v));
	return store_report_steps(fq, since, keep_steps, m);
}

/* The group of a key (transient: it is copied when the group is new). */
static struct group *
key_group(struct fq *fq, struct groups *g, const char *key)
{
	int i;

	for (i = 0; i < g->n; i++)
		if ((!key && !g->v[i].key) ||
		    (key && g->v[i].key && !strcmp(key, g->v[i].key)))
			return &g->v[i];
	return group_of(fq, g, arena_strdup(fq->mem, key));
}

/* What add_case() needs besides the case. */
struct summing {
	struct groups *g;
	struct step_map m;
};

/* Adds one case of the period, with its steps, to its group. */
static int
add_case(struct fq *fq, const struct store_report_case *c, void *arg)
{
	static const struct store_steps none;
	struct summing *sum = arg;
	struct group *gr = key_group(fq, sum->g, c->group);
	const struct store_steps *e = step_slot(&sum->m, c->id);

	if (!e->case_id)
		e = &none;
	gr->logged++;
	gr->closed += c->closed;
	gr->first_contact += c->first_contact;
	if (c->wait_ended)
		gr->late_now += late_after_wait(fq, c->id);
	else
		gr->late_now += c->late;
	if (e->replied_at)
		sample(fq, &gr->reply, (long)(e->replied_at - c->created_at));
	if (e->reply_timed) {
		gr->replied_timed++;
		gr->replied_late += e->reply_late;
	}
	gr->transfers += e->transfers;
	gr->escalations += e->escalations;
	gr->declines += e->declines;
	/* Settled at intake (first contact): no callback is owed. */
	if (c->callback && !c->first_contact && e->replied_at) {
		gr->need_callback++;
		gr->callbacks += e->callbacks > 0;
	}
	gr->unsatisfied += e->unsatisfied;
	return 0;
}

/* Adds one acceptance's wait to its group. */
static int
add_accept(struct fq *fq, const char *group, long waited, void *arg)
{
	sample(fq, &key_group(fq, arg, group)->accept, waited);
	return 0;
}

/* Sums every case of the period into groups. */
static int
sum_cases(struct fq *fq, enum report_by by, time_t since, time_t until,
	  struct groups *g)
{
	struct summing sum = { g, { 0, 0, NULL } };
	int rc;

	if ((rc = read_steps(fq, since, &sum.m)) ||
	    (rc = store_report_cases(fq, by, since, until, fq_now(),
				     callback_categories(fq), add_case, &sum)))
		return rc;
	return store_report_accepts(fq, by, since, until, add_accept, g);
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

/* A step taken late (store_late_steps): the reply by its author, the
 * acceptance by the department that held the case unaccepted. */
static int
late_step(struct fq *fq, const struct store_late_step *s, void *arg)
{
	const char *what = s->deadline;

	/* "accepted": the department's acceptance came late. */
	v_push(fq->mem, arg, lapse(fq, s->person, "late_holding", s->id,
		s->summary, !strcmp(what, "accepted") ? "accept" :
		!strcmp(what, "replied") ? "reply" : what, s->late,
		s->department));
	return 0;
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
	if ((rc = store_late_steps(fq, since, until, late_step, *rows)))
		return rc;
	return cases_each(fq, &f, standing, *rows);
}
