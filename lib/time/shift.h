/*
 * shift.h - shift changes (the policy's `shifts`), for the hand-over.
 */
#ifndef FQ_SHIFT_H
#define FQ_SHIFT_H

#include <time.h>
#include "policy.h"

/*
 * The shift to hand over at `now`: the one that was running an hour ago
 * (so a hand-over written at, or soon after, a shift change covers the
 * shift that just ended).  *start and *end bound it; *next_end is the
 * end of the shift after it.  Without `shifts` in the policy, a shift is
 * a day from midnight.
 */
void shift_window(const struct policy *p, time_t now, time_t *start,
		  time_t *end, time_t *next_end);
/* The first shift change after t. */
time_t shift_next(const struct policy *p, time_t t);

#endif
