/*
 * cases.c - cases on the store, their deadlines and their JSON form.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "clock.h"

const char *const due_names[NDUE] = { "accept", "reply", "resolve", "promise" };

/* c as it is stored now: updated at this moment. */
static struct fq_case
updated(const struct fq_case *c)
{
	struct fq_case row = *c;

	row.updated_at = fq_now();
	return row;
}

int
case_insert(struct fq *fq, struct fq_case *c)
{
	struct fq_case row = updated(c);

	return store_case_insert(fq, &row, case_next_due(c), &c->id);
}

int
case_save(struct fq *fq, const struct fq_case *c)
{
	struct fq_case row = updated(c);

	return store_case_save(fq, &row, case_next_due(c));
}

int
case_get(struct fq *fq, long long id, struct fq_case *c)
{
	return store_case_get(fq, id, c);
}

int
case_by_key(struct fq *fq, const char *key, struct fq_case *c)
{
	int found, rc;

	if ((rc = store_case_by_key(fq, key, c, &found)))
		return -rc;
	return found;
}

int
cases_each(struct fq *fq, const struct case_filter *f,
	   int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	return store_cases_each(fq, f, fn, arg);
}

int
cases_due_before(struct fq *fq, time_t horizon, const char *department,
		 const char *owner,
		 int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	return store_due_before(fq, horizon, department, owner, fn, arg);
}

int
cases_for_handover(struct fq *fq, time_t from, time_t to, time_t due_by,
		   const char *department, const char *members,
		   int (*fn)(struct fq *, struct fq_case *, void *), void *arg)
{
	return store_cases_for_handover(fq, from, to, due_by, department,
					members, fn, arg);
}

int
case_id_parse(struct fq *fq, const char *s, long long *id)
{
	char *end;
	const char *p = s[0] == '#' ? s + 1 : s;

	errno = 0;
	*id = strtoll(p, &end, 10);
	if (!isdigit((unsigned char)*p) || *end || errno || *id <= 0)
		return fq_fail(fq, FQ_EDATA, "'%s' is not a case number "
			       "(use the number 'fq list' shows, e.g. 17)", s);
	return 0;
}

time_t
case_next_due(const struct fq_case *c)
{
	time_t next = 0;
	int k;

	/* A wait with an end is due for attention when it ends. */
	if (c->waiting_since)
		return c->waiting_until;
	for (k = 0; k < NDUE; k++)
		if (c->due[k] && (!next || c->due[k] < next))
			next = c->due[k];
	return next;
}

int
case_late(const struct fq_case *c, int k, time_t now)
{
	return c->due[k] && !c->waiting_since && c->due[k] < now;
}

/* The guest's details as an object. */
static struct val *
guest_json(struct fq *fq, const struct fq_case *c)
{
	struct val *g = v_obj(fq->mem);

	v_set_str(fq->mem, g, "name", c->guest);
	v_set_str(fq->mem, g, "room", c->room);
	v_set_str(fq->mem, g, "phone", c->phone);
	return g;
}

/* The deadlines as an object and the late ones as a list. */
static void
due_json(struct fq *fq, const struct fq_case *c, struct val **due,
	 struct val **late)
{
	time_t now = fq_now();
	int k;

	*due = v_obj(fq->mem);
	*late = v_arr(fq->mem);
	for (k = 0; k < NDUE; k++) {
		v_set_time(fq->mem, *due, due_names[k], c->due[k]);
		if (case_late(c, k, now))
			v_push(fq->mem, *late, v_str(fq->mem, due_names[k]));
	}
}

struct val *
case_json(struct fq *fq, const struct fq_case *c)
{
	struct arena *a = fq->mem;
	struct val *o = v_obj(a), *due, *late;

	due_json(fq, c, &due, &late);
	v_set_int(a, o, "id", c->id);
	v_set_str(a, o, "summary", c->summary);
	v_set_str(a, o, "category", c->category);
	v_set_str(a, o, "department", c->department);
	v_set_str(a, o, "handler", c->handler);
	v_set_str(a, o, "owner", c->owner);
	v_set_str(a, o, "status", c->status);
	v_set(a, o, "major", v_bool(a, c->major));
	v_set(a, o, "waiting", v_bool(a, c->waiting_since != 0));
	v_set(a, o, "guest", guest_json(fq, c));
	v_set_str(a, o, "via", c->via);
	v_set_time(a, o, "created_at", c->created_at);
	v_set(a, o, "due", due);
	v_set(a, o, "late", late);
	v_set_time(a, o, "closed_at", c->closed_at);
	v_set_str(a, o, "details", c->details);
	v_set(a, o, "first_contact", v_bool(a, c->first_contact));
	return o;
}
