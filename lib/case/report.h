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
 * unsatisfied_callbacks, late_now.
 */
int report_rows(struct fq *fq, enum report_by by, time_t since,
		time_t until, struct val **rows);

/*
 * The lapses of the cases logged in [since, until), one row each:
 * person, lapse (late_holding, callback_missing, refusal_unsigned),
 * id, summary, deadline, late_seconds, department.
 */
int report_lapses(struct fq *fq, time_t since, time_t until,
		  struct val **rows);

#endif
