/*
 * explain.h - how each deadline of a case was derived (fq show
 * --explain): the policy rule, the start of its clock, the working time
 * counted and the pauses left out.
 */
#ifndef FQ_EXPLAIN_H
#define FQ_EXPLAIN_H

#include "cases.h"

/*
 * One object per running deadline: {deadline, due, rule, limit, counts
 * ("wall" or "working"), start, start_kind, counting_from (the first
 * working moment at or after start), pauses [{from, to, reason}],
 * counted_seconds (of the kind `counts` says), computed (the due time
 * the rule and pauses give)}.
 */
struct val *explain_case(struct fq *fq, const struct fq_case *c,
			 const struct val *events);

#endif
