/*
 * find.h - finding cases by the words of their texts (fq search, fq list
 * --text): the cases, through the store's search index (store.h), and in
 * each the texts that hold the words, as snippets with the words marked
 * (search.h).
 */
#ifndef FQ_FIND_H
#define FQ_FIND_H

#include "cases.h"
#include "search.h"

/*
 * Calls fn for each case holding every word of t and matching f (fq
 * list's filters: no status is "not closed"), in `order`, up to
 * f->limit.  fn returns 0 to go on.  Returns 0 or an FQ_E* code.
 */
int find_cases(struct fq *fq, const struct search_terms *t,
	       const struct case_filter *f, enum search_order order,
	       int (*fn)(struct fq *, struct fq_case *, void *), void *arg);

/*
 * Where the words of t stand in case c (its own texts, then its
 * events'), as a JSON array of {field, kind, seq, text, marks}, those
 * that hold the most words first (fq-search(1), JSON).  From fq->mem.
 */
int find_matches(struct fq *fq, const struct search_terms *t,
		 const struct fq_case *c, struct val **out);

/*
 * Builds the search index anew from the events, in a write transaction
 * of its own (fq search --reindex); *n cases indexed.
 */
int find_reindex(struct fq *fq, long long *n);

#endif
