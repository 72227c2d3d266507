/*
 * sqlite-search.h - what the SQLite driver's other files ask of its
 * search index (sqlite-search.c): filling it for the cases a database
 * has (migration 2), and keeping it through a bulk load (fq import).
 * The operations of store.h are in sqlite-ops.h.
 */
#ifndef FQ_SQLITE_SEARCH_H
#define FQ_SQLITE_SEARCH_H

#include "store-private.h"

/*
 * Indexes every case of the database from its events, in one walk of
 * them (the migration that makes the index; its SQL is in
 * sqlite-schema.c).  Inside the migration's transaction.
 */
int sqlite_search_fill(struct fq *fq);

/*
 * A bulk load of the index, inside the caller's write transaction:
 * _begin() prepares it (*l from fq->mem); _doc() puts the document of
 * case `case_id` in (nothing when it has no text); _end() releases what
 * _begin() took (safe with NULL).  Cases are new to the index: it must
 * not hold them yet.
 */
struct sqlite_search_load;
int sqlite_search_load_begin(struct fq *fq, struct sqlite_search_load **l);
int sqlite_search_load_doc(struct fq *fq, struct sqlite_search_load *l,
			   long long case_id, const struct search_doc *doc);
void sqlite_search_load_end(struct sqlite_search_load *l);

#endif
