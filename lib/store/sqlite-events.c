/*
 * sqlite-events.c - the SQLite driver's queries on the `events` table:
 * the chain's head and appends, a case's events, the export walk, the
 * lookups of the escalation ladder, and the chain for fq verify.
 *
 * Event data is a JSON object stored as text; the queries that look
 * inside it use SQLite's ->> operator.
 */
#include "sqlite-ops.h"
#include "sqlite-stmt.h"

/* The columns event_row() reads, in its order. */
#define EVENT_COLUMNS \
	"id, case_id, seq, at, actor, kind, data, prev, digest, version"

/* Fills e from a row of EVENT_COLUMNS (text valid until the next step). */
static void
event_row(const struct sq *q, struct event_row *e)
{
	e->id = sq_col_int(q, 0);
	e->case_id = sq_col_int(q, 1);
	e->seq = sq_col_int(q, 2);
	e->at = sq_col_int(q, 3);
	e->actor = sq_col_peek(q, 4);
	e->kind = sq_col_peek(q, 5);
	e->data = sq_col_peek(q, 6);
	e->prev = sq_col_peek(q, 7);
	e->digest = sq_col_peek(q, 8);
	e->version = (int)sq_col_int(q, 9);
}

/* Calls fn for each event row a query gives, then finalizes it. */
static int
each_event(struct sq *q, store_event_fn *fn, void *arg)
{
	struct event_row e;
	int rc = 0, done;

	while (rc == 0 && sq_step(q) == 1) {
		event_row(q, &e);
		rc = fn(q->fq, &e, arg);
	}
	done = sq_done(q);
	return rc ? rc : done;
}

int
sqlite_chain_head(struct fq *fq, long long *id, const char **digest)
{
	struct sq q;

	*id = 0;
	*digest = NULL;
	sq_prepare(fq, &q, "SELECT id, digest FROM events "
			   "ORDER BY id DESC LIMIT 1");
	if (sq_step(&q) == 1) {
		*id = sq_col_int(&q, 0);
		*digest = sq_col_text(&q, 1);
	}
	return sq_done(&q);
}

int
sqlite_next_seq(struct fq *fq, long long case_id, long long *seq)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT coalesce(max(seq), 0) + 1 FROM events "
			   "WHERE case_id = :case");
	sq_int(&q, ":case", case_id);
	return sq_one_int(&q, seq, NULL);
}

int
sqlite_event_append(struct fq *fq, const struct event_row *e)
{
	struct sq q;

	sq_prepare(fq, &q, "INSERT INTO events (id, case_id, seq, at, actor, "
			   "kind, data, prev, digest, version) VALUES (:id, "
			   ":case, :seq, :at, :actor, :kind, :data, :prev, "
			   ":digest, :version)");
	sq_int(&q, ":id", e->id);
	sq_int(&q, ":case", e->case_id);
	sq_int(&q, ":seq", e->seq);
	sq_int(&q, ":at", e->at);
	sq_text(&q, ":actor", e->actor);
	sq_text(&q, ":kind", e->kind);
	sq_text(&q, ":data", e->data);
	sq_text(&q, ":prev", e->prev);
	sq_text(&q, ":digest", e->digest);
	sq_int(&q, ":version", e->version);
	return sq_run(&q);
}

int
sqlite_events_of(struct fq *fq, long long case_id, store_event_fn *fn,
		 void *arg)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " EVENT_COLUMNS " FROM events "
			   "WHERE case_id = :case ORDER BY seq");
	sq_int(&q, ":case", case_id);
	return each_event(&q, fn, arg);
}

int
sqlite_last_note(struct fq *fq, long long case_id, const char **text)
{
	struct sq q;

	sq_prepare(fq, &q,
		"SELECT coalesce(data ->> '$.text', data ->> '$.reason') "
		"FROM events WHERE case_id = :case AND (data ->> '$.text' "
		"IS NOT NULL OR data ->> '$.reason' IS NOT NULL) "
		"ORDER BY seq DESC LIMIT 1");
	sq_int(&q, ":case", case_id);
	return sq_one_text(&q, text);
}

int
sqlite_decline_reason(struct fq *fq, long long case_id, const char **reason)
{
	struct sq q;

	sq_prepare(fq, &q,
		"SELECT data ->> '$.reason' FROM events WHERE case_id = :case "
		"AND kind = 'declined' ORDER BY seq DESC LIMIT 1");
	sq_int(&q, ":case", case_id);
	return sq_one_text(&q, reason);
}

/* The export walk: one statement, prepared once, moved by its :case. */
struct sqlite_walk {
	struct store_walk base;
	struct sq q;
};

int
sqlite_events_walk(struct fq *fq, struct store_walk **w)
{
	struct sqlite_walk *sw = arena_alloc(fq->mem, sizeof(*sw));

	sw->base.store = fq->store;
	*w = &sw->base;
	return sq_prepare(fq, &sw->q, "SELECT " EVENT_COLUMNS " FROM events "
				      "WHERE case_id >= :case "
				      "ORDER BY case_id, seq");
}

/* Steps the walk and fills e from its row. */
static int
walk_row(struct sqlite_walk *sw, struct event_row *e)
{
	int rc = sq_step(&sw->q);

	if (rc == 1)
		event_row(&sw->q, e);
	return rc;
}

int
sqlite_events_walk_from(struct fq *fq, struct store_walk *w,
			long long case_id, struct event_row *e)
{
	struct sqlite_walk *sw = (struct sqlite_walk *)w;

	sq_reset(&sw->q);
	sq_int(&sw->q, ":case", case_id);
	return walk_row(sw, e);
}

int
sqlite_events_walk_next(struct fq *fq, struct store_walk *w,
			struct event_row *e)
{
	return walk_row((struct sqlite_walk *)w, e);
}

void
sqlite_events_walk_end(struct fq *fq, struct store_walk *w)
{
	sq_done(&((struct sqlite_walk *)w)->q);
}

int
sqlite_clock_start(struct fq *fq, long long case_id, int accept,
		   long long *seq)
{
	struct sq q;

	sq_prepare(fq, &q,
		"SELECT max(seq) FROM events WHERE case_id = :case AND "
		"(kind IN ('logged', 'reopened') OR "
		"(:accept AND kind = 'transferred'))");
	sq_int(&q, ":case", case_id);
	sq_int(&q, ":accept", accept != 0);
	return sq_one_int(&q, seq, NULL);
}

int
sqlite_last_told(struct fq *fq, long long case_id, long long after,
		 const char *deadline, const char *level, const char *to,
		 time_t *at)
{
	struct sq q;
	long long v;
	int rc;

	sq_prepare(fq, &q,
		"SELECT max(e.at) FROM events e, json_each(e.data, '$.to') t "
		"WHERE e.case_id = :case AND e.kind = 'escalated' "
		"AND e.seq > :since AND e.data ->> '$.deadline' = :deadline "
		"AND e.data ->> '$.level' = :level AND t.value = :to");
	sq_int(&q, ":case", case_id);
	sq_int(&q, ":since", after);
	sq_text(&q, ":deadline", deadline);
	sq_text(&q, ":level", level);
	sq_text(&q, ":to", to);
	rc = sq_one_int(&q, &v, NULL);
	*at = (time_t)v;
	return rc;
}

int
sqlite_chain_each(struct fq *fq, store_event_fn *fn, void *arg)
{
	struct sq q;

	sq_prepare(fq, &q, "SELECT " EVENT_COLUMNS " FROM events ORDER BY id");
	return each_event(&q, fn, arg);
}

int
sqlite_chain_has(struct fq *fq, const char *digest, int *found)
{
	struct sq q;
	long long id;

	sq_prepare(fq, &q, "SELECT id FROM events WHERE digest = :head");
	sq_text(&q, ":head", digest);
	return sq_one_int(&q, &id, found);
}
