/*
 * report.h - the figures of fq report, per group (评估改进), and the
 * lapses per person (失职追究).  Definitions are in fq-report(1).
 */
#ifndef FQ_REPORT_H
#define FQ_REPORT_H

#include "fq.h"
#include "store.h"		/* enum report_by */
#include "val.h"

/* "dept" -> BY_DEPT ...; -1 for an unknown word. */
int report_by_parse(const char *s);

/*
 * One row per group of the cases logged in [since, until): group (null
 * without grouping), logged, closed, first_contact, first_contact_rate,
 * replied_on_time_rate, reply_median_s, reply_p90_s, accept_median_s,
 * transfers_per_case, escalations, declines, callbacks_rate,
 * unsatisfied_callbacks, late_now, and after them (fq 0.2)
 * resolved_on_time_rate, promises_broken, promises_moved.
 */
int report_rows(struct fq *fq, enum report_by by, time_t since,
		time_t until, struct val **rows);

/*
 * The lapses of the cases logged in [since, until) (lapses.h), one row
 * each, by case and then by when each began: person, lapse, id,
 * summary, deadline, late_seconds, department, and after them (fq 0.2)
 * role, due, passed, from, to, phrase.
 */
int report_lapses(struct fq *fq, time_t since, time_t until,
		  struct val **rows);

/*
 * The held-time view of the cases logged in [since, until): one row per
 * department that held any of them, in policy order: group (the
 * department), cases_held, held_seconds, late_held_seconds (time held
 * while a deadline was past, lapses.h's held_late()), transfers_in,
 * transfers_out.  These follow the holding department, span by span;
 * report_rows() --by dept follows the department that holds each case
 * now.
 */
int report_held(struct fq *fq, time_t since, time_t until,
		struct val **rows);

#endif
