/*
 * holders.h - the chain of holders (责任倒查): who held a case, from
 * when to when, and what each clock did while they held it, derived
 * from its events (history.h).
 */
#ifndef FQ_HOLDERS_H
#define FQ_HOLDERS_H

#include "cases.h"
#include "history.h"

/*
 * The spans of a case, oldest first: one for each change of department
 * or handler, as objects {department, handler, from, to, seconds, clock,
 * clock_seconds, clock_due, kept, clocks}; `to` is null (and seconds
 * run to now) while the span lasts.
 *
 * `clocks` holds every clock that ran during the span, as {clock
 * (accept, reply, resolve, promise), seconds (what the span used of it,
 * counted as its limit counts, waits left out), limit_seconds, due,
 * late_seconds (wall time past due that fell in the span), passed
 * ("during": the deadline passed in this span; "before": it had passed
 * already when the span began; null), ended (the step that stopped it
 * in this span, or null), kept (whether that step came in time; null
 * when it did not stop here)}.
 *
 * `clock` (with clock_seconds, clock_due and kept) names the one limit
 * the span is judged by, as fq 0.1 gave it: "accept" for a department
 * that had to accept the case, "reply" for the span in which the guest
 * was answered (clock_seconds from the clock's start), null otherwise.
 */
struct val *holders_of(struct fq *fq, const struct history *h);

#endif
