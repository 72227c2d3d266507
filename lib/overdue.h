/*
 * overdue.h - what is late, or falls due soon (fq overdue's list).  The
 * escalation ladder's decisions are in case/ladder.h; notify.h runs it.
 */
#ifndef FQ_OVERDUE_H
#define FQ_OVERDUE_H

#include "cases.h"

struct overdue_filter {
	const char *department, *owner;	/* ids, or NULL */
	time_t horizon;		/* report what falls due before this */
};

/*
 * Calls fn for every case with a running deadline before f->horizon,
 * earliest first (a wait whose end has passed is caught up with in
 * memory first).  fn returns 0 to go on.
 */
int overdue_each(struct fq *fq, const struct overdue_filter *f,
		 int (*fn)(struct fq *, struct fq_case *, void *), void *arg);

#endif
