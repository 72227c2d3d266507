/*
 * holders.c - the chain of holders, derived from a case's events.
 */
#include <string.h>

#include "clock.h"
#include "holders.h"

/* Closes the open span at time `to`. */
static void
span_end(struct fq *fq, struct val *span, time_t to)
{
	time_t from = (time_t)v_get_int(span, "from");

	v_set(fq->mem, span, "to", v_time(fq->mem, to));
	v_set(fq->mem, span, "seconds", v_dur(fq->mem, (long)(to - from)));
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
	int i;

	for (i = 0; i < events->n; i++) {
		const struct val *e = events->items[i];
		const char *kind = v_get_str(e, "kind");
		time_t at = (time_t)v_get_int(e, "at");
		const char *nd = dept, *nh = handler;

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
		if (!cur || differ(nd, dept) || differ(nh, handler))
			cur = span_start(fq, chain, cur, nd, nh, at);
		dept = nd;
		handler = nh;
	}
	if (cur)
		v_set(fq->mem, cur, "seconds",
		      v_dur(fq->mem, (long)(fq_now() - v_get_int(cur, "from"))));
	(void)c;
	return chain;
}
