/*
 * promise.c - the promise to the guest: given, moved, and warned about.
 */
#include <string.h>

#include "clock.h"
#include "deadline.h"
#include "events.h"
#include "promise.h"
#include "roles.h"
#include "text.h"

void
promise_warn(struct fq *fq, const struct fq_case *c, time_t reply)
{
	time_t p = c->due[DUE_PROMISE], resolve = c->due[DUE_RESOLVE];

	if (!p)
		return;
	if (reply && p > reply)
		fq_warn(fq, "the promise (%s) is later than the reply limit "
			"(reply by %s): it stands in for it, so tell the guest "
			"why", time_local(fq->mem, p),
			time_local(fq->mem, reply));
	if (resolve && p > resolve)
		fq_warn(fq, "the promise (%s) is later than the resolve "
			"deadline (%s): the case must still be resolved by "
			"then", time_local(fq->mem, p),
			time_local(fq->mem, resolve));
}

/* Checks the case's state and the time promised. */
static int
promise_check(struct fq *fq, const struct fq_case *c, time_t when,
	      const char *note)
{
	int rc;

	if (strcmp(c->status, "open"))
		return fq_fail(fq, FQ_EDATA, "case #%lld is %s; a promise is "
			       "given before the guest is answered", c->id,
			       c->status);
	if ((rc = may_handle(fq, c, "promise on")) ||
	    (rc = text_check(fq, "--note", note, MAX_NOTE,
			     TEXT_REQUIRED | TEXT_MULTILINE)))
		return rc;
	if (when <= fq_now())
		return fq_fail(fq, FQ_EDATA, "the promise (%s) is already "
			       "past; promise the guest a time still to come",
			       time_local(fq->mem, when));
	if (when == c->due[DUE_PROMISE])
		return fq_fail(fq, FQ_EDATA, "#%lld is promised for %s already",
			       c->id, time_local(fq->mem, when));
	return 0;
}

/* The `promised` event. */
static struct val *
promised_data(struct fq *fq, const struct fq_case *c, time_t when,
	      const char *note)
{
	struct val *d = v_obj(fq->mem);
	time_t before = c->due[DUE_PROMISE] ? c->due[DUE_PROMISE]
					    : c->due[DUE_REPLY];

	v_set_int(fq->mem, d, "due", (long long)when);
	v_set_str(fq->mem, d, "text", note);
	if (c->due[DUE_PROMISE])
		v_set_int(fq->mem, d, "previous_due_at",
			  (long long)c->due[DUE_PROMISE]);
	if (c->due[DUE_REPLY])
		v_set_int(fq->mem, d, "reply_due_at",
			  (long long)c->due[DUE_REPLY]);
	v_set(fq->mem, d, "late", v_bool(fq->mem, before && !c->waiting_since &&
					  fq_now() > before));
	return d;
}

int
case_promise(struct fq *fq, struct fq_case *c, time_t when, const char *note)
{
	time_t reply = c->due[DUE_REPLY];
	int rc;

	if ((rc = promise_check(fq, c, when, note)) ||
	    (rc = event_add(fq, c->id, "promised",
			    promised_data(fq, c, when, note))))
		return rc;
	c->due[DUE_REPLY] = 0;
	c->due[DUE_PROMISE] = when;
	promise_warn(fq, c, reply);
	return case_save(fq, c);
}
