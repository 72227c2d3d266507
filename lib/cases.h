/*
 * cases.h - case rows: storage, lookup and their JSON form.
 *
 * The `cases` table holds each case's current state; every change to it
 * is made together with an event (events.h) in the same transaction, by
 * the lifecycle functions (lifecycle.h).  SQL on `cases` lives here only.
 */
#ifndef FQ_CASES_H
#define FQ_CASES_H

#include <time.h>
#include "fq.h"
#include "val.h"

/* The deadlines a case can have, in display order. */
enum due_kind { DUE_ACCEPT, DUE_REPLY, DUE_RESOLVE, DUE_PROMISE, NDUE };
extern const char *const due_names[NDUE];	/* "accept", "reply", ... */

struct fq_case {
	long long id;
	const char *summary, *details;
	const char *guest, *room, *phone, *via;
	const char *category, *department, *handler, *owner;
	const char *status;	/* open, replied, closed, declined */
	const char *request_key;
	int major, first_contact;
	time_t created_at, updated_at, closed_at;
	time_t waiting_since, waiting_until;	/* 0 when not waiting */
	time_t due[NDUE];	/* 0 when that deadline does not run */
	int resumed_auto;	/* a wait's --until passed (case_catch_up) */
};

/* Filters of fq list and fq export; NULL / 0 means "any". */
struct case_filter {
	const char *status;	/* NULL: not closed; "all": any */
	const char *department, *owner, *handler, *category;
	const char *guest, *room;
	const char *involves;	/* owner or handler is this staff id */
	time_t since, until;	/* created in [since, until) */
	long limit;		/* 0: no limit */
	int oldest_first;
};

/* Inserts a new case (c->id is set). */
int case_insert(struct fq *fq, struct fq_case *c);

/*
 * Storing many cases as they were (fq import): cases_restorer() prepares
 * the one INSERT that case_restore() runs for every case (from fq->mem;
 * NULL after fq_fail()); cases_restorer_done() finalizes it.
 * case_restore() stores c with its own id and times, updated_at
 * included, and next_due from case_next_due().  FQ_EDATA when its id or
 * its request key is taken.
 */
struct case_restorer;
struct case_restorer *cases_restorer(struct fq *fq);
int case_restore(struct fq *fq, struct case_restorer *r,
		 const struct fq_case *c);
void cases_restorer_done(struct case_restorer *r);
/* The number of cases in the database, or -1 after fq_fail(). */
long long cases_count(struct fq *fq);
/* Writes the case's mutable state back (status, holder, deadlines, ...). */
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
