/*
 * store.h - the store: every read and write of fq's cases and events, as
 * functions named for what they mean, behind one interface that each
 * database driver fills (after dovecot's lib-sql).  Callers never see a
 * driver, a statement or a line of SQL.
 *
 * store_open() picks the driver from the --db argument: a plain path is
 * an SQLite file (store/sqlite*.c); a postgresql:// or postgres:// URL
 * is PostgreSQL (not built yet: FQ_ECONFIG).  Drivers live in
 * store/DRIVER*.c and are the only files that include their client
 * library's header; a driver fills struct store_vfuncs
 * (store-private.h).
 *
 * What every driver guarantees
 *
 * Transactions.  A command that writes calls store_begin() once, does
 * all its reads and writes, then store_commit(), or store_rollback() on
 * any failure, so that a failed command writes nothing.  (fq overdue
 * --mail is the one command that takes several: one per recipient.)
 * store_begin() is the write lock: from it to the commit or rollback no
 * other writer changes anything this transaction reads or writes.  In
 * SQLite it is BEGIN IMMEDIATE, taken before the first read, because a
 * read transaction that later writes fails at once under contention; a
 * PostgreSQL driver must give the same with SERIALIZABLE transactions
 * retried internally, or by locking the chain head row at begin.  Reads
 * outside a transaction see one consistent state per call.
 *
 * Busy.  A driver waits for another writer up to its timeout (10 s);
 * past it the call fails with FQ_EBUSY (exit 75), in the same words
 * from every driver: "the database stayed busy for 10 s (another fq is
 * writing); nothing was written, try again".
 *
 * The hash chain.  Events are appended only inside the write lock.
 * store_chain_head() then gives the latest event (the one with the
 * highest id), which no other process can change before the commit; the
 * caller appends with the id head + 1, so ids increase by one in append
 * order with no gaps, and each event's `prev` is the digest of the event
 * before it in id order.  Events are never updated or deleted; a driver
 * refuses both when it can (SQLite: triggers).  Every text a driver
 * stores, the event data included, is given back byte for byte: the
 * digests are computed over those bytes.
 *
 * Values.  Times are integer seconds since 1970-01-01 UTC (time_t); 0
 * means none and is stored as NULL.  Text is UTF-8, stored as it is;
 * NULL is stored as NULL.  Every value is bound as a parameter, never
 * formatted into SQL.  Sets of ids are passed as JSON arrays of
 * strings.  Dates that group a report are local to the process's time
 * zone (the policy's, set before the store is used).
 *
 * Schema.  Each driver owns its schema, as numbered migrations that
 * store_open() applies in one transaction (several processes may open a
 * new store at once); it refuses a store whose schema is newer than
 * store_schema_version().  The tables hold what struct fq_case and
 * struct event_row hold, plus each case's next_due, which
 * store_due_before() and store_cases_for_handover() go by.
 *
 * Errors.  Every function returns 0 or an FQ_E* code after fq_fail():
 * FQ_ENOINPUT for a missing database or a missing row asked for by id,
 * FQ_EBUSY as above, FQ_EDATA for a row an import cannot store (its id
 * or key taken), FQ_ECONFIG for a store of a driver this fq was built
 * without, FQ_EINTERNAL for anything else the database says (and for a
 * bug such as binding a parameter a statement lacks).
 *
 * Memory.  Text in a struct fq_case that a function fills is copied
 * into fq->mem (the arena current at the call).  Text handed to a
 * callback as `const struct event_row *` or in the other store_* rows is
 * valid only during that call, unless its function says otherwise.
 */
#ifndef FQ_STORE_H
#define FQ_STORE_H

#include <time.h>
#include "fq.h"

/* ------------------------------------------------------------------ */
/* The rows */

/* The deadlines a case can have, in display order. */
enum due_kind { DUE_ACCEPT, DUE_REPLY, DUE_RESOLVE, DUE_PROMISE, NDUE };

/* A case row: the case's current state (its history is its events). */
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
	const char *guest, *room;	/* guest: a part of the name */
	const char *involves;	/* owner or handler is this staff id */
	time_t since, until;	/* created in [since, until) */
	long limit;		/* 0: no limit */
	int oldest_first;	/* else newest first (by id) */
};

/* One stored event, as fq export writes it and fq import reads it. */
struct event_row {
	long long id, case_id, seq, at;
	const char *actor, *kind, *data, *prev, *digest;
	int version;		/* how its digest is framed (chain.h) */
};

/* The groups of fq report. */
enum report_by {
	BY_NONE, BY_DEPT, BY_OWNER, BY_HANDLER, BY_CATEGORY,
	BY_DAY, BY_WEEK, BY_MONTH,	/* of created_at, local time */
};

/* Callbacks return 0 to go on; anything else stops the walk, returned. */
typedef int store_case_fn(struct fq *, struct fq_case *, void *);
typedef int store_event_fn(struct fq *, const struct event_row *, void *);

/* ------------------------------------------------------------------ */
/* The connection and transactions */

/*
 * Opens the store `where` names (a file path, or a URL) as fq->store.
 * With `create`, makes it when missing; without, a missing store is
 * FQ_ENOINPUT.  Brings the schema up to date; refuses a schema newer
 * than this fq knows (FQ_ENOINPUT).
 */
int store_open(struct fq *fq, const char *where, int create);
/* Closes fq->store (safe when none is open). */
void store_close(struct fq *fq);
/* The schema version this fq writes. */
int store_schema_version(struct fq *fq);

/* Takes the write lock and begins the command's transaction. */
int store_begin(struct fq *fq);
int store_commit(struct fq *fq);
/* Rolls back the open transaction, if any (safe when none is open). */
void store_rollback(struct fq *fq);
/* 1 inside a transaction begun with store_begin(). */
int store_writing(struct fq *fq);

/* ------------------------------------------------------------------ */
/* Cases */

/*
 * Stores a new case as c says (its created_at and updated_at included);
 * `next_due` is the earliest moment it needs attention (0: none), which
 * store_due_before() goes by.  *id is the id the store gave it.
 */
int store_case_insert(struct fq *fq, const struct fq_case *c,
		      time_t next_due, long long *id);
/*
 * Writes case c->id's mutable state back: all but its id, owner,
 * created_at and request_key.
 */
int store_case_save(struct fq *fq, const struct fq_case *c,
		    time_t next_due);
/* Reads case `id`; FQ_ENOINPUT ("no case #ID") when there is none. */
int store_case_get(struct fq *fq, long long id, struct fq_case *c);
/* The case with this idempotency key: *found 1 with c filled, or 0. */
int store_case_by_key(struct fq *fq, const char *key, struct fq_case *c,
		      int *found);
/* The number of cases. */
int store_cases_count(struct fq *fq, long long *n);
/* Calls fn for each case matching f, in f's order. */
int store_cases_each(struct fq *fq, const struct case_filter *f,
		     store_case_fn *fn, void *arg);
/*
 * Calls fn for each case whose next_due is at or before `horizon`,
 * earliest first (then by id), optionally only in one department or of
 * one owner (ids, or NULL).
 */
int store_due_before(struct fq *fq, time_t horizon, const char *department,
		     const char *owner, store_case_fn *fn, void *arg);
/*
 * Calls fn for each case not closed that had an event in [from, to) or
 * whose next_due is before `due_by`, soonest next_due first (none last,
 * then by id); `department` and `members` (a JSON array of staff ids)
 * limit it to the cases held by that department or owned by one of
 * those staff (both NULL: every case).
 */
int store_cases_for_handover(struct fq *fq, time_t from, time_t to,
			     time_t due_by, const char *department,
			     const char *members, store_case_fn *fn,
			     void *arg);

/* ------------------------------------------------------------------ */
/* Events */

/*
 * The head of the chain: the id and digest of the last event (*digest
 * in fq->mem), or 0 and NULL when there is none.  Inside the write lock
 * this is the head the next append continues.
 */
int store_chain_head(struct fq *fq, long long *id, const char **digest);
/* The next seq within case `case_id` (1 for its first event). */
int store_next_seq(struct fq *fq, long long case_id, long long *seq);
/* Appends e as it is, inside the write lock (see the top). */
int store_event_append(struct fq *fq, const struct event_row *e);
/* Calls fn for each event of case `case_id`, in seq order. */
int store_events_of(struct fq *fq, long long case_id, store_event_fn *fn,
		    void *arg);
/*
 * The text of the case's last event that has a note ("text", else
 * "reason" in its data), in fq->mem; NULL when none has.
 */
int store_last_note(struct fq *fq, long long case_id, const char **text);
/* The reason of the case's last `declined` event (fq->mem), or NULL. */
int store_decline_reason(struct fq *fq, long long case_id,
			 const char **reason);

/*
 * Walking every event in (case_id, seq) order, one pass, for fq export:
 * store_events_walk() begins (*w from fq->mem), store_events_walk_from()
 * moves to the first event of case `case_id` or of a later case, _next()
 * to the event after.  Both give 1 with *e filled (its text valid until
 * the next call), 0 at the end, or -1 after fq_fail().
 */
struct store_walk;
int store_events_walk(struct fq *fq, struct store_walk **w);
int store_events_walk_from(struct fq *fq, struct store_walk *w,
			   long long case_id, struct event_row *e);
int store_events_walk_next(struct fq *fq, struct store_walk *w,
			   struct event_row *e);
/* Ends the walk (safe with NULL). */
void store_events_walk_end(struct fq *fq, struct store_walk *w);

/* ------------------------------------------------------------------ */
/* The escalation ladder (fq overdue) */

/*
 * The seq of the event that started a deadline's current clock: the
 * case's last `logged` or `reopened` event, or also `transferred` for
 * the acceptance clock (`accept` 1).  0 when none.
 */
int store_clock_start(struct fq *fq, long long case_id, int accept,
		      long long *seq);
/*
 * When staff `to` was last told (an `escalated` event after seq
 * `after` naming them in "to") of level `level` ("80%") of deadline
 * `deadline` ("reply"); 0 when never.
 */
int store_last_told(struct fq *fq, long long case_id, long long after,
		    const char *deadline, const char *level, const char *to,
		    time_t *at);

/* ------------------------------------------------------------------ */
/* The reads of fq report (the figures are summed in report.c) */

/* What one case's steps add up to. */
struct store_steps {
	long long case_id;
	time_t replied_at;	/* its first reply; 0: none */
	int reply_timed;	/* a reply that had a deadline */
	int reply_late;		/* ... one of which missed it */
	int transfers, declines, callbacks, unsatisfied;
	int escalations;	/* distinct firings (deadline, level, due) */
};
/*
 * Calls fn for each case with a reply, transfer, escalation, decline or
 * callback at or after `since` (a case logged since then has none
 * before), in no particular order.
 */
int store_report_steps(struct fq *fq, time_t since,
		       int (*fn)(struct fq *, const struct store_steps *,
				 void *), void *arg);

/* One case logged in the period. */
struct store_report_case {
	const char *group;	/* its group (transient); NULL: none */
	long long id;
	time_t created_at;
	int closed, first_contact;
	int late;		/* not waiting, and next_due is before now */
	int wait_ended;		/* waiting, and waiting_until is past */
	int callback;		/* its category is one of `callback` */
};
/*
 * Calls fn for each case created in [since, until), grouped by `by`;
 * `callback` is a JSON array of the category ids that need a callback.
 */
int store_report_cases(struct fq *fq, enum report_by by, time_t since,
		       time_t until, time_t now, const char *callback,
		       int (*fn)(struct fq *,
				 const struct store_report_case *, void *),
		       void *arg);
/*
 * Calls fn for each acceptance with a deadline, at or after `since`, of
 * a case created in [since, until), with its group (transient) and the
 * seconds from the start of the clock it stopped.
 */
int store_report_accepts(struct fq *fq, enum report_by by, time_t since,
			 time_t until,
			 int (*fn)(struct fq *, const char *group,
				   long waited, void *), void *arg);

/* A reply or acceptance that came after its deadline. */
struct store_late_step {
	const char *person;	/* who replied; NULL for an acceptance */
	const char *deadline;	/* the event's deadline, else its kind */
	long long id;		/* the case */
	const char *summary;
	long late;		/* seconds past the deadline */
	const char *department;	/* the event's, else the case's */
};
/*
 * Calls fn for each late step of the cases created in [since, until),
 * by case id and seq; the text is in fq->mem.
 */
int store_late_steps(struct fq *fq, time_t since, time_t until,
		     int (*fn)(struct fq *, const struct store_late_step *,
			       void *), void *arg);

/* ------------------------------------------------------------------ */
/* The reads of fq verify (the findings are worded in verify.c) */

/* Calls fn with each finding of the database's own integrity check. */
int store_integrity(struct fq *fq,
		    void (*fn)(struct fq *, const char *finding, void *),
		    void *arg);
/*
 * Calls fn for every event in id order, as stored: any text may be
 * NULL in a damaged database.
 */
int store_chain_each(struct fq *fq, store_event_fn *fn, void *arg);
/* Whether an event has this digest. */
int store_chain_has(struct fq *fq, const char *digest, int *found);

/* A case and the seqs of its events. */
struct store_seqs {
	long long case_id;
	long long events;	/* how many */
	long long min_seq, max_seq;	/* 0 when none */
	const char *first_kind;	/* of seq 1, in fq->mem; NULL: none */
};
/* Calls fn for each case, by id. */
int store_case_seqs(struct fq *fq,
		    int (*fn)(struct fq *, const struct store_seqs *, void *),
		    void *arg);

/* A case row's holders beside what its events say (transient text). */
struct store_holders {
	long long case_id;
	const char *owner, *department;	/* the row's */
	const char *handler;	/* the row's; "" for none */
	const char *logged_by;	/* the actor of seq 1 */
	const char *moved_to;	/* the department of the last `logged` or
				 * `transferred` event */
	const char *held_by;	/* the handler of the last `logged`,
				 * `transferred` or `accepted` event; ""
				 * for none */
};
/*
 * Calls fn for each case; what the events do not say (no such event) is
 * NULL, as is a row's field that a damaged database lacks.
 */
int store_case_holders(struct fq *fq,
		       int (*fn)(struct fq *, const struct store_holders *,
				 void *), void *arg);

/* ------------------------------------------------------------------ */
/* Trust: what fq verify rebuilds and fq verify --repair restores, and
 * the times an append is checked against (lib/case/rebuild.c,
 * monotonic.c, heads.c word the findings) */

/*
 * The times of case `case_id`'s newest event (by seq) and of the head
 * of the chain (the event with the highest id); 0 when there is none.
 */
int store_latest_at(struct fq *fq, long long case_id, time_t *case_at,
		    time_t *head_at);

/* One event's time beside the time of its case's event before it. */
struct store_event_time {
	long long id, case_id, seq;
	time_t at;
	long long prev_id;	/* the case's event before it; 0: none */
	time_t prev_at;
};
/* Calls fn for every event, in id order. */
int store_event_times(struct fq *fq,
		      int (*fn)(struct fq *, const struct store_event_time *,
				void *), void *arg);

/*
 * The case and the digest (fq->mem) of event `id`; *digest NULL when
 * there is no such event.
 */
int store_event_get(struct fq *fq, long long id, long long *case_id,
		    const char **digest);

/*
 * Calls fn for every case row as stored, by id, with its next_due (the
 * row's text is transient; a damaged row's text may be NULL).
 */
int store_case_rows(struct fq *fq,
		    int (*fn)(struct fq *, const struct fq_case *,
			      time_t next_due, void *), void *arg);
/*
 * Writes every column of case c->id, owner and created_at included, as
 * c says, keeping its request_key; inserts the row when it is missing.
 */
int store_case_rewrite(struct fq *fq, const struct fq_case *c,
		       time_t next_due);

/* A schema object that is not what this fq's schema makes it. */
enum store_schema_fault {
	SCHEMA_MISSING,		/* fq's schema has it, the store not */
	SCHEMA_CHANGED,		/* both have it, defined differently */
	SCHEMA_UNEXPECTED,	/* a trigger fq's schema does not have */
};
struct store_schema_diff {
	enum store_schema_fault fault;
	const char *type;	/* "trigger", "index", "table" */
	const char *name, *table;
	int repairable;		/* store_schema_repair() mends it */
};
/*
 * Calls fn with each table, index and trigger of the store that is not
 * what this fq's schema makes it (transient text).
 */
int store_schema_check(struct fq *fq,
		       int (*fn)(struct fq *, const struct store_schema_diff *,
				 void *), void *arg);
/*
 * Inside the write lock: makes again every missing or changed index and
 * trigger, and drops every unexpected trigger, calling fn for each.
 */
int store_schema_repair(struct fq *fq,
			int (*fn)(struct fq *, const struct store_schema_diff *,
				  void *), void *arg);

/* ------------------------------------------------------------------ */
/* Bulk restore (fq import) */

/*
 * Storing many cases and events as they were, inside the caller's
 * write transaction: store_import_begin() prepares (and may tune the
 * connection for a big load); store_import_case() stores c with its
 * own id and times, updated_at included; store_import_event() stores e
 * as it is, prev and digest included (checking them is the caller's
 * job).  Both fail with FQ_EDATA when the id, the request key, or the
 * case and seq are taken.  store_import_big() says the load has proved
 * big: the driver may stop keeping its indexes up until the end.
 * store_import_end() with `ok` finishes that work (the caller then
 * commits); it always releases what store_import_begin() took.
 */
struct store_import;
int store_import_begin(struct fq *fq, struct store_import **imp);
int store_import_case(struct fq *fq, struct store_import *imp,
		      const struct fq_case *c, time_t next_due);
int store_import_event(struct fq *fq, struct store_import *imp,
		       const struct event_row *e);
int store_import_big(struct fq *fq, struct store_import *imp);
int store_import_end(struct fq *fq, struct store_import *imp, int ok);

/* ------------------------------------------------------------------ */
/* Digest versions (chain.h) */

/*
 * The digest version of event `id` (struct event_row's version), or 0
 * when there is no such event.
 */
int store_chain_version(struct fq *fq, long long id, int *version);

#endif
