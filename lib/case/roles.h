/*
 * roles.h - who may do what to a case (fq(1), WHO MAY DO WHAT): every
 * permission rule of fq is here, and the steps and commands ask.
 *
 * Each check returns 0, or FQ_EPERM after fq_fail() with a message that
 * names who may (may_accept: FQ_EDATA when a supervisor names a handler
 * who is not staff of the holding department; may_hand_to: FQ_EDATA, as
 * it judges the colleague named, not the actor).  Beyond may_act(), any
 * staff member may read every case, log, follow and escalate: those
 * steps ask nothing more.
 */
#ifndef FQ_ROLES_H
#define FQ_ROLES_H

#include "cases.h"
#include "policy.h"

/*
 * Every command that acts on cases: sets fq->me to the staff member
 * fq->actor names, or fails with FQ_EPERM when the policy has none.
 */
int may_act(struct fq *fq);
/*
 * An installed fq's --as or FQ_USER (named by `how`) naming someone
 * else: the login fq->entered_by may record as fq->actor when a manager,
 * or when its may_act_for rule names the actor or the actor's
 * department.  Sets fq->me to the actor, as may_act() does.
 */
int may_act_for(struct fq *fq, const char *how);
/* fq verify --repair: a manager. */
int may_repair(struct fq *fq);
/* transfer, reply, wait, resume, decline, amend: owner, handler, a
 * member of the holding department (its supervisor too), a manager. */
int may_handle(struct fq *fq, const struct fq_case *c, const char *step);
/* callback, reopen: the owner, a supervisor of the owner's department,
 * a manager. */
int may_answer_for(struct fq *fq, const struct fq_case *c, const char *step);
/* sign: a supervisor of the holding department, a manager. */
int may_sign(struct fq *fq, const struct fq_case *c);
/* accept: a member for themselves; a supervisor or manager for any
 * member of the holding department. */
int may_accept(struct fq *fq, const struct fq_case *c, const char *handler);
/*
 * transfer --to: staff `id` may be handed a case held by department id
 * `dept` when a member of it, or a manager (FQ_EDATA otherwise).
 */
int may_hand_to(struct fq *fq, const char *id, const char *dept);

/* 1 when staff `s` is a manager (of every department). */
int is_manager(const struct staff *s);

/* 1 when staff `s` is a supervisor of department id `dept`. */
int is_supervisor_of(const struct policy *p, const struct staff *s,
		     const char *dept);
/*
 * The supervisors of a department, or every manager where it has none
 * (a NULL-terminated array from the arena).
 */
const struct staff **supervisors_of(struct fq *fq, const char *dept);

/* import: a manager (an import writes history into the database). */
int may_import(struct fq *fq);

#endif
