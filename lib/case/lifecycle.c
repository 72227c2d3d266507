/*
 * lifecycle.c - the steps of a case after intake: the state machine of
 * fq-lifecycle(7).
 *
 *   open --reply--> replied --callback--> closed    (callback categories)
 *   open --reply--> closed                          (the others)
 *   open --decline--> declined --sign--> closed
 *   closed --reopen / callback --unsatisfied--> open
 *
 * Waiting (fq wait / fq resume) is a flag on an open or replied case.
 */
#include <string.h>

#include "answers.h"
#include "clock.h"
#include "deadline.h"
#include "events.h"
#include "lifecycle.h"
#include "names.h"
#include "roles.h"
#include "route.h"
#include "store.h"
#include "text.h"

/* The states a step accepts. */
enum {
	S_OPEN = 1,
	S_REPLIED = 2,
	S_CLOSED = 4,
	S_DECLINED = 8,
	S_ANY = 15,
};

/* The state bit of a case. */
static int
state_bit(const struct fq_case *c)
{
	if (!strcmp(c->status, "open"))
		return S_OPEN;
	if (!strcmp(c->status, "replied"))
		return S_REPLIED;
	if (!strcmp(c->status, "closed"))
		return S_CLOSED;
	return S_DECLINED;
}

/* Fails unless the case's state is one of `ok`, saying what would help. */
static int
need_state(struct fq *fq, const struct fq_case *c, int ok, const char *step)
{
	int s = state_bit(c);

	if (s & ok)
		return 0;
	switch (s) {
	case S_CLOSED:
		if (!strcmp(step, "sign"))
			return fq_fail(fq, FQ_EDATA, "case #%lld is closed; no "
				       "refusal waits to be signed", c->id);
		return fq_fail(fq, FQ_EDATA, "case #%lld is closed; use 'fq "
			       "reopen' first", c->id);
	case S_DECLINED:
		return fq_fail(fq, FQ_EDATA, "case #%lld is declined and waits "
			       "for a supervisor's 'fq sign'", c->id);
	case S_REPLIED:
		return fq_fail(fq, FQ_EDATA, "case #%lld is replied and waits "
			       "for the owner's 'fq callback'", c->id);
	default:
		return fq_fail(fq, FQ_EDATA, "case #%lld is open; %s", c->id,
			       !strcmp(step, "callback") ?
			       "answer it with 'fq reply' first" :
			       !strcmp(step, "sign") ?
			       "only a refusal ('fq decline') is signed off" :
			       "there is nothing to reopen");
	}
}

/* Checks a note-like text. */
static int
check_note(struct fq *fq, const char *what, const char *s)
{
	return text_check(fq, what, s, MAX_NOTE, TEXT_MULTILINE);
}

/* A fresh event data object with "text" set (when not NULL). */
static struct val *
with_text(struct fq *fq, const char *text)
{
	struct val *d = v_obj(fq->mem);

	if (text)
		v_set_str(fq->mem, d, "text", text);
	return d;
}

/* Ends a wait as of `at` (clocks move on by the pause). */
static void
end_wait(struct fq *fq, struct fq_case *c, time_t at)
{
	deadlines_pause(fq, c, c->waiting_since, at);
	c->waiting_since = 0;
	c->waiting_until = 0;
}

/* Ends a wait because of a step (reply, decline), on the record. */
static int
stop_waiting(struct fq *fq, struct fq_case *c, const char *step)
{
	struct val *d = v_obj(fq->mem);

	if (!c->waiting_since)
		return 0;
	v_set_int(fq->mem, d, "since", (long long)c->waiting_since);
	v_set_int(fq->mem, d, "seconds",
		  (long long)(fq_now() - c->waiting_since));
	v_set_str(fq->mem, d, "text", arena_printf(fq->mem, "ended by %s",
						   step));
	end_wait(fq, c, fq_now());
	return event_add(fq, c->id, "resumed", d);
}

/*
 * Stops every clock and marks the case closed, with a `closed` event
 * that says whether it was closed by its resolve deadline (限时办结).
 */
static int
close_case(struct fq *fq, struct fq_case *c)
{
	struct val *d = v_obj(fq->mem);
	int k;

	if (c->waiting_since)
		end_wait(fq, c, fq_now());
	if (c->due[DUE_RESOLVE]) {
		v_set_str(fq->mem, d, "deadline", "resolve");
		v_set_int(fq->mem, d, "due", (long long)c->due[DUE_RESOLVE]);
		v_set(fq->mem, d, "late", v_bool(fq->mem,
			fq_now() > c->due[DUE_RESOLVE]));
	}
	c->status = "closed";
	c->closed_at = fq_now();
	c->waiting_since = c->waiting_until = 0;
	for (k = 0; k < NDUE; k++)
		c->due[k] = 0;
	return event_add(fq, c->id, "closed", d);
}

/* Adds the running deadlines to an event's data ("reply_due_at" ...). */
static void
dues_data(struct fq *fq, struct val *d, const struct fq_case *c)
{
	int k;

	for (k = 0; k < NDUE; k++)
		if (c->due[k])
			v_set_int(fq->mem, d, arena_printf(fq->mem, "%s_due_at",
							   due_names[k]),
				  (long long)c->due[k]);
}

/* Opens the case again: the reply and resolve clocks start anew. */
static void
open_again(struct fq *fq, struct fq_case *c)
{
	unsigned clocks = DUE_BIT(DUE_REPLY) | DUE_BIT(DUE_RESOLVE);

	if (!c->handler)
		clocks |= DUE_BIT(DUE_ACCEPT);
	c->status = "open";
	c->closed_at = 0;
	c->due[DUE_PROMISE] = 0;
	deadlines_start(fq, c, clocks, fq_now());
}

int
case_catch_up(struct fq *fq, struct fq_case *c)
{
	time_t until = c->waiting_until;

	if (!c->waiting_since || !until || until > fq_now())
		return 0;
	end_wait(fq, c, until);
	c->resumed_auto = 1;
	return 1;
}

int
case_lookup(struct fq *fq, const char *arg, struct fq_case *c)
{
	long long id;
	struct val *d;
	time_t until;
	int rc;

	if ((rc = case_id_parse(fq, arg, &id)) || (rc = case_get(fq, id, c)))
		return rc;
	until = c->waiting_until;
	if (!case_catch_up(fq, c) || !store_writing(fq))
		return 0;	/* a reading command: in memory only */
	d = v_obj(fq->mem);
	v_set_int(fq->mem, d, "until", (long long)until);
	v_set(fq->mem, d, "auto", v_bool(fq->mem, 1));
	if ((rc = event_add_as(fq, c->id, "fq", "resumed", d)))
		return rc;
	return case_save(fq, c);
}

/* Where a transfer goes: the named department, else the routed one. */
static int
transfer_target(struct fq *fq, const struct fq_case *c, const char *dept,
		int *d)
{
	const char *kw;
	int cat, rc;

	if (dept) {
		if ((*d = policy_dept_find(fq->pol, dept)) < 0)
			return fq_fail(fq, FQ_EDATA, "no department '%s' in the "
				       "policy (see 'fq policy show')", dept);
		return 0;
	}
	if ((rc = route_request(fq, NULL, c->summary, c->details, &cat, &kw)))
		return rc;
	*d = fq->pol->cats[cat].dept;
	return 0;
}

int
case_transfer(struct fq *fq, struct fq_case *c, const char *dept,
	      const char *to, const char *note)
{
	const struct policy *p = fq->pol;
	struct val *d;
	int target, rc;

	if ((rc = need_state(fq, c, S_OPEN, "transfer")) ||
	    (rc = may_handle(fq, c, "transfer")) ||
	    (rc = check_note(fq, "--note", note)) ||
	    (rc = transfer_target(fq, c, dept, &target)))
		return rc;
	if (!strcmp(p->depts[target].id, c->department) &&
	    (!to || (c->handler && !strcmp(to, c->handler))))
		return fq_fail(fq, FQ_EDATA, "%s holds #%lld already; name "
			       "another department, or a colleague with --to",
			       p->depts[target].name, c->id);
	if (note && !*note)
		note = NULL;
	if (to && (rc = may_hand_to(fq, to, p->depts[target].id)))
		return rc;
	d = with_text(fq, note);
	v_set_str(fq->mem, d, "from_department", c->department);
	v_set_str(fq->mem, d, "from_handler", c->handler);
	c->department = p->depts[target].id;
	c->handler = to ? policy_staff(p, to)->id : NULL;
	c->due[DUE_ACCEPT] = 0;
	if (!to)
		deadlines_start(fq, c, DUE_BIT(DUE_ACCEPT), fq_now());
	v_set_str(fq->mem, d, "department", c->department);
	v_set_str(fq->mem, d, "handler", c->handler);
	if (c->due[DUE_ACCEPT])
		v_set_int(fq->mem, d, "accept_due_at", (long long)c->due[DUE_ACCEPT]);
	if ((rc = event_add(fq, c->id, "transferred", d)))
		return rc;
	return case_save(fq, c);
}

int
case_accept(struct fq *fq, struct fq_case *c, const char *handler)
{
	const char *h = handler ? handler : fq->me->id;
	struct val *d;
	int rc;

	if ((rc = need_state(fq, c, S_OPEN | S_REPLIED, "accept")) ||
	    (rc = may_accept(fq, c, h)))
		return rc;
	if (c->handler && !strcmp(c->handler, h))
		return fq_fail(fq, FQ_EDATA, "#%lld is with %s already",
			       c->id, staff_name(fq->pol, h));
	d = v_obj(fq->mem);
	v_set_str(fq->mem, d, "department", c->department);
	v_set_str(fq->mem, d, "handler", h);
	v_set_str(fq->mem, d, "from_handler", c->handler);
	if (c->due[DUE_ACCEPT])
		v_set_int(fq->mem, d, "due", (long long)c->due[DUE_ACCEPT]);
	c->handler = policy_staff(fq->pol, h)->id;
	c->due[DUE_ACCEPT] = 0;
	if ((rc = event_add(fq, c->id, "accepted", d)))
		return rc;
	return case_save(fq, c);
}

int
case_follow(struct fq *fq, struct fq_case *c, const char *note)
{
	int rc;

	if ((rc = text_check(fq, "NOTE", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)) ||
	    (rc = event_add(fq, c->id, "followed", with_text(fq, note))))
		return rc;
	return case_save(fq, c);
}

/* The category of a case in the policy (NULL if the policy lost it). */
static const struct category *
category_of(struct fq *fq, const struct fq_case *c)
{
	int k = policy_category(fq->pol, c->category);

	return k >= 0 ? &fq->pol->cats[k] : NULL;
}

/* Refuses an answer with a forbidden phrase, unless forced. */
static int
check_answer(struct fq *fq, const char *answer, int force)
{
	const char *bad = forbidden_phrase(fq->pol, answer);

	if (bad && !force)
		return fq_fail(fq, FQ_EDATA, "'%s' is a forbidden answer in "
			       "this policy; say what you will do and by when "
			       "instead (or --force, which is recorded)", bad);
	return 0;
}

/* The `replied` event: the answer, how, and whether it was on time. */
static struct val *
replied_data(struct fq *fq, const struct fq_case *c, const char *answer,
	     const char *by, int force)
{
	struct val *d = with_text(fq, answer);
	time_t due = c->due[DUE_PROMISE] ? c->due[DUE_PROMISE]
					 : c->due[DUE_REPLY];

	v_set_str(fq->mem, d, "by", by);
	if (due) {
		v_set_str(fq->mem, d, "deadline", c->due[DUE_PROMISE] ?
			  "promise" : "reply");
		v_set_int(fq->mem, d, "due", (long long)due);
		v_set(fq->mem, d, "late", v_bool(fq->mem, fq_now() > due));
	}
	if (force)
		v_set(fq->mem, d, "forced", v_bool(fq->mem, 1));
	if (force && forbidden_phrase(fq->pol, answer))
		v_set_str(fq->mem, d, "forbidden",
			  forbidden_phrase(fq->pol, answer));
	return d;
}

int
case_reply(struct fq *fq, struct fq_case *c, const char *answer,
	   const char *by, int force)
{
	const struct category *cat = category_of(fq, c);
	int rc;

	if ((rc = need_state(fq, c, S_OPEN, "reply")) ||
	    (rc = may_handle(fq, c, "reply")) ||
	    (rc = text_check(fq, "ANSWER", answer, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)) ||
	    (rc = check_answer(fq, answer, force)))
		return rc;
	if ((rc = stop_waiting(fq, c, "the reply")) ||
	    (rc = event_add(fq, c->id, "replied",
			    replied_data(fq, c, answer, by, force))))
		return rc;
	c->due[DUE_REPLY] = c->due[DUE_PROMISE] = c->due[DUE_ACCEPT] = 0;
	if (cat && cat->callback)
		c->status = "replied";
	else if ((rc = close_case(fq, c)))
		return rc;
	return case_save(fq, c);
}

int
case_callback(struct fq *fq, struct fq_case *c, const char *note,
	      int unsatisfied)
{
	struct val *d = with_text(fq, note);
	int was_closed = !strcmp(c->status, "closed"), rc;

	if ((rc = need_state(fq, c, S_REPLIED | S_CLOSED, "callback")) ||
	    (rc = may_answer_for(fq, c, "call back on")) ||
	    (rc = text_check(fq, "NOTE", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	v_set(fq->mem, d, "satisfied", v_bool(fq->mem, !unsatisfied));
	if ((rc = event_add(fq, c->id, "called_back", d)))
		return rc;
	if (unsatisfied) {
		open_again(fq, c);
		d = with_text(fq, "the guest is not satisfied");
		dues_data(fq, d, c);
		if ((rc = event_add(fq, c->id, "reopened", d)))
			return rc;
	} else if (!was_closed && (rc = close_case(fq, c))) {
		return rc;
	}
	return case_save(fq, c);
}

/* Who an escalation goes to: --to, else the department's supervisors. */
static struct val *
escalation_targets(struct fq *fq, const struct fq_case *c, const char *to)
{
	struct val *v = v_arr(fq->mem);
	const struct staff **s;

	if (to) {
		v_push(fq->mem, v, v_str(fq->mem, to));
		return v;
	}
	for (s = supervisors_of(fq, c->department); *s; s++)
		v_push(fq->mem, v, v_str(fq->mem, (*s)->id));
	return v;
}

int
case_escalate(struct fq *fq, struct fq_case *c, const char *to,
	      const char *note)
{
	struct val *d;
	int rc;

	if ((rc = need_state(fq, c, S_OPEN | S_REPLIED | S_DECLINED,
			     "escalate")) ||
	    (rc = text_check(fq, "NOTE", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	if (to && !policy_staff(fq->pol, to))
		return fq_fail(fq, FQ_EDATA, "--to: '%s' is not staff in the "
			       "policy", to);
	d = with_text(fq, note);
	v_set(fq->mem, d, "to", escalation_targets(fq, c, to));
	v_set_str(fq->mem, d, "level", "manual");
	if ((rc = event_add(fq, c->id, "escalated", d)))
		return rc;
	return case_save(fq, c);
}

int
case_escalate_major(struct fq *fq, struct fq_case *c)
{
	struct val *d = with_text(fq, "major case: escalated as it was logged");

	v_set(fq->mem, d, "to", escalation_targets(fq, c, NULL));
	v_set_str(fq->mem, d, "level", "major");
	return event_add(fq, c->id, "escalated", d);
}

int
case_decline(struct fq *fq, struct fq_case *c, const char *reason)
{
	struct val *d = v_obj(fq->mem);
	int k, rc;

	if ((rc = need_state(fq, c, S_OPEN, "decline")) ||
	    (rc = may_handle(fq, c, "decline")) ||
	    (rc = text_check(fq, "--reason", reason, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	v_set_str(fq->mem, d, "reason", reason);
	if ((rc = stop_waiting(fq, c, "the refusal")) ||
	    (rc = event_add(fq, c->id, "declined", d)))
		return rc;
	c->status = "declined";
	c->waiting_since = c->waiting_until = 0;
	for (k = 0; k < NDUE; k++)
		c->due[k] = 0;
	return case_save(fq, c);
}

/* The reason of the case's last `declined` event. */
static const char *
decline_reason(struct fq *fq, const struct fq_case *c)
{
	const char *r = NULL;

	store_decline_reason(fq, c->id, &r);
	return r;
}

int
case_sign(struct fq *fq, struct fq_case *c)
{
	struct val *d = v_obj(fq->mem);
	int rc;

	if ((rc = need_state(fq, c, S_DECLINED, "sign")) ||
	    (rc = may_sign(fq, c)))
		return rc;
	v_set_str(fq->mem, d, "reason", decline_reason(fq, c));
	if ((rc = event_add(fq, c->id, "signed", d)) ||
	    (rc = close_case(fq, c)))
		return rc;
	return case_save(fq, c);
}

int
case_reopen(struct fq *fq, struct fq_case *c, const char *note)
{
	struct val *d;
	int rc;

	if ((rc = need_state(fq, c, S_CLOSED, "reopen")) ||
	    (rc = may_answer_for(fq, c, "reopen")) ||
	    (rc = text_check(fq, "NOTE", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	open_again(fq, c);
	d = with_text(fq, note);
	dues_data(fq, d, c);
	if ((rc = event_add(fq, c->id, "reopened", d)))
		return rc;
	return case_save(fq, c);
}

int
case_wait(struct fq *fq, struct fq_case *c, const char *reason, time_t until)
{
	struct val *d = v_obj(fq->mem);
	int rc;

	if ((rc = need_state(fq, c, S_OPEN | S_REPLIED, "wait")) ||
	    (rc = may_handle(fq, c, "stop the clocks of")) ||
	    (rc = text_check(fq, "--reason", reason, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	if (c->waiting_since)
		return fq_fail(fq, FQ_EDATA, "#%lld is waiting already (since "
			       "%s); 'fq resume' it first", c->id,
			       time_local(fq->mem, c->waiting_since));
	if (until && until <= fq_now())
		return fq_fail(fq, FQ_EDATA, "--until is not in the future");
	v_set_str(fq->mem, d, "reason", reason);
	if (until)
		v_set_int(fq->mem, d, "until", (long long)until);
	if ((rc = event_add(fq, c->id, "waiting", d)))
		return rc;
	c->waiting_since = fq_now();
	c->waiting_until = until;
	return case_save(fq, c);
}

int
case_resume(struct fq *fq, struct fq_case *c)
{
	struct val *d = v_obj(fq->mem);
	int rc;

	if ((rc = need_state(fq, c, S_OPEN | S_REPLIED, "resume")) ||
	    (rc = may_handle(fq, c, "resume")))
		return rc;
	if (c->resumed_auto)
		return fq_fail(fq, FQ_EDATA, "#%lld is not waiting: its wait "
			       "ended by itself (--until)", c->id);
	if (!c->waiting_since)
		return fq_fail(fq, FQ_EDATA, "#%lld is not waiting", c->id);
	v_set_int(fq->mem, d, "since", (long long)c->waiting_since);
	v_set_int(fq->mem, d, "seconds", (long long)(fq_now() - c->waiting_since));
	end_wait(fq, c, fq_now());
	if ((rc = event_add(fq, c->id, "resumed", d)))
		return rc;
	return case_save(fq, c);
}

/* Records one corrected field as {old, new} and sets it. */
static void
amend_field(struct fq *fq, struct val *changes, const char *name,
	    const char **field, const char *value)
{
	struct val *ch;

	if (!value)
		return;
	if (!*value)
		value = NULL;	/* "" clears an optional field */
	if (value == *field || (value && *field && !strcmp(value, *field)))
		return;		/* unchanged */
	ch = v_obj(fq->mem);
	v_set_str(fq->mem, ch, "old", *field);
	v_set_str(fq->mem, ch, "new", value);
	v_set(fq->mem, changes, name, ch);
	*field = value;
}

/* Checks the corrected values as fq log checks them. */
static int
amend_check(struct fq *fq, const struct amendment *a)
{
	int rc;

	if (a->summary && !*a->summary)
		return fq_fail(fq, FQ_EDATA, "--summary may not be empty");
	if ((rc = text_check(fq, "--summary", a->summary, MAX_SUMMARY,
			     a->summary ? TEXT_REQUIRED : 0)) ||
	    (rc = text_check(fq, "--details", a->details, MAX_DETAILS,
			     TEXT_MULTILINE)) ||
	    (rc = text_check(fq, "--guest", a->guest, MAX_NAME, 0)) ||
	    (rc = text_check(fq, "--room", a->room, MAX_SHORT, 0)) ||
	    (rc = text_check(fq, "--phone", a->phone, MAX_SHORT, 0)))
		return rc;
	if (a->via && strcmp(a->via, "desk") && strcmp(a->via, "phone") &&
	    strcmp(a->via, "online") && strcmp(a->via, "letter") &&
	    strcmp(a->via, "other"))
		return fq_fail(fq, FQ_EDATA, "--via takes desk, phone, online, "
			       "letter or other, not '%s'", a->via);
	return 0;
}

int
case_amend(struct fq *fq, struct fq_case *c, const struct amendment *a,
	   const char *note)
{
	struct val *changes = v_obj(fq->mem), *d;
	int rc;

	if ((rc = may_handle(fq, c, "amend")) || (rc = amend_check(fq, a)) ||
	    (rc = text_check(fq, "--note", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	amend_field(fq, changes, "summary", &c->summary, a->summary);
	amend_field(fq, changes, "details", &c->details, a->details);
	amend_field(fq, changes, "guest_name", &c->guest, a->guest);
	amend_field(fq, changes, "room", &c->room, a->room);
	amend_field(fq, changes, "phone", &c->phone, a->phone);
	amend_field(fq, changes, "via", &c->via, a->via);
	if (changes->n == 0)
		return fq_fail(fq, FQ_EUSAGE, "nothing to amend (use --summary, "
			       "--details, --guest, --room, --phone or --via)");
	d = with_text(fq, note);
	v_set(fq->mem, d, "changes", changes);
	if ((rc = event_add(fq, c->id, "amended", d)))
		return rc;
	return case_save(fq, c);
}
