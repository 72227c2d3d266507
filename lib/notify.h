/*
 * notify.h - running the escalation ladder from fq overdue: read,
 * decide (case/ladder.h), compose, send, record, in that order.
 */
#ifndef FQ_NOTIFY_H
#define FQ_NOTIFY_H

#include "fq.h"
#include "store.h"

/* One recipient told of one case by this run's mail. */
struct notify_sent {
	const char *to;		/* staff id */
	const char *address;	/* where the message went */
	const struct fq_case *c;
	const char *what;	/* "reply 100%", "accept 200%, reply 100%",
				 * "manual", ... */
};

struct notify_result {
	int fired;		/* notifications recorded */
	int nsent, cap;
	struct notify_sent *sent;	/* with mail, in the order sent */
};

/*
 * Applies the ladder to every case, as of one moment (fq_now() when it
 * starts).  Without `mail`, records what is owed in one transaction.
 * With `mail`, under the store's "mail" guard (one such run at a time):
 * decides and composes one message per address in a short transaction,
 * sends each outside any transaction (a sendmail past its timeout is
 * killed, and the messages after it are left for the next run), then in
 * a second short transaction records what was sent, unless another run
 * recorded it meanwhile; the manual and major escalations owed a mail go
 * out with the ladder's.  A crash between sending and recording repeats
 * those notices on the next run; none is lost.  Returns 0, or FQ_EBUSY
 * when a send failed (the others stay recorded; the failed ones owed).
 */
int notify_run(struct fq *fq, int mail, struct notify_result *res);

#endif
