/*
 * explain.c - how each deadline of a case was derived.
 */
#include <string.h>

#include "calendar.h"
#include "deadline.h"
#include "explain.h"
#include "policy.h"

/* The event that started deadline k's clock (the last one before now). */
static const struct val *
clock_event(const struct val *events, int k)
{
	const struct val *found = NULL;
	int i;

	for (i = 0; i < events->n; i++) {
		const char *kind = v_get_str(events->items[i], "kind");

		if (!strcmp(kind, "logged") || !strcmp(kind, "reopened") ||
		    (k == DUE_ACCEPT && !strcmp(kind, "transferred")))
			found = events->items[i];
	}
	return found;
}

/* The waiting spans after `start`, as {from, to, reason}. */
static struct val *
pauses_after(struct fq *fq, const struct val *events, time_t start)
{
	struct val *v = v_arr(fq->mem), *p = NULL;
	int i;

	for (i = 0; i < events->n; i++) {
		const struct val *e = events->items[i];
		const char *kind = v_get_str(e, "kind");
		time_t at = (time_t)v_get_int(e, "at");

		if (!strcmp(kind, "waiting") && at >= start) {
			p = v_obj(fq->mem);
			v_set_time(fq->mem, p, "from", at);
			v_set(fq->mem, p, "to", v_null(fq->mem));
			v_set_str(fq->mem, p, "reason", v_get_str(e, "reason"));
			v_push(fq->mem, v, p);
		} else if (!strcmp(kind, "resumed") && p) {
			v_set_time(fq->mem, p, "to", v_get(e, "until") ?
				   (time_t)v_get_int(e, "until") : at);
			p = NULL;
		}
	}
	return v;
}

/* The rule's words: "lost_property.reply_within = 30m". */
static const char *
rule_text(struct fq *fq, const struct category *cat, int k,
	  const struct dur *d)
{
	char buf[32];

	if (k == DUE_PROMISE)
		return "the time promised to the guest (fq log --promise)";
	return arena_printf(fq->mem, "%s.%s_within = %s", cat->id,
			    due_names[k], dur_spell(d, buf, sizeof(buf)));
}

/* One deadline's explanation. */
static struct val *
explain_one(struct fq *fq, const struct fq_case *c, const struct val *events,
	    const struct category *cat, int k)
{
	const struct calendar *cal = &fq->pol->cal;
	const struct dur *d = k == DUE_PROMISE ? NULL : deadline_limit(cat, k);
	const struct val *ev = clock_event(events, k);
	time_t start = ev ? (time_t)v_get_int(ev, "at") : c->created_at;
	struct val *o = v_obj(fq->mem), *pauses = pauses_after(fq, events, start);
	time_t computed = d && d->set ? cal_deadline(cal, start, d) : c->due[k];
	int i, work = d && d->work && !cal->always;
	char buf[32];

	for (i = 0; i < pauses->n && d && d->set; i++) {
		const struct val *to = v_get(pauses->items[i], "to");
		time_t from = (time_t)v_get_int(pauses->items[i], "from");
		long left;

		if (!to || to->kind == V_NULL || from >= computed)
			continue;
		left = work ? cal_work_between(cal, from, computed)
			    : (long)(computed - from);
		computed = cal_add_seconds(cal, work, (time_t)to->i, left);
	}
	v_set_str(fq->mem, o, "deadline", due_names[k]);
	v_set_time(fq->mem, o, "due", c->due[k]);
	v_set_str(fq->mem, o, "rule", rule_text(fq, cat, k, d));
	v_set_str(fq->mem, o, "limit", d && d->set ? arena_strdup(fq->mem,
		  dur_spell(d, buf, sizeof(buf))) : NULL);
	v_set_str(fq->mem, o, "counts", work ? "working" : "wall");
	v_set_time(fq->mem, o, "start", start);
	v_set_time(fq->mem, o, "counting_from", work ?
		   cal_next_working(cal, start) : start);
	v_set_str(fq->mem, o, "start_kind", ev ? v_get_str(ev, "kind") : NULL);
	v_set(fq->mem, o, "pauses", pauses);
	v_set(fq->mem, o, "counted_seconds", v_dur(fq->mem, d && d->set ?
		dur_seconds(cal, d) : (long)(c->due[k] - start)));
	v_set_time(fq->mem, o, "computed", computed);
	return o;
}

struct val *
explain_case(struct fq *fq, const struct fq_case *c, const struct val *events)
{
	int cat = policy_category(fq->pol, c->category), k;
	struct val *v = v_arr(fq->mem);

	if (cat < 0)
		return v;
	for (k = 0; k < NDUE; k++)
		if (c->due[k])
			v_push(fq->mem, v, explain_one(fq, c, events,
						       &fq->pol->cats[cat], k));
	return v;
}
