/*
 * verify.c - checking the database and the hash chain of events.
 *
 * What the chain proves: an event altered, removed or inserted by hand
 * (with the database's own shell, say) no longer matches the digests
 * around it.
 * What it cannot prove: someone who rewrites the whole chain from the
 * altered event on can recompute every digest.  The head digest that
 * fq verify prints, written down outside the database (the log book, a
 * daily mail), catches that: a rewritten chain ends in another head.
 */
#include <string.h>

#include "chain.h"
#include "monotonic.h"
#include "problems.h"
#include "rebuild.h"
#include "store.h"
#include "verify.h"

/* Records one finding, in English and for people (problems.h). */
#define problem(fq, r, ...) problem_add((fq), (r)->problems, __VA_ARGS__)

/* A finding of the database's own integrity check (store_integrity). */
static void
integrity_problem(struct fq *fq, const char *line, void *arg)
{
	struct verify_result *r = arg;

	problem(fq, r, "integrity: %s", line);
}

/* The last seen position of the walk. */
struct walk {
	struct verify_result *r;
	struct chain_link last;	/* the event before (chain_start: none) */
	const char *digest;	/* its digest as stored */
};

/* The link of a stored event; -1 when its prev or digest is not hex. */
static int
link_of(const struct event_row *e, struct chain_link *l)
{
	l->id = e->id;
	l->version = e->version;
	return chain_unhex(e->prev, l->prev) || chain_unhex(e->digest,
							      l->digest) ?
	       -1 : 0;
}

/* Names how an event fails to continue the chain (chain_follows). */
static void
broken(struct fq *fq, struct walk *w, const struct event_row *e, int why)
{
	struct verify_result *r = w->r;
	long long last = w->last.id;

	if ((why & CHAIN_GAP) && e->id == last + 2)
		problem(fq, r, "event %lld removed (the ids jump from %lld to "
			"%lld)", last + 1, last, e->id);
	else if (why & CHAIN_GAP)
		problem(fq, r, "events %lld to %lld removed (the ids jump from "
			"%lld to %lld)", last + 1, e->id - 1, last, e->id);
	else if (why & CHAIN_UNLINKED)
		problem(fq, r, "event %lld (case #%lld, seq %lld): does not "
			"follow event %lld (inserted, or the one before it was "
			"replaced)", e->id, e->case_id, e->seq, last);
	if (why & CHAIN_DOWNGRADE)
		problem(fq, r, "event %lld (case #%lld, seq %lld): its digest "
			"is of version %d, older than version %d before it "
			"(inserted, or its version was changed)", e->id,
			e->case_id, e->seq, e->version, w->last.version);
}

/* Checks that an event's digest is what its content recomputes to. */
static void
sealed(struct fq *fq, struct verify_result *r, const struct event_row *e)
{
	char want[CHAIN_HEX];

	if (chain_digest(e, want))
		problem(fq, r, "event %lld (case #%lld, seq %lld): unknown "
			"digest version %d", e->id, e->case_id, e->seq,
			e->version);
	else if (strcmp(want, e->digest))
		problem(fq, r, "event %lld (case #%lld, seq %lld, '%s' by %s): "
			"altered: its content does not match its digest", e->id,
			e->case_id, e->seq, e->kind, e->actor);
}

/* Checks one event against its own digest and its predecessor. */
static int
check_event(struct fq *fq, const struct event_row *e, void *arg)
{
	struct walk *w = arg;
	struct verify_result *r = w->r;
	struct chain_link l;
	int why;

	r->events++;
	if (!e->actor || !e->kind || !e->data || !e->prev || !e->digest) {
		problem(fq, r, "event %lld (case #%lld, seq %lld): a field is "
			"missing", e->id, e->case_id, e->seq);
		return 0;
	}
	if (link_of(e, &l)) {
		/* Nothing can follow it; the walk goes on from its id. */
		problem(fq, r, "event %lld (case #%lld, seq %lld): its prev or "
			"digest is not 64 lowercase hex digits", e->id,
			e->case_id, e->seq);
		memset(l.digest, 0xff, sizeof(l.digest));
	} else {
		if ((why = chain_follows(&w->last, &l)))
			broken(fq, w, e, why);
		sealed(fq, r, e);
	}
	w->last = l;
	w->digest = arena_strdup(fq->mem, e->digest);
	return 0;
}

/* Walks the whole chain in order. */
static int
chain(struct fq *fq, struct verify_result *r)
{
	struct walk w = { .r = r, .digest = CHAIN_GENESIS };
	int rc;

	chain_start(&w.last);
	rc = store_chain_each(fq, check_event, &w);
	r->head = w.digest;
	return rc;
}

/* Sequence gaps within a case, or a record not begun with `logged`. */
static int
check_seqs(struct fq *fq, const struct store_seqs *s, void *arg)
{
	struct verify_result *r = arg;
	long long n = s->events, max = s->max_seq;

	r->cases++;
	if ((n != max || (n && s->min_seq != 1)) && max - n == 1)
		problem(fq, r, "case #%lld: %lld of its %lld events is missing",
			s->case_id, max - n, max);
	else if (n != max || (n && s->min_seq != 1))
		problem(fq, r, "case #%lld: %lld of its %lld events are "
			"missing", s->case_id, max - n, max);
	else if (!s->first_kind || strcmp(s->first_kind, "logged"))
		problem(fq, r, "case #%lld: its record does not begin with "
			"'logged'", s->case_id);
	return 0;
}

/* Names a field of a case row that its record does not bear out. */
static void
row_field(struct fq *fq, struct verify_result *r, long long id,
	  const char *field, const char *row, const char *record)
{
	if (!record || !strcmp(row, record))
		return;
	problem(fq, r, "case #%lld: its %s is '%s' but its record says '%s' "
		"(the cases table was changed by hand)", id, field, row,
		record);
}

/*
 * A case row against its record: the owner is who logged it; the
 * department and the handler are what the last step that set them said.
 * (The chain covers the events; this covers the row people read.)
 */
static int
check_holders(struct fq *fq, const struct store_holders *h, void *arg)
{
	struct verify_result *r = arg;

	row_field(fq, r, h->case_id, "owner", h->owner ? h->owner : "",
		  h->logged_by);
	row_field(fq, r, h->case_id, "department",
		  h->department ? h->department : "", h->moved_to);
	row_field(fq, r, h->case_id, "handler", h->handler ? h->handler : "",
		  h->held_by);
	return 0;
}

/* A walk of one case's record: whole while its events are as fq wrote. */
struct record {
	long long seq;		/* the last seq seen */
	int whole;
};

/* Checks one event of a case's record (store_events_of callback). */
static int
record_event(struct fq *fq, const struct event_row *e, void *arg)
{
	struct record *w = arg;
	char want[CHAIN_HEX];

	if (!e->actor || !e->kind || !e->data || !e->prev || !e->digest ||
	    e->seq != ++w->seq || (e->seq == 1 && strcmp(e->kind, "logged"))) {
		w->whole = 0;
		return 0;
	}
	if (chain_digest(e, want) || strcmp(want, e->digest))
		w->whole = 0;
	return 0;
}

/* The cases whose search index disagrees with their events. */
struct search_finding {
	long long n, first;
};

/*
 * Counts a case the search index disagrees with, unless its record is
 * damaged: the chain's and the sequences' findings name that already
 * (a case with no record at all is one the index holds and the
 * database has not).
 */
static int
search_disagrees(struct fq *fq, long long case_id, void *arg)
{
	struct search_finding *s = arg;
	struct record w = { 0, 1 };
	int rc;

	if ((rc = store_events_of(fq, case_id, record_event, &w)))
		return rc;
	if (w.seq > 0 && !w.whole)
		return 0;
	if (s->n++ == 0)
		s->first = case_id;
	return 0;
}

/* The search index against the events (one finding for them all). */
static int
search_index(struct fq *fq, struct verify_result *r)
{
	struct search_finding s = { 0, 0 };
	int rc;

	if ((rc = store_search_check(fq, search_disagrees, &s)))
		return rc;
	if (s.n == 1)
		problem(fq, r, "search index: case #%lld disagrees with its "
			"events; run 'fq search --reindex'", s.first);
	else if (s.n > 1)
		problem(fq, r, "search index: case #%lld and %lld more "
			"disagree with their events; run 'fq search "
			"--reindex'", s.first, s.n - 1);
	return 0;
}

int
verify_head(struct fq *fq, struct verify_result *r, const char *head)
{
	int found, rc;

	if ((rc = store_chain_has(fq, head, &found)))
		return rc;
	if (!found)
		problem(fq, r, "the recorded head %s is not in the chain: the "
			"events after it were removed, or the chain was "
			"rewritten", head);
	return 0;
}

int
verify_all(struct fq *fq, struct verify_result *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	r->problems = v_arr(fq->mem);
	if ((rc = store_integrity(fq, integrity_problem, r)) ||
	    (rc = chain(fq, r)) ||
	    (rc = store_case_seqs(fq, check_seqs, r)) ||
	    (rc = store_case_holders(fq, check_holders, r)) ||
	    (rc = search_index(fq, r)) ||
	    (rc = verify_times(fq, r->problems)) ||
	    (rc = verify_rows(fq, r->problems)) ||
	    (rc = verify_schema(fq, r->problems)))
		return rc;
	return 0;
}
