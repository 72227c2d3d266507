/*
 * search-store.h - the search index in the store: its schema, keeping it
 * in step with the events, asking it, and checking it.  The SQLite
 * driver is lib/store/sqlite-search.c; what it holds is in search.h.
 *
 * What a driver guarantees:
 *   - the index holds, for every case, the grams of every text its
 *     events carry (search_doc_event()), and nothing else;
 *   - it changes in the same transaction as the events it follows, so
 *     that a search sees every step committed and none that was not;
 *   - a search is answered from the index and the cases table alone:
 *     how long it takes hardly depends on how many cases there are.
 */
#ifndef FQ_SEARCH_STORE_H
#define FQ_SEARCH_STORE_H

#include "cases.h"
#include "search.h"

/*
 * The migration that brings the index: makes its tables and fills them
 * for the cases the database has.  Runs inside schema_migrate()'s
 * transaction.
 */
int search_migrate(struct fq *fq);

/*
 * Brings the index of case `case_id` up to its events: called after
 * every event is added, inside the write transaction.  Does nothing
 * when the events added since carry no text.  FQ_EINTERNAL when the
 * index disagrees with the case's record (fq verify names it; fq search
 * --reindex mends it).
 */
int search_index_case(struct fq *fq, long long case_id);

/*
 * Indexes every case the index does not hold yet (after fq import's bulk
 * load); *n is how many.  Inside the caller's write transaction.
 */
int search_index_missing(struct fq *fq, long long *n);

/*
 * Empties the index and builds it anew from the events, in a write
 * transaction of its own (fq search --reindex); *n cases indexed.
 */
int search_index_rebuild(struct fq *fq, long long *n);

/*
 * The number of cases whose index disagrees with their events (or that
 * it holds and the database has not), the first such in *first; -1
 * after fq_fail().  A case whose own record is damaged (an event that
 * does not match its digest, a gap in its events) is left to fq verify's
 * other findings: the index still holds what fq wrote.
 */
long long search_index_check(struct fq *fq, long long *first);

/* The order of the hits. */
enum search_order {
	SEARCH_NEWEST,		/* by case number, newest first */
	SEARCH_RELEVANCE,	/* best first (BM25; the summary and the
				   guest's lines weigh more), then newest */
};

/*
 * Calls fn with the id of each case that holds every word of t and
 * matches filter f (as fq list reads it: no status is "not closed"), in
 * `order`, up to f->limit.  fn returns 0 to go on.  Returns 0 or an
 * FQ_E* code.
 */
int search_cases(struct fq *fq, const struct search_terms *t,
		 const struct case_filter *f, enum search_order order,
		 int (*fn)(struct fq *, long long, void *), void *arg);

/*
 * Calls fn with the seq, kind and stored data of each event of a case,
 * in order (the texts a snippet may come from).  The strings last until
 * fn returns.
 */
int search_case_events(struct fq *fq, long long case_id,
		       int (*fn)(struct fq *, long long, const char *,
				 const char *, void *),
		       void *arg);

#endif
