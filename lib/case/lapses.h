/*
 * lapses.h - who let a case stall (失职追究), read off its history
 * (history.h).  The rules are fq-report(1)'s, LAPSES:
 *
 *   late_holding       a deadline was past while this person held the
 *                      case (or, nobody having accepted it, while the
 *                      department held it: the department, and each of
 *                      its supervisors from the moment they were told);
 *                      the late time that fell in their span
 *   promise_broken     the same for the promise given to the guest
 *   callback_missing   the resolve deadline passed while a case of a
 *                      callback category waited for the owner's call
 *   owner_no_follow_up a deadline stayed late, without one step of the
 *                      owner on the case, for as long as its own limit
 *   refusal_unsigned   a refusal waits for its supervisor's signature
 *   forbidden_answer   an answer given with --force over a forbidden
 *                      phrase, charged to its author
 *
 * Pure: the history in, the lapses out (from fq->mem).
 */
#ifndef FQ_LAPSES_H
#define FQ_LAPSES_H

#include "history.h"

struct lapse {
	const char *person;	/* staff id; NULL: a department, unaccepted */
	const char *what;	/* late_holding, promise_broken, ... */
	const char *role;	/* handler, department, supervisor, owner,
				 * signer, author */
	const char *deadline;	/* accept, reply, resolve, promise; NULL */
	const char *dept;	/* the department held (the owner's, ...) */
	time_t due;		/* the deadline's due time; 0: none */
	time_t from, to;	/* the late time charged; to 0: up to now */
	long late;		/* its seconds */
	int passed;		/* the deadline passed while this one held it */
	const char *phrase;	/* forbidden_answer: the phrase matched */
};

/*
 * The time in [a, b) during which at least one deadline of the case was
 * past and charged to whoever held it (as late_holding and
 * promise_broken count it: not a callback category's wait for the
 * owner), in seconds.
 */
long held_late(struct fq *fq, const struct history *h, time_t a, time_t b);

/* The lapses of a case, ordered by when each began. */
int lapses_of(struct fq *fq, const struct history *h, struct lapse **out,
	      int *n);

#endif
