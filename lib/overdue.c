/*
 * overdue.c - what is late, and the escalation ladder.
 *
 * A level "at: 80%" of a deadline fires when 80% of the deadline's limit
 * has been used: the limit minus what is left of it now, counted the way
 * the limit counts (working or wall time).  A promise has no limit in the
 * policy: its "limit" is the time from logging to the promise.
 */
#include <string.h>

#include "clock.h"
#include "deadline.h"
#include "events.h"
#include "lifecycle.h"
#include "names.h"
#include "overdue.h"
#include "policy.h"
#include "roles.h"
#include "store.h"

/* Passes each due case on after catching up with an ended wait. */
struct each {
	int (*fn)(struct fq *, struct fq_case *, void *);
	void *arg;
};

static int
caught_up(struct fq *fq, struct fq_case *c, void *arg)
{
	struct each *e = arg;

	case_catch_up(fq, c);
	return e->fn(fq, c, e->arg);
}

int
overdue_each(struct fq *fq, const struct overdue_filter *f,
	     int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	struct each e = { fn, arg };

	return cases_due_before(fq, f->horizon, f->department, f->owner,
				caught_up, &e);
}

const char *
level_name(struct fq *fq, int i)
{
	return arena_printf(fq->mem, "%d%%", fq->pol->levels[i].pct);
}

/* The limit of deadline k in seconds and whether it counts working time. */
static long
limit_of(struct fq *fq, const struct fq_case *c, int k, int *work)
{
	const struct policy *p = fq->pol;
	int cat = policy_category(p, c->category);
	const struct dur *d;

	*work = 0;
	if (k == DUE_PROMISE)
		return (long)(c->due[k] - c->created_at);
	if (cat < 0 || !(d = deadline_limit(&p->cats[cat], k)) || !d->set)
		return 0;
	*work = d->work && !p->cal.always;
	return dur_seconds(&p->cal, d);
}

/* The share of deadline k's limit used by now, in percent. */
static long
used_pct(struct fq *fq, const struct fq_case *c, int k)
{
	const struct calendar *cal = &fq->pol->cal;
	time_t now = fq_now(), due = c->due[k];
	long limit, left;
	int work;

	if ((limit = limit_of(fq, c, k, &work)) <= 0)
		return now >= due ? 100 : 0;
	if (now < due)
		left = work ? cal_work_between(cal, now, due) : (long)(due - now);
	else
		left = -(work ? cal_work_between(cal, due, now) : (long)(now - due));
	return (long)((double)(limit - left) * 100.0 / (double)limit);
}

/* The seq of the event that started deadline k's current clock. */
static long long
clock_start(struct fq *fq, long long id, int k)
{
	long long seq = 0;

	store_clock_start(fq, id, k == DUE_ACCEPT, &seq);
	return seq;
}

/* When `to` last heard of this level of this clock (0: never). */
static time_t
last_told(struct fq *fq, const struct firing *f, long long since)
{
	time_t t = 0;

	store_last_told(fq, f->c.id, since, due_names[f->k],
			level_name(fq, f->level), f->to, &t);
	return t;
}

int
firing_pending(struct fq *fq, const struct firing *f)
{
	const struct level *lv = &fq->pol->levels[f->level];
	time_t last = last_told(fq, f, clock_start(fq, f->c.id, f->k));

	if (!last)
		return 1;
	if (!lv->repeat.set)
		return 0;
	return fq_now() >= cal_deadline(&fq->pol->cal, last, &lv->repeat);
}

/* Adds a firing to the list (each recipient once per level). */
static void
add_firing(struct fq *fq, struct firings *out, const struct fq_case *c,
	   int k, int level, const char *to)
{
	struct firing *f;
	int i;

	for (i = 0; i < out->n; i++)
		if (out->v[i].c.id == c->id && out->v[i].k == k &&
		    out->v[i].level == level && !strcmp(out->v[i].to, to))
			return;
	out->v = arena_grow(fq->mem, out->v, sizeof(*out->v), &out->cap,
			    out->n + 1);
	f = &out->v[out->n];
	f->c = *c;
	f->k = k;
	f->level = level;
	f->to = to;
	if (firing_pending(fq, f))
		out->n++;
}

/* The staff a `notify` word names for a case (NULL-terminated). */
static const struct staff **
recipients(struct fq *fq, const struct fq_case *c, const char *word)
{
	const struct policy *p = fq->pol;
	const struct staff **v = arena_alloc(fq->mem, sizeof(*v) *
					     ((size_t)p->nstaff + 1));
	int i, n = 0, d = policy_dept(p, c->department);

	if (!strcmp(word, "supervisor"))
		return supervisors_of(fq, c->department);
	for (i = 0; i < p->nstaff; i++) {
		const struct staff *s = &p->staff[i];

		if (!strcmp(word, "owner") ? !strcmp(s->id, c->owner) :
		    !strcmp(word, "holder") ? (c->handler ?
			!strcmp(s->id, c->handler) : s->dept == d) :
		    !strcmp(word, "managers") ? s->role == ROLE_MANAGER :
		    !strcmp(s->id, word))
			v[n++] = s;
	}
	v[n] = NULL;
	return v;
}

int
ladder_due(struct fq *fq, const struct fq_case *c, struct firings *out)
{
	const struct policy *p = fq->pol;
	const struct staff **s;
	int k, i, j;
	long pct;

	for (k = 0; k < NDUE; k++) {
		if (!c->due[k] || c->waiting_since)
			continue;
		pct = used_pct(fq, c, k);
		for (i = 0; i < p->nlevels; i++) {
			if (pct < p->levels[i].pct)
				continue;
			for (j = 0; j < p->levels[i].nnotify; j++)
				for (s = recipients(fq, c, p->levels[i].notify[j]);
				     *s; s++)
					add_firing(fq, out, c, k, i, (*s)->id);
		}
	}
	return 0;
}

/* The `escalated` event of one level of one deadline, to `to`. */
static struct val *
escalated_data(struct fq *fq, const struct firing *f, struct val *to)
{
	struct val *d = v_obj(fq->mem);

	v_set_str(fq->mem, d, "deadline", due_names[f->k]);
	v_set_str(fq->mem, d, "level", level_name(fq, f->level));
	v_set_int(fq->mem, d, "due", (long long)f->c.due[f->k]);
	v_set(fq->mem, d, "to", to);
	v_set_str(fq->mem, d, "run_by", fq->actor);
	return d;
}

int
firings_record(struct fq *fq, const struct firing *v, int n)
{
	struct val *to;
	int i, j, rc;

	for (i = 0; i < n; i++) {
		/* One event per case, deadline and level, naming everyone. */
		for (j = 0; j < i; j++)
			if (v[j].c.id == v[i].c.id && v[j].k == v[i].k &&
			    v[j].level == v[i].level)
				break;
		if (j < i)
			continue;
		to = v_arr(fq->mem);
		for (j = i; j < n; j++)
			if (v[j].c.id == v[i].c.id && v[j].k == v[i].k &&
			    v[j].level == v[i].level)
				v_push(fq->mem, to, v_str(fq->mem, v[j].to));
		if ((rc = event_add_as(fq, v[i].c.id, "fq", "escalated",
				       escalated_data(fq, &v[i], to))))
			return rc;
	}
	return 0;
}
