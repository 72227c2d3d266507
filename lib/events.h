/*
 * events.h - the append-only, hash-chained record of every step.
 *
 * Each event is (case, seq, at, actor, kind, data) where data is a JSON
 * object whose keys depend on the kind (department, handler, text, ...).
 * Each event is hash-chained to the one before it (chain.h: the digest,
 * its versions and the continuity rule), so that altering, removing or
 * inserting an event breaks the chain (fq verify).  The store refuses
 * UPDATE and DELETE, and keeps appends in chain order (store.h); struct
 * event_row, one stored event, is the store's.
 */
#ifndef FQ_EVENTS_H
#define FQ_EVENTS_H

#include <time.h>
#include "chain.h"
#include "fq.h"
#include "store.h"
#include "val.h"

/* The `prev` of the very first event (the name of tools that predate
 * chain.h). */
#define EVENTS_GENESIS CHAIN_GENESIS

/*
 * Appends an event to case `case_id`, by fq->actor at fq_now(), with the
 * fields of `data` (a V_OBJ, or NULL for none).  Must run inside the
 * write transaction (store_begin()), which keeps the chain's head.
 * The event continues the chain by chain_append(), with the digest
 * version new events get (CHAIN_VERSION).
 */
int event_add(struct fq *fq, long long case_id, const char *kind,
	      struct val *data);
/* The same with an explicit actor (e.g. "fq" for automatic steps). */
int event_add_as(struct fq *fq, long long case_id, const char *actor,
		 const char *kind, struct val *data);
/*
 * The events of a case, oldest first, as an array of objects: seq, at,
 * actor, kind, then the kind's own fields.
 */
int events_of(struct fq *fq, long long case_id, struct val **out);

/* The text of a case's last note (follow-up, reply, reason), or NULL. */
const char *event_last_note(struct fq *fq, long long case_id);

/*
 * The head of the chain: the last event's id and digest (0 and
 * CHAIN_GENESIS when there is none; the digest from fq->mem).
 */
int events_head(struct fq *fq, long long *id, const char **digest);

/*
 * The version-1 digest of an event chained to `prev` (64 hex + NUL), for
 * tools that rebuild the chain of a database whose events are all of
 * version 1 (tests/bench/rechain.c); fq itself uses chain_digest().
 */
void event_digest(const char *prev, long long id, long long case_id,
		  long long seq, long long at, const char *actor,
		  const char *kind, const char *data, char out[65]);

#endif
