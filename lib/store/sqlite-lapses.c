/*
 * sqlite-lapses.c - the SQLite driver's read of whole histories (cases
 * with all their events) for the lapses and the held time of fq report.
 *
 * Two statements step side by side, both in case id order: the cases of
 * the period, and their events through the (case_id, seq) index.  Each
 * case's events are copied into an arena of their own, freed when the
 * callback returns, so that a period of a million cases reads in the
 * memory of one.
 */
#include <string.h>

#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/*
 * Both go by the list of the period's case ids (through cases_created),
 * walked in id order: no sort, and never a walk of a whole table.
 */
#define PERIOD_IDS \
	"(SELECT id FROM cases WHERE created_at >= :since " \
	"AND created_at < :until)"

#define CASES_SQL \
	"SELECT id, summary, category, department, handler, owner, " \
	"  status, created_at, closed_at, waiting_since, waiting_until, " \
	"  due_accept, due_reply, due_resolve, due_promise " \
	"FROM cases WHERE id IN " PERIOD_IDS " ORDER BY id"

#define EVENTS_SQL \
	"SELECT e.case_id, e.id, e.seq, e.at, e.actor, e.kind, e.data " \
	"FROM events e WHERE e.case_id IN " PERIOD_IDS " " \
	"ORDER BY e.case_id, e.seq"

/* The case the cases statement is on (text valid until its next step). */
static void
case_of(const struct sq *q, struct fq_case *c)
{
	int k;

	memset(c, 0, sizeof(*c));
	c->id = sq_col_int(q, 0);
	c->summary = sq_col_peek(q, 1);
	c->category = sq_col_peek(q, 2);
	c->department = sq_col_peek(q, 3);
	c->handler = sq_col_peek(q, 4);
	c->owner = sq_col_peek(q, 5);
	c->status = sq_col_peek(q, 6);
	c->created_at = (time_t)sq_col_int(q, 7);
	c->closed_at = (time_t)sq_col_int(q, 8);
	c->waiting_since = (time_t)sq_col_int(q, 9);
	c->waiting_until = (time_t)sq_col_int(q, 10);
	for (k = 0; k < NDUE; k++)
		c->due[k] = (time_t)sq_col_int(q, 11 + k);
}

/* The event the events statement is on, its text copied into `a`. */
static void
event_of(const struct sq *q, struct arena *a, struct event_row *e)
{
	memset(e, 0, sizeof(*e));
	e->case_id = sq_col_int(q, 0);
	e->id = sq_col_int(q, 1);
	e->seq = sq_col_int(q, 2);
	e->at = sq_col_int(q, 3);
	e->actor = arena_strdup(a, sq_col_peek(q, 4));
	e->kind = arena_strdup(a, sq_col_peek(q, 5));
	e->data = arena_strdup(a, sq_col_peek(q, 6));
}

/* The events stepping beside the cases, and what they have read. */
struct events_cursor {
	struct sq q;
	int on;			/* 1: on a row not yet taken; 0: before */
	int done;		/* no more rows */
	int n, cap;
	struct event_row *v;
};

/* Reads the events of case `id` into ev->v (from `a`). */
static void
events_for(struct events_cursor *ev, struct arena *a, long long id)
{
	ev->n = ev->cap = 0;
	ev->v = NULL;
	while (!ev->done) {
		if (!ev->on && sq_step(&ev->q) != 1) {
			ev->done = 1;
			break;
		}
		ev->on = 1;
		if (sq_col_int(&ev->q, 0) > id)
			break;
		ev->on = 0;
		if (sq_col_int(&ev->q, 0) < id)
			continue;
		ev->v = arena_grow(a, ev->v, sizeof(*ev->v), &ev->cap,
				   ev->n + 1);
		event_of(&ev->q, a, &ev->v[ev->n++]);
	}
}

int
sqlite_histories(struct fq *fq, time_t since, time_t until,
		 store_history_fn *fn, void *arg)
{
	struct events_cursor ev = { .on = 0 };
	struct fq_case c;
	struct arena *a;
	struct sq q;
	int rc = 0, done;

	sq_prepare(fq, &q, CASES_SQL);
	sq_int(&q, ":since", (long long)since);
	sq_int(&q, ":until", (long long)until);
	sq_prepare(fq, &ev.q, EVENTS_SQL);
	sq_int(&ev.q, ":since", (long long)since);
	sq_int(&ev.q, ":until", (long long)until);
	while (rc == 0 && sq_step(&q) == 1) {
		case_of(&q, &c);
		a = arena_new();
		events_for(&ev, a, c.id);
		rc = ev.q.rc ? ev.q.rc : fn(fq, &c, ev.v, ev.n, arg);
		arena_free(a);
	}
	done = sq_done(&ev.q);
	if (!rc)
		rc = done;
	done = sq_done(&q);
	return rc ? rc : done;
}
