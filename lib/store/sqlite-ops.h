/*
 * sqlite-ops.h - the SQLite driver's operations, one file a concern;
 * sqlite.c puts them in its struct store_vfuncs.  Each means what the
 * store_* function of the same name means (store.h).
 */
#ifndef FQ_SQLITE_OPS_H
#define FQ_SQLITE_OPS_H

#include "store-private.h"

/* sqlite-cases.c */

/* The columns sqlite_case_row() reads, in its order. */
#define CASE_COLUMNS \
	"id, summary, details, guest_name, room, phone, via, category, " \
	"department, handler, owner, status, major, first_contact, " \
	"waiting_since, waiting_until, created_at, updated_at, closed_at, " \
	"due_accept, due_reply, due_resolve, due_promise, request_key"

struct sq;
/* Fills c from a row selected with CASE_COLUMNS (text in fq->mem). */
void sqlite_case_row(const struct sq *q, struct fq_case *c);
int sqlite_case_insert(struct fq *fq, const struct fq_case *c,
		       time_t next_due, long long *id);
int sqlite_case_save(struct fq *fq, const struct fq_case *c,
		     time_t next_due);
int sqlite_case_get(struct fq *fq, long long id, struct fq_case *c,
		    int *found);
int sqlite_case_by_key(struct fq *fq, const char *key, struct fq_case *c,
		       int *found);
int sqlite_cases_count(struct fq *fq, long long *n);
int sqlite_cases_each(struct fq *fq, const struct case_filter *f,
		      store_case_fn *fn, void *arg);
int sqlite_due_before(struct fq *fq, time_t horizon, const char *department,
		      const char *owner, store_case_fn *fn, void *arg);
int sqlite_cases_for_handover(struct fq *fq, time_t from, time_t to,
			      time_t due_by, const char *department,
			      const char *members, store_case_fn *fn,
			      void *arg);

/* sqlite-events.c */
int sqlite_chain_head(struct fq *fq, long long *id, const char **digest);
int sqlite_next_seq(struct fq *fq, long long case_id, long long *seq);
int sqlite_event_append(struct fq *fq, const struct event_row *e);
int sqlite_events_of(struct fq *fq, long long case_id, store_event_fn *fn,
		     void *arg);
int sqlite_last_note(struct fq *fq, long long case_id, const char **text);
int sqlite_decline_reason(struct fq *fq, long long case_id,
			  const char **reason);
int sqlite_events_walk(struct fq *fq, struct store_walk **w);
int sqlite_events_walk_from(struct fq *fq, struct store_walk *w,
			    long long case_id, struct event_row *e);
int sqlite_events_walk_next(struct fq *fq, struct store_walk *w,
			    struct event_row *e);
void sqlite_events_walk_end(struct fq *fq, struct store_walk *w);
int sqlite_chain_each(struct fq *fq, store_event_fn *fn, void *arg);
int sqlite_chain_has(struct fq *fq, const char *digest, int *found);

/* sqlite-report.c */
int sqlite_report_steps(struct fq *fq, time_t since,
			int (*fn)(struct fq *, const struct store_steps *,
				  void *), void *arg);
int sqlite_report_cases(struct fq *fq, enum report_by by, time_t since,
			time_t until, time_t now, const char *callback,
			int (*fn)(struct fq *,
				  const struct store_report_case *, void *),
			void *arg);
int sqlite_report_accepts(struct fq *fq, enum report_by by, time_t since,
			  time_t until,
			  int (*fn)(struct fq *, const char *, long, void *),
			  void *arg);

/* sqlite-lapses.c */
int sqlite_histories(struct fq *fq, time_t since, time_t until,
		     store_history_fn *fn, void *arg);

/* sqlite-verify.c */
int sqlite_integrity(struct fq *fq,
		     void (*fn)(struct fq *, const char *, void *),
		     void *arg);
int sqlite_case_seqs(struct fq *fq,
		     int (*fn)(struct fq *, const struct store_seqs *, void *),
		     void *arg);
int sqlite_case_holders(struct fq *fq,
			int (*fn)(struct fq *, const struct store_holders *,
				  void *), void *arg);

/* sqlite-rebuild.c */
int sqlite_latest_at(struct fq *fq, long long case_id, time_t *case_at,
		     time_t *head_at);
int sqlite_event_times(struct fq *fq,
		       int (*fn)(struct fq *, const struct store_event_time *,
				 void *), void *arg);
int sqlite_event_get(struct fq *fq, long long id, long long *case_id,
		     const char **digest);
int sqlite_case_rows(struct fq *fq,
		     int (*fn)(struct fq *, const struct fq_case *, time_t,
			       void *), void *arg);
int sqlite_case_rewrite(struct fq *fq, const struct fq_case *c,
			time_t next_due);
int sqlite_schema_check(struct fq *fq,
			int (*fn)(struct fq *, const struct store_schema_diff *,
				  void *), void *arg);
int sqlite_schema_repair(struct fq *fq,
			 int (*fn)(struct fq *,
				   const struct store_schema_diff *, void *),
			 void *arg);

/* sqlite-import.c */
int sqlite_import_begin(struct fq *fq, struct store_import **imp);
int sqlite_import_case(struct fq *fq, struct store_import *imp,
		       const struct fq_case *c, time_t next_due,
		       enum store_taken *taken);
int sqlite_import_event(struct fq *fq, struct store_import *imp,
			const struct event_row *e, enum store_taken *taken);
int sqlite_import_big(struct fq *fq, struct store_import *imp);
int sqlite_import_end(struct fq *fq, struct store_import *imp, int ok);
int sqlite_import_search(struct fq *fq, struct store_import *imp,
			 long long case_id, const struct search_doc *doc);

/* sqlite-search.c */
int sqlite_search(struct fq *fq, const struct search_terms *t,
		  const struct case_filter *f, enum search_order order,
		  store_case_fn *fn, void *arg);
int sqlite_search_index_case(struct fq *fq, long long case_id, int *agrees);
int sqlite_search_rebuild(struct fq *fq, long long *n);
int sqlite_search_check(struct fq *fq,
			int (*fn)(struct fq *, long long, void *), void *arg);

/* sqlite-chain.c */
int sqlite_chain_version(struct fq *fq, long long id, int *version);

/* sqlite-complete.c */
int sqlite_complete_ids(struct fq *fq, long long prefix, int limit,
			int (*fn)(struct fq *, long long, const char *,
				  const char *, void *), void *arg);

/* sqlite-overdue.c */
int sqlite_escalations_update(struct fq *fq);
int sqlite_ladder_cases(struct fq *fq, time_t horizon,
			int (*want)(struct fq *, const struct fq_case *,
				    void *),
			int (*fn)(struct fq *, struct fq_case *,
				  const struct store_ladder *, void *),
			void *arg);
int sqlite_escalation_get(struct fq *fq, long long case_id,
			  const char *deadline, const char *level,
			  const char *staff, struct store_told *t, int *found);
int sqlite_notices_owed(struct fq *fq,
			int (*fn)(struct fq *, struct fq_case *,
				  const struct store_told *, const char *,
				  void *), void *arg);
int sqlite_guard(struct fq *fq, const char *name, int seconds);

#endif
