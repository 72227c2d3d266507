/*
 * notify.h - running the escalation ladder from fq overdue: record what
 * fired, and with mail, send each recipient one message.
 */
#ifndef FQ_NOTIFY_H
#define FQ_NOTIFY_H

#include "fq.h"

/*
 * Applies the ladder to every case with a running deadline.  Without
 * `mail`, records every level that fires (one transaction).  With `mail`,
 * sends each recipient one message listing every case for which a level
 * fired for them, and records those firings only once their message was
 * handed to sendmail (one transaction per recipient).  *fired counts the
 * notifications recorded.  Returns 0, or FQ_EBUSY when a send failed (the
 * others went out and stay recorded; the failed ones are owed still).
 */
int notify_run(struct fq *fq, int mail, int *fired);

#endif
