/*
 * overdue.c - what is late: the cases due before a horizon, caught up
 * with an ended wait.
 */
#include "lifecycle.h"
#include "overdue.h"

/* Passes each due case on after catching up with an ended wait. */
struct each {
	int (*fn)(struct fq *, struct fq_case *, void *);
	void *arg;
};

static int
caught_up(struct fq *fq, struct fq_case *c, void *arg)
{
	struct each *e = arg;

	case_catch_up(fq, c);
	return e->fn(fq, c, e->arg);
}

int
overdue_each(struct fq *fq, const struct overdue_filter *f,
	     int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	struct each e = { fn, arg };

	return cases_due_before(fq, f->horizon, f->department, f->owner,
				caught_up, &e);
}
