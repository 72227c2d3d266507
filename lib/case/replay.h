/*
 * replay.h - a case row from its events alone: what each kind of event
 * does to the row, replayed in seq order.  It is the inverse of
 * intake.c and lifecycle.c, and must change with them: a step that
 * changes a row in a new way records enough in its event for the replay
 * to do the same (fq verify compares, fq verify --repair restores).
 *
 * What no event records is not rebuilt: the request key (fq log --key).
 * A case with an event of a kind the replay does not know (written by a
 * newer fq) is not rebuilt either: replay_complete() says 0.
 * Deadlines moved by a wait are moved again by the policy's calendar, as
 * fq resume moved them.
 */
#ifndef FQ_REPLAY_H
#define FQ_REPLAY_H

#include "cases.h"

struct replay {
	struct fq_case c;	/* the row its events say */
	long long seq;		/* the last seq replayed (0: none yet) */
	int broken;		/* a gap, data that is not an object, or a
				 * kind the replay does not know */
	int settle;		/* fq log --resolved: 1 logged, 2 answered */
	time_t logged_at;
	const char *logged_by;
};

/* Starts the replay of case `id`. */
void replay_begin(struct replay *p, long long id);
/*
 * Replays the case's next event: the row changes as the step that
 * recorded it changed it.  Text is copied to `a`.
 */
void replay_event(struct fq *fq, struct arena *a, struct replay *p,
		  const struct event_row *e);
/* 1 when the replay saw the case's whole record, begun with `logged`. */
int replay_complete(const struct replay *p);

#endif
