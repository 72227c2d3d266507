/*
 * intake.c - fq log: a new case, routed, with its clocks started.
 */
#include <string.h>

#include "answers.h"
#include "clock.h"
#include "deadline.h"
#include "events.h"
#include "intake.h"
#include "lifecycle.h"
#include "policy.h"
#include "promise.h"
#include "route.h"
#include "text.h"

static const char *const vias[] = { "desk", "phone", "online", "letter",
				    "other" };

/* Checks every field of an intake. */
static int
intake_check(struct fq *fq, const struct intake *in)
{
	size_t i;
	int rc;

	if (!in->summary || !*in->summary)
		return fq_fail(fq, FQ_EDATA, "the summary is empty; say what "
			       "the guest asked");
	if ((rc = text_check(fq, "the summary", in->summary, MAX_SUMMARY,
			     TEXT_REQUIRED)) ||
	    (rc = text_check(fq, "--details", in->details, MAX_DETAILS,
			     TEXT_MULTILINE)) ||
	    (rc = text_check(fq, "--guest", in->guest, MAX_NAME, 0)) ||
	    (rc = text_check(fq, "--room", in->room, MAX_SHORT, 0)) ||
	    (rc = text_check(fq, "--phone", in->phone, MAX_SHORT, 0)) ||
	    (rc = text_check(fq, "--key", in->key, MAX_NAME, 0)) ||
	    (in->resolved && (rc = text_check(fq, "--resolved", in->resolved,
			     MAX_NOTE, TEXT_REQUIRED | TEXT_MULTILINE))))
		return rc;
	if (in->promise && in->promise <= fq_now())
		return fq_fail(fq, FQ_EDATA, "the promise (%s) is already "
			       "past; promise the guest a time still to come",
			       time_local(fq->mem, in->promise));
	for (i = 0; i < sizeof(vias) / sizeof(vias[0]); i++)
		if (!strcmp(in->via, vias[i]))
			return 0;
	return fq_fail(fq, FQ_EDATA, "--via takes desk, phone, online, letter "
		       "or other, not '%s'", in->via);
}

/* The case an intake describes, routed, with its clocks started. */
static int
intake_case(struct fq *fq, const struct intake *in, struct fq_case *c,
	    const char **keyword)
{
	const struct policy *p = fq->pol;
	const struct category *cat;
	unsigned clocks = DUE_BIT(DUE_REPLY) | DUE_BIT(DUE_RESOLVE);
	int k, rc;

	if ((rc = route_request(fq, in->category, in->summary, in->details,
				&k, keyword)))
		return rc;
	cat = &p->cats[k];
	memset(c, 0, sizeof(*c));
	c->summary = in->summary;
	c->details = in->details;
	c->guest = in->guest;
	c->room = in->room;
	c->phone = in->phone;
	c->via = in->via;
	c->category = cat->id;
	c->department = p->depts[cat->dept].id;
	c->owner = fq->me->id;
	c->status = "open";
	c->major = in->major || cat->major;
	c->request_key = in->key;
	c->created_at = fq_now();
	/* Routed to the owner's own department, or settled at once by the
	 * owner (--resolved): the owner handles it, in their department. */
	if (cat->dept == fq->me->dept || in->resolved) {
		c->department = p->depts[fq->me->dept].id;
		c->handler = fq->me->id;
	} else {
		clocks |= DUE_BIT(DUE_ACCEPT);
	}
	deadlines_start(fq, c, clocks, c->created_at);
	c->due[DUE_PROMISE] = in->promise;
	return 0;
}

/* The `logged` event: the whole intake record and where it went. */
static struct val *
logged_data(struct fq *fq, const struct fq_case *c, const char *keyword)
{
	struct arena *a = fq->mem;
	struct val *d = v_obj(a);
	int k;

	v_set_str(a, d, "summary", c->summary);
	v_set_str(a, d, "details", c->details);
	v_set_str(a, d, "guest_name", c->guest);
	v_set_str(a, d, "room", c->room);
	v_set_str(a, d, "phone", c->phone);
	v_set_str(a, d, "via", c->via);
	v_set_str(a, d, "category", c->category);
	v_set_str(a, d, "keyword", keyword);
	v_set_str(a, d, "department", c->department);
	v_set_str(a, d, "handler", c->handler);
	v_set(a, d, "major", v_bool(a, c->major));
	for (k = 0; k < NDUE; k++)
		if (c->due[k])
			v_set_int(a, d, arena_printf(a, "%s_due_at",
						     due_names[k]),
				  (long long)c->due[k]);
	return d;
}

/* The `closed` event of a case settled at once: on time, if timed. */
static struct val *
closed_at_once(struct fq *fq, const struct fq_case *c)
{
	struct val *d = v_obj(fq->mem);

	if (c->due[DUE_RESOLVE]) {
		v_set_str(fq->mem, d, "deadline", "resolve");
		v_set_int(fq->mem, d, "due", (long long)c->due[DUE_RESOLVE]);
		v_set(fq->mem, d, "late", v_bool(fq->mem, 0));
	}
	return d;
}

/* Answers and closes a case at intake (fq log --resolved). */
static int
settle_at_once(struct fq *fq, struct fq_case *c, const char *answer)
{
	struct val *d = v_obj(fq->mem);
	const char *bad = forbidden_phrase(fq->pol, answer);
	int k, rc;

	if (bad)
		return fq_fail(fq, FQ_EDATA, "'%s' is a forbidden answer in "
			       "this policy; say what you did for the guest",
			       bad);
	v_set_str(fq->mem, d, "text", answer);
	v_set_str(fq->mem, d, "by", reply_by_default(c->via));
	if ((rc = event_add(fq, c->id, "replied", d)) ||
	    (rc = event_add(fq, c->id, "closed", closed_at_once(fq, c))))
		return rc;
	c->status = "closed";
	c->closed_at = fq_now();
	c->first_contact = 1;
	for (k = 0; k < NDUE; k++)
		c->due[k] = 0;
	return case_save(fq, c);
}

int
case_log(struct fq *fq, const struct intake *in, struct fq_case *c,
	 int *dup)
{
	const char *keyword;
	struct val *data;
	time_t reply;
	int rc;

	*dup = 0;
	if ((rc = intake_check(fq, in)))
		return rc;
	if (in->key && (rc = case_by_key(fq, in->key, c)) != 0) {
		if (rc < 0)
			return -rc;
		*dup = 1;
		return 0;
	}
	if ((rc = intake_case(fq, in, c, &keyword)))
		return rc;
	data = logged_data(fq, c, keyword);
	reply = c->due[DUE_REPLY];
	if (c->due[DUE_PROMISE])
		c->due[DUE_REPLY] = 0;	/* met by the promise (promise.h) */
	if ((rc = case_insert(fq, c)) ||
	    (rc = event_add(fq, c->id, "logged", data)))
		return rc;
	promise_warn(fq, c, reply);
	deadline_warn_years(fq, c);
	if (c->major && (rc = case_escalate_major(fq, c)))
		return rc;
	if (in->resolved)
		return settle_at_once(fq, c, in->resolved);
	return 0;
}
