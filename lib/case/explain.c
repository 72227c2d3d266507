/*
 * explain.c - how each deadline of a case was derived, read off its
 * history (history.h).
 */
#include <stdio.h>
#include <string.h>

#include "calendar.h"
#include "date.h"
#include "deadline.h"
#include "explain.h"
#include "i18n.h"
#include "localtime.h"
#include "policy.h"

/*
 * The explanation is data (fq show --format json): its words stay
 * English.  The sentences are N_() for the view, which translates them
 * (i18n_text(), explain_warning_text()).
 */
static const char no_holidays[] = N_("the calendar lists no holidays for "
	"%d: its public holidays were counted as working days");

/* The waits that began during run r, as {from, to, reason, ended}. */
static struct val *
pauses_of(struct fq *fq, const struct history *h, const struct run *r)
{
	struct val *v = v_arr(fq->mem), *o;
	int i;

	for (i = 0; i < h->npauses; i++) {
		const struct pause *p = &h->pauses[i];

		if (p->from < r->start || (r->end && p->from >= r->end))
			continue;
		o = v_obj(fq->mem);
		v_set_time(fq->mem, o, "from", p->from);
		v_set(fq->mem, o, "to", p->to ? v_time(fq->mem, p->to)
					      : v_null(fq->mem));
		v_set_str(fq->mem, o, "reason", p->reason);
		v_set_str(fq->mem, o, "ended", !p->to ? NULL :
			  p->auto_end ? "until" : "resumed");
		v_push(fq->mem, v, o);
	}
	return v;
}

/* The rule's words: "lost_property.reply_within = 30m". */
static const char *
rule_text(struct fq *fq, const struct category *cat, const struct run *r,
	  const struct dur *d)
{
	char buf[32];

	if (r->k == DUE_PROMISE)
		return !strcmp(r->started_by, "promised") ?
		       N_("the time promised to the guest (fq promise)") :
		       N_("the time promised to the guest (fq log --promise)");
	if (!cat || !d || !d->set)
		return N_("a limit the policy no longer has");
	return arena_printf(fq->mem, "%s.%s_within = %s", cat->id,
			    due_names[r->k], dur_spell(d, buf, sizeof(buf)));
}

/* Appends day range [a, b] with its reason and name to `v`. */
static void
skipped_range(struct fq *fq, struct val *v, long a, long b, const char *why,
	      const char *name)
{
	struct val *o = v_obj(fq->mem);
	int y, m, d;

	day_civil(a, &y, &m, &d);
	v_set_str(fq->mem, o, "from", arena_printf(fq->mem, "%04d-%02d-%02d",
						   y, m, d));
	day_civil(b, &y, &m, &d);
	v_set_str(fq->mem, o, "to", arena_printf(fq->mem, "%04d-%02d-%02d", y,
						 m, d));
	v_set_str(fq->mem, o, "why", why);
	v_set_str(fq->mem, o, "name", name);
	v_push(fq->mem, v, o);
}

/* 1 when two possibly-NULL strings are the same. */
static int
same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* 1 when local day `day` is one of the calendar's holidays. */
static int
holiday(const struct calendar *cal, long day)
{
	int lo = 0, hi = cal->nholidays - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (cal->holidays[mid] == day)
			return 1;
		if (cal->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/*
 * The days off between a and b (local days, both ends included) that a
 * working-time clock did not count: holidays by name, then the weekdays
 * without hours, each run of days with one reason and name as a range.
 */
static struct val *
skipped_days(struct fq *fq, time_t a, time_t b)
{
	const struct policy *p = fq->pol;
	struct val *v = v_arr(fq->mem);
	const char *why = NULL, *name = NULL, *w, *nm;
	long day, first = 0, last = time_day(b);

	for (day = time_day(a); day <= last && day - time_day(a) < 3660;
	     day++) {
		w = nm = NULL;
		if (cal_day_off(&p->cal, day)) {
			w = holiday(&p->cal, day) ? N_("holiday") :
			    N_("day off");
			nm = policy_holiday_name(p, day);
		}
		if (why && (!same(w, why) || !same(nm, name))) {
			skipped_range(fq, v, first, day - 1, why, name);
			why = NULL;
		}
		if (w && !why) {
			first = day;
			why = w;
			name = nm;
		}
	}
	if (why)
		skipped_range(fq, v, first, last, why, name);
	return v;
}

/* Each holder's use of run r, as {department, handler, from, to, ...}. */
static struct val *
spans_of(struct fq *fq, const struct history *h, const struct run *r)
{
	struct val *v = v_arr(fq->mem), *o;
	time_t end = run_end(h, r);
	int i;

	for (i = 0; i < h->nholds; i++) {
		const struct hold *s = &h->holds[i];
		time_t a = s->from > r->start ? s->from : r->start;
		time_t b = hold_end(h, s) < end ? hold_end(h, s) : end;

		if (b <= a && !(a == b && r->start == end && s->from <= a &&
				a <= hold_end(h, s)))
			continue;
		o = v_obj(fq->mem);
		v_set_str(fq->mem, o, "department", s->dept);
		v_set_str(fq->mem, o, "handler", s->handler);
		v_set_time(fq->mem, o, "from", a);
		v_set_time(fq->mem, o, "to", b);
		v_set(fq->mem, o, "seconds",
		      v_dur(fq->mem, run_used(&fq->pol->cal, r, a, b)));
		v_set(fq->mem, o, "late_seconds",
		      v_dur(fq->mem, run_late(r, a, b)));
		v_push(fq->mem, v, o);
	}
	return v;
}

/* The warnings of a run: a year the calendar lists no holidays for. */
static struct val *
warnings_of(struct fq *fq, const struct run *r)
{
	struct val *v = v_arr(fq->mem);
	int y = r->work ? policy_unlisted_year(fq->pol, r->start, r->due) : 0;

	if (y)
		v_push(fq->mem, v, v_str(fq->mem, arena_printf(fq->mem,
			no_holidays, y)));
	return v;
}

const char *
explain_warning_text(struct fq *fq, const char *warning)
{
	int y;

	if (warning && sscanf(warning, "the calendar lists no holidays for "
			      "%d:", &y) == 1)
		return arena_printf(fq->mem, _(no_holidays), y);
	return warning;
}

/* One run's explanation. */
static struct val *
explain_one(struct fq *fq, const struct history *h, const struct run *r)
{
	const struct calendar *cal = &fq->pol->cal;
	const struct dur *d = h->cat && r->k != DUE_PROMISE ?
			      deadline_limit(h->cat, r->k) : NULL;
	struct val *o = v_obj(fq->mem);
	time_t due = !r->end && h->c->due[r->k] ? h->c->due[r->k] : r->due;
	char buf[32];

	v_set_str(fq->mem, o, "deadline", due_names[r->k]);
	v_set_time(fq->mem, o, "due", due);
	v_set_str(fq->mem, o, "rule", rule_text(fq, h->cat, r, d));
	v_set_str(fq->mem, o, "limit", d && d->set ? arena_strdup(fq->mem,
		  dur_spell(d, buf, sizeof(buf))) : NULL);
	v_set_str(fq->mem, o, "counts", r->work ? "working" : "wall");
	v_set_time(fq->mem, o, "start", r->start);
	v_set_time(fq->mem, o, "counting_from", r->work ?
		   cal_next_working(cal, r->start) : r->start);
	v_set_str(fq->mem, o, "start_kind", r->started_by);
	v_set(fq->mem, o, "pauses", pauses_of(fq, h, r));
	v_set(fq->mem, o, "counted_seconds", v_dur(fq->mem, r->limit));
	v_set_time(fq->mem, o, "computed", r->due);
	v_set(fq->mem, o, "running", v_bool(fq->mem, !r->end));
	v_set_str(fq->mem, o, "ended", r->ended_by);
	v_set_time(fq->mem, o, "ended_at", r->end);
	v_set(fq->mem, o, "skipped", r->work ?
	      skipped_days(fq, r->start, r->due) : v_arr(fq->mem));
	v_set(fq->mem, o, "spans", spans_of(fq, h, r));
	v_set(fq->mem, o, "warnings", warnings_of(fq, r));
	return o;
}

struct val *
explain_case(struct fq *fq, const struct history *h)
{
	struct val *v = v_arr(fq->mem);
	int k, i, last;

	for (k = 0; k < NDUE; k++) {
		for (last = -1, i = 0; i < h->nruns; i++)
			if (h->runs[i].k == k)
				last = i;
		if (last >= 0)
			v_push(fq->mem, v, explain_one(fq, h, &h->runs[last]));
	}
	return v;
}
