/*
 * promise.h - the promise to the guest (答复: "if you cannot answer now,
 * say why and by when, then keep that promise"; fq-lifecycle(7)).
 *
 * The rule, the same in every command: a promise given to the guest,
 * at logging (fq log --promise) or later (fq promise), stands in for
 * the reply deadline.  Giving it meets the reply clock (late if the
 * reply limit had already passed); from then on the guest is owed the
 * answer by the promised time, and that is the deadline fq overdue, the
 * ladder, fq show, fq handover, the mails and fq report judge by.  A
 * promise moved later is a new promise: the old one stops (broken if
 * it had passed), and the move is on the record.  A promise never moves
 * the resolve deadline (限时办结).
 */
#ifndef FQ_PROMISE_H
#define FQ_PROMISE_H

#include "cases.h"

/*
 * fq promise: gives the guest a time (`when`, in the future) and why
 * (`note`), or moves the promise given before; the case must be open.
 * Appends a `promised` event {due, text, previous_due_at, reply_due_at,
 * late}
 * (late: the reply limit or the previous promise had passed already).
 */
int case_promise(struct fq *fq, struct fq_case *c, time_t when,
		 const char *note);

/*
 * Warns (stderr) about a promise later than the reply limit `reply` it
 * stands in for, or later than the resolve deadline.
 */
void promise_warn(struct fq *fq, const struct fq_case *c, time_t reply);

#endif
