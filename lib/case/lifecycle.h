/*
 * lifecycle.h - the steps of a case after intake (transfer, accept,
 * reply, ...; fq log is intake.h): each checks the case's state and asks
 * roles.h whether the actor may, changes the case, and appends its
 * event, inside the command's transaction.
 */
#ifndef FQ_LIFECYCLE_H
#define FQ_LIFECYCLE_H

#include "cases.h"

/*
 * Reads the case named by `arg` ("17" or "#17").  A wait whose --until
 * has passed is ended first: in memory, and, inside a write
 * transaction, on the record too (a `resumed` event by "fq").
 */
int case_lookup(struct fq *fq, const char *arg, struct fq_case *c);
/*
 * Ends, in memory, a wait whose --until has passed (the deadlines move
 * on by the pause).  Returns 1 when it did.
 */
int case_catch_up(struct fq *fq, struct fq_case *c);

/* Corrections for fq amend; NULL leaves a field as it is. */
struct amendment {
	const char *summary, *details, *guest, *room, *phone, *via;
};

/*
 * The steps after intake.  Each checks the case's state (FQ_EDATA, with
 * the command that would help) and the actor's role (FQ_EPERM), then
 * changes the case and appends its event.  `dept` is an id or display
 * name; NULL lets the policy's routing choose.
 */
int case_transfer(struct fq *fq, struct fq_case *c, const char *dept,
		  const char *to, const char *note);
int case_accept(struct fq *fq, struct fq_case *c, const char *handler);
int case_follow(struct fq *fq, struct fq_case *c, const char *note);
int case_reply(struct fq *fq, struct fq_case *c, const char *answer,
	       const char *by, int force);
int case_callback(struct fq *fq, struct fq_case *c, const char *note,
		  int unsatisfied);
int case_escalate(struct fq *fq, struct fq_case *c, const char *to,
		  const char *note);
int case_decline(struct fq *fq, struct fq_case *c, const char *reason);
int case_sign(struct fq *fq, struct fq_case *c);
int case_reopen(struct fq *fq, struct fq_case *c, const char *note);
int case_wait(struct fq *fq, struct fq_case *c, const char *reason,
	      time_t until);
int case_resume(struct fq *fq, struct fq_case *c);
int case_amend(struct fq *fq, struct fq_case *c, const struct amendment *a,
	       const char *note);

/* Escalates a major case as it is logged (to the holding department's
 * supervisors, or the managers). */
int case_escalate_major(struct fq *fq, struct fq_case *c);

#endif
