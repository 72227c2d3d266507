/*
 * verify.h - checking the database and the hash chain of events.
 */
#ifndef FQ_VERIFY_H
#define FQ_VERIFY_H

#include "fq.h"
#include "val.h"

struct verify_result {
	long long events, cases;
	const char *head;	/* the last event's digest */
	struct val *problems;	/* array of strings, one per finding */
};

/*
 * Runs the store's own integrity check and walks every event in id
 * order by the continuity rule of chain.h (ids without gaps, each prev
 * the digest before it, digest versions that never go back, digests
 * that recompute under their version); checks that each case's
 * sequence numbers have no gaps, that
 * every case has its events, and that each case row's owner, department
 * and handler are what its events say.  Findings go to r->problems;
 * returns 0 or an FQ_E* code when the check itself could not run.
 */
int verify_all(struct fq *fq, struct verify_result *r);
/*
 * Checks that `head`, a digest written down earlier (fq verify prints
 * it), is still in the chain; a finding when it is not: the events after
 * it were removed, or the chain was rewritten.
 */
int verify_head(struct fq *fq, struct verify_result *r, const char *head);

#endif
