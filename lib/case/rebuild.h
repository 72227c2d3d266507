/*
 * rebuild.h - what fq verify recomputes rather than trusts: every
 * column of every cases row, replayed from its events (replay.h), and
 * the schema's tables, indexes and triggers against this fq's; and fq
 * verify --repair, which restores both and records `repaired` events.
 */
#ifndef FQ_REBUILD_H
#define FQ_REBUILD_H

#include "fq.h"
#include "val.h"

/*
 * Adds a finding (a string) to `problems` for each column of a case row
 * that its events do not bear out ("case #12: status is 'closed', events
 * say 'open'"), and for each case with events but no row.  Cases whose record is
 * incomplete are left to verify_all()'s own findings; so are owner,
 * department and handler, which it checks already.
 */
int verify_rows(struct fq *fq, struct val *problems);
/* Adds a finding for each table, index or trigger that is not fq's. */
int verify_schema(struct fq *fq, struct val *problems);

/*
 * Inside the write lock: makes again the missing or changed indexes and
 * triggers, drops unexpected triggers, rewrites every case row that its
 * events disagree with, and records each rewrite, and the schema's
 * repair, in a `repaired` event.  Each thing done is pushed to `done`
 * (an array of strings).
 */
int rebuild_repair(struct fq *fq, struct val *done);

#endif
