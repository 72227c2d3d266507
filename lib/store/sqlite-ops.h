/*
 * sqlite-ops.h - the SQLite driver's operations, one file a concern;
 * sqlite.c puts them in its struct store_vfuncs.  Each means what the
 * store_* function of the same name means (store.h).
 */
#ifndef FQ_SQLITE_OPS_H
#define FQ_SQLITE_OPS_H

#include "store-private.h"

/* sqlite-cases.c */
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
int sqlite_clock_start(struct fq *fq, long long case_id, int accept,
		       long long *seq);
int sqlite_last_told(struct fq *fq, long long case_id, long long after,
		     const char *deadline, const char *level, const char *to,
		     time_t *at);
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
int sqlite_late_steps(struct fq *fq, time_t since, time_t until,
		      int (*fn)(struct fq *, const struct store_late_step *,
				void *), void *arg);

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

/* sqlite-chain.c */
int sqlite_chain_version(struct fq *fq, long long id, int *version);

#endif
