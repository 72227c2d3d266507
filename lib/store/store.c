/*
 * store.c - the store's public functions: driver choice, then one call
 * through fq->store->v for each operation (store.h says what each
 * means), and the messages that every driver shares.
 */
#include <string.h>

#include "store-private.h"

#define V(fq) ((fq)->store->v)

/* 1 when `where` is a PostgreSQL connection URL. */
static int
is_postgres(const char *where)
{
	return !strncmp(where, "postgresql://", 13) ||
	       !strncmp(where, "postgres://", 11);
}

int
store_open(struct fq *fq, const char *where, int create)
{
	fq->db_path = where;
	if (is_postgres(where))
		return fq_fail(fq, FQ_ECONFIG, "fq was built without the "
			       "PostgreSQL driver");
	return sqlite_store_open(fq, where, create);
}

void
store_close(struct fq *fq)
{
	if (fq->store)
		V(fq)->close(fq);
	fq->store = NULL;
}

int
store_schema_version(struct fq *fq)
{
	return V(fq)->schema_version(fq);
}

int
store_begin(struct fq *fq)
{
	return V(fq)->begin(fq);
}

int
store_commit(struct fq *fq)
{
	return V(fq)->commit(fq);
}

void
store_rollback(struct fq *fq)
{
	if (fq->store)
		V(fq)->rollback(fq);
}

int
store_writing(struct fq *fq)
{
	return fq->store && V(fq)->writing(fq);
}

/* ---- Cases ---- */

int
store_case_insert(struct fq *fq, const struct fq_case *c, time_t next_due,
		  long long *id)
{
	return V(fq)->case_insert(fq, c, next_due, id);
}

int
store_case_save(struct fq *fq, const struct fq_case *c, time_t next_due)
{
	return V(fq)->case_save(fq, c, next_due);
}

int
store_case_get(struct fq *fq, long long id, struct fq_case *c)
{
	int found, rc;

	if ((rc = V(fq)->case_get(fq, id, c, &found)))
		return rc;
	return found ? 0 : fq_fail(fq, FQ_ENOINPUT, "no case #%lld", id);
}

int
store_case_by_key(struct fq *fq, const char *key, struct fq_case *c,
		  int *found)
{
	return V(fq)->case_by_key(fq, key, c, found);
}

int
store_cases_count(struct fq *fq, long long *n)
{
	return V(fq)->cases_count(fq, n);
}

int
store_cases_each(struct fq *fq, const struct case_filter *f,
		 store_case_fn *fn, void *arg)
{
	return V(fq)->cases_each(fq, f, fn, arg);
}

int
store_due_before(struct fq *fq, time_t horizon, const char *department,
		 const char *owner, store_case_fn *fn, void *arg)
{
	return V(fq)->due_before(fq, horizon, department, owner, fn, arg);
}

int
store_cases_for_handover(struct fq *fq, time_t from, time_t to,
			 time_t due_by, const char *department,
			 const char *members, store_case_fn *fn, void *arg)
{
	return V(fq)->cases_for_handover(fq, from, to, due_by, department,
					 members, fn, arg);
}

/* ---- Events ---- */

int
store_chain_head(struct fq *fq, long long *id, const char **digest)
{
	return V(fq)->chain_head(fq, id, digest);
}

int
store_next_seq(struct fq *fq, long long case_id, long long *seq)
{
	return V(fq)->next_seq(fq, case_id, seq);
}

int
store_event_append(struct fq *fq, const struct event_row *e)
{
	return V(fq)->event_append(fq, e);
}

int
store_events_of(struct fq *fq, long long case_id, store_event_fn *fn,
		void *arg)
{
	return V(fq)->events_of(fq, case_id, fn, arg);
}

int
store_last_note(struct fq *fq, long long case_id, const char **text)
{
	return V(fq)->last_note(fq, case_id, text);
}

int
store_decline_reason(struct fq *fq, long long case_id, const char **reason)
{
	return V(fq)->decline_reason(fq, case_id, reason);
}

int
store_events_walk(struct fq *fq, struct store_walk **w)
{
	return V(fq)->events_walk(fq, w);
}

int
store_events_walk_from(struct fq *fq, struct store_walk *w,
		       long long case_id, struct event_row *e)
{
	return V(fq)->events_walk_from(fq, w, case_id, e);
}

int
store_events_walk_next(struct fq *fq, struct store_walk *w,
		       struct event_row *e)
{
	return V(fq)->events_walk_next(fq, w, e);
}

void
store_events_walk_end(struct fq *fq, struct store_walk *w)
{
	if (w)
		V(fq)->events_walk_end(fq, w);
}

/* ---- The escalation ladder ---- */

int
store_clock_start(struct fq *fq, long long case_id, int accept,
		  long long *seq)
{
	return V(fq)->clock_start(fq, case_id, accept, seq);
}

int
store_last_told(struct fq *fq, long long case_id, long long after,
		const char *deadline, const char *level, const char *to,
		time_t *at)
{
	return V(fq)->last_told(fq, case_id, after, deadline, level, to, at);
}

/* ---- Reports ---- */

int
store_report_steps(struct fq *fq, time_t since,
		   int (*fn)(struct fq *, const struct store_steps *, void *),
		   void *arg)
{
	return V(fq)->report_steps(fq, since, fn, arg);
}

int
store_report_cases(struct fq *fq, enum report_by by, time_t since,
		   time_t until, time_t now, const char *callback,
		   int (*fn)(struct fq *, const struct store_report_case *,
			     void *), void *arg)
{
	return V(fq)->report_cases(fq, by, since, until, now, callback, fn,
				   arg);
}

int
store_report_accepts(struct fq *fq, enum report_by by, time_t since,
		     time_t until,
		     int (*fn)(struct fq *, const char *, long, void *),
		     void *arg)
{
	return V(fq)->report_accepts(fq, by, since, until, fn, arg);
}

int
store_late_steps(struct fq *fq, time_t since, time_t until,
		 int (*fn)(struct fq *, const struct store_late_step *,
			   void *), void *arg)
{
	return V(fq)->late_steps(fq, since, until, fn, arg);
}

/* ---- Verification ---- */

int
store_integrity(struct fq *fq,
		void (*fn)(struct fq *, const char *, void *), void *arg)
{
	return V(fq)->integrity(fq, fn, arg);
}

int
store_chain_each(struct fq *fq, store_event_fn *fn, void *arg)
{
	return V(fq)->chain_each(fq, fn, arg);
}

int
store_chain_has(struct fq *fq, const char *digest, int *found)
{
	return V(fq)->chain_has(fq, digest, found);
}

int
store_case_seqs(struct fq *fq,
		int (*fn)(struct fq *, const struct store_seqs *, void *),
		void *arg)
{
	return V(fq)->case_seqs(fq, fn, arg);
}

int
store_case_holders(struct fq *fq,
		   int (*fn)(struct fq *, const struct store_holders *,
			     void *), void *arg)
{
	return V(fq)->case_holders(fq, fn, arg);
}

/* ---- Trust ---- */

int
store_latest_at(struct fq *fq, long long case_id, time_t *case_at,
		time_t *head_at)
{
	return V(fq)->latest_at(fq, case_id, case_at, head_at);
}

int
store_event_times(struct fq *fq,
		  int (*fn)(struct fq *, const struct store_event_time *,
			    void *), void *arg)
{
	return V(fq)->event_times(fq, fn, arg);
}

int
store_event_get(struct fq *fq, long long id, long long *case_id,
		const char **digest)
{
	return V(fq)->event_get(fq, id, case_id, digest);
}

int
store_case_rows(struct fq *fq,
		int (*fn)(struct fq *, const struct fq_case *, time_t, void *),
		void *arg)
{
	return V(fq)->case_rows(fq, fn, arg);
}

int
store_case_rewrite(struct fq *fq, const struct fq_case *c, time_t next_due)
{
	return V(fq)->case_rewrite(fq, c, next_due);
}

int
store_schema_check(struct fq *fq,
		   int (*fn)(struct fq *, const struct store_schema_diff *,
			     void *), void *arg)
{
	return V(fq)->schema_check(fq, fn, arg);
}

int
store_schema_repair(struct fq *fq,
		    int (*fn)(struct fq *, const struct store_schema_diff *,
			      void *), void *arg)
{
	return V(fq)->schema_repair(fq, fn, arg);
}

/* ---- Bulk restore ---- */

int
store_import_begin(struct fq *fq, struct store_import **imp)
{
	return V(fq)->import_begin(fq, imp);
}

int
store_import_case(struct fq *fq, struct store_import *imp,
		  const struct fq_case *c, time_t next_due)
{
	enum store_taken taken = TAKEN_NONE;
	int rc = V(fq)->import_case(fq, imp, c, next_due, &taken);

	if (taken == TAKEN_ID)
		return fq_fail(fq, FQ_EDATA, "case #%lld is already in the "
			       "database", c->id);
	if (taken == TAKEN_KEY)
		return fq_fail(fq, FQ_EDATA, "case #%lld: request key '%s' is "
			       "already taken by another case", c->id,
			       c->request_key);
	return rc;
}

int
store_import_event(struct fq *fq, struct store_import *imp,
		   const struct event_row *e)
{
	enum store_taken taken = TAKEN_NONE;
	int rc = V(fq)->import_event(fq, imp, e, &taken);

	if (taken == TAKEN_ID)
		return fq_fail(fq, FQ_EDATA, "event %lld is already in the "
			       "database", e->id);
	if (taken == TAKEN_KEY)
		return fq_fail(fq, FQ_EDATA, "case #%lld already has an event "
			       "with seq %lld", e->case_id, e->seq);
	return rc;
}

int
store_import_big(struct fq *fq, struct store_import *imp)
{
	return V(fq)->import_big(fq, imp);
}

int
store_import_end(struct fq *fq, struct store_import *imp, int ok)
{
	if (!imp)
		return 0;
	return V(fq)->import_end(fq, imp, ok);
}

int
store_chain_version(struct fq *fq, long long id, int *version)
{
	return V(fq)->chain_version(fq, id, version);
}
