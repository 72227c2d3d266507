/*
 * deadline.h - the deadlines of a case: which limit of the policy sets
 * each, and when it falls due on the calendar.
 */
#ifndef FQ_DEADLINE_H
#define FQ_DEADLINE_H

#include "cases.h"
#include "policy.h"

/* Bits for deadlines_start(). */
#define DUE_BIT(k) (1u << (k))

/* The policy's limit for deadline k of a category (NULL for promise). */
const struct dur *deadline_limit(const struct category *cat, int k);

/*
 * Starts the clocks named in `which` (DUE_BIT(DUE_ACCEPT) ...) at
 * `start`: each due time is the category's limit counted on the policy
 * calendar; a deadline whose limit the policy leaves out does not run.
 */
void deadlines_start(struct fq *fq, struct fq_case *c, unsigned which,
		     time_t start);

/*
 * Moves the running deadlines later by a pause [from, to) (fq wait and
 * fq resume): each keeps what it had left of its limit at `from`,
 * counted the way the limit counts (working or wall time).  A deadline
 * already missed at `from` stays missed by as much.
 */
void deadlines_pause(struct fq *fq, struct fq_case *c, time_t from,
		     time_t to);

/*
 * Warns (stderr) for each running deadline of the case that counts
 * working time across a year for which the calendar lists no holidays
 * (policy_unlisted_year()): its public holidays count as working days.
 */
void deadline_warn_years(struct fq *fq, const struct fq_case *c);

#endif
