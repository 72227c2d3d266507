/*
 * lapses.c - who let a case stall, read off its history.
 *
 * Late time is measured on the stretches of each clock run (history.h):
 * the part of a stretch after its due time is late.  A case of a
 * callback category waits for the owner once it is answered: late time
 * of its resolve clock in those waits is the owner's (callback_missing),
 * the rest the holders'.
 */
#include <stdlib.h>
#include <string.h>

#include "lapses.h"
#include "names.h"
#include "roles.h"

/* Which late time to count, as to the waits for a callback. */
enum { ALL, OUTSIDE_WAITS };

/* What a sum of late time found. */
struct late {
	const struct calendar *cal;
	int work;		/* secs: working seconds, else wall */
	long secs, wall;
	time_t first;		/* the first late moment counted; 0 */
};

/* The lapses found so far. */
struct found {
	int n, cap;
	struct lapse *v;
};

/* Counts [p, q) as late. */
static void
add_piece(struct late *s, time_t p, time_t q)
{
	if (q <= p)
		return;
	if (!s->first || p < s->first)
		s->first = p;
	s->wall += (long)(q - p);
	s->secs += s->work ? cal_work_between(s->cal, p, q) : (long)(q - p);
}

/* The end of the wait for a callback after answer w. */
static time_t
wait_end(const struct history *h, const struct answer *w)
{
	return w->until ? w->until : h->now;
}

/* Counts the late piece [p, q) as `mode` says. */
static void
add_late(const struct history *h, struct late *s, time_t p, time_t q,
	 int mode)
{
	time_t at = p;
	int i;

	if (mode == ALL) {
		add_piece(s, p, q);
		return;
	}
	for (i = 0; i < h->nanswers; i++) {
		time_t wa = h->answers[i].at, wb = wait_end(h, &h->answers[i]);

		if (wb <= at || wa >= q)
			continue;
		add_piece(s, at, wa < q ? wa : q);
		at = wb > at ? wb : at;
	}
	add_piece(s, at, q);
}

/* The late time of run r in [a, b), as `mode` says. */
static struct late
late_in(struct fq *fq, const struct history *h, const struct run *r,
	time_t a, time_t b, int mode)
{
	struct late s = { &fq->pol->cal, r->work, 0, 0, 0 };
	int i;

	for (i = 0; i < r->n; i++) {
		const struct stretch *t = &r->v[i];
		time_t lo = t->from > t->due ? t->from : t->due;
		time_t p = lo > a ? lo : a, q = t->to < b ? t->to : b;

		if (q > p)
			add_late(h, &s, p, q, mode);
	}
	return s;
}

/* A new lapse of this case, for the caller to fill in. */
static struct lapse *
lapse_new(struct fq *fq, struct found *f, const char *what,
	  const char *person, const char *role)
{
	struct lapse *l;

	f->v = arena_grow(fq->mem, f->v, sizeof(*f->v), &f->cap, f->n + 1);
	l = &f->v[f->n++];
	memset(l, 0, sizeof(*l));
	l->what = what;
	l->person = person;
	l->role = role;
	return l;
}

/* A lapse over late time s of run r, up to `to`. */
static struct lapse *
late_lapse(struct fq *fq, struct found *f, const struct history *h,
	   const struct run *r, const char *what, const char *person,
	   const char *role, const struct late *s, time_t to)
{
	struct lapse *l = lapse_new(fq, f, what, person, role);

	l->deadline = due_names[r->k];
	l->due = r->due;
	l->from = s->first;
	l->to = to == h->now && !r->end ? 0 : to;
	l->late = s->wall;
	return l;
}

/* When staff `who` was first told of the case in [from, before); 0. */
static time_t
told(const struct history *h, const char *who, time_t from, time_t before)
{
	int i;

	for (i = 0; i < h->nnotices; i++)
		if (h->notices[i].at >= from && h->notices[i].at < before &&
		    !strcmp(h->notices[i].to, who))
			return h->notices[i].at;
	return 0;
}

/* The supervisors told of an unaccepted span: theirs from then on. */
static void
supervisors_told(struct fq *fq, struct found *f, const struct history *h,
		 const struct run *r, const struct hold *s, int mode)
{
	const struct staff **sv = supervisors_of(fq, s->dept);
	time_t b = hold_end(h, s), t;
	struct late late;
	struct lapse *l;

	for (; *sv; sv++) {
		if (!(t = told(h, (*sv)->id, r->start, b)))
			continue;
		late = late_in(fq, h, r, t > s->from ? t : s->from, b, mode);
		if (late.wall <= 0)
			continue;
		l = late_lapse(fq, f, h, r, r->k == DUE_PROMISE ?
			       "promise_broken" : "late_holding", (*sv)->id,
			       "supervisor", &late, b < run_end(h, r) ?
			       b : run_end(h, r));
		l->dept = s->dept;
	}
}

/* Late time of run r charged to those who held the case meanwhile. */
static void
holding(struct fq *fq, struct found *f, const struct history *h,
	const struct run *r, int mode)
{
	const char *what = r->k == DUE_PROMISE ? "promise_broken"
					       : "late_holding";
	int i;

	for (i = 0; i < h->nholds; i++) {
		const struct hold *s = &h->holds[i];
		time_t b = hold_end(h, s);
		struct late late = late_in(fq, h, r, s->from, b, mode);
		struct lapse *l;

		if (late.wall <= 0)
			continue;
		l = late_lapse(fq, f, h, r, what, s->handler, s->handler ?
			       "handler" : "department", &late,
			       b < run_end(h, r) ? b : run_end(h, r));
		l->dept = s->dept;
		l->passed = r->passed >= s->from && r->passed < b;
		if (!s->handler)
			supervisors_told(fq, f, h, r, s, mode);
	}
}

/* Late time of the resolve clock while the case waited for a callback. */
static void
callbacks(struct fq *fq, struct found *f, const struct history *h,
	  const struct run *r)
{
	const char *owner = h->c->owner;
	int i;

	for (i = 0; i < h->nanswers; i++) {
		const struct answer *w = &h->answers[i];
		struct late late = late_in(fq, h, r, w->at, wait_end(h, w),
					   ALL);
		struct lapse *l;

		if (late.wall <= 0)
			continue;
		l = late_lapse(fq, f, h, r, "callback_missing", owner, "owner",
			       &late, wait_end(h, w) < run_end(h, r) ?
			       wait_end(h, w) : run_end(h, r));
		l->dept = staff_dept(fq->pol, owner);
	}
}

/* A refusal that still waits for its signature (the first supervisor). */
static void
unsigned_refusal(struct fq *fq, struct found *f, const struct history *h)
{
	const struct staff **sv;
	const struct val *ev = h->events;
	time_t declined = 0;
	struct lapse *l;
	int i;

	for (i = 0; i < ev->n; i++) {
		const char *kind = v_get_str(ev->items[i], "kind");

		if (!strcmp(kind, "declined"))
			declined = (time_t)v_get_int(ev->items[i], "at");
		else if (!strcmp(kind, "signed") || !strcmp(kind, "closed"))
			declined = 0;
	}
	if (!declined || strcmp(h->c->status, "declined"))
		return;
	sv = supervisors_of(fq, h->c->department);
	l = lapse_new(fq, f, "refusal_unsigned", *sv ? (*sv)->id : NULL,
		      "signer");
	l->dept = h->c->department;
	l->from = declined;
	l->late = (long)(h->now - declined);
}

/* The department that held the case at t. */
static const char *
dept_at(const struct history *h, time_t t)
{
	int i;

	for (i = h->nholds - 1; i >= 0; i--)
		if (h->holds[i].from <= t)
			return h->holds[i].dept;
	return h->c->department;
}

/* Each answer given with --force over a forbidden phrase. */
static void
forced(struct fq *fq, struct found *f, const struct history *h)
{
	struct lapse *l;
	int i;

	for (i = 0; i < h->nanswers; i++) {
		if (!h->answers[i].forced)
			continue;
		l = lapse_new(fq, f, "forbidden_answer", h->answers[i].actor,
			      "author");
		l->dept = dept_at(h, h->answers[i].at);
		l->from = l->to = h->answers[i].at;
		l->phrase = h->answers[i].forced;
	}
}

/* Orders the lapses by when each began (stable: the order found). */
static void
by_start(struct found *f)
{
	struct lapse t;
	int i, j;

	for (i = 1; i < f->n; i++) {
		t = f->v[i];
		for (j = i; j > 0 && f->v[j - 1].from > t.from; j--)
			f->v[j] = f->v[j - 1];
		f->v[j] = t;
	}
}

/* A stretch of late time (held_late(), no_follow_up()). */
struct piece {
	time_t from, to;
};

struct pieces {
	int n, cap;
	struct piece *v;
};

/* Orders pieces by their start (qsort). */
static int
by_from(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/* Keeps the late pieces of run r in [a, b) (waits for a callback out). */
static void
pieces_of(struct fq *fq, const struct history *h, const struct run *r,
	  time_t a, time_t b, struct pieces *ps)
{
	int i, j, cb = r->k == DUE_RESOLVE && h->cat && h->cat->callback;

	for (i = 0; i < r->n; i++) {
		const struct stretch *t = &r->v[i];
		time_t lo = t->from > t->due ? t->from : t->due;
		time_t p = lo > a ? lo : a, q = t->to < b ? t->to : b;

		/* A resolve clock's wait for a callback lasts to its end. */
		for (j = 0; cb && j < h->nanswers && q > p; j++) {
			time_t wa = h->answers[j].at;
			time_t wb = wait_end(h, &h->answers[j]);

			if (wa <= p && wb > p)
				p = wb;
			else if (wa > p && wa < q)
				q = wa;
		}
		if (q <= p)
			continue;
		ps->v = arena_grow(fq->mem, ps->v, sizeof(*ps->v), &ps->cap,
				   ps->n + 1);
		ps->v[ps->n++] = (struct piece){ p, q };
	}
}

/* Sorts the pieces and merges those that overlap (their union). */
static void
merge(struct pieces *ps)
{
	int i, j = 0;

	if (ps->n > 1)
		qsort(ps->v, (size_t)ps->n, sizeof(*ps->v), by_from);
	for (i = 1; i < ps->n; i++) {
		if (ps->v[i].from <= ps->v[j].to) {
			if (ps->v[i].to > ps->v[j].to)
				ps->v[j].to = ps->v[i].to;
		} else {
			ps->v[++j] = ps->v[i];
		}
	}
	if (ps->n)
		ps->n = j + 1;
}

/* The late time of the case in [a, b), as one union of pieces. */
static void
late_union(struct fq *fq, const struct history *h, time_t a, time_t b,
	   struct pieces *ps)
{
	int i;

	for (i = 0; i < h->nruns; i++)
		if (h->runs[i].passed)
			pieces_of(fq, h, &h->runs[i], a, b, ps);
}

long
held_late(struct fq *fq, const struct history *h, time_t a, time_t b)
{
	struct pieces ps = { 0, 0, NULL };
	long late = 0;
	int i;

	late_union(fq, h, a, b, &ps);
	merge(&ps);
	for (i = 0; i < ps.n; i++)
		late += (long)(ps.v[i].to - ps.v[i].from);
	return late;
}

/* Of the runs late at t, the one with the shortest limit; NULL. */
static const struct run *
late_at(const struct history *h, time_t t)
{
	const struct run *best = NULL;
	int i, j;

	for (i = 0; i < h->nruns; i++)
		for (j = 0; j < h->runs[i].n; j++) {
			const struct stretch *s = &h->runs[i].v[j];
			time_t lo = s->from > s->due ? s->from : s->due;

			if (lo <= t && t < s->to && (!best ||
			    h->runs[i].limit < best->limit))
				best = &h->runs[i];
		}
	return best;
}

/* The owner's next step on the case after t; 0 when none. */
static time_t
owner_step(const struct history *h, time_t t)
{
	const struct val *ev = h->events;
	int i;

	for (i = 0; i < ev->n; i++) {
		const struct val *e = ev->items[i];
		const char *actor = v_get_str(e, "actor");

		if ((time_t)v_get_int(e, "at") > t && actor &&
		    !strcmp(actor, h->c->owner))
			return (time_t)v_get_int(e, "at");
	}
	return 0;
}

/* The late time of the pieces in [a, b): wall, and as r counts. */
static void
gap_late(struct fq *fq, const struct pieces *ps, const struct run *r,
	 time_t a, time_t b, struct late *s)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->cal = &fq->pol->cal;
	s->work = r ? r->work : 0;
	for (i = 0; i < ps->n; i++)
		add_piece(s, ps->v[i].from > a ? ps->v[i].from : a,
			  ps->v[i].to < b ? ps->v[i].to : b);
}

/* The end of the late time of the pieces before b. */
static time_t
gap_end(const struct pieces *ps, time_t b)
{
	time_t end = 0;
	int i;

	for (i = 0; i < ps->n; i++)
		if (ps->v[i].from < b)
			end = ps->v[i].to < b ? ps->v[i].to : b;
	return end;
}

/*
 * The owner who did not follow up (跟踪到底): between two steps of the
 * owner on the case, the case lay late, in spans the owner did not hold,
 * for as long as the limit of the deadline it was first late by.
 */
static void
no_follow_up(struct fq *fq, struct found *f, const struct history *h)
{
	struct pieces ps = { 0, 0, NULL };
	const struct run *r;
	struct lapse *l;
	struct late s;
	time_t a, b, end;
	int i;

	for (i = 0; i < h->nholds; i++)
		if (!h->holds[i].handler ||
		    strcmp(h->holds[i].handler, h->c->owner))
			late_union(fq, h, h->holds[i].from,
				   hold_end(h, &h->holds[i]), &ps);
	merge(&ps);
	for (i = 0; i < ps.n;) {
		a = ps.v[i].from;
		b = owner_step(h, a);
		b = b ? b : h->now + 1;
		r = late_at(h, a);
		gap_late(fq, &ps, r, a, b, &s);
		end = gap_end(&ps, b);
		while (i < ps.n && ps.v[i].to <= b)
			i++;
		if (i < ps.n && ps.v[i].from < b)
			ps.v[i].from = b;	/* the rest is after the step */
		if (!r || r->limit <= 0 || s.secs < r->limit)
			continue;
		l = late_lapse(fq, f, h, r, "owner_no_follow_up", h->c->owner,
			       "owner", &s, end);
		l->to = end == h->now && late_at(h, h->now - 1) ? 0 : end;
		l->dept = staff_dept(fq->pol, h->c->owner);
	}
}

int
lapses_of(struct fq *fq, const struct history *h, struct lapse **out, int *n)
{
	struct found f = { 0, 0, NULL };
	int i, cb;

	for (i = 0; i < h->nruns; i++) {
		const struct run *r = &h->runs[i];

		if (!r->passed)
			continue;
		cb = r->k == DUE_RESOLVE && h->cat && h->cat->callback;
		holding(fq, &f, h, r, cb ? OUTSIDE_WAITS : ALL);
		if (cb)
			callbacks(fq, &f, h, r);
	}
	no_follow_up(fq, &f, h);
	unsigned_refusal(fq, &f, h);
	forced(fq, &f, h);
	by_start(&f);
	*out = f.v;
	*n = f.n;
	return 0;
}
