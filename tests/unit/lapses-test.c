/*
 * lapses-test.c - unit tests of the attribution (lib/case/history.c,
 * holders.c, lapses.c), as a TAP program: histories made in memory from
 * events written by hand, with the shipped hotel policy, and no store.
 *
 *   lapses-test POLICY	(policies/hotel.yaml)
 */
#include <stdio.h>
#include <string.h>

#include "history.h"
#include "holders.h"
#include "lapses.h"

static int tests, failed;

/* One TAP line. */
static void
ok(int pass, const char *what)
{
	tests++;
	if (!pass)
		failed++;
	printf("%s %d - %s\n", pass ? "ok" : "not ok", tests, what);
}

/* 2026-11-27 HH:MM +08:00 as time_t. */
static time_t
at(int hh, int mm)
{
	return (time_t)1795708800 + hh * 3600 + mm * 60;	/* 00:00 +08 */
}

/* An event: kind, at, actor, then key/value pairs (values: times). */
static struct val *
event(struct fq *fq, const char *kind, time_t t, const char *actor)
{
	struct val *e = v_obj(fq->mem);

	v_set_str(fq->mem, e, "kind", kind);
	v_set_time(fq->mem, e, "at", t);
	v_set_str(fq->mem, e, "actor", actor);
	return e;
}

/* The glue of incident-glue.bats, as events. */
static struct val *
glue(struct fq *fq)
{
	struct val *v = v_arr(fq->mem), *e;

	e = event(fq, "logged", at(14, 0), "huang.mei");
	v_set_str(fq->mem, e, "department", "housekeeping");
	v_set_time(fq->mem, e, "accept_due_at", at(14, 1));
	v_set_time(fq->mem, e, "reply_due_at", at(14, 3));
	v_set_time(fq->mem, e, "resolve_due_at", at(14, 10));
	v_push(fq->mem, v, e);
	e = event(fq, "accepted", at(14, 1), "sun.li");
	v_set_str(fq->mem, e, "handler", "sun.li");
	v_push(fq->mem, v, e);
	e = event(fq, "transferred", at(14, 2), "sun.li");
	v_set_str(fq->mem, e, "department", "front_desk");
	v_set_str(fq->mem, e, "from_department", "housekeeping");
	v_set_time(fq->mem, e, "accept_due_at", at(14, 3));
	v_push(fq->mem, v, e);
	e = event(fq, "accepted", at(14, 2), "chen.jing");
	v_set_str(fq->mem, e, "handler", "chen.jing");
	v_push(fq->mem, v, e);
	e = event(fq, "transferred", at(14, 5), "chen.jing");
	v_set_str(fq->mem, e, "department", "duty_manager");
	v_set_time(fq->mem, e, "accept_due_at", at(14, 6));
	v_push(fq->mem, v, e);
	e = event(fq, "accepted", at(14, 6), "zhou.min");
	v_set_str(fq->mem, e, "handler", "zhou.min");
	v_push(fq->mem, v, e);
	e = event(fq, "transferred", at(14, 7), "zhou.min");
	v_set_str(fq->mem, e, "department", "finance");
	v_set_str(fq->mem, e, "handler", "wu.min");
	v_push(fq->mem, v, e);
	e = event(fq, "replied", at(14, 12), "wu.min");
	v_set_time(fq->mem, e, "due", at(14, 3));
	v_set(fq->mem, e, "late", v_bool(fq->mem, 1));
	v_push(fq->mem, v, e);
	v_push(fq->mem, v, event(fq, "closed", at(14, 12), "wu.min"));
	return v;
}

/* The case row the glue ends with. */
static struct fq_case
glue_case(void)
{
	struct fq_case c;

	memset(&c, 0, sizeof(c));
	c.id = 1;
	c.category = "item_request";
	c.department = "finance";
	c.handler = "wu.min";
	c.owner = "huang.mei";
	c.status = "closed";
	c.created_at = at(14, 0);
	return c;
}

/* 1 when lapse l is (person, what, deadline, late, passed). */
static int
is(const struct lapse *l, const char *person, const char *what,
   const char *deadline, long late, int passed)
{
	return ((!person && !l->person) ||
		(person && l->person && !strcmp(person, l->person))) &&
	       !strcmp(what, l->what) && l->deadline &&
	       !strcmp(deadline, l->deadline) && l->late == late &&
	       l->passed == passed;
}

static void
test_glue(struct fq *fq)
{
	struct fq_case c = glue_case();
	struct history h;
	struct lapse *l;
	long used = 0, late = 0;
	int n, i;

	history_of(fq, &c, glue(fq), at(15, 0), &h);
	ok(h.nholds == 7, "the glue has seven spans");
	ok(h.nruns == 5, "and five clock runs: three accepts, reply, resolve");
	for (i = 0; i < h.nholds; i++) {
		const struct hold *s = &h.holds[i];
		int r;

		for (r = 0; r < h.nruns; r++)
			if (h.runs[r].k == DUE_REPLY) {
				used += run_used(&fq->pol->cal, &h.runs[r],
						 s->from, hold_end(&h, s));
				late += run_late(&h.runs[r], s->from,
						 hold_end(&h, s));
			}
	}
	ok(used == 720 && late == 540, "the reply's 12 min, 9 late, split");
	lapses_of(fq, &h, &l, &n);
	ok(n == 6, "six lapses");
	ok(n == 6 && is(&l[0], "chen.jing", "late_holding", "reply", 120, 1),
	   "the reply passed with 陈静: 2 min");
	ok(n == 6 && is(&l[1], "huang.mei", "owner_no_follow_up", "reply",
			540, 0), "the owner never followed up: 9 min");
	ok(n == 6 && is(&l[2], NULL, "late_holding", "reply", 60, 0) &&
	   !strcmp(l[2].dept, "duty_manager"),
	   "大堂副理 unaccepted, the deadline already past: 1 min");
	ok(n == 6 && is(&l[4], "wu.min", "late_holding", "reply", 300, 0),
	   "吴敏: the 5 min she held it, not 12");
	ok(n == 6 && is(&l[5], "wu.min", "late_holding", "resolve", 120, 1),
	   "the resolve deadline passed with 吴敏: 2 min");
	ok(held_late(fq, &h, at(14, 2), at(14, 5)) == 120,
	   "the front desk held it late for 2 min");
}

static void
test_promise_and_wait(struct fq *fq)
{
	struct val *v = v_arr(fq->mem), *e;
	struct fq_case c = glue_case();
	struct history h;
	struct lapse *l;
	int n;

	c.category = "lost_property";
	c.department = "security";
	c.handler = "wang.qiang";
	c.owner = "wang.qiang";
	c.status = "replied";
	e = event(fq, "logged", at(3, 0), "wang.qiang");
	v_set_str(fq->mem, e, "department", "security");
	v_set_str(fq->mem, e, "handler", "wang.qiang");
	v_set_time(fq->mem, e, "reply_due_at", at(3, 30));
	v_set_time(fq->mem, e, "resolve_due_at", at(3, 0) + 86400);
	v_set_time(fq->mem, e, "promise_due_at", at(4, 0));
	v_push(fq->mem, v, e);
	e = event(fq, "waiting", at(3, 10), "wang.qiang");
	v_set_time(fq->mem, e, "until", at(3, 40));
	v_push(fq->mem, v, e);
	e = event(fq, "replied", at(4, 45), "wang.qiang");
	v_push(fq->mem, v, e);
	history_of(fq, &c, v, at(5, 0), &h);
	ok(h.nruns == 3 && h.runs[0].k == DUE_REPLY &&
	   h.runs[0].end == at(3, 0) && !strcmp(h.runs[0].ended_by,
						 "promised"),
	   "a promise at logging meets the reply clock at once");
	ok(h.npauses == 1 && h.pauses[0].to == at(3, 40) &&
	   h.pauses[0].auto_end, "the wait ends at its --until, unrecorded");
	ok(h.runs[2].k == DUE_PROMISE && h.runs[2].due == at(4, 30),
	   "the wait moves the promise by its 30 min");
	lapses_of(fq, &h, &l, &n);
	ok(n == 1 && is(&l[0], "wang.qiang", "promise_broken", "promise", 900,
			1), "broken by 15 min, waits left out");
}

int
main(int argc, char **argv)
{
	struct fq fq;

	memset(&fq, 0, sizeof(fq));
	fq.cmd = "test";
	fq.mem = arena_new();
	if (argc != 2 || policy_load(&fq, argv[1], &fq.pol)) {
		fprintf(stderr, "usage: lapses-test POLICY (%s)\n",
			fq.err ? fq.err : "");
		return 2;
	}
	test_glue(&fq);
	test_promise_and_wait(&fq);
	printf("1..%d\n", tests);
	policy_free(fq.pol);
	arena_free(fq.mem);
	return failed != 0;
}
