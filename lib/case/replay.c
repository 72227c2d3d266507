/*
 * replay.c - a case row from its events alone.
 *
 * Decisions:
 *  - updated_at is the time of the case's last event, but for the
 *    ladder's escalations (actor "fq", kind `escalated`) and `repaired`
 *    events, which do not save the row.
 *  - first_contact (fq log --resolved) is an answer recorded at the
 *    moment of intake, by whoever logged it, with no deadline, then
 *    `closed`: nothing between them but a major case's escalation.
 */
#include <string.h>

#include "deadline.h"
#include "json.h"
#include "replay.h"

void
replay_begin(struct replay *p, long long id)
{
	memset(p, 0, sizeof(*p));
	p->c.id = id;
}

int
replay_complete(const struct replay *p)
{
	return !p->broken && p->seq > 0 && p->logged_by;
}

/* The time at `key` of the event's data (0 when absent or null). */
static time_t
when(const struct val *d, const char *key)
{
	return (time_t)v_get_int(d, key);
}

/* The deadlines named in the data ("reply_due_at" ...); 0 when absent. */
static void
dues(struct fq *fq, struct arena *a, struct fq_case *c, const struct val *d)
{
	int k;

	for (k = 0; k < NDUE; k++)
		c->due[k] = when(d, arena_printf(a, "%s_due_at", due_names[k]));
}

/* Every clock stopped: a case closed or declined. */
static void
stop_all(struct fq_case *c)
{
	int k;

	c->waiting_since = c->waiting_until = 0;
	for (k = 0; k < NDUE; k++)
		c->due[k] = 0;
}

/* `logged`: the whole intake record. */
static void
logged(struct fq *fq, struct arena *a, struct replay *p,
       const struct event_row *e, const struct val *d)
{
	struct fq_case *c = &p->c;
	const struct val *major = v_get(d, "major");

	c->summary = v_get_str(d, "summary");
	c->details = v_get_str(d, "details");
	c->guest = v_get_str(d, "guest_name");
	c->room = v_get_str(d, "room");
	c->phone = v_get_str(d, "phone");
	c->via = v_get_str(d, "via");
	c->category = v_get_str(d, "category");
	c->department = v_get_str(d, "department");
	c->handler = v_get_str(d, "handler");
	c->owner = arena_strdup(a, e->actor);
	c->status = "open";
	c->major = major && major->kind == V_BOOL && major->i;
	c->created_at = (time_t)e->at;
	dues(fq, a, c, d);
	p->logged_by = c->owner;
	p->logged_at = c->created_at;
	p->settle = 1;
}

/* `amended`: *field from changes.NAME.new, when the amendment names it. */
static void
amend(const struct val *d, const char *name, const char **field)
{
	const struct val *ch = v_get(d, "changes"), *f;

	if (!ch || ch->kind != V_OBJ || !(f = v_get(ch, name)) ||
	    f->kind != V_OBJ)
		return;
	*field = v_get_str(f, "new");
}

/* `resumed`: the wait ends, and the deadlines move on by the pause. */
static void
resumed(struct fq *fq, struct fq_case *c, const struct event_row *e,
	const struct val *d)
{
	const struct val *aut = v_get(d, "auto");
	time_t to = aut && aut->kind == V_BOOL && aut->i ? when(d, "until")
							 : (time_t)e->at;

	if (c->waiting_since && to)
		deadlines_pause(fq, c, c->waiting_since, to);
	c->waiting_since = c->waiting_until = 0;
}

/* Tracks fq log --resolved: logged, (major escalation,) replied, closed. */
static void
settle(struct replay *p, const struct event_row *e, const struct val *d)
{
	int at_intake = e->at == p->logged_at && p->logged_by &&
			!strcmp(e->actor, p->logged_by);

	if (!strcmp(e->kind, "logged"))
		return;		/* logged() began it */
	if (!strcmp(e->kind, "escalated") && p->settle == 1 &&
	    v_get_str(d, "level") && !strcmp(v_get_str(d, "level"), "major"))
		return;
	if (!strcmp(e->kind, "replied") && p->settle == 1 && at_intake &&
	    !v_get(d, "deadline")) {
		p->settle = 2;
		return;
	}
	if (!strcmp(e->kind, "closed") && p->settle == 2 && at_intake)
		p->c.first_contact = 1;
	p->settle = 0;
}

/* 1 for a kind that leaves the row as it is (but updated_at). */
static int
known(const char *k)
{
	static const char *const still[] = {
		"followed", "called_back", "escalated", "signed", "repaired",
	};
	size_t i;

	for (i = 0; i < sizeof(still) / sizeof(still[0]); i++)
		if (!strcmp(k, still[i]))
			return 1;
	return 0;
}

/* What one kind of step did to the row (intake.c, lifecycle.c). */
static void
step(struct fq *fq, struct arena *a, struct replay *p,
     const struct event_row *e, const struct val *d)
{
	struct fq_case *c = &p->c;
	const char *k = e->kind;

	if (!strcmp(k, "logged")) {
		logged(fq, a, p, e, d);
	} else if (!strcmp(k, "transferred")) {
		c->department = v_get_str(d, "department");
		c->handler = v_get_str(d, "handler");
		c->due[DUE_ACCEPT] = when(d, "accept_due_at");
	} else if (!strcmp(k, "accepted")) {
		c->handler = v_get_str(d, "handler");
		c->due[DUE_ACCEPT] = 0;
	} else if (!strcmp(k, "replied")) {
		/* `closed` follows, but in a callback category */
		c->status = "replied";
		c->due[DUE_REPLY] = c->due[DUE_PROMISE] = 0;
		c->due[DUE_ACCEPT] = 0;
	} else if (!strcmp(k, "closed")) {
		c->status = "closed";
		c->closed_at = (time_t)e->at;
		stop_all(c);
	} else if (!strcmp(k, "reopened")) {
		c->status = "open";
		c->closed_at = 0;
		dues(fq, a, c, d);
	} else if (!strcmp(k, "declined")) {
		c->status = "declined";
		stop_all(c);
	} else if (!strcmp(k, "waiting")) {
		c->waiting_since = (time_t)e->at;
		c->waiting_until = when(d, "until");
	} else if (!strcmp(k, "resumed")) {
		resumed(fq, c, e, d);
	} else if (!strcmp(k, "amended")) {
		amend(d, "summary", &c->summary);
		amend(d, "details", &c->details);
		amend(d, "guest_name", &c->guest);
		amend(d, "room", &c->room);
		amend(d, "phone", &c->phone);
		amend(d, "via", &c->via);
	} else if (!known(k)) {
		p->broken = 1;
	}
}

/* 1 when the event saved the row (its updated_at). */
static int
saves_row(const struct event_row *e)
{
	if (!strcmp(e->kind, "repaired"))
		return 0;
	return strcmp(e->kind, "escalated") || strcmp(e->actor, "fq");
}

void
replay_event(struct fq *fq, struct arena *a, struct replay *p,
	     const struct event_row *e)
{
	struct val *d;
	char err[128];

	if (p->broken)
		return;
	if (e->seq != p->seq + 1 || !e->kind || !e->actor || !e->data ||
	    (p->seq == 0 && strcmp(e->kind, "logged")) ||
	    json_parse(a, e->data, strlen(e->data), &d, err, sizeof(err)) ||
	    d->kind != V_OBJ) {
		p->broken = 1;
		return;
	}
	p->seq = e->seq;
	step(fq, a, p, e, d);
	settle(p, e, d);
	if (saves_row(e))
		p->c.updated_at = (time_t)e->at;
}
