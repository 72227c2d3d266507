/*
 * ladder.h - the escalation ladder's decisions, as a pure core: given a
 * case (caught up with an ended wait), what its events say of it (where
 * its clocks started and who was told what, when: struct store_ladder),
 * the policy and the moment `now`, which levels are owed to whom.  No
 * I/O, no SQL, no clock: notify.c reads, asks this, composes, sends and
 * records, in that order.
 *
 * The rules (fq-overdue(1), THE ESCALATION LADDER): a level fires for a
 * running deadline once the share of its limit used by `now` reaches
 * the level's `at`; of the levels reached, only the highest that names
 * anyone fires, once per recipient for each run of the deadline's clock
 * (again each `repeat`, for a repeating level); the lower levels reached
 * that never fired in this clock are passed over, recorded with the
 * firing as "passed", and never fire in it.
 */
#ifndef FQ_LADDER_H
#define FQ_LADDER_H

#include <time.h>
#include "fq.h"
#include "store.h"

/* One notification owed: a level of a deadline, or a manual or major
 * escalation, to one staff member. */
struct firing {
	struct fq_case c;
	int k;			/* the deadline (DUE_*); -1: manual or major */
	int level;		/* index into policy.levels; -1: manual */
	const char *name;	/* "80%"; "manual", "major" */
	const char *to;		/* staff id */
	long long seen;		/* the memory's seq for (case, deadline, level,
				 * to) when it was decided, 0 for none (manual,
				 * major: its `mailed`); the record checks it */
	int npassed;
	const int *passed;	/* levels this one passes over */
	long long about;	/* manual, major: the escalation's seq */
	time_t at;		/* manual, major: when it was escalated */
	const char *note;	/* manual, major: its note, or NULL */
};

struct firings {
	int n, cap;
	struct firing *v;	/* from fq->mem */
};

/* "80%" for level i (from fq->mem). */
const char *level_name(struct fq *fq, int i);

/*
 * The latest due time at which any level can fire by `now` for a limit
 * of the policy: cases whose deadlines all fall later cannot fire (a
 * promise aside, whose limit is the case's own).
 */
time_t ladder_horizon(struct fq *fq, time_t now);
/* 1 when some level has been reached for one of c's running deadlines. */
int ladder_may_fire(struct fq *fq, const struct fq_case *c, time_t now);
/* Appends to `out` what the ladder owes for case c at `now`. */
void ladder_owed(struct fq *fq, const struct fq_case *c,
		 const struct store_ladder *h, time_t now,
		 struct firings *out);
/*
 * Appends the mail owed for a manual or major escalation, one row of the
 * memory (store_notices_owed()), with its note.
 */
void ladder_notice(struct fq *fq, const struct fq_case *c,
		   const struct store_told *t, const char *note,
		   struct firings *out);

#endif
