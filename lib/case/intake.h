/*
 * intake.h - fq log: a new case, checked, routed, with its clocks
 * started; escalated at once when it is major (a step of lifecycle.h),
 * answered and closed at once with --resolved.
 */
#ifndef FQ_INTAKE_H
#define FQ_INTAKE_H

#include <time.h>
#include "cases.h"

/* What fq log records. */
struct intake {
	const char *summary, *details;
	const char *guest, *room, *phone, *via;
	const char *category;	/* --category (id or name), or NULL */
	const char *key;	/* --key: idempotency key, or NULL */
	int major;		/* --major */
	time_t promise;		/* --promise, or 0 */
	const char *resolved;	/* --resolved ANSWER, or NULL */
};

/*
 * Records a new case owned by the actor, routed by the policy; with
 * `resolved`, answers and closes it at once (first-contact resolution).
 * When in->key names a case already logged, *c is that case and *dup is
 * set; nothing is written.
 */
int case_log(struct fq *fq, const struct intake *in, struct fq_case *c,
	     int *dup);

#endif
