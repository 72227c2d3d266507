/*
 * holders.c - the chain of holders, derived from a case's events.
 */
#include <string.h>

#include "clock.h"
#include "holders.h"

/* Sets the clock a span is judged by: its name, what it used, its due. */
static void
span_clock(struct fq *fq, struct val *span, const char *clock, long used,
	   time_t due, int kept)
{
	v_set_str(fq->mem, span, "clock", clock);
	v_set(fq->mem, span, "clock_seconds", v_dur(fq->mem, used));
	v_set_time(fq->mem, span, "clock_due", due);
	v_set(fq->mem, span, "kept", v_bool(fq->mem, kept));
}

/* Closes the open span at time `to`; an acceptance clock stops there. */
static void
span_end(struct fq *fq, struct val *span, time_t to)
{
	time_t from = (time_t)v_get_int(span, "from");
	const char *clock = v_get_str(span, "clock");
	time_t due = (time_t)v_get_int(span, "clock_due");

	v_set(fq->mem, span, "to", v_time(fq->mem, to));
	v_set(fq->mem, span, "seconds", v_dur(fq->mem, (long)(to - from)));
	if (clock && !strcmp(clock, "accept"))
		span_clock(fq, span, "accept", (long)(to - from), due, to <= due);
}

/* Starts a span; the previous one (if any) ends where this begins. */
static struct val *
span_start(struct fq *fq, struct val *chain, struct val *prev,
	   const char *dept, const char *handler, time_t at)
{
	struct val *s = v_obj(fq->mem);

	if (prev)
		span_end(fq, prev, at);
	v_set_str(fq->mem, s, "department", dept);
	v_set_str(fq->mem, s, "handler", handler);
	v_set_time(fq->mem, s, "from", at);
	v_set(fq->mem, s, "to", v_null(fq->mem));
	v_set(fq->mem, s, "seconds", v_null(fq->mem));
	v_set(fq->mem, s, "clock", v_null(fq->mem));
	v_push(fq->mem, chain, s);
	return s;
}

/* 1 when two possibly-NULL strings differ. */
static int
differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

struct val *
holders_of(struct fq *fq, const struct fq_case *c, const struct val *events)
{
	struct val *chain = v_arr(fq->mem), *cur = NULL;
	const char *dept = NULL, *handler = NULL;
	time_t reply_start = c->created_at;
	int i;

	for (i = 0; i < events->n; i++) {
		const struct val *e = events->items[i];
		const char *kind = v_get_str(e, "kind");
		time_t at = (time_t)v_get_int(e, "at");
		const char *nd = dept, *nh = handler;

		if (!strcmp(kind, "replied") && cur) {
			span_clock(fq, cur, "reply", (long)(at - reply_start),
				   (time_t)v_get_int(e, "due"),
				   !v_get_int(e, "late"));
			continue;
		}
		if (!strcmp(kind, "reopened"))
			reply_start = at;
		if (!strcmp(kind, "logged") || !strcmp(kind, "transferred")) {
			nd = v_get_str(e, "department");
			nh = v_get_str(e, "handler");
		} else if (!strcmp(kind, "accepted")) {
			nh = v_get_str(e, "handler");
		} else if (!strcmp(kind, "closed") && cur) {
			span_end(fq, cur, at);
			cur = NULL;
			continue;
		} else if (!strcmp(kind, "reopened") && !cur) {
			cur = span_start(fq, chain, NULL, dept, handler, at);
			continue;
		} else {
			continue;
		}
		if (!cur || differ(nd, dept) || differ(nh, handler)) {
			cur = span_start(fq, chain, cur, nd, nh, at);
			if (!nh && v_get(e, "accept_due_at"))
				v_set(fq->mem, cur, "clock_due",
				      v_time(fq->mem, (time_t)v_get_int(e,
						"accept_due_at")));
			if (!nh && v_get(e, "accept_due_at"))
				v_set_str(fq->mem, cur, "clock", "accept");
		}
		dept = nd;
		handler = nh;
	}
	if (cur) {
		time_t from = (time_t)v_get_int(cur, "from");
		const char *clock = v_get_str(cur, "clock");
		time_t due = (time_t)v_get_int(cur, "clock_due");

		v_set(fq->mem, cur, "seconds",
		      v_dur(fq->mem, (long)(fq_now() - from)));
		if (clock && !strcmp(clock, "accept"))
			span_clock(fq, cur, "accept", (long)(fq_now() - from),
				   due, fq_now() <= due);
	}
	return chain;
}
