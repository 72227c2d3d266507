/*
 * ladder.c - the escalation ladder's decisions (see ladder.h): pure
 * arithmetic on a case, its memory, the policy and a moment.
 *
 * A level "at: 80%" of a deadline is reached when 80% of the deadline's
 * limit has been used: the limit minus what is left of it at `now`,
 * counted the way the limit counts (working or wall time).  A promise
 * has no limit in the policy: its "limit" is the time from logging to
 * the promise.
 */
#include <string.h>

#include "calendar.h"
#include "cases.h"
#include "deadline.h"
#include "ladder.h"
#include "policy.h"
#include "roles.h"

const char *
level_name(struct fq *fq, int i)
{
	return arena_printf(fq->mem, "%d%%", fq->pol->levels[i].pct);
}

/* The limit of deadline k in seconds and whether it counts working time. */
static long
limit_of(const struct policy *p, const struct fq_case *c, int k, int *work)
{
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

/* The share of deadline k's limit used at `now`, in percent. */
static long
used_pct(const struct policy *p, const struct fq_case *c, int k, time_t now)
{
	const struct calendar *cal = &p->cal;
	time_t due = c->due[k];
	long limit, left;
	int work;

	if ((limit = limit_of(p, c, k, &work)) <= 0)
		return now >= due ? 100 : 0;
	if (now < due)
		left = work ? cal_work_between(cal, now, due)
			    : (long)(due - now);
	else
		left = -(work ? cal_work_between(cal, due, now)
			      : (long)(now - due));
	return (long)((double)(limit - left) * 100.0 / (double)limit);
}

/* The lowest `at` of a level that notifies anyone (101: none does). */
static int
lowest_level(const struct policy *p)
{
	int i, low = 101;

	for (i = 0; i < p->nlevels; i++)
		if (p->levels[i].nnotify && p->levels[i].pct < low)
			low = p->levels[i].pct;
	return low;
}

time_t
ladder_horizon(struct fq *fq, time_t now)
{
	const struct policy *p = fq->pol;
	int low = lowest_level(p), i, k;
	const struct dur *d;
	time_t h = now, t;
	long secs;

	if (low >= 100)
		return now;
	for (i = 0; i < p->ncats; i++)
		for (k = 0; k < NDUE; k++) {
			d = deadline_limit(&p->cats[i], k);
			if (!d || !d->set)
				continue;
			secs = (long)((double)dur_seconds(&p->cal, d) *
				      (100 - low) / 100.0) + 1;
			t = cal_add_seconds(&p->cal, d->work && !p->cal.always,
					    now, secs);
			if (t > h)
				h = t;
		}
	return h;
}

int
ladder_may_fire(struct fq *fq, const struct fq_case *c, time_t now)
{
	int low = lowest_level(fq->pol), k;

	if (c->waiting_since)
		return 0;
	for (k = 0; k < NDUE; k++)
		if (c->due[k] && used_pct(fq->pol, c, k, now) >= low)
			return 1;
	return 0;
}

/* The staff a `notify` word names for a case (NULL-terminated). */
static const struct staff **
named(struct fq *fq, const struct fq_case *c, const char *word)
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

/* Everyone level i tells of case c, each once, in the policy's order. */
static const char **
recipients(struct fq *fq, const struct fq_case *c, int i, int *n)
{
	const struct level *lv = &fq->pol->levels[i];
	const char **v = NULL;
	const struct staff **s;
	int cap = 0, j, m;

	*n = 0;
	for (j = 0; j < lv->nnotify; j++)
		for (s = named(fq, c, lv->notify[j]); *s; s++) {
			for (m = 0; m < *n && strcmp(v[m], (*s)->id); m++)
				;
			if (m < *n)
				continue;
			v = arena_grow(fq->mem, v, sizeof(*v), &cap, *n + 1);
			v[(*n)++] = (*s)->id;
		}
	return v;
}

/* The memory's row for (deadline k, level, staff) since seq `start`. */
static const struct store_told *
told(const struct store_ladder *h, const char *deadline, const char *level,
     const char *staff, long long start)
{
	int i;

	for (i = 0; i < h->ntold; i++)
		if (h->told[i].seq > start &&
		    !strcmp(h->told[i].deadline, deadline) &&
		    !strcmp(h->told[i].level, level) &&
		    (!staff || !strcmp(h->told[i].staff, staff)))
			return &h->told[i];
	return NULL;
}

/* The memory's row for (deadline, level, staff) whatever its seq. */
static long long
seen(const struct store_ladder *h, const char *deadline, const char *level,
     const char *staff)
{
	const struct store_told *t = told(h, deadline, level, staff, -1);

	return t ? t->seq : 0;
}

/*
 * The highest level reached at `pct` that names anyone (-1: none), and
 * whom it names (*to, *n).
 */
static int
top_level(struct fq *fq, const struct fq_case *c, long pct,
	  const char ***to, int *n)
{
	const struct policy *p = fq->pol;
	long below = pct + 1;
	int i, top;

	for (;;) {
		for (top = -1, i = 0; i < p->nlevels; i++)
			if (p->levels[i].pct < below && (top < 0 ||
			    p->levels[i].pct >= p->levels[top].pct))
				top = i;
		if (top < 0)
			return -1;
		*to = recipients(fq, c, top, n);
		if (*n)
			return top;
		below = p->levels[top].pct;
	}
}

/* The levels below `top` reached at `pct` that never fired since `start`. */
static int *
passed_over(struct fq *fq, const struct store_ladder *h, int k, int top,
	    long pct, long long start, const char *const *names, int *n)
{
	const struct policy *p = fq->pol;
	int *v = arena_alloc(fq->mem, sizeof(*v) * (size_t)(p->nlevels + 1));
	int i;

	*n = 0;
	for (i = 0; i < p->nlevels; i++)
		if (i != top && pct >= p->levels[i].pct &&
		    p->levels[i].pct < p->levels[top].pct &&
		    !told(h, due_names[k], names[i], NULL, start))
			v[(*n)++] = i;
	return v;
}

/* 1 when staff `to` is owed level i now (told since start, or repeat). */
static int
owed_to(struct fq *fq, const struct store_ladder *h, int k, int i,
	const char *name, const char *to, long long start, time_t now)
{
	const struct level *lv = &fq->pol->levels[i];
	const struct store_told *t;

	if (told(h, due_names[k], name, "", start))
		return 0;	/* passed over in this clock */
	if (!(t = told(h, due_names[k], name, to, start)))
		return 1;
	return lv->repeat.set &&
	       now >= cal_deadline(&fq->pol->cal, t->at, &lv->repeat);
}

/* Appends a zeroed firing of case c to `out`. */
static struct firing *
add(struct fq *fq, struct firings *out, const struct fq_case *c)
{
	struct firing *f;

	out->v = arena_grow(fq->mem, out->v, sizeof(*out->v), &out->cap,
			    out->n + 1);
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->c = *c;
	return f;
}

/* What deadline k of case c owes at `now` (names: of the levels). */
static void
deadline_owed(struct fq *fq, const struct fq_case *c,
	      const struct store_ladder *h, int k, time_t now,
	      const char *const *names, struct firings *out)
{
	long long start = k == DUE_ACCEPT ? h->accept_start : h->start;
	long pct = used_pct(fq->pol, c, k, now);
	const char **to = NULL;
	const int *passed;
	struct firing *f;
	int top, n = 0, np, j;

	if ((top = top_level(fq, c, pct, &to, &n)) < 0)
		return;
	passed = passed_over(fq, h, k, top, pct, start, names, &np);
	for (j = 0; j < n; j++) {
		if (!owed_to(fq, h, k, top, names[top], to[j], start, now))
			continue;
		f = add(fq, out, c);
		f->k = k;
		f->level = top;
		f->name = names[top];
		f->to = to[j];
		f->seen = seen(h, due_names[k], f->name, to[j]);
		f->npassed = np;
		f->passed = passed;
	}
}

void
ladder_owed(struct fq *fq, const struct fq_case *c,
	    const struct store_ladder *h, time_t now, struct firings *out)
{
	const char **names;
	int i, k;

	if (c->waiting_since)
		return;
	names = arena_alloc(fq->mem, sizeof(*names) *
			    (size_t)(fq->pol->nlevels + 1));
	for (i = 0; i < fq->pol->nlevels; i++)
		names[i] = level_name(fq, i);
	for (k = 0; k < NDUE; k++)
		if (c->due[k] && used_pct(fq->pol, c, k, now) >=
		    lowest_level(fq->pol))
			deadline_owed(fq, c, h, k, now, names, out);
}

void
ladder_notice(struct fq *fq, const struct fq_case *c,
	      const struct store_told *t, const char *note,
	      struct firings *out)
{
	struct firing *f;

	if (!*t->staff || t->mailed >= t->seq)
		return;
	f = add(fq, out, c);
	f->k = -1;
	f->level = -1;
	f->name = arena_strdup(fq->mem, t->level);
	f->to = arena_strdup(fq->mem, t->staff);
	f->seen = t->mailed;
	f->about = t->seq;
	f->at = t->at;
	f->note = arena_strdup(fq->mem, note);
}
