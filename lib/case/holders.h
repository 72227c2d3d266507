/*
 * holders.h - the chain of holders (责任倒查): who held a case, from
 * when to when, derived from its events.
 */
#ifndef FQ_HOLDERS_H
#define FQ_HOLDERS_H

#include "cases.h"

/*
 * The spans of a case, oldest first: one for each change of department
 * or handler, as objects {department, handler, from, to, seconds, clock,
 * clock_seconds, clock_due, kept}; `to` is null (and seconds run to now)
 * while the span lasts.  `clock` names the limit the span is judged by:
 * "accept" for a department that had to accept the case, "reply" for the
 * span in which the guest was answered (null otherwise); clock_seconds is
 * how much of it the span used (from the clock's start), clock_due when
 * it ran out, kept whether the step came in time.  `events` is what
 * events_of() gave.
 */
struct val *holders_of(struct fq *fq, const struct fq_case *c,
		       const struct val *events);

#endif
