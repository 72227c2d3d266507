/*
 * roles.c - who may do what to a case: the rules of fq(1), WHO MAY DO
 * WHAT.
 */
#include <string.h>

#include "names.h"
#include "roles.h"

/* 1 when the strings are equal and not NULL. */
static int
same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The department id of staff s. */
static const char *
dept_of(const struct policy *p, const struct staff *s)
{
	return p->depts[s->dept].id;
}

int
is_manager(const struct staff *s)
{
	return s->role == ROLE_MANAGER;
}

int
is_supervisor_of(const struct policy *p, const struct staff *s,
		 const char *dept)
{
	return s->role == ROLE_SUPERVISOR && same(dept_of(p, s), dept);
}

/* "李娜 (li.na)". */
static const char *
who(struct fq *fq)
{
	return arena_printf(fq->mem, "%s (%s)", fq->me->name, fq->me->id);
}

int
may_act(struct fq *fq)
{
	fq->me = policy_staff(fq->pol, fq->actor);
	if (fq->me)
		return 0;
	return fq_fail(fq, FQ_EPERM, "'%s' is not staff in the policy '%s'; "
		       "act as a member with --as or FQ_USER", fq->actor,
		       fq->pol->path);
}

/* 1 when staff `by` may act for staff `s` by a may_act_for rule. */
static int
act_for_rule(const struct policy *p, const struct staff *by,
	     const struct staff *s)
{
	int i;

	for (i = 0; i < by->nact_for; i++)
		if (!strcmp(by->act_for[i], s->id) ||
		    (!policy_staff(p, by->act_for[i]) &&
		     !strcmp(by->act_for[i], dept_of(p, s))))
			return 1;
	return 0;
}

int
may_act_for(struct fq *fq, const char *how)
{
	const struct policy *p = fq->pol;
	const struct staff *by = policy_staff(p, fq->entered_by);
	int rc;

	if (!by)
		return fq_fail(fq, FQ_EPERM, "'%s' is not staff in the policy "
			       "'%s'", fq->entered_by, p->path);
	if ((rc = may_act(fq)))
		return rc;
	if (is_manager(by) || act_for_rule(p, by, fq->me))
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s (%s) may not act for %s (%s) with "
		       "%s: only a manager, or a may_act_for rule of the "
		       "policy, lets one record for another", by->name, by->id,
		       fq->me->name, fq->me->id, how);
}

int
may_repair(struct fq *fq)
{
	if (is_manager(fq->me))
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s may not repair the database: only "
		       "a manager may (the repair is recorded)", who(fq));
}

int
may_handle(struct fq *fq, const struct fq_case *c, const char *step)
{
	const struct staff *me = fq->me;

	if (same(me->id, c->owner) || same(me->id, c->handler) ||
	    same(dept_of(fq->pol, me), c->department) ||
	    is_manager(me))
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s may not %s #%lld: only its owner, "
		       "its handler, a member of %s or a manager may",
		       who(fq), step, c->id, dept_name(fq->pol, c->department));
}

int
may_answer_for(struct fq *fq, const struct fq_case *c, const char *step)
{
	const struct staff *me = fq->me;
	const char *od = staff_dept(fq->pol, c->owner);

	if (same(me->id, c->owner) || is_manager(me) ||
	    (od && is_supervisor_of(fq->pol, me, od)))
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s may not %s #%lld: only its owner %s, "
		       "a supervisor of %s or a manager may", who(fq), step,
		       c->id, staff_name(fq->pol, c->owner),
		       od ? dept_name(fq->pol, od) : "the owner's department");
}

int
may_sign(struct fq *fq, const struct fq_case *c)
{
	const struct staff *me = fq->me;

	if (is_manager(me) ||
	    is_supervisor_of(fq->pol, me, c->department))
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s may not sign off #%lld: only a "
		       "supervisor of %s or a manager may", who(fq), c->id,
		       dept_name(fq->pol, c->department));
}

int
may_accept(struct fq *fq, const struct fq_case *c, const char *handler)
{
	const struct policy *p = fq->pol;
	const struct staff *me = fq->me, *h = policy_staff(p, handler);
	int lead = is_manager(me) ||
		   is_supervisor_of(p, me, c->department);

	if (!h)
		return fq_fail(fq, FQ_EDATA, "'%s' is not staff in the policy",
			       handler);
	if (h != me && !lead)
		return fq_fail(fq, FQ_EPERM, "%s may not assign #%lld to %s: "
			       "only a supervisor of %s or a manager may",
			       who(fq), c->id, h->name,
			       dept_name(p, c->department));
	if (same(dept_of(p, h), c->department) || is_manager(h))
		return 0;
	if (h == me)
		return fq_fail(fq, FQ_EPERM, "%s is not a member of %s, which "
			       "holds #%lld; ask it to accept, or transfer it",
			       who(fq), dept_name(p, c->department), c->id);
	return fq_fail(fq, FQ_EDATA, "%s (%s) is not a member of %s, which "
		       "holds #%lld; transfer it first", h->name, h->id,
		       dept_name(p, c->department), c->id);
}

int
may_hand_to(struct fq *fq, const char *id, const char *dept)
{
	const struct policy *p = fq->pol;
	const struct staff *s = policy_staff(p, id);

	if (!s)
		return fq_fail(fq, FQ_EDATA, "--to: '%s' is not staff in the "
			       "policy", id);
	if (is_manager(s) || same(dept_of(p, s), dept))
		return 0;
	return fq_fail(fq, FQ_EDATA, "--to: %s (%s) works in %s, not in %s",
		       s->name, s->id, p->depts[s->dept].name,
		       dept_name(p, dept));
}

const struct staff **
supervisors_of(struct fq *fq, const char *dept)
{
	const struct policy *p = fq->pol;
	const struct staff **v;
	int i, n = 0, pass;

	v = arena_alloc(fq->mem, sizeof(*v) * ((size_t)p->nstaff + 1));
	for (pass = 0; pass < 2 && n == 0; pass++)
		for (i = 0; i < p->nstaff; i++)
			if (pass == 0 ? is_supervisor_of(p, &p->staff[i], dept)
				      : is_manager(&p->staff[i]))
				v[n++] = &p->staff[i];
	v[n] = NULL;
	return v;
}

int
may_import(struct fq *fq)
{
	if (fq->me->role == ROLE_MANAGER)
		return 0;
	return fq_fail(fq, FQ_EPERM, "%s (%s) may not import cases: only a "
		       "manager may", fq->me->name, fq->me->id);
}
