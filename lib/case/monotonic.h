/*
 * monotonic.h - time cannot run backwards: the check of every append,
 * and fq verify's of every stored event.
 *
 * An event may not be earlier than its case's latest event, nor more
 * than EVENTS_SKEW earlier than the newest event of the database (two
 * commands that read the clock, then wait for the write lock, append
 * a little out of order).  On a personal database (privilege.h) with
 * FQ_NOW set, the time of a test or a demo is taken as given; fq verify
 * still names a case whose timeline runs backwards there, but not the
 * database-wide order, which tests and demos do not keep.
 */
#ifndef FQ_MONOTONIC_H
#define FQ_MONOTONIC_H

#include <time.h>
#include "fq.h"
#include "val.h"

#define EVENTS_SKEW 300		/* seconds */

/*
 * Inside the write lock: 0 when an event of case `case_id` may be
 * recorded at `at`; else FQ_EDATA after fq_fail() with the reason.
 */
int event_time_check(struct fq *fq, long long case_id, time_t at);
/* Adds a finding to `problems` for each event whose time runs backwards. */
int verify_times(struct fq *fq, struct val *problems);

#endif
