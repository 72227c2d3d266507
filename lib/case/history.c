/*
 * history.c - a case's history replayed from its events.
 *
 * The replay keeps what the steps of lifecycle.c keep in the case row
 * (which clocks run, their due times, the holder), event by event:
 *
 *   logged, reopened   start the clocks their *_due_at name; a promise
 *                      given at logging meets the reply clock at once
 *   transferred        stops the accept clock; starts a new one when
 *                      the event has accept_due_at
 *   accepted           stops the accept clock
 *   promised           meets the reply clock; a running promise is
 *                      moved (it stops) and the new one starts
 *   replied            stops the accept, reply and promise clocks
 *   declined, closed   stop every clock
 *   waiting, resumed   stop and restart the running clocks; at the end
 *                      of a wait each moves later as deadlines_pause()
 *                      moves it (deadline.h)
 */
#include <string.h>

#include "deadline.h"
#include "history.h"

/* Indexes into h->caps. */
enum { CAP_RUNS, CAP_HOLDS, CAP_PAUSES, CAP_NOTICES, CAP_ANSWERS };

/* What the replay keeps between events. */
struct replay {
	struct fq *fq;
	struct history *h;
	int running[NDUE];	/* index into h->runs, or -1 */
	const char *dept, *handler;
	int hold;		/* the current span, or -1 */
	int pause;		/* the current wait, or -1 */
};

/* 1 when deadline k of the case's category counts working time. */
static int
counts_work(const struct history *h, const struct policy *p, int k)
{
	const struct dur *d = h->cat ? deadline_limit(h->cat, k) : NULL;

	return d && d->set && d->work && !p->cal.always;
}

/* Starts a run of clock k at `at`, due at `due` (0: none runs). */
static void
run_start(struct replay *r, int k, time_t at, time_t due, const char *by,
	  const char *actor)
{
	struct history *h = r->h;
	const struct dur *d = h->cat ? deadline_limit(h->cat, k) : NULL;
	struct run *u;

	if (!due)
		return;
	h->runs = arena_grow(r->fq->mem, h->runs, sizeof(*h->runs),
			     &h->caps[CAP_RUNS], h->nruns + 1);
	u = &h->runs[h->nruns];
	memset(u, 0, sizeof(*u));
	u->k = k;
	u->start = at;
	u->started_by = by;
	u->actor = actor;
	u->due = due;
	u->work = counts_work(h, r->fq->pol, k);
	u->limit = d && d->set ? dur_seconds(&r->fq->pol->cal, d)
			       : (long)(due - at);
	if (r->pause < 0) {
		u->v = arena_grow(r->fq->mem, u->v, sizeof(*u->v), &u->cap, 1);
		u->v[0] = (struct stretch){ at, 0, due };
		u->n = 1;
	}
	r->running[k] = h->nruns++;
}

/* Stops clock k at `at`, because of step `by`. */
static void
run_stop(struct replay *r, int k, time_t at, const char *by)
{
	struct run *u;

	if (r->running[k] < 0)
		return;
	u = &r->h->runs[r->running[k]];
	if (u->n && !u->v[u->n - 1].to)
		u->v[u->n - 1].to = at;
	u->end = at;
	u->ended_by = by;
	r->running[k] = -1;
}

/* Stops every clock. */
static void
stop_all(struct replay *r, time_t at, const char *by)
{
	int k;

	for (k = 0; k < NDUE; k++)
		run_stop(r, k, at, by);
}

/* 1 when two possibly-NULL strings differ. */
static int
differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

/* Ends the current span at `at`. */
static void
hold_stop(struct replay *r, time_t at)
{
	if (r->hold >= 0)
		r->h->holds[r->hold].to = at;
	r->hold = -1;
}

/* Sets the holder from `at`: a new span when it changed (or none runs). */
static void
hold_set(struct replay *r, const char *dept, const char *handler, time_t at)
{
	struct history *h = r->h;

	if (r->hold >= 0 && !differ(dept, r->dept) &&
	    !differ(handler, r->handler))
		return;
	hold_stop(r, at);
	h->holds = arena_grow(r->fq->mem, h->holds, sizeof(*h->holds),
			      &h->caps[CAP_HOLDS], h->nholds + 1);
	h->holds[h->nholds] = (struct hold){ dept, handler, at, 0 };
	r->hold = h->nholds++;
	r->dept = dept;
	r->handler = handler;
}

/* The time an event's key holds (0 when absent). */
static time_t
time_of(const struct val *e, const char *key)
{
	return (time_t)v_get_int(e, key);
}

/* The clocks a logging or reopening starts (their *_due_at). */
static void
start_clocks(struct replay *r, const struct val *e, time_t at,
	     const char *kind, const char *actor)
{
	static const char *const keys[NDUE] = {
		"accept_due_at", "reply_due_at", "resolve_due_at",
		"promise_due_at",
	};
	int k;

	for (k = 0; k < NDUE; k++)
		run_start(r, k, at, time_of(e, keys[k]), kind, actor);
	if (r->running[DUE_PROMISE] >= 0)
		run_stop(r, DUE_REPLY, at, "promised");
}

/* A wait begins: every running clock stops running for now. */
static void
pause_start(struct replay *r, const struct val *e, time_t at)
{
	struct history *h = r->h;
	int k;

	for (k = 0; k < NDUE; k++) {
		struct run *u;

		if (r->running[k] < 0)
			continue;
		u = &h->runs[r->running[k]];
		if (u->n && !u->v[u->n - 1].to)
			u->v[u->n - 1].to = at;
	}
	h->pauses = arena_grow(r->fq->mem, h->pauses, sizeof(*h->pauses),
			       &h->caps[CAP_PAUSES], h->npauses + 1);
	h->pauses[h->npauses] = (struct pause){ at, 0, time_of(e, "until"),
						v_get_str(e, "reason"), 0 };
	r->pause = h->npauses++;
}

/* Moves a due time later by the pause [from, to) (deadlines_pause()). */
static time_t
moved(const struct calendar *cal, const struct run *u, time_t from,
      time_t to)
{
	long left;

	if (u->due <= from)
		return u->due + (to - from);
	left = u->work ? cal_work_between(cal, from, u->due)
		       : (long)(u->due - from);
	return cal_add_seconds(cal, u->work, to, left);
}

/* The current wait ends at `at`: the clocks run again, due later. */
static void
pause_end(struct replay *r, time_t at, int auto_end)
{
	struct history *h = r->h;
	struct pause *p;
	int k;

	if (r->pause < 0)
		return;
	p = &h->pauses[r->pause];
	p->to = at;
	p->auto_end = auto_end;
	for (k = 0; k < NDUE; k++) {
		struct run *u;

		if (r->running[k] < 0)
			continue;
		u = &h->runs[r->running[k]];
		if (at > p->from)
			u->due = moved(&r->fq->pol->cal, u, p->from, at);
		u->v = arena_grow(r->fq->mem, u->v, sizeof(*u->v), &u->cap,
				  u->n + 1);
		u->v[u->n++] = (struct stretch){ at, 0, u->due };
	}
	r->pause = -1;
}

/* Ends a wait whose --until came before `at`, as case_catch_up() does. */
static void
catch_up(struct replay *r, time_t at)
{
	const struct pause *p;

	if (r->pause < 0)
		return;
	p = &r->h->pauses[r->pause];
	if (p->until && p->until <= at)
		pause_end(r, p->until, 1);
}

/* The staff an escalation names, as notices. */
static void
notices(struct replay *r, const struct val *e, time_t at)
{
	struct history *h = r->h;
	const struct val *to = v_get(e, "to");
	int i;

	for (i = 0; to && to->kind == V_ARR && i < to->n; i++) {
		if (to->items[i]->kind != V_STR)
			continue;
		h->notices = arena_grow(r->fq->mem, h->notices,
					sizeof(*h->notices),
					&h->caps[CAP_NOTICES], h->nnotices + 1);
		h->notices[h->nnotices++] = (struct notice){ at,
			to->items[i]->s, v_get_str(e, "deadline") };
	}
}

/* An answer to the guest; the wait for a callback runs from it. */
static void
answered(struct replay *r, const struct val *e, time_t at, const char *actor)
{
	struct history *h = r->h;
	struct answer *a;

	h->answers = arena_grow(r->fq->mem, h->answers, sizeof(*h->answers),
				&h->caps[CAP_ANSWERS], h->nanswers + 1);
	a = &h->answers[h->nanswers++];
	memset(a, 0, sizeof(*a));
	a->at = at;
	a->due = time_of(e, "due");
	a->actor = actor;
	a->deadline = v_get_str(e, "deadline");
	a->timed = v_get(e, "due") != NULL;
	a->late = (int)v_get_int(e, "late");
	a->text = v_get_str(e, "text");
	if (v_get_int(e, "forced"))
		a->forced = v_get_str(e, "forbidden");
}

/* The wait for a callback after the last answer ends at `at`. */
static void
answer_ends(struct replay *r, time_t at)
{
	struct history *h = r->h;

	if (h->nanswers && !h->answers[h->nanswers - 1].until)
		h->answers[h->nanswers - 1].until = at;
}

/* A promise given (or moved) at `at`. */
static void
promised(struct replay *r, const struct val *e, time_t at, const char *actor)
{
	run_stop(r, DUE_REPLY, at, "promised");
	run_stop(r, DUE_PROMISE, at, "moved");
	run_start(r, DUE_PROMISE, at, time_of(e, "due"), "promised", actor);
}

/* One event of the record. */
static void
replay_event(struct replay *r, const struct val *e)
{
	const char *kind = v_get_str(e, "kind");
	const char *actor = v_get_str(e, "actor");
	time_t at = time_of(e, "at");

	if (strcmp(kind, "resumed"))
		catch_up(r, at);
	if (!strcmp(kind, "logged")) {
		hold_set(r, v_get_str(e, "department"), v_get_str(e, "handler"),
			 at);
		start_clocks(r, e, at, kind, actor);
	} else if (!strcmp(kind, "transferred")) {
		run_stop(r, DUE_ACCEPT, at, kind);
		hold_set(r, v_get_str(e, "department"), v_get_str(e, "handler"),
			 at);
		run_start(r, DUE_ACCEPT, at, time_of(e, "accept_due_at"), kind,
			  actor);
	} else if (!strcmp(kind, "accepted")) {
		run_stop(r, DUE_ACCEPT, at, kind);
		hold_set(r, r->dept, v_get_str(e, "handler"), at);
	} else if (!strcmp(kind, "promised")) {
		promised(r, e, at, actor);
	} else if (!strcmp(kind, "replied")) {
		run_stop(r, DUE_ACCEPT, at, kind);
		run_stop(r, DUE_REPLY, at, kind);
		run_stop(r, DUE_PROMISE, at, kind);
		answered(r, e, at, actor);
	} else if (!strcmp(kind, "declined")) {
		stop_all(r, at, kind);
	} else if (!strcmp(kind, "closed")) {
		stop_all(r, at, kind);
		hold_stop(r, at);
		answer_ends(r, at);
	} else if (!strcmp(kind, "reopened")) {
		stop_all(r, at, kind);
		answer_ends(r, at);
		if (r->hold < 0)
			hold_set(r, r->dept, r->handler, at);
		start_clocks(r, e, at, kind, actor);
	} else if (!strcmp(kind, "waiting")) {
		pause_start(r, e, at);
	} else if (!strcmp(kind, "resumed")) {
		pause_end(r, v_get(e, "until") ? time_of(e, "until") : at,
			  v_get(e, "until") != NULL);
	} else if (!strcmp(kind, "escalated")) {
		notices(r, e, at);
	}
}

/* Closes what still runs at `now` and finds when each run went late. */
static void
finish(struct history *h)
{
	int i, j;

	for (i = 0; i < h->nruns; i++) {
		struct run *u = &h->runs[i];

		for (j = 0; j < u->n; j++) {
			struct stretch *s = &u->v[j];

			if (!s->to)
				s->to = h->now > s->from ? h->now : s->from;
			if (!u->passed && s->to > s->due)
				u->passed = s->from > s->due ? s->from : s->due;
		}
	}
}

void
history_of(struct fq *fq, const struct fq_case *c, const struct val *events,
	   time_t now, struct history *h)
{
	struct replay r = { fq, h, { -1, -1, -1, -1 }, NULL, NULL, -1, -1 };
	int i, cat = policy_category(fq->pol, c->category);

	memset(h, 0, sizeof(*h));
	h->c = c;
	h->cat = cat >= 0 ? &fq->pol->cats[cat] : NULL;
	h->now = now;
	h->events = events;
	for (i = 0; i < events->n; i++)
		replay_event(&r, events->items[i]);
	catch_up(&r, now);
	finish(h);
}

time_t
hold_end(const struct history *hs, const struct hold *h)
{
	return h->to ? h->to : hs->now;
}

time_t
run_end(const struct history *hs, const struct run *r)
{
	return r->end ? r->end : hs->now;
}

/* The overlap of [a, b) and [c, d), as its bounds; 0 when empty. */
static int
overlap(time_t a, time_t b, time_t c, time_t d, time_t *from, time_t *to)
{
	*from = a > c ? a : c;
	*to = b < d ? b : d;
	return *to > *from;
}

long
run_used(const struct calendar *cal, const struct run *r, time_t a, time_t b)
{
	time_t from, to;
	long used = 0;
	int i;

	for (i = 0; i < r->n; i++)
		if (overlap(r->v[i].from, r->v[i].to, a, b, &from, &to))
			used += r->work ? cal_work_between(cal, from, to)
					: (long)(to - from);
	return used;
}

long
run_late(const struct run *r, time_t a, time_t b)
{
	time_t from, to;
	long late = 0;
	int i;

	for (i = 0; i < r->n; i++) {
		time_t lo = r->v[i].from > r->v[i].due ? r->v[i].from
						       : r->v[i].due;

		if (overlap(lo, r->v[i].to, a, b, &from, &to))
			late += (long)(to - from);
	}
	return late;
}

time_t
run_late_from(const struct run *r, time_t a, time_t b)
{
	time_t from, to;
	int i;

	for (i = 0; i < r->n; i++) {
		time_t lo = r->v[i].from > r->v[i].due ? r->v[i].from
						       : r->v[i].due;

		if (overlap(lo, r->v[i].to, a, b, &from, &to))
			return from;
	}
	return 0;
}
