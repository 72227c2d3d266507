/*
 * store-private.h - the driver side of the store: the operations a
 * driver fills, and the common structs it embeds as first members.
 *
 * Only store.c and the drivers include this.  Each operation has the
 * meaning of the store_* function of the same name in store.h, and must
 * keep every guarantee written at the top of store.h.  Where store.h
 * words a message (a missing case, a taken id), the operation reports
 * only the fact (*found, *taken) and store.c words it, so that every
 * driver says the same.
 */
#ifndef FQ_STORE_PRIVATE_H
#define FQ_STORE_PRIVATE_H

#include "store.h"

/* What an imported row collided with (import_case, import_event). */
enum store_taken {
	TAKEN_NONE,
	TAKEN_ID,		/* its id */
	TAKEN_KEY,		/* a case's request key, an event's seq */
};

struct store_vfuncs {
	const char *name;	/* "sqlite" */

	void (*close)(struct fq *fq);
	int (*schema_version)(struct fq *fq);
	int (*begin)(struct fq *fq);
	int (*commit)(struct fq *fq);
	void (*rollback)(struct fq *fq);
	int (*writing)(struct fq *fq);

	int (*case_insert)(struct fq *fq, const struct fq_case *c,
			   time_t next_due, long long *id);
	int (*case_save)(struct fq *fq, const struct fq_case *c,
			 time_t next_due);
	int (*case_get)(struct fq *fq, long long id, struct fq_case *c,
			int *found);
	int (*case_by_key)(struct fq *fq, const char *key, struct fq_case *c,
			   int *found);
	int (*cases_count)(struct fq *fq, long long *n);
	int (*cases_each)(struct fq *fq, const struct case_filter *f,
			  store_case_fn *fn, void *arg);
	int (*due_before)(struct fq *fq, time_t horizon,
			  const char *department, const char *owner,
			  store_case_fn *fn, void *arg);
	int (*cases_for_handover)(struct fq *fq, time_t from, time_t to,
				  time_t due_by, const char *department,
				  const char *members, store_case_fn *fn,
				  void *arg);

	int (*chain_head)(struct fq *fq, long long *id, const char **digest);
	int (*next_seq)(struct fq *fq, long long case_id, long long *seq);
	int (*event_append)(struct fq *fq, const struct event_row *e);
	int (*events_of)(struct fq *fq, long long case_id, store_event_fn *fn,
			 void *arg);
	int (*last_note)(struct fq *fq, long long case_id, const char **text);
	int (*decline_reason)(struct fq *fq, long long case_id,
			      const char **reason);
	int (*events_walk)(struct fq *fq, struct store_walk **w);
	int (*events_walk_from)(struct fq *fq, struct store_walk *w,
				long long case_id, struct event_row *e);
	int (*events_walk_next)(struct fq *fq, struct store_walk *w,
				struct event_row *e);
	void (*events_walk_end)(struct fq *fq, struct store_walk *w);

	int (*clock_start)(struct fq *fq, long long case_id, int accept,
			   long long *seq);
	int (*last_told)(struct fq *fq, long long case_id, long long after,
			 const char *deadline, const char *level,
			 const char *to, time_t *at);

	int (*report_steps)(struct fq *fq, time_t since,
			    int (*fn)(struct fq *, const struct store_steps *,
				      void *), void *arg);
	int (*report_cases)(struct fq *fq, enum report_by by, time_t since,
			    time_t until, time_t now, const char *callback,
			    int (*fn)(struct fq *,
				      const struct store_report_case *, void *),
			    void *arg);
	int (*report_accepts)(struct fq *fq, enum report_by by, time_t since,
			      time_t until,
			      int (*fn)(struct fq *, const char *, long,
					void *), void *arg);
	int (*late_steps)(struct fq *fq, time_t since, time_t until,
			  int (*fn)(struct fq *, const struct store_late_step *,
				    void *), void *arg);

	int (*integrity)(struct fq *fq,
			 void (*fn)(struct fq *, const char *, void *),
			 void *arg);
	int (*chain_each)(struct fq *fq, store_event_fn *fn, void *arg);
	int (*chain_has)(struct fq *fq, const char *digest, int *found);
	int (*case_seqs)(struct fq *fq,
			 int (*fn)(struct fq *, const struct store_seqs *,
				   void *), void *arg);
	int (*case_holders)(struct fq *fq,
			    int (*fn)(struct fq *, const struct store_holders *,
				      void *), void *arg);

	int (*latest_at)(struct fq *fq, long long case_id, time_t *case_at,
			 time_t *head_at);
	int (*event_times)(struct fq *fq,
			   int (*fn)(struct fq *,
				     const struct store_event_time *, void *),
			   void *arg);
	int (*event_get)(struct fq *fq, long long id, long long *case_id,
			 const char **digest);
	int (*case_rows)(struct fq *fq,
			 int (*fn)(struct fq *, const struct fq_case *, time_t,
				   void *), void *arg);
	int (*case_rewrite)(struct fq *fq, const struct fq_case *c,
			    time_t next_due);
	int (*schema_check)(struct fq *fq,
			    int (*fn)(struct fq *,
				      const struct store_schema_diff *, void *),
			    void *arg);
	int (*schema_repair)(struct fq *fq,
			     int (*fn)(struct fq *,
				       const struct store_schema_diff *,
				       void *), void *arg);

	int (*import_begin)(struct fq *fq, struct store_import **imp);
	int (*import_case)(struct fq *fq, struct store_import *imp,
			   const struct fq_case *c, time_t next_due,
			   enum store_taken *taken);
	int (*import_event)(struct fq *fq, struct store_import *imp,
			    const struct event_row *e, enum store_taken *taken);
	int (*import_big)(struct fq *fq, struct store_import *imp);
	int (*import_end)(struct fq *fq, struct store_import *imp, int ok);

	int (*chain_version)(struct fq *fq, long long id, int *version);
};

/* What every driver's connection begins with. */
struct store {
	const struct store_vfuncs *v;
	const char *where;	/* the path or URL it was opened from */
};

/* What every driver's walk and import begin with. */
struct store_walk {
	struct store *store;
};

struct store_import {
	struct store *store;
};

/*
 * The drivers (store.c calls them; they never call store.c).  Each
 * makes its connection (from fq->mem), sets fq->store to it as soon as
 * it exists (so that store_close() can free what a failed open leaves),
 * and brings its schema up to date.
 */
int sqlite_store_open(struct fq *fq, const char *path, int create);

/*
 * The busy error every driver gives past its timeout, with FQ_EBUSY:
 * fq_fail(fq, FQ_EBUSY, STORE_BUSY, seconds).
 */
#define STORE_BUSY "the database stayed busy for %d s (another fq is " \
		   "writing); nothing was written, try again"

#endif
