/*
 * overdue.h - what is late (or falls due soon), and the escalation
 * ladder that tells people about it.
 */
#ifndef FQ_OVERDUE_H
#define FQ_OVERDUE_H

#include "cases.h"

struct overdue_filter {
	const char *department, *owner;	/* ids, or NULL */
	time_t horizon;		/* report what falls due before this */
};

/*
 * Calls fn for every case with a running deadline before f->horizon,
 * earliest first (a wait whose end has passed is caught up with in
 * memory first).  fn returns 0 to go on.
 */
int overdue_each(struct fq *fq, const struct overdue_filter *f,
		 int (*fn)(struct fq *, struct fq_case *, void *), void *arg);

/* One notification the ladder owes: a level of a deadline, to someone. */
struct firing {
	struct fq_case c;
	int k;			/* the deadline (DUE_*) */
	int level;		/* index into policy.levels */
	const char *to;		/* staff id */
};

struct firings {
	int n, cap;
	struct firing *v;	/* from fq->mem */
};

/*
 * Appends to `out` every notification the escalation ladder owes for
 * case c now: each level whose share of its limit has been used, once
 * per case, deadline, level and recipient since the deadline's clock
 * started (and again after `repeat`, for a repeating level).
 */
int ladder_due(struct fq *fq, const struct fq_case *c, struct firings *out);
/* 1 when firing f is still owed (nobody recorded it since it was found). */
int firing_pending(struct fq *fq, const struct firing *f);
/* Records firings as `escalated` events (one per case, deadline, level). */
int firings_record(struct fq *fq, const struct firing *v, int n);
/* "80%" for level i. */
const char *level_name(struct fq *fq, int i);

#endif
