/*
 * deadline.c - the deadlines of a case.
 */
#include "clock.h"
#include "deadline.h"

const struct dur *
deadline_limit(const struct category *cat, int k)
{
	switch (k) {
	case DUE_ACCEPT: return &cat->accept;
	case DUE_REPLY: return &cat->reply;
	case DUE_RESOLVE: return &cat->resolve;
	default: return NULL;
	}
}

void
deadlines_start(struct fq *fq, struct fq_case *c, unsigned which,
		time_t start)
{
	const struct policy *p = fq->pol;
	int cat = policy_category(p, c->category), k;
	const struct dur *d;

	if (cat < 0)
		return;
	for (k = 0; k < NDUE; k++) {
		if (!(which & DUE_BIT(k)))
			continue;
		d = deadline_limit(&p->cats[cat], k);
		c->due[k] = d && d->set ? cal_deadline(&p->cal, start, d) : 0;
	}
}

/* 1 when deadline k of the case counts working time. */
static int
counts_work(const struct policy *p, const struct fq_case *c, int k)
{
	int cat = policy_category(p, c->category);
	const struct dur *d;

	if (cat < 0 || !(d = deadline_limit(&p->cats[cat], k)))
		return 0;
	return d->set && d->work && !p->cal.always;
}

void
deadlines_pause(struct fq *fq, struct fq_case *c, time_t from, time_t to)
{
	const struct calendar *cal = &fq->pol->cal;
	long left;
	int k, work;

	if (to <= from)
		return;
	for (k = 0; k < NDUE; k++) {
		if (!c->due[k])
			continue;
		if (c->due[k] <= from) {
			c->due[k] += to - from;
			continue;
		}
		work = counts_work(fq->pol, c, k);
		left = work ? cal_work_between(cal, from, c->due[k])
			    : (long)(c->due[k] - from);
		c->due[k] = cal_add_seconds(cal, work, to, left);
	}
}

void
deadline_warn_years(struct fq *fq, const struct fq_case *c)
{
	int k, y;

	for (k = 0; k < DUE_PROMISE; k++) {
		if (!c->due[k] || !counts_work(fq->pol, c, k) ||
		    !(y = policy_unlisted_year(fq->pol, fq_now(), c->due[k])))
			continue;
		fq_warn(fq, "the calendar lists no holidays for %d: the %s "
			"deadline (%s) counts that year's public holidays as "
			"working days (see 'fq policy check')", y, due_names[k],
			time_local(fq->mem, c->due[k]));
	}
}
