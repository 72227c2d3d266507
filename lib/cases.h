/*
 * cases.h - cases: storing and finding them (on the store), their
 * deadlines, and their JSON form.
 *
 * A case row (struct fq_case, store.h) holds the case's current state;
 * every change to it is made together with an event (events.h) in the
 * same transaction, by the lifecycle functions (lifecycle.h).
 */
#ifndef FQ_CASES_H
#define FQ_CASES_H

#include <time.h>
#include "fq.h"
#include "store.h"
#include "val.h"

/* The names of the deadlines (enum due_kind, store.h): "accept", ... */
extern const char *const due_names[NDUE];

/* Inserts a new case, updated now (c->id is set). */
int case_insert(struct fq *fq, struct fq_case *c);

/*
 * Writes the case's mutable state back (status, holder, deadlines, ...),
 * updated now.
 */
int case_save(struct fq *fq, const struct fq_case *c);
/* Reads case `id`; FQ_ENOINPUT when there is none. */
int case_get(struct fq *fq, long long id, struct fq_case *c);
/* The case with this idempotency key: 1 found (c filled), 0 none, <0 error. */
int case_by_key(struct fq *fq, const char *key, struct fq_case *c);
/*
 * Calls fn for each case matching f, newest first.  fn returns 0 to go
 * on.  Returns 0 or an FQ_E* code.
 */
int cases_each(struct fq *fq, const struct case_filter *f,
	       int (*fn)(struct fq *, struct fq_case *, void *), void *arg);

/*
 * Calls fn for each case whose next_due is at or before `horizon`,
 * earliest first, optionally in one department or of one owner (ids).
 */
int cases_due_before(struct fq *fq, time_t horizon, const char *department,
		     const char *owner,
		     int (*fn)(struct fq *, struct fq_case *, void *),
		     void *arg);

/*
 * Calls fn for each case not closed that had an event in [from, to) or
 * has a deadline before `due_by` (late ones included), soonest deadline
 * first; `members` (a JSON array of staff ids) and `department` limit it
 * to the cases owned by those staff or held by that department (both
 * NULL: every case).
 */
int cases_for_handover(struct fq *fq, time_t from, time_t to, time_t due_by,
		       const char *department, const char *members,
		       int (*fn)(struct fq *, struct fq_case *, void *),
		       void *arg);

/* Parses "17" or "#17"; FQ_EDATA for anything else. */
int case_id_parse(struct fq *fq, const char *s, long long *id);
/*
 * The earliest deadline that runs: 0 when none does; while waiting, the
 * end of the wait (0 when open-ended), when the clocks may run again.
 */
time_t case_next_due(const struct fq_case *c);
/* 1 when deadline k runs and is past at `now`. */
int case_late(const struct fq_case *c, int k, time_t now);
/*
 * The case as SPEC.md's JSON object: id, summary, category, department,
 * handler, owner, status, major, waiting, guest {name, room, phone}, via,
 * created_at, due {accept, reply, resolve, promise}, late [...],
 * closed_at, and details.
 */
struct val *case_json(struct fq *fq, const struct fq_case *c);

#endif
