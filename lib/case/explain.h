/*
 * explain.h - how each deadline of a case was derived (fq show
 * --explain): the policy rule, the start of its clock, the working time
 * counted, the days off and pauses left out, and how the holders used it.
 */
#ifndef FQ_EXPLAIN_H
#define FQ_EXPLAIN_H

#include "cases.h"
#include "history.h"

/*
 * One object per clock that ran, for its last run: {deadline, due, rule,
 * limit, counts ("wall" or "working"), start, start_kind, counting_from
 * (the first working moment at or after start), pauses [{from, to,
 * reason, ended}] (ended: "until" when the wait ended by itself,
 * "resumed" by a step, null while it lasts), counted_seconds (of the
 * kind `counts` says), computed (the due time the rule and pauses
 * give), running, ended, ended_at, skipped [{from, to, why ("holiday" or
 * "day off"), name}] (the local days a working-time clock did not count
 * between its start and its due time), spans [{department, handler,
 * from, to, seconds, late_seconds}] (each holder's use of it), warnings
 * [...] (e.g. a year the calendar has no holidays for)}.
 */
struct val *explain_case(struct fq *fq, const struct history *h);

/*
 * One of those warnings in the language of the messages (from the arena,
 * or `warning` itself when it is not one of explain.c's).
 */
const char *explain_warning_text(struct fq *fq, const char *warning);

#endif
