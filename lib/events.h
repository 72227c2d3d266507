/*
 * events.h - the append-only, hash-chained record of every step.
 *
 * Each event is (case, seq, at, actor, kind, data) where data is a JSON
 * object whose keys depend on the kind (department, handler, text, ...).
 * Each event's digest is SHA-256 over the previous event's digest and its
 * own content, so that altering, removing or inserting an event breaks
 * the chain (fq verify).  The table refuses UPDATE and DELETE.
 */
#ifndef FQ_EVENTS_H
#define FQ_EVENTS_H

#include <time.h>
#include "fq.h"
#include "val.h"

/* The `prev` of the very first event. */
#define EVENTS_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"

/*
 * Appends an event to case `case_id`, by fq->actor at fq_now(), with the
 * fields of `data` (a V_OBJ, or NULL for none).  Must run inside a write
 * transaction.
 */
int event_add(struct fq *fq, long long case_id, const char *kind,
	      struct val *data);
/* The same with an explicit actor (e.g. "fq" for automatic steps). */
int event_add_as(struct fq *fq, long long case_id, const char *actor,
		 const char *kind, struct val *data);
/*
 * The events of a case, oldest first, as an array of objects: seq, at,
 * actor, kind, then the kind's own fields.
 */
int events_of(struct fq *fq, long long case_id, struct val **out);

/* The text of a case's last note (follow-up, reply, reason), or NULL. */
const char *event_last_note(struct fq *fq, long long case_id);

/* One stored event, as fq export writes it and fq import reads it. */
struct event_row {
	long long id, case_id, seq, at;
	const char *actor, *kind, *data, *prev, *digest;
};

/*
 * The head of the chain: the last event's id and digest (0 and
 * EVENTS_GENESIS when there is none; the digest from fq->mem).
 */
int events_head(struct fq *fq, long long *id, const char **digest);

struct sqlite3_stmt;
/*
 * Walking the events in (case_id, seq) order, for fq export:
 * events_walk() prepares the statement (free it with db_finish()),
 * events_walk_from() moves to the first event of case `case_id` or of a
 * later case, events_walk_next() to the next event.  Both return 1 with
 * *e filled (its text valid until the next call), 0 at the end, or -1
 * after fq_fail().
 */
struct sqlite3_stmt *events_walk(struct fq *fq);
int events_walk_from(struct fq *fq, struct sqlite3_stmt *st,
		     long long case_id, struct event_row *e);
int events_walk_next(struct fq *fq, struct sqlite3_stmt *st,
		     struct event_row *e);

/*
 * Storing many events as they were (fq import): events_restorer()
 * prepares the one INSERT that event_restore() runs for every event
 * (from fq->mem; NULL after fq_fail()); events_restorer_done()
 * finalizes it.  event_restore() stores e as it is, prev and digest
 * included: checking them is the caller's job.  FQ_EDATA when its id,
 * or its case and seq, are taken.
 */
struct event_restorer;
struct event_restorer *events_restorer(struct fq *fq);
int event_restore(struct fq *fq, struct event_restorer *r,
		  const struct event_row *e);
void events_restorer_done(struct event_restorer *r);

/* The digest of an event's content chained to `prev` (64 hex + NUL). */
void event_digest(const char *prev, long long id, long long case_id,
		  long long seq, long long at, const char *actor,
		  const char *kind, const char *data, char out[65]);

#endif
