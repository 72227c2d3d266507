/*
 * notify.c - the escalation ladder, recorded and mailed, in a straight
 * line: read (the store), decide (case/ladder.c), compose (mail.c),
 * send (mail.c, outside any transaction), record (events.c).
 *
 * Each message is composed in its reader's language (i18n_push()): the
 * `language` of the first staff member it greets, else the site's, else
 * the environment's.  Only the text changes with it: the firings, what
 * is recorded and what fq overdue --mail prints stay the same.
 */
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cases.h"
#include "clock.h"
#include "events.h"
#include "i18n.h"
#include "iso8601.h"
#include "ladder.h"
#include "lifecycle.h"
#include "mail.h"
#include "names.h"
#include "notify.h"
#include "policy.h"
#include "store.h"
#include "words.h"

#define GUARD_WAIT 30		/* seconds a mail run waits for another */
#define MAIL_CASES 200		/* cases a message lists; then a count */

/* One case of a message: its firings, and how urgent it is. */
struct item {
	long long id;
	int rank;
	time_t due;
	int n;
	const struct firing **f;
};

/* One message: the firings for one address. */
struct message {
	const char *addr;	/* NULL: nobody's (recorded without mail) */
	int n, cap;
	int *v;			/* indexes into run.owed */
	int nit;
	struct item *it;	/* its cases, most urgent first (composed) */
	char *text;		/* composed */
	int sent;		/* sendmail took it */
};

/* One run of the ladder. */
struct run {
	time_t now;		/* the one moment the whole run goes by */
	struct firings owed;
	int nm, cap;
	struct message *m;
};

/* ---- read and decide ---- */

/* Whether the ladder may fire for a case (the store's `want`). */
static int
want(struct fq *fq, const struct fq_case *c, void *arg)
{
	struct run *r = arg;
	struct fq_case t = *c;

	case_catch_up(fq, &t);
	return ladder_may_fire(fq, &t, r->now);
}

/* What the ladder owes for one case. */
static int
collect(struct fq *fq, struct fq_case *c, const struct store_ladder *h,
	void *arg)
{
	struct run *r = arg;

	case_catch_up(fq, c);
	ladder_owed(fq, c, h, r->now, &r->owed);
	return 0;
}

/* A manual or major escalation owed a mail. */
static int
collect_notice(struct fq *fq, struct fq_case *c, const struct store_told *t,
	       const char *note, void *arg)
{
	ladder_notice(fq, c, t, note, &((struct run *)arg)->owed);
	return 0;
}

/* Everything owed now, inside the write lock. */
static int
decide(struct fq *fq, struct run *r, int mail)
{
	int rc;

	/* what was appended since notify_run() folded the history in */
	if ((rc = store_escalations_update(fq)) ||
	    (rc = store_ladder_cases(fq, ladder_horizon(fq, r->now), want,
				     collect, r)))
		return rc;
	return mail ? store_notices_owed(fq, collect_notice, r) : 0;
}

/* ---- record ---- */

/* The memory's deadline word of a firing ("" for manual or major). */
static const char *
deadline_of(const struct firing *f)
{
	return f->k < 0 ? "" : due_names[f->k];
}

/* 1 when firing f is still owed: nobody recorded it since it was found. */
static int
still_owed(struct fq *fq, const struct firing *f, int *rc)
{
	struct store_told t;
	int found;

	*rc = store_escalation_get(fq, f->c.id, deadline_of(f), f->name,
				   f->to, &t, &found);
	if (*rc)
		return 0;
	if (f->k < 0)
		return found && t.mailed < f->about;
	return found ? t.seq == f->seen : f->seen == 0;
}

/* 1 when firings a and b make one event (case, deadline, level). */
static int
same_event(const struct firing *a, const struct firing *b)
{
	return a->c.id == b->c.id && a->k == b->k &&
	       !strcmp(a->name, b->name) && a->about == b->about;
}

/* The data of the event that records firings v[0..n) like v[0]. */
static struct val *
event_data(struct fq *fq, struct firing *const *v, int n)
{
	const struct firing *f = v[0];
	struct val *d = v_obj(fq->mem), *to = v_arr(fq->mem), *passed;
	int i;

	for (i = 0; i < n; i++)
		v_push(fq->mem, to, v_str(fq->mem, v[i]->to));
	if (f->k < 0) {
		v_set_int(fq->mem, d, "escalation", f->about);
		v_set_str(fq->mem, d, "level", f->name);
		v_set(fq->mem, d, "to", to);
	} else {
		v_set_str(fq->mem, d, "deadline", due_names[f->k]);
		v_set_str(fq->mem, d, "level", f->name);
		v_set_int(fq->mem, d, "due", (long long)f->c.due[f->k]);
		v_set(fq->mem, d, "to", to);
		if (f->npassed) {
			passed = v_arr(fq->mem);
			for (i = 0; i < f->npassed; i++)
				v_push(fq->mem, passed, v_str(fq->mem,
				       level_name(fq, f->passed[i])));
			v_set(fq->mem, d, "passed", passed);
		}
	}
	v_set_str(fq->mem, d, "run_by", fq->actor);
	return d;
}

/* Orders firings by the event that records them: case, deadline, level. */
static int
by_event(const void *a, const void *b)
{
	const struct firing *x = *(struct firing *const *)a;
	const struct firing *y = *(struct firing *const *)b;

	if (x->c.id != y->c.id)
		return x->c.id < y->c.id ? -1 : 1;
	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	if (x->about != y->about)
		return x->about < y->about ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * Records the firings v[0..n) (each still owed, unless `checked`): one
 * `escalated` event per case, deadline and level naming everyone, one
 * `notified` event per manual or major escalation mailed.
 */
static int
record(struct fq *fq, struct firing **v, int n, int checked, int *fired)
{
	struct firing **group = arena_alloc(fq->mem, sizeof(*group) *
					    ((size_t)n + 1));
	int i, j, m, rc = 0;

	qsort(v, (size_t)n, sizeof(*v), by_event);
	for (i = 0; i < n && !rc; i = j) {
		for (m = 0, j = i; j < n && !rc && same_event(v[i], v[j]); j++)
			if (checked || still_owed(fq, v[j], &rc))
				group[m++] = v[j];
		if (rc || !m)
			continue;
		rc = event_add_as(fq, group[0]->c.id, "fq", group[0]->k < 0 ?
				  "notified" : "escalated",
				  event_data(fq, group, m));
		*fired += m;
	}
	return rc;
}

/* Records, then folds what was recorded into the memory, and commits. */
static int
record_commit(struct fq *fq, struct firing **v, int n, int checked,
	      int *fired)
{
	int rc;

	if ((rc = record(fq, v, n, checked, fired)) ||
	    (rc = store_escalations_update(fq)) ||
	    (rc = store_commit(fq)))
		store_rollback(fq);
	return rc;
}

/* ---- compose ---- */

/* The address of a staff member: theirs, else their department's. */
static const char *
address_of(struct fq *fq, const char *id)
{
	const struct staff *s = policy_staff(fq->pol, id);

	if (!s)
		return NULL;
	return s->email ? s->email : fq->pol->depts[s->dept].email;
}

/* 1 when a and b are the same mailbox (both NULL: the same "nowhere"). */
static int
same_address(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The message for an address (made when new). */
static struct message *
message_for(struct fq *fq, struct run *r, const char *addr)
{
	struct message *m;
	int i;

	for (i = 0; i < r->nm; i++)
		if (same_address(r->m[i].addr, addr))
			return &r->m[i];
	r->m = arena_grow(fq->mem, r->m, sizeof(*r->m), &r->cap, r->nm + 1);
	m = &r->m[r->nm++];
	memset(m, 0, sizeof(*m));
	m->addr = addr;
	return m;
}

/* Sorts every firing owed into the message of its address. */
static void
by_address(struct fq *fq, struct run *r)
{
	struct message *m;
	int i;

	for (i = 0; i < r->owed.n; i++) {
		m = message_for(fq, r, address_of(fq, r->owed.v[i].to));
		m->v = arena_grow(fq->mem, m->v, sizeof(*m->v), &m->cap,
				  m->n + 1);
		m->v[m->n++] = i;
	}
}

/* How urgent a firing is: a person's escalation, then the level. */
static int
rank(const struct fq *fq, const struct firing *f)
{
	return f->k < 0 ? 100000 : fq->pol->levels[f->level].pct;
}

/* When a firing fell due (a manual or major one: when it was made). */
static time_t
due_of(const struct firing *f)
{
	return f->k < 0 ? f->at : f->c.due[f->k];
}

/* Most urgent first: the highest level, the earliest due, the case. */
static int
by_urgency(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The item of the firings f[0..n), all of one case. */
static struct item
item_of(const struct fq *fq, const struct firing **f, int n)
{
	struct item it = { .id = f[0]->c.id, .rank = -1, .n = n, .f = f };
	int i;

	for (i = 0; i < n; i++)
		if (rank(fq, f[i]) > it.rank ||
		    (rank(fq, f[i]) == it.rank && due_of(f[i]) < it.due)) {
			it.rank = rank(fq, f[i]);
			it.due = due_of(f[i]);
		}
	return it;
}

/* Orders a message's firings by case (then as they came). */
static int
by_case(const void *a, const void *b)
{
	const struct firing *x = *(const struct firing *const *)a;
	const struct firing *y = *(const struct firing *const *)b;

	if (x->c.id != y->c.id)
		return x->c.id < y->c.id ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* The cases of message m, most urgent first, into m->it. */
static void
items_of(struct fq *fq, const struct run *r, struct message *m)
{
	const struct firing **f = arena_alloc(fq->mem, sizeof(*f) *
					      (size_t)m->n);
	int i, start;

	for (i = 0; i < m->n; i++)
		f[i] = &r->owed.v[m->v[i]];
	qsort(f, (size_t)m->n, sizeof(*f), by_case);
	m->it = arena_alloc(fq->mem, sizeof(*m->it) * (size_t)m->n);
	m->nit = 0;
	for (start = 0; start < m->n; start = i) {
		for (i = start; i < m->n && f[i]->c.id == f[start]->c.id; i++)
			;
		m->it[m->nit++] = item_of(fq, f + start, i - start);
	}
	qsort(m->it, (size_t)m->nit, sizeof(*m->it), by_urgency);
}

/*
 * A duration in the language of the message, with at most the two largest
 * units and rounding down as dur_format() does: "1h30m", "1小时30分钟".
 * From fq->mem.
 */
static const char *
dur_words(struct fq *fq, long secs)
{
	/* TRANSLATORS: the units of a duration in a mail: 2d3h, 1h30m, 45s */
	static const char *const units[] = { N_("%ldd"), N_("%ldh"),
					     N_("%ldm"), N_("%lds") };
	static const long size[] = { 86400, 3600, 60, 1 };
	const char *s;
	int i;

	if (secs < 0)
		secs = -secs;
	for (i = 0; i < 3 && secs < size[i]; i++)
		;
	s = arena_printf(fq->mem, _(units[i]), secs / size[i]);
	if (i < 3 && secs % size[i] / size[i + 1] > 0)
		s = arena_printf(fq->mem, "%s%s", s, arena_printf(fq->mem,
				 _(units[i + 1]), secs % size[i] /
				 size[i + 1]));
	return s;
}

/* The command that acts on deadline k of case c, in the message's words. */
static const char *
command_of(struct fq *fq, const struct fq_case *c, int k)
{
	switch (k) {
	case DUE_ACCEPT:
		return arena_printf(fq->mem, _("fq accept %lld"), c->id);
	case DUE_RESOLVE:
		if (c->status && !strcmp(c->status, "replied"))
			return arena_printf(fq->mem, _("fq callback %lld NOTE"),
					    c->id);
		return arena_printf(fq->mem, _("fq reply %lld ANSWER"), c->id);
	default:	/* reply, promise: answer, or promise (again) */
		return arena_printf(fq->mem, _("fq reply %lld ANSWER, or fq "
					       "promise %lld WHEN --note TEXT"),
				    c->id, c->id);
	}
}

/*
 * A ladder firing's lines: "reply 5m late (due ...), level 100%", then
 * the command that acts on it.
 */
static const char *
level_line(struct fq *fq, const struct run *r, const struct firing *f)
{
	long late = (long)(r->now - f->c.due[f->k]);
	const char *what;

	what = arena_printf(fq->mem, late < 0 ?
			    _("%s %s to go (due %s), level %s") :
			    _("%s %s late (due %s), level %s"),
			    fq_word(due_names[f->k]), dur_words(fq, late),
			    time_local(fq->mem, f->c.due[f->k]), f->name);
	return arena_printf(fq->mem, "    %s\n      %s\n", what,
			    arena_printf(fq->mem, _("to act: %s"),
					 command_of(fq, &f->c, f->k)));
}

/* A manual or major escalation's lines: what, when, its note, fq show. */
static const char *
notice_line(struct fq *fq, const struct firing *f)
{
	int major = !strcmp(f->name, "major");
	const char *fmt, *what, *note = "";

	if (f->note)
		fmt = major ? _("a major case, escalated as it was logged "
				"(%s):") : _("escalated by hand (%s):");
	else
		fmt = major ? _("a major case, escalated as it was logged "
				"(%s)") : _("escalated by hand (%s)");
	what = arena_printf(fq->mem, fmt, time_local(fq->mem, f->at));
	if (f->note)
		note = arena_printf(fq->mem, "      %s\n",
				    mail_text(fq->mem, f->note, "      "));
	return arena_printf(fq->mem, "    %s\n%s      %s\n", what, note,
			    arena_printf(fq->mem, _("details: fq show %lld"),
					 f->c.id));
}

/*
 * 1 when firing i of item `it` has its line: a notice unless an earlier
 * one is the same (another recipient at this address), a deadline when
 * no other firing of it is of a higher level (nor an earlier one of the
 * same level): one line per deadline, the highest level fired.
 */
static int
has_line(const struct fq *fq, const struct item *it, int i)
{
	const struct firing *f = it->f[i], *g;
	int j;

	for (j = 0; j < it->n; j++) {
		g = it->f[j];
		if (j == i || g->k != f->k)
			continue;
		if (f->k < 0 ? j < i && same_event(f, g) :
		    rank(fq, g) > rank(fq, f) ||
		    (rank(fq, g) == rank(fq, f) && j < i))
			return 0;
	}
	return 1;
}

/* The lines of one case: who holds it, then each deadline or notice. */
static const char *
item_lines(struct fq *fq, const struct run *r, const struct item *it)
{
	const struct fq_case *c = &it->f[0]->c;
	const char *s;
	int i;

	s = arena_printf(fq->mem, "#%lld %s\n    %s\n", c->id,
			 mail_text(fq->mem, c->summary, NULL),
			 arena_printf(fq->mem, _("owner %s · holder %s"),
				      mail_text(fq->mem, staff_name(fq->pol,
						c->owner), NULL),
				      mail_text(fq->mem, holder_name(fq->mem,
						fq->pol, c->department,
						c->handler), NULL)));
	for (i = 0; i < it->n; i++)
		if (has_line(fq, it, i))
			s = arena_printf(fq->mem, "%s%s", s, it->f[i]->k < 0 ?
					 notice_line(fq, it->f[i]) :
					 level_line(fq, r, it->f[i]));
	return arena_printf(fq->mem, "%s\n", s);
}

/* "and 12 more: run `fq overdue --dept security`" for the rest. */
static const char *
more_line(struct fq *fq, const struct item *it, int n)
{
	const char *dept = it[MAIL_CASES].f[0]->c.department;
	int i;

	for (i = MAIL_CASES; i < n && dept; i++)
		if (strcmp(it[i].f[0]->c.department, dept))
			dept = NULL;
	return arena_printf(fq->mem, "%s\n\n", arena_printf(fq->mem,
			    _("and %d more: run `%s`"), n - MAIL_CASES,
			    arena_printf(fq->mem, "fq overdue%s%s", dept ?
					 " --dept " : "", dept ? dept : "")));
}

/*
 * Who a message greets: the staff it is for, by name, "王强 and 高峰"
 * in the language of the moment.
 */
static const char *
greeting(struct fq *fq, const struct run *r, const struct message *m)
{
	const char *s = NULL, *name;
	int i, j;

	for (i = 0; i < m->n; i++) {
		const char *to = r->owed.v[m->v[i]].to;

		for (j = 0; j < i && strcmp(r->owed.v[m->v[j]].to, to); j++)
			;
		if (j < i)
			continue;
		name = mail_text(fq->mem, staff_name(fq->pol, to), NULL);
		/* TRANSLATORS: joins the names a mail greets */
		s = s ? arena_printf(fq->mem, _("%s and %s"), s, name) : name;
	}
	return s;
}

/*
 * The language of message m: that of the first staff member it greets,
 * else the site's; NULL for the environment's.
 */
static const char *
language_of(const struct fq *fq, const struct run *r,
	    const struct message *m)
{
	const struct staff *s = policy_staff(fq->pol, r->owed.v[m->v[0]].to);

	return s && s->language ? s->language : fq->pol->language;
}

/*
 * The message for m's address, in its reader's language: a block per
 * case, most urgent first, with the total.
 */
static void
compose(struct fq *fq, const struct run *r, struct message *m)
{
	const struct policy *p = fq->pol;
	struct mail mail = { 0 };
	const char *org = mail_text(fq->mem, p->organization, NULL);
	const char *lines = "", *who, *intro;
	struct item *it;
	int i, n;

	items_of(fq, r, m);
	it = m->it;
	n = m->nit;
	i18n_push(language_of(fq, r, m));
	who = greeting(fq, r, m);
	for (i = 0; i < n && i < MAIL_CASES; i++)
		lines = arena_printf(fq->mem, "%s%s", lines,
				     item_lines(fq, r, &it[i]));
	if (n > MAIL_CASES)
		lines = arena_printf(fq->mem, "%s%s", lines,
				     more_line(fq, it, n));
	intro = arena_printf(fq->mem, n == 1 ?
			     _("%d case needs you now (fq overdue, %s), the "
			       "most urgent first:") :
			     _("%d cases need you now (fq overdue, %s), the "
			       "most urgent first:"),
			     n, time_local(fq->mem, r->now));
	mail.body = arena_printf(fq->mem, "%s\n\n%s\n\n%s-- \nfq · %s\n",
				 arena_printf(fq->mem, _("Hello %s,"), who),
				 intro, lines, org);
	mail.subject = arena_printf(fq->mem, n == 1 ?
				    _("[fq] %s: %d case needs you (#%lld %s)") :
				    _("[fq] %s: %d cases need you (#%lld %s)"),
				    org, n, it[0].id,
				    mail_text(fq->mem, it[0].f[0]->c.summary,
					      NULL));
	i18n_pop();
	mail.from = p->mail_from ? p->mail_from : "fq <fq@localhost>";
	mail.to_name = who;
	mail.to_addr = m->addr;
	m->text = mail_format(fq, &mail);
}

/* ---- send ---- */

/* Sends each message with an address; a failure does not stop the rest,
 * a timeout does. */
static int
send_all(struct fq *fq, struct run *r, int timeout)
{
	int i, rc, failed = 0, stopped = 0;

	for (i = 0; i < r->nm && !stopped; i++) {
		if (!r->m[i].addr)
			continue;
		rc = mail_send(fq, r->m[i].text, timeout, &stopped);
		if (rc) {
			fq_warn(fq, "%s", fq->err);
			failed = rc;
		} else {
			r->m[i].sent = 1;
		}
	}
	return failed;
}

/* The firings to record after sending: those sent, and those of nobody's
 * address (with a warning); *n of them. */
static struct firing **
delivered(struct fq *fq, struct run *r, int *n)
{
	struct firing **v = arena_alloc(fq->mem, sizeof(*v) *
					((size_t)r->owed.n + 1));
	const struct message *m;
	int i, j;

	*n = 0;
	for (i = 0; i < r->nm; i++) {
		m = &r->m[i];
		if (!m->addr)
			fq_warn(fq, "%s: no e-mail address, nor one for their "
				"department: recorded without mail",
				greeting(fq, r, m));
		else if (!m->sent)
			continue;
		for (j = 0; j < m->n; j++)
			v[(*n)++] = &r->owed.v[m->v[j]];
	}
	return v;
}

/* ---- what this run sent, for fq overdue --mail to print ---- */

/* What firing f told: "reply 100%", "manual". */
static const char *
notice_of(struct fq *fq, const struct firing *f)
{
	return f->k < 0 ? f->name : arena_printf(fq->mem, "%s %s",
						 due_names[f->k], f->name);
}

/* Adds a line per recipient and case of message m, in its order. */
static void
report_sent(struct fq *fq, const struct message *m,
	    struct notify_result *res)
{
	const struct firing *f;
	struct notify_sent *s;
	int i, j, k, first;

	for (i = 0; i < m->nit; i++) {
		first = res->nsent;
		for (j = 0; j < m->it[i].n; j++) {
			f = m->it[i].f[j];
			for (k = first; k < res->nsent &&
			     strcmp(res->sent[k].to, f->to); k++)
				;
			if (k < res->nsent) {
				s = &res->sent[k];
				s->what = arena_printf(fq->mem, "%s, %s",
						       s->what,
						       notice_of(fq, f));
				continue;
			}
			res->sent = arena_grow(fq->mem, res->sent,
					       sizeof(*res->sent), &res->cap,
					       res->nsent + 1);
			s = &res->sent[res->nsent++];
			s->to = f->to;
			s->address = m->addr;
			s->c = &f->c;
			s->what = notice_of(fq, f);
		}
	}
}

/* ---- the run ---- */

/* Without mail: decide and record in one transaction. */
static int
escalate(struct fq *fq, struct run *r, struct notify_result *res)
{
	struct firing **v;
	int i, rc;

	if ((rc = store_begin(fq)))
		return rc;
	if ((rc = decide(fq, r, 0))) {
		store_rollback(fq);
		return rc;
	}
	v = arena_alloc(fq->mem, sizeof(*v) * ((size_t)r->owed.n + 1));
	for (i = 0; i < r->owed.n; i++)
		v[i] = &r->owed.v[i];
	return record_commit(fq, v, r->owed.n, 1, &res->fired);
}

/* With mail: decide and compose; send; record what went out. */
static int
mail(struct fq *fq, struct run *r, struct notify_result *res, int timeout)
{
	struct firing **v;
	int i, n, rc, failed;

	if ((rc = store_begin(fq)))
		return rc;
	if ((rc = decide(fq, r, 1)) || (rc = store_commit(fq))) {
		store_rollback(fq);
		return rc;
	}
	by_address(fq, r);
	for (i = 0; i < r->nm; i++)
		if (r->m[i].addr)
			compose(fq, r, &r->m[i]);
	failed = send_all(fq, r, timeout);
	v = delivered(fq, r, &n);
	if (n && ((rc = store_begin(fq)) ||
		  (rc = store_escalations_update(fq)) ||
		  (rc = record_commit(fq, v, n, 0, &res->fired)))) {
		store_rollback(fq);
		return rc;
	}
	for (i = 0; i < r->nm; i++)
		if (r->m[i].sent)
			report_sent(fq, &r->m[i], res);
	return failed ? fq_fail(fq, FQ_EBUSY, "some notifications could not "
				"be mailed; they go out on the next run") : 0;
}

int
notify_run(struct fq *fq, int with_mail, struct notify_result *res)
{
	struct run r = { .now = fq_now() };
	int timeout, rc;

	memset(res, 0, sizeof(*res));
	if (with_mail && (rc = mail_timeout(fq, &timeout)))
		return rc;
	if (with_mail && (rc = store_guard(fq, "mail", GUARD_WAIT)))
		return rc != FQ_EBUSY ? rc : fq_fail(fq, FQ_EBUSY, "another "
			"'fq overdue --mail' is still at work after %d s; "
			"what is owed goes out with the next run", GUARD_WAIT);
	/* the history, in short transactions of its own */
	if ((rc = store_escalations_update(fq)))
		return rc;
	return with_mail ? mail(fq, &r, res, timeout) : escalate(fq, &r, res);
}
