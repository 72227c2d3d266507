/*
 * history.h - a case's history replayed from its events: the spans of
 * its holders, every run of each clock (accept, reply, resolve, promise)
 * with the stretches in which it ran and the due time it had, the
 * waits, who was told of it, and the answers given.  The chain of
 * holders (holders.h), the lapses (lapses.h) and the explanation of the
 * deadlines (explain.h) are read off it; fq-lifecycle(7) defines it.
 *
 * Pure: the events, the case's category in the policy and `now` in, the
 * history out; no store, no clock, nothing printed.  Everything is
 * allocated from fq->mem.
 */
#ifndef FQ_HISTORY_H
#define FQ_HISTORY_H

#include "cases.h"
#include "policy.h"

/* A stretch of time in which a clock ran, with the due time it had. */
struct stretch {
	time_t from, to;	/* to: now, for a run still running */
	time_t due;
};

/* One run of a clock: from the step that started it to the one that
 * stopped it. */
struct run {
	int k;			/* DUE_ACCEPT ... DUE_PROMISE */
	time_t start;
	time_t end;		/* 0: it still runs at h->now */
	const char *started_by;	/* the event kind: logged, transferred, ... */
	const char *ended_by;	/* accepted, replied, promised, moved, ... */
	const char *actor;	/* who started it (a promise: who gave it) */
	time_t due;		/* the due time it had last */
	time_t passed;		/* when it went past due while running; 0 */
	long limit;		/* its limit, counted as `work` says */
	int work;		/* 1: counts working time on the calendar */
	int n, cap;
	struct stretch *v;
};

/* A span of the chain of holders. */
struct hold {
	const char *dept, *handler;	/* handler NULL: nobody accepted */
	time_t from, to;	/* to: 0 while it lasts */
};

/* A wait (fq wait), from its start to its end. */
struct pause {
	time_t from, to;	/* to: 0 while it lasts */
	time_t until;		/* --until, or 0 */
	const char *reason;
	int auto_end;		/* it ended by itself at `until` */
};

/* Staff told of the case by an escalation (the ladder, or by hand). */
struct notice {
	time_t at;
	const char *to;		/* staff id */
	const char *deadline;	/* the ladder's deadline, NULL by hand */
};

/* An answer to the guest (a `replied` event). */
struct answer {
	time_t at, due;
	const char *actor;
	const char *deadline;	/* "reply" or "promise" (the event's) */
	int late, timed;	/* timed: it had a deadline */
	const char *forced;	/* the forbidden phrase of a --force, or NULL */
	const char *text;
	time_t until;		/* the end of the wait for the callback: the
				 * next closing or reopening; 0: now */
};

struct history {
	const struct fq_case *c;
	const struct category *cat;	/* NULL when the policy lost it */
	const struct val *events;	/* what it was replayed from */
	time_t now;
	int nruns, nholds, npauses, nnotices, nanswers;
	struct run *runs;	/* in order of their start */
	struct hold *holds;
	struct pause *pauses;
	struct notice *notices;
	struct answer *answers;
	int caps[5];		/* capacities, for the arrays above */
};

/*
 * Replays the events of case c (events_of(), oldest first) up to `now`
 * into *h.  A wait whose --until has passed ends at its `until`, whether
 * or not the record has the `resumed` event yet.
 */
void history_of(struct fq *fq, const struct fq_case *c,
		const struct val *events, time_t now, struct history *h);

/* Seconds run r ran in [a, b), counted as its limit counts. */
long run_used(const struct calendar *cal, const struct run *r, time_t a,
	      time_t b);
/* Wall seconds run r was running past its due time in [a, b). */
long run_late(const struct run *r, time_t a, time_t b);
/* The first moment in [a, b) at which run r was late; 0 when none. */
time_t run_late_from(const struct run *r, time_t a, time_t b);
/* The end of span `h` for computing: its `to`, else now. */
time_t hold_end(const struct history *hs, const struct hold *h);
/* The end of run r: its end, else now. */
time_t run_end(const struct history *hs, const struct run *r);

#endif
