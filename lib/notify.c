/*
 * notify.c - the escalation ladder, recorded and mailed.
 */
#include <stdint.h>
#include <string.h>

#include "calendar.h"
#include "clock.h"
#include "mail.h"
#include "names.h"
#include "notify.h"
#include "out.h"
#include "overdue.h"
#include "policy.h"
#include "store.h"

/* Collects what the ladder owes, case by case. */
static int
collect(struct fq *fq, struct fq_case *c, void *arg)
{
	return ladder_due(fq, c, arg);
}

/* Everything the ladder owes now. */
static int
owed(struct fq *fq, struct firings *out)
{
	struct overdue_filter f = { .horizon = (time_t)INT64_MAX / 2 };

	memset(out, 0, sizeof(*out));
	return overdue_each(fq, &f, collect, out);
}

/* The address of a staff member: theirs, else their department's. */
static const char *
address_of(struct fq *fq, const char *id)
{
	const struct staff *s = policy_staff(fq->pol, id);

	return s->email ? s->email : fq->pol->depts[s->dept].email;
}

/* 1 when a and b are the same mailbox (both NULL: the same "nowhere"). */
static int
same_address(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The firings for one address that are still owed, re-checked now. */
static void
still_owed(struct fq *fq, const struct firings *all, const char *addr,
	   struct firings *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < all->n; i++) {
		if (!same_address(address_of(fq, all->v[i].to), addr) ||
		    !firing_pending(fq, &all->v[i]))
			continue;
		out->v = arena_grow(fq->mem, out->v, sizeof(*out->v),
				    &out->cap, out->n + 1);
		out->v[out->n++] = all->v[i];
	}
}

/* 1 when firing i repeats an earlier one's case (and deadline, level). */
static int
seen(const struct firings *v, int i, int same_deadline)
{
	int j;

	for (j = 0; j < i; j++)
		if (v->v[j].c.id == v->v[i].c.id &&
		    (!same_deadline || (v->v[j].k == v->v[i].k &&
					v->v[j].level == v->v[i].level)))
			return 1;
	return 0;
}

/* A deadline's line under its case in a message. */
static const char *
deadline_line(struct fq *fq, const struct firing *f)
{
	const struct fq_case *c = &f->c;
	long late = (long)(fq_now() - c->due[f->k]);
	char buf[32];

	dur_format(late < 0 ? -late : late, buf, sizeof(buf));
	return arena_printf(fq->mem, "    %s %s %s (due %s), level %s\n",
			    due_names[f->k], buf, late < 0 ? "to go" : "late",
			    time_local(fq->mem, c->due[f->k]),
			    level_name(fq, f->level));
}

/* The lines of every case in the message, each case once. */
static const char *
case_lines(struct fq *fq, const struct firings *v, int *ncases)
{
	const char *s = "";
	int i, j;

	*ncases = 0;
	for (i = 0; i < v->n; i++) {
		const struct fq_case *c = &v->v[i].c;

		if (seen(v, i, 0))
			continue;
		(*ncases)++;
		s = arena_printf(fq->mem, "%s#%lld %s\n    owner %s · holder "
				 "%s\n", s, c->id, c->summary,
				 staff_name(fq->pol, c->owner),
				 holder_name(fq->mem, fq->pol, c->department,
					     c->handler));
		for (j = i; j < v->n; j++)
			if (v->v[j].c.id == c->id && !seen(v, j, 1))
				s = arena_printf(fq->mem, "%s%s", s,
						 deadline_line(fq, &v->v[j]));
		s = arena_printf(fq->mem, "%s\n", s);
	}
	return s;
}

/* Who a message greets: the staff it is for, by name. */
static const char *
greeting(struct fq *fq, const struct firings *v)
{
	const char *s = NULL;
	int i, j;

	for (i = 0; i < v->n; i++) {
		for (j = 0; j < i && strcmp(v->v[j].to, v->v[i].to); j++)
			;
		if (j < i)
			continue;
		s = s ? arena_printf(fq->mem, "%s、%s", s,
				     staff_name(fq->pol, v->v[i].to))
		      : staff_name(fq->pol, v->v[i].to);
	}
	return s;
}

/* The message for one address. */
static char *
compose(struct fq *fq, const char *addr, const struct firings *v)
{
	const struct policy *p = fq->pol;
	struct mail m = { 0 };
	const char *who = greeting(fq, v), *lines;
	int ncases;

	lines = case_lines(fq, v, &ncases);
	m.body = arena_printf(fq->mem, "%s，您好：\n\nThese cases need you "
			      "now (fq overdue, %s):\n\n%s-- \nfq · %s\n",
			      who, time_local(fq->mem, fq_now()), lines,
			      p->organization);
	m.from = p->mail_from ? p->mail_from : "fq <fq@localhost>";
	m.to_name = who;
	m.to_addr = addr;
	m.subject = arena_printf(fq->mem, "[fq] %s：%d 件待办提醒 (#%lld %s)",
				 p->organization, ncases, v->v[0].c.id,
				 v->v[0].c.summary);
	return mail_format(fq, &m);
}

/* Sends and records what one address is owed, in one transaction. */
static int
notify_one(struct fq *fq, const struct firings *all, const char *addr,
	   int *fired)
{
	struct firings mine;
	int rc;

	if ((rc = store_begin(fq)))
		return rc;
	still_owed(fq, all, addr, &mine);
	rc = 0;
	if (mine.n && !addr)
		fq_warn(fq, "%s: no e-mail address, nor one for their "
			"department: recorded without mail", greeting(fq, &mine));
	else if (mine.n)
		rc = mail_send(fq, compose(fq, addr, &mine));
	if (rc == 0 && mine.n)
		rc = firings_record(fq, mine.v, mine.n);
	if (rc == 0 && (rc = store_commit(fq)) == 0)
		*fired += mine.n;
	if (rc)
		store_rollback(fq);
	return rc;
}

/* Mails every address; a failure does not stop the others. */
static int
mail_all(struct fq *fq, const struct firings *all, int *fired)
{
	int i, j, rc, failed = 0;
	const char *addr;

	for (i = 0; i < all->n; i++) {
		addr = address_of(fq, all->v[i].to);
		for (j = 0; j < i && !same_address(address_of(fq,
				all->v[j].to), addr); j++)
			;
		if (j < i)
			continue;	/* this address was done already */
		rc = notify_one(fq, all, addr, fired);
		if (rc == FQ_EBUSY && fq->err) {
			fq_warn(fq, "%s", fq->err);
			failed = rc;
		} else if (rc) {
			return rc;
		}
	}
	return failed ? fq_fail(fq, FQ_EBUSY, "some notifications could not "
				"be mailed; they go out on the next run") : 0;
}

int
notify_run(struct fq *fq, int mail, int *fired)
{
	struct firings all;
	int rc;

	*fired = 0;
	if ((rc = store_begin(fq)))
		return rc;
	if ((rc = owed(fq, &all))) {
		store_rollback(fq);
		return rc;
	}
	if (!mail) {
		if ((rc = firings_record(fq, all.v, all.n)) ||
		    (rc = store_commit(fq))) {
			store_rollback(fq);
			return rc;
		}
		*fired = all.n;
		return 0;
	}
	store_rollback(fq);	/* each recipient gets a transaction of its own */
	return mail_all(fq, &all, fired);
}
