/*
 * roles.h - who may do what to a case (fq(1), WHO MAY DO WHAT).
 *
 * Each check returns 0, or FQ_EPERM after fq_fail() with a message that
 * names who may (may_accept: FQ_EDATA when a supervisor names a handler
 * who is not staff of the holding department).
 */
#ifndef FQ_ROLES_H
#define FQ_ROLES_H

#include "cases.h"
#include "policy.h"

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
