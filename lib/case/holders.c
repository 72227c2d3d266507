/*
 * holders.c - the chain of holders, read off a case's history.
 */
#include <string.h>

#include "holders.h"

/*
 * 1 when run r ran during the span [a, b): overlapping it; a run of no
 * length, when it stopped where it started, inside it; in a span of no
 * length, the runs that started there.
 */
static int
ran_in(const struct history *hs, const struct run *r, time_t a, time_t b)
{
	time_t s = r->start, e = run_end(hs, r);

	if (b == a)
		return s == a;
	if (e == s)
		return s >= a && s < b;
	return s < b && e > a;
}

/* 1 when run r stopped within the span [a, b]. */
static int
ended_in(const struct run *r, time_t a, time_t b)
{
	if (!r->end)
		return 0;
	return (r->end > a && r->end <= b) || (r->end == a && r->start == a);
}

/* "during", "before" or NULL: when run r's deadline passed, for [a, b). */
static const char *
passed_word(const struct run *r, time_t a, time_t b)
{
	if (!r->passed || r->passed > b || (r->passed == b && b > a))
		return NULL;
	return r->passed < a ? "before" : "during";
}

/* What one clock did during the span [a, b]. */
static struct val *
span_clock(struct fq *fq, const struct run *r, time_t a, time_t b)
{
	struct arena *m = fq->mem;
	struct val *o = v_obj(m);
	int end = ended_in(r, a, b);

	v_set_str(m, o, "clock", due_names[r->k]);
	v_set(m, o, "seconds", v_dur(m, run_used(&fq->pol->cal, r, a, b)));
	v_set(m, o, "limit_seconds", v_dur(m, r->limit));
	v_set_time(m, o, "due", r->due);
	v_set(m, o, "late_seconds", v_dur(m, run_late(r, a, b)));
	v_set_str(m, o, "passed", passed_word(r, a, b));
	v_set_str(m, o, "ended", end ? r->ended_by : NULL);
	v_set(m, o, "kept", end ? v_bool(m, r->end <= r->due) : v_null(m));
	return o;
}

/* 1 when run r, of no length, belongs to an earlier span than hs->holds[i]. */
static int
earlier(const struct history *hs, const struct run *r, int i)
{
	int j;

	if (run_end(hs, r) != r->start)
		return 0;
	for (j = 0; j < i; j++)
		if (ran_in(hs, r, hs->holds[j].from,
			   hold_end(hs, &hs->holds[j])))
			return 1;
	return 0;
}

/* Every clock that ran during span i. */
static struct val *
span_clocks(struct fq *fq, const struct history *hs, int i)
{
	struct val *v = v_arr(fq->mem);
	const struct hold *h = &hs->holds[i];
	time_t a = h->from, b = hold_end(hs, h);
	int j;

	for (j = 0; j < hs->nruns; j++)
		if (ran_in(hs, &hs->runs[j], a, b) &&
		    !earlier(hs, &hs->runs[j], i))
			v_push(fq->mem, v, span_clock(fq, &hs->runs[j], a, b));
	return v;
}

/* Sets the limit a span is judged by (the fields of fq 0.1). */
static void
judged_by(struct fq *fq, struct val *span, const char *clock, long used,
	  time_t due, int kept)
{
	v_set_str(fq->mem, span, "clock", clock);
	v_set(fq->mem, span, "clock_seconds", v_dur(fq->mem, used));
	v_set_time(fq->mem, span, "clock_due", due);
	v_set(fq->mem, span, "kept", v_bool(fq->mem, kept));
}

/* The acceptance clock that started with span h, or NULL. */
static const struct run *
accept_of(const struct history *hs, const struct hold *h)
{
	int i;

	if (h->handler)
		return NULL;
	for (i = 0; i < hs->nruns; i++)
		if (hs->runs[i].k == DUE_ACCEPT &&
		    hs->runs[i].start == h->from &&
		    strcmp(hs->runs[i].started_by, "reopened"))
			return &hs->runs[i];
	return NULL;
}

/* When the reply clock answered by `a` started: logging or reopening. */
static time_t
reply_start(const struct history *hs, const struct answer *a)
{
	time_t t = hs->c->created_at;
	int i;

	for (i = 0; i < hs->nruns; i++)
		if (hs->runs[i].start <= a->at &&
		    hs->runs[i].start > t &&
		    !strcmp(hs->runs[i].started_by, "reopened"))
			t = hs->runs[i].start;
	return t;
}

/* The index of the span in which answer `a` was given (-1: none). */
static int
answer_span(const struct history *hs, const struct answer *a)
{
	int i;

	for (i = hs->nholds - 1; i >= 0; i--)
		if (hs->holds[i].from <= a->at &&
		    hold_end(hs, &hs->holds[i]) >= a->at)
			return i;
	return -1;
}

/* One span as an object. */
static struct val *
span_of(struct fq *fq, const struct history *hs, const struct hold *h)
{
	struct arena *m = fq->mem;
	struct val *s = v_obj(m);
	const struct run *acc = accept_of(hs, h);
	time_t end = hold_end(hs, h);

	v_set_str(m, s, "department", h->dept);
	v_set_str(m, s, "handler", h->handler);
	v_set_time(m, s, "from", h->from);
	v_set(m, s, "to", h->to ? v_time(m, h->to) : v_null(m));
	v_set(m, s, "seconds", v_dur(m, (long)(end - h->from)));
	v_set(m, s, "clock", v_null(m));
	if (acc)
		judged_by(fq, s, "accept", (long)(end - h->from), acc->due,
			  end <= acc->due);
	return s;
}

struct val *
holders_of(struct fq *fq, const struct history *hs)
{
	struct val *chain = v_arr(fq->mem);
	int i, j;

	for (i = 0; i < hs->nholds; i++)
		v_push(fq->mem, chain, span_of(fq, hs, &hs->holds[i]));
	for (i = 0; i < hs->nanswers; i++) {
		const struct answer *a = &hs->answers[i];

		if ((j = answer_span(hs, a)) >= 0)
			judged_by(fq, chain->items[j], "reply",
				  (long)(a->at - reply_start(hs, a)), a->due,
				  !a->late);
	}
	for (i = 0; i < hs->nholds; i++)
		v_set(fq->mem, chain->items[i], "clocks",
		      span_clocks(fq, hs, i));
	return chain;
}
