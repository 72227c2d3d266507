/*
 * events.c - the append-only, hash-chained record of every step.
 *
 * Event data is a JSON object stored as text.  Keys that hold a time
 * (those ending in "_at", and "due", "until", "promise", "since") are stored as
 * integer seconds and read back as times.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "events.h"
#include "json.h"
#include "monotonic.h"

void
event_digest(const char *prev, long long id, long long case_id,
	     long long seq, long long at, const char *actor,
	     const char *kind, const char *data, char out[65])
{
	struct event_row e = { .id = id, .case_id = case_id, .seq = seq,
			       .at = at, .actor = actor, .kind = kind,
			       .data = data, .prev = prev,
			       .version = CHAIN_V1 };

	chain_digest(&e, out);
}

int
events_head(struct fq *fq, long long *id, const char **digest)
{
	int rc = store_chain_head(fq, id, digest);

	if (!*digest)
		*digest = CHAIN_GENESIS;
	return rc;
}

int
event_add_as(struct fq *fq, long long case_id, const char *actor,
	     const char *kind, struct val *data)
{
	struct event_row e = { .case_id = case_id, .actor = actor,
			       .kind = kind };
	char digest[CHAIN_HEX];
	const char *head;
	long long head_id;
	int rc;

	e.data = data ? json_text(fq->mem, data) : "{}";
	e.at = (long long)fq_now();
	if ((rc = event_time_check(fq, case_id, (time_t)e.at)) ||
	    (rc = store_chain_head(fq, &head_id, &head)) ||
	    (rc = store_next_seq(fq, case_id, &e.seq)))
		return rc;
	chain_append(&e, head_id, head, digest);
	return store_event_append(fq, &e);
}

int
event_add(struct fq *fq, long long case_id, const char *kind,
	  struct val *data)
{
	if (fq->entered_by) {	/* an installed fq's --as (fq(1)) */
		data = data ? data : v_obj(fq->mem);
		v_set_str(fq->mem, data, "entered_by", fq->entered_by);
	}
	return event_add_as(fq, case_id, fq->actor, kind, data);
}

/* 1 when a data key holds a time (see the top of this file). */
static int
is_time_key(const char *k)
{
	size_t n = strlen(k);

	return (n > 3 && !strcmp(k + n - 3, "_at")) || !strcmp(k, "due") ||
	       !strcmp(k, "until") || !strcmp(k, "promise") ||
	       !strcmp(k, "since");
}

/* One event as an object: seq, at, actor, kind, then its data. */
static int
event_json(struct fq *fq, const struct event_row *e, struct val **out)
{
	struct val *ev = v_obj(fq->mem), *data;
	char err[128];
	int i;

	v_set_int(fq->mem, ev, "seq", e->seq);
	v_set_time(fq->mem, ev, "at", (time_t)e->at);
	v_set_str(fq->mem, ev, "actor", arena_strdup(fq->mem, e->actor));
	v_set_str(fq->mem, ev, "kind", arena_strdup(fq->mem, e->kind));
	if (json_parse(fq->mem, e->data, strlen(e->data), &data, err,
		       sizeof(err)) || data->kind != V_OBJ)
		return fq_fail(fq, FQ_EINTERNAL, "event data is not an "
			       "object (%s); run 'fq verify'", err);
	for (i = 0; i < data->n; i++) {
		struct val *v = data->items[i];

		if (v->kind == V_INT && is_time_key(data->keys[i]))
			v = v_time(fq->mem, (time_t)v->i);
		v_set(fq->mem, ev, data->keys[i], v);
	}
	*out = ev;
	return 0;
}

/* Appends one event to the array `arg` (store_events_of callback). */
static int
push_event(struct fq *fq, const struct event_row *e, void *arg)
{
	struct val *ev = NULL;
	int rc;

	if ((rc = event_json(fq, e, &ev)))
		return rc;
	v_push(fq->mem, arg, ev);
	return 0;
}

int
events_of(struct fq *fq, long long case_id, struct val **out)
{
	struct val *arr = v_arr(fq->mem);
	int rc;

	if ((rc = store_events_of(fq, case_id, push_event, arr)))
		return rc;
	*out = arr;
	return 0;
}

const char *
event_last_note(struct fq *fq, long long case_id)
{
	const char *s = NULL;

	store_last_note(fq, case_id, &s);
	return s;
}
