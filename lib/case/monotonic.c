/*
 * monotonic.c - time cannot run backwards.
 */
#include "clock.h"
#include "monotonic.h"
#include "privilege.h"
#include "problems.h"
#include "store.h"

/* 1 on a personal database (the caller's own file, fq not setgid). */
static int
personal(struct fq *fq)
{
	return privilege_trust(fq, fq->db_path) == TRUST_PERSONAL;
}

int
event_time_check(struct fq *fq, long long case_id, time_t at)
{
	time_t case_at, head_at;
	int rc;

	if (fq->now_given && personal(fq))
		return 0;	/* a test's or a demo's time, as given */
	if ((rc = store_latest_at(fq, case_id, &case_at, &head_at)))
		return rc;
	if (at < case_at)
		return fq_fail(fq, FQ_EDATA, "case #%lld's latest event is at "
			       "%s, after this one (%s): time cannot run "
			       "backwards; check the clock", case_id,
			       time_iso(fq->mem, case_at),
			       time_iso(fq->mem, at));
	if (at < head_at - EVENTS_SKEW)
		return fq_fail(fq, FQ_EDATA, "the newest event in the database "
			       "is at %s, more than %d minutes after this one "
			       "(%s): time cannot run backwards; check the "
			       "clock", time_iso(fq->mem, head_at),
			       EVENTS_SKEW / 60, time_iso(fq->mem, at));
	return 0;
}

/* What verify_times() carries along the chain. */
struct order {
	struct val *problems;
	int whole;		/* check the database-wide order too */
	long long newest_id;	/* the latest event so far, by time */
	time_t newest_at;
};

/* Names one event whose time runs backwards. */
static int
check_time(struct fq *fq, const struct store_event_time *t, void *arg)
{
	struct order *o = arg;

	if (t->prev_id && t->at < t->prev_at)
		problem_add(fq, o->problems, "event %lld (case #%lld, seq "
			    "%lld): its time %s is before that of the case's "
			    "event %lld (%s): the case's timeline runs "
			    "backwards", t->id, t->case_id, t->seq,
			    time_iso(fq->mem, t->at), t->prev_id,
			    time_iso(fq->mem, t->prev_at));
	else if (o->whole && t->at < o->newest_at - EVENTS_SKEW)
		problem_add(fq, o->problems, "event %lld (case #%lld, seq "
			    "%lld): its time %s is more than %d minutes before "
			    "that of event %lld (%s), recorded before it: time "
			    "runs backwards", t->id, t->case_id, t->seq,
			    time_iso(fq->mem, t->at), EVENTS_SKEW / 60,
			    o->newest_id, time_iso(fq->mem, o->newest_at));
	if (t->at > o->newest_at) {
		o->newest_at = t->at;
		o->newest_id = t->id;
	}
	return 0;
}

int
verify_times(struct fq *fq, struct val *problems)
{
	struct order o = { problems, !personal(fq), 0, 0 };

	return store_event_times(fq, check_time, &o);
}
