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
#include "events.h"
#include "history.h"
#include "lapses.h"
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
	long closed_timed, closed_late, promises_broken, promises_moved;
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
	if (e->close_timed) {
		gr->closed_timed++;
		gr->closed_late += e->close_late;
	}
	gr->promises_broken += e->promises_broken + c->promise_late;
	gr->promises_moved += e->promises_moved;
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
	v_set(a, r, "resolved_on_time_rate", v_rate(a, share(g->closed_timed
		- g->closed_late, g->closed_timed)));
	v_set_int(a, r, "promises_broken", g->promises_broken);
	v_set_int(a, r, "promises_moved", g->promises_moved);
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

/* A text kept past the case's scratch memory. */
static const char *
keep(struct arena *a, const char *s)
{
	return arena_strdup(a, s);
}

/* A lapse as a row (in fq->mem, the report's memory). */
static struct val *
lapse_row(struct fq *fq, const struct fq_case *c, const struct lapse *l)
{
	struct arena *a = fq->mem;
	struct val *r = v_obj(a);

	v_set_str(a, r, "person", keep(a, l->person));
	v_set_str(a, r, "lapse", l->what);
	v_set_int(a, r, "id", c->id);
	v_set_str(a, r, "summary", keep(a, c->summary));
	v_set_str(a, r, "deadline", l->deadline);
	v_set(a, r, "late_seconds", v_dur(a, l->late));
	v_set_str(a, r, "department", keep(a, l->dept));
	v_set_str(a, r, "role", l->role);
	v_set_time(a, r, "due", l->due);
	v_set(a, r, "passed", v_bool(a, l->passed));
	v_set_time(a, r, "from", l->from);
	v_set_time(a, r, "to", l->to);
	v_set_str(a, r, "phrase", keep(a, l->phrase));
	return r;
}

/* The events of a history as events_of() gives them. */
static int
events_val(struct fq *fq, const struct event_row *ev, int n,
	   struct val **out)
{
	struct val *e;
	int i, rc;

	*out = v_arr(fq->mem);
	for (i = 0; i < n; i++) {
		if ((rc = event_json(fq, &ev[i], &e)))
			return rc;
		v_push(fq->mem, *out, e);
	}
	return 0;
}

/* The lapses of one case (store_histories), as rows of `arg`. */
static int
case_lapses(struct fq *fq, const struct fq_case *c,
	    const struct event_row *ev, int n, void *arg)
{
	struct arena *outer = fq->mem;
	struct history h;
	struct lapse *l;
	struct val *events;
	int i, nl, rc;

	fq->mem = arena_new();
	if (!(rc = events_val(fq, ev, n, &events))) {
		history_of(fq, c, events, fq_now(), &h);
		rc = lapses_of(fq, &h, &l, &nl);
	}
	if (rc)
		fq->err = arena_strdup(outer, fq->err);
	else
		for (i = 0; i < nl; i++) {
			struct arena *scratch = fq->mem;

			fq->mem = outer;
			v_push(outer, arg, lapse_row(fq, c, &l[i]));
			fq->mem = scratch;
		}
	arena_free(fq->mem);
	fq->mem = outer;
	return rc;
}

int
report_lapses(struct fq *fq, time_t since, time_t until, struct val **rows)
{
	*rows = v_arr(fq->mem);
	return store_histories(fq, since, until, case_lapses, *rows);
}

/* What one department held (the held-time view). */
struct held {
	const char *dept;
	long long last_case;	/* the last case counted in `cases` */
	long cases, secs, late, in, out;
};

struct helds {
	int n, cap;
	struct held *v;
};

/* The sums of department `dept` (a copy of the id is kept). */
static struct held *
held_of(struct helds *hs, struct arena *a, const char *dept)
{
	int i;

	for (i = 0; i < hs->n; i++)
		if ((!dept && !hs->v[i].dept) ||
		    (dept && hs->v[i].dept && !strcmp(dept, hs->v[i].dept)))
			return &hs->v[i];
	hs->v = arena_grow(a, hs->v, sizeof(*hs->v), &hs->cap, hs->n + 1);
	memset(&hs->v[hs->n], 0, sizeof(hs->v[0]));
	hs->v[hs->n].dept = arena_strdup(a, dept);
	return &hs->v[hs->n++];
}

/* Adds the spans and transfers of one history to the sums. */
static void
add_held(struct fq *fq, struct arena *keep_in, const struct history *h,
	 struct helds *hs)
{
	const struct val *ev = h->events;
	struct held *d;
	int i;

	for (i = 0; i < h->nholds; i++) {
		const struct hold *s = &h->holds[i];

		d = held_of(hs, keep_in, s->dept);
		if (d->last_case != h->c->id)
			d->cases++;
		d->last_case = h->c->id;
		d->secs += (long)(hold_end(h, s) - s->from);
		d->late += held_late(fq, h, s->from, hold_end(h, s));
	}
	for (i = 0; i < ev->n; i++) {
		if (strcmp(v_get_str(ev->items[i], "kind"), "transferred"))
			continue;
		held_of(hs, keep_in, v_get_str(ev->items[i],
					       "department"))->in++;
		held_of(hs, keep_in, v_get_str(ev->items[i],
					       "from_department"))->out++;
	}
}

/* The held time of one case (store_histories). */
static int
case_held(struct fq *fq, const struct fq_case *c, const struct event_row *ev,
	  int n, void *arg)
{
	struct arena *outer = fq->mem;
	struct val *events;
	struct history h;
	int rc;

	fq->mem = arena_new();
	if (!(rc = events_val(fq, ev, n, &events))) {
		history_of(fq, c, events, fq_now(), &h);
		add_held(fq, outer, &h, arg);
	} else {
		fq->err = arena_strdup(outer, fq->err);
	}
	arena_free(fq->mem);
	fq->mem = outer;
	return rc;
}

/* Orders the held-time rows: policy order, then by id (qsort). */
static int
by_dept_order(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	int rx = rank_of(sort_policy, BY_DEPT, x->dept);
	int ry = rank_of(sort_policy, BY_DEPT, y->dept);

	if (rx != ry && rx >= 0 && ry >= 0)
		return rx < ry ? -1 : 1;
	if (!x->dept || !y->dept)
		return !x->dept - !y->dept;
	return strcmp(x->dept, y->dept);
}

int
report_held(struct fq *fq, time_t since, time_t until, struct val **rows)
{
	struct helds hs = { 0, 0, NULL };
	struct arena *a = fq->mem;
	struct val *r;
	int rc, i;

	if ((rc = store_histories(fq, since, until, case_held, &hs)))
		return rc;
	sort_policy = fq->pol;
	if (hs.n > 1)
		qsort(hs.v, (size_t)hs.n, sizeof(*hs.v), by_dept_order);
	*rows = v_arr(a);
	for (i = 0; i < hs.n; i++) {
		r = v_obj(a);
		v_set_str(a, r, "group", hs.v[i].dept);
		v_set_int(a, r, "cases_held", hs.v[i].cases);
		v_set(a, r, "held_seconds", v_dur(a, hs.v[i].secs));
		v_set(a, r, "late_held_seconds", v_dur(a, hs.v[i].late));
		v_set_int(a, r, "transfers_in", hs.v[i].in);
		v_set_int(a, r, "transfers_out", hs.v[i].out);
		v_push(a, *rows, r);
	}
	return 0;
}
