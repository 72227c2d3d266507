/*
 * export.c - fq export: cases with their events as JSON Lines (the line
 * format is in exchange.h and fq-export(1)).
 *
 * Export walks the cases in id order and, in step with them, every
 * event in (case_id, seq) order, writing each line as it goes; the text
 * of a batch of lines lives in a scratch arena that is then thrown away.
 */
#include <string.h>

#include "chain.h"
#include "exchange.h"
#include "json.h"

#define SCRATCH_LINES 256	/* lines between renewals of memory */

/*
 * Scratch memory: fq->mem is lent a fresh arena while lines are built,
 * renewed every SCRATCH_LINES lines, and given back at the end (with the
 * error message, if any, copied into the command's arena).
 */
static struct arena *
scratch_begin(struct fq *fq)
{
	struct arena *keep = fq->mem;

	fq->mem = arena_new();
	return keep;
}

/* Throws the scratch arena's contents away. */
static void
scratch_renew(struct fq *fq)
{
	arena_free(fq->mem);
	fq->mem = arena_new();
}

/* Gives the command's arena back; returns rc. */
static int
scratch_end(struct fq *fq, struct arena *keep, int rc)
{
	if (rc && fq->err)
		fq->err = arena_strdup(keep, fq->err);
	arena_free(fq->mem);
	fq->mem = keep;
	return rc;
}

struct exporter {
	FILE *out;
	struct store_walk *events;
	int at;			/* 1: on ev; 0: walk done; -1: not begun */
	struct event_row ev;
	long lines;
};

/*
 * An event as an object: id, seq, at, actor, kind, data, prev, digest,
 * then its digest version when it is not 1 (so that the lines of old
 * events stay as the first round wrote them).  The stored data must be
 * exactly what json_text() makes of it, or the line could not be
 * imported again.
 */
static int
event_exact(struct fq *fq, const struct event_row *e, struct val **out)
{
	struct arena *a = fq->mem;
	struct val *ev = v_obj(a), *data = NULL;
	char err[128];

	if (!e->data || !e->actor || !e->kind || !e->prev || !e->digest ||
	    json_parse(a, e->data, strlen(e->data), &data, err, sizeof(err)) ||
	    data->kind != V_OBJ || strcmp(json_text(a, data), e->data))
		return fq_fail(fq, FQ_EDATA, "event %lld (case #%lld, seq "
			       "%lld) is not stored as fq writes it and cannot "
			       "be exported exactly; run 'fq verify'", e->id,
			       e->case_id, e->seq);
	v_set_int(a, ev, "id", e->id);
	v_set_int(a, ev, "seq", e->seq);
	v_set_time(a, ev, "at", (time_t)e->at);
	v_set_str(a, ev, "actor", arena_strdup(a, e->actor));
	v_set_str(a, ev, "kind", arena_strdup(a, e->kind));
	v_set(a, ev, "data", data);
	v_set_str(a, ev, "prev", arena_strdup(a, e->prev));
	v_set_str(a, ev, "digest", arena_strdup(a, e->digest));
	if (e->version != CHAIN_V1)
		v_set_int(a, ev, "version", e->version);
	*out = ev;
	return 0;
}

/*
 * The events of case `id`, from the walk: it stands on them already when
 * every case is exported; otherwise it is moved there.
 */
static int
case_events(struct fq *fq, struct exporter *x, long long id,
	    struct val **out)
{
	struct val *arr = v_arr(fq->mem), *ev = NULL;
	int rc;

	if (x->at < 0 || (x->at > 0 && x->ev.case_id < id))
		x->at = store_events_walk_from(fq, x->events, id, &x->ev);
	while (x->at > 0 && x->ev.case_id == id) {
		if ((rc = event_exact(fq, &x->ev, &ev)))
			return rc;
		v_push(fq->mem, arr, ev);
		x->at = store_events_walk_next(fq, x->events, &x->ev);
	}
	if (x->at < 0)
		return fq->err_code;
	*out = arr;
	return 0;
}

/* Writes one case's line (cases_each callback). */
static int
export_one(struct fq *fq, struct fq_case *c, void *arg)
{
	struct exporter *x = arg;
	struct arena *a = fq->mem;
	struct val *o = case_json(fq, c), *events = NULL;
	int rc;

	if ((rc = case_events(fq, x, c->id, &events)))
		return rc;
	v_set_time(a, o, "waiting_since", c->waiting_since);
	v_set_time(a, o, "waiting_until", c->waiting_until);
	v_set_time(a, o, "updated_at", c->updated_at);
	v_set_str(a, o, "request_key", c->request_key);
	v_set(a, o, "events", events);
	json_write(x->out, o);
	putc('\n', x->out);
	if (++x->lines % SCRATCH_LINES == 0)
		scratch_renew(fq);
	return 0;
}

int
export_cases(struct fq *fq, const struct case_filter *f, FILE *out)
{
	struct exporter x = { .out = out, .at = -1 };
	struct case_filter oldest = *f;
	struct arena *keep;
	int rc;

	oldest.oldest_first = 1;
	if ((rc = store_events_walk(fq, &x.events))) {
		store_events_walk_end(fq, x.events);
		return rc;
	}
	keep = scratch_begin(fq);
	rc = cases_each(fq, &oldest, export_one, &x);
	store_events_walk_end(fq, x.events);
	return scratch_end(fq, keep, rc);
}
